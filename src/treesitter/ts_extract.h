/*
 * ts_extract.h: helpers the tree-sitter and CST extractors share.
 */
#ifndef CODECPG_TS_EXTRACT_H
#define CODECPG_TS_EXTRACT_H

#include "common/span.h"
#include "fmgr.h"
#include "treesitter/ts_parse.h"

/* The file identity of an extractor call (repo, path, source [, file_sha256]). */
typedef struct CpgFileIdentity
{
	Datum		repo;
	Datum		path;
	Datum		file_id;
	Datum		sha256;			/* when given */
	bool		sha256_given;
	text	   *source_text;	/* argument 2, detoasted */
	const char *source;
	int32		length;
} CpgFileIdentity;

extern void cpg_file_identity(FunctionCallInfo fcinfo, CpgFileIdentity *id);
extern Datum cpg_file_sha256(const CpgFileIdentity *id, const TsTree *tree);
extern Datum cpg_jsonb_from_cstring(const char *json);

#endif
