/*
 * df_solve.h: one repository's data flow in memory, and the taint solve over it.
 * Private to src/dataflow (df_load.c, df_solve.c, df_flows.c).
 *
 * Nodes are the events of every file, numbered repository-wide (a file's events from
 * its node_base on). Units are code objects, numbered likewise. Intra-procedural edges
 * (reaching definitions and steps) are stored in a CSR; what crosses code objects is
 * looked up while solving: call targets (from codecpg.cpg_refresh's call graph),
 * parameters and returns, and heap keys (module globals, class attributes through self,
 * closure cells) that connect definitions to uses in other code objects.
 */
#ifndef CODECPG_DF_SOLVE_H
#define CODECPG_DF_SOLVE_H

#include "dataflow/dataflow.h"
#include "utils/array.h"

/* The slot of a reaching-definition edge in the CSR (steps use the DF_SLOT_* values). */
#define DF_EDGE_REACH (-5)

/* df_maps.c */
typedef struct DfTripleMap		/* (a, b, c) -> value >= 0, open addressing; the first value stays */
{
	int32	   *keys;			/* 3 per slot */
	int32	   *values;			/* -1 when empty */
	int32		nslots;
	int32		count;
} DfTripleMap;

typedef struct DfSidMap			/* string id -> value, -1 by default */
{
	int32	   *values;
	int32		size;
} DfSidMap;

extern void df_triple_init(DfTripleMap *m, int32 expected);
extern void df_triple_put(DfTripleMap *m, int32 a, int32 b, int32 c, int32 value);
extern int32 df_triple_get(const DfTripleMap *m, int32 a, int32 b, int32 c);
extern void df_sid_put(DfSidMap *m, int32 sid, int32 value);
extern int32 df_sid_get(const DfSidMap *m, int32 sid);

/*
 * A name to match: a qualified name (a string id) or a glob ('*' any run of characters);
 * a sink may select the arguments that matter: "name[0, sql]" (positions, keywords).
 */
typedef struct DfPattern
{
	int32		exact;			/* string id, or -1 for a glob */
	char	   *glob;
	int32	   *positions;
	int32		npositions;
	int32	   *keywords;		/* string ids */
	int32		nkeywords;
	bool		selects;		/* has an argument selector */
} DfPattern;

typedef struct DfPatterns
{
	DfPattern  *items;
	int32		count;
	int32	   *matched;		/* per string id: 1 + the pattern it matches, 0 none, -1 unknown */
	int32		nmatched;
} DfPatterns;

typedef struct DfRFile
{
	char	   *file_id;
	char	   *path;
	int32		module;			/* string id of the dotted module name */
	bool		is_package;
	DfFacts		facts;
	int32		node_base;
	int32		unit_base;
} DfRFile;

typedef struct DfRUnit
{
	int32		file;
	int32		code_id;
	int8		kind;			/* DfUnitKind, -1 when unknown */
	int32		firstlineno1;	/* co_firstlineno: its definition's first line */
	int32		first_node;
	int32		nnodes;
	int32		nparams;
	int32		argcount;
	int32		posonlyargcount;
	int32		kwonlyargcount;
	bool		has_varargs;
	bool		has_varkeywords;
	int32		class_unit;		/* the class body of a method, else -1 */
	int8		method_kind;	/* DfMethodKind */
	int32		qualname;		/* string ids, -1 when none */
	int32		name;
	int32		fqn;			/* qualified name of its scope (cpg_scopes_v1), -1 when none */
	int32	   *callers;		/* call nodes that may call it */
	int32		ncallers;
	int32		callers_capacity;
	uint64		summary;		/* parameters whose value may be returned (bit 63: any later one) */
} DfRUnit;

typedef struct DfRNode
{
	int8		kind;			/* DfKind, -1 for an unreadable event */
	int32		unit;			/* -1 when no unit holds it */
	int32		name;			/* string id */
	int32		key;			/* heap key, -1 */
	int32		qname;			/* qualified name of an import or of a use bound to one, -1 */
	int32		call;			/* index into calls for a call node, -1 */
} DfRNode;

#define DF_ROLE_SOURCE 1
#define DF_ROLE_SINK 2
#define DF_ROLE_SANITIZER 4

typedef struct DfRCall
{
	int32		node;
	int32	   *targets;		/* units with code the call may reach */
	int32		ntargets;
	bool		external;		/* it may also reach code outside the repository */
	bool		resolved;		/* the call graph has this callsite */
	int32	   *names;			/* qualified names the call may name (string ids) */
	int32		nnames;
	uint8		role;
	int32		source_name;	/* the name a source matched, a sink matched */
	int32		sink_name;
	int32		sink_pattern;	/* the sink pattern it matched, -1 */
} DfRCall;

typedef struct DfRKey
{
	int32	   *defs;
	int32		ndefs;
	int32	   *uses;
	int32		nuses;
	int32		defs_capacity;
	int32		uses_capacity;
} DfRKey;

typedef struct DfRepo
{
	char	   *repo;
	DfStrings	strings;
	DfRFile    *files;
	int32		nfiles;
	DfRUnit    *units;
	int32		nunits;
	DfRNode    *nodes;
	int32		nnodes;
	DfRCall    *calls;
	int32		ncalls;
	DfRKey	   *keys;
	int32		nkeys;
	int32		keys_capacity;
	DfTripleMap key_map;		/* heap key by (a, b, c): see df_load.c key_for() */
	int32	   *out_start;		/* CSR over nodes: out_start[n] .. out_start[n + 1] - 1 */
	int32	   *out_dst;
	int32	   *out_slot;
	bool		have_call_graph;	/* cpg_refresh has run: calls without an edge are unknown */
	const DfPatterns *sinks;	/* for the argument selectors of sinks */
	struct DfWork *work;		/* the solve's queue and marks, made by the first solve */
	int32	   *hit_stamp;		/* per call (or node): the solve that reported it */
} DfRepo;

/* df_load.c */
extern void df_repo_load(DfRepo *r, const char *repo);
extern int32 df_repo_param(const DfRepo *r, const DfRUnit *u, int32 index);
extern int32 df_repo_keyword_param(const DfRepo *r, const DfRUnit *u, DfText keyword);
extern DfText df_repo_keyword(const DfRepo *r, int32 node, int32 slot);

/* df_solve.c */

typedef struct DfStep
{
	int32		node;
	int32		via;			/* how the step was reached: DF_EDGE_* / DF_SLOT_* / DF_VIA_* */
} DfStep;

#define DF_VIA_START (-100)		/* the source itself */
#define DF_VIA_PARAM (-101)		/* an argument into a parameter */
#define DF_VIA_SUMMARY (-102)	/* a call's result, from an argument its callee returns */
#define DF_VIA_PASS (-103)		/* a call's result, from an argument of a call outside the repository */
#define DF_VIA_RETURN (-104)	/* a call's result, from its callee's return */
#define DF_VIA_HEAP (-105)		/* a global, class attribute or closure variable written elsewhere */
#define DF_VIA_SINK (-106)		/* an argument of the sink */

/* What one source reaches; a hit is a sink call reached through an argument. */
typedef struct DfFlow
{
	int32		source;			/* node */
	int32		source_name;	/* string id of the source's name */
	int32		sink;			/* call node, or the node reached (cpg_flows_from) */
	DfStep	   *path;			/* source first */
	int32		npath;
} DfFlow;

extern void df_patterns_init(DfRepo *r, DfPatterns *p, ArrayType *names, bool selectors);
extern void df_solve_prepare(DfRepo *r, DfPatterns *sources, DfPatterns *sinks, DfPatterns *sanitizers);
extern int32 df_solve_sources(DfRepo *r, DfPatterns *sources, int32 **nodes, int32 **names);
extern void df_solve_flows(DfRepo *r, int32 source, int32 source_name, bool all_reached,
						   DfFlow **flows, int32 *nflows);

#endif
