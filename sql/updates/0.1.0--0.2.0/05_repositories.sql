
-- codecpg.repositories: one row per repository with its repository-wide settings.
CREATE TABLE codecpg.repositories (
    repo         text PRIMARY KEY,
    root_package text NOT NULL DEFAULT '',
    source_root  text NOT NULL DEFAULT '',
    created_at   timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE codecpg.repositories IS
  'One row per repository: created by the first index run or put_file of the repository, with the repository-wide settings that file facts depend on.';
SELECT codecpg.comment_attributes('codecpg.repositories', ARRAY[
  ['repo',         'Repository name, as in every other table.'],
  ['root_package', 'Dotted package name of the indexed root directory itself when it is a package (a root holding __init__.py indexed from .../django is "django"); empty when the root is a sys.path entry.'],
  ['source_root',  'Directory under the root that is a sys.path entry (a src layout: "src"); files under it are named relative to it. Empty when none.'],
  ['created_at',   'When the repository was first indexed.']
]);
SELECT pg_catalog.pg_extension_config_dump('codecpg.repositories', '');
-- Repositories indexed under 0.1.0 were named with the root on sys.path.
INSERT INTO codecpg.repositories (repo, created_at)
SELECT f.repo, min(f.indexed_at) FROM codecpg.repo_files_v1 f GROUP BY f.repo
ON CONFLICT DO NOTHING;

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
