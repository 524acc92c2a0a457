/*
 * cst_srf.c: the set-returning functions over a libcst_files_v1 row.
 */
#include "postgres.h"

#include "common/rowtype.h"
#include "common/srf.h"
#include "common/srf_unnest.h"

#define CST_UNNEST(fn, list, elem) \
PG_FUNCTION_INFO_V1(fn); \
Datum \
fn(PG_FUNCTION_ARGS) \
{ \
	return cpg_srf_unnest(fcinfo, CPG_T_libcst_file, libcst_file__##list, CPG_T_##elem); \
}

CST_UNNEST(cpg_cst_parse_errors, parse_errors, cst_parse_error)
CST_UNNEST(cpg_cst_refs, refs, cst_ref)
CST_UNNEST(cpg_cst_imports, imports, cst_import)
CST_UNNEST(cpg_cst_callsites, callsites, cst_callsite)
CST_UNNEST(cpg_cst_defs, defs, cst_def)
CST_UNNEST(cpg_cst_type_exprs, type_exprs, cst_type_expr)
CST_UNNEST(cpg_cst_docstrings, docstrings, cst_docstring)
CST_UNNEST(cpg_cst_decorators, decorators, cst_decorator)
CST_UNNEST(cpg_cst_call_args, call_args, cst_call_arg)

/* The manifest is one composite per file: one row, the seed's one-element list. */
PG_FUNCTION_INFO_V1(cpg_cst_parse_manifest);
Datum
cpg_cst_parse_manifest(PG_FUNCTION_ARGS)
{
	CpgRoot		root;
	CpgSrf		srf;
	Datum		row[CPG_ROOT_IDENTITY_NATTS + cst_parse_manifest__NATTS];
	bool		rnl[CPG_ROOT_IDENTITY_NATTS + cst_parse_manifest__NATTS];
	Datum		mv[cst_parse_manifest__NATTS];
	bool		mnl[cst_parse_manifest__NATTS];

	cpg_root_read(fcinfo, 0, CPG_T_libcst_file, &root);
	cpg_srf_begin_natts(fcinfo, &srf, CPG_ROOT_IDENTITY_NATTS + cst_parse_manifest__NATTS);
	if (root.nulls[libcst_file__parse_manifest])
		return (Datum) 0;
	cpg_deform_composite(cpg_tupdesc(CPG_T_cst_parse_manifest),
						 root.values[libcst_file__parse_manifest], mv, mnl);
	for (int a = 0; a < CPG_ROOT_IDENTITY_NATTS; a++)
	{
		row[a] = root.values[a];
		rnl[a] = root.nulls[a];
	}
	for (int a = 0; a < cst_parse_manifest__NATTS; a++)
	{
		row[CPG_ROOT_IDENTITY_NATTS + a] = mv[a];
		rnl[CPG_ROOT_IDENTITY_NATTS + a] = mnl[a];
	}
	cpg_srf_put(&srf, row, rnl);
	return (Datum) 0;
}
