/*
 * cst_walk.h: the CST extractor's view of the grammar and of one file being
 * extracted, shared by the walk (cst_extract.c) and the per-file facts
 * (cst_manifest.c).
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
				case_pattern, splat_pattern, keyword_pattern, class_pattern, type, subscript, as_pattern,
				kw_async, error;
	uint16		f_name, f_body, f_parameters, f_return_type, f_value, f_type, f_left,
				f_right, f_function, f_arguments, f_attribute, f_object, f_alias,
				f_module_name, f_definition;
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

/* cst_manifest.c */
extern Datum cst_manifest(const CstFile *f, CpgArray *future_imports);
extern void cst_parse_errors(const CstFile *f, CpgArray *errors);

#endif
