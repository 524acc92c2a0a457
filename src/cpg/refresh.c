/*
 * refresh.c: codecpg.cpg_refresh(repo) — load the summaries of a repository, solve,
 * take SCIP's verdicts where an index is loaded, and write the graph by difference.
 *
 * Summaries are a cache of the CST extractor's walk: a file whose summary is missing
 * (facts extracted before 0.2.0) or of another format version gets its CST facts
 * extracted again from the stored source, so a refresh never reads stale summaries.
 */
#include "postgres.h"

#include <time.h>

#include "catalog/pg_type.h"
#include "common/arrays.h"
#include "common/bulk.h"
#include "common/ids.h"
#include "common/hashfn.h"
#include "cpg/graph.h"
#include "cpg/solve_private.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

static void
spi_check(int rc, int expected, const char *what)
{
	if (rc != expected)
		elog(ERROR, "%s failed: %s", what, SPI_result_code_string(rc));
}

typedef struct Loaded
{
	char	   *path;
	char	   *file_id;
	char	   *sha256;
	Summary		sum;
	bool		decoded;
} Loaded;

/* Decodes a stored summary into the arena; its detoasted copy is freed at once. */
static bool
decode_summary(Datum stored, Summary *sum, BulkArena *arena)
{
	bytea	   *blob = DatumGetByteaPP(stored);
	bool		ok = cpg_summary_decode(blob, sum, arena);

	if ((Pointer) blob != DatumGetPointer(stored))
		pfree(blob);
	return ok;
}

/*
 * The repository's files with their summaries decoded into the arena, in path order;
 * summaries rebuilt where needed.
 */
static Loaded *
load_summaries(const char *repo, const CpgNaming *naming, BulkArena *arena, int32 *nloaded)
{
	Oid			types[4] = {TEXTOID, TEXTARRAYOID, TEXTOID, TEXTOID};
	Datum		args[4] = {CStringGetTextDatum(repo), (Datum) 0, CStringGetTextDatum(naming->root_package),
	CStringGetTextDatum(naming->source_root)};
	Loaded	   *files;
	int32		n;
	CpgArray	stale;

	spi_check(SPI_execute_with_args("SELECT l.path, l.file_id, l.file_sha256, l.summary FROM codecpg.libcst_files_v1 l "
									"WHERE l.repo = $1 ORDER BY l.path",
									1, types, args, NULL, true, 0),
			  SPI_OK_SELECT, "reading the summaries");
	n = SPI_processed;
	files = palloc0(sizeof(Loaded) * Max(n, 1));
	cpg_array_init_oid(&stale, TEXTOID);
	for (int32 i = 0; i < n; i++)
	{
		HeapTuple	t = SPI_tuptable->vals[i];
		bool		isnull;
		Datum		blob;

		files[i].path = SPI_getvalue(t, SPI_tuptable->tupdesc, 1);
		files[i].file_id = SPI_getvalue(t, SPI_tuptable->tupdesc, 2);
		files[i].sha256 = SPI_getvalue(t, SPI_tuptable->tupdesc, 3);
		blob = SPI_getbinval(t, SPI_tuptable->tupdesc, 4, &isnull);
		files[i].decoded = !isnull && decode_summary(blob, &files[i].sum, arena);
		if (!files[i].decoded)
			cpg_array_push_cstring(&stale, files[i].file_id);
	}
	if (stale.count > 0)
	{
		args[1] = cpg_array_result(&stale);
		spi_check(SPI_execute_with_args("UPDATE codecpg.libcst_files_v1 t "
										"SET summary = (codecpg.cst_extract(t.repo, t.path, r.source, t.file_sha256, $3, $4)).summary "
										"FROM codecpg.repo_files_v1 r "
										"WHERE t.repo = $1 AND t.file_id = ANY ($2) AND r.repo = t.repo "
										"AND r.file_id = t.file_id AND r.source IS NOT NULL "
										"RETURNING t.file_id, t.summary",
										4, types, args, NULL, false, 0),
				  SPI_OK_UPDATE_RETURNING, "rebuilding summaries");
		for (uint64 k = 0; k < SPI_processed; k++)
		{
			char	   *id = SPI_getvalue(SPI_tuptable->vals[k], SPI_tuptable->tupdesc, 1);
			bool		isnull;
			Datum		blob = SPI_getbinval(SPI_tuptable->vals[k], SPI_tuptable->tupdesc, 2, &isnull);

			for (int32 i = 0; i < n && !isnull; i++)
				if (!files[i].decoded && strcmp(files[i].file_id, id) == 0)
					files[i].decoded = decode_summary(blob, &files[i].sum, arena);
		}
	}
	*nloaded = n;
	return files;
}

/*
 * SCIP first: a callsite whose callee ends where a SCIP occurrence ends, of a symbol
 * whose definition occurrence is the name of a definition of the repository, calls
 * that definition.
 */
void
cpg_scip_calls(Solver *s, const char *repo, ScipCalls *out)
{
	Oid			types[1] = {TEXTOID};
	Datum		args[1] = {CStringGetTextDatum(repo)};
	IdMap		file_by_path;
	IdMap		def_by_symbol;
	IdMap		occ_by_end;		/* (file, bend) -> symbol */
	IdMap		scope_by_name;	/* (file, name bstart) -> scope */
	int32		nsymbols = 0;

	idmap_init(&out->by_site, 64);
	out->targets = NULL;
	out->ntargets = out->capacity = 0;
	spi_check(SPI_execute_with_args("SELECT d.relative_path, (o.range).bstart, (o.range).bend, o.symbol, o.symbol_roles "
									"FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d "
									"CROSS JOIN LATERAL unnest(d.occurrences) o "
									"WHERE p.repo = $1 AND o.symbol <> '' AND (o.range).bstart IS NOT NULL",
									1, types, args, NULL, true, 0),
			  SPI_OK_SELECT, "reading SCIP occurrences");
	if (SPI_processed == 0)
		return;
	idmap_init(&file_by_path, s->nfiles);
	for (int32 f = 0; f < s->nfiles; f++)
		idmap_put(&file_by_path, hash_bytes_extended((const unsigned char *) s->files[f].path,
													 strlen(s->files[f].path), 0), f);
	idmap_init(&scope_by_name, s->nscopes);
	for (int32 g = 0; g < s->nscopes; g++)
	{
		const SumScope *ss = &s->files[s->scopes[g].file].sum.scopes[s->scopes[g].local];

		if (ss->name_bstart >= 0)
			idmap_put(&scope_by_name, ((uint64) s->scopes[g].file << 32) | (uint32) ss->name_bstart, g);
	}
	idmap_init(&def_by_symbol, 1024);
	idmap_init(&occ_by_end, SPI_processed);
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	t = SPI_tuptable->vals[i];
		char	   *path = SPI_getvalue(t, SPI_tuptable->tupdesc, 1);
		bool		isnull;
		int32		bstart = DatumGetInt32(SPI_getbinval(t, SPI_tuptable->tupdesc, 2, &isnull));
		int32		bend = DatumGetInt32(SPI_getbinval(t, SPI_tuptable->tupdesc, 3, &isnull));
		char	   *symbol = SPI_getvalue(t, SPI_tuptable->tupdesc, 4);
		int32		roles = DatumGetInt32(SPI_getbinval(t, SPI_tuptable->tupdesc, 5, &isnull));
		int32		file = idmap_get(&file_by_path, hash_bytes_extended((const unsigned char *) path, strlen(path), 0));
		int32		sym = solver_name_cstr(s, symbol);

		if (file < 0)
			continue;
		nsymbols++;
		if (roles & 1)
		{
			int32		scope = idmap_get(&scope_by_name, ((uint64) file << 32) | (uint32) bstart);

			if (scope >= 0 && s->files[file].sum.scopes[s->scopes[scope].local].name_bend == bend)
				idmap_put(&def_by_symbol, sym, scope);
		}
		else
			idmap_put(&occ_by_end, ((uint64) file << 32) | (uint32) bend, sym);
	}
	if (nsymbols == 0)
		return;
	for (int32 ev = 0; ev < s->nevidence; ev++)
	{
		const Evidence *e = &s->evidence[ev];
		const SumExpr *call;
		const SumExpr *callee;
		int32		sym;
		int32		scope;

		if (e->kind != CK_CALL || (e->key & 1))
			continue;
		call = &s->files[e->file].sum.exprs[e->key / 2];
		if (call->op != SO_CALL || call->a < 0)
			continue;
		callee = &s->files[e->file].sum.exprs[call->a];
		if (callee->bend < 0 ||
			(sym = idmap_get(&occ_by_end, ((uint64) e->file << 32) | (uint32) callee->bend)) < 0 ||
			(scope = idmap_get(&def_by_symbol, sym)) < 0)
			continue;
		GROW(out->targets, out->ntargets, out->capacity);
		out->targets[out->ntargets] = scope;
		idmap_put(&out->by_site, ev, out->ntargets++);
	}
}

/* CPU time of the backend: the phases of a refresh, whatever the machine's load. */
static double
cpu_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

PG_FUNCTION_INFO_V1(cpg_refresh);
Datum
cpg_refresh(PG_FUNCTION_ARGS)
{
	char	   *repo = text_to_cstring(PG_GETARG_TEXT_PP(0));
	TupleDesc	tupdesc;
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext work;
	MemoryContext old;
	Oid			types[1] = {TEXTOID};
	Datum		args[1] = {CStringGetTextDatum(repo)};
	CpgNaming	naming;
	BulkArena	arena = {0};
	Loaded	   *loaded;
	int32		nloaded;
	Solver	   *s;
	ScipCalls	scip;
	GraphCounts counts;
	double		t0,
				t_load,
				t_solve,
				t_write;
	Datum		values[7];
	bool		nulls[7] = {false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	work = AllocSetContextCreate(caller, "codecpg cpg_refresh", ALLOCSET_DEFAULT_SIZES);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	/* One refresh per repository at a time; readers keep the previous graph until commit. */
	spi_check(SPI_execute_with_args("SELECT pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('codecpg.cpg_refresh'), "
									"pg_catalog.hashtext($1))", 1, types, args, NULL, false, 0),
			  SPI_OK_SELECT, "locking the repository's graph");
	t0 = cpu_ms();
	cpg_naming_of_repo(repo, &naming);
	old = MemoryContextSwitchTo(work);
	naming.root_package = pstrdup(naming.root_package);
	naming.source_root = pstrdup(naming.source_root);
	loaded = load_summaries(repo, &naming, &arena, &nloaded);
	{
		NodeId		exprs = 0;

		for (int32 i = 0; i < nloaded; i++)
			exprs += loaded[i].decoded ? loaded[i].sum.nexprs : 0;
		s = solver_create(exprs);
	}
	for (int32 i = 0; i < nloaded; i++)
	{
		if (!loaded[i].decoded)
		{
			/* rebuilt from the source and still unreadable: a bug, not bad input */
			ereport(WARNING,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("file \"%s\" of repository \"%s\" is left out of the call graph", loaded[i].path, repo),
					 errdetail("Its summary, rebuilt from the stored source, cannot be read.")));
			continue;
		}
		solver_add_file(s, loaded[i].path, loaded[i].file_id, loaded[i].sha256, &loaded[i].sum, &naming);
	}
	t_load = cpu_ms();
	solver_solve(s);
	t_solve = cpu_ms();
	cpg_scip_calls(s, repo, &scip);
	memset(&counts, 0, sizeof(counts));
	cpg_graph_write(s, repo, &scip, &counts);
	t_write = cpu_ms();
	elog(DEBUG1, "cpg_refresh(%s): CPU ms: load %.0f (%d files), solve %.0f (%u nodes, %d objects, %d constraints, "
		 INT64_FORMAT " steps, %d capped nodes, %d rounds), write %.0f (" INT64_FORMAT " files changed)",
		 repo, t_load - t0, s->nfiles, t_solve - t_load, s->nnodes, s->nobjs, s->ncons, s->steps,
		 s->capped_nodes, s->rounds, t_write - t_solve, counts.files_changed);
	MemoryContextSwitchTo(old);
	SPI_finish();
	MemoryContextDelete(work);

	values[0] = Int64GetDatum(counts.scopes);
	values[1] = Int64GetDatum(counts.callsites);
	values[2] = Int64GetDatum(counts.calls_scip);
	values[3] = Int64GetDatum(counts.calls_resolved);
	values[4] = Int64GetDatum(counts.calls_unresolved);
	values[5] = Int64GetDatum(counts.links);
	values[6] = Int64GetDatum(counts.files_changed);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

