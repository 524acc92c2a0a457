/*
 * bi_odbc.c: how an ODBC client (psqlODBC under unixODBC) sees codecpg's two views, as a
 * BI tool would: SQLTables and SQLColumns of schema codecpg (SQL type, type name, column
 * size, remarks), the SQL type and size every column of a query is described with, and
 * whole values read with SQLGetData. Used by test/shell/bi_clients.sh.
 *
 *   bi_odbc "CONNECTION STRING" meta            metadata lines
 *   bi_odbc "CONNECTION STRING" query SQL       the rows of SQL, columns tab-separated
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sql.h>
#include <sqlext.h>

static void
check(SQLRETURN rc, SQLSMALLINT type, SQLHANDLE handle, const char *what)
{
	SQLCHAR		state[6];
	SQLCHAR		message[1024];
	SQLINTEGER	native;
	SQLSMALLINT len;

	if (SQL_SUCCEEDED(rc))
		return;
	if (SQLGetDiagRec(type, handle, 1, state, &native, message, sizeof(message), &len) == SQL_SUCCESS)
		fprintf(stderr, "bi_odbc: %s: [%s] %s\n", what, state, message);
	else
		fprintf(stderr, "bi_odbc: %s failed\n", what);
	exit(1);
}

/* A whole character value, however long, read in pieces; NULL for SQL NULL. */
static char *
get_text(SQLHSTMT stmt, SQLUSMALLINT col)
{
	size_t		cap = 256;
	size_t		len = 0;
	char	   *buf = malloc(cap);

	for (;;)
	{
		SQLLEN		ind;
		SQLRETURN	rc = SQLGetData(stmt, col, SQL_C_CHAR, buf + len, (SQLLEN) (cap - len), &ind);

		if (rc == SQL_NO_DATA)
			break;
		check(rc, SQL_HANDLE_STMT, stmt, "SQLGetData");
		if (ind == SQL_NULL_DATA)
		{
			free(buf);
			return NULL;
		}
		if (rc == SQL_SUCCESS)
		{
			len += strlen(buf + len);
			break;
		}
		/* SQL_SUCCESS_WITH_INFO: the buffer is full but for its terminator */
		len = cap - 1;
		cap *= 2;
		buf = realloc(buf, cap);
	}
	buf[len] = '\0';
	return buf;
}

static void
metadata(SQLHDBC dbc)
{
	const char *views[] = {"cpg_nodes", "cpg_edges"};
	SQLHSTMT	stmt;

	check(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt), SQL_HANDLE_DBC, dbc, "SQLAllocHandle");
	check(SQLTables(stmt, NULL, 0, (SQLCHAR *) "codecpg", SQL_NTS, (SQLCHAR *) "cpg_%", SQL_NTS,
					(SQLCHAR *) "VIEW", SQL_NTS), SQL_HANDLE_STMT, stmt, "SQLTables");
	while (SQL_SUCCEEDED(SQLFetch(stmt)))
	{
		char	   *name = get_text(stmt, 3);
		char	   *kind = get_text(stmt, 4);
		char	   *remarks = get_text(stmt, 5);

		printf("table %s type=%s remarks=%s\n", name, kind, remarks && *remarks ? "yes" : "none");
		free(name), free(kind), free(remarks);
	}
	SQLCloseCursor(stmt);
	for (int v = 0; v < 2; v++)
	{
		check(SQLColumns(stmt, NULL, 0, (SQLCHAR *) "codecpg", SQL_NTS, (SQLCHAR *) views[v], SQL_NTS, NULL, 0),
			  SQL_HANDLE_STMT, stmt, "SQLColumns");
		while (SQL_SUCCEEDED(SQLFetch(stmt)))
		{
			char	   *name = get_text(stmt, 4);
			char	   *sqltype = get_text(stmt, 5);
			char	   *type = get_text(stmt, 6);
			char	   *size = get_text(stmt, 7);
			char	   *remarks = get_text(stmt, 12);
			char	   *ordinal = get_text(stmt, 17);

			printf("column %s %s %s sqltype=%s type=%s size=%s remarks=%s\n", views[v], ordinal, name, sqltype, type,
				   size ? size : "null", remarks && *remarks ? "yes" : "none");
			free(name), free(sqltype), free(type), free(size), free(remarks), free(ordinal);
		}
		SQLCloseCursor(stmt);
	}
	/* what a query's columns are described as */
	for (int v = 0; v < 2; v++)
	{
		char		sql[128];
		SQLSMALLINT ncols;

		snprintf(sql, sizeof(sql), "SELECT * FROM codecpg.%s LIMIT 0", views[v]);
		check(SQLExecDirect(stmt, (SQLCHAR *) sql, SQL_NTS), SQL_HANDLE_STMT, stmt, "SQLExecDirect");
		check(SQLNumResultCols(stmt, &ncols), SQL_HANDLE_STMT, stmt, "SQLNumResultCols");
		for (SQLUSMALLINT c = 1; c <= ncols; c++)
		{
			SQLCHAR		name[128];
			SQLSMALLINT namelen;
			SQLSMALLINT type;
			SQLULEN		size;
			SQLSMALLINT digits;
			SQLSMALLINT nullable;

			check(SQLDescribeCol(stmt, c, name, sizeof(name), &namelen, &type, &size, &digits, &nullable),
				  SQL_HANDLE_STMT, stmt, "SQLDescribeCol");
			printf("result %s %s sqltype=%d size=%lu\n", views[v], name, type, (unsigned long) size);
		}
		SQLCloseCursor(stmt);
	}
	SQLFreeHandle(SQL_HANDLE_STMT, stmt);
}

static void
query(SQLHDBC dbc, const char *sql)
{
	SQLHSTMT	stmt;
	SQLSMALLINT ncols;

	check(SQLAllocHandle(SQL_HANDLE_STMT, dbc, &stmt), SQL_HANDLE_DBC, dbc, "SQLAllocHandle");
	check(SQLExecDirect(stmt, (SQLCHAR *) sql, SQL_NTS), SQL_HANDLE_STMT, stmt, "SQLExecDirect");
	check(SQLNumResultCols(stmt, &ncols), SQL_HANDLE_STMT, stmt, "SQLNumResultCols");
	while (SQL_SUCCEEDED(SQLFetch(stmt)))
	{
		for (SQLUSMALLINT c = 1; c <= ncols; c++)
		{
			char	   *value = get_text(stmt, c);

			printf("%s%s", c > 1 ? "\t" : "", value ? value : "");
			free(value);
		}
		printf("\n");
	}
	SQLFreeHandle(SQL_HANDLE_STMT, stmt);
}

int
main(int argc, char **argv)
{
	SQLHENV		env = SQL_NULL_HANDLE;
	SQLHDBC		dbc = SQL_NULL_HANDLE;

	if (argc < 3 || (strcmp(argv[2], "query") == 0 && argc < 4))
	{
		fprintf(stderr, "usage: bi_odbc CONNECTION meta | bi_odbc CONNECTION query SQL\n");
		return 2;
	}
	if (!SQL_SUCCEEDED(SQLAllocHandle(SQL_HANDLE_ENV, SQL_NULL_HANDLE, &env)))
	{
		fprintf(stderr, "bi_odbc: cannot allocate an ODBC environment\n");
		return 1;
	}
	check(SQLSetEnvAttr(env, SQL_ATTR_ODBC_VERSION, (void *) SQL_OV_ODBC3, 0), SQL_HANDLE_ENV, env, "SQLSetEnvAttr");
	check(SQLAllocHandle(SQL_HANDLE_DBC, env, &dbc), SQL_HANDLE_ENV, env, "SQLAllocHandle");
	check(SQLDriverConnect(dbc, NULL, (SQLCHAR *) argv[1], SQL_NTS, NULL, 0, NULL, SQL_DRIVER_NOPROMPT),
		  SQL_HANDLE_DBC, dbc, "SQLDriverConnect");
	if (strcmp(argv[2], "meta") == 0)
		metadata(dbc);
	else
		query(dbc, argv[3]);
	SQLDisconnect(dbc);
	SQLFreeHandle(SQL_HANDLE_DBC, dbc);
	SQLFreeHandle(SQL_HANDLE_ENV, env);
	return 0;
}
