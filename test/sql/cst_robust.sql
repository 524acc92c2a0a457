-- The set-returning functions over a hand-built row (anyone can build one with ROW(...)
-- or jsonb_populate_record): NULL list elements are skipped, an element whose fields
-- are all NULL gives a row of NULLs, NULL identity columns stay NULL, and a NULL in a
-- cst_qname[] gives a NULL name and source at its index. Nothing crashes.

-- poison(j): identity columns NULL; every list gets a NULL element and an all-NULL one
-- in front; inside elements, every array gets a trailing NULL, qname arrays also {}.
CREATE FUNCTION pg_temp.poison(j jsonb) RETURNS jsonb LANGUAGE sql AS $$
  SELECT jsonb_object_agg(k, CASE
           WHEN k IN ('repo', 'path', 'file_id', 'file_sha256') THEN 'null'::jsonb
           WHEN jsonb_typeof(v) = 'array' THEN '[null, {}]'::jsonb || (
             SELECT coalesce(jsonb_agg((SELECT jsonb_object_agg(ek, CASE
                        WHEN jsonb_typeof(ev) = 'array' AND ek LIKE '%qnames' THEN ev || '[null, {}]'::jsonb
                        WHEN jsonb_typeof(ev) = 'array' THEN ev || '[null]'::jsonb
                        ELSE ev END) FROM jsonb_each(e) AS f(ek, ev))), '[]')
               FROM jsonb_array_elements(v) AS a(e))
           ELSE v END)
    FROM jsonb_each(j) AS t(k, v)
$$;

CREATE TEMP TABLE cst_good AS SELECT codecpg.cst_extract('e', 'pkg/m.py',
$$"""Module."""
import os
from . import sib
@dec(1)
def f(a: int = 2) -> str:
    """Doc."""
    return os.path.join(a, k=sib)
f(1, *x, **y)
print(+)
$$) AS f;
CREATE TEMP TABLE cst_bad AS
  SELECT jsonb_populate_record(NULL::codecpg.libcst_files_v1, pg_temp.poison(to_jsonb(f))) AS f FROM cst_good;

-- rows per function: good row, poisoned row (one more: the all-NULL element), and how
-- many poisoned rows have NULL identity columns
SELECT 'parse_errors' AS fn, (SELECT count(*) FROM cst_good, codecpg.cst_parse_errors(cst_good.f)) AS good,
       count(*) AS bad, count(*) FILTER (WHERE repo IS NULL AND path IS NULL AND file_id IS NULL AND file_sha256 IS NULL) AS null_identity
  FROM cst_bad, codecpg.cst_parse_errors(cst_bad.f)
UNION ALL
SELECT 'refs', (SELECT count(*) FROM cst_good, codecpg.cst_refs(cst_good.f)), count(*), count(*) FILTER (WHERE repo IS NULL)
  FROM cst_bad, codecpg.cst_refs(cst_bad.f)
UNION ALL
SELECT 'imports', (SELECT count(*) FROM cst_good, codecpg.cst_imports(cst_good.f)), count(*), count(*) FILTER (WHERE repo IS NULL)
  FROM cst_bad, codecpg.cst_imports(cst_bad.f)
UNION ALL
SELECT 'callsites', (SELECT count(*) FROM cst_good, codecpg.cst_callsites(cst_good.f)), count(*), count(*) FILTER (WHERE repo IS NULL)
  FROM cst_bad, codecpg.cst_callsites(cst_bad.f)
UNION ALL
SELECT 'defs', (SELECT count(*) FROM cst_good, codecpg.cst_defs(cst_good.f)), count(*), count(*) FILTER (WHERE repo IS NULL)
  FROM cst_bad, codecpg.cst_defs(cst_bad.f)
UNION ALL
SELECT 'type_exprs', (SELECT count(*) FROM cst_good, codecpg.cst_type_exprs(cst_good.f)), count(*), count(*) FILTER (WHERE repo IS NULL)
  FROM cst_bad, codecpg.cst_type_exprs(cst_bad.f)
UNION ALL
SELECT 'docstrings', (SELECT count(*) FROM cst_good, codecpg.cst_docstrings(cst_good.f)), count(*), count(*) FILTER (WHERE repo IS NULL)
  FROM cst_bad, codecpg.cst_docstrings(cst_bad.f)
UNION ALL
SELECT 'decorators', (SELECT count(*) FROM cst_good, codecpg.cst_decorators(cst_good.f)), count(*), count(*) FILTER (WHERE repo IS NULL)
  FROM cst_bad, codecpg.cst_decorators(cst_bad.f)
UNION ALL
SELECT 'call_args', (SELECT count(*) FROM cst_good, codecpg.cst_call_args(cst_good.f)), count(*), count(*) FILTER (WHERE repo IS NULL)
  FROM cst_bad, codecpg.cst_call_args(cst_bad.f)
UNION ALL
SELECT 'parse_manifest', (SELECT count(*) FROM cst_good, codecpg.cst_parse_manifest(cst_good.f)), count(*), count(*) FILTER (WHERE repo IS NULL)
  FROM cst_bad, codecpg.cst_parse_manifest(cst_bad.f);

-- the all-NULL element gives a row of NULLs
SELECT r IS NULL AS all_null FROM cst_bad, codecpg.cst_refs(cst_bad.f) r WHERE r.ref_id IS NULL;
SELECT c IS NULL AS all_null FROM cst_bad, codecpg.cst_callsites(cst_bad.f) c WHERE c.call_id IS NULL;
SELECT d IS NULL AS all_null FROM cst_bad, codecpg.cst_defs(cst_bad.f) d WHERE d.def_id IS NULL;

-- NULL and all-NULL qnames keep their index in both arrays
SELECT c.callee_text, c.callee_qnames, c.callee_qname_sources, c.callee_fqns
  FROM cst_bad, codecpg.cst_callsites(cst_bad.f) c WHERE c.call_id IS NOT NULL ORDER BY c.call_id;
SELECT d.name, d.qnames, d.qname_sources, d.def_fqns FROM cst_bad, codecpg.cst_defs(cst_bad.f) d WHERE d.def_id IS NOT NULL;

-- the repro of the review: a NULL cst_qname appended to one callsite
CREATE TEMP TABLE cs AS SELECT c.* FROM cst_good, LATERAL unnest((cst_good.f).callsites) c;
UPDATE cs SET callee_qnames = callee_qnames || NULL::codecpg.cst_qname;
SELECT c.callee_qnames, c.callee_qname_sources
  FROM (SELECT jsonb_populate_record(f, jsonb_build_object('callsites', (SELECT jsonb_agg(to_jsonb(cs)) FROM cs))) AS f
          FROM cst_good) g, codecpg.cst_callsites(g.f) c;

-- NULL lists and a NULL manifest give no rows
SELECT count(*) AS rows_from_null_lists
  FROM (SELECT jsonb_populate_record(f, '{"refs": null, "defs": null, "parse_manifest": null}') AS f FROM cst_good) g,
       LATERAL (SELECT 1 FROM codecpg.cst_refs(g.f) UNION ALL SELECT 1 FROM codecpg.cst_defs(g.f)
                UNION ALL SELECT 1 FROM codecpg.cst_parse_manifest(g.f)) x;

-- a declaration that drifted from the element type is an error before any row is built
DO $$
BEGIN
  EXECUTE format('CREATE FUNCTION pg_temp.drifted_refs(f codecpg.libcst_files_v1, OUT repo text, OUT ref_id integer) '
                 'RETURNS SETOF record AS %L, %L LANGUAGE C STRICT',
                 (SELECT probin FROM pg_proc WHERE oid = 'codecpg.cst_refs'::regproc), 'cpg_cst_refs');
  EXECUTE format('CREATE FUNCTION pg_temp.drifted_callsites(f codecpg.libcst_files_v1, OUT repo text, OUT path text, '
                 'OUT file_id text, OUT file_sha256 text, OUT c1 int, OUT c2 int, OUT c3 int, OUT c4 int, OUT c5 int, '
                 'OUT c6 text, OUT c7 text, OUT c8 int, OUT c9 text, OUT c10 text[]) '
                 'RETURNS SETOF record AS %L, %L LANGUAGE C STRICT',
                 (SELECT probin FROM pg_proc WHERE oid = 'codecpg.cst_refs'::regproc), 'cpg_cst_callsites');
END $$;
SELECT * FROM cst_good, pg_temp.drifted_refs(cst_good.f);
SELECT * FROM cst_good, pg_temp.drifted_callsites(cst_good.f);

-- \N{...} names one character: a named sequence is a SyntaxError in Python, so the
-- literal has no value (no docstring); an alias is fine
SELECT d.name, d.docstring FROM codecpg.cst_defs(codecpg.cst_extract('e', 'n.py',
$$def seq():
    "\N{LATIN CAPITAL LETTER A WITH MACRON AND GRAVE}"
def alias():
    "\N{LATIN CAPITAL LETTER GHA}"
$$)) d ORDER BY d.def_id;
