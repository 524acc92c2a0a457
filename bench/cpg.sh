#!/usr/bin/env bash
# The code property graph on the standard library: indexing with every installed
# extractor (codecpg.index_repo), the cross-file refresh (codecpg.cpg_refresh), and the
# queries users run: counting all nodes and edges of the views, direct callers of one
# function (through the materialized graph, through the view, and by unnesting the CST's
# in-file candidates on demand), transitive callers to depth 3, the whole call graph.
# Query times are the median of CODECPG_BENCH_CPG_RUNS runs (default 5).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
repo=stdlib-cpg
runs=${CODECPG_BENCH_CPG_RUNS:-5}
target=${CODECPG_BENCH_CPG_FUNCTION:-posixpath.join}

bench_psql -c "CREATE EXTENSION IF NOT EXISTS codecpg" >/dev/null

median_ms() {
    local i
    for i in $(seq "$runs"); do bench_sql_ms "$1"; done | sort -n | awk '{v[NR]=$1} END {print v[int((NR + 1) / 2)]}'
}

index_ms=$(bench_sql_ms "PERFORM codecpg.index_repo('$repo', '$CODECPG_BENCH_CORPUS')")
files=$(bench_psql -At -c "SELECT count(*) FROM codecpg.repo_files_v1 WHERE repo = '$repo'")
domains=$(bench_psql -At -c "SELECT string_agg(domain, ',' ORDER BY domain) FROM codecpg.index_domains()")
emit "indexed files ($domains)" "$files" files
emit "index_repo time" "$index_ms" ms

refresh_ms=$(bench_sql_ms "PERFORM codecpg.cpg_refresh('$repo')")
emit "cpg_refresh time" "$refresh_ms" ms
bench_psql -At -F $'\t' -c "
    SELECT 'scopes (modules, classes, functions, lambdas)', count(*), 'rows' FROM codecpg.cpg_scopes_v1 WHERE repo = '$repo'
    UNION ALL
    SELECT 'callsites', count(*) FILTER (WHERE edge_kind = 'FILE_CONTAINS'), 'rows' FROM codecpg.cpg_graph_v1 WHERE repo = '$repo'
    UNION ALL
    SELECT 'callsites resolved to a definition', count(DISTINCT src_node_id), 'rows' FROM codecpg.cpg_graph_v1
     WHERE repo = '$repo' AND edge_kind LIKE 'PY_CALLS%' AND resolution_method <> 'unresolved' AND src_kind = 'CST_CALLSITE'
    UNION ALL
    SELECT 'cpg_graph_v1 rows', count(*), 'rows' FROM codecpg.cpg_graph_v1 WHERE repo = '$repo'
    UNION ALL
    SELECT 'cpg_graph_v1 + cpg_scopes_v1 storage',
           pg_total_relation_size('codecpg.cpg_graph_v1') + pg_total_relation_size('codecpg.cpg_scopes_v1'), 'bytes'"

emit "count all edges (cpg_edges)" "$(median_ms "PERFORM count(*) FROM codecpg.cpg_edges WHERE repo = '$repo'")" ms
emit "edges" "$(bench_psql -At -c "SELECT count(*) FROM codecpg.cpg_edges WHERE repo = '$repo'")" rows
emit "count all nodes (cpg_nodes)" "$(median_ms "PERFORM count(*) FROM codecpg.cpg_nodes WHERE repo = '$repo'")" ms
emit "nodes" "$(bench_psql -At -c "SELECT count(*) FROM codecpg.cpg_nodes WHERE repo = '$repo'")" rows
emit "count call edges (cpg_edges, by kind)" \
    "$(median_ms "PERFORM count(*) FROM codecpg.cpg_edges WHERE repo = '$repo' AND edge_kind IN ('PY_CALLS_SYMBOL', 'PY_CALLS_QNAME')")" ms

emit "direct callers of $target (cpg_callers)" \
    "$(median_ms "PERFORM * FROM codecpg.cpg_callers('$repo', '$target', 1)")" ms
emit "direct callers of $target" "$(bench_psql -At -c "SELECT count(*) FROM codecpg.cpg_callers('$repo', '$target', 1)")" rows
emit "direct call edges into $target (cpg_edges, by node id)" \
    "$(median_ms "PERFORM * FROM codecpg.cpg_edges e WHERE e.edge_kind IN ('PY_CALLS_SYMBOL', 'PY_CALLS_QNAME') AND e.dst_node_id = (SELECT s.node_id FROM codecpg.cpg_scopes_v1 s WHERE s.repo = '$repo' AND s.fqn = '$target')")" ms
emit "direct callsites naming $target, on-demand unnesting of in-file candidates" \
    "$(median_ms "PERFORM * FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.callsites) c WHERE f.repo = '$repo' AND '$target' = ANY (c.callee_fqns)")" ms
emit "transitive callers of $target to depth 3 (cpg_callers)" \
    "$(median_ms "PERFORM * FROM codecpg.cpg_callers('$repo', '$target', 3)")" ms
emit "transitive callers of $target to depth 3" "$(bench_psql -At -c "SELECT count(*) FROM codecpg.cpg_callers('$repo', '$target', 3)")" rows
emit "whole call graph (cpg_call_graph)" "$(median_ms "PERFORM count(*) FROM codecpg.cpg_call_graph('$repo')")" ms
