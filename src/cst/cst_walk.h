/*
 * cst_walk.h: the CST extractor's view of the grammar and of one file being
 * extracted, shared by the walk (cst_extract.c), calls and annotations
 * (cst_calls.c) and the per-file facts (cst_manifest.c).
 */
#ifndef CODECPG_CST_WALK_H
#define CODECPG_CST_WALK_H

#include "common/arrays.h"
#include "common/span.h"
#include "utils/builtins.h"
#include "cst/cst.h"

/* Grammar symbols and fields the extractor looks at, resolved by name once. */
typedef struct CstGrammar
{
	uint16		module, function_definition, class_definition, decorated_definition,
				decorator, lambda, lambda_parameters, parameters, typed_parameter,
				default_parameter, typed_default_parameter, list_splat_pattern,
				dictionary_splat_pattern, identifier, attribute, call, argument_list,
				keyword_argument, list_splat, dictionary_splat, generator_expression,
				list_comprehension, set_comprehension, dictionary_comprehension,
				for_in_clause, import_statement, import_from_statement,
				future_import_statement, aliased_import, dotted_name, relative_import,
				import_prefix, wildcard_import, assignment, augmented_assignment,
				for_statement, named_expression, as_pattern_target, except_clause,
				delete_statement, global_statement, nonlocal_statement, pattern_list,
				tuple_pattern, list_pattern, tuple, list, parenthesized_expression,
				expression_list, expression_statement, string, concatenated_string, block,
				case_pattern, splat_pattern, keyword_pattern, class_pattern, type, generic_type,
				type_parameter, subscript, as_pattern,
				binary_operator, unary_operator, comparison_operator, boolean_operator, not_operator,
				conditional_expression, await, yield, return_statement, if_statement, elif_clause,
				else_clause, while_statement, try_statement, finally_clause, except_group_clause,
				with_statement, with_clause, with_item, raise_statement, assert_statement,
				match_statement, case_clause, if_clause, integer, float_literal, true_literal,
				false_literal, none,
				dictionary, pair, set, interpolation, type_conversion, positional_separator,
				keyword_separator, parenthesized_list_splat, slice,
				kw_async, kw_from, error;
	uint16		f_name, f_body, f_parameters, f_return_type, f_value, f_type, f_left,
				f_right, f_function, f_arguments, f_attribute, f_object, f_alias,
				f_module_name, f_definition, f_operator, f_condition, f_consequence,
				f_alternative, f_key, f_subject, f_expression, f_argument, f_subscript,
				f_superclasses, f_cause, f_type_conversion, f_operators,
				f_format_specifier;
} CstGrammar;

extern const CstGrammar *cst_grammar(void);

/* One file being extracted. */
typedef struct CstFile
{
	CstState	st;
	const CstGrammar *g;
	const TsTree *tree;
	const TsNode *nodes;
	const char *src;
	CpgLineIndex lines;
} CstFile;

static inline Datum
cst_text(const CstFile *f, int32 node)
{
	const TsNode *n = &f->nodes[node];

	return PointerGetDatum(cstring_to_text_with_len(f->src + n->bstart, n->bend - n->bstart));
}

/* A node's text where nesting repeats it (an argument, an attribute chain): capped. */
static inline Datum
cst_derived_text(const CstFile *f, int32 node)
{
	const TsNode *n = &f->nodes[node];

	return cst_cap_text(f->st.cap, f->src + n->bstart, n->bend - n->bstart);
}

typedef enum RefCtx
{
	CTX_SKIP,
	CTX_LOAD,
	CTX_STORE,
	CTX_DEL,
	CTX_PARAM,					/* STORE of a parameter name */
	CTX_DEFNAME,				/* STORE of a def's name: bound by the def itself */
} RefCtx;

typedef struct PendingRef
{
	int32		node;
	int32		scope;
	uint8		ctx;
} PendingRef;

typedef struct PendingCall
{
	int32		node;
	int32		arg_count;
} PendingCall;

typedef struct DefInfo
{
	const char *kind;
	int32		bstart;
	int32		bend;
} DefInfo;

typedef struct Extract
{
	CstFile		f;
	int32	   *created;		/* per node: the scope it opens, or -1 */
	PendingRef *refs;
	int32		nrefs;
	int32		refs_capacity;
	PendingCall *calls;			/* in call_id order */
	int32		ncalls;
	int32		calls_capacity;
	DefInfo    *defs;
	int32		ndefs;
	int32		defs_capacity;
	Datum	   *kind_cache;		/* kind text per symbol */
	CpgArray	a_defs,
				a_imports,
				a_type_exprs,
				a_docstrings,
				a_decorators,
				a_call_args,
				a_refs,
				a_callsites,
				a_errors,
				future;
} Extract;

#define SYMBOL(x, i) ((x)->f.nodes[i].symbol)
#define PARENT(x, i) ((x)->f.nodes[i].parent)
#define FIELD(x, i) ((x)->f.nodes[i].field)

/* The child filling a field. */
static inline int32
child_by_field(const Extract *x, int32 node, uint16 field)
{
	for (int32 c = x->f.nodes[node].first_child; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
		if (x->f.nodes[c].field == field)
			return c;
	return TSN_NONE;
}

/* The first named child that is not an extra (a comment). */
static inline int32
first_named(const Extract *x, int32 node)
{
	for (int32 c = x->f.nodes[node].first_child; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
		if ((x->f.nodes[c].flags & (TSN_NAMED | TSN_EXTRA)) == TSN_NAMED)
			return c;
	return TSN_NONE;
}

static inline int32
child_of_kind(const Extract *x, int32 node, uint16 symbol)
{
	for (int32 c = x->f.nodes[node].first_child; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
		if (x->f.nodes[c].symbol == symbol)
			return c;
	return TSN_NONE;
}

static inline const char *
node_src(const Extract *x, int32 node)
{
	return x->f.src + x->f.nodes[node].bstart;
}

static inline int32
node_len(const Extract *x, int32 node)
{
	return x->f.nodes[node].bend - x->f.nodes[node].bstart;
}

/* cst_extract.c */
extern int32 cst_owning_def(const Extract *x, int32 scope);

/* One name of an import statement: `a.b as c`, `a.b`, or the `*` of a star import. */
typedef struct CstImportName
{
	int32		node;			/* the aliased_import, dotted_name or wildcard_import */
	const char *dotted;			/* "a.b"; NULL for a star */
	int32		alias;			/* the as-name's node, or TSN_NONE */
} CstImportName;

/* An import statement as written; `module` and `level` are those of a from-import. */
typedef struct CstImport
{
	bool		from;			/* from ... import (a __future__ import too) */
	const char *module;			/* dotted, without the dots; NULL for `from . import x` */
	int			level;			/* leading dots */
	CstImportName *names;
	int32		nnames;
} CstImport;

/* cst_calls.c */
extern char *cst_dotted_text(const Extract *x, int32 node);
extern void cst_read_import(const Extract *x, int32 stmt, CstImport *out);
extern void cst_visit_type(Extract *x, int32 t);
extern int32 cst_visit_call_args(Extract *x, int32 call, int32 call_id);
extern void cst_emit_callsite(Extract *x, int32 call, int32 call_id, int32 arg_count);

/* cst_manifest.c */
extern Datum cst_manifest(const CstFile *f, CpgArray *future_imports);
extern void cst_parse_errors(const CstFile *f, CpgArray *errors);

#endif
