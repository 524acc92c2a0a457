-- codecpg install script, part 98: the view codecpg.cpg_nodes (98_cpg_edges.sql: cpg_edges).
--
-- One branch per (domain, kind), each naming its kind with codecpg.cpg_kind('KIND'), which
-- the planner folds to a constant: a query that filters on node_kind or edge_kind plans
-- only the branches it needs (on Citus, where that cannot be planned, the filter skips
-- the other branches when the query starts; see src/views/elements.c). Every branch
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
-- then hash their smaller side instead of sorting both. Tree-sitter nodes, stored as
-- distances, are read with codecpg.ts_node_list, whose flags are bits (1 named, 2 ERROR,
-- 4 MISSING; part 19).
--
-- The last columns are scalar copies of what BI tools filter and group on:
-- qualified_name, kind_detail, line and end_line (1-based, the line of the first and of
-- the last byte). New branches go before the end of each view, in the block marked for
-- them, with the same column list.

CREATE VIEW codecpg.cpg_nodes AS
-- repository, files, modules, packages
SELECT codecpg.stable_id('py_repo', r.repo) AS node_id, codecpg.cpg_kind('PY_REPO') AS node_kind, r.repo,
       NULL::text AS file_id, NULL::text AS path, NULL::integer AS bstart, NULL::integer AS bend,
       r.repo AS name, 'derived'::text AS origin, NULL::jsonb AS props,
       r.repo AS qualified_name, NULL::text AS kind_detail, NULL::integer AS line, NULL::integer AS end_line
  FROM codecpg.repositories r
 WHERE EXISTS (SELECT 1 FROM codecpg.repo_files_v1 f WHERE f.repo = r.repo)
UNION ALL
SELECT f.file_id, codecpg.cpg_kind('PY_FILE'), f.repo, f.file_id, f.path, 0, f.size_bytes::integer, f.path, 'derived',
       jsonb_build_object('file_sha256', f.file_sha256, 'encoding', f.encoding, 'line_count', f.line_count),
       (l.parse_manifest).module_name, f.encoding, 1, f.line_count
  FROM codecpg.repo_files_v1 f LEFT JOIN codecpg.libcst_files_v1 l ON l.repo = f.repo AND l.file_id = f.file_id
UNION ALL
SELECT codecpg.stable_id('py_module', f.file_id), codecpg.cpg_kind('PY_MODULE'), f.repo, f.file_id, f.path, 0, f.size_bytes::integer,
       (l.parse_manifest).module_name, 'derived', NULL::jsonb,
       (l.parse_manifest).module_name, NULL::text, 1, f.line_count
  FROM codecpg.repo_files_v1 f LEFT JOIN codecpg.libcst_files_v1 l ON l.repo = f.repo AND l.file_id = f.file_id
UNION ALL
SELECT codecpg.stable_id('py_package', f.file_id), codecpg.cpg_kind('PY_PACKAGE'), f.repo, f.file_id, f.path, NULL::integer, NULL::integer,
       (l.parse_manifest).module_name, 'derived', NULL::jsonb,
       (l.parse_manifest).module_name, NULL::text, NULL::integer, NULL::integer
  FROM codecpg.repo_files_v1 f LEFT JOIN codecpg.libcst_files_v1 l ON l.repo = f.repo AND l.file_id = f.file_id
 WHERE f.path ~ '(^|/)__init__\.pyi?$'
-- CST definitions and their parts
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), codecpg.cpg_kind('CST_CLASS_DEF'),
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count),
       d.def_fqns[1], d.kind,
       codecpg.line_at(r.source, d.def_bstart), codecpg.line_at(r.source, greatest(d.def_bend - 1, d.def_bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.defs) d
 WHERE d.kind = 'CLASS'
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), codecpg.cpg_kind('CST_FUNCTION_DEF'),
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count),
       d.def_fqns[1], d.kind,
       codecpg.line_at(r.source, d.def_bstart), codecpg.line_at(r.source, greatest(d.def_bend - 1, d.def_bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.defs) d
 WHERE d.kind IN ('FUNCTION', 'ASYNC_FUNCTION')
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), codecpg.cpg_kind('CST_LAMBDA'),
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count),
       d.def_fqns[1], d.kind,
       codecpg.line_at(r.source, d.def_bstart), codecpg.line_at(r.source, greatest(d.def_bend - 1, d.def_bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.defs) d
 WHERE d.kind = 'LAMBDA'
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), codecpg.cpg_kind('CST_DEF'),
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count),
       d.def_fqns[1], d.kind,
       codecpg.line_at(r.source, d.def_bstart), codecpg.line_at(r.source, greatest(d.def_bend - 1, d.def_bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.defs) d
 WHERE d.kind NOT IN ('CLASS', 'FUNCTION', 'ASYNC_FUNCTION', 'LAMBDA')
UNION ALL
SELECT codecpg.stable_id('span', 'CST_PARAM', f.path, p.bstart::text, p.bend::text), codecpg.cpg_kind('CST_PARAM'),
       f.repo, f.file_id, f.path, p.bstart, p.bend, NULL::text, 'treesitter',
       jsonb_build_object('ts_kind', p.kind, 'position', p.position),
       NULL::text, p.kind, p.line, p.end_line
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL codecpg.cpg_params(f.nodes, f.line_starts) p
UNION ALL
SELECT codecpg.stable_id('span', 'CST_DECORATOR', f.path, x.bstart::text, x.bend::text), codecpg.cpg_kind('CST_DECORATOR'),
       f.repo, f.file_id, f.path, x.bstart, x.bend, x.decorator_text, 'libcst',
       jsonb_build_object('owner_def_id', x.owner_def_id, 'decorator_index', x.decorator_index),
       NULL::text, x.owner_kind,
       codecpg.line_at(r.source, x.bstart), codecpg.line_at(r.source, greatest(x.bend - 1, x.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.decorators) x
UNION ALL
SELECT DISTINCT codecpg.stable_id('span', 'CST_IMPORT', f.path, i.stmt_bstart::text, i.stmt_bend::text), codecpg.cpg_kind('CST_IMPORT'),
       f.repo, f.file_id, f.path, i.stmt_bstart, i.stmt_bend, i.module, 'libcst',
       jsonb_build_object('kind', i.kind, 'relative_level', i.relative_level),
       i.module, i.kind,
       codecpg.line_at(r.source, i.stmt_bstart), codecpg.line_at(r.source, greatest(i.stmt_bend - 1, i.stmt_bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.imports) i
UNION ALL
SELECT codecpg.stable_id('cst_import', f.file_id, i.kind, i.alias_bstart::text, i.alias_bend::text), codecpg.cpg_kind('CST_IMPORT_ALIAS'),
       f.repo, f.file_id, f.path, i.alias_bstart, i.alias_bend, coalesce(i.asname, i.name), 'libcst',
       jsonb_build_object('module', i.module, 'name', i.name, 'asname', i.asname,
                          'relative_level', i.relative_level, 'is_star', i.is_star),
       concat_ws('.', i.module, i.name), i.kind,
       codecpg.line_at(r.source, i.alias_bstart), codecpg.line_at(r.source, greatest(i.alias_bend - 1, i.alias_bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.imports) i
UNION ALL
SELECT codecpg.stable_id('span', 'CST_NAME_REF', f.path, x.bstart::text, x.bend::text), codecpg.cpg_kind('CST_NAME_REF'),
       f.repo, f.file_id, f.path, x.bstart, x.bend, x.ref_text, 'libcst',
       jsonb_build_object('expr_ctx', x.expr_ctx, 'scope_type', x.scope_type, 'scope_name', x.scope_name,
                          'scope_role', x.scope_role),
       NULL::text, x.expr_ctx,
       codecpg.line_at(r.source, x.bstart), codecpg.line_at(r.source, greatest(x.bend - 1, x.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.refs) x
 WHERE x.ref_kind = 'NAME'
UNION ALL
SELECT codecpg.stable_id('span', 'CST_ATTRIBUTE_ACCESS', f.path, x.bstart::text, x.bend::text), codecpg.cpg_kind('CST_ATTRIBUTE_ACCESS'),
       f.repo, f.file_id, f.path, x.bstart, x.bend, x.ref_text, 'libcst',
       jsonb_build_object('expr_ctx', x.expr_ctx, 'scope_type', x.scope_type, 'scope_name', x.scope_name,
                          'scope_role', x.scope_role),
       NULL::text, x.expr_ctx,
       codecpg.line_at(r.source, x.bstart), codecpg.line_at(r.source, greatest(x.bend - 1, x.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.refs) x
 WHERE x.ref_kind = 'ATTRIBUTE'
UNION ALL
SELECT codecpg.stable_id('span', 'CST_REF', f.path, x.bstart::text, x.bend::text), codecpg.cpg_kind('CST_REF'),
       f.repo, f.file_id, f.path, x.bstart, x.bend, x.ref_text, 'libcst',
       jsonb_build_object('expr_ctx', x.expr_ctx, 'scope_type', x.scope_type, 'scope_name', x.scope_name,
                          'scope_role', x.scope_role),
       NULL::text, x.expr_ctx,
       codecpg.line_at(r.source, x.bstart), codecpg.line_at(r.source, greatest(x.bend - 1, x.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.refs) x
 WHERE x.ref_kind NOT IN ('NAME', 'ATTRIBUTE')
UNION ALL
SELECT codecpg.stable_id('cst_call', f.file_id, c.call_bstart::text, c.call_bend::text), codecpg.cpg_kind('CST_CALLSITE'),
       f.repo, f.file_id, f.path, c.call_bstart, c.call_bend, c.callee_text, 'libcst',
       jsonb_build_object('callee_shape', c.callee_shape, 'callee_dotted', c.callee_dotted, 'arg_count', c.arg_count,
                          'callee_bstart', c.callee_bstart, 'callee_bend', c.callee_bend, 'callee_fqns', c.callee_fqns),
       coalesce(c.callee_fqns[1], c.callee_dotted), c.callee_shape,
       codecpg.line_at(r.source, c.call_bstart), codecpg.line_at(r.source, greatest(c.call_bend - 1, c.call_bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.callsites) c
UNION ALL
SELECT codecpg.stable_id('span', 'CST_ARG', f.path, a.bstart::text, a.bend::text), codecpg.cpg_kind('CST_ARG'),
       f.repo, f.file_id, f.path, a.bstart, a.bend, a.keyword, 'libcst',
       jsonb_build_object('arg_index', a.arg_index, 'star', a.star, 'arg_text', a.arg_text),
       NULL::text, a.star,
       codecpg.line_at(r.source, a.bstart), codecpg.line_at(r.source, greatest(a.bend - 1, a.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.call_args) a
UNION ALL
SELECT codecpg.stable_id('span', 'CST_DOCSTRING', f.path, d.bstart::text, d.bend::text), codecpg.cpg_kind('CST_DOCSTRING'),
       f.repo, f.file_id, f.path, d.bstart, d.bend, NULL::text, 'libcst',
       jsonb_build_object('owner_kind', d.owner_kind, 'docstring', d.docstring),
       NULL::text, d.owner_kind,
       codecpg.line_at(r.source, d.bstart), codecpg.line_at(r.source, greatest(d.bend - 1, d.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.docstrings) d
UNION ALL
SELECT codecpg.stable_id('span', 'TYPE_EXPR', f.path, t.bstart::text, t.bend::text), codecpg.cpg_kind('TYPE_EXPR'),
       f.repo, f.file_id, f.path, t.bstart, t.bend, t.expr_text, 'libcst',
       jsonb_build_object('expr_role', t.expr_role, 'param_name', t.param_name, 'expr_kind', t.expr_kind),
       NULL::text, t.expr_role,
       codecpg.line_at(r.source, t.bstart), codecpg.line_at(r.source, greatest(t.bend - 1, t.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.type_exprs) t
-- syntax trees
UNION ALL
SELECT codecpg.stable_id('ast_node', f.file_id, (n.ordinality - 1)::text), codecpg.cpg_kind('AST_DEF'),
       f.repo, f.file_id, f.path, n.bstart, n.bend, coalesce(n.name, n.kind), 'py_ast',
       jsonb_build_object('kind', n.kind, 'ast_id', n.ordinality - 1, 'field_name', n.field_name, 'value', n.value),
       NULL::text, n.kind, codecpg.line_at_starts(f.line_starts, n.bstart), codecpg.line_at_starts(f.line_starts, greatest(n.bend - 1, n.bstart))
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.nodes) WITH ORDINALITY n
 WHERE n.kind IN ('FunctionDef', 'AsyncFunctionDef', 'ClassDef', 'Lambda')
UNION ALL
SELECT codecpg.stable_id('ast_node', f.file_id, (n.ordinality - 1)::text), codecpg.cpg_kind('AST_CALL'),
       f.repo, f.file_id, f.path, n.bstart, n.bend, coalesce(n.name, n.kind), 'py_ast',
       jsonb_build_object('kind', n.kind, 'ast_id', n.ordinality - 1, 'field_name', n.field_name, 'value', n.value),
       NULL::text, n.kind, codecpg.line_at_starts(f.line_starts, n.bstart), codecpg.line_at_starts(f.line_starts, greatest(n.bend - 1, n.bstart))
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.nodes) WITH ORDINALITY n
 WHERE n.kind = 'Call'
UNION ALL
SELECT codecpg.stable_id('ast_node', f.file_id, (n.ordinality - 1)::text), codecpg.cpg_kind('AST_NODE'),
       f.repo, f.file_id, f.path, n.bstart, n.bend, coalesce(n.name, n.kind), 'py_ast',
       jsonb_build_object('kind', n.kind, 'ast_id', n.ordinality - 1, 'field_name', n.field_name, 'value', n.value),
       NULL::text, n.kind, codecpg.line_at_starts(f.line_starts, n.bstart), codecpg.line_at_starts(f.line_starts, greatest(n.bend - 1, n.bstart))
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.nodes) WITH ORDINALITY n
 WHERE n.kind NOT IN ('FunctionDef', 'AsyncFunctionDef', 'ClassDef', 'Lambda', 'Call')
UNION ALL
-- the three kinds of tree-sitter node from one reading of the list, joined to their
-- constants: ERROR nodes (flag 2), MISSING ones (flag 4, never both) and the others. A kind
-- filter drops the constants of the other kinds, and with all three, the branch.
SELECT codecpg.stable_id('ts_node', f.file_id, n.node_id::text), k.node_kind,
       f.repo, f.file_id, f.path, n.bstart, n.bend, codecpg.ts_kind(n.kind_id), 'treesitter',
       jsonb_build_object('node_id', n.node_id, 'field_name', codecpg.ts_field(n.field_id), 'is_named', (n.flags & 1) <> 0),
       NULL::text, codecpg.ts_kind(n.kind_id), codecpg.line_at_starts(f.line_starts, n.bstart), codecpg.line_at_starts(f.line_starts, greatest(n.bend - 1, n.bstart))
  FROM codecpg.tree_sitter_files_v1 f
 CROSS JOIN LATERAL codecpg.ts_node_list(f.nodes) n
  JOIN (SELECT codecpg.cpg_kind('TS_NODE'), 0 UNION ALL SELECT codecpg.cpg_kind('TS_ERROR'), 2
        UNION ALL SELECT codecpg.cpg_kind('TS_MISSING'), 4) k(node_kind, flag)
    ON k.flag = CASE WHEN (n.flags & 2) <> 0 THEN 2 ELSE n.flags & 4 END
-- symbol tables
UNION ALL
SELECT codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name, coalesce(b.lineno1, 0)::text),
       codecpg.cpg_kind('SYM_SCOPE'), f.repo, f.file_id, f.path, (b.span_hint).bstart, (b.span_hint).bend, b.name, 'symtable',
       jsonb_build_object('block_type', b.block_type, 'qualpath', b.qualpath, 'lineno1', b.lineno1),
       b.qualpath, b.block_type, b.lineno1, NULL::integer
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.blocks) b
UNION ALL
SELECT codecpg.stable_id('sym_symbol',
           codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name, coalesce(b.lineno1, 0)::text),
           s.name),
       codecpg.cpg_kind('SYM_SYMBOL'), f.repo, f.file_id, f.path, NULL::integer, NULL::integer, s.name, 'symtable',
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
SELECT DISTINCT codecpg.stable_id('scip_index', p.repo, p.index_id), codecpg.cpg_kind('SCIP_INDEX'), p.repo, NULL::text, NULL::text,
       NULL::integer, NULL::integer,
       p.index_id, 'scip', jsonb_build_object('tool', (p.metadata).tool_info.name, 'version', (p.metadata).tool_info.version),
       NULL::text, (p.metadata).tool_info.name, NULL::integer, NULL::integer
  FROM codecpg.scip_index_v1 p
UNION ALL
SELECT codecpg.stable_id('scip_document', p.repo, p.index_id, d.relative_path), codecpg.cpg_kind('SCIP_DOCUMENT'), p.repo, p.file_id,
       d.relative_path, NULL::integer, NULL::integer, d.relative_path, 'scip', jsonb_build_object('language', d.language),
       NULL::text, d.language, NULL::integer, NULL::integer
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_elements(p.documents) d
UNION ALL
SELECT codecpg.stable_id('scip_occurrence', p.repo, p.index_id, d.relative_path, o.ordinality::text), codecpg.cpg_kind('SCIP_OCCURRENCE'),
       p.repo, p.file_id, d.relative_path, (o.range).bstart, (o.range).bend, o.symbol, 'scip',
       jsonb_build_object('symbol_roles', o.symbol_roles, 'range_raw', o.range_raw),
       NULL::text, NULL::text, (o.range).line0 + 1, codecpg.span_last_line(o.range)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_elements(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
UNION ALL
SELECT codecpg.stable_id('scip_diagnostic', p.repo, p.index_id, d.relative_path, o.ordinality::text, g.gord::text),
       codecpg.cpg_kind('SCIP_DIAGNOSTIC'), p.repo, p.file_id, d.relative_path, (o.range).bstart, (o.range).bend, g.message, 'scip',
       jsonb_build_object('severity', g.severity, 'code', g.code, 'source', g.source),
       NULL::text, g.severity::text, (o.range).line0 + 1, codecpg.span_last_line(o.range)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_elements(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
 CROSS JOIN LATERAL unnest(o.diagnostics) WITH ORDINALITY g(severity, code, message, source, tags, gord)
UNION ALL
SELECT codecpg.stable_id('scip_symbol', s.repo, s.symbol), codecpg.cpg_kind('SCIP_SYMBOL'), s.repo, NULL::text, NULL::text,
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
        SELECT p.repo, r.related_symbol, NULL, NULL
          FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r) s
 WHERE s.symbol IS NOT NULL AND s.symbol <> ''
 GROUP BY s.repo, s.symbol
-- names known only as names: external and unresolved callees and bases, the CST's candidate names
UNION ALL
SELECT DISTINCT q.node_id, codecpg.cpg_kind('PY_QUALIFIED_NAME'), q.repo, NULL::text, NULL::text, NULL::integer, NULL::integer, q.name,
       'derived', NULL::jsonb, q.name, NULL::text, NULL::integer, NULL::integer
  FROM (SELECT l.callee_node_id AS node_id, g.repo, l.callee_name AS name
          FROM codecpg.cpg_graph_v1 g CROSS JOIN LATERAL codecpg.cpg_links(g) l
         WHERE l.callee_kind IN ('EXTERNAL', 'UNRESOLVED')
        UNION ALL
        SELECT codecpg.stable_id('py_qname', f.repo, n), f.repo, n
          FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.callsites) c
         CROSS JOIN LATERAL unnest(c.callee_fqns) n) q
-- bytecode and control flow
UNION ALL
SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name), codecpg.cpg_kind('BC_CODE_UNIT'),
       f.repo, f.file_id, f.path, (c.span).bstart, (c.span).bend, c.qualname, 'dis',
       jsonb_build_object('code_id', c.code_id, 'firstlineno1', c.firstlineno1, 'argcount', c.argcount,
                          'is_generator', c.is_generator, 'is_coroutine', c.is_coroutine),
       CASE WHEN c.code_id = 0 THEN (l.parse_manifest).module_name
            ELSE concat_ws('.', nullif((l.parse_manifest).module_name, ''), c.qualname) END,
       CASE WHEN c.code_id = 0 THEN 'module' WHEN c.is_async_generator THEN 'async_generator'
            WHEN c.is_coroutine THEN 'coroutine' WHEN c.is_generator THEN 'generator' ELSE 'function' END,
       c.firstlineno1, codecpg.span_last_line(c.span)
  FROM codecpg.bytecode_files_v1 f LEFT JOIN codecpg.libcst_files_v1 l ON l.repo = f.repo AND l.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.code_objects) c
UNION ALL
SELECT codecpg.stable_id('bc_instr', codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name),
                         (i.ordinality - 1)::text, i.instr_offset::text),
       codecpg.cpg_kind('BC_INSTR'), f.repo, f.file_id, f.path, i.bstart, i.bend, codecpg.bc_opname(i.opcode), 'dis',
       jsonb_build_object('offset', i.instr_offset, 'argrepr', i.argrepr, 'line_number', i.line_number),
       NULL::text, codecpg.bc_opname(i.opcode), i.line_number, codecpg.bc_instr_last_line(i.line_number, i.end_line_delta, i.end_col, i.bstart, i.bend)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.code_objects) c
 CROSS JOIN LATERAL ROWS FROM (unnest(c.instructions), codecpg.bc_instr_derived(c.instructions, c.consts)) WITH ORDINALITY i
UNION ALL
SELECT codecpg.stable_id('bc_block', codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name),
                         b.start_offset::text, b.end_offset::text),
       codecpg.cpg_kind('CFG_BLOCK'), f.repo, f.file_id, f.path, NULL::integer, NULL::integer, b.kind, 'dis',
       jsonb_build_object('start_offset', b.start_offset, 'end_offset', b.end_offset),
       NULL::text, b.kind, NULL::integer, NULL::integer
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.code_objects) c CROSS JOIN LATERAL unnest(c.blocks) b
UNION ALL
SELECT codecpg.stable_id('cfg_exit', codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name)),
       codecpg.cpg_kind('CFG_EXIT'), f.repo, f.file_id, f.path, NULL::integer, NULL::integer, c.qualname, 'dis', NULL::jsonb,
       NULL::text, NULL::text, NULL::integer, NULL::integer
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.code_objects) c
-- diagnostics of every domain (tree-sitter's are its TS_ERROR/TS_MISSING nodes, SCIP's its
-- SCIP_DIAGNOSTIC nodes), numbered per file and domain
UNION ALL
SELECT codecpg.stable_id('diag', f.file_id, 'libcst', x.ordinality::text), codecpg.cpg_kind('DIAG'), f.repo, f.file_id, f.path,
       x.bstart, x.bend, x.message, 'libcst', jsonb_build_object('error_type', x.error_type, 'domain', 'libcst'),
       NULL::text, x.error_type, x.editor_line, NULL::integer
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.parse_errors) WITH ORDINALITY x
UNION ALL
SELECT codecpg.stable_id('diag', f.file_id, 'ast', x.ordinality::text), codecpg.cpg_kind('DIAG'), f.repo, f.file_id, f.path,
       (x.span).bstart, (x.span).bend, x.message, 'py_ast', jsonb_build_object('error_type', x.error_type, 'domain', 'ast'),
       NULL::text, x.error_type, (x.span).line0 + 1, codecpg.span_last_line(x.span)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.errors) WITH ORDINALITY x
UNION ALL
SELECT codecpg.stable_id('diag', f.file_id, 'symtable', x.ordinality::text), codecpg.cpg_kind('DIAG'), f.repo, f.file_id, f.path,
       (x.span).bstart, (x.span).bend, x.message, 'symtable',
       jsonb_build_object('error_type', x.error_type, 'domain', 'symtable'),
       NULL::text, x.error_type, (x.span).line0 + 1, codecpg.span_last_line(x.span)
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.errors) WITH ORDINALITY x
UNION ALL
SELECT codecpg.stable_id('diag', f.file_id, 'bytecode', x.ordinality::text), codecpg.cpg_kind('DIAG'), f.repo, f.file_id, f.path,
       (x.span).bstart, (x.span).bend, x.message, 'dis', jsonb_build_object('error_type', x.error_type, 'domain', 'bytecode'),
       NULL::text, x.error_type, (x.span).line0 + 1, codecpg.span_last_line(x.span)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.errors) WITH ORDINALITY x
-- data flow (dataflow_files_v1, sql/parts/85_dataflow.sql)
UNION ALL
SELECT v.node_id, codecpg.cpg_kind('DF_DEF'), f.repo, f.file_id, f.path, v.bstart, v.bend, v.name, 'dataflow',
       jsonb_build_object('kind', v.kind, 'event_id', v.event_id, 'code_id', v.code_id, 'qualname', v.qualname,
                          'line0', v.line0),
       NULL::text, v.kind, v.line0 + 1, NULL::integer
  FROM codecpg.dataflow_files_v1 f CROSS JOIN LATERAL codecpg.df_events(f) v
 WHERE v.role = 'def'
UNION ALL
SELECT v.node_id, codecpg.cpg_kind('DF_USE'), f.repo, f.file_id, f.path, v.bstart, v.bend, v.name, 'dataflow',
       jsonb_build_object('kind', v.kind, 'event_id', v.event_id, 'code_id', v.code_id, 'qualname', v.qualname,
                          'line0', v.line0),
       NULL::text, v.kind, v.line0 + 1, NULL::integer
  FROM codecpg.dataflow_files_v1 f CROSS JOIN LATERAL codecpg.df_events(f) v
 WHERE v.role = 'use'
-- new branches go here, before the end of the view ------------------------------------
;

COMMENT ON VIEW codecpg.cpg_nodes IS
  'The nodes of the code property graph, derived from every domain''s stored facts (ids from codecpg.stable_id, never stored per element). Kinds: PY_REPO, PY_FILE, PY_MODULE, PY_PACKAGE; CST_CLASS_DEF, CST_FUNCTION_DEF, CST_LAMBDA (CST_DEF for any other definition kind), CST_PARAM, CST_DECORATOR, CST_IMPORT, CST_IMPORT_ALIAS, CST_NAME_REF, CST_ATTRIBUTE_ACCESS, CST_REF, CST_CALLSITE, CST_ARG, CST_DOCSTRING, TYPE_EXPR; AST_NODE, AST_DEF, AST_CALL; TS_NODE, TS_ERROR, TS_MISSING; SYM_SCOPE, SYM_SYMBOL; SCIP_INDEX, SCIP_DOCUMENT, SCIP_OCCURRENCE, SCIP_SYMBOL, SCIP_DIAGNOSTIC; PY_QUALIFIED_NAME; BC_CODE_UNIT, BC_INSTR, CFG_BLOCK, CFG_EXIT; DIAG; DF_DEF, DF_USE (data flow, docs/dataflow.md). See docs/cpg.md.';
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
