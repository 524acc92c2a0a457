/*
 * elements.c: what the planner needs to know of the views: how many elements they
 * unnest, and which kind each branch yields.
 *
 * PostgreSQL 15 guesses that unnest() of a column returns 10 rows, whatever the column;
 * the lists of a root row hold thousands of elements (a file's tree-sitter nodes,
 * references, instructions). With guesses 100 times too small the planner sorts and
 * merges whole views to join them, where hashing the small side would do. ANALYZE
 * already measures the lists: for an array column, pg_statistic keeps a histogram of
 * the number of distinct elements per row (STATISTIC_KIND_DECHIST), whose last entry is
 * the average. codecpg.cpg_elements(list) unnests as unnest() does (it is the same
 * internal function) and tells the planner that average for a column it has statistics
 * of; for any other list it keeps the declared estimate (ROWS).
 */
#include "postgres.h"

#include "catalog/pg_statistic.h"
#include "fmgr.h"
#include "nodes/nodeFuncs.h"
#include "nodes/supportnodes.h"
#include "optimizer/optimizer.h"
#include "utils/lsyscache.h"
#include "utils/selfuncs.h"

PG_FUNCTION_INFO_V1(cpg_elements_support);
PG_FUNCTION_INFO_V1(cpg_kind);

/* Average elements per row of an array column, from its statistics; -1 without them. */
static double
average_elements(PlannerInfo *root, Node *arg)
{
	VariableStatData vardata;
	AttStatsSlot sslot;
	double		average = -1;

	if (root == NULL || arg == NULL || !IsA(arg, Var))
		return -1;
	examine_variable(root, arg, 0, &vardata);
	if (HeapTupleIsValid(vardata.statsTuple) &&
		get_attstatsslot(&sslot, vardata.statsTuple, STATISTIC_KIND_DECHIST, InvalidOid,
						 ATTSTATSSLOT_NUMBERS))
	{
		if (sslot.nnumbers > 0)
			average = sslot.numbers[sslot.nnumbers - 1];
		free_attstatsslot(&sslot);
	}
	ReleaseVariableStats(vardata);
	return average;
}

Datum
cpg_elements_support(PG_FUNCTION_ARGS)
{
	Node	   *rawreq = (Node *) PG_GETARG_POINTER(0);

	if (IsA(rawreq, SupportRequestRows))
	{
		SupportRequestRows *req = (SupportRequestRows *) rawreq;

		if (is_funcclause(req->node))
		{
			List	   *args = ((FuncExpr *) req->node)->args;
			double		average = list_length(args) == 1 ? average_elements(req->root, linitial(args)) : -1;

			if (average >= 0)
			{
				req->rows = clamp_row_est(average);
				PG_RETURN_POINTER(req);
			}
		}
	}
	PG_RETURN_POINTER(NULL);
}

/*
 * codecpg.cpg_kind(kind) is its argument: every branch of the views names its node or
 * edge kind through it. Declared IMMUTABLE, the call is folded to a constant at plan
 * time, so a query filtering on the kind plans only the branches it can return, with
 * their row estimates. A Citus coordinator cannot plan a query whose branches were
 * dropped that way ("no relation entry for relid"), nor route one whose branches call a
 * function that is not IMMUTABLE: codecpg.distribute_tables() recreates the views there
 * with each call replaced by a constant subquery, (SELECT 'KIND'::text), which a kind
 * filter turns into a one-time filter skipping the branch when the query starts. The
 * call is the marker that replacement looks for.
 */
Datum
cpg_kind(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(PG_GETARG_DATUM(0));
}
