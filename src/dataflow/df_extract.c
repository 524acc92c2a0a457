/*
 * df_extract.c: codecpg.dataflow_extract(repo, path, source [, file_sha256]) ->
 * codecpg.dataflow_files_v1, the intra-procedural data flow of one file.
 *
 * The source is compiled with the embedded CPython 3.11 (never executed), every code
 * object decoded (bytecode_decode.c) and analysed (df_unit.c) in preorder, so that a
 * code object's parent is analysed before it; links into nested code objects are
 * resolved at the end. Each code object's work happens in a memory context reset after
 * it; the file's facts live in the file's context. Python references: the module code
 * object is owned by the file's context (released when it goes away, on error too);
 * nested code objects are borrowed from their parents' co_consts.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/arrays.h"
#include "common/ids.h"
#include "common/rowtype.h"
#include "dataflow/dataflow.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "python/bytecode_args.h"
#include "python/pycompile.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

typedef struct DfExtract
{
	DfFile		f;
	CpgLineIndex lines;
	MemoryContext file_cxt;
	MemoryContext code_cxt;
	CpgArray	units;
	CpgArray	errors;
	DfCode	   *codes;			/* per code_id: what nested code objects read of their parent */
	int64		nbranches;
} DfExtract;

static int32
intern_py(DfStrings *s, PyObject *str)
{
	Py_ssize_t	len;
	const char *utf8 = str && PyUnicode_Check(str) ? PyUnicode_AsUTF8AndSize(str, &len) : NULL;

	if (utf8 == NULL)
	{
		/* Lone surrogates cannot be UTF-8: such a name is unknown, not an error. */
		PyErr_Clear();
		return -1;
	}
	return df_intern(s, utf8, (int32) len);
}

static void
read_const(DfExtract *x, PyObject *value, int32 *next_child, const BcNode *nodes, DfConst *c)
{
	memset(c, 0, sizeof(*c));
	c->kind = DF_CONST_OTHER;
	if (value == Py_None)
		c->kind = DF_CONST_NONE;
	else if (PyCode_Check(value))
	{
		c->kind = DF_CONST_CODE;
		c->code_id = *next_child;
		if (*next_child >= 0)
			*next_child = nodes[*next_child].next_sibling;
	}
	else if (PyLong_Check(value))
	{
		int			overflow;
		long long	v = PyLong_AsLongLongAndOverflow(value, &overflow);

		if (v == -1 && PyErr_Occurred())
			PyErr_Clear();
		else if (!overflow)
		{
			c->kind = DF_CONST_INT;
			c->ival = v;
		}
	}
	else if (PyTuple_Check(value))
	{
		Py_ssize_t	n = PyTuple_GET_SIZE(value);

		for (Py_ssize_t i = 0; i < n; i++)
			if (!PyUnicode_Check(PyTuple_GET_ITEM(value, i)))
				return;
		c->kind = DF_CONST_STRS;
		c->nstrs = (int32) n;
		c->strs = palloc(Max(n, 1) * sizeof(int32));
		for (Py_ssize_t i = 0; i < n; i++)
			c->strs[i] = intern_py(&x->f.strings, PyTuple_GET_ITEM(value, i));
	}
}

/* The owner of a free variable: the nearest enclosing code object that has it as a cell. */
static int32
free_owner(const DfExtract *x, int32 parent, int32 name)
{
	for (int32 p = parent; p >= 0; p = x->codes[p].parent_code_id)
	{
		const DfCode *c = &x->codes[p];

		for (int32 k = 0; k < c->nlocals; k++)
			if (c->locals[k] == name && (c->local_kinds[k] & DF_LOCAL_CELL))
				return p;
	}
	return parent;
}

/* The first-level facts of a code object: names, locals, constants, flags (file context). */
static void
read_code(DfExtract *x, const BcNode *nodes, int32 id, DfCode *c)
{
	PyCodeObject *co = nodes[id].code;
	const char *kinds = PyBytes_AS_STRING(co->co_localspluskinds);
	int32		child = nodes[id].first_child;
	const char *name;

	memset(c, 0, sizeof(*c));
	c->code_id = id;
	c->parent_code_id = nodes[id].parent;
	c->qualname = intern_py(&x->f.strings, co->co_qualname);
	c->name = intern_py(&x->f.strings, co->co_name);
	c->firstlineno1 = co->co_firstlineno;
	c->argcount = co->co_argcount;
	c->posonlyargcount = co->co_posonlyargcount;
	c->kwonlyargcount = co->co_kwonlyargcount;
	c->has_varargs = (co->co_flags & CO_VARARGS) != 0;
	c->has_varkeywords = (co->co_flags & CO_VARKEYWORDS) != 0;
	c->is_function = (co->co_flags & CO_OPTIMIZED) != 0;
	c->is_async = (co->co_flags & (CO_COROUTINE | CO_ITERABLE_COROUTINE | CO_ASYNC_GENERATOR)) != 0;
	c->is_class_body = !c->is_function && c->parent_code_id >= 0;
	name = c->name >= 0 ? x->f.strings.strs[c->name] : "";
	if (c->parent_code_id < 0)
		c->kind = DF_UNIT_MODULE;
	else if (c->is_class_body)
		c->kind = DF_UNIT_CLASS;
	else if (strcmp(name, "<lambda>") == 0)
		c->kind = DF_UNIT_LAMBDA;
	else if (strcmp(name, "<listcomp>") == 0 || strcmp(name, "<setcomp>") == 0 ||
			 strcmp(name, "<dictcomp>") == 0 || strcmp(name, "<genexpr>") == 0)
		c->kind = DF_UNIT_COMPREHENSION;
	else
		c->kind = DF_UNIT_FUNCTION;
	/* Comprehensions in a class body are functions of it, not methods. */
	c->class_code_id = (c->kind == DF_UNIT_FUNCTION || c->kind == DF_UNIT_LAMBDA) &&
		x->codes[c->parent_code_id].is_class_body ? c->parent_code_id : -1;
	c->bstart = c->bend = -1;

	c->nnames = (int32) PyTuple_GET_SIZE(co->co_names);
	c->names = palloc(Max(c->nnames, 1) * sizeof(int32));
	for (int32 i = 0; i < c->nnames; i++)
		c->names[i] = intern_py(&x->f.strings, PyTuple_GET_ITEM(co->co_names, i));
	c->nlocals = (int32) PyTuple_GET_SIZE(co->co_localsplusnames);
	c->locals = palloc(Max(c->nlocals, 1) * sizeof(int32));
	c->local_kinds = palloc(Max(c->nlocals, 1) * sizeof(uint8));
	c->cell_owner = palloc(Max(c->nlocals, 1) * sizeof(int32));
	for (int32 i = 0; i < c->nlocals; i++)
	{
		c->locals[i] = intern_py(&x->f.strings, PyTuple_GET_ITEM(co->co_localsplusnames, i));
		c->local_kinds[i] = (uint8) kinds[i];
	}
	for (int32 i = 0; i < c->nlocals; i++)
		c->cell_owner[i] = (c->local_kinds[i] & DF_LOCAL_FREE) ? free_owner(x, c->parent_code_id, c->locals[i]) :
			(c->local_kinds[i] & DF_LOCAL_CELL) ? id : DF_NO_DETAIL;
	c->nconsts = (int32) PyTuple_GET_SIZE(co->co_consts);
	c->consts = palloc(Max(c->nconsts, 1) * sizeof(DfConst));
	for (int32 i = 0; i < c->nconsts; i++)
		read_const(x, PyTuple_GET_ITEM(co->co_consts, i), &child, nodes, &c->consts[i]);
}

/* Where a lambda's body starts: its parameters are searched before it. */
static void
code_span(const DfExtract *x, DfCode *c)
{
	for (int32 i = 0; i < c->d.ninstrs; i++)
	{
		CpgSpan		s;

		bc_position_span(&x->lines, x->f.bom, &c->d.instrs[i].pos, &s);
		if (s.bstart >= 0 && (c->bstart < 0 || s.bstart < c->bstart))
			c->bstart = s.bstart;
		if (s.bend > c->bend)
			c->bend = s.bend;
	}
}

static Datum
branches_datum(const DfCode *c, const DfUnitResult *r)
{
	CpgArray	arr;

	cpg_array_init_oid(&arr, INT4OID);
	for (int32 k = 0; k < r->nbranches; k++)
	{
		const DfBranch *b = &r->branches[k];
		int32		v[7] = {
			c->d.blocks[b->src_block].start, c->d.blocks[b->src_block].end,
			c->d.blocks[b->dst_block].start, c->d.blocks[b->dst_block].end,
			b->sense ? 1 : 0, b->bstart, b->bend
		};

		for (int j = 0; j < 7; j++)
			cpg_array_push(&arr, Int32GetDatum(v[j]), false);
	}
	return cpg_array_result(&arr);
}

static Datum
unit_datum(const DfExtract *x, const DfCode *c, const DfUnitResult *r)
{
	Datum		values[df_unit__NATTS];
	bool		nulls[df_unit__NATTS] = {0};
	const DfStrings *s = &x->f.strings;

	values[df_unit__code_id] = Int32GetDatum(c->code_id);
	values[df_unit__parent_code_id] = Int32GetDatum(c->parent_code_id);
	nulls[df_unit__parent_code_id] = c->parent_code_id < 0;
	nulls[df_unit__qualname] = c->qualname < 0;
	if (c->qualname >= 0)
		values[df_unit__qualname] = PointerGetDatum(cstring_to_text_with_len(s->strs[c->qualname], s->lens[c->qualname]));
	nulls[df_unit__name] = c->name < 0;
	if (c->name >= 0)
		values[df_unit__name] = PointerGetDatum(cstring_to_text_with_len(s->strs[c->name], s->lens[c->name]));
	values[df_unit__kind] = CStringGetTextDatum(df_unit_kind_names[c->kind]);
	values[df_unit__firstlineno1] = Int32GetDatum(c->firstlineno1);
	values[df_unit__argcount] = Int32GetDatum(c->argcount);
	values[df_unit__posonlyargcount] = Int32GetDatum(c->posonlyargcount);
	values[df_unit__kwonlyargcount] = Int32GetDatum(c->kwonlyargcount);
	values[df_unit__has_varargs] = BoolGetDatum(c->has_varargs);
	values[df_unit__has_varkeywords] = BoolGetDatum(c->has_varkeywords);
	values[df_unit__class_code_id] = Int32GetDatum(c->class_code_id);
	nulls[df_unit__class_code_id] = c->class_code_id < 0;
	nulls[df_unit__method_kind] = c->class_code_id < 0;
	if (c->class_code_id >= 0)
		values[df_unit__method_kind] =
			CStringGetTextDatum(df_method_kind_names[x->f.decorated[c->code_id] ? x->f.decorated[c->code_id] :
													 DF_METHOD_INSTANCE]);
	values[df_unit__event_start] = Int32GetDatum(r->event_start);
	values[df_unit__event_count] = Int32GetDatum(r->event_count);
	values[df_unit__branches] = branches_datum(c, r);
	return cpg_form_composite(cpg_tupdesc(CPG_T_df_unit), values, nulls);
}

static void
analyse_file(DfExtract *x, const char *source)
{
	PyObject   *module;
	BcNode	   *nodes;
	int32		count;
	Datum		too_large;

	if (cpg_py_source_too_large(x->lines.length, &too_large))
	{
		cpg_array_push(&x->errors, too_large, false);
		return;
	}
	module = cpg_py_own(cpg_py_compile_code(source + x->f.bom));
	if (module == NULL)
	{
		CpgPyError	failure;

		if (cpg_py_fetch_error(&x->lines, x->f.bom, &failure))
			cpg_array_push(&x->errors, cpg_py_error_datum(&failure), false);
		else
			ereport(ERROR,
					(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
					 errmsg("compiling failed without a Python exception")));
		return;
	}
	if (!PyCode_Check(module))
		ereport(ERROR,
				(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
				 errmsg("compiling did not produce a code object")));
	nodes = bc_code_tree((PyCodeObject *) module, &count);
	x->codes = palloc0(Max(count, 1) * sizeof(DfCode));
	df_file_init(&x->f, count);
	for (int32 id = 0; id < count; id++)
	{
		DfCode	   *c = &x->codes[id];
		PyCodeObject *co = nodes[id].code;
		DfUnitResult result;
		uint8	   *code;
		int32		code_len;
		MemoryContext old;

		CHECK_FOR_INTERRUPTS();
		read_code(x, nodes, id, c);
		old = MemoryContextSwitchTo(x->code_cxt);
		code = bc_code_bytes(co, &code_len);
		bc_decode(&c->d, code, code_len,
				  (const uint8 *) PyBytes_AS_STRING(co->co_linetable), (int32) PyBytes_GET_SIZE(co->co_linetable),
				  co->co_firstlineno,
				  (const uint8 *) PyBytes_AS_STRING(co->co_exceptiontable),
				  (int32) PyBytes_GET_SIZE(co->co_exceptiontable));
		if (c->name >= 0 && strcmp(x->f.strings.strs[c->name], "<lambda>") == 0)
			code_span(x, c);
		df_analyse_code(&x->f, c, &result);
		x->f.units[id] = (DfUnitInfo) {
			result.event_start, result.event_count,
			c->argcount + c->kwonlyargcount + (c->has_varargs ? 1 : 0) + (c->has_varkeywords ? 1 : 0),
			c->argcount, c->kwonlyargcount, c->has_varargs
		};
		x->nbranches += result.nbranches;
		MemoryContextSwitchTo(x->file_cxt);
		cpg_array_push(&x->units, unit_datum(x, c, &result), false);
		MemoryContextSwitchTo(old);
		/* The decoded bytecode went with the code object's context. */
		memset(&c->d, 0, sizeof(c->d));
		MemoryContextReset(x->code_cxt);
	}
	df_resolve_links(&x->f);
}

static Datum
events_datum(const DfExtract *x)
{
	const DfStrings *s = &x->f.strings;
	Datum	   *names = palloc0(Max(s->count, 1) * sizeof(Datum));
	Datum		kinds[DF_NKINDS];
	TupleDesc	td = cpg_tupdesc(CPG_T_df_event);
	CpgArray	arr;

	for (int k = 0; k < DF_NKINDS; k++)
		kinds[k] = CStringGetTextDatum(df_kind_names[k]);
	cpg_array_init(&arr, CPG_T_df_event);
	for (int32 e = 0; e < x->f.nevents; e++)
	{
		const DfEvent *ev = &x->f.events[e];
		Datum		values[df_event__NATTS];
		bool		nulls[df_event__NATTS] = {0};

		if ((e & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		values[df_event__kind] = kinds[ev->kind];
		nulls[df_event__name] = ev->name < 0;
		if (ev->name >= 0)
		{
			if (names[ev->name] == (Datum) 0)
				names[ev->name] = PointerGetDatum(cstring_to_text_with_len(s->strs[ev->name], s->lens[ev->name]));
			values[df_event__name] = names[ev->name];
		}
		values[df_event__bstart] = Int32GetDatum(ev->bstart);
		nulls[df_event__bstart] = ev->bstart < 0;
		values[df_event__bend] = Int32GetDatum(ev->bend);
		nulls[df_event__bend] = ev->bstart < 0;
		values[df_event__line0] = Int32GetDatum(ev->line0);
		nulls[df_event__line0] = ev->line0 < 0;
		values[df_event__detail] = Int32GetDatum(ev->detail);
		nulls[df_event__detail] = ev->detail == DF_NO_DETAIL;
		cpg_array_push(&arr, cpg_form_composite(td, values, nulls), false);
	}
	return cpg_array_result(&arr);
}

static Datum
int_array(const int32 *items, int64 n)
{
	Datum	   *d = palloc(Max(n, 1) * sizeof(Datum));
	ArrayType  *a;

	for (int64 i = 0; i < n; i++)
		d[i] = Int32GetDatum(items[i]);
	a = construct_array(d, (int) n, INT4OID, sizeof(int32), true, TYPALIGN_INT);
	pfree(d);
	return PointerGetDatum(a);
}

static Datum
keywords_datum(const DfExtract *x)
{
	CpgArray	arr;

	cpg_array_init_oid(&arr, TEXTOID);
	for (int32 k = 0; k < x->f.nkeywords; k++)
	{
		int32		s = x->f.keywords[k];

		cpg_array_push(&arr, PointerGetDatum(cstring_to_text_with_len(x->f.strings.strs[s], x->f.strings.lens[s])),
					   false);
	}
	return cpg_array_result(&arr);
}

PG_FUNCTION_INFO_V1(cpg_dataflow_extract);
Datum
cpg_dataflow_extract(PG_FUNCTION_ARGS)
{
	TupleDesc	root_td;
	Datum		values[dataflow_file__NATTS];
	bool		nulls[dataflow_file__NATTS] = {0};
	char	   *source;
	DfExtract	x;
	MemoryContext caller = CurrentMemoryContext;
	Datum		result;

	/* Like the other CPython extractors: no repo, path or source, no row. */
	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	cpg_require_utf8_database("dataflow_extract");
	root_td = cpg_table_tupdesc(CPG_T_dataflow_file);

	memset(&x, 0, sizeof(x));
	x.file_cxt = AllocSetContextCreate(CurrentMemoryContext, "dataflow_extract", ALLOCSET_DEFAULT_SIZES);
	x.code_cxt = AllocSetContextCreate(x.file_cxt, "dataflow_extract code", ALLOCSET_DEFAULT_SIZES);
	MemoryContextSwitchTo(x.file_cxt);
	df_strings_init(&x.f.strings, x.file_cxt);
	cpg_array_init(&x.units, CPG_T_df_unit);
	cpg_array_init(&x.errors, CPG_T_extract_error);

	source = text_to_cstring(PG_GETARG_TEXT_PP(2));
	cpg_lines_build(&x.lines, source, (int32) strlen(source));
	x.f.source = source;
	x.f.source_len = x.lines.length;
	x.f.lines = &x.lines;
	x.f.bom = cpg_py_bom_length(source, x.lines.length);
	analyse_file(&x, source);

	cpg_extract_identity(fcinfo, values, dataflow_file__repo, dataflow_file__path,
						 dataflow_file__file_id, dataflow_file__file_sha256);
	values[dataflow_file__units] = cpg_array_result(&x.units);
	values[dataflow_file__events] = events_datum(&x);
	values[dataflow_file__reaches] = int_array(x.f.reaches, x.f.nreaches);
	values[dataflow_file__steps] = int_array(x.f.steps, x.f.nsteps);
	values[dataflow_file__keywords] = keywords_datum(&x);
	values[dataflow_file__errors] = cpg_array_result(&x.errors);
	values[dataflow_file__attrs] =
		cpg_jsonb_from_cstring(psprintf("{\"code_objects\": %d, \"events\": %d, \"reaches\": " INT64_FORMAT
										", \"steps\": " INT64_FORMAT ", \"branches\": " INT64_FORMAT
										", \"approximated\": %d}",
										x.units.count, x.f.nevents, x.f.nreaches / 2, x.f.nsteps / 3,
										x.nbranches, x.f.approximated));
	MemoryContextSwitchTo(caller);
	result = cpg_form_composite(root_td, values, nulls);
	MemoryContextDelete(x.file_cxt);
	PG_RETURN_DATUM(result);
}
