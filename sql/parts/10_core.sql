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

CREATE FUNCTION codecpg.span_from_bytes(source text, bstart integer, bend integer)
RETURNS codecpg.span
AS 'MODULE_PATHNAME', 'cpg_span_from_bytes'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.span_from_bytes(text, integer, integer) IS
  'The span of a byte range of a source text: lines are 0-based (\n, \r\n and \r end a line), columns are bytes.';
