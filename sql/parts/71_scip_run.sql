-- codecpg install script, part 71: scip_run, which runs scip-python on the database
-- server and loads its index (codecpg.scip_load, part 70). A part of its own, written
-- CREATE OR REPLACE, because the upgrade from 0.1.0 replaces the function with this same
-- text (sql/updates/0.1.0--0.2.0/12_scip_run.sql links here), while the rest of part 70
-- (types and the table) exists in 0.1.0 already.

CREATE OR REPLACE FUNCTION codecpg.scip_run(
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
    q_exe := '''' || replace(scip_python, '''', '''\''''') || '''';
    -- %1$s program, %2$s project root, %3$s name, %4$s version. The scratch directory is
    -- made by mktemp -d: a fresh, private (0700) directory with an unpredictable name,
    -- never one that someone planted in /tmp beforehand. Prints the index in base64 on
    -- one line, or a marker and the tail of the log.
    cmd := format('command -v %1$s >/dev/null 2>&1 || { echo codecpg-scip-missing; exit 0; }; '
                  || 'd=$(mktemp -d "${TMPDIR:-/tmp}/codecpg-scip.XXXXXXXXXX") || exit 0; '
                  || 'trap ''rm -rf "$d"'' EXIT; echo "[]" > "$d/env.json" || exit 0; '
                  || 'if (cd %2$s 2>/dev/null || { echo cannot enter the directory; exit 1; }; %1$s index --quiet --cwd %2$s --project-name %3$s '
                  || '--project-version %4$s --environment "$d/env.json" --output "$d/index.scip") '
                  || '>"$d/log" 2>&1 && [ -s "$d/index.scip" ]; then base64 -w0 "$d/index.scip"; '
                  || 'else printf codecpg-scip-failed:; tail -c 2000 "$d/log" | base64 -w0; fi; '
                  || 'echo',
                  q_exe, '''' || replace(root, '''', '''\''''') || '''',
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
