/*
 * schema.h: the C side of the schema registry.
 *
 * The composite types of the install script (sql/parts) are the schema; the .def
 * files beside this header declare the same shapes for the C code that builds rows. From the .def files this header
 * derives a type id per composite type (CPG_T_<type>) and an attribute index per
 * attribute (<type>__<attribute>, with <type>__NATTS), so extractors fill values by
 * name, and codecpg.schema_check() compares the declarations with pg_catalog.
 */
#ifndef CODECPG_SCHEMA_H
#define CODECPG_SCHEMA_H

typedef enum CpgTypeId
{
#define CPG_TYPE(t) CPG_T_##t,
#define CPG_ATT(t, a, sqltype)
#define CPG_END(t)
#define CPG_TABLE(table, rowtype, pkey, references_files)
#define CPG_FUNC(name, argtypes)
#include "schema/all.def"
#undef CPG_TYPE
#undef CPG_ATT
#undef CPG_END
#undef CPG_TABLE
#undef CPG_FUNC
	CPG_T__COUNT
} CpgTypeId;

#define CPG_TYPE(t) enum {
#define CPG_ATT(t, a, sqltype) t##__##a,
#define CPG_END(t) t##__NATTS };
#define CPG_TABLE(table, rowtype, pkey, references_files)
#define CPG_FUNC(name, argtypes)
#include "schema/all.def"
#undef CPG_TYPE
#undef CPG_ATT
#undef CPG_END
#undef CPG_TABLE
#undef CPG_FUNC

typedef struct CpgAttrDecl
{
	const char *name;
	const char *sqltype;		/* as written in the install script */
} CpgAttrDecl;

typedef struct CpgTypeDecl
{
	const char *name;			/* composite type name in schema codecpg */
	const CpgAttrDecl *attrs;
	int			natts;
} CpgTypeDecl;

typedef struct CpgTableDecl
{
	const char *name;
	CpgTypeId	rowtype;
	const char *primary_key;	/* comma-separated column list */
	bool		references_files;	/* has a cascading FK to repo_files_v1 */
} CpgTableDecl;

typedef struct CpgFuncDecl
{
	const char *name;
	const char *argtypes;		/* comma-separated input argument types */
} CpgFuncDecl;

extern const CpgTypeDecl cpg_type_decls[CPG_T__COUNT];
extern const CpgTableDecl cpg_table_decls[];
extern const int cpg_ntable_decls;
extern const CpgFuncDecl cpg_func_decls[];
extern const int cpg_nfunc_decls;

#define CPG_SCHEMA "codecpg"

#endif
