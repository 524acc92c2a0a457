-- codecpg.cpg_flows on a vulnerable web application (test/data/dataflow/webapp, package
-- shop): Flask views (source flask.request) and a JSON API whose handlers receive the
-- request body as a parameter (source shop.api.handle_*(params)), services, a database
-- layer, background jobs. Known injection paths (SQL, shell, eval, path traversal,
-- unpickling) are reported, each once; parameterized SQL, sanitized input, validated
-- names, constants and control dependence are not.
\getenv abs_srcdir PG_ABS_SRCDIR
\set root :abs_srcdir '/data/dataflow/webapp'
SET client_min_messages = warning;
SELECT status, files_seen, files_failed FROM codecpg.index_repo('shop', :'root');

CREATE TEMP TABLE flows AS
SELECT * FROM codecpg.cpg_flows('shop',
                                codecpg.df_model_names('source', 'web') || ARRAY['shop.api.handle_*(params)'],
                                codecpg.df_model_names('sink'), codecpg.df_model_names('sanitizer'));

SELECT f.source_path, f.source_line0, f.source, f.sink_path, f.sink_line0, f.sink_callee, f.steps
  FROM flows f
 ORDER BY f.source_path, f.source_line0, f.sink_path, f.sink_line0;

-- Which category each flow is, from the sink that matched.
SELECT m.category, count(*) AS flows
  FROM flows f JOIN codecpg.df_models m ON m.kind = 'sink'
   AND f.sink_callee LIKE replace(regexp_replace(m.name, '\[.*\]$', ''), '*', '%')
 GROUP BY 1 ORDER BY 1;

-- The paths, step by step: file:line kind name (how the step was taken).
SELECT f.source_path || ':' || f.source_line0 AS source, o AS step,
       (s ->> 'path') || ':' || (s ->> 'line0') AS at, s ->> 'kind' AS kind, s ->> 'name' AS name,
       s ->> 'via' AS via, s ->> 'text' AS text
  FROM flows f CROSS JOIN LATERAL jsonb_array_elements(f.path) WITH ORDINALITY p(s, o)
 WHERE (f.source_path, f.source_line0) IN (('shop/views.py', 15), ('shop/views.py', 71), ('shop/api.py', 29))
 ORDER BY f.source_path, f.source_line0, o;

-- The calls of sinks no flow reaches: every one is a decoy (job.execute is a method of
-- the project that *.execute[0] names too; it takes no argument).
SELECT e.path, e.line0, substr(r.source, e.bstart + 1, e.bend - e.bstart) AS call
  FROM codecpg.dataflow_files_v1 d
 CROSS JOIN LATERAL codecpg.df_events(d) e
  JOIN codecpg.repo_files_v1 r ON r.repo = d.repo AND r.file_id = d.file_id
 WHERE d.repo = 'shop' AND e.kind = 'call'
   AND e.name ~ '(^|\.)(execute|system|run|check_output|eval|open)$|^pickle\.loads$'
   AND e.node_id NOT IN (SELECT sink_node_id FROM flows)
 ORDER BY 1, 2;

-- Users extend the sets: a project's own sink, and its own sanitizer.
INSERT INTO codecpg.df_models (kind, category, name, description)
VALUES ('sink', 'shop', 'shop.db.Database.query', 'Runs SQL text.'),
       ('sanitizer', 'shop', 'shop.util.title_case', 'Title case keeps letters only (in this project).');
SELECT f.source_line0, f.sink_path, f.sink_line0, f.sink_callee
  FROM codecpg.cpg_flows('shop', ARRAY['flask.request'], codecpg.df_model_names('sink', 'shop'),
                         codecpg.df_model_names('sanitizer', 'shop')) f
 ORDER BY 1, 2, 3;
SELECT kind, category, name, builtin FROM codecpg.df_models WHERE NOT builtin ORDER BY 1, 2, 3;

-- The test leaves no rows behind: deleting the files deletes every fact with them.
\set VERBOSITY default
DELETE FROM codecpg.df_models WHERE NOT builtin;
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'shop';
DELETE FROM codecpg.index_runs WHERE repo = 'shop';
SELECT (SELECT count(*) FROM codecpg.dataflow_files_v1 WHERE repo = 'shop') AS dataflow_left,
       (SELECT count(*) FROM codecpg.cpg_nodes WHERE repo = 'shop') AS nodes_left;
