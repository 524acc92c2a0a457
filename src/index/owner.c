/*
 * owner.c: repositories belong to roles.
 *
 * A repository belongs to the role that created it (codecpg.repositories.owner). A role
 * may change a repository's rows (store, extract, replace, delete) when it has the
 * privileges of the owner, as for a table it owns; superusers may change every
 * repository. Table privileges say who may write at all (codecpg.grant_writer); this
 * says which repositories. Every table of the extension with a repo column carries the
 * row trigger codecpg.repository_write_guard(), so direct INSERT, UPDATE and DELETE obey
 * the same rule as the functions, and the entry points (index runs, put_file_bytes,
 * scip_load) check before they take locks or touch rows, so that the refusal is the
 * first thing that happens.
 *
 * The staging repositories of parallel client runs ("\x01staging:<run_id>") belong to
 * the owner of the run's repository.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "index/index.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"

PG_FUNCTION_INFO_V1(cpg_repository_write_guard);

#define STAGING_PREFIX "\001staging:"

/* The answer for the repository a statement touched last: statements touch one or two. */
typedef struct GuardCache
{
	char	   *repo;			/* as the rows name it (a staging name, maybe) */
	char	   *registered_as;	/* the repository that answers for it */
	char	   *owner;			/* NULL when not registered */
	bool		allowed;
} GuardCache;

/*
 * The owner of a repository, or NULL when it is not registered. A staging repository
 * answers for the run's repository. Needs an SPI connection.
 */
static char *
repository_owner(const char *repo, const char **registered_as)
{
	Oid			types[1];
	Datum		args[1];
	bool		isnull;
	Datum		owner;

	*registered_as = repo;
	if (strncmp(repo, STAGING_PREFIX, strlen(STAGING_PREFIX)) == 0)
	{
		char	   *end;
		long long	run_id = strtoll(repo + strlen(STAGING_PREFIX), &end, 10);

		if (*end != '\0')
			return NULL;
		types[0] = INT8OID;
		args[0] = Int64GetDatum((int64) run_id);
		if (SPI_execute_with_args("SELECT repo FROM codecpg.index_runs WHERE run_id = $1",
								  1, types, args, NULL, false, 1) != SPI_OK_SELECT)
			elog(ERROR, "reading the run of a staging repository failed");
		if (SPI_processed != 1)
			return NULL;
		*registered_as = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	}
	types[0] = TEXTOID;
	args[0] = CStringGetTextDatum(*registered_as);
	if (SPI_execute_with_args("SELECT owner FROM codecpg.repositories WHERE repo = $1",
							  1, types, args, NULL, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "reading the owner of a repository failed");
	if (SPI_processed != 1)
		return NULL;
	owner = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	return isnull ? NULL : pstrdup(NameStr(*DatumGetName(owner)));
}

/* May the current user act as this role? A role that no longer exists: superusers only. */
static bool
acts_as(const char *role)
{
	Oid			roleid = get_role_oid(role, true);

	return superuser() || (OidIsValid(roleid) && has_privs_of_role(GetUserId(), roleid));
}

static void
refuse(const char *repo, const char *owner)
{
	bool		exists = OidIsValid(get_role_oid(owner, true));

	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("permission denied for repository \"%s\"", repo),
			 exists
			 ? errdetail("Repository \"%s\" belongs to role \"%s\"; only members of that role and superusers may change it.",
						 repo, owner)
			 : errdetail("Repository \"%s\" belongs to role \"%s\", which no longer exists; only superusers may change it.",
						 repo, owner),
			 errhint("Index it under another repository name, or have its owner or a superuser transfer it with codecpg.alter_repository_owner().")));
}

static void
refuse_unregistered(const char *repo)
{
	ereport(ERROR,
			(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
			 errmsg("repository \"%s\" is not registered", repo),
			 errdetail("Rows of a repository may be written once codecpg.repositories names its owner."),
			 errhint("An index run or codecpg.put_file registers the repository for the role that runs it.")));
}

/* Raises an error unless the current user may change the repository. Needs SPI. */
void
cpg_repository_check(const char *repo)
{
	const char *registered_as;
	char	   *owner;

	if (superuser())
		return;
	owner = repository_owner(repo, &registered_as);
	if (owner == NULL)
		refuse_unregistered(registered_as);
	if (!acts_as(owner))
		refuse(registered_as, owner);
}

static Datum
column_value(Relation rel, HeapTuple tuple, const char *column, bool *isnull)
{
	int			attnum = SPI_fnumber(RelationGetDescr(rel), column);

	if (attnum <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_TRIGGERED_ACTION_EXCEPTION),
				 errmsg("table \"%s\" has no column \"%s\" for the repository guard",
						RelationGetRelationName(rel), column)));
	return heap_getattr(tuple, attnum, RelationGetDescr(rel), isnull);
}

/* Checks the repository of one row, remembering the answer for the statement. */
static void
guard_row(FunctionCallInfo fcinfo, Relation rel, HeapTuple tuple)
{
	GuardCache *cache = fcinfo->flinfo->fn_extra;
	bool		isnull;
	Datum		value = column_value(rel, tuple, "repo", &isnull);
	char	   *repo;

	if (isnull)
		return;					/* NOT NULL constraints speak for themselves */
	repo = TextDatumGetCString(value);
	if (cache == NULL || strcmp(cache->repo, repo) != 0)
	{
		MemoryContext fn_mcxt = fcinfo->flinfo->fn_mcxt;
		const char *registered_as;
		char	   *owner;

		if (cache == NULL)
			cache = fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fn_mcxt, sizeof(GuardCache));
		else
		{
			pfree(cache->repo);
			pfree(cache->registered_as);
			if (cache->owner)
				pfree(cache->owner);
		}
		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		owner = repository_owner(repo, &registered_as);
		cache->repo = MemoryContextStrdup(fn_mcxt, repo);
		cache->registered_as = MemoryContextStrdup(fn_mcxt, registered_as);
		cache->owner = owner ? MemoryContextStrdup(fn_mcxt, owner) : NULL;
		cache->allowed = owner != NULL && acts_as(owner);
		SPI_finish();
	}
	if (cache->owner == NULL)
		refuse_unregistered(cache->registered_as);
	if (!cache->allowed)
		refuse(cache->registered_as, cache->owner);
}

/* codecpg.repositories itself: a role may register repositories for roles it acts as. */
static void
guard_owner(Relation rel, HeapTuple tuple, const char *what)
{
	bool		isnull;
	Datum		owner = column_value(rel, tuple, "owner", &isnull);
	Datum		repo = column_value(rel, tuple, "repo", &isnull);

	if (!isnull && !acts_as(NameStr(*DatumGetName(owner))))
	{
		if (strcmp(what, "new") == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("permission denied to make role \"%s\" the owner of repository \"%s\"",
							NameStr(*DatumGetName(owner)), TextDatumGetCString(repo)),
					 errdetail("A repository may be given only to a role whose privileges the current user has.")));
		refuse(TextDatumGetCString(repo), NameStr(*DatumGetName(owner)));
	}
}

/*
 * The row trigger on every table with a repo column (BEFORE INSERT OR UPDATE OR DELETE).
 * With the argument 'owner' it guards codecpg.repositories, whose rows name the owner.
 * Superusers pass at once; so do cascading deletes, which run as the table's owner.
 */
Datum
cpg_repository_write_guard(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Trigger    *trigger;
	Relation	rel;
	bool		owner_rows;
	TriggerEvent event;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("repository_write_guard() must be called as a trigger")));
	trigger = trigdata->tg_trigger;
	rel = trigdata->tg_relation;
	event = trigdata->tg_event;
	if (!TRIGGER_FIRED_BEFORE(event) || !TRIGGER_FIRED_FOR_ROW(event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("repository_write_guard() must run BEFORE each row")));
	owner_rows = trigger->tgnargs == 1 && strcmp(trigger->tgargs[0], "owner") == 0;

	if (TRIGGER_FIRED_BY_INSERT(event))
	{
		if (!superuser())
		{
			if (owner_rows)
				guard_owner(rel, trigdata->tg_trigtuple, "new");
			else
				guard_row(fcinfo, rel, trigdata->tg_trigtuple);
		}
		return PointerGetDatum(trigdata->tg_trigtuple);
	}
	if (TRIGGER_FIRED_BY_UPDATE(event))
	{
		if (!superuser())
		{
			if (owner_rows)
			{
				guard_owner(rel, trigdata->tg_trigtuple, "old");
				guard_owner(rel, trigdata->tg_newtuple, "new");
			}
			else
			{
				guard_row(fcinfo, rel, trigdata->tg_trigtuple);
				guard_row(fcinfo, rel, trigdata->tg_newtuple);
			}
		}
		return PointerGetDatum(trigdata->tg_newtuple);
	}
	if (!superuser())
	{
		if (owner_rows)
			guard_owner(rel, trigdata->tg_trigtuple, "old");
		else
			guard_row(fcinfo, rel, trigdata->tg_trigtuple);
	}
	return PointerGetDatum(trigdata->tg_trigtuple);
}
