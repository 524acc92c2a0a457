-- codecpg.cpg_flows on test/data/dataflow/cases: one construct per function, with the
-- exact flows and the decoys that must not be reported. Sources: web.request.arg (a
-- function of the project) and the input names of df_models; sinks and sanitizers: all.
\getenv abs_srcdir PG_ABS_SRCDIR
\set root :abs_srcdir '/data/dataflow/cases'
SET client_min_messages = warning;
SELECT status, files_seen, files_failed FROM codecpg.index_repo('cases', :'root');

CREATE TEMP TABLE flows AS
SELECT * FROM codecpg.cpg_flows('cases', ARRAY['web.request.arg'] || codecpg.df_model_names('source', 'input'),
                                codecpg.df_model_names('sink'), codecpg.df_model_names('sanitizer'));

-- Every flow, with its path as line:kind:name steps.
SELECT f.source_path, f.source_line0, f.source, f.sink_path, f.sink_line0, f.sink_callee, f.steps,
       (SELECT string_agg((s ->> 'line0') || ':' || (s ->> 'kind') || coalesce(':' || (s ->> 'name'), ''), ' > '
                          ORDER BY o)
          FROM jsonb_array_elements(f.path) WITH ORDINALITY p(s, o)) AS path
  FROM flows f
 ORDER BY f.sink_path, f.sink_line0, f.source_path, f.source_line0;

-- The decoys: calls of sinks that no flow reaches (constants, sanitized, overwritten,
-- deleted, control dependence only, a clean context of a helper, a clean method result,
-- an item of a tuple that holds no source, a value no source reaches).
SELECT e.path, e.line0, e.name, substr(r.source, e.bstart + 1, e.bend - e.bstart) AS call
  FROM codecpg.dataflow_files_v1 d
 CROSS JOIN LATERAL codecpg.df_events(d) e
  JOIN codecpg.repo_files_v1 r ON r.repo = d.repo AND r.file_id = d.file_id
 WHERE d.repo = 'cases' AND e.kind = 'call'
   AND e.name IN ('os.system', 'subprocess.call', 'eval', 'exec', 'open')
   AND e.node_id NOT IN (SELECT sink_node_id FROM flows)
 ORDER BY 1, 2;

-- A path in full: an argument into a constructor, stored on self, read by another method.
SELECT jsonb_pretty(path) FROM flows WHERE sink_path = 'cases/calls.py' AND sink_line0 = 69;

-- Without the sanitizers, the sanitized calls are flows.
SELECT f.source_line0, f.sink_line0, f.sink_callee
  FROM codecpg.cpg_flows('cases', ARRAY['web.request.arg'], ARRAY['os.system']) f
 WHERE f.sink_path = 'cases/local.py' AND f.sink_line0 IN (41, 46)
 ORDER BY 1, 2;

-- Argument selectors: only the command line of subprocess.call counts, not its keywords.
SELECT f.sink_line0, f.sink_callee FROM codecpg.cpg_flows('cases', ARRAY['web.request.arg'], ARRAY['subprocess.call[0]']) f;
SELECT f.sink_line0, f.sink_callee FROM codecpg.cpg_flows('cases', ARRAY['web.request.arg'], ARRAY['subprocess.call[shell]']) f;

-- Everything a parameter reaches: where does run(cmd) send its argument?
SELECT f.source, f.path, f.line0, f.kind, f.name, f.scope, f.steps, f.via
  FROM codecpg.cpg_flows_from('cases', ARRAY['cases.calls.run(cmd)']) f
 ORDER BY f.steps, f.line0, f.kind;

-- The data flow in the CPG views: definitions and uses anchored to the CST by span, and
-- the edges between them.
SELECT node_kind, count(*) FROM codecpg.cpg_nodes WHERE repo = 'cases' AND node_kind LIKE 'DF%' GROUP BY 1 ORDER BY 1;
SELECT edge_kind, resolution_method, count(*) FROM codecpg.cpg_edges
 WHERE repo = 'cases' AND origin = 'dataflow' GROUP BY 1, 2 ORDER BY 1, 2;
-- Every DF_USE of a name in local.py is exactly a CST name reference.
SELECT u.name, u.bstart, u.bend, c.node_kind AS anchored_to
  FROM codecpg.cpg_nodes u
  LEFT JOIN codecpg.cpg_nodes c ON c.repo = u.repo AND c.file_id = u.file_id AND c.bstart = u.bstart
                               AND c.bend = u.bend AND c.node_kind = 'CST_NAME_REF'
 WHERE u.repo = 'cases' AND u.path = 'cases/local.py' AND u.node_kind = 'DF_USE'
   AND u.props ->> 'kind' = 'load_local' AND u.props ->> 'qualname' = 'overwritten_on_one_path'
 ORDER BY u.bstart;
-- The REACHES edges into the use of cmd at os.system(cmd) in overwritten_on_one_path: both definitions.
SELECT d.props ->> 'line0' AS def_line0, d.name, e.rule_name
  FROM codecpg.cpg_edges e JOIN codecpg.cpg_nodes d ON d.node_id = e.src_node_id AND d.node_kind = 'DF_DEF'
  JOIN codecpg.cpg_nodes u ON u.node_id = e.dst_node_id AND u.node_kind = 'DF_USE'
 WHERE e.repo = 'cases' AND e.edge_kind = 'REACHES' AND u.path = 'cases/local.py' AND (u.props ->> 'line0')::int = 36
 ORDER BY 1;

-- Bad input: a clear error, no crash.
\set VERBOSITY terse
SELECT * FROM codecpg.cpg_flows(NULL, ARRAY['x'], ARRAY['y']);
SELECT * FROM codecpg.cpg_flows('no such repository', ARRAY['x'], ARRAY['y']);
SELECT * FROM codecpg.cpg_flows('cases', ARRAY['x'], ARRAY['os.system[0']);
SELECT * FROM codecpg.cpg_flows('cases', ARRAY['x'], ARRAY['os.system[-1]']);
SELECT * FROM codecpg.cpg_flows('cases', ARRAY['x'], ARRAY['os.system[]']);
SELECT * FROM codecpg.cpg_flows('cases', ARRAY['x[0]'], ARRAY['os.system']);
SELECT * FROM codecpg.cpg_flows('cases', ARRAY[['a'], ['b']], ARRAY['os.system']);
SELECT count(*) FROM codecpg.cpg_flows('cases', NULL, NULL, NULL);
SELECT count(*) FROM codecpg.cpg_flows('cases', ARRAY[NULL, '*'], ARRAY[NULL]);

-- The test leaves no rows behind: deleting the files deletes every fact with them.
\set VERBOSITY default
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'cases';
DELETE FROM codecpg.index_runs WHERE repo = 'cases';
SELECT (SELECT count(*) FROM codecpg.dataflow_files_v1 WHERE repo = 'cases') AS dataflow_left,
       (SELECT count(*) FROM codecpg.cpg_nodes WHERE repo = 'cases') AS nodes_left;
