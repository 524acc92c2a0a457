/*
 * index_repo.c: codecpg.index_repo, the server-side index run.
 *
 * The whole run is one transaction: it locks the repository, records the run, walks the
 * directory, snapshots new and changed files, runs every installed extractor over them,
 * removes the files that are gone and finishes the run record. A failed or cancelled
 * run rolls all of it back, so the previous complete state stays.
 *
 * The walk is iterative (an explicit stack of directories), visits directories in name
 * order, follows symbolic links whose target lies inside the root and remembers the
 * (device, inode) of every directory entered, so a link back into the tree is reported
 * once (symlink_loop) and not followed. A link leading out of the root is never
 * followed (symlink_outside): an indexed tree must not make the server read, say,
 * /etc/passwd into a table. The command-line client walks the same way with the same
 * selection rules (selection.c).
 */
#include "postgres.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "catalog/pg_authid.h"
#include "catalog/pg_type.h"
#include "common/rowtype.h"
#include "common/span.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "index/index.h"
#include "index/layout.h"
#include "index/selection.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "nodes/makefuncs.h"
#include "parser/parse_func.h"
#include "portability/instr_time.h"
#include "schema/schema.h"
#include "storage/fd.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"

PG_FUNCTION_INFO_V1(cpg_index_repo);

typedef struct RunOptions
{
	List	   *includes;		/* char * */
	List	   *excludes;
	bool		default_excludes;
	bool		wait;
	bool		scip;
	char	   *scip_python;	/* NULL: scip_run's default */
	char	   *max_file_size;	/* NULL: the setting */
	bool		has_package;	/* package and source_root given: no detection */
	bool		has_source_root;
} RunOptions;

typedef struct Walk
{
	const char *root;
	char	   *real_root;		/* root with every symbolic link resolved */
	const char *repo;
	int64		run_id;
	CpgSelection sel;
	List	   *files;			/* relative paths, char * */
	CpgDirSet	visited;
	int			failed;
} Walk;

static void
option_globs(JsonbValue *v, const char *key, List **out)
{
	JsonbIterator *it;
	JsonbValue	elem;
	JsonbIteratorToken tok;

	if (v->type != jbvBinary || !JsonContainerIsArray(v->val.binary.data))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"%s\" must be an array of glob strings", key)));
	it = JsonbIteratorInit(v->val.binary.data);
	while ((tok = JsonbIteratorNext(&it, &elem, true)) != WJB_DONE)
	{
		if (tok != WJB_ELEM)
			continue;
		if (elem.type != jbvString)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("option \"%s\" must be an array of glob strings", key)));
		*out = lappend(*out, pnstrdup(elem.val.string.val, elem.val.string.len));
	}
}

static bool
option_bool(JsonbValue *v, const char *key)
{
	if (v->type != jbvBool)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("option \"%s\" must be true or false", key)));
	return v->val.boolean;
}

static void
parse_options(Jsonb *options, RunOptions *o)
{
	JsonbIterator *it;
	JsonbValue	k,
				v;
	JsonbIteratorToken tok;

	memset(o, 0, sizeof(*o));
	o->default_excludes = true;
	if (!JB_ROOT_IS_OBJECT(options))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("options must be a JSON object")));
	it = JsonbIteratorInit(&options->root);
	while ((tok = JsonbIteratorNext(&it, &k, true)) != WJB_DONE)
	{
		char	   *key;

		if (tok != WJB_KEY)
			continue;
		key = pnstrdup(k.val.string.val, k.val.string.len);
		JsonbIteratorNext(&it, &v, true);
		if (strcmp(key, "include") == 0)
			option_globs(&v, key, &o->includes);
		else if (strcmp(key, "exclude") == 0)
			option_globs(&v, key, &o->excludes);
		else if (strcmp(key, "default_excludes") == 0)
			o->default_excludes = option_bool(&v, key);
		else if (strcmp(key, "wait") == 0)
			o->wait = option_bool(&v, key);
		else if (strcmp(key, "scip") == 0)
			o->scip = option_bool(&v, key);
		else if (strcmp(key, "cpg") == 0)
			(void) option_bool(&v, key);	/* read from the run record when it finishes */
		else if (strcmp(key, "package") == 0)
			o->has_package = true;	/* checked by cpg_check_layout_options */
		else if (strcmp(key, "source_root") == 0)
			o->has_source_root = true;
		else if (strcmp(key, "scip_python") == 0)
		{
			if (v.type != jbvString)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("option \"scip_python\" must be the path of the scip-python program")));
			o->scip_python = pnstrdup(v.val.string.val, v.val.string.len);
		}
		else if (strcmp(key, "max_file_size") == 0)
		{
			if (v.type == jbvNumeric)
				o->max_file_size = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(v.val.numeric)));
			else if (v.type == jbvString)
				o->max_file_size = pnstrdup(v.val.string.val, v.val.string.len);
			else
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("option \"max_file_size\" must be a number of bytes or a size such as \"10MB\"")));
		}
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown option \"%s\"", key),
					 errhint("Valid options are include, exclude, default_excludes, max_file_size, wait, scip, scip_python, cpg, package and source_root.")));
	}
}

static const char **
list_to_array(List *l)
{
	const char **a = palloc(sizeof(char *) * (list_length(l) + 1));
	int			i = 0;
	ListCell   *lc;

	foreach(lc, l)
		a[i++] = lfirst(lc);
	return a;
}

static char *
join_path(const char *a, const char *b)
{
	if (*a == '\0')
		return pstrdup(b);
	return psprintf("%s/%s", a, b);
}

static char *
full_path(const Walk *w, const char *rel)
{
	return *rel ? psprintf("%s/%s", w->root, rel) : pstrdup(w->root);
}

static void *
walk_alloc(size_t size)
{
	return palloc(size);
}

/* Remembers a directory; false when it was entered before. */
static bool
visit(Walk *w, const struct stat *st)
{
	return cpg_dirset_add(&w->visited, st->st_dev, st->st_ino);
}

static void
problem(Walk *w, const char *rel, const char *kind, const char *message)
{
	char	   *escaped = palloc(4 * strlen(rel) + 1);

	cpg_sel_escape_path(rel, escaped);
	cpg_run_error(w->run_id, w->repo, escaped, NULL, kind, message, -1, -1);
	w->failed++;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

static void
walk(Walk *w)
{
	List	   *stack = list_make1(pstrdup(""));

	while (stack != NIL)
	{
		char	   *rel = llast(stack);
		char	   *dirpath = full_path(w, rel);
		DIR		   *dir;
		struct dirent *de;
		char	  **names;
		int			nnames = 0;
		int			maxnames = 64;
		List	   *subdirs = NIL;

		stack = list_delete_last(stack);
		CHECK_FOR_INTERRUPTS();
		dir = AllocateDir(dirpath);
		if (dir == NULL)
		{
			problem(w, *rel ? rel : ".", "unreadable",
					psprintf("could not open directory: %s", strerror(errno)));
			continue;
		}
		names = palloc(sizeof(char *) * maxnames);
		while ((de = ReadDirExtended(dir, dirpath, LOG)) != NULL)
		{
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			if (nnames == maxnames)
			{
				maxnames *= 2;
				names = repalloc(names, sizeof(char *) * maxnames);
			}
			names[nnames++] = pstrdup(de->d_name);
		}
		FreeDir(dir);
		qsort(names, nnames, sizeof(char *), cmp_names);

		for (int i = 0; i < nnames; i++)
		{
			char	   *crel = join_path(rel, names[i]);
			char	   *cfull = full_path(w, crel);
			struct stat st;

			bool		outside = false;

			if (lstat(cfull, &st) == 0 && S_ISLNK(st.st_mode))
			{
				char	   *target = realpath(cfull, NULL);

				outside = target != NULL && !cpg_sel_inside_root(w->real_root, target);
				free(target);
			}
			if (stat(cfull, &st) != 0)
			{
				/* A dangling or looping link: a problem only where a file would be read. */
				if (cpg_sel_want_file(&w->sel, names[i], crel))
					problem(w, crel, "unreadable", psprintf("could not stat file: %s", strerror(errno)));
				continue;
			}
			if (S_ISDIR(st.st_mode))
			{
				struct stat probe;
				bool		venv = !outside && stat(psprintf("%s/pyvenv.cfg", cfull), &probe) == 0;
				bool		package = !outside && cpg_sel_is_package_dir(cfull);

				if (cpg_sel_skip_dir(&w->sel, names[i], crel, venv, package))
					continue;
				if (outside)
				{
					problem(w, crel, "symlink_outside",
							"symbolic link to a directory outside the indexed root; not followed");
					continue;
				}
				if (!visit(w, &st))
				{
					problem(w, crel, "symlink_loop",
							"directory already entered through another path (symbolic link loop or alias); not followed");
					continue;
				}
				subdirs = lappend(subdirs, crel);
			}
			else if (outside && cpg_sel_want_file(&w->sel, names[i], crel))
				problem(w, crel, "symlink_outside",
						"symbolic link to a file outside the indexed root; not read");
			else if (S_ISREG(st.st_mode) && cpg_sel_want_file(&w->sel, names[i], crel))
			{
				if (cpg_sel_valid_utf8(crel))
					w->files = lappend(w->files, crel);
				else
					problem(w, crel, "encoding", "file name is not valid UTF-8");
			}
			else if (!S_ISREG(st.st_mode) && cpg_sel_want_file(&w->sel, names[i], crel))
				problem(w, crel, "unreadable", "not a regular file (FIFO, socket or device); not read");
		}
		/* Depth first, in name order: push in reverse. */
		for (int i = list_length(subdirs) - 1; i >= 0; i--)
			stack = lappend(stack, list_nth(subdirs, i));
	}
}

/* Reads a file into memory; NULL (and an error row) when it cannot be read. */
static char *
read_file(Walk *w, const char *rel, int *len)
{
	char	   *path = full_path(w, rel);

	/*
	 * The walk saw a regular file, but it may have been replaced since by a
	 * FIFO or a device, whose open() and read() would block the backend where
	 * no cancel reaches it: open without blocking, then insist on a regular
	 * file.  Symbolic links are resolved again and the file is opened by its
	 * resolved path, not following a link there, so that a link swapped in
	 * since the walk cannot lead the read out of the root either.
	 */
	char	   *real = realpath(path, NULL);
	int			fd;
	struct stat st;
	char	   *buf;
	off_t		done = 0;

	if (real == NULL)
	{
		problem(w, rel, "unreadable", psprintf("could not open file: %s", strerror(errno)));
		return NULL;
	}
	if (!cpg_sel_inside_root(w->real_root, real))
	{
		free(real);
		problem(w, rel, "symlink_outside", "symbolic link to a file outside the indexed root; not read");
		return NULL;
	}
	fd = OpenTransientFile(real, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | PG_BINARY);
	free(real);
	if (fd < 0)
	{
		problem(w, rel, "unreadable", psprintf("could not open file: %s", strerror(errno)));
		return NULL;
	}
	if (fstat(fd, &st) != 0)
	{
		problem(w, rel, "unreadable", psprintf("could not stat file: %s", strerror(errno)));
		CloseTransientFile(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode))
	{
		problem(w, rel, "unreadable", "not a regular file");
		CloseTransientFile(fd);
		return NULL;
	}
	if (st.st_size > cpg_max_file_size)
	{
		problem(w, rel, "size_limit",
				psprintf("file has %lld bytes, more than codecpg.max_file_size (%d bytes)",
						 (long long) st.st_size, cpg_max_file_size));
		CloseTransientFile(fd);
		return NULL;
	}
	buf = palloc(st.st_size + 1);
	while (done < st.st_size)
	{
		ssize_t		n = read(fd, buf + done, st.st_size - done);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
		{
			problem(w, rel, "unreadable",
					n < 0 ? psprintf("could not read file: %s", strerror(errno))
					: pstrdup("file shrank while it was read"));
			CloseTransientFile(fd);
			return NULL;
		}
		done += n;
	}
	CloseTransientFile(fd);
	*len = (int) done;
	return buf;
}

/*
 * SCIP comes from codecpg.scip_run (scip-python on the server, loaded into
 * scip_index_v1) when this installation has it. Its failures (scip-python missing, a
 * failed index) fail the run: the caller asked for SCIP explicitly.
 */
static void
run_scip(int64 run_id, const char *repo, const char *root, const char *scip_python)
{
	Oid			args[6] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID, TEXTOID};
	Oid			fn = LookupFuncName(list_make2(makeString(CPG_SCHEMA), makeString("scip_run")), 6, args, true);
	Oid			types[3] = {TEXTOID, TEXTOID, TEXTOID};
	Datum		values[3] = {CStringGetTextDatum(repo), CStringGetTextDatum(root),
	CStringGetTextDatum(scip_python ? scip_python : "scip-python")};
	instr_time	t0,
				t1;
	int			rc;

	if (!OidIsValid(fn))
	{
		ereport(NOTICE,
				(errmsg("SCIP loading is not available in this installation; the run indexes without it"),
				 errhint("Install a codecpg build that provides codecpg.scip_run().")));
		return;
	}
	INSTR_TIME_SET_CURRENT(t0);
	rc = SPI_execute_with_args("SELECT documents FROM codecpg.scip_run($1, $2, scip_python => $3)",
							   3, types, values, NULL, false, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "scip_run failed: %s", SPI_result_code_string(rc));
	INSTR_TIME_SET_CURRENT(t1);
	INSTR_TIME_SUBTRACT(t1, t0);
	{
		bool		isnull;
		Datum		docs = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		char	   *json = psprintf("{\"scip\": {\"rows\": %d, \"files\": %d, \"errors\": 0, \"ms\": %.1f}}",
									isnull ? 0 : DatumGetInt32(docs), isnull ? 0 : DatumGetInt32(docs),
									INSTR_TIME_GET_MILLISEC(t1));

		cpg_run_add_domains(run_id, DatumGetJsonbP(cpg_jsonb_from_cstring(json)));
	}
}

/*
 * The options as recorded for the run: the layout the caller gave, or what the root's
 * files say (layout.c), so that the run record names the module naming it used.
 */
static Jsonb *
with_layout(Jsonb *options, const char *root, const RunOptions *o)
{
	CpgLayout	layout;
	StringInfoData extra;
	Oid			types[2] = {JSONBOID, JSONBOID};
	Datum		args[2];
	bool		isnull;

	if (o->has_package && o->has_source_root)
		return options;
	cpg_layout_detect(root, &layout);
	initStringInfo(&extra);
	appendStringInfoChar(&extra, '{');
	if (!o->has_package)
	{
		appendStringInfoString(&extra, "\"package\": ");
		escape_json(&extra, layout.package);
	}
	if (!o->has_source_root)
	{
		appendStringInfoString(&extra, o->has_package ? "\"source_root\": " : ", \"source_root\": ");
		escape_json(&extra, layout.source_root);
	}
	appendStringInfoChar(&extra, '}');
	args[0] = JsonbPGetDatum(options);
	args[1] = cpg_jsonb_from_cstring(extra.data);
	if (SPI_execute_with_args("SELECT $1 || $2", 2, types, args, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "recording the layout in the run options failed");
	return DatumGetJsonbPCopy(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
}

Datum
cpg_index_repo(PG_FUNCTION_ARGS)
{
	char	   *repo = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char	   *root = text_to_cstring(PG_GETARG_TEXT_PP(1));
	Jsonb	   *options = PG_GETARG_JSONB_P(2);
	RunOptions opt;
	Walk		w;
	CpgRunCounts counts;
	struct stat st;
	List	   *extract = NIL;	/* text Datums of file_ids */
	List	   *kept = NIL;		/* text Datums of paths */
	MemoryContext per_file;
	ListCell   *lc;
	int			guc_level;
	Datum		result;
	Oid			types[2] = {TEXTOID, TEXTARRAYOID};
	Datum		args[2];
	int			rc;

	if (!has_privs_of_role(GetUserId(), ROLE_PG_READ_SERVER_FILES))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("permission denied to index a directory of the database server"),
				 errdetail("Only roles with the privileges of pg_read_server_files may read server files."),
				 errhint("Use the codecpg command-line client to send the files over the connection, or have an administrator grant pg_read_server_files.")));
	cpg_require_utf8_database("index_repo");
	cpg_check_repo_name(repo);
	if (!is_absolute_path(root))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("root must be an absolute path: \"%s\"", root)));
	while (strlen(root) > 1 && root[strlen(root) - 1] == '/')
		root[strlen(root) - 1] = '\0';
	parse_options(options, &opt);
	cpg_check_layout_options(options);
	if (stat(root, &st) != 0)
		ereport(ERROR,
				(errcode_for_file_access(),
				 errmsg("could not access directory \"%s\": %m", root)));
	if (!S_ISDIR(st.st_mode))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("\"%s\" is not a directory", root)));

	/* The option applies to this call only, as a function's SET clause would. */
	guc_level = NewGUCNestLevel();
	if (opt.max_file_size)
		(void) set_config_option("codecpg.max_file_size", opt.max_file_size, PGC_USERSET, PGC_S_SESSION,
								 GUC_ACTION_SAVE, true, 0, false);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	cpg_repository_ensure(repo);
	cpg_run_lock(repo, false, opt.wait);
	options = with_layout(options, root, &opt);

	memset(&w, 0, sizeof(w));
	w.root = root;
	w.repo = repo;
	w.run_id = cpg_run_insert(repo, "server", root, options);
	w.sel.includes = list_to_array(opt.includes);
	w.sel.nincludes = list_length(opt.includes);
	w.sel.excludes = list_to_array(opt.excludes);
	w.sel.nexcludes = list_length(opt.excludes);
	w.sel.default_excludes = opt.default_excludes;
	w.visited.alloc = walk_alloc;
	w.visited.release = pfree;
	{
		char	   *real = realpath(root, NULL);

		if (real == NULL)
			ereport(ERROR,
					(errcode_for_file_access(),
					 errmsg("could not resolve directory \"%s\": %m", root)));
		w.real_root = pstrdup(real);
		free(real);
	}
	cpg_run_apply_naming(w.run_id);
	visit(&w, &st);
	walk(&w);

	memset(&counts, 0, sizeof(counts));
	counts.seen = list_length(w.files);
	per_file = AllocSetContextCreate(CurrentMemoryContext, "codecpg index file", ALLOCSET_DEFAULT_SIZES);
	foreach(lc, w.files)
	{
		const char *rel = lfirst(lc);
		MemoryContext old;
		CpgIngestResult res;
		char	   *bytes;
		int			len = 0;

		CHECK_FOR_INTERRUPTS();
		old = MemoryContextSwitchTo(per_file);
		bytes = read_file(&w, rel, &len);
		if (bytes != NULL)
		{
			cpg_ingest(repo, rel, bytes, len, w.run_id, repo, &res);
			MemoryContextSwitchTo(old);
			kept = lappend(kept, (void *) CStringGetTextDatum(rel));
			if (res.status == CPG_INGEST_UNCHANGED)
				counts.unchanged++;
			else
			{
				if (res.status == CPG_INGEST_ADDED)
					counts.added++;
				else
					counts.changed++;
				if (res.decoded)
					extract = lappend(extract, (void *) CStringGetTextDatum(res.file_id));
				else
					counts.failed++;
			}
		}
		else
		{
			/*
			 * The file is there but could not be read this time (error row
			 * recorded): its previous snapshot and facts stay until it can be.
			 */
			MemoryContextSwitchTo(old);
			kept = lappend(kept, (void *) CStringGetTextDatum(rel));
		}
		MemoryContextSwitchTo(old);
		MemoryContextReset(per_file);
	}
	MemoryContextDelete(per_file);
	counts.failed += w.failed;

	/* Files gone, no longer selected or no longer readable leave with their facts. */
	{
		Datum	   *paths = palloc(sizeof(Datum) * (list_length(kept) + 1));
		int			i = 0;

		foreach(lc, kept)
			paths[i++] = (Datum) lfirst(lc);
		args[0] = CStringGetTextDatum(repo);
		args[1] = PointerGetDatum(construct_array(paths, i, TEXTOID, -1, false, TYPALIGN_INT));
		rc = SPI_execute_with_args("DELETE FROM codecpg.repo_files_v1 WHERE repo = $1 AND path <> ALL ($2)",
								   2, types, args, NULL, false, 0);
		if (rc != SPI_OK_DELETE)
			elog(ERROR, "removing deleted files failed: %s", SPI_result_code_string(rc));
		counts.removed = SPI_processed;
	}

	{
		Datum	   *ids = palloc(sizeof(Datum) * (list_length(extract) + 1));
		int			i = 0;

		foreach(lc, extract)
			ids[i++] = (Datum) lfirst(lc);
		cpg_extract_files(w.run_id, repo, repo, ids, i);
	}
	if (opt.scip)
		run_scip(w.run_id, repo, root, opt.scip_python);
	cpg_run_finish(w.run_id, &counts);

	args[0] = Int64GetDatum(w.run_id);
	types[0] = INT8OID;
	rc = SPI_execute_with_args("SELECT * FROM codecpg.index_runs WHERE run_id = $1", 1, types, args, NULL, false, 1);
	if (rc != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "reading the run record failed");
	result = PointerGetDatum(SPI_returntuple(SPI_tuptable->vals[0], SPI_tuptable->tupdesc));
	SPI_finish();
	AtEOXact_GUC(true, guc_level);
	PG_RETURN_DATUM(result);
}
