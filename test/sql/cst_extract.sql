-- libcst_files_v1: cst_extract and the cst_* unnesting functions.

\set forms `cat test/data/ts/forms.py`
SELECT codecpg.put_file('c', 'pkg/sub/forms.py', :'forms' || E'\n') AS forms_id \gset
INSERT INTO codecpg.libcst_files_v1
SELECT (codecpg.cst_extract(repo, path, source)).* FROM codecpg.repo_files_v1 WHERE repo = 'c';
SELECT repo, path, file_id = :'forms_id' AS id_ok,
       cardinality(parse_errors) AS errors, cardinality(refs) AS refs,
       cardinality(imports) AS imports, cardinality(callsites) AS calls, cardinality(defs) AS defs,
       cardinality(type_exprs) AS type_exprs, cardinality(docstrings) AS docstrings,
       cardinality(decorators) AS decorators, cardinality(call_args) AS call_args
  FROM codecpg.libcst_files_v1;

-- the manifest, one row
SELECT m.encoding, m.default_indent = '    ' AS four_spaces, m.default_newline = E'\n' AS lf, m.has_trailing_newline,
       m.future_imports, m.module_name, m.package_name, m.parser_backend, m.parsed_python_version,
       m.schema_fingerprint = (SELECT declared_fingerprint FROM codecpg.schema_fingerprints()
                                WHERE root_table = 'libcst_files_v1') AS fingerprint_ok
  FROM codecpg.libcst_files_v1 f, codecpg.cst_parse_manifest(f) m;

-- imports: one row per alias, relative levels, stars, statement and alias spans
SELECT i.import_id, i.kind, i.module, i.relative_level, i.name, i.asname, i.is_star,
       i.stmt_bstart, i.stmt_bend, i.alias_bstart, i.alias_bend
  FROM codecpg.libcst_files_v1 f, codecpg.cst_imports(f) i;

-- defs: kinds, containers, qualified names, docstrings, decorators
SELECT d.def_id, d.container_def_kind, d.kind, d.name, d.qnames, d.qname_sources, d.def_fqns,
       d.docstring, d.decorator_count
  FROM codecpg.libcst_files_v1 f, codecpg.cst_defs(f) d;
SELECT d.name, d.container_def_bstart = c.def_bstart AND d.container_def_bend = c.def_bend AS container_ok
  FROM codecpg.libcst_files_v1 f, codecpg.cst_defs(f) d
  LEFT JOIN codecpg.cst_defs(f) c ON c.def_bstart = d.container_def_bstart AND c.def_bend = d.container_def_bend
 WHERE d.container_def_kind IS NOT NULL AND (c.def_id IS NULL OR c.kind <> d.container_def_kind);

-- callsites: shapes, dotted names, candidate qualified names and their sources
SELECT c.call_id, c.callee_shape, c.callee_text, c.arg_count, c.callee_dotted,
       c.callee_qnames, c.callee_qname_sources, c.callee_fqns
  FROM codecpg.libcst_files_v1 f, codecpg.cst_callsites(f) c;
-- one row per candidate
SELECT c.call_id, q.name, q.source
  FROM codecpg.libcst_files_v1 f, codecpg.cst_callsites(f) c,
       unnest(c.callee_qnames, c.callee_qname_sources) AS q(name, source)
 WHERE c.callee_text LIKE '%join%';

SELECT a.call_id, a.arg_index, a.keyword, a.star, a.arg_text
  FROM codecpg.libcst_files_v1 f, codecpg.cst_call_args(f) a
 WHERE a.call_id IN (SELECT call_id FROM codecpg.cst_callsites(f) WHERE callee_text IN ('outer', 'decorated', 'functools.lru_cache', 'super().method', 'print'));

SELECT t.owner_def_kind, t.param_name, t.expr_kind, t.expr_role, t.expr_text
  FROM codecpg.libcst_files_v1 f, codecpg.cst_type_exprs(f) t;
SELECT d.owner_def_id, d.owner_kind, d.docstring FROM codecpg.libcst_files_v1 f, codecpg.cst_docstrings(f) d;
SELECT d.owner_def_id, d.owner_kind, d.decorator_text, d.decorator_index FROM codecpg.libcst_files_v1 f, codecpg.cst_decorators(f) d;

-- refs: context, scope and role, for the names of outer() and of the match statement
SELECT r.ref_kind, r.ref_text, r.expr_ctx, r.scope_type, r.scope_name, r.scope_role, r.parent_kind
  FROM codecpg.libcst_files_v1 f, codecpg.cst_refs(f) r
 WHERE r.scope_name LIKE 'outer%' OR r.bstart >= position('match command' IN :'forms') - 1;
SELECT r.expr_ctx, r.ref_kind, count(*) FROM codecpg.libcst_files_v1 f, codecpg.cst_refs(f) r GROUP BY 1, 2 ORDER BY 1, 2;

-- every span is exact: the bytes it covers are the text each row names
CREATE TEMP TABLE src AS SELECT convert_to(source, 'UTF8') AS b FROM codecpg.repo_files_v1 WHERE repo = 'c';
CREATE FUNCTION pg_temp.at(s integer, e integer) RETURNS text LANGUAGE sql AS
  $$ SELECT convert_from(substring(b FROM s + 1 FOR e - s), 'UTF8') FROM src $$;
SELECT 'ref' AS what, ref_id AS id, ref_text AS expected, pg_temp.at(bstart, bend) AS actual
  FROM codecpg.libcst_files_v1 f, codecpg.cst_refs(f) WHERE ref_text <> pg_temp.at(bstart, bend)
UNION ALL
SELECT 'def name', def_id, name, pg_temp.at(name_bstart, name_bend)
  FROM codecpg.libcst_files_v1 f, codecpg.cst_defs(f) WHERE name <> pg_temp.at(name_bstart, name_bend)
UNION ALL
SELECT 'def', def_id, kind, pg_temp.at(def_bstart, def_bend)
  FROM codecpg.libcst_files_v1 f, codecpg.cst_defs(f)
 WHERE pg_temp.at(def_bstart, def_bend) !~ CASE kind WHEN 'CLASS' THEN '^(@|class )' WHEN 'LAMBDA' THEN '^lambda'
                                                  WHEN 'ASYNC_FUNCTION' THEN '^(@|async def )' ELSE '^(@|def )' END
UNION ALL
SELECT 'import alias', import_id, coalesce(name || ' as ' || asname, name), pg_temp.at(alias_bstart, alias_bend)
  FROM codecpg.libcst_files_v1 f, codecpg.cst_imports(f)
 WHERE regexp_replace(pg_temp.at(alias_bstart, alias_bend), '\s+', ' ', 'g') <> coalesce(name || ' as ' || asname, name)
UNION ALL
SELECT 'import stmt', import_id, kind, pg_temp.at(stmt_bstart, stmt_bend)
  FROM codecpg.libcst_files_v1 f, codecpg.cst_imports(f)
 WHERE pg_temp.at(stmt_bstart, stmt_bend) !~ '^(import|from) '
    OR NOT (alias_bstart >= stmt_bstart AND alias_bend <= stmt_bend)
UNION ALL
SELECT 'callee', call_id, callee_text, pg_temp.at(callee_bstart, callee_bend)
  FROM codecpg.libcst_files_v1 f, codecpg.cst_callsites(f) WHERE callee_text <> pg_temp.at(callee_bstart, callee_bend)
UNION ALL
SELECT 'call', call_id, callee_text || '(...)', pg_temp.at(call_bstart, call_bend)
  FROM codecpg.libcst_files_v1 f, codecpg.cst_callsites(f)
 WHERE call_bstart <> callee_bstart OR pg_temp.at(call_bstart, call_bend) !~ '\)$'
UNION ALL
SELECT 'arg', call_id * 100 + arg_index, coalesce(keyword || '=', star, '') || arg_text, pg_temp.at(bstart, bend)
  FROM codecpg.libcst_files_v1 f, codecpg.cst_call_args(f)
 WHERE pg_temp.at(bstart, bend) <> coalesce(keyword || '=', star, '') || arg_text
UNION ALL
SELECT 'type', 0, expr_text, pg_temp.at(bstart, bend)
  FROM codecpg.libcst_files_v1 f, codecpg.cst_type_exprs(f) WHERE expr_text <> pg_temp.at(bstart, bend)
UNION ALL
SELECT 'docstring', coalesce(owner_def_id, -1), docstring, pg_temp.at(bstart, bend)
  FROM codecpg.libcst_files_v1 f, codecpg.cst_docstrings(f) WHERE position(left(docstring, 5) IN pg_temp.at(bstart, bend)) = 0
UNION ALL
SELECT 'decorator', decorator_index, decorator_text, pg_temp.at(bstart, bend)
  FROM codecpg.libcst_files_v1 f, codecpg.cst_decorators(f) WHERE decorator_text <> pg_temp.at(bstart, bend);

-- the resolution examples: an aliased dotted import, a local def, a builtin, a relative import
SELECT c.callee_text, c.callee_qnames, c.callee_qname_sources, c.callee_fqns
  FROM codecpg.cst_callsites(codecpg.cst_extract('c', 'app/main.py',
$$import os.path as p
from .helpers import tool
from ..up import far as f2
import json, simplejson as json
def f():
    return len(p.join("a"))
class K:
    def m(self):
        return f() + K.m(self) + tool() + f2.x() + json.dumps(1) + unknown()
try:
    import cPickle as pickle
except ImportError:
    import pickle
pickle.loads(b"")
$$)) c;

-- scopes: global and nonlocal declarations, class bodies skipped, comprehension scopes
SELECT r.ref_text, r.expr_ctx, r.scope_type, r.scope_name, r.scope_role
  FROM codecpg.cst_refs(codecpg.cst_extract('c', 'scopes.py',
$$x = 1
def f(p):
    global x
    y = [x for x in range(p)]
    def g():
        nonlocal y
        y = p
    class C:
        z = y
        def h(self):
            return z
    return x
$$)) r;
