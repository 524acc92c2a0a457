/*
 * ts_cache.c: single-entry result caches of the extractors.
 */
#include "postgres.h"

#include "treesitter/ts_cache.h"
#include "utils/datum.h"
#include "utils/memutils.h"

static bool
same_text(text *cached, Datum arg)
{
	text	   *t = (text *) PG_DETOAST_DATUM_PACKED(arg);
	Size		len = VARSIZE_ANY_EXHDR(t);

	return VARSIZE_ANY_EXHDR(cached) == len && memcmp(VARDATA_ANY(cached), VARDATA_ANY(t), len) == 0;
}

bool
cpg_result_cache_get(CpgResultCache *cache, FunctionCallInfo fcinfo, Datum *result)
{
	int			nargs = Min(PG_NARGS(), (int) lengthof(cache->args));

	if (!cache->valid || cache->nargs != nargs)
		return false;
	for (int i = 0; i < nargs; i++)
	{
		if (cache->argnull[i] != PG_ARGISNULL(i))
			return false;
		if (!cache->argnull[i] && !same_text(cache->args[i], PG_GETARG_DATUM(i)))
			return false;
	}
	*result = datumCopy(cache->result, false, -1);
	return true;
}

void
cpg_result_cache_put(CpgResultCache *cache, FunctionCallInfo fcinfo, Datum result)
{
	MemoryContext old;

	if (cache->cxt == NULL)
	{
		cache->cxt = AllocSetContextCreate(TopMemoryContext, "codecpg extractor result cache",
										   ALLOCSET_DEFAULT_SIZES);
		MemoryContextSetIdentifier(cache->cxt, cache->name);
	}
	cache->valid = false;
	MemoryContextReset(cache->cxt);
	old = MemoryContextSwitchTo(cache->cxt);
	cache->nargs = Min(PG_NARGS(), (int) lengthof(cache->args));
	for (int i = 0; i < cache->nargs; i++)
	{
		cache->argnull[i] = PG_ARGISNULL(i);
		cache->args[i] = cache->argnull[i] ? NULL : (text *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(i));
	}
	cache->result = datumCopy(result, false, -1);
	MemoryContextSwitchTo(old);
	cache->valid = true;
}
