/*
 * scip_json.c - reader for the protobuf JSON mapping of a SCIP Index
 * (jansson), producing the same model as the wire reader.
 *
 * JSON has no byte offsets once parsed, so errors locate themselves by path
 * (documents[3].occurrences[7].range) and report the element ordinal as offset.
 */
#include "scip_wire.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "scip_enums.h"
#include "scip_util.h"

struct ScipJson
{
	json_t	   *root;
};

/*
 * Counting allocator for jansson, which parses into malloc'd nodes of several
 * times the input's size.  Each block carries its size, so that the free
 * function can give it back to the count.  It is installed before the first
 * parse, so every block jansson frees came from it.
 */
typedef union JsonBlock
{
	size_t		size;
	long double align_ld;		/* keeps the payload aligned as malloc's */
	long long	align_ll;
	void	   *align_p;
} JsonBlock;

static size_t json_used;		/* bytes held by jansson now */
static size_t json_limit;		/* 0: no limit */
static int	json_over;			/* an allocation was refused for the limit */

static void *
json_counted_malloc(size_t size)
{
	JsonBlock  *b;

	if (json_limit && (json_used > json_limit || size > json_limit - json_used))
	{
		json_over = 1;
		return NULL;
	}
	if (size > SIZE_MAX - sizeof(JsonBlock) || !(b = malloc(sizeof(JsonBlock) + size)))
		return NULL;
	b->size = size;
	json_used += size;
	return b + 1;
}

static void
json_counted_free(void *p)
{
	JsonBlock  *b;

	if (!p)
		return;
	b = (JsonBlock *) p - 1;
	json_used -= b->size;
	free(b);
}

void
scip_json_set_memory_limit(size_t limit)
{
	json_limit = limit;
}

size_t
scip_json_memory(void)
{
	return json_used;
}

typedef struct Jr
{
	const ScipAlloc *alloc;
	ScipError  *err;
	uint64_t	ordinal;		/* element being decoded, for error offsets */
	const char *where;			/* element kind being decoded, for messages */
} Jr;

static int
jfail(Jr *j, const char *field, const char *what)
{
	return scip_set_error(j->err, SCIP_ERR_JSON, j->ordinal,
						  "%s %llu: field \"%s\" %s", j->where,
						  (unsigned long long) j->ordinal, field, what);
}

/* proto3 JSON parsers accept the lowerCamelCase name and the original name */
static json_t *
jget(json_t *obj, const char *camel, const char *snake)
{
	json_t	   *v = json_object_get(obj, camel);

	if (!v && snake)
		v = json_object_get(obj, snake);
	if (v && json_is_null(v))
		return NULL;
	return v;
}

static int
jstring(Jr *j, json_t *v, const char *field, ScipStr *out)
{
	if (!json_is_string(v))
		return jfail(j, field, "must be a string");
	return scip_check_string(j->err, json_string_value(v), json_string_length(v),
							 j->ordinal, out);
}

static int
jstr_field(Jr *j, json_t *obj, const char *camel, const char *snake, ScipStr *out)
{
	json_t	   *v = jget(obj, camel, snake);

	return v ? jstring(j, v, camel, out) : SCIP_OK;
}

/* int32 from a number, an integral real or a decimal string, range-checked */
static int
jint(Jr *j, json_t *v, const char *field, const ScipEnumName *names, int32_t *out)
{
	long long	x;

	if (json_is_integer(v))
		x = json_integer_value(v);
	else if (json_is_real(v))
	{
		double		d = json_real_value(v);

		if (!(d >= -2147483648.0 && d <= 2147483647.0) || d != (double) (int32_t) d)
			return jfail(j, field, "must be an integral int32");
		x = (long long) d;
	}
	else if (json_is_string(v))
	{
		const char *s = json_string_value(v);
		char	   *endp;

		if (names)
		{
			for (const ScipEnumName *e = names; e->name; e++)
				if (strcmp(e->name, s) == 0)
				{
					*out = e->value;
					return SCIP_OK;
				}
		}
		errno = 0;
		x = strtoll(s, &endp, 10);
		if (*s == '\0' || *endp != '\0' || errno != 0)
			return jfail(j, field, names ? "is not a known enum name or a number"
						 : "is not a decimal integer");
	}
	else
		return jfail(j, field, "must be a number");
	if (x < INT32_MIN || x > INT32_MAX)
		return jfail(j, field, "is out of the int32 range");
	*out = (int32_t) x;
	return SCIP_OK;
}

static int
jint_field(Jr *j, json_t *obj, const char *camel, const char *snake,
		   const ScipEnumName *names, int32_t *out)
{
	json_t	   *v = jget(obj, camel, snake);

	return v ? jint(j, v, camel, names, out) : SCIP_OK;
}

static int
jbool_field(Jr *j, json_t *obj, const char *camel, const char *snake, bool *out)
{
	json_t	   *v = jget(obj, camel, snake);

	if (!v)
		return SCIP_OK;
	if (!json_is_boolean(v))
		return jfail(j, camel, "must be true or false");
	*out = json_is_true(v);
	return SCIP_OK;
}

/* Returns the array for a repeated field, NULL if absent, or sets an error. */
static json_t *
jarray(Jr *j, json_t *obj, const char *camel, const char *snake, int *rc)
{
	json_t	   *v = jget(obj, camel, snake);

	*rc = SCIP_OK;
	if (v && !json_is_array(v))
	{
		*rc = jfail(j, camel, "must be an array");
		return NULL;
	}
	return v;
}

static int
jints_field(Jr *j, json_t *obj, const char *camel, const char *snake,
			const ScipEnumName *names, ScipI32Vec *vec)
{
	int			rc;
	json_t	   *arr = jarray(j, obj, camel, snake, &rc);
	size_t		i;
	json_t	   *v;

	json_array_foreach(arr, i, v)
	{
		int32_t    *slot = SCIP_VEC_PUSH(j->alloc, j->err, vec, j->ordinal);

		if (!slot)
			return j->err->code;
		if ((rc = jint(j, v, camel, names, slot)))
			return rc;
	}
	return rc;
}

static int
jstrings_field(Jr *j, json_t *obj, const char *camel, const char *snake, ScipStrVec *vec)
{
	int			rc;
	json_t	   *arr = jarray(j, obj, camel, snake, &rc);
	size_t		i;
	json_t	   *v;

	json_array_foreach(arr, i, v)
	{
		ScipStr    *slot = SCIP_VEC_PUSH(j->alloc, j->err, vec, j->ordinal);

		if (!slot)
			return j->err->code;
		if ((rc = jstring(j, v, camel, slot)))
			return rc;
	}
	return rc;
}

static int
jobject(Jr *j, json_t *v, const char *field)
{
	return json_is_object(v) ? SCIP_OK : jfail(j, field, "must be an object");
}

static int
jmetadata(Jr *j, json_t *o, ScipMetadata *m)
{
	int			rc;
	json_t	   *t;

	if ((rc = jobject(j, o, "metadata")))
		return rc;
	m->present = true;
	if ((rc = jint_field(j, o, "version", NULL, enum_protocol_version, &m->version)) ||
		(rc = jstr_field(j, o, "projectRoot", "project_root", &m->project_root)) ||
		(rc = jint_field(j, o, "textDocumentEncoding", "text_document_encoding",
						 enum_text_encoding, &m->text_document_encoding)))
		return rc;
	if ((t = jget(o, "toolInfo", "tool_info")))
	{
		if ((rc = jobject(j, t, "toolInfo")))
			return rc;
		m->has_tool_info = true;
		if ((rc = jstr_field(j, t, "name", NULL, &m->tool_info.name)) ||
			(rc = jstr_field(j, t, "version", NULL, &m->tool_info.version)) ||
			(rc = jstrings_field(j, t, "arguments", NULL, &m->tool_info.arguments)))
			return rc;
	}
	return SCIP_OK;
}

static int
jdiagnostic(Jr *j, json_t *o, ScipDiagnostic *d)
{
	int			rc;

	if ((rc = jobject(j, o, "diagnostics")) ||
		(rc = jint_field(j, o, "severity", NULL, enum_severity, &d->severity)) ||
		(rc = jstr_field(j, o, "code", NULL, &d->code)) ||
		(rc = jstr_field(j, o, "message", NULL, &d->message)) ||
		(rc = jstr_field(j, o, "source", NULL, &d->source)) ||
		(rc = jints_field(j, o, "tags", NULL, enum_diagnostic_tag, &d->tags)))
		return rc;
	return SCIP_OK;
}

static int
joccurrence(Jr *j, json_t *o, ScipOccurrence *occ)
{
	int			rc;
	json_t	   *arr,
			   *v;
	size_t		i;

	if ((rc = jobject(j, o, "occurrences")) ||
		(rc = jints_field(j, o, "range", NULL, NULL, &occ->range)) ||
		(rc = jstr_field(j, o, "symbol", NULL, &occ->symbol)) ||
		(rc = jint_field(j, o, "symbolRoles", "symbol_roles", NULL, &occ->symbol_roles)) ||
		(rc = jstrings_field(j, o, "overrideDocumentation", "override_documentation",
							 &occ->override_documentation)) ||
		(rc = jint_field(j, o, "syntaxKind", "syntax_kind", enum_syntax_kind,
						 &occ->syntax_kind)) ||
		(rc = jints_field(j, o, "enclosingRange", "enclosing_range", NULL,
						  &occ->enclosing_range)))
		return rc;
	arr = jarray(j, o, "diagnostics", NULL, &rc);
	json_array_foreach(arr, i, v)
	{
		ScipDiagnostic *d = SCIP_VEC_PUSH(j->alloc, j->err, &occ->diagnostics, j->ordinal);

		if (!d)
			return j->err->code;
		if ((rc = jdiagnostic(j, v, d)))
			return rc;
	}
	return rc;
}

static int	jdocument(Jr *j, json_t *o, ScipDocument *d, int depth);

static int
jsymbol(Jr *j, json_t *o, ScipSymbolInfo *s, int depth)
{
	int			rc;
	json_t	   *arr,
			   *v;
	size_t		i;

	if ((rc = jobject(j, o, "symbols")) ||
		(rc = jstr_field(j, o, "symbol", NULL, &s->symbol)) ||
		(rc = jstrings_field(j, o, "documentation", NULL, &s->documentation)) ||
		(rc = jint_field(j, o, "kind", NULL, enum_symbol_kind, &s->kind)) ||
		(rc = jstr_field(j, o, "displayName", "display_name", &s->display_name)) ||
		(rc = jstr_field(j, o, "enclosingSymbol", "enclosing_symbol", &s->enclosing_symbol)))
		return rc;
	arr = jarray(j, o, "relationships", NULL, &rc);
	json_array_foreach(arr, i, v)
	{
		ScipRelationship *x = SCIP_VEC_PUSH(j->alloc, j->err, &s->relationships, j->ordinal);

		if (!x)
			return j->err->code;
		if ((rc = jobject(j, v, "relationships")) ||
			(rc = jstr_field(j, v, "symbol", NULL, &x->symbol)) ||
			(rc = jbool_field(j, v, "isReference", "is_reference", &x->is_reference)) ||
			(rc = jbool_field(j, v, "isImplementation", "is_implementation",
							  &x->is_implementation)) ||
			(rc = jbool_field(j, v, "isTypeDefinition", "is_type_definition",
							  &x->is_type_definition)) ||
			(rc = jbool_field(j, v, "isDefinition", "is_definition", &x->is_definition)))
			return rc;
	}
	if (rc)
		return rc;
	if ((v = jget(o, "signatureDocumentation", "signature_documentation")))
	{
		if (!(s->signature_documentation = scip_zalloc(j->alloc, j->err,
													   sizeof(ScipDocument), j->ordinal)))
			return j->err->code;
		return jdocument(j, v, s->signature_documentation, depth + 1);
	}
	return SCIP_OK;
}

static int
jdocument(Jr *j, json_t *o, ScipDocument *d, int depth)
{
	int			rc;
	json_t	   *arr,
			   *v;
	size_t		i;

	if (depth > SCIP_MAX_DEPTH)
		return scip_set_error(j->err, SCIP_ERR_DEPTH, j->ordinal,
							  "%s %llu: documents nested deeper than %d levels", j->where,
							  (unsigned long long) j->ordinal, SCIP_MAX_DEPTH);
	if ((rc = jobject(j, o, "documents")) ||
		(rc = jstr_field(j, o, "relativePath", "relative_path", &d->relative_path)) ||
		(rc = jstr_field(j, o, "language", NULL, &d->language)) ||
		(rc = jstr_field(j, o, "text", NULL, &d->text)) ||
		(rc = jint_field(j, o, "positionEncoding", "position_encoding",
						 enum_position_encoding, &d->position_encoding)))
		return rc;
	arr = jarray(j, o, "occurrences", NULL, &rc);
	json_array_foreach(arr, i, v)
	{
		ScipOccurrence *occ = SCIP_VEC_PUSH(j->alloc, j->err, &d->occurrences, j->ordinal);

		if (!occ)
			return j->err->code;
		if ((rc = joccurrence(j, v, occ)))
			return rc;
	}
	if (rc)
		return rc;
	arr = jarray(j, o, "symbols", NULL, &rc);
	json_array_foreach(arr, i, v)
	{
		ScipSymbolInfo *s = SCIP_VEC_PUSH(j->alloc, j->err, &d->symbols, j->ordinal);

		if (!s)
			return j->err->code;
		if ((rc = jsymbol(j, v, s, depth)))
			return rc;
	}
	return rc;
}

ScipJson *
scip_json_parse(const char *buf, size_t len, ScipError *err)
{
	json_error_t jerr;
	json_t	   *root;
	ScipJson   *doc;
	static int	counting;

	memset(err, 0, sizeof(*err));
	if (!counting)
	{
		json_set_alloc_funcs(json_counted_malloc, json_counted_free);
		counting = 1;
	}
	json_over = 0;
	root = json_loadb(buf, len, JSON_DECODE_ANY, &jerr);
	if (!root && json_over)
	{
		scip_set_error(err, SCIP_ERR_BUDGET, jerr.position,
					   "parsing the JSON needs more than %zu bytes (at byte %d)",
					   json_limit, jerr.position);
		return NULL;
	}
	if (!root)
	{
		scip_set_error(err, SCIP_ERR_JSON, jerr.position,
					   "invalid JSON at byte %d (line %d, column %d): %s",
					   jerr.position, jerr.line, jerr.column, jerr.text);
		return NULL;
	}
	if (!json_is_object(root) && !json_is_array(root))
	{
		json_decref(root);
		scip_set_error(err, SCIP_ERR_JSON, 0, "a SCIP index must be a JSON object or an array of objects");
		return NULL;
	}
	if (!(doc = malloc(sizeof(*doc))))
	{
		json_decref(root);
		scip_set_error(err, SCIP_ERR_NOMEM, 0, "out of memory");
		return NULL;
	}
	doc->root = root;
	return doc;
}

void
scip_json_free(ScipJson *doc)
{
	if (doc)
	{
		json_decref(doc->root);
		free(doc);
	}
}

/* The Index objects: the root itself, or the elements of a root array. */
static json_t *
index_at(ScipJson *doc, size_t k)
{
	if (json_is_object(doc->root))
		return k == 0 ? doc->root : NULL;
	return json_array_get(doc->root, k);
}

int
scip_json_visit(ScipJson *doc, const ScipVisitor *visitor, const ScipAlloc *alloc,
				ScipError *err)
{
	Jr			j = {alloc, err, 0, "index"};
	ScipMetadata meta;
	json_t	   *idx;
	int			rc;

	memset(err, 0, sizeof(*err));
	memset(&meta, 0, sizeof(meta));
	for (size_t k = 0; (idx = index_at(doc, k)); k++)
	{
		json_t	   *m;

		j.ordinal = k;
		if (!json_is_object(idx))
			return scip_set_error(err, SCIP_ERR_JSON, k, "index %zu is not a JSON object", k);
		if ((m = jget(idx, "metadata", NULL)) && (rc = jmetadata(&j, m, &meta)))
			return rc;
	}
	if (visitor->metadata && visitor->metadata(visitor->ctx, &meta))
		return scip_set_error(err, SCIP_ERR_VISITOR, 0, "stopped by the caller");
	if (alloc->reset)
		alloc->reset(alloc->ctx);

	for (size_t k = 0; (idx = index_at(doc, k)); k++)
	{
		static const char *const lists[2][2] = {
			{"documents", NULL}, {"externalSymbols", "external_symbols"}
		};

		for (int which = 0; which < 2; which++)
		{
			json_t	   *arr = jarray(&j, idx, lists[which][0], lists[which][1], &rc);
			size_t		i;
			json_t	   *v;

			if (rc)
				return rc;
			json_array_foreach(arr, i, v)
			{
				j.ordinal = i;
				if (which == 0)
				{
					ScipDocument d;

					memset(&d, 0, sizeof(d));
					j.where = "document";
					if ((rc = jdocument(&j, v, &d, 1)))
						return rc;
					if (visitor->document && visitor->document(visitor->ctx, &d, i))
						return scip_set_error(err, SCIP_ERR_VISITOR, i, "stopped by the caller");
				}
				else
				{
					ScipSymbolInfo s;

					memset(&s, 0, sizeof(s));
					j.where = "external symbol";
					if ((rc = jsymbol(&j, v, &s, 1)))
						return rc;
					if (visitor->external_symbol && visitor->external_symbol(visitor->ctx, &s, i))
						return scip_set_error(err, SCIP_ERR_VISITOR, i, "stopped by the caller");
				}
				if (alloc->reset)
					alloc->reset(alloc->ctx);
			}
		}
	}
	return SCIP_OK;
}
