/*
 * scip_cdump.c - prints what codecpg's C SCIP reader decodes, in the canonical
 * form of test/tools/scip_dump.js, so the two decoders can be diffed without a
 * database.  Usage: scip_cdump [--json] [--count] FILE
 * --count only decodes, then prints documents, occurrences, external symbols, bytes and
 * the decode time, for the benchmark.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "scip_arena.h"

typedef struct Out
{
	const char *path;
	unsigned long ext_ordinal;
} Out;

static void
copy_text(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
	{
		switch (p[i])
		{
			case '\\': fputs("\\\\", stdout); break;
			case '\n': fputs("\\n", stdout); break;
			case '\r': fputs("\\r", stdout); break;
			case '\t': fputs("\\t", stdout); break;
			default: putchar(p[i]);
		}
	}
}

static void
str(ScipStr s)
{
	putchar('\t');
	copy_text(s.ptr ? s.ptr : "", s.len);
}

static void
num(long long v)
{
	printf("\t%lld", v);
}

static void
ints(const ScipI32Vec *v)
{
	fputs("\t{", stdout);
	for (uint32_t i = 0; i < v->n; i++)
		printf(i ? ",%d" : "%d", v->v[i]);
	putchar('}');
}

/* JSON.stringify of a string list, then COPY-escaped */
static void
strs(const ScipStrVec *v)
{
	fputs("\t[", stdout);
	for (uint32_t i = 0; i < v->n; i++)
	{
		char		buf[8];

		fputs(i ? ",\"" : "\"", stdout);
		for (uint32_t k = 0; k < v->v[i].len; k++)
		{
			unsigned char c = v->v[i].ptr[k];

			switch (c)
			{
				case '"': copy_text("\\\"", 2); break;
				case '\\': copy_text("\\\\", 2); break;
				case '\b': copy_text("\\b", 2); break;
				case '\f': copy_text("\\f", 2); break;
				case '\n': copy_text("\\n", 2); break;
				case '\r': copy_text("\\r", 2); break;
				case '\t': copy_text("\\t", 2); break;
				default:
					if (c < 0x20)
					{
						snprintf(buf, sizeof(buf), "\\u%04x", c);
						copy_text(buf, 6);
					}
					else
						putchar(c);
			}
		}
		putchar('"');
	}
	putchar(']');
}

static void
rels(const char *kind, const char *path, unsigned long sym, const ScipRelVec *r)
{
	for (uint32_t k = 0; k < r->n; k++)
	{
		const ScipRelationship *x = &r->v[k];

		fputs(kind, stdout);
		if (path)
			str((ScipStr) {path, (uint32_t) strlen(path)});
		printf("\t%lu\t%u", sym, k);
		str(x->symbol);
		printf("\t%c\t%c\t%c\t%c\n", x->is_reference ? 't' : 'f', x->is_implementation ? 't' : 'f',
			   x->is_type_definition ? 't' : 'f', x->is_definition ? 't' : 'f');
	}
}

static void
sym_cols(const ScipSymbolInfo *s)
{
	str(s->symbol);
	strs(&s->documentation);
	num(s->kind);
	str(s->display_name);
	str(s->enclosing_symbol);
	num(s->relationships.n);
	putchar('\n');
}

static int
on_meta(void *ctx, const ScipMetadata *m)
{
	(void) ctx;
	if (!m->present)
		return 0;
	fputs("M", stdout);
	num(m->version);
	str(m->tool_info.name);
	str(m->tool_info.version);
	strs(&m->tool_info.arguments);
	str(m->project_root);
	num(m->text_document_encoding);
	putchar('\n');
	return 0;
}

static int
on_doc(void *ctx, const ScipDocument *d, uint64_t off)
{
	char		path[4096];

	(void) ctx;
	(void) off;
	snprintf(path, sizeof(path), "%.*s", (int) d->relative_path.len,
			 d->relative_path.ptr ? d->relative_path.ptr : "");
	fputs("D", stdout);
	str(d->relative_path);
	str(d->language);
	str(d->text);
	num(d->occurrences.n);
	num(d->symbols.n);
	putchar('\n');
	for (uint32_t i = 0; i < d->occurrences.n; i++)
	{
		const ScipOccurrence *o = &d->occurrences.v[i];

		fputs("O", stdout);
		str(d->relative_path);
		num(i);
		ints(&o->range);
		str(o->symbol);
		num(o->symbol_roles);
		num(o->syntax_kind);
		ints(&o->enclosing_range);
		strs(&o->override_documentation);
		num(o->diagnostics.n);
		putchar('\n');
		for (uint32_t k = 0; k < o->diagnostics.n; k++)
		{
			const ScipDiagnostic *g = &o->diagnostics.v[k];

			fputs("G", stdout);
			str(d->relative_path);
			num(i);
			num(k);
			num(g->severity);
			str(g->code);
			str(g->message);
			str(g->source);
			ints(&g->tags);
			putchar('\n');
		}
	}
	for (uint32_t i = 0; i < d->symbols.n; i++)
	{
		fputs("S", stdout);
		str(d->relative_path);
		num(i);
		sym_cols(&d->symbols.v[i]);
		rels("R", path, i, &d->symbols.v[i].relationships);
	}
	return 0;
}

static int
on_ext(void *ctx, const ScipSymbolInfo *s, uint64_t off)
{
	Out		   *o = ctx;

	(void) off;
	fputs("X", stdout);
	num((long long) o->ext_ordinal);
	sym_cols(s);
	rels("XR", NULL, o->ext_ordinal, &s->relationships);
	o->ext_ordinal++;
	return 0;
}

static unsigned long count_docs,
			count_occs;

static int
count_doc(void *ctx, const ScipDocument *d, uint64_t off)
{
	(void) ctx;
	(void) off;
	count_docs++;
	count_occs += d->occurrences.n;
	return 0;
}

static int
count_ext(void *ctx, const ScipSymbolInfo *s, uint64_t off)
{
	(void) s;
	(void) off;
	((Out *) ctx)->ext_ordinal++;
	return 0;
}

int
main(int argc, char **argv)
{
	int			json = 0,
				count = 0;
	struct timespec t0,
				t1;
	const char *file = argv[argc - 1];
	FILE	   *f;
	unsigned char *buf = NULL;
	size_t		len = 0,
				cap = 0,
				n;
	Arena		arena = {0};
	ScipAlloc	alloc = {arena_alloc, arena_reset, &arena};
	Out			out = {0};
	ScipVisitor v = {on_meta, on_doc, on_ext, &out};
	ScipError	err;
	int			rc;

	for (int a = 1; a < argc - 1; a++)
	{
		json |= strcmp(argv[a], "--json") == 0;
		count |= strcmp(argv[a], "--count") == 0;
	}
	if (count)
	{
		v.metadata = NULL;
		v.document = count_doc;
		v.external_symbol = count_ext;
	}
	if (argc < 2 || !(f = fopen(file, "rb")))
	{
		fprintf(stderr, "usage: scip_cdump [--json] [--count] FILE\n");
		return 2;
	}
	do
	{
		if (len == cap && !(buf = realloc(buf, cap = cap ? cap * 2 : 65536)))
			return 3;
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (json)
	{
		ScipJson   *doc = scip_json_parse((const char *) buf, len, &err);

		rc = doc ? scip_json_visit(doc, &v, &alloc, &err) : (int) err.code;
		scip_json_free(doc);
	}
	else
		rc = scip_read_protobuf(buf, len, &v, &alloc, &err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	arena_reset(&arena);
	free(buf);
	if (count && rc == 0)
		printf("documents %lu occurrences %lu external_symbols %lu bytes %zu ms %.1f\n",
			   count_docs, count_occs, out.ext_ordinal, len,
			   (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6);
	if (rc)
	{
		fprintf(stderr, "error %s at offset %llu: %s\n", scip_err_name(err.code),
				(unsigned long long) err.offset, err.message);
		return 1;
	}
	return 0;
}
