/*
 * arrays.h: building and reading the arrays that model the seed's lists.
 */
#ifndef CODECPG_ARRAYS_H
#define CODECPG_ARRAYS_H

#include "access/tupdesc.h"
#include "common/bulk.h"
#include "schema/schema.h"

/*
 * Makes room for one more element of a palloc'd array of `count` used of `capacity`,
 * doubling it; repalloc_huge because a whole repository's solve may pass 1 GB.
 */
#define GROW(ptr, count, capacity) \
	do { \
		if ((count) == (capacity)) \
		{ \
			(capacity) = (capacity) ? (capacity) * 2 : 4; \
			(ptr) = (ptr) ? repalloc_huge((ptr), sizeof(*(ptr)) * (capacity)) \
				: palloc(sizeof(*(ptr)) * (capacity)); \
		} \
	} while (0)

/*
 * Room for n elements of an array GROW will grow, made at once: a large array grown by
 * doubling copies itself and touches twice its memory. Pages reserved and never used are
 * never touched; those used are huge pages where the kernel gives them (the arrays
 * reserved are a whole repository's).
 */
#define RESERVE(ptr, capacity, n) \
	do { \
		(capacity) = Max((n), 4); \
		(ptr) = palloc_extended(sizeof(*(ptr)) * (capacity), MCXT_ALLOC_HUGE); \
		cpg_prefer_huge_pages((ptr), sizeof(*(ptr)) * (capacity)); \
	} while (0)

/* Collects element Datums; one construct_array at the end copies them once. */
typedef struct CpgArray
{
	Oid			elemtype;
	int16		elemlen;
	bool		elembyval;
	char		elemalign;
	TupleDesc	tupdesc;		/* for composite elements, else NULL */
	Datum	   *values;
	bool	   *nulls;
	int			count;
	int			capacity;
	bool		any_null;
} CpgArray;

extern void cpg_array_init(CpgArray *array, CpgTypeId elemtype);
extern void cpg_array_init_oid(CpgArray *array, Oid elemtype);
extern void cpg_array_push(CpgArray *array, Datum value, bool isnull);
extern void cpg_array_push_composite(CpgArray *array, Datum *values, bool *nulls);
extern void cpg_array_push_cstring(CpgArray *array, const char *text);
extern Datum cpg_array_result(CpgArray *array);

/* Elements of an array Datum of any element type (NULL array -> zero elements). */
typedef struct CpgArrayElems
{
	Datum	   *values;
	bool	   *nulls;
	int			count;
} CpgArrayElems;

extern void cpg_array_elems(Datum array, bool isnull, CpgArrayElems *out);

#endif
