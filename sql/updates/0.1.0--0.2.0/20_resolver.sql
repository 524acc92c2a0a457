-- The resolver in C (src/cpg/) replaces the PL/pgSQL one: the per-file summaries it reads
-- are built by the CST extractor (index runs give it the repository's module naming
-- through the cst_extract that 15_libcst_functions.sql adds), and its derived tables
-- change shape. 95_graph_backfill.sql resolves every repository's graph again at the end
-- of the update (summaries of facts extracted under 0.1.0 are built from the stored
-- sources then).
ALTER TYPE codecpg.libcst_file ADD ATTRIBUTE summary bytea CASCADE;
COMMENT ON COLUMN codecpg.libcst_file.summary IS
  'What the call-graph resolver reads of the file, built in the same walk: its scopes, parameters, where names are bound and read, attribute and item stores, calls with their arguments, returns, imports, decorators and bases (binary, versioned; codecpg.cst_summary(f) shows it as rows). NULL for facts extracted before 0.2.0: the resolver rebuilds it.';
SELECT codecpg.copy_type_comments('codecpg.libcst_files_v1');

-- Every function of the graph parts reads the derived tables or is replaced: dropped here
-- and created again from the install script's parts (21, 22, 89, 91).
DROP FUNCTION codecpg.cpg_dot_call_graph(text, text, integer);
DROP FUNCTION codecpg.cpg_dot_imports(text, text);
DROP FUNCTION codecpg.cpg_dot_cfg(text, text);
DROP FUNCTION codecpg.cpg_dot_quote(text);
DROP FUNCTION codecpg.cpg_callers(text, text, integer);
DROP FUNCTION codecpg.cpg_callees(text, text, integer);
DROP FUNCTION codecpg.cpg_call_graph(text);
DROP FUNCTION codecpg.cpg_imports(text);
DROP FUNCTION codecpg.cpg_refresh(text);
DROP FUNCTION codecpg.cpg_scip_role_sources(codecpg.scip_index_v1);
DROP FUNCTION codecpg.cpg_diagnostics();
DROP FUNCTION codecpg.cpg_bc_anchors(codecpg.bytecode_files_v1);
DROP FUNCTION codecpg.cpg_cfg_edges(codecpg.bytecode_files_v1);
DROP FUNCTION codecpg.cpg_complexity(codecpg.bytecode_files_v1);
-- helpers of the PL/pgSQL resolver: module names and imports are resolved in C now
DROP FUNCTION codecpg.cpg_module_name(text);
DROP FUNCTION codecpg.cpg_expr_parts(text);
DROP FUNCTION codecpg.cpg_import_base(text, boolean, integer, text);

DROP TABLE codecpg.cpg_graph_v1;
DROP TYPE codecpg.cpg_graph_edge;
DROP TABLE codecpg.cpg_scopes_v1;
DROP TYPE codecpg.cpg_scope;
