/*
 * layout.c: detecting a repository's layout (layout.h). No PostgreSQL dependency: the
 * client links it too.
 *
 * A root holding __init__.py is a package: Python would name its modules from the
 * root's parent, so the root's own name is the package (django/ -> django.db...). A root
 * that is not a package but holds a src/ directory that is not one either (and holds
 * Python files) is a src layout: src/ is what goes on sys.path. Anything else is named
 * with the root on sys.path; directories without __init__.py are namespace packages.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "index/layout.h"

static bool
is_regular_file(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static bool
is_directory(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool
is_identifier(const char *s, size_t len)
{
	if (len == 0 || isdigit((unsigned char) s[0]))
		return false;
	for (size_t i = 0; i < len; i++)
		if (!(isalnum((unsigned char) s[i]) || s[i] == '_' || (unsigned char) s[i] >= 0x80))
			return false;
	return true;
}

bool
cpg_layout_valid_package(const char *package)
{
	const char *p = package;

	if (*p == '\0')
		return true;
	for (;;)
	{
		size_t		len = strcspn(p, ".");

		if (!is_identifier(p, len))
			return false;
		if (p[len] == '\0')
			return strlen(package) < CPG_LAYOUT_NAME_MAX;
		p += len + 1;
	}
}

bool
cpg_layout_valid_source_root(const char *source_root)
{
	const char *p = source_root;

	if (*p == '\0')
		return true;
	if (*p == '/' || strlen(source_root) >= CPG_LAYOUT_NAME_MAX)
		return false;
	for (;;)
	{
		size_t		len = strcspn(p, "/");

		if (len == 0 || (len == 1 && p[0] == '.') || (len == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		if (p[len] == '\0')
			return true;
		p += len + 1;
	}
}

/* Whether a directory holds a Python file or a package, one level down. */
static bool
holds_python(const char *dir)
{
	DIR		   *d = opendir(dir);
	struct dirent *e;
	bool		found = false;

	if (d == NULL)
		return false;
	while (!found && (e = readdir(d)) != NULL)
	{
		char		path[4096];
		size_t		len = strlen(e->d_name);

		if (e->d_name[0] == '.')
			continue;
		if (len > 3 && strcmp(e->d_name + len - 3, ".py") == 0)
			found = true;
		else if (snprintf(path, sizeof(path), "%s/%s/__init__.py", dir, e->d_name) < (int) sizeof(path))
			found = is_regular_file(path);
	}
	closedir(d);
	return found;
}

void
cpg_layout_detect(const char *root, CpgLayout *layout)
{
	char		path[4096];
	const char *base;
	size_t		len;

	layout->package[0] = '\0';
	layout->source_root[0] = '\0';
	len = strlen(root);
	while (len > 1 && root[len - 1] == '/')
		len--;
	if (snprintf(path, sizeof(path), "%.*s/__init__.py", (int) len, root) >= (int) sizeof(path))
		return;
	if (is_regular_file(path))
	{
		for (base = root + len; base > root && base[-1] != '/'; base--)
			;
		if (is_identifier(base, root + len - base) && (size_t) (root + len - base) < CPG_LAYOUT_NAME_MAX)
			snprintf(layout->package, sizeof(layout->package), "%.*s", (int) (root + len - base), base);
		return;
	}
	if (snprintf(path, sizeof(path), "%.*s/src", (int) len, root) >= (int) sizeof(path) || !is_directory(path))
		return;
	if (snprintf(path, sizeof(path), "%.*s/src/__init__.py", (int) len, root) < (int) sizeof(path) &&
		is_regular_file(path))
		return;
	snprintf(path, sizeof(path), "%.*s/src", (int) len, root);
	if (holds_python(path))
		strcpy(layout->source_root, "src");
}
