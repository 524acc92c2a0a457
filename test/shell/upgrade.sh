#!/usr/bin/env bash
# The upgrade path a user takes, end to end: the 0.1.0 release (git tag v0.1.0) is built
# and installed into a copy of the harness's private PostgreSQL tree; a cluster of that
# tree creates the extension at 0.1.0 and indexes three projects; the cluster stops, the
# current build replaces the library and scripts, the same data directory starts again
# and ALTER EXTENSION codecpg UPDATE runs. Then:
#   - codecpg.schema_check() is empty;
#   - the catalog of the extension's objects (types, tables, columns, constraints,
#     indexes, triggers, policies, functions with signatures, properties and bodies,
#     views, comments, grants, membership; test/tools/catalog_snapshot.sql) is the
#     same as a fresh install's in a new database: any difference is printed as a diff
#     naming the object;
#   - the indexed data is intact (row counts of every table that existed before, but the
#     graph's, which changes shape) and usable: the update resolves the call graph again
#     and extracts the data flow of every file, as a fresh install indexing the same
#     directories has them; a re-index of the same directories changes nothing; the views
#     answer.
# The 0.1.0 build is cached under ${XDG_CACHE_HOME:-~/.cache}/codecpg, keyed by commit.
set -euo pipefail
repo_root=$(cd "$(dirname "$0")/../.." && pwd)
harness="$repo_root/scripts/pg-harness.sh"
fail() { echo "FAIL: $*" >&2; exit 1; }

port=${CODECPG_PORT:?run through scripts/test.sh}
# scripts/test.sh runs this with the private tree's bin directory first on PATH
pg_config=${CODECPG_PG_CONFIG:-$(command -v pg_config || echo /usr/lib/postgresql/15/bin/pg_config)}
case $pg_config in "$repo_root"/build/pgroot/*) pg_config=${pg_config#"$repo_root/build/pgroot"} ;; esac

up_port=$((port + 1))
work=$(mktemp -d "${TMPDIR:-/tmp}/codecpg-upgrade.XXXXXX")
chmod 755 "$work"
cluster_dir=$work/cluster
pgroot=$work/pgroot
up() { CODECPG_PORT=$up_port CODECPG_CLUSTER_DIR=$cluster_dir CODECPG_PGROOT=$pgroot CODECPG_PG_CONFIG=$pg_config bash "$harness" "$@"; }
trap 'up stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
q() { local db=$1; shift; up run psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }

# --- the 0.1.0 release, built once per commit --------------------------------------------
release=$(git -C "$repo_root" rev-parse -q --verify 'v0.1.0^{commit}' 2>/dev/null || echo a7d18ef418124f48cc432acb9ae5149f18873090)
git -C "$repo_root" cat-file -e "$release^{commit}" 2>/dev/null \
    || fail "the 0.1.0 release (tag v0.1.0 or commit a7d18ef) is not in this clone; clone with full history"
cache=${XDG_CACHE_HOME:-$HOME/.cache}/codecpg/release-$release-pg$("$pg_config" --version | sed 's/ (.*//; s/[^0-9.]//g')
if [ ! -f "$cache/.complete" ]; then
    echo "building codecpg 0.1.0 ($release) into $cache"
    rm -rf "$cache" "$cache.src"
    mkdir -p "$cache.src"
    git -C "$repo_root" archive "$release" | tar -x -C "$cache.src"
    # the pinned grammar of the current build is the release's (same version and checksum)
    if [ -d "$repo_root/build/grammar" ] && cmp -s "$repo_root/scripts/grammar.sha256" "$cache.src/scripts/grammar.sha256"; then
        mkdir -p "$cache.src/build"
        cp -a "$repo_root/build/grammar" "$cache.src/build/"
        find "$cache.src/build/grammar" -name '*.o' -delete
        find "$cache.src/build/grammar" -name .fetched -exec touch {} +
    fi
    make -C "$cache.src" -s -j2 PG_CONFIG="$pg_config" >"$work/build-0.1.0.log" 2>&1 \
        || { tail -n 40 "$work/build-0.1.0.log"; fail "building 0.1.0 failed"; }
    make -C "$cache.src" -s PG_CONFIG="$pg_config" install DESTDIR="$cache/root" >>"$work/build-0.1.0.log" 2>&1 \
        || { tail -n 40 "$work/build-0.1.0.log"; fail "installing 0.1.0 failed"; }
    rm -rf "$cache.src"
    touch "$cache/.complete"
fi
sys_pkglibdir=$("$pg_config" --pkglibdir)
sys_sharedir=$("$pg_config" --sharedir)

# --- a copy of the private tree, with 0.1.0 in it -----------------------------------------
[ -d "$repo_root/build/pgroot" ] || fail "build/pgroot is missing: run scripts/pg-harness.sh install"
cp -a "$repo_root/build/pgroot" "$pgroot"
install_files() {  # install_files FROM_ROOT: the library and the extension's scripts
    rm -f "$pgroot$sys_pkglibdir/codecpg.so" "$pgroot$sys_sharedir"/extension/codecpg*
    cp "$1$sys_pkglibdir/codecpg.so" "$pgroot$sys_pkglibdir/"
    cp "$1$sys_sharedir"/extension/codecpg* "$pgroot$sys_sharedir/extension/"
}
install_files "$cache/root"
grep -q "default_version = '0.1.0'" "$pgroot$sys_sharedir/extension/codecpg.control" || fail "the release's control file is not 0.1.0"

up start >/dev/null

# --- index with 0.1.0 ---------------------------------------------------------------------
projects=$work/projects
mkdir -p "$projects/lib"
cp -a "$repo_root/test/data/cpg" "$projects/app"
for d in json email logging http; do cp -a "/usr/lib/python3.11/$d" "$projects/lib/"; done
cp -a "$repo_root/test/data/dataflow/webapp" "$projects/shop"
find "$projects" -name __pycache__ -prune -exec rm -rf {} +
chmod -R a+rX "$projects"

q postgres -c "CREATE DATABASE upgraded" -c "CREATE DATABASE fresh"
q upgraded -c "CREATE EXTENSION codecpg"
[ "$(q upgraded -c "SELECT extversion FROM pg_extension WHERE extname = 'codecpg'")" = 0.1.0 ] || fail "the old cluster did not create 0.1.0"
for r in app lib shop; do
    status=$(q upgraded -c "SELECT status FROM codecpg.index_repo('$r', '$projects/$r')")
    [ "$status" = succeeded ] || fail "0.1.0 could not index $r: $status"
done

# Row counts of every table, per repository where the table has one, and the call graph.
table_counts() {  # table_counts DB: "table repo rows" lines, every table of the extension
    q "$1" -f "$repo_root/test/tools/table_counts.sql" -c "SELECT c.relname || ' ' || coalesce(t.repo, '-') || ' ' || t.n
        FROM pg_class c CROSS JOIN LATERAL pg_temp.table_counts(c.oid) t
       WHERE c.relnamespace = 'codecpg'::regnamespace AND c.relkind = 'r'
       ORDER BY 1"
}
call_graph() {
    q "$1" -c "SELECT r || ' ' || caller || ' -> ' || callee || ' ' || call_kind || ' ' || sites
                 FROM unnest(ARRAY['app', 'lib', 'shop']) r, codecpg.cpg_call_graph(r) ORDER BY 1"
}
# Data flow from web input to every sink, as source -> sink lines.
flows() {
    q "$1" -c "SELECT source_path || ':' || source_line0 || ' ' || source || ' -> ' || sink_path || ':' || sink_line0 || ' ' || sink_callee
                 FROM codecpg.cpg_flows('shop', codecpg.df_model_names('source', 'web'), codecpg.df_model_names('sink'),
                                        codecpg.df_model_names('sanitizer'))
                ORDER BY 1"
}
# The bytecode lists are rewritten into leaner types: what the functions over them
# return must not change (a digest of every code unit and instruction row).
bytecode_rows() {
    q "$1" -c "SELECT count(*) || ' ' || md5(string_agg(u::text, E'\n' ORDER BY u.path, u.code_id))
                 FROM codecpg.bytecode_files_v1 f, codecpg.bc_code_units(f) u" \
           -c "SELECT count(*) || ' ' || md5(string_agg(i::text, E'\n' ORDER BY i.path, i.code_id, i.instr_index))
                 FROM codecpg.bytecode_files_v1 f, codecpg.bc_instructions(f) i"
}
# The tree-sitter lists are rebuilt into a leaner node (no id, kind name or lines): what
# ts_nodes, ts_edges, ts_errors and ts_missing return must not change, the kind and lines
# 0.1.0 stored included.
tree_sitter_rows() {
    q "$1" -c "SELECT count(*) || ' ' || coalesce(md5(string_agg(n::text, E'\n' ORDER BY n.repo, n.path, n.node_id)), '-')
                 FROM codecpg.tree_sitter_files_v1 f, codecpg.ts_nodes(f) n" \
           -c "SELECT count(*) || ' ' || coalesce(md5(string_agg(e::text, E'\n' ORDER BY e.repo, e.path, e.child_id)), '-')
                 FROM codecpg.tree_sitter_files_v1 f, codecpg.ts_edges(f) e" \
           -c "SELECT count(*) || ' ' || coalesce(md5(string_agg(e::text, E'\n' ORDER BY e.repo, e.path, e.error_id)), '-')
                 FROM codecpg.tree_sitter_files_v1 f, codecpg.ts_errors(f) e" \
           -c "SELECT count(*) || ' ' || coalesce(md5(string_agg(m::text, E'\n' ORDER BY m.repo, m.path, m.missing_id)), '-')
                 FROM codecpg.tree_sitter_files_v1 f, codecpg.ts_missing(f) m"
}
# The AST node lists are rebuilt into a leaner node (no id, no lines): what ast_nodes and
# ast_edges return must not change, the ids and lines 0.1.0 stored included.
ast_rows() {
    q "$1" -c "SELECT count(*) || ' ' || coalesce(md5(string_agg(n::text, E'\n' ORDER BY n.repo, n.path, n.ast_id)), '-')
                 FROM codecpg.ast_files_v1 f, codecpg.ast_nodes(f) n" \
           -c "SELECT count(*) || ' ' || coalesce(md5(string_agg(e::text, E'\n' ORDER BY e.repo, e.path, e.dst)), '-')
                 FROM codecpg.ast_files_v1 f, codecpg.ast_edges(f) e"
}
before_counts=$(table_counts upgraded)
before_tree_sitter=$(tree_sitter_rows upgraded)
before_ast=$(ast_rows upgraded)
before_graph=$(call_graph upgraded)
before_bytecode=$(bytecode_rows upgraded)
[ "$(echo "$before_graph" | wc -l)" -gt 100 ] || fail "0.1.0 found too small a call graph to compare: $(echo "$before_graph" | wc -l) edges"

# --- the current build on the same data directory -----------------------------------------
up stop >/dev/null
install_files "$repo_root/build/pgroot"
up start >/dev/null
q upgraded -c "ALTER EXTENSION codecpg UPDATE" 2>"$work/update.err" || { cat "$work/update.err"; fail "ALTER EXTENSION codecpg UPDATE failed"; }
version=$(q upgraded -c "SELECT extversion FROM pg_extension WHERE extname = 'codecpg'")
default_version=$(sed -n "s/^default_version = '\(.*\)'/\1/p" "$repo_root/codecpg.control")
[ "$version" = "$default_version" ] || fail "after UPDATE the extension is at $version, not $default_version"
echo "ok: ALTER EXTENSION codecpg UPDATE from 0.1.0 to $version"

problems=$(q upgraded -c "SELECT concat_ws(' | ', object_kind, object_name, problem, expected, installed) FROM codecpg.schema_check()")
[ -z "$problems" ] || fail "schema_check() after the upgrade:
$problems"
echo "ok: schema_check() is empty after the upgrade"

q fresh -c "CREATE EXTENSION codecpg"
q upgraded -f "$repo_root/test/tools/catalog_snapshot.sql" >"$work/catalog.upgraded"
q fresh -f "$repo_root/test/tools/catalog_snapshot.sql" >"$work/catalog.fresh"
[ "$(wc -l <"$work/catalog.fresh")" -gt 1000 ] || fail "the catalog snapshot of a fresh install is too short"
if ! diff -u --label "fresh $version install" --label "0.1.0 upgraded to $version" "$work/catalog.fresh" "$work/catalog.upgraded" >"$work/catalog.diff"; then
    echo "the upgraded extension differs from a fresh install (- fresh, + upgraded; object<TAB>property<TAB>value):"
    grep -E '^[-+][^-+]' "$work/catalog.diff" | head -n 200
    fail "catalog differs after ALTER EXTENSION UPDATE ($(grep -cE '^[-+][^-+]' "$work/catalog.diff") lines)"
fi
echo "ok: the upgraded catalog equals a fresh install's ($(wc -l <"$work/catalog.fresh") facts)"

# --- the data: intact and usable ----------------------------------------------------------
after_counts=$(table_counts upgraded)
# The graph's tables change shape (one row per edge before, per file now): the update
# resolves every repository again, compared with a fresh index below.
lost=$(comm -23 <(echo "$before_counts" | grep -v '^cpg_graph_v1 \|^cpg_scopes_v1 ') \
                <(echo "$after_counts" | grep -v '^cpg_graph_v1 \|^cpg_scopes_v1 '))
[ -z "$lost" ] || fail "row counts changed by the upgrade (table repo rows before the upgrade):
$lost
after:
$(comm -13 <(echo "$before_counts") <(echo "$after_counts"))"
echo "ok: every table keeps its rows ($(echo "$before_counts" | wc -l) table/repository counts)"

# The graph and the data flow are those of a fresh install indexing the same directories.
for r in app lib shop; do
    status=$(q fresh -c "SELECT status FROM codecpg.index_repo('$r', '$projects/$r')")
    [ "$status" = succeeded ] || fail "a fresh install could not index $r: $status"
done
after_graph=$(call_graph upgraded)
fresh_graph=$(call_graph fresh)
[ "$after_graph" = "$fresh_graph" ] || fail "the upgraded call graph differs from a fresh index's:
$(diff <(echo "$fresh_graph") <(echo "$after_graph") | head -n 40)"
[ "$(echo "$after_graph" | wc -l)" -gt 100 ] || fail "the upgraded call graph has only $(echo "$after_graph" | wc -l) edges"
echo "ok: the call graph is resolved again by the update, as a fresh index has it ($(echo "$after_graph" | wc -l) edges; 0.1.0 had $(echo "$before_graph" | wc -l))"
files=$(q upgraded -c "SELECT count(*) FROM codecpg.repo_files_v1 WHERE repo = 'shop'")
flowed=$(q upgraded -c "SELECT count(*) FROM codecpg.dataflow_files_v1 WHERE repo = 'shop'")
[ "$files" -gt 0 ] && [ "$files" = "$flowed" ] || fail "$flowed of $files files have their data flow after the upgrade"
after_flows=$(flows upgraded)
[ -n "$after_flows" ] && [ "$after_flows" = "$(flows fresh)" ] || fail "the upgraded data flow differs from a fresh index's:
$(diff <(flows fresh) <(echo "$after_flows"))"
[ "$(q upgraded -c "SELECT count(*) FROM codecpg.cpg_edges WHERE repo = 'shop' AND edge_kind = 'REACHES'")" -gt 0 ] \
    || fail "no REACHES edges in the upgraded views"
echo "ok: files indexed under 0.1.0 have their data flow: $(echo "$after_flows" | wc -l) web flows, as a fresh index finds"

after_bytecode=$(bytecode_rows upgraded)
[ "$before_bytecode" = "$after_bytecode" ] || fail "bc_code_units or bc_instructions changed across the upgrade (rows digest before / after):
$before_bytecode
$after_bytecode"
stale=$(q upgraded -c "SELECT count(*) FROM codecpg.bytecode_files_v1 f JOIN codecpg.repo_files_v1 r USING (repo, file_id)
                        WHERE f.code_objects IS DISTINCT FROM (codecpg.bytecode_extract(r.repo, r.path, r.source)).code_objects")
[ "$stale" = 0 ] || fail "$stale upgraded bytecode rows differ from what the current extractor stores for the same source"
echo "ok: the rewritten bytecode lists are what the current extractor stores ($(echo "$after_bytecode" | sed -n 2p | cut -d' ' -f1) instructions, unchanged through bc_instructions)"

after_tree_sitter=$(tree_sitter_rows upgraded)
[ "$before_tree_sitter" = "$after_tree_sitter" ] || fail "ts_nodes, ts_edges, ts_errors or ts_missing changed across the upgrade (rows digest before / after):
$before_tree_sitter
$after_tree_sitter"
[ "$(echo "$after_tree_sitter" | sed -n 1p | cut -d' ' -f1)" -gt 100000 ] && [ "$(echo "$after_tree_sitter" | sed -n 3p | cut -d' ' -f1)" -gt 0 ] \
    && [ "$(echo "$after_tree_sitter" | sed -n 4p | cut -d' ' -f1)" -gt 0 ] || fail "too few tree-sitter nodes, errors or missing nodes to compare: $after_tree_sitter"
stale=$(q upgraded -c "SELECT count(*) FROM codecpg.tree_sitter_files_v1 f JOIN codecpg.repo_files_v1 r USING (repo, file_id)
                        CROSS JOIN LATERAL codecpg.ts_extract(r.repo, r.path, r.source) x
                        WHERE (f.nodes, f.errors, f.missing, f.line_starts) IS DISTINCT FROM (x.nodes, x.errors, x.missing, x.line_starts)")
[ "$stale" = 0 ] || fail "$stale upgraded tree-sitter rows differ from what the current extractor stores for the same source"
echo "ok: the rebuilt tree-sitter lists are what the current extractor stores ($(echo "$after_tree_sitter" | sed -n 1p | cut -d' ' -f1) nodes, unchanged through ts_nodes, ts_edges, ts_errors and ts_missing)"

after_ast=$(ast_rows upgraded)
[ "$before_ast" = "$after_ast" ] || fail "ast_nodes or ast_edges changed across the upgrade (rows digest before / after):
$before_ast
$after_ast"
[ "$(echo "$after_ast" | sed -n 1p | cut -d' ' -f1)" -gt 10000 ] || fail "too few AST nodes to compare: $after_ast"
stale=$(q upgraded -c "SELECT count(*) FROM codecpg.ast_files_v1 f JOIN codecpg.repo_files_v1 r USING (repo, file_id)
                        CROSS JOIN LATERAL codecpg.ast_extract(r.repo, r.path, r.source) x
                        WHERE (f.nodes, f.line_starts) IS DISTINCT FROM (x.nodes, x.line_starts)")
[ "$stale" = 0 ] || fail "$stale upgraded AST rows differ from what the current extractor stores for the same source"
echo "ok: the rebuilt AST node lists are what the current extractor stores ($(echo "$after_ast" | sed -n 1p | cut -d' ' -f1) nodes, unchanged through ast_nodes and ast_edges)"

for r in app lib shop; do
    run=$(q upgraded -c "SELECT status || ' ' || files_added || ' ' || files_changed || ' ' || files_removed FROM codecpg.index_repo('$r', '$projects/$r')")
    [ "$run" = "succeeded 0 0 0" ] || fail "re-indexing $r after the upgrade: $run (status added changed removed)"
done
[ "$(table_counts upgraded | grep -v '^index_runs ')" = "$(echo "$after_counts" | grep -v '^index_runs ')" ] \
    || fail "re-indexing unchanged directories after the upgrade changed rows"
kinds=$(q upgraded -c "SELECT count(DISTINCT edge_kind) FROM codecpg.cpg_edges WHERE repo = 'app'")
[ "$kinds" -ge 10 ] || fail "cpg_edges of the upgraded repository has only $kinds edge kinds"
printf 'def added():\n    return helper()\n\ndef helper():\n    return 1\n' >"$projects/app/added.py"
chmod a+r "$projects/app/added.py"
run=$(q upgraded -c "SELECT status || ' ' || files_added FROM codecpg.index_repo('app', '$projects/app')")
[ "$run" = "succeeded 1" ] || fail "indexing a new file after the upgrade: $run"
q upgraded -c "SELECT 1 FROM codecpg.cpg_call_graph('app') WHERE caller = 'added.added' AND callee = 'added.helper'" | grep -q 1 \
    || fail "a file indexed after the upgrade is missing from the call graph"
echo "ok: re-indexing after the upgrade changes nothing; a new file joins the graph"
