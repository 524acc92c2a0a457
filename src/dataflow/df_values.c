/*
 * df_values.c: the values of the simulated stack: sorted sets of the events a value is
 * made of, and stacks merged where control flow joins.
 */
#include "postgres.h"

#include "dataflow/df_sim.h"

const DfVal df_empty_val = {NULL, 0, SH_NONE, 0, 0, -1, -1, -1};

const int32 *
df_set_union(const int32 *a, int32 na, const int32 *b, int32 nb, int32 *n)
{
	int32	   *out;
	int32		i = 0,
				j = 0,
				k = 0;

	if (nb == 0)
	{
		*n = na;
		return a;
	}
	if (na == 0)
	{
		*n = nb;
		return b;
	}
	out = palloc((na + nb) * sizeof(int32));
	while (i < na || j < nb)
	{
		if (j >= nb || (i < na && a[i] < b[j]))
			out[k++] = a[i++];
		else if (i >= na || b[j] < a[i])
			out[k++] = b[j++];
		else
		{
			out[k++] = a[i++];
			j++;
		}
	}
	*n = k;
	return out;
}

bool
df_set_contains_all(const int32 *a, int32 na, const int32 *b, int32 nb)
{
	int32		i = 0;

	for (int32 j = 0; j < nb; j++)
	{
		while (i < na && a[i] < b[j])
			i++;
		if (i >= na || a[i] != b[j])
			return false;
	}
	return true;
}

DfVal
df_val_event(int32 ev, int32 bstart, int32 bend)
{
	DfVal		v = df_empty_val;
	int32	   *set = palloc(sizeof(int32));

	set[0] = ev;
	v.set = set;
	v.nset = 1;
	v.bstart = bstart;
	v.bend = bend;
	return v;
}

/* A new value made of the data of n values (an operator, a container, a conversion). */
DfVal
df_val_derive(const DfVal *vals, int32 n, int32 bstart, int32 bend)
{
	DfVal		v = df_empty_val;

	for (int32 i = 0; i < n; i++)
		v.set = df_set_union(v.set, v.nset, vals[i].set, vals[i].nset, &v.nset);
	v.bstart = bstart;
	v.bend = bend;
	return v;
}

/* ---- the stack ---- */

void
df_push(DfStack *s, DfVal v)
{
	if (s->depth == s->capacity)
	{
		s->capacity = Max(16, s->capacity * 2);
		s->v = s->v ? repalloc(s->v, s->capacity * sizeof(DfVal)) : palloc(s->capacity * sizeof(DfVal));
	}
	s->v[s->depth++] = v;
}

/* A malformed stack (never produced by CPython) yields empty values rather than a crash. */
DfVal
df_pop(DfStack *s)
{
	if (s->depth == 0)
		return df_empty_val;
	s->low = Min(s->low, s->depth - 1);
	return s->v[--s->depth];
}

DfVal *
df_peek(DfStack *s, int32 i)
{
	static DfVal scratch;

	if (i < 1 || i > s->depth)
	{
		scratch = df_empty_val;
		return &scratch;
	}
	return &s->v[s->depth - i];
}

void
df_stack_copy(DfStack *dst, const DfStack *src)
{
	dst->depth = 0;
	for (int32 i = 0; i < src->depth; i++)
		df_push(dst, src->v[i]);
}

/* Merge a predecessor's exit stack into a block's entry; true when the entry grew. */
bool
df_stack_merge(DfStack *entry, const DfStack *in)
{
	bool		changed = false;

	if (entry->depth < 0)
	{
		entry->depth = 0;
		df_stack_copy(entry, in);
		return true;
	}
	while (entry->depth < in->depth)
	{
		df_push(entry, df_empty_val);
		changed = true;
	}
	for (int32 i = 0; i < in->depth; i++)
	{
		DfVal	   *e = &entry->v[i];
		const DfVal *o = &in->v[i];

		if (!df_set_contains_all(e->set, e->nset, o->set, o->nset))
		{
			e->set = df_set_union(e->set, e->nset, o->set, o->nset, &e->nset);
			changed = true;
		}
		if (e->shape != SH_NONE && (e->shape != o->shape || e->a != o->a || e->b != o->b))
		{
			e->shape = SH_NONE;
			changed = true;
		}
		if (e->dotted >= 0 && e->dotted != o->dotted)
		{
			e->dotted = -1;
			changed = true;
		}
		if (e->bstart >= 0 && (e->bstart != o->bstart || e->bend != o->bend))
		{
			e->bstart = e->bend = -1;
			changed = true;
		}
	}
	return changed;
}

