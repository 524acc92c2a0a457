/*
 * span.c: span values and line/column <-> byte conversions.
 */
#include "postgres.h"

#include "access/detoast.h"
#include "common/arrays.h"
#include "catalog/pg_type.h"
#include "common/rowtype.h"
#include "common/span.h"
#include "fmgr.h"
#include "mb/pg_wchar.h"
#include "utils/array.h"

Datum
cpg_span_datum(TupleDesc span_tupdesc, const CpgSpan *span)
{
	Datum		values[span__NATTS];
	bool		nulls[span__NATTS];
	const int32 parts[span__NATTS] = {
		[span__bstart] = span->bstart,
		[span__bend] = span->bend,
		[span__line0] = span->line0,
		[span__col] = span->col,
		[span__end_line0] = span->end_line0,
		[span__end_col] = span->end_col,
	};

	for (int i = 0; i < span__NATTS; i++)
	{
		values[i] = Int32GetDatum(parts[i]);
		nulls[i] = parts[i] < 0;
	}
	return cpg_form_composite(span_tupdesc, values, nulls);
}

/* Spans are byte offsets into UTF-8 text: every function that stores or reads them needs it. */
void
cpg_require_utf8_database(const char *function)
{
	if (GetDatabaseEncoding() != PG_UTF8)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s needs a UTF8 database", function),
				 errdetail("The database encoding is %s; codecpg stores source text as UTF-8 and spans as byte offsets into it.",
						   GetDatabaseEncodingName())));
}

void
cpg_span_read(Datum span, bool isnull, CpgSpan *out)
{
	Datum		values[span__NATTS];
	bool		nulls[span__NATTS];
	int32	   *fields[span__NATTS] = {
		[span__bstart] = &out->bstart,
		[span__bend] = &out->bend,
		[span__line0] = &out->line0,
		[span__col] = &out->col,
		[span__end_line0] = &out->end_line0,
		[span__end_col] = &out->end_col,
	};

	if (isnull)
	{
		*out = (CpgSpan) CPG_SPAN_UNKNOWN;
		return;
	}
	cpg_deform_composite(cpg_tupdesc(CPG_T_span), span, values, nulls);
	for (int i = 0; i < span__NATTS; i++)
		*fields[i] = nulls[i] ? -1 : DatumGetInt32(values[i]);
}

void
cpg_lines_build(CpgLineIndex *index, const char *source, int32 length)
{
	int32		capacity = 64;

	index->source = source;
	index->length = length;
	index->starts = palloc(capacity * sizeof(int32));
	index->starts[0] = 0;
	index->nlines = 1;
	for (int32 i = 0; i < length; i++)
	{
		char		c = source[i];

		if (c != '\n' && c != '\r')
			continue;
		if (c == '\r' && i + 1 < length && source[i + 1] == '\n')
			i++;
		if (index->nlines == capacity)
		{
			capacity *= 2;
			index->starts = repalloc(index->starts, capacity * sizeof(int32));
		}
		index->starts[index->nlines++] = i + 1;
	}
}

/*
 * The line starts of an index as an integer[]: what a root row stores (line_starts) so
 * that its set-returning functions locate lines without the source.
 */
Datum
cpg_lines_starts_datum(const CpgLineIndex *index)
{
	CpgArray	starts;

	cpg_array_init_oid(&starts, INT4OID);
	for (int32 i = 0; i < index->nlines; i++)
		cpg_array_push(&starts, Int32GetDatum(index->starts[i]), false);
	return cpg_array_result(&starts);
}

/*
 * The index of a stored list of line starts (codecpg.tree_sitter_file.line_starts), for
 * locating offsets; it has no text, so length is -1. False when the list is NULL.
 */
bool
cpg_lines_from_starts(CpgLineIndex *index, Datum starts, bool isnull)
{
	ArrayType  *array;

	if (isnull)
		return false;
	array = DatumGetArrayTypeP(starts);
	if (ARR_ELEMTYPE(array) != INT4OID || ARR_NDIM(array) != 1 || ARR_HASNULL(array) ||
		ARR_DIMS(array)[0] < 1 || ((int32 *) ARR_DATA_PTR(array))[0] != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("line_starts is not a list of line start offsets"),
				 errdetail("line_starts must be a one-dimensional integer array without NULLs whose first element is 0.")));
	index->source = NULL;
	index->length = -1;
	index->starts = (int32 *) ARR_DATA_PTR(array);
	index->nlines = ARR_DIMS(array)[0];
	return true;
}

/*
 * Line and column of a stored offset, as the two Datums a set-returning function outputs
 * (a lean list stores only bytes); both NULL when the row has no line_starts or the
 * offset is NULL.
 */
void
cpg_lines_put_position(const CpgLineIndex *index, bool have_lines, Datum offset, bool offset_null,
					   Datum *out, bool *nulls)
{
	int32		line0;
	int32		col;

	if (!have_lines || offset_null)
	{
		nulls[0] = nulls[1] = true;
		return;
	}
	cpg_lines_locate(index, DatumGetInt32(offset), &line0, &col);
	out[0] = Int32GetDatum(line0);
	out[1] = Int32GetDatum(col);
	nulls[0] = false;
	nulls[1] = col < 0;			/* an offset before its line: line_starts built by hand */
}

/* Byte offset of a byte column on a line, or -1 when the position is outside the text. */
int32
cpg_lines_offset(const CpgLineIndex *index, int32 line0, int32 byte_col)
{
	int32		offset;

	if (line0 < 0 || line0 >= index->nlines || byte_col < 0)
		return -1;
	offset = index->starts[line0] + byte_col;
	return offset <= index->length ? offset : -1;
}

void
cpg_lines_locate(const CpgLineIndex *index, int32 offset, int32 *line0, int32 *byte_col)
{
	int32		lo = 0;
	int32		hi = index->nlines - 1;

	while (lo < hi)
	{
		int32		mid = lo + (hi - lo + 1) / 2;

		if (index->starts[mid] <= offset)
			lo = mid;
		else
			hi = mid - 1;
	}
	*line0 = lo;
	*byte_col = offset - index->starts[lo];
}

static int32
line_end(const CpgLineIndex *index, int32 line0)
{
	return line0 + 1 < index->nlines ? index->starts[line0 + 1] : index->length;
}

/* Byte length of the UTF-8 sequence starting with lead, or 1 for a stray byte. */
static inline int
utf8_seq_len(unsigned char lead)
{
	if (lead < 0x80)
		return 1;
	if ((lead & 0xE0) == 0xC0)
		return 2;
	if ((lead & 0xF0) == 0xE0)
		return 3;
	if ((lead & 0xF8) == 0xF0)
		return 4;
	return 1;
}

static int32
unit_offset(const CpgLineIndex *index, int32 line0, int32 col, bool utf16)
{
	int32		pos;
	int32		end;
	int32		units = 0;

	if (line0 < 0 || line0 >= index->nlines || col < 0)
		return -1;
	pos = index->starts[line0];
	end = line_end(index, line0);
	while (units < col && pos < end)
	{
		int			len = utf8_seq_len((unsigned char) index->source[pos]);

		units += (utf16 && len == 4) ? 2 : 1;
		pos += len;
	}
	/* A column past the end of the line is clamped to it (end of line positions). */
	return Min(pos, end);
}

int32
cpg_lines_utf16_offset(const CpgLineIndex *index, int32 line0, int32 utf16_col)
{
	return unit_offset(index, line0, utf16_col, true);
}

int32
cpg_lines_codepoint_offset(const CpgLineIndex *index, int32 line0, int32 codepoint_col)
{
	return unit_offset(index, line0, codepoint_col, false);
}

PG_FUNCTION_INFO_V1(cpg_span_from_bytes);
Datum
cpg_span_from_bytes(PG_FUNCTION_ARGS)
{
	text	   *source = PG_GETARG_TEXT_PP(0);
	int32		bstart = PG_GETARG_INT32(1);
	int32		bend = PG_GETARG_INT32(2);
	int32		length = VARSIZE_ANY_EXHDR(source);
	CpgLineIndex lines;
	CpgSpan		span;

	if (bstart < 0 || bend < bstart || bend > length)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("byte range [%d, %d) is outside the source", bstart, bend),
				 errdetail("The source has %d bytes.", length)));
	cpg_lines_build(&lines, VARDATA_ANY(source), length);
	span.bstart = bstart;
	span.bend = bend;
	cpg_lines_locate(&lines, bstart, &span.line0, &span.col);
	cpg_lines_locate(&lines, bend, &span.end_line0, &span.end_col);
	PG_RETURN_DATUM(cpg_span_datum(cpg_tupdesc(CPG_T_span), &span));
}

/*
 * codecpg.line_at(source, byte_offset) and codecpg.line_at_starts(line_starts,
 * byte_offset): the views number the lines of every element with them, so consecutive
 * calls on one stored file must not index its lines again. A value stored out of line is
 * identified by its TOAST pointer; one stored in the row (short, or compressed to a few
 * kB) by its stored bytes, which are compared rather than decompressed and indexed on
 * every call. The index built for the last file is kept (in fn_extra) until another file
 * comes.
 */
typedef struct LineAtCache
{
	Oid			toastrelid;		/* InvalidOid when the value was stored in the row */
	Oid			valueid;
	struct varlena *stored;		/* copy of the stored bytes of an in-row value */
	struct varlena *value;		/* detoasted copy the index points into */
	bool		built;			/* lines.starts was allocated (from a source text) */
	CpgLineIndex lines;
} LineAtCache;

/* The cache holds the index of this argument: the same TOAST value or the same bytes. */
static bool
line_at_cached(const LineAtCache *cache, struct varlena *raw)
{
	if (cache == NULL)
		return false;
	if (VARATT_IS_EXTERNAL_ONDISK(raw))
	{
		struct varatt_external ptr;

		VARATT_EXTERNAL_GET_POINTER(ptr, raw);
		return cache->toastrelid == ptr.va_toastrelid && cache->valueid == ptr.va_valueid;
	}
	return cache->stored != NULL && VARSIZE_ANY(cache->stored) == VARSIZE_ANY(raw) &&
		memcmp(cache->stored, raw, VARSIZE_ANY(raw)) == 0;
}

/* The line index of the first argument, a source text or a list of line starts. */
static const CpgLineIndex *
line_at_index(FunctionCallInfo fcinfo, bool line_starts)
{
	struct varlena *raw = (struct varlena *) DatumGetPointer(PG_GETARG_DATUM(0));
	LineAtCache *cache = fcinfo->flinfo->fn_extra;
	MemoryContext old;

	if (line_at_cached(cache, raw))
		return &cache->lines;
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	if (cache == NULL)
		cache = fcinfo->flinfo->fn_extra = palloc0(sizeof(LineAtCache));
	else
	{
		if (cache->stored != NULL)
			pfree(cache->stored);
		if (cache->built)
			pfree(cache->lines.starts);
		pfree(cache->value);
	}
	cache->toastrelid = cache->valueid = InvalidOid;
	cache->stored = NULL;
	cache->value = NULL;
	cache->built = false;
	if (VARATT_IS_EXTERNAL_ONDISK(raw))
	{
		struct varatt_external ptr;

		VARATT_EXTERNAL_GET_POINTER(ptr, raw);
		cache->toastrelid = ptr.va_toastrelid;
		cache->valueid = ptr.va_valueid;
	}
	else if (!VARATT_IS_EXTERNAL(raw))
	{
		cache->stored = palloc(VARSIZE_ANY(raw));
		memcpy(cache->stored, raw, VARSIZE_ANY(raw));
	}
	cache->value = PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(0));
	if (line_starts)
		cpg_lines_from_starts(&cache->lines, PointerGetDatum(cache->value), false);
	else
	{
		cpg_lines_build(&cache->lines, VARDATA(cache->value), VARSIZE(cache->value) - VARHDRSZ);
		cache->built = true;
	}
	MemoryContextSwitchTo(old);
	return &cache->lines;
}

/*
 * The 1-based line of the second argument. Past the end of a source text is an error; a
 * list of line starts does not know where the text ends, so only a negative offset is.
 */
static Datum
line_at(FunctionCallInfo fcinfo, bool line_starts)
{
	const CpgLineIndex *lines = line_at_index(fcinfo, line_starts);
	int32		offset = PG_GETARG_INT32(1);
	int32		line0;
	int32		col;

	if (offset < 0 || (!line_starts && offset > lines->length))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("byte offset %d is outside the source", offset),
				 line_starts ? errdetail("Offsets into a source are not negative.") :
				 errdetail("The source has %d bytes.", lines->length)));
	cpg_lines_locate(lines, offset, &line0, &col);
	PG_RETURN_INT32(line0 + 1);
}

PG_FUNCTION_INFO_V1(cpg_line_at);
Datum
cpg_line_at(PG_FUNCTION_ARGS)
{
	return line_at(fcinfo, false);
}

PG_FUNCTION_INFO_V1(cpg_line_at_starts);
Datum
cpg_line_at_starts(PG_FUNCTION_ARGS)
{
	return line_at(fcinfo, true);
}
