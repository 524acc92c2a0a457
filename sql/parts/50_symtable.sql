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
  ['is_global',           'Symbol.is_global() (true for every bound name of a table named "top", as symtable.py decides).'],
  ['is_nonlocal',         'Symbol.is_nonlocal().'],
  ['is_declared_global',  'Symbol.is_declared_global().'],
  ['is_local',            'Symbol.is_local().'],
  ['is_annotated',        'Symbol.is_annotated().'],
  ['is_free',             'Symbol.is_free().'],
  ['is_assigned',         'Symbol.is_assigned().'],
  ['is_namespace',        'Symbol.is_namespace(): the name binds a nested scope.'],
  ['namespace_count',     'len(Symbol.get_namespaces()).'],
  ['namespace_block_ids', 'block_id of each namespace the symbol binds.'],
  ['attrs',               'The raw flag word ("flags") and the resolved scope ("scope": LOCAL, GLOBAL_EXPLICIT, GLOBAL_IMPLICIT, FREE or CELL; absent when none).']
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
  ['block_type',          'SymbolTable.get_type(): module, class or function (lambdas and comprehensions are function tables in 3.11, which has no annotation scopes).'],
  ['name',                'SymbolTable.get_name(): top, a class or function name, lambda, listcomp, genexpr, ...'],
  ['lineno1',             'SymbolTable.get_lineno(), 1-based.'],
  ['span_hint',           'Span of the line the table starts on (CPython gives only a line).'],
  ['qualpath',            'Dotted path of table names from the module, e.g. top.Outer.method.'],
  ['function_partitions', 'For function tables: parameters, locals, globals, nonlocals, frees; else NULL.'],
  ['class_methods',       'For class tables: Class.get_methods(); else NULL.'],
  ['is_meta_scope',       'The table is not a user-visible scope of its own: a comprehension''s table (it has the hidden parameter ".0").'],
  ['symbols',             'The table''s symbols.'],
  ['attrs',               'SymbolTable.has_children(), is_optimized() and is_nested() (jsonb).']
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

CREATE FUNCTION codecpg.symtable_extract(repo text, path text, source text, file_sha256 text DEFAULT NULL)
RETURNS codecpg.symtable_files_v1
AS 'MODULE_PATHNAME', 'cpg_symtable_extract'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.symtable_extract(text, text, text, text) IS
  'CPython''s symbol tables of one source file as a symtable_files_v1 row (the code is analysed, never run), with the facts the symtable module reports; a syntax error or a nesting limit is an error row. file_sha256 defaults to the SHA-256 of source. NULL when repo, path or source is NULL.';

CREATE FUNCTION codecpg.sym_scopes(f codecpg.symtable_files_v1)
RETURNS TABLE (repo text, path text, file_id text, file_sha256 text,
               block_id integer, parent_block_id integer, block_type text, name text, lineno1 integer,
               qualpath text, is_meta_scope boolean, symbol_count integer, scope_id text,
               bstart integer, bend integer, line0 integer, col integer, end_line0 integer, end_col integer,
               attrs jsonb)
AS 'MODULE_PATHNAME', 'cpg_sym_scopes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.sym_scopes(codecpg.symtable_files_v1) IS
  'One row per symbol table (scope) of a file, with scope_id = codecpg.stable_id(''sym_scope'', file_id, block_id, block_type, name, lineno1) and the span of its first line.';

CREATE FUNCTION codecpg.sym_symbols(f codecpg.symtable_files_v1)
RETURNS TABLE (repo text, path text, file_id text, file_sha256 text,
               block_id integer, name text,
               is_referenced boolean, is_imported boolean, is_parameter boolean, is_type_parameter boolean,
               is_global boolean, is_nonlocal boolean, is_declared_global boolean, is_local boolean,
               is_annotated boolean, is_free boolean, is_assigned boolean, is_namespace boolean,
               namespace_count integer, namespace_block_ids integer[], attrs jsonb)
AS 'MODULE_PATHNAME', 'cpg_sym_symbols'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.sym_symbols(codecpg.symtable_files_v1) IS
  'One row per symbol of each scope of a file, with its flags.';

CREATE FUNCTION codecpg.sym_scope_edges(f codecpg.symtable_files_v1)
RETURNS TABLE (repo text, path text, file_id text, file_sha256 text,
               parent_block_id integer, child_block_id integer, child_type text, child_name text)
AS 'MODULE_PATHNAME', 'cpg_sym_scope_edges'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.sym_scope_edges(codecpg.symtable_files_v1) IS
  'Scope nesting: one row per table with a parent (SCOPE_PARENT edges).';

CREATE FUNCTION codecpg.sym_namespace_edges(f codecpg.symtable_files_v1)
RETURNS TABLE (repo text, path text, file_id text, file_sha256 text,
               block_id integer, symbol_name text, namespace_block_id integer)
AS 'MODULE_PATHNAME', 'cpg_sym_namespace_edges'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.sym_namespace_edges(codecpg.symtable_files_v1) IS
  'One row per namespace a symbol binds (Symbol.get_namespaces()): the symbol''s table and name, and the child table.';

CREATE FUNCTION codecpg.sym_function_partitions(f codecpg.symtable_files_v1)
RETURNS TABLE (repo text, path text, file_id text, file_sha256 text,
               block_id integer, partition text, ordinal integer, name text)
AS 'MODULE_PATHNAME', 'cpg_sym_function_partitions'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.sym_function_partitions(codecpg.symtable_files_v1) IS
  'One row per name in each partition (parameters, locals, globals, nonlocals, frees) of each function table, ordinal 1-based in symtable order.';
