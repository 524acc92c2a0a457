/*
 * ids.c: stable identities and content hashes.
 */
#include "postgres.h"

#include "common/cryptohash.h"
#include "common/ids.h"
#include "common/span.h"
#include "catalog/pg_type.h"
#include "common/sha2.h"
#include "fmgr.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

/* U+001F (unit separator) cannot appear in identifiers and rarely in paths. */
#define CPG_ID_SEPARATOR "\x1f"

static void
sha256_parts(int nparts, const char *const *parts, const size_t *lengths, uint8 *digest)
{
	pg_cryptohash_ctx *ctx = pg_cryptohash_create(PG_SHA256);

	if (ctx == NULL || pg_cryptohash_init(ctx) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("could not initialize SHA-256: %s", pg_cryptohash_error(ctx))));
	for (int i = 0; i < nparts; i++)
	{
		if ((i > 0 && pg_cryptohash_update(ctx, (const uint8 *) CPG_ID_SEPARATOR, 1) < 0) ||
			pg_cryptohash_update(ctx, (const uint8 *) parts[i], lengths[i]) < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("could not compute SHA-256: %s", pg_cryptohash_error(ctx))));
	}
	if (pg_cryptohash_final(ctx, digest, PG_SHA256_DIGEST_LENGTH) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not compute SHA-256: %s", pg_cryptohash_error(ctx))));
	pg_cryptohash_free(ctx);
}

static void
to_hex(const uint8 *bytes, int nbytes, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (int i = 0; i < nbytes; i++)
	{
		out[2 * i] = digits[bytes[i] >> 4];
		out[2 * i + 1] = digits[bytes[i] & 0xF];
	}
	out[2 * nbytes] = '\0';
}

void
cpg_sha256_hex(const void *data, size_t len, char *hex_out)
{
	uint8		digest[PG_SHA256_DIGEST_LENGTH];
	const char *part = data;

	sha256_parts(1, &part, &len, digest);
	to_hex(digest, PG_SHA256_DIGEST_LENGTH, hex_out);
}

char *
cpg_stable_id(const char *prefix, int nparts, const char *const *parts)
{
	uint8		digest[PG_SHA256_DIGEST_LENGTH];
	size_t	   *lengths = palloc(sizeof(size_t) * Max(nparts, 1));
	size_t		prefix_len = strlen(prefix);
	char	   *id = palloc(prefix_len + 1 + CPG_ID_HEX_DIGITS + 1);

	for (int i = 0; i < nparts; i++)
		lengths[i] = strlen(parts[i]);
	sha256_parts(nparts, parts, lengths, digest);
	memcpy(id, prefix, prefix_len);
	id[prefix_len] = ':';
	to_hex(digest, CPG_ID_HEX_DIGITS / 2, id + prefix_len + 1);
	pfree(lengths);
	return id;
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

PG_FUNCTION_INFO_V1(cpg_stable_id_sql);
Datum
cpg_stable_id_sql(PG_FUNCTION_ARGS)
{
	char	   *prefix = text_to_cstring(PG_GETARG_TEXT_PP(0));
	ArrayType  *array = PG_GETARG_ARRAYTYPE_P(1);
	Datum	   *elems;
	bool	   *nulls;
	int			nparts;
	const char **parts;

	deconstruct_array(array, TEXTOID, -1, false, TYPALIGN_INT, &elems, &nulls, &nparts);
	parts = palloc(sizeof(char *) * Max(nparts, 1));
	for (int i = 0; i < nparts; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("identity parts must not be null"),
					 errdetail("Part %d of the identity is null.", i + 1)));
		parts[i] = TextDatumGetCString(elems[i]);
	}
	PG_RETURN_TEXT_P(cstring_to_text(cpg_stable_id(prefix, nparts, parts)));
}

PG_FUNCTION_INFO_V1(cpg_file_id_sql);
Datum
cpg_file_id_sql(PG_FUNCTION_ARGS)
{
	char	   *repo = text_to_cstring(PG_GETARG_TEXT_PP(0));
	char	   *path = text_to_cstring(PG_GETARG_TEXT_PP(1));

	PG_RETURN_TEXT_P(cstring_to_text(cpg_file_id(repo, path)));
}
