/* cli.h: the codecpg command-line client's parts. */
#ifndef CODECPG_CLI_H
#define CODECPG_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "index/selection.h"

/* A selected file, or a problem met while walking (kind != NULL). */
typedef struct WalkItem
{
	char	   *relpath;
	const char *kind;			/* NULL for a selected file; else symlink_loop, unreadable */
	char	   *message;
} WalkItem;

typedef struct WalkResult
{
	WalkItem   *items;
	int			nitems;
	int			maxitems;
} WalkResult;

/* Walks root as codecpg.index_repo does; false (errno set) when root is unusable. */
extern bool cli_walk(const char *root, const CpgSelection *sel, WalkResult *out);

/* codecpg export (export.c): argv[1] is "export"; returns the exit status. */
extern int	cli_export(int argc, char **argv);

extern void *xmalloc(size_t size);
extern void *xrealloc(void *p, size_t size);
extern char *xstrdup(const char *s);
extern char *xasprintf(const char *fmt,...) __attribute__((format(printf, 1, 2)));

#endif
