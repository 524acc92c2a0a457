/*
 * df_maps.c: the small integer maps of a repository load: (a, b, c) triples to a value
 * (a file's callsite spans, a file's n-th code object of a qualname) and string ids to a
 * value.
 */
#include "postgres.h"

#include "dataflow/df_solve.h"

static uint32
triple_hash(int32 a, int32 b, int32 c)
{
	uint32		h = (uint32) a * 0x9E3779B1u;

	h ^= (uint32) b * 0x85EBCA77u + (h << 6) + (h >> 2);
	h ^= (uint32) c * 0xC2B2AE3Du + (h << 6) + (h >> 2);
	return h ^ (h >> 16);
}

static void
triple_alloc(DfTripleMap *m, int32 nslots)
{
	m->nslots = nslots;
	m->keys = palloc(m->nslots * 3 * sizeof(int32));
	m->values = palloc(m->nslots * sizeof(int32));
	for (int32 i = 0; i < m->nslots; i++)
		m->values[i] = -1;
	m->count = 0;
}

void
df_triple_init(DfTripleMap *m, int32 expected)
{
	int32		nslots = 64;

	while (nslots < expected * 2)
		nslots *= 2;
	triple_alloc(m, nslots);
}

static void
triple_grow(DfTripleMap *m)
{
	int32	   *keys = m->keys;
	int32	   *values = m->values;
	int32		n = m->nslots;

	triple_alloc(m, n * 2);
	for (int32 i = 0; i < n; i++)
		if (values[i] >= 0)
			df_triple_put(m, keys[3 * i], keys[3 * i + 1], keys[3 * i + 2], values[i]);
	pfree(keys);
	pfree(values);
}

/* Keeps the first value of a key. */
void
df_triple_put(DfTripleMap *m, int32 a, int32 b, int32 c, int32 value)
{
	uint32		at;

	if (m->count * 2 >= m->nslots)
		triple_grow(m);
	at = triple_hash(a, b, c) & (m->nslots - 1);
	while (m->values[at] >= 0)
	{
		if (m->keys[3 * at] == a && m->keys[3 * at + 1] == b && m->keys[3 * at + 2] == c)
			return;
		at = (at + 1) & (m->nslots - 1);
	}
	m->keys[3 * at] = a;
	m->keys[3 * at + 1] = b;
	m->keys[3 * at + 2] = c;
	m->values[at] = value;
	m->count++;
}

int32
df_triple_get(const DfTripleMap *m, int32 a, int32 b, int32 c)
{
	uint32		at = triple_hash(a, b, c) & (m->nslots - 1);

	while (m->values[at] >= 0)
	{
		if (m->keys[3 * at] == a && m->keys[3 * at + 1] == b && m->keys[3 * at + 2] == c)
			return m->values[at];
		at = (at + 1) & (m->nslots - 1);
	}
	return -1;
}

void
df_sid_put(DfSidMap *m, int32 sid, int32 value)
{
	if (sid < 0)
		return;
	if (sid >= m->size)
	{
		int32		size = Max(1024, m->size);

		while (size <= sid)
			size *= 2;
		m->values = m->values ? repalloc(m->values, size * sizeof(int32)) : palloc(size * sizeof(int32));
		for (int32 i = m->size; i < size; i++)
			m->values[i] = -1;
		m->size = size;
	}
	m->values[sid] = value;
}

int32
df_sid_get(const DfSidMap *m, int32 sid)
{
	return sid >= 0 && sid < m->size ? m->values[sid] : -1;
}

