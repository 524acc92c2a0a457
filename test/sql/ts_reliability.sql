-- The tree-sitter runtime holds against hostile sources, and a tree never depends on
-- machine load. (Debian's libtree-sitter 0.20.7 aborted the backend, and with it the
-- whole cluster, on an ERROR node of 65,536 children or more; its parse resumed after a
-- time slice could differ from an uninterrupted one.)

SELECT component, version FROM codecpg.version_info() WHERE component LIKE 'tree-sitter%' ORDER BY 1;

-- 64 KiB of one opening bracket: one ERROR node holding every bracket
SELECT codecpg.ts_sexp(repeat('(', 65536));
SELECT b AS bracket, (f).stats.node_count, (f).stats.error_count,
       (SELECT count(*) FROM codecpg.ts_nodes(f) n WHERE n.parent_id = 0 AND n.kind = b) AS error_children,
       (SELECT max(n.bend) FROM codecpg.ts_nodes(f) n) AS last_bend
  FROM unnest(ARRAY['(', '[', '{']) AS b,
       LATERAL (SELECT codecpg.ts_extract('r', 'brackets.py', repeat(b, 65537)) AS f) x
 ORDER BY b;
-- a subscript of 33,000 slices
SELECT (f).stats.node_count, (f).stats.error_count, (f).stats.missing_count
  FROM (SELECT codecpg.ts_extract('r', 'slices.py', 'x = a[' || repeat('1:', 33000) || ']') AS f) x;
SELECT e.error_type, e.message, e.bstart, e.bend
  FROM codecpg.cst_parse_errors(codecpg.cst_extract('r', 'brackets.py', repeat('{', 65537))) e;

-- 40,000 statements whose resumed parse used to come back as a call of a list_splat
CREATE TEMP TABLE splat AS SELECT repeat(E'X = f(*g())\n', 40000) AS source;
SELECT count(*) FILTER (WHERE n.kind = 'call') AS calls,
       count(*) FILTER (WHERE n.kind = 'list_splat') AS list_splats,
       count(*) FILTER (WHERE n.kind = 'list_splat' AND n.field_name = 'function') AS splat_called,
       count(*) FILTER (WHERE n.is_error OR n.is_missing) AS errors
  FROM splat, codecpg.ts_nodes(codecpg.ts_extract('r', 'splat.py', splat.source)) n;
CREATE TEMP TABLE reference AS SELECT md5(codecpg.ts_sexp(source)) AS tree FROM splat;

-- A parse stopped by the time limit gives a row that says so and no tree, never a part of
-- one; the next parse starts over and gives the whole tree.
SET codecpg.ts_timeout_ms = 1;
SELECT (f).stats.node_count, (f).stats.parse_timed_out, cardinality((f).nodes) AS nodes
  FROM (SELECT codecpg.ts_extract('r', 'splat.py', source) AS f FROM splat) x;
SELECT e.error_type, e.message
  FROM splat, codecpg.cst_parse_errors(codecpg.cst_extract('r', 'splat.py', splat.source)) e;
RESET codecpg.ts_timeout_ms;
SELECT md5(codecpg.ts_sexp(source)) = (SELECT tree FROM reference) AS same_tree FROM splat;

-- A cancel stops a parse promptly and leaves the backend's parser ready for the next one.
SET statement_timeout = '50ms';
SELECT codecpg.ts_parse_ms(repeat(source, 10)) FROM splat;
RESET statement_timeout;
SELECT md5(codecpg.ts_sexp(source)) = (SELECT tree FROM reference) AS same_tree_after_cancel FROM splat;
