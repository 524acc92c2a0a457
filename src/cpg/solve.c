/*
 * solve.c: loading the summaries of a repository and driving its solve (solve.h).
 */
#include "postgres.h"

#include <time.h>

#include "cpg/solve.h"
#include "cpg/solve_private.h"
#include "cst/cst.h"
#include "utils/memutils.h"

const char *const cpg_call_kind_names[] = {
	[CK_CALL] = "call",
	[CK_DECORATOR] = "decorator",
	[CK_IMPORT] = "import",
	[CK_CLASS_BODY] = "class_body",
	[CK_PROPERTY] = "property",
	[CK_DUNDER] = "dunder",
};

/*
 * A solver for a repository of nexprs expressions. The maps and arrays start at the size a
 * repository of that many expressions needs (the standard library's ratios, a little over):
 * growing them rehashes and copies, and on a machine whose first touch of a page is costly
 * the memory each growth leaves behind is a fifth of the solve. An array reserved larger
 * than it grows costs nothing, its pages untouched; a map is filled at its making, so those
 * start at what the standard library needs.
 */
Solver *
solver_create(NodeId nexprs)
{
	Solver	   *s = palloc0(sizeof(Solver));
	uint64		e = nexprs;

	idmap_init(&s->module_by_name, 1024);
	idmap_init(&s->package_prefixes, 1024);
	idmap_init(&s->name_ids, Max(8192, e * 3 / 20));
	idmap_init(&s->obj_ids, Max(8192, e / 8));
	idmap_init(&s->var_nodes, Max(65536, e / 5));
	idmap_init(&s->field_nodes, Max(8192, e / 5));
	idmap_init(&s->lookup_nodes, Max(4096, e / 12));
	idmap_init(&s->super_nodes, 256);
	idmap_init(&s->class_binds, Max(4096, e / 32));
	idmap_init(&s->namespace_ids, 64);
	idmap_init(&s->module_binds, Max(4096, e / 32));
	idmap_init(&s->inst_binds, Max(4096, e / 100));
	idmap_init(&s->displays, Max(4096, e / 32));
	idmap_init(&s->placeless, 4096);
	idmap_init(&s->def_binds, Max(4096, e / 32));
	idmap_init(&s->specs_by_key, 256);
	idmap_init(&s->copies, Max(65536, e / 5));
	idmap_init(&s->evidence_ids, Max(8192, e * 3 / 10));
	idmap_init(&s->edge_ids, Max(8192, e / 6));
	RESERVE(s->cons, s->capcons, e);
	RESERVE(s->specs, s->capspecs, e / 4);
	RESERVE(s->evidence, s->capevidence, e / 2);
	RESERVE(s->edges, s->capedges, e / 4);
	RESERVE(s->objs, s->capobjs, e / 4);
	s->capnames = 4096;
	s->names = palloc(sizeof(char *) * s->capnames);
	s->name_next = palloc(sizeof(int32) * s->capnames);
	/* a node per expression, and as many again for variables, fields and lookups */
	solver_reserve_nodes(s, Max(e * 2, 1024));
	solver_lists_init(&s->lists);
	s->n_return = solver_name_cstr(s, "<return>");
	s->n_return_if_none = solver_name_cstr(s, "<return if None>");
	s->n_yield = solver_name_cstr(s, "<yield>");
	s->n_elem = solver_name_cstr(s, "<elem>");
	s->n_key = solver_name_cstr(s, "<key>");
	s->n_unkeyed = solver_name_cstr(s, "<unkeyed>");
	s->n_init = solver_name_cstr(s, "__init__");
	s->n_new = solver_name_cstr(s, "__new__");
	s->n_init_hooks[0] = solver_name_cstr(s, "__attrs_pre_init__");
	s->n_init_hooks[1] = solver_name_cstr(s, "__post_init__");
	s->n_init_hooks[2] = solver_name_cstr(s, "__attrs_post_init__");
	s->n_members = solver_name_cstr(s, "<members>");
	s->n_call = solver_name_cstr(s, "__call__");
	s->n_class = solver_name_cstr(s, "__class__");
	s->n_fget = solver_name_cstr(s, "fget");
	s->n_fset = solver_name_cstr(s, "fset");
	s->n_fdel = solver_name_cstr(s, "fdel");
	s->n_func = solver_name_cstr(s, "func");
	s->n_args = solver_name_cstr(s, "args");
	s->n_get = solver_name_cstr(s, "__get__");
	s->n_set = solver_name_cstr(s, "__set__");
	s->n_delete = solver_name_cstr(s, "__delete__");
	s->n_set_name = solver_name_cstr(s, "__set_name__");
	s->n_itself = solver_name_cstr(s, "<itself>");
	s->n_object_new = solver_name_cstr(s, "builtins.object.__new__");
	s->n_type = solver_name_cstr(s, "builtins.type");
	s->n_factory = solver_name_cstr(s, "<factory>");
	s->n_dict = solver_name_cstr(s, "__dict__");
	s->n_getattr = solver_name_cstr(s, "__getattr__");
	s->n_setattr = solver_name_cstr(s, "__setattr__");
	s->n_len = solver_name_cstr(s, "__len__");
	s->n_iter = solver_name_cstr(s, "__iter__");
	s->n_delattr = solver_name_cstr(s, "__delattr__");
	s->n_registry = solver_name_cstr(s, "<registry>");
	s->n_register = solver_name_cstr(s, "register");
	/*
	 * object ends every MRO; abc.ABC, Generic and Protocol only mark a class, and NamedTuple
	 * and TypedDict make it a tuple or a dict, not theirs: a name looked up past the
	 * project's classes is not theirs (abc.ABC.decode would be a guess that is always
	 * wrong), and an instance of the class is an instance of the project's class alone
	 */
	s->n_root_bases[0] = solver_name_cstr(s, "builtins.object");
	s->n_root_bases[1] = solver_name_cstr(s, "abc.ABC");
	s->n_root_bases[2] = solver_name_cstr(s, "typing.Generic");
	s->n_root_bases[3] = solver_name_cstr(s, "typing.Protocol");
	s->n_root_bases[4] = solver_name_cstr(s, "typing_extensions.Protocol");
	s->n_root_bases[5] = solver_name_cstr(s, "typing.NamedTuple");
	s->n_root_bases[6] = solver_name_cstr(s, "typing.TypedDict");
	return s;
}

/* How a def in a class body is called: through instances, the class, or unbound. */
static int32
method_kind(const Summary *sum, const SumScope *sc)
{
	int32		kind = MK_METHOD;

	for (int32 i = 0; i < sc->ndecos; i++)
	{
		int32		e = sum->elems[sc->first_deco + i];
		const char *name;

		if (e < 0 || sum->exprs[e].op != SO_NAME || sum->exprs[e].a >= 0)
			continue;
		name = sum->strings[sum->exprs[e].b];
		if (strcmp(name, "staticmethod") == 0)
			kind = MK_STATIC;
		else if (strcmp(name, "classmethod") == 0)
			kind = MK_CLASSMETHOD;
	}
	return kind;
}

/*
 * Whether a class is decorated with functools.total_ordering, by name or attribute: it
 * has every rich comparison, those it does not write made by functools.
 */
static bool
total_ordering(const Summary *sum, const SumScope *sc)
{
	for (int32 i = 0; i < sc->ndecos; i++)
	{
		int32		e = sum->elems[sc->first_deco + i];

		if (e >= 0 && (sum->exprs[e].op == SO_NAME || sum->exprs[e].op == SO_ATTR) && sum->exprs[e].b >= 0 &&
			strcmp(sum->strings[sum->exprs[e].b], "total_ordering") == 0)
			return true;
	}
	return false;
}

/* The index of a parameter passed by position (or keyword), or -1. */
static int32
positional_index(const Summary *sum, const SumScope *sc, int32 name)
{
	for (int32 k = 0; k < sc->nparams; k++)
	{
		const SumParam *p = &sum->params[sc->first_param + k];

		if (p->kind != SP_POSONLY && p->kind != SP_POS)
			break;
		if (p->name == name)
			return k;
	}
	return -1;
}

/* Whether a return statement gives back a positional parameter by name (its index: *pos). */
static bool
returned_param(const Summary *sum, const SumEffect *e, int32 *pos)
{
	const SumScope *sc = &sum->scopes[e->a];
	const SumExpr *v = e->c >= 0 ? &sum->exprs[e->c] : NULL;

	if (v == NULL || v->op != SO_NAME || v->a != e->a || (sc->flags & (SSF_GENERATOR | SSF_ASYNC)))
		return false;
	*pos = positional_index(sum, sc, v->b);
	return *pos >= 0;
}

/*
 * The positional parameter returns of a function give back as it was passed (`return f`
 * of a registering decorator, `return self` of a fluent method or an __enter__, `return
 * default` of a getter), or -1: those returns are that parameter's name, which nothing in
 * the function binds again, every such return names the same one, and the function is no
 * generator or coroutine. Each call then gets back its own argument from them instead of
 * everything any caller passed (solve_rules.c, call_function); what the function's other
 * returns give stays common to its calls. returns_only_param: every return is that one.
 *
 * none_guard_param: the positional parameter returns under `if it is None:` test (all such
 * returns test the same one). What they give, calls passing that parameter do not get.
 */
/*
 * Whether a return statement of a class's __getattr__ hands the lookup on to another
 * object, `return getattr(self._target, name)` with name its second parameter (a proxy):
 * that object's expression, else -1.
 */
static int32
getattr_delegate(const Summary *sum, const SumEffect *e)
{
	const SumScope *sc = &sum->scopes[e->a];
	const SumExpr *v = e->c >= 0 ? &sum->exprs[e->c] : NULL;
	const SumExpr *callee;
	const SumArg *args;

	if (v == NULL || v->op != SO_CALL || v->a < 0 || v->c < 2 || e->a == 0 || sc->name < 0 ||
		sc->nparams < 2 || strcmp(sum->strings[sc->name], "__getattr__") != 0 ||
		sum->scopes[sc->parent].kind != SS_CLASS)
		return -1;
	callee = &sum->exprs[v->a];
	args = &sum->args[v->b];
	if (callee->op != SO_NAME || callee->a >= 0 || callee->b < 0 || strcmp(sum->strings[callee->b], "getattr") != 0 ||
		args[0].kind != SA_POS || args[1].kind != SA_POS || args[0].expr < 0 || args[1].expr < 0 ||
		sum->exprs[args[1].expr].op != SO_NAME ||
		sum->exprs[args[1].expr].a != e->a || sum->exprs[args[1].expr].b != sum->params[sc->first_param + 1].name)
		return -1;
	return args[0].expr;
}

static void
find_returned_params(const Summary *sum, GScope *scopes)
{
	for (int32 i = 0; i < sum->nscopes; i++)
	{
		scopes[i].returns_param = -2;	/* no such return seen yet */
		scopes[i].returns_only_param = true;
		scopes[i].none_guard_param = -2;
		scopes[i].getattr_delegate = -1;
	}
	for (int32 i = 0; i < sum->neffects; i++)
	{
		const SumEffect *e = &sum->effects[i];
		int32		found;

		if (e->kind != SE_RETURN || e->a < 0 || e->a >= sum->nscopes)
			continue;
		if (scopes[e->a].getattr_delegate < 0)
			scopes[e->a].getattr_delegate = getattr_delegate(sum, e);
		if (e->b >= 0 && !(sum->scopes[e->a].flags & (SSF_GENERATOR | SSF_ASYNC)))
		{
			int32		guard = positional_index(sum, &sum->scopes[e->a], e->b);

			if (scopes[e->a].none_guard_param == -2 || scopes[e->a].none_guard_param == guard)
				scopes[e->a].none_guard_param = guard;
			else
				scopes[e->a].none_guard_param = -1;
		}
		if (!returned_param(sum, e, &found))
			scopes[e->a].returns_only_param = false;
		else if (scopes[e->a].returns_param == -2)
			scopes[e->a].returns_param = found;
		else if (scopes[e->a].returns_param != found)
			scopes[e->a].returns_param = -1;
	}
	for (int32 i = 0; i < sum->neffects; i++)
	{
		const SumEffect *e = &sum->effects[i];
		int32		param;

		if (e->kind != SE_STORE_NAME || e->a < 0 || e->a >= sum->nscopes || (param = scopes[e->a].returns_param) < 0)
			continue;
		if (sum->params[sum->scopes[e->a].first_param + param].name == e->b)
			scopes[e->a].returns_param = -1;
	}
	for (int32 i = 0; i < sum->nscopes; i++)
	{
		if (scopes[i].returns_param < 0)
		{
			scopes[i].returns_param = -1;
			scopes[i].returns_only_param = false;
		}
		if (scopes[i].none_guard_param < 0)
			scopes[i].none_guard_param = -1;
	}
}

/*
 * The node a return statement's value flows to: the function's return node, its node of
 * what returns under `if PARAM is None:` give, or none when it gives back the returned
 * parameter (above), which reaches each call from that call's own argument.
 */
NodeId
solver_return_node(Solver *s, int32 file, const SumEffect *e)
{
	const Summary *sum = &s->files[file].sum;
	int32		fn = s->files[file].scope_base + e->a;
	const GScope *g = &s->scopes[fn];
	int32		pos;

	if (g->returns_param >= 0 && returned_param(sum, e, &pos) && pos == g->returns_param)
		return NO_NODE;
	if (e->b >= 0 && g->none_guard_param >= 0 &&
		sum->params[sum->scopes[e->a].first_param + g->none_guard_param].name == e->b)
		return solver_var(s, fn, s->n_return_if_none);
	return solver_var(s, fn, s->n_return);
}

/*
 * A name a class body annotates is a field (in order, once): what a generated __init__
 * binds, and an instance attribute, so no external base's.
 */
static void
add_field(Solver *s, int32 cls, int32 name)
{
	GScope	   *c = &s->scopes[cls];

	for (int32 k = 0; k < c->nfields; k++)
		if (c->fields[k] == name)
			return;
	GROW(c->fields, c->nfields, c->capfields);
	c->fields[c->nfields++] = name;
	idmap_put(&s->inst_binds, ((uint64) (uint32) cls << 32) | (uint32) name, 1);
}

/* Registers a module name; a package beats a module file, a module file beats a stub. */
static void
register_module(Solver *s, int32 module)
{
	GModule    *m = &s->modules[module];
	int32		name;
	int32		old;

	if (m->name[0] == '\0')
		return;
	for (const char *dot = strchr(m->name, '.'); dot != NULL; dot = strchr(dot + 1, '.'))
		idmap_put(&s->package_prefixes, solver_name(s, m->name, dot - m->name), 1);
	name = solver_name_cstr(s, m->name);
	old = idmap_get(&s->module_by_name, name);
	if (old < 0)
	{
		idmap_put(&s->module_by_name, name, module);
		return;
	}
	{
		GModule    *o = &s->modules[old];
		const char *op = s->files[o->file].path;
		const char *np = s->files[m->file].path;
		bool		old_stub = strlen(op) > 4 && strcmp(op + strlen(op) - 4, ".pyi") == 0;
		bool		new_stub = strlen(np) > 4 && strcmp(np + strlen(np) - 4, ".pyi") == 0;

		if ((m->is_package && !o->is_package && !new_stub) || (old_stub && !new_stub))
			idmap_set(&s->module_by_name, name, module);
	}
}

void
solver_add_file(Solver *s, const char *path, const char *file_id, const char *sha256,
				const Summary *sum, const CpgNaming *naming)
{
	GFile	   *f;
	GModule    *m;
	int32		module;
	bool		is_package;

	GROW(s->files, s->nfiles, s->capfiles);
	f = &s->files[s->nfiles];
	memset(f, 0, sizeof(*f));
	f->path = pstrdup(path);
	f->file_id = pstrdup(file_id);
	f->sha256 = sha256 ? pstrdup(sha256) : NULL;
	f->sum = *sum;
	GROW(s->modules, s->nmodules, s->capmodules);
	module = s->nmodules++;
	m = &s->modules[module];
	m->name = cpg_module_name(naming, path, &is_package);
	m->is_package = is_package;
	m->star_imports = false;
	for (int32 i = 0; i < sum->nimports; i++)
		m->star_imports |= sum->imports[i].star && sum->imports[i].scope == 0;
	m->file = s->nfiles;
	f->module = module;
	f->names = palloc(sizeof(int32) * Max(sum->nstrings, 1));
	for (int32 i = 0; i < sum->nstrings; i++)
		f->names[i] = solver_name_cstr(s, sum->strings[i]);

	/* scopes */
	f->scope_base = s->nscopes;
	while (s->capscopes < s->nscopes + sum->nscopes)
	{
		s->capscopes = s->capscopes ? s->capscopes * 2 : 1024;
		s->scopes = s->scopes ? repalloc_huge(s->scopes, sizeof(GScope) * s->capscopes)
			: palloc(sizeof(GScope) * s->capscopes);
	}
	for (int32 i = 0; i < sum->nscopes; i++)
	{
		const SumScope *sc = &sum->scopes[i];
		GScope	   *g = &s->scopes[s->nscopes + i];

		memset(g, 0, sizeof(*g));
		g->file = s->nfiles;
		g->local = i;
		g->kind = sc->kind;
		g->parent = i == 0 ? -1 : f->scope_base + sc->parent;
		g->caller = sc->kind == SS_COMPREHENSION ? s->scopes[g->parent].caller : f->scope_base + i;
		g->cls = -1;
		g->module = module;
		g->first_param = -1;
		if ((sc->kind == SS_FUNCTION || sc->kind == SS_LAMBDA) && sc->nparams > 0)
		{
			const SumParam *p = &sum->params[sc->first_param];

			if (p->kind == SP_POSONLY || p->kind == SP_POS)
				g->first_param = f->names[p->name];
		}
		if (sc->kind == SS_FUNCTION && i > 0 && sum->scopes[sc->parent].kind == SS_CLASS)
		{
			g->cls = f->scope_base + sc->parent;
			g->method_kind = method_kind(sum, sc);
		}
		if (sc->kind == SS_CLASS)
			g->total_ordering = total_ordering(sum, sc);
	}
	find_returned_params(sum, &s->scopes[s->nscopes]);
	s->nscopes += sum->nscopes;
	s->modules[module].scope = f->scope_base;

	/* one node per expression */
	f->expr_base = solver_new_nodes(s, sum->nexprs);
	s->nfiles++;
}

char *
solver_scope_fqn(Solver *s, int32 scope)
{
	GScope	   *g = &s->scopes[scope];
	GFile	   *f = &s->files[g->file];
	const char *module = s->modules[f->module].name;
	const SumScope *sc = &f->sum.scopes[g->local];

	if (sc->kind == SS_COMPREHENSION)
		return solver_scope_fqn(s, g->caller);
	if (sc->qualname < 0)
		return pstrdup(module);
	if (module[0] == '\0')
		return pstrdup(f->sum.strings[sc->qualname]);
	return psprintf("%s.%s", module, f->sum.strings[sc->qualname]);
}

/* The names a star import of a module binds: its __all__, else its public top-level names. */
static void
star_names(Solver *s, int32 module, int32 **names, int32 *n, int32 *cap, int32 depth)
{
	GFile	   *f = &s->files[s->modules[module].file];
	const Summary *sum = &f->sum;

	if (depth > 16)
		return;
	if (sum->all_state == SUM_ALL_LITERAL)
	{
		for (int32 i = 0; i < sum->nall; i++)
		{
			GROW(*names, *n, *cap);
			(*names)[(*n)++] = f->names[sum->all_names[i]];
		}
		return;
	}
	for (int32 i = 0; i < sum->neffects; i++)
	{
		const SumEffect *e = &sum->effects[i];

		if (e->kind == SE_STORE_NAME && e->a == 0 && sum->strings[e->b][0] != '_')
		{
			GROW(*names, *n, *cap);
			(*names)[(*n)++] = f->names[e->b];
		}
	}
	/* what the module star-imports itself is public too */
	for (int32 i = 0; i < sum->nimports; i++)
	{
		const SumImport *m = &sum->imports[i];
		char	   *base;
		int32		idx;

		if (!m->star || m->scope != 0)
			continue;
		base = cpg_import_base(cpg_package_name(s->modules[module].name, s->modules[module].is_package),
							   m->level, sum->strings[m->module]);
		if (base == NULL)
			continue;
		idx = idmap_get(&s->module_by_name, solver_name_cstr(s, base));
		if (idx >= 0 && idx != module)
			star_names(s, idx, names, n, cap, depth + 1);
	}
}

static void
setup_star_imports(Solver *s)
{
	for (int32 file = 0; file < s->nfiles; file++)
	{
		GFile	   *f = &s->files[file];
		const GModule *self = &s->modules[f->module];

		for (int32 i = 0; i < f->sum.nimports; i++)
		{
			const SumImport *m = &f->sum.imports[i];
			char	   *base;
			int32		idx;
			int32	   *names = NULL;
			int32		n = 0;
			int32		cap = 0;

			if (!m->star)
				continue;
			base = cpg_import_base(cpg_package_name(self->name, self->is_package), m->level,
								   f->sum.strings[m->module]);
			if (base == NULL)
				continue;
			idx = idmap_get(&s->module_by_name, solver_name_cstr(s, base));
			if (idx < 0 || idx == f->module)
				continue;
			star_names(s, idx, &names, &n, &cap, 0);
			for (int32 k = 0; k < n; k++)
				solver_copy(s, solver_var(s, s->modules[idx].scope, names[k]),
							solver_var(s, f->scope_base + m->scope, names[k]));
		}
	}
}

static double
cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

void
solver_solve(Solver *s)
{
	double		t = cpu_now();

	for (int32 m = 0; m < s->nmodules; m++)
		register_module(s, m);
	/* what class bodies bind and annotate and methods assign on self decides attribute
	 * lookups and class calls: known before any fires */
	for (int32 file = 0; file < s->nfiles; file++)
	{
		GFile	   *f = &s->files[file];

		for (int32 i = 0; i < f->sum.neffects; i++)
		{
			const SumEffect *e = &f->sum.effects[i];

			if (e->kind == SE_STORE_NAME && f->sum.scopes[e->a].kind == SS_CLASS)
				idmap_put(&s->class_binds,
						  ((uint64) (uint32) (f->scope_base + e->a) << 32) | (uint32) f->names[e->b], 1);
			else if (e->kind == SE_STORE_NAME && e->a == 0)
				idmap_put(&s->module_binds, ((uint64) (uint32) f->scope_base << 32) | (uint32) f->names[e->b], 1);
			else if (e->kind == SE_STORE_ATTR && e->a >= 0 && f->sum.exprs[e->a].op == SO_NAME &&
					 f->sum.exprs[e->a].a >= 0)
			{
				/* self.name = ... in a method: instances have the name, whatever its value */
				const GScope *m = &s->scopes[f->scope_base + f->sum.exprs[e->a].a];

				if (m->cls >= 0 && m->method_kind == MK_METHOD && m->first_param == f->names[f->sum.exprs[e->a].b])
					idmap_put(&s->inst_binds, ((uint64) (uint32) m->cls << 32) | (uint32) f->names[e->b], 1);
			}
			else if (e->kind == SE_ANNOTATE && f->sum.scopes[e->a].kind == SS_CLASS)
				add_field(s, f->scope_base + e->a, f->names[e->b]);
		}
		for (int32 i = 1; i < f->sum.nscopes; i++)
		{
			const SumScope *sc = &f->sum.scopes[i];

			if ((sc->kind == SS_FUNCTION || sc->kind == SS_CLASS) && sc->name >= 0 &&
				f->sum.scopes[sc->parent].kind == SS_CLASS)
				idmap_put(&s->def_binds,
						  ((uint64) (uint32) (f->scope_base + sc->parent) << 32) | (uint32) f->names[sc->name], 1);
		}
	}
	for (int32 file = 0; file < s->nfiles; file++)
		solver_setup_file(s, file);
	setup_star_imports(s);
	elog(DEBUG2, "solve: setup done at %.0f ms, %d constraints, %u nodes", cpu_now() - t, s->ncons, s->nnodes);
	solver_run(s);
	elog(DEBUG2, "solve: first fixpoint at %.0f ms, " INT64_FORMAT " steps", cpu_now() - t, s->steps);
	for (s->rounds = 1; s->rounds <= 4 && solver_refine(s); s->rounds++)
	{
		solver_run(s);
		elog(DEBUG2, "solve: round %d at %.0f ms, " INT64_FORMAT " steps", s->rounds, cpu_now() - t, s->steps);
	}
}
