-- Syntax errors, nesting limits, huge literals, NUL escapes and code with side effects:
-- data (error rows), never a crash, never executed.

-- A SyntaxError is an error row with its byte span; CPython counted characters, so the
-- "(" after two 2-byte characters is at byte 16, not 14. The raw position is in attrs.
SELECT e.error_type, e.message, e.bstart, e.bend, e.line0, e.col, e.end_line0, e.end_col, e.attrs
  FROM codecpg.ast_errors(codecpg.ast_extract('t', 'e.py', E's = "éé"; t = ("ü" +\n')) e;
SELECT e.error_type, e.message, e.bstart, e.bend, e.attrs,
       convert_from(substring(convert_to(E'x = \'é\' $ 1\n', 'UTF8') FROM e.bstart + 1 FOR e.bend - e.bstart), 'UTF8') AS text
  FROM codecpg.ast_errors(codecpg.ast_extract('t', 'e.py', E'x = \'é\' $ 1\n')) e;
SELECT e.error_type, e.message, e.bstart, e.line0, e.col
  FROM codecpg.ast_errors(codecpg.ast_extract('t', 'e.py', E'def f():\n    s = "é"\n      t = 1\n')) e;
-- an error row leaves the node lists empty
SELECT cardinality(f.nodes) AS nodes, cardinality(f.errors) AS errors, cardinality(f.defs) AS defs
  FROM codecpg.ast_extract('t', 'e.py', 'def (') f;

-- A UTF-8 byte order mark is skipped as Python's import skips it; spans still count its
-- three bytes, on the first line and in errors there.
SELECT n.kind, n.name, n.bstart, n.bend, n.col
  FROM codecpg.ast_nodes(codecpg.ast_extract('t', 'bom.py', E'\uFEFFx = 1\ny = 2\n')) n WHERE n.kind = 'Name';
SELECT e.message, e.bstart, e.col, e.attrs->>'offset' AS offset
  FROM codecpg.ast_errors(codecpg.ast_extract('t', 'bom.py', E'\uFEFFx = é $\n')) e;

-- Nesting limits: 201 nested parentheses and 1000 nested lists stop CPython's tokenizer,
-- a 100000-deep unary expression its parser (MemoryError), a 100000-term sum the
-- conversion to Python objects (RecursionError). Each is a row; the backend lives on.
SELECT e.error_type, e.message, e.bstart, e.bend
  FROM codecpg.ast_errors(codecpg.ast_extract('t', 'deep.py', 'x = ' || repeat('(', 201) || '1' || repeat(')', 201))) e;
SELECT e.error_type, e.message, e.line0, e.col
  FROM codecpg.ast_errors(codecpg.ast_extract('t', 'deep.py', 'x = ' || repeat('[', 1000) || repeat(']', 1000))) e;
SELECT e.error_type, e.message, e.bstart IS NULL AS no_span
  FROM codecpg.ast_errors(codecpg.ast_extract('t', 'deep.py', 'x = ' || repeat('-', 100000) || '1')) e;
SELECT e.error_type, e.message, e.bstart IS NULL AS no_span
  FROM codecpg.ast_errors(codecpg.ast_extract('t', 'deep.py', 'x = ' || repeat('1+', 100000) || '1')) e;
-- just below the limits, deep input is walked without recursion in C
SELECT count(*) AS nodes, max(n.ast_id) AS last_id
  FROM codecpg.ast_nodes(codecpg.ast_extract('t', 'deep.py', 'x = ' || repeat('(', 200) || '1' || repeat(')', 200))) n;
SELECT count(*) AS nodes FROM codecpg.ast_nodes(codecpg.ast_extract('t', 'deep.py', 'x = ' || repeat('1+', 2000) || '1')) n;
SELECT 1 AS backend_alive;

-- Huge literals: a 4 MB string is one Constant whose repr is its value quoted; a
-- 100000-element list literal is 100000 Constant nodes under one List.
SELECT n.kind, length(n.value) AS value_chars, n.bend - n.bstart AS span_bytes
  FROM codecpg.ast_nodes(codecpg.ast_extract('t', 'big.py', 'x = "' || repeat('é', 2000000) || '"')) n
 WHERE n.kind = 'Constant';
SELECT n.kind, count(*), max(n.field_pos) AS last_pos
  FROM codecpg.ast_nodes(codecpg.ast_extract('t', 'big.py',
         'x = [' || (SELECT string_agg(i::text, ', ') FROM generate_series(1, 100000) i) || ']')) n
 GROUP BY n.kind ORDER BY n.kind;

-- NUL: PostgreSQL text cannot hold U+0000, a Python string can. The escape in the
-- source is kept by the repr; a docstring holding NUL has no text value.
SELECT n.kind, n.value
  FROM codecpg.ast_nodes(codecpg.ast_extract('t', 'nul.py', E'x = "a\\x00b"; y = b"\\x00"\n')) n
 WHERE n.kind = 'Constant';
SELECT d.owner_kind, d.docstring IS NULL AS docstring_null, (d.span).bstart, (d.span).bend
  FROM unnest((codecpg.ast_extract('t', 'nul.py', E'def f():\n    "doc\\x00"\n')).docstrings) d;
-- a lone surrogate escape is just as foreign to UTF-8 text
SELECT n.value FROM codecpg.ast_nodes(codecpg.ast_extract('t', 's.py', E'"\\ud800"')) n WHERE n.kind = 'Constant';

-- Code with side effects at the top level is parsed, not run: the file it would write
-- does not exist afterwards, and os._exit did not end the backend.
SELECT cardinality(f.nodes) > 0 AS parsed, cardinality(f.errors) AS errors
  FROM codecpg.ast_extract('t', 'evil.py',
         E'import os\nopen("/tmp/codecpg_py_side_effect_ast", "w").write("ran")\nos._exit(3)\n') f;
SELECT pg_stat_file('/tmp/codecpg_py_side_effect_ast', true) IS NULL AS file_absent;
SELECT 1 AS backend_alive;
