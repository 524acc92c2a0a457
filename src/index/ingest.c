/*
 * ingest.c: from a file's raw bytes to its snapshot in repo_files_v1.
 *
 * The snapshot's file_sha256 is the SHA-256 of the raw bytes, so a client can tell
 * which files changed without sending them. The text is decoded as CPython would
 * read the file: a UTF-8 BOM, else a PEP 263 coding declaration on line 1 (or on
 * line 2 when line 1 is blank or a comment), else UTF-8. Other encodings are converted
 * by PostgreSQL's conversion procedures. A file that cannot be decoded is still
 * stored, with source NULL, so that an unchanged bad file is not read again; the
 * problem becomes an error row of the run.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "common/ids.h"
#include "common/span.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "index/index.h"
#include "index/selection.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"
#include "utils/formatting.h"

PG_FUNCTION_INFO_V1(cpg_decode_source);
PG_FUNCTION_INFO_V1(cpg_put_file_bytes);

static int
line_of_offset(const char *s, int offset)
{
	int			line = 0;

	for (int i = 0; i < offset; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= offset || s[i + 1] != '\n')))
			line++;
	return line;
}

/* The declared encoding of a line, if it is a PEP 263 comment; *is_comment_or_blank. */
static char *
coding_cookie(const char *line, int len, bool *is_comment_or_blank)
{
	int			i = 0;

	while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\f'))
		i++;
	*is_comment_or_blank = (i == len || line[i] == '#' || line[i] == '\n' || line[i] == '\r');
	if (i == len || line[i] != '#')
		return NULL;
	for (; i + 6 < len; i++)
	{
		int			j;
		int			start;

		if (memcmp(line + i, "coding", 6) != 0 || (line[i + 6] != ':' && line[i + 6] != '='))
			continue;
		j = i + 7;
		while (j < len && (line[j] == ' ' || line[j] == '\t'))
			j++;
		start = j;
		while (j < len && (isalnum((unsigned char) line[j]) || line[j] == '-' ||
						   line[j] == '_' || line[j] == '.'))
			j++;
		if (j > start)
			return pnstrdup(line + start, j - start);
	}
	return NULL;
}

/*
 * Python's codec name (normalised as CPython's tokenizer does) to a PostgreSQL
 * encoding; -1 when PostgreSQL has no such encoding. "ascii" maps to SQL_ASCII and is
 * checked separately.
 */
static int
python_codec_to_pg(const char *codec, const char **canonical)
{
	char	   *name = asc_tolower(codec, strlen(codec));
	static const struct
	{
		const char *python;
		const char *pg;
	}			aliases[] = {
		{"cp932", "sjis"}, {"ms932", "sjis"}, {"shift-jis", "sjis"}, {"cp936", "gbk"},
		{"cp949", "uhc"}, {"cp950", "big5"}, {"latin-1", "latin1"}, {"iso-latin-1", "latin1"},
		{"l1", "latin1"}, {"cp1250", "win1250"}, {"cp1251", "win1251"}, {"cp1252", "win1252"},
		{"cp1253", "win1253"}, {"cp1254", "win1254"}, {"cp1255", "win1255"},
		{"cp1256", "win1256"}, {"cp1257", "win1257"}, {"cp1258", "win1258"},
		{"cp866", "win866"}, {"cp874", "win874"},
	};

	for (char *p = name; *p; p++)
		if (*p == '_')
			*p = '-';
	if (strcmp(name, "utf-8") == 0 || strncmp(name, "utf-8-", 6) == 0 || strcmp(name, "utf8") == 0)
	{
		*canonical = "utf-8";
		return PG_UTF8;
	}
	*canonical = name;
	if (strcmp(name, "ascii") == 0 || strcmp(name, "us-ascii") == 0)
		return PG_SQL_ASCII;
	for (size_t i = 0; i < lengthof(aliases); i++)
		if (strcmp(name, aliases[i].python) == 0)
			return pg_char_to_encoding(aliases[i].pg);
	return pg_char_to_encoding(name);
}

/* Offset of the first byte that is not valid in the encoding, or -1. */
static int
first_invalid(int encoding, const char *s, int len)
{
	int			i = 0;

	while (i < len)
	{
		int			l;

		if (!IS_HIGHBIT_SET(s[i]))
		{
			i++;
			continue;
		}
		if (encoding == PG_SQL_ASCII)
			return i;
		l = pg_encoding_verifymbchar(encoding, s + i, len - i);
		if (l < 0)
			return i;
		i += l;
	}
	return -1;
}

static void
decode_failed(CpgDecoded *out, const char *bytes, int offset, const char *fmt, const char *arg)
{
	out->source = NULL;
	out->source_len = 0;
	out->error_kind = "encoding";
	out->error_line0 = offset >= 0 ? line_of_offset(bytes, offset) : -1;
	out->error_message = psprintf(fmt, arg, offset);
}

void
cpg_decode(const char *bytes, int len, CpgDecoded *out)
{
	const char *nul = memchr(bytes, '\0', len);
	const char *text = bytes;
	int			text_len = len;
	bool		bom = false;
	char	   *declared = NULL;
	const char *canonical = "utf-8";
	int			encoding = PG_UTF8;
	int			bad;

	memset(out, 0, sizeof(*out));
	out->error_line0 = -1;
	if (nul != NULL)
	{
		out->error_kind = "nul_byte";
		out->error_line0 = line_of_offset(bytes, nul - bytes);
		out->error_message = psprintf("source contains a NUL byte at byte offset %d", (int) (nul - bytes));
		return;
	}
	if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0)
	{
		bom = true;
		text += 3;
		text_len -= 3;
	}

	{
		const char *eol1 = memchr(text, '\n', text_len);
		int			len1 = eol1 ? eol1 - text + 1 : text_len;
		bool		blank1;

		declared = coding_cookie(text, len1, &blank1);
		if (declared == NULL && blank1 && eol1 != NULL)
		{
			const char *line2 = eol1 + 1;
			const char *eol2 = memchr(line2, '\n', text + text_len - line2);
			bool		blank2;

			declared = coding_cookie(line2, eol2 ? eol2 - line2 + 1 : text + text_len - line2, &blank2);
		}
	}
	if (declared != NULL)
	{
		encoding = python_codec_to_pg(declared, &canonical);
		if (encoding < 0)
		{
			decode_failed(out, bytes, -1, "unknown encoding \"%s\" declared in a coding comment", declared);
			return;
		}
		if (bom && encoding != PG_UTF8)
		{
			decode_failed(out, bytes, 0, "encoding \"%s\" declared after a UTF-8 byte order mark", declared);
			return;
		}
	}
	out->encoding = canonical;

	bad = first_invalid(encoding, text, text_len);
	if (bad >= 0)
	{
		decode_failed(out, bytes, bad + (int) (text - bytes),
					  "invalid byte sequence for encoding \"%s\" at byte offset %d", canonical);
		return;
	}
	if (encoding == PG_UTF8 || encoding == PG_SQL_ASCII)
	{
		out->source = pnstrdup(text, text_len);
		out->source_len = text_len;
		return;
	}
	else
	{
		Oid			proc = FindDefaultConversionProc(encoding, PG_UTF8);
		unsigned char *dst;
		int			converted;

		if (!OidIsValid(proc))
		{
			decode_failed(out, bytes, -1, "no conversion from encoding \"%s\" to UTF-8", canonical);
			return;
		}
		if ((Size) text_len * MAX_CONVERSION_GROWTH + 1 >= MaxAllocSize)
		{
			decode_failed(out, bytes, -1, "file in encoding \"%s\" too large to convert", canonical);
			return;
		}
		dst = palloc((Size) text_len * MAX_CONVERSION_GROWTH + 1);
		converted = pg_do_encoding_conversion_buf(proc, encoding, PG_UTF8,
												  (unsigned char *) text, text_len,
												  dst, text_len * MAX_CONVERSION_GROWTH + 1, true);
		if (converted < text_len)
		{
			decode_failed(out, bytes, converted + (int) (text - bytes),
						  "character with no equivalent in UTF-8 for encoding \"%s\" at byte offset %d",
						  canonical);
			return;
		}
		out->source = (char *) dst;
		out->source_len = strlen((char *) dst);
	}
}

/* Lines as repo_files_v1.line_count counts them: \n, \r\n and \r end a line. */
static int
count_lines(const char *s, int len)
{
	int			n = 0;

	if (len == 0)
		return 0;
	for (int i = 0; i < len; i++)
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= len || s[i + 1] != '\n')))
			n++;
	if (s[len - 1] != '\n' && s[len - 1] != '\r')
		n++;
	return n;
}

const char *
cpg_ingest_status_name(CpgIngestStatus status)
{
	switch (status)
	{
		case CPG_INGEST_ADDED:
			return "added";
		case CPG_INGEST_CHANGED:
			return "changed";
		case CPG_INGEST_UNCHANGED:
			break;
	}
	return "unchanged";
}

static void
check_size(const char *path, int64 len)
{
	if (len > cpg_max_file_size)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("file \"%s\" is too large to index (%lld bytes)", path, (long long) len),
				 errdetail("The limit codecpg.max_file_size is %d bytes.", cpg_max_file_size)));
}

void
cpg_ingest(const char *repo, const char *path, const char *bytes, int len, int64 run_id,
		   const char *error_repo, CpgIngestResult *result)
{
	char		sha[65];
	Datum		args[10];
	char		nulls[10];
	Oid			types[10] = {TEXTOID, TEXTOID, TEXTOID, TEXTOID, INT8OID, TEXTOID, TEXTOID, INT4OID};
	bool		existed;
	CpgDecoded	dec;
	int			rc;

	/*
	 * Every SPI call returns in SPI's procedure context, which lives until
	 * SPI_finish: switch back after each, so that what is allocated for this
	 * file (the decoded source above all) goes where the caller wants it,
	 * such as index_repo's per-file context, and not into the whole run.
	 */
	MemoryContext cxt = CurrentMemoryContext;

	check_size(path, len);
	cpg_sha256_hex(bytes, len, sha);
	result->file_id = cpg_file_id(repo, path);
	args[0] = CStringGetTextDatum(repo);
	args[1] = CStringGetTextDatum(result->file_id);
	rc = SPI_execute_with_args("SELECT file_sha256, source IS NOT NULL FROM codecpg.repo_files_v1 WHERE repo = $1 AND file_id = $2",
							   2, types, args, NULL, false, 1);
	MemoryContextSwitchTo(cxt);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "reading the snapshot of \"%s\" failed: %s", path, SPI_result_code_string(rc));
	existed = SPI_processed > 0;
	if (existed)
	{
		char	   *old = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
		bool		isnull;
		bool		had_source = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));

		/* Result tables live until SPI_finish unless freed: a run reads one per file. */
		SPI_freetuptable(SPI_tuptable);
		if (strcmp(old, sha) == 0)
		{
			result->status = CPG_INGEST_UNCHANGED;
			result->decoded = had_source;
			return;
		}
		/* The old snapshot and every fact extracted from it go together (cascade). */
		rc = SPI_execute_with_args("DELETE FROM codecpg.repo_files_v1 WHERE repo = $1 AND file_id = $2",
								   2, types, args, NULL, false, 0);
		MemoryContextSwitchTo(cxt);
		if (rc != SPI_OK_DELETE)
			elog(ERROR, "deleting the snapshot of \"%s\" failed: %s", path, SPI_result_code_string(rc));
	}
	else
		SPI_freetuptable(SPI_tuptable);
	result->status = existed ? CPG_INGEST_CHANGED : CPG_INGEST_ADDED;

	cpg_decode(bytes, len, &dec);
	result->decoded = dec.source != NULL;
	memset(nulls, ' ', sizeof(nulls));
	args[2] = CStringGetTextDatum(path);
	args[3] = CStringGetTextDatum(sha);
	args[4] = Int64GetDatum(len);
	args[5] = dec.encoding ? CStringGetTextDatum(dec.encoding) : (Datum) 0;
	nulls[5] = dec.encoding ? ' ' : 'n';
	if (dec.source)
	{
		args[6] = PointerGetDatum(cstring_to_text_with_len(dec.source, dec.source_len));
		args[7] = Int32GetDatum(count_lines(dec.source, dec.source_len));
	}
	else
	{
		nulls[6] = 'n';
		nulls[7] = 'n';
	}
	rc = SPI_execute_with_args("INSERT INTO codecpg.repo_files_v1 "
							   "(repo, file_id, path, file_sha256, size_bytes, encoding, source, line_count, indexed_at) "
							   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now())",
							   8, types, args, nulls, false, 0);
	MemoryContextSwitchTo(cxt);
	if (rc != SPI_OK_INSERT)
		elog(ERROR, "storing the snapshot of \"%s\" failed: %s", path, SPI_result_code_string(rc));
	if (dec.error_kind && run_id > 0)
		cpg_run_error(run_id, error_repo, path, NULL, dec.error_kind, dec.error_message, dec.error_line0, -1);
}

Datum
cpg_decode_source(PG_FUNCTION_ARGS)
{
	bytea	   *content = PG_GETARG_BYTEA_PP(0);
	TupleDesc	tupdesc;
	CpgDecoded	dec;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	cpg_require_utf8_database("decode_source");
	cpg_decode(VARDATA_ANY(content), VARSIZE_ANY_EXHDR(content), &dec);
	if (dec.source)
		values[0] = PointerGetDatum(cstring_to_text_with_len(dec.source, dec.source_len));
	nulls[0] = dec.source == NULL;
	if (dec.encoding)
		values[1] = CStringGetTextDatum(dec.encoding);
	nulls[1] = dec.encoding == NULL;
	if (dec.error_kind)
	{
		values[2] = CStringGetTextDatum(dec.error_kind);
		values[3] = CStringGetTextDatum(dec.error_message);
	}
	nulls[2] = nulls[3] = dec.error_kind == NULL;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(tupdesc), values, nulls)));
}

Datum
cpg_put_file_bytes(PG_FUNCTION_ARGS)
{
	TupleDesc	tupdesc;
	CpgIngestResult res;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};
	char	   *repo;
	char	   *path;
	bytea	   *content;
	int64		run_id = PG_ARGISNULL(3) ? 0 : PG_GETARG_INT64(3);
	bool		staged;
	MemoryContext caller = CurrentMemoryContext;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("repo, path and content must not be NULL")));
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	cpg_require_utf8_database("put_file_bytes");
	repo = text_to_cstring(PG_GETARG_TEXT_PP(0));
	path = text_to_cstring(PG_GETARG_TEXT_PP(1));
	content = PG_GETARG_BYTEA_PP(2);
	/* a parallel client run's workers store into its staging repository */
	staged = run_id > 0 && strcmp(repo, cpg_staging_repo(run_id)) == 0;
	if (!staged)
		cpg_check_repo_name(repo);
	if (!cpg_sel_valid_relpath(path))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid file path \"%s\"", path),
				 errdetail("A path must be relative to the repository root, with \"/\" between names and no empty, \".\" or \"..\" name.")));
	tupdesc = BlessTupleDesc(tupdesc);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (!staged)
		cpg_repository_ensure(repo);
	/* Error rows name the run's repository, also when the file goes to its staging. */
	cpg_ingest(repo, path, VARDATA_ANY(content), VARSIZE_ANY_EXHDR(content), run_id,
			   run_id > 0 ? cpg_run_repo(run_id) : NULL, &res);
	MemoryContextSwitchTo(caller);
	values[0] = CStringGetTextDatum(res.file_id);
	values[1] = CStringGetTextDatum(cpg_ingest_status_name(res.status));
	values[2] = BoolGetDatum(res.decoded);
	SPI_finish();
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
