/*
 * scip_pos.c - SCIP positions to byte offsets.
 */
#include "scip_pos.h"

#include "scip_util.h"

bool
scip_line_index(ScipLineIndex *ix, const char *src, size_t len,
				const ScipAlloc *alloc, ScipError *err)
{
	uint32_t	n = 1,
				k = 0;
	size_t		i;

	if (len >= UINT32_MAX)
	{
		scip_set_error(err, SCIP_ERR_LIMIT, 0, "source text of %zu bytes is too large", len);
		return false;
	}
	for (i = 0; i < len; i++)
		if (src[i] == '\n' || (src[i] == '\r' && (i + 1 == len || src[i + 1] != '\n')))
			n++;
	ix->src = src;
	ix->len = len;
	ix->nlines = n;
	ix->start = scip_zalloc(alloc, err, sizeof(uint32_t) * n, 0);
	ix->end = scip_zalloc(alloc, err, sizeof(uint32_t) * n, 0);
	if (!ix->start || !ix->end)
		return false;
	ix->start[0] = 0;
	for (i = 0; i < len; i++)
	{
		if (src[i] == '\r' && i + 1 < len && src[i + 1] == '\n')
		{
			ix->end[k] = (uint32_t) i;
			ix->start[++k] = (uint32_t) (i + 2);
			i++;
		}
		else if (src[i] == '\n' || src[i] == '\r')
		{
			ix->end[k] = (uint32_t) i;
			ix->start[++k] = (uint32_t) (i + 1);
		}
	}
	ix->end[k] = (uint32_t) len;
	return true;
}

/* length of the UTF-8 sequence led by c (the text is valid UTF-8) */
static inline uint32_t
u8len(unsigned char c)
{
	return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

bool
scip_byte_offset(const ScipLineIndex *ix, int32_t line, int32_t col,
				 ScipColUnit unit, uint32_t *out)
{
	uint32_t	b,
				e;
	int64_t		left = col;

	if (line < 0 || col < 0 || (uint32_t) line >= ix->nlines)
		return false;
	b = ix->start[line];
	e = ix->end[line];
	if (unit == SCIP_COL_UTF8)
	{
		if ((int64_t) e - b < left)
			return false;
		b += (uint32_t) col;
		/* must not split a character */
		if (b < e && ((unsigned char) ix->src[b] & 0xc0) == 0x80)
			return false;
		*out = b;
		return true;
	}
	while (left > 0 && b < e)
	{
		uint32_t	n = u8len((unsigned char) ix->src[b]);

		left -= (unit == SCIP_COL_UTF16 && n == 4) ? 2 : 1;
		b += n;
	}
	if (left != 0 || b > e)
		return false;
	*out = b;
	return true;
}
