/*
 * bytecode_srf.c: the set-returning functions that unnest a bytecode_files_v1 row:
 * bc_code_units, bc_instructions, bc_exception_table, bc_blocks, bc_cfg_edges,
 * bc_line_table and bc_errors. Each row leads with repo, path, file_id, file_sha256,
 * then (per code unit) code_id and qualname, then the element's fields, flat.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/arrays.h"
#include "common/rowtype.h"
#include "common/span.h"
#include "common/srf.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

#define BC_IDENTITY 4

typedef struct BcSrf
{
	CpgRoot		root;
	CpgSrf		srf;
	CpgArrayElems codes;
	TupleDesc	code_td;
	Datum	   *values;
	bool	   *nulls;
} BcSrf;

static void
bc_srf_begin(FunctionCallInfo fcinfo, BcSrf *s)
{
	cpg_root_read(fcinfo, 0, CPG_T_bytecode_file, &s->root);
	cpg_srf_begin(fcinfo, &s->srf);
	cpg_array_elems(s->root.values[bytecode_file__code_objects],
					s->root.nulls[bytecode_file__code_objects], &s->codes);
	s->code_td = cpg_tupdesc(CPG_T_bc_code);
	s->values = palloc0(s->srf.tupdesc->natts * sizeof(Datum));
	s->nulls = palloc0(s->srf.tupdesc->natts * sizeof(bool));
	for (int i = 0; i < BC_IDENTITY; i++)
	{
		s->values[i] = s->root.values[i];
		s->nulls[i] = s->root.nulls[i];
	}
}

static int
put_span(BcSrf *s, int col, Datum span, bool isnull)
{
	CpgSpan		sp;

	cpg_span_read(span, isnull, &sp);
	s->values[col] = Int32GetDatum(sp.bstart);
	s->nulls[col++] = sp.bstart < 0;
	s->values[col] = Int32GetDatum(sp.bend);
	s->nulls[col++] = sp.bend < 0;
	s->values[col] = Int32GetDatum(sp.line0);
	s->nulls[col++] = sp.line0 < 0;
	s->values[col] = Int32GetDatum(sp.col);
	s->nulls[col++] = sp.col < 0;
	s->values[col] = Int32GetDatum(sp.end_line0);
	s->nulls[col++] = sp.end_line0 < 0;
	s->values[col] = Int32GetDatum(sp.end_col);
	s->nulls[col++] = sp.end_col < 0;
	return col;
}

static int
array_count(Datum array, bool isnull)
{
	ArrayType  *arr;

	if (isnull)
		return 0;
	arr = DatumGetArrayTypeP(array);
	return ArrayGetNItems(ARR_NDIM(arr), ARR_DIMS(arr));
}

/* The code unit's own columns, then one row per element of one of its lists. */
static void
unnest_lists(FunctionCallInfo fcinfo, int list_att, CpgTypeId elemtype, bool with_ordinal)
{
	BcSrf		s;
	TupleDesc	elem_td = cpg_tupdesc(elemtype);
	Datum		cv[bc_code__NATTS];
	bool		cn[bc_code__NATTS];
	Datum	   *ev = palloc(elem_td->natts * sizeof(Datum));
	bool	   *en = palloc(elem_td->natts * sizeof(bool));

	bc_srf_begin(fcinfo, &s);
	for (int c = 0; c < s.codes.count; c++)
	{
		CpgArrayElems elems;

		if (s.codes.nulls[c])
			continue;
		cpg_deform_composite(s.code_td, s.codes.values[c], cv, cn);
		cpg_array_elems(cv[list_att], cn[list_att], &elems);
		s.values[BC_IDENTITY] = cv[bc_code__code_id];
		s.nulls[BC_IDENTITY] = cn[bc_code__code_id];
		s.values[BC_IDENTITY + 1] = cv[bc_code__qualname];
		s.nulls[BC_IDENTITY + 1] = cn[bc_code__qualname];
		for (int i = 0; i < elems.count; i++)
		{
			int			col = BC_IDENTITY + 2;

			CHECK_FOR_INTERRUPTS();
			if (elems.nulls[i])
				continue;
			if (with_ordinal)
			{
				s.values[col] = Int32GetDatum(i);
				s.nulls[col++] = false;
			}
			cpg_deform_composite(elem_td, elems.values[i], ev, en);
			for (int a = 0; a < elem_td->natts; a++, col++)
			{
				s.values[col] = ev[a];
				s.nulls[col] = en[a];
			}
			cpg_srf_put(&s.srf, s.values, s.nulls);
		}
	}
}

PG_FUNCTION_INFO_V1(cpg_bc_exception_table);
Datum
cpg_bc_exception_table(PG_FUNCTION_ARGS)
{
	unnest_lists(fcinfo, bc_code__exception_table, CPG_T_bc_exc_entry, false);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_bc_blocks);
Datum
cpg_bc_blocks(PG_FUNCTION_ARGS)
{
	unnest_lists(fcinfo, bc_code__blocks, CPG_T_bc_block, true);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_bc_cfg_edges);
Datum
cpg_bc_cfg_edges(PG_FUNCTION_ARGS)
{
	unnest_lists(fcinfo, bc_code__cfg_edges, CPG_T_bc_cfg_edge, false);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_bc_line_table);
Datum
cpg_bc_line_table(PG_FUNCTION_ARGS)
{
	unnest_lists(fcinfo, bc_code__line_table, CPG_T_bc_line, false);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_bc_code_units);
Datum
cpg_bc_code_units(PG_FUNCTION_ARGS)
{
	BcSrf		s;
	TupleDesc	const_td = cpg_tupdesc(CPG_T_bc_const);

	bc_srf_begin(fcinfo, &s);
	for (int c = 0; c < s.codes.count; c++)
	{
		Datum		cv[bc_code__NATTS];
		bool		cn[bc_code__NATTS];
		int			col = BC_IDENTITY;
		CpgArrayElems consts;
		CpgArray	reprs;

		if (s.codes.nulls[c])
			continue;
		cpg_deform_composite(s.code_td, s.codes.values[c], cv, cn);
		/* code_id .. names have the same order as the type. */
		for (int a = bc_code__code_id; a <= bc_code__names; a++, col++)
		{
			s.values[col] = cv[a];
			s.nulls[col] = cn[a];
		}
		cpg_array_elems(cv[bc_code__consts], cn[bc_code__consts], &consts);
		cpg_array_init_oid(&reprs, TEXTOID);
		for (int i = 0; i < consts.count; i++)
		{
			Datum		kv[bc_const__NATTS];
			bool		kn[bc_const__NATTS];

			/*
			 * A NULL const (only in a hand-built row) keeps its slot as a NULL repr:
			 * LOAD_CONST arguments index this array, so positions must not shift.
			 */
			if (consts.nulls[i])
			{
				cpg_array_push(&reprs, (Datum) 0, true);
				continue;
			}
			cpg_deform_composite(const_td, consts.values[i], kv, kn);
			cpg_array_push(&reprs, kv[bc_const__const_repr], kn[bc_const__const_repr]);
		}
		s.values[col] = cpg_array_result(&reprs);
		s.nulls[col++] = false;
		s.values[col] = Int32GetDatum(array_count(cv[bc_code__instructions], cn[bc_code__instructions]));
		s.nulls[col++] = false;
		s.values[col] = Int32GetDatum(array_count(cv[bc_code__exception_table], cn[bc_code__exception_table]));
		s.nulls[col++] = false;
		s.values[col] = Int32GetDatum(array_count(cv[bc_code__blocks], cn[bc_code__blocks]));
		s.nulls[col++] = false;
		s.values[col] = Int32GetDatum(array_count(cv[bc_code__cfg_edges], cn[bc_code__cfg_edges]));
		s.nulls[col++] = false;
		put_span(&s, col, cv[bc_code__span], cn[bc_code__span]);
		cpg_srf_put(&s.srf, s.values, s.nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_bc_instructions);
Datum
cpg_bc_instructions(PG_FUNCTION_ARGS)
{
	BcSrf		s;
	TupleDesc	instr_td = cpg_tupdesc(CPG_T_bc_instr);

	bc_srf_begin(fcinfo, &s);
	for (int c = 0; c < s.codes.count; c++)
	{
		Datum		cv[bc_code__NATTS];
		bool		cn[bc_code__NATTS];
		CpgArrayElems instrs;

		if (s.codes.nulls[c])
			continue;
		cpg_deform_composite(s.code_td, s.codes.values[c], cv, cn);
		cpg_array_elems(cv[bc_code__instructions], cn[bc_code__instructions], &instrs);
		s.values[BC_IDENTITY] = cv[bc_code__code_id];
		s.nulls[BC_IDENTITY] = cn[bc_code__code_id];
		s.values[BC_IDENTITY + 1] = cv[bc_code__qualname];
		s.nulls[BC_IDENTITY + 1] = cn[bc_code__qualname];
		for (int i = 0; i < instrs.count; i++)
		{
			Datum		iv[bc_instr__NATTS];
			bool		in[bc_instr__NATTS];
			int			col = BC_IDENTITY + 2;
			int32		units = 0;

			if ((i & 1023) == 0)
				CHECK_FOR_INTERRUPTS();
			if (instrs.nulls[i])
				continue;
			cpg_deform_composite(instr_td, instrs.values[i], iv, in);
			/*
			 * The instruction's fields in the order of the type, with baseopname,
			 * baseopcode and oparg repeated from opname, opcode and arg: co_code is
			 * unquickened, so they are equal and not stored.
			 */
			for (int a = bc_instr__instr_index; a <= bc_instr__jump_target; a++, col++)
			{
				s.values[col] = iv[a];
				s.nulls[col] = in[a];
				if (a == bc_instr__opname || a == bc_instr__opcode || a == bc_instr__arg)
				{
					col++;
					s.values[col] = iv[a];
					s.nulls[col] = in[a];
				}
			}
			/* The inline CACHE code units lie between the instruction and end_offset. */
			if (!in[bc_instr__instr_offset] && !in[bc_instr__end_offset])
				units = Max(DatumGetInt32(iv[bc_instr__end_offset]) - DatumGetInt32(iv[bc_instr__instr_offset]) - 2, 0) / 2;
			s.values[col] = Int32GetDatum(units);
			s.nulls[col++] = false;
			put_span(&s, col, iv[bc_instr__span], in[bc_instr__span]);
			cpg_srf_put(&s.srf, s.values, s.nulls);
		}
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_bc_errors);
Datum
cpg_bc_errors(PG_FUNCTION_ARGS)
{
	BcSrf		s;
	CpgArrayElems errors;
	TupleDesc	error_td = cpg_tupdesc(CPG_T_extract_error);

	bc_srf_begin(fcinfo, &s);
	cpg_array_elems(s.root.values[bytecode_file__errors], s.root.nulls[bytecode_file__errors], &errors);
	for (int i = 0; i < errors.count; i++)
	{
		Datum		ev[extract_error__NATTS];
		bool		en[extract_error__NATTS];
		int			col = BC_IDENTITY;

		if (errors.nulls[i])
			continue;
		cpg_deform_composite(error_td, errors.values[i], ev, en);
		s.values[col] = Int32GetDatum(i);
		s.nulls[col++] = false;
		s.values[col] = ev[extract_error__error_type];
		s.nulls[col++] = en[extract_error__error_type];
		s.values[col] = ev[extract_error__message];
		s.nulls[col++] = en[extract_error__message];
		col = put_span(&s, col, ev[extract_error__span], en[extract_error__span]);
		s.values[col] = ev[extract_error__attrs];
		s.nulls[col] = en[extract_error__attrs];
		cpg_srf_put(&s.srf, s.values, s.nulls);
	}
	return (Datum) 0;
}
