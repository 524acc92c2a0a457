/*
 * ts_cache.h: the last result of an extractor, per backend.
 *
 * SELECT (codecpg.ts_extract(...)).* calls the function once per output column
 * (PostgreSQL expands the star before evaluation), and a query computing both
 * extractors parses the same source twice. Each extractor keeps its last result, and
 * the parser its last flattened tree, keyed by the exact arguments, so repeated
 * calls on one row cost a comparison.
 *
 * The cached result is not copied: it stays where it was returned, in the caller's
 * memory context, and a reset callback on that context forgets it before the memory
 * goes away (for a query, when the executor moves to the next row).
 */
#ifndef CODECPG_TS_CACHE_H
#define CODECPG_TS_CACHE_H

#include "fmgr.h"

typedef struct CpgResultCache
{
	const char *name;
	MemoryContext cxt;			/* the copied arguments */
	uint64		generation;		/* which put a reset callback belongs to */
	int			nargs;
	bool		argnull[6];
	text	   *args[6];		/* calls with more arguments are never cached */
	Datum		result;			/* lives in the caller's memory context */
	bool		valid;
} CpgResultCache;

extern bool cpg_result_cache_get(CpgResultCache *cache, FunctionCallInfo fcinfo, Datum *result);
extern void cpg_result_cache_put(CpgResultCache *cache, FunctionCallInfo fcinfo, Datum result,
								 int known_argno, const text *known);

#endif
