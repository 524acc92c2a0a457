#!/usr/bin/env bash
# Benchmark part: one repository on Citus (a coordinator and two workers on this machine)
# against the single bench node. Indexing throughput (server side and client -j 2, the
# graph refresh left out: it cannot run on Citus yet, see docs/scaling.md) and the latency
# of graph queries on one repository (median of 5 runs, measured by the server).
# Ports: CODECPG_CITUS_PORTS (coordinator and two workers), by default the three ports
# after the bench cluster's.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
root=$(cd "$(dirname "$0")/.." && pwd)
harness="bash $root/scripts/pg-harness.sh"
read -r coord w1 w2 <<<"${CODECPG_CITUS_PORTS:-$((PGPORT + 1)) $((PGPORT + 2)) $((PGPORT + 3))}"
ref_db=codecpg_bench_citus

bash "$root/scripts/citus-cluster.sh" start "$coord" "$w1" "$w2" >/dev/null
trap 'bash "$root/scripts/citus-cluster.sh" stop "$coord" "$w1" "$w2"; dropdb --if-exists "$ref_db" >/dev/null 2>&1 || true' EXIT
dropdb --if-exists "$ref_db" >/dev/null 2>&1 || true
createdb "$ref_db"
ref() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$ref_db" "$@"; }
cit() { CODECPG_PORT=$coord $harness psql -q -At -v ON_ERROR_STOP=1 -d postgres "$@"; }
ref -c "CREATE EXTENSION codecpg"
cit -c "SELECT count(*) FROM codecpg.distribute_tables()" >/dev/null

# The corpus, readable by the clusters' OS user.
corpus=$(mktemp -d /tmp/codecpg-bench-citus.XXXXXX)
trap 'rm -rf "$corpus"; bash "$root/scripts/citus-cluster.sh" stop "$coord" "$w1" "$w2"; dropdb --if-exists "$ref_db" >/dev/null 2>&1 || true' EXIT
cp -r "$CODECPG_BENCH_CORPUS/." "$corpus/"
chmod -R a+rX "$corpus"
mb=$(find "$corpus" -name '*.py' -type f -printf '%s\n' | awk '{s += $1} END {printf "%.2f", s / 1048576}')

ms_of() {  # ms_of SIDE SQL: wall time of one statement on the server, in milliseconds
    "$1" -c "DO \$\$ DECLARE t0 timestamptz := clock_timestamp(); BEGIN $2; RAISE NOTICE 'ms=%', round(extract(epoch FROM clock_timestamp() - t0) * 1000, 1); END \$\$" 2>&1 \
        | sed -n 's/.*ms=\([0-9.]*\).*/\1/p'
}
median_ms() {  # median_ms SIDE SQL: median of 5 runs
    for _ in 1 2 3 4 5; do ms_of "$1" "$2"; done | sort -n | sed -n 3p
}
client_s() {  # client_s PORT DB REPO: seconds of a client run with -j 2
    local t0 t1
    t0=$(date +%s%N)
    runuser -u postgres -- env PATH="$PATH" PGHOST="${TMPDIR:-/tmp}/codecpg-cluster-$1" PGPORT="$1" \
        PGUSER=postgres PGDATABASE="$2" codecpg index "$corpus" --repo "$3" -j 2 --no-cpg -q
    t1=$(date +%s%N)
    awk -v ms="$(((t1 - t0) / 1000000))" 'BEGIN {printf "%.2f\n", ms / 1000}'
}

for side in ref cit; do
    ms=$(ms_of "$side" "PERFORM codecpg.index_repo('stdlib', '$corpus', '{\"cpg\": false}')")
    files=$("$side" -c "SELECT count(*) FROM codecpg.repo_files_v1 WHERE repo = 'stdlib'")
    emit "$side index_repo (server side, no refresh)" "$ms" ms
    emit "$side index_repo throughput" "$(awk -v f="$files" -v ms="$ms" 'BEGIN {printf "%.1f", f / (ms / 1000)}')" files/s
    emit "$side index_repo throughput (source)" "$(awk -v m="$mb" -v ms="$ms" 'BEGIN {printf "%.2f", m / (ms / 1000)}')" MB/s
done
emit "ref client -j 2 (no refresh)" "$(client_s "$PGPORT" "$ref_db" stdlib_cli)" s
emit "cit client -j 2 (no refresh)" "$(client_s "$coord" postgres stdlib_cli)" s

# The derived graph: refreshed on the single node, copied to Citus.
emit "ref cpg_refresh" "$(ms_of ref "PERFORM codecpg.cpg_refresh('stdlib')")" ms
for t in cpg_scopes_v1 cpg_graph_v1; do ref -c "COPY (SELECT * FROM codecpg.$t WHERE repo = 'stdlib') TO STDOUT" | cit -c "COPY codecpg.$t FROM STDIN"; done

queries=(
    "callers_depth3|PERFORM count(*) FROM codecpg.cpg_callers('stdlib', 'posixpath.join', 3)"
    "callees_depth3|PERFORM count(*) FROM codecpg.cpg_callees('stdlib', 'json.dumps', 3)"
    "call_graph|PERFORM count(*) FROM codecpg.cpg_call_graph('stdlib')"
    "ast_nodes_one_file|PERFORM count(*) FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.ast_nodes(f) n WHERE f.repo = 'stdlib' AND f.path = 'argparse.py'"
    "cpg_nodes_one_repo_count|PERFORM count(*) FROM codecpg.cpg_nodes WHERE repo = 'stdlib' AND node_kind = 'CST_FUNCTION_DEF'"
    "cpg_edges_calls|PERFORM count(*) FROM codecpg.cpg_edges WHERE repo = 'stdlib' AND edge_kind = 'PY_CALLS_SYMBOL'"
    "files_per_repo_all_repos|PERFORM count(*) FROM (SELECT repo, count(*) FROM codecpg.repo_files_v1 GROUP BY repo) x"
)
for q in "${queries[@]}"; do
    name=${q%%|*}
    sql=${q#*|}
    emit "ref $name" "$(median_ms ref "$sql")" ms
    emit "cit $name" "$(median_ms cit "$sql")" ms
done
