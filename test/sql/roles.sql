-- Roles and repository ownership: nothing is open to PUBLIC; a reader queries the graph
-- but not the stored source; a writer indexes repositories it owns, and another writer
-- can neither replace, extend nor delete them, while members of the owner and
-- superusers can.
\getenv abs_srcdir PG_ABS_SRCDIR
\set data :abs_srcdir '/data/cpg'
\set repo roles_cpg
\set loader :data '/load.psql'
SET client_min_messages = warning;
\i :loader
\set VERBOSITY default

CREATE ROLE regress_codecpg_nobody LOGIN;
CREATE ROLE regress_codecpg_reader LOGIN;
CREATE ROLE regress_codecpg_alice LOGIN;
CREATE ROLE regress_codecpg_bob LOGIN;

-- PUBLIC and a role without grants: no schema, no table, and no function but the pure
-- ones the two views call (their EXECUTE is checked against whoever queries a view).
SELECT has_schema_privilege('regress_codecpg_nobody', 'codecpg', 'USAGE') AS schema_usage;
SELECT p.oid::regprocedure AS executable_by_public, p.provolatile, p.prosecdef
  FROM pg_proc p CROSS JOIN LATERAL aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a
 WHERE p.pronamespace = 'codecpg'::regnamespace AND a.grantee = 0
 ORDER BY p.oid::regprocedure::text;
SELECT count(*) FILTER (WHERE has_function_privilege('regress_codecpg_nobody', p.oid, 'EXECUTE')
                          AND NOT has_function_privilege('public', p.oid, 'EXECUTE')) AS functions
  FROM pg_proc p WHERE p.pronamespace = 'codecpg'::regnamespace;
SELECT count(*) FILTER (WHERE has_table_privilege('regress_codecpg_nobody', c.oid, 'SELECT')) AS relations
  FROM pg_class c WHERE c.relnamespace = 'codecpg'::regnamespace AND c.relkind IN ('r', 'v', 'S');
SET ROLE regress_codecpg_nobody;
SELECT count(*) FROM codecpg.cpg_nodes;
SELECT codecpg.stable_id('x', 'y');
RESET ROLE;

-- USAGE on the schema and SELECT on the two views are enough to query them: the views
-- read the tables with their owner's privileges and call no function that reads a table.
CREATE ROLE regress_codecpg_viewer LOGIN;
GRANT USAGE ON SCHEMA codecpg TO regress_codecpg_viewer;
GRANT SELECT ON codecpg.cpg_nodes, codecpg.cpg_edges TO regress_codecpg_viewer;
SET ROLE regress_codecpg_viewer;
SELECT node_kind, count(*), count(DISTINCT node_id) AS ids, min(line) AS first_line
  FROM codecpg.cpg_nodes WHERE repo = 'roles_cpg' AND node_kind IN ('CST_FUNCTION_DEF', 'CST_PARAM', 'PY_MODULE')
 GROUP BY 1 ORDER BY 1;
SELECT edge_kind, count(*), count(DISTINCT edge_id) AS ids FROM codecpg.cpg_edges
 WHERE repo = 'roles_cpg' AND edge_kind IN ('PY_CALLS_QNAME', 'CST_PARENT_OF', 'BYTECODE_ANCHOR', 'CFG_NEXT')
 GROUP BY 1 ORDER BY 1;
SELECT count(*) FROM codecpg.repo_files_v1;
RESET ROLE;
REVOKE ALL ON codecpg.cpg_nodes, codecpg.cpg_edges FROM regress_codecpg_viewer;
REVOKE USAGE ON SCHEMA codecpg FROM regress_codecpg_viewer;
DROP ROLE regress_codecpg_viewer;

-- Only superusers hand out access.
SELECT codecpg.grant_reader('regress_codecpg_reader');
SELECT codecpg.grant_writer('regress_codecpg_alice');
SELECT codecpg.grant_writer('regress_codecpg_bob');
SET ROLE regress_codecpg_alice;
SELECT codecpg.grant_writer('regress_codecpg_nobody');
RESET ROLE;
SELECT rolname, pg_has_role(rolname, 'codecpg_reader', 'USAGE') AS reader,
       pg_has_role(rolname, 'codecpg_writer', 'USAGE') AS writer
  FROM pg_roles WHERE rolname LIKE 'regress_codecpg_%' ORDER BY 1;

-- A reader: the graph, the call graph, callers and callees, the cookbook and every fact,
-- not the source; and no writes.
SET ROLE regress_codecpg_reader;
SELECT count(*) > 100 AS nodes FROM codecpg.cpg_nodes WHERE repo = 'roles_cpg';
SELECT count(*) > 100 AS edges FROM codecpg.cpg_edges WHERE repo = 'roles_cpg';
SELECT count(*) AS resolved_call_edges FROM codecpg.cpg_edges
 WHERE repo = 'roles_cpg' AND edge_kind = 'PY_CALLS_QNAME' AND resolution_method = 'points_to';
SELECT count(*) > 10 AS call_graph FROM codecpg.cpg_call_graph('roles_cpg');
SELECT * FROM codecpg.cpg_callers('roles_cpg', 'app.util.helper', 2);
SELECT callee FROM codecpg.cpg_callees('roles_cpg', 'main.run', 1) ORDER BY 1 LIMIT 3;
SELECT importer, imported FROM codecpg.cpg_imports('roles_cpg') WHERE importer = 'main' ORDER BY 1, 2;
SELECT left(codecpg.cpg_dot_call_graph('roles_cpg', 'app.util.helper', 1), 15) AS dot;
SELECT count(*) > 0 AS defs FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL codecpg.cst_defs(f) d
 WHERE f.repo = 'roles_cpg';
SELECT path, line_count FROM codecpg.repo_files_v1 WHERE repo = 'roles_cpg' AND path = 'main.py';
SELECT source FROM codecpg.repo_files_v1 WHERE repo = 'roles_cpg' AND path = 'main.py';
SELECT count(*) FROM codecpg.repo_files_v1 WHERE repo = 'roles_cpg';
SELECT codecpg.put_file('roles_cpg', 'x.py', 'x = 1');
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'roles_cpg';
SELECT codecpg.index_begin('reader_repo', 'client', '/x');
RESET ROLE;

-- A writer indexes the way the client does (a staged run, as with -j 2) and owns the result.
SET ROLE regress_codecpg_alice;
SELECT codecpg.index_begin('alice_repo', 'client', '/src/alice', '{"cpg": false}') AS run \gset
SELECT file_id, status FROM codecpg.put_file_bytes(codecpg.index_staging_repo(:run), 'm.py',
       convert_to(E'def f():\n    return g()\n\ndef g():\n    return 1\n', 'UTF8'), :run) \gset
SELECT codecpg.index_extract(:run, ARRAY[:'file_id'], true) IS NOT NULL AS extracted;
SELECT codecpg.index_publish(:run, ARRAY['m.py']) AS removed;
SELECT codecpg.index_finish(:run, '{"seen": 1, "added": 1}');
SELECT codecpg.put_file('alice_repo', 'n.py', E'import m\nm.f()\n') IS NOT NULL AS put;
SELECT repo, owner FROM codecpg.repositories WHERE repo = 'alice_repo';
SELECT count(*) AS ast_rows FROM codecpg.ast_files_v1 WHERE repo = 'alice_repo';
RESET ROLE;

-- Another writer can neither replace, extend nor delete alice's repository, directly or
-- through any function, nor take it over.
SET ROLE regress_codecpg_bob;
SELECT codecpg.put_file('alice_repo', 'm.py', 'replaced = True');
SELECT codecpg.put_file('alice_repo', 'extra.py', 'extra = True');
SELECT * FROM codecpg.put_file_bytes('alice_repo', 'extra.py', 'extra = True'::bytea);
SELECT codecpg.index_begin('alice_repo', 'client', '/src/bob');
RESET ROLE;
SET ROLE regress_codecpg_alice;
SELECT codecpg.index_begin('alice_repo', 'client', '/src/alice', '{"cpg": false}') AS run2 \gset
SET ROLE regress_codecpg_bob;
SELECT * FROM codecpg.put_file_bytes(codecpg.index_staging_repo(:run2), 'extra.py', 'extra = True'::bytea, :run2);
SELECT codecpg.index_fail(:run2, 'forged');
SET ROLE regress_codecpg_alice;
SELECT codecpg.index_fail(:run2, 'given up');
SET ROLE regress_codecpg_bob;
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'alice_repo';
DELETE FROM codecpg.ast_files_v1 WHERE repo = 'alice_repo';
UPDATE codecpg.ast_files_v1 SET attrs = '{}' WHERE repo = 'alice_repo';
INSERT INTO codecpg.index_errors (run_id, repo, path, kind, message) VALUES (:run, 'alice_repo', 'm.py', 'syntax', 'forged');
UPDATE codecpg.repositories SET owner = 'regress_codecpg_bob' WHERE repo = 'alice_repo';
SELECT codecpg.alter_repository_owner('alice_repo', 'regress_codecpg_bob');
SELECT codecpg.drop_repository('alice_repo');
SELECT * FROM codecpg.scip_load('alice_repo', convert_to('{"metadata": {}, "documents": []}', 'UTF8'), 'json');
-- nor register a repository for someone else, nor write an unregistered one
INSERT INTO codecpg.repositories (repo, owner) VALUES ('bob_for_alice', 'regress_codecpg_alice');
INSERT INTO codecpg.index_runs (repo, origin, status) VALUES ('nobody_registered_this', 'client', 'running');
-- but bob may read it, and index his own
SELECT count(*) AS alice_files FROM codecpg.repo_files_v1 WHERE repo = 'alice_repo';
SELECT codecpg.put_file('bob_repo', 'b.py', 'b = 1') IS NOT NULL AS put;
RESET ROLE;
SELECT path, md5(source) = md5(E'def f():\n    return g()\n\ndef g():\n    return 1\n') AS unchanged
  FROM codecpg.repo_files_v1 WHERE repo = 'alice_repo' ORDER BY 1;

-- Members of the owner may; so may superusers.
GRANT regress_codecpg_alice TO regress_codecpg_bob;
SET ROLE regress_codecpg_bob;
SELECT codecpg.put_file('alice_repo', 'extra.py', 'extra = True') IS NOT NULL AS member_put;
RESET ROLE;
REVOKE regress_codecpg_alice FROM regress_codecpg_bob;
SELECT codecpg.put_file('alice_repo', 'admin.py', 'admin = True') IS NOT NULL AS superuser_put;

-- Transfer: alice gives nothing to bob without acting as bob; a superuser may.
SET ROLE regress_codecpg_alice;
SELECT codecpg.alter_repository_owner('alice_repo', 'regress_codecpg_bob');
RESET ROLE;
SELECT codecpg.alter_repository_owner('alice_repo', 'regress_codecpg_bob');
SET ROLE regress_codecpg_alice;
SELECT codecpg.put_file('alice_repo', 'late.py', 'late = True');
RESET ROLE;

-- The owner deletes the repository, every row of it.
SET ROLE regress_codecpg_bob;
SELECT codecpg.drop_repository('alice_repo') AS files_deleted;
SELECT codecpg.drop_repository('alice_repo');
RESET ROLE;
SELECT count(*) AS rows_left FROM (
    SELECT repo FROM codecpg.repo_files_v1 UNION ALL SELECT repo FROM codecpg.ast_files_v1
    UNION ALL SELECT repo FROM codecpg.index_runs UNION ALL SELECT repo FROM codecpg.index_errors
    UNION ALL SELECT repo FROM codecpg.repositories) r
 WHERE repo = 'alice_repo';

-- Every table with a repo column carries the guard.
SELECT c.relname FROM pg_class c
 WHERE c.relnamespace = 'codecpg'::regnamespace AND c.relkind = 'r'
   AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'repo')
   AND NOT EXISTS (SELECT 1 FROM pg_trigger t WHERE t.tgrelid = c.oid AND t.tgname = 'repository_write_guard');

-- revoke_access takes both levels away.
SELECT codecpg.revoke_access('regress_codecpg_reader');
SET ROLE regress_codecpg_reader;
SELECT count(*) FROM codecpg.cpg_edges;
RESET ROLE;

SELECT codecpg.drop_repository(r) AS files_deleted FROM unnest(ARRAY['bob_repo', 'roles_cpg']) r;
SELECT codecpg.revoke_access(r) FROM unnest(ARRAY['regress_codecpg_alice', 'regress_codecpg_bob']::regrole[]) r;
DROP ROLE regress_codecpg_nobody, regress_codecpg_reader, regress_codecpg_alice, regress_codecpg_bob;
