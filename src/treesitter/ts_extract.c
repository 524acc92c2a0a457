/*
 * ts_extract.c: codecpg.ts_extract (a tree_sitter_files_v1 row), codecpg.ts_sexp and
 * codecpg.ts_parse_ms.
 *
 * Lines and columns come from the shared CpgLineIndex, not from TSPoint: tree-sitter
 * rows only break on \n, the span ABI (Python's definition) also breaks on \r\n and a
 * lone \r. Columns are bytes from the start of the line.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "common/arrays.h"
#include "common/ids.h"
#include "common/rowtype.h"
#include "common/span.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "treesitter/ts_cache.h"
#include "treesitter/ts_extract.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

/* The file_sha256 of the row: as given, or of the source (after it was parsed). */
Datum
cpg_file_sha256(const CpgFileIdentity *id, const TsTree *tree)
{
	char		hex[65];

	if (id->sha256_given)
		return id->sha256;
	cpg_ts_source_sha256(tree, hex);
	return CStringGetTextDatum(hex);
}

/* ERROR and MISSING nodes are few: their lists keep the whole span. */
static Datum
span_datum(const CpgLineIndex *lines, const TsNode *n)
{
	CpgSpan		span;

	span.bstart = n->bstart;
	span.bend = n->bend;
	cpg_lines_locate(lines, n->bstart, &span.line0, &span.col);
	cpg_lines_locate(lines, n->bend, &span.end_line0, &span.end_col);
	return cpg_span_datum(cpg_tupdesc(CPG_T_span), &span);
}

/*
 * The stored node is lean (sql/parts/19_tree_sitter_node.sql): no id, kind or field name,
 * child index or lines, which codecpg.ts_nodes derives, and distances rather than
 * positions (ts_stored.c reads them back).
 */
static void
add_nodes(const TsTree *tree, const CpgLineIndex *lines, Datum *root_values)
{
	CpgArray	nodes;
	CpgArray	errors;
	CpgArray	missing;
	Datum	   *kinds = palloc0(sizeof(Datum) * cpg_ts_kind_slots());
	uint32		previous_bstart = 0;

	cpg_array_init(&nodes, CPG_T_ts_node);
	cpg_array_init(&errors, CPG_T_ts_error);
	cpg_array_init(&missing, CPG_T_ts_missing);
	for (int32 i = 0; i < tree->nnodes; i++)
	{
		const TsNode *n = &tree->nodes[i];
		Datum		v[ts_node__NATTS];
		bool		nl[ts_node__NATTS] = {false};

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		v[ts_node__parent_gap] = Int32GetDatum(i - n->parent - 1);
		nl[ts_node__parent_gap] = n->parent == TSN_NONE;
		v[ts_node__start_gap] = Int32GetDatum((int32) (n->bstart - previous_bstart));
		v[ts_node__length] = Int32GetDatum((int32) (n->bend - n->bstart));
		previous_bstart = n->bstart;
		v[ts_node__kind_id] = Int32GetDatum(n->symbol);
		v[ts_node__field_id] = Int16GetDatum((int16) n->field);
		nl[ts_node__field_id] = n->field == 0;
		v[ts_node__flags] = Int16GetDatum((int16) (n->flags & 0x1F));
		nl[ts_node__attrs] = true;
		cpg_array_push_composite(&nodes, v, nl);

		if (n->flags & TSN_ERROR)
		{
			Datum		ev[ts_error__NATTS];
			bool		enl[ts_error__NATTS] = {false};

			ev[ts_error__error_id] = Int32GetDatum(errors.count);
			ev[ts_error__node_id] = Int32GetDatum(i);
			ev[ts_error__span] = span_datum(lines, n);
			enl[ts_error__attrs] = true;
			cpg_array_push_composite(&errors, ev, enl);
		}
		if (n->flags & TSN_MISSING)
		{
			Datum		mv[ts_missing__NATTS];
			bool		mnl[ts_missing__NATTS] = {false};

			mv[ts_missing__missing_id] = Int32GetDatum(missing.count);
			mv[ts_missing__node_id] = Int32GetDatum(i);
			mv[ts_missing__kind] = cpg_ts_kind_text(kinds, n->symbol);
			mv[ts_missing__span] = span_datum(lines, n);
			mnl[ts_missing__attrs] = true;
			cpg_array_push_composite(&missing, mv, mnl);
		}
	}
	root_values[tree_sitter_file__nodes] = cpg_array_result(&nodes);
	root_values[tree_sitter_file__errors] = cpg_array_result(&errors);
	root_values[tree_sitter_file__missing] = cpg_array_result(&missing);
}

static CpgResultCache result_cache = {.name = "codecpg ts_extract result"};

PG_FUNCTION_INFO_V1(cpg_ts_extract);
Datum
cpg_ts_extract(PG_FUNCTION_ARGS)
{
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext work;
	TupleDesc	root_desc;
	CpgFileIdentity id;
	TsTree		tree;
	CpgLineIndex lines;
	Datum		v[tree_sitter_file__NATTS];
	bool		nl[tree_sitter_file__NATTS] = {false};
	Datum		sv[ts_stats__NATTS];
	bool		snl[ts_stats__NATTS] = {false};
	Datum		result;
	Datum		cached;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	if (cpg_result_cache_get(&result_cache, fcinfo, &cached))
		PG_RETURN_DATUM(cached);
	root_desc = cpg_table_tupdesc(CPG_T_tree_sitter_file);
	work = AllocSetContextCreate(caller, "codecpg ts_extract", ALLOCSET_DEFAULT_SIZES);
	MemoryContextSwitchTo(work);

	cpg_file_identity(fcinfo, &id);
	cpg_ts_parse(id.source, id.length, &tree);
	cpg_lines_build(&lines, id.source, id.length);

	v[tree_sitter_file__repo] = id.repo;
	v[tree_sitter_file__path] = id.path;
	v[tree_sitter_file__file_id] = id.file_id;
	v[tree_sitter_file__file_sha256] = cpg_file_sha256(&id, &tree);
	add_nodes(&tree, &lines, v);
	sv[ts_stats__node_count] = Int32GetDatum(tree.nnodes);
	sv[ts_stats__named_count] = Int32GetDatum(tree.named_count);
	sv[ts_stats__error_count] = Int32GetDatum(tree.error_count);
	sv[ts_stats__missing_count] = Int32GetDatum(tree.missing_count);
	sv[ts_stats__parse_ms] = Float8GetDatum(tree.parse_ms);
	sv[ts_stats__parse_timed_out] = BoolGetDatum(tree.timed_out);
	v[tree_sitter_file__stats] = cpg_form_composite(cpg_tupdesc(CPG_T_ts_stats), sv, snl);
	v[tree_sitter_file__attrs] = cpg_jsonb_from_cstring(cpg_ts_attrs_json(&tree));
	v[tree_sitter_file__line_starts] = cpg_lines_starts_datum(&lines);

	MemoryContextSwitchTo(caller);
	result = HeapTupleGetDatum(heap_form_tuple(root_desc, v, nl));
	if (!tree.timed_out && !tree.too_large)
		cpg_result_cache_put(&result_cache, fcinfo, result, 2, id.source_text);
	MemoryContextDelete(work);
	PG_RETURN_DATUM(result);
}

/* A code point as the S-expression prints an unexpected character. */
static void
append_char_literal(StringInfo out, const char *p, int len)
{
	appendStringInfoChar(out, '\'');
	if (len == 1 && *p == '\n')
		appendStringInfoString(out, "\\n");
	else if (len == 1 && *p == '\r')
		appendStringInfoString(out, "\\r");
	else if (len == 1 && *p == '\t')
		appendStringInfoString(out, "\\t");
	else
		appendBinaryStringInfo(out, p, len);
	appendStringInfoChar(out, '\'');
}

/*
 * The S-expression of ts_node_string(), which is what tree-sitter's test corpus
 * compares: visible named nodes and MISSING nodes, with field names. Written
 * iteratively: ts_node_string recurses and could exhaust the stack on deep input.
 */
static char *
sexp_string(const TsTree *tree)
{
	StringInfoData out;
	int32		i = 0;

	initStringInfo(&out);
	if (tree->nnodes == 0)
		return out.data;
	for (;;)
	{
		const TsNode *n = &tree->nodes[i];
		bool		visible = (n->flags & (TSN_NAMED | TSN_MISSING)) != 0;

		if ((i & 4095) == 0)
			CHECK_FOR_INTERRUPTS();
		if (visible)
		{
			if (i != 0)
			{
				appendStringInfoChar(&out, ' ');
				if (n->field != 0)
					appendStringInfo(&out, "%s: ", cpg_ts_field_name(n->field));
			}
			if ((n->flags & TSN_ERROR) && n->first_child == TSN_NONE && n->bend > n->bstart)
			{
				appendStringInfoString(&out, "(UNEXPECTED ");
				append_char_literal(&out, tree->source + n->bstart,
									pg_utf_mblen((const unsigned char *) tree->source + n->bstart));
			}
			else if (n->flags & TSN_MISSING)
				appendStringInfo(&out, (n->flags & TSN_NAMED) ? "(MISSING %s" : "(MISSING \"%s\"",
								 cpg_ts_kind_name(n->symbol));
			else
				appendStringInfo(&out, "(%s", cpg_ts_kind_name(n->symbol));
		}
		else if (i == 0)
			appendStringInfo(&out, "(\"%s\")", cpg_ts_kind_name(n->symbol));

		if (n->first_child != TSN_NONE)
		{
			i = n->first_child;
			continue;
		}
		/* Close this node and every ancestor whose last child it ends. */
		for (;;)
		{
			const TsNode *c = &tree->nodes[i];

			if (c->flags & (TSN_NAMED | TSN_MISSING))
				appendStringInfoChar(&out, ')');
			if (c->next_sibling != TSN_NONE)
			{
				i = c->next_sibling;
				break;
			}
			if (c->parent == TSN_NONE)
				return out.data;
			i = c->parent;
		}
	}
}

PG_FUNCTION_INFO_V1(cpg_ts_sexp);
Datum
cpg_ts_sexp(PG_FUNCTION_ARGS)
{
	text	   *source = PG_GETARG_TEXT_PP(0);
	TsTree		tree;

	cpg_require_utf8_database("ts_sexp");
	cpg_ts_parse(VARDATA_ANY(source), VARSIZE_ANY_EXHDR(source), &tree);
	if (tree.timed_out || tree.too_large)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(cstring_to_text(sexp_string(&tree)));
}

PG_FUNCTION_INFO_V1(cpg_ts_parse_ms);
Datum
cpg_ts_parse_ms(PG_FUNCTION_ARGS)
{
	text	   *source = PG_GETARG_TEXT_PP(0);

	PG_RETURN_FLOAT8(cpg_ts_parse_only(VARDATA_ANY(source), VARSIZE_ANY_EXHDR(source)));
}
