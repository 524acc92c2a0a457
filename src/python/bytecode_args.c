/*
 * bytecode_args.c: what dis shows for an instruction's argument (argval, argrepr) and
 * for constants (deterministic reprs), from a code object's names and constants.
 *
 * Python references: names and constants are borrowed from a live code object; every
 * new reference (reprs) is released before the next call that could throw.
 */
#include "postgres.h"

#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "python/bytecode_args.h"
#include "schema/schema.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

/* Constant reprs longer than this are cut (at a character boundary) and end in "...". */
#define BC_REPR_MAX (1024 * 1024)

void
bc_arg_texts_init(BcArgTexts *texts)
{
	texts->kind_int = CStringGetTextDatum("int");
	texts->kind_str = CStringGetTextDatum("str");
	texts->kind_tuple = CStringGetTextDatum("tuple");
	texts->kind_unknown = CStringGetTextDatum("unknown");
}

static Datum
text_datum(const char *s, Size len)
{
	return PointerGetDatum(cstring_to_text_with_len(s, (int) len));
}

/*
 * A repr as a palloc'd string that never throws while Python references are held:
 * NULL (with the exception cleared) when there is none. Takes the reference.
 */
static char *
take_utf8(PyObject *str, Size *len_out)
{
	Py_ssize_t	len;
	const char *utf8;
	char	   *copy = NULL;
	PyObject   *encoded = NULL;

	if (str == NULL)
	{
		PyErr_Clear();
		return NULL;
	}
	utf8 = PyUnicode_AsUTF8AndSize(str, &len);
	if (utf8 == NULL)
	{
		/* Lone surrogates: escape them, text must be valid UTF-8. */
		PyErr_Clear();
		encoded = PyUnicode_AsEncodedString(str, "utf-8", "backslashreplace");
		if (encoded != NULL)
		{
			utf8 = PyBytes_AS_STRING(encoded);
			len = PyBytes_GET_SIZE(encoded);
		}
	}
	if (utf8 != NULL && (Size) len < MaxAllocSize - VARHDRSZ)
	{
		copy = palloc_extended(len + 1, MCXT_ALLOC_NO_OOM);
		if (copy)
		{
			memcpy(copy, utf8, len);
			copy[len] = '\0';
			*len_out = len;
		}
	}
	PyErr_Clear();
	Py_XDECREF(encoded);
	Py_DECREF(str);
	return copy;
}

/* A Python str held elsewhere (a name), as text; NULL Datum when unusable. */
Datum
bc_borrowed_text(PyObject *str)
{
	Size		len;
	char	   *s;

	if (str == NULL || !PyUnicode_Check(str))
		return (Datum) 0;
	Py_INCREF(str);
	s = take_utf8(str, &len);
	return s ? text_datum(s, len) : (Datum) 0;
}

static int
cmp_cstring(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/*
 * repr() of a constant, made deterministic: code objects print without their address,
 * frozensets with their element reprs sorted (their order follows string hashing,
 * which is randomised per process), ints too long for repr() in hexadecimal.
 */
static char *
const_repr(PyObject *value, Size *len)
{
	char	   *s;

	if (PyCode_Check(value))
	{
		PyObject   *name = ((PyCodeObject *) value)->co_name;

		s = psprintf("<code object %s>", PyUnicode_Check(name) ? PyUnicode_AsUTF8(name) : "?");
		PyErr_Clear();
		*len = strlen(s);
		return s;
	}
	if (PyFrozenSet_CheckExact(value))
	{
		Py_ssize_t	n = PySet_GET_SIZE(value);
		char	  **items = palloc_extended(Max(n, 1) * sizeof(char *), MCXT_ALLOC_NO_OOM);
		PyObject   *iter = items ? PyObject_GetIter(value) : NULL;
		PyObject   *item;
		Py_ssize_t	k = 0;
		StringInfoData buf;

		if (iter == NULL)
		{
			PyErr_Clear();
			return NULL;
		}
		while (k < n && (item = PyIter_Next(iter)) != NULL)
		{
			Size		item_len;

			items[k] = take_utf8(PyObject_Repr(item), &item_len);
			Py_DECREF(item);
			if (items[k] == NULL)
				break;
			k++;
		}
		PyErr_Clear();
		Py_DECREF(iter);
		if (k < n)
			return NULL;
		qsort(items, n, sizeof(char *), cmp_cstring);
		initStringInfo(&buf);
		appendStringInfoString(&buf, n == 0 ? "frozenset(" : "frozenset({");
		for (Py_ssize_t i = 0; i < n; i++)
		{
			if (i > 0)
				appendStringInfoString(&buf, ", ");
			appendStringInfoString(&buf, items[i]);
		}
		appendStringInfoString(&buf, n == 0 ? ")" : "})");
		*len = buf.len;
		return buf.data;
	}
	s = take_utf8(PyObject_Repr(value), len);
	if (s == NULL && PyLong_Check(value))
		s = take_utf8(PyNumber_ToBase(value, 16), len);
	return s;
}

bool
bc_const_info(PyObject *value, int32 code_id, BcConstInfo *info)
{
	Size		len = 0;
	char	   *repr = const_repr(value, &len);
	bool		truncated = false;

	memset(info, 0, sizeof(*info));
	if (repr == NULL)
	{
		repr = psprintf("<%s>", Py_TYPE(value)->tp_name);
		len = strlen(repr);
	}
	if (len > BC_REPR_MAX)
	{
		len = pg_mbcliplen(repr, len, BC_REPR_MAX);
		repr[len] = '\0';
		repr = psprintf("%s...", repr);
		len += 3;
		truncated = true;
	}
	info->repr = text_datum(repr, len);
	info->kind = CStringGetTextDatum(Py_TYPE(value)->tp_name);
	if (PyCode_Check(value))
	{
		info->has_int = true;
		info->ival = code_id;
	}
	else if (PyLong_Check(value))
	{
		int			overflow;
		long long	v = PyLong_AsLongLongAndOverflow(value, &overflow);

		PyErr_Clear();
		info->has_int = overflow == 0 && !(v == -1 && PyErr_Occurred());
		info->ival = v;
	}
	else if (PyUnicode_Check(value))
	{
		Py_ssize_t	n;
		const char *utf8 = PyUnicode_AsUTF8AndSize(value, &n);

		/* Text cannot hold NUL or surrogates; argrepr keeps the exact repr then. */
		if (utf8 != NULL && n <= BC_REPR_MAX && memchr(utf8, '\0', n) == NULL)
			info->str = text_datum(utf8, n);
		PyErr_Clear();
	}
	return truncated;
}

void
bc_set_argval(const BcOpTables *t, const BcArgTexts *x, const BcNames *n, const BcInstr *ins,
			  Datum *values, bool *nulls)
{
	uint16		flags = t->ops[ins->deop].flags;
	int32		arg = ins->arg;
	Datum		name = (Datum) 0;
	bool		unknown = false;

	nulls[bc_instr__argval_kind] = nulls[bc_instr__argval_int] = nulls[bc_instr__argval_str] = true;
	if (!ins->has_arg)
		return;
	/* By default dis reports the argument itself. */
	values[bc_instr__argval_kind] = x->kind_int;
	values[bc_instr__argval_int] = Int64GetDatum(arg);
	nulls[bc_instr__argval_kind] = nulls[bc_instr__argval_int] = false;

	if (flags & BC_HASCONST)
	{
		if (ins->deop == t->op_load_const && arg >= 0 && arg < n->nconsts)
		{
			const BcConstInfo *c = &n->consts[arg];

			values[bc_instr__argval_kind] = c->kind;
			nulls[bc_instr__argval_int] = !c->has_int;
			values[bc_instr__argval_int] = Int64GetDatum(c->ival);
			nulls[bc_instr__argval_str] = c->str == (Datum) 0;
			values[bc_instr__argval_str] = c->str;
			return;
		}
		unknown = true;			/* dis has no value for KW_NAMES: UNKNOWN, argrepr '' */
	}
	else if (flags & BC_HASNAME)
	{
		int32		index = ins->deop == t->op_load_global ? arg >> 1 : arg;

		if (index >= 0 && index < n->nnames)
			name = n->names[index];
		unknown = name == (Datum) 0;
	}
	else if (flags & (BC_JREL | BC_JABS))
	{
		values[bc_instr__argval_int] = Int64GetDatum(ins->jump_target);
		return;
	}
	else if (flags & (BC_HASLOCAL | BC_HASFREE))
	{
		if (arg >= 0 && arg < n->nlocalsplus)
			name = n->localsplus[arg];
		unknown = name == (Datum) 0;
	}
	else if (flags & BC_HASCOMPARE)
	{
		if (arg >= 0 && arg < t->ncmp_ops)
			name = CStringGetTextDatum(t->cmp_ops[arg]);
		unknown = name == (Datum) 0;
	}
	else if (ins->deop == t->op_format_value)
	{
		static const char *const conversions[] = {NULL, "str", "repr", "ascii"};
		const char *conv = conversions[arg & 3];
		bool		with_format = (arg & 4) != 0;

		/* dis: argval = (conversion function or None, has format spec). */
		values[bc_instr__argval_kind] = x->kind_tuple;
		values[bc_instr__argval_int] = Int64GetDatum(with_format ? 1 : 0);
		nulls[bc_instr__argval_str] = conv == NULL;
		if (conv)
			values[bc_instr__argval_str] = CStringGetTextDatum(conv);
		return;
	}
	else
		return;

	if (unknown)
	{
		values[bc_instr__argval_kind] = x->kind_unknown;
		nulls[bc_instr__argval_int] = true;
		return;
	}
	values[bc_instr__argval_kind] = x->kind_str;
	nulls[bc_instr__argval_int] = true;
	nulls[bc_instr__argval_str] = false;
	values[bc_instr__argval_str] = name;
}

/*
 * dis's argrepr of a stored instruction (codecpg.bc_instr), which keeps its argval
 * but not this text: the constant's repr (the code unit's consts), the name (argval_str;
 * "NULL + name" for LOAD_GLOBAL with the NULL bit), "to <target>" for a jump
 * (argval_int), the comparison operator, the FORMAT_VALUE conversion and format spec,
 * the MAKE_FUNCTION flags, the BINARY_OP symbol; empty without an argument or for other
 * operations. NULL without an opcode (only in a hand-built row).
 */
Datum
bc_argrepr(const BcOpTables *t, const Datum *v, const bool *n,
		   const Datum *const_reprs, const bool *const_nulls, int32 nconsts, bool *isnull)
{
	int32		opcode = n[bc_instr__opcode] ? -1 : DatumGetInt32(v[bc_instr__opcode]);
	int32		arg;
	uint8		deop;
	uint16		flags;

	*isnull = opcode < 0 || opcode > 255;
	if (*isnull)
		return (Datum) 0;
	deop = t->ops[opcode].deop;
	flags = t->ops[deop].flags;
	if (n[bc_instr__arg] || deop < t->have_argument)
		return CStringGetTextDatum("");
	arg = DatumGetInt32(v[bc_instr__arg]);
	if (flags & BC_HASCONST)
	{
		if (deop == t->op_load_const && arg >= 0 && arg < nconsts)
		{
			*isnull = const_nulls[arg];
			return const_reprs[arg];
		}
		return CStringGetTextDatum("");
	}
	if (flags & BC_HASNAME)
	{
		if (n[bc_instr__argval_str])
			return CStringGetTextDatum("");
		if (deop == t->op_load_global && (arg & 1))
			return CStringGetTextDatum(psprintf("NULL + %s", TextDatumGetCString(v[bc_instr__argval_str])));
		return v[bc_instr__argval_str];
	}
	if (flags & (BC_JREL | BC_JABS))
		return n[bc_instr__argval_int] ? CStringGetTextDatum("")
			: CStringGetTextDatum(psprintf("to " INT64_FORMAT, DatumGetInt64(v[bc_instr__argval_int])));
	if (flags & (BC_HASLOCAL | BC_HASFREE | BC_HASCOMPARE))
		return n[bc_instr__argval_str] ? CStringGetTextDatum("") : v[bc_instr__argval_str];
	if (deop == t->op_format_value)
	{
		static const char *const conversions[] = {NULL, "str", "repr", "ascii"};
		const char *conv = conversions[arg & 3];
		bool		with_format = (arg & 4) != 0;

		return CStringGetTextDatum(psprintf("%s%s%s", conv ? conv : "",
											conv && with_format ? ", " : "",
											with_format ? "with format" : ""));
	}
	if (deop == t->op_make_function)
	{
		static const char *const flag_names[] = {"defaults", "kwdefaults", "annotations", "closure"};
		StringInfoData buf;

		initStringInfo(&buf);
		for (int i = 0; i < 4; i++)
			if (arg & (1 << i))
				appendStringInfo(&buf, "%s%s", buf.len ? ", " : "", flag_names[i]);
		return CStringGetTextDatum(buf.data);
	}
	if (deop == t->op_binary_op && arg >= 0 && arg < t->nnb_ops)
		return CStringGetTextDatum(t->nb_ops[arg]);
	return CStringGetTextDatum("");
}
