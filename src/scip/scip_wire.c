/*
 * scip_wire.c - protobuf wire-format reader for SCIP indexes.
 *
 * Every varint and length prefix is checked against the bytes that remain in
 * the enclosing message before it is used, and no allocation is sized by a
 * number read from the input: vectors grow by doubling as elements are
 * actually decoded, so memory stays proportional to the bytes consumed.
 */
#include "scip_wire.h"

#include <stdarg.h>
#include <string.h>

#include "scip_util.h"

typedef struct Rd
{
	const uint8_t *base;		/* start of the whole input, for offsets */
	size_t		pos;
	size_t		end;			/* end of the current message */
	const ScipAlloc *alloc;
	ScipError  *err;
} Rd;

enum
{
	WT_VARINT = 0, WT_I64 = 1, WT_LEN = 2, WT_I32 = 5
};

static int	rd_fail(Rd *r, ScipErrCode code, size_t at, const char *fmt,...)
			__attribute__((format(printf, 4, 5)));

static int
rd_fail(Rd *r, ScipErrCode code, size_t at, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	scip_set_errorv(r->err, code, at, fmt, ap);
	va_end(ap);
	return code;
}

static int
read_varint(Rd *r, uint64_t *out)
{
	uint64_t	v = 0;
	size_t		start = r->pos;

	for (int i = 0; i < 10; i++)
	{
		uint8_t		b;

		if (r->pos >= r->end)
			return rd_fail(r, SCIP_ERR_TRUNCATED, start,
						   "varint at byte %zu runs past the end of its message (byte %zu)",
						   start, r->end);
		b = r->base[r->pos++];
		/* the tenth byte may only contribute bit 63 */
		if (i == 9 && b > 1)
			return rd_fail(r, SCIP_ERR_VARINT, start,
						   "varint at byte %zu overflows 64 bits", start);
		v |= (uint64_t) (b & 0x7f) << (7 * i);
		if ((b & 0x80) == 0)
		{
			*out = v;
			return SCIP_OK;
		}
	}
	return rd_fail(r, SCIP_ERR_VARINT, start,
				   "varint at byte %zu is longer than 10 bytes", start);
}

static int
read_tag(Rd *r, uint32_t *field, int *wt)
{
	uint64_t	v;
	size_t		start = r->pos;
	int			rc = read_varint(r, &v);

	if (rc)
		return rc;
	*wt = (int) (v & 7);
	if ((v >> 3) == 0 || (v >> 3) > 0x1fffffff)
		return rd_fail(r, SCIP_ERR_TAG, start,
					   "invalid field number %llu in tag at byte %zu",
					   (unsigned long long) (v >> 3), start);
	*field = (uint32_t) (v >> 3);
	return SCIP_OK;
}

/* Reads a length prefix and checks it against the rest of the message. */
static int
read_len(Rd *r, size_t *len)
{
	uint64_t	v;
	size_t		start = r->pos;
	int			rc = read_varint(r, &v);

	if (rc)
		return rc;
	if (v > r->end - r->pos)
		return rd_fail(r, SCIP_ERR_TRUNCATED, start,
					   "length %llu at byte %zu exceeds the %zu bytes left in its message",
					   (unsigned long long) v, start, r->end - r->pos);
	*len = (size_t) v;
	return SCIP_OK;
}

static int
skip_field(Rd *r, int wt, uint32_t field, size_t tagpos)
{
	uint64_t	v;
	size_t		n = 0;

	switch (wt)
	{
		case WT_VARINT:
			return read_varint(r, &v);
		case WT_I64:
		case WT_I32:
			n = wt == WT_I64 ? 8 : 4;
			if (r->end - r->pos < n)
				return rd_fail(r, SCIP_ERR_TRUNCATED, r->pos,
							   "fixed-width field %u at byte %zu needs %zu bytes, %zu left",
							   field, tagpos, n, r->end - r->pos);
			r->pos += n;
			return SCIP_OK;
		case WT_LEN:
			{
				int			rc = read_len(r, &n);

				if (rc)
					return rc;
				r->pos += n;
				return SCIP_OK;
			}
		default:
			return rd_fail(r, SCIP_ERR_WIRETYPE, tagpos,
						   "unsupported wire type %d for field %u at byte %zu",
						   wt, field, tagpos);
	}
}

static int
want_wt(Rd *r, int wt, int expected, const char *name, size_t tagpos)
{
	if (wt == expected)
		return SCIP_OK;
	return rd_fail(r, SCIP_ERR_WIRETYPE, tagpos,
				   "field %s at byte %zu has wire type %d, expected %d",
				   name, tagpos, wt, expected);
}

/* Enters a length-delimited field: on success *sub spans its payload. */
static int
enter(Rd *r, Rd *sub)
{
	size_t		len = 0;
	int			rc = read_len(r, &len);

	if (rc)
		return rc;
	*sub = *r;
	sub->end = r->pos + len;
	r->pos += len;
	return SCIP_OK;
}

static int
read_string(Rd *r, ScipStr *out)
{
	Rd			sub;
	int			rc = enter(r, &sub);

	if (rc)
		return rc;
	return scip_check_string(r->err, (const char *) r->base + sub.pos,
							 sub.end - sub.pos, sub.pos, out);
}

static int
read_i32(Rd *r, int32_t *out)
{
	uint64_t	v;
	int			rc = read_varint(r, &v);

	/* protobuf int32 and enums keep the low 32 bits (negatives are sign-extended) */
	if (rc == SCIP_OK)
		*out = (int32_t) (uint32_t) v;
	return rc;
}

static int
read_bool(Rd *r, bool *out)
{
	uint64_t	v;
	int			rc = read_varint(r, &v);

	if (rc == SCIP_OK)
		*out = v != 0;
	return rc;
}

/* repeated int32: packed (one length-delimited run) or one varint per tag */
static int
read_i32s(Rd *r, int wt, ScipI32Vec *vec, const char *name, size_t tagpos)
{
	int32_t    *slot;

	if (wt == WT_VARINT)
	{
		int32_t		x;
		int			rc = read_i32(r, &x);

		if (rc)
			return rc;
		if (!(slot = SCIP_VEC_PUSH(r->alloc, r->err, vec, r->pos)))
			return r->err->code;
		*slot = x;
		return SCIP_OK;
	}
	if (wt == WT_LEN)
	{
		Rd			sub;
		int			rc = enter(r, &sub);

		if (rc)
			return rc;
		while (sub.pos < sub.end)
		{
			int32_t		x;

			if ((rc = read_i32(&sub, &x)))
				return rc;
			if (!(slot = SCIP_VEC_PUSH(r->alloc, r->err, vec, sub.pos)))
				return r->err->code;
			*slot = x;
		}
		return SCIP_OK;
	}
	return want_wt(r, wt, WT_LEN, name, tagpos);
}

static int
push_string(Rd *r, ScipStrVec *vec)
{
	ScipStr    *slot = SCIP_VEC_PUSH(r->alloc, r->err, vec, r->pos);

	if (!slot)
		return r->err->code;
	return read_string(r, slot);
}

/*
 * The message decoders below all follow one shape: read a tag, check the wire
 * type of known fields, decode in place (scalars overwrite and repeated fields
 * append, which is protobuf's merge), skip unknown fields.  Calling a decoder on
 * an already-filled struct therefore merges, as a repeated singular message
 * field must.
 */
#define FIELD_LOOP(r) \
	while ((r)->pos < (r)->end) \
	{ \
		uint32_t	field; \
		int			wt; \
		size_t		tagpos = (r)->pos; \
		int			rc = read_tag((r), &field, &wt); \
		if (rc) \
			return rc; \
		switch (field)

#define FIELD_LOOP_END(r) \
		if (rc) \
			return rc; \
	} \
	return SCIP_OK

#define WANT(r, expected, name) \
	if ((rc = want_wt((r), wt, (expected), (name), tagpos))) \
		break

#define DEFAULT_SKIP(r) \
	default: \
		rc = skip_field((r), wt, field, tagpos); \
		break

static int
decode_tool_info(Rd *r, ScipToolInfo *t)
{
	FIELD_LOOP(r)
	{
		case 1:
			WANT(r, WT_LEN, "ToolInfo.name");
			rc = read_string(r, &t->name);
			break;
		case 2:
			WANT(r, WT_LEN, "ToolInfo.version");
			rc = read_string(r, &t->version);
			break;
		case 3:
			WANT(r, WT_LEN, "ToolInfo.arguments");
			rc = push_string(r, &t->arguments);
			break;
			DEFAULT_SKIP(r);
	}
	FIELD_LOOP_END(r);
}

static int
decode_metadata(Rd *r, ScipMetadata *m)
{
	m->present = true;
	FIELD_LOOP(r)
	{
		case 1:
			WANT(r, WT_VARINT, "Metadata.version");
			rc = read_i32(r, &m->version);
			break;
		case 2:
			{
				Rd			sub;

				WANT(r, WT_LEN, "Metadata.tool_info");
				if ((rc = enter(r, &sub)))
					break;
				m->has_tool_info = true;
				rc = decode_tool_info(&sub, &m->tool_info);
				break;
			}
		case 3:
			WANT(r, WT_LEN, "Metadata.project_root");
			rc = read_string(r, &m->project_root);
			break;
		case 4:
			WANT(r, WT_VARINT, "Metadata.text_document_encoding");
			rc = read_i32(r, &m->text_document_encoding);
			break;
			DEFAULT_SKIP(r);
	}
	FIELD_LOOP_END(r);
}

static int
decode_diagnostic(Rd *r, ScipDiagnostic *d)
{
	FIELD_LOOP(r)
	{
		case 1:
			WANT(r, WT_VARINT, "Diagnostic.severity");
			rc = read_i32(r, &d->severity);
			break;
		case 2:
			WANT(r, WT_LEN, "Diagnostic.code");
			rc = read_string(r, &d->code);
			break;
		case 3:
			WANT(r, WT_LEN, "Diagnostic.message");
			rc = read_string(r, &d->message);
			break;
		case 4:
			WANT(r, WT_LEN, "Diagnostic.source");
			rc = read_string(r, &d->source);
			break;
		case 5:
			rc = read_i32s(r, wt, &d->tags, "Diagnostic.tags", tagpos);
			break;
			DEFAULT_SKIP(r);
	}
	FIELD_LOOP_END(r);
}

static int
decode_occurrence(Rd *r, ScipOccurrence *o)
{
	FIELD_LOOP(r)
	{
		case 1:
			rc = read_i32s(r, wt, &o->range, "Occurrence.range", tagpos);
			break;
		case 2:
			WANT(r, WT_LEN, "Occurrence.symbol");
			rc = read_string(r, &o->symbol);
			break;
		case 3:
			WANT(r, WT_VARINT, "Occurrence.symbol_roles");
			rc = read_i32(r, &o->symbol_roles);
			break;
		case 4:
			WANT(r, WT_LEN, "Occurrence.override_documentation");
			rc = push_string(r, &o->override_documentation);
			break;
		case 5:
			WANT(r, WT_VARINT, "Occurrence.syntax_kind");
			rc = read_i32(r, &o->syntax_kind);
			break;
		case 6:
			{
				Rd			sub;
				ScipDiagnostic *d;

				WANT(r, WT_LEN, "Occurrence.diagnostics");
				if ((rc = enter(r, &sub)))
					break;
				if (!(d = SCIP_VEC_PUSH(r->alloc, r->err, &o->diagnostics, tagpos)))
					return r->err->code;
				rc = decode_diagnostic(&sub, d);
				break;
			}
		case 7:
			rc = read_i32s(r, wt, &o->enclosing_range, "Occurrence.enclosing_range", tagpos);
			break;
			DEFAULT_SKIP(r);
	}
	FIELD_LOOP_END(r);
}

static int
decode_relationship(Rd *r, ScipRelationship *x)
{
	FIELD_LOOP(r)
	{
		case 1:
			WANT(r, WT_LEN, "Relationship.symbol");
			rc = read_string(r, &x->symbol);
			break;
		case 2:
			WANT(r, WT_VARINT, "Relationship.is_reference");
			rc = read_bool(r, &x->is_reference);
			break;
		case 3:
			WANT(r, WT_VARINT, "Relationship.is_implementation");
			rc = read_bool(r, &x->is_implementation);
			break;
		case 4:
			WANT(r, WT_VARINT, "Relationship.is_type_definition");
			rc = read_bool(r, &x->is_type_definition);
			break;
		case 5:
			WANT(r, WT_VARINT, "Relationship.is_definition");
			rc = read_bool(r, &x->is_definition);
			break;
			DEFAULT_SKIP(r);
	}
	FIELD_LOOP_END(r);
}

static int	decode_document(Rd *r, ScipDocument *d, int depth);

static int
decode_symbol_info(Rd *r, ScipSymbolInfo *s, int depth)
{
	FIELD_LOOP(r)
	{
		case 1:
			WANT(r, WT_LEN, "SymbolInformation.symbol");
			rc = read_string(r, &s->symbol);
			break;
		case 3:
			WANT(r, WT_LEN, "SymbolInformation.documentation");
			rc = push_string(r, &s->documentation);
			break;
		case 4:
			{
				Rd			sub;
				ScipRelationship *x;

				WANT(r, WT_LEN, "SymbolInformation.relationships");
				if ((rc = enter(r, &sub)))
					break;
				if (!(x = SCIP_VEC_PUSH(r->alloc, r->err, &s->relationships, tagpos)))
					return r->err->code;
				rc = decode_relationship(&sub, x);
				break;
			}
		case 5:
			WANT(r, WT_VARINT, "SymbolInformation.kind");
			rc = read_i32(r, &s->kind);
			break;
		case 6:
			WANT(r, WT_LEN, "SymbolInformation.display_name");
			rc = read_string(r, &s->display_name);
			break;
		case 7:
			{
				Rd			sub;

				WANT(r, WT_LEN, "SymbolInformation.signature_documentation");
				if ((rc = enter(r, &sub)))
					break;
				if (!s->signature_documentation)
				{
					s->signature_documentation = scip_zalloc(r->alloc, r->err,
															 sizeof(ScipDocument), tagpos);
					if (!s->signature_documentation)
						return r->err->code;
				}
				rc = decode_document(&sub, s->signature_documentation, depth + 1);
				break;
			}
		case 8:
			WANT(r, WT_LEN, "SymbolInformation.enclosing_symbol");
			rc = read_string(r, &s->enclosing_symbol);
			break;
			DEFAULT_SKIP(r);
	}
	FIELD_LOOP_END(r);
}

static int
decode_document(Rd *r, ScipDocument *d, int depth)
{
	if (depth > SCIP_MAX_DEPTH)
		return rd_fail(r, SCIP_ERR_DEPTH, r->pos,
					   "documents nested deeper than %d levels at byte %zu",
					   SCIP_MAX_DEPTH, r->pos);
	FIELD_LOOP(r)
	{
		case 1:
			WANT(r, WT_LEN, "Document.relative_path");
			rc = read_string(r, &d->relative_path);
			break;
		case 2:
			{
				Rd			sub;
				ScipOccurrence *o;

				WANT(r, WT_LEN, "Document.occurrences");
				if ((rc = enter(r, &sub)))
					break;
				if (!(o = SCIP_VEC_PUSH(r->alloc, r->err, &d->occurrences, tagpos)))
					return r->err->code;
				rc = decode_occurrence(&sub, o);
				break;
			}
		case 3:
			{
				Rd			sub;
				ScipSymbolInfo *s;

				WANT(r, WT_LEN, "Document.symbols");
				if ((rc = enter(r, &sub)))
					break;
				if (!(s = SCIP_VEC_PUSH(r->alloc, r->err, &d->symbols, tagpos)))
					return r->err->code;
				rc = decode_symbol_info(&sub, s, depth);
				break;
			}
		case 4:
			WANT(r, WT_LEN, "Document.language");
			rc = read_string(r, &d->language);
			break;
		case 5:
			WANT(r, WT_LEN, "Document.text");
			rc = read_string(r, &d->text);
			break;
		case 6:
			WANT(r, WT_VARINT, "Document.position_encoding");
			rc = read_i32(r, &d->position_encoding);
			break;
			DEFAULT_SKIP(r);
	}
	FIELD_LOOP_END(r);
}

/*
 * Top level.  Pass 1 decodes (and merges) every Metadata and checks the framing
 * of everything else; pass 2 decodes documents and external symbols one at a
 * time.  Two passes let the visitor see the metadata (which says who produced
 * the index, and so how to read its positions) before any document, wherever
 * the producer placed it.
 */
int
scip_read_protobuf(const uint8_t *buf, size_t len, const ScipVisitor *visitor,
				   const ScipAlloc *alloc, ScipError *err)
{
	Rd			r = {buf, 0, len, alloc, err};
	ScipMetadata meta;
	int			rc;

	memset(err, 0, sizeof(*err));
	memset(&meta, 0, sizeof(meta));
	while (r.pos < r.end)
	{
		uint32_t	field;
		int			wt;
		size_t		tagpos = r.pos;

		if ((rc = read_tag(&r, &field, &wt)))
			return rc;
		if (field >= 1 && field <= 3)
		{
			static const char *const names[] = {NULL, "Index.metadata", "Index.documents",
			"Index.external_symbols"};
			Rd			sub;

			if ((rc = want_wt(&r, wt, WT_LEN, names[field], tagpos)))
				return rc;
			if ((rc = enter(&r, &sub)))
				return rc;
			if (field == 1 && (rc = decode_metadata(&sub, &meta)))
				return rc;
		}
		else if ((rc = skip_field(&r, wt, field, tagpos)))
			return rc;
	}
	if (visitor->metadata && visitor->metadata(visitor->ctx, &meta))
		return scip_set_error(err, SCIP_ERR_VISITOR, 0, "stopped by the caller");
	if (alloc->reset)
		alloc->reset(alloc->ctx);

	r.pos = 0;
	while (r.pos < r.end)
	{
		uint32_t	field;
		int			wt;
		size_t		tagpos = r.pos;
		Rd			sub;

		/* framing was validated in pass 1 */
		if ((rc = read_tag(&r, &field, &wt)))
			return rc;
		if (field != 2 && field != 3)
		{
			if ((rc = skip_field(&r, wt, field, tagpos)))
				return rc;
			continue;
		}
		if ((rc = enter(&r, &sub)))
			return rc;
		if (field == 2)
		{
			ScipDocument doc;

			memset(&doc, 0, sizeof(doc));
			if ((rc = decode_document(&sub, &doc, 1)))
				return rc;
			if (visitor->document && visitor->document(visitor->ctx, &doc, tagpos))
				return scip_set_error(err, SCIP_ERR_VISITOR, tagpos, "stopped by the caller");
		}
		else
		{
			ScipSymbolInfo sym;

			memset(&sym, 0, sizeof(sym));
			if ((rc = decode_symbol_info(&sub, &sym, 1)))
				return rc;
			if (visitor->external_symbol && visitor->external_symbol(visitor->ctx, &sym, tagpos))
				return scip_set_error(err, SCIP_ERR_VISITOR, tagpos, "stopped by the caller");
		}
		if (alloc->reset)
			alloc->reset(alloc->ctx);
	}
	return SCIP_OK;
}
