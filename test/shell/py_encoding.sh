#!/usr/bin/env bash
# ast_extract and symtable_extract need a UTF8 database (spans are byte offsets into the
# UTF-8 text): in a LATIN1 database both refuse with SQLSTATE 0A000 instead of producing
# spans over the wrong bytes.
set -euo pipefail
db=codecpg_py_latin1
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true' EXIT
dropdb --if-exists "$db" >/dev/null 2>&1 || true
createdb -E LATIN1 --lc-collate=C --lc-ctype=C -T template0 "$db"
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION codecpg"
status=0
for fn in ast_extract symtable_extract; do
    out=$(psql -X -q -v VERBOSITY=verbose -d "$db" -c "SELECT codecpg.$fn('t', 'x.py', 'x = 1')" 2>&1 || true)
    if grep -q "ERROR:  0A000: $fn needs a UTF8 database" <<<"$out"; then
        echo "$fn: refused with 0A000"
    else
        echo "$fn: unexpected result: $out"
        status=1
    fi
done
exit $status
