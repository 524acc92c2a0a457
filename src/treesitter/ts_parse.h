/*
 * ts_parse.h: one tree-sitter parse of a Python source, flattened.
 *
 * The tree-sitter tree lives in malloc'ed memory outside PostgreSQL's control, so it
 * never outlives cpg_ts_parse(): the tree is walked once with a TSTreeCursor into a
 * palloc'ed preorder array and freed on every path, including errors. Both the
 * tree-sitter extractor and the CST extractor work on that array.
 *
 * Offsets are bytes of the source as stored. A UTF-8 byte order mark is not given
 * to the grammar (CPython skips it too) but is counted: offsets still index the
 * stored text, so the root module starts at byte 3 in a file with a BOM.
 */
#ifndef CODECPG_TS_PARSE_H
#define CODECPG_TS_PARSE_H

#include <tree_sitter/api.h>

#define TSN_NAMED		0x01
#define TSN_ERROR		0x02
#define TSN_MISSING		0x04
#define TSN_EXTRA		0x08
#define TSN_HAS_ERROR	0x10

#define TSN_NONE (-1)

typedef struct TsNode
{
	uint32		bstart;
	uint32		bend;
	int32		parent;			/* TSN_NONE for the root */
	int32		first_child;
	int32		next_sibling;
	int32		child_index;	/* among all children of the parent */
	uint16		symbol;			/* ts_node_symbol; 65535 is ERROR */
	uint16		field;			/* TSFieldId, 0 when the node fills no field */
	uint8		flags;
} TsNode;

typedef struct TsTree
{
	const char *source;
	int32		length;
	int32		body_start;		/* 3 when the source starts with a UTF-8 BOM */
	TsNode	   *nodes;			/* preorder; nodes[0] is the root */
	int32		nnodes;
	int32		named_count;
	int32		error_count;
	int32		missing_count;
	double		parse_ms;
	bool		timed_out;		/* no tree: the parse hit codecpg.ts_timeout_ms */
	bool		too_large;		/* no tree: the source exceeds codecpg.ts_max_bytes */
} TsTree;

extern const TSLanguage *cpg_ts_language(void);

/*
 * Per-call caches of kind texts are indexed by slot: every grammar symbol (aliases
 * included) has one, and ERROR (symbol 65535) takes the last.
 */
static inline uint32
cpg_ts_kind_slots(void)
{
	return ts_language_symbol_count(cpg_ts_language()) + 1;
}

/* -1 for a symbol the grammar does not declare (callers then skip their cache). */
static inline int32
cpg_ts_kind_slot(uint16 symbol)
{
	uint32		slots = cpg_ts_kind_slots();

	if (symbol == (uint16) ((TSSymbol) -1))
		return slots - 1;
	return symbol < slots - 1 ? symbol : -1;
}
extern void cpg_ts_guc_init(void);
extern void cpg_ts_parse(const char *source, int32 length, TsTree *tree);
extern double cpg_ts_parse_only(const char *source, int32 length);
extern void cpg_ts_source_sha256(const TsTree *tree, char *hex);
extern const char *cpg_ts_kind_name(uint16 symbol);
extern Datum cpg_ts_kind_text(Datum *cache, uint16 symbol);
extern const char *cpg_ts_field_name(uint16 field);
extern uint16 cpg_ts_symbol(const char *name, bool named);
extern uint16 cpg_ts_field(const char *name);
extern char *cpg_ts_attrs_json(const TsTree *tree);

#endif
