/*
 * export.c: codecpg export, a repository's code property graph in a file, in one step.
 *
 *   codecpg export --repo NAME --format graphml|jsonl|csv [--kinds KIND,...]
 *                  [--output PATH] [-q] [-h HOST] [-p PORT] [-U USER] [-d DBNAME|CONNINFO]
 *
 * The rows are those of the views cpg_nodes and cpg_edges, read in one read-only
 * snapshot, nodes first. They stream: JSON Lines and GraphML rows arrive one at a time
 * (libpq's single-row mode) and CSV comes from COPY, so memory stays the same whatever
 * the size of the repository.
 *
 *   jsonl    one JSON object per line, every column of the view plus "type": "node" or
 *            "type": "edge" (props as an object)
 *   graphml  GraphML 1.0: a directed graph with every column as a typed attribute (<key>)
 *   csv      two files in the --output directory, nodes.csv and edges.csv, with a header
 *
 * --kinds keeps the nodes and the edges whose kind it lists (node and edge kinds have
 * distinct names), e.g. CST_FUNCTION_DEF,CST_CLASS_DEF,PY_CALLS_QNAME; an edge is kept
 * even when a node it connects is not.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "libpq-fe.h"

#include "cli/cli.h"

#define INT4OID 23
#define INT8OID 20
#define FLOAT8OID 701
#define BOOLOID 16

typedef enum Format
{
	FMT_JSONL,
	FMT_GRAPHML,
	FMT_CSV
} Format;

static struct
{
	const char *repo;
	Format		format;
	const char *kinds;			/* comma-separated, or NULL for all */
	const char *output;
	bool		quiet;
	const char *host;
	const char *port;
	const char *user;
	const char *dbname;
} eopt;

static PGconn *conn;

static void
export_usage(FILE *out)
{
	fprintf(out,
			"codecpg export writes a repository's code property graph (cpg_nodes, cpg_edges) to a file.\n\n"
			"Usage:\n"
			"  codecpg export --repo NAME --format graphml|jsonl|csv [OPTION]...\n\n"
			"Options:\n"
			"  -r, --repo=NAME       repository to export (required)\n"
			"  -f, --format=FORMAT   jsonl (one JSON object per line, \"type\": \"node\" or \"edge\"),\n"
			"                        graphml (GraphML 1.0), or csv (nodes.csv and edges.csv)\n"
			"      --kinds=LIST      only the node and edge kinds listed, comma-separated\n"
			"  -o, --output=PATH     file to write (default: standard output); for csv the\n"
			"                        directory to write nodes.csv and edges.csv in (default: .)\n"
			"  -q, --quiet           no summary on standard error\n\n"
			"Connection options (libpq; PGHOST, PGPORT, PGUSER, PGDATABASE, PGSERVICE apply too):\n"
			"  -h, --host=HOST  -p, --port=PORT  -U, --username=USER  -d, --dbname=DBNAME|CONNINFO\n\n"
			"Exit status: 0 on success, 1 when the export failed, 2 on usage or connection errors.\n");
}

static void
die(const char *what, const char *detail)
{
	fprintf(stderr, "codecpg: error: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	if (conn)
		PQfinish(conn);
	exit(1);
}

static void
die_pq(const char *what, PGresult *res)
{
	char	   *msg = xstrdup(res && PQresultErrorMessage(res)[0] ? PQresultErrorMessage(res) : PQerrorMessage(conn));
	size_t		len = strlen(msg);

	while (len > 0 && msg[len - 1] == '\n')
		msg[--len] = '\0';
	die(what, msg);
}

static void
exec_ok(const char *sql)
{
	PGresult   *res = PQexec(conn, sql);

	if (PQresultStatus(res) != PGRES_COMMAND_OK && PQresultStatus(res) != PGRES_TUPLES_OK)
		die_pq(sql, res);
	PQclear(res);
}

static void
write_or_die(FILE *out, const char *data, size_t len)
{
	if (len > 0 && fwrite(data, 1, len, out) != len)
		die("could not write the export", strerror(errno));
}

/* ---- GraphML ---- */

/* XML 1.0 text: markup escaped, characters XML cannot hold replaced by U+FFFD. */
static void
xml_text(FILE *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *) s; *p; p++)
	{
		switch (*p)
		{
			case '&':
				fputs("&amp;", out);
				break;
			case '<':
				fputs("&lt;", out);
				break;
			case '>':
				fputs("&gt;", out);
				break;
			case '"':
				fputs("&quot;", out);
				break;
			case '\t':
			case '\n':
			case '\r':
				fputc(*p, out);
				break;
			default:
				if (*p < 0x20)
					fputs("\xef\xbf\xbd", out);
				else
					fputc(*p, out);
		}
	}
}

static const char *
graphml_type(Oid type)
{
	switch (type)
	{
		case INT4OID:
			return "int";
		case INT8OID:
			return "long";
		case FLOAT8OID:
			return "double";
		case BOOLOID:
			return "boolean";
		default:
			return "string";
	}
}

/* The columns that are the element itself rather than attributes of it. */
static bool
graphml_structural(const char *element, const char *column)
{
	if (strcmp(element, "node") == 0)
		return strcmp(column, "node_id") == 0;
	return strcmp(column, "edge_id") == 0 || strcmp(column, "src_node_id") == 0 || strcmp(column, "dst_node_id") == 0;
}

static void
graphml_keys(FILE *out, const char *element, const PGresult *desc)
{
	for (int c = 0; c < PQnfields(desc); c++)
	{
		const char *name = PQfname(desc, c);

		if (graphml_structural(element, name))
			continue;
		fprintf(out, "  <key id=\"%c_%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
				element[0], name, element, name, graphml_type(PQftype(desc, c)));
	}
}

static void
graphml_row(FILE *out, const char *element, const PGresult *row)
{
	int			id = PQfnumber(row, strcmp(element, "node") == 0 ? "node_id" : "edge_id");

	fprintf(out, "    <%s id=\"", element);
	xml_text(out, PQgetvalue(row, 0, id));
	if (strcmp(element, "edge") == 0)
	{
		fputs("\" source=\"", out);
		xml_text(out, PQgetvalue(row, 0, PQfnumber(row, "src_node_id")));
		fputs("\" target=\"", out);
		xml_text(out, PQgetvalue(row, 0, PQfnumber(row, "dst_node_id")));
	}
	fputs("\">", out);
	for (int c = 0; c < PQnfields(row); c++)
	{
		if (PQgetisnull(row, 0, c) || graphml_structural(element, PQfname(row, c)))
			continue;
		fprintf(out, "<data key=\"%c_%s\">", element[0], PQfname(row, c));
		xml_text(out, PQgetvalue(row, 0, c));
		fputs("</data>", out);
	}
	fprintf(out, "</%s>\n", element);
}

/* ---- the rows ---- */

/* Streams the rows of a query, one at a time; returns how many. */
static long
stream(const char *sql, const char *const *params, int nparams, FILE *out, const char *element)
{
	PGresult   *res;
	long		rows = 0;

	if (!PQsendQueryParams(conn, sql, nparams, NULL, params, NULL, NULL, 0))
		die_pq("could not send the query", NULL);
	if (!PQsetSingleRowMode(conn))
		die("could not read the rows one at a time", NULL);
	while ((res = PQgetResult(conn)) != NULL)
	{
		switch (PQresultStatus(res))
		{
			case PGRES_SINGLE_TUPLE:
				if (eopt.format == FMT_JSONL)
				{
					write_or_die(out, PQgetvalue(res, 0, 0), PQgetlength(res, 0, 0));
					write_or_die(out, "\n", 1);
				}
				else
					graphml_row(out, element, res);
				if (ferror(out))
					die("could not write the export", strerror(errno));
				rows++;
				break;
			case PGRES_TUPLES_OK:
				break;
			default:
				die_pq("reading the graph failed", res);
		}
		PQclear(res);
	}
	return rows;
}

/* COPY of a query to a CSV file; returns the rows written. */
static long
copy_csv(const char *select, const char *path)
{
	FILE	   *out = fopen(path, "w");
	char	   *sql = xasprintf("COPY (%s) TO STDOUT WITH (FORMAT csv, HEADER)", select);
	PGresult   *res;
	char	   *buf;
	int			len;
	long		lines = 0;

	if (out == NULL)
		die(path, strerror(errno));
	res = PQexec(conn, sql);
	if (PQresultStatus(res) != PGRES_COPY_OUT)
		die_pq("reading the graph failed", res);
	PQclear(res);
	while ((len = PQgetCopyData(conn, &buf, 0)) > 0)
	{
		/* one row per message; a quoted value may hold line breaks */
		write_or_die(out, buf, (size_t) len);
		lines++;
		PQfreemem(buf);
	}
	if (len == -2)
		die_pq("reading the graph failed", NULL);
	res = PQgetResult(conn);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		die_pq("reading the graph failed", res);
	PQclear(res);
	if (fclose(out) != 0)
		die(path, strerror(errno));
	free(sql);
	return lines - 1;			/* the header */
}

static PGresult *
describe(const char *sql)
{
	PGresult   *res = PQexec(conn, sql);

	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		die_pq("reading the graph's columns failed", res);
	return res;
}

static int
run_export(void)
{
	const char *keys[] = {"host", "port", "user", "dbname", "fallback_application_name", NULL};
	const char *vals[] = {eopt.host, eopt.port, eopt.user, eopt.dbname, "codecpg export", NULL};
	const char *params[2];
	char	   *kinds_array = NULL;
	const char *kind_filter_n = "";
	const char *kind_filter_e = "";
	long		nodes;
	long		edges;
	PGresult   *res;

	conn = PQconnectdbParams(keys, vals, 1);
	if (conn == NULL || PQstatus(conn) != CONNECTION_OK)
	{
		fprintf(stderr, "codecpg: error: could not connect to the database: %s",
				conn ? PQerrorMessage(conn) : "out of memory\n");
		exit(2);
	}
	/* one snapshot for nodes and edges */
	exec_ok("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
	params[0] = eopt.repo;
	res = PQexecParams(conn, "SELECT EXISTS (SELECT 1 FROM codecpg.repo_files_v1 WHERE repo = $1)",
					   1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_TUPLES_OK)
		die_pq("reading the repository failed", res);
	if (strcmp(PQgetvalue(res, 0, 0), "t") != 0)
	{
		fprintf(stderr, "codecpg: error: repository \"%s\" has no indexed files\n"
				"hint: SELECT repo FROM codecpg.repositories lists the repositories\n", eopt.repo);
		PQfinish(conn);
		return 1;
	}
	PQclear(res);
	if (eopt.kinds)
	{
		kinds_array = xasprintf("{%s}", eopt.kinds);
		params[1] = kinds_array;
		kind_filter_n = " AND n.node_kind = ANY ($2::text[])";
		kind_filter_e = " AND e.edge_kind = ANY ($2::text[])";
	}

	if (eopt.format == FMT_CSV)
	{
		const char *dir = eopt.output ? eopt.output : ".";
		char	   *repo = PQescapeLiteral(conn, eopt.repo, strlen(eopt.repo));
		char	   *kinds = kinds_array ? PQescapeLiteral(conn, kinds_array, strlen(kinds_array)) : NULL;
		struct stat st;

		if (repo == NULL || (kinds_array && kinds == NULL))
			die_pq("quoting the repository name failed", NULL);
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
			die("the --output of a CSV export must be an existing directory", dir);
		nodes = copy_csv(xasprintf("SELECT * FROM codecpg.cpg_nodes n WHERE n.repo = %s%s%s%s", repo,
								   kinds ? " AND n.node_kind = ANY (" : "", kinds ? kinds : "", kinds ? "::text[])" : ""),
						 xasprintf("%s/nodes.csv", dir));
		edges = copy_csv(xasprintf("SELECT * FROM codecpg.cpg_edges e WHERE e.repo = %s%s%s%s", repo,
								   kinds ? " AND e.edge_kind = ANY (" : "", kinds ? kinds : "", kinds ? "::text[])" : ""),
						 xasprintf("%s/edges.csv", dir));
		PQfreemem(repo);
		if (kinds)
			PQfreemem(kinds);
	}
	else
	{
		FILE	   *out = eopt.output ? fopen(eopt.output, "w") : stdout;
		int			nparams = kinds_array ? 2 : 1;

		if (out == NULL)
			die(eopt.output, strerror(errno));
		if (eopt.format == FMT_JSONL)
		{
			nodes = stream(xasprintf("SELECT (jsonb_build_object('type', 'node') || to_jsonb(n))::text "
									 "FROM codecpg.cpg_nodes n WHERE n.repo = $1%s", kind_filter_n),
						   params, nparams, out, "node");
			edges = stream(xasprintf("SELECT (jsonb_build_object('type', 'edge') || to_jsonb(e))::text "
									 "FROM codecpg.cpg_edges e WHERE e.repo = $1%s", kind_filter_e),
						   params, nparams, out, "edge");
		}
		else
		{
			PGresult   *ndesc = describe("SELECT * FROM codecpg.cpg_nodes LIMIT 0");
			PGresult   *edesc = describe("SELECT * FROM codecpg.cpg_edges LIMIT 0");

			fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				  "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
				  "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
				  "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
				  "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n", out);
			graphml_keys(out, "node", ndesc);
			graphml_keys(out, "edge", edesc);
			PQclear(ndesc);
			PQclear(edesc);
			fputs("  <graph id=\"", out);
			xml_text(out, eopt.repo);
			fputs("\" edgedefault=\"directed\">\n", out);
			nodes = stream(xasprintf("SELECT * FROM codecpg.cpg_nodes n WHERE n.repo = $1%s", kind_filter_n),
						   params, nparams, out, "node");
			edges = stream(xasprintf("SELECT * FROM codecpg.cpg_edges e WHERE e.repo = $1%s", kind_filter_e),
						   params, nparams, out, "edge");
			fputs("  </graph>\n</graphml>\n", out);
		}
		if (fflush(out) != 0 || (out != stdout && fclose(out) != 0))
			die("could not write the export", strerror(errno));
	}
	exec_ok("COMMIT");
	PQfinish(conn);
	if (!eopt.quiet)
		fprintf(stderr, "codecpg: exported %ld nodes and %ld edges of repository \"%s\"\n", nodes, edges, eopt.repo);
	return 0;
}

int
cli_export(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"repo", required_argument, NULL, 'r'},
		{"format", required_argument, NULL, 'f'},
		{"kinds", required_argument, NULL, 'K'},
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"host", required_argument, NULL, 'h'},
		{"port", required_argument, NULL, 'p'},
		{"username", required_argument, NULL, 'U'},
		{"dbname", required_argument, NULL, 'd'},
		{"help", no_argument, NULL, '?'},
		{NULL, 0, NULL, 0}
	};
	const char *format = NULL;
	int			c;

	optind = 2;
	while ((c = getopt_long(argc, argv, "r:f:o:qh:p:U:d:", longopts, NULL)) != -1)
	{
		switch (c)
		{
			case 'r':
				eopt.repo = optarg;
				break;
			case 'f':
				format = optarg;
				break;
			case 'K':
				/* kind names are identifiers: nothing to quote in an array literal */
				for (const char *k = optarg; *k; k++)
					if (!(*k == ',' || *k == '_' || (*k >= 'A' && *k <= 'Z') || (*k >= '0' && *k <= '9')))
					{
						fprintf(stderr, "codecpg: error: --kinds takes kind names like CST_FUNCTION_DEF, separated by commas\n");
						return 2;
					}
				eopt.kinds = optarg;
				break;
			case 'o':
				eopt.output = optarg;
				break;
			case 'q':
				eopt.quiet = true;
				break;
			case 'h':
				eopt.host = optarg;
				break;
			case 'p':
				eopt.port = optarg;
				break;
			case 'U':
				eopt.user = optarg;
				break;
			case 'd':
				eopt.dbname = optarg;
				break;
			case '?':
				if (optopt == 0 && strcmp(argv[optind - 1], "--help") == 0)
				{
					export_usage(stdout);
					return 0;
				}
				export_usage(stderr);
				return 2;
			default:
				export_usage(stderr);
				return 2;
		}
	}
	if (optind != argc)
	{
		fprintf(stderr, "codecpg: error: export takes no arguments besides options\n");
		return 2;
	}
	if (eopt.repo == NULL || *eopt.repo == '\0')
	{
		fprintf(stderr, "codecpg: error: --repo NAME is required\n");
		return 2;
	}
	if (format == NULL)
	{
		fprintf(stderr, "codecpg: error: --format graphml|jsonl|csv is required\n");
		return 2;
	}
	if (strcmp(format, "jsonl") == 0)
		eopt.format = FMT_JSONL;
	else if (strcmp(format, "graphml") == 0)
		eopt.format = FMT_GRAPHML;
	else if (strcmp(format, "csv") == 0)
		eopt.format = FMT_CSV;
	else
	{
		fprintf(stderr, "codecpg: error: unknown format \"%s\" (graphml, jsonl or csv)\n", format);
		return 2;
	}
	return run_export();
}
