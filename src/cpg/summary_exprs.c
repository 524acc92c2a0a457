/*
 * summary_exprs.c: expressions of a file's summary. Each becomes one SumExpr (or -1,
 * an unknown value); calls, operators and f-strings also record the evidence spans the
 * call graph's edges are named by.
 */
#include "postgres.h"

#include "cpg/summary_builder.h"
#include "miscadmin.h"

/* ---------------------------------------------------------------------------------- */
/* expressions */

/* Walks what is not summarised, for the calls, lambdas and definitions inside it. */
void
sb_children(Builder *b, int32 node)
{
	for (int32 c = first_named(b->x, node); c != TSN_NONE; c = next_named(b->x, c))
		(void) sb_expr(b, c);
}

static int32
constant(Builder *b, int32 node, int32 kind, int32 str)
{
	return sb_new_expr(b, SO_CONST, node, kind, str, 0, false);
}

/* The values an f-string formats: each is a dunder call for instances. True if any. */
static bool
interpolations(Builder *b, int32 node)
{
	const CstGrammar *g = b->x->f.g;
	bool		any = false;

	for (int32 c = b->x->f.nodes[node].first_child; c != TSN_NONE; c = b->x->f.nodes[c].next_sibling)
	{
		int32		e;
		int32		conv;
		int32		value;
		int32		which = 0;

		if (SYMBOL(b->x, c) != g->interpolation)
			continue;
		any = true;
		e = child_by_field(b->x, c, g->f_expression);
		conv = child_by_field(b->x, c, g->f_type_conversion);
		value = e == TSN_NONE ? -1 : sb_expr(b, e);
		if (conv != TSN_NONE && node_len(b->x, conv) >= 2)
			which = node_src(b->x, conv)[1];
		if (value >= 0)
			(void) sb_new_expr(b, SO_FORMAT, c, value, -1, which, true);
		/* a format specifier may hold interpolations of its own */
		for (int32 f = b->x->f.nodes[c].first_child; f != TSN_NONE; f = b->x->f.nodes[f].next_sibling)
			if (FIELD(b->x, f) == g->f_format_specifier)
				(void) interpolations(b, f);
	}
	return any;
}

/*
 * The literal text an f-string starts with, before its first replacement field
 * (f"visit_{kind}" gives "visit_"), interned, or -1: none, or one with escapes or
 * doubled braces, which the source does not spell as the value.
 */
static int32
fstring_prefix(Builder *b, int32 node)
{
	const CstGrammar *g = b->x->f.g;
	const char *src = node_src(b->x, node);
	int32		start = b->x->f.nodes[node].bstart;
	int32		open = 0;
	int32		len;

	while (open < node_len(b->x, node) && strchr("fFrRbBuU", src[open]) != NULL)
		open++;
	if (open >= node_len(b->x, node) || (src[open] != '"' && src[open] != '\''))
		return -1;
	open += (node_len(b->x, node) - open >= 6 && src[open + 1] == src[open] && src[open + 2] == src[open]) ? 3 : 1;
	for (int32 c = b->x->f.nodes[node].first_child; c != TSN_NONE; c = b->x->f.nodes[c].next_sibling)
	{
		if (SYMBOL(b->x, c) != g->interpolation)
			continue;
		len = b->x->f.nodes[c].bstart - start - open;
		if (len <= 0 || memchr(src + open, '\\', len) != NULL || memchr(src + open, '{', len) != NULL ||
			memchr(src + open, '}', len) != NULL)
			return -1;
		return sb_intern(b, src + open, len);
	}
	return -1;
}

/*
 * A string constant; its text is kept for plain strings (attribute names, dict keys,
 * __all__), and the literal prefix of an f-string in c, plus one.
 */
static int32
string_value(Builder *b, int32 node)
{
	const CstGrammar *g = b->x->f.g;
	StringInfoData decoded;
	bool		plain = true;
	int32		first = node;
	bool		concatenated = is_kind(b, node, g->concatenated_string);

	initStringInfo(&decoded);
	if (concatenated)
		first = first_named(b->x, node);
	for (int32 c = first; c != TSN_NONE; c = concatenated ? next_named(b->x, c) : TSN_NONE)
	{
		if (!is_kind(b, c, g->string) || interpolations(b, c) ||
			!cst_decode_string(node_src(b->x, c), node_len(b->x, c), &decoded))
			plain = false;
		else if (node_len(b->x, c) > 0 && strchr("bB", node_src(b->x, c)[0]) != NULL)
			return constant(b, node, SC_BYTES, -1);
	}
	if (!plain && !concatenated && is_kind(b, node, g->string))
		return sb_new_expr(b, SO_CONST, node, SC_STR, -1, fstring_prefix(b, node) + 1, false);
	return constant(b, node, SC_STR, plain ? sb_intern(b, decoded.data, decoded.len) : -1);
}

static int32
operator_code(const char *op, int32 len, bool *known)
{
	static const struct
	{
		const char *text;
		int32		code;
	}			ops[] = {
		{"+", OP_ADD}, {"-", OP_SUB}, {"*", OP_MUL}, {"@", OP_MATMUL}, {"/", OP_TRUEDIV},
		{"//", OP_FLOORDIV}, {"%", OP_MOD}, {"**", OP_POW}, {"<<", OP_LSHIFT},
		{">>", OP_RSHIFT}, {"&", OP_AND}, {"|", OP_OR}, {"^", OP_XOR}, {"~", OP_INVERT},
		{"==", OP_EQ}, {"!=", OP_NE}, {"<>", OP_NE}, {"<", OP_LT}, {"<=", OP_LE}, {">", OP_GT},
		{">=", OP_GE}, {"in", OP_IN}, {"not in", OP_NOT_IN}, {"is", OP_IS}, {"is not", OP_IS_NOT},
	};
	char		norm[16];
	int32		n = 0;

	/* "not  in" and "is\tnot" are one operator: collapse the white space between words. */
	for (int32 i = 0; i < len && n < (int32) sizeof(norm) - 1; i++)
	{
		if (op[i] == ' ' || op[i] == '\t' || op[i] == '\n' || op[i] == '\r' || op[i] == '\\')
		{
			if (n > 0 && norm[n - 1] != ' ')
				norm[n++] = ' ';
			continue;
		}
		norm[n++] = op[i];
	}
	while (n > 0 && norm[n - 1] == ' ')
		n--;
	if (n > 0 && norm[n - 1] == '=' && n >= 2 &&
		!(n == 2 && (norm[0] == '=' || norm[0] == '!' || norm[0] == '<' || norm[0] == '>')))
		n--;					/* an augmented assignment's operator */
	norm[n] = '\0';
	for (size_t i = 0; i < lengthof(ops); i++)
		if (strcmp(ops[i].text, norm) == 0)
		{
			*known = true;
			return ops[i].code;
		}
	*known = false;
	return OP_ADD;
}

int32
sb_operator_of(Builder *b, int32 op_node)
{
	bool		known;
	int32		code;

	if (op_node == TSN_NONE)
		return -1;
	code = operator_code(node_src(b->x, op_node), node_len(b->x, op_node), &known);
	return known ? code : -1;
}

static int32
container(Builder *b, int32 node, int32 kind)
{
	const CstGrammar *g = b->x->f.g;
	int32	   *values = NULL;
	int32		nvalues = 0;
	int32		capacity = 0;
	int32		first;

	/* Elements are translated before any is pushed: a nested container pushes its own. */
	for (int32 c = first_named(b->x, node); c != TSN_NONE; c = next_named(b->x, c))
	{
		int32		k = -1;
		int32		v;

		if (kind == SK_DICT && is_kind(b, c, g->pair))
		{
			int32		key = child_by_field(b->x, c, g->f_key);
			int32		val = child_by_field(b->x, c, g->f_value);

			k = sb_expr(b, key);
			v = sb_expr(b, val);
		}
		else if (is_kind(b, c, g->dictionary_splat))
			v = sb_new_expr(b, SO_SUBSCR, c, sb_expr(b, first_named(b->x, c)), -1, 0, false);
		else if (is_kind(b, c, g->list_splat) || is_kind(b, c, g->parenthesized_list_splat))
			v = sb_new_expr(b, SO_ITER, c, sb_expr(b, first_named(b->x, c)), -1,
							kind == SK_LIST || kind == SK_TUPLE ? SO_ITER_SIZED : 0, true);
		else
			v = sb_expr(b, c);
		if (kind == SK_DICT)
		{
			GROW(values, nvalues, capacity);
			values[nvalues++] = k;
		}
		GROW(values, nvalues, capacity);
		values[nvalues++] = v;
	}
	first = b->s.nelems;
	for (int32 i = 0; i < nvalues; i++)
		sb_push_elem(b, values[i]);
	/* dict keys and set elements are hashed: the container names that evidence */
	return sb_new_expr(b, SO_CONTAINER, node, kind, first, kind == SK_DICT ? nvalues / 2 : nvalues,
					kind == SK_DICT || kind == SK_SET);
}

/* A slice's bounds (start, stop, step; -1 for one left out): the children between its colons. */
static int32
slice_bounds(Builder *b, int32 node)
{
	const Extract *x = b->x;
	int32		bounds[3] = {-1, -1, -1};
	int32		part = 0;
	int32		first;

	for (int32 c = x->f.nodes[node].first_child; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
	{
		if (x->f.nodes[c].flags & TSN_EXTRA)
			continue;
		if (!(x->f.nodes[c].flags & TSN_NAMED))
		{
			if (node_len(x, c) == 1 && *node_src(x, c) == ':')
				part++;
			continue;
		}
		if (part < 3)
			bounds[part] = sb_expr(b, c);
	}
	first = b->s.nelems;
	for (int32 i = 0; i < 3; i++)
		sb_push_elem(b, bounds[i]);
	return sb_new_expr(b, SO_CONTAINER, node, SK_SLICE, first, 3, false);
}

static void
comprehension_clauses(Builder *b, int32 node)
{
	const CstGrammar *g = b->x->f.g;

	for (int32 c = first_named(b->x, node); c != TSN_NONE; c = next_named(b->x, c))
	{
		if (is_kind(b, c, g->for_in_clause))
		{
			int32		left = child_by_field(b->x, c, g->f_left);
			int32		right = child_by_field(b->x, c, g->f_right);
			bool		async = b->x->f.nodes[c].first_child != TSN_NONE &&
				SYMBOL(b->x, b->x->f.nodes[c].first_child) == g->kw_async;
			int32		iter;

			if (right == TSN_NONE)
				continue;
			iter = sb_new_expr(b, SO_ITER, right, sb_expr(b, right), -1, async ? SO_ITER_ASYNC : 0, true);
			if (left != TSN_NONE)
				sb_store(b, left, iter);
		}
		else if (is_kind(b, c, g->if_clause))
		{
			int32		cond = first_named(b->x, c);

			if (cond != TSN_NONE)
			{
				int32		v = sb_expr(b, cond);

				if (v >= 0)
					sb_new_effect(b, SE_TRUTH, sb_scope_of(b, cond), -1, -1, v, cond);
			}
		}
	}
}

static int32
comprehension(Builder *b, int32 node, int32 kind)
{
	const CstGrammar *g = b->x->f.g;
	int32		body = child_by_field(b->x, node, g->f_body);
	int32		elem = -1;
	int32		value = -1;

	/* The clauses first: they bind the names the element reads. */
	comprehension_clauses(b, node);
	if (body != TSN_NONE && kind == SK_DICT && is_kind(b, body, g->pair))
	{
		int32		key = child_by_field(b->x, body, g->f_key);
		int32		val = child_by_field(b->x, body, g->f_value);

		elem = key == TSN_NONE ? -1 : sb_expr(b, key);
		value = val == TSN_NONE ? -1 : sb_expr(b, val);
	}
	else if (body != TSN_NONE)
		elem = sb_expr(b, body);
	return sb_new_expr(b, SO_COMP, node, kind, elem, value, false);
}

static int32
call(Builder *b, int32 node)
{
	const CstGrammar *g = b->x->f.g;
	int32		fn = child_by_field(b->x, node, g->f_function);
	int32		arguments = child_by_field(b->x, node, g->f_arguments);
	int32		callee = sb_spanned(b, sb_expr(b, fn), fn);
	SumArg	   *args = NULL;
	int32		nargs = 0;
	int32		capacity = 0;
	int32		first;

	if (arguments != TSN_NONE && is_kind(b, arguments, g->generator_expression))
	{
		GROW(args, nargs, capacity);
		args[nargs++] = (SumArg) {SA_POS, -1, sb_expr(b, arguments)};
	}
	else if (arguments != TSN_NONE)
		for (int32 c = first_named(b->x, arguments); c != TSN_NONE; c = next_named(b->x, c))
		{
			SumArg		a = {SA_POS, -1, -1};

			if (is_kind(b, c, g->keyword_argument))
			{
				int32		name = child_by_field(b->x, c, g->f_name);

				a.kind = SA_KEYWORD;
				a.name = name == TSN_NONE ? -1 : sb_intern_node(b, name);
				a.expr = sb_expr(b, child_by_field(b->x, c, g->f_value));
			}
			else if (is_kind(b, c, g->list_splat) || is_kind(b, c, g->parenthesized_list_splat))
			{
				a.kind = SA_STAR;
				a.expr = sb_expr(b, first_named(b->x, c));
			}
			else if (is_kind(b, c, g->dictionary_splat))
			{
				a.kind = SA_DSTAR;
				a.expr = sb_expr(b, first_named(b->x, c));
			}
			else
				a.expr = sb_expr(b, c);
			GROW(args, nargs, capacity);
			args[nargs++] = a;
		}
	first = b->s.nargs;
	for (int32 i = 0; i < nargs; i++)
	{
		B_GROW(b, args, nargs, cap_args);
		b->s.args[b->s.nargs++] = args[i];
	}
	return sb_new_expr(b, SO_CALL, node, callee, first, nargs, true);
}

static int32
comparison(Builder *b, int32 node)
{
	const CstGrammar *g = b->x->f.g;
	int32		operand[64];
	int32		op[64];
	int32		noperands = 0;
	int32		nops = 0;
	int32		result = -1;

	/* a < b < c compares a with b and b with c: operands and operators alternate. */
	for (int32 c = b->x->f.nodes[node].first_child; c != TSN_NONE; c = b->x->f.nodes[c].next_sibling)
	{
		if (FIELD(b->x, c) == g->f_operators)
		{
			if (nops < (int32) lengthof(op))
				op[nops++] = sb_operator_of(b, c);
		}
		else if ((b->x->f.nodes[c].flags & (TSN_NAMED | TSN_EXTRA)) == TSN_NAMED)
		{
			int32		v = sb_expr(b, c);

			if (noperands < (int32) lengthof(operand))
				operand[noperands++] = v;
		}
	}
	for (int32 i = 0; i < nops && i + 1 < noperands; i++)
	{
		int32		cmp;

		if (op[i] < 0)
			continue;
		cmp = sb_new_expr(b, SO_COMPARE, node, operand[i], operand[i + 1], op[i], true);
		result = result < 0 ? cmp : sb_new_expr(b, SO_UNION, node, result, cmp, 0, false);
	}
	return result;
}

static int32
yield_expr(Builder *b, int32 node)
{
	const CstGrammar *g = b->x->f.g;
	int32		value = first_named(b->x, node);
	bool		from = b->x->f.nodes[node].first_child != TSN_NONE &&
		child_of_kind(b->x, node, g->kw_from) != TSN_NONE;
	int32		scope = sb_function_scope(b, sb_scope_of(b, node));
	int32		v = value == TSN_NONE ? -1 : sb_expr(b, value);

	if (from)
	{
		sb_new_effect(b, SE_YIELD_FROM, sb_scope_of(b, node), scope, -1, v, node);
		return sb_new_expr(b, SO_YIELD_FROM, node, v, -1, 0, false);
	}
	sb_new_effect(b, SE_YIELD, sb_scope_of(b, node), scope, -1, v, node);
	return -1;
}

static int32
lambda(Builder *b, int32 node)
{
	const CstGrammar *g = b->x->f.g;
	int32		body = child_by_field(b->x, node, g->f_body);
	int32		scope = b->x->created[node];

	sb_def_statement(b, node, node);
	if (body != TSN_NONE && scope >= 0)
	{
		int32		v = sb_expr(b, body);

		if (v >= 0)
			sb_new_effect(b, SE_RETURN, scope, scope, -1, v, body);
	}
	return sb_new_expr(b, SO_FUNC, node, scope, -1, 0, false);
}

static int32
name_load(Builder *b, int32 node)
{
	int32		scope = cst_binding_scope(&b->x->f.st, sb_scope_of(b, node), node_src(b->x, node), node_len(b->x, node));

	return sb_new_expr(b, SO_NAME, node, scope, sb_intern_node(b, node), 0, false);
}

static int32
expr_inner(Builder *b, int32 node)
{
	const Extract *x = b->x;
	const CstGrammar *g = x->f.g;
	uint16		k = SYMBOL(x, node);

	if (k == g->identifier)
		return name_load(b, node);
	if (k == g->attribute)
	{
		int32		obj = child_by_field(x, node, g->f_object);
		int32		attr = child_by_field(x, node, g->f_attribute);

		if (obj == TSN_NONE || attr == TSN_NONE)
		{
			sb_children(b, node);
			return -1;
		}
		return sb_new_expr(b, SO_ATTR, node, sb_expr(b, obj), sb_intern_node(b, attr), 0, true);
	}
	if (k == g->call)
		return call(b, node);
	if (k == g->subscript)
	{
		int32		value = child_by_field(x, node, g->f_value);
		int32		index = -1;
		int32		nindex = 0;
		int32		obj = value == TSN_NONE ? -1 : sb_expr(b, value);
		bool		slice = false;

		for (int32 c = x->f.nodes[node].first_child; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
			if (FIELD(x, c) == g->f_subscript)
			{
				slice = is_kind(b, c, g->slice);
				index = slice ? slice_bounds(b, c) : sb_expr(b, c);
				nindex++;
			}
		return sb_new_expr(b, SO_SUBSCR, node, obj, nindex == 1 ? index : -1,
						   nindex == 1 && slice ? SO_SUBSCR_SLICE : 0, true);
	}
	if (k == g->string || k == g->concatenated_string)
		return string_value(b, node);
	if (k == g->integer)
		return constant(b, node, SC_NUMBER, sb_intern_node(b, node));	/* a constant index: lst[0] */
	if (k == g->float_literal)
		return constant(b, node, SC_NUMBER, -1);
	if (k == g->true_literal || k == g->false_literal)
		return constant(b, node, SC_BOOL, sb_intern_node(b, node));	/* a key: d[True] is d[1] */
	if (k == g->none)
		return constant(b, node, SC_NONE, -1);
	if (k == g->list)
		return container(b, node, SK_LIST);
	if (k == g->tuple || k == g->expression_list || k == g->pattern_list)
		return container(b, node, SK_TUPLE);
	if (k == g->set)
		return container(b, node, SK_SET);
	if (k == g->dictionary)
		return container(b, node, SK_DICT);
	if (k == g->list_comprehension)
		return comprehension(b, node, SK_LIST);
	if (k == g->set_comprehension)
		return comprehension(b, node, SK_SET);
	if (k == g->dictionary_comprehension)
		return comprehension(b, node, SK_DICT);
	if (k == g->generator_expression)
		return comprehension(b, node, SK_GENERATOR);
	if (k == g->lambda)
		return lambda(b, node);
	if (k == g->parenthesized_expression)
	{
		int32		inner = first_named(x, node);

		return inner == TSN_NONE ? -1 : sb_expr(b, inner);
	}
	if (k == g->conditional_expression)
	{
		int32		a = first_named(x, node);
		int32		cond = a == TSN_NONE ? TSN_NONE : next_named(x, a);
		int32		alt = cond == TSN_NONE ? TSN_NONE : next_named(x, cond);
		int32		va = a == TSN_NONE ? -1 : sb_expr(b, a);
		int32		vc = cond == TSN_NONE ? -1 : sb_expr(b, cond);
		int32		vb = alt == TSN_NONE ? -1 : sb_expr(b, alt);

		if (vc >= 0)
			sb_new_effect(b, SE_TRUTH, sb_scope_of(b, cond), -1, -1, vc, cond);
		return sb_new_expr(b, SO_UNION, node, va, vb, 0, false);
	}
	if (k == g->boolean_operator)
	{
		int32		left = child_by_field(x, node, g->f_left);
		int32		right = child_by_field(x, node, g->f_right);
		int32		vl = left == TSN_NONE ? -1 : sb_expr(b, left);
		int32		vr = right == TSN_NONE ? -1 : sb_expr(b, right);

		if (vl >= 0)
			sb_new_effect(b, SE_TRUTH, sb_scope_of(b, left), -1, -1, vl, left);
		return sb_new_expr(b, SO_UNION, node, vl, vr, 0, false);
	}
	if (k == g->not_operator)
	{
		int32		arg = child_by_field(x, node, g->f_argument);
		int32		v = arg == TSN_NONE ? -1 : sb_expr(b, arg);

		if (v >= 0)
			sb_new_effect(b, SE_TRUTH, sb_scope_of(b, arg), -1, -1, v, arg);
		return constant(b, node, SC_BOOL, -1);
	}
	if (k == g->binary_operator)
	{
		int32		left = child_by_field(x, node, g->f_left);
		int32		right = child_by_field(x, node, g->f_right);
		int32		op = sb_operator_of(b, child_by_field(x, node, g->f_operator));
		int32		vl = left == TSN_NONE ? -1 : sb_expr(b, left);
		int32		vr = right == TSN_NONE ? -1 : sb_expr(b, right);

		if (op < 0)
			return -1;
		return sb_new_expr(b, SO_BINOP, node, vl, vr, op, true);
	}
	if (k == g->unary_operator)
	{
		int32		arg = child_by_field(x, node, g->f_argument);
		int32		opn = child_by_field(x, node, g->f_operator);
		int32		v = arg == TSN_NONE ? -1 : sb_expr(b, arg);
		int32		op = -1;

		if (opn != TSN_NONE && node_len(x, opn) == 1)
			op = *node_src(x, opn) == '-' ? OP_NEG : *node_src(x, opn) == '+' ? OP_POS : OP_INVERT;
		if (op < 0)
			return -1;
		/* a negative integer is a constant: an index from the end (lst[-1]) */
		if (op == OP_NEG && is_kind(b, arg, g->integer))
		{
			char	   *text = psprintf("-%.*s", node_len(x, arg), node_src(x, arg));

			return constant(b, node, SC_NUMBER, sb_intern(b, text, strlen(text)));
		}
		return sb_new_expr(b, SO_UNARY, node, v, -1, op, true);
	}
	if (k == g->comparison_operator)
		return comparison(b, node);
	if (k == g->await)
	{
		int32		inner = first_named(x, node);

		return sb_new_expr(b, SO_AWAIT, node, inner == TSN_NONE ? -1 : sb_expr(b, inner), -1, 0, true);
	}
	if (k == g->named_expression)
	{
		int32		name = child_by_field(x, node, g->f_name);
		int32		value = child_by_field(x, node, g->f_value);
		int32		v = value == TSN_NONE ? -1 : sb_expr(b, value);

		if (name != TSN_NONE && v >= 0)
		{
			int32		scope = sb_scope_of(b, name);
			const CstScope *scopes = x->f.st.scopes;

			/* An assignment expression in a comprehension binds in the scope around it. */
			while (scope > 0 && scopes[scope].kind == CST_SCOPE_COMPREHENSION)
				scope = scopes[scope].parent;
			scope = cst_store_scope(&b->x->f.st, scope, node_src(x, name), node_len(x, name));
			sb_new_effect(b, SE_STORE_NAME, sb_scope_of(b, node), scope, sb_intern_node(b, name), v, -1);
		}
		return v;
	}
	if (k == g->yield)
		return yield_expr(b, node);
	if (k == g->list_splat || k == g->dictionary_splat || k == g->parenthesized_list_splat)
	{
		int32		inner = first_named(x, node);

		return inner == TSN_NONE ? -1 : sb_expr(b, inner);
	}
	if (k == g->keyword_argument)
	{
		int32		value = child_by_field(x, node, g->f_value);

		return value == TSN_NONE ? -1 : sb_expr(b, value);
	}
	if (k == g->function_definition || k == g->class_definition)
	{
		/* a definition where an expression was expected: an ERROR node holds it */
		sb_stmt(b, node);
		return -1;
	}
	sb_children(b, node);
	return -1;
}

int32
sb_expr(Builder *b, int32 node)
{
	int32		v;

	if (node == TSN_NONE || (b->x->f.nodes[node].flags & TSN_EXTRA))
		return -1;
	if ((b->s.nexprs & 1023) == 0)
		CHECK_FOR_INTERRUPTS();
	if (b->depth >= SUM_MAX_DEPTH)
		return -1;
	check_stack_depth();
	b->depth++;
	v = expr_inner(b, node);
	b->depth--;
	return v;
}
