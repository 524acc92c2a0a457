/*
 * summary_defs.c: imports and definitions (def, class, lambda) in a file's summary: the
 * imported names, the scope records with parameters, decorators and bases, and the
 * binding of a definition's name to what its decorators make of it.
 */
#include "postgres.h"

#include "cpg/summary_builder.h"

void
sb_imports(Builder *b, int32 node)
{
	const Extract *x = b->x;
	int32		scope = sb_scope_of(b, node);
	int32		module = -1;
	CstImport	stmt;

	cst_read_import(x, node, &stmt);
	if (stmt.from)
	{
		if (stmt.module == NULL && stmt.level == 0)
			return;
		module = sb_intern(b, stmt.module ? stmt.module : "", stmt.module ? strlen(stmt.module) : 0);
	}
	for (int32 i = 0; i < stmt.nnames; i++)
	{
		const CstImportName *n = &stmt.names[i];
		int32		c = n->node;
		SumImport  *imp;
		int32		index;

		B_GROW(b, imports, nimports, cap_imports);
		index = b->s.nimports++;
		imp = &b->s.imports[index];
		*imp = (SumImport) {scope, stmt.from, module, stmt.level, -1, -1, n->dotted == NULL,
			(int32) x->f.nodes[c].bstart, (int32) x->f.nodes[c].bend,
		(int32) x->f.nodes[node].bstart, (int32) x->f.nodes[node].bend};
		if (n->dotted == NULL)
		{
			sb_new_effect(b, SE_IMPORT, scope, index, -1, -1, c);
			continue;
		}
		if (stmt.from)
		{
			imp->name = sb_intern(b, n->dotted, strlen(n->dotted));
			imp->bind = n->alias != TSN_NONE ? sb_intern_node(b, n->alias) : imp->name;
		}
		else
		{
			/* `import a.b as x` binds x to a.b (name), `import a.b` binds a to a */
			imp->module = sb_intern(b, n->dotted, strlen(n->dotted));
			imp->name = n->alias != TSN_NONE ? imp->module : -1;
			imp->bind = n->alias != TSN_NONE ? sb_intern_node(b, n->alias) :
				sb_intern(b, n->dotted, strcspn(n->dotted, "."));
		}
		{
			const char *bound = b->s.strings[imp->bind];

			imp->scope = cst_store_scope(&b->x->f.st, scope, bound, strlen(bound));
		}
		sb_new_effect(b, SE_IMPORT, scope, index, -1, -1, c);
		sb_new_effect(b, SE_STORE_NAME, scope, imp->scope, imp->bind,
					  sb_new_expr(b, SO_IMPORT, c, index, -1, 0, false), -1);
	}
}

static bool
is_dotted_name(Builder *b, int32 node)
{
	const CstGrammar *g = b->x->f.g;

	while (is_kind(b, node, g->attribute))
		node = child_by_field(b->x, node, g->f_object);
	return is_kind(b, node, g->identifier);
}

/* Whether the last name of a dotted name is name (typing.Optional: Optional). */
bool
sb_last_name_is(Builder *b, int32 node, const char *name)
{
	const CstGrammar *g = b->x->f.g;

	if (is_kind(b, node, g->attribute))
		node = child_by_field(b->x, node, g->f_attribute);
	return is_kind(b, node, g->identifier) && node_len(b->x, node) == (int32) strlen(name) &&
		memcmp(node_src(b->x, node), name, strlen(name)) == 0;
}

/*
 * The name subscripted by a subscript (Optional[T]) or, in a type context where the
 * grammar writes it so, a generic type; TSN_NONE for anything else.
 */
int32
sb_generic_name(Builder *b, int32 node)
{
	const CstGrammar *g = b->x->f.g;

	if (is_kind(b, node, g->subscript))
		return child_by_field(b->x, node, g->f_value);
	if (is_kind(b, node, g->generic_type))
		return first_named(b->x, node);
	return TSN_NONE;
}

static int32
either(Builder *b, int32 node, int32 left, int32 right)
{
	if (left < 0 || right < 0)
		return left < 0 ? right : left;
	return sb_new_expr(b, SO_UNION, node, left, right, 0, false);
}

/* A string annotation that is a dotted name ("Frame", "nodes.Node"), resolved where the def is. */
static int32
string_annotation(Builder *b, int32 node)
{
	StringInfoData text;
	int32		e = -1;
	int32		start = 0;

	initStringInfo(&text);
	if (!cst_decode_string(node_src(b->x, node), node_len(b->x, node), &text) || text.len == 0)
		return -1;
	for (int32 i = 0; i < text.len; i++)
		if (!(isalnum((unsigned char) text.data[i]) || text.data[i] == '_' || text.data[i] == '.') ||
			(text.data[i] == '.' && (i == start || i + 1 == text.len)) || (i == start && isdigit((unsigned char) text.data[i])))
			return -1;
		else if (text.data[i] == '.')
			start = i + 1;
	start = 0;
	for (int32 i = 0; i <= text.len; i++)
	{
		if (i < text.len && text.data[i] != '.')
			continue;
		if (e < 0)
			e = sb_new_expr(b, SO_NAME, node,
							cst_binding_scope(&b->x->f.st, sb_scope_of(b, node), text.data, i),
							sb_intern(b, text.data, i), 0, false);
		else
			e = sb_new_expr(b, SO_ATTR, node, e, sb_intern(b, text.data + start, i - start), 0, false);
		start = i + 1;
	}
	return e;
}

/*
 * The classes a parameter's annotation names, evaluated where the def is: a name or a
 * dotted name, plain or in a string, and Optional[...], Union[...] and X | Y of them. A
 * container's annotation (list[Node]) names no class of the value itself, and nothing in
 * an annotation is called: the refinement gives a parameter nothing reaches instances of
 * these classes, a def whose return nothing of the repository reaches returns them, and
 * so does a variable annotated where it is assigned (solver_refine).
 */
static int32
annotation_classes(Builder *b, int32 node, int32 depth)
{
	const Extract *x = b->x;
	const CstGrammar *g = x->f.g;
	int32		classes = -1;

	if (node == TSN_NONE || depth > 8)
		return -1;
	if (is_kind(b, node, g->type))
		return annotation_classes(b, first_named(x, node), depth + 1);
	if (is_dotted_name(b, node))
		return sb_expr(b, node);
	if (is_kind(b, node, g->string))
		return string_annotation(b, node);
	if (is_kind(b, node, g->binary_operator))
	{
		int32		op = child_by_field(x, node, g->f_operator);

		if (op == TSN_NONE || node_len(x, op) != 1 || node_src(x, op)[0] != '|')
			return -1;
		return either(b, node, annotation_classes(b, child_by_field(x, node, g->f_left), depth + 1),
					  annotation_classes(b, child_by_field(x, node, g->f_right), depth + 1));
	}
	if (sb_last_name_is(b, sb_generic_name(b, node), "Optional") || sb_last_name_is(b, sb_generic_name(b, node), "Union"))
	{
		/* the subscript's indexes, or the generic type's parameters */
		int32		params = is_kind(b, node, g->generic_type) ? next_named(x, first_named(x, node)) : TSN_NONE;

		if (is_kind(b, node, g->subscript))
		{
			for (int32 c = x->f.nodes[node].first_child; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
				if (FIELD(x, c) == g->f_subscript)
					classes = either(b, node, classes, annotation_classes(b, c, depth + 1));
		}
		else if (is_kind(b, params, g->type_parameter))
			for (int32 c = first_named(x, params); c != TSN_NONE; c = next_named(x, c))
				classes = either(b, node, classes, annotation_classes(b, c, depth + 1));
	}
	return classes;
}

int32
sb_annotation_classes(Builder *b, int32 node)
{
	return annotation_classes(b, node, 0);
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
		int32		annot = TSN_NONE;
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
			annot = child_by_field(x, c, g->f_type);
		}
		else if (k == g->typed_parameter)
		{
			int32		inner = first_named(x, c);

			annot = child_by_field(x, c, g->f_type);

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
			(void) sb_expr(b, dflt);
			continue;
		}
		found[nfound].name = sb_intern_node(b, name);
		found[nfound].kind = kind;
		found[nfound].dflt = dflt == TSN_NONE ? -1 : sb_expr(b, dflt);
		found[nfound].annot = kind == SP_VARARGS || kind == SP_VARKW ? -1 : annotation_classes(b, annot, 0);
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
void
sb_def_statement(Builder *b, int32 node, int32 outer)
{
	Extract    *x = b->x;
	const CstGrammar *g = x->f.g;
	int32		s = x->created[node];
	uint16		k = SYMBOL(x, node);
	int32		enclosing = sb_scope_of(b, node);
	int32		deco_nodes[32];
	int32		decos[32];
	int32		ndecos = 0;
	int32		bases[32];
	int32		nbases = 0;
	int32		value;
	int32		col;

	if (s < 0)
	{
		sb_children(b, node);
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
				decos[ndecos] = sb_expr(b, deco_nodes[ndecos]);
				ndecos++;
			}
	if (k == g->class_definition)
	{
		int32		supers = child_by_field(x, node, g->f_superclasses);

		if (supers != TSN_NONE)
			for (int32 c = first_named(x, supers); c != TSN_NONE; c = next_named(x, c))
			{
				if (is_kind(b, c, g->keyword_argument))
				{
					int32		keyword = child_by_field(x, c, g->f_name);
					int32		value = sb_expr(b, c);

					if (sb_last_name_is(b, keyword, "metaclass"))
						b->s.scopes[s].metaclass = value;
				}
				else if (is_kind(b, c, g->list_splat) || is_kind(b, c, g->dictionary_splat) ||
						 nbases == (int32) lengthof(bases))
					(void) sb_expr(b, c);
				else
					bases[nbases++] = sb_spanned(b, sb_expr(b, c), c);
			}
	}
	else
	{
		parameters(b, child_by_field(x, node, g->f_parameters), s);
		if (k != g->lambda)
			b->s.scopes[s].returns_annot = annotation_classes(b, child_by_field(x, node, g->f_return_type), 0);
	}
	b->s.scopes[s].first_deco = b->s.nelems;
	b->s.scopes[s].ndecos = ndecos;
	for (int32 i = 0; i < ndecos; i++)
		sb_push_elem(b, decos[i]);
	b->s.scopes[s].first_base = b->s.nelems;
	b->s.scopes[s].nbases = nbases;
	for (int32 i = 0; i < nbases; i++)
		sb_push_elem(b, bases[i]);
	if (k == g->lambda)
		return;

	sb_block(b, child_by_field(x, node, g->f_body));

	/* The name is bound to what the decorators make of the object, innermost first. */
	value = sb_new_expr(b, k == g->class_definition ? SO_CLASS : SO_FUNC, node, s, -1, 0, false);
	for (int32 i = ndecos - 1; i >= 0; i--)
	{
		value = sb_new_expr(b, SO_DECORATE, deco_nodes[i] != TSN_NONE ? deco_nodes[i] : node,
						 decos[i], value, 0, true);
		b->s.exprs[value].scope = enclosing;
	}
	if (b->s.scopes[s].name >= 0)
	{
		const char *name = b->s.strings[b->s.scopes[s].name];
		int32		target = cst_store_scope(&x->f.st, enclosing, name, strlen(name));

		sb_new_effect(b, SE_STORE_NAME, enclosing, target, b->s.scopes[s].name, value, -1);
	}
	if (k == g->class_definition)
		sb_new_effect(b, SE_CLASS_BODY, enclosing, s, -1, -1, outer);
}
