-- codecpg install script, part 99 (the last): roles, privileges, repository ownership.
--
-- Nothing of the extension is open to PUBLIC: the schema grants PUBLIC no USAGE, and no
-- function keeps PostgreSQL's default EXECUTE for PUBLIC but the pure ones the two views
-- call (a role given USAGE and SELECT on the views alone can query them). Access comes
-- in two levels, held by two group roles that codecpg creates (NOLOGIN; roles are
-- cluster-wide, so a member is a reader or writer in every database of the cluster that
-- has codecpg):
--   codecpg_reader  USAGE on the schema; SELECT on every table and view except the
--                   stored source text (repo_files_v1.source); EXECUTE on every function
--                   that writes nothing (not VOLATILE)
--   codecpg_writer  a reader that also reads the source, inserts, updates and deletes
--                   rows, uses the sequences and executes every function but the
--                   administrative ones below
-- A superuser makes a role one or the other with codecpg.grant_reader(role) or
-- codecpg.grant_writer(role). The privileges are granted to the group roles by this
-- script (and by every upgrade script), so pg_dump/pg_restore and upgrades carry them.
--
-- Table privileges say who may write at all; ownership says which repositories: a
-- repository belongs to the role that created it (repositories.owner), and every table
-- with a repo column carries the row trigger repository_write_guard, which lets only
-- members of the owner and superusers change the repository's rows (src/index/owner.c).
--
-- The part runs last so that codecpg.apply_privileges() sees every object of the
-- install script; every upgrade script ends by calling it too.

CREATE FUNCTION codecpg.repository_write_guard()
RETURNS trigger
AS 'MODULE_PATHNAME', 'cpg_repository_write_guard'
LANGUAGE C;
COMMENT ON FUNCTION codecpg.repository_write_guard() IS
  'Row trigger (BEFORE INSERT OR UPDATE OR DELETE) on every table with a repo column: only superusers and roles with the privileges of the repository''s owner (codecpg.repositories.owner) may change its rows. On codecpg.repositories itself (argument ''owner'') it guards the owner column.';

-- The rules of both levels in one place; grant_reader, grant_writer and apply_privileges
-- call it. Functions that only the extension's owner runs stay ungranted.
CREATE FUNCTION codecpg.grant_access(level text)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
    grantee CONSTANT text := CASE level WHEN 'reader' THEN 'codecpg_reader' WHEN 'writer' THEN 'codecpg_writer' END;
    admin CONSTANT text[] := ARRAY['grant_access', 'grant_reader', 'grant_writer', 'revoke_access',
                                   'apply_privileges', 'repository_write_guard',
                                   'comment_attributes', 'copy_type_comments'];
    r record;
BEGIN
    IF grantee IS NULL THEN
        RAISE EXCEPTION 'unknown access level "%"', level
            USING ERRCODE = 'invalid_parameter_value', HINT = 'The levels are reader and writer.';
    END IF;
    EXECUTE format('GRANT USAGE ON SCHEMA codecpg TO %I', grantee);
    FOR r IN
        SELECT c.oid::regclass AS rel, c.relkind
          FROM pg_class c
         WHERE c.relnamespace = 'codecpg'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
         ORDER BY c.relname
    LOOP
        IF r.relkind = 'S' THEN
            IF level = 'writer' THEN
                EXECUTE format('GRANT USAGE, SELECT ON SEQUENCE %s TO %I', r.rel, grantee);
            END IF;
        ELSIF r.rel = 'codecpg.repo_files_v1'::regclass AND level = 'reader' THEN
            -- every column but the stored source
            EXECUTE format('GRANT SELECT (%s) ON %s TO %I',
                           (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
                              FROM pg_attribute a
                             WHERE a.attrelid = r.rel AND a.attnum > 0 AND NOT a.attisdropped
                               AND a.attname <> 'source'),
                           r.rel, grantee);
        ELSIF level = 'writer' AND r.relkind IN ('r', 'p') THEN
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %s TO %I', r.rel, grantee);
        ELSE
            EXECUTE format('GRANT SELECT ON %s TO %I', r.rel, grantee);
        END IF;
    END LOOP;
    FOR r IN
        SELECT p.oid::regprocedure AS fn
          FROM pg_proc p
         WHERE p.pronamespace = 'codecpg'::regnamespace
           AND p.proname <> ALL (admin)
           AND (level = 'writer' OR p.provolatile <> 'v')
         ORDER BY 1
    LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I', r.fn, grantee);
    END LOOP;
END
$$;
COMMENT ON FUNCTION codecpg.grant_access(text) IS
  'Grants the privileges of an access level (reader or writer) on every object of schema codecpg to its group role (codecpg_reader, codecpg_writer); run by codecpg.apply_privileges.';

CREATE FUNCTION codecpg.apply_privileges()
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
    r record;
    distributed boolean;
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE EXCEPTION 'permission denied to change the privileges of codecpg'
            USING ERRCODE = 'insufficient_privilege', DETAIL = 'Only superusers may run codecpg.apply_privileges().';
    END IF;
    -- The group roles, unless an earlier installation (any database) created them. A role
    -- of that name that can log in was not made by codecpg: giving it the privileges of
    -- every codecpg reader or writer would be a surprise.
    FOR r IN SELECT unnest(ARRAY['codecpg_reader', 'codecpg_writer']) AS name LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r.name);
            EXECUTE format('COMMENT ON ROLE %I IS %L', r.name,
                           CASE r.name WHEN 'codecpg_reader'
                                THEN 'codecpg: reads the code property graph and the extracted facts, not the stored source (codecpg.grant_reader).'
                                ELSE 'codecpg: indexes and changes the repositories its members own (codecpg.grant_writer).' END);
        ELSIF (SELECT rolcanlogin OR rolsuper FROM pg_roles WHERE rolname = r.name) THEN
            RAISE EXCEPTION 'role "%" exists and can log in or is a superuser', r.name
                USING ERRCODE = 'duplicate_object',
                      DETAIL = 'codecpg grants its access levels to the group roles codecpg_reader and codecpg_writer.',
                      HINT = 'Rename or alter that role (NOLOGIN NOSUPERUSER) before installing codecpg.';
        END IF;
    END LOOP;
    IF NOT pg_has_role('codecpg_writer', 'codecpg_reader', 'MEMBER') THEN
        GRANT codecpg_reader TO codecpg_writer;
    END IF;

    -- Only what is granted below is executable. PostgreSQL checks EXECUTE on the functions
    -- a view calls against the role querying the view: the pure functions the two views
    -- call (directly or through the functions they inline) are open to PUBLIC, so that
    -- SELECT on a view is all a role needs; they read no table and reveal nothing.
    REVOKE ALL ON ALL FUNCTIONS IN SCHEMA codecpg FROM PUBLIC;
    FOR r IN
        WITH RECURSIVE used(fn) AS (
            SELECT d.refobjid
              FROM pg_depend d JOIN pg_rewrite w ON d.classid = 'pg_rewrite'::regclass AND d.objid = w.oid
             WHERE w.ev_class IN ('codecpg.cpg_nodes'::regclass, 'codecpg.cpg_edges'::regclass)
               AND d.refclassid = 'pg_proc'::regclass
          UNION
            SELECT d.refobjid
              FROM used u JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = u.fn
             WHERE d.refclassid = 'pg_proc'::regclass
        )
        SELECT p.oid::regprocedure AS fn
          FROM used u JOIN pg_proc p ON p.oid = u.fn
         WHERE p.pronamespace = 'codecpg'::regnamespace AND p.provolatile <> 'v' AND NOT p.prosecdef
         ORDER BY 1
    LOOP
        EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO PUBLIC', r.fn);
    END LOOP;
    PERFORM codecpg.grant_access('reader');
    PERFORM codecpg.grant_access('writer');

    -- The ownership guard on every table of the extension with a repo column.
    FOR r IN
        SELECT c.oid::regclass AS rel, c.relname
          FROM pg_class c
          JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
          JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'codecpg'
         WHERE c.relkind IN ('r', 'p')
           AND EXISTS (SELECT 1 FROM pg_attribute a
                        WHERE a.attrelid = c.oid AND a.attname = 'repo' AND NOT a.attisdropped)
           AND NOT EXISTS (SELECT 1 FROM pg_trigger t
                            WHERE t.tgrelid = c.oid AND t.tgname = 'repository_write_guard')
         ORDER BY c.relname
    LOOP
        -- a Citus table keeps none (codecpg.distribute_tables says why)
        IF pg_catalog.to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL THEN
            EXECUTE 'SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition WHERE logicalrelid = $1)'
               INTO distributed USING r.rel;
            CONTINUE WHEN distributed;
        END IF;
        EXECUTE format('CREATE TRIGGER repository_write_guard BEFORE INSERT OR UPDATE OR DELETE ON %s '
                       'FOR EACH ROW EXECUTE FUNCTION codecpg.repository_write_guard(%s)',
                       r.rel, CASE WHEN r.relname = 'repositories' THEN '''owner''' ELSE '' END);
    END LOOP;
END
$$;
COMMENT ON FUNCTION codecpg.apply_privileges() IS
  'Brings the privileges of schema codecpg to their rule (superuser only): no function executable by PUBLIC but the pure functions cpg_nodes and cpg_edges call, the group roles codecpg_reader and codecpg_writer (created when missing) granted their level on every object, and the repository ownership trigger on every table with a repo column. The install script and every upgrade script end by calling it.';

CREATE FUNCTION codecpg.grant_reader(role regrole)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE EXCEPTION 'permission denied to grant access to codecpg'
            USING ERRCODE = 'insufficient_privilege', DETAIL = 'Only superusers may make a role a codecpg reader.';
    END IF;
    EXECUTE format('GRANT codecpg_reader TO %s', role);
END
$$;
COMMENT ON FUNCTION codecpg.grant_reader(regrole) IS
  'Makes a role a codecpg reader (a member of codecpg_reader; superuser only): it may query cpg_nodes, cpg_edges, the graph and cookbook functions and every extracted fact, but not the stored source text (repo_files_v1.source), and may change nothing.';

CREATE FUNCTION codecpg.grant_writer(role regrole)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE EXCEPTION 'permission denied to grant access to codecpg'
            USING ERRCODE = 'insufficient_privilege', DETAIL = 'Only superusers may make a role a codecpg writer.';
    END IF;
    EXECUTE format('GRANT codecpg_writer TO %s', role);
END
$$;
COMMENT ON FUNCTION codecpg.grant_writer(regrole) IS
  'Makes a role a codecpg writer (a member of codecpg_writer; superuser only): a reader that may also read the stored source and index repositories, which then belong to it; repositories of other roles stay closed to it (see codecpg.repositories.owner). Indexing directories of the server also needs pg_read_server_files.';

CREATE FUNCTION codecpg.revoke_access(role regrole)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
    grp name;
BEGIN
    IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RAISE EXCEPTION 'permission denied to revoke access to codecpg'
            USING ERRCODE = 'insufficient_privilege', DETAIL = 'Only superusers may revoke access to codecpg.';
    END IF;
    FOR grp IN
        SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
         WHERE m.member = role AND g.rolname IN ('codecpg_reader', 'codecpg_writer')
    LOOP
        EXECUTE format('REVOKE %I FROM %s', grp, role);
    END LOOP;
END
$$;
COMMENT ON FUNCTION codecpg.revoke_access(regrole) IS
  'Takes the codecpg reader and writer levels from a role (superuser only). Repositories it owns keep their owner; codecpg.alter_repository_owner gives them to another role.';

CREATE FUNCTION codecpg.alter_repository_owner(repo text, new_owner regrole)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
BEGIN
    -- The row trigger checks that the current user acts as both the old and the new owner.
    UPDATE codecpg.repositories r SET owner = new_owner::text WHERE r.repo = alter_repository_owner.repo;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'repository "%" does not exist', repo USING ERRCODE = 'undefined_object';
    END IF;
END
$$;
COMMENT ON FUNCTION codecpg.alter_repository_owner(text, regrole) IS
  'Gives a repository to another role, as ALTER ... OWNER TO does for tables: superusers, or a role with the privileges of both the current and the new owner.';

CREATE FUNCTION codecpg.drop_repository(repo text)
RETURNS bigint
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
    files bigint;
    r record;
BEGIN
    -- A no-op update of the repository's row: the row trigger refuses a role that is not
    -- its owner before anything is deleted, and the row stays locked until commit.
    UPDATE codecpg.repositories x SET owner = x.owner WHERE x.repo = drop_repository.repo;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'repository "%" does not exist', repo USING ERRCODE = 'undefined_object';
    END IF;
    -- Files first (every fact extracted from them goes with them), the staging of its
    -- runs, then whatever else names the repository, and its row last.
    DELETE FROM codecpg.repo_files_v1 f WHERE f.repo = drop_repository.repo;
    GET DIAGNOSTICS files = ROW_COUNT;
    DELETE FROM codecpg.repo_files_v1 f
     WHERE f.repo IN (SELECT E'\x01staging:' || x.run_id FROM codecpg.index_runs x WHERE x.repo = drop_repository.repo);
    FOR r IN
        SELECT c.oid::regclass AS rel
          FROM pg_class c
          JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e'
          JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'codecpg'
         WHERE c.relkind IN ('r', 'p') AND c.relname NOT IN ('repositories', 'repo_files_v1')
           AND EXISTS (SELECT 1 FROM pg_attribute a
                        WHERE a.attrelid = c.oid AND a.attname = 'repo' AND NOT a.attisdropped)
         ORDER BY c.relname
    LOOP
        EXECUTE format('DELETE FROM %s WHERE repo = $1', r.rel) USING repo;
    END LOOP;
    DELETE FROM codecpg.repositories x WHERE x.repo = drop_repository.repo;
    RETURN files;
END
$$;
COMMENT ON FUNCTION codecpg.drop_repository(text) IS
  'Deletes a repository: its files and every fact extracted from them, its SCIP indexes, derived graph, run records and its row in codecpg.repositories; returns the number of files deleted. Only its owner''s members and superusers may.';

SELECT codecpg.apply_privileges();
