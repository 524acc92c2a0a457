/*
 * ts_tree.h - a tree-sitter tree flattened in preorder for node-by-node comparison, and
 * its structural checks; shared by the tree-sitter fuzz target and the interruption
 * sweep (no PostgreSQL).
 */
#ifndef CODECPG_FUZZ_TS_TREE_H
#define CODECPG_FUZZ_TS_TREE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tree_sitter/api.h>

typedef struct FlatNode
{
	uint32_t	start;
	uint32_t	end;
	uint32_t	depth;
	uint16_t	symbol;
	uint16_t	field;
	uint8_t		flags;
} FlatNode;

typedef struct FlatTree
{
	FlatNode   *nodes;
	size_t		n;
	size_t		cap;
} FlatTree;

extern const TSLanguage *tree_sitter_python(void);

static inline void
flat_push(FlatTree *t, FlatNode node)
{
	if (t->n == t->cap)
	{
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->nodes = realloc(t->nodes, t->cap * sizeof(FlatNode));
		if (t->nodes == NULL)
			abort();
	}
	t->nodes[t->n++] = node;
}

/*
 * Preorder walk with a cursor, as src/treesitter/ts_parse.c flattens a tree; checks that
 * every span lies within the source and within its parent (the extractors cut the source
 * by these spans).
 */
static inline void
flat_tree(TSTree *tree, uint32_t length, FlatTree *out)
{
	TSTreeCursor cursor = ts_tree_cursor_new(ts_tree_root_node(tree));
	uint32_t	depth = 0;
	uint32_t	parent_end[4096];

	out->n = 0;
	for (;;)
	{
		TSNode		node = ts_tree_cursor_current_node(&cursor);
		FlatNode	f = {
			ts_node_start_byte(node), ts_node_end_byte(node), depth,
			ts_node_symbol(node), ts_tree_cursor_current_field_id(&cursor),
			(uint8_t) (ts_node_is_named(node) | ts_node_is_missing(node) << 1 |
					   ts_node_is_extra(node) << 2 | ts_node_has_error(node) << 3 |
					   ts_node_is_error(node) << 4)
		};

		if (f.start > f.end || f.end > length)
		{
			fprintf(stderr, "node %zu: span %u..%u outside 0..%u\n", out->n, f.start, f.end, length);
			abort();
		}
		if (depth > 0 && depth < 4096 && f.end > parent_end[depth - 1])
		{
			fprintf(stderr, "node %zu: ends at %u after its parent (%u)\n", out->n, f.end, parent_end[depth - 1]);
			abort();
		}
		if (depth < 4096)
			parent_end[depth] = f.end;
		(void) ts_language_symbol_name(tree_sitter_python(), f.symbol);
		flat_push(out, f);
		if (ts_tree_cursor_goto_first_child(&cursor))
		{
			depth++;
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(&cursor))
		{
			if (!ts_tree_cursor_goto_parent(&cursor))
			{
				ts_tree_cursor_delete(&cursor);
				return;
			}
			depth--;
		}
	}
}

/* A stop callback for cpg_ts_run(): counts progress checks and stops at check number "at". */
typedef struct StopAt
{
	uint64_t	checks;
	uint64_t	at;
} StopAt;

static inline bool
stop_at(void *arg, uint32_t byte_offset)
{
	(void) byte_offset;
	StopAt	   *s = arg;

	return ++s->checks >= s->at;
}

/* 0 when equal, else 1 + the index of the first differing node. */
static inline size_t
flat_diff(const FlatTree *a, const FlatTree *b)
{
	size_t		n = a->n < b->n ? a->n : b->n;

	for (size_t i = 0; i < n; i++)
	{
		const FlatNode *x = &a->nodes[i];
		const FlatNode *y = &b->nodes[i];

		if (x->start != y->start || x->end != y->end || x->depth != y->depth ||
			x->symbol != y->symbol || x->field != y->field || x->flags != y->flags)
			return i + 1;
	}
	return a->n == b->n ? 0 : n + 1;
}

#endif
