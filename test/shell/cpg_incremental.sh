#!/usr/bin/env bash
# The code property graph after any sequence of edits equals a from-scratch index.
#
# A multi-module project (test/data/cpg plus modules taken from the call-graph benchmark)
# goes through a seeded pseudo-random sequence of edits (test/callgraph/mutate.py: add,
# delete or rename a module, add or remove a function, change a call target, add or remove
# an import, break a file's syntax and fix it again, move a class between modules). After
# each step the repository is re-indexed incrementally (alternately by the server's
# index_repo and by the codecpg client), the same tree is indexed from scratch into a
# second repository, and the two graphs must be equal: every row of cpg_call_graph, the
# cross-file edges of cpg_edges (PY_CALLS_*, BINDING_RESOLVES_TO, CLASS_INHERITS,
# FILE_CONTAINS) compared by (kind, path, bstart, bend, destination kind, name and path,
# resolution) with the repository-dependent ids mapped away, and the PY_QUALIFIED_NAME nodes.
#
# CPG_INCREMENTAL_SEED picks the sequence (printed; default fixed so CI is reproducible),
# CPG_INCREMENTAL_STEPS its length (default 40).
set -euo pipefail
source "$(dirname "$0")/index_lib.bash"
ix_setup codecpg_cpg_incremental

seed=${CPG_INCREMENTAL_SEED:-20261206}
steps=${CPG_INCREMENTAL_STEPS:-40}
echo "cpg_incremental: seed $seed, $steps steps (rerun with CPG_INCREMENTAL_SEED=$seed)"

cases=$ix_root/test/callgraph/cases
project=$ix_work/project
empty=$ix_work/empty
mkdir -p "$project" "$empty"
cp -a "$ix_root/test/data/cpg/app" "$ix_root/test/data/cpg/main.py" "$project/"
cp "$cases/imports/circular/orders.py" "$cases/imports/circular/inventory.py" "$project/"
cp "$cases/imports/star_import_all/helpers.py" "$cases/imports/star_import_all/tools.py" "$project/"
cp -a "$cases/package_roots/namespace_package/company" "$project/"
cp "$cases/mro/diamond/main.py" "$project/storage_mro.py"
cp "$cases/decorators/stacked_decorators/main.py" "$project/memo.py"
cp "$cases/dunders/arithmetic_operators/main.py" "$project/vectors.py"
cp "$cases/dicts/registry_decorator/main.py" "$project/registry.py"
chmod -R a+rX "$ix_work"

# The graph of a repository as repository-independent text rows.
q "CREATE FUNCTION graph_rows(r text) RETURNS SETOF text LANGUAGE sql STABLE AS \$\$
     SELECT concat_ws(' | ', 'call_graph', g.caller, g.callee, g.call_kind, g.sites, g.resolution_method, g.confidence)
       FROM codecpg.cpg_call_graph(r) g
     UNION ALL
     SELECT concat_ws(' | ', 'edge', e.edge_kind, e.path, e.bstart, e.bend, d.node_kind, d.name, d.path,
                      d.bstart, d.bend, e.origin, e.resolution_method, e.confidence, e.score, e.rule_name)
       FROM codecpg.cpg_edges e
       LEFT JOIN codecpg.cpg_nodes d ON d.repo = r AND d.node_id = e.dst_node_id
      WHERE e.repo = r
        AND e.edge_kind IN ('PY_CALLS_SYMBOL', 'PY_CALLS_QNAME', 'BINDING_RESOLVES_TO', 'CLASS_INHERITS', 'FILE_CONTAINS')
     UNION ALL
     SELECT concat_ws(' | ', 'node', n.node_kind, n.name)
       FROM codecpg.cpg_nodes n
      WHERE n.repo = r AND n.node_kind = 'PY_QUALIFIED_NAME'
   \$\$"
q "CREATE FUNCTION graph_diff(a text, b text) RETURNS TABLE (side text, row_text text) LANGUAGE sql STABLE AS \$\$
     (SELECT 'incremental only', x FROM (SELECT graph_rows(a) EXCEPT ALL SELECT graph_rows(b)) d(x))
     UNION ALL
     (SELECT 'from scratch only', x FROM (SELECT graph_rows(b) EXCEPT ALL SELECT graph_rows(a)) d(x))
     ORDER BY 1, 2
   \$\$"

ix_index server inc "$project"
# The comparison must see a difference where there is one: a copy without main.py differs.
cp -a "$project" "$ix_work/probe"
rm "$ix_work/probe/main.py"
ix_index server probe "$ix_work/probe"
[ -n "$(q "SELECT 1 FROM graph_diff('inc', 'probe') LIMIT 1")" ] || fail "graph_diff sees no difference between different trees"
for step in $(seq 1 "$steps"); do
    what=$(/usr/bin/python3 "$ix_root/test/callgraph/mutate.py" "$project" "$seed" "$step")
    chmod -R a+rX "$project"
    if [ $((step % 2)) -eq 0 ]; then mode=server; else mode=j1; fi
    ix_index "$mode" inc "$project"
    ix_index server "scratch_$step" "$project"
    rows=$(q "SELECT count(*) FROM graph_rows('inc')")
    diff=$(q "SELECT side || ': ' || row_text FROM graph_diff('inc', 'scratch_$step')")
    if [ -n "$diff" ]; then
        echo "$diff" | head -n 40 >&2
        fail "step $step ($what, re-indexed by $mode): the incremental graph differs from a from-scratch index (seed $seed)"
    fi
    echo "ok: step $step: $what ($mode, $rows graph rows equal)"
    # Empty the from-scratch repository again: indexing an empty directory removes its files.
    q "SELECT codecpg.index_repo('scratch_$step', '$empty')" >/dev/null
done
[ "$(q "SELECT count(*) FROM graph_rows('inc')")" -gt 0 ] || fail "the graph is empty"
echo "cpg_incremental: all $steps steps passed (seed $seed)"
