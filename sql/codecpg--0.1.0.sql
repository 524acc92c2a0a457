-- codecpg install script, part 10: shared types, the source snapshot, identities.
-- The install script is assembled from sql/parts/*.sql in name order (see Makefile).
-- Composite types are the schema registry: tables derive from them (typed tables),
-- and the C side declares the same shapes in src/schema/*.def, checked by
-- codecpg.schema_check().

\echo Use "CREATE EXTENSION codecpg" to load this file. \quit

-- Attribute comments are applied from VALUES lists; one helper keeps that to one line
-- per attribute. It is part of the extension because later parts and upgrade scripts
-- use it too.
CREATE FUNCTION codecpg.comment_attributes(target regclass, comments text[])
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
    i integer;
BEGIN
    IF array_ndims(comments) <> 2 OR array_length(comments, 2) <> 2 THEN
        RAISE EXCEPTION 'comments must be a two-column array of {attribute, comment} pairs'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    FOR i IN 1 .. array_length(comments, 1) LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_attribute
                       WHERE attrelid = target AND attname = comments[i][1]
                         AND attnum > 0 AND NOT attisdropped) THEN
            RAISE EXCEPTION '% has no attribute "%"', target, comments[i][1]
                USING ERRCODE = 'undefined_column';
        END IF;
        EXECUTE format('COMMENT ON COLUMN %s.%I IS %L', target, comments[i][1], comments[i][2]);
    END LOOP;
END
$$;
COMMENT ON FUNCTION codecpg.comment_attributes(regclass, text[]) IS
  'Sets COMMENT ON COLUMN for each {attribute, comment} pair of a composite type or table; used by the install and upgrade scripts.';

CREATE FUNCTION codecpg.copy_type_comments(target regclass)
RETURNS void
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
    r record;
BEGIN
    -- A typed table's columns mean what its type's attributes mean: comment them alike.
    FOR r IN
        SELECT a.attname, col_description(t.typrelid, a.attnum) AS comment
        FROM pg_class c
        JOIN pg_type t ON t.oid = c.reloftype
        JOIN pg_attribute a ON a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE c.oid = target
    LOOP
        EXECUTE format('COMMENT ON COLUMN %s.%I IS %L', target, r.attname, r.comment);
    END LOOP;
END
$$;
COMMENT ON FUNCTION codecpg.copy_type_comments(regclass) IS
  'Copies the attribute comments of a typed table''s composite type onto the table''s columns.';

-- The span ABI shared by every domain.
CREATE TYPE codecpg.span AS (
    bstart    integer,
    bend      integer,
    line0     integer,
    col       integer,
    end_line0 integer,
    end_col   integer
);
COMMENT ON TYPE codecpg.span IS
  'Source span shared by every domain: byte offsets into the file''s UTF-8 text (bstart inclusive, bend exclusive), 0-based lines, end-exclusive; columns are in the producing domain''s unit (see codecpg.span_abi()). Replaces the seed''s SPAN struct (start/end/byte_span).';
SELECT codecpg.comment_attributes('codecpg.span', ARRAY[
  ['bstart',    'First byte of the span in the file''s UTF-8 text, 0-based (seed: byte_span.byte_start).'],
  ['bend',      'Byte just past the span, exclusive (seed: byte_start + byte_len; "end" is reserved in SQL).'],
  ['line0',     'Line of the first byte, 0-based (seed: start.line0).'],
  ['col',       'Column of the first byte in the domain''s column unit (seed: start.col).'],
  ['end_line0', 'Line of the end position, 0-based (seed: end.line0).'],
  ['end_col',   'Column of the end position, exclusive, in the domain''s column unit (seed: end.col).']
]);

-- Failures of an extractor on one file are data, not a failed run.
CREATE TYPE codecpg.extract_error AS (
    error_type text,
    message    text,
    span       codecpg.span,
    attrs      jsonb
);
COMMENT ON TYPE codecpg.extract_error IS
  'An extraction failure on one file (syntax error, recursion limit, encoding problem): the facts that could be extracted are kept beside it.';
SELECT codecpg.comment_attributes('codecpg.extract_error', ARRAY[
  ['error_type', 'Exception class or failure category, e.g. SyntaxError, RecursionError, MemoryError.'],
  ['message',    'Human-readable message of the failure.'],
  ['span',       'Where the failure is located, when the producer says so; NULL otherwise.'],
  ['attrs',      'Additional details (producer-specific), or NULL.']
]);

-- The source snapshot every other root references.
CREATE TYPE codecpg.repo_file AS (
    repo        text,
    path        text,
    file_id     text,
    file_sha256 text,
    size_bytes  bigint,
    encoding    text,
    source      text,
    line_count  integer,
    indexed_at  timestamptz,
    attrs       jsonb
);
COMMENT ON TYPE codecpg.repo_file IS
  'One Python source file of a repository as indexed: identity, content hash and UTF-8 text. Row type of codecpg.repo_files_v1.';
SELECT codecpg.comment_attributes('codecpg.repo_file', ARRAY[
  ['repo',        'Repository name chosen by the user; every table leads with it (partitioning and distribution key).'],
  ['path',        'File path relative to the repository root, with "/" separators.'],
  ['file_id',     'Stable file identity: codecpg.stable_id(''file'', repo, path).'],
  ['file_sha256', 'Hex SHA-256 of the file''s bytes as read; re-indexing compares it to skip unchanged files.'],
  ['size_bytes',  'Size of the file in bytes as read.'],
  ['encoding',    'Source encoding the bytes were decoded from (PEP 263 declaration or utf-8).'],
  ['source',      'The file''s text in UTF-8; every byte span of every domain indexes into it. NULL when the bytes could not be decoded.'],
  ['line_count',  'Number of lines of the source.'],
  ['indexed_at',  'When this snapshot of the file was stored.'],
  ['attrs',       'Additional facts about the file (jsonb), or NULL.']
]);

CREATE TABLE codecpg.repo_files_v1 OF codecpg.repo_file (
    repo WITH OPTIONS NOT NULL,
    path WITH OPTIONS NOT NULL,
    file_id WITH OPTIONS NOT NULL,
    file_sha256 WITH OPTIONS NOT NULL,
    size_bytes WITH OPTIONS NOT NULL,
    indexed_at WITH OPTIONS NOT NULL DEFAULT now(),
    CONSTRAINT repo_files_v1_pkey PRIMARY KEY (repo, file_id),
    CONSTRAINT repo_files_v1_path_key UNIQUE (repo, path)
);
COMMENT ON TABLE codecpg.repo_files_v1 IS
  'Source snapshot: one row per indexed Python file. Every per-file root table references it and is deleted with it (ON DELETE CASCADE).';
SELECT codecpg.copy_type_comments('codecpg.repo_files_v1');
-- Indexed data is user data: pg_dump must dump its rows.
SELECT pg_catalog.pg_extension_config_dump('codecpg.repo_files_v1', '');

CREATE FUNCTION codecpg.stable_id(prefix text, VARIADIC parts text[])
RETURNS text
AS 'MODULE_PATHNAME', 'cpg_stable_id_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.stable_id(text, text[]) IS
  'Deterministic identity "<prefix>:<32 hex digits>": the first 128 bits of SHA-256 over the parts joined by U+001F. The one id scheme of every domain.';

CREATE FUNCTION codecpg.file_id(repo text, path text)
RETURNS text
AS 'MODULE_PATHNAME', 'cpg_file_id_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.file_id(text, text) IS
  'The file_id of a repository path: codecpg.stable_id(''file'', repo, path).';

CREATE FUNCTION codecpg.put_file(repo text, path text, source text, encoding text DEFAULT 'utf-8')
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
    new_sha text := encode(sha256(convert_to(source, 'UTF8')), 'hex');
    id text := codecpg.file_id(repo, path);
    old_sha text;
BEGIN
    SELECT f.file_sha256 INTO old_sha FROM codecpg.repo_files_v1 f WHERE f.repo = put_file.repo AND f.file_id = id;
    IF old_sha = new_sha THEN
        RETURN id;
    END IF;
    -- Changed content: the old snapshot and every fact extracted from it go together.
    DELETE FROM codecpg.repo_files_v1 f WHERE f.repo = put_file.repo AND f.file_id = id;
    INSERT INTO codecpg.repo_files_v1 (repo, path, file_id, file_sha256, size_bytes, encoding, source, line_count, indexed_at)
    VALUES (repo, path, id, new_sha, octet_length(source), encoding, source,
            CASE WHEN source = '' THEN 0
                 ELSE array_length(regexp_split_to_array(source, E'\r\n|\r|\n'), 1)
                      - CASE WHEN source ~ E'[\r\n]$' THEN 1 ELSE 0 END END,
            now());
    RETURN id;
END
$$;
COMMENT ON FUNCTION codecpg.put_file(text, text, text, text) IS
  'Stores one source file''s UTF-8 text in repo_files_v1 and returns its file_id. Unchanged content is left alone; changed content replaces the old snapshot and deletes every fact extracted from it.';

CREATE FUNCTION codecpg.span_from_bytes(source text, bstart integer, bend integer)
RETURNS codecpg.span
AS 'MODULE_PATHNAME', 'cpg_span_from_bytes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.span_from_bytes(text, integer, integer) IS
  'The span of a byte range of a source text: lines are 0-based (\n, \r\n and \r end a line), columns are bytes.';
-- codecpg install script, part 20: tree_sitter_files_v1, the concrete syntax tree.
-- The seed's edges list is not stored: every node carries its parent, field name and
-- child index, and codecpg.ts_edges() derives the edges from them.

CREATE TYPE codecpg.ts_node AS (
    node_id     integer,
    parent_id   integer,
    kind        text,
    kind_id     integer,
    field_name  text,
    child_index integer,
    is_named    boolean,
    has_error   boolean,
    is_error    boolean,
    is_missing  boolean,
    is_extra    boolean,
    span        codecpg.span,
    attrs       jsonb
);
COMMENT ON TYPE codecpg.ts_node IS
  'A tree-sitter node, named or anonymous, in preorder. Columns of the span are bytes.';
SELECT codecpg.comment_attributes('codecpg.ts_node', ARRAY[
  ['node_id',     'Preorder index of the node in its file, 0 for the root.'],
  ['parent_id',   'node_id of the parent; NULL for the root.'],
  ['kind',        'Node type as the grammar names it (ts_node_type), e.g. function_definition, "(".'],
  ['kind_id',     'Numeric symbol of the node type in the grammar (ts_node_symbol).'],
  ['field_name',  'Field of the parent this node fills (e.g. name, body), or NULL.'],
  ['child_index', 'Position among all children of the parent, 0-based; NULL for the root.'],
  ['is_named',    'The node is a named node (not punctuation or a keyword token).'],
  ['has_error',   'The node or one of its descendants is an ERROR or MISSING node.'],
  ['is_error',    'The node is an ERROR node inserted by error recovery.'],
  ['is_missing',  'The node is a MISSING node inserted by error recovery (zero width).'],
  ['is_extra',    'The node is an extra (a comment or line continuation outside the grammar''s structure).'],
  ['span',        'Byte span with 0-based line and byte column.'],
  ['attrs',       'Additional facts (jsonb), or NULL.']
]);

CREATE TYPE codecpg.ts_error AS (
    error_id integer,
    node_id  integer,
    span     codecpg.span,
    attrs    jsonb
);
COMMENT ON TYPE codecpg.ts_error IS 'An ERROR node of the tree-sitter tree.';
SELECT codecpg.comment_attributes('codecpg.ts_error', ARRAY[
  ['error_id', 'Ordinal of the error in the file, 0-based.'],
  ['node_id',  'The ERROR node (codecpg.ts_node.node_id).'],
  ['span',     'Byte span of the ERROR node.'],
  ['attrs',    'Additional facts (jsonb), or NULL.']
]);

CREATE TYPE codecpg.ts_missing AS (
    missing_id integer,
    node_id    integer,
    kind       text,
    span       codecpg.span,
    attrs      jsonb
);
COMMENT ON TYPE codecpg.ts_missing IS 'A MISSING node tree-sitter inserted to recover from an error.';
SELECT codecpg.comment_attributes('codecpg.ts_missing', ARRAY[
  ['missing_id', 'Ordinal of the missing node in the file, 0-based.'],
  ['node_id',    'The MISSING node (codecpg.ts_node.node_id).'],
  ['kind',       'The node type that was expected and is missing.'],
  ['span',       'Zero-width byte span where the node is missing.'],
  ['attrs',      'Additional facts (jsonb), or NULL.']
]);

CREATE TYPE codecpg.ts_stats AS (
    node_count      integer,
    named_count     integer,
    error_count     integer,
    missing_count   integer,
    parse_ms        double precision,
    parse_timed_out boolean
);
COMMENT ON TYPE codecpg.ts_stats IS 'Counts and timing of one tree-sitter parse.';
SELECT codecpg.comment_attributes('codecpg.ts_stats', ARRAY[
  ['node_count',      'Number of nodes, named and anonymous.'],
  ['named_count',     'Number of named nodes.'],
  ['error_count',     'Number of ERROR nodes.'],
  ['missing_count',   'Number of MISSING nodes.'],
  ['parse_ms',        'Wall time of the parse in milliseconds.'],
  ['parse_timed_out', 'The parse hit its time limit and the tree is absent or partial.']
]);

CREATE TYPE codecpg.tree_sitter_file AS (
    repo        text,
    path        text,
    file_id     text,
    file_sha256 text,
    nodes       codecpg.ts_node[],
    errors      codecpg.ts_error[],
    missing     codecpg.ts_missing[],
    stats       codecpg.ts_stats,
    attrs       jsonb
);
COMMENT ON TYPE codecpg.tree_sitter_file IS
  'Everything tree-sitter knows about one file. Row type of codecpg.tree_sitter_files_v1.';
SELECT codecpg.comment_attributes('codecpg.tree_sitter_file', ARRAY[
  ['repo',        'Repository name (codecpg.repo_files_v1.repo).'],
  ['path',        'File path relative to the repository root.'],
  ['file_id',     'Stable file identity (codecpg.repo_files_v1.file_id).'],
  ['file_sha256', 'SHA-256 of the source these facts were extracted from.'],
  ['nodes',       'Every node in preorder.'],
  ['errors',      'ERROR nodes.'],
  ['missing',     'MISSING nodes.'],
  ['stats',       'Counts and parse time.'],
  ['attrs',       'Grammar name, version and ABI (jsonb).']
]);

CREATE TABLE codecpg.tree_sitter_files_v1 OF codecpg.tree_sitter_file (
    repo WITH OPTIONS NOT NULL,
    path WITH OPTIONS NOT NULL,
    file_id WITH OPTIONS NOT NULL,
    file_sha256 WITH OPTIONS NOT NULL,
    CONSTRAINT tree_sitter_files_v1_pkey PRIMARY KEY (repo, file_id),
    CONSTRAINT tree_sitter_files_v1_file_fkey FOREIGN KEY (repo, file_id)
        REFERENCES codecpg.repo_files_v1 (repo, file_id) ON DELETE CASCADE
);
COMMENT ON TABLE codecpg.tree_sitter_files_v1 IS
  'tree-sitter concrete syntax trees, one row per file; unnest with codecpg.ts_nodes/ts_edges/ts_errors/ts_missing.';
SELECT codecpg.copy_type_comments('codecpg.tree_sitter_files_v1');
-- Indexed data is user data: pg_dump must dump its rows.
SELECT pg_catalog.pg_extension_config_dump('codecpg.tree_sitter_files_v1', '');

-- Extraction and unnesting. Lines follow Python (\n, \r\n and a lone \r end a line);
-- columns are bytes; a UTF-8 BOM is counted in the offsets (the grammar never sees it).
-- ts_extract is VOLATILE because stats.parse_ms is a measurement. ts_sexp and cst_extract
-- are VOLATILE too: a parse that hits the wall-clock limit codecpg.ts_timeout_ms yields no
-- tree, so two calls with the same source in one statement can differ under load.

CREATE FUNCTION codecpg.ts_extract(repo text, path text, source text, file_sha256 text DEFAULT NULL)
RETURNS codecpg.tree_sitter_files_v1
AS 'MODULE_PATHNAME', 'cpg_ts_extract'
LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.ts_extract(text, text, text, text) IS
  'Parses a Python source with tree-sitter-python and returns its tree_sitter_files_v1 row: every node (named and anonymous) in preorder, ERROR and MISSING nodes, stats and grammar attrs. file_sha256 is computed from the source unless given. NULL when repo, path or source is NULL. The parse time limit is codecpg.ts_timeout_ms, the size limit codecpg.ts_max_bytes.';

CREATE FUNCTION codecpg.ts_sexp(source text)
RETURNS text
AS 'MODULE_PATHNAME', 'cpg_ts_sexp'
LANGUAGE C VOLATILE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.ts_sexp(text) IS
  'The tree as the S-expression tree-sitter prints (ts_node_string, the format of tree-sitter test corpora): named nodes with field names, (ERROR ...), (MISSING ...). NULL when the parse timed out or the source is too large.';

CREATE FUNCTION codecpg.ts_parse_ms(source text)
RETURNS double precision
AS 'MODULE_PATHNAME', 'cpg_ts_parse_ms'
LANGUAGE C VOLATILE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.ts_parse_ms(text) IS
  'Parses a source with tree-sitter and frees the tree, returning the parse time in milliseconds: the floor the extractors are benchmarked against.';

CREATE FUNCTION codecpg.ts_nodes(f codecpg.tree_sitter_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT node_id integer, OUT parent_id integer, OUT kind text, OUT kind_id integer,
    OUT field_name text, OUT child_index integer, OUT is_named boolean, OUT has_error boolean,
    OUT is_error boolean, OUT is_missing boolean, OUT is_extra boolean,
    OUT bstart integer, OUT bend integer, OUT line0 integer, OUT col integer,
    OUT end_line0 integer, OUT end_col integer, OUT attrs jsonb)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_ts_nodes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.ts_nodes(codecpg.tree_sitter_files_v1) IS
  'One row per tree-sitter node of a file, in preorder, with the span as flat columns (byte columns).';

CREATE FUNCTION codecpg.ts_edges(f codecpg.tree_sitter_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT parent_id integer, OUT child_id integer, OUT field_name text, OUT child_index integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_ts_edges'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.ts_edges(codecpg.tree_sitter_files_v1) IS
  'One parent-to-child edge per non-root node, derived from the nodes'' parent_id, field_name and child_index.';

CREATE FUNCTION codecpg.ts_errors(f codecpg.tree_sitter_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT error_id integer, OUT node_id integer,
    OUT bstart integer, OUT bend integer, OUT line0 integer, OUT col integer,
    OUT end_line0 integer, OUT end_col integer, OUT attrs jsonb)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_ts_errors'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.ts_errors(codecpg.tree_sitter_files_v1) IS
  'One row per ERROR node of a file (nested ERROR nodes included).';

CREATE FUNCTION codecpg.ts_missing(f codecpg.tree_sitter_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT missing_id integer, OUT node_id integer, OUT kind text,
    OUT bstart integer, OUT bend integer, OUT line0 integer, OUT col integer,
    OUT end_line0 integer, OUT end_col integer, OUT attrs jsonb)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_ts_missing'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.ts_missing(codecpg.tree_sitter_files_v1) IS
  'One row per MISSING node of a file: the token or node tree-sitter assumed to recover from an error.';
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
    attrs          jsonb
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
  ['attrs',          'Additional facts (jsonb), or NULL.']
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

-- Extraction and unnesting. Every *_bstart/*_bend and bstart/bend pair is a byte range of
-- repo_files_v1.source (a UTF-8 BOM is counted); lines are 0-based, columns bytes.

CREATE FUNCTION codecpg.cst_extract(repo text, path text, source text, file_sha256 text DEFAULT NULL)
RETURNS codecpg.libcst_files_v1
AS 'MODULE_PATHNAME', 'cpg_cst_extract'
LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_extract(text, text, text, text) IS
  'Concrete-syntax facts of a Python source (the seed''s LibCST field set) computed from the tree-sitter tree: manifest, parse errors, refs, imports, callsites with candidate qualified names, defs, type expressions, docstrings, decorators, call arguments. The module name comes from path. file_sha256 is computed unless given. NULL when repo, path or source is NULL.';

CREATE FUNCTION codecpg.cst_parse_manifest(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT encoding text, OUT default_indent text, OUT default_newline text,
    OUT has_trailing_newline boolean, OUT future_imports text[], OUT module_name text,
    OUT package_name text, OUT parser_backend text, OUT parsed_python_version text,
    OUT schema_fingerprint text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_parse_manifest'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_parse_manifest(codecpg.libcst_files_v1) IS
  'The parse manifest of a file as one row: encoding, indentation, newline, future imports, module and package name, parser.';

CREATE FUNCTION codecpg.cst_parse_errors(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT error_type text, OUT message text, OUT raw_line integer, OUT raw_column integer,
    OUT editor_line integer, OUT editor_column integer, OUT context text, OUT line_base integer,
    OUT col_unit text, OUT end_exclusive boolean, OUT bstart integer, OUT bend integer, OUT meta jsonb)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_parse_errors'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_parse_errors(codecpg.libcst_files_v1) IS
  'One row per syntax error: each outermost ERROR region and each MISSING token, or one TIMEOUT / TOO_LARGE row when the file was not parsed.';

CREATE FUNCTION codecpg.cst_refs(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT ref_id integer, OUT ref_kind text, OUT ref_text text, OUT expr_ctx text,
    OUT scope_type text, OUT scope_name text, OUT scope_role text, OUT parent_kind text,
    OUT inferred_type text, OUT bstart integer, OUT bend integer, OUT attrs jsonb)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_refs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_refs(codecpg.libcst_files_v1) IS
  'One row per name or attribute use, with LOAD/STORE/DEL context and the enclosing scope.';

CREATE FUNCTION codecpg.cst_imports(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT import_id integer, OUT kind text, OUT module text, OUT relative_level integer,
    OUT name text, OUT asname text, OUT is_star boolean, OUT stmt_bstart integer,
    OUT stmt_bend integer, OUT alias_bstart integer, OUT alias_bend integer, OUT attrs jsonb)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_imports'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_imports(codecpg.libcst_files_v1) IS
  'One row per imported name (alias) of every import and from-import statement.';

CREATE FUNCTION codecpg.cst_callsites(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT call_id integer, OUT call_bstart integer, OUT call_bend integer,
    OUT callee_bstart integer, OUT callee_bend integer, OUT callee_shape text,
    OUT callee_text text, OUT arg_count integer, OUT callee_dotted text,
    OUT callee_qnames text[], OUT callee_qname_sources text[], OUT callee_fqns text[],
    OUT inferred_type text, OUT attrs jsonb)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_callsites'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_callsites(codecpg.libcst_files_v1) IS
  'One row per call. callee_qnames and callee_qname_sources are index-aligned (candidate i was derived by source i: LOCAL, IMPORT or BUILTIN); unnest(callee_qnames, callee_qname_sources) gives one row per candidate.';

CREATE FUNCTION codecpg.cst_defs(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT def_id integer, OUT container_def_kind text, OUT container_def_bstart integer,
    OUT container_def_bend integer, OUT kind text, OUT name text, OUT def_bstart integer,
    OUT def_bend integer, OUT name_bstart integer, OUT name_bend integer,
    OUT qnames text[], OUT qname_sources text[], OUT def_fqns text[], OUT docstring text,
    OUT decorator_count integer, OUT attrs jsonb)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_defs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_defs(codecpg.libcst_files_v1) IS
  'One row per class, function, async function and lambda, with qualified names (index-aligned with qname_sources) and fully qualified names.';

CREATE FUNCTION codecpg.cst_type_exprs(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT owner_def_kind text, OUT owner_def_bstart integer, OUT owner_def_bend integer,
    OUT param_name text, OUT expr_kind text, OUT expr_role text, OUT bstart integer,
    OUT bend integer, OUT expr_text text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_type_exprs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_type_exprs(codecpg.libcst_files_v1) IS
  'One row per parameter, return or variable annotation.';

CREATE FUNCTION codecpg.cst_docstrings(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT owner_def_id integer, OUT owner_kind text, OUT docstring text,
    OUT bstart integer, OUT bend integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_docstrings'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_docstrings(codecpg.libcst_files_v1) IS
  'One row per module, class or function docstring, with its value and the span of its literal.';

CREATE FUNCTION codecpg.cst_decorators(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT owner_def_id integer, OUT owner_kind text, OUT decorator_text text,
    OUT decorator_index integer, OUT bstart integer, OUT bend integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_decorators'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_decorators(codecpg.libcst_files_v1) IS
  'One row per decorator, in source order.';

CREATE FUNCTION codecpg.cst_call_args(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT call_id integer, OUT arg_index integer, OUT keyword text, OUT star text,
    OUT arg_text text, OUT bstart integer, OUT bend integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_call_args'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_call_args(codecpg.libcst_files_v1) IS
  'One row per argument of every call (join to cst_callsites on call_id).';
-- codecpg install script, part 40: ast_files_v1, CPython's abstract syntax tree.
-- Span columns are UTF-8 byte columns (CPython's col_offset), lines 0-based.
-- The seed's edges list is not stored: each node carries its parent, field name and
-- position, and codecpg.ast_edges() derives the CHILD edges from them.

CREATE TYPE codecpg.ast_node AS (
    ast_id        integer,
    parent_ast_id integer,
    kind          text,
    name          text,
    value         text,
    field_name    text,
    field_pos     integer,
    span          codecpg.span,
    attrs         jsonb
);
COMMENT ON TYPE codecpg.ast_node IS 'A CPython AST node, in DFS preorder. The shared singleton nodes of expr_context, operator, boolop, unaryop and cmpop are not nodes of their own: they are attrs of their owner.';
SELECT codecpg.comment_attributes('codecpg.ast_node', ARRAY[
  ['ast_id',        'DFS preorder index, 0 for the Module node.'],
  ['parent_ast_id', 'ast_id of the parent; NULL for the Module node.'],
  ['kind',          'CPython node class name: FunctionDef, Name, Constant, ...'],
  ['name',          'The identifier the node carries (Name.id, FunctionDef.name, arg.arg, alias.name, Attribute.attr, ...), or NULL.'],
  ['value',         'repr() of a Constant''s value, or NULL.'],
  ['field_name',    'Field of the parent holding this node (body, targets, value, ...); seed attrs.field_name.'],
  ['field_pos',     'Position in that field when the field is a list, else NULL; seed attrs.field_pos.'],
  ['span',          'Byte span; NULL for nodes without positions (Module, arguments, comprehension, withitem, match_case, TypeIgnore).'],
  ['attrs',         'Other scalar fields of the node, or NULL: expression contexts and operators by class name ({"ctx": "Load"}, {"op": "Add"}, {"ops": ["Lt"]}), is_async, level, conversion, asname, type_comment, kind, names, ...']
]);

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
    attrs        jsonb
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
  ['attrs',        'Python version and parse options (jsonb).']
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
-- The lists are large and written once per file: lz4 compresses them several times faster
-- than pglz, for a little more space, where the server is built with lz4.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_settings
               WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE codecpg.ast_files_v1
            ALTER COLUMN nodes SET COMPRESSION lz4,
            ALTER COLUMN errors SET COMPRESSION lz4,
            ALTER COLUMN defs SET COMPRESSION lz4,
            ALTER COLUMN imports SET COMPRESSION lz4,
            ALTER COLUMN calls SET COMPRESSION lz4,
            ALTER COLUMN docstrings SET COMPRESSION lz4,
            ALTER COLUMN type_ignores SET COMPRESSION lz4;
    END IF;
END
$$;
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
-- The lists are large and written once per file: lz4 compresses them several times faster
-- than pglz, for a little more space, where the server is built with lz4.
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_settings
               WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE codecpg.symtable_files_v1
            ALTER COLUMN blocks SET COMPRESSION lz4,
            ALTER COLUMN errors SET COMPRESSION lz4;
    END IF;
END
$$;
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

CREATE TYPE codecpg.bc_cache AS (
    name     text,
    size     integer,
    data_hex text
);
COMMENT ON TYPE codecpg.bc_cache IS 'An inline cache entry of an adaptive instruction (dis.Instruction with show_caches).';
SELECT codecpg.comment_attributes('codecpg.bc_cache', ARRAY[
  ['name',     'Cache field name from opcode._cache_format, e.g. counter, index.'],
  ['size',     'Size in code units (2 bytes each).'],
  ['data_hex', 'The cache bytes as hex, as stored in co_code (always zeros: co_code is unquickened).']
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
  ['start_offset',   'Offset of the first EXTENDED_ARG prefix of this instruction, or instr_offset (EXTENDED_ARG prefixes are instructions of their own, as in dis).'],
  ['end_offset',     'Offset just past the instruction and its cache entries.'],
  ['opname',         'Operation name as dis shows it.'],
  ['baseopname',     'Base (unspecialised) operation name.'],
  ['opcode',         'Numeric opcode.'],
  ['baseopcode',     'Numeric base opcode.'],
  ['arg',            'Argument including EXTENDED_ARG prefixes, or NULL.'],
  ['oparg',          'The argument as dis reports it (same as arg on 3.11), or NULL.'],
  ['argval_kind',    'Python type name of dis''s argval: int, str, bool, NoneType, tuple, float, bytes, frozenset, code, ...; unknown where dis has no value (KW_NAMES); NULL without an argument.'],
  ['argval_int',     'argval when it is an integer (jump targets, counts, int and bool constants that fit 64 bits); the code_id of a code object constant; 1/0 for FORMAT_VALUE with/without a format spec.'],
  ['argval_str',     'argval when it is a name or other text (names, comparison operators, str constants that are valid text without NUL; the FORMAT_VALUE conversion).'],
  ['argrepr',        'Human-readable argument as dis prints it.'],
  ['line_number',    'Source line (1-based) of the instruction from co_positions(), or NULL; 0 for the module''s RESUME.'],
  ['starts_line',    'The 1-based line when the instruction starts a line, else NULL.'],
  ['label',          'Jump-target label number, 1-based in offset order of the targets, or NULL.'],
  ['is_jump_target', 'Some jump instruction targets this offset (dis.get_instructions semantics: exception handlers are not counted).'],
  ['jump_target',    'Offset the instruction jumps to, or NULL.'],
  ['cache_info',     'Inline cache entries following the instruction.'],
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
  'One row per instruction of every code object (dis order; CACHE entries counted in cache_units), with its span flat (UTF-8 byte columns).';

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
-- codecpg install script, part 70: scip_index_v1, SCIP indexes (scip-python).
-- An index is stored in parts so that no single value grows with the project: part 0
-- is a header (metadata and load summary), then one part per document (linked to its
-- repo_files_v1 row when the path matches), then external symbols in chunks bounded in
-- count and bytes. "range" lists stay raw (range_raw) beside the converted span.
-- proto3 cannot tell empty strings and lists from absent ones: both are stored as NULL.

CREATE TYPE codecpg.scip_tool_info AS (
    name      text,
    version   text,
    arguments text[]
);
COMMENT ON TYPE codecpg.scip_tool_info IS 'SCIP ToolInfo: the indexer that produced the index.';
SELECT codecpg.comment_attributes('codecpg.scip_tool_info', ARRAY[
  ['name',      'ToolInfo.name (field 1).'],
  ['version',   'ToolInfo.version (field 2).'],
  ['arguments', 'ToolInfo.arguments (field 3).']
]);

CREATE TYPE codecpg.scip_metadata AS (
    protocol_version       integer,
    tool_info              codecpg.scip_tool_info,
    project_root           text,
    text_document_encoding integer
);
COMMENT ON TYPE codecpg.scip_metadata IS 'SCIP Metadata of an index.';
SELECT codecpg.comment_attributes('codecpg.scip_metadata', ARRAY[
  ['protocol_version',       'Metadata.version (field 1, ProtocolVersion enum).'],
  ['tool_info',              'Metadata.tool_info (field 2).'],
  ['project_root',           'Metadata.project_root (field 3), a URI.'],
  ['text_document_encoding', 'Metadata.text_document_encoding (field 4): 0 unspecified, 1 UTF-8, 2 UTF-16.']
]);

CREATE TYPE codecpg.scip_diagnostic AS (
    severity integer,
    code     text,
    message  text,
    source   text,
    tags     integer[]
);
COMMENT ON TYPE codecpg.scip_diagnostic IS 'SCIP Diagnostic attached to an occurrence.';
SELECT codecpg.comment_attributes('codecpg.scip_diagnostic', ARRAY[
  ['severity', 'Diagnostic.severity (field 1): 1 error, 2 warning, 3 information, 4 hint.'],
  ['code',     'Diagnostic.code (field 2).'],
  ['message',  'Diagnostic.message (field 3).'],
  ['source',   'Diagnostic.source (field 4).'],
  ['tags',     'Diagnostic.tags (field 5): 1 unnecessary, 2 deprecated.']
]);

CREATE TYPE codecpg.scip_occurrence AS (
    range_raw              integer[],
    range                  codecpg.span,
    symbol                 text,
    symbol_roles           integer,
    override_documentation text[],
    syntax_kind            integer,
    diagnostics            codecpg.scip_diagnostic[],
    enclosing_range_raw    integer[],
    enclosing_range        codecpg.span,
    attrs                  jsonb
);
COMMENT ON TYPE codecpg.scip_occurrence IS 'SCIP Occurrence: a symbol at a range of a document.';
SELECT codecpg.comment_attributes('codecpg.scip_occurrence', ARRAY[
  ['range_raw',              'Occurrence.range (field 1) exactly as stored: [line, start_char, end_char] or [start_line, start_char, end_line, end_char].'],
  ['range',                  'The range in the span ABI: 0-based lines, the producer''s columns (unit in the document''s attrs.col_unit), byte offsets into the file''s UTF-8 source (NULL when the file is not in repo_files_v1 or the position does not exist in it). NULL when range_raw has neither 3 nor 4 elements.'],
  ['symbol',                 'Occurrence.symbol (field 2).'],
  ['symbol_roles',           'Occurrence.symbol_roles (field 3): DEFINITION=1, IMPORT=2, WRITE=4, READ=8, GENERATED=16, TEST=32, FORWARD_DEFINITION=64.'],
  ['override_documentation', 'Occurrence.override_documentation (field 4).'],
  ['syntax_kind',            'Occurrence.syntax_kind (field 5).'],
  ['diagnostics',            'Occurrence.diagnostics (field 6).'],
  ['enclosing_range_raw',    'Occurrence.enclosing_range (field 7) as stored.'],
  ['enclosing_range',        'enclosing_range converted like range.'],
  ['attrs',                  'Additional facts (jsonb), or NULL.']
]);

CREATE TYPE codecpg.scip_sig_occurrence AS (
    symbol       text,
    symbol_roles integer,
    range        integer[]
);
COMMENT ON TYPE codecpg.scip_sig_occurrence IS 'An occurrence inside a signature_documentation document (ranges are relative to its text).';
SELECT codecpg.comment_attributes('codecpg.scip_sig_occurrence', ARRAY[
  ['symbol',       'Occurrence.symbol.'],
  ['symbol_roles', 'Occurrence.symbol_roles.'],
  ['range',        'Occurrence.range as stored.']
]);

CREATE TYPE codecpg.scip_signature AS (
    text        text,
    language    text,
    occurrences codecpg.scip_sig_occurrence[]
);
COMMENT ON TYPE codecpg.scip_signature IS 'SymbolInformation.signature_documentation (field 7), a Document.';
SELECT codecpg.comment_attributes('codecpg.scip_signature', ARRAY[
  ['text',        'Document.text: the signature as source text.'],
  ['language',    'Document.language.'],
  ['occurrences', 'Document.occurrences within the signature text.']
]);

CREATE TYPE codecpg.scip_relationship AS (
    symbol             text,
    is_reference       boolean,
    is_implementation  boolean,
    is_type_definition boolean,
    is_definition      boolean
);
COMMENT ON TYPE codecpg.scip_relationship IS 'SCIP Relationship of a symbol to another.';
SELECT codecpg.comment_attributes('codecpg.scip_relationship', ARRAY[
  ['symbol',             'Relationship.symbol (field 1).'],
  ['is_reference',       'Relationship.is_reference (field 2).'],
  ['is_implementation',  'Relationship.is_implementation (field 3).'],
  ['is_type_definition', 'Relationship.is_type_definition (field 4).'],
  ['is_definition',      'Relationship.is_definition (field 5).']
]);

CREATE TYPE codecpg.scip_symbol_info AS (
    symbol                  text,
    documentation           text[],
    signature_documentation codecpg.scip_signature,
    relationships           codecpg.scip_relationship[],
    kind                    integer,
    display_name            text,
    enclosing_symbol        text,
    attrs                   jsonb
);
COMMENT ON TYPE codecpg.scip_symbol_info IS 'SCIP SymbolInformation.';
SELECT codecpg.comment_attributes('codecpg.scip_symbol_info', ARRAY[
  ['symbol',                  'SymbolInformation.symbol (field 1).'],
  ['documentation',           'SymbolInformation.documentation (field 3), Markdown.'],
  ['signature_documentation', 'SymbolInformation.signature_documentation (field 7).'],
  ['relationships',           'SymbolInformation.relationships (field 4).'],
  ['kind',                    'SymbolInformation.kind (field 5).'],
  ['display_name',            'SymbolInformation.display_name (field 6).'],
  ['enclosing_symbol',        'SymbolInformation.enclosing_symbol (field 8).'],
  ['attrs',                   'Additional facts (jsonb), or NULL.']
]);

CREATE TYPE codecpg.scip_document AS (
    relative_path     text,
    language          text,
    text              text,
    position_encoding integer,
    occurrences       codecpg.scip_occurrence[],
    symbols           codecpg.scip_symbol_info[],
    attrs             jsonb
);
COMMENT ON TYPE codecpg.scip_document IS 'SCIP Document: one source file of the index.';
SELECT codecpg.comment_attributes('codecpg.scip_document', ARRAY[
  ['relative_path',     'Document.relative_path (field 1), relative to the project root.'],
  ['language',          'Document.language (field 4).'],
  ['text',              'Document.text (field 5); usually empty for scip-python.'],
  ['position_encoding', 'Document.position_encoding (field 6): 0 unspecified, 1 UTF-8, 2 UTF-16, 3 UTF-32 code units.'],
  ['occurrences',       'Document.occurrences (field 2).'],
  ['symbols',           'Document.symbols (field 3): symbols defined in the document.'],
  ['attrs',             'How columns were read for byte spans (jsonb): col_unit (utf-8, utf-16 or utf-32), col_unit_from (parameter, producer, document or default), source (whether repo_files_v1 had the file) and unmapped_ranges (ranges without byte offsets).']
]);

CREATE TYPE codecpg.scip_index AS (
    repo             text,
    index_id         text,
    part_no          integer,
    file_id          text,
    metadata         codecpg.scip_metadata,
    documents        codecpg.scip_document[],
    external_symbols codecpg.scip_symbol_info[],
    attrs            jsonb
);
COMMENT ON TYPE codecpg.scip_index IS
  'One part of a SCIP index: a document, or a chunk of symbols. Row type of codecpg.scip_index_v1.';
SELECT codecpg.comment_attributes('codecpg.scip_index', ARRAY[
  ['repo',             'Repository name.'],
  ['index_id',         'Identity of the loaded index within the repository.'],
  ['part_no',          'Part number within the index: 0 is the header (metadata, load summary), then one part per document in index order, then chunks of external symbols.'],
  ['file_id',          'For a document part: the repo_files_v1 file of the document, when its path is indexed; else NULL.'],
  ['metadata',         'Index.metadata (field 1), repeated on every part.'],
  ['documents',        'Index.documents (field 2) stored in this part (at most one).'],
  ['external_symbols', 'Index.external_symbols (field 3) stored in this part.'],
  ['attrs',            'Part layout (jsonb): {"part": "header" | "document" | "external_symbols"}; the header adds format, bytes and counts of the load; a symbol chunk adds first_ordinal, the index-wide ordinal of its first symbol.']
]);

CREATE TABLE codecpg.scip_index_v1 OF codecpg.scip_index (
    repo WITH OPTIONS NOT NULL,
    index_id WITH OPTIONS NOT NULL,
    part_no WITH OPTIONS NOT NULL,
    CONSTRAINT scip_index_v1_pkey PRIMARY KEY (repo, index_id, part_no),
    CONSTRAINT scip_index_v1_file_fkey FOREIGN KEY (repo, file_id)
        REFERENCES codecpg.repo_files_v1 (repo, file_id) ON DELETE CASCADE
);
COMMENT ON TABLE codecpg.scip_index_v1 IS
  'SCIP indexes, stored in parts (one per document, bounded symbol chunks); unnest with the codecpg.scip_* functions.';
SELECT codecpg.copy_type_comments('codecpg.scip_index_v1');
-- Deleting or re-snapshotting a file cascades to its SCIP document: find it by index.
CREATE INDEX scip_index_v1_file_idx ON codecpg.scip_index_v1 (repo, file_id);

-- A document part is one large composite array, written once and read whole: LZ4
-- compresses it about twice as fast as pglz for about 10% more space (scip_load of the
-- standard library's index: 0.7 s instead of 1.2 s). A server built without LZ4 keeps pglz.
DO $$
BEGIN
    ALTER TABLE codecpg.scip_index_v1 ALTER COLUMN documents SET COMPRESSION lz4,
                                      ALTER COLUMN external_symbols SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    NULL;
END
$$;
-- Indexed data is user data: pg_dump must dump its rows.
SELECT pg_catalog.pg_extension_config_dump('codecpg.scip_index_v1', '');

-- Loading.
CREATE FUNCTION codecpg.scip_load(
    repo text,
    index bytea,
    format text DEFAULT 'protobuf',
    index_id text DEFAULT NULL,
    position_encoding text DEFAULT NULL,
    OUT loaded_index_id text,
    OUT parts integer,
    OUT documents integer,
    OUT documents_with_source integer,
    OUT occurrences bigint,
    OUT unmapped_ranges bigint,
    OUT symbols bigint,
    OUT external_symbols bigint,
    OUT bytes bigint)
RETURNS record
AS 'MODULE_PATHNAME', 'cpg_scip_load'
LANGUAGE C VOLATILE
-- SPI inside: no function or operator of the caller's search_path may be resolved.
SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION codecpg.scip_load(text, bytea, text, text, text) IS
  'Decodes a SCIP index (format ''protobuf'': index.scip, several concatenated Index messages merged; or ''json'': the protobuf JSON mapping) and stores it in scip_index_v1 for the repo, replacing an earlier load of the same index_id in the same transaction. index_id defaults to the producer''s tool name. Ranges get byte offsets against repo_files_v1 sources: columns are UTF-16 for scip-python (whatever it declares), else the document''s position_encoding (UTF-16 if unspecified), unless position_encoding (''utf-8'', ''utf-16'', ''utf-32'') forces a unit. Malformed input raises SQLSTATE 22P03 (protobuf) or 22P02 (JSON) with the byte offset in the detail.';

CREATE FUNCTION codecpg.scip_load_file(
    repo text,
    path text,
    format text DEFAULT 'protobuf',
    index_id text DEFAULT NULL,
    position_encoding text DEFAULT NULL,
    OUT loaded_index_id text,
    OUT parts integer,
    OUT documents integer,
    OUT documents_with_source integer,
    OUT occurrences bigint,
    OUT unmapped_ranges bigint,
    OUT symbols bigint,
    OUT external_symbols bigint,
    OUT bytes bigint)
RETURNS record
LANGUAGE sql VOLATILE
SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT * FROM codecpg.scip_load(repo, pg_catalog.pg_read_binary_file(path), format, index_id,
                                    position_encoding);
END;
COMMENT ON FUNCTION codecpg.scip_load_file(text, text, text, text, text) IS
  'scip_load of a file on the database server. Reading it takes the privileges of pg_read_binary_file: superuser, or EXECUTE on it and membership in pg_read_server_files for paths outside the data directory.';

CREATE FUNCTION codecpg.scip_run(
    repo text,
    root text,
    project_name text DEFAULT 'project',
    project_version text DEFAULT '0',
    scip_python text DEFAULT 'scip-python',
    index_id text DEFAULT NULL,
    OUT loaded_index_id text,
    OUT parts integer,
    OUT documents integer,
    OUT documents_with_source integer,
    OUT occurrences bigint,
    OUT unmapped_ranges bigint,
    OUT symbols bigint,
    OUT external_symbols bigint,
    OUT bytes bigint)
RETURNS record
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    dir text := '/tmp/codecpg-scip-' || pg_backend_pid() || '-' || md5(clock_timestamp()::text);
    q_dir text;
    q_exe text;
    cmd text;
    payload text;
    r record;
BEGIN
    -- Not STRICT, because index_id defaults to NULL; but a NULL root would become an empty
    -- word and cd would go to the server user's home, which holds the data directory.
    IF repo IS NULL OR root IS NULL OR project_name IS NULL OR project_version IS NULL
       OR scip_python IS NULL THEN
        RAISE EXCEPTION 'scip_run: repo, root, project_name, project_version and scip_python must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF NOT (pg_has_role(current_user, 'pg_execute_server_program', 'USAGE')
            AND pg_has_role(current_user, 'pg_read_server_files', 'USAGE')) THEN
        RAISE EXCEPTION 'permission denied to run scip-python on the database server'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'scip_run executes a program and reads its output as the server''s operating-system user.',
                  HINT = 'Grant pg_execute_server_program and pg_read_server_files, or run scip-python on the client and call codecpg.scip_load.';
    END IF;
    -- Single-quote every word for the shell: a quote becomes '\''.
    q_dir := '''' || replace(dir, '''', '''\''''') || '''';
    q_exe := '''' || replace(scip_python, '''', '''\''''') || '''';
    -- %1$s program, %2$s scratch directory, %3$s project root, %4$s name, %5$s version.
    -- Prints the index in base64 on one line, or a marker and the tail of the log.
    cmd := format('command -v %1$s >/dev/null 2>&1 || { echo codecpg-scip-missing; exit 0; }; '
                  || 'mkdir -p %2$s && echo "[]" > %2$s/env.json || exit 0; '
                  || 'if (cd %3$s 2>/dev/null || { echo cannot enter the directory; exit 1; }; %1$s index --quiet --cwd %3$s --project-name %4$s '
                  || '--project-version %5$s --environment %2$s/env.json --output %2$s/index.scip) '
                  || '>%2$s/log 2>&1 && [ -s %2$s/index.scip ]; then base64 -w0 %2$s/index.scip; '
                  || 'else printf codecpg-scip-failed:; tail -c 2000 %2$s/log | base64 -w0; fi; '
                  || 'echo; rm -rf %2$s',
                  q_exe, q_dir, '''' || replace(root, '''', '''\''''') || '''',
                  '''' || replace(project_name, '''', '''\''''') || '''',
                  '''' || replace(project_version, '''', '''\''''') || '''');
    CREATE TEMP TABLE IF NOT EXISTS codecpg_scip_run_output (line text);
    TRUNCATE pg_temp.codecpg_scip_run_output;
    EXECUTE format('COPY pg_temp.codecpg_scip_run_output FROM PROGRAM %L', cmd);
    SELECT string_agg(line, '') INTO payload FROM pg_temp.codecpg_scip_run_output;
    DROP TABLE pg_temp.codecpg_scip_run_output;
    IF payload = 'codecpg-scip-missing' THEN
        RAISE EXCEPTION 'scip-python is not installed on the database server'
            USING ERRCODE = 'undefined_file',
                  DETAIL = format('%s was not found on the server''s PATH.', scip_python),
                  HINT = 'Install it with npm install @sourcegraph/scip-python@0.6.6 (see docs/scip.md), pass its path as scip_python, or load an index made elsewhere with codecpg.scip_load.';
    END IF;
    IF payload IS NULL OR payload = '' OR payload LIKE 'codecpg-scip-failed:%' THEN
        RAISE EXCEPTION 'scip-python failed to index %', root
            USING ERRCODE = 'external_routine_exception',
                  DETAIL = 'Its output ended with: '
                           || coalesce(encode(decode(substr(payload, 21), 'base64'), 'escape'), ''),
                  HINT = 'It runs as the server''s operating-system user: that user must be able to read the directory.';
    END IF;
    SELECT * INTO r FROM codecpg.scip_load(repo, decode(payload, 'base64'), 'protobuf', index_id);
    loaded_index_id := r.loaded_index_id; parts := r.parts; documents := r.documents;
    documents_with_source := r.documents_with_source; occurrences := r.occurrences;
    unmapped_ranges := r.unmapped_ranges; symbols := r.symbols;
    external_symbols := r.external_symbols; bytes := r.bytes;
END
$$;
COMMENT ON FUNCTION codecpg.scip_run(text, text, text, text, text, text) IS
  'Runs scip-python (npm @sourcegraph/scip-python 0.6.6) offline on a directory of the database server (--environment with an empty environment, --project-name, --project-version) and loads the index with scip_load. Needs pg_execute_server_program and pg_read_server_files; raises SQLSTATE 58P01 with a hint when scip-python is not installed.';

-- Unnesting: each function takes one scip_index_v1 part.
CREATE FUNCTION codecpg.scip_metadata(part codecpg.scip_index_v1,
    OUT repo text, OUT index_id text, OUT protocol_version integer, OUT tool_name text,
    OUT tool_version text, OUT tool_arguments text[], OUT project_root text,
    OUT text_document_encoding integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_scip_metadata'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.scip_metadata(codecpg.scip_index_v1) IS
  'The index''s Metadata, one row from the header part (part_no 0) and none from the others.';

CREATE FUNCTION codecpg.scip_documents(part codecpg.scip_index_v1,
    OUT repo text, OUT index_id text, OUT part_no integer, OUT path text, OUT file_id text,
    OUT language text, OUT text text, OUT position_encoding integer, OUT col_unit text,
    OUT occurrence_count integer, OUT symbol_count integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_scip_documents'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.scip_documents(codecpg.scip_index_v1) IS
  'The document of a document part (path = Document.relative_path, file_id when repo_files_v1 has it, col_unit = the column unit its spans were read in).';

CREATE FUNCTION codecpg.scip_occurrences(part codecpg.scip_index_v1,
    OUT repo text, OUT index_id text, OUT path text, OUT file_id text,
    OUT occurrence_ordinal integer, OUT symbol text, OUT symbol_roles integer,
    OUT syntax_kind integer, OUT range_raw integer[],
    OUT bstart integer, OUT bend integer, OUT line0 integer, OUT col integer,
    OUT end_line0 integer, OUT end_col integer,
    OUT enclosing_range_raw integer[],
    OUT enclosing_bstart integer, OUT enclosing_bend integer, OUT enclosing_line0 integer,
    OUT enclosing_col integer, OUT enclosing_end_line0 integer, OUT enclosing_end_col integer,
    OUT override_documentation text[], OUT diagnostic_count integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_scip_occurrences'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.scip_occurrences(codecpg.scip_index_v1) IS
  'Occurrences of a document part in index order (occurrence_ordinal, 0-based): raw ranges, and spans with byte offsets into the repo_files_v1 source (NULL when unknown) and the producer''s lines and columns.';

CREATE FUNCTION codecpg.scip_symbol_info(part codecpg.scip_index_v1,
    OUT repo text, OUT index_id text, OUT path text, OUT file_id text,
    OUT symbol_ordinal integer, OUT symbol text, OUT documentation text[], OUT kind integer,
    OUT display_name text, OUT enclosing_symbol text, OUT signature_text text,
    OUT signature_language text, OUT signature_occurrences jsonb, OUT relationship_count integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_scip_symbol_info'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.scip_symbol_info(codecpg.scip_index_v1) IS
  'SymbolInformation of a document part (Document.symbols) in index order; signature_documentation is spread into signature_text, signature_language and signature_occurrences (jsonb array of {symbol, symbol_roles, range}).';

CREATE FUNCTION codecpg.scip_symbol_relationships(part codecpg.scip_index_v1,
    OUT repo text, OUT index_id text, OUT path text, OUT file_id text, OUT is_external boolean,
    OUT symbol_ordinal bigint, OUT symbol text, OUT relationship_ordinal integer,
    OUT related_symbol text, OUT is_reference boolean, OUT is_implementation boolean,
    OUT is_type_definition boolean, OUT is_definition boolean)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_scip_symbol_relationships'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.scip_symbol_relationships(codecpg.scip_index_v1) IS
  'Relationships of the part''s symbols: document symbols (path, file_id; symbol_ordinal within the document) and external symbols (is_external, path NULL; symbol_ordinal within the index).';

CREATE FUNCTION codecpg.scip_external_symbol_info(part codecpg.scip_index_v1,
    OUT repo text, OUT index_id text, OUT part_no integer, OUT symbol_ordinal bigint,
    OUT symbol text, OUT documentation text[], OUT kind integer, OUT display_name text,
    OUT enclosing_symbol text, OUT signature_text text, OUT signature_language text,
    OUT signature_occurrences jsonb, OUT relationship_count integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_scip_external_symbol_info'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.scip_external_symbol_info(codecpg.scip_index_v1) IS
  'Index.external_symbols stored in a symbol-chunk part; symbol_ordinal counts them across the whole index (0-based).';

CREATE FUNCTION codecpg.scip_diagnostics(part codecpg.scip_index_v1,
    OUT repo text, OUT index_id text, OUT path text, OUT file_id text,
    OUT occurrence_ordinal integer, OUT diagnostic_ordinal integer, OUT symbol text,
    OUT severity integer, OUT code text, OUT message text, OUT source text, OUT tags integer[],
    OUT bstart integer, OUT bend integer, OUT line0 integer, OUT col integer,
    OUT end_line0 integer, OUT end_col integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_scip_diagnostics'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.scip_diagnostics(codecpg.scip_index_v1) IS
  'Diagnostics attached to the occurrences of a document part, with the occurrence''s symbol and span.';
-- codecpg install script, part 80: indexing projects end to end.
-- A run walks a directory (server side, codecpg.index_repo) or receives files from the
-- command-line client, snapshots them into repo_files_v1 keyed by the SHA-256 of their
-- raw bytes, runs every installed extractor over new and changed files, removes deleted
-- files (the cascading references take their facts along) and records what it did.
-- The functions that run SQL inside (SPI) or look up objects by name pin search_path to
-- pg_catalog, pg_temp: they are run by privileged roles, and a function or operator
-- planted in a schema the caller has on its path (public) must never be called by them.

CREATE SEQUENCE codecpg.index_run_id_seq;
COMMENT ON SEQUENCE codecpg.index_run_id_seq IS 'Source of codecpg.index_runs.run_id.';
SELECT pg_catalog.pg_extension_config_dump('codecpg.index_run_id_seq', '');

CREATE TABLE codecpg.index_runs (
    run_id          bigint PRIMARY KEY DEFAULT nextval('codecpg.index_run_id_seq'),
    repo            text NOT NULL,
    origin          text NOT NULL CHECK (origin IN ('server', 'client')),
    root            text,
    status          text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'abandoned')),
    message         text,
    started_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
    finished_at     timestamptz,
    files_seen      integer NOT NULL DEFAULT 0,
    files_added     integer NOT NULL DEFAULT 0,
    files_changed   integer NOT NULL DEFAULT 0,
    files_removed   integer NOT NULL DEFAULT 0,
    files_unchanged integer NOT NULL DEFAULT 0,
    files_failed    integer NOT NULL DEFAULT 0,
    domains         jsonb NOT NULL DEFAULT '{}',
    versions        jsonb,
    options         jsonb NOT NULL DEFAULT '{}',
    backend_pid     integer NOT NULL DEFAULT pg_backend_pid()
);
CREATE INDEX index_runs_repo_idx ON codecpg.index_runs (repo, run_id);
COMMENT ON TABLE codecpg.index_runs IS
  'One row per index run of a repository (server side or client), with its outcome, file counts, per-domain row counts and timings, versions and options.';
SELECT codecpg.comment_attributes('codecpg.index_runs', ARRAY[
  ['run_id',          'Run number, increasing.'],
  ['repo',            'Repository name the run indexed.'],
  ['origin',          'server: codecpg.index_repo read a directory on the database server; client: the codecpg command-line client sent the files.'],
  ['root',            'The directory indexed (on the server, or on the client''s machine).'],
  ['status',          'running; succeeded; failed (the run changed nothing, see message); abandoned (a client run whose session ended without finishing).'],
  ['message',         'Why the run failed, when it did.'],
  ['started_at',      'When the run started.'],
  ['finished_at',     'When the run finished or failed; NULL while running.'],
  ['files_seen',      'Python files selected under the root.'],
  ['files_added',     'Files new to the repository.'],
  ['files_changed',   'Files whose raw bytes changed (a different file_sha256).'],
  ['files_removed',   'Files of the previous state that are gone or no longer selected; their facts were deleted. A file still there but unreadable or over the size limit keeps its previous snapshot and facts.'],
  ['files_unchanged', 'Files with the same file_sha256 as before: not read into the database again, not re-extracted.'],
  ['files_failed',    'Files with an ingestion problem (encoding, NUL bytes, size limit, unreadable); see codecpg.index_errors.'],
  ['domains',         'Per extraction domain: {"rows": root rows stored, "files": files extracted, "ms": milliseconds spent, "errors": files with extractor errors} (jsonb).'],
  ['versions',        'codecpg.version_info() at the time of the run, as {component: version} (jsonb).'],
  ['options',         'The options of the run (jsonb), including client settings such as jobs.'],
  ['backend_pid',     'Process id of the backend that started the run (pg_cancel_backend target).']
]);
SELECT pg_catalog.pg_extension_config_dump('codecpg.index_runs', '');

CREATE TABLE codecpg.index_errors (
    run_id  bigint NOT NULL REFERENCES codecpg.index_runs (run_id) ON DELETE CASCADE,
    repo    text NOT NULL,
    path    text NOT NULL,
    domain  text,
    kind    text NOT NULL CHECK (kind IN ('syntax', 'encoding', 'size_limit', 'unreadable', 'nul_byte',
                                          'symlink_loop', 'extractor_error')),
    message text NOT NULL,
    line0   integer,
    col     integer
);
CREATE INDEX index_errors_run_idx ON codecpg.index_errors (run_id);
CREATE INDEX index_errors_repo_idx ON codecpg.index_errors (repo, path);
COMMENT ON TABLE codecpg.index_errors IS
  'Per-file problems of an index run: a file that could not be ingested, or whose extraction reported errors. A problem is data, not a failed run.';
SELECT codecpg.comment_attributes('codecpg.index_errors', ARRAY[
  ['run_id',  'The run (codecpg.index_runs.run_id) that met the problem.'],
  ['repo',    'Repository name.'],
  ['path',    'File (or directory, for symlink_loop) path relative to the root.'],
  ['domain',  'Extraction domain that reported it (tree_sitter, libcst, ast, symtable, bytecode); NULL for ingestion problems.'],
  ['kind',    'syntax, encoding, size_limit, unreadable, nul_byte, symlink_loop or extractor_error.'],
  ['message', 'What went wrong, as the producer said it.'],
  ['line0',   'Line of the problem, 0-based, when known.'],
  ['col',     'Column of the problem in the domain''s column unit, when known.']
]);
SELECT pg_catalog.pg_extension_config_dump('codecpg.index_errors', '');

CREATE FUNCTION codecpg.decode_source(content bytea, OUT source text, OUT encoding text,
    OUT error_kind text, OUT error_message text)
RETURNS record
AS 'MODULE_PATHNAME', 'cpg_decode_source'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.decode_source(bytea) IS
  'Decodes a Python file''s raw bytes to UTF-8 text as the indexer does: a UTF-8 BOM, else a PEP 263 coding declaration on line 1 or 2, else UTF-8; other encodings are converted with PostgreSQL''s conversions. On failure source is NULL and error_kind (encoding, nul_byte) and error_message say why.';

CREATE FUNCTION codecpg.put_file_bytes(repo text, path text, content bytea, run_id bigint DEFAULT NULL,
    OUT file_id text, OUT status text, OUT decoded boolean)
RETURNS record
AS 'MODULE_PATHNAME', 'cpg_put_file_bytes'
LANGUAGE C VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION codecpg.put_file_bytes(text, text, bytea, bigint) IS
  'Stores one file''s raw bytes in repo_files_v1 (file_sha256 of the raw bytes, source decoded by codecpg.decode_source) and says whether it was added, changed or unchanged. Changed content replaces the old snapshot and every fact extracted from it. A file that cannot be decoded is stored with source NULL and, given run_id, an error row; a file over codecpg.max_file_size is refused with SQLSTATE 54000.';

CREATE FUNCTION codecpg.index_domains(OUT domain text, OUT root_table regclass,
    OUT extractor regprocedure, OUT passes_sha256 boolean)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_index_domains'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.index_domains() IS
  'The extraction domains an index run will execute: those whose extractor function is installed, with its root table and whether it takes the stored file_sha256 as a fourth argument.';

CREATE FUNCTION codecpg.index_begin(repo text, origin text, root text, options jsonb DEFAULT '{}')
RETURNS bigint
AS 'MODULE_PATHNAME', 'cpg_index_begin'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION codecpg.index_begin(text, text, text, jsonb) IS
  'Starts a client-driven index run: takes the repository''s index lock for the session (SQLSTATE 55P03 when another run of the repository is in progress, unless options has "wait": true), marks earlier runs left running as abandoned, inserts the run record and returns run_id. Call it outside the transaction that does the work, so the record survives a failed run.';

CREATE FUNCTION codecpg.index_staging_repo(run_id bigint)
RETURNS text
AS 'MODULE_PATHNAME', 'cpg_index_staging_repo'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.index_staging_repo(bigint) IS
  'The repository name under which the worker connections of a parallel client run stage files and facts until codecpg.index_publish moves them: a control character, "staging:" and the run_id.';

CREATE FUNCTION codecpg.index_extract(run_id bigint, file_ids text[], staged boolean DEFAULT false)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'cpg_index_extract'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION codecpg.index_extract(bigint, text[], boolean) IS
  'Runs every installed extractor over the given files of the run''s repository (or, staged, of its staging repository; their facts must not be stored yet), records extractor errors (and the errors lists of the stored facts) as error rows of the run, adds the per-domain counts and milliseconds to the run record and returns them.';

CREATE FUNCTION codecpg.index_publish(run_id bigint, kept_paths text[])
RETURNS integer
AS 'MODULE_PATHNAME', 'cpg_index_publish'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION codecpg.index_publish(bigint, text[]) IS
  'Publishes a parallel client run in the caller''s transaction: removes the files of the repository not in kept_paths and the old snapshots of staged files (with their facts), moves the staged snapshots and facts under the repository and empties the staging. Returns the number of files removed.';

CREATE FUNCTION codecpg.index_finish(run_id bigint, counts jsonb, domains jsonb DEFAULT NULL)
RETURNS void
AS 'MODULE_PATHNAME', 'cpg_index_finish'
LANGUAGE C VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION codecpg.index_finish(bigint, jsonb, jsonb) IS
  'Marks a run succeeded with its file counts ({"seen", "added", "changed", "removed", "unchanged", "failed"}) and, when given, its per-domain figures. Commit the transaction to publish the run; the index lock taken by index_begin is held until the session ends.';

CREATE FUNCTION codecpg.index_fail(run_id bigint, message text)
RETURNS void
AS 'MODULE_PATHNAME', 'cpg_index_fail'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION codecpg.index_fail(bigint, text) IS
  'Marks a run failed with the reason, after its work was rolled back (call it in a new transaction), and deletes what its worker connections staged.';

CREATE FUNCTION codecpg.index_repo(repo text, root text, options jsonb DEFAULT '{}')
RETURNS codecpg.index_runs
AS 'MODULE_PATHNAME', 'cpg_index_repo'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION codecpg.index_repo(text, text, jsonb) IS
  'Indexes a directory of the database server into a repository in one transaction: selects Python files (options include/exclude: arrays of globs; default_excludes: false keeps .git, virtualenvs and build outputs), snapshots new and changed files, runs every installed extractor, removes deleted files, optionally runs scip-python (scip: true) and returns the run record. Needs the privileges of pg_read_server_files; SQLSTATE 55P03 when another run of the repository is in progress, unless wait: true.';
-- codecpg install script, part 90: catalog checks, fingerprints, inventory, versions.
-- What the library declares (src/schema/*.def, compiled in) is compared with what
-- pg_catalog says is installed, so a drifted installation is detected, not guessed.

CREATE FUNCTION codecpg.declared_attributes(
    OUT type_name text, OUT attnum integer, OUT attname text, OUT sqltype text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_declared_attributes'
LANGUAGE C STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.declared_attributes() IS
  'The composite types and attributes (in order) that this codecpg library reads and writes, as compiled in from src/schema/*.def.';

CREATE FUNCTION codecpg.declared_tables(
    OUT table_name text, OUT row_type text, OUT primary_key text, OUT references_files boolean)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_declared_tables'
LANGUAGE C STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.declared_tables() IS
  'The root tables this codecpg library expects: row type, primary key, cascading reference to repo_files_v1.';

CREATE FUNCTION codecpg.declared_functions(OUT function_name text, OUT argument_types text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_declared_functions'
LANGUAGE C STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.declared_functions() IS
  'The SQL functions this codecpg library declares, with their input argument types.';

CREATE FUNCTION codecpg.library_versions(OUT component text, OUT version text, OUT detail text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_library_versions'
LANGUAGE C STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.library_versions() IS
  'Versions compiled into or linked by the codecpg library: itself, CPython, tree-sitter ABI, grammar, jansson.';

CREATE FUNCTION codecpg.version_info(OUT component text, OUT version text, OUT detail text)
RETURNS SETOF record
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
    SELECT 'postgresql', current_setting('server_version'), version()
    UNION ALL
    SELECT 'codecpg extension', e.extversion, 'installed SQL objects (pg_extension.extversion)'
      FROM pg_extension e WHERE e.extname = 'codecpg'
    UNION ALL
    SELECT l.component, l.version, l.detail FROM codecpg.library_versions() l;
END;
COMMENT ON FUNCTION codecpg.version_info() IS
  'Version report: PostgreSQL, the installed codecpg schema and library, CPython, tree-sitter language ABI and grammar, jansson. Run records store it.';

CREATE FUNCTION codecpg.span_abi(
    OUT domain text, OUT root_table text, OUT line_base integer, OUT col_unit text,
    OUT end_exclusive boolean, OUT byte_offsets text, OUT native_positions text)
RETURNS SETOF record
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT * FROM (VALUES
      ('tree_sitter', 'tree_sitter_files_v1', 0, 'byte', true,
       'UTF-8 bytes of repo_files_v1.source', 'tree-sitter byte offsets and (row, byte column) points'),
      ('libcst', 'libcst_files_v1', 0, 'byte', true,
       'UTF-8 bytes of repo_files_v1.source', 'derived from the tree-sitter tree'),
      ('ast', 'ast_files_v1', 0, 'byte', true,
       'UTF-8 bytes of repo_files_v1.source', 'CPython lineno (1-based) and col_offset (UTF-8 bytes)'),
      ('symtable', 'symtable_files_v1', 0, 'byte', true,
       'UTF-8 bytes of repo_files_v1.source (the whole line of the table)', 'CPython get_lineno() (1-based line only)'),
      ('bytecode', 'bytecode_files_v1', 0, 'byte', true,
       'UTF-8 bytes of repo_files_v1.source', 'CPython co_positions() (1-based lines, UTF-8 byte columns)'),
      ('scip', 'scip_index_v1', 0, 'utf-16 code unit', true,
       'UTF-8 bytes of repo_files_v1.source, NULL when the document''s file is not indexed or the position does not exist in it',
       'SCIP ranges: 0-based lines; columns are UTF-16 code units for scip-python whatever it declares, else the document''s position_encoding (UTF-16 when unspecified); the unit used is scip_documents().col_unit')
    ) AS abi(domain, root_table, line_base, col_unit, end_exclusive, byte_offsets, native_positions);
END;
COMMENT ON FUNCTION codecpg.span_abi() IS
  'The span ABI per domain: line base, column unit, end exclusivity and how native positions were converted to byte offsets.';

-- Attributes of composite types as installed, with types printed schema-qualified.
CREATE FUNCTION codecpg.installed_attributes(
    OUT type_name text, OUT attnum integer, OUT attname text, OUT typid oid, OUT has_comment boolean)
RETURNS SETOF record
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
    SELECT t.typname::text, (row_number() OVER (PARTITION BY t.oid ORDER BY a.attnum))::integer,
           a.attname::text, a.atttypid, col_description(t.typrelid, a.attnum) IS NOT NULL
      FROM pg_type t
      JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = 'codecpg'
      JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY t.typname, a.attnum;
END;
COMMENT ON FUNCTION codecpg.installed_attributes() IS
  'The composite types of schema codecpg and their live attributes in order, as pg_catalog has them.';

CREATE FUNCTION codecpg.schema_check(
    OUT object_kind text, OUT object_name text, OUT problem text, OUT expected text, OUT installed text)
RETURNS SETOF record
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  WITH declared AS (
    SELECT d.type_name, d.attnum, d.attname, d.sqltype, to_regtype(d.sqltype)::oid AS typid
      FROM codecpg.declared_attributes() d
  ), installed AS (
    SELECT * FROM codecpg.installed_attributes()
  ), declared_types AS (
    SELECT DISTINCT type_name FROM declared
  ), ext_objects AS (
    SELECT d.classid, d.objid
      FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
     WHERE d.refclassid = 'pg_extension'::regclass AND e.extname = 'codecpg' AND d.deptype = 'e'
  ), declared_funcs AS (
    SELECT f.function_name,
           f.argument_types,
           (SELECT p.oid FROM pg_proc p
             WHERE p.pronamespace = 'codecpg'::regnamespace AND p.proname = f.function_name
               -- oidvector is 0-based: compare the argument lists as text
               AND array_to_string(p.proargtypes::oid[], ',') = coalesce(
                    (SELECT string_agg(to_regtype(btrim(x))::oid::text, ',' ORDER BY o)
                       FROM unnest(string_to_array(nullif(f.argument_types, ''), ',')) WITH ORDINALITY AS u(x, o)),
                    '')) AS proc_oid
      FROM codecpg.declared_functions() f
  ), problems AS (
    -- composite types: existence, attributes, order, types
    SELECT 'type'::text AS object_kind, 'codecpg.' || dt.type_name AS object_name,
           'missing type'::text AS problem, 'composite type'::text AS expected, NULL::text AS installed
      FROM declared_types dt
     WHERE to_regtype('codecpg.' || quote_ident(dt.type_name)) IS NULL
    UNION ALL
    SELECT 'attribute', 'codecpg.' || d.type_name || '.' || d.attname,
           CASE WHEN i.attname IS NULL THEN 'missing attribute'
                WHEN i.attname <> d.attname THEN 'attribute name or order differs'
                ELSE 'attribute type differs' END,
           d.attnum || ': ' || d.attname || ' ' || d.sqltype,
           CASE WHEN i.attname IS NULL THEN NULL
                ELSE i.attnum || ': ' || i.attname || ' ' || format_type(i.typid, NULL) END
      FROM declared d
      LEFT JOIN installed i ON i.type_name = d.type_name AND i.attnum = d.attnum
     WHERE to_regtype('codecpg.' || quote_ident(d.type_name)) IS NOT NULL
       AND (i.attname IS NULL OR i.attname <> d.attname OR i.typid IS DISTINCT FROM d.typid)
    UNION ALL
    SELECT 'attribute', 'codecpg.' || i.type_name || '.' || i.attname, 'undeclared attribute',
           NULL, i.attnum || ': ' || i.attname || ' ' || format_type(i.typid, NULL)
      FROM installed i
     WHERE i.type_name IN (SELECT type_name FROM declared_types)
       AND NOT EXISTS (SELECT 1 FROM declared d WHERE d.type_name = i.type_name AND d.attnum = i.attnum)
    UNION ALL
    SELECT 'type', 'codecpg.' || i.type_name, 'undeclared composite type', NULL, 'composite type'
      FROM (SELECT DISTINCT type_name FROM installed) i
     WHERE i.type_name NOT IN (SELECT type_name FROM declared_types)
       AND NOT EXISTS (SELECT 1 FROM pg_class c
                        WHERE c.relnamespace = 'codecpg'::regnamespace AND c.relname = i.type_name
                          AND c.relkind <> 'c')
    UNION ALL
    -- comments on types and their attributes
    SELECT 'type', 'codecpg.' || dt.type_name, 'missing comment', 'COMMENT ON TYPE', NULL
      FROM declared_types dt
     WHERE to_regtype('codecpg.' || quote_ident(dt.type_name)) IS NOT NULL
       AND obj_description(to_regtype('codecpg.' || quote_ident(dt.type_name))::oid, 'pg_type') IS NULL
    UNION ALL
    SELECT 'attribute', 'codecpg.' || i.type_name || '.' || i.attname, 'missing comment', 'COMMENT ON COLUMN', NULL
      FROM installed i WHERE NOT i.has_comment
    UNION ALL
    -- root tables: typed, identity NOT NULL, primary key, cascading reference
    SELECT 'table', 'codecpg.' || t.table_name,
           CASE WHEN c.oid IS NULL THEN 'missing table' ELSE 'not a typed table of its row type' END,
           'TABLE OF codecpg.' || t.row_type,
           CASE WHEN c.oid IS NULL THEN NULL ELSE coalesce(format_type(NULLIF(c.reloftype, 0), NULL), 'not typed') END
      FROM codecpg.declared_tables() t
      LEFT JOIN pg_class c ON c.relnamespace = 'codecpg'::regnamespace AND c.relname = t.table_name AND c.relkind IN ('r', 'p')
     WHERE c.oid IS NULL OR c.reloftype IS DISTINCT FROM to_regtype('codecpg.' || t.row_type)::oid
    UNION ALL
    SELECT 'column', 'codecpg.' || t.table_name || '.' || a.attname, 'identity column is nullable', 'NOT NULL', 'NULL'
      FROM codecpg.declared_tables() t
      JOIN pg_class c ON c.relnamespace = 'codecpg'::regnamespace AND c.relname = t.table_name
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE NOT a.attnotnull
       AND (a.attname IN ('repo', 'path', 'file_sha256') AND t.references_files
            OR a.attname = ANY (string_to_array(replace(t.primary_key, ' ', ''), ',')))
    UNION ALL
    SELECT 'constraint', 'codecpg.' || t.table_name, 'primary key differs',
           'PRIMARY KEY (' || t.primary_key || ')',
           (SELECT pg_get_constraintdef(k.oid) FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')
      FROM codecpg.declared_tables() t
      JOIN pg_class c ON c.relnamespace = 'codecpg'::regnamespace AND c.relname = t.table_name
     WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k
                        WHERE k.conrelid = c.oid AND k.contype = 'p'
                          AND pg_get_constraintdef(k.oid) = 'PRIMARY KEY (' || t.primary_key || ')')
    UNION ALL
    SELECT 'constraint', 'codecpg.' || t.table_name, 'missing cascading reference to repo_files_v1',
           'FOREIGN KEY (repo, file_id) REFERENCES codecpg.repo_files_v1(repo, file_id) ON DELETE CASCADE', NULL
      FROM codecpg.declared_tables() t
      JOIN pg_class c ON c.relnamespace = 'codecpg'::regnamespace AND c.relname = t.table_name
     WHERE t.references_files
       AND NOT EXISTS (SELECT 1 FROM pg_constraint k
                        WHERE k.conrelid = c.oid AND k.contype = 'f'
                          AND k.confrelid = 'codecpg.repo_files_v1'::regclass
                          AND k.confdeltype = 'c'
                          AND k.conkey = (SELECT array_agg(a.attnum ORDER BY o) FROM unnest(ARRAY['repo', 'file_id']) WITH ORDINALITY AS u(n, o)
                                            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = u.n))
    UNION ALL
    SELECT 'table', 'codecpg.' || c.relname, 'missing comment', 'COMMENT ON TABLE', NULL
      FROM pg_class c
     WHERE c.relnamespace = 'codecpg'::regnamespace AND c.relkind IN ('r', 'p', 'v')
       AND obj_description(c.oid, 'pg_class') IS NULL
    UNION ALL
    SELECT 'column', 'codecpg.' || c.relname || '.' || a.attname, 'missing comment', 'COMMENT ON COLUMN', NULL
      FROM pg_class c
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE c.relnamespace = 'codecpg'::regnamespace AND c.relkind IN ('r', 'p', 'v')
       AND col_description(c.oid, a.attnum) IS NULL
    UNION ALL
    -- extension tables and views: only declared tables and the two CPG views
    SELECT CASE c.relkind WHEN 'v' THEN 'view' ELSE 'table' END, 'codecpg.' || c.relname,
           CASE c.relkind WHEN 'v' THEN 'view other than cpg_nodes/cpg_edges' ELSE 'undeclared table' END,
           NULL, c.relname
      FROM pg_class c
     WHERE c.oid IN (SELECT objid FROM ext_objects WHERE classid = 'pg_class'::regclass)
       AND ((c.relkind IN ('v', 'm') AND c.relname NOT IN ('cpg_nodes', 'cpg_edges'))
            OR (c.relkind IN ('r', 'p')
                AND c.relname NOT IN (SELECT table_name FROM codecpg.declared_tables())
                AND NOT EXISTS (SELECT 1 FROM pg_extension e
                                 WHERE e.extname = 'codecpg' AND c.oid = ANY (e.extconfig))))
    UNION ALL
    -- functions: declared ones exist with their signatures, commented; no undeclared ones
    SELECT 'function', 'codecpg.' || f.function_name || '(' || f.argument_types || ')', 'missing function',
           'declared by the library', NULL
      FROM declared_funcs f WHERE f.proc_oid IS NULL
    UNION ALL
    SELECT 'function', p.oid::regprocedure::text, 'undeclared function', NULL, 'installed'
      FROM pg_proc p
     WHERE p.oid IN (SELECT objid FROM ext_objects WHERE classid = 'pg_proc'::regclass)
       AND p.oid NOT IN (SELECT proc_oid FROM declared_funcs WHERE proc_oid IS NOT NULL)
    UNION ALL
    SELECT 'function', p.oid::regprocedure::text, 'missing comment', 'COMMENT ON FUNCTION', NULL
      FROM pg_proc p
     WHERE p.oid IN (SELECT objid FROM ext_objects WHERE classid = 'pg_proc'::regclass)
       AND obj_description(p.oid, 'pg_proc') IS NULL
  )
  SELECT * FROM problems ORDER BY object_kind, object_name, problem;
END;
COMMENT ON FUNCTION codecpg.schema_check() IS
  'Compares the installed schema with the library''s declarations through pg_catalog: composite types and attribute order and types, typed root tables, NOT NULL identity, primary keys, cascading references, comments, functions and views. No rows means no drift.';

-- A stable text form of a declared type, following composite element types recursively.
CREATE FUNCTION codecpg.schema_fingerprints(
    OUT root_table text, OUT declared_fingerprint text, OUT installed_fingerprint text, OUT matches boolean)
RETURNS SETOF record
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  WITH RECURSIVE declared AS (
    SELECT type_name, attnum, attname, sqltype FROM codecpg.declared_attributes()
  ), installed AS (
    SELECT type_name, attnum, attname, format_type(typid, NULL) AS sqltype FROM codecpg.installed_attributes()
  ), tables AS (
    SELECT table_name, row_type FROM codecpg.declared_tables()
  ), d_reach(table_name, type_name) AS (
    SELECT table_name, row_type FROM tables
    UNION
    SELECT r.table_name, regexp_replace(d.sqltype, '^codecpg\.|\[\]$', '', 'g')
      FROM d_reach r JOIN declared d ON d.type_name = r.type_name
     WHERE d.sqltype LIKE 'codecpg.%'
  ), i_reach(table_name, type_name) AS (
    SELECT table_name, row_type FROM tables
    UNION
    SELECT r.table_name, regexp_replace(i.sqltype, '^codecpg\.|\[\]$', '', 'g')
      FROM i_reach r JOIN installed i ON i.type_name = r.type_name
     WHERE i.sqltype LIKE 'codecpg.%'
  )
  SELECT f.table_name, f.declared, f.installed, f.declared IS NOT DISTINCT FROM f.installed
    FROM (SELECT t.table_name,
                 (SELECT encode(sha256(convert_to(string_agg(d.type_name || '.' || d.attnum || ':' || d.attname || ' ' ||
                                 format_type(to_regtype(d.sqltype), NULL), ';' ORDER BY d.type_name, d.attnum), 'UTF8')), 'hex')
                    FROM d_reach r JOIN declared d ON d.type_name = r.type_name
                   WHERE r.table_name = t.table_name) AS declared,
                 (SELECT encode(sha256(convert_to(string_agg(i.type_name || '.' || i.attnum || ':' || i.attname || ' ' ||
                                 i.sqltype, ';' ORDER BY i.type_name, i.attnum), 'UTF8')), 'hex')
                    FROM i_reach r JOIN installed i ON i.type_name = r.type_name
                   WHERE r.table_name = t.table_name) AS installed
            FROM tables t) f
   ORDER BY f.table_name;
END;
COMMENT ON FUNCTION codecpg.schema_fingerprints() IS
  'SHA-256 fingerprint of each root table''s nested shape (its row type and every composite type it reaches), as declared by the library and as installed; matches is true when they agree.';

CREATE FUNCTION codecpg.function_inventory(
    OUT function_name text, OUT arguments text, OUT result text, OUT language text,
    OUT volatility text, OUT parallel text, OUT is_strict boolean, OUT declared boolean,
    OUT description text)
RETURNS SETOF record
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  SELECT p.proname::text,
         pg_get_function_identity_arguments(p.oid),
         pg_get_function_result(p.oid),
         l.lanname::text,
         CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable' ELSE 'volatile' END,
         CASE p.proparallel WHEN 's' THEN 'safe' WHEN 'r' THEN 'restricted' ELSE 'unsafe' END,
         p.proisstrict,
         EXISTS (SELECT 1 FROM codecpg.declared_functions() f WHERE f.function_name = p.proname),
         obj_description(p.oid, 'pg_proc')
    FROM pg_proc p
    JOIN pg_language l ON l.oid = p.prolang
    JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'codecpg'
   ORDER BY p.proname, 2;
END;
COMMENT ON FUNCTION codecpg.function_inventory() IS
  'Every function the codecpg extension installs, with signature, result, language, volatility, parallel safety, whether the library declares it, and its comment.';
-- codecpg install script, part 95: the code property graph.
--
-- Two views, codecpg.cpg_nodes and codecpg.cpg_edges, join the facts of every domain on
-- the one id scheme (codecpg.stable_id) and the shared byte spans. Ids are derived in the
-- views, never stored per element. What cannot be derived file by file, because it needs
-- the whole repository, is computed once per repository by codecpg.cpg_refresh(repo) into
-- two derived tables: cpg_scopes_v1 (every module, class, function and lambda with its
-- qualified name) and cpg_graph_v1 (resolved calls, imports and class bases). The views
-- read those tables for the edges that need them; codecpg.cpg_call_graph(repo) is the
-- def-level call graph.

-- Helpers ---------------------------------------------------------------------------------

CREATE FUNCTION codecpg.cpg_module_name(path text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.replace(
         pg_catalog.regexp_replace(pg_catalog.regexp_replace(path, '\.pyi?$', ''), '(^|/)__init__$', ''),
         '/', '.');
COMMENT ON FUNCTION codecpg.cpg_module_name(text) IS
  'Dotted module name of a repository path: pkg/sub/mod.py -> pkg.sub.mod, pkg/__init__.py -> pkg.';

-- Python expressions whose value the resolver can follow are chains of names, attribute
-- accesses and calls (a.b(x).c()). Argument lists are collapsed innermost-first until no
-- parenthesis is left; anything else (subscripts, operators, literals) yields NULL.
CREATE FUNCTION codecpg.cpg_expr_parts(expr text)
RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  WITH RECURSIVE collapse(t, n) AS (
      SELECT pg_catalog.regexp_replace(expr, '\s*([.()])\s*', '\1', 'g'), 0
    UNION ALL
      SELECT pg_catalog.regexp_replace(c.t, '\([^()]*\)', '#', 'g'), c.n + 1
        FROM collapse c
       WHERE c.t ~ '\([^()]*\)' AND c.n < 64
  )
  SELECT CASE WHEN c.t ~ '^[[:alpha:]_][[:alnum:]_]*(#|\.[[:alpha:]_][[:alnum:]_]*)*$'
              THEN ARRAY(SELECT CASE m.m[1] WHEN '#' THEN '()' ELSE m.m[1] END
                           FROM pg_catalog.regexp_matches(c.t, '([[:alpha:]_][[:alnum:]_]*|#)', 'g') AS m(m))
         END
    FROM collapse c
   ORDER BY c.n DESC
   LIMIT 1;
END;
COMMENT ON FUNCTION codecpg.cpg_expr_parts(text) IS
  'Splits a Python expression made of names, attribute accesses and calls into its steps: "a.b(x)().c" -> {a,b,(),(),c}; NULL for any other expression. The call resolver follows these steps.';

-- Derived tables ------------------------------------------------------------------------

CREATE TYPE codecpg.cpg_scope AS (
    repo           text,
    path           text,
    file_id        text,
    node_id        text,
    scope_kind     text,
    name           text,
    qualname       text,
    fqn            text,
    module         text,
    bstart         integer,
    bend           integer,
    body_bstart    integer,
    parent_node_id text
);
COMMENT ON TYPE codecpg.cpg_scope IS
  'A code scope of a repository: a module, class, function or lambda, with its qualified name. Row type of codecpg.cpg_scopes_v1.';
SELECT codecpg.comment_attributes('codecpg.cpg_scope', ARRAY[
  ['repo',           'Repository name.'],
  ['path',           'File path of the scope.'],
  ['file_id',        'Stable file identity.'],
  ['node_id',        'The scope''s node in cpg_nodes: the PY_MODULE node for a module, the CST definition node (codecpg.stable_id(''cst_def'', file_id, kind, def_bstart, def_bend)) otherwise.'],
  ['scope_kind',     'MODULE, or the CST definition kind: CLASS, FUNCTION, ASYNC_FUNCTION or LAMBDA.'],
  ['name',           'Defined name (<lambda> for a lambda; the last component of the module name for a module).'],
  ['qualname',       'Qualified name within the module as __qualname__ would be (Outer.method, f.<locals>.g); NULL for a module.'],
  ['fqn',            'Fully qualified name: module, or module.qualname (pkg.mod.Class.method).'],
  ['module',         'Dotted module name of the file (codecpg.cpg_module_name(path)).'],
  ['bstart',         'First byte of the definition (decorators included); 0 for a module.'],
  ['bend',           'Byte past the definition; the file''s size for a module.'],
  ['body_bstart',    'First byte of the code that runs in this scope: the body of a class or function (decorators, defaults and bases run in the enclosing scope); 0 for a module.'],
  ['parent_node_id', 'node_id of the enclosing scope; NULL for a module.']
]);

CREATE TABLE codecpg.cpg_scopes_v1 OF codecpg.cpg_scope (
    repo WITH OPTIONS NOT NULL,
    path WITH OPTIONS NOT NULL,
    file_id WITH OPTIONS NOT NULL,
    node_id WITH OPTIONS NOT NULL,
    CONSTRAINT cpg_scopes_v1_pkey PRIMARY KEY (repo, node_id),
    CONSTRAINT cpg_scopes_v1_file_fkey FOREIGN KEY (repo, file_id)
        REFERENCES codecpg.repo_files_v1 (repo, file_id) ON DELETE CASCADE
);
COMMENT ON TABLE codecpg.cpg_scopes_v1 IS
  'Derived by codecpg.cpg_refresh(repo) from libcst_files_v1 and tree_sitter_files_v1: every scope with its qualified name. Recomputable, so not dumped by pg_dump.';
SELECT codecpg.copy_type_comments('codecpg.cpg_scopes_v1');
CREATE INDEX cpg_scopes_v1_fqn_idx ON codecpg.cpg_scopes_v1 (repo, fqn);

CREATE TYPE codecpg.cpg_graph_edge AS (
    repo              text,
    edge_id           text,
    edge_kind         text,
    src_node_id       text,
    dst_node_id       text,
    path              text,
    file_id           text,
    bstart            integer,
    bend              integer,
    origin            text,
    resolution_method text,
    confidence        double precision,
    score             double precision,
    symbol_roles      integer,
    rule_name         text,
    src_kind          text,
    src_scope_node_id text,
    dst_kind          text,
    dst_name          text
);
COMMENT ON TYPE codecpg.cpg_graph_edge IS
  'An edge that needs the whole repository to be known: a resolved call or decorator application, a resolved import, a class base, a callsite''s enclosing scope. Row type of codecpg.cpg_graph_v1.';
SELECT codecpg.comment_attributes('codecpg.cpg_graph_edge', ARRAY[
  ['repo',              'Repository name.'],
  ['edge_id',           'codecpg.stable_id(''edge'', edge_kind, src_node_id, dst_node_id, path, bstart, bend).'],
  ['edge_kind',         'PY_CALLS_SYMBOL (resolved through SCIP), PY_CALLS_QNAME (resolved by codecpg''s own name resolution, or to a name only), BINDING_RESOLVES_TO (an import alias to what it imports), CLASS_INHERITS (a class to a base) or FILE_CONTAINS (a scope to a callsite).'],
  ['src_node_id',       'Source node (a callsite, decorator, import alias or class).'],
  ['dst_node_id',       'Destination node: a CST definition, a PY_MODULE, or a PY_QUALIFIED_NAME node when only a name is known.'],
  ['path',              'File of the source node.'],
  ['file_id',           'File owning the edge (the source node''s file); the edge goes with it when the file is deleted.'],
  ['bstart',            'First byte of the evidence (the call expression, decorator, import alias or base).'],
  ['bend',              'Byte past the evidence.'],
  ['origin',            'scip when a SCIP occurrence decided the target, else derived.'],
  ['resolution_method', 'scip_span_exact, name_resolution (imports, scopes, classes) or unresolved.'],
  ['confidence',        '1.0 for SCIP span-exact resolution, 0.5 for codecpg''s own resolution and for names.'],
  ['score',             'confidence divided by the number of candidate targets of the same evidence (ambiguous resolution).'],
  ['symbol_roles',      'SCIP role bits of the occurrence that decided the target, else NULL.'],
  ['rule_name',         'The resolution steps taken, joined by ">": scope (a binding of an enclosing scope), import, module (into a module or submodule), alias (an assignment), self/cls (a method''s first parameter), attr (a class attribute), mro (an inherited one), super, return (what a called function returns), init (a class called), instance, star (a star import), scip, cycle (gave up on an alias cycle).'],
  ['src_kind',          'Node kind of the source: CST_CALLSITE, CST_DECORATOR, CST_IMPORT_ALIAS, CST_CLASS_DEF, or the scope kind for FILE_CONTAINS.'],
  ['src_scope_node_id', 'The scope whose code holds the evidence (cpg_scopes_v1.node_id): the caller of a call.'],
  ['dst_kind',          'Node kind of the destination: CST_FUNCTION_DEF, CST_CLASS_DEF, CST_LAMBDA, PY_MODULE, PY_QUALIFIED_NAME or CST_CALLSITE.'],
  ['dst_name',          'Qualified name of the destination (cpg_scopes_v1.fqn, a module name, or the unresolved dotted name).']
]);

CREATE TABLE codecpg.cpg_graph_v1 OF codecpg.cpg_graph_edge (
    repo WITH OPTIONS NOT NULL,
    edge_id WITH OPTIONS NOT NULL,
    path WITH OPTIONS NOT NULL,
    file_id WITH OPTIONS NOT NULL,
    CONSTRAINT cpg_graph_v1_pkey PRIMARY KEY (repo, edge_id),
    CONSTRAINT cpg_graph_v1_file_fkey FOREIGN KEY (repo, file_id)
        REFERENCES codecpg.repo_files_v1 (repo, file_id) ON DELETE CASCADE
);
COMMENT ON TABLE codecpg.cpg_graph_v1 IS
  'Derived by codecpg.cpg_refresh(repo): the cross-file edges of the CPG (calls, imports, bases) and callsite containment, deduplicated. Recomputable, so not dumped by pg_dump; cpg_edges reads it.';
SELECT codecpg.copy_type_comments('codecpg.cpg_graph_v1');
CREATE INDEX cpg_graph_v1_dst_idx ON codecpg.cpg_graph_v1 (dst_node_id, edge_kind);
CREATE INDEX cpg_graph_v1_src_idx ON codecpg.cpg_graph_v1 (src_node_id, edge_kind);
CREATE INDEX cpg_graph_v1_scope_idx ON codecpg.cpg_graph_v1 (src_scope_node_id, edge_kind);

CREATE FUNCTION codecpg.cpg_import_base(module text, is_package boolean, level integer, from_module text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  -- The package a relative import starts from is the module's own package: the module
  -- itself for an __init__ file, else its parent; each further dot goes one level up.
  SELECT CASE
           WHEN coalesce(level, 0) = 0 THEN from_module
           WHEN p.n - (level - 1) < 0 THEN NULL
           ELSE nullif(concat_ws('.', nullif(pg_catalog.array_to_string(p.parts[1:p.n - (level - 1)], '.'), ''),
                                 from_module), '')
         END
    FROM (SELECT x.parts, coalesce(pg_catalog.array_length(x.parts, 1), 0) AS n
            FROM (SELECT pg_catalog.string_to_array(
                           nullif(CASE WHEN is_package THEN module
                                       ELSE pg_catalog.regexp_replace(module, '\.?[^.]*$', '') END, ''),
                           '.') AS parts) x) p;
END;
COMMENT ON FUNCTION codecpg.cpg_import_base(text, boolean, integer, text) IS
  'The absolute module a from-import names: from_module itself for level 0, else resolved against the importing module (is_package for an __init__ file) as Python does; NULL when the dots climb above the top-level package.';

-- Cross-file resolution ------------------------------------------------------------------
--
-- Values are followed step by step, set-based, for every job (a callsite, a decorator, a
-- class base, an import) at once. A state is (vkind, vref, parts): the value reached so
-- far and the steps of the expression still to apply (names, and "()" for a call):
--   lookup  vref = a scope; parts[1] is looked up in it (mode chain: through the scopes
--           Python searches, skipping class bodies; mode attr: in that scope only, e.g.
--           an attribute of a module)
--   qname   vref = a dotted name an import named; its longest module prefix in the repo
--           is entered and the rest becomes steps
--   def     vref = the scope node of a class or function
--   inst    vref = the scope node of a class: an instance of it
--   super   vref = a class: attribute lookup starts after the class in its MRO
-- A state with no steps left is a result. Bindings are flow-insensitive: every binding of
-- a name in a scope is a candidate (ambiguity lowers the score).
CREATE FUNCTION codecpg.cpg_refresh(repo text,
    OUT scopes bigint, OUT callsites bigint, OUT calls_scip bigint, OUT calls_resolved bigint,
    OUT calls_unresolved bigint, OUT edges bigint)
RETURNS record
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog
SET client_min_messages = warning
AS $$
DECLARE
    rp CONSTANT text := cpg_refresh.repo;
    cur_phase integer;
    step integer;
    live bigint;
    t0 timestamptz := clock_timestamp();
BEGIN
    -- One refresh per repository at a time; readers keep seeing the previous graph until commit.
    PERFORM pg_advisory_xact_lock(hashtext('codecpg.cpg_refresh'), hashtext(rp));
    DELETE FROM codecpg.cpg_graph_v1 g WHERE g.repo = rp;
    DELETE FROM codecpg.cpg_scopes_v1 s WHERE s.repo = rp;
    -- An index run calls this in the transaction that stored the repository's files, which
    -- statistics gathered before (from other repositories) do not see: estimated at a row or
    -- two, they made the planner nest loops over the whole repository (224 s instead of 17 s
    -- on the standard library). ANALYZE counts this transaction's rows; the identity
    -- columns are enough and spare reading the nested lists.
    ANALYZE codecpg.repo_files_v1 (repo, file_id, path), codecpg.libcst_files_v1 (repo, file_id, path),
        codecpg.tree_sitter_files_v1 (repo, file_id, path), codecpg.scip_index_v1 (repo, index_id, file_id);
    DROP TABLE IF EXISTS pg_temp.cpg_files, pg_temp.cpg_defs, pg_temp.cpg_ts, pg_temp.cpg_anchor,
        pg_temp.cpg_sc, pg_temp.cpg_chain, pg_temp.cpg_bind, pg_temp.cpg_star, pg_temp.cpg_ret,
        pg_temp.cpg_job, pg_temp.cpg_st, pg_temp.cpg_next, pg_temp.cpg_res, pg_temp.cpg_base,
        pg_temp.cpg_mro, pg_temp.cpg_occ, pg_temp.cpg_symdef, pg_temp.cpg_out, pg_temp.cpg_imp, pg_temp.cpg_miss, pg_temp.cpg_deco;

    -- Files, with their UTF-8 bytes stored uncompressed so that span slices are cheap.
    CREATE TEMP TABLE cpg_files (file_id text PRIMARY KEY, path text, module text,
        is_package boolean, scope_id text, size integer, src bytea) ON COMMIT DROP;
    ALTER TABLE cpg_files ALTER COLUMN src SET STORAGE EXTERNAL;
    INSERT INTO cpg_files
    SELECT f.file_id, f.path, codecpg.cpg_module_name(f.path), f.path ~ '(^|/)__init__\.pyi?$',
           codecpg.stable_id('py_module', f.file_id), octet_length(r.source), convert_to(r.source, 'UTF8')
      FROM codecpg.libcst_files_v1 f
      JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
     WHERE f.repo = rp AND r.source IS NOT NULL;
    CREATE INDEX ON cpg_files (module);

    CREATE TEMP TABLE cpg_defs ON COMMIT DROP AS
    SELECT f.file_id, d.def_id, d.kind, d.name, d.def_bstart, d.def_bend, d.name_bstart, d.name_bend,
           d.container_def_bstart, d.container_def_bend,
           codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text) AS node_id
      FROM codecpg.libcst_files_v1 f
      JOIN cpg_files cf ON cf.file_id = f.file_id
     CROSS JOIN LATERAL unnest(f.defs) d
     WHERE f.repo = rp;
    CREATE INDEX ON cpg_defs (node_id);
    CREATE INDEX ON cpg_defs (file_id, def_id);

    -- The tree-sitter nodes the resolver reads: children of definitions, parameter lists,
    -- assignments, returns and base-class lists.
    CREATE TEMP TABLE cpg_ts ON COMMIT DROP AS
    SELECT f.file_id, x.*
      FROM codecpg.tree_sitter_files_v1 f
      JOIN cpg_files cf ON cf.file_id = f.file_id
     CROSS JOIN LATERAL (
        SELECT c.node_id, c.parent_id, c.kind, c.field_name, c.child_index, c.is_named,
               (c.span).bstart, (c.span).bend, p.kind AS parent_kind, p.field_name AS parent_field,
               p.parent_id AS grandparent_id
          FROM unnest(f.nodes) c
          JOIN unnest(f.nodes) p ON p.node_id = c.parent_id
         WHERE p.kind IN ('function_definition', 'class_definition', 'lambda', 'parameters',
                          'lambda_parameters', 'default_parameter', 'typed_parameter',
                          'typed_default_parameter', 'list_splat_pattern', 'dictionary_splat_pattern',
                          'assignment', 'return_statement')
            OR p.field_name = 'superclasses') x
     WHERE f.repo = rp;
    CREATE INDEX ON cpg_ts (file_id, parent_id);
    RAISE DEBUG 'cpg_refresh(%): tree-sitter nodes read after % ms', rp, round(extract(epoch FROM clock_timestamp() - t0) * 1000);

    -- Each definition's tree-sitter node: through the name for classes and functions, through
    -- the lambda keyword for lambdas.
    CREATE TEMP TABLE cpg_anchor ON COMMIT DROP AS
    SELECT d.node_id, d.file_id, t.parent_id AS ts_id
      FROM cpg_defs d
      JOIN cpg_ts t ON t.file_id = d.file_id AND t.field_name = 'name'
                   AND t.parent_kind IN ('function_definition', 'class_definition')
                   AND t.bstart = d.name_bstart AND t.bend = d.name_bend
    UNION ALL
    SELECT d.node_id, d.file_id, t.parent_id
      FROM cpg_defs d
      JOIN cpg_ts t ON t.file_id = d.file_id AND t.parent_kind = 'lambda' AND t.kind = 'lambda'
                   AND t.bstart = d.def_bstart
     WHERE d.kind = 'LAMBDA';
    CREATE INDEX ON cpg_anchor (node_id);
    CREATE INDEX ON cpg_anchor (file_id, ts_id);
    ANALYZE cpg_defs, cpg_ts, cpg_anchor;

    -- Scopes: modules, then definitions with __qualname__-style names.
    INSERT INTO codecpg.cpg_scopes_v1 (repo, path, file_id, node_id, scope_kind, name, qualname, fqn,
                                       module, bstart, bend, body_bstart, parent_node_id)
    SELECT rp, f.path, f.file_id, f.scope_id, 'MODULE', regexp_replace(f.module, '^.*\.', ''), NULL,
           f.module, f.module, 0, f.size, 0, NULL
      FROM cpg_files f;
    WITH RECURSIVE q AS (
        SELECT d.node_id, d.file_id, d.kind, d.def_bstart, d.def_bend,
               coalesce(d.name, '<lambda>') AS qualname, f.scope_id AS parent_node_id, 0 AS depth
          FROM cpg_defs d JOIN cpg_files f ON f.file_id = d.file_id
         WHERE d.container_def_bstart IS NULL
      UNION ALL
        SELECT c.node_id, c.file_id, c.kind, c.def_bstart, c.def_bend,
               p.qualname || CASE WHEN p.kind = 'CLASS' THEN '.' ELSE '.<locals>.' END
                          || coalesce(c.name, '<lambda>'),
               p.node_id, p.depth + 1
          FROM q p
          JOIN cpg_defs c ON c.file_id = p.file_id AND c.container_def_bstart = p.def_bstart
                         AND c.container_def_bend = p.def_bend
         WHERE p.depth < 256
    )
    INSERT INTO codecpg.cpg_scopes_v1 (repo, path, file_id, node_id, scope_kind, name, qualname, fqn,
                                       module, bstart, bend, body_bstart, parent_node_id)
    SELECT rp, f.path, q.file_id, q.node_id, q.kind, coalesce(d.name, '<lambda>'), q.qualname,
           concat_ws('.', nullif(f.module, ''), q.qualname), f.module, q.def_bstart, q.def_bend,
           coalesce(b.body_bstart, d.name_bend, q.def_bstart),
           q.parent_node_id
      FROM q
      JOIN cpg_defs d ON d.node_id = q.node_id
      JOIN cpg_files f ON f.file_id = q.file_id
      LEFT JOIN (SELECT a.node_id, min(t.bstart) AS body_bstart
                   FROM cpg_anchor a
                   JOIN cpg_ts t ON t.file_id = a.file_id AND t.parent_id = a.ts_id AND t.field_name = 'body'
                  GROUP BY a.node_id) b ON b.node_id = q.node_id
    ON CONFLICT DO NOTHING;

    CREATE TEMP TABLE cpg_sc ON COMMIT DROP AS
    SELECT s.node_id, s.file_id, s.scope_kind, s.name, s.fqn, s.body_bstart, s.bend, s.parent_node_id
      FROM codecpg.cpg_scopes_v1 s WHERE s.repo = rp;
    RAISE DEBUG 'cpg_refresh(%): scopes after % ms', rp, round(extract(epoch FROM clock_timestamp() - t0) * 1000);
    CREATE UNIQUE INDEX ON cpg_sc (node_id);
    CREATE INDEX ON cpg_sc (file_id, body_bstart);
    ANALYZE cpg_files, cpg_sc;

    -- Where a name is looked up from a scope: the scope itself, then the enclosing function
    -- scopes and the module (class bodies do not enclose their methods).
    CREATE TEMP TABLE cpg_chain ON COMMIT DROP AS
    WITH RECURSIVE c AS (
        SELECT s.node_id AS scope_id, s.node_id AS anc_id, 0 AS depth, s.parent_node_id AS next
          FROM cpg_sc s
      UNION ALL
        SELECT c.scope_id, p.node_id, c.depth + 1, p.parent_node_id
          FROM c JOIN cpg_sc p ON p.node_id = c.next
         WHERE c.depth < 256
    )
    SELECT c.scope_id, c.anc_id, c.depth
      FROM c JOIN cpg_sc a ON a.node_id = c.anc_id
     WHERE c.depth = 0 OR a.scope_kind <> 'CLASS';
    CREATE INDEX ON cpg_chain (scope_id);

    -- Bindings: (scope, name) -> value.
    CREATE TEMP TABLE cpg_bind (scope_id text, name text, vkind text, vref text, vparts text[],
                                rule text) ON COMMIT DROP;
    CREATE TEMP TABLE cpg_star (scope_id text, base text, names text[]) ON COMMIT DROP;
    CREATE TEMP TABLE cpg_ret (func_id text, scope_id text, parts text[]) ON COMMIT DROP;

    INSERT INTO cpg_bind
    SELECT s.parent_node_id, s.name, 'def', s.node_id, '{}', 'scope'
      FROM cpg_sc s WHERE s.scope_kind IN ('CLASS', 'FUNCTION', 'ASYNC_FUNCTION');

    -- Imports bind in the scope holding the statement.
    CREATE TEMP TABLE cpg_imp ON COMMIT DROP AS
    SELECT cf.file_id, cf.path, i.*, sc.node_id AS scope_id,
           codecpg.stable_id('cst_import', cf.file_id, i.kind, i.alias_bstart::text, i.alias_bend::text) AS alias_node_id,
           CASE WHEN i.kind = 'IMPORT' THEN i.name
                ELSE codecpg.cpg_import_base(cf.module, cf.is_package, i.relative_level, i.module) END AS base
      FROM codecpg.libcst_files_v1 f
      JOIN cpg_files cf ON cf.file_id = f.file_id
     CROSS JOIN LATERAL unnest(f.imports) i
     CROSS JOIN LATERAL (SELECT s.node_id FROM cpg_sc s
                          WHERE s.file_id = cf.file_id AND s.body_bstart <= i.stmt_bstart AND s.bend >= i.stmt_bend
                          ORDER BY s.body_bstart DESC LIMIT 1) sc
     WHERE f.repo = rp;
    INSERT INTO cpg_bind
    SELECT i.scope_id,
           CASE WHEN i.kind = 'IMPORT' THEN coalesce(i.asname, split_part(i.name, '.', 1))
                ELSE coalesce(i.asname, i.name) END,
           'qname',
           CASE WHEN i.kind = 'IMPORT' THEN CASE WHEN i.asname IS NULL THEN split_part(i.name, '.', 1) ELSE i.name END
                ELSE concat_ws('.', nullif(i.base, ''), i.name) END,
           '{}', 'import'
      FROM pg_temp.cpg_imp i
     WHERE NOT i.is_star AND i.name IS NOT NULL AND (i.kind = 'IMPORT' OR i.base IS NOT NULL);
    INSERT INTO cpg_star SELECT i.scope_id, i.base, NULL FROM pg_temp.cpg_imp i WHERE i.is_star AND i.base IS NOT NULL;
    CREATE INDEX ON pg_temp.cpg_imp (file_id, stmt_bstart);

    CREATE TEMP TABLE cpg_deco ON COMMIT DROP AS
    SELECT d.node_id, array_agg(x.decorator_text) AS texts
      FROM codecpg.libcst_files_v1 lf
     CROSS JOIN LATERAL unnest(lf.decorators) x
      JOIN cpg_defs d ON d.file_id = lf.file_id AND d.def_id = x.owner_def_id
     WHERE lf.repo = rp
     GROUP BY d.node_id;
    CREATE INDEX ON cpg_deco (node_id);

    -- Parameters: the first parameter of a method is the instance (the class for a
    -- classmethod, nothing known for a staticmethod); other parameters are unknown values.
    WITH plist AS (
        SELECT a.node_id AS def_node, a.file_id, c.node_id, c.kind, c.bstart, c.bend,
               row_number() OVER (PARTITION BY a.node_id ORDER BY c.child_index) AS ordinal
          FROM cpg_anchor a
          JOIN cpg_ts p ON p.file_id = a.file_id AND p.parent_id = a.ts_id AND p.field_name = 'parameters'
          JOIN cpg_ts c ON c.file_id = a.file_id AND c.parent_id = p.node_id AND c.is_named
                       AND c.kind IN ('identifier', 'default_parameter', 'typed_parameter',
                                      'typed_default_parameter', 'list_splat_pattern', 'dictionary_splat_pattern')
    ), pname AS (
        SELECT l.def_node, l.file_id, l.ordinal,
               CASE WHEN l.kind = 'identifier' THEN l.bstart ELSE n.bstart END AS bstart,
               CASE WHEN l.kind = 'identifier' THEN l.bend ELSE n.bend END AS bend
          FROM plist l
          LEFT JOIN LATERAL (SELECT g.bstart, g.bend FROM cpg_ts g
                              WHERE g.file_id = l.file_id AND g.parent_id = l.node_id AND g.kind = 'identifier'
                                AND (g.field_name = 'name' OR l.kind NOT IN ('default_parameter', 'typed_default_parameter'))
                              ORDER BY g.child_index LIMIT 1) n ON l.kind <> 'identifier'
    )
    INSERT INTO cpg_bind
    SELECT s.node_id,
           convert_from(substring(f.src FROM pn.bstart + 1 FOR pn.bend - pn.bstart), 'UTF8'),
           CASE WHEN pn.ordinal = 1 AND cls.scope_kind = 'CLASS' THEN
                     CASE WHEN 'staticmethod' = ANY (dec.texts) THEN 'unknown'
                          WHEN 'classmethod' = ANY (dec.texts) THEN 'def'
                          ELSE 'inst' END
                ELSE 'unknown' END,
           cls.node_id, '{}',
           CASE WHEN 'classmethod' = ANY (dec.texts) THEN 'cls' ELSE 'self' END
      FROM pname pn
      JOIN cpg_sc s ON s.node_id = pn.def_node
      JOIN cpg_files f ON f.file_id = pn.file_id
      LEFT JOIN cpg_sc cls ON cls.node_id = s.parent_node_id
      LEFT JOIN cpg_deco dec ON dec.node_id = pn.def_node
     WHERE pn.bstart IS NOT NULL;

    -- Simple assignments "name = expression": the name takes the expression's value, looked
    -- up in the same scope (a lambda is its definition); other expressions make the name an
    -- unknown value.
    WITH asg AS (
        SELECT l.file_id, l.parent_id, l.bstart, l.bend, r.bstart AS rbstart, r.bend AS rbend, lam.node_id AS lambda_id
          FROM cpg_ts l
          JOIN cpg_ts r ON r.file_id = l.file_id AND r.parent_id = l.parent_id AND r.field_name = 'right'
          LEFT JOIN cpg_anchor lam ON lam.file_id = r.file_id AND lam.ts_id = r.node_id AND r.kind = 'lambda'
         WHERE l.parent_kind = 'assignment' AND l.field_name = 'left' AND l.kind = 'identifier'
    )
    INSERT INTO cpg_bind
    SELECT sc.node_id, convert_from(substring(f.src FROM a.bstart + 1 FOR a.bend - a.bstart), 'UTF8'),
           CASE WHEN a.lambda_id IS NOT NULL THEN 'def'
                -- "x = x.attr" rebinds x from its previous value, which flow-insensitive
                -- bindings cannot tell apart from the new one.
                WHEN p.parts IS NULL OR p.parts[1] = convert_from(substring(f.src FROM a.bstart + 1 FOR a.bend - a.bstart), 'UTF8')
                     THEN 'unknown'
                ELSE 'lookup' END,
           coalesce(a.lambda_id, sc.node_id), p.parts, 'alias'
      FROM asg a
      JOIN cpg_files f ON f.file_id = a.file_id
     CROSS JOIN LATERAL (SELECT codecpg.cpg_expr_parts(convert_from(
                           substring(f.src FROM a.rbstart + 1 FOR a.rbend - a.rbstart), 'UTF8')) AS parts) p
     CROSS JOIN LATERAL (SELECT s.node_id FROM cpg_sc s
                          WHERE s.file_id = a.file_id AND s.body_bstart <= a.bstart AND s.bend >= a.bend
                          ORDER BY s.body_bstart DESC LIMIT 1) sc;

    CREATE INDEX ON cpg_bind (scope_id, name);
    ANALYZE cpg_bind;
    -- Any other store of a name (for targets, with ... as, augmented assignments) makes it
    -- an unknown value in its scope, so that it shadows outer bindings.
    INSERT INTO cpg_bind
    SELECT sc.node_id, r.ref_text, 'unknown', NULL, '{}', 'store'
      FROM codecpg.libcst_files_v1 f
      JOIN cpg_files cf ON cf.file_id = f.file_id
     CROSS JOIN LATERAL unnest(f.refs) r
     CROSS JOIN LATERAL (SELECT s.node_id FROM cpg_sc s
                          WHERE s.file_id = cf.file_id AND s.body_bstart <= r.bstart AND s.bend >= r.bend
                          ORDER BY s.body_bstart DESC LIMIT 1) sc
     WHERE f.repo = rp AND r.ref_kind = 'NAME' AND r.expr_ctx = 'STORE'
       AND r.scope_role IS DISTINCT FROM 'GLOBAL' AND r.scope_role IS DISTINCT FROM 'NONLOCAL'
       AND NOT EXISTS (SELECT 1 FROM cpg_bind b WHERE b.scope_id = sc.node_id AND b.name = r.ref_text)
       AND NOT EXISTS (SELECT 1 FROM pg_temp.cpg_imp i
                        WHERE i.file_id = cf.file_id AND r.bstart >= i.stmt_bstart AND r.bend <= i.stmt_bend);

    -- Returned expressions of functions, for calls of calls (make()(4)).
    INSERT INTO cpg_ret
    SELECT sc.node_id, sc.node_id, p.parts
      FROM cpg_ts t
      JOIN cpg_files f ON f.file_id = t.file_id
     CROSS JOIN LATERAL (SELECT codecpg.cpg_expr_parts(convert_from(
                           substring(f.src FROM t.bstart + 1 FOR t.bend - t.bstart), 'UTF8')) AS parts) p
     CROSS JOIN LATERAL (SELECT s.node_id, s.scope_kind FROM cpg_sc s
                          WHERE s.file_id = t.file_id AND s.body_bstart <= t.bstart AND s.bend >= t.bend
                          ORDER BY s.body_bstart DESC LIMIT 1) sc
     WHERE t.parent_kind = 'return_statement' AND t.is_named AND t.kind <> 'comment'
       AND p.parts IS NOT NULL AND sc.scope_kind IN ('FUNCTION', 'ASYNC_FUNCTION', 'LAMBDA');
    -- A star import from a module of the repository provides the names that module binds
    -- (all of them when it star-imports in turn); from elsewhere, any name (__all__ is not read).
    UPDATE cpg_star st
       SET names = (SELECT coalesce(array_agg(DISTINCT b.name), '{}') FROM cpg_bind b WHERE b.scope_id = f.scope_id)
      FROM cpg_files f
     WHERE f.module = st.base
       AND NOT EXISTS (SELECT 1 FROM cpg_star s2 WHERE s2.scope_id = f.scope_id);
    CREATE INDEX ON cpg_ret (func_id);
    ANALYZE cpg_chain, cpg_bind, cpg_star, cpg_ret;
    RAISE DEBUG 'cpg_refresh(%): bindings after % ms', rp, round(extract(epoch FROM clock_timestamp() - t0) * 1000);

    -- Jobs. Phase 1 resolves class bases (member lookup sees a class's own body only);
    -- phase 2, with the MRO known, resolves decorators, calls and imports.
    CREATE TEMP TABLE cpg_job (job_id bigint, phase integer, src_node_id text, src_kind text,
        file_id text, path text, bstart integer, bend integer, callee_bstart integer,
        callee_bend integer, scope_id text, parts text[], expr text, owner_id text,
        ordinal integer) ON COMMIT DROP;
    INSERT INTO cpg_job
    SELECT row_number() OVER (), 1, a.node_id, 'CST_CLASS_DEF', b.file_id, f.path, b.bstart, b.bend,
           NULL, NULL, s.parent_node_id,
           codecpg.cpg_expr_parts(convert_from(substring(f.src FROM b.bstart + 1 FOR b.bend - b.bstart), 'UTF8')),
           convert_from(substring(f.src FROM b.bstart + 1 FOR b.bend - b.bstart), 'UTF8'),
           a.node_id, row_number() OVER (PARTITION BY a.node_id ORDER BY b.child_index)
      FROM cpg_ts b
      JOIN cpg_ts al ON al.file_id = b.file_id AND al.node_id = b.parent_id
      JOIN cpg_anchor a ON a.file_id = al.file_id AND a.ts_id = al.parent_id
      JOIN cpg_sc s ON s.node_id = a.node_id AND s.scope_kind = 'CLASS'
      JOIN cpg_files f ON f.file_id = b.file_id
     WHERE b.parent_field = 'superclasses' AND b.is_named AND b.kind NOT IN ('keyword_argument', 'comment');

    CREATE TEMP TABLE cpg_base (class_id text, base_id text, idx integer) ON COMMIT DROP;
    CREATE TEMP TABLE cpg_mro (class_id text, anc_id text, rank integer) ON COMMIT DROP;
    INSERT INTO cpg_mro SELECT s.node_id, s.node_id, 0 FROM cpg_sc s WHERE s.scope_kind = 'CLASS';
    CREATE INDEX ON cpg_mro (class_id);
    CREATE TEMP TABLE cpg_res (job_id bigint, rkind text, ref text, rules text) ON COMMIT DROP;
    CREATE INDEX ON cpg_res (job_id);
    CREATE TEMP TABLE cpg_st (sid bigint, job_id bigint, vkind text, vref text, parts text[],
                              mode text, rules text) ON COMMIT DROP;
    CREATE TEMP TABLE cpg_next (LIKE cpg_st) ON COMMIT DROP;
    CREATE TEMP TABLE cpg_miss (job_id bigint, parts text[], mode text, vref text, rules text, fqn text,
                                method_class text, star_scope text, way text) ON COMMIT DROP;

    FOR cur_phase IN 1 .. 2 LOOP
        IF cur_phase = 2 THEN
            -- MRO, approximated breadth-first (depth, then base order): C3 for single
            -- inheritance and the usual diamonds.
            INSERT INTO cpg_base
            SELECT DISTINCT j.owner_id, s.node_id, j.ordinal
              FROM cpg_res r JOIN cpg_job j ON j.job_id = r.job_id
              JOIN cpg_sc s ON s.node_id = r.ref AND s.scope_kind = 'CLASS'
             WHERE j.phase = 1 AND r.rkind = 'def';
            TRUNCATE cpg_mro;
            -- UNION keeps the walk finite and small on cycles and diamonds: a row is a class,
            -- an ancestor, the distance and which direct base leads there.
            INSERT INTO cpg_mro
            WITH RECURSIVE m(class_id, anc_id, first_idx, depth) AS (
                SELECT s.node_id, s.node_id, 0, 0
                  FROM cpg_sc s WHERE s.scope_kind = 'CLASS'
              UNION
                SELECT m.class_id, b.base_id, CASE WHEN m.depth = 0 THEN b.idx ELSE m.first_idx END, m.depth + 1
                  FROM m JOIN cpg_base b ON b.class_id = m.anc_id
                 WHERE m.depth < 32 AND b.base_id <> m.class_id
            )
            SELECT x.class_id, x.anc_id,
                   (row_number() OVER (PARTITION BY x.class_id ORDER BY x.depth, x.first_idx, x.anc_id))::integer - 1
              FROM (SELECT DISTINCT ON (m.class_id, m.anc_id) m.class_id, m.anc_id, m.depth, m.first_idx
                      FROM m ORDER BY m.class_id, m.anc_id, m.depth, m.first_idx) x;

            -- Decorators written as a name or attribute are calls at definition time.
            INSERT INTO cpg_job
            SELECT (SELECT coalesce(max(job_id), 0) FROM cpg_job) + row_number() OVER (), 2,
                   codecpg.stable_id('span', 'CST_DECORATOR', cf.path, x.bstart::text, x.bend::text),
                   'CST_DECORATOR', cf.file_id, cf.path, x.bstart, x.bend, x.bstart, x.bend,
                   s.parent_node_id, p.parts, x.decorator_text, NULL, NULL
              FROM codecpg.libcst_files_v1 f
              JOIN cpg_files cf ON cf.file_id = f.file_id
             CROSS JOIN LATERAL unnest(f.decorators) x
              JOIN cpg_defs d ON d.file_id = f.file_id AND d.def_id = x.owner_def_id
              JOIN cpg_sc s ON s.node_id = d.node_id
             CROSS JOIN LATERAL (SELECT codecpg.cpg_expr_parts(x.decorator_text) AS parts) p
             WHERE f.repo = rp AND (p.parts IS NULL OR NOT '()' = ANY (p.parts));

            INSERT INTO cpg_job
            SELECT (SELECT coalesce(max(job_id), 0) FROM cpg_job) + row_number() OVER (), 2,
                   codecpg.stable_id('cst_call', cf.file_id, c.call_bstart::text, c.call_bend::text),
                   'CST_CALLSITE', cf.file_id, cf.path, c.call_bstart, c.call_bend, c.callee_bstart,
                   c.callee_bend, sc.node_id, codecpg.cpg_expr_parts(c.callee_text), c.callee_text, NULL, NULL
              FROM codecpg.libcst_files_v1 f
              JOIN cpg_files cf ON cf.file_id = f.file_id
             CROSS JOIN LATERAL unnest(f.callsites) c
             CROSS JOIN LATERAL (SELECT s.node_id FROM cpg_sc s
                                  WHERE s.file_id = cf.file_id AND s.body_bstart <= c.call_bstart
                                    AND s.bend >= c.call_bend
                                  ORDER BY s.body_bstart DESC LIMIT 1) sc
             WHERE f.repo = rp;

            INSERT INTO cpg_job
            SELECT (SELECT coalesce(max(job_id), 0) FROM cpg_job) + row_number() OVER (), 2,
                   i.alias_node_id, 'CST_IMPORT_ALIAS', i.file_id, i.path, i.alias_bstart, i.alias_bend,
                   NULL, NULL, i.scope_id, NULL,
                   CASE WHEN i.kind = 'IMPORT' THEN i.name ELSE concat_ws('.', i.base, i.name) END, NULL, NULL
              FROM pg_temp.cpg_imp i
             WHERE NOT i.is_star AND i.name IS NOT NULL AND (i.kind = 'IMPORT' OR i.base IS NOT NULL);
            ANALYZE cpg_job, cpg_mro;
            RAISE DEBUG 'cpg_refresh(%): MRO and jobs after % ms', rp, round(extract(epoch FROM clock_timestamp() - t0) * 1000);

            -- SCIP first: the occurrence ending where the callee ends names a symbol whose
            -- definition occurrence is a CST definition's name.
            CREATE TEMP TABLE cpg_occ ON COMMIT DROP AS
            SELECT p.file_id, o.symbol, o.symbol_roles, (o.range).bstart AS bstart, (o.range).bend AS bend
              FROM codecpg.scip_index_v1 p
             CROSS JOIN LATERAL unnest(p.documents) d
             CROSS JOIN LATERAL unnest(d.occurrences) o
             WHERE p.repo = rp AND p.file_id IS NOT NULL AND (o.range).bstart IS NOT NULL;
            CREATE TEMP TABLE cpg_symdef ON COMMIT DROP AS
            SELECT DISTINCT o.symbol, d.node_id
              FROM cpg_occ o
              JOIN cpg_defs d ON d.file_id = o.file_id AND d.name_bstart = o.bstart AND d.name_bend = o.bend
             WHERE o.symbol_roles & 1 = 1;
            INSERT INTO cpg_res
            SELECT x.job_id, 'scip', x.node_id, 'scip:' || x.symbol_roles
              FROM (SELECT DISTINCT ON (j.job_id) j.job_id, sd.node_id, o.symbol_roles
                      FROM cpg_job j
                      JOIN cpg_occ o ON o.file_id = j.file_id AND o.bend = j.callee_bend
                                    AND o.bstart >= j.callee_bstart AND o.symbol_roles & 1 = 0
                      JOIN cpg_symdef sd ON sd.symbol = o.symbol
                     WHERE j.phase = 2 AND j.src_kind = 'CST_CALLSITE'
                     ORDER BY j.job_id, o.bstart DESC, sd.node_id) x;
        END IF;

        TRUNCATE cpg_st;
        INSERT INTO cpg_st
        SELECT row_number() OVER (), j.job_id,
               CASE WHEN j.src_kind = 'CST_IMPORT_ALIAS' THEN 'qname' ELSE 'lookup' END,
               CASE WHEN j.src_kind = 'CST_IMPORT_ALIAS' THEN j.expr ELSE j.scope_id END,
               CASE WHEN j.src_kind = 'CST_IMPORT_ALIAS' THEN '{}' ELSE j.parts END,
               'chain', ''
          FROM cpg_job j
         WHERE j.phase = cur_phase
           AND (j.parts IS NOT NULL OR j.src_kind = 'CST_IMPORT_ALIAS')
           AND NOT EXISTS (SELECT 1 FROM cpg_res r WHERE r.job_id = j.job_id);

        step := 0;
        LOOP
            SELECT count(*) INTO live FROM cpg_st;
            EXIT WHEN live = 0 OR step >= 24;
            RAISE DEBUG 'cpg_refresh(%): phase % step % with % states after % ms', rp, cur_phase, step, live,
                round(extract(epoch FROM clock_timestamp() - t0) * 1000);
            step := step + 1;
            ANALYZE cpg_st;
            TRUNCATE cpg_next;

            -- Results: nothing left to apply.
            INSERT INTO cpg_res
            SELECT s.job_id,
                   CASE WHEN s.vkind = 'def' THEN 'def'
                        WHEN s.vkind = 'lookup' AND s.mode = 'attr' THEN 'module'
                        ELSE 'unresolved' END,
                   CASE WHEN s.vkind IN ('def', 'lookup') THEN s.vref
                        WHEN s.vkind = 'super' THEN 'super()'
                        ELSE sc.fqn || '()' END,   -- an instance of the class
                   s.rules
              FROM cpg_st s
              JOIN cpg_job j ON j.job_id = s.job_id
              LEFT JOIN cpg_sc sc ON sc.node_id = s.vref
             WHERE cardinality(s.parts) = 0
               AND (s.vkind IN ('def', 'super') OR (s.vkind = 'lookup' AND s.mode = 'attr')
                    OR (s.vkind = 'inst' AND j.src_kind = 'CST_IMPORT_ALIAS'));

            -- lookup: the nearest scope binding the name wins; all its bindings are candidates.
            WITH lk AS (
                SELECT s.sid, s.job_id, s.parts, s.rules, b.vkind, b.vref, b.vparts, b.rule, ch.depth,
                       min(ch.depth) OVER (PARTITION BY s.sid) AS nearest
                  FROM cpg_st s
                  JOIN cpg_chain ch ON ch.scope_id = s.vref AND (s.mode = 'chain' OR ch.depth = 0)
                  JOIN cpg_bind b ON b.scope_id = ch.anc_id AND b.name = s.parts[1]
                 WHERE s.vkind = 'lookup' AND cardinality(s.parts) > 0 AND s.parts[1] <> '()'
            )
            INSERT INTO cpg_next
            SELECT 0, lk.job_id,
                   CASE WHEN lk.vkind = 'lookup' THEN 'lookup' ELSE lk.vkind END,
                   lk.vref,
                   CASE WHEN lk.vkind = 'lookup' THEN lk.vparts || lk.parts[2:] ELSE lk.parts[2:] END,
                   'chain', concat_ws('>', nullif(lk.rules, ''), lk.rule)
              FROM lk
             WHERE lk.depth = lk.nearest AND lk.vkind <> 'unknown';
            INSERT INTO cpg_res
            SELECT DISTINCT s.job_id, 'unresolved', replace(array_to_string(s.parts, '.'), '.()', '()'), s.rules
              FROM cpg_st s
              JOIN cpg_chain ch ON ch.scope_id = s.vref AND (s.mode = 'chain' OR ch.depth = 0)
              JOIN cpg_bind b ON b.scope_id = ch.anc_id AND b.name = s.parts[1] AND b.vkind = 'unknown'
             WHERE s.vkind = 'lookup' AND cardinality(s.parts) > 0 AND s.parts[1] <> '()'
               AND ch.depth = (SELECT min(ch2.depth) FROM cpg_chain ch2
                                 JOIN cpg_bind b2 ON b2.scope_id = ch2.anc_id AND b2.name = s.parts[1]
                                WHERE ch2.scope_id = s.vref AND (s.mode = 'chain' OR ch2.depth = 0));

            -- lookup without a binding: super(), a submodule, a star import that can
            -- provide the name, else unresolved.
            TRUNCATE cpg_miss;
            INSERT INTO cpg_miss
            SELECT m.job_id, m.parts, m.mode, m.vref, m.rules, m.fqn, m.method_class, m.star_scope,
                   CASE WHEN m.parts[1] = '()' THEN 'none'
                        WHEN m.mode = 'chain' AND m.parts[1] = 'super' AND m.parts[2] = '()'
                             AND m.method_class IS NOT NULL THEN 'super'
                        WHEN m.mode = 'attr' AND m.scope_kind = 'MODULE'
                             AND EXISTS (SELECT 1 FROM cpg_files f WHERE f.module = m.fqn || '.' || m.parts[1]) THEN 'submodule'
                        WHEN m.parts[1] !~ '^_'
                             AND EXISTS (SELECT 1 FROM cpg_star st
                                          WHERE st.scope_id = m.star_scope
                                            AND (st.names IS NULL OR m.parts[1] = ANY (st.names))) THEN 'star'
                        ELSE 'none' END
              FROM (SELECT s.*, sc.scope_kind, sc.fqn,
                           CASE WHEN s.mode = 'attr' THEN s.vref
                                ELSE (SELECT ch.anc_id FROM cpg_chain ch WHERE ch.scope_id = s.vref
                                       ORDER BY ch.depth DESC LIMIT 1) END AS star_scope,
                           (SELECT p.node_id FROM cpg_sc p WHERE p.node_id = sc.parent_node_id
                               AND p.scope_kind = 'CLASS' AND sc.scope_kind IN ('FUNCTION', 'ASYNC_FUNCTION')) AS method_class
                      FROM cpg_st s
                      JOIN cpg_sc sc ON sc.node_id = s.vref
                     WHERE s.vkind = 'lookup' AND cardinality(s.parts) > 0
                       AND (s.parts[1] = '()'
                            OR NOT EXISTS (SELECT 1 FROM cpg_chain ch
                                             JOIN cpg_bind b ON b.scope_id = ch.anc_id AND b.name = s.parts[1]
                                            WHERE ch.scope_id = s.vref AND (s.mode = 'chain' OR ch.depth = 0)))) m;
            INSERT INTO cpg_next
            SELECT 0, a.job_id, 'super', a.method_class, a.parts[3:], 'chain', concat_ws('>', nullif(a.rules, ''), 'super')
              FROM cpg_miss a WHERE a.way = 'super'
            UNION ALL
            SELECT 0, a.job_id, 'lookup', f.scope_id, a.parts[2:], 'attr', concat_ws('>', nullif(a.rules, ''), 'module')
              FROM cpg_miss a JOIN cpg_files f ON f.module = a.fqn || '.' || a.parts[1]
             WHERE a.way = 'submodule'
            UNION ALL
            SELECT 0, a.job_id, 'qname', st.base, a.parts, 'chain', concat_ws('>', nullif(a.rules, ''), 'star')
              FROM cpg_miss a JOIN cpg_star st ON st.scope_id = a.star_scope
             WHERE a.way = 'star' AND (st.names IS NULL OR a.parts[1] = ANY (st.names));
            INSERT INTO cpg_res
            SELECT a.job_id, 'unresolved',
                   replace(concat_ws('.', CASE WHEN a.mode = 'attr' THEN a.fqn END, array_to_string(a.parts, '.')), '.()', '()'),
                   a.rules
              FROM cpg_miss a WHERE a.way = 'none';

            -- qname: enter the longest module prefix of the name.
            WITH q AS (
                SELECT DISTINCT ON (s.sid) s.sid, s.job_id, s.parts, s.rules, s.vref, f.scope_id, k.k, c.c
                  FROM cpg_st s
                 CROSS JOIN LATERAL (SELECT string_to_array(s.vref, '.') AS c) c
                 CROSS JOIN LATERAL generate_series(cardinality(c.c), 1, -1) AS k(k)
                  JOIN cpg_files f ON f.module = array_to_string(c.c[1:k.k], '.')
                 WHERE s.vkind = 'qname'
                 ORDER BY s.sid, k.k DESC, f.file_id
            )
            INSERT INTO cpg_next
            SELECT 0, q.job_id, 'lookup', q.scope_id, q.c[q.k + 1:] || q.parts, 'attr',
                   concat_ws('>', nullif(q.rules, ''), 'module')
              FROM q;
            INSERT INTO cpg_res
            SELECT s.job_id, 'unresolved',
                   replace(concat_ws('.', s.vref, nullif(array_to_string(s.parts, '.'), '')), '.()', '()'), s.rules
              FROM cpg_st s
             WHERE s.vkind = 'qname'
               AND NOT EXISTS (SELECT 1 FROM generate_series(1, cardinality(string_to_array(s.vref, '.'))) k
                                 JOIN cpg_files f ON f.module = array_to_string((string_to_array(s.vref, '.'))[1:k], '.'));

            -- inst: attributes come from the class; calling an instance calls __call__.
            INSERT INTO cpg_next
            SELECT 0, s.job_id, 'def', s.vref,
                   CASE WHEN cardinality(s.parts) = 0 OR s.parts[1] = '()' THEN ARRAY['__call__'] || s.parts
                        ELSE s.parts END,
                   'chain', concat_ws('>', nullif(s.rules, ''), 'instance')
              FROM cpg_st s
              JOIN cpg_job j ON j.job_id = s.job_id
             WHERE s.vkind = 'inst' AND (cardinality(s.parts) > 0 OR j.src_kind <> 'CST_IMPORT_ALIAS');

            -- def: calling a class makes an instance, calling a function yields what it
            -- returns; attributes of a class are looked up along its MRO (super: after it).
            INSERT INTO cpg_next
            SELECT 0, s.job_id, 'inst', s.vref, s.parts[2:], 'chain', concat_ws('>', nullif(s.rules, ''), 'init')
              FROM cpg_st s JOIN cpg_sc d ON d.node_id = s.vref AND d.scope_kind = 'CLASS'
             WHERE s.vkind = 'def' AND s.parts[1] = '()'
            UNION ALL
            SELECT 0, s.job_id, 'lookup', r.scope_id, r.parts || s.parts[2:], 'chain',
                   concat_ws('>', nullif(s.rules, ''), 'return')
              FROM cpg_st s JOIN cpg_ret r ON r.func_id = s.vref
             WHERE s.vkind = 'def' AND s.parts[1] = '()';
            WITH mem AS (
                SELECT s.sid, s.job_id, s.parts, s.rules, s.vkind AS skind, b.vkind, b.vref, b.vparts, b.scope_id, m.rank,
                       min(m.rank) OVER (PARTITION BY s.sid) AS nearest
                  FROM cpg_st s
                  JOIN cpg_mro m ON m.class_id = s.vref AND (s.vkind = 'def' OR m.rank > 0)
                  JOIN cpg_bind b ON b.scope_id = m.anc_id AND b.name = s.parts[1]
                 WHERE s.vkind IN ('def', 'super') AND cardinality(s.parts) > 0 AND s.parts[1] <> '()'
            )
            INSERT INTO cpg_next
            SELECT 0, mem.job_id,
                   CASE WHEN mem.vkind = 'lookup' THEN 'lookup' ELSE mem.vkind END,
                   mem.vref,
                   CASE WHEN mem.vkind = 'lookup' THEN mem.vparts || mem.parts[2:] ELSE mem.parts[2:] END,
                   'chain', concat_ws('>', nullif(mem.rules, ''), CASE WHEN mem.rank > 0 THEN 'mro' ELSE 'attr' END)
              FROM mem
             WHERE mem.rank = mem.nearest AND mem.vkind <> 'unknown';
            INSERT INTO cpg_res
            SELECT s.job_id, 'unresolved',
                   replace(CASE WHEN s.vkind = 'super' THEN 'super()' ELSE d.fqn END
                           || '.' || array_to_string(s.parts, '.'), '.()', '()'),
                   s.rules
              FROM cpg_st s
              JOIN cpg_sc d ON d.node_id = s.vref
             WHERE s.vkind IN ('def', 'super') AND cardinality(s.parts) > 0
               AND CASE WHEN s.parts[1] = '()' THEN
                             s.vkind = 'super'
                             OR (d.scope_kind <> 'CLASS' AND NOT EXISTS (SELECT 1 FROM cpg_ret r WHERE r.func_id = s.vref))
                        ELSE NOT EXISTS (SELECT 1 FROM cpg_mro m
                                           JOIN cpg_bind b ON b.scope_id = m.anc_id AND b.name = s.parts[1]
                                                          AND b.vkind <> 'unknown'
                                          WHERE m.class_id = s.vref AND (s.vkind = 'def' OR m.rank > 0)) END;

            -- Flow-insensitive bindings multiply candidates, and aliases such as
            -- "node = node.next" grow expressions without end: a job keeps its first 16
            -- states and expressions of at most 16 steps (a job left without results is
            -- reported unresolved).
            TRUNCATE cpg_st;
            INSERT INTO cpg_st
            SELECT row_number() OVER (), y.job_id, y.vkind, y.vref, y.parts, y.mode, y.rules
              FROM (SELECT x.*, row_number() OVER (PARTITION BY x.job_id ORDER BY x.vkind, x.vref, x.parts, x.rules) AS k
                      FROM (SELECT DISTINCT n.job_id, n.vkind, n.vref, n.parts, n.mode, n.rules
                              FROM cpg_next n WHERE cardinality(n.parts) <= 16) x) y
             WHERE y.k <= 16;
        END LOOP;
        RAISE DEBUG 'cpg_refresh(%): phase % resolved in % steps after % ms', rp, cur_phase, step,
            round(extract(epoch FROM clock_timestamp() - t0) * 1000);
        -- Whatever is still moving after the step limit is a cycle of aliases.
        INSERT INTO cpg_res
        SELECT DISTINCT s.job_id, 'unresolved', replace(array_to_string(s.parts, '.'), '.()', '()'),
               concat_ws('>', nullif(s.rules, ''), 'cycle')
          FROM cpg_st s;
    END LOOP;
    ANALYZE cpg_res;

    -- Edges. A resolved class call goes to the nearest __init__ of its MRO (to the class
    -- when no class in the repository defines one); a job with a definition among its
    -- results drops its unresolved ones.
    CREATE TEMP TABLE cpg_out ON COMMIT DROP AS
    WITH target AS (
        SELECT r.job_id, r.rkind, r.rules,
               CASE WHEN s.scope_kind = 'CLASS' AND j.src_kind IN ('CST_CALLSITE', 'CST_DECORATOR')
                         AND r.rkind IN ('def', 'scip')
                    THEN coalesce(i.node_id, s.node_id) ELSE r.ref END AS ref,
               CASE WHEN s.scope_kind = 'CLASS' AND i.node_id IS NOT NULL AND j.src_kind IN ('CST_CALLSITE', 'CST_DECORATOR')
                         AND r.rkind IN ('def', 'scip')
                    THEN concat_ws('>', nullif(r.rules, ''), 'init') ELSE r.rules END AS rules2
          FROM cpg_res r
          JOIN cpg_job j ON j.job_id = r.job_id
          LEFT JOIN cpg_sc s ON s.node_id = r.ref AND r.rkind IN ('def', 'scip')
          LEFT JOIN LATERAL (
              SELECT b.vref AS node_id FROM cpg_mro m
                JOIN cpg_bind b ON b.scope_id = m.anc_id AND b.name = '__init__' AND b.vkind = 'def'
               WHERE m.class_id = s.node_id ORDER BY m.rank, b.vref LIMIT 1) i ON s.scope_kind = 'CLASS'
    ), resolved AS (
        SELECT t.*, bool_or(t.rkind IN ('def', 'scip', 'module')) OVER (PARTITION BY t.job_id) AS job_resolved
          FROM target t
    ), kept AS (
        SELECT DISTINCT r.job_id, r.rkind, r.ref, r.rules2 AS rules
          FROM resolved r
         WHERE r.rkind IN ('def', 'scip', 'module') OR NOT r.job_resolved
    )
    SELECT j.*, k.rkind, k.ref, k.rules,
           count(*) OVER (PARTITION BY k.job_id) AS candidates
      FROM kept k JOIN cpg_job j ON j.job_id = k.job_id
    UNION ALL
    -- Expressions the resolver cannot follow (subscripts, operators, literals), and
    -- expressions it gave up on (limit).
    SELECT j.*, 'unresolved', j.expr, CASE WHEN j.parts IS NULL THEN '' ELSE 'limit' END, 1
      FROM cpg_job j
     WHERE j.phase = 2 AND j.src_kind <> 'CST_IMPORT_ALIAS'
       AND NOT EXISTS (SELECT 1 FROM cpg_res r WHERE r.job_id = j.job_id);

    INSERT INTO codecpg.cpg_graph_v1 (repo, edge_id, edge_kind, src_node_id, dst_node_id, path, file_id,
        bstart, bend, origin, resolution_method, confidence, score, symbol_roles, rule_name, src_kind,
        src_scope_node_id, dst_kind, dst_name)
    SELECT DISTINCT ON (e.edge_kind, e.src_node_id, e.dst_node_id, e.path, e.bstart, e.bend)
           rp, codecpg.stable_id('edge', e.edge_kind, e.src_node_id, e.dst_node_id, e.path, e.bstart::text, e.bend::text),
           e.*
      FROM (
        SELECT CASE WHEN o.src_kind = 'CST_IMPORT_ALIAS' THEN 'BINDING_RESOLVES_TO'
                    WHEN o.rkind = 'scip' THEN 'PY_CALLS_SYMBOL'
                    ELSE 'PY_CALLS_QNAME' END AS edge_kind,
               o.src_node_id,
               CASE WHEN o.rkind IN ('def', 'scip', 'module') THEN o.ref
                    ELSE codecpg.stable_id('py_qname', rp, o.ref) END AS dst_node_id,
               o.path, o.file_id, o.bstart, o.bend,
               CASE WHEN o.rkind = 'scip' THEN 'scip' ELSE 'derived' END AS origin,
               CASE WHEN o.rkind = 'scip' THEN 'scip_span_exact'
                    WHEN o.rkind IN ('def', 'module') THEN 'name_resolution'
                    ELSE 'unresolved' END AS resolution_method,
               CASE WHEN o.rkind = 'scip' THEN 1.0 ELSE 0.5 END::double precision AS confidence,
               (CASE WHEN o.rkind = 'scip' THEN 1.0 ELSE 0.5 END / o.candidates)::double precision AS score,
               CASE WHEN o.rkind = 'scip' THEN substring(o.rules FROM '^scip:(\d+)')::integer END AS symbol_roles,
               nullif(regexp_replace(o.rules, '^scip:\d+', 'scip'), '') AS rule_name,
               o.src_kind, o.scope_id AS src_scope_node_id,
               CASE WHEN o.rkind IN ('def', 'scip') THEN
                         CASE s.scope_kind WHEN 'CLASS' THEN 'CST_CLASS_DEF' WHEN 'LAMBDA' THEN 'CST_LAMBDA'
                                           WHEN 'MODULE' THEN 'PY_MODULE' ELSE 'CST_FUNCTION_DEF' END
                    WHEN o.rkind = 'module' THEN 'PY_MODULE'
                    ELSE 'PY_QUALIFIED_NAME' END AS dst_kind,
               CASE WHEN o.rkind IN ('def', 'scip', 'module') THEN s.fqn ELSE o.ref END AS dst_name
          FROM cpg_out o
          LEFT JOIN cpg_sc s ON s.node_id = o.ref AND o.rkind IN ('def', 'scip', 'module')
         WHERE o.src_kind <> 'CST_CLASS_DEF'
        UNION ALL
        SELECT 'CLASS_INHERITS', o.src_node_id,
               CASE WHEN o.rkind = 'def' THEN o.ref ELSE codecpg.stable_id('py_qname', rp, o.ref) END,
               o.path, o.file_id, o.bstart, o.bend, 'derived',
               CASE WHEN o.rkind = 'def' THEN 'name_resolution' ELSE 'unresolved' END,
               0.5, 0.5 / o.candidates, NULL, nullif(o.rules, ''), 'CST_CLASS_DEF', o.scope_id,
               CASE WHEN o.rkind = 'def' THEN 'CST_CLASS_DEF' ELSE 'PY_QUALIFIED_NAME' END,
               CASE WHEN o.rkind = 'def' THEN s.fqn ELSE o.ref END
          FROM cpg_out o
          LEFT JOIN cpg_sc s ON s.node_id = o.ref AND o.rkind = 'def'
         WHERE o.src_kind = 'CST_CLASS_DEF' AND (o.rkind <> 'def' OR s.scope_kind = 'CLASS')
        UNION ALL
        SELECT 'FILE_CONTAINS', j.scope_id, j.src_node_id, j.path, j.file_id, j.bstart, j.bend, 'derived',
               'span_containment', 1.0, 1.0, NULL, NULL, s.scope_kind, j.scope_id, 'CST_CALLSITE', NULL
          FROM cpg_job j JOIN cpg_sc s ON s.node_id = j.scope_id
         WHERE j.src_kind = 'CST_CALLSITE'
      ) e
     ORDER BY e.edge_kind, e.src_node_id, e.dst_node_id, e.path, e.bstart, e.bend, e.score DESC;

    RAISE DEBUG 'cpg_refresh(%): edges stored after % ms', rp, round(extract(epoch FROM clock_timestamp() - t0) * 1000);
    -- Fresh statistics, or the first queries after a refresh plan for empty tables.
    ANALYZE codecpg.cpg_scopes_v1, codecpg.cpg_graph_v1;
    SELECT count(*) INTO scopes FROM codecpg.cpg_scopes_v1 s WHERE s.repo = rp;
    SELECT count(*) INTO callsites FROM cpg_job j WHERE j.src_kind = 'CST_CALLSITE';
    SELECT count(DISTINCT g.src_node_id) FILTER (WHERE g.edge_kind = 'PY_CALLS_SYMBOL'),
           count(DISTINCT g.src_node_id) FILTER (WHERE g.edge_kind = 'PY_CALLS_QNAME' AND g.resolution_method = 'name_resolution'
                                                   AND g.src_kind = 'CST_CALLSITE'),
           count(DISTINCT g.src_node_id) FILTER (WHERE g.edge_kind = 'PY_CALLS_QNAME' AND g.resolution_method = 'unresolved'
                                                   AND g.src_kind = 'CST_CALLSITE'),
           count(*)
      INTO calls_scip, calls_resolved, calls_unresolved, edges
      FROM codecpg.cpg_graph_v1 g WHERE g.repo = rp;
END
$$;
COMMENT ON FUNCTION codecpg.cpg_refresh(text) IS
  'Recomputes the repository''s cross-file graph (cpg_scopes_v1, cpg_graph_v1) from its extracted files: scopes and qualified names, then call, decorator, import and base-class resolution, SCIP span-exact first and codecpg''s own name resolution otherwise. Run it after the files of an index run are extracted; returns counts.';

-- The def-level call graph -------------------------------------------------------------

CREATE FUNCTION codecpg.cpg_call_graph(repo text,
    OUT caller text, OUT callee text, OUT call_kind text, OUT sites bigint,
    OUT resolution_method text, OUT confidence double precision,
    OUT caller_node_id text, OUT callee_node_id text)
RETURNS SETOF record
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  SELECT cs.fqn, ds.fqn,
         CASE g.src_kind WHEN 'CST_DECORATOR' THEN 'decorator' ELSE 'call' END,
         count(*), string_agg(DISTINCT g.resolution_method, ',' ORDER BY g.resolution_method), max(g.confidence),
         cs.node_id, ds.node_id
    FROM codecpg.cpg_graph_v1 g
    JOIN codecpg.cpg_scopes_v1 cs ON cs.repo = g.repo AND cs.node_id = g.src_scope_node_id
    JOIN codecpg.cpg_scopes_v1 ds ON ds.repo = g.repo AND ds.node_id = g.dst_node_id
   WHERE g.repo = cpg_call_graph.repo
     AND g.edge_kind IN ('PY_CALLS_SYMBOL', 'PY_CALLS_QNAME')
   GROUP BY cs.fqn, ds.fqn, g.src_kind, cs.node_id, ds.node_id
   ORDER BY 1, 2, 3;
END;
COMMENT ON FUNCTION codecpg.cpg_call_graph(text) IS
  'The def-level call graph of a repository (after codecpg.cpg_refresh): caller and callee qualified names (pkg.mod.Class.method; module-level code is named by its module; a class call is an edge to its __init__), calls or decorator applications, number of sites, how they were resolved (the distinct resolution methods of the sites: scip_span_exact, name_resolution) and the best confidence.';
CREATE INDEX cpg_scopes_v1_file_idx ON codecpg.cpg_scopes_v1 (repo, file_id);

-- Per-root helpers of the views: each unnests one stored row; the views call them LATERAL.

CREATE FUNCTION codecpg.cpg_scip_role_sources(part codecpg.scip_index_v1)
RETURNS TABLE (src_node_id text, symbol_node_id text, symbol_roles integer, path text, bstart integer,
               bend integer, match text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT codecpg.stable_id('scip_occurrence', part.repo, part.index_id, d.relative_path, o.ordinality::text),
         codecpg.stable_id('scip_symbol', part.repo, o.symbol), o.symbol_roles, d.relative_path,
         (o.range).bstart, (o.range).bend, 'scip_occurrence'
    FROM unnest(part.documents) d
   CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
   WHERE o.symbol <> ''
  UNION ALL
  SELECT c.node_id, codecpg.stable_id('scip_symbol', part.repo, o.symbol), o.symbol_roles, f.path,
         c.bstart, c.bend, 'scip_span_exact'
    FROM codecpg.libcst_files_v1 f
   CROSS JOIN LATERAL unnest(part.documents) d
   CROSS JOIN LATERAL unnest(d.occurrences) o
    JOIN (SELECT codecpg.stable_id('cst_def', f2.file_id, x.kind, x.def_bstart::text, x.def_bend::text) AS node_id,
                 f2.file_id, x.name_bstart AS bstart, x.name_bend AS bend
            FROM codecpg.libcst_files_v1 f2 CROSS JOIN LATERAL unnest(f2.defs) x
           WHERE f2.repo = part.repo AND f2.file_id = part.file_id
          UNION ALL
          SELECT codecpg.stable_id('span', CASE x.ref_kind WHEN 'NAME' THEN 'CST_NAME_REF'
                                                          WHEN 'ATTRIBUTE' THEN 'CST_ATTRIBUTE_ACCESS' ELSE 'CST_REF' END,
                                   f2.path, x.bstart::text, x.bend::text),
                 f2.file_id, x.bstart, x.bend
            FROM codecpg.libcst_files_v1 f2 CROSS JOIN LATERAL unnest(f2.refs) x
           WHERE f2.repo = part.repo AND f2.file_id = part.file_id
          UNION ALL
          SELECT codecpg.stable_id('cst_import', f2.file_id, x.kind, x.alias_bstart::text, x.alias_bend::text),
                 f2.file_id, x.alias_bstart, x.alias_bend
            FROM codecpg.libcst_files_v1 f2 CROSS JOIN LATERAL unnest(f2.imports) x
           WHERE f2.repo = part.repo AND f2.file_id = part.file_id) c
      ON c.bstart = (o.range).bstart AND c.bend = (o.range).bend
   WHERE f.repo = part.repo AND f.file_id = part.file_id AND o.symbol <> '';
END;
COMMENT ON FUNCTION codecpg.cpg_scip_role_sources(codecpg.scip_index_v1) IS
  'For a SCIP index part: every occurrence (as its SCIP_OCCURRENCE node) and every CST definition name, reference and import alias at exactly an occurrence''s byte span, with the occurrence''s symbol (SCIP_SYMBOL node) and role bits. cpg_edges turns the role bits into PY_*_SYMBOL edges.';

CREATE FUNCTION codecpg.cpg_diagnostics()
RETURNS TABLE (repo text, file_id text, path text, domain text, origin text, ord bigint, error_type text,
               message text, bstart integer, bend integer)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT f.repo, f.file_id, f.path, 'libcst', 'libcst', x.ordinality, x.error_type, x.message, x.bstart, x.bend
    FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.parse_errors) WITH ORDINALITY x
  UNION ALL
  SELECT f.repo, f.file_id, f.path, 'ast', 'py_ast', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
    FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x
  UNION ALL
  SELECT f.repo, f.file_id, f.path, 'symtable', 'symtable', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
    FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x
  UNION ALL
  SELECT f.repo, f.file_id, f.path, 'bytecode', 'dis', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
    FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x;
END;
COMMENT ON FUNCTION codecpg.cpg_diagnostics() IS
  'Extraction diagnostics of every file-level domain (CST parse errors, AST, symtable and bytecode failures), numbered per file and domain: the DIAG nodes of the CPG.';

CREATE FUNCTION codecpg.cpg_bc_anchors(f codecpg.bytecode_files_v1)
RETURNS TABLE (unit_id text, anchor_id text, bstart integer, bend integer, method text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT u.unit_id,
         CASE WHEN u.code_id = 0 THEN codecpg.stable_id('py_module', f.file_id) ELSE s.node_id END,
         u.bstart, u.bend, CASE WHEN u.code_id = 0 THEN 'module' ELSE 'qualname_order' END
    FROM (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id,
                 c.code_id, c.qualname, (c.span).bstart, (c.span).bend,
                 row_number() OVER (PARTITION BY c.qualname ORDER BY c.code_id) AS rk
            FROM unnest(f.code_objects) c) u
    LEFT JOIN (SELECT s.node_id, s.qualname, row_number() OVER (PARTITION BY s.qualname ORDER BY s.bstart) AS rk
                 FROM codecpg.cpg_scopes_v1 s
                WHERE s.repo = f.repo AND s.file_id = f.file_id AND s.qualname IS NOT NULL) s
      ON s.qualname = u.qualname AND s.rk = u.rk
   WHERE u.code_id = 0 OR s.node_id IS NOT NULL;
END;
COMMENT ON FUNCTION codecpg.cpg_bc_anchors(codecpg.bytecode_files_v1) IS
  'Anchors the code units of a file to CPG nodes: the module''s code to its PY_MODULE node, a class body or function to the CST definition with the same __qualname__ (the n-th code object of a qualname to the n-th definition of it in source order; comprehensions have no definition). Reads cpg_scopes_v1, so it needs codecpg.cpg_refresh.';

CREATE FUNCTION codecpg.cpg_cfg_edges(f codecpg.bytecode_files_v1)
RETURNS TABLE (code_unit_id text, qualname text, src_node_id text, dst_node_id text, kind text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT u.unit_id, c.qualname,
         codecpg.stable_id('bc_block', u.unit_id, e.src_block_start::text, e.src_block_end::text),
         codecpg.stable_id('bc_block', u.unit_id, e.dst_block_start::text, e.dst_block_end::text), e.kind
    FROM unnest(f.code_objects) c
   CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
   CROSS JOIN LATERAL unnest(c.cfg_edges) e
  UNION ALL
  -- A block without successors returns or raises: it flows to the code unit's exit.
  SELECT u.unit_id, c.qualname, codecpg.stable_id('bc_block', u.unit_id, b.start_offset::text, b.end_offset::text),
         codecpg.stable_id('cfg_exit', u.unit_id), 'exit'
    FROM unnest(f.code_objects) c
   CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
   CROSS JOIN LATERAL unnest(c.blocks) b
   WHERE NOT EXISTS (SELECT 1 FROM unnest(c.cfg_edges) e
                      WHERE e.src_block_start = b.start_offset AND e.src_block_end = b.end_offset);
END;
COMMENT ON FUNCTION codecpg.cpg_cfg_edges(codecpg.bytecode_files_v1) IS
  'The control-flow edges of a file''s code units between CFG_BLOCK nodes: next, jump, branch and exc from the bytecode extractor, plus exit edges from blocks without successors to the code unit''s CFG_EXIT node.';

CREATE FUNCTION codecpg.cpg_complexity(f codecpg.bytecode_files_v1)
RETURNS TABLE (code_unit_id text, qualname text, blocks bigint, edges bigint, exits bigint, complexity bigint)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name), c.qualname,
         n.n, e.e, x.x, (e.e + x.x) - (n.n + 1) + 2
    FROM unnest(f.code_objects) c
   CROSS JOIN LATERAL (SELECT count(*) AS n FROM unnest(c.blocks) b WHERE b.kind <> 'handler') n
   CROSS JOIN LATERAL (SELECT count(*) AS e
                         FROM unnest(c.cfg_edges) y
                         JOIN unnest(c.blocks) b ON b.start_offset = y.src_block_start AND b.end_offset = y.src_block_end
                        WHERE y.kind <> 'exc' AND b.kind <> 'handler') e
   CROSS JOIN LATERAL (SELECT count(*) AS x
                         FROM unnest(c.blocks) b
                        WHERE b.kind <> 'handler'
                          AND NOT EXISTS (SELECT 1 FROM unnest(c.cfg_edges) y
                                           WHERE y.src_block_start = b.start_offset AND y.src_block_end = b.end_offset
                                             AND y.kind <> 'exc')) x;
END;
COMMENT ON FUNCTION codecpg.cpg_complexity(codecpg.bytecode_files_v1) IS
  'McCabe cyclomatic complexity E - N + 2 of each code unit of a file, from its control-flow graph closed by one exit node: N is the blocks outside exception handlers plus the exit, E their next, jump and branch edges plus one edge to the exit from every block without successors (returns and raises). Exception edges and handlers are left out, as McCabe counts decisions.';

-- The views ------------------------------------------------------------------------------
--
-- One branch per (domain, kind). Every branch names its kind as a constant, so a query
-- filtering on node_kind or edge_kind plans only the branches it needs (the others are
-- proven empty at plan time); cpg_graph_v1's branch is filtered through its indexes. Spanned CST
-- elements without a recipe of their own use codecpg.stable_id('span', kind, path, bstart, bend).

CREATE VIEW codecpg.cpg_nodes AS
-- repository, files, modules, packages
SELECT codecpg.stable_id('py_repo', r.repo) AS node_id, 'PY_REPO'::text AS node_kind, r.repo,
       NULL::text AS file_id, NULL::text AS path, NULL::integer AS bstart, NULL::integer AS bend,
       r.repo AS name, 'derived'::text AS origin, NULL::jsonb AS props
  FROM (SELECT DISTINCT f.repo FROM codecpg.repo_files_v1 f) r
UNION ALL
SELECT f.file_id, 'PY_FILE', f.repo, f.file_id, f.path, 0, f.size_bytes::integer, f.path, 'derived',
       jsonb_build_object('file_sha256', f.file_sha256, 'encoding', f.encoding, 'line_count', f.line_count)
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT codecpg.stable_id('py_module', f.file_id), 'PY_MODULE', f.repo, f.file_id, f.path, 0, f.size_bytes::integer,
       codecpg.cpg_module_name(f.path), 'derived', NULL
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT codecpg.stable_id('py_package', f.file_id), 'PY_PACKAGE', f.repo, f.file_id, f.path, NULL, NULL,
       codecpg.cpg_module_name(f.path), 'derived', NULL
  FROM codecpg.repo_files_v1 f
 WHERE f.path ~ '(^|/)__init__\.pyi?$'
-- CST definitions and their parts
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), 'CST_CLASS_DEF',
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
 WHERE d.kind = 'CLASS'
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), 'CST_FUNCTION_DEF',
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
 WHERE d.kind IN ('FUNCTION', 'ASYNC_FUNCTION')
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), 'CST_LAMBDA',
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
 WHERE d.kind = 'LAMBDA'
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), 'CST_DEF',
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
 WHERE d.kind NOT IN ('CLASS', 'FUNCTION', 'ASYNC_FUNCTION', 'LAMBDA')
UNION ALL
SELECT codecpg.stable_id('span', 'CST_PARAM', f.path, (c.span).bstart::text, (c.span).bend::text), 'CST_PARAM',
       f.repo, f.file_id, f.path, (c.span).bstart, (c.span).bend, NULL, 'treesitter',
       jsonb_build_object('ts_kind', c.kind, 'position', c.child_index)
  FROM codecpg.tree_sitter_files_v1 f
 CROSS JOIN LATERAL (SELECT c.* FROM unnest(f.nodes) c JOIN unnest(f.nodes) p ON p.node_id = c.parent_id
                      WHERE p.kind IN ('parameters', 'lambda_parameters') AND c.is_named AND c.kind <> 'comment') c
UNION ALL
SELECT codecpg.stable_id('span', 'CST_DECORATOR', f.path, x.bstart::text, x.bend::text), 'CST_DECORATOR',
       f.repo, f.file_id, f.path, x.bstart, x.bend, x.decorator_text, 'libcst',
       jsonb_build_object('owner_def_id', x.owner_def_id, 'decorator_index', x.decorator_index)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.decorators) x
UNION ALL
SELECT DISTINCT codecpg.stable_id('span', 'CST_IMPORT', f.path, i.stmt_bstart::text, i.stmt_bend::text), 'CST_IMPORT',
       f.repo, f.file_id, f.path, i.stmt_bstart, i.stmt_bend, i.module, 'libcst',
       jsonb_build_object('kind', i.kind, 'relative_level', i.relative_level)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.imports) i
UNION ALL
SELECT codecpg.stable_id('cst_import', f.file_id, i.kind, i.alias_bstart::text, i.alias_bend::text), 'CST_IMPORT_ALIAS',
       f.repo, f.file_id, f.path, i.alias_bstart, i.alias_bend, coalesce(i.asname, i.name), 'libcst',
       jsonb_build_object('module', i.module, 'name', i.name, 'asname', i.asname,
                          'relative_level', i.relative_level, 'is_star', i.is_star)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.imports) i
UNION ALL
SELECT codecpg.stable_id('span', 'CST_NAME_REF', f.path, r.bstart::text, r.bend::text), 'CST_NAME_REF',
       f.repo, f.file_id, f.path, r.bstart, r.bend, r.ref_text, 'libcst',
       jsonb_build_object('expr_ctx', r.expr_ctx, 'scope_type', r.scope_type, 'scope_name', r.scope_name,
                          'scope_role', r.scope_role)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.refs) r
 WHERE r.ref_kind = 'NAME'
UNION ALL
SELECT codecpg.stable_id('span', 'CST_ATTRIBUTE_ACCESS', f.path, r.bstart::text, r.bend::text), 'CST_ATTRIBUTE_ACCESS',
       f.repo, f.file_id, f.path, r.bstart, r.bend, r.ref_text, 'libcst',
       jsonb_build_object('expr_ctx', r.expr_ctx, 'scope_type', r.scope_type, 'scope_name', r.scope_name,
                          'scope_role', r.scope_role)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.refs) r
 WHERE r.ref_kind = 'ATTRIBUTE'
UNION ALL
SELECT codecpg.stable_id('span', 'CST_REF', f.path, r.bstart::text, r.bend::text), 'CST_REF',
       f.repo, f.file_id, f.path, r.bstart, r.bend, r.ref_text, 'libcst',
       jsonb_build_object('expr_ctx', r.expr_ctx, 'scope_type', r.scope_type, 'scope_name', r.scope_name,
                          'scope_role', r.scope_role)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.refs) r
 WHERE r.ref_kind NOT IN ('NAME', 'ATTRIBUTE')
UNION ALL
SELECT codecpg.stable_id('cst_call', f.file_id, c.call_bstart::text, c.call_bend::text), 'CST_CALLSITE',
       f.repo, f.file_id, f.path, c.call_bstart, c.call_bend, c.callee_text, 'libcst',
       jsonb_build_object('callee_shape', c.callee_shape, 'callee_dotted', c.callee_dotted, 'arg_count', c.arg_count,
                          'callee_bstart', c.callee_bstart, 'callee_bend', c.callee_bend, 'callee_fqns', c.callee_fqns)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.callsites) c
UNION ALL
SELECT codecpg.stable_id('span', 'CST_ARG', f.path, a.bstart::text, a.bend::text), 'CST_ARG',
       f.repo, f.file_id, f.path, a.bstart, a.bend, a.keyword, 'libcst',
       jsonb_build_object('arg_index', a.arg_index, 'star', a.star, 'arg_text', a.arg_text)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.call_args) a
UNION ALL
SELECT codecpg.stable_id('span', 'CST_DOCSTRING', f.path, d.bstart::text, d.bend::text), 'CST_DOCSTRING',
       f.repo, f.file_id, f.path, d.bstart, d.bend, NULL, 'libcst',
       jsonb_build_object('owner_kind', d.owner_kind, 'docstring', d.docstring)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.docstrings) d
UNION ALL
SELECT codecpg.stable_id('span', 'TYPE_EXPR', f.path, t.bstart::text, t.bend::text), 'TYPE_EXPR',
       f.repo, f.file_id, f.path, t.bstart, t.bend, t.expr_text, 'libcst',
       jsonb_build_object('expr_role', t.expr_role, 'param_name', t.param_name, 'expr_kind', t.expr_kind)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.type_exprs) t
-- syntax trees
UNION ALL
SELECT codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), 'AST_DEF',
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, coalesce(n.name, n.kind), 'py_ast',
       jsonb_build_object('kind', n.kind, 'ast_id', n.ast_id, 'field_name', n.field_name, 'value', n.value)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.kind IN ('FunctionDef', 'AsyncFunctionDef', 'ClassDef', 'Lambda')
UNION ALL
SELECT codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), 'AST_CALL',
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, coalesce(n.name, n.kind), 'py_ast',
       jsonb_build_object('kind', n.kind, 'ast_id', n.ast_id, 'field_name', n.field_name, 'value', n.value)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.kind = 'Call'
UNION ALL
SELECT codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), 'AST_NODE',
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, coalesce(n.name, n.kind), 'py_ast',
       jsonb_build_object('kind', n.kind, 'ast_id', n.ast_id, 'field_name', n.field_name, 'value', n.value)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.kind NOT IN ('FunctionDef', 'AsyncFunctionDef', 'ClassDef', 'Lambda', 'Call')
UNION ALL
SELECT codecpg.stable_id('ts_node', f.file_id, n.node_id::text), 'TS_ERROR',
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, n.kind, 'treesitter',
       jsonb_build_object('node_id', n.node_id, 'field_name', n.field_name, 'is_named', n.is_named)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.is_error
UNION ALL
SELECT codecpg.stable_id('ts_node', f.file_id, n.node_id::text), 'TS_MISSING',
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, n.kind, 'treesitter',
       jsonb_build_object('node_id', n.node_id, 'field_name', n.field_name, 'is_named', n.is_named)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.is_missing AND NOT n.is_error
UNION ALL
SELECT codecpg.stable_id('ts_node', f.file_id, n.node_id::text), 'TS_NODE',
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, n.kind, 'treesitter',
       jsonb_build_object('node_id', n.node_id, 'field_name', n.field_name, 'is_named', n.is_named)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE NOT n.is_error AND NOT n.is_missing
-- symbol tables
UNION ALL
SELECT codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name, coalesce(b.lineno1, 0)::text),
       'SYM_SCOPE', f.repo, f.file_id, f.path, (b.span_hint).bstart, (b.span_hint).bend, b.name, 'symtable',
       jsonb_build_object('block_type', b.block_type, 'qualpath', b.qualpath, 'lineno1', b.lineno1)
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.blocks) b
UNION ALL
SELECT codecpg.stable_id('sym_symbol',
           codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name, coalesce(b.lineno1, 0)::text),
           s.name),
       'SYM_SYMBOL', f.repo, f.file_id, f.path, NULL, NULL, s.name, 'symtable',
       jsonb_build_object('is_local', s.is_local, 'is_global', s.is_global, 'is_declared_global', s.is_declared_global,
                          'is_parameter', s.is_parameter, 'is_imported', s.is_imported, 'is_assigned', s.is_assigned,
                          'is_referenced', s.is_referenced, 'is_free', s.is_free)
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.blocks) b CROSS JOIN LATERAL unnest(b.symbols) s
-- SCIP
UNION ALL
SELECT DISTINCT codecpg.stable_id('scip_index', p.repo, p.index_id), 'SCIP_INDEX', p.repo, NULL::text, NULL::text,
       NULL::integer, NULL::integer,
       p.index_id, 'scip', jsonb_build_object('tool', (p.metadata).tool_info.name, 'version', (p.metadata).tool_info.version)
  FROM codecpg.scip_index_v1 p
UNION ALL
SELECT codecpg.stable_id('scip_document', p.repo, p.index_id, d.relative_path), 'SCIP_DOCUMENT', p.repo, p.file_id,
       d.relative_path, NULL, NULL, d.relative_path, 'scip', jsonb_build_object('language', d.language)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
UNION ALL
SELECT codecpg.stable_id('scip_occurrence', p.repo, p.index_id, d.relative_path, o.ordinality::text), 'SCIP_OCCURRENCE',
       p.repo, p.file_id, d.relative_path, (o.range).bstart, (o.range).bend, o.symbol, 'scip',
       jsonb_build_object('symbol_roles', o.symbol_roles, 'range_raw', o.range_raw)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
UNION ALL
SELECT codecpg.stable_id('scip_diagnostic', p.repo, p.index_id, d.relative_path, o.ordinality::text, g.gord::text),
       'SCIP_DIAGNOSTIC', p.repo, p.file_id, d.relative_path, (o.range).bstart, (o.range).bend, g.message, 'scip',
       jsonb_build_object('severity', g.severity, 'code', g.code, 'source', g.source)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
 CROSS JOIN LATERAL unnest(o.diagnostics) WITH ORDINALITY g(severity, code, message, source, tags, gord)
UNION ALL
SELECT codecpg.stable_id('scip_symbol', s.repo, s.symbol), 'SCIP_SYMBOL', s.repo, NULL, NULL, NULL, NULL, s.symbol, 'scip',
       jsonb_build_object('display_name', max(s.display_name), 'kind', max(s.kind))
  FROM (SELECT p.repo, o.symbol, NULL::text AS display_name, NULL::integer AS kind
          FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d CROSS JOIN LATERAL unnest(d.occurrences) o
        UNION ALL
        SELECT p.repo, i.symbol, i.display_name, i.kind
          FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d CROSS JOIN LATERAL unnest(d.symbols) i
        UNION ALL
        SELECT p.repo, i.symbol, i.display_name, i.kind
          FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.external_symbols) i
        UNION ALL
        -- a relationship's target, which may be named nowhere else (the SCIP_SYMBOL_* edges end there)
        SELECT r.repo, r.related_symbol, NULL, NULL
          FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r) s
 WHERE s.symbol IS NOT NULL AND s.symbol <> ''
 GROUP BY s.repo, s.symbol
-- names known only as names: unresolved call targets and the CST's candidate names
UNION ALL
SELECT DISTINCT q.node_id, 'PY_QUALIFIED_NAME', q.repo, NULL::text, NULL::text, NULL::integer, NULL::integer, q.name,
       'derived', NULL::jsonb
  FROM (SELECT g.dst_node_id AS node_id, g.repo, g.dst_name AS name
          FROM codecpg.cpg_graph_v1 g WHERE g.dst_kind = 'PY_QUALIFIED_NAME'
        UNION ALL
        SELECT codecpg.stable_id('py_qname', f.repo, n), f.repo, n
          FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.callsites) c
         CROSS JOIN LATERAL unnest(c.callee_fqns) n) q
-- bytecode and control flow
UNION ALL
SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name), 'BC_CODE_UNIT',
       f.repo, f.file_id, f.path, (c.span).bstart, (c.span).bend, c.qualname, 'dis',
       jsonb_build_object('code_id', c.code_id, 'firstlineno1', c.firstlineno1, 'argcount', c.argcount,
                          'is_generator', c.is_generator, 'is_coroutine', c.is_coroutine)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c
UNION ALL
SELECT codecpg.stable_id('bc_instr', codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name),
                         i.instr_index::text, i.instr_offset::text),
       'BC_INSTR', f.repo, f.file_id, f.path, (i.span).bstart, (i.span).bend, i.opname, 'dis',
       jsonb_build_object('offset', i.instr_offset, 'argrepr', i.argrepr, 'line_number', i.line_number)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c CROSS JOIN LATERAL unnest(c.instructions) i
UNION ALL
SELECT codecpg.stable_id('bc_block', codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name),
                         b.start_offset::text, b.end_offset::text),
       'CFG_BLOCK', f.repo, f.file_id, f.path, NULL, NULL, b.kind, 'dis',
       jsonb_build_object('start_offset', b.start_offset, 'end_offset', b.end_offset)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c CROSS JOIN LATERAL unnest(c.blocks) b
UNION ALL
SELECT codecpg.stable_id('cfg_exit', codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name)),
       'CFG_EXIT', f.repo, f.file_id, f.path, NULL, NULL, c.qualname, 'dis', NULL
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c
-- diagnostics of every domain (tree-sitter's are its TS_ERROR/TS_MISSING nodes, SCIP's its SCIP_DIAGNOSTIC nodes)
UNION ALL
SELECT codecpg.stable_id('diag', e.file_id, e.domain, e.ord::text), 'DIAG', e.repo, e.file_id, e.path,
       e.bstart, e.bend, e.message, e.origin, jsonb_build_object('error_type', e.error_type, 'domain', e.domain)
  FROM codecpg.cpg_diagnostics() e;

CREATE VIEW codecpg.cpg_edges AS
SELECT coalesce(e.stored_id,
                codecpg.stable_id('edge', e.edge_kind, e.src_node_id, e.dst_node_id, coalesce(e.path, ''),
                                  coalesce(e.bstart::text, ''), coalesce(e.bend::text, ''))) AS edge_id,
       e.edge_kind, e.src_node_id, e.dst_node_id, e.repo, e.path, e.bstart, e.bend, e.edge_owner_file_id,
       e.origin, e.resolution_method, e.confidence, e.score, e.symbol_roles, e.rule_name
  FROM (
-- containment
SELECT NULL::text AS stored_id, 'REPO_CONTAINS'::text AS edge_kind, codecpg.stable_id('py_repo', f.repo) AS src_node_id,
       f.file_id AS dst_node_id, f.repo, f.path, NULL::integer AS bstart, NULL::integer AS bend,
       f.file_id AS edge_owner_file_id, 'derived'::text AS origin, 'structure'::text AS resolution_method,
       1.0::double precision AS confidence, 1.0::double precision AS score, NULL::integer AS symbol_roles,
       NULL::text AS rule_name
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT NULL, 'FILE_DECLARES_MODULE', f.file_id, codecpg.stable_id('py_module', f.file_id), f.repo, f.path, NULL, NULL,
       f.file_id, 'derived', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT NULL, 'FILE_DECLARES_MODULE', f.file_id, codecpg.stable_id('py_package', f.file_id), f.repo, f.path, NULL, NULL,
       f.file_id, 'derived', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.repo_files_v1 f
 WHERE f.path ~ '(^|/)__init__\.pyi?$'
UNION ALL
SELECT NULL, 'FILE_CONTAINS',
       CASE WHEN d.container_def_bstart IS NULL THEN codecpg.stable_id('py_module', f.file_id)
            ELSE codecpg.stable_id('cst_def', f.file_id, d.container_def_kind, d.container_def_bstart::text,
                                   d.container_def_bend::text) END,
       codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text),
       f.repo, f.path, d.def_bstart, d.def_bend, f.file_id, 'libcst', 'span_containment', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
-- CST parent/child
UNION ALL
SELECT NULL, 'CST_PARENT_OF', codecpg.stable_id('span', 'CST_IMPORT', f.path, i.stmt_bstart::text, i.stmt_bend::text),
       codecpg.stable_id('cst_import', f.file_id, i.kind, i.alias_bstart::text, i.alias_bend::text),
       f.repo, f.path, i.alias_bstart, i.alias_bend, f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.imports) i
UNION ALL
SELECT NULL, 'CST_PARENT_OF', codecpg.stable_id('cst_call', f.file_id, a.call_bstart::text, a.call_bend::text),
       codecpg.stable_id('span', 'CST_ARG', f.path, a.bstart::text, a.bend::text),
       f.repo, f.path, a.bstart, a.bend, f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f
 CROSS JOIN LATERAL (SELECT c.call_bstart, c.call_bend, a.bstart, a.bend
                       FROM unnest(f.callsites) c JOIN unnest(f.call_args) a ON a.call_id = c.call_id) a
UNION ALL
SELECT NULL, 'CST_PARENT_OF', codecpg.stable_id('cst_def', f.file_id, x.kind, x.def_bstart::text, x.def_bend::text),
       codecpg.stable_id('span', x.child_kind, f.path, x.bstart::text, x.bend::text),
       f.repo, f.path, x.bstart, x.bend, f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f
 CROSS JOIN LATERAL (SELECT d.kind, d.def_bstart, d.def_bend, 'CST_DECORATOR' AS child_kind, x.bstart, x.bend
                       FROM unnest(f.decorators) x JOIN unnest(f.defs) d ON d.def_id = x.owner_def_id
                     UNION ALL
                     SELECT d.kind, d.def_bstart, d.def_bend, 'CST_DOCSTRING', x.bstart, x.bend
                       FROM unnest(f.docstrings) x JOIN unnest(f.defs) d ON d.def_id = x.owner_def_id) x
UNION ALL
SELECT NULL, 'CST_PARENT_OF', codecpg.stable_id('py_module', f.file_id),
       codecpg.stable_id('span', 'CST_DOCSTRING', f.path, x.bstart::text, x.bend::text),
       f.repo, f.path, x.bstart, x.bend, f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.docstrings) x
 WHERE x.owner_def_id IS NULL
UNION ALL
SELECT NULL, 'CST_PARENT_OF', codecpg.stable_id('cst_def', f.file_id, p.kind, p.def_bstart::text, p.def_bend::text),
       codecpg.stable_id('span', 'CST_PARAM', f.path, p.bstart::text, p.bend::text),
       f.repo, f.path, p.bstart, p.bend, f.file_id, 'treesitter', 'span_containment', 1.0, 1.0, NULL, NULL
  FROM codecpg.tree_sitter_files_v1 f
  JOIN codecpg.libcst_files_v1 l ON l.repo = f.repo AND l.file_id = f.file_id
 CROSS JOIN LATERAL (
     SELECT d.kind, d.def_bstart, d.def_bend, (c.span).bstart, (c.span).bend
       FROM unnest(f.nodes) c
       JOIN unnest(f.nodes) pl ON pl.node_id = c.parent_id AND pl.kind IN ('parameters', 'lambda_parameters')
       JOIN unnest(f.nodes) o ON o.node_id = pl.parent_id
       JOIN unnest(l.defs) d ON d.def_bend = (o.span).bend
                            AND (d.name_bstart IS NULL AND d.def_bstart = (o.span).bstart
                                 OR d.name_bstart >= (o.span).bstart AND d.name_bend <= (pl.span).bstart)
      WHERE c.is_named AND c.kind <> 'comment') p
-- syntax trees
UNION ALL
SELECT NULL, 'AST_PARENT_OF', codecpg.stable_id('ast_node', f.file_id, n.parent_ast_id::text),
       codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), f.repo, f.path, (n.span).bstart, (n.span).bend,
       f.file_id, 'py_ast', 'syntax', 1.0, 1.0, NULL, n.field_name
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.parent_ast_id IS NOT NULL
UNION ALL
SELECT NULL, 'TS_PARENT_OF', codecpg.stable_id('ts_node', f.file_id, n.parent_id::text),
       codecpg.stable_id('ts_node', f.file_id, n.node_id::text), f.repo, f.path, (n.span).bstart, (n.span).bend,
       f.file_id, 'treesitter', 'syntax', 1.0, 1.0, NULL, n.field_name
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.parent_id IS NOT NULL
-- symbol tables
UNION ALL
SELECT NULL, 'SCOPE_PARENT', x.child_id, x.parent_id, f.repo, f.path, NULL, NULL, f.file_id, 'symtable', 'structure',
       1.0, 1.0, NULL, NULL
  FROM codecpg.symtable_files_v1 f
 CROSS JOIN LATERAL (
     SELECT codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name, coalesce(b.lineno1, 0)::text),
            codecpg.stable_id('sym_scope', f.file_id, p.block_id::text, p.block_type, p.name, coalesce(p.lineno1, 0)::text)
       FROM unnest(f.blocks) b JOIN unnest(f.blocks) p ON p.block_id = b.parent_block_id) x(child_id, parent_id)
UNION ALL
SELECT NULL, 'SCOPE_BINDS', x.scope_id, codecpg.stable_id('sym_symbol', x.scope_id, s.name),
       f.repo, f.path, NULL, NULL, f.file_id, 'symtable', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.blocks) b
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name,
                                              coalesce(b.lineno1, 0)::text) AS scope_id) x
 CROSS JOIN LATERAL unnest(b.symbols) s
-- the CST's own candidate names for callees
UNION ALL
SELECT NULL, 'CALLSITE_CANDIDATE_QNAME', codecpg.stable_id('cst_call', f.file_id, c.call_bstart::text, c.call_bend::text),
       codecpg.stable_id('py_qname', f.repo, n), f.repo, f.path, c.callee_bstart, c.callee_bend, f.file_id,
       'libcst', 'file_scope', 0.5, 0.5, NULL, NULL
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.callsites) c CROSS JOIN LATERAL unnest(c.callee_fqns) n
-- annotations
UNION ALL
SELECT NULL, 'HAS_ANNOTATION',
       CASE WHEN t.owner_def_kind IS NULL THEN codecpg.stable_id('py_module', f.file_id)
            ELSE codecpg.stable_id('cst_def', f.file_id, t.owner_def_kind, t.owner_def_bstart::text, t.owner_def_bend::text) END,
       codecpg.stable_id('span', 'TYPE_EXPR', f.path, t.bstart::text, t.bend::text), f.repo, f.path, t.bstart, t.bend,
       f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, t.expr_role
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.type_exprs) t
-- SCIP: role bits of occurrences, and of the CST nodes at exactly their spans
UNION ALL
SELECT DISTINCT NULL, 'PY_DEFINES_SYMBOL', m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p) m WHERE m.symbol_roles & 1 <> 0
UNION ALL
SELECT DISTINCT NULL, 'PY_IMPORTS_SYMBOL', m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p) m WHERE m.symbol_roles & 2 <> 0
UNION ALL
SELECT DISTINCT NULL, 'PY_WRITES_SYMBOL', m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p) m WHERE m.symbol_roles & 4 <> 0
UNION ALL
SELECT DISTINCT NULL, 'PY_READS_SYMBOL', m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p) m WHERE m.symbol_roles & 8 <> 0
UNION ALL
SELECT DISTINCT NULL, 'PY_REFERENCES_SYMBOL', m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p) m WHERE m.symbol_roles & 15 = 0
UNION ALL
SELECT NULL, 'SCIP_CONTAINS', codecpg.stable_id('scip_index', p.repo, p.index_id),
       codecpg.stable_id('scip_document', p.repo, p.index_id, d.relative_path), p.repo, d.relative_path, NULL, NULL,
       p.file_id, 'scip', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
UNION ALL
SELECT NULL, 'SCIP_CONTAINS', codecpg.stable_id('scip_document', p.repo, p.index_id, d.relative_path),
       codecpg.stable_id('scip_occurrence', p.repo, p.index_id, d.relative_path, o.ordinality::text), p.repo,
       d.relative_path, (o.range).bstart, (o.range).bend, p.file_id, 'scip', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
UNION ALL
SELECT DISTINCT NULL, 'SCIP_SYMBOL_REFERENCE', codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), r.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0, 1.0, NULL::integer, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_reference
UNION ALL
SELECT DISTINCT NULL, 'SCIP_SYMBOL_IMPLEMENTATION', codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), r.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0, 1.0, NULL::integer, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_implementation
UNION ALL
SELECT DISTINCT NULL, 'SCIP_SYMBOL_TYPE_DEFINITION', codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), r.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0, 1.0, NULL::integer, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_type_definition
UNION ALL
SELECT DISTINCT NULL, 'SCIP_SYMBOL_DEFINITION', codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), r.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0, 1.0, NULL::integer, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_definition
-- resolved calls, imports, bases and callsite containment (codecpg.cpg_refresh)
UNION ALL
SELECT g.edge_id, g.edge_kind, g.src_node_id, g.dst_node_id, g.repo, g.path, g.bstart, g.bend, g.file_id,
       g.origin, g.resolution_method, g.confidence, g.score, g.symbol_roles, g.rule_name
  FROM codecpg.cpg_graph_v1 g
-- bytecode: code units anchored to their definitions, containment, control flow
UNION ALL
SELECT NULL, 'BYTECODE_ANCHOR', u.unit_id, u.anchor_id, f.repo, f.path, u.bstart, u.bend, f.file_id,
       'dis', u.method, 1.0, 1.0, NULL, NULL
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_bc_anchors(f) u
UNION ALL
SELECT NULL, 'BC_CONTAINS', x.parent_id, x.child_id, f.repo, f.path, x.bstart, x.bend, f.file_id, 'dis', 'structure',
       1.0, 1.0, NULL, NULL
  FROM codecpg.bytecode_files_v1 f
 CROSS JOIN LATERAL (
     SELECT codecpg.stable_id('bc_code', f.file_id, p.qualname, p.firstlineno1::text, p.name),
            codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name), (c.span).bstart, (c.span).bend
       FROM unnest(f.code_objects) c JOIN unnest(f.code_objects) p ON p.code_id = c.parent_code_id)
     x(parent_id, child_id, bstart, bend)
UNION ALL
SELECT NULL, 'BC_CONTAINS', u.unit_id,
       codecpg.stable_id('bc_block', u.unit_id, b.start_offset::text, b.end_offset::text), f.repo, f.path, NULL, NULL,
       f.file_id, 'dis', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
 CROSS JOIN LATERAL unnest(c.blocks) b
UNION ALL
SELECT NULL, 'BC_CONTAINS', u.unit_id,
       codecpg.stable_id('bc_instr', u.unit_id, i.instr_index::text, i.instr_offset::text), f.repo, f.path,
       (i.span).bstart, (i.span).bend, f.file_id, 'dis', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
 CROSS JOIN LATERAL unnest(c.instructions) i
UNION ALL
SELECT NULL, 'CFG_NEXT', x.src_node_id, x.dst_node_id, f.repo, f.path, NULL, NULL, f.file_id, 'dis', 'cfg', 1.0, 1.0, NULL, x.kind
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_cfg_edges(f) x WHERE x.kind IN ('next', 'exit')
UNION ALL
SELECT NULL, 'CFG_JUMP', x.src_node_id, x.dst_node_id, f.repo, f.path, NULL, NULL, f.file_id, 'dis', 'cfg', 1.0, 1.0, NULL, x.kind
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_cfg_edges(f) x WHERE x.kind = 'jump'
UNION ALL
SELECT NULL, 'CFG_BRANCH', x.src_node_id, x.dst_node_id, f.repo, f.path, NULL, NULL, f.file_id, 'dis', 'cfg', 1.0, 1.0, NULL, x.kind
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_cfg_edges(f) x WHERE x.kind = 'branch'
UNION ALL
SELECT NULL, 'CFG_EXC', x.src_node_id, x.dst_node_id, f.repo, f.path, NULL, NULL, f.file_id, 'dis', 'cfg', 1.0, 1.0, NULL, x.kind
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_cfg_edges(f) x WHERE x.kind = 'exc'
-- diagnostics
UNION ALL
SELECT NULL, 'HAS_DIAGNOSTIC', f.file_id, codecpg.stable_id('ts_node', f.file_id, x.node_id::text), f.repo, f.path,
       (x.span).bstart, (x.span).bend, f.file_id, 'treesitter', 'structure', 1.0, 1.0, NULL, 'TS_ERROR'
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.errors) x
UNION ALL
SELECT NULL, 'HAS_DIAGNOSTIC', f.file_id, codecpg.stable_id('ts_node', f.file_id, x.node_id::text), f.repo, f.path,
       (x.span).bstart, (x.span).bend, f.file_id, 'treesitter', 'structure', 1.0, 1.0, NULL, 'TS_MISSING'
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.missing) x
UNION ALL
SELECT NULL, 'HAS_DIAGNOSTIC', x.file_id, codecpg.stable_id('diag', x.file_id, x.domain, x.ord::text), x.repo, x.path,
       x.bstart, x.bend, x.file_id, x.origin, 'structure', 1.0, 1.0, NULL, 'DIAG'
  FROM codecpg.cpg_diagnostics() x
UNION ALL
SELECT NULL, 'HAS_DIAGNOSTIC', codecpg.stable_id('scip_occurrence', p.repo, p.index_id, d.relative_path, o.ordinality::text),
       codecpg.stable_id('scip_diagnostic', p.repo, p.index_id, d.relative_path, o.ordinality::text, g.ordinality::text),
       p.repo, d.relative_path, (o.range).bstart, (o.range).bend, p.file_id, 'scip', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
 CROSS JOIN LATERAL unnest(o.diagnostics) WITH ORDINALITY g
) e;

COMMENT ON VIEW codecpg.cpg_nodes IS
  'The nodes of the code property graph, derived from every domain''s stored facts (ids from codecpg.stable_id, never stored per element). Kinds: PY_REPO, PY_FILE, PY_MODULE, PY_PACKAGE; CST_CLASS_DEF, CST_FUNCTION_DEF, CST_LAMBDA (CST_DEF for any other definition kind), CST_PARAM, CST_DECORATOR, CST_IMPORT, CST_IMPORT_ALIAS, CST_NAME_REF, CST_ATTRIBUTE_ACCESS, CST_REF, CST_CALLSITE, CST_ARG, CST_DOCSTRING, TYPE_EXPR; AST_NODE, AST_DEF, AST_CALL; TS_NODE, TS_ERROR, TS_MISSING; SYM_SCOPE, SYM_SYMBOL; SCIP_INDEX, SCIP_DOCUMENT, SCIP_OCCURRENCE, SCIP_SYMBOL, SCIP_DIAGNOSTIC; PY_QUALIFIED_NAME; BC_CODE_UNIT, BC_INSTR, CFG_BLOCK, CFG_EXIT; DIAG. See docs/cpg.md.';
SELECT codecpg.comment_attributes('codecpg.cpg_nodes', ARRAY[
  ['node_id',   'Stable node id "<prefix>:<32 hex>" (codecpg.stable_id); recipes in docs/cpg.md, e.g. cst_def (file_id, kind, def_bstart, def_bend), cst_call (file_id, call_bstart, call_bend), span (kind, path, bstart, bend).'],
  ['node_kind', 'Kind of the node (see COMMENT ON VIEW).'],
  ['repo',      'Repository name.'],
  ['file_id',   'File of the node, or NULL for repository-level nodes (repository, SCIP index and symbols, qualified names).'],
  ['path',      'File path of the node (the document path for SCIP nodes), or NULL.'],
  ['bstart',    'First byte of the node''s span in the file''s UTF-8 source, or NULL when it has none.'],
  ['bend',      'Byte past the node''s span, or NULL.'],
  ['name',      'A readable label: the defined or referenced name, module name, callee text, node type, opname, SCIP symbol, message.'],
  ['origin',    'Domain the node comes from: libcst, py_ast, symtable, dis, scip, treesitter or derived.'],
  ['props',     'Further properties of the node (jsonb), domain-specific; NULL when there are none.']
]);

COMMENT ON VIEW codecpg.cpg_edges IS
  'The edges of the code property graph over every domain: containment (REPO_CONTAINS, FILE_DECLARES_MODULE, FILE_CONTAINS, BC_CONTAINS, SCIP_CONTAINS), trees (CST_PARENT_OF, AST_PARENT_OF, TS_PARENT_OF), scopes (SCOPE_PARENT, SCOPE_BINDS), SCIP role bits and relationships (PY_DEFINES/IMPORTS/WRITES/READS/REFERENCES_SYMBOL, SCIP_SYMBOL_REFERENCE/IMPLEMENTATION/TYPE_DEFINITION/DEFINITION), resolution (PY_CALLS_SYMBOL, PY_CALLS_QNAME, BINDING_RESOLVES_TO, CLASS_INHERITS, CALLSITE_CANDIDATE_QNAME), HAS_ANNOTATION, BYTECODE_ANCHOR, control flow (CFG_NEXT, CFG_JUMP, CFG_BRANCH, CFG_EXC) and HAS_DIAGNOSTIC. Resolution edges come from codecpg.cpg_refresh. Unique on (edge_kind, src, dst, path, bstart, bend). See docs/cpg.md.';
SELECT codecpg.comment_attributes('codecpg.cpg_edges', ARRAY[
  ['edge_id',            'Stable edge id: codecpg.stable_id(''edge'', edge_kind, src_node_id, dst_node_id, path, bstart, bend), absent span parts as empty strings.'],
  ['edge_kind',          'Kind of the edge (see COMMENT ON VIEW).'],
  ['src_node_id',        'Source node (cpg_nodes.node_id).'],
  ['dst_node_id',        'Destination node (cpg_nodes.node_id).'],
  ['repo',               'Repository name.'],
  ['path',               'File of the evidence, or NULL.'],
  ['bstart',             'First byte of the evidence in that file, or NULL.'],
  ['bend',               'Byte past the evidence, or NULL.'],
  ['edge_owner_file_id', 'File the edge belongs to: re-extracting or deleting that file replaces the edge.'],
  ['origin',             'Domain of the evidence: libcst, py_ast, symtable, dis, scip, treesitter or derived (codecpg''s own resolution).'],
  ['resolution_method',  'How the edge was established: structure, syntax, span_containment, scip_span_exact, scip_occurrence, relationship, name_resolution, file_scope, unresolved, cfg, module or qualname_order.'],
  ['confidence',         '1.0 for facts and SCIP span-exact matches; 0.5 for codecpg''s own name resolution and for the CST''s in-file candidates.'],
  ['score',              'confidence divided by the number of alternative targets of the same evidence; the best score is kept when an edge is found twice.'],
  ['symbol_roles',       'SCIP role bits (DEFINITION=1, IMPORT=2, WRITE=4, READ=8, ...) of the occurrence behind the edge, else NULL.'],
  ['rule_name',          'The rule or detail behind the edge: resolution steps of a call (see cpg_graph_v1.rule_name), the field name of a tree edge, the annotation role, the CFG edge kind.']
]);

CREATE FUNCTION codecpg.cpg_callers(repo text, fqn text, max_depth integer DEFAULT 1)
RETURNS TABLE (caller text, depth integer, caller_node_id text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  WITH RECURSIVE up(node_id, depth) AS (
      SELECT s.node_id, 0 FROM codecpg.cpg_scopes_v1 s
       WHERE s.repo = cpg_callers.repo AND s.fqn = cpg_callers.fqn
    UNION
      SELECT g.src_scope_node_id, up.depth + 1
        FROM up
        JOIN codecpg.cpg_graph_v1 g ON g.dst_node_id = up.node_id AND g.edge_kind IN ('PY_CALLS_SYMBOL', 'PY_CALLS_QNAME')
       WHERE g.repo = cpg_callers.repo AND up.depth < max_depth
  )
  SELECT s.fqn, min(up.depth), s.node_id
    FROM up JOIN codecpg.cpg_scopes_v1 s ON s.repo = cpg_callers.repo AND s.node_id = up.node_id
   WHERE up.depth > 0
   GROUP BY s.fqn, s.node_id
   ORDER BY 2, 1;
END;
COMMENT ON FUNCTION codecpg.cpg_callers(text, text, integer) IS
  'Who calls a function (qualified name as in cpg_call_graph), transitively up to max_depth calls away: each caller once, at its shortest distance. Follows the indexed call edges of cpg_graph_v1; cycles end at max_depth.';

CREATE FUNCTION codecpg.cpg_callees(repo text, fqn text, max_depth integer DEFAULT 1)
RETURNS TABLE (callee text, depth integer, callee_node_id text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  WITH RECURSIVE down(node_id, depth) AS (
      SELECT s.node_id, 0 FROM codecpg.cpg_scopes_v1 s
       WHERE s.repo = cpg_callees.repo AND s.fqn = cpg_callees.fqn
    UNION
      SELECT g.dst_node_id, down.depth + 1
        FROM down
        JOIN codecpg.cpg_graph_v1 g ON g.src_scope_node_id = down.node_id AND g.edge_kind IN ('PY_CALLS_SYMBOL', 'PY_CALLS_QNAME')
       WHERE g.repo = cpg_callees.repo AND down.depth < max_depth
  )
  SELECT coalesce(s.fqn, q.dst_name), min(down.depth), down.node_id
    FROM down
    LEFT JOIN codecpg.cpg_scopes_v1 s ON s.repo = cpg_callees.repo AND s.node_id = down.node_id
    LEFT JOIN LATERAL (SELECT g.dst_name FROM codecpg.cpg_graph_v1 g
                        WHERE g.dst_node_id = down.node_id AND s.node_id IS NULL LIMIT 1) q ON true
   WHERE down.depth > 0
   GROUP BY 1, down.node_id
   ORDER BY 2, 1;
END;
COMMENT ON FUNCTION codecpg.cpg_callees(text, text, integer) IS
  'What a function calls (qualified name as in cpg_call_graph), transitively up to max_depth calls away: definitions by qualified name, unresolved targets by their dotted name (they have no callees of their own).';

-- Pictures: Graphviz DOT -------------------------------------------------------------------

CREATE FUNCTION codecpg.cpg_dot_quote(label text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN '"' || pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
         label, E'\\', E'\\\\'), '"', E'\\"'), E'\r', ''), E'\n', E'\\n') || '"';
COMMENT ON FUNCTION codecpg.cpg_dot_quote(text) IS
  'A Graphviz DOT quoted string of a label: backslashes and double quotes escaped, line breaks as \n.';

CREATE FUNCTION codecpg.cpg_dot_call_graph(repo text, fqn text, depth integer DEFAULT 2)
RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  WITH RECURSIVE cg AS (
      SELECT g.caller, g.callee, g.call_kind, g.sites FROM codecpg.cpg_call_graph(repo) g
  ), near(name, dist) AS (
      SELECT cpg_dot_call_graph.fqn, 0
    UNION
      SELECT CASE WHEN cg.caller = n.name THEN cg.callee ELSE cg.caller END, n.dist + 1
        FROM near n JOIN cg ON n.name IN (cg.caller, cg.callee)
       WHERE n.dist < depth
  ), nodes AS (
      SELECT n.name, min(n.dist) AS dist FROM near n GROUP BY n.name
  )
  SELECT 'digraph calls {' || E'\n'
         || '  rankdir=LR;' || E'\n'
         || '  node [shape=box, fontname="Helvetica", fontsize=10];' || E'\n'
         || coalesce((SELECT string_agg('  ' || codecpg.cpg_dot_quote(n.name)
                                        || CASE WHEN n.dist = 0 THEN ' [style=filled, fillcolor="#ffe08a"]' ELSE '' END
                                        || ';', E'\n' ORDER BY n.name) FROM nodes n) || E'\n', '')
         || coalesce((SELECT string_agg('  ' || codecpg.cpg_dot_quote(cg.caller) || ' -> ' || codecpg.cpg_dot_quote(cg.callee)
                                        || CASE WHEN cg.call_kind = 'decorator' THEN ' [style=dashed, label="@"]'
                                                WHEN cg.sites > 1 THEN ' [label="' || cg.sites || '"]' ELSE '' END
                                        || ';', E'\n' ORDER BY cg.caller, cg.callee, cg.call_kind)
                        FROM cg
                       WHERE cg.caller IN (SELECT n.name FROM nodes n) AND cg.callee IN (SELECT n.name FROM nodes n)) || E'\n', '')
         || '}' || E'\n';
END;
COMMENT ON FUNCTION codecpg.cpg_dot_call_graph(text, text, integer) IS
  'Graphviz DOT of the call graph around a function (qualified name as in cpg_call_graph): every definition within depth calls of it, callers and callees, with the calls between them; decorator applications dashed, several sites counted.';

CREATE FUNCTION codecpg.cpg_imports(repo text)
RETURNS TABLE (importer text, imported text, in_repo boolean, path text, bstart integer, bend integer)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  WITH mods AS (
      SELECT DISTINCT codecpg.cpg_module_name(f.path) AS m FROM codecpg.repo_files_v1 f WHERE f.repo = cpg_imports.repo
  ), imp AS (
      SELECT f.path, codecpg.cpg_module_name(f.path) AS importer, i.alias_bstart, i.alias_bend,
             CASE WHEN i.kind = 'IMPORT' THEN i.name
                  ELSE codecpg.cpg_import_base(codecpg.cpg_module_name(f.path), f.path ~ '(^|/)__init__\.pyi?$',
                                               i.relative_level, i.module) END AS base,
             CASE WHEN i.kind = 'IMPORT' OR i.is_star THEN NULL ELSE i.name END AS name
        FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.imports) i
       WHERE f.repo = cpg_imports.repo
  )
  SELECT imp.importer, coalesce(m.m, imp.base), m.m IS NOT NULL, imp.path, imp.alias_bstart, imp.alias_bend
    FROM imp
    LEFT JOIN LATERAL (
        SELECT mods.m FROM mods
         WHERE concat_ws('.', imp.base, imp.name) = mods.m
            OR left(concat_ws('.', imp.base, imp.name), length(mods.m) + 1) = mods.m || '.'
         ORDER BY length(mods.m) DESC LIMIT 1) m ON true
   WHERE imp.base IS NOT NULL;
END;
COMMENT ON FUNCTION codecpg.cpg_imports(text) IS
  'The import graph of a repository, one row per imported name: the importing module, the module it imports from (the longest module of the repository that the imported name starts with: "from .models import User" imports from pkg.models, "from pkg import sub" from pkg.sub when it is a module), whether that module is in the repository (else the statement''s module, e.g. os.path), and the alias''s span.';

CREATE FUNCTION codecpg.cpg_dot_imports(repo text, package text)
RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  WITH imp AS (
      SELECT DISTINCT i.importer, i.imported, i.in_repo
        FROM codecpg.cpg_imports(repo) i
       WHERE (i.importer = package OR left(i.importer, length(package) + 1) = package || '.')
         AND i.importer <> i.imported
  )
  SELECT 'digraph imports {' || E'\n'
         || '  node [shape=box, fontname="Helvetica", fontsize=10];' || E'\n'
         || coalesce((SELECT string_agg('  ' || codecpg.cpg_dot_quote(m.name)
                                        || CASE WHEN m.in_repo THEN '' ELSE ' [style=dashed]' END || ';',
                                        E'\n' ORDER BY m.name)
                        FROM (SELECT i.importer AS name, true AS in_repo FROM imp i
                              UNION SELECT i.imported, i.in_repo FROM imp i) m) || E'\n', '')
         || coalesce((SELECT string_agg('  ' || codecpg.cpg_dot_quote(i.importer) || ' -> ' || codecpg.cpg_dot_quote(i.imported) || ';',
                                        E'\n' ORDER BY i.importer, i.imported)
                        FROM imp i) || E'\n', '')
         || '}' || E'\n';
END;
COMMENT ON FUNCTION codecpg.cpg_dot_imports(text, text) IS
  'Graphviz DOT of the import graph of a package (a dotted module name and its submodules), from codecpg.cpg_imports: an edge from each importing module to each module it imports from; modules outside the repository dashed.';

CREATE FUNCTION codecpg.cpg_dot_cfg(repo text, fqn text)
RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  WITH unit AS (
      SELECT f, c
        FROM codecpg.cpg_scopes_v1 s
        JOIN codecpg.bytecode_files_v1 f ON f.repo = s.repo AND f.file_id = s.file_id
       CROSS JOIN LATERAL codecpg.cpg_bc_anchors(f) a
       CROSS JOIN LATERAL unnest(f.code_objects) c
       WHERE s.repo = cpg_dot_cfg.repo AND s.fqn = cpg_dot_cfg.fqn AND a.anchor_id = s.node_id
         AND a.unit_id = codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name)
       LIMIT 1
  ), blocks AS (
      SELECT (u.c).qualname AS qualname, b.start_offset, b.end_offset, b.kind,
             (SELECT string_agg(i.instr_offset || ' ' || i.opname || coalesce(' ' || nullif(i.argrepr, ''), ''),
                                E'\n' ORDER BY i.instr_offset)
                FROM unnest((u.c).instructions) i
               WHERE i.instr_offset >= b.start_offset AND i.instr_offset < b.end_offset) AS body
        FROM unit u CROSS JOIN LATERAL unnest((u.c).blocks) b
  ), edges AS (
      SELECT e.src_block_start, e.dst_block_start, e.kind FROM unit u CROSS JOIN LATERAL unnest((u.c).cfg_edges) e
  )
  SELECT 'digraph cfg {' || E'\n'
         || '  node [shape=box, fontname="Courier", fontsize=9];' || E'\n'
         || coalesce('  label=' || codecpg.cpg_dot_quote((SELECT min(b.qualname) FROM blocks b)) || ';' || E'\n', '')
         || coalesce((SELECT string_agg('  b' || b.start_offset || ' [label=' || codecpg.cpg_dot_quote(coalesce(b.body, '')) || ']'
                                        || CASE b.kind WHEN 'handler' THEN ' [style=dashed]' WHEN 'entry' THEN ' [penwidth=2]' ELSE '' END
                                        || ';', E'\n' ORDER BY b.start_offset) FROM blocks b) || E'\n', '')
         || coalesce((SELECT '  exit [shape=doublecircle, label="exit"];' || E'\n'
                             || string_agg('  b' || b.start_offset || ' -> exit;', E'\n' ORDER BY b.start_offset)
                        FROM blocks b
                       WHERE NOT EXISTS (SELECT 1 FROM edges e WHERE e.src_block_start = b.start_offset)) || E'\n', '')
         || coalesce((SELECT string_agg('  b' || e.src_block_start || ' -> b' || e.dst_block_start
                                        || ' [label=' || codecpg.cpg_dot_quote(e.kind) || CASE e.kind WHEN 'exc' THEN ', style=dashed' ELSE '' END || ']'
                                        || ';', E'\n' ORDER BY e.src_block_start, e.dst_block_start, e.kind) FROM edges e) || E'\n', '')
         || '}' || E'\n';
END;
COMMENT ON FUNCTION codecpg.cpg_dot_cfg(text, text) IS
  'Graphviz DOT of the control-flow graph of a function, class body or module (qualified name as in cpg_scopes_v1.fqn): its basic blocks with their instructions, next/jump/branch/exc edges and an exit node. Needs the bytecode extractor and codecpg.cpg_refresh.';
