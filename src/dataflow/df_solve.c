/*
 * df_solve.c: taint from sources to sinks over a loaded repository (df_load.c).
 *
 * Roles: a call is a source, sink or sanitizer when one of the names it may call (from
 * the call graph, else its callee as written with imports resolved) matches a pattern;
 * a parameter is a source as "fqn(param)"; a use of a name bound to an import is a
 * source by its qualified name (flask.request), an attribute of an object that cannot be
 * named by the attribute as written (*.GET).
 *
 * Calls: an argument flows into the parameters it binds in every callee with code in the
 * repository (positional, keyword, *args, **kwargs; the receiver of a method into self),
 * and into the call's result when the callee returns that parameter (its summary, a
 * fixpoint over the call graph) or when the callee may be outside the repository (a
 * string method of a tainted string returns a tainted string). A sanitizer's result is
 * clean. A return flows to every caller of its function only when the value did not come
 * in through a parameter of the current call chain: the two-phase solve of realizable
 * paths (phase 1 may return to callers, phase 2, entered by descending into a callee,
 * may not; summaries carry phase 2's values back out), so that a helper called with a
 * tainted and with a clean value does not taint both results.
 *
 * Heap: a definition of a module global, a class attribute through self, or a closure
 * variable reaches the uses of it in other code objects (flow-insensitively, in phase 1).
 * Within a code object, reaching definitions decide (so overwriting a variable kills its
 * taint). Control dependence is not flow.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "dataflow/df_solve.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"

/* ---- patterns ---- */

/* "name[0, sql]": the positions and keywords of the arguments a sink cares about. */
static void
parse_selectors(DfRepo *r, DfPattern *p, char *name)
{
	char	   *open = strrchr(name, '[');
	char	   *list;
	char	   *item;
	char	   *save;
	int32		n = 0;

	if (open == NULL || name[strlen(name) - 1] != ']')
		return;
	name[strlen(name) - 1] = '\0';
	*open = '\0';
	list = open + 1;
	p->selects = true;
	p->positions = palloc((strlen(list) + 1) * sizeof(int32));
	p->keywords = palloc((strlen(list) + 1) * sizeof(int32));
	for (item = strtok_r(list, ", ", &save); item; item = strtok_r(NULL, ", ", &save), n++)
	{
		if (strspn(item, "0123456789") == strlen(item))
			p->positions[p->npositions++] = atoi(item);
		else if (strspn(item, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789") == strlen(item))
			p->keywords[p->nkeywords++] = df_intern_cstr(&r->strings, item);
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid argument selector \"%s\" in sink name \"%s[%s]\"", item, name, list),
					 errhint("Select arguments by position or keyword: \"*.execute[0]\", \"subprocess.run[0, args]\".")));
	}
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("empty argument selector in sink name \"%s[]\"", name)));
}

void
df_patterns_init(DfRepo *r, DfPatterns *p, ArrayType *names, bool selectors)
{
	Datum	   *values;
	bool	   *nulls;
	int			n;

	memset(p, 0, sizeof(*p));
	if (names == NULL)
		return;
	if (ARR_NDIM(names) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("source, sink and sanitizer names must be one-dimensional arrays")));
	deconstruct_array(names, TEXTOID, -1, false, TYPALIGN_INT, &values, &nulls, &n);
	p->items = palloc0(Max(n, 1) * sizeof(DfPattern));
	for (int i = 0; i < n; i++)
	{
		DfPattern  *item = &p->items[p->count];
		char	   *s;

		if (nulls[i])
			continue;
		s = TextDatumGetCString(values[i]);
		if (selectors)
			parse_selectors(r, item, s);
		else if (strchr(s, '[') && s[strlen(s) - 1] == ']')
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("argument selectors apply to sinks only: \"%s\"", s)));
		item->exact = strchr(s, '*') ? -1 : df_intern_cstr(&r->strings, s);
		item->glob = s;
		p->count++;
	}
}

/* '*' matches any run of characters, dots included; everything else matches itself. */
static bool
glob_match(const char *pat, const char *s, int32 len)
{
	const char *star = NULL;
	int32		at = 0,
				resume = 0;

	while (at < len)
	{
		if (*pat == '*')
		{
			star = ++pat;
			resume = at;
		}
		else if (*pat != '\0' && *pat == s[at])
		{
			pat++;
			at++;
		}
		else if (star)
		{
			pat = star;
			at = ++resume;
		}
		else
			return false;
	}
	while (*pat == '*')
		pat++;
	return *pat == '\0';
}

/* The first pattern a name matches, or -1; remembered per name (names repeat). */
static int32
match_index(const DfRepo *r, DfPatterns *p, int32 name)
{
	int32		found = -1;

	if (name < 0 || p->count == 0)
		return -1;
	if (name < p->nmatched && p->matched[name] >= 0)
		return p->matched[name] - 1;
	for (int32 i = 0; i < p->count && found < 0; i++)
	{
		const DfPattern *item = &p->items[i];

		if (item->exact >= 0 ? item->exact == name :
			glob_match(item->glob, r->strings.strs[name], r->strings.lens[name]))
			found = i;
	}
	if (name >= p->nmatched)
	{
		int32		n = Max(Max(1024, p->nmatched * 2), name + 1);

		p->matched = p->matched ? repalloc(p->matched, n * sizeof(int32)) : palloc(n * sizeof(int32));
		for (int32 k = p->nmatched; k < n; k++)
			p->matched[k] = -1;
		p->nmatched = n;
	}
	p->matched[name] = found + 1;
	return found;
}

static bool
matches(const DfRepo *r, DfPatterns *p, int32 name)
{
	return match_index(r, p, name) >= 0;
}

/* ---- binding arguments to parameters ---- */

static bool
name_is(const DfRepo *r, int32 name, const char *s)
{
	return name >= 0 && strcmp(r->strings.strs[name], s) == 0;
}

/*
 * Whether a call of a method binds its first parameter: obj.m(x) does (self = obj), and
 * so does constructing a class (C(x) calls __init__ with a new self); C.m(obj, x) and
 * m(x) in the class body do not.
 */
static int32
bound_shift(const DfRepo *r, const DfRCall *c, const DfRUnit *t)
{
	int32		callee = r->nodes[c->node].name;
	const char *text;
	const char *dot;
	const char *owner;
	int32		owner_len;

	if (t->class_unit < 0 || t->method_kind == DF_METHOD_STATIC)
		return 0;
	/* A classmethod binds the class however it is called. */
	if (callee < 0 || t->method_kind == DF_METHOD_CLASS)
		return 1;
	text = r->strings.strs[callee];
	dot = strrchr(text, '.');
	if (name_is(r, t->name, "__init__"))
		return dot == NULL || strcmp(dot, ".__init__") != 0 ? 1 : 0;
	if (dot == NULL)
		return 0;
	for (owner = dot; owner > text && owner[-1] != '.'; owner--)
		;
	owner_len = (int32) (dot - owner);
	if (r->units[t->class_unit].name >= 0 && r->strings.lens[r->units[t->class_unit].name] == owner_len &&
		memcmp(r->strings.strs[r->units[t->class_unit].name], owner, owner_len) == 0)
		return 0;
	return 1;
}

/* The parameters (nodes) an argument slot of call c binds in target t; returns how many. */
static int32
bind_slot(const DfRepo *r, const DfRCall *c, const DfRUnit *t, int32 slot, int32 *out, int32 max)
{
	int32		shift = bound_shift(r, c, t);
	int32		star = t->argcount + t->kwonlyargcount;
	int32		n = 0;

#define ADD(index) do { int32 p_ = df_repo_param(r, t, (index)); if (p_ >= 0 && n < max) out[n++] = p_; } while (0)
	if (slot == DF_SLOT_RECEIVER)
	{
		if (shift == 1 && !name_is(r, t->name, "__init__"))
			ADD(0);
	}
	else if (slot >= 0)
	{
		if (slot + shift < t->argcount)
			ADD(slot + shift);
		else if (t->has_varargs)
			ADD(star);
	}
	else if (DF_SLOT_IS_KEYWORD(slot))
	{
		int32		p = df_repo_keyword_param(r, t, df_repo_keyword(r, c->node, slot));

		if (p >= 0 && n < max)
			out[n++] = p;
	}
	else if (slot == DF_SLOT_STAR)
	{
		for (int32 k = shift; k < t->argcount; k++)
			ADD(k);
		if (t->has_varargs)
			ADD(star);
	}
	else if (slot == DF_SLOT_DSTAR)
	{
		for (int32 k = Max(t->posonlyargcount, shift); k < star; k++)
			ADD(k);
		if (t->has_varkeywords)
			ADD(star + (t->has_varargs ? 1 : 0));
	}
#undef ADD
	return n;
}

/* Whether a value passed in this slot reaches what the sink cares about. */
static bool
sink_accepts(const DfRepo *r, const DfRCall *c, int32 slot)
{
	const DfPattern *p;

	if (!(slot >= 0 || DF_SLOT_IS_KEYWORD(slot) || slot == DF_SLOT_STAR || slot == DF_SLOT_DSTAR))
		return false;
	p = &r->sinks->items[c->sink_pattern];
	/* Unpacked arguments may hold any position or keyword. */
	if (!p->selects || slot == DF_SLOT_STAR || slot == DF_SLOT_DSTAR)
		return true;
	for (int32 i = 0; i < p->npositions && slot >= 0; i++)
		if (p->positions[i] == slot)
			return true;
	if (DF_SLOT_IS_KEYWORD(slot))
	{
		DfText		kw = df_repo_keyword(r, c->node, slot);

		for (int32 i = 0; i < p->nkeywords; i++)
			if (kw.len == r->strings.lens[p->keywords[i]] &&
				memcmp(kw.ptr, r->strings.strs[p->keywords[i]], kw.len) == 0)
				return true;
	}
	return false;
}

/* An argument in this slot may come back as the call's result. */
static bool
call_returns_slot(const DfRepo *r, const DfRCall *c, int32 slot, bool *through_outside)
{
	int32		params[64];

	*through_outside = false;
	if (c->role & DF_ROLE_SANITIZER)
		return false;
	if (c->external)
	{
		*through_outside = true;
		return true;
	}
	for (int32 k = 0; k < c->ntargets; k++)
	{
		const DfRUnit *t = &r->units[c->targets[k]];
		int32		n = bind_slot(r, c, t, slot, params, lengthof(params));

		for (int32 i = 0; i < n; i++)
		{
			int32		index = params[i] - t->first_node;

			if (t->summary & (UINT64CONST(1) << Min(index, 63)))
				return true;
		}
	}
	return false;
}

/* ---- summaries: which parameters a function may return ---- */

struct DfWork
{
	int32	   *queue;			/* states: node * 2 + phase - 1 */
	int32		head;
	int32		tail;
	int32	   *stamp;			/* per state: the epoch it was seen in */
	int32	   *parent;			/* per state: the state it came from, -1 for a start */
	int32	   *via;			/* per state: how */
	int32		epoch;
	int32		nstates;
};
typedef struct DfWork DfWork;

static void
work_init(DfWork *w, int32 nnodes, bool parents)
{
	w->nstates = nnodes * 2;
	w->queue = palloc(Max(w->nstates, 1) * sizeof(int32));
	w->stamp = palloc0(Max(w->nstates, 1) * sizeof(int32));
	w->parent = parents ? palloc(Max(w->nstates, 1) * sizeof(int32)) : NULL;
	w->via = parents ? palloc(Max(w->nstates, 1) * sizeof(int32)) : NULL;
	w->epoch = 0;
}

static void
work_start(DfWork *w)
{
	w->head = w->tail = 0;
	if (++w->epoch == PG_INT32_MAX)
	{
		memset(w->stamp, 0, w->nstates * sizeof(int32));
		w->epoch = 1;
	}
}

static bool
work_push(DfWork *w, int32 node, int phase, int32 from, int32 via)
{
	int32		state = node * 2 + phase - 1;

	if (w->stamp[state] == w->epoch)
		return false;
	w->stamp[state] = w->epoch;
	if (w->parent)
	{
		w->parent[state] = from;
		w->via[state] = via;
	}
	w->queue[w->tail++] = state;
	return true;
}

/* Whether the value of parameter `param` of unit u may be returned or yielded by u. */
static bool
param_returns(DfRepo *r, DfWork *w, int32 u, int32 param)
{
	work_start(w);
	work_push(w, param, 1, -1, DF_VIA_START);
	while (w->head < w->tail)
	{
		int32		n = w->queue[w->head++] / 2;
		const DfRNode *node = &r->nodes[n];

		if ((node->kind == DF_RETURN || node->kind == DF_YIELD) && node->unit == u)
			return true;
		for (int32 e = r->out_start[n]; e < r->out_start[n + 1]; e++)
		{
			int32		dst = r->out_dst[e];
			int32		slot = r->out_slot[e];
			const DfRNode *to = &r->nodes[dst];
			bool		outside;

			if (to->call >= 0 && slot != DF_SLOT_VALUE && slot != DF_EDGE_REACH)
			{
				if (!call_returns_slot(r, &r->calls[to->call], slot, &outside))
					continue;
			}
			work_push(w, dst, 1, -1, 0);
		}
	}
	return false;
}

static void
compute_summaries(DfRepo *r)
{
	DfWork		w;
	int32	   *queue = palloc(Max(r->nunits, 1) * sizeof(int32));
	bool	   *queued = palloc(Max(r->nunits, 1) * sizeof(bool));
	int32		head = 0,
				tail = 0;

	work_init(&w, r->nnodes, false);
	for (int32 u = 0; u < r->nunits; u++)
	{
		r->units[u].summary = 0;
		queued[u] = r->units[u].nparams > 0 && r->units[u].ncallers > 0;
		if (queued[u])
			queue[tail++ % r->nunits] = u;
	}
	while (head != tail)
	{
		int32		u = queue[head++ % r->nunits];
		DfRUnit    *unit = &r->units[u];
		uint64		summary = 0;

		queued[u] = false;
		CHECK_FOR_INTERRUPTS();
		for (int32 p = 0; p < unit->nparams; p++)
		{
			uint64		bit = UINT64CONST(1) << Min(p, 63);

			if (!(summary & bit) && param_returns(r, &w, u, unit->first_node + p))
				summary |= bit;
		}
		if (summary == unit->summary)
			continue;
		unit->summary = summary;
		/* The code objects that call it may now return more. */
		for (int32 k = 0; k < unit->ncallers; k++)
		{
			int32		caller = r->nodes[unit->callers[k]].unit;

			if (caller >= 0 && !queued[caller] && r->units[caller].nparams > 0)
			{
				queued[caller] = true;
				queue[tail++ % r->nunits] = caller;
			}
		}
	}
}

/* ---- roles ---- */

void
df_solve_prepare(DfRepo *r, DfPatterns *sources, DfPatterns *sinks, DfPatterns *sanitizers)
{
	r->sinks = sinks;
	for (int32 ci = 0; ci < r->ncalls; ci++)
	{
		DfRCall    *c = &r->calls[ci];

		c->role = 0;
		c->source_name = c->sink_name = c->sink_pattern = -1;
		for (int32 k = 0; k < c->nnames; k++)
		{
			int32		sink = c->sink_name < 0 ? match_index(r, sinks, c->names[k]) : -1;

			if (matches(r, sanitizers, c->names[k]))
				c->role |= DF_ROLE_SANITIZER;
			if (sink >= 0)
			{
				c->role |= DF_ROLE_SINK;
				c->sink_name = c->names[k];
				c->sink_pattern = sink;
			}
			if (c->source_name < 0 && matches(r, sources, c->names[k]))
			{
				c->role |= DF_ROLE_SOURCE;
				c->source_name = c->names[k];
			}
		}
	}
	compute_summaries(r);
}

/*
 * The source nodes, in node order, and the name each matched: source calls; parameters
 * as fqn(param); imports and uses bound to them by qualified name.
 */
int32
df_solve_sources(DfRepo *r, DfPatterns *sources, int32 **nodes, int32 **names)
{
	int32		capacity = 64;
	int32		n = 0;
	bool		params = false;

	for (int32 i = 0; i < sources->count && !params; i++)
		params = strchr(sources->items[i].glob, '(') != NULL;
	*nodes = palloc(capacity * sizeof(int32));
	*names = palloc(capacity * sizeof(int32));
	for (int32 v = 0; v < r->nnodes; v++)
	{
		const DfRNode *node = &r->nodes[v];
		int32		name = -1;

		if ((v & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		if (node->call >= 0 && (r->calls[node->call].role & DF_ROLE_SOURCE))
			name = r->calls[node->call].source_name;
		else if (node->kind == DF_PARAM && params && node->unit >= 0 && r->units[node->unit].fqn >= 0 &&
				 node->name >= 0)
		{
			const DfRUnit *u = &r->units[node->unit];
			int32		s = df_intern_cstr(&r->strings,
										   psprintf("%s(%s)", r->strings.strs[u->fqn], r->strings.strs[node->name]));

			if (matches(r, sources, s))
				name = s;
		}
		/* Uses of an imported name are its sources: the import itself reads nothing. */
		else if (DF_KIND_IS_LOAD(node->kind) && matches(r, sources, node->qname))
			name = node->qname;
		/* An attribute of an object the analysis cannot name, as written: *.GET. */
		else if (node->kind == DF_LOAD_ATTR && node->qname < 0 && matches(r, sources, node->name))
			name = node->name;
		if (name < 0)
			continue;
		if (n == capacity)
		{
			capacity *= 2;
			*nodes = repalloc(*nodes, capacity * sizeof(int32));
			*names = repalloc(*names, capacity * sizeof(int32));
		}
		(*nodes)[n] = v;
		(*names)[n++] = name;
	}
	return n;
}

/* ---- propagation ---- */

static void
work_path(const DfWork *w, int32 state, DfStep **path, int32 *npath, int32 extra)
{
	int32		n = 0;
	int32		at;

	for (at = state; at >= 0; at = w->parent[at])
		n++;
	*path = palloc((n + extra) * sizeof(DfStep));
	*npath = n;
	for (at = state; at >= 0; at = w->parent[at])
	{
		--n;
		(*path)[n].node = at / 2;
		(*path)[n].via = w->via[at];
	}
}

static void
add_flow(DfFlow **flows, int32 *nflows, int32 *capacity, const DfFlow *flow)
{
	if (*nflows == *capacity)
	{
		*capacity = Max(16, *capacity * 2);
		*flows = *flows ? repalloc(*flows, *capacity * sizeof(DfFlow)) : palloc(*capacity * sizeof(DfFlow));
	}
	(*flows)[(*nflows)++] = *flow;
}

/*
 * Everything one source reaches. A flow is a sink call reached through one of its
 * arguments, with the shortest path (in steps) to it; with all_reached, every node reached
 * is a flow instead, its path the way there.
 */
void
df_solve_flows(DfRepo *r, int32 source, int32 source_name, bool all_reached, DfFlow **flows, int32 *nflows)
{
	DfWork	   *w = r->work;
	int32		capacity = 0;
	int32		params[64];

	*flows = NULL;
	*nflows = 0;
	if (w == NULL)
	{
		w = r->work = palloc(sizeof(DfWork));
		work_init(w, r->nnodes, true);
		r->hit_stamp = palloc0(Max(Max(r->ncalls, r->nnodes), 1) * sizeof(int32));
	}
	work_start(w);
	work_push(w, source, 1, -1, DF_VIA_START);
	while (w->head < w->tail)
	{
		int32		state = w->queue[w->head++];
		int32		n = state / 2;
		int			phase = state % 2 + 1;
		const DfRNode *node = &r->nodes[n];

		if ((w->head & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		if (all_reached && r->hit_stamp[n] != w->epoch)
		{
			DfFlow		flow = {source, source_name, n, NULL, 0};

			r->hit_stamp[n] = w->epoch;
			work_path(w, state, &flow.path, &flow.npath, 0);
			add_flow(flows, nflows, &capacity, &flow);
		}
		for (int32 e = r->out_start[n]; e < r->out_start[n + 1]; e++)
		{
			int32		dst = r->out_dst[e];
			int32		slot = r->out_slot[e];
			const DfRNode *to = &r->nodes[dst];
			const DfRCall *c;
			bool		outside;

			if (slot == DF_EDGE_REACH || slot == DF_SLOT_VALUE || to->call < 0)
			{
				work_push(w, dst, phase, state, slot);
				continue;
			}
			c = &r->calls[to->call];
			if ((c->role & DF_ROLE_SINK) && !all_reached && sink_accepts(r, c, slot) &&
				r->hit_stamp[to->call] != w->epoch)
			{
				DfFlow		flow = {source, source_name, dst, NULL, 0};

				r->hit_stamp[to->call] = w->epoch;
				work_path(w, state, &flow.path, &flow.npath, 1);
				flow.path[flow.npath].node = dst;
				flow.path[flow.npath++].via = DF_VIA_SINK;
				add_flow(flows, nflows, &capacity, &flow);
			}
			if (c->role & DF_ROLE_SANITIZER)
				continue;
			for (int32 k = 0; k < c->ntargets; k++)
			{
				int32		np = bind_slot(r, c, &r->units[c->targets[k]], slot, params, lengthof(params));

				for (int32 i = 0; i < np; i++)
					work_push(w, params[i], 2, state, DF_VIA_PARAM);
			}
			if (call_returns_slot(r, c, slot, &outside))
				work_push(w, dst, phase, state, outside ? DF_VIA_PASS : DF_VIA_SUMMARY);
		}
		/* A value returned from a function entered from a caller goes back by the summary. */
		if ((node->kind == DF_RETURN || node->kind == DF_YIELD) && phase == 1 && node->unit >= 0)
		{
			const DfRUnit *u = &r->units[node->unit];

			for (int32 k = 0; k < u->ncallers; k++)
				if (!(r->calls[r->nodes[u->callers[k]].call].role & DF_ROLE_SANITIZER))
					work_push(w, u->callers[k], 1, state, DF_VIA_RETURN);
		}
		if (node->key >= 0 && (DF_KIND_IS_DEF(node->kind)) && !DF_KIND_IS_DELETE(node->kind))
		{
			const DfRKey *key = &r->keys[node->key];

			for (int32 k = 0; k < key->nuses; k++)
				if (r->nodes[key->uses[k]].unit != node->unit)
					work_push(w, key->uses[k], 1, state, DF_VIA_HEAP);
		}
	}
}
