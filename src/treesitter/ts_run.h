/*
 * ts_run.h: one tree-sitter parse that can be stopped, and is never resumed.
 *
 * tree-sitter can suspend a parse (timeout, cancellation flag, progress callback) and
 * resume it on the next call. A resumed parse does not always give the tree an
 * uninterrupted one gives (`X = f(*g())` came back as a call of a list_splat), so a
 * tree would depend on machine load. cpg_ts_run() therefore discards a stopped parse:
 * the parser is left with no outstanding parse on every return, and a caller that
 * wants a tree after a stop parses again from the start.
 *
 * No PostgreSQL dependency: the fuzz harness runs the same code outside a backend.
 */
#ifndef CODECPG_TS_RUN_H
#define CODECPG_TS_RUN_H

#include <stdbool.h>
#include <stdint.h>

#include <tree_sitter/api.h>

/*
 * Asked every 100 parser operations with the byte the parser has reached; returning
 * true stops the parse. Must not throw
 * (longjmp) out of the runtime: it says "stop", and the caller acts after the return.
 */
typedef bool (*CpgTsStopFn) (void *arg, uint32_t byte_offset);

/*
 * Parse text[0..length) from scratch. Returns the tree, or NULL with *stopped set when
 * stop() asked to stop, or NULL with *stopped clear when the runtime failed (the
 * grammar's external scanner could not start).
 */
extern TSTree *cpg_ts_run(TSParser *parser, const char *text, uint32_t length,
						  CpgTsStopFn stop, void *arg, bool *stopped);

#endif
