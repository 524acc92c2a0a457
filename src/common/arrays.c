/*
 * arrays.c: arrays of composites and scalars for the nested roots.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "common/arrays.h"
#include "common/rowtype.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#define CPG_ARRAY_INITIAL 16

void
cpg_array_init_oid(CpgArray *array, Oid elemtype)
{
	memset(array, 0, sizeof(*array));
	array->elemtype = elemtype;
	get_typlenbyvalalign(elemtype, &array->elemlen, &array->elembyval, &array->elemalign);
}

void
cpg_array_init(CpgArray *array, CpgTypeId elemtype)
{
	cpg_array_init_oid(array, cpg_type_oid(elemtype));
	array->tupdesc = cpg_tupdesc(elemtype);
}

void
cpg_array_push(CpgArray *array, Datum value, bool isnull)
{
	if (array->count == array->capacity)
	{
		int			capacity = array->capacity ? array->capacity * 2 : CPG_ARRAY_INITIAL;

		if ((Size) capacity > MaxAllocSize / sizeof(Datum))
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many elements in one list")));
		if (array->values == NULL)
		{
			array->values = palloc(capacity * sizeof(Datum));
			array->nulls = palloc(capacity * sizeof(bool));
		}
		else
		{
			array->values = repalloc(array->values, capacity * sizeof(Datum));
			array->nulls = repalloc(array->nulls, capacity * sizeof(bool));
		}
		array->capacity = capacity;
	}
	array->values[array->count] = value;
	array->nulls[array->count] = isnull;
	array->any_null |= isnull;
	array->count++;
}

void
cpg_array_push_composite(CpgArray *array, Datum *values, bool *nulls)
{
	Assert(array->tupdesc != NULL);
	cpg_array_push(array, cpg_form_composite(array->tupdesc, values, nulls), false);
}

void
cpg_array_push_cstring(CpgArray *array, const char *text)
{
	Assert(array->elemtype == TEXTOID);
	if (text == NULL)
		cpg_array_push(array, (Datum) 0, true);
	else
		cpg_array_push(array, CStringGetTextDatum(text), false);
}

Datum
cpg_array_result(CpgArray *array)
{
	int			dims[1];
	int			lbs[1];

	if (array->count == 0)
		return PointerGetDatum(construct_empty_array(array->elemtype));
	dims[0] = array->count;
	lbs[0] = 1;
	return PointerGetDatum(construct_md_array(array->values,
											  array->any_null ? array->nulls : NULL,
											  1, dims, lbs, array->elemtype,
											  array->elemlen, array->elembyval,
											  array->elemalign));
}

void
cpg_array_elems(Datum array, bool isnull, CpgArrayElems *out)
{
	ArrayType  *arr;
	int16		elemlen;
	bool		elembyval;
	char		elemalign;

	memset(out, 0, sizeof(*out));
	if (isnull)
		return;
	arr = DatumGetArrayTypeP(array);
	get_typlenbyvalalign(ARR_ELEMTYPE(arr), &elemlen, &elembyval, &elemalign);
	deconstruct_array(arr, ARR_ELEMTYPE(arr), elemlen, elembyval, elemalign,
					  &out->values, &out->nulls, &out->count);
}
