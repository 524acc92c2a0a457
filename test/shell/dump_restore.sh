#!/usr/bin/env bash
# pg_dump / pg_restore of a database with indexed repositories gives back the whole code
# property graph: two repositories (the CPG test project with two SCIP indexes, and a part
# of the standard library) are indexed, a reader is granted, the database is dumped in the
# custom format and restored into a new database with pg_restore --exit-on-error. Then the
# row counts of every table of the extension (per repository), the node and edge counts
# per kind of cpg_nodes and cpg_edges, the call graph and the catalog of the extension's
# objects (grants and triggers included) are the same as before, schema_check() is empty,
# and the reader reads the restored graph.
set -euo pipefail
repo_root=$(cd "$(dirname "$0")/../.." && pwd)
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { local db=$1; shift; psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }

src=codecpg_dump_src
dst=codecpg_dump_dst
reader=codecpg_dump_reader
work=$(mktemp -d "${TMPDIR:-/tmp}/codecpg-dump.XXXXXX")
chmod 755 "$work"
cleanup() {
    rm -rf "$work"
    dropdb --if-exists "$src" >/dev/null 2>&1 || true
    dropdb --if-exists "$dst" >/dev/null 2>&1 || true
    psql -X -q -d postgres -c "DROP ROLE IF EXISTS $reader" >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup
mkdir -p "$work/app" "$work/lib"
cp -a "$repo_root/test/data/cpg/main.py" "$repo_root/test/data/cpg/app" "$work/app/"
for d in json email logging; do cp -a "/usr/lib/python3.11/$d" "$work/lib/"; done
find "$work" -name __pycache__ -prune -exec rm -rf {} +
chmod -R a+rX "$work"

createdb "$src"
q "$src" -c "CREATE EXTENSION codecpg"
for r in app lib; do
    [ "$(q "$src" -c "SELECT status FROM codecpg.index_repo('$r', '$work/$r')")" = succeeded ] || fail "indexing $r failed"
done
q "$src" -c "SELECT 1 FROM codecpg.scip_load_file('app', '$repo_root/test/data/cpg/index.scip', 'protobuf', 'scip')" >/dev/null
q "$src" -c "SELECT 1 FROM codecpg.scip_load_file('app', '$repo_root/test/data/cpg/handmade_roles.scip.json', 'json', 'handmade')" >/dev/null
q "$src" -c "SELECT 1 FROM codecpg.cpg_refresh('app')" >/dev/null
q postgres -c "CREATE ROLE $reader LOGIN"
q "$src" -c "SELECT codecpg.grant_reader('$reader')" >/dev/null

# Everything that must come back, as sorted "what key count" lines.
snapshot() {
    q "$1" -f "$repo_root/test/tools/table_counts.sql" -f - <<'SQL'
SELECT x FROM (
    SELECT 'table ' || c.relname || ' ' || coalesce(t.repo, '-') || ' ' || t.n AS x
      FROM pg_class c CROSS JOIN LATERAL pg_temp.table_counts(c.oid) t
     WHERE c.relnamespace = 'codecpg'::regnamespace AND c.relkind = 'r'
    UNION ALL
    SELECT 'nodes ' || repo || ' ' || node_kind || ' ' || count(*) FROM codecpg.cpg_nodes GROUP BY repo, node_kind
    UNION ALL
    SELECT 'edges ' || repo || ' ' || edge_kind || ' ' || count(*) FROM codecpg.cpg_edges GROUP BY repo, edge_kind
    UNION ALL
    SELECT 'calls ' || r || ' ' || caller || ' -> ' || callee || ' ' || sites
      FROM unnest(ARRAY['app', 'lib']) r, codecpg.cpg_call_graph(r)
) s ORDER BY x COLLATE "C";
SQL
}
snapshot "$src" >"$work/before"
grep -q "^edges app PY_CALLS_SYMBOL " "$work/before" || fail "the source database has no SCIP-resolved calls to compare"
grep -q "^edges lib PY_CALLS_QNAME " "$work/before" || fail "the source database has no resolved calls to compare"
q "$src" -f "$repo_root/test/tools/catalog_snapshot.sql" >"$work/catalog.before"

pg_dump -Fc -d "$src" -f "$work/dump"
createdb "$dst"
pg_restore --exit-on-error -d "$dst" "$work/dump" 2>"$work/restore.err" || { cat "$work/restore.err"; fail "pg_restore failed"; }
[ ! -s "$work/restore.err" ] || { cat "$work/restore.err"; fail "pg_restore reported problems"; }
echo "ok: pg_dump -Fc and pg_restore --exit-on-error, without a message"

problems=$(q "$dst" -c "SELECT concat_ws(' | ', object_kind, object_name, problem) FROM codecpg.schema_check()")
[ -z "$problems" ] || fail "schema_check() after the restore:
$problems"
snapshot "$dst" >"$work/after"
if ! diff -u --label "before pg_dump" --label "after pg_restore" "$work/before" "$work/after" >"$work/diff"; then
    head -n 60 "$work/diff"
    fail "the restored database differs ($(grep -c '^[-+][^-+]' "$work/diff") lines)"
fi
echo "ok: every table, node kind, edge kind and call edge is back ($(wc -l <"$work/before") counts)"

q "$dst" -f "$repo_root/test/tools/catalog_snapshot.sql" >"$work/catalog.after"
diff -u "$work/catalog.before" "$work/catalog.after" >"$work/catalog.diff" \
    || { head -n 40 "$work/catalog.diff"; fail "the restored extension's catalog differs"; }
echo "ok: the extension's catalog (grants, triggers, comments) is the same"

n=$(psql -X -q -At -v ON_ERROR_STOP=1 -d "$dst" -U "$reader" -c "SELECT count(*) FROM codecpg.cpg_edges WHERE repo = 'lib' AND edge_kind = 'PY_CALLS_QNAME'")
[ "$n" -gt 0 ] || fail "the reader sees no call edges in the restored database"
echo "ok: the reader granted before the dump reads the restored graph ($n call edges)"
