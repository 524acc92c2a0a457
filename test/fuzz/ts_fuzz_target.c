/*
 * ts_fuzz_target.c - libFuzzer target for the tree-sitter side: the vendored runtime, the
 * tree-sitter-python grammar (with its external scanner) and codecpg's stoppable parse
 * (src/treesitter/ts_run.c), outside PostgreSQL.
 *
 * Each input is parsed once without interruption and walked as the extension flattens
 * a tree (spans inside the source and inside their parent). Then it is parsed again,
 * stopped at a progress check chosen from the input, and parsed once more from the
 * start: that tree must equal the first node for node (symbol, field, span, depth,
 * flags). A difference or a sanitizer report is a finding.
 */
#include "ts_tree.h"
#include "../../src/treesitter/ts_run.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);


static bool
count_only(void *arg, uint32_t byte_offset)
{
	(void) byte_offset;
	((StopAt *) arg)->checks++;
	return false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static TSParser *parser;
	static FlatTree reference;
	static FlatTree retried;
	StopAt		counter = {0, 0};
	StopAt		stop = {0, 0};
	uint64_t	hash = 1469598103934665603ULL;
	bool		stopped;
	TSTree	   *tree;

	if (size > (1 << 20))
		return 0;
	if (parser == NULL)
	{
		parser = ts_parser_new();
		if (!ts_parser_set_language(parser, tree_sitter_python()))
			abort();
	}
	tree = cpg_ts_run(parser, (const char *) data, (uint32_t) size, count_only, &counter, &stopped);
	if (tree == NULL)
	{
		fprintf(stderr, "uninterrupted parse gave no tree (stopped %d)\n", stopped);
		abort();
	}
	flat_tree(tree, (uint32_t) size, &reference);
	ts_tree_delete(tree);

	for (size_t i = 0; i < size; i++)
		hash = (hash ^ data[i]) * 1099511628211ULL;
	stop.at = 1 + hash % (counter.checks + 1);
	tree = cpg_ts_run(parser, (const char *) data, (uint32_t) size, stop_at, &stop, &stopped);
	if (tree != NULL)
	{
		/* The parse ended before the chosen check: it is an uninterrupted parse. */
		flat_tree(tree, (uint32_t) size, &retried);
		ts_tree_delete(tree);
	}
	else
	{
		if (!stopped)
			abort();
		tree = cpg_ts_run(parser, (const char *) data, (uint32_t) size, NULL, NULL, &stopped);
		if (tree == NULL)
			abort();
		flat_tree(tree, (uint32_t) size, &retried);
		ts_tree_delete(tree);
	}
	if (flat_diff(&reference, &retried) != 0)
	{
		fprintf(stderr, "stopped at check %llu of %llu and parsed again: node %zu differs\n",
				(unsigned long long) stop.at, (unsigned long long) counter.checks,
				flat_diff(&reference, &retried) - 1);
		abort();
	}
	return 0;
}
