-- codecpg install script, part 30: libcst_files_v1, concrete-syntax facts.
-- LibCST is not available to a C extension; the same facts (the seed's LibCST field set
-- and meaning) are computed from the tree-sitter concrete tree. The seed's CST nodes and
-- edges are that tree: query codecpg.ts_nodes / ts_edges for them.
-- Byte offsets (bstart/bend and the *_bstart/*_bend pairs) follow the span ABI.

CREATE TYPE codecpg.cst_qname AS (
    name   text,
    source text
);
COMMENT ON TYPE codecpg.cst_qname IS 'A candidate qualified name and how it was derived.';
SELECT codecpg.comment_attributes('codecpg.cst_qname', ARRAY[
  ['name',   'Dotted qualified name, e.g. pkg.mod.Class.method.'],
  ['source', 'How the name was derived: LOCAL, IMPORT, BUILTIN, GLOBAL, ... (LibCST QualifiedNameSource).']
]);

CREATE TYPE codecpg.cst_parse_manifest AS (
    encoding              text,
    default_indent        text,
    default_newline       text,
    has_trailing_newline  boolean,
    future_imports        text[],
    module_name           text,
    package_name          text,
    parser_backend        text,
    parsed_python_version text,
    schema_fingerprint    text
);
COMMENT ON TYPE codecpg.cst_parse_manifest IS 'How a file was parsed: encoding, layout conventions, module identity, parser.';
SELECT codecpg.comment_attributes('codecpg.cst_parse_manifest', ARRAY[
  ['encoding',              'Source encoding (PEP 263 declaration or utf-8).'],
  ['default_indent',        'The indentation unit the file uses, e.g. four spaces or a tab.'],
  ['default_newline',       'The newline sequence the file uses: \n, \r\n or \r.'],
  ['has_trailing_newline',  'The file ends with a newline.'],
  ['future_imports',        'Names imported from __future__.'],
  ['module_name',           'Dotted module name derived from the path, e.g. pkg.sub.mod.'],
  ['package_name',          'Dotted package the module belongs to (the module itself for __init__).'],
  ['parser_backend',        'Parser that produced the tree, e.g. tree-sitter-python.'],
  ['parsed_python_version', 'Python grammar version the facts assume.'],
  ['schema_fingerprint',    'Fingerprint of libcst_files_v1 at extraction time (codecpg.schema_fingerprints()).']
]);

CREATE TYPE codecpg.cst_parse_error AS (
    error_type    text,
    message       text,
    raw_line      integer,
    raw_column    integer,
    editor_line   integer,
    editor_column integer,
    context       text,
    line_base     integer,
    col_unit      text,
    end_exclusive boolean,
    bstart        integer,
    bend          integer,
    meta          jsonb
);
COMMENT ON TYPE codecpg.cst_parse_error IS 'A syntax error found in the concrete tree.';
SELECT codecpg.comment_attributes('codecpg.cst_parse_error', ARRAY[
  ['error_type',    'ERROR (unparsable region) or MISSING (expected token absent).'],
  ['message',       'What went wrong, e.g. "missing )" or "invalid syntax".'],
  ['raw_line',      'Line of the error, in the line_base stated.'],
  ['raw_column',    'Column of the error in col_unit.'],
  ['editor_line',   'Line as an editor shows it (1-based).'],
  ['editor_column', 'Column as an editor shows it (1-based, characters).'],
  ['context',       'The source line containing the error.'],
  ['line_base',     'Base of raw_line: 0.'],
  ['col_unit',      'Unit of raw_column: byte.'],
  ['end_exclusive', 'bend is exclusive: always true.'],
  ['bstart',        'First byte of the erroneous region.'],
  ['bend',          'Byte past the erroneous region.'],
  ['meta',          'Additional details (jsonb), or NULL.']
]);

CREATE TYPE codecpg.cst_ref AS (
    ref_id        integer,
    ref_kind      text,
    ref_text      text,
    expr_ctx      text,
    scope_type    text,
    scope_name    text,
    scope_role    text,
    parent_kind   text,
    inferred_type text,
    bstart        integer,
    bend          integer,
    attrs         jsonb
);
COMMENT ON TYPE codecpg.cst_ref IS 'A use of a name or an attribute.';
SELECT codecpg.comment_attributes('codecpg.cst_ref', ARRAY[
  ['ref_id',        'Ordinal of the reference in the file, 0-based.'],
  ['ref_kind',      'NAME or ATTRIBUTE.'],
  ['ref_text',      'The name, or the attribute expression''s text.'],
  ['expr_ctx',      'LOAD, STORE or DEL.'],
  ['scope_type',    'Type of the enclosing scope: MODULE, CLASS, FUNCTION, LAMBDA or COMPREHENSION.'],
  ['scope_name',    'Name of the enclosing scope.'],
  ['scope_role',    'How the name is bound in that scope: LOCAL, GLOBAL, NONLOCAL, PARAMETER or NULL.'],
  ['parent_kind',   'Node kind of the syntactic parent.'],
  ['inferred_type', 'Inferred type when known, else NULL.'],
  ['bstart',        'First byte of the reference.'],
  ['bend',          'Byte past the reference.'],
  ['attrs',         'Additional facts (jsonb), or NULL; {"truncated": true} when a text was cut to the file''s budget (see docs/ts.md).']
]);

CREATE TYPE codecpg.cst_import AS (
    import_id      integer,
    kind           text,
    module         text,
    relative_level integer,
    name           text,
    asname         text,
    is_star        boolean,
    stmt_bstart    integer,
    stmt_bend      integer,
    alias_bstart   integer,
    alias_bend     integer,
    attrs          jsonb
);
COMMENT ON TYPE codecpg.cst_import IS 'One imported name: one row per alias of an import or from-import statement.';
SELECT codecpg.comment_attributes('codecpg.cst_import', ARRAY[
  ['import_id',      'Ordinal of the alias in the file, 0-based.'],
  ['kind',           'IMPORT (import a.b) or IMPORT_FROM (from a import b).'],
  ['module',         'Module of a from-import without the leading dots; the imported module for import; NULL for "from . import x".'],
  ['relative_level', 'Number of leading dots of a relative import; 0 for absolute.'],
  ['name',           'The imported name (dotted for import a.b); "*" for a star import.'],
  ['asname',         'The alias after "as", or NULL.'],
  ['is_star',        'A star import.'],
  ['stmt_bstart',    'First byte of the whole statement.'],
  ['stmt_bend',      'Byte past the statement.'],
  ['alias_bstart',   'First byte of this alias (name [as asname]).'],
  ['alias_bend',     'Byte past the alias.'],
  ['attrs',          'Additional facts (jsonb), or NULL.']
]);

CREATE TYPE codecpg.cst_callsite AS (
    call_id       integer,
    call_bstart   integer,
    call_bend     integer,
    callee_bstart integer,
    callee_bend   integer,
    callee_shape  text,
    callee_text   text,
    arg_count     integer,
    callee_dotted text,
    callee_qnames codecpg.cst_qname[],
    callee_fqns   text[],
    inferred_type text,
    attrs         jsonb
);
COMMENT ON TYPE codecpg.cst_callsite IS 'A call expression with its callee and candidate targets.';
SELECT codecpg.comment_attributes('codecpg.cst_callsite', ARRAY[
  ['call_id',       'Ordinal of the call in the file, 0-based.'],
  ['call_bstart',   'First byte of the call expression.'],
  ['call_bend',     'Byte past the call expression.'],
  ['callee_bstart', 'First byte of the callee expression.'],
  ['callee_bend',   'Byte past the callee expression.'],
  ['callee_shape',  'NAME, ATTRIBUTE, SUBSCRIPT, CALL or OTHER.'],
  ['callee_text',   'Source text of the callee.'],
  ['arg_count',     'Number of arguments, including *args and **kwargs.'],
  ['callee_dotted', 'The callee as a dotted name when it is one (a.b.c), else NULL.'],
  ['callee_qnames', 'Candidate qualified names resolved through the file''s imports and scopes.'],
  ['callee_fqns',   'Fully qualified names of the candidates (module path included).'],
  ['inferred_type', 'Inferred type when known, else NULL.'],
  ['attrs',         'Additional facts (jsonb), or NULL; {"truncated": true} when a text was cut to the file''s budget (see docs/ts.md).']
]);

CREATE TYPE codecpg.cst_def AS (
    def_id               integer,
    container_def_kind   text,
    container_def_bstart integer,
    container_def_bend   integer,
    kind                 text,
    name                 text,
    def_bstart           integer,
    def_bend             integer,
    name_bstart          integer,
    name_bend            integer,
    qnames               codecpg.cst_qname[],
    def_fqns             text[],
    docstring            text,
    decorator_count      integer,
    attrs                jsonb
);
COMMENT ON TYPE codecpg.cst_def IS 'A class, function, async function or lambda definition.';
SELECT codecpg.comment_attributes('codecpg.cst_def', ARRAY[
  ['def_id',               'Ordinal of the definition in the file, 0-based.'],
  ['container_def_kind',   'Kind of the enclosing definition, or NULL at module level.'],
  ['container_def_bstart', 'First byte of the enclosing definition.'],
  ['container_def_bend',   'Byte past the enclosing definition.'],
  ['kind',                 'CLASS, FUNCTION, ASYNC_FUNCTION or LAMBDA.'],
  ['name',                 'Defined name; NULL for a lambda.'],
  ['def_bstart',           'First byte of the definition (decorators included).'],
  ['def_bend',             'Byte past the definition.'],
  ['name_bstart',          'First byte of the defined name.'],
  ['name_bend',            'Byte past the defined name.'],
  ['qnames',               'Qualified names within the module (Outer.inner, f.<locals>.g).'],
  ['def_fqns',             'Fully qualified names including the module path.'],
  ['docstring',            'The docstring''s value, or NULL.'],
  ['decorator_count',      'Number of decorators.'],
  ['attrs',                'Additional facts (jsonb), or NULL; {"truncated": true} when a text was cut to the file''s budget (see docs/ts.md).']
]);

CREATE TYPE codecpg.cst_type_expr AS (
    owner_def_kind   text,
    owner_def_bstart integer,
    owner_def_bend   integer,
    param_name       text,
    expr_kind        text,
    expr_role        text,
    bstart           integer,
    bend             integer,
    expr_text        text
);
COMMENT ON TYPE codecpg.cst_type_expr IS 'A type annotation expression.';
SELECT codecpg.comment_attributes('codecpg.cst_type_expr', ARRAY[
  ['owner_def_kind',   'Kind of the definition owning the annotation, or NULL for a module-level variable.'],
  ['owner_def_bstart', 'First byte of the owning definition.'],
  ['owner_def_bend',   'Byte past the owning definition.'],
  ['param_name',       'Annotated parameter or variable name; NULL for a return annotation.'],
  ['expr_kind',        'Node kind of the annotation expression.'],
  ['expr_role',        'PARAMETER, RETURN or VARIABLE.'],
  ['bstart',           'First byte of the annotation expression.'],
  ['bend',             'Byte past the annotation expression.'],
  ['expr_text',        'Source text of the annotation.']
]);

CREATE TYPE codecpg.cst_docstring AS (
    owner_def_id integer,
    owner_kind   text,
    docstring    text,
    bstart       integer,
    bend         integer
);
COMMENT ON TYPE codecpg.cst_docstring IS 'A module, class or function docstring.';
SELECT codecpg.comment_attributes('codecpg.cst_docstring', ARRAY[
  ['owner_def_id', 'def_id of the owning definition; NULL for the module docstring.'],
  ['owner_kind',   'MODULE, CLASS, FUNCTION or ASYNC_FUNCTION.'],
  ['docstring',    'The docstring''s value (the string literal evaluated, not its source).'],
  ['bstart',       'First byte of the string literal.'],
  ['bend',         'Byte past the string literal.']
]);

CREATE TYPE codecpg.cst_decorator AS (
    owner_def_id    integer,
    owner_kind      text,
    decorator_text  text,
    decorator_index integer,
    bstart          integer,
    bend            integer
);
COMMENT ON TYPE codecpg.cst_decorator IS 'A decorator of a class or function.';
SELECT codecpg.comment_attributes('codecpg.cst_decorator', ARRAY[
  ['owner_def_id',    'def_id of the decorated definition.'],
  ['owner_kind',      'CLASS, FUNCTION or ASYNC_FUNCTION.'],
  ['decorator_text',  'Source text of the decorator expression, without the @.'],
  ['decorator_index', 'Position among the definition''s decorators, 0-based from the top.'],
  ['bstart',          'First byte of the decorator expression.'],
  ['bend',            'Byte past the decorator expression.']
]);

CREATE TYPE codecpg.cst_call_arg AS (
    call_id   integer,
    arg_index integer,
    keyword   text,
    star      text,
    arg_text  text,
    bstart    integer,
    bend      integer
);
COMMENT ON TYPE codecpg.cst_call_arg IS 'An argument of a call.';
SELECT codecpg.comment_attributes('codecpg.cst_call_arg', ARRAY[
  ['call_id',   'call_id of the call (codecpg.cst_callsite).'],
  ['arg_index', 'Position of the argument, 0-based.'],
  ['keyword',   'Keyword of a keyword argument, or NULL.'],
  ['star',      '"*" or "**" for unpacking arguments, else NULL.'],
  ['arg_text',  'Source text of the argument value.'],
  ['bstart',    'First byte of the argument.'],
  ['bend',      'Byte past the argument.']
]);

CREATE TYPE codecpg.libcst_file AS (
    repo           text,
    path           text,
    file_id        text,
    file_sha256    text,
    parse_manifest codecpg.cst_parse_manifest,
    parse_errors   codecpg.cst_parse_error[],
    refs           codecpg.cst_ref[],
    imports        codecpg.cst_import[],
    callsites      codecpg.cst_callsite[],
    defs           codecpg.cst_def[],
    type_exprs     codecpg.cst_type_expr[],
    docstrings     codecpg.cst_docstring[],
    decorators     codecpg.cst_decorator[],
    call_args      codecpg.cst_call_arg[],
    attrs          jsonb,
    summary        bytea
);
COMMENT ON TYPE codecpg.libcst_file IS
  'Concrete-syntax facts of one file (the seed''s LibCST field set). Row type of codecpg.libcst_files_v1.';
SELECT codecpg.comment_attributes('codecpg.libcst_file', ARRAY[
  ['repo',           'Repository name (codecpg.repo_files_v1.repo).'],
  ['path',           'File path relative to the repository root.'],
  ['file_id',        'Stable file identity (codecpg.repo_files_v1.file_id).'],
  ['file_sha256',    'SHA-256 of the source these facts were extracted from.'],
  ['parse_manifest', 'How the file was parsed (one per file; the seed''s one-element list).'],
  ['parse_errors',   'Syntax errors.'],
  ['refs',           'Name and attribute uses.'],
  ['imports',        'Imported names.'],
  ['callsites',      'Call expressions.'],
  ['defs',           'Class, function and lambda definitions.'],
  ['type_exprs',     'Annotations.'],
  ['docstrings',     'Docstrings.'],
  ['decorators',     'Decorators.'],
  ['call_args',      'Call arguments.'],
  ['attrs',          'Additional facts (jsonb), or NULL.'],
  ['summary',        'What the call-graph resolver reads of the file, built in the same walk: its scopes, parameters, where names are bound and read, attribute and item stores, calls with their arguments, returns, imports, decorators and bases (binary, versioned; codecpg.cst_summary(f) shows it as rows). NULL for facts extracted before 0.2.0: the resolver rebuilds it.']
]);

CREATE TABLE codecpg.libcst_files_v1 OF codecpg.libcst_file (
    repo WITH OPTIONS NOT NULL,
    path WITH OPTIONS NOT NULL,
    file_id WITH OPTIONS NOT NULL,
    file_sha256 WITH OPTIONS NOT NULL,
    CONSTRAINT libcst_files_v1_pkey PRIMARY KEY (repo, file_id),
    CONSTRAINT libcst_files_v1_file_fkey FOREIGN KEY (repo, file_id)
        REFERENCES codecpg.repo_files_v1 (repo, file_id) ON DELETE CASCADE
);
COMMENT ON TABLE codecpg.libcst_files_v1 IS
  'Concrete-syntax facts, one row per file; unnest with the codecpg.cst_* functions.';
SELECT codecpg.copy_type_comments('codecpg.libcst_files_v1');
-- Indexed data is user data: pg_dump must dump its rows.
SELECT pg_catalog.pg_extension_config_dump('codecpg.libcst_files_v1', '');
