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

/*
 * The reprs of a code unit's constants by co_consts index. A NULL const (only in a
 * hand-built row) keeps its slot as a NULL repr: LOAD_CONST arguments index this list,
 * so positions must not shift.
 */
static void
read_const_reprs(Datum list, bool isnull, CpgArrayElems *reprs)
{
	TupleDesc	const_td = cpg_tupdesc(CPG_T_bc_const);

	cpg_array_elems(list, isnull, reprs);
	for (int i = 0; i < reprs->count; i++)
	{
		Datum		kv[bc_const__NATTS];
		bool		kn[bc_const__NATTS];

		if (reprs->nulls[i])
			continue;
		cpg_deform_composite(const_td, reprs->values[i], kv, kn);
		reprs->values[i] = kv[bc_const__const_repr];
		reprs->nulls[i] = kn[bc_const__const_repr];
	}
}

PG_FUNCTION_INFO_V1(cpg_bc_code_units);
Datum
cpg_bc_code_units(PG_FUNCTION_ARGS)
{
	BcSrf		s;

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
		read_const_reprs(cv[bc_code__consts], cn[bc_code__consts], &consts);
		cpg_array_init_oid(&reprs, TEXTOID);
		for (int i = 0; i < consts.count; i++)
			cpg_array_push(&reprs, consts.values[i], consts.nulls[i]);
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

/* A code unit's stored instructions, deformed, with what follows from their order. */
typedef struct BcUnitInstrs
{
	int32		count;
	bool	   *missing;		/* a NULL element (only in a hand-built row) */
	Datum	  (*values)[bc_instr__NATTS];
	bool	  (*nulls)[bc_instr__NATTS];
	int32	   *offset;			/* -1: unknown */
	int32	   *jump_target;	/* -1: none */
	int32	   *label;			/* 0: no jump targets this instruction */
} BcUnitInstrs;

static const BcOpInfo *
instr_op(const BcOpTables *t, const BcUnitInstrs *u, int32 i)
{
	int32		opcode;

	if (u->missing[i] || u->nulls[i][bc_instr__opcode])
		return NULL;
	opcode = DatumGetInt32(u->values[i][bc_instr__opcode]);
	return opcode >= 0 && opcode <= 255 ? &t->ops[opcode] : NULL;
}

/*
 * The instructions of a code unit with their offsets, jump targets and labels derived
 * as bytecode_decode.c computes them: the list holds every instruction of co_code in
 * order, the first at offset 0, each followed by its inline caches (a count per opcode);
 * a relative jump's target counts from past the instruction, and labels number the jump
 * targets in offset order (dis.findlabels). After an instruction whose size is unknown
 * (a NULL element or opcode, only in a hand-built row) offsets are unknown.
 */
static void
read_unit_instrs(const BcOpTables *t, Datum list, bool isnull, BcUnitInstrs *u)
{
	TupleDesc	instr_td = cpg_tupdesc(CPG_T_bc_instr);
	CpgArrayElems elems;
	int64		next = 0;
	int32		label = 0;

	cpg_array_elems(list, isnull, &elems);
	u->count = elems.count;
	u->missing = palloc(Max(elems.count, 1) * sizeof(bool));
	u->values = palloc(Max(elems.count, 1) * sizeof(*u->values));
	u->nulls = palloc(Max(elems.count, 1) * sizeof(*u->nulls));
	u->offset = palloc(Max(elems.count, 1) * sizeof(int32));
	u->jump_target = palloc(Max(elems.count, 1) * sizeof(int32));
	u->label = palloc0(Max(elems.count, 1) * sizeof(int32));
	for (int32 i = 0; i < elems.count; i++)
	{
		const BcOpInfo *op;

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		u->missing[i] = elems.nulls[i];
		if (!u->missing[i])
			cpg_deform_composite(instr_td, elems.values[i], u->values[i], u->nulls[i]);
		op = instr_op(t, u, i);
		u->offset[i] = u->missing[i] || next > PG_INT32_MAX ? -1 : (int32) next;
		u->jump_target[i] = -1;
		next = op && next >= 0 ? next + 2 * (1 + op->caches) : -1;
		if (op && u->offset[i] >= 0 && op->deop >= t->have_argument && !u->nulls[i][bc_instr__arg])
			u->jump_target[i] = bc_jump_target(op, u->offset[i], DatumGetInt32(u->values[i][bc_instr__arg]));
	}
	/* Offsets ascend where known, so a target's instruction is found by bisection. */
	for (int32 i = 0; i < u->count; i++)
	{
		int32		lo = 0;
		int32		hi = u->count - 1;

		if (u->jump_target[i] < 0)
			continue;
		while (lo <= hi)
		{
			int32		mid = lo + (hi - lo) / 2;

			if (u->offset[mid] == u->jump_target[i])
			{
				u->label[mid] = -1;
				break;
			}
			if (u->offset[mid] >= 0 && u->offset[mid] < u->jump_target[i])
				lo = mid + 1;
			else
				hi = mid - 1;
		}
	}
	for (int32 i = 0; i < u->count; i++)
		if (u->label[i] < 0)
			u->label[i] = ++label;
}

static void
free_unit_instrs(BcUnitInstrs *u)
{
	pfree(u->missing);
	pfree(u->values);
	pfree(u->nulls);
	pfree(u->offset);
	pfree(u->jump_target);
	pfree(u->label);
}

/*
 * One row per instruction. The stored element keeps what is not derivable; the rest
 * is derived here as the extractor once stored it (bytecode_decode.c): instr_index
 * is the list position, instr_offset, jump_target, label and is_jump_target follow
 * from the opcodes and arguments in list order (read_unit_instrs), opname comes from
 * the opcode tables, start_offset steps back over the EXTENDED_ARG instructions right
 * before, end_offset is the next instruction's offset (code_len after the last),
 * starts_line comes from the line table and the span's lines from line_number.
 * baseopname, baseopcode and oparg repeat opname, opcode and arg: co_code is
 * unquickened.
 */
PG_FUNCTION_INFO_V1(cpg_bc_instructions);
Datum
cpg_bc_instructions(PG_FUNCTION_ARGS)
{
	BcSrf		s;
	const BcOpTables *t = bc_op_tables();

	bc_srf_begin(fcinfo, &s);
	for (int c = 0; c < s.codes.count; c++)
	{
		Datum		cv[bc_code__NATTS];
		bool		cn[bc_code__NATTS];
		BcUnitInstrs u;
		CpgArrayElems consts;
		BcStoredLine *lines;
		int32		nlines;
		bool		after_extended_arg = false;
		int32		chain_start = -1;

		if (s.codes.nulls[c])
			continue;
		cpg_deform_composite(s.code_td, s.codes.values[c], cv, cn);
		read_unit_instrs(t, cv[bc_code__instructions], cn[bc_code__instructions], &u);
		read_const_reprs(cv[bc_code__consts], cn[bc_code__consts], &consts);
		nlines = read_line_starts(cv[bc_code__line_table], cn[bc_code__line_table], &lines);
		s.values[BC_IDENTITY] = cv[bc_code__code_id];
		s.nulls[BC_IDENTITY] = cn[bc_code__code_id];
		s.values[BC_IDENTITY + 1] = cv[bc_code__qualname];
		s.nulls[BC_IDENTITY + 1] = cn[bc_code__qualname];
		for (int32 i = 0; i < u.count; i++)
		{
			const Datum *v = u.values[i];
			const bool *n = u.nulls[i];
			int			col = BC_IDENTITY + 2;
			const BcOpInfo *op = instr_op(t, &u, i);
			int32		offset = u.offset[i];
			int32		start_offset;
			Datum		end_offset = (Datum) 0;
			bool		end_offset_null = true;
			Datum		starts_line = (Datum) 0;
			bool		starts_line_null;
			Datum		argrepr;
			bool		argrepr_null;
			int32		units = 0;

			if ((i & 1023) == 0)
				CHECK_FOR_INTERRUPTS();
			if (u.missing[i])
			{
				after_extended_arg = false;
				continue;
			}
			start_offset = after_extended_arg ? chain_start : offset;
			if (i + 1 < u.count)
			{
				end_offset = Int32GetDatum(u.offset[i + 1]);
				end_offset_null = u.offset[i + 1] < 0;
			}
			else
			{
				end_offset = cv[bc_code__code_len];
				end_offset_null = cn[bc_code__code_len];
			}
			starts_line_null = offset < 0 || !line_start_at(lines, nlines, offset, &starts_line);

			put_col(&s, &col, Int32GetDatum(i), false);
			put_col(&s, &col, Int32GetDatum(offset), offset < 0);
			put_col(&s, &col, Int32GetDatum(start_offset), start_offset < 0);
			put_col(&s, &col, end_offset, end_offset_null);
			put_col(&s, &col, op ? op->name_text : (Datum) 0, op == NULL);
			put_col(&s, &col, op ? op->name_text : (Datum) 0, op == NULL);
			put_col(&s, &col, v[bc_instr__opcode], n[bc_instr__opcode]);
			put_col(&s, &col, v[bc_instr__opcode], n[bc_instr__opcode]);
			put_col(&s, &col, v[bc_instr__arg], n[bc_instr__arg]);
			put_col(&s, &col, v[bc_instr__arg], n[bc_instr__arg]);
			for (int a = bc_instr__argval_kind; a <= bc_instr__argval_str; a++)
				put_col(&s, &col, v[a], n[a]);
			argrepr = bc_argrepr(t, v, n, consts.values, consts.nulls, consts.count, &argrepr_null);
			put_col(&s, &col, argrepr, argrepr_null);
			put_col(&s, &col, v[bc_instr__line_number], n[bc_instr__line_number]);
			put_col(&s, &col, starts_line, starts_line_null);
			put_col(&s, &col, Int32GetDatum(u.label[i]), u.label[i] == 0);
			put_col(&s, &col, BoolGetDatum(u.label[i] != 0), false);
			put_col(&s, &col, Int32GetDatum(u.jump_target[i]), u.jump_target[i] < 0);
			/* The inline CACHE code units lie between the instruction and end_offset. */
			if (offset >= 0 && !end_offset_null)
				units = Max(DatumGetInt32(end_offset) - offset - 2, 0) / 2;
			put_col(&s, &col, Int32GetDatum(units), false);
			put_instr_span(&s, col, v, n);
			cpg_srf_put(&s.srf, s.values, s.nulls);

			/* EXTENDED_ARG prefixes chain: the instruction they extend starts at the first. */
			after_extended_arg = op != NULL && op->deop == t->op_extended_arg;
			chain_start = start_offset;
		}
		free_unit_instrs(&u);
		pfree(lines);
	}
	return (Datum) 0;
}

/*
 * What bc_instructions derives of a code unit's stored instructions and the views
 * show, instr_offset and argrepr, one row per element in list order (a NULL element
 * too), so that ROWS FROM can zip it with unnest(instructions).
 */
PG_FUNCTION_INFO_V1(cpg_bc_instr_derived);
Datum
cpg_bc_instr_derived(PG_FUNCTION_ARGS)
{
	const BcOpTables *t = bc_op_tables();
	CpgSrf		srf;
	BcUnitInstrs u;
	CpgArrayElems consts;

	cpg_srf_begin(fcinfo, &srf);
	read_unit_instrs(t, PG_GETARG_DATUM(0), PG_ARGISNULL(0), &u);
	read_const_reprs(PG_GETARG_DATUM(1), PG_ARGISNULL(1), &consts);
	for (int32 i = 0; i < u.count; i++)
	{
		Datum		values[2] = {Int32GetDatum(u.offset[i]), (Datum) 0};
		bool		nulls[2] = {u.offset[i] < 0, true};

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (!u.missing[i])
			values[1] = bc_argrepr(t, u.values[i], u.nulls[i], consts.values, consts.nulls,
								   consts.count, &nulls[1]);
		cpg_srf_put(&srf, values, nulls);
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
