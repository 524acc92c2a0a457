/*
 * solve_rules.c: what a constraint does for each object its node gets (solver_fire):
 * calls of every kind of object (solver_call), operators and the protocols Python runs
 * implicitly; attributes are in solve_attributes.c, containers, items and iteration in
 * solve_items.c.
 */
#include "postgres.h"

#include "cpg/solve.h"
#include "cpg/solve_private.h"
#include "miscadmin.h"

/* ---------------------------------------------------------------------------------- */
/* helpers */

void
solver_attach_new(Solver *s, NodeId node, int32 kind, int32 file, int32 a, int32 b, int32 c, int32 d)
{
	if (node == NO_NODE)
		return;
	solver_attach(s, node, solver_constraint(s, kind, file, a, b, c, d));
}

int32
solver_evidence_as(Solver *s, int32 evidence, int32 kind)
{
	Evidence	e = s->evidence[evidence];

	return solver_evidence(s, e.file, e.caller, kind, e.key, e.bstart, e.bend);
}

const char *const solver_operator_dunders[OP__COUNT][3] = {
	/* name, reflected, in place */
	[OP_ADD] = {"__add__", "__radd__", "__iadd__"},
	[OP_SUB] = {"__sub__", "__rsub__", "__isub__"},
	[OP_MUL] = {"__mul__", "__rmul__", "__imul__"},
	[OP_MATMUL] = {"__matmul__", "__rmatmul__", "__imatmul__"},
	[OP_TRUEDIV] = {"__truediv__", "__rtruediv__", "__itruediv__"},
	[OP_FLOORDIV] = {"__floordiv__", "__rfloordiv__", "__ifloordiv__"},
	[OP_MOD] = {"__mod__", "__rmod__", "__imod__"},
	[OP_POW] = {"__pow__", "__rpow__", "__ipow__"},
	[OP_LSHIFT] = {"__lshift__", "__rlshift__", "__ilshift__"},
	[OP_RSHIFT] = {"__rshift__", "__rrshift__", "__irshift__"},
	[OP_AND] = {"__and__", "__rand__", "__iand__"},
	[OP_OR] = {"__or__", "__ror__", "__ior__"},
	[OP_XOR] = {"__xor__", "__rxor__", "__ixor__"},
	[OP_NEG] = {"__neg__", NULL, NULL},
	[OP_POS] = {"__pos__", NULL, NULL},
	[OP_INVERT] = {"__invert__", NULL, NULL},
	[OP_EQ] = {"__eq__", "__eq__", NULL},
	[OP_NE] = {"__ne__", "__ne__", NULL},
	[OP_LT] = {"__lt__", "__gt__", NULL},
	[OP_LE] = {"__le__", "__ge__", NULL},
	[OP_GT] = {"__gt__", "__lt__", NULL},
	[OP_GE] = {"__ge__", "__le__", NULL},
	[OP_IN] = {"__contains__", NULL, NULL},
	[OP_NOT_IN] = {"__contains__", NULL, NULL},
};

/* ---------------------------------------------------------------------------------- */
/* calls */

int32
solver_spec(Solver *s, const CallSpec *spec)
{
	GROW(s->specs, s->nspecs, s->capspecs);
	s->specs[s->nspecs] = *spec;
	return s->nspecs++;
}

void
solver_blank_spec(CallSpec *spec, int32 evidence, int32 kind)
{
	memset(spec, 0, sizeof(*spec));
	spec->evidence = evidence;
	spec->kind = kind;
	spec->file = -1;
	spec->pre_file = -1;
	spec->self = NO_OBJ;
	spec->dst = NO_NODE;
	spec->detail = -1;
}

/* Calls whatever the node holds, now and later, as the spec says. */
void
solver_call_through(Solver *s, NodeId callees, const CallSpec *spec)
{
	solver_attach_new(s, callees, C_CALL, -1, solver_spec(s, spec), 0, 0, 0);
}

/*
 * A protocol method Python runs on an instance of the repository (never an external
 * one), with these arguments after the instance (NO_NODE: one the analysis does not
 * follow, such as a name string).
 */
void
solver_protocol_call(Solver *s, int32 evidence, ObjId self, int32 name, const NodeId *args, int32 nargs, NodeId dst)
{
	CallSpec	spec;

	Assert(s->objs[self].kind == OBJ_INST && nargs <= (int32) lengthof(spec.extra));
	solver_blank_spec(&spec, evidence, CK_DUNDER);
	spec.self = self;
	for (int32 i = 0; i < nargs; i++)
		spec.extra[spec.nextra++] = args[i];
	spec.dst = dst;
	spec.detail = name;
	spec.flags = SPEC_INTERNAL_ONLY;
	solver_call_through(s, solver_lookup(s, s->objs[self].a, name), &spec);
}

/* A protocol method by name, with at most one argument. */
void
solver_dunder(Solver *s, int32 evidence, ObjId self, const char *name, NodeId arg, NodeId dst)
{
	if (s->objs[self].kind != OBJ_INST)
		return;
	solver_protocol_call(s, evidence, self, solver_name_cstr(s, name), &arg, arg != NO_NODE, dst);
}

/*
 * Python runs a protocol method on each instance `values` gets, as `evidence` says (a
 * builtin's call, an operator, a class statement): `name`, or `fallback` (-1: none) when
 * the class lacks it (int() runs __index__ without __int__). dst gets what it returns.
 */
void
solver_protocol_on(Solver *s, NodeId values, int32 name, int32 fallback, int32 evidence, NodeId dst)
{
	if (evidence >= 0)
		solver_attach_new(s, values, C_DUNDER_ON, -1, dst, name, evidence, fallback + 1);
}

/* The i-th positional parameter's variable, or the varargs container's elements past them. */
static NodeId
positional_param(Solver *s, int32 fn, int32 index)
{
	GScope	   *g = &s->scopes[fn];
	GFile	   *f = &s->files[g->file];
	const SumScope *sc = &f->sum.scopes[g->local];
	int32		pos = 0;

	for (int32 i = 0; i < sc->nparams; i++)
	{
		const SumParam *p = &f->sum.params[sc->first_param + i];

		if (p->kind == SP_POSONLY || p->kind == SP_POS)
		{
			if (pos++ == index)
				return solver_var(s, fn, f->names[p->name]);
		}
		else if (p->kind == SP_VARARGS)
			return solver_elements(s, solver_container(s, solver_special_key(fn, TAG_VARARGS), SK_TUPLE));
	}
	return NO_NODE;
}

static NodeId
keyword_param(Solver *s, int32 fn, int32 name)
{
	GScope	   *g = &s->scopes[fn];
	GFile	   *f = &s->files[g->file];
	const SumScope *sc = &f->sum.scopes[g->local];
	NodeId		varkw = NO_NODE;

	for (int32 i = 0; i < sc->nparams; i++)
	{
		const SumParam *p = &f->sum.params[sc->first_param + i];

		if ((p->kind == SP_POS || p->kind == SP_KWONLY) && f->names[p->name] == name)
			return solver_var(s, fn, name);
		if (p->kind == SP_VARKW)
			varkw = solver_elements(s, solver_container(s, solver_special_key(fn, TAG_VARKW), SK_DICT));
	}
	return varkw;
}

/* Every parameter that an argument of unknown position or name may reach, from `from` on. */
static void
spread(Solver *s, int32 fn, NodeId source, int32 from, bool keywords)
{
	GScope	   *g = &s->scopes[fn];
	GFile	   *f = &s->files[g->file];
	const SumScope *sc = &f->sum.scopes[g->local];
	int32		pos = 0;

	for (int32 i = 0; i < sc->nparams; i++)
	{
		const SumParam *p = &f->sum.params[sc->first_param + i];
		bool		positional = p->kind == SP_POSONLY || p->kind == SP_POS;

		if ((positional && pos++ >= from) || (keywords && p->kind == SP_KWONLY))
			solver_copy_code(s, source, solver_var(s, fn, f->names[p->name]));
		else if (p->kind == SP_VARARGS && !keywords)
			solver_copy_code(s, source, solver_elements(s, solver_container(s, solver_special_key(fn, TAG_VARARGS), SK_TUPLE)));
		else if (p->kind == SP_VARKW && keywords)
			solver_copy_code(s, source, solver_elements(s, solver_container(s, solver_special_key(fn, TAG_VARKW), SK_DICT)));
	}
}

/*
 * Binds one list of summary arguments, positions counted from *pos. `call` is the call
 * whose * arguments run the protocol methods of iterating them, or -1 (the arguments a
 * functools.partial holds).
 */
static void
bind_args(Solver *s, int32 fn, int32 file, int32 first, int32 nargs, int32 *pos, int32 call)
{
	for (int32 i = 0; i < nargs; i++)
	{
		const SumArg *a = &s->files[file].sum.args[first + i];
		NodeId		value = expr_node(s, file, a->expr);

		if (value == NO_NODE)
		{
			if (a->kind == SA_POS)
				(*pos)++;
			continue;
		}
		switch (a->kind)
		{
			case SA_POS:
				if (*pos == 0 && s->scopes[fn].method_kind == MK_METHOD && s->scopes[fn].cls >= 0)
					solver_attach_new(s, value, C_RECEIVER, -1, positional_param(s, fn, 0), s->scopes[fn].cls, 0, 0);
				else
					solver_copy_code(s, value, positional_param(s, fn, *pos));
				(*pos)++;
				break;
			case SA_KEYWORD:
				solver_copy_code(s, value, keyword_param(s, fn, fname(s, file, a->name)));
				break;
			case SA_STAR:
				{
					NodeId		elems = solver_new_node(s);

					/*
					 * What an instance's __iter__ gives is not spread over the parameters:
					 * values of unknown position would fill every parameter of every callee
					 * of the many calls that pass on *args.
					 */
					solver_iterate(s, value, elems, -1);
					if (call >= 0)
					{
						int32		evidence = solver_evidence_as(s, call, CK_DUNDER);

						solver_protocol_on(s, value, s->n_iter, -1, evidence, NO_NODE);
						solver_length_hint(s, value, evidence);
					}
					spread(s, fn, elems, *pos, false);
				}
				break;
			case SA_DSTAR:
				{
					NodeId		values = solver_new_node(s);

					solver_attach_new(s, value, C_SUBSCR_LOAD, -1, values, -1, -1, NO_NODE);
					spread(s, fn, values, *pos, true);
				}
				break;
		}
	}
}

/* How a call binds a function's positional parameter (bound_argument). */
typedef enum Binding
{
	BOUND_SELF,					/* to the receiver */
	BOUND_VALUE,				/* to an argument's value: a node */
	BOUND_DEFAULT,				/* to nothing: it keeps its default */
	BOUND_UNKNOWN,				/* a star argument, or a ** one where it is not passed otherwise */
} Binding;

/*
 * What a call passes as positional parameter `index` of function `fn`, bound as
 * call_function binds (the receiver, a partial's arguments, the call's, the implicit
 * ones), by position or by keyword.
 */
static Binding
bound_argument(Solver *s, const CallSpec *spec, ObjId self, int32 fn, int32 index, NodeId *value)
{
	const GScope *g = &s->scopes[fn];
	const GFile *f = &s->files[g->file];
	const SumParam *param = &f->sum.params[f->sum.scopes[g->local].first_param + index];
	int32		name = fname(s, g->file, param->name);
	int32		pos = 0;
	bool		dstar = false;
	const struct
	{
		int32		file;
		int32		first;
		int32		n;
	}			lists[2] = {{spec->pre_file, spec->pre_first, spec->pre_nargs}, {spec->file, spec->first_arg, spec->nargs}};

	if (self != NO_OBJ)
	{
		if (index == 0)
			return BOUND_SELF;
		pos++;
	}
	for (int32 l = 0; l < 2; l++)
		for (int32 i = 0; lists[l].file >= 0 && i < lists[l].n; i++)
		{
			const SumArg *a = &s->files[lists[l].file].sum.args[lists[l].first + i];

			if (a->kind == SA_STAR)
				return BOUND_UNKNOWN;
			dstar |= a->kind == SA_DSTAR;
			if ((a->kind == SA_POS && pos++ == index) ||
				(a->kind == SA_KEYWORD && param->kind == SP_POS &&
				 fname(s, lists[l].file, a->name) == name))
			{
				*value = expr_node(s, lists[l].file, a->expr);
				return *value == NO_NODE ? BOUND_UNKNOWN : BOUND_VALUE;
			}
		}
	if (index - pos >= 0 && index - pos < spec->nextra)
	{
		*value = spec->extra[index - pos];
		return BOUND_VALUE;
	}
	return dstar ? BOUND_UNKNOWN : BOUND_DEFAULT;
}

/*
 * A function's returned parameter (solve.c, find_returned_params) as this call binds it
 * flows to the call's result: its argument, or its default; when the binding is unknown,
 * whatever reaches the parameter.
 */
static void
return_argument(Solver *s, const CallSpec *spec, ObjId self, int32 fn)
{
	const GScope *g = &s->scopes[fn];
	const GFile *f = &s->files[g->file];
	const SumParam *param = &f->sum.params[f->sum.scopes[g->local].first_param + g->returns_param];
	NodeId		value = NO_NODE;

	switch (bound_argument(s, spec, self, fn, g->returns_param, &value))
	{
		case BOUND_SELF:
			solver_add_obj(s, spec->dst, self);
			break;
		case BOUND_VALUE:
			solver_copy_code(s, value, spec->dst);
			break;
		case BOUND_DEFAULT:
			if (param->dflt >= 0)
				solver_copy(s, expr_node(s, g->file, param->dflt), spec->dst);
			break;
		case BOUND_UNKNOWN:
			solver_copy(s, solver_var(s, fn, fname(s, g->file, param->name)), spec->dst);
			break;
	}
}

static void
call_function(Solver *s, const CallSpec *spec, int32 fn, ObjId self)
{
	GScope	   *g = &s->scopes[fn];
	const SumScope *sc = &s->files[g->file].sum.scopes[g->local];
	int32		pos = 0;

	solver_edge(s, spec->evidence, fn, spec->detail);
	if (self != NO_OBJ)
	{
		NodeId		first = positional_param(s, fn, pos++);

		solver_add_obj(s, first, self);
	}
	if (spec->pre_file >= 0)
		bind_args(s, fn, spec->pre_file, spec->pre_first, spec->pre_nargs, &pos, -1);
	if (spec->file >= 0 && (spec->flags & SPEC_DISPATCHED) && spec->nargs > 0 &&
		s->files[spec->file].sum.args[spec->first_arg].kind == SA_POS)
	{
		pos++;
		bind_args(s, fn, spec->file, spec->first_arg + 1, spec->nargs - 1, &pos, spec->evidence);
	}
	else if (spec->file >= 0)
		bind_args(s, fn, spec->file, spec->first_arg, spec->nargs, &pos, spec->evidence);
	for (int32 i = 0; i < spec->nextra; i++)
		solver_copy_code(s, spec->extra[i], positional_param(s, fn, pos++));
	if (spec->dst == NO_NODE)
		return;
	if (sc->flags & SSF_GENERATOR)
		solver_add_obj(s, spec->dst, solver_obj(s, OBJ_GEN, fn, 0));
	else
	{
		NodeId		unused;
		Binding		guard;

		if (g->returns_param >= 0)
			return_argument(s, spec, self, fn);
		if (!g->returns_only_param)
			solver_copy(s, solver_var(s, fn, s->n_return), spec->dst);
		/* what returns under `if PARAM is None:` give, to calls not passing it */
		if (g->none_guard_param >= 0 &&
			((guard = bound_argument(s, spec, self, fn, g->none_guard_param, &unused)) == BOUND_DEFAULT ||
			 guard == BOUND_UNKNOWN))
			solver_copy(s, solver_var(s, fn, s->n_return_if_none), spec->dst);
	}
}

/* The spec again, for a method found on the callee: same arguments, a receiver, maybe no result. */
static void
call_method_of(Solver *s, int32 spec_id, int32 cls, int32 name, ObjId self, bool keep_result, int32 flags)
{
	CallSpec	spec = s->specs[spec_id];

	if (spec.depth >= SPEC_MAX_DEPTH)
		return;
	spec.depth++;
	spec.self = self;
	if (!keep_result)
		spec.dst = NO_NODE;
	spec.flags |= flags;
	solver_call_through(s, solver_lookup(s, cls, name), &spec);
}

/* Whether a call is made in a method of the metaclass (its super().__call__()). */
static bool
called_in_metaclass(Solver *s, int32 spec_id, int32 metaclass)
{
	int32		caller_cls = s->scopes[s->evidence[s->specs[spec_id].evidence].caller].cls;

	return caller_cls >= 0 && solver_in_mro(s, caller_cls, metaclass);
}

/*
 * Whether a call of the class runs its metaclass's __call__ (as the metaclass is known
 * now), which then makes the instance or not, rather than the class's __init__.
 */
static bool
meta_calls(Solver *s, int32 spec_id, int32 cls)
{
	NodeId		meta = solver_metaclass_node(s, cls);

	for (int32 i = 0; meta != NO_NODE && i < s->nodes[meta].n; i++)
	{
		const Obj  *m = &s->objs[node_objs(s, &s->nodes[meta])[i]];

		if (m->kind == OBJ_CLASS && solver_mro_binds(s, m->a, s->n_call) && !called_in_metaclass(s, spec_id, m->a))
			return true;
	}
	return false;
}

void
solver_call(Solver *s, int32 spec_id, ObjId callee)
{
	const CallSpec *spec = &s->specs[spec_id];
	Obj			o = s->objs[callee];

	if ((spec->flags & SPEC_FACTORY) != (o.kind == OBJ_FACTORY ? SPEC_FACTORY : 0))
		return;
	switch (o.kind)
	{
		case OBJ_FUNC:
			call_function(s, spec, o.a, spec->self);
			break;
		case OBJ_BOUND:
			call_function(s, spec, o.a, o.b);
			break;
		case OBJ_CLASS:
			if (spec->flags & SPEC_INTERNAL_ONLY)
				break;
			s->scopes[o.a].instantiated = true;
			if (spec->dst != NO_NODE)
				solver_add_obj(s, spec->dst, solver_obj(s, OBJ_INST, o.a, 0));
			/* a metaclass's __call__ makes the instance instead, if it wants one (C_META_CALL) */
			if (!meta_calls(s, spec_id, o.a))
			{
				call_method_of(s, spec_id, o.a, s->n_init, solver_obj(s, OBJ_INST, o.a, 0), false, 0);
				call_method_of(s, spec_id, o.a, s->n_new, callee, false, SPEC_INTERNAL_ONLY);
			}
			solver_attach_new(s, solver_metaclass_node(s, o.a), C_META_CALL, -1, spec_id, callee, 0, 0);

			/*
			 * The __init__ a dataclass or an attrs class gets generated runs its hooks:
			 * __post_init__, __attrs_pre_init__ and __attrs_post_init__. None is
			 * generated for a class whose own body defines __init__; a class defining a
			 * hook without one is taken for such a class (no other code names a method
			 * so).
			 */
			if (idmap_get(&s->class_binds, ((uint64) (uint32) o.a << 32) | (uint32) s->n_init) < 0)
			{
				for (size_t h = 0; h < lengthof(s->n_init_hooks); h++)
					call_method_of(s, spec_id, o.a, s->n_init_hooks[h], solver_obj(s, OBJ_INST, o.a, 0), false,
								   SPEC_INTERNAL_ONLY);
				solver_bind_fields(s, &s->specs[spec_id], o.a);
			}
			break;
		case OBJ_INST:
			call_method_of(s, spec_id, o.a, s->n_call, callee, true, 0);
			break;
		case OBJ_EXT:
			if (spec->flags & (SPEC_INTERNAL_ONLY | SPEC_NO_EXTERNAL))
				break;
			solver_edge(s, spec->evidence, -(o.a + 1), spec->detail);
			if (solver_call_external(s, spec_id, o.a))
				break;
			spec = &s->specs[spec_id];
			/* a decorator from outside the repository is taken to return what it decorates */
			if (spec->kind == CK_DECORATOR && spec->nextra > 0)
				solver_copy(s, spec->extra[0], spec->dst);
			else if (spec->dst != NO_NODE)
				solver_add_obj(s, spec->dst, solver_obj(s, OBJ_OPAQUE, 0, 0));
			break;
		case OBJ_OPAQUE:
		case OBJ_WRAPS:
			if (spec->kind == CK_DECORATOR && spec->nextra > 0)
				solver_copy(s, spec->extra[0], spec->dst);
			else if (o.kind == OBJ_WRAPS && spec->file >= 0 && spec->nargs > 0)
				solver_copy(s, expr_node(s, spec->file, s->files[spec->file].sum.args[spec->first_arg].expr), spec->dst);
			break;
		case OBJ_STATIC:
		case OBJ_CLSMETHOD:
			solver_call(s, spec_id, o.a);
			break;
		case OBJ_DISPATCH:
			{
				int32		names[PREFIXED_NAMES_MAX];
				int32		n = solver_prefixed_names(s, o.a, o.b, names, lengthof(names));
				CallSpec	each = *spec;

				for (int32 i = 0; i < n; i++)
					solver_call_through(s, solver_field(s, callee, names[i]), &each);
			}
			break;
		case OBJ_PARTIAL:
			{
				/* functools.partial(f, a)(b) calls f(a, b) */
				int32		file = o.a;
				int32		expr = o.b;
				CallSpec	inner = *spec;
				const SumExpr *pe;

				pe = &s->files[file].sum.exprs[expr];
				if (pe->c < 1 || s->files[file].sum.args[pe->b].kind != SA_POS || inner.depth >= SPEC_MAX_DEPTH)
					break;
				inner.depth++;
				inner.pre_file = file;
				inner.pre_first = pe->b + 1;
				inner.pre_nargs = pe->c - 1;
				solver_call_through(s, expr_node(s, file, s->files[file].sum.args[pe->b].expr), &inner);
			}
			break;
		case OBJ_BMETHOD:
			solver_call_bmethod(s, spec_id, callee);
			break;
		case OBJ_SINGLEDISPATCH:
		case OBJ_METHODCALLER:
		case OBJ_ATTRGETTER:
			solver_call_library_object(s, spec_id, callee);
			break;
		case OBJ_FACTORY:
			{
				CallSpec	made = *spec;

				made.flags &= ~SPEC_FACTORY;
				solver_call_through(s, (NodeId) o.a, &made);
			}
			break;
		default:
			break;
	}
}

/* ---------------------------------------------------------------------------------- */
/* operators and protocols */

/* __lt__, __le__, __gt__ or __ge__: what functools.total_ordering completes. */
static bool
is_ordering(const char *name)
{
	return strcmp(name, "__lt__") == 0 || strcmp(name, "__le__") == 0 || strcmp(name, "__gt__") == 0 ||
		strcmp(name, "__ge__") == 0;
}

static void
operator(Solver *s, const SolveConstraint *c, ObjId obj)
{
	int32		op = c->d & 0xFF;
	bool		inplace = (c->d & SUM_INPLACE) != 0;
	bool		reflected = (c->d & OPERATOR_REFLECTED) != 0;
	Obj			o = s->objs[obj];

	/* reflected methods (__radd__) are decided after the fixpoint, in solver_refine */
	if (o.kind == OBJ_INST && !reflected)
	{
		const char *name = solver_operator_dunders[op][0];

		if (name == NULL)
			return;
		if (inplace && solver_operator_dunders[op][2] != NULL && solver_mro_defines(s, o.a, solver_operator_dunders[op][2]))
			name = solver_operator_dunders[op][2];
		if ((op == OP_IN || op == OP_NOT_IN) && !solver_mro_defines(s, o.a, "__contains__"))
		{
			/* without __contains__, `in` iterates and compares each element */
			NodeId		elements = solver_new_node(s);

			solver_iterate_object(s, obj, elements, c->c, false);
			solver_protocol_on(s, elements, solver_name_cstr(s, "__eq__"), -1, c->c, NO_NODE);
			return;
		}
		solver_dunder(s, c->c, obj, name, c->b, c->a);
	}
	else if (o.kind == OBJ_CONT && op == OP_ADD && c->a != (int32) NO_NODE)
	{
		/* list + list: a new list of both lists' elements */
		ObjId		joined = solver_container(s, (int32) c->a, o.b);

		solver_add_obj(s, c->a, joined);
		solver_copy(s, solver_elements(s, obj), solver_elements(s, joined));
	}
	else if (o.kind == OBJ_CONT && (op == OP_IN || op == OP_NOT_IN) && c->c >= 0)
	{
		/* a set or dict hashes what it looks for; a sequence compares it with its elements */
		if (o.b == SK_SET || o.b == SK_DICT)
			solver_protocol_on(s, c->b, solver_name_cstr(s, "__hash__"), -1, c->c, NO_NODE);
		else
			solver_protocol_on(s, solver_elements(s, obj), solver_name_cstr(s, "__eq__"), -1, c->c, NO_NODE);
	}
}

static void
format_value(Solver *s, int32 evidence, ObjId obj, int32 conversion)
{
	Obj			o = s->objs[obj];
	const char *name;

	if (o.kind != OBJ_INST)
		return;
	if (conversion == 'r' || conversion == 'a')
		name = "__repr__";
	else if (conversion == 0 && solver_mro_defines(s, o.a, "__format__"))
		name = "__format__";
	else if (solver_mro_defines(s, o.a, "__str__"))
		name = "__str__";
	else
		name = "__repr__";
	solver_dunder(s, evidence, obj, name, NO_NODE, NO_NODE);
}

void
solver_fire(Solver *s, int32 constraint, ObjId obj)
{
	SolveConstraint c = s->cons[constraint];
	Obj			o = s->objs[obj];

	check_stack_depth();
	switch ((ConstraintKind) c.kind)
	{
		case C_CALL:
			solver_call(s, c.a, obj);
			break;
		case C_ATTR_LOAD:
			solver_attr_load(s, &c, obj);
			break;
		case C_INST_ATTR:
			solver_inst_attr(s, &c, obj);
			break;
		case C_CLASS_ATTR:
			solver_class_attr(s, &c, obj);
			break;
		case C_ATTR_STORE:
			solver_attr_store(s, &c, obj);
			break;
		case C_ATTR_DEL:
			if (o.kind == OBJ_INST)
			{
				solver_attach_new(s, solver_lookup(s, o.a, c.b), C_ACCESSOR, c.file, obj, s->n_fdel, c.c, NO_NODE);
				solver_attr_hook(s, c.file, c.c, obj, s->n_delattr, NO_NODE);
			}
			break;
		case C_ACCESSOR:
			solver_accessor(s, &c, obj);
			break;
		case C_SUBSCR_LOAD:
			solver_subscr_load(s, &c, obj);
			break;
		case C_SUBSCR_STORE:
			solver_subscr_store(s, &c, obj);
			break;
		case C_SUBSCR_DEL:
			if (c.c >= 0)
				solver_dunder(s, c.c, obj, "__delitem__", c.d, NO_NODE);
			break;
		case C_ITER:
			solver_iterate_object(s, obj, c.a, c.c, c.d != 0);
			break;
		case C_NEXT:
			if (o.kind == OBJ_INST)
				solver_dunder(s, c.c, obj, c.d ? "__anext__" : "__next__", NO_NODE, c.a);
			else
				solver_iterate_object(s, obj, c.a, c.c, c.d != 0);
			break;
		case C_ELEM:
			if (o.kind == OBJ_CONT && c.b >= 0)
			{
				int32		position = solver_position(s, c.b);

				/* a literal records its positions: unpacking it is exact */
				if (idmap_get(&s->field_nodes, ((uint64) obj << 32) | (uint32) position) >= 0)
				{
					solver_keyed_read(s, obj, position, c.a);
					break;
				}
			}
			solver_iterate_object(s, obj, c.a, c.c, false);
			break;
		case C_STARREST:
			solver_iterate_object(s, obj, solver_elements(s, c.a), -1, false);
			break;
		case C_ENTER:
			if (o.kind == OBJ_INST)
			{
				solver_dunder(s, c.c, obj, c.d ? "__aenter__" : "__enter__", NO_NODE, c.a);
				solver_dunder(s, c.c, obj, c.d ? "__aexit__" : "__exit__", NO_NODE, NO_NODE);
			}
			else if (o.kind == OBJ_GEN)
				/* a @contextmanager generator: `as` binds what it yields */
				solver_copy(s, solver_var(s, o.a, s->n_yield), c.a);
			break;
		case C_OPERATOR:
			operator(s, &c, obj);
			break;
		case C_TRUTH:
			if (o.kind == OBJ_INST)
			{
				if (solver_mro_defines(s, o.a, "__bool__"))
					solver_dunder(s, c.c, obj, "__bool__", NO_NODE, NO_NODE);
				else if (solver_mro_defines(s, o.a, "__len__"))
					solver_dunder(s, c.c, obj, "__len__", NO_NODE, NO_NODE);
			}
			break;
		case C_FORMAT:
			format_value(s, c.c, obj, c.d);
			break;
		case C_AWAIT:
			if (o.kind == OBJ_INST)
				solver_dunder(s, c.c, obj, "__await__", NO_NODE, NO_NODE);
			else
				solver_add_obj(s, c.a, obj);
			break;
		case C_BASES:
			if (o.kind == OBJ_CLASS || o.kind == OBJ_EXT)
				solver_class_bases_changed(s, c.a);
			break;
		case C_EXCEPT:
			/* what is raised: instances the program makes (more once it has run, solver_refine) */
			if (o.kind == OBJ_CLASS && s->scopes[o.a].instantiated)
				solver_add_obj(s, c.a, solver_obj(s, OBJ_INST, o.a, 0));
			else if (o.kind == OBJ_CONT)
				solver_attach_new(s, solver_elements(s, obj), C_EXCEPT, -1, c.a, 0, 0, 0);
			break;
		case C_YIELD_FROM:
			if (o.kind == OBJ_GEN)
				solver_copy(s, solver_var(s, o.a, s->n_return), c.a);
			break;
		case C_SUPER:
			solver_add_obj(s, c.a, solver_obj(s, OBJ_SUPER, c.b, obj));
			break;
		case C_SUPER_CLASS:
			if (o.kind == OBJ_CLASS)
				solver_attach_new(s, c.b, C_SUPER, -1, c.a, o.a, 0, 0);
			break;
		case C_DUNDER_ON:
			if (o.kind != OBJ_INST)
				break;
			/* a comparison functools.total_ordering made is its code, which calls the one written */
			if (c.d > 0 && !solver_mro_binds(s, o.a, c.b) &&
				!(is_ordering(s->names[c.b]) && solver_mro_total_ordering(s, o.a)))
				solver_protocol_call(s, c.c, obj, c.d - 1, NULL, 0, c.a);
			else
				solver_protocol_call(s, c.c, obj, c.b, NULL, 0, c.a);
			break;
		case C_RECEIVER:
			/*
			 * A method called as a plain function (Base.method(obj), a decorator's
			 * wrapper calling func(self, ...), a descriptor's self.fget(obj)) gets as
			 * self the instances of its class: a wrapper or descriptor shared by many
			 * classes passes each method the receivers of all of them. What __getattr__
			 * returns passes only as instances of its class (solver_run_getattr).
			 */
			if (o.kind == OBJ_INST ? solver_in_mro(s, o.a, c.b) :
				c.d != RECEIVER_INSTANCES && o.kind != OBJ_EXT && o.kind != OBJ_OPAQUE)
				solver_add_obj(s, c.a, obj);
			break;
		case C_DEFAULT_FACTORY:
			solver_default_factory(s, (ObjId) c.a, obj);
			break;
		case C_TYPE_OF:
			if (o.kind == OBJ_INST)
				solver_add_obj(s, c.a, solver_obj(s, OBJ_CLASS, o.a, 0));
			break;
		case C_WRAP:
			solver_add_obj(s, c.a, solver_obj(s, c.b, obj, 0));
			break;
		case C_METACLASS:
			if (o.kind == OBJ_CLASS)
				solver_run_metaclass(s, c.c, o.a, c.a);
			break;
		case C_META_CALL:
			/*
			 * A metaclass's __call__ runs for a call of the class; its super().__call__()
			 * makes the instance (attr_load), a call that runs no __call__ again.
			 */
			if (o.kind == OBJ_CLASS && solver_mro_binds(s, o.a, s->n_call) && !called_in_metaclass(s, c.a, o.a))
				call_method_of(s, c.a, o.a, s->n_call, c.b, true, 0);
			break;
		case C_META_ATTR:
			/* the metaclass's own methods: no guess of type's attributes */
			if (o.kind == OBJ_CLASS && solver_mro_binds(s, o.a, c.c))
				solver_attach_new(s, solver_lookup(s, o.a, c.c), C_INST_ATTR, -1, c.a, c.b, -1, c.c);
			break;
		case C_ATTR_PREFIX:
			solver_attr_prefix_load(s, &c, obj);
			break;
		case C_CLASSES_MADE:
			if (o.kind == OBJ_CLASS)
				solver_copy(s, solver_classes_made(s, o.a), c.a);
			break;
		case C_NEW_INSTANCE:
			if (o.kind == OBJ_CLASS)
			{
				s->scopes[o.a].instantiated = true;
				solver_add_obj(s, c.a, solver_obj(s, OBJ_INST, o.a, c.b));
			}
			break;
	}
}
