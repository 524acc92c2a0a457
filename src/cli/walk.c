/*
 * walk.c: the client's directory walk. It mirrors the server's (src/index/index_repo.c)
 * step for step so that both select the same files: an explicit stack, directories in
 * name order, symbolic links followed only when their target lies inside the root,
 * every entered directory remembered by (device, inode) so that a link back into the
 * tree is reported once and not followed.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

static bool
visit(CpgDirSet *v, const struct stat *st)
{
	return cpg_dirset_add(v, st->st_dev, st->st_ino);
}

static void
add(WalkResult *out, char *relpath, const char *kind, char *message)
{
	if (kind != NULL && !cpg_sel_valid_utf8(relpath))
	{
		char	   *escaped = xmalloc(4 * strlen(relpath) + 1);

		cpg_sel_escape_path(relpath, escaped);
		free(relpath);
		relpath = escaped;
	}
	if (out->nitems == out->maxitems)
	{
		out->maxitems = out->maxitems ? out->maxitems * 2 : 256;
		out->items = xrealloc(out->items, sizeof(WalkItem) * out->maxitems);
	}
	out->items[out->nitems].relpath = relpath;
	out->items[out->nitems].kind = kind;
	out->items[out->nitems].message = message;
	out->nitems++;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

static char *
full_path(const char *root, const char *rel)
{
	return *rel ? xasprintf("%s/%s", root, rel) : xstrdup(root);
}

bool
cli_walk(const char *root, const CpgSelection *sel, WalkResult *out)
{
	CpgDirSet	visited = {NULL, 0, 0, xmalloc, free};
	char	   *real_root;
	char	  **stack = NULL;
	int			nstack = 0;
	int			maxstack = 0;
	struct stat st;

	if (stat(root, &st) != 0)
		return false;
	if (!S_ISDIR(st.st_mode))
	{
		errno = ENOTDIR;
		return false;
	}
	real_root = realpath(root, NULL);
	if (real_root == NULL)
		return false;
	visit(&visited, &st);
	maxstack = 64;
	stack = xmalloc(sizeof(char *) * maxstack);
	stack[nstack++] = xstrdup("");
	while (nstack > 0)
	{
		char	   *rel = stack[--nstack];
		char	   *dirpath = full_path(root, rel);
		DIR		   *dir = opendir(dirpath);
		struct dirent *de;
		char	  **names = NULL;
		int			nnames = 0;
		int			maxnames = 0;
		char	  **subdirs = NULL;
		int			nsub = 0;

		if (dir == NULL)
		{
			add(out, xstrdup(*rel ? rel : "."), "unreadable",
				xasprintf("could not open directory: %s", strerror(errno)));
			free(dirpath);
			free(rel);
			continue;
		}
		while ((de = readdir(dir)) != NULL)
		{
			if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
				continue;
			if (nnames == maxnames)
			{
				maxnames = maxnames ? maxnames * 2 : 64;
				names = xrealloc(names, sizeof(char *) * maxnames);
			}
			names[nnames++] = xstrdup(de->d_name);
		}
		closedir(dir);
		qsort(names, nnames, sizeof(char *), cmp_names);
		subdirs = xmalloc(sizeof(char *) * (nnames + 1));

		for (int i = 0; i < nnames; i++)
		{
			char	   *crel = *rel ? xasprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);
			char	   *cfull = full_path(root, crel);
			bool		outside = false;

			if (lstat(cfull, &st) == 0 && S_ISLNK(st.st_mode))
			{
				char	   *target = realpath(cfull, NULL);

				outside = target != NULL && !cpg_sel_inside_root(real_root, target);
				free(target);
			}
			if (stat(cfull, &st) != 0)
			{
				if (cpg_sel_want_file(sel, names[i], crel))
					add(out, crel, "unreadable", xasprintf("could not stat file: %s", strerror(errno)));
				else
					free(crel);
			}
			else if (S_ISDIR(st.st_mode))
			{
				struct stat probe;
				char	   *cfgpath = xasprintf("%s/pyvenv.cfg", cfull);
				bool		venv = !outside && stat(cfgpath, &probe) == 0;
				bool		package = !outside && cpg_sel_is_package_dir(cfull);

				free(cfgpath);
				if (cpg_sel_skip_dir(sel, names[i], crel, venv, package))
					free(crel);
				else if (outside)
					add(out, crel, "symlink_outside",
						xstrdup("symbolic link to a directory outside the indexed root; not followed"));
				else if (!visit(&visited, &st))
					add(out, crel, "symlink_loop",
						xstrdup("directory already entered through another path (symbolic link loop or alias); not followed"));
				else
					subdirs[nsub++] = crel;
			}
			else if (outside && cpg_sel_want_file(sel, names[i], crel))
				add(out, crel, "symlink_outside",
					xstrdup("symbolic link to a file outside the indexed root; not read"));
			else if (S_ISREG(st.st_mode) && cpg_sel_want_file(sel, names[i], crel))
			{
				if (cpg_sel_valid_utf8(crel))
					add(out, crel, NULL, NULL);
				else
					add(out, crel, "encoding", xstrdup("file name is not valid UTF-8"));
			}
			else if (!S_ISREG(st.st_mode) && cpg_sel_want_file(sel, names[i], crel))
				add(out, crel, "unreadable",
					xstrdup("not a regular file (FIFO, socket or device); not read"));
			else
				free(crel);
			free(cfull);
			free(names[i]);
		}
		for (int i = nsub - 1; i >= 0; i--)
		{
			if (nstack == maxstack)
			{
				maxstack *= 2;
				stack = xrealloc(stack, sizeof(char *) * maxstack);
			}
			stack[nstack++] = subdirs[i];
		}
		free(subdirs);
		free(names);
		free(dirpath);
		free(rel);
	}
	free(stack);
	free(real_root);
	cpg_dirset_free(&visited);
	return true;
}
