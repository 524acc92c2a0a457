/*
 * rowtype.c: resolve the codecpg composite types and check that what is installed
 * has the shape this library writes. A mismatch (an older library against a newer
 * schema, or an ALTER TYPE by hand) is an error before any value is built, never a
 * silently shifted column.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "common/rowtype.h"
#include "parser/parse_type.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/syscache.h"
#include "utils/typcache.h"

typedef struct CpgRowTypeCache
{
	Oid			typid;
	uint64		verified_identifier;	/* typcache tupDesc_identifier we checked */
	TupleDesc	copy;			/* our copy of that descriptor */
} CpgRowTypeCache;

static CpgRowTypeCache rowtype_cache[CPG_T__COUNT];
static CpgRowTypeCache table_cache[CPG_T__COUNT];	/* by declared row type */
static Oid	namespace_oid = InvalidOid;

static void
forget_types(Datum arg pg_attribute_unused(), int cacheid pg_attribute_unused(),
			 uint32 hashvalue pg_attribute_unused())
{
	/* Types may be dropped and recreated with the extension: resolve them again. */
	memset(rowtype_cache, 0, sizeof(rowtype_cache));
	memset(table_cache, 0, sizeof(table_cache));
	namespace_oid = InvalidOid;
}

void
cpg_rowtype_init(void)
{
	CacheRegisterSyscacheCallback(TYPEOID, forget_types, (Datum) 0);
	CacheRegisterSyscacheCallback(NAMESPACEOID, forget_types, (Datum) 0);
}

Oid
cpg_namespace_oid(void)
{
	if (!OidIsValid(namespace_oid))
	{
		namespace_oid = get_namespace_oid(CPG_SCHEMA, true);
		if (!OidIsValid(namespace_oid))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_SCHEMA),
					 errmsg("schema \"%s\" does not exist", CPG_SCHEMA),
					 errhint("Run CREATE EXTENSION codecpg.")));
	}
	return namespace_oid;
}

Oid
cpg_parse_sqltype(const char *sqltype, bool missing_ok)
{
	Oid			typid;
	int32		typmod;

	parseTypeString(sqltype, &typid, &typmod, missing_ok);
	return typid;
}

Oid
cpg_type_oid(CpgTypeId type)
{
	CpgRowTypeCache *entry = &rowtype_cache[type];

	if (!OidIsValid(entry->typid))
	{
		const char *name = cpg_type_decls[type].name;

		entry->typid = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
									   CStringGetDatum(name),
									   ObjectIdGetDatum(cpg_namespace_oid()));
		if (!OidIsValid(entry->typid))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_OBJECT),
					 errmsg("type %s.%s does not exist", CPG_SCHEMA, name),
					 errhint("The installed codecpg schema is older than its library: run ALTER EXTENSION codecpg UPDATE.")));
		entry->verified_identifier = 0;
	}
	return entry->typid;
}

static void
verify_rowtype(CpgTypeId type, TupleDesc tupdesc)
{
	const CpgTypeDecl *decl = &cpg_type_decls[type];
	int			live = 0;

	for (int i = 0; i < tupdesc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(tupdesc, i);
		Oid			expected;

		if (att->attisdropped)
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("type %s.%s has a dropped attribute", CPG_SCHEMA, decl->name),
					 errdetail("The library writes attributes by position and cannot skip dropped ones."),
					 errhint("Reinstall the extension, or see SELECT * FROM codecpg.schema_check().")));
		if (live >= decl->natts)
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("type %s.%s has attribute \"%s\" that this library does not write",
							CPG_SCHEMA, decl->name, NameStr(att->attname)),
					 errhint("See SELECT * FROM codecpg.schema_check().")));
		expected = cpg_parse_sqltype(decl->attrs[live].sqltype, false);
		if (strcmp(NameStr(att->attname), decl->attrs[live].name) != 0 ||
			att->atttypid != expected)
			ereport(ERROR,
					(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
					 errmsg("type %s.%s does not match this library at attribute %d",
							CPG_SCHEMA, decl->name, live + 1),
					 errdetail("Installed: \"%s\" %s. Expected: \"%s\" %s.",
							   NameStr(att->attname), format_type_be(att->atttypid),
							   decl->attrs[live].name, decl->attrs[live].sqltype),
					 errhint("See SELECT * FROM codecpg.schema_check().")));
		live++;
	}
	if (live != decl->natts)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("type %s.%s lacks attribute \"%s\"",
						CPG_SCHEMA, decl->name, decl->attrs[live].name),
				 errhint("The installed codecpg schema may be older than its library: run ALTER EXTENSION codecpg UPDATE, or see SELECT * FROM codecpg.schema_check().")));
}

static TupleDesc
long_lived_copy(TupleDesc tupdesc)
{
	MemoryContext old = MemoryContextSwitchTo(CacheMemoryContext);
	TupleDesc	copy = CreateTupleDescCopy(tupdesc);

	MemoryContextSwitchTo(old);
	return copy;
}

static TupleDesc
verified_tupdesc(CpgTypeId type, CpgRowTypeCache *entry)
{
	TypeCacheEntry *tce = lookup_type_cache(entry->typid, TYPECACHE_TUPDESC);

	if (tce->tupDesc == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("type %s.%s is not a composite type", CPG_SCHEMA, cpg_type_decls[type].name)));
	if (entry->verified_identifier != tce->tupDesc_identifier || entry->copy == NULL)
	{
		/*
		 * Callers keep the descriptor across SPI calls and whole extractions, during
		 * which an invalidation may free the type cache's own. A copy stays valid; an
		 * older copy is not freed because a caller may still hold it (this only
		 * happens when the type itself changes). The copy is made before verifying:
		 * verification looks types up in the catalogs, which may process a cache
		 * reset that frees the type cache's descriptor.
		 */
		uint64		identifier = tce->tupDesc_identifier;
		TupleDesc	copy = long_lived_copy(tce->tupDesc);

		verify_rowtype(type, copy);
		entry->copy = copy;
		entry->verified_identifier = identifier;
	}
	return entry->copy;
}

TupleDesc
cpg_tupdesc(CpgTypeId type)
{
	cpg_type_oid(type);
	return verified_tupdesc(type, &rowtype_cache[type]);
}

TupleDesc
cpg_table_tupdesc(CpgTypeId rowtype)
{
	CpgRowTypeCache *entry = &table_cache[rowtype];

	if (!OidIsValid(entry->typid))
	{
		const char *table = NULL;
		Oid			relid;

		for (int i = 0; i < cpg_ntable_decls; i++)
			if (cpg_table_decls[i].rowtype == rowtype)
				table = cpg_table_decls[i].name;
		if (table == NULL)
			elog(ERROR, "no codecpg table is declared with row type %s", cpg_type_decls[rowtype].name);
		relid = get_relname_relid(table, cpg_namespace_oid());
		if (!OidIsValid(relid))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_TABLE),
					 errmsg("table %s.%s does not exist", CPG_SCHEMA, table),
					 errhint("The installed codecpg schema is older than its library: run ALTER EXTENSION codecpg UPDATE.")));
		entry->typid = get_rel_type_id(relid);
		entry->verified_identifier = 0;
	}
	return verified_tupdesc(rowtype, entry);
}

Datum
cpg_form_composite(TupleDesc tupdesc, Datum *values, bool *nulls)
{
	return HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls));
}

Datum
cpg_jsonb_from_cstring(const char *json)
{
	return DirectFunctionCall1(jsonb_in, CStringGetDatum(json));
}

void
cpg_deform_composite(TupleDesc tupdesc, Datum composite, Datum *values, bool *nulls)
{
	HeapTupleHeader header;
	HeapTupleData tuple;

	/*
	 * A NULL element of a list arrives as (Datum) 0: its fields are all NULL. Rows can
	 * be built by hand (ROW(...)::codecpg.ast_files_v1), so this is reachable.
	 */
	if (composite == (Datum) 0)
	{
		for (int i = 0; i < tupdesc->natts; i++)
		{
			values[i] = (Datum) 0;
			nulls[i] = true;
		}
		return;
	}
	header = DatumGetHeapTupleHeader(composite);

	tuple.t_len = HeapTupleHeaderGetDatumLength(header);
	ItemPointerSetInvalid(&tuple.t_self);
	tuple.t_tableOid = InvalidOid;
	tuple.t_data = header;
	heap_deform_tuple(&tuple, tupdesc, values, nulls);
}
