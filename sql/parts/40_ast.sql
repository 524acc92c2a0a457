-- codecpg install script, part 40: ast_files_v1, CPython's abstract syntax tree, and its
-- functions (39_ast_node.sql: the node). Span columns are UTF-8 byte columns (CPython's
-- col_offset), lines 0-based.

CREATE TYPE codecpg.ast_def AS (
    ast_id   integer,
    kind     text,
    name     text,
    qualname text,
    span     codecpg.span,
    attrs    jsonb
);
COMMENT ON TYPE codecpg.ast_def IS 'A class, function, async function or lambda definition in the AST.';
SELECT codecpg.comment_attributes('codecpg.ast_def', ARRAY[
  ['ast_id',   'The definition node.'],
  ['kind',     'ClassDef, FunctionDef, AsyncFunctionDef or Lambda.'],
  ['name',     'Defined name (<lambda> for a lambda).'],
  ['qualname', 'Qualified name within the module, as __qualname__ would be (f.<locals>.g); over 256 bytes it is cut to 256 and ends in "..." (and attrs has qualname_truncated).'],
  ['span',     'Byte span of the definition (decorators excluded, as CPython reports it).'],
  ['attrs',    'Decorator count, argument counts and similar (jsonb), or NULL.']
]);

CREATE TYPE codecpg.ast_import AS (
    ast_id integer,
    kind   text,
    module text,
    name   text,
    asname text,
    level  integer,
    span   codecpg.span
);
COMMENT ON TYPE codecpg.ast_import IS 'One alias of an Import or ImportFrom statement.';
SELECT codecpg.comment_attributes('codecpg.ast_import', ARRAY[
  ['ast_id', 'The alias node.'],
  ['kind',   'Import or ImportFrom.'],
  ['module', 'ImportFrom.module (NULL for "from . import x"); the imported module for Import.'],
  ['name',   'alias.name ("*" for a star import).'],
  ['asname', 'alias.asname, or NULL.'],
  ['level',  'ImportFrom.level (leading dots); 0 for Import.'],
  ['span',   'Byte span of the alias (of the statement before Python 3.10 positions).']
]);

CREATE TYPE codecpg.ast_call AS (
    ast_id        integer,
    func_kind     text,
    func_text     text,
    func_dotted   text,
    arg_count     integer,
    keyword_count integer,
    span          codecpg.span
);
COMMENT ON TYPE codecpg.ast_call IS 'A Call node.';
SELECT codecpg.comment_attributes('codecpg.ast_call', ARRAY[
  ['ast_id',        'The Call node.'],
  ['func_kind',     'Node class of Call.func: Name, Attribute, Call, Subscript, ...'],
  ['func_text',     'Source text of Call.func; over 256 bytes it is cut to 256 and ends in "..." (no longer callee expression ends so).'],
  ['func_dotted',   'Call.func as a dotted name when it is a chain of Name/Attribute, else NULL; cut like func_text.'],
  ['arg_count',     'len(Call.args).'],
  ['keyword_count', 'len(Call.keywords).'],
  ['span',          'Byte span of the call.']
]);

CREATE TYPE codecpg.ast_docstring AS (
    owner_ast_id integer,
    owner_kind   text,
    docstring    text,
    span         codecpg.span
);
COMMENT ON TYPE codecpg.ast_docstring IS 'A docstring as ast.get_docstring(clean=False) sees it.';
SELECT codecpg.comment_attributes('codecpg.ast_docstring', ARRAY[
  ['owner_ast_id', 'The Module, ClassDef, FunctionDef or AsyncFunctionDef node.'],
  ['owner_kind',   'Node class of the owner.'],
  ['docstring',    'The docstring''s value; NULL when it holds U+0000, which PostgreSQL text cannot (the Constant node''s value has its repr).'],
  ['span',         'Byte span of the string constant.']
]);

CREATE TYPE codecpg.ast_type_ignore AS (
    line0 integer,
    tag   text,
    span  codecpg.span
);
COMMENT ON TYPE codecpg.ast_type_ignore IS 'A "# type: ignore" comment (Module.type_ignores, parsed with type_comments=True).';
SELECT codecpg.comment_attributes('codecpg.ast_type_ignore', ARRAY[
  ['line0', 'Line of the comment, 0-based.'],
  ['tag',   'Text after "type: ignore", e.g. [attr-defined], or empty.'],
  ['span',  'Span of the line without its terminator (CPython gives only the line).']
]);

CREATE TYPE codecpg.ast_file AS (
    repo         text,
    path         text,
    file_id      text,
    file_sha256  text,
    nodes        codecpg.ast_node[],
    errors       codecpg.extract_error[],
    defs         codecpg.ast_def[],
    imports      codecpg.ast_import[],
    calls        codecpg.ast_call[],
    docstrings   codecpg.ast_docstring[],
    type_ignores codecpg.ast_type_ignore[],
    attrs        jsonb,
    line_starts  integer[]
);
COMMENT ON TYPE codecpg.ast_file IS 'CPython''s AST of one file. Row type of codecpg.ast_files_v1.';
SELECT codecpg.comment_attributes('codecpg.ast_file', ARRAY[
  ['repo',         'Repository name (codecpg.repo_files_v1.repo).'],
  ['path',         'File path relative to the repository root.'],
  ['file_id',      'Stable file identity (codecpg.repo_files_v1.file_id).'],
  ['file_sha256',  'SHA-256 of the source these facts were extracted from.'],
  ['nodes',        'Every node in DFS preorder.'],
  ['errors',       'SyntaxError (with its span; attrs has CPython''s raw position and its column unit) or other failures such as RecursionError and MemoryError (span NULL); nodes is empty then.'],
  ['defs',         'Definitions.'],
  ['imports',      'Import aliases.'],
  ['calls',        'Calls.'],
  ['docstrings',   'Docstrings.'],
  ['type_ignores', 'type: ignore comments.'],
  ['attrs',        'Python version and parse options (jsonb).'],
  ['line_starts',  'Byte offset at which each line of the source starts (\n, \r\n and a lone \r end a line), 0 first: the lines and columns of the nodes derive from it.']
]);

CREATE TABLE codecpg.ast_files_v1 OF codecpg.ast_file (
    repo WITH OPTIONS NOT NULL,
    path WITH OPTIONS NOT NULL,
    file_id WITH OPTIONS NOT NULL,
    file_sha256 WITH OPTIONS NOT NULL,
    CONSTRAINT ast_files_v1_pkey PRIMARY KEY (repo, file_id),
    CONSTRAINT ast_files_v1_file_fkey FOREIGN KEY (repo, file_id)
        REFERENCES codecpg.repo_files_v1 (repo, file_id) ON DELETE CASCADE
);
COMMENT ON TABLE codecpg.ast_files_v1 IS
  'CPython ASTs, one row per file; unnest with codecpg.ast_nodes/ast_edges/ast_errors/ast_defs.';
SELECT codecpg.copy_type_comments('codecpg.ast_files_v1');
-- Indexed data is user data: pg_dump must dump its rows.
SELECT pg_catalog.pg_extension_config_dump('codecpg.ast_files_v1', '');

CREATE FUNCTION codecpg.ast_extract(repo text, path text, source text, file_sha256 text DEFAULT NULL)
RETURNS codecpg.ast_files_v1
AS 'MODULE_PATHNAME', 'cpg_ast_extract'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.ast_extract(text, text, text, text) IS
  'CPython''s AST of one source file as an ast_files_v1 row (the code is parsed, never run): nodes in preorder with byte spans, defs, imports, calls, docstrings, type: ignore comments; a syntax error or a nesting limit is an error row. file_sha256 defaults to the SHA-256 of source. NULL when repo, path or source is NULL.';

CREATE FUNCTION codecpg.ast_nodes(f codecpg.ast_files_v1)
RETURNS TABLE (repo text, path text, file_id text, file_sha256 text,
               ast_id integer, parent_ast_id integer, kind text, name text, value text,
               field_name text, field_pos integer,
               bstart integer, bend integer, line0 integer, col integer, end_line0 integer, end_col integer,
               attrs jsonb)
AS 'MODULE_PATHNAME', 'cpg_ast_nodes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.ast_nodes(codecpg.ast_files_v1) IS
  'One row per AST node of a file, in preorder, with the span flattened (byte offsets, 0-based lines, byte columns).';

CREATE FUNCTION codecpg.ast_edges(f codecpg.ast_files_v1)
RETURNS TABLE (repo text, path text, file_id text, file_sha256 text,
               src integer, dst integer, kind text, slot text, idx integer)
AS 'MODULE_PATHNAME', 'cpg_ast_edges'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.ast_edges(codecpg.ast_files_v1) IS
  'The CHILD edges of a file''s AST, derived from each node''s parent: src is the parent''s ast_id, dst the child''s, slot the field name and idx the list position (NULL for a single-node field).';

CREATE FUNCTION codecpg.ast_errors(f codecpg.ast_files_v1)
RETURNS TABLE (repo text, path text, file_id text, file_sha256 text,
               error_type text, message text,
               bstart integer, bend integer, line0 integer, col integer, end_line0 integer, end_col integer,
               attrs jsonb)
AS 'MODULE_PATHNAME', 'cpg_ast_errors'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.ast_errors(codecpg.ast_files_v1) IS
  'The errors of a file''s parse (SyntaxError with its byte span, RecursionError, MemoryError, ...).';

CREATE FUNCTION codecpg.ast_defs(f codecpg.ast_files_v1)
RETURNS TABLE (repo text, path text, file_id text, file_sha256 text,
               ast_id integer, kind text, name text, qualname text,
               bstart integer, bend integer, line0 integer, col integer, end_line0 integer, end_col integer,
               attrs jsonb)
AS 'MODULE_PATHNAME', 'cpg_ast_defs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.ast_defs(codecpg.ast_files_v1) IS
  'The class, function and lambda definitions of a file with their __qualname__.';
