/*
 * params.c: the parameters of a file's definitions, for the CPG views.
 *
 * A CST_PARAM node is a named child of a tree-sitter parameter list, and the definition
 * that owns it is the CST definition of the list's parent (a function or a lambda).
 * In SQL that takes three self-joins of the file's tree-sitter nodes and a join with
 * its definitions; the planner cannot know the sizes of those unnested lists and nests
 * loops over them, unnesting a list once per row. Here every list is read once: the
 * nodes into an array indexed by node_id (the preorder index, their position in the
 * list), the definitions into a scan per parameter list.
 */
#include "postgres.h"

#include "common/arrays.h"
#include "common/rowtype.h"
#include "common/span.h"
#include "common/srf.h"
#include "miscadmin.h"
#include "treesitter/ts_parse.h"
#include "treesitter/ts_stored.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(cpg_params);

/*
 * What a node's kind says, per kind slot (cpg_ts_kind_slot), decided once per call from
 * the grammar's names: a parameter list, or a comment (never a parameter).
 */
enum
{
	KIND_PARAMETER_LIST = 1,
	KIND_COMMENT = 2
};

typedef struct Def
{
	Datum		kind;
	bool		kind_null;
	int32		def_bstart;
	int32		def_bend;
	int32		name_bstart;	/* -1 when NULL */
	int32		name_bend;
} Def;

static int32
int_or(Datum value, bool isnull, int32 otherwise)
{
	return isnull ? otherwise : DatumGetInt32(value);
}

static uint8 *
kind_roles(void)
{
	uint32		slots = cpg_ts_kind_slots();
	uint8	   *roles = palloc0(slots);

	for (uint32 symbol = 0; symbol + 1 < slots; symbol++)
	{
		const char *name = cpg_ts_kind_name((uint16) symbol);

		if (strcmp(name, "parameters") == 0 || strcmp(name, "lambda_parameters") == 0)
			roles[symbol] = KIND_PARAMETER_LIST;
		else if (strcmp(name, "comment") == 0)
			roles[symbol] = KIND_COMMENT;
	}
	return roles;
}

/* The role of a node's kind; 0 for none, an unknown kind or a NULL element. */
static uint8
role_of(const uint8 *roles, const TsStoredNode *n)
{
	int32		slot;

	if (n->kind_id < 0 || n->kind_id > PG_UINT16_MAX || (slot = cpg_ts_kind_slot((uint16) n->kind_id)) < 0)
		return 0;
	return roles[slot];
}

/* 1-based line of an offset, or 0 when unknown. */
static int32
line_of(const CpgLineIndex *lines, bool have_lines, int32 offset)
{
	int32		line0;
	int32		col;

	if (!have_lines || offset < 0)
		return 0;
	cpg_lines_locate(lines, offset, &line0, &col);
	return line0 + 1;
}

static Def *
read_defs(Datum array, int *count)
{
	TupleDesc	desc = cpg_tupdesc(CPG_T_cst_def);
	CpgArrayElems elems;
	Def		   *defs;
	Datum		v[cst_def__NATTS];
	bool		n[cst_def__NATTS];
	int			kept = 0;

	cpg_array_elems(array, false, &elems);
	defs = palloc(sizeof(Def) * Max(elems.count, 1));
	for (int i = 0; i < elems.count; i++)
	{
		Def		   *d = &defs[kept];

		if (elems.nulls[i])
			continue;
		cpg_deform_composite(desc, elems.values[i], v, n);
		if (n[cst_def__def_bstart] || n[cst_def__def_bend])
			continue;
		d->kind = v[cst_def__kind];
		d->kind_null = n[cst_def__kind];
		d->def_bstart = DatumGetInt32(v[cst_def__def_bstart]);
		d->def_bend = DatumGetInt32(v[cst_def__def_bend]);
		d->name_bstart = int_or(v[cst_def__name_bstart], n[cst_def__name_bstart], -1);
		d->name_bend = int_or(v[cst_def__name_bend], n[cst_def__name_bend], -1);
		kept++;
	}
	*count = kept;
	return defs;
}

/*
 * Does the definition own a parameter list whose parent (the function or lambda node)
 * is o? It ends where o ends; a lambda starts where o starts; a named definition has its
 * name inside o before the list (a decorated one starts at its first decorator, before o).
 */
static bool
owns(const Def *d, const TsStoredNode *o, const TsStoredNode *list)
{
	if (d->def_bend != o->bend)
		return false;
	if (d->name_bstart < 0)
		return d->def_bstart == o->bstart;
	return d->name_bstart >= o->bstart && d->name_bend <= list->bstart;
}

/*
 * codecpg.cpg_params(nodes, line_starts, defs): without the file's CST definitions, one
 * row per parameter of its tree-sitter nodes; with them, one row per parameter and
 * definition that owns it. It takes the lists rather than the root rows: a row argument
 * would detoast every list of the row.
 */
Datum
cpg_params(PG_FUNCTION_ARGS)
{
	CpgSrf		srf;
	TsStoredNode *nodes;
	uint8	   *roles;
	Datum	   *kind_texts;
	Def		   *defs = NULL;
	int			nnodes;
	int			ndefs = 0;
	bool		with_owners = !PG_ARGISNULL(2);
	CpgLineIndex lines;
	bool		have_lines;

	cpg_srf_begin(fcinfo, &srf);
	if (PG_ARGISNULL(0))
		return (Datum) 0;
	nnodes = cpg_ts_stored_nodes(PG_GETARG_DATUM(0), false, &nodes);
	roles = kind_roles();
	kind_texts = palloc0(sizeof(Datum) * cpg_ts_kind_slots());
	have_lines = cpg_lines_from_starts(&lines, PG_GETARG_DATUM(1), PG_ARGISNULL(1));
	if (with_owners)
		defs = read_defs(PG_GETARG_DATUM(2), &ndefs);
	for (int id = 0; id < nnodes; id++)
	{
		const TsStoredNode *c = &nodes[id];
		const TsStoredNode *list;
		const TsStoredNode *o;
		int32		last_byte;
		Datum		values[9];
		bool		nulls[9];

		if ((id & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (c->parent < 0 || c->parent >= nnodes || c->flags < 0 || (c->flags & TSN_NAMED) == 0 ||
			role_of(roles, c) == KIND_COMMENT)
			continue;
		list = &nodes[c->parent];
		if (role_of(roles, list) != KIND_PARAMETER_LIST)
			continue;
		values[0] = Int32GetDatum(c->bstart);
		nulls[0] = c->bstart < 0;
		values[1] = Int32GetDatum(c->bend);
		nulls[1] = c->bend < 0;
		/* 1-based lines of the first and of the last byte (the end is exclusive) */
		values[2] = Int32GetDatum(line_of(&lines, have_lines, c->bstart));
		nulls[2] = DatumGetInt32(values[2]) == 0;
		last_byte = c->bend > c->bstart && c->bstart >= 0 ? c->bend - 1 : c->bend;
		values[3] = Int32GetDatum(line_of(&lines, have_lines, last_byte));
		nulls[3] = DatumGetInt32(values[3]) == 0;
		nulls[4] = c->kind_id < 0 || c->kind_id > PG_UINT16_MAX || cpg_ts_kind_slot((uint16) c->kind_id) < 0;
		values[4] = nulls[4] ? (Datum) 0 : cpg_ts_kind_text(kind_texts, (uint16) c->kind_id);
		values[5] = Int32GetDatum(c->child_index);
		nulls[5] = c->child_index < 0;
		nulls[6] = nulls[7] = nulls[8] = true;
		if (!with_owners)
		{
			cpg_srf_put(&srf, values, nulls);
			continue;
		}
		if (list->parent < 0 || list->parent >= nnodes)
			continue;
		o = &nodes[list->parent];
		for (int k = 0; k < ndefs; k++)
		{
			if (!owns(&defs[k], o, list))
				continue;
			values[6] = defs[k].kind;
			nulls[6] = defs[k].kind_null;
			values[7] = Int32GetDatum(defs[k].def_bstart);
			values[8] = Int32GetDatum(defs[k].def_bend);
			nulls[7] = nulls[8] = false;
			cpg_srf_put(&srf, values, nulls);
		}
	}
	return (Datum) 0;
}
