/*
 * ast_classes.h: what the AST walk knows about CPython's node classes, and how it reads
 * a node's fields: from the node's own __dict__, as borrowed references (the tree keeps
 * every value alive), with interned names.
 *
 * Include postgres.h and python/pyembed.h first.
 */
#ifndef CODECPG_AST_CLASSES_H
#define CODECPG_AST_CLASSES_H

#include "utils/builtins.h"
#include "utils/jsonb.h"

typedef enum AstKind
{
	AK_OTHER,
	AK_MODULE,
	AK_FUNCTION,
	AK_ASYNC_FUNCTION,
	AK_CLASS,
	AK_LAMBDA,
	AK_COMP,					/* ListComp, SetComp, DictComp, GeneratorExp */
	AK_COMPREHENSION,			/* a comprehension clause */
	AK_IMPORT,
	AK_IMPORT_FROM,
	AK_ALIAS,
	AK_CALL,
	AK_GLOBAL,
	AK_NAME,
	AK_ATTRIBUTE,
	AK_EXPR,
	AK_CONSTANT,
	AK_TYPE_IGNORE
} AstKind;

/* What the walk needs to know about one node class, computed once per backend. */
typedef struct ClassInfo
{
	PyTypeObject *type;
	const char *name;
	text	   *name_text;
	int			nfields;
	PyObject  **fields;			/* interned field names */
	const char **field_names;
	text	  **field_texts;
	int			ident_field;	/* field holding the node's identifier, or -1 */
	int			value_field;	/* field named "value", or -1 */
	bool		positioned;		/* has lineno/col_offset attributes */
	bool		singleton;		/* expr_context, operator, boolop, unaryop, cmpop */
	AstKind		kind;
	const char *comp_name;		/* <listcomp> ... for AK_COMP */
	/* For singletons: {"<field>": "<this class>"} jsonb per owner field, built once. */
	const char *attr_fields[4];
	Jsonb	   *attr_jsonb[4];
} ClassInfo;

extern PyObject *ast_base_type;
/* Interned names of the fields and attributes the walk reads. */
extern PyObject *ast_s_lineno,
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

extern void ast_classes_init(void);
extern ClassInfo *ast_class_info(PyTypeObject *type);
extern Jsonb *ast_singleton_jsonb(const char *field, ClassInfo *vinfo);
extern void ast_jb_key(JsonbParseState **state, const char *key);
extern void ast_jb_class_name(JsonbParseState **state, ClassInfo *info);

static inline bool
is_ast(PyObject *obj)
{
	return PyObject_TypeCheck(obj, (PyTypeObject *) ast_base_type);
}

/* A node's attribute dict (borrowed), where ast stores fields and positions. */
static inline PyObject *
node_dict(PyObject *node)
{
	PyObject  **dictptr = _PyObject_GetDictPtr(node);

	return (dictptr && *dictptr) ? *dictptr : NULL;
}

/* A borrowed field value, or NULL when absent. */
static inline PyObject *
dict_get(PyObject *dict, PyObject *key)
{
	PyObject   *value;

	if (dict == NULL)
		return NULL;
	value = PyDict_GetItemWithError(dict, key);
	if (value == NULL && PyErr_Occurred())
		PyErr_Clear();
	return value;
}

static inline int32
dict_int(PyObject *dict, PyObject *key)
{
	PyObject   *value = dict_get(dict, key);
	long		result;

	if (value == NULL || !PyLong_Check(value))
		return -1;
	result = PyLong_AsLong(value);
	if (result == -1 && PyErr_Occurred())
		PyErr_Clear();
	return (result < 0 || result > PG_INT32_MAX) ? -1 : (int32) result;
}

/* UTF-8 of a str (cached by the str object), or NULL for non-str or unencodable text. */
static inline const char *
str_utf8(PyObject *value, Py_ssize_t *len)
{
	const char *utf8;

	if (value == NULL || !PyUnicode_Check(value))
		return NULL;
	utf8 = PyUnicode_AsUTF8AndSize(value, len);
	if (utf8 == NULL)
		PyErr_Clear();
	return utf8;
}

/* PostgreSQL text cannot hold NUL: such a str has no text value. */
static inline text *
str_text(PyObject *value)
{
	Py_ssize_t	len;
	const char *utf8 = str_utf8(value, &len);

	if (utf8 == NULL || memchr(utf8, '\0', len) != NULL)
		return NULL;
	return cstring_to_text_with_len(utf8, len);
}


#endif
