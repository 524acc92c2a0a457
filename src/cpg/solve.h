/*
 * solve.h: the repository solve — a whole-program points-to analysis over the files'
 * summaries (summary.h), in memory, and the call graph it implies.
 *
 * The approach is PyCG's assignment graph made an Andersen-style constraint system:
 * every expression, variable (a scope's name), attribute of an object, element of a
 * container and return value is a node with a set of abstract objects it may hold
 * (functions, classes, instances of a class, modules, bound methods, containers by
 * creation site, generators, names outside the repository). Copy edges carry sets from
 * node to node; constraints attached to a node (an attribute read of it, a call of it,
 * iterating it...) fire for every new object the node gets and may add nodes, edges
 * and objects. The fixpoint is flow- and context-insensitive; where cheap it is refined
 * as JARVIS does: attribute reads follow C3 MROs exactly, instance attributes are
 * per class, and a few second rounds (solve_rules.c) seed what stayed empty.
 *
 * Every call the solve discovers (explicit calls, decorator applications, imports,
 * class bodies, property accessors, protocol methods Python runs implicitly) is an edge
 * from an evidence (a span in a file, run by a scope) to a scope of the repository or
 * to an external qualified name.
 */
#ifndef CODECPG_SOLVE_H
#define CODECPG_SOLVE_H

#include "cpg/naming.h"
#include "lib/stringinfo.h"
#include "cpg/summary.h"

/*
 * Stored with every graph row: a refresh of an index run redoes a graph resolved by
 * another version of the rules below. Bump it whenever they change what they find.
 */
#define CPG_RESOLVER_VERSION "0.2.0-10"

typedef uint32 NodeId;
typedef uint32 ObjId;

#define NO_NODE ((NodeId) 0xFFFFFFFF)

typedef enum ObjKind
{
	OBJ_MODULE,					/* a = module index */
	OBJ_FUNC,					/* a = scope (a def or lambda) */
	OBJ_CLASS,					/* a = class scope */
	OBJ_INST,					/* a = class scope: its instances; b = 0, or INST_IN_NEW */
	OBJ_BOUND,					/* a = function scope, b = receiver object */
	OBJ_EXT,					/* a = name: something outside the repository; b = attribute steps from its import */
	OBJ_OPAQUE,					/* a value of code outside the repository (what calling it returned): nothing to follow */
	OBJ_CONT,					/* a = creating evidence key, b = SumContainer */
	OBJ_GEN,					/* a = generator function scope: its generators */
	OBJ_SUPER,					/* a = class scope lookup starts after, b = receiver */
	OBJ_PARTIAL,				/* a = file, b = expression of the functools.partial call */
	OBJ_STATIC,					/* a = wrapped object (staticmethod) */
	OBJ_CLSMETHOD,				/* a = wrapped object (classmethod) */
	OBJ_PROPERTY,				/* a = creating expression key; getter/setter/deleter are fields */
	OBJ_BMETHOD,				/* a = container object (or a property subclass instance), b = method name: a bound builtin method */
	OBJ_WRAPS,					/* functools.wraps(...) result: a decorator returning its argument */
	OBJ_NAMESPACE,				/* a = scope: what globals() or locals() returns */
	OBJ_CALLITER,				/* a = node of the callable iter(callable, sentinel) calls at each step */
	OBJ_DISPATCH,				/* a = receiver object, b = prefix name: getattr(a, "visit_" + kind), any
								 * attribute so named; its fields hold them, one node per name */
	OBJ_FACTORY,				/* a = node of what a field's generated default calls:
								 * dataclasses.field(default_factory=...), attr.Factory(...) */
	OBJ_SINGLEDISPATCH,			/* a = node of the function functools.singledispatch(method) made
								 * it of; field <registry>: its registered implementations */
	OBJ_METHODCALLER,			/* a = name: operator.methodcaller(name) */
	OBJ_ATTRGETTER,				/* a = name: operator.attrgetter(name) */
	OBJ_ANY_MODULE,				/* a module import_module() loads by a name the code computes:
								 * a = the call's evidence as an import, b = importing module */
} ObjKind;

/* The instance object.__new__ makes in the class's own __new__, with fields of its own. */
#define INST_IN_NEW 1

typedef struct Obj
{
	int32		kind;
	int32		a;
	int32		b;
} Obj;

/* A scope of the repository: a module, class, def, lambda or comprehension. */
typedef struct GScope
{
	int32		file;
	int32		local;			/* index in the file's summary */
	int32		kind;			/* SumScopeKind */
	int32		parent;			/* global scope, -1 for a module */
	int32		caller;			/* the scope calls in it are attributed to (comprehensions: their owner) */
	int32		cls;			/* for a method: its class scope, else -1 */
	int32		module;			/* module index of the file */
	int32		nbases_seen;	/* bases known when the MRO was last computed */
	int32	   *mro;			/* class scopes, C3; negative: -(name + 1) of an external base */
	int32		nmro;
	int32	   *subclasses;		/* direct subclasses */
	int32		nsub;
	int32		capsub;
	struct ClassLookup *lookups;	/* the lookup nodes of the class, redone when its MRO changes */
	int32		nlookups;
	int32		caplookups;
	int32		first_param;	/* global name of the first parameter, or -1 */
	int32		method_kind;	/* MK_* for a function defined in a class body */
	int32		returns_param;	/* positional parameter returns give back as it came, or -1 */
	bool		returns_only_param; /* every return gives back returns_param */
	int32		none_guard_param;	/* positional parameter returns under `if it is None:` test, or -1 */
	int32		getattr_delegate;	/* a __getattr__ returning getattr(X, name): X's expression, or -1 */
	int32	   *fields;			/* a class's annotated names, in order: what a generated __init__ binds */
	int32		nfields;
	int32		capfields;
	bool		computing;		/* its MRO is being computed (a cycle of bases) */
	uint32		mark;			/* visited by the walk of that number (solver_class_family) */
	bool		seeded;			/* the refinement seeded its first parameter */
	bool		metaclass_run;	/* the refinement made its class statement run its metaclass */
	bool		instantiated;	/* a class some call of the program instantiates */
	bool		total_ordering;	/* a class decorated with functools.total_ordering */
} GScope;

/* A read __getattr__ may answer, if nothing else does (solver_refine). */
typedef struct GetattrRead
{
	int32		evidence;
	NodeId		receiver;		/* the node read from (obj in obj.name) */
	ObjId		inst;
	int32		name;
	NodeId		dst;
	bool		done;
} GetattrRead;

typedef struct ClassLookup
{
	int32		name;
	NodeId		node;
	int32		after;			/* super(): the lookup starts after this class of the MRO, or -1 */
} ClassLookup;

#define MK_NONE			0		/* not a method */
#define MK_METHOD		1
#define MK_STATIC		2
#define MK_CLASSMETHOD	3

/* A module of the repository (a file) and the names it defines at its top level. */
typedef struct GModule
{
	const char *name;
	int32		file;
	int32		scope;			/* its module scope */
	bool		is_package;
	bool		star_imports;	/* its body star-imports: it may bind any name */
} GModule;

typedef struct GFile
{
	const char *path;
	const char *file_id;
	const char *sha256;			/* of the source the summary was built from */
	Summary		sum;
	int32		module;
	int32		scope_base;		/* global scope of local scope 0 */
	NodeId		expr_base;		/* node of expression 0 */
	int32	   *names;			/* summary string -> global name id */
	int32	   *import_module;	/* per import: module index of what it names, or -1 */
} GFile;

/* Where an edge comes from: a span of a file, in the code of a scope. */
typedef struct Evidence
{
	int32		file;
	int32		caller;			/* global scope */
	int32		kind;			/* CallKind */
	int32		bstart;
	int32		bend;
	int32		key;			/* expression or effect index, per kind */
} Evidence;

typedef enum CallKind
{
	CK_CALL,
	CK_DECORATOR,
	CK_IMPORT,
	CK_CLASS_BODY,
	CK_PROPERTY,
	CK_DUNDER,
	CK__COUNT
} CallKind;

extern const char *const cpg_call_kind_names[];

typedef struct CallEdge
{
	int32		evidence;
	int32		target;			/* >= 0: global scope; < 0: -(external name + 1) */
	int32		detail;			/* name of the dunder / accessor, or -1 */
} CallEdge;

#define NO_OBJ ((ObjId) 0xFFFFFFFF)

/*
 * A call the solve makes of whatever objects a node holds: an explicit call (its
 * arguments in the summary), or one Python makes implicitly (a decorator with the
 * decorated object, a protocol method with its operand, a property accessor).
 */
typedef struct CallSpec
{
	int32		evidence;
	int32		kind;			/* CallKind of the edges */
	int32		file;			/* explicit arguments: args[first_arg .. + nargs) of this file */
	int32		first_arg;
	int32		nargs;
	int32		pre_file;		/* arguments bound before them (functools.partial), or -1 */
	int32		pre_first;
	int32		pre_nargs;
	ObjId		self;			/* bound to the first parameter, or NO_OBJ */
	NodeId		extra[3];		/* positional arguments after self (implicit calls) */
	int32		nextra;
	NodeId		dst;			/* receives the result, or NO_NODE */
	int32		detail;			/* name shown on the edge (a dunder), or -1 */
	int32		flags;			/* SPEC_* */
	int32		depth;			/* specs derived from specs (a method found on the callee, a partial) */
} CallSpec;

/* A call of a call of a call...: deeper derivations are cycles (f = partial(f, x)). */
#define SPEC_MAX_DEPTH 4

#define SPEC_INTERNAL_ONLY	0x01	/* only the repository's own functions are edges (dunders, __new__) */
#define SPEC_NO_EXTERNAL	0x02	/* the repository's functions and classes, no external name (a factory) */
#define SPEC_FACTORY		0x04	/* only a field's factory (OBJ_FACTORY), which a generated __init__ calls */
#define SPEC_DISPATCHED		0x08	/* the first argument is not bound: a singledispatch
										 * implementation gets only values of its type */

/* Constraints fire for each object a trigger node gets. */
typedef struct SolveConstraint
{
	int32		kind;			/* ConstraintKind (solve_rules.c) */
	int32		file;
	int32		a;
	int32		b;
	int32		c;
	int32		d;
} SolveConstraint;

/* Objects a node had propagated when a constraint was attached to it: fired by solver_run. */
typedef struct Replay
{
	NodeId		node;
	int32		constraint;
	int32		upto;
} Replay;

/*
 * A list of 4-byte ids in the solver's ListPool (below): a block number and an offset in
 * it. The pool's first two ids are never handed out, so 0 is no list.
 */
typedef uint32 ListRef;

#define LIST_BLOCK_SHIFT 20
#define LIST_BLOCK_IDS (1 << LIST_BLOCK_SHIFT)

/*
 * A node's lists have room for list_capacity(count) entries (solve_core.c). With lists
 * named by 32-bit references and no capacity stored, a node is 28 bytes: the standard
 * library's solve makes 800,000 of them.
 */
typedef struct NodeData
{
	ListRef		objs;			/* insertion order; objs[done..n) not yet propagated */
	ListRef		succ;			/* copy edges */
	ListRef		cons;			/* constraints triggered by this node */
	uint16		n;				/* at most NODE_MAX_METHODS */
	uint16		done;
	int32		nsucc;
	int32		ncons;
	bool		queued;
	bool		capped;
	bool		mixed;			/* holds objects of two kinds, or of one other than bound methods and instances */
} NodeData;

/*
 * The nodes' lists, in power-of-two sizes from 2, cut from blocks of LIST_BLOCK_IDS ids
 * that never move. A list outgrowing its size moves to the next, and the one it leaves is
 * reused by the next list of that size; a list of a quarter of a block or more has a block
 * of its own.
 */
#define LIST_SIZE_CLASSES 32

typedef struct ListPool
{
	uint32	  **blocks;
	int32		nblocks;
	int32		capblocks;
	int32		current;		/* the block lists are cut from */
	uint32		used;			/* ids of it cut */
	ListRef		free[LIST_SIZE_CLASSES];	/* each free list's first id is the next one */
} ListPool;

/*
 * Open-addressing map from a 64-bit key to an int32 (ids, nodes). A key and its value
 * share a slot: a probe reads one cache line, not one in each of two arrays.
 */
typedef struct IdMapSlot
{
	uint64		key;
	int32		value;
} IdMapSlot;

typedef struct IdMap
{
	IdMapSlot  *slots;
	uint64		capacity;
	uint64		count;
} IdMap;

/*
 * What the class statements governed by one metaclass share (solve_classes.c): the classes
 * whose bodies fill its namespace parameter, and what the metaclass stores there by name.
 */
typedef struct NamespaceStore
{
	int32		name;			/* a solver name */
	NodeId		value;
} NamespaceStore;

typedef struct MetaNamespace
{
	int32	   *classes;
	int32		nclasses;
	int32		capclasses;
	NamespaceStore *stores;
	int32		nstores;
	int32		capstores;
} MetaNamespace;

typedef struct Solver
{
	MemoryContext cxt;
	GFile	   *files;
	int32		nfiles;
	int32		capfiles;
	GModule    *modules;
	int32		nmodules;
	int32		capmodules;
	IdMap		module_by_name;	/* name id -> module */
	IdMap		package_prefixes;	/* name ids of every dotted prefix of a module name: packages, namespace ones too */
	GScope	   *scopes;
	int32		nscopes;
	int32		capscopes;

	/* names: every identifier and dotted name, interned */
	char	  **names;
	int32		nnames;
	int32		capnames;
	IdMap		name_ids;		/* hash -> chain head (see solve_core.c) */
	int32	   *name_next;
	StringInfoData scratch;		/* solver_name_printf's buffer */

	Obj		   *objs;
	int32		nobjs;
	int32		capobjs;
	IdMap		obj_ids;

	NodeData   *nodes;
	NodeId		nnodes;
	NodeId		capnodes;
	ListPool	lists;
	IdMap		var_nodes;		/* (scope, name) */
	IdMap		field_nodes;	/* (object, name) */
	IdMap		lookup_nodes;	/* (class scope, name): attribute lookup along the MRO */
	IdMap		super_nodes;	/* (receiver class, after, name): lookup after a class */
	IdMap		class_binds;	/* (class scope, name): the class defines the name */
	IdMap		module_binds;	/* (module scope, name): a statement of the module's body binds it */
	IdMap		inst_binds;		/* (class scope, name): a method of the class assigns self.name */
	IdMap		placeless;		/* containers whose elements are at no known place (solver_placeless) */
	IdMap		displays;		/* container objects a display makes (their items are in place):
								 * 1 + a list's or tuple's length, 0 when unknown (a dict, a *) */
	IdMap		def_binds;		/* (class scope, name): a def or class statement of its body binds it */
	IdMap		specs_by_key;	/* call specifications made once per (evidence, object) */
	IdMap		copies;			/* (from, to) of nodes with many successors */

	SolveConstraint *cons;
	int32		ncons;
	int32		capcons;
	CallSpec   *specs;
	int32		nspecs;
	int32		capspecs;

	Replay	   *replays;
	int32		nreplays;
	int32		capreplays;
	NodeId	   *queue;
	int64		qhead;
	int64		qtail;
	int64		qcap;

	Evidence   *evidence;
	int32		nevidence;
	int32		capevidence;
	IdMap		evidence_ids;
	CallEdge   *edges;
	int32		nedges;
	int32		capedges;
	IdMap		edge_ids;

	/* names the rules use */
	int32		n_return, n_return_if_none, n_yield, n_elem, n_key, n_unkeyed, n_init, n_new, n_members, n_call,
				n_class, n_fget, n_fset, n_fdel, n_func, n_args, n_get, n_set, n_delete, n_set_name, n_itself,
				n_object_new, n_type, n_factory, n_dict, n_getattr, n_setattr, n_delattr, n_len, n_iter,
				n_registry, n_register;
	int32		n_init_hooks[3];	/* what a generated __init__ calls, in order */
	int32		n_root_bases[7];	/* external bases no lookup finds a method in: object, markers */

	/* what the refinement rounds revisit */
	int32	   *decorations;	/* (file, expression) pairs of decorator applications */
	int32		ndecorations;
	int32		capdecorations;
	int32	   *annotated;		/* (file, effect) pairs of annotated assignments */
	int32		nannotated;
	int32		capannotated;
	int32	   *star_globals;	/* (node, builtins.<name>) pairs: builtins read in star-importing modules */
	int32		nstar_globals;
	int32		capstar_globals;
	struct GetattrRead *getattr_reads;	/* reads of a name an instance lacks, its class having __getattr__ */
	int32		ngetattr_reads;
	int32		capgetattr_reads;
	int32	   *operators;		/* (file, expression) pairs of binary operators and comparisons */
	int32		noperators;
	int32		capoperators;
	int32	   *class_statements;	/* (file, effect) pairs of class statements */
	int32		nclass_statements;
	int32		capclass_statements;
	int32	   *excepts;		/* (file, expression) pairs of `except C as name` */
	int32		nexcepts;
	int32		capexcepts;
	IdMap		namespace_ids;	/* metaclass scope -> index in namespaces */
	MetaNamespace *namespaces;
	int32		nnamespaces;
	int32		capnamespaces;

	uint32		family_mark;
	int64		steps;
	int32		capped_nodes;
	int32		rounds;
	bool		usage_seeded;	/* solver_seed_by_usage ran */
} Solver;

static inline uint32 *
solver_list(const ListPool *pool, ListRef ref)
{
	return pool->blocks[ref >> LIST_BLOCK_SHIFT] + (ref & (LIST_BLOCK_IDS - 1));
}

/* The objects a node holds, n of them: valid until an object is added to it. */
static inline const ObjId *
node_objs(const Solver *s, const NodeData *node)
{
	return solver_list(&s->lists, node->objs);
}

/* solve_core.c: names, objects, nodes, sets, the worklist */
extern void idmap_init(IdMap *m, uint64 capacity);
extern int32 idmap_get(const IdMap *m, uint64 key);
extern bool idmap_put(IdMap *m, uint64 key, int32 value);
extern void idmap_set(IdMap *m, uint64 key, int32 value);
extern int32 solver_name(Solver *s, const char *name, int32 len);
extern int32 solver_name_cstr(Solver *s, const char *name);
extern int32 solver_name_printf(Solver *s, const char *fmt,...) pg_attribute_printf(2, 3);
extern ObjId solver_obj(Solver *s, int32 kind, int32 a, int32 b);
extern void solver_lists_init(ListPool *pool);
extern void solver_reserve_nodes(Solver *s, NodeId n);
extern NodeId solver_new_nodes(Solver *s, NodeId n);
extern NodeId solver_new_node(Solver *s);
extern NodeId solver_var(Solver *s, int32 scope, int32 name);
extern NodeId solver_field(Solver *s, ObjId obj, int32 name);
extern bool solver_add_obj(Solver *s, NodeId node, ObjId obj);
extern void solver_copy(Solver *s, NodeId from, NodeId to);
extern void solver_copy_code(Solver *s, NodeId from, NodeId to);
extern void solver_attach(Solver *s, NodeId node, int32 constraint);
extern int32 solver_constraint(Solver *s, int32 kind, int32 file, int32 a, int32 b, int32 c, int32 d);
extern void solver_run(Solver *s);
extern int32 solver_evidence(Solver *s, int32 file, int32 caller, int32 kind, int32 key, int32 bstart, int32 bend);
extern void solver_edge(Solver *s, int32 evidence, int32 target, int32 detail);

static inline NodeId
expr_node(const Solver *s, int32 file, int32 expr)
{
	return expr < 0 ? NO_NODE : s->files[file].expr_base + (NodeId) expr;
}

/* solve_rules.c: the constraints, and setting up a file's */
extern void solver_setup_file(Solver *s, int32 file);
extern void solver_fire(Solver *s, int32 constraint, ObjId obj);
extern bool solver_refine(Solver *s);

/* solve_classes.c: classes, MROs, attribute lookup */
extern void solver_class_bases_changed(Solver *s, int32 cls);
extern NodeId solver_lookup(Solver *s, int32 cls, int32 name);
extern NodeId solver_class_members(Solver *s, int32 cls);
extern int32 solver_lookup_external(Solver *s, int32 cls, int32 name);
extern bool solver_class_defines(Solver *s, int32 cls, int32 name);
extern void solver_compute_mro(Solver *s, int32 cls);

/* solve.c: loading summaries and driving the solve */
extern Solver *solver_create(NodeId nexprs);
extern void solver_add_file(Solver *s, const char *path, const char *file_id, const char *sha256,
							const Summary *sum, const CpgNaming *naming);
extern void solver_solve(Solver *s);
extern char *solver_scope_fqn(Solver *s, int32 scope);
extern NodeId solver_return_node(Solver *s, int32 file, const SumEffect *e);

#endif
