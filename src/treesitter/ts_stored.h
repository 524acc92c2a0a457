/*
 * ts_stored.h: the stored tree-sitter node list (codecpg.ts_node[], sql/parts/
 * 19_tree_sitter_node.sql) read back whole: the distances and bits a node stores turned
 * into its parent, child index, flags and bytes. Written by ts_extract.c; read by the
 * set-returning functions of ts_srf.c and by the views' parameter nodes (views/params.c).
 */
#ifndef CODECPG_TS_STORED_H
#define CODECPG_TS_STORED_H

#include "postgres.h"

typedef struct TsStoredNode
{
	bool		present;		/* false for a NULL element of the list */
	int32		parent;			/* node_id; -1 for the root or a parent outside the list */
	int32		child_index;	/* -1 where parent is */
	int32		kind_id;		/* -1 when NULL */
	int32		field_id;		/* 0 when it fills no field */
	int32		flags;			/* TSN_* bits; -1 when NULL */
	int32		bstart;			/* -1 when NULL */
	int32		bend;			/* -1 when NULL */
	Datum		attrs;
	bool		attrs_null;
} TsStoredNode;

extern int32 cpg_ts_stored_nodes(Datum list, bool isnull, TsStoredNode **nodes);

#endif
