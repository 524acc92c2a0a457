-- Reliability (issue 14): the tree-sitter runtime compiled into the library is reported
-- by library_versions() and version_info().
COMMENT ON FUNCTION codecpg.library_versions() IS
  'Versions compiled into or linked by the codecpg library: itself, CPython, the tree-sitter runtime and its language ABI range, grammar, jansson.';
COMMENT ON FUNCTION codecpg.version_info() IS
  'Version report: PostgreSQL, the installed codecpg schema and library, CPython, the tree-sitter runtime, its language ABI range and the grammar, jansson. Run records store it.';

-- A symbolic link leading out of the indexed root is reported, not followed.
ALTER TABLE codecpg.index_errors DROP CONSTRAINT index_errors_kind_check;
ALTER TABLE codecpg.index_errors ADD CONSTRAINT index_errors_kind_check
    CHECK (kind IN ('syntax', 'encoding', 'size_limit', 'unreadable', 'nul_byte',
                    'symlink_loop', 'symlink_outside', 'extractor_error'));
COMMENT ON COLUMN codecpg.index_errors.path IS
  'File (or directory, for symlink_loop and symlink_outside) path relative to the root.';
COMMENT ON COLUMN codecpg.index_errors.kind IS
  'syntax, encoding, size_limit, unreadable, nul_byte, symlink_loop, symlink_outside or extractor_error.';

-- put_file refuses an empty repository name and paths that are not plain relative paths.
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

-- scip_run works in a private scratch directory made by mktemp -d, not a predictable /tmp path.
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

-- schema_check reports a foreign key without an index whose leading columns cover it.
CREATE OR REPLACE FUNCTION codecpg.schema_check(
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
    -- every foreign key has a valid, non-partial index whose leading columns are the key's
    -- columns (in any order): without one, deleting a referenced row (ON DELETE CASCADE
    -- when a file is re-indexed) scans the whole referencing table
    SELECT 'constraint', 'codecpg.' || c.relname || '.' || k.conname, 'foreign key without an index',
           'an index on (' || (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY u.o)
                                 FROM unnest(k.conkey) WITH ORDINALITY AS u(attnum, o)
                                 JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.attnum) || ')',
           NULL
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid
     WHERE k.contype = 'f' AND c.relnamespace = 'codecpg'::regnamespace
       AND NOT EXISTS (SELECT 1 FROM pg_index i
                        WHERE i.indrelid = k.conrelid AND i.indisvalid AND i.indpred IS NULL
                          AND i.indnkeyatts >= cardinality(k.conkey)
                          AND (SELECT array_agg(x ORDER BY x)
                                 FROM unnest((i.indkey::int2[])[0:cardinality(k.conkey) - 1]) x)
                              = (SELECT array_agg(x ORDER BY x) FROM unnest(k.conkey) x))
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
  'Compares the installed schema with the library''s declarations through pg_catalog: composite types and attribute order and types, typed root tables, NOT NULL identity, primary keys, cascading references, foreign keys without a covering index, comments, functions and views. No rows means no drift.';
