-- codecpg install script, part 90: catalog checks, fingerprints, inventory, versions.
-- What the library declares (src/schema/*.def, compiled in) is compared with what
-- pg_catalog says is installed, so a drifted installation is detected, not guessed.
-- Every object here is a function, written CREATE OR REPLACE: the upgrade from 0.1.0
-- runs this same text (sql/updates/0.1.0--0.2.0/11_catalog.sql links here), which
-- replaces the functions whose body or comment changed and leaves the others as they are.

CREATE OR REPLACE FUNCTION codecpg.declared_attributes(
    OUT type_name text, OUT attnum integer, OUT attname text, OUT sqltype text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_declared_attributes'
LANGUAGE C STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.declared_attributes() IS
  'The composite types and attributes (in order) that this codecpg library reads and writes, as compiled in from src/schema/*.def.';

CREATE OR REPLACE FUNCTION codecpg.declared_tables(
    OUT table_name text, OUT row_type text, OUT primary_key text, OUT references_files boolean)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_declared_tables'
LANGUAGE C STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.declared_tables() IS
  'The root tables this codecpg library expects: row type, primary key, cascading reference to repo_files_v1.';

CREATE OR REPLACE FUNCTION codecpg.declared_functions(OUT function_name text, OUT argument_types text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_declared_functions'
LANGUAGE C STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.declared_functions() IS
  'The SQL functions this codecpg library declares, with their input argument types.';

CREATE OR REPLACE FUNCTION codecpg.library_versions(OUT component text, OUT version text, OUT detail text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_library_versions'
LANGUAGE C STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.library_versions() IS
  'Versions compiled into or linked by the codecpg library: itself, CPython, the tree-sitter runtime and its language ABI range, grammar, jansson.';

CREATE OR REPLACE FUNCTION codecpg.version_info(OUT component text, OUT version text, OUT detail text)
RETURNS SETOF record
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
    SELECT 'postgresql', current_setting('server_version'), version()
    UNION ALL
    SELECT 'codecpg extension', e.extversion, 'installed SQL objects (pg_extension.extversion)'
      FROM pg_extension e WHERE e.extname = 'codecpg'
    UNION ALL
    SELECT l.component, l.version, l.detail FROM codecpg.library_versions() l;
END;
COMMENT ON FUNCTION codecpg.version_info() IS
  'Version report: PostgreSQL, the installed codecpg schema and library, CPython, the tree-sitter runtime, its language ABI range and the grammar, jansson. Run records store it.';

CREATE OR REPLACE FUNCTION codecpg.span_abi(
    OUT domain text, OUT root_table text, OUT line_base integer, OUT col_unit text,
    OUT end_exclusive boolean, OUT byte_offsets text, OUT native_positions text)
RETURNS SETOF record
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT * FROM (VALUES
      ('tree_sitter', 'tree_sitter_files_v1', 0, 'byte', true,
       'UTF-8 bytes of repo_files_v1.source', 'tree-sitter byte offsets and (row, byte column) points'),
      ('libcst', 'libcst_files_v1', 0, 'byte', true,
       'UTF-8 bytes of repo_files_v1.source', 'derived from the tree-sitter tree'),
      ('ast', 'ast_files_v1', 0, 'byte', true,
       'UTF-8 bytes of repo_files_v1.source', 'CPython lineno (1-based) and col_offset (UTF-8 bytes)'),
      ('symtable', 'symtable_files_v1', 0, 'byte', true,
       'UTF-8 bytes of repo_files_v1.source (the whole line of the table)', 'CPython get_lineno() (1-based line only)'),
      ('bytecode', 'bytecode_files_v1', 0, 'byte', true,
       'UTF-8 bytes of repo_files_v1.source', 'CPython co_positions() (1-based lines, UTF-8 byte columns)'),
      ('scip', 'scip_index_v1', 0, 'utf-16 code unit', true,
       'UTF-8 bytes of repo_files_v1.source, NULL when the document''s file is not indexed or the position does not exist in it',
       'SCIP ranges: 0-based lines; columns are UTF-16 code units for scip-python whatever it declares, else the document''s position_encoding (UTF-16 when unspecified); the unit used is scip_documents().col_unit')
    ) AS abi(domain, root_table, line_base, col_unit, end_exclusive, byte_offsets, native_positions);
END;
COMMENT ON FUNCTION codecpg.span_abi() IS
  'The span ABI per domain: line base, column unit, end exclusivity and how native positions were converted to byte offsets.';

-- Attributes of composite types as installed, with types printed schema-qualified.
CREATE OR REPLACE FUNCTION codecpg.installed_attributes(
    OUT type_name text, OUT attnum integer, OUT attname text, OUT typid oid, OUT has_comment boolean)
RETURNS SETOF record
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
    SELECT t.typname::text, (row_number() OVER (PARTITION BY t.oid ORDER BY a.attnum))::integer,
           a.attname::text, a.atttypid, col_description(t.typrelid, a.attnum) IS NOT NULL
      FROM pg_type t
      JOIN pg_namespace n ON n.oid = t.typnamespace AND n.nspname = 'codecpg'
      JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY t.typname, a.attnum;
END;
COMMENT ON FUNCTION codecpg.installed_attributes() IS
  'The composite types of schema codecpg and their live attributes in order, as pg_catalog has them.';

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

-- A stable text form of a declared type, following composite element types recursively.
CREATE OR REPLACE FUNCTION codecpg.schema_fingerprints(
    OUT root_table text, OUT declared_fingerprint text, OUT installed_fingerprint text, OUT matches boolean)
RETURNS SETOF record
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  WITH RECURSIVE declared AS (
    SELECT type_name, attnum, attname, sqltype FROM codecpg.declared_attributes()
  ), installed AS (
    SELECT type_name, attnum, attname, format_type(typid, NULL) AS sqltype FROM codecpg.installed_attributes()
  ), tables AS (
    SELECT table_name, row_type FROM codecpg.declared_tables()
  ), d_reach(table_name, type_name) AS (
    SELECT table_name, row_type FROM tables
    UNION
    SELECT r.table_name, regexp_replace(d.sqltype, '^codecpg\.|\[\]$', '', 'g')
      FROM d_reach r JOIN declared d ON d.type_name = r.type_name
     WHERE d.sqltype LIKE 'codecpg.%'
  ), i_reach(table_name, type_name) AS (
    SELECT table_name, row_type FROM tables
    UNION
    SELECT r.table_name, regexp_replace(i.sqltype, '^codecpg\.|\[\]$', '', 'g')
      FROM i_reach r JOIN installed i ON i.type_name = r.type_name
     WHERE i.sqltype LIKE 'codecpg.%'
  )
  SELECT f.table_name, f.declared, f.installed, f.declared IS NOT DISTINCT FROM f.installed
    FROM (SELECT t.table_name,
                 (SELECT encode(sha256(convert_to(string_agg(d.type_name || '.' || d.attnum || ':' || d.attname || ' ' ||
                                 format_type(to_regtype(d.sqltype), NULL), ';' ORDER BY d.type_name, d.attnum), 'UTF8')), 'hex')
                    FROM d_reach r JOIN declared d ON d.type_name = r.type_name
                   WHERE r.table_name = t.table_name) AS declared,
                 (SELECT encode(sha256(convert_to(string_agg(i.type_name || '.' || i.attnum || ':' || i.attname || ' ' ||
                                 i.sqltype, ';' ORDER BY i.type_name, i.attnum), 'UTF8')), 'hex')
                    FROM i_reach r JOIN installed i ON i.type_name = r.type_name
                   WHERE r.table_name = t.table_name) AS installed
            FROM tables t) f
   ORDER BY f.table_name;
END;
COMMENT ON FUNCTION codecpg.schema_fingerprints() IS
  'SHA-256 fingerprint of each root table''s nested shape (its row type and every composite type it reaches), as declared by the library and as installed; matches is true when they agree.';

CREATE OR REPLACE FUNCTION codecpg.function_inventory(
    OUT function_name text, OUT arguments text, OUT result text, OUT language text,
    OUT volatility text, OUT parallel text, OUT is_strict boolean, OUT declared boolean,
    OUT description text)
RETURNS SETOF record
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  SELECT p.proname::text,
         pg_get_function_identity_arguments(p.oid),
         pg_get_function_result(p.oid),
         l.lanname::text,
         CASE p.provolatile WHEN 'i' THEN 'immutable' WHEN 's' THEN 'stable' ELSE 'volatile' END,
         CASE p.proparallel WHEN 's' THEN 'safe' WHEN 'r' THEN 'restricted' ELSE 'unsafe' END,
         p.proisstrict,
         EXISTS (SELECT 1 FROM codecpg.declared_functions() f WHERE f.function_name = p.proname),
         obj_description(p.oid, 'pg_proc')
    FROM pg_proc p
    JOIN pg_language l ON l.oid = p.prolang
    JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
    JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'codecpg'
   ORDER BY p.proname, 2;
END;
COMMENT ON FUNCTION codecpg.function_inventory() IS
  'Every function the codecpg extension installs, with signature, result, language, volatility, parallel safety, whether the library declares it, and its comment.';
