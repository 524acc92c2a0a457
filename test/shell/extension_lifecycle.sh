#!/usr/bin/env bash
# The extension's life cycle at cluster level: CREATE EXTENSION in a fresh database,
# DROP and CREATE again in one session (the library must resolve the new type OIDs),
# and pg_dump / pg_restore keeping indexed rows (root tables are configuration tables
# of the extension, so pg_dump dumps their data).
set -euo pipefail
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }

src=codecpg_lifecycle_src
dst=codecpg_lifecycle_dst
dump=$(mktemp)
trap 'rm -f "$dump"; dropdb --if-exists "$src"; dropdb --if-exists "$dst"' EXIT
dropdb --if-exists "$src"; dropdb --if-exists "$dst"
createdb "$src"

q -d "$src" -c "CREATE EXTENSION codecpg"
[ "$(q -d "$src" -c "SELECT count(*) FROM codecpg.schema_check()")" = 0 ] || fail "schema_check not clean after CREATE EXTENSION"

# one session: use the row builders, drop, recreate, use them again
out=$(q -d "$src" <<'SQL'
SELECT (codecpg.span_from_bytes('ab', 0, 1)).bend;
DROP EXTENSION codecpg;
CREATE EXTENSION codecpg;
SELECT (codecpg.span_from_bytes('ab', 0, 2)).bend;
SQL
)
[ "$out" = $'1\n2' ] || fail "row builders after DROP/CREATE EXTENSION in one session gave: $out"

q -d "$src" -c "SELECT codecpg.put_file('demo', 'a.py', E'x = 1\n')" >/dev/null
q -d "$src" -c "SELECT codecpg.put_file('demo', 'pkg/b.py', E'def f():\n    return \"é\"\n')" >/dev/null

pg_dump -Fc -d "$src" -f "$dump"
createdb "$dst"
pg_restore -d "$dst" "$dump"

[ "$(q -d "$dst" -c "SELECT count(*) FROM codecpg.schema_check()")" = 0 ] || fail "schema_check not clean after restore"
a=$(q -d "$src" -c "SELECT string_agg(path || ':' || file_sha256 || ':' || md5(source), ',' ORDER BY path) FROM codecpg.repo_files_v1")
b=$(q -d "$dst" -c "SELECT string_agg(path || ':' || file_sha256 || ':' || md5(source), ',' ORDER BY path) FROM codecpg.repo_files_v1")
[ -n "$a" ] && [ "$a" = "$b" ] || fail "restored repo_files_v1 differs: '$a' vs '$b'"
echo "ok: create, drop/create in one session, dump/restore"
