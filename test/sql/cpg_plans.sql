-- How the two views are planned, which their speed depends on: every branch is parallel
-- safe (a CTE, or a lateral subquery the planner cannot flatten, runs in the leader only
-- and keeps the whole view from using parallel workers), and a kind filter drops the
-- branches of the other kinds at plan time.
SET client_min_messages = warning;

-- the plan's lines, for a statement
CREATE FUNCTION pg_temp.plan(statement text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE line text;
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || statement LOOP
    RETURN NEXT line;
  END LOOP;
END $$;

-- Forced parallel mode puts a Gather on top of any plan that may run in a worker
-- (debug_parallel_query from PostgreSQL 16 on).
SELECT set_config(CASE WHEN current_setting('server_version_num')::integer >= 160000
                       THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END, 'on', false) IS NOT NULL AS forced;
SELECT view, EXISTS (SELECT FROM pg_temp.plan(format('SELECT count(*) FROM codecpg.%I', view)) l
                     WHERE l LIKE '%Gather%') AS parallel_safe
  FROM (VALUES ('cpg_nodes'), ('cpg_edges')) v(view);
-- the same for every kind the views name, alone, with what a BI tool groups on
SELECT k.view, count(*) > 20 AS many_kinds, count(*) FILTER (WHERE NOT EXISTS (
         SELECT FROM pg_temp.plan(format('SELECT %s, count(*) FROM codecpg.%I WHERE %s = %L GROUP BY 1',
                                         CASE k.view WHEN 'cpg_nodes' THEN 'kind_detail' ELSE 'rule_name' END, k.view,
                                         CASE k.view WHEN 'cpg_nodes' THEN 'node_kind' ELSE 'edge_kind' END, k.kind)) l
          WHERE l LIKE '%Gather%')) AS kinds_not_parallel_safe
  FROM (SELECT DISTINCT v.view, m[1] AS kind
          FROM (VALUES ('cpg_nodes'), ('cpg_edges')) v(view)
         CROSS JOIN LATERAL regexp_matches(pg_get_viewdef(('codecpg.' || v.view)::regclass),
                                           'cpg_kind\(''(\w+)''', 'g') m) k
 GROUP BY k.view ORDER BY k.view;
SELECT set_config(CASE WHEN current_setting('server_version_num')::integer >= 160000
                       THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END, 'off', false) IS NOT NULL AS unforced;

-- A kind filter plans only the branches that can give that kind: the tree-sitter list is
-- read once for its nodes of the three kinds, the bytecode's for its control-flow edges
-- (once more for the blocks without successors), and neither for the other's.
SELECT q.label, count(*) FILTER (WHERE l LIKE '%ts_node_list%') AS ts_node_list_scans,
       count(*) FILTER (WHERE l LIKE '%bytecode_files_v1%') AS bytecode_scans
  FROM (VALUES ('tree-sitter nodes', 'SELECT count(*) FROM codecpg.cpg_nodes WHERE node_kind IN (''TS_NODE'', ''TS_ERROR'', ''TS_MISSING'')'),
               ('TS_ERROR nodes', 'SELECT count(*) FROM codecpg.cpg_nodes WHERE node_kind = ''TS_ERROR'''),
               ('CFG_JUMP edges', 'SELECT count(*) FROM codecpg.cpg_edges WHERE edge_kind = ''CFG_JUMP'''),
               ('CFG_NEXT edges', 'SELECT count(*) FROM codecpg.cpg_edges WHERE edge_kind = ''CFG_NEXT'''),
               ('TS_PARENT_OF edges', 'SELECT count(*) FROM codecpg.cpg_edges WHERE edge_kind = ''TS_PARENT_OF''')) q(label, statement)
 CROSS JOIN LATERAL pg_temp.plan(q.statement) l
 GROUP BY q.label ORDER BY q.label;
