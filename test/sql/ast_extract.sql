-- codecpg.ast_extract: CPython's AST of one file, with byte spans.
-- (test/shell/py_agreement.sh compares every row with Python's own ast module.)

-- Nodes in preorder with parent, field, identifier, constant repr, byte span and attrs.
-- "é" is two bytes: the nodes after it on the same line have byte columns.
SELECT n.ast_id, n.parent_ast_id AS parent, n.kind, n.name, n.value, n.field_name, n.field_pos AS pos,
       n.bstart, n.bend, n.line0, n.col, n.end_line0, n.end_col, n.attrs
  FROM codecpg.ast_nodes(codecpg.ast_extract('t', 'a.py', E'x = "é"; y = x + 1\nprint(y)\n')) n;

-- the bytes under each span are the node's source text
SELECT n.kind, convert_from(substring(convert_to(s.src, 'UTF8') FROM n.bstart + 1 FOR n.bend - n.bstart), 'UTF8') AS text
  FROM (SELECT E'é = "ü"\r\nf(é, "日本", k=é)\r\n'::text AS src) s,
       codecpg.ast_nodes(codecpg.ast_extract('t', 'crlf.py', s.src)) n
 WHERE n.bstart IS NOT NULL
 ORDER BY n.ast_id;

-- A node is stored lean: its ast_id is its position in the list and it keeps only bstart
-- and bend, whose lines and columns ast_nodes finds in the row's line_starts. They are
-- the positions CPython gave, which the calls and defs lists still store whole: over a
-- byte order mark (first-line columns count its bytes), \r\n, a lone \r, tabs, a string
-- spanning lines and two-byte characters.
CREATE TEMP TABLE lean AS
SELECT codecpg.ast_extract('t', 'lean.py',
         E'\uFEFFx = f("é")\r\ndef g(a):\r\treturn h("""un\r\ndeux""",\n\t\té(a))\nclass K: m = k(\n 1)') AS f;
SELECT (f).line_starts, (f).nodes[2] AS second_node, cardinality((f).nodes) AS nodes FROM lean;
SELECT n.ast_id, n.kind, n.bstart, n.bend, n.line0, n.col, n.end_line0, n.end_col
  FROM lean, codecpg.ast_nodes(f) n WHERE n.bstart IS NOT NULL ORDER BY n.ast_id;
SELECT 'calls' AS list, count(*) AS nodes,
       count(*) FILTER (WHERE (n.bstart, n.bend, n.line0, n.col, n.end_line0, n.end_col) IS DISTINCT FROM
                              ((c.span).bstart, (c.span).bend, (c.span).line0, (c.span).col, (c.span).end_line0, (c.span).end_col)) AS differ
  FROM lean, codecpg.ast_nodes(f) n JOIN unnest((f).calls) c ON c.ast_id = n.ast_id
UNION ALL
SELECT 'defs', count(*),
       count(*) FILTER (WHERE (n.bstart, n.bend, n.line0, n.col, n.end_line0, n.end_col) IS DISTINCT FROM
                              (d.bstart, d.bend, d.line0, d.col, d.end_line0, d.end_col))
  FROM lean, codecpg.ast_nodes(f) n JOIN codecpg.ast_defs(f) d ON d.ast_id = n.ast_id;
-- a row without line_starts (built by hand, or by a client of 0.1.0's shape) keeps its
-- bytes and ids and has no lines
SELECT n.ast_id, n.kind, n.bstart, n.bend, n.line0, n.col
  FROM lean, codecpg.ast_nodes(ROW((f).repo, (f).path, (f).file_id, (f).file_sha256, (f).nodes[1:3], NULL, NULL, NULL,
                                   NULL, NULL, NULL, NULL, NULL)::codecpg.ast_files_v1) n;
DROP TABLE lean;

-- CHILD edges: slot is the field, idx the list position
SELECT e.src, e.dst, e.kind, e.slot, e.idx
  FROM codecpg.ast_edges(codecpg.ast_extract('t', 'a.py', E'f(a, *b, k=1)\n')) e;

-- identity columns: file_id from (repo, path), sha256 of the source unless given
SELECT f.repo, f.path, f.file_id = codecpg.file_id('t', 'a.py') AS id_ok,
       f.file_sha256 = encode(sha256(convert_to('pass', 'UTF8')), 'hex') AS sha_ok, f.attrs
  FROM codecpg.ast_extract('t', 'a.py', 'pass') f;
SELECT (codecpg.ast_extract('t', 'a.py', 'pass', 'given')).file_sha256;
SELECT codecpg.ast_extract(NULL, 'a.py', 'pass') IS NULL AS null_repo,
       codecpg.ast_extract('t', 'a.py', NULL) IS NULL AS null_source;

-- defs with __qualname__, imports, calls, docstrings, type: ignore comments
\set src '\'"""Module doc."""\nimport os.path as p, sys\nfrom ..pkg import (a, b as c)\nfrom . import *\n\n@deco\nclass C(Base):\n    "Class doc."\n    def m(self):\n        def inner(): return [lambda: 0 for _ in ()]\n        return p.join(self.x, *a, k=1)  # type: ignore[attr]\n\ndef f():\n    global g\n    def g(): pass\n    return (lambda: g)()\n\''
SELECT d.ast_id, d.kind, d.name, d.qualname, d.line0, d.col, d.attrs
  FROM codecpg.ast_defs(codecpg.ast_extract('t', 'd.py', E:src)) d;
SELECT i.* FROM unnest((codecpg.ast_extract('t', 'd.py', E:src)).imports) i;
SELECT c.* FROM unnest((codecpg.ast_extract('t', 'd.py', E:src)).calls) c;
SELECT d.* FROM unnest((codecpg.ast_extract('t', 'd.py', E:src)).docstrings) d;
SELECT t.* FROM unnest((codecpg.ast_extract('t', 'd.py', E:src)).type_ignores) t;

-- stored rows: the extractor in FROM (one call per file; "SELECT (f(...)).*" would call it
-- once per column), then unnesting from the table
SELECT codecpg.put_file('ast_t', 'd.py', E:src) IS NOT NULL AS stored;
INSERT INTO codecpg.ast_files_v1
SELECT a.* FROM codecpg.repo_files_v1 r CROSS JOIN LATERAL codecpg.ast_extract(r.repo, r.path, r.source, r.file_sha256) a
 WHERE r.repo = 'ast_t';
SELECT f.path, count(*) AS nodes, count(*) FILTER (WHERE n.kind = 'Call') AS calls
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.ast_nodes(f) n GROUP BY f.path;
SELECT count(*) AS edges FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.ast_edges(f) e;
SELECT count(*) AS errors FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.ast_errors(f) e;
