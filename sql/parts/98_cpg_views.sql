-- codecpg install script, part 98: the views codecpg.cpg_nodes and codecpg.cpg_edges.

-- The views ------------------------------------------------------------------------------
--
-- One branch per (domain, kind). Every branch names its kind as a constant subquery,
-- (SELECT 'KIND'::text), so a query filtering on node_kind or edge_kind runs only the
-- branches it needs: the others end at a one-time filter before reading a row. A plain
-- literal would let the planner drop those branches unplanned, and Citus, which needs to
-- see the repository filter reach every table of the query to route it to one worker,
-- then fails to plan it. cpg_graph_v1's branch is filtered through its indexes. Spanned CST
-- elements without a recipe of their own use codecpg.stable_id('span', kind, path, bstart, bend).

CREATE VIEW codecpg.cpg_nodes AS
-- repository, files, modules, packages
SELECT codecpg.stable_id('py_repo', r.repo) AS node_id, (SELECT 'PY_REPO'::text) AS node_kind, r.repo,
       NULL::text AS file_id, NULL::text AS path, NULL::integer AS bstart, NULL::integer AS bend,
       r.repo AS name, 'derived'::text AS origin, NULL::jsonb AS props
  FROM (SELECT DISTINCT f.repo FROM codecpg.repo_files_v1 f) r
UNION ALL
SELECT f.file_id, (SELECT 'PY_FILE'::text), f.repo, f.file_id, f.path, 0, f.size_bytes::integer, f.path, 'derived',
       jsonb_build_object('file_sha256', f.file_sha256, 'encoding', f.encoding, 'line_count', f.line_count)
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT codecpg.stable_id('py_module', f.file_id), (SELECT 'PY_MODULE'::text), f.repo, f.file_id, f.path, 0, f.size_bytes::integer,
       (l.parse_manifest).module_name, 'derived', NULL
  FROM codecpg.repo_files_v1 f
  LEFT JOIN codecpg.libcst_files_v1 l ON l.repo = f.repo AND l.file_id = f.file_id
UNION ALL
SELECT codecpg.stable_id('py_package', f.file_id), (SELECT 'PY_PACKAGE'::text), f.repo, f.file_id, f.path, NULL, NULL,
       (l.parse_manifest).module_name, 'derived', NULL
  FROM codecpg.repo_files_v1 f
  LEFT JOIN codecpg.libcst_files_v1 l ON l.repo = f.repo AND l.file_id = f.file_id
 WHERE f.path ~ '(^|/)__init__\.pyi?$'
-- CST definitions and their parts
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), (SELECT 'CST_CLASS_DEF'::text),
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
 WHERE d.kind = 'CLASS'
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), (SELECT 'CST_FUNCTION_DEF'::text),
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
 WHERE d.kind IN ('FUNCTION', 'ASYNC_FUNCTION')
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), (SELECT 'CST_LAMBDA'::text),
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
 WHERE d.kind = 'LAMBDA'
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), (SELECT 'CST_DEF'::text),
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
 WHERE d.kind NOT IN ('CLASS', 'FUNCTION', 'ASYNC_FUNCTION', 'LAMBDA')
UNION ALL
SELECT codecpg.stable_id('span', 'CST_PARAM', f.path, (c.span).bstart::text, (c.span).bend::text), (SELECT 'CST_PARAM'::text),
       f.repo, f.file_id, f.path, (c.span).bstart, (c.span).bend, NULL, 'treesitter',
       jsonb_build_object('ts_kind', c.kind, 'position', c.child_index)
  FROM codecpg.tree_sitter_files_v1 f
 CROSS JOIN LATERAL (SELECT c.* FROM unnest(f.nodes) c JOIN unnest(f.nodes) p ON p.node_id = c.parent_id
                      WHERE p.kind IN ('parameters', 'lambda_parameters') AND c.is_named AND c.kind <> 'comment') c
UNION ALL
SELECT codecpg.stable_id('span', 'CST_DECORATOR', f.path, x.bstart::text, x.bend::text), (SELECT 'CST_DECORATOR'::text),
       f.repo, f.file_id, f.path, x.bstart, x.bend, x.decorator_text, 'libcst',
       jsonb_build_object('owner_def_id', x.owner_def_id, 'decorator_index', x.decorator_index)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.decorators) x
UNION ALL
SELECT DISTINCT codecpg.stable_id('span', 'CST_IMPORT', f.path, i.stmt_bstart::text, i.stmt_bend::text), (SELECT 'CST_IMPORT'::text),
       f.repo, f.file_id, f.path, i.stmt_bstart, i.stmt_bend, i.module, 'libcst',
       jsonb_build_object('kind', i.kind, 'relative_level', i.relative_level)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.imports) i
UNION ALL
SELECT codecpg.stable_id('cst_import', f.file_id, i.kind, i.alias_bstart::text, i.alias_bend::text), (SELECT 'CST_IMPORT_ALIAS'::text),
       f.repo, f.file_id, f.path, i.alias_bstart, i.alias_bend, coalesce(i.asname, i.name), 'libcst',
       jsonb_build_object('module', i.module, 'name', i.name, 'asname', i.asname,
                          'relative_level', i.relative_level, 'is_star', i.is_star)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.imports) i
UNION ALL
SELECT codecpg.stable_id('span', 'CST_NAME_REF', f.path, r.bstart::text, r.bend::text), (SELECT 'CST_NAME_REF'::text),
       f.repo, f.file_id, f.path, r.bstart, r.bend, r.ref_text, 'libcst',
       jsonb_build_object('expr_ctx', r.expr_ctx, 'scope_type', r.scope_type, 'scope_name', r.scope_name,
                          'scope_role', r.scope_role)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.refs) r
 WHERE r.ref_kind = 'NAME'
UNION ALL
SELECT codecpg.stable_id('span', 'CST_ATTRIBUTE_ACCESS', f.path, r.bstart::text, r.bend::text), (SELECT 'CST_ATTRIBUTE_ACCESS'::text),
       f.repo, f.file_id, f.path, r.bstart, r.bend, r.ref_text, 'libcst',
       jsonb_build_object('expr_ctx', r.expr_ctx, 'scope_type', r.scope_type, 'scope_name', r.scope_name,
                          'scope_role', r.scope_role)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.refs) r
 WHERE r.ref_kind = 'ATTRIBUTE'
UNION ALL
SELECT codecpg.stable_id('span', 'CST_REF', f.path, r.bstart::text, r.bend::text), (SELECT 'CST_REF'::text),
       f.repo, f.file_id, f.path, r.bstart, r.bend, r.ref_text, 'libcst',
       jsonb_build_object('expr_ctx', r.expr_ctx, 'scope_type', r.scope_type, 'scope_name', r.scope_name,
                          'scope_role', r.scope_role)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.refs) r
 WHERE r.ref_kind NOT IN ('NAME', 'ATTRIBUTE')
UNION ALL
SELECT codecpg.stable_id('cst_call', f.file_id, c.call_bstart::text, c.call_bend::text), (SELECT 'CST_CALLSITE'::text),
       f.repo, f.file_id, f.path, c.call_bstart, c.call_bend, c.callee_text, 'libcst',
       jsonb_build_object('callee_shape', c.callee_shape, 'callee_dotted', c.callee_dotted, 'arg_count', c.arg_count,
                          'callee_bstart', c.callee_bstart, 'callee_bend', c.callee_bend, 'callee_fqns', c.callee_fqns)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.callsites) c
UNION ALL
SELECT codecpg.stable_id('span', 'CST_ARG', f.path, a.bstart::text, a.bend::text), (SELECT 'CST_ARG'::text),
       f.repo, f.file_id, f.path, a.bstart, a.bend, a.keyword, 'libcst',
       jsonb_build_object('arg_index', a.arg_index, 'star', a.star, 'arg_text', a.arg_text)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.call_args) a
UNION ALL
SELECT codecpg.stable_id('span', 'CST_DOCSTRING', f.path, d.bstart::text, d.bend::text), (SELECT 'CST_DOCSTRING'::text),
       f.repo, f.file_id, f.path, d.bstart, d.bend, NULL, 'libcst',
       jsonb_build_object('owner_kind', d.owner_kind, 'docstring', d.docstring)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.docstrings) d
UNION ALL
SELECT codecpg.stable_id('span', 'TYPE_EXPR', f.path, t.bstart::text, t.bend::text), (SELECT 'TYPE_EXPR'::text),
       f.repo, f.file_id, f.path, t.bstart, t.bend, t.expr_text, 'libcst',
       jsonb_build_object('expr_role', t.expr_role, 'param_name', t.param_name, 'expr_kind', t.expr_kind)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.type_exprs) t
-- syntax trees
UNION ALL
SELECT codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), (SELECT 'AST_DEF'::text),
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, coalesce(n.name, n.kind), 'py_ast',
       jsonb_build_object('kind', n.kind, 'ast_id', n.ast_id, 'field_name', n.field_name, 'value', n.value)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.kind IN ('FunctionDef', 'AsyncFunctionDef', 'ClassDef', 'Lambda')
UNION ALL
SELECT codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), (SELECT 'AST_CALL'::text),
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, coalesce(n.name, n.kind), 'py_ast',
       jsonb_build_object('kind', n.kind, 'ast_id', n.ast_id, 'field_name', n.field_name, 'value', n.value)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.kind = 'Call'
UNION ALL
SELECT codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), (SELECT 'AST_NODE'::text),
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, coalesce(n.name, n.kind), 'py_ast',
       jsonb_build_object('kind', n.kind, 'ast_id', n.ast_id, 'field_name', n.field_name, 'value', n.value)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.kind NOT IN ('FunctionDef', 'AsyncFunctionDef', 'ClassDef', 'Lambda', 'Call')
UNION ALL
SELECT codecpg.stable_id('ts_node', f.file_id, n.node_id::text), (SELECT 'TS_ERROR'::text),
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, n.kind, 'treesitter',
       jsonb_build_object('node_id', n.node_id, 'field_name', n.field_name, 'is_named', n.is_named)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.is_error
UNION ALL
SELECT codecpg.stable_id('ts_node', f.file_id, n.node_id::text), (SELECT 'TS_MISSING'::text),
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, n.kind, 'treesitter',
       jsonb_build_object('node_id', n.node_id, 'field_name', n.field_name, 'is_named', n.is_named)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.is_missing AND NOT n.is_error
UNION ALL
SELECT codecpg.stable_id('ts_node', f.file_id, n.node_id::text), (SELECT 'TS_NODE'::text),
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, n.kind, 'treesitter',
       jsonb_build_object('node_id', n.node_id, 'field_name', n.field_name, 'is_named', n.is_named)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE NOT n.is_error AND NOT n.is_missing
-- symbol tables
UNION ALL
SELECT codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name, coalesce(b.lineno1, 0)::text),
       (SELECT 'SYM_SCOPE'::text), f.repo, f.file_id, f.path, (b.span_hint).bstart, (b.span_hint).bend, b.name, 'symtable',
       jsonb_build_object('block_type', b.block_type, 'qualpath', b.qualpath, 'lineno1', b.lineno1)
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.blocks) b
UNION ALL
SELECT codecpg.stable_id('sym_symbol',
           codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name, coalesce(b.lineno1, 0)::text),
           s.name),
       (SELECT 'SYM_SYMBOL'::text), f.repo, f.file_id, f.path, NULL, NULL, s.name, 'symtable',
       jsonb_build_object('is_local', s.is_local, 'is_global', s.is_global, 'is_declared_global', s.is_declared_global,
                          'is_parameter', s.is_parameter, 'is_imported', s.is_imported, 'is_assigned', s.is_assigned,
                          'is_referenced', s.is_referenced, 'is_free', s.is_free)
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.blocks) b CROSS JOIN LATERAL unnest(b.symbols) s
-- SCIP
UNION ALL
SELECT DISTINCT codecpg.stable_id('scip_index', p.repo, p.index_id), (SELECT 'SCIP_INDEX'::text), p.repo, NULL::text, NULL::text,
       NULL::integer, NULL::integer,
       p.index_id, 'scip', jsonb_build_object('tool', (p.metadata).tool_info.name, 'version', (p.metadata).tool_info.version)
  FROM codecpg.scip_index_v1 p
UNION ALL
SELECT codecpg.stable_id('scip_document', p.repo, p.index_id, d.relative_path), (SELECT 'SCIP_DOCUMENT'::text), p.repo, p.file_id,
       d.relative_path, NULL, NULL, d.relative_path, 'scip', jsonb_build_object('language', d.language)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
UNION ALL
SELECT codecpg.stable_id('scip_occurrence', p.repo, p.index_id, d.relative_path, o.ordinality::text), (SELECT 'SCIP_OCCURRENCE'::text),
       p.repo, p.file_id, d.relative_path, (o.range).bstart, (o.range).bend, o.symbol, 'scip',
       jsonb_build_object('symbol_roles', o.symbol_roles, 'range_raw', o.range_raw)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
UNION ALL
SELECT codecpg.stable_id('scip_diagnostic', p.repo, p.index_id, d.relative_path, o.ordinality::text, g.gord::text),
       (SELECT 'SCIP_DIAGNOSTIC'::text), p.repo, p.file_id, d.relative_path, (o.range).bstart, (o.range).bend, g.message, 'scip',
       jsonb_build_object('severity', g.severity, 'code', g.code, 'source', g.source)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
 CROSS JOIN LATERAL unnest(o.diagnostics) WITH ORDINALITY g(severity, code, message, source, tags, gord)
UNION ALL
SELECT codecpg.stable_id('scip_symbol', s.repo, s.symbol), (SELECT 'SCIP_SYMBOL'::text), s.repo, NULL, NULL, NULL, NULL, s.symbol, 'scip',
       jsonb_build_object('display_name', max(s.display_name), 'kind', max(s.kind))
  FROM (SELECT p.repo, o.symbol, NULL::text AS display_name, NULL::integer AS kind
          FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d CROSS JOIN LATERAL unnest(d.occurrences) o
        UNION ALL
        SELECT p.repo, i.symbol, i.display_name, i.kind
          FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d CROSS JOIN LATERAL unnest(d.symbols) i
        UNION ALL
        SELECT p.repo, i.symbol, i.display_name, i.kind
          FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.external_symbols) i
        UNION ALL
        -- a relationship's target, which may be named nowhere else (the SCIP_SYMBOL_* edges end there)
        SELECT p.repo, r.related_symbol, NULL, NULL
          FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r) s
 WHERE s.symbol IS NOT NULL AND s.symbol <> ''
 GROUP BY s.repo, s.symbol
-- names known only as names: unresolved call targets and the CST's candidate names
UNION ALL
SELECT DISTINCT q.node_id, (SELECT 'PY_QUALIFIED_NAME'::text), q.repo, NULL::text, NULL::text, NULL::integer, NULL::integer, q.name,
       'derived', NULL::jsonb
  FROM (SELECT l.callee_node_id AS node_id, g.repo, l.callee_name AS name
          FROM codecpg.cpg_graph_v1 g CROSS JOIN LATERAL codecpg.cpg_links(g) l
         WHERE l.callee_kind IN ('EXTERNAL', 'UNRESOLVED', 'NAME')
        UNION ALL
        SELECT codecpg.stable_id('py_qname', f.repo, n), f.repo, n
          FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.callsites) c
         CROSS JOIN LATERAL unnest(c.callee_fqns) n) q
-- bytecode and control flow
UNION ALL
SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name), (SELECT 'BC_CODE_UNIT'::text),
       f.repo, f.file_id, f.path, (c.span).bstart, (c.span).bend, c.qualname, 'dis',
       jsonb_build_object('code_id', c.code_id, 'firstlineno1', c.firstlineno1, 'argcount', c.argcount,
                          'is_generator', c.is_generator, 'is_coroutine', c.is_coroutine)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c
UNION ALL
SELECT codecpg.stable_id('bc_instr', codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name),
                         i.instr_index::text, i.instr_offset::text),
       (SELECT 'BC_INSTR'::text), f.repo, f.file_id, f.path, (i.span).bstart, (i.span).bend, i.opname, 'dis',
       jsonb_build_object('offset', i.instr_offset, 'argrepr', i.argrepr, 'line_number', i.line_number)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c CROSS JOIN LATERAL unnest(c.instructions) i
UNION ALL
SELECT codecpg.stable_id('bc_block', codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name),
                         b.start_offset::text, b.end_offset::text),
       (SELECT 'CFG_BLOCK'::text), f.repo, f.file_id, f.path, NULL, NULL, b.kind, 'dis',
       jsonb_build_object('start_offset', b.start_offset, 'end_offset', b.end_offset)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c CROSS JOIN LATERAL unnest(c.blocks) b
UNION ALL
SELECT codecpg.stable_id('cfg_exit', codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name)),
       (SELECT 'CFG_EXIT'::text), f.repo, f.file_id, f.path, NULL, NULL, c.qualname, 'dis', NULL
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c
-- diagnostics of every domain (tree-sitter's are its TS_ERROR/TS_MISSING nodes, SCIP's its SCIP_DIAGNOSTIC nodes)
UNION ALL
SELECT codecpg.stable_id('diag', e.file_id, e.domain, e.ord::text), (SELECT 'DIAG'::text), e.repo, e.file_id, e.path,
       e.bstart, e.bend, e.message, e.origin, jsonb_build_object('error_type', e.error_type, 'domain', e.domain)
  -- codecpg.cpg_diagnostics(), written out: Citus cannot plan a SQL function over
  -- distributed tables that the planner inlines into a view
  FROM (SELECT f.repo, f.file_id, f.path, 'libcst', 'libcst', x.ordinality, x.error_type, x.message, x.bstart, x.bend
          FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.parse_errors) WITH ORDINALITY x
        UNION ALL
        SELECT f.repo, f.file_id, f.path, 'ast', 'py_ast', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
          FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x
        UNION ALL
        SELECT f.repo, f.file_id, f.path, 'symtable', 'symtable', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
          FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x
        UNION ALL
        SELECT f.repo, f.file_id, f.path, 'bytecode', 'dis', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
          FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x)
       e(repo, file_id, path, domain, origin, ord, error_type, message, bstart, bend)
-- data flow (dataflow_files_v1, sql/parts/85_dataflow.sql) -- DF block: begin ----------
UNION ALL
SELECT v.node_id, (SELECT 'DF_DEF'::text), f.repo, f.file_id, f.path, v.bstart, v.bend, v.name, 'dataflow',
       jsonb_build_object('kind', v.kind, 'event_id', v.event_id, 'code_id', v.code_id, 'qualname', v.qualname,
                          'line0', v.line0)
  FROM codecpg.dataflow_files_v1 f CROSS JOIN LATERAL codecpg.df_events(f) v
 WHERE v.role = 'def'
UNION ALL
SELECT v.node_id, (SELECT 'DF_USE'::text), f.repo, f.file_id, f.path, v.bstart, v.bend, v.name, 'dataflow',
       jsonb_build_object('kind', v.kind, 'event_id', v.event_id, 'code_id', v.code_id, 'qualname', v.qualname,
                          'line0', v.line0)
  FROM codecpg.dataflow_files_v1 f CROSS JOIN LATERAL codecpg.df_events(f) v
 WHERE v.role = 'use';
-- DF block: end ----------------------------------------------------------------------

CREATE VIEW codecpg.cpg_edges AS
SELECT coalesce(e.stored_id,
                codecpg.stable_id('edge', e.edge_kind, e.src_node_id, e.dst_node_id, coalesce(e.path, ''),
                                  coalesce(e.bstart::text, ''), coalesce(e.bend::text, ''))) AS edge_id,
       e.edge_kind, e.src_node_id, e.dst_node_id, e.repo, e.path, e.bstart, e.bend, e.edge_owner_file_id,
       e.origin, e.resolution_method, e.confidence, e.score, e.symbol_roles, e.rule_name
  FROM (
-- containment
SELECT NULL::text AS stored_id, (SELECT 'REPO_CONTAINS'::text) AS edge_kind, codecpg.stable_id('py_repo', f.repo) AS src_node_id,
       f.file_id AS dst_node_id, f.repo, f.path, NULL::integer AS bstart, NULL::integer AS bend,
       f.file_id AS edge_owner_file_id, 'derived'::text AS origin, 'structure'::text AS resolution_method,
       1.0::double precision AS confidence, 1.0::double precision AS score, NULL::integer AS symbol_roles,
       NULL::text AS rule_name
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT NULL, (SELECT 'FILE_DECLARES_MODULE'::text), f.file_id, codecpg.stable_id('py_module', f.file_id), f.repo, f.path, NULL, NULL,
       f.file_id, 'derived', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT NULL, (SELECT 'FILE_DECLARES_MODULE'::text), f.file_id, codecpg.stable_id('py_package', f.file_id), f.repo, f.path, NULL, NULL,
       f.file_id, 'derived', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.repo_files_v1 f
 WHERE f.path ~ '(^|/)__init__\.pyi?$'
UNION ALL
SELECT NULL, (SELECT 'FILE_CONTAINS'::text),
       CASE WHEN d.container_def_bstart IS NULL THEN codecpg.stable_id('py_module', f.file_id)
            ELSE codecpg.stable_id('cst_def', f.file_id, d.container_def_kind, d.container_def_bstart::text,
                                   d.container_def_bend::text) END,
       codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text),
       f.repo, f.path, d.def_bstart, d.def_bend, f.file_id, 'libcst', 'span_containment', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
-- CST parent/child
UNION ALL
SELECT NULL, (SELECT 'CST_PARENT_OF'::text), codecpg.stable_id('span', 'CST_IMPORT', f.path, i.stmt_bstart::text, i.stmt_bend::text),
       codecpg.stable_id('cst_import', f.file_id, i.kind, i.alias_bstart::text, i.alias_bend::text),
       f.repo, f.path, i.alias_bstart, i.alias_bend, f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.imports) i
UNION ALL
SELECT NULL, (SELECT 'CST_PARENT_OF'::text), codecpg.stable_id('cst_call', f.file_id, a.call_bstart::text, a.call_bend::text),
       codecpg.stable_id('span', 'CST_ARG', f.path, a.bstart::text, a.bend::text),
       f.repo, f.path, a.bstart, a.bend, f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f
 CROSS JOIN LATERAL (SELECT c.call_bstart, c.call_bend, a.bstart, a.bend
                       FROM unnest(f.callsites) c JOIN unnest(f.call_args) a ON a.call_id = c.call_id) a
UNION ALL
SELECT NULL, (SELECT 'CST_PARENT_OF'::text), codecpg.stable_id('cst_def', f.file_id, x.kind, x.def_bstart::text, x.def_bend::text),
       codecpg.stable_id('span', x.child_kind, f.path, x.bstart::text, x.bend::text),
       f.repo, f.path, x.bstart, x.bend, f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f
 CROSS JOIN LATERAL (SELECT d.kind, d.def_bstart, d.def_bend, 'CST_DECORATOR' AS child_kind, x.bstart, x.bend
                       FROM unnest(f.decorators) x JOIN unnest(f.defs) d ON d.def_id = x.owner_def_id
                     UNION ALL
                     SELECT d.kind, d.def_bstart, d.def_bend, 'CST_DOCSTRING', x.bstart, x.bend
                       FROM unnest(f.docstrings) x JOIN unnest(f.defs) d ON d.def_id = x.owner_def_id) x
UNION ALL
SELECT NULL, (SELECT 'CST_PARENT_OF'::text), codecpg.stable_id('py_module', f.file_id),
       codecpg.stable_id('span', 'CST_DOCSTRING', f.path, x.bstart::text, x.bend::text),
       f.repo, f.path, x.bstart, x.bend, f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.docstrings) x
 WHERE x.owner_def_id IS NULL
UNION ALL
SELECT NULL, (SELECT 'CST_PARENT_OF'::text), codecpg.stable_id('cst_def', f.file_id, p.kind, p.def_bstart::text, p.def_bend::text),
       codecpg.stable_id('span', 'CST_PARAM', f.path, p.bstart::text, p.bend::text),
       f.repo, f.path, p.bstart, p.bend, f.file_id, 'treesitter', 'span_containment', 1.0, 1.0, NULL, NULL
  FROM codecpg.tree_sitter_files_v1 f
  JOIN codecpg.libcst_files_v1 l ON l.repo = f.repo AND l.file_id = f.file_id
 CROSS JOIN LATERAL (
     SELECT d.kind, d.def_bstart, d.def_bend, (c.span).bstart, (c.span).bend
       FROM unnest(f.nodes) c
       JOIN unnest(f.nodes) pl ON pl.node_id = c.parent_id AND pl.kind IN ('parameters', 'lambda_parameters')
       JOIN unnest(f.nodes) o ON o.node_id = pl.parent_id
       JOIN unnest(l.defs) d ON d.def_bend = (o.span).bend
                            AND (d.name_bstart IS NULL AND d.def_bstart = (o.span).bstart
                                 OR d.name_bstart >= (o.span).bstart AND d.name_bend <= (pl.span).bstart)
      WHERE c.is_named AND c.kind <> 'comment') p
-- syntax trees
UNION ALL
SELECT NULL, (SELECT 'AST_PARENT_OF'::text), codecpg.stable_id('ast_node', f.file_id, n.parent_ast_id::text),
       codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), f.repo, f.path, (n.span).bstart, (n.span).bend,
       f.file_id, 'py_ast', 'syntax', 1.0, 1.0, NULL, n.field_name
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.parent_ast_id IS NOT NULL
UNION ALL
SELECT NULL, (SELECT 'TS_PARENT_OF'::text), codecpg.stable_id('ts_node', f.file_id, n.parent_id::text),
       codecpg.stable_id('ts_node', f.file_id, n.node_id::text), f.repo, f.path, (n.span).bstart, (n.span).bend,
       f.file_id, 'treesitter', 'syntax', 1.0, 1.0, NULL, n.field_name
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.parent_id IS NOT NULL
-- symbol tables
UNION ALL
SELECT NULL, (SELECT 'SCOPE_PARENT'::text), x.child_id, x.parent_id, f.repo, f.path, NULL, NULL, f.file_id, 'symtable', 'structure',
       1.0, 1.0, NULL, NULL
  FROM codecpg.symtable_files_v1 f
 CROSS JOIN LATERAL (
     SELECT codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name, coalesce(b.lineno1, 0)::text),
            codecpg.stable_id('sym_scope', f.file_id, p.block_id::text, p.block_type, p.name, coalesce(p.lineno1, 0)::text)
       FROM unnest(f.blocks) b JOIN unnest(f.blocks) p ON p.block_id = b.parent_block_id) x(child_id, parent_id)
UNION ALL
SELECT NULL, (SELECT 'SCOPE_BINDS'::text), x.scope_id, codecpg.stable_id('sym_symbol', x.scope_id, s.name),
       f.repo, f.path, NULL, NULL, f.file_id, 'symtable', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.blocks) b
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name,
                                              coalesce(b.lineno1, 0)::text) AS scope_id) x
 CROSS JOIN LATERAL unnest(b.symbols) s
-- the CST's own candidate names for callees
UNION ALL
SELECT NULL, (SELECT 'CALLSITE_CANDIDATE_QNAME'::text), codecpg.stable_id('cst_call', f.file_id, c.call_bstart::text, c.call_bend::text),
       codecpg.stable_id('py_qname', f.repo, n), f.repo, f.path, c.callee_bstart, c.callee_bend, f.file_id,
       'libcst', 'file_scope', 0.5, 0.5, NULL, NULL
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.callsites) c CROSS JOIN LATERAL unnest(c.callee_fqns) n
-- annotations
UNION ALL
SELECT NULL, (SELECT 'HAS_ANNOTATION'::text),
       CASE WHEN t.owner_def_kind IS NULL THEN codecpg.stable_id('py_module', f.file_id)
            ELSE codecpg.stable_id('cst_def', f.file_id, t.owner_def_kind, t.owner_def_bstart::text, t.owner_def_bend::text) END,
       codecpg.stable_id('span', 'TYPE_EXPR', f.path, t.bstart::text, t.bend::text), f.repo, f.path, t.bstart, t.bend,
       f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, t.expr_role
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.type_exprs) t
-- SCIP: role bits of occurrences, and of the CST nodes at exactly their spans
UNION ALL
SELECT DISTINCT NULL, (SELECT 'PY_DEFINES_SYMBOL'::text), m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p
  LEFT JOIN codecpg.libcst_files_v1 c ON c.repo = p.repo AND c.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p, c) m WHERE m.symbol_roles & 1 <> 0
UNION ALL
SELECT DISTINCT NULL, (SELECT 'PY_IMPORTS_SYMBOL'::text), m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p
  LEFT JOIN codecpg.libcst_files_v1 c ON c.repo = p.repo AND c.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p, c) m WHERE m.symbol_roles & 2 <> 0
UNION ALL
SELECT DISTINCT NULL, (SELECT 'PY_WRITES_SYMBOL'::text), m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p
  LEFT JOIN codecpg.libcst_files_v1 c ON c.repo = p.repo AND c.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p, c) m WHERE m.symbol_roles & 4 <> 0
UNION ALL
SELECT DISTINCT NULL, (SELECT 'PY_READS_SYMBOL'::text), m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p
  LEFT JOIN codecpg.libcst_files_v1 c ON c.repo = p.repo AND c.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p, c) m WHERE m.symbol_roles & 8 <> 0
UNION ALL
SELECT DISTINCT NULL, (SELECT 'PY_REFERENCES_SYMBOL'::text), m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p
  LEFT JOIN codecpg.libcst_files_v1 c ON c.repo = p.repo AND c.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p, c) m WHERE m.symbol_roles & 15 = 0
UNION ALL
SELECT NULL, (SELECT 'SCIP_CONTAINS'::text), codecpg.stable_id('scip_index', p.repo, p.index_id),
       codecpg.stable_id('scip_document', p.repo, p.index_id, d.relative_path), p.repo, d.relative_path, NULL, NULL,
       p.file_id, 'scip', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
UNION ALL
SELECT NULL, (SELECT 'SCIP_CONTAINS'::text), codecpg.stable_id('scip_document', p.repo, p.index_id, d.relative_path),
       codecpg.stable_id('scip_occurrence', p.repo, p.index_id, d.relative_path, o.ordinality::text), p.repo,
       d.relative_path, (o.range).bstart, (o.range).bend, p.file_id, 'scip', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
UNION ALL
SELECT DISTINCT NULL, (SELECT 'SCIP_SYMBOL_REFERENCE'::text), codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), p.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0, 1.0, NULL::integer, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_reference
UNION ALL
SELECT DISTINCT NULL, (SELECT 'SCIP_SYMBOL_IMPLEMENTATION'::text), codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), p.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0, 1.0, NULL::integer, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_implementation
UNION ALL
SELECT DISTINCT NULL, (SELECT 'SCIP_SYMBOL_TYPE_DEFINITION'::text), codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), p.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0, 1.0, NULL::integer, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_type_definition
UNION ALL
SELECT DISTINCT NULL, (SELECT 'SCIP_SYMBOL_DEFINITION'::text), codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), p.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0, 1.0, NULL::integer, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_definition
-- what runs, imports' bindings, bases (codecpg.cpg_refresh), and the scope of each callsite
UNION ALL
SELECT NULL, CASE l.link_kind WHEN 'binding' THEN 'BINDING_RESOLVES_TO' WHEN 'inherits' THEN 'CLASS_INHERITS'
                              ELSE CASE l.resolution WHEN 'scip' THEN 'PY_CALLS_SYMBOL' ELSE 'PY_CALLS_QNAME' END END,
       l.src_node_id, l.callee_node_id, g.repo, g.path, l.bstart, l.bend, g.file_id,
       CASE l.resolution WHEN 'scip' THEN 'scip' ELSE 'derived' END, l.resolution,
       CASE WHEN l.resolution IN ('scip', 'structure') THEN 1.0 ELSE 0.5 END,
       CASE WHEN l.resolution IN ('scip', 'structure') THEN 1.0 ELSE 0.5 END / greatest(l.candidates, 1),
       NULL, l.link_kind || coalesce(':' || l.detail, '')
  FROM codecpg.cpg_graph_v1 g CROSS JOIN LATERAL codecpg.cpg_links(g) l
UNION ALL
SELECT DISTINCT NULL, (SELECT 'FILE_CONTAINS'::text), l.caller_node_id, l.src_node_id, g.repo, g.path, l.bstart, l.bend, g.file_id,
       'derived', 'span_containment', 1.0, 1.0, NULL::integer, NULL::text
  FROM codecpg.cpg_graph_v1 g CROSS JOIN LATERAL codecpg.cpg_links(g) l
 WHERE l.link_kind = 'call'
-- bytecode: code units anchored to their definitions, containment, control flow
UNION ALL
SELECT NULL, (SELECT 'BYTECODE_ANCHOR'::text), u.unit_id, u.anchor_id, f.repo, f.path, u.bstart, u.bend, f.file_id,
       'dis', u.method, 1.0, 1.0, NULL, NULL
  FROM codecpg.bytecode_files_v1 f
  -- the file's scopes, joined rather than read in a correlated subquery, which would
  -- keep Citus from routing the view's query to the one shard of the repository
  LEFT JOIN (SELECT sc.repo, sc.file_id, array_agg(ROW(sc.*)::codecpg.cpg_scopes_v1) AS scopes
                 FROM codecpg.cpg_scopes_v1 sc GROUP BY sc.repo, sc.file_id) fs
           ON fs.repo = f.repo AND fs.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_bc_anchors(f, fs.scopes) u
UNION ALL
SELECT NULL, (SELECT 'BC_CONTAINS'::text), x.parent_id, x.child_id, f.repo, f.path, x.bstart, x.bend, f.file_id, 'dis', 'structure',
       1.0, 1.0, NULL, NULL
  FROM codecpg.bytecode_files_v1 f
 CROSS JOIN LATERAL (
     SELECT codecpg.stable_id('bc_code', f.file_id, p.qualname, p.firstlineno1::text, p.name),
            codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name), (c.span).bstart, (c.span).bend
       FROM unnest(f.code_objects) c JOIN unnest(f.code_objects) p ON p.code_id = c.parent_code_id)
     x(parent_id, child_id, bstart, bend)
UNION ALL
SELECT NULL, (SELECT 'BC_CONTAINS'::text), u.unit_id,
       codecpg.stable_id('bc_block', u.unit_id, b.start_offset::text, b.end_offset::text), f.repo, f.path, NULL, NULL,
       f.file_id, 'dis', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
 CROSS JOIN LATERAL unnest(c.blocks) b
UNION ALL
SELECT NULL, (SELECT 'BC_CONTAINS'::text), u.unit_id,
       codecpg.stable_id('bc_instr', u.unit_id, i.instr_index::text, i.instr_offset::text), f.repo, f.path,
       (i.span).bstart, (i.span).bend, f.file_id, 'dis', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
 CROSS JOIN LATERAL unnest(c.instructions) i
UNION ALL
SELECT NULL, (SELECT 'CFG_NEXT'::text), x.src_node_id, x.dst_node_id, f.repo, f.path, NULL, NULL, f.file_id, 'dis', 'cfg', 1.0, 1.0, NULL, x.kind
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_cfg_edges(f) x WHERE x.kind IN ('next', 'exit')
UNION ALL
SELECT NULL, (SELECT 'CFG_JUMP'::text), x.src_node_id, x.dst_node_id, f.repo, f.path, NULL, NULL, f.file_id, 'dis', 'cfg', 1.0, 1.0, NULL, x.kind
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_cfg_edges(f) x WHERE x.kind = 'jump'
UNION ALL
SELECT NULL, (SELECT 'CFG_BRANCH'::text), x.src_node_id, x.dst_node_id, f.repo, f.path, NULL, NULL, f.file_id, 'dis', 'cfg', 1.0, 1.0, NULL, x.kind
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_cfg_edges(f) x WHERE x.kind = 'branch'
UNION ALL
SELECT NULL, (SELECT 'CFG_EXC'::text), x.src_node_id, x.dst_node_id, f.repo, f.path, NULL, NULL, f.file_id, 'dis', 'cfg', 1.0, 1.0, NULL, x.kind
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_cfg_edges(f) x WHERE x.kind = 'exc'
-- diagnostics
UNION ALL
SELECT NULL, (SELECT 'HAS_DIAGNOSTIC'::text), f.file_id, codecpg.stable_id('ts_node', f.file_id, x.node_id::text), f.repo, f.path,
       (x.span).bstart, (x.span).bend, f.file_id, 'treesitter', 'structure', 1.0, 1.0, NULL, 'TS_ERROR'
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.errors) x
UNION ALL
SELECT NULL, (SELECT 'HAS_DIAGNOSTIC'::text), f.file_id, codecpg.stable_id('ts_node', f.file_id, x.node_id::text), f.repo, f.path,
       (x.span).bstart, (x.span).bend, f.file_id, 'treesitter', 'structure', 1.0, 1.0, NULL, 'TS_MISSING'
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.missing) x
UNION ALL
SELECT NULL, (SELECT 'HAS_DIAGNOSTIC'::text), x.file_id, codecpg.stable_id('diag', x.file_id, x.domain, x.ord::text), x.repo, x.path,
       x.bstart, x.bend, x.file_id, x.origin, 'structure', 1.0, 1.0, NULL, 'DIAG'
  -- codecpg.cpg_diagnostics(), written out as in cpg_nodes
  FROM (SELECT f.repo, f.file_id, f.path, 'libcst', 'libcst', x.ordinality, x.error_type, x.message, x.bstart, x.bend
          FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.parse_errors) WITH ORDINALITY x
        UNION ALL
        SELECT f.repo, f.file_id, f.path, 'ast', 'py_ast', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
          FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x
        UNION ALL
        SELECT f.repo, f.file_id, f.path, 'symtable', 'symtable', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
          FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x
        UNION ALL
        SELECT f.repo, f.file_id, f.path, 'bytecode', 'dis', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
          FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x)
       x(repo, file_id, path, domain, origin, ord, error_type, message, bstart, bend)
UNION ALL
SELECT NULL, (SELECT 'HAS_DIAGNOSTIC'::text), codecpg.stable_id('scip_occurrence', p.repo, p.index_id, d.relative_path, o.ordinality::text),
       codecpg.stable_id('scip_diagnostic', p.repo, p.index_id, d.relative_path, o.ordinality::text, g.ordinality::text),
       p.repo, d.relative_path, (o.range).bstart, (o.range).bend, p.file_id, 'scip', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
 CROSS JOIN LATERAL unnest(o.diagnostics) WITH ORDINALITY g
-- data flow (dataflow_files_v1, sql/parts/85_dataflow.sql) -- DF block: begin ----------
UNION ALL
SELECT NULL, (SELECT 'REACHES'::text), r.def_node_id, r.use_node_id, f.repo, f.path, r.bstart, r.bend, f.file_id, 'dataflow',
       'reaching_definitions', 1.0, 1.0, NULL, r.name
  FROM codecpg.dataflow_files_v1 f CROSS JOIN LATERAL codecpg.df_reaches(f) r
UNION ALL
SELECT NULL, (SELECT 'STEP_DEF'::text), s.src_node_id, s.dst_node_id, f.repo, f.path, s.bstart, s.bend, f.file_id, 'dataflow',
       'data_step', 1.0, 1.0, NULL, s.role || coalesce(':' || s.arg_position, ':' || s.keyword, '')
  FROM codecpg.dataflow_files_v1 f
 CROSS JOIN LATERAL (SELECT DISTINCT ON (x.src_id, x.dst_id) x.*
                       FROM codecpg.df_steps(f) x ORDER BY x.src_id, x.dst_id, x.arg_position) s
 WHERE s.edge_kind = 'STEP_DEF'
UNION ALL
SELECT NULL, (SELECT 'STEP_USE'::text), s.src_node_id, s.dst_node_id, f.repo, f.path, s.bstart, s.bend, f.file_id, 'dataflow',
       'data_step', 1.0, 1.0, NULL, s.role || coalesce(':' || s.arg_position, ':' || s.keyword, '')
  FROM codecpg.dataflow_files_v1 f
 CROSS JOIN LATERAL (SELECT DISTINCT ON (x.src_id, x.dst_id) x.*
                       FROM codecpg.df_steps(f) x ORDER BY x.src_id, x.dst_id, x.arg_position) s
 WHERE s.edge_kind = 'STEP_USE'
UNION ALL
SELECT NULL, (SELECT 'CFG_BRANCH_TRUE'::text), b.src_node_id, b.dst_node_id, f.repo, f.path, b.bstart, b.bend, f.file_id, 'dataflow', 'cfg',
       1.0, 1.0, NULL, NULL
  FROM codecpg.dataflow_files_v1 f CROSS JOIN LATERAL codecpg.df_branches(f) b
 WHERE b.sense
UNION ALL
SELECT NULL, (SELECT 'CFG_BRANCH_FALSE'::text), b.src_node_id, b.dst_node_id, f.repo, f.path, b.bstart, b.bend, f.file_id, 'dataflow', 'cfg',
       1.0, 1.0, NULL, NULL
  FROM codecpg.dataflow_files_v1 f CROSS JOIN LATERAL codecpg.df_branches(f) b
 WHERE NOT b.sense
-- DF block: end ----------------------------------------------------------------------
) e;

COMMENT ON VIEW codecpg.cpg_nodes IS
  'The nodes of the code property graph, derived from every domain''s stored facts (ids from codecpg.stable_id, never stored per element). Kinds: PY_REPO, PY_FILE, PY_MODULE, PY_PACKAGE; CST_CLASS_DEF, CST_FUNCTION_DEF, CST_LAMBDA (CST_DEF for any other definition kind), CST_PARAM, CST_DECORATOR, CST_IMPORT, CST_IMPORT_ALIAS, CST_NAME_REF, CST_ATTRIBUTE_ACCESS, CST_REF, CST_CALLSITE, CST_ARG, CST_DOCSTRING, TYPE_EXPR; AST_NODE, AST_DEF, AST_CALL; TS_NODE, TS_ERROR, TS_MISSING; SYM_SCOPE, SYM_SYMBOL; SCIP_INDEX, SCIP_DOCUMENT, SCIP_OCCURRENCE, SCIP_SYMBOL, SCIP_DIAGNOSTIC; PY_QUALIFIED_NAME; BC_CODE_UNIT, BC_INSTR, CFG_BLOCK, CFG_EXIT; DIAG. See docs/cpg.md. Data flow (docs/dataflow.md): DF_DEF, DF_USE.';
SELECT codecpg.comment_attributes('codecpg.cpg_nodes', ARRAY[
  ['node_id',   'Stable node id "<prefix>:<32 hex>" (codecpg.stable_id); recipes in docs/cpg.md, e.g. cst_def (file_id, kind, def_bstart, def_bend), cst_call (file_id, call_bstart, call_bend), span (kind, path, bstart, bend).'],
  ['node_kind', 'Kind of the node (see COMMENT ON VIEW).'],
  ['repo',      'Repository name.'],
  ['file_id',   'File of the node, or NULL for repository-level nodes (repository, SCIP index and symbols, qualified names).'],
  ['path',      'File path of the node (the document path for SCIP nodes), or NULL.'],
  ['bstart',    'First byte of the node''s span in the file''s UTF-8 source, or NULL when it has none.'],
  ['bend',      'Byte past the node''s span, or NULL.'],
  ['name',      'A readable label: the defined or referenced name, module name, callee text, node type, opname, SCIP symbol, message.'],
  ['origin',    'Domain the node comes from: libcst, py_ast, symtable, dis, dataflow, scip, treesitter or derived.'],
  ['props',     'Further properties of the node (jsonb), domain-specific; NULL when there are none.']
]);

COMMENT ON VIEW codecpg.cpg_edges IS
  'The edges of the code property graph over every domain: containment (REPO_CONTAINS, FILE_DECLARES_MODULE, FILE_CONTAINS, BC_CONTAINS, SCIP_CONTAINS), trees (CST_PARENT_OF, AST_PARENT_OF, TS_PARENT_OF), scopes (SCOPE_PARENT, SCOPE_BINDS), SCIP role bits and relationships (PY_DEFINES/IMPORTS/WRITES/READS/REFERENCES_SYMBOL, SCIP_SYMBOL_REFERENCE/IMPLEMENTATION/TYPE_DEFINITION/DEFINITION), resolution (PY_CALLS_SYMBOL, PY_CALLS_QNAME, BINDING_RESOLVES_TO, CLASS_INHERITS, CALLSITE_CANDIDATE_QNAME), HAS_ANNOTATION, BYTECODE_ANCHOR, control flow (CFG_NEXT, CFG_JUMP, CFG_BRANCH, CFG_EXC) and HAS_DIAGNOSTIC. Resolution edges come from codecpg.cpg_refresh. Unique on (edge_kind, src, dst, path, bstart, bend). See docs/cpg.md. Data flow (docs/dataflow.md): REACHES, STEP_DEF, STEP_USE, CFG_BRANCH_TRUE, CFG_BRANCH_FALSE.';
SELECT codecpg.comment_attributes('codecpg.cpg_edges', ARRAY[
  ['edge_id',            'Stable edge id: codecpg.stable_id(''edge'', edge_kind, src_node_id, dst_node_id, path, bstart, bend), absent span parts as empty strings.'],
  ['edge_kind',          'Kind of the edge (see COMMENT ON VIEW).'],
  ['src_node_id',        'Source node (cpg_nodes.node_id).'],
  ['dst_node_id',        'Destination node (cpg_nodes.node_id).'],
  ['repo',               'Repository name.'],
  ['path',               'File of the evidence, or NULL.'],
  ['bstart',             'First byte of the evidence in that file, or NULL.'],
  ['bend',               'Byte past the evidence, or NULL.'],
  ['edge_owner_file_id', 'File the edge belongs to: re-extracting or deleting that file replaces the edge.'],
  ['origin',             'Domain of the evidence: libcst, py_ast, symtable, dis, dataflow, scip, treesitter or derived (codecpg''s own resolution).'],
  ['resolution_method',  'How the edge was established: structure, syntax, span_containment, scip_span_exact, scip_occurrence, relationship, name_resolution, file_scope, unresolved, cfg, module, qualname_order, reaching_definitions or data_step.'],
  ['confidence',         '1.0 for facts and SCIP span-exact matches; 0.5 for codecpg''s own name resolution and for the CST''s in-file candidates.'],
  ['score',              'confidence divided by the number of alternative targets of the same evidence; the best score is kept when an edge is found twice.'],
  ['symbol_roles',       'SCIP role bits (DEFINITION=1, IMPORT=2, WRITE=4, READ=8, ...) of the occurrence behind the edge, else NULL.'],
  ['rule_name',          'The rule or detail behind the edge: for a resolved link its kind and detail (call, decorator, import, class_body, property:fget, dunder:__enter__, binding, inherits), the field name of a tree edge, the annotation role, the CFG edge kind.']
]);
