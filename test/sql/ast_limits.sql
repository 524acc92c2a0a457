-- Bounds on what one file can cost.

-- Derived text (a def's qualname, a call's func_text and func_dotted) is capped at 256
-- bytes, so a row grows linearly with nesting: doubling the nesting about doubles the
-- row (it was quadratic: 2500 nested lambdas made a 57 MB row from 20 kB).
CREATE TEMP TABLE nest (kind text, n integer, src text);
INSERT INTO nest
SELECT 'lambda', n, 'x = ' || repeat('lambda: ', n) || '1' FROM (VALUES (1250), (2500)) v(n)
UNION ALL
SELECT 'call', n, 'x = f' || repeat('()', n) FROM (VALUES (1250), (2500)) v(n);
CREATE TEMP TABLE nest_rows AS
SELECT kind, n, octet_length(src) AS src_bytes, codecpg.ast_extract('t', 'n.py', src) AS f FROM nest;
SELECT kind, n, cardinality((f).errors) AS errors,
       pg_column_size(f) < 100 * src_bytes AS row_under_100x_source
  FROM nest_rows ORDER BY kind, n;
SELECT a.kind, pg_column_size(b.f)::float8 / pg_column_size(a.f) < 2.2 AS doubling_is_linear
  FROM nest_rows a JOIN nest_rows b ON a.kind = b.kind AND a.n = 1250 AND b.n = 2500 ORDER BY a.kind;

-- the cut texts: at most 256 bytes then "..." (a def's attrs say qualname_truncated too)
SELECT max(octet_length(d.qualname)) AS longest_qualname, count(*) FILTER (WHERE d.attrs ? 'qualname_truncated') AS cut,
       count(*) AS defs
  FROM nest_rows r, codecpg.ast_defs(r.f) d WHERE r.kind = 'lambda' AND r.n = 1250;
SELECT right(d.qualname, 12), d.attrs FROM nest_rows r, codecpg.ast_defs(r.f) d
 WHERE r.kind = 'lambda' AND r.n = 1250 AND d.ast_id IN (29, 31, 1001) ORDER BY d.ast_id;
SELECT c.ast_id, octet_length(c.func_text), right(c.func_text, 5)
  FROM nest_rows r, unnest((r.f).calls) c WHERE r.kind = 'call' AND r.n = 1250 AND c.ast_id IN (3, 1124, 1125, 1252)
 ORDER BY c.ast_id;
-- a dotted name over the cap, and a cut that does not split a character
SELECT octet_length(c.func_dotted), right(c.func_dotted, 4)
  FROM unnest((codecpg.ast_extract('t', 'd.py', 'a' || repeat('.b', 200) || '()')).calls) c;
SELECT octet_length(c.func_text), right(c.func_text, 4)
  FROM unnest((codecpg.ast_extract('t', 'u.py', 'x' || repeat('é', 200) || '()')).calls) c;
-- below the cap nothing changes
SELECT d.qualname, d.attrs FROM codecpg.ast_defs(codecpg.ast_extract('t', 'q.py', E'class C:\n    def m(self):\n        def g(): pass\n')) d;

-- a def whose name its enclosing function declares global is named as a module def
SELECT d.qualname FROM codecpg.ast_defs(codecpg.ast_extract('t', 'g.py',
  E'def f():\n    global g, h\n    def g(): pass\n    def k(): pass\n    class h: pass\n')) d;

-- codecpg.python_max_bytes: a larger source is not parsed; each CPython extractor
-- returns a row with one SourceTooLarge error and nothing else.
SET codecpg.python_max_bytes = 10;
SHOW codecpg.python_max_bytes;
SELECT cardinality((f).nodes) AS nodes, e.error_type, e.message, e.span, e.attrs
  FROM (SELECT codecpg.ast_extract('t', 'big.py', 'x = 1 + 2 + 3') AS f) s, unnest((s.f).errors) e;
SELECT cardinality((f).blocks) AS blocks, e.error_type, e.message, e.span, e.attrs
  FROM (SELECT codecpg.symtable_extract('t', 'big.py', 'x = 1 + 2 + 3') AS f) s, unnest((s.f).errors) e;
SELECT cardinality((f).code_objects) AS code_objects, e.error_type, e.message, e.span, e.attrs
  FROM (SELECT codecpg.bytecode_extract('t', 'big.py', 'x = 1 + 2 + 3') AS f) s, unnest((s.f).errors) e;
-- at the limit it is parsed
SELECT cardinality((codecpg.ast_extract('t', 'ok.py', 'x = 1 + 23')).errors) AS errors;
-- 0 disables the limit
SET codecpg.python_max_bytes = 0;
SELECT cardinality((codecpg.bytecode_extract('t', 'big.py', 'x = 1 + 2 + 3')).errors) AS errors;
RESET codecpg.python_max_bytes;
SHOW codecpg.python_max_bytes;
