-- The bytecode part of the CPG on the test project: code units anchored to definitions,
-- CFG blocks and edges, cyclomatic complexity (a cookbook query) and the CFG picture.
\getenv abs_srcdir PG_ABS_SRCDIR
\set data :abs_srcdir '/data/cpg'
\set repo bctest
\set loader :data '/load.psql'
SET client_min_messages = warning;
SELECT to_regprocedure('codecpg.bytecode_extract(text, text, text, text)') IS NOT NULL AS have_bytecode \gset
SELECT :'have_bytecode' AS have_bytecode;
\if :have_bytecode
\i :loader

-- Bytecode nodes and edges.
SELECT node_kind, count(*) FROM codecpg.cpg_nodes WHERE repo = 'bctest' AND origin = 'dis' GROUP BY 1 ORDER BY 1;
SELECT edge_kind, resolution_method, count(*) FROM codecpg.cpg_edges WHERE repo = 'bctest' AND origin = 'dis'
 GROUP BY 1, 2 ORDER BY 1, 2;
-- Every code unit with a definition is anchored to it; comprehensions have none.
SELECT c.qualname, s.fqn AS anchored_to
  FROM codecpg.bytecode_files_v1 f
 CROSS JOIN LATERAL unnest(f.code_objects) c
  LEFT JOIN codecpg.cpg_edges a
         ON a.repo = f.repo AND a.edge_kind = 'BYTECODE_ANCHOR'
        AND a.src_node_id = codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name)
  LEFT JOIN codecpg.cpg_scopes_v1 s ON s.repo = f.repo AND s.node_id = a.dst_node_id
 WHERE f.repo = 'bctest' AND f.path IN ('app/util.py', 'app/shapes.py')
 ORDER BY f.path, c.code_id;

-- Cookbook: functions ranked by cyclomatic complexity.
SELECT s.fqn, c.complexity, c.blocks, c.edges, c.exits
  FROM codecpg.bytecode_files_v1 f
 CROSS JOIN LATERAL codecpg.cpg_complexity(f) c
  JOIN codecpg.cpg_edges a ON a.repo = f.repo AND a.edge_kind = 'BYTECODE_ANCHOR' AND a.src_node_id = c.code_unit_id
  JOIN codecpg.cpg_scopes_v1 s ON s.repo = f.repo AND s.node_id = a.dst_node_id
 WHERE f.repo = 'bctest' AND s.scope_kind <> 'MODULE'
 ORDER BY c.complexity DESC, s.fqn
 LIMIT 6;

-- The control-flow graph of app.util.choose, through the views: blocks, edges and the exit.
SELECT e.edge_kind, e.rule_name, count(*)
  FROM codecpg.cpg_nodes u
  JOIN codecpg.cpg_edges c ON c.edge_kind = 'BC_CONTAINS' AND c.src_node_id = u.node_id
  JOIN codecpg.cpg_edges e ON e.edge_kind IN ('CFG_NEXT', 'CFG_JUMP', 'CFG_BRANCH', 'CFG_EXC') AND e.src_node_id = c.dst_node_id
 WHERE u.repo = 'bctest' AND u.node_kind = 'BC_CODE_UNIT' AND u.name = 'choose'
 GROUP BY 1, 2 ORDER BY 1, 2;

\pset format unaligned
\pset tuples_only on
SELECT codecpg.cpg_dot_cfg('bctest', 'app.util.choose');
\pset format aligned
\pset tuples_only off
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'bctest';
SELECT count(*) AS nodes_left FROM codecpg.cpg_nodes WHERE repo = 'bctest';
\endif
