-- codecpg install script, part 98: the views codecpg.cpg_nodes and codecpg.cpg_edges.
--
-- One branch per (domain, kind), each naming its kind as a constant, so a query that
-- filters on node_kind or edge_kind plans only the branches it needs. Every branch
-- yields exactly the view's column types (NULLs and numbers cast), so that PostgreSQL
-- flattens the UNION ALL into an append of its branches and computes only the columns
-- a query uses: counting edges computes no id, and no line number unless asked for.
-- The views call no function that reads a table: a role with SELECT on the views (and
-- EXECUTE on the pure functions they call, granted to PUBLIC) needs nothing else.
-- Spanned CST elements without a recipe of their own use
-- codecpg.stable_id('span', kind, path, bstart, bend).
--
-- Lists stored in root rows are unnested with codecpg.cpg_elements, which is unnest()
-- with the planner told the lists' average length (from ANALYZE): joins of the views
-- then hash their smaller side instead of sorting both.
--
-- The last columns are scalar copies of what BI tools filter and group on:
-- qualified_name, kind_detail, line and end_line (1-based, the line of the first and of
-- the last byte). New branches go before the end of each view, in the block marked for
-- them, with the same column list.

CREATE VIEW codecpg.cpg_nodes AS
-- repository, files, modules, packages
SELECT codecpg.stable_id('py_repo', r.repo) AS node_id, 'PY_REPO'::text AS node_kind, r.repo,
       NULL::text AS file_id, NULL::text AS path, NULL::integer AS bstart, NULL::integer AS bend,
       r.repo AS name, 'derived'::text AS origin, NULL::jsonb AS props,
       r.repo AS qualified_name, NULL::text AS kind_detail, NULL::integer AS line, NULL::integer AS end_line
  FROM codecpg.repositories r
 WHERE EXISTS (SELECT 1 FROM codecpg.repo_files_v1 f WHERE f.repo = r.repo)
UNION ALL
SELECT f.file_id, 'PY_FILE', f.repo, f.file_id, f.path, 0, f.size_bytes::integer, f.path, 'derived',
       jsonb_build_object('file_sha256', f.file_sha256, 'encoding', f.encoding, 'line_count', f.line_count),
       codecpg.cpg_module_name(f.path), f.encoding, 1, f.line_count
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT codecpg.stable_id('py_module', f.file_id), 'PY_MODULE', f.repo, f.file_id, f.path, 0, f.size_bytes::integer,
       codecpg.cpg_module_name(f.path), 'derived', NULL::jsonb,
       codecpg.cpg_module_name(f.path), NULL::text, 1, f.line_count
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT codecpg.stable_id('py_package', f.file_id), 'PY_PACKAGE', f.repo, f.file_id, f.path, NULL::integer, NULL::integer,
       codecpg.cpg_module_name(f.path), 'derived', NULL::jsonb,
       codecpg.cpg_module_name(f.path), NULL::text, NULL::integer, NULL::integer
  FROM codecpg.repo_files_v1 f
 WHERE f.path ~ '(^|/)__init__\.pyi?$'
-- CST definitions and their parts
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), 'CST_CLASS_DEF',
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count),
       d.def_fqns[1], d.kind,
       codecpg.line_at(r.source, d.def_bstart), codecpg.line_at(r.source, greatest(d.def_bend - 1, d.def_bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.defs) d
 WHERE d.kind = 'CLASS'
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), 'CST_FUNCTION_DEF',
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count),
       d.def_fqns[1], d.kind,
       codecpg.line_at(r.source, d.def_bstart), codecpg.line_at(r.source, greatest(d.def_bend - 1, d.def_bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.defs) d
 WHERE d.kind IN ('FUNCTION', 'ASYNC_FUNCTION')
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), 'CST_LAMBDA',
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count),
       d.def_fqns[1], d.kind,
       codecpg.line_at(r.source, d.def_bstart), codecpg.line_at(r.source, greatest(d.def_bend - 1, d.def_bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.defs) d
 WHERE d.kind = 'LAMBDA'
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), 'CST_DEF',
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count),
       d.def_fqns[1], d.kind,
       codecpg.line_at(r.source, d.def_bstart), codecpg.line_at(r.source, greatest(d.def_bend - 1, d.def_bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.defs) d
 WHERE d.kind NOT IN ('CLASS', 'FUNCTION', 'ASYNC_FUNCTION', 'LAMBDA')
UNION ALL
SELECT codecpg.stable_id('span', 'CST_PARAM', f.path, p.bstart::text, p.bend::text), 'CST_PARAM',
       f.repo, f.file_id, f.path, p.bstart, p.bend, NULL::text, 'treesitter',
       jsonb_build_object('ts_kind', p.kind, 'position', p.position),
       NULL::text, p.kind, p.line, p.end_line
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL codecpg.cpg_params(f.nodes) p
UNION ALL
SELECT codecpg.stable_id('span', 'CST_DECORATOR', f.path, x.bstart::text, x.bend::text), 'CST_DECORATOR',
       f.repo, f.file_id, f.path, x.bstart, x.bend, x.decorator_text, 'libcst',
       jsonb_build_object('owner_def_id', x.owner_def_id, 'decorator_index', x.decorator_index),
       NULL::text, x.owner_kind,
       codecpg.line_at(r.source, x.bstart), codecpg.line_at(r.source, greatest(x.bend - 1, x.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.decorators) x
UNION ALL
SELECT DISTINCT codecpg.stable_id('span', 'CST_IMPORT', f.path, i.stmt_bstart::text, i.stmt_bend::text), 'CST_IMPORT',
       f.repo, f.file_id, f.path, i.stmt_bstart, i.stmt_bend, i.module, 'libcst',
       jsonb_build_object('kind', i.kind, 'relative_level', i.relative_level),
       i.module, i.kind,
       codecpg.line_at(r.source, i.stmt_bstart), codecpg.line_at(r.source, greatest(i.stmt_bend - 1, i.stmt_bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.imports) i
UNION ALL
SELECT codecpg.stable_id('cst_import', f.file_id, i.kind, i.alias_bstart::text, i.alias_bend::text), 'CST_IMPORT_ALIAS',
       f.repo, f.file_id, f.path, i.alias_bstart, i.alias_bend, coalesce(i.asname, i.name), 'libcst',
       jsonb_build_object('module', i.module, 'name', i.name, 'asname', i.asname,
                          'relative_level', i.relative_level, 'is_star', i.is_star),
       concat_ws('.', i.module, i.name), i.kind,
       codecpg.line_at(r.source, i.alias_bstart), codecpg.line_at(r.source, greatest(i.alias_bend - 1, i.alias_bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.imports) i
UNION ALL
SELECT codecpg.stable_id('span', 'CST_NAME_REF', f.path, x.bstart::text, x.bend::text), 'CST_NAME_REF',
       f.repo, f.file_id, f.path, x.bstart, x.bend, x.ref_text, 'libcst',
       jsonb_build_object('expr_ctx', x.expr_ctx, 'scope_type', x.scope_type, 'scope_name', x.scope_name,
                          'scope_role', x.scope_role),
       NULL::text, x.expr_ctx,
       codecpg.line_at(r.source, x.bstart), codecpg.line_at(r.source, greatest(x.bend - 1, x.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.refs) x
 WHERE x.ref_kind = 'NAME'
UNION ALL
SELECT codecpg.stable_id('span', 'CST_ATTRIBUTE_ACCESS', f.path, x.bstart::text, x.bend::text), 'CST_ATTRIBUTE_ACCESS',
       f.repo, f.file_id, f.path, x.bstart, x.bend, x.ref_text, 'libcst',
       jsonb_build_object('expr_ctx', x.expr_ctx, 'scope_type', x.scope_type, 'scope_name', x.scope_name,
                          'scope_role', x.scope_role),
       NULL::text, x.expr_ctx,
       codecpg.line_at(r.source, x.bstart), codecpg.line_at(r.source, greatest(x.bend - 1, x.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.refs) x
 WHERE x.ref_kind = 'ATTRIBUTE'
UNION ALL
SELECT codecpg.stable_id('span', 'CST_REF', f.path, x.bstart::text, x.bend::text), 'CST_REF',
       f.repo, f.file_id, f.path, x.bstart, x.bend, x.ref_text, 'libcst',
       jsonb_build_object('expr_ctx', x.expr_ctx, 'scope_type', x.scope_type, 'scope_name', x.scope_name,
                          'scope_role', x.scope_role),
       NULL::text, x.expr_ctx,
       codecpg.line_at(r.source, x.bstart), codecpg.line_at(r.source, greatest(x.bend - 1, x.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.refs) x
 WHERE x.ref_kind NOT IN ('NAME', 'ATTRIBUTE')
UNION ALL
SELECT codecpg.stable_id('cst_call', f.file_id, c.call_bstart::text, c.call_bend::text), 'CST_CALLSITE',
       f.repo, f.file_id, f.path, c.call_bstart, c.call_bend, c.callee_text, 'libcst',
       jsonb_build_object('callee_shape', c.callee_shape, 'callee_dotted', c.callee_dotted, 'arg_count', c.arg_count,
                          'callee_bstart', c.callee_bstart, 'callee_bend', c.callee_bend, 'callee_fqns', c.callee_fqns),
       coalesce(c.callee_fqns[1], c.callee_dotted), c.callee_shape,
       codecpg.line_at(r.source, c.call_bstart), codecpg.line_at(r.source, greatest(c.call_bend - 1, c.call_bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.callsites) c
UNION ALL
SELECT codecpg.stable_id('span', 'CST_ARG', f.path, a.bstart::text, a.bend::text), 'CST_ARG',
       f.repo, f.file_id, f.path, a.bstart, a.bend, a.keyword, 'libcst',
       jsonb_build_object('arg_index', a.arg_index, 'star', a.star, 'arg_text', a.arg_text),
       NULL::text, a.star,
       codecpg.line_at(r.source, a.bstart), codecpg.line_at(r.source, greatest(a.bend - 1, a.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.call_args) a
UNION ALL
SELECT codecpg.stable_id('span', 'CST_DOCSTRING', f.path, d.bstart::text, d.bend::text), 'CST_DOCSTRING',
       f.repo, f.file_id, f.path, d.bstart, d.bend, NULL::text, 'libcst',
       jsonb_build_object('owner_kind', d.owner_kind, 'docstring', d.docstring),
       NULL::text, d.owner_kind,
       codecpg.line_at(r.source, d.bstart), codecpg.line_at(r.source, greatest(d.bend - 1, d.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.docstrings) d
UNION ALL
SELECT codecpg.stable_id('span', 'TYPE_EXPR', f.path, t.bstart::text, t.bend::text), 'TYPE_EXPR',
       f.repo, f.file_id, f.path, t.bstart, t.bend, t.expr_text, 'libcst',
       jsonb_build_object('expr_role', t.expr_role, 'param_name', t.param_name, 'expr_kind', t.expr_kind),
       NULL::text, t.expr_role,
       codecpg.line_at(r.source, t.bstart), codecpg.line_at(r.source, greatest(t.bend - 1, t.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.type_exprs) t
-- syntax trees
UNION ALL
SELECT codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), 'AST_DEF',
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, coalesce(n.name, n.kind), 'py_ast',
       jsonb_build_object('kind', n.kind, 'ast_id', n.ast_id, 'field_name', n.field_name, 'value', n.value),
       NULL::text, n.kind, (n.span).line0 + 1, codecpg.span_last_line(n.span)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.nodes) n
 WHERE n.kind IN ('FunctionDef', 'AsyncFunctionDef', 'ClassDef', 'Lambda')
UNION ALL
SELECT codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), 'AST_CALL',
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, coalesce(n.name, n.kind), 'py_ast',
       jsonb_build_object('kind', n.kind, 'ast_id', n.ast_id, 'field_name', n.field_name, 'value', n.value),
       NULL::text, n.kind, (n.span).line0 + 1, codecpg.span_last_line(n.span)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.nodes) n
 WHERE n.kind = 'Call'
UNION ALL
SELECT codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), 'AST_NODE',
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, coalesce(n.name, n.kind), 'py_ast',
       jsonb_build_object('kind', n.kind, 'ast_id', n.ast_id, 'field_name', n.field_name, 'value', n.value),
       NULL::text, n.kind, (n.span).line0 + 1, codecpg.span_last_line(n.span)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.nodes) n
 WHERE n.kind NOT IN ('FunctionDef', 'AsyncFunctionDef', 'ClassDef', 'Lambda', 'Call')
UNION ALL
SELECT codecpg.stable_id('ts_node', f.file_id, n.node_id::text), 'TS_ERROR',
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, n.kind, 'treesitter',
       jsonb_build_object('node_id', n.node_id, 'field_name', n.field_name, 'is_named', n.is_named),
       NULL::text, n.kind, (n.span).line0 + 1, codecpg.span_last_line(n.span)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.nodes) n
 WHERE n.is_error
UNION ALL
SELECT codecpg.stable_id('ts_node', f.file_id, n.node_id::text), 'TS_MISSING',
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, n.kind, 'treesitter',
       jsonb_build_object('node_id', n.node_id, 'field_name', n.field_name, 'is_named', n.is_named),
       NULL::text, n.kind, (n.span).line0 + 1, codecpg.span_last_line(n.span)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.nodes) n
 WHERE n.is_missing AND NOT n.is_error
UNION ALL
SELECT codecpg.stable_id('ts_node', f.file_id, n.node_id::text), 'TS_NODE',
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, n.kind, 'treesitter',
       jsonb_build_object('node_id', n.node_id, 'field_name', n.field_name, 'is_named', n.is_named),
       NULL::text, n.kind, (n.span).line0 + 1, codecpg.span_last_line(n.span)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.nodes) n
 WHERE NOT n.is_error AND NOT n.is_missing
-- symbol tables
UNION ALL
SELECT codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name, coalesce(b.lineno1, 0)::text),
       'SYM_SCOPE', f.repo, f.file_id, f.path, (b.span_hint).bstart, (b.span_hint).bend, b.name, 'symtable',
       jsonb_build_object('block_type', b.block_type, 'qualpath', b.qualpath, 'lineno1', b.lineno1),
       b.qualpath, b.block_type, b.lineno1, NULL::integer
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.blocks) b
UNION ALL
SELECT codecpg.stable_id('sym_symbol',
           codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name, coalesce(b.lineno1, 0)::text),
           s.name),
       'SYM_SYMBOL', f.repo, f.file_id, f.path, NULL::integer, NULL::integer, s.name, 'symtable',
       jsonb_build_object('is_local', s.is_local, 'is_global', s.is_global, 'is_declared_global', s.is_declared_global,
                          'is_parameter', s.is_parameter, 'is_imported', s.is_imported, 'is_assigned', s.is_assigned,
                          'is_referenced', s.is_referenced, 'is_free', s.is_free),
       NULL::text,
       CASE WHEN s.is_parameter THEN 'parameter' WHEN s.is_free THEN 'free' WHEN s.is_declared_global THEN 'global'
            WHEN s.is_local THEN 'local' WHEN s.is_global THEN 'global' END,
       NULL::integer, NULL::integer
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.blocks) b CROSS JOIN LATERAL unnest(b.symbols) s
-- SCIP
UNION ALL
SELECT DISTINCT codecpg.stable_id('scip_index', p.repo, p.index_id), 'SCIP_INDEX', p.repo, NULL::text, NULL::text,
       NULL::integer, NULL::integer,
       p.index_id, 'scip', jsonb_build_object('tool', (p.metadata).tool_info.name, 'version', (p.metadata).tool_info.version),
       NULL::text, (p.metadata).tool_info.name, NULL::integer, NULL::integer
  FROM codecpg.scip_index_v1 p
UNION ALL
SELECT codecpg.stable_id('scip_document', p.repo, p.index_id, d.relative_path), 'SCIP_DOCUMENT', p.repo, p.file_id,
       d.relative_path, NULL::integer, NULL::integer, d.relative_path, 'scip', jsonb_build_object('language', d.language),
       NULL::text, d.language, NULL::integer, NULL::integer
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_elements(p.documents) d
UNION ALL
SELECT codecpg.stable_id('scip_occurrence', p.repo, p.index_id, d.relative_path, o.ordinality::text), 'SCIP_OCCURRENCE',
       p.repo, p.file_id, d.relative_path, (o.range).bstart, (o.range).bend, o.symbol, 'scip',
       jsonb_build_object('symbol_roles', o.symbol_roles, 'range_raw', o.range_raw),
       NULL::text, NULL::text, (o.range).line0 + 1, codecpg.span_last_line(o.range)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_elements(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
UNION ALL
SELECT codecpg.stable_id('scip_diagnostic', p.repo, p.index_id, d.relative_path, o.ordinality::text, g.gord::text),
       'SCIP_DIAGNOSTIC', p.repo, p.file_id, d.relative_path, (o.range).bstart, (o.range).bend, g.message, 'scip',
       jsonb_build_object('severity', g.severity, 'code', g.code, 'source', g.source),
       NULL::text, g.severity::text, (o.range).line0 + 1, codecpg.span_last_line(o.range)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_elements(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
 CROSS JOIN LATERAL unnest(o.diagnostics) WITH ORDINALITY g(severity, code, message, source, tags, gord)
UNION ALL
SELECT codecpg.stable_id('scip_symbol', s.repo, s.symbol), 'SCIP_SYMBOL', s.repo, NULL::text, NULL::text,
       NULL::integer, NULL::integer, s.symbol, 'scip',
       jsonb_build_object('display_name', max(s.display_name), 'kind', max(s.kind)),
       max(s.display_name), max(s.kind)::text, NULL::integer, NULL::integer
  FROM (SELECT p.repo, o.symbol, NULL::text AS display_name, NULL::integer AS kind
          FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_elements(p.documents) d CROSS JOIN LATERAL unnest(d.occurrences) o
        UNION ALL
        SELECT p.repo, i.symbol, i.display_name, i.kind
          FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_elements(p.documents) d CROSS JOIN LATERAL unnest(d.symbols) i
        UNION ALL
        SELECT p.repo, i.symbol, i.display_name, i.kind
          FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_elements(p.external_symbols) i
        UNION ALL
        -- a relationship's target, which may be named nowhere else (the SCIP_SYMBOL_* edges end there)
        SELECT r.repo, r.related_symbol, NULL, NULL
          FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r) s
 WHERE s.symbol IS NOT NULL AND s.symbol <> ''
 GROUP BY s.repo, s.symbol
-- names known only as names: unresolved call targets and the CST's candidate names
UNION ALL
SELECT DISTINCT q.node_id, 'PY_QUALIFIED_NAME', q.repo, NULL::text, NULL::text, NULL::integer, NULL::integer, q.name,
       'derived', NULL::jsonb, q.name, NULL::text, NULL::integer, NULL::integer
  FROM (SELECT g.dst_node_id AS node_id, g.repo, g.dst_name AS name
          FROM codecpg.cpg_graph_v1 g WHERE g.dst_kind = 'PY_QUALIFIED_NAME'
        UNION ALL
        SELECT codecpg.stable_id('py_qname', f.repo, n), f.repo, n
          FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.callsites) c
         CROSS JOIN LATERAL unnest(c.callee_fqns) n) q
-- bytecode and control flow
UNION ALL
SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name), 'BC_CODE_UNIT',
       f.repo, f.file_id, f.path, (c.span).bstart, (c.span).bend, c.qualname, 'dis',
       jsonb_build_object('code_id', c.code_id, 'firstlineno1', c.firstlineno1, 'argcount', c.argcount,
                          'is_generator', c.is_generator, 'is_coroutine', c.is_coroutine),
       CASE WHEN c.code_id = 0 THEN codecpg.cpg_module_name(f.path)
            ELSE concat_ws('.', nullif(codecpg.cpg_module_name(f.path), ''), c.qualname) END,
       CASE WHEN c.code_id = 0 THEN 'module' WHEN c.is_async_generator THEN 'async_generator'
            WHEN c.is_coroutine THEN 'coroutine' WHEN c.is_generator THEN 'generator' ELSE 'function' END,
       c.firstlineno1, codecpg.span_last_line(c.span)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.code_objects) c
UNION ALL
SELECT codecpg.stable_id('bc_instr', codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name),
                         i.instr_index::text, i.instr_offset::text),
       'BC_INSTR', f.repo, f.file_id, f.path, (i.span).bstart, (i.span).bend, i.opname, 'dis',
       jsonb_build_object('offset', i.instr_offset, 'argrepr', i.argrepr, 'line_number', i.line_number),
       NULL::text, i.opname, i.line_number, codecpg.span_last_line(i.span)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.code_objects) c CROSS JOIN LATERAL unnest(c.instructions) i
UNION ALL
SELECT codecpg.stable_id('bc_block', codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name),
                         b.start_offset::text, b.end_offset::text),
       'CFG_BLOCK', f.repo, f.file_id, f.path, NULL::integer, NULL::integer, b.kind, 'dis',
       jsonb_build_object('start_offset', b.start_offset, 'end_offset', b.end_offset),
       NULL::text, b.kind, NULL::integer, NULL::integer
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.code_objects) c CROSS JOIN LATERAL unnest(c.blocks) b
UNION ALL
SELECT codecpg.stable_id('cfg_exit', codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name)),
       'CFG_EXIT', f.repo, f.file_id, f.path, NULL::integer, NULL::integer, c.qualname, 'dis', NULL::jsonb,
       NULL::text, NULL::text, NULL::integer, NULL::integer
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.code_objects) c
-- diagnostics of every domain (tree-sitter's are its TS_ERROR/TS_MISSING nodes, SCIP's its
-- SCIP_DIAGNOSTIC nodes), numbered per file and domain
UNION ALL
SELECT codecpg.stable_id('diag', f.file_id, 'libcst', x.ordinality::text), 'DIAG', f.repo, f.file_id, f.path,
       x.bstart, x.bend, x.message, 'libcst', jsonb_build_object('error_type', x.error_type, 'domain', 'libcst'),
       NULL::text, x.error_type, x.editor_line, NULL::integer
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.parse_errors) WITH ORDINALITY x
UNION ALL
SELECT codecpg.stable_id('diag', f.file_id, 'ast', x.ordinality::text), 'DIAG', f.repo, f.file_id, f.path,
       (x.span).bstart, (x.span).bend, x.message, 'py_ast', jsonb_build_object('error_type', x.error_type, 'domain', 'ast'),
       NULL::text, x.error_type, (x.span).line0 + 1, codecpg.span_last_line(x.span)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.errors) WITH ORDINALITY x
UNION ALL
SELECT codecpg.stable_id('diag', f.file_id, 'symtable', x.ordinality::text), 'DIAG', f.repo, f.file_id, f.path,
       (x.span).bstart, (x.span).bend, x.message, 'symtable',
       jsonb_build_object('error_type', x.error_type, 'domain', 'symtable'),
       NULL::text, x.error_type, (x.span).line0 + 1, codecpg.span_last_line(x.span)
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.errors) WITH ORDINALITY x
UNION ALL
SELECT codecpg.stable_id('diag', f.file_id, 'bytecode', x.ordinality::text), 'DIAG', f.repo, f.file_id, f.path,
       (x.span).bstart, (x.span).bend, x.message, 'dis', jsonb_build_object('error_type', x.error_type, 'domain', 'bytecode'),
       NULL::text, x.error_type, (x.span).line0 + 1, codecpg.span_last_line(x.span)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.errors) WITH ORDINALITY x
-- data flow (DF_DEF, DF_USE): its branches go here, before the end of the view ----------
;

CREATE VIEW codecpg.cpg_edges AS
SELECT coalesce(e.stored_id,
                codecpg.stable_id('edge', e.edge_kind, e.src_node_id, e.dst_node_id, coalesce(e.path, ''),
                                  coalesce(e.bstart::text, ''), coalesce(e.bend::text, ''))) AS edge_id,
       e.edge_kind, e.src_node_id, e.dst_node_id, e.repo, e.path, e.bstart, e.bend, e.edge_owner_file_id,
       e.origin, e.resolution_method, e.confidence, e.score, e.symbol_roles, e.rule_name,
       e.src_node_kind, e.dst_node_kind, e.line, e.end_line
  FROM (
-- containment
SELECT NULL::text AS stored_id, 'REPO_CONTAINS'::text AS edge_kind, codecpg.stable_id('py_repo', f.repo) AS src_node_id,
       f.file_id AS dst_node_id, f.repo, f.path, NULL::integer AS bstart, NULL::integer AS bend,
       f.file_id AS edge_owner_file_id, 'derived'::text AS origin, 'structure'::text AS resolution_method,
       1.0::double precision AS confidence, 1.0::double precision AS score, NULL::integer AS symbol_roles,
       NULL::text AS rule_name, 'PY_REPO'::text AS src_node_kind, 'PY_FILE'::text AS dst_node_kind,
       NULL::integer AS line, NULL::integer AS end_line
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT NULL::text, 'FILE_DECLARES_MODULE', f.file_id, codecpg.stable_id('py_module', f.file_id), f.repo, f.path,
       NULL::integer, NULL::integer, f.file_id, 'derived', 'structure', 1.0::float8, 1.0::float8, NULL::integer, NULL::text,
       'PY_FILE', 'PY_MODULE', NULL::integer, NULL::integer
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT NULL::text, 'FILE_DECLARES_MODULE', f.file_id, codecpg.stable_id('py_package', f.file_id), f.repo, f.path,
       NULL::integer, NULL::integer, f.file_id, 'derived', 'structure', 1.0::float8, 1.0::float8, NULL::integer, NULL::text,
       'PY_FILE', 'PY_PACKAGE', NULL::integer, NULL::integer
  FROM codecpg.repo_files_v1 f
 WHERE f.path ~ '(^|/)__init__\.pyi?$'
UNION ALL
SELECT NULL::text, 'FILE_CONTAINS',
       CASE WHEN d.container_def_bstart IS NULL THEN codecpg.stable_id('py_module', f.file_id)
            ELSE codecpg.stable_id('cst_def', f.file_id, d.container_def_kind, d.container_def_bstart::text,
                                   d.container_def_bend::text) END,
       codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text),
       f.repo, f.path, d.def_bstart, d.def_bend, f.file_id, 'libcst', 'span_containment', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text,
       CASE WHEN d.container_def_bstart IS NULL THEN 'PY_MODULE' ELSE codecpg.cpg_def_kind(d.container_def_kind) END,
       codecpg.cpg_def_kind(d.kind),
       codecpg.line_at(r.source, d.def_bstart), codecpg.line_at(r.source, greatest(d.def_bend - 1, d.def_bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.defs) d
-- CST parent/child
UNION ALL
SELECT NULL::text, 'CST_PARENT_OF', codecpg.stable_id('span', 'CST_IMPORT', f.path, i.stmt_bstart::text, i.stmt_bend::text),
       codecpg.stable_id('cst_import', f.file_id, i.kind, i.alias_bstart::text, i.alias_bend::text),
       f.repo, f.path, i.alias_bstart, i.alias_bend, f.file_id, 'libcst', 'syntax', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text, 'CST_IMPORT', 'CST_IMPORT_ALIAS',
       codecpg.line_at(r.source, i.alias_bstart), codecpg.line_at(r.source, greatest(i.alias_bend - 1, i.alias_bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.imports) i
UNION ALL
SELECT NULL::text, 'CST_PARENT_OF', codecpg.stable_id('cst_call', f.file_id, a.call_bstart::text, a.call_bend::text),
       codecpg.stable_id('span', 'CST_ARG', f.path, a.bstart::text, a.bend::text),
       f.repo, f.path, a.bstart, a.bend, f.file_id, 'libcst', 'syntax', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text, 'CST_CALLSITE', 'CST_ARG',
       codecpg.line_at(r.source, a.bstart), codecpg.line_at(r.source, greatest(a.bend - 1, a.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL (SELECT c.call_bstart, c.call_bend, a.bstart, a.bend
                       FROM codecpg.cpg_elements(f.callsites) c JOIN codecpg.cpg_elements(f.call_args) a ON a.call_id = c.call_id) a
UNION ALL
SELECT NULL::text, 'CST_PARENT_OF', codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text),
       codecpg.stable_id('span', 'CST_DECORATOR', f.path, x.bstart::text, x.bend::text),
       f.repo, f.path, x.bstart, x.bend, f.file_id, 'libcst', 'syntax', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text, codecpg.cpg_def_kind(d.kind), 'CST_DECORATOR',
       codecpg.line_at(r.source, x.bstart), codecpg.line_at(r.source, greatest(x.bend - 1, x.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.decorators) x
  JOIN LATERAL codecpg.cpg_elements(f.defs) d ON d.def_id = x.owner_def_id
UNION ALL
SELECT NULL::text, 'CST_PARENT_OF', codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text),
       codecpg.stable_id('span', 'CST_DOCSTRING', f.path, x.bstart::text, x.bend::text),
       f.repo, f.path, x.bstart, x.bend, f.file_id, 'libcst', 'syntax', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text, codecpg.cpg_def_kind(d.kind), 'CST_DOCSTRING',
       codecpg.line_at(r.source, x.bstart), codecpg.line_at(r.source, greatest(x.bend - 1, x.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.docstrings) x
  JOIN LATERAL codecpg.cpg_elements(f.defs) d ON d.def_id = x.owner_def_id
UNION ALL
SELECT NULL::text, 'CST_PARENT_OF', codecpg.stable_id('py_module', f.file_id),
       codecpg.stable_id('span', 'CST_DOCSTRING', f.path, x.bstart::text, x.bend::text),
       f.repo, f.path, x.bstart, x.bend, f.file_id, 'libcst', 'syntax', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text, 'PY_MODULE', 'CST_DOCSTRING',
       codecpg.line_at(r.source, x.bstart), codecpg.line_at(r.source, greatest(x.bend - 1, x.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.docstrings) x
 WHERE x.owner_def_id IS NULL
UNION ALL
SELECT NULL::text, 'CST_PARENT_OF', codecpg.stable_id('cst_def', f.file_id, p.def_kind, p.def_bstart::text, p.def_bend::text),
       codecpg.stable_id('span', 'CST_PARAM', f.path, p.bstart::text, p.bend::text),
       f.repo, f.path, p.bstart, p.bend, f.file_id, 'treesitter', 'span_containment', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text, codecpg.cpg_def_kind(p.def_kind), 'CST_PARAM', p.line, p.end_line
  FROM codecpg.tree_sitter_files_v1 f
  JOIN codecpg.libcst_files_v1 l ON l.repo = f.repo AND l.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_params(f.nodes, l.defs) p
-- syntax trees
UNION ALL
SELECT NULL::text, 'AST_PARENT_OF', codecpg.stable_id('ast_node', f.file_id, n.parent_ast_id::text),
       codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), f.repo, f.path, (n.span).bstart, (n.span).bend,
       f.file_id, 'py_ast', 'syntax', 1.0::float8, 1.0::float8, NULL::integer, n.field_name,
       NULL::text, codecpg.cpg_ast_kind(n.kind), (n.span).line0 + 1, codecpg.span_last_line(n.span)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.nodes) n
 WHERE n.parent_ast_id IS NOT NULL
UNION ALL
SELECT NULL::text, 'TS_PARENT_OF', codecpg.stable_id('ts_node', f.file_id, n.parent_id::text),
       codecpg.stable_id('ts_node', f.file_id, n.node_id::text), f.repo, f.path, (n.span).bstart, (n.span).bend,
       f.file_id, 'treesitter', 'syntax', 1.0::float8, 1.0::float8, NULL::integer, n.field_name,
       NULL::text, CASE WHEN n.is_error THEN 'TS_ERROR' WHEN n.is_missing THEN 'TS_MISSING' ELSE 'TS_NODE' END,
       (n.span).line0 + 1, codecpg.span_last_line(n.span)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.nodes) n
 WHERE n.parent_id IS NOT NULL
-- symbol tables
UNION ALL
SELECT NULL::text, 'SCOPE_PARENT',
       codecpg.stable_id('sym_scope', f.file_id, x.block_id::text, x.block_type, x.name, coalesce(x.lineno1, 0)::text),
       codecpg.stable_id('sym_scope', f.file_id, x.parent_block_id::text, x.parent_block_type, x.parent_name,
                         coalesce(x.parent_lineno1, 0)::text),
       f.repo, f.path, NULL::integer, NULL::integer, f.file_id, 'symtable', 'structure', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text, 'SYM_SCOPE', 'SYM_SCOPE', x.lineno1, NULL::integer
  FROM codecpg.symtable_files_v1 f
 CROSS JOIN LATERAL (SELECT b.block_id, b.block_type, b.name, b.lineno1, p.block_id AS parent_block_id,
                            p.block_type AS parent_block_type, p.name AS parent_name, p.lineno1 AS parent_lineno1
                       FROM codecpg.cpg_elements(f.blocks) b JOIN codecpg.cpg_elements(f.blocks) p ON p.block_id = b.parent_block_id) x
UNION ALL
SELECT NULL::text, 'SCOPE_BINDS', x.scope_id, codecpg.stable_id('sym_symbol', x.scope_id, s.name),
       f.repo, f.path, NULL::integer, NULL::integer, f.file_id, 'symtable', 'structure', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text, 'SYM_SCOPE', 'SYM_SYMBOL', NULL::integer, NULL::integer
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.blocks) b
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name,
                                              coalesce(b.lineno1, 0)::text) AS scope_id) x
 CROSS JOIN LATERAL unnest(b.symbols) s
-- the CST's own candidate names for callees
UNION ALL
SELECT NULL::text, 'CALLSITE_CANDIDATE_QNAME', codecpg.stable_id('cst_call', f.file_id, c.call_bstart::text, c.call_bend::text),
       codecpg.stable_id('py_qname', f.repo, n), f.repo, f.path, c.callee_bstart, c.callee_bend, f.file_id,
       'libcst', 'file_scope', 0.5::float8, 0.5::float8, NULL::integer, NULL::text, 'CST_CALLSITE', 'PY_QUALIFIED_NAME',
       codecpg.line_at(r.source, c.callee_bstart), codecpg.line_at(r.source, greatest(c.callee_bend - 1, c.callee_bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.callsites) c CROSS JOIN LATERAL unnest(c.callee_fqns) n
-- annotations
UNION ALL
SELECT NULL::text, 'HAS_ANNOTATION',
       CASE WHEN t.owner_def_kind IS NULL THEN codecpg.stable_id('py_module', f.file_id)
            ELSE codecpg.stable_id('cst_def', f.file_id, t.owner_def_kind, t.owner_def_bstart::text, t.owner_def_bend::text) END,
       codecpg.stable_id('span', 'TYPE_EXPR', f.path, t.bstart::text, t.bend::text), f.repo, f.path, t.bstart, t.bend,
       f.file_id, 'libcst', 'syntax', 1.0::float8, 1.0::float8, NULL::integer, t.expr_role,
       CASE WHEN t.owner_def_kind IS NULL THEN 'PY_MODULE' ELSE codecpg.cpg_def_kind(t.owner_def_kind) END, 'TYPE_EXPR',
       codecpg.line_at(r.source, t.bstart), codecpg.line_at(r.source, greatest(t.bend - 1, t.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.type_exprs) t
-- SCIP: role bits of occurrences, and of the CST nodes at exactly their spans
UNION ALL
SELECT DISTINCT NULL::text, 'PY_DEFINES_SYMBOL', m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend,
       p.file_id, 'scip', m.match, 1.0::float8, 1.0::float8, m.symbol_roles, NULL::text, m.src_kind, 'SCIP_SYMBOL',
       m.line, m.end_line
  FROM codecpg.scip_index_v1 p LEFT JOIN codecpg.libcst_files_v1 l ON l.repo = p.repo AND l.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p.repo, p.index_id, p.documents, l.file_id, l.path, l.defs, l.refs, l.imports) m WHERE m.symbol_roles & 1 <> 0
UNION ALL
SELECT DISTINCT NULL::text, 'PY_IMPORTS_SYMBOL', m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend,
       p.file_id, 'scip', m.match, 1.0::float8, 1.0::float8, m.symbol_roles, NULL::text, m.src_kind, 'SCIP_SYMBOL',
       m.line, m.end_line
  FROM codecpg.scip_index_v1 p LEFT JOIN codecpg.libcst_files_v1 l ON l.repo = p.repo AND l.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p.repo, p.index_id, p.documents, l.file_id, l.path, l.defs, l.refs, l.imports) m WHERE m.symbol_roles & 2 <> 0
UNION ALL
SELECT DISTINCT NULL::text, 'PY_WRITES_SYMBOL', m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend,
       p.file_id, 'scip', m.match, 1.0::float8, 1.0::float8, m.symbol_roles, NULL::text, m.src_kind, 'SCIP_SYMBOL',
       m.line, m.end_line
  FROM codecpg.scip_index_v1 p LEFT JOIN codecpg.libcst_files_v1 l ON l.repo = p.repo AND l.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p.repo, p.index_id, p.documents, l.file_id, l.path, l.defs, l.refs, l.imports) m WHERE m.symbol_roles & 4 <> 0
UNION ALL
SELECT DISTINCT NULL::text, 'PY_READS_SYMBOL', m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend,
       p.file_id, 'scip', m.match, 1.0::float8, 1.0::float8, m.symbol_roles, NULL::text, m.src_kind, 'SCIP_SYMBOL',
       m.line, m.end_line
  FROM codecpg.scip_index_v1 p LEFT JOIN codecpg.libcst_files_v1 l ON l.repo = p.repo AND l.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p.repo, p.index_id, p.documents, l.file_id, l.path, l.defs, l.refs, l.imports) m WHERE m.symbol_roles & 8 <> 0
UNION ALL
SELECT DISTINCT NULL::text, 'PY_REFERENCES_SYMBOL', m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend,
       p.file_id, 'scip', m.match, 1.0::float8, 1.0::float8, m.symbol_roles, NULL::text, m.src_kind, 'SCIP_SYMBOL',
       m.line, m.end_line
  FROM codecpg.scip_index_v1 p LEFT JOIN codecpg.libcst_files_v1 l ON l.repo = p.repo AND l.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p.repo, p.index_id, p.documents, l.file_id, l.path, l.defs, l.refs, l.imports) m WHERE m.symbol_roles & 15 = 0
UNION ALL
SELECT NULL::text, 'SCIP_CONTAINS', codecpg.stable_id('scip_index', p.repo, p.index_id),
       codecpg.stable_id('scip_document', p.repo, p.index_id, d.relative_path), p.repo, d.relative_path,
       NULL::integer, NULL::integer, p.file_id, 'scip', 'structure', 1.0::float8, 1.0::float8, NULL::integer, NULL::text,
       'SCIP_INDEX', 'SCIP_DOCUMENT', NULL::integer, NULL::integer
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_elements(p.documents) d
UNION ALL
SELECT NULL::text, 'SCIP_CONTAINS', codecpg.stable_id('scip_document', p.repo, p.index_id, d.relative_path),
       codecpg.stable_id('scip_occurrence', p.repo, p.index_id, d.relative_path, o.ordinality::text), p.repo,
       d.relative_path, (o.range).bstart, (o.range).bend, p.file_id, 'scip', 'structure', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text, 'SCIP_DOCUMENT', 'SCIP_OCCURRENCE', (o.range).line0 + 1, codecpg.span_last_line(o.range)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_elements(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
UNION ALL
SELECT DISTINCT NULL::text, 'SCIP_SYMBOL_REFERENCE', codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), r.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0::float8, 1.0::float8, NULL::integer, NULL::text, 'SCIP_SYMBOL', 'SCIP_SYMBOL',
       NULL::integer, NULL::integer
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_reference
UNION ALL
SELECT DISTINCT NULL::text, 'SCIP_SYMBOL_IMPLEMENTATION', codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), r.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0::float8, 1.0::float8, NULL::integer, NULL::text, 'SCIP_SYMBOL', 'SCIP_SYMBOL',
       NULL::integer, NULL::integer
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_implementation
UNION ALL
SELECT DISTINCT NULL::text, 'SCIP_SYMBOL_TYPE_DEFINITION', codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), r.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0::float8, 1.0::float8, NULL::integer, NULL::text, 'SCIP_SYMBOL', 'SCIP_SYMBOL',
       NULL::integer, NULL::integer
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_type_definition
UNION ALL
SELECT DISTINCT NULL::text, 'SCIP_SYMBOL_DEFINITION', codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), r.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0::float8, 1.0::float8, NULL::integer, NULL::text, 'SCIP_SYMBOL', 'SCIP_SYMBOL',
       NULL::integer, NULL::integer
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_definition
-- resolved calls, imports, bases and callsite containment (codecpg.cpg_refresh)
UNION ALL
SELECT g.edge_id, g.edge_kind, g.src_node_id, g.dst_node_id, g.repo, g.path, g.bstart, g.bend, g.file_id,
       g.origin, g.resolution_method, g.confidence, g.score, g.symbol_roles, g.rule_name,
       CASE WHEN g.edge_kind = 'FILE_CONTAINS' THEN CASE g.src_kind WHEN 'MODULE' THEN 'PY_MODULE'
                                                                    ELSE codecpg.cpg_def_kind(g.src_kind) END
            ELSE g.src_kind END,
       g.dst_kind,
       codecpg.line_at(r.source, g.bstart), codecpg.line_at(r.source, greatest(g.bend - 1, g.bstart))
  FROM codecpg.cpg_graph_v1 g JOIN codecpg.repo_files_v1 r ON r.repo = g.repo AND r.file_id = g.file_id
-- bytecode: code units anchored to their definitions, containment, control flow
UNION ALL
-- a code unit is the code of the definition with its __qualname__ that starts on its first
-- line (co_firstlineno: a decorated definition starts at its first decorator, in CPython
-- and in the CST alike); the module's code is the module
SELECT NULL::text, 'BYTECODE_ANCHOR', codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name),
       CASE WHEN c.code_id = 0 THEN codecpg.stable_id('py_module', f.file_id) ELSE s.node_id END,
       f.repo, f.path, (c.span).bstart, (c.span).bend, f.file_id, 'dis',
       CASE WHEN c.code_id = 0 THEN 'module' ELSE 'qualname_line' END, 1.0::float8, 1.0::float8, NULL::integer, NULL::text,
       'BC_CODE_UNIT', CASE WHEN c.code_id = 0 THEN 'PY_MODULE' ELSE codecpg.cpg_def_kind(s.scope_kind) END,
       c.firstlineno1, codecpg.span_last_line(c.span)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.code_objects) c
  LEFT JOIN (SELECT s.repo, s.file_id, s.qualname, s.node_id, s.scope_kind, codecpg.line_at(r.source, s.bstart) AS line
               FROM codecpg.cpg_scopes_v1 s JOIN codecpg.repo_files_v1 r ON r.repo = s.repo AND r.file_id = s.file_id) s
    ON s.repo = f.repo AND s.file_id = f.file_id AND s.qualname = c.qualname AND s.line = c.firstlineno1 AND c.code_id <> 0
 WHERE c.code_id = 0 OR s.node_id IS NOT NULL
UNION ALL
SELECT NULL::text, 'BC_CONTAINS', x.parent_id, x.child_id, f.repo, f.path, x.bstart, x.bend, f.file_id, 'dis', 'structure',
       1.0::float8, 1.0::float8, NULL::integer, NULL::text, 'BC_CODE_UNIT', 'BC_CODE_UNIT', x.line, x.end_line
  FROM codecpg.bytecode_files_v1 f
 CROSS JOIN LATERAL (
     SELECT codecpg.stable_id('bc_code', f.file_id, p.qualname, p.firstlineno1::text, p.name),
            codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name), (c.span).bstart, (c.span).bend,
            c.firstlineno1, codecpg.span_last_line(c.span)
       FROM codecpg.cpg_elements(f.code_objects) c JOIN codecpg.cpg_elements(f.code_objects) p ON p.code_id = c.parent_code_id)
     x(parent_id, child_id, bstart, bend, line, end_line)
UNION ALL
SELECT NULL::text, 'BC_CONTAINS', u.unit_id,
       codecpg.stable_id('bc_block', u.unit_id, b.start_offset::text, b.end_offset::text), f.repo, f.path,
       NULL::integer, NULL::integer, f.file_id, 'dis', 'structure', 1.0::float8, 1.0::float8, NULL::integer, NULL::text,
       'BC_CODE_UNIT', 'CFG_BLOCK', NULL::integer, NULL::integer
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.code_objects) c
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
 CROSS JOIN LATERAL unnest(c.blocks) b
UNION ALL
SELECT NULL::text, 'BC_CONTAINS', u.unit_id,
       codecpg.stable_id('bc_instr', u.unit_id, i.instr_index::text, i.instr_offset::text), f.repo, f.path,
       (i.span).bstart, (i.span).bend, f.file_id, 'dis', 'structure', 1.0::float8, 1.0::float8, NULL::integer, NULL::text,
       'BC_CODE_UNIT', 'BC_INSTR', i.line_number, codecpg.span_last_line(i.span)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.code_objects) c
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
 CROSS JOIN LATERAL unnest(c.instructions) i
UNION ALL
SELECT NULL::text, 'CFG_NEXT', codecpg.stable_id('bc_block', u.unit_id, e.src_block_start::text, e.src_block_end::text),
       codecpg.stable_id('bc_block', u.unit_id, e.dst_block_start::text, e.dst_block_end::text), f.repo, f.path,
       NULL::integer, NULL::integer, f.file_id, 'dis', 'cfg', 1.0::float8, 1.0::float8, NULL::integer, e.kind,
       'CFG_BLOCK', 'CFG_BLOCK', NULL::integer, NULL::integer
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.code_objects) c
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
 CROSS JOIN LATERAL unnest(c.cfg_edges) e
 WHERE e.kind = 'next'
UNION ALL
-- a block without successors returns or raises: it flows to the code unit's exit
SELECT NULL::text, 'CFG_NEXT', codecpg.stable_id('bc_block', u.unit_id, b.start_offset::text, b.end_offset::text),
       codecpg.stable_id('cfg_exit', u.unit_id), f.repo, f.path,
       NULL::integer, NULL::integer, f.file_id, 'dis', 'cfg', 1.0::float8, 1.0::float8, NULL::integer, 'exit',
       'CFG_BLOCK', 'CFG_EXIT', NULL::integer, NULL::integer
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.code_objects) c
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
 CROSS JOIN LATERAL unnest(c.blocks) b
  LEFT JOIN LATERAL unnest(c.cfg_edges) e ON e.src_block_start = b.start_offset AND e.src_block_end = b.end_offset
 WHERE e.src_block_start IS NULL
UNION ALL
SELECT NULL::text, 'CFG_JUMP', codecpg.stable_id('bc_block', u.unit_id, e.src_block_start::text, e.src_block_end::text),
       codecpg.stable_id('bc_block', u.unit_id, e.dst_block_start::text, e.dst_block_end::text), f.repo, f.path,
       NULL::integer, NULL::integer, f.file_id, 'dis', 'cfg', 1.0::float8, 1.0::float8, NULL::integer, e.kind,
       'CFG_BLOCK', 'CFG_BLOCK', NULL::integer, NULL::integer
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.code_objects) c
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
 CROSS JOIN LATERAL unnest(c.cfg_edges) e
 WHERE e.kind = 'jump'
UNION ALL
SELECT NULL::text, 'CFG_BRANCH', codecpg.stable_id('bc_block', u.unit_id, e.src_block_start::text, e.src_block_end::text),
       codecpg.stable_id('bc_block', u.unit_id, e.dst_block_start::text, e.dst_block_end::text), f.repo, f.path,
       NULL::integer, NULL::integer, f.file_id, 'dis', 'cfg', 1.0::float8, 1.0::float8, NULL::integer, e.kind,
       'CFG_BLOCK', 'CFG_BLOCK', NULL::integer, NULL::integer
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.code_objects) c
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
 CROSS JOIN LATERAL unnest(c.cfg_edges) e
 WHERE e.kind = 'branch'
UNION ALL
SELECT NULL::text, 'CFG_EXC', codecpg.stable_id('bc_block', u.unit_id, e.src_block_start::text, e.src_block_end::text),
       codecpg.stable_id('bc_block', u.unit_id, e.dst_block_start::text, e.dst_block_end::text), f.repo, f.path,
       NULL::integer, NULL::integer, f.file_id, 'dis', 'cfg', 1.0::float8, 1.0::float8, NULL::integer, e.kind,
       'CFG_BLOCK', 'CFG_BLOCK', NULL::integer, NULL::integer
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.code_objects) c
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
 CROSS JOIN LATERAL unnest(c.cfg_edges) e
 WHERE e.kind = 'exc'
-- diagnostics
UNION ALL
SELECT NULL::text, 'HAS_DIAGNOSTIC', f.file_id, codecpg.stable_id('ts_node', f.file_id, x.node_id::text), f.repo, f.path,
       (x.span).bstart, (x.span).bend, f.file_id, 'treesitter', 'structure', 1.0::float8, 1.0::float8, NULL::integer,
       'TS_ERROR', 'PY_FILE', 'TS_ERROR', (x.span).line0 + 1, codecpg.span_last_line(x.span)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.errors) x
UNION ALL
SELECT NULL::text, 'HAS_DIAGNOSTIC', f.file_id, codecpg.stable_id('ts_node', f.file_id, x.node_id::text), f.repo, f.path,
       (x.span).bstart, (x.span).bend, f.file_id, 'treesitter', 'structure', 1.0::float8, 1.0::float8, NULL::integer,
       'TS_MISSING', 'PY_FILE', 'TS_MISSING', (x.span).line0 + 1, codecpg.span_last_line(x.span)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.missing) x
UNION ALL
SELECT NULL::text, 'HAS_DIAGNOSTIC', f.file_id, codecpg.stable_id('diag', f.file_id, 'libcst', x.ordinality::text),
       f.repo, f.path, x.bstart, x.bend, f.file_id, 'libcst', 'structure', 1.0::float8, 1.0::float8, NULL::integer, 'DIAG',
       'PY_FILE', 'DIAG', x.editor_line, NULL::integer
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.parse_errors) WITH ORDINALITY x
UNION ALL
SELECT NULL::text, 'HAS_DIAGNOSTIC', f.file_id, codecpg.stable_id('diag', f.file_id, 'ast', x.ordinality::text),
       f.repo, f.path, (x.span).bstart, (x.span).bend, f.file_id, 'py_ast', 'structure', 1.0::float8, 1.0::float8,
       NULL::integer, 'DIAG', 'PY_FILE', 'DIAG', (x.span).line0 + 1, codecpg.span_last_line(x.span)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.errors) WITH ORDINALITY x
UNION ALL
SELECT NULL::text, 'HAS_DIAGNOSTIC', f.file_id, codecpg.stable_id('diag', f.file_id, 'symtable', x.ordinality::text),
       f.repo, f.path, (x.span).bstart, (x.span).bend, f.file_id, 'symtable', 'structure', 1.0::float8, 1.0::float8,
       NULL::integer, 'DIAG', 'PY_FILE', 'DIAG', (x.span).line0 + 1, codecpg.span_last_line(x.span)
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.errors) WITH ORDINALITY x
UNION ALL
SELECT NULL::text, 'HAS_DIAGNOSTIC', f.file_id, codecpg.stable_id('diag', f.file_id, 'bytecode', x.ordinality::text),
       f.repo, f.path, (x.span).bstart, (x.span).bend, f.file_id, 'dis', 'structure', 1.0::float8, 1.0::float8,
       NULL::integer, 'DIAG', 'PY_FILE', 'DIAG', (x.span).line0 + 1, codecpg.span_last_line(x.span)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.errors) WITH ORDINALITY x
UNION ALL
SELECT NULL::text, 'HAS_DIAGNOSTIC', codecpg.stable_id('scip_occurrence', p.repo, p.index_id, d.relative_path, o.ordinality::text),
       codecpg.stable_id('scip_diagnostic', p.repo, p.index_id, d.relative_path, o.ordinality::text, g.ordinality::text),
       p.repo, d.relative_path, (o.range).bstart, (o.range).bend, p.file_id, 'scip', 'structure', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text, 'SCIP_OCCURRENCE', 'SCIP_DIAGNOSTIC', (o.range).line0 + 1, codecpg.span_last_line(o.range)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_elements(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
 CROSS JOIN LATERAL unnest(o.diagnostics) WITH ORDINALITY g
-- data flow (REACHES, STEP_DEF, STEP_USE, DEF_SITE_OF, USE_SITE_OF): its branches go here,
-- before the end of the view --------------------------------------------------------------
) e;

COMMENT ON VIEW codecpg.cpg_nodes IS
  'The nodes of the code property graph, derived from every domain''s stored facts (ids from codecpg.stable_id, never stored per element). Kinds: PY_REPO, PY_FILE, PY_MODULE, PY_PACKAGE; CST_CLASS_DEF, CST_FUNCTION_DEF, CST_LAMBDA (CST_DEF for any other definition kind), CST_PARAM, CST_DECORATOR, CST_IMPORT, CST_IMPORT_ALIAS, CST_NAME_REF, CST_ATTRIBUTE_ACCESS, CST_REF, CST_CALLSITE, CST_ARG, CST_DOCSTRING, TYPE_EXPR; AST_NODE, AST_DEF, AST_CALL; TS_NODE, TS_ERROR, TS_MISSING; SYM_SCOPE, SYM_SYMBOL; SCIP_INDEX, SCIP_DOCUMENT, SCIP_OCCURRENCE, SCIP_SYMBOL, SCIP_DIAGNOSTIC; PY_QUALIFIED_NAME; BC_CODE_UNIT, BC_INSTR, CFG_BLOCK, CFG_EXIT; DIAG. See docs/cpg.md.';
SELECT codecpg.comment_attributes('codecpg.cpg_nodes', ARRAY[
  ['node_id',        'Stable node id "<prefix>:<32 hex>" (codecpg.stable_id); recipes in docs/cpg.md, e.g. cst_def (file_id, kind, def_bstart, def_bend), cst_call (file_id, call_bstart, call_bend), span (kind, path, bstart, bend).'],
  ['node_kind',      'Kind of the node (see COMMENT ON VIEW).'],
  ['repo',           'Repository name.'],
  ['file_id',        'File of the node, or NULL for repository-level nodes (repository, SCIP index and symbols, qualified names).'],
  ['path',           'File path of the node (the document path for SCIP nodes), or NULL.'],
  ['bstart',         'First byte of the node''s span in the file''s UTF-8 source, or NULL when it has none.'],
  ['bend',           'Byte past the node''s span, or NULL.'],
  ['name',           'A readable label: the defined or referenced name, module name, callee text, node type, opname, SCIP symbol, message.'],
  ['origin',         'Domain the node comes from: libcst, py_ast, symtable, dis, scip, treesitter or derived.'],
  ['props',          'Further properties of the node (jsonb), domain-specific; NULL when there are none. The ones BI tools filter on are also the columns qualified_name, kind_detail, line and end_line.'],
  ['qualified_name', 'Dotted qualified name where the node has one: a module''s or file''s module name, a definition''s pkg.mod.Class.method, a code unit''s module.qualname, an import''s module.name, a callsite''s first candidate callee, a symbol table scope''s path, a SCIP symbol''s display name, a PY_QUALIFIED_NAME; else NULL.'],
  ['kind_detail',    'The node''s kind within its domain: definition kind (CLASS, FUNCTION, ASYNC_FUNCTION, LAMBDA), AST or tree-sitter node type, opname, block kind, scope block type, symbol binding (parameter, local, global, free), import kind, callee shape, expression context, code unit kind (module, function, generator, coroutine, async_generator), error type; else NULL.'],
  ['line',           'Line of the node''s first byte, 1-based (a code unit''s first line, a symbol table scope''s line), or NULL when the node has no position.'],
  ['end_line',       'Line of the node''s last byte, 1-based, or NULL.']
]);

COMMENT ON VIEW codecpg.cpg_edges IS
  'The edges of the code property graph over every domain: containment (REPO_CONTAINS, FILE_DECLARES_MODULE, FILE_CONTAINS, BC_CONTAINS, SCIP_CONTAINS), trees (CST_PARENT_OF, AST_PARENT_OF, TS_PARENT_OF), scopes (SCOPE_PARENT, SCOPE_BINDS), SCIP role bits and relationships (PY_DEFINES/IMPORTS/WRITES/READS/REFERENCES_SYMBOL, SCIP_SYMBOL_REFERENCE/IMPLEMENTATION/TYPE_DEFINITION/DEFINITION), resolution (PY_CALLS_SYMBOL, PY_CALLS_QNAME, BINDING_RESOLVES_TO, CLASS_INHERITS, CALLSITE_CANDIDATE_QNAME), HAS_ANNOTATION, BYTECODE_ANCHOR, control flow (CFG_NEXT, CFG_JUMP, CFG_BRANCH, CFG_EXC) and HAS_DIAGNOSTIC. Resolution edges come from codecpg.cpg_refresh. Unique on (edge_kind, src, dst, path, bstart, bend). See docs/cpg.md.';
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
  ['origin',             'Domain of the evidence: libcst, py_ast, symtable, dis, scip, treesitter or derived (codecpg''s own resolution).'],
  ['resolution_method',  'How the edge was established: structure, syntax, span_containment, scip_span_exact, scip_occurrence, relationship, name_resolution, file_scope, unresolved, cfg, module or qualname_line.'],
  ['confidence',         '1.0 for facts and SCIP span-exact matches; 0.5 for codecpg''s own name resolution and for the CST''s in-file candidates.'],
  ['score',              'confidence divided by the number of alternative targets of the same evidence; the best score is kept when an edge is found twice.'],
  ['symbol_roles',       'SCIP role bits (DEFINITION=1, IMPORT=2, WRITE=4, READ=8, ...) of the occurrence behind the edge, else NULL.'],
  ['rule_name',          'The rule or detail behind the edge: resolution steps of a call (see cpg_graph_v1.rule_name), the field name of a tree edge, the annotation role, the CFG edge kind.'],
  ['src_node_kind',      'node_kind of the source node, where the edge knows it without a lookup (NULL for AST_PARENT_OF, whose parent may be any AST kind, and TS_PARENT_OF).'],
  ['dst_node_kind',      'node_kind of the destination node.'],
  ['line',               'Line of the evidence''s first byte, 1-based, or NULL when the edge has no span.'],
  ['end_line',           'Line of the evidence''s last byte, 1-based, or NULL.']
]);

-- psqlODBC does not read comments (its SQLColumns and SQLTables return no remarks): the
-- documentation of the views, and of any table, is a query away for ODBC clients.
CREATE FUNCTION codecpg.describe_columns(relation regclass)
RETURNS TABLE (column_name text, ordinal integer, type_name text, remarks text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  SELECT a.attname::text, (row_number() OVER (ORDER BY a.attnum))::integer,
         format_type(a.atttypid, a.atttypmod), col_description(a.attrelid, a.attnum)
    FROM pg_attribute a
   WHERE a.attrelid = relation AND a.attnum > 0 AND NOT a.attisdropped
   ORDER BY a.attnum;
END;
COMMENT ON FUNCTION codecpg.describe_columns(regclass) IS
  'The columns of a table or view (codecpg.cpg_nodes, codecpg.cpg_edges, ...) in order, with their type and comment: the column remarks for clients whose driver does not report them (psqlODBC).';
