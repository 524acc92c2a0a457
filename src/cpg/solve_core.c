/*
 * solve_core.c: the machinery of the solve (solve.h): interned names, abstract objects,
 * nodes with their points-to sets, copy edges, constraints and the worklist.
 *
 * Sets only grow. Each node keeps its objects in insertion order and how many of them
 * have been propagated (`done`); the worklist holds nodes with unpropagated objects, so
 * every object crosses every edge and fires every constraint exactly once. Membership
 * of an object in a node and the existence of an edge are looked up in hash maps.
 */
#include "postgres.h"

#include "common/bulk.h"
#include "common/hashfn.h"
#include "cpg/solve.h"
#include "cpg/solve_private.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"

/* A node holding more objects than this stops growing: a precision bound, counted. */
#define NODE_MAX_OBJECTS 32
/*
 * A node holding nothing but bound methods may hold more: a state machine's current state
 * (self.state = self.parse_x, PyYAML's Parser and Emitter) is every state method bound to
 * every class that shares them. Such a node has a single meaning, its values are all code,
 * and none of the standard library's over-full nodes is one.
 */
#define NODE_MAX_METHODS 256
/*
 * A node holding nothing but instances may hold more too: the self of a method of a base
 * class every subclass of a framework reaches (pyparsing's ParserElement, codecs's
 * StreamReader under each encoding's), whose calls on self dispatch to each subclass.
 */
#define NODE_MAX_INSTANCES 64

StaticAssertDecl(NODE_MAX_METHODS < PG_UINT16_MAX, "a node counts its objects in 16 bits");

#define EMPTY_KEY PG_UINT64_MAX

void
idmap_init(IdMap *m, uint64 capacity)
{
	uint64		c = 64;

	while (c * 5 < capacity * 8)
		c *= 2;
	m->capacity = c;
	m->count = 0;
	m->slots = palloc_extended(sizeof(IdMapSlot) * c, MCXT_ALLOC_HUGE);
	cpg_prefer_huge_pages(m->slots, sizeof(IdMapSlot) * c);
	/* every byte of EMPTY_KEY is 0xFF */
	memset(m->slots, 0xFF, sizeof(IdMapSlot) * c);
}

static inline uint64
mix64(uint64 k)
{
	k ^= k >> 33;
	k *= UINT64CONST(0xff51afd7ed558ccd);
	k ^= k >> 33;
	k *= UINT64CONST(0xc4ceb9fe1a85ec53);
	k ^= k >> 33;
	return k;
}

int32
idmap_get(const IdMap *m, uint64 key)
{
	uint64		mask = m->capacity - 1;

	for (uint64 i = mix64(key) & mask;; i = (i + 1) & mask)
	{
		if (m->slots[i].key == key)
			return m->slots[i].value;
		if (m->slots[i].key == EMPTY_KEY)
			return -1;
	}
}

static void
idmap_grow(IdMap *m)
{
	IdMap		old = *m;

	idmap_init(m, old.capacity);
	for (uint64 i = 0; i < old.capacity; i++)
		if (old.slots[i].key != EMPTY_KEY)
			idmap_put(m, old.slots[i].key, old.slots[i].value);
	pfree(old.slots);
}

/* Adds key -> value unless the key is there; true if added. */
bool
idmap_put(IdMap *m, uint64 key, int32 value)
{
	uint64		mask;

	Assert(key != EMPTY_KEY);
	/* at most 5/8 full: a probe stays within a cache line or two */
	if ((m->count + 1) * 8 > m->capacity * 5)
		idmap_grow(m);
	mask = m->capacity - 1;
	for (uint64 i = mix64(key) & mask;; i = (i + 1) & mask)
	{
		if (m->slots[i].key == key)
			return false;
		if (m->slots[i].key == EMPTY_KEY)
		{
			m->slots[i].key = key;
			m->slots[i].value = value;
			m->count++;
			return true;
		}
	}
}

/* Sets key -> value, replacing a value the key had. */
void
idmap_set(IdMap *m, uint64 key, int32 value)
{
	uint64		mask;

	if (idmap_put(m, key, value))
		return;
	/* the put may have grown the table, even though the key was there */
	mask = m->capacity - 1;
	for (uint64 i = mix64(key) & mask;; i = (i + 1) & mask)
		if (m->slots[i].key == key)
		{
			m->slots[i].value = value;
			return;
		}
}

static inline uint64
pair_key(uint32 a, uint32 b)
{
	return ((uint64) a << 32) | b;
}

/* ---------------------------------------------------------------------------------- */

int32
solver_name(Solver *s, const char *name, int32 len)
{
	uint64		h = hash_bytes_extended((const unsigned char *) name, len, 0);
	int32		id;

	if (h == EMPTY_KEY)
		h = 0;
	for (id = idmap_get(&s->name_ids, h); id >= 0; id = s->name_next[id])
		if (strncmp(s->names[id], name, len) == 0 && s->names[id][len] == '\0')
			return id;
	if (s->nnames == s->capnames)
	{
		s->capnames = s->capnames ? s->capnames * 2 : 4096;
		s->names = repalloc_huge(s->names, sizeof(char *) * s->capnames);
		s->name_next = repalloc_huge(s->name_next, sizeof(int32) * s->capnames);
	}
	id = s->nnames++;
	s->names[id] = pnstrdup(name, len);
	/* names with the same hash are chained, the newest first */
	s->name_next[id] = idmap_get(&s->name_ids, h);
	idmap_set(&s->name_ids, h, id);
	return id;
}

int32
solver_name_cstr(Solver *s, const char *name)
{
	return solver_name(s, name, strlen(name));
}

/*
 * The name a format makes ("os.path" "." "join", "[0]"), formatted in one buffer the solver
 * reuses: the solve composes names by the hundred thousand, and each psprintf would leave
 * its string behind.
 */
int32
solver_name_printf(Solver *s, const char *fmt,...)
{
	if (s->scratch.data == NULL)
		initStringInfo(&s->scratch);
	for (;;)
	{
		va_list		args;
		int			needed;

		resetStringInfo(&s->scratch);
		va_start(args, fmt);
		needed = appendStringInfoVA(&s->scratch, fmt, args);
		va_end(args);
		if (needed == 0)
			break;
		enlargeStringInfo(&s->scratch, needed);
	}
	return solver_name(s, s->scratch.data, s->scratch.len);
}

ObjId
solver_obj(Solver *s, int32 kind, int32 a, int32 b)
{
	uint64		key = ((uint64) (uint8) kind << 56) ^ ((uint64) (uint32) a << 24) ^
		mix64((uint64) (uint32) b + 0x9E3779B97F4A7C15);
	int32		id;

	/* the key is a hash: equal keys are checked against the object itself */
	for (;;)
	{
		id = idmap_get(&s->obj_ids, key);
		if (id < 0)
			break;
		if (s->objs[id].kind == kind && s->objs[id].a == a && s->objs[id].b == b)
			return id;
		key = mix64(key + 1);
		if (key == EMPTY_KEY)
			key = 0;
	}
	GROW(s->objs, s->nobjs, s->capobjs);
	s->objs[s->nobjs] = (Obj) {kind, a, b};
	idmap_put(&s->obj_ids, key, s->nobjs);
	return s->nobjs++;
}

/*
 * Room for n more nodes. Nodes are cleared as they are made, not when the array grows:
 * the part of it never used is never touched (a refresh's node array is tens of MB, and
 * each page first touched is a page fault).
 */
void
solver_reserve_nodes(Solver *s, NodeId n)
{
	NodeId		cap = s->capnodes;

	if (s->nnodes + n <= cap)
		return;
	while (cap < s->nnodes + n)
		cap = cap ? cap * 2 : 65536;
	s->nodes = s->nodes ? repalloc_huge(s->nodes, sizeof(NodeData) * cap)
		: palloc_extended(sizeof(NodeData) * cap, MCXT_ALLOC_HUGE);
	s->capnodes = cap;
	cpg_prefer_huge_pages(s->nodes, sizeof(NodeData) * cap);
}

/* n new nodes, numbered from the one returned. */
NodeId
solver_new_nodes(Solver *s, NodeId n)
{
	NodeId		first = s->nnodes;

	solver_reserve_nodes(s, n);
	memset(&s->nodes[first], 0, sizeof(NodeData) * n);
	s->nnodes += n;
	return first;
}

NodeId
solver_new_node(Solver *s)
{
	return solver_new_nodes(s, 1);
}

/* The node of a (scope, name) variable or an (object, name) field, made on first use. */
static NodeId
keyed_node(Solver *s, IdMap *nodes, int32 owner, int32 name)
{
	uint64		key = pair_key(owner, name);
	int32		node = idmap_get(nodes, key);

	if (node < 0)
	{
		node = solver_new_node(s);
		idmap_put(nodes, key, node);
	}
	return node;
}

NodeId
solver_var(Solver *s, int32 scope, int32 name)
{
	return keyed_node(s, &s->var_nodes, scope, name);
}

NodeId
solver_field(Solver *s, ObjId obj, int32 name)
{
	return keyed_node(s, &s->field_nodes, obj, name);
}

static void
enqueue(Solver *s, NodeId node)
{
	if (s->nodes[node].queued)
		return;
	if (s->qtail - s->qhead == s->qcap)
	{
		int64		n = s->qtail - s->qhead;
		NodeId	   *q = palloc_extended(sizeof(NodeId) * Max(s->qcap * 2, 4096), MCXT_ALLOC_HUGE);

		for (int64 i = 0; i < n; i++)
			q[i] = s->queue[(s->qhead + i) % Max(s->qcap, 1)];
		if (s->queue)
			pfree(s->queue);
		s->queue = q;
		s->qhead = 0;
		s->qtail = n;
		s->qcap = Max(s->qcap * 2, 4096);
	}
	s->queue[s->qtail % s->qcap] = node;
	s->qtail++;
	s->nodes[node].queued = true;
}

/* ---------------------------------------------------------------------------------- */

static inline int32
list_class(uint64 capacity)
{
	return capacity <= 2 ? 0 : 64 - __builtin_clzll(capacity - 1) - 1;
}

/* The room a list of count entries has: 2, then the power of two that holds them. */
static inline uint64
list_capacity(int32 count)
{
	return UINT64CONST(2) << list_class(count);
}

/* A new block of the pool, of ids ids; its number. */
static int32
list_block(ListPool *pool, uint64 ids)
{
	if (pool->nblocks >= (1 << (32 - LIST_BLOCK_SHIFT)))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("the call graph's solve needs more than %d blocks of lists", 1 << (32 - LIST_BLOCK_SHIFT))));
	GROW(pool->blocks, pool->nblocks, pool->capblocks);
	pool->blocks[pool->nblocks] = palloc_extended(sizeof(uint32) * ids, MCXT_ALLOC_HUGE);
	cpg_prefer_huge_pages(pool->blocks[pool->nblocks], sizeof(uint32) * ids);
	return pool->nblocks++;
}

/* A pool with its first block, whose first ids are never handed out: 0 is no list. */
void
solver_lists_init(ListPool *pool)
{
	memset(pool, 0, sizeof(*pool));
	pool->current = list_block(pool, LIST_BLOCK_IDS);
	pool->used = 2;
}

static ListRef
list_alloc(ListPool *pool, int32 class)
{
	uint64		ids = UINT64CONST(2) << class;
	ListRef		list = pool->free[class];

	if (list != 0)
	{
		pool->free[class] = *solver_list(pool, list);
		return list;
	}
	if (ids >= LIST_BLOCK_IDS / 4)
		return (ListRef) list_block(pool, ids) << LIST_BLOCK_SHIFT;
	if (pool->used + ids > LIST_BLOCK_IDS)
	{
		/* what is left of the block is too short for this list: its pieces become free lists */
		while (pool->used < LIST_BLOCK_IDS)
		{
			/* smaller than the lists that get a block of their own */
			int32		piece = list_class(Min(LIST_BLOCK_IDS - pool->used, LIST_BLOCK_IDS / 8));
			ListRef		ref = ((ListRef) pool->current << LIST_BLOCK_SHIFT) | pool->used;

			while ((UINT64CONST(2) << piece) > LIST_BLOCK_IDS - pool->used)
				piece--;
			*solver_list(pool, ref) = pool->free[piece];
			pool->free[piece] = ref;
			pool->used += UINT64CONST(2) << piece;
		}
		pool->current = list_block(pool, LIST_BLOCK_IDS);
		pool->used = 0;
	}
	list = ((ListRef) pool->current << LIST_BLOCK_SHIFT) | pool->used;
	pool->used += ids;
	return list;
}

/*
 * Makes room for one more entry in a list of count entries (0 when count is 0): the list,
 * moved to the next size if it was full.
 */
static ListRef
list_room(ListPool *pool, ListRef list, int32 count)
{
	int32		class;
	ListRef		grown;

	if (count == 0)
		return list_alloc(pool, 0);
	if ((uint64) count < list_capacity(count))
		return list;
	class = list_class(count);
	grown = list_alloc(pool, class + 1);
	memcpy(solver_list(pool, grown), solver_list(pool, list), sizeof(uint32) * count);
	if ((UINT64CONST(2) << class) >= LIST_BLOCK_IDS / 4)
	{
		pfree(pool->blocks[list >> LIST_BLOCK_SHIFT]);
		pool->blocks[list >> LIST_BLOCK_SHIFT] = NULL;
	}
	else
	{
		*solver_list(pool, list) = pool->free[class];
		pool->free[class] = list;
	}
	return grown;
}

/* Adds an object to a node's set; true if it is new there. */
bool
solver_add_obj(Solver *s, NodeId node, ObjId obj)
{
	NodeData   *n;

	if (node == NO_NODE)
		return false;
	n = &s->nodes[node];
	if (n->n > 0 && !n->mixed)
	{
		const Obj  *first = &s->objs[node_objs(s, n)[0]];
		const Obj  *o = &s->objs[obj];

		n->mixed = first->kind != o->kind || (o->kind != OBJ_BOUND && o->kind != OBJ_INST);
	}
	if (n->n >= NODE_MAX_OBJECTS &&
		n->n >= (n->mixed ? NODE_MAX_OBJECTS :
				 s->objs[node_objs(s, n)[0]].kind == OBJ_INST ? NODE_MAX_INSTANCES : NODE_MAX_METHODS))
	{
		if (!n->capped)
		{
			n->capped = true;
			s->capped_nodes++;
		}
		return false;
	}
	/* sets are small (NODE_MAX_OBJECTS): a scan is cheaper than any hash */
	{
		const ObjId *objs = node_objs(s, n);

		for (int32 i = 0; i < n->n; i++)
			if (objs[i] == obj)
				return false;
	}
	n->objs = list_room(&s->lists, n->objs, n->n);
	solver_list(&s->lists, n->objs)[n->n++] = obj;
	enqueue(s, node);
	return true;
}

/*
 * Copy edges whose target has the high bit set pass only the program's own values:
 * arguments bound to parameters. Values of external code (strings, paths, constants the
 * standard library returns) reach every parameter of a helper called from everywhere,
 * and with them every attribute read of it; none of them is code the program calls.
 */
#define COPY_CODE_ONLY 0x80000000u

/* Successor lists this long are checked for repeats with a hash set rather than a scan. */
#define COPY_SCAN_MAX 32

static bool
passes(const Solver *s, NodeId edge, ObjId obj)
{
	int32		kind;

	if (!(edge & COPY_CODE_ONLY))
		return true;
	kind = s->objs[obj].kind;
	return kind != OBJ_EXT && kind != OBJ_OPAQUE;
}

static void
add_copy(Solver *s, NodeId from, NodeId edge)
{
	NodeData   *n;

	if (from == NO_NODE || (edge & ~COPY_CODE_ONLY) == (NO_NODE & ~COPY_CODE_ONLY) ||
		from == (edge & ~COPY_CODE_ONLY))
		return;
	n = &s->nodes[from];
	/* successor lists are short but for a few hubs, which get a hash set */
	if (n->nsucc < COPY_SCAN_MAX)
	{
		const NodeId *succ = solver_list(&s->lists, n->succ);

		for (int32 i = 0; i < n->nsucc; i++)
			if (succ[i] == edge)
				return;
	}
	else
	{
		if (n->nsucc == COPY_SCAN_MAX)
			for (int32 i = 0; i < n->nsucc; i++)
				idmap_put(&s->copies, pair_key(from, solver_list(&s->lists, n->succ)[i]), 1);
		if (!idmap_put(&s->copies, pair_key(from, edge), 1))
			return;
	}
	n->succ = list_room(&s->lists, n->succ, n->nsucc);
	solver_list(&s->lists, n->succ)[n->nsucc++] = edge;
	/* what was propagated already must reach the new successor too */
	for (int32 i = 0; i < s->nodes[from].done; i++)
	{
		ObjId		obj = node_objs(s, &s->nodes[from])[i];

		if (passes(s, edge, obj))
			solver_add_obj(s, edge & ~COPY_CODE_ONLY, obj);
	}
}

/* A copy edge: everything `from` holds, now and later, `to` holds too. */
void
solver_copy(Solver *s, NodeId from, NodeId to)
{
	if (to == NO_NODE)
		return;
	add_copy(s, from, to);
}

/* A copy edge for the program's own values only (see COPY_CODE_ONLY). */
void
solver_copy_code(Solver *s, NodeId from, NodeId to)
{
	if (to == NO_NODE)
		return;
	add_copy(s, from, to | COPY_CODE_ONLY);
}

int32
solver_constraint(Solver *s, int32 kind, int32 file, int32 a, int32 b, int32 c, int32 d)
{
	GROW(s->cons, s->ncons, s->capcons);
	s->cons[s->ncons] = (SolveConstraint) {kind, file, a, b, c, d};
	return s->ncons++;
}

/* A constraint fires for every object of the node: those propagated already, right now. */
void
solver_attach(Solver *s, NodeId node, int32 constraint)
{
	NodeData   *n;
	int32		done;

	if (node == NO_NODE)
		return;
	n = &s->nodes[node];
	n->cons = list_room(&s->lists, n->cons, n->ncons);
	solver_list(&s->lists, n->cons)[n->ncons++] = constraint;
	done = n->done;
	if (done == 0)
		return;
	/*
	 * The objects propagated already fire it from solver_run, not from here: firing may
	 * attach more constraints, and a chain of them (a call of a call of ...) must not
	 * become a chain of C frames.
	 */
	GROW(s->replays, s->nreplays, s->capreplays);
	s->replays[s->nreplays++] = (Replay) {node, constraint, done};
}

/* Propagates until no node has unpropagated objects. */
void
solver_run(Solver *s)
{
	while (s->qhead < s->qtail || s->nreplays > 0)
	{
		if (s->nreplays > 0)
		{
			Replay		r = s->replays[--s->nreplays];

			for (int32 i = 0; i < r.upto; i++)
				solver_fire(s, r.constraint, node_objs(s, &s->nodes[r.node])[i]);
			continue;
		}
		{
		NodeId		node = s->queue[s->qhead % s->qcap];
		int32		from;
		int32		to;

		s->qhead++;
		s->nodes[node].queued = false;
		if ((++s->steps & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		from = s->nodes[node].done;
		to = s->nodes[node].n;
		s->nodes[node].done = to;
		for (int32 i = from; i < to; i++)
		{
			ObjId		obj = node_objs(s, &s->nodes[node])[i];

			/*
			 * edges and constraints may be added while this runs, moving the lists and the
			 * nodes: index, do not cache
			 */
			for (int32 e = 0; e < s->nodes[node].nsucc; e++)
			{
				NodeId		edge = solver_list(&s->lists, s->nodes[node].succ)[e];

				if (passes(s, edge, obj))
					solver_add_obj(s, edge & ~COPY_CODE_ONLY, obj);
			}
			for (int32 c = 0; c < s->nodes[node].ncons; c++)
				solver_fire(s, solver_list(&s->lists, s->nodes[node].cons)[c], obj);
		}
		}
	}
}

/* ---------------------------------------------------------------------------------- */

int32
solver_evidence(Solver *s, int32 file, int32 caller, int32 kind, int32 key, int32 bstart, int32 bend)
{
	uint64		k = ((uint64) (uint32) file << 40) ^ ((uint64) (uint32) kind << 32) ^ (uint32) key;
	int32		id = idmap_get(&s->evidence_ids, k);

	if (id >= 0)
		return id;
	GROW(s->evidence, s->nevidence, s->capevidence);
	s->evidence[s->nevidence] = (Evidence) {file, caller, kind, bstart, bend, key};
	idmap_put(&s->evidence_ids, k, s->nevidence);
	return s->nevidence++;
}

void
solver_edge(Solver *s, int32 evidence, int32 target, int32 detail)
{
	uint64		key = pair_key(evidence, (uint32) target);

	if (evidence < 0 || evidence >= s->nevidence)
		elog(ERROR, "call edge without evidence (%d)", evidence);
	if (!idmap_put(&s->edge_ids, key, s->nedges))
		return;
	GROW(s->edges, s->nedges, s->capedges);
	s->edges[s->nedges++] = (CallEdge) {evidence, target, detail};
}
