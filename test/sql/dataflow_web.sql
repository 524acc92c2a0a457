-- codecpg.cpg_flows with the ready-made web sets (df_models categories xss, template,
-- ssrf, redirect, xml) on a portal with Flask views (source flask.request) and Django
-- views (sources *.GET, *.POST, *.META, *.FILES of the request parameter), a service
-- layer and a feed parser (test/data/dataflow/portal). Each category has flows across a
-- function boundary, and decoys that must not be reported: escaped with a sanitizer of the
-- category, a constant URL or template, a value overwritten before the sink, tainted data
-- in an argument the sink does not care about (requests.get(CONST, params=user)).
\getenv abs_srcdir PG_ABS_SRCDIR
\set root :abs_srcdir '/data/dataflow/portal'
SET client_min_messages = warning;
SELECT status, files_seen, files_failed FROM codecpg.index_repo('portal', :'root');

SELECT category, kind, count(*) AS names
  FROM codecpg.df_models
 WHERE builtin AND category IN ('xss', 'template', 'ssrf', 'redirect', 'xml')
 GROUP BY 1, 2 ORDER BY 1, 2;

CREATE TEMP TABLE flows AS
SELECT * FROM codecpg.cpg_flows('portal', codecpg.df_model_names('source', 'web'),
                                codecpg.df_model_names('sink'), codecpg.df_model_names('sanitizer'));

-- Every flow, with its category and its path as file:line:how steps.
SELECT f.source_path, f.source_line0, f.source, f.sink_path, f.sink_line0, f.sink_callee, m.category,
       (SELECT string_agg(regexp_replace(s ->> 'path', '^portal/', '') || ':' || (s ->> 'line0') || ':' || (s ->> 'via'),
                          ' > ' ORDER BY o)
          FROM jsonb_array_elements(f.path) WITH ORDINALITY p(s, o)) AS path
  FROM flows f
  LEFT JOIN codecpg.df_models m ON m.kind = 'sink' AND m.builtin
   AND f.sink_callee = regexp_replace(m.name, '\[.*\]$', '')
 ORDER BY m.category, f.source_path, f.source_line0, f.sink_path, f.sink_line0;

-- The web input no flow starts from: every one is a decoy (its view's qualname says which).
SELECT e.path, e.qualname, e.line0, e.name
  FROM codecpg.dataflow_files_v1 d
 CROSS JOIN LATERAL codecpg.df_events(d) e
 WHERE d.repo = 'portal'
   AND ((e.kind = 'load_global' AND e.name = 'request')
        OR (e.kind = 'load_attr' AND e.name ~ '^request\.(GET|POST|META|FILES)$'))
   AND e.node_id NOT IN (SELECT source_node_id FROM flows)
 ORDER BY 1, 3;

-- The calls of the new sinks no web input reaches: constants, sanitized or overwritten
-- values, tainted data in other arguments (and link_card's Markup, which the response of
-- a request reaches: see the network sources below).
SELECT e.path, e.qualname, e.line0, substr(r.source, e.bstart + 1, e.bend - e.bstart) AS call
  FROM codecpg.dataflow_files_v1 d
 CROSS JOIN LATERAL codecpg.df_events(d) e
  JOIN codecpg.repo_files_v1 r ON r.repo = d.repo AND r.file_id = d.file_id
 WHERE d.repo = 'portal' AND e.kind = 'call'
   AND e.name IN ('Markup', 'mark_safe', 'HttpResponse', 'make_response', 'render_template_string', 'Template',
                  'requests.get', 'requests.post', 'requests.request', 'httpx.post', 'Request', 'urlopen',
                  'redirect', 'HttpResponseRedirect', 'ElementTree.fromstring', 'minidom.parseString',
                  'etree.parse', 'xml.sax.parseString')
   AND e.node_id NOT IN (SELECT sink_node_id FROM flows)
 ORDER BY 1, 3;

-- The sanitizers are what keeps the escaped and template-rendered views out: without
-- them (builtins.len of category any included), they are flows.
SELECT f.source_path, f.source_line0, f.sink_path, f.sink_line0, f.sink_callee
  FROM codecpg.cpg_flows('portal', codecpg.df_model_names('source', 'web'), codecpg.df_model_names('sink', 'xss')) f
 WHERE f.sink_node_id NOT IN (SELECT sink_node_id FROM flows)
 ORDER BY 1, 2, 3, 4;

-- The argument selectors are what keeps the other arguments out: without them, the
-- parameters of requests.get, the JSON body of requests.post and the method of
-- requests.request are flows.
SELECT f.source_path, f.source_line0, f.sink_path, f.sink_line0, f.sink_callee
  FROM codecpg.cpg_flows('portal', codecpg.df_model_names('source', 'web'),
                         ARRAY(SELECT regexp_replace(n, '\[.*\]$', '') FROM unnest(codecpg.df_model_names('sink', 'ssrf')) n)) f
 WHERE f.sink_node_id NOT IN (SELECT sink_node_id FROM flows)
 ORDER BY 1, 2, 3, 4;

-- requests.get is a source (network: its response) and a sink (ssrf: its URL) at once:
-- the response of the preview fetch is rendered as Markup by link_card.
SELECT f.source_path, f.source_line0, f.source, f.sink_path, f.sink_line0, f.sink_callee
  FROM codecpg.cpg_flows('portal', codecpg.df_model_names('source', 'network'),
                         codecpg.df_model_names('sink', 'xss'), codecpg.df_model_names('sanitizer', 'xss')) f
 ORDER BY 1, 2, 4, 5;
SELECT count(*) AS ssrf_flows_into_the_same_call
  FROM flows f
  JOIN codecpg.cpg_flows('portal', codecpg.df_model_names('source', 'network'), codecpg.df_model_names('sink', 'xss')) n
    ON n.source_node_id = f.sink_node_id;

-- The test leaves no rows behind.
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'portal';
DELETE FROM codecpg.index_runs WHERE repo = 'portal';
SELECT (SELECT count(*) FROM codecpg.dataflow_files_v1 WHERE repo = 'portal') AS dataflow_left,
       (SELECT count(*) FROM codecpg.cpg_nodes WHERE repo = 'portal') AS nodes_left;
