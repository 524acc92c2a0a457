-- The set-returning functions over a hand-built tree_sitter_files_v1 row: NULL list
-- elements are skipped but keep their place (a node's node_id is its position in the
-- list), an element whose fields (span included) are all NULL gives a row of NULLs but
-- for its node_id (ts_edges: no edge, it has no parent), NULL identity columns stay NULL.

-- poison(j): identity columns NULL; every list gets a NULL element and an all-NULL one in
-- front, and its first element a span of NULL fields (a node's start_gap and length: the
-- running sum of the gaps goes on from the last byte known).
CREATE FUNCTION pg_temp.poison(j jsonb) RETURNS jsonb LANGUAGE sql AS $$
  SELECT jsonb_object_agg(k, CASE
           WHEN k IN ('repo', 'path', 'file_id', 'file_sha256') THEN 'null'::jsonb
           WHEN k = 'nodes' THEN '[null, {}]'::jsonb
             || jsonb_set(jsonb_set(v, '{0,start_gap}', 'null'), '{0,length}', 'null') || '[null]'::jsonb
           WHEN k IN ('errors', 'missing') THEN '[null, {}]'::jsonb
             || jsonb_set(v, '{0,span}', '{}') || '[null]'::jsonb
           ELSE v END)
    FROM jsonb_each(j) AS t(k, v)
$$;

CREATE TEMP TABLE ts_good AS SELECT codecpg.ts_extract('e', 'm.py', E'def f(:\n    pass\nx = (1,\ny = 2\n') AS f;
CREATE TEMP TABLE ts_bad AS
  SELECT jsonb_populate_record(NULL::codecpg.tree_sitter_files_v1, pg_temp.poison(to_jsonb(f))) AS f FROM ts_good;

SELECT 'nodes' AS fn, (SELECT count(*) FROM ts_good, codecpg.ts_nodes(ts_good.f)) AS good,
       count(*) AS bad, count(*) FILTER (WHERE repo IS NULL AND path IS NULL AND file_id IS NULL AND file_sha256 IS NULL) AS null_identity,
       count(*) FILTER (WHERE bstart IS NULL AND end_col IS NULL) AS null_span
  FROM ts_bad, codecpg.ts_nodes(ts_bad.f)
UNION ALL
SELECT 'edges', (SELECT count(*) FROM ts_good, codecpg.ts_edges(ts_good.f)), count(*), count(*) FILTER (WHERE repo IS NULL), NULL
  FROM ts_bad, codecpg.ts_edges(ts_bad.f)
UNION ALL
SELECT 'errors', (SELECT count(*) FROM ts_good, codecpg.ts_errors(ts_good.f)), count(*), count(*) FILTER (WHERE repo IS NULL),
       count(*) FILTER (WHERE bstart IS NULL AND end_col IS NULL)
  FROM ts_bad, codecpg.ts_errors(ts_bad.f)
UNION ALL
SELECT 'missing', (SELECT count(*) FROM ts_good, codecpg.ts_missing(ts_good.f)), count(*), count(*) FILTER (WHERE repo IS NULL),
       count(*) FILTER (WHERE bstart IS NULL AND end_col IS NULL)
  FROM ts_bad, codecpg.ts_missing(ts_bad.f);

-- the all-NULL element, after the NULL one: only its position is known
SELECT n.node_id, (n.repo, n.path, n.file_id, n.file_sha256, n.parent_id, n.kind, n.kind_id, n.field_name,
        n.child_index, n.is_named, n.has_error, n.is_error, n.is_missing, n.is_extra, n.bstart, n.bend,
        n.line0, n.col, n.end_line0, n.end_col, n.attrs) IS NULL AS rest_null
  FROM ts_bad, codecpg.ts_nodes(ts_bad.f) n WHERE n.kind_id IS NULL;
-- the root, two places further, whose span lost its fields
SELECT n.node_id, n.kind, n.bstart, n.bend, n.line0, n.col, n.end_line0, n.end_col
  FROM ts_bad, codecpg.ts_nodes(ts_bad.f) n WHERE n.parent_id IS NULL AND n.kind_id IS NOT NULL;

-- a parent gap that leads out of the list (a list edited by hand) is no parent
SELECT n.node_id, n.parent_id, n.child_index, n.kind
  FROM ts_good, codecpg.ts_nodes(ROW((ts_good.f).repo, (ts_good.f).path, (ts_good.f).file_id, (ts_good.f).file_sha256,
                                 (SELECT array_agg(ROW(CASE WHEN e.o = 2 THEN 5 ELSE e.parent_gap END, e.start_gap, e.length,
                                                       e.kind_id, e.field_id, e.flags, e.attrs)::codecpg.ts_node ORDER BY e.o)
                                    FROM unnest((ts_good.f).nodes) WITH ORDINALITY e(parent_gap, start_gap, length, kind_id,
                                                                                     field_id, flags, attrs, o)),
                                 (ts_good.f).errors, (ts_good.f).missing, (ts_good.f).stats, (ts_good.f).attrs,
                                 (ts_good.f).line_starts)::codecpg.tree_sitter_files_v1) n
 WHERE n.node_id < 3;

-- line_starts: without it a node has no lines and columns; a list that is not one of line
-- starts is an error
SELECT n.node_id, n.kind, n.bstart, n.bend, n.line0, n.col, n.end_line0, n.end_col
  FROM ts_good, codecpg.ts_nodes(ROW((ts_good.f).repo, (ts_good.f).path, (ts_good.f).file_id, (ts_good.f).file_sha256,
                                 (ts_good.f).nodes, (ts_good.f).errors, (ts_good.f).missing, (ts_good.f).stats,
                                 (ts_good.f).attrs, NULL)::codecpg.tree_sitter_files_v1) n
 WHERE n.node_id < 3;
SELECT count(*) FROM ts_good, codecpg.ts_nodes(ROW((ts_good.f).repo, (ts_good.f).path, (ts_good.f).file_id, (ts_good.f).file_sha256,
                                 (ts_good.f).nodes, (ts_good.f).errors, (ts_good.f).missing, (ts_good.f).stats,
                                 (ts_good.f).attrs, '{1, 5}')::codecpg.tree_sitter_files_v1) n;
SELECT count(*) FROM ts_good, codecpg.ts_nodes(ROW((ts_good.f).repo, (ts_good.f).path, (ts_good.f).file_id, (ts_good.f).file_sha256,
                                 (ts_good.f).nodes, (ts_good.f).errors, (ts_good.f).missing, (ts_good.f).stats,
                                 (ts_good.f).attrs, '{0, NULL}')::codecpg.tree_sitter_files_v1) n;

-- a declaration that drifted from the element type is an error before any row is built
DO $$
BEGIN
  EXECUTE format('CREATE FUNCTION pg_temp.drifted_nodes(f codecpg.tree_sitter_files_v1, OUT repo text, OUT node_id integer) '
                 'RETURNS SETOF record AS %L, %L LANGUAGE C STRICT',
                 (SELECT probin FROM pg_proc WHERE oid = 'codecpg.ts_nodes'::regproc), 'cpg_ts_nodes');
END $$;
SELECT * FROM ts_good, pg_temp.drifted_nodes(ts_good.f);

-- the tree cache: a tree is shared within a transaction and released at its end, and the
-- tree of a source above 2 MB is not kept
CREATE FUNCTION pg_temp.tree_cache_bytes() RETURNS bigint LANGUAGE sql AS $$
  SELECT coalesce(sum(total_bytes), 0) FROM pg_backend_memory_contexts
   WHERE name = 'codecpg tree-sitter tree cache'
$$;
BEGIN;
SELECT (codecpg.ts_extract('e', 'c.py', repeat(E'x = [1, 2, 3]\n', 10000))).stats.node_count;
SELECT pg_temp.tree_cache_bytes() > 1000000 AS tree_kept_in_transaction;
COMMIT;
SELECT pg_temp.tree_cache_bytes() < 100000 AS tree_released_after_commit;
BEGIN;
SELECT (codecpg.ts_extract('e', 'big.py', repeat(E'x = [1, 2, 3]\n', 200000))).stats.node_count;
SELECT pg_temp.tree_cache_bytes() < 100000 AS big_tree_not_kept;
ROLLBACK;
SHOW codecpg.ts_max_bytes;
