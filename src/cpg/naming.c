/*
 * naming.c: module names and relative imports (naming.h).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "cpg/naming.h"
#include "executor/spi.h"
#include "utils/builtins.h"

/* A dotted name of identifiers (ASCII or not: Python allows Unicode identifiers). */
bool
cpg_is_dotted_name(const char *name)
{
	bool		start = true;

	if (name[0] == '\0')
		return false;
	for (const unsigned char *p = (const unsigned char *) name; *p; p++)
	{
		if (*p == '.')
		{
			if (start)
				return false;
			start = true;
			continue;
		}
		if (!(isalpha(*p) || *p == '_' || *p >= 0x80 || (!start && isdigit(*p))))
			return false;
		start = false;
	}
	return !start;
}

/*
 * The repository's naming settings. A parallel client run extracts under a staging
 * name (a control character, "staging:" and the run id): its settings are the run's
 * (it may be changing them). A repository never recorded is named with its root on
 * sys.path.
 */
void
cpg_naming_of_repo(const char *repo, CpgNaming *naming)
{
	const char *recorded_as = repo;
	const char *package = NULL;
	const char *source_root = NULL;
	int			rc;

	naming->root_package = "";
	naming->source_root = "";
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/*
	 * Two statements, each addressing one table: on Citus the repositories are
	 * distributed and the run records a reference table, and a join of the two would be
	 * a multi-shard statement inside the index run.
	 */
	if (strncmp(repo, "\001staging:", 9) == 0)
	{
		rc = SPI_execute_with_args("SELECT i.repo, i.options ->> 'package', i.options ->> 'source_root' "
								   "FROM codecpg.index_runs i WHERE i.run_id = $1",
								   1, (Oid[]) {INT8OID}, (Datum[]) {Int64GetDatum(strtoll(repo + 9, NULL, 10))},
								   NULL, false, 1);
		if (rc != SPI_OK_SELECT)
			elog(ERROR, "reading the run of staging repository \"%s\" failed", repo + 1);
		if (SPI_processed == 1)
		{
			recorded_as = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
			package = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
			source_root = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 3);
		}
	}
	rc = SPI_execute_with_args("SELECT r.root_package, r.source_root FROM codecpg.repositories r WHERE r.repo = $1",
							   1, (Oid[]) {TEXTOID}, (Datum[]) {CStringGetTextDatum(recorded_as)}, NULL, false, 1);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "reading the naming settings of repository \"%s\" failed", recorded_as);
	if (SPI_processed == 1)
	{
		if (package == NULL)
			package = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
		if (source_root == NULL)
			source_root = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
	}
	if (package != NULL)
	{
		naming->root_package = SPI_palloc(strlen(package) + 1);
		strcpy((char *) naming->root_package, package);
	}
	if (source_root != NULL)
	{
		naming->source_root = SPI_palloc(strlen(source_root) + 1);
		strcpy((char *) naming->source_root, source_root);
	}
	SPI_finish();
}

/*
 * The module a repository path defines: pkg/sub/mod.py is pkg.sub.mod, pkg/__init__.py
 * is the package pkg (is_package). Files under the source root are named relative to
 * it; every other file relative to the root, behind the root's own package name.
 */
char *
cpg_module_name(const CpgNaming *naming, const char *path, bool *is_package)
{
	size_t		src_len = strlen(naming->source_root);
	const char *rel = path;
	bool		under_source_root = false;
	char	   *m;
	int			len;
	char	   *last;
	StringInfoData out;

	if (src_len > 0 && strncmp(path, naming->source_root, src_len) == 0 && path[src_len] == '/')
	{
		rel = path + src_len + 1;
		under_source_root = true;
	}
	m = pstrdup(rel);
	len = strlen(m);
	if (len > 3 && strcmp(m + len - 3, ".py") == 0)
		m[len - 3] = '\0';
	else if (len > 4 && strcmp(m + len - 4, ".pyi") == 0)
		m[len - 4] = '\0';
	for (char *p = m; *p; p++)
		if (*p == '/')
			*p = '.';
	last = strrchr(m, '.');
	*is_package = strcmp(last ? last + 1 : m, "__init__") == 0;
	if (*is_package)
	{
		if (last)
			*last = '\0';
		else
			m[0] = '\0';
	}
	if (under_source_root || naming->root_package[0] == '\0')
		return m;
	initStringInfo(&out);
	appendStringInfoString(&out, naming->root_package);
	if (m[0] != '\0')
		appendStringInfo(&out, ".%s", m);
	return out.data;
}

/* The package a module's relative imports start from: itself for a package, else its parent. */
char *
cpg_package_name(const char *module, bool is_package)
{
	const char *last;

	if (is_package)
		return pstrdup(module);
	last = strrchr(module, '.');
	return last ? pnstrdup(module, last - module) : pstrdup("");
}

/*
 * The absolute module `from <level dots><module> import ...` names in a module of
 * `package`: level 1 is the package itself, each further dot its parent. NULL when the
 * dots climb above the top-level package (Python raises ImportError).
 */
char *
cpg_import_base(const char *package, int level, const char *module)
{
	char	   *base;

	if (level == 0)
		return pstrdup(module);
	base = pstrdup(package);
	for (int i = 1; i < level; i++)
	{
		char	   *dot = strrchr(base, '.');

		if (dot != NULL)
			*dot = '\0';
		else if (base[0] != '\0')
			base[0] = '\0';
		else
			return NULL;
	}
	if (base[0] == '\0')
		return NULL;
	return module[0] ? psprintf("%s.%s", base, module) : base;
}
