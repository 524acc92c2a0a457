-- codecpg install script, part 61: a code object (codecpg.bc_code) and its instructions
-- (codecpg.bc_instr), built of part 60's element types. A part of its own because 0.2.0
-- changed their shape: the upgrade from 0.1.0 renames the old types away and creates
-- these from this same text (sql/updates/0.1.0--0.2.0/31_bytecode_code.sql links here)
-- before it converts the stored lists.

CREATE TYPE codecpg.bc_instr AS (
    opcode         integer,
    arg            integer,
    argval_kind    text,
    argval_int     bigint,
    argval_str     text,
    line_number    integer,
    bstart         integer,
    bend           integer,
    col            integer,
    end_line_delta integer,
    end_col        integer,
    attrs          jsonb
);
COMMENT ON TYPE codecpg.bc_instr IS 'A bytecode instruction as dis shows it on co_code (unquickened), stored lean: its offset, jump target and label follow from the opcodes and arguments in list order, argrepr from argval and the constants, the lines of its span from line_number; codecpg.bc_instructions gives every column. CACHE entries are not elements: end_offset is past them.';
SELECT codecpg.comment_attributes('codecpg.bc_instr', ARRAY[
  ['opcode',         'Numeric opcode.'],
  ['arg',            'Argument including EXTENDED_ARG prefixes, or NULL.'],
  ['argval_kind',    'Python type name of dis''s argval: int, str, bool, NoneType, tuple, float, bytes, frozenset, code, ...; unknown where dis has no value (KW_NAMES); NULL without an argument.'],
  ['argval_int',     'argval when it is an integer (jump targets, counts, int and bool constants that fit 64 bits); the code_id of a code object constant; 1/0 for FORMAT_VALUE with/without a format spec.'],
  ['argval_str',     'argval when it is a name or other text (names, comparison operators, str constants that are valid text without NUL; the FORMAT_VALUE conversion).'],
  ['line_number',    'Source line (1-based) of the instruction from co_positions(), or NULL; 0 for the module''s RESUME.'],
  ['bstart',         'First byte of the source span from co_positions() in the file''s UTF-8 text, or NULL.'],
  ['bend',           'Byte just past the source span, or NULL.'],
  ['col',            'Start column from co_positions(), 0-based, in UTF-8 bytes, or NULL when CPython leaves it as None.'],
  ['end_line_delta', 'End line from co_positions() (1-based) minus line_number (0 when line_number is NULL), or NULL when the end line is None or 0; bc_instructions gives the span''s end_line0.'],
  ['end_col',        'End column from co_positions(), 0-based, in UTF-8 bytes, or NULL when CPython leaves it as None.'],
  ['attrs',          'Additional facts (jsonb), or NULL.']
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
