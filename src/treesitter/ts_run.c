/*
 * ts_run.c: a tree-sitter parse that is stopped through the progress callback and
 * discarded, never resumed (see ts_run.h).
 */
#include "treesitter/ts_run.h"

typedef struct StringInput
{
	const char *text;
	uint32_t	length;
} StringInput;

typedef struct StopState
{
	CpgTsStopFn stop;
	void	   *arg;
	bool		stopped;
} StopState;

static const char *
read_string(void *payload, uint32_t byte_index, TSPoint position, uint32_t *bytes_read)
{
	StringInput *input = payload;

	(void) position;
	if (byte_index >= input->length)
	{
		*bytes_read = 0;
		return "";
	}
	*bytes_read = input->length - byte_index;
	return input->text + byte_index;
}

static bool
progress(TSParseState *state)
{
	StopState  *s = state->payload;

	if (!s->stopped && s->stop != NULL && s->stop(s->arg, state->current_byte_offset))
		s->stopped = true;
	return s->stopped;
}

TSTree *
cpg_ts_run(TSParser *parser, const char *text, uint32_t length,
		   CpgTsStopFn stop, void *arg, bool *stopped)
{
	StringInput input = {text, length};
	StopState	state = {stop, arg, false};
	TSParseOptions options = {&state, progress};
	TSTree	   *tree;

	/* Whatever an earlier call left suspended is dropped, not continued. */
	ts_parser_reset(parser);
	tree = ts_parser_parse_with_options(parser, NULL,
										(TSInput) {&input, read_string, TSInputEncodingUTF8, NULL},
										options);
	if (tree == NULL)
		ts_parser_reset(parser);
	*stopped = tree == NULL && state.stopped;
	return tree;
}
