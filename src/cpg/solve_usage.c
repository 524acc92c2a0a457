/*
 * solve_usage.c: what a parameter nothing of the repository reaches holds, known from
 * what its function reads off it.
 *
 * A library's entry points take their arguments from code outside the repository:
 * networkx's algorithms a user's Graph, a framework's views a request, a validator the
 * instance it checks. After a fixpoint such a parameter is still empty (and has no
 * annotation, which solver_refine reads first), so nothing the function does with it
 * reaches the repository's code. The attributes the function reads off it say what it
 * must be: the classes of the repository that have them all (bound in their bodies, or
 * assigned on self, along the MRO). The parameter gets instances of those classes and of
 * their subclasses whose MRO is all the repository's (a subclass of str or of an external
 * class would take every other name it is asked for from the external one), as an
 * annotation naming them would give, when that is a small family:
 * a name most classes have (`write`, `get`) or only names builtin types have too
 * (`items`, `split`: likely a dict or a string) says too little.
 */
#include "postgres.h"

#include "cpg/solve.h"
#include "cpg/solve_private.h"
#include "miscadmin.h"

/* Classes a parameter's attributes may name at most, counted without their subclasses. */
#define USAGE_MAX_ROOTS 3
/* Instances a parameter may get at most, subclasses included. */
#define USAGE_MAX_INSTANCES 32
/* Distinct attribute names read off one parameter that are looked at. */
#define USAGE_MAX_NAMES 16
/*
 * Fewer names than this are too little evidence: with two, the classes having both were
 * too often not what callers pass (a third of the rows they added to SQLAlchemy's and
 * Django's graphs looked wrong, spreading from the parameter to every use of the value).
 */
#define USAGE_MIN_NAMES 3

/* An attribute read off a variable of a function: scope, variable and attribute names. */
typedef struct VarRead
{
	int32		scope;
	int32		var;
	int32		attr;
} VarRead;

/* The classes binding a name in their bodies or on self, by name: chained through `next`. */
typedef struct Binders
{
	IdMap		first;			/* name -> first index of cls/next */
	int32	   *cls;
	int32	   *next;
	int32		n;
	int32		cap;
} Binders;

static int
var_read_cmp(const void *a, const void *b)
{
	const VarRead *x = a;
	const VarRead *y = b;

	if (x->scope != y->scope)
		return x->scope < y->scope ? -1 : 1;
	if (x->var != y->var)
		return x->var < y->var ? -1 : 1;
	return x->attr < y->attr ? -1 : x->attr > y->attr ? 1 : 0;
}

/*
 * The public attributes of Python 3.11's str, bytes, bytearray, list, dict, set,
 * frozenset, tuple, int, float, complex, memoryview, range, text and binary files and
 * regular expressions and their matches, sorted: read off a value, they do not tell a
 * class of the repository from a builtin value (a class mimicking one, UserString, has
 * them all).
 */
static const char *const builtin_type_names[] = {
	"add", "append", "as_integer_ratio", "bit_count", "bit_length", "buffer",
	"c_contiguous", "capitalize", "casefold", "cast", "center", "clear", "close", "closed",
	"conjugate", "contiguous", "copy", "count", "decode", "denominator", "detach",
	"difference", "difference_update", "discard", "encode", "encoding", "end", "endpos",
	"endswith", "errors", "expand", "expandtabs", "extend", "f_contiguous", "fileno",
	"find", "findall", "finditer", "flags", "flush", "format", "format_map", "from_bytes",
	"fromhex", "fromkeys", "fullmatch", "get", "group", "groupdict", "groupindex",
	"groups", "hex", "imag", "index", "insert", "intersection", "intersection_update",
	"is_integer", "isalnum", "isalpha", "isascii", "isatty", "isdecimal", "isdigit",
	"isdisjoint", "isidentifier", "islower", "isnumeric", "isprintable", "isspace",
	"issubset", "issuperset", "istitle", "isupper", "items", "itemsize", "join", "keys",
	"lastgroup", "lastindex", "line_buffering", "ljust", "lower", "lstrip", "maketrans",
	"match", "mode", "name", "nbytes", "ndim", "newlines", "numerator", "obj", "partition",
	"pattern", "peek", "pop", "popitem", "pos", "raw", "re", "read", "read1", "readable",
	"readinto", "readinto1", "readline", "readlines", "readonly", "real", "reconfigure",
	"regs", "release", "remove", "removeprefix", "removesuffix", "replace", "reverse",
	"rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip", "scanner", "search",
	"seek", "seekable", "setdefault", "shape", "sort", "span", "split", "splitlines",
	"start", "startswith", "step", "stop", "strides", "string", "strip", "sub", "subn",
	"suboffsets", "swapcase", "symmetric_difference", "symmetric_difference_update",
	"tell", "title", "to_bytes", "tobytes", "tolist", "toreadonly", "translate",
	"truncate", "union", "update", "upper", "values", "writable", "write", "write_through",
	"writelines", "zfill"
};

static int
name_cmp(const void *key, const void *entry)
{
	return strcmp(key, *(const char *const *) entry);
}

static bool
builtin_type_name(const char *name)
{
	return bsearch(name, builtin_type_names, lengthof(builtin_type_names), sizeof(char *), name_cmp) != NULL;
}

/* Every (class, name) of a map keyed so, added to the binders. */
static void
add_binders(Binders *b, const IdMap *map)
{
	for (uint64 i = 0; i < map->capacity; i++)
	{
		uint64		key = map->slots[i].key;
		int32		name;

		if (key == PG_UINT64_MAX)
			continue;
		name = (int32) (key & 0xFFFFFFFF);
		if (b->n == b->cap)
		{
			b->cap = b->cap ? b->cap * 2 : 1024;
			b->cls = repalloc_huge(b->cls, sizeof(int32) * b->cap);
			b->next = repalloc_huge(b->next, sizeof(int32) * b->cap);
		}
		b->cls[b->n] = (int32) (key >> 32);
		b->next[b->n] = idmap_get(&b->first, (uint64) (uint32) name);
		idmap_set(&b->first, (uint64) (uint32) name, b->n);
		b->n++;
	}
}

/* Has the class, along its MRO, the name: bound in a body or assigned on self? */
static bool
class_has(Solver *s, int32 cls, int32 name)
{
	const GScope *c = solver_class_mro(s, cls);

	for (int32 i = 0; i < c->nmro; i++)
	{
		uint64		key = ((uint64) (uint32) c->mro[i] << 32) | (uint32) name;

		if (c->mro[i] >= 0 &&
			(idmap_get(&s->class_binds, key) >= 0 || idmap_get(&s->inst_binds, key) >= 0))
			return true;
	}
	return false;
}

static bool
class_has_all(Solver *s, int32 cls, const int32 *names, int32 nnames)
{
	for (int32 i = 0; i < nnames; i++)
		if (!class_has(s, cls, names[i]))
			return false;
	return true;
}

/*
 * The classes having every name, the most general of them (no base of one has them
 * all), at most `max`; -1 when more do.
 */
static int32
usage_roots(Solver *s, const Binders *b, const int32 *names, int32 nnames, int32 *roots, int32 max)
{
	int32		rarest = -1;
	int32		fewest = PG_INT32_MAX;
	int32		n = 0;
	int32	   *family = palloc(sizeof(int32) * 4096);

	for (int32 i = 0; i < nnames; i++)
	{
		int32		count = 0;

		for (int32 k = idmap_get(&b->first, (uint64) (uint32) names[i]); k >= 0 && count < fewest; k = b->next[k])
			count++;
		if (count < fewest)
		{
			fewest = count;
			rarest = names[i];
		}
	}
	for (int32 k = idmap_get(&b->first, (uint64) (uint32) rarest); k >= 0 && n >= 0; k = b->next[k])
	{
		int32		nfamily;

		if (s->scopes[b->cls[k]].kind != SS_CLASS)
			continue;
		nfamily = solver_class_family(s, b->cls[k], family, 4096);
		for (int32 i = 0; i < nfamily && n >= 0; i++)
		{
			const GScope *c;
			bool		general = true;
			bool		seen = false;

			if (!class_has_all(s, family[i], names, nnames))
				continue;
			c = solver_class_mro(s, family[i]);
			for (int32 j = 1; j < c->nmro && general; j++)
				general = c->mro[j] < 0 || !class_has_all(s, c->mro[j], names, nnames);
			for (int32 j = 0; j < n && !seen; j++)
				seen = roots[j] == family[i];
			if (!general || seen)
				continue;
			if (n == max)
				n = -1;
			else
				roots[n++] = family[i];
		}
	}
	pfree(family);
	return n;
}

/*
 * Is the function what code outside the repository calls: a def of a module or a method
 * of a class of one, none of them private (`_helper`: its arguments come from the
 * repository, and an empty parameter there is a gap of the analysis, not a caller's
 * value)?
 */
static bool
public_api(const Solver *s, const GScope *g)
{
	for (const GScope *c = g; c->kind != SS_MODULE; c = &s->scopes[c->parent])
	{
		const GFile *f = &s->files[c->file];
		const SumScope *sc = &f->sum.scopes[c->local];
		const char *name;

		if (c->kind != (c == g ? SS_FUNCTION : SS_CLASS) || sc->name < 0)
			return false;
		name = s->names[f->names[sc->name]];
		if (name[0] == '_' && !(c == g && strncmp(name, "__", 2) == 0))
			return false;
	}
	return true;
}

/* The i-th parameter of a function, by its variable name; NULL when the name is none. */
static const SumParam *
param_named(const Solver *s, const GScope *g, int32 var, int32 *index)
{
	const GFile *f = &s->files[g->file];
	const SumScope *ss = &f->sum.scopes[g->local];

	for (int32 k = 0; k < ss->nparams; k++)
	{
		const SumParam *p = &f->sum.params[ss->first_param + k];

		if (f->names[p->name] == var)
		{
			*index = k;
			return p;
		}
	}
	return NULL;
}

/* Seeds one parameter from the names read off it; true if it got anything. */
static bool
seed_by_usage(Solver *s, const Binders *b, int32 scope, int32 var, const int32 *names, int32 nnames)
{
	const GScope *g = &s->scopes[scope];
	int32		index;
	const SumParam *p = param_named(s, g, var, &index);
	NodeId		node;
	int32		roots[USAGE_MAX_ROOTS];
	int32		nroots;
	int32		family[USAGE_MAX_INSTANCES + 1];
	int32		nfamily = 0;
	bool		builtin_only = true;
	bool		changed = false;

	if (p == NULL || p->annot >= 0 || (p->kind != SP_POSONLY && p->kind != SP_POS && p->kind != SP_KWONLY) ||
		(index == 0 && g->cls >= 0 && g->method_kind != MK_STATIC) || !public_api(s, g) || nnames < USAGE_MIN_NAMES)
		return false;
	node = solver_var(s, scope, var);
	if (!solver_holds_no_code(s, node))
		return false;
	for (int32 i = 0; i < nnames && builtin_only; i++)
		builtin_only = builtin_type_name(s->names[names[i]]);
	if (builtin_only)
		return false;
	nroots = usage_roots(s, b, names, nnames, roots, USAGE_MAX_ROOTS);
	for (int32 r = 0; r < nroots; r++)
	{
		int32		n = solver_class_family(s, roots[r], family + nfamily, USAGE_MAX_INSTANCES + 1 - nfamily);

		nfamily += n;
		if (nfamily > USAGE_MAX_INSTANCES)
			return false;
	}
	for (int32 i = 0; i < nfamily; i++)
		if (solver_mro_internal(s, family[i]))
			changed |= solver_add_obj(s, node, solver_obj(s, OBJ_INST, family[i], 0));
	return changed;
}

/*
 * Seeds the parameters nothing reaches from the attributes their functions read off
 * them (once: solver_refine calls it when the other seeds have run their course).
 */
bool
solver_seed_by_usage(Solver *s)
{
	VarRead    *reads = NULL;
	int32		nreads = 0;
	int32		capreads = 0;
	Binders		b = {0};
	bool		changed = false;

	for (int32 file = 0; file < s->nfiles; file++)
	{
		const GFile *f = &s->files[file];

		for (int32 i = 0; i < f->sum.nexprs; i++)
		{
			const SumExpr *e = &f->sum.exprs[i];
			const SumExpr *o;
			int32		kind;

			if (e->op != SO_ATTR || e->a < 0 || e->b < 0)
				continue;
			o = &f->sum.exprs[e->a];
			if (o->op != SO_NAME || o->a < 0)
				continue;
			kind = f->sum.scopes[o->a].kind;
			if (kind != SS_FUNCTION && kind != SS_LAMBDA)
				continue;
			GROW(reads, nreads, capreads);
			reads[nreads++] = (VarRead) {f->scope_base + o->a, f->names[o->b], f->names[e->b]};
		}
	}
	if (nreads == 0)
		return false;
	qsort(reads, nreads, sizeof(VarRead), var_read_cmp);
	idmap_init(&b.first, 4096);
	b.cap = 1024;
	b.cls = palloc(sizeof(int32) * b.cap);
	b.next = palloc(sizeof(int32) * b.cap);
	add_binders(&b, &s->class_binds);
	add_binders(&b, &s->inst_binds);
	for (int32 i = 0; i < nreads;)
	{
		int32		names[USAGE_MAX_NAMES];
		int32		nnames = 0;
		int32		j = i;

		CHECK_FOR_INTERRUPTS();
		for (; j < nreads && reads[j].scope == reads[i].scope && reads[j].var == reads[i].var; j++)
			if (nnames < USAGE_MAX_NAMES && (nnames == 0 || names[nnames - 1] != reads[j].attr) &&
				strncmp(s->names[reads[j].attr], "__", 2) != 0)
				names[nnames++] = reads[j].attr;
		if (nnames > 0)
			changed |= seed_by_usage(s, &b, reads[i].scope, reads[i].var, names, nnames);
		i = j;
	}
	pfree(reads);
	pfree(b.first.slots);
	pfree(b.cls);
	pfree(b.next);
	return changed;
}
