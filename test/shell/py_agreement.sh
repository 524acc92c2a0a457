#!/usr/bin/env bash
# Agreement of codecpg.ast_extract / codecpg.symtable_extract with what Python's own ast
# and symtable modules report for the same source.
#
# For the fixtures in test/data/py (every syntax form, scope shapes, syntax errors),
# CRLF and lone-CR variants of them, and a sample of the standard library, the rows the
# extension stored are dumped from SQL and the same rows are built by
# bench/peer_ast_symtable.py with /usr/bin/python3 (the CPython the backend embeds);
# any difference fails. The def qualnames are also checked against the compiler's own
# co_qualname, and every Name node's byte span must hold the name.
#
# CODECPG_AGREE_STDLIB_STEP=N takes every Nth standard library file (default 3; 1 = all).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
py=/usr/bin/python3
step=${CODECPG_AGREE_STDLIB_STEP:-3}
db=codecpg_py_agreement
work=$(mktemp -d /tmp/codecpg-py-agree.XXXXXX)
chmod 755 "$work"
trap 'rm -rf "$work"; dropdb --if-exists "$db" >/dev/null 2>&1 || true' EXIT

# Fixtures, and the same fixtures with \r\n and lone \r line ends and with a UTF-8 byte
# order mark.
mkdir "$work/fixtures"
cp "$root"/test/data/py/*.py "$work/fixtures/"
for f in "$root"/test/data/py/*.py; do
    name=$(basename "$f" .py)
    $py -c 'import sys; d = open(sys.argv[1], "rb").read(); open(sys.argv[2], "wb").write(d.replace(b"\n", b"\r\n")); open(sys.argv[3], "wb").write(d.replace(b"\n", b"\r")); open(sys.argv[4], "wb").write(b"\xef\xbb\xbf" + d)' \
        "$f" "$work/fixtures/${name}_crlf.py" "$work/fixtures/${name}_cr.py" "$work/fixtures/${name}_bom.py"
done
chmod 644 "$work"/fixtures/*
chmod 755 "$work/fixtures"
{
    for f in "$work"/fixtures/*.py; do printf 'fixtures/%s\t%s\n' "$(basename "$f")" "$f"; done
    (cd /usr/lib/python3.11 && find . -name '*.py' -type f | sed 's|^\./||' | LC_ALL=C sort) \
        | awk -v step="$step" 'NR % step == 1 || step == 1 { printf "stdlib/%s\t/usr/lib/python3.11/%s\n", $0, $0 }'
} >"$work/files.tsv"
echo "files: $(wc -l <"$work/files.tsv")"

dropdb --if-exists "$db" >/dev/null 2>&1 || true
createdb "$db"
q() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }
q -c "CREATE EXTENSION codecpg" \
  -c "CREATE TEMP TABLE files(rel text, abs text)" \
  -c "\\copy files FROM '$work/files.tsv'" \
  -c "SELECT count(codecpg.put_file('agree', rel, pg_read_file(abs))) FROM files" \
  -c "INSERT INTO codecpg.ast_files_v1 SELECT a.* FROM codecpg.repo_files_v1 r CROSS JOIN LATERAL codecpg.ast_extract(r.repo, r.path, r.source) a WHERE r.repo = 'agree'" \
  -c "INSERT INTO codecpg.symtable_files_v1 SELECT (t).* FROM (SELECT codecpg.symtable_extract(repo, path, source) AS t FROM codecpg.repo_files_v1 WHERE repo = 'agree' OFFSET 0) s" >/dev/null

# The stored rows in the peer's dump format (psql COPY text).
q >"$work/sql_ast.tsv" <<'SQL'
COPY (SELECT 'N', n.path, n.ast_id, n.parent_ast_id, n.kind, n.name, n.value, n.field_name, n.field_pos,
             n.bstart, n.bend, n.line0, n.col, n.end_line0, n.end_col, n.attrs
        FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.ast_nodes(f) n) TO STDOUT;
COPY (SELECT 'D', d.path, d.ast_id, d.kind, d.name, d.qualname, d.bstart, d.bend, d.line0, d.col, d.end_line0, d.end_col, d.attrs
        FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.ast_defs(f) d) TO STDOUT;
COPY (SELECT 'I', f.path, i.ast_id, i.kind, i.module, i.name, i.asname, i.level, (i.span).*
        FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.imports) i) TO STDOUT;
COPY (SELECT 'C', f.path, c.ast_id, c.func_kind, c.func_text, c.func_dotted, c.arg_count, c.keyword_count, (c.span).*
        FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.calls) c) TO STDOUT;
COPY (SELECT 'S', f.path, d.owner_ast_id, d.owner_kind, d.docstring, (d.span).*
        FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.docstrings) d) TO STDOUT;
COPY (SELECT 'T', f.path, t.line0, t.tag, (t.span).*
        FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.type_ignores) t) TO STDOUT;
COPY (SELECT 'E', e.path, e.error_type, e.message, e.bstart, e.bend, e.line0, e.col, e.end_line0, e.end_col, e.attrs
        FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.ast_errors(f) e) TO STDOUT;
SQL
q >"$work/sql_symtable.tsv" <<'SQL'
COPY (SELECT 'B', f.path, b.block_id, b.parent_block_id, b.block_type, b.name, b.lineno1, b.qualpath, b.is_meta_scope,
             (b.span_hint).*,
             array_to_string((b.function_partitions).parameters, ','), array_to_string((b.function_partitions).locals, ','),
             array_to_string((b.function_partitions).globals, ','), array_to_string((b.function_partitions).nonlocals, ','),
             array_to_string((b.function_partitions).frees, ','), array_to_string(b.class_methods, ','), b.attrs
        FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.blocks) b) TO STDOUT;
COPY (SELECT 'Y', s.path, s.block_id, s.name, s.is_referenced, s.is_imported, s.is_parameter, s.is_type_parameter,
             s.is_global, s.is_nonlocal, s.is_declared_global, s.is_local, s.is_annotated, s.is_free, s.is_assigned,
             s.is_namespace, s.namespace_count, array_to_string(s.namespace_block_ids, ','), s.attrs
        FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL codecpg.sym_symbols(f) s) TO STDOUT;
COPY (SELECT 'E', f.path, e.error_type, e.message, (e.span).*, e.attrs
        FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.errors) e) TO STDOUT;
SQL

status=0
for kind in ast symtable; do
    $py "$root/bench/peer_ast_symtable.py" dump "$kind" "$work/files.tsv" >"$work/peer_$kind.tsv"
    LC_ALL=C sort "$work/peer_$kind.tsv" >"$work/peer_$kind.sorted"
    LC_ALL=C sort "$work/sql_$kind.tsv" >"$work/sql_$kind.sorted"
    rows=$(wc -l <"$work/peer_$kind.sorted")
    if diff "$work/peer_$kind.sorted" "$work/sql_$kind.sorted" >"$work/diff_$kind.txt"; then
        echo "$kind: $rows rows agree"
    else
        echo "$kind: DISAGREEMENT (< python, > codecpg), first lines:"
        head -n 40 "$work/diff_$kind.txt"
        status=1
    fi
    # A test that compared nothing would pass vacuously.
    [ "$rows" -gt 1000 ] || { echo "$kind: only $rows rows compared"; status=1; }
done
grep -q "^E	fixtures/syntax_error_symtable.py	SyntaxError" "$work/sql_symtable.tsv" \
    || { echo "the symbol-table syntax error fixture produced no error row"; status=1; }

if $py "$root/bench/peer_ast_symtable.py" qualnames "$work/files.tsv"; then
    echo "def qualnames agree with the compiler's co_qualname"
else
    echo "def qualnames disagree with the compiler's co_qualname"; status=1
fi

# Byte spans are exact: the bytes under every Name, arg and alias-free identifier node
# spell the identifier (CPython normalizes identifiers to NFKC, so compare normalized).
bad=$(q -At <<'SQL'
SELECT count(*) FROM codecpg.ast_files_v1 f
  JOIN codecpg.repo_files_v1 r USING (repo, file_id)
  CROSS JOIN LATERAL codecpg.ast_nodes(f) n
 WHERE n.kind IN ('Name', 'arg')
   AND normalize(convert_from(substring(convert_to(r.source, 'UTF8') FROM n.bstart + 1
                                        FOR length(convert_to(n.name, 'UTF8'))), 'UTF8'), NFKC) <> n.name;
SQL
)
echo "identifier nodes whose bytes do not spell their name: $bad"
[ "$bad" = 0 ] || status=1
exit $status
