-- The SCIP-derived kinds of the CPG that scip-python 0.6.6 never produces on the test
-- project (import/write roles, relationships, diagnostics), proven with a hand-built JSON
-- index (test/data/cpg/handmade_roles.scip.json) whose occurrences sit on exact identifier
-- spans of the project's files: PY_DEFINES/IMPORTS/WRITES/READS/REFERENCES_SYMBOL,
-- SCIP_SYMBOL_REFERENCE/IMPLEMENTATION/TYPE_DEFINITION/DEFINITION, SCIP_DIAGNOSTIC with
-- HAS_DIAGNOSTIC, and PY_CALLS_SYMBOL.
\getenv abs_srcdir PG_ABS_SRCDIR
\set data :abs_srcdir '/data/cpg'
\set repo scipkinds
\set loader :data '/load.psql'
SET client_min_messages = warning;
\i :loader

\set scip_file :data '/handmade_roles.scip.json'
SELECT documents, documents_with_source, occurrences, unmapped_ranges, symbols, external_symbols
  FROM codecpg.scip_load('scipkinds', pg_read_binary_file(:'scip_file'), 'json', 'handmade');
CREATE FUNCTION pg_temp.short(s text) RETURNS text LANGUAGE sql IMMUTABLE
  RETURN regexp_replace(s, '^scip-python python (cpgtest 1|python-stdlib 3\.11) ', '');

-- The fixture as loaded: every occurrence, its roles and the source text at its byte span.
SELECT o.path, o.line0, o.col, o.end_col, o.bstart, o.bend,
       substr(f.source, o.bstart + 1, o.bend - o.bstart) AS text, pg_temp.short(o.symbol) AS symbol,
       o.symbol_roles, o.diagnostic_count
  FROM codecpg.scip_index_v1 i CROSS JOIN LATERAL codecpg.scip_occurrences(i) o
  JOIN codecpg.repo_files_v1 f ON f.repo = i.repo AND f.path = o.path
 WHERE i.repo = 'scipkinds' ORDER BY o.path, o.bstart;
SELECT path, pg_temp.short(symbol) AS symbol, pg_temp.short(related_symbol) AS related_symbol,
       is_reference, is_implementation, is_type_definition, is_definition
  FROM codecpg.scip_index_v1 i CROSS JOIN LATERAL codecpg.scip_symbol_relationships(i) r
 WHERE i.repo = 'scipkinds' ORDER BY 1, 2;

SELECT calls_scip FROM codecpg.cpg_refresh('scipkinds');

-- Every kind is there, from SCIP, exact (confidence 1.0).
SELECT k.kind, count(e.edge_id) AS edges
  FROM unnest(ARRAY['PY_DEFINES_SYMBOL', 'PY_IMPORTS_SYMBOL', 'PY_WRITES_SYMBOL', 'PY_READS_SYMBOL',
                    'PY_REFERENCES_SYMBOL', 'SCIP_SYMBOL_REFERENCE', 'SCIP_SYMBOL_IMPLEMENTATION',
                    'SCIP_SYMBOL_TYPE_DEFINITION', 'SCIP_SYMBOL_DEFINITION', 'HAS_DIAGNOSTIC', 'PY_CALLS_SYMBOL']) k(kind)
  LEFT JOIN codecpg.cpg_edges e ON e.repo = 'scipkinds' AND e.edge_kind = k.kind AND e.origin = 'scip'
 GROUP BY k.kind ORDER BY k.kind;
SELECT edge_kind, origin, resolution_method, confidence, score, count(*) FROM codecpg.cpg_edges
 WHERE repo = 'scipkinds' AND origin = 'scip' GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5;
SELECT node_kind, count(*) FROM codecpg.cpg_nodes WHERE repo = 'scipkinds' AND origin = 'scip' GROUP BY 1 ORDER BY 1;
-- Both ends of every SCIP edge are nodes (a relationship's target included).
SELECT e.edge_kind, count(*) AS dangling
  FROM codecpg.cpg_edges e
 WHERE e.repo = 'scipkinds' AND e.origin = 'scip'
   AND (NOT EXISTS (SELECT 1 FROM codecpg.cpg_nodes n WHERE n.repo = e.repo AND n.node_id = e.src_node_id)
        OR NOT EXISTS (SELECT 1 FROM codecpg.cpg_nodes n WHERE n.repo = e.repo AND n.node_id = e.dst_node_id))
 GROUP BY 1 ORDER BY 1;

-- Role edges: from the occurrence and from each CST node at exactly its span, one per role bit.
SELECT e.edge_kind, e.path, e.bstart, e.bend, s.node_kind AS src_kind, pg_temp.short(s.name) AS src_name,
       pg_temp.short(d.name) AS symbol, e.symbol_roles, e.resolution_method, e.confidence
  FROM codecpg.cpg_edges e
  JOIN codecpg.cpg_nodes s ON s.repo = e.repo AND s.node_id = e.src_node_id
  JOIN codecpg.cpg_nodes d ON d.repo = e.repo AND d.node_id = e.dst_node_id AND d.node_kind = 'SCIP_SYMBOL'
 WHERE e.repo = 'scipkinds' AND e.edge_kind LIKE 'PY\_%\_SYMBOL' AND e.edge_kind <> 'PY_CALLS_SYMBOL'
 ORDER BY e.edge_kind, e.path, e.bstart, s.node_kind;
-- Relationships: symbol -> related symbol, one edge per flag, in the document of the symbol.
SELECT e.edge_kind, e.path, pg_temp.short(s.name) AS symbol, pg_temp.short(d.name) AS related_symbol,
       d.props AS related_props, e.resolution_method, e.confidence
  FROM codecpg.cpg_edges e
  JOIN codecpg.cpg_nodes s ON s.repo = e.repo AND s.node_id = e.src_node_id AND s.node_kind = 'SCIP_SYMBOL'
  JOIN codecpg.cpg_nodes d ON d.repo = e.repo AND d.node_id = e.dst_node_id AND d.node_kind = 'SCIP_SYMBOL'
 WHERE e.repo = 'scipkinds' AND e.edge_kind LIKE 'SCIP\_SYMBOL\_%'
 ORDER BY 1, 3;
-- The occurrence's diagnostic: a SCIP_DIAGNOSTIC node at its span, reached by HAS_DIAGNOSTIC.
SELECT n.path, n.bstart, n.bend, n.name, n.props FROM codecpg.cpg_nodes n
 WHERE n.repo = 'scipkinds' AND n.node_kind = 'SCIP_DIAGNOSTIC';
SELECT e.path, e.bstart, e.bend, s.node_kind AS src_kind, pg_temp.short(s.name) AS src_name,
       s.props->>'symbol_roles' AS src_roles, d.node_kind AS dst_kind, d.name AS dst_name,
       e.origin, e.resolution_method, e.confidence
  FROM codecpg.cpg_edges e
  JOIN codecpg.cpg_nodes s ON s.repo = e.repo AND s.node_id = e.src_node_id
  JOIN codecpg.cpg_nodes d ON d.repo = e.repo AND d.node_id = e.dst_node_id
 WHERE e.repo = 'scipkinds' AND e.edge_kind = 'HAS_DIAGNOSTIC' AND e.origin = 'scip';
-- The call helper(COUNTER) in bump: its callee's occurrence names helper, defined at the
-- name of def helper, so SCIP confirms the call; the others stay with the analysis alone.
SELECT e.path, e.bstart, e.bend, e.edge_kind, d.node_kind AS dst_kind, d.name AS dst_name, e.origin,
       e.resolution_method, e.confidence, e.rule_name
  FROM codecpg.cpg_edges e
  JOIN codecpg.cpg_nodes d ON d.repo = e.repo AND d.node_id = e.dst_node_id
 WHERE e.repo = 'scipkinds' AND e.edge_kind = 'PY_CALLS_SYMBOL';
SELECT caller, callee, call_kind, sites, resolution_method, confidence FROM codecpg.cpg_call_graph('scipkinds')
 WHERE callee = 'app.util.helper' ORDER BY 1;

-- The test leaves no rows behind.
DELETE FROM codecpg.scip_index_v1 WHERE repo = 'scipkinds';
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'scipkinds';
SELECT (SELECT count(*) FROM codecpg.cpg_graph_v1 WHERE repo = 'scipkinds') AS graph_rows_left,
       (SELECT count(*) FROM codecpg.cpg_nodes WHERE repo = 'scipkinds') AS nodes_left;
