/*
 * selection.c: the file selection rules shared by the server and the client (see
 * selection.h for the rules themselves).
 */
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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
cpg_sel_is_package_dir(const char *dir)
{
	static const char *const inits[] = {"__init__.py", "__init__.pyi"};

	for (size_t i = 0; i < sizeof(inits) / sizeof(inits[0]); i++)
	{
		char		path[PATH_MAX];
		struct stat st;

		if (snprintf(path, sizeof(path), "%s/%s", dir, inits[i]) < (int) sizeof(path) && stat(path, &st) == 0)
			return true;
	}
	return false;
}

bool
cpg_sel_skip_dir(const CpgSelection *sel, const char *name, const char *relpath,
				 bool has_pyvenv_cfg, bool is_package)
{
	if (sel->default_excludes)
	{
		if (has_pyvenv_cfg)
			return true;
		if ((strcmp(name, "venv") == 0 || strcmp(name, ".venv") == 0) && !is_package)
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

/* Length of the valid UTF-8 sequence at s (RFC 3629: no overlongs, no surrogates), or 0. */
static int
utf8_sequence(const unsigned char *s)
{
	int			len;
	unsigned int cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (int i = 1; i < len; i++)
	{
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		(len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return len;
}

bool
cpg_sel_valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *) s;

	while (*p)
	{
		int			n = utf8_sequence(p);

		if (n == 0)
			return false;
		p += n;
	}
	return true;
}

void
cpg_sel_escape_path(const char *path, char *out)
{
	const unsigned char *p = (const unsigned char *) path;

	while (*p)
	{
		int			n = utf8_sequence(p);

		if (n == 0)
		{
			snprintf(out, 5, "\\x%02X", *p);
			out += 4;
			p++;
			continue;
		}
		memcpy(out, p, n);
		out += n;
		p += n;
	}
	*out = '\0';
}

bool
cpg_sel_valid_relpath(const char *path)
{
	const char *seg = path;

	if (*path == '\0' || *path == '/')
		return false;
	for (;;)
	{
		const char *end = strchr(seg, '/');
		size_t		len = end ? (size_t) (end - seg) : strlen(seg);

		if (len == 0 || (len == 1 && seg[0] == '.') || (len == 2 && seg[0] == '.' && seg[1] == '.'))
			return false;
		if (end == NULL)
			return true;
		seg = end + 1;
	}
}

bool
cpg_sel_inside_root(const char *real_root, const char *real_path)
{
	size_t		n = strlen(real_root);

	/* The root "/" holds everything; otherwise the prefix must end at a separator. */
	if (n == 1 && real_root[0] == '/')
		return true;
	return strncmp(real_root, real_path, n) == 0 && (real_path[n] == '\0' || real_path[n] == '/');
}

typedef struct CpgDirId
{
	dev_t		dev;
	ino_t		ino;
	bool		used;
} CpgDirId;

static size_t
dirset_slot(const CpgDirId *slots, size_t capacity, dev_t dev, ino_t ino)
{
	size_t		h = ((size_t) ino * 0x9E3779B97F4A7C15ULL) ^ (size_t) dev;

	for (h &= capacity - 1; slots[h].used; h = (h + 1) & (capacity - 1))
		if (slots[h].dev == dev && slots[h].ino == ino)
			break;
	return h;
}

bool
cpg_dirset_add(CpgDirSet *set, dev_t dev, ino_t ino)
{
	size_t		h;

	/* At most half full, so that probes stay short. */
	if (2 * (set->count + 1) > set->capacity)
	{
		size_t		capacity = set->capacity ? 2 * set->capacity : 64;
		CpgDirId   *slots = set->alloc(capacity * sizeof(CpgDirId));

		memset(slots, 0, capacity * sizeof(CpgDirId));
		for (size_t i = 0; i < set->capacity; i++)
			if (set->slots[i].used)
				slots[dirset_slot(slots, capacity, set->slots[i].dev, set->slots[i].ino)] = set->slots[i];
		if (set->slots)
			set->release(set->slots);
		set->slots = slots;
		set->capacity = capacity;
	}
	h = dirset_slot(set->slots, set->capacity, dev, ino);
	if (set->slots[h].used)
		return false;
	set->slots[h].dev = dev;
	set->slots[h].ino = ino;
	set->slots[h].used = true;
	set->count++;
	return true;
}

void
cpg_dirset_free(CpgDirSet *set)
{
	if (set->slots)
		set->release(set->slots);
	set->slots = NULL;
	set->count = set->capacity = 0;
}
