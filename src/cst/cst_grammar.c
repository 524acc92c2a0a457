/*
 * cst_grammar.c: the grammar symbols and fields the CST extractor looks at, resolved
 * by name once per backend (a grammar that lacks one is an error, not a silent miss).
 */
#include "postgres.h"

#include "cst/cst_walk.h"

const CstGrammar *
cst_grammar(void)
{
	static CstGrammar g;
	static bool ready = false;

	if (!ready)
	{
#define SYM(x) g.x = cpg_ts_symbol(#x, true)
		SYM(module);
		SYM(function_definition);
		SYM(class_definition);
		SYM(decorated_definition);
		SYM(decorator);
		SYM(lambda);
		SYM(lambda_parameters);
		SYM(parameters);
		SYM(typed_parameter);
		SYM(default_parameter);
		SYM(typed_default_parameter);
		SYM(list_splat_pattern);
		SYM(dictionary_splat_pattern);
		SYM(identifier);
		SYM(attribute);
		SYM(call);
		SYM(argument_list);
		SYM(keyword_argument);
		SYM(list_splat);
		SYM(dictionary_splat);
		SYM(generator_expression);
		SYM(list_comprehension);
		SYM(set_comprehension);
		SYM(dictionary_comprehension);
		SYM(for_in_clause);
		SYM(import_statement);
		SYM(import_from_statement);
		SYM(future_import_statement);
		SYM(aliased_import);
		SYM(dotted_name);
		SYM(relative_import);
		SYM(import_prefix);
		SYM(wildcard_import);
		SYM(assignment);
		SYM(augmented_assignment);
		SYM(for_statement);
		SYM(named_expression);
		SYM(as_pattern_target);
		SYM(except_clause);
		SYM(delete_statement);
		SYM(global_statement);
		SYM(nonlocal_statement);
		SYM(pattern_list);
		SYM(tuple_pattern);
		SYM(list_pattern);
		SYM(tuple);
		SYM(list);
		SYM(parenthesized_expression);
		SYM(expression_list);
		SYM(expression_statement);
		SYM(string);
		SYM(concatenated_string);
		SYM(block);
		SYM(case_pattern);
		SYM(splat_pattern);
		SYM(keyword_pattern);
		SYM(class_pattern);
		SYM(type);
		SYM(generic_type);
		SYM(type_parameter);
		SYM(subscript);
		SYM(as_pattern);
		SYM(binary_operator);
		SYM(unary_operator);
		SYM(comparison_operator);
		SYM(boolean_operator);
		SYM(not_operator);
		SYM(conditional_expression);
		SYM(await);
		SYM(yield);
		SYM(return_statement);
		SYM(if_statement);
		SYM(elif_clause);
		SYM(else_clause);
		SYM(while_statement);
		SYM(try_statement);
		SYM(finally_clause);
		SYM(except_group_clause);
		SYM(with_statement);
		SYM(with_clause);
		SYM(with_item);
		SYM(raise_statement);
		SYM(assert_statement);
		SYM(match_statement);
		SYM(case_clause);
		SYM(if_clause);
		SYM(integer);
		g.float_literal = cpg_ts_symbol("float", true);
		g.true_literal = cpg_ts_symbol("true", true);
		g.false_literal = cpg_ts_symbol("false", true);
		SYM(none);
		SYM(dictionary);
		SYM(pair);
		SYM(set);
		SYM(interpolation);
		SYM(type_conversion);
		SYM(positional_separator);
		SYM(keyword_separator);
		SYM(parenthesized_list_splat);
		SYM(slice);
#undef SYM
		g.kw_async = cpg_ts_symbol("async", false);
		g.kw_from = cpg_ts_symbol("from", false);
		g.error = (uint16) ((TSSymbol) -1);
#define FLD(x) g.f_##x = cpg_ts_field(#x)
		FLD(name);
		FLD(body);
		FLD(parameters);
		FLD(return_type);
		FLD(value);
		FLD(type);
		FLD(left);
		FLD(right);
		FLD(function);
		FLD(arguments);
		FLD(attribute);
		FLD(object);
		FLD(alias);
		FLD(module_name);
		FLD(definition);
		FLD(operator);
		FLD(condition);
		FLD(consequence);
		FLD(alternative);
		FLD(key);
		FLD(subject);
		FLD(expression);
		FLD(argument);
		FLD(subscript);
		FLD(superclasses);
		FLD(cause);
		FLD(type_conversion);
		FLD(operators);
		FLD(format_specifier);
#undef FLD
		ready = true;
	}
	return &g;
}
