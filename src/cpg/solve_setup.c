/*
 * solve_setup.c: what each summary record means to the solve. A file's expressions and
 * effects become nodes and constraints (solver_setup_file); after a fixpoint, the
 * refinement seeds what no caller reached (solver_refine).
 */
#include "postgres.h"

#include "cpg/solve.h"
#include "cpg/solve_private.h"
#include "cst/cst.h"
#include "miscadmin.h"

/* ---------------------------------------------------------------------------------- */
/* setting up a file */

/* The container field a constant index names ("[0]", "[\'name\']"), or -1. */
static int32
index_key(Solver *s, int32 file, int32 expr)
{
	const SumExpr *e;
	const char *text;

	if (expr < 0)
		return -1;
	e = &s->files[file].sum.exprs[expr];
	if (e->op != SO_CONST || e->b < 0)
		return -1;
	text = s->files[file].sum.strings[e->b];
	if (e->a == SC_STR)
		return solver_key_field(s, text);
	if (e->a == SC_NUMBER)
		return solver_name_printf(s, "[%s]", text);
	/* True and 1 are one key (equal, and hashed alike), as are False and 0 */
	if (e->a == SC_BOOL)
		return solver_name_cstr(s, strcmp(text, "True") == 0 ? "[1]" : "[0]");
	return -1;
}

/*
 * The key a slice reads: "[:start:stop:step]", each bound an integer, empty when left out,
 * or "?" when not a constant (solver_subscr_load).
 */
static int32
slice_key(Solver *s, int32 file, int32 bounds)
{
	const Summary *sum = &s->files[file].sum;
	StringInfoData key;

	initStringInfo(&key);
	appendStringInfoChar(&key, '[');
	for (int32 i = 0; i < 3; i++)
	{
		int32		bound = bounds >= 0 && sum->exprs[bounds].op == SO_CONTAINER && sum->exprs[bounds].a == SK_SLICE ?
			sum->elems[sum->exprs[bounds].b + i] : -2;
		const SumExpr *e = bound >= 0 ? &sum->exprs[bound] : NULL;

		appendStringInfoChar(&key, ':');
		if (e != NULL && e->op == SO_CONST && e->a == SC_NUMBER && e->b >= 0)
			appendStringInfoString(&key, sum->strings[e->b]);
		else if (bound != -1)
			appendStringInfoChar(&key, '?');
	}
	appendStringInfoChar(&key, ']');
	return solver_name_cstr(s, key.data);
}

/* Appends an (a, b) pair to a list the refinement rounds revisit. */
static void
push_pair(int32 **list, int32 *n, int32 *cap, int32 a, int32 b)
{
	GROW(*list, *n, *cap);
	(*list)[(*n)++] = a;
	GROW(*list, *n, *cap);
	(*list)[(*n)++] = b;
}

/*
 * Whether a later pair of a dict display has the same constant key as pair k (keys: the
 * display's keys as index_key gives them): its value replaces pair k's ({1: f, True: g}
 * is {1: g}). Displays longer than this are not checked (generated tables): their
 * repeated keys keep every value.
 */
#define DISPLAY_KEYS_CHECKED 1024

static bool
key_repeated(const int32 *keys, int32 n, int32 k)
{
	if (keys[k] < 0 || n > DISPLAY_KEYS_CHECKED)
		return false;
	for (int32 later = k + 1; later < n; later++)
		if (keys[later] == keys[k])
			return true;
	return false;
}

/*
 * How many elements a list or tuple display has, or -1 when a * makes it unknown (what
 * solve_items.c's display_length reads back).
 */
static int32
known_length(const Summary *sum, const SumExpr *display)
{
	for (int32 k = 0; k < display->c; k++)
	{
		int32		elem = sum->elems[display->b + k];

		if (elem >= 0 && sum->exprs[elem].op == SO_ITER)
			return -1;
	}
	return display->c;
}

static void
setup_container(Solver *s, int32 file, int32 i, const SumExpr *e, NodeId node)
{
	const Summary *sum = &s->files[file].sum;
	ObjId		obj = solver_container(s, (int32) node, e->a);
	NodeId		elems = solver_elements(s, obj);
	bool		positional = e->a == SK_TUPLE || e->a == SK_LIST;
	int32	   *keys = NULL;

	solver_add_obj(s, node, obj);
	if (e->op == SO_CONTAINER)
		idmap_put(&s->displays, obj, positional ? known_length(sum, e) + 1 : 0);
	else
		solver_placeless(s, obj);
	if (e->op == SO_COMP)
	{
		if (e->a == SK_DICT)
		{
			solver_copy(s, expr_node(s, file, e->b), solver_field(s, obj, s->n_key));
			solver_copy(s, expr_node(s, file, e->c), elems);
		}
		else
			solver_copy(s, expr_node(s, file, e->b), elems);
		return;
	}
	if (e->a == SK_DICT && e->c > 0)
	{
		keys = palloc(sizeof(int32) * e->c);
		for (int32 k = 0; k < e->c; k++)
			keys[k] = index_key(s, file, sum->elems[e->b + 2 * k]);
	}
	for (int32 k = 0; k < e->c; k++)
	{
		if (e->a == SK_DICT || e->a == SK_SET)
		{
			/* keys and elements are hashed */
			int32		hashed = sum->elems[e->b + (e->a == SK_DICT ? 2 * k : k)];

			if (hashed >= 0 && e->bstart >= 0)
				solver_protocol_on(s, expr_node(s, file, hashed), solver_name_cstr(s, "__hash__"), -1,
								   expr_evidence(s, file, i, CK_DUNDER), NO_NODE);
		}
		if (e->a == SK_DICT)
		{
			int32		key = sum->elems[e->b + 2 * k];
			NodeId		value = expr_node(s, file, sum->elems[e->b + 2 * k + 1]);

			solver_copy(s, expr_node(s, file, key), solver_field(s, obj, s->n_key));
			if (!key_repeated(keys, e->c, k))
				solver_container_store(s, obj, value, keys[k]);
			continue;
		}
		{
			int32		elem = sum->elems[e->b + k];
			NodeId		value = expr_node(s, file, elem);

			solver_copy(s, value, elems);
			if (elem >= 0 && sum->exprs[elem].op == SO_ITER)
				positional = false;
			if (positional)
				solver_copy(s, value, solver_field(s, obj, solver_position(s, k)));
		}
	}
	if (keys != NULL)
		pfree(keys);
}

/* The value an import statement binds to its name. */
static void
setup_import_value(Solver *s, int32 file, const SumImport *m, NodeId node)
{
	GFile	   *f = &s->files[file];
	const char *module = f->sum.strings[m->module];

	if (!m->is_from)
	{
		const char *bound = m->name >= 0 ? module : f->sum.strings[m->bind];
		int32		idx = idmap_get(&s->module_by_name, solver_name_cstr(s, bound));

		solver_add_obj(s, node, idx >= 0 ? solver_obj(s, OBJ_MODULE, idx, 0)
					   : solver_obj(s, OBJ_EXT, solver_name_cstr(s, bound), 0));
		return;
	}
	{
		const GModule *self = &s->modules[f->module];
		char	   *base = cpg_import_base(cpg_package_name(self->name, self->is_package), m->level, module);
		char	   *sub;
		int32		base_idx;
		int32		sub_idx;

		if (base == NULL || m->name < 0)
			return;
		sub = psprintf("%s.%s", base, f->sum.strings[m->name]);
		base_idx = idmap_get(&s->module_by_name, solver_name_cstr(s, base));
		sub_idx = idmap_get(&s->module_by_name, solver_name_cstr(s, sub));
		if (sub_idx >= 0)
			solver_add_obj(s, node, solver_obj(s, OBJ_MODULE, sub_idx, 0));
		if (base_idx >= 0)
			solver_copy(s, solver_var(s, s->modules[base_idx].scope, fname(s, file, m->name)), node);
		else if (sub_idx < 0 && idmap_get(&s->package_prefixes, solver_name_cstr(s, base)) < 0)
			solver_add_obj(s, node, solver_obj(s, OBJ_EXT, solver_name_cstr(s, sub), 0));
	}
}

/*
 * What `from base import name` runs of the module's own __getattr__ (PEP 562): Python looks
 * a module's __path__ up first (a package has one), and a name the module neither binds
 * nor has as a submodule is what __getattr__ returns. Import links, as the statement runs
 * them.
 */
static void
from_module_getattr(Solver *s, int32 file, int32 effect, const SumImport *m, const char *base)
{
	const GFile *f = &s->files[file];
	int32		idx = idmap_get(&s->module_by_name, solver_name_cstr(s, base));
	int32		evidence;

	if (idx < 0 || idx == f->module || !solver_module_binds(s, idx, s->n_getattr))
		return;
	evidence = effect_evidence(s, file, effect, CK_IMPORT);
	if (!s->modules[idx].is_package)
		solver_module_getattr(s, evidence, idx, NO_NODE);
	if (m->star || m->name < 0 || solver_module_may_bind(s, idx, fname(s, file, m->name)) ||
		idmap_get(&s->module_by_name, solver_name_printf(s, "%s.%s", base, f->sum.strings[m->name])) >= 0)
		return;
	/* the value the statement binds: its SO_IMPORT expression */
	for (int32 i = 0; i < f->sum.nexprs; i++)
		if (f->sum.exprs[i].op == SO_IMPORT && &f->sum.imports[f->sum.exprs[i].a] == m)
		{
			solver_module_getattr(s, evidence, idx, expr_node(s, file, i));
			break;
		}
}

/*
 * The modules importing a dotted name runs from the module `importer`: each package on
 * the way, then the module, but for the importer and its packages, which run already.
 * True when any of them is the repository's.
 */
bool
solver_import_runs(Solver *s, int32 evidence, int32 importer, const char *dotted)
{
	const GModule *self = &s->modules[importer];
	char	   *name = pstrdup(dotted);
	bool		any = false;

	for (char *p = name;; p++)
	{
		if (*p == '.' || *p == '\0')
		{
			char		saved = *p;
			int32		idx;
			size_t		len;

			*p = '\0';
			idx = idmap_get(&s->module_by_name, solver_name_cstr(s, name));
			len = strlen(name);
			if (idx >= 0 && idx != importer &&
				!(strncmp(self->name, name, len) == 0 && self->name[len] == '.'))
				solver_edge(s, evidence, s->modules[idx].scope, -1);
			any = any || idx >= 0;
			*p = saved;
			if (saved == '\0')
				break;
		}
	}
	pfree(name);
	return any;
}

/* The modules an import statement runs: each package on the way, then the module. */
static void
setup_import_edges(Solver *s, int32 file, int32 effect, const SumImport *m)
{
	GFile	   *f = &s->files[file];
	const GModule *self = &s->modules[f->module];
	const char *module = f->sum.strings[m->module];
	char	   *base = m->is_from ? cpg_import_base(cpg_package_name(self->name, self->is_package), m->level, module)
		: pstrdup(module);
	int32		evidence;
	bool		any;
	char	   *full;

	if (base == NULL || base[0] == '\0')
		return;
	evidence = effect_evidence(s, file, effect, CK_IMPORT);
	full = m->is_from && !m->star && m->name >= 0 ? psprintf("%s.%s", base, f->sum.strings[m->name]) : NULL;
	any = solver_import_runs(s, evidence, f->module, base);
	if (full != NULL)
	{
		int32		idx = idmap_get(&s->module_by_name, solver_name_cstr(s, full));

		if (idx >= 0 && idx != f->module)
			solver_edge(s, evidence, s->modules[idx].scope, -1);
	}
	if (m->is_from)
		from_module_getattr(s, file, effect, m, base);
	/* outside the repository; a namespace package of the repository has no body to run */
	if (!any && idmap_get(&s->package_prefixes, solver_name_cstr(s, base)) < 0)
		solver_edge(s, evidence, -(solver_name_cstr(s, base) + 1), -1);
}

static void
setup_expr(Solver *s, int32 file, int32 i)
{
	GFile	   *f = &s->files[file];
	const SumExpr *e = &f->sum.exprs[i];
	NodeId		node = expr_node(s, file, i);
	NodeId		a = e->op == SO_NAME || e->op == SO_CONST || e->op == SO_FUNC || e->op == SO_CLASS ||
		e->op == SO_CONTAINER || e->op == SO_COMP || e->op == SO_IMPORT ? NO_NODE : expr_node(s, file, e->a);

	switch ((SumOp) e->op)
	{
		case SO_NAME:
			{
				int32		name = fname(s, file, e->b);
				int32		module_scope = gscope(s, file, 0);

				if (e->a >= 0)
				{
					solver_copy(s, solver_var(s, gscope(s, file, e->a), name), node);
					break;
				}
				solver_copy(s, solver_var(s, module_scope, name), node);
				if (cst_is_builtin(f->sum.strings[e->b], strlen(f->sum.strings[e->b])))
				{
					if (f->sum.scopes[0].flags & SSF_STAR_IMPORT)
					{
						push_pair(&s->star_globals, &s->nstar_globals, &s->capstar_globals, (int32) node,
								  solver_name_printf(s, "builtins.%s", f->sum.strings[e->b]));
					}
					else
						solver_add_obj(s, node, solver_obj(s, OBJ_EXT,
														   solver_name_printf(s, "builtins.%s", f->sum.strings[e->b]), 0));
				}
			}
			break;
		case SO_ATTR:
			solver_attach_new(s, a, C_ATTR_LOAD, file, node, fname(s, file, e->b), i, 0);
			break;
		case SO_CALL:
			{
				CallSpec	spec;

				solver_blank_spec(&spec, expr_evidence(s, file, i, CK_CALL), CK_CALL);
				spec.file = file;
				spec.first_arg = e->b;
				spec.nargs = e->c;
				spec.dst = node;
				solver_call_through(s, a, &spec);
			}
			break;
		case SO_SUBSCR:
			solver_attach_new(s, a, C_SUBSCR_LOAD, file, node,
							  e->c & SO_SUBSCR_SLICE ? slice_key(s, file, e->b) : index_key(s, file, e->b),
							  expr_evidence(s, file, i, CK_DUNDER), expr_node(s, file, e->b));
			break;
		case SO_CONTAINER:
		case SO_COMP:
			if (e->a != SK_SLICE)
				setup_container(s, file, i, e, node);
			break;
		case SO_FUNC:
			solver_add_obj(s, node, solver_obj(s, OBJ_FUNC, gscope(s, file, e->a), 0));
			break;
		case SO_CLASS:
			solver_add_obj(s, node, solver_obj(s, OBJ_CLASS, gscope(s, file, e->a), 0));
			break;
		case SO_DECORATE:
			{
				CallSpec	spec;

				solver_blank_spec(&spec, expr_evidence(s, file, i, CK_DECORATOR), CK_DECORATOR);
				spec.extra[spec.nextra++] = expr_node(s, file, e->b);
				spec.dst = node;
				if (a == NO_NODE)
					solver_copy(s, spec.extra[0], node);
				else
					solver_call_through(s, a, &spec);
				push_pair(&s->decorations, &s->ndecorations, &s->capdecorations, file, i);
			}
			break;
		case SO_BINOP:
		case SO_COMPARE:
		case SO_UNARY:
			{
				int32		evidence = expr_evidence(s, file, i, CK_DUNDER);
				int32		op = e->c & 0xFF;

				if (op == OP_IS || op == OP_IS_NOT)
					break;
				if (op == OP_IN || op == OP_NOT_IN)
					solver_attach_new(s, expr_node(s, file, e->b), C_OPERATOR, file, node, a, evidence, e->c);
				else
					solver_attach_new(s, a, C_OPERATOR, file, node, expr_node(s, file, e->b), evidence, e->c);
				if (e->op != SO_UNARY && op != OP_IN && op != OP_NOT_IN)
				{
					push_pair(&s->operators, &s->noperators, &s->capoperators, file, i);
				}
				if (e->op == SO_BINOP && op == OP_ADD)
					solver_attach_new(s, expr_node(s, file, e->b), C_OPERATOR, file, node, a, evidence,
									  OP_ADD | OPERATOR_REFLECTED);
			}
			break;
		case SO_UNION:
			solver_copy(s, a, node);
			solver_copy(s, expr_node(s, file, e->b), node);
			break;
		case SO_AWAIT:
			solver_attach_new(s, a, C_AWAIT, file, node, 0, expr_evidence(s, file, i, CK_DUNDER), 0);
			break;
		case SO_ITER:
			{
				int32		evidence = e->bstart >= 0 ? expr_evidence(s, file, i, CK_DUNDER) : -1;

				solver_attach_new(s, a, C_ITER, file, node, 0, evidence, e->c & SO_ITER_ASYNC);
				if (e->c & SO_ITER_SIZED)
					solver_length_hint(s, a, evidence);
			}
			break;
		case SO_ELEM:
			solver_attach_new(s, a, C_ELEM, file, node, e->b, e->bstart >= 0 ? expr_evidence(s, file, i, CK_DUNDER) : -1, 0);
			break;
		case SO_STARREST:
			{
				ObjId		list = solver_container(s, (int32) node, SK_LIST);

				solver_add_obj(s, node, list);
				solver_placeless(s, list);
				solver_attach_new(s, a, C_STARREST, file, list, 0, 0, 0);
			}
			break;
		case SO_ENTER:
			solver_attach_new(s, a, C_ENTER, file, node, 0, expr_evidence(s, file, i, CK_DUNDER), e->c);
			break;
		case SO_FORMAT:
			solver_attach_new(s, a, C_FORMAT, file, 0, 0, expr_evidence(s, file, i, CK_DUNDER), e->c);
			break;
		case SO_EXCEPT:
			solver_attach_new(s, a, C_EXCEPT, file, node, 0, 0, 0);
			push_pair(&s->excepts, &s->nexcepts, &s->capexcepts, file, i);
			break;
		case SO_IMPORT:
			setup_import_value(s, file, &f->sum.imports[e->a], node);
			break;
		case SO_YIELD_FROM:
			solver_attach_new(s, a, C_YIELD_FROM, file, node, 0, 0, 0);
			break;
		case SO_CONST:
		case SO_UNKNOWN:
			break;
	}
}

static void
setup_effect(Solver *s, int32 file, int32 i, const int32 *class_statement)
{
	GFile	   *f = &s->files[file];
	const SumEffect *e = &f->sum.effects[i];
	NodeId		value = expr_node(s, file, e->c);

	switch ((SumEffectKind) e->kind)
	{
		case SE_STORE_NAME:
			solver_copy(s, value, solver_var(s, gscope(s, file, e->a), fname(s, file, e->b)));
			/* creating the class runs __set_name__ of the descriptors its body binds */
			if (class_statement[e->a] >= 0)
				solver_protocol_on(s, value, s->n_set_name, -1, class_statement[e->a], NO_NODE);
			break;
		case SE_STORE_ATTR:
			solver_attach_new(s, expr_node(s, file, e->a), C_ATTR_STORE, file, value, fname(s, file, e->b), i, 0);
			break;
		case SE_DEL_ATTR:
			solver_attach_new(s, expr_node(s, file, e->a), C_ATTR_DEL, file, 0, fname(s, file, e->b), i, 0);
			break;
		case SE_STORE_SUBSCR:
			solver_attach_new(s, expr_node(s, file, e->a), C_SUBSCR_STORE, file, value, index_key(s, file, e->b),
				   effect_evidence(s, file, i, CK_DUNDER), expr_node(s, file, e->b));
			break;
		case SE_DEL_SUBSCR:
			solver_attach_new(s, expr_node(s, file, e->a), C_SUBSCR_DEL, file, 0, 0,
				   effect_evidence(s, file, i, CK_DUNDER), expr_node(s, file, e->b));
			break;
		case SE_RETURN:
			solver_copy(s, value, solver_return_node(s, file, e));
			break;
		case SE_YIELD:
			solver_copy(s, value, solver_var(s, gscope(s, file, e->a), s->n_yield));
			break;
		case SE_YIELD_FROM:
			solver_iterate(s, value, solver_var(s, gscope(s, file, e->a), s->n_yield), -1);
			break;
		case SE_CLASS_BODY:
			{
				int32		cls = gscope(s, file, e->a);
				CallSpec	spec;

				solver_edge(s, effect_evidence(s, file, i, CK_CLASS_BODY), cls, -1);
				push_pair(&s->class_statements, &s->nclass_statements, &s->capclass_statements, file, i);
				/* a class statement runs __init_subclass__ of its bases (a classmethod) */
				solver_blank_spec(&spec, effect_evidence(s, file, i, CK_DUNDER), CK_DUNDER);
				spec.self = solver_obj(s, OBJ_CLASS, cls, 0);
				spec.detail = solver_name_cstr(s, "__init_subclass__");
				spec.flags = SPEC_INTERNAL_ONLY;
				solver_call_through(s, solver_lookup_after(s, cls, cls, spec.detail), &spec);
			}
			break;
		case SE_TRUTH:
			solver_attach_new(s, value, C_TRUTH, file, 0, 0, effect_evidence(s, file, i, CK_DUNDER), 0);
			break;
		case SE_IMPORT:
			setup_import_edges(s, file, i, &f->sum.imports[e->a]);
			break;
		case SE_ANNOTATE:
			push_pair(&s->annotated, &s->nannotated, &s->capannotated, file, i);
			break;
	}
}

static void
setup_scope(Solver *s, int32 file, int32 local)
{
	GFile	   *f = &s->files[file];
	const SumScope *sc = &f->sum.scopes[local];
	int32		g = gscope(s, file, local);

	for (int32 i = 0; i < sc->nparams; i++)
	{
		const SumParam *p = &f->sum.params[sc->first_param + i];
		NodeId		var = solver_var(s, g, f->names[p->name]);

		solver_copy(s, expr_node(s, file, p->dflt), var);
		if (p->kind == SP_VARARGS)
			solver_add_obj(s, var, solver_container(s, solver_special_key(g, TAG_VARARGS), SK_TUPLE));
		else if (p->kind == SP_VARKW)
			solver_add_obj(s, var, solver_container(s, solver_special_key(g, TAG_VARKW), SK_DICT));
	}
	for (int32 i = 0; i < sc->nbases; i++)
		solver_attach_new(s, expr_node(s, file, base_origin(&f->sum, f->sum.elems[sc->first_base + i])), C_BASES,
						  file, g, 0, 0, 0);
}

void
solver_setup_file(Solver *s, int32 file)
{
	GFile	   *f = &s->files[file];
	int32	   *class_statement = palloc(sizeof(int32) * Max(f->sum.nscopes, 1));

	for (int32 i = 0; i < f->sum.nscopes; i++)
		setup_scope(s, file, i);
	for (int32 i = 0; i < f->sum.nexprs; i++)
		setup_expr(s, file, i);
	for (int32 i = 0; i < f->sum.nscopes; i++)
		class_statement[i] = -1;
	for (int32 i = 0; i < f->sum.neffects; i++)
		if (f->sum.effects[i].kind == SE_CLASS_BODY)
			class_statement[f->sum.effects[i].a] = effect_evidence(s, file, i, CK_DUNDER);
	for (int32 i = 0; i < f->sum.neffects; i++)
		setup_effect(s, file, i, class_statement);
	pfree(class_statement);
}

/* ---------------------------------------------------------------------------------- */
/* refinement */

static bool
node_empty(Solver *s, NodeId node)
{
	return node == NO_NODE || s->nodes[node].n == 0;
}

/* Holds the node nothing the repository defines (external names and what they returned)? */
bool
solver_holds_no_code(const Solver *s, NodeId node)
{
	for (int32 i = 0; i < s->nodes[node].n; i++)
	{
		int32		kind = s->objs[node_objs(s, &s->nodes[node])[i]].kind;

		if (kind != OBJ_EXT && kind != OBJ_OPAQUE)
			return false;
	}
	return true;
}

/* Instances of the classes an annotation names, and of their subclasses, for a node holding no code. */
static bool
seed_annotated(Solver *s, NodeId node, int32 file, int32 annot_expr, int32 *family)
{
	NodeId		annot = expr_node(s, file, annot_expr);
	bool		changed = false;

	if (node == NO_NODE || annot == NO_NODE || !solver_holds_no_code(s, node))
		return false;
	for (int32 o = 0; o < s->nodes[annot].n; o++)
	{
		ObjId		obj = node_objs(s, &s->nodes[annot])[o];
		int32		n;

		if (s->objs[obj].kind != OBJ_CLASS)
			continue;
		n = solver_class_family(s, s->objs[obj].a, family, 4096);
		for (int32 i = 0; i < n; i++)
			changed |= solver_add_obj(s, node, solver_obj(s, OBJ_INST, family[i], 0));
	}
	return changed;
}

/*
 * `except C as e`, `except (C, D) as e`: instances of C and of its subclasses, those the
 * program makes (a class nobody instantiates is never raised).
 */
static bool
seed_caught(Solver *s, int32 file, int32 expr, int32 *family)
{
	NodeId		node = expr_node(s, file, expr);
	NodeId		caught = expr_node(s, file, s->files[file].sum.exprs[expr].a);
	bool		changed = false;

	for (int32 depth = 0; depth < 2 && caught != NO_NODE; depth++)
	{
		NodeId		elements = NO_NODE;

		for (int32 k = 0; k < s->nodes[caught].n; k++)
		{
			ObjId		obj = node_objs(s, &s->nodes[caught])[k];
			int32		n;

			if (s->objs[obj].kind == OBJ_CONT && depth == 0)
				elements = solver_elements(s, obj);
			if (s->objs[obj].kind != OBJ_CLASS)
				continue;
			n = solver_class_family(s, s->objs[obj].a, family, 4096);
			for (int32 f = 0; f < n; f++)
				if (s->scopes[family[f]].instantiated)
					changed |= solver_add_obj(s, node, solver_obj(s, OBJ_INST, family[f], 0));
		}
		caught = elements;
	}
	return changed;
}

/* Holds the node only instances of classes with __getattr__? */
static bool
only_getattr_instances(Solver *s, NodeId node)
{
	for (int32 i = 0; i < s->nodes[node].n; i++)
	{
		const Obj  *o = &s->objs[node_objs(s, &s->nodes[node])[i]];

		if (o->kind != OBJ_INST || !solver_mro_binds(s, o->a, s->n_getattr))
			return false;
	}
	return true;
}

/*
 * After a fixpoint, what stayed empty is seeded where the code says what it must hold,
 * and the solve runs again: methods nobody was seen calling get instances of their class
 * and its subclasses as `self` (entry points, framework callbacks); parameters, returns
 * and variables that nothing of the repository reaches get instances of the classes
 * their annotations name; decorators that resolved to nothing pass the function through;
 * builtins read in modules with star imports are builtins after all; reflected
 * operators (__radd__) run where the left operand turned out not to have the operator;
 * `except C as e` catches instances of C's subclasses too, and a class statement runs
 * the metaclass its MRO names, both known by now; a read of a name an instance lacks that
 * nothing answered runs its class's __getattr__.
 */
bool
solver_refine(Solver *s)
{
	bool		changed = false;
	int32	   *family = palloc(sizeof(int32) * 4096);

	for (int32 g = 0; g < s->nscopes; g++)
	{
		GScope	   *sc = &s->scopes[g];
		NodeId		first;
		int32		n;

		if (sc->seeded || sc->cls < 0 || sc->first_param < 0 ||
			(sc->method_kind != MK_METHOD && sc->method_kind != MK_CLASSMETHOD))
			continue;
		first = solver_var(s, g, sc->first_param);
		if (!node_empty(s, first))
			continue;
		s->scopes[g].seeded = true;
		n = solver_class_family(s, s->scopes[g].cls, family, 4096);
		for (int32 i = 0; i < n; i++)
			changed |= solver_add_obj(s, first, solver_obj(s, s->scopes[g].method_kind == MK_METHOD ? OBJ_INST : OBJ_CLASS,
														   family[i], 0));
	}
	/*
	 * A parameter nothing of the repository reaches, a def returning nothing of it, or a
	 * variable assigned nothing of it (`current_app: Flask = LocalProxy(...)`), and
	 * annotated: instances of the classes the annotation names, subclasses too.
	 */
	for (int32 g = 0; g < s->nscopes; g++)
	{
		const GScope *sc = &s->scopes[g];
		const GFile *f = &s->files[sc->file];
		const SumScope *ss = &f->sum.scopes[sc->local];

		if (sc->kind != SS_FUNCTION && sc->kind != SS_LAMBDA)
			continue;
		for (int32 k = 0; k < ss->nparams; k++)
		{
			const SumParam *p = &f->sum.params[ss->first_param + k];

			if (p->annot >= 0 && !(k == 0 && sc->cls >= 0 && sc->method_kind != MK_STATIC))
				changed |= seed_annotated(s, solver_var(s, g, f->names[p->name]), sc->file, p->annot, family);
		}
		if (ss->returns_annot >= 0 && !(ss->flags & (SSF_GENERATOR | SSF_ASYNC)) && !sc->returns_only_param)
			changed |= seed_annotated(s, solver_var(s, g, s->n_return), sc->file, ss->returns_annot, family);
	}
	/* (a class body's annotated names are fields: their values come with the instance) */
	for (int32 i = 0; i + 1 < s->nannotated; i += 2)
	{
		int32		file = s->annotated[i];
		const SumEffect *e = &s->files[file].sum.effects[s->annotated[i + 1]];

		if (s->scopes[gscope(s, file, e->a)].kind != SS_CLASS)
			changed |= seed_annotated(s, solver_var(s, gscope(s, file, e->a), s->files[file].names[e->b]), file,
									  e->c, family);
	}
	for (int32 i = 0; i + 1 < s->ndecorations; i += 2)
	{
		int32		file = s->decorations[i];
		int32		expr = s->decorations[i + 1];
		NodeId		node = expr_node(s, file, expr);
		const SumExpr *e = &s->files[file].sum.exprs[expr];

		if (node_empty(s, expr_node(s, file, e->a)) && node_empty(s, node))
		{
			solver_copy(s, expr_node(s, file, e->b), node);
			changed = true;
		}
	}
	for (int32 i = 0; i + 1 < s->nstar_globals; i += 2)
		if (node_empty(s, s->star_globals[i]))
			changed |= solver_add_obj(s, s->star_globals[i], solver_obj(s, OBJ_EXT, s->star_globals[i + 1], 0));
	for (int32 i = 0; i + 1 < s->noperators; i += 2)
	{
		int32		file = s->operators[i];
		int32		expr = s->operators[i + 1];
		const SumExpr *e = &s->files[file].sum.exprs[expr];
		int32		op = e->c & 0xFF;
		NodeId		left = expr_node(s, file, e->a);
		NodeId		right = expr_node(s, file, e->b);
		bool		left_has = false;

		if (right == NO_NODE || solver_operator_dunders[op][1] == NULL)
			continue;
		if (left != NO_NODE)
			for (int32 k = 0; k < s->nodes[left].n && !left_has; k++)
			{
				const Obj  *o = &s->objs[node_objs(s, &s->nodes[left])[k]];

				left_has = o->kind == OBJ_INST && solver_mro_defines(s, o->a, solver_operator_dunders[op][0]);
			}
		if (left_has)
			continue;
		for (int32 k = 0; k < s->nodes[right].n; k++)
		{
			ObjId		obj = node_objs(s, &s->nodes[right])[k];
			const Obj  *o = &s->objs[obj];

			if (o->kind == OBJ_INST && solver_mro_defines(s, o->a, solver_operator_dunders[op][1]))
			{
				int32		before = s->nedges;

				solver_dunder(s, expr_evidence(s, file, expr, CK_DUNDER), obj, solver_operator_dunders[op][1],
							  left, expr_node(s, file, expr));
				changed |= s->nedges != before || s->qtail > s->qhead;
			}
		}
	}
	for (int32 i = 0; i + 1 < s->nclass_statements; i += 2)
	{
		int32		file = s->class_statements[i];
		int32		effect = s->class_statements[i + 1];
		int32		cls = gscope(s, file, s->files[file].sum.effects[effect].a);
		NodeId		metaclass;

		if (s->scopes[cls].metaclass_run || (metaclass = solver_metaclass_node(s, cls)) == NO_NODE)
			continue;
		s->scopes[cls].metaclass_run = true;
		solver_attach_new(s, metaclass, C_METACLASS, file, cls, 0, effect_evidence(s, file, effect, CK_CALL), 0);
		changed |= s->nodes[metaclass].n > 0;
	}
	for (int32 i = 0; i + 1 < s->nexcepts; i += 2)
		changed |= seed_caught(s, s->excepts[i], s->excepts[i + 1], family);
	for (int32 i = 0; i < s->ngetattr_reads; i++)
		if (!s->getattr_reads[i].done && node_empty(s, s->getattr_reads[i].dst) &&
			only_getattr_instances(s, s->getattr_reads[i].receiver))
		{
			GetattrRead read = s->getattr_reads[i];

			s->getattr_reads[i].done = true;
			solver_run_getattr(s, &read);
			changed = true;
		}
	pfree(family);
	/* once the other seeds have run their course, or nothing else is left to seed */
	if (!s->usage_seeded && (s->rounds >= 2 || !(changed || s->qtail > s->qhead)))
	{
		s->usage_seeded = true;
		changed |= solver_seed_by_usage(s);
	}
	return changed || s->qtail > s->qhead;
}
