-- codecpg install script, part 60: bytecode_files_v1, CPython 3.11 code objects.
-- "offset" is reserved in SQL: the seed's INSTR.offset and line_table.offset are
-- instr_offset here. The seed's flags_detail struct is flattened into the code unit.

CREATE TYPE codecpg.bc_const AS (
    const_index integer,
    const_repr  text
);
COMMENT ON TYPE codecpg.bc_const IS 'An entry of co_consts.';
SELECT codecpg.comment_attributes('codecpg.bc_const', ARRAY[
  ['const_index', 'Index in co_consts.'],
  ['const_repr',  'repr() of the constant (nested code objects as <code object name>).']
]);

CREATE TYPE codecpg.bc_cache AS (
    name     text,
    size     integer,
    data_hex text
);
COMMENT ON TYPE codecpg.bc_cache IS 'An inline cache entry of an adaptive instruction (dis.Instruction with show_caches).';
SELECT codecpg.comment_attributes('codecpg.bc_cache', ARRAY[
  ['name',     'Cache field name from opcode._cache_format, e.g. counter, index.'],
  ['size',     'Size in code units (2 bytes each).'],
  ['data_hex', 'The cache bytes as hex, as stored in co_code (zeros when unquickened).']
]);

CREATE TYPE codecpg.bc_instr AS (
    instr_index    integer,
    instr_offset   integer,
    start_offset   integer,
    end_offset     integer,
    opname         text,
    baseopname     text,
    opcode         integer,
    baseopcode     integer,
    arg            integer,
    oparg          integer,
    argval_kind    text,
    argval_int     bigint,
    argval_str     text,
    argrepr        text,
    line_number    integer,
    starts_line    integer,
    label          integer,
    is_jump_target boolean,
    jump_target    integer,
    cache_info     codecpg.bc_cache[],
    span           codecpg.span,
    attrs          jsonb
);
COMMENT ON TYPE codecpg.bc_instr IS 'A bytecode instruction as dis shows it (CACHE entries folded into cache_info).';
SELECT codecpg.comment_attributes('codecpg.bc_instr', ARRAY[
  ['instr_index',    'Ordinal of the instruction in its code unit, 0-based.'],
  ['instr_offset',   'Byte offset in co_code (dis offset; "offset" is reserved in SQL).'],
  ['start_offset',   'Offset of the first EXTENDED_ARG prefix of this instruction, or instr_offset.'],
  ['end_offset',     'Offset just past the instruction and its cache entries.'],
  ['opname',         'Operation name as dis shows it.'],
  ['baseopname',     'Base (unspecialised) operation name.'],
  ['opcode',         'Numeric opcode.'],
  ['baseopcode',     'Numeric base opcode.'],
  ['arg',            'Argument including EXTENDED_ARG prefixes, or NULL.'],
  ['oparg',          'The argument as dis reports it (same as arg on 3.11), or NULL.'],
  ['argval_kind',    'Type of argval: int, str, code, none, ...'],
  ['argval_int',     'argval when it is an integer (jump targets, counts).'],
  ['argval_str',     'argval when it is a name or other text.'],
  ['argrepr',        'Human-readable argument as dis prints it.'],
  ['line_number',    'Source line (1-based) of the instruction, or NULL.'],
  ['starts_line',    'The 1-based line when the instruction starts a line, else NULL.'],
  ['label',          'Jump-target label number (order of targets), or NULL.'],
  ['is_jump_target', 'Some instruction jumps here.'],
  ['jump_target',    'Offset the instruction jumps to, or NULL.'],
  ['cache_info',     'Inline cache entries following the instruction.'],
  ['span',           'Source span from co_positions() (UTF-8 byte columns), or NULL.'],
  ['attrs',          'Additional facts (jsonb), or NULL.']
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
  ['kind',              'next (fall-through), jump (unconditional), branch (conditional, taken) or exc (to a handler).'],
  ['edge_key',          'Stable key "<kind>:<src>:<dst>" within the code unit.'],
  ['cond_instr_index',  'instr_index of the conditional jump for branch edges, else NULL.'],
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
  ['line0',        'Source line, 0-based.']
]);

CREATE TYPE codecpg.bc_code AS (
    code_id               integer,
    parent_code_id        integer,
    qualname              text,
    name                  text,
    firstlineno1          integer,
    argcount              integer,
    posonlyargcount       integer,
    kwonlyargcount        integer,
    nlocals               integer,
    flags                 integer,
    stacksize             integer,
    code_len              integer,
    is_optimized          boolean,
    is_newlocals          boolean,
    has_varargs           boolean,
    has_varkeywords       boolean,
    is_nested             boolean,
    is_generator          boolean,
    is_nofree             boolean,
    is_coroutine          boolean,
    is_iterable_coroutine boolean,
    is_async_generator    boolean,
    varnames              text[],
    freevars              text[],
    cellvars              text[],
    names                 text[],
    consts                codecpg.bc_const[],
    instructions          codecpg.bc_instr[],
    exception_table       codecpg.bc_exc_entry[],
    blocks                codecpg.bc_block[],
    cfg_edges             codecpg.bc_cfg_edge[],
    line_table            codecpg.bc_line[],
    span                  codecpg.span,
    attrs                 jsonb
);
COMMENT ON TYPE codecpg.bc_code IS 'A code object (module, class body, function, lambda, comprehension), in preorder of nesting.';
SELECT codecpg.comment_attributes('codecpg.bc_code', ARRAY[
  ['code_id',               'Preorder index of the code object in the file, 0 for the module.'],
  ['parent_code_id',        'code_id of the code object whose co_consts holds this one; NULL for the module.'],
  ['qualname',              'co_qualname.'],
  ['name',                  'co_name.'],
  ['firstlineno1',          'co_firstlineno, 1-based.'],
  ['argcount',              'co_argcount.'],
  ['posonlyargcount',       'co_posonlyargcount.'],
  ['kwonlyargcount',        'co_kwonlyargcount.'],
  ['nlocals',               'co_nlocals.'],
  ['flags',                 'co_flags.'],
  ['stacksize',             'co_stacksize.'],
  ['code_len',              'len(co_code) in bytes.'],
  ['is_optimized',          'CO_OPTIMIZED.'],
  ['is_newlocals',          'CO_NEWLOCALS.'],
  ['has_varargs',           'CO_VARARGS.'],
  ['has_varkeywords',       'CO_VARKEYWORDS.'],
  ['is_nested',             'CO_NESTED.'],
  ['is_generator',          'CO_GENERATOR.'],
  ['is_nofree',             'CO_NOFREE.'],
  ['is_coroutine',          'CO_COROUTINE.'],
  ['is_iterable_coroutine', 'CO_ITERABLE_COROUTINE.'],
  ['is_async_generator',    'CO_ASYNC_GENERATOR.'],
  ['varnames',              'co_varnames.'],
  ['freevars',              'co_freevars.'],
  ['cellvars',              'co_cellvars.'],
  ['names',                 'co_names.'],
  ['consts',                'co_consts as reprs.'],
  ['instructions',          'Instructions in offset order.'],
  ['exception_table',       'Exception table entries.'],
  ['blocks',                'Basic blocks.'],
  ['cfg_edges',             'Control-flow edges.'],
  ['line_table',            'Line starts.'],
  ['span',                  'Span of the source the code object was compiled from, from its positions, or NULL.'],
  ['attrs',                 'Additional facts (jsonb), or NULL.']
]);

CREATE TYPE codecpg.bytecode_file AS (
    repo         text,
    path         text,
    file_id      text,
    file_sha256  text,
    code_objects codecpg.bc_code[],
    errors       codecpg.extract_error[],
    attrs        jsonb
);
COMMENT ON TYPE codecpg.bytecode_file IS 'CPython 3.11 bytecode of one file, compiled but never run. Row type of codecpg.bytecode_files_v1.';
SELECT codecpg.comment_attributes('codecpg.bytecode_file', ARRAY[
  ['repo',         'Repository name (codecpg.repo_files_v1.repo).'],
  ['path',         'File path relative to the repository root.'],
  ['file_id',      'Stable file identity (codecpg.repo_files_v1.file_id).'],
  ['file_sha256',  'SHA-256 of the source these facts were extracted from.'],
  ['code_objects', 'Every code object in preorder of nesting.'],
  ['errors',       'Compilation failures (SyntaxError, RecursionError, ...).'],
  ['attrs',        'Python version and magic number (jsonb).']
]);

CREATE TABLE codecpg.bytecode_files_v1 OF codecpg.bytecode_file (
    repo WITH OPTIONS NOT NULL,
    path WITH OPTIONS NOT NULL,
    file_id WITH OPTIONS NOT NULL,
    file_sha256 WITH OPTIONS NOT NULL,
    CONSTRAINT bytecode_files_v1_pkey PRIMARY KEY (repo, file_id),
    CONSTRAINT bytecode_files_v1_file_fkey FOREIGN KEY (repo, file_id)
        REFERENCES codecpg.repo_files_v1 (repo, file_id) ON DELETE CASCADE
);
COMMENT ON TABLE codecpg.bytecode_files_v1 IS
  'Bytecode, one row per file; unnest with the codecpg.bc_* functions.';
SELECT codecpg.copy_type_comments('codecpg.bytecode_files_v1');
-- Indexed data is user data: pg_dump must dump its rows.
SELECT pg_catalog.pg_extension_config_dump('codecpg.bytecode_files_v1', '');
