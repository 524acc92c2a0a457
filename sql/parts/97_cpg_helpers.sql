-- codecpg install script, part 97: helpers of the CPG views and per-file graph functions.

-- Helpers of the views. The views inline them (SQL functions that are neither STRICT nor
-- VOLATILE and have no SET clause are expanded into the query), and none reads a table:
-- they see only the rows and values they are given, so the views' privileges are the
-- views' own.

CREATE FUNCTION codecpg.cpg_elements_support(internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'cpg_elements_support'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cpg_elements_support(internal) IS
  'Planner support of codecpg.cpg_elements: the average number of elements per row of the unnested column, from its ANALYZE statistics.';

CREATE FUNCTION codecpg.cpg_elements(list anyarray)
RETURNS SETOF anyelement
AS 'array_unnest'
LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE ROWS 10
SUPPORT codecpg.cpg_elements_support;
COMMENT ON FUNCTION codecpg.cpg_elements(anyarray) IS
  'unnest() of a list, for the views: the same function, but the planner estimates the rows from the column''s statistics (the average list length ANALYZE measured) rather than guessing 10.';

CREATE FUNCTION codecpg.cpg_kind(kind text)
RETURNS text
AS 'MODULE_PATHNAME', 'cpg_kind'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cpg_kind(text) IS
  'Its argument: the node or edge kind a branch of the views yields. IMMUTABLE, so that a kind filter drops the other branches at plan time. On Citus, whose coordinator cannot plan branches dropped that way, codecpg.distribute_tables() recreates the views with each call replaced by (SELECT ''KIND''::text), which the filter skips when the query starts.';

CREATE FUNCTION codecpg.line_at(source text, byte_offset integer)
RETURNS integer
AS 'MODULE_PATHNAME', 'cpg_line_at'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.line_at(text, integer) IS
  'The 1-based line of a byte offset of a source text (\n, \r\n and \r end a line; the offset just past the end is on the last line). Consecutive calls on the same stored text reuse one index of its lines.';

CREATE FUNCTION codecpg.line_at_starts(line_starts integer[], byte_offset integer)
RETURNS integer
AS 'MODULE_PATHNAME', 'cpg_line_at_starts'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.line_at_starts(integer[], integer) IS
  'The 1-based line of a byte offset, found in a row''s line_starts (codecpg.ast_files_v1.line_starts, codecpg.tree_sitter_files_v1.line_starts): what codecpg.line_at gives for the source, without reading it. Consecutive calls on the same stored list reuse it.';

-- A quoted body: a standard one would make the span type's attributes depend on it.
CREATE FUNCTION codecpg.span_last_line(s codecpg.span)
RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN (s).end_col = 0 AND (s).bend > (s).bstart THEN (s).end_line0 ELSE (s).end_line0 + 1 END $$;
COMMENT ON FUNCTION codecpg.span_last_line(codecpg.span) IS
  'The 1-based line of the last byte of a span (the end is exclusive: a span ending at the start of a line ends on the line before).';

CREATE FUNCTION codecpg.cpg_def_kind(kind text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN kind IS NULL THEN NULL
            WHEN kind = 'CLASS' THEN 'CST_CLASS_DEF'
            WHEN kind IN ('FUNCTION', 'ASYNC_FUNCTION') THEN 'CST_FUNCTION_DEF'
            WHEN kind = 'LAMBDA' THEN 'CST_LAMBDA'
            ELSE 'CST_DEF' END;
COMMENT ON FUNCTION codecpg.cpg_def_kind(text) IS
  'The node_kind of a CST definition of the given kind (CLASS, FUNCTION, ASYNC_FUNCTION, LAMBDA, other).';

CREATE FUNCTION codecpg.cpg_callee_kind(callee_kind text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN callee_kind IS NULL THEN NULL
            WHEN callee_kind = 'MODULE' THEN 'PY_MODULE'
            WHEN callee_kind IN ('EXTERNAL', 'UNRESOLVED') THEN 'PY_QUALIFIED_NAME'
            ELSE codecpg.cpg_def_kind(callee_kind) END;
COMMENT ON FUNCTION codecpg.cpg_callee_kind(text) IS
  'The node_kind of a link''s callee (cpg_link.callee_kind): PY_MODULE, a CST definition kind, or PY_QUALIFIED_NAME for a name outside the repository or not resolved.';

CREATE FUNCTION codecpg.cpg_ast_kind(kind text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN kind IS NULL THEN NULL
            WHEN kind IN ('FunctionDef', 'AsyncFunctionDef', 'ClassDef', 'Lambda') THEN 'AST_DEF'
            WHEN kind = 'Call' THEN 'AST_CALL'
            ELSE 'AST_NODE' END;
COMMENT ON FUNCTION codecpg.cpg_ast_kind(text) IS
  'The node_kind of an AST node of the given Python AST class name: AST_DEF, AST_CALL or AST_NODE.';

CREATE FUNCTION codecpg.cpg_params(nodes codecpg.ts_node[], line_starts integer[], defs codecpg.cst_def[] DEFAULT NULL,
    OUT bstart integer, OUT bend integer, OUT line integer, OUT end_line integer, OUT kind text,
    OUT "position" integer, OUT def_kind text, OUT def_bstart integer, OUT def_bend integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_params'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 50;
COMMENT ON FUNCTION codecpg.cpg_params(codecpg.ts_node[], integer[], codecpg.cst_def[]) IS
  'The parameters of a file''s definitions, from its tree-sitter nodes and line starts (tree_sitter_files_v1.nodes and line_starts): every named child of a parameter list (the CST_PARAM nodes), with its span, 1-based first and last line, node type and position among the list''s children. Given the file''s CST definitions (libcst_files_v1.defs), one row per parameter and definition that owns it (def_kind, def_bstart, def_bend: the source of CST_PARENT_OF), parameters without an owner left out.';

-- Not inlined (its SET clause sees to it): an inlined UNION ALL would be a subquery that
-- keeps the view's queries from running in parallel; and it takes the lists it reads
-- rather than the rows, which a row argument would detoast in full.
CREATE FUNCTION codecpg.cpg_scip_role_sources(repo text, index_id text, documents codecpg.scip_document[],
    cst_file_id text, cst_path text, defs codecpg.cst_def[], refs codecpg.cst_ref[], imports codecpg.cst_import[])
RETURNS TABLE (src_node_id text, src_kind text, symbol_node_id text, symbol_roles integer, path text, bstart integer,
               bend integer, line integer, end_line integer, match text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  SELECT codecpg.stable_id('scip_occurrence', repo, index_id, d.relative_path, o.ordinality::text),
         'SCIP_OCCURRENCE', codecpg.stable_id('scip_symbol', repo, o.symbol), o.symbol_roles, d.relative_path,
         (o.range).bstart, (o.range).bend, (o.range).line0 + 1, codecpg.span_last_line(o.range), 'scip_occurrence'
    FROM unnest(documents) d
   CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
   WHERE o.symbol <> ''
  UNION ALL
  SELECT c.node_id, c.node_kind, codecpg.stable_id('scip_symbol', repo, o.symbol), o.symbol_roles, cst_path,
         c.bstart, c.bend, (o.range).line0 + 1, codecpg.span_last_line(o.range), 'scip_span_exact'
    FROM unnest(documents) d
   CROSS JOIN LATERAL unnest(d.occurrences) o
    JOIN (SELECT codecpg.stable_id('cst_def', cst_file_id, x.kind, x.def_bstart::text, x.def_bend::text) AS node_id,
                 codecpg.cpg_def_kind(x.kind) AS node_kind, x.name_bstart AS bstart, x.name_bend AS bend
            FROM unnest(defs) x
          UNION ALL
          SELECT codecpg.stable_id('span', k.node_kind, cst_path, x.bstart::text, x.bend::text), k.node_kind, x.bstart, x.bend
            FROM unnest(refs) x
           CROSS JOIN LATERAL (SELECT CASE x.ref_kind WHEN 'NAME' THEN 'CST_NAME_REF'
                                                      WHEN 'ATTRIBUTE' THEN 'CST_ATTRIBUTE_ACCESS' ELSE 'CST_REF' END) k(node_kind)
          UNION ALL
          SELECT codecpg.stable_id('cst_import', cst_file_id, x.kind, x.alias_bstart::text, x.alias_bend::text),
                 'CST_IMPORT_ALIAS', x.alias_bstart, x.alias_bend
            FROM unnest(imports) x) c
      ON c.bstart = (o.range).bstart AND c.bend = (o.range).bend
   WHERE o.symbol <> '';
END;
COMMENT ON FUNCTION codecpg.cpg_scip_role_sources(text, text, codecpg.scip_document[], text, text, codecpg.cst_def[], codecpg.cst_ref[], codecpg.cst_import[]) IS
  'For the documents of a SCIP index part and the CST facts of its file (NULL lists when there are none): every occurrence (as its SCIP_OCCURRENCE node) and every CST definition name, reference and import alias at exactly an occurrence''s byte span, with the occurrence''s symbol (SCIP_SYMBOL node) and role bits. cpg_edges turns the role bits into PY_*_SYMBOL edges.';

CREATE FUNCTION codecpg.cpg_complexity(f codecpg.bytecode_files_v1)
RETURNS TABLE (code_unit_id text, qualname text, blocks bigint, edges bigint, exits bigint, complexity bigint)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name), c.qualname,
         n.n, e.e, x.x, (e.e + x.x) - (n.n + 1) + 2
    FROM unnest(f.code_objects) c
   CROSS JOIN LATERAL (SELECT count(*) AS n FROM unnest(c.blocks) b WHERE b.kind <> 'handler') n
   CROSS JOIN LATERAL (SELECT count(*) AS e
                         FROM unnest(c.cfg_edges) y
                         JOIN unnest(c.blocks) b ON b.start_offset = y.src_block_start AND b.end_offset = y.src_block_end
                        WHERE y.kind <> 'exc' AND b.kind <> 'handler') e
   CROSS JOIN LATERAL (SELECT count(*) AS x
                         FROM unnest(c.blocks) b
                        WHERE b.kind <> 'handler'
                          AND NOT EXISTS (SELECT 1 FROM unnest(c.cfg_edges) y
                                           WHERE y.src_block_start = b.start_offset AND y.src_block_end = b.end_offset
                                             AND y.kind <> 'exc')) x;
END;
COMMENT ON FUNCTION codecpg.cpg_complexity(codecpg.bytecode_files_v1) IS
  'McCabe cyclomatic complexity E - N + 2 of each code unit of a file, from its control-flow graph closed by one exit node: N is the blocks outside exception handlers plus the exit, E their next, jump and branch edges plus one edge to the exit from every block without successors (returns and raises). Exception edges and handlers are left out, as McCabe counts decisions.';
