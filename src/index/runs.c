/*
 * runs.c: run records (codecpg.index_runs), per-file error rows (codecpg.index_errors)
 * and the per-repository index lock.
 *
 * Two runs of one repository would race on the same snapshot rows, so a run holds an
 * advisory lock on the repository: the server-side run for its transaction, a client
 * run for its session (the client records the run in one transaction and does the work
 * in another, so that a failed run still has its record). Runs of different
 * repositories take different locks and proceed side by side.
 */
#include "postgres.h"

#include "access/hash.h"
#include "catalog/pg_type.h"
#include "commands/extension.h"
#include "common/rowtype.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "index/index.h"
#include "cpg/solve.h"
#include "index/layout.h"
#include "portability/instr_time.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/guc.h"
#include "mb/pg_wchar.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/timestamp.h"

PG_FUNCTION_INFO_V1(cpg_index_begin);
PG_FUNCTION_INFO_V1(cpg_index_finish);
PG_FUNCTION_INFO_V1(cpg_index_fail);
PG_FUNCTION_INFO_V1(cpg_index_staging_repo);

int			cpg_max_file_size = 10 * 1024 * 1024;

/* First key of the advisory lock: "CPGI", so that it does not collide with users' keys. */
#define CPG_INDEX_LOCK_CLASS 0x43504749

void
cpg_index_init(void)
{
	DefineCustomIntVariable("codecpg.max_file_size",
							"Largest file, in bytes, that an index run reads.",
							"Larger files are not indexed; the run records a size_limit error row for them.",
							&cpg_max_file_size,
							10 * 1024 * 1024, 0, (int) (MaxAllocSize / MAX_CONVERSION_GROWTH),
							PGC_USERSET, GUC_UNIT_BYTE,
							NULL, NULL, NULL);
}

/*
 * Repository names with control characters are refused: the staging repositories
 * of parallel client runs are named "\x01staging:<run_id>" and are deleted by other
 * runs' index_begin and index_fail, so a user's repository must never look like one.
 * An empty name names nothing a user could ask for again.
 */
void
cpg_check_repo_name(const char *repo)
{
	if (*repo == '\0')
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("repository name must not be empty")));
	for (const unsigned char *p = (const unsigned char *) repo; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("repository name must not contain control characters"),
					 errdetail("Names with control characters are reserved for the staging of index runs.")));
}

void
cpg_run_lock(const char *repo, bool session, bool wait)
{
	Datum		k1 = Int32GetDatum(CPG_INDEX_LOCK_CLASS);
	Datum		k2 = Int32GetDatum((int32) DatumGetUInt32(hash_any((const unsigned char *) repo, strlen(repo))));
	bool		got;

	if (wait)
	{
		if (session)
			DirectFunctionCall2(pg_advisory_lock_int4, k1, k2);
		else
			DirectFunctionCall2(pg_advisory_xact_lock_int4, k1, k2);
		return;
	}
	if (session)
		got = DatumGetBool(DirectFunctionCall2(pg_try_advisory_lock_int4, k1, k2));
	else
		got = DatumGetBool(DirectFunctionCall2(pg_try_advisory_xact_lock_int4, k1, k2));
	if (!got)
		ereport(ERROR,
				(errcode(ERRCODE_LOCK_NOT_AVAILABLE),
				 errmsg("another index run of repository \"%s\" is in progress", repo),
				 errhint("Wait for it to finish, or pass the option \"wait\": true to wait for it.")));
}

static void
spi_check(int rc, int expected, const char *what)
{
	if (rc != expected)
		elog(ERROR, "%s failed: %s", what, SPI_result_code_string(rc));
}

/*
 * The repository's row in codecpg.repositories, created by its first run or stored file
 * (owned by the role that runs it), and the check that this role may change it.
 */
void
cpg_repository_ensure(const char *repo)
{
	Oid			types[1] = {TEXTOID};
	Datum		args[1] = {CStringGetTextDatum(repo)};

	spi_check(SPI_execute_with_args("INSERT INTO codecpg.repositories (repo) VALUES ($1) ON CONFLICT DO NOTHING",
									1, types, args, NULL, false, 0),
			  SPI_OK_INSERT, "recording the repository");
	cpg_repository_check(repo);
}

int64
cpg_run_insert(const char *repo, const char *origin, const char *root, Jsonb *options)
{
	Oid			types[5] = {TEXTOID, TEXTOID, TEXTOID, JSONBOID, JSONBOID};
	Datum		args[5] = {CStringGetTextDatum(repo), CStringGetTextDatum(origin),
	CStringGetTextDatum(root), JsonbPGetDatum(options), (Datum) 0};
	bool		isnull;

	cpg_repository_ensure(repo);
	/*
	 * The versions are read first and passed as a value: on Citus, where the run
	 * records are a reference table, an INSERT may not contain a subquery.
	 */
	spi_check(SPI_execute("SELECT pg_catalog.jsonb_object_agg(component, version) FROM codecpg.version_info()",
						  true, 1),
			  SPI_OK_SELECT, "reading the versions");
	args[4] = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	spi_check(SPI_execute_with_args("INSERT INTO codecpg.index_runs (repo, origin, root, status, options, versions) "
									"VALUES ($1, $2, $3, 'running', $4, $5) RETURNING run_id",
									5, types, args, isnull ? "    n" : NULL, false, 0),
			  SPI_OK_INSERT_RETURNING, "recording the index run");
	return DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
}

void
cpg_run_error(int64 run_id, const char *repo, const char *path, const char *domain,
			  const char *kind, const char *message, int line0, int col)
{
	Oid			types[8] = {INT8OID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, INT4OID, INT4OID};
	Datum		args[8];
	char		nulls[8] = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
	MemoryContext cxt = CurrentMemoryContext;

	args[0] = Int64GetDatum(run_id);
	args[1] = CStringGetTextDatum(repo);
	args[2] = CStringGetTextDatum(path);
	if (domain)
		args[3] = CStringGetTextDatum(domain);
	else
		nulls[3] = 'n';
	args[4] = CStringGetTextDatum(kind);
	args[5] = CStringGetTextDatum(message);
	args[6] = Int32GetDatum(line0);
	nulls[6] = line0 < 0 ? 'n' : ' ';
	args[7] = Int32GetDatum(col);
	nulls[7] = col < 0 ? 'n' : ' ';
	spi_check(SPI_execute_with_args("INSERT INTO codecpg.index_errors (run_id, repo, path, domain, kind, message, line0, col) "
									"VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
									8, types, args, nulls, false, 0),
			  SPI_OK_INSERT, "recording an index error");
	/* SPI returns in its procedure context; a run records many errors */
	MemoryContextSwitchTo(cxt);
}

/* Adds per-domain figures {"domain": {"rows": n, ...}} to the run's, key by key. */
void
cpg_run_add_domains(int64 run_id, Jsonb *domains)
{
	Oid			types[2] = {INT8OID, JSONBOID};
	Datum		args[2] = {Int64GetDatum(run_id), JsonbPGetDatum(domains)};

	spi_check(SPI_execute_with_args("UPDATE codecpg.index_runs r SET domains = coalesce(("
									" SELECT pg_catalog.jsonb_object_agg(d, ("
									"   SELECT pg_catalog.jsonb_object_agg(k, coalesce((r.domains -> d ->> k)::numeric, 0)"
									"                              + coalesce(($2 -> d ->> k)::numeric, 0))"
									"     FROM (SELECT pg_catalog.jsonb_object_keys(coalesce(r.domains -> d, '{}'))"
									"           UNION SELECT pg_catalog.jsonb_object_keys(coalesce($2 -> d, '{}'))) ks(k)))"
									"   FROM (SELECT pg_catalog.jsonb_object_keys(r.domains) UNION SELECT pg_catalog.jsonb_object_keys($2)) ds(d)),"
									" '{}') WHERE r.run_id = $1",
									2, types, args, NULL, false, 0),
			  SPI_OK_UPDATE, "recording per-domain figures");
}

/* The run whose layout change renamed the repository's modules in this transaction. */
static int64 layout_changed_run = 0;

/*
 * Whether the stored graph was resolved from other facts than the repository has now:
 * files without a graph row or graph rows without files (an upgrade from 0.1.0, facts
 * stored by hand), or rows of another version of the resolver.
 */
static bool
graph_stale(int64 run_id)
{
	Oid			types[2] = {TEXTOID, TEXTOID};
	Datum		args[2] = {CStringGetTextDatum(cpg_run_repo(run_id)), CStringGetTextDatum(CPG_RESOLVER_VERSION)};
	bool		isnull;

	spi_check(SPI_execute_with_args("SELECT (SELECT count(*) FROM codecpg.libcst_files_v1 l WHERE l.repo = $1) "
									"    <> (SELECT count(*) FROM codecpg.cpg_graph_v1 g WHERE g.repo = $1) "
									"    OR EXISTS (SELECT 1 FROM codecpg.cpg_graph_v1 g WHERE g.repo = $1 "
									"                AND g.attrs ->> 'resolver' IS DISTINCT FROM $2)",
									2, types, args, NULL, false, 1),
			  SPI_OK_SELECT, "checking the stored graph");
	return SPI_processed == 1 && DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
}

/*
 * The code property graph's cross-file part (resolved calls, imports, base classes) is
 * derived from a repository's files as a whole: once a run has changed any file or the
 * module naming, or finds the stored graph stale, it is recomputed in the run's
 * transaction, so a run never publishes files with a stale graph.
 */
static void
refresh_graph(int64 run_id, const CpgRunCounts *c)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(run_id)};
	instr_time	start;
	instr_time	elapsed;
	bool		isnull;
	int64		links;

	if (c->added + c->changed + c->removed == 0 && layout_changed_run != run_id && !graph_stale(run_id))
		return;
	INSTR_TIME_SET_CURRENT(start);
	/*
	 * A run started with the option "cpg": false leaves the refresh to the user.
	 * The refresh is called on its own, not joined to the run record: on Citus the
	 * run records are a reference table, and a query over one may be executed on any
	 * node, the refresh with it.
	 */
	spi_check(SPI_execute_with_args("SELECT repo FROM codecpg.index_runs "
									"WHERE run_id = $1 AND coalesce((options ->> 'cpg')::boolean, true)",
									1, types, args, NULL, false, 0),
			  SPI_OK_SELECT, "reading the run's options");
	if (SPI_processed == 0)
		return;
	args[0] = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	types[0] = TEXTOID;
	spi_check(SPI_execute_with_args("SELECT links FROM codecpg.cpg_refresh($1)",
									1, types, args, NULL, false, 0),
			  SPI_OK_SELECT, "refreshing the code property graph");
	links = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	INSTR_TIME_SET_CURRENT(elapsed);
	INSTR_TIME_SUBTRACT(elapsed, start);
	cpg_run_add_domains(run_id,
						DatumGetJsonbP(cpg_jsonb_from_cstring(psprintf("{\"cpg\": {\"rows\": " INT64_FORMAT ", \"files\": %d, \"errors\": 0, \"ms\": %.1f}}",
																	   isnull ? 0 : links, c->seen,
																	   INSTR_TIME_GET_MILLISEC(elapsed)))));
}

/*
 * Makes the repository's naming settings the run's (options package and source_root,
 * the layout the run detected or was told); when they change, the CST facts already
 * stored are extracted again, as their qualified names follow the module names. Each
 * stage of a run calls it before it extracts or publishes; once applied it is a no-op.
 */
void
cpg_run_apply_naming(int64 run_id)
{
	Oid			types[4] = {TEXTOID, TEXTARRAYOID, TEXTOID, TEXTOID};
	Datum		args[4] = {(Datum) 0, (Datum) 0, (Datum) 0, (Datum) 0};
	char		nulls[5] = "    ";
	uint64		n;
	Datum	   *ids;

	/*
	 * The run's options are read first and the repository's row is then addressed by
	 * its name: on Citus a join of the run records with a distributed table would be a
	 * multi-shard statement, after which the run records may not change.
	 */
	spi_check(SPI_execute_with_args("SELECT repo, options ->> 'package', options ->> 'source_root' "
									"FROM codecpg.index_runs WHERE run_id = $1",
									1, (Oid[]) {INT8OID}, (Datum[]) {Int64GetDatum(run_id)}, NULL, false, 1),
			  SPI_OK_SELECT, "reading the run's options");
	if (SPI_processed != 1)
		return;
	args[0] = CStringGetTextDatum(SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1));
	for (int i = 2; i <= 3; i++)
	{
		char	   *v = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, i);

		if (v != NULL)
			args[i] = CStringGetTextDatum(v);
		else
			nulls[i] = 'n';
	}
	nulls[1] = 'n';
	spi_check(SPI_execute_with_args("UPDATE codecpg.repositories r "
									"SET root_package = coalesce($3, r.root_package), "
									"    source_root = coalesce($4, r.source_root) "
									"WHERE r.repo = $1 "
									"AND (r.root_package, r.source_root) IS DISTINCT FROM "
									"    (coalesce($3, r.root_package), coalesce($4, r.source_root)) "
									"RETURNING r.repo",
									4, types, args, nulls, false, 0),
			  SPI_OK_UPDATE_RETURNING, "recording the repository's layout");
	if (SPI_processed == 0)
		return;
	layout_changed_run = run_id;
	spi_check(SPI_execute_with_args("DELETE FROM codecpg.libcst_files_v1 WHERE repo = $1 RETURNING file_id",
									1, types, args, NULL, false, 0),
			  SPI_OK_DELETE_RETURNING, "dropping facts named for the old layout");
	n = SPI_processed;
	ids = palloc(sizeof(Datum) * (n + 1));
	for (uint64 i = 0; i < n; i++)
		ids[i] = CStringGetTextDatum(SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
	args[1] = PointerGetDatum(construct_array(ids, n, TEXTOID, -1, false, TYPALIGN_INT));
	spi_check(SPI_execute_with_args("INSERT INTO codecpg.libcst_files_v1 SELECT x.* FROM codecpg.repo_files_v1 f "
									"JOIN codecpg.repositories r ON r.repo = f.repo "
									"CROSS JOIN LATERAL codecpg.cst_extract(f.repo, f.path, f.source, f.file_sha256, "
									"    r.root_package, r.source_root) x "
									"WHERE f.repo = $1 AND f.file_id = ANY ($2) AND f.source IS NOT NULL",
									2, types, args, NULL, false, 0),
			  SPI_OK_INSERT, "extracting CST facts for the new layout");
}

/* Run options package and source_root, when given: a dotted name and a relative directory. */
void
cpg_check_layout_options(Jsonb *options)
{
	static const char *const keys[2] = {"package", "source_root"};

	for (int i = 0; i < 2; i++)
	{
		JsonbValue	k;
		JsonbValue *v;
		char	   *value;

		k.type = jbvString;
		k.val.string.val = (char *) keys[i];
		k.val.string.len = strlen(keys[i]);
		v = findJsonbValueFromContainer(&options->root, JB_FOBJECT, &k);
		if (v == NULL)
			continue;
		value = v->type == jbvString ? pnstrdup(v->val.string.val, v->val.string.len) : NULL;
		if (value == NULL || (i == 0 ? !cpg_layout_valid_package(value) : !cpg_layout_valid_source_root(value)))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"%s\" must be %s", keys[i],
							i == 0 ? "a dotted package name or an empty string" :
							"a relative directory of the root or an empty string"),
					 errhint(i == 0 ? "It names the package the indexed root directory is, as in \"django\" for .../django." :
							 "It names the directory under the root that is on sys.path, as in \"src\" for a src layout.")));
	}
}

/*
 * Fresh statistics where a run changed the tables much, instead of a minute or more later
 * or never. Every query of the views and of the graph selects one repository, and for a
 * repository the statistics do not know (a first index, or one grown several times) the
 * planner expects a row or two: it then nests loops over its hundreds of files, rerunning
 * an unnesting function per pair (SymPy's call graph next to 24 other projects: 407 s
 * instead of 0.23 s, cpg_dot_cfg over a minute instead of a second). So a run that changed
 * 50 files and a tenth of its repository analyzes the tables those queries read, and a
 * run that changed a graph table as much as makes autovacuum analyze it (50 rows and a
 * tenth) analyzes that table: until then cpg_callers walks three levels of the standard
 * library in 0.67 s instead of 0.09 s. The changes are those autovacuum counts (committed
 * and reported since the last ANALYZE) and this transaction's own, which pg_stat reports
 * apart and no other backend sees yet: two lookups, where counting the rows would read a
 * table holding every repository's graph on every run. The nested lists are not analyzed
 * (their columns' statistics target is 0), which keeps an ANALYZE of these tables to tens
 * of milliseconds. Only tables the user may analyze (another role's table would only draw
 * a warning), and not on Citus, whose statistics live with the shards.
 */
/* Analyzes a table when the run changed it much, or by 50 rows and a tenth of it. */
static void
analyze_table(const char *table, bool changed_much)
{
	bool		isnull;

	if (cpg_citus_installed())
		return;
	spi_check(SPI_execute(psprintf("SELECT %s OR c.reltuples < 0 OR "
								   "pg_catalog.pg_stat_get_mod_since_analyze(c.oid) + "
								   "pg_catalog.pg_stat_get_xact_tuples_inserted(c.oid) + "
								   "pg_catalog.pg_stat_get_xact_tuples_updated(c.oid) + "
								   "pg_catalog.pg_stat_get_xact_tuples_deleted(c.oid) > 50 + 0.1 * c.reltuples "
								   "FROM pg_catalog.pg_class c "
								   "WHERE c.oid = 'codecpg.%s'::pg_catalog.regclass "
								   "AND pg_catalog.pg_has_role(c.relowner, 'USAGE')",
								   changed_much ? "true" : "false", table), false, 0),
			  SPI_OK_SELECT, "checking the statistics of the repository's tables");
	if (SPI_processed == 1 &&
		DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull)) && !isnull)
		spi_check(SPI_execute(psprintf("ANALYZE codecpg.%s", table), false, 0), SPI_OK_UTILITY,
				  "analyzing the repository's tables");
}

static void
analyze_changed_tables(const CpgRunCounts *c)
{
	int			files = c->added + c->changed + c->removed;
	bool		repository_changed = files >= 50 && files * 10 >= c->seen;
	const char *table;

	if (repository_changed)
	{
		analyze_table("repo_files_v1", true);
		for (int i = 0; (table = cpg_domain_table(i)) != NULL; i++)
			analyze_table(table, true);
	}
	analyze_table("cpg_graph_v1", repository_changed);
	analyze_table("cpg_scopes_v1", repository_changed);
}

void
cpg_run_finish(int64 run_id, const CpgRunCounts *c)
{
	Oid			types[8] = {INT8OID, INT4OID, INT4OID, INT4OID, INT4OID, INT4OID, INT4OID, TIMESTAMPTZOID};
	Datum		args[8] = {Int64GetDatum(run_id), Int32GetDatum(c->seen), Int32GetDatum(c->added),
		Int32GetDatum(c->changed), Int32GetDatum(c->removed), Int32GetDatum(c->unchanged),
	Int32GetDatum(c->failed), (Datum) 0};

	cpg_run_apply_naming(run_id);
	refresh_graph(run_id, c);
	/* Times are values, not clock_timestamp(): Citus refuses volatile functions in an UPDATE. */
	args[7] = TimestampTzGetDatum(GetCurrentTimestamp());
	spi_check(SPI_execute_with_args("UPDATE codecpg.index_runs SET status = 'succeeded', finished_at = $8, "
									"files_seen = $2, files_added = $3, files_changed = $4, files_removed = $5, "
									"files_unchanged = $6, files_failed = $7 WHERE run_id = $1 AND status = 'running'",
									8, types, args, NULL, false, 0),
			  SPI_OK_UPDATE, "finishing the index run");
	if (SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("index run %lld is not running", (long long) run_id)));
	analyze_changed_tables(c);
}

/*
 * Is Citus installed in this database? Where it is, tables may be distributed by repo:
 * a row cannot move to another repository, and statements writing them need their
 * parameters' values at planning time (Citus routes rows by them).
 */
bool
cpg_citus_installed(void)
{
	return OidIsValid(get_extension_oid("citus", true));
}

/*
 * A parallel client run stores files and facts under a staging repository name of its
 * own, committed chunk by chunk by its worker connections, and publishes them in one
 * transaction at the end (codecpg.index_publish). The leading control character keeps
 * the name apart from any name a user would choose.
 */
char *
cpg_staging_repo(int64 run_id)
{
	return psprintf("\001staging:" INT64_FORMAT, run_id);
}

static void
drop_staging(const char *where, Datum arg, Oid argtype)
{
	char	   *sql = psprintf("DELETE FROM codecpg.repo_files_v1 WHERE repo IN "
							   "(SELECT E'\\x01staging:' || run_id FROM codecpg.index_runs WHERE %s)", where);

	spi_check(SPI_execute_with_args(sql, 1, &argtype, &arg, NULL, false, 0), SPI_OK_DELETE,
			  "removing staged files");
}

Datum
cpg_index_staging_repo(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(cpg_staging_repo(PG_GETARG_INT64(0))));
}

/* The repository of a running run; raises an error for any other run. */
char *
cpg_run_repo(int64 run_id)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(run_id)};

	spi_check(SPI_execute_with_args("SELECT repo FROM codecpg.index_runs WHERE run_id = $1 AND status = 'running'",
									1, types, args, NULL, false, 1),
			  SPI_OK_SELECT, "reading the index run");
	if (SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("index run %lld is not running", (long long) run_id)));
	return SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
}

static bool
jsonb_bool_option(Jsonb *options, const char *key)
{
	JsonbValue	k;
	JsonbValue *v;

	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	v = findJsonbValueFromContainer(&options->root, JB_FOBJECT, &k);
	return v != NULL && v->type == jbvBool && v->val.boolean;
}

Datum
cpg_index_begin(PG_FUNCTION_ARGS)
{
	char	   *repo = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char	   *origin = text_to_cstring(PG_GETARG_TEXT_PP(1));
	char	   *root = text_to_cstring(PG_GETARG_TEXT_PP(2));
	Jsonb	   *options = PG_GETARG_JSONB_P(3);
	Oid			types[2] = {TEXTOID, TIMESTAMPTZOID};
	Datum		args[2] = {CStringGetTextDatum(repo), TimestampTzGetDatum(GetCurrentTimestamp())};
	int64		run_id;

	if (!JB_ROOT_IS_OBJECT(options))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("options must be a JSON object")));
	cpg_check_repo_name(repo);
	cpg_check_layout_options(options);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/* before the session lock: a refused run must not keep the owner's runs waiting */
	cpg_repository_ensure(repo);
	cpg_run_lock(repo, true, jsonb_bool_option(options, "wait"));
	/* Holding the lock, any run still marked running lost its session. */
	spi_check(SPI_execute_with_args("UPDATE codecpg.index_runs SET status = 'abandoned', finished_at = $2, "
									"message = 'the session that ran it ended before it finished' "
									"WHERE repo = $1 AND status = 'running'",
									2, types, args, NULL, false, 0),
			  SPI_OK_UPDATE, "marking abandoned runs");
	drop_staging("repo = $1 AND status <> 'succeeded'", args[0], TEXTOID);
	run_id = cpg_run_insert(repo, origin, root, options);
	SPI_finish();
	PG_RETURN_INT64(run_id);
}

static int
counts_get(Jsonb *counts, const char *key)
{
	JsonbValue	k;
	JsonbValue *v;

	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	v = findJsonbValueFromContainer(&counts->root, JB_FOBJECT, &k);
	if (v == NULL)
		return 0;
	if (v->type != jbvNumeric)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("count \"%s\" must be a number", key)));
	return DatumGetInt32(DirectFunctionCall1(numeric_int4, NumericGetDatum(v->val.numeric)));
}

Datum
cpg_index_finish(PG_FUNCTION_ARGS)
{
	int64		run_id;
	Jsonb	   *counts;
	CpgRunCounts c;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("run_id and counts must not be NULL")));
	run_id = PG_GETARG_INT64(0);
	counts = PG_GETARG_JSONB_P(1);
	if (!JB_ROOT_IS_OBJECT(counts))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("counts must be a JSON object")));
	c.seen = counts_get(counts, "seen");
	c.added = counts_get(counts, "added");
	c.changed = counts_get(counts, "changed");
	c.removed = counts_get(counts, "removed");
	c.unchanged = counts_get(counts, "unchanged");
	c.failed = counts_get(counts, "failed");
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	cpg_run_repo(run_id);
	if (!PG_ARGISNULL(2))
		cpg_run_add_domains(run_id, PG_GETARG_JSONB_P(2));
	cpg_run_finish(run_id, &c);
	SPI_finish();
	PG_RETURN_VOID();
}

Datum
cpg_index_fail(PG_FUNCTION_ARGS)
{
	Oid			types[3] = {INT8OID, TEXTOID, TIMESTAMPTZOID};
	Datum		args[3] = {PG_GETARG_DATUM(0), PG_GETARG_DATUM(1), TimestampTzGetDatum(GetCurrentTimestamp())};

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	spi_check(SPI_execute_with_args("UPDATE codecpg.index_runs SET status = 'failed', finished_at = $3, "
									"message = $2 WHERE run_id = $1 AND status = 'running'",
									3, types, args, NULL, false, 0),
			  SPI_OK_UPDATE, "recording the failed run");
	if (SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("index run %lld is not running", (long long) PG_GETARG_INT64(0))));
	drop_staging("run_id = $1", args[0], INT8OID);
	SPI_finish();
	PG_RETURN_VOID();
}
