#!/usr/bin/env bash
# The two views as analysts and BI tools query them, on the corpus (the standard library
# by default) indexed as one repository: counting all nodes and all edges, counts per
# kind, joins of edges to nodes (filtered by kind on both sides, as BI relationships are
# set up, and by node id alone), and a query over the BI columns. Times are the median
# of CODECPG_BENCH_VIEWS_RUNS runs (default 3) and the backend's CPU time of the last run
# (which stays meaningful on a machine busy with other work; a parallel plan's workers
# are not counted in it). Joins also run with JIT off, whose compilation of these large
# plans costs more than it saves. The database is ANALYZEd first, as autovacuum would have.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
repo=stdlib-views
runs=${CODECPG_BENCH_VIEWS_RUNS:-3}

bench_psql -c "CREATE EXTENSION IF NOT EXISTS codecpg" >/dev/null
if [ "$(bench_psql -At -c "SELECT count(*) FROM codecpg.repo_files_v1 WHERE repo = '$repo'")" = 0 ]; then
    bench_psql -c "SELECT status FROM codecpg.index_repo('$repo', '$CODECPG_BENCH_CORPUS')" >/dev/null
fi
bench_psql -c "ANALYZE" >/dev/null

# "wall_ms cpu_ms" of one statement in its own session: psql's timing, and the backend's
# CPU time from its /proc entry when this shell can read it (same machine), else "-".
measure() {
    bench_psql -At <<SQL 2>/dev/null | awk '/^Time:/ {wall = int($2)} /^cpu / {cpu = $2} END {print wall, (cpu == "" ? "-" : cpu)}'
SELECT pg_backend_pid() AS pid \gset
\setenv PID :pid
\! awk '{print \$14 + \$15}' /proc/\$PID/stat > /tmp/codecpg-bench-views.cpu 2>/dev/null
\timing on
$1 \g /dev/null
\timing off
\! awk -v t=$(getconf CLK_TCK) '{getline b < "/tmp/codecpg-bench-views.cpu"; print "cpu", int((\$14 + \$15 - b) * 1000 / t)}' /proc/\$PID/stat 2>/dev/null
SQL
}

run() {  # run LABEL SQL
    local i results median cpu
    results=$(for i in $(seq "$runs"); do measure "$2"; done)
    median=$(echo "$results" | awk '{print $1}' | sort -n | awk '{v[NR]=$1} END {print v[int((NR + 1) / 2)]}')
    cpu=$(echo "$results" | tail -n 1 | awk '{print $2}')
    emit "$1" "$median" "ms (median of $runs; backend CPU $cpu ms)"
}

# The same with JIT compilation off for the session (as advised for BI roles in docs/bi.md).
run_nojit() { PGOPTIONS="${PGOPTIONS:-} -c jit=off" run "$1, jit off" "$2"; }

rows() { emit "$1" "$(bench_psql -At -c "$2")" rows; }

rows "nodes" "SELECT count(*) FROM codecpg.cpg_nodes WHERE repo = '$repo'"
rows "edges" "SELECT count(*) FROM codecpg.cpg_edges WHERE repo = '$repo'"
run "count all edges" "SELECT count(*) FROM codecpg.cpg_edges WHERE repo = '$repo'"
run "count all nodes" "SELECT count(*) FROM codecpg.cpg_nodes WHERE repo = '$repo'"
run "edges per kind" "SELECT edge_kind, count(*) FROM codecpg.cpg_edges WHERE repo = '$repo' GROUP BY 1"
run "nodes per kind" "SELECT node_kind, count(*) FROM codecpg.cpg_nodes WHERE repo = '$repo' GROUP BY 1"
run "nodes per kind and kind_detail" "SELECT node_kind, kind_detail, count(*) FROM codecpg.cpg_nodes WHERE repo = '$repo' GROUP BY 1, 2"
join_kinds="SELECT d.node_kind, count(*) AS n, count(DISTINCT d.qualified_name)
  FROM codecpg.cpg_edges e JOIN codecpg.cpg_nodes d ON d.node_id = e.dst_node_id
 WHERE e.repo = '$repo' AND d.repo = '$repo' AND e.edge_kind IN ('PY_CALLS_QNAME', 'PY_CALLS_SYMBOL')
   AND d.node_kind IN ('CST_FUNCTION_DEF', 'CST_CLASS_DEF', 'CST_LAMBDA', 'PY_QUALIFIED_NAME') GROUP BY 1"
run "join: call edges to their callees (kinds on both sides)" "$join_kinds"
run_nojit "join: call edges to their callees (kinds on both sides)" "$join_kinds"
rows "join: call edges to their callees" "SELECT sum(n) FROM ($join_kinds) x"
join_both="SELECT count(*) FROM codecpg.cpg_edges e
  JOIN codecpg.cpg_nodes s ON s.node_id = e.src_node_id AND s.repo = e.repo AND s.node_kind = 'CST_CALLSITE'
  JOIN codecpg.cpg_nodes d ON d.node_id = e.dst_node_id AND d.repo = e.repo AND d.node_kind = 'CST_FUNCTION_DEF'
 WHERE e.repo = '$repo' AND e.edge_kind = 'PY_CALLS_QNAME'"
run "join: callsites to called functions through call edges" "$join_both"
run_nojit "join: callsites to called functions through call edges" "$join_both"
rows "join: callsites to called functions" "$join_both"
join_any="SELECT count(*), count(DISTINCT d.node_kind) FROM codecpg.cpg_edges e JOIN codecpg.cpg_nodes d ON d.node_id = e.dst_node_id
 WHERE e.repo = '$repo' AND d.repo = '$repo' AND e.edge_kind = 'PY_CALLS_QNAME'"
run "join: call edges to any node by id (every node id computed)" "$join_any"
run "BI columns: the 20 longest functions" "SELECT qualified_name, end_line - line + 1 AS lines FROM codecpg.cpg_nodes
 WHERE repo = '$repo' AND node_kind = 'CST_FUNCTION_DEF' ORDER BY 2 DESC, 1 LIMIT 20"
