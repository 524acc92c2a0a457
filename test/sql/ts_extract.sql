-- tree_sitter_files_v1: ts_extract, ts_sexp, ts_parse_ms and the ts_* unnesting functions.

-- a small file, every node: preorder ids, parents, fields, child indexes, flags, spans
SELECT n.node_id, n.parent_id, n.kind, n.field_name, n.child_index, n.is_named,
       n.bstart, n.bend, n.line0, n.col, n.end_line0, n.end_col
  FROM codecpg.ts_nodes(codecpg.ts_extract('t', 'small.py', E'def f(a):\n    return a.b\n')) n;
SELECT codecpg.ts_sexp(E'def f(a):\n    return a.b\n');

-- the root row: identity, stats and grammar attributes; it inserts into its table
SELECT codecpg.put_file('t', 'small.py', E'def f(a):\n    return a.b\n') AS small_id \gset
INSERT INTO codecpg.tree_sitter_files_v1
SELECT (codecpg.ts_extract(repo, path, source)).* FROM codecpg.repo_files_v1 WHERE repo = 't';
SELECT repo, path, file_id = :'small_id' AS id_ok,
       file_sha256 = (SELECT file_sha256 FROM codecpg.repo_files_v1 WHERE repo = 't' AND path = 'small.py') AS sha_ok,
       cardinality(nodes) AS nodes, (stats).node_count, (stats).named_count, (stats).error_count,
       (stats).missing_count, (stats).parse_ms >= 0 AS timed, (stats).parse_timed_out,
       attrs - 'runtime_abi' AS attrs
  FROM codecpg.tree_sitter_files_v1;
-- the stored node is lean: no id, kind or field name, child index or lines, which
-- ts_nodes derives from its position, kind_id, field_id and the row's line_starts (\n,
-- \r\n and a lone \r end a line); its parent and bytes are distances (parent_gap,
-- start_gap from the previous node's first byte, length), its flags bits
SELECT n.* FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n LIMIT 3;
-- ts_node_list, what the views read, resolves the distances; ts_nodes agrees with it
SELECT l.* FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL codecpg.ts_node_list(f.nodes) l LIMIT 3;
SELECT count(*) AS nodes,
       count(*) FILTER (WHERE (l.node_id, l.parent_id, l.kind_id, codecpg.ts_field(l.field_id), (l.flags & 1) <> 0,
                               (l.flags & 16) <> 0, (l.flags & 2) <> 0, (l.flags & 4) <> 0, (l.flags & 8) <> 0,
                               l.bstart, l.bend)
                        IS DISTINCT FROM (n.node_id, n.parent_id, n.kind_id, n.field_name, n.is_named, n.has_error,
                                          n.is_error, n.is_missing, n.is_extra, n.bstart, n.bend)) AS differ
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL codecpg.ts_node_list(f.nodes) l
  JOIN codecpg.ts_nodes(f) n ON n.node_id = l.node_id;
-- field names and numbers: the grammar's, both ways; NULL for what is not one
SELECT count(*) AS fields, count(*) FILTER (WHERE codecpg.ts_field_id(codecpg.ts_field(i)) = i) AS round_trip
  FROM generate_series(1, 200) i WHERE codecpg.ts_field(i) IS NOT NULL;
SELECT codecpg.ts_field(0), codecpg.ts_field(-1), codecpg.ts_field(32767), codecpg.ts_field_id('no such field'),
       codecpg.ts_field(codecpg.ts_field_id('body'));
SELECT line_starts FROM codecpg.tree_sitter_files_v1;
SELECT (codecpg.ts_extract('t', 'eol.py', E'a = 1\r\nb = 2\rc = 3\n\nd')).line_starts;
SELECT n.node_id, n.kind, n.bstart, n.bend, n.line0, n.col, n.end_line0, n.end_col
  FROM codecpg.ts_nodes(codecpg.ts_extract('t', 'eol.py', E'a = 1\r\nb = 2\rc = 3\n\nd')) n
 WHERE n.kind IN ('assignment', 'expression_statement', 'module');
-- ts_kind: the grammar's name of a symbol, the node type of every node; ERROR is 65535;
-- a number that is no symbol of the grammar has no name
SELECT count(*) AS nodes, count(*) FILTER (WHERE n.kind IS DISTINCT FROM codecpg.ts_kind(n.kind_id)) AS kind_differs,
       count(DISTINCT n.kind) AS kinds
  FROM codecpg.ts_nodes(codecpg.ts_extract('t', 'kinds.py',
         E'@dec\nasync def f(a, *b, c: int = 1, **d) -> "x":\n    """doc"""\n    return [i async for i in a if i] or {k: v for k, v in d.items()}\n'
         || E'class C(B, metaclass=M):\n    x: int = 0\n    def g(self): yield from (lambda: self)()\n'
         || E'match p:\n    case [1, *r] | {"k": _} if r: print(f"{r!r:>4}")\n    case _: pass\n'
         || E'try:\n    import a.b as c\nexcept* (E, F) as e:\n    raise\nfinally:\n    del x[1:2, ...]\n'
         || E'x = (1,\ny = 2 +\n')) n;
SELECT codecpg.ts_kind(0) AS k0, codecpg.ts_kind(1) AS k1, codecpg.ts_kind(65535) AS error,
       codecpg.ts_kind(-1) AS negative, codecpg.ts_kind(65534) AS internal, codecpg.ts_kind(100000) AS too_large,
       codecpg.ts_kind(NULL) AS null_in_null_out;
SELECT count(*) FILTER (WHERE codecpg.ts_kind(i) IS NOT NULL) AS symbols,
       count(*) FILTER (WHERE codecpg.ts_kind(i) = 'function_definition') AS function_definition
  FROM generate_series(0, 65535) i;
-- a given file_sha256 is used as is
SELECT file_sha256 FROM codecpg.ts_extract('t', 'x.py', 'x', 'given');
SELECT codecpg.ts_extract(NULL, 'x.py', 'x') IS NULL AS null_in_null_out;

-- edges are derived from parent_id / field_name / child_index: one per non-root node
SELECT e.parent_id, e.child_id, e.field_name, e.child_index
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL codecpg.ts_edges(f) e
 WHERE e.parent_id <= 2 ORDER BY e.child_id;
SELECT count(*) AS edges, (SELECT count(*) - 1 FROM codecpg.tree_sitter_files_v1 f, codecpg.ts_nodes(f)) AS non_root_nodes
  FROM codecpg.tree_sitter_files_v1 f, codecpg.ts_edges(f);

-- syntax errors: ERROR and MISSING nodes, in the S-expression and as rows
SELECT codecpg.ts_sexp(E'x = (1,\ny = 2\n');
SELECT codecpg.ts_sexp(E'print(a b)\n');
SELECT codecpg.ts_sexp(E'def f(:\n    pass\n');
SELECT e.error_id, e.node_id, e.bstart, e.bend, e.line0, e.col, e.end_line0, e.end_col
  FROM codecpg.ts_errors(codecpg.ts_extract('t', 'err.py', E'x = (1,\ny = 2\n')) e;
SELECT m.missing_id, m.node_id, m.kind, m.bstart, m.bend, m.line0, m.col
  FROM codecpg.ts_missing(codecpg.ts_extract('t', 'miss.py', E'def f(:\n    pass\n')) m;
SELECT (stats).error_count, (stats).missing_count
  FROM codecpg.ts_extract('t', 'err.py', E'x = (1,\ny = 2\ndef f(:\n    pass\n');

-- an empty file is a zero-width module
SELECT n.node_id, n.kind, n.bstart, n.bend, n.line0, n.col, n.end_line0, n.end_col
  FROM codecpg.ts_nodes(codecpg.ts_extract('t', 'empty.py', '')) n;
SELECT codecpg.ts_sexp('');

-- line ends: \n, \r\n and a lone \r each end a line (Python's definition; tree-sitter's
-- own rows only count \n); columns are bytes
SELECT n.kind, n.bstart, n.bend, n.line0, n.col, n.end_line0, n.end_col
  FROM codecpg.ts_nodes(codecpg.ts_extract('t', 'eol.py', E'a = 1\r\nb = 2\rc = 3\nd')) n
 WHERE n.kind = 'identifier';
SELECT codecpg.ts_sexp(E'a = 1\r\nb = 2\rc = 3\nd');

-- a UTF-8 BOM is counted: offsets index the stored text, the module starts after it
SELECT n.kind, n.bstart, n.bend, n.line0, n.col
  FROM codecpg.ts_nodes(codecpg.ts_extract('t', 'bom.py', E'\uFEFFx = 1\n')) n
 WHERE n.node_id <= 3;
SELECT (x).attrs->'bom' AS bom, (x).stats.error_count
  FROM (SELECT codecpg.ts_extract('t', 'bom.py', E'\uFEFFx = 1\n') AS x) s;

-- non-ASCII identifiers and strings: byte offsets and byte columns
SELECT n.kind, n.bstart, n.bend, n.col, n.end_col,
       convert_from(substring(convert_to(E'é = "ü😀"; ñ\n', 'UTF8') FROM n.bstart + 1 FOR n.bend - n.bstart), 'UTF8') AS text
  FROM codecpg.ts_nodes(codecpg.ts_extract('t', 'utf8.py', E'é = "ü😀"; ñ\n')) n
 WHERE n.kind IN ('identifier', 'string', 'string_content');

-- every span of the forms fixture: anonymous tokens spell their kind, identifiers are
-- names, line/col agree with span_from_bytes, and the root covers the file
\set forms `cat test/data/ts/forms.py`
SELECT codecpg.put_file('t', 'forms.py', :'forms' || E'\n') AS forms_id \gset
CREATE TEMP TABLE forms_nodes AS
SELECT n.*, f.source,
       convert_from(substring(convert_to(f.source, 'UTF8') FROM n.bstart + 1 FOR n.bend - n.bstart), 'UTF8') AS text
  FROM codecpg.repo_files_v1 f, codecpg.ts_nodes(codecpg.ts_extract(f.repo, f.path, f.source)) n
 WHERE f.repo = 't' AND f.path = 'forms.py';
SELECT count(*) > 1000 AS many_nodes, bool_and(NOT has_error) AS no_errors FROM forms_nodes;
SELECT node_id, kind, text FROM forms_nodes
 WHERE NOT is_named AND NOT is_missing AND text <> kind;
SELECT node_id, kind, text FROM forms_nodes
 WHERE kind = 'identifier' AND text !~ '^\w+$';
SELECT node_id, kind FROM forms_nodes n, codecpg.span_from_bytes(n.source, n.bstart, n.bend) s
 WHERE (s.line0, s.col, s.end_line0, s.end_col) IS DISTINCT FROM (n.line0, n.col, n.end_line0, n.end_col);
SELECT kind, bstart, bend = octet_length(source) AS covers_file FROM forms_nodes WHERE node_id = 0;
-- children lie inside their parent and follow each other in child_index order
SELECT c.node_id FROM forms_nodes c JOIN forms_nodes p ON p.node_id = c.parent_id
 WHERE c.bstart < p.bstart OR c.bend > p.bend;
SELECT a.node_id FROM forms_nodes a JOIN forms_nodes b ON b.parent_id = a.parent_id AND b.child_index = a.child_index + 1
 WHERE b.bstart < a.bend OR b.node_id <= a.node_id;
-- a few kinds the forms exercise
SELECT kind, count(*) FROM forms_nodes
 WHERE kind IN ('match_statement', 'case_clause', 'named_expression', 'lambda', 'await', 'decorator',
                'positional_separator', 'keyword_separator', 'list_splat_pattern', 'dictionary_splat_pattern',
                'relative_import', 'wildcard_import', 'global_statement', 'nonlocal_statement',
                'interpolation', 'except_group_clause', 'yield')
 GROUP BY kind ORDER BY kind;

-- limits: a parse that exceeds codecpg.ts_timeout_ms and a source above codecpg.ts_max_bytes
-- give a row without nodes that says so
SET codecpg.ts_timeout_ms = 1;
SELECT (x).stats.node_count, (x).stats.parse_timed_out, cardinality((x).nodes) AS nodes
  FROM (SELECT codecpg.ts_extract('t', 'slow.py', repeat(E'x = [1, 2, 3]\n', 150000)) AS x) s;
SELECT codecpg.ts_sexp(repeat(E'x = [1, 2, 3]\n', 150000)) IS NULL AS sexp_null;
RESET codecpg.ts_timeout_ms;
SET codecpg.ts_max_bytes = 10;
SELECT (x).stats.node_count, (x).attrs->>'skipped' AS skipped
  FROM (SELECT codecpg.ts_extract('t', 'big.py', 'x = 1 + 2 + 3') AS x) s;
RESET codecpg.ts_max_bytes;
-- deep nesting is walked iteratively
SELECT (x).stats.node_count, (x).stats.error_count
  FROM (SELECT codecpg.ts_extract('t', 'deep.py', 'x = ' || repeat('[', 20000) || repeat(']', 20000)) AS x) s;
SELECT length(codecpg.ts_sexp('x = ' || repeat('(', 20000) || '1' || repeat(')', 20000))) AS sexp_length;

-- a cancelled parse (here by statement_timeout) leaves the backend's parser usable
SET statement_timeout = '50ms';
SELECT (codecpg.ts_extract('t', 'slow.py', repeat(E'x = [1, 2, 3]\n', 150000))).stats.node_count;
RESET statement_timeout;
SELECT (codecpg.ts_extract('t', 'after.py', 'x = 1')).stats.node_count AS after_cancel;

-- the bare parse used as the benchmark floor
SELECT codecpg.ts_parse_ms(:'forms') > 0 AS parsed;

-- deleting the file deletes its tree
SELECT codecpg.put_file('t', 'small.py', 'changed = 1');
SELECT count(*) FROM codecpg.tree_sitter_files_v1;
