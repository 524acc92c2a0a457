/*
 * arrays.h: building and reading the arrays that model the seed's lists.
 */
#ifndef CODECPG_ARRAYS_H
#define CODECPG_ARRAYS_H

#include "access/tupdesc.h"
#include "schema/schema.h"

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
