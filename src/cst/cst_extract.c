/*
 * cst_extract.c: codecpg.cst_extract, the seed's LibCST facts computed from the
 * tree-sitter concrete tree.
 *
 * One linear pass over the preorder node array (parents come before children, so
 * every node's scope is known from its parent's) opens scopes, records bindings and
 * emits the facts that need no resolution: defs, decorators, docstrings, imports,
 * type expressions and call arguments. Refs and callsites need every binding of the
 * file (a name may be bound after its use) and are emitted after the pass.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/rowtype.h"
#include "cpg/naming.h"
#include "cpg/summary_build.h"
#include "cst/cst_walk.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "treesitter/ts_cache.h"
#include "treesitter/ts_extract.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

static const char *const ctx_names[] = {NULL, "LOAD", "STORE", "DEL", "STORE", "STORE"};

static const char *const scope_kind_names[] = {
	[CST_SCOPE_MODULE] = "MODULE",
	[CST_SCOPE_CLASS] = "CLASS",
	[CST_SCOPE_FUNCTION] = "FUNCTION",
	[CST_SCOPE_LAMBDA] = "LAMBDA",
	[CST_SCOPE_COMPREHENSION] = "COMPREHENSION",
};

static int32
new_scope(Extract *x, CstScopeKind kind, int32 parent, int32 node, int32 def_id, const char *qualname)
{
	CstState   *st = &x->f.st;

	GROW(st->scopes, st->nscopes, st->scopes_capacity);
	st->scopes[st->nscopes] = (CstScope) {kind, parent, def_id, qualname};
	x->created[node] = st->nscopes;
	return st->nscopes++;
}

static bool
is_comprehension(const Extract *x, uint16 s)
{
	const CstGrammar *g = x->f.g;

	return s == g->list_comprehension || s == g->set_comprehension ||
		s == g->dictionary_comprehension || s == g->generator_expression;
}

/* The scope a node is evaluated in, from its parent's (see the file comment). */
static int32
scope_for(Extract *x, int32 i)
{
	const CstGrammar *g = x->f.g;
	int32		p = PARENT(x, i);
	int32		ps = x->f.st.scope_of[p];
	uint16		pk = SYMBOL(x, p);
	uint16		field = FIELD(x, i);

	if (x->created[p] >= 0)
	{
		if (pk == g->function_definition)
			return (field == g->f_body || field == g->f_parameters) ? x->created[p] : ps;
		if (pk == g->class_definition)
			return field == g->f_body ? x->created[p] : ps;
		return x->created[p];
	}
	/* Defaults and annotations are evaluated where the def is, not in its scope. */
	if ((pk == g->default_parameter || pk == g->typed_default_parameter || pk == g->typed_parameter) &&
		(field == g->f_value || field == g->f_type))
		return x->f.st.scopes[ps].parent >= 0 ? x->f.st.scopes[ps].parent : ps;
	/* So is the first iterable of a comprehension. */
	if (pk == g->for_in_clause && field == g->f_right &&
		child_of_kind(x, PARENT(x, p), g->for_in_clause) == p)
		return x->f.st.scopes[ps].parent >= 0 ? x->f.st.scopes[ps].parent : ps;
	return ps;
}

static bool
is_target_wrapper(const Extract *x, uint16 s)
{
	const CstGrammar *g = x->f.g;

	return s == g->pattern_list || s == g->tuple_pattern || s == g->list_pattern ||
		s == g->list_splat_pattern || s == g->tuple || s == g->list ||
		s == g->parenthesized_expression || s == g->expression_list;
}

/* LOAD, STORE or DEL of an expression, from the statement it is a target of. */
static RefCtx
target_ctx(const Extract *x, int32 node)
{
	const CstGrammar *g = x->f.g;
	int32		c = node;
	int32		q;
	uint16		qk;
	uint16		field;

	while (PARENT(x, c) != TSN_NONE && is_target_wrapper(x, SYMBOL(x, PARENT(x, c))))
		c = PARENT(x, c);
	q = PARENT(x, c);
	if (q == TSN_NONE)
		return CTX_LOAD;
	qk = SYMBOL(x, q);
	field = FIELD(x, c);
	if ((qk == g->assignment || qk == g->augmented_assignment || qk == g->for_statement ||
		 qk == g->for_in_clause) && field == g->f_left)
		return CTX_STORE;
	if ((qk == g->named_expression && field == g->f_name) || qk == g->as_pattern_target ||
		(qk == g->except_clause && field == g->f_alias))
		return CTX_STORE;
	if (qk == g->delete_statement)
		return CTX_DEL;
	return CTX_LOAD;
}

static bool
is_params(const Extract *x, uint16 s)
{
	return s == x->f.g->parameters || s == x->f.g->lambda_parameters;
}

static RefCtx
identifier_ctx(const Extract *x, int32 i)
{
	const CstGrammar *g = x->f.g;
	int32		p = PARENT(x, i);
	uint16		pk;
	uint16		field = FIELD(x, i);

	if (p == TSN_NONE)
		return CTX_LOAD;
	pk = SYMBOL(x, p);
	if ((pk == g->attribute && field == g->f_attribute) ||
		(pk == g->keyword_argument && field == g->f_name) ||
		pk == g->aliased_import || pk == g->global_statement || pk == g->nonlocal_statement)
		return CTX_SKIP;
	if ((pk == g->function_definition || pk == g->class_definition) && field == g->f_name)
		return CTX_DEFNAME;
	if (pk == g->keyword_pattern && x->f.nodes[p].first_child == i)
		return CTX_SKIP;
	if (pk == g->dotted_name)
	{
		int32		gp = PARENT(x, p);
		uint16		gk = gp == TSN_NONE ? 0 : SYMBOL(x, gp);
		bool		head = x->f.nodes[p].first_child == i;
		bool		single = x->f.nodes[i].next_sibling == TSN_NONE && head;

		if (gk == g->import_statement || gk == g->import_from_statement ||
			gk == g->future_import_statement || gk == g->aliased_import || gk == g->relative_import)
			return CTX_SKIP;
		if (!head)
			return CTX_SKIP;
		/* A lone name in a pattern captures; a dotted one is a value to compare with. */
		if ((gk == g->case_pattern || gk == g->keyword_pattern) && single)
			return (node_len(x, i) == 1 && *node_src(x, i) == '_') ? CTX_SKIP : CTX_STORE;
		return CTX_LOAD;
	}
	if (pk == g->splat_pattern)
		return CTX_STORE;
	/* case ... as name: the name after "as" captures. */
	if (pk == g->as_pattern && first_named(x, p) != i)
		return CTX_STORE;
	if (is_params(x, pk) ||
		((pk == g->default_parameter || pk == g->typed_default_parameter) && field == g->f_name) ||
		(pk == g->typed_parameter && field == 0))
		return CTX_PARAM;
	if ((pk == g->list_splat_pattern || pk == g->dictionary_splat_pattern) &&
		PARENT(x, p) != TSN_NONE &&
		(is_params(x, SYMBOL(x, PARENT(x, p))) || SYMBOL(x, PARENT(x, p)) == g->typed_parameter))
		return CTX_PARAM;
	return target_ctx(x, i);
}

/* The nearest enclosing def of a scope (comprehensions belong to theirs), or -1. */
int32
cst_owning_def(const Extract *x, int32 scope)
{
	while (scope >= 0 && x->f.st.scopes[scope].def_id < 0)
		scope = x->f.st.scopes[scope].parent;
	return scope >= 0 ? x->f.st.scopes[scope].def_id : -1;
}

static void
record_ref(Extract *x, int32 node, int32 scope, RefCtx ctx)
{
	GROW(x->refs, x->nrefs, x->refs_capacity);
	x->refs[x->nrefs++] = (PendingRef) {node, scope, (uint8) ctx};
}

static void
visit_identifier(Extract *x, int32 i)
{
	CstState   *st = &x->f.st;
	RefCtx		ctx = identifier_ctx(x, i);
	int32		scope = st->scope_of[i];
	const char *name = node_src(x, i);
	int32		len = node_len(x, i);

	if (ctx == CTX_SKIP)
		return;
	if (ctx == CTX_STORE || ctx == CTX_DEL)
	{
		/* An assignment expression in a comprehension binds in the enclosing scope. */
		if (SYMBOL(x, PARENT(x, i)) == x->f.g->named_expression)
			while (scope > 0 && st->scopes[scope].kind == CST_SCOPE_COMPREHENSION)
				scope = st->scopes[scope].parent;
		cst_bind(st, scope, name, len, CST_B_BOUND,
				 cst_child_qualname(st, scope, name, len), "LOCAL");
	}
	else if (ctx == CTX_PARAM)
		cst_bind(st, scope, name, len, CST_B_PARAM,
				 cst_child_qualname(st, scope, name, len), "LOCAL");
	record_ref(x, i, scope, ctx);
}

static void
visit_declaration(Extract *x, int32 stmt, uint8 flag)
{
	for (int32 c = x->f.nodes[stmt].first_child; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
		if (SYMBOL(x, c) == x->f.g->identifier)
			cst_bind(&x->f.st, x->f.st.scope_of[stmt], node_src(x, c), node_len(x, c), flag, NULL, NULL);
}

/* The docstring of a body block (or module): its first statement, a plain string. */
static char *
docstring_of(const Extract *x, int32 body, int32 *literal)
{
	const CstGrammar *g = x->f.g;
	int32		stmt = body == TSN_NONE ? TSN_NONE : first_named(x, body);
	int32		expr;
	StringInfoData value;

	if (stmt == TSN_NONE || SYMBOL(x, stmt) != g->expression_statement)
		return NULL;
	expr = first_named(x, stmt);
	if (expr == TSN_NONE || x->f.nodes[expr].next_sibling != TSN_NONE)
		return NULL;
	initStringInfo(&value);
	if (SYMBOL(x, expr) == g->string)
	{
		if (!cst_decode_string(node_src(x, expr), node_len(x, expr), &value))
			return NULL;
	}
	else if (SYMBOL(x, expr) == g->concatenated_string)
	{
		for (int32 c = x->f.nodes[expr].first_child; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
			if (SYMBOL(x, c) == g->string &&
				!cst_decode_string(node_src(x, c), node_len(x, c), &value))
				return NULL;
	}
	else
		return NULL;
	*literal = expr;
	return value.data;
}

static void
push_docstring(Extract *x, int32 owner_def_id, const char *owner_kind, const char *value, int32 literal)
{
	Datum		v[cst_docstring__NATTS];
	bool		n[cst_docstring__NATTS] = {false};

	v[cst_docstring__owner_def_id] = Int32GetDatum(owner_def_id);
	n[cst_docstring__owner_def_id] = owner_def_id < 0;
	v[cst_docstring__owner_kind] = CStringGetTextDatum(owner_kind);
	v[cst_docstring__docstring] = CStringGetTextDatum(value);
	v[cst_docstring__bstart] = Int32GetDatum(x->f.nodes[literal].bstart);
	v[cst_docstring__bend] = Int32GetDatum(x->f.nodes[literal].bend);
	cpg_array_push_composite(&x->a_docstrings, v, n);
}

static Datum
qname_array(const char *name, const char *source)
{
	CpgArray	a;
	Datum		v[cst_qname__NATTS] = {CStringGetTextDatum(name), CStringGetTextDatum(source)};
	bool		n[cst_qname__NATTS] = {false, false};

	cpg_array_init(&a, CPG_T_cst_qname);
	cpg_array_push_composite(&a, v, n);
	return cpg_array_result(&a);
}

static Datum
text_array1(const char *value)
{
	CpgArray	a;

	cpg_array_init_oid(&a, TEXTOID);
	cpg_array_push_cstring(&a, value);
	return cpg_array_result(&a);
}

static void
visit_def(Extract *x, int32 i)
{
	const CstGrammar *g = x->f.g;
	CstState   *st = &x->f.st;
	uint16		k = SYMBOL(x, i);
	int32		outer = st->scope_of[i];
	int32		def_id = x->ndefs;
	int32		name = k == g->lambda ? TSN_NONE : child_by_field(x, i, g->f_name);
	int32		p = PARENT(x, i);
	int32		outer_node = (p != TSN_NONE && SYMBOL(x, p) == g->decorated_definition) ? p : i;
	const char *kind;
	char	   *qualname;
	int32		container = cst_owning_def(x, outer);
	int32		ndecorators = 0;
	char	   *doc = NULL;
	int32		literal = TSN_NONE;
	Datum		v[cst_def__NATTS];
	bool		n[cst_def__NATTS] = {false};
	CstScopeKind scope_kind;

	if (k == g->class_definition)
	{
		kind = "CLASS";
		scope_kind = CST_SCOPE_CLASS;
	}
	else if (k == g->lambda)
	{
		kind = "LAMBDA";
		scope_kind = CST_SCOPE_LAMBDA;
	}
	else
	{
		kind = x->f.nodes[i].first_child != TSN_NONE &&
			SYMBOL(x, x->f.nodes[i].first_child) == g->kw_async ? "ASYNC_FUNCTION" : "FUNCTION";
		scope_kind = CST_SCOPE_FUNCTION;
	}
	cst_cap_reset(st->cap);
	if (name != TSN_NONE)
	{
		qualname = cst_child_qualname(st, outer, node_src(x, name), node_len(x, name));
		cst_bind(st, outer, node_src(x, name), node_len(x, name), CST_B_BOUND | CST_B_DEFINITE,
				 qualname, "LOCAL");
	}
	else
		qualname = cst_child_qualname(st, outer, "<lambda>", strlen("<lambda>"));
	new_scope(x, scope_kind, outer, i, def_id, qualname);
	GROW(x->defs, x->ndefs, x->defs_capacity);
	x->defs[x->ndefs++] = (DefInfo) {kind, x->f.nodes[outer_node].bstart, x->f.nodes[outer_node].bend};

	if (outer_node != i)
	{
		for (int32 c = x->f.nodes[p].first_child; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
		{
			Datum		dv[cst_decorator__NATTS];
			bool		dn[cst_decorator__NATTS] = {false};
			int32		expr;

			if (SYMBOL(x, c) != g->decorator || (expr = first_named(x, c)) == TSN_NONE)
				continue;
			dv[cst_decorator__owner_def_id] = Int32GetDatum(def_id);
			dv[cst_decorator__owner_kind] = CStringGetTextDatum(kind);
			dv[cst_decorator__decorator_text] = cst_derived_text(&x->f, expr);
			dv[cst_decorator__decorator_index] = Int32GetDatum(ndecorators++);
			dv[cst_decorator__bstart] = Int32GetDatum(x->f.nodes[expr].bstart);
			dv[cst_decorator__bend] = Int32GetDatum(x->f.nodes[expr].bend);
			cpg_array_push_composite(&x->a_decorators, dv, dn);
		}
	}
	if (k != g->lambda)
	{
		doc = docstring_of(x, child_by_field(x, i, g->f_body), &literal);
		if (doc != NULL)
			push_docstring(x, def_id, kind, doc, literal);
	}

	v[cst_def__def_id] = Int32GetDatum(def_id);
	if (container >= 0)
	{
		v[cst_def__container_def_kind] = CStringGetTextDatum(x->defs[container].kind);
		v[cst_def__container_def_bstart] = Int32GetDatum(x->defs[container].bstart);
		v[cst_def__container_def_bend] = Int32GetDatum(x->defs[container].bend);
	}
	else
		n[cst_def__container_def_kind] = n[cst_def__container_def_bstart] =
			n[cst_def__container_def_bend] = true;
	v[cst_def__kind] = CStringGetTextDatum(kind);
	if (name != TSN_NONE)
	{
		v[cst_def__name] = cst_text(&x->f, name);
		v[cst_def__name_bstart] = Int32GetDatum(x->f.nodes[name].bstart);
		v[cst_def__name_bend] = Int32GetDatum(x->f.nodes[name].bend);
	}
	else
		n[cst_def__name] = n[cst_def__name_bstart] = n[cst_def__name_bend] = true;
	v[cst_def__def_bstart] = Int32GetDatum(x->f.nodes[outer_node].bstart);
	v[cst_def__def_bend] = Int32GetDatum(x->f.nodes[outer_node].bend);
	v[cst_def__qnames] = qname_array(qualname, "LOCAL");
	v[cst_def__def_fqns] = text_array1(st->module_name[0] ?
									   cst_cap_cstring(st->cap, psprintf("%s.%s", st->module_name, qualname)) :
									   qualname);
	if (doc != NULL)
		v[cst_def__docstring] = CStringGetTextDatum(doc);
	else
		n[cst_def__docstring] = true;
	v[cst_def__decorator_count] = Int32GetDatum(ndecorators);
	v[cst_def__attrs] = cst_truncated_attrs(st->cap, &n[cst_def__attrs]);
	cpg_array_push_composite(&x->a_defs, v, n);
}

static void
push_import(Extract *x, int32 stmt, int32 alias, const char *kind, const char *module, int level,
			const char *name, int32 asname, bool star)
{
	Datum		v[cst_import__NATTS];
	bool		n[cst_import__NATTS] = {false};

	v[cst_import__import_id] = Int32GetDatum(x->a_imports.count);
	v[cst_import__kind] = CStringGetTextDatum(kind);
	if (module != NULL)
		v[cst_import__module] = CStringGetTextDatum(module);
	else
		n[cst_import__module] = true;
	v[cst_import__relative_level] = Int32GetDatum(level);
	v[cst_import__name] = CStringGetTextDatum(name);
	if (asname != TSN_NONE)
		v[cst_import__asname] = cst_text(&x->f, asname);
	else
		n[cst_import__asname] = true;
	v[cst_import__is_star] = BoolGetDatum(star);
	v[cst_import__stmt_bstart] = Int32GetDatum(x->f.nodes[stmt].bstart);
	v[cst_import__stmt_bend] = Int32GetDatum(x->f.nodes[stmt].bend);
	v[cst_import__alias_bstart] = Int32GetDatum(x->f.nodes[alias].bstart);
	v[cst_import__alias_bend] = Int32GetDatum(x->f.nodes[alias].bend);
	n[cst_import__attrs] = true;
	cpg_array_push_composite(&x->a_imports, v, n);
}

static void
visit_import(Extract *x, int32 stmt)
{
	CstState   *st = &x->f.st;
	int32		scope = st->scope_of[stmt];
	bool		future = SYMBOL(x, stmt) == x->f.g->future_import_statement;
	CstImport	imp;

	cst_read_import(x, stmt, &imp);
	for (int32 i = 0; i < imp.nnames; i++)
	{
		const CstImportName *n = &imp.names[i];
		const char *kind = imp.from ? "IMPORT_FROM" : "IMPORT";
		char	   *qname;

		if (n->dotted == NULL)
		{
			push_import(x, stmt, n->node, kind, imp.module, imp.level, "*", TSN_NONE, true);
			continue;
		}
		push_import(x, stmt, n->node, kind, imp.from ? imp.module : n->dotted, imp.level, n->dotted, n->alias, false);
		if (future)
			cpg_array_push_cstring(&x->future, n->dotted);
		if (imp.from)
		{
			StringInfoData q;

			initStringInfo(&q);
			for (int d = 0; d < imp.level; d++)
				appendStringInfoChar(&q, '.');
			appendStringInfo(&q, "%s%s%s", imp.module ? imp.module : "", imp.module ? "." : "", n->dotted);
			qname = q.data;
		}
		else
			qname = (char *) n->dotted;
		if (n->alias != TSN_NONE)
			cst_bind(st, scope, node_src(x, n->alias), node_len(x, n->alias), CST_B_BOUND | CST_B_DEFINITE, qname, "IMPORT");
		else if (imp.from)
			cst_bind(st, scope, n->dotted, strlen(n->dotted), CST_B_BOUND | CST_B_DEFINITE, qname, "IMPORT");
		else
		{
			/* import a.b.c binds a, to the module a. */
			int32		head = strcspn(n->dotted, ".");

			cst_bind(st, scope, n->dotted, head, CST_B_BOUND | CST_B_DEFINITE, pnstrdup(n->dotted, head), "IMPORT");
		}
	}
}

static void
emit_ref(Extract *x, const PendingRef *r)
{
	const CstGrammar *g = x->f.g;
	CstState   *st = &x->f.st;
	int32		i = r->node;
	bool		is_name = SYMBOL(x, i) == g->identifier;
	const CstScope *scope = &st->scopes[r->scope];
	const char *role = is_name ? cst_scope_role(st, r->scope, node_src(x, i), node_len(x, i)) : NULL;
	Datum		v[cst_ref__NATTS];
	bool		n[cst_ref__NATTS] = {false};

	v[cst_ref__ref_id] = Int32GetDatum(x->a_refs.count);
	v[cst_ref__ref_kind] = CStringGetTextDatum(is_name ? "NAME" : "ATTRIBUTE");
	cst_cap_reset(st->cap);
	v[cst_ref__ref_text] = cst_derived_text(&x->f, i);
	v[cst_ref__expr_ctx] = CStringGetTextDatum(ctx_names[r->ctx]);
	v[cst_ref__scope_type] = CStringGetTextDatum(scope_kind_names[scope->kind]);
	v[cst_ref__scope_name] = CStringGetTextDatum(scope->qualname ? scope->qualname : "<module>");
	if (role)
		v[cst_ref__scope_role] = CStringGetTextDatum(role);
	else
		n[cst_ref__scope_role] = true;
	v[cst_ref__parent_kind] = cpg_ts_kind_text(x->kind_cache, SYMBOL(x, PARENT(x, i)));
	n[cst_ref__inferred_type] = true;
	v[cst_ref__bstart] = Int32GetDatum(x->f.nodes[i].bstart);
	v[cst_ref__bend] = Int32GetDatum(x->f.nodes[i].bend);
	v[cst_ref__attrs] = cst_truncated_attrs(st->cap, &n[cst_ref__attrs]);
	cpg_array_push_composite(&x->a_refs, v, n);
}

static void
walk(Extract *x)
{
	const CstGrammar *g = x->f.g;
	CstState   *st = &x->f.st;
	const TsTree *tree = x->f.tree;
	int32		literal = TSN_NONE;
	char	   *doc;

	new_scope(x, CST_SCOPE_MODULE, -1, 0, -1, NULL);
	st->scope_of[0] = 0;
	doc = docstring_of(x, 0, &literal);
	if (doc != NULL)
		push_docstring(x, -1, "MODULE", doc, literal);
	for (int32 i = 1; i < tree->nnodes; i++)
	{
		uint16		k = x->f.nodes[i].symbol;

		if ((i & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		st->scope_of[i] = scope_for(x, i);
		if (!(x->f.nodes[i].flags & TSN_NAMED))
			continue;
		if (k == g->identifier)
			visit_identifier(x, i);
		else if (k == g->attribute)
		{
			RefCtx		ctx = target_ctx(x, i);

			record_ref(x, i, st->scope_of[i], ctx);
		}
		else if (k == g->function_definition || k == g->class_definition || k == g->lambda)
			visit_def(x, i);
		else if (is_comprehension(x, k))
		{
			const char *name = k == g->list_comprehension ? "<listcomp>" :
				k == g->set_comprehension ? "<setcomp>" :
				k == g->dictionary_comprehension ? "<dictcomp>" : "<genexpr>";

			new_scope(x, CST_SCOPE_COMPREHENSION, st->scope_of[i], i, -1,
					  cst_child_qualname(st, st->scope_of[i], name, strlen(name)));
		}
		else if (k == g->call)
		{
			GROW(x->calls, x->ncalls, x->calls_capacity);
			x->calls[x->ncalls].node = i;
			x->calls[x->ncalls].arg_count = cst_visit_call_args(x, i, x->ncalls);
			x->ncalls++;
		}
		else if (k == g->import_statement || k == g->import_from_statement ||
				 k == g->future_import_statement)
			visit_import(x, i);
		else if (k == g->global_statement)
			visit_declaration(x, i, CST_B_GLOBAL);
		else if (k == g->nonlocal_statement)
			visit_declaration(x, i, CST_B_NONLOCAL);
		else if (k == g->type)
			cst_visit_type(x, i);
	}
	for (int32 r = 0; r < x->nrefs; r++)
	{
		if ((r & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		emit_ref(x, &x->refs[r]);
	}
	for (int32 c = 0; c < x->ncalls; c++)
	{
		if ((c & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		cst_emit_callsite(x, x->calls[c].node, c, x->calls[c].arg_count);
	}
}

static void
init_arrays(Extract *x)
{
	cpg_array_init(&x->a_defs, CPG_T_cst_def);
	cpg_array_init(&x->a_imports, CPG_T_cst_import);
	cpg_array_init(&x->a_type_exprs, CPG_T_cst_type_expr);
	cpg_array_init(&x->a_docstrings, CPG_T_cst_docstring);
	cpg_array_init(&x->a_decorators, CPG_T_cst_decorator);
	cpg_array_init(&x->a_call_args, CPG_T_cst_call_arg);
	cpg_array_init(&x->a_refs, CPG_T_cst_ref);
	cpg_array_init(&x->a_callsites, CPG_T_cst_callsite);
	cpg_array_init(&x->a_errors, CPG_T_cst_parse_error);
	cpg_array_init_oid(&x->future, TEXTOID);
}

static CpgResultCache result_cache = {.name = "codecpg cst_extract result"};

PG_FUNCTION_INFO_V1(cpg_cst_extract);
Datum
cpg_cst_extract(PG_FUNCTION_ARGS)
{
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext work;
	TupleDesc	root_desc;
	CpgFileIdentity id;
	TsTree		tree;
	Extract		x;
	CpgNaming	naming;
	bool		is_package;
	Datum		v[libcst_file__NATTS];
	bool		n[libcst_file__NATTS] = {false};
	Datum		result;
	Datum		cached;
	CstTextCap	cap;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	if (cpg_result_cache_get(&result_cache, fcinfo, &cached))
		PG_RETURN_DATUM(cached);
	root_desc = cpg_table_tupdesc(CPG_T_libcst_file);
	work = AllocSetContextCreate(caller, "codecpg cst_extract", ALLOCSET_DEFAULT_SIZES);
	MemoryContextSwitchTo(work);

	cpg_file_identity(fcinfo, &id);
	cpg_ts_parse(id.source, id.length, &tree);
	memset(&x, 0, sizeof(x));
	x.f.g = cst_grammar();
	x.f.tree = &tree;
	x.f.nodes = tree.nodes;
	x.f.src = id.source;
	cpg_lines_build(&x.f.lines, id.source, id.length);
	/*
	 * The index passes the repository's naming settings, read once per run: on Citus the
	 * extraction runs inside a query on a shard, where no other table may be read.
	 */
	if (PG_NARGS() == 6 && !PG_ARGISNULL(4) && !PG_ARGISNULL(5))
	{
		naming.root_package = TextDatumGetCString(PG_GETARG_DATUM(4));
		naming.source_root = TextDatumGetCString(PG_GETARG_DATUM(5));
	}
	else
		cpg_naming_of_repo(TextDatumGetCString(id.repo), &naming);
	x.f.st.module_name = cpg_module_name(&naming, TextDatumGetCString(id.path), &is_package);
	x.f.st.package_name = cpg_package_name(x.f.st.module_name, is_package);
	cst_cap_init(&cap, id.length);
	x.f.st.cap = &cap;
	cst_bindings_init(&x.f.st.bindings);
	x.kind_cache = palloc0(sizeof(Datum) * cpg_ts_kind_slots());
	init_arrays(&x);
	if (tree.nnodes > 0)
	{
		x.f.st.scope_of = palloc_extended(sizeof(int32) * tree.nnodes, MCXT_ALLOC_HUGE);
		x.created = palloc_extended(sizeof(int32) * tree.nnodes, MCXT_ALLOC_HUGE);
		memset(x.created, -1, sizeof(int32) * tree.nnodes);
		walk(&x);
	}
	cst_parse_errors(&x.f, &x.a_errors);

	v[libcst_file__repo] = id.repo;
	v[libcst_file__path] = id.path;
	v[libcst_file__file_id] = id.file_id;
	v[libcst_file__file_sha256] = cpg_file_sha256(&id, &tree);
	v[libcst_file__parse_manifest] = cst_manifest(&x.f, &x.future);
	v[libcst_file__parse_errors] = cpg_array_result(&x.a_errors);
	v[libcst_file__refs] = cpg_array_result(&x.a_refs);
	v[libcst_file__imports] = cpg_array_result(&x.a_imports);
	v[libcst_file__callsites] = cpg_array_result(&x.a_callsites);
	v[libcst_file__defs] = cpg_array_result(&x.a_defs);
	v[libcst_file__type_exprs] = cpg_array_result(&x.a_type_exprs);
	v[libcst_file__docstrings] = cpg_array_result(&x.a_docstrings);
	v[libcst_file__decorators] = cpg_array_result(&x.a_decorators);
	v[libcst_file__call_args] = cpg_array_result(&x.a_call_args);
	v[libcst_file__attrs] = cpg_jsonb_from_cstring(cpg_ts_attrs_json(&tree));
	if (tree.nnodes > 0)
		v[libcst_file__summary] = PointerGetDatum(cpg_summary_build(&x));
	else
		n[libcst_file__summary] = true;

	MemoryContextSwitchTo(caller);
	result = HeapTupleGetDatum(heap_form_tuple(root_desc, v, n));
	if (!tree.timed_out && !tree.too_large)
		cpg_result_cache_put(&result_cache, fcinfo, result, 2, id.source_text);
	MemoryContextDelete(work);
	PG_RETURN_DATUM(result);
}
