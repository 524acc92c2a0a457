/*
 * catalog.c: the library's declarations and versions as rows, for the catalog checks
 * written in SQL (sql/parts/90_catalog.sql) and for users.
 */
#include "postgres.h"

#include <tree_sitter/api.h>

#include "common/srf.h"
#include "python/pyembed.h"
#include "schema/schema.h"
#include "utils/builtins.h"

extern const TSLanguage *tree_sitter_python(void);

/* jansson.h cannot share a file with utils/builtins.h (json_object clashes). */
extern const char *jansson_version_str(void);

static Datum
text_or_null(const char *value, bool *isnull)
{
	*isnull = (value == NULL);
	return value ? CStringGetTextDatum(value) : (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_declared_attributes);
Datum
cpg_declared_attributes(PG_FUNCTION_ARGS)
{
	CpgSrf		srf;

	cpg_srf_begin(fcinfo, &srf);
	for (int t = 0; t < CPG_T__COUNT; t++)
	{
		const CpgTypeDecl *decl = &cpg_type_decls[t];

		for (int a = 0; a < decl->natts; a++)
		{
			Datum		values[4] = {
				CStringGetTextDatum(decl->name),
				Int32GetDatum(a + 1),
				CStringGetTextDatum(decl->attrs[a].name),
				CStringGetTextDatum(decl->attrs[a].sqltype),
			};
			bool		nulls[4] = {false};

			cpg_srf_put(&srf, values, nulls);
		}
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_declared_tables);
Datum
cpg_declared_tables(PG_FUNCTION_ARGS)
{
	CpgSrf		srf;

	cpg_srf_begin(fcinfo, &srf);
	for (int i = 0; i < cpg_ntable_decls; i++)
	{
		const CpgTableDecl *decl = &cpg_table_decls[i];
		Datum		values[4] = {
			CStringGetTextDatum(decl->name),
			CStringGetTextDatum(cpg_type_decls[decl->rowtype].name),
			CStringGetTextDatum(decl->primary_key),
			BoolGetDatum(decl->references_files),
		};
		bool		nulls[4] = {false};

		cpg_srf_put(&srf, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_declared_functions);
Datum
cpg_declared_functions(PG_FUNCTION_ARGS)
{
	CpgSrf		srf;

	cpg_srf_begin(fcinfo, &srf);
	for (int i = 0; i < cpg_nfunc_decls; i++)
	{
		Datum		values[2] = {
			CStringGetTextDatum(cpg_func_decls[i].name),
			CStringGetTextDatum(cpg_func_decls[i].argtypes),
		};
		bool		nulls[2] = {false};

		cpg_srf_put(&srf, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_library_versions);
Datum
cpg_library_versions(PG_FUNCTION_ARGS)
{
	CpgSrf		srf;
	const TSLanguage *python = tree_sitter_python();
	const struct
	{
		const char *component;
		const char *version;
		const char *detail;
	}			rows[] = {
		{"codecpg library", CODECPG_VERSION, "version of the loaded shared library"},
		{"cpython runtime", cpg_py_version(), "libpython linked into the backend (ast, symtable, compile)"},
		{"cpython headers", PY_VERSION, "Python headers the library was built against"},
		{"tree-sitter runtime", CODECPG_TS_RUNTIME_VERSION,
		"C runtime of the npm package tree-sitter (vendor/tree-sitter/lib), compiled into the library"},
		{"tree-sitter language ABI", psprintf("%d..%d", TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION, TREE_SITTER_LANGUAGE_VERSION),
		"language ABI versions the linked tree-sitter runtime accepts"},
		{"tree-sitter-python grammar", CODECPG_GRAMMAR_VERSION,
		psprintf("npm tree-sitter-python, language ABI %u, %u node kinds",
				 ts_language_abi_version(python), ts_language_symbol_count(python))},
		{"jansson", jansson_version_str(), "JSON reader for SCIP JSON"},
	};

	cpg_srf_begin(fcinfo, &srf);
	for (int i = 0; i < (int) lengthof(rows); i++)
	{
		Datum		values[3];
		bool		nulls[3];

		values[0] = text_or_null(rows[i].component, &nulls[0]);
		values[1] = text_or_null(rows[i].version, &nulls[1]);
		values[2] = text_or_null(rows[i].detail, &nulls[2]);
		cpg_srf_put(&srf, values, nulls);
	}
	return (Datum) 0;
}
