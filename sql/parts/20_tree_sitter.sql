-- codecpg install script, part 20: tree_sitter_files_v1, the concrete syntax tree (the node
-- is in 19_tree_sitter_node.sql).

CREATE TYPE codecpg.ts_error AS (
    error_id integer,
    node_id  integer,
    span     codecpg.span,
    attrs    jsonb
);
COMMENT ON TYPE codecpg.ts_error IS 'An ERROR node of the tree-sitter tree.';
SELECT codecpg.comment_attributes('codecpg.ts_error', ARRAY[
  ['error_id', 'Ordinal of the error in the file, 0-based.'],
  ['node_id',  'The ERROR node: its node_id, the 0-based position in the file''s nodes.'],
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
  ['node_id',    'The MISSING node: its node_id, the 0-based position in the file''s nodes.'],
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
    attrs       jsonb,
    line_starts integer[]
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
  ['attrs',       'Grammar name, version and ABI (jsonb).'],
  ['line_starts', 'Byte offset at which each line of the source starts (\n, \r\n and a lone \r end a line), 0 first: the lines and columns of the nodes derive from it.']
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
