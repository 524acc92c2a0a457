/*
 * rowtype.h: composite row types of the schema registry, looked up once per backend
 * and verified against the C declarations before any row is built with them.
 */
#ifndef CODECPG_ROWTYPE_H
#define CODECPG_ROWTYPE_H

#include "access/tupdesc.h"
#include "schema/schema.h"

extern Oid	cpg_namespace_oid(void);
extern Oid	cpg_type_oid(CpgTypeId type);
extern TupleDesc cpg_tupdesc(CpgTypeId type);
extern Datum cpg_form_composite(TupleDesc tupdesc, Datum *values, bool *nulls);
extern Datum cpg_jsonb_from_cstring(const char *json);
extern void cpg_deform_composite(TupleDesc tupdesc, Datum composite, Datum *values, bool *nulls);
extern Oid	cpg_parse_sqltype(const char *sqltype, bool missing_ok);
extern void cpg_rowtype_init(void);



/*
 * Root tables are typed tables: their row type has the attributes of the declared
 * composite type. Extractors return, and set-returning functions take, the table's
 * row type, so that INSERT ... SELECT (x).* and codecpg.ast_nodes(codecpg.ast_extract(...))
 * both work.
 */
extern TupleDesc cpg_table_tupdesc(CpgTypeId rowtype);
#endif
