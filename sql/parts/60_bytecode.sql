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
  ['const_repr',  'repr() of the constant, made deterministic: nested code objects as <code object NAME> (no address), frozenset elements sorted by repr, ints too long for repr() in hexadecimal; cut after 1 MiB with "...".']
]);

CREATE TYPE codecpg.bc_instr AS (
    instr_index    integer,
    instr_offset   integer,
    start_offset   integer,
    end_offset     integer,
    opname         text,
    opcode         integer,
    arg            integer,
    argval_kind    text,
    argval_int     bigint,
    argval_str     text,
    argrepr        text,
    line_number    integer,
    starts_line    integer,
    label          integer,
    is_jump_target boolean,
    jump_target    integer,
    span           codecpg.span,
    attrs          jsonb
);
COMMENT ON TYPE codecpg.bc_instr IS 'A bytecode instruction as dis shows it on co_code (unquickened); CACHE entries are not elements: end_offset is past them.';
SELECT codecpg.comment_attributes('codecpg.bc_instr', ARRAY[
  ['instr_index',    'Ordinal of the instruction in its code unit, 0-based.'],
  ['instr_offset',   'Byte offset in co_code (dis offset; "offset" is reserved in SQL).'],
  ['start_offset',   'Offset of the first EXTENDED_ARG prefix of this instruction, or instr_offset (EXTENDED_ARG prefixes are instructions of their own, as in dis).'],
  ['end_offset',     'Offset just past the instruction and its inline cache entries (2 bytes each, all zeros in co_code).'],
  ['opname',         'Operation name as dis shows it.'],
  ['opcode',         'Numeric opcode.'],
  ['arg',            'Argument including EXTENDED_ARG prefixes, or NULL.'],
  ['argval_kind',    'Python type name of dis''s argval: int, str, bool, NoneType, tuple, float, bytes, frozenset, code, ...; unknown where dis has no value (KW_NAMES); NULL without an argument.'],
  ['argval_int',     'argval when it is an integer (jump targets, counts, int and bool constants that fit 64 bits); the code_id of a code object constant; 1/0 for FORMAT_VALUE with/without a format spec.'],
  ['argval_str',     'argval when it is a name or other text (names, comparison operators, str constants that are valid text without NUL; the FORMAT_VALUE conversion).'],
  ['argrepr',        'Human-readable argument as dis prints it.'],
  ['line_number',    'Source line (1-based) of the instruction from co_positions(), or NULL; 0 for the module''s RESUME.'],
  ['starts_line',    'The 1-based line when the instruction starts a line, else NULL.'],
  ['label',          'Jump-target label number, 1-based in offset order of the targets, or NULL.'],
  ['is_jump_target', 'Some jump instruction targets this offset (dis.get_instructions semantics: exception handlers are not counted).'],
  ['jump_target',    'Offset the instruction jumps to, or NULL.'],
  ['span',           'Source span from co_positions(): 0-based lines, UTF-8 byte columns; components CPython leaves as None are NULL; NULL when all are None.'],
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
  ['span',                  'From the first to the last byte covered by the positions of its instructions (UTF-8 byte columns), or NULL.'],
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
  ['attrs',        'python_version, magic_number, code_objects, instructions and truncated_reprs (jsonb).']
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

-- Functions --------------------------------------------------------------------

CREATE FUNCTION codecpg.bytecode_extract(repo text, path text, source text, file_sha256 text DEFAULT NULL)
RETURNS codecpg.bytecode_files_v1
AS 'MODULE_PATHNAME', 'cpg_bytecode_extract'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.bytecode_extract(text, text, text, text) IS
  'Compiles one Python file with the embedded CPython 3.11 (never runs it) and returns every code object with its instructions (as dis shows them), exception table, basic blocks, CFG edges and line table; a compilation failure is an error row. file_sha256 defaults to the SHA-256 of the source.';

CREATE FUNCTION codecpg.bc_code_units(f codecpg.bytecode_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT code_id integer, OUT parent_code_id integer, OUT qualname text, OUT name text,
    OUT firstlineno1 integer, OUT argcount integer, OUT posonlyargcount integer,
    OUT kwonlyargcount integer, OUT nlocals integer, OUT flags integer, OUT stacksize integer,
    OUT code_len integer, OUT is_optimized boolean, OUT is_newlocals boolean,
    OUT has_varargs boolean, OUT has_varkeywords boolean, OUT is_nested boolean,
    OUT is_generator boolean, OUT is_nofree boolean, OUT is_coroutine boolean,
    OUT is_iterable_coroutine boolean, OUT is_async_generator boolean,
    OUT varnames text[], OUT freevars text[], OUT cellvars text[], OUT names text[],
    OUT const_reprs text[], OUT instr_count integer, OUT exc_entry_count integer,
    OUT block_count integer, OUT edge_count integer,
    OUT bstart integer, OUT bend integer, OUT line0 integer, OUT col integer,
    OUT end_line0 integer, OUT end_col integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_bc_code_units'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.bc_code_units(codecpg.bytecode_files_v1) IS
  'One row per code object of a bytecode_files_v1 row: its codecpg.bc_code fields flat, consts as reprs, list sizes and its span (UTF-8 byte columns).';

CREATE FUNCTION codecpg.bc_instructions(f codecpg.bytecode_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT code_id integer, OUT qualname text,
    OUT instr_index integer, OUT instr_offset integer, OUT start_offset integer,
    OUT end_offset integer, OUT opname text, OUT baseopname text, OUT opcode integer,
    OUT baseopcode integer, OUT arg integer, OUT oparg integer, OUT argval_kind text,
    OUT argval_int bigint, OUT argval_str text, OUT argrepr text, OUT line_number integer,
    OUT starts_line integer, OUT label integer, OUT is_jump_target boolean,
    OUT jump_target integer, OUT cache_units integer,
    OUT bstart integer, OUT bend integer, OUT line0 integer, OUT col integer,
    OUT end_line0 integer, OUT end_col integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_bc_instructions'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.bc_instructions(codecpg.bytecode_files_v1) IS
  'One row per instruction of every code object (dis order), with its span flat (UTF-8 byte columns). baseopname, baseopcode and oparg repeat opname, opcode and arg (co_code is unquickened); cache_units counts the inline CACHE entries between the instruction and end_offset.';

CREATE FUNCTION codecpg.bc_exception_table(f codecpg.bytecode_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT code_id integer, OUT qualname text,
    OUT exc_index integer, OUT start_offset integer, OUT end_offset integer,
    OUT target_offset integer, OUT depth integer, OUT lasti boolean)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_bc_exception_table'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.bc_exception_table(codecpg.bytecode_files_v1) IS
  'One row per exception table entry of every code object (end_offset exclusive).';

CREATE FUNCTION codecpg.bc_blocks(f codecpg.bytecode_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT code_id integer, OUT qualname text,
    OUT block_index integer, OUT start_offset integer, OUT end_offset integer, OUT kind text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_bc_blocks'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.bc_blocks(codecpg.bytecode_files_v1) IS
  'One row per basic block of every code object, block_index in offset order.';

CREATE FUNCTION codecpg.bc_cfg_edges(f codecpg.bytecode_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT code_id integer, OUT qualname text,
    OUT src_block_start integer, OUT src_block_end integer,
    OUT dst_block_start integer, OUT dst_block_end integer, OUT kind text, OUT edge_key text,
    OUT cond_instr_index integer, OUT cond_instr_offset integer, OUT exc_index integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_bc_cfg_edges'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.bc_cfg_edges(codecpg.bytecode_files_v1) IS
  'One row per control-flow edge between basic blocks: next, jump, branch, exc.';

CREATE FUNCTION codecpg.bc_line_table(f codecpg.bytecode_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT code_id integer, OUT qualname text,
    OUT instr_offset integer, OUT line1 integer, OUT line0 integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_bc_line_table'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.bc_line_table(codecpg.bytecode_files_v1) IS
  'One row per line start (dis.findlinestarts) of every code object.';

CREATE FUNCTION codecpg.bc_errors(f codecpg.bytecode_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT error_index integer, OUT error_type text, OUT message text,
    OUT bstart integer, OUT bend integer, OUT line0 integer, OUT col integer,
    OUT end_line0 integer, OUT end_col integer, OUT attrs jsonb)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_bc_errors'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.bc_errors(codecpg.bytecode_files_v1) IS
  'One row per compilation failure of a bytecode_files_v1 row, with its span (UTF-8 byte columns) where CPython reports one.';
