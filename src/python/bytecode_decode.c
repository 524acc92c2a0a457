/*
 * bytecode_decode.c: CPython 3.11 bytecode decoded the way dis shows it.
 *
 * The opcode tables come from the embedded interpreter's opcode module (read once per
 * backend). Everything else follows dis.py and Objects/codeobject.c of 3.11:
 * _unpack_opargs (EXTENDED_ARG, inline caches), findlabels, findlinestarts,
 * _parse_exception_table, and the location table behind co_positions().
 */
#include "postgres.h"

#include "miscadmin.h"
#include "python/bytecode.h"
#include "python/pyembed.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

static BcOpTables op_tables;
static bool op_tables_ready = false;

/* Copy a Python str into a fixed buffer; false (with an exception set) when it does not fit. */
static bool
copy_str(PyObject *str, char *buf, size_t size)
{
	Py_ssize_t	len;
	const char *utf8 = PyUnicode_Check(str) ? PyUnicode_AsUTF8AndSize(str, &len) : NULL;

	if (utf8 == NULL)
	{
		if (!PyErr_Occurred())
			PyErr_SetString(PyExc_TypeError, "expected a str in the opcode module");
		return false;
	}
	if ((size_t) len >= size)
	{
		PyErr_Format(PyExc_ValueError, "opcode module name too long: %s", utf8);
		return false;
	}
	memcpy(buf, utf8, len + 1);
	return true;
}

static int
opmap_get(PyObject *opmap, const char *name)
{
	PyObject   *value = PyDict_GetItemString(opmap, name);	/* borrowed */
	long		op = value ? PyLong_AsLong(value) : -1;

	if (op < 0 || op > 255)
	{
		PyErr_Clear();
		return -1;
	}
	return (int) op;
}

/* Set flag on every opcode listed in the module's list attribute (hasconst, ...). */
static bool
flag_list(PyObject *module, const char *attr, uint16 flag, uint16 *flags)
{
	PyObject   *list = PyObject_GetAttrString(module, attr);
	Py_ssize_t	n;

	if (list == NULL)
		return false;
	n = PySequence_Size(list);
	for (Py_ssize_t i = 0; i < n; i++)
	{
		PyObject   *item = PySequence_GetItem(list, i);
		long		op = item ? PyLong_AsLong(item) : -1;

		Py_XDECREF(item);
		if (op < 0 || op > 255)
		{
			if (!PyErr_Occurred())
				PyErr_Format(PyExc_ValueError, "opcode.%s lists opcode %ld", attr, op);
			Py_DECREF(list);
			return false;
		}
		flags[op] |= flag;
	}
	Py_DECREF(list);
	return n >= 0;
}

/* The opcode module's tables, and dis's reconstruction of the specialised names. */
static bool
load_from_module(PyObject *module, BcOpTables *t, uint16 *flags, int *cache_entries)
{
	PyObject   *opname = NULL;
	PyObject   *opmap = NULL;
	PyObject   *specialized = NULL;
	PyObject   *specializations = NULL;
	PyObject   *inline_caches = NULL;
	PyObject   *nb_ops = NULL;
	PyObject   *cmp_op = NULL;
	PyObject   *have_arg = NULL;
	bool		ok = false;
	int			next_special = 0;
	Py_ssize_t	nspecial;

	opname = PyObject_GetAttrString(module, "opname");
	opmap = opname ? PyObject_GetAttrString(module, "opmap") : NULL;
	specialized = opmap ? PyObject_GetAttrString(module, "_specialized_instructions") : NULL;
	specializations = specialized ? PyObject_GetAttrString(module, "_specializations") : NULL;
	inline_caches = specializations ? PyObject_GetAttrString(module, "_inline_cache_entries") : NULL;
	nb_ops = inline_caches ? PyObject_GetAttrString(module, "_nb_ops") : NULL;
	cmp_op = nb_ops ? PyObject_GetAttrString(module, "cmp_op") : NULL;
	have_arg = cmp_op ? PyObject_GetAttrString(module, "HAVE_ARGUMENT") : NULL;
	if (have_arg == NULL || !PyDict_Check(opmap) || !PyDict_Check(specializations) ||
		PySequence_Size(opname) != 256 ||
		PySequence_Size(inline_caches) != 256)
	{
		if (!PyErr_Occurred())
			PyErr_SetString(PyExc_TypeError, "the opcode module does not have the 3.11 layout");
		goto done;
	}
	t->have_argument = (int) PyLong_AsLong(have_arg);
	nspecial = PySequence_Size(specialized);

	/* dis._all_opname: specialised names fill the unnamed slots in order. */
	for (int op = 0; op < 256; op++)
	{
		PyObject   *name = PySequence_GetItem(opname, op);
		PyObject   *count = PySequence_GetItem(inline_caches, op);
		bool		copied = name && copy_str(name, t->ops[op].name, sizeof(t->ops[op].name));

		cache_entries[op] = count ? (int) PyLong_AsLong(count) : -1;
		Py_XDECREF(name);
		Py_XDECREF(count);
		if (!copied || cache_entries[op] < 0)
			goto done;
		t->ops[op].deop = op;
		if (t->ops[op].name[0] == '<' && next_special < nspecial)
		{
			PyObject   *special = PySequence_GetItem(specialized, next_special++);

			copied = special && copy_str(special, t->ops[op].name, sizeof(t->ops[op].name));
			Py_XDECREF(special);
			if (!copied)
				goto done;
		}
	}

	/* dis.deoptmap: every specialised name maps to its family's base opcode. */
	for (int op = 0; op < 256; op++)
	{
		PyObject   *base_name;
		PyObject   *family;
		Py_ssize_t	pos = 0;

		while (PyDict_Next(specializations, &pos, &base_name, &family))
		{
			Py_ssize_t	n = PySequence_Size(family);

			for (Py_ssize_t i = 0; i < n; i++)
			{
				PyObject   *member = PySequence_GetItem(family, i);
				const char *member_name = member ? PyUnicode_AsUTF8(member) : NULL;
				bool		match = member_name && strcmp(member_name, t->ops[op].name) == 0;

				Py_XDECREF(member);
				if (member_name == NULL)
					goto done;
				if (match)
				{
					PyObject   *base = PyDict_GetItem(opmap, base_name);

					if (base == NULL)
						goto done;
					t->ops[op].deop = (uint8) PyLong_AsLong(base);
				}
			}
		}
	}

	t->nnb_ops = (int) PySequence_Size(nb_ops);
	t->ncmp_ops = (int) PySequence_Size(cmp_op);
	if (t->nnb_ops < 0 || t->nnb_ops > (int) lengthof(t->nb_ops) ||
		t->ncmp_ops < 0 || t->ncmp_ops > (int) lengthof(t->cmp_ops))
	{
		if (!PyErr_Occurred())
			PyErr_SetString(PyExc_ValueError, "unexpected _nb_ops or cmp_op");
		goto done;
	}
	for (int i = 0; i < t->nnb_ops; i++)
	{
		PyObject   *pair = PySequence_GetItem(nb_ops, i);
		PyObject   *symbol = pair ? PySequence_GetItem(pair, 1) : NULL;
		bool		copied = symbol && copy_str(symbol, t->nb_ops[i], sizeof(t->nb_ops[i]));

		Py_XDECREF(symbol);
		Py_XDECREF(pair);
		if (!copied)
			goto done;
	}
	for (int i = 0; i < t->ncmp_ops; i++)
	{
		PyObject   *symbol = PySequence_GetItem(cmp_op, i);
		bool		copied = symbol && copy_str(symbol, t->cmp_ops[i], sizeof(t->cmp_ops[i]));

		Py_XDECREF(symbol);
		if (!copied)
			goto done;
	}

	if (!flag_list(module, "hasconst", BC_HASCONST, flags) ||
		!flag_list(module, "hasname", BC_HASNAME, flags) ||
		!flag_list(module, "hasjrel", BC_JREL, flags) ||
		!flag_list(module, "hasjabs", BC_JABS, flags) ||
		!flag_list(module, "haslocal", BC_HASLOCAL, flags) ||
		!flag_list(module, "hasfree", BC_HASFREE, flags) ||
		!flag_list(module, "hascompare", BC_HASCOMPARE, flags))
		goto done;

	t->op_extended_arg = opmap_get(opmap, "EXTENDED_ARG");
	t->op_load_const = opmap_get(opmap, "LOAD_CONST");
	t->op_load_global = opmap_get(opmap, "LOAD_GLOBAL");
	t->op_binary_op = opmap_get(opmap, "BINARY_OP");
	t->op_format_value = opmap_get(opmap, "FORMAT_VALUE");
	t->op_make_function = opmap_get(opmap, "MAKE_FUNCTION");

	/* Control flow is not in the opcode module: these are the 3.11 semantics. */
	{
		static const char *const uncond[] = {"JUMP_FORWARD", "JUMP_BACKWARD", "JUMP_BACKWARD_NO_INTERRUPT"};
		static const char *const stop[] = {"RETURN_VALUE", "RAISE_VARARGS", "RERAISE"};

		for (int i = 0; i < (int) lengthof(uncond); i++)
			if (opmap_get(opmap, uncond[i]) >= 0)
				flags[opmap_get(opmap, uncond[i])] |= BC_UNCOND;
		for (int i = 0; i < (int) lengthof(stop); i++)
			if (opmap_get(opmap, stop[i]) >= 0)
				flags[opmap_get(opmap, stop[i])] |= BC_STOP;
	}
	ok = t->op_extended_arg >= 0 && t->op_load_const >= 0 && t->op_load_global >= 0 &&
		t->op_binary_op >= 0 && t->op_format_value >= 0 && t->op_make_function >= 0 &&
		!PyErr_Occurred();
	if (!ok && !PyErr_Occurred())
		PyErr_SetString(PyExc_ValueError, "the opcode module lacks a 3.11 opcode");

done:
	Py_XDECREF(opname);
	Py_XDECREF(opmap);
	Py_XDECREF(specialized);
	Py_XDECREF(specializations);
	Py_XDECREF(inline_caches);
	Py_XDECREF(nb_ops);
	Py_XDECREF(cmp_op);
	Py_XDECREF(have_arg);
	return ok;
}

const BcOpTables *
bc_op_tables(void)
{
	PyObject   *module;
	uint16		flags[256] = {0};
	int			cache_entries[256];
	bool		ok;
	MemoryContext old;

	if (op_tables_ready)
		return &op_tables;
	module = cpg_py_import("opcode");
	memset(&op_tables, 0, sizeof(op_tables));
	ok = load_from_module(module, &op_tables, flags, cache_entries);
	Py_DECREF(module);
	if (!ok)
		cpg_py_raise(ERRCODE_EXTERNAL_ROUTINE_INVOCATION_EXCEPTION, "reading the opcode tables");

	/* dis classifies and sizes every instruction by its base opcode. */
	for (int op = 0; op < 256; op++)
	{
		BcOpInfo   *info = &op_tables.ops[op];

		info->flags = flags[info->deop];
		info->caches = (uint8) cache_entries[info->deop];
		if (strstr(op_tables.ops[info->deop].name, "JUMP_BACKWARD") != NULL)
			info->flags |= BC_BACKWARD;
	}
	old = MemoryContextSwitchTo(TopMemoryContext);
	for (int op = 0; op < 256; op++)
		op_tables.ops[op].name_text = CStringGetTextDatum(op_tables.ops[op].name);
	MemoryContextSwitchTo(old);
	op_tables_ready = true;
	return &op_tables;
}

/* Objects/codeobject.c read_varint / read_signed_varint (little-endian 6-bit groups). */
static bool
lt_varint(const uint8 *p, int32 len, int32 *pos, uint32 *out)
{
	uint32		val;
	uint32		shift = 0;
	uint8		b;

	if (*pos >= len)
		return false;
	b = p[(*pos)++];
	val = b & 63;
	while (b & 64)
	{
		if (*pos >= len || shift > 24)
			return false;
		b = p[(*pos)++];
		shift += 6;
		val |= (uint32) (b & 63) << shift;
	}
	*out = val;
	return true;
}

static bool
lt_svarint(const uint8 *p, int32 len, int32 *pos, int32 *out)
{
	uint32		u;

	if (!lt_varint(p, len, pos, &u))
		return false;
	*out = (u & 1) ? -(int32) (u >> 1) : (int32) (u >> 1);
	return true;
}

/* line += delta, false when the line would leave int32. */
static bool
line_advance(int32 *line, int32 delta)
{
	int64		next = (int64) *line + delta;

	if (next > PG_INT32_MAX || next < PG_INT32_MIN)
		return false;
	*line = (int32) next;
	return true;
}

/*
 * co_positions() for every code unit (advance_with_locations). Units the table does
 * not reach keep (None, None, None, None), as dis does when the iterator runs dry.
 */
static void
decode_positions(BcPosition *units, int32 nunits, const uint8 *lt, int32 lt_len, int32 firstlineno)
{
	int32		pos = 0;
	int32		unit = 0;
	int32		line = firstlineno;

	for (int32 i = 0; i < nunits; i++)
		units[i] = (BcPosition) {-1, -1, -1, -1};
	while (pos < lt_len && unit < nunits)
	{
		uint8		first = lt[pos++];
		int			code = (first >> 3) & 15;
		int32		length = (first & 7) + 1;
		BcPosition	p;
		uint32		u;
		int32		s;

		if (code == 15)			/* PY_CODE_LOCATION_INFO_NONE */
			p = (BcPosition) {-1, -1, -1, -1};
		else if (code == 14)	/* LONG */
		{
			uint32		end_delta,
						col,
						end_col;

			if (!lt_svarint(lt, lt_len, &pos, &s) || !lt_varint(lt, lt_len, &pos, &end_delta) ||
				!lt_varint(lt, lt_len, &pos, &col) || !lt_varint(lt, lt_len, &pos, &end_col))
				return;
			/* Lines and columns past int32 are no table CPython wrote: stop there. */
			if (!line_advance(&line, s) || end_delta > (uint32) PG_INT32_MAX ||
				(int64) line + end_delta > PG_INT32_MAX ||
				col > (uint32) PG_INT32_MAX || end_col > (uint32) PG_INT32_MAX)
				return;
			p.lineno = line;
			p.end_lineno = line + (int32) end_delta;
			p.col = (int32) col - 1;
			p.end_col = (int32) end_col - 1;
		}
		else if (code == 13)	/* NO_COLUMNS */
		{
			if (!lt_svarint(lt, lt_len, &pos, &s) || !line_advance(&line, s))
				return;
			p = (BcPosition) {line, line, -1, -1};
		}
		else if (code >= 10)	/* ONE_LINE0..2 */
		{
			if (pos + 2 > lt_len || !line_advance(&line, code - 10))
				return;
			p.lineno = p.end_lineno = line;
			p.col = lt[pos];
			p.end_col = lt[pos + 1];
			pos += 2;
		}
		else					/* short forms */
		{
			if (pos >= lt_len)
				return;
			u = lt[pos++];
			p.lineno = p.end_lineno = line;
			p.col = (code << 3) | (int32) (u >> 4);
			p.end_col = p.col + (int32) (u & 15);
		}
		/* A negative line is CPython's "no line" marker for the converter too. */
		if (p.lineno < 0)
			p.lineno = -1;
		if (p.end_lineno < 0)
			p.end_lineno = -1;
		for (int32 k = 0; k < length && unit < nunits; k++)
			units[unit++] = p;
	}
}

/* dis._parse_varint: big-endian 6-bit groups, bit 6 continues, bit 7 marks an entry start. */
static bool
et_varint(const uint8 *p, int32 len, int32 *pos, int32 *out)
{
	uint8		b;
	int64		val;

	if (*pos >= len)
		return false;
	b = p[(*pos)++];
	val = b & 63;
	while (b & 64)
	{
		if (*pos >= len || val > PG_INT32_MAX >> 6)
			return false;
		b = p[(*pos)++];
		val = (val << 6) | (b & 63);
	}
	*out = (int32) val;
	return true;
}

static void
decode_exception_table(BcDecoded *out, const uint8 *et, int32 et_len)
{
	int32		pos = 0;
	int32		capacity = 8;

	out->exc = palloc(capacity * sizeof(BcExcEntry));
	out->nexc = 0;
	for (;;)
	{
		int32		start,
					length,
					target,
					dl;

		/* A truncated entry ends the table, as StopIteration does in dis. */
		if (!et_varint(et, et_len, &pos, &start) || !et_varint(et, et_len, &pos, &length) ||
			!et_varint(et, et_len, &pos, &target) || !et_varint(et, et_len, &pos, &dl))
			break;
		/* Offsets past 2 GB belong to no code object: not a table CPython wrote. */
		if ((int64) start * 2 + (int64) length * 2 > PG_INT32_MAX || (int64) target * 2 > PG_INT32_MAX)
			break;
		if (out->nexc == capacity)
		{
			capacity *= 2;
			out->exc = repalloc(out->exc, capacity * sizeof(BcExcEntry));
		}
		out->exc[out->nexc].start = start * 2;
		out->exc[out->nexc].end = start * 2 + length * 2;
		out->exc[out->nexc].target = target * 2;
		out->exc[out->nexc].depth = dl >> 1;
		out->exc[out->nexc].lasti = (dl & 1) != 0;
		out->nexc++;
	}
}

/*
 * The offset a jump at offset with argument arg goes to (relative jumps count from past
 * the instruction, in code units), or -1 for no jump or a target outside int32.
 */
int32
bc_jump_target(const BcOpInfo *op, int32 offset, int32 arg)
{
	int64		target;

	if (!(op->flags & (BC_JREL | BC_JABS)))
		return -1;
	/* In 64 bits: an oparg of EXTENDED_ARG chains may be any int. */
	target = (op->flags & BC_JREL)
		? (int64) offset + 2 + ((op->flags & BC_BACKWARD) ? -(int64) arg : arg) * 2
		: (int64) arg * 2;
	return target >= 0 && target <= PG_INT32_MAX ? (int32) target : -1;
}

/* dis._unpack_opargs, with the inline caches attached to their instruction. */
static void
decode_instructions(BcDecoded *out, const BcOpTables *t)
{
	int32		nunits = out->code_len / 2;
	int64		extended_arg = 0;

	out->instrs = palloc(Max(nunits, 1) * sizeof(BcInstr));
	out->ninstrs = 0;
	for (int32 i = 0; i < nunits;)
	{
		uint8		op = out->code[2 * i];
		const BcOpInfo *info = &t->ops[op];
		BcInstr    *ins = &out->instrs[out->ninstrs++];

		ins->offset = 2 * i;
		ins->op = op;
		ins->deop = info->deop;
		ins->jump_target = -1;
		ins->pos = out->unit_pos[i];
		if (info->deop >= t->have_argument)
		{
			int64		arg = out->code[2 * i + 1] | extended_arg;

			ins->has_arg = true;
			ins->arg = (int32) arg;
			/* The oparg is a C int: it wraps like dis's _INT_OVERFLOW emulation. */
			extended_arg = info->deop == t->op_extended_arg
				? (int64) (int32) (uint32) ((uint64) arg << 8) : 0;
		}
		else
		{
			ins->has_arg = false;
			ins->arg = 0;
			extended_arg = 0;
		}
		if (ins->has_arg)
			ins->jump_target = bc_jump_target(info, ins->offset, ins->arg);
		i += 1 + info->caches;
		ins->end_offset = Min(2 * i, out->code_len);
	}
}

static int32
block_containing(const BcDecoded *d, int32 offset)
{
	int32		lo = 0;
	int32		hi = d->nblocks - 1;

	if (offset < 0 || offset >= d->code_len || d->nblocks == 0)
		return -1;
	while (lo < hi)
	{
		int32		mid = lo + (hi - lo + 1) / 2;

		if (d->blocks[mid].start <= offset)
			lo = mid;
		else
			hi = mid - 1;
	}
	return lo;
}

static void
add_edge(BcDecoded *d, int32 *capacity, int32 src, int32 dst, BcEdgeKind kind,
		 int32 cond_instr, int32 exc_index)
{
	if (dst < 0)
		return;
	if (d->nedges == *capacity)
	{
		*capacity *= 2;
		d->edges = repalloc(d->edges, *capacity * sizeof(BcEdge));
	}
	d->edges[d->nedges++] = (BcEdge) {src, dst, kind, cond_instr, exc_index};
}

/*
 * Basic blocks start at offset 0, at jump targets, after jumps, returns and raises,
 * and at exception handlers. Edges: next (fall-through, including the not-taken side
 * of a conditional jump, which carries cond_instr), jump, branch (taken side of a
 * conditional jump) and exc (from every block that overlaps an exception table entry
 * to the entry's handler).
 */
static void
build_cfg(BcDecoded *d, const BcOpTables *t)
{
	int32		nunits = d->code_len / 2;
	bool	   *leader = palloc0(Max(nunits, 1) * sizeof(bool));
	bool	   *handler = palloc0(Max(nunits, 1) * sizeof(bool));
	int32		capacity = 16;

	d->nblocks = 0;
	d->nedges = 0;
	d->blocks = palloc(Max(d->ninstrs, 1) * sizeof(BcBlock));
	d->edges = palloc(capacity * sizeof(BcEdge));
	if (d->ninstrs == 0)
		return;
	leader[0] = true;
	for (int32 i = 0; i < d->ninstrs; i++)
	{
		const BcInstr *ins = &d->instrs[i];
		uint16		flags = t->ops[ins->deop].flags;

		if (ins->jump_target >= 0 && ins->jump_target < d->code_len)
			leader[ins->jump_target / 2] = true;
		if ((ins->jump_target >= 0 || (flags & BC_STOP)) && ins->end_offset < d->code_len)
			leader[ins->end_offset / 2] = true;
	}
	for (int32 e = 0; e < d->nexc; e++)
		if (d->exc[e].target >= 0 && d->exc[e].target < d->code_len)
			leader[d->exc[e].target / 2] = handler[d->exc[e].target / 2] = true;

	for (int32 i = 0; i < d->ninstrs; i++)
	{
		const BcInstr *ins = &d->instrs[i];

		if (i == 0 || leader[ins->offset / 2])
		{
			BcBlock    *b = &d->blocks[d->nblocks++];

			b->start = ins->offset;
			b->kind = ins->offset == 0 ? BC_BLOCK_ENTRY :
				handler[ins->offset / 2] ? BC_BLOCK_HANDLER : BC_BLOCK_NORMAL;
			b->first_instr = i;
		}
		d->blocks[d->nblocks - 1].last_instr = i;
	}
	for (int32 b = 0; b < d->nblocks; b++)
		d->blocks[b].end = b + 1 < d->nblocks ? d->blocks[b + 1].start : d->code_len;

	for (int32 b = 0; b < d->nblocks; b++)
	{
		const BcBlock *blk = &d->blocks[b];
		const BcInstr *last = &d->instrs[blk->last_instr];
		uint16		flags = t->ops[last->deop].flags;
		int32		next = b + 1 < d->nblocks ? b + 1 : -1;

		CHECK_FOR_INTERRUPTS();
		if (last->jump_target >= 0)
		{
			int32		dst = block_containing(d, last->jump_target);

			if (flags & BC_UNCOND)
				add_edge(d, &capacity, b, dst, BC_EDGE_JUMP, -1, -1);
			else
			{
				add_edge(d, &capacity, b, next, BC_EDGE_NEXT, blk->last_instr, -1);
				add_edge(d, &capacity, b, dst, BC_EDGE_BRANCH, blk->last_instr, -1);
			}
		}
		else if (!(flags & BC_STOP))
			add_edge(d, &capacity, b, next, BC_EDGE_NEXT, -1, -1);
		for (int32 e = 0; e < d->nexc; e++)
			if (d->exc[e].start < blk->end && blk->start < d->exc[e].end)
				add_edge(d, &capacity, b, block_containing(d, d->exc[e].target), BC_EDGE_EXC, -1, e);
	}
	pfree(leader);
	pfree(handler);
}

void
bc_decode(BcDecoded *out, const uint8 *code, int32 code_len,
		  const uint8 *linetable, int32 linetable_len, int32 firstlineno,
		  const uint8 *exctable, int32 exctable_len)
{
	const BcOpTables *t = bc_op_tables();
	int32		nunits = code_len / 2;
	int32		line_capacity = 16;
	int32		last_line = -1;

	out->code = code;
	out->code_len = nunits * 2;
	out->unit_pos = palloc(Max(nunits, 1) * sizeof(BcPosition));
	decode_positions(out->unit_pos, nunits, linetable, linetable_len, firstlineno);
	decode_exception_table(out, exctable, exctable_len);
	decode_instructions(out, t);

	/* dis.findlinestarts: where the line changes to a known line. */
	out->lines = palloc(line_capacity * sizeof(BcLineStart));
	out->nlines = 0;
	for (int32 u = 0; u < nunits; u++)
	{
		int32		line = out->unit_pos[u].lineno;

		if (line < 0 || line == last_line)
			continue;
		last_line = line;
		if (out->nlines == line_capacity)
		{
			line_capacity *= 2;
			out->lines = repalloc(out->lines, line_capacity * sizeof(BcLineStart));
		}
		out->lines[out->nlines++] = (BcLineStart) {2 * u, line};
	}

	build_cfg(out, t);
}

const char *
bc_block_kind_name(BcBlockKind kind)
{
	switch (kind)
	{
		case BC_BLOCK_ENTRY:
			return "entry";
		case BC_BLOCK_HANDLER:
			return "handler";
		case BC_BLOCK_NORMAL:
			break;
	}
	return "normal";
}

const char *
bc_edge_kind_name(BcEdgeKind kind)
{
	switch (kind)
	{
		case BC_EDGE_NEXT:
			return "next";
		case BC_EDGE_JUMP:
			return "jump";
		case BC_EDGE_BRANCH:
			return "branch";
		case BC_EDGE_EXC:
			break;
	}
	return "exc";
}
