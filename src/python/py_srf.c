/*
 * py_srf.c: the set-returning functions over ast_files_v1 and symtable_files_v1 rows.
 *
 * Each reads one list of the root row and emits flat rows led by the root's identity
 * columns (repo, path, file_id, file_sha256), with spans flattened to six columns; a lean
 * AST node's byte span gets its lines and columns from the row's line_starts.
 */
#include "postgres.h"

#include "common/arrays.h"
#include "common/ids.h"
#include "common/rowtype.h"
#include "common/span.h"
#include "common/srf.h"
#include "common/srf_unnest.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#define SPAN_COLS 6

/* The root's leading identity attributes, in the order every root declares them. */
static int
put_identity(const CpgRoot *root, Datum *values, bool *nulls)
{
	for (int i = 0; i < CPG_ROOT_IDENTITY_NATTS; i++)
	{
		values[i] = root->values[i];
		nulls[i] = root->nulls[i];
	}
	return CPG_ROOT_IDENTITY_NATTS;
}

static int
put_span(Datum span, bool isnull, Datum *values, bool *nulls)
{
	Datum		sv[span__NATTS];
	bool		sn[span__NATTS];

	if (isnull)
	{
		for (int i = 0; i < SPAN_COLS; i++)
			nulls[i] = true;
		return SPAN_COLS;
	}
	cpg_deform_composite(cpg_tupdesc(CPG_T_span), span, sv, sn);
	for (int i = 0; i < SPAN_COLS; i++)
	{
		values[i] = sv[i];
		nulls[i] = sn[i];
	}
	return SPAN_COLS;
}

/* Elements of a list attribute of the root, each deformed by its element type. */
typedef struct ListIter
{
	CpgArrayElems elems;
	TupleDesc	desc;
	int			next;
	Datum	   *values;
	bool	   *nulls;
} ListIter;

static void
list_begin(ListIter *it, const CpgRoot *root, int att, CpgTypeId elemtype)
{
	cpg_array_elems(root->values[att], root->nulls[att], &it->elems);
	it->desc = cpg_tupdesc(elemtype);
	it->next = 0;
	it->values = palloc(sizeof(Datum) * it->desc->natts);
	it->nulls = palloc(sizeof(bool) * it->desc->natts);
}

static bool
list_next(ListIter *it)
{
	while (it->next < it->elems.count)
	{
		int			i = it->next++;

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (it->elems.nulls[i])
			continue;
		cpg_deform_composite(it->desc, it->elems.values[i], it->values, it->nulls);
		return true;
	}
	return false;
}

static inline void
copy_att(const ListIter *it, int att, Datum *values, bool *nulls, int col)
{
	values[col] = it->values[att];
	nulls[col] = it->nulls[att];
}

/* Output columns of ast_nodes after the four of the file's identity. */
enum
{
	AST_ID = CPG_ROOT_IDENTITY_NATTS, PARENT_AST_ID, KIND, NAME, VALUE, FIELD_NAME, FIELD_POS,
	BSTART, BEND, LINE0, COL, END_LINE0, END_COL, ATTRS, AST_NODES_NATTS
};

/*
 * A stored node is lean (sql/parts/39_ast_node.sql): its ast_id is its position in the
 * list, its lines and columns those of its bytes in the row's line_starts.
 */
PG_FUNCTION_INFO_V1(cpg_ast_nodes);
Datum
cpg_ast_nodes(PG_FUNCTION_ARGS)
{
	CpgRoot		root;
	CpgSrf		srf;
	ListIter	it;
	CpgLineIndex lines;
	bool		have_lines;
	Datum		values[AST_NODES_NATTS];
	bool		nulls[AST_NODES_NATTS];

	cpg_root_read(fcinfo, 0, CPG_T_ast_file, &root);
	cpg_srf_begin_natts(fcinfo, &srf, AST_NODES_NATTS);
	have_lines = cpg_lines_from_starts(&lines, root.values[ast_file__line_starts],
									   root.nulls[ast_file__line_starts]);
	list_begin(&it, &root, ast_file__nodes, CPG_T_ast_node);
	while (list_next(&it))
	{
		put_identity(&root, values, nulls);
		values[AST_ID] = Int32GetDatum(it.next - 1);
		nulls[AST_ID] = false;
		copy_att(&it, ast_node__parent_ast_id, values, nulls, PARENT_AST_ID);
		copy_att(&it, ast_node__kind, values, nulls, KIND);
		copy_att(&it, ast_node__name, values, nulls, NAME);
		copy_att(&it, ast_node__value, values, nulls, VALUE);
		copy_att(&it, ast_node__field_name, values, nulls, FIELD_NAME);
		copy_att(&it, ast_node__field_pos, values, nulls, FIELD_POS);
		copy_att(&it, ast_node__bstart, values, nulls, BSTART);
		copy_att(&it, ast_node__bend, values, nulls, BEND);
		copy_att(&it, ast_node__attrs, values, nulls, ATTRS);
		cpg_lines_put_position(&lines, have_lines, it.values[ast_node__bstart], it.nulls[ast_node__bstart],
							   &values[LINE0], &nulls[LINE0]);
		cpg_lines_put_position(&lines, have_lines, it.values[ast_node__bend], it.nulls[ast_node__bend],
							   &values[END_LINE0], &nulls[END_LINE0]);
		cpg_srf_put(&srf, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_ast_edges);
Datum
cpg_ast_edges(PG_FUNCTION_ARGS)
{
	CpgRoot		root;
	CpgSrf		srf;
	ListIter	it;
	Datum		values[CPG_ROOT_IDENTITY_NATTS + 5];
	bool		nulls[CPG_ROOT_IDENTITY_NATTS + 5];
	Datum		child = CStringGetTextDatum("CHILD");

	cpg_root_read(fcinfo, 0, CPG_T_ast_file, &root);
	cpg_srf_begin(fcinfo, &srf);
	list_begin(&it, &root, ast_file__nodes, CPG_T_ast_node);
	while (list_next(&it))
	{
		int			c;

		if (it.nulls[ast_node__parent_ast_id])
			continue;
		c = put_identity(&root, values, nulls);
		copy_att(&it, ast_node__parent_ast_id, values, nulls, c++);
		values[c] = Int32GetDatum(it.next - 1);	/* the node's ast_id: its position */
		nulls[c++] = false;
		values[c] = child;
		nulls[c++] = false;
		copy_att(&it, ast_node__field_name, values, nulls, c++);
		copy_att(&it, ast_node__field_pos, values, nulls, c++);
		cpg_srf_put(&srf, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_ast_errors);
Datum
cpg_ast_errors(PG_FUNCTION_ARGS)
{
	return cpg_srf_unnest(fcinfo, CPG_T_ast_file, ast_file__errors, CPG_T_extract_error);
}

PG_FUNCTION_INFO_V1(cpg_ast_defs);
Datum
cpg_ast_defs(PG_FUNCTION_ARGS)
{
	return cpg_srf_unnest(fcinfo, CPG_T_ast_file, ast_file__defs, CPG_T_ast_def);
}

PG_FUNCTION_INFO_V1(cpg_sym_scopes);
Datum
cpg_sym_scopes(PG_FUNCTION_ARGS)
{
	CpgRoot		root;
	CpgSrf		srf;
	ListIter	it;
	Datum		values[CPG_ROOT_IDENTITY_NATTS + 9 + SPAN_COLS + 1];
	bool		nulls[CPG_ROOT_IDENTITY_NATTS + 9 + SPAN_COLS + 1];
	char	   *file_id;

	cpg_root_read(fcinfo, 0, CPG_T_symtable_file, &root);
	cpg_srf_begin(fcinfo, &srf);
	file_id = root.nulls[symtable_file__file_id] ? NULL :
		TextDatumGetCString(root.values[symtable_file__file_id]);
	list_begin(&it, &root, symtable_file__blocks, CPG_T_sym_block);
	while (list_next(&it))
	{
		int			c = put_identity(&root, values, nulls);
		CpgArrayElems symbols;
		const char *parts[5];

		copy_att(&it, sym_block__block_id, values, nulls, c++);
		copy_att(&it, sym_block__parent_block_id, values, nulls, c++);
		copy_att(&it, sym_block__block_type, values, nulls, c++);
		copy_att(&it, sym_block__name, values, nulls, c++);
		copy_att(&it, sym_block__lineno1, values, nulls, c++);
		copy_att(&it, sym_block__qualpath, values, nulls, c++);
		copy_att(&it, sym_block__is_meta_scope, values, nulls, c++);
		cpg_array_elems(it.values[sym_block__symbols], it.nulls[sym_block__symbols], &symbols);
		values[c] = Int32GetDatum(symbols.count);
		nulls[c++] = false;
		/*
		 * scope_id hashes the file and four block fields; in a hand-built row any of
		 * them may be NULL, and then there is no identity to hash: scope_id is NULL.
		 */
		if (file_id == NULL || it.nulls[sym_block__block_id] || it.nulls[sym_block__block_type] ||
			it.nulls[sym_block__name] || it.nulls[sym_block__lineno1])
			nulls[c++] = true;
		else
		{
			parts[0] = file_id;
			parts[1] = psprintf("%d", DatumGetInt32(it.values[sym_block__block_id]));
			parts[2] = TextDatumGetCString(it.values[sym_block__block_type]);
			parts[3] = TextDatumGetCString(it.values[sym_block__name]);
			parts[4] = psprintf("%d", DatumGetInt32(it.values[sym_block__lineno1]));
			values[c] = CStringGetTextDatum(cpg_stable_id("sym_scope", 5, parts));
			nulls[c++] = false;
		}
		c += put_span(it.values[sym_block__span_hint], it.nulls[sym_block__span_hint], values + c, nulls + c);
		copy_att(&it, sym_block__attrs, values, nulls, c++);
		cpg_srf_put(&srf, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_sym_symbols);
Datum
cpg_sym_symbols(PG_FUNCTION_ARGS)
{
	CpgRoot		root;
	CpgSrf		srf;
	ListIter	it;
	TupleDesc	symdesc;
	Datum		values[CPG_ROOT_IDENTITY_NATTS + 1 + sym_symbol__NATTS];
	bool		nulls[CPG_ROOT_IDENTITY_NATTS + 1 + sym_symbol__NATTS];
	Datum		sv[sym_symbol__NATTS];
	bool		sn[sym_symbol__NATTS];

	cpg_root_read(fcinfo, 0, CPG_T_symtable_file, &root);
	cpg_srf_begin(fcinfo, &srf);
	symdesc = cpg_tupdesc(CPG_T_sym_symbol);
	list_begin(&it, &root, symtable_file__blocks, CPG_T_sym_block);
	while (list_next(&it))
	{
		CpgArrayElems symbols;

		cpg_array_elems(it.values[sym_block__symbols], it.nulls[sym_block__symbols], &symbols);
		for (int s = 0; s < symbols.count; s++)
		{
			int			c = put_identity(&root, values, nulls);

			if (symbols.nulls[s])
				continue;
			cpg_deform_composite(symdesc, symbols.values[s], sv, sn);
			copy_att(&it, sym_block__block_id, values, nulls, c++);
			/* The symbol's attributes follow in declaration order. */
			for (int a = 0; a < sym_symbol__NATTS; a++)
			{
				values[c] = sv[a];
				nulls[c++] = sn[a];
			}
			cpg_srf_put(&srf, values, nulls);
		}
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_sym_scope_edges);
Datum
cpg_sym_scope_edges(PG_FUNCTION_ARGS)
{
	CpgRoot		root;
	CpgSrf		srf;
	ListIter	it;
	Datum		values[CPG_ROOT_IDENTITY_NATTS + 4];
	bool		nulls[CPG_ROOT_IDENTITY_NATTS + 4];

	cpg_root_read(fcinfo, 0, CPG_T_symtable_file, &root);
	cpg_srf_begin(fcinfo, &srf);
	list_begin(&it, &root, symtable_file__blocks, CPG_T_sym_block);
	while (list_next(&it))
	{
		int			c;

		if (it.nulls[sym_block__parent_block_id])
			continue;
		c = put_identity(&root, values, nulls);
		copy_att(&it, sym_block__parent_block_id, values, nulls, c++);
		copy_att(&it, sym_block__block_id, values, nulls, c++);
		copy_att(&it, sym_block__block_type, values, nulls, c++);
		copy_att(&it, sym_block__name, values, nulls, c++);
		cpg_srf_put(&srf, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_sym_namespace_edges);
Datum
cpg_sym_namespace_edges(PG_FUNCTION_ARGS)
{
	CpgRoot		root;
	CpgSrf		srf;
	ListIter	it;
	TupleDesc	symdesc;
	Datum		values[CPG_ROOT_IDENTITY_NATTS + 3];
	bool		nulls[CPG_ROOT_IDENTITY_NATTS + 3];
	Datum		sv[sym_symbol__NATTS];
	bool		sn[sym_symbol__NATTS];

	cpg_root_read(fcinfo, 0, CPG_T_symtable_file, &root);
	cpg_srf_begin(fcinfo, &srf);
	symdesc = cpg_tupdesc(CPG_T_sym_symbol);
	list_begin(&it, &root, symtable_file__blocks, CPG_T_sym_block);
	while (list_next(&it))
	{
		CpgArrayElems symbols;

		cpg_array_elems(it.values[sym_block__symbols], it.nulls[sym_block__symbols], &symbols);
		for (int s = 0; s < symbols.count; s++)
		{
			CpgArrayElems ns;

			if (symbols.nulls[s])
				continue;
			cpg_deform_composite(symdesc, symbols.values[s], sv, sn);
			cpg_array_elems(sv[sym_symbol__namespace_block_ids], sn[sym_symbol__namespace_block_ids], &ns);
			for (int n = 0; n < ns.count; n++)
			{
				int			c = put_identity(&root, values, nulls);

				copy_att(&it, sym_block__block_id, values, nulls, c++);
				values[c] = sv[sym_symbol__name];
				nulls[c++] = sn[sym_symbol__name];
				values[c] = ns.values[n];
				nulls[c++] = ns.nulls[n];
				cpg_srf_put(&srf, values, nulls);
			}
		}
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_sym_function_partitions);
Datum
cpg_sym_function_partitions(PG_FUNCTION_ARGS)
{
	static const struct
	{
		int			att;
		const char *name;
	}			partitions[] = {
		{sym_partitions__parameters, "parameters"},
		{sym_partitions__locals, "locals"},
		{sym_partitions__globals, "globals"},
		{sym_partitions__nonlocals, "nonlocals"},
		{sym_partitions__frees, "frees"},
	};
	CpgRoot		root;
	CpgSrf		srf;
	ListIter	it;
	TupleDesc	pdesc;
	Datum		values[CPG_ROOT_IDENTITY_NATTS + 4];
	bool		nulls[CPG_ROOT_IDENTITY_NATTS + 4];
	Datum		pv[sym_partitions__NATTS];
	bool		pn[sym_partitions__NATTS];
	Datum		names[lengthof(partitions)];

	cpg_root_read(fcinfo, 0, CPG_T_symtable_file, &root);
	cpg_srf_begin(fcinfo, &srf);
	pdesc = cpg_tupdesc(CPG_T_sym_partitions);
	for (int p = 0; p < (int) lengthof(partitions); p++)
		names[p] = CStringGetTextDatum(partitions[p].name);
	list_begin(&it, &root, symtable_file__blocks, CPG_T_sym_block);
	while (list_next(&it))
	{
		if (it.nulls[sym_block__function_partitions])
			continue;
		cpg_deform_composite(pdesc, it.values[sym_block__function_partitions], pv, pn);
		for (int p = 0; p < (int) lengthof(partitions); p++)
		{
			CpgArrayElems elems;

			cpg_array_elems(pv[partitions[p].att], pn[partitions[p].att], &elems);
			for (int e = 0; e < elems.count; e++)
			{
				int			c = put_identity(&root, values, nulls);

				copy_att(&it, sym_block__block_id, values, nulls, c++);
				values[c] = names[p];
				nulls[c++] = false;
				values[c] = Int32GetDatum(e + 1);
				nulls[c++] = false;
				values[c] = elems.values[e];
				nulls[c++] = elems.nulls[e];
				cpg_srf_put(&srf, values, nulls);
			}
		}
	}
	return (Datum) 0;
}
