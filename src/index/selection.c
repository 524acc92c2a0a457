/*
 * selection.c: the file selection rules shared by the server and the client (see
 * selection.h for the rules themselves).
 */
#include <fnmatch.h>
#include <string.h>

#include "index/selection.h"

static const char *const default_skip_dirs[] = {
	".git", ".hg", ".svn", "node_modules", "__pycache__",
	"build", "dist", ".tox", ".eggs", "*.egg-info",
};

static bool
glob_matches(const char *glob, const char *name, const char *relpath)
{
	const char *subject = strchr(glob, '/') ? relpath : name;

	return fnmatch(glob, subject, 0) == 0;
}

static bool
any_matches(const char *const *globs, int n, const char *name, const char *relpath)
{
	for (int i = 0; i < n; i++)
		if (glob_matches(globs[i], name, relpath))
			return true;
	return false;
}

bool
cpg_sel_skip_dir(const CpgSelection *sel, const char *name, const char *relpath,
				 bool has_pyvenv_cfg, bool has_init_py)
{
	if (sel->default_excludes)
	{
		if (has_pyvenv_cfg)
			return true;
		if ((strcmp(name, "venv") == 0 || strcmp(name, ".venv") == 0) && !has_init_py)
			return true;
		for (size_t i = 0; i < sizeof(default_skip_dirs) / sizeof(default_skip_dirs[0]); i++)
			if (fnmatch(default_skip_dirs[i], name, 0) == 0)
				return true;
	}
	return any_matches(sel->excludes, sel->nexcludes, name, relpath);
}

bool
cpg_sel_want_file(const CpgSelection *sel, const char *name, const char *relpath)
{
	if (sel->nincludes > 0)
	{
		if (!any_matches(sel->includes, sel->nincludes, name, relpath))
			return false;
	}
	else if (fnmatch("*.py", name, 0) != 0)
		return false;
	return !any_matches(sel->excludes, sel->nexcludes, name, relpath);
}
