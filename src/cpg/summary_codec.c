/*
 * summary_codec.c: the stored form of a file's summary (libcst_files_v1.summary).
 *
 *   "CPGS", format version, the record counts, every record's int32 fields as zigzag
 *   varints in record order, then the strings, each NUL-terminated.
 *
 * Varints keep a summary near the size of the source text before compression. The
 * stored value is user-writable data like any column, so decoding checks every count,
 * every reference between records and every string index before the solve may follow
 * them; a summary that fails is rebuilt from the source, never trusted.
 */
#include "postgres.h"

#include "common/bulk.h"
#include "cpg/summary.h"
#include "lib/stringinfo.h"

#define SUM_MAGIC "CPGS"

/* Record layouts as int32 field counts: records are read and written field by field. */
#define NF(type) ((int) (sizeof(type) / sizeof(int32)))

static void
put_varint(StringInfo out, int32 value)
{
	uint32		v = ((uint32) value << 1) ^ (uint32) (value >> 31);

	while (v >= 0x80)
	{
		appendStringInfoChar(out, (char) (v | 0x80));
		v >>= 7;
	}
	appendStringInfoChar(out, (char) v);
}

static void
put_records(StringInfo out, const void *records, int32 count, int fields)
{
	const int32 *f = records;

	for (int64 i = 0; i < (int64) count * fields; i++)
		put_varint(out, f[i]);
}

bytea *
cpg_summary_encode(const Summary *s)
{
	StringInfoData out;
	bytea	   *blob;
	int32		counts[] = {s->nscopes, s->nparams, s->nexprs, s->nargs, s->nelems, s->neffects,
	s->nimports, s->nall, s->all_state, s->nstrings};

	initStringInfo(&out);
	appendBinaryStringInfo(&out, SUM_MAGIC, 4);
	put_varint(&out, SUM_FORMAT_VERSION);
	for (size_t i = 0; i < lengthof(counts); i++)
		put_varint(&out, counts[i]);
	put_records(&out, s->scopes, s->nscopes, NF(SumScope));
	put_records(&out, s->params, s->nparams, NF(SumParam));
	put_records(&out, s->exprs, s->nexprs, NF(SumExpr));
	put_records(&out, s->args, s->nargs, NF(SumArg));
	put_records(&out, s->elems, s->nelems, 1);
	put_records(&out, s->effects, s->neffects, NF(SumEffect));
	put_records(&out, s->imports, s->nimports, NF(SumImport));
	put_records(&out, s->all_names, s->nall, 1);
	for (int32 i = 0; i < s->nstrings; i++)
		appendBinaryStringInfo(&out, s->strings[i], strlen(s->strings[i]) + 1);
	blob = palloc(VARHDRSZ + out.len);
	SET_VARSIZE(blob, VARHDRSZ + out.len);
	memcpy(VARDATA(blob), out.data, out.len);
	pfree(out.data);
	return blob;
}

typedef struct Reader
{
	const uint8 *p;
	const uint8 *end;
	bool		ok;
} Reader;

static int32
get_varint(Reader *r)
{
	uint32		v = 0;

	for (int shift = 0; shift < 35; shift += 7)
	{
		if (r->p >= r->end)
		{
			r->ok = false;
			return 0;
		}
		v |= (uint32) (*r->p & 0x7F) << shift;
		if (!(*r->p++ & 0x80))
			return (int32) ((v >> 1) ^ (~(v & 1) + 1));
	}
	r->ok = false;
	return 0;
}

/* Memory for decoded records: from the arena, else palloc'd. */
static void *
decoded(BulkArena *arena, Size size)
{
	return arena ? cpg_bulk_alloc(arena, size) : palloc_extended(size, MCXT_ALLOC_HUGE);
}

static void *
get_records(Reader *r, int32 count, int fields, BulkArena *arena)
{
	int32	   *f;

	/* every field takes at least one byte: a count beyond the input is corrupt */
	if (count < 0 || (int64) count * fields > r->end - r->p)
	{
		r->ok = false;
		return NULL;
	}
	f = decoded(arena, sizeof(int32) * Max((int64) count * fields, 1));
	for (int64 i = 0; i < (int64) count * fields && r->ok; i++)
		f[i] = get_varint(r);
	return f;
}

/* References of the records: each is in range or "none" where the format allows it. */
static bool
in(int32 v, int32 n)
{
	return v >= 0 && v < n;
}

static bool
in_or_none(int32 v, int32 n)
{
	return v == -1 || in(v, n);
}

static bool
valid(const Summary *s)
{
	if (s->nscopes < 1 || s->scopes[0].kind != SS_MODULE)
		return false;
	for (int32 i = 0; i < s->nscopes; i++)
	{
		const SumScope *c = &s->scopes[i];

		if (c->kind < SS_MODULE || c->kind > SS_COMPREHENSION || (i > 0 && !in(c->parent, i)) ||
			!in_or_none(c->name, s->nstrings) || !in_or_none(c->qualname, s->nstrings) ||
			c->nparams < 0 || c->first_param < 0 || c->first_param > s->nparams - c->nparams ||
			c->ndecos < 0 || c->first_deco < 0 || c->first_deco > s->nelems - c->ndecos ||
			c->nbases < 0 || c->first_base < 0 || c->first_base > s->nelems - c->nbases ||
			!in_or_none(c->returns_annot, s->nexprs) || !in_or_none(c->metaclass, s->nexprs))
			return false;
	}
	for (int32 i = 0; i < s->nparams; i++)
		if (!in(s->params[i].name, s->nstrings) || s->params[i].kind < SP_POSONLY ||
			s->params[i].kind > SP_VARKW || !in_or_none(s->params[i].dflt, s->nexprs) ||
			!in_or_none(s->params[i].annot, s->nexprs))
			return false;
	for (int32 i = 0; i < s->nelems; i++)
		if (!in_or_none(s->elems[i], s->nexprs))
			return false;
	for (int32 i = 0; i < s->nargs; i++)
		if (s->args[i].kind < SA_POS || s->args[i].kind > SA_DSTAR ||
			!in_or_none(s->args[i].name, s->nstrings) || !in_or_none(s->args[i].expr, s->nexprs))
			return false;
	for (int32 i = 0; i < s->nexprs; i++)
	{
		const SumExpr *e = &s->exprs[i];
		bool		ok = in(e->scope, s->nscopes);

		switch (e->op)
		{
			case SO_UNKNOWN:
				break;
			case SO_NAME:
				ok = ok && in_or_none(e->a, s->nscopes) && in(e->b, s->nstrings);
				break;
			case SO_CONST:
				ok = ok && in_or_none(e->b, s->nstrings) && in_or_none(e->c - 1, s->nstrings);
				break;
			case SO_ATTR:
				ok = ok && in_or_none(e->a, s->nexprs) && in(e->b, s->nstrings);
				break;
			case SO_CALL:
				ok = ok && in_or_none(e->a, s->nexprs) && e->c >= 0 && e->b >= 0 && e->b <= s->nargs - e->c;
				break;
			case SO_CONTAINER:
				ok = ok && e->a >= SK_LIST && e->a <= SK_SLICE && (e->a != SK_SLICE || e->c == 3) &&
					e->c >= 0 && e->b >= 0 &&
					e->b <= s->nelems - (e->a == SK_DICT ? 2 * e->c : e->c);
				break;
			case SO_COMP:
				ok = ok && e->a >= SK_LIST && e->a <= SK_GENERATOR && in_or_none(e->b, s->nexprs) &&
					in_or_none(e->c, s->nexprs);
				break;
			case SO_FUNC:
			case SO_CLASS:
				ok = ok && in(e->a, s->nscopes) && e->a > 0;
				break;
			case SO_DECORATE:
			case SO_BINOP:
			case SO_COMPARE:
			case SO_UNION:
				ok = ok && in_or_none(e->a, s->nexprs) && in_or_none(e->b, s->nexprs) &&
					(e->op == SO_DECORATE || e->op == SO_UNION || in((e->c & ~SUM_INPLACE), OP__COUNT));
				break;
			case SO_UNARY:
				ok = ok && in_or_none(e->a, s->nexprs) && in(e->c, OP__COUNT);
				break;
			case SO_SUBSCR:
			case SO_ELEM:
			case SO_STARREST:
				ok = ok && in_or_none(e->a, s->nexprs) && (e->op != SO_SUBSCR || in_or_none(e->b, s->nexprs));
				break;
			case SO_AWAIT:
			case SO_ITER:
			case SO_ENTER:
			case SO_FORMAT:
			case SO_EXCEPT:
			case SO_YIELD_FROM:
				ok = ok && in_or_none(e->a, s->nexprs);
				break;
			case SO_IMPORT:
				ok = ok && in(e->a, s->nimports);
				break;
			default:
				ok = false;
		}
		if (!ok)
			return false;
	}
	for (int32 i = 0; i < s->neffects; i++)
	{
		const SumEffect *e = &s->effects[i];
		bool		ok = in(e->scope, s->nscopes) && in_or_none(e->c, s->nexprs);

		switch (e->kind)
		{
			case SE_STORE_NAME:
				ok = ok && in(e->a, s->nscopes) && in(e->b, s->nstrings);
				break;
			case SE_STORE_ATTR:
			case SE_DEL_ATTR:
				ok = ok && in_or_none(e->a, s->nexprs) && in(e->b, s->nstrings);
				break;
			case SE_STORE_SUBSCR:
			case SE_DEL_SUBSCR:
				ok = ok && in_or_none(e->a, s->nexprs) && in_or_none(e->b, s->nexprs);
				break;
			case SE_RETURN:
				ok = ok && in(e->a, s->nscopes) && in_or_none(e->b, s->nstrings);
				break;
			case SE_YIELD:
			case SE_YIELD_FROM:
			case SE_CLASS_BODY:
				ok = ok && in(e->a, s->nscopes);
				break;
			case SE_TRUTH:
				break;
			case SE_IMPORT:
				ok = ok && in(e->a, s->nimports);
				break;
			case SE_ANNOTATE:
				ok = ok && in(e->a, s->nscopes) && in(e->b, s->nstrings);
				break;
			default:
				ok = false;
		}
		if (!ok)
			return false;
	}
	for (int32 i = 0; i < s->nimports; i++)
	{
		const SumImport *m = &s->imports[i];

		if (!in(m->scope, s->nscopes) || !in(m->module, s->nstrings) || m->level < 0 ||
			!in_or_none(m->name, s->nstrings) || !in_or_none(m->bind, s->nstrings) ||
			(m->bind < 0 && !m->star))
			return false;
	}
	for (int32 i = 0; i < s->nall; i++)
		if (!in(s->all_names[i], s->nstrings))
			return false;
	return s->all_state >= SUM_ALL_ABSENT && s->all_state <= SUM_ALL_DYNAMIC;
}

/*
 * Decodes a stored summary. False for a summary of another format version or one that
 * does not hold together; the caller rebuilds it from the source.
 *
 * Without an arena the records are palloc'd and the strings point into the blob, which
 * must outlive the summary. With one, records and strings are copied into the arena and
 * the blob may be freed at once: a refresh decodes every file of a repository, and its
 * blobs, detoasted one at a time into the same memory, need not all be kept.
 */
bool
cpg_summary_decode(const bytea *blob, Summary *s, BulkArena *arena)
{
	Reader		r;
	int32		counts[10];

	memset(s, 0, sizeof(*s));
	r.p = (const uint8 *) VARDATA_ANY(blob);
	r.end = r.p + VARSIZE_ANY_EXHDR(blob);
	r.ok = true;
	if (r.end - r.p < 4 || memcmp(r.p, SUM_MAGIC, 4) != 0)
		return false;
	r.p += 4;
	if (get_varint(&r) != SUM_FORMAT_VERSION || !r.ok)
		return false;
	for (size_t i = 0; i < lengthof(counts); i++)
		counts[i] = get_varint(&r);
	if (!r.ok)
		return false;
	s->nscopes = counts[0];
	s->nparams = counts[1];
	s->nexprs = counts[2];
	s->nargs = counts[3];
	s->nelems = counts[4];
	s->neffects = counts[5];
	s->nimports = counts[6];
	s->nall = counts[7];
	s->all_state = counts[8];
	s->nstrings = counts[9];
	s->scopes = get_records(&r, s->nscopes, NF(SumScope), arena);
	s->params = r.ok ? get_records(&r, s->nparams, NF(SumParam), arena) : NULL;
	s->exprs = r.ok ? get_records(&r, s->nexprs, NF(SumExpr), arena) : NULL;
	s->args = r.ok ? get_records(&r, s->nargs, NF(SumArg), arena) : NULL;
	s->elems = r.ok ? get_records(&r, s->nelems, 1, arena) : NULL;
	s->effects = r.ok ? get_records(&r, s->neffects, NF(SumEffect), arena) : NULL;
	s->imports = r.ok ? get_records(&r, s->nimports, NF(SumImport), arena) : NULL;
	s->all_names = r.ok ? get_records(&r, s->nall, 1, arena) : NULL;
	if (!r.ok || s->nstrings < 0 || s->nstrings > r.end - r.p)
		return false;
	s->strings = decoded(arena, sizeof(char *) * Max(s->nstrings, 1));
	if (arena)
	{
		char	   *copy = cpg_bulk_alloc(arena, r.end - r.p);

		memcpy(copy, r.p, r.end - r.p);
		r.end = (const uint8 *) copy + (r.end - r.p);
		r.p = (const uint8 *) copy;
	}
	for (int32 i = 0; i < s->nstrings; i++)
	{
		const uint8 *nul = memchr(r.p, '\0', r.end - r.p);

		if (nul == NULL)
			return false;
		s->strings[i] = (char *) r.p;
		r.p = nul + 1;
	}
	return r.p == r.end && valid(s);
}
