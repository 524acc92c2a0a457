-- codecpg install script, part 97: per-root helpers of the CPG views.

-- Per-root helpers of the views: each unnests one stored row; the views call them LATERAL.

CREATE FUNCTION codecpg.cpg_scip_role_sources(part codecpg.scip_index_v1, cst codecpg.libcst_files_v1)
RETURNS TABLE (src_node_id text, symbol_node_id text, symbol_roles integer, path text, bstart integer,
               bend integer, match text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT codecpg.stable_id('scip_occurrence', part.repo, part.index_id, d.relative_path, o.ordinality::text),
         codecpg.stable_id('scip_symbol', part.repo, o.symbol), o.symbol_roles, d.relative_path,
         (o.range).bstart, (o.range).bend, 'scip_occurrence'
    FROM unnest(part.documents) d
   CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
   WHERE o.symbol <> ''
  UNION ALL
  SELECT c.node_id, codecpg.stable_id('scip_symbol', part.repo, o.symbol), o.symbol_roles, cst.path,
         c.bstart, c.bend, 'scip_span_exact'
    FROM unnest(part.documents) d
   CROSS JOIN LATERAL unnest(d.occurrences) o
    JOIN (SELECT codecpg.stable_id('cst_def', cst.file_id, x.kind, x.def_bstart::text, x.def_bend::text) AS node_id,
                 x.name_bstart AS bstart, x.name_bend AS bend
            FROM unnest(cst.defs) x
          UNION ALL
          SELECT codecpg.stable_id('span', CASE x.ref_kind WHEN 'NAME' THEN 'CST_NAME_REF'
                                                          WHEN 'ATTRIBUTE' THEN 'CST_ATTRIBUTE_ACCESS' ELSE 'CST_REF' END,
                                   cst.path, x.bstart::text, x.bend::text),
                 x.bstart, x.bend
            FROM unnest(cst.refs) x
          UNION ALL
          SELECT codecpg.stable_id('cst_import', cst.file_id, x.kind, x.alias_bstart::text, x.alias_bend::text),
                 x.alias_bstart, x.alias_bend
            FROM unnest(cst.imports) x) c
      ON c.bstart = (o.range).bstart AND c.bend = (o.range).bend
   WHERE cst.repo = part.repo AND cst.file_id = part.file_id AND o.symbol <> '';
END;
COMMENT ON FUNCTION codecpg.cpg_scip_role_sources(codecpg.scip_index_v1, codecpg.libcst_files_v1) IS
  'For a SCIP index part and the CST facts of its file (NULL when there are none): every occurrence (as its SCIP_OCCURRENCE node) and every CST definition name, reference and import alias at exactly an occurrence''s byte span, with the occurrence''s symbol (SCIP_SYMBOL node) and role bits. cpg_edges turns the role bits into PY_*_SYMBOL edges. It reads no table, so that on Citus it runs inside the shard query of the worker that holds the repository.';

CREATE FUNCTION codecpg.cpg_diagnostics()
RETURNS TABLE (repo text, file_id text, path text, domain text, origin text, ord bigint, error_type text,
               message text, bstart integer, bend integer)
LANGUAGE sql STABLE PARALLEL SAFE
-- Not inlined into the caller's query: Citus cannot plan an inlined SQL function over
-- distributed tables, and can run this one as a query of its own.
SET search_path = pg_catalog
BEGIN ATOMIC
  SELECT f.repo, f.file_id, f.path, 'libcst', 'libcst', x.ordinality, x.error_type, x.message, x.bstart, x.bend
    FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.parse_errors) WITH ORDINALITY x
  UNION ALL
  SELECT f.repo, f.file_id, f.path, 'ast', 'py_ast', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
    FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x
  UNION ALL
  SELECT f.repo, f.file_id, f.path, 'symtable', 'symtable', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
    FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x
  UNION ALL
  SELECT f.repo, f.file_id, f.path, 'bytecode', 'dis', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
    FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x;
END;
COMMENT ON FUNCTION codecpg.cpg_diagnostics() IS
  'Extraction diagnostics of every file-level domain (CST parse errors, AST, symtable and bytecode failures), numbered per file and domain: the DIAG nodes of the CPG.';

CREATE FUNCTION codecpg.cpg_bc_anchors(f codecpg.bytecode_files_v1, scopes codecpg.cpg_scopes_v1[])
RETURNS TABLE (unit_id text, anchor_id text, bstart integer, bend integer, method text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT u.unit_id,
         CASE WHEN u.code_id = 0 THEN codecpg.stable_id('py_module', f.file_id) ELSE s.node_id END,
         u.bstart, u.bend, CASE WHEN u.code_id = 0 THEN 'module' ELSE 'qualname_order' END
    FROM (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id,
                 c.code_id, c.qualname, (c.span).bstart, (c.span).bend,
                 row_number() OVER (PARTITION BY c.qualname ORDER BY c.code_id) AS rk
            FROM unnest(f.code_objects) c) u
    LEFT JOIN (SELECT s.node_id, s.qualname, row_number() OVER (PARTITION BY s.qualname ORDER BY s.bstart) AS rk
                 FROM unnest(scopes) s
                WHERE s.repo = f.repo AND s.file_id = f.file_id AND s.qualname IS NOT NULL) s
      ON s.qualname = u.qualname AND s.rk = u.rk
   WHERE u.code_id = 0 OR s.node_id IS NOT NULL;
END;
COMMENT ON FUNCTION codecpg.cpg_bc_anchors(codecpg.bytecode_files_v1, codecpg.cpg_scopes_v1[]) IS
  'Anchors the code units of a file to CPG nodes: the module''s code to its PY_MODULE node, a class body or function to the CST definition with the same __qualname__ (the n-th code object of a qualname to the n-th definition of it in source order; comprehensions have no definition). scopes are the file''s rows of cpg_scopes_v1 (written by codecpg.cpg_refresh; rows of other files are ignored), aggregated with array_agg(ROW(sc.*)::codecpg.cpg_scopes_v1) and joined on repo and file_id (see the cookbook in docs/cpg.md): the function reads no table, so that on Citus it runs inside the worker''s shard query.';

CREATE FUNCTION codecpg.cpg_cfg_edges(f codecpg.bytecode_files_v1)
RETURNS TABLE (code_unit_id text, qualname text, src_node_id text, dst_node_id text, kind text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT u.unit_id, c.qualname,
         codecpg.stable_id('bc_block', u.unit_id, e.src_block_start::text, e.src_block_end::text),
         codecpg.stable_id('bc_block', u.unit_id, e.dst_block_start::text, e.dst_block_end::text), e.kind
    FROM unnest(f.code_objects) c
   CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
   CROSS JOIN LATERAL unnest(c.cfg_edges) e
  UNION ALL
  -- A block without successors returns or raises: it flows to the code unit's exit.
  SELECT u.unit_id, c.qualname, codecpg.stable_id('bc_block', u.unit_id, b.start_offset::text, b.end_offset::text),
         codecpg.stable_id('cfg_exit', u.unit_id), 'exit'
    FROM unnest(f.code_objects) c
   CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
   CROSS JOIN LATERAL unnest(c.blocks) b
   WHERE NOT EXISTS (SELECT 1 FROM unnest(c.cfg_edges) e
                      WHERE e.src_block_start = b.start_offset AND e.src_block_end = b.end_offset);
END;
COMMENT ON FUNCTION codecpg.cpg_cfg_edges(codecpg.bytecode_files_v1) IS
  'The control-flow edges of a file''s code units between CFG_BLOCK nodes: next, jump, branch and exc from the bytecode extractor, plus exit edges from blocks without successors to the code unit''s CFG_EXIT node.';

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
