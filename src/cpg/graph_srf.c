/*
 * graph_srf.c: the resolver's per-file data as rows — a file's links
 * (codecpg.cpg_links) and its summary (codecpg.cst_summary).
 */
#include "postgres.h"

#include "common/srf.h"
#include "common/srf_unnest.h"
#include "cpg/summary.h"
#include "utils/builtins.h"

PG_FUNCTION_INFO_V1(cpg_links);
Datum
cpg_links(PG_FUNCTION_ARGS)
{
	return cpg_srf_unnest(fcinfo, CPG_T_cpg_graph_file, cpg_graph_file__links, CPG_T_cpg_link);
}

static const char *const scope_kinds[] = {"MODULE", "CLASS", "FUNCTION", "LAMBDA", "COMPREHENSION"};
static const char *const param_kinds[] = {"POSONLY", "POS", "VARARGS", "KWONLY", "VARKW"};
static const char *const expr_ops[] = {
	"UNKNOWN", "NAME", "CONST", "ATTR", "CALL", "SUBSCR", "CONTAINER", "COMP", "FUNC", "CLASS",
	"DECORATE", "BINOP", "UNARY", "COMPARE", "UNION", "AWAIT", "ITER", "ELEM", "STARREST", "ENTER",
	"FORMAT", "EXCEPT", "IMPORT", "YIELD_FROM",
};
static const char *const arg_kinds[] = {"POS", "STAR", "KEYWORD", "DSTAR"};
static const char *const effect_kinds[] = {
	"STORE_NAME", "STORE_ATTR", "STORE_SUBSCR", "DEL_ATTR", "DEL_SUBSCR", "RETURN", "YIELD",
	"YIELD_FROM", "CLASS_BODY", "TRUTH", "IMPORT", "ANNOTATE",
};

#define SUMMARY_COLS 14

typedef struct Row
{
	CpgSrf	   *srf;
	const CpgRoot *root;
	const Summary *sum;
} Row;

static void
put(Row *r, const char *section, int32 ord, const char *kind, int32 scope, int32 a, int32 b, int32 c,
	int32 str, int32 bstart, int32 bend)
{
	Datum		v[SUMMARY_COLS];
	bool		n[SUMMARY_COLS] = {false};

	for (int i = 0; i < 4; i++)
	{
		v[i] = r->root->values[i];
		n[i] = r->root->nulls[i];
	}
	v[4] = CStringGetTextDatum(section);
	v[5] = Int32GetDatum(ord);
	v[6] = CStringGetTextDatum(kind);
	v[7] = Int32GetDatum(scope);
	n[7] = scope < 0;
	v[8] = Int32GetDatum(a);
	v[9] = Int32GetDatum(b);
	v[10] = Int32GetDatum(c);
	n[11] = str < 0;
	if (str >= 0)
		v[11] = CStringGetTextDatum(r->sum->strings[str]);
	v[12] = Int32GetDatum(bstart);
	n[12] = bstart < 0;
	v[13] = Int32GetDatum(bend);
	n[13] = bend < 0;
	cpg_srf_put(r->srf, v, n);
}

/* The string an expression carries, by its op: a name, a constant's text. */
static int32
expr_string(const SumExpr *e)
{
	switch (e->op)
	{
		case SO_NAME:
		case SO_ATTR:
		case SO_CONST:
			return e->b;
		default:
			return -1;
	}
}

PG_FUNCTION_INFO_V1(cpg_cst_summary);
Datum
cpg_cst_summary(PG_FUNCTION_ARGS)
{
	CpgRoot		root;
	CpgSrf		srf;
	Summary		s;
	Row			r;

	cpg_root_read(fcinfo, 0, CPG_T_libcst_file, &root);
	cpg_srf_begin(fcinfo, &srf);
	if (root.nulls[libcst_file__summary])
		return (Datum) 0;
	if (!cpg_summary_decode(DatumGetByteaPP(root.values[libcst_file__summary]), &s, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("the summary of this file cannot be read"),
				 errdetail("It was built by another version of codecpg, or it was changed by hand."),
				 errhint("codecpg.cpg_refresh() rebuilds the summaries of a repository from the stored sources.")));
	r.srf = &srf;
	r.root = &root;
	r.sum = &s;
	for (int32 i = 0; i < s.nscopes; i++)
	{
		const SumScope *c = &s.scopes[i];

		put(&r, "scope", i, scope_kinds[c->kind], c->parent, c->first_param, c->nparams, c->nbases,
			c->qualname, c->def_bstart, c->def_bend);
	}
	for (int32 i = 0; i < s.nparams; i++)
		put(&r, "param", i, param_kinds[s.params[i].kind], -1, s.params[i].dflt, s.params[i].annot, -1,
			s.params[i].name, -1, -1);
	for (int32 i = 0; i < s.nexprs; i++)
	{
		const SumExpr *e = &s.exprs[i];

		put(&r, "expr", i, expr_ops[e->op], e->scope, e->a, e->b, e->c, expr_string(e), e->bstart, e->bend);
	}
	for (int32 i = 0; i < s.nargs; i++)
		put(&r, "arg", i, arg_kinds[s.args[i].kind], -1, s.args[i].expr, -1, -1, s.args[i].name, -1, -1);
	for (int32 i = 0; i < s.neffects; i++)
	{
		const SumEffect *e = &s.effects[i];

		put(&r, "effect", i, effect_kinds[e->kind], e->scope, e->a, e->b, e->c,
			e->kind == SE_STORE_NAME || e->kind == SE_STORE_ATTR || e->kind == SE_DEL_ATTR ? e->b : -1,
			e->bstart, e->bend);
	}
	for (int32 i = 0; i < s.nimports; i++)
	{
		const SumImport *m = &s.imports[i];

		put(&r, "import", i, m->star ? "STAR" : m->is_from ? "FROM" : "IMPORT", m->scope, m->level,
			m->name, m->bind, m->module, m->bstart, m->bend);
	}
	for (int32 i = 0; i < s.nall; i++)
		put(&r, "all", i, s.all_state == SUM_ALL_LITERAL ? "LITERAL" : "DYNAMIC", 0, -1, -1, -1,
			s.all_names[i], -1, -1);
	return (Datum) 0;
}
