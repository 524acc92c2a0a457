-- codecpg install script, part 31: the functions of libcst_files_v1 (part 30): extraction
-- and unnesting. Every *_bstart/*_bend and bstart/bend pair is a byte range of
-- repo_files_v1.source (a UTF-8 BOM is counted); lines are 0-based, columns bytes.
-- A part of its own, written CREATE OR REPLACE, because the upgrade from 0.1.0 runs this
-- same text (sql/updates/0.1.0--0.2.0/23_libcst_functions.sql links here): it adds the
-- cst_extract that is given the repository's module naming and leaves the others as
-- they are, while part 30's types and table exist in 0.1.0 already.

CREATE OR REPLACE FUNCTION codecpg.cst_extract(repo text, path text, source text, file_sha256 text DEFAULT NULL)
RETURNS codecpg.libcst_files_v1
AS 'MODULE_PATHNAME', 'cpg_cst_extract'
LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_extract(text, text, text, text) IS
  'Concrete-syntax facts of a Python source (the seed''s LibCST field set) computed from the tree-sitter tree: manifest, parse errors, refs, imports, callsites with candidate qualified names, defs, type expressions, docstrings, decorators, call arguments. The module name comes from path. file_sha256 is computed unless given. NULL when repo, path or source is NULL.';

CREATE OR REPLACE FUNCTION codecpg.cst_extract(repo text, path text, source text, file_sha256 text,
    root_package text, source_root text)
RETURNS codecpg.libcst_files_v1
AS 'MODULE_PATHNAME', 'cpg_cst_extract'
LANGUAGE C VOLATILE PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_extract(text, text, text, text, text, text) IS
  'codecpg.cst_extract with the repository''s module naming given (codecpg.repositories.root_package and source_root) instead of read: what index runs call, once per file. NULL naming arguments: read as the four-argument form does.';

CREATE OR REPLACE FUNCTION codecpg.cst_parse_manifest(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT encoding text, OUT default_indent text, OUT default_newline text,
    OUT has_trailing_newline boolean, OUT future_imports text[], OUT module_name text,
    OUT package_name text, OUT parser_backend text, OUT parsed_python_version text,
    OUT schema_fingerprint text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_parse_manifest'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_parse_manifest(codecpg.libcst_files_v1) IS
  'The parse manifest of a file as one row: encoding, indentation, newline, future imports, module and package name, parser.';

CREATE OR REPLACE FUNCTION codecpg.cst_parse_errors(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT error_type text, OUT message text, OUT raw_line integer, OUT raw_column integer,
    OUT editor_line integer, OUT editor_column integer, OUT context text, OUT line_base integer,
    OUT col_unit text, OUT end_exclusive boolean, OUT bstart integer, OUT bend integer, OUT meta jsonb)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_parse_errors'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_parse_errors(codecpg.libcst_files_v1) IS
  'One row per syntax error: each outermost ERROR region and each MISSING token, or one TIMEOUT / TOO_LARGE row when the file was not parsed.';

CREATE OR REPLACE FUNCTION codecpg.cst_refs(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT ref_id integer, OUT ref_kind text, OUT ref_text text, OUT expr_ctx text,
    OUT scope_type text, OUT scope_name text, OUT scope_role text, OUT parent_kind text,
    OUT inferred_type text, OUT bstart integer, OUT bend integer, OUT attrs jsonb)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_refs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_refs(codecpg.libcst_files_v1) IS
  'One row per name or attribute use, with LOAD/STORE/DEL context and the enclosing scope.';

CREATE OR REPLACE FUNCTION codecpg.cst_imports(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT import_id integer, OUT kind text, OUT module text, OUT relative_level integer,
    OUT name text, OUT asname text, OUT is_star boolean, OUT stmt_bstart integer,
    OUT stmt_bend integer, OUT alias_bstart integer, OUT alias_bend integer, OUT attrs jsonb)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_imports'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_imports(codecpg.libcst_files_v1) IS
  'One row per imported name (alias) of every import and from-import statement.';

CREATE OR REPLACE FUNCTION codecpg.cst_callsites(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT call_id integer, OUT call_bstart integer, OUT call_bend integer,
    OUT callee_bstart integer, OUT callee_bend integer, OUT callee_shape text,
    OUT callee_text text, OUT arg_count integer, OUT callee_dotted text,
    OUT callee_qnames text[], OUT callee_qname_sources text[], OUT callee_fqns text[],
    OUT inferred_type text, OUT attrs jsonb)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_callsites'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_callsites(codecpg.libcst_files_v1) IS
  'One row per call. callee_qnames and callee_qname_sources are index-aligned (candidate i was derived by source i: LOCAL, IMPORT or BUILTIN); unnest(callee_qnames, callee_qname_sources) gives one row per candidate.';

CREATE OR REPLACE FUNCTION codecpg.cst_defs(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT def_id integer, OUT container_def_kind text, OUT container_def_bstart integer,
    OUT container_def_bend integer, OUT kind text, OUT name text, OUT def_bstart integer,
    OUT def_bend integer, OUT name_bstart integer, OUT name_bend integer,
    OUT qnames text[], OUT qname_sources text[], OUT def_fqns text[], OUT docstring text,
    OUT decorator_count integer, OUT attrs jsonb)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_defs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_defs(codecpg.libcst_files_v1) IS
  'One row per class, function, async function and lambda, with qualified names (index-aligned with qname_sources) and fully qualified names.';

CREATE OR REPLACE FUNCTION codecpg.cst_type_exprs(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT owner_def_kind text, OUT owner_def_bstart integer, OUT owner_def_bend integer,
    OUT param_name text, OUT expr_kind text, OUT expr_role text, OUT bstart integer,
    OUT bend integer, OUT expr_text text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_type_exprs'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_type_exprs(codecpg.libcst_files_v1) IS
  'One row per parameter, return or variable annotation.';

CREATE OR REPLACE FUNCTION codecpg.cst_docstrings(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT owner_def_id integer, OUT owner_kind text, OUT docstring text,
    OUT bstart integer, OUT bend integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_docstrings'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_docstrings(codecpg.libcst_files_v1) IS
  'One row per module, class or function docstring, with its value and the span of its literal.';

CREATE OR REPLACE FUNCTION codecpg.cst_decorators(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT owner_def_id integer, OUT owner_kind text, OUT decorator_text text,
    OUT decorator_index integer, OUT bstart integer, OUT bend integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_decorators'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_decorators(codecpg.libcst_files_v1) IS
  'One row per decorator, in source order.';

CREATE OR REPLACE FUNCTION codecpg.cst_call_args(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT call_id integer, OUT arg_index integer, OUT keyword text, OUT star text,
    OUT arg_text text, OUT bstart integer, OUT bend integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_call_args'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_call_args(codecpg.libcst_files_v1) IS
  'One row per argument of every call (join to cst_callsites on call_id).';
