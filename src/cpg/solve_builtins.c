/*
 * solve_builtins.c: what calls of a few names outside the repository do to values, as
 * far as the call graph needs it — the builtins and functools helpers that call their
 * function arguments (map, filter, sorted's key, reduce, partial), that build
 * containers from iterables, that run protocol methods of their arguments (str, repr,
 * format, print, len, bool, hash, iter, next), that make descriptors (staticmethod,
 * classmethod, property), and super(), getattr/setattr with constant names, globals()
 * and import_module() of a constant or a package prefix; what standard library modules
 * make of the program's callables is in solve_library.c. Every other external call is
 * only an edge.
 *
 * Builtin methods of containers the solve created (list.append, dict.items, ...) are
 * modelled too (solver_call_bmethod): they move values, they are not edges.
 */
#include "postgres.h"

#include "cpg/solve.h"
#include "cpg/solve_private.h"

typedef enum Builtin
{
	B_NONE,
	B_SUPER,
	B_STATICMETHOD,
	B_CLASSMETHOD,
	B_PROPERTY,
	B_PROPERTY_INIT,
	B_CACHED_PROPERTY,
	B_PARTIAL,
	B_WRAPS,
	B_UPDATE_WRAPPER,
	B_CAST,
	B_GETATTR,
	B_HASATTR,
	B_SETATTR,
	B_OBJECT_SETATTR,
	B_ITER,
	B_NEXT,
	B_LIST,
	B_TUPLE,
	B_SET,
	B_SORTED,
	B_REVERSED,
	B_DICT,
	B_MAP,
	B_STARMAP,
	B_FILTER,
	B_REDUCE,
	B_MIN,
	B_MAX,
	B_SUM,
	B_INT,
	B_FLOAT,
	B_COMPLEX,
	B_ROUND,
	B_BYTES,
	B_DIVMOD,
	B_POW,
	B_ENUMERATE,
	B_ZIP,
	B_STR,
	B_REPR,
	B_FORMAT,
	B_PRINT,
	B_LEN,
	B_BOOL,
	B_HASH,
	B_ABS,
	B_TYPE,
	B_OBJECT_NEW,
	B_TYPE_NEW,
	B_DEFAULTDICT,
	B_GLOBALS,
	B_LOCALS,
	B_IMPORT_MODULE,
} Builtin;

static const struct
{
	const char *name;
	Builtin		builtin;
}			builtins[] = {
	{"builtins.super", B_SUPER},
	{"builtins.staticmethod", B_STATICMETHOD},
	{"builtins.classmethod", B_CLASSMETHOD},
	{"builtins.property", B_PROPERTY},
	{"builtins.property.__init__", B_PROPERTY_INIT},
	{"functools.cached_property", B_CACHED_PROPERTY},
	{"functools.partial", B_PARTIAL},
	{"functools.wraps", B_WRAPS},
	{"functools.update_wrapper", B_UPDATE_WRAPPER},
	{"typing.cast", B_CAST},
	{"typing_extensions.cast", B_CAST},
	{"builtins.getattr", B_GETATTR},
	{"builtins.hasattr", B_HASATTR},
	{"builtins.setattr", B_SETATTR},
	{"builtins.iter", B_ITER},
	{"builtins.next", B_NEXT},
	{"builtins.list", B_LIST},
	{"builtins.tuple", B_TUPLE},
	{"builtins.set", B_SET},
	{"builtins.frozenset", B_SET},
	{"builtins.sorted", B_SORTED},
	{"builtins.reversed", B_REVERSED},
	{"builtins.dict", B_DICT},
	{"builtins.map", B_MAP},
	{"itertools.starmap", B_STARMAP},
	{"builtins.filter", B_FILTER},
	{"functools.reduce", B_REDUCE},
	{"builtins.min", B_MIN},
	{"builtins.max", B_MAX},
	{"builtins.sum", B_SUM},
	{"builtins.int", B_INT},
	{"builtins.float", B_FLOAT},
	{"builtins.complex", B_COMPLEX},
	{"builtins.round", B_ROUND},
	{"builtins.bytes", B_BYTES},
	{"builtins.divmod", B_DIVMOD},
	{"builtins.pow", B_POW},
	{"builtins.enumerate", B_ENUMERATE},
	{"builtins.zip", B_ZIP},
	{"builtins.str", B_STR},
	{"builtins.repr", B_REPR},
	{"builtins.ascii", B_REPR},
	{"builtins.format", B_FORMAT},
	{"builtins.print", B_PRINT},
	{"builtins.len", B_LEN},
	{"builtins.bool", B_BOOL},
	{"builtins.hash", B_HASH},
	{"builtins.abs", B_ABS},
	{"builtins.type", B_TYPE},
	{"builtins.object.__new__", B_OBJECT_NEW},
	{"builtins.type.__new__", B_TYPE_NEW},
	/* object.__setattr__(self, "name", value) in a class whose own __setattr__ refuses */
	{"builtins.object.__setattr__", B_OBJECT_SETATTR},
	{"builtins.object.__getattribute__", B_GETATTR},
	{"collections.defaultdict", B_DEFAULTDICT},
	{"builtins.globals", B_GLOBALS},
	{"builtins.locals", B_LOCALS},
	{"importlib.import_module", B_IMPORT_MODULE},
	{"builtins.__import__", B_IMPORT_MODULE},
};

static Builtin
builtin_of(const char *name)
{
	for (size_t i = 0; i < lengthof(builtins); i++)
		if (strcmp(builtins[i].name, name) == 0)
			return builtins[i].builtin;
	return B_NONE;
}

/* The i-th positional argument of a call (explicit arguments, then implicit ones), or NO_NODE. */
NodeId
solver_positional(Solver *s, const CallSpec *spec, int32 index)
{
	int32		pos = 0;

	if (spec->file >= 0)
		for (int32 i = 0; i < spec->nargs; i++)
		{
			const SumArg *a = &s->files[spec->file].sum.args[spec->first_arg + i];

			if (a->kind == SA_STAR || a->kind == SA_DSTAR)
				return NO_NODE;
			if (a->kind == SA_POS && pos++ == index)
				return expr_node(s, spec->file, a->expr);
		}
	index -= pos;
	return index >= 0 && index < spec->nextra ? spec->extra[index] : NO_NODE;
}

/* Whether the call is written in a method of that name. */
static bool
in_method_named(const Solver *s, const CallSpec *spec, int32 name)
{
	const GScope *g = &s->scopes[s->evidence[spec->evidence].caller];
	const GFile *f = &s->files[g->file];
	int32		str = f->sum.scopes[g->local].name;

	return g->cls >= 0 && str >= 0 && f->names[str] == name;
}

/* The walk of expr_prefix: the variables being followed, and how many more it may follow. */
typedef struct PrefixWalk
{
	const Summary *sum;
	int32		scopes[8];
	int32		names[8];
	int32		nvars;
	int32		budget;
} PrefixWalk;

/* A variable's own value again (`name = name + "_x"`): it keeps the prefix it has. */
static const char prefix_of_itself[] = "";

/*
 * The constant text a string computed by `expr` starts with: "on_" + event, "visit_%s" %
 * kind, f"parse_{token}", or a local variable every assignment of which is such a string
 * (`method = "visit_" + node.__class__.__name__`). NULL when there is none, and for a
 * plain constant string, which names one attribute (`composed`: an operator made it).
 */
static const char *
expr_prefix(PrefixWalk *w, int32 expr, bool composed)
{
	const Summary *sum = w->sum;
	const SumExpr *e;
	const char *found = NULL;

	if (expr < 0)
		return NULL;
	e = &sum->exprs[expr];
	if (e->op == SO_CONST && e->a == SC_STR && e->b < 0 && e->c > 0)
		return sum->strings[e->c - 1];
	if (e->op == SO_CONST && e->a == SC_STR && e->b >= 0)
		return composed ? pnstrdup(sum->strings[e->b], strcspn(sum->strings[e->b], "%")) : NULL;
	if (e->op == SO_BINOP && ((e->c & ~SUM_INPLACE) == OP_ADD || (e->c & ~SUM_INPLACE) == OP_MOD))
		return expr_prefix(w, e->a, true);
	if (e->op != SO_NAME || e->a < 0 || sum->scopes[e->a].kind == SS_MODULE)
		return NULL;
	for (int32 v = 0; v < w->nvars; v++)
		if (w->scopes[v] == e->a && w->names[v] == e->b)
			return prefix_of_itself;
	if (w->nvars == lengthof(w->scopes) || --w->budget < 0)
		return NULL;
	w->scopes[w->nvars] = e->a;
	w->names[w->nvars++] = e->b;
	for (int32 i = 0; i < sum->neffects; i++)
	{
		const SumEffect *store = &sum->effects[i];
		const char *prefix;

		if (store->kind != SE_STORE_NAME || store->a != e->a || store->b != e->b)
			continue;
		prefix = expr_prefix(w, store->c, composed);
		if (prefix == prefix_of_itself)
			continue;
		if (prefix == NULL || prefix[0] == '\0' || (found != NULL && strcmp(found, prefix) != 0))
		{
			found = NULL;
			break;
		}
		found = prefix;
	}
	w->nvars--;
	return found;
}

/* The constant text the computed attribute name a call passes at `index` starts with. */
static const char *
name_prefix(Solver *s, const CallSpec *spec, int32 index)
{
	const Summary *sum;
	int32		pos = 0;

	if (spec->file < 0)
		return NULL;
	sum = &s->files[spec->file].sum;
	for (int32 i = 0; i < spec->nargs; i++)
	{
		const SumArg *a = &sum->args[spec->first_arg + i];

		if (a->kind == SA_POS && pos++ == index)
		{
			PrefixWalk	walk = {.sum = sum, .budget = 32};
			const char *prefix = expr_prefix(&walk, a->expr, false);

			return prefix == prefix_of_itself ? NULL : prefix;
		}
	}
	return NULL;
}

NodeId
solver_keyword(Solver *s, const CallSpec *spec, const char *name)
{
	if (spec->file < 0)
		return NO_NODE;
	for (int32 i = 0; i < spec->nargs; i++)
	{
		const SumArg *a = &s->files[spec->file].sum.args[spec->first_arg + i];

		if (a->kind == SA_KEYWORD && a->name >= 0 &&
			strcmp(s->files[spec->file].sum.strings[a->name], name) == 0)
			return expr_node(s, spec->file, a->expr);
	}
	return NO_NODE;
}

/* The text of a constant string argument, or NULL. */
const char *
solver_constant_string(Solver *s, const CallSpec *spec, int32 index)
{
	int32		pos = 0;

	if (spec->file < 0)
		return NULL;
	for (int32 i = 0; i < spec->nargs; i++)
	{
		const SumArg *a = &s->files[spec->file].sum.args[spec->first_arg + i];

		if (a->kind != SA_POS)
			continue;
		if (pos++ == index)
		{
			const SumExpr *e;

			if (a->expr < 0)
				return NULL;
			e = &s->files[spec->file].sum.exprs[a->expr];
			return e->op == SO_CONST && e->a == SC_STR && e->b >= 0 ? s->files[spec->file].sum.strings[e->b] : NULL;
		}
	}
	return NULL;
}

/* One call of a function argument by a builtin, with the given positional arguments. */
static void
call_argument(Solver *s, const CallSpec *spec, NodeId fn, NodeId *args, int32 nargs, NodeId dst)
{
	CallSpec	inner;

	if (fn == NO_NODE)
		return;
	solver_blank_spec(&inner, spec->evidence, CK_CALL);
	/* builtins handing values to builtins (sorted(key=len)) run no code of the program */
	inner.flags = SPEC_INTERNAL_ONLY;
	for (int32 i = 0; i < nargs && i < (int32) lengthof(inner.extra); i++)
		inner.extra[inner.nextra++] = args[i];
	inner.dst = dst;
	solver_call_through(s, fn, &inner);
}

static NodeId
elements_of(Solver *s, const CallSpec *spec, NodeId iterable)
{
	NodeId		elems = solver_new_node(s);

	if (iterable != NO_NODE)
		solver_iterate(s, iterable, elems, solver_evidence_as(s, spec->evidence, CK_DUNDER));
	return elems;
}

static ObjId
result_container(Solver *s, const CallSpec *spec, int32 kind)
{
	ObjId		cont = solver_container(s, (int32) spec->dst, kind);

	solver_add_obj(s, spec->dst, cont);
	return cont;
}

/*
 * The protocol method a builtin runs on each instance among `values`, as its call:
 * `name`, or `fallback` (NULL: none) when the class lacks it (int() runs __index__ without
 * __int__; max() compares with the other element's __lt__ when there is no __gt__).
 */
static void
protocol_of_values(Solver *s, const CallSpec *spec, NodeId values, const char *name, const char *fallback,
				   NodeId dst)
{
	if (values == NO_NODE)
		return;
	solver_protocol_on(s, values, solver_name_cstr(s, name), fallback != NULL ? solver_name_cstr(s, fallback) : -1,
					   solver_evidence_as(s, spec->evidence, CK_DUNDER), dst);
}

/* sorted() and list.sort(): the key function of each element, or else their __lt__. */
static void
sort_elements(Solver *s, const CallSpec *spec, NodeId elems)
{
	NodeId		key = solver_keyword(s, spec, "key");

	call_argument(s, spec, key, &elems, 1, NO_NODE);
	if (key == NO_NODE)
		protocol_of_values(s, spec, elems, "__lt__", "__gt__", NO_NODE);
}

/* str(), repr(), format(), print(): each instance argument formatted ('s', 'r', or 0). */
static void
format_args(Solver *s, const CallSpec *spec, int32 conversion, int32 max)
{
	int32		evidence = solver_evidence_as(s, spec->evidence, CK_DUNDER);

	for (int32 i = 0; i < max; i++)
	{
		NodeId		arg = solver_positional(s, spec, i);

		if (arg == NO_NODE)
			break;
		solver_attach_new(s, arg, C_FORMAT, -1, NO_NODE, 0, evidence, conversion);
	}
}

/* The module a dotted name imports: the repository's, or one outside it. */
ObjId
solver_module_object(Solver *s, const char *name)
{
	int32		idx = idmap_get(&s->module_by_name, solver_name_cstr(s, name));

	return idx >= 0 ? solver_obj(s, OBJ_MODULE, idx, 0) : solver_obj(s, OBJ_EXT, solver_name_cstr(s, name), 0);
}

/* A package with more submodules than this imported by a computed name is too wide to guess. */
#define PREFIX_IMPORTS_MAX 32

/*
 * import_module("docutils.writers." + name): every module of the repository directly in
 * the package the constant prefix names may be the one imported (plugins loaded by name:
 * writers, readers, database backends). The package and each of them run, as for an
 * import statement, and each is what the call returns. Nothing when the prefix names no
 * package of the repository or the package has more than PREFIX_IMPORTS_MAX modules.
 */
static void
import_by_prefix(Solver *s, const CallSpec *spec, int32 importer, const char *prefix, NodeId dst)
{
	size_t		len;
	int32		found[PREFIX_IMPORTS_MAX];
	int32		n = 0;
	int32		evidence;

	if (prefix == NULL || (len = strlen(prefix)) < 2 || prefix[len - 1] != '.' ||
		idmap_get(&s->module_by_name, solver_name(s, prefix, len - 1)) < 0)
		return;
	for (int32 m = 0; m < s->nmodules; m++)
	{
		const char *name = s->modules[m].name;

		if (strncmp(name, prefix, len) != 0 || name[len] == '\0' || strchr(name + len, '.') != NULL ||
			idmap_get(&s->module_by_name, solver_name_cstr(s, name)) != m)
			continue;
		if (n == PREFIX_IMPORTS_MAX)
			return;
		found[n++] = m;
	}
	evidence = solver_evidence_as(s, spec->evidence, CK_IMPORT);
	for (int32 i = 0; i < n; i++)
	{
		(void) solver_import_runs(s, evidence, importer, s->modules[found[i]].name);
		solver_add_obj(s, dst, solver_obj(s, OBJ_MODULE, found[i], 0));
	}
}

/*
 * The getter, setter and deleter a property is made with (fget, fset, fdel: the first
 * `count` of them, by position or keyword) as fields of `target`: the property object, or
 * an instance of a property subclass, whose own __get__ calls self.fget(obj).
 */
static void
property_accessors(Solver *s, const CallSpec *spec, ObjId target, int32 count)
{
	const char *fields[3] = {"fget", "fset", "fdel"};
	int32		ids[3] = {s->n_fget, s->n_fset, s->n_fdel};

	for (int32 i = 0; i < count && i < 3; i++)
	{
		NodeId		v = solver_positional(s, spec, i);

		if (v == NO_NODE)
			v = solver_keyword(s, spec, fields[i]);
		solver_copy(s, v, solver_field(s, target, ids[i]));
	}
}

/*
 * Applies what the named external callable does; false when it is not modelled (the
 * caller then gives the call an opaque result).
 */
bool
solver_call_external(Solver *s, int32 spec_id, int32 name)
{
	const CallSpec *spec = &s->specs[spec_id];
	CallSpec	copy = *spec;
	Builtin		b = builtin_of(s->names[name]);
	NodeId		arg0 = solver_positional(s, spec, 0);
	NodeId		dst = spec->dst;

	spec = &copy;				/* the array may move while rules add specs */
	switch (b)
	{
		case B_NONE:
			return solver_call_library(s, spec_id, name);
		case B_SUPER:
			if (dst == NO_NODE)
				break;
			if (arg0 == NO_NODE)
			{
				/* zero-argument super(): the class of the method and its first argument */
				int32		fn = s->evidence[spec->evidence].caller;
				GScope	   *g = &s->scopes[fn];

				if (g->cls >= 0 && g->first_param >= 0)
					solver_attach_new(s, solver_var(s, fn, g->first_param), C_SUPER, -1, dst, g->cls, 0, 0);
			}
			else if (solver_positional(s, spec, 1) != NO_NODE)
				solver_attach_new(s, arg0, C_SUPER_CLASS, -1, dst, solver_positional(s, spec, 1), 0, 0);
			break;
		case B_STATICMETHOD:
		case B_CLASSMETHOD:
			if (arg0 != NO_NODE && dst != NO_NODE)
				solver_attach_new(s, arg0, C_WRAP, -1, dst, b == B_STATICMETHOD ? OBJ_STATIC : OBJ_CLSMETHOD, 0, 0);
			break;
		case B_PROPERTY:
		case B_CACHED_PROPERTY:
			if (dst != NO_NODE)
			{
				ObjId		prop = solver_obj(s, OBJ_PROPERTY, (int32) dst, 0);

				solver_add_obj(s, dst, prop);
				property_accessors(s, spec, prop, b == B_PROPERTY ? 3 : 1);
			}
			break;
		case B_PROPERTY_INIT:
			/* a property subclass's instance made without an __init__ of its own */
			if (spec->self != NO_OBJ && s->objs[spec->self].kind == OBJ_INST)
				property_accessors(s, spec, spec->self, 3);
			break;
		case B_PARTIAL:
			if (dst != NO_NODE && spec->file >= 0)
			{
				const Evidence *e = &s->evidence[spec->evidence];

				solver_add_obj(s, dst, solver_obj(s, OBJ_PARTIAL, e->file, e->key / 2));
			}
			break;
		case B_WRAPS:
			if (dst != NO_NODE)
				solver_add_obj(s, dst, solver_obj(s, OBJ_WRAPS, 0, 0));
			break;
		case B_UPDATE_WRAPPER:
			solver_copy(s, arg0, dst);
			break;
		case B_CAST:
			/* cast(typ, val) returns val: typed decorators hand their wrapper back so */
			{
				NodeId		value = solver_positional(s, spec, 1);

				solver_copy(s, value != NO_NODE ? value : solver_keyword(s, spec, "val"), dst);
			}
			break;
		case B_GETATTR:
		case B_HASATTR:
			{
				const char *attr = solver_constant_string(s, spec, 1);
				const char *prefix = attr == NULL ? name_prefix(s, spec, 1) : NULL;
				const Evidence *e = &s->evidence[spec->evidence];
				bool		by_call = e->key % 2 == 0;

				/* the read runs a property's getter or a descriptor's __get__, as the call's */
				if (attr != NULL && arg0 != NO_NODE && (dst != NO_NODE || b == B_HASATTR))
					solver_attach_new(s, arg0, C_ATTR_LOAD, by_call ? e->file : -1, b == B_HASATTR ? NO_NODE : dst,
									  solver_name_cstr(s, attr), by_call ? e->key / 2 : -1, 0);
				if (b == B_HASATTR)
				{
					solver_add_obj(s, dst, solver_obj(s, OBJ_OPAQUE, 0, 0));
					break;
				}
				else if (prefix != NULL && prefix[0] != '\0' && arg0 != NO_NODE && dst != NO_NODE)
					solver_attach_new(s, arg0, C_ATTR_PREFIX, -1, dst, solver_name_cstr(s, prefix), -1, 0);
				solver_copy(s, solver_positional(s, spec, 2), dst);
			}
			break;
		case B_SETATTR:
		case B_OBJECT_SETATTR:
			{
				const char *attr = solver_constant_string(s, spec, 1);
				NodeId		value = solver_positional(s, spec, 2);

				if (attr != NULL && arg0 != NO_NODE && value != NO_NODE)
					solver_attach_new(s, arg0, C_ATTR_STORE, -1, value, solver_name_cstr(s, attr), -1, 0);
				/* setattr() runs the instance's __setattr__; object.__setattr__ is the default one */
				if (b == B_SETATTR)
					protocol_of_values(s, spec, arg0, "__setattr__", NULL, NO_NODE);
			}
			break;
		case B_ITER:
			if (solver_positional(s, spec, 1) != NO_NODE)
			{
				/* iter(callable, sentinel): whoever iterates it calls the callable */
				if (arg0 != NO_NODE && dst != NO_NODE)
					solver_add_obj(s, dst, solver_obj(s, OBJ_CALLITER, (int32) arg0, 0));
				break;
			}
			solver_copy(s, arg0, dst);
			protocol_of_values(s, spec, arg0, "__iter__", NULL, NO_NODE);
			break;
		case B_NEXT:
			if (arg0 != NO_NODE)
				solver_attach_new(s, arg0, C_NEXT, -1, dst, -1, solver_evidence_as(s, spec->evidence, CK_DUNDER), 0);
			solver_copy(s, solver_positional(s, spec, 1), dst);
			break;
		case B_LIST:
		case B_TUPLE:
		case B_SET:
		case B_SORTED:
		case B_REVERSED:
			if (b == B_LIST || b == B_TUPLE || b == B_SORTED)
				solver_length_hint(s, arg0, solver_evidence_as(s, spec->evidence, CK_DUNDER));
			if (dst != NO_NODE)
			{
				ObjId		cont = result_container(s, spec, b == B_TUPLE ? SK_TUPLE : b == B_SET ? SK_SET : SK_LIST);
				NodeId		elems = elements_of(s, spec, arg0);

				solver_placeless(s, cont);
				solver_copy(s, elems, solver_elements(s, cont));
				if (b == B_SORTED)
					sort_elements(s, spec, elems);
				if (b == B_REVERSED)
					protocol_of_values(s, spec, arg0, "__reversed__", NULL, NO_NODE);
			}
			break;
		case B_DICT:
			if (dst != NO_NODE)
			{
				ObjId		cont = result_container(s, spec, SK_DICT);

				if (arg0 != NO_NODE)
				{
					NodeId		pairs = solver_new_node(s);
					NodeId		values = solver_new_node(s);

					/* a mapping's values, or the second item of each pair of an iterable: any key's */
					solver_attach_new(s, arg0, C_SUBSCR_LOAD, -1, values, -1, -1, NO_NODE);
					solver_iterate(s, arg0, pairs, -1);
					solver_attach_new(s, pairs, C_ELEM, -1, values, 1, -1, 0);
					solver_attach_new(s, pairs, C_ELEM, -1, solver_field(s, cont, s->n_key), 0, -1, 0);
					solver_container_store(s, cont, values, -1);
				}
				if (spec->file >= 0)
					for (int32 i = 0; i < spec->nargs; i++)
					{
						const SumArg *a = &s->files[spec->file].sum.args[spec->first_arg + i];

						if (a->kind == SA_KEYWORD && a->name >= 0)
							solver_container_store(s, cont, expr_node(s, spec->file, a->expr),
												   solver_key_field(s, s->files[spec->file].sum.strings[a->name]));
					}
			}
			break;
		case B_DEFAULTDICT:
			/* a dict of the mapping's items, whose missing keys its factory makes (subscr_load) */
			if (dst != NO_NODE)
			{
				ObjId		cont = result_container(s, spec, SK_DICT);
				NodeId		mapping = solver_positional(s, spec, 1);

				solver_copy(s, arg0, solver_field(s, cont, s->n_factory));
				if (arg0 != NO_NODE)
					solver_attach_new(s, arg0, C_DEFAULT_FACTORY, -1, (int32) cont, 0, 0, 0);
				if (mapping != NO_NODE)
				{
					NodeId		items = solver_new_node(s);

					solver_attach_new(s, mapping, C_SUBSCR_LOAD, -1, items, -1, -1, NO_NODE);
					solver_container_store(s, cont, items, -1);
				}
			}
			break;
		case B_MAP:
			{
				NodeId		args[3];
				int32		n = 0;
				ObjId		cont = dst != NO_NODE ? result_container(s, spec, SK_LIST) : NO_OBJ;

				if (cont != NO_OBJ)
					solver_placeless(s, cont);
				while (n < 3 && solver_positional(s, spec, n + 1) != NO_NODE)
				{
					args[n] = elements_of(s, spec, solver_positional(s, spec, n + 1));
					n++;
				}
				call_argument(s, spec, arg0, args, n, cont != NO_OBJ ? solver_elements(s, cont) : NO_NODE);
			}
			break;
		case B_STARMAP:
			/* starmap(f, pairs) calls f(*pair): any element of a pair may be any argument */
			{
				NodeId		items = elements_of(s, spec, elements_of(s, spec, solver_positional(s, spec, 1)));
				NodeId		args[3] = {items, items, items};

				call_argument(s, spec, arg0, args, lengthof(args), NO_NODE);
			}
			break;
		case B_FILTER:
			{
				NodeId		elems = elements_of(s, spec, solver_positional(s, spec, 1));

				call_argument(s, spec, arg0, &elems, 1, NO_NODE);
				if (dst != NO_NODE)
				{
					ObjId		cont = result_container(s, spec, SK_LIST);

					solver_placeless(s, cont);
					solver_copy(s, elems, solver_elements(s, cont));
				}
			}
			break;
		case B_REDUCE:
			{
				NodeId		acc = solver_new_node(s);
				NodeId		args[2];

				args[0] = acc;
				args[1] = elements_of(s, spec, solver_positional(s, spec, 1));
				solver_copy(s, solver_positional(s, spec, 2), acc);
				solver_copy(s, args[1], acc);
				call_argument(s, spec, arg0, args, 2, acc);
				solver_copy(s, acc, dst);
			}
			break;
		case B_MIN:
		case B_MAX:
			{
				NodeId		elems = solver_positional(s, spec, 1) != NO_NODE ? solver_new_node(s) : elements_of(s, spec, arg0);
				NodeId		key = solver_keyword(s, spec, "key");

				if (solver_positional(s, spec, 1) != NO_NODE)
					for (int32 i = 0; solver_positional(s, spec, i) != NO_NODE; i++)
						solver_copy(s, solver_positional(s, spec, i), elems);
				call_argument(s, spec, key, &elems, 1, NO_NODE);
				/* without a key the elements are compared: min() with <, max() with > */
				if (key == NO_NODE)
					protocol_of_values(s, spec, elems, b == B_MIN ? "__lt__" : "__gt__",
									   b == B_MIN ? "__gt__" : "__lt__", NO_NODE);
				solver_copy(s, elems, dst);
			}
			break;
		case B_SUM:
			{
				NodeId		elems = elements_of(s, spec, arg0);
				NodeId		start = solver_positional(s, spec, 1);

				/* 0 + the first element runs its __radd__; a start value's __add__ runs instead */
				if (start == NO_NODE)
					protocol_of_values(s, spec, elems, "__radd__", NULL, dst);
				else
					protocol_of_values(s, spec, start, "__add__", NULL, dst);
				protocol_of_values(s, spec, elems, "__add__", NULL, dst);
				solver_add_obj(s, dst, solver_obj(s, OBJ_OPAQUE, 0, 0));
			}
			break;
		case B_INT:
		case B_FLOAT:
		case B_COMPLEX:
		case B_BYTES:
			/* the conversion's result is a value of the builtin type */
			protocol_of_values(s, spec, arg0, b == B_INT ? "__int__" : b == B_FLOAT ? "__float__" :
							   b == B_COMPLEX ? "__complex__" : "__bytes__",
							   b == B_INT || b == B_FLOAT ? "__index__" : b == B_COMPLEX ? "__float__" : NULL,
							   NO_NODE);
			solver_add_obj(s, dst, solver_obj(s, OBJ_OPAQUE, 0, 0));
			break;
		case B_ROUND:
		case B_DIVMOD:
		case B_POW:
			protocol_of_values(s, spec, arg0, b == B_ROUND ? "__round__" : b == B_DIVMOD ? "__divmod__" : "__pow__",
							   NULL, dst);
			solver_add_obj(s, dst, solver_obj(s, OBJ_OPAQUE, 0, 0));
			break;
		case B_ENUMERATE:
		case B_ZIP:
			if (dst != NO_NODE)
			{
				ObjId		cont = result_container(s, spec, SK_LIST);
				ObjId		tuple = solver_container(s, solver_special_key((int32) dst, TAG_PAIR), SK_TUPLE);

				solver_placeless(s, cont);
				solver_add_obj(s, solver_elements(s, cont), tuple);
				for (int32 i = 0; i < 8; i++)
				{
					NodeId		src = solver_positional(s, spec, i);
					NodeId		elems;

					if (src == NO_NODE || (b == B_ENUMERATE && i > 0))
						break;
					elems = elements_of(s, spec, src);
					solver_copy(s, elems, solver_field(s, tuple, solver_position(s, b == B_ENUMERATE ? 1 : i)));
					solver_copy(s, elems, solver_elements(s, tuple));
				}
			}
			break;
		case B_STR:
			format_args(s, spec, 's', 1);
			break;
		case B_REPR:
			format_args(s, spec, 'r', 1);
			break;
		case B_FORMAT:
			format_args(s, spec, 0, 1);
			break;
		case B_PRINT:
			format_args(s, spec, 's', 64);
			break;
		case B_LEN:
			protocol_of_values(s, spec, arg0, "__len__", NULL, NO_NODE);
			break;
		case B_BOOL:
			if (arg0 != NO_NODE)
				solver_attach_new(s, arg0, C_TRUTH, -1, 0, 0, solver_evidence_as(s, spec->evidence, CK_DUNDER), 0);
			break;
		case B_HASH:
			protocol_of_values(s, spec, arg0, "__hash__", NULL, NO_NODE);
			break;
		case B_ABS:
			protocol_of_values(s, spec, arg0, "__abs__", NULL, NO_NODE);
			break;
		case B_TYPE:
			if (arg0 != NO_NODE && solver_positional(s, spec, 1) == NO_NODE && dst != NO_NODE)
				solver_attach_new(s, arg0, C_TYPE_OF, -1, dst, 0, 0, 0);
			break;
		case B_OBJECT_NEW:
			/*
			 * object.__new__(cls), super().__new__(cls): an instance of cls. In a
			 * class's own __new__ it is an object apart from the instances calls of the
			 * class make (INST_IN_NEW): what __new__ sets on it is per value (a
			 * partial's function, a Fraction's numerator, a path's parts), and with one
			 * object per class every value made would reach every other.
			 */
			if (arg0 != NO_NODE && dst != NO_NODE)
				solver_attach_new(s, arg0, C_NEW_INSTANCE, -1, dst,
								  in_method_named(s, spec, s->n_new) ? INST_IN_NEW : 0, 0, 0);
			break;
		case B_TYPE_NEW:
			/* type.__new__(mcs, name, bases, ns), super().__new__ in a metaclass: a class it makes */
			if (arg0 != NO_NODE && dst != NO_NODE)
				solver_attach_new(s, arg0, C_CLASSES_MADE, -1, dst, 0, 0, 0);
			break;
		case B_GLOBALS:
			if (dst != NO_NODE)
				solver_add_obj(s, dst, solver_obj(s, OBJ_NAMESPACE,
												  s->files[s->evidence[spec->evidence].file].scope_base, 0));
			break;
		case B_LOCALS:
			if (dst != NO_NODE)
				solver_add_obj(s, dst, solver_obj(s, OBJ_NAMESPACE, s->evidence[spec->evidence].caller, 0));
			break;
		case B_IMPORT_MODULE:
			{
				const char *module = solver_constant_string(s, spec, 0);
				int32		importer = s->files[s->evidence[spec->evidence].file].module;

				if (module != NULL && module[0] != '.' && cpg_is_dotted_name(module))
				{
					/* the module runs as it would for an import statement, packages first */
					(void) solver_import_runs(s, solver_evidence_as(s, spec->evidence, CK_IMPORT), importer, module);
					solver_add_obj(s, dst, solver_module_object(s, module));
				}
				else if (module == NULL)
				{
					const char *prefix = name_prefix(s, spec, 0);

					if (prefix == NULL || prefix[0] == '\0')
						solver_add_obj(s, dst, solver_obj(s, OBJ_ANY_MODULE,
														  solver_evidence_as(s, spec->evidence, CK_IMPORT), importer));
					else
						import_by_prefix(s, spec, importer, prefix, dst);
				}
			}
			break;
	}
	return true;
}

/* A builtin method of a container (or a property's setter/getter/deleter). */
void
solver_call_bmethod(Solver *s, int32 spec_id, ObjId bmethod)
{
	CallSpec	spec = s->specs[spec_id];
	Obj			bm = s->objs[bmethod];
	ObjId		cont = bm.a;
	Obj			c = s->objs[cont];
	const char *name = s->names[bm.b];
	NodeId		arg0 = solver_positional(s, &spec, 0);
	NodeId		elems;

	if (c.kind == OBJ_SINGLEDISPATCH)
	{
		solver_singledispatch_register(s, &spec, cont);
		return;
	}
	if (solver_namedtuple_call(s, &spec, cont, bm.b))
		return;
	if (c.kind == OBJ_INST && bm.b == s->n_init)
	{
		/* super().__init__(fget, ...) in a property subclass (solver_inst_attr) */
		property_accessors(s, &spec, cont, 3);
		return;
	}
	/* a property's (or a property subclass instance's) .setter(f): the same, with fset f */
	if (c.kind == OBJ_PROPERTY || c.kind == OBJ_INST)
	{
		int32		field = strcmp(name, "setter") == 0 ? s->n_fset :
			strcmp(name, "deleter") == 0 ? s->n_fdel : s->n_fget;

		solver_copy(s, arg0, solver_field(s, cont, field));
		solver_add_obj(s, spec.dst, cont);
		return;
	}
	if (c.kind != OBJ_CONT)
		return;
	elems = solver_elements(s, cont);
	if (strcmp(name, "append") == 0 || strcmp(name, "add") == 0)
	{
		solver_container_store(s, cont, arg0, -1);
		/* a set hashes what it adds, as `in` does (the __eq__ of a collision is left out) */
		if (c.b == SK_SET)
			protocol_of_values(s, &spec, arg0, "__hash__", NULL, NO_NODE);
	}
	else if (strcmp(name, "insert") == 0)
		solver_container_store(s, cont, solver_positional(s, &spec, 1), -1);
	else if (strcmp(name, "extend") == 0 || (strcmp(name, "update") == 0 && c.b == SK_SET) ||
			 strcmp(name, "union") == 0)
	{
		NodeId		added = solver_new_node(s);
		int32		evidence = solver_evidence_as(s, spec.evidence, CK_DUNDER);

		if (arg0 != NO_NODE)
			solver_iterate(s, arg0, added, evidence);
		if (strcmp(name, "extend") == 0 && c.b == SK_LIST)
			solver_length_hint(s, arg0, evidence);
		solver_container_store(s, cont, added, -1);
		if (strcmp(name, "union") == 0)
			solver_add_obj(s, spec.dst, cont);
	}
	else if (strcmp(name, "update") == 0)
	{
		NodeId		added = solver_new_node(s);

		if (arg0 != NO_NODE)
			solver_attach_new(s, arg0, C_SUBSCR_LOAD, -1, added, -1, -1, NO_NODE);
		solver_container_store(s, cont, added, -1);
		if (spec.file >= 0)
			for (int32 i = 0; i < spec.nargs; i++)
			{
				const SumArg *a = &s->files[spec.file].sum.args[spec.first_arg + i];

				if (a->kind == SA_KEYWORD && a->name >= 0)
					solver_container_store(s, cont, expr_node(s, spec.file, a->expr),
										   solver_key_field(s, s->files[spec.file].sum.strings[a->name]));
			}
	}
	else if (strcmp(name, "setdefault") == 0)
	{
		const char *key = solver_constant_string(s, &spec, 0);

		solver_container_store(s, cont, solver_positional(s, &spec, 1),
							   key != NULL ? solver_key_field(s, key) : -1);
		solver_copy(s, elems, spec.dst);
	}
	else if (strcmp(name, "get") == 0 || strcmp(name, "pop") == 0)
	{
		const char *key = c.b == SK_DICT ? solver_constant_string(s, &spec, 0) : NULL;

		/* d.get("name") reads that key, as d["name"] does */
		if (key != NULL)
			solver_keyed_read(s, cont, solver_key_field(s, key), spec.dst);
		else
			solver_copy(s, elems, spec.dst);
		solver_copy(s, solver_positional(s, &spec, 1), spec.dst);
	}
	else if (strcmp(name, "copy") == 0 || strcmp(name, "intersection") == 0 ||
			 strcmp(name, "difference") == 0)
		solver_add_obj(s, spec.dst, cont);
	else if (strcmp(name, "values") == 0 || strcmp(name, "keys") == 0 || strcmp(name, "items") == 0 ||
			 strcmp(name, "popitem") == 0)
	{
		bool		items = strcmp(name, "items") == 0 || strcmp(name, "popitem") == 0;
		int32		tag = items ? TAG_ITEMS : strcmp(name, "keys") == 0 ? TAG_KEYS : TAG_VALUES;
		ObjId		view = solver_container(s, solver_special_key(cont, tag), SK_LIST);
		NodeId		keys = solver_field(s, cont, c.b == SK_DICT ? s->n_key : s->n_elem);

		if (items)
		{
			ObjId		pair = solver_container(s, solver_special_key(cont, TAG_PAIR), SK_TUPLE);

			solver_copy(s, keys, solver_field(s, pair, solver_position(s, 0)));
			solver_copy(s, elems, solver_field(s, pair, solver_position(s, 1)));
			solver_copy(s, keys, solver_elements(s, pair));
			solver_copy(s, elems, solver_elements(s, pair));
			solver_add_obj(s, solver_elements(s, view), pair);
			if (strcmp(name, "popitem") == 0)
			{
				solver_add_obj(s, spec.dst, pair);
				return;
			}
		}
		else
			solver_copy(s, tag == TAG_KEYS ? keys : elems, solver_elements(s, view));
		solver_add_obj(s, spec.dst, view);
	}
	else if (strcmp(name, "sort") == 0)
		sort_elements(s, &spec, elems);
	else if ((strcmp(name, "index") == 0 || strcmp(name, "count") == 0 || strcmp(name, "remove") == 0) &&
			 (c.b == SK_LIST || c.b == SK_TUPLE))
		/* compared with each element: their __eq__ */
		protocol_of_values(s, &spec, elems, "__eq__", NULL, NO_NODE);
}
