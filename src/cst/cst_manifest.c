/*
 * cst_manifest.c: the per-file facts of libcst_files_v1 that are not found by the
 * walk: the parse manifest and the parse errors.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/rowtype.h"
#include "cst/cst_walk.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

/*
 * The declared fingerprint of libcst_files_v1 depends only on this library's
 * declarations, so it is computed once per backend. The recipe is the declared half
 * of codecpg.schema_fingerprints() for one root (the catalog test checks that both
 * agree); calling that function instead would cost the backend some 70 MB of peak
 * memory. Under the function's search_path (pg_catalog) format_type prints codecpg
 * types qualified, exactly as the declarations write them, and built-in types the
 * same under any search_path, so this query does not depend on the caller's.
 */
static const char *
libcst_fingerprint(void)
{
	static char *fingerprint = NULL;

	if (fingerprint == NULL)
	{
		char	   *value = NULL;

		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		if (SPI_execute("WITH RECURSIVE reach(type_name) AS ("
						"  SELECT 'libcst_file'::text"
						"  UNION"
						"  SELECT pg_catalog.regexp_replace(d.sqltype, '^codecpg\\.|\\[\\]$', '', 'g')"
						"    FROM reach r JOIN codecpg.declared_attributes() d ON d.type_name = r.type_name"
						"   WHERE d.sqltype LIKE 'codecpg.%')"
						" SELECT pg_catalog.encode(pg_catalog.sha256(pg_catalog.convert_to(pg_catalog.string_agg("
						"   d.type_name || '.' || d.attnum || ':' || d.attname || ' ' ||"
						"   CASE WHEN d.sqltype LIKE 'codecpg.%' THEN d.sqltype"
						"        ELSE pg_catalog.format_type(pg_catalog.to_regtype(d.sqltype), NULL) END,"
						"   ';' ORDER BY d.type_name, d.attnum), 'UTF8')), 'hex')"
						" FROM reach r JOIN codecpg.declared_attributes() d ON d.type_name = r.type_name",
						true, 1) == SPI_OK_SELECT && SPI_processed == 1)
			value = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
		if (value != NULL)
			fingerprint = MemoryContextStrdup(TopMemoryContext, value);
		SPI_finish();
		if (fingerprint == NULL)
			elog(ERROR, "codecpg.declared_attributes() declares no libcst_file type");
	}
	return fingerprint;
}

/* A PEP 263 declaration on line 1 or 2: "coding[:=]\s*([-\w.]+)" in a comment. */
static char *
declared_encoding(const CstFile *f)
{
	for (int line = 0; line < 2 && line < f->lines.nlines; line++)
	{
		int32		start = f->lines.starts[line];
		int32		end = line + 1 < f->lines.nlines ? f->lines.starts[line + 1] : f->lines.length;
		const char *p = f->src + start;
		const char *e = f->src + end;

		if (line == 0 && f->tree->body_start > 0)
			p += f->tree->body_start;
		while (p < e && (*p == ' ' || *p == '\t' || *p == '\f'))
			p++;
		if (p >= e || *p != '#')
		{
			/* Only a blank or comment first line lets the second line declare. */
			if (p < e && *p != '\r' && *p != '\n')
				return NULL;
			continue;
		}
		for (const char *c = p; c + 7 <= e; c++)
		{
			const char *v;
			const char *ve;

			if (memcmp(c, "coding", 6) != 0 || (c[6] != ':' && c[6] != '='))
				continue;
			v = c + 7;
			while (v < e && (*v == ' ' || *v == '\t'))
				v++;
			for (ve = v; ve < e && (isalnum((unsigned char) *ve) || *ve == '-' || *ve == '_' || *ve == '.'); ve++)
				;
			if (ve > v)
			{
				char	   *enc = pnstrdup(v, ve - v);

				for (char *q = enc; *q; q++)
					*q = pg_ascii_tolower(*q);
				return enc;
			}
		}
	}
	return NULL;
}

/* The indentation unit: the first indented block's indent beyond its header line's. */
static char *
default_indent(const CstFile *f)
{
	uint16		block = f->g->block;

	for (int32 i = 0; i < f->tree->nnodes; i++)
	{
		const TsNode *n = &f->nodes[i];
		int32		line;
		int32		col;
		int32		pline;
		int32		pcol;
		int32		bstart;
		int32		pstart;
		int32		k;

		if (n->symbol != block || n->parent == TSN_NONE || n->bend == n->bstart)
			continue;
		cpg_lines_locate(&f->lines, n->bstart, &line, &col);
		cpg_lines_locate(&f->lines, f->nodes[n->parent].bstart, &pline, &pcol);
		if (line == pline)
			continue;
		bstart = f->lines.starts[line];
		pstart = f->lines.starts[pline];
		for (k = 0; k < col; k++)
			if (f->src[bstart + k] != ' ' && f->src[bstart + k] != '\t')
				break;
		if (k < col)
			continue;
		/* The header's own indentation is a prefix of the block's. */
		for (k = 0; k < pcol && k < col && f->src[pstart + k] == f->src[bstart + k]; k++)
			;
		if (k < col)
			return pnstrdup(f->src + bstart + k, col - k);
	}
	return pstrdup("    ");
}

static const char *
default_newline(const CstFile *f)
{
	for (int32 i = 0; i < f->lines.length; i++)
	{
		if (f->src[i] == '\n')
			return "\n";
		if (f->src[i] == '\r')
			return (i + 1 < f->lines.length && f->src[i + 1] == '\n') ? "\r\n" : "\r";
	}
	return "\n";
}

Datum
cst_manifest(const CstFile *f, CpgArray *future_imports)
{
	Datum		v[cst_parse_manifest__NATTS];
	bool		n[cst_parse_manifest__NATTS] = {false};
	char	   *encoding = declared_encoding(f);
	int32		len = f->lines.length;

	v[cst_parse_manifest__encoding] = CStringGetTextDatum(encoding ? encoding : "utf-8");
	v[cst_parse_manifest__default_indent] = CStringGetTextDatum(default_indent(f));
	v[cst_parse_manifest__default_newline] = CStringGetTextDatum(default_newline(f));
	v[cst_parse_manifest__has_trailing_newline] =
		BoolGetDatum(len > 0 && (f->src[len - 1] == '\n' || f->src[len - 1] == '\r'));
	v[cst_parse_manifest__future_imports] = cpg_array_result(future_imports);
	v[cst_parse_manifest__module_name] = CStringGetTextDatum(f->st.module_name);
	v[cst_parse_manifest__package_name] = CStringGetTextDatum(f->st.package_name);
	v[cst_parse_manifest__parser_backend] =
		CStringGetTextDatum("tree-sitter-python " CODECPG_GRAMMAR_VERSION);
	v[cst_parse_manifest__parsed_python_version] = CStringGetTextDatum("3.11");
	v[cst_parse_manifest__schema_fingerprint] = CStringGetTextDatum(libcst_fingerprint());
	return cpg_form_composite(cpg_tupdesc(CPG_T_cst_parse_manifest), v, n);
}

static void
push_error(const CstFile *f, CpgArray *errors, const char *type, const char *message,
		   int32 bstart, int32 bend)
{
	Datum		v[cst_parse_error__NATTS];
	bool		n[cst_parse_error__NATTS] = {false};
	int32		line;
	int32		col;
	int32		line_start;
	int32		line_end;
	int32		chars = 0;

	cpg_lines_locate(&f->lines, bstart, &line, &col);
	line_start = f->lines.starts[line];
	line_end = line + 1 < f->lines.nlines ? f->lines.starts[line + 1] : f->lines.length;
	while (line_end > line_start && (f->src[line_end - 1] == '\n' || f->src[line_end - 1] == '\r'))
		line_end--;
	for (int32 b = line_start; b < bstart; b++)
		chars += ((unsigned char) f->src[b] & 0xC0) != 0x80;
	v[cst_parse_error__error_type] = CStringGetTextDatum(type);
	v[cst_parse_error__message] = CStringGetTextDatum(message);
	v[cst_parse_error__raw_line] = Int32GetDatum(line);
	v[cst_parse_error__raw_column] = Int32GetDatum(col);
	v[cst_parse_error__editor_line] = Int32GetDatum(line + 1);
	v[cst_parse_error__editor_column] = Int32GetDatum(chars + 1);
	v[cst_parse_error__context] =
		PointerGetDatum(cstring_to_text_with_len(f->src + line_start, Max(line_end - line_start, 0)));
	v[cst_parse_error__line_base] = Int32GetDatum(0);
	v[cst_parse_error__col_unit] = CStringGetTextDatum("byte");
	v[cst_parse_error__end_exclusive] = BoolGetDatum(true);
	v[cst_parse_error__bstart] = Int32GetDatum(bstart);
	v[cst_parse_error__bend] = Int32GetDatum(bend);
	n[cst_parse_error__meta] = true;
	cpg_array_push_composite(errors, v, n);
}

/*
 * One error per outermost ERROR node (nested ones are inside its span) and one per
 * MISSING node; a parse that did not happen is one error covering the file.
 */
void
cst_parse_errors(const CstFile *f, CpgArray *errors)
{
	const TsTree *tree = f->tree;

	if (tree->timed_out || tree->too_large)
	{
		push_error(f, errors, tree->timed_out ? "TIMEOUT" : "TOO_LARGE",
				   tree->timed_out ? "parse exceeded codecpg.ts_timeout_ms"
				   : "source exceeds codecpg.ts_max_bytes",
				   0, tree->length);
		return;
	}
	if (tree->nnodes == 0 || !(tree->nodes[0].flags & TSN_HAS_ERROR))
		return;
	for (int32 i = 0; i < tree->nnodes; i++)
	{
		const TsNode *node = &tree->nodes[i];

		if (node->flags & TSN_ERROR)
		{
			bool		nested = false;

			for (int32 a = node->parent; a != TSN_NONE && !nested; a = tree->nodes[a].parent)
				nested = (tree->nodes[a].flags & TSN_ERROR) != 0;
			if (!nested)
				push_error(f, errors, "ERROR", "invalid syntax", node->bstart, node->bend);
		}
		else if (node->flags & TSN_MISSING)
			push_error(f, errors, "MISSING",
					   psprintf((node->flags & TSN_NAMED) ? "missing %s" : "missing \"%s\"",
								cpg_ts_kind_name(node->symbol)),
					   node->bstart, node->bend);
	}
}
