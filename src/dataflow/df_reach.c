/*
 * df_reach.c: reaching definitions of one code object over its basic blocks.
 *
 * The classic bit-vector problem, one bit per definition: a definition of a variable
 * kills the others of that variable and of its attribute paths (x = ... ends what x.a
 * held); a definition of an attribute path kills that path's; a store into an item or a
 * container method (d[k] = v, d.append(v)) kills nothing, the container keeps its old
 * contents. Parameters are defined on entry. Along an exception edge flows everything
 * that reaches any point of the protected block: what reaches its entry and every
 * definition made in it. A code object whose definitions times blocks would need more
 * than DF_MAX_BITS bits is approximated flow-insensitively (every definition of a
 * variable reaches every use of it), and counted in the file's attrs.
 */
#include "postgres.h"

#include "dataflow/dataflow.h"
#include "miscadmin.h"
#include "port/pg_bitutils.h"

#define DF_MAX_BITS ((int64) 1 << 25)

typedef struct DfCsr
{
	int32	   *start;			/* n + 1 offsets */
	int32	   *items;
} DfCsr;

/* Items grouped by a key in 0..n-1 (counting sort), in the order given. */
static void
csr_build(DfCsr *csr, int32 n, int32 count, const int32 *keys, const int32 *items)
{
	int32	   *fill = palloc0((n + 1) * sizeof(int32));

	csr->start = palloc0((n + 1) * sizeof(int32));
	csr->items = palloc(Max(count, 1) * sizeof(int32));
	for (int32 i = 0; i < count; i++)
		csr->start[keys[i] + 1]++;
	for (int32 k = 0; k < n; k++)
		csr->start[k + 1] += csr->start[k];
	for (int32 i = 0; i < count; i++)
		csr->items[csr->start[keys[i]] + fill[keys[i]]++] = items[i];
	pfree(fill);
}

static inline void
bit_set(uint64 *v, int32 b)
{
	v[b >> 6] |= UINT64CONST(1) << (b & 63);
}

static inline void
bit_clear(uint64 *v, int32 b)
{
	v[b >> 6] &= ~(UINT64CONST(1) << (b & 63));
}

static inline bool
bit_test(const uint64 *v, int32 b)
{
	return (v[b >> 6] >> (b & 63)) & 1;
}

typedef struct DfReach
{
	DfFile	   *f;
	int32		first;
	int32		n;
	int32		ndefs;
	int32	   *def_index;		/* per event: its definition number, or -1 */
	int32	   *def_event;		/* per definition: its event (unit-local) */
	DfCsr		key_defs;		/* definitions per key */
	DfCsr		key_children;	/* attribute path keys per base key */
	int32		nkeys;
	int32		words;
} DfReach;

/* Apply one event to the set of reaching definitions (and to a kill set, if given). */
static void
transfer(const DfReach *r, int32 e, uint64 *live, uint64 *kill)
{
	const DfEvent *ev = &r->f->events[r->first + e];
	int32		d = r->def_index[e];

	if (d < 0)
		return;
	if (!DF_KIND_IS_WEAK(ev->kind))
	{
		int32		key = ev->key;

		for (int pass = 0; pass < 2; pass++)
		{
			int32		from = pass == 0 ? key : 0;
			int32		nkeys = pass == 0 ? 1 : r->key_children.start[key + 1] - r->key_children.start[key];

			for (int32 c = 0; c < nkeys; c++)
			{
				int32		k = pass == 0 ? from : r->key_children.items[r->key_children.start[key] + c];

				for (int32 j = r->key_defs.start[k]; j < r->key_defs.start[k + 1]; j++)
				{
					bit_clear(live, r->key_defs.items[j]);
					if (kill)
						bit_set(kill, r->key_defs.items[j]);
				}
			}
		}
	}
	bit_set(live, d);
	if (kill)
		bit_clear(kill, d);
}

static void
emit_reaches(const DfReach *r, int32 e, const uint64 *live)
{
	const DfEvent *ev = &r->f->events[r->first + e];

	if (!DF_KIND_IS_LOAD(ev->kind) || ev->key < 0 || ev->key >= r->nkeys)
		return;
	for (int32 j = r->key_defs.start[ev->key]; j < r->key_defs.start[ev->key + 1]; j++)
	{
		int32		d = r->key_defs.items[j];

		if (live == NULL || bit_test(live, d))
			df_file_add_reach(r->f, r->first + r->def_event[d], r->first + e);
	}
}

/*
 * Per exception edge (by edge index): what the events of its block before the protected
 * range generate and kill, and every definition within the range.
 */
typedef struct DfExcPrefix
{
	uint64	   *gen;
	uint64	   *kill;
	uint64	   *all;
} DfExcPrefix;

static void
exc_prefix(const DfReach *r, const DfCode *code, const int32 *block_start, DfExcPrefix *x)
{
	const BcDecoded *d = &code->d;
	Size		size = (Size) Max(d->nedges, 1) * r->words * sizeof(uint64);

	x->gen = palloc0(size);
	x->kill = palloc0(size);
	x->all = palloc0(size);
	for (int32 k = 0; k < d->nedges; k++)
	{
		const BcEdge *e = &d->edges[k];
		const BcExcEntry *entry;
		uint64	   *gen = &x->gen[(Size) k * r->words];
		uint64	   *kill = &x->kill[(Size) k * r->words];
		uint64	   *all = &x->all[(Size) k * r->words];

		if (e->kind != BC_EDGE_EXC || e->exc_index < 0 || e->exc_index >= d->nexc)
			continue;
		entry = &d->exc[e->exc_index];
		for (int32 ev = block_start[e->src]; ev < block_start[e->src + 1]; ev++)
		{
			int32		instr = r->f->events[r->first + ev].instr;
			int32		offset = instr >= 0 && instr < d->ninstrs ? d->instrs[instr].offset : -1;

			if (offset < entry->start)
				transfer(r, ev, gen, kill);
			else if (offset < entry->end && r->def_index[ev] >= 0)
				bit_set(all, r->def_index[ev]);
		}
	}
}

void
df_reaching_definitions(DfFile *f, const DfCode *code, int32 first, int32 n, const int32 *event_block,
						const int32 *key_base, int32 nkeys)
{
	const BcDecoded *d = &code->d;
	int32		nblocks = Max(d->nblocks, 1);
	DfReach		r;
	int32	   *keys,
			   *items;
	int32		nitems = 0;
	int32	   *block_start;
	uint64	   *gen,
			   *kill,
			   *in,
			   *out,
			   *cur;
	bool		changed;
	DfExcPrefix exc;
	DfCsr		preds;

	memset(&r, 0, sizeof(r));
	r.f = f;
	r.first = first;
	r.n = n;
	r.nkeys = nkeys;
	r.def_index = palloc(Max(n, 1) * sizeof(int32));
	r.def_event = palloc(Max(n, 1) * sizeof(int32));
	for (int32 e = 0; e < n; e++)
	{
		const DfEvent *ev = &f->events[first + e];

		r.def_index[e] = -1;
		if (DF_KIND_IS_DEF(ev->kind) && ev->key >= 0 && ev->key < nkeys)
		{
			r.def_index[e] = r.ndefs;
			r.def_event[r.ndefs++] = e;
		}
	}
	if (r.ndefs == 0 || nkeys == 0)
		return;

	keys = palloc(Max(Max(Max(r.ndefs, nkeys), d->nedges), 1) * sizeof(int32));
	items = palloc(Max(Max(Max(r.ndefs, nkeys), d->nedges), 1) * sizeof(int32));
	for (int32 k = 0; k < r.ndefs; k++)
	{
		keys[k] = f->events[first + r.def_event[k]].key;
		items[k] = k;
	}
	csr_build(&r.key_defs, nkeys, r.ndefs, keys, items);
	for (int32 k = 0; k < nkeys; k++)
		if (key_base[k] >= 0)
		{
			keys[nitems] = key_base[k];
			items[nitems++] = k;
		}
	csr_build(&r.key_children, nkeys, nitems, keys, items);

	if ((int64) r.ndefs * nblocks > DF_MAX_BITS)
	{
		for (int32 e = 0; e < n; e++)
			emit_reaches(&r, e, NULL);
		f->approximated++;
		return;
	}

	/* Events are in instruction order, so each block's events are one run. */
	block_start = palloc((nblocks + 1) * sizeof(int32));
	for (int32 b = 0, e = 0; b <= nblocks; b++)
	{
		while (e < n && event_block[e] < b)
			e++;
		block_start[b] = e;
	}
	r.words = (r.ndefs + 63) / 64;
	gen = palloc0((Size) nblocks * r.words * sizeof(uint64));
	kill = palloc0((Size) nblocks * r.words * sizeof(uint64));
	in = palloc0((Size) nblocks * r.words * sizeof(uint64));
	out = palloc0((Size) nblocks * r.words * sizeof(uint64));
	cur = palloc(r.words * sizeof(uint64));
	for (int32 b = 0; b < nblocks; b++)
		for (int32 e = block_start[b]; e < block_start[b + 1]; e++)
			transfer(&r, e, &gen[(Size) b * r.words], &kill[(Size) b * r.words]);
	for (int32 b = 0; b < nblocks; b++)
		memcpy(&out[(Size) b * r.words], &gen[(Size) b * r.words], r.words * sizeof(uint64));
	exc_prefix(&r, code, block_start, &exc);
	for (int32 k = 0; k < d->nedges; k++)
	{
		keys[k] = d->edges[k].dst;
		items[k] = k;
	}
	csr_build(&preds, nblocks, d->nedges, keys, items);

	/*
	 * Blocks in offset order, each taking its predecessors' state as it is: forward code
	 * settles in one pass (a chain of a thousand ifs too), each loop level adds one.
	 */
	do
	{
		changed = false;
		CHECK_FOR_INTERRUPTS();
		for (int32 b = 0; b < nblocks; b++)
		{
			uint64	   *bin = &in[(Size) b * r.words];
			uint64	   *o = &out[(Size) b * r.words];
			const uint64 *g = &gen[(Size) b * r.words];
			const uint64 *kl = &kill[(Size) b * r.words];

			for (int32 p = preds.start[b]; p < preds.start[b + 1]; p++)
			{
				int32		k = preds.items[p];
				const BcEdge *e = &d->edges[k];
				bool		is_exc = e->kind == BC_EDGE_EXC;
				const uint64 *src = is_exc ? &in[(Size) e->src * r.words] : &out[(Size) e->src * r.words];
				const uint64 *pg = is_exc ? &exc.gen[(Size) k * r.words] : NULL;
				const uint64 *pk = is_exc ? &exc.kill[(Size) k * r.words] : NULL;
				const uint64 *ra = is_exc ? &exc.all[(Size) k * r.words] : NULL;

				for (int32 w = 0; w < r.words; w++)
				{
					uint64		add = is_exc ? (pg[w] | (src[w] & ~pk[w]) | ra[w]) : src[w];

					/* An exception edge reads its block's entry: a grown entry is a change. */
					if ((bin[w] | add) != bin[w])
					{
						bin[w] |= add;
						changed = true;
					}
				}
			}
			for (int32 w = 0; w < r.words; w++)
			{
				uint64		v = g[w] | (bin[w] & ~kl[w]);

				if (v != o[w])
				{
					o[w] = v;
					changed = true;
				}
			}
		}
	} while (changed);

	for (int32 b = 0; b < nblocks; b++)
	{
		memcpy(cur, &in[(Size) b * r.words], r.words * sizeof(uint64));
		for (int32 e = block_start[b]; e < block_start[b + 1]; e++)
		{
			emit_reaches(&r, e, cur);
			transfer(&r, e, cur, NULL);
		}
	}
}
