/*
 * scip_pos.h - converts SCIP positions (0-based line, column in the producer's
 * code unit) to byte offsets into a file's UTF-8 text.  Plain C, no PostgreSQL.
 *
 * Lines end at "\n", "\r\n" or a lone "\r", as in CPython's tokenizer and in
 * pyright (scip-python's front end), so every domain counts lines alike.
 */
#ifndef CODECPG_SCIP_POS_H
#define CODECPG_SCIP_POS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scip_wire.h"

/* column units, numbered as scip.proto's PositionEncoding */
typedef enum ScipColUnit
{
	SCIP_COL_UTF8 = 1,
	SCIP_COL_UTF16 = 2,
	SCIP_COL_UTF32 = 3
} ScipColUnit;

typedef struct ScipLineIndex
{
	const char *src;
	size_t		len;
	uint32_t   *start;			/* byte offset where each line starts */
	uint32_t   *end;			/* byte offset of each line's terminator (or len) */
	uint32_t	nlines;			/* always >= 1: text after the last newline is a line */
} ScipLineIndex;

/* Indexes the lines of src (len < 4 GB); false with err set on failure. */
extern bool scip_line_index(ScipLineIndex *ix, const char *src, size_t len,
							const ScipAlloc *alloc, ScipError *err);

/*
 * Byte offset of (line, col), col counted in unit from the line start.  A
 * column may point at the end of the line's content but not into its
 * terminator, past it, or between the two halves of a UTF-16 surrogate pair
 * or the bytes of one UTF-8 character: such positions do not exist in the
 * text and give false.
 */
extern bool scip_byte_offset(const ScipLineIndex *ix, int32_t line, int32_t col,
							 ScipColUnit unit, uint32_t *out);

#endif							/* CODECPG_SCIP_POS_H */
