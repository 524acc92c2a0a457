/*
 * df_srf.c: the set-returning functions over dataflow_files_v1 rows.
 *
 * Each reads a row (df_facts.c) and emits flat rows led by the file identity (repo,
 * path, file_id, file_sha256), with the CPG node ids of what they name, so that users
 * join them to cpg_nodes without recomputing ids:
 *   DF_DEF / DF_USE   stable_id('df_def' / 'df_use', file_id, event_id)
 *   CFG_BLOCK         stable_id('bc_block', stable_id('bc_code', file_id, qualname,
 *                     firstlineno1, name), start_offset, end_offset)
 * The edges' functions have a variant for codecpg.cpg_edges (cpg_reach_edges,
 * cpg_step_edges, cpg_branch_edges) that gives, instead of the two ids, what the view
 * derives them from (the events' roles; the code unit's firstlineno1 and name): the view
 * then computes ids only when a query reads them, and a count computes none.
 * cpg_step_edges also gives one step per edge (see df_steps_rows).
 */
#include "postgres.h"

#include "common/ids.h"
#include "common/srf.h"
#include "common/srf_unnest.h"
#include "dataflow/dataflow.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"

typedef struct DfSrf
{
	CpgRoot		root;
	CpgSrf		srf;
	DfFacts		facts;
	char	   *file_id;		/* NULL when the row has none: ids are NULL too */
	Datum	   *values;
	bool	   *nulls;
} DfSrf;

static void
df_srf_begin(FunctionCallInfo fcinfo, DfSrf *s)
{
	cpg_root_read(fcinfo, 0, CPG_T_dataflow_file, &s->root);
	cpg_srf_begin(fcinfo, &s->srf);
	df_facts_read(s->root.values, s->root.nulls, &s->facts);
	s->file_id = s->root.nulls[dataflow_file__file_id] ? NULL :
		TextDatumGetCString(s->root.values[dataflow_file__file_id]);
	s->values = palloc(s->srf.tupdesc->natts * sizeof(Datum));
	s->nulls = palloc(s->srf.tupdesc->natts * sizeof(bool));
}

/* The identity columns; returns the next column. */
static int
put_identity(DfSrf *s)
{
	for (int i = 0; i < CPG_ROOT_IDENTITY_NATTS; i++)
	{
		s->values[i] = s->root.values[i];
		s->nulls[i] = s->root.nulls[i];
	}
	return CPG_ROOT_IDENTITY_NATTS;
}

static int
put_int(DfSrf *s, int col, int32 v, bool isnull)
{
	s->values[col] = Int32GetDatum(v);
	s->nulls[col] = isnull;
	return col + 1;
}

static int
put_text(DfSrf *s, int col, DfText t)
{
	s->nulls[col] = t.len < 0;
	if (t.len >= 0)
		s->values[col] = PointerGetDatum(cstring_to_text_with_len(t.ptr, t.len));
	return col + 1;
}

static int
put_cstring(DfSrf *s, int col, const char *str)
{
	s->nulls[col] = str == NULL;
	if (str)
		s->values[col] = CStringGetTextDatum(str);
	return col + 1;
}

static char *
text_cstring(DfText t)
{
	return t.len < 0 ? NULL : pnstrdup(t.ptr, t.len);
}

static const char *
event_role(const DfSrf *s, int32 e)
{
	return DF_KIND_IS_DEF(s->facts.events[e].kind) ? "def" : "use";
}

/* The DF_DEF or DF_USE node of an event. */
static char *
event_node_id(const DfSrf *s, int32 e)
{
	char		number[16];
	const char *parts[2];

	if (s->file_id == NULL || e < 0 || e >= s->facts.nevents || s->facts.events[e].kind < 0)
		return NULL;
	snprintf(number, sizeof(number), "%d", e);
	parts[0] = s->file_id;
	parts[1] = number;
	return cpg_stable_id(DF_KIND_IS_DEF(s->facts.events[e].kind) ? "df_def" : "df_use", 2, parts);
}

/* The BC_CODE_UNIT node a code unit is, as cpg_nodes names it. */
static char *
unit_node_id(const DfSrf *s, const DfFactUnit *u)
{
	char		line[16];
	const char *parts[4];

	if (s->file_id == NULL || u->qualname.len < 0 || u->name.len < 0)
		return NULL;
	snprintf(line, sizeof(line), "%d", u->firstlineno1);
	parts[0] = s->file_id;
	parts[1] = text_cstring(u->qualname);
	parts[2] = line;
	parts[3] = text_cstring(u->name);
	return cpg_stable_id("bc_code", 4, parts);
}

static char *
block_node_id(const char *unit_id, int32 start, int32 end)
{
	char		s[16],
				e[16];
	const char *parts[3];

	if (unit_id == NULL)
		return NULL;
	snprintf(s, sizeof(s), "%d", start);
	snprintf(e, sizeof(e), "%d", end);
	parts[0] = unit_id;
	parts[1] = s;
	parts[2] = e;
	return cpg_stable_id("bc_block", 3, parts);
}

static const DfFactUnit *
unit_of(const DfSrf *s, int32 e)
{
	if (e < 0 || e >= s->facts.nevents || s->facts.events[e].unit < 0)
		return NULL;
	return &s->facts.units[s->facts.events[e].unit];
}

static int
put_unit(DfSrf *s, int col, const DfFactUnit *u)
{
	col = put_int(s, col, u ? u->code_id : 0, u == NULL || u->code_id < 0);
	return put_text(s, col, u ? u->qualname : (DfText) {NULL, -1});
}

PG_FUNCTION_INFO_V1(cpg_df_units);
Datum
cpg_df_units(PG_FUNCTION_ARGS)
{
	DfSrf		s;

	df_srf_begin(fcinfo, &s);
	for (int32 i = 0; i < s.facts.nunits; i++)
	{
		const DfFactUnit *u = &s.facts.units[i];
		int			col = put_identity(&s);

		col = put_int(&s, col, u->code_id, u->code_id < 0);
		col = put_int(&s, col, u->parent_code_id, u->parent_code_id < 0);
		col = put_text(&s, col, u->qualname);
		col = put_text(&s, col, u->name);
		col = put_cstring(&s, col, u->kind >= 0 ? df_unit_kind_names[u->kind] : NULL);
		col = put_int(&s, col, u->firstlineno1, false);
		col = put_int(&s, col, u->argcount, false);
		col = put_int(&s, col, u->posonlyargcount, false);
		col = put_int(&s, col, u->kwonlyargcount, false);
		s.values[col] = BoolGetDatum(u->has_varargs);
		s.nulls[col++] = false;
		s.values[col] = BoolGetDatum(u->has_varkeywords);
		s.nulls[col++] = false;
		col = put_int(&s, col, u->class_code_id, u->class_code_id < 0);
		col = put_cstring(&s, col, df_method_kind_names[u->method_kind]);
		col = put_int(&s, col, u->event_start, false);
		col = put_int(&s, col, u->event_count, false);
		col = put_int(&s, col, u->nbranches, false);
		put_cstring(&s, col, unit_node_id(&s, u));
		cpg_srf_put(&s.srf, s.values, s.nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_df_events);
Datum
cpg_df_events(PG_FUNCTION_ARGS)
{
	DfSrf		s;

	df_srf_begin(fcinfo, &s);
	for (int32 e = 0; e < s.facts.nevents; e++)
	{
		const DfFactEvent *ev = &s.facts.events[e];
		int			col = put_identity(&s);

		if ((e & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (ev->kind < 0)
			continue;
		col = put_int(&s, col, e, false);
		col = put_unit(&s, col, unit_of(&s, e));
		col = put_cstring(&s, col, df_kind_names[ev->kind]);
		col = put_cstring(&s, col, DF_KIND_IS_DEF(ev->kind) ? "def" : "use");
		col = put_text(&s, col, ev->name);
		col = put_int(&s, col, ev->bstart, ev->bstart < 0);
		col = put_int(&s, col, ev->bend, ev->bend < 0);
		col = put_int(&s, col, ev->line0, ev->line0 < 0);
		col = put_int(&s, col, ev->detail, ev->detail == DF_NO_DETAIL);
		put_cstring(&s, col, event_node_id(&s, e));
		cpg_srf_put(&s.srf, s.values, s.nulls);
	}
	return (Datum) 0;
}

static bool
valid_event(const DfSrf *s, int32 e)
{
	return e >= 0 && e < s->facts.nevents && s->facts.events[e].kind >= 0;
}

/* The last two columns: the DF_DEF / DF_USE ids of two valid events, or their roles. */
static void
put_event_pair(DfSrf *s, int col, int32 e1, int32 e2, bool with_ids)
{
	col = put_cstring(s, col, with_ids ? event_node_id(s, e1) : event_role(s, e1));
	put_cstring(s, col, with_ids ? event_node_id(s, e2) : event_role(s, e2));
}

static Datum
df_reaches_rows(FunctionCallInfo fcinfo, bool with_ids)
{
	DfSrf		s;

	df_srf_begin(fcinfo, &s);
	for (int32 k = 0; k < s.facts.nreaches; k++)
	{
		int32		def = s.facts.reaches[2 * k];
		int32		use = s.facts.reaches[2 * k + 1];
		const DfFactEvent *u;
		int			col = put_identity(&s);

		if ((k & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (!valid_event(&s, def) || !valid_event(&s, use))
			continue;
		u = &s.facts.events[use];
		col = put_unit(&s, col, unit_of(&s, use));
		col = put_text(&s, col, u->name);
		col = put_int(&s, col, def, false);
		col = put_int(&s, col, use, false);
		col = put_int(&s, col, s.facts.events[def].line0, s.facts.events[def].line0 < 0);
		col = put_int(&s, col, u->line0, u->line0 < 0);
		col = put_int(&s, col, u->bstart, u->bstart < 0);
		col = put_int(&s, col, u->bend, u->bend < 0);
		put_event_pair(&s, col, def, use, with_ids);
		cpg_srf_put(&s.srf, s.values, s.nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_df_reaches);
Datum
cpg_df_reaches(PG_FUNCTION_ARGS)
{
	return df_reaches_rows(fcinfo, true);
}

PG_FUNCTION_INFO_V1(cpg_reach_edges);
Datum
cpg_reach_edges(PG_FUNCTION_ARGS)
{
	return df_reaches_rows(fcinfo, false);
}

static bool
valid_step(const DfSrf *s, int32 k)
{
	return valid_event(s, s->facts.steps[3 * k]) && valid_event(s, s->facts.steps[3 * k + 1]) &&
		s->facts.steps[3 * k + 2] != PG_INT32_MIN;
}

static void
put_step(DfSrf *s, int32 k, bool with_ids)
{
	int32		src = s->facts.steps[3 * k];
	int32		dst = s->facts.steps[3 * k + 1];
	int32		slot = s->facts.steps[3 * k + 2];
	const DfFactEvent *from = &s->facts.events[src];
	const char *role;
	DfText		keyword = {NULL, -1};
	int			col = put_identity(s);

	if (slot >= 0)
		role = "argument";
	else if (DF_SLOT_IS_KEYWORD(slot))
	{
		role = "keyword";
		if (DF_SLOT_KEYWORD - slot < s->facts.nkeywords)
			keyword = s->facts.keywords[DF_SLOT_KEYWORD - slot];
	}
	else
		role = slot == DF_SLOT_RECEIVER ? "receiver" : slot == DF_SLOT_STAR ? "star" :
			slot == DF_SLOT_DSTAR ? "dstar" : "value";
	col = put_unit(s, col, unit_of(s, dst));
	col = put_int(s, col, src, false);
	col = put_int(s, col, dst, false);
	col = put_cstring(s, col, DF_KIND_IS_DEF(s->facts.events[dst].kind) ? "STEP_DEF" : "STEP_USE");
	col = put_cstring(s, col, role);
	col = put_int(s, col, slot, slot < 0);
	col = put_text(s, col, keyword);
	col = put_int(s, col, from->line0, from->line0 < 0);
	col = put_int(s, col, from->bstart, from->bstart < 0);
	col = put_int(s, col, from->bend, from->bend < 0);
	put_event_pair(s, col, src, dst, with_ids);
	cpg_srf_put(&s->srf, s->values, s->nulls);
}

/* A step as the edges choose among the steps of a pair: by argument position, then stored order. */
typedef struct StepPick
{
	int32		src;
	int32		dst;
	int32		position;		/* the slot when an argument's, else PG_INT32_MAX */
	int32		k;
} StepPick;

static int
cmp_step_pick(const void *a, const void *b)
{
	const StepPick *x = a;
	const StepPick *y = b;

	if (x->src != y->src)
		return x->src < y->src ? -1 : 1;
	if (x->dst != y->dst)
		return x->dst < y->dst ? -1 : 1;
	if (x->position != y->position)
		return x->position < y->position ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

/*
 * df_steps gives every stored step; an edge is a pair (source, destination), so
 * cpg_step_edges gives one step per pair: the one into the lowest argument position, else
 * the first stored.
 */
static Datum
df_steps_rows(FunctionCallInfo fcinfo, bool for_edges)
{
	DfSrf		s;
	StepPick   *picks;
	int32		npicks = 0;

	df_srf_begin(fcinfo, &s);
	if (!for_edges)
	{
		for (int32 k = 0; k < s.facts.nsteps; k++)
		{
			if ((k & 1023) == 0)
				CHECK_FOR_INTERRUPTS();
			if (valid_step(&s, k))
				put_step(&s, k, true);
		}
		return (Datum) 0;
	}
	picks = palloc_array(StepPick, Max(s.facts.nsteps, 1));
	for (int32 k = 0; k < s.facts.nsteps; k++)
	{
		int32		slot = s.facts.steps[3 * k + 2];

		if ((k & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (valid_step(&s, k))
			picks[npicks++] = (StepPick) {s.facts.steps[3 * k], s.facts.steps[3 * k + 1],
				slot >= 0 ? slot : PG_INT32_MAX, k};
	}
	qsort(picks, npicks, sizeof(StepPick), cmp_step_pick);
	for (int32 i = 0; i < npicks; i++)
	{
		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (i == 0 || picks[i].src != picks[i - 1].src || picks[i].dst != picks[i - 1].dst)
			put_step(&s, picks[i].k, false);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_df_steps);
Datum
cpg_df_steps(PG_FUNCTION_ARGS)
{
	return df_steps_rows(fcinfo, false);
}

PG_FUNCTION_INFO_V1(cpg_step_edges);
Datum
cpg_step_edges(PG_FUNCTION_ARGS)
{
	return df_steps_rows(fcinfo, true);
}

/*
 * The last two columns: the CFG_BLOCK ids of the edge's blocks, or the code unit's
 * firstlineno1 and name (with its qualname, what its BC_CODE_UNIT id is made of).
 */
static Datum
df_branches_rows(FunctionCallInfo fcinfo, bool with_ids)
{
	DfSrf		s;

	df_srf_begin(fcinfo, &s);
	for (int32 i = 0; i < s.facts.nunits; i++)
	{
		const DfFactUnit *u = &s.facts.units[i];
		char	   *unit_id = with_ids && u->nbranches > 0 ? unit_node_id(&s, u) : NULL;

		for (int32 k = 0; k < u->nbranches; k++)
		{
			const int32 *b = &u->branches[7 * k];
			int			col = put_identity(&s);
			bool		bad = false;

			for (int j = 0; j < 5; j++)
				bad |= b[j] == PG_INT32_MIN;
			if (bad)
				continue;
			col = put_unit(&s, col, u);
			for (int j = 0; j < 4; j++)
				col = put_int(&s, col, b[j], false);
			s.values[col] = BoolGetDatum(b[4] != 0);
			s.nulls[col++] = false;
			col = put_cstring(&s, col, b[4] ? "CFG_BRANCH_TRUE" : "CFG_BRANCH_FALSE");
			col = put_int(&s, col, b[5], b[5] < 0);
			col = put_int(&s, col, b[6], b[5] < 0 || b[6] < 0);
			if (with_ids)
			{
				col = put_cstring(&s, col, block_node_id(unit_id, b[0], b[1]));
				put_cstring(&s, col, block_node_id(unit_id, b[2], b[3]));
			}
			else
			{
				col = put_int(&s, col, u->firstlineno1, false);
				put_text(&s, col, u->name);
			}
			cpg_srf_put(&s.srf, s.values, s.nulls);
		}
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_df_branches);
Datum
cpg_df_branches(PG_FUNCTION_ARGS)
{
	return df_branches_rows(fcinfo, true);
}

PG_FUNCTION_INFO_V1(cpg_branch_edges);
Datum
cpg_branch_edges(PG_FUNCTION_ARGS)
{
	return df_branches_rows(fcinfo, false);
}

PG_FUNCTION_INFO_V1(cpg_df_errors);
Datum
cpg_df_errors(PG_FUNCTION_ARGS)
{
	return cpg_srf_unnest(fcinfo, CPG_T_dataflow_file, dataflow_file__errors, CPG_T_extract_error);
}
