/*
 * df_facts.c: a dataflow_files_v1 row read back into C arrays, for the set-returning
 * functions and the solver.
 *
 * Any row is accepted, also one built by hand: NULL elements and fields, unknown kinds,
 * event ranges outside the event list and odd-length edge lists are read as "nothing
 * here" (kind -1, empty ranges, PG_INT32_MIN ids), which every reader skips. Texts point
 * into the detoasted arrays, which live as long as the caller's memory context.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/arrays.h"
#include "common/rowtype.h"
#include "dataflow/dataflow.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/array.h"

static DfText
text_of(Datum d, bool isnull)
{
	DfText		t = {NULL, -1};
	struct varlena *v;

	if (isnull)
		return t;
	v = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(d));
	t.ptr = VARDATA_ANY(v);
	t.len = (int32) VARSIZE_ANY_EXHDR(v);
	return t;
}

bool
df_text_eq(DfText t, const char *s)
{
	return t.len >= 0 && (size_t) t.len == strlen(s) && memcmp(t.ptr, s, t.len) == 0;
}

static int32
int_or(Datum d, bool isnull, int32 otherwise)
{
	return isnull ? otherwise : DatumGetInt32(d);
}

/* An integer[] as a C array; NULL elements become PG_INT32_MIN. */
static const int32 *
int_array(Datum d, bool isnull, int32 *n)
{
	ArrayType  *a;
	int32	   *out;
	Datum	   *values;
	bool	   *nulls;
	int			count;

	*n = 0;
	if (isnull)
		return NULL;
	a = DatumGetArrayTypeP(d);
	if (ARR_ELEMTYPE(a) != INT4OID)
		return NULL;
	if (ARR_NDIM(a) == 1 && !ARR_HASNULL(a))
	{
		*n = ArrayGetNItems(ARR_NDIM(a), ARR_DIMS(a));
		return (const int32 *) ARR_DATA_PTR(a);
	}
	deconstruct_array(a, INT4OID, sizeof(int32), true, TYPALIGN_INT, &values, &nulls, &count);
	out = palloc(Max(count, 1) * sizeof(int32));
	for (int i = 0; i < count; i++)
		out[i] = nulls[i] ? PG_INT32_MIN : DatumGetInt32(values[i]);
	*n = count;
	return out;
}

static void
read_units(Datum d, bool isnull, DfFacts *out)
{
	CpgArrayElems elems;
	TupleDesc	td = cpg_tupdesc(CPG_T_df_unit);
	Datum		v[df_unit__NATTS];
	bool		n[df_unit__NATTS];

	cpg_array_elems(d, isnull, &elems);
	out->units = palloc0(Max(elems.count, 1) * sizeof(DfFactUnit));
	out->nunits = 0;
	for (int i = 0; i < elems.count; i++)
	{
		DfFactUnit *u;
		int32		nbranch_ints;

		if (elems.nulls[i])
			continue;
		cpg_deform_composite(td, elems.values[i], v, n);
		u = &out->units[out->nunits++];
		u->code_id = int_or(v[df_unit__code_id], n[df_unit__code_id], -1);
		u->parent_code_id = int_or(v[df_unit__parent_code_id], n[df_unit__parent_code_id], -1);
		u->qualname = text_of(v[df_unit__qualname], n[df_unit__qualname]);
		u->name = text_of(v[df_unit__name], n[df_unit__name]);
		u->kind = -1;
		for (int k = 0; k < DF_NUNIT_KINDS && !n[df_unit__kind]; k++)
			if (df_text_eq(text_of(v[df_unit__kind], false), df_unit_kind_names[k]))
				u->kind = k;
		u->firstlineno1 = int_or(v[df_unit__firstlineno1], n[df_unit__firstlineno1], -1);
		u->argcount = Max(int_or(v[df_unit__argcount], n[df_unit__argcount], 0), 0);
		u->posonlyargcount = Max(int_or(v[df_unit__posonlyargcount], n[df_unit__posonlyargcount], 0), 0);
		u->kwonlyargcount = Max(int_or(v[df_unit__kwonlyargcount], n[df_unit__kwonlyargcount], 0), 0);
		u->has_varargs = !n[df_unit__has_varargs] && DatumGetBool(v[df_unit__has_varargs]);
		u->has_varkeywords = !n[df_unit__has_varkeywords] && DatumGetBool(v[df_unit__has_varkeywords]);
		u->class_code_id = int_or(v[df_unit__class_code_id], n[df_unit__class_code_id], -1);
		u->method_kind = DF_METHOD_NONE;
		for (int k = 1; k < DF_NMETHOD_KINDS && !n[df_unit__method_kind]; k++)
			if (df_text_eq(text_of(v[df_unit__method_kind], false), df_method_kind_names[k]))
				u->method_kind = k;
		u->event_start = int_or(v[df_unit__event_start], n[df_unit__event_start], 0);
		u->event_count = int_or(v[df_unit__event_count], n[df_unit__event_count], 0);
		u->branches = int_array(v[df_unit__branches], n[df_unit__branches], &nbranch_ints);
		u->nbranches = nbranch_ints / 7;
	}
}

static void
read_events(Datum d, bool isnull, DfFacts *out)
{
	CpgArrayElems elems;
	TupleDesc	td = cpg_tupdesc(CPG_T_df_event);
	Datum		v[df_event__NATTS];
	bool		n[df_event__NATTS];

	cpg_array_elems(d, isnull, &elems);
	out->events = palloc(Max(elems.count, 1) * sizeof(DfFactEvent));
	out->nevents = elems.count;
	for (int i = 0; i < elems.count; i++)
	{
		DfFactEvent *e = &out->events[i];
		DfText		kind;

		if ((i & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		cpg_deform_composite(td, elems.nulls[i] ? (Datum) 0 : elems.values[i], v, n);
		kind = text_of(v[df_event__kind], n[df_event__kind]);
		e->kind = kind.len >= 0 ? df_kind_from_name(kind.ptr, kind.len) : -1;
		e->name = text_of(v[df_event__name], n[df_event__name]);
		e->bstart = int_or(v[df_event__bstart], n[df_event__bstart], -1);
		e->bend = int_or(v[df_event__bend], n[df_event__bend], -1);
		e->line0 = int_or(v[df_event__line0], n[df_event__line0], -1);
		e->detail = int_or(v[df_event__detail], n[df_event__detail], DF_NO_DETAIL);
		e->unit = -1;
	}
}

void
df_facts_read(const Datum *values, const bool *nulls, DfFacts *out)
{
	CpgArrayElems kw;
	int32		n;

	memset(out, 0, sizeof(*out));
	read_units(values[dataflow_file__units], nulls[dataflow_file__units], out);
	read_events(values[dataflow_file__events], nulls[dataflow_file__events], out);
	for (int32 u = 0; u < out->nunits; u++)
	{
		DfFactUnit *unit = &out->units[u];

		if (unit->event_start < 0 || unit->event_count < 0 || unit->event_start > out->nevents ||
			unit->event_count > out->nevents - unit->event_start)
		{
			unit->event_start = 0;
			unit->event_count = 0;
		}
		for (int32 e = unit->event_start; e < unit->event_start + unit->event_count; e++)
			if (out->events[e].unit < 0)
				out->events[e].unit = u;
	}
	out->reaches = int_array(values[dataflow_file__reaches], nulls[dataflow_file__reaches], &n);
	out->nreaches = n / 2;
	out->steps = int_array(values[dataflow_file__steps], nulls[dataflow_file__steps], &n);
	out->nsteps = n / 3;
	cpg_array_elems(values[dataflow_file__keywords], nulls[dataflow_file__keywords], &kw);
	out->keywords = palloc(Max(kw.count, 1) * sizeof(DfText));
	out->nkeywords = kw.count;
	for (int i = 0; i < kw.count; i++)
		out->keywords[i] = text_of(kw.values[i], kw.nulls[i]);
}
