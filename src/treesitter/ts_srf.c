/*
 * ts_srf.c: the set-returning functions over a tree_sitter_files_v1 row.
 */
#include "postgres.h"

#include "common/arrays.h"
#include "common/rowtype.h"
#include "common/srf.h"
#include "common/srf_unnest.h"
#include "miscadmin.h"

PG_FUNCTION_INFO_V1(cpg_ts_nodes);
Datum
cpg_ts_nodes(PG_FUNCTION_ARGS)
{
	return cpg_srf_unnest(fcinfo, CPG_T_tree_sitter_file, tree_sitter_file__nodes, CPG_T_ts_node);
}

PG_FUNCTION_INFO_V1(cpg_ts_errors);
Datum
cpg_ts_errors(PG_FUNCTION_ARGS)
{
	return cpg_srf_unnest(fcinfo, CPG_T_tree_sitter_file, tree_sitter_file__errors, CPG_T_ts_error);
}

PG_FUNCTION_INFO_V1(cpg_ts_missing);
Datum
cpg_ts_missing(PG_FUNCTION_ARGS)
{
	return cpg_srf_unnest(fcinfo, CPG_T_tree_sitter_file, tree_sitter_file__missing, CPG_T_ts_missing);
}

/* The seed's edges list, derived: one edge per node with a parent. */
PG_FUNCTION_INFO_V1(cpg_ts_edges);
Datum
cpg_ts_edges(PG_FUNCTION_ARGS)
{
	CpgRoot		root;
	CpgSrf		srf;
	CpgArrayElems elems;
	TupleDesc	node_desc = cpg_tupdesc(CPG_T_ts_node);
	Datum		nv[ts_node__NATTS];
	bool		nnl[ts_node__NATTS];

	cpg_root_read(fcinfo, 0, CPG_T_tree_sitter_file, &root);
	cpg_srf_begin(fcinfo, &srf);
	if (srf.tupdesc->natts != 8)
		elog(ERROR, "ts_edges declares %d columns, expected 8", srf.tupdesc->natts);
	cpg_array_elems(root.values[tree_sitter_file__nodes], root.nulls[tree_sitter_file__nodes], &elems);
	for (int i = 0; i < elems.count; i++)
	{
		Datum		out[8];
		bool		onl[8];

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (elems.nulls[i])
			continue;
		cpg_deform_composite(node_desc, elems.values[i], nv, nnl);
		if (nnl[ts_node__parent_id])
			continue;
		for (int a = 0; a < 4; a++)
		{
			out[a] = root.values[a];
			onl[a] = root.nulls[a];
		}
		out[4] = nv[ts_node__parent_id];
		onl[4] = false;
		out[5] = nv[ts_node__node_id];
		onl[5] = nnl[ts_node__node_id];
		out[6] = nv[ts_node__field_name];
		onl[6] = nnl[ts_node__field_name];
		out[7] = nv[ts_node__child_index];
		onl[7] = nnl[ts_node__child_index];
		cpg_srf_put(&srf, out, onl);
	}
	return (Datum) 0;
}
