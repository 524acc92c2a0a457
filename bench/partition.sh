#!/usr/bin/env bash
# Benchmark part: does declarative partitioning by repo help one server with many
# repositories? The facts of one indexed package (the corpus's email and json packages,
# graph refreshed) are copied under CODECPG_BENCH_REPOS (default 120) repository names
# into three layouts of the large tables: plain tables (codecpg's layout), hash
# partitions by repo (16) and one list partition per repository. Each layout has the
# same primary keys and indexes. Measured: deleting one repository (DELETE of its rows
# in every table; for list partitions also DROP of its partitions), reading one
# repository (median of 5), VACUUM after ten repositories were deleted, and planning
# time of a one-repository query.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
db=codecpg_bench_part
nrepos=${CODECPG_BENCH_REPOS:-120}
tables="repo_files_v1 tree_sitter_files_v1 libcst_files_v1 ast_files_v1 symtable_files_v1 bytecode_files_v1 cpg_scopes_v1 cpg_graph_v1"

dropdb --if-exists "$db" >/dev/null 2>&1 || true
createdb "$db"
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true; rm -rf "$src"' EXIT
p() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }
ms() {  # ms SQL: server-side milliseconds of one statement (a utility statement runs as is)
    p -c "DO \$\$ DECLARE t0 timestamptz := clock_timestamp(); BEGIN $1; RAISE NOTICE 'ms=%', round(extract(epoch FROM clock_timestamp() - t0) * 1000, 1); END \$\$" 2>&1 \
        | sed -n 's/.*ms=\([0-9.]*\).*/\1/p'
}
wall_ms() {  # wall_ms SQL: client-side milliseconds (for VACUUM, which cannot run in DO)
    local t0 t1
    t0=$(date +%s%N); p -c "$1" >/dev/null; t1=$(date +%s%N)
    echo $(((t1 - t0) / 1000000))
}
median() { sort -n | sed -n 3p; }

src=$(mktemp -d /tmp/codecpg-bench-part.XXXXXX)
(cd "$CODECPG_BENCH_CORPUS" && cp -r --parents email json "$src/")
chmod -R a+rX "$src"
p -c "CREATE EXTENSION codecpg"
p -c "SELECT status FROM codecpg.index_repo('base', '$src')" >/dev/null

# The three layouts, filled with nrepos copies of the base repository.
p -c "CREATE SCHEMA plain; CREATE SCHEMA hash; CREATE SCHEMA list"
for t in $tables; do
    p -c "CREATE TABLE plain.$t (LIKE codecpg.$t INCLUDING ALL)" \
      -c "CREATE TABLE hash.$t (LIKE codecpg.$t INCLUDING ALL) PARTITION BY HASH (repo)" \
      -c "CREATE TABLE list.$t (LIKE codecpg.$t INCLUDING ALL) PARTITION BY LIST (repo)"
    p -c "DO \$\$ BEGIN FOR i IN 0..15 LOOP EXECUTE format('CREATE TABLE hash.%I PARTITION OF hash.$t FOR VALUES WITH (MODULUS 16, REMAINDER %s)', '${t}_' || i, i); END LOOP;
                         FOR i IN 1..$nrepos LOOP EXECUTE format('CREATE TABLE list.%I PARTITION OF list.$t FOR VALUES IN (%L)', '${t}_r' || i, 'r' || i); END LOOP; END \$\$"
    for layout in plain hash list; do
        p -c "INSERT INTO $layout.$t SELECT r.* FROM codecpg.$t b CROSS JOIN generate_series(1, $nrepos) i
              CROSS JOIN LATERAL jsonb_populate_record(b, jsonb_build_object('repo', 'r' || i)) r WHERE b.repo = 'base'"
    done
done
p -c "VACUUM ANALYZE" >/dev/null
emit "repositories" "$nrepos" repos
emit "files per repository" "$(p -c "SELECT count(*) FROM codecpg.repo_files_v1 WHERE repo = 'base'")" files
for layout in plain hash list; do
    emit "$layout size (8 tables)" "$(p -c "SELECT round(sum(pg_total_relation_size(c.oid)) / 1048576.0) FROM pg_class c WHERE c.relnamespace = '$layout'::regnamespace AND c.relkind = 'r'")" MB
done

# Reading one repository: a snapshot scan and a fact unnest, median of 5.
for layout in plain hash list; do
    emit "$layout read one repository (files)" "$(for _ in 1 2 3 4 5; do ms "PERFORM count(*), sum(length(source)) FROM $layout.repo_files_v1 WHERE repo = 'r42'"; done | median)" ms
    emit "$layout read one repository (ast nodes)" "$(for _ in 1 2 3 4 5; do ms "PERFORM count(*) FROM $layout.ast_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n WHERE f.repo = 'r42'"; done | median)" ms
    emit "$layout read one repository (call edges)" "$(for _ in 1 2 3 4 5; do ms "PERFORM count(*) FROM $layout.cpg_graph_v1 g WHERE g.repo = 'r42' AND g.edge_kind = 'PY_CALLS_SYMBOL'"; done | median)" ms
    plan=$(p -c "EXPLAIN (ANALYZE, SUMMARY) SELECT count(*) FROM $layout.cpg_graph_v1 g JOIN $layout.cpg_scopes_v1 s ON s.repo = g.repo AND s.node_id = g.src_scope_node_id WHERE g.repo = 'r42'" | sed -n 's/Planning Time: \([0-9.]*\) ms/\1/p')
    emit "$layout planning time (one-repository join)" "$plan" ms
done

# Deleting repositories: rows of every table; for list partitions, dropping them.
for layout in plain hash list; do
    total=0
    for t in $tables; do
        total=$(awk -v a="$total" -v b="$(ms "DELETE FROM $layout.$t WHERE repo = 'r7'")" 'BEGIN {print a + b}')
    done
    emit "$layout delete one repository (DELETE)" "$total" ms
done
total=0
for t in $tables; do
    total=$(awk -v a="$total" -v b="$(ms "DROP TABLE list.${t}_r8")" 'BEGIN {print a + b}')
done
emit "list delete one repository (DROP its partitions)" "$total" ms
for layout in plain hash list; do
    for t in $tables; do p -c "DELETE FROM $layout.$t WHERE repo IN ('r11', 'r12', 'r13', 'r14', 'r15', 'r16', 'r17', 'r18', 'r19', 'r20')"; done
    emit "$layout VACUUM after deleting 10 repositories" "$(wall_ms "VACUUM $(echo $tables | sed "s/\([a-z_0-9]*\)/$layout.\1/g; s/ /, /g")")" ms
done
