#!/usr/bin/env bash
# codecpg on Citus gives what a single node gives. Builds Citus from the vendored source
# (cached between runs; a failed build fails the test), starts a coordinator and two
# workers, distributes codecpg's tables, and indexes the same three projects there
# and on the single-node test cluster: the graph test project with its SCIP index
# (server side), the indexing test project with its bad files (client, -j 1 and -j 2, as
# two repositories) and a few hundred files of the standard library (server side). Then
# it re-indexes changed copies incrementally, refreshes the graph on both sides and
# compares, row for row: every root table, the run
# records and error rows, cpg_nodes and cpg_edges, the call graph, callers and callees,
# the cookbook of docs/cpg.md, the pictures, and schema_check(); then it moves a
# repository's shards to the other worker and compares its results again.
#
# Ports: CODECPG_CITUS_PORTS (coordinator and two workers), by default the three ports
# after the single-node cluster's.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
harness="bash $root/scripts/pg-harness.sh"
read -r coord w1 w2 <<<"${CODECPG_CITUS_PORTS:-$((PGPORT + 1)) $((PGPORT + 2)) $((PGPORT + 3))}"
ref_db=codecpg_citus_ref

fail() { echo "FAIL: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
now() { date +%s%N; }
elapsed() { local ms=$((($(now) - $1) / 1000000)); printf '%d.%d s' $((ms / 1000)) $((ms % 1000 / 100)); }

# ref/cit: run psql on the single node or on the coordinator.
ref() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$ref_db" "$@"; }
cit() { CODECPG_PORT=$coord $harness psql -q -At -v ON_ERROR_STOP=1 -d postgres "$@"; }
client() {  # client PORT DB ARGS...: the command-line client, as the clusters' OS user
    local port=$1 db=$2
    shift 2
    runuser -u postgres -- env PATH="$PATH" PGHOST="${TMPDIR:-/tmp}/codecpg-cluster-$port" PGPORT="$port" \
        PGUSER=postgres PGDATABASE="$db" codecpg "$@"
}

work=$(mktemp -d /tmp/codecpg-citus.XXXXXX)
chmod 755 "$work"
cleanup() {
    [ -n "${CITUS_KEEP:-}" ] && return
    bash "$root/scripts/citus-cluster.sh" stop "$coord" "$w1" "$w2"
    dropdb --if-exists "$ref_db" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT

t0=$(now)
bash "$root/scripts/citus-cluster.sh" start "$coord" "$w1" "$w2"
echo "cluster ready in $(elapsed "$t0")"
dropdb --if-exists "$ref_db" >/dev/null 2>&1 || true
createdb "$ref_db"
ref -c "CREATE EXTENSION codecpg"

# Without Citus the function says why, with a specific SQLSTATE.
err=$(ref -c "SELECT codecpg.distribute_tables()" -v VERBOSITY=verbose 2>&1 || true)
case "$err" in *"0A000"*"citus extension is not installed"*) ok "distribute_tables without Citus: 0A000" ;;
    *) fail "distribute_tables without Citus: unexpected [$err]" ;; esac

# Distributing is idempotent; every table is a Citus table.
first=$(cit -c "SELECT string_agg(table_name || ':' || method || ':' || action, ' ' ORDER BY table_name::text) FROM codecpg.distribute_tables()")
second=$(cit -c "SELECT string_agg(table_name || ':' || method || ':' || action, ' ' ORDER BY table_name::text) FROM codecpg.distribute_tables()")
[ "${first//converted/x}" = "${second//unchanged/x}" ] || fail "distribute_tables twice: [$first] then [$second]"
case "$first" in *unchanged*) fail "first distribute_tables left tables unchanged: $first" ;; esac
echo "distributed: $first"
expect_tables=$(cit -c "SELECT count(*) FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
                         WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'codecpg')
                           AND d.classid = 'pg_class'::regclass AND c.relkind = 'r'")
got_tables=$(cit -c "SELECT count(*) FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid
                      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'codecpg'")
[ "$expect_tables" = "$got_tables" ] || fail "$got_tables of $expect_tables tables are Citus tables"
colocated=$(cit -c "SELECT count(DISTINCT colocationid) FROM pg_dist_partition
                     WHERE logicalrelid::text LIKE 'codecpg.%' AND partmethod = 'h'")
[ "$colocated" = 1 ] || fail "distributed tables are in $colocated co-location groups"
ok "distribute_tables: $got_tables tables, one co-location group, idempotent"

# The corpus. The standard library subset: its top-level modules and ten packages.
mkdir -p "$work/stdlib"
(cd /usr/lib/python3.11 && cp --parents ./*.py "$work/stdlib/" &&
    find asyncio email json collections concurrent logging urllib http importlib xml -name '*.py' \
        -exec cp --parents {} "$work/stdlib/" \;)
cp -r "$root/test/data/cpg" "$work/cpg"
cp -r "$root/test/data/index/proj" "$work/proj"
chmod -R a+rX "$work"
nstd=$(find "$work/stdlib" -name '*.py' | wc -l)
[ "$nstd" -ge 250 ] || fail "standard library subset has only $nstd files"

# Indexing: the same runs on both sides. The graph refresh is run separately below.
index_all() {  # index_all SIDE
    local side=$1 port db
    if [ "$side" = ref ]; then port=$PGPORT; db=$ref_db; else port=$coord; db=postgres; fi
    $side -c "SELECT status, files_seen FROM codecpg.index_repo('stdlib', '$work/stdlib', '{\"cpg\": false}')" >/dev/null
    $side -c "SELECT status FROM codecpg.index_repo('cpg', '$work/cpg', '{\"cpg\": false}')" >/dev/null
    $side -c "SELECT documents FROM codecpg.scip_load_file('cpg', '$work/cpg/index.scip')" >/dev/null
    client "$port" "$db" index "$work/proj" --repo proj1 -j 1 --no-cpg -q
    client "$port" "$db" index "$work/proj" --repo proj2 -j 2 --no-cpg -q
}
t0=$(now); index_all ref; echo "single node: indexed in $(elapsed "$t0")"
t0=$(now); index_all cit; echo "citus: indexed in $(elapsed "$t0")"

# Incremental: a changed, a removed and a new file in each project.
change_all() {
    echo '# changed' >>"$work/stdlib/json/decoder.py"
    rm "$work/stdlib/bisect.py"
    printf 'import json\n\ndef dump(x):\n    return json.dumps(x)\n' >"$work/stdlib/added_module.py"
    echo 'EXTRA = 1' >>"$work/proj/app/core.py"
    rm "$work/proj/scripts/tool.py"
    printf 'from app.core import *\n' >"$work/proj/app/new.py"
    chmod -R a+rX "$work"
}
reindex_all() {  # reindex_all SIDE
    local side=$1 port db
    if [ "$side" = ref ]; then port=$PGPORT; db=$ref_db; else port=$coord; db=postgres; fi
    $side -c "SELECT status FROM codecpg.index_repo('stdlib', '$work/stdlib', '{\"cpg\": false}')" >/dev/null
    client "$port" "$db" index "$work/proj" --repo proj1 -j 1 --no-cpg -q
    client "$port" "$db" index "$work/proj" --repo proj2 -j 2 --no-cpg -q
}
change_all
t0=$(now); reindex_all ref; echo "single node: re-indexed in $(elapsed "$t0")"
t0=$(now); reindex_all cit; echo "citus: re-indexed in $(elapsed "$t0")"
counts=$(cit -c "SELECT string_agg(repo || ':' || files_added || '/' || files_changed || '/' || files_removed, ' ' ORDER BY run_id)
                  FROM (SELECT * FROM codecpg.index_runs ORDER BY run_id OFFSET 4) r")
[ "$counts" = "stdlib:1/1/1 proj1:1/1/1 proj2:1/1/1" ] || fail "incremental runs on Citus: $counts"
ok "incremental re-index on Citus: $counts"

# The graph refresh, on both sides; its result is compared like everything else. Should it
# fail on Citus, the failure is reported and the Citus side gets the single node's derived
# tables, so that every graph query is still compared (and the test fails at the end).
repos="stdlib cpg proj1 proj2"
t0=$(now)
for r in $repos; do ref -c "SELECT links FROM codecpg.cpg_refresh('$r')" >/dev/null; done
echo "single node: graph refreshed in $(elapsed "$t0")"
t0=$(now)
if refresh_err=$(cit -c "SELECT links FROM codecpg.cpg_refresh('cpg')" 2>&1 >/dev/null); then
    for r in $repos; do cit -c "SELECT links FROM codecpg.cpg_refresh('$r')" >/dev/null; done
    echo "citus: graph refreshed in $(elapsed "$t0")"
else
    echo "FAILURE: cpg_refresh on Citus: $(echo "$refresh_err" | head -n 1)"
    refresh_failed=1
    for t in cpg_scopes_v1 cpg_graph_v1; do
        ref -c "COPY codecpg.$t TO STDOUT" | cit -c "COPY codecpg.$t FROM STDIN"
    done
    echo "citus: derived tables copied from the single node"
fi

# The comparison: the same queries on both sides, outputs compared line by line.
cat >"$work/compare.sql" <<'SQL'
\pset footer off
\pset null <NULL>
SELECT 'schema_check', * FROM codecpg.schema_check();
-- runs and error rows (timings and ids aside)
SELECT 'runs', repo, origin, status, files_seen, files_added, files_changed, files_removed, files_unchanged, files_failed,
       (SELECT string_agg(d || '=' || (domains -> d ->> 'rows') || '/' || (domains -> d ->> 'files') || '/' || (domains -> d ->> 'errors'), ',' ORDER BY d)
          FROM jsonb_object_keys(domains) d)
  FROM codecpg.index_runs ORDER BY run_id;
SELECT 'errors', r.repo, e.path, e.domain, e.kind, e.message, e.line0, e.col
  FROM codecpg.index_errors e JOIN codecpg.index_runs r USING (run_id)
 ORDER BY r.repo, r.started_at, e.path, e.domain, e.kind, e.message;
SQL
for r in $repos; do
    for t in repo_files_v1 tree_sitter_files_v1 libcst_files_v1 ast_files_v1 symtable_files_v1 bytecode_files_v1 dataflow_files_v1 scip_index_v1 cpg_scopes_v1 cpg_graph_v1; do
        # Every column, but the time a snapshot was stored and a parse took.
        case $t in
            repo_files_v1) row="jsonb_populate_record(f, '{\"indexed_at\": null}')" ;;
            tree_sitter_files_v1) row="jsonb_populate_record(f, jsonb_build_object('stats', to_jsonb(f.stats) || '{\"parse_ms\": null}'))" ;;
            *) row=f ;;
        esac
        echo "SELECT '$t', f.repo, f.file_id, md5(($row)::text) FROM codecpg.$t f WHERE f.repo = '$r' ORDER BY 3, 4;"
    done >"$work/repo_$r.sql"
    # The graph views of the standard library are compared on three packages and every
    # node without a file (a third of its millions of rows; the root tables above are
    # compared whole); those of the other repositories whole.
    files=""
    [ "$r" = stdlib ] && files="AND (path IS NULL OR path ~ '^(json|email|logging)/')"
    cat >>"$work/repo_$r.sql" <<SQL
SELECT 'cpg_nodes', node_kind, count(*), sum(hashtextextended(n::text, 0)) FROM codecpg.cpg_nodes n WHERE n.repo = '$r' $files GROUP BY 2 ORDER BY 2;
SELECT 'cpg_edges', edge_kind, count(*), sum(hashtextextended(e::text, 0)) FROM codecpg.cpg_edges e WHERE e.repo = '$r' $files GROUP BY 2 ORDER BY 2;
SELECT 'cpg_nodes_kind', node_kind, count(*) FROM codecpg.cpg_nodes WHERE repo = '$r' AND node_kind IN ('CST_FUNCTION_DEF', 'SCIP_SYMBOL', 'DIAG') GROUP BY 2 ORDER BY 2;
SELECT 'cpg_edges_kind', edge_kind, count(*) FROM codecpg.cpg_edges WHERE repo = '$r' AND edge_kind IN ('PY_CALLS_SYMBOL', 'BYTECODE_ANCHOR', 'HAS_DIAGNOSTIC') GROUP BY 2 ORDER BY 2;
SELECT 'call_graph', * FROM codecpg.cpg_call_graph('$r') ORDER BY 2, 3, 4, 5, 6, 7, 8, 9;
SELECT 'imports', * FROM codecpg.cpg_imports('$r') ORDER BY 2, 3, 4, 5, 6, 7;
SQL
    cat "$work/repo_$r.sql" >>"$work/compare.sql"
done
cat >>"$work/compare.sql" <<'SQL'
SELECT 'callers', * FROM codecpg.cpg_callers('stdlib', 'posixpath.join', 3) ORDER BY 2, 3, 4;
SELECT 'callees', * FROM codecpg.cpg_callees('stdlib', 'json.dumps', 3) ORDER BY 2, 3, 4;
SELECT 'callees', * FROM codecpg.cpg_callees('stdlib', 'logging.basicConfig', 2) ORDER BY 2, 3, 4;
SELECT 'dot', codecpg.cpg_dot_call_graph('stdlib', 'json.dumps', 2);
SELECT 'dot', codecpg.cpg_dot_imports('stdlib', 'email');
SELECT 'dot', codecpg.cpg_dot_cfg('cpg', 'app.util.helper');
SELECT 'dot', codecpg.cpg_dot_call_graph('cpg', 'main.run', 2);
SQL
# The cookbook of docs/cpg.md on the graph test project (repository cpg), query by query.
sed -n '/^## Cookbook/,/^## Pictures/p' "$root/docs/cpg.md" | awk '/^```sql/{on=1; next} /^```/{on=0; print ""; next} on' \
    | sed -e "s/'cookbook'/'cpg'/g; s/'bctest'/'cpg'/g" >"$work/cookbook.sql"
cat "$work/cookbook.sql" >>"$work/compare.sql"
ncook=$(grep -c ';$' "$work/cookbook.sql")

t0=$(now); ref -f "$work/compare.sql" >"$work/ref.out" 2>&1 || { tail "$work/ref.out"; fail "the comparison queries failed on the single node"; }
echo "single node: compared queries in $(elapsed "$t0")"
t0=$(now); cit -f "$work/compare.sql" >"$work/cit.out" 2>&1 || { tail "$work/cit.out"; fail "the comparison queries failed on Citus"; }
echo "citus: compared queries in $(elapsed "$t0")"
if ! diff -u "$work/ref.out" "$work/cit.out" >"$work/diff.out"; then
    head -n 60 "$work/diff.out"
    fail "Citus and the single node differ ($(grep -c '^[-+][^-+]' "$work/diff.out") lines)"
fi
grep -q '^schema_check' "$work/ref.out" && fail "schema_check() is not empty"
lines=$(wc -l <"$work/ref.out")
[ "$lines" -gt 3000 ] || fail "the comparison produced only $lines lines"
for what in runs errors repo_files_v1 tree_sitter_files_v1 scip_index_v1 cpg_graph_v1 cpg_nodes cpg_edges call_graph callers callees imports dot; do
    grep -q "^$what|" "$work/ref.out" || fail "the comparison has no $what rows"
done
ok "Citus gives the single node's results: $lines lines, identical ($ncook cookbook queries)"

# Each repository lives on one worker: a query filtered by one repo is routed to one shard.
# cpg_callers walks the graph one level per statement (the start, then the callers and
# their names at each level): every statement goes to the one worker holding the
# repository, none is split over shards.
depth=3
cit -c "SET citus.log_remote_commands = on" -c "SELECT count(*) FROM codecpg.cpg_callers('stdlib', 'posixpath.join', $depth)" 2>"$work/remote.log" >/dev/null
nremote=$(grep -c 'issuing' "$work/remote.log" || true)
nservers=$(grep -o 'on server [^ ]*' "$work/remote.log" | sort -u | wc -l)
echo "cpg_callers issues $nremote remote command(s) to $nservers worker(s)"
[ "$nremote" -ge 1 ] && [ "$nremote" -le $((1 + 2 * depth)) ] && [ "$nservers" = 1 ] \
    || { cat "$work/remote.log"; fail "cpg_callers on one repository was not routed to one worker"; }
ok "a recursive traversal of one repository runs on one worker"

# Rebalancing: the shards of a repository moved to the other worker are new tables there;
# every query of the repository still runs and gives the same results.
shard=$(cit -c "SELECT get_shard_id_for_distribution_column('codecpg.repo_files_v1', 'cpg')")
from=$(cit -c "SELECT n.nodeport FROM pg_dist_placement p JOIN pg_dist_node n USING (groupid) WHERE p.shardid = $shard")
to=$w1; [ "$from" = "$w1" ] && to=$w2
cit -c "SELECT citus_move_shard_placement($shard, '${TMPDIR:-/tmp}/codecpg-cluster-$from', $from,
                                          '${TMPDIR:-/tmp}/codecpg-cluster-$to', $to, shard_transfer_mode := 'block_writes')" >/dev/null
now_on=$(cit -c "SELECT n.nodeport FROM pg_dist_placement p JOIN pg_dist_node n USING (groupid) WHERE p.shardid = $shard")
[ "$now_on" = "$to" ] || fail "the shards of repository cpg are on $now_on after moving them to $to"
cat "$work/repo_cpg.sql" "$work/cookbook.sql" >"$work/compare_cpg.sql"
ref -f "$work/compare_cpg.sql" >"$work/ref_cpg.out" 2>&1
cit -f "$work/compare_cpg.sql" >"$work/cit_cpg.out" 2>&1 || { tail "$work/cit_cpg.out"; fail "queries of a moved repository failed"; }
diff -u "$work/ref_cpg.out" "$work/cit_cpg.out" >"$work/diff_cpg.out" || { head -n 40 "$work/diff_cpg.out"; fail "a moved repository gives other results"; }
ok "repository cpg moved from worker $from to $to: $(wc -l <"$work/cit_cpg.out") result lines identical"
[ -z "${refresh_failed:-}" ] || fail "cpg_refresh does not run on Citus (see above)"
