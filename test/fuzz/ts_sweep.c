/*
 * ts_sweep.c - the interruption proof, deterministic: for each file, parse it once
 * uninterrupted, then for every progress check k (or evenly spaced ones, at most
 * --max-stops per file) stop the parse at check k and parse again from the start, as
 * codecpg does (src/treesitter/ts_run.c); the tree must equal the uninterrupted one node
 * for node. Exit status 1 when any differs.
 *
 *   ts_sweep [--max-stops N] FILE...           codecpg's way: stop, discard, parse again
 *   ts_sweep --resume [--max-stops N] FILE...  tree-sitter's resume after a stop (what
 *                                              codecpg did before): reports the stops whose
 *                                              resumed tree differs
 */
#include "ts_tree.h"
#include "../../src/treesitter/ts_run.h"


static bool
progress_stop_at(TSParseState *state)
{
	return stop_at(state->payload, state->current_byte_offset);
}

static const char *
read_all(void *payload, uint32_t byte_index, TSPoint position, uint32_t *bytes_read)
{
	const char *const *text = payload;
	uint32_t	length = (uint32_t) (uintptr_t) text[1];

	(void) position;
	*bytes_read = byte_index < length ? length - byte_index : 0;
	return byte_index < length ? text[0] + byte_index : "";
}

/* Stop at check k, then let tree-sitter resume the suspended parse. */
static TSTree *
parse_resumed(TSParser *parser, const char *text, uint32_t length, uint64_t k)
{
	const char *input_payload[2] = {text, (const char *) (uintptr_t) length};
	TSInput		input = {input_payload, read_all, TSInputEncodingUTF8, NULL};
	StopAt		stop = {0, k};
	TSParseOptions options = {&stop, progress_stop_at};
	TSTree	   *tree;

	ts_parser_reset(parser);
	tree = ts_parser_parse_with_options(parser, NULL, input, options);
	if (tree == NULL)
		tree = ts_parser_parse(parser, NULL, input);
	return tree;
}

static char *
slurp(const char *path, uint32_t *length)
{
	FILE	   *f = fopen(path, "rb");
	char	   *buf;
	long		size;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
	{
		perror(path);
		exit(2);
	}
	buf = malloc(size + 1);
	if (buf == NULL || fread(buf, 1, size, f) != (size_t) size)
	{
		perror(path);
		exit(2);
	}
	fclose(f);
	*length = (uint32_t) size;
	return buf;
}

int
main(int argc, char **argv)
{
	TSParser   *parser = ts_parser_new();
	bool		resume = false;
	uint64_t	max_stops = 2000;
	int			failed = 0;
	FlatTree	reference = {0};
	FlatTree	other = {0};

	if (!ts_parser_set_language(parser, tree_sitter_python()))
		return 2;
	for (int i = 1; i < argc; i++)
	{
		uint32_t	length;
		char	   *text;
		StopAt		counter = {0, 0};
		bool		stopped;
		TSTree	   *tree;
		uint64_t	step;
		uint64_t	stops = 0;
		uint64_t	differing = 0;

		if (strcmp(argv[i], "--resume") == 0)
		{
			resume = true;
			continue;
		}
		if (strcmp(argv[i], "--max-stops") == 0 && i + 1 < argc)
		{
			max_stops = strtoull(argv[++i], NULL, 10);
			continue;
		}
		text = slurp(argv[i], &length);
		counter.at = UINT64_MAX;
		tree = cpg_ts_run(parser, text, length, stop_at, &counter, &stopped);
		if (tree == NULL)
		{
			fprintf(stderr, "%s: no tree\n", argv[i]);
			return 2;
		}
		flat_tree(tree, length, &reference);
		ts_tree_delete(tree);
		step = counter.checks / (max_stops ? max_stops : 1) + 1;
		for (uint64_t k = 1; k <= counter.checks; k += step)
		{
			stops++;
			if (resume)
				tree = parse_resumed(parser, text, length, k);
			else
			{
				StopAt		stop = {0, k};

				tree = cpg_ts_run(parser, text, length, stop_at, &stop, &stopped);
				if (tree != NULL || !stopped)
				{
					fprintf(stderr, "%s: the parse did not stop at check %llu\n", argv[i], (unsigned long long) k);
					return 2;
				}
				tree = cpg_ts_run(parser, text, length, NULL, NULL, &stopped);
			}
			flat_tree(tree, length, &other);
			ts_tree_delete(tree);
			if (flat_diff(&reference, &other) != 0)
			{
				if (differing++ < 3)
					fprintf(stderr, "%s: stopped at check %llu of %llu: node %zu differs\n", argv[i],
							(unsigned long long) k, (unsigned long long) counter.checks,
							flat_diff(&reference, &other) - 1);
			}
		}
		printf("%s: %u bytes, %zu nodes, %llu progress checks, %llu stops, %llu different trees%s\n",
			   argv[i], length, reference.n, (unsigned long long) counter.checks,
			   (unsigned long long) stops, (unsigned long long) differing,
			   resume ? " (resumed)" : "");
		failed |= differing != 0;
		free(text);
	}
	free(reference.nodes);
	free(other.nodes);
	ts_parser_delete(parser);
	return failed;
}
