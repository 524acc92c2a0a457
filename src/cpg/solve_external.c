/*
 * solve_external.c: what the solve knows of names outside the repository besides calls
 * (solve_builtins.c): which attributes of standard modules are data, and which
 * attributes the builtin types a class of the repository derives from have.
 */
#include "postgres.h"

#include "cpg/solve.h"
#include "cpg/solve_private.h"

/*
 * Attributes of standard modules that are data, not functions or classes: calls of their
 * methods (sys.platform.startswith) are calls on values, not edges to named code.
 */
bool
solver_external_is_data(const char *name)
{
	static const char *const data[] = {
		"builtins.property.fdel", "builtins.property.fget", "builtins.property.fset",
		"os.altsep", "os.curdir", "os.environ", "os.environb", "os.extsep", "os.linesep",
		"os.name", "os.pardir", "os.pathsep", "os.sep", "sys.argv", "sys.byteorder",
		"sys.executable", "sys.flags", "sys.float_info", "sys.maxsize", "sys.meta_path",
		"sys.modules", "sys.path", "sys.path_hooks", "sys.platform", "sys.prefix", "sys.stderr",
		"sys.stdin", "sys.stdout", "sys.version", "sys.version_info",
	};

	for (size_t i = 0; i < lengthof(data); i++)
		if (strcmp(data[i], name) == 0)
			return true;
	return false;
}

static int
compare_cstring(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/*
 * Whether an external base has an attribute: 1 or 0 for the builtin types whose
 * attributes are known (builtin_attrs.def: "builtins.str" has "split", not "Comment"),
 * -1 for any other base.
 */
int
solver_external_has_attr(const char *base, const char *name)
{
	static const char *const attrs[] = {
#define BUILTIN_ATTR(qualified) qualified,
#include "cpg/builtin_attrs.def"
#undef BUILTIN_ATTR
	};
	static const char *const types[] = {
		"BaseException", "Exception", "bool", "bytearray", "bytes", "complex", "dict", "float",
		"frozenset", "int", "list", "object", "set", "str", "tuple", "type",
	};
	const char *type;
	char	   *key;
	bool		found;

	if (strncmp(base, "builtins.", 9) != 0)
		return -1;
	type = base + 9;
	if (bsearch(&type, types, lengthof(types), sizeof(char *), compare_cstring) == NULL)
		return -1;
	key = psprintf("%s.%s", type, name);
	found = bsearch(&key, attrs, lengthof(attrs), sizeof(char *), compare_cstring) != NULL;
	pfree(key);
	return found ? 1 : 0;
}
