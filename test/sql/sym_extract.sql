-- codecpg.symtable_extract: CPython's symbol tables, with the facts the symtable module
-- reports. (test/shell/py_agreement.sh compares every row with symtable.py's.)

\set src '\'import os\nx = 1\n\nclass C(Base):\n    y = [x for _ in ()]\n    def m(self, a, /, b=x, *args, c, **kw):\n        global g\n        g = a\n        return __class__\n    def m(self):\n        pass\n\ndef outer():\n    free = cell = 1\n    def inner():\n        nonlocal cell\n        cell += free\n        return lambda: cell\n    return inner\n\''

-- every table in preorder, with parent, type, qualpath and the comprehension flag
SELECT s.block_id, s.parent_block_id AS parent, s.block_type, s.name, s.lineno1, s.qualpath,
       s.is_meta_scope AS meta, s.symbol_count, s.line0, s.bstart, s.bend, s.attrs
  FROM codecpg.sym_scopes(codecpg.symtable_extract('t', 's.py', E:src)) s;

-- symbols with their flags (the module's bound names are global and local at once)
SELECT s.block_id, s.name, s.is_referenced AS ref, s.is_imported AS imp, s.is_parameter AS par,
       s.is_global AS glob, s.is_nonlocal AS nonl, s.is_declared_global AS dglob, s.is_local AS loc,
       s.is_annotated AS ann, s.is_free AS free, s.is_assigned AS asg, s.is_namespace AS ns,
       s.namespace_block_ids, s.attrs
  FROM codecpg.sym_symbols(codecpg.symtable_extract('t', 's.py', E:src)) s
 ORDER BY s.block_id, s.name;

-- function partitions, class methods, scope nesting and namespace links
SELECT p.block_id, p.partition, p.ordinal, p.name
  FROM codecpg.sym_function_partitions(codecpg.symtable_extract('t', 's.py', E:src)) p;
SELECT b.block_id, b.name, b.class_methods, b.function_partitions
  FROM unnest((codecpg.symtable_extract('t', 's.py', E:src)).blocks) b;
SELECT e.parent_block_id, e.child_block_id, e.child_type, e.child_name
  FROM codecpg.sym_scope_edges(codecpg.symtable_extract('t', 's.py', E:src)) e;
SELECT e.block_id, e.symbol_name, e.namespace_block_id
  FROM codecpg.sym_namespace_edges(codecpg.symtable_extract('t', 's.py', E:src)) e;

-- scope_id is the documented stable id
SELECT s.scope_id = codecpg.stable_id('sym_scope', s.file_id, s.block_id::text, s.block_type, s.name, s.lineno1::text) AS recipe
  FROM codecpg.sym_scopes(codecpg.symtable_extract('t', 's.py', 'pass')) s;

-- stored rows
SELECT codecpg.put_file('sym_t', 's.py', E:src) IS NOT NULL AS stored;
INSERT INTO codecpg.symtable_files_v1
SELECT (t).* FROM (SELECT codecpg.symtable_extract(repo, path, source) AS t
                     FROM codecpg.repo_files_v1 WHERE repo = 'sym_t' OFFSET 0) s;
SELECT f.path, count(*) AS symbols, count(*) FILTER (WHERE s.is_free) AS frees
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL codecpg.sym_symbols(f) s GROUP BY f.path;
SELECT codecpg.symtable_extract(NULL, 's.py', 'pass') IS NULL AS null_repo;

-- Errors: the symbol table reports byte columns (the parser characters); both become
-- byte spans. "nonlocal" after three 2-byte characters starts at byte 14.
SELECT e.error_type, e.message, (e.span).*, e.attrs
  FROM unnest((codecpg.symtable_extract('t', 'e.py', E's = "éèê"; nonlocal x\n')).errors) e;
SELECT e.error_type, e.message, (e.span).*, e.attrs
  FROM unnest((codecpg.symtable_extract('t', 'e.py', E's = "éé"; t = ("ü" +\n')).errors) e;
SELECT e.error_type, e.message, (e.span).bstart, (e.span).col
  FROM unnest((codecpg.symtable_extract('t', 'e.py', E'\uFEFFs = "é"; nonlocal x\n')).errors) e;
SELECT e.error_type, e.message, (e.span).bstart IS NULL AS no_span
  FROM unnest((codecpg.symtable_extract('t', 'deep.py', 'x = ' || repeat('1+', 100000) || '1')).errors) e;
SELECT e.error_type, e.message, (e.span).bstart
  FROM unnest((codecpg.symtable_extract('t', 'deep.py', 'x = ' || repeat('[', 1000) || repeat(']', 1000))).errors) e;
SELECT cardinality(f.blocks) AS blocks, cardinality(f.errors) AS errors
  FROM codecpg.symtable_extract('t', 'deep.py', 'x = ' || repeat('-', 100000) || '1') f;

-- deeply nested scopes are collected without C recursion
SELECT count(*) AS scopes, max(s.qualpath) LIKE 'top.f.f.f.%' AS nested
  FROM codecpg.sym_scopes(codecpg.symtable_extract('t', 'n.py',
         (SELECT string_agg(repeat(' ', i) || 'def f():', E'\n') FROM generate_series(0, 90) i) || E'\n' || repeat(' ', 91) || 'pass')) s;

-- Code with side effects is analysed, never run.
SELECT cardinality(f.blocks) AS blocks, cardinality(f.errors) AS errors
  FROM codecpg.symtable_extract('t', 'evil.py',
         E'import os\nopen("/tmp/codecpg_py_side_effect_sym", "w").write("ran")\nos._exit(3)\n') f;
SELECT pg_stat_file('/tmp/codecpg_py_side_effect_sym', true) IS NULL AS file_absent;
SELECT 1 AS backend_alive;
