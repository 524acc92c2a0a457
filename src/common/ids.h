/*
 * ids.h: the one identity scheme of every domain: "<prefix>:" followed by the first
 * 128 bits of SHA-256 over the parts joined by U+001F, in lower-case hex.
 */
#ifndef CODECPG_IDS_H
#define CODECPG_IDS_H

#include "fmgr.h"

#define CPG_ID_HEX_DIGITS 32

extern char *cpg_stable_id(const char *prefix, int nparts, const char *const *parts);
extern char *cpg_file_id(const char *repo, const char *path);
extern void cpg_sha256_hex(const void *data, size_t len, char *hex_out);	/* 65 bytes */

/*
 * The identity columns of an extractor call (repo, path, source [, file_sha256]), which
 * every file root starts with. file_sha256 is the caller's when given (the indexer passes
 * the hash of the raw bytes it stored), else the SHA-256 of the UTF-8 source.
 */
typedef struct CpgFileIdentity
{
	Datum		repo;
	Datum		path;
	Datum		file_id;
	Datum		sha256;			/* when given */
	bool		sha256_given;
	text	   *source_text;	/* the source argument, detoasted; NULL when NULL */
	const char *source;			/* its bytes, or NULL */
	int32		length;
} CpgFileIdentity;

extern void cpg_file_identity(FunctionCallInfo fcinfo, CpgFileIdentity *id);
extern Datum cpg_file_identity_sha256(const CpgFileIdentity *id);
extern void cpg_extract_identity(FunctionCallInfo fcinfo, Datum *values, int repo_att, int path_att,
								 int id_att, int sha_att);

#endif
