-- codecpg install script, part 70: scip_index_v1, SCIP indexes (scip-python).
-- An index is stored in parts so that no single value grows with the project:
-- one part per document (linked to its repo_files_v1 row when the path matches) and
-- bounded chunks of index-level and external symbols. "range" lists stay raw
-- (range_raw) beside the converted span.

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
  ['range',                  'The range in the span ABI: 0-based lines, the producer''s columns, byte offsets into the file''s UTF-8 source (NULL when the file is not in repo_files_v1).'],
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
  ['attrs',             'How columns were interpreted for byte spans (jsonb).']
]);

CREATE TYPE codecpg.scip_index AS (
    repo             text,
    index_id         text,
    part_no          integer,
    file_id          text,
    metadata         codecpg.scip_metadata,
    documents        codecpg.scip_document[],
    symbols          codecpg.scip_symbol_info[],
    external_symbols codecpg.scip_symbol_info[],
    attrs            jsonb
);
COMMENT ON TYPE codecpg.scip_index IS
  'One part of a SCIP index: a document, or a chunk of symbols. Row type of codecpg.scip_index_v1.';
SELECT codecpg.comment_attributes('codecpg.scip_index', ARRAY[
  ['repo',             'Repository name.'],
  ['index_id',         'Identity of the loaded index within the repository.'],
  ['part_no',          'Part number within the index, 0-based.'],
  ['file_id',          'For a document part: the repo_files_v1 file of the document, when its path is indexed; else NULL.'],
  ['metadata',         'Index.metadata (field 1), repeated on every part.'],
  ['documents',        'Index.documents (field 2) stored in this part (at most one).'],
  ['symbols',          'Index-level symbol information stored in this part (merged from the documents'' symbols where a producer emits them there).'],
  ['external_symbols', 'Index.external_symbols (field 3) stored in this part.'],
  ['attrs',            'Source (file, format), load time and part layout (jsonb).']
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
-- Indexed data is user data: pg_dump must dump its rows.
SELECT pg_catalog.pg_extension_config_dump('codecpg.scip_index_v1', '');
