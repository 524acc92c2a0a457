# Shared by bench/ast.sh and bench/symtable.sh (sourced after lib.sh; not a part of its own,
# hence not named *.sh).

# The corpus as repo 'stdlib' in repo_files_v1 (put_file leaves unchanged files alone).
py_ensure_sources() {
    bench_ensure_corpus
    bench_psql -c "SELECT count(codecpg.put_file('stdlib', path, pg_read_file('$CODECPG_BENCH_CORPUS/' || path))) FROM bench_corpus" >/dev/null
}

# CPU milliseconds (user + system) the backend spends on one statement, read from
# /proc/<pid>/stat around it in the same session: on a shared machine wall time also
# counts waiting for a core, CPU time does not.
py_cpu_ms() {
    local tmp
    tmp=$(mktemp -d)
    bench_psql -At >/dev/null <<SQL
SELECT pg_backend_pid() AS pid \gset
\setenv BPID :pid
$2
\! awk '{print \$14 + \$15}' /proc/\$BPID/stat > $tmp/cpu0
$1;
\! awk '{print \$14 + \$15}' /proc/\$BPID/stat > $tmp/cpu1
SQL
    awk -v a="$(cat "$tmp/cpu0")" -v b="$(cat "$tmp/cpu1")" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.0f", (b - a) * 1000 / hz}'
    rm -rf "$tmp"
}

# py_bench PEER_KIND EXTRACTOR TABLE ELEMENT_SRF
py_bench() {
    local kind=$1 fn=$2 table=$3 srf=$4 files bytes ms_extract ms_store peer peer_files ms_peer ms_peer_cpu cpu_extract elements storage
    py_ensure_sources
    files=$(bench_psql -At -c "SELECT count(*) FROM codecpg.repo_files_v1 WHERE repo = 'stdlib'")
    bytes=$(bench_psql -At -c "SELECT sum(size_bytes) FROM codecpg.repo_files_v1 WHERE repo = 'stdlib'")
    # Warm the backend's CPython once, as a long-lived connection would be.
    # count(f(...)) builds every row and discards it; a function in FROM would also copy
    # each row into a tuplestore. OFFSET 0 keeps (x).* from calling the function per column.
    ms_extract=$(bench_sql_ms "PERFORM codecpg.$fn('warm', 'warm.py', 'pass'); PERFORM count(codecpg.$fn(r.repo, r.path, r.source, r.file_sha256)) FROM codecpg.repo_files_v1 r WHERE r.repo = 'stdlib'")
    bench_psql -c "DELETE FROM codecpg.$table WHERE repo = 'stdlib'" >/dev/null
    ms_store=$(bench_sql_ms "PERFORM codecpg.$fn('warm', 'warm.py', 'pass'); INSERT INTO codecpg.$table SELECT (x).* FROM (SELECT codecpg.$fn(r.repo, r.path, r.source, r.file_sha256) AS x FROM codecpg.repo_files_v1 r WHERE r.repo = 'stdlib' OFFSET 0) s")
    cpu_extract=$(py_cpu_ms "SELECT count(codecpg.$fn(r.repo, r.path, r.source, r.file_sha256)) FROM codecpg.repo_files_v1 r WHERE r.repo = 'stdlib'" "SELECT codecpg.$fn('warm', 'warm.py', 'pass') IS NOT NULL;")
    peer=$(/usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/peer_ast_symtable.py" bench "$kind" "$CODECPG_BENCH_CORPUS")
    IFS=$'\t' read -r peer_files ms_peer ms_peer_cpu <<<"$peer"
    elements=$(bench_psql -At -c "SELECT count(*) FROM codecpg.$table f CROSS JOIN LATERAL codecpg.$srf(f) WHERE f.repo = 'stdlib'")
    storage=$(bench_psql -At -c "SELECT pg_total_relation_size('codecpg.$table')")
    emit "files" "$files" files
    emit "$fn extract time" "$ms_extract" ms
    emit "$fn extract files/s" "$(awk -v n="$files" -v ms="$ms_extract" 'BEGIN{printf "%.0f", n / (ms / 1000)}')" files/s
    emit "$fn extract+store time" "$ms_store" ms
    emit "$fn extract+store files/s" "$(awk -v n="$files" -v ms="$ms_store" 'BEGIN{printf "%.0f", n / (ms / 1000)}')" files/s
    emit "python $kind peer files" "$peer_files" files
    emit "python $kind peer time" "$ms_peer" ms
    emit "python $kind peer files/s" "$(awk -v n="$peer_files" -v ms="$ms_peer" 'BEGIN{printf "%.0f", n / (ms / 1000)}')" files/s
    emit "python $kind peer CPU time" "$ms_peer_cpu" ms
    emit "$fn extract CPU time" "$cpu_extract" ms
    emit "speedup extract vs python, CPU time" "$(awk -v a="$ms_peer_cpu" -v b="$cpu_extract" -v n="$files" -v m="$peer_files" 'BEGIN{printf "%.1f", (n / b) / (m / a)}')" x
    emit "speedup extract vs python" "$(awk -v a="$ms_peer" -v b="$ms_extract" -v n="$files" -v m="$peer_files" 'BEGIN{printf "%.1f", (n / b) / (m / a)}')" x
    emit "speedup extract+store vs python" "$(awk -v a="$ms_peer" -v b="$ms_store" -v n="$files" -v m="$peer_files" 'BEGIN{printf "%.1f", (n / b) / (m / a)}')" x
    emit "$srf rows" "$elements" rows
    emit "$table storage" "$storage" bytes
    emit "$table storage per source byte" "$(awk -v s="$storage" -v b="$bytes" 'BEGIN{printf "%.2f", s / b}')" ratio
}
