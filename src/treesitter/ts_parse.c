/*
 * ts_parse.c: the backend's tree-sitter parser and the flattened preorder tree.
 */
#include "postgres.h"

#include <limits.h>

#include "access/parallel.h"
#include "access/xact.h"
#include "common/ids.h"
#include "miscadmin.h"
#include "portability/instr_time.h"
#include "treesitter/ts_parse.h"
#include "treesitter/ts_run.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/memutils.h"

extern const TSLanguage *tree_sitter_python(void);

/*
 * The size limit bounds a backend's memory. A ts_extract row is 25 to 70 times its
 * source (70 for a list of integers: a node every 1.5 bytes), so a dense source much
 * above 16 MB could not even form a row (PostgreSQL values stop at 1 GB), and the peak
 * is a few hundred times the source (2 MB of such a list: 790 MB). The largest file of
 * the standard library is 0.75 MB.
 */
#define TS_DEFAULT_MAX_BYTES (16 * 1024 * 1024)

/*
 * A flattened tree is about 30 times its source. Trees of larger sources are not kept:
 * they are rare, and keeping one would hold that memory until the transaction ends.
 */
#define TS_CACHE_MAX_BYTES (2 * 1024 * 1024)

static int	ts_timeout_ms = 10000;
static int	ts_max_bytes = TS_DEFAULT_MAX_BYTES;
static TSParser *backend_parser = NULL;

/*
 * The last flattened tree and its source: ts_extract and cst_extract of one row share it.
 * It lives until the transaction ends, so that an idle (pooled) backend holds no tree.
 */
static MemoryContext tree_cache_cxt = NULL;
static TsTree tree_cache;
static bool tree_cache_valid = false;
static char tree_cache_sha256[65];	/* "" until asked for */

/*
 * tree-sitter aborts the process when malloc fails. A failed allocation ends this
 * backend with FATAL instead: the postmaster then does not have to reinitialize
 * every other session, which it would after an abort.
 */
static void *
ts_alloc_or_die(size_t size)
{
	void	   *p = malloc(size);

	if (p == NULL && size > 0)
		ereport(FATAL,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory in tree-sitter"),
				 errdetail("Failed on request of size %zu.", size)));
	return p;
}

static void *
ts_calloc_or_die(size_t n, size_t size)
{
	void	   *p = calloc(n, size);

	if (p == NULL && n > 0 && size > 0)
		ereport(FATAL,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory in tree-sitter"),
				 errdetail("Failed on request of %zu elements of size %zu.", n, size)));
	return p;
}

static void *
ts_realloc_or_die(void *old, size_t size)
{
	void	   *p = realloc(old, size);

	if (p == NULL && size > 0)
		ereport(FATAL,
				(errcode(ERRCODE_OUT_OF_MEMORY),
				 errmsg("out of memory in tree-sitter"),
				 errdetail("Failed on request of size %zu.", size)));
	return p;
}

/* Registered from _PG_init, so SHOW and SET work before the first parse. */
void
cpg_ts_guc_init(void)
{
	DefineCustomIntVariable("codecpg.ts_timeout_ms",
							"Time limit of one tree-sitter parse, in milliseconds (0: none).",
							"A parse that hits the limit yields a row with parse_timed_out set and no nodes.",
							&ts_timeout_ms, 10000, 0, INT_MAX / 1000,
							PGC_USERSET, GUC_UNIT_MS, NULL, NULL, NULL);
	DefineCustomIntVariable("codecpg.ts_max_bytes",
							"Largest source, in bytes, that tree-sitter parses.",
							"A larger source yields a row that says so and has no nodes.",
							&ts_max_bytes, TS_DEFAULT_MAX_BYTES, 0, INT_MAX,
							PGC_USERSET, GUC_UNIT_BYTE, NULL, NULL, NULL);
}

const TSLanguage *
cpg_ts_language(void)
{
	static const TSLanguage *language = NULL;

	if (language == NULL)
	{
		ts_set_allocator(ts_alloc_or_die, ts_calloc_or_die, ts_realloc_or_die, free);
		language = tree_sitter_python();
	}
	return language;
}

static TSParser *
get_parser(void)
{
	if (backend_parser == NULL)
	{
		TSParser   *parser = ts_parser_new();

		if (!ts_parser_set_language(parser, cpg_ts_language()))
		{
			ts_parser_delete(parser);
			ereport(ERROR,
					(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
					 errmsg("tree-sitter runtime rejects the python grammar"),
					 errdetail("Grammar ABI %u, runtime accepts %d to %d.",
							   ts_language_abi_version(cpg_ts_language()),
							   TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION,
							   TREE_SITTER_LANGUAGE_VERSION)));
		}
		backend_parser = parser;
	}
	return backend_parser;
}

typedef struct ParseBudget
{
	instr_time	start;
	bool		timed_out;
	uint32		stopped_at;		/* where the parser was when it was stopped */
} ParseBudget;

static double
elapsed_ms(const ParseBudget *budget)
{
	instr_time	now;

	INSTR_TIME_SET_CURRENT(now);
	INSTR_TIME_SUBTRACT(now, budget->start);
	return INSTR_TIME_GET_MILLISEC(now);
}

/*
 * The progress callback: stop at the time limit, and for a pending interrupt that ends
 * the query (cancel, statement timeout, termination, a lost client, a parallel worker's
 * message), when it can be served now. Other interrupts (a procsignal barrier, a request
 * to log memory contexts) are served when the parse ends, within the time limit: a stream
 * of them must not starve a parse that each of them would restart.
 */
static bool
parse_should_stop(void *arg, uint32 byte_offset)
{
	ParseBudget *budget = arg;

	budget->stopped_at = byte_offset;
	if ((QueryCancelPending || ProcDiePending || ClientConnectionLost ||
		 CheckClientConnectionPending || ParallelMessagePending) &&
		INTERRUPTS_CAN_BE_PROCESSED())
		return true;
	if (ts_timeout_ms > 0 && elapsed_ms(budget) >= ts_timeout_ms)
	{
		budget->timed_out = true;
		return true;
	}
	return false;
}

/*
 * Parse, stopping for interrupts that end the query. A stopped parse is never resumed
 * (see ts_run.h): when the interrupt did not end the query after all (CHECK_FOR_INTERRUPTS
 * returned), the source is parsed again from the start, within the same time limit.
 * Returns NULL when the limit is hit.
 */
static TSTree *
parse_cancellable(TSParser *parser, const char *text, uint32 length, double *ms)
{
	ParseBudget budget;

	INSTR_TIME_SET_CURRENT(budget.start);
	budget.timed_out = false;
	budget.stopped_at = 0;
	for (;;)
	{
		bool		stopped;
		TSTree	   *tree = cpg_ts_run(parser, text, length, parse_should_stop, &budget, &stopped);

		*ms = elapsed_ms(&budget);
		if (tree != NULL)
			return tree;
		if (!stopped)
			ereport(ERROR,
					(errcode(ERRCODE_EXTERNAL_ROUTINE_EXCEPTION),
					 errmsg("tree-sitter could not parse the source"),
					 errdetail("The grammar's external scanner failed to start.")));
		if (budget.timed_out)
			return NULL;
		CHECK_FOR_INTERRUPTS();
		elog(DEBUG1, "tree-sitter parse stopped for an interrupt at byte %u, parsing again", budget.stopped_at);
	}
}

/*
 * tree-sitter-python only knows \n and \r\n; Python also ends a line at a lone \r.
 * Both are one byte, so the grammar gets a copy with lone \r turned into \n and
 * every offset stays valid for the stored text.
 */
static const char *
grammar_text(const char *text, uint32 length)
{
	const char *cr = memchr(text, '\r', length);
	char	   *copy = NULL;

	for (; cr != NULL; cr = memchr(cr + 1, '\r', length - (cr + 1 - text)))
	{
		uint32		at = cr - text;

		if (at + 1 < length && text[at + 1] == '\n')
			continue;
		if (copy == NULL)
		{
			copy = palloc(length + 1);
			memcpy(copy, text, length);
			copy[length] = '\0';
		}
		copy[at] = '\n';
	}
	return copy ? copy : text;
}

static int32
body_start(const char *source, int32 length)
{
	return (length >= 3 && memcmp(source, "\xEF\xBB\xBF", 3) == 0) ? 3 : 0;
}

/* The cursor walk: preorder, iterative, one pass. */
static void
flatten(TSTreeCursor *cursor, TsTree *tree)
{
	int32		capacity = 1024;
	int32		depth_capacity = 64;
	int32	   *path = palloc(depth_capacity * sizeof(int32));	/* node index per depth */
	int32	   *last = palloc(depth_capacity * sizeof(int32));	/* last child per depth */
	int32		depth = 0;
	uint32		offset = tree->body_start;

	tree->nodes = palloc(capacity * sizeof(TsNode));
	for (;;)
	{
		TSNode		node = ts_tree_cursor_current_node(cursor);
		TsNode	   *n;
		int32		idx = tree->nnodes;

		if (idx == capacity)
		{
			if (capacity > INT_MAX / 2)
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("too many tree-sitter nodes in one file")));
			capacity *= 2;
			tree->nodes = repalloc_huge(tree->nodes, capacity * sizeof(TsNode));
		}
		if ((idx & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		n = &tree->nodes[idx];
		n->bstart = ts_node_start_byte(node) + offset;
		n->bend = ts_node_end_byte(node) + offset;
		n->symbol = ts_node_symbol(node);
		n->field = ts_tree_cursor_current_field_id(cursor);
		n->first_child = TSN_NONE;
		n->next_sibling = TSN_NONE;
		n->flags = (ts_node_is_named(node) ? TSN_NAMED : 0) |
			(n->symbol == (uint16) ((TSSymbol) -1) ? TSN_ERROR : 0) |
			(ts_node_is_missing(node) ? TSN_MISSING : 0) |
			(ts_node_is_extra(node) ? TSN_EXTRA : 0) |
			(ts_node_has_error(node) ? TSN_HAS_ERROR : 0);
		if (depth == 0)
		{
			n->parent = TSN_NONE;
			n->child_index = TSN_NONE;
		}
		else
		{
			TsNode	   *parent = &tree->nodes[path[depth - 1]];

			n->parent = path[depth - 1];
			if (last[depth] == TSN_NONE)
			{
				parent->first_child = idx;
				n->child_index = 0;
			}
			else
			{
				tree->nodes[last[depth]].next_sibling = idx;
				n->child_index = tree->nodes[last[depth]].child_index + 1;
			}
			last[depth] = idx;
		}
		tree->named_count += (n->flags & TSN_NAMED) != 0;
		tree->error_count += (n->flags & TSN_ERROR) != 0;
		tree->missing_count += (n->flags & TSN_MISSING) != 0;
		path[depth] = idx;
		tree->nnodes++;

		if (ts_tree_cursor_goto_first_child(cursor))
		{
			depth++;
			if (depth + 1 >= depth_capacity)
			{
				depth_capacity *= 2;
				path = repalloc(path, depth_capacity * sizeof(int32));
				last = repalloc(last, depth_capacity * sizeof(int32));
			}
			last[depth] = TSN_NONE;
			continue;
		}
		while (!ts_tree_cursor_goto_next_sibling(cursor))
		{
			if (!ts_tree_cursor_goto_parent(cursor))
				goto done;
			depth--;
		}
	}
done:
	pfree(path);
	pfree(last);
}

static bool
tree_cache_get(const char *source, int32 length, TsTree *tree)
{
	if (!tree_cache_valid || tree_cache.length != length ||
		memcmp(tree_cache.source, source, length) != 0)
		return false;
	*tree = tree_cache;
	tree->source = source;
	return true;
}

static void
tree_cache_clear(void)
{
	tree_cache_valid = false;
	tree_cache_sha256[0] = '\0';
	if (tree_cache_cxt != NULL)
		MemoryContextReset(tree_cache_cxt);
}

/*
 * Any event of a top-level transaction's end (pre-commit, commit, abort, prepare, in a
 * parallel worker too): no extraction is running then.
 */
static void
tree_cache_xact_end(XactEvent event, void *arg)
{
	(void) event;
	(void) arg;
	if (tree_cache_valid)
		tree_cache_clear();
}

static void
tree_cache_put(const TsTree *tree)
{
	char	   *source;

	if (tree_cache_cxt == NULL)
	{
		tree_cache_cxt = AllocSetContextCreate(TopMemoryContext, "codecpg tree-sitter tree cache",
											   ALLOCSET_DEFAULT_SIZES);
		RegisterXactCallback(tree_cache_xact_end, NULL);
	}
	tree_cache_clear();
	if (tree->length > TS_CACHE_MAX_BYTES)
		return;
	tree_cache = *tree;
	source = MemoryContextAllocHuge(tree_cache_cxt, Max(tree->length, 1));
	memcpy(source, tree->source, tree->length);
	tree_cache.source = source;
	tree_cache.nodes = MemoryContextAllocHuge(tree_cache_cxt, sizeof(TsNode) * Max(tree->nnodes, 1));
	memcpy(tree_cache.nodes, tree->nodes, sizeof(TsNode) * tree->nnodes);
	tree_cache_valid = true;
}

/*
 * The flattened tree of a source. Its nodes may belong to the backend's tree cache:
 * callers read them and never free or modify them.
 */
void
cpg_ts_parse(const char *source, int32 length, TsTree *tree)
{
	/*
	 * Written inside PG_TRY and read in PG_FINALLY: a static is not rolled back by the
	 * longjmp as a register-held local may be (cpg_ts_parse does not nest: one parser
	 * per backend).
	 */
	static TSTreeCursor cursor;
	TSParser   *parser;
	TSTree	   *volatile ts_tree = NULL;
	volatile bool cursor_live = false;

	memset(tree, 0, sizeof(*tree));
	tree->source = source;
	tree->length = length;
	tree->body_start = body_start(source, length);
	if (ts_max_bytes > 0 && length > ts_max_bytes)
	{
		tree->too_large = true;
		return;
	}
	if (tree_cache_get(source, length, tree))
		return;
	parser = get_parser();
	PG_TRY();
	{
		uint32		glen = length - tree->body_start;

		ts_tree = parse_cancellable(parser, grammar_text(source + tree->body_start, glen),
									glen, &tree->parse_ms);
		if (ts_tree == NULL)
			tree->timed_out = true;
		else
		{
			cursor = ts_tree_cursor_new(ts_tree_root_node(ts_tree));
			cursor_live = true;
			flatten(&cursor, tree);
		}
	}
	PG_FINALLY();
	{
		if (cursor_live)
			ts_tree_cursor_delete(&cursor);
		if (ts_tree != NULL)
			ts_tree_delete(ts_tree);
		ts_parser_reset(parser);
	}
	PG_END_TRY();
	if (!tree->timed_out)
		tree_cache_put(tree);
}

/* Hex SHA-256 of a parsed source, computed once while its tree is the cached one. */
void
cpg_ts_source_sha256(const TsTree *tree, char *hex)
{
	bool		cached = tree_cache_valid && tree_cache.length == tree->length &&
		memcmp(tree_cache.source, tree->source, tree->length) == 0;

	if (cached && tree_cache_sha256[0] != '\0')
	{
		memcpy(hex, tree_cache_sha256, sizeof(tree_cache_sha256));
		return;
	}
	cpg_sha256_hex(tree->source, tree->length, hex);
	if (cached)
		memcpy(tree_cache_sha256, hex, sizeof(tree_cache_sha256));
}

double
cpg_ts_parse_only(const char *source, int32 length)
{
	TSParser   *parser;
	TSTree	   *volatile ts_tree = NULL;
	volatile double ms = 0;

	parser = get_parser();
	PG_TRY();
	{
		int32		skip = body_start(source, length);
		double		elapsed;

		ts_tree = parse_cancellable(parser, grammar_text(source + skip, length - skip),
									length - skip, &elapsed);
		ms = elapsed;
	}
	PG_FINALLY();
	{
		if (ts_tree != NULL)
			ts_tree_delete(ts_tree);
		ts_parser_reset(parser);
	}
	PG_END_TRY();
	return ms;
}

const char *
cpg_ts_kind_name(uint16 symbol)
{
	return ts_language_symbol_name(cpg_ts_language(), symbol);
}

/* Its kind name as text, formed once per call in cache (cpg_ts_kind_slots() zeroed Datums). */
Datum
cpg_ts_kind_text(Datum *cache, uint16 symbol)
{
	int32		slot = cpg_ts_kind_slot(symbol);

	if (slot < 0)
		return CStringGetTextDatum(cpg_ts_kind_name(symbol));
	if (cache[slot] == (Datum) 0)
		cache[slot] = CStringGetTextDatum(cpg_ts_kind_name(symbol));
	return cache[slot];
}

const char *
cpg_ts_field_name(uint16 field)
{
	return field == 0 ? NULL : ts_language_field_name_for_id(cpg_ts_language(), field);
}

/* Grammar symbols by name; a missing one means the grammar changed under the code. */
uint16
cpg_ts_symbol(const char *name, bool named)
{
	TSSymbol	symbol = ts_language_symbol_for_name(cpg_ts_language(), name, strlen(name), named);

	if (symbol == 0)
		elog(ERROR, "tree-sitter-python grammar has no %s symbol \"%s\"",
			 named ? "named" : "anonymous", name);
	return symbol;
}

uint16
cpg_ts_field(const char *name)
{
	TSFieldId	field = ts_language_field_id_for_name(cpg_ts_language(), name, strlen(name));

	if (field == 0)
		elog(ERROR, "tree-sitter-python grammar has no field \"%s\"", name);
	return field;
}

char *
cpg_ts_attrs_json(const TsTree *tree)
{
	return psprintf("{\"grammar\": \"tree-sitter-python\", \"grammar_version\": \"%s\", "
					"\"language_abi\": %u, \"runtime\": \"%s\", \"runtime_abi\": \"%d..%d\", \"bom\": %s, "
					"\"line_breaks\": \"\\\\n, \\\\r\\\\n, \\\\r\", \"col_unit\": \"byte\"%s}",
					CODECPG_GRAMMAR_VERSION, ts_language_abi_version(cpg_ts_language()),
					CODECPG_TS_RUNTIME_VERSION,
					TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION, TREE_SITTER_LANGUAGE_VERSION,
					tree->body_start ? "true" : "false",
					tree->too_large ? ", \"skipped\": \"source larger than codecpg.ts_max_bytes\"" : "");
}
