-- codecpg install script, part 98: the view codecpg.cpg_edges, built as cpg_nodes is (see
-- 98_cpg_nodes.sql): one branch per (domain, kind) with the view's exact column types,
-- lists unnested with codecpg.cpg_elements, no helper that reads a table; edge_id is
-- derived in one place, outside the branches, from the columns every branch yields. New
-- branches go before the end of the view, in the block marked for them.
-- Where several kinds come from the same large list (the bytecode's code units) or the
-- same function call (the data flow's), one branch reads it once and yields the kinds
-- from parts whose kind is a constant (a UNION ALL inside the branch, or a join to the
-- kinds' constants): a kind filter still drops the other parts, and the branch when none
-- is left, at plan time. Ids are computed in the view, never by a function that a count
-- would run anyway.

CREATE VIEW codecpg.cpg_edges AS
SELECT coalesce(e.stored_id,
                codecpg.stable_id('edge', e.edge_kind, e.src_node_id, e.dst_node_id, coalesce(e.path, ''),
                                  coalesce(e.bstart::text, ''), coalesce(e.bend::text, ''))) AS edge_id,
       e.edge_kind, e.src_node_id, e.dst_node_id, e.repo, e.path, e.bstart, e.bend, e.edge_owner_file_id,
       e.origin, e.resolution_method, e.confidence, e.score, e.symbol_roles, e.rule_name,
       e.src_node_kind, e.dst_node_kind, e.line, e.end_line
  FROM (
-- containment
SELECT NULL::text AS stored_id, codecpg.cpg_kind('REPO_CONTAINS') AS edge_kind, codecpg.stable_id('py_repo', f.repo) AS src_node_id,
       f.file_id AS dst_node_id, f.repo, f.path, NULL::integer AS bstart, NULL::integer AS bend,
       f.file_id AS edge_owner_file_id, 'derived'::text AS origin, 'structure'::text AS resolution_method,
       1.0::double precision AS confidence, 1.0::double precision AS score, NULL::integer AS symbol_roles,
       NULL::text AS rule_name, 'PY_REPO'::text AS src_node_kind, 'PY_FILE'::text AS dst_node_kind,
       NULL::integer AS line, NULL::integer AS end_line
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('FILE_DECLARES_MODULE'), f.file_id, codecpg.stable_id('py_module', f.file_id), f.repo, f.path,
       NULL::integer, NULL::integer, f.file_id, 'derived', 'structure', 1.0::float8, 1.0::float8, NULL::integer, NULL::text,
       'PY_FILE', 'PY_MODULE', NULL::integer, NULL::integer
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('FILE_DECLARES_MODULE'), f.file_id, codecpg.stable_id('py_package', f.file_id), f.repo, f.path,
       NULL::integer, NULL::integer, f.file_id, 'derived', 'structure', 1.0::float8, 1.0::float8, NULL::integer, NULL::text,
       'PY_FILE', 'PY_PACKAGE', NULL::integer, NULL::integer
  FROM codecpg.repo_files_v1 f
 WHERE f.path ~ '(^|/)__init__\.pyi?$'
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('FILE_CONTAINS'),
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
SELECT NULL::text, codecpg.cpg_kind('CST_PARENT_OF'), codecpg.stable_id('span', 'CST_IMPORT', f.path, i.stmt_bstart::text, i.stmt_bend::text),
       codecpg.stable_id('cst_import', f.file_id, i.kind, i.alias_bstart::text, i.alias_bend::text),
       f.repo, f.path, i.alias_bstart, i.alias_bend, f.file_id, 'libcst', 'syntax', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text, 'CST_IMPORT', 'CST_IMPORT_ALIAS',
       codecpg.line_at(r.source, i.alias_bstart), codecpg.line_at(r.source, greatest(i.alias_bend - 1, i.alias_bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.imports) i
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('CST_PARENT_OF'), codecpg.stable_id('cst_call', f.file_id, a.call_bstart::text, a.call_bend::text),
       codecpg.stable_id('span', 'CST_ARG', f.path, a.bstart::text, a.bend::text),
       f.repo, f.path, a.bstart, a.bend, f.file_id, 'libcst', 'syntax', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text, 'CST_CALLSITE', 'CST_ARG',
       codecpg.line_at(r.source, a.bstart), codecpg.line_at(r.source, greatest(a.bend - 1, a.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL (SELECT c.call_bstart, c.call_bend, a.bstart, a.bend
                       FROM codecpg.cpg_elements(f.callsites) c JOIN codecpg.cpg_elements(f.call_args) a ON a.call_id = c.call_id) a
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('CST_PARENT_OF'), codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text),
       codecpg.stable_id('span', 'CST_DECORATOR', f.path, x.bstart::text, x.bend::text),
       f.repo, f.path, x.bstart, x.bend, f.file_id, 'libcst', 'syntax', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text, codecpg.cpg_def_kind(d.kind), 'CST_DECORATOR',
       codecpg.line_at(r.source, x.bstart), codecpg.line_at(r.source, greatest(x.bend - 1, x.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.decorators) x
  JOIN LATERAL codecpg.cpg_elements(f.defs) d ON d.def_id = x.owner_def_id
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('CST_PARENT_OF'), codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text),
       codecpg.stable_id('span', 'CST_DOCSTRING', f.path, x.bstart::text, x.bend::text),
       f.repo, f.path, x.bstart, x.bend, f.file_id, 'libcst', 'syntax', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text, codecpg.cpg_def_kind(d.kind), 'CST_DOCSTRING',
       codecpg.line_at(r.source, x.bstart), codecpg.line_at(r.source, greatest(x.bend - 1, x.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.docstrings) x
  JOIN LATERAL codecpg.cpg_elements(f.defs) d ON d.def_id = x.owner_def_id
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('CST_PARENT_OF'), codecpg.stable_id('py_module', f.file_id),
       codecpg.stable_id('span', 'CST_DOCSTRING', f.path, x.bstart::text, x.bend::text),
       f.repo, f.path, x.bstart, x.bend, f.file_id, 'libcst', 'syntax', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text, 'PY_MODULE', 'CST_DOCSTRING',
       codecpg.line_at(r.source, x.bstart), codecpg.line_at(r.source, greatest(x.bend - 1, x.bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.docstrings) x
 WHERE x.owner_def_id IS NULL
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('CST_PARENT_OF'), codecpg.stable_id('cst_def', f.file_id, p.def_kind, p.def_bstart::text, p.def_bend::text),
       codecpg.stable_id('span', 'CST_PARAM', f.path, p.bstart::text, p.bend::text),
       f.repo, f.path, p.bstart, p.bend, f.file_id, 'treesitter', 'span_containment', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text, codecpg.cpg_def_kind(p.def_kind), 'CST_PARAM', p.line, p.end_line
  FROM codecpg.tree_sitter_files_v1 f
  JOIN codecpg.libcst_files_v1 l ON l.repo = f.repo AND l.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_params(f.nodes, f.line_starts, l.defs) p
-- syntax trees
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('AST_PARENT_OF'), codecpg.stable_id('ast_node', f.file_id, n.parent_ast_id::text),
       codecpg.stable_id('ast_node', f.file_id, (n.ordinality - 1)::text), f.repo, f.path, n.bstart, n.bend,
       f.file_id, 'py_ast', 'syntax', 1.0::float8, 1.0::float8, NULL::integer, n.field_name,
       NULL::text, codecpg.cpg_ast_kind(n.kind), codecpg.line_at_starts(f.line_starts, n.bstart), codecpg.line_at_starts(f.line_starts, greatest(n.bend - 1, n.bstart))
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.nodes) WITH ORDINALITY n
 WHERE n.parent_ast_id IS NOT NULL
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('TS_PARENT_OF'), codecpg.stable_id('ts_node', f.file_id, n.parent_id::text),
       codecpg.stable_id('ts_node', f.file_id, n.node_id::text), f.repo, f.path, n.bstart, n.bend,
       f.file_id, 'treesitter', 'syntax', 1.0::float8, 1.0::float8, NULL::integer, codecpg.ts_field(n.field_id),
       NULL::text, CASE WHEN (n.flags & 2) <> 0 THEN 'TS_ERROR' WHEN (n.flags & 4) <> 0 THEN 'TS_MISSING' ELSE 'TS_NODE' END,
       codecpg.line_at_starts(f.line_starts, n.bstart), codecpg.line_at_starts(f.line_starts, greatest(n.bend - 1, n.bstart))
  FROM codecpg.tree_sitter_files_v1 f
 CROSS JOIN LATERAL codecpg.ts_node_list(f.nodes) n
 WHERE n.parent_id IS NOT NULL
-- symbol tables
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('SCOPE_PARENT'),
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
SELECT NULL::text, codecpg.cpg_kind('SCOPE_BINDS'), x.scope_id, codecpg.stable_id('sym_symbol', x.scope_id, s.name),
       f.repo, f.path, NULL::integer, NULL::integer, f.file_id, 'symtable', 'structure', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text, 'SYM_SCOPE', 'SYM_SYMBOL', NULL::integer, NULL::integer
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.blocks) b
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name,
                                              coalesce(b.lineno1, 0)::text) AS scope_id) x
 CROSS JOIN LATERAL unnest(b.symbols) s
-- the CST's own candidate names for callees
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('CALLSITE_CANDIDATE_QNAME'), codecpg.stable_id('cst_call', f.file_id, c.call_bstart::text, c.call_bend::text),
       codecpg.stable_id('py_qname', f.repo, n), f.repo, f.path, c.callee_bstart, c.callee_bend, f.file_id,
       'libcst', 'file_scope', 0.5::float8, 0.5::float8, NULL::integer, NULL::text, 'CST_CALLSITE', 'PY_QUALIFIED_NAME',
       codecpg.line_at(r.source, c.callee_bstart), codecpg.line_at(r.source, greatest(c.callee_bend - 1, c.callee_bstart))
  FROM codecpg.libcst_files_v1 f JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
 CROSS JOIN LATERAL codecpg.cpg_elements(f.callsites) c CROSS JOIN LATERAL unnest(c.callee_fqns) n
-- annotations
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('HAS_ANNOTATION'),
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
SELECT DISTINCT NULL::text, codecpg.cpg_kind('PY_DEFINES_SYMBOL'), m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend,
       p.file_id, 'scip', m.match, 1.0::float8, 1.0::float8, m.symbol_roles, NULL::text, m.src_kind, 'SCIP_SYMBOL',
       m.line, m.end_line
  FROM codecpg.scip_index_v1 p LEFT JOIN codecpg.libcst_files_v1 l ON l.repo = p.repo AND l.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p.repo, p.index_id, p.documents, l.file_id, l.path, l.defs, l.refs, l.imports) m WHERE m.symbol_roles & 1 <> 0
UNION ALL
SELECT DISTINCT NULL::text, codecpg.cpg_kind('PY_IMPORTS_SYMBOL'), m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend,
       p.file_id, 'scip', m.match, 1.0::float8, 1.0::float8, m.symbol_roles, NULL::text, m.src_kind, 'SCIP_SYMBOL',
       m.line, m.end_line
  FROM codecpg.scip_index_v1 p LEFT JOIN codecpg.libcst_files_v1 l ON l.repo = p.repo AND l.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p.repo, p.index_id, p.documents, l.file_id, l.path, l.defs, l.refs, l.imports) m WHERE m.symbol_roles & 2 <> 0
UNION ALL
SELECT DISTINCT NULL::text, codecpg.cpg_kind('PY_WRITES_SYMBOL'), m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend,
       p.file_id, 'scip', m.match, 1.0::float8, 1.0::float8, m.symbol_roles, NULL::text, m.src_kind, 'SCIP_SYMBOL',
       m.line, m.end_line
  FROM codecpg.scip_index_v1 p LEFT JOIN codecpg.libcst_files_v1 l ON l.repo = p.repo AND l.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p.repo, p.index_id, p.documents, l.file_id, l.path, l.defs, l.refs, l.imports) m WHERE m.symbol_roles & 4 <> 0
UNION ALL
SELECT DISTINCT NULL::text, codecpg.cpg_kind('PY_READS_SYMBOL'), m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend,
       p.file_id, 'scip', m.match, 1.0::float8, 1.0::float8, m.symbol_roles, NULL::text, m.src_kind, 'SCIP_SYMBOL',
       m.line, m.end_line
  FROM codecpg.scip_index_v1 p LEFT JOIN codecpg.libcst_files_v1 l ON l.repo = p.repo AND l.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p.repo, p.index_id, p.documents, l.file_id, l.path, l.defs, l.refs, l.imports) m WHERE m.symbol_roles & 8 <> 0
UNION ALL
SELECT DISTINCT NULL::text, codecpg.cpg_kind('PY_REFERENCES_SYMBOL'), m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend,
       p.file_id, 'scip', m.match, 1.0::float8, 1.0::float8, m.symbol_roles, NULL::text, m.src_kind, 'SCIP_SYMBOL',
       m.line, m.end_line
  FROM codecpg.scip_index_v1 p LEFT JOIN codecpg.libcst_files_v1 l ON l.repo = p.repo AND l.file_id = p.file_id
 CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p.repo, p.index_id, p.documents, l.file_id, l.path, l.defs, l.refs, l.imports) m WHERE m.symbol_roles & 15 = 0
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('SCIP_CONTAINS'), codecpg.stable_id('scip_index', p.repo, p.index_id),
       codecpg.stable_id('scip_document', p.repo, p.index_id, d.relative_path), p.repo, d.relative_path,
       NULL::integer, NULL::integer, p.file_id, 'scip', 'structure', 1.0::float8, 1.0::float8, NULL::integer, NULL::text,
       'SCIP_INDEX', 'SCIP_DOCUMENT', NULL::integer, NULL::integer
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_elements(p.documents) d
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('SCIP_CONTAINS'), codecpg.stable_id('scip_document', p.repo, p.index_id, d.relative_path),
       codecpg.stable_id('scip_occurrence', p.repo, p.index_id, d.relative_path, o.ordinality::text), p.repo,
       d.relative_path, (o.range).bstart, (o.range).bend, p.file_id, 'scip', 'structure', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text, 'SCIP_DOCUMENT', 'SCIP_OCCURRENCE', (o.range).line0 + 1, codecpg.span_last_line(o.range)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_elements(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
UNION ALL
SELECT DISTINCT NULL::text, codecpg.cpg_kind('SCIP_SYMBOL_REFERENCE'), codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), p.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0::float8, 1.0::float8, NULL::integer, NULL::text, 'SCIP_SYMBOL', 'SCIP_SYMBOL',
       NULL::integer, NULL::integer
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_reference
UNION ALL
SELECT DISTINCT NULL::text, codecpg.cpg_kind('SCIP_SYMBOL_IMPLEMENTATION'), codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), p.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0::float8, 1.0::float8, NULL::integer, NULL::text, 'SCIP_SYMBOL', 'SCIP_SYMBOL',
       NULL::integer, NULL::integer
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_implementation
UNION ALL
SELECT DISTINCT NULL::text, codecpg.cpg_kind('SCIP_SYMBOL_TYPE_DEFINITION'), codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), p.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0::float8, 1.0::float8, NULL::integer, NULL::text, 'SCIP_SYMBOL', 'SCIP_SYMBOL',
       NULL::integer, NULL::integer
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_type_definition
UNION ALL
SELECT DISTINCT NULL::text, codecpg.cpg_kind('SCIP_SYMBOL_DEFINITION'), codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), p.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0::float8, 1.0::float8, NULL::integer, NULL::text, 'SCIP_SYMBOL', 'SCIP_SYMBOL',
       NULL::integer, NULL::integer
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_definition
-- what runs, what imports bind, what classes inherit (codecpg.cpg_refresh's links), and
-- the scope holding each callsite; one branch per edge kind
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('PY_CALLS_QNAME'), l.src_node_id, l.callee_node_id, g.repo, g.path, l.bstart, l.bend, g.file_id,
       'derived', l.resolution, CASE l.resolution WHEN 'structure' THEN 1.0 ELSE 0.5 END::float8,
       CASE l.resolution WHEN 'structure' THEN 1.0 ELSE 0.5 END::float8 / greatest(l.candidates, 1), NULL::integer,
       l.link_kind || coalesce(':' || l.detail, ''), l.src_node_kind, codecpg.cpg_callee_kind(l.callee_kind),
       codecpg.line_at(r.source, l.bstart), codecpg.line_at(r.source, greatest(l.bend - 1, l.bstart))
  FROM codecpg.cpg_graph_v1 g JOIN codecpg.repo_files_v1 r ON r.repo = g.repo AND r.file_id = g.file_id
 CROSS JOIN LATERAL codecpg.cpg_links(g) l
 WHERE l.link_kind NOT IN ('binding', 'inherits') AND l.resolution <> 'scip'
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('PY_CALLS_SYMBOL'), l.src_node_id, l.callee_node_id, g.repo, g.path, l.bstart, l.bend, g.file_id,
       'scip', l.resolution, 1.0::float8, 1.0::float8 / greatest(l.candidates, 1), NULL::integer,
       l.link_kind || coalesce(':' || l.detail, ''), l.src_node_kind, codecpg.cpg_callee_kind(l.callee_kind),
       codecpg.line_at(r.source, l.bstart), codecpg.line_at(r.source, greatest(l.bend - 1, l.bstart))
  FROM codecpg.cpg_graph_v1 g JOIN codecpg.repo_files_v1 r ON r.repo = g.repo AND r.file_id = g.file_id
 CROSS JOIN LATERAL codecpg.cpg_links(g) l
 WHERE l.link_kind NOT IN ('binding', 'inherits') AND l.resolution = 'scip'
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('BINDING_RESOLVES_TO'), l.src_node_id, l.callee_node_id, g.repo, g.path, l.bstart, l.bend, g.file_id,
       'derived', l.resolution, CASE l.resolution WHEN 'structure' THEN 1.0 ELSE 0.5 END::float8,
       CASE l.resolution WHEN 'structure' THEN 1.0 ELSE 0.5 END::float8 / greatest(l.candidates, 1), NULL::integer,
       l.link_kind, l.src_node_kind, codecpg.cpg_callee_kind(l.callee_kind),
       codecpg.line_at(r.source, l.bstart), codecpg.line_at(r.source, greatest(l.bend - 1, l.bstart))
  FROM codecpg.cpg_graph_v1 g JOIN codecpg.repo_files_v1 r ON r.repo = g.repo AND r.file_id = g.file_id
 CROSS JOIN LATERAL codecpg.cpg_links(g) l
 WHERE l.link_kind = 'binding'
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('CLASS_INHERITS'), l.src_node_id, l.callee_node_id, g.repo, g.path, l.bstart, l.bend, g.file_id,
       'derived', l.resolution, CASE l.resolution WHEN 'structure' THEN 1.0 ELSE 0.5 END::float8,
       CASE l.resolution WHEN 'structure' THEN 1.0 ELSE 0.5 END::float8 / greatest(l.candidates, 1), NULL::integer,
       l.link_kind, l.src_node_kind, codecpg.cpg_callee_kind(l.callee_kind),
       codecpg.line_at(r.source, l.bstart), codecpg.line_at(r.source, greatest(l.bend - 1, l.bstart))
  FROM codecpg.cpg_graph_v1 g JOIN codecpg.repo_files_v1 r ON r.repo = g.repo AND r.file_id = g.file_id
 CROSS JOIN LATERAL codecpg.cpg_links(g) l
 WHERE l.link_kind = 'inherits'
UNION ALL
-- (a callsite with several callees once; its lines after that, so that a count reads no source)
SELECT NULL::text, codecpg.cpg_kind('FILE_CONTAINS'), l.caller_node_id, l.src_node_id, l.repo, l.path, l.bstart, l.bend, l.file_id,
       'derived', 'span_containment', 1.0::float8, 1.0::float8, NULL::integer, NULL::text,
       l.caller_node_kind, 'CST_CALLSITE',
       codecpg.line_at(r.source, l.bstart), codecpg.line_at(r.source, greatest(l.bend - 1, l.bstart))
  FROM (SELECT DISTINCT g.repo, g.path, g.file_id, l.caller_node_id, l.src_node_id, l.bstart, l.bend, l.caller_node_kind
          FROM codecpg.cpg_graph_v1 g CROSS JOIN LATERAL codecpg.cpg_links(g) l
         WHERE l.link_kind = 'call' AND l.src_node_kind = 'CST_CALLSITE') l
  JOIN codecpg.repo_files_v1 r ON r.repo = l.repo AND r.file_id = l.file_id
-- bytecode: code units anchored to their definitions, containment, control flow
UNION ALL
-- a code unit is the code of the definition with its __qualname__ that starts on its first
-- line (co_firstlineno: a decorated definition starts at its first decorator, in CPython
-- and in the CST alike); the module's code is the module
SELECT NULL::text, codecpg.cpg_kind('BYTECODE_ANCHOR'), codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name),
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
-- (as every branch of the view, without a CTE or a subquery that cannot be flattened: those
-- run in the leader only, and a branch with one keeps the whole view from running in parallel)
SELECT NULL::text, codecpg.cpg_kind('BC_CONTAINS'),
       codecpg.stable_id('bc_code', f.file_id, p.qualname, p.firstlineno1::text, p.name),
       codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name), f.repo, f.path, (c.span).bstart,
       (c.span).bend, f.file_id, 'dis', 'structure', 1.0::float8, 1.0::float8, NULL::integer, NULL::text, 'BC_CODE_UNIT',
       'BC_CODE_UNIT', c.firstlineno1, codecpg.span_last_line(c.span)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.code_objects) c
  JOIN LATERAL codecpg.cpg_elements(f.code_objects) p ON p.code_id = c.parent_code_id
UNION ALL
-- what each code unit holds, in one branch: the list of code units is read once per file
-- (once per branch, it was most of these edges' time). A kind filter drops the parts of
-- the other kinds, and with all of them, the branch. The parts are plain scans, which the
-- planner flattens: each says which rows to keep, and the branch filters on that, for a
-- part with its own WHERE would stay a subquery whose lateral references are parameters,
-- and run in the leader only.
SELECT NULL::text, x.edge_kind, x.src_node_id, x.dst_node_id, f.repo, f.path, x.bstart, x.bend, f.file_id, 'dis',
       x.resolution_method, 1.0::float8, 1.0::float8, NULL::integer, x.rule_name, x.src_node_kind, x.dst_node_kind,
       x.line, x.end_line
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.code_objects) c
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
 CROSS JOIN LATERAL (
     SELECT codecpg.cpg_kind('BC_CONTAINS'), u.unit_id,
            codecpg.stable_id('bc_block', u.unit_id, b.start_offset::text, b.end_offset::text),
            NULL::integer, NULL::integer, 'structure', NULL::text, 'BC_CODE_UNIT', 'CFG_BLOCK', NULL::integer, NULL::integer,
            true
       FROM unnest(c.blocks) b
     UNION ALL
     SELECT codecpg.cpg_kind('BC_CONTAINS'), u.unit_id,
            codecpg.stable_id('bc_instr', u.unit_id, (i.ordinality - 1)::text, i.instr_offset::text),
            i.bstart, i.bend, 'structure', NULL::text, 'BC_CODE_UNIT', 'BC_INSTR', i.line_number,
            codecpg.bc_instr_last_line(i.line_number, i.end_line_delta, i.end_col, i.bstart, i.bend), true
       FROM ROWS FROM (unnest(c.instructions), codecpg.bc_instr_derived(c.instructions, c.consts)) WITH ORDINALITY i
     UNION ALL
     SELECT codecpg.cpg_kind('CFG_NEXT'), codecpg.stable_id('bc_block', u.unit_id, e.src_block_start::text, e.src_block_end::text),
            codecpg.stable_id('bc_block', u.unit_id, e.dst_block_start::text, e.dst_block_end::text),
            NULL::integer, NULL::integer, 'cfg', e.kind, 'CFG_BLOCK', 'CFG_BLOCK', NULL::integer, NULL::integer, e.kind = 'next'
       FROM unnest(c.cfg_edges) e
     UNION ALL
     SELECT codecpg.cpg_kind('CFG_JUMP'), codecpg.stable_id('bc_block', u.unit_id, e.src_block_start::text, e.src_block_end::text),
            codecpg.stable_id('bc_block', u.unit_id, e.dst_block_start::text, e.dst_block_end::text),
            NULL::integer, NULL::integer, 'cfg', e.kind, 'CFG_BLOCK', 'CFG_BLOCK', NULL::integer, NULL::integer, e.kind = 'jump'
       FROM unnest(c.cfg_edges) e
     UNION ALL
     SELECT codecpg.cpg_kind('CFG_BRANCH'), codecpg.stable_id('bc_block', u.unit_id, e.src_block_start::text, e.src_block_end::text),
            codecpg.stable_id('bc_block', u.unit_id, e.dst_block_start::text, e.dst_block_end::text),
            NULL::integer, NULL::integer, 'cfg', e.kind, 'CFG_BLOCK', 'CFG_BLOCK', NULL::integer, NULL::integer, e.kind = 'branch'
       FROM unnest(c.cfg_edges) e
     UNION ALL
     SELECT codecpg.cpg_kind('CFG_EXC'), codecpg.stable_id('bc_block', u.unit_id, e.src_block_start::text, e.src_block_end::text),
            codecpg.stable_id('bc_block', u.unit_id, e.dst_block_start::text, e.dst_block_end::text),
            NULL::integer, NULL::integer, 'cfg', e.kind, 'CFG_BLOCK', 'CFG_BLOCK', NULL::integer, NULL::integer, e.kind = 'exc'
       FROM unnest(c.cfg_edges) e)
     x(edge_kind, src_node_id, dst_node_id, bstart, bend, resolution_method, rule_name, src_node_kind, dst_node_kind, line,
       end_line, keep)
 WHERE x.keep
UNION ALL
-- a block without successors returns or raises: it flows to the code unit's exit
SELECT NULL::text, codecpg.cpg_kind('CFG_NEXT'), codecpg.stable_id('bc_block', u.unit_id, b.start_offset::text, b.end_offset::text),
       codecpg.stable_id('cfg_exit', u.unit_id), f.repo, f.path, NULL::integer, NULL::integer, f.file_id, 'dis', 'cfg',
       1.0::float8, 1.0::float8, NULL::integer, 'exit', 'CFG_BLOCK', 'CFG_EXIT', NULL::integer, NULL::integer
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.code_objects) c
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
 CROSS JOIN LATERAL unnest(c.blocks) b
  LEFT JOIN LATERAL unnest(c.cfg_edges) e ON e.src_block_start = b.start_offset AND e.src_block_end = b.end_offset
 WHERE e.src_block_start IS NULL
-- diagnostics
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('HAS_DIAGNOSTIC'), f.file_id, codecpg.stable_id('ts_node', f.file_id, x.node_id::text), f.repo, f.path,
       (x.span).bstart, (x.span).bend, f.file_id, 'treesitter', 'structure', 1.0::float8, 1.0::float8, NULL::integer,
       'TS_ERROR', 'PY_FILE', 'TS_ERROR', (x.span).line0 + 1, codecpg.span_last_line(x.span)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.errors) x
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('HAS_DIAGNOSTIC'), f.file_id, codecpg.stable_id('ts_node', f.file_id, x.node_id::text), f.repo, f.path,
       (x.span).bstart, (x.span).bend, f.file_id, 'treesitter', 'structure', 1.0::float8, 1.0::float8, NULL::integer,
       'TS_MISSING', 'PY_FILE', 'TS_MISSING', (x.span).line0 + 1, codecpg.span_last_line(x.span)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.missing) x
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('HAS_DIAGNOSTIC'), f.file_id, codecpg.stable_id('diag', f.file_id, 'libcst', x.ordinality::text),
       f.repo, f.path, x.bstart, x.bend, f.file_id, 'libcst', 'structure', 1.0::float8, 1.0::float8, NULL::integer, 'DIAG',
       'PY_FILE', 'DIAG', x.editor_line, NULL::integer
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.parse_errors) WITH ORDINALITY x
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('HAS_DIAGNOSTIC'), f.file_id, codecpg.stable_id('diag', f.file_id, 'ast', x.ordinality::text),
       f.repo, f.path, (x.span).bstart, (x.span).bend, f.file_id, 'py_ast', 'structure', 1.0::float8, 1.0::float8,
       NULL::integer, 'DIAG', 'PY_FILE', 'DIAG', (x.span).line0 + 1, codecpg.span_last_line(x.span)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.errors) WITH ORDINALITY x
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('HAS_DIAGNOSTIC'), f.file_id, codecpg.stable_id('diag', f.file_id, 'symtable', x.ordinality::text),
       f.repo, f.path, (x.span).bstart, (x.span).bend, f.file_id, 'symtable', 'structure', 1.0::float8, 1.0::float8,
       NULL::integer, 'DIAG', 'PY_FILE', 'DIAG', (x.span).line0 + 1, codecpg.span_last_line(x.span)
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.errors) WITH ORDINALITY x
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('HAS_DIAGNOSTIC'), f.file_id, codecpg.stable_id('diag', f.file_id, 'bytecode', x.ordinality::text),
       f.repo, f.path, (x.span).bstart, (x.span).bend, f.file_id, 'dis', 'structure', 1.0::float8, 1.0::float8,
       NULL::integer, 'DIAG', 'PY_FILE', 'DIAG', (x.span).line0 + 1, codecpg.span_last_line(x.span)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_elements(f.errors) WITH ORDINALITY x
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('HAS_DIAGNOSTIC'), codecpg.stable_id('scip_occurrence', p.repo, p.index_id, d.relative_path, o.ordinality::text),
       codecpg.stable_id('scip_diagnostic', p.repo, p.index_id, d.relative_path, o.ordinality::text, g.ordinality::text),
       p.repo, d.relative_path, (o.range).bstart, (o.range).bend, p.file_id, 'scip', 'structure', 1.0::float8, 1.0::float8,
       NULL::integer, NULL::text, 'SCIP_OCCURRENCE', 'SCIP_DIAGNOSTIC', (o.range).line0 + 1, codecpg.span_last_line(o.range)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_elements(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
 CROSS JOIN LATERAL unnest(o.diagnostics) WITH ORDINALITY g
-- data flow (dataflow_files_v1, sql/parts/85_dataflow.sql): each function runs once per
-- file, and the node ids are derived here, from what it gives, only when a query reads
-- them. A function yielding two kinds is joined to their constants: a kind filter drops
-- the constants of the other kind, and with both of them, the whole branch.
UNION ALL
SELECT NULL::text, codecpg.cpg_kind('REACHES'), codecpg.stable_id('df_' || r.def_role, f.file_id, r.def_id::text),
       codecpg.stable_id('df_' || r.use_role, f.file_id, r.use_id::text), f.repo, f.path, r.bstart, r.bend, f.file_id, 'dataflow',
       'reaching_definitions', 1.0::float8, 1.0::float8, NULL::integer, r.name, 'DF_DEF', 'DF_USE',
       NULL::integer, NULL::integer
  FROM codecpg.dataflow_files_v1 f CROSS JOIN LATERAL codecpg.cpg_reach_edges(f) r
UNION ALL
SELECT NULL::text, k.edge_kind, codecpg.stable_id('df_' || s.src_role, f.file_id, s.src_id::text),
       codecpg.stable_id('df_' || s.dst_role, f.file_id, s.dst_id::text), f.repo, f.path, s.bstart, s.bend, f.file_id, 'dataflow',
       'data_step', 1.0::float8, 1.0::float8, NULL::integer, s.role || coalesce(':' || s.arg_position, ':' || s.keyword, ''),
       NULL::text, k.dst_node_kind, NULL::integer, NULL::integer
  FROM codecpg.dataflow_files_v1 f CROSS JOIN LATERAL codecpg.cpg_step_edges(f) s
  JOIN (SELECT codecpg.cpg_kind('STEP_DEF'), 'DF_DEF' UNION ALL SELECT codecpg.cpg_kind('STEP_USE'), 'DF_USE') k(edge_kind, dst_node_kind)
    ON k.edge_kind = s.edge_kind
UNION ALL
SELECT NULL::text, k.edge_kind,
       CASE WHEN u.unit_id IS NOT NULL
            THEN codecpg.stable_id('bc_block', u.unit_id, b.src_block_start::text, b.src_block_end::text) END,
       CASE WHEN u.unit_id IS NOT NULL
            THEN codecpg.stable_id('bc_block', u.unit_id, b.dst_block_start::text, b.dst_block_end::text) END,
       f.repo, f.path, b.bstart, b.bend, f.file_id, 'dataflow', 'cfg', 1.0::float8, 1.0::float8, NULL::integer, NULL::text,
       'CFG_BLOCK', 'CFG_BLOCK', NULL::integer, NULL::integer
  FROM codecpg.dataflow_files_v1 f CROSS JOIN LATERAL codecpg.cpg_branch_edges(f) b
 CROSS JOIN LATERAL (SELECT CASE WHEN b.qualname IS NOT NULL AND b.name IS NOT NULL
                                 THEN codecpg.stable_id('bc_code', f.file_id, b.qualname, b.firstlineno1::text, b.name) END
                            AS unit_id) u
  JOIN (SELECT codecpg.cpg_kind('CFG_BRANCH_TRUE') UNION ALL SELECT codecpg.cpg_kind('CFG_BRANCH_FALSE')) k(edge_kind)
    ON k.edge_kind = b.edge_kind
-- new branches go here, before the end of the view ------------------------------------
) e;

COMMENT ON VIEW codecpg.cpg_edges IS
  'The edges of the code property graph over every domain: containment (REPO_CONTAINS, FILE_DECLARES_MODULE, FILE_CONTAINS, BC_CONTAINS, SCIP_CONTAINS), trees (CST_PARENT_OF, AST_PARENT_OF, TS_PARENT_OF), scopes (SCOPE_PARENT, SCOPE_BINDS), SCIP role bits and relationships (PY_DEFINES/IMPORTS/WRITES/READS/REFERENCES_SYMBOL, SCIP_SYMBOL_REFERENCE/IMPLEMENTATION/TYPE_DEFINITION/DEFINITION), resolution (PY_CALLS_SYMBOL, PY_CALLS_QNAME, BINDING_RESOLVES_TO, CLASS_INHERITS, CALLSITE_CANDIDATE_QNAME), HAS_ANNOTATION, BYTECODE_ANCHOR, control flow (CFG_NEXT, CFG_JUMP, CFG_BRANCH, CFG_EXC), HAS_DIAGNOSTIC and data flow (REACHES, STEP_DEF, STEP_USE, CFG_BRANCH_TRUE, CFG_BRANCH_FALSE). Resolution edges come from codecpg.cpg_refresh. Unique on (edge_kind, src, dst, path, bstart, bend). See docs/cpg.md.';
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
  ['resolution_method',  'How the edge was established: structure, syntax, span_containment, scip_span_exact, scip_occurrence, relationship, points_to, scip, unresolved, file_scope, cfg, module, qualname_line, reaching_definitions or data_step.'],
  ['confidence',         '1.0 for facts, SCIP span-exact matches and links known from the syntax (imports, class bodies); 0.5 for the resolver''s points-to analysis, unresolved names and the CST''s in-file candidates.'],
  ['score',              'confidence divided by the number of alternative targets of the same evidence; the best score is kept when an edge is found twice.'],
  ['symbol_roles',       'SCIP role bits (DEFINITION=1, IMPORT=2, WRITE=4, READ=8, ...) of the occurrence behind the edge, else NULL.'],
  ['rule_name',          'The rule or detail behind the edge: for a resolved link its kind and detail (call, decorator, import, class_body, property:fget, dunder:__enter__, binding, inherits), the field name of a tree edge, the annotation role, the CFG edge kind, the data-flow step''s role.'],
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
