/*
 * graph_write.c: the rows of a solved repository (graph.h), written by difference.
 *
 * Every file gets its scope rows and one graph row holding its links. Both are
 * computed in memory in a canonical order and hashed; the stored hash (digest) of each
 * file says whether its rows changed, and only changed files are rewritten. A refresh
 * after a one-file edit rewrites that file and the files whose links point at
 * definitions whose spans moved.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/arrays.h"
#include "common/cryptohash.h"
#include "common/ids.h"
#include "common/rowtype.h"
#include "common/hashfn.h"
#include "cpg/graph.h"
#include "cpg/solve_private.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

typedef struct Link
{
	int32		kind;			/* LinkKind */
	int32		bstart;
	int32		bend;
	const char *src;			/* node id of the evidence */
	const char *caller;			/* node id */
	const char *callee;			/* node id */
	const char *callee_kind;
	const char *callee_name;
	const char *resolution;
	int32		candidates;
	const char *detail;
} Link;

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

typedef struct FileLinks
{
	Link	   *links;
	int32		n;
	int32		cap;
} FileLinks;

/* What the writer knows of every scope: its node id, kind and qualified name. */
typedef struct ScopeInfo
{
	const char *node_id;
	const char *kind;			/* MODULE, CLASS, FUNCTION, ASYNC_FUNCTION, LAMBDA */
	const char *fqn;
} ScopeInfo;

typedef struct Writer
{
	Solver	   *s;
	const char *repo;
	ScopeInfo  *scopes;			/* per global scope; comprehensions: their owner's */
	const char **external_ids;	/* per name id, the PY_QUALIFIED_NAME node id, made once */
	FileLinks  *files;
} Writer;

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

		if (ss->kind == SS_COMPREHENSION)
			continue;
		w->scopes[g].kind = kind_of(s, g);
		w->scopes[g].fqn = solver_scope_fqn(s, g);
		if (ss->kind == SS_MODULE)
		{
			const char *parts[1] = {f->file_id};

			w->scopes[g].node_id = cpg_stable_id("py_module", 1, parts);
		}
		else
		{
			char		b[16];
			char		e[16];
			const char *parts[4] = {f->file_id, w->scopes[g].kind, b, e};

			snprintf(b, sizeof(b), "%d", ss->def_bstart);
			snprintf(e, sizeof(e), "%d", ss->def_bend);
			w->scopes[g].node_id = cpg_stable_id("cst_def", 4, parts);
		}
	}
	for (int32 g = 0; g < s->nscopes; g++)
		if (w->scopes[g].node_id == NULL)
			w->scopes[g] = w->scopes[s->scopes[g].caller];
}

static const char *
external_id(Writer *w, int32 name)
{
	if (w->external_ids[name] == NULL)
	{
		const char *parts[2] = {w->repo, w->s->names[name]};

		w->external_ids[name] = cpg_stable_id("py_qname", 2, parts);
	}
	return w->external_ids[name];
}

static void
add_link(Writer *w, int32 file, const Link *link)
{
	FileLinks  *fl = &w->files[file];

	GROW(fl->links, fl->n, fl->cap);
	fl->links[fl->n++] = *link;
}

/* A link to a target: a scope of the repository (>= 0) or an external name (< 0). */
static void
target_link(Writer *w, int32 file, int32 kind, int32 bstart, int32 bend, const char *src, const char *caller,
			int32 target, const char *resolution, const char *detail)
{
	Link		l = {kind, bstart, bend, src, caller, NULL, NULL, NULL, resolution, 1, detail};

	if (target >= 0)
	{
		l.callee = w->scopes[target].node_id;
		l.callee_kind = w->scopes[target].kind;
		l.callee_name = w->scopes[target].fqn;
	}
	else
	{
		l.callee = external_id(w, -target - 1);
		l.callee_kind = "EXTERNAL";
		l.callee_name = w->s->names[-target - 1];
	}
	add_link(w, file, &l);
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

/* The node of an evidence in cpg_nodes (graph.h's src_node_id). */
static const char *
evidence_src(Writer *w, int32 evidence)
{
	const Evidence *e = &w->s->evidence[evidence];
	GFile	   *f = &w->s->files[e->file];

	switch (e->kind)
	{
		case CK_CALL:
			return span_id("cst_call", f->file_id, NULL, e->bstart, e->bend);
		case CK_DECORATOR:
			return span_id("span", f->path, "CST_DECORATOR", e->bstart, e->bend);
		case CK_PROPERTY:
			return span_id("span", f->path, "CST_ATTRIBUTE_ACCESS", e->bstart, e->bend);
		case CK_IMPORT:
			{
				const SumImport *m = &f->sum.imports[f->sum.effects[e->key / 2].a];

				return span_id("cst_import", f->file_id, m->is_from ? "IMPORT_FROM" : "IMPORT", e->bstart, e->bend);
			}
		default:
			return w->scopes[e->caller].node_id;
	}
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

/*
 * A callsite the analysis left empty whose callee SCIP names: the definition, or for a
 * class the __init__ its construction runs. True if it gave links.
 */
static bool
scip_fill(Writer *w, int32 evidence, int32 target)
{
	Solver	   *s = w->s;
	const Evidence *e = &s->evidence[evidence];
	const char *src = evidence_src(w, evidence);
	int32		before = w->files[e->file].n;

	if (s->files[s->scopes[target].file].sum.scopes[s->scopes[target].local].kind != SS_CLASS)
		target_link(w, e->file, LK_CALL, e->bstart, e->bend, src, w->scopes[e->caller].node_id, target, "scip", NULL);
	else
	{
		NodeData   *init = &s->nodes[solver_lookup(s, target, s->n_init)];

		for (int32 k = 0; k < init->n; k++)
			if (s->objs[init->objs[k]].kind == OBJ_FUNC)
				target_link(w, e->file, LK_CALL, e->bstart, e->bend, src, w->scopes[e->caller].node_id,
							s->objs[init->objs[k]].a, "scip", NULL);
	}
	return w->files[e->file].n > before;
}

static void
collect_links(Writer *w, const ScipCalls *scip, GraphCounts *counts)
{
	Solver	   *s = w->s;
	int32	   *nedges = palloc0(sizeof(int32) * Max(s->nevidence, 1));
	const char **srcs = palloc0(sizeof(char *) * Max(s->nevidence, 1));

	for (int32 i = 0; i < s->nedges; i++)
		nedges[s->edges[i].evidence]++;
	for (int32 i = 0; i < s->nedges; i++)
	{
		const CallEdge *edge = &s->edges[i];
		const Evidence *ev = &s->evidence[edge->evidence];
		bool		structural = ev->kind == CK_IMPORT || ev->kind == CK_CLASS_BODY;

		int32		scip_at = ev->kind == CK_CALL ? idmap_get(&scip->by_site, edge->evidence) : -1;
		const char *resolution = structural ? "structure" : "points_to";

		/* SCIP names the same definition (or the class whose method runs): its word is exact */
		if (scip_at >= 0 && edge->target >= 0 &&
			(edge->target == scip->targets[scip_at] || s->scopes[edge->target].cls == scip->targets[scip_at]))
			resolution = "scip";
		if (srcs[edge->evidence] == NULL)
			srcs[edge->evidence] = evidence_src(w, edge->evidence);
		target_link(w, ev->file, ev->kind, ev->bstart, ev->bend, srcs[edge->evidence], w->scopes[ev->caller].node_id,
					edge->target, resolution,
					edge->detail >= 0 ? s->names[edge->detail] : NULL);
		w->files[ev->file].links[w->files[ev->file].n - 1].candidates = nedges[edge->evidence];
	}
	/* callsites: SCIP's, resolved, unresolved */
	for (int32 ev = 0; ev < s->nevidence; ev++)
	{
		const Evidence *e = &s->evidence[ev];
		const Summary *sum;
		const SumExpr *x;
		int32		scip_at = idmap_get(&scip->by_site, ev);
		char	   *name;

		if (e->kind != CK_CALL || (e->key & 1))
			continue;
		sum = &s->files[e->file].sum;
		x = &sum->exprs[e->key / 2];
		if (x->op != SO_CALL)
			continue;
		counts->callsites++;
		if (nedges[ev] > 0)
		{
			counts->calls_resolved++;
			if (scip_at >= 0)
				counts->calls_scip++;
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
			const char *parts[2] = {w->repo, name};
			Link		l = {LK_CALL, e->bstart, e->bend, evidence_src(w, ev), w->scopes[e->caller].node_id,
				cpg_stable_id("py_qname", 2, parts), "UNRESOLVED", name, "unresolved", 1, NULL};

			add_link(w, e->file, &l);
		}
	}
	pfree(nedges);
	pfree(srcs);
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
			const char *caller;
			const char *src;

			if (x->op != SO_IMPORT)
				continue;
			m = &sum->imports[x->a];
			node = &s->nodes[expr_node(s, file, i)];
			caller = w->scopes[s->scopes[f->scope_base + x->scope].caller].node_id;
			src = span_id("cst_import", f->file_id, m->is_from ? "IMPORT_FROM" : "IMPORT", m->bstart, m->bend);
			before = w->files[file].n;
			for (int32 k = 0; k < node->n; k++)
			{
				int32		target;

				if (object_target(s, node->objs[k], &target))
					target_link(w, file, LK_BINDING, m->bstart, m->bend, src, caller, target, "points_to", NULL);
			}
			if (w->files[file].n == before && m->is_from && m->name >= 0)
			{
				/* a variable of a module, or a name nothing defines */
				const GModule *self = &s->modules[f->module];
				char	   *base = cpg_import_base(cpg_package_name(self->name, self->is_package), m->level,
												   sum->strings[m->module]);

				if (base != NULL)
				{
					char	   *name = psprintf("%s.%s", base, sum->strings[m->name]);
					const char *parts[2] = {w->repo, name};
					Link		l = {LK_BINDING, m->bstart, m->bend, src, caller, cpg_stable_id("py_qname", 2, parts),
						"NAME", name, "unresolved", 1, NULL};

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
				int32		e = sum->elems[sc->first_base + b];
				NodeData   *node;

				if (e < 0)
					continue;
				node = &s->nodes[expr_node(s, file, e)];
				for (int32 k = 0; k < node->n; k++)
				{
					int32		target;

					if (object_target(s, node->objs[k], &target) &&
						(target < 0 || s->objs[node->objs[k]].kind == OBJ_CLASS))
						target_link(w, file, LK_INHERITS, sum->exprs[e].bstart, sum->exprs[e].bend,
									w->scopes[g].node_id, w->scopes[g].node_id, target, "points_to", NULL);
				}
			}
		}
	}
}

static int
link_cmp(const void *a, const void *b)
{
	const Link *x = a;
	const Link *y = b;
	int			c;

	if (x->bstart != y->bstart)
		return x->bstart < y->bstart ? -1 : 1;
	if (x->bend != y->bend)
		return x->bend < y->bend ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if ((c = strcmp(x->callee, y->callee)) != 0)
		return c;
	if ((c = strcmp(x->caller, y->caller)) != 0)
		return c;
	return strcmp(x->detail ? x->detail : "", y->detail ? y->detail : "");
}

/* Drops repeated links (a dunder found twice), keeping the first. */
static void
sort_links(FileLinks *fl)
{
	int32		n = 0;

	if (fl->n == 0)
		return;
	qsort(fl->links, fl->n, sizeof(Link), link_cmp);
	for (int32 i = 0; i < fl->n; i++)
		if (n == 0 || link_cmp(&fl->links[n - 1], &fl->links[i]) != 0)
			fl->links[n++] = fl->links[i];
	fl->n = n;
}

static void
hash_text(pg_cryptohash_ctx *ctx, const char *text)
{
	static const uint8 sep = 0x1F;

	if (text != NULL && pg_cryptohash_update(ctx, (const uint8 *) text, strlen(text)) < 0)
		elog(ERROR, "SHA-256 failed");
	if (pg_cryptohash_update(ctx, &sep, 1) < 0)
		elog(ERROR, "SHA-256 failed");
}

static void
hash_int(pg_cryptohash_ctx *ctx, int32 v)
{
	char		buf[16];

	snprintf(buf, sizeof(buf), "%d", v);
	hash_text(ctx, buf);
}

/* Scopes of a file that become rows (comprehensions do not). */
static bool
scope_row(const Solver *s, int32 g)
{
	const GScope *sc = &s->scopes[g];

	return s->files[sc->file].sum.scopes[sc->local].kind != SS_COMPREHENSION;
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
file_digest(Writer *w, int32 file, char *hex)
{
	Solver	   *s = w->s;
	GFile	   *f = &s->files[file];
	pg_cryptohash_ctx *ctx = pg_cryptohash_create(PG_SHA256);
	uint8		digest[32];

	if (ctx == NULL || pg_cryptohash_init(ctx) < 0)
		elog(ERROR, "SHA-256 failed");
	hash_text(ctx, s->modules[f->module].name);
	for (int32 local = 0; local < f->sum.nscopes; local++)
	{
		int32		g = f->scope_base + local;
		const SumScope *ss = &f->sum.scopes[local];

		if (!scope_row(s, g))
			continue;
		hash_text(ctx, w->scopes[g].node_id);
		hash_text(ctx, w->scopes[g].fqn);
		hash_int(ctx, ss->line0);
	}
	for (int32 i = 0; i < w->files[file].n; i++)
	{
		const Link *l = &w->files[file].links[i];

		hash_int(ctx, l->kind);
		hash_int(ctx, l->bstart);
		hash_int(ctx, l->bend);
		hash_text(ctx, l->src);
		hash_text(ctx, l->caller);
		hash_text(ctx, l->callee);
		hash_text(ctx, l->callee_kind);
		hash_text(ctx, l->callee_name);
		hash_text(ctx, l->resolution);
		hash_int(ctx, l->candidates);
		hash_text(ctx, l->detail);
	}
	if (pg_cryptohash_final(ctx, digest, sizeof(digest)) < 0)
		elog(ERROR, "SHA-256 failed");
	pg_cryptohash_free(ctx);
	for (int i = 0; i < 32; i++)
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
}

static Datum
text_or_null(const char *v, bool *isnull)
{
	*isnull = v == NULL;
	return v ? CStringGetTextDatum(v) : (Datum) 0;
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
		v[cpg_scope__node_id] = CStringGetTextDatum(w->scopes[g].node_id);
		v[cpg_scope__scope_kind] = CStringGetTextDatum(w->scopes[g].kind);
		v[cpg_scope__name] = text_or_null(scope_name(s, &w->scopes[g], g), &n[cpg_scope__name]);
		v[cpg_scope__qualname] = text_or_null(ss->qualname >= 0 ? f->sum.strings[ss->qualname] : NULL,
											  &n[cpg_scope__qualname]);
		v[cpg_scope__fqn] = CStringGetTextDatum(w->scopes[g].fqn);
		v[cpg_scope__module] = CStringGetTextDatum(s->modules[f->module].name);
		v[cpg_scope__bstart] = Int32GetDatum(ss->def_bstart);
		v[cpg_scope__bend] = Int32GetDatum(ss->def_bend);
		v[cpg_scope__line0] = Int32GetDatum(ss->kind == SS_MODULE ? 0 : ss->line0);
		v[cpg_scope__parent_node_id] = text_or_null(local == 0 ? NULL : w->scopes[s->scopes[s->scopes[g].parent].caller].node_id,
													&n[cpg_scope__parent_node_id]);
		cpg_array_push_composite(rows, v, n);
	}
}

static Datum
link_array(Writer *w, int32 file)
{
	CpgArray	a;

	cpg_array_init(&a, CPG_T_cpg_link);
	for (int32 i = 0; i < w->files[file].n; i++)
	{
		const Link *l = &w->files[file].links[i];
		Datum		v[cpg_link__NATTS];
		bool		n[cpg_link__NATTS] = {false};

		v[cpg_link__link_kind] = CStringGetTextDatum(link_kind_names[l->kind]);
		v[cpg_link__bstart] = Int32GetDatum(l->bstart);
		v[cpg_link__bend] = Int32GetDatum(l->bend);
		v[cpg_link__src_node_id] = CStringGetTextDatum(l->src);
		v[cpg_link__caller_node_id] = CStringGetTextDatum(l->caller);
		v[cpg_link__callee_node_id] = CStringGetTextDatum(l->callee);
		v[cpg_link__callee_kind] = CStringGetTextDatum(l->callee_kind);
		v[cpg_link__callee_name] = CStringGetTextDatum(l->callee_name);
		v[cpg_link__resolution] = CStringGetTextDatum(l->resolution);
		v[cpg_link__candidates] = Int32GetDatum(l->candidates);
		v[cpg_link__detail] = text_or_null(l->detail, &n[cpg_link__detail]);
		cpg_array_push_composite(&a, v, n);
	}
	return cpg_array_result(&a);
}

static void
spi_check(int rc, int expected, const char *what)
{
	if (rc != expected)
		elog(ERROR, "%s failed: %s", what, SPI_result_code_string(rc));
}

void
cpg_graph_write(Solver *s, const char *repo, const ScipCalls *scip, GraphCounts *counts)
{
	Writer		w;
	IdMap		stored;
	char	  **stored_digest = NULL;
	int32		nstored;
	CpgArray	scope_rows;
	CpgArray	graph_rows;
	CpgArray	changed_ids;
	CpgArray	all_ids;
	Oid			types[3] = {TEXTOID, TEXTARRAYOID, TEXTARRAYOID};
	Datum		args[3];
	TupleDesc	graph_desc = cpg_table_tupdesc(CPG_T_cpg_graph_file);

	memset(&w, 0, sizeof(w));
	w.s = s;
	w.repo = repo;
	w.external_ids = palloc0(sizeof(char *) * Max(s->nnames, 1));
	w.files = palloc0(sizeof(FileLinks) * Max(s->nfiles, 1));
	scope_infos(&w);
	collect_links(&w, scip, counts);
	collect_bindings(&w);

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
		idmap_put(&stored, hash_bytes_extended((const unsigned char *) id, strlen(id), 0), i);
	}

	cpg_array_init(&scope_rows, CPG_T_cpg_scope);
	cpg_array_init_oid(&graph_rows, graph_desc->tdtypeid);
	cpg_array_init_oid(&changed_ids, TEXTOID);
	cpg_array_init_oid(&all_ids, TEXTOID);
	for (int32 file = 0; file < s->nfiles; file++)
	{
		GFile	   *f = &s->files[file];
		char		digest[65];
		int32		at;
		Datum		v[cpg_graph_file__NATTS];
		bool		n[cpg_graph_file__NATTS] = {false};

		CHECK_FOR_INTERRUPTS();
		sort_links(&w.files[file]);
		counts->links += w.files[file].n;
		for (int32 local = 0; local < f->sum.nscopes; local++)
			counts->scopes += scope_row(s, f->scope_base + local);
		cpg_array_push_cstring(&all_ids, f->file_id);
		file_digest(&w, file, digest);
		at = idmap_get(&stored, hash_bytes_extended((const unsigned char *) f->file_id, strlen(f->file_id), 0));
		if (at >= 0 && strcmp(stored_digest[at], digest) == 0)
			continue;
		counts->files_changed++;
		cpg_array_push_cstring(&changed_ids, f->file_id);
		push_scope_rows(&w, file, &scope_rows);
		v[cpg_graph_file__repo] = CStringGetTextDatum(repo);
		v[cpg_graph_file__path] = CStringGetTextDatum(f->path);
		v[cpg_graph_file__file_id] = CStringGetTextDatum(f->file_id);
		v[cpg_graph_file__file_sha256] = text_or_null(f->sha256, &n[cpg_graph_file__file_sha256]);
		v[cpg_graph_file__digest] = CStringGetTextDatum(digest);
		v[cpg_graph_file__links] = link_array(&w, file);
		n[cpg_graph_file__attrs] = true;
		cpg_array_push(&graph_rows, cpg_form_composite(graph_desc, v, n), false);
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
	if (changed_ids.count > 0)
	{
		Oid			rowtypes[1];
		Datum		rows[1];

		rowtypes[0] = get_array_type(cpg_tupdesc(CPG_T_cpg_scope)->tdtypeid);
		rows[0] = cpg_array_result(&scope_rows);
		spi_check(SPI_execute_with_args("INSERT INTO codecpg.cpg_scopes_v1 SELECT (x).* FROM unnest($1) x",
										1, rowtypes, rows, NULL, false, 0),
				  SPI_OK_INSERT, "storing scopes");
		rowtypes[0] = get_array_type(graph_desc->tdtypeid);
		rows[0] = cpg_array_result(&graph_rows);
		spi_check(SPI_execute_with_args("INSERT INTO codecpg.cpg_graph_v1 SELECT (x).* FROM unnest($1) x",
										1, rowtypes, rows, NULL, false, 0),
				  SPI_OK_INSERT, "storing graph rows");
	}
}
