/*
 * scip_util.c - errors, arena vectors and string checks for the SCIP readers.
 */
#include "scip_util.h"

#include <stdio.h>
#include <string.h>

typedef struct VecHdr
{
	void	   *v;
	uint32_t	n,
				cap;
} VecHdr;

int
scip_set_errorv(ScipError *err, ScipErrCode code, uint64_t offset,
				const char *fmt, va_list ap)
{
	err->code = code;
	err->offset = offset;
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	return code;
}

int
scip_set_error(ScipError *err, ScipErrCode code, uint64_t offset, const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	scip_set_errorv(err, code, offset, fmt, ap);
	va_end(ap);
	return code;
}

void *
scip_zalloc(const ScipAlloc *a, ScipError *err, size_t size, uint64_t at)
{
	void	   *p = a->alloc(a->ctx, size);

	if (!p)
	{
		scip_set_error(err, SCIP_ERR_NOMEM, at, "out of memory allocating %zu bytes", size);
		return NULL;
	}
	memset(p, 0, size);
	return p;
}

void *
scip_vec_push(const ScipAlloc *a, ScipError *err, void *vec, size_t elem_size, uint64_t at)
{
	VecHdr	   *h = vec;
	char	   *slot;

	if (h->n == h->cap)
	{
		uint32_t	ncap = h->cap ? h->cap * 2 : 4;
		void	   *nv;

		if (ncap <= h->cap || (uint64_t) ncap * elem_size > (uint64_t) (SIZE_MAX / 2))
		{
			scip_set_error(err, SCIP_ERR_LIMIT, at, "too many elements in one list at byte %llu",
						   (unsigned long long) at);
			return NULL;
		}
		if (!(nv = a->alloc(a->ctx, (size_t) ncap * elem_size)))
		{
			scip_set_error(err, SCIP_ERR_NOMEM, at, "out of memory growing a list to %u elements",
						   ncap);
			return NULL;
		}
		if (h->n)
			memcpy(nv, h->v, (size_t) h->n * elem_size);
		/* the old block stays in the arena until the next reset */
		h->v = nv;
		h->cap = ncap;
	}
	slot = (char *) h->v + (size_t) h->n * elem_size;
	memset(slot, 0, elem_size);
	h->n++;
	return slot;
}

int
scip_check_string(ScipError *err, const char *p, size_t len, uint64_t at, ScipStr *out)
{
	const unsigned char *s = (const unsigned char *) p;
	size_t		i = 0;

	if (len > UINT32_MAX)
		return scip_set_error(err, SCIP_ERR_LIMIT, at, "string of %zu bytes at byte %llu is too long",
							  len, (unsigned long long) at);
	while (i < len)
	{
		unsigned char c = s[i];
		size_t		n;
		uint32_t	cp;

		if (c >= 0x01 && c < 0x80)
		{
			i++;
			continue;
		}
		if (c == 0)
			return scip_set_error(err, SCIP_ERR_STRING, at + i,
								  "string at byte %llu contains a NUL byte",
								  (unsigned long long) at);
		if (c >= 0xc2 && c <= 0xdf)
			n = 1, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			n = 2, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			n = 3, cp = c & 0x07;
		else
			goto bad;
		if (len - i - 1 < n)
			goto bad;
		for (size_t k = 1; k <= n; k++)
		{
			if ((s[i + k] & 0xc0) != 0x80)
				goto bad;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		/* overlong forms, surrogates, beyond U+10FFFF */
		if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
			(cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			goto bad;
		i += n + 1;
	}
	out->ptr = p;
	out->len = (uint32_t) len;
	return SCIP_OK;

bad:
	return scip_set_error(err, SCIP_ERR_STRING, at + i,
						  "string at byte %llu is not valid UTF-8 (byte %llu)",
						  (unsigned long long) at, (unsigned long long) (at + i));
}

const char *
scip_err_name(ScipErrCode code)
{
	switch (code)
	{
		case SCIP_OK:
			return "ok";
		case SCIP_ERR_TRUNCATED:
			return "truncated";
		case SCIP_ERR_VARINT:
			return "bad varint";
		case SCIP_ERR_WIRETYPE:
			return "bad wire type";
		case SCIP_ERR_TAG:
			return "bad tag";
		case SCIP_ERR_DEPTH:
			return "nesting too deep";
		case SCIP_ERR_STRING:
			return "bad string";
		case SCIP_ERR_LIMIT:
			return "limit exceeded";
		case SCIP_ERR_NOMEM:
			return "out of memory";
		case SCIP_ERR_JSON:
			return "bad JSON";
		case SCIP_ERR_VISITOR:
			return "stopped";
		case SCIP_ERR_BUDGET:
			return "memory budget exceeded";
	}
	return "unknown";
}
