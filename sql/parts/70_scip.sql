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
