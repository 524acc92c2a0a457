/*
 * srf.h: the shape shared by the set-returning functions that unnest a root row.
 *
 * Each unnesting function takes a root-table row, reads one list attribute and emits
 * one flat row per element, led by the root's identity columns.
 */
#ifndef CODECPG_SRF_H
#define CODECPG_SRF_H

#include "fmgr.h"
#include "funcapi.h"
#include "schema/schema.h"
#include "utils/tuplestore.h"

typedef struct CpgSrf
{
	Tuplestorestate *store;
	TupleDesc	tupdesc;		/* the function's declared result row */
} CpgSrf;

extern void cpg_srf_begin(FunctionCallInfo fcinfo, CpgSrf *srf);
extern void cpg_srf_begin_natts(FunctionCallInfo fcinfo, CpgSrf *srf, int natts);
extern void cpg_srf_put(CpgSrf *srf, Datum *values, bool *nulls);

/* A root row argument, deformed by its declared row type. */
typedef struct CpgRoot
{
	Datum	   *values;
	bool	   *nulls;
	int			natts;
} CpgRoot;

extern void cpg_root_read(FunctionCallInfo fcinfo, int argno, CpgTypeId rowtype, CpgRoot *root);

#endif
