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
                                          'symlink_loop', 'symlink_outside', 'extractor_error')),
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
  ['path',    'File (or directory, for symlink_loop and symlink_outside) path relative to the root.'],
  ['domain',  'Extraction domain that reported it (tree_sitter, libcst, ast, symtable, bytecode); NULL for ingestion problems.'],
  ['kind',    'syntax, encoding, size_limit, unreadable, nul_byte, symlink_loop, symlink_outside or extractor_error.'],
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
