-- codecpg install script, part 62: bytecode_files_v1, one row of code objects (part 61)
-- per file, and its row type.

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
