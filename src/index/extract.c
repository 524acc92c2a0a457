/*
 * extract.c: the extraction domains of an index run and running them over files.
 *
 * A domain is {name, root table, extractor}. An extractor is
 * codecpg.<x>_extract(repo, path, source [, file_sha256]) returning its root table's
 * row type; a run executes every domain whose extractor is installed, so new
 * extractors take part as soon as their functions exist. The fourth argument, when the
 * extractor takes it, passes the stored hash of the raw bytes (the extractor would
 * otherwise hash the UTF-8 text).
 *
 * Extraction runs in subtransactions (see extract_guarded): an extractor that raises an
 * error on one file costs that file's facts of that domain and an error row, not the
 * run. Cancellation is never swallowed.
 */
#include "postgres.h"

#include "access/table.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "common/rowtype.h"
#include "cpg/naming.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "index/index.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "parser/parse_func.h"
#include "portability/instr_time.h"
#include "schema/schema.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/resowner.h"

PG_FUNCTION_INFO_V1(cpg_index_domains);
PG_FUNCTION_INFO_V1(cpg_index_extract);
PG_FUNCTION_INFO_V1(cpg_index_publish);

typedef struct CpgDomain
{
	const char *name;
	const char *table;
	const char *extractor;
} CpgDomain;

static const CpgDomain cpg_domains[] = {
	{"tree_sitter", "tree_sitter_files_v1", "ts_extract"},
	{"libcst", "libcst_files_v1", "cst_extract"},
	{"ast", "ast_files_v1", "ast_extract"},
	{"symtable", "symtable_files_v1", "symtable_extract"},
	{"bytecode", "bytecode_files_v1", "bytecode_extract"},
	{"dataflow", "dataflow_files_v1", "dataflow_extract"},
};

#define CPG_NDOMAINS lengthof(cpg_domains)

const char *
cpg_domain_table(int i)
{
	return i >= 0 && i < (int) CPG_NDOMAINS ? cpg_domains[i].table : NULL;
}

typedef struct CpgDomainState
{
	const CpgDomain *domain;
	Oid			extractor;		/* InvalidOid: not installed */
	bool		passes_sha256;
	bool		takes_naming;	/* (repo, path, source, sha256, root_package, source_root) */
	SPIPlanPtr	plan;
	int64		rows;
	int64		files;
	int64		errors;
	double		ms;
} CpgDomainState;

static Oid
find_extractor(const CpgDomain *d, bool *passes_sha256, bool *takes_naming)
{
	Oid			args[6] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID};
	List	   *name = list_make2(makeString(CPG_SCHEMA), makeString((char *) d->extractor));
	Oid			fn;

	*passes_sha256 = *takes_naming = false;
	if (get_namespace_oid(CPG_SCHEMA, true) == InvalidOid)
		return InvalidOid;
	if (OidIsValid(fn = LookupFuncName(name, 6, args, true)))
		*passes_sha256 = *takes_naming = true;
	else if (OidIsValid(fn = LookupFuncName(name, 4, args, true)))
		*passes_sha256 = true;
	else
		fn = LookupFuncName(name, 3, args, true);
	return fn;
}

static void
domains_resolve(CpgDomainState *st)
{
	for (size_t i = 0; i < CPG_NDOMAINS; i++)
	{
		memset(&st[i], 0, sizeof(st[i]));
		st[i].domain = &cpg_domains[i];
		st[i].extractor = find_extractor(&cpg_domains[i], &st[i].passes_sha256, &st[i].takes_naming);
	}
}

Datum
cpg_index_domains(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	CpgDomainState st[CPG_NDOMAINS];

	InitMaterializedSRF(fcinfo, 0);
	domains_resolve(st);
	for (size_t i = 0; i < CPG_NDOMAINS; i++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};
		char	   *qualified = psprintf("%s.%s", CPG_SCHEMA, st[i].domain->table);
		Oid			rel;

		if (!OidIsValid(st[i].extractor))
			continue;
		rel = DatumGetObjectId(DirectFunctionCall1(to_regclass, CStringGetTextDatum(qualified)));
		if (!OidIsValid(rel))
			continue;
		values[0] = CStringGetTextDatum(st[i].domain->name);
		values[1] = ObjectIdGetDatum(rel);
		values[2] = ObjectIdGetDatum(st[i].extractor);
		values[3] = BoolGetDatum(st[i].passes_sha256);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* The extractor's schema-qualified name, quoted for a call. */
static char *
call_name(Oid fn)
{
	return quote_qualified_identifier(get_namespace_name(get_func_namespace(fn)), get_func_name(fn));
}

/*
 * An INSERT ... SELECT into a root table, column by column: repo from repo_expr, file_id
 * from file_id_expr (NULL: as selected), every other column from alias.column. Naming
 * the columns lets the statements set the repository from an expression Citus can
 * follow: a table distributed by repo is filled by an INSERT ... SELECT on the worker
 * only when the repo inserted is visibly the repo of the rows read there.
 */
static char *
insert_select_sql(Oid rel, const char *alias, const char *repo_expr, const char *file_id_expr,
				  const char *from_where)
{
	Relation	r = table_open(rel, AccessShareLock);
	TupleDesc	desc = RelationGetDescr(r);
	char	   *qualified = quote_qualified_identifier(get_namespace_name(RelationGetNamespace(r)),
													   RelationGetRelationName(r));
	StringInfoData cols;
	StringInfoData exprs;

	initStringInfo(&cols);
	initStringInfo(&exprs);
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);
		const char *name = NameStr(att->attname);
		const char *sep = cols.len ? ", " : "";

		if (att->attisdropped)
			continue;
		appendStringInfo(&cols, "%s%s", sep, quote_identifier(name));
		if (strcmp(name, "repo") == 0)
			appendStringInfo(&exprs, "%s%s", sep, repo_expr);
		else if (strcmp(name, "file_id") == 0 && file_id_expr)
			appendStringInfo(&exprs, "%s%s", sep, file_id_expr);
		else
			appendStringInfo(&exprs, "%s%s.%s", sep, alias, quote_identifier(name));
	}
	table_close(r, AccessShareLock);
	return psprintf("INSERT INTO %s (%s) SELECT %s %s", qualified, cols.data, exprs.data, from_where);
}

static SPIPlanPtr
prepare_domain(const CpgDomainState *st)
{
	Oid			types[4] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID};
	Oid			rel = DatumGetObjectId(DirectFunctionCall1(to_regclass,
														   CStringGetTextDatum(psprintf("%s.%s", CPG_SCHEMA, st->domain->table))));
	char	   *sql;
	SPIPlanPtr	plan;

	/*
	 * The extractor is called in FROM: "(f(...)).*" in a target list would call it
	 * once per column. Its rows take the snapshot's repo, which on Citus keeps the
	 * whole statement, extraction included, on the worker of the repository.
	 */
	sql = insert_select_sql(rel, "x", "f.repo", NULL,
							psprintf("FROM %s.repo_files_v1 f CROSS JOIN LATERAL %s(f.repo, f.path, f.source%s%s) x "
									 "WHERE f.repo = $1 AND f.file_id = $2 AND f.source IS NOT NULL",
									 CPG_SCHEMA, call_name(st->extractor),
									 st->passes_sha256 ? ", f.file_sha256" : "",
									 st->takes_naming ? ", $3, $4" : ""));
	plan = SPI_prepare(sql, st->takes_naming ? 4 : 2, types);
	if (plan == NULL)
		elog(ERROR, "preparing the %s extraction failed: %s", st->domain->name,
			 SPI_result_code_string(SPI_result));
	return plan;
}

/*
 * Is this error about the run rather than the file? Such an error fails the run, which
 * the caller may retry, instead of becoming a permanent per-file error row that a later
 * run would not revisit (the file's hash is unchanged): deadlocks, serialization
 * failures and other transaction rollbacks (class 40), lock waits given up (55P03) and
 * objects in use (55006), PostgreSQL running out of memory, disk or connections (53),
 * cancel, termination and shutdown (57), system and I/O errors (58), lost connections
 * (08). CPython's own MemoryError on a deeply nested file is not among them: it is an
 * error row of the extractor.
 */
static bool
error_fails_run(int sqlerrcode)
{
	switch (ERRCODE_TO_CATEGORY(sqlerrcode))
	{
		case ERRCODE_TRANSACTION_ROLLBACK:
		case ERRCODE_INSUFFICIENT_RESOURCES:
		case ERRCODE_OPERATOR_INTERVENTION:
		case ERRCODE_SYSTEM_ERROR:
		case ERRCODE_CONNECTION_EXCEPTION:
			return true;
		default:
			return sqlerrcode == ERRCODE_LOCK_NOT_AVAILABLE || sqlerrcode == ERRCODE_OBJECT_IN_USE;
	}
}

/*
 * Extracts files of one domain in one subtransaction. After an error the caller retries
 * the files one by one, so that only the failing file loses its facts of the domain (and
 * gets an error row); a batch per domain keeps a run from assigning a subtransaction id
 * per file. Errors that are not about a file (error_fails_run) are re-thrown, never
 * swallowed.
 */
static bool
extract_guarded(CpgDomainState *st, int64 run_id, const char *repo, const char *error_repo,
				const CpgNaming *naming, Datum *file_ids, int n, MemoryContext per_file)
{
	MemoryContext cxt = CurrentMemoryContext;
	ResourceOwner owner = CurrentResourceOwner;
	volatile int64 rows = 0;
	volatile bool ok = true;

	BeginInternalSubTransaction(NULL);
	MemoryContextSwitchTo(cxt);
	PG_TRY();
	{
		for (int i = 0; i < n; i++)
		{
			Datum		args[4];
			int			rc;

			CHECK_FOR_INTERRUPTS();
			MemoryContextSwitchTo(per_file);
			args[0] = CStringGetTextDatum(repo);
			args[1] = file_ids[i];
			args[2] = CStringGetTextDatum(naming->root_package);
			args[3] = CStringGetTextDatum(naming->source_root);
			rc = SPI_execute_plan(st->plan, args, NULL, false, 0);
			if (rc != SPI_OK_INSERT)
				elog(ERROR, "%s extraction failed: %s", st->domain->name, SPI_result_code_string(rc));
			rows += SPI_processed;
			MemoryContextSwitchTo(cxt);
			MemoryContextReset(per_file);
		}
		ReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(cxt);
		CurrentResourceOwner = owner;
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		FlushErrorState();
		RollbackAndReleaseCurrentSubTransaction();
		MemoryContextSwitchTo(cxt);
		CurrentResourceOwner = owner;
		if (error_fails_run(edata->sqlerrcode))
			ReThrowError(edata);
		if (n == 1)
		{
			Oid			types[2] = {TEXTOID, TEXTOID};
			Datum		args[2] = {CStringGetTextDatum(repo), file_ids[0]};
			char	   *path;

			if (SPI_execute_with_args("SELECT path FROM codecpg.repo_files_v1 WHERE repo = $1 AND file_id = $2",
									  2, types, args, NULL, false, 1) != SPI_OK_SELECT || SPI_processed != 1)
				elog(ERROR, "file %s of the index run vanished", TextDatumGetCString(file_ids[0]));
			path = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
			SPI_freetuptable(SPI_tuptable);
			cpg_run_error(run_id, error_repo, path, st->domain->name, "extractor_error", edata->message, -1, -1);
			st->errors++;
		}
		FreeErrorData(edata);
		ok = false;
	}
	PG_END_TRY();
	if (ok)
	{
		st->rows += rows;
		st->files += n;
	}
	return ok;
}

static Jsonb *
domains_jsonb(const CpgDomainState *st)
{
	StringInfoData buf;
	bool		first = true;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (size_t i = 0; i < CPG_NDOMAINS; i++)
	{
		if (!OidIsValid(st[i].extractor))
			continue;
		appendStringInfo(&buf, "%s\"%s\": {\"rows\": " INT64_FORMAT ", \"files\": " INT64_FORMAT
						 ", \"errors\": " INT64_FORMAT ", \"ms\": %.1f}",
						 first ? "" : ", ", st[i].domain->name, st[i].rows, st[i].files, st[i].errors, st[i].ms);
		first = false;
	}
	appendStringInfoChar(&buf, '}');
	return DatumGetJsonbP(cpg_jsonb_from_cstring(buf.data));
}

static void collect_errors(int64 run_id, const char *data_repo, const char *error_repo,
						   Datum *file_ids, int nfiles);

Jsonb *
cpg_extract_files(int64 run_id, const char *data_repo, const char *error_repo, Datum *file_ids, int nfiles)
{
	CpgDomainState st[CPG_NDOMAINS];
	MemoryContext per_file = AllocSetContextCreate(CurrentMemoryContext, "codecpg extraction",
												   ALLOCSET_DEFAULT_SIZES);
	Jsonb	   *result;
	CpgNaming	naming;

	/* read here, on the node running the run: extractors may run where no table is read */
	cpg_naming_of_repo(data_repo, &naming);
	domains_resolve(st);
	for (size_t d = 0; d < CPG_NDOMAINS; d++)
		if (OidIsValid(st[d].extractor))
			st[d].plan = prepare_domain(&st[d]);
	for (size_t d = 0; d < CPG_NDOMAINS; d++)
	{
		instr_time	t0,
					t1;

		if (!OidIsValid(st[d].extractor) || nfiles == 0)
			continue;
		INSTR_TIME_SET_CURRENT(t0);
		if (!extract_guarded(&st[d], run_id, data_repo, error_repo, &naming, file_ids, nfiles, per_file))
			for (int i = 0; i < nfiles; i++)
				extract_guarded(&st[d], run_id, data_repo, error_repo, &naming, &file_ids[i], 1, per_file);
		INSTR_TIME_SET_CURRENT(t1);
		INSTR_TIME_SUBTRACT(t1, t0);
		st[d].ms += INSTR_TIME_GET_MILLISEC(t1);
	}
	for (size_t d = 0; d < CPG_NDOMAINS; d++)
		if (st[d].plan)
			SPI_freeplan(st[d].plan);
	MemoryContextDelete(per_file);
	collect_errors(run_id, data_repo, error_repo, file_ids, nfiles);
	result = domains_jsonb(st);
	cpg_run_add_domains(run_id, result);
	return result;
}

/*
 * Extractors report what they could not parse in an errors list of
 * codecpg.extract_error; the run surfaces those as error rows (a SyntaxError and its
 * subclasses as kind syntax).
 */
static void
collect_errors(int64 run_id, const char *data_repo, const char *error_repo, Datum *file_ids, int nfiles)
{
	CpgDomainState st[CPG_NDOMAINS];
	Oid			errtype = DatumGetObjectId(DirectFunctionCall1(to_regtype,
															   CStringGetTextDatum(CPG_SCHEMA ".extract_error[]")));
	ArrayType  *ids = construct_array(file_ids, nfiles, TEXTOID, -1, false, TYPALIGN_INT);
	domains_resolve(st);
	for (size_t d = 0; d < CPG_NDOMAINS; d++)
	{
		char	   *qualified = psprintf("%s.%s", CPG_SCHEMA, st[d].domain->table);
		Oid			rel;
		AttrNumber	att;
		Oid			types[5] = {INT8OID, TEXTOID, TEXTOID, TEXTARRAYOID, TEXTOID};
		Datum		args[5];
		char	   *sql;
		int			rc;

		if (!OidIsValid(st[d].extractor))
			continue;
		rel = DatumGetObjectId(DirectFunctionCall1(to_regclass, CStringGetTextDatum(qualified)));
		if (!OidIsValid(rel))
			continue;
		att = get_attnum(rel, "errors");
		if (att == InvalidAttrNumber || get_atttype(rel, att) != errtype)
			continue;
		sql = psprintf("INSERT INTO codecpg.index_errors (run_id, repo, path, domain, kind, message, line0, col) "
					   "SELECT $1, $2, t.path, $3, "
					   "CASE WHEN e.error_type IN ('SyntaxError', 'IndentationError', 'TabError') "
					   "THEN 'syntax' ELSE 'extractor_error' END, "
					   "pg_catalog.concat_ws(': ', e.error_type, e.message), (e.span).line0, (e.span).col "
					   "FROM %s t CROSS JOIN LATERAL pg_catalog.unnest(t.errors) e "
					   "WHERE t.repo = $5 AND t.file_id = ANY ($4)", qualified);
		args[0] = Int64GetDatum(run_id);
		args[1] = CStringGetTextDatum(error_repo);
		args[2] = CStringGetTextDatum(st[d].domain->name);
		args[3] = PointerGetDatum(ids);
		args[4] = CStringGetTextDatum(data_repo);
		rc = SPI_execute_with_args(sql, 5, types, args, NULL, false, 0);
		if (rc != SPI_OK_INSERT)
			elog(ERROR, "collecting %s errors failed: %s", st[d].domain->name, SPI_result_code_string(rc));
	}
}

static void
file_ids_arg(FunctionCallInfo fcinfo, Datum **ids, int *n)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(1);
	bool	   *nulls;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("file_ids must be a one-dimensional array")));
	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, ids, &nulls, n);
	for (int i = 0; i < *n; i++)
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("file_ids must not contain NULL")));
}

Datum
cpg_index_extract(PG_FUNCTION_ARGS)
{
	int64		run_id = PG_GETARG_INT64(0);
	Datum	   *ids;
	int			n;
	char	   *repo;
	Jsonb	   *result;
	MemoryContext caller = CurrentMemoryContext;

	file_ids_arg(fcinfo, &ids, &n);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	repo = cpg_run_repo(run_id);
	/* facts extracted under the repository's name follow its naming: the run's */
	if (!PG_GETARG_BOOL(2))
		cpg_run_apply_naming(run_id);
	result = cpg_extract_files(run_id, PG_GETARG_BOOL(2) ? cpg_staging_repo(run_id) : repo, repo, ids, n);
	MemoryContextSwitchTo(caller);
	result = DatumGetJsonbPCopy(JsonbPGetDatum(result));
	SPI_finish();
	PG_RETURN_JSONB_P(result);
}

/*
 * Publishes what the worker connections of a parallel client run staged: in the
 * caller's transaction, files gone from the project and the old snapshots of changed
 * files leave (with their facts), the staged snapshots are copied under the run's
 * repository (file_id is a function of repo and path), the staged root rows follow them,
 * and the staging is deleted (with whatever facts are left in it).
 *
 * Root rows move by an UPDATE of their repo and file_id: the new row versions keep the
 * TOAST pointers of the nested roots, where a copy would read, decompress and store again
 * every root (two thirds of the publish, 1.5 s for the standard library). On Citus,
 * where tables are distributed by repo, a row cannot change its repo (the two names live
 * in different shards), so there they are copied.
 */
Datum
cpg_index_publish(PG_FUNCTION_ARGS)
{
	int64		run_id = PG_GETARG_INT64(0);
	ArrayType  *kept = PG_GETARG_ARRAYTYPE_P(1);
	Oid			types[3] = {TEXTOID, TEXTARRAYOID, TEXTOID};
	Datum		args[3];
	int64		removed;
	bool		in_place;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	args[0] = CStringGetTextDatum(cpg_run_repo(run_id));
	args[1] = PointerGetDatum(kept);
	args[2] = CStringGetTextDatum(cpg_staging_repo(run_id));
	/* the facts staged follow the run's naming; those already published must too */
	cpg_run_apply_naming(run_id);
	if (SPI_execute_with_args("DELETE FROM codecpg.repo_files_v1 WHERE repo = $1 AND path <> ALL ($2)",
							  2, types, args, NULL, false, 0) != SPI_OK_DELETE)
		elog(ERROR, "removing deleted files failed");
	removed = SPI_processed;
	if (SPI_execute_with_args("DELETE FROM codecpg.repo_files_v1 f WHERE f.repo = $1 AND f.path IN "
							  "(SELECT s.path FROM codecpg.repo_files_v1 s WHERE s.repo = $3)",
							  3, types, args, NULL, false, 0) != SPI_OK_DELETE)
		elog(ERROR, "removing replaced files failed");
	if (SPI_execute_with_args("INSERT INTO codecpg.repo_files_v1 (repo, path, file_id, file_sha256, size_bytes, "
							  "encoding, source, line_count, indexed_at, attrs) "
							  "SELECT $1, s.path, codecpg.file_id($1, s.path), s.file_sha256, s.size_bytes, "
							  "s.encoding, s.source, s.line_count, s.indexed_at, s.attrs "
							  "FROM codecpg.repo_files_v1 s WHERE s.repo = $3",
							  3, types, args, NULL, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "publishing staged files failed");
	in_place = !cpg_citus_installed();
	for (size_t d = 0; d < CPG_NDOMAINS; d++)
	{
		char	   *qualified = psprintf("%s.%s", CPG_SCHEMA, cpg_domains[d].table);
		Oid			rel = DatumGetObjectId(DirectFunctionCall1(to_regclass, CStringGetTextDatum(qualified)));
		const char *sql;
		int			expected;

		if (!OidIsValid(rel))
			continue;
		if (in_place)
		{
			sql = psprintf("UPDATE %s t SET repo = $1, file_id = codecpg.file_id($1, t.path) WHERE t.repo = $3",
						   qualified);
			expected = SPI_OK_UPDATE;
		}
		else
		{
			sql = insert_select_sql(rel, "t", "$1", "codecpg.file_id($1, t.path)",
									psprintf("FROM %s t WHERE t.repo = $3", qualified));
			expected = SPI_OK_INSERT;
		}
		if (SPI_execute_with_args(sql, 3, types, args, NULL, false, 0) != expected)
			elog(ERROR, "publishing staged %s facts failed", cpg_domains[d].name);
	}
	if (SPI_execute_with_args("DELETE FROM codecpg.repo_files_v1 WHERE repo = $3",
							  3, types, args, NULL, false, 0) != SPI_OK_DELETE)
		elog(ERROR, "removing the staging failed");
	SPI_finish();
	PG_RETURN_INT32((int32) removed);
}
