/*
 * codecpg_cli.c: the codecpg command-line client.
 *
 *   codecpg index DIR --repo NAME [-j N] [--include GLOB]... [--exclude GLOB]...
 *                 [--max-file-size BYTES] [--no-default-excludes] [--wait] [--no-cpg] [-q]
 *                 [--package NAME] [--source-root DIR]
 *                 [-h HOST] [-p PORT] [-U USER] [-d DBNAME|CONNINFO]
 *   codecpg export ...   (export.c)
 *
 * The project is on this machine, the database anywhere libpq reaches. The client
 * selects files with the server's rules (src/index/selection.c), hashes them locally,
 * asks the server for the stored hashes and sends only new and changed files.
 *
 * Failure leaves the previous state: the run record is committed first (index_begin,
 * which also takes the repository's index lock for the session), then every change of
 * the run -- snapshots, deletions, extracted facts, error rows, the finished record --
 * becomes visible in one transaction of the coordinating connection. With -j 1 that
 * transaction does all the work. With -j N > 1, N worker connections each store a share
 * of the files and extract them under the run's staging repository
 * (codecpg.index_staging_repo), committing chunk by chunk, and the coordinator
 * publishes the staging in one transaction (codecpg.index_publish). On any error the
 * work is rolled back, the staging deleted and the run marked failed with the reason.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libpq-fe.h"

#include "cli/cli.h"
#include "cli/progress.h"
#include "common/sha256.h"
#include "index/layout.h"

#define CLI_VERSION "0.2.0"
#define EXTRACT_CHUNK 4

typedef enum FileState
{
	F_NEW,
	F_CHANGED,
	F_UNCHANGED
} FileState;

typedef struct FileEntry
{
	char	   *relpath;
	char		sha[65];
	FileState	state;
	char	   *file_id;		/* after sending */
} FileEntry;

typedef struct Problem
{
	char	   *relpath;
	const char *kind;
	char	   *message;
} Problem;

static struct
{
	const char *dir;
	const char *repo;
	int			jobs;
	const char **includes;
	int			nincludes;
	const char **excludes;
	int			nexcludes;
	long		max_file_size;	/* -1: the server's setting */
	bool		default_excludes;
	bool		wait;
	bool		cpg;				/* refresh the code property graph */
	bool		quiet;
	const char *package;		/* the root's package name; NULL: detect */
	const char *source_root;	/* the directory on sys.path; NULL: detect */
	const char *host;
	const char *port;
	const char *user;
	const char *dbname;
} opt = {.jobs = 1, .max_file_size = -1, .default_excludes = true, .cpg = true};

/* The coordinating connection and its run: what fail() must clean up. */
static PGconn *coord;
static char run_id[32];
static bool in_transaction;

void *
xmalloc(size_t size)
{
	void	   *p = malloc(size ? size : 1);

	if (p == NULL)
	{
		fprintf(stderr, "codecpg: error: out of memory\n");
		exit(1);
	}
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	p = realloc(p, size ? size : 1);
	if (p == NULL)
	{
		fprintf(stderr, "codecpg: error: out of memory\n");
		exit(1);
	}
	return p;
}

char *
xstrdup(const char *s)
{
	return strcpy(xmalloc(strlen(s) + 1), s);
}

char *
xasprintf(const char *fmt,...)
{
	va_list		ap;
	int			n;
	char	   *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	s = xmalloc(n + 1);
	va_start(ap, fmt);
	vsnprintf(s, n + 1, fmt, ap);
	va_end(ap);
	return s;
}

static void
usage(FILE *out)
{
	fprintf(out,
			"codecpg indexes a Python project into a PostgreSQL database with the codecpg extension.\n\n"
			"Usage:\n"
			"  codecpg index DIR --repo NAME [OPTION]...\n"
			"  codecpg export --repo NAME --format graphml|jsonl|csv [OPTION]...  (codecpg export --help)\n\n"
			"Options:\n"
			"  -r, --repo=NAME            repository name in the database (required)\n"
			"  -j, --jobs=N               connections that run extractors in parallel (default 1)\n"
			"      --include=GLOB         select files matching GLOB instead of *.py (repeatable)\n"
			"      --exclude=GLOB         skip files and directories matching GLOB (repeatable)\n"
			"      --no-default-excludes  also enter .git, virtualenvs, node_modules, __pycache__,\n"
			"                             build, dist, .tox, .eggs and *.egg-info\n"
			"      --max-file-size=BYTES  skip larger files (default: the server's codecpg.max_file_size)\n"
			"      --wait                 wait for another run of the repository instead of failing\n"
			"      --no-cpg               do not refresh the code property graph at the end of the run\n"
			"      --package=NAME         the package DIR itself is, when its modules import themselves\n"
			"                             as NAME.* (default: DIR's name when it holds __init__.py)\n"
			"      --source-root=DIR      the directory under DIR that is on sys.path (default: src\n"
			"                             for a src layout); an empty value turns detection off\n"
			"  -q, --quiet                no progress output\n\n"
			"Connection options (libpq; PGHOST, PGPORT, PGUSER, PGDATABASE, PGSERVICE apply too):\n"
			"  -h, --host=HOST  -p, --port=PORT  -U, --username=USER  -d, --dbname=DBNAME|CONNINFO\n\n"
			"Exit status: 0 on success, 1 when the run failed (nothing changed), 2 on usage or\n"
			"connection errors.\n");
}

/* Rolls the run back, records why, and exits 1. */
static void
fail(const char *fmt,...) __attribute__((format(printf, 1, 2), noreturn));

static void
fail(const char *fmt,...)
{
	va_list		ap;
	char		msg[4096];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	while (strlen(msg) > 0 && msg[strlen(msg) - 1] == '\n')
		msg[strlen(msg) - 1] = '\0';
	fprintf(stderr, "%scodecpg: error: %s\n", isatty(2) ? "\n" : "", msg);
	if (coord && PQstatus(coord) == CONNECTION_OK && run_id[0])
	{
		const char *params[2] = {run_id, msg};
		PGresult   *res;

		if (in_transaction)
			PQclear(PQexec(coord, "ROLLBACK"));
		res = PQexecParams(coord, "SELECT codecpg.index_fail($1::bigint, $2)", 2, NULL, params, NULL, NULL, 0);
		if (PQresultStatus(res) == PGRES_TUPLES_OK)
			fprintf(stderr, "codecpg: run %s failed; the previous state of repository \"%s\" is unchanged\n",
					run_id, opt.repo);
		PQclear(res);
	}
	if (coord)
		PQfinish(coord);
	exit(1);
}

static PGresult *
query(PGconn *conn, const char *sql, int n, const char *const *values, const int *lengths,
	  const int *formats, int result_format, ExecStatusType expected)
{
	PGresult   *res = PQexecParams(conn, sql, n, NULL, values, lengths, formats, result_format);

	if (PQresultStatus(res) != expected)
	{
		char	   *msg = xstrdup(PQresultErrorMessage(res)[0] ? PQresultErrorMessage(res) : PQerrorMessage(conn));

		PQclear(res);
		fail("%s", msg);
	}
	return res;
}

static PGconn *
connect_db(void)
{
	const char *keys[] = {"host", "port", "user", "dbname", "fallback_application_name", NULL};
	const char *vals[] = {opt.host, opt.port, opt.user, opt.dbname, "codecpg", NULL};
	PGconn	   *conn = PQconnectdbParams(keys, vals, 1);

	if (conn == NULL || PQstatus(conn) != CONNECTION_OK)
	{
		fprintf(stderr, "codecpg: error: could not connect to the database: %s",
				conn ? PQerrorMessage(conn) : "out of memory\n");
		if (coord)
			fail("a worker connection could not be opened");
		exit(2);
	}
	return conn;
}

static unsigned char *
read_file(const char *path, size_t *len, long limit, const char **kind, char **message)
{
	/*
	 * The walk saw a regular file, but it may have been replaced by a FIFO or a
	 * device since, whose open() would block forever: open without blocking and
	 * insist on a regular file (reads of a regular file ignore O_NONBLOCK).
	 */
	int			fd = open(path, O_RDONLY | O_NONBLOCK);
	FILE	   *f;
	struct stat st;
	unsigned char *buf;
	size_t		got;

	if (fd < 0)
	{
		*kind = "unreadable";
		*message = xasprintf("could not open file: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) != 0)
	{
		*kind = "unreadable";
		*message = xasprintf("could not stat file: %s", strerror(errno));
		close(fd);
		return NULL;
	}
	if (!S_ISREG(st.st_mode))
	{
		*kind = "unreadable";
		*message = xstrdup("not a regular file");
		close(fd);
		return NULL;
	}
	f = fdopen(fd, "rb");
	if (f == NULL)
	{
		*kind = "unreadable";
		*message = xasprintf("could not open file: %s", strerror(errno));
		close(fd);
		return NULL;
	}
	if (st.st_size > limit)
	{
		*kind = "size_limit";
		*message = xasprintf("file has %lld bytes, more than codecpg.max_file_size (%ld bytes)",
							 (long long) st.st_size, limit);
		fclose(f);
		return NULL;
	}
	buf = xmalloc(st.st_size + 1);
	got = fread(buf, 1, st.st_size, f);
	if (got != (size_t) st.st_size || ferror(f))
	{
		*kind = "unreadable";
		*message = ferror(f) ? xasprintf("could not read file: %s", strerror(errno))
			: xstrdup("file shrank while it was read");
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	*len = got;
	return buf;
}

static int
cmp_entries(const void *a, const void *b)
{
	return strcmp(((const FileEntry *) a)->relpath, ((const FileEntry *) b)->relpath);
}

/* A PostgreSQL array literal of strings. */
static char *
text_array(char **items, int n)
{
	size_t		size = 3;
	char	   *out;
	char	   *p;

	for (int i = 0; i < n; i++)
		size += 2 * strlen(items[i]) + 3;
	out = p = xmalloc(size);
	*p++ = '{';
	for (int i = 0; i < n; i++)
	{
		if (i > 0)
			*p++ = ',';
		*p++ = '"';
		for (const char *s = items[i]; *s; s++)
		{
			if (*s == '"' || *s == '\\')
				*p++ = '\\';
			*p++ = *s;
		}
		*p++ = '"';
	}
	*p++ = '}';
	*p = '\0';
	return out;
}

static char *
json_string(const char *s)
{
	size_t		size = 3;
	char	   *out;
	char	   *p;

	for (const char *q = s; *q; q++)
		size += 6;
	out = p = xmalloc(size);
	*p++ = '"';
	for (; *s; s++)
	{
		if (*s == '"' || *s == '\\')
		{
			*p++ = '\\';
			*p++ = *s;
		}
		else if ((unsigned char) *s < 0x20)
			p += sprintf(p, "\\u%04x", (unsigned char) *s);
		else
			*p++ = *s;
	}
	*p++ = '"';
	*p = '\0';
	return out;
}

static char *
json_globs(const char **globs, int n)
{
	char	   *out = xstrdup("[");

	for (int i = 0; i < n; i++)
	{
		char	   *g = json_string(globs[i]);
		char	   *next = xasprintf("%s%s%s", out, i ? ", " : "", g);

		free(g);
		free(out);
		out = next;
	}
	{
		char	   *next = xasprintf("%s]", out);

		free(out);
		return next;
	}
}

/* ---- parallel runs (-j N > 1) ---- */

typedef struct Shared
{
	pthread_mutex_t lock;		/* guards everything below */
	FileEntry **todo;
	int			ntodo;
	int			next;
	const char *staging;
	const char *root;
	long		limit;
	int			undecoded;
	Progress   *progress;
	char	   *error;			/* first fatal error */
} Shared;

typedef struct Worker
{
	pthread_t	thread;
	PGconn	   *conn;
	Shared	   *shared;
} Worker;

static char *
worker_exec(PGconn *conn, const char *sql, int n, const char *const *values, const int *lengths,
			const int *formats, ExecStatusType expected, PGresult **out)
{
	PGresult   *res = PQexecParams(conn, sql, n, NULL, values, lengths, formats, 0);
	char	   *err = NULL;

	if (PQresultStatus(res) != expected)
		err = xstrdup(PQresultErrorMessage(res)[0] ? PQresultErrorMessage(res) : PQerrorMessage(conn));
	if (out && err == NULL)
		*out = res;
	else
		PQclear(res);
	return err;
}

/* Stages one chunk of files and their facts in one transaction of the worker. */
static char *
stage_chunk(Worker *w, FileEntry **chunk, int n, int *undecoded)
{
	Shared	   *s = w->shared;
	char	   *ids[EXTRACT_CHUNK];
	int			nids = 0;
	char	   *err = worker_exec(w->conn, "BEGIN", 0, NULL, NULL, NULL, PGRES_COMMAND_OK, NULL);

	for (int i = 0; i < n && err == NULL; i++)
	{
		FileEntry  *f = chunk[i];
		char	   *full = xasprintf("%s/%s", s->root, f->relpath);
		const char *kind = NULL;
		char	   *message = NULL;
		size_t		len = 0;
		unsigned char *bytes = read_file(full, &len, s->limit, &kind, &message);
		PGresult   *res = NULL;

		free(full);
		if (bytes == NULL)
		{
			err = xasprintf("file \"%s\" changed while it was indexed: %s", f->relpath, message);
			break;
		}
		{
			const char *params[4] = {s->staging, f->relpath, (const char *) bytes, run_id};
			int			lengths[4] = {0, 0, (int) len, 0};
			int			formats[4] = {0, 0, 1, 0};

			err = worker_exec(w->conn, "SELECT file_id, decoded FROM codecpg.put_file_bytes($1, $2, $3::bytea, $4::bigint)",
							  4, params, lengths, formats, PGRES_TUPLES_OK, &res);
		}
		free(bytes);
		if (err)
			break;
		if (strcmp(PQgetvalue(res, 0, 1), "t") == 0)
			ids[nids++] = xstrdup(PQgetvalue(res, 0, 0));
		else
			(*undecoded)++;
		PQclear(res);
	}
	if (err == NULL && nids > 0)
	{
		char	   *array = text_array(ids, nids);
		const char *params[2] = {run_id, array};

		err = worker_exec(w->conn, "SELECT codecpg.index_extract($1::bigint, $2::text[], true)", 2, params, NULL, NULL,
						  PGRES_TUPLES_OK, NULL);
		free(array);
	}
	for (int i = 0; i < nids; i++)
		free(ids[i]);
	if (err == NULL)
		err = worker_exec(w->conn, "COMMIT", 0, NULL, NULL, NULL, PGRES_COMMAND_OK, NULL);
	return err;
}

static void *
worker_main(void *arg)
{
	Worker	   *w = arg;
	Shared	   *s = w->shared;

	for (;;)
	{
		FileEntry  *chunk[EXTRACT_CHUNK];
		int			n = 0;
		int			undecoded = 0;
		char	   *err;

		pthread_mutex_lock(&s->lock);
		while (s->error == NULL && s->next < s->ntodo && n < EXTRACT_CHUNK)
			chunk[n++] = s->todo[s->next++];
		pthread_mutex_unlock(&s->lock);
		if (n == 0)
			break;
		err = stage_chunk(w, chunk, n, &undecoded);
		pthread_mutex_lock(&s->lock);
		s->undecoded += undecoded;
		if (err && s->error == NULL)
			s->error = err;
		else
			free(err);
		progress_add(s->progress, n);
		pthread_mutex_unlock(&s->lock);
		if (err)
			break;
	}
	return NULL;
}

/* Stages the files on -j connections; returns the number that could not be decoded. */
static int
stage_parallel(FileEntry **todo, int ntodo, const char *root, long limit, Progress *progress)
{
	Shared		s;
	Worker	   *workers;
	int			nworkers = opt.jobs;
	PGresult   *res;
	const char *params[1] = {run_id};

	memset(&s, 0, sizeof(s));
	pthread_mutex_init(&s.lock, NULL);
	s.todo = todo;
	s.ntodo = ntodo;
	s.root = root;
	s.limit = limit;
	s.progress = progress;
	res = query(coord, "SELECT codecpg.index_staging_repo($1::bigint)", 1, params, NULL, NULL, 0, PGRES_TUPLES_OK);
	s.staging = xstrdup(PQgetvalue(res, 0, 0));
	PQclear(res);
	if ((ntodo + EXTRACT_CHUNK - 1) / EXTRACT_CHUNK < nworkers)
		nworkers = (ntodo + EXTRACT_CHUNK - 1) / EXTRACT_CHUNK;
	workers = xmalloc(sizeof(Worker) * (nworkers + 1));
	for (int i = 0; i < nworkers; i++)
	{
		char		limit_text[32];
		const char *limit_param[1] = {limit_text};

		workers[i].conn = connect_db();
		workers[i].shared = &s;
		/* put_file_bytes checks the limit in the worker's session: give it the run's */
		snprintf(limit_text, sizeof(limit_text), "%ld", limit);
		PQclear(query(workers[i].conn, "SELECT pg_catalog.set_config('codecpg.max_file_size', $1, false)", 1,
					  limit_param, NULL, NULL, 0, PGRES_TUPLES_OK));
	}
	for (int i = 0; i < nworkers; i++)
		if (pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]) != 0)
			fail("could not start a worker thread");
	for (int i = 0; i < nworkers; i++)
	{
		pthread_join(workers[i].thread, NULL);
		PQfinish(workers[i].conn);
	}
	free(workers);
	if (s.error)
		fail("%s", s.error);
	return s.undecoded;
}

/* ---- the run ---- */

static int
cmd_index(void)
{
	CpgSelection sel = {opt.includes, opt.nincludes, opt.excludes, opt.nexcludes, opt.default_excludes};
	WalkResult	walk = {NULL, 0, 0};
	FileEntry  *files;
	int			nfiles = 0;
	Problem    *problems;
	int			nproblems = 0;
	char	  **unread;			/* selected files that could not be read */
	int			nunread = 0;
	char		root[4096];
	char		limit_text[32];
	long		limit;
	PGresult   *res;
	int			added = 0,
				changed = 0,
				unchanged = 0,
				failed = 0,
				removed = 0,
				seen = 0;
	FileEntry **todo;
	int			ntodo = 0;
	Progress	progress;
	double		t_start = cli_now();

	if (realpath(opt.dir, root) == NULL)
	{
		fprintf(stderr, "codecpg: error: cannot index \"%s\": %s\n", opt.dir, strerror(errno));
		return 2;
	}
	coord = connect_db();
	res = PQexec(coord, "SELECT setting FROM pg_settings WHERE name = 'server_encoding'");
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 && strcmp(PQgetvalue(res, 0, 0), "UTF8") != 0)
		fail("the database must have encoding UTF8, not %s", PQgetvalue(res, 0, 0));
	PQclear(res);
	res = query(coord, "SELECT count(*) FROM pg_extension WHERE extname = 'codecpg'", 0, NULL, NULL, NULL, 0, PGRES_TUPLES_OK);
	if (strcmp(PQgetvalue(res, 0, 0), "1") != 0)
		fail("the codecpg extension is not installed in database \"%s\" (run CREATE EXTENSION codecpg)", PQdb(coord));
	PQclear(res);
	/* Calling into the library registers codecpg.max_file_size. */
	PQclear(query(coord, "SELECT count(*) FROM codecpg.index_domains()", 0, NULL, NULL, NULL, 0, PGRES_TUPLES_OK));
	if (opt.max_file_size >= 0)
	{
		const char *params[1] = {limit_text};

		snprintf(limit_text, sizeof(limit_text), "%ld", opt.max_file_size);
		PQclear(query(coord, "SELECT set_config('codecpg.max_file_size', $1, false)", 1, params, NULL, NULL, 0,
					  PGRES_TUPLES_OK));
	}
	res = query(coord, "SELECT setting FROM pg_settings WHERE name = 'codecpg.max_file_size'", 0, NULL, NULL, NULL, 0,
				PGRES_TUPLES_OK);
	if (PQntuples(res) != 1)
		fail("the server does not define codecpg.max_file_size; is the codecpg library up to date?");
	limit = atol(PQgetvalue(res, 0, 0));
	PQclear(res);

	/* Select and hash locally. */
	if (!cli_walk(root, &sel, &walk))
	{
		fprintf(stderr, "codecpg: error: cannot index \"%s\": %s\n", root, strerror(errno));
		PQfinish(coord);
		return 2;
	}
	files = xmalloc(sizeof(FileEntry) * (walk.nitems + 1));
	problems = xmalloc(sizeof(Problem) * (walk.nitems + 1));
	unread = xmalloc(sizeof(char *) * (walk.nitems + 1));
	progress_start(&progress, "hash", walk.nitems, opt.quiet);
	for (int i = 0; i < walk.nitems; i++)
	{
		WalkItem   *it = &walk.items[i];
		char	   *full;
		unsigned char *bytes;
		size_t		len = 0;
		const char *kind = NULL;
		char	   *message = NULL;

		progress_add(&progress, 1);
		if (it->kind)
		{
			problems[nproblems++] = (Problem) {it->relpath, it->kind, it->message};
			failed++;
			continue;
		}
		full = xasprintf("%s/%s", root, it->relpath);
		bytes = read_file(full, &len, limit, &kind, &message);
		free(full);
		if (bytes == NULL)
		{
			problems[nproblems++] = (Problem) {it->relpath, kind, message};
			/* there but unreadable this time: its previous snapshot stays */
			unread[nunread++] = it->relpath;
			failed++;
			seen++;
			continue;
		}
		memset(&files[nfiles], 0, sizeof(FileEntry));
		files[nfiles].relpath = it->relpath;
		cpg_sha256_buffer_hex(bytes, len, files[nfiles].sha);
		files[nfiles].state = F_NEW;
		free(bytes);
		nfiles++;
		seen++;
	}
	progress_end(&progress);
	qsort(files, nfiles, sizeof(FileEntry), cmp_entries);

	/* The run record is committed before the work, so that a failure is recorded. */
	{
		char	   *inc = json_globs(opt.includes, opt.nincludes);
		char	   *exc = json_globs(opt.excludes, opt.nexcludes);
		CpgLayout	layout;
		char	   *package;
		char	   *source_root;
		char	   *opts;

		/* The module naming of the run: as given, else as the directory's files say. */
		cpg_layout_detect(root, &layout);
		package = json_string(opt.package ? opt.package : layout.package);
		source_root = json_string(opt.source_root ? opt.source_root : layout.source_root);
		opts = xasprintf("{\"include\": %s, \"exclude\": %s, \"default_excludes\": %s, "
						 "\"max_file_size\": %ld, \"jobs\": %d, \"wait\": %s, \"cpg\": %s, "
						 "\"package\": %s, \"source_root\": %s}",
						 inc, exc, opt.default_excludes ? "true" : "false", limit, opt.jobs,
						 opt.wait ? "true" : "false", opt.cpg ? "true" : "false", package, source_root);
		free(package);
		free(source_root);
		const char *params[4] = {opt.repo, root, opts};

		res = query(coord, "SELECT codecpg.index_begin($1, 'client', $2, $3::jsonb)", 3, params, NULL, NULL, 0,
					PGRES_TUPLES_OK);
		snprintf(run_id, sizeof(run_id), "%s", PQgetvalue(res, 0, 0));
		PQclear(res);
		free(inc);
		free(exc);
		free(opts);
	}
	/* Compare with the stored hashes (both lists in byte order). */
	{
		const char *params[1] = {opt.repo};
		int			j = 0;

		res = query(coord, "SELECT path, file_sha256 FROM codecpg.repo_files_v1 WHERE repo = $1 ORDER BY path COLLATE \"C\"",
					1, params, NULL, NULL, 0, PGRES_TUPLES_OK);
		for (int i = 0; i < nfiles; i++)
		{
			int			c = 1;

			while (j < PQntuples(res) && (c = strcmp(PQgetvalue(res, j, 0), files[i].relpath)) < 0)
				j++;
			if (j < PQntuples(res) && c == 0)
				files[i].state = strcmp(PQgetvalue(res, j, 1), files[i].sha) == 0 ? F_UNCHANGED : F_CHANGED;
		}
		PQclear(res);
	}
	todo = xmalloc(sizeof(FileEntry *) * (nfiles + 1));
	for (int i = 0; i < nfiles; i++)
	{
		if (files[i].state == F_UNCHANGED)
			unchanged++;
		else
		{
			todo[ntodo++] = &files[i];
			if (files[i].state == F_NEW)
				added++;
			else
				changed++;
		}
	}

	if (opt.jobs > 1)
	{
		/* Workers stage and extract in their own transactions; publishing is atomic. */
		progress_start(&progress, "index", ntodo, opt.quiet);
		failed += stage_parallel(todo, ntodo, root, limit, &progress);
		progress_end(&progress);
		PQclear(query(coord, "BEGIN", 0, NULL, NULL, NULL, 0, PGRES_COMMAND_OK));
		in_transaction = true;
	}
	else
	{
		int			nextract = 0;

		PQclear(query(coord, "BEGIN", 0, NULL, NULL, NULL, 0, PGRES_COMMAND_OK));
		in_transaction = true;
		progress_start(&progress, "send", ntodo, opt.quiet);
		for (int i = 0; i < ntodo; i++)
		{
			FileEntry  *f = todo[i];
			char	   *full = xasprintf("%s/%s", root, f->relpath);
			const char *kind = NULL;
			char	   *message = NULL;
			size_t		len = 0;
			unsigned char *bytes = read_file(full, &len, limit, &kind, &message);

			free(full);
			if (bytes == NULL)
				fail("file \"%s\" changed while it was indexed: %s", f->relpath, message);
			{
				const char *params[4] = {opt.repo, f->relpath, (const char *) bytes, run_id};
				int			lengths[4] = {0, 0, (int) len, 0};
				int			formats[4] = {0, 0, 1, 0};

				res = query(coord, "SELECT file_id, decoded FROM codecpg.put_file_bytes($1, $2, $3::bytea, $4::bigint)",
							4, params, lengths, formats, 0, PGRES_TUPLES_OK);
			}
			free(bytes);
			f->file_id = xstrdup(PQgetvalue(res, 0, 0));
			if (strcmp(PQgetvalue(res, 0, 1), "t") == 0)
				todo[nextract++] = f;
			else
				failed++;
			PQclear(res);
			progress_add(&progress, 1);
		}
		progress_end(&progress);

		progress_start(&progress, "extract", nextract, opt.quiet);
		for (int i = 0; i < nextract; i += EXTRACT_CHUNK)
		{
			int			n = nextract - i < EXTRACT_CHUNK ? nextract - i : EXTRACT_CHUNK;
			char	   *ids[EXTRACT_CHUNK];
			char	   *array;
			const char *params[2];

			for (int k = 0; k < n; k++)
				ids[k] = todo[i + k]->file_id;
			array = text_array(ids, n);
			params[0] = run_id;
			params[1] = array;
			PQclear(query(coord, "SELECT codecpg.index_extract($1::bigint, $2::text[])", 2, params, NULL, NULL, 0,
						  PGRES_TUPLES_OK));
			free(array);
			progress_add(&progress, n);
		}
		progress_end(&progress);
	}

	for (int i = 0; i < nproblems; i++)
	{
		const char *params[5] = {run_id, opt.repo, problems[i].relpath, problems[i].kind, problems[i].message};

		PQclear(query(coord, "INSERT INTO codecpg.index_errors (run_id, repo, path, kind, message) "
					  "VALUES ($1::bigint, $2, $3, $4, $5)", 5, params, NULL, NULL, 0, PGRES_COMMAND_OK));
	}

	/*
	 * Files gone (or no longer selected) leave with their facts, files that could not
	 * be read this time keep theirs; a parallel run also moves what it staged.
	 */
	{
		char	  **kept = xmalloc(sizeof(char *) * (nfiles + nunread + 1));
		char	   *array;

		for (int i = 0; i < nfiles; i++)
			kept[i] = files[i].relpath;
		for (int i = 0; i < nunread; i++)
			kept[nfiles + i] = unread[i];
		array = text_array(kept, nfiles + nunread);
		if (opt.jobs > 1)
		{
			const char *params[2] = {run_id, array};

			res = query(coord, "SELECT codecpg.index_publish($1::bigint, $2::text[])", 2, params, NULL, NULL, 0,
						PGRES_TUPLES_OK);
			removed = atoi(PQgetvalue(res, 0, 0));
		}
		else
		{
			const char *params[2] = {opt.repo, array};

			res = query(coord, "DELETE FROM codecpg.repo_files_v1 WHERE repo = $1 AND path <> ALL ($2::text[])",
						2, params, NULL, NULL, 0, PGRES_COMMAND_OK);
			removed = atoi(PQcmdTuples(res));
		}
		PQclear(res);
		free(array);
		free(kept);
	}

	{
		char	   *counts = xasprintf("{\"seen\": %d, \"added\": %d, \"changed\": %d, \"removed\": %d, "
									   "\"unchanged\": %d, \"failed\": %d}",
									   seen,
									   added, changed, removed, unchanged, failed);
		const char *params[2] = {run_id, counts};

		PQclear(query(coord, "SELECT codecpg.index_finish($1::bigint, $2::jsonb)", 2, params, NULL, NULL, 0,
					  PGRES_TUPLES_OK));
		free(counts);
	}
	PQclear(query(coord, "COMMIT", 0, NULL, NULL, NULL, 0, PGRES_COMMAND_OK));
	in_transaction = false;

	if (!opt.quiet)
	{
		const char *params[1] = {run_id};

		printf("codecpg: run %s of repository \"%s\" succeeded in %.1f s: %d files seen, %d added, %d changed, "
			   "%d removed, %d unchanged, %d failed\n",
			   run_id, opt.repo, cli_now() - t_start, seen, added, changed, removed,
			   unchanged, failed);
		res = query(coord, "SELECT key, value ->> 'rows', value ->> 'files', value ->> 'errors', value ->> 'ms' "
					"FROM codecpg.index_runs, jsonb_each(domains) WHERE run_id = $1::bigint ORDER BY key",
					1, params, NULL, NULL, 0, PGRES_TUPLES_OK);
		for (int i = 0; i < PQntuples(res); i++)
			printf("  %-12s %8s rows %6s files %4s errors %10s ms\n", PQgetvalue(res, i, 0), PQgetvalue(res, i, 1),
				   PQgetvalue(res, i, 2), PQgetvalue(res, i, 3), PQgetvalue(res, i, 4));
		if (PQntuples(res) == 0)
			printf("  no extractor is installed: only the source snapshot was stored\n");
		PQclear(res);
		res = query(coord, "SELECT count(*) FROM codecpg.index_errors WHERE run_id = $1::bigint", 1, params, NULL, NULL, 0,
					PGRES_TUPLES_OK);
		if (strcmp(PQgetvalue(res, 0, 0), "0") != 0)
			printf("  %s problem(s) recorded: SELECT * FROM codecpg.index_errors WHERE run_id = %s;\n",
				   PQgetvalue(res, 0, 0), run_id);
		PQclear(res);
	}
	PQfinish(coord);
	return 0;
}

static void
add_glob(const char ***list, int *n, const char *glob)
{
	*list = xrealloc(*list, sizeof(char *) * (*n + 1));
	(*list)[(*n)++] = glob;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"repo", required_argument, NULL, 'r'},
		{"jobs", required_argument, NULL, 'j'},
		{"include", required_argument, NULL, 'I'},
		{"exclude", required_argument, NULL, 'X'},
		{"max-file-size", required_argument, NULL, 'M'},
		{"no-default-excludes", no_argument, NULL, 'N'},
		{"wait", no_argument, NULL, 'W'},
		{"no-cpg", no_argument, NULL, 'G'},
		{"package", required_argument, NULL, 'P'},
		{"source-root", required_argument, NULL, 'S'},
		{"quiet", no_argument, NULL, 'q'},
		{"host", required_argument, NULL, 'h'},
		{"port", required_argument, NULL, 'p'},
		{"username", required_argument, NULL, 'U'},
		{"dbname", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, '?'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0}
	};
	int			c;
	char	   *end;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-?") == 0))
	{
		usage(stdout);
		return 0;
	}
	if (argc > 1 && (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0))
	{
		printf("codecpg " CLI_VERSION "\n");
		return 0;
	}
	if (argc > 1 && strcmp(argv[1], "export") == 0)
		return cli_export(argc, argv);
	if (argc < 2 || strcmp(argv[1], "index") != 0)
	{
		fprintf(stderr, "codecpg: error: expected the command \"index\" or \"export\"\n");
		usage(stderr);
		return 2;
	}
	optind = 2;
	while ((c = getopt_long(argc, argv, "r:j:h:p:U:d:q", longopts, NULL)) != -1)
	{
		switch (c)
		{
			case 'r':
				opt.repo = optarg;
				break;
			case 'j':
				opt.jobs = (int) strtol(optarg, &end, 10);
				if (*end || opt.jobs < 1 || opt.jobs > 64)
				{
					fprintf(stderr, "codecpg: error: --jobs must be a number from 1 to 64\n");
					return 2;
				}
				break;
			case 'I':
				add_glob(&opt.includes, &opt.nincludes, optarg);
				break;
			case 'X':
				add_glob(&opt.excludes, &opt.nexcludes, optarg);
				break;
			case 'M':
				opt.max_file_size = strtol(optarg, &end, 10);
				if (*end || opt.max_file_size < 0 || opt.max_file_size > 268435455L)
				{
					fprintf(stderr, "codecpg: error: --max-file-size must be a number of bytes from 0 to 268435455\n");
					return 2;
				}
				break;
			case 'N':
				opt.default_excludes = false;
				break;
			case 'W':
				opt.wait = true;
				break;
			case 'G':
				opt.cpg = false;
				break;
			case 'P':
				if (!cpg_layout_valid_package(optarg))
				{
					fprintf(stderr, "codecpg: error: --package must be a dotted package name, such as django\n");
					return 2;
				}
				opt.package = optarg;
				break;
			case 'S':
				if (!cpg_layout_valid_source_root(optarg))
				{
					fprintf(stderr, "codecpg: error: --source-root must be a directory under DIR, such as src\n");
					return 2;
				}
				opt.source_root = optarg;
				break;
			case 'q':
				opt.quiet = true;
				break;
			case 'h':
				opt.host = optarg;
				break;
			case 'p':
				opt.port = optarg;
				break;
			case 'U':
				opt.user = optarg;
				break;
			case 'd':
				opt.dbname = optarg;
				break;
			case '?':
				if (optopt == 0 && strcmp(argv[optind - 1], "--help") == 0)
				{
					usage(stdout);
					return 0;
				}
				usage(stderr);
				return 2;
			default:
				usage(stderr);
				return 2;
		}
	}
	if (optind != argc - 1)
	{
		fprintf(stderr, "codecpg: error: expected exactly one directory to index\n");
		return 2;
	}
	opt.dir = argv[optind];
	if (opt.repo == NULL || *opt.repo == '\0')
	{
		fprintf(stderr, "codecpg: error: --repo NAME is required\n");
		return 2;
	}
	return cmd_index();
}
