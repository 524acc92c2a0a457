#!/usr/bin/env bash
# Statistics after an index run: a repository the statistics do not know yet, indexed
# into a database already holding several times its size (below the 50 rows and a tenth
# of a table that make autovacuum, or the graph's own check, analyze), is analyzed by
# its run in every table the views and the graph read, so that the planner expects its
# files instead of a row or two; a run that changed one file analyzes nothing, unless
# the graph's rows it rewrote are as many as make autovacuum analyze (50 and a tenth).
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

# One file changed, two hundred graph rows rewritten: the function every file of hub calls
# is renamed. Only the graph's table that changed that much is analyzed; the count of
# changes includes the run's own, not yet reported to pg_stat.
analyses() {  # analyses TABLE
    q "SELECT analyze_count FROM pg_stat_user_tables WHERE relid = 'codecpg.$1'::regclass"
}
mkdir -p "$ix_work/hub"
printf 'def shared():\n    return 1\n' > "$ix_work/hub/hub.py"
for i in $(seq 1 200); do
    printf 'from hub import shared\n\ndef c%d():\n    return shared()\n' "$i" > "$ix_work/hub/c$i.py"
done
chmod -R a+rX "$ix_work/hub"
ix_index j2 hub "$ix_work/hub"
callers_of() {  # callers_of QUALNAME: the calls into it the graph resolves in the repository
    q "SELECT count(*) FROM codecpg.cpg_call_graph('hub') WHERE callee = '$1' AND NOT callee_external"
}
expect_eq "callers of hub.shared" 200 "$(callers_of hub.shared)"
graph_before=$(analyses cpg_graph_v1)
files_before=$(analyses repo_files_v1)
printf 'def renamed():\n    return 1\n' > "$ix_work/hub/hub.py"
ix_index j1 hub "$ix_work/hub"
expect_eq "the hub's one-file run" "0 1 0 200 0" "$(ix_counts hub)"
expect_eq "callers of hub.shared once it is gone" 0 "$(callers_of hub.shared)"
expect_eq "the graph's table is analyzed" $(( graph_before + 1 )) "$(analyses cpg_graph_v1)"
expect_eq "the files' table is not" "$files_before" "$(analyses repo_files_v1)"
echo "index_statistics: ok"
