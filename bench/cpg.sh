#!/usr/bin/env bash
# The code property graph on the standard library (a private copy of the corpus):
#   - a full client index with -j 2, the graph included, and the same without the graph;
#   - codecpg.cpg_refresh: from scratch (no graph rows), with nothing changed, and the
#     resolver's own CPU time per phase (its DEBUG1 line: load, solve, write);
#   - a one-file change re-indexed with the graph, client and server, wall time;
#   - the graph's size and the queries users run: callers of one function directly and to
#     depth 3, the whole call graph, who calls into a module outside the repository,
#     counting the views' call edges.
# Query times are the median of CODECPG_BENCH_CPG_RUNS runs (default 5).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
runs=${CODECPG_BENCH_CPG_RUNS:-5}
target=${CODECPG_BENCH_CPG_FUNCTION:-posixpath.join}
bench_psql -c "CREATE EXTENSION IF NOT EXISTS codecpg" >/dev/null

work=$(mktemp -d /tmp/codecpg-bench-cpg.XXXXXX)
trap 'rm -rf "$work"' EXIT
cp -a "$CODECPG_BENCH_CORPUS" "$work/corpus"
chmod -R a+rX "$work"
corpus=$work/corpus
repo=stdlib-cpg

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", b - a}'; }
median_ms() {
    local i
    for i in $(seq "$runs"); do bench_sql_ms "$1"; done | sort -n | awk '{v[NR]=$1} END {print v[int((NR + 1) / 2)]}'
}
# The resolver's CPU ms per phase, from the DEBUG1 line of one refresh.
refresh_phases() {  # refresh_phases LABEL
    local line
    line=$(bench_psql -c "SET client_min_messages = debug1" -c "SELECT codecpg.cpg_refresh('$repo')" 2>&1 >/dev/null \
           | grep 'cpg_refresh(' | head -n 1)
    emit "$1: load CPU" "$(sed -n 's/.*load \([0-9]*\).*/\1/p' <<<"$line")" ms
    emit "$1: solve CPU" "$(sed -n 's/.*solve \([0-9]*\).*/\1/p' <<<"$line")" ms
    emit "$1: write CPU" "$(sed -n 's/.*write \([0-9]*\).*/\1/p' <<<"$line")" ms
}

t0=$(now); codecpg index "$corpus" --repo "$repo-nocpg" -j 2 -q --no-cpg; t1=$(now)
emit "client -j 2 full index, no graph" "$(elapsed "$t0" "$t1")" s
t0=$(now); codecpg index "$corpus" --repo "$repo" -j 2 -q; t1=$(now)
emit "client -j 2 full index with the graph" "$(elapsed "$t0" "$t1")" s
emit "files" "$(bench_psql -At -c "SELECT count(*) FROM codecpg.repo_files_v1 WHERE repo = '$repo'")" files

bench_psql -c "DELETE FROM codecpg.cpg_graph_v1 WHERE repo = '$repo'" -c "DELETE FROM codecpg.cpg_scopes_v1 WHERE repo = '$repo'"
emit "cpg_refresh from scratch (every row written)" "$(bench_sql_ms "PERFORM codecpg.cpg_refresh('$repo')")" ms
emit "cpg_refresh, nothing changed" "$(median_ms "PERFORM codecpg.cpg_refresh('$repo')")" ms
refresh_phases "cpg_refresh, nothing changed"

bench_psql -At -F $'\t' -c "
    SELECT 'scopes', count(*), 'rows' FROM codecpg.cpg_scopes_v1 WHERE repo = '$repo'
    UNION ALL SELECT 'links', count(*), 'rows' FROM codecpg.cpg_graph_v1 g, codecpg.cpg_links(g) l WHERE g.repo = '$repo'
    UNION ALL SELECT 'callsites resolved (call links, distinct sites)', count(DISTINCT (l.path, l.bstart)), 'sites'
                FROM codecpg.cpg_graph_v1 g, codecpg.cpg_links(g) l
               WHERE g.repo = '$repo' AND l.link_kind = 'call' AND l.callee_kind <> 'UNRESOLVED'
    UNION ALL SELECT 'call graph rows (cpg_call_graph)', count(*), 'rows' FROM codecpg.cpg_call_graph('$repo')
    UNION ALL SELECT 'cpg_graph_v1 + cpg_scopes_v1 storage',
                     pg_total_relation_size('codecpg.cpg_graph_v1') + pg_total_relation_size('codecpg.cpg_scopes_v1'), 'bytes (two repos)'"

# One file changed: a function added to a module many others import.
printf '\n\ndef _bench_added(x):\n    return join(x, x)\n' >> "$corpus/posixpath.py"
t0=$(now); codecpg index "$corpus" --repo "$repo" -q; t1=$(now)
emit "client one-file re-index with the graph" "$(elapsed "$t0" "$t1")" s
emit "  of which cpg_refresh" "$(bench_psql -At -c "SELECT r.domains -> 'cpg' ->> 'ms' FROM codecpg.index_runs r WHERE r.repo = '$repo' ORDER BY run_id DESC LIMIT 1")" ms
refresh_phases "cpg_refresh after a one-file change"
printf '\n\ndef _bench_added_2(x):\n    return join(x, x)\n' >> "$corpus/posixpath.py"
t0=$(now); bench_psql -c "SELECT codecpg.index_repo('$repo', '$corpus')" >/dev/null; t1=$(now)
emit "server one-file re-index with the graph" "$(elapsed "$t0" "$t1")" s

emit "direct callers of $target (cpg_callers)" "$(median_ms "PERFORM * FROM codecpg.cpg_callers('$repo', '$target', 1)")" ms
emit "direct callers of $target" "$(bench_psql -At -c "SELECT count(*) FROM codecpg.cpg_callers('$repo', '$target', 1)")" rows
emit "transitive callers of $target to depth 3 (cpg_callers)" "$(median_ms "PERFORM * FROM codecpg.cpg_callers('$repo', '$target', 3)")" ms
emit "transitive callers of $target to depth 3" "$(bench_psql -At -c "SELECT count(*) FROM codecpg.cpg_callers('$repo', '$target', 3)")" rows
emit "whole call graph (cpg_call_graph)" "$(median_ms "PERFORM count(*) FROM codecpg.cpg_call_graph('$repo')")" ms
emit "who calls builtins.open (cpg_call_graph, external callees)" \
    "$(median_ms "PERFORM * FROM codecpg.cpg_call_graph('$repo') WHERE callee_external AND callee = 'builtins.open'")" ms
emit "count call edges (cpg_edges, by kind)" \
    "$(median_ms "PERFORM count(*) FROM codecpg.cpg_edges WHERE repo = '$repo' AND edge_kind IN ('PY_CALLS_SYMBOL', 'PY_CALLS_QNAME')")" ms
