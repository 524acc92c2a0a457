/*
 * ts_srf.c: the set-returning functions over a tree_sitter_files_v1 row, and ts_kind.
 *
 * A stored node is lean (sql/parts/19_tree_sitter_node.sql): ts_nodes and ts_edges give it
 * back whole, its node_id from its position in the list, its kind from kind_id and its
 * lines and columns from the row's line_starts.
 */
#include "postgres.h"

#include "common/arrays.h"
#include "common/rowtype.h"
#include "common/span.h"
#include "common/srf.h"
#include "common/srf_unnest.h"
#include "miscadmin.h"
#include "treesitter/ts_parse.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

/* The grammar's name of a symbol, or NULL for a number that is not one of its symbols. */
static const char *
kind_name(int32 kind_id)
{
	if (kind_id < 0 || kind_id > PG_UINT16_MAX || cpg_ts_kind_slot((uint16) kind_id) < 0)
		return NULL;
	return cpg_ts_kind_name((uint16) kind_id);
}

PG_FUNCTION_INFO_V1(cpg_ts_kind);
Datum
cpg_ts_kind(PG_FUNCTION_ARGS)
{
	const char *name = kind_name(PG_GETARG_INT32(0));

	if (name == NULL)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(name));
}

/* Output columns of ts_nodes after the four of the file's identity. */
enum
{
	NODE_ID = CPG_ROOT_IDENTITY_NATTS, PARENT_ID, KIND, KIND_ID, FIELD_NAME, CHILD_INDEX,
	IS_NAMED, HAS_ERROR, IS_ERROR, IS_MISSING, IS_EXTRA, BSTART, BEND, LINE0, COL,
	END_LINE0, END_COL, ATTRS, TS_NODES_NATTS
};

PG_FUNCTION_INFO_V1(cpg_ts_nodes);
Datum
cpg_ts_nodes(PG_FUNCTION_ARGS)
{
	CpgRoot		root;
	CpgSrf		srf;
	CpgArrayElems elems;
	CpgLineIndex lines;
	bool		have_lines;
	TupleDesc	node_desc = cpg_tupdesc(CPG_T_ts_node);
	Datum	   *kinds = palloc0(sizeof(Datum) * cpg_ts_kind_slots());
	MemoryContext row_cxt;

	cpg_root_read(fcinfo, 0, CPG_T_tree_sitter_file, &root);
	cpg_srf_begin(fcinfo, &srf);
	if (srf.tupdesc->natts != TS_NODES_NATTS)
		elog(ERROR, "ts_nodes declares %d columns, expected %d", srf.tupdesc->natts, TS_NODES_NATTS);
	have_lines = cpg_lines_from_starts(&lines, root.values[tree_sitter_file__line_starts],
									   root.nulls[tree_sitter_file__line_starts]);
	cpg_array_elems(root.values[tree_sitter_file__nodes], root.nulls[tree_sitter_file__nodes], &elems);
	/* detoasted attributes of one element are garbage once the tuplestore holds its row */
	row_cxt = AllocSetContextCreate(CurrentMemoryContext, "codecpg ts_nodes row", ALLOCSET_SMALL_SIZES);
	for (int i = 0; i < elems.count; i++)
	{
		Datum		nv[ts_node__NATTS];
		bool		nnl[ts_node__NATTS];
		Datum		out[TS_NODES_NATTS];
		bool		onl[TS_NODES_NATTS];
		MemoryContext caller;

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (elems.nulls[i])
			continue;
		caller = MemoryContextSwitchTo(row_cxt);
		cpg_deform_composite(node_desc, elems.values[i], nv, nnl);
		for (int a = 0; a < CPG_ROOT_IDENTITY_NATTS; a++)
		{
			out[a] = root.values[a];
			onl[a] = root.nulls[a];
		}
		out[NODE_ID] = Int32GetDatum(i);
		onl[NODE_ID] = false;
		out[KIND_ID] = nv[ts_node__kind_id];
		onl[KIND_ID] = nnl[ts_node__kind_id];
		onl[KIND] = true;
		if (!nnl[ts_node__kind_id])
		{
			int32		kind_id = DatumGetInt32(nv[ts_node__kind_id]);
			const char *name = kind_name(kind_id);

			if (name != NULL)
			{
				int32		slot = cpg_ts_kind_slot((uint16) kind_id);

				if (kinds[slot] == (Datum) 0)
				{
					MemoryContextSwitchTo(caller);
					kinds[slot] = CStringGetTextDatum(name);
					MemoryContextSwitchTo(row_cxt);
				}
				out[KIND] = kinds[slot];
				onl[KIND] = false;
			}
		}
#define COPY(col, att) (out[col] = nv[att], onl[col] = nnl[att])
		COPY(PARENT_ID, ts_node__parent_id);
		COPY(FIELD_NAME, ts_node__field_name);
		COPY(CHILD_INDEX, ts_node__child_index);
		COPY(IS_NAMED, ts_node__is_named);
		COPY(HAS_ERROR, ts_node__has_error);
		COPY(IS_ERROR, ts_node__is_error);
		COPY(IS_MISSING, ts_node__is_missing);
		COPY(IS_EXTRA, ts_node__is_extra);
		COPY(BSTART, ts_node__bstart);
		COPY(BEND, ts_node__bend);
		COPY(ATTRS, ts_node__attrs);
#undef COPY
		cpg_lines_put_position(&lines, have_lines, nv[ts_node__bstart], nnl[ts_node__bstart], &out[LINE0], &onl[LINE0]);
		cpg_lines_put_position(&lines, have_lines, nv[ts_node__bend], nnl[ts_node__bend], &out[END_LINE0], &onl[END_LINE0]);
		cpg_srf_put(&srf, out, onl);
		MemoryContextSwitchTo(caller);
		MemoryContextReset(row_cxt);
	}
	return (Datum) 0;
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
		out[5] = Int32GetDatum(i);
		onl[5] = false;
		out[6] = nv[ts_node__field_name];
		onl[6] = nnl[ts_node__field_name];
		out[7] = nv[ts_node__child_index];
		onl[7] = nnl[ts_node__child_index];
		cpg_srf_put(&srf, out, onl);
	}
	return (Datum) 0;
}
