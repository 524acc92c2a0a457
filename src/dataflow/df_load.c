/*
 * df_load.c: a repository's data flow read into memory for one solve.
 *
 * Reads every dataflow_files_v1 row of the repository (the stored per-file facts), the
 * scopes and call edges of codecpg.cpg_refresh (cpg_scopes_v1, cpg_graph_v1), and joins
 * them: a code object is the scope of its __qualname__ in its file whose lines it starts
 * (load_scopes); a call event is the callsite with its span. Then it names what imports
 * bring in (a relative import resolved against the file's module), keys the heap (module
 * globals by module and name, class attributes through self by class family, closure
 * cells by owner) and builds the CSR of the intra-procedural edges.
 *
 * Needs an SPI connection. Everything is allocated in the memory context current at the
 * call, which the SPI calls here never leave changed.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/rowtype.h"
#include "cpg/naming.h"
#include "dataflow/df_solve.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

static int32
intern_text(DfRepo *r, DfText t)
{
	return t.len < 0 ? -1 : df_intern(&r->strings, t.ptr, t.len);
}

/* ---- SPI ---- */

/* SPI leaves its own context current after each call: come back to ours. */
static void
run_query(const char *sql, const char *repo, int expected)
{
	MemoryContext cxt = CurrentMemoryContext;
	Oid			types[1] = {TEXTOID};
	Datum		args[1] = {CStringGetTextDatum(repo)};
	int			rc = SPI_execute_with_args(sql, 1, types, args, NULL, true, 0);

	MemoryContextSwitchTo(cxt);
	if (rc != expected)
		elog(ERROR, "reading the data flow of repository \"%s\" failed: %s", repo, SPI_result_code_string(rc));
}

static char *
value_cstring(HeapTuple tuple, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tuple, desc, col, &isnull);

	return isnull ? NULL : TextDatumGetCString(d);
}

/* ---- files, units, nodes ---- */

static void
load_files(DfRepo *r, DfSidMap *file_of_id, DfSidMap *file_of_module)
{
	MemoryContext cxt = CurrentMemoryContext;
	Oid			types[1] = {TEXTOID};
	Datum		args[1] = {CStringGetTextDatum(r->repo)};
	SPIPlanPtr	plan;
	Portal		portal;
	TupleDesc	td = cpg_table_tupdesc(CPG_T_dataflow_file);
	int32		capacity = 64;

	CpgNaming	naming;

	/* Module names from the repository's layout, exactly as the resolver names them. */
	cpg_naming_of_repo(r->repo, &naming);
	/* The whole row: external and compressed fields come flattened into one value. */
	plan = SPI_prepare("SELECT d FROM codecpg.dataflow_files_v1 d WHERE d.repo = $1 ORDER BY d.path", 1, types);
	if (plan == NULL)
		elog(ERROR, "preparing the data-flow query failed: %s", SPI_result_code_string(SPI_result));
	portal = SPI_cursor_open(NULL, plan, args, NULL, true);
	MemoryContextSwitchTo(cxt);
	r->files = palloc(capacity * sizeof(DfRFile));
	r->nfiles = 0;
	for (;;)
	{
		SPI_cursor_fetch(portal, true, 32);
		MemoryContextSwitchTo(cxt);
		if (SPI_processed == 0)
			break;
		for (uint64 i = 0; i < SPI_processed; i++)
		{
			HeapTuple	tuple = SPI_tuptable->vals[i];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		isnull;
			Datum		row = SPI_getbinval(tuple, desc, 1, &isnull);
			Datum	   *values = palloc(td->natts * sizeof(Datum));
			bool	   *nulls = palloc(td->natts * sizeof(bool));
			DfRFile    *f;

			CHECK_FOR_INTERRUPTS();
			if (isnull)
				continue;
			if (r->nfiles == capacity)
			{
				capacity *= 2;
				r->files = repalloc(r->files, capacity * sizeof(DfRFile));
			}
			f = &r->files[r->nfiles];
			row = PointerGetDatum(PG_DETOAST_DATUM_COPY(row));
			cpg_deform_composite(td, row, values, nulls);
			if (nulls[dataflow_file__file_id] || nulls[dataflow_file__path])
				continue;
			f->file_id = TextDatumGetCString(values[dataflow_file__file_id]);
			f->path = TextDatumGetCString(values[dataflow_file__path]);
			f->module = df_intern_cstr(&r->strings, cpg_module_name(&naming, f->path, &f->is_package));
			df_facts_read(values, nulls, &f->facts);
			df_sid_put(file_of_id, df_intern_cstr(&r->strings, f->file_id), r->nfiles);
			if (df_sid_get(file_of_module, f->module) < 0)
				df_sid_put(file_of_module, f->module, r->nfiles);
			r->nfiles++;
		}
		SPI_freetuptable(SPI_tuptable);
		MemoryContextSwitchTo(cxt);
	}
	SPI_cursor_close(portal);
	SPI_freeplan(plan);
	MemoryContextSwitchTo(cxt);
}

static void
build_units_nodes(DfRepo *r)
{
	int32		nunits = 0,
				nnodes = 0;

	for (int32 f = 0; f < r->nfiles; f++)
	{
		r->files[f].unit_base = nunits;
		r->files[f].node_base = nnodes;
		nunits += r->files[f].facts.nunits;
		nnodes += r->files[f].facts.nevents;
	}
	r->units = palloc0(Max(nunits, 1) * sizeof(DfRUnit));
	r->nodes = palloc(Max(nnodes, 1) * sizeof(DfRNode));
	r->nunits = nunits;
	r->nnodes = nnodes;
	for (int32 f = 0; f < r->nfiles; f++)
	{
		const DfRFile *file = &r->files[f];
		const DfFacts *x = &file->facts;

		CHECK_FOR_INTERRUPTS();
		for (int32 u = 0; u < x->nunits; u++)
		{
			const DfFactUnit *fu = &x->units[u];
			DfRUnit    *ru = &r->units[file->unit_base + u];

			ru->file = f;
			ru->code_id = fu->code_id;
			ru->kind = fu->kind;
			ru->firstlineno1 = fu->firstlineno1;
			ru->first_node = file->node_base + fu->event_start;
			ru->nnodes = fu->event_count;
			ru->argcount = fu->argcount;
			ru->posonlyargcount = fu->posonlyargcount;
			ru->kwonlyargcount = fu->kwonlyargcount;
			ru->has_varargs = fu->has_varargs;
			ru->has_varkeywords = fu->has_varkeywords;
			ru->nparams = Min(fu->argcount + fu->kwonlyargcount + (fu->has_varargs ? 1 : 0) +
							  (fu->has_varkeywords ? 1 : 0), fu->event_count);
			ru->qualname = intern_text(r, fu->qualname);
			ru->name = intern_text(r, fu->name);
			ru->fqn = -1;
			ru->class_unit = -1;
			ru->method_kind = fu->method_kind;
			/* Units refer to each other by code_id, which is their preorder position. */
			if (fu->class_code_id >= 0 && fu->class_code_id < x->nunits &&
				x->units[fu->class_code_id].code_id == fu->class_code_id)
				ru->class_unit = file->unit_base + fu->class_code_id;
		}
		for (int32 e = 0; e < x->nevents; e++)
		{
			const DfFactEvent *ev = &x->events[e];
			DfRNode    *n = &r->nodes[file->node_base + e];

			/* An event no code object holds (a row built by hand) takes no part. */
			n->kind = ev->unit >= 0 ? ev->kind : -1;
			n->unit = ev->unit >= 0 ? file->unit_base + ev->unit : -1;
			/* Locals, returns and values are matched by nothing but their events: no name. */
			n->name = ev->kind == DF_STORE_LOCAL || ev->kind == DF_LOAD_LOCAL || ev->kind == DF_DELETE_LOCAL ||
				ev->kind == DF_RETURN || ev->kind == DF_YIELD || ev->kind == DF_VALUE ? -1 : intern_text(r, ev->name);
			n->key = -1;
			n->qname = -1;
			n->call = -1;
		}
	}
}

/* The parameter at a position of co_varnames, as a node, or -1. */
int32
df_repo_param(const DfRepo *r, const DfRUnit *u, int32 index)
{
	(void) r;
	return index >= 0 && index < u->nparams ? u->first_node + index : -1;
}

/* The parameter a keyword argument names (positional-or-keyword or keyword-only), or **kwargs. */
int32
df_repo_keyword_param(const DfRepo *r, const DfRUnit *u, DfText keyword)
{
	int32		named = u->argcount + u->kwonlyargcount;

	for (int32 p = u->posonlyargcount; p < Min(named, u->nparams); p++)
	{
		const DfRNode *n = &r->nodes[u->first_node + p];

		if (n->name >= 0 && keyword.len == r->strings.lens[n->name] &&
			memcmp(keyword.ptr, r->strings.strs[n->name], keyword.len) == 0)
			return u->first_node + p;
	}
	if (u->has_varkeywords)
		return df_repo_param(r, u, named + (u->has_varargs ? 1 : 0));
	return -1;
}

/* The keyword a step into a call names. */
DfText
df_repo_keyword(const DfRepo *r, int32 node, int32 slot)
{
	const DfRUnit *u = &r->units[r->nodes[node].unit];
	const DfFacts *x = &r->files[u->file].facts;
	int32		k = DF_SLOT_KEYWORD - slot;

	if (k < 0 || k >= x->nkeywords)
		return (DfText) {NULL, -1};
	return x->keywords[k];
}

/* ---- the call graph ---- */

typedef struct DfScopes
{
	DfSidMap	unit_of_scope;	/* scope node_id string -> unit */
	DfSidMap	fqn_of_scope;
} DfScopes;

/*
 * Code objects and scopes of one qualname in one file are paired by their lines, both
 * taken in source order: a code object starts on its definition's first line
 * (co_firstlineno: the first decorator, if any), which is after the previous definition's
 * keyword and no later than its own. Not by rank: the compiler emits a try statement's
 * else block before its handlers (posixpath defines normpath in both), and drops a
 * definition it cannot reach (left after a return), which has no code object.
 */
typedef struct UnitLine
{
	int32		file;
	int32		qualname;
	int32		firstlineno1;
	int32		unit;
} UnitLine;

static int
unit_line_cmp(const void *a, const void *b)
{
	const UnitLine *x = a;
	const UnitLine *y = b;

	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	if (x->qualname != y->qualname)
		return x->qualname < y->qualname ? -1 : 1;
	if (x->firstlineno1 != y->firstlineno1)
		return x->firstlineno1 < y->firstlineno1 ? -1 : 1;
	return x->unit < y->unit ? -1 : x->unit > y->unit;
}

static inline bool
in_group(const UnitLine *order, int32 norder, int32 i, int32 file, int32 qualname)
{
	return i >= 0 && i < norder && order[i].file == file && order[i].qualname == qualname;
}

static void
load_scopes(DfRepo *r, const DfSidMap *file_of_id, DfScopes *s)
{
	DfTripleMap first_of;		/* (file, qualname, 0) -> its first code object in order */
	UnitLine   *order = palloc(Max(r->nunits, 1) * sizeof(UnitLine));
	int32		norder = 0;
	int32		group_file = -1;
	int32		group_qualname = -1;
	int32		cursor = -1;
	int32		previous_line1 = 0;

	for (int32 u = 0; u < r->nunits; u++)
	{
		const DfRUnit *ru = &r->units[u];

		/* A module's scope has no qualname; there is one. */
		if (ru->kind == DF_UNIT_MODULE || ru->qualname >= 0)
			order[norder++] = (UnitLine) {ru->file, ru->kind == DF_UNIT_MODULE ? -1 : ru->qualname, ru->firstlineno1, u};
	}
	qsort(order, norder, sizeof(UnitLine), unit_line_cmp);
	df_triple_init(&first_of, norder);
	for (int32 i = 0; i < norder; i++)
		df_triple_put(&first_of, order[i].file, order[i].qualname, 0, i);

	run_query("SELECT s.node_id, s.file_id, s.qualname, s.fqn, s.line0 "
			  "FROM codecpg.cpg_scopes_v1 s WHERE s.repo = $1 ORDER BY s.file_id, s.qualname, s.bstart, s.node_id",
			  r->repo, SPI_OK_SELECT);
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	t = SPI_tuptable->vals[i];
		TupleDesc	d = SPI_tuptable->tupdesc;
		char	   *node_id = value_cstring(t, d, 1);
		char	   *file_id = value_cstring(t, d, 2);
		char	   *qualname = value_cstring(t, d, 3);
		char	   *fqn = value_cstring(t, d, 4);
		bool		isnull;
		int32		line1 = DatumGetInt32(SPI_getbinval(t, d, 5, &isnull)) + 1;
		int32		file = file_id ? df_sid_get(file_of_id, df_intern_cstr(&r->strings, file_id)) : -1;
		int32		q = qualname ? df_intern_cstr(&r->strings, qualname) : -1;
		int32		unit = -1;
		int32		sid;

		if (node_id == NULL || file < 0)
			continue;
		if (q < 0)
		{
			int32		module = df_triple_get(&first_of, file, -1, 0);

			unit = module >= 0 ? order[module].unit : -1;
		}
		else
		{
			if (file != group_file || q != group_qualname)
			{
				group_file = file;
				group_qualname = q;
				cursor = df_triple_get(&first_of, file, q, 0);
				previous_line1 = 0;
			}
			while (in_group(order, norder, cursor, file, q) && order[cursor].firstlineno1 < previous_line1)
				cursor++;
			if (in_group(order, norder, cursor, file, q) && !isnull && order[cursor].firstlineno1 <= line1)
				unit = order[cursor++].unit;
			previous_line1 = isnull ? previous_line1 : line1;
		}
		sid = df_intern_cstr(&r->strings, node_id);
		df_sid_put(&s->fqn_of_scope, sid, fqn ? df_intern_cstr(&r->strings, fqn) : -1);
		if (unit < 0)
			continue;
		df_sid_put(&s->unit_of_scope, sid, unit);
		if (fqn)
			r->units[unit].fqn = df_intern_cstr(&r->strings, fqn);
	}
	SPI_freetuptable(SPI_tuptable);
	pfree(order);
}

static void
add_caller(DfRUnit *u, int32 call_node)
{
	if (u->ncallers == u->callers_capacity)
	{
		u->callers_capacity = Max(4, u->callers_capacity * 2);
		u->callers = u->callers ? repalloc(u->callers, u->callers_capacity * sizeof(int32)) :
			palloc(u->callers_capacity * sizeof(int32));
	}
	u->callers[u->ncallers++] = call_node;
}

static void
call_add_name(DfRCall *c, int32 name, int32 *capacity)
{
	if (name < 0)
		return;
	for (int32 i = 0; i < c->nnames; i++)
		if (c->names[i] == name)
			return;
	if (c->nnames == *capacity)
	{
		*capacity = Max(4, *capacity * 2);
		c->names = c->names ? repalloc(c->names, *capacity * sizeof(int32)) : palloc(*capacity * sizeof(int32));
	}
	c->names[c->nnames++] = name;
}

/* A name without a dot (eval) is also a builtin (builtins.eval), as the resolver may call it. */
static void
call_add_builtin(DfRepo *r, DfRCall *c, int32 name, int32 *capacity)
{
	call_add_name(c, name, capacity);
	if (name >= 0 && memchr(r->strings.strs[name], '.', r->strings.lens[name]) == NULL)
		call_add_name(c, df_intern_concat(&r->strings, df_intern_cstr(&r->strings, "builtins"), '.', name),
					  capacity);
}

static void
load_calls(DfRepo *r, const DfSidMap *file_of_id, const DfScopes *s)
{
	DfTripleMap at_span;
	int32	   *name_capacity;
	int32		ncalls = 0;

	for (int32 n = 0; n < r->nnodes; n++)
		if (r->nodes[n].kind == DF_CALL)
			ncalls++;
	r->calls = palloc0(Max(ncalls, 1) * sizeof(DfRCall));
	name_capacity = palloc0(Max(ncalls, 1) * sizeof(int32));
	df_triple_init(&at_span, ncalls);
	for (int32 f = 0; f < r->nfiles; f++)
		for (int32 e = 0; e < r->files[f].facts.nevents; e++)
		{
			int32		n = r->files[f].node_base + e;
			const DfFactEvent *ev = &r->files[f].facts.events[e];

			if (r->nodes[n].kind != DF_CALL)
				continue;
			r->nodes[n].call = r->ncalls;
			r->calls[r->ncalls].node = n;
			if (ev->bstart >= 0)
				df_triple_put(&at_span, f, ev->bstart, ev->bend, r->ncalls);
			r->ncalls++;
		}

	run_query("SELECT g.file_id, l.bstart, l.bend, l.callee_node_id, l.callee_name, "
			  "l.callee_kind IN ('EXTERNAL', 'UNRESOLVED', 'MODULE') "
			  "FROM codecpg.cpg_graph_v1 g CROSS JOIN LATERAL codecpg.cpg_links(g) l "
			  "WHERE g.repo = $1 AND l.link_kind = 'call'", r->repo, SPI_OK_SELECT);
	r->have_call_graph = SPI_processed > 0;
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	t = SPI_tuptable->vals[i];
		TupleDesc	d = SPI_tuptable->tupdesc;
		bool		n1,
					n2,
					n3;
		char	   *file_id = value_cstring(t, d, 1);
		int32		bstart = DatumGetInt32(SPI_getbinval(t, d, 2, &n1));
		int32		bend = DatumGetInt32(SPI_getbinval(t, d, 3, &n2));
		char	   *dst = value_cstring(t, d, 4);
		char	   *dst_name = value_cstring(t, d, 5);
		bool		named_only = DatumGetBool(SPI_getbinval(t, d, 6, &n3));
		int32		file = file_id ? df_sid_get(file_of_id, df_intern_cstr(&r->strings, file_id)) : -1;
		int32		ci;
		DfRCall    *c;
		int32		scope;

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (file < 0 || n1 || n2 || (ci = df_triple_get(&at_span, file, bstart, bend)) < 0)
			continue;
		c = &r->calls[ci];
		c->resolved = true;
		scope = dst ? df_intern_cstr(&r->strings, dst) : -1;
		if (!n3 && !named_only && df_sid_get(&s->unit_of_scope, scope) >= 0)
		{
			int32		unit = df_sid_get(&s->unit_of_scope, scope);
			DfRUnit    *u = &r->units[unit];
			bool		seen = false;

			for (int32 k = 0; k < c->ntargets; k++)
				seen |= c->targets[k] == unit;
			if (!seen)
			{
				c->targets = c->targets ? repalloc(c->targets, (c->ntargets + 1) * sizeof(int32)) :
					palloc(sizeof(int32));
				c->targets[c->ntargets++] = unit;
				add_caller(u, c->node);
			}
			call_add_name(c, u->fqn, &name_capacity[ci]);
			/* A class called through its __init__: the class's name calls it too. */
			if (u->fqn >= 0 && u->name >= 0 && strcmp(r->strings.strs[u->name], "__init__") == 0)
			{
				const char *fqn = r->strings.strs[u->fqn];

				call_add_name(c, df_intern(&r->strings, fqn, r->strings.lens[u->fqn] - 9), &name_capacity[ci]);
			}
		}
		else
		{
			/* A name only, or a definition without code (a class without __init__). */
			c->external = true;
			call_add_builtin(r, c, dst_name ? df_intern_cstr(&r->strings, dst_name) : df_sid_get(&s->fqn_of_scope, scope),
							 &name_capacity[ci]);
		}
	}
	SPI_freetuptable(SPI_tuptable);
	for (int32 ci = 0; ci < r->ncalls; ci++)
		if (!r->calls[ci].resolved)
			r->calls[ci].external = true;
}

/* ---- classes: a family is a class with its bases and subclasses ---- */

static int32
family_find(int32 *parent, int32 x)
{
	while (parent[x] != x)
	{
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

static int32 *
load_families(DfRepo *r, const DfScopes *s)
{
	int32	   *parent = palloc(Max(r->nunits, 1) * sizeof(int32));

	for (int32 u = 0; u < r->nunits; u++)
		parent[u] = u;
	run_query("SELECT l.src_node_id, l.callee_node_id "
			  "FROM codecpg.cpg_graph_v1 g CROSS JOIN LATERAL codecpg.cpg_links(g) l "
			  "WHERE g.repo = $1 AND l.link_kind = 'inherits' AND l.callee_kind = 'CLASS'",
			  r->repo, SPI_OK_SELECT);
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		char	   *src = value_cstring(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		char	   *dst = value_cstring(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);
		int32		a = src ? df_sid_get(&s->unit_of_scope, df_intern_cstr(&r->strings, src)) : -1;
		int32		b = dst ? df_sid_get(&s->unit_of_scope, df_intern_cstr(&r->strings, dst)) : -1;

		if (a >= 0 && b >= 0)
			parent[family_find(parent, a)] = family_find(parent, b);
	}
	SPI_freetuptable(SPI_tuptable);
	return parent;
}

/* ---- names that imports bring in ---- */

/* The absolute name of an import: relative ones climb from the file's package (naming.c). */
static int32
absolute_import(DfRepo *r, const DfRFile *f, int32 level, int32 name)
{
	char	   *base;

	if (level <= 0)
		return name;
	base = cpg_import_base(cpg_package_name(r->strings.strs[f->module], f->is_package), level,
						   name >= 0 ? r->strings.strs[name] : "");
	return base ? df_intern_cstr(&r->strings, base) : -1;
}

/* The part of a name before its first dot (all of it without one), or after it (-1 without). */
static int32
split_dot(DfRepo *r, int32 name, bool after)
{
	const char *dot;
	int32		at;

	if (name < 0)
		return -1;
	dot = memchr(r->strings.strs[name], '.', r->strings.lens[name]);
	if (dot == NULL)
		return after ? -1 : name;
	at = (int32) (dot - r->strings.strs[name]);
	return after ? df_intern(&r->strings, dot + 1, r->strings.lens[name] - at - 1) :
		df_intern(&r->strings, r->strings.strs[name], at);
}

/*
 * Qualified names: of imports; of definitions an import is stored into; of uses those
 * reach (and of module-level bindings read as globals); of attributes of such uses.
 */
static void
resolve_qnames(DfRepo *r)
{
	for (int32 f = 0; f < r->nfiles; f++)
	{
		const DfRFile *file = &r->files[f];
		const DfFacts *x = &file->facts;
		DfSidMap	bound;

		memset(&bound, 0, sizeof(bound));
		CHECK_FOR_INTERRUPTS();
		for (int32 e = 0; e < x->nevents; e++)
			if (x->events[e].kind == DF_IMPORT)
				r->nodes[file->node_base + e].qname =
					absolute_import(r, file, x->events[e].detail == DF_NO_DETAIL ? 0 : x->events[e].detail,
									r->nodes[file->node_base + e].name);
		for (int32 k = 0; k < x->nsteps; k++)
		{
			int32		src = x->steps[3 * k],
						dst = x->steps[3 * k + 1];

			if (src < 0 || dst < 0 || src >= x->nevents || dst >= x->nevents)
				continue;
			if (x->events[src].kind == DF_IMPORT && DF_KIND_IS_DEF(x->events[dst].kind))
			{
				DfRNode    *d = &r->nodes[file->node_base + dst];

				d->qname = r->nodes[file->node_base + src].qname;
				/* Module-level bindings are what functions read as globals. */
				if (d->unit >= 0 && r->units[d->unit].code_id == 0 && d->name >= 0)
					df_sid_put(&bound, d->name, d->qname);
			}
		}
		for (int32 k = 0; k < x->nreaches; k++)
		{
			int32		def = x->reaches[2 * k],
						use = x->reaches[2 * k + 1];

			if (def >= 0 && use >= 0 && def < x->nevents && use < x->nevents &&
				r->nodes[file->node_base + def].qname >= 0)
				r->nodes[file->node_base + use].qname = r->nodes[file->node_base + def].qname;
		}
		for (int32 e = 0; e < x->nevents; e++)
		{
			DfRNode    *n = &r->nodes[file->node_base + e];

			if (n->qname < 0 && (n->kind == DF_LOAD_GLOBAL || n->kind == DF_LOAD_NAME))
				n->qname = df_sid_get(&bound, n->name);
		}
		/* x.a and m.x = v: from the load of the object (the event's detail). */
		for (int32 e = 0; e < x->nevents; e++)
		{
			DfRNode    *n = &r->nodes[file->node_base + e];
			int32		base = x->events[e].detail;

			if ((n->kind == DF_LOAD_ATTR || n->kind == DF_STORE_ATTR) && base >= 0 && base < x->nevents &&
				r->nodes[file->node_base + base].qname >= 0)
				n->qname = df_intern_concat(&r->strings, r->nodes[file->node_base + base].qname, '.',
											split_dot(r, n->name, true));
		}
		/* Calls outside the call graph are named by their callee as written, imports resolved. */
		for (int32 e = 0; e < x->nevents; e++)
		{
			DfRNode    *n = &r->nodes[file->node_base + e];
			DfRCall    *c;
			int32		root,
						q,
						capacity;

			if (n->call < 0 || r->calls[n->call].resolved || n->name < 0)
				continue;
			c = &r->calls[n->call];
			capacity = c->nnames;
			root = split_dot(r, n->name, false);
			q = df_sid_get(&bound, root);
			if (q >= 0)
				call_add_name(c, root == n->name ? q : df_intern_concat(&r->strings, q, '.', split_dot(r, n->name, true)),
							  &capacity);
			else
				call_add_builtin(r, c, n->name, &capacity);
		}
	}
}

/* ---- heap keys ---- */

/*
 * Heap keys by three integers: a module global (file, name, -1), a class attribute
 * (-2 - class family, attribute, -1), a closure variable (file, name, owning code_id).
 */
static int32
key_for(DfRepo *r, int32 a, int32 b, int32 c)
{
	int32		k = df_triple_get(&r->key_map, a, b, c);

	if (k >= 0)
		return k;
	if (r->nkeys == r->keys_capacity)
	{
		r->keys_capacity = Max(256, r->keys_capacity * 2);
		r->keys = r->keys ? repalloc(r->keys, r->keys_capacity * sizeof(DfRKey)) :
			palloc(r->keys_capacity * sizeof(DfRKey));
	}
	memset(&r->keys[r->nkeys], 0, sizeof(DfRKey));
	df_triple_put(&r->key_map, a, b, c, r->nkeys);
	return r->nkeys++;
}

static void
key_add(int32 **items, int32 *n, int32 *capacity, int32 node)
{
	if (*n == *capacity)
	{
		*capacity = Max(4, *capacity * 2);
		*items = *items ? repalloc(*items, *capacity * sizeof(int32)) : palloc(*capacity * sizeof(int32));
	}
	(*items)[(*n)++] = node;
}

static void
key_node(DfRepo *r, int32 node, int32 a, int32 b, int32 c, bool is_def)
{
	int32		k = key_for(r, a, b, c);
	DfRKey	   *key = &r->keys[k];

	r->nodes[node].key = k;
	if (is_def)
		key_add(&key->defs, &key->ndefs, &key->defs_capacity, node);
	else
		key_add(&key->uses, &key->nuses, &key->uses_capacity, node);
}

/* The module a qualified name is an attribute of, when it is a module of the repository. */
static int32
module_attr(DfRepo *r, const DfSidMap *file_of_module, int32 qname, int32 *attr)
{
	const char *q;
	const char *dot;

	if (qname < 0)
		return -1;
	q = r->strings.strs[qname];
	dot = strrchr(q, '.');
	if (dot == NULL)
		return -1;
	*attr = df_intern_cstr(&r->strings, dot + 1);
	return df_sid_get(file_of_module, df_intern(&r->strings, q, (int32) (dot - q)));
}

static void
build_keys(DfRepo *r, const DfSidMap *file_of_module, int32 *family)
{
	for (int32 n = 0; n < r->nnodes; n++)
	{
		DfRNode    *node = &r->nodes[n];
		const DfRUnit *u = node->unit >= 0 ? &r->units[node->unit] : NULL;
		int32		kind = node->kind;
		int32		file = u ? u->file : -1;
		int32		attr;
		int32		m;

		if ((n & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		if (u == NULL || node->name < 0)
			continue;
		switch (kind)
		{
			case DF_STORE_NAME:
			case DF_DELETE_NAME:
				if (u->kind == DF_UNIT_MODULE)
					key_node(r, n, file, node->name, -1, true);
				else if (u->kind == DF_UNIT_CLASS)
					/* Class attributes: read as self.name in the class's methods. */
					key_node(r, n, -2 - family_find(family, node->unit), node->name, -1, true);
				break;
			case DF_STORE_GLOBAL:
			case DF_DELETE_GLOBAL:
				key_node(r, n, file, node->name, -1, true);
				break;
			case DF_LOAD_GLOBAL:
			case DF_LOAD_NAME:
				/* Module and class bodies fall back to the globals for names they lack. */
				key_node(r, n, file, node->name, -1, false);
				break;
			case DF_PARAM:
			case DF_STORE_CELL:
			case DF_DELETE_CELL:
			case DF_LOAD_CELL:
				{
					const DfFactEvent *ev = &r->files[file].facts.events[n - r->files[file].node_base];
					int32		owner = kind == DF_PARAM ? u->code_id : ev->detail;

					if (owner != DF_NO_DETAIL)
						key_node(r, n, file, node->name, owner, kind != DF_LOAD_CELL);
					break;
				}
			case DF_STORE_ATTR:
			case DF_DELETE_ATTR:
			case DF_STORE_ITEM:
			case DF_UPDATE:
			case DF_LOAD_ATTR:
				{
					bool		is_def = kind != DF_LOAD_ATTR;
					int32		self = u->class_unit >= 0 && u->method_kind != DF_METHOD_STATIC && u->nparams > 0 ?
						r->nodes[u->first_node].name : -1;

					if (self >= 0 && split_dot(r, node->name, false) == self && split_dot(r, node->name, true) >= 0)
						key_node(r, n, -2 - family_find(family, u->class_unit), split_dot(r, node->name, true), -1, is_def);
					else if (kind != DF_STORE_ITEM && kind != DF_UPDATE &&
							 (m = module_attr(r, file_of_module, node->qname, &attr)) >= 0)
						key_node(r, n, m, attr, -1, is_def);
					break;
				}
			case DF_IMPORT:
				if ((m = module_attr(r, file_of_module, node->qname, &attr)) >= 0)
					key_node(r, n, m, attr, -1, false);
				break;
			default:
				break;
		}
	}
}

/* ---- edges ---- */

/* An edge between two events of a file that both take part. */
static bool
edge_ok(const DfRepo *r, const DfRFile *f, int32 a, int32 b)
{
	return a >= 0 && a < f->facts.nevents && b >= 0 && b < f->facts.nevents &&
		r->nodes[f->node_base + a].kind >= 0 && r->nodes[f->node_base + b].kind >= 0;
}

static void
build_csr(DfRepo *r)
{
	int64		nedges = 0;
	int32	   *fill;

	r->out_start = palloc0((r->nnodes + 1) * sizeof(int32));
	for (int32 f = 0; f < r->nfiles; f++)
	{
		const DfFacts *x = &r->files[f].facts;
		int32		base = r->files[f].node_base;

		for (int32 k = 0; k < x->nreaches; k++)
			if (edge_ok(r, &r->files[f], x->reaches[2 * k], x->reaches[2 * k + 1]))
				r->out_start[base + x->reaches[2 * k] + 1]++;
		for (int32 k = 0; k < x->nsteps; k++)
			if (edge_ok(r, &r->files[f], x->steps[3 * k], x->steps[3 * k + 1]) && x->steps[3 * k + 2] != PG_INT32_MIN)
				r->out_start[base + x->steps[3 * k] + 1]++;
	}
	for (int32 n = 0; n < r->nnodes; n++)
		r->out_start[n + 1] += r->out_start[n];
	nedges = r->out_start[r->nnodes];
	r->out_dst = palloc(Max(nedges, 1) * sizeof(int32));
	r->out_slot = palloc(Max(nedges, 1) * sizeof(int32));
	fill = palloc0(Max(r->nnodes, 1) * sizeof(int32));
	for (int32 f = 0; f < r->nfiles; f++)
	{
		const DfFacts *x = &r->files[f].facts;
		int32		base = r->files[f].node_base;

		for (int32 k = 0; k < x->nreaches; k++)
		{
			int32		a = x->reaches[2 * k],
						b = x->reaches[2 * k + 1];

			if (edge_ok(r, &r->files[f], a, b))
			{
				int32		at = r->out_start[base + a] + fill[base + a]++;

				r->out_dst[at] = base + b;
				r->out_slot[at] = DF_EDGE_REACH;
			}
		}
		for (int32 k = 0; k < x->nsteps; k++)
		{
			int32		a = x->steps[3 * k],
						b = x->steps[3 * k + 1];

			if (edge_ok(r, &r->files[f], a, b) && x->steps[3 * k + 2] != PG_INT32_MIN)
			{
				int32		at = r->out_start[base + a] + fill[base + a]++;

				r->out_dst[at] = base + b;
				r->out_slot[at] = x->steps[3 * k + 2];
			}
		}
	}
	pfree(fill);
}

void
df_repo_load(DfRepo *r, const char *repo)
{
	DfSidMap	file_of_id = {NULL, 0};
	DfSidMap	file_of_module = {NULL, 0};
	DfScopes	scopes;
	int32	   *family;

	memset(r, 0, sizeof(*r));
	memset(&scopes, 0, sizeof(scopes));
	r->repo = pstrdup(repo);
	df_strings_init(&r->strings, CurrentMemoryContext);
	load_files(r, &file_of_id, &file_of_module);
	build_units_nodes(r);
	load_scopes(r, &file_of_id, &scopes);
	load_calls(r, &file_of_id, &scopes);
	family = load_families(r, &scopes);
	resolve_qnames(r);
	df_triple_init(&r->key_map, r->nnodes / 4);
	build_keys(r, &file_of_module, family);
	build_csr(r);
}
