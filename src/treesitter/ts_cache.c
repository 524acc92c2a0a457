/*
 * ts_cache.c: single-entry result caches of the extractors.
 */
#include "postgres.h"

#include "access/detoast.h"
#include "treesitter/ts_cache.h"
#include "utils/memutils.h"

/* Sizes first: a source of another length is never decompressed to be compared. */
static bool
same_text(text *cached, Datum arg)
{
	text	   *t;

	if (toast_raw_datum_size(arg) != VARSIZE_ANY_EXHDR(cached) + VARHDRSZ)
		return false;
	t = (text *) PG_DETOAST_DATUM_PACKED(arg);
	return memcmp(VARDATA_ANY(cached), VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t)) == 0;
}

bool
cpg_result_cache_get(CpgResultCache *cache, FunctionCallInfo fcinfo, Datum *result)
{
	int			nargs = PG_NARGS();

	if (!cache->valid || cache->nargs != nargs || nargs > (int) lengthof(cache->args))
		return false;
	for (int i = 0; i < nargs; i++)
	{
		if (cache->argnull[i] != PG_ARGISNULL(i))
			return false;
		if (!cache->argnull[i] && !same_text(cache->args[i], PG_GETARG_DATUM(i)))
			return false;
	}
	*result = cache->result;
	return true;
}

typedef struct CacheOwner
{
	MemoryContextCallback callback;
	CpgResultCache *cache;
	uint64		generation;
} CacheOwner;

static void
forget_result(void *arg)
{
	CacheOwner *owner = (CacheOwner *) arg;

	/* The copied arguments go too: an idle backend should not hold a source. */
	if (owner->cache->generation == owner->generation)
	{
		owner->cache->valid = false;
		MemoryContextReset(owner->cache->cxt);
	}
}

/* known (argument known_argno, already detoasted by the caller) is copied as is. */
void
cpg_result_cache_put(CpgResultCache *cache, FunctionCallInfo fcinfo, Datum result,
					 int known_argno, const text *known)
{
	MemoryContext old;
	CacheOwner *owner;

	if (cache->cxt == NULL)
	{
		cache->cxt = AllocSetContextCreate(TopMemoryContext, "codecpg extractor result cache",
										   ALLOCSET_DEFAULT_SIZES);
		MemoryContextSetIdentifier(cache->cxt, cache->name);
	}
	cache->valid = false;
	MemoryContextReset(cache->cxt);
	if (PG_NARGS() > (int) lengthof(cache->args))
		return;
	old = MemoryContextSwitchTo(cache->cxt);
	cache->nargs = PG_NARGS();
	for (int i = 0; i < cache->nargs; i++)
	{
		cache->argnull[i] = PG_ARGISNULL(i);
		if (cache->argnull[i])
			cache->args[i] = NULL;
		else if (i == known_argno)
		{
			cache->args[i] = palloc(VARSIZE_ANY(known));
			memcpy(cache->args[i], known, VARSIZE_ANY(known));
		}
		else
			cache->args[i] = (text *) PG_DETOAST_DATUM_COPY(PG_GETARG_DATUM(i));
	}
	MemoryContextSwitchTo(old);
	cache->result = result;
	cache->generation++;
	owner = palloc(sizeof(CacheOwner));
	owner->cache = cache;
	owner->generation = cache->generation;
	owner->callback.func = forget_result;
	owner->callback.arg = owner;
	MemoryContextRegisterResetCallback(CurrentMemoryContext, &owner->callback);
	cache->valid = true;
}
