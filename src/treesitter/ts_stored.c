/*
 * ts_stored.c: reading a stored tree-sitter node list back whole (ts_stored.h).
 *
 * A node stores its parent and first byte as distances back, its last byte as a length
 * (compression finds small numbers again and again, not growing ones): the parent is
 * node_id - parent_gap - 1, the first byte the running sum of start_gap, and the child
 * index the rank among the earlier children of the same parent. A list edited by hand
 * reads without error: a parent outside the list is none, a NULL distance a NULL byte
 * (the running sum goes on from the last one known).
 */
#include "postgres.h"

#include "common/arrays.h"
#include "common/rowtype.h"
#include "miscadmin.h"
#include "treesitter/ts_stored.h"

int32
cpg_ts_stored_nodes(Datum list, bool isnull, TsStoredNode **nodes)
{
	TupleDesc	desc = cpg_tupdesc(CPG_T_ts_node);
	CpgArrayElems elems;
	TsStoredNode *out;
	int32	   *children;
	int64		bstart = 0;

	cpg_array_elems(list, isnull, &elems);
	out = palloc0(sizeof(TsStoredNode) * Max(elems.count, 1));
	children = palloc0(sizeof(int32) * Max(elems.count, 1));
	for (int32 i = 0; i < elems.count; i++)
	{
		TsStoredNode *n = &out[i];
		Datum		v[ts_node__NATTS];
		bool		nl[ts_node__NATTS];

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		n->parent = n->child_index = n->kind_id = n->flags = n->bstart = n->bend = -1;
		n->attrs_null = true;
		if (elems.nulls[i])
			continue;
		n->present = true;
		cpg_deform_composite(desc, elems.values[i], v, nl);
		if (!nl[ts_node__parent_gap])
		{
			int64		parent = (int64) i - DatumGetInt32(v[ts_node__parent_gap]) - 1;

			if (parent >= 0 && parent < i)
			{
				n->parent = (int32) parent;
				n->child_index = children[parent]++;
			}
		}
		if (!nl[ts_node__kind_id])
			n->kind_id = DatumGetInt32(v[ts_node__kind_id]);
		if (!nl[ts_node__field_id])
			n->field_id = DatumGetInt16(v[ts_node__field_id]);
		if (!nl[ts_node__flags])
			n->flags = DatumGetInt16(v[ts_node__flags]) & 0x1F;
		if (!nl[ts_node__start_gap])
		{
			bstart += DatumGetInt32(v[ts_node__start_gap]);
			if (bstart >= 0 && bstart <= PG_INT32_MAX)
				n->bstart = (int32) bstart;
			if (n->bstart >= 0 && !nl[ts_node__length] && DatumGetInt32(v[ts_node__length]) >= 0 &&
				(int64) n->bstart + DatumGetInt32(v[ts_node__length]) <= PG_INT32_MAX)
				n->bend = n->bstart + DatumGetInt32(v[ts_node__length]);
		}
		n->attrs = v[ts_node__attrs];
		n->attrs_null = nl[ts_node__attrs];
	}
	pfree(children);
	*nodes = out;
	return elems.count;
}
