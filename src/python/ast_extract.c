/*
 * ast_extract.c: codecpg.ast_extract(), CPython's abstract syntax tree of one file as an
 * ast_files_v1 row.
 *
 * The source is parsed with CPython's own parser (ast.parse with type_comments=True)
 * and never executed. The tree is walked from C with an explicit stack, so nesting
 * depth costs heap, not C stack. Every reference into the tree is borrowed from the
 * tree itself (node attributes are read from each node's __dict__), and the tree is
 * released in PG_FINALLY, so an error anywhere leaks nothing.
 *
 * Nodes are every ast.AST instance except the shared singleton instances of
 * expr_context, operator, boolop, unaryop and cmpop: those are scalar facts of their
 * owner and go into its attrs ({"ctx": "Load"}, {"op": "Add"}, {"ops": ["Lt"]}).
 */
#include "postgres.h"

#include "common/arrays.h"
#include "common/ids.h"
#include "common/rowtype.h"
#include "common/hashfn.h"
#include "common/span.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "python/pyembed.h"
#include "python/ast_classes.h"
#include "python/pycompile.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

/*
 * Python positions (1-based lines, UTF-8 byte columns) to the span ABI. CPython parsed
 * the text after a byte order mark, so first-line columns move by its bytes.
 */
static bool
node_span(PyObject *dict, const CpgLineIndex *lines, int32 bom, CpgSpan *span)
{
	int32		lineno = dict_int(dict, ast_s_lineno);
	int32		col = dict_int(dict, ast_s_col_offset);
	int32		end_lineno = dict_int(dict, ast_s_end_lineno);
	int32		end_col = dict_int(dict, ast_s_end_col_offset);

	if (lineno < 1 || col < 0)
		return false;
	span->line0 = lineno - 1;
	span->col = col + (span->line0 == 0 ? bom : 0);
	span->bstart = cpg_lines_offset(lines, span->line0, span->col);
	if (end_lineno >= 1 && end_col >= 0)
	{
		span->end_line0 = end_lineno - 1;
		span->end_col = end_col + (span->end_line0 == 0 ? bom : 0);
		span->bend = cpg_lines_offset(lines, span->end_line0, span->end_col);
	}
	else
		span->end_line0 = span->end_col = span->bend = -1;
	return true;
}

/*
 * Text the extractor derives rather than copies once from the source (a def's qualname,
 * a call's func_text and func_dotted) is capped at AST_TEXT_MAX bytes. Uncapped, each
 * nesting level repeats its parent's text, so a file of n nested lambdas or calls made
 * a row of size n^2 (20 kB of "lambda: " gave 57 MB); capped, a row is linear in the
 * source. A capped text is its first AST_TEXT_MAX bytes at most, cut at a character
 * boundary, followed by AST_TEXT_MARK, which no qualname, dotted name or callee
 * expression longer than "..." itself ends with; a def's attrs also say
 * qualname_truncated (ast_call has no attrs). Real qualnames and callee texts are far
 * shorter than the cap.
 */
#define AST_TEXT_MAX 256
#define AST_TEXT_MARK "..."

/* Bytes of s to keep for a cap of AST_TEXT_MAX: at most that, not splitting a character. */
static size_t
capped_length(const char *s, size_t len)
{
	if (len <= AST_TEXT_MAX)
		return len;
	len = AST_TEXT_MAX;
	while (len > 0 && ((unsigned char) s[len] & 0xC0) == 0x80)
		len--;
	return len;
}

/* s as text, capped (see AST_TEXT_MAX); sets *truncated, when given, to whether it was. */
static Datum
capped_text(const char *s, size_t len, bool *truncated)
{
	size_t		keep = capped_length(s, len);
	text	   *t;

	if (truncated != NULL)
		*truncated = keep < len;
	if (keep == len)
		return PointerGetDatum(cstring_to_text_with_len(s, len));
	t = palloc(VARHDRSZ + keep + strlen(AST_TEXT_MARK));
	SET_VARSIZE(t, VARHDRSZ + keep + strlen(AST_TEXT_MARK));
	memcpy(VARDATA(t), s, keep);
	memcpy(VARDATA(t) + keep, AST_TEXT_MARK, strlen(AST_TEXT_MARK));
	return PointerGetDatum(t);
}

/* Scopes that name nested definitions, as the compiler's __qualname__ does. */
typedef struct Scope
{
	AstKind		kind;			/* AK_MODULE, AK_FUNCTION (also async), AK_CLASS, AK_LAMBDA, AK_COMP */
	char	   *qualname;		/* NULL for the module; uncapped, see scope_enter */
	HTAB	   *globals;		/* names declared global in this scope, or NULL */
} Scope;

/*
 * The global names of a scope are a hash set of C strings: every nested def looks its
 * name up there, and a list scan made that cost defs times globals.
 */
static uint32
global_hash(const void *key, Size keysize pg_attribute_unused())
{
	const char *name = *(const char *const *) key;

	return hash_bytes((const unsigned char *) name, strlen(name));
}

static int
global_match(const void *key1, const void *key2, Size keysize pg_attribute_unused())
{
	return strcmp(*(const char *const *) key1, *(const char *const *) key2);
}

static void
scope_add_global(Scope *scope, const char *name)
{
	bool		found;

	if (scope->globals == NULL)
	{
		HASHCTL		ctl;

		ctl.keysize = sizeof(char *);
		ctl.entrysize = sizeof(char *);
		ctl.hash = global_hash;
		ctl.match = global_match;
		ctl.hcxt = CurrentMemoryContext;
		scope->globals = hash_create("ast_extract globals", 16, &ctl,
									 HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);
	}
	hash_search(scope->globals, &name, HASH_ENTER, &found);
}

static Scope *
scope_enter(Scope *parent, AstKind kind, const char *name, bool may_be_global)
{
	Scope	   *scope = palloc0(sizeof(Scope));
	bool		force_global = may_be_global && parent->globals != NULL &&
		hash_search(parent->globals, &name, HASH_FIND, NULL) != NULL;

	scope->kind = kind == AK_ASYNC_FUNCTION ? AK_FUNCTION : kind;

	/*
	 * Only the capped prefix of the parent's qualname can reach a stored qualname, so a
	 * scope keeps at most AST_TEXT_MAX + 1 bytes of it (one more than the cap, so that
	 * a cut is still detected): building it costs the cap, not the depth.
	 */
	if (parent->kind == AK_MODULE || force_global)
		scope->qualname = pstrdup(name);
	else if (parent->kind == AK_FUNCTION || parent->kind == AK_LAMBDA)
		scope->qualname = psprintf("%s.<locals>.%s", parent->qualname, name);
	else
		scope->qualname = psprintf("%s.%s", parent->qualname, name);
	if (strlen(scope->qualname) > AST_TEXT_MAX + 1)
		scope->qualname[AST_TEXT_MAX + 1] = '\0';
	return scope;
}

typedef struct WorkItem
{
	PyObject   *node;			/* borrowed from the tree */
	ClassInfo  *parent_class;
	PyObject   *parent_dict;
	int32		parent_id;
	int32		field_index;	/* in parent_class, or -1 for the root */
	int32		field_pos;		/* list position, or -1 */
	Scope	   *scope;
	Scope	   *outer;			/* for a comprehension's first clause: where its iter runs */
} WorkItem;

typedef struct AstBuild
{
	const CpgLineIndex *lines;
	int32		bom;			/* bytes of a byte order mark before what CPython parsed */
	TupleDesc	span_desc;
	CpgArray	nodes;
	CpgArray	defs;
	CpgArray	imports;
	CpgArray	calls;
	CpgArray	docstrings;
	CpgArray	type_ignores;
	WorkItem   *stack;
	int			depth;
	int			capacity;
	int32		count;
	PyObject   *transient;		/* a new reference held across PostgreSQL calls */
} AstBuild;

static void
push(AstBuild *b, const WorkItem *item)
{
	if (b->depth == b->capacity)
	{
		b->capacity *= 2;
		b->stack = repalloc_huge(b->stack, sizeof(WorkItem) * b->capacity);
	}
	b->stack[b->depth++] = *item;
}

static inline Datum
span_or_null(AstBuild *b, const CpgSpan *span, bool *isnull)
{
	*isnull = span->bstart < 0 && span->line0 < 0;
	return *isnull ? (Datum) 0 : cpg_span_datum(b->span_desc, span);
}

/*
 * jsonb attrs of a node, started lazily at the first entry. Most nodes' only attr is an
 * expression context or operator ({"ctx": "Load"}); that case is kept pending and
 * answered with a jsonb value built once per backend.
 */
typedef struct Attrs
{
	JsonbParseState *state;
	const char *pending_field;
	ClassInfo  *pending_class;
} Attrs;

static void
attrs_key(Attrs *a, const char *key)
{
	if (a->state == NULL)
		pushJsonbValue(&a->state, WJB_BEGIN_OBJECT, NULL);
	if (a->pending_field != NULL)
	{
		ast_jb_key(&a->state, a->pending_field);
		ast_jb_class_name(&a->state, a->pending_class);
		a->pending_field = NULL;
	}
	ast_jb_key(&a->state, key);
}

static void
attrs_singleton(Attrs *a, const char *field, ClassInfo *vinfo)
{
	if (a->state == NULL && a->pending_field == NULL)
	{
		a->pending_field = field;
		a->pending_class = vinfo;
		return;
	}
	attrs_key(a, field);
	ast_jb_class_name(&a->state, vinfo);
}


static void
jb_string(JsonbValue *v, const char *s, Py_ssize_t len)
{
	v->type = jbvString;
	v->val.string.val = (char *) s;
	v->val.string.len = len;
}

/* A scalar (non-node) field value as a jsonb value; false when it has none. */
static bool
jb_scalar(AstBuild *b, PyObject *value, JsonbValue *v)
{
	Py_ssize_t	len;
	const char *utf8;

	if (PyLong_Check(value))
	{
		int			overflow;
		long long	n = PyLong_AsLongLongAndOverflow(value, &overflow);

		if (!overflow && !(n == -1 && PyErr_Occurred()))
		{
			v->type = jbvNumeric;
			v->val.numeric = int64_to_numeric(n);
			return true;
		}
		PyErr_Clear();
	}
	if (PyUnicode_Check(value))
	{
		utf8 = str_utf8(value, &len);
		if (utf8 != NULL && memchr(utf8, '\0', len) == NULL)
		{
			jb_string(v, pstrdup(utf8), len);
			return true;
		}
	}
	b->transient = PyObject_Repr(value);
	if (b->transient == NULL)
	{
		PyErr_Clear();
		return false;
	}
	utf8 = str_utf8(b->transient, &len);
	if (utf8 != NULL)
		jb_string(v, pnstrdup(utf8, len), len);
	Py_CLEAR(b->transient);
	return utf8 != NULL;
}

static void
attrs_scalar(AstBuild *b, Attrs *a, const char *key, PyObject *value)
{
	JsonbValue	v;

	if (jb_scalar(b, value, &v))
	{
		attrs_key(a, key);
		pushJsonbValue(&a->state, WJB_VALUE, &v);
	}
}

static void
attrs_true(Attrs *a, const char *key)
{
	JsonbValue	v;

	attrs_key(a, key);
	v.type = jbvBool;
	v.val.boolean = true;
	pushJsonbValue(&a->state, WJB_VALUE, &v);
}

static Datum
attrs_result(Attrs *a, bool *isnull)
{
	*isnull = a->state == NULL && a->pending_field == NULL;
	if (*isnull)
		return (Datum) 0;
	if (a->state == NULL)
		return JsonbPGetDatum(ast_singleton_jsonb(a->pending_field, a->pending_class));
	return JsonbPGetDatum(JsonbValueToJsonb(pushJsonbValue(&a->state, WJB_END_OBJECT, NULL)));
}

/* repr() of a value as text. */
static text *
repr_text(AstBuild *b, PyObject *value)
{
	Py_ssize_t	len;
	const char *utf8;
	text	   *result = NULL;

	b->transient = PyObject_Repr(value);
	if (b->transient == NULL)
	{
		PyErr_Clear();
		return NULL;
	}
	utf8 = str_utf8(b->transient, &len);
	if (utf8 != NULL)
		result = cstring_to_text_with_len(utf8, len);
	Py_CLEAR(b->transient);
	return result;
}

static inline Datum
text_or_null(text *t, bool *isnull)
{
	*isnull = t == NULL;
	return PointerGetDatum(t);
}

/* Call.func as a dotted name when it is a chain of Attribute ending in a Name. */
static char *
dotted_name(PyObject *func)
{
	List	   *parts = NIL;
	StringInfoData buf;

	for (;;)
	{
		ClassInfo  *info;
		PyObject   *dict;
		Py_ssize_t	len;
		const char *part;

		if (func == NULL || !is_ast(func))
			return NULL;
		info = ast_class_info(Py_TYPE(func));
		dict = node_dict(func);
		if (info->kind == AK_NAME)
		{
			part = str_utf8(dict_get(dict, ast_s_id), &len);
			if (part == NULL)
				return NULL;
			parts = lappend(parts, (void *) part);
			break;
		}
		if (info->kind != AK_ATTRIBUTE)
			return NULL;
		part = str_utf8(dict_get(dict, ast_s_attr), &len);
		if (part == NULL)
			return NULL;
		parts = lappend(parts, (void *) part);
		func = dict_get(dict, ast_s_value);
	}
	/* The parts were collected from the call outwards: the Name comes last. */
	initStringInfo(&buf);
	for (int i = list_length(parts) - 1; i >= 0; i--)
	{
		if (buf.len > 0)
			appendStringInfoChar(&buf, '.');
		appendStringInfoString(&buf, (const char *) list_nth(parts, i));
	}
	return buf.data;
}

static inline Py_ssize_t
list_len(PyObject *dict, PyObject *key)
{
	PyObject   *value = dict_get(dict, key);

	return (value != NULL && PyList_Check(value)) ? PyList_GET_SIZE(value) : 0;
}

static void
emit_def(AstBuild *b, int32 id, ClassInfo *info, PyObject *dict, const char *qualname,
		 const CpgSpan *span)
{
	Datum		values[ast_def__NATTS];
	bool		nulls[ast_def__NATTS] = {0};
	Attrs		attrs = {0};
	PyObject   *name = dict_get(dict, ast_s_name);
	bool		truncated;

	values[ast_def__ast_id] = Int32GetDatum(id);
	values[ast_def__kind] = PointerGetDatum(info->name_text);
	if (info->kind == AK_LAMBDA)
		values[ast_def__name] = CStringGetTextDatum("<lambda>");
	else
		values[ast_def__name] = text_or_null(name ? str_text(name) : NULL, &nulls[ast_def__name]);
	values[ast_def__qualname] = capped_text(qualname, strlen(qualname), &truncated);
	values[ast_def__span] = span_or_null(b, span, &nulls[ast_def__span]);
	if (info->kind != AK_LAMBDA)
	{
		JsonbValue	v;

		attrs_key(&attrs, "decorator_count");
		v.type = jbvNumeric;
		v.val.numeric = int64_to_numeric(list_len(dict, ast_s_decorator_list));
		pushJsonbValue(&attrs.state, WJB_VALUE, &v);
	}
	if (truncated)
		attrs_true(&attrs, "qualname_truncated");
	values[ast_def__attrs] = attrs_result(&attrs, &nulls[ast_def__attrs]);
	cpg_array_push_composite(&b->defs, values, nulls);
}

static void
emit_import(AstBuild *b, int32 id, PyObject *dict, ClassInfo *parent_class,
			PyObject *parent_dict, const CpgSpan *span)
{
	Datum		values[ast_import__NATTS];
	bool		nulls[ast_import__NATTS] = {0};
	PyObject   *name = dict_get(dict, ast_s_name);
	PyObject   *asname = dict_get(dict, ast_s_asname);
	PyObject   *module;

	values[ast_import__ast_id] = Int32GetDatum(id);
	values[ast_import__kind] = PointerGetDatum(parent_class->name_text);
	module = parent_class->kind == AK_IMPORT ? name : dict_get(parent_dict, ast_s_module);
	values[ast_import__module] = text_or_null(module ? str_text(module) : NULL, &nulls[ast_import__module]);
	values[ast_import__name] = text_or_null(name ? str_text(name) : NULL, &nulls[ast_import__name]);
	values[ast_import__asname] = text_or_null(asname ? str_text(asname) : NULL, &nulls[ast_import__asname]);
	values[ast_import__level] = Int32GetDatum(parent_class->kind == AK_IMPORT ? 0 : Max(dict_int(parent_dict, ast_s_level), 0));
	values[ast_import__span] = span_or_null(b, span, &nulls[ast_import__span]);
	cpg_array_push_composite(&b->imports, values, nulls);
}

static void
emit_call(AstBuild *b, int32 id, PyObject *dict, const CpgSpan *span)
{
	Datum		values[ast_call__NATTS];
	bool		nulls[ast_call__NATTS] = {0};
	PyObject   *func = dict_get(dict, ast_s_func);
	CpgSpan		fspan;
	char	   *dotted;

	values[ast_call__ast_id] = Int32GetDatum(id);
	nulls[ast_call__func_kind] = nulls[ast_call__func_text] = true;
	if (func != NULL && is_ast(func))
	{
		values[ast_call__func_kind] = PointerGetDatum(ast_class_info(Py_TYPE(func))->name_text);
		nulls[ast_call__func_kind] = false;
		if (node_span(node_dict(func), b->lines, b->bom, &fspan) && fspan.bstart >= 0 && fspan.bend >= fspan.bstart)
		{
			/* Nested calls (f()()()...) have nested func texts: capped, see AST_TEXT_MAX. */
			values[ast_call__func_text] = capped_text(b->lines->source + fspan.bstart,
													  fspan.bend - fspan.bstart, NULL);
			nulls[ast_call__func_text] = false;
		}
	}
	dotted = dotted_name(func);
	nulls[ast_call__func_dotted] = dotted == NULL;
	if (dotted != NULL)
		values[ast_call__func_dotted] = capped_text(dotted, strlen(dotted), NULL);
	values[ast_call__arg_count] = Int32GetDatum(list_len(dict, ast_s_args));
	values[ast_call__keyword_count] = Int32GetDatum(list_len(dict, ast_s_keywords));
	values[ast_call__span] = span_or_null(b, span, &nulls[ast_call__span]);
	cpg_array_push_composite(&b->calls, values, nulls);
}

/* An Expr statement first in the body of a module, class or function, holding a str. */
static void
maybe_docstring(AstBuild *b, const WorkItem *item, PyObject *dict)
{
	PyObject   *constant = dict_get(dict, ast_s_value);
	PyObject   *value;
	PyObject   *cdict;
	Datum		values[ast_docstring__NATTS];
	bool		nulls[ast_docstring__NATTS] = {0};
	CpgSpan		span = CPG_SPAN_UNKNOWN;
	AstKind		owner;

	if (item->parent_class == NULL || item->field_pos != 0 ||
		item->parent_class->fields[item->field_index] != ast_s_body)
		return;
	owner = item->parent_class->kind;
	if (owner != AK_MODULE && owner != AK_CLASS && owner != AK_FUNCTION && owner != AK_ASYNC_FUNCTION)
		return;
	if (constant == NULL || !is_ast(constant) || ast_class_info(Py_TYPE(constant))->kind != AK_CONSTANT)
		return;
	cdict = node_dict(constant);
	value = dict_get(cdict, ast_s_value);
	if (value == NULL || !PyUnicode_Check(value))
		return;
	node_span(cdict, b->lines, b->bom, &span);
	values[ast_docstring__owner_ast_id] = Int32GetDatum(item->parent_id);
	values[ast_docstring__owner_kind] = PointerGetDatum(item->parent_class->name_text);
	values[ast_docstring__docstring] = text_or_null(str_text(value), &nulls[ast_docstring__docstring]);
	values[ast_docstring__span] = span_or_null(b, &span, &nulls[ast_docstring__span]);
	cpg_array_push_composite(&b->docstrings, values, nulls);
}

static void
emit_type_ignore(AstBuild *b, PyObject *dict)
{
	Datum		values[ast_type_ignore__NATTS];
	bool		nulls[ast_type_ignore__NATTS] = {0};
	int32		lineno = dict_int(dict, ast_s_lineno);
	PyObject   *tag = dict_get(dict, ast_s_tag);
	CpgSpan		span;

	cpg_line_span(b->lines, lineno - 1, &span);
	values[ast_type_ignore__line0] = Int32GetDatum(lineno - 1);
	nulls[ast_type_ignore__line0] = lineno < 1;
	values[ast_type_ignore__tag] = text_or_null(tag ? str_text(tag) : NULL, &nulls[ast_type_ignore__tag]);
	values[ast_type_ignore__span] = span_or_null(b, &span, &nulls[ast_type_ignore__span]);
	cpg_array_push_composite(&b->type_ignores, values, nulls);
}

/* The scope a field of a node is evaluated in, entering the node's own scope for its body. */
static Scope *
field_scope(const WorkItem *item, ClassInfo *info, PyObject *field, Scope *own, int32 pos, Scope **outer)
{
	*outer = NULL;
	switch (info->kind)
	{
		case AK_FUNCTION:
		case AK_ASYNC_FUNCTION:
		case AK_CLASS:
		case AK_LAMBDA:
			return field == ast_s_body ? own : item->scope;
		case AK_COMP:
			/* The first clause's iterable is evaluated outside the comprehension. */
			if (pos == 0)
				*outer = item->scope;
			return own;
		case AK_COMPREHENSION:
			if (item->outer != NULL && field == ast_s_iter)
				return item->outer;
			return item->scope;
		default:
			return item->scope;
	}
}

static void
visit(AstBuild *b, WorkItem *item)
{
	PyObject   *node = item->node;
	ClassInfo  *info = ast_class_info(Py_TYPE(node));
	PyObject   *dict = node_dict(node);
	int32		id = b->count++;
	Datum		values[ast_node__NATTS];
	bool		nulls[ast_node__NATTS] = {0};
	Attrs		attrs = {0};
	CpgSpan		span = CPG_SPAN_UNKNOWN;
	Scope	   *own = NULL;
	int			first_child = b->depth;

	values[ast_node__parent_ast_id] = Int32GetDatum(item->parent_id);
	nulls[ast_node__parent_ast_id] = item->parent_id < 0;
	values[ast_node__kind] = PointerGetDatum(info->name_text);
	nulls[ast_node__name] = nulls[ast_node__value] = true;
	if (item->parent_class != NULL)
		values[ast_node__field_name] = PointerGetDatum(item->parent_class->field_texts[item->field_index]);
	else
		nulls[ast_node__field_name] = true;
	values[ast_node__field_pos] = Int32GetDatum(item->field_pos);
	nulls[ast_node__field_pos] = item->field_pos < 0;
	/* The node's id is its position and its lines derive from line_starts: not stored. */
	if (info->positioned)
		node_span(dict, b->lines, b->bom, &span);
	values[ast_node__bstart] = Int32GetDatum(span.bstart);
	nulls[ast_node__bstart] = span.bstart < 0;
	values[ast_node__bend] = Int32GetDatum(span.bend);
	nulls[ast_node__bend] = span.bend < 0;

	switch (info->kind)
	{
		case AK_FUNCTION:
		case AK_ASYNC_FUNCTION:
		case AK_CLASS:
			{
				PyObject   *name = dict_get(dict, ast_s_name);
				const char *n = name ? PyUnicode_AsUTF8(name) : NULL;

				if (n == NULL)
				{
					PyErr_Clear();
					n = "";
				}
				own = scope_enter(item->scope, info->kind, n, true);
				emit_def(b, id, info, dict, own->qualname, &span);
				break;
			}
		case AK_LAMBDA:
			own = scope_enter(item->scope, AK_LAMBDA, "<lambda>", false);
			emit_def(b, id, info, dict, own->qualname, &span);
			break;
		case AK_COMP:
			own = scope_enter(item->scope, AK_COMP, info->comp_name, false);
			break;
		case AK_ALIAS:
			if (item->parent_class != NULL &&
				(item->parent_class->kind == AK_IMPORT || item->parent_class->kind == AK_IMPORT_FROM))
				emit_import(b, id, dict, item->parent_class, item->parent_dict, &span);
			break;
		case AK_CALL:
			emit_call(b, id, dict, &span);
			break;
		case AK_EXPR:
			maybe_docstring(b, item, dict);
			break;
		case AK_TYPE_IGNORE:
			emit_type_ignore(b, dict);
			break;
		case AK_GLOBAL:
			{
				PyObject   *names = dict_get(dict, ast_s_names);

				for (Py_ssize_t i = 0; names && PyList_Check(names) && i < PyList_GET_SIZE(names); i++)
				{
					const char *n = PyUnicode_AsUTF8(PyList_GET_ITEM(names, i));

					if (n == NULL)
						PyErr_Clear();
					else
						scope_add_global(item->scope, pstrdup(n));
				}
				break;
			}
		default:
			break;
	}

	for (int f = 0; f < info->nfields; f++)
	{
		PyObject   *value = dict_get(dict, info->fields[f]);

		if (value == NULL || value == Py_None)
			continue;
		if (!PyList_Check(value) && is_ast(value))
		{
			ClassInfo  *vinfo = ast_class_info(Py_TYPE(value));

			if (vinfo->singleton)
				attrs_singleton(&attrs, info->field_names[f], vinfo);
			else
			{
				WorkItem	child = {value, info, dict, id, f, -1, NULL, NULL};

				child.scope = field_scope(item, info, info->fields[f], own, -1, &child.outer);
				push(b, &child);
			}
		}
		else if (PyList_Check(value))
		{
			Py_ssize_t	n = PyList_GET_SIZE(value);
			bool		in_attrs = false;

			for (Py_ssize_t i = 0; i < n; i++)
			{
				PyObject   *elem = PyList_GET_ITEM(value, i);

				if (elem == Py_None)
					continue;
				if (is_ast(elem) && !ast_class_info(Py_TYPE(elem))->singleton)
				{
					WorkItem	child = {elem, info, dict, id, f, (int32) i, NULL, NULL};

					child.scope = field_scope(item, info, info->fields[f], own, (int32) i, &child.outer);
					push(b, &child);
				}
				else
				{
					JsonbValue	v;

					if (!in_attrs)
					{
						attrs_key(&attrs, info->field_names[f]);
						pushJsonbValue(&attrs.state, WJB_BEGIN_ARRAY, NULL);
						in_attrs = true;
					}
					if (is_ast(elem))
						jb_string(&v, ast_class_info(Py_TYPE(elem))->name, strlen(ast_class_info(Py_TYPE(elem))->name));
					else if (!jb_scalar(b, elem, &v))
						v.type = jbvNull;
					pushJsonbValue(&attrs.state, WJB_ELEM, &v);
				}
			}
			if (in_attrs)
				pushJsonbValue(&attrs.state, WJB_END_ARRAY, NULL);
		}
		else if (f == info->value_field)
			values[ast_node__value] = text_or_null(repr_text(b, value), &nulls[ast_node__value]);
		else if (f == info->ident_field && PyUnicode_Check(value))
			values[ast_node__name] = text_or_null(str_text(value), &nulls[ast_node__name]);
		else
			attrs_scalar(b, &attrs, info->field_names[f], value);
	}
	values[ast_node__attrs] = attrs_result(&attrs, &nulls[ast_node__attrs]);
	cpg_array_push_composite(&b->nodes, values, nulls);

	/* Children were pushed in field order; reverse them so the first is visited first. */
	for (int lo = first_child, hi = b->depth - 1; lo < hi; lo++, hi--)
	{
		WorkItem	tmp = b->stack[lo];

		b->stack[lo] = b->stack[hi];
		b->stack[hi] = tmp;
	}
}

static void
walk(AstBuild *b, PyObject *module)
{
	Scope	   *top = palloc0(sizeof(Scope));
	WorkItem	root = {module, NULL, NULL, -1, -1, -1, top, NULL};

	top->kind = AK_MODULE;
	b->capacity = 256;
	b->stack = palloc(sizeof(WorkItem) * b->capacity);
	push(b, &root);
	while (b->depth > 0)
	{
		WorkItem	item = b->stack[--b->depth];

		if ((b->count & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		visit(b, &item);
	}
}

static Datum
python_attrs(void)
{
	return cpg_jsonb_from_cstring(psprintf("{\"python_version\": \"%s\", \"type_comments\": true, \"feature_version\": %d}",
										   PY_VERSION, PY_MINOR_VERSION));
}

PG_FUNCTION_INFO_V1(cpg_ast_extract);
Datum
cpg_ast_extract(PG_FUNCTION_ARGS)
{
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext work;
	text	   *source_text;
	char	   *source;
	int32		length;
	CpgLineIndex lines;
	TupleDesc	tupdesc;
	Datum		values[ast_file__NATTS];
	bool		nulls[ast_file__NATTS] = {0};
	CpgArray	errors;
	AstBuild   *b;
	PyObject   *volatile module = NULL;
	Datum		result;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	cpg_require_utf8_database("ast_extract");
	ast_classes_init();
	tupdesc = cpg_table_tupdesc(CPG_T_ast_file);
	work = AllocSetContextCreate(caller, "ast_extract", ALLOCSET_DEFAULT_SIZES);
	MemoryContextSwitchTo(work);

	source_text = PG_GETARG_TEXT_PP(2);
	length = VARSIZE_ANY_EXHDR(source_text);
	source = text_to_cstring(source_text);
	cpg_lines_build(&lines, source, length);
	cpg_extract_identity(fcinfo, values, ast_file__repo, ast_file__path, ast_file__file_id,
						 ast_file__file_sha256);

	/*
	 * In the work context, not on the stack: walk() sets b->transient inside PG_TRY and
	 * PG_FINALLY releases it, and a longjmp may lose what an automatic variable held.
	 */
	b = palloc0(sizeof(AstBuild));
	b->lines = &lines;
	b->bom = cpg_py_bom_length(source, length);
	b->span_desc = cpg_tupdesc(CPG_T_span);
	cpg_array_init(&b->nodes, CPG_T_ast_node);
	cpg_array_init(&b->defs, CPG_T_ast_def);
	cpg_array_init(&b->imports, CPG_T_ast_import);
	cpg_array_init(&b->calls, CPG_T_ast_call);
	cpg_array_init(&b->docstrings, CPG_T_ast_docstring);
	cpg_array_init(&b->type_ignores, CPG_T_ast_type_ignore);
	cpg_array_init(&errors, CPG_T_extract_error);

	PG_TRY();
	{
		Datum		too_large;

		if (cpg_py_source_too_large(length, &too_large))
			cpg_array_push(&errors, too_large, false);
		else if ((module = cpg_py_parse_ast(source + b->bom)) == NULL)
		{
			CpgPyError	error;

			if (!cpg_py_fetch_error(&lines, b->bom, &error))
				ereport(ERROR,
						(errcode(ERRCODE_EXTERNAL_ROUTINE_INVOCATION_EXCEPTION),
						 errmsg("CPython failed to parse without an exception")));
			cpg_array_push(&errors, cpg_py_error_datum(&error), false);
		}
		else
			walk(b, module);
	}
	PG_FINALLY();
	{
		Py_XDECREF(b->transient);
		Py_XDECREF(module);
	}
	PG_END_TRY();

	values[ast_file__nodes] = cpg_array_result(&b->nodes);
	values[ast_file__errors] = cpg_array_result(&errors);
	values[ast_file__defs] = cpg_array_result(&b->defs);
	values[ast_file__imports] = cpg_array_result(&b->imports);
	values[ast_file__calls] = cpg_array_result(&b->calls);
	values[ast_file__docstrings] = cpg_array_result(&b->docstrings);
	values[ast_file__type_ignores] = cpg_array_result(&b->type_ignores);
	values[ast_file__attrs] = python_attrs();
	values[ast_file__line_starts] = cpg_lines_starts_datum(&lines);
	/* The row is formed in the caller's context: the work context goes with its lists. */
	MemoryContextSwitchTo(caller);
	result = cpg_form_composite(tupdesc, values, nulls);
	MemoryContextDelete(work);
	PG_RETURN_DATUM(result);
}
