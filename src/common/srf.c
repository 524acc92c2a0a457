/*
 * srf.c: materialized set-returning functions over root rows.
 */
#include "postgres.h"

#include "common/rowtype.h"
#include "common/srf.h"
#include "utils/lsyscache.h"

void
cpg_srf_begin(FunctionCallInfo fcinfo, CpgSrf *srf)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	srf->store = rsinfo->setResult;
	srf->tupdesc = rsinfo->setDesc;
}

/*
 * For a function whose C code fills natts columns: a SQL declaration that disagrees (an
 * install script of another version) is an error, not rows of shifted columns.
 */
void
cpg_srf_begin_natts(FunctionCallInfo fcinfo, CpgSrf *srf, int natts)
{
	cpg_srf_begin(fcinfo, srf);
	if (srf->tupdesc->natts != natts)
		elog(ERROR, "%s declares %d columns, expected %d", get_func_name(fcinfo->flinfo->fn_oid),
			 srf->tupdesc->natts, natts);
}

void
cpg_srf_put(CpgSrf *srf, Datum *values, bool *nulls)
{
	tuplestore_putvalues(srf->store, srf->tupdesc, values, nulls);
}

void
cpg_root_read(FunctionCallInfo fcinfo, int argno, CpgTypeId rowtype, CpgRoot *root)
{
	TupleDesc	tupdesc = cpg_table_tupdesc(rowtype);

	root->natts = tupdesc->natts;
	root->values = palloc(sizeof(Datum) * root->natts);
	root->nulls = palloc(sizeof(bool) * root->natts);
	cpg_deform_composite(tupdesc, PG_GETARG_DATUM(argno), root->values, root->nulls);
}
