/*
 * span.h: the span ABI shared by every domain, and conversions from each producer's
 * native positions to it.
 *
 * A span is byte offsets into the file's UTF-8 text (bstart inclusive, bend exclusive)
 * plus 0-based lines and columns in the domain's unit. Lines follow Python's
 * definition: "\n", "\r\n" and a lone "\r" each end a line.
 */
#ifndef CODECPG_SPAN_H
#define CODECPG_SPAN_H

#include "access/tupdesc.h"

typedef struct CpgSpan
{
	int32		bstart;			/* a negative component is stored as NULL */
	int32		bend;
	int32		line0;
	int32		col;
	int32		end_line0;
	int32		end_col;
} CpgSpan;

#define CPG_SPAN_UNKNOWN {-1, -1, -1, -1, -1, -1}

extern Datum cpg_span_datum(TupleDesc span_tupdesc, const CpgSpan *span);
extern void cpg_require_utf8_database(const char *function);
extern void cpg_span_read(Datum span, bool isnull, CpgSpan *out);

/* Start offsets of every line of a source text. */
typedef struct CpgLineIndex
{
	const char *source;
	int32		length;			/* -1 for an index of stored line starts */
	int32	   *starts;			/* starts[i] = byte offset of line i */
	int32		nlines;
} CpgLineIndex;

extern void cpg_lines_build(CpgLineIndex *index, const char *source, int32 length);
extern Datum cpg_lines_starts_datum(const CpgLineIndex *index);
extern bool cpg_lines_from_starts(CpgLineIndex *index, Datum starts, bool isnull);
extern int32 cpg_lines_offset(const CpgLineIndex *index, int32 line0, int32 byte_col);
extern void cpg_lines_put_position(const CpgLineIndex *index, bool have_lines, Datum offset,
								   bool offset_null, Datum *out, bool *nulls);
extern void cpg_lines_locate(const CpgLineIndex *index, int32 offset, int32 *line0, int32 *byte_col);
extern int32 cpg_lines_utf16_offset(const CpgLineIndex *index, int32 line0, int32 utf16_col);
extern int32 cpg_lines_codepoint_offset(const CpgLineIndex *index, int32 line0, int32 codepoint_col);

#endif
