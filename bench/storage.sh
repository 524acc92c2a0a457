#!/usr/bin/env bash
# Storage of one repository: the corpus (the standard library by default) indexed alone
# into a fresh database with every installed extractor and its graph, then every table of
# the extension with its heap (TOAST included) and index sizes, and each as a multiple of
# the source bytes. VACUUM FULL first, so that the figures are the data, not dead rows.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
db=codecpg_bench_storage
dropdb --if-exists "$db" >/dev/null 2>&1 || true
createdb "$db"
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true' EXIT
sp() { bench_psql -d "$db" "$@"; }
sp -c "CREATE EXTENSION codecpg" >/dev/null
sp -c "SELECT status FROM codecpg.index_repo('stdlib', '$CODECPG_BENCH_CORPUS')" >/dev/null
sp -c "VACUUM FULL" >/dev/null
source_bytes=$(sp -At -c "SELECT sum(size_bytes) FROM codecpg.repo_files_v1")
emit "source bytes" "$source_bytes" bytes
sp -At -F $'\t' -c "
    SELECT c.relname || ' (table + TOAST, indexes)',
           pg_total_relation_size(c.oid),
           'bytes = ' || round(pg_total_relation_size(c.oid)::numeric / $source_bytes, 2) || ' x source ('
           || pg_table_size(c.oid) || ' + ' || pg_indexes_size(c.oid) || ')'
      FROM pg_class c
     WHERE c.relnamespace = 'codecpg'::regnamespace AND c.relkind = 'r'
     ORDER BY pg_total_relation_size(c.oid) DESC"
total=$(sp -At -c "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c WHERE c.relnamespace = 'codecpg'::regnamespace AND c.relkind = 'r'")
emit "all tables" "$total" "bytes = $(awk -v t="$total" -v s="$source_bytes" 'BEGIN{printf "%.2f", t / s}') x source"
