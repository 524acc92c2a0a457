/*
 * solve_library.c: callables standard library modules make of the program's own, and
 * what calling them runs: a functools.singledispatch function (and singledispatchmethod)
 * runs one of the implementations registered for it, operator.methodcaller calls the
 * named method of its argument and attrgetter reads the named attribute, the field of a
 * dataclass or an attrs class made with a factory has it called by the generated
 * __init__ (solver_bind_fields, solve_classes.c), and a class deriving from what
 * collections.namedtuple made has its _make and _replace.
 */
#include "postgres.h"

#include "cpg/solve.h"
#include "cpg/solve_private.h"

typedef enum LibraryCall
{
	L_NONE,
	L_FIELD,
	L_FIELD_FACTORY,
	L_SINGLEDISPATCH,
	L_METHODCALLER,
	L_ATTRGETTER,
} LibraryCall;

static const struct
{
	const char *name;
	LibraryCall call;
}			library_calls[] = {
	{"dataclasses.field", L_FIELD},
	{"attr.ib", L_FIELD},
	{"attr.attrib", L_FIELD},
	{"attr.field", L_FIELD},
	{"attrs.field", L_FIELD},
	{"pydantic.Field", L_FIELD},
	{"attr.Factory", L_FIELD_FACTORY},
	{"attrs.Factory", L_FIELD_FACTORY},
	{"functools.singledispatch", L_SINGLEDISPATCH},
	{"functools.singledispatchmethod", L_SINGLEDISPATCH},
	{"operator.methodcaller", L_METHODCALLER},
	{"operator.attrgetter", L_ATTRGETTER},
};

/* The implementations registered for a singledispatch function, besides its own body. */
static NodeId
registry(Solver *s, ObjId dispatcher)
{
	return solver_field(s, dispatcher, s->n_registry);
}

/* A constant attribute name (no dots: attrgetter("a.b") reads a path), or -1. */
static int32
constant_name(Solver *s, const CallSpec *spec)
{
	const char *name = solver_constant_string(s, spec, 0);

	return name != NULL && name[0] != '\0' && strchr(name, '.') == NULL ? solver_name_cstr(s, name) : -1;
}

/*
 * Applies what a call of a standard library name that takes or makes the program's
 * callables does; false when it is none of them (an opaque result, an edge only).
 */
bool
solver_call_library(Solver *s, int32 spec_id, int32 name)
{
	CallSpec	spec = s->specs[spec_id];
	LibraryCall call = L_NONE;
	NodeId		arg0 = solver_positional(s, &spec, 0);
	NodeId		dst = spec.dst;

	for (size_t i = 0; i < lengthof(library_calls) && call == L_NONE; i++)
		if (strcmp(library_calls[i].name, s->names[name]) == 0)
			call = library_calls[i].call;
	switch (call)
	{
		case L_NONE:
			return false;
		case L_FIELD:
			/* what a generated __init__ makes the field's default with, or the default */
			{
				NodeId		factory = solver_keyword(s, &spec, "default_factory");

				if (factory == NO_NODE)
					factory = solver_keyword(s, &spec, "factory");
				if (dst == NO_NODE)
					break;
				solver_add_obj(s, dst, factory != NO_NODE ? solver_obj(s, OBJ_FACTORY, (int32) factory, 0)
							   : solver_obj(s, OBJ_OPAQUE, 0, 0));
				solver_copy(s, solver_keyword(s, &spec, "default"), dst);
			}
			break;
		case L_FIELD_FACTORY:
			if (arg0 != NO_NODE && dst != NO_NODE)
				solver_add_obj(s, dst, solver_obj(s, OBJ_FACTORY, (int32) arg0, 0));
			break;
		case L_SINGLEDISPATCH:
			if (arg0 != NO_NODE && dst != NO_NODE)
				solver_add_obj(s, dst, solver_obj(s, OBJ_SINGLEDISPATCH, (int32) arg0, 0));
			break;
		case L_METHODCALLER:
		case L_ATTRGETTER:
			{
				int32		attr = constant_name(s, &spec);

				if (dst == NO_NODE)
					break;
				solver_add_obj(s, dst, attr < 0 ? solver_obj(s, OBJ_OPAQUE, 0, 0) :
							   solver_obj(s, call == L_METHODCALLER ? OBJ_METHODCALLER : OBJ_ATTRGETTER, attr, 0));
			}
			break;
	}
	return true;
}

/*
 * A call of what solver_call_library made: a singledispatch function runs its own body or
 * an implementation registered for the argument's type, any of them as far as the solve
 * knows; methodcaller(name)(x) calls x.name(); attrgetter(name)(x) reads x.name, running a
 * property's getter as getattr() does, from the call.
 */
void
solver_call_library_object(Solver *s, int32 spec_id, ObjId callee)
{
	CallSpec	spec = s->specs[spec_id];
	Obj			o = s->objs[callee];
	NodeId		arg0 = solver_positional(s, &spec, 0);
	const Evidence *e = &s->evidence[spec.evidence];
	bool		by_call = e->key % 2 == 0;

	switch (o.kind)
	{
		case OBJ_SINGLEDISPATCH:
			solver_call_through(s, (NodeId) o.a, &spec);
			/*
			 * An implementation gets arguments of the type it is registered for: the
			 * argument dispatched on is left to its annotation (solver_refine), not every
			 * value any call passes, which would bury the annotation's few classes.
			 */
			spec.flags |= SPEC_DISPATCHED;
			solver_call_through(s, registry(s, callee), &spec);
			break;
		case OBJ_METHODCALLER:
			if (arg0 != NO_NODE && spec.depth < SPEC_MAX_DEPTH)
			{
				NodeId		method = solver_new_node(s);
				CallSpec	inner;

				solver_attach_new(s, arg0, C_ATTR_LOAD, -1, method, o.a, -1, 0);
				solver_blank_spec(&inner, spec.evidence, spec.kind);
				inner.dst = spec.dst;
				inner.depth = spec.depth + 1;
				solver_call_through(s, method, &inner);
			}
			break;
		case OBJ_ATTRGETTER:
			/* the read runs a getter even where nothing takes the value (a node of its own) */
			if (arg0 != NO_NODE)
				solver_attach_new(s, arg0, C_ATTR_LOAD, by_call ? e->file : -1,
								  spec.dst != NO_NODE ? spec.dst : solver_new_node(s), o.a,
								  by_call ? e->key / 2 : -1, 0);
			break;
		default:
			break;
	}
}

/* An attribute of a singledispatch function: its register method. */
void
solver_library_attr(Solver *s, ObjId obj, int32 name, NodeId dst)
{
	if (s->objs[obj].kind == OBJ_SINGLEDISPATCH && name == s->n_register)
		solver_add_obj(s, dst, solver_obj(s, OBJ_BMETHOD, obj, name));
}

/*
 * f.register: as a decorator (`@f.register`, the type from the annotation) it registers
 * what it decorates and returns it; f.register(cls) returns such a decorator;
 * f.register(cls, impl) registers impl and returns it.
 */
void
solver_singledispatch_register(Solver *s, const CallSpec *spec, ObjId dispatcher)
{
	NodeId		impl = spec->kind == CK_DECORATOR && spec->nextra > 0 ? spec->extra[0] :
		solver_positional(s, spec, 1);

	if (impl != NO_NODE)
	{
		solver_copy(s, impl, registry(s, dispatcher));
		solver_copy(s, impl, spec->dst);
	}
	else if (spec->dst != NO_NODE)
		solver_add_obj(s, spec->dst, solver_obj(s, OBJ_BMETHOD, dispatcher, s->n_register));
}

/*
 * A singledispatchmethod read off an instance: its function and implementations bound to
 * the instance, as methods are.
 */
void
solver_singledispatch_bind(Solver *s, ObjId dispatcher, ObjId instance, NodeId dst)
{
	solver_attach_new(s, (NodeId) s->objs[dispatcher].a, C_INST_ATTR, -1, dst, instance, -1, -1);
	solver_attach_new(s, registry(s, dispatcher), C_INST_ATTR, -1, dst, instance, -1, -1);
}

/*
 * Whether a class of the repository derives from a class collections.namedtuple (or
 * typing.NamedTuple called) made, a base written as that call, or from typing.NamedTuple
 * itself (class syntax), here or in a base of the repository.
 */
static bool
namedtuple_derived(Solver *s, int32 cls)
{
	const GScope *c = solver_class_mro(s, cls);

	for (int32 i = 0; i < c->nmro; i++)
	{
		const GScope *m;
		const GFile *f;
		const SumScope *ss;

		if (c->mro[i] < 0)
			continue;
		m = &s->scopes[c->mro[i]];
		f = &s->files[m->file];
		ss = &f->sum.scopes[m->local];
		for (int32 b = 0; b < ss->nbases; b++)
		{
			int32		e = f->sum.elems[ss->first_base + b];
			NodeId		maker;

			if (e < 0)
				continue;
			maker = expr_node(s, m->file, f->sum.exprs[e].op == SO_CALL ? f->sum.exprs[e].a : e);
			for (int32 k = 0; maker != NO_NODE && k < s->nodes[maker].n; k++)
			{
				const Obj  *o = &s->objs[node_objs(s, &s->nodes[maker])[k]];

				if (o->kind == OBJ_EXT && (strcmp(s->names[o->a], "typing.NamedTuple") == 0 ||
										   (f->sum.exprs[e].op == SO_CALL &&
											strcmp(s->names[o->a], "collections.namedtuple") == 0)))
					return true;
			}
		}
	}
	return false;
}

static bool
is_namedtuple_maker(const char *name)
{
	return name[0] == '_' && (strcmp(name, "_make") == 0 || strcmp(name, "_replace") == 0);
}

/*
 * _make and _replace read off such a class or its instances: methods collections
 * generates, which make an instance of the class they are called through (a bound
 * builtin method, solver_namedtuple_call).
 */
void
solver_namedtuple_attr(Solver *s, ObjId obj, int32 name, NodeId dst)
{
	if (is_namedtuple_maker(s->names[name]) && namedtuple_derived(s, s->objs[obj].a))
		solver_add_obj(s, dst, solver_obj(s, OBJ_BMETHOD, obj, name));
}

/* A call of _make or _replace (solver_namedtuple_attr): an instance of the class. False for another. */
bool
solver_namedtuple_call(Solver *s, const CallSpec *spec, ObjId obj, int32 name)
{
	const Obj  *o = &s->objs[obj];

	if ((o->kind != OBJ_INST && o->kind != OBJ_CLASS) || !is_namedtuple_maker(s->names[name]))
		return false;
	solver_add_obj(s, spec->dst, solver_obj(s, OBJ_INST, o->a, 0));
	return true;
}
