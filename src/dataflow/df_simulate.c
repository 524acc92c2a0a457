/*
 * df_simulate.c: the events of one code object and the steps between them, from a
 * symbolic simulation of CPython 3.11's value stack over the control-flow graph.
 *
 * A stack slot holds the set of events whose values the slot's value is made of (loads,
 * call results, imports), plus what the analysis knows of its shape: a variable or
 * attribute just loaded (so that a store into an attribute or item, or a container
 * method, knows which variable it changes), a constant, a code object or the function
 * made from it, an imported module, a bound method, NULL. Operators, f-strings, %,
 * str.format, containers and unpacking merge or copy sets; comparisons and `not` yield
 * booleans and carry no data. Definitions record a step from every event of the stored
 * value, calls a step from every event of each argument (with its slot).
 *
 * Blocks are simulated from a worklist until their entry stacks are stable: a slot of a
 * block with several predecessors holds the union of what reaches it. An instruction
 * makes its event the first time it is simulated and keeps it; steps accumulate and are
 * deduplicated at the end. Exception handlers start from the protected block's stack
 * cut to the handler's depth, plus the exception.
 */
#include "postgres.h"

#include "dataflow/df_sim.h"
#include "miscadmin.h"

static uint32
key_hash(uint8 ns, int32 name, int32 base, int32 attr)
{
	uint32		h = base >= 0 ? (uint32) base * 0x9E3779B1u ^ (uint32) attr * 0x85EBCA77u :
		(uint32) name * 0x9E3779B1u ^ ns;

	return h ^ (h >> 15);
}

static void
key_slots_grow(DfSim *sim)
{
	sim->nkey_slots = sim->nkey_slots ? sim->nkey_slots * 2 : 64;
	sim->key_slots = palloc0(sim->nkey_slots * sizeof(int32));
	for (int32 i = 0; i < sim->nkeys; i++)
	{
		DfKey	   *k = &sim->keys[i];
		uint32		at = key_hash(k->ns, k->base >= 0 ? -1 : k->name, k->base, k->attr) & (sim->nkey_slots - 1);

		while (sim->key_slots[at] != 0)
			at = (at + 1) & (sim->nkey_slots - 1);
		sim->key_slots[at] = i + 1;
	}
}

/* A variable (ns, name) or an attribute path (base key, attr) of the code object. */
int32
df_key_for(DfSim *sim, uint8 ns, int32 name, int32 base, int32 attr)
{
	DfKey	   *k;
	uint32		at;

	if (base >= 0)
		name = -1;
	if (sim->nkeys * 2 >= sim->nkey_slots)
		key_slots_grow(sim);
	at = key_hash(ns, name, base, attr) & (sim->nkey_slots - 1);
	while (sim->key_slots[at] != 0)
	{
		k = &sim->keys[sim->key_slots[at] - 1];
		if (k->ns == ns && k->base == base && (base >= 0 ? k->attr == attr : k->name == name))
			return sim->key_slots[at] - 1;
		at = (at + 1) & (sim->nkey_slots - 1);
	}
	if (sim->nkeys == sim->keys_capacity)
	{
		sim->keys_capacity *= 2;
		sim->keys = repalloc(sim->keys, sim->keys_capacity * sizeof(DfKey));
	}
	k = &sim->keys[sim->nkeys];
	k->ns = ns;
	k->base = base;
	k->attr = attr;
	k->name = base >= 0 ? df_intern_concat(&sim->f->strings, sim->keys[base].name, '.', attr) : name;
	sim->key_slots[at] = sim->nkeys + 1;
	return sim->nkeys++;
}

int32
df_new_event(DfSim *sim, DfKind kind, int32 name, int32 key, int32 instr, int32 bstart, int32 bend,
		  int32 line0, int32 detail)
{
	DfEvent    *ev;

	if (sim->nevents == sim->events_capacity)
	{
		sim->events_capacity *= 2;
		sim->events = repalloc(sim->events, sim->events_capacity * sizeof(DfEvent));
	}
	ev = &sim->events[sim->nevents];
	ev->kind = kind;
	ev->name = name;
	ev->key = key;
	ev->instr = instr;
	ev->bstart = bstart;
	ev->bend = bend;
	ev->line0 = line0;
	ev->detail = detail;
	return sim->nevents++;
}

void
df_instr_span(const DfSim *sim, int32 i, int32 *bstart, int32 *bend, int32 *line0)
{
	CpgSpan		s;

	bc_position_span(sim->f->lines, sim->f->bom, &sim->d->instrs[i].pos, &s);
	*bstart = s.bstart;
	*bend = s.bstart >= 0 && s.bend >= s.bstart ? s.bend : s.bstart;
	*line0 = s.line0;
}

/* The event an instruction makes (slot 0 or 1), made the first time it is simulated. */
static int32
instr_event(DfSim *sim, int32 i, int which, DfKind kind, int32 name, int32 key, int32 detail)
{
	int32		bstart,
				bend,
				line0;

	if (sim->instr_event[which][i] >= 0)
		return sim->instr_event[which][i];
	df_instr_span(sim, i, &bstart, &bend, &line0);
	return sim->instr_event[which][i] = df_new_event(sim, kind, name, key, i, bstart, bend, line0, detail);
}

static void
add_step(DfSim *sim, int32 src, int32 dst, int32 slot)
{
	/* A value into itself (a loop's value event fed back) says nothing. */
	if (src == dst)
		return;
	if (sim->nsteps + 3 > sim->steps_capacity)
	{
		sim->steps_capacity *= 2;
		sim->steps = repalloc_huge(sim->steps, sim->steps_capacity * sizeof(int32));
	}
	sim->steps[sim->nsteps++] = src;
	sim->steps[sim->nsteps++] = dst;
	sim->steps[sim->nsteps++] = slot;
}

static void
add_steps(DfSim *sim, const DfVal *v, int32 dst, int32 slot)
{
	for (int32 i = 0; i < v->nset; i++)
		add_step(sim, v->set[i], dst, slot);
}

static void
add_link(DfSim *sim, DfLinkKind kind, const DfVal *v, int32 code_id, int32 position)
{
	DfFile	   *f = sim->f;

	for (int32 i = 0; i < v->nset; i++)
	{
		if (f->nlinks == f->links_capacity)
		{
			f->links_capacity *= 2;
			f->links = repalloc(f->links, f->links_capacity * sizeof(DfLink));
		}
		/* Unit-local until the events are numbered file-wide (see renumber()). */
		f->links[f->nlinks++] = (DfLink) {kind, v->set[i], code_id, position};
	}
}

/* ---- names of variables ---- */

static int32
var_name(const DfSim *sim, uint8 ns, int32 arg)
{
	if (ns == NS_LOCAL || ns == NS_CELL)
		return arg >= 0 && arg < sim->code->nlocals ? sim->code->locals[arg] : -1;
	return arg >= 0 && arg < sim->code->nnames ? sim->code->names[arg] : -1;
}

/* Names and globals share the dictionaries a module or class body reads first. */
int32
df_var_key(DfSim *sim, uint8 ns, int32 name)
{
	return df_key_for(sim, ns == NS_NAME ? NS_GLOBAL : ns, name, -1, -1);
}

static DfKind
store_kind(uint8 ns)
{
	switch (ns)
	{
		case NS_LOCAL:
			return DF_STORE_LOCAL;
		case NS_CELL:
			return DF_STORE_CELL;
		case NS_NAME:
			return DF_STORE_NAME;
		default:
			return DF_STORE_GLOBAL;
	}
}

static int32
cell_owner(const DfSim *sim, uint8 ns, int32 arg)
{
	if (ns != NS_CELL || arg < 0 || arg >= sim->code->nlocals)
		return DF_NO_DETAIL;
	return sim->code->cell_owner[arg];
}

/* ---- one instruction ---- */

static const DfConst *
const_at(const DfSim *sim, int32 index)
{
	return index >= 0 && index < sim->code->nconsts ? &sim->code->consts[index] : NULL;
}

/* The load of the object an attribute or item event is about (unit-local until renumbered). */
static int32
base_event(const DfVal *object)
{
	return object->shape == SH_REF && object->nset == 1 ? object->set[0] : DF_NO_DETAIL;
}

static bool
is_mutator(const DfSim *sim, int32 name)
{
	return name >= 0 && df_is_mutator(sim->f->strings.strs[name]);
}

/* A definition by instruction i, made the first time i is simulated, and its value's steps. */
static void
define(DfSim *sim, int32 i, DfKind kind, int32 key, const DfVal *value, int32 detail)
{
	int32		ev = sim->instr_event[0][i];

	if (ev < 0)
	{
		ev = instr_event(sim, i, 0, kind, sim->keys[key].name, key, detail);
		df_narrow_to_name(sim->f, &sim->events[ev]);
	}
	if (value)
		add_steps(sim, value, ev, DF_SLOT_VALUE);
}

/* The module a relative import is relative to and the name it binds, as the strings say. */
static void
sim_import_name(DfSim *sim, DfStack *s, int32 i, const BcInstr *ins)
{
	DfVal		fromlist = df_pop(s);
	DfVal		level = df_pop(s);
	const DfConst *lc = level.shape == SH_CONST ? const_at(sim, level.a) : NULL;
	const DfConst *fc = fromlist.shape == SH_CONST ? const_at(sim, fromlist.a) : NULL;
	int32		module = var_name(sim, NS_NAME, ins->arg);
	int32		lvl = lc && lc->kind == DF_CONST_INT ? (int32) lc->ival : 0;
	int32		bound = module;
	int32		ev;
	DfVal		v;

	/* Without a fromlist, "import a.b" binds the top-level package a. */
	if (fc && fc->kind == DF_CONST_NONE && module >= 0)
	{
		const char *m = sim->f->strings.strs[module];
		const char *dot = strchr(m, '.');

		if (dot)
			bound = df_intern(&sim->f->strings, m, (int32) (dot - m));
	}
	ev = instr_event(sim, i, 0, DF_IMPORT, bound, -1, lvl);
	v = df_val_event(ev, sim->events[ev].bstart, sim->events[ev].bend);
	/* What the value is: `import a.b as m` gets a and then its attribute b (IMPORT_FROM). */
	v.shape = SH_IMPORT;
	v.a = bound;
	v.b = lvl;
	df_push(s, v);
}

static void
sim_import_from(DfSim *sim, DfStack *s, int32 i, const BcInstr *ins)
{
	DfVal	   *module = df_peek(s, 1);
	int32		attr = var_name(sim, NS_NAME, ins->arg);
	int32		base = module->shape == SH_IMPORT ? module->a : -1;
	int32		level = module->shape == SH_IMPORT ? module->b : 0;
	int32		name = base >= 0 && sim->f->strings.lens[base] > 0 ?
		df_intern_concat(&sim->f->strings, base, '.', attr) : attr;
	int32		ev = instr_event(sim, i, 0, DF_IMPORT, name, -1, level);
	DfVal		v = df_val_event(ev, sim->events[ev].bstart, sim->events[ev].bend);

	v.shape = SH_IMPORT;
	v.a = name;
	v.b = level;
	df_push(s, v);
}

static void
sim_call(DfSim *sim, DfStack *s, int32 i, int32 nargs)
{
	const DfConst *kw = sim->pending_kw;
	int32		nkw = kw ? Min(kw->nstrs, nargs) : 0;
	DfVal	   *args = palloc((nargs + 1) * sizeof(DfVal));
	DfVal		c2,
				c1,
				callee,
				recv = df_empty_val;
	bool		has_recv = false;
	int32		method = -1;	/* the method's name when there is a receiver */
	int32		first = 0;
	int32		ev;
	int32		bstart,
				bend,
				line0;

	sim->pending_kw = NULL;
	for (int32 k = nargs - 1; k >= 0; k--)
		args[k + 1] = df_pop(s);
	c2 = df_pop(s);
	c1 = df_pop(s);
	/* CALL's layout: [NULL, callable, args] or [callable, self, args] (bound methods). */
	if (c1.shape == SH_NULL)
	{
		callee = c2;
		first = 1;

		/*
		 * name.method() on a name an import binds (in the module, even where a local
		 * shadows it) is compiled as LOAD_ATTR and a plain call, not as LOAD_METHOD: the
		 * variable the attribute was read from is the receiver all the same.
		 */
		if (callee.shape == SH_REF && sim->keys[callee.a].base >= 0 && callee.nset == 1 &&
			sim->events[callee.set[0]].kind == DF_LOAD_ATTR &&
			sim->events[callee.set[0]].detail != DF_NO_DETAIL)
		{
			method = sim->keys[callee.a].attr;
			recv = df_val_event(sim->events[callee.set[0]].detail, -1, -1);
			recv.shape = SH_REF;
			recv.a = sim->keys[callee.a].base;
			has_recv = true;
		}
	}
	else if (c1.shape == SH_METHOD)
	{
		callee = c1;
		method = callee.a;
		recv = c2;
		has_recv = true;
		first = 1;
	}
	else
	{
		/* A decorator: [decorator, function] is the call decorator(function). */
		callee = c1;
		args[0] = c2;
		nargs++;
		if (c2.shape == SH_FUNC && c2.a >= 0 && c2.a < sim->f->nunits && callee.dotted >= 0 &&
			sim->code->is_class_body)
		{
			const char *deco = sim->f->strings.strs[callee.dotted];

			if (strcmp(deco, "classmethod") == 0)
				sim->f->decorated[c2.a] = DF_METHOD_CLASS;
			else if (strcmp(deco, "staticmethod") == 0)
				sim->f->decorated[c2.a] = DF_METHOD_STATIC;
		}
	}
	df_instr_span(sim, i, &bstart, &bend, &line0);
	if (callee.shape == SH_BUILD_CLASS || callee.shape == SH_WITH_EXIT)
	{
		df_push(s, df_empty_val);
		pfree(args);
		return;
	}
	ev = instr_event(sim, i, 0, DF_CALL, callee.dotted, -1, DF_NO_DETAIL);
	if (callee.shape == SH_FUNC)
	{
		/* A code object of this file called where it is made: a comprehension, a lambda. */
		DfVal		result = df_val_event(ev, -1, -1);

		for (int32 k = 0; k < nargs - nkw; k++)
			add_link(sim, DF_LINK_ARG, &args[first + k], callee.a, k);
		add_link(sim, DF_LINK_RESULT, &result, callee.a, 0);
	}
	else
	{
		if (has_recv)
			add_steps(sim, &recv, ev, DF_SLOT_RECEIVER);
		for (int32 k = 0; k < nargs - nkw; k++)
			add_steps(sim, &args[first + k], ev, k);
		for (int32 k = 0; k < nkw; k++)
			add_steps(sim, &args[first + nargs - nkw + k], ev,
					  DF_SLOT_KEYWORD - df_file_keyword(sim->f, kw->strs[k]));
		if (has_recv && recv.shape == SH_REF && is_mutator(sim, method))
		{
			int32		upd = instr_event(sim, i, 1, DF_UPDATE, sim->keys[recv.a].name, recv.a, base_event(&recv));

			for (int32 k = first; k < first + nargs; k++)
				add_steps(sim, &args[k], upd, DF_SLOT_VALUE);
		}
	}
	df_push(s, df_val_event(ev, bstart, bend));
	pfree(args);
}

static void
sim_call_ex(DfSim *sim, DfStack *s, int32 i, int32 flags)
{
	DfVal		kwargs = (flags & 1) ? df_pop(s) : df_empty_val;
	DfVal		args = df_pop(s);
	DfVal		callee = df_pop(s);
	int32		ev;
	int32		bstart,
				bend,
				line0;

	(void) df_pop(s);				/* the NULL below the callable */
	df_instr_span(sim, i, &bstart, &bend, &line0);
	ev = instr_event(sim, i, 0, DF_CALL, callee.dotted, -1, DF_NO_DETAIL);
	if (callee.shape == SH_FUNC)
	{
		DfVal		result = df_val_event(ev, -1, -1);

		add_link(sim, DF_LINK_STAR, &args, callee.a, 0);
		add_link(sim, DF_LINK_STAR, &kwargs, callee.a, 0);
		add_link(sim, DF_LINK_RESULT, &result, callee.a, 0);
	}
	else
	{
		add_steps(sim, &args, ev, DF_SLOT_STAR);
		add_steps(sim, &kwargs, ev, DF_SLOT_DSTAR);
	}
	df_push(s, df_val_event(ev, bstart, bend));
}

static void
sim_make_function(DfSim *sim, DfStack *s, int32 flags)
{
	DfVal		code = df_pop(s);
	DfVal		v = df_empty_val;

	if (flags & 0x08)
		(void) df_pop(s);			/* closure cells */
	if (flags & 0x04)
		(void) df_pop(s);			/* annotations */
	if (flags & 0x02)
	{
		DfVal		kwdefaults = df_pop(s);

		if (code.shape == SH_CODE)
			add_link(sim, DF_LINK_KWDEFAULT, &kwdefaults, code.a, 0);
	}
	if (flags & 0x01)
	{
		DfVal		defaults = df_pop(s);

		if (code.shape == SH_CODE)
			add_link(sim, DF_LINK_DEFAULT, &defaults, code.a, 0);
	}
	if (code.shape == SH_CODE)
	{
		v.shape = SH_FUNC;
		v.a = code.a;
	}
	df_push(s, v);
}

/* The attribute of a loaded variable is an event of its own ("self.x"); deeper ones are not. */
static void
sim_load_attr(DfSim *sim, DfStack *s, int32 i, const BcInstr *ins)
{
	DfVal		owner = df_pop(s);
	int32		attr = var_name(sim, NS_NAME, ins->arg);
	int32		dotted = owner.dotted >= 0 ? df_intern_concat(&sim->f->strings, owner.dotted, '.', attr) : -1;
	int32		bstart,
				bend,
				line0;
	DfVal		v;

	df_instr_span(sim, i, &bstart, &bend, &line0);
	if ((owner.shape == SH_REF && sim->keys[owner.a].base < 0) || sim->instr_event[0][i] >= 0)
	{
		int32		key = owner.shape == SH_REF && sim->keys[owner.a].base < 0 ?
			df_key_for(sim, NS_NONE, -1, owner.a, attr) : sim->events[sim->instr_event[0][i]].key;
		int32		ev = instr_event(sim, i, 0, DF_LOAD_ATTR, sim->keys[key].name, key, base_event(&owner));

		add_steps(sim, &owner, ev, DF_SLOT_VALUE);
		v = df_val_event(ev, bstart, bend);
		v.shape = SH_REF;
		v.a = key;
	}
	else
		v = df_val_derive(&owner, 1, bstart, bend);
	v.dotted = dotted;
	df_push(s, v);
}

static void
sim_store_attr(DfSim *sim, DfStack *s, int32 i, const BcInstr *ins, bool is_delete)
{
	DfVal		owner = df_pop(s);
	DfVal		value = is_delete ? df_empty_val : df_pop(s);

	if (owner.shape == SH_REF && sim->keys[owner.a].base < 0)
	{
		int32		key = df_key_for(sim, NS_NONE, -1, owner.a, var_name(sim, NS_NAME, ins->arg));

		define(sim, i, is_delete ? DF_DELETE_ATTR : DF_STORE_ATTR, key, &value, base_event(&owner));
	}
}

static void
sim_store(DfSim *sim, DfStack *s, int32 i, const BcInstr *ins, uint8 ns)
{
	DfVal		value = df_pop(s);
	int32		name = var_name(sim, ns, ins->arg);
	const BcInstr *next = i + 1 < sim->d->ninstrs ? &sim->d->instrs[i + 1] : NULL;

	if (name < 0)
		return;
	/*
	 * `except E as e` ends with e = None; del e, made by the compiler: only the delete
	 * is kept (e is unbound after the handler).
	 */
	if (next && df_op_class[next->deop] == OP_DELETE && df_op_detail[next->deop] == ns && next->arg == ins->arg &&
		value.shape == SH_CONST && const_at(sim, value.a) && const_at(sim, value.a)->kind == DF_CONST_NONE)
		return;
	define(sim, i, store_kind(ns), df_var_key(sim, ns, name), &value, cell_owner(sim, ns, ins->arg));
}

/* A value that carries no data (a boolean, a constant), with the span that made it. */
static DfVal
empty_at(const DfSim *sim, int32 i)
{
	DfVal		v = df_empty_val;
	int32		line0;

	df_instr_span(sim, i, &v.bstart, &v.bend, &line0);
	return v;
}

/* Values grown past DF_MAX_SET are replaced by the instruction's value event. */
static void
bound_values(DfSim *sim, DfStack *s, int32 i)
{
	for (int32 k = Max(s->low, 0); k < s->depth; k++)
	{
		DfVal	   *v = &s->v[k];
		int32		ev;
		DfVal		joined;

		if (v->nset <= DF_MAX_SET)
			continue;
		ev = instr_event(sim, i, 2, DF_VALUE, -1, -1, DF_NO_DETAIL);
		add_steps(sim, v, ev, DF_SLOT_VALUE);
		joined = df_val_event(ev, v->bstart, v->bend);
		v->set = joined.set;
		v->nset = 1;
	}
}

void
df_simulate_instr(DfSim *sim, DfStack *s, int32 i)
{
	const BcInstr *ins = &sim->d->instrs[i];
	uint8		op = df_op_class[ins->deop];
	uint8		detail = df_op_detail[ins->deop];
	int32		bstart,
				bend,
				line0;

	s->low = s->depth;

	switch ((DfOp) op)
	{
		case OP_UNKNOWN:
		case OP_NOP:
			break;
		case OP_POP:
			(void) df_pop(s);
			break;
		case OP_POP2:
			(void) df_pop(s);
			(void) df_pop(s);
			break;
		case OP_PUSH_NULL:
			{
				DfVal		v = df_empty_val;

				v.shape = SH_NULL;
				df_push(s, v);
				break;
			}
		case OP_PUSH_EMPTY:
			df_push(s, empty_at(sim, i));
			break;
		case OP_UNARY:
			{
				DfVal		v = df_pop(s);

				df_instr_span(sim, i, &bstart, &bend, &line0);
				df_push(s, df_val_derive(&v, 1, bstart, bend));
				break;
			}
		case OP_REPLACE_EMPTY:
			(void) df_pop(s);
			df_push(s, empty_at(sim, i));
			break;
		case OP_BINARY_SUBSCR:
			{
				DfVal		index = df_pop(s);
				DfVal		container = df_pop(s);

				(void) index;
				df_instr_span(sim, i, &bstart, &bend, &line0);
				df_push(s, df_val_derive(&container, 1, bstart, bend));
				break;
			}
		case OP_BINARY:
			{
				DfVal		v[2];

				v[1] = df_pop(s);
				v[0] = df_pop(s);
				df_instr_span(sim, i, &bstart, &bend, &line0);
				df_push(s, df_val_derive(v, 2, bstart, bend));
				break;
			}
		case OP_COMPARE:
			(void) df_pop(s);
			(void) df_pop(s);
			df_push(s, empty_at(sim, i));
			break;
		case OP_MATCH_KEYS:
			df_instr_span(sim, i, &bstart, &bend, &line0);
			df_push(s, df_val_derive(df_peek(s, 2), 1, bstart, bend));
			break;
		case OP_MATCH_CLASS:
			{
				DfVal		subject;

				(void) df_pop(s);
				(void) df_pop(s);
				subject = df_pop(s);
				df_instr_span(sim, i, &bstart, &bend, &line0);
				df_push(s, df_val_derive(&subject, 1, bstart, bend));
				break;
			}
		case OP_PUSH_EXC_INFO:
			{
				DfVal		exc = df_pop(s);

				df_push(s, df_empty_val);
				df_push(s, exc);
				break;
			}
		case OP_CHECK_EG_MATCH:
			(void) df_pop(s);
			(void) df_pop(s);
			df_push(s, df_empty_val);
			df_push(s, df_empty_val);
			break;
		case OP_GET_ANEXT:
			df_instr_span(sim, i, &bstart, &bend, &line0);
			df_push(s, df_val_derive(df_peek(s, 1), 1, bstart, bend));
			break;
		case OP_BEFORE_WITH:
			{
				DfVal		manager = df_pop(s);
				DfVal		exit = df_empty_val;

				df_instr_span(sim, i, &bstart, &bend, &line0);
				exit.shape = SH_WITH_EXIT;
				df_push(s, exit);
				df_push(s, df_val_derive(&manager, 1, bstart, bend));
				break;
			}
		case OP_PREP_RERAISE_STAR:
			(void) df_pop(s);
			(void) df_pop(s);
			df_push(s, df_empty_val);
			break;
		case OP_STORE_SUBSCR:
			{
				DfVal		index = df_pop(s);
				DfVal		container = df_pop(s);
				DfVal		value = df_pop(s);

				(void) index;
				if (container.shape == SH_REF)
					define(sim, i, DF_STORE_ITEM, container.a, &value, base_event(&container));
				break;
			}
		case OP_LOAD_BUILD_CLASS:
			{
				DfVal		v = df_empty_val;

				v.shape = SH_BUILD_CLASS;
				df_push(s, v);
				break;
			}
		case OP_RETURN_VALUE:
			{
				DfVal		v = df_pop(s);

				/* A return of nothing but constants (the implicit return None) is no use. */
				if (v.nset > 0)
					add_steps(sim, &v, instr_event(sim, i, 0, DF_RETURN, -1, -1, DF_NO_DETAIL), DF_SLOT_VALUE);
				break;
			}
		case OP_YIELD_VALUE:
			{
				DfVal		v = df_pop(s);
				bool		awaits = i > 0 && df_op_class[sim->d->instrs[i - 1].deop] == OP_SEND &&
					sim->code->is_async;

				/*
				 * The yields of an await loop (after SEND in a coroutine or async
				 * generator) hand the awaitable's steps to the event loop: they are no
				 * values of the function, unlike those of `yield from` in a generator.
				 */
				if (!awaits && v.nset > 0)
					add_steps(sim, &v, instr_event(sim, i, 0, DF_YIELD, -1, -1, DF_NO_DETAIL), DF_SLOT_VALUE);
				df_push(s, df_empty_val);
				break;
			}
		case OP_STORE:
			sim_store(sim, s, i, ins, detail);
			break;
		case OP_DELETE:
			{
				int32		name = var_name(sim, detail, ins->arg);

				if (name >= 0)
					define(sim, i, (DfKind) (DF_DELETE_LOCAL + (store_kind(detail) - DF_STORE_LOCAL)),
						   df_var_key(sim, detail, name), NULL, cell_owner(sim, detail, ins->arg));
				break;
			}
		case OP_LOAD:
			{
				int32		name = var_name(sim, detail, ins->arg);
				DfKind		kind = detail == NS_LOCAL ? DF_LOAD_LOCAL : detail == NS_CELL ? DF_LOAD_CELL :
					detail == NS_NAME ? DF_LOAD_NAME : DF_LOAD_GLOBAL;
				int32		arg = detail == NS_GLOBAL ? ins->arg >> 1 : ins->arg;
				int32		ev;
				DfVal		v;

				if (detail == NS_GLOBAL)
				{
					name = var_name(sim, detail, arg);
					if (ins->arg & 1)
					{
						DfVal		null = df_empty_val;

						null.shape = SH_NULL;
						df_push(s, null);
					}
				}
				if (name < 0)
				{
					df_push(s, df_empty_val);
					break;
				}
				ev = instr_event(sim, i, 0, kind, name, df_var_key(sim, detail, name), cell_owner(sim, detail, arg));
				v = df_val_event(ev, sim->events[ev].bstart, sim->events[ev].bend);
				v.shape = SH_REF;
				v.a = sim->events[ev].key;
				v.dotted = name;
				df_push(s, v);
				break;
			}
		case OP_UNPACK_SEQUENCE:
		case OP_UNPACK_EX:
			{
				DfVal		v = df_pop(s);
				int32		n = op == OP_UNPACK_SEQUENCE ? ins->arg : (ins->arg & 0xFF) + (ins->arg >> 8) + 1;

				df_instr_span(sim, i, &bstart, &bend, &line0);
				for (int32 k = 0; k < n; k++)
					df_push(s, df_val_derive(&v, 1, bstart, bend));
				break;
			}
		case OP_FOR_ITER:
		case OP_JUMP_OR_POP:
		case OP_SEND:
			/* The effect differs per outgoing edge: see leave_block(). */
			break;
		case OP_STORE_ATTR:
		case OP_DELETE_ATTR:
			sim_store_attr(sim, s, i, ins, op == OP_DELETE_ATTR);
			break;
		case OP_SWAP:
			if (ins->arg >= 2 && ins->arg <= s->depth)
			{
				DfVal		t = s->v[s->depth - 1];

				s->v[s->depth - 1] = s->v[s->depth - ins->arg];
				s->v[s->depth - ins->arg] = t;
			}
			break;
		case OP_COPY:
			df_push(s, *df_peek(s, ins->arg));
			break;
		case OP_LOAD_CONST:
			{
				const DfConst *c = const_at(sim, ins->arg);
				DfVal		v = df_empty_val;

				v.shape = c && c->kind == DF_CONST_CODE ? SH_CODE : SH_CONST;
				v.a = c && c->kind == DF_CONST_CODE ? c->code_id : ins->arg;
				df_instr_span(sim, i, &v.bstart, &v.bend, &line0);
				df_push(s, v);
				break;
			}
		case OP_BUILD:
		case OP_BUILD_MAP:
		case OP_BUILD_CONST_KEY_MAP:
			{
				int32		n = op == OP_BUILD ? ins->arg : op == OP_BUILD_MAP ? 2 * ins->arg : ins->arg + 1;
				DfVal	   *v = palloc(Max(n, 1) * sizeof(DfVal));

				for (int32 k = n - 1; k >= 0; k--)
					v[k] = df_pop(s);
				df_instr_span(sim, i, &bstart, &bend, &line0);
				df_push(s, df_val_derive(v, n, bstart, bend));
				pfree(v);
				break;
			}
		case OP_ADD_INTO:
		case OP_MAP_ADD:
			{
				DfVal		v[2];

				v[0] = df_pop(s);
				v[1] = op == OP_MAP_ADD ? df_pop(s) : df_empty_val;
				if (ins->arg >= 1 && ins->arg <= s->depth)
				{
					DfVal	   *into = &s->v[s->depth - ins->arg];

					s->low = Min(s->low, s->depth - ins->arg);
					into->set = df_set_union(into->set, into->nset, v[0].set, v[0].nset, &into->nset);
					into->set = df_set_union(into->set, into->nset, v[1].set, v[1].nset, &into->nset);
					into->shape = SH_NONE;
				}
				break;
			}
		case OP_LOAD_ATTR:
			sim_load_attr(sim, s, i, ins);
			break;
		case OP_LOAD_METHOD:
			{
				DfVal		owner = df_pop(s);
				DfVal		method = df_empty_val;

				method.shape = SH_METHOD;
				method.a = var_name(sim, NS_NAME, ins->arg);
				method.dotted = owner.dotted >= 0 ?
					df_intern_concat(&sim->f->strings, owner.dotted, '.', method.a) : -1;
				df_push(s, method);
				df_push(s, owner);
				break;
			}
		case OP_IMPORT_NAME:
			sim_import_name(sim, s, i, ins);
			break;
		case OP_IMPORT_FROM:
			sim_import_from(sim, s, i, ins);
			break;
		case OP_POP_JUMP:
			(void) df_pop(s);
			break;
		case OP_RAISE:
			for (int32 k = 0; k < ins->arg; k++)
				(void) df_pop(s);
			break;
		case OP_MAKE_FUNCTION:
			sim_make_function(sim, s, ins->arg);
			break;
		case OP_CALL_FUNCTION_EX:
			sim_call_ex(sim, s, i, ins->arg);
			break;
		case OP_CALL:
			sim_call(sim, s, i, ins->arg);
			break;
		case OP_KW_NAMES:
			{
				const DfConst *c = const_at(sim, ins->arg);

				sim->pending_kw = c && c->kind == DF_CONST_STRS ? c : NULL;
				break;
			}
		case OP_FORMAT_VALUE:
			{
				DfVal		v[2];
				int32		n = (ins->arg & 0x04) ? 2 : 1;

				v[1] = n == 2 ? df_pop(s) : df_empty_val;
				v[0] = df_pop(s);
				df_instr_span(sim, i, &bstart, &bend, &line0);
				df_push(s, df_val_derive(v, n, bstart, bend));
				break;
			}
	}
	bound_values(sim, s, i);
}

