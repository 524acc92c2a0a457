#!/usr/bin/env bash
# Agreement of codecpg.bytecode_extract with Python's own dis, for the fixtures in
# test/data/bc (every syntax form, EXTENDED_ARG, non-ASCII positions) and a sample of the
# standard library. Both sides print the same canonical lines (code units, instructions
# with their CACHE entries, exception table, line starts; see bench/peer_bytecode.py);
# any difference fails the test. Basic blocks and CFG edges are compared too, against
# the peer's own implementation of the documented rules.
#
# Environment: PG* point at a running cluster (scripts/test.sh sets them);
# CODECPG_BC_STDLIB_STEP (default 10) samples every Nth file of /usr/lib/python3.11.
set -euo pipefail
repo_root=$(cd "$(dirname "$0")/../.." && pwd)
python=/usr/bin/python3
stdlib=/usr/lib/python3.11
step=${CODECPG_BC_STDLIB_STEP:-10}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The server reads the fixtures itself (pg_read_file), so it needs a copy it can reach.
fixtures=$work/fixtures
mkdir -p "$fixtures"
cp "$repo_root"/test/data/bc/*.py "$fixtures/"
chmod -R a+rX "$work"

PGOPTIONS="-c client_min_messages=warning" psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION IF NOT EXISTS codecpg" >/dev/null

# One SQL dump per root directory, for the listed relative paths.
sql_dump() {
    local root=$1 list=$2
    psql -X -q -At -v ON_ERROR_STOP=1 -v root="$root" <<SQL
CREATE TEMP TABLE bc_files(ord serial, rel text);
\\copy bc_files(rel) FROM '$list'
CREATE FUNCTION pg_temp.esc(t text) RETURNS text LANGUAGE sql IMMUTABLE AS
\$\$ SELECT coalesce(replace(replace(replace(replace(t, E'\\\\', E'\\\\\\\\'), E'\\t', E'\\\\t'), E'\\n', E'\\\\n'), E'\\r', E'\\\\r'), 'None') \$\$;
CREATE FUNCTION pg_temp.n(v bigint) RETURNS text LANGUAGE sql IMMUTABLE AS \$\$ SELECT coalesce(v::text, 'None') \$\$;
CREATE FUNCTION pg_temp.b(v boolean) RETURNS text LANGUAGE sql IMMUTABLE AS \$\$ SELECT CASE WHEN v THEN 'True' ELSE 'False' END \$\$;
CREATE TEMP TABLE bc AS
  SELECT rel, codecpg.bytecode_extract('agreement', rel, pg_read_file(:'root' || '/' || rel)) AS f
    FROM bc_files;
WITH lines AS (
  SELECT u.path, u.code_id, 0 AS section, 0 AS k1, 0 AS k2, '' AS k3, 0 AS k4, 0 AS k5,
         concat_ws(E'\\t', 'C', u.path, u.code_id, pg_temp.n(u.parent_code_id), pg_temp.esc(u.qualname),
                   pg_temp.esc(u.name), u.firstlineno1, u.argcount, u.posonlyargcount, u.kwonlyargcount,
                   u.nlocals, u.flags, u.stacksize, u.code_len,
                   pg_temp.esc(array_to_string(u.varnames, ',')), pg_temp.esc(array_to_string(u.freevars, ',')),
                   pg_temp.esc(array_to_string(u.cellvars, ',')), pg_temp.esc(array_to_string(u.names, ',')),
                   pg_temp.esc(array_to_string(u.const_reprs, ' | '))) AS line
    FROM bc CROSS JOIN LATERAL codecpg.bc_code_units(bc.f) u
  UNION ALL
  SELECT i.path, i.code_id, 1, i.instr_offset + 2 * c.k, c.k, '', 0, 0,
         concat_ws(E'\\t', 'I', i.path, i.code_id, i.instr_offset + 2 * c.k,
                   CASE WHEN c.k = 0 THEN i.opname ELSE 'CACHE' END,
                   CASE WHEN c.k = 0 THEN pg_temp.n(i.arg) ELSE '0' END,
                   CASE WHEN c.k = 0 THEN pg_temp.esc(i.argval_kind) ELSE 'None' END,
                   CASE WHEN c.k = 0 THEN pg_temp.n(i.argval_int) ELSE 'None' END,
                   CASE WHEN c.k = 0 THEN pg_temp.esc(i.argval_str) ELSE 'None' END,
                   CASE WHEN c.k = 0 THEN pg_temp.esc(i.argrepr) ELSE '' END,
                   pg_temp.b(c.k = 0 AND i.is_jump_target),
                   CASE WHEN c.k = 0 THEN pg_temp.n(i.starts_line) ELSE 'None' END,
                   pg_temp.n(i.line_number), pg_temp.n(i.end_line0 + 1), pg_temp.n(i.col), pg_temp.n(i.end_col))
    FROM bc CROSS JOIN LATERAL codecpg.bc_instructions(bc.f) i
    CROSS JOIN LATERAL generate_series(0, i.cache_units) AS c(k)
  UNION ALL
  SELECT e.path, e.code_id, 2, e.exc_index, 0, '', 0, 0,
         concat_ws(E'\\t', 'E', e.path, e.code_id, e.start_offset, e.end_offset, e.target_offset, e.depth, pg_temp.b(e.lasti))
    FROM bc CROSS JOIN LATERAL codecpg.bc_exception_table(bc.f) e
  UNION ALL
  SELECT l.path, l.code_id, 3, l.instr_offset, 0, '', 0, 0,
         concat_ws(E'\\t', 'L', l.path, l.code_id, l.instr_offset, l.line1)
    FROM bc CROSS JOIN LATERAL codecpg.bc_line_table(bc.f) l
  UNION ALL
  SELECT b.path, b.code_id, 4, b.start_offset, 0, '', 0, 0,
         concat_ws(E'\\t', 'B', b.path, b.code_id, b.start_offset, b.end_offset, b.kind)
    FROM bc CROSS JOIN LATERAL codecpg.bc_blocks(bc.f) b
  UNION ALL
  SELECT g.path, g.code_id, 5, g.src_block_start, 0, g.kind, g.dst_block_start, coalesce(g.exc_index, -1),
         concat_ws(E'\\t', 'G', g.path, g.code_id, g.kind, g.src_block_start, g.src_block_end,
                   g.dst_block_start, g.dst_block_end, pg_temp.n(g.cond_instr_index),
                   pg_temp.n(g.cond_instr_offset), pg_temp.n(g.exc_index))
    FROM bc CROSS JOIN LATERAL codecpg.bc_cfg_edges(bc.f) g
  UNION ALL
  SELECT x.path, 2147483647, 6, x.error_index, 0, '', 0, 0, concat_ws(E'\\t', 'X', x.path, x.error_type)
    FROM bc CROSS JOIN LATERAL codecpg.bc_errors(bc.f) x
)
SELECT line FROM lines l JOIN bc_files b ON b.rel = l.path
 ORDER BY b.ord, l.code_id, l.section, l.k1, l.k2, l.k3 COLLATE "C", l.k4, l.k5;
SQL
}

check() {
    local name=$1 root=$2 list=$3
    sql_dump "$root" "$list" >"$work/$name.sql.txt"
    # shellcheck disable=SC2046
    "$python" "$repo_root/bench/peer_bytecode.py" dump "$root" $(cat "$list") >"$work/$name.dis.txt"
    local lines
    lines=$(wc -l <"$work/$name.dis.txt")
    if ! diff -u "$work/$name.dis.txt" "$work/$name.sql.txt" >"$work/$name.diff"; then
        echo "FAIL $name: bytecode_extract disagrees with dis ($lines dis lines)"
        head -n 60 "$work/$name.diff"
        return 1
    fi
    if [ "$lines" -lt 10 ]; then
        echo "FAIL $name: only $lines lines compared"
        return 1
    fi
    echo "ok $name: $(wc -l <"$list") files, $lines lines agree ($(grep -c '^I' "$work/$name.dis.txt") instruction lines)"
}

(cd "$fixtures" && ls -1 *.py) >"$work/fixtures.list"
(cd "$stdlib" && find . -name '*.py' -type f | sed 's|^\./||' | sort | awk -v s="$step" '(NR - 1) % s == 0') >"$work/stdlib.list"
chmod a+r "$work"/*.list

status=0
check fixtures "$fixtures" "$work/fixtures.list" || status=1
check stdlib "$stdlib" "$work/stdlib.list" || status=1

# The comparison must be able to fail: a changed instruction is reported.
sed '0,/^I\t[^\t]*\t[0-9]*\t[0-9]*\tLOAD_CONST/s//&X/' "$work/fixtures.sql.txt" >"$work/tampered.txt"
if diff -q "$work/fixtures.dis.txt" "$work/tampered.txt" >/dev/null; then
    echo "FAIL: a tampered dump still compares equal"
    status=1
fi
exit $status
