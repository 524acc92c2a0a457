/*
 * df_strings.c: the names of one file's data-flow facts, each stored once.
 *
 * Variable, attribute, keyword, module and callee names repeat on almost every event;
 * the analysis compares them as small integers and the rows carry each as one text.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "dataflow/dataflow.h"

void
df_strings_init(DfStrings *s, MemoryContext cxt)
{
	s->cxt = cxt;
	s->count = 0;
	s->capacity = 64;
	s->strs = MemoryContextAlloc(cxt, s->capacity * sizeof(char *));
	s->lens = MemoryContextAlloc(cxt, s->capacity * sizeof(int32));
	s->nslots = 128;
	s->slots = MemoryContextAllocZero(cxt, s->nslots * sizeof(int32));
}

static void
rehash(DfStrings *s)
{
	int32		nslots = s->nslots * 2;
	int32	   *slots = MemoryContextAllocZero(s->cxt, nslots * sizeof(int32));

	for (int32 i = 0; i < s->count; i++)
	{
		uint32		h = hash_bytes((const unsigned char *) s->strs[i], s->lens[i]);
		int32		at = h & (nslots - 1);

		while (slots[at] != 0)
			at = (at + 1) & (nslots - 1);
		slots[at] = i + 1;
	}
	pfree(s->slots);
	s->slots = slots;
	s->nslots = nslots;
}

int32
df_intern(DfStrings *s, const char *str, int32 len)
{
	uint32		h = hash_bytes((const unsigned char *) str, len);
	int32		at = h & (s->nslots - 1);
	char	   *copy;

	while (s->slots[at] != 0)
	{
		int32		i = s->slots[at] - 1;

		if (s->lens[i] == len && memcmp(s->strs[i], str, len) == 0)
			return i;
		at = (at + 1) & (s->nslots - 1);
	}
	if (s->count == s->capacity)
	{
		s->capacity *= 2;
		s->strs = repalloc(s->strs, s->capacity * sizeof(char *));
		s->lens = repalloc(s->lens, s->capacity * sizeof(int32));
	}
	copy = MemoryContextAlloc(s->cxt, len + 1);
	memcpy(copy, str, len);
	copy[len] = '\0';
	s->strs[s->count] = copy;
	s->lens[s->count] = len;
	s->slots[at] = ++s->count;
	/* Keep the table at most half full. */
	if (s->count * 2 > s->nslots)
		rehash(s);
	return s->count - 1;
}

int32
df_intern_cstr(DfStrings *s, const char *str)
{
	return df_intern(s, str, (int32) strlen(str));
}

/* left + sep + right; either side -1 yields the other alone (-1 when both are). */
int32
df_intern_concat(DfStrings *s, int32 left, char sep, int32 right)
{
	char	   *buf;
	int32		len;
	int32		result;

	if (left < 0 || right < 0)
		return left < 0 ? right : left;
	len = s->lens[left] + 1 + s->lens[right];
	buf = palloc(len);
	memcpy(buf, s->strs[left], s->lens[left]);
	buf[s->lens[left]] = sep;
	memcpy(buf + s->lens[left] + 1, s->strs[right], s->lens[right]);
	result = df_intern(s, buf, len);
	pfree(buf);
	return result;
}
