#!/usr/bin/env bash
# Statistics after an index run: a repository the statistics do not know yet, indexed
# into a database already holding several times its size (below the 50 rows and a tenth
# of a table that make autovacuum, or the graph's own check, analyze), is analyzed by
# its run in every table the views and the graph read, so that the planner expects its
# files instead of a row or two; a run that changed one file analyzes nothing.
set -euo pipefail
source "$(dirname "$0")/index_lib.bash"
ix_setup codecpg_ix_statistics

tables="repo_files_v1 tree_sitter_files_v1 libcst_files_v1 ast_files_v1 symtable_files_v1 bytecode_files_v1 dataflow_files_v1 cpg_graph_v1 cpg_scopes_v1"

make_project() {  # make_project DIR FILES
    local i
    mkdir -p "$1/pkg"
    : > "$1/pkg/__init__.py"
    for i in $(seq 1 "$2"); do
        printf 'from pkg import m%d\n\ndef f%d(x):\n    return m%d.f%d(x) if x else x\n' \
            $(( i > 1 ? i - 1 : 1 )) "$i" $(( i > 1 ? i - 1 : 1 )) $(( i > 1 ? i - 1 : 1 )) > "$1/pkg/m$i.py"
    done
    chmod -R a+rX "$1"
}

# The planner's estimate of a repository's rows in a table.
estimate() {  # estimate TABLE REPO
    q "EXPLAIN (FORMAT JSON) SELECT * FROM codecpg.$1 WHERE repo = '$2'" | sed -n 's/.*"Plan Rows": \([0-9]*\).*/\1/p' | head -n 1
}

make_project "$ix_work/big" 400
make_project "$ix_work/new" 60
ix_index j2 big "$ix_work/big"
for t in $tables; do
    q "ANALYZE codecpg.$t"
    q "ALTER TABLE codecpg.$t SET (autovacuum_enabled = false)"
done

ix_index j2 new "$ix_work/new"
expect_eq "the new repository's first run" "61 0 0 0 0" "$(ix_counts new)"
for t in $tables; do
    rows=$(q "SELECT count(*) FROM codecpg.$t WHERE repo = 'new'")
    est=$(estimate "$t" new)
    [ "$rows" -ge 60 ] || fail "$t: the new repository has only $rows rows"
    [ "$est" -ge $(( rows / 2 )) ] && [ "$est" -le $(( rows * 2 )) ] ||
        fail "$t: the planner expects $est of the new repository's $rows rows"
    echo "ok: $t: the planner expects $est of the new repository's $rows rows"
done

# One file changed: no table is analyzed (reltuples stays what the first run's ANALYZE saw).
before=$(q "SELECT string_agg(c.reltuples::text, ' ' ORDER BY c.relname) FROM pg_class c WHERE c.relnamespace = 'codecpg'::regnamespace AND c.relname LIKE '%_v1'")
printf 'def g(x):\n    return x\n' > "$ix_work/new/pkg/m_extra.py"
chmod a+r "$ix_work/new/pkg/m_extra.py"
ix_index j1 new "$ix_work/new"
expect_eq "one file added" "1 0 0 61 0" "$(ix_counts new)"
expect_eq "a one-file run analyzes nothing" "$before" \
    "$(q "SELECT string_agg(c.reltuples::text, ' ' ORDER BY c.relname) FROM pg_class c WHERE c.relnamespace = 'codecpg'::regnamespace AND c.relname LIKE '%_v1'")"
echo "index_statistics: ok"
