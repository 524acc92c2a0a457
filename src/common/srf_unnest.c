/*
 * srf_unnest.c: unnest one list attribute of a root row into flat rows.
 */
#include "postgres.h"

#include "common/arrays.h"
#include "common/rowtype.h"
#include "common/span.h"
#include "common/srf.h"
#include "common/srf_unnest.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

/* The number of output columns an attribute of type typid unnests into. */
static int
unnested_width(Oid typid, Oid span_oid, Oid qnames_oid)
{
	if (typid == span_oid)
		return 6;
	if (typid == qnames_oid)
		return 2;
	return 1;
}

static void
put_qnames(Datum array, bool isnull, Datum *names, Datum *sources, bool *nulls)
{
	CpgArrayElems elems;
	CpgArray	n;
	CpgArray	s;
	TupleDesc	desc = cpg_tupdesc(CPG_T_cst_qname);

	if (isnull)
	{
		nulls[0] = nulls[1] = true;
		return;
	}
	cpg_array_elems(array, false, &elems);
	cpg_array_init_oid(&n, TEXTOID);
	cpg_array_init_oid(&s, TEXTOID);
	for (int i = 0; i < elems.count; i++)
	{
		Datum		v[cst_qname__NATTS];
		bool		nl[cst_qname__NATTS];

		/*
		 * A NULL element (a row built by hand) yields a NULL name and a NULL source,
		 * so that both arrays stay index-aligned with the stored list.
		 */
		if (elems.nulls[i])
		{
			cpg_array_push(&n, (Datum) 0, true);
			cpg_array_push(&s, (Datum) 0, true);
			continue;
		}
		cpg_deform_composite(desc, elems.values[i], v, nl);
		cpg_array_push(&n, v[cst_qname__name], nl[cst_qname__name]);
		cpg_array_push(&s, v[cst_qname__source], nl[cst_qname__source]);
	}
	*names = cpg_array_result(&n);
	*sources = cpg_array_result(&s);
	nulls[0] = nulls[1] = false;
}

Datum
cpg_srf_unnest(FunctionCallInfo fcinfo, CpgTypeId rowtype, int list_attno, CpgTypeId elemtype)
{
	CpgRoot		root;
	CpgSrf		srf;
	CpgArrayElems elems;
	TupleDesc	elem_desc = cpg_tupdesc(elemtype);
	Oid			span_oid = cpg_type_oid(CPG_T_span);
	Oid			qnames_oid = get_array_type(cpg_type_oid(CPG_T_cst_qname));
	Datum	   *ev = palloc(sizeof(Datum) * elem_desc->natts);
	bool	   *enl = palloc(sizeof(bool) * elem_desc->natts);
	Datum	   *out;
	bool	   *onl;
	int			width = CPG_ROOT_IDENTITY_NATTS;
	MemoryContext row_cxt;

	cpg_root_read(fcinfo, 0, rowtype, &root);
	cpg_srf_begin(fcinfo, &srf);

	/*
	 * out and onl are sized to the declared result: a pg_proc declaration that drifted
	 * from the element type must be caught before any element is written into them.
	 */
	for (int a = 0; a < elem_desc->natts; a++)
		width += unnested_width(TupleDescAttr(elem_desc, a)->atttypid, span_oid, qnames_oid);
	if (width != srf.tupdesc->natts)
		elog(ERROR, "unnesting %s yields %d columns, the function declares %d",
			 cpg_type_decls[elemtype].name, width, srf.tupdesc->natts);
	out = palloc(sizeof(Datum) * srf.tupdesc->natts);
	onl = palloc(sizeof(bool) * srf.tupdesc->natts);
	cpg_array_elems(root.values[list_attno], root.nulls[list_attno], &elems);

	/*
	 * What one row allocates (detoasted fields, the qualified-name arrays) is garbage once
	 * the tuplestore holds the row: a list of a million elements must not keep it all.
	 */
	row_cxt = AllocSetContextCreate(CurrentMemoryContext, "codecpg unnest row", ALLOCSET_SMALL_SIZES);
	for (int i = 0; i < elems.count; i++)
	{
		int			col = CPG_ROOT_IDENTITY_NATTS;
		MemoryContext caller;

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (elems.nulls[i])
			continue;
		caller = MemoryContextSwitchTo(row_cxt);
		for (int a = 0; a < CPG_ROOT_IDENTITY_NATTS; a++)
		{
			out[a] = root.values[a];
			onl[a] = root.nulls[a];
		}
		cpg_deform_composite(elem_desc, elems.values[i], ev, enl);
		for (int a = 0; a < elem_desc->natts; a++)
		{
			Oid			typid = TupleDescAttr(elem_desc, a)->atttypid;

			if (typid == span_oid)
			{
				CpgSpan		span;
				int32		p[6];

				cpg_span_read(ev[a], enl[a], &span);
				p[0] = span.bstart;
				p[1] = span.bend;
				p[2] = span.line0;
				p[3] = span.col;
				p[4] = span.end_line0;
				p[5] = span.end_col;
				for (int k = 0; k < 6; k++)
				{
					out[col] = Int32GetDatum(p[k]);
					onl[col++] = p[k] < 0;
				}
			}
			else if (typid == qnames_oid)
			{
				put_qnames(ev[a], enl[a], &out[col], &out[col + 1], &onl[col]);
				col += 2;
			}
			else
			{
				out[col] = ev[a];
				onl[col++] = enl[a];
			}
		}
		Assert(col == width);
		cpg_srf_put(&srf, out, onl);
		MemoryContextSwitchTo(caller);
		MemoryContextReset(row_cxt);
	}
	MemoryContextDelete(row_cxt);
	return (Datum) 0;
}
