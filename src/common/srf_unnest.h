/*
 * srf_unnest.h: the generic body of an unnesting set-returning function.
 *
 * One output row per element of a list attribute of a root row: the root's identity
 * columns (its first four attributes: repo, path, file_id, file_sha256), then the
 * element's attributes in order, where a codecpg.span attribute becomes six integer
 * columns (bstart, bend, line0, col, end_line0, end_col) and a codecpg.cst_qname[]
 * attribute becomes two text[] columns (names, then sources, index-aligned).
 */
#ifndef CODECPG_SRF_UNNEST_H
#define CODECPG_SRF_UNNEST_H

#include "fmgr.h"
#include "schema/schema.h"

#define CPG_ROOT_IDENTITY_NATTS 4

extern Datum cpg_srf_unnest(FunctionCallInfo fcinfo, CpgTypeId rowtype, int list_attno,
							CpgTypeId elemtype);

#endif
