/*
 * summary_builder.h: the state and the shared steps of building a file's summary,
 * private to summary_build.c (strings, records, statements), summary_exprs.c
 * (expressions) and summary_defs.c (imports, defs, classes and lambdas).
 */
#ifndef CODECPG_SUMMARY_BUILDER_H
#define CODECPG_SUMMARY_BUILDER_H

#include "cpg/summary.h"
#include "cst/cst_walk.h"

/* Expressions nested deeper than this are summarised as unknown values (Python's own parser stops at 200). */
#define SUM_MAX_DEPTH 256

typedef struct StrSlot
{
	uint32		hash;
	int32		index;			/* -1: empty */
} StrSlot;

typedef struct Builder
{
	Extract    *x;
	Summary		s;
	int32		cap_scopes,
				cap_params,
				cap_exprs,
				cap_args,
				cap_elems,
				cap_effects,
				cap_imports,
				cap_all,
				cap_strings;
	StrSlot    *slots;			/* interned strings, open addressing */
	int32		nslots;
	int32		depth;
	int32	   *scope_map;		/* CST scope -> summary scope (the same numbering) */
	int32		none_guard;		/* string: the name an enclosing `if NAME is None:` tests, or -1 */
	int32		none_guard_function;	/* the function scope that if statement is in */
} Builder;

#define B_GROW(b, arr, n, cap) GROW((b)->s.arr, (b)->s.n, (b)->cap)

/* summary_build.c: strings, records, statements */
extern int32 sb_intern(Builder *b, const char *str, int32 len);
extern int32 sb_intern_node(Builder *b, int32 node);
extern int32 sb_new_expr(Builder *b, int32 op, int32 node, int32 a, int32 bb, int32 c, bool spanned);
extern void sb_new_effect(Builder *b, int32 kind, int32 scope, int32 a, int32 bb, int32 c, int32 span_node);
extern int32 sb_spanned(Builder *b, int32 e, int32 node);
extern int32 sb_push_elem(Builder *b, int32 value);
extern int32 sb_function_scope(Builder *b, int32 scope);
extern void sb_store(Builder *b, int32 target, int32 value);
extern void sb_block(Builder *b, int32 node);
extern void sb_truth(Builder *b, int32 node);
extern void sb_stmt(Builder *b, int32 node);

/* summary_exprs.c */
extern int32 sb_expr(Builder *b, int32 node);
extern void sb_children(Builder *b, int32 node);
extern int32 sb_operator_of(Builder *b, int32 op_node);

/* summary_defs.c */
extern void sb_imports(Builder *b, int32 node);
extern void sb_def_statement(Builder *b, int32 node, int32 outer);
extern int32 sb_annotation_classes(Builder *b, int32 node);
extern bool sb_last_name_is(Builder *b, int32 node, const char *name);
extern int32 sb_generic_name(Builder *b, int32 node);

static inline int32
sb_scope_of(Builder *b, int32 node)
{
	return b->x->f.st.scope_of[node];
}

static inline bool
is_kind(const Builder *b, int32 node, uint16 symbol)
{
	return node != TSN_NONE && SYMBOL(b->x, node) == symbol;
}

static inline int32
next_named(const Extract *x, int32 c)
{
	for (c = x->f.nodes[c].next_sibling; c != TSN_NONE; c = x->f.nodes[c].next_sibling)
		if ((x->f.nodes[c].flags & (TSN_NAMED | TSN_EXTRA)) == TSN_NAMED)
			return c;
	return TSN_NONE;
}

static inline int32
count_named(const Extract *x, int32 node)
{
	int32		n = 0;

	for (int32 c = first_named(x, node); c != TSN_NONE; c = next_named(x, c))
		n++;
	return n;
}

#endif
