/*
 * scip_load.c - codecpg.scip_load(): decodes a SCIP index (protobuf or JSON)
 * and stores it in codecpg.scip_index_v1, one part per row.
 *
 * Layout: part 0 is a header (metadata and load summary), then one part per
 * document in index order, then external symbols in chunks bounded both in
 * count and in bytes, so that no stored value grows with the project.
 * Documents are decoded, converted and inserted one at a time in a memory
 * context reset after each, so memory is bounded by the largest document.
 *
 * Empty strings and empty lists, which protobuf (proto3) cannot tell from
 * absent ones, are stored as NULL; numbers keep their value, 0 included.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "common/arrays.h"
#include "common/rowtype.h"
#include "common/span.h"
#include "index/index.h"
#include "scip/scip_pg.h"
#include "scip/scip_pos.h"

/* external symbols per part: whichever bound is reached first */
#define EXTERNAL_CHUNK_SYMBOLS 2000
#define EXTERNAL_CHUNK_BYTES (8 * 1024 * 1024)

/* codecpg.scip_max_memory, in kilobytes */
static int	scip_max_memory_kb = 1024 * 1024;

/* Registered from _PG_init, so SHOW and SET work before the first load. */
void
cpg_scip_guc_init(void)
{
	DefineCustomIntVariable("codecpg.scip_max_memory",
							"Most memory one scip_load may use to decode an index.",
							"Counts the decoded document or symbol chunk being converted and, for JSON, "
							"the parsed tree. A load that needs more fails with SQLSTATE 54000.",
							&scip_max_memory_kb,
							1024 * 1024, 1024, MAX_KILOBYTES,
							PGC_USERSET, GUC_UNIT_KB,
							NULL, NULL, NULL);
}

typedef struct LoadState
{
	Datum		repo;
	char	   *index_id;		/* NULL until the metadata has been seen */
	const char *format;
	ScipColUnit forced_unit;	/* 0: decide per document */
	bool		producer_is_scip_python;
	Datum		metadata;
	bool		metadata_null;
	MemoryContext callctx;		/* outlives SPI: index_id and metadata live here */
	MemoryContext docctx;		/* reset after every document or symbol */
	MemoryContext chunkctx;		/* holds the pending chunk of external symbols */
	SPIPlanPtr	lookup_plan;
	SPIPlanPtr	insert_plan;
	int32		next_part;
	CpgArray	chunk;
	int32		chunk_count;
	Size		chunk_bytes;
	int64		chunk_first;
	TupleDesc	span_desc;
	/* summary */
	int32		documents;
	int32		documents_with_source;
	int64		occurrences;
	int64		unmapped;
	int64		symbols;
	int64		external;
	int64		bytes;
	Size		budget;			/* codecpg.scip_max_memory in bytes */
} LoadState;

static void scip_report_error(const ScipError *err, bool json) pg_attribute_noreturn();

/* ereports a reader failure with the SQLSTATE its kind calls for */
static void
scip_report_error(const ScipError *err, bool json)
{
	int			sqlstate;
	char		detail[sizeof(err->message) + 2];

	switch (err->code)
	{
		case SCIP_ERR_NOMEM:
			sqlstate = ERRCODE_OUT_OF_MEMORY;
			break;
		case SCIP_ERR_DEPTH:
		case SCIP_ERR_LIMIT:
			sqlstate = ERRCODE_PROGRAM_LIMIT_EXCEEDED;
			break;
		default:
			sqlstate = json ? ERRCODE_INVALID_TEXT_REPRESENTATION
				: ERRCODE_INVALID_BINARY_REPRESENTATION;
	}
	/* the readers write lower-case clauses; a detail is a sentence */
	snprintf(detail, sizeof(detail), "%s.", err->message);
	detail[0] = pg_toupper((unsigned char) detail[0]);
	ereport(ERROR,
			(errcode(sqlstate),
			 errmsg(json ? "invalid SCIP index (JSON)" : "invalid SCIP index (protobuf)"),
			 errdetail_internal("%s", detail),
			 json ? errhint("The input must be the JSON mapping of scip.proto's Index; use format => 'protobuf' for index.scip files.")
			 : errhint("The input must be an index.scip file as scip-python writes it, complete; use format => 'json' for the JSON form.")));
}

static Datum
text_or_null(ScipStr s, bool *isnull)
{
	*isnull = s.len == 0;
	return *isnull ? (Datum) 0 : PointerGetDatum(cstring_to_text_with_len(s.ptr, s.len));
}

static Datum
int_array(const ScipI32Vec *v, bool *isnull)
{
	CpgArray	a;

	*isnull = v->n == 0;
	if (*isnull)
		return (Datum) 0;
	cpg_array_init_oid(&a, INT4OID);
	for (uint32 i = 0; i < v->n; i++)
		cpg_array_push(&a, Int32GetDatum(v->v[i]), false);
	return cpg_array_result(&a);
}

static Datum
text_array(const ScipStrVec *v, bool *isnull)
{
	CpgArray	a;

	*isnull = v->n == 0;
	if (*isnull)
		return (Datum) 0;
	cpg_array_init_oid(&a, TEXTOID);
	for (uint32 i = 0; i < v->n; i++)
		cpg_array_push(&a, PointerGetDatum(cstring_to_text_with_len(v->v[i].ptr, v->v[i].len)),
					   false);
	return cpg_array_result(&a);
}

static const char *
unit_name(ScipColUnit u)
{
	return u == SCIP_COL_UTF8 ? "utf-8" : u == SCIP_COL_UTF32 ? "utf-32" : "utf-16";
}

/*
 * The column unit of a document's ranges.  scip-python (0.6.6 and earlier)
 * counts UTF-16 code units, as the LSP-based pyright does, whatever the index
 * declares, so its output is read as UTF-16.  Other producers are taken at
 * their word; an unspecified encoding means UTF-16, the LSP convention most
 * SCIP indexers inherit.  The caller can force a unit.
 */
static ScipColUnit
column_unit(const LoadState *st, const ScipDocument *d, const char **why)
{
	if (st->forced_unit)
	{
		*why = "parameter";
		return st->forced_unit;
	}
	if (st->producer_is_scip_python)
	{
		*why = "producer";
		return SCIP_COL_UTF16;
	}
	if (d->position_encoding >= SCIP_COL_UTF8 && d->position_encoding <= SCIP_COL_UTF32)
	{
		*why = "document";
		return (ScipColUnit) d->position_encoding;
	}
	*why = "default";
	return SCIP_COL_UTF16;
}

/*
 * A raw range ([line, start, end] or [start_line, start, end_line, end]) as a
 * span; false if it has another length.  Byte offsets are set only when both
 * ends exist in the source text.
 */
static bool
range_span(const ScipI32Vec *r, const ScipLineIndex *ix, ScipColUnit unit, CpgSpan *sp)
{
	uint32		b,
				e;

	if (r->n == 3)
	{
		sp->line0 = sp->end_line0 = r->v[0];
		sp->col = r->v[1];
		sp->end_col = r->v[2];
	}
	else if (r->n == 4)
	{
		sp->line0 = r->v[0];
		sp->col = r->v[1];
		sp->end_line0 = r->v[2];
		sp->end_col = r->v[3];
	}
	else
		return false;
	sp->bstart = sp->bend = -1;
	if (ix && scip_byte_offset(ix, sp->line0, sp->col, unit, &b) &&
		scip_byte_offset(ix, sp->end_line0, sp->end_col, unit, &e) && b <= e)
	{
		sp->bstart = (int32) b;
		sp->bend = (int32) e;
	}
	return true;
}

static Datum
range_datum(LoadState *st, const ScipI32Vec *r, const ScipLineIndex *ix, ScipColUnit unit,
			bool *isnull)
{
	CpgSpan		sp;

	*isnull = !range_span(r, ix, unit, &sp);
	if (*isnull)
		return (Datum) 0;
	if (sp.bstart < 0)
		st->unmapped++;
	return cpg_span_datum(st->span_desc, &sp);
}

static Datum
diagnostics_datum(const ScipDiagVec *v, bool *isnull)
{
	CpgArray	a;

	*isnull = v->n == 0;
	if (*isnull)
		return (Datum) 0;
	cpg_array_init(&a, CPG_T_scip_diagnostic);
	for (uint32 i = 0; i < v->n; i++)
	{
		const ScipDiagnostic *g = &v->v[i];
		Datum		values[scip_diagnostic__NATTS];
		bool		nulls[scip_diagnostic__NATTS] = {0};

		values[scip_diagnostic__severity] = Int32GetDatum(g->severity);
		values[scip_diagnostic__code] = text_or_null(g->code, &nulls[scip_diagnostic__code]);
		values[scip_diagnostic__message] = text_or_null(g->message, &nulls[scip_diagnostic__message]);
		values[scip_diagnostic__source] = text_or_null(g->source, &nulls[scip_diagnostic__source]);
		values[scip_diagnostic__tags] = int_array(&g->tags, &nulls[scip_diagnostic__tags]);
		cpg_array_push_composite(&a, values, nulls);
	}
	return cpg_array_result(&a);
}

static Datum
signature_datum(const ScipDocument *d)
{
	Datum		values[scip_signature__NATTS];
	bool		nulls[scip_signature__NATTS] = {0};
	CpgArray	a;

	values[scip_signature__text] = text_or_null(d->text, &nulls[scip_signature__text]);
	values[scip_signature__language] = text_or_null(d->language, &nulls[scip_signature__language]);
	nulls[scip_signature__occurrences] = d->occurrences.n == 0;
	if (d->occurrences.n)
	{
		cpg_array_init(&a, CPG_T_scip_sig_occurrence);
		for (uint32 i = 0; i < d->occurrences.n; i++)
		{
			const ScipOccurrence *o = &d->occurrences.v[i];
			Datum		ov[scip_sig_occurrence__NATTS];
			bool		on[scip_sig_occurrence__NATTS] = {0};

			ov[scip_sig_occurrence__symbol] = text_or_null(o->symbol, &on[scip_sig_occurrence__symbol]);
			ov[scip_sig_occurrence__symbol_roles] = Int32GetDatum(o->symbol_roles);
			ov[scip_sig_occurrence__range] = int_array(&o->range, &on[scip_sig_occurrence__range]);
			cpg_array_push_composite(&a, ov, on);
		}
		values[scip_signature__occurrences] = cpg_array_result(&a);
	}
	return cpg_form_composite(cpg_tupdesc(CPG_T_scip_signature), values, nulls);
}

static Datum
symbol_datum(const ScipSymbolInfo *s)
{
	Datum		values[scip_symbol_info__NATTS];
	bool		nulls[scip_symbol_info__NATTS] = {0};

	values[scip_symbol_info__symbol] = text_or_null(s->symbol, &nulls[scip_symbol_info__symbol]);
	values[scip_symbol_info__documentation] =
		text_array(&s->documentation, &nulls[scip_symbol_info__documentation]);
	nulls[scip_symbol_info__signature_documentation] = s->signature_documentation == NULL;
	if (s->signature_documentation)
		values[scip_symbol_info__signature_documentation] = signature_datum(s->signature_documentation);
	nulls[scip_symbol_info__relationships] = s->relationships.n == 0;
	if (s->relationships.n)
	{
		CpgArray	a;

		cpg_array_init(&a, CPG_T_scip_relationship);
		for (uint32 i = 0; i < s->relationships.n; i++)
		{
			const ScipRelationship *r = &s->relationships.v[i];
			Datum		rv[scip_relationship__NATTS];
			bool		rn[scip_relationship__NATTS] = {0};

			rv[scip_relationship__symbol] = text_or_null(r->symbol, &rn[scip_relationship__symbol]);
			rv[scip_relationship__is_reference] = BoolGetDatum(r->is_reference);
			rv[scip_relationship__is_implementation] = BoolGetDatum(r->is_implementation);
			rv[scip_relationship__is_type_definition] = BoolGetDatum(r->is_type_definition);
			rv[scip_relationship__is_definition] = BoolGetDatum(r->is_definition);
			cpg_array_push_composite(&a, rv, rn);
		}
		values[scip_symbol_info__relationships] = cpg_array_result(&a);
	}
	values[scip_symbol_info__kind] = Int32GetDatum(s->kind);
	values[scip_symbol_info__display_name] =
		text_or_null(s->display_name, &nulls[scip_symbol_info__display_name]);
	values[scip_symbol_info__enclosing_symbol] =
		text_or_null(s->enclosing_symbol, &nulls[scip_symbol_info__enclosing_symbol]);
	nulls[scip_symbol_info__attrs] = true;
	return cpg_form_composite(cpg_tupdesc(CPG_T_scip_symbol_info), values, nulls);
}

/*
 * SPI_execute_plan returns in SPI's procedure context, which lives until
 * SPI_finish: keep allocating in the caller's (per-document or per-chunk)
 * context, or every document's copies would pile up for the whole load.
 */
static int
spi_execute_plan(SPIPlanPtr plan, Datum *values, const char *nulls, bool read_only, long count)
{
	MemoryContext cxt = CurrentMemoryContext;
	int			rc = SPI_execute_plan(plan, values, nulls, read_only, count);

	MemoryContextSwitchTo(cxt);
	return rc;
}

static void
insert_part(LoadState *st, int32 part_no, Datum file_id, bool file_id_null, Datum documents,
			Datum external, const char *attrs)
{
	Datum		values[8];
	char		nulls[8] = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
	int			rc;

	values[0] = st->repo;
	values[1] = CStringGetTextDatum(st->index_id);
	values[2] = Int32GetDatum(part_no);
	values[3] = file_id;
	nulls[3] = file_id_null ? 'n' : ' ';
	values[4] = st->metadata;
	nulls[4] = st->metadata_null ? 'n' : ' ';
	values[5] = documents;
	nulls[5] = documents ? ' ' : 'n';
	values[6] = external;
	nulls[6] = external ? ' ' : 'n';
	values[7] = cpg_jsonb_from_cstring(attrs);
	rc = spi_execute_plan(st->insert_plan, values, nulls, false, 0);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "SPI_execute_plan failed inserting into scip_index_v1: %s",
			 SPI_result_code_string(rc));
}

static void
flush_external_chunk(LoadState *st)
{
	MemoryContext old;
	char		attrs[96];

	if (st->chunk_count == 0)
		return;
	old = MemoryContextSwitchTo(st->chunkctx);
	snprintf(attrs, sizeof(attrs), "{\"" SCIP_ATTR_PART_KIND "\": \"external_symbols\", \""
			 SCIP_ATTR_FIRST_ORDINAL "\": " INT64_FORMAT "}", st->chunk_first);
	insert_part(st, st->next_part++, (Datum) 0, true, (Datum) 0, cpg_array_result(&st->chunk),
				attrs);
	MemoryContextSwitchTo(old);
	MemoryContextReset(st->chunkctx);
	st->chunk_first += st->chunk_count;
	st->chunk_count = 0;
	st->chunk_bytes = 0;
}

/*
 * The decoded model of a hostile index can be hundreds of times its size (an
 * empty occurrence is two bytes of protobuf): what the load holds is checked
 * against codecpg.scip_max_memory at every allocation, before PostgreSQL's
 * own limits or the kernel's OOM killer are reached.
 */
static void budget_exceeded(const char *detail) pg_attribute_noreturn();

static void
budget_exceeded(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("decoding the SCIP index needs more memory than codecpg.scip_max_memory (%d kB)",
					scip_max_memory_kb),
			 errdetail_internal("%s", detail),
			 errhint("Raise codecpg.scip_max_memory for this load if the index is genuine.")));
}

static void
check_budget(LoadState *st, Size more)
{
	Size		used = MemoryContextMemAllocated(st->docctx, false) +
		MemoryContextMemAllocated(st->chunkctx, false) + scip_json_memory();

	if (used > st->budget || more > st->budget - used)
		budget_exceeded(psprintf("%zu bytes were in use after %d documents when %zu more were needed.",
								 used, st->documents, more));
}

static void *
arena_alloc(void *ctx, size_t size)
{
	LoadState  *st = ctx;

	/* the readers allocate at least once per occurrence: a fine-grained tick */
	CHECK_FOR_INTERRUPTS();
	check_budget(st, size);
	return MemoryContextAllocExtended(st->docctx, size, MCXT_ALLOC_NO_OOM);
}

static void
arena_reset(void *ctx)
{
	LoadState  *st = ctx;

	MemoryContextReset(st->docctx);
}

static int
on_metadata(void *ctx, const ScipMetadata *m)
{
	LoadState  *st = ctx;
	StringInfoData key;
	MemoryContext old = MemoryContextSwitchTo(st->callctx);

	st->producer_is_scip_python = m->tool_info.name.len == strlen("scip-python") &&
		memcmp(m->tool_info.name.ptr, "scip-python", m->tool_info.name.len) == 0;
	if (!st->index_id)
		st->index_id = m->tool_info.name.len
			? pnstrdup(m->tool_info.name.ptr, m->tool_info.name.len) : pstrdup("scip");
	st->metadata_null = !m->present;
	if (m->present)
	{
		Datum		values[scip_metadata__NATTS];
		bool		nulls[scip_metadata__NATTS] = {0};

		values[scip_metadata__protocol_version] = Int32GetDatum(m->version);
		nulls[scip_metadata__tool_info] = !m->has_tool_info;
		if (m->has_tool_info)
		{
			Datum		tv[scip_tool_info__NATTS];
			bool		tn[scip_tool_info__NATTS] = {0};

			tv[scip_tool_info__name] = text_or_null(m->tool_info.name, &tn[scip_tool_info__name]);
			tv[scip_tool_info__version] = text_or_null(m->tool_info.version, &tn[scip_tool_info__version]);
			tv[scip_tool_info__arguments] = text_array(&m->tool_info.arguments,
													   &tn[scip_tool_info__arguments]);
			values[scip_metadata__tool_info] =
				cpg_form_composite(cpg_tupdesc(CPG_T_scip_tool_info), tv, tn);
		}
		values[scip_metadata__project_root] = text_or_null(m->project_root,
														   &nulls[scip_metadata__project_root]);
		values[scip_metadata__text_document_encoding] = Int32GetDatum(m->text_document_encoding);
		st->metadata = cpg_form_composite(cpg_tupdesc(CPG_T_scip_metadata), values, nulls);
	}

	/*
	 * Replace any earlier load of this index in the same transaction, serialized
	 * against concurrent loads of it, so a failure anywhere leaves the old one.
	 */
	initStringInfo(&key);
	appendStringInfo(&key, "codecpg.scip\x1f%s\x1f%s", TextDatumGetCString(st->repo), st->index_id);
	DirectFunctionCall1(pg_advisory_xact_lock_int8,
						Int64GetDatum((int64) hash_bytes_extended((unsigned char *) key.data,
																  key.len, 0)));
	{
		Datum		args[2] = {st->repo, CStringGetTextDatum(st->index_id)};
		int			rc = SPI_execute_with_args("DELETE FROM codecpg.scip_index_v1 "
											   "WHERE repo = $1 AND index_id = $2",
											   2, (Oid[]) {TEXTOID, TEXTOID}, args, NULL,
											   false, 0);

		if (rc != SPI_OK_DELETE)
			elog(ERROR, "SPI_execute_with_args failed deleting from scip_index_v1: %s",
				 SPI_result_code_string(rc));
	}
	st->next_part = 1;			/* the header is written last, as part 0 */
	MemoryContextSwitchTo(old);
	return 0;
}

/* file_id and source of the document's file in repo_files_v1, if it is there */
static bool
lookup_file(LoadState *st, ScipStr path, Datum *file_id, text **source)
{
	Datum		args[2] = {st->repo, PointerGetDatum(cstring_to_text_with_len(path.ptr, path.len))};
	int			rc = spi_execute_plan(st->lookup_plan, args, NULL, true, 1);
	bool		found = false;

	if (rc != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute_plan failed reading repo_files_v1: %s", SPI_result_code_string(rc));
	if (SPI_processed == 1)
	{
		bool		isnull;
		Datum		d;

		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		*file_id = datumCopy(d, false, -1);
		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull);
		*source = isnull ? NULL : DatumGetTextPCopy(d);
		found = true;
	}
	SPI_freetuptable(SPI_tuptable);
	return found;
}

static int
on_document(void *ctx, const ScipDocument *d, uint64_t offset)
{
	LoadState  *st = ctx;
	MemoryContext old = MemoryContextSwitchTo(st->docctx);
	Datum		file_id = (Datum) 0;
	text	   *source = NULL;
	bool		found = d->relative_path.len > 0 &&
		lookup_file(st, d->relative_path, &file_id, &source);
	ScipLineIndex ix;
	ScipLineIndex *ixp = NULL;
	ScipError	err;
	ScipAlloc	alloc = {arena_alloc, NULL, st};
	const char *why;
	ScipColUnit unit = column_unit(st, d, &why);
	int64		unmapped_before = st->unmapped;
	CpgArray	occs,
				syms;
	Datum		values[scip_document__NATTS];
	bool		nulls[scip_document__NATTS] = {0};
	StringInfoData attrs;

	(void) offset;
	CHECK_FOR_INTERRUPTS();
	if (source)
	{
		if (!scip_line_index(&ix, VARDATA_ANY(source), VARSIZE_ANY_EXHDR(source), &alloc, &err))
			scip_report_error(&err, false);
		ixp = &ix;
		st->documents_with_source++;
	}

	cpg_array_init(&occs, CPG_T_scip_occurrence);
	for (uint32 i = 0; i < d->occurrences.n; i++)
	{
		const ScipOccurrence *o = &d->occurrences.v[i];
		Datum		ov[scip_occurrence__NATTS];
		bool		on[scip_occurrence__NATTS] = {0};

		ov[scip_occurrence__range_raw] = int_array(&o->range, &on[scip_occurrence__range_raw]);
		ov[scip_occurrence__range] = range_datum(st, &o->range, ixp, unit, &on[scip_occurrence__range]);
		ov[scip_occurrence__symbol] = text_or_null(o->symbol, &on[scip_occurrence__symbol]);
		ov[scip_occurrence__symbol_roles] = Int32GetDatum(o->symbol_roles);
		ov[scip_occurrence__override_documentation] =
			text_array(&o->override_documentation, &on[scip_occurrence__override_documentation]);
		ov[scip_occurrence__syntax_kind] = Int32GetDatum(o->syntax_kind);
		ov[scip_occurrence__diagnostics] = diagnostics_datum(&o->diagnostics,
															 &on[scip_occurrence__diagnostics]);
		ov[scip_occurrence__enclosing_range_raw] =
			int_array(&o->enclosing_range, &on[scip_occurrence__enclosing_range_raw]);
		ov[scip_occurrence__enclosing_range] =
			range_datum(st, &o->enclosing_range, ixp, unit, &on[scip_occurrence__enclosing_range]);
		on[scip_occurrence__attrs] = true;
		cpg_array_push_composite(&occs, ov, on);
		/* the rows built here take more than the decoded model: they count too */
		if ((i & 1023) == 1023)
		{
			CHECK_FOR_INTERRUPTS();
			check_budget(st, 0);
		}
	}
	cpg_array_init(&syms, CPG_T_scip_symbol_info);
	for (uint32 i = 0; i < d->symbols.n; i++)
	{
		cpg_array_push(&syms, symbol_datum(&d->symbols.v[i]), false);
		if ((i & 1023) == 1023)
			check_budget(st, 0);
	}

	initStringInfo(&attrs);
	appendStringInfo(&attrs, "{\"" SCIP_ATTR_COL_UNIT "\": \"%s\", \"col_unit_from\": \"%s\", "
					 "\"source\": %s, \"unmapped_ranges\": " INT64_FORMAT "}",
					 unit_name(unit), why, source ? "true" : "false",
					 st->unmapped - unmapped_before);

	values[scip_document__relative_path] = text_or_null(d->relative_path,
														&nulls[scip_document__relative_path]);
	values[scip_document__language] = text_or_null(d->language, &nulls[scip_document__language]);
	values[scip_document__text] = text_or_null(d->text, &nulls[scip_document__text]);
	values[scip_document__position_encoding] = Int32GetDatum(d->position_encoding);
	values[scip_document__occurrences] = cpg_array_result(&occs);
	nulls[scip_document__occurrences] = d->occurrences.n == 0;
	values[scip_document__symbols] = cpg_array_result(&syms);
	nulls[scip_document__symbols] = d->symbols.n == 0;
	values[scip_document__attrs] = cpg_jsonb_from_cstring(attrs.data);

	{
		CpgArray	docs;

		cpg_array_init(&docs, CPG_T_scip_document);
		cpg_array_push_composite(&docs, values, nulls);
		insert_part(st, st->next_part++, file_id, !found, cpg_array_result(&docs), (Datum) 0,
					"{\"" SCIP_ATTR_PART_KIND "\": \"document\"}");
	}
	st->documents++;
	st->occurrences += d->occurrences.n;
	st->symbols += d->symbols.n;
	MemoryContextSwitchTo(old);
	return 0;
}

/* an estimate of the stored size, to bound chunks in bytes as well as in count */
static Size
symbol_size(const ScipSymbolInfo *s)
{
	Size		n = 64 + s->symbol.len + s->display_name.len + s->enclosing_symbol.len;

	for (uint32 i = 0; i < s->documentation.n; i++)
		n += s->documentation.v[i].len + 8;
	for (uint32 i = 0; i < s->relationships.n; i++)
		n += s->relationships.v[i].symbol.len + 40;
	if (s->signature_documentation)
		n += s->signature_documentation->text.len + 64 * s->signature_documentation->occurrences.n;
	return n;
}

static int
on_external_symbol(void *ctx, const ScipSymbolInfo *s, uint64_t offset)
{
	LoadState  *st = ctx;
	MemoryContext old;
	Size		size = symbol_size(s);

	(void) offset;
	CHECK_FOR_INTERRUPTS();
	if (st->chunk_count > 0 && (st->chunk_count >= EXTERNAL_CHUNK_SYMBOLS ||
								st->chunk_bytes + size > EXTERNAL_CHUNK_BYTES))
		flush_external_chunk(st);
	old = MemoryContextSwitchTo(st->chunkctx);
	if (st->chunk_count == 0)
		cpg_array_init(&st->chunk, CPG_T_scip_symbol_info);
	cpg_array_push(&st->chunk, symbol_datum(s), false);
	MemoryContextSwitchTo(old);
	st->chunk_count++;
	st->chunk_bytes += size;
	st->external++;
	return 0;
}

static ScipColUnit
parse_unit(const char *s)
{
	if (pg_strcasecmp(s, "utf8") == 0 || pg_strcasecmp(s, "utf-8") == 0)
		return SCIP_COL_UTF8;
	if (pg_strcasecmp(s, "utf16") == 0 || pg_strcasecmp(s, "utf-16") == 0)
		return SCIP_COL_UTF16;
	if (pg_strcasecmp(s, "utf32") == 0 || pg_strcasecmp(s, "utf-32") == 0)
		return SCIP_COL_UTF32;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown position encoding \"%s\"", s),
			 errhint("Use 'utf-8', 'utf-16' or 'utf-32', or NULL to follow the index.")));
	return 0;					/* keep compiler quiet */
}

static int
read_json(const char *data, Size len, const ScipVisitor *visitor, const ScipAlloc *alloc,
		  ScipError *err)
{
	ScipJson   *doc;
	volatile int rc = SCIP_OK;

	/* the parser does not unwind: the limit is off again before any ereport */
	scip_json_set_memory_limit(((LoadState *) alloc->ctx)->budget);
	doc = scip_json_parse(data, len, err);
	scip_json_set_memory_limit(0);
	if (!doc && err->code == SCIP_ERR_BUDGET)
		budget_exceeded(psprintf("The parsed JSON needed more than %zu bytes.",
								 ((LoadState *) alloc->ctx)->budget));
	if (!doc)
		scip_report_error(err, true);
	/* the parsed tree is malloc'd by jansson: free it on every exit */
	PG_TRY();
	{
		rc = scip_json_visit(doc, visitor, alloc, err);
	}
	PG_FINALLY();
	{
		scip_json_free(doc);
	}
	PG_END_TRY();
	return rc;
}

PG_FUNCTION_INFO_V1(cpg_scip_load);
Datum
cpg_scip_load(PG_FUNCTION_ARGS)
{
	LoadState	st;
	bytea	   *index;
	const char *data;
	Size		len;
	bool		json;
	ScipVisitor visitor = {on_metadata, on_document, on_external_symbol, &st};
	ScipAlloc	alloc = {arena_alloc, arena_reset, &st};
	ScipError	err;
	int			rc;
	TupleDesc	resdesc;
	Datum		out[9];
	bool		outnulls[9] = {0};
	MemoryContext callctx = CurrentMemoryContext;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("repo and index must not be null")));
	cpg_require_utf8_database("scip_load");
	if (get_call_result_type(fcinfo, NULL, &resdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "scip_load must return a composite type");

	memset(&st, 0, sizeof(st));
	st.callctx = callctx;
	st.repo = PG_GETARG_DATUM(0);
	st.format = PG_ARGISNULL(2) ? "protobuf" : text_to_cstring(PG_GETARG_TEXT_PP(2));
	if (strcmp(st.format, "protobuf") == 0)
		json = false;
	else if (strcmp(st.format, "json") == 0)
		json = true;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown SCIP index format \"%s\"", st.format),
				 errhint("Use 'protobuf' (index.scip) or 'json'.")));
	if (!PG_ARGISNULL(3))
		st.index_id = text_to_cstring(PG_GETARG_TEXT_PP(3));
	if (!PG_ARGISNULL(4))
		st.forced_unit = parse_unit(text_to_cstring(PG_GETARG_TEXT_PP(4)));
	index = PG_GETARG_BYTEA_PP(1);
	data = VARDATA_ANY(index);
	len = VARSIZE_ANY_EXHDR(index);
	st.bytes = len;
	st.span_desc = cpg_tupdesc(CPG_T_span);
	st.budget = (Size) scip_max_memory_kb * 1024;

	cpg_check_repo_name(TextDatumGetCString(st.repo));

	/*
	 * Byte spans are computed against the stored sources: wait for an index run
	 * of the repository in progress (as index runs do with "wait": true), and
	 * keep runs out until this transaction ends, so no source changes under us.
	 * lock_timeout and statement_timeout bound the wait.
	 */
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	cpg_repository_ensure(TextDatumGetCString(st.repo));
	cpg_run_lock(TextDatumGetCString(st.repo), false, true);
	st.docctx = AllocSetContextCreate(callctx, "scip_load document", ALLOCSET_DEFAULT_SIZES);
	st.chunkctx = AllocSetContextCreate(callctx, "scip_load chunk", ALLOCSET_DEFAULT_SIZES);
	st.lookup_plan = SPI_prepare("SELECT file_id, source FROM codecpg.repo_files_v1 "
								 "WHERE repo = $1 AND path = $2",
								 2, (Oid[]) {TEXTOID, TEXTOID});
	st.insert_plan = SPI_prepare("INSERT INTO codecpg.scip_index_v1 (repo, index_id, part_no, "
								 "file_id, metadata, documents, external_symbols, attrs) "
								 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
								 8, (Oid[]) {TEXTOID, TEXTOID, INT4OID, TEXTOID,
									 cpg_type_oid(CPG_T_scip_metadata),
									 get_array_type(cpg_type_oid(CPG_T_scip_document)),
									 get_array_type(cpg_type_oid(CPG_T_scip_symbol_info)),
								 JSONBOID});
	if (!st.lookup_plan || !st.insert_plan)
		elog(ERROR, "SPI_prepare failed: %s", SPI_result_code_string(SPI_result));

	if (json)
		rc = read_json(data, len, &visitor, &alloc, &err);
	else
		rc = scip_read_protobuf((const uint8_t *) data, len, &visitor, &alloc, &err);
	if (rc != SCIP_OK)
		scip_report_error(&err, json);
	flush_external_chunk(&st);

	{
		StringInfoData attrs;

		initStringInfo(&attrs);
		appendStringInfo(&attrs, "{\"" SCIP_ATTR_PART_KIND "\": \"header\", \"format\": \"%s\", "
						 "\"bytes\": " INT64_FORMAT ", \"parts\": %d, \"documents\": %d, "
						 "\"documents_with_source\": %d, \"occurrences\": " INT64_FORMAT ", "
						 "\"unmapped_ranges\": " INT64_FORMAT ", \"symbols\": " INT64_FORMAT ", "
						 "\"external_symbols\": " INT64_FORMAT "}",
						 st.format, st.bytes, st.next_part, st.documents, st.documents_with_source,
						 st.occurrences, st.unmapped, st.symbols, st.external);
		insert_part(&st, 0, (Datum) 0, true, (Datum) 0, (Datum) 0, attrs.data);
	}

	SPI_finish();
	MemoryContextDelete(st.docctx);
	MemoryContextDelete(st.chunkctx);

	out[0] = CStringGetTextDatum(st.index_id);
	out[1] = Int32GetDatum(st.next_part);
	out[2] = Int32GetDatum(st.documents);
	out[3] = Int32GetDatum(st.documents_with_source);
	out[4] = Int64GetDatum(st.occurrences);
	out[5] = Int64GetDatum(st.unmapped);
	out[6] = Int64GetDatum(st.symbols);
	out[7] = Int64GetDatum(st.external);
	out[8] = Int64GetDatum(st.bytes);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(resdesc), out, outnulls)));
}
