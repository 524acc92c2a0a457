/*
 * ts_srf.c: the set-returning functions over a tree_sitter_files_v1 row and its node list,
 * and the grammar's names: ts_kind, ts_field, ts_field_id.
 *
 * A stored node is lean (sql/parts/19_tree_sitter_node.sql): ts_nodes, ts_node_list and
 * ts_edges give it back whole (ts_stored.c), its node_id from its position in the list,
 * its kind and field names from the grammar and its lines and columns from the row's
 * line_starts.
 */
#include "postgres.h"

#include "common/arrays.h"
#include "common/rowtype.h"
#include "common/span.h"
#include "common/srf.h"
#include "common/srf_unnest.h"
#include "miscadmin.h"
#include "treesitter/ts_parse.h"
#include "treesitter/ts_stored.h"
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

PG_FUNCTION_INFO_V1(cpg_ts_field_by_id);
Datum
cpg_ts_field_by_id(PG_FUNCTION_ARGS)
{
	int32		field_id = PG_GETARG_INT32(0);

	if (field_id <= 0 || field_id > (int32) ts_language_field_count(cpg_ts_language()))
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(cpg_ts_field_name((uint16) field_id)));
}

PG_FUNCTION_INFO_V1(cpg_ts_field_id_by_name);
Datum
cpg_ts_field_id_by_name(PG_FUNCTION_ARGS)
{
	text	   *name = PG_GETARG_TEXT_PP(0);
	TSFieldId	field = ts_language_field_id_for_name(cpg_ts_language(), VARDATA_ANY(name),
													  VARSIZE_ANY_EXHDR(name));

	if (field == 0)
		PG_RETURN_NULL();
	PG_RETURN_INT16((int16) field);
}

/* The columns of a node that ts_nodes and ts_edges share; names formed once per call. */
enum
{
	N_NODE_ID, N_PARENT_ID, N_KIND_ID, N_FIELD_NAME, N_CHILD_INDEX, N_IS_NAMED, N_HAS_ERROR,
	N_IS_ERROR, N_IS_MISSING, N_IS_EXTRA, N_BSTART, N_BEND, N_ATTRS, NODE_NATTS
};

typedef struct NameCache
{
	Datum	   *kinds;
	Datum	   *fields;
	uint32		nfields;
} NameCache;

static void
name_cache_init(NameCache *cache)
{
	cache->kinds = palloc0(sizeof(Datum) * cpg_ts_kind_slots());
	cache->nfields = ts_language_field_count(cpg_ts_language());
	cache->fields = palloc0(sizeof(Datum) * (cache->nfields + 1));
}

/* The kind name of a node, or (Datum) 0 when kind_id names no symbol. */
static Datum
kind_datum(NameCache *cache, int32 kind_id)
{
	if (kind_name(kind_id) == NULL)
		return (Datum) 0;
	return cpg_ts_kind_text(cache->kinds, (uint16) kind_id);
}

static void
node_columns(NameCache *cache, const TsStoredNode *n, int32 node_id, Datum *out, bool *nulls)
{
	static const struct
	{
		int			column;
		int			bit;
	}			flags[] = {
		{N_IS_NAMED, TSN_NAMED}, {N_HAS_ERROR, TSN_HAS_ERROR}, {N_IS_ERROR, TSN_ERROR},
		{N_IS_MISSING, TSN_MISSING}, {N_IS_EXTRA, TSN_EXTRA}
	};

	out[N_NODE_ID] = Int32GetDatum(node_id);
	nulls[N_NODE_ID] = false;
	out[N_PARENT_ID] = Int32GetDatum(n->parent);
	nulls[N_PARENT_ID] = n->parent < 0;
	out[N_KIND_ID] = Int32GetDatum(n->kind_id);
	nulls[N_KIND_ID] = n->kind_id < 0;
	nulls[N_FIELD_NAME] = n->field_id <= 0 || n->field_id > (int32) cache->nfields;
	if (!nulls[N_FIELD_NAME])
	{
		if (cache->fields[n->field_id] == (Datum) 0)
			cache->fields[n->field_id] = CStringGetTextDatum(cpg_ts_field_name((uint16) n->field_id));
		out[N_FIELD_NAME] = cache->fields[n->field_id];
	}
	out[N_CHILD_INDEX] = Int32GetDatum(n->child_index);
	nulls[N_CHILD_INDEX] = n->child_index < 0;
	for (size_t f = 0; f < lengthof(flags); f++)
	{
		out[flags[f].column] = BoolGetDatum(n->flags >= 0 && (n->flags & flags[f].bit) != 0);
		nulls[flags[f].column] = n->flags < 0;
	}
	out[N_BSTART] = Int32GetDatum(n->bstart);
	nulls[N_BSTART] = n->bstart < 0;
	out[N_BEND] = Int32GetDatum(n->bend);
	nulls[N_BEND] = n->bend < 0;
	out[N_ATTRS] = n->attrs;
	nulls[N_ATTRS] = n->attrs_null;
}

/*
 * What the views unnest: the stored nodes with their positions resolved, the rest as
 * stored (field_id, flags), fixed-width columns only. The views name fields and test
 * flags in SQL, where a count that reads neither skips the work.
 */
enum
{
	L_NODE_ID, L_PARENT_ID, L_KIND_ID, L_FIELD_ID, L_FLAGS, L_BSTART, L_BEND, NODE_LIST_NATTS
};

PG_FUNCTION_INFO_V1(cpg_ts_node_list);
Datum
cpg_ts_node_list(PG_FUNCTION_ARGS)
{
	CpgSrf		srf;
	TsStoredNode *nodes;
	int32		count = cpg_ts_stored_nodes(PG_GETARG_DATUM(0), false, &nodes);

	cpg_srf_begin_natts(fcinfo, &srf, NODE_LIST_NATTS);
	for (int32 i = 0; i < count; i++)
	{
		const TsStoredNode *n = &nodes[i];
		Datum		out[NODE_LIST_NATTS];
		bool		nulls[NODE_LIST_NATTS];

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (!n->present)
			continue;
		out[L_NODE_ID] = Int32GetDatum(i);
		nulls[L_NODE_ID] = false;
		out[L_PARENT_ID] = Int32GetDatum(n->parent);
		nulls[L_PARENT_ID] = n->parent < 0;
		out[L_KIND_ID] = Int32GetDatum(n->kind_id);
		nulls[L_KIND_ID] = n->kind_id < 0;
		out[L_FIELD_ID] = Int16GetDatum((int16) n->field_id);
		nulls[L_FIELD_ID] = n->field_id <= 0;
		out[L_FLAGS] = Int16GetDatum((int16) n->flags);
		nulls[L_FLAGS] = n->flags < 0;
		out[L_BSTART] = Int32GetDatum(n->bstart);
		nulls[L_BSTART] = n->bstart < 0;
		out[L_BEND] = Int32GetDatum(n->bend);
		nulls[L_BEND] = n->bend < 0;
		cpg_srf_put(&srf, out, nulls);
	}
	return (Datum) 0;
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
	static const int placed[NODE_NATTS] = {
		[N_NODE_ID] = NODE_ID, [N_PARENT_ID] = PARENT_ID, [N_KIND_ID] = KIND_ID,
		[N_FIELD_NAME] = FIELD_NAME, [N_CHILD_INDEX] = CHILD_INDEX, [N_IS_NAMED] = IS_NAMED,
		[N_HAS_ERROR] = HAS_ERROR, [N_IS_ERROR] = IS_ERROR, [N_IS_MISSING] = IS_MISSING,
		[N_IS_EXTRA] = IS_EXTRA, [N_BSTART] = BSTART, [N_BEND] = BEND, [N_ATTRS] = ATTRS
	};
	CpgRoot		root;
	CpgSrf		srf;
	CpgLineIndex lines;
	bool		have_lines;
	TsStoredNode *nodes;
	int32		count;
	NameCache	cache;

	cpg_root_read(fcinfo, 0, CPG_T_tree_sitter_file, &root);
	cpg_srf_begin_natts(fcinfo, &srf, TS_NODES_NATTS);
	have_lines = cpg_lines_from_starts(&lines, root.values[tree_sitter_file__line_starts],
									   root.nulls[tree_sitter_file__line_starts]);
	count = cpg_ts_stored_nodes(root.values[tree_sitter_file__nodes], root.nulls[tree_sitter_file__nodes], &nodes);
	name_cache_init(&cache);
	for (int32 i = 0; i < count; i++)
	{
		Datum		node[NODE_NATTS];
		bool		node_nulls[NODE_NATTS];
		Datum		out[TS_NODES_NATTS];
		bool		onl[TS_NODES_NATTS];

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (!nodes[i].present)
			continue;
		for (int a = 0; a < CPG_ROOT_IDENTITY_NATTS; a++)
		{
			out[a] = root.values[a];
			onl[a] = root.nulls[a];
		}
		node_columns(&cache, &nodes[i], i, node, node_nulls);
		for (int c = 0; c < NODE_NATTS; c++)
		{
			out[placed[c]] = node[c];
			onl[placed[c]] = node_nulls[c];
		}
		out[KIND] = kind_datum(&cache, nodes[i].kind_id);
		onl[KIND] = out[KIND] == (Datum) 0;
		cpg_lines_put_position(&lines, have_lines, Int32GetDatum(nodes[i].bstart), nodes[i].bstart < 0,
							   &out[LINE0], &onl[LINE0]);
		cpg_lines_put_position(&lines, have_lines, Int32GetDatum(nodes[i].bend), nodes[i].bend < 0,
							   &out[END_LINE0], &onl[END_LINE0]);
		cpg_srf_put(&srf, out, onl);
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
	TsStoredNode *nodes;
	int32		count;
	NameCache	cache;

	cpg_root_read(fcinfo, 0, CPG_T_tree_sitter_file, &root);
	cpg_srf_begin_natts(fcinfo, &srf, 8);
	count = cpg_ts_stored_nodes(root.values[tree_sitter_file__nodes], root.nulls[tree_sitter_file__nodes], &nodes);
	name_cache_init(&cache);
	for (int32 i = 0; i < count; i++)
	{
		Datum		node[NODE_NATTS];
		bool		node_nulls[NODE_NATTS];
		Datum		out[8];
		bool		onl[8];

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (!nodes[i].present || nodes[i].parent < 0)
			continue;
		for (int a = 0; a < 4; a++)
		{
			out[a] = root.values[a];
			onl[a] = root.nulls[a];
		}
		node_columns(&cache, &nodes[i], i, node, node_nulls);
		out[4] = node[N_PARENT_ID];
		onl[4] = false;
		out[5] = Int32GetDatum(i);
		onl[5] = false;
		out[6] = node[N_FIELD_NAME];
		onl[6] = node_nulls[N_FIELD_NAME];
		out[7] = node[N_CHILD_INDEX];
		onl[7] = node_nulls[N_CHILD_INDEX];
		cpg_srf_put(&srf, out, onl);
	}
	return (Datum) 0;
}
