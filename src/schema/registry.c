/*
 * registry.c: the .def declarations as data, for the row builders
 * (src/common/rowtype.c) and the catalog checks (src/catalog/catalog.c).
 */
#include "postgres.h"

#include "schema/schema.h"

/* Attribute lists, one array per type. */
#define CPG_TYPE(t) static const CpgAttrDecl t##_attr_decls[] = {
#define CPG_ATT(t, a, sqltype) {#a, sqltype},
#define CPG_END(t) };
#define CPG_TABLE(table, rowtype, pkey, references_files)
#define CPG_FUNC(name, argtypes)
#include "schema/all.def"
#undef CPG_TYPE
#undef CPG_ATT
#undef CPG_END
#undef CPG_TABLE
#undef CPG_FUNC

/* Types, indexed by CpgTypeId. */
#define CPG_TYPE(t) [CPG_T_##t] = {#t, t##_attr_decls, lengthof(t##_attr_decls)},
#define CPG_ATT(t, a, sqltype)
#define CPG_END(t)
#define CPG_TABLE(table, rowtype, pkey, references_files)
#define CPG_FUNC(name, argtypes)
const CpgTypeDecl cpg_type_decls[CPG_T__COUNT] = {
#include "schema/all.def"
};
#undef CPG_TYPE
#undef CPG_TABLE

/* Root tables. */
#define CPG_TYPE(t)
#define CPG_TABLE(table, rowtype, pkey, references_files) {#table, CPG_T_##rowtype, pkey, references_files},
const CpgTableDecl cpg_table_decls[] = {
#include "schema/all.def"
};
const int	cpg_ntable_decls = lengthof(cpg_table_decls);
#undef CPG_TABLE
#undef CPG_FUNC

/* SQL functions. */
#define CPG_TABLE(table, rowtype, pkey, references_files)
#define CPG_FUNC(name, argtypes) {#name, argtypes},
const CpgFuncDecl cpg_func_decls[] = {
#include "schema/all.def"
};
const int	cpg_nfunc_decls = lengthof(cpg_func_decls);
