-- The symtable set-returning functions take any symtable_files_v1 value, also one
-- built by hand with NULL fields and NULL list elements: a NULL element is skipped, a
-- NULL field yields NULL columns, and scope_id (a hash of file_id, block_id,
-- block_type, name and lineno1) is NULL when any of its parts is.

CREATE TEMP TABLE sym_rows (label text, f codecpg.symtable_files_v1);
INSERT INTO sym_rows VALUES
  ('all null', jsonb_populate_record(NULL::codecpg.symtable_files_v1, '{}')),
  ('null elements', jsonb_populate_record(NULL::codecpg.symtable_files_v1,
     '{"file_id": "f", "blocks": [null, {},
        {"block_id": 1, "parent_block_id": 0, "block_type": "function", "name": "g", "lineno1": 2,
         "symbols": [null, {}, {"name": "a", "namespace_block_ids": [null, 3]}],
         "function_partitions": {"parameters": [null, "a"], "locals": null}}]}')),
  -- an extracted row with file_id, a block name and a symbol NULLed
  ('extracted, holes', jsonb_populate_record(NULL::codecpg.symtable_files_v1,
     jsonb_set(jsonb_set(jsonb_set(
       to_jsonb(codecpg.symtable_extract('t', 's.py', E'def f(a):\n    def g(): pass\n')),
       '{file_id}', 'null'), '{blocks,1,name}', 'null'), '{blocks,1,symbols,0}', 'null')));

SELECT r.label, s.block_id, s.parent_block_id, s.block_type, s.name, s.lineno1, s.symbol_count,
       s.scope_id IS NULL AS no_scope_id, s.line0
  FROM sym_rows r, codecpg.sym_scopes(r.f) s ORDER BY r.label, s.block_id;
SELECT r.label, s.block_id, s.name, s.is_local, s.namespace_block_ids
  FROM sym_rows r, codecpg.sym_symbols(r.f) s ORDER BY r.label, s.block_id, s.name;
SELECT r.label, e.* FROM sym_rows r, codecpg.sym_scope_edges(r.f) e ORDER BY r.label, e.child_block_id;
SELECT r.label, e.block_id, e.symbol_name, e.namespace_block_id
  FROM sym_rows r, codecpg.sym_namespace_edges(r.f) e ORDER BY r.label, e.block_id;
SELECT r.label, p.block_id, p.partition, p.ordinal, p.name
  FROM sym_rows r, codecpg.sym_function_partitions(r.f) p ORDER BY r.label, p.block_id, p.partition, p.ordinal;
