/*
 * ts_extract.h: helpers the tree-sitter and CST extractors share.
 */
#ifndef CODECPG_TS_EXTRACT_H
#define CODECPG_TS_EXTRACT_H

#include "common/ids.h"
#include "common/span.h"
#include "fmgr.h"
#include "treesitter/ts_parse.h"

extern Datum cpg_file_sha256(const CpgFileIdentity *id, const TsTree *tree);

#endif
