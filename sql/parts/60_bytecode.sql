-- codecpg install script, part 60: CPython 3.11 code objects (bytecode_files_v1, parts 60-63).
-- "offset" is reserved in SQL: the seed's INSTR.offset and line_table.offset are
-- instr_offset here. The seed's flags_detail struct is flattened into the code unit.
-- This part holds the element types of a code object whose shape has not changed since
-- 0.1.0; part 61 the instruction and the code object, part 62 the row type and the
-- table, part 63 the functions. They are apart because the upgrade from 0.1.0 runs
-- parts 61 and 63 as they are (sql/updates/0.1.0--0.2.0/31_bytecode_code.sql and
-- 33_bytecode_functions.sql link to them).

CREATE TYPE codecpg.bc_const AS (
    const_index integer,
    const_repr  text
);
COMMENT ON TYPE codecpg.bc_const IS 'An entry of co_consts.';
SELECT codecpg.comment_attributes('codecpg.bc_const', ARRAY[
  ['const_index', 'Index in co_consts.'],
  ['const_repr',  'repr() of the constant, made deterministic: nested code objects as <code object NAME> (no address), frozenset elements sorted by repr, ints too long for repr() in hexadecimal; cut after 1 MiB with "...".']
]);

CREATE TYPE codecpg.bc_exc_entry AS (
    exc_index     integer,
    start_offset  integer,
    end_offset    integer,
    target_offset integer,
    depth         integer,
    lasti         boolean
);
COMMENT ON TYPE codecpg.bc_exc_entry IS 'An entry of the 3.11 exception table (co_exceptiontable).';
SELECT codecpg.comment_attributes('codecpg.bc_exc_entry', ARRAY[
  ['exc_index',     'Ordinal of the entry, 0-based.'],
  ['start_offset',  'First covered byte offset.'],
  ['end_offset',    'Byte offset past the covered range.'],
  ['target_offset', 'Handler offset.'],
  ['depth',         'Stack depth at the handler.'],
  ['lasti',         'The handler pushes the offset of the raising instruction.']
]);

CREATE TYPE codecpg.bc_block AS (
    start_offset integer,
    end_offset   integer,
    kind         text
);
COMMENT ON TYPE codecpg.bc_block IS 'A basic block of a code unit.';
SELECT codecpg.comment_attributes('codecpg.bc_block', ARRAY[
  ['start_offset', 'Offset of the block''s first instruction.'],
  ['end_offset',   'Offset past the block''s last instruction and its caches.'],
  ['kind',         'entry, handler or normal.']
]);

CREATE TYPE codecpg.bc_cfg_edge AS (
    src_block_start   integer,
    src_block_end     integer,
    dst_block_start   integer,
    dst_block_end     integer,
    kind              text,
    edge_key          text,
    cond_instr_index  integer,
    cond_instr_offset integer,
    exc_index         integer
);
COMMENT ON TYPE codecpg.bc_cfg_edge IS 'A control-flow edge between basic blocks.';
SELECT codecpg.comment_attributes('codecpg.bc_cfg_edge', ARRAY[
  ['src_block_start',   'start_offset of the source block.'],
  ['src_block_end',     'end_offset of the source block.'],
  ['dst_block_start',   'start_offset of the destination block.'],
  ['dst_block_end',     'end_offset of the destination block.'],
  ['kind',              'next (fall-through, also the not-taken side of a conditional jump), jump (unconditional), branch (conditional, taken) or exc (to a handler).'],
  ['edge_key',          'Key unique within the code unit: "<kind>:<src_block_start>:<dst_block_start>", with ":<exc_index>" appended for exc edges.'],
  ['cond_instr_index',  'instr_index of the conditional jump for branch edges and for the next edge of its not-taken side, else NULL.'],
  ['cond_instr_offset', 'Offset of that instruction, else NULL.'],
  ['exc_index',         'Exception table entry for exc edges, else NULL.']
]);

CREATE TYPE codecpg.bc_line AS (
    instr_offset integer,
    line1        integer,
    line0        integer
);
COMMENT ON TYPE codecpg.bc_line IS 'An entry of the line table (dis.findlinestarts).';
SELECT codecpg.comment_attributes('codecpg.bc_line', ARRAY[
  ['instr_offset', 'Byte offset where the line starts ("offset" is reserved in SQL).'],
  ['line1',        'Source line, 1-based.'],
  ['line0',        'Source line, 0-based; NULL for line 0 (the module''s RESUME).']
]);
