#!/usr/bin/env bash
# The codecpg demo: index the machine's Python standard library into a local cluster and
# query it.
#
#   bash scripts/demo.sh
#
# It installs the Debian dependencies (scripts/install-deps.sh), builds codecpg into a
# private PostgreSQL tree and starts a persistent local cluster (scripts/pg-harness.sh,
# port CODECPG_PORT, default 54329), creates the extension, indexes the standard library
# (CODECPG_DEMO_CORPUS, default /usr/lib/python3.11) with the command-line client, shows
# the server-side call, prints per-domain counts and timings and runs example queries.
# The cluster keeps running; connect with: bash scripts/pg-harness.sh psql
# Running the demo again re-indexes incrementally (unchanged files are skipped).
set -euo pipefail
repo_root=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo_root"
export CODECPG_PORT=${CODECPG_PORT:-54329}
corpus=${CODECPG_DEMO_CORPUS:-/usr/lib/python3.11}
harness="bash scripts/pg-harness.sh"

step() { printf '\n== %s\n' "$*"; }
show() {  # show TITLE SQL: print the query and its output
    printf '\n-- %s\n%s\n' "$1" "$2"
    psql -X -P pager=off -v ON_ERROR_STOP=1 -c "$2"
}
has_function() { [ "$(psql -X -At -c "SELECT to_regprocedure('$1') IS NOT NULL")" = t ]; }

step "dependencies"
bash scripts/install-deps.sh
step "build and install codecpg into build/pgroot, start the cluster on port $CODECPG_PORT"
$harness install
$harness start
eval "$($harness env)"
psql -X -q -c "CREATE EXTENSION IF NOT EXISTS codecpg"
# A cluster kept from an earlier build may hold an older schema of the same version: the
# catalog check says so, and the demo's own data is rebuilt by indexing again.
if [ "$(psql -X -At -c "SELECT count(*) FROM codecpg.schema_check()" 2>/dev/null || echo drift)" != 0 ]; then
    echo "the codecpg schema in this cluster does not match this build (codecpg.schema_check()); recreating it"
    psql -X -q -v ON_ERROR_STOP=1 -c "DROP EXTENSION codecpg CASCADE" -c "CREATE EXTENSION codecpg"
fi

jobs=$(nproc 2>/dev/null || echo 1)
[ "$jobs" -gt 4 ] && jobs=4
step "client: codecpg index $corpus --repo stdlib -j $jobs"
codecpg index "$corpus" --repo stdlib -j "$jobs"

step "server side: the same directory read by the database server (pg_read_server_files)"
show "re-index from the server: unchanged files are neither sent nor extracted again" \
"SELECT run_id, origin, status, files_seen, files_unchanged, files_changed, files_failed,
       round(extract(epoch FROM finished_at - started_at)::numeric, 2) AS seconds
  FROM codecpg.index_repo('stdlib', '$corpus')"

step "per-domain counts and timings of the client run"
show "run records" \
"SELECT run_id, origin, status, files_seen, files_added, files_unchanged, files_failed,
       round(extract(epoch FROM finished_at - started_at)::numeric, 2) AS seconds
  FROM codecpg.index_runs WHERE repo = 'stdlib' ORDER BY run_id DESC LIMIT 5"
show "per domain: root rows, files, extractor errors, milliseconds (summed over connections)" \
"SELECT d.key AS domain, (d.value ->> 'rows')::bigint AS rows, (d.value ->> 'files')::bigint AS files,
       (d.value ->> 'errors')::bigint AS errors, (d.value ->> 'ms')::numeric AS ms
  FROM codecpg.index_runs r, jsonb_each(r.domains) d
 WHERE r.run_id = (SELECT max(run_id) FROM codecpg.index_runs WHERE repo = 'stdlib' AND origin = 'client' AND files_added + files_changed > 0)
 ORDER BY 1"
show "problems recorded for files (by kind)" \
"SELECT kind, count(*), min(path) AS example FROM codecpg.index_errors WHERE repo = 'stdlib' GROUP BY kind ORDER BY kind"

step "example queries"
show "the largest modules" \
"SELECT path, line_count, pg_size_pretty(size_bytes) AS size FROM codecpg.repo_files_v1
  WHERE repo = 'stdlib' ORDER BY line_count DESC LIMIT 5"
if has_function 'codecpg.ast_defs(codecpg.ast_files_v1)'; then
    show "definitions per kind (CPython ast)" \
"SELECT d.kind, count(*) FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.ast_defs(f) d
  WHERE f.repo = 'stdlib' GROUP BY 1 ORDER BY 2 DESC"
    show "the most common function names" \
"SELECT d.name, count(*) FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.ast_defs(f) d
  WHERE f.repo = 'stdlib' AND d.kind = 'FunctionDef' GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5"
fi
if has_function 'codecpg.ts_nodes(codecpg.tree_sitter_files_v1)'; then
    show "tree-sitter: the most frequent named node kinds" \
"SELECT n.kind, count(*) FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL codecpg.ts_nodes(f) n
  WHERE f.repo = 'stdlib' AND n.is_named GROUP BY 1 ORDER BY 2 DESC LIMIT 5"
fi
if has_function 'codecpg.sym_symbols(codecpg.symtable_files_v1)'; then
    show "symbol tables: modules importing the most names" \
"SELECT f.path, count(*) AS imported FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL codecpg.sym_symbols(f) s
  WHERE f.repo = 'stdlib' AND s.is_imported GROUP BY 1 ORDER BY 2 DESC LIMIT 5"
fi

if has_function 'codecpg.cpg_callers(text,text,integer)'; then
    show "code property graph: who calls posixpath.join, transitively to depth 2" \
"SELECT depth, count(*) AS callers, min(caller) AS example FROM codecpg.cpg_callers('stdlib', 'posixpath.join', 2)
  GROUP BY depth ORDER BY depth"
    show "code property graph: the def-level call graph" \
"SELECT count(*) AS call_edges, count(DISTINCT caller) AS callers, count(DISTINCT callee) AS callees
  FROM codecpg.cpg_call_graph('stdlib')"
fi

step "done"
cat <<MSG
The cluster keeps running on port $CODECPG_PORT. Connect with:
    CODECPG_PORT=$CODECPG_PORT bash scripts/pg-harness.sh psql
Index your own project (from this or another machine, standard libpq options):
    $(command -v codecpg) index DIR --repo NAME -j 2
Stop the cluster with: CODECPG_PORT=$CODECPG_PORT bash scripts/pg-harness.sh stop
MSG
