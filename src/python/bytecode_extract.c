/*
 * bytecode_extract.c: codecpg.bytecode_extract(repo, path, source [, file_sha256]) ->
 * codecpg.bytecode_files_v1, the CPython 3.11 code objects of one file.
 *
 * The source is compiled, never executed. Code objects are walked iteratively in
 * preorder (dis._disassemble_recursive order); each is decoded in C (bytecode_decode.c),
 * its arguments resolved as dis does (bytecode_args.c), and turned into one
 * codecpg.bc_code value. Python references: the module code object
 * is owned by the per-file memory context (released when it goes away, on error too);
 * nested code objects are borrowed from their parents' co_consts; every other
 * reference is released before the next PostgreSQL call that could throw.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/arrays.h"
#include "common/ids.h"
#include "common/rowtype.h"
#include "common/span.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "python/bytecode.h"
#include "python/bytecode_args.h"
#include "python/pycompile.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

/* co_localspluskinds bits (Include/internal/pycore_code.h, 3.11). */
#define BC_FAST_LOCAL 0x20
#define BC_FAST_CELL 0x40
#define BC_FAST_FREE 0x80

/* dis.COMPILER_FLAG_NAMES still names 64 NOFREE; 3.11's headers no longer define it. */
#define BC_CO_NOFREE 0x0040

typedef struct BcExtract
{
	const BcOpTables *t;
	CpgLineIndex lines;
	int32		bom;			/* bytes of a UTF-8 BOM the compiler skipped */
	TupleDesc	span_td;
	CpgArray	codes;
	CpgArray	errors;
	MemoryContext file_cxt;
	MemoryContext code_cxt;
	BcArgTexts	texts;
	int64		ninstrs;
	int32		truncated;
} BcExtract;

/* CPython's positions as a span; first-line columns count the BOM the compiler skipped. */
void
bc_position_span(const CpgLineIndex *lines, int32 bom, const BcPosition *p, CpgSpan *s)
{
	int32		col = p->col >= 0 ? p->col + (p->lineno == 1 ? bom : 0) : -1;
	int32		end_col = p->end_col >= 0 ? p->end_col + (p->end_lineno == 1 ? bom : 0) : -1;

	s->line0 = p->lineno >= 1 ? p->lineno - 1 : -1;
	s->end_line0 = p->end_lineno >= 1 ? p->end_lineno - 1 : -1;
	s->col = col;
	s->end_col = end_col;
	s->bstart = s->line0 >= 0 && col >= 0 ? cpg_lines_offset(lines, s->line0, col) : -1;
	s->bend = s->end_line0 >= 0 && end_col >= 0 ? cpg_lines_offset(lines, s->end_line0, end_col) : -1;
}

/* An instruction's span as bc_instr stores it; a negative component is NULL. */
static void
put_lean_span(const CpgSpan *span, int32 lineno, Datum *values, bool *nulls)
{
	values[bc_instr__bstart] = Int32GetDatum(span->bstart);
	nulls[bc_instr__bstart] = span->bstart < 0;
	values[bc_instr__bend] = Int32GetDatum(span->bend);
	nulls[bc_instr__bend] = span->bend < 0;
	values[bc_instr__col] = Int32GetDatum(span->col);
	nulls[bc_instr__col] = span->col < 0;
	values[bc_instr__end_line_delta] = Int32GetDatum(span->end_line0 + 1 - Max(lineno, 0));
	nulls[bc_instr__end_line_delta] = span->end_line0 < 0;
	values[bc_instr__end_col] = Int32GetDatum(span->end_col);
	nulls[bc_instr__end_col] = span->end_col < 0;
}

static Datum
instructions_datum(BcExtract *x, const BcNames *n, const BcDecoded *d, CpgSpan *unit_span)
{
	CpgArray	arr;
	BcPosition	last_pos = {-2, -2, -2, -2};
	CpgSpan		span = CPG_SPAN_UNKNOWN;
	int32		min_b = -1;
	int32		max_b = -1;

	cpg_array_init(&arr, CPG_T_bc_instr);
	for (int32 i = 0; i < d->ninstrs; i++)
	{
		const BcInstr *ins = &d->instrs[i];
		Datum		values[bc_instr__NATTS];
		bool		nulls[bc_instr__NATTS] = {0};

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		values[bc_instr__opcode] = Int32GetDatum(ins->op);
		values[bc_instr__arg] = Int32GetDatum(ins->arg);
		nulls[bc_instr__arg] = !ins->has_arg;
		bc_set_argval(x->t, &x->texts, n, ins, values, nulls);
		values[bc_instr__line_number] = Int32GetDatum(ins->pos.lineno);
		nulls[bc_instr__line_number] = ins->pos.lineno < 0;
		/*
		 * The span is stored flat and without its lines: line0 follows from line_number,
		 * end_line0 from end_line_delta (small, so it compresses), and bc_instructions
		 * puts the span back together.
		 */
		if (memcmp(&ins->pos, &last_pos, sizeof(BcPosition)) != 0)
		{
			last_pos = ins->pos;
			bc_position_span(&x->lines, x->bom, &ins->pos, &span);
			if (span.bstart >= 0 && span.bend >= span.bstart)
			{
				min_b = min_b < 0 ? span.bstart : Min(min_b, span.bstart);
				max_b = Max(max_b, span.bend);
			}
		}
		put_lean_span(&span, ins->pos.lineno, values, nulls);
		nulls[bc_instr__attrs] = true;
		cpg_array_push_composite(&arr, values, nulls);
	}
	*unit_span = (CpgSpan) CPG_SPAN_UNKNOWN;
	if (min_b >= 0)
	{
		unit_span->bstart = min_b;
		unit_span->bend = max_b;
		cpg_lines_locate(&x->lines, min_b, &unit_span->line0, &unit_span->col);
		cpg_lines_locate(&x->lines, max_b, &unit_span->end_line0, &unit_span->end_col);
	}
	x->ninstrs += d->ninstrs;
	return cpg_array_result(&arr);
}

static Datum
exception_table_datum(const BcDecoded *d)
{
	CpgArray	arr;

	cpg_array_init(&arr, CPG_T_bc_exc_entry);
	for (int32 e = 0; e < d->nexc; e++)
	{
		Datum		values[bc_exc_entry__NATTS];
		bool		nulls[bc_exc_entry__NATTS] = {0};

		values[bc_exc_entry__exc_index] = Int32GetDatum(e);
		values[bc_exc_entry__start_offset] = Int32GetDatum(d->exc[e].start);
		values[bc_exc_entry__end_offset] = Int32GetDatum(d->exc[e].end);
		values[bc_exc_entry__target_offset] = Int32GetDatum(d->exc[e].target);
		values[bc_exc_entry__depth] = Int32GetDatum(d->exc[e].depth);
		values[bc_exc_entry__lasti] = BoolGetDatum(d->exc[e].lasti);
		cpg_array_push_composite(&arr, values, nulls);
	}
	return cpg_array_result(&arr);
}

static Datum
blocks_datum(const BcDecoded *d)
{
	CpgArray	arr;

	cpg_array_init(&arr, CPG_T_bc_block);
	for (int32 b = 0; b < d->nblocks; b++)
	{
		Datum		values[bc_block__NATTS];
		bool		nulls[bc_block__NATTS] = {0};

		values[bc_block__start_offset] = Int32GetDatum(d->blocks[b].start);
		values[bc_block__end_offset] = Int32GetDatum(d->blocks[b].end);
		values[bc_block__kind] = CStringGetTextDatum(bc_block_kind_name(d->blocks[b].kind));
		cpg_array_push_composite(&arr, values, nulls);
	}
	return cpg_array_result(&arr);
}

static Datum
cfg_edges_datum(const BcDecoded *d)
{
	CpgArray	arr;

	cpg_array_init(&arr, CPG_T_bc_cfg_edge);
	for (int32 i = 0; i < d->nedges; i++)
	{
		const BcEdge *e = &d->edges[i];
		const BcBlock *src = &d->blocks[e->src];
		const BcBlock *dst = &d->blocks[e->dst];
		Datum		values[bc_cfg_edge__NATTS];
		bool		nulls[bc_cfg_edge__NATTS] = {0};
		const char *kind = bc_edge_kind_name(e->kind);

		values[bc_cfg_edge__src_block_start] = Int32GetDatum(src->start);
		values[bc_cfg_edge__src_block_end] = Int32GetDatum(src->end);
		values[bc_cfg_edge__dst_block_start] = Int32GetDatum(dst->start);
		values[bc_cfg_edge__dst_block_end] = Int32GetDatum(dst->end);
		values[bc_cfg_edge__kind] = CStringGetTextDatum(kind);
		values[bc_cfg_edge__edge_key] = CStringGetTextDatum(e->kind == BC_EDGE_EXC ?
															psprintf("%s:%d:%d:%d", kind, src->start, dst->start, e->exc_index) :
															psprintf("%s:%d:%d", kind, src->start, dst->start));
		values[bc_cfg_edge__cond_instr_index] = Int32GetDatum(e->cond_instr);
		nulls[bc_cfg_edge__cond_instr_index] = e->cond_instr < 0;
		values[bc_cfg_edge__cond_instr_offset] = Int32GetDatum(e->cond_instr >= 0 ? d->instrs[e->cond_instr].offset : 0);
		nulls[bc_cfg_edge__cond_instr_offset] = e->cond_instr < 0;
		values[bc_cfg_edge__exc_index] = Int32GetDatum(e->exc_index);
		nulls[bc_cfg_edge__exc_index] = e->exc_index < 0;
		cpg_array_push_composite(&arr, values, nulls);
	}
	return cpg_array_result(&arr);
}

static Datum
line_table_datum(const BcDecoded *d)
{
	CpgArray	arr;

	cpg_array_init(&arr, CPG_T_bc_line);
	for (int32 i = 0; i < d->nlines; i++)
	{
		Datum		values[bc_line__NATTS];
		bool		nulls[bc_line__NATTS] = {0};

		values[bc_line__instr_offset] = Int32GetDatum(d->lines[i].offset);
		values[bc_line__line1] = Int32GetDatum(d->lines[i].line);
		/* Line 0 is CPython's line for the module's RESUME: it has no 0-based line. */
		values[bc_line__line0] = Int32GetDatum(d->lines[i].line - 1);
		nulls[bc_line__line0] = d->lines[i].line < 1;
		cpg_array_push_composite(&arr, values, nulls);
	}
	return cpg_array_result(&arr);
}

static Datum
text_array(Datum *items, int32 n)
{
	CpgArray	arr;

	cpg_array_init_oid(&arr, TEXTOID);
	for (int32 i = 0; i < n; i++)
		cpg_array_push(&arr, items[i], items[i] == (Datum) 0);
	return cpg_array_result(&arr);
}

static Datum
names_by_kind(const BcNames *n, PyCodeObject *co, uint8 kind)
{
	CpgArray	arr;
	const char *kinds = PyBytes_AS_STRING(co->co_localspluskinds);

	cpg_array_init_oid(&arr, TEXTOID);
	for (int32 i = 0; i < n->nlocalsplus; i++)
		if (((uint8) kinds[i]) & kind)
			cpg_array_push(&arr, n->localsplus[i], n->localsplus[i] == (Datum) 0);
	return cpg_array_result(&arr);
}

/* co_code (unquickened, as dis reads it) copied out; the reference never outlives this. */
uint8 *
bc_code_bytes(PyCodeObject *co, int32 *len)
{
	PyObject   *bytes = PyCode_GetCode(co);
	uint8	   *copy = NULL;

	if (bytes != NULL && PyBytes_GET_SIZE(bytes) < (Py_ssize_t) (MaxAllocSize / 4))
	{
		*len = (int32) PyBytes_GET_SIZE(bytes);
		copy = palloc_extended(Max(*len, 1), MCXT_ALLOC_NO_OOM);
		if (copy)
			memcpy(copy, PyBytes_AS_STRING(bytes), *len);
	}
	Py_XDECREF(bytes);
	if (copy == NULL)
	{
		PyErr_Clear();
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("could not read the bytecode of a code object"),
				 errdetail("The code is too large or memory is exhausted.")));
	}
	return copy;
}

static void
extract_code(BcExtract *x, BcNode *nodes, int32 id)
{
	PyCodeObject *co = nodes[id].code;
	BcNames		n;
	BcDecoded	d;
	uint8	   *code;
	int32		code_len;
	Datum		values[bc_code__NATTS];
	bool		nulls[bc_code__NATTS] = {0};
	CpgSpan		unit_span;
	MemoryContext old = MemoryContextSwitchTo(x->code_cxt);
	int32		child = nodes[id].first_child;
	static const int co_flag_bits[][2] = {
		{bc_code__is_optimized, CO_OPTIMIZED}, {bc_code__is_newlocals, CO_NEWLOCALS},
		{bc_code__has_varargs, CO_VARARGS}, {bc_code__has_varkeywords, CO_VARKEYWORDS},
		{bc_code__is_nested, CO_NESTED}, {bc_code__is_generator, CO_GENERATOR},
		{bc_code__is_nofree, BC_CO_NOFREE}, {bc_code__is_coroutine, CO_COROUTINE},
		{bc_code__is_iterable_coroutine, CO_ITERABLE_COROUTINE},
		{bc_code__is_async_generator, CO_ASYNC_GENERATOR},
	};

	n.nnames = (int32) PyTuple_GET_SIZE(co->co_names);
	n.names = palloc(Max(n.nnames, 1) * sizeof(Datum));
	for (int32 i = 0; i < n.nnames; i++)
		n.names[i] = bc_borrowed_text(PyTuple_GET_ITEM(co->co_names, i));
	n.nlocalsplus = (int32) PyTuple_GET_SIZE(co->co_localsplusnames);
	n.localsplus = palloc(Max(n.nlocalsplus, 1) * sizeof(Datum));
	for (int32 i = 0; i < n.nlocalsplus; i++)
		n.localsplus[i] = bc_borrowed_text(PyTuple_GET_ITEM(co->co_localsplusnames, i));
	n.nconsts = (int32) PyTuple_GET_SIZE(co->co_consts);
	n.consts = palloc(Max(n.nconsts, 1) * sizeof(BcConstInfo));
	for (int32 i = 0; i < n.nconsts; i++)
	{
		PyObject   *value = PyTuple_GET_ITEM(co->co_consts, i);
		int32		code_id = -1;

		if (PyCode_Check(value))
		{
			code_id = child;
			child = nodes[child].next_sibling;
		}
		if (bc_const_info(value, code_id, &n.consts[i]))
			x->truncated++;
	}

	code = bc_code_bytes(co, &code_len);
	bc_decode(&d, code, code_len,
			  (const uint8 *) PyBytes_AS_STRING(co->co_linetable), (int32) PyBytes_GET_SIZE(co->co_linetable),
			  co->co_firstlineno,
			  (const uint8 *) PyBytes_AS_STRING(co->co_exceptiontable), (int32) PyBytes_GET_SIZE(co->co_exceptiontable));

	values[bc_code__code_id] = Int32GetDatum(id);
	values[bc_code__parent_code_id] = Int32GetDatum(nodes[id].parent);
	nulls[bc_code__parent_code_id] = nodes[id].parent < 0;
	values[bc_code__qualname] = bc_borrowed_text(co->co_qualname);
	nulls[bc_code__qualname] = values[bc_code__qualname] == (Datum) 0;
	values[bc_code__name] = bc_borrowed_text(co->co_name);
	nulls[bc_code__name] = values[bc_code__name] == (Datum) 0;
	values[bc_code__firstlineno1] = Int32GetDatum(co->co_firstlineno);
	values[bc_code__argcount] = Int32GetDatum(co->co_argcount);
	values[bc_code__posonlyargcount] = Int32GetDatum(co->co_posonlyargcount);
	values[bc_code__kwonlyargcount] = Int32GetDatum(co->co_kwonlyargcount);
	values[bc_code__nlocals] = Int32GetDatum(co->co_nlocals);
	values[bc_code__flags] = Int32GetDatum(co->co_flags);
	values[bc_code__stacksize] = Int32GetDatum(co->co_stacksize);
	values[bc_code__code_len] = Int32GetDatum(code_len);
	for (int i = 0; i < (int) lengthof(co_flag_bits); i++)
		values[co_flag_bits[i][0]] = BoolGetDatum((co->co_flags & co_flag_bits[i][1]) != 0);
	values[bc_code__varnames] = names_by_kind(&n, co, BC_FAST_LOCAL);
	values[bc_code__cellvars] = names_by_kind(&n, co, BC_FAST_CELL);
	values[bc_code__freevars] = names_by_kind(&n, co, BC_FAST_FREE);
	values[bc_code__names] = text_array(n.names, n.nnames);
	{
		CpgArray	consts;

		cpg_array_init(&consts, CPG_T_bc_const);
		for (int32 i = 0; i < n.nconsts; i++)
		{
			Datum		cv[bc_const__NATTS];
			bool		cn[bc_const__NATTS] = {0};

			cv[bc_const__const_index] = Int32GetDatum(i);
			cv[bc_const__const_repr] = n.consts[i].repr;
			cpg_array_push_composite(&consts, cv, cn);
		}
		values[bc_code__consts] = cpg_array_result(&consts);
	}
	values[bc_code__instructions] = instructions_datum(x, &n, &d, &unit_span);
	values[bc_code__exception_table] = exception_table_datum(&d);
	values[bc_code__blocks] = blocks_datum(&d);
	values[bc_code__cfg_edges] = cfg_edges_datum(&d);
	values[bc_code__line_table] = line_table_datum(&d);
	nulls[bc_code__span] = unit_span.bstart < 0;
	if (!nulls[bc_code__span])
		values[bc_code__span] = cpg_span_datum(x->span_td, &unit_span);
	nulls[bc_code__attrs] = true;

	MemoryContextSwitchTo(x->file_cxt);
	cpg_array_push_composite(&x->codes, values, nulls);
	MemoryContextSwitchTo(old);
	MemoryContextReset(x->code_cxt);
}

/* Preorder of the code object tree (dis._disassemble_recursive), with parent links. */
BcNode *
bc_code_tree(PyCodeObject *module, int32 *count)
{
	int32		capacity = 16;
	int32		n = 0;
	BcNode	   *nodes = palloc(capacity * sizeof(BcNode));
	int32	   *last_child;
	struct
	{
		PyCodeObject *code;
		int32		parent;
	}		   *stack = palloc(capacity * sizeof(*stack));
	int32		depth = 0;
	int32		stack_capacity = capacity;

	stack[depth].code = module;
	stack[depth++].parent = -1;
	while (depth > 0)
	{
		PyCodeObject *co = stack[--depth].code;
		int32		parent = stack[depth].parent;
		Py_ssize_t	nconsts = PyTuple_GET_SIZE(co->co_consts);

		CHECK_FOR_INTERRUPTS();
		if (n == capacity)
		{
			capacity *= 2;
			nodes = repalloc(nodes, capacity * sizeof(BcNode));
		}
		nodes[n] = (BcNode) {co, parent, -1, -1};
		for (Py_ssize_t i = nconsts - 1; i >= 0; i--)
		{
			PyObject   *c = PyTuple_GET_ITEM(co->co_consts, i);

			if (!PyCode_Check(c))
				continue;
			if (depth == stack_capacity)
			{
				stack_capacity *= 2;
				stack = repalloc(stack, stack_capacity * sizeof(*stack));
			}
			stack[depth].code = (PyCodeObject *) c;
			stack[depth++].parent = n;
		}
		n++;
	}
	/* Children appear in co_consts order after their parent: link them as siblings. */
	last_child = palloc(n * sizeof(int32));
	for (int32 i = 0; i < n; i++)
		last_child[i] = -1;
	for (int32 i = 1; i < n; i++)
	{
		int32		p = nodes[i].parent;

		if (last_child[p] < 0)
			nodes[p].first_child = i;
		else
			nodes[last_child[p]].next_sibling = i;
		last_child[p] = i;
	}
	pfree(last_child);
	pfree(stack);
	*count = n;
	return nodes;
}

static void
add_error(BcExtract *x, const char *type, const char *message, const CpgSpan *span, const char *attrs_json)
{
	Datum		values[extract_error__NATTS];
	bool		nulls[extract_error__NATTS] = {0};

	values[extract_error__error_type] = CStringGetTextDatum(type);
	values[extract_error__message] = CStringGetTextDatum(message);
	nulls[extract_error__span] = span == NULL;
	if (span)
		values[extract_error__span] = cpg_span_datum(x->span_td, span);
	nulls[extract_error__attrs] = attrs_json == NULL;
	if (attrs_json)
		values[extract_error__attrs] = cpg_jsonb_from_cstring(attrs_json);
	cpg_array_push_composite(&x->errors, values, nulls);
}

static void
extract_file(BcExtract *x, const char *source)
{
	int32		bom = cpg_py_bom_length(source, x->lines.length);
	PyObject   *module;
	BcNode	   *nodes;
	int32		count;
	Datum		too_large;

	if (cpg_py_source_too_large(x->lines.length, &too_large))
	{
		cpg_array_push(&x->errors, too_large, false);
		return;
	}
	module = cpg_py_own(cpg_py_compile_code(source + bom));
	if (module == NULL)
	{
		CpgPyError	failure;

		if (cpg_py_fetch_error(&x->lines, bom, &failure))
			cpg_array_push(&x->errors, cpg_py_error_datum(&failure), false);
		else
			add_error(x, "SystemError", "compiling failed without a Python exception", NULL, NULL);
		return;
	}
	if (!PyCode_Check(module))
	{
		add_error(x, "TypeError", "compiling did not produce a code object", NULL, NULL);
		return;
	}
	nodes = bc_code_tree((PyCodeObject *) module, &count);
	for (int32 id = 0; id < count; id++)
		extract_code(x, nodes, id);
}

PG_FUNCTION_INFO_V1(cpg_bytecode_extract);
Datum
cpg_bytecode_extract(PG_FUNCTION_ARGS)
{
	TupleDesc	root_td;
	Datum		values[bytecode_file__NATTS];
	bool		nulls[bytecode_file__NATTS] = {0};
	char	   *source;
	int32		source_len;
	BcExtract	x;
	MemoryContext caller = CurrentMemoryContext;
	Datum		result;

	/* Like ast_extract and symtable_extract: no repo, path or source, no row. */
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	cpg_require_utf8_database("bytecode_extract");
	root_td = cpg_table_tupdesc(CPG_T_bytecode_file);

	memset(&x, 0, sizeof(x));
	x.file_cxt = AllocSetContextCreate(CurrentMemoryContext, "bytecode_extract", ALLOCSET_DEFAULT_SIZES);
	x.code_cxt = AllocSetContextCreate(x.file_cxt, "bytecode_extract code", ALLOCSET_DEFAULT_SIZES);
	MemoryContextSwitchTo(x.file_cxt);
	x.t = bc_op_tables();
	x.span_td = cpg_tupdesc(CPG_T_span);
	bc_arg_texts_init(&x.texts);
	cpg_array_init(&x.codes, CPG_T_bc_code);
	cpg_array_init(&x.errors, CPG_T_extract_error);

	source = text_to_cstring(PG_GETARG_TEXT_PP(2));
	source_len = (int32) strlen(source);
	cpg_lines_build(&x.lines, source, source_len);
	x.bom = cpg_py_bom_length(source, source_len);
	extract_file(&x, source);

	cpg_extract_identity(fcinfo, values, bytecode_file__repo, bytecode_file__path,
						 bytecode_file__file_id, bytecode_file__file_sha256);
	values[bytecode_file__code_objects] = cpg_array_result(&x.codes);
	values[bytecode_file__errors] = cpg_array_result(&x.errors);
	{
		const char *version = cpg_py_version();

		/* The .pyc magic is two little-endian bytes followed by "\r\n": report the number. */
		int			vlen = (int) strcspn(version, " ");

		values[bytecode_file__attrs] =
			cpg_jsonb_from_cstring(psprintf("{\"python_version\": \"%.*s\", \"magic_number\": %ld, "
										"\"code_objects\": %d, \"instructions\": " INT64_FORMAT ", "
										"\"truncated_reprs\": %d}",
										vlen, version, PyImport_GetMagicNumber() & 0xFFFF,
										x.codes.count, x.ninstrs, x.truncated));
	}
	MemoryContextSwitchTo(caller);
	result = cpg_form_composite(root_td, values, nulls);
	MemoryContextDelete(x.file_cxt);
	PG_RETURN_DATUM(result);
}
