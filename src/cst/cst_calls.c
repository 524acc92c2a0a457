/*
 * cst_calls.c: callsites (with candidate qualified names), call arguments, type
 * expressions, dotted names and import statements, for the CST extractor and the
 * call-graph summary.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/rowtype.h"
#include "cst/cst_walk.h"

/*
 * An import, future import or from-import statement: the module and level of a
 * from-import and every name imported, in order. Names that are not dotted names (an
 * ERROR node) are left out.
 */
void
cst_read_import(const Extract *x, int32 stmt, CstImport *out)
{
	const CstGrammar *g = x->f.g;
	uint16		k = SYMBOL(x, stmt);
	int32		nchildren = 0;

	for (int32 c = x->f.nodes[stmt].first_child; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
		nchildren++;
	memset(out, 0, sizeof(*out));
	out->from = k != g->import_statement;
	out->names = palloc(sizeof(CstImportName) * Max(nchildren, 1));
	if (k == g->future_import_statement)
		out->module = "__future__";
	else if (k == g->import_from_statement)
	{
		int32		m = child_by_field(x, stmt, g->f_module_name);

		if (m != TSN_NONE && SYMBOL(x, m) == g->relative_import)
		{
			int32		prefix = child_of_kind(x, m, g->import_prefix);
			int32		dotted = child_of_kind(x, m, g->dotted_name);

			if (prefix != TSN_NONE)
				for (int32 b = x->f.nodes[prefix].bstart; b < (int32) x->f.nodes[prefix].bend; b++)
					out->level += x->f.src[b] == '.';
			if (dotted != TSN_NONE)
				out->module = cst_dotted_text(x, dotted);
		}
		else if (m != TSN_NONE)
			out->module = cst_dotted_text(x, m);
	}
	for (int32 c = x->f.nodes[stmt].first_child; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
	{
		CstImportName *name = &out->names[out->nnames];
		int32		dotted = c;

		name->node = c;
		name->alias = TSN_NONE;
		if (SYMBOL(x, c) == g->wildcard_import)
		{
			name->dotted = NULL;
			out->nnames++;
			continue;
		}
		if (FIELD(x, c) != g->f_name)
			continue;
		if (SYMBOL(x, c) == g->aliased_import)
		{
			dotted = child_by_field(x, c, g->f_name);
			name->alias = child_by_field(x, c, g->f_alias);
		}
		if (dotted == TSN_NONE || SYMBOL(x, dotted) != g->dotted_name)
			continue;
		name->dotted = cst_dotted_text(x, dotted);
		out->nnames++;
	}
}

/* a.b.c as written without whitespace or comments, or NULL if not a dotted name. */
char *
cst_dotted_text(const Extract *x, int32 node)
{
	const CstGrammar *g = x->f.g;
	StringInfoData out;

	initStringInfo(&out);
	if (SYMBOL(x, node) == g->dotted_name)
	{
		for (int32 c = x->f.nodes[node].first_child; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
			if (SYMBOL(x, c) == g->identifier)
				appendStringInfo(&out, "%s%.*s", out.len ? "." : "", node_len(x, c), node_src(x, c));
		return out.data;
	}
	/* An attribute chain: collect the attribute names from the outside in. */
	{
		int32		parts[64];
		int			nparts = 0;
		int32		c = node;

		while (SYMBOL(x, c) == g->attribute && nparts < (int) lengthof(parts) - 1)
		{
			int32		attr = child_by_field(x, c, g->f_attribute);
			int32		obj = child_by_field(x, c, g->f_object);

			if (attr == TSN_NONE || obj == TSN_NONE)
				return NULL;
			parts[nparts++] = attr;
			c = obj;
		}
		if (SYMBOL(x, c) != g->identifier)
			return NULL;
		parts[nparts++] = c;
		for (int i = nparts - 1; i >= 0; i--)
			appendStringInfo(&out, "%s%.*s", i == nparts - 1 ? "" : ".",
							 node_len(x, parts[i]), node_src(x, parts[i]));
		return out.data;
	}
}

void
cst_visit_type(Extract *x, int32 t)
{
	const CstGrammar *g = x->f.g;
	int32		p = PARENT(x, t);
	uint16		pk = SYMBOL(x, p);
	uint16		field = FIELD(x, t);
	const char *role;
	int32		owner_def;
	int32		param = TSN_NONE;
	int32		expr = first_named(x, t);
	Datum		v[cst_type_expr__NATTS];
	bool		n[cst_type_expr__NATTS] = {false};

	if (field != g->f_type && field != g->f_return_type)
		return;
	if (pk == g->typed_parameter || pk == g->typed_default_parameter)
	{
		int32		fn = PARENT(x, p) == TSN_NONE ? TSN_NONE : PARENT(x, PARENT(x, p));

		role = "PARAMETER";
		if (pk == g->typed_default_parameter)
			param = child_by_field(x, p, g->f_name);
		else
		{
			param = first_named(x, p);
			if (param != TSN_NONE && SYMBOL(x, param) != g->identifier)
				param = child_of_kind(x, param, g->identifier);
		}
		owner_def = (fn != TSN_NONE && x->created[fn] >= 0) ? x->f.st.scopes[x->created[fn]].def_id : -1;
	}
	else if (pk == g->function_definition && field == g->f_return_type)
	{
		role = "RETURN";
		owner_def = x->f.st.scopes[x->created[p]].def_id;
	}
	else if (pk == g->assignment)
	{
		role = "VARIABLE";
		param = child_by_field(x, p, g->f_left);
		owner_def = cst_owning_def(x, x->f.st.scope_of[p]);
	}
	else
		return;
	if (owner_def >= 0)
	{
		v[cst_type_expr__owner_def_kind] = CStringGetTextDatum(x->defs[owner_def].kind);
		v[cst_type_expr__owner_def_bstart] = Int32GetDatum(x->defs[owner_def].bstart);
		v[cst_type_expr__owner_def_bend] = Int32GetDatum(x->defs[owner_def].bend);
	}
	else
		n[cst_type_expr__owner_def_kind] = n[cst_type_expr__owner_def_bstart] =
			n[cst_type_expr__owner_def_bend] = true;
	if (param != TSN_NONE)
		v[cst_type_expr__param_name] = cst_text(&x->f, param);
	else
		n[cst_type_expr__param_name] = true;
	v[cst_type_expr__expr_kind] = cpg_ts_kind_text(x->kind_cache, SYMBOL(x, expr != TSN_NONE ? expr : t));
	v[cst_type_expr__expr_role] = CStringGetTextDatum(role);
	v[cst_type_expr__bstart] = Int32GetDatum(x->f.nodes[t].bstart);
	v[cst_type_expr__bend] = Int32GetDatum(x->f.nodes[t].bend);
	v[cst_type_expr__expr_text] = cst_derived_text(&x->f, t);
	cpg_array_push_composite(&x->a_type_exprs, v, n);
}

static void
push_arg(Extract *x, int32 call_id, int32 index, int32 arg, int32 value, const char *star, int32 keyword)
{
	Datum		v[cst_call_arg__NATTS];
	bool		n[cst_call_arg__NATTS] = {false};

	v[cst_call_arg__call_id] = Int32GetDatum(call_id);
	v[cst_call_arg__arg_index] = Int32GetDatum(index);
	if (keyword != TSN_NONE)
		v[cst_call_arg__keyword] = cst_text(&x->f, keyword);
	else
		n[cst_call_arg__keyword] = true;
	if (star)
		v[cst_call_arg__star] = CStringGetTextDatum(star);
	else
		n[cst_call_arg__star] = true;
	if (value != TSN_NONE)
		v[cst_call_arg__arg_text] = cst_derived_text(&x->f, value);
	else
		n[cst_call_arg__arg_text] = true;
	v[cst_call_arg__bstart] = Int32GetDatum(x->f.nodes[arg].bstart);
	v[cst_call_arg__bend] = Int32GetDatum(x->f.nodes[arg].bend);
	cpg_array_push_composite(&x->a_call_args, v, n);
}

/* Emits the call's arguments now; returns the argument count for the callsite. */
int32
cst_visit_call_args(Extract *x, int32 call, int32 call_id)
{
	const CstGrammar *g = x->f.g;
	int32		args = child_by_field(x, call, g->f_arguments);
	int32		count = 0;

	if (args == TSN_NONE)
		return 0;
	if (SYMBOL(x, args) == g->generator_expression)
	{
		push_arg(x, call_id, count++, args, args, NULL, TSN_NONE);
		return count;
	}
	for (int32 a = x->f.nodes[args].first_child; a != TSN_NONE; a = x->f.nodes[a].next_sibling)
	{
		uint16		k = SYMBOL(x, a);

		if ((x->f.nodes[a].flags & (TSN_NAMED | TSN_EXTRA)) != TSN_NAMED || k == g->error)
			continue;
		if (k == g->keyword_argument)
			push_arg(x, call_id, count++, a, child_by_field(x, a, g->f_value), NULL,
					 child_by_field(x, a, g->f_name));
		else if (k == g->list_splat)
			push_arg(x, call_id, count++, a, first_named(x, a), "*", TSN_NONE);
		else if (k == g->dictionary_splat)
			push_arg(x, call_id, count++, a, first_named(x, a), "**", TSN_NONE);
		else
			push_arg(x, call_id, count++, a, a, NULL, TSN_NONE);
	}
	return count;
}

void
cst_emit_callsite(Extract *x, int32 call, int32 call_id, int32 arg_count)
{
	const CstGrammar *g = x->f.g;
	CstState   *st = &x->f.st;
	int32		callee = child_by_field(x, call, g->f_function);
	Datum		v[cst_callsite__NATTS];
	bool		n[cst_callsite__NATTS] = {false};
	uint16		ck;
	char	   *dotted;
	CpgArray	qnames;
	CpgArray	fqns;

	cst_cap_reset(st->cap);
	/* Error recovery can leave a call without its function field. */
	if (callee == TSN_NONE)
		callee = x->f.nodes[call].first_child != TSN_NONE ? x->f.nodes[call].first_child : call;
	ck = SYMBOL(x, callee);
	v[cst_callsite__call_id] = Int32GetDatum(call_id);
	v[cst_callsite__call_bstart] = Int32GetDatum(x->f.nodes[call].bstart);
	v[cst_callsite__call_bend] = Int32GetDatum(x->f.nodes[call].bend);
	v[cst_callsite__callee_bstart] = Int32GetDatum(x->f.nodes[callee].bstart);
	v[cst_callsite__callee_bend] = Int32GetDatum(x->f.nodes[callee].bend);
	v[cst_callsite__callee_shape] = CStringGetTextDatum(ck == g->identifier ? "NAME" :
														ck == g->attribute ? "ATTRIBUTE" :
														ck == SYMBOL(x, call) ? "CALL" :
														ck == g->subscript ? "SUBSCRIPT" : "OTHER");
	v[cst_callsite__callee_text] = cst_derived_text(&x->f, callee);
	v[cst_callsite__arg_count] = Int32GetDatum(arg_count);
	dotted = (ck == g->identifier || ck == g->attribute) ? cst_dotted_text(x, callee) : NULL;
	cpg_array_init(&qnames, CPG_T_cst_qname);
	cpg_array_init_oid(&fqns, TEXTOID);
	if (dotted != NULL)
	{
		int32		head = strcspn(dotted, ".");
		CstCandidate *cands;
		int32		ncands;

		v[cst_callsite__callee_dotted] = CStringGetTextDatum(dotted);
		/* The head is looked up in the scope the callee's first name is evaluated in. */
		ncands = cst_resolve(st, st->scope_of[callee], dotted, head, &cands);
		for (int32 c = 0; c < ncands; c++)
		{
			char	   *fqn;
			Datum		qv[cst_qname__NATTS];
			bool		qn[cst_qname__NATTS] = {false, false};

			/* x.attr() names something only when x is a def, class or module. */
			if (dotted[head] != '\0' && !cands[c].definite)
				continue;
			fqn = cst_fqn(st, &cands[c]);
			qv[cst_qname__name] = CStringGetTextDatum(cst_cap_cstring(st->cap, psprintf("%s%s", cands[c].qname, dotted + head)));
			qv[cst_qname__source] = CStringGetTextDatum(cands[c].source);
			cpg_array_push_composite(&qnames, qv, qn);
			if (fqn != NULL)
				cpg_array_push_cstring(&fqns, cst_cap_cstring(st->cap, psprintf("%s%s", fqn, dotted + head)));
		}
	}
	else
		n[cst_callsite__callee_dotted] = true;
	v[cst_callsite__callee_qnames] = cpg_array_result(&qnames);
	v[cst_callsite__callee_fqns] = cpg_array_result(&fqns);
	n[cst_callsite__inferred_type] = true;
	v[cst_callsite__attrs] = cst_truncated_attrs(st->cap, &n[cst_callsite__attrs]);
	cpg_array_push_composite(&x->a_callsites, v, n);
}
