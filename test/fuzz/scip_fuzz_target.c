/*
 * scip_fuzz_target.c - the fuzz target shared by libFuzzer (scip_fuzz) and the
 * deterministic mutation driver (scip_mutate): decodes the input as protobuf
 * and as JSON and reads every decoded byte, so AddressSanitizer sees any
 * pointer or length the readers got wrong.
 */
#include <string.h>

#include "scip_arena.h"
#include "../../src/scip/scip_pos.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static volatile uint64_t sink;

static void
touch_str(ScipStr s)
{
	uint64_t	h = s.len;

	for (uint32_t i = 0; i < s.len; i++)
		h = h * 31 + (unsigned char) s.ptr[i];
	sink += h;
}

static void
touch_ints(const ScipI32Vec *v)
{
	for (uint32_t i = 0; i < v->n; i++)
		sink += (uint32_t) v->v[i];
}

static void
touch_strs(const ScipStrVec *v)
{
	for (uint32_t i = 0; i < v->n; i++)
		touch_str(v->v[i]);
}

static void touch_doc(const ScipDocument *d);

static const ScipAlloc *cur_alloc;

static void
touch_range(const ScipLineIndex *ix, const ScipI32Vec *r)
{
	uint32_t	off;

	for (int unit = SCIP_COL_UTF8; unit <= SCIP_COL_UTF32; unit++)
		for (uint32_t i = 0; i + 1 < r->n; i += 2)
			if (scip_byte_offset(ix, r->v[i], r->v[i + 1], (ScipColUnit) unit, &off))
			{
				if (off > ix->len)
					__builtin_trap();
				sink += off;
			}
}

static void
touch_sym(const ScipSymbolInfo *s)
{
	touch_str(s->symbol);
	touch_strs(&s->documentation);
	for (uint32_t i = 0; i < s->relationships.n; i++)
	{
		touch_str(s->relationships.v[i].symbol);
		sink += s->relationships.v[i].is_reference + s->relationships.v[i].is_definition;
	}
	sink += (uint32_t) s->kind;
	touch_str(s->display_name);
	touch_str(s->enclosing_symbol);
	if (s->signature_documentation)
		touch_doc(s->signature_documentation);
}

static void
touch_doc(const ScipDocument *d)
{
	touch_str(d->relative_path);
	touch_str(d->language);
	touch_str(d->text);
	sink += (uint32_t) d->position_encoding;
	if (d->text.len)
	{
		ScipLineIndex ix;
		ScipError	err;

		if (scip_line_index(&ix, d->text.ptr, d->text.len, cur_alloc, &err))
			for (uint32_t i = 0; i < d->occurrences.n; i++)
			{
				touch_range(&ix, &d->occurrences.v[i].range);
				touch_range(&ix, &d->occurrences.v[i].enclosing_range);
			}
	}
	for (uint32_t i = 0; i < d->occurrences.n; i++)
	{
		const ScipOccurrence *o = &d->occurrences.v[i];

		touch_ints(&o->range);
		touch_ints(&o->enclosing_range);
		touch_str(o->symbol);
		touch_strs(&o->override_documentation);
		for (uint32_t k = 0; k < o->diagnostics.n; k++)
		{
			touch_str(o->diagnostics.v[k].code);
			touch_str(o->diagnostics.v[k].message);
			touch_str(o->diagnostics.v[k].source);
			touch_ints(&o->diagnostics.v[k].tags);
		}
	}
	for (uint32_t i = 0; i < d->symbols.n; i++)
		touch_sym(&d->symbols.v[i]);
}

static int
on_meta(void *ctx, const ScipMetadata *m)
{
	(void) ctx;
	touch_str(m->project_root);
	touch_str(m->tool_info.name);
	touch_str(m->tool_info.version);
	touch_strs(&m->tool_info.arguments);
	return 0;
}

static int
on_doc(void *ctx, const ScipDocument *d, uint64_t off)
{
	(void) ctx;
	(void) off;
	touch_doc(d);
	return 0;
}

static int
on_ext(void *ctx, const ScipSymbolInfo *s, uint64_t off)
{
	(void) ctx;
	(void) off;
	touch_sym(s);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* the readers promise memory proportional to the input: hold them to it */
	Arena		arena = {NULL, 0, 64 * size + 65536};
	ScipAlloc	alloc = {arena_alloc, arena_reset, &arena};
	ScipVisitor v = {on_meta, on_doc, on_ext, NULL};
	ScipError	err;
	ScipJson   *doc;

	cur_alloc = &alloc;
	if (scip_read_protobuf(data, size, &v, &alloc, &err) != SCIP_OK && err.code == SCIP_OK)
		__builtin_trap();
	arena_reset(&arena);
	if ((doc = scip_json_parse((const char *) data, size, &err)))
	{
		scip_json_visit(doc, &v, &alloc, &err);
		scip_json_free(doc);
	}
	arena_reset(&arena);
	return 0;
}
