-- codecpg install script, part 94: scaling out on Citus, repositories as the distribution key.
-- Every table of the extension leads with repo and no function reads rows of another
-- repository, so on a Citus coordinator each table is distributed by repo, co-located
-- with repo_files_v1: everything about one repository (its files, facts, derived graph,
-- error rows) lives in the same shard group on one worker, where queries filtered by one
-- repository run whole, recursive call-graph traversals included. The tables are found
-- in the catalog (the extension's members), not listed here, so tables added by later
-- parts and versions are distributed too. See docs/scaling.md.

CREATE FUNCTION codecpg.distribute_tables(shard_count integer DEFAULT NULL,
    OUT table_name regclass, OUT method text, OUT action text)
RETURNS SETOF record
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
-- Citus would turn a local table that references a new reference table into a "Citus
-- local table" by creating it on the workers, where the extension already created it.
-- The loop below converts referencing tables after the tables they reference instead.
SET citus.enable_local_reference_table_foreign_keys = off
-- Foreign keys to a reference table created in the same transaction require Citus to
-- use one connection per node from then on.
SET citus.multi_shard_modify_mode = sequential
AS $$
DECLARE
    citus_ok   boolean;
    pending    regclass[];
    t          regclass;
    progressed boolean;
BEGIN
    SELECT count(*) > 0 INTO citus_ok FROM pg_catalog.pg_extension WHERE extname = 'citus';
    IF NOT citus_ok THEN
        RAISE EXCEPTION 'the citus extension is not installed in this database'
            USING ERRCODE = 'feature_not_supported',
                  DETAIL = 'codecpg.distribute_tables() distributes codecpg''s tables over the workers of a Citus cluster.',
                  HINT = 'On the Citus coordinator (citus in shared_preload_libraries), run CREATE EXTENSION citus, add workers with citus_add_node(), then call codecpg.distribute_tables() again.';
    END IF;
    IF NOT citus_is_coordinator() THEN
        RAISE EXCEPTION 'codecpg.distribute_tables() must run on the Citus coordinator'
            USING ERRCODE = 'object_not_in_prerequisite_state',
                  HINT = 'Connect to the coordinator and call it there; the workers receive the tables from it.';
    END IF;
    IF shard_count IS NOT NULL AND shard_count < 1 THEN
        RAISE EXCEPTION 'shard_count must be positive, not %', shard_count
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- Every table of the extension. A table is distributed by repo when it has a repo
    -- column and each of its unique constraints and indexes includes repo (Citus
    -- enforces uniqueness within a shard only); any other table is small and global
    -- (the run records, whose run_id is unique across repositories) and becomes a
    -- reference table, copied to every node, so that it joins with everything.
    CREATE TEMP TABLE cpg_dist_plan ON COMMIT DROP AS
    SELECT c.oid::regclass AS rel,
           (a.attnum IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_index i
                             WHERE i.indrelid = c.oid AND i.indisunique
                               AND NOT (a.attnum = ANY (i.indkey::int2[])))) AS by_repo,
           p.logicalrelid IS NOT NULL AS done
      FROM pg_catalog.pg_depend d
      JOIN pg_catalog.pg_class c ON c.oid = d.objid
      LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attname = 'repo' AND NOT a.attisdropped
      LEFT JOIN pg_catalog.pg_dist_partition p ON p.logicalrelid = c.oid
     WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.deptype = 'e'
       AND d.refclassid = 'pg_catalog.pg_extension'::regclass
       AND d.refobjid = (SELECT e.oid FROM pg_catalog.pg_extension e WHERE e.extname = 'codecpg')
       AND c.relkind IN ('r', 'p') AND NOT c.relispartition;

    FOR table_name, method IN
        SELECT pl.rel, CASE pp.partmethod WHEN 'h' THEN 'distributed' WHEN 'n' THEN 'reference' ELSE pp.partmethod::text END
          FROM cpg_dist_plan pl JOIN pg_catalog.pg_dist_partition pp ON pp.logicalrelid = pl.rel
         WHERE pl.done ORDER BY pl.rel::text
    LOOP
        action := 'unchanged';
        RETURN NEXT;
    END LOOP;

    -- Citus distributes no table with triggers, and a row trigger would run on the worker
    -- inside the shard query, where it may not read codecpg.repositories: the repository
    -- ownership guard (99_roles.sql) goes. Ownership is still checked by every index run,
    -- put_file and scip_load, on the coordinator (apply_privileges leaves Citus tables be).
    FOR t IN
        SELECT tg.tgrelid::regclass FROM pg_catalog.pg_trigger tg JOIN cpg_dist_plan pl ON pl.rel = tg.tgrelid
         WHERE tg.tgname = 'repository_write_guard' AND NOT pl.done
    LOOP
        EXECUTE format('DROP TRIGGER repository_write_guard ON %s', t);
    END LOOP;

    -- Reference tables first, then repo_files_v1, which anchors the co-location group;
    -- a table is converted once every table it references is a Citus table (Citus
    -- requires that of foreign keys).
    SELECT array_agg(rel ORDER BY by_repo, rel <> 'codecpg.repo_files_v1'::regclass, rel::text) INTO pending
      FROM cpg_dist_plan WHERE NOT done;
    WHILE cardinality(pending) > 0 LOOP
        progressed := false;
        FOREACH t IN ARRAY pending LOOP
            CONTINUE WHEN EXISTS (
                SELECT 1 FROM pg_catalog.pg_constraint k
                 WHERE k.conrelid = t AND k.contype = 'f' AND k.confrelid <> t
                   AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition p WHERE p.logicalrelid = k.confrelid));
            IF (SELECT by_repo FROM cpg_dist_plan WHERE rel = t) THEN
                IF t = 'codecpg.repo_files_v1'::regclass THEN
                    PERFORM create_distributed_table(t, 'repo', colocate_with => 'none',
                                                     shard_count => coalesce(shard_count, current_setting('citus.shard_count')::integer));
                ELSE
                    PERFORM create_distributed_table(t, 'repo', colocate_with => 'codecpg.repo_files_v1');
                END IF;
                method := 'distributed';
            ELSE
                PERFORM create_reference_table(t);
                method := 'reference';
            END IF;
            table_name := t;
            action := 'converted';
            RETURN NEXT;
            pending := array_remove(pending, t);
            progressed := true;
        END LOOP;
        IF NOT progressed THEN
            RAISE EXCEPTION 'cannot distribute %: they reference tables that are not Citus tables', pending
                USING ERRCODE = 'object_not_in_prerequisite_state',
                      HINT = 'Distribute the referenced tables (or drop the foreign keys) first.';
        END IF;
    END LOOP;

    -- The coordinator cannot plan view branches that a kind filter dropped at plan time
    -- (src/views/elements.c): each branch names its kind as a constant subquery instead,
    -- a one-time filter that skips the branch when the query starts. The views are
    -- recreated from their definitions with every codecpg.cpg_kind('KIND') so replaced.
    FOR t IN SELECT unnest(ARRAY['codecpg.cpg_nodes', 'codecpg.cpg_edges']::regclass[]) LOOP
        EXECUTE format('CREATE OR REPLACE VIEW %s AS %s', t,
                       regexp_replace(pg_get_viewdef(t), 'codecpg\.cpg_kind\((''[A-Z_]+''::text)\)', '(SELECT \1)', 'g'));
    END LOOP;
END;
$$;
COMMENT ON FUNCTION codecpg.distribute_tables(integer) IS
  'On a Citus coordinator: distributes every table of the extension that has a repo column (and no unique key without it) by repo, co-located with codecpg.repo_files_v1, and makes the others (the run records) reference tables; returns each table with its method and whether it was converted now or already was. Idempotent. shard_count sets the number of shards of the co-location group when it is created (default citus.shard_count). SQLSTATE 0A000 when Citus is not installed. See docs/scaling.md.';
-- Converting tables rewrites where every repository's data lives: the extension owner
-- (a superuser) decides that, never an ordinary role.
REVOKE ALL ON FUNCTION codecpg.distribute_tables(integer) FROM PUBLIC;

-- Citus stores a distributed table's rows in shards, plain tables named <table>_<shard id>
-- on the workers, and runs a query of one repository there with the table's name
-- replaced by its shard's. A shard's row type is then not the table's, and every
-- function that takes a root row (codecpg.ast_nodes(f), the views' helpers) would not
-- be found. A shard that inherits from its table converts to the table's row type, so
-- each new shard of a typed codecpg table is made a child of it as Citus creates it:
-- when the table is distributed, when shards move to another worker, when they split.
-- On the workers the parent is the extension's own table, which holds no rows and is
-- never queried directly (Citus routes every query to the shards).
CREATE FUNCTION codecpg.citus_shard_created()
RETURNS event_trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    created record;
    parent  regclass;
BEGIN
    FOR created IN
        SELECT c.oid::regclass AS shard, c.relname
          FROM pg_event_trigger_ddl_commands() d
          JOIN pg_class c ON c.oid = d.objid
         WHERE d.command_tag = 'CREATE TABLE' AND d.schema_name = 'codecpg' AND c.relkind = 'r'
           AND c.relname ~ '_[0-9]+$' AND NOT c.relispartition
    LOOP
        SELECT t.oid INTO parent
          FROM pg_class t
          JOIN pg_depend dep ON dep.classid = 'pg_class'::regclass AND dep.objid = t.oid AND dep.deptype = 'e'
               AND dep.refobjid = (SELECT e.oid FROM pg_extension e WHERE e.extname = 'codecpg')
         WHERE t.relnamespace = 'codecpg'::regnamespace AND t.reloftype <> 0
           AND t.relname = regexp_replace(created.relname, '_[0-9]+$', '');
        CONTINUE WHEN parent IS NULL
            OR EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = created.shard);
        EXECUTE format('ALTER TABLE %s INHERIT %s', created.shard, parent);
    END LOOP;
END;
$$;
COMMENT ON FUNCTION codecpg.citus_shard_created() IS
  'Event trigger function: makes a new Citus shard of a typed codecpg table (codecpg.<table>_<shard id>) inherit from its table, so that functions taking the table''s row type accept the shard''s rows in the queries Citus runs on the workers. Does nothing on a server without Citus shards.';
REVOKE ALL ON FUNCTION codecpg.citus_shard_created() FROM PUBLIC;

CREATE EVENT TRIGGER codecpg_citus_shard_created ON ddl_command_end
    WHEN TAG IN ('CREATE TABLE')
    EXECUTE FUNCTION codecpg.citus_shard_created();
-- Shard moves may run with session_replication_role = replica.
ALTER EVENT TRIGGER codecpg_citus_shard_created ENABLE ALWAYS;
COMMENT ON EVENT TRIGGER codecpg_citus_shard_created IS
  'Makes every new Citus shard of a typed codecpg table inherit from its table (codecpg.citus_shard_created()).';
