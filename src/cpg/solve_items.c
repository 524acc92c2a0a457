/*
 * solve_items.c: containers and what holds items like them: the objects of lists,
 * tuples, sets and dicts, loads and stores of their items (a defaultdict's, a dict
 * subclass's, globals()'s), and what iterating any object gives (generators, instances
 * through __iter__ and __next__, iter(callable, sentinel)).
 */
#include "postgres.h"

#include "cpg/solve.h"
#include "cpg/solve_private.h"

/* The container object a key (an expression, or solver_special_key) makes, of a SumContainer kind. */
ObjId
solver_container(Solver *s, int32 key, int32 kind)
{
	return solver_obj(s, OBJ_CONT, key, kind);
}

/* The node of a container's elements, whatever their key. */
NodeId
solver_elements(Solver *s, ObjId container)
{
	return solver_field(s, container, s->n_elem);
}

/* A special container (varargs, views, ...) keyed by an id and a tag, apart from expression keys. */
int32
solver_special_key(int32 id, int32 tag)
{
	return -(int32) (((uint32) id << 3) | (uint32) tag) - 1;
}

/* ---------------------------------------------------------------------------------- */
/* iteration */

/* What iterating an object gives, into dst (evidence: for the protocol methods of instances). */
void
solver_iterate_object(Solver *s, ObjId obj, NodeId dst, int32 evidence, bool async)
{
	Obj			o = s->objs[obj];

	switch (o.kind)
	{
		case OBJ_CONT:
			solver_copy(s, solver_field(s, obj, o.b == SK_DICT ? s->n_key : s->n_elem), dst);
			break;
		case OBJ_GEN:
			solver_copy(s, solver_var(s, o.a, s->n_yield), dst);
			break;
		case OBJ_CLASS:
			solver_copy(s, solver_class_members(s, o.a), dst);
			break;
		case OBJ_INST:
			/*
			 * The old sequence protocol: a class of the repository with __getitem__ and no
			 * __iter__ is iterated by __getitem__(0), (1), ... until IndexError.
			 */
			if (evidence >= 0 && !async && !solver_mro_defines(s, o.a, "__iter__") &&
				solver_mro_defines(s, o.a, "__getitem__") && solver_mro_internal(s, o.a))
			{
				solver_dunder(s, evidence, obj, "__getitem__", NO_NODE, dst);
				break;
			}
			if (evidence >= 0)
			{
				NodeId		iterator = solver_new_node(s);

				solver_dunder(s, evidence, obj, async ? "__aiter__" : "__iter__", NO_NODE, iterator);
				solver_attach_new(s, iterator, C_NEXT, -1, dst, -1, evidence, async);
			}
			break;
		case OBJ_CALLITER:
			if (evidence >= 0)
			{
				const Evidence *e = &s->evidence[evidence];
				bool		by_builtin = e->key % 2 == 0 && s->files[e->file].sum.exprs[e->key / 2].op == SO_CALL;
				CallSpec	spec;

				/* a call run by a builtin (list(), next()) is a call; by a for loop, a dunder */
				if (by_builtin)
					solver_blank_spec(&spec, solver_evidence_as(s, evidence, CK_CALL), CK_CALL);
				else
					solver_blank_spec(&spec, evidence, CK_DUNDER);
				spec.dst = dst;
				spec.flags = SPEC_INTERNAL_ONLY;
				solver_call_through(s, (NodeId) o.a, &spec);
			}
			break;
		default:
			break;
	}
}

/* dst gets the elements of whatever `iterable` holds, now and later. */
void
solver_iterate(Solver *s, NodeId iterable, NodeId dst, int32 evidence)
{
	solver_attach_new(s, iterable, C_ITER, -1, dst, -1, evidence, 0);
}

/*
 * Before list(), tuple(), sorted(), list.extend() or a * into a list, a tuple or a call's
 * arguments iterate an object, CPython asks its __len__ how much to allocate
 * (PyObject_LengthHint).
 */
void
solver_length_hint(Solver *s, NodeId iterable, int32 evidence)
{
	solver_protocol_on(s, iterable, s->n_len, -1, evidence, NO_NODE);
}

/* ---------------------------------------------------------------------------------- */
/* items */

/* A container's field for a constant position: "[0]". */
int32
solver_position(Solver *s, int32 index)
{
	return solver_name_printf(s, "[%d]", index);
}

/* A container's field for a constant string key: "[\'name\']". */
int32
solver_key_field(Solver *s, const char *key)
{
	return solver_name_printf(s, "['%s']", key);
}

/* The string of a "[\'name\']" key field, as a name (globals()["f"] reads the variable f). */
static int32
key_string(Solver *s, int32 field)
{
	const char *f = s->names[field];
	size_t		len = strlen(f);

	if (len < 4 || strncmp(f, "['", 2) != 0 || strcmp(f + len - 2, "']") != 0)
		return -1;
	return solver_name(s, f + 2, len - 4);
}

/* A store into a container: every element read sees it, and reads of its key. */
void
solver_container_store(Solver *s, ObjId container, NodeId value, int32 key)
{
	solver_copy(s, value, solver_elements(s, container));
	solver_copy(s, value, solver_field(s, container, key >= 0 ? key : s->n_unkeyed));
}

/*
 * The length of the list or tuple display that made a container; -1 for another display
 * (a dict's, one with a *: its keys are in place, its length unknown); -2 when no display
 * made it (a comprehension's, list()'s, *args, a slice: its elements are at no known
 * place).
 */
static int32
display_length(Solver *s, ObjId container)
{
	int32		v = idmap_get(&s->displays, container);

	return v < 0 ? -2 : v - 1;
}

/*
 * Marks a container whose elements are at no known place, as a comprehension makes them:
 * a read of a constant key or position gives any of them.
 */
void
solver_placeless(Solver *s, ObjId container)
{
	idmap_put(&s->placeless, container, 1);
}

/* A read of a constant key or position: its own stores, and those of unknown keys. */
void
solver_keyed_read(Solver *s, ObjId container, int32 key, NodeId dst)
{
	int32		length = display_length(s, container);
	const char *name = s->names[key];
	int32		tag = special_key_tag(s->objs[container].a);

	/* *args and **kwargs hold what a call passes them at no known place, too */
	bool		in_place = idmap_get(&s->placeless, container) < 0 && tag != TAG_VARARGS && tag != TAG_VARKW;

	/* lst[-k] of a display of n elements is lst[n - k] */
	if (name[0] == '[' && name[1] == '-')
	{
		long		back = strtol(name + 2, NULL, 10);	/* saturates */

		if (length >= 0 && back > 0 && back <= length)
			key = solver_position(s, length - (int32) back);
		else
			in_place = false;
	}
	solver_copy(s, solver_field(s, container, key), dst);
	solver_copy(s, solver_field(s, container, s->n_unkeyed), dst);
	if (!in_place)
		solver_copy(s, solver_elements(s, container), dst);
}

/* Slices of longer displays hold any of their elements. */
#define SLICE_PLACES_MAX 256

/*
 * lst[start:stop:step] (key: "[:start:stop:step]", see is_slice_key): a new sequence of the
 * same kind. Of a display of known length, with constant bounds, it holds the elements at
 * the places the slice selects, in order, and what was added to the display later;
 * otherwise any element.
 */
static void
slice_load(Solver *s, ObjId obj, int32 key, NodeId dst)
{
	ObjId		part;
	int32		length = display_length(s, obj);
	long		bound[3] = {0, 0, 1};
	bool		given[3] = {false, false, false};
	const char *p = s->names[key] + 1;
	long		lower,
				upper,
				start,
				stop,
				step;
	int32		n = 0;

	/* what no display made holds its elements at no known place: a slice is as good as it */
	if (length == -2 || idmap_get(&s->placeless, obj) >= 0)
	{
		solver_add_obj(s, dst, obj);
		return;
	}
	part = solver_container(s, (int32) dst, s->objs[obj].b);
	solver_add_obj(s, dst, part);
	for (int32 i = 0; i < 3 && *p == ':'; i++)
	{
		char	   *end;

		p++;
		if (*p != ':' && *p != ']' && *p != '\0')
		{
			bound[i] = strtol(p, &end, 10);
			given[i] = end != p;
			if (!given[i])
				length = -1;	/* a bound not constant */
			p = end;
		}
		while (*p != ':' && *p != ']' && *p != '\0')
			p++;
	}
	step = given[2] ? bound[2] : 1;
	/* a step longer than the display selects as one just past it does (no overflow) */
	step = Max(Min(step, (long) length + 1), -(long) length - 1);
	if (length < 0 || length > SLICE_PLACES_MAX || step == 0)
	{
		solver_placeless(s, part);
		solver_copy(s, solver_elements(s, obj), solver_elements(s, part));
		return;
	}
	/* as slice.indices(length) */
	lower = step > 0 ? 0 : -1;
	upper = step > 0 ? length : length - 1;
	start = !given[0] ? (step > 0 ? lower : upper) :
		bound[0] < 0 ? Max(bound[0] + length, lower) : Min(bound[0], upper);
	stop = !given[1] ? (step > 0 ? upper : lower) :
		bound[1] < 0 ? Max(bound[1] + length, lower) : Min(bound[1], upper);
	for (long at = start; step > 0 ? at < stop : at > stop; at += step)
		solver_container_store(s, part, solver_field(s, obj, solver_position(s, (int32) at)),
							   solver_position(s, n++));
	solver_container_store(s, part, solver_field(s, obj, s->n_unkeyed), -1);
	/* its items are in place as a display's; slices of several lengths make it a dict's */
	if (!idmap_put(&s->displays, part, n + 1) && idmap_get(&s->displays, part) != n + 1)
		idmap_set(&s->displays, part, 0);
}

/*
 * A defaultdict whose factory is a container type (defaultdict(list)) holds, as an item
 * of every key, the container it makes for a missing key: what d[key].append(handler)
 * adds is in it, for d.get(key) and d[key] elsewhere to read.
 */
void
solver_default_factory(Solver *s, ObjId dict, ObjId factory)
{
	static const struct
	{
		const char *name;
		int32		kind;
	}			types[] = {
		{"builtins.list", SK_LIST}, {"collections.deque", SK_LIST}, {"builtins.set", SK_SET},
		{"builtins.dict", SK_DICT}, {"collections.OrderedDict", SK_DICT},
		{"collections.defaultdict", SK_DICT}, {"collections.Counter", SK_DICT},
	};
	const Obj  *f = &s->objs[factory];

	if (f->kind != OBJ_EXT)
		return;
	for (size_t i = 0; i < lengthof(types); i++)
		if (strcmp(s->names[f->a], types[i].name) == 0)
		{
			NodeId		made = solver_field(s, dict, solver_name_cstr(s, "<default>"));

			solver_add_obj(s, made, solver_container(s, solver_special_key((int32) dict, TAG_DEFAULT), types[i].kind));
			solver_container_store(s, dict, made, -1);
			return;
		}
}

/* A slice's key ("[:start:stop:step]", see slice_key in solve_setup.c). */
static bool
is_slice_key(Solver *s, int32 key)
{
	return key >= 0 && s->names[key][0] == '[' && s->names[key][1] == ':';
}

/* The items a subscript reads: at a constant key or position, or any (key -1). */
static void
item_read(Solver *s, ObjId obj, int32 key, NodeId dst)
{
	if (key >= 0)
		solver_keyed_read(s, obj, key, dst);
	else
		solver_copy(s, solver_elements(s, obj), dst);
}

void
solver_subscr_load(Solver *s, const SolveConstraint *c, ObjId obj)
{
	Obj			o = s->objs[obj];

	switch (o.kind)
	{
		case OBJ_CONT:
			if (is_slice_key(s, c->b))
				slice_load(s, obj, c->b, c->a);
			else
				item_read(s, obj, c->b, c->a);
			if (c->c >= 0 && idmap_get(&s->field_nodes, ((uint64) obj << 32) | (uint32) s->n_factory) >= 0)
			{
				/*
				 * A defaultdict runs its factory for a missing key (its __missing__) and
				 * stores what it makes: an item of every key.
				 */
				CallSpec	spec;

				solver_blank_spec(&spec, c->c, CK_DUNDER);
				spec.dst = solver_new_node(s);
				spec.detail = solver_name_cstr(s, "__missing__");
				spec.flags = SPEC_NO_EXTERNAL;
				solver_call_through(s, solver_field(s, obj, s->n_factory), &spec);
				solver_container_store(s, obj, spec.dst, -1);
				solver_copy(s, spec.dst, c->a);
			}
			break;
		case OBJ_INST:
			if (solver_mro_defines(s, o.a, "__getitem__"))
			{
				if (c->c >= 0)
					solver_dunder(s, c->c, obj, "__getitem__", c->d, c->a);
				break;
			}
			/*
			 * An external base's __getitem__ (a dict or list subclass): the items stores
			 * put there (a slice: those stored at no known place), and __missing__ of a
			 * dict subclass, which runs for a missing key.
			 */
			if (is_slice_key(s, c->b))
				solver_copy(s, solver_field(s, obj, s->n_unkeyed), c->a);
			else
				item_read(s, obj, c->b, c->a);
			if (c->c >= 0 && solver_mro_defines(s, o.a, "__missing__"))
				solver_dunder(s, c->c, obj, "__missing__", c->d, c->a);
			break;
		case OBJ_CLASS:
			solver_add_obj(s, c->a, solver_class_subscript(s, o.a));
			break;
		case OBJ_NAMESPACE:
			/* globals()["name"], locals()["name"] */
			if (c->b >= 0 && key_string(s, c->b) >= 0)
				solver_copy(s, solver_var(s, o.a, key_string(s, c->b)), c->a);
			break;
		default:
			break;
	}
}

void
solver_subscr_store(Solver *s, const SolveConstraint *c, ObjId obj)
{
	Obj			o = s->objs[obj];

	switch (o.kind)
	{
		case OBJ_CONT:
			/* a metaclass's store into the namespace of class bodies sets the classes' attribute */
			if (c->b >= 0 && key_string(s, c->b) >= 0 && solver_namespace_store(s, obj, key_string(s, c->b), c->a))
				break;
			solver_container_store(s, obj, c->a, c->b);
			solver_copy(s, c->d, solver_field(s, obj, s->n_key));
			break;
		case OBJ_INST:
			if (c->c >= 0)
			{
				CallSpec	spec;

				solver_blank_spec(&spec, c->c, CK_DUNDER);
				spec.self = obj;
				spec.extra[spec.nextra++] = c->d;
				spec.extra[spec.nextra++] = c->a;
				spec.detail = solver_name_cstr(s, "__setitem__");
				spec.flags = SPEC_INTERNAL_ONLY;
				solver_call_through(s, solver_lookup(s, o.a, spec.detail), &spec);
			}
			/* an external base's __setitem__ (a dict or list subclass) keeps the item */
			if (!solver_mro_defines(s, o.a, "__setitem__"))
			{
				solver_container_store(s, obj, c->a, c->b);
				solver_copy(s, c->d, solver_field(s, obj, s->n_key));
			}
			break;
		case OBJ_NAMESPACE:
			if (c->b >= 0 && key_string(s, c->b) >= 0)
				solver_copy(s, c->a, solver_var(s, o.a, key_string(s, c->b)));
			break;
		default:
			break;
	}
}

