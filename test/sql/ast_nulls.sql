-- The ast set-returning functions take any ast_files_v1 value, also one built by hand
-- with NULL fields and NULL list elements: a NULL element is skipped, a NULL field
-- yields NULL columns (never a crash).

CREATE TEMP TABLE ast_rows (label text, f codecpg.ast_files_v1);
INSERT INTO ast_rows VALUES
  -- every field NULL
  ('all null', jsonb_populate_record(NULL::codecpg.ast_files_v1, '{}')),
  -- lists holding a NULL element and an element whose fields are all NULL
  ('null elements', jsonb_populate_record(NULL::codecpg.ast_files_v1,
     '{"nodes": [null, {}], "errors": [null, {}], "defs": [null, {}]}')),
  -- an extracted row with its identity, one node, one def's span and a def NULLed
  ('extracted, holes', jsonb_populate_record(NULL::codecpg.ast_files_v1,
     jsonb_set(jsonb_set(jsonb_set(jsonb_set(
       to_jsonb(codecpg.ast_extract('t', 'a.py', E'def f():\n    lambda: 0\n')),
       '{file_id}', 'null'), '{nodes,2}', 'null'), '{defs,0,span}', 'null'), '{defs,1}', 'null')));

SELECT r.label, n.* FROM ast_rows r, codecpg.ast_nodes(r.f) n ORDER BY r.label, n.ast_id;
SELECT r.label, e.* FROM ast_rows r, codecpg.ast_edges(r.f) e ORDER BY r.label, e.dst;
SELECT r.label, e.* FROM ast_rows r, codecpg.ast_errors(r.f) e ORDER BY r.label;
SELECT r.label, d.* FROM ast_rows r, codecpg.ast_defs(r.f) d ORDER BY r.label, d.ast_id;
