/*
 * bytecode_srf.c: the set-returning functions that unnest a bytecode_files_v1 row:
 * bc_code_units, bc_instructions, bc_exception_table, bc_blocks, bc_cfg_edges,
 * bc_line_table and bc_errors. Each row leads with repo, path, file_id, file_sha256,
 * then (per code unit) code_id and qualname, then the element's fields, flat; and
 * bc_opname, the opcode's name that the views show for an instruction.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/arrays.h"
#include "common/rowtype.h"
#include "common/span.h"
#include "common/srf.h"
#include "miscadmin.h"
#include "python/bytecode.h"
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

/* A line start of a code unit's line_table, with its list position to order repeats. */
typedef struct BcStoredLine
{
	int32		offset;
	int32		ordinal;
	Datum		line1;
	bool		line1_null;
} BcStoredLine;

static int
stored_line_cmp(const void *a, const void *b)
{
	const BcStoredLine *x = a;
	const BcStoredLine *y = b;

	if (x->offset != y->offset)
		return x->offset < y->offset ? -1 : 1;
	return x->ordinal < y->ordinal ? -1 : x->ordinal > y->ordinal;
}

/* The line starts by offset (a hand-built list may be in any order). */
static int32
read_line_starts(Datum list, bool isnull, BcStoredLine **out)
{
	CpgArrayElems elems;
	TupleDesc	line_td = cpg_tupdesc(CPG_T_bc_line);
	BcStoredLine *rows;
	int32		n = 0;

	cpg_array_elems(list, isnull, &elems);
	rows = palloc(Max(elems.count, 1) * sizeof(BcStoredLine));
	for (int i = 0; i < elems.count; i++)
	{
		Datum		lv[bc_line__NATTS];
		bool		ln[bc_line__NATTS];

		if (elems.nulls[i])
			continue;
		cpg_deform_composite(line_td, elems.values[i], lv, ln);
		if (ln[bc_line__instr_offset])
			continue;
		rows[n++] = (BcStoredLine) {DatumGetInt32(lv[bc_line__instr_offset]), i,
			lv[bc_line__line1], ln[bc_line__line1]};
	}
	qsort(rows, n, sizeof(BcStoredLine), stored_line_cmp);
	*out = rows;
	return n;
}

/*
 * dis's starts_line: the line of the line start at this offset; of repeated offsets the
 * last in list order, as dict(dis.findlinestarts(code)) keeps it.
 */
static bool
line_start_at(const BcStoredLine *rows, int32 n, int32 offset, Datum *line1)
{
	int32		lo = 0;
	int32		hi = n;

	while (lo < hi)
	{
		int32		mid = lo + (hi - lo) / 2;

		if (rows[mid].offset <= offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0 || rows[lo - 1].offset != offset || rows[lo - 1].line1_null)
		return false;
	*line1 = rows[lo - 1].line1;
	return true;
}

static inline void
put_col(BcSrf *s, int *col, Datum value, bool isnull)
{
	s->values[*col] = value;
	s->nulls[(*col)++] = isnull;
}

/*
 * The span of an instruction as the extractor once stored it (bytecode_extract.c keeps
 * it flat): line0 is line_number - 1 (no line for lines 0 and None), end_line0 is
 * end_line_delta - 1 past line_number (or past 0 without one). A component that would
 * be negative, or past int32 in a hand-built row, is NULL, as stored spans had it.
 */
static void
put_instr_span(BcSrf *s, int col, const Datum *v, const bool *n)
{
	int64		line1 = n[bc_instr__line_number] ? 0 : DatumGetInt32(v[bc_instr__line_number]);
	int64		end_line0 = n[bc_instr__end_line_delta] ? -1 :
		line1 + DatumGetInt32(v[bc_instr__end_line_delta]) - 1;

	put_col(s, &col, v[bc_instr__bstart], n[bc_instr__bstart] || DatumGetInt32(v[bc_instr__bstart]) < 0);
	put_col(s, &col, v[bc_instr__bend], n[bc_instr__bend] || DatumGetInt32(v[bc_instr__bend]) < 0);
	put_col(s, &col, Int32GetDatum((int32) (line1 - 1)), line1 < 1);
	put_col(s, &col, v[bc_instr__col], n[bc_instr__col] || DatumGetInt32(v[bc_instr__col]) < 0);
	put_col(s, &col, Int32GetDatum((int32) end_line0), end_line0 < 0 || end_line0 > PG_INT32_MAX);
	put_col(s, &col, v[bc_instr__end_col], n[bc_instr__end_col] || DatumGetInt32(v[bc_instr__end_col]) < 0);
}

/*
 * One row per instruction. The stored element keeps what is not derivable; the rest
 * is derived here as the extractor once stored it (bytecode_decode.c): instr_index
 * is the list position, opname comes from the opcode tables, start_offset steps back
 * over the EXTENDED_ARG instructions right before, end_offset is the next
 * instruction's offset (code_len after the last), starts_line comes from the line
 * table. baseopname, baseopcode and oparg repeat opname, opcode and arg: co_code is
 * unquickened.
 */
PG_FUNCTION_INFO_V1(cpg_bc_instructions);
Datum
cpg_bc_instructions(PG_FUNCTION_ARGS)
{
	BcSrf		s;
	TupleDesc	instr_td = cpg_tupdesc(CPG_T_bc_instr);
	const BcOpTables *t = bc_op_tables();

	bc_srf_begin(fcinfo, &s);
	for (int c = 0; c < s.codes.count; c++)
	{
		Datum		cv[bc_code__NATTS];
		bool		cn[bc_code__NATTS];
		Datum		iv[2][bc_instr__NATTS];
		bool		in[2][bc_instr__NATTS];
		CpgArrayElems instrs;
		BcStoredLine *lines;
		int32		nlines;
		int			cur = 0;
		bool		read_ahead = false;
		bool		after_missing = false;
		bool		after_extended_arg = false;
		Datum		chain_start = (Datum) 0;
		bool		chain_start_null = true;

		if (s.codes.nulls[c])
			continue;
		cpg_deform_composite(s.code_td, s.codes.values[c], cv, cn);
		cpg_array_elems(cv[bc_code__instructions], cn[bc_code__instructions], &instrs);
		nlines = read_line_starts(cv[bc_code__line_table], cn[bc_code__line_table], &lines);
		s.values[BC_IDENTITY] = cv[bc_code__code_id];
		s.nulls[BC_IDENTITY] = cn[bc_code__code_id];
		s.values[BC_IDENTITY + 1] = cv[bc_code__qualname];
		s.nulls[BC_IDENTITY + 1] = cn[bc_code__qualname];
		for (int i = 0; i < instrs.count; i++)
		{
			const Datum *v = iv[cur];
			const bool *n = in[cur];
			int			col = BC_IDENTITY + 2;
			int32		opcode;
			const BcOpInfo *op;
			Datum		start_offset;
			bool		start_offset_null;
			Datum		end_offset = (Datum) 0;
			bool		end_offset_null = true;
			Datum		starts_line = (Datum) 0;
			bool		starts_line_null;
			int32		units = 0;

			if ((i & 1023) == 0)
				CHECK_FOR_INTERRUPTS();
			/* A NULL element (only in a hand-built row) leaves its neighbours' offsets unknown. */
			if (instrs.nulls[i])
			{
				after_missing = true;
				continue;
			}
			if (!read_ahead)
				cpg_deform_composite(instr_td, instrs.values[i], iv[cur], in[cur]);
			opcode = n[bc_instr__opcode] ? -1 : DatumGetInt32(v[bc_instr__opcode]);
			op = opcode >= 0 && opcode <= 255 ? &t->ops[opcode] : NULL;
			start_offset = after_extended_arg ? chain_start : v[bc_instr__instr_offset];
			start_offset_null = after_missing || (after_extended_arg ? chain_start_null : n[bc_instr__instr_offset]);
			/* The next instruction is read ahead: its offset is this one's end. */
			read_ahead = i + 1 < instrs.count && !instrs.nulls[i + 1];
			if (read_ahead)
			{
				cpg_deform_composite(instr_td, instrs.values[i + 1], iv[1 - cur], in[1 - cur]);
				end_offset = iv[1 - cur][bc_instr__instr_offset];
				end_offset_null = in[1 - cur][bc_instr__instr_offset];
			}
			else if (i + 1 == instrs.count)
			{
				end_offset = cv[bc_code__code_len];
				end_offset_null = cn[bc_code__code_len];
			}
			starts_line_null = n[bc_instr__instr_offset] ||
				!line_start_at(lines, nlines, DatumGetInt32(v[bc_instr__instr_offset]), &starts_line);

			put_col(&s, &col, Int32GetDatum(i), false);
			put_col(&s, &col, v[bc_instr__instr_offset], n[bc_instr__instr_offset]);
			put_col(&s, &col, start_offset, start_offset_null);
			put_col(&s, &col, end_offset, end_offset_null);
			put_col(&s, &col, op ? op->name_text : (Datum) 0, op == NULL);
			put_col(&s, &col, op ? op->name_text : (Datum) 0, op == NULL);
			put_col(&s, &col, v[bc_instr__opcode], n[bc_instr__opcode]);
			put_col(&s, &col, v[bc_instr__opcode], n[bc_instr__opcode]);
			put_col(&s, &col, v[bc_instr__arg], n[bc_instr__arg]);
			put_col(&s, &col, v[bc_instr__arg], n[bc_instr__arg]);
			/* argval_kind .. line_number, then label .. jump_target, in the type's order */
			for (int a = bc_instr__argval_kind; a <= bc_instr__line_number; a++)
				put_col(&s, &col, v[a], n[a]);
			put_col(&s, &col, starts_line, starts_line_null);
			for (int a = bc_instr__label; a <= bc_instr__jump_target; a++)
				put_col(&s, &col, v[a], n[a]);
			/* The inline CACHE code units lie between the instruction and end_offset. */
			if (!n[bc_instr__instr_offset] && !end_offset_null)
				units = Max(DatumGetInt32(end_offset) - DatumGetInt32(v[bc_instr__instr_offset]) - 2, 0) / 2;
			put_col(&s, &col, Int32GetDatum(units), false);
			put_instr_span(&s, col, v, n);
			cpg_srf_put(&s.srf, s.values, s.nulls);

			/* EXTENDED_ARG prefixes chain: the instruction they extend starts at the first. */
			after_missing = false;
			after_extended_arg = op != NULL && op->deop == t->op_extended_arg;
			chain_start = start_offset;
			chain_start_null = start_offset_null;
			if (read_ahead)
				cur = 1 - cur;
		}
		pfree(lines);
	}
	return (Datum) 0;
}

/*
 * The opname from the tables the extractor uses (dis._all_opname of the embedded
 * interpreter: specialised instructions named, "<n>" for a byte that names no
 * operation); NULL for a number that is no byte, since no instruction can have it.
 * NULL rather than an error: the views call this on stored rows, which a hand-built
 * row may fill with any integer, and one such row must not break every query.
 */
PG_FUNCTION_INFO_V1(cpg_bc_opname);
Datum
cpg_bc_opname(PG_FUNCTION_ARGS)
{
	int32		opcode = PG_GETARG_INT32(0);

	if (opcode < 0 || opcode > 255)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(bc_op_tables()->ops[opcode].name));
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
