/*
 * solve_private.h: what the parts of the solve share (solve_*.c).
 */
#ifndef CODECPG_SOLVE_PRIVATE_H
#define CODECPG_SOLVE_PRIVATE_H

#include "common/arrays.h"
#include "cpg/solve.h"

typedef enum ConstraintKind
{
	C_CALL,						/* a = spec */
	C_ATTR_LOAD,				/* a = dst node, b = name, c = evidence for a property getter */
	C_INST_ATTR,				/* on a lookup node: a = dst, b = receiver object, c = evidence, d = name */
	C_CLASS_ATTR,				/* on a lookup node: a = dst, b = class object, c = expression read (a descriptor's evidence) */
	C_ATTR_STORE,				/* a = value node, b = name, c = evidence for a property setter */
	C_ATTR_DEL,					/* b = name, c = evidence */
	C_ACCESSOR,					/* on a lookup node: a = receiver, b = field (fset/fdel), c = evidence, d = value node */
	C_SUBSCR_LOAD,				/* a = dst, b = key name or -1, c = evidence, d = index node */
	C_SUBSCR_STORE,				/* a = value, b = key name or -1, c = evidence, d = index node */
	C_SUBSCR_DEL,				/* c = evidence, d = index node */
	C_ITER,						/* a = dst, c = evidence or -1, d = async */
	C_NEXT,						/* a = dst, c = evidence or -1, d = async: one step of an iterator */
	C_ELEM,						/* a = dst, b = index, c = evidence */
	C_STARREST,					/* a = the list object the rest goes into */
	C_ENTER,					/* a = dst, c = evidence, d = async */
	C_OPERATOR,					/* a = dst, b = other operand node, c = evidence, d = operator (+ REFLECTED) */
	C_TRUTH,					/* c = evidence */
	C_FORMAT,					/* c = evidence, d = conversion */
	C_AWAIT,					/* a = dst, c = evidence */
	C_BASES,					/* a = class scope */
	C_EXCEPT,					/* a = dst */
	C_YIELD_FROM,				/* a = dst: the delegated generator's return value */
	C_SUPER,					/* a = dst, b = class scope (the super() argument) or -1 when from the arg node c */
	C_SUPER_CLASS,				/* on super()'s first argument: a = dst, b = receiver node */
	C_DUNDER_ON,				/* a = dst, b = dunder name, c = evidence, d = 1 + the name run if the
								 * class lacks b (0: none): solver_protocol_on */
	C_TYPE_OF,					/* a = dst: the class of an instance */
	C_WRAP,						/* a = dst, b = OBJ_STATIC or OBJ_CLSMETHOD */
	C_METACLASS,				/* on a metaclass expression: a = class scope created, c = evidence (the class statement) */
	C_META_CALL,				/* on a metaclass expression: a = spec of a call of the class, b = the class object */
	C_META_ATTR,				/* on a metaclass expression: a = dst, b = the class object read, c = name */
	C_ATTR_PREFIX,				/* a = dst, b = prefix: getattr(x, "on_" + name), every attribute named so */
	C_NEW_INSTANCE,				/* a = dst, b = OBJ_INST's b: an instance of each class (object.__new__) */
	C_RECEIVER,					/* a = a method's first parameter, b = its class: what a plain call passes as
								 * self; d = RECEIVER_INSTANCES: instances of b only */
	C_DEFAULT_FACTORY,			/* on a defaultdict's factory: a = the dict object */
	C_CLASSES_MADE,				/* on type.__new__'s first argument: a = dst, the classes a metaclass makes */
} ConstraintKind;

#define OPERATOR_REFLECTED 0x200
#define RECEIVER_INSTANCES 1

/* Attribute steps an external name is followed (os -> os.path -> os.path.join). */
#define EXT_MAX_STEPS 3

/*
 * A class base written subscripted (Base[T], Generic[T]) is what the alias's
 * __mro_entries__ gives (PEP 560), the class subscripted: callers take a project class
 * from it, not an external name (typing.List[int] stands for list, which the name does not
 * say).
 */
static inline int32
base_origin(const Summary *sum, int32 expr)
{
	for (int32 depth = 0; expr >= 0 && sum->exprs[expr].op == SO_SUBSCR && depth < 8; depth++)
		expr = sum->exprs[expr].a;
	return expr;
}

/* Summary records seen from the solve: global scope ids, callers, names and evidence. */
static inline int32
gscope(const Solver *s, int32 file, int32 local)
{
	return s->files[file].scope_base + local;
}

static inline int32
caller_of(const Solver *s, int32 file, int32 local)
{
	return s->scopes[gscope(s, file, local)].caller;
}

static inline int32
expr_evidence(Solver *s, int32 file, int32 expr, int32 kind)
{
	const SumExpr *e = &s->files[file].sum.exprs[expr];

	return solver_evidence(s, file, caller_of(s, file, e->scope), kind, expr * 2, e->bstart, e->bend);
}

/*
 * The evidence of what reading an attribute runs (a property's getter, a descriptor's
 * __get__, a module's __getattr__): a property link where the expression reads the
 * attribute; where it is a getattr() or hasattr() call, a call link, or a dunder link for
 * a protocol method, as the instruction that runs them (CALL) is labelled.
 */
static inline int32
access_evidence(Solver *s, int32 file, int32 expr, bool protocol)
{
	int32		kind = s->files[file].sum.exprs[expr].op != SO_CALL ? CK_PROPERTY : protocol ? CK_DUNDER : CK_CALL;

	return expr_evidence(s, file, expr, kind);
}

static inline int32
effect_evidence(Solver *s, int32 file, int32 effect, int32 kind)
{
	const SumEffect *e = &s->files[file].sum.effects[effect];

	return solver_evidence(s, file, caller_of(s, file, e->scope), kind, effect * 2 + 1, e->bstart, e->bend);
}

static inline int32
fname(const Solver *s, int32 file, int32 str)
{
	return str < 0 ? -1 : s->files[file].names[str];
}

/* solve_rules.c */
/* an operator's dunder: its name, the reflected one, the in-place one (NULL: none) */
extern const char *const solver_operator_dunders[OP__COUNT][3];
extern int32 solver_spec(Solver *s, const CallSpec *spec);
extern void solver_call_through(Solver *s, NodeId callees, const CallSpec *spec);
extern void solver_call(Solver *s, int32 spec, ObjId callee);
extern void solver_protocol_call(Solver *s, int32 evidence, ObjId self, int32 name,
								 const NodeId *args, int32 nargs, NodeId dst);
extern void solver_dunder(Solver *s, int32 evidence, ObjId self, const char *name,
						  NodeId arg, NodeId dst);
extern void solver_protocol_on(Solver *s, NodeId values, int32 name, int32 fallback, int32 evidence,
							   NodeId dst);
extern void solver_attach_new(Solver *s, NodeId node, int32 kind, int32 file, int32 a, int32 b, int32 c, int32 d);
extern void solver_blank_spec(CallSpec *spec, int32 evidence, int32 kind);
extern int32 solver_evidence_as(Solver *s, int32 evidence, int32 kind);

/* solve_items.c: containers, their items (C_SUBSCR_LOAD, C_SUBSCR_STORE) and iteration */
extern ObjId solver_container(Solver *s, int32 key, int32 kind);
extern NodeId solver_elements(Solver *s, ObjId container);
extern int32 solver_special_key(int32 id, int32 tag);
extern int32 solver_position(Solver *s, int32 index);
extern int32 solver_key_field(Solver *s, const char *key);
extern void solver_container_store(Solver *s, ObjId container, NodeId value, int32 key);
extern void solver_keyed_read(Solver *s, ObjId container, int32 key, NodeId dst);
extern void solver_placeless(Solver *s, ObjId container);
extern void solver_default_factory(Solver *s, ObjId dict, ObjId factory);
extern void solver_subscr_load(Solver *s, const SolveConstraint *c, ObjId obj);
extern void solver_subscr_store(Solver *s, const SolveConstraint *c, ObjId obj);
extern void solver_iterate_object(Solver *s, ObjId obj, NodeId dst, int32 evidence, bool async);
extern void solver_iterate(Solver *s, NodeId iterable, NodeId dst, int32 evidence);
extern void solver_length_hint(Solver *s, NodeId iterable, int32 evidence);

#define TAG_NAMESPACE	0		/* a class body's namespace, as its metaclass gets it */
#define TAG_VARARGS	1
#define TAG_VARKW	2
#define TAG_VALUES	3
#define TAG_KEYS	4
#define TAG_ITEMS	5
#define TAG_PAIR	6
#define TAG_DEFAULT	7

/* The tag and the id of a container's key made by solver_special_key; -1 for an expression's. */
static inline int32
special_key_tag(int32 key)
{
	return key < 0 ? (-key - 1) & 7 : -1;
}

static inline int32
special_key_id(int32 key)
{
	return (-key - 1) >> 3;
}

/* solve_attributes.c: the attribute constraints (C_ATTR_LOAD ... C_ATTR_PREFIX) */
extern void solver_attr_load(Solver *s, const SolveConstraint *c, ObjId obj);
extern void solver_attr_prefix_load(Solver *s, const SolveConstraint *c, ObjId obj);
extern void solver_module_getattr(Solver *s, int32 evidence, int32 module, NodeId dst);
extern void solver_attr_hook(Solver *s, int32 file, int32 effect, ObjId obj, int32 hook, NodeId value);
extern bool solver_module_binds(const Solver *s, int32 module, int32 name);
extern bool solver_module_may_bind(Solver *s, int32 module, int32 name);

/* At most this many attributes are read for one getattr by prefix on one object. */
#define PREFIXED_NAMES_MAX 256
extern int32 solver_prefixed_names(Solver *s, ObjId obj, int32 prefix_name, int32 *names, int32 max);
extern void solver_inst_attr(Solver *s, const SolveConstraint *c, ObjId value);
extern void solver_class_attr(Solver *s, const SolveConstraint *c, ObjId value);
extern void solver_attr_store(Solver *s, const SolveConstraint *c, ObjId obj);
extern void solver_accessor(Solver *s, const SolveConstraint *c, ObjId value);

/* solve_setup.c */
extern bool solver_import_runs(Solver *s, int32 evidence, int32 importer, const char *dotted);

/* solve_usage.c */
extern bool solver_seed_by_usage(Solver *s);

/* solve_setup.c: refinement */
extern bool solver_holds_no_code(const Solver *s, NodeId node);

/* solve_builtins.c: calls of names outside the repository that the solve models */
extern bool solver_call_external(Solver *s, int32 spec, int32 name);
extern void solver_call_bmethod(Solver *s, int32 spec, ObjId bmethod);
extern ObjId solver_module_object(Solver *s, const char *name);

/* solve_external.c: names outside the repository that are no calls */
extern bool solver_external_is_data(const char *name);
extern int	solver_external_has_attr(const char *base, const char *name);

/* solve_classes.c */
extern bool solver_mro_defines(Solver *s, int32 cls, const char *name);
extern bool solver_mro_binds(Solver *s, int32 cls, int32 name);
extern const GScope *solver_class_mro(Solver *s, int32 cls);
extern NodeId solver_lookup_after(Solver *s, int32 receiver_cls, int32 after, int32 name);
extern void solver_class_binds(Solver *s, int32 cls, int32 name);
extern int32 solver_class_family(Solver *s, int32 cls, int32 *out, int32 max);
extern void solver_bind_fields(Solver *s, const CallSpec *spec, int32 cls);
/* solve_library.c */
extern bool solver_call_library(Solver *s, int32 spec_id, int32 name);
extern void solver_call_library_object(Solver *s, int32 spec_id, ObjId callee);
extern void solver_library_attr(Solver *s, ObjId obj, int32 name, NodeId dst);
extern void solver_singledispatch_register(Solver *s, const CallSpec *spec, ObjId dispatcher);
extern void solver_namedtuple_attr(Solver *s, ObjId obj, int32 name, NodeId dst);
extern bool solver_namedtuple_call(Solver *s, const CallSpec *spec, ObjId obj, int32 name);
extern void solver_singledispatch_bind(Solver *s, ObjId dispatcher, ObjId instance, NodeId dst);
/* solve_builtins.c: a call's arguments */
extern NodeId solver_positional(Solver *s, const CallSpec *spec, int32 index);
extern NodeId solver_keyword(Solver *s, const CallSpec *spec, const char *name);
extern const char *solver_constant_string(Solver *s, const CallSpec *spec, int32 index);
extern void solver_getattr_read(Solver *s, int32 evidence, NodeId receiver, ObjId inst, int32 name, NodeId dst);
extern void solver_run_getattr(Solver *s, const GetattrRead *read);
extern bool solver_descriptor_call(Solver *s, int32 evidence, ObjId desc, int32 name, ObjId instance,
								   NodeId value, NodeId dst);
extern void solver_run_metaclass(Solver *s, int32 evidence, int32 metaclass, int32 cls);
extern bool solver_namespace_store(Solver *s, ObjId container, int32 name, NodeId value);
extern NodeId solver_classes_made(Solver *s, int32 metaclass);
extern NodeId solver_metaclass_node(Solver *s, int32 cls);
extern bool solver_in_mro(Solver *s, int32 cls, int32 ancestor);
extern bool solver_mro_total_ordering(Solver *s, int32 cls);
extern bool solver_mro_internal(Solver *s, int32 cls);
extern bool solver_is_metaclass(Solver *s, int32 cls);
extern ObjId solver_class_subscript(Solver *s, int32 cls);

#endif
