/*
 * solve_attributes.c: attribute reads, stores and deletions in the solve, as Python runs
 * them: modules and their submodules, class and instance attributes along the MRO (bound
 * as Python binds them: methods, classmethods, staticmethods), properties and the
 * descriptors the repository defines, a metaclass's methods on its classes, getattr by a
 * computed name, and external names followed a few steps.
 */
#include "postgres.h"

#include "cpg/naming.h"
#include "cpg/solve.h"
#include "cpg/solve_private.h"
#include "miscadmin.h"

static bool
is_container_method(const char *name)
{
	static const char *const methods[] = {
		"append", "extend", "insert", "add", "update", "setdefault", "get", "pop",
		"popitem", "values", "keys", "items", "copy", "remove", "discard", "clear",
		"index", "count", "sort", "reverse", "union", "intersection", "difference",
	};

	for (size_t i = 0; i < lengthof(methods); i++)
		if (strcmp(methods[i], name) == 0)
			return true;
	return false;
}

/*
 * A call of a module's own __getattr__ (PEP 562), which Python runs for a name the module
 * does not bind (deprecation shims, lazy imports): by the evidence's statement (an import,
 * an attribute read: the link's kind), `dst` getting what it returns.
 */
void
solver_module_getattr(Solver *s, int32 evidence, int32 module, NodeId dst)
{
	int32		scope = s->modules[module].scope;
	CallSpec	spec;

	if (!solver_module_binds(s, module, s->n_getattr))
		return;
	solver_blank_spec(&spec, evidence, s->evidence[evidence].kind);
	spec.detail = s->n_getattr;
	spec.dst = dst;
	spec.flags = SPEC_INTERNAL_ONLY;
	solver_call_through(s, solver_var(s, scope, s->n_getattr), &spec);
}

/* Whether a statement of a module's body binds a name. */
bool
solver_module_binds(const Solver *s, int32 module, int32 name)
{
	return idmap_get(&s->module_binds, ((uint64) (uint32) s->modules[module].scope << 32) | (uint32) name) >= 0;
}

/* Whether a module may bind a name: a statement of its body does, or it star-imports. */
bool
solver_module_may_bind(Solver *s, int32 module, int32 name)
{
	return s->modules[module].star_imports || solver_module_binds(s, module, name);
}

/* __name__: a name Python reserves for its protocols. */
static bool
is_dunder(const char *name)
{
	size_t		len = strlen(name);

	return len > 4 && strncmp(name, "__", 2) == 0 && strcmp(name + len - 2, "__") == 0;
}

/* More modules binding the name than this, and the name is too common to guess by. */
#define ANY_MODULE_BINDINGS_MAX 32

/* Do two dotted module names share their first component (`exts` and `exts.toc` do)? */
static bool
same_top_package(const char *a, const char *b)
{
	size_t		len = strcspn(a, ".");

	return strcspn(b, ".") == len && strncmp(a, b, len) == 0;
}

/* Does a statement of a module's body bind the name other than by importing it? */
static bool
module_defines(const Solver *s, int32 module, int32 name)
{
	const GFile *f = &s->files[s->scopes[s->modules[module].scope].file];

	for (int32 i = 0; i < f->sum.neffects; i++)
	{
		const SumEffect *e = &f->sum.effects[i];

		if (e->kind == SE_STORE_NAME && e->a == 0 && f->names[e->b] == name &&
			(e->c < 0 || f->sum.exprs[e->c].op != SO_IMPORT))
			return true;
	}
	return false;
}

/*
 * The module name a call passes as a plain constant string (`import_module('numpy')` of an
 * optional-dependency helper), NULL where it passes none; `computed` says whether it
 * passes arguments, none such a name. (A call without arguments loads a name the loader
 * knows: Django's hashers' `self.library`.)
 */
static const char *
constant_module_name(const Summary *sum, int32 call, bool *computed)
{
	const SumExpr *e = &sum->exprs[call];

	*computed = false;
	for (int32 i = 0; i < e->c; i++)
	{
		const SumExpr *arg = &sum->exprs[sum->args[e->b + i].expr];

		if (arg->op == SO_CONST && arg->a == SC_STR && arg->b >= 0)
			return cpg_is_dotted_name(sum->strings[arg->b]) ? sum->strings[arg->b] : NULL;
	}
	*computed = e->c > 0;
	return NULL;
}

/* Does the call `call` of the file call the function scope `fn` (or a method of it bound)? */
static bool
calls_function(Solver *s, int32 file, int32 call, int32 fn)
{
	const NodeData *callee = &s->nodes[expr_node(s, file, s->files[file].sum.exprs[call].a)];

	for (int32 i = 0; i < callee->n; i++)
	{
		const Obj  *o = &s->objs[node_objs(s, callee)[i]];

		if ((o->kind == OBJ_FUNC || o->kind == OBJ_BOUND) && o->a == fn)
			return true;
	}
	return false;
}

/*
 * Whether `call`, a call of `loader`, passes a computed name; one passing a constant name
 * adds the module so named to what `receiver` holds.
 */
static bool
load_passes_computed(Solver *s, int32 file, int32 call, int32 loader, int32 receiver)
{
	const char *constant;
	bool		computed;

	if (!calls_function(s, file, call, loader))
		return false;
	constant = constant_module_name(&s->files[file].sum, call, &computed);
	if (constant != NULL)
		solver_add_obj(s, expr_node(s, file, receiver), solver_module_object(s, constant));
	return computed;
}

/*
 * The calls of `loader` whose result an attribute read at `read` (an attribute expression
 * or a getattr call) reads: the call itself (`load_backend(engine).DatabaseWrapper`), or
 * the calls assigning the variable it reads (`backend = load_backend(db["ENGINE"])`).
 * True when one passes a computed name. One passing a constant name loads that module:
 * it is added to what the read reads off (SymPy's `numpy = import_module('numpy')`
 * reads `numpy.array`, an external name).
 */
static bool
reads_computed_load(Solver *s, int32 file, int32 read, int32 loader)
{
	const Summary *sum = &s->files[file].sum;
	const SumExpr *e = &sum->exprs[read];
	int32		receiver = e->op == SO_ATTR ? e->a : e->op == SO_CALL && e->c > 0 ? sum->args[e->b].expr : -1;
	const SumExpr *r;
	bool		computed = false;

	if (receiver < 0)
		return false;
	r = &sum->exprs[receiver];
	if (r->op == SO_CALL)
		return load_passes_computed(s, file, receiver, loader, receiver);
	if (r->op != SO_NAME || r->a < 0)
		return false;
	for (int32 i = 0; i < sum->neffects; i++)
	{
		const SumEffect *store = &sum->effects[i];

		if (store->kind == SE_STORE_NAME && store->a == r->a && store->b == r->b && store->c >= 0 &&
			sum->exprs[store->c].op == SO_CALL)
			computed |= load_passes_computed(s, file, store->c, loader, receiver);
	}
	return computed;
}

/*
 * An attribute of a module loaded by a name the code computes, without a constant package
 * prefix (plugins: `import_module(name).makeExtension(**configs)`, a session engine's
 * `engine.SessionStore`): what each module of the repository whose body defines the name
 * binds to it, and the import then runs that module. Read where it is loaded, or off what
 * a call of the loading function returns where that call passes a computed name too
 * (Django's `load_backend(db["ENGINE"]).DatabaseWrapper`); followed no further, it would
 * be any module wherever it went, and helpers loading optional dependencies by a constant
 * name (SymPy's `import_module('numpy')`, pandas's `import_optional_dependency("pyarrow")`)
 * give libraries, not modules of the project. Not candidates either:
 *  - a module that only imports the name: the name it shares is a library's;
 *  - the module loading, which would use its own name;
 *  - modules of several top-level packages: plugins live in a package of the project, and
 *    `open` of dbm, gzip, tarfile and wave (the standard library's `dbm.open` loading its
 *    backends by names in a list) is a common name, not an entry point;
 *  - more modules than ANY_MODULE_BINDINGS_MAX, and any for a dunder, which every module
 *    has.
 */
static void
any_module_attr(Solver *s, const SolveConstraint *c, const Obj *any, NodeId dst)
{
	int32		name = c->b;
	int32		loader;
	int32		found[ANY_MODULE_BINDINGS_MAX];
	int32		n = 0;

	if (is_dunder(s->names[name]) || c->file < 0 || c->c < 0)
		return;
	loader = s->evidence[any->a].caller;
	if (caller_of(s, c->file, s->files[c->file].sum.exprs[c->c].scope) != loader &&
		!reads_computed_load(s, c->file, c->c, loader))
		return;
	for (int32 m = 0; m < s->nmodules; m++)
	{
		CHECK_FOR_INTERRUPTS();
		/* a module shadowed by another of its name is not what importing the name loads */
		if (m == any->b || !solver_module_binds(s, m, name) || !module_defines(s, m, name) ||
			idmap_get(&s->module_by_name, solver_name_cstr(s, s->modules[m].name)) != m)
			continue;
		if (n == ANY_MODULE_BINDINGS_MAX ||
			(n > 0 && !same_top_package(s->modules[found[0]].name, s->modules[m].name)))
			return;
		found[n++] = m;
	}
	for (int32 i = 0; i < n; i++)
	{
		(void) solver_import_runs(s, any->a, any->b, s->modules[found[i]].name);
		solver_copy(s, solver_var(s, s->modules[found[i]].scope, name), dst);
	}
}

void
solver_attr_load(Solver *s, const SolveConstraint *c, ObjId obj)
{
	NodeId		dst = c->a;
	int32		name = c->b;
	Obj			o = s->objs[obj];

	switch (o.kind)
	{
		case OBJ_MODULE:
			{
				const GModule *m = &s->modules[o.a];
				int32		submodule = idmap_get(&s->module_by_name,
												  solver_name_printf(s, "%s.%s", m->name, s->names[name]));

				solver_copy(s, solver_var(s, m->scope, name), dst);
				if (submodule >= 0)
					solver_add_obj(s, dst, solver_obj(s, OBJ_MODULE, submodule, 0));
				else if (c->file >= 0 && c->c >= 0 && !is_dunder(s->names[name]) &&
						 !solver_module_may_bind(s, o.a, name))
					solver_module_getattr(s, access_evidence(s, c->file, c->c, true), o.a, dst);
			}
			break;
		case OBJ_CLASS:
			if (name == s->n_class)
				break;
			if (name == s->n_dict)
			{
				solver_add_obj(s, dst, solver_obj(s, OBJ_OPAQUE, 0, 0));
				break;
			}
			solver_attach_new(s, solver_lookup(s, o.a, name), C_CLASS_ATTR, c->file, dst, obj, c->c, name);
			/*
			 * What the class lacks, its metaclass's methods bound to it (cls.instance(...),
			 * Sequence.register(...)); not a dunder, which object, ending every MRO, has.
			 */
			if (!is_dunder(s->names[name]) && !solver_mro_binds(s, o.a, name))
				solver_attach_new(s, solver_metaclass_node(s, o.a), C_META_ATTR, -1, dst, obj, name, 0);
			solver_namedtuple_attr(s, obj, name, dst);
			break;
		case OBJ_INST:
			if (name == s->n_class)
			{
				solver_add_obj(s, dst, solver_obj(s, OBJ_CLASS, o.a, 0));
				break;
			}
			/* the namespace itself, a dict Python keeps: no attribute of an external base */
			if (name == s->n_dict)
			{
				solver_add_obj(s, dst, solver_obj(s, OBJ_OPAQUE, 0, 0));
				break;
			}
			solver_copy(s, solver_field(s, obj, name), dst);
			solver_attach_new(s, solver_lookup(s, o.a, name), C_INST_ATTR, c->file, dst, obj, c->c, name);
			/* not for a private name (__x): a class's own, set under its mangled name */
			if (c->file >= 0 && c->c >= 0 && s->files[c->file].sum.exprs[c->c].op == SO_ATTR &&
				strncmp(s->names[name], "__", 2) != 0)
				solver_getattr_read(s, access_evidence(s, c->file, c->c, true),
									expr_node(s, c->file, s->files[c->file].sum.exprs[c->c].a), obj, name, dst);
			solver_namedtuple_attr(s, obj, name, dst);
			break;
		case OBJ_SUPER:
			{
				Obj			r = s->objs[o.b];

				if (r.kind == OBJ_INST)
					solver_attach_new(s, solver_lookup_after(s, r.a, o.a, name), C_INST_ATTR, c->file, dst, o.b, c->c, name);
				else if (r.kind == OBJ_CLASS && solver_in_mro(s, r.a, o.a))
					solver_attach_new(s, solver_lookup_after(s, r.a, o.a, name), C_CLASS_ATTR, -1, dst, o.b, -1, name);
				else if (r.kind == OBJ_CLASS && solver_is_metaclass(s, o.a))
				{
					/*
					 * super() in a metaclass's method, the class its receiver: the
					 * metaclass's MRO after it, bound to the class; type.__call__ there
					 * makes an instance of the class as calling it does.
					 */
					solver_attach_new(s, solver_lookup_after(s, o.a, o.a, name), C_INST_ATTR, c->file, dst, o.b, c->c, name);
					if (name == s->n_call)
						solver_add_obj(s, dst, o.b);
				}
			}
			break;
		case OBJ_EXT:
			{
				int32		q;

				/*
				 * Names as imported and a few attributes deep (os.path.join); what lies
				 * further is a value of external code, as is sys.platform (a str):
				 * neither names code the program calls.
				 */
				if (o.b >= EXT_MAX_STEPS)
				{
					solver_add_obj(s, dst, solver_obj(s, OBJ_OPAQUE, 0, 0));
					break;
				}
				q = solver_name_printf(s, "%s.%s", s->names[o.a], s->names[name]);
				solver_add_obj(s, dst, solver_external_is_data(s->names[q]) ? solver_obj(s, OBJ_OPAQUE, 0, 0)
							   : solver_obj(s, OBJ_EXT, q, o.b + 1));
			}
			break;
		case OBJ_FUNC:
		case OBJ_BOUND:
			solver_copy(s, solver_field(s, obj, name), dst);
			break;
		case OBJ_CONT:
			if (is_container_method(s->names[name]))
				solver_add_obj(s, dst, solver_obj(s, OBJ_BMETHOD, obj, name));
			break;
		case OBJ_SINGLEDISPATCH:
			solver_library_attr(s, obj, name, dst);
			break;
		case OBJ_ANY_MODULE:
			any_module_attr(s, c, &o, dst);
			break;
		case OBJ_PROPERTY:
			if (name == s->n_fset || name == s->n_fdel || strcmp(s->names[name], "setter") == 0 ||
				strcmp(s->names[name], "getter") == 0 || strcmp(s->names[name], "deleter") == 0)
				solver_add_obj(s, dst, solver_obj(s, OBJ_BMETHOD, obj, name));
			break;
		default:
			break;
	}
}

/*
 * The attribute names starting with `prefix` (and longer) that the class of an instance
 * (its MRO), a class or a module binds, each once; how many, at most `max`.
 */
int32
solver_prefixed_names(Solver *s, ObjId obj, int32 prefix_name, int32 *names, int32 max)
{
	const char *prefix = s->names[prefix_name];
	size_t		plen = strlen(prefix);
	const Obj  *o = &s->objs[obj];
	int32		scopes[64];
	int32		nscopes = 0;
	int32		n = 0;

	if (o->kind == OBJ_MODULE)
		scopes[nscopes++] = s->modules[o->a].scope;
	else if (o->kind == OBJ_INST || o->kind == OBJ_CLASS)
	{
		const GScope *cls = solver_class_mro(s, o->a);

		for (int32 k = 0; k < cls->nmro && nscopes < (int32) lengthof(scopes) && cls->mro[k] >= 0; k++)
			scopes[nscopes++] = cls->mro[k];
	}
	for (int32 i = 0; i < nscopes; i++)
	{
		const GScope *g = &s->scopes[scopes[i]];
		const GFile *f = &s->files[g->file];

		for (int32 k = 0; k < f->sum.neffects && n < max; k++)
		{
			const SumEffect *e = &f->sum.effects[k];
			int32		name;
			bool		again = false;

			if (e->kind != SE_STORE_NAME || e->a != g->local ||
				strncmp(f->sum.strings[e->b], prefix, plen) != 0 || f->sum.strings[e->b][plen] == '\0')
				continue;
			name = f->names[e->b];
			for (int32 j = 0; j < n && !again; j++)
				again = names[j] == name;
			if (!again)
				names[n++] = name;
		}
	}
	return n;
}

/*
 * getattr with a name computed from a constant prefix (visitor and command dispatch:
 * getattr(self, "visit_" + kind)) gives one object standing for every attribute so named,
 * each read as getattr reads it into a node of its own: a visitor's hundred methods would
 * overflow any one node (NODE_MAX_OBJECTS). Calling it calls them all (solver_call).
 */
void
solver_attr_prefix_load(Solver *s, const SolveConstraint *c, ObjId obj)
{
	int32		names[PREFIXED_NAMES_MAX];
	int32		n = solver_prefixed_names(s, obj, c->b, names, lengthof(names));
	int32		known = s->nobjs;
	ObjId		dispatch;

	if (n == 0)
		return;
	dispatch = solver_obj(s, OBJ_DISPATCH, obj, c->b);
	/* another getattr of the same prefix on the same object read them already */
	for (int32 i = 0; i < n && dispatch >= (ObjId) known; i++)
	{
		SolveConstraint load = {C_ATTR_LOAD, -1, solver_field(s, dispatch, names[i]), names[i], -1, 0};

		solver_attr_load(s, &load, obj);
	}
	solver_add_obj(s, c->a, dispatch);
}

/* The name of property's method an external name is (builtins.property.setter), or -1. */
static int32
property_method(Solver *s, int32 external)
{
	static const char prefix[] = "builtins.property.";
	const char *name = s->names[external];

	if (strncmp(name, prefix, sizeof(prefix) - 1) != 0)
		return -1;
	name += sizeof(prefix) - 1;
	if (strcmp(name, "__init__") == 0 || strcmp(name, "setter") == 0 || strcmp(name, "getter") == 0 ||
		strcmp(name, "deleter") == 0)
		return solver_name_cstr(s, name);
	return -1;
}

/* A value an instance's class (or super()) provides for an attribute: bound as Python binds it. */
void
solver_inst_attr(Solver *s, const SolveConstraint *c, ObjId value)
{
	NodeId		dst = c->a;
	ObjId		recv = c->b;
	Obj			v = s->objs[value];

	switch (v.kind)
	{
		case OBJ_FUNC:
			solver_add_obj(s, dst, solver_obj(s, OBJ_BOUND, v.a, recv));
			break;
		case OBJ_STATIC:
			solver_add_obj(s, dst, v.a);
			break;
		case OBJ_CLSMETHOD:
			if (s->objs[v.a].kind == OBJ_FUNC)
				solver_add_obj(s, dst, solver_obj(s, OBJ_BOUND, s->objs[v.a].a,
												  solver_obj(s, OBJ_CLASS, s->objs[recv].a, 0)));
			break;
		case OBJ_PROPERTY:
			{
				CallSpec	spec;
				int32		file = c->file;
				int32		expr = c->c;
				int32		evidence;

				if (file < 0 || expr < 0)
					break;
				evidence = access_evidence(s, file, expr, false);
				solver_blank_spec(&spec, evidence, s->evidence[evidence].kind);
				spec.self = recv;
				spec.dst = dst;
				solver_call_through(s, solver_field(s, value, s->n_fget), &spec);
			}
			break;
		case OBJ_INST:
			if (c->file >= 0 && c->c >= 0 &&
				solver_descriptor_call(s, access_evidence(s, c->file, c->c, true), value, s->n_get, recv, NO_NODE, dst))
				break;
			solver_add_obj(s, dst, value);
			break;
		case OBJ_FACTORY:
			break;
		case OBJ_SINGLEDISPATCH:
			solver_singledispatch_bind(s, value, recv, dst);
			break;
		case OBJ_EXT:
			{
				int32		method = s->objs[recv].kind == OBJ_INST ? property_method(s, v.a) : -1;

				/*
				 * property's __init__ (through super()), setter, getter and deleter, on an
				 * instance of a property subclass: bound to the instance, calling them
				 * gives it its fget, fset and fdel (solver_call_bmethod). __init__ stays
				 * an external callee, as a base's __init__ does; the others are a
				 * builtin type's methods, as a property's own are.
				 */
				if (method >= 0)
					solver_add_obj(s, dst, solver_obj(s, OBJ_BMETHOD, recv, method));
				if (method < 0 || method == s->n_init)
					solver_add_obj(s, dst, value);
			}
			break;
		default:
			solver_add_obj(s, dst, value);
	}
}

void
solver_class_attr(Solver *s, const SolveConstraint *c, ObjId value)
{
	Obj			v = s->objs[value];

	/* a field's factory is no attribute: dataclasses and attrs delete it from the class */
	if (v.kind == OBJ_FACTORY)
		return;
	if (v.kind == OBJ_STATIC)
		solver_add_obj(s, c->a, v.a);
	else if (v.kind == OBJ_CLSMETHOD && s->objs[v.a].kind == OBJ_FUNC)
		solver_add_obj(s, c->a, solver_obj(s, OBJ_BOUND, s->objs[v.a].a, c->b));
	else if (v.kind == OBJ_INST && c->file >= 0 && c->c >= 0 &&
			 solver_descriptor_call(s, access_evidence(s, c->file, c->c, true), value, s->n_get, NO_OBJ, NO_NODE, c->a))
		return;
	else
		solver_add_obj(s, c->a, value);
}

/*
 * An instance whose class of the repository defines __setattr__ (or __delattr__): Python
 * runs it for every store (del) of an attribute of the instance, `self.x = ...` in
 * __init__ too. A property link, as the statement runs it; `value` is what is stored.
 */
void
solver_attr_hook(Solver *s, int32 file, int32 effect, ObjId obj, int32 hook, NodeId value)
{
	NodeId		args[2] = {NO_NODE, value};	/* the attribute's name, a string; the value */

	if (file < 0 || effect < 0 || !solver_mro_binds(s, s->objs[obj].a, hook))
		return;
	solver_protocol_call(s, effect_evidence(s, file, effect, CK_PROPERTY), obj, hook, args,
						 value != NO_NODE ? 2 : 1, NO_NODE);
}

void
solver_attr_store(Solver *s, const SolveConstraint *c, ObjId obj)
{
	NodeId		value = c->a;
	int32		name = c->b;
	Obj			o = s->objs[obj];

	switch (o.kind)
	{
		case OBJ_INST:
			solver_copy(s, value, solver_field(s, obj, name));
			solver_attach_new(s, solver_lookup(s, o.a, name), C_ACCESSOR, c->file, obj, s->n_fset, c->c, value);
			solver_attr_hook(s, c->file, c->c, obj, s->n_setattr, value);
			break;
		case OBJ_CLASS:
			solver_copy(s, value, solver_var(s, o.a, name));
			solver_class_binds(s, o.a, name);
			break;
		case OBJ_MODULE:
			solver_copy(s, value, solver_var(s, s->modules[o.a].scope, name));
			break;
		case OBJ_FUNC:
		case OBJ_BOUND:
			solver_copy(s, value, solver_field(s, obj, name));
			break;
		default:
			break;
	}
}

/*
 * A property's setter or deleter, or a descriptor's __set__ or __delete__, run by a store
 * or del of an instance attribute.
 */
void
solver_accessor(Solver *s, const SolveConstraint *c, ObjId value)
{
	CallSpec	spec;

	if (c->file < 0)
		return;
	if (s->objs[value].kind == OBJ_INST)
		(void) solver_descriptor_call(s, effect_evidence(s, c->file, c->c, CK_PROPERTY), value,
							   c->b == s->n_fset ? s->n_set : s->n_delete, c->a, c->d, NO_NODE);
	if (s->objs[value].kind != OBJ_PROPERTY)
		return;
	solver_blank_spec(&spec, effect_evidence(s, c->file, c->c, CK_PROPERTY), CK_PROPERTY);
	spec.self = c->a;
	if (c->d != (int32) NO_NODE)
		spec.extra[spec.nextra++] = c->d;
	solver_call_through(s, solver_field(s, value, c->b), &spec);
}
