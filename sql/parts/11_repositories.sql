-- codecpg install script, part 11: repositories, and put_file, which stores a file in one.
-- A part of its own because the upgrade from 0.1.0 runs this same text
-- (sql/updates/0.1.0--0.2.0/05_repositories.sql links here): 0.1.0 has no repositories
-- table, and put_file is CREATE OR REPLACE so that it both installs and replaces the
-- 0.1.0 function.

-- What a repository is as a whole. Module names depend on where the repository's files
-- sit on sys.path, which no single file says: an index run records it here (detected, or
-- given as options), and extraction and the call-graph resolver read it.
CREATE TABLE codecpg.repositories (
    repo         text PRIMARY KEY,
    root_package text NOT NULL DEFAULT '',
    source_root  text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now(),
    owner        name NOT NULL DEFAULT current_user
);
COMMENT ON TABLE codecpg.repositories IS
  'One row per repository: created by the first index run or put_file of the repository, with the repository-wide settings that file facts depend on and the role that owns it.';
SELECT codecpg.comment_attributes('codecpg.repositories', ARRAY[
  ['repo',         'Repository name, as in every other table.'],
  ['root_package', 'Dotted package name of the indexed root directory itself when it is a package (a root holding __init__.py indexed from .../django is "django"); empty when the root is a sys.path entry.'],
  ['source_root',  'Directory under the root that is a sys.path entry (a src layout: "src"); files under it are named relative to it. Empty when none.'],
  ['created_at',   'When the repository was first indexed.'],
  ['owner',        'Role that owns the repository: the role that created it. Only roles with its privileges (its members) and superusers may store, replace or delete the repository''s rows (codecpg.alter_repository_owner transfers it).']
]);
SELECT pg_catalog.pg_extension_config_dump('codecpg.repositories', '');

CREATE OR REPLACE FUNCTION codecpg.put_file(repo text, path text, source text, encoding text DEFAULT 'utf-8')
RETURNS text
LANGUAGE plpgsql
SET search_path = pg_catalog
AS $$
DECLARE
    new_sha text := encode(sha256(convert_to(source, 'UTF8')), 'hex');
    id text := codecpg.file_id(repo, path);
    old_sha text;
BEGIN
    IF repo = '' THEN
        RAISE EXCEPTION 'repository name must not be empty' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- An empty, "." or ".." name (a leading "/" gives an empty one): the same rule as put_file_bytes.
    IF path ~ '(^|/)\.{0,2}(/|$)' THEN
        RAISE EXCEPTION 'invalid file path "%"', path
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A path must be relative to the repository root, with "/" between names and no empty, "." or ".." name.';
    END IF;
    SELECT f.file_sha256 INTO old_sha FROM codecpg.repo_files_v1 f WHERE f.repo = put_file.repo AND f.file_id = id;
    IF old_sha = new_sha THEN
        RETURN id;
    END IF;
    -- Changed content: the old snapshot and every fact extracted from it go together.
    DELETE FROM codecpg.repo_files_v1 f WHERE f.repo = put_file.repo AND f.file_id = id;
    INSERT INTO codecpg.repositories (repo) VALUES (put_file.repo) ON CONFLICT DO NOTHING;
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
