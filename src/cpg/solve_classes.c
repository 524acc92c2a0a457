/*
 * solve_classes.c: classes in the solve — their bases as the solve finds them, C3
 * method resolution orders, attribute lookup along them, and what Python runs on them
 * implicitly: a generated __init__ binding fields, descriptors, metaclasses.
 *
 * An attribute read of a class or instance reads a lookup node (class, name): the
 * namespace of the first class of the MRO that defines the name, or, when an external
 * base comes first, the external name (threading.Thread.start). A class defines a name
 * when its body binds it, or when the solve sees it assigned on the class object. When
 * a base is found later, or a class gains a name, the MROs and lookups of the class and
 * of its subclasses are recomputed; lookup nodes only ever gain sources.
 */
#include "postgres.h"

#include "cpg/solve.h"
#include "cpg/solve_private.h"
#include "miscadmin.h"

static uint64
pair_key(uint32 a, uint32 b)
{
	return ((uint64) a << 32) | b;
}

bool
solver_class_defines(Solver *s, int32 cls, int32 name)
{
	return idmap_get(&s->class_binds, pair_key(cls, name)) >= 0;
}

static bool
is_root_base(const Solver *s, int32 name)
{
	for (int32 i = 0; i < (int32) lengthof(s->n_root_bases); i++)
		if (s->n_root_bases[i] == name)
			return true;
	return false;
}

/* The bases of a class as the solve knows them now, in order (negative: external). */
static int32
current_bases(Solver *s, int32 cls, int32 *bases, int32 max)
{
	GScope	   *c = &s->scopes[cls];
	GFile	   *f = &s->files[c->file];
	const SumScope *ss = &f->sum.scopes[c->local];
	int32		n = 0;

	for (int32 i = 0; i < ss->nbases; i++)
	{
		int32		written = f->sum.elems[ss->first_base + i];
		int32		e = base_origin(&f->sum, written);
		NodeData   *node;

		if (e < 0)
			continue;
		node = &s->nodes[expr_node(s, c->file, e)];
		for (int32 k = 0; k < node->n && n < max; k++)
		{
			const Obj  *o = &s->objs[node_objs(s, node)[k]];
			int32		base;

			if (o->kind == OBJ_CLASS && o->a != cls)
				base = o->a;
			else if (o->kind == OBJ_EXT && !is_root_base(s, o->a) && e == written)
				base = -(o->a + 1);
			else
				continue;
			for (int32 j = 0; j < n; j++)
				if (bases[j] == base)
					goto next;
			bases[n++] = base;
	next:
			;
		}
	}
	return n;
}

/* C3 merge of the bases' MROs and the base list; false if they are inconsistent. */
static bool
c3(Solver *s, int32 cls, const int32 *bases, int32 nbases, int32 **out, int32 *nout)
{
	int32	  **seqs = palloc(sizeof(int32 *) * (nbases + 1));
	int32	   *lens = palloc0(sizeof(int32) * (nbases + 1));
	int32	   *heads = palloc0(sizeof(int32) * (nbases + 1));
	int32		total = 1;
	int32	   *result;
	int32		n = 0;

	for (int32 i = 0; i < nbases; i++)
	{
		if (bases[i] >= 0)
		{
			seqs[i] = s->scopes[bases[i]].mro;
			lens[i] = s->scopes[bases[i]].nmro;
		}
		else
		{
			seqs[i] = (int32 *) &bases[i];
			lens[i] = 1;
		}
		total += lens[i];
	}
	seqs[nbases] = (int32 *) bases;
	lens[nbases] = nbases;
	total += nbases;
	result = palloc(sizeof(int32) * total);
	result[n++] = cls;
	for (;;)
	{
		int32		candidate = 0;
		bool		found = false;
		bool		empty = true;

		for (int32 i = 0; i <= nbases && !found; i++)
		{
			bool		in_tail = false;

			if (heads[i] >= lens[i])
				continue;
			empty = false;
			candidate = seqs[i][heads[i]];
			for (int32 j = 0; j <= nbases && !in_tail; j++)
				for (int32 k = heads[j] + 1; k < lens[j]; k++)
					if (seqs[j][k] == candidate)
					{
						in_tail = true;
						break;
					}
			found = !in_tail;
		}
		if (empty)
			break;
		if (!found)
			return false;
		result[n++] = candidate;
		for (int32 i = 0; i <= nbases; i++)
			if (heads[i] < lens[i] && seqs[i][heads[i]] == candidate)
				heads[i]++;
	}
	*out = result;
	*nout = n;
	return true;
}

/* Depth-first, left to right, first occurrence kept: the order when C3 fails. */
static void
dfs_order(Solver *s, int32 cls, const int32 *bases, int32 nbases, int32 **out, int32 *nout)
{
	int32		total = 1;
	int32	   *result;
	int32		n = 0;

	for (int32 i = 0; i < nbases; i++)
		total += bases[i] >= 0 ? s->scopes[bases[i]].nmro : 1;
	result = palloc(sizeof(int32) * total);
	result[n++] = cls;
	for (int32 i = 0; i < nbases; i++)
	{
		const int32 *seq = bases[i] >= 0 ? s->scopes[bases[i]].mro : &bases[i];
		int32		len = bases[i] >= 0 ? s->scopes[bases[i]].nmro : 1;

		for (int32 k = 0; k < len; k++)
		{
			bool		seen = false;

			for (int32 j = 0; j < n && !seen; j++)
				seen = result[j] == seq[k];
			if (!seen)
				result[n++] = seq[k];
		}
	}
	*out = result;
	*nout = n;
}

static void
add_subclass(Solver *s, int32 base, int32 cls)
{
	GScope	   *b = &s->scopes[base];

	for (int32 i = 0; i < b->nsub; i++)
		if (b->subclasses[i] == cls)
			return;
	GROW(b->subclasses, b->nsub, b->capsub);
	b->subclasses[b->nsub++] = cls;
}

static void resolve_lookup(Solver *s, int32 cls, const ClassLookup *lookup);

void
solver_compute_mro(Solver *s, int32 cls)
{
	int32		bases[64];
	int32		nbases = current_bases(s, cls, bases, lengthof(bases));
	GScope	   *c = &s->scopes[cls];
	int32	   *mro;
	int32		nmro;

	/* a cycle of bases (class A(B), class B(A) across modules) stops here */
	if (c->computing)
		return;
	c->computing = true;
	for (int32 i = 0; i < nbases; i++)
		if (bases[i] >= 0 && s->scopes[bases[i]].mro == NULL)
			solver_compute_mro(s, bases[i]);
	/*
	 * A base whose MRO holds the class would make it its own ancestor: flow-insensitive
	 * bases (a name bound to several classes) can say so, Python never runs it.
	 */
	for (int32 i = 0; i < nbases; i++)
	{
		const GScope *b = bases[i] >= 0 ? &s->scopes[bases[i]] : NULL;

		for (int32 k = 0; b != NULL && k < b->nmro; k++)
			if (b->mro[k] == cls)
			{
				memmove(&bases[i], &bases[i + 1], sizeof(int32) * (nbases - i - 1));
				nbases--;
				i--;
				break;
			}
	}
	if (!c3(s, cls, bases, nbases, &mro, &nmro))
		dfs_order(s, cls, bases, nbases, &mro, &nmro);
	c = &s->scopes[cls];
	if (c->mro != NULL)
		pfree(c->mro);
	c->mro = mro;
	c->nmro = nmro;
	c->computing = false;
	for (int32 i = 0; i < nbases; i++)
		if (bases[i] >= 0)
			add_subclass(s, bases[i], cls);
}

/*
 * The class and everything inheriting from it, each once, nearest first: MROs again,
 * then every lookup again.
 */
static void
refresh_class(Solver *s, int32 cls)
{
	int32	   *family = palloc(sizeof(int32) * 1024);
	int32		n = solver_class_family(s, cls, family, 1024);

	for (int32 i = 0; i < n; i++)
	{
		GScope	   *c;

		CHECK_FOR_INTERRUPTS();
		solver_compute_mro(s, family[i]);
		c = &s->scopes[family[i]];
		for (int32 k = 0; k < c->nlookups; k++)
			resolve_lookup(s, family[i], &s->scopes[family[i]].lookups[k]);
	}
	pfree(family);
}

void
solver_class_bases_changed(Solver *s, int32 cls)
{
	refresh_class(s, cls);
}

/* A class gained a name (an assignment on the class object): lookups may now stop there. */
void
solver_class_binds(Solver *s, int32 cls, int32 name)
{
	if (!idmap_put(&s->class_binds, pair_key(cls, name), 1))
		return;
	refresh_class(s, cls);
}

static bool
is_enum_type(const char *module, const char *qualname)
{
	return strcmp(module, "enum") == 0 &&
		(strcmp(qualname, "Enum") == 0 || strcmp(qualname, "IntEnum") == 0 ||
		 strcmp(qualname, "Flag") == 0 || strcmp(qualname, "IntFlag") == 0 ||
		 strcmp(qualname, "StrEnum") == 0);
}

/* Whether a class derives from enum.Enum, IntEnum, Flag, IntFlag or StrEnum (outside the
 * repository, or in it when the repository is the standard library). */
static bool
enum_class(Solver *s, int32 cls)
{
	const GScope *c = &s->scopes[cls];

	for (int32 i = 1; i < c->nmro; i++)
	{
		int32		k = c->mro[i];

		if (k < 0)
		{
			const char *base = s->names[-k - 1];

			if (strncmp(base, "enum.", 5) == 0 && is_enum_type("enum", base + 5))
				return true;
		}
		else
		{
			const GFile *f = &s->files[s->scopes[k].file];
			const SumScope *ss = &f->sum.scopes[s->scopes[k].local];

			if (ss->qualname >= 0 && is_enum_type(s->modules[f->module].name, f->sum.strings[ss->qualname]))
				return true;
		}
	}
	return false;
}

/*
 * Whether a name a class defines is a member of an enumeration: the class is one, binds
 * the name by assignment (not by a def or class statement), and the name is not private,
 * _sunder_ or __dunder__. Python makes each member an instance of its class
 * (Color.RED.describe() calls Color.describe).
 */
static bool
enum_member(Solver *s, int32 cls, int32 name)
{
	return s->names[name][0] != '_' && idmap_get(&s->def_binds, pair_key(cls, name)) < 0 && enum_class(s, cls);
}

/* The first class of the MRO at or after `from` that defines the name, or an external base. */
static void
resolve_from(Solver *s, int32 cls, int32 start, int32 name, NodeId node)
{
	const GScope *c = solver_class_mro(s, cls);

	/* iterating an enumeration class gives its members (see solver_class_members) */
	if (name == s->n_members)
	{
		if (enum_class(s, cls))
			solver_add_obj(s, node, solver_obj(s, OBJ_INST, cls, 0));
		return;
	}
	for (int32 i = start; i < c->nmro; i++)
	{
		int32		k = c->mro[i];

		if (k < 0)
		{
			int32		q;

			/*
			 * The external base's attribute, unless a method of the classes before it
			 * assigns the name on self: then it is that value (an int, a string the
			 * analysis does not follow), not the base's (exit_code.upper on an exception
			 * is no builtins.RuntimeError.exit_code.upper)
			 */
			for (int32 j = 0; j < i; j++)
				if (c->mro[j] >= 0 && idmap_get(&s->inst_binds, pair_key(c->mro[j], name)) >= 0)
					return;

			/*
			 * Nor when a class before it has __getattr__ and the base is known to lack
			 * the name: __getattr__ makes it (pygments's Token.Comment, a tuple's)
			 */
			for (int32 j = 0; j < i; j++)
				if (c->mro[j] >= 0 && solver_class_defines(s, c->mro[j], s->n_getattr) &&
					solver_external_has_attr(s->names[-k - 1], s->names[name]) == 0)
					return;
			q = solver_name_printf(s, "%s.%s", s->names[-k - 1], s->names[name]);
			/* an instance's own data the base keeps (a property subclass's fget) */
			if (!solver_external_is_data(s->names[q]))
				solver_add_obj(s, node, solver_obj(s, OBJ_EXT, q, 0));
			return;
		}
		if (solver_class_defines(s, k, name))
		{
			solver_copy(s, solver_var(s, k, name), node);
			if (enum_member(s, k, name))
				solver_add_obj(s, node, solver_obj(s, OBJ_INST, k, 0));
			return;
		}
	}
	/* past the repository's classes, object: its __new__ makes instances (solve_builtins.c) */
	if (name == s->n_new)
		solver_add_obj(s, node, solver_obj(s, OBJ_EXT, s->n_object_new, 0));
}

static void
resolve_lookup(Solver *s, int32 cls, const ClassLookup *lookup)
{
	GScope	   *c = &s->scopes[cls];

	if (lookup->after < 0)
	{
		resolve_from(s, cls, 0, lookup->name, lookup->node);
		return;
	}
	for (int32 i = 0; i < c->nmro; i++)
		if (c->mro[i] == lookup->after)
		{
			resolve_from(s, cls, i + 1, lookup->name, lookup->node);
			return;
		}
}

static NodeId
new_lookup(Solver *s, int32 cls, int32 name, int32 after)
{
	NodeId		node = solver_new_node(s);
	GScope	   *c = &s->scopes[cls];
	ClassLookup *l;

	GROW(c->lookups, c->nlookups, c->caplookups);
	l = &c->lookups[c->nlookups++];
	l->name = name;
	l->node = node;
	l->after = after;
	if (c->mro == NULL)
		solver_compute_mro(s, cls);
	resolve_lookup(s, cls, &s->scopes[cls].lookups[s->scopes[cls].nlookups - 1]);
	return node;
}

/*
 * What iterating a class object gives: the members of an enumeration, as instances of it.
 * A lookup of a name no code can bind, so that it is resolved again, like any lookup,
 * when the class's bases become known.
 */
NodeId
solver_class_members(Solver *s, int32 cls)
{
	return solver_lookup(s, cls, s->n_members);
}

/*
 * A class subscripted: a member for an enumeration (Color["RED"]), else the generic
 * alias, which is the class where it is called or its attributes read
 * (ConfigAttribute[bool]("TESTING") makes a ConfigAttribute).
 */
ObjId
solver_class_subscript(Solver *s, int32 cls)
{
	(void) solver_class_mro(s, cls);
	return solver_obj(s, enum_class(s, cls) ? OBJ_INST : OBJ_CLASS, cls, 0);
}

/* A class, its MRO computed if it was not yet. */
const GScope *
solver_class_mro(Solver *s, int32 cls)
{
	if (s->scopes[cls].mro == NULL)
		solver_compute_mro(s, cls);
	return &s->scopes[cls];
}

/* The lookup node of an attribute of a class (and of its instances). */
NodeId
solver_lookup(Solver *s, int32 cls, int32 name)
{
	uint64		key = pair_key(cls, name);
	int32		node = idmap_get(&s->lookup_nodes, key);

	if (node < 0)
	{
		node = new_lookup(s, cls, name, -1);
		idmap_put(&s->lookup_nodes, key, node);
	}
	return node;
}

/*
 * super(cls, obj).name: the MRO of obj's class after cls, looked up again whenever that
 * MRO changes.
 */
NodeId
solver_lookup_after(Solver *s, int32 receiver_cls, int32 after, int32 name)
{
	uint64		key = pair_key(receiver_cls, name) ^ ((uint64) (uint32) after * UINT64CONST(0x9E3779B97F4A7C15));
	int32		node = idmap_get(&s->super_nodes, key);

	if (node < 0)
	{
		node = new_lookup(s, receiver_cls, name, after);
		idmap_put(&s->super_nodes, key, node);
	}
	return node;
}

/* Classes inheriting from cls, transitively, cls first, each once. */
int32
solver_class_family(Solver *s, int32 cls, int32 *out, int32 max)
{
	int32		n = 0;
	uint32		mark = ++s->family_mark;

	out[n++] = cls;
	s->scopes[cls].mark = mark;
	for (int32 i = 0; i < n; i++)
	{
		GScope	   *c = &s->scopes[out[i]];

		for (int32 j = 0; j < c->nsub && n < max; j++)
			if (s->scopes[c->subclasses[j]].mark != mark)
			{
				s->scopes[c->subclasses[j]].mark = mark;
				out[n++] = c->subclasses[j];
			}
	}
	return n;
}

/* Whether a class or a class of its MRO in the repository defines a name. */
bool
solver_mro_defines(Solver *s, int32 cls, const char *name)
{
	return solver_mro_binds(s, cls, solver_name_cstr(s, name));
}

/* Whether every class of the MRO is the repository's (none can have what a lookup misses). */
bool
solver_mro_internal(Solver *s, int32 cls)
{
	const GScope *c = solver_class_mro(s, cls);

	for (int32 i = 0; i < c->nmro; i++)
		if (c->mro[i] < 0)
			return false;
	return true;
}

/* Whether a class of the MRO is decorated with functools.total_ordering. */
bool
solver_mro_total_ordering(Solver *s, int32 cls)
{
	const GScope *c = solver_class_mro(s, cls);

	for (int32 i = 0; i < c->nmro && c->mro[i] >= 0; i++)
		if (s->scopes[c->mro[i]].total_ordering)
			return true;
	return false;
}

bool
solver_mro_binds(Solver *s, int32 cls, int32 n)
{
	const GScope *c = solver_class_mro(s, cls);

	for (int32 i = 0; i < c->nmro; i++)
	{
		if (c->mro[i] < 0)
			return false;
		if (solver_class_defines(s, c->mro[i], n))
			return true;
	}
	return false;
}

/* ---------------------------------------------------------------------------------- */
/* what Python runs on classes and their attributes: generated __init__s, descriptors, metaclasses */

/*
 * The fields a generated __init__ takes by place, as dataclasses order them: the bases'
 * first, from the root of the MRO down, a field redeclared keeping its first place.
 * -1 when the order cannot be known: a base outside the repository that is not a root
 * base (its fields are unknown), or a base expression the solve has not resolved (yet).
 */
static int32
fields_in_order(Solver *s, int32 cls, int32 *out, int32 max)
{
	const GScope *c = &s->scopes[cls];
	int32		n = 0;

	for (int32 k = c->nmro - 1; k >= 0; k--)
	{
		const GScope *m;
		const GFile *f;
		const SumScope *ss;

		if (c->mro[k] < 0)
			return -1;
		m = &s->scopes[c->mro[k]];
		f = &s->files[m->file];
		ss = &f->sum.scopes[m->local];
		for (int32 i = 0; i < ss->nbases; i++)
		{
			int32		e = base_origin(&f->sum, f->sum.elems[ss->first_base + i]);

			if (e < 0 || s->nodes[expr_node(s, m->file, e)].n == 0)
				return -1;
		}
		for (int32 j = 0; j < m->nfields; j++)
		{
			int32		seen = 0;

			while (seen < n && out[seen] != m->fields[j])
				seen++;
			if (seen == n && n < max)
				out[n++] = m->fields[j];
		}
	}
	return n;
}

/*
 * The generated __init__ makes the default of each field a call leaves out with the
 * field's factory (OBJ_FACTORY, found in the class body of the field's first class in the
 * MRO): the fields before `npos` in `order` (NULL: places unknown) and those in `passed`
 * are given. A call of the class is then a call of each such factory of the program.
 */
static void
call_factories(Solver *s, const CallSpec *spec, int32 cls, const int32 *order, int32 npos,
			   const int32 *passed, int32 npassed)
{
	const GScope *c = &s->scopes[cls];
	ObjId		inst = solver_obj(s, OBJ_INST, cls, 0);

	for (int32 k = 0; k < c->nmro; k++)
	{
		const GScope *m = c->mro[k] >= 0 ? &s->scopes[c->mro[k]] : NULL;

		for (int32 j = 0; m != NULL && j < m->nfields; j++)
		{
			int32		name = m->fields[j];
			bool		given = false;
			CallSpec	made;

			for (int32 i = 0; i < npos && order != NULL && !given; i++)
				given = order[i] == name;
			for (int32 i = 0; i < npassed && !given; i++)
				given = passed[i] == name;
			for (int32 e = 0; e < k && !given; e++)
				for (int32 i = 0; c->mro[e] >= 0 && i < s->scopes[c->mro[e]].nfields && !given; i++)
					given = s->scopes[c->mro[e]].fields[i] == name;
			if (given)
				continue;
			solver_blank_spec(&made, spec->evidence, CK_CALL);
			/* the program's own factories: list or dict there is external code calling external code */
			made.flags = SPEC_FACTORY | SPEC_NO_EXTERNAL;
			made.dst = solver_field(s, inst, name);
			solver_call_through(s, solver_var(s, c->mro[k], name), &made);
		}
	}
}

/*
 * The arguments of a call of a class whose own body defines no __init__ and that declares
 * fields (a dataclass, an attrs or pydantic class, a NamedTuple), nor inherits one: a
 * keyword argument sets the field of its name, of the class or of a base; a positional
 * one the field at its place (fields_in_order).
 */
void
solver_bind_fields(Solver *s, const CallSpec *spec, int32 cls)
{
	const GScope *c;
	ObjId		inst = solver_obj(s, OBJ_INST, cls, 0);
	int32		order[64];
	int32		norder;
	int32		pos = 0;
	int32	   *passed = NULL;
	int32		npassed = 0;
	int32		cappassed = 0;

	if (spec->file < 0 || spec->pre_file >= 0 || spec->self != NO_OBJ)
		return;
	/* an __init__ written in a base runs instead (solver_call), whatever the fields */
	if (solver_mro_binds(s, cls, s->n_init))
		return;
	c = &s->scopes[cls];
	norder = fields_in_order(s, cls, order, lengthof(order));
	for (int32 i = 0; i < spec->nargs; i++)
	{
		const SumArg *a = &s->files[spec->file].sum.args[spec->first_arg + i];
		NodeId		value = expr_node(s, spec->file, a->expr);

		if (a->kind == SA_STAR || a->kind == SA_DSTAR)
			norder = -1;
		else if (a->kind == SA_POS && pos < norder)
			solver_copy_code(s, value, solver_field(s, inst, order[pos++]));
		else if (a->kind == SA_KEYWORD)
		{
			int32		name = fname(s, spec->file, a->name);

			GROW(passed, npassed, cappassed);
			passed[npassed++] = name;

			for (int32 k = 0; k < c->nmro; k++)
			{
				const GScope *m = c->mro[k] >= 0 ? &s->scopes[c->mro[k]] : NULL;
				bool		declared = false;

				for (int32 j = 0; m != NULL && j < m->nfields && !declared; j++)
					declared = m->fields[j] == name;
				if (declared)
				{
					solver_copy_code(s, value, solver_field(s, inst, name));
					break;
				}
			}
		}
	}
	call_factories(s, spec, cls, norder >= 0 ? order : NULL, pos, passed, npassed);
	if (passed != NULL)
		pfree(passed);
}

/* A node holding one object: an instance passed as an argument where no expression holds it. */
static NodeId
object_node(Solver *s, ObjId obj)
{
	NodeId		node = solver_field(s, obj, s->n_itself);

	solver_add_obj(s, node, obj);
	return node;
}

/*
 * A class attribute holding an instance of a class of the repository with __get__,
 * __set__ or __delete__ (a descriptor: werkzeug's cached_property, Flask's
 * ConfigAttribute): reading it gives what __get__ returns, run with the instance it is
 * read from (none for a read of the class itself), and a store or del runs __set__ (with
 * the value) or __delete__. False when the object is no such descriptor.
 */
bool
solver_descriptor_call(Solver *s, int32 evidence, ObjId desc, int32 name, ObjId instance, NodeId value, NodeId dst)
{
	const Obj  *d = &s->objs[desc];
	CallSpec	spec;

	if (d->kind != OBJ_INST || !solver_mro_binds(s, d->a, name))
		return false;
	solver_blank_spec(&spec, evidence, CK_PROPERTY);
	spec.self = desc;
	if (instance != NO_OBJ)
		spec.extra[spec.nextra++] = object_node(s, instance);
	if (value != NO_NODE)
		spec.extra[spec.nextra++] = value;
	spec.dst = dst;
	spec.detail = name;
	spec.flags = SPEC_INTERNAL_ONLY;
	solver_call_through(s, solver_lookup(s, d->a, name), &spec);
	return true;
}

/*
 * Reading an attribute an instance lacks runs its class's __getattr__ (a proxy, a lazy
 * object, a record of dynamic fields): when no class of its MRO defines the name or
 * assigns it on self, and each external base is known to lack it. The read is kept for
 * solver_refine, which runs __getattr__ where nothing answered it and the value read from
 * holds only instances of classes with __getattr__: in a value that may be a string or
 * another class's instance, flow-insensitively, the likelier truth is that one.
 */
void
solver_getattr_read(Solver *s, int32 evidence, NodeId receiver, ObjId inst, int32 name, NodeId dst)
{
	const GScope *c = solver_class_mro(s, s->objs[inst].a);
	int32		i;

	/* every instance attribute read comes here, and few classes have __getattr__ */
	for (i = 0; i < c->nmro; i++)
		if (c->mro[i] >= 0 && solver_class_defines(s, c->mro[i], s->n_getattr))
			break;
	if (i == c->nmro)
		return;
	for (i = 0; i < c->nmro; i++)
	{
		int32		k = c->mro[i];

		if (k < 0)
		{
			if (solver_external_has_attr(s->names[-k - 1], s->names[name]) != 0)
				return;
		}
		else if (solver_class_defines(s, k, name) || idmap_get(&s->inst_binds, pair_key(k, name)) >= 0)
			return;
	}
	GROW(s->getattr_reads, s->ngetattr_reads, s->capgetattr_reads);
	s->getattr_reads[s->ngetattr_reads++] = (GetattrRead) {evidence, receiver, inst, name, dst, false};
}

/*
 * Runs __getattr__ for a read. What it returns is the read's value only where it hands
 * the read to another object, `return getattr(X, name)`: X's attribute of that name, or
 * where it is an instance of the class itself, a node of a tree made by reading names
 * (Pygments's `Token.Name.Builtin`, a mock's `m.a.b`). Anything else it returns would
 * reach every read the rule answers, for every name (a lazy object's wrapped values, a
 * settings object's), far more than any one read gets.
 */
void
solver_run_getattr(Solver *s, const GetattrRead *read)
{
	int32		cls = s->objs[read->inst].a;
	const GScope *c = solver_class_mro(s, cls);
	CallSpec	spec;

	solver_blank_spec(&spec, read->evidence, s->evidence[read->evidence].kind);
	spec.self = read->inst;
	spec.detail = s->n_getattr;
	spec.flags = SPEC_INTERNAL_ONLY;
	solver_call_through(s, solver_lookup(s, cls, s->n_getattr), &spec);
	for (int32 i = 0; i < c->nmro; i++)
	{
		int32		owner = c->mro[i];
		NodeId		defined;

		if (owner < 0 || !solver_class_defines(s, owner, s->n_getattr))
			continue;
		defined = solver_var(s, owner, s->n_getattr);
		for (int32 k = 0; k < s->nodes[defined].n; k++)
		{
			const Obj  *o = &s->objs[node_objs(s, &s->nodes[defined])[k]];
			const GScope *g;

			if (o->kind != OBJ_FUNC)
				continue;
			g = &s->scopes[o->a];
			if (g->getattr_delegate >= 0)
				solver_attach_new(s, expr_node(s, g->file, g->getattr_delegate), C_ATTR_LOAD, -1, read->dst,
								  read->name, -1, 0);
			solver_attach_new(s, solver_var(s, o->a, s->n_return), C_RECEIVER, -1, read->dst, owner,
							  0, RECEIVER_INSTANCES);
		}
		break;
	}
}

/*
 * The index of what the classes a metaclass governs share (MetaNamespace), made on first
 * use. An index, not a pointer: storing into a class may make another.
 */
static int32
meta_namespace(Solver *s, int32 metaclass)
{
	int32		i = idmap_get(&s->namespace_ids, (uint64) (uint32) metaclass);

	if (i < 0)
	{
		GROW(s->namespaces, s->nnamespaces, s->capnamespaces);
		i = s->nnamespaces++;
		memset(&s->namespaces[i], 0, sizeof(MetaNamespace));
		idmap_put(&s->namespace_ids, (uint64) (uint32) metaclass, i);
	}
	return i;
}

/* A store into the namespace parameter, as the class's attribute of that name. */
static void
namespace_store_to_class(Solver *s, int32 cls, int32 name, NodeId value)
{
	solver_copy(s, value, solver_var(s, cls, name));
	solver_class_binds(s, cls, name);
}

/*
 * The namespace a class body fills, as its metaclass gets it: a dict holding, at each name
 * the body binds, the value the body gave it. A metaclass reads the body's functions from
 * it (attrs.items(), ns["analyse_text"]); what it stores there under a name before
 * type.__new__ becomes the class's attribute (ns["analyse_text"] =
 * wrap(ns["analyse_text"]): solver_namespace_store). The classes a metaclass governs share
 * one such dict, as the metaclass's parameter shares them: one value, however many
 * classes (a framework's hundreds of models or lexers), each class's stores its own.
 */
static NodeId
class_namespace(Solver *s, int32 metaclass, int32 cls)
{
	ObjId		ns = solver_container(s, solver_special_key(metaclass, TAG_NAMESPACE), SK_DICT);
	NodeId		node = solver_new_node(s);
	int32		file = s->scopes[cls].file;
	int32		local = s->scopes[cls].local;
	int32		mi;
	MetaNamespace *m;

	for (int32 i = 0; i < s->files[file].sum.neffects; i++)
	{
		const SumEffect *e = &s->files[file].sum.effects[i];
		int32		name;

		if (e->kind != SE_STORE_NAME || e->a != local)
			continue;
		name = s->files[file].names[e->b];
		solver_container_store(s, ns, e->c >= 0 ? expr_node(s, file, e->c) : solver_var(s, cls, name),
							   solver_key_field(s, s->names[name]));
	}
	/* the metaclass's stores so far are this class's too */
	mi = meta_namespace(s, metaclass);
	m = &s->namespaces[mi];
	GROW(m->classes, m->nclasses, m->capclasses);
	m->classes[m->nclasses++] = cls;
	for (int32 i = 0; i < s->namespaces[mi].nstores; i++)
		namespace_store_to_class(s, cls, s->namespaces[mi].stores[i].name, s->namespaces[mi].stores[i].value);
	solver_add_obj(s, node, ns);
	return node;
}

/*
 * A store into a namespace parameter under a constant name (a metaclass's ns[name] =
 * value): the attribute of every class whose body fills it, made or to be made. False
 * when the container is no class namespace.
 */
bool
solver_namespace_store(Solver *s, ObjId container, int32 name, NodeId value)
{
	int32		key = s->objs[container].a;
	int32		mi;
	MetaNamespace *m;

	if (special_key_tag(key) != TAG_NAMESPACE)
		return false;
	mi = meta_namespace(s, special_key_id(key));
	m = &s->namespaces[mi];
	GROW(m->stores, m->nstores, m->capstores);
	m->stores[m->nstores].name = name;
	m->stores[m->nstores++].value = value;
	for (int32 i = 0; i < s->namespaces[mi].nclasses; i++)
		namespace_store_to_class(s, s->namespaces[mi].classes[i], name, value);
	return true;
}

/*
 * The classes whose statements a metaclass runs: what type.__new__(mcs, name, bases, ns)
 * makes in its __new__ (cls = super().__new__(...); registry[name] = cls;
 * cls.add_to_class(...)).
 */
NodeId
solver_classes_made(Solver *s, int32 metaclass)
{
	return solver_field(s, solver_obj(s, OBJ_CLASS, metaclass, 0), solver_name_cstr(s, "<classes made>"));
}

/*
 * A class statement whose metaclass is a class of the repository runs its __new__ (with
 * the metaclass) and its __init__ (with the class made), as Python's type() call does,
 * both with the class's name, bases and namespace.
 */
void
solver_run_metaclass(Solver *s, int32 evidence, int32 metaclass, int32 cls)
{
	CallSpec	spec;

	solver_blank_spec(&spec, evidence, CK_CALL);
	spec.flags = SPEC_INTERNAL_ONLY;
	/* the name and the bases tuple: nothing the analysis follows */
	spec.extra[spec.nextra++] = solver_new_node(s);
	spec.extra[spec.nextra++] = solver_new_node(s);
	spec.extra[spec.nextra++] = class_namespace(s, metaclass, cls);
	solver_add_obj(s, solver_classes_made(s, metaclass), solver_obj(s, OBJ_CLASS, cls, 0));
	spec.self = solver_obj(s, OBJ_CLASS, metaclass, 0);
	solver_call_through(s, solver_lookup(s, metaclass, s->n_new), &spec);
	spec.self = solver_obj(s, OBJ_CLASS, cls, 0);
	solver_call_through(s, solver_lookup(s, metaclass, s->n_init), &spec);
}

/*
 * The metaclass of a class (what its class statement and calls of it run): its own metaclass= or the first one its MRO's
 * classes name (the bases are known by now); the node of that expression, or NO_NODE.
 */
NodeId
solver_metaclass_node(Solver *s, int32 cls)
{
	const GScope *c = solver_class_mro(s, cls);

	for (int32 k = 0; k < c->nmro && c->mro[k] >= 0; k++)
	{
		const GScope *m = &s->scopes[c->mro[k]];
		int32		expr = s->files[m->file].sum.scopes[m->local].metaclass;

		if (expr >= 0)
			return expr_node(s, m->file, expr);
	}
	return NO_NODE;
}

/* Whether a class derives from type: its instances are classes. */
bool
solver_is_metaclass(Solver *s, int32 cls)
{
	const GScope *c = solver_class_mro(s, cls);

	for (int32 k = 0; k < c->nmro; k++)
		if (c->mro[k] == -(s->n_type + 1))
			return true;
	return false;
}

/* Whether ancestor is the class or a class of its MRO. */
bool
solver_in_mro(Solver *s, int32 cls, int32 ancestor)
{
	const GScope *c = solver_class_mro(s, cls);

	if (cls == ancestor)
		return true;
	for (int32 k = 0; k < c->nmro; k++)
		if (c->mro[k] == ancestor)
			return true;
	return false;
}
