/*
 * ids.c: stable identities and content hashes.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/ids.h"
#include "common/sha256.h"
#include "common/span.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/arrayaccess.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

/* U+001F (unit separator) cannot appear in identifiers and rarely in paths. */
#define CPG_ID_SEPARATOR '\x1f'

void
cpg_sha256_hex(const void *data, size_t len, char *hex_out)
{
	cpg_sha256_buffer_hex(data, len, hex_out);
}

/* "<prefix>:" and the hex of the first 128 bits of the digest, as a text value. */
static text *
id_text(const char *prefix, size_t prefix_len, CpgSha256 *ctx)
{
	unsigned char digest[CPG_SHA256_DIGEST_LENGTH];
	text	   *id = palloc(VARHDRSZ + prefix_len + 1 + CPG_ID_HEX_DIGITS + 1);
	char	   *p = VARDATA(id);

	cpg_sha256_final(ctx, digest);
	memcpy(p, prefix, prefix_len);
	p[prefix_len] = ':';
	cpg_sha256_to_hex(digest, CPG_ID_HEX_DIGITS / 2, p + prefix_len + 1);
	SET_VARSIZE(id, VARHDRSZ + prefix_len + 1 + CPG_ID_HEX_DIGITS);
	return id;
}

char *
cpg_stable_id(const char *prefix, int nparts, const char *const *parts)
{
	CpgSha256	ctx;
	char		sep = CPG_ID_SEPARATOR;

	cpg_sha256_init(&ctx);
	for (int i = 0; i < nparts; i++)
	{
		if (i > 0)
			cpg_sha256_update(&ctx, &sep, 1);
		cpg_sha256_update(&ctx, parts[i], strlen(parts[i]));
	}
	return text_to_cstring(id_text(prefix, strlen(prefix), &ctx));
}

char *
cpg_file_id(const char *repo, const char *path)
{
	const char *parts[2] = {repo, path};

	return cpg_stable_id("file", 2, parts);
}

/* Needs a UTF8 database (the span ABI) and non-null repo and path. */
void
cpg_file_identity(FunctionCallInfo fcinfo, CpgFileIdentity *id)
{
	cpg_require_utf8_database(get_func_name(fcinfo->flinfo->fn_oid));
	id->repo = PG_GETARG_DATUM(0);
	id->path = PG_GETARG_DATUM(1);
	id->file_id = CStringGetTextDatum(cpg_file_id(TextDatumGetCString(id->repo),
												  TextDatumGetCString(id->path)));
	id->source_text = PG_ARGISNULL(2) ? NULL : PG_GETARG_TEXT_PP(2);
	id->source = id->source_text ? VARDATA_ANY(id->source_text) : NULL;
	id->length = id->source_text ? VARSIZE_ANY_EXHDR(id->source_text) : 0;
	id->sha256_given = PG_NARGS() > 3 && !PG_ARGISNULL(3);
	if (id->sha256_given)
		id->sha256 = PG_GETARG_DATUM(3);
}

Datum
cpg_file_identity_sha256(const CpgFileIdentity *id)
{
	char		hex[65];

	if (id->sha256_given)
		return id->sha256;
	cpg_sha256_hex(id->source ? id->source : "", id->length, hex);
	return CStringGetTextDatum(hex);
}

/* The identity columns of a root row, at the given attribute indices. */
void
cpg_extract_identity(FunctionCallInfo fcinfo, Datum *values, int repo_att, int path_att,
					 int id_att, int sha_att)
{
	CpgFileIdentity id;

	cpg_file_identity(fcinfo, &id);
	values[repo_att] = id.repo;
	values[path_att] = id.path;
	values[id_att] = id.file_id;
	values[sha_att] = cpg_file_identity_sha256(&id);
}

/* The views derive millions of ids: the parts are hashed where they lie, uncopied. */
PG_FUNCTION_INFO_V1(cpg_stable_id_sql);
Datum
cpg_stable_id_sql(PG_FUNCTION_ARGS)
{
	text	   *prefix = PG_GETARG_TEXT_PP(0);
	ArrayType  *array = PG_GETARG_ARRAYTYPE_P(1);
	array_iter	iter;
	int			nparts = ArrayGetNItems(ARR_NDIM(array), ARR_DIMS(array));
	CpgSha256	ctx;
	char		sep = CPG_ID_SEPARATOR;

	if (ARR_ELEMTYPE(array) != TEXTOID)
		elog(ERROR, "stable_id parts must be text");
	cpg_sha256_init(&ctx);
	array_iter_setup(&iter, (AnyArrayType *) array);
	for (int i = 0; i < nparts; i++)
	{
		bool		isnull;
		Datum		part = array_iter_next(&iter, &isnull, i, -1, false, TYPALIGN_INT);
		text	   *t;

		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("identity parts must not be null"),
					 errdetail("Part %d of the identity is null.", i + 1)));
		t = DatumGetTextPP(part);
		if (i > 0)
			cpg_sha256_update(&ctx, &sep, 1);
		cpg_sha256_update(&ctx, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
	}
	PG_RETURN_TEXT_P(id_text(VARDATA_ANY(prefix), VARSIZE_ANY_EXHDR(prefix), &ctx));
}

PG_FUNCTION_INFO_V1(cpg_file_id_sql);
Datum
cpg_file_id_sql(PG_FUNCTION_ARGS)
{
	char	   *repo = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char	   *path = text_to_cstring(PG_GETARG_TEXT_PP(1));

	PG_RETURN_TEXT_P(cstring_to_text(cpg_file_id(repo, path)));
}
