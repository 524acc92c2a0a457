#!/usr/bin/env bash
# Index the machine's standard library (CODECPG_STDLIB, default /usr/lib/python3.11) into
# a fresh database, as the sanitized test run does: every extractor over 600-odd real files,
# then the graph refresh. Prints a last line with the counts and the time taken.
set -euo pipefail
root=${CODECPG_STDLIB:-/usr/lib/python3.11}
db=codecpg_sanitize_stdlib
dropdb --if-exists "$db" >/dev/null 2>&1 || true
createdb "$db"
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true' EXIT
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION codecpg"
t0=$(date +%s)
psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "SELECT codecpg.index_repo('stdlib', '$root')" >/dev/null
t1=$(date +%s)
psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" -c "
  SELECT format('stdlib: %s files, %s failed, status %s, %s s', files_seen, files_failed, status, $((t1 - t0)))
    FROM codecpg.index_runs WHERE repo = 'stdlib'"
