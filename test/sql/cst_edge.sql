-- cst_extract on the edges: syntax errors, empty files, line ends, BOM, non-ASCII,
-- docstring values, module names, encodings and indentation.

-- a syntax error in the middle: error rows with positions and context, and the facts of
-- the valid parts before and after it are still there
CREATE TEMP TABLE broken AS SELECT codecpg.cst_extract('e', 'pkg/broken.py',
$$import os
def good(a):
    return os.getcwd(a)
x = = 1
def later():
    """Still found."""
    return good(2)
print(undefined +)
$$) AS f;
SELECT e.error_type, e.message, e.raw_line, e.raw_column, e.editor_line, e.editor_column, e.context,
       e.line_base, e.col_unit, e.end_exclusive, e.bstart, e.bend
  FROM broken, codecpg.cst_parse_errors(broken.f) e;
SELECT d.name, d.qnames, d.docstring FROM broken, codecpg.cst_defs(broken.f) d ORDER BY 1;
SELECT c.callee_text, c.callee_qnames, c.callee_qname_sources FROM broken, codecpg.cst_callsites(broken.f) c ORDER BY 1;
SELECT i.name FROM broken, codecpg.cst_imports(broken.f) i;
-- a missing token is reported where it is missing, with editor columns in characters
SELECT e.error_type, e.message, e.raw_line, e.raw_column, e.editor_column, e.context, e.bstart, e.bend
  FROM codecpg.cst_parse_errors(codecpg.cst_extract('e', 'm.py', E'def é(:\n    pass\n')) e;

-- an empty file: a manifest and nothing else
SELECT m.encoding, m.default_indent = '    ' AS four_spaces, m.default_newline = E'\n' AS lf, m.has_trailing_newline,
       m.future_imports, m.module_name, m.package_name,
       cardinality((x).refs) + cardinality((x).defs) + cardinality((x).parse_errors) AS facts
  FROM (SELECT codecpg.cst_extract('e', 'empty.py', '') AS x) s, codecpg.cst_parse_manifest(s.x) m;

-- CRLF files: newline detected, spans index the stored bytes, docstring lines end in \n
CREATE TEMP TABLE crlf AS SELECT E'def f():\r\n\t"""One\r\n\ttwo"""\r\n\treturn f\r\n'::text AS src;
SELECT m.default_newline = E'\r\n' AS crlf, m.default_indent = E'\t' AS tab_indent, m.has_trailing_newline
  FROM crlf, codecpg.cst_parse_manifest(codecpg.cst_extract('e', 'crlf.py', crlf.src)) m;
SELECT d.docstring = E'One\n\ttwo' AS normalized, d.bstart, d.bend,
       convert_from(substring(convert_to(crlf.src, 'UTF8') FROM d.bstart + 1 FOR d.bend - d.bstart), 'UTF8')
         = E'"""One\r\n\ttwo"""' AS span_ok
  FROM crlf, codecpg.cst_docstrings(codecpg.cst_extract('e', 'crlf.py', crlf.src)) d;
SELECT r.ref_text, r.expr_ctx, r.bstart, r.bend FROM crlf, codecpg.cst_refs(codecpg.cst_extract('e', 'crlf.py', crlf.src)) r;
-- a lone \r ends a line too
SELECT m.default_newline = E'\r' AS cr, cardinality((x).parse_errors) AS errors, cardinality((x).defs) AS defs
  FROM (SELECT codecpg.cst_extract('e', 'cr.py', E'def f():\r    return 1\rf()\r') AS x) s,
       codecpg.cst_parse_manifest(s.x) m;

-- a BOM is counted in the offsets
SELECT r.ref_text, r.bstart, r.bend FROM codecpg.cst_refs(codecpg.cst_extract('e', 'bom.py', E'\uFEFFx = 1\n')) r;

-- non-ASCII identifiers and strings: spans are bytes of the UTF-8 text
CREATE TEMP TABLE uni AS SELECT E'def naïve(ñ="日本"):\n    """Ünïcödé 😀."""\n    return ñ\nnaïve(ñ="€")\n'::text AS src;
SELECT x.what, x.text,
       convert_from(substring(convert_to(uni.src, 'UTF8') FROM x.bstart + 1 FOR x.bend - x.bstart), 'UTF8') = x.text AS span_ok,
       x.bstart, x.bend
  FROM uni, LATERAL (
    SELECT 'ref' AS what, r.ref_text AS text, r.bstart, r.bend FROM codecpg.cst_refs(codecpg.cst_extract('e', 'u.py', uni.src)) r
    UNION ALL
    SELECT 'def', d.name, d.name_bstart, d.name_bend FROM codecpg.cst_defs(codecpg.cst_extract('e', 'u.py', uni.src)) d
    UNION ALL
    SELECT 'arg', a.keyword || '=' || a.arg_text, a.bstart, a.bend FROM codecpg.cst_call_args(codecpg.cst_extract('e', 'u.py', uni.src)) a
  ) x;
SELECT d.docstring FROM uni, codecpg.cst_docstrings(codecpg.cst_extract('e', 'u.py', uni.src)) d;

-- docstring values: escapes, raw strings, implicit concatenation, \N{...}; bytes and
-- f-strings are not docstrings
SELECT d.name, replace(d.docstring, E'\t', '<TAB>') AS docstring
  FROM codecpg.cst_defs(codecpg.cst_extract('e', 'doc.py',
$$def esc():
    "tab\there\x41\u00e9\N{GREEK SMALL LETTER ALPHA}\101\
joined \q"
def raw():
    r"raw\tstays\"quote"
def concat():
    "one " 'two'
def bytes_doc():
    b"not a docstring"
def fdoc():
    f"not {a} docstring"
def later():
    x = 1
    "not first"
def u_prefix():
    u'''triple
lines'''
$$)) d ORDER BY d.def_id;

-- module and package names from the path; PEP 263 declarations
SELECT v.p AS path, m.module_name, m.package_name, m.encoding
  FROM (VALUES ('pkg/__init__.py', ''), ('top.py', '# -*- coding: Latin-1 -*-'),
               ('a/b/c.pyi', E'#!/usr/bin/env python\n# vim: set fileencoding=utf8 :'),
               ('__init__.py', E'x = 1\n# coding: ascii')) AS v(p, src),
       codecpg.cst_parse_manifest(codecpg.cst_extract('e', v.p, v.src)) m;

-- a relative import in a package __init__ resolves against the package itself
SELECT c.callee_qnames, c.callee_fqns
  FROM codecpg.cst_callsites(codecpg.cst_extract('e', 'pkg/__init__.py', E'from .mod import f\nf()\n')) c;

-- cst_extract and ts_extract of one row agree on the spans they share
SELECT count(*) AS defs_matching_ts_nodes
  FROM (SELECT codecpg.ts_extract('e', 'forms.py', src) AS t, codecpg.cst_extract('e', 'forms.py', src) AS c
          FROM uni AS u(src)) s,
       codecpg.cst_defs(s.c) d
 WHERE EXISTS (SELECT 1 FROM codecpg.ts_nodes(s.t) n
                WHERE n.kind = 'function_definition' AND n.bstart = d.def_bstart AND n.bend = d.def_bend);

-- two different files in one row: each call gets its own result (the per-backend result
-- cache is keyed by every argument)
SELECT (codecpg.cst_extract('e', 'a.py', E'def x(): pass\nx()')).callsites[1].callee_fqns AS a,
       (codecpg.cst_extract('e', 'b.py', E'def x(): pass\nx()')).callsites[1].callee_fqns AS b,
       (codecpg.cst_extract('e', 'a.py', 'y()')).callsites[1].callee_text AS c,
       (codecpg.cst_extract('e', 'a.py', E'def x(): pass\nx()')).callsites[1].callee_text AS d;
SELECT (codecpg.ts_extract('e', 'a.py', 'x = 1')).stats.node_count AS a,
       (codecpg.ts_extract('e', 'a.py', 'x = 1', 'given')).file_sha256 AS b,
       (codecpg.ts_extract('e', 'a.py', 'x = 1')).file_sha256 = encode(sha256('x = 1'), 'hex') AS c;

-- the manifest's schema fingerprint does not depend on the caller's search_path (a new
-- session: the fingerprint is computed once per backend)
\c
SET search_path = codecpg, public;
SELECT m.schema_fingerprint = (SELECT declared_fingerprint FROM codecpg.schema_fingerprints()
                                WHERE root_table = 'libcst_files_v1') AS fingerprint_ok
  FROM cst_parse_manifest(cst_extract('e', 'x.py', 'x = 1')) m;
RESET search_path;
