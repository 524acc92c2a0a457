#!/usr/bin/env bash
# Data flow on the corpus (the standard library by default): what it adds to a full
# index (the dataflow domain's share of codecpg.index_repo, and dataflow_extract alone
# with its backend CPU time), its storage per source byte, and the source-to-sink
# queries: codecpg.cpg_flows with the ready-made sets (every source, sink and sanitizer
# of codecpg.df_models; input sources into shell sinks) and codecpg.cpg_flows_from.
# Query times are the median of CODECPG_BENCH_DF_RUNS runs (default 5).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
repo=stdlib-df
runs=${CODECPG_BENCH_DF_RUNS:-5}

bench_psql -c "CREATE EXTENSION IF NOT EXISTS codecpg" >/dev/null

median_ms() {
    local i
    for i in $(seq "$runs"); do bench_sql_ms "$1"; done | sort -n | awk '{v[NR]=$1} END {print v[int((NR + 1) / 2)]}'
}

# Wall and backend CPU time of one statement, the interpreter warm.
timed_ms() { bench_timed_ms "PERFORM codecpg.dataflow_extract('w', 'w.py', 'pass')" "$1"; }

index_ms=$(bench_sql_ms "PERFORM codecpg.index_repo('$repo', '$CODECPG_BENCH_CORPUS')")
files=$(bench_psql -At -c "SELECT count(*) FROM codecpg.repo_files_v1 WHERE repo = '$repo'")
bytes=$(bench_psql -At -c "SELECT sum(size_bytes) FROM codecpg.repo_files_v1 WHERE repo = '$repo'")
emit "corpus files" "$files" files
emit "corpus bytes" "$bytes" bytes
emit "index_repo time (every domain and the refresh)" "$index_ms" ms
bench_psql -At -F $'\t' -c "
    SELECT 'index_repo ' || d.key || ' domain', d.value ->> 'ms', 'ms'
      FROM codecpg.index_runs r, jsonb_each(r.domains) d
     WHERE r.run_id = (SELECT max(run_id) FROM codecpg.index_runs WHERE repo = '$repo')
     ORDER BY d.key"

bench_psql -c "DELETE FROM codecpg.dataflow_files_v1 WHERE repo = '$repo'" >/dev/null
read -r store_ms store_cpu_ms < <(timed_ms "INSERT INTO codecpg.dataflow_files_v1 SELECT d.* FROM codecpg.repo_files_v1 r CROSS JOIN LATERAL codecpg.dataflow_extract(r.repo, r.path, r.source, r.file_sha256) d WHERE r.repo = '$repo'")
read -r extract_ms extract_cpu_ms < <(timed_ms "PERFORM d FROM codecpg.repo_files_v1 r CROSS JOIN LATERAL codecpg.dataflow_extract(r.repo, r.path, r.source, r.file_sha256) d WHERE r.repo = '$repo'")
emit "dataflow_extract time (not stored)" "$extract_ms" ms
emit "dataflow_extract backend CPU time" "$extract_cpu_ms" ms
emit "dataflow_extract + insert time" "$store_ms" ms
emit "dataflow_extract + insert backend CPU time" "$store_cpu_ms" ms
bench_psql -At -F $'\t' -c "
    SELECT 'code objects', sum((attrs ->> 'code_objects')::bigint), 'rows' FROM codecpg.dataflow_files_v1 WHERE repo = '$repo'
    UNION ALL SELECT 'events (DF_DEF + DF_USE nodes)', sum((attrs ->> 'events')::bigint), 'rows' FROM codecpg.dataflow_files_v1 WHERE repo = '$repo'
    UNION ALL SELECT 'reaching definitions (REACHES)', sum((attrs ->> 'reaches')::bigint), 'rows' FROM codecpg.dataflow_files_v1 WHERE repo = '$repo'
    UNION ALL SELECT 'steps (STEP_DEF + STEP_USE)', sum((attrs ->> 'steps')::bigint), 'rows' FROM codecpg.dataflow_files_v1 WHERE repo = '$repo'
    UNION ALL SELECT 'branches (CFG_BRANCH_TRUE/FALSE)', sum((attrs ->> 'branches')::bigint), 'rows' FROM codecpg.dataflow_files_v1 WHERE repo = '$repo'
    UNION ALL SELECT 'code objects approximated', sum((attrs ->> 'approximated')::bigint), 'rows' FROM codecpg.dataflow_files_v1 WHERE repo = '$repo'
    UNION ALL SELECT 'files with error rows', count(*) FILTER (WHERE cardinality(errors) > 0), 'files' FROM codecpg.dataflow_files_v1 WHERE repo = '$repo'"
# The repository's rows as stored (each value's size on disk, TOAST compression included),
# and the table after VACUUM (the DELETE above left dead rows), which other parts' repositories
# share when several parts run in one cluster.
bench_psql -c "VACUUM codecpg.dataflow_files_v1" >/dev/null
stored=$(bench_psql -At -c "SELECT sum(pg_column_size(repo) + pg_column_size(path) + pg_column_size(file_id)
    + pg_column_size(file_sha256) + pg_column_size(units) + pg_column_size(events) + pg_column_size(reaches)
    + pg_column_size(steps) + pg_column_size(keywords) + coalesce(pg_column_size(errors), 0)
    + pg_column_size(attrs) + 24) FROM codecpg.dataflow_files_v1 WHERE repo = '$repo'")
relation=$(bench_psql -At -c "SELECT pg_total_relation_size('codecpg.dataflow_files_v1')")
emit "dataflow_files_v1 rows of the corpus, stored" "$stored" bytes
emit "stored bytes per source byte" "$(awk -v s="$stored" -v b="$bytes" 'BEGIN{printf "%.2f", s / b}')" ratio
emit "dataflow_files_v1 relation size after VACUUM (every repository)" "$relation" bytes

all_sets="codecpg.df_model_names('source'), codecpg.df_model_names('sink'), codecpg.df_model_names('sanitizer')"
read -r flows_ms flows_cpu_ms < <(timed_ms "PERFORM count(*) FROM codecpg.cpg_flows('$repo', codecpg.df_model_names('source'), codecpg.df_model_names('sink'), codecpg.df_model_names('sanitizer'))")
emit "cpg_flows, every ready-made set, one run" "$flows_ms" ms
emit "cpg_flows, every ready-made set, backend CPU time" "$flows_cpu_ms" ms
shell_sets="codecpg.df_model_names('source', 'input'), codecpg.df_model_names('sink', 'shell'), codecpg.df_model_names('sanitizer', 'shell')"
emit "cpg_flows, every ready-made set" "$(median_ms "PERFORM count(*) FROM codecpg.cpg_flows('$repo', $all_sets)")" ms
emit "flows, every ready-made set" "$(bench_psql -At -c "SELECT count(*) FROM codecpg.cpg_flows('$repo', $all_sets)")" rows
emit "cpg_flows, input into shell" "$(median_ms "PERFORM count(*) FROM codecpg.cpg_flows('$repo', $shell_sets)")" ms
emit "flows, input into shell" "$(bench_psql -At -c "SELECT count(*) FROM codecpg.cpg_flows('$repo', $shell_sets)")" rows
emit "cpg_flows, no source (load and prepare only)" "$(median_ms "PERFORM count(*) FROM codecpg.cpg_flows('$repo', '{}', '{}')")" ms
emit "cpg_flows_from posixpath.join(a)" \
    "$(median_ms "PERFORM count(*) FROM codecpg.cpg_flows_from('$repo', ARRAY['posixpath.join(a)'])")" ms
emit "nodes reached from posixpath.join(a)" \
    "$(bench_psql -At -c "SELECT count(*) FROM codecpg.cpg_flows_from('$repo', ARRAY['posixpath.join(a)'])")" rows
