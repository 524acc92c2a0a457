#!/usr/bin/env bash
# Snapshot ingestion: read every corpus file on the server and store it in repo_files_v1.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
bench_ensure_corpus
files=$(bench_psql -At -c "SELECT count(*) FROM bench_corpus")
ms=$(bench_sql_ms "PERFORM codecpg.put_file('stdlib-snapshot', path, pg_read_file('$CODECPG_BENCH_CORPUS/' || path)) FROM bench_corpus")
bytes=$(bench_psql -At -c "SELECT sum(size_bytes) FROM codecpg.repo_files_v1 WHERE repo = 'stdlib-snapshot'")
storage=$(bench_psql -At -c "SELECT pg_total_relation_size('codecpg.repo_files_v1')")
emit "corpus files" "$files" files
emit "corpus bytes" "$bytes" bytes
emit "snapshot time" "$ms" ms
emit "snapshot files/s" "$(awk -v n="$files" -v ms="$ms" 'BEGIN{printf "%.0f", n / (ms / 1000)}')" files/s
emit "snapshot MB/s" "$(awk -v b="$bytes" -v ms="$ms" 'BEGIN{printf "%.1f", b / 1e6 / (ms / 1000)}')" MB/s
emit "repo_files_v1 storage" "$storage" bytes
emit "storage per source byte" "$(awk -v s="$storage" -v b="$bytes" 'BEGIN{printf "%.2f", s / b}')" ratio
