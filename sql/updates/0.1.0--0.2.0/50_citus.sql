-- Upgrade part 50: scaling out on Citus (sql/parts/94_distribute.sql) and the graph
-- queries, view helpers and views rewritten so that they run on Citus as they do on one
-- server (sql/parts/97_cpg_helpers.sql, 98_cpg_views.sql, 99_cpg_queries.sql). The
-- function and view texts are those of the install parts (the two views are restated
-- whole, hence the length of this part).
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

-- The view helpers take the rows they used to read. The new helpers come first, the views
-- and functions that called the old ones are replaced, then the old helpers go.
CREATE FUNCTION codecpg.cpg_scip_role_sources(part codecpg.scip_index_v1, cst codecpg.libcst_files_v1)
RETURNS TABLE (src_node_id text, symbol_node_id text, symbol_roles integer, path text, bstart integer,
               bend integer, match text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT codecpg.stable_id('scip_occurrence', part.repo, part.index_id, d.relative_path, o.ordinality::text),
         codecpg.stable_id('scip_symbol', part.repo, o.symbol), o.symbol_roles, d.relative_path,
         (o.range).bstart, (o.range).bend, 'scip_occurrence'
    FROM unnest(part.documents) d
   CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
   WHERE o.symbol <> ''
  UNION ALL
  SELECT c.node_id, codecpg.stable_id('scip_symbol', part.repo, o.symbol), o.symbol_roles, cst.path,
         c.bstart, c.bend, 'scip_span_exact'
    FROM unnest(part.documents) d
   CROSS JOIN LATERAL unnest(d.occurrences) o
    JOIN (SELECT codecpg.stable_id('cst_def', cst.file_id, x.kind, x.def_bstart::text, x.def_bend::text) AS node_id,
                 x.name_bstart AS bstart, x.name_bend AS bend
            FROM unnest(cst.defs) x
          UNION ALL
          SELECT codecpg.stable_id('span', CASE x.ref_kind WHEN 'NAME' THEN 'CST_NAME_REF'
                                                          WHEN 'ATTRIBUTE' THEN 'CST_ATTRIBUTE_ACCESS' ELSE 'CST_REF' END,
                                   cst.path, x.bstart::text, x.bend::text),
                 x.bstart, x.bend
            FROM unnest(cst.refs) x
          UNION ALL
          SELECT codecpg.stable_id('cst_import', cst.file_id, x.kind, x.alias_bstart::text, x.alias_bend::text),
                 x.alias_bstart, x.alias_bend
            FROM unnest(cst.imports) x) c
      ON c.bstart = (o.range).bstart AND c.bend = (o.range).bend
   WHERE cst.repo = part.repo AND cst.file_id = part.file_id AND o.symbol <> '';
END;
COMMENT ON FUNCTION codecpg.cpg_scip_role_sources(codecpg.scip_index_v1, codecpg.libcst_files_v1) IS
  'For a SCIP index part and the CST facts of its file (NULL when there are none): every occurrence (as its SCIP_OCCURRENCE node) and every CST definition name, reference and import alias at exactly an occurrence''s byte span, with the occurrence''s symbol (SCIP_SYMBOL node) and role bits. cpg_edges turns the role bits into PY_*_SYMBOL edges. It reads no table, so that on Citus it runs inside the shard query of the worker that holds the repository.';

CREATE FUNCTION codecpg.cpg_bc_anchors(f codecpg.bytecode_files_v1, scopes codecpg.cpg_scopes_v1[])
RETURNS TABLE (unit_id text, anchor_id text, bstart integer, bend integer, method text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT u.unit_id,
         CASE WHEN u.code_id = 0 THEN codecpg.stable_id('py_module', f.file_id) ELSE s.node_id END,
         u.bstart, u.bend, CASE WHEN u.code_id = 0 THEN 'module' ELSE 'qualname_order' END
    FROM (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id,
                 c.code_id, c.qualname, (c.span).bstart, (c.span).bend,
                 row_number() OVER (PARTITION BY c.qualname ORDER BY c.code_id) AS rk
            FROM unnest(f.code_objects) c) u
    LEFT JOIN (SELECT s.node_id, s.qualname, row_number() OVER (PARTITION BY s.qualname ORDER BY s.bstart) AS rk
                 FROM unnest(scopes) s
                WHERE s.repo = f.repo AND s.file_id = f.file_id AND s.qualname IS NOT NULL) s
      ON s.qualname = u.qualname AND s.rk = u.rk
   WHERE u.code_id = 0 OR s.node_id IS NOT NULL;
END;
COMMENT ON FUNCTION codecpg.cpg_bc_anchors(codecpg.bytecode_files_v1, codecpg.cpg_scopes_v1[]) IS
  'Anchors the code units of a file to CPG nodes: the module''s code to its PY_MODULE node, a class body or function to the CST definition with the same __qualname__ (the n-th code object of a qualname to the n-th definition of it in source order; comprehensions have no definition). scopes are the file''s rows of cpg_scopes_v1 (written by codecpg.cpg_refresh; rows of other files are ignored), aggregated with array_agg(ROW(sc.*)::codecpg.cpg_scopes_v1) and joined on repo and file_id (see the cookbook in docs/cpg.md): the function reads no table, so that on Citus it runs inside the worker''s shard query.';

-- Not inlined into the views' callers: Citus cannot plan an inlined SQL function over
-- distributed tables.
ALTER FUNCTION codecpg.cpg_diagnostics() SET search_path = pg_catalog;

CREATE OR REPLACE VIEW codecpg.cpg_nodes AS
-- repository, files, modules, packages
SELECT codecpg.stable_id('py_repo', r.repo) AS node_id, (SELECT 'PY_REPO'::text) AS node_kind, r.repo,
       NULL::text AS file_id, NULL::text AS path, NULL::integer AS bstart, NULL::integer AS bend,
       r.repo AS name, 'derived'::text AS origin, NULL::jsonb AS props
  FROM (SELECT DISTINCT f.repo FROM codecpg.repo_files_v1 f) r
UNION ALL
SELECT f.file_id, (SELECT 'PY_FILE'::text), f.repo, f.file_id, f.path, 0, f.size_bytes::integer, f.path, 'derived',
       jsonb_build_object('file_sha256', f.file_sha256, 'encoding', f.encoding, 'line_count', f.line_count)
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT codecpg.stable_id('py_module', f.file_id), (SELECT 'PY_MODULE'::text), f.repo, f.file_id, f.path, 0, f.size_bytes::integer,
       codecpg.cpg_module_name(f.path), 'derived', NULL
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT codecpg.stable_id('py_package', f.file_id), (SELECT 'PY_PACKAGE'::text), f.repo, f.file_id, f.path, NULL, NULL,
       codecpg.cpg_module_name(f.path), 'derived', NULL
  FROM codecpg.repo_files_v1 f
 WHERE f.path ~ '(^|/)__init__\.pyi?$'
-- CST definitions and their parts
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), (SELECT 'CST_CLASS_DEF'::text),
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
 WHERE d.kind = 'CLASS'
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), (SELECT 'CST_FUNCTION_DEF'::text),
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
 WHERE d.kind IN ('FUNCTION', 'ASYNC_FUNCTION')
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), (SELECT 'CST_LAMBDA'::text),
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
 WHERE d.kind = 'LAMBDA'
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), (SELECT 'CST_DEF'::text),
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
 WHERE d.kind NOT IN ('CLASS', 'FUNCTION', 'ASYNC_FUNCTION', 'LAMBDA')
UNION ALL
SELECT codecpg.stable_id('span', 'CST_PARAM', f.path, (c.span).bstart::text, (c.span).bend::text), (SELECT 'CST_PARAM'::text),
       f.repo, f.file_id, f.path, (c.span).bstart, (c.span).bend, NULL, 'treesitter',
       jsonb_build_object('ts_kind', c.kind, 'position', c.child_index)
  FROM codecpg.tree_sitter_files_v1 f
 CROSS JOIN LATERAL (SELECT c.* FROM unnest(f.nodes) c JOIN unnest(f.nodes) p ON p.node_id = c.parent_id
                      WHERE p.kind IN ('parameters', 'lambda_parameters') AND c.is_named AND c.kind <> 'comment') c
UNION ALL
SELECT codecpg.stable_id('span', 'CST_DECORATOR', f.path, x.bstart::text, x.bend::text), (SELECT 'CST_DECORATOR'::text),
       f.repo, f.file_id, f.path, x.bstart, x.bend, x.decorator_text, 'libcst',
       jsonb_build_object('owner_def_id', x.owner_def_id, 'decorator_index', x.decorator_index)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.decorators) x
UNION ALL
SELECT DISTINCT codecpg.stable_id('span', 'CST_IMPORT', f.path, i.stmt_bstart::text, i.stmt_bend::text), (SELECT 'CST_IMPORT'::text),
       f.repo, f.file_id, f.path, i.stmt_bstart, i.stmt_bend, i.module, 'libcst',
       jsonb_build_object('kind', i.kind, 'relative_level', i.relative_level)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.imports) i
UNION ALL
SELECT codecpg.stable_id('cst_import', f.file_id, i.kind, i.alias_bstart::text, i.alias_bend::text), (SELECT 'CST_IMPORT_ALIAS'::text),
       f.repo, f.file_id, f.path, i.alias_bstart, i.alias_bend, coalesce(i.asname, i.name), 'libcst',
       jsonb_build_object('module', i.module, 'name', i.name, 'asname', i.asname,
                          'relative_level', i.relative_level, 'is_star', i.is_star)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.imports) i
UNION ALL
SELECT codecpg.stable_id('span', 'CST_NAME_REF', f.path, r.bstart::text, r.bend::text), (SELECT 'CST_NAME_REF'::text),
       f.repo, f.file_id, f.path, r.bstart, r.bend, r.ref_text, 'libcst',
       jsonb_build_object('expr_ctx', r.expr_ctx, 'scope_type', r.scope_type, 'scope_name', r.scope_name,
                          'scope_role', r.scope_role)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.refs) r
 WHERE r.ref_kind = 'NAME'
UNION ALL
SELECT codecpg.stable_id('span', 'CST_ATTRIBUTE_ACCESS', f.path, r.bstart::text, r.bend::text), (SELECT 'CST_ATTRIBUTE_ACCESS'::text),
       f.repo, f.file_id, f.path, r.bstart, r.bend, r.ref_text, 'libcst',
       jsonb_build_object('expr_ctx', r.expr_ctx, 'scope_type', r.scope_type, 'scope_name', r.scope_name,
                          'scope_role', r.scope_role)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.refs) r
 WHERE r.ref_kind = 'ATTRIBUTE'
UNION ALL
SELECT codecpg.stable_id('span', 'CST_REF', f.path, r.bstart::text, r.bend::text), (SELECT 'CST_REF'::text),
       f.repo, f.file_id, f.path, r.bstart, r.bend, r.ref_text, 'libcst',
       jsonb_build_object('expr_ctx', r.expr_ctx, 'scope_type', r.scope_type, 'scope_name', r.scope_name,
                          'scope_role', r.scope_role)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.refs) r
 WHERE r.ref_kind NOT IN ('NAME', 'ATTRIBUTE')
UNION ALL
SELECT codecpg.stable_id('cst_call', f.file_id, c.call_bstart::text, c.call_bend::text), (SELECT 'CST_CALLSITE'::text),
       f.repo, f.file_id, f.path, c.call_bstart, c.call_bend, c.callee_text, 'libcst',
       jsonb_build_object('callee_shape', c.callee_shape, 'callee_dotted', c.callee_dotted, 'arg_count', c.arg_count,
                          'callee_bstart', c.callee_bstart, 'callee_bend', c.callee_bend, 'callee_fqns', c.callee_fqns)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.callsites) c
UNION ALL
SELECT codecpg.stable_id('span', 'CST_ARG', f.path, a.bstart::text, a.bend::text), (SELECT 'CST_ARG'::text),
       f.repo, f.file_id, f.path, a.bstart, a.bend, a.keyword, 'libcst',
       jsonb_build_object('arg_index', a.arg_index, 'star', a.star, 'arg_text', a.arg_text)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.call_args) a
UNION ALL
SELECT codecpg.stable_id('span', 'CST_DOCSTRING', f.path, d.bstart::text, d.bend::text), (SELECT 'CST_DOCSTRING'::text),
       f.repo, f.file_id, f.path, d.bstart, d.bend, NULL, 'libcst',
       jsonb_build_object('owner_kind', d.owner_kind, 'docstring', d.docstring)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.docstrings) d
UNION ALL
SELECT codecpg.stable_id('span', 'TYPE_EXPR', f.path, t.bstart::text, t.bend::text), (SELECT 'TYPE_EXPR'::text),
       f.repo, f.file_id, f.path, t.bstart, t.bend, t.expr_text, 'libcst',
       jsonb_build_object('expr_role', t.expr_role, 'param_name', t.param_name, 'expr_kind', t.expr_kind)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.type_exprs) t
-- syntax trees
UNION ALL
SELECT codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), (SELECT 'AST_DEF'::text),
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, coalesce(n.name, n.kind), 'py_ast',
       jsonb_build_object('kind', n.kind, 'ast_id', n.ast_id, 'field_name', n.field_name, 'value', n.value)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.kind IN ('FunctionDef', 'AsyncFunctionDef', 'ClassDef', 'Lambda')
UNION ALL
SELECT codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), (SELECT 'AST_CALL'::text),
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, coalesce(n.name, n.kind), 'py_ast',
       jsonb_build_object('kind', n.kind, 'ast_id', n.ast_id, 'field_name', n.field_name, 'value', n.value)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.kind = 'Call'
UNION ALL
SELECT codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), (SELECT 'AST_NODE'::text),
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, coalesce(n.name, n.kind), 'py_ast',
       jsonb_build_object('kind', n.kind, 'ast_id', n.ast_id, 'field_name', n.field_name, 'value', n.value)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.kind NOT IN ('FunctionDef', 'AsyncFunctionDef', 'ClassDef', 'Lambda', 'Call')
UNION ALL
SELECT codecpg.stable_id('ts_node', f.file_id, n.node_id::text), (SELECT 'TS_ERROR'::text),
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, n.kind, 'treesitter',
       jsonb_build_object('node_id', n.node_id, 'field_name', n.field_name, 'is_named', n.is_named)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.is_error
UNION ALL
SELECT codecpg.stable_id('ts_node', f.file_id, n.node_id::text), (SELECT 'TS_MISSING'::text),
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, n.kind, 'treesitter',
       jsonb_build_object('node_id', n.node_id, 'field_name', n.field_name, 'is_named', n.is_named)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.is_missing AND NOT n.is_error
UNION ALL
SELECT codecpg.stable_id('ts_node', f.file_id, n.node_id::text), (SELECT 'TS_NODE'::text),
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, n.kind, 'treesitter',
       jsonb_build_object('node_id', n.node_id, 'field_name', n.field_name, 'is_named', n.is_named)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE NOT n.is_error AND NOT n.is_missing
-- symbol tables
UNION ALL
SELECT codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name, coalesce(b.lineno1, 0)::text),
       (SELECT 'SYM_SCOPE'::text), f.repo, f.file_id, f.path, (b.span_hint).bstart, (b.span_hint).bend, b.name, 'symtable',
       jsonb_build_object('block_type', b.block_type, 'qualpath', b.qualpath, 'lineno1', b.lineno1)
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.blocks) b
UNION ALL
SELECT codecpg.stable_id('sym_symbol',
           codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name, coalesce(b.lineno1, 0)::text),
           s.name),
       (SELECT 'SYM_SYMBOL'::text), f.repo, f.file_id, f.path, NULL, NULL, s.name, 'symtable',
       jsonb_build_object('is_local', s.is_local, 'is_global', s.is_global, 'is_declared_global', s.is_declared_global,
                          'is_parameter', s.is_parameter, 'is_imported', s.is_imported, 'is_assigned', s.is_assigned,
                          'is_referenced', s.is_referenced, 'is_free', s.is_free)
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.blocks) b CROSS JOIN LATERAL unnest(b.symbols) s
-- SCIP
UNION ALL
SELECT DISTINCT codecpg.stable_id('scip_index', p.repo, p.index_id), (SELECT 'SCIP_INDEX'::text), p.repo, NULL::text, NULL::text,
       NULL::integer, NULL::integer,
       p.index_id, 'scip', jsonb_build_object('tool', (p.metadata).tool_info.name, 'version', (p.metadata).tool_info.version)
  FROM codecpg.scip_index_v1 p
UNION ALL
SELECT codecpg.stable_id('scip_document', p.repo, p.index_id, d.relative_path), (SELECT 'SCIP_DOCUMENT'::text), p.repo, p.file_id,
       d.relative_path, NULL, NULL, d.relative_path, 'scip', jsonb_build_object('language', d.language)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
UNION ALL
SELECT codecpg.stable_id('scip_occurrence', p.repo, p.index_id, d.relative_path, o.ordinality::text), (SELECT 'SCIP_OCCURRENCE'::text),
       p.repo, p.file_id, d.relative_path, (o.range).bstart, (o.range).bend, o.symbol, 'scip',
       jsonb_build_object('symbol_roles', o.symbol_roles, 'range_raw', o.range_raw)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
UNION ALL
SELECT codecpg.stable_id('scip_diagnostic', p.repo, p.index_id, d.relative_path, o.ordinality::text, g.gord::text),
       (SELECT 'SCIP_DIAGNOSTIC'::text), p.repo, p.file_id, d.relative_path, (o.range).bstart, (o.range).bend, g.message, 'scip',
       jsonb_build_object('severity', g.severity, 'code', g.code, 'source', g.source)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
 CROSS JOIN LATERAL unnest(o.diagnostics) WITH ORDINALITY g(severity, code, message, source, tags, gord)
UNION ALL
SELECT codecpg.stable_id('scip_symbol', s.repo, s.symbol), (SELECT 'SCIP_SYMBOL'::text), s.repo, NULL, NULL, NULL, NULL, s.symbol, 'scip',
       jsonb_build_object('display_name', max(s.display_name), 'kind', max(s.kind))
  FROM (SELECT p.repo, o.symbol, NULL::text AS display_name, NULL::integer AS kind
          FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d CROSS JOIN LATERAL unnest(d.occurrences) o
        UNION ALL
        SELECT p.repo, i.symbol, i.display_name, i.kind
          FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d CROSS JOIN LATERAL unnest(d.symbols) i
        UNION ALL
        SELECT p.repo, i.symbol, i.display_name, i.kind
          FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.external_symbols) i
        UNION ALL
        -- a relationship's target, which may be named nowhere else (the SCIP_SYMBOL_* edges end there)
        SELECT p.repo, r.related_symbol, NULL, NULL
          FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r) s
 WHERE s.symbol IS NOT NULL AND s.symbol <> ''
 GROUP BY s.repo, s.symbol
-- names known only as names: unresolved call targets and the CST's candidate names
UNION ALL
SELECT DISTINCT q.node_id, (SELECT 'PY_QUALIFIED_NAME'::text), q.repo, NULL::text, NULL::text, NULL::integer, NULL::integer, q.name,
       'derived', NULL::jsonb
  FROM (SELECT g.dst_node_id AS node_id, g.repo, g.dst_name AS name
          FROM codecpg.cpg_graph_v1 g WHERE g.dst_kind = 'PY_QUALIFIED_NAME'
        UNION ALL
        SELECT codecpg.stable_id('py_qname', f.repo, n), f.repo, n
          FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.callsites) c
         CROSS JOIN LATERAL unnest(c.callee_fqns) n) q
-- bytecode and control flow
UNION ALL
SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name), (SELECT 'BC_CODE_UNIT'::text),
       f.repo, f.file_id, f.path, (c.span).bstart, (c.span).bend, c.qualname, 'dis',
       jsonb_build_object('code_id', c.code_id, 'firstlineno1', c.firstlineno1, 'argcount', c.argcount,
                          'is_generator', c.is_generator, 'is_coroutine', c.is_coroutine)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c
UNION ALL
SELECT codecpg.stable_id('bc_instr', codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name),
                         i.instr_index::text, i.instr_offset::text),
       (SELECT 'BC_INSTR'::text), f.repo, f.file_id, f.path, (i.span).bstart, (i.span).bend, i.opname, 'dis',
       jsonb_build_object('offset', i.instr_offset, 'argrepr', i.argrepr, 'line_number', i.line_number)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c CROSS JOIN LATERAL unnest(c.instructions) i
UNION ALL
SELECT codecpg.stable_id('bc_block', codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name),
                         b.start_offset::text, b.end_offset::text),
       (SELECT 'CFG_BLOCK'::text), f.repo, f.file_id, f.path, NULL, NULL, b.kind, 'dis',
       jsonb_build_object('start_offset', b.start_offset, 'end_offset', b.end_offset)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c CROSS JOIN LATERAL unnest(c.blocks) b
UNION ALL
SELECT codecpg.stable_id('cfg_exit', codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name)),
       (SELECT 'CFG_EXIT'::text), f.repo, f.file_id, f.path, NULL, NULL, c.qualname, 'dis', NULL
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c
-- diagnostics of every domain (tree-sitter's are its TS_ERROR/TS_MISSING nodes, SCIP's its SCIP_DIAGNOSTIC nodes)
UNION ALL
SELECT codecpg.stable_id('diag', e.file_id, e.domain, e.ord::text), (SELECT 'DIAG'::text), e.repo, e.file_id, e.path,
       e.bstart, e.bend, e.message, e.origin, jsonb_build_object('error_type', e.error_type, 'domain', e.domain)
  -- codecpg.cpg_diagnostics(), written out: Citus cannot plan a SQL function over
  -- distributed tables that the planner inlines into a view
  FROM (SELECT f.repo, f.file_id, f.path, 'libcst', 'libcst', x.ordinality, x.error_type, x.message, x.bstart, x.bend
          FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.parse_errors) WITH ORDINALITY x
        UNION ALL
        SELECT f.repo, f.file_id, f.path, 'ast', 'py_ast', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
          FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x
        UNION ALL
        SELECT f.repo, f.file_id, f.path, 'symtable', 'symtable', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
          FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x
        UNION ALL
        SELECT f.repo, f.file_id, f.path, 'bytecode', 'dis', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
          FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x)
       e(repo, file_id, path, domain, origin, ord, error_type, message, bstart, bend);

CREATE OR REPLACE VIEW codecpg.cpg_edges AS
SELECT coalesce(e.stored_id,
                codecpg.stable_id('edge', e.edge_kind, e.src_node_id, e.dst_node_id, coalesce(e.path, ''),
                                  coalesce(e.bstart::text, ''), coalesce(e.bend::text, ''))) AS edge_id,
       e.edge_kind, e.src_node_id, e.dst_node_id, e.repo, e.path, e.bstart, e.bend, e.edge_owner_file_id,
       e.origin, e.resolution_method, e.confidence, e.score, e.symbol_roles, e.rule_name
  FROM (
-- containment
SELECT NULL::text AS stored_id, (SELECT 'REPO_CONTAINS'::text) AS edge_kind, codecpg.stable_id('py_repo', f.repo) AS src_node_id,
       f.file_id AS dst_node_id, f.repo, f.path, NULL::integer AS bstart, NULL::integer AS bend,
       f.file_id AS edge_owner_file_id, 'derived'::text AS origin, 'structure'::text AS resolution_method,
       1.0::double precision AS confidence, 1.0::double precision AS score, NULL::integer AS symbol_roles,
       NULL::text AS rule_name
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT NULL, (SELECT 'FILE_DECLARES_MODULE'::text), f.file_id, codecpg.stable_id('py_module', f.file_id), f.repo, f.path, NULL, NULL,
       f.file_id, 'derived', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT NULL, (SELECT 'FILE_DECLARES_MODULE'::text), f.file_id, codecpg.stable_id('py_package', f.file_id), f.repo, f.path, NULL, NULL,
       f.file_id, 'derived', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.repo_files_v1 f
 WHERE f.path ~ '(^|/)__init__\.pyi?$'
UNION ALL
SELECT NULL, (SELECT 'FILE_CONTAINS'::text),
       CASE WHEN d.container_def_bstart IS NULL THEN codecpg.stable_id('py_module', f.file_id)
            ELSE codecpg.stable_id('cst_def', f.file_id, d.container_def_kind, d.container_def_bstart::text,
                                   d.container_def_bend::text) END,
       codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text),
       f.repo, f.path, d.def_bstart, d.def_bend, f.file_id, 'libcst', 'span_containment', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
-- CST parent/child
UNION ALL
SELECT NULL, (SELECT 'CST_PARENT_OF'::text), codecpg.stable_id('span', 'CST_IMPORT', f.path, i.stmt_bstart::text, i.stmt_bend::text),
       codecpg.stable_id('cst_import', f.file_id, i.kind, i.alias_bstart::text, i.alias_bend::text),
       f.repo, f.path, i.alias_bstart, i.alias_bend, f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.imports) i
UNION ALL
SELECT NULL, (SELECT 'CST_PARENT_OF'::text), codecpg.stable_id('cst_call', f.file_id, a.call_bstart::text, a.call_bend::text),
       codecpg.stable_id('span', 'CST_ARG', f.path, a.bstart::text, a.bend::text),
       f.repo, f.path, a.bstart, a.bend, f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f
 CROSS JOIN LATERAL (SELECT c.call_bstart, c.call_bend, a.bstart, a.bend
                       FROM unnest(f.callsites) c JOIN unnest(f.call_args) a ON a.call_id = c.call_id) a
UNION ALL
SELECT NULL, (SELECT 'CST_PARENT_OF'::text), codecpg.stable_id('cst_def', f.file_id, x.kind, x.def_bstart::text, x.def_bend::text),
       codecpg.stable_id('span', x.child_kind, f.path, x.bstart::text, x.bend::text),
       f.repo, f.path, x.bstart, x.bend, f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f
 CROSS JOIN LATERAL (SELECT d.kind, d.def_bstart, d.def_bend, 'CST_DECORATOR' AS child_kind, x.bstart, x.bend
                       FROM unnest(f.decorators) x JOIN unnest(f.defs) d ON d.def_id = x.owner_def_id
                     UNION ALL
                     SELECT d.kind, d.def_bstart, d.def_bend, 'CST_DOCSTRING', x.bstart, x.bend
                       FROM unnest(f.docstrings) x JOIN unnest(f.defs) d ON d.def_id = x.owner_def_id) x
UNION ALL
SELECT NULL, (SELECT 'CST_PARENT_OF'::text), codecpg.stable_id('py_module', f.file_id),
       codecpg.stable_id('span', 'CST_DOCSTRING', f.path, x.bstart::text, x.bend::text),
       f.repo, f.path, x.bstart, x.bend, f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.docstrings) x
 WHERE x.owner_def_id IS NULL
UNION ALL
SELECT NULL, (SELECT 'CST_PARENT_OF'::text), codecpg.stable_id('cst_def', f.file_id, p.kind, p.def_bstart::text, p.def_bend::text),
       codecpg.stable_id('span', 'CST_PARAM', f.path, p.bstart::text, p.bend::text),
       f.repo, f.path, p.bstart, p.bend, f.file_id, 'treesitter', 'span_containment', 1.0, 1.0, NULL, NULL
  FROM codecpg.tree_sitter_files_v1 f
  JOIN codecpg.libcst_files_v1 l ON l.repo = f.repo AND l.file_id = f.file_id
 CROSS JOIN LATERAL (
     SELECT d.kind, d.def_bstart, d.def_bend, (c.span).bstart, (c.span).bend
       FROM unnest(f.nodes) c
       JOIN unnest(f.nodes) pl ON pl.node_id = c.parent_id AND pl.kind IN ('parameters', 'lambda_parameters')
       JOIN unnest(f.nodes) o ON o.node_id = pl.parent_id
       JOIN unnest(l.defs) d ON d.def_bend = (o.span).bend
                            AND (d.name_bstart IS NULL AND d.def_bstart = (o.span).bstart
                                 OR d.name_bstart >= (o.span).bstart AND d.name_bend <= (pl.span).bstart)
      WHERE c.is_named AND c.kind <> 'comment') p
-- syntax trees
UNION ALL
SELECT NULL, (SELECT 'AST_PARENT_OF'::text), codecpg.stable_id('ast_node', f.file_id, n.parent_ast_id::text),
       codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), f.repo, f.path, (n.span).bstart, (n.span).bend,
       f.file_id, 'py_ast', 'syntax', 1.0, 1.0, NULL, n.field_name
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.parent_ast_id IS NOT NULL
UNION ALL
SELECT NULL, (SELECT 'TS_PARENT_OF'::text), codecpg.stable_id('ts_node', f.file_id, n.parent_id::text),
       codecpg.stable_id('ts_node', f.file_id, n.node_id::text), f.repo, f.path, (n.span).bstart, (n.span).bend,
       f.file_id, 'treesitter', 'syntax', 1.0, 1.0, NULL, n.field_name
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.parent_id IS NOT NULL
-- symbol tables
UNION ALL
SELECT NULL, (SELECT 'SCOPE_PARENT'::text), x.child_id, x.parent_id, f.repo, f.path, NULL, NULL, f.file_id, 'symtable', 'structure',
       1.0, 1.0, NULL, NULL
  FROM codecpg.symtable_files_v1 f
 CROSS JOIN LATERAL (
     SELECT codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name, coalesce(b.lineno1, 0)::text),
            codecpg.stable_id('sym_scope', f.file_id, p.block_id::text, p.block_type, p.name, coalesce(p.lineno1, 0)::text)
       FROM unnest(f.blocks) b JOIN unnest(f.blocks) p ON p.block_id = b.parent_block_id) x(child_id, parent_id)
UNION ALL
SELECT NULL, (SELECT 'SCOPE_BINDS'::text), x.scope_id, codecpg.stable_id('sym_symbol', x.scope_id, s.name),
       f.repo, f.path, NULL, NULL, f.file_id, 'symtable', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.blocks) b
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name,
                                              coalesce(b.lineno1, 0)::text) AS scope_id) x
 CROSS JOIN LATERAL unnest(b.symbols) s
-- the CST's own candidate names for callees
UNION ALL
SELECT NULL, (SELECT 'CALLSITE_CANDIDATE_QNAME'::text), codecpg.stable_id('cst_call', f.file_id, c.call_bstart::text, c.call_bend::text),
       codecpg.stable_id('py_qname', f.repo, n), f.repo, f.path, c.callee_bstart, c.callee_bend, f.file_id,
       'libcst', 'file_scope', 0.5, 0.5, NULL, NULL
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.callsites) c CROSS JOIN LATERAL unnest(c.callee_fqns) n
-- annotations
UNION ALL
SELECT NULL, (SELECT 'HAS_ANNOTATION'::text),
       CASE WHEN t.owner_def_kind IS NULL THEN codecpg.stable_id('py_module', f.file_id)
            ELSE codecpg.stable_id('cst_def', f.file_id, t.owner_def_kind, t.owner_def_bstart::text, t.owner_def_bend::text) END,
       codecpg.stable_id('span', 'TYPE_EXPR', f.path, t.bstart::text, t.bend::text), f.repo, f.path, t.bstart, t.bend,
       f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, t.expr_role
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.type_exprs) t
-- SCIP: role bits of occurrences, and of the CST nodes at exactly their spans
UNION ALL
SELECT DISTINCT NULL, (SELECT 'PY_DEFINES_SYMBOL'::text), m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p
  LEFT JOIN codecpg.libcst_files_v1 c ON c.repo = p.repo AND c.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p, c) m WHERE m.symbol_roles & 1 <> 0
UNION ALL
SELECT DISTINCT NULL, (SELECT 'PY_IMPORTS_SYMBOL'::text), m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p
  LEFT JOIN codecpg.libcst_files_v1 c ON c.repo = p.repo AND c.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p, c) m WHERE m.symbol_roles & 2 <> 0
UNION ALL
SELECT DISTINCT NULL, (SELECT 'PY_WRITES_SYMBOL'::text), m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p
  LEFT JOIN codecpg.libcst_files_v1 c ON c.repo = p.repo AND c.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p, c) m WHERE m.symbol_roles & 4 <> 0
UNION ALL
SELECT DISTINCT NULL, (SELECT 'PY_READS_SYMBOL'::text), m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p
  LEFT JOIN codecpg.libcst_files_v1 c ON c.repo = p.repo AND c.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p, c) m WHERE m.symbol_roles & 8 <> 0
UNION ALL
SELECT DISTINCT NULL, (SELECT 'PY_REFERENCES_SYMBOL'::text), m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p
  LEFT JOIN codecpg.libcst_files_v1 c ON c.repo = p.repo AND c.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p, c) m WHERE m.symbol_roles & 15 = 0
UNION ALL
SELECT NULL, (SELECT 'SCIP_CONTAINS'::text), codecpg.stable_id('scip_index', p.repo, p.index_id),
       codecpg.stable_id('scip_document', p.repo, p.index_id, d.relative_path), p.repo, d.relative_path, NULL, NULL,
       p.file_id, 'scip', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
UNION ALL
SELECT NULL, (SELECT 'SCIP_CONTAINS'::text), codecpg.stable_id('scip_document', p.repo, p.index_id, d.relative_path),
       codecpg.stable_id('scip_occurrence', p.repo, p.index_id, d.relative_path, o.ordinality::text), p.repo,
       d.relative_path, (o.range).bstart, (o.range).bend, p.file_id, 'scip', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
UNION ALL
SELECT DISTINCT NULL, (SELECT 'SCIP_SYMBOL_REFERENCE'::text), codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), p.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0, 1.0, NULL::integer, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_reference
UNION ALL
SELECT DISTINCT NULL, (SELECT 'SCIP_SYMBOL_IMPLEMENTATION'::text), codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), p.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0, 1.0, NULL::integer, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_implementation
UNION ALL
SELECT DISTINCT NULL, (SELECT 'SCIP_SYMBOL_TYPE_DEFINITION'::text), codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), p.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0, 1.0, NULL::integer, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_type_definition
UNION ALL
SELECT DISTINCT NULL, (SELECT 'SCIP_SYMBOL_DEFINITION'::text), codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), p.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0, 1.0, NULL::integer, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_definition
-- resolved calls, imports, bases and callsite containment (codecpg.cpg_refresh)
UNION ALL
SELECT g.edge_id, g.edge_kind, g.src_node_id, g.dst_node_id, g.repo, g.path, g.bstart, g.bend, g.file_id,
       g.origin, g.resolution_method, g.confidence, g.score, g.symbol_roles, g.rule_name
  FROM codecpg.cpg_graph_v1 g
-- bytecode: code units anchored to their definitions, containment, control flow
UNION ALL
SELECT NULL, (SELECT 'BYTECODE_ANCHOR'::text), u.unit_id, u.anchor_id, f.repo, f.path, u.bstart, u.bend, f.file_id,
       'dis', u.method, 1.0, 1.0, NULL, NULL
  FROM codecpg.bytecode_files_v1 f
  -- the file's scopes, joined rather than read in a correlated subquery, which would
  -- keep Citus from routing the view's query to the one shard of the repository
  LEFT JOIN (SELECT sc.repo, sc.file_id, array_agg(ROW(sc.*)::codecpg.cpg_scopes_v1) AS scopes
                 FROM codecpg.cpg_scopes_v1 sc GROUP BY sc.repo, sc.file_id) fs
           ON fs.repo = f.repo AND fs.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_bc_anchors(f, fs.scopes) u
UNION ALL
SELECT NULL, (SELECT 'BC_CONTAINS'::text), x.parent_id, x.child_id, f.repo, f.path, x.bstart, x.bend, f.file_id, 'dis', 'structure',
       1.0, 1.0, NULL, NULL
  FROM codecpg.bytecode_files_v1 f
 CROSS JOIN LATERAL (
     SELECT codecpg.stable_id('bc_code', f.file_id, p.qualname, p.firstlineno1::text, p.name),
            codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name), (c.span).bstart, (c.span).bend
       FROM unnest(f.code_objects) c JOIN unnest(f.code_objects) p ON p.code_id = c.parent_code_id)
     x(parent_id, child_id, bstart, bend)
UNION ALL
SELECT NULL, (SELECT 'BC_CONTAINS'::text), u.unit_id,
       codecpg.stable_id('bc_block', u.unit_id, b.start_offset::text, b.end_offset::text), f.repo, f.path, NULL, NULL,
       f.file_id, 'dis', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
 CROSS JOIN LATERAL unnest(c.blocks) b
UNION ALL
SELECT NULL, (SELECT 'BC_CONTAINS'::text), u.unit_id,
       codecpg.stable_id('bc_instr', u.unit_id, i.instr_index::text, i.instr_offset::text), f.repo, f.path,
       (i.span).bstart, (i.span).bend, f.file_id, 'dis', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
 CROSS JOIN LATERAL unnest(c.instructions) i
UNION ALL
SELECT NULL, (SELECT 'CFG_NEXT'::text), x.src_node_id, x.dst_node_id, f.repo, f.path, NULL, NULL, f.file_id, 'dis', 'cfg', 1.0, 1.0, NULL, x.kind
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_cfg_edges(f) x WHERE x.kind IN ('next', 'exit')
UNION ALL
SELECT NULL, (SELECT 'CFG_JUMP'::text), x.src_node_id, x.dst_node_id, f.repo, f.path, NULL, NULL, f.file_id, 'dis', 'cfg', 1.0, 1.0, NULL, x.kind
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_cfg_edges(f) x WHERE x.kind = 'jump'
UNION ALL
SELECT NULL, (SELECT 'CFG_BRANCH'::text), x.src_node_id, x.dst_node_id, f.repo, f.path, NULL, NULL, f.file_id, 'dis', 'cfg', 1.0, 1.0, NULL, x.kind
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_cfg_edges(f) x WHERE x.kind = 'branch'
UNION ALL
SELECT NULL, (SELECT 'CFG_EXC'::text), x.src_node_id, x.dst_node_id, f.repo, f.path, NULL, NULL, f.file_id, 'dis', 'cfg', 1.0, 1.0, NULL, x.kind
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_cfg_edges(f) x WHERE x.kind = 'exc'
-- diagnostics
UNION ALL
SELECT NULL, (SELECT 'HAS_DIAGNOSTIC'::text), f.file_id, codecpg.stable_id('ts_node', f.file_id, x.node_id::text), f.repo, f.path,
       (x.span).bstart, (x.span).bend, f.file_id, 'treesitter', 'structure', 1.0, 1.0, NULL, 'TS_ERROR'
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.errors) x
UNION ALL
SELECT NULL, (SELECT 'HAS_DIAGNOSTIC'::text), f.file_id, codecpg.stable_id('ts_node', f.file_id, x.node_id::text), f.repo, f.path,
       (x.span).bstart, (x.span).bend, f.file_id, 'treesitter', 'structure', 1.0, 1.0, NULL, 'TS_MISSING'
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.missing) x
UNION ALL
SELECT NULL, (SELECT 'HAS_DIAGNOSTIC'::text), x.file_id, codecpg.stable_id('diag', x.file_id, x.domain, x.ord::text), x.repo, x.path,
       x.bstart, x.bend, x.file_id, x.origin, 'structure', 1.0, 1.0, NULL, 'DIAG'
  -- codecpg.cpg_diagnostics(), written out as in cpg_nodes
  FROM (SELECT f.repo, f.file_id, f.path, 'libcst', 'libcst', x.ordinality, x.error_type, x.message, x.bstart, x.bend
          FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.parse_errors) WITH ORDINALITY x
        UNION ALL
        SELECT f.repo, f.file_id, f.path, 'ast', 'py_ast', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
          FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x
        UNION ALL
        SELECT f.repo, f.file_id, f.path, 'symtable', 'symtable', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
          FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x
        UNION ALL
        SELECT f.repo, f.file_id, f.path, 'bytecode', 'dis', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
          FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x)
       x(repo, file_id, path, domain, origin, ord, error_type, message, bstart, bend)
UNION ALL
SELECT NULL, (SELECT 'HAS_DIAGNOSTIC'::text), codecpg.stable_id('scip_occurrence', p.repo, p.index_id, d.relative_path, o.ordinality::text),
       codecpg.stable_id('scip_diagnostic', p.repo, p.index_id, d.relative_path, o.ordinality::text, g.ordinality::text),
       p.repo, d.relative_path, (o.range).bstart, (o.range).bend, p.file_id, 'scip', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
 CROSS JOIN LATERAL unnest(o.diagnostics) WITH ORDINALITY g
) e;

CREATE OR REPLACE FUNCTION codecpg.cpg_call_graph(repo text,
    OUT caller text, OUT callee text, OUT call_kind text, OUT sites bigint,
    OUT resolution_method text, OUT confidence double precision,
    OUT caller_node_id text, OUT callee_node_id text)
RETURNS SETOF record
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    SELECT cs.fqn, ds.fqn,
           CASE g.src_kind WHEN 'CST_DECORATOR' THEN 'decorator' ELSE 'call' END,
           count(*), string_agg(DISTINCT g.resolution_method, ',' ORDER BY g.resolution_method), max(g.confidence),
           cs.node_id, ds.node_id
      FROM codecpg.cpg_graph_v1 g
      JOIN codecpg.cpg_scopes_v1 cs ON cs.repo = g.repo AND cs.node_id = g.src_scope_node_id
      JOIN codecpg.cpg_scopes_v1 ds ON ds.repo = g.repo AND ds.node_id = g.dst_node_id
     WHERE g.repo = cpg_call_graph.repo
       AND g.edge_kind IN ('PY_CALLS_SYMBOL', 'PY_CALLS_QNAME')
     GROUP BY cs.fqn, ds.fqn, g.src_kind, cs.node_id, ds.node_id
     ORDER BY 1, 2, 3;
END;
$$;

CREATE OR REPLACE FUNCTION codecpg.cpg_callers(repo text, fqn text, max_depth integer DEFAULT 1)
RETURNS TABLE (caller text, depth integer, caller_node_id text)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    WITH RECURSIVE up(node_id, depth) AS (
        SELECT s.node_id, 0 FROM codecpg.cpg_scopes_v1 s
         WHERE s.repo = cpg_callers.repo AND s.fqn = cpg_callers.fqn
      UNION
        SELECT g.src_scope_node_id, up.depth + 1
          FROM up
          JOIN codecpg.cpg_graph_v1 g ON g.dst_node_id = up.node_id AND g.edge_kind IN ('PY_CALLS_SYMBOL', 'PY_CALLS_QNAME')
         WHERE g.repo = cpg_callers.repo AND up.depth < max_depth
    )
    SELECT s.fqn, min(up.depth), s.node_id
      FROM up JOIN codecpg.cpg_scopes_v1 s ON s.repo = cpg_callers.repo AND s.node_id = up.node_id
     WHERE up.depth > 0
     GROUP BY s.fqn, s.node_id
     ORDER BY 2, 1;
END;
$$;

CREATE OR REPLACE FUNCTION codecpg.cpg_callees(repo text, fqn text, max_depth integer DEFAULT 1)
RETURNS TABLE (callee text, depth integer, callee_node_id text)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    WITH RECURSIVE down(node_id, depth) AS (
        SELECT s.node_id, 0 FROM codecpg.cpg_scopes_v1 s
         WHERE s.repo = cpg_callees.repo AND s.fqn = cpg_callees.fqn
      UNION
        SELECT g.dst_node_id, down.depth + 1
          FROM down
          JOIN codecpg.cpg_graph_v1 g ON g.src_scope_node_id = down.node_id AND g.edge_kind IN ('PY_CALLS_SYMBOL', 'PY_CALLS_QNAME')
         WHERE g.repo = cpg_callees.repo AND down.depth < max_depth
    )
    SELECT coalesce(s.fqn, q.dst_name), min(down.depth), down.node_id
      FROM down
      LEFT JOIN codecpg.cpg_scopes_v1 s ON s.repo = cpg_callees.repo AND s.node_id = down.node_id
      LEFT JOIN LATERAL (SELECT g.dst_name FROM codecpg.cpg_graph_v1 g
                          WHERE g.repo = cpg_callees.repo AND g.dst_node_id = down.node_id AND s.node_id IS NULL
                        LIMIT 1) q ON true
     WHERE down.depth > 0
     GROUP BY 1, down.node_id
     ORDER BY 2, 1;
END;
$$;

CREATE OR REPLACE FUNCTION codecpg.cpg_imports(repo text)
RETURNS TABLE (importer text, imported text, in_repo boolean, path text, bstart integer, bend integer)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    WITH mods AS (
        SELECT DISTINCT codecpg.cpg_module_name(f.path) AS m FROM codecpg.repo_files_v1 f WHERE f.repo = cpg_imports.repo
    ), imp AS (
        SELECT f.path, codecpg.cpg_module_name(f.path) AS importer, i.alias_bstart, i.alias_bend,
               CASE WHEN i.kind = 'IMPORT' THEN i.name
                    ELSE codecpg.cpg_import_base(codecpg.cpg_module_name(f.path), f.path ~ '(^|/)__init__\.pyi?$',
                                                 i.relative_level, i.module) END AS base,
               CASE WHEN i.kind = 'IMPORT' OR i.is_star THEN NULL ELSE i.name END AS name
          FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.imports) i
         WHERE f.repo = cpg_imports.repo
    )
    SELECT imp.importer, coalesce(m.m, imp.base), m.m IS NOT NULL, imp.path, imp.alias_bstart, imp.alias_bend
      FROM imp
      LEFT JOIN LATERAL (
          SELECT mods.m FROM mods
           WHERE concat_ws('.', imp.base, imp.name) = mods.m
              OR left(concat_ws('.', imp.base, imp.name), length(mods.m) + 1) = mods.m || '.'
           ORDER BY length(mods.m) DESC LIMIT 1) m ON true
     WHERE imp.base IS NOT NULL;
END;
$$;

CREATE OR REPLACE FUNCTION codecpg.cpg_dot_cfg(repo text, fqn text)
RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
AS $$
#variable_conflict use_column
BEGIN
  RETURN (
    WITH unit AS (
        SELECT f, c
          FROM codecpg.cpg_scopes_v1 s
          JOIN codecpg.bytecode_files_v1 f ON f.repo = s.repo AND f.file_id = s.file_id
          LEFT JOIN (SELECT sc.repo, sc.file_id, array_agg(ROW(sc.*)::codecpg.cpg_scopes_v1) AS scopes
                         FROM codecpg.cpg_scopes_v1 sc GROUP BY sc.repo, sc.file_id) fs
                   ON fs.repo = f.repo AND fs.file_id = f.file_id
         CROSS JOIN LATERAL codecpg.cpg_bc_anchors(f, fs.scopes) a
         CROSS JOIN LATERAL unnest(f.code_objects) c
         WHERE s.repo = cpg_dot_cfg.repo AND s.fqn = cpg_dot_cfg.fqn AND a.anchor_id = s.node_id
           AND a.unit_id = codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name)
         LIMIT 1
    ), blocks AS (
        SELECT (u.c).qualname AS qualname, b.start_offset, b.end_offset, b.kind,
               (SELECT string_agg(i.instr_offset || ' ' || i.opname || coalesce(' ' || nullif(i.argrepr, ''), ''),
                                  E'\n' ORDER BY i.instr_offset)
                  FROM unnest((u.c).instructions) i
                 WHERE i.instr_offset >= b.start_offset AND i.instr_offset < b.end_offset) AS body
          FROM unit u CROSS JOIN LATERAL unnest((u.c).blocks) b
    ), edges AS (
        SELECT e.src_block_start, e.dst_block_start, e.kind FROM unit u CROSS JOIN LATERAL unnest((u.c).cfg_edges) e
    )
    SELECT 'digraph cfg {' || E'\n'
           || '  node [shape=box, fontname="Courier", fontsize=9];' || E'\n'
           || coalesce('  label=' || codecpg.cpg_dot_quote((SELECT min(b.qualname) FROM blocks b)) || ';' || E'\n', '')
           || coalesce((SELECT string_agg('  b' || b.start_offset || ' [label=' || codecpg.cpg_dot_quote(coalesce(b.body, '')) || ']'
                                          || CASE b.kind WHEN 'handler' THEN ' [style=dashed]' WHEN 'entry' THEN ' [penwidth=2]' ELSE '' END
                                          || ';', E'\n' ORDER BY b.start_offset) FROM blocks b) || E'\n', '')
           || coalesce((SELECT '  exit [shape=doublecircle, label="exit"];' || E'\n'
                               || string_agg('  b' || b.start_offset || ' -> exit;', E'\n' ORDER BY b.start_offset)
                          FROM blocks b
                         WHERE NOT EXISTS (SELECT 1 FROM edges e WHERE e.src_block_start = b.start_offset)) || E'\n', '')
           || coalesce((SELECT string_agg('  b' || e.src_block_start || ' -> b' || e.dst_block_start
                                          || ' [label=' || codecpg.cpg_dot_quote(e.kind) || CASE e.kind WHEN 'exc' THEN ', style=dashed' ELSE '' END || ']'
                                          || ';', E'\n' ORDER BY e.src_block_start, e.dst_block_start, e.kind) FROM edges e) || E'\n', '')
           || '}' || E'\n');
END;
$$;

DROP FUNCTION codecpg.cpg_scip_role_sources(codecpg.scip_index_v1);
DROP FUNCTION codecpg.cpg_bc_anchors(codecpg.bytecode_files_v1);
