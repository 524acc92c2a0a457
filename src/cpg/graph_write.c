/*
 * graph_write.c: the rows of a solved repository (graph.h), written by difference.
 *
 * Every file gets its scope rows and one graph row holding its links. Links are
 * collected in memory by what identifies them (spans, scopes, names), put in a
 * canonical order and hashed per file with the scopes; the stored hash (digest) of each
 * file says whether its rows changed, and only changed files get their rows built (node
 * ids are SHA-256 digests, made for those files only) and rewritten. A refresh after a
 * one-file edit rewrites that file and the files whose links point at definitions whose
 * spans or names moved.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/arrays.h"
#include "common/hashfn.h"
#include "common/ids.h"
#include "common/rowtype.h"
#include "cpg/graph.h"
#include "cpg/solve_private.h"
#include "index/index.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

typedef enum LinkKind
{
	LK_CALL = CK_CALL,
	LK_DECORATOR = CK_DECORATOR,
	LK_IMPORT = CK_IMPORT,
	LK_CLASS_BODY = CK_CLASS_BODY,
	LK_PROPERTY = CK_PROPERTY,
	LK_DUNDER = CK_DUNDER,
	LK_BINDING,
	LK_INHERITS,
} LinkKind;

static const char *const link_kind_names[] = {
	[LK_CALL] = "call",
	[LK_DECORATOR] = "decorator",
	[LK_IMPORT] = "import",
	[LK_CLASS_BODY] = "class_body",
	[LK_PROPERTY] = "property",
	[LK_DUNDER] = "dunder",
	[LK_BINDING] = "binding",
	[LK_INHERITS] = "inherits",
};

/* What a link's evidence node is (its src_node_id recipe). */
typedef enum SrcKind
{
	SRC_CALLSITE,
	SRC_DECORATOR,
	SRC_ATTRIBUTE,
	SRC_IMPORT,
	SRC_IMPORT_FROM,
	SRC_SCOPE,					/* the scope running the code (src_scope) */
} SrcKind;

typedef enum CalleeKind
{
	CALLEE_SCOPE,				/* target is a scope of the repository */
	CALLEE_EXTERNAL,			/* target is a name outside it */
	CALLEE_UNRESOLVED,			/* a call the analysis could not follow, by its text */
	CALLEE_NAME,				/* an imported name nothing defines (a variable) */
} CalleeKind;

static const char *const callee_kind_names[] = {NULL, "EXTERNAL", "UNRESOLVED", "NAME"};

typedef enum Resolution
{
	RES_POINTS_TO,
	RES_SCIP,
	RES_STRUCTURE,
	RES_UNRESOLVED,
} Resolution;

static const char *const resolution_names[] = {"points_to", "scip", "structure", "unresolved"};

typedef struct Link
{
	int32		kind;			/* LinkKind */
	int32		bstart;
	int32		bend;
	int32		src_kind;		/* SrcKind */
	int32		src_scope;		/* for SRC_SCOPE */
	int32		caller;			/* global scope */
	int32		callee_kind;	/* CalleeKind */
	int32		target;			/* global scope, or a name */
	int32		resolution;		/* Resolution */
	int32		candidates;
	int32		detail;			/* a name, or -1 */
} Link;

typedef struct FileLinks
{
	Link	   *links;
	int32		n;
	int32		cap;
} FileLinks;

/* What the writer knows of every scope. */
typedef struct ScopeInfo
{
	const char *kind;			/* MODULE, CLASS, FUNCTION, ASYNC_FUNCTION, LAMBDA */
	const char *fqn;
	uint64		hash;			/* of what identifies it in rows: file, kind, span, qualified name */
	char	   *node_id;		/* made when a changed file needs it */
} ScopeInfo;

typedef struct Writer
{
	Solver	   *s;
	const char *repo;
	ScopeInfo  *scopes;			/* per global scope; comprehensions: their owner's */
	uint64	   *name_hash;		/* per name, made when needed (0: not yet) */
	char	  **name_ids;		/* per name, its PY_QUALIFIED_NAME node id, made when needed */
	FileLinks  *files;
	MemoryContext cxt;			/* of the writer and its caches; rows are built in a shorter one */
} Writer;

static uint64
hash_str(const char *s)
{
	uint64		h = hash_bytes_extended((const unsigned char *) s, strlen(s), 0x5eed);

	return h ? h : 1;
}

static uint64
mix(uint64 h, uint64 v)
{
	return hash_combine64(h, v * UINT64CONST(0x9E3779B97F4A7C15));
}

static const char *
kind_of(const Solver *s, int32 g)
{
	const GScope *sc = &s->scopes[g];
	const SumScope *ss = &s->files[sc->file].sum.scopes[sc->local];

	switch (ss->kind)
	{
		case SS_MODULE:
			return "MODULE";
		case SS_CLASS:
			return "CLASS";
		case SS_LAMBDA:
			return "LAMBDA";
		default:
			return (ss->flags & SSF_ASYNC) ? "ASYNC_FUNCTION" : "FUNCTION";
	}
}

/* The node kind (cpg_nodes.node_kind) of a scope of that kind_of. */
static const char *
scope_node_kind(const char *kind)
{
	if (strcmp(kind, "MODULE") == 0)
		return "PY_MODULE";
	if (strcmp(kind, "CLASS") == 0)
		return "CST_CLASS_DEF";
	if (strcmp(kind, "LAMBDA") == 0)
		return "CST_LAMBDA";
	return "CST_FUNCTION_DEF";
}

static void
scope_infos(Writer *w)
{
	Solver	   *s = w->s;

	w->scopes = palloc0(sizeof(ScopeInfo) * Max(s->nscopes, 1));
	for (int32 g = 0; g < s->nscopes; g++)
	{
		GScope	   *sc = &s->scopes[g];
		GFile	   *f = &s->files[sc->file];
		const SumScope *ss = &f->sum.scopes[sc->local];
		uint64		h;

		if (ss->kind == SS_COMPREHENSION)
			continue;
		w->scopes[g].kind = kind_of(s, g);
		w->scopes[g].fqn = solver_scope_fqn(s, g);
		h = mix(hash_str(f->file_id), hash_str(w->scopes[g].kind));
		h = mix(h, (uint32) ss->def_bstart);
		h = mix(h, (uint32) ss->def_bend);
		w->scopes[g].hash = mix(h, hash_str(w->scopes[g].fqn));
	}
	for (int32 g = 0; g < s->nscopes; g++)
		if (w->scopes[g].kind == NULL)
			w->scopes[g] = w->scopes[s->scopes[g].caller];
}

static const char *
scope_node_id(Writer *w, int32 g)
{
	ScopeInfo  *info = &w->scopes[w->s->scopes[g].caller];
	GScope	   *sc = &w->s->scopes[w->s->scopes[g].caller];
	GFile	   *f = &w->s->files[sc->file];
	const SumScope *ss = &f->sum.scopes[sc->local];

	if (info->node_id == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(w->cxt);

		if (ss->kind == SS_MODULE)
		{
			const char *parts[1] = {f->file_id};

			info->node_id = cpg_stable_id("py_module", 1, parts);
		}
		else
		{
			char		b[16];
			char		e[16];
			const char *parts[4] = {f->file_id, info->kind, b, e};

			snprintf(b, sizeof(b), "%d", ss->def_bstart);
			snprintf(e, sizeof(e), "%d", ss->def_bend);
			info->node_id = cpg_stable_id("cst_def", 4, parts);
		}
		MemoryContextSwitchTo(old);
	}
	return info->node_id;
}

static uint64
name_hash(Writer *w, int32 name)
{
	if (w->name_hash[name] == 0)
		w->name_hash[name] = hash_str(w->s->names[name]);
	return w->name_hash[name];
}

static const char *
name_node_id(Writer *w, int32 name)
{
	if (w->name_ids[name] == NULL)
	{
		const char *parts[2] = {w->repo, w->s->names[name]};
		MemoryContext old = MemoryContextSwitchTo(w->cxt);

		w->name_ids[name] = cpg_stable_id("py_qname", 2, parts);
		MemoryContextSwitchTo(old);
	}
	return w->name_ids[name];
}

static void
add_link(Writer *w, int32 file, const Link *link)
{
	FileLinks  *fl = &w->files[file];

	GROW(fl->links, fl->n, fl->cap);
	fl->links[fl->n++] = *link;
}

/* The evidence node recipe of an edge the solve found. */
static void
evidence_src(const Solver *s, int32 evidence, Link *l)
{
	const Evidence *e = &s->evidence[evidence];
	const GFile *f = &s->files[e->file];

	l->src_scope = e->caller;
	switch (e->kind)
	{
		case CK_CALL:
			l->src_kind = SRC_CALLSITE;
			break;
		case CK_DECORATOR:
			l->src_kind = SRC_DECORATOR;
			break;
		case CK_PROPERTY:
			l->src_kind = SRC_ATTRIBUTE;
			break;
		case CK_IMPORT:
			/* an import edge of a statement, or of import_module() (a call) */
			if (e->key & 1)
				l->src_kind = f->sum.imports[f->sum.effects[e->key / 2].a].is_from ? SRC_IMPORT_FROM : SRC_IMPORT;
			else
				l->src_kind = SRC_CALLSITE;
			break;
		default:
			l->src_kind = SRC_SCOPE;
	}
}

/* Object -> link target: a scope, or an external name (negative), or none. */
static bool
object_target(const Solver *s, ObjId obj, int32 *target)
{
	const Obj  *o = &s->objs[obj];

	switch (o->kind)
	{
		case OBJ_MODULE:
			*target = s->modules[o->a].scope;
			return true;
		case OBJ_FUNC:
		case OBJ_CLASS:
			*target = o->a;
			return true;
		case OBJ_EXT:
			*target = -(o->a + 1);
			return true;
		default:
			return false;
	}
}

static void
set_target(Link *l, int32 target)
{
	l->callee_kind = target >= 0 ? CALLEE_SCOPE : CALLEE_EXTERNAL;
	l->target = target >= 0 ? target : -target - 1;
}

/* The dotted name a callee expression is written as (a, a.b.c), or NULL. */
static char *
dotted(const Summary *sum, int32 e, int depth)
{
	const SumExpr *x;
	char	   *left;

	if (e < 0 || depth > 32)
		return NULL;
	x = &sum->exprs[e];
	if (x->op == SO_NAME)
		return pstrdup(sum->strings[x->b]);
	if (x->op != SO_ATTR || (left = dotted(sum, x->a, depth + 1)) == NULL)
		return NULL;
	return psprintf("%s.%s", left, sum->strings[x->b]);
}

/*
 * A callsite the analysis left empty whose callee SCIP names: the definition, or for a
 * class the __init__ its construction runs. True if it gave links.
 */
static bool
scip_fill(Writer *w, int32 evidence, int32 target)
{
	Solver	   *s = w->s;
	const Evidence *e = &s->evidence[evidence];
	Link		l = {LK_CALL, e->bstart, e->bend, 0, 0, e->caller, 0, 0, RES_SCIP, 1, -1};
	int32		before = w->files[e->file].n;

	evidence_src(s, evidence, &l);
	if (s->files[s->scopes[target].file].sum.scopes[s->scopes[target].local].kind != SS_CLASS)
	{
		set_target(&l, target);
		add_link(w, e->file, &l);
	}
	else
	{
		/* the lookup may add the node, moving s->nodes: index it after the call */
		NodeId		init_node = solver_lookup(s, target, s->n_init);
		const NodeData *init = &s->nodes[init_node];

		for (int32 k = 0; k < init->n; k++)
			if (s->objs[node_objs(s, init)[k]].kind == OBJ_FUNC)
			{
				set_target(&l, s->objs[node_objs(s, init)[k]].a);
				add_link(w, e->file, &l);
			}
	}
	return w->files[e->file].n > before;
}

static void
collect_links(Writer *w, const ScipCalls *scip, GraphCounts *counts)
{
	Solver	   *s = w->s;
	int32	   *nedges = palloc0(sizeof(int32) * Max(s->nevidence, 1));

	for (int32 i = 0; i < s->nedges; i++)
		nedges[s->edges[i].evidence]++;
	for (int32 i = 0; i < s->nedges; i++)
	{
		const CallEdge *edge = &s->edges[i];
		const Evidence *ev = &s->evidence[edge->evidence];
		int32		scip_at = ev->kind == CK_CALL ? idmap_get(&scip->by_site, edge->evidence) : -1;
		Link		l = {ev->kind, ev->bstart, ev->bend, 0, 0, ev->caller, 0, 0, RES_POINTS_TO,
		nedges[edge->evidence], edge->detail};

		if (ev->kind == CK_IMPORT || ev->kind == CK_CLASS_BODY)
			l.resolution = RES_STRUCTURE;
		/* SCIP names the same definition (or the class whose method runs): its word is exact */
		if (scip_at >= 0 && edge->target >= 0 &&
			(edge->target == scip->targets[scip_at] || s->scopes[edge->target].cls == scip->targets[scip_at]))
			l.resolution = RES_SCIP;
		evidence_src(s, edge->evidence, &l);
		set_target(&l, edge->target);
		add_link(w, ev->file, &l);
	}
	/* callsites: resolved, filled in by SCIP, unresolved */
	for (int32 ev = 0; ev < s->nevidence; ev++)
	{
		const Evidence *e = &s->evidence[ev];
		const Summary *sum;
		const SumExpr *x;
		int32		scip_at;
		char	   *name;

		if (e->kind != CK_CALL || (e->key & 1))
			continue;
		sum = &s->files[e->file].sum;
		x = &sum->exprs[e->key / 2];
		if (x->op != SO_CALL)
			continue;
		counts->callsites++;
		scip_at = idmap_get(&scip->by_site, ev);
		if (nedges[ev] > 0)
		{
			counts->calls_resolved++;
			counts->calls_scip += scip_at >= 0;
			continue;
		}
		if (scip_at >= 0 && scip_fill(w, ev, scip->targets[scip_at]))
		{
			counts->calls_scip++;
			continue;
		}
		if (x->a >= 0 && s->nodes[expr_node(s, e->file, x->a)].n > 0)
			continue;			/* a builtin method of a value, or a result of external code */
		counts->calls_unresolved++;
		if ((name = dotted(sum, x->a, 0)) != NULL)
		{
			Link		l = {LK_CALL, e->bstart, e->bend, SRC_CALLSITE, e->caller, e->caller,
			CALLEE_UNRESOLVED, solver_name_cstr(s, name), RES_UNRESOLVED, 1, -1};

			add_link(w, e->file, &l);
		}
	}
	pfree(nedges);
}

/* What each import binds, and each class's bases. */
static void
collect_bindings(Writer *w)
{
	Solver	   *s = w->s;

	for (int32 file = 0; file < s->nfiles; file++)
	{
		GFile	   *f = &s->files[file];
		const Summary *sum = &f->sum;

		for (int32 i = 0; i < sum->nexprs; i++)
		{
			const SumExpr *x = &sum->exprs[i];
			const SumImport *m;
			NodeData   *node;
			int32		before;
			Link		l;

			if (x->op != SO_IMPORT)
				continue;
			m = &sum->imports[x->a];
			node = &s->nodes[expr_node(s, file, i)];
			l = (Link) {LK_BINDING, m->bstart, m->bend, m->is_from ? SRC_IMPORT_FROM : SRC_IMPORT, 0,
				s->scopes[f->scope_base + x->scope].caller, 0, 0, RES_POINTS_TO, 1, -1};
			before = w->files[file].n;
			for (int32 k = 0; k < node->n; k++)
			{
				int32		target;

				if (object_target(s, node_objs(s, node)[k], &target))
				{
					set_target(&l, target);
					add_link(w, file, &l);
				}
			}
			if (w->files[file].n == before && m->is_from && m->name >= 0)
			{
				/* a variable of a module, or a name nothing defines */
				const GModule *self = &s->modules[f->module];
				char	   *base = cpg_import_base(cpg_package_name(self->name, self->is_package), m->level,
												   sum->strings[m->module]);

				if (base != NULL)
				{
					l.callee_kind = CALLEE_NAME;
					l.target = solver_name_printf(s, "%s.%s", base, sum->strings[m->name]);
					l.resolution = RES_UNRESOLVED;
					add_link(w, file, &l);
				}
			}
			for (int32 k = before; k < w->files[file].n; k++)
				w->files[file].links[k].candidates = w->files[file].n - before;
		}
		for (int32 local = 0; local < sum->nscopes; local++)
		{
			const SumScope *sc = &sum->scopes[local];
			int32		g = f->scope_base + local;

			for (int32 b = 0; b < sc->nbases; b++)
			{
				int32		written = sum->elems[sc->first_base + b];
				int32		e = base_origin(sum, written);
				NodeData   *node;

				if (e < 0)
					continue;
				node = &s->nodes[expr_node(s, file, e)];
				for (int32 k = 0; k < node->n; k++)
				{
					int32		target;
					Link		l = {LK_INHERITS, sum->exprs[written].bstart, sum->exprs[written].bend, SRC_SCOPE, g, g,
					0, 0, RES_POINTS_TO, 1, -1};

					if (object_target(s, node_objs(s, node)[k], &target) &&
						((target < 0 && e == written) || s->objs[node_objs(s, node)[k]].kind == OBJ_CLASS))
					{
						set_target(&l, target);
						add_link(w, file, &l);
					}
				}
			}
		}
	}
}

static uint64
target_hash(Writer *w, const Link *l)
{
	return l->callee_kind == CALLEE_SCOPE ? w->scopes[l->target].hash : mix(name_hash(w, l->target), l->callee_kind);
}

static Writer *sort_writer;		/* qsort has no argument: the writer of the sort under way */

static int
link_cmp(const void *a, const void *b)
{
	const Link *x = a;
	const Link *y = b;
	uint64		hx,
				hy;

	if (x->bstart != y->bstart)
		return x->bstart < y->bstart ? -1 : 1;
	if (x->bend != y->bend)
		return x->bend < y->bend ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	hx = target_hash(sort_writer, x);
	hy = target_hash(sort_writer, y);
	if (hx != hy)
		return hx < hy ? -1 : 1;
	hx = sort_writer->scopes[x->caller].hash;
	hy = sort_writer->scopes[y->caller].hash;
	if (hx != hy)
		return hx < hy ? -1 : 1;
	hx = x->detail >= 0 ? name_hash(sort_writer, x->detail) : 0;
	hy = y->detail >= 0 ? name_hash(sort_writer, y->detail) : 0;
	return hx < hy ? -1 : hx > hy ? 1 : 0;
}

/* Canonical order; a link found twice (a dunder through two paths) is kept once. */
static void
sort_links(Writer *w, FileLinks *fl)
{
	int32		n = 0;

	if (fl->n == 0)
		return;
	sort_writer = w;
	qsort(fl->links, fl->n, sizeof(Link), link_cmp);
	for (int32 i = 0; i < fl->n; i++)
		if (n == 0 || link_cmp(&fl->links[n - 1], &fl->links[i]) != 0)
			fl->links[n++] = fl->links[i];
	fl->n = n;
}

/* Scopes of a file that become rows (comprehensions do not). */
static bool
scope_row(const Solver *s, int32 g)
{
	const GScope *sc = &s->scopes[g];

	return s->files[sc->file].sum.scopes[sc->local].kind != SS_COMPREHENSION;
}

/* The hash of a file's rows: its scopes and links as they would be written. */
static void
file_digest(Writer *w, int32 file, char *hex)
{
	Solver	   *s = w->s;
	GFile	   *f = &s->files[file];
	uint64		h1 = mix(hash_str(s->modules[f->module].name), hash_str(CPG_RESOLVER_VERSION));
	uint64		h2 = hash_str(f->sha256 ? f->sha256 : "");
	for (int32 local = 0; local < f->sum.nscopes; local++)
	{
		int32		g = f->scope_base + local;

		if (!scope_row(s, g))
			continue;
		h1 = mix(h1, w->scopes[g].hash);
		h1 = mix(h1, (uint32) f->sum.scopes[local].line0);
		h2 = mix(h2, w->scopes[g].hash ^ UINT64CONST(0x1234567));
	}
	for (int32 i = 0; i < w->files[file].n; i++)
	{
		const Link *l = &w->files[file].links[i];
		uint64		v = mix(mix(mix(l->kind, (uint32) l->bstart), (uint32) l->bend), l->src_kind);

		v = mix(v, l->src_kind == SRC_SCOPE ? w->scopes[l->src_scope].hash : 0);
		v = mix(v, w->scopes[l->caller].hash);
		v = mix(v, target_hash(w, l));
		v = mix(mix(v, l->resolution), (uint32) l->candidates);
		v = mix(v, l->detail >= 0 ? name_hash(w, l->detail) : 0);
		h1 = mix(h1, v);
		h2 = mix(h2, v ^ (uint64) i);
	}
	snprintf(hex, 33, "%016llx%016llx", (unsigned long long) h1, (unsigned long long) h2);
}

static Datum
text_or_null(const char *v, bool *isnull)
{
	*isnull = v == NULL;
	return v ? CStringGetTextDatum(v) : (Datum) 0;
}

static const char *
scope_name(const Solver *s, const ScopeInfo *info, int32 g)
{
	const GScope *sc = &s->scopes[g];
	const Summary *sum = &s->files[sc->file].sum;
	const SumScope *ss = &sum->scopes[sc->local];

	if (ss->kind == SS_MODULE)
	{
		const char *dot = strrchr(info->fqn, '.');

		return dot ? dot + 1 : info->fqn;
	}
	if (ss->kind == SS_LAMBDA)
		return "<lambda>";
	return ss->name >= 0 ? sum->strings[ss->name] : NULL;
}

static void
push_scope_rows(Writer *w, int32 file, CpgArray *rows)
{
	Solver	   *s = w->s;
	GFile	   *f = &s->files[file];

	for (int32 local = 0; local < f->sum.nscopes; local++)
	{
		int32		g = f->scope_base + local;
		const SumScope *ss = &f->sum.scopes[local];
		Datum		v[cpg_scope__NATTS];
		bool		n[cpg_scope__NATTS] = {false};

		if (!scope_row(s, g))
			continue;
		v[cpg_scope__repo] = CStringGetTextDatum(w->repo);
		v[cpg_scope__path] = CStringGetTextDatum(f->path);
		v[cpg_scope__file_id] = CStringGetTextDatum(f->file_id);
		v[cpg_scope__node_id] = CStringGetTextDatum(scope_node_id(w, g));
		v[cpg_scope__scope_kind] = CStringGetTextDatum(w->scopes[g].kind);
		v[cpg_scope__name] = text_or_null(scope_name(s, &w->scopes[g], g), &n[cpg_scope__name]);
		v[cpg_scope__qualname] = text_or_null(ss->qualname >= 0 ? f->sum.strings[ss->qualname] : NULL,
											  &n[cpg_scope__qualname]);
		v[cpg_scope__fqn] = CStringGetTextDatum(w->scopes[g].fqn);
		v[cpg_scope__module] = CStringGetTextDatum(s->modules[f->module].name);
		v[cpg_scope__bstart] = Int32GetDatum(ss->def_bstart);
		v[cpg_scope__bend] = Int32GetDatum(ss->def_bend);
		v[cpg_scope__line0] = Int32GetDatum(ss->kind == SS_MODULE ? 0 : ss->line0);
		v[cpg_scope__parent_node_id] = text_or_null(local == 0 ? NULL : scope_node_id(w, s->scopes[g].parent),
													&n[cpg_scope__parent_node_id]);
		cpg_array_push_composite(rows, v, n);
	}
}

static char *
span_id(const char *prefix, const char *first, const char *kind, int32 bstart, int32 bend)
{
	char		b[16];
	char		e[16];
	const char *parts[4];
	int			n = 0;

	snprintf(b, sizeof(b), "%d", bstart);
	snprintf(e, sizeof(e), "%d", bend);
	if (strcmp(prefix, "span") == 0)
	{
		parts[n++] = kind;
		parts[n++] = first;
	}
	else
	{
		parts[n++] = first;
		if (kind != NULL)
			parts[n++] = kind;
	}
	parts[n++] = b;
	parts[n++] = e;
	return cpg_stable_id(prefix, n, parts);
}

/* The evidence's node id (cpg_link.src_node_id). */
static const char *
src_node_id(Writer *w, const GFile *f, const Link *l)
{
	switch ((SrcKind) l->src_kind)
	{
		case SRC_CALLSITE:
			return span_id("cst_call", f->file_id, NULL, l->bstart, l->bend);
		case SRC_DECORATOR:
			return span_id("span", f->path, "CST_DECORATOR", l->bstart, l->bend);
		case SRC_ATTRIBUTE:
			return span_id("span", f->path, "CST_ATTRIBUTE_ACCESS", l->bstart, l->bend);
		case SRC_IMPORT:
			return span_id("cst_import", f->file_id, "IMPORT", l->bstart, l->bend);
		case SRC_IMPORT_FROM:
			return span_id("cst_import", f->file_id, "IMPORT_FROM", l->bstart, l->bend);
		case SRC_SCOPE:
			return scope_node_id(w, l->src_scope);
	}
	return NULL;
}

static int
cmp_cstring(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* The evidence's node kind in cpg_nodes (cpg_link.src_node_kind). */
static const char *
src_node_kind(Writer *w, const Link *l)
{
	switch ((SrcKind) l->src_kind)
	{
		case SRC_CALLSITE:
			return "CST_CALLSITE";
		case SRC_DECORATOR:
			return "CST_DECORATOR";
		case SRC_ATTRIBUTE:
			return "CST_ATTRIBUTE_ACCESS";
		case SRC_IMPORT:
		case SRC_IMPORT_FROM:
			return "CST_IMPORT_ALIAS";
		case SRC_SCOPE:
			break;
	}
	return scope_node_kind(w->scopes[w->s->scopes[l->src_scope].caller].kind);
}

/* The file's links, and the distinct callee node ids among them (cpg_graph_file.callees). */
static void
link_arrays(Writer *w, int32 file, Datum *links, Datum *callees)
{
	CpgArray	a;
	CpgArray	ids;
	const GFile *f = &w->s->files[file];
	int32		nlinks = w->files[file].n;
	char	  **callee_ids = palloc(sizeof(char *) * Max(nlinks, 1));

	cpg_array_init(&a, CPG_T_cpg_link);
	for (int32 i = 0; i < nlinks; i++)
	{
		const Link *l = &w->files[file].links[i];
		Datum		v[cpg_link__NATTS];
		bool		n[cpg_link__NATTS] = {false};
		bool		scope = l->callee_kind == CALLEE_SCOPE;

		callee_ids[i] = (char *) (scope ? scope_node_id(w, l->target) : name_node_id(w, l->target));
		v[cpg_link__link_kind] = CStringGetTextDatum(link_kind_names[l->kind]);
		v[cpg_link__bstart] = Int32GetDatum(l->bstart);
		v[cpg_link__bend] = Int32GetDatum(l->bend);
		v[cpg_link__src_node_id] = CStringGetTextDatum(src_node_id(w, f, l));
		v[cpg_link__src_node_kind] = CStringGetTextDatum(src_node_kind(w, l));
		v[cpg_link__caller_node_id] = CStringGetTextDatum(scope_node_id(w, l->caller));
		v[cpg_link__caller_node_kind] = CStringGetTextDatum(scope_node_kind(w->scopes[w->s->scopes[l->caller].caller].kind));
		v[cpg_link__callee_node_id] = CStringGetTextDatum(callee_ids[i]);
		v[cpg_link__callee_kind] = CStringGetTextDatum(scope ? w->scopes[l->target].kind : callee_kind_names[l->callee_kind]);
		v[cpg_link__callee_name] = CStringGetTextDatum(scope ? w->scopes[l->target].fqn : w->s->names[l->target]);
		v[cpg_link__resolution] = CStringGetTextDatum(resolution_names[l->resolution]);
		v[cpg_link__candidates] = Int32GetDatum(l->candidates);
		v[cpg_link__detail] = text_or_null(l->detail >= 0 ? w->s->names[l->detail] : NULL, &n[cpg_link__detail]);
		cpg_array_push_composite(&a, v, n);
	}
	*links = cpg_array_result(&a);
	qsort(callee_ids, nlinks, sizeof(char *), cmp_cstring);
	cpg_array_init_oid(&ids, TEXTOID);
	for (int32 i = 0; i < nlinks; i++)
		if (i == 0 || strcmp(callee_ids[i], callee_ids[i - 1]) != 0)
			cpg_array_push_cstring(&ids, callee_ids[i]);
	*callees = cpg_array_result(&ids);
	pfree(callee_ids);
}

static void
spi_check(int rc, int expected, const char *what)
{
	if (rc != expected)
		elog(ERROR, "%s failed: %s", what, SPI_result_code_string(rc));
}

/* Files whose rows one INSERT writes: a refresh from scratch holds a batch, not the repository. */
#define WRITE_BATCH_FILES 32

/*
 * The INSERT of a table's batches, prepared once per refresh. It takes a batch as one
 * array and reads it from a subquery's unnest in the target list, which hands the rows to
 * the insert one by one where unnest in FROM would first copy them all into a
 * tuplestore. Its plan is generic: a custom plan would fold the array into a constant,
 * another copy of the batch, and plan again for each batch. On Citus, which routes rows
 * by the values it plans with, the plans stay custom.
 */
static SPIPlanPtr
prepare_insert(const char *table, Oid rowtype)
{
	Oid			arraytype = get_array_type(rowtype);
	SPIPlanPtr	plan;

	plan = SPI_prepare_cursor(psprintf("INSERT INTO codecpg.%s SELECT (r).* FROM (SELECT pg_catalog.unnest($1) AS r) batch",
									   table),
							  1, &arraytype, cpg_citus_installed() ? CURSOR_OPT_CUSTOM_PLAN : CURSOR_OPT_GENERIC_PLAN);
	if (plan == NULL)
		elog(ERROR, "preparing the insert into %s failed: %s", table, SPI_result_code_string(SPI_result));
	return plan;
}

static void
insert_rows(SPIPlanPtr plan, CpgArray *rows, const char *what)
{
	Datum		array = cpg_array_result(rows);

	spi_check(SPI_execute_plan(plan, &array, NULL, false, 0), SPI_OK_INSERT, what);
}

/*
 * Writes a batch of files' rows and starts the next, in the rows' context again: SPI
 * returns in its procedure context, where the next batches would otherwise pile up until
 * the refresh ends (210 MB for the standard library from scratch, every page of it new).
 */
static void
flush_rows(SPIPlanPtr const *inserts, CpgArray *scope_rows, CpgArray *graph_rows, MemoryContext rows_cxt)
{
	Oid			graph_type = graph_rows->elemtype;

	if (scope_rows->count > 0)
		insert_rows(inserts[0], scope_rows, "storing scopes");
	if (graph_rows->count > 0)
		insert_rows(inserts[1], graph_rows, "storing graph rows");
	MemoryContextSwitchTo(rows_cxt);
	MemoryContextReset(rows_cxt);
	cpg_array_init(scope_rows, CPG_T_cpg_scope);
	cpg_array_init_oid(graph_rows, graph_type);
}

/*
 * Rows are rewritten only for files whose digest differs from the stored one: a first
 * pass computes the digests, the changed files' rows are deleted, and the changed files'
 * rows are then built and inserted in batches, so that a refresh from scratch never holds
 * the whole repository's rows at once.
 */
void
cpg_graph_write(Solver *s, const char *repo, const ScipCalls *scip, GraphCounts *counts)
{
	Writer		w;
	IdMap		stored;
	char	  **stored_digest = NULL;
	int32		nstored;
	char	  (*digests)[33];
	bool	   *changed;
	CpgArray	changed_ids;
	CpgArray	all_ids;
	Oid			types[3] = {TEXTOID, TEXTARRAYOID, TEXTARRAYOID};
	Datum		args[3];
	TupleDesc	graph_desc = cpg_table_tupdesc(CPG_T_cpg_graph_file);
	Datum		attrs = cpg_jsonb_from_cstring("{\"resolver\": \"" CPG_RESOLVER_VERSION "\"}");
	MemoryContext rows_cxt;
	MemoryContext old;
	CpgArray	scope_rows;
	CpgArray	graph_rows;
	SPIPlanPtr	inserts[2];

	memset(&w, 0, sizeof(w));
	w.s = s;
	w.repo = repo;
	w.cxt = CurrentMemoryContext;
	w.files = palloc0(sizeof(FileLinks) * Max(s->nfiles, 1));
	scope_infos(&w);
	collect_links(&w, scip, counts);
	collect_bindings(&w);
	/* names interned while collecting need hashes too: sized after */
	w.name_hash = palloc0(sizeof(uint64) * Max(s->nnames, 1));
	w.name_ids = palloc0(sizeof(char *) * Max(s->nnames, 1));

	/* the digests stored by the last refresh */
	args[0] = CStringGetTextDatum(repo);
	spi_check(SPI_execute_with_args("SELECT g.file_id, g.digest FROM codecpg.cpg_graph_v1 g WHERE g.repo = $1",
									1, types, args, NULL, true, 0),
			  SPI_OK_SELECT, "reading the stored graph digests");
	nstored = SPI_processed;
	idmap_init(&stored, Max(nstored, 16));
	if (nstored > 0)
		stored_digest = palloc(sizeof(char *) * nstored);
	for (int32 i = 0; i < nstored; i++)
	{
		char	   *id = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		char	   *digest = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);

		stored_digest[i] = digest ? digest : "";
		idmap_put(&stored, hash_str(id), i);
	}

	digests = palloc(sizeof(*digests) * Max(s->nfiles, 1));
	changed = palloc0(sizeof(bool) * Max(s->nfiles, 1));
	cpg_array_init_oid(&changed_ids, TEXTOID);
	cpg_array_init_oid(&all_ids, TEXTOID);
	for (int32 file = 0; file < s->nfiles; file++)
	{
		GFile	   *f = &s->files[file];
		int32		at;

		CHECK_FOR_INTERRUPTS();
		sort_links(&w, &w.files[file]);
		counts->links += w.files[file].n;
		for (int32 local = 0; local < f->sum.nscopes; local++)
			counts->scopes += scope_row(s, f->scope_base + local);
		cpg_array_push_cstring(&all_ids, f->file_id);
		file_digest(&w, file, digests[file]);
		at = idmap_get(&stored, hash_str(f->file_id));
		if (at >= 0 && strcmp(stored_digest[at], digests[file]) == 0)
			continue;
		changed[file] = true;
		counts->files_changed++;
		cpg_array_push_cstring(&changed_ids, f->file_id);
	}

	args[1] = cpg_array_result(&changed_ids);
	args[2] = cpg_array_result(&all_ids);
	spi_check(SPI_execute_with_args("DELETE FROM codecpg.cpg_scopes_v1 s WHERE s.repo = $1 "
									"AND (s.file_id = ANY ($2) OR s.file_id <> ALL ($3))",
									3, types, args, NULL, false, 0),
			  SPI_OK_DELETE, "deleting changed scopes");
	spi_check(SPI_execute_with_args("DELETE FROM codecpg.cpg_graph_v1 g WHERE g.repo = $1 "
									"AND (g.file_id = ANY ($2) OR g.file_id <> ALL ($3))",
									3, types, args, NULL, false, 0),
			  SPI_OK_DELETE, "deleting changed graph rows");
	if (counts->files_changed == 0)
		return;

	rows_cxt = AllocSetContextCreate(CurrentMemoryContext, "codecpg graph rows", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(rows_cxt);
	cpg_array_init(&scope_rows, CPG_T_cpg_scope);
	cpg_array_init_oid(&graph_rows, graph_desc->tdtypeid);
	inserts[0] = prepare_insert("cpg_scopes_v1", scope_rows.elemtype);
	inserts[1] = prepare_insert("cpg_graph_v1", graph_rows.elemtype);
	MemoryContextSwitchTo(rows_cxt);
	for (int32 file = 0; file < s->nfiles; file++)
	{
		GFile	   *f = &s->files[file];
		Datum		v[cpg_graph_file__NATTS];
		bool		n[cpg_graph_file__NATTS] = {false};

		if (!changed[file])
			continue;
		CHECK_FOR_INTERRUPTS();
		push_scope_rows(&w, file, &scope_rows);
		v[cpg_graph_file__repo] = CStringGetTextDatum(repo);
		v[cpg_graph_file__path] = CStringGetTextDatum(f->path);
		v[cpg_graph_file__file_id] = CStringGetTextDatum(f->file_id);
		v[cpg_graph_file__file_sha256] = text_or_null(f->sha256, &n[cpg_graph_file__file_sha256]);
		v[cpg_graph_file__digest] = CStringGetTextDatum(digests[file]);
		link_arrays(&w, file, &v[cpg_graph_file__links], &v[cpg_graph_file__callees]);
		v[cpg_graph_file__attrs] = attrs;
		cpg_array_push(&graph_rows, cpg_form_composite(graph_desc, v, n), false);
		if (graph_rows.count == WRITE_BATCH_FILES)
			flush_rows(inserts, &scope_rows, &graph_rows, rows_cxt);
	}
	flush_rows(inserts, &scope_rows, &graph_rows, rows_cxt);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(rows_cxt);
}
