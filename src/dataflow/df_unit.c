/*
 * df_unit.c: one code object from start to end: its parameters, the worklist over its
 * basic blocks until every block's entry stack is stable, the sense of its conditional
 * branches, and its events, steps and reaching definitions in file-wide numbering.
 */
#include "postgres.h"

#include "dataflow/df_sim.h"
#include "miscadmin.h"

/* The test a conditional jump performs, and the span to show for it. */
static void
note_test(DfSim *sim, int32 b, const DfStack *s, int32 i)
{
	const BcInstr *ins = &sim->d->instrs[i];
	DfTest		test = (DfTest) df_op_detail[ins->deop];
	uint8		op = df_op_class[ins->deop];

	sim->test[b] = TEST_UNKNOWN;
	if (op != OP_POP_JUMP && op != OP_JUMP_OR_POP)
		return;
	sim->test[b] = test;
	if (test == TEST_IF_TRUE || test == TEST_IF_FALSE)
	{
		/* The truth of the value tested: its own span (x of `if not x:`). */
		const DfVal *v = s->depth > 0 ? &s->v[s->depth - 1] : &df_empty_val;

		sim->test_bstart[b] = v->bstart;
		sim->test_bend[b] = v->bend;
	}
	else
	{
		/* `x is None` / `x is not None`: the comparison as written, which the jump spans. */
		int32		line0;

		df_instr_span(sim, i, &sim->test_bstart[b], &sim->test_bend[b], &line0);
	}
}

static void
enqueue(int32 *queue, bool *queued, int32 *tail, int32 n, int32 b)
{
	if (queued[b])
		return;
	queued[b] = true;
	queue[(*tail)++ % n] = b;
}

/* The stack along one edge out of a block whose last instruction is i. */
static void
edge_stack(DfSim *sim, const DfStack *exit, int32 i, const BcEdge *e, DfStack *out)
{
	const BcInstr *ins = &sim->d->instrs[i];
	uint8		op = df_op_class[ins->deop];
	int32		bstart,
				bend,
				line0;

	if (e->kind == BC_EDGE_EXC)
	{
		const BcExcEntry *x = &sim->d->exc[e->exc_index];
		const DfStack *at = &sim->entry[e->src];

		out->depth = 0;
		for (int32 k = 0; k < x->depth; k++)
			df_push(out, k < at->depth ? at->v[k] : df_empty_val);
		if (x->lasti)
			df_push(out, df_empty_val);
		df_push(out, df_empty_val);	/* the exception */
		return;
	}
	df_stack_copy(out, exit);
	if (e->kind != BC_EDGE_NEXT && e->kind != BC_EDGE_BRANCH)
		return;
	df_instr_span(sim, i, &bstart, &bend, &line0);
	if (op == OP_FOR_ITER)
	{
		if (e->kind == BC_EDGE_NEXT)
			df_push(out, df_val_derive(df_peek(out, 1), 1, bstart, bend));
		else
			(void) df_pop(out);
	}
	else if (op == OP_JUMP_OR_POP)
	{
		if (e->kind == BC_EDGE_NEXT)
			(void) df_pop(out);
	}
	else if (op == OP_SEND)
	{
		DfVal		result;

		if (e->kind == BC_EDGE_NEXT)
		{
			result = df_val_derive(df_peek(out, 2), 1, bstart, bend);
			(void) df_pop(out);
		}
		else
		{
			(void) df_pop(out);
			result = df_val_derive(df_peek(out, 1), 1, bstart, bend);
			(void) df_pop(out);
		}
		df_push(out, result);
	}
}

static void
simulate_blocks(DfSim *sim)
{
	const BcDecoded *d = sim->d;
	int32		nblocks = d->nblocks;
	int32	   *queue = palloc(Max(nblocks, 1) * sizeof(int32));
	bool	   *queued = palloc0(Max(nblocks, 1) * sizeof(bool));
	int32		head = 0,
				tail = 0;
	int64		budget = (int64) nblocks * 64 + 1024;
	DfStack		work = {NULL, 0, 0, 0};
	DfStack		out = {NULL, 0, 0, 0};

	if (nblocks == 0)
		return;
	sim->entry[0].depth = 0;
	enqueue(queue, queued, &tail, nblocks, 0);
	while (head != tail && budget-- > 0)
	{
		int32		b = queue[head++ % nblocks];
		const BcBlock *blk = &d->blocks[b];

		queued[b] = false;
		CHECK_FOR_INTERRUPTS();
		df_stack_copy(&work, &sim->entry[b]);
		sim->pending_kw = NULL;
		for (int32 i = blk->first_instr; i <= blk->last_instr; i++)
		{
			if ((i & 4095) == 4095)
				CHECK_FOR_INTERRUPTS();
			if (i == blk->last_instr)
				note_test(sim, b, &work, i);
			df_simulate_instr(sim, &work, i);
		}
		for (int32 k = 0; k < sim->nsucc[b]; k++)
		{
			const BcEdge *e = &d->edges[sim->succ[b][k]];

			edge_stack(sim, &work, blk->last_instr, e, &out);
			if (df_stack_merge(&sim->entry[e->dst], &out))
				enqueue(queue, queued, &tail, nblocks, e->dst);
		}
	}
	/* Entry stacks only grow, so this ends; a budget guards against a pathological CFG. */
	if (head != tail)
		sim->f->approximated++;
}

static void
add_params(DfSim *sim)
{
	const DfCode *code = sim->code;
	int32		n = code->argcount + code->kwonlyargcount + (code->has_varargs ? 1 : 0) +
		(code->has_varkeywords ? 1 : 0);
	int32		line0 = code->firstlineno1 - 1;

	n = Min(n, code->nlocals);
	for (int32 k = 0; k < n; k++)
	{
		bool		cell = (code->local_kinds[k] & DF_LOCAL_CELL) != 0;
		uint8		ns = cell ? NS_CELL : NS_LOCAL;
		int32		name = code->locals[k];

		df_new_event(sim, DF_PARAM, name, df_var_key(sim, ns, name), -1, -1, -1, line0, k);
	}
	sim->nparams = n;
	if (n > 0)
		df_param_spans(sim->f, sim->code, sim->events);
}

/* ---- results ---- */

static int
cmp_triple(const void *a, const void *b)
{
	const int32 *x = a;
	const int32 *y = b;

	for (int k = 0; k < 3; k++)
		if (x[k] != y[k])
			return x[k] < y[k] ? -1 : 1;
	return 0;
}

/*
 * Events in a stable order (parameters, then by instruction, an instruction's first
 * event before its second), numbered file-wide; steps and links follow.
 */
static void
renumber(DfSim *sim, int32 links_before, DfUnitResult *result)
{
	DfFile	   *f = sim->f;
	int32	   *file_id = palloc(Max(sim->nevents, 1) * sizeof(int32));
	int32	   *event_block = palloc(Max(sim->nevents, 1) * sizeof(int32));
	int32		first = f->nevents;
	int32		next = first;

	for (int32 e = 0; e < sim->nparams; e++)
	{
		file_id[e] = next++;
		df_file_add_event(f, &sim->events[e]);
		event_block[file_id[e] - first] = 0;
	}
	for (int32 i = 0; i < sim->d->ninstrs; i++)
		for (int w = 0; w < 3; w++)
		{
			int32		e = sim->instr_event[w][i];

			if (e < 0)
				continue;
			file_id[e] = next++;
			df_file_add_event(f, &sim->events[e]);
			event_block[file_id[e] - first] = sim->block_of_instr[i];
		}
	Assert(next - first == sim->nevents);
	for (int32 e = first; e < next; e++)
	{
		DfEvent    *ev = &f->events[e];

		if ((ev->kind == DF_LOAD_ATTR || ev->kind == DF_STORE_ATTR || ev->kind == DF_DELETE_ATTR ||
			 DF_KIND_IS_WEAK(ev->kind)) && ev->detail != DF_NO_DETAIL)
			ev->detail = file_id[ev->detail];
	}

	for (int64 k = 0; k < sim->nsteps; k += 3)
	{
		sim->steps[k] = file_id[sim->steps[k]];
		sim->steps[k + 1] = file_id[sim->steps[k + 1]];
	}
	qsort(sim->steps, sim->nsteps / 3, 3 * sizeof(int32), cmp_triple);
	for (int64 k = 0; k < sim->nsteps; k += 3)
		if (k == 0 || cmp_triple(&sim->steps[k], &sim->steps[k - 3]) != 0)
			df_file_add_step(f, sim->steps[k], sim->steps[k + 1], sim->steps[k + 2]);
	for (int32 k = links_before; k < f->nlinks; k++)
		f->links[k].event = file_id[f->links[k].event];

	result->event_start = first;
	result->event_count = sim->nevents;
	{
		int32	   *key_base = palloc(Max(sim->nkeys, 1) * sizeof(int32));

		for (int32 k = 0; k < sim->nkeys; k++)
			key_base[k] = sim->keys[k].base;
		df_reaching_definitions(f, sim->code, first, sim->nevents, event_block, key_base, sim->nkeys);
	}
}

static void
collect_branches(DfSim *sim, DfUnitResult *result)
{
	const BcDecoded *d = sim->d;

	result->branches = palloc(Max(d->nedges, 1) * sizeof(DfBranch));
	result->nbranches = 0;
	for (int32 k = 0; k < d->nedges; k++)
	{
		const BcEdge *e = &d->edges[k];
		DfTest		test = (DfTest) sim->test[e->src];
		bool		taken = e->kind == BC_EDGE_BRANCH;
		DfBranch   *br;

		if ((e->kind != BC_EDGE_NEXT && e->kind != BC_EDGE_BRANCH) || e->cond_instr < 0 ||
			test == TEST_UNKNOWN || sim->entry[e->src].depth < 0)
			continue;
		br = &result->branches[result->nbranches];
		if (test == TEST_IF_TRUE || test == TEST_IF_FALSE)
			br->sense = taken == (test == TEST_IF_TRUE);
		else
		{
			/* Relative to the comparison as written: `x is None` or `x is not None`. */
			const char *t = sim->f->source;
			int32		p = sim->test_bend[e->src];
			int32		start = sim->test_bstart[e->src];
			bool		is_not;

			if (start < 0 || p > sim->f->source_len)
				continue;
			while (p > start && (t[p - 1] == ' ' || t[p - 1] == ')' || t[p - 1] == '\n' || t[p - 1] == '\t'))
				p--;
			if (p - start < 4 || memcmp(t + p - 4, "None", 4) != 0)
				continue;
			p -= 4;
			while (p > start && (t[p - 1] == ' ' || t[p - 1] == '\t' || t[p - 1] == '\n' || t[p - 1] == '\\'))
				p--;
			is_not = p - start >= 3 && memcmp(t + p - 3, "not", 3) == 0;
			if (!is_not && !(p - start >= 2 && memcmp(t + p - 2, "is", 2) == 0))
				continue;
			/* IF_NONE is taken when the value is None: the comparison `is None` holds. */
			br->sense = taken == ((test == TEST_IF_NONE) != is_not);
		}
		br->src_block = e->src;
		br->dst_block = e->dst;
		br->bstart = sim->test_bstart[e->src];
		br->bend = sim->test_bend[e->src];
		result->nbranches++;
	}
}

void
df_analyse_code(DfFile *f, const DfCode *code, DfUnitResult *result)
{
	DfSim		sim;
	const BcDecoded *d = &code->d;
	int32		links_before = f->nlinks;

	df_init_op_tables();
	memset(&sim, 0, sizeof(sim));
	sim.f = f;
	sim.code = code;
	sim.d = d;
	sim.events_capacity = 64;
	sim.events = palloc(sim.events_capacity * sizeof(DfEvent));
	sim.steps_capacity = 192;
	sim.steps = palloc(sim.steps_capacity * sizeof(int32));
	sim.keys_capacity = 32;
	sim.keys = palloc(sim.keys_capacity * sizeof(DfKey));
	for (int w = 0; w < 3; w++)
	{
		sim.instr_event[w] = palloc(Max(d->ninstrs, 1) * sizeof(int32));
		for (int32 i = 0; i < d->ninstrs; i++)
			sim.instr_event[w][i] = -1;
	}
	sim.block_of_instr = palloc(Max(d->ninstrs, 1) * sizeof(int32));
	sim.entry = palloc0(Max(d->nblocks, 1) * sizeof(DfStack));
	sim.succ = palloc0(Max(d->nblocks, 1) * sizeof(int32 *));
	sim.nsucc = palloc0(Max(d->nblocks, 1) * sizeof(int32));
	sim.test = palloc0(Max(d->nblocks, 1) * sizeof(uint8));
	sim.test_bstart = palloc(Max(d->nblocks, 1) * sizeof(int32));
	sim.test_bend = palloc(Max(d->nblocks, 1) * sizeof(int32));
	for (int32 b = 0; b < d->nblocks; b++)
	{
		sim.entry[b].depth = -1;
		sim.test_bstart[b] = sim.test_bend[b] = -1;
		for (int32 i = d->blocks[b].first_instr; i <= d->blocks[b].last_instr; i++)
			sim.block_of_instr[i] = b;
	}
	for (int32 k = 0; k < d->nedges; k++)
		sim.nsucc[d->edges[k].src]++;
	for (int32 b = 0; b < d->nblocks; b++)
	{
		sim.succ[b] = palloc(Max(sim.nsucc[b], 1) * sizeof(int32));
		sim.nsucc[b] = 0;
	}
	for (int32 k = 0; k < d->nedges; k++)
		sim.succ[d->edges[k].src][sim.nsucc[d->edges[k].src]++] = k;

	add_params(&sim);
	simulate_blocks(&sim);
	renumber(&sim, links_before, result);
	collect_branches(&sim, result);
}
