-- The cookbook of docs/cpg.md, query by query, on the test project (without SCIP).
\getenv abs_srcdir PG_ABS_SRCDIR
\set data :abs_srcdir '/data/cpg'
\set repo cookbook
\set loader :data '/load.psql'
SET client_min_messages = warning;
\i :loader

-- The def-level call graph.
SELECT caller, callee, call_kind, sites FROM codecpg.cpg_call_graph('cookbook');

-- Who calls app.util.helper, transitively.
SELECT caller, depth FROM codecpg.cpg_callers('cookbook', 'app.util.helper', 10);

-- What main.run calls, directly and two calls away.
SELECT callee, depth FROM codecpg.cpg_callees('cookbook', 'main.run', 2);

-- Functions nobody calls (special methods are called by Python itself).
SELECT s.fqn, s.path
  FROM codecpg.cpg_scopes_v1 s
 WHERE s.repo = 'cookbook' AND s.scope_kind IN ('FUNCTION', 'ASYNC_FUNCTION') AND s.name !~ '^__.*__$'
   AND NOT EXISTS (SELECT 1 FROM codecpg.cpg_edges e
                    WHERE e.repo = s.repo AND e.edge_kind IN ('PY_CALLS_SYMBOL', 'PY_CALLS_QNAME')
                      AND e.dst_node_id = s.node_id)
 ORDER BY s.fqn;

-- The import graph between modules.
SELECT DISTINCT importer, imported, in_repo FROM codecpg.cpg_imports('cookbook') ORDER BY importer, imported;

-- Names that calls reach but the repository does not define, most called first.
SELECT l.callee_name AS name, count(*) AS calls, string_agg(DISTINCT l.path, ', ' ORDER BY l.path) AS files
  FROM codecpg.cpg_graph_v1 g CROSS JOIN LATERAL codecpg.cpg_links(g) l
 WHERE g.repo = 'cookbook' AND l.callee_kind = 'UNRESOLVED'
 GROUP BY l.callee_name
 ORDER BY calls DESC, name;

-- Who calls into a library: every call of a name outside the repository, by module.
SELECT split_part(callee, '.', 1) AS library, count(DISTINCT caller) AS callers, sum(sites) AS sites
  FROM codecpg.cpg_call_graph('cookbook')
 WHERE callee_external AND call_kind = 'call'
 GROUP BY 1 ORDER BY 1;

-- Functions that assign a global variable (symbol tables: declared global and assigned).
WITH symbols AS MATERIALIZED (
    SELECT * FROM codecpg.cpg_nodes WHERE repo = 'cookbook' AND node_kind = 'SYM_SYMBOL'
), binds AS MATERIALIZED (
    SELECT * FROM codecpg.cpg_edges WHERE repo = 'cookbook' AND edge_kind = 'SCOPE_BINDS'
), scopes AS MATERIALIZED (
    SELECT * FROM codecpg.cpg_nodes WHERE repo = 'cookbook' AND node_kind = 'SYM_SCOPE'
)
SELECT sc.props->>'qualpath' AS scope, sy.name AS global_name, sy.path
  FROM symbols sy
  JOIN binds b ON b.dst_node_id = sy.node_id
  JOIN scopes sc ON sc.node_id = b.src_node_id
 WHERE sc.props->>'block_type' = 'function'
   AND (sy.props->>'is_declared_global')::boolean AND (sy.props->>'is_assigned')::boolean
 ORDER BY 1, 2;

-- A class and its subclasses, through resolved base classes.
WITH RECURSIVE inherits AS MATERIALIZED (
    SELECT e.src_node_id, e.dst_node_id FROM codecpg.cpg_edges e
     WHERE e.repo = 'cookbook' AND e.edge_kind = 'CLASS_INHERITS'
), sub(node_id, depth) AS (
    SELECT s.node_id, 0 FROM codecpg.cpg_scopes_v1 s WHERE s.repo = 'cookbook' AND s.fqn = 'app.models.base.Base'
  UNION
    SELECT i.src_node_id, sub.depth + 1
      FROM sub JOIN inherits i ON i.dst_node_id = sub.node_id
     WHERE sub.depth < 50
)
SELECT s.fqn AS class, min(sub.depth) AS depth
  FROM sub JOIN codecpg.cpg_scopes_v1 s ON s.repo = 'cookbook' AND s.node_id = sub.node_id
 GROUP BY s.fqn ORDER BY depth, class;

-- Pictures: the call graph around main.run, the import graph of the package app.
\pset format unaligned
\pset tuples_only on
SELECT codecpg.cpg_dot_call_graph('cookbook', 'main.run', 1);
SELECT codecpg.cpg_dot_imports('cookbook', 'app');
SELECT codecpg.cpg_dot_quote(E'say "hi"\\n' || E'\n' || 'to <all>');
\pset format aligned
\pset tuples_only off
-- A name the repository does not define is an error that shows how names are written
-- and the names close to it; so is a package that is not there.
\set VERBOSITY default
SELECT codecpg.cpg_dot_call_graph('cookbook', 'no.such.function', 2);
SELECT codecpg.cpg_dot_call_graph('cookbook', 'util.helper', 2);
SELECT codecpg.cpg_dot_call_graph('cookbook', 'myproject.app.util.helper', 2);
SELECT codecpg.cpg_dot_cfg('cookbook', 'make_adder');
SELECT codecpg.cpg_dot_imports('cookbook', 'models');
\set VERBOSITY terse

-- The test leaves no rows behind: deleting the files deletes every derived row with them.
DELETE FROM codecpg.scip_index_v1 WHERE repo = 'cookbook';
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'cookbook';
SELECT (SELECT count(*) FROM codecpg.cpg_scopes_v1 WHERE repo = 'cookbook') AS scopes_left,
       (SELECT count(*) FROM codecpg.cpg_graph_v1 WHERE repo = 'cookbook') AS graph_rows_left,
       (SELECT count(*) FROM codecpg.cpg_nodes WHERE repo = 'cookbook') AS nodes_left;
