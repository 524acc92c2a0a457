/*
 * scip_srf.c - set-returning functions that unnest one scip_index_v1 part:
 * scip_metadata, scip_documents, scip_occurrences, scip_symbol_info,
 * scip_symbol_relationships, scip_external_symbol_info, scip_diagnostics.
 *
 * Each leads with the part's identity (repo, index_id, and path/file_id for
 * document facts) and returns flat scalar columns, spans spread into bstart,
 * bend, line0, col, end_line0, end_col.  Ordinals are 0-based positions in the
 * producer's lists, so a row can be traced back to the index.
 *
 * Parts are ordinary rows a user can build by hand, so any field or array
 * element may be NULL.  A NULL field becomes a NULL column; a NULL array
 * element (occurrence, symbol, relationship, diagnostic) has nothing to
 * report and produces no row, while the ordinals of the elements after it
 * keep counting it, so they still match the positions in the part.
 */
#include "postgres.h"

#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/jsonb.h"

#include "common/arrays.h"
#include "common/rowtype.h"
#include "common/span.h"
#include "common/srf.h"
#include "scip/scip_pg.h"

#define MAX_OUT_COLS 32

/* a result row filled left to right in the order of the SQL declaration */
typedef struct Out
{
	Datum		v[MAX_OUT_COLS];
	bool		n[MAX_OUT_COLS];
	int			k;
} Out;

static void
put(Out *o, Datum v, bool isnull)
{
	if (o->k >= MAX_OUT_COLS)
		elog(ERROR, "SCIP function fills more than %d columns", MAX_OUT_COLS);
	o->v[o->k] = isnull ? (Datum) 0 : v;
	o->n[o->k] = isnull;
	o->k++;
}

static void
emit(CpgSrf *srf, Out *o)
{
	if (o->k != srf->tupdesc->natts)
		elog(ERROR, "SCIP function fills %d columns, its declaration has %d",
			 o->k, srf->tupdesc->natts);
	cpg_srf_put(srf, o->v, o->n);
}

/* An opened part: the root row plus, for a document part, the document. */
typedef struct Part
{
	CpgRoot		root;
	bool		has_doc;
	Datum		doc[scip_document__NATTS];
	bool		docnull[scip_document__NATTS];
} Part;

static void
open_part(FunctionCallInfo fcinfo, Part *p)
{
	CpgArrayElems docs;

	cpg_root_read(fcinfo, 0, CPG_T_scip_index, &p->root);
	cpg_array_elems(p->root.values[scip_index__documents], p->root.nulls[scip_index__documents],
					&docs);
	p->has_doc = docs.count > 0 && !docs.nulls[0];
	if (p->has_doc)
		cpg_deform_composite(cpg_tupdesc(CPG_T_scip_document), docs.values[0], p->doc, p->docnull);
}

static void
put_root(Out *o, const Part *p, int att)
{
	put(o, p->root.values[att], p->root.nulls[att]);
}

/* repo, index_id, path, file_id */
static void
put_doc_identity(Out *o, const Part *p)
{
	put_root(o, p, scip_index__repo);
	put_root(o, p, scip_index__index_id);
	put(o, p->doc[scip_document__relative_path], p->docnull[scip_document__relative_path]);
	put_root(o, p, scip_index__file_id);
}

static void
put_span(Out *o, Datum span, bool isnull)
{
	CpgSpan		s;

	cpg_span_read(span, isnull, &s);
	put(o, Int32GetDatum(s.bstart), s.bstart < 0);
	put(o, Int32GetDatum(s.bend), s.bend < 0);
	put(o, Int32GetDatum(s.line0), isnull);
	put(o, Int32GetDatum(s.col), isnull);
	put(o, Int32GetDatum(s.end_line0), isnull);
	put(o, Int32GetDatum(s.end_col), isnull);
}

static int
count_elems(Datum array, bool isnull)
{
	CpgArrayElems e;

	cpg_array_elems(array, isnull, &e);
	return e.count;
}

/* a top-level field of a jsonb object, or NULL */
static JsonbValue *
jsonb_field(Datum jsonb, bool isnull, const char *key)
{
	Jsonb	   *jb;
	JsonbValue	k;

	if (isnull)
		return NULL;
	jb = DatumGetJsonbP(jsonb);
	if (!JB_ROOT_IS_OBJECT(jb))
		return NULL;
	k.type = jbvString;
	k.val.string.val = (char *) key;
	k.val.string.len = strlen(key);
	return findJsonbValueFromContainer(&jb->root, JB_FOBJECT, &k);
}

/* signature occurrences as a jsonb array of {symbol, symbol_roles, range} */
static Datum
signature_occurrences_jsonb(Datum occs, bool isnull, bool *resnull)
{
	CpgArrayElems e;
	StringInfoData buf;
	TupleDesc	desc = cpg_tupdesc(CPG_T_scip_sig_occurrence);

	cpg_array_elems(occs, isnull, &e);
	*resnull = e.count == 0;
	if (*resnull)
		return (Datum) 0;
	initStringInfo(&buf);
	appendStringInfoChar(&buf, '[');
	for (int i = 0; i < e.count; i++)
	{
		Datum		v[scip_sig_occurrence__NATTS];
		bool		n[scip_sig_occurrence__NATTS];
		CpgArrayElems r;

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (i)
			appendStringInfoString(&buf, ", ");
		/* the array keeps its shape: a NULL element is a JSON null */
		if (e.nulls[i])
		{
			appendStringInfoString(&buf, "null");
			continue;
		}
		cpg_deform_composite(desc, e.values[i], v, n);
		appendStringInfoString(&buf, "{\"symbol\": ");
		if (n[scip_sig_occurrence__symbol])
			appendStringInfoString(&buf, "null");
		else
			escape_json(&buf, TextDatumGetCString(v[scip_sig_occurrence__symbol]));
		if (n[scip_sig_occurrence__symbol_roles])
			appendStringInfoString(&buf, ", \"symbol_roles\": null, \"range\": [");
		else
			appendStringInfo(&buf, ", \"symbol_roles\": %d, \"range\": [",
							 DatumGetInt32(v[scip_sig_occurrence__symbol_roles]));
		cpg_array_elems(v[scip_sig_occurrence__range], n[scip_sig_occurrence__range], &r);
		for (int k = 0; k < r.count; k++)
		{
			if ((k & 1023) == 0)
				CHECK_FOR_INTERRUPTS();
			if (k)
				appendStringInfoString(&buf, ", ");
			if (r.nulls[k])
				appendStringInfoString(&buf, "null");
			else
				appendStringInfo(&buf, "%d", DatumGetInt32(r.values[k]));
		}
		appendStringInfoString(&buf, "]}");
	}
	appendStringInfoChar(&buf, ']');
	return cpg_jsonb_from_cstring(buf.data);
}

/*
 * symbol, documentation, kind, display_name, enclosing_symbol, signature_text,
 * signature_language, signature_occurrences, relationship_count
 */
static void
put_symbol_columns(Out *o, Datum *s, bool *sn)
{
	bool		resnull;

	put(o, s[scip_symbol_info__symbol], sn[scip_symbol_info__symbol]);
	put(o, s[scip_symbol_info__documentation], sn[scip_symbol_info__documentation]);
	put(o, s[scip_symbol_info__kind], sn[scip_symbol_info__kind]);
	put(o, s[scip_symbol_info__display_name], sn[scip_symbol_info__display_name]);
	put(o, s[scip_symbol_info__enclosing_symbol], sn[scip_symbol_info__enclosing_symbol]);
	if (sn[scip_symbol_info__signature_documentation])
	{
		put(o, (Datum) 0, true);
		put(o, (Datum) 0, true);
		put(o, (Datum) 0, true);
	}
	else
	{
		Datum		g[scip_signature__NATTS];
		bool		gn[scip_signature__NATTS];
		Datum		occs;

		cpg_deform_composite(cpg_tupdesc(CPG_T_scip_signature),
							 s[scip_symbol_info__signature_documentation], g, gn);
		put(o, g[scip_signature__text], gn[scip_signature__text]);
		put(o, g[scip_signature__language], gn[scip_signature__language]);
		occs = signature_occurrences_jsonb(g[scip_signature__occurrences],
										   gn[scip_signature__occurrences], &resnull);
		put(o, occs, resnull);
	}
	put(o, Int32GetDatum(count_elems(s[scip_symbol_info__relationships],
									 sn[scip_symbol_info__relationships])), false);
}

PG_FUNCTION_INFO_V1(cpg_scip_metadata);
Datum
cpg_scip_metadata(PG_FUNCTION_ARGS)
{
	CpgSrf		srf;
	CpgRoot		root;

	cpg_srf_begin(fcinfo, &srf);
	cpg_root_read(fcinfo, 0, CPG_T_scip_index, &root);
	/* every part repeats the metadata; only the header part reports it */
	if (!root.nulls[scip_index__part_no] && DatumGetInt32(root.values[scip_index__part_no]) == 0 &&
		!root.nulls[scip_index__metadata])
	{
		Datum		m[scip_metadata__NATTS];
		bool		mn[scip_metadata__NATTS];
		Datum		t[scip_tool_info__NATTS] = {0};
		bool		tn[scip_tool_info__NATTS];
		Out			o = {0};

		memset(tn, true, sizeof(tn));

		cpg_deform_composite(cpg_tupdesc(CPG_T_scip_metadata), root.values[scip_index__metadata],
							 m, mn);
		if (!mn[scip_metadata__tool_info])
			cpg_deform_composite(cpg_tupdesc(CPG_T_scip_tool_info), m[scip_metadata__tool_info],
								 t, tn);
		put(&o, root.values[scip_index__repo], root.nulls[scip_index__repo]);
		put(&o, root.values[scip_index__index_id], root.nulls[scip_index__index_id]);
		put(&o, m[scip_metadata__protocol_version], mn[scip_metadata__protocol_version]);
		put(&o, t[scip_tool_info__name], tn[scip_tool_info__name]);
		put(&o, t[scip_tool_info__version], tn[scip_tool_info__version]);
		put(&o, t[scip_tool_info__arguments], tn[scip_tool_info__arguments]);
		put(&o, m[scip_metadata__project_root], mn[scip_metadata__project_root]);
		put(&o, m[scip_metadata__text_document_encoding], mn[scip_metadata__text_document_encoding]);
		emit(&srf, &o);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_scip_documents);
Datum
cpg_scip_documents(PG_FUNCTION_ARGS)
{
	CpgSrf		srf;
	Part		p;
	Out			o = {0};
	JsonbValue *unit;

	cpg_srf_begin(fcinfo, &srf);
	open_part(fcinfo, &p);
	if (!p.has_doc)
		return (Datum) 0;
	put_root(&o, &p, scip_index__repo);
	put_root(&o, &p, scip_index__index_id);
	put_root(&o, &p, scip_index__part_no);
	put(&o, p.doc[scip_document__relative_path], p.docnull[scip_document__relative_path]);
	put_root(&o, &p, scip_index__file_id);
	put(&o, p.doc[scip_document__language], p.docnull[scip_document__language]);
	put(&o, p.doc[scip_document__text], p.docnull[scip_document__text]);
	put(&o, p.doc[scip_document__position_encoding], p.docnull[scip_document__position_encoding]);
	unit = jsonb_field(p.doc[scip_document__attrs], p.docnull[scip_document__attrs],
					   SCIP_ATTR_COL_UNIT);
	if (unit && unit->type == jbvString)
		put(&o, PointerGetDatum(cstring_to_text_with_len(unit->val.string.val,
														 unit->val.string.len)), false);
	else
		put(&o, (Datum) 0, true);
	put(&o, Int32GetDatum(count_elems(p.doc[scip_document__occurrences],
									  p.docnull[scip_document__occurrences])), false);
	put(&o, Int32GetDatum(count_elems(p.doc[scip_document__symbols],
									  p.docnull[scip_document__symbols])), false);
	emit(&srf, &o);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_scip_occurrences);
Datum
cpg_scip_occurrences(PG_FUNCTION_ARGS)
{
	CpgSrf		srf;
	Part		p;
	CpgArrayElems occs;
	TupleDesc	desc = cpg_tupdesc(CPG_T_scip_occurrence);

	cpg_srf_begin(fcinfo, &srf);
	open_part(fcinfo, &p);
	if (!p.has_doc)
		return (Datum) 0;
	cpg_array_elems(p.doc[scip_document__occurrences], p.docnull[scip_document__occurrences], &occs);
	for (int i = 0; i < occs.count; i++)
	{
		Datum		v[scip_occurrence__NATTS];
		bool		n[scip_occurrence__NATTS];
		Out			o = {0};

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (occs.nulls[i])
			continue;
		cpg_deform_composite(desc, occs.values[i], v, n);
		put_doc_identity(&o, &p);
		put(&o, Int32GetDatum(i), false);
		put(&o, v[scip_occurrence__symbol], n[scip_occurrence__symbol]);
		put(&o, v[scip_occurrence__symbol_roles], n[scip_occurrence__symbol_roles]);
		put(&o, v[scip_occurrence__syntax_kind], n[scip_occurrence__syntax_kind]);
		put(&o, v[scip_occurrence__range_raw], n[scip_occurrence__range_raw]);
		put_span(&o, v[scip_occurrence__range], n[scip_occurrence__range]);
		put(&o, v[scip_occurrence__enclosing_range_raw], n[scip_occurrence__enclosing_range_raw]);
		put_span(&o, v[scip_occurrence__enclosing_range], n[scip_occurrence__enclosing_range]);
		put(&o, v[scip_occurrence__override_documentation],
			n[scip_occurrence__override_documentation]);
		put(&o, Int32GetDatum(count_elems(v[scip_occurrence__diagnostics],
										  n[scip_occurrence__diagnostics])), false);
		emit(&srf, &o);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_scip_diagnostics);
Datum
cpg_scip_diagnostics(PG_FUNCTION_ARGS)
{
	CpgSrf		srf;
	Part		p;
	CpgArrayElems occs;
	TupleDesc	odesc = cpg_tupdesc(CPG_T_scip_occurrence);
	TupleDesc	gdesc = cpg_tupdesc(CPG_T_scip_diagnostic);

	cpg_srf_begin(fcinfo, &srf);
	open_part(fcinfo, &p);
	if (!p.has_doc)
		return (Datum) 0;
	cpg_array_elems(p.doc[scip_document__occurrences], p.docnull[scip_document__occurrences], &occs);
	for (int i = 0; i < occs.count; i++)
	{
		Datum		v[scip_occurrence__NATTS];
		bool		n[scip_occurrence__NATTS];
		CpgArrayElems diags;

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (occs.nulls[i])
			continue;
		cpg_deform_composite(odesc, occs.values[i], v, n);
		cpg_array_elems(v[scip_occurrence__diagnostics], n[scip_occurrence__diagnostics], &diags);
		for (int k = 0; k < diags.count; k++)
		{
			Datum		g[scip_diagnostic__NATTS];
			bool		gn[scip_diagnostic__NATTS];
			Out			o = {0};

			if ((k & 1023) == 0)
				CHECK_FOR_INTERRUPTS();
			if (diags.nulls[k])
				continue;
			cpg_deform_composite(gdesc, diags.values[k], g, gn);
			put_doc_identity(&o, &p);
			put(&o, Int32GetDatum(i), false);
			put(&o, Int32GetDatum(k), false);
			put(&o, v[scip_occurrence__symbol], n[scip_occurrence__symbol]);
			put(&o, g[scip_diagnostic__severity], gn[scip_diagnostic__severity]);
			put(&o, g[scip_diagnostic__code], gn[scip_diagnostic__code]);
			put(&o, g[scip_diagnostic__message], gn[scip_diagnostic__message]);
			put(&o, g[scip_diagnostic__source], gn[scip_diagnostic__source]);
			put(&o, g[scip_diagnostic__tags], gn[scip_diagnostic__tags]);
			put_span(&o, v[scip_occurrence__range], n[scip_occurrence__range]);
			emit(&srf, &o);
		}
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(cpg_scip_symbol_info);
Datum
cpg_scip_symbol_info(PG_FUNCTION_ARGS)
{
	CpgSrf		srf;
	Part		p;
	CpgArrayElems syms;
	TupleDesc	desc = cpg_tupdesc(CPG_T_scip_symbol_info);

	cpg_srf_begin(fcinfo, &srf);
	open_part(fcinfo, &p);
	if (!p.has_doc)
		return (Datum) 0;
	cpg_array_elems(p.doc[scip_document__symbols], p.docnull[scip_document__symbols], &syms);
	for (int i = 0; i < syms.count; i++)
	{
		Datum		s[scip_symbol_info__NATTS];
		bool		sn[scip_symbol_info__NATTS];
		Out			o = {0};

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (syms.nulls[i])
			continue;
		cpg_deform_composite(desc, syms.values[i], s, sn);
		put_doc_identity(&o, &p);
		put(&o, Int32GetDatum(i), false);
		put_symbol_columns(&o, s, sn);
		emit(&srf, &o);
	}
	return (Datum) 0;
}

/* ordinal, within the whole index, of the part's first external symbol */
static int64
first_external_ordinal(const CpgRoot *root)
{
	JsonbValue *v = jsonb_field(root->values[scip_index__attrs], root->nulls[scip_index__attrs],
								SCIP_ATTR_FIRST_ORDINAL);

	if (!v || v->type != jbvNumeric)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("scip_index_v1 part %d has external symbols but no first_ordinal",
						DatumGetInt32(root->values[scip_index__part_no])),
				 errhint("Reload the index with codecpg.scip_load.")));
	return DatumGetInt64(DirectFunctionCall1(numeric_int8, NumericGetDatum(v->val.numeric)));
}

PG_FUNCTION_INFO_V1(cpg_scip_external_symbol_info);
Datum
cpg_scip_external_symbol_info(PG_FUNCTION_ARGS)
{
	CpgSrf		srf;
	CpgRoot		root;
	CpgArrayElems syms;
	TupleDesc	desc = cpg_tupdesc(CPG_T_scip_symbol_info);
	int64		first;

	cpg_srf_begin(fcinfo, &srf);
	cpg_root_read(fcinfo, 0, CPG_T_scip_index, &root);
	cpg_array_elems(root.values[scip_index__external_symbols],
					root.nulls[scip_index__external_symbols], &syms);
	first = syms.count ? first_external_ordinal(&root) : 0;
	for (int i = 0; i < syms.count; i++)
	{
		Datum		s[scip_symbol_info__NATTS];
		bool		sn[scip_symbol_info__NATTS];
		Out			o = {0};

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (syms.nulls[i])
			continue;
		cpg_deform_composite(desc, syms.values[i], s, sn);
		put(&o, root.values[scip_index__repo], root.nulls[scip_index__repo]);
		put(&o, root.values[scip_index__index_id], root.nulls[scip_index__index_id]);
		put(&o, root.values[scip_index__part_no], root.nulls[scip_index__part_no]);
		put(&o, Int64GetDatum(first + i), false);
		put_symbol_columns(&o, s, sn);
		emit(&srf, &o);
	}
	return (Datum) 0;
}

static void
put_relationships(CpgSrf *srf, const Part *p, bool external, int64 ordinal, Datum *s, bool *sn)
{
	CpgArrayElems rels;
	TupleDesc	desc = cpg_tupdesc(CPG_T_scip_relationship);

	cpg_array_elems(s[scip_symbol_info__relationships], sn[scip_symbol_info__relationships], &rels);
	for (int k = 0; k < rels.count; k++)
	{
		Datum		r[scip_relationship__NATTS];
		bool		rn[scip_relationship__NATTS];
		Out			o = {0};

		if ((k & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (rels.nulls[k])
			continue;
		cpg_deform_composite(desc, rels.values[k], r, rn);
		put_root(&o, p, scip_index__repo);
		put_root(&o, p, scip_index__index_id);
		if (external)
		{
			put(&o, (Datum) 0, true);
			put(&o, (Datum) 0, true);
		}
		else
		{
			put(&o, p->doc[scip_document__relative_path], p->docnull[scip_document__relative_path]);
			put_root(&o, p, scip_index__file_id);
		}
		put(&o, BoolGetDatum(external), false);
		put(&o, Int64GetDatum(ordinal), false);
		put(&o, s[scip_symbol_info__symbol], sn[scip_symbol_info__symbol]);
		put(&o, Int32GetDatum(k), false);
		put(&o, r[scip_relationship__symbol], rn[scip_relationship__symbol]);
		put(&o, r[scip_relationship__is_reference], rn[scip_relationship__is_reference]);
		put(&o, r[scip_relationship__is_implementation], rn[scip_relationship__is_implementation]);
		put(&o, r[scip_relationship__is_type_definition], rn[scip_relationship__is_type_definition]);
		put(&o, r[scip_relationship__is_definition], rn[scip_relationship__is_definition]);
		emit(srf, &o);
	}
}

PG_FUNCTION_INFO_V1(cpg_scip_symbol_relationships);
Datum
cpg_scip_symbol_relationships(PG_FUNCTION_ARGS)
{
	CpgSrf		srf;
	Part		p;
	CpgArrayElems syms;
	TupleDesc	desc = cpg_tupdesc(CPG_T_scip_symbol_info);
	int64		first;

	cpg_srf_begin(fcinfo, &srf);
	open_part(fcinfo, &p);
	if (p.has_doc)
	{
		cpg_array_elems(p.doc[scip_document__symbols], p.docnull[scip_document__symbols], &syms);
		for (int i = 0; i < syms.count; i++)
		{
			Datum		s[scip_symbol_info__NATTS];
			bool		sn[scip_symbol_info__NATTS];

			if ((i & 1023) == 0)
				CHECK_FOR_INTERRUPTS();
			if (syms.nulls[i])
				continue;
			cpg_deform_composite(desc, syms.values[i], s, sn);
			put_relationships(&srf, &p, false, i, s, sn);
		}
	}
	cpg_array_elems(p.root.values[scip_index__external_symbols],
					p.root.nulls[scip_index__external_symbols], &syms);
	first = syms.count ? first_external_ordinal(&p.root) : 0;
	for (int i = 0; i < syms.count; i++)
	{
		Datum		s[scip_symbol_info__NATTS];
		bool		sn[scip_symbol_info__NATTS];

		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (syms.nulls[i])
			continue;
		cpg_deform_composite(desc, syms.values[i], s, sn);
		put_relationships(&srf, &p, true, first + i, s, sn);
	}
	return (Datum) 0;
}
