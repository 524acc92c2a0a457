/*
 * layout.h: where a directory about to be indexed sits on sys.path, as far as its files
 * tell. Shared by the server-side run (index_repo.c) and the command-line client, which
 * look at the directory on their own side.
 */
#ifndef CODECPG_LAYOUT_H
#define CODECPG_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#define CPG_LAYOUT_NAME_MAX 256

typedef struct CpgLayout
{
	char		package[CPG_LAYOUT_NAME_MAX];	/* the root's own package name, or "" */
	char		source_root[CPG_LAYOUT_NAME_MAX];	/* a directory on sys.path under the root, or "" */
} CpgLayout;

extern void cpg_layout_detect(const char *root, CpgLayout *layout);
extern bool cpg_layout_valid_package(const char *package);
extern bool cpg_layout_valid_source_root(const char *source_root);

#endif
