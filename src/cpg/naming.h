/*
 * naming.h: module names as Python sees them, and import resolution — the one place
 * for both, used by the CST extractor (its qualified names) and the resolver.
 *
 * A file's module name depends on where the repository sits on sys.path, which the
 * file does not say: codecpg.repositories records it per repository (root_package:
 * the indexed root is itself a package of that name; source_root: a directory under
 * the root that is a sys.path entry, as in a src/ layout).
 */
#ifndef CODECPG_NAMING_H
#define CODECPG_NAMING_H

typedef struct CpgNaming
{
	const char *root_package;	/* "" when the root is a sys.path entry */
	const char *source_root;	/* "" when none */
} CpgNaming;

extern void cpg_naming_of_repo(const char *repo, CpgNaming *naming);
extern char *cpg_module_name(const CpgNaming *naming, const char *path, bool *is_package);
extern char *cpg_package_name(const char *module, bool is_package);
extern char *cpg_import_base(const char *package, int level, const char *module);
extern bool cpg_is_dotted_name(const char *name);

#endif
