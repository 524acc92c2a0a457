#!/usr/bin/env bash
# Upgrading a database indexed under 0.1.0: ALTER EXTENSION codecpg UPDATE adds the data
# flow (dataflow_files_v1, cpg_flows, the views' DF block) and extracts the data flow of the
# files already indexed, so that source-to-sink questions work without re-indexing; the
# upgraded catalog matches a fresh install's (functions, columns and their comments, views).
set -euo pipefail
fail() { echo "FAIL: $*" >&2; exit 1; }
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }

old=codecpg_df_upgrade_old
new=codecpg_df_upgrade_new
app=$(pwd)/test/data/dataflow/webapp
trap 'dropdb --if-exists "$old"; dropdb --if-exists "$new"' EXIT
dropdb --if-exists "$old"; dropdb --if-exists "$new"
createdb "$old"
createdb "$new"

q -d "$old" -c "CREATE EXTENSION codecpg VERSION '0.1.0'"
q -d "$old" -c "SELECT codecpg.index_repo('shop', '$app')" >/dev/null
q -d "$old" -c "ALTER EXTENSION codecpg UPDATE TO '0.2.0'"
q -d "$new" -c "CREATE EXTENSION codecpg"

[ "$(q -d "$old" -c "SELECT count(*) FROM codecpg.schema_check()")" = 0 ] || fail "schema_check not clean after the upgrade"
files=$(q -d "$old" -c "SELECT count(*) FROM codecpg.repo_files_v1 WHERE repo = 'shop'")
flowed=$(q -d "$old" -c "SELECT count(*) FROM codecpg.dataflow_files_v1 WHERE repo = 'shop'")
[ "$files" -gt 0 ] && [ "$files" = "$flowed" ] || fail "$flowed of $files files have their data flow after the upgrade"
flows=$(q -d "$old" -c "SELECT count(*) FROM codecpg.cpg_flows('shop', codecpg.df_model_names('source', 'web'),
                                               codecpg.df_model_names('sink'), codecpg.df_model_names('sanitizer'))")
[ "$flows" = 6 ] || fail "cpg_flows after the upgrade found $flows flows, not the application's 6 web ones"
[ "$(q -d "$old" -c "SELECT count(*) FROM codecpg.cpg_edges WHERE repo = 'shop' AND edge_kind = 'REACHES'")" -gt 0 ] \
    || fail "no REACHES edges in the upgraded views"

catalog() {
    q -d "$1" -c "SELECT p.oid::regprocedure::text || ' ' || md5(pg_get_functiondef(p.oid)) || ' ' || coalesce(md5(obj_description(p.oid, 'pg_proc')), '')
                    FROM pg_proc p WHERE p.pronamespace = 'codecpg'::regnamespace AND p.prokind IN ('f', 'p')
                  UNION ALL
                  SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || coalesce(md5(col_description(c.oid, a.attnum)), '')
                    FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                   WHERE c.relnamespace = 'codecpg'::regnamespace
                  UNION ALL
                  SELECT c.relname || ' ' || md5(pg_get_viewdef(c.oid)) || ' ' || md5(obj_description(c.oid, 'pg_class'))
                    FROM pg_class c WHERE c.relnamespace = 'codecpg'::regnamespace AND c.relkind = 'v'
                  ORDER BY 1"
}
diff <(catalog "$old") <(catalog "$new") >&2 || fail "the upgraded catalog differs from a fresh install's"
echo "ok: upgrade from 0.1.0 extracts the data flow of indexed files; catalog as a fresh install"
