# Shared helpers for benchmark parts (sourced; PG* variables point at the bench cluster).

bench_psql() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# Milliseconds taken by one SQL statement, measured by the server (EXPLAIN ANALYZE would
# add instrumentation overhead; clock_timestamp differences do not).
bench_sql_ms() {
    bench_psql -At -c "DO \$\$ DECLARE t0 timestamptz := clock_timestamp(); BEGIN $1; RAISE NOTICE 'ms=%', round(extract(epoch FROM clock_timestamp() - t0) * 1000, 1); END \$\$" 2>&1 \
        | sed -n 's/.*ms=\([0-9.]*\).*/\1/p'
}

emit() { printf '%s\t%s\t%s\n' "$1" "$2" "$3"; }

# "wall_ms cpu_ms" of one statement after a warm-up statement: the machine is shared, so
# the backend's own CPU time (utime + stime from /proc/self/stat) is reported beside wall time.
bench_timed_ms() {  # bench_timed_ms WARMUP STATEMENT
    local ticks
    ticks=$(getconf CLK_TCK)
    bench_psql -At -c "DO \$\$ DECLARE t0 timestamptz; c0 bigint; c1 bigint;
      BEGIN $1;
      SELECT split_part(s, ' ', 14)::bigint + split_part(s, ' ', 15)::bigint INTO c0 FROM pg_read_file('/proc/self/stat') s;
      t0 := clock_timestamp(); $2;
      SELECT split_part(s, ' ', 14)::bigint + split_part(s, ' ', 15)::bigint INTO c1 FROM pg_read_file('/proc/self/stat') s;
      RAISE NOTICE 'ms=% cpu=%', round(extract(epoch FROM clock_timestamp() - t0) * 1000, 1), round((c1 - c0) * 1000.0 / $ticks, 1); END \$\$" 2>&1 \
        | sed -n 's/.*ms=\([0-9.]*\) cpu=\([0-9.]*\).*/\1 \2/p'
}

# Snapshot the corpus into repo 'stdlib' once per cluster (idempotent).
bench_ensure_corpus() {
    bench_psql -c "CREATE EXTENSION IF NOT EXISTS codecpg" >/dev/null
    local have
    have=$(bench_psql -At -c "SELECT count(*) FROM codecpg.repo_files_v1 WHERE repo = 'stdlib'")
    [ "$have" -gt 0 ] && return 0
    (cd "$CODECPG_BENCH_CORPUS" && find . -name '*.py' -type f | sed 's|^\./||' | sort) >/tmp/codecpg-bench-files.txt
    bench_psql -c "CREATE TABLE IF NOT EXISTS bench_corpus(path text)" -c "TRUNCATE bench_corpus" \
        -c "\\copy bench_corpus FROM '/tmp/codecpg-bench-files.txt'"
}
