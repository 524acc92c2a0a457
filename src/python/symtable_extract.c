/*
 * symtable_extract.c: codecpg.symtable_extract(), CPython's symbol tables of one file as
 * a symtable_files_v1 row.
 *
 * The raw table entries come from the builtin _symtable module (the source is parsed
 * and analysed, never executed). The facts are derived from the entries' flag words in
 * C exactly as the public symtable module derives them (Symbol.is_*, Function.get_*,
 * Class.get_methods), without running its Python code per symbol.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/arrays.h"
#include "common/ids.h"
#include "common/rowtype.h"
#include "common/span.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "python/pyembed.h"
#include "python/pycompile.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

static PyObject *symtable_func;
static PyObject *s_name,
		   *s_type,
		   *s_lineno,
		   *s_symbols,
		   *s_children,
		   *s_nested,
		   *s_exec,
		   *s_dot0;

/* _symtable's constants, read from the module rather than copied. */
static long USE,
			DEF_GLOBAL,
			DEF_NONLOCAL,
			DEF_LOCAL,
			DEF_PARAM,
			DEF_IMPORT,
			DEF_BOUND,
			DEF_ANNOT,
			SCOPE_OFF,
			SCOPE_MASK,
			FREE,
			LOCAL,
			GLOBAL_IMPLICIT,
			GLOBAL_EXPLICIT,
			CELL,
			TYPE_FUNCTION,
			TYPE_CLASS,
			TYPE_MODULE;

/* A constant of the module into *out; false, with the Python error set, when missing. */
static bool
module_long(PyObject *module, const char *name, long *out)
{
	PyObject   *value = PyObject_GetAttrString(module, name);

	if (value == NULL)
		return false;
	*out = PyLong_AsLong(value);
	Py_DECREF(value);
	return !(*out == -1 && PyErr_Occurred());
}

/*
 * Reads _symtable's constants and function and interns the attribute names. All or
 * nothing: the statics are published only once everything was read, and every
 * reference taken is released on failure, so a failed start leaks nothing and the next
 * call starts over cleanly.
 */
static void
symtable_init(void)
{
	static const char *const names[] = {"name", "type", "lineno", "symbols", "children", "nested", "exec", ".0"};
	PyObject  **const targets[] = {&s_name, &s_type, &s_lineno, &s_symbols, &s_children, &s_nested, &s_exec, &s_dot0};
	PyObject   *strings[lengthof(names)] = {0};
	PyObject   *module;
	PyObject   *func = NULL;
	bool		ok;

	if (symtable_func != NULL)
		return;
	module = cpg_py_import("_symtable");
#define READ(c) module_long(module, #c, &c)
	ok = READ(USE) && READ(DEF_GLOBAL) && READ(DEF_NONLOCAL) && READ(DEF_LOCAL) &&
		READ(DEF_PARAM) && READ(DEF_IMPORT) && READ(DEF_BOUND) && READ(DEF_ANNOT) &&
		READ(SCOPE_OFF) && READ(SCOPE_MASK) && READ(FREE) && READ(LOCAL) &&
		READ(GLOBAL_IMPLICIT) && READ(GLOBAL_EXPLICIT) && READ(CELL) &&
		READ(TYPE_FUNCTION) && READ(TYPE_CLASS) && READ(TYPE_MODULE);
#undef READ
	for (int i = 0; ok && i < (int) lengthof(names); i++)
		ok = (strings[i] = PyUnicode_InternFromString(names[i])) != NULL;
	if (ok)
		ok = (func = PyObject_GetAttrString(module, "symtable")) != NULL;
	Py_DECREF(module);
	if (!ok)
	{
		for (int i = 0; i < (int) lengthof(names); i++)
			Py_XDECREF(strings[i]);
		cpg_py_raise(ERRCODE_EXTERNAL_ROUTINE_INVOCATION_EXCEPTION, "reading the _symtable module");
	}
	for (int i = 0; i < (int) lengthof(names); i++)
		*targets[i] = strings[i];
	symtable_func = func;
}

/* A table entry's facts; the Python objects are borrowed from the top entry's tree. */
typedef struct Block
{
	int32		parent;
	long		type;
	char	   *name;
	int32		lineno;
	bool		nested;
	PyObject   *symbols;		/* borrowed dict name -> flags */
	PyObject   *children;		/* borrowed list */
	List	   *child_ids;
	char	   *qualpath;
} Block;

/*
 * An object attribute of a table entry, borrowed: name, symbols and children are
 * T_OBJECT members that the entry stores, so the entry keeps the value alive after the
 * new reference is dropped. Not for the T_INT members (type, lineno, nested): reading
 * those makes a fresh int that nothing else holds; entry_long reads them.
 */
static PyObject *
entry_attr(PyObject *entry, PyObject *name)
{
	PyObject   *value = PyObject_GetAttr(entry, name);

	if (value == NULL)
	{
		PyErr_Clear();
		return NULL;
	}
	Py_DECREF(value);
	return value;
}

/* An int member of a table entry; the value is a new object, owned until read. */
static long
entry_long(PyObject *entry, PyObject *name)
{
	PyObject   *value = PyObject_GetAttr(entry, name);
	long		result = -1;

	if (value == NULL)
	{
		PyErr_Clear();
		return -1;
	}
	if (PyLong_Check(value))
	{
		result = PyLong_AsLong(value);
		if (result == -1 && PyErr_Occurred())
			PyErr_Clear();
	}
	Py_DECREF(value);
	return result;
}

static const char *
utf8_or_empty(PyObject *str)
{
	const char *utf8 = (str && PyUnicode_Check(str)) ? PyUnicode_AsUTF8(str) : NULL;

	if (utf8 == NULL)
	{
		PyErr_Clear();
		return "";
	}
	return utf8;
}

/* Every table in preorder; a block's children get ids in the order CPython lists them. */
static Block *
collect_blocks(PyObject *top, int32 *nblocks)
{
	int32		capacity = 64;
	int32		count = 0;
	Block	   *blocks = palloc(sizeof(Block) * capacity);
	int32		stack_cap = 64;
	int32		depth = 0;
	struct
	{
		PyObject   *entry;
		int32		parent;
	}		   *stack = palloc(sizeof(*stack) * stack_cap);

	stack[depth].entry = top;
	stack[depth].parent = -1;
	depth++;
	while (depth > 0)
	{
		Block	   *b;
		PyObject   *entry;
		Py_ssize_t	nchildren;

		CHECK_FOR_INTERRUPTS();
		depth--;
		entry = stack[depth].entry;
		if (count == capacity)
		{
			capacity *= 2;
			blocks = repalloc_huge(blocks, sizeof(Block) * capacity);
		}
		b = &blocks[count];
		memset(b, 0, sizeof(Block));
		b->parent = stack[depth].parent;
		b->type = entry_long(entry, s_type);
		b->name = pstrdup(utf8_or_empty(entry_attr(entry, s_name)));
		b->lineno = (int32) entry_long(entry, s_lineno);
		b->nested = entry_long(entry, s_nested) > 0;
		b->symbols = entry_attr(entry, s_symbols);
		if (b->symbols != NULL && !PyDict_Check(b->symbols))
			b->symbols = NULL;
		b->children = entry_attr(entry, s_children);
		if (b->children != NULL && !PyList_Check(b->children))
			b->children = NULL;
		b->qualpath = b->parent < 0 ? pstrdup(b->name)
			: psprintf("%s.%s", blocks[b->parent].qualpath, b->name);
		if (b->parent >= 0)
			blocks[b->parent].child_ids = lappend_int(blocks[b->parent].child_ids, count);
		nchildren = b->children ? PyList_GET_SIZE(b->children) : 0;
		for (Py_ssize_t i = nchildren - 1; i >= 0; i--)
		{
			if (depth == stack_cap)
			{
				stack_cap *= 2;
				stack = repalloc_huge(stack, sizeof(*stack) * stack_cap);
			}
			stack[depth].entry = PyList_GET_ITEM(b->children, i);
			stack[depth].parent = count;
			depth++;
		}
		count++;
	}
	*nblocks = count;
	return blocks;
}

static void
jb_key(JsonbParseState **state, const char *key)
{
	JsonbValue	k;

	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	pushJsonbValue(state, WJB_KEY, &k);
}

static void
jb_bool(JsonbParseState **state, const char *key, bool value)
{
	JsonbValue	v;

	jb_key(state, key);
	v.type = jbvBool;
	v.val.boolean = value;
	pushJsonbValue(state, WJB_VALUE, &v);
}

static const char *
scope_name(long scope)
{
	if (scope == LOCAL)
		return "LOCAL";
	if (scope == GLOBAL_EXPLICIT)
		return "GLOBAL_EXPLICIT";
	if (scope == GLOBAL_IMPLICIT)
		return "GLOBAL_IMPLICIT";
	if (scope == FREE)
		return "FREE";
	if (scope == CELL)
		return "CELL";
	return NULL;
}

/* Symbol attrs depend on the flag word only, and few flag words occur: built once each. */
#define ATTRS_CACHE_SIZE 1024
static struct
{
	long		flags;
	Jsonb	   *jsonb;
}			attrs_cache[ATTRS_CACHE_SIZE];

static Datum
symbol_attrs(long flags, long scope)
{
	JsonbParseState *state = NULL;
	JsonbValue	v;
	const char *sname = scope_name(scope);
	uint32		h = (uint32) flags % ATTRS_CACHE_SIZE;
	MemoryContext old;
	Jsonb	   *result;

	for (int probe = 0; probe < 8; probe++)
	{
		int			slot = (h + probe) % ATTRS_CACHE_SIZE;

		if (attrs_cache[slot].jsonb != NULL && attrs_cache[slot].flags == flags)
			return JsonbPGetDatum(attrs_cache[slot].jsonb);
		if (attrs_cache[slot].jsonb == NULL)
		{
			h = slot;
			break;
		}
		if (probe == 7)
			h = ATTRS_CACHE_SIZE;
	}
	old = MemoryContextSwitchTo(h < ATTRS_CACHE_SIZE ? TopMemoryContext : CurrentMemoryContext);

	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	jb_key(&state, "flags");
	v.type = jbvNumeric;
	v.val.numeric = int64_to_numeric(flags);
	pushJsonbValue(&state, WJB_VALUE, &v);
	if (sname != NULL)
	{
		jb_key(&state, "scope");
		v.type = jbvString;
		v.val.string.val = (char *) sname;
		v.val.string.len = strlen(sname);
		pushJsonbValue(&state, WJB_VALUE, &v);
	}
	result = JsonbValueToJsonb(pushJsonbValue(&state, WJB_END_OBJECT, NULL));
	MemoryContextSwitchTo(old);
	if (h < ATTRS_CACHE_SIZE)
	{
		attrs_cache[h].flags = flags;
		attrs_cache[h].jsonb = result;
	}
	return JsonbPGetDatum(result);
}

/*
 * Symbols in CPython's order, with one exception that makes rows reproducible: names a
 * table only passes through to nested tables (flags exactly FREE, no use or binding of
 * its own) are appended by CPython's analysis in the iteration order of a str set,
 * which depends on the per-process hash seed. They go last, sorted by name.
 */
typedef struct SymEntry
{
	const char *name;
	long		flags;
	bool		passthrough;
	int			index;
} SymEntry;

static int
sym_order(const void *a, const void *b)
{
	const SymEntry *x = a;
	const SymEntry *y = b;

	if (x->passthrough != y->passthrough)
		return x->passthrough ? 1 : -1;
	if (x->passthrough)
		return strcmp(x->name, y->name);
	return x->index - y->index;
}

/*
 * A block's child tables sorted by (name, id), so that a symbol's namespaces and a
 * class's distinct method names are found by binary search: scanning the children per
 * symbol made a module with n definitions cost n^2.
 */
typedef struct ChildRef
{
	const char *name;
	int32		id;
} ChildRef;

static int
child_order(const void *a, const void *b)
{
	const ChildRef *x = a;
	const ChildRef *y = b;
	int			c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return (x->id > y->id) - (x->id < y->id);
}

static ChildRef *
sorted_children(const Block *blocks, const Block *b)
{
	int			n = list_length(b->child_ids);
	ChildRef   *children = palloc(sizeof(ChildRef) * (n + 1));
	int			i = 0;
	ListCell   *lc;

	foreach(lc, b->child_ids)
	{
		children[i].name = blocks[lfirst_int(lc)].name;
		children[i++].id = lfirst_int(lc);
	}
	qsort(children, n, sizeof(ChildRef), child_order);
	return children;
}

/* Index of the first child named name (lowest id), or n when there is none. */
static int
first_child_named(const ChildRef *children, int n, const char *name)
{
	int			lo = 0;
	int			hi = n;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (strcmp(children[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (lo < n && strcmp(children[lo].name, name) == 0) ? lo : n;
}

typedef struct BlockBuild
{
	const CpgLineIndex *lines;
	TupleDesc	span_desc;
	TupleDesc	partitions_desc;
	Datum		empty_int_array;
} BlockBuild;

static Datum
block_datum(BlockBuild *bb, Block *blocks, int32 id)
{
	Block	   *b = &blocks[id];
	Datum		values[sym_block__NATTS];
	bool		nulls[sym_block__NATTS] = {0};
	/* symtable.py's Symbol(module_scope=...) tests the table's name, not its type. */
	bool		module_scope = strcmp(b->name, "top") == 0;
	bool		is_function = b->type == TYPE_FUNCTION;
	CpgArray	symbols;
	CpgArray	parts[sym_partitions__NATTS];
	Py_ssize_t	pos = 0;
	PyObject   *key;
	PyObject   *value;
	CpgSpan		span;
	JsonbParseState *state = NULL;
	SymEntry   *syms;
	int			nsyms;
	int			nchildren = list_length(b->child_ids);
	ChildRef   *children = sorted_children(blocks, b);

	cpg_array_init(&symbols, CPG_T_sym_symbol);
	for (int i = 0; i < sym_partitions__NATTS; i++)
		cpg_array_init_oid(&parts[i], TEXTOID);
	nsyms = b->symbols ? (int) PyDict_GET_SIZE(b->symbols) : 0;
	syms = palloc(sizeof(SymEntry) * (nsyms + 1));
	nsyms = 0;
	while (b->symbols && PyDict_Next(b->symbols, &pos, &key, &value))
	{
		long		flags = PyLong_Check(value) ? PyLong_AsLong(value) : 0;

		if (flags == -1 && PyErr_Occurred())
		{
			PyErr_Clear();
			flags = 0;
		}
		syms[nsyms].name = utf8_or_empty(key);
		syms[nsyms].flags = flags;
		syms[nsyms].passthrough = flags == (FREE << SCOPE_OFF);
		syms[nsyms].index = nsyms;
		nsyms++;
	}
	qsort(syms, nsyms, sizeof(SymEntry), sym_order);
	for (int i = 0; i < nsyms; i++)
	{
		Datum		sv[sym_symbol__NATTS];
		bool		sn[sym_symbol__NATTS] = {0};
		const char *name = syms[i].name;
		long		flags = syms[i].flags;
		long		scope = (flags >> SCOPE_OFF) & SCOPE_MASK;
		CpgArray	namespaces;

		/*
		 * A module may have hundreds of thousands of symbols. The Python objects read
		 * here are borrowed from the table tree, which the caller releases in PG_FINALLY.
		 */
		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		namespaces.count = 0;
		/* Children of the same name in id (CPython's) order. */
		for (int c = first_child_named(children, nchildren, name);
			 c < nchildren && strcmp(children[c].name, name) == 0; c++)
		{
			if (namespaces.count == 0)
				cpg_array_init_oid(&namespaces, INT4OID);
			cpg_array_push(&namespaces, Int32GetDatum(children[c].id), false);
		}
		sv[sym_symbol__name] = CStringGetTextDatum(name);
		sv[sym_symbol__is_referenced] = BoolGetDatum((flags & USE) != 0);
		sv[sym_symbol__is_imported] = BoolGetDatum((flags & DEF_IMPORT) != 0);
		sv[sym_symbol__is_parameter] = BoolGetDatum((flags & DEF_PARAM) != 0);
		sv[sym_symbol__is_type_parameter] = BoolGetDatum(false);
		sv[sym_symbol__is_global] = BoolGetDatum(scope == GLOBAL_IMPLICIT || scope == GLOBAL_EXPLICIT ||
												 (module_scope && (flags & DEF_BOUND)));
		sv[sym_symbol__is_nonlocal] = BoolGetDatum((flags & DEF_NONLOCAL) != 0);
		sv[sym_symbol__is_declared_global] = BoolGetDatum(scope == GLOBAL_EXPLICIT);
		sv[sym_symbol__is_local] = BoolGetDatum(scope == LOCAL || scope == CELL ||
												(module_scope && (flags & DEF_BOUND)));
		sv[sym_symbol__is_annotated] = BoolGetDatum((flags & DEF_ANNOT) != 0);
		sv[sym_symbol__is_free] = BoolGetDatum(scope == FREE);
		sv[sym_symbol__is_assigned] = BoolGetDatum((flags & DEF_LOCAL) != 0);
		sv[sym_symbol__is_namespace] = BoolGetDatum(namespaces.count > 0);
		sv[sym_symbol__namespace_count] = Int32GetDatum(namespaces.count);
		sv[sym_symbol__namespace_block_ids] = namespaces.count > 0 ? cpg_array_result(&namespaces)
			: bb->empty_int_array;
		sv[sym_symbol__attrs] = symbol_attrs(flags, scope);
		cpg_array_push_composite(&symbols, sv, sn);

		if (is_function)
		{
			if (flags & DEF_PARAM)
				cpg_array_push_cstring(&parts[sym_partitions__parameters], name);
			if (scope == LOCAL || scope == CELL)
				cpg_array_push_cstring(&parts[sym_partitions__locals], name);
			if (scope == GLOBAL_IMPLICIT || scope == GLOBAL_EXPLICIT)
				cpg_array_push_cstring(&parts[sym_partitions__globals], name);
			if (flags & DEF_NONLOCAL)
				cpg_array_push_cstring(&parts[sym_partitions__nonlocals], name);
			if (scope == FREE)
				cpg_array_push_cstring(&parts[sym_partitions__frees], name);
		}
	}

	values[sym_block__block_id] = Int32GetDatum(id);
	values[sym_block__parent_block_id] = Int32GetDatum(b->parent);
	nulls[sym_block__parent_block_id] = b->parent < 0;
	values[sym_block__block_type] = CStringGetTextDatum(b->type == TYPE_FUNCTION ? "function"
														: b->type == TYPE_CLASS ? "class"
														: b->type == TYPE_MODULE ? "module" : "unknown");
	values[sym_block__name] = CStringGetTextDatum(b->name);
	values[sym_block__lineno1] = Int32GetDatum(b->lineno);
	cpg_line_span(bb->lines, b->lineno - 1, &span);
	nulls[sym_block__span_hint] = span.bstart < 0;
	values[sym_block__span_hint] = nulls[sym_block__span_hint] ? (Datum) 0 : cpg_span_datum(bb->span_desc, &span);
	values[sym_block__qualpath] = CStringGetTextDatum(b->qualpath);
	if (is_function)
	{
		Datum		pv[sym_partitions__NATTS];
		bool		pn[sym_partitions__NATTS] = {0};

		for (int i = 0; i < sym_partitions__NATTS; i++)
			pv[i] = cpg_array_result(&parts[i]);
		values[sym_block__function_partitions] = cpg_form_composite(bb->partitions_desc, pv, pn);
	}
	else
		nulls[sym_block__function_partitions] = true;
	if (b->type == TYPE_CLASS)
	{
		CpgArray	methods;
		ListCell   *lc;

		/*
		 * Class.get_methods(): child table names, first occurrence order, no duplicates:
		 * a child is listed when it is the lowest id of its name.
		 */
		cpg_array_init_oid(&methods, TEXTOID);
		foreach(lc, b->child_ids)
		{
			const char *name = blocks[lfirst_int(lc)].name;

			if (children[first_child_named(children, nchildren, name)].id == lfirst_int(lc))
				cpg_array_push_cstring(&methods, name);
		}
		values[sym_block__class_methods] = cpg_array_result(&methods);
	}
	else
		nulls[sym_block__class_methods] = true;
	/* A comprehension's table has the hidden parameter ".0" (its first iterable). */
	values[sym_block__is_meta_scope] = BoolGetDatum(is_function && b->symbols &&
													PyDict_Contains(b->symbols, s_dot0) == 1);
	values[sym_block__symbols] = cpg_array_result(&symbols);
	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	jb_bool(&state, "is_nested", b->nested);
	jb_bool(&state, "is_optimized", is_function);
	jb_bool(&state, "has_children", b->children && PyList_GET_SIZE(b->children) > 0);
	values[sym_block__attrs] = JsonbPGetDatum(JsonbValueToJsonb(pushJsonbValue(&state, WJB_END_OBJECT, NULL)));
	return cpg_form_composite(cpg_tupdesc(CPG_T_sym_block), values, nulls);
}

PG_FUNCTION_INFO_V1(cpg_symtable_extract);
Datum
cpg_symtable_extract(PG_FUNCTION_ARGS)
{
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext work;
	text	   *source_text;
	char	   *source;
	int32		length;
	CpgLineIndex lines;
	TupleDesc	tupdesc;
	Datum		values[symtable_file__NATTS];
	bool		nulls[symtable_file__NATTS] = {0};
	CpgArray	blocks_array;
	CpgArray	errors;
	PyObject   *volatile source_obj = NULL;
	PyObject   *volatile top = NULL;
	int32		bom = 0;
	Datum		result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	cpg_require_utf8_database("symtable_extract");
	cpg_py_ensure();
	symtable_init();
	tupdesc = cpg_table_tupdesc(CPG_T_symtable_file);
	work = AllocSetContextCreate(caller, "symtable_extract", ALLOCSET_DEFAULT_SIZES);
	MemoryContextSwitchTo(work);

	source_text = PG_GETARG_TEXT_PP(2);
	length = VARSIZE_ANY_EXHDR(source_text);
	source = text_to_cstring(source_text);
	cpg_lines_build(&lines, source, length);
	cpg_extract_identity(fcinfo, values, symtable_file__repo, symtable_file__path,
						 symtable_file__file_id, symtable_file__file_sha256);
	cpg_array_init(&blocks_array, CPG_T_sym_block);
	cpg_array_init(&errors, CPG_T_extract_error);

	PG_TRY();
	{
		Datum		too_large;

		/*
		 * A str source, as symtable.symtable() gets it: coding declarations are ignored.
		 * A byte order mark is skipped as Python's import skips it.
		 */
		bom = cpg_py_bom_length(source, length);
		if (cpg_py_source_too_large(length, &too_large))
			cpg_array_push(&errors, too_large, false);
		else if ((source_obj = PyUnicode_DecodeUTF8(source + bom, length - bom, "strict")) == NULL ||
				 (top = PyObject_CallFunctionObjArgs(symtable_func, source_obj, cpg_py_filename(), s_exec, NULL)) == NULL)
		{
			CpgPyError	error;

			if (!cpg_py_fetch_error(&lines, bom, &error))
				ereport(ERROR,
						(errcode(ERRCODE_EXTERNAL_ROUTINE_INVOCATION_EXCEPTION),
						 errmsg("CPython's symbol table failed without an exception")));
			cpg_array_push(&errors, cpg_py_error_datum(&error), false);
		}
		else
		{
			BlockBuild	bb;
			int32		nblocks;
			Block	   *blocks = collect_blocks(top, &nblocks);

			bb.lines = &lines;
			bb.span_desc = cpg_tupdesc(CPG_T_span);
			bb.partitions_desc = cpg_tupdesc(CPG_T_sym_partitions);
			bb.empty_int_array = PointerGetDatum(construct_empty_array(INT4OID));
			for (int32 i = 0; i < nblocks; i++)
			{
				CHECK_FOR_INTERRUPTS();
				cpg_array_push(&blocks_array, block_datum(&bb, blocks, i), false);
			}
		}
	}
	PG_FINALLY();
	{
		Py_XDECREF(top);
		Py_XDECREF(source_obj);
	}
	PG_END_TRY();

	values[symtable_file__blocks] = cpg_array_result(&blocks_array);
	values[symtable_file__errors] = cpg_array_result(&errors);
	values[symtable_file__attrs] = cpg_jsonb_from_cstring(psprintf("{\"python_version\": \"%s\"}", PY_VERSION));
	/* The row is formed in the caller's context: the work context goes with its lists. */
	MemoryContextSwitchTo(caller);
	result = cpg_form_composite(tupdesc, values, nulls);
	MemoryContextDelete(work);
	PG_RETURN_DATUM(result);
}
