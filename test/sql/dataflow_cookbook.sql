-- The data-flow cookbook of docs/dataflow.md, query by query, on the web application of
-- test/data/dataflow/webapp.
\getenv abs_srcdir PG_ABS_SRCDIR
\set root :abs_srcdir '/data/dataflow/webapp'
SET client_min_messages = warning;
SELECT status FROM codecpg.index_repo('cookshop', :'root');

-- Injection flows from web input into shell commands.
SELECT source_path, source_line0, sink_path, sink_line0, sink_callee
  FROM codecpg.cpg_flows('cookshop', codecpg.df_model_names('source', 'web'),
                         codecpg.df_model_names('sink', 'shell'), codecpg.df_model_names('sanitizer', 'shell'))
 ORDER BY 1, 2, 3, 4;

-- Which functions can pass their parameters to os.system (every parameter is a source).
SELECT DISTINCT regexp_replace(source, '\(.*$', '') AS function, source AS parameter
  FROM codecpg.cpg_flows('cookshop', ARRAY['*(*)'], ARRAY['os.system'], codecpg.df_model_names('sanitizer', 'shell'))
 ORDER BY 1, 2;

-- Which functions can reach os.system at all, through calls (transitive callers).
SELECT caller AS fqn, depth AS calls_away FROM codecpg.cpg_callers('cookshop', 'os.system', 10) ORDER BY 2, 1;

-- Where does a parameter flow?
SELECT path, line0, kind, name, scope, steps
  FROM codecpg.cpg_flows_from('cookshop', ARRAY['shop.services.make_report(title)'])
 ORDER BY steps, path, line0, kind;

-- Which module globals are written, and from where: module code and `global` statements,
-- leaving out what imports, def and class statements bind.
WITH events AS (
    SELECT e.repo, e.file_id, e.path, e.event_id, e.qualname, e.kind, e.name, e.line0, u.kind AS unit_kind
      FROM codecpg.dataflow_files_v1 d
     CROSS JOIN LATERAL codecpg.df_events(d) e
      JOIN LATERAL codecpg.df_units(d) u ON u.code_id = e.code_id
     WHERE d.repo = 'cookshop'
), imported AS (
    SELECT d.file_id, s.dst_id
      FROM codecpg.dataflow_files_v1 d
     CROSS JOIN LATERAL codecpg.df_steps(d) s
      JOIN LATERAL codecpg.df_events(d) i ON i.event_id = s.src_id AND i.kind = 'import'
     WHERE d.repo = 'cookshop'
)
SELECT e.path, e.qualname AS written_in, e.name AS global_name, e.line0
  FROM events e
 WHERE (e.kind = 'store_global' OR (e.kind = 'store_name' AND e.unit_kind = 'module'))
   AND e.name NOT LIKE '\_\_%'
   AND NOT EXISTS (SELECT 1 FROM imported i WHERE i.file_id = e.file_id AND i.dst_id = e.event_id)
   AND NOT EXISTS (SELECT 1 FROM codecpg.cpg_scopes_v1 s
                    WHERE s.repo = e.repo AND s.file_id = e.file_id AND s.qualname = e.name)
 ORDER BY 1, 4;

-- Module globals changed in place by other code (container methods, items, attributes).
SELECT e.path, u.qualname AS changed_in, e.kind, e.name, e.line0
  FROM codecpg.dataflow_files_v1 d
 CROSS JOIN LATERAL codecpg.df_events(d) e
  JOIN LATERAL codecpg.df_units(d) u ON u.code_id = e.code_id
 WHERE d.repo = 'cookshop' AND e.kind IN ('update', 'store_item', 'store_attr') AND u.kind <> 'module'
   AND EXISTS (SELECT 1 FROM codecpg.df_events(d) g
                WHERE g.code_id = 0 AND g.kind = 'store_name' AND g.name = split_part(e.name, '.', 1))
   AND NOT EXISTS (SELECT 1 FROM codecpg.df_events(d) l
                    WHERE l.code_id = e.code_id AND l.kind IN ('param', 'store_local')
                      AND l.name = split_part(e.name, '.', 1))
 ORDER BY 1, 5;

-- Reaching definitions: which assignments can a use see? (REACHES edges of the graph.)
SELECT u.path, (u.props ->> 'line0')::int AS use_line0, u.name, (d.props ->> 'line0')::int AS def_line0,
       d.props ->> 'kind' AS definition
  FROM codecpg.cpg_nodes u
  JOIN codecpg.cpg_edges e ON e.edge_kind = 'REACHES' AND e.dst_node_id = u.node_id
  JOIN codecpg.cpg_nodes d ON d.node_kind = 'DF_DEF' AND d.node_id = e.src_node_id
 WHERE u.repo = 'cookshop' AND u.node_kind = 'DF_USE' AND u.path = 'shop/api.py' AND u.name = 'title'
 ORDER BY 2, 4;

-- What a branch decides: the blocks that run when a test is true or false.
SELECT b.qualname, b.edge_kind, substr(r.source, b.bstart + 1, b.bend - b.bstart) AS test,
       b.src_block_start, b.dst_block_start
  FROM codecpg.dataflow_files_v1 d
 CROSS JOIN LATERAL codecpg.df_branches(d) b
  JOIN codecpg.repo_files_v1 r ON r.repo = d.repo AND r.file_id = d.file_id
 WHERE d.repo = 'cookshop' AND d.path = 'shop/views.py' AND b.qualname IN ('ping', 'status')
 ORDER BY 1, 4, 2;

-- The test leaves no rows behind: deleting the files deletes every fact with them.
\set VERBOSITY default
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'cookshop';
DELETE FROM codecpg.index_runs WHERE repo = 'cookshop';
SELECT (SELECT count(*) FROM codecpg.dataflow_files_v1 WHERE repo = 'cookshop') AS dataflow_left,
       (SELECT count(*) FROM codecpg.cpg_nodes WHERE repo = 'cookshop') AS nodes_left;
