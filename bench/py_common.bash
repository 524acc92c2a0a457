# Shared by bench/ast.sh and bench/symtable.sh (sourced after lib.sh; not a part of its own,
# hence not named *.sh).

# The corpus as repo 'stdlib' in repo_files_v1 (put_file leaves unchanged files alone).
py_ensure_sources() {
    bench_ensure_corpus
    bench_psql -c "SELECT count(codecpg.put_file('stdlib', path, pg_read_file('$CODECPG_BENCH_CORPUS/' || path))) FROM bench_corpus" >/dev/null
}

# py_measure SQL WARMUP_SQL -> "wall_ms<TAB>cpu_ms" of SQL in one session, after WARMUP_SQL.
# Wall time is the server's clock; CPU time (user + system) of the backend is read from
# /proc/<pid>/stat around the statement: on a shared machine wall time also counts
# waiting for a core, CPU time does not.
py_measure() {
    local tmp
    tmp=$(mktemp -d)
    bench_psql -At >/dev/null <<SQL
SELECT pg_backend_pid() AS pid \gset
\setenv BPID :pid
$2
\! awk '{print \$14 + \$15}' /proc/\$BPID/stat > $tmp/cpu0
SELECT clock_timestamp() AS t0 \gset
$1;
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz) * 1000, 1) AS ms \gset
\! awk '{print \$14 + \$15}' /proc/\$BPID/stat > $tmp/cpu1
\setenv WALL_MS :ms
\! echo \$WALL_MS > $tmp/wall
SQL
    printf '%s\t%s\n' "$(cat "$tmp/wall")" \
        "$(awk -v a="$(cat "$tmp/cpu0")" -v b="$(cat "$tmp/cpu1")" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.0f", (b - a) * 1000 / hz}')"
    rm -rf "$tmp"
}

rate() { awk -v n="$1" -v ms="$2" 'BEGIN{printf "%.0f", n / (ms / 1000)}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.1f", a / b}'; }

# py_bench PEER_KIND EXTRACTOR TABLE ELEMENT_SRF
py_bench() {
    local kind=$1 fn=$2 table=$3 srf=$4 files bytes warm extract store peer
    local peer_files ms_peer cpu_peer ms_extract cpu_extract ms_store cpu_store elements storage
    py_ensure_sources
    files=$(bench_psql -At -c "SELECT count(*) FROM codecpg.repo_files_v1 WHERE repo = 'stdlib'")
    bytes=$(bench_psql -At -c "SELECT sum(size_bytes) FROM codecpg.repo_files_v1 WHERE repo = 'stdlib'")
    # The backend's CPython is initialized before timing, as in a long-lived connection.
    warm="SELECT codecpg.$fn('warm', 'warm.py', 'pass') IS NOT NULL;"
    # count(f(...)) builds every row and discards it (a function in FROM would also copy
    # each row into a tuplestore); OFFSET 0 keeps (x).* from calling f once per column.
    extract=$(py_measure "SELECT count(codecpg.$fn(r.repo, r.path, r.source, r.file_sha256)) FROM codecpg.repo_files_v1 r WHERE r.repo = 'stdlib'" "$warm")
    bench_psql -c "DELETE FROM codecpg.$table WHERE repo = 'stdlib'" >/dev/null
    store=$(py_measure "INSERT INTO codecpg.$table SELECT (x).* FROM (SELECT codecpg.$fn(r.repo, r.path, r.source, r.file_sha256) AS x FROM codecpg.repo_files_v1 r WHERE r.repo = 'stdlib' OFFSET 0) s" "$warm")
    peer=$(/usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/peer_ast_symtable.py" bench "$kind" "$CODECPG_BENCH_CORPUS")
    IFS=$'\t' read -r ms_extract cpu_extract <<<"$extract"
    IFS=$'\t' read -r ms_store cpu_store <<<"$store"
    IFS=$'\t' read -r peer_files ms_peer cpu_peer <<<"$peer"
    [ "$peer_files" = "$files" ] || echo "warning: the peer read $peer_files files, the extension $files" >&2
    elements=$(bench_psql -At -c "SELECT count(*) FROM codecpg.$table f CROSS JOIN LATERAL codecpg.$srf(f) WHERE f.repo = 'stdlib'")
    storage=$(bench_psql -At -c "SELECT pg_total_relation_size('codecpg.$table')")
    emit "files" "$files" files
    emit "$fn extract: wall" "$ms_extract" ms
    emit "$fn extract: CPU" "$cpu_extract" ms
    emit "$fn extract: files/s (wall)" "$(rate "$files" "$ms_extract")" files/s
    emit "$fn extract: files/s (CPU)" "$(rate "$files" "$cpu_extract")" files/s
    emit "$fn extract+store: wall" "$ms_store" ms
    emit "$fn extract+store: CPU" "$cpu_store" ms
    emit "$fn extract+store: files/s (wall)" "$(rate "$files" "$ms_store")" files/s
    emit "python $kind peer: wall" "$ms_peer" ms
    emit "python $kind peer: CPU" "$cpu_peer" ms
    emit "python $kind peer: files/s (wall)" "$(rate "$peer_files" "$ms_peer")" files/s
    emit "python $kind peer: files/s (CPU)" "$(rate "$peer_files" "$cpu_peer")" files/s
    emit "speedup extract vs python (CPU)" "$(ratio "$cpu_peer" "$cpu_extract")" x
    emit "speedup extract vs python (wall)" "$(ratio "$ms_peer" "$ms_extract")" x
    emit "speedup extract+store vs python (CPU)" "$(ratio "$cpu_peer" "$cpu_store")" x
    emit "$srf rows" "$elements" rows
    emit "$table storage" "$storage" bytes
    emit "$table storage per source byte" "$(awk -v s="$storage" -v b="$bytes" 'BEGIN{printf "%.2f", s / b}')" ratio
}
