-- codecpg install script, part 50: symtable_files_v1, CPython's symbol table.

CREATE TYPE codecpg.sym_partitions AS (
    parameters text[],
    locals     text[],
    globals    text[],
    nonlocals  text[],
    frees      text[]
);
COMMENT ON TYPE codecpg.sym_partitions IS 'symtable.Function''s partitions of a function scope''s names.';
SELECT codecpg.comment_attributes('codecpg.sym_partitions', ARRAY[
  ['parameters', 'Function.get_parameters().'],
  ['locals',     'Function.get_locals().'],
  ['globals',    'Function.get_globals().'],
  ['nonlocals',  'Function.get_nonlocals().'],
  ['frees',      'Function.get_frees().']
]);

CREATE TYPE codecpg.sym_symbol AS (
    name                text,
    is_referenced       boolean,
    is_imported         boolean,
    is_parameter        boolean,
    is_type_parameter   boolean,
    is_global           boolean,
    is_nonlocal         boolean,
    is_declared_global  boolean,
    is_local            boolean,
    is_annotated        boolean,
    is_free             boolean,
    is_assigned         boolean,
    is_namespace        boolean,
    namespace_count     integer,
    namespace_block_ids integer[],
    attrs               jsonb
);
COMMENT ON TYPE codecpg.sym_symbol IS 'A symbol of a scope with its flags (the seed''s flags struct, flattened).';
SELECT codecpg.comment_attributes('codecpg.sym_symbol', ARRAY[
  ['name',                'Symbol name (mangled as CPython stores it).'],
  ['is_referenced',       'Symbol.is_referenced().'],
  ['is_imported',         'Symbol.is_imported().'],
  ['is_parameter',        'Symbol.is_parameter().'],
  ['is_type_parameter',   'Type parameter (PEP 695); always false on Python 3.11.'],
  ['is_global',           'Symbol.is_global().'],
  ['is_nonlocal',         'Symbol.is_nonlocal().'],
  ['is_declared_global',  'Symbol.is_declared_global().'],
  ['is_local',            'Symbol.is_local().'],
  ['is_annotated',        'Symbol.is_annotated().'],
  ['is_free',             'Symbol.is_free().'],
  ['is_assigned',         'Symbol.is_assigned().'],
  ['is_namespace',        'Symbol.is_namespace(): the name binds a nested scope.'],
  ['namespace_count',     'len(Symbol.get_namespaces()).'],
  ['namespace_block_ids', 'block_id of each namespace the symbol binds.'],
  ['attrs',               'Raw flag bits and scope (jsonb), or NULL.']
]);

CREATE TYPE codecpg.sym_block AS (
    block_id            integer,
    parent_block_id     integer,
    block_type          text,
    name                text,
    lineno1             integer,
    span_hint           codecpg.span,
    qualpath            text,
    function_partitions codecpg.sym_partitions,
    class_methods       text[],
    is_meta_scope       boolean,
    symbols             codecpg.sym_symbol[],
    attrs               jsonb
);
COMMENT ON TYPE codecpg.sym_block IS 'A symbol table (scope): module, class, function, lambda, comprehension or annotation scope.';
SELECT codecpg.comment_attributes('codecpg.sym_block', ARRAY[
  ['block_id',            'Preorder index of the table in the file, 0 for the module.'],
  ['parent_block_id',     'block_id of the enclosing table; NULL for the module.'],
  ['block_type',          'SymbolTable.get_type(): module, class, function (lambdas and comprehensions are functions in 3.11), annotation.'],
  ['name',                'SymbolTable.get_name(): top, a class or function name, lambda, listcomp, genexpr, ...'],
  ['lineno1',             'SymbolTable.get_lineno(), 1-based.'],
  ['span_hint',           'Span of the line the table starts on (CPython gives only a line).'],
  ['qualpath',            'Dotted path of table names from the module, e.g. top.Outer.method.'],
  ['function_partitions', 'For function tables: parameters, locals, globals, nonlocals, frees; else NULL.'],
  ['class_methods',       'For class tables: Class.get_methods(); else NULL.'],
  ['is_meta_scope',       'The table is not a user-visible scope of its own (comprehension or annotation scope).'],
  ['symbols',             'The table''s symbols.'],
  ['attrs',               'has_children, is_optimized, is_nested and similar (jsonb).']
]);

CREATE TYPE codecpg.symtable_file AS (
    repo        text,
    path        text,
    file_id     text,
    file_sha256 text,
    blocks      codecpg.sym_block[],
    errors      codecpg.extract_error[],
    attrs       jsonb
);
COMMENT ON TYPE codecpg.symtable_file IS 'CPython''s symbol tables of one file. Row type of codecpg.symtable_files_v1.';
SELECT codecpg.comment_attributes('codecpg.symtable_file', ARRAY[
  ['repo',        'Repository name (codecpg.repo_files_v1.repo).'],
  ['path',        'File path relative to the repository root.'],
  ['file_id',     'Stable file identity (codecpg.repo_files_v1.file_id).'],
  ['file_sha256', 'SHA-256 of the source these facts were extracted from.'],
  ['blocks',      'Every symbol table in preorder.'],
  ['errors',      'Failures (SyntaxError, ...).'],
  ['attrs',       'Python version (jsonb).']
]);

CREATE TABLE codecpg.symtable_files_v1 OF codecpg.symtable_file (
    repo WITH OPTIONS NOT NULL,
    path WITH OPTIONS NOT NULL,
    file_id WITH OPTIONS NOT NULL,
    file_sha256 WITH OPTIONS NOT NULL,
    CONSTRAINT symtable_files_v1_pkey PRIMARY KEY (repo, file_id),
    CONSTRAINT symtable_files_v1_file_fkey FOREIGN KEY (repo, file_id)
        REFERENCES codecpg.repo_files_v1 (repo, file_id) ON DELETE CASCADE
);
COMMENT ON TABLE codecpg.symtable_files_v1 IS
  'Symbol tables, one row per file; unnest with the codecpg.sym_* functions.';
SELECT codecpg.copy_type_comments('codecpg.symtable_files_v1');
-- Indexed data is user data: pg_dump must dump its rows.
SELECT pg_catalog.pg_extension_config_dump('codecpg.symtable_files_v1', '');
