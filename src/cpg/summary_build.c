/*
 * summary_build.c: the per-file summary (summary.h), built from the CST extractor's
 * walk of a file: its scopes, the scope every node is evaluated in, and its name
 * bindings, so that a name read anywhere is resolved to the scope binding it exactly
 * as the CST's qualified names are.
 *
 * Statements and expressions are translated recursively. Whatever the translation does
 * not understand (an ERROR node, a construct of a newer grammar) is still walked, so
 * the calls, lambdas and definitions inside it are summarised; its value is unknown.
 * This file holds the strings, the records and the statements; summary_exprs.c the
 * expressions; summary_defs.c imports and definitions.
 */
#include "postgres.h"

#include "common/hashfn.h"
#include "cpg/summary_build.h"
#include "cpg/summary_builder.h"
#include "miscadmin.h"

/* ---------------------------------------------------------------------------------- */
/* strings */

int32
sb_intern(Builder *b, const char *str, int32 len)
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

int32
sb_intern_node(Builder *b, int32 node)
{
	return sb_intern(b, node_src(b->x, node), node_len(b->x, node));
}

/* ---------------------------------------------------------------------------------- */
/* records */

int32
sb_new_expr(Builder *b, int32 op, int32 node, int32 a, int32 bb, int32 c, bool spanned)
{
	SumExpr    *e;

	B_GROW(b, exprs, nexprs, cap_exprs);
	e = &b->s.exprs[b->s.nexprs];
	e->op = op;
	e->scope = sb_scope_of(b, node);
	e->a = a;
	e->b = bb;
	e->c = c;
	e->bstart = spanned ? (int32) b->x->f.nodes[node].bstart : -1;
	e->bend = spanned ? (int32) b->x->f.nodes[node].bend : -1;
	return b->s.nexprs++;
}

void
sb_new_effect(Builder *b, int32 kind, int32 scope, int32 a, int32 bb, int32 c, int32 span_node)
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
int32
sb_spanned(Builder *b, int32 e, int32 node)
{
	if (e >= 0 && b->s.exprs[e].bstart < 0 && node != TSN_NONE)
	{
		b->s.exprs[e].bstart = b->x->f.nodes[node].bstart;
		b->s.exprs[e].bend = b->x->f.nodes[node].bend;
	}
	return e;
}

int32
sb_push_elem(Builder *b, int32 value)
{
	B_GROW(b, elems, nelems, cap_elems);
	b->s.elems[b->s.nelems] = value;
	return b->s.nelems++;
}

/* The function a return or yield belongs to: the nearest def or lambda around the scope. */
int32
sb_function_scope(Builder *b, int32 scope)
{
	const CstScope *scopes = b->x->f.st.scopes;

	while (scope > 0 && scopes[scope].kind != CST_SCOPE_FUNCTION && scopes[scope].kind != CST_SCOPE_LAMBDA)
		scope = scopes[scope].parent;
	return scope;
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
void
sb_store(Builder *b, int32 target, int32 value)
{
	const Extract *x = b->x;
	const CstGrammar *g = x->f.g;
	uint16		k;

	if (target == TSN_NONE)
		return;
	k = SYMBOL(x, target);
	if (k == g->identifier)
	{
		int32		scope = cst_store_scope(&b->x->f.st, sb_scope_of(b, target), node_src(x, target), node_len(x, target));

		sb_new_effect(b, SE_STORE_NAME, sb_scope_of(b, target), scope, sb_intern_node(b, target), value, -1);
	}
	else if (k == g->attribute)
	{
		int32		obj = child_by_field(x, target, g->f_object);
		int32		attr = child_by_field(x, target, g->f_attribute);

		if (obj != TSN_NONE && attr != TSN_NONE)
			sb_new_effect(b, SE_STORE_ATTR, sb_scope_of(b, target), sb_expr(b, obj), sb_intern_node(b, attr), value, target);
	}
	else if (k == g->subscript)
	{
		int32		obj = child_by_field(x, target, g->f_value);
		int32		index = -1;
		int32		nindex = 0;
		int32		vo = obj == TSN_NONE ? -1 : sb_expr(b, obj);

		for (int32 c = x->f.nodes[target].first_child; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
			if (FIELD(x, c) == g->f_subscript)
			{
				index = sb_expr(b, c);
				nindex++;
			}
		sb_new_effect(b, SE_STORE_SUBSCR, sb_scope_of(b, target), vo, nindex == 1 ? index : -1, value, target);
	}
	else if (is_unpacking(b, target))
	{
		int32		i = 0;
		bool		after_star = false;

		for (int32 c = first_named(x, target); c != TSN_NONE; c = next_named(x, c), i++)
		{
			if (is_kind(b, c, g->list_splat_pattern) || is_kind(b, c, g->list_splat))
			{
				sb_store(b, first_named(x, c), sb_new_expr(b, SO_STARREST, c, value, i, 0, false));
				after_star = true;
			}
			else
				sb_store(b, c, sb_new_expr(b, SO_ELEM, c, value, after_star ? -1 : i, 0, true));
		}
	}
	else if (k == g->parenthesized_expression || k == g->as_pattern_target ||
			 k == g->list_splat_pattern)
		sb_store(b, first_named(x, target), value);
	else
		(void) sb_expr(b, target);
}

void
sb_block(Builder *b, int32 node)
{
	if (node == TSN_NONE)
		return;
	for (int32 c = first_named(b->x, node); c != TSN_NONE; c = next_named(b->x, c))
		sb_stmt(b, c);
}

void
sb_truth(Builder *b, int32 node)
{
	int32		v;

	if (node == TSN_NONE)
		return;
	v = sb_expr(b, node);
	if (v >= 0)
		sb_new_effect(b, SE_TRUTH, sb_scope_of(b, node), -1, -1, v, node);
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
		b->s.all_names[b->s.nall++] = sb_intern(b, s.data, s.len);
	}
	return true;
}

static bool
is_all_name(Builder *b, int32 node)
{
	return node != TSN_NONE && is_kind(b, node, b->x->f.g->identifier) && sb_scope_of(b, node) == 0 &&
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
				b->s.all_names[b->s.nall++] = sb_intern(b, s.data, s.len);
			}
			else
				b->s.all_state = SUM_ALL_DYNAMIC;
		}
	}
}

/*
 * `name: T [= value]`: the classes T names, for the refinement, and in a class body the
 * fields a dataclass-like class's constructor binds, in order (a ClassVar is no field).
 */
static void
annotate(Builder *b, int32 node, int32 left, bool bare)
{
	const CstGrammar *g = b->x->f.g;
	int32		type = child_by_field(b->x, node, g->f_type);
	int32		scope;
	int32		classes;
	int32		inner;
	bool		in_class;

	if (!is_kind(b, left, g->identifier) || type == TSN_NONE)
		return;
	scope = cst_store_scope(&b->x->f.st, sb_scope_of(b, left), node_src(b->x, left), node_len(b->x, left));
	if (scope < 0)
		return;
	in_class = b->s.scopes[scope].kind == SS_CLASS;
	inner = is_kind(b, type, g->type) ? first_named(b->x, type) : type;
	if (in_class && sb_last_name_is(b, sb_generic_name(b, inner), "ClassVar"))
		return;
	if (bare && !in_class)
		return;
	classes = sb_annotation_classes(b, type);
	if (classes >= 0 || in_class)
		sb_new_effect(b, SE_ANNOTATE, sb_scope_of(b, left), scope, sb_intern_node(b, left), classes, -1);
}

static int32
assignment(Builder *b, int32 node)
{
	const CstGrammar *g = b->x->f.g;
	int32		left = child_by_field(b->x, node, g->f_left);
	int32		right = child_by_field(b->x, node, g->f_right);
	int32		value;

	if (right == TSN_NONE)
	{
		/* an annotation alone binds nothing, but in a class body it declares a field */
		annotate(b, node, left, true);
		return -1;
	}
	note_all(b, node);
	/* a = b = v: the right side is itself an assignment whose value is v */
	if (is_kind(b, right, g->assignment))
		value = assignment(b, right);
	else if (is_kind(b, right, g->augmented_assignment))
	{
		sb_stmt(b, right);
		value = -1;
	}
	else
		value = sb_expr(b, right);
	sb_store(b, left, value);
	annotate(b, node, left, false);
	return value;
}

static void
augmented(Builder *b, int32 node)
{
	const CstGrammar *g = b->x->f.g;
	int32		left = child_by_field(b->x, node, g->f_left);
	int32		right = child_by_field(b->x, node, g->f_right);
	int32		op = sb_operator_of(b, child_by_field(b->x, node, g->f_operator));
	int32		current;
	int32		value;

	note_all(b, node);
	if (left == TSN_NONE || right == TSN_NONE)
		return;
	current = sb_expr(b, left);
	value = sb_expr(b, right);
	if (op < 0)
		return;
	sb_store(b, left, sb_new_expr(b, SO_BINOP, node, current, value, op | SUM_INPLACE, true));
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
			cm = sb_new_expr(b, SO_ENTER, item, sb_expr(b, value), -1, async ? 1 : 0, true);
			if (target != TSN_NONE)
				sb_store(b, target, cm);
		}
	sb_block(b, child_by_field(x, node, g->f_body));
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
				int32		v = sb_new_expr(b, SO_EXCEPT, value, sb_expr(b, value), -1, 0, false);

				if (alias != TSN_NONE)
					sb_store(b, alias, v);
			}
			for (int32 d = first_named(x, c); d != TSN_NONE; d = next_named(x, d))
				if (is_kind(b, d, g->block))
					sb_block(b, d);
		}
		else if (k == g->block)
			sb_block(b, c);
		else
			sb_stmt(b, c);
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
		int32		obj = sb_expr(b, child_by_field(x, target, g->f_object));

		if (attr != TSN_NONE)
			sb_new_effect(b, SE_DEL_ATTR, sb_scope_of(b, target), obj, sb_intern_node(b, attr), -1, target);
	}
	else if (is_kind(b, target, g->subscript))
	{
		int32		obj = sb_expr(b, child_by_field(x, target, g->f_value));
		int32		index = -1;

		for (int32 c = x->f.nodes[target].first_child; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
			if (FIELD(x, c) == g->f_subscript)
				index = sb_expr(b, c);
		sb_new_effect(b, SE_DEL_SUBSCR, sb_scope_of(b, target), obj, index, -1, target);
	}
	else if (is_unpacking(b, target) || is_kind(b, target, g->parenthesized_expression))
	{
		for (int32 c = first_named(x, target); c != TSN_NONE; c = next_named(x, c))
			delete_target(b, c);
	}
	else
		(void) sb_expr(b, target);
}

/*
 * The name `if NAME is None:` (or `elif`) tests (a string), or -1. What the function
 * returns in that branch is what a call leaving the parameter so named out gets: the
 * partial or inner decorator a dual-form decorator (@deco and @deco(option=...)) returns
 * when called without the function (the resolver, call_function).
 */
static int32
none_test(Builder *b, int32 condition)
{
	Extract    *x = b->x;
	const CstGrammar *g = x->f.g;
	int32		left;
	int32		right;
	int32		op = TSN_NONE;

	if (condition == TSN_NONE || SYMBOL(x, condition) != g->comparison_operator)
		return -1;
	left = first_named(x, condition);
	right = left == TSN_NONE ? TSN_NONE : next_named(x, left);
	for (int32 c = x->f.nodes[condition].first_child; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
		if (FIELD(x, c) == g->f_operators)
		{
			if (op != TSN_NONE)
				return -1;		/* a chain: a is None is b */
			op = c;
		}
	if (left == TSN_NONE || right == TSN_NONE || next_named(x, right) != TSN_NONE || op == TSN_NONE ||
		SYMBOL(x, left) != g->identifier || SYMBOL(x, right) != g->none || sb_operator_of(b, op) != OP_IS)
		return -1;
	return sb_intern_node(b, left);
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
				(void) sb_expr(b, c);
			}
		}
	}
	else if (k == g->assignment)
		(void) assignment(b, node);
	else if (k == g->augmented_assignment)
		augmented(b, node);
	else if (k == g->function_definition || k == g->class_definition)
		sb_def_statement(b, node, node);
	else if (k == g->decorated_definition)
	{
		int32		def = child_by_field(x, node, g->f_definition);

		if (def != TSN_NONE)
			sb_def_statement(b, def, node);
		else
			sb_children(b, node);
	}
	else if (k == g->return_statement)
	{
		int32		value = first_named(x, node);
		int32		v = value == TSN_NONE ? -1 : sb_expr(b, value);

		if (v >= 0)
		{
			int32		function = sb_function_scope(b, sb_scope_of(b, node));

			sb_new_effect(b, SE_RETURN, sb_scope_of(b, node), function,
						  function == b->none_guard_function ? b->none_guard : -1, v, node);
		}
	}
	else if (k == g->if_statement || k == g->elif_clause || k == g->while_statement)
	{
		int32		condition = child_by_field(x, node, g->f_condition);
		int32		guard = k != g->while_statement ? none_test(b, condition) : -1;

		sb_truth(b, condition);
		for (int32 c = first_named(x, node); c != TSN_NONE; c = next_named(x, c))
		{
			if (FIELD(x, c) == g->f_condition)
				continue;
			if (guard >= 0 && FIELD(x, c) == g->f_consequence)
			{
				int32		outer = b->none_guard;
				int32		outer_function = b->none_guard_function;

				b->none_guard = guard;
				b->none_guard_function = sb_function_scope(b, sb_scope_of(b, node));
				sb_stmt(b, c);
				b->none_guard = outer;
				b->none_guard_function = outer_function;
			}
			else
				sb_stmt(b, c);
		}
	}
	else if (k == g->else_clause || k == g->finally_clause || k == g->case_clause)
	{
		for (int32 c = first_named(x, node); c != TSN_NONE; c = next_named(x, c))
			sb_stmt(b, c);
	}
	else if (k == g->block)
		sb_block(b, node);
	else if (k == g->for_statement)
	{
		int32		left = child_by_field(x, node, g->f_left);
		int32		right = child_by_field(x, node, g->f_right);
		bool		async = x->f.nodes[node].first_child != TSN_NONE &&
			SYMBOL(x, x->f.nodes[node].first_child) == g->kw_async;

		if (right != TSN_NONE)
			sb_store(b, left, sb_new_expr(b, SO_ITER, node, sb_expr(b, right), -1, async ? SO_ITER_ASYNC : 0, true));
		sb_block(b, child_by_field(x, node, g->f_body));
		sb_stmt(b, child_by_field(x, node, g->f_alternative));
	}
	else if (k == g->with_statement)
		with_statement(b, node);
	else if (k == g->try_statement)
		try_statement(b, node);
	else if (k == g->import_statement || k == g->import_from_statement)
		sb_imports(b, node);
	else if (k == g->future_import_statement || k == g->global_statement ||
			 k == g->nonlocal_statement)
		return;
	else if (k == g->delete_statement)
		for (int32 c = first_named(x, node); c != TSN_NONE; c = next_named(x, c))
			delete_target(b, c);
	else if (k == g->assert_statement)
	{
		int32		first = first_named(x, node);

		sb_truth(b, first);
		for (int32 c = first == TSN_NONE ? TSN_NONE : next_named(x, first); c != TSN_NONE; c = next_named(x, c))
			(void) sb_expr(b, c);
	}
	else if (k == g->match_statement)
	{
		int32		subject = child_by_field(x, node, g->f_subject);

		(void) sb_expr(b, subject);
		for (int32 c = first_named(x, node); c != TSN_NONE; c = next_named(x, c))
			if (FIELD(x, c) != g->f_subject)
				sb_stmt(b, c);
	}
	else if (k == g->case_pattern || k == g->if_clause)
		sb_children(b, node);
	else
		(void) sb_expr(b, node);
}

void
sb_stmt(Builder *b, int32 node)
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
	b.none_guard = -1;
	b.none_guard_function = -1;
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
		scope->returns_annot = -1;
		scope->metaclass = -1;
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
		scope->qualname = sb_intern(&b, cs->qualname, strlen(cs->qualname));
		if (cs->kind != CST_SCOPE_LAMBDA)
		{
			const char *dot = strrchr(cs->qualname, '.');

			scope->name = sb_intern(&b, dot ? dot + 1 : cs->qualname, strlen(dot ? dot + 1 : cs->qualname));
		}
	}
	if (x->f.tree->nnodes > 0)
		sb_block(&b, 0);
	/* Generators: a def whose body yields. */
	for (int32 e = 0; e < b.s.neffects; e++)
		if (b.s.effects[e].kind == SE_YIELD || b.s.effects[e].kind == SE_YIELD_FROM)
			b.s.scopes[b.s.effects[e].a].flags |= SSF_GENERATOR;
	for (int32 i = 0; i < b.s.nimports; i++)
		if (b.s.imports[i].star)
			b.s.scopes[b.s.imports[i].scope].flags |= SSF_STAR_IMPORT;
	return cpg_summary_encode(&b.s);
}
