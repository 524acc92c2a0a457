-- The bytecode set-returning functions take any bytecode_files_v1 value, also one
-- built by hand with NULL fields and NULL list elements: a NULL element is skipped
-- (a NULL const keeps its slot in bc_code_units.const_reprs as NULL, since
-- LOAD_CONST arguments index that array; cache_units is 0 without both offsets),
-- and a NULL field yields NULL columns. The derived instruction columns: instr_index is
-- the list position; instr_offset 0 for the first element and then past each opcode's
-- inline caches, NULL after an element whose size is unknown (a NULL element or one
-- without an opcode); end_offset the next element's offset (code_len after the last);
-- opname NULL without an opcode.

CREATE TEMP TABLE bc_rows (label text, f codecpg.bytecode_files_v1);
INSERT INTO bc_rows VALUES
  ('all null', jsonb_populate_record(NULL::codecpg.bytecode_files_v1, '{}')),
  ('null elements', jsonb_populate_record(NULL::codecpg.bytecode_files_v1,
     '{"code_objects": [null, {},
        {"code_id": 0, "qualname": "<module>", "code_len": 10,
         "consts": [null, {}, {"const_index": 2, "const_repr": "1"}],
         "instructions": [{"opcode": 9}, {}, null, {"opcode": 9}],
         "exception_table": [null, {}], "blocks": [null, {}], "cfg_edges": [null, {}],
         "line_table": [null, {}]}],
       "errors": [null, {}]}')),
  -- an extracted row with a const, an instruction and the qualname NULLed
  ('extracted, holes', jsonb_populate_record(NULL::codecpg.bytecode_files_v1,
     jsonb_set(jsonb_set(jsonb_set(
       to_jsonb(codecpg.bytecode_extract('t', 'b.py', E'x = 1\n')),
       '{code_objects,0,consts,0}', 'null'), '{code_objects,0,instructions,1}', 'null'),
       '{code_objects,0,qualname}', 'null')));

SELECT r.label, c.code_id, c.qualname, c.const_reprs, c.instr_count, c.line0
  FROM bc_rows r, codecpg.bc_code_units(r.f) c ORDER BY r.label, c.code_id;
SELECT r.label, i.code_id, i.qualname, i.instr_index, i.instr_offset, i.start_offset, i.end_offset,
       i.opname, i.starts_line, i.cache_units, i.line0
  FROM bc_rows r, codecpg.bc_instructions(r.f) i ORDER BY r.label, i.code_id, i.instr_index;
SELECT r.label, count(*) FROM bc_rows r, codecpg.bc_exception_table(r.f) GROUP BY 1 ORDER BY 1;
SELECT r.label, count(*) FROM bc_rows r, codecpg.bc_blocks(r.f) GROUP BY 1 ORDER BY 1;
SELECT r.label, count(*) FROM bc_rows r, codecpg.bc_cfg_edges(r.f) GROUP BY 1 ORDER BY 1;
SELECT r.label, count(*) FROM bc_rows r, codecpg.bc_line_table(r.f) GROUP BY 1 ORDER BY 1;
SELECT r.label, e.* FROM bc_rows r, codecpg.bc_errors(r.f) e ORDER BY r.label, e.error_index;
