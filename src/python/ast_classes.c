/*
 * ast_classes.c: per-backend knowledge of CPython's ast node classes (name, fields,
 * whether positioned, which field is the identifier), computed once per class.
 */
#include "postgres.h"

#include "python/pyembed.h"
#include "python/ast_classes.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#define CLASS_TABLE_SIZE 512
static ClassInfo *class_table[CLASS_TABLE_SIZE];
PyObject   *ast_base_type;
static PyObject *singleton_bases;
PyObject   *ast_s_lineno,
		   *ast_s_col_offset,
		   *ast_s_end_lineno,
		   *ast_s_end_col_offset,
		   *ast_s_fields,
		   *ast_s_attributes,
		   *ast_s_name,
		   *ast_s_body,
		   *ast_s_func,
		   *ast_s_args,
		   *ast_s_keywords,
		   *ast_s_value,
		   *ast_s_attr,
		   *ast_s_id,
		   *ast_s_module,
		   *ast_s_level,
		   *ast_s_asname,
		   *ast_s_names,
		   *ast_s_decorator_list,
		   *ast_s_tag,
		   *ast_s_iter;

static PyObject *
intern(const char *s)
{
	PyObject   *result = PyUnicode_InternFromString(s);

	if (result == NULL)
		cpg_py_raise(ERRCODE_EXTERNAL_ROUTINE_INVOCATION_EXCEPTION, "creating a Python string");
	return result;
}

void
ast_classes_init(void)
{
	PyObject   *module;
	static const char *const bases[] = {"expr_context", "operator", "boolop", "unaryop", "cmpop"};

	if (ast_base_type != NULL)
		return;
	cpg_py_ensure();
	/* _ast is the parser's builtin C module; the ast.py wrapper is not needed. */
	module = cpg_py_import("_ast");
	singleton_bases = PyTuple_New(lengthof(bases));
	if (singleton_bases == NULL)
		cpg_py_raise(ERRCODE_EXTERNAL_ROUTINE_INVOCATION_EXCEPTION, "creating a tuple");
	for (int i = 0; i < (int) lengthof(bases); i++)
	{
		PyObject   *base = PyObject_GetAttrString(module, bases[i]);

		if (base == NULL)
			cpg_py_raise(ERRCODE_EXTERNAL_ROUTINE_INVOCATION_EXCEPTION, "reading the _ast module");
		PyTuple_SET_ITEM(singleton_bases, i, base);
	}
	ast_s_lineno = intern("lineno");
	ast_s_col_offset = intern("col_offset");
	ast_s_end_lineno = intern("end_lineno");
	ast_s_end_col_offset = intern("end_col_offset");
	ast_s_fields = intern("_fields");
	ast_s_attributes = intern("_attributes");
	ast_s_name = intern("name");
	ast_s_body = intern("body");
	ast_s_func = intern("func");
	ast_s_args = intern("args");
	ast_s_keywords = intern("keywords");
	ast_s_value = intern("value");
	ast_s_attr = intern("attr");
	ast_s_id = intern("id");
	ast_s_module = intern("module");
	ast_s_level = intern("level");
	ast_s_asname = intern("asname");
	ast_s_names = intern("names");
	ast_s_decorator_list = intern("decorator_list");
	ast_s_tag = intern("tag");
	ast_s_iter = intern("iter");
	ast_base_type = PyObject_GetAttrString(module, "AST");
	if (ast_base_type == NULL)
		cpg_py_raise(ERRCODE_EXTERNAL_ROUTINE_INVOCATION_EXCEPTION, "reading the _ast module");
}

static const struct
{
	const char *name;
	AstKind		kind;
	const char *comp_name;
}			kind_names[] = {
	{"Module", AK_MODULE, NULL},
	{"FunctionDef", AK_FUNCTION, NULL},
	{"AsyncFunctionDef", AK_ASYNC_FUNCTION, NULL},
	{"ClassDef", AK_CLASS, NULL},
	{"Lambda", AK_LAMBDA, NULL},
	{"ListComp", AK_COMP, "<listcomp>"},
	{"SetComp", AK_COMP, "<setcomp>"},
	{"DictComp", AK_COMP, "<dictcomp>"},
	{"GeneratorExp", AK_COMP, "<genexpr>"},
	{"comprehension", AK_COMPREHENSION, NULL},
	{"Import", AK_IMPORT, NULL},
	{"ImportFrom", AK_IMPORT_FROM, NULL},
	{"alias", AK_ALIAS, NULL},
	{"Call", AK_CALL, NULL},
	{"Global", AK_GLOBAL, NULL},
	{"Name", AK_NAME, NULL},
	{"Attribute", AK_ATTRIBUTE, NULL},
	{"Expr", AK_EXPR, NULL},
	{"Constant", AK_CONSTANT, NULL},
	{"TypeIgnore", AK_TYPE_IGNORE, NULL},
};

/* Fields whose str value is the node's identifier (ASDL "identifier", not a list). */
static const char *const ident_fields[] = {"name", "id", "arg", "attr", "module", "rest"};

static bool
tuple_has(PyObject *tuple, const char *name)
{
	for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(tuple); i++)
	{
		const char *item = PyUnicode_AsUTF8(PyTuple_GET_ITEM(tuple, i));

		if (item != NULL && strcmp(item, name) == 0)
			return true;
		if (item == NULL)
			PyErr_Clear();
	}
	return false;
}

static ClassInfo *
build_class_info(PyTypeObject *type)
{
	MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);
	ClassInfo  *info = palloc0(sizeof(ClassInfo));
	PyObject   *name = PyObject_GetAttrString((PyObject *) type, "__name__");
	PyObject   *fields = PyObject_GetAttr((PyObject *) type, ast_s_fields);
	PyObject   *attributes = PyObject_GetAttr((PyObject *) type, ast_s_attributes);
	int			singleton;

	if (name == NULL || fields == NULL || attributes == NULL ||
		!PyUnicode_Check(name) || !PyTuple_Check(fields) || !PyTuple_Check(attributes))
	{
		Py_XDECREF(name);
		Py_XDECREF(fields);
		Py_XDECREF(attributes);
		cpg_py_raise(ERRCODE_EXTERNAL_ROUTINE_INVOCATION_EXCEPTION, "reading an ast node class");
	}
	singleton = PyObject_IsSubclass((PyObject *) type, singleton_bases);
	if (singleton < 0)
		PyErr_Clear();
	Py_INCREF(type);
	info->type = type;
	info->name = pstrdup(PyUnicode_AsUTF8(name));
	info->name_text = cstring_to_text(info->name);
	info->singleton = singleton > 0;
	info->positioned = tuple_has(attributes, "lineno") && tuple_has(attributes, "col_offset");
	info->nfields = PyTuple_GET_SIZE(fields);
	info->fields = palloc(sizeof(PyObject *) * (info->nfields + 1));
	info->field_names = palloc(sizeof(char *) * (info->nfields + 1));
	info->field_texts = palloc(sizeof(text *) * (info->nfields + 1));
	info->ident_field = -1;
	info->value_field = -1;
	for (int i = 0; i < info->nfields; i++)
	{
		PyObject   *field = PyTuple_GET_ITEM(fields, i);

		Py_INCREF(field);
		PyUnicode_InternInPlace(&field);
		info->fields[i] = field;
		info->field_names[i] = pstrdup(PyUnicode_AsUTF8(field));
		info->field_texts[i] = cstring_to_text(info->field_names[i]);
		if (strcmp(info->field_names[i], "value") == 0)
			info->value_field = i;
		for (int j = 0; j < (int) lengthof(ident_fields) && info->ident_field < 0; j++)
			if (strcmp(info->field_names[i], ident_fields[j]) == 0)
				info->ident_field = i;
	}
	info->kind = AK_OTHER;
	for (int i = 0; i < (int) lengthof(kind_names); i++)
		if (strcmp(info->name, kind_names[i].name) == 0)
		{
			info->kind = kind_names[i].kind;
			info->comp_name = kind_names[i].comp_name;
		}
	Py_DECREF(name);
	Py_DECREF(fields);
	Py_DECREF(attributes);
	MemoryContextSwitchTo(old);
	return info;
}

ClassInfo  *
ast_class_info(PyTypeObject *type)
{
	uint32		h = (uint32) (((uintptr_t) type) >> 4) % CLASS_TABLE_SIZE;

	for (int probe = 0; probe < CLASS_TABLE_SIZE; probe++)
	{
		ClassInfo  *info = class_table[(h + probe) % CLASS_TABLE_SIZE];

		if (info == NULL)
			return class_table[(h + probe) % CLASS_TABLE_SIZE] = build_class_info(type);
		if (info->type == type)
			return info;
	}
	elog(ERROR, "too many ast node classes");
}

void
ast_jb_key(JsonbParseState **state, const char *key)
{
	JsonbValue	k;

	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	pushJsonbValue(state, WJB_KEY, &k);
}

void
ast_jb_class_name(JsonbParseState **state, ClassInfo *info)
{
	JsonbValue	v;

	v.type = jbvString;
	v.val.string.val = (char *) info->name;
	v.val.string.len = strlen(info->name);
	pushJsonbValue(state, WJB_VALUE, &v);
}

Jsonb	   *
ast_singleton_jsonb(const char *field, ClassInfo *vinfo)
{
	MemoryContext old;
	JsonbParseState *state = NULL;
	Jsonb	   *result;
	int			i;

	for (i = 0; i < (int) lengthof(vinfo->attr_fields) && vinfo->attr_fields[i] != NULL; i++)
		if (strcmp(vinfo->attr_fields[i], field) == 0)
			return vinfo->attr_jsonb[i];
	old = MemoryContextSwitchTo(i < (int) lengthof(vinfo->attr_fields) ? TopMemoryContext : CurrentMemoryContext);
	pushJsonbValue(&state, WJB_BEGIN_OBJECT, NULL);
	ast_jb_key(&state, field);
	ast_jb_class_name(&state, vinfo);
	result = JsonbValueToJsonb(pushJsonbValue(&state, WJB_END_OBJECT, NULL));
	if (i < (int) lengthof(vinfo->attr_fields))
	{
		vinfo->attr_fields[i] = pstrdup(field);
		vinfo->attr_jsonb[i] = result;
	}
	MemoryContextSwitchTo(old);
	return result;
}
