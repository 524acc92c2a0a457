/*
 * selection.h: which files of a directory tree an index run picks.
 *
 * Plain C without PostgreSQL headers: the same rules are compiled into the extension
 * (codecpg.index_repo) and into the command-line client, so both paths select the
 * same files.
 *
 * Globs use fnmatch(3) without flags ("*" and "?" also match "/"). A glob without "/"
 * is matched against the file or directory name, a glob with "/" against the path
 * relative to the root. Includes replace the default "*.py"; a file is selected when it
 * matches an include and no exclude. Excludes also prune directories. Unless default
 * excludes are switched off, these directories are never entered: .git, .hg, .svn,
 * node_modules, __pycache__, build, dist, .tox, .eggs, *.egg-info, any directory
 * holding a pyvenv.cfg (a virtualenv), and venv and .venv unless they hold an
 * __init__.py or __init__.pyi (the standard library's own venv package is a package,
 * typeshed's a stub package, not a virtualenv).
 */
#ifndef CODECPG_SELECTION_H
#define CODECPG_SELECTION_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

typedef struct CpgSelection
{
	const char *const *includes;	/* NULL or empty: the default "*.py" */
	int			nincludes;
	const char *const *excludes;
	int			nexcludes;
	bool		default_excludes;
} CpgSelection;

/* Is the directory (name, path relative to the root) to be skipped? */
/* A directory holding __init__.py, or __init__.pyi (a stub package). */
extern bool cpg_sel_is_package_dir(const char *dir);
extern bool cpg_sel_skip_dir(const CpgSelection *sel, const char *name, const char *relpath,
							 bool has_pyvenv_cfg, bool is_package);

/* Is the regular file (name, path relative to the root) selected? */
extern bool cpg_sel_want_file(const CpgSelection *sel, const char *name, const char *relpath);

/*
 * A path as a repository stores it: relative, "/"-separated, with no empty, "." or
 * ".." segment, so it names exactly one file under the root and never one outside.
 */
extern bool cpg_sel_valid_relpath(const char *path);

/*
 * Does real_path (resolved, as realpath(3) gives it) lie under real_root (resolved)?
 * The walk follows a symbolic link only when its target does.
 */
extern bool cpg_sel_inside_root(const char *real_root, const char *real_path);

/*
 * The directories a walk entered, by (device, inode): a hash set, so that a walk of D
 * directories costs O(D) and not O(D^2). Memory comes from the caller's allocator
 * (palloc in the server, malloc in the client); a zeroed set is empty.
 */
typedef struct CpgDirSet
{
	struct CpgDirId *slots;
	size_t		count;
	size_t		capacity;		/* a power of two, or 0 */
	void	   *(*alloc) (size_t size);
	void		(*release) (void *p);
} CpgDirSet;

/* Adds a directory; false when it was in the set already. */
extern bool cpg_dirset_add(CpgDirSet *set, dev_t dev, ino_t ino);
extern void cpg_dirset_free(CpgDirSet *set);

/*
 * Paths are stored as text, so a path that is not valid UTF-8 cannot name a file of
 * the repository: such a file becomes an "encoding" problem reported under the escaped
 * path (each invalid byte as \xNN). out must have room for 4 * strlen(path) + 1 bytes.
 */
extern bool cpg_sel_valid_utf8(const char *s);
extern void cpg_sel_escape_path(const char *path, char *out);

#endif
