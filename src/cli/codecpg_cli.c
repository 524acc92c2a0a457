/*
 * codecpg_cli.c: the codecpg command-line client.
 *
 *   codecpg index DIR --repo NAME [-j N] [--include GLOB]... [--exclude GLOB]...
 *                 [--max-file-size BYTES] [--no-default-excludes] [--wait] [-q]
 *                 [-h HOST] [-p PORT] [-U USER] [-d DBNAME|CONNINFO]
 *
 * The project is on this machine, the database anywhere libpq reaches. The client
 * selects files with the server's rules (src/index/selection.c), hashes them locally,
 * asks the server for the stored hashes and sends only new and changed files.
 *
 * Failure leaves the previous state: the run record is committed first (index_begin,
 * which also takes the repository's index lock for the session), then every change of
 * the run -- snapshots, deletions, extracted facts, error rows, the finished record --
 * happens in one transaction of the coordinating connection. With -j N > 1, N more
 * connections run the extractors (pure functions of the file's bytes) in parallel and
 * the coordinator stores their rows with binary COPY inside its transaction, so
 * nothing is published until it commits. On any error the transaction is rolled back
 * and the run is marked failed with the reason.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <arpa/inet.h>

#include "libpq-fe.h"

#include "cli/cli.h"
#include "cli/progress.h"
#include "cli/sha256.h"

#define CLI_VERSION "0.1.0"
#define EXTRACT_CHUNK 4

typedef enum FileState
{
	F_NEW,
	F_CHANGED,
	F_UNCHANGED,
	F_FAILED
} FileState;

typedef struct FileEntry
{
	char	   *relpath;
	char		sha[65];
	FileState	state;
	char	   *file_id;		/* after sending */
	bool		extract;		/* sent and decoded: to be extracted */
	unsigned char *bytes;		/* kept from sending until extraction */
	size_t		len;
} FileEntry;

typedef struct Problem
{
	char	   *relpath;
	const char *kind;
	char	   *message;
} Problem;

typedef struct Domain
{
	char	   *name;
	char	   *table;			/* quoted, schema-qualified */
	char	   *sql;			/* extraction query for a worker */
	long		rows;
	long		files;
	long		errors;
	double		ms;
} Domain;

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
	bool		quiet;
	const char *host;
	const char *port;
	const char *user;
	const char *dbname;
} opt = {.jobs = 1, .max_file_size = -1, .default_excludes = true};

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
			"  codecpg index DIR --repo NAME [OPTION]...\n\n"
			"Options:\n"
			"  -r, --repo=NAME            repository name in the database (required)\n"
			"  -j, --jobs=N               connections that run extractors in parallel (default 1)\n"
			"      --include=GLOB         select files matching GLOB instead of *.py (repeatable)\n"
			"      --exclude=GLOB         skip files and directories matching GLOB (repeatable)\n"
			"      --no-default-excludes  also enter .git, virtualenvs, node_modules, __pycache__,\n"
			"                             build, dist, .tox, .eggs and *.egg-info\n"
			"      --max-file-size=BYTES  skip larger files (default: the server's codecpg.max_file_size)\n"
			"      --wait                 wait for another run of the repository instead of failing\n"
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
	FILE	   *f = fopen(path, "rb");
	struct stat st;
	unsigned char *buf;
	size_t		got;

	if (f == NULL)
	{
		*kind = "unreadable";
		*message = xasprintf("could not open file: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fileno(f), &st) != 0)
	{
		*kind = "unreadable";
		*message = xasprintf("could not stat file: %s", strerror(errno));
		fclose(f);
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

/* ---- parallel extraction (-j N > 1) ---- */

typedef struct Shared
{
	pthread_mutex_t lock;		/* guards everything below and the coordinator */
	FileEntry **todo;
	int			ntodo;
	int			next;
	Domain	   *domains;
	int			ndomains;
	Progress   *progress;
	char	   *error;			/* first fatal error */
} Shared;

typedef struct Worker
{
	pthread_t	thread;
	PGconn	   *conn;
	Shared	   *shared;
} Worker;

static void
put_int16(unsigned char *p, int16_t v)
{
	uint16_t	n = htons((uint16_t) v);

	memcpy(p, &n, 2);
}

static void
put_int32(unsigned char *p, int32_t v)
{
	uint32_t	n = htonl((uint32_t) v);

	memcpy(p, &n, 4);
}

/* Stores a worker's binary result rows in the coordinator's transaction. */
static char *
copy_rows(const char *table, PGresult *rows)
{
	static const unsigned char header[19] = "PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0";
	char	   *sql = xasprintf("COPY %s FROM STDIN (FORMAT binary)", table);
	PGresult   *res = PQexec(coord, sql);
	int			nf = PQnfields(rows);
	char	   *err = NULL;
	unsigned char trailer[2];

	free(sql);
	if (PQresultStatus(res) != PGRES_COPY_IN)
	{
		err = xstrdup(PQresultErrorMessage(res));
		PQclear(res);
		return err;
	}
	PQclear(res);
	PQputCopyData(coord, (const char *) header, sizeof(header));
	for (int r = 0; r < PQntuples(rows); r++)
	{
		size_t		size = 2;
		unsigned char *buf;
		unsigned char *p;

		for (int f = 0; f < nf; f++)
			size += 4 + (PQgetisnull(rows, r, f) ? 0 : PQgetlength(rows, r, f));
		p = buf = xmalloc(size);
		put_int16(p, (int16_t) nf);
		p += 2;
		for (int f = 0; f < nf; f++)
		{
			if (PQgetisnull(rows, r, f))
			{
				put_int32(p, -1);
				p += 4;
				continue;
			}
			put_int32(p, PQgetlength(rows, r, f));
			p += 4;
			memcpy(p, PQgetvalue(rows, r, f), PQgetlength(rows, r, f));
			p += PQgetlength(rows, r, f);
		}
		if (PQputCopyData(coord, (const char *) buf, (int) size) != 1)
			err = xstrdup(PQerrorMessage(coord));
		free(buf);
	}
	put_int16(trailer, -1);
	PQputCopyData(coord, (const char *) trailer, 2);
	PQputCopyEnd(coord, NULL);
	while ((res = PQgetResult(coord)) != NULL)
	{
		if (PQresultStatus(res) != PGRES_COMMAND_OK && err == NULL)
			err = xstrdup(PQresultErrorMessage(res));
		PQclear(res);
	}
	return err;
}

static void
set_error(Shared *s, char *err)
{
	if (s->error == NULL)
		s->error = err;
	else
		free(err);
}

static void *
worker_main(void *arg)
{
	Worker	   *w = arg;
	Shared	   *s = w->shared;

	for (;;)
	{
		FileEntry  *f;

		pthread_mutex_lock(&s->lock);
		if (s->error != NULL || s->next >= s->ntodo)
		{
			pthread_mutex_unlock(&s->lock);
			break;
		}
		f = s->todo[s->next++];
		pthread_mutex_unlock(&s->lock);

		for (int d = 0; d < s->ndomains; d++)
		{
			Domain	   *dom = &s->domains[d];
			const char *values[4] = {opt.repo, f->relpath, (const char *) f->bytes, f->sha};
			int			lengths[4] = {0, 0, (int) f->len, 0};
			int			formats[4] = {0, 0, 1, 0};
			double		t0 = cli_now();
			PGresult   *res = PQexecParams(w->conn, dom->sql, 4, NULL, values, lengths, formats, 1);
			double		ms = (cli_now() - t0) * 1000;
			char	   *err = NULL;

			pthread_mutex_lock(&s->lock);
			if (PQresultStatus(res) == PGRES_TUPLES_OK)
			{
				err = copy_rows(dom->table, res);
				dom->rows += PQntuples(res);
				dom->files++;
			}
			else if (PQstatus(w->conn) != CONNECTION_OK)
				err = xasprintf("worker connection lost: %s", PQerrorMessage(w->conn));
			else
			{
				/* One file's extractor failure is an error row, not a failed run. */
				const char *params[6] = {run_id, opt.repo, f->relpath, dom->name,
				PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY)};
				PGresult   *ins;

				if (params[4] == NULL)
					params[4] = PQresultErrorMessage(res);
				ins = PQexecParams(coord,
								   "INSERT INTO codecpg.index_errors (run_id, repo, path, domain, kind, message) "
								   "VALUES ($1::bigint, $2, $3, $4, 'extractor_error', $5)",
								   5, NULL, params, NULL, NULL, 0);
				if (PQresultStatus(ins) != PGRES_COMMAND_OK)
					err = xstrdup(PQresultErrorMessage(ins));
				PQclear(ins);
				dom->errors++;
			}
			dom->ms += ms;
			if (err)
				set_error(s, err);
			pthread_mutex_unlock(&s->lock);
			PQclear(res);
			if (err)
				break;
		}
		pthread_mutex_lock(&s->lock);
		free(f->bytes);
		f->bytes = NULL;
		progress_add(s->progress, 1);
		pthread_mutex_unlock(&s->lock);
	}
	return NULL;
}

static Domain *
load_domains(int *n)
{
	PGresult   *res = query(coord,
							"SELECT d.domain, format('%I.%I', cn.nspname, c.relname), "
							"format('%I.%I', pn.nspname, p.proname), d.passes_sha256 "
							"FROM codecpg.index_domains() d "
							"JOIN pg_class c ON c.oid = d.root_table JOIN pg_namespace cn ON cn.oid = c.relnamespace "
							"JOIN pg_proc p ON p.oid = d.extractor JOIN pg_namespace pn ON pn.oid = p.pronamespace",
							0, NULL, NULL, NULL, 0, PGRES_TUPLES_OK);
	Domain	   *domains;

	*n = PQntuples(res);
	domains = xmalloc(sizeof(Domain) * (*n + 1));
	for (int i = 0; i < *n; i++)
	{
		memset(&domains[i], 0, sizeof(Domain));
		domains[i].name = xstrdup(PQgetvalue(res, i, 0));
		domains[i].table = xstrdup(PQgetvalue(res, i, 1));
		/* In FROM: "(f(...)).*" in a target list would call the extractor once per column. */
		domains[i].sql = xasprintf("SELECT x.* FROM codecpg.decode_source($3::bytea) d "
								   "CROSS JOIN LATERAL %s($1, $2, d.source%s) x WHERE d.source IS NOT NULL",
								   PQgetvalue(res, i, 2),
								   strcmp(PQgetvalue(res, i, 3), "t") == 0 ? ", $4" : "");
	}
	PQclear(res);
	return domains;
}

static char *
extract_parallel(FileEntry **todo, int ntodo, Progress *progress)
{
	Shared		s;
	Worker	   *workers;
	int			nworkers = opt.jobs < ntodo ? opt.jobs : ntodo;
	char	   *json;

	memset(&s, 0, sizeof(s));
	pthread_mutex_init(&s.lock, NULL);
	s.todo = todo;
	s.ntodo = ntodo;
	s.progress = progress;
	s.domains = load_domains(&s.ndomains);
	workers = xmalloc(sizeof(Worker) * (nworkers + 1));
	for (int i = 0; i < nworkers; i++)
	{
		workers[i].conn = connect_db();
		workers[i].shared = &s;
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

	json = xstrdup("{");
	for (int d = 0; d < s.ndomains; d++)
	{
		char	   *next = xasprintf("%s%s\"%s\": {\"rows\": %ld, \"files\": %ld, \"errors\": %ld, \"ms\": %.1f}",
									 json, d ? ", " : "", s.domains[d].name, s.domains[d].rows,
									 s.domains[d].files, s.domains[d].errors, s.domains[d].ms);

		free(json);
		json = next;
	}
	{
		char	   *next = xasprintf("%s}", json);

		free(json);
		return next;
	}
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
	char	   *domains_json = NULL;

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
	limit = PQntuples(res) == 1 ? atol(PQgetvalue(res, 0, 0)) : 10L * 1024 * 1024;
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
			failed++;
			seen++;
			continue;
		}
		memset(&files[nfiles], 0, sizeof(FileEntry));
		files[nfiles].relpath = it->relpath;
		cli_sha256_hex(bytes, len, files[nfiles].sha);
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
		char	   *opts = xasprintf("{\"include\": %s, \"exclude\": %s, \"default_excludes\": %s, "
									 "\"max_file_size\": %ld, \"jobs\": %d, \"wait\": %s}",
									 inc, exc, opt.default_excludes ? "true" : "false", limit, opt.jobs,
									 opt.wait ? "true" : "false");
		const char *params[4] = {opt.repo, root, opts};

		res = query(coord, "SELECT codecpg.index_begin($1, 'client', $2, $3::jsonb)", 3, params, NULL, NULL, 0,
					PGRES_TUPLES_OK);
		snprintf(run_id, sizeof(run_id), "%s", PQgetvalue(res, 0, 0));
		PQclear(res);
		free(inc);
		free(exc);
		free(opts);
	}
	PQclear(query(coord, "BEGIN", 0, NULL, NULL, NULL, 0, PGRES_COMMAND_OK));
	in_transaction = true;

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

	for (int i = 0; i < nproblems; i++)
	{
		const char *params[5] = {run_id, opt.repo, problems[i].relpath, problems[i].kind, problems[i].message};

		PQclear(query(coord, "INSERT INTO codecpg.index_errors (run_id, repo, path, kind, message) "
					  "VALUES ($1::bigint, $2, $3, $4, $5)", 5, params, NULL, NULL, 0, PGRES_COMMAND_OK));
	}

	/* Send new and changed files. */
	todo = xmalloc(sizeof(FileEntry *) * (nfiles + 1));
	{
		int			nsend = 0;

		for (int i = 0; i < nfiles; i++)
			if (files[i].state != F_UNCHANGED)
				nsend++;
		progress_start(&progress, "send", nsend, opt.quiet);
	}
	for (int i = 0; i < nfiles; i++)
	{
		FileEntry  *f = &files[i];
		char	   *full;
		const char *kind = NULL;
		char	   *message = NULL;

		if (f->state == F_UNCHANGED)
		{
			unchanged++;
			continue;
		}
		full = xasprintf("%s/%s", root, f->relpath);
		f->bytes = read_file(full, &f->len, limit, &kind, &message);
		free(full);
		if (f->bytes == NULL)
			fail("file \"%s\" changed while it was indexed: %s", f->relpath, message);
		cli_sha256_hex(f->bytes, f->len, f->sha);
		{
			const char *params[4] = {opt.repo, f->relpath, (const char *) f->bytes, run_id};
			int			lengths[4] = {0, 0, (int) f->len, 0};
			int			formats[4] = {0, 0, 1, 0};

			res = query(coord, "SELECT file_id, status, decoded FROM codecpg.put_file_bytes($1, $2, $3::bytea, $4::bigint)",
						4, params, lengths, formats, 0, PGRES_TUPLES_OK);
		}
		f->file_id = xstrdup(PQgetvalue(res, 0, 0));
		if (strcmp(PQgetvalue(res, 0, 1), "added") == 0)
			added++;
		else if (strcmp(PQgetvalue(res, 0, 1), "changed") == 0)
			changed++;
		else
			unchanged++;
		f->extract = strcmp(PQgetvalue(res, 0, 1), "unchanged") != 0 && strcmp(PQgetvalue(res, 0, 2), "t") == 0;
		if (strcmp(PQgetvalue(res, 0, 2), "t") != 0)
			failed++;
		PQclear(res);
		if (f->extract && opt.jobs > 1)
			todo[ntodo++] = f;
		else
		{
			if (f->extract)
				todo[ntodo++] = f;
			free(f->bytes);
			f->bytes = NULL;
		}
		progress_add(&progress, 1);
	}
	progress_end(&progress);

	/* Files gone (or no longer selected or readable) leave with their facts. */
	{
		char	  **kept = xmalloc(sizeof(char *) * (nfiles + 1));
		char	   *array;
		const char *params[2];

		for (int i = 0; i < nfiles; i++)
			kept[i] = files[i].relpath;
		array = text_array(kept, nfiles);
		params[0] = opt.repo;
		params[1] = array;
		res = query(coord, "DELETE FROM codecpg.repo_files_v1 WHERE repo = $1 AND path <> ALL ($2::text[])",
					2, params, NULL, NULL, 0, PGRES_COMMAND_OK);
		removed = atoi(PQcmdTuples(res));
		PQclear(res);
		free(array);
		free(kept);
	}

	/* Extract. */
	progress_start(&progress, "extract", ntodo, opt.quiet);
	if (opt.jobs > 1 && ntodo > 0)
	{
		char	  **ids = xmalloc(sizeof(char *) * (ntodo + 1));
		char	   *array;
		const char *params[2];

		domains_json = extract_parallel(todo, ntodo, &progress);
		for (int i = 0; i < ntodo; i++)
			ids[i] = todo[i]->file_id;
		array = text_array(ids, ntodo);
		params[0] = run_id;
		params[1] = array;
		PQclear(query(coord, "SELECT codecpg.index_collect_errors($1::bigint, $2::text[])", 2, params, NULL, NULL, 0,
					  PGRES_TUPLES_OK));
		free(array);
		free(ids);
	}
	else
	{
		for (int i = 0; i < ntodo; i += EXTRACT_CHUNK)
		{
			int			n = ntodo - i < EXTRACT_CHUNK ? ntodo - i : EXTRACT_CHUNK;
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
	}
	progress_end(&progress);

	{
		char	   *counts = xasprintf("{\"seen\": %d, \"added\": %d, \"changed\": %d, \"removed\": %d, "
									   "\"unchanged\": %d, \"failed\": %d}",
									   seen,
									   added, changed, removed, unchanged, failed);
		const char *params[3] = {run_id, counts, domains_json};

		PQclear(query(coord, "SELECT codecpg.index_finish($1::bigint, $2::jsonb, $3::jsonb)", 3, params, NULL, NULL, 0,
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
			printf("  %s problems recorded: SELECT * FROM codecpg.index_errors WHERE run_id = %s;\n",
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
	if (argc < 2 || strcmp(argv[1], "index") != 0)
	{
		fprintf(stderr, "codecpg: error: expected the command \"index\"\n");
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
