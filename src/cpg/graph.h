/*
 * graph.h: turning a solved repository into the rows of cpg_scopes_v1 and cpg_graph_v1,
 * and writing the rows that changed.
 */
#ifndef CODECPG_GRAPH_H
#define CODECPG_GRAPH_H

#include "cpg/solve.h"

typedef struct GraphCounts
{
	int64		scopes;
	int64		callsites;
	int64		calls_scip;
	int64		calls_resolved;
	int64		calls_unresolved;
	int64		links;
	int64		files_changed;
} GraphCounts;

/* SCIP's verdicts on callsites: (file, call span) -> the definition scope it names. */
typedef struct ScipCalls
{
	IdMap		by_site;		/* evidence -> index in targets */
	int32	   *targets;		/* global scopes */
	int32		ntargets;
	int32		capacity;
} ScipCalls;

extern void cpg_scip_calls(Solver *s, const char *repo, ScipCalls *out);
extern void cpg_graph_write(Solver *s, const char *repo, const ScipCalls *scip, GraphCounts *counts);

#endif
