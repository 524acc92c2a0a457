-- Leaner bytecode lists (60_bytecode.sql), from 0.1.0. The views' helpers, the views,
-- the pictures and the roles come from their install parts (89_cpg_helpers.sql ..
-- 98_roles.sql, links to parts 97 .. 99), after every part that adds a function they
-- call; 20_resolver.sql dropped the 0.1.0 functions whose bodies read the bytecode lists
-- rewritten here.

-- Storage: 29_storage.sql (a link to part 98_storage.sql) set lz4 for the bytecode and
-- AST lists. The AST values stored by 0.1.0 keep pglz until their files are extracted
-- again; the bytecode lists are rewritten below.

-- Leaner bytecode instructions (60_bytecode.sql): baseopname, baseopcode and oparg
-- repeated opname, opcode and arg (co_code is unquickened), and cache_info described
-- inline caches that are all zeros; bc_instructions derives them. A composite type that a
-- column uses cannot lose attributes: the lists are rebuilt into new types (through
-- jsonb, which keeps every value, NULL elements included), which then take the old
-- names, and the rewrite stores them with lz4 (see the storage settings above). A typed
-- table's column cannot change type, so the table leaves its row type meanwhile. This
-- comes after the 0.1.0 functions whose standard bodies read the lists are gone (20).
CREATE TYPE codecpg.bc_instr_v2 AS (
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
CREATE TYPE codecpg.bc_code_v2 AS (
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
    instructions          codecpg.bc_instr_v2[],
    exception_table       codecpg.bc_exc_entry[],
    blocks                codecpg.bc_block[],
    cfg_edges             codecpg.bc_cfg_edge[],
    line_table            codecpg.bc_line[],
    span                  codecpg.span,
    attrs                 jsonb
);
CREATE TYPE codecpg.bc_upgrade_lists AS (code_objects codecpg.bc_code_v2[]);
ALTER TABLE codecpg.bytecode_files_v1 NOT OF;
DO $$
DECLARE
    rebuild text := 'ALTER TABLE codecpg.bytecode_files_v1 ALTER COLUMN code_objects TYPE codecpg.bc_code_v2[]
        USING (pg_catalog.jsonb_populate_record(NULL::codecpg.bc_upgrade_lists,
               pg_catalog.jsonb_build_object(''code_objects'', pg_catalog.to_jsonb(code_objects)))).code_objects';
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_settings
                WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        rebuild := rebuild || ', ALTER COLUMN code_objects SET COMPRESSION lz4';
    END IF;
    EXECUTE rebuild;
END
$$;
ALTER TYPE codecpg.bytecode_file ALTER ATTRIBUTE code_objects TYPE codecpg.bc_code_v2[];
ALTER TABLE codecpg.bytecode_files_v1 OF codecpg.bytecode_file;
DROP TYPE codecpg.bc_upgrade_lists;
DROP TYPE codecpg.bc_code;
DROP TYPE codecpg.bc_instr;
DROP TYPE codecpg.bc_cache;
ALTER TYPE codecpg.bc_instr_v2 RENAME TO bc_instr;
ALTER TYPE codecpg.bc_code_v2 RENAME TO bc_code;
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
COMMENT ON FUNCTION codecpg.bc_instructions(codecpg.bytecode_files_v1) IS
  'One row per instruction of every code object (dis order), with its span flat (UTF-8 byte columns). baseopname, baseopcode and oparg repeat opname, opcode and arg (co_code is unquickened); cache_units counts the inline CACHE entries between the instruction and end_offset.';
