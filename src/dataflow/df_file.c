/*
 * df_file.c: the facts of one file as its code objects are analysed: events, steps,
 * reaching definitions, keyword names, and the links between code objects of the file
 * (default values into parameters; a comprehension's or lambda's arguments into its
 * parameters and its returns into the call), resolved once every object is analysed.
 *
 * Everything lives in the file's memory context (the context current at df_file_init):
 * the arrays grow with repalloc, which keeps a chunk in its context.
 */
#include "postgres.h"

#include "dataflow/dataflow.h"
#include "utils/memutils.h"

void
df_file_init(DfFile *f, int32 ncodes)
{
	f->events_capacity = 256;
	f->events = palloc(f->events_capacity * sizeof(DfEvent));
	f->reaches_capacity = 512;
	f->reaches = palloc(f->reaches_capacity * sizeof(int32));
	f->steps_capacity = 768;
	f->steps = palloc(f->steps_capacity * sizeof(int32));
	f->keywords_capacity = 8;
	f->keywords = palloc(f->keywords_capacity * sizeof(int32));
	f->links_capacity = 16;
	f->links = palloc(f->links_capacity * sizeof(DfLink));
	f->nunits = ncodes;
	f->units = palloc0(Max(ncodes, 1) * sizeof(DfUnitInfo));
	f->decorated = palloc0(Max(ncodes, 1) * sizeof(uint8));
}

/*
 * A file's lists become single array values, which PostgreSQL caps at 1 GB: far beyond
 * what codecpg.python_max_bytes lets through, but a clear error rather than a failed
 * allocation if it ever is not.
 */
#define DF_MAX_ITEMS ((int64) (MaxAllocSize / 64))

static void
too_many(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("too many data-flow %s in one file", what),
			 errdetail("A file can have at most " INT64_FORMAT " of them.", DF_MAX_ITEMS)));
}

void
df_file_add_event(DfFile *f, const DfEvent *ev)
{
	if (f->nevents == f->events_capacity)
	{
		if (f->events_capacity >= DF_MAX_ITEMS)
			too_many("events");
		f->events_capacity *= 2;
		f->events = repalloc_huge(f->events, f->events_capacity * sizeof(DfEvent));
	}
	f->events[f->nevents++] = *ev;
}

static int32 *
grow(int32 *items, int64 *capacity, int64 needed, const char *what)
{
	if (needed <= *capacity)
		return items;
	if (*capacity >= DF_MAX_ITEMS)
		too_many(what);
	*capacity *= 2;
	return repalloc_huge(items, *capacity * sizeof(int32));
}

void
df_file_add_step(DfFile *f, int32 src, int32 dst, int32 slot)
{
	f->steps = grow(f->steps, &f->steps_capacity, f->nsteps + 3, "steps");
	f->steps[f->nsteps++] = src;
	f->steps[f->nsteps++] = dst;
	f->steps[f->nsteps++] = slot;
}

void
df_file_add_reach(DfFile *f, int32 def, int32 use)
{
	f->reaches = grow(f->reaches, &f->reaches_capacity, f->nreaches + 2, "reaching definitions");
	f->reaches[f->nreaches++] = def;
	f->reaches[f->nreaches++] = use;
}

/* The index of a keyword argument name among the file's, added when new. */
int32
df_file_keyword(DfFile *f, int32 name)
{
	for (int32 k = 0; k < f->nkeywords; k++)
		if (f->keywords[k] == name)
			return k;
	if (f->nkeywords == f->keywords_capacity)
	{
		f->keywords_capacity *= 2;
		f->keywords = repalloc(f->keywords, f->keywords_capacity * sizeof(int32));
	}
	f->keywords[f->nkeywords] = name;
	return f->nkeywords++;
}

static void
step_into_params(DfFile *f, int32 event, const DfUnitInfo *u, int32 from, int32 to)
{
	for (int32 p = from; p < to && p < u->nparams; p++)
		df_file_add_step(f, event, u->first_event + p, DF_SLOT_VALUE);
}

/*
 * Links become steps. Defaults go to every parameter that can have one (which of them
 * has one is not tracked: a default is a constant in nearly all code, and a constant
 * carries nothing).
 */
void
df_resolve_links(DfFile *f)
{
	for (int32 k = 0; k < f->nlinks; k++)
	{
		const DfLink *l = &f->links[k];
		const DfUnitInfo *u;

		if (l->code_id < 0 || l->code_id >= f->nunits)
			continue;
		u = &f->units[l->code_id];
		switch (l->kind)
		{
			case DF_LINK_DEFAULT:
				step_into_params(f, l->event, u, 0, u->argcount);
				break;
			case DF_LINK_KWDEFAULT:
				step_into_params(f, l->event, u, u->argcount, u->argcount + u->kwonlyargcount);
				break;
			case DF_LINK_ARG:
				if (l->position < u->argcount)
					step_into_params(f, l->event, u, l->position, l->position + 1);
				else if (u->has_varargs)
				{
					int32		star = u->argcount + u->kwonlyargcount;

					step_into_params(f, l->event, u, star, star + 1);
				}
				break;
			case DF_LINK_STAR:
				step_into_params(f, l->event, u, 0, u->nparams);
				break;
			case DF_LINK_RESULT:
				for (int32 e = u->first_event; e < u->first_event + u->nevents; e++)
					if (f->events[e].kind == DF_RETURN || f->events[e].kind == DF_YIELD)
						df_file_add_step(f, e, l->event, DF_SLOT_VALUE);
				break;
		}
	}
}

const char *const df_kind_names[DF_NKINDS] = {
	"param", "store_local", "store_cell", "store_name", "store_global", "store_attr", "store_item", "update",
	"delete_local", "delete_cell", "delete_name", "delete_global", "delete_attr",
	"load_local", "load_cell", "load_name", "load_global", "load_attr",
	"call", "import", "return", "yield", "value",
};

/* The kind of a stored event's kind text, or -1 for a text no extractor writes. */
int
df_kind_from_name(const char *name, int len)
{
	for (int k = 0; k < DF_NKINDS; k++)
		if ((int) strlen(df_kind_names[k]) == len && memcmp(df_kind_names[k], name, len) == 0)
			return k;
	return -1;
}

const char *const df_method_kind_names[DF_NMETHOD_KINDS] = {
	NULL, "instance", "class", "static",
};

const char *const df_unit_kind_names[DF_NUNIT_KINDS] = {
	"module", "class", "function", "lambda", "comprehension",
};
