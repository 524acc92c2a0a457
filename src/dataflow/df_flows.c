/*
 * df_flows.c: codecpg.cpg_flows(repo, sources, sinks, sanitizers) and
 * codecpg.cpg_flows_from(repo, sources, sanitizers), the source-to-sink questions.
 *
 * Both load the repository's data flow and call graph (df_load.c), mark roles and solve
 * from each source (df_solve.c), then describe what they found in rows: a flow's path is
 * jsonb, one object per step with its file, line, kind, name, how it was reached and its
 * source text (the span's first line, from repo_files_v1). All work happens in one memory
 * context that goes away at the end.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/ids.h"
#include "common/rowtype.h"
#include "common/srf.h"
#include "dataflow/df_solve.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/numeric.h"

#define DF_TEXT_MAX 200

typedef struct DfFlowsRun
{
	DfRepo		repo;
	DfPatterns	sources;
	DfPatterns	sinks;
	DfPatterns	sanitizers;
	char	  **file_source;	/* per file, fetched when a path needs it */
	int32	   *file_source_len;
} DfFlowsRun;

static const char *
via_name(int32 via)
{
	switch (via)
	{
		case DF_VIA_START:
			return "source";
		case DF_VIA_PARAM:
			return "argument";
		case DF_VIA_SUMMARY:
			return "returned";
		case DF_VIA_PASS:
			return "call";
		case DF_VIA_RETURN:
			return "return";
		case DF_VIA_HEAP:
			return "heap";
		case DF_VIA_SINK:
			return "sink";
		case DF_EDGE_REACH:
			return "reaches";
		default:
			return via == DF_SLOT_VALUE ? "value" : "argument";
	}
}

static ArrayType *
array_arg(FunctionCallInfo fcinfo, int argno)
{
	return PG_ARGISNULL(argno) ? NULL : PG_GETARG_ARRAYTYPE_P(argno);
}

static const DfFactEvent *
event_of(const DfRepo *r, int32 node, const DfRFile **file)
{
	const DfRUnit *u = &r->units[r->nodes[node].unit];

	*file = &r->files[u->file];
	return &(*file)->facts.events[node - (*file)->node_base];
}

static char *
node_id(const DfRepo *r, int32 node)
{
	const DfRFile *f = &r->files[r->units[r->nodes[node].unit].file];
	char		number[16];
	const char *parts[2];

	snprintf(number, sizeof(number), "%d", node - f->node_base);
	parts[0] = f->file_id;
	parts[1] = number;
	return cpg_stable_id(DF_KIND_IS_DEF(r->nodes[node].kind) ? "df_def" : "df_use", 2, parts);
}

/* The sources of the files on paths, read once. */
static void
fetch_sources(DfFlowsRun *run, const bool *wanted)
{
	DfRepo	   *r = &run->repo;
	MemoryContext cxt = CurrentMemoryContext;
	StringInfoData ids;
	Oid			types[2] = {TEXTOID, TEXTOID};
	Datum		args[2];
	bool		any = false;
	int			rc;

	initStringInfo(&ids);
	appendStringInfoChar(&ids, '{');
	for (int32 f = 0; f < r->nfiles; f++)
		if (wanted[f] && run->file_source[f] == NULL)
		{
			appendStringInfo(&ids, "%s\"%s\"", any ? "," : "", r->files[f].file_id);
			any = true;
		}
	appendStringInfoChar(&ids, '}');
	if (!any)
		return;
	args[0] = CStringGetTextDatum(r->repo);
	args[1] = CStringGetTextDatum(ids.data);
	rc = SPI_execute_with_args("SELECT file_id, source FROM codecpg.repo_files_v1 "
							   "WHERE repo = $1 AND file_id = ANY ($2::text[]) AND source IS NOT NULL",
							   2, types, args, NULL, true, 0);
	MemoryContextSwitchTo(cxt);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "reading sources failed: %s", SPI_result_code_string(rc));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull;
		char	   *file_id = TextDatumGetCString(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull));

		for (int32 f = 0; f < r->nfiles; f++)
			if (strcmp(r->files[f].file_id, file_id) == 0)
			{
				run->file_source[f] = TextDatumGetCString(SPI_getbinval(SPI_tuptable->vals[i],
																		SPI_tuptable->tupdesc, 2, &isnull));
				run->file_source_len[f] = strlen(run->file_source[f]);
			}
	}
	SPI_freetuptable(SPI_tuptable);
	MemoryContextSwitchTo(cxt);
}

/* The first line of a node's span, at most DF_TEXT_MAX bytes (cut at a character). */
static char *
node_text(const DfFlowsRun *run, int32 node)
{
	const DfRepo *r = &run->repo;
	const DfRFile *f;
	const DfFactEvent *ev = event_of(r, node, &f);
	int32		file = r->units[r->nodes[node].unit].file;
	const char *src = run->file_source[file];
	int32		len;
	int32		end;

	if (src == NULL || ev->bstart < 0 || ev->bend < ev->bstart || ev->bend > run->file_source_len[file])
		return ev->name.len >= 0 ? pnstrdup(ev->name.ptr, ev->name.len) : NULL;
	for (end = ev->bstart; end < ev->bend && src[end] != '\n' && src[end] != '\r'; end++)
		;
	len = end - ev->bstart;
	if (len > DF_TEXT_MAX)
	{
		len = DF_TEXT_MAX;
		while (len > 0 && (src[ev->bstart + len] & 0xC0) == 0x80)
			len--;
	}
	return psprintf("%.*s%s", len, src + ev->bstart, len < ev->bend - ev->bstart ? "..." : "");
}

/* A jsonb string of a C string, or null. */
static void
jsonb_string(JsonbValue *v, const char *s)
{
	if (s == NULL)
	{
		v->type = jbvNull;
		return;
	}
	v->type = jbvString;
	v->val.string.val = unconstify(char *, s);
	v->val.string.len = strlen(s);
}

/*
 * The path as jsonb: one object per step. The value tree is written out directly, each
 * object's keys given in jsonb's own order (shorter first, then bytewise), so that no
 * text is parsed and no keys are sorted: parsing was most of the time of a large answer.
 */
static Datum
path_json(const DfFlowsRun *run, const DfFlow *flow)
{
	static const char *const keys[] = {"via", "kind", "name", "path", "text", "line0"};
	const DfRepo *r = &run->repo;
	JsonbValue	steps;
	JsonbValue *objects = palloc(Max(flow->npath, 1) * sizeof(JsonbValue));
	JsonbPair  *pairs = palloc(Max(flow->npath, 1) * lengthof(keys) * sizeof(JsonbPair));

	steps.type = jbvArray;
	steps.val.array.nElems = flow->npath;
	steps.val.array.elems = objects;
	steps.val.array.rawScalar = false;
	for (int32 k = 0; k < flow->npath; k++)
	{
		int32		n = flow->path[k].node;
		const DfRFile *f;
		const DfFactEvent *ev = event_of(r, n, &f);
		JsonbPair  *p = pairs + k * lengthof(keys);

		for (size_t i = 0; i < lengthof(keys); i++)
		{
			jsonb_string(&p[i].key, keys[i]);
			p[i].order = i;
		}
		jsonb_string(&p[0].value, via_name(flow->path[k].via));
		jsonb_string(&p[1].value, df_kind_names[r->nodes[n].kind]);
		jsonb_string(&p[2].value, ev->name.len >= 0 ? pnstrdup(ev->name.ptr, ev->name.len) : NULL);
		jsonb_string(&p[3].value, f->path);
		jsonb_string(&p[4].value, node_text(run, n));
		p[5].value.type = jbvNumeric;
		p[5].value.val.numeric = int64_to_numeric(ev->line0);
		objects[k].type = jbvObject;
		objects[k].val.object.nPairs = lengthof(keys);
		objects[k].val.object.pairs = p;
	}
	return JsonbPGetDatum(JsonbValueToJsonb(&steps));
}

static int32
node_line(const DfRepo *r, int32 node)
{
	const DfRFile *f;

	return event_of(r, node, &f)->line0;
}

static const char *
node_path(const DfRepo *r, int32 node)
{
	return r->files[r->units[r->nodes[node].unit].file].path;
}

/* Loads the repository and marks roles; the caller has an SPI connection. */
static void
run_prepare(DfFlowsRun *run, const char *repo, ArrayType *sources, ArrayType *sinks, ArrayType *sanitizers)
{
	DfRepo	   *r = &run->repo;

	df_repo_load(r, repo);
	if (r->nfiles == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("repository \"%s\" has no data-flow facts", repo),
				 errhint("Index it with codecpg index or codecpg.index_repo, which fill codecpg.dataflow_files_v1.")));
	if (!r->have_call_graph)
		ereport(NOTICE,
				(errmsg("repository \"%s\" has no call graph: calls are followed into no function", repo),
				 errhint("Run codecpg.cpg_refresh('%s') after extracting its files.", repo)));
	df_patterns_init(r, &run->sources, sources, false);
	df_patterns_init(r, &run->sinks, sinks, true);
	df_patterns_init(r, &run->sanitizers, sanitizers, false);
	df_solve_prepare(r, &run->sources, &run->sinks, &run->sanitizers);
	run->file_source = palloc0(Max(r->nfiles, 1) * sizeof(char *));
	run->file_source_len = palloc0(Max(r->nfiles, 1) * sizeof(int32));
}

static int
cmp_flow_sink(const void *a, const void *b)
{
	const DfFlow *x = a;
	const DfFlow *y = b;

	return x->sink < y->sink ? -1 : x->sink > y->sink;
}

/* Solves from every source; calls emit(flow) in source, then sink order. */
static void
run_solve(FunctionCallInfo fcinfo, DfFlowsRun *run, bool all_reached,
		  void (*emit) (CpgSrf *srf, DfFlowsRun *run, const DfFlow *flow))
{
	DfRepo	   *r = &run->repo;
	CpgSrf		srf;
	int32	   *source_nodes;
	int32	   *source_names;
	int32		nsources = df_solve_sources(r, &run->sources, &source_nodes, &source_names);
	bool	   *wanted = palloc0(Max(r->nfiles, 1) * sizeof(bool));
	DfFlow	  **flows = palloc(Max(nsources, 1) * sizeof(DfFlow *));
	int32	   *nflows = palloc(Max(nsources, 1) * sizeof(int32));

	for (int32 s = 0; s < nsources; s++)
	{
		CHECK_FOR_INTERRUPTS();
		df_solve_flows(r, source_nodes[s], source_names[s], all_reached, &flows[s], &nflows[s]);
		if (nflows[s] > 1)
			qsort(flows[s], nflows[s], sizeof(DfFlow), cmp_flow_sink);
		for (int32 k = 0; k < nflows[s] && !all_reached; k++)
			for (int32 i = 0; i < flows[s][k].npath; i++)
				wanted[r->units[r->nodes[flows[s][k].path[i].node].unit].file] = true;
	}
	fetch_sources(run, wanted);
	cpg_srf_begin(fcinfo, &srf);
	for (int32 s = 0; s < nsources; s++)
		for (int32 k = 0; k < nflows[s]; k++)
			emit(&srf, run, &flows[s][k]);
}

static void
emit_flow(CpgSrf *srf, DfFlowsRun *run, const DfFlow *flow)
{
	DfRepo	   *r = &run->repo;
	Datum		values[10];
	bool		nulls[10] = {0};
	const DfRCall *sink = &r->calls[r->nodes[flow->sink].call];

	values[0] = CStringGetTextDatum(node_path(r, flow->source));
	values[1] = Int32GetDatum(node_line(r, flow->source));
	values[2] = CStringGetTextDatum(r->strings.strs[flow->source_name]);
	values[3] = CStringGetTextDatum(node_path(r, flow->sink));
	values[4] = Int32GetDatum(node_line(r, flow->sink));
	values[5] = CStringGetTextDatum(r->strings.strs[sink->sink_name]);
	values[6] = Int32GetDatum(flow->npath);
	values[7] = path_json(run, flow);
	values[8] = CStringGetTextDatum(node_id(r, flow->source));
	values[9] = CStringGetTextDatum(node_id(r, flow->sink));
	nulls[1] = DatumGetInt32(values[1]) < 0;
	nulls[4] = DatumGetInt32(values[4]) < 0;
	cpg_srf_put(srf, values, nulls);
}

static void
emit_reached(CpgSrf *srf, DfFlowsRun *run, const DfFlow *flow)
{
	DfRepo	   *r = &run->repo;
	Datum		values[11];
	bool		nulls[11] = {0};
	const DfRNode *n = &r->nodes[flow->sink];
	const DfRUnit *u = &r->units[n->unit];
	const DfRFile *f;
	const DfFactEvent *ev = event_of(r, flow->sink, &f);

	values[0] = CStringGetTextDatum(node_path(r, flow->source));
	values[1] = Int32GetDatum(node_line(r, flow->source));
	values[2] = CStringGetTextDatum(r->strings.strs[flow->source_name]);
	values[3] = CStringGetTextDatum(node_path(r, flow->sink));
	values[4] = Int32GetDatum(node_line(r, flow->sink));
	values[5] = CStringGetTextDatum(df_kind_names[n->kind]);
	nulls[6] = ev->name.len < 0;
	if (ev->name.len >= 0)
		values[6] = PointerGetDatum(cstring_to_text_with_len(ev->name.ptr, ev->name.len));
	nulls[7] = u->fqn < 0 && u->qualname < 0;
	if (!nulls[7])
		values[7] = CStringGetTextDatum(r->strings.strs[u->fqn >= 0 ? u->fqn : u->qualname]);
	values[8] = Int32GetDatum(flow->npath);
	values[9] = CStringGetTextDatum(via_name(flow->path[flow->npath - 1].via));
	values[10] = CStringGetTextDatum(node_id(r, flow->sink));
	nulls[1] = DatumGetInt32(values[1]) < 0;
	nulls[4] = DatumGetInt32(values[4]) < 0;
	cpg_srf_put(srf, values, nulls);
}

static Datum
flows_main(FunctionCallInfo fcinfo, bool all_reached)
{
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext cxt;
	DfFlowsRun	run;
	char	   *repo;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("repo must not be NULL")));
	repo = TextDatumGetCString(PG_GETARG_DATUM(0));
	cxt = AllocSetContextCreate(caller, "cpg_flows", ALLOCSET_DEFAULT_SIZES);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(cxt);
	memset(&run, 0, sizeof(run));
	if (all_reached)
		run_prepare(&run, repo, array_arg(fcinfo, 1), NULL, array_arg(fcinfo, 2));
	else
		run_prepare(&run, repo, array_arg(fcinfo, 1), array_arg(fcinfo, 2), array_arg(fcinfo, 3));
	run_solve(fcinfo, &run, all_reached, all_reached ? emit_reached : emit_flow);
	SPI_finish();
	MemoryContextSwitchTo(caller);
	MemoryContextDelete(cxt);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_flows);
Datum
cpg_flows(PG_FUNCTION_ARGS)
{
	return flows_main(fcinfo, false);
}

PG_FUNCTION_INFO_V1(cpg_flows_from);
Datum
cpg_flows_from(PG_FUNCTION_ARGS)
{
	return flows_main(fcinfo, true);
}
