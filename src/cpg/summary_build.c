/*
 * summary_build.c: the per-file summary (summary.h), built from the CST extractor's
 * walk of a file: its scopes, the scope every node is evaluated in, and its name
 * bindings, so that a name read anywhere is resolved to the scope binding it exactly
 * as the CST's qualified names are.
 *
 * Statements and expressions are translated recursively. Whatever the translation does
 * not understand (an ERROR node, a construct of a newer grammar) is still walked, so
 * the calls, lambdas and definitions inside it are summarised; its value is unknown.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "cpg/summary.h"
#include "cpg/summary_build.h"
#include "cst/cst_walk.h"
#include "miscadmin.h"

/* Expressions nested deeper than this are summarised as unknown values (Python's own parser stops at 200). */
#define SUM_MAX_DEPTH 256

typedef struct StrSlot
{
	uint32		hash;
	int32		index;			/* -1: empty */
} StrSlot;

typedef struct Builder
{
	Extract    *x;
	Summary		s;
	int32		cap_scopes,
				cap_params,
				cap_exprs,
				cap_args,
				cap_elems,
				cap_effects,
				cap_imports,
				cap_all,
				cap_strings;
	StrSlot    *slots;			/* interned strings, open addressing */
	int32		nslots;
	int32		depth;
	int32	   *scope_map;		/* CST scope -> summary scope (the same numbering) */
} Builder;

#define B_GROW(b, arr, n, cap) GROW((b)->s.arr, (b)->s.n, (b)->cap)

static int32 expr(Builder *b, int32 node);
static void stmt(Builder *b, int32 node);
static void store(Builder *b, int32 target, int32 value);

/* ---------------------------------------------------------------------------------- */
/* strings */

static int32
intern(Builder *b, const char *str, int32 len)
{
	uint32		h = hash_bytes((const unsigned char *) str, len);
	uint32		mask;
	uint32		i;

	if (b->s.nstrings * 2 >= b->nslots)
	{
		int32		n = b->nslots ? b->nslots * 2 : 256;
		StrSlot    *slots = palloc(sizeof(StrSlot) * n);

		for (int32 k = 0; k < n; k++)
			slots[k].index = -1;
		for (int32 k = 0; k < b->nslots; k++)
			if (b->slots[k].index >= 0)
			{
				uint32		j = b->slots[k].hash & (n - 1);

				while (slots[j].index >= 0)
					j = (j + 1) & (n - 1);
				slots[j] = b->slots[k];
			}
		b->slots = slots;
		b->nslots = n;
	}
	mask = b->nslots - 1;
	for (i = h & mask; b->slots[i].index >= 0; i = (i + 1) & mask)
	{
		const char *t = b->s.strings[b->slots[i].index];

		if (b->slots[i].hash == h && strncmp(t, str, len) == 0 && t[len] == '\0')
			return b->slots[i].index;
	}
	B_GROW(b, strings, nstrings, cap_strings);
	b->s.strings[b->s.nstrings] = pnstrdup(str, len);
	b->slots[i].hash = h;
	b->slots[i].index = b->s.nstrings;
	return b->s.nstrings++;
}

static int32
intern_node(Builder *b, int32 node)
{
	return intern(b, node_src(b->x, node), node_len(b->x, node));
}

/* ---------------------------------------------------------------------------------- */
/* records */

static int32
scope_of(Builder *b, int32 node)
{
	return b->x->f.st.scope_of[node];
}

static int32
new_expr(Builder *b, int32 op, int32 node, int32 a, int32 bb, int32 c, bool spanned)
{
	SumExpr    *e;

	B_GROW(b, exprs, nexprs, cap_exprs);
	e = &b->s.exprs[b->s.nexprs];
	e->op = op;
	e->scope = scope_of(b, node);
	e->a = a;
	e->b = bb;
	e->c = c;
	e->bstart = spanned ? (int32) b->x->f.nodes[node].bstart : -1;
	e->bend = spanned ? (int32) b->x->f.nodes[node].bend : -1;
	return b->s.nexprs++;
}

static void
new_effect(Builder *b, int32 kind, int32 scope, int32 a, int32 bb, int32 c, int32 span_node)
{
	SumEffect  *e;

	B_GROW(b, effects, neffects, cap_effects);
	e = &b->s.effects[b->s.neffects++];
	e->kind = kind;
	e->scope = scope;
	e->a = a;
	e->b = bb;
	e->c = c;
	e->bstart = span_node >= 0 ? (int32) b->x->f.nodes[span_node].bstart : -1;
	e->bend = span_node >= 0 ? (int32) b->x->f.nodes[span_node].bend : -1;
}

/* Gives an expression the span of its node: callees and bases name the evidence of edges. */
static int32
spanned(Builder *b, int32 e, int32 node)
{
	if (e >= 0 && b->s.exprs[e].bstart < 0 && node != TSN_NONE)
	{
		b->s.exprs[e].bstart = b->x->f.nodes[node].bstart;
		b->s.exprs[e].bend = b->x->f.nodes[node].bend;
	}
	return e;
}

static int32
push_elem(Builder *b, int32 value)
{
	B_GROW(b, elems, nelems, cap_elems);
	b->s.elems[b->s.nelems] = value;
	return b->s.nelems++;
}

/* The function a return or yield belongs to: the nearest def or lambda around the scope. */
static int32
function_scope(Builder *b, int32 scope)
{
	const CstScope *scopes = b->x->f.st.scopes;

	while (scope > 0 && scopes[scope].kind != CST_SCOPE_FUNCTION && scopes[scope].kind != CST_SCOPE_LAMBDA)
		scope = scopes[scope].parent;
	return scope;
}

/* ---------------------------------------------------------------------------------- */
/* expressions */

static bool
is_kind(const Builder *b, int32 node, uint16 symbol)
{
	return node != TSN_NONE && SYMBOL(b->x, node) == symbol;
}

static int32
next_named(const Extract *x, int32 c)
{
	for (c = x->f.nodes[c].next_sibling; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
		if ((x->f.nodes[c].flags & (TSN_NAMED | TSN_EXTRA)) == TSN_NAMED)
			return c;
	return TSN_NONE;
}

static int32
count_named(const Extract *x, int32 node)
{
	int32		n = 0;

	for (int32 c = first_named(x, node); c != TSN_NONE; c = next_named(x, c))
		n++;
	return n;
}

/* Walks what is not summarised, for the calls, lambdas and definitions inside it. */
static void
children(Builder *b, int32 node)
{
	for (int32 c = first_named(b->x, node); c != TSN_NONE; c = next_named(b->x, c))
		(void) expr(b, c);
}

static int32
constant(Builder *b, int32 node, int32 kind, int32 str)
{
	return new_expr(b, SO_CONST, node, kind, str, 0, false);
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
		value = e == TSN_NONE ? -1 : expr(b, e);
		if (conv != TSN_NONE && node_len(b->x, conv) >= 2)
			which = node_src(b->x, conv)[1];
		if (value >= 0)
			(void) new_expr(b, SO_FORMAT, c, value, -1, which, true);
		/* a format specifier may hold interpolations of its own */
		for (int32 f = b->x->f.nodes[c].first_child; f != TSN_NONE; f = b->x->f.nodes[f].next_sibling)
			if (FIELD(b->x, f) == g->f_format_specifier)
				(void) interpolations(b, f);
	}
	return any;
}

/* A string constant; its text is kept for plain strings (attribute names, dict keys, __all__). */
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
	return constant(b, node, SC_STR, plain ? intern(b, decoded.data, decoded.len) : -1);
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

static int32
operator_of(Builder *b, int32 op_node)
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

			k = expr(b, key);
			v = expr(b, val);
		}
		else if (is_kind(b, c, g->dictionary_splat))
			v = new_expr(b, SO_SUBSCR, c, expr(b, first_named(b->x, c)), -1, 0, false);
		else if (is_kind(b, c, g->list_splat) || is_kind(b, c, g->parenthesized_list_splat))
			v = new_expr(b, SO_ITER, c, expr(b, first_named(b->x, c)), -1, 0, true);
		else
			v = expr(b, c);
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
		push_elem(b, values[i]);
	/* dict keys and set elements are hashed: the container names that evidence */
	return new_expr(b, SO_CONTAINER, node, kind, first, kind == SK_DICT ? nvalues / 2 : nvalues,
					kind == SK_DICT || kind == SK_SET);
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
			iter = new_expr(b, SO_ITER, right, expr(b, right), -1, async ? 1 : 0, true);
			if (left != TSN_NONE)
				store(b, left, iter);
		}
		else if (is_kind(b, c, g->if_clause))
		{
			int32		cond = first_named(b->x, c);

			if (cond != TSN_NONE)
			{
				int32		v = expr(b, cond);

				if (v >= 0)
					new_effect(b, SE_TRUTH, scope_of(b, cond), -1, -1, v, cond);
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

		elem = key == TSN_NONE ? -1 : expr(b, key);
		value = val == TSN_NONE ? -1 : expr(b, val);
	}
	else if (body != TSN_NONE)
		elem = expr(b, body);
	return new_expr(b, SO_COMP, node, kind, elem, value, false);
}

static int32
call(Builder *b, int32 node)
{
	const CstGrammar *g = b->x->f.g;
	int32		fn = child_by_field(b->x, node, g->f_function);
	int32		arguments = child_by_field(b->x, node, g->f_arguments);
	int32		callee = spanned(b, expr(b, fn), fn);
	SumArg	   *args = NULL;
	int32		nargs = 0;
	int32		capacity = 0;
	int32		first;

	if (arguments != TSN_NONE && is_kind(b, arguments, g->generator_expression))
	{
		GROW(args, nargs, capacity);
		args[nargs++] = (SumArg) {SA_POS, -1, expr(b, arguments)};
	}
	else if (arguments != TSN_NONE)
		for (int32 c = first_named(b->x, arguments); c != TSN_NONE; c = next_named(b->x, c))
		{
			SumArg		a = {SA_POS, -1, -1};

			if (is_kind(b, c, g->keyword_argument))
			{
				int32		name = child_by_field(b->x, c, g->f_name);

				a.kind = SA_KEYWORD;
				a.name = name == TSN_NONE ? -1 : intern_node(b, name);
				a.expr = expr(b, child_by_field(b->x, c, g->f_value));
			}
			else if (is_kind(b, c, g->list_splat) || is_kind(b, c, g->parenthesized_list_splat))
			{
				a.kind = SA_STAR;
				a.expr = expr(b, first_named(b->x, c));
			}
			else if (is_kind(b, c, g->dictionary_splat))
			{
				a.kind = SA_DSTAR;
				a.expr = expr(b, first_named(b->x, c));
			}
			else
				a.expr = expr(b, c);
			GROW(args, nargs, capacity);
			args[nargs++] = a;
		}
	first = b->s.nargs;
	for (int32 i = 0; i < nargs; i++)
	{
		B_GROW(b, args, nargs, cap_args);
		b->s.args[b->s.nargs++] = args[i];
	}
	return new_expr(b, SO_CALL, node, callee, first, nargs, true);
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
				op[nops++] = operator_of(b, c);
		}
		else if ((b->x->f.nodes[c].flags & (TSN_NAMED | TSN_EXTRA)) == TSN_NAMED)
		{
			int32		v = expr(b, c);

			if (noperands < (int32) lengthof(operand))
				operand[noperands++] = v;
		}
	}
	for (int32 i = 0; i < nops && i + 1 < noperands; i++)
	{
		int32		cmp;

		if (op[i] < 0)
			continue;
		cmp = new_expr(b, SO_COMPARE, node, operand[i], operand[i + 1], op[i], true);
		result = result < 0 ? cmp : new_expr(b, SO_UNION, node, result, cmp, 0, false);
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
	int32		scope = function_scope(b, scope_of(b, node));
	int32		v = value == TSN_NONE ? -1 : expr(b, value);

	if (from)
	{
		new_effect(b, SE_YIELD_FROM, scope_of(b, node), scope, -1, v, node);
		return new_expr(b, SO_YIELD_FROM, node, v, -1, 0, false);
	}
	new_effect(b, SE_YIELD, scope_of(b, node), scope, -1, v, node);
	return -1;
}

static void def_statement(Builder *b, int32 node, int32 outer);

static int32
lambda(Builder *b, int32 node)
{
	const CstGrammar *g = b->x->f.g;
	int32		body = child_by_field(b->x, node, g->f_body);
	int32		scope = b->x->created[node];

	def_statement(b, node, node);
	if (body != TSN_NONE && scope >= 0)
	{
		int32		v = expr(b, body);

		if (v >= 0)
			new_effect(b, SE_RETURN, scope, scope, -1, v, body);
	}
	return new_expr(b, SO_FUNC, node, scope, -1, 0, false);
}

static int32
name_load(Builder *b, int32 node)
{
	int32		scope = cst_binding_scope(&b->x->f.st, scope_of(b, node), node_src(b->x, node), node_len(b->x, node));

	return new_expr(b, SO_NAME, node, scope, intern_node(b, node), 0, false);
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
			children(b, node);
			return -1;
		}
		return new_expr(b, SO_ATTR, node, expr(b, obj), intern_node(b, attr), 0, true);
	}
	if (k == g->call)
		return call(b, node);
	if (k == g->subscript)
	{
		int32		value = child_by_field(x, node, g->f_value);
		int32		index = -1;
		int32		nindex = 0;
		int32		obj = value == TSN_NONE ? -1 : expr(b, value);

		for (int32 c = x->f.nodes[node].first_child; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
			if (FIELD(x, c) == g->f_subscript)
			{
				index = expr(b, c);
				nindex++;
			}
		return new_expr(b, SO_SUBSCR, node, obj, nindex == 1 ? index : -1, 0, true);
	}
	if (k == g->string || k == g->concatenated_string)
		return string_value(b, node);
	if (k == g->integer)
		return constant(b, node, SC_NUMBER, intern_node(b, node));	/* a constant index: lst[0] */
	if (k == g->float_literal)
		return constant(b, node, SC_NUMBER, -1);
	if (k == g->true_literal || k == g->false_literal)
		return constant(b, node, SC_BOOL, -1);
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

		return inner == TSN_NONE ? -1 : expr(b, inner);
	}
	if (k == g->conditional_expression)
	{
		int32		a = first_named(x, node);
		int32		cond = a == TSN_NONE ? TSN_NONE : next_named(x, a);
		int32		alt = cond == TSN_NONE ? TSN_NONE : next_named(x, cond);
		int32		va = a == TSN_NONE ? -1 : expr(b, a);
		int32		vc = cond == TSN_NONE ? -1 : expr(b, cond);
		int32		vb = alt == TSN_NONE ? -1 : expr(b, alt);

		if (vc >= 0)
			new_effect(b, SE_TRUTH, scope_of(b, cond), -1, -1, vc, cond);
		return new_expr(b, SO_UNION, node, va, vb, 0, false);
	}
	if (k == g->boolean_operator)
	{
		int32		left = child_by_field(x, node, g->f_left);
		int32		right = child_by_field(x, node, g->f_right);
		int32		vl = left == TSN_NONE ? -1 : expr(b, left);
		int32		vr = right == TSN_NONE ? -1 : expr(b, right);

		if (vl >= 0)
			new_effect(b, SE_TRUTH, scope_of(b, left), -1, -1, vl, left);
		return new_expr(b, SO_UNION, node, vl, vr, 0, false);
	}
	if (k == g->not_operator)
	{
		int32		arg = child_by_field(x, node, g->f_argument);
		int32		v = arg == TSN_NONE ? -1 : expr(b, arg);

		if (v >= 0)
			new_effect(b, SE_TRUTH, scope_of(b, arg), -1, -1, v, arg);
		return constant(b, node, SC_BOOL, -1);
	}
	if (k == g->binary_operator)
	{
		int32		left = child_by_field(x, node, g->f_left);
		int32		right = child_by_field(x, node, g->f_right);
		int32		op = operator_of(b, child_by_field(x, node, g->f_operator));
		int32		vl = left == TSN_NONE ? -1 : expr(b, left);
		int32		vr = right == TSN_NONE ? -1 : expr(b, right);

		if (op < 0)
			return -1;
		return new_expr(b, SO_BINOP, node, vl, vr, op, true);
	}
	if (k == g->unary_operator)
	{
		int32		arg = child_by_field(x, node, g->f_argument);
		int32		opn = child_by_field(x, node, g->f_operator);
		int32		v = arg == TSN_NONE ? -1 : expr(b, arg);
		int32		op = -1;

		if (opn != TSN_NONE && node_len(x, opn) == 1)
			op = *node_src(x, opn) == '-' ? OP_NEG : *node_src(x, opn) == '+' ? OP_POS : OP_INVERT;
		if (op < 0)
			return -1;
		return new_expr(b, SO_UNARY, node, v, -1, op, true);
	}
	if (k == g->comparison_operator)
		return comparison(b, node);
	if (k == g->await)
	{
		int32		inner = first_named(x, node);

		return new_expr(b, SO_AWAIT, node, inner == TSN_NONE ? -1 : expr(b, inner), -1, 0, true);
	}
	if (k == g->named_expression)
	{
		int32		name = child_by_field(x, node, g->f_name);
		int32		value = child_by_field(x, node, g->f_value);
		int32		v = value == TSN_NONE ? -1 : expr(b, value);

		if (name != TSN_NONE && v >= 0)
		{
			int32		scope = scope_of(b, name);
			const CstScope *scopes = x->f.st.scopes;

			/* An assignment expression in a comprehension binds in the scope around it. */
			while (scope > 0 && scopes[scope].kind == CST_SCOPE_COMPREHENSION)
				scope = scopes[scope].parent;
			scope = cst_store_scope(&b->x->f.st, scope, node_src(x, name), node_len(x, name));
			new_effect(b, SE_STORE_NAME, scope_of(b, node), scope, intern_node(b, name), v, -1);
		}
		return v;
	}
	if (k == g->yield)
		return yield_expr(b, node);
	if (k == g->list_splat || k == g->dictionary_splat || k == g->parenthesized_list_splat)
	{
		int32		inner = first_named(x, node);

		return inner == TSN_NONE ? -1 : expr(b, inner);
	}
	if (k == g->keyword_argument)
	{
		int32		value = child_by_field(x, node, g->f_value);

		return value == TSN_NONE ? -1 : expr(b, value);
	}
	if (k == g->function_definition || k == g->class_definition)
	{
		/* a definition where an expression was expected: an ERROR node holds it */
		stmt(b, node);
		return -1;
	}
	children(b, node);
	return -1;
}

static int32
expr(Builder *b, int32 node)
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

/* ---------------------------------------------------------------------------------- */
/* statements */

static bool
is_unpacking(const Builder *b, int32 node)
{
	const CstGrammar *g = b->x->f.g;
	uint16		k = SYMBOL(b->x, node);

	return k == g->pattern_list || k == g->tuple_pattern || k == g->list_pattern ||
		k == g->tuple || k == g->list || k == g->expression_list;
}

/* Binds a target (a name, attribute, item or unpacking) to a value. */
static void
store(Builder *b, int32 target, int32 value)
{
	const Extract *x = b->x;
	const CstGrammar *g = x->f.g;
	uint16		k;

	if (target == TSN_NONE)
		return;
	k = SYMBOL(x, target);
	if (k == g->identifier)
	{
		int32		scope = cst_store_scope(&b->x->f.st, scope_of(b, target), node_src(x, target), node_len(x, target));

		new_effect(b, SE_STORE_NAME, scope_of(b, target), scope, intern_node(b, target), value, -1);
	}
	else if (k == g->attribute)
	{
		int32		obj = child_by_field(x, target, g->f_object);
		int32		attr = child_by_field(x, target, g->f_attribute);

		if (obj != TSN_NONE && attr != TSN_NONE)
			new_effect(b, SE_STORE_ATTR, scope_of(b, target), expr(b, obj), intern_node(b, attr), value, target);
	}
	else if (k == g->subscript)
	{
		int32		obj = child_by_field(x, target, g->f_value);
		int32		index = -1;
		int32		nindex = 0;
		int32		vo = obj == TSN_NONE ? -1 : expr(b, obj);

		for (int32 c = x->f.nodes[target].first_child; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
			if (FIELD(x, c) == g->f_subscript)
			{
				index = expr(b, c);
				nindex++;
			}
		new_effect(b, SE_STORE_SUBSCR, scope_of(b, target), vo, nindex == 1 ? index : -1, value, target);
	}
	else if (is_unpacking(b, target))
	{
		int32		i = 0;
		bool		after_star = false;

		for (int32 c = first_named(x, target); c != TSN_NONE; c = next_named(x, c), i++)
		{
			if (is_kind(b, c, g->list_splat_pattern) || is_kind(b, c, g->list_splat))
			{
				store(b, first_named(x, c), new_expr(b, SO_STARREST, c, value, i, 0, false));
				after_star = true;
			}
			else
				store(b, c, new_expr(b, SO_ELEM, c, value, after_star ? -1 : i, 0, true));
		}
	}
	else if (k == g->parenthesized_expression || k == g->as_pattern_target ||
			 k == g->list_splat_pattern)
		store(b, first_named(x, target), value);
	else
		(void) expr(b, target);
}

static void
block(Builder *b, int32 node)
{
	if (node == TSN_NONE)
		return;
	for (int32 c = first_named(b->x, node); c != TSN_NONE; c = next_named(b->x, c))
		stmt(b, c);
}

static void
truth(Builder *b, int32 node)
{
	int32		v;

	if (node == TSN_NONE)
		return;
	v = expr(b, node);
	if (v >= 0)
		new_effect(b, SE_TRUTH, scope_of(b, node), -1, -1, v, node);
}

/* The literal names of a list or tuple of strings, appended to __all__; false if not literal. */
static bool
all_literal(Builder *b, int32 node)
{
	const CstGrammar *g = b->x->f.g;

	if (node == TSN_NONE)
		return false;
	if (is_kind(b, node, g->parenthesized_expression))
		return all_literal(b, first_named(b->x, node));
	if (!is_kind(b, node, g->list) && !is_kind(b, node, g->tuple))
		return false;
	for (int32 c = first_named(b->x, node); c != TSN_NONE; c = next_named(b->x, c))
	{
		StringInfoData s;

		initStringInfo(&s);
		if (!is_kind(b, c, g->string) || !cst_decode_string(node_src(b->x, c), node_len(b->x, c), &s))
			return false;
		GROW(b->s.all_names, b->s.nall, b->cap_all);
		b->s.all_names[b->s.nall++] = intern(b, s.data, s.len);
	}
	return true;
}

static bool
is_all_name(Builder *b, int32 node)
{
	return node != TSN_NONE && is_kind(b, node, b->x->f.g->identifier) && scope_of(b, node) == 0 &&
		node_len(b->x, node) == 7 && memcmp(node_src(b->x, node), "__all__", 7) == 0;
}

/* __all__ = [...], __all__ += [...], __all__.extend([...]) / .append('x') at module level. */
static void
note_all(Builder *b, int32 node)
{
	const Extract *x = b->x;
	const CstGrammar *g = x->f.g;

	if (b->s.all_state == SUM_ALL_DYNAMIC)
		return;
	if (is_kind(b, node, g->assignment) && is_all_name(b, child_by_field(x, node, g->f_left)))
	{
		b->s.nall = 0;
		b->s.all_state = all_literal(b, child_by_field(x, node, g->f_right)) ? SUM_ALL_LITERAL : SUM_ALL_DYNAMIC;
	}
	else if (is_kind(b, node, g->augmented_assignment) && is_all_name(b, child_by_field(x, node, g->f_left)))
		b->s.all_state = all_literal(b, child_by_field(x, node, g->f_right)) ? SUM_ALL_LITERAL : SUM_ALL_DYNAMIC;
	else if (is_kind(b, node, g->call))
	{
		int32		fn = child_by_field(x, node, g->f_function);
		int32		obj = fn == TSN_NONE ? TSN_NONE : child_by_field(x, fn, g->f_object);
		int32		attr = fn == TSN_NONE ? TSN_NONE : child_by_field(x, fn, g->f_attribute);
		int32		args = child_by_field(x, node, g->f_arguments);
		int32		arg = args == TSN_NONE ? TSN_NONE : first_named(x, args);

		if (!is_kind(b, fn, g->attribute) || !is_all_name(b, obj) || attr == TSN_NONE || arg == TSN_NONE)
			return;
		if (node_len(x, attr) == 6 && memcmp(node_src(x, attr), "extend", 6) == 0)
		{
			if (!all_literal(b, arg))
				b->s.all_state = SUM_ALL_DYNAMIC;
		}
		else if (node_len(x, attr) == 6 && memcmp(node_src(x, attr), "append", 6) == 0)
		{
			StringInfoData s;

			initStringInfo(&s);
			if (is_kind(b, arg, g->string) && cst_decode_string(node_src(x, arg), node_len(x, arg), &s))
			{
				GROW(b->s.all_names, b->s.nall, b->cap_all);
				b->s.all_names[b->s.nall++] = intern(b, s.data, s.len);
			}
			else
				b->s.all_state = SUM_ALL_DYNAMIC;
		}
	}
}

static int32
assignment(Builder *b, int32 node)
{
	const CstGrammar *g = b->x->f.g;
	int32		left = child_by_field(b->x, node, g->f_left);
	int32		right = child_by_field(b->x, node, g->f_right);
	int32		value;

	if (right == TSN_NONE)
		return -1;				/* an annotation alone binds nothing */
	note_all(b, node);
	/* a = b = v: the right side is itself an assignment whose value is v */
	if (is_kind(b, right, g->assignment))
		value = assignment(b, right);
	else if (is_kind(b, right, g->augmented_assignment))
	{
		stmt(b, right);
		value = -1;
	}
	else
		value = expr(b, right);
	store(b, left, value);
	return value;
}

static void
augmented(Builder *b, int32 node)
{
	const CstGrammar *g = b->x->f.g;
	int32		left = child_by_field(b->x, node, g->f_left);
	int32		right = child_by_field(b->x, node, g->f_right);
	int32		op = operator_of(b, child_by_field(b->x, node, g->f_operator));
	int32		current;
	int32		value;

	note_all(b, node);
	if (left == TSN_NONE || right == TSN_NONE)
		return;
	current = expr(b, left);
	value = expr(b, right);
	if (op < 0)
		return;
	store(b, left, new_expr(b, SO_BINOP, node, current, value, op | SUM_INPLACE, true));
}

static void
imports(Builder *b, int32 node)
{
	const Extract *x = b->x;
	const CstGrammar *g = x->f.g;
	bool		from = SYMBOL(x, node) == g->import_from_statement;
	int32		module = -1;
	int32		level = 0;
	int32		scope = scope_of(b, node);

	if (from)
	{
		int32		m = child_by_field(x, node, g->f_module_name);

		if (m != TSN_NONE && is_kind(b, m, g->relative_import))
		{
			int32		prefix = child_of_kind(x, m, g->import_prefix);
			int32		dotted = child_of_kind(x, m, g->dotted_name);
			char	   *text = dotted == TSN_NONE ? "" : cst_dotted_text(x, dotted);

			if (prefix != TSN_NONE)
				for (int32 i = x->f.nodes[prefix].bstart; i < (int32) x->f.nodes[prefix].bend; i++)
					level += x->f.src[i] == '.';

			module = intern(b, text, strlen(text));
		}
		else if (m != TSN_NONE)
		{
			char	   *text = cst_dotted_text(x, m);

			module = intern(b, text, strlen(text));
		}
		else
			return;
	}
	for (int32 c = x->f.nodes[node].first_child; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
	{
		SumImport  *imp;
		int32		dotted;
		int32		asname = TSN_NONE;
		char	   *name;
		int32		index;

		if (SYMBOL(x, c) == g->wildcard_import && from)
		{
			B_GROW(b, imports, nimports, cap_imports);
			index = b->s.nimports++;
			imp = &b->s.imports[index];
			*imp = (SumImport) {scope, 1, module, level, -1, -1, 1,
				(int32) x->f.nodes[c].bstart, (int32) x->f.nodes[c].bend,
			(int32) x->f.nodes[node].bstart, (int32) x->f.nodes[node].bend};
			new_effect(b, SE_IMPORT, scope, index, -1, -1, c);
			continue;
		}
		if (FIELD(x, c) != g->f_name)
			continue;
		if (SYMBOL(x, c) == g->aliased_import)
		{
			dotted = child_by_field(x, c, g->f_name);
			asname = child_by_field(x, c, g->f_alias);
		}
		else
			dotted = c;
		if (dotted == TSN_NONE || SYMBOL(x, dotted) != g->dotted_name)
			continue;
		name = cst_dotted_text(x, dotted);
		B_GROW(b, imports, nimports, cap_imports);
		index = b->s.nimports++;
		imp = &b->s.imports[index];
		imp->is_from = from;
		imp->level = level;
		imp->star = 0;
		imp->bstart = x->f.nodes[c].bstart;
		imp->bend = x->f.nodes[c].bend;
		imp->stmt_bstart = x->f.nodes[node].bstart;
		imp->stmt_bend = x->f.nodes[node].bend;
		if (from)
		{
			imp->module = module;
			imp->name = intern(b, name, strlen(name));
			imp->bind = asname != TSN_NONE ? intern_node(b, asname) : imp->name;
		}
		else
		{
			/* `import a.b as x` binds x to a.b (name), `import a.b` binds a to a */
			imp->module = intern(b, name, strlen(name));
			imp->name = asname != TSN_NONE ? imp->module : -1;
			imp->bind = asname != TSN_NONE ? intern_node(b, asname) : intern(b, name, strcspn(name, "."));
		}
		{
			const char *bound = b->s.strings[imp->bind];

			imp->scope = cst_store_scope(&b->x->f.st, scope, bound, strlen(bound));
		}
		new_effect(b, SE_IMPORT, scope, index, -1, -1, c);
		new_effect(b, SE_STORE_NAME, scope, imp->scope, imp->bind,
				   new_expr(b, SO_IMPORT, c, index, -1, 0, false), -1);
	}
}

/* The parameters of a def or lambda, their defaults evaluated where the def is. */
static void
parameters(Builder *b, int32 params_node, int32 s)
{
	const Extract *x = b->x;
	const CstGrammar *g = x->f.g;
	bool		kwonly = false;
	SumParam   *found;
	int32		nfound = 0;

	/*
	 * Defaults first: a default may itself be a lambda, whose parameters are appended
	 * while it is evaluated, and a scope's parameters must stay contiguous.
	 */
	b->s.scopes[s].nparams = 0;
	if (params_node == TSN_NONE)
	{
		b->s.scopes[s].first_param = b->s.nparams;
		return;
	}
	found = palloc(sizeof(SumParam) * Max(count_named(x, params_node), 1));
	for (int32 c = first_named(x, params_node); c != TSN_NONE; c = next_named(x, c))
	{
		uint16		k = SYMBOL(x, c);
		int32		name = TSN_NONE;
		int32		dflt = TSN_NONE;
		int32		kind = kwonly ? SP_KWONLY : SP_POS;

		if (k == g->positional_separator)
		{
			for (int32 i = 0; i < nfound; i++)
				if (found[i].kind == SP_POS)
					found[i].kind = SP_POSONLY;
			continue;
		}
		if (k == g->keyword_separator)
		{
			kwonly = true;
			continue;
		}
		if (k == g->identifier)
			name = c;
		else if (k == g->default_parameter || k == g->typed_default_parameter)
		{
			name = child_by_field(x, c, g->f_name);
			dflt = child_by_field(x, c, g->f_value);
		}
		else if (k == g->typed_parameter)
		{
			int32		inner = first_named(x, c);

			if (inner != TSN_NONE && (is_kind(b, inner, g->list_splat_pattern) ||
									  is_kind(b, inner, g->dictionary_splat_pattern)))
			{
				kind = is_kind(b, inner, g->list_splat_pattern) ? SP_VARARGS : SP_VARKW;
				name = child_of_kind(x, inner, g->identifier);
			}
			else
				name = inner;
		}
		else if (k == g->list_splat_pattern)
		{
			kind = SP_VARARGS;
			name = child_of_kind(x, c, g->identifier);
		}
		else if (k == g->dictionary_splat_pattern)
		{
			kind = SP_VARKW;
			name = child_of_kind(x, c, g->identifier);
		}
		if (kind == SP_VARARGS)
			kwonly = true;
		if (name == TSN_NONE || !is_kind(b, name, g->identifier))
		{
			(void) expr(b, dflt);
			continue;
		}
		found[nfound].name = intern_node(b, name);
		found[nfound].kind = kind;
		found[nfound].dflt = dflt == TSN_NONE ? -1 : expr(b, dflt);
		nfound++;
	}
	b->s.scopes[s].first_param = b->s.nparams;
	for (int32 i = 0; i < nfound; i++)
	{
		B_GROW(b, params, nparams, cap_params);
		b->s.params[b->s.nparams++] = found[i];
	}
	b->s.scopes[s].nparams = nfound;
	pfree(found);
}

/*
 * A def, class or lambda: its scope record, parameters, decorators and bases. For a def
 * or class statement also the binding of its name to the decorated object and, for a
 * class, the enclosing scope running the class body.
 */
static void
def_statement(Builder *b, int32 node, int32 outer)
{
	Extract    *x = b->x;
	const CstGrammar *g = x->f.g;
	int32		s = x->created[node];
	uint16		k = SYMBOL(x, node);
	int32		enclosing = scope_of(b, node);
	int32		deco_nodes[32];
	int32		decos[32];
	int32		ndecos = 0;
	int32		bases[32];
	int32		nbases = 0;
	int32		value;
	int32		col;

	if (s < 0)
	{
		children(b, node);
		return;
	}
	cpg_lines_locate(&x->f.lines, x->f.nodes[node].bstart, &b->s.scopes[s].line0, &col);
	if (k != g->lambda && child_by_field(x, node, g->f_name) != TSN_NONE)
	{
		b->s.scopes[s].name_bstart = x->f.nodes[child_by_field(x, node, g->f_name)].bstart;
		b->s.scopes[s].name_bend = x->f.nodes[child_by_field(x, node, g->f_name)].bend;
	}
	if (x->f.nodes[node].first_child != TSN_NONE && SYMBOL(x, x->f.nodes[node].first_child) == g->kw_async)
		b->s.scopes[s].flags |= SSF_ASYNC;

	/* Decorators and bases run in the enclosing scope, before the body. */
	if (outer != node)
		for (int32 c = first_named(x, outer); c != TSN_NONE; c = next_named(x, c))
			if (is_kind(b, c, g->decorator) && ndecos < (int32) lengthof(decos))
			{
				deco_nodes[ndecos] = first_named(x, c);
				decos[ndecos] = expr(b, deco_nodes[ndecos]);
				ndecos++;
			}
	if (k == g->class_definition)
	{
		int32		supers = child_by_field(x, node, g->f_superclasses);

		if (supers != TSN_NONE)
			for (int32 c = first_named(x, supers); c != TSN_NONE; c = next_named(x, c))
			{
				if (is_kind(b, c, g->keyword_argument) || is_kind(b, c, g->list_splat) ||
					is_kind(b, c, g->dictionary_splat) || nbases == (int32) lengthof(bases))
					(void) expr(b, c);
				else
					bases[nbases++] = spanned(b, expr(b, c), c);
			}
	}
	else
		parameters(b, child_by_field(x, node, g->f_parameters), s);
	b->s.scopes[s].first_deco = b->s.nelems;
	b->s.scopes[s].ndecos = ndecos;
	for (int32 i = 0; i < ndecos; i++)
		push_elem(b, decos[i]);
	b->s.scopes[s].first_base = b->s.nelems;
	b->s.scopes[s].nbases = nbases;
	for (int32 i = 0; i < nbases; i++)
		push_elem(b, bases[i]);
	if (k == g->lambda)
		return;

	block(b, child_by_field(x, node, g->f_body));

	/* The name is bound to what the decorators make of the object, innermost first. */
	value = new_expr(b, k == g->class_definition ? SO_CLASS : SO_FUNC, node, s, -1, 0, false);
	for (int32 i = ndecos - 1; i >= 0; i--)
	{
		value = new_expr(b, SO_DECORATE, deco_nodes[i] != TSN_NONE ? deco_nodes[i] : node,
						 decos[i], value, 0, true);
		b->s.exprs[value].scope = enclosing;
	}
	if (b->s.scopes[s].name >= 0)
	{
		const char *name = b->s.strings[b->s.scopes[s].name];
		int32		target = cst_store_scope(&x->f.st, enclosing, name, strlen(name));

		new_effect(b, SE_STORE_NAME, enclosing, target, b->s.scopes[s].name, value, -1);
	}
	if (k == g->class_definition)
		new_effect(b, SE_CLASS_BODY, enclosing, s, -1, -1, outer);
}

static void
with_statement(Builder *b, int32 node)
{
	const Extract *x = b->x;
	const CstGrammar *g = x->f.g;
	bool		async = x->f.nodes[node].first_child != TSN_NONE &&
		SYMBOL(x, x->f.nodes[node].first_child) == g->kw_async;
	int32		clause = child_of_kind(x, node, g->with_clause);

	if (clause != TSN_NONE)
		for (int32 item = first_named(x, clause); item != TSN_NONE; item = next_named(x, item))
		{
			int32		value = is_kind(b, item, g->with_item) ? child_by_field(x, item, g->f_value) : item;
			int32		target = TSN_NONE;
			int32		cm;

			if (value == TSN_NONE)
				continue;
			/* `with a as b` parses as an as_pattern: the manager, then its target */
			if (is_kind(b, value, g->as_pattern))
			{
				target = child_by_field(x, value, g->f_alias);
				value = first_named(x, value);
			}
			cm = new_expr(b, SO_ENTER, item, expr(b, value), -1, async ? 1 : 0, true);
			if (target != TSN_NONE)
				store(b, target, cm);
		}
	block(b, child_by_field(x, node, g->f_body));
}

static void
try_statement(Builder *b, int32 node)
{
	const Extract *x = b->x;
	const CstGrammar *g = x->f.g;

	for (int32 c = first_named(x, node); c != TSN_NONE; c = next_named(x, c))
	{
		uint16		k = SYMBOL(x, c);

		if (k == g->except_clause || k == g->except_group_clause)
		{
			int32		value = child_by_field(x, c, g->f_value);
			int32		alias = child_by_field(x, c, g->f_alias);

			if (value == TSN_NONE)
			{
				/* the classes as a plain child, when the grammar gives no field */
				value = first_named(x, c);
				if (value != TSN_NONE && is_kind(b, value, g->block))
					value = TSN_NONE;
			}
			/* `except E as e` parses as an as_pattern: the classes, then the name */
			if (value != TSN_NONE && is_kind(b, value, g->as_pattern))
			{
				alias = child_by_field(x, value, g->f_alias);
				value = first_named(x, value);
			}
			if (value != TSN_NONE)
			{
				int32		v = new_expr(b, SO_EXCEPT, value, expr(b, value), -1, 0, false);

				if (alias != TSN_NONE)
					store(b, alias, v);
			}
			for (int32 d = first_named(x, c); d != TSN_NONE; d = next_named(x, d))
				if (is_kind(b, d, g->block))
					block(b, d);
		}
		else if (k == g->block)
			block(b, c);
		else
			stmt(b, c);
	}
}

/* del x.a, del x[i] (each target of del a, b): the deleter or __delitem__ may run. */
static void
delete_target(Builder *b, int32 target)
{
	const Extract *x = b->x;
	const CstGrammar *g = x->f.g;

	if (is_kind(b, target, g->attribute))
	{
		int32		attr = child_by_field(x, target, g->f_attribute);
		int32		obj = expr(b, child_by_field(x, target, g->f_object));

		if (attr != TSN_NONE)
			new_effect(b, SE_DEL_ATTR, scope_of(b, target), obj, intern_node(b, attr), -1, target);
	}
	else if (is_kind(b, target, g->subscript))
	{
		int32		obj = expr(b, child_by_field(x, target, g->f_value));
		int32		index = -1;

		for (int32 c = x->f.nodes[target].first_child; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
			if (FIELD(x, c) == g->f_subscript)
				index = expr(b, c);
		new_effect(b, SE_DEL_SUBSCR, scope_of(b, target), obj, index, -1, target);
	}
	else if (is_unpacking(b, target) || is_kind(b, target, g->parenthesized_expression))
	{
		for (int32 c = first_named(x, target); c != TSN_NONE; c = next_named(x, c))
			delete_target(b, c);
	}
	else
		(void) expr(b, target);
}

static void
stmt_inner(Builder *b, int32 node)
{
	Extract    *x = b->x;
	const CstGrammar *g = x->f.g;
	uint16		k = SYMBOL(x, node);

	if (k == g->expression_statement)
	{
		for (int32 c = first_named(x, node); c != TSN_NONE; c = next_named(x, c))
		{
			if (is_kind(b, c, g->assignment))
				(void) assignment(b, c);
			else if (is_kind(b, c, g->augmented_assignment))
				augmented(b, c);
			else
			{
				note_all(b, c);
				(void) expr(b, c);
			}
		}
	}
	else if (k == g->assignment)
		(void) assignment(b, node);
	else if (k == g->augmented_assignment)
		augmented(b, node);
	else if (k == g->function_definition || k == g->class_definition)
		def_statement(b, node, node);
	else if (k == g->decorated_definition)
	{
		int32		def = child_by_field(x, node, g->f_definition);

		if (def != TSN_NONE)
			def_statement(b, def, node);
		else
			children(b, node);
	}
	else if (k == g->return_statement)
	{
		int32		value = first_named(x, node);
		int32		v = value == TSN_NONE ? -1 : expr(b, value);

		if (v >= 0)
			new_effect(b, SE_RETURN, scope_of(b, node), function_scope(b, scope_of(b, node)), -1, v, node);
	}
	else if (k == g->if_statement || k == g->elif_clause || k == g->while_statement)
	{
		truth(b, child_by_field(x, node, g->f_condition));
		for (int32 c = first_named(x, node); c != TSN_NONE; c = next_named(x, c))
			if (FIELD(x, c) != g->f_condition)
				stmt(b, c);
	}
	else if (k == g->else_clause || k == g->finally_clause || k == g->case_clause)
	{
		for (int32 c = first_named(x, node); c != TSN_NONE; c = next_named(x, c))
			stmt(b, c);
	}
	else if (k == g->block)
		block(b, node);
	else if (k == g->for_statement)
	{
		int32		left = child_by_field(x, node, g->f_left);
		int32		right = child_by_field(x, node, g->f_right);
		bool		async = x->f.nodes[node].first_child != TSN_NONE &&
			SYMBOL(x, x->f.nodes[node].first_child) == g->kw_async;

		if (right != TSN_NONE)
			store(b, left, new_expr(b, SO_ITER, node, expr(b, right), -1, async ? 1 : 0, true));
		block(b, child_by_field(x, node, g->f_body));
		stmt(b, child_by_field(x, node, g->f_alternative));
	}
	else if (k == g->with_statement)
		with_statement(b, node);
	else if (k == g->try_statement)
		try_statement(b, node);
	else if (k == g->import_statement || k == g->import_from_statement)
		imports(b, node);
	else if (k == g->future_import_statement || k == g->global_statement ||
			 k == g->nonlocal_statement)
		return;
	else if (k == g->delete_statement)
		for (int32 c = first_named(x, node); c != TSN_NONE; c = next_named(x, c))
			delete_target(b, c);
	else if (k == g->assert_statement)
	{
		int32		first = first_named(x, node);

		truth(b, first);
		for (int32 c = first == TSN_NONE ? TSN_NONE : next_named(x, first); c != TSN_NONE; c = next_named(x, c))
			(void) expr(b, c);
	}
	else if (k == g->match_statement)
	{
		int32		subject = child_by_field(x, node, g->f_subject);

		(void) expr(b, subject);
		for (int32 c = first_named(x, node); c != TSN_NONE; c = next_named(x, c))
			if (FIELD(x, c) != g->f_subject)
				stmt(b, c);
	}
	else if (k == g->case_pattern || k == g->if_clause)
		children(b, node);
	else
		(void) expr(b, node);
}

static void
stmt(Builder *b, int32 node)
{
	if (node == TSN_NONE || (b->x->f.nodes[node].flags & TSN_EXTRA))
		return;
	CHECK_FOR_INTERRUPTS();
	if (b->depth >= SUM_MAX_DEPTH)
		return;
	check_stack_depth();
	b->depth++;
	stmt_inner(b, node);
	b->depth--;
}

/* ---------------------------------------------------------------------------------- */

/*
 * The summary of a file the CST extractor has walked (x->f.st holds every scope and
 * binding, x->created the scope each node opens).
 */
bytea *
cpg_summary_build(Extract *x)
{
	Builder		b;
	CstState   *st = &x->f.st;

	memset(&b, 0, sizeof(b));
	b.x = x;
	b.cap_scopes = Max(st->nscopes, 1);
	b.s.scopes = palloc0(sizeof(SumScope) * b.cap_scopes);
	b.s.nscopes = st->nscopes;
	for (int32 s = 0; s < st->nscopes; s++)
	{
		SumScope   *scope = &b.s.scopes[s];
		const CstScope *cs = &st->scopes[s];

		scope->parent = cs->parent;
		scope->name = scope->qualname = -1;
		scope->def_ord = -1;
		scope->def_bstart = scope->def_bend = -1;
		scope->name_bstart = scope->name_bend = -1;
		switch (cs->kind)
		{
			case CST_SCOPE_MODULE:
				scope->kind = SS_MODULE;
				scope->def_ord = 0;
				scope->def_bstart = 0;
				scope->def_bend = x->f.tree->length;
				continue;
			case CST_SCOPE_COMPREHENSION:
				scope->kind = SS_COMPREHENSION;
				continue;
			case CST_SCOPE_CLASS:
				scope->kind = SS_CLASS;
				break;
			case CST_SCOPE_LAMBDA:
				scope->kind = SS_LAMBDA;
				break;
			case CST_SCOPE_FUNCTION:
				scope->kind = SS_FUNCTION;
				break;
		}
		scope->def_ord = cs->def_id + 1;
		scope->def_bstart = x->defs[cs->def_id].bstart;
		scope->def_bend = x->defs[cs->def_id].bend;
		scope->qualname = intern(&b, cs->qualname, strlen(cs->qualname));
		if (cs->kind != CST_SCOPE_LAMBDA)
		{
			const char *dot = strrchr(cs->qualname, '.');

			scope->name = intern(&b, dot ? dot + 1 : cs->qualname, strlen(dot ? dot + 1 : cs->qualname));
		}
	}
	if (x->f.tree->nnodes > 0)
		block(&b, 0);
	/* Generators: a def whose body yields. */
	for (int32 e = 0; e < b.s.neffects; e++)
		if (b.s.effects[e].kind == SE_YIELD || b.s.effects[e].kind == SE_YIELD_FROM)
			b.s.scopes[b.s.effects[e].a].flags |= SSF_GENERATOR;
	for (int32 i = 0; i < b.s.nimports; i++)
		if (b.s.imports[i].star)
			b.s.scopes[b.s.imports[i].scope].flags |= SSF_STAR_IMPORT;
	return cpg_summary_encode(&b.s);
}
