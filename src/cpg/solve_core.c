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

#include "common/hashfn.h"
#include "cpg/solve.h"
#include "cpg/solve_private.h"
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

#define EMPTY_KEY PG_UINT64_MAX

void
idmap_init(IdMap *m, uint64 capacity)
{
	uint64		c = 64;

	while (c < capacity * 2)
		c *= 2;
	m->capacity = c;
	m->count = 0;
	m->keys = palloc_extended(sizeof(uint64) * c, MCXT_ALLOC_HUGE);
	m->values = palloc_extended(sizeof(int32) * c, MCXT_ALLOC_HUGE);
	for (uint64 i = 0; i < c; i++)
		m->keys[i] = EMPTY_KEY;
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
		if (m->keys[i] == key)
			return m->values[i];
		if (m->keys[i] == EMPTY_KEY)
			return -1;
	}
}

static void
idmap_grow(IdMap *m)
{
	IdMap		old = *m;

	idmap_init(m, old.capacity);
	for (uint64 i = 0; i < old.capacity; i++)
		if (old.keys[i] != EMPTY_KEY)
			idmap_put(m, old.keys[i], old.values[i]);
	pfree(old.keys);
	pfree(old.values);
}

/* Adds key -> value unless the key is there; true if added. */
bool
idmap_put(IdMap *m, uint64 key, int32 value)
{
	uint64		mask;

	Assert(key != EMPTY_KEY);
	if ((m->count + 1) * 2 > m->capacity)
		idmap_grow(m);
	mask = m->capacity - 1;
	for (uint64 i = mix64(key) & mask;; i = (i + 1) & mask)
	{
		if (m->keys[i] == key)
			return false;
		if (m->keys[i] == EMPTY_KEY)
		{
			m->keys[i] = key;
			m->values[i] = value;
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
		if (m->keys[i] == key)
		{
			m->values[i] = value;
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

NodeId
solver_new_node(Solver *s)
{
	if (s->nnodes == s->capnodes)
	{
		NodeId		old = s->capnodes;

		s->capnodes = s->capnodes ? s->capnodes * 2 : 65536;
		s->nodes = repalloc_huge(s->nodes, sizeof(NodeData) * s->capnodes);
		memset(&s->nodes[old], 0, sizeof(NodeData) * (s->capnodes - old));
	}
	return s->nnodes++;
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
		const Obj  *first = &s->objs[n->objs[0]];
		const Obj  *o = &s->objs[obj];

		n->mixed = first->kind != o->kind || (o->kind != OBJ_BOUND && o->kind != OBJ_INST);
	}
	if (n->n >= NODE_MAX_OBJECTS &&
		n->n >= (n->mixed ? NODE_MAX_OBJECTS :
				 s->objs[n->objs[0]].kind == OBJ_INST ? NODE_MAX_INSTANCES : NODE_MAX_METHODS))
	{
		if (!n->capped)
		{
			n->capped = true;
			s->capped_nodes++;
		}
		return false;
	}
	/* sets are small (NODE_MAX_OBJECTS): a scan is cheaper than any hash */
	for (int32 i = 0; i < n->n; i++)
		if (n->objs[i] == obj)
			return false;
	if (n->n == n->cap)
	{
		n->cap = n->cap ? n->cap * 2 : 2;
		n->objs = n->objs ? repalloc(n->objs, sizeof(ObjId) * n->cap) : palloc(sizeof(ObjId) * n->cap);
	}
	n->objs[n->n++] = obj;
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
		for (int32 i = 0; i < n->nsucc; i++)
			if (n->succ[i] == edge)
				return;
	}
	else
	{
		if (n->nsucc == COPY_SCAN_MAX)
			for (int32 i = 0; i < n->nsucc; i++)
				idmap_put(&s->copies, pair_key(from, n->succ[i]), 1);
		if (!idmap_put(&s->copies, pair_key(from, edge), 1))
			return;
	}
	if (n->nsucc == n->capsucc)
	{
		n->capsucc = n->capsucc ? n->capsucc * 2 : 2;
		n->succ = n->succ ? repalloc(n->succ, sizeof(NodeId) * n->capsucc) : palloc(sizeof(NodeId) * n->capsucc);
	}
	n->succ[n->nsucc++] = edge;
	/* what was propagated already must reach the new successor too */
	for (int32 i = 0; i < s->nodes[from].done; i++)
		if (passes(s, edge, s->nodes[from].objs[i]))
			solver_add_obj(s, edge & ~COPY_CODE_ONLY, s->nodes[from].objs[i]);
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
	if (n->ncons == n->capcons)
	{
		n->capcons = n->capcons ? n->capcons * 2 : 2;
		n->cons = n->cons ? repalloc(n->cons, sizeof(int32) * n->capcons) : palloc(sizeof(int32) * n->capcons);
	}
	n->cons[n->ncons++] = constraint;
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
				solver_fire(s, r.constraint, s->nodes[r.node].objs[i]);
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
			ObjId		obj = s->nodes[node].objs[i];

			/* edges and constraints may be added while this runs: index, do not cache */
			for (int32 e = 0; e < s->nodes[node].nsucc; e++)
				if (passes(s, s->nodes[node].succ[e], obj))
					solver_add_obj(s, s->nodes[node].succ[e] & ~COPY_CODE_ONLY, obj);
			for (int32 c = 0; c < s->nodes[node].ncons; c++)
				solver_fire(s, s->nodes[node].cons[c], obj);
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
