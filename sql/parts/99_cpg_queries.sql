-- codecpg install script, part 99: queries over the graph: the call graph, callers and callees, pictures.

-- The def-level call graph -------------------------------------------------------------

CREATE FUNCTION codecpg.cpg_call_graph(repo text,
    OUT caller text, OUT callee text, OUT call_kind text, OUT sites bigint,
    OUT resolution_method text, OUT confidence double precision,
    OUT caller_node_id text, OUT callee_node_id text)
RETURNS SETOF record
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  SELECT cs.fqn, ds.fqn,
         CASE g.src_kind WHEN 'CST_DECORATOR' THEN 'decorator' ELSE 'call' END,
         count(*), string_agg(DISTINCT g.resolution_method, ',' ORDER BY g.resolution_method), max(g.confidence),
         cs.node_id, ds.node_id
    FROM codecpg.cpg_graph_v1 g
    JOIN codecpg.cpg_scopes_v1 cs ON cs.repo = g.repo AND cs.node_id = g.src_scope_node_id
    JOIN codecpg.cpg_scopes_v1 ds ON ds.repo = g.repo AND ds.node_id = g.dst_node_id
   WHERE g.repo = cpg_call_graph.repo
     AND g.edge_kind IN ('PY_CALLS_SYMBOL', 'PY_CALLS_QNAME')
   GROUP BY cs.fqn, ds.fqn, g.src_kind, cs.node_id, ds.node_id
   ORDER BY 1, 2, 3;
END;
COMMENT ON FUNCTION codecpg.cpg_call_graph(text) IS
  'The def-level call graph of a repository (after codecpg.cpg_refresh): caller and callee qualified names (pkg.mod.Class.method; module-level code is named by its module; a class call is an edge to its __init__), calls or decorator applications, number of sites, how they were resolved (the distinct resolution methods of the sites: scip_span_exact, name_resolution) and the best confidence.';

CREATE FUNCTION codecpg.cpg_callers(repo text, fqn text, max_depth integer DEFAULT 1)
RETURNS TABLE (caller text, depth integer, caller_node_id text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  WITH RECURSIVE up(node_id, depth) AS (
      SELECT s.node_id, 0 FROM codecpg.cpg_scopes_v1 s
       WHERE s.repo = cpg_callers.repo AND s.fqn = cpg_callers.fqn
    UNION
      SELECT g.src_scope_node_id, up.depth + 1
        FROM up
        JOIN codecpg.cpg_graph_v1 g ON g.dst_node_id = up.node_id AND g.edge_kind IN ('PY_CALLS_SYMBOL', 'PY_CALLS_QNAME')
       WHERE g.repo = cpg_callers.repo AND up.depth < max_depth
  )
  SELECT s.fqn, min(up.depth), s.node_id
    FROM up JOIN codecpg.cpg_scopes_v1 s ON s.repo = cpg_callers.repo AND s.node_id = up.node_id
   WHERE up.depth > 0
   GROUP BY s.fqn, s.node_id
   ORDER BY 2, 1;
END;
COMMENT ON FUNCTION codecpg.cpg_callers(text, text, integer) IS
  'Who calls a function (qualified name as in cpg_call_graph), transitively up to max_depth calls away: each caller once, at its shortest distance. Follows the indexed call edges of cpg_graph_v1; cycles end at max_depth.';

CREATE FUNCTION codecpg.cpg_callees(repo text, fqn text, max_depth integer DEFAULT 1)
RETURNS TABLE (callee text, depth integer, callee_node_id text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  WITH RECURSIVE down(node_id, depth) AS (
      SELECT s.node_id, 0 FROM codecpg.cpg_scopes_v1 s
       WHERE s.repo = cpg_callees.repo AND s.fqn = cpg_callees.fqn
    UNION
      SELECT g.dst_node_id, down.depth + 1
        FROM down
        JOIN codecpg.cpg_graph_v1 g ON g.src_scope_node_id = down.node_id AND g.edge_kind IN ('PY_CALLS_SYMBOL', 'PY_CALLS_QNAME')
       WHERE g.repo = cpg_callees.repo AND down.depth < max_depth
  )
  SELECT coalesce(s.fqn, q.dst_name), min(down.depth), down.node_id
    FROM down
    LEFT JOIN codecpg.cpg_scopes_v1 s ON s.repo = cpg_callees.repo AND s.node_id = down.node_id
    LEFT JOIN LATERAL (SELECT g.dst_name FROM codecpg.cpg_graph_v1 g
                        WHERE g.dst_node_id = down.node_id AND s.node_id IS NULL LIMIT 1) q ON true
   WHERE down.depth > 0
   GROUP BY 1, down.node_id
   ORDER BY 2, 1;
END;
COMMENT ON FUNCTION codecpg.cpg_callees(text, text, integer) IS
  'What a function calls (qualified name as in cpg_call_graph), transitively up to max_depth calls away: definitions by qualified name, unresolved targets by their dotted name (they have no callees of their own).';

-- Pictures: Graphviz DOT -------------------------------------------------------------------

CREATE FUNCTION codecpg.cpg_dot_quote(label text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN '"' || pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(
         label, E'\\', E'\\\\'), '"', E'\\"'), E'\r', ''), E'\n', E'\\n') || '"';
COMMENT ON FUNCTION codecpg.cpg_dot_quote(text) IS
  'A Graphviz DOT quoted string of a label: backslashes and double quotes escaped, line breaks as \n.';

CREATE FUNCTION codecpg.cpg_dot_call_graph(repo text, fqn text, depth integer DEFAULT 2)
RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  WITH RECURSIVE cg AS (
      SELECT g.caller, g.callee, g.call_kind, g.sites FROM codecpg.cpg_call_graph(repo) g
  ), near(name, dist) AS (
      SELECT cpg_dot_call_graph.fqn, 0
    UNION
      SELECT CASE WHEN cg.caller = n.name THEN cg.callee ELSE cg.caller END, n.dist + 1
        FROM near n JOIN cg ON n.name IN (cg.caller, cg.callee)
       WHERE n.dist < depth
  ), nodes AS (
      SELECT n.name, min(n.dist) AS dist FROM near n GROUP BY n.name
  )
  SELECT 'digraph calls {' || E'\n'
         || '  rankdir=LR;' || E'\n'
         || '  node [shape=box, fontname="Helvetica", fontsize=10];' || E'\n'
         || coalesce((SELECT string_agg('  ' || codecpg.cpg_dot_quote(n.name)
                                        || CASE WHEN n.dist = 0 THEN ' [style=filled, fillcolor="#ffe08a"]' ELSE '' END
                                        || ';', E'\n' ORDER BY n.name) FROM nodes n) || E'\n', '')
         || coalesce((SELECT string_agg('  ' || codecpg.cpg_dot_quote(cg.caller) || ' -> ' || codecpg.cpg_dot_quote(cg.callee)
                                        || CASE WHEN cg.call_kind = 'decorator' THEN ' [style=dashed, label="@"]'
                                                WHEN cg.sites > 1 THEN ' [label="' || cg.sites || '"]' ELSE '' END
                                        || ';', E'\n' ORDER BY cg.caller, cg.callee, cg.call_kind)
                        FROM cg
                       WHERE cg.caller IN (SELECT n.name FROM nodes n) AND cg.callee IN (SELECT n.name FROM nodes n)) || E'\n', '')
         || '}' || E'\n';
END;
COMMENT ON FUNCTION codecpg.cpg_dot_call_graph(text, text, integer) IS
  'Graphviz DOT of the call graph around a function (qualified name as in cpg_call_graph): every definition within depth calls of it, callers and callees, with the calls between them; decorator applications dashed, several sites counted.';

CREATE FUNCTION codecpg.cpg_imports(repo text)
RETURNS TABLE (importer text, imported text, in_repo boolean, path text, bstart integer, bend integer)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  WITH mods AS (
      SELECT DISTINCT codecpg.cpg_module_name(f.path) AS m FROM codecpg.repo_files_v1 f WHERE f.repo = cpg_imports.repo
  ), imp AS (
      SELECT f.path, codecpg.cpg_module_name(f.path) AS importer, i.alias_bstart, i.alias_bend,
             CASE WHEN i.kind = 'IMPORT' THEN i.name
                  ELSE codecpg.cpg_import_base(codecpg.cpg_module_name(f.path), f.path ~ '(^|/)__init__\.pyi?$',
                                               i.relative_level, i.module) END AS base,
             CASE WHEN i.kind = 'IMPORT' OR i.is_star THEN NULL ELSE i.name END AS name
        FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.imports) i
       WHERE f.repo = cpg_imports.repo
  )
  SELECT imp.importer, coalesce(m.m, imp.base), m.m IS NOT NULL, imp.path, imp.alias_bstart, imp.alias_bend
    FROM imp
    LEFT JOIN LATERAL (
        SELECT mods.m FROM mods
         WHERE concat_ws('.', imp.base, imp.name) = mods.m
            OR left(concat_ws('.', imp.base, imp.name), length(mods.m) + 1) = mods.m || '.'
         ORDER BY length(mods.m) DESC LIMIT 1) m ON true
   WHERE imp.base IS NOT NULL;
END;
COMMENT ON FUNCTION codecpg.cpg_imports(text) IS
  'The import graph of a repository, one row per imported name: the importing module, the module it imports from (the longest module of the repository that the imported name starts with: "from .models import User" imports from pkg.models, "from pkg import sub" from pkg.sub when it is a module), whether that module is in the repository (else the statement''s module, e.g. os.path), and the alias''s span.';

CREATE FUNCTION codecpg.cpg_dot_imports(repo text, package text)
RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  WITH imp AS (
      SELECT DISTINCT i.importer, i.imported, i.in_repo
        FROM codecpg.cpg_imports(repo) i
       WHERE (i.importer = package OR left(i.importer, length(package) + 1) = package || '.')
         AND i.importer <> i.imported
  )
  SELECT 'digraph imports {' || E'\n'
         || '  node [shape=box, fontname="Helvetica", fontsize=10];' || E'\n'
         || coalesce((SELECT string_agg('  ' || codecpg.cpg_dot_quote(m.name)
                                        || CASE WHEN m.in_repo THEN '' ELSE ' [style=dashed]' END || ';',
                                        E'\n' ORDER BY m.name)
                        FROM (SELECT i.importer AS name, true AS in_repo FROM imp i
                              UNION SELECT i.imported, i.in_repo FROM imp i) m) || E'\n', '')
         || coalesce((SELECT string_agg('  ' || codecpg.cpg_dot_quote(i.importer) || ' -> ' || codecpg.cpg_dot_quote(i.imported) || ';',
                                        E'\n' ORDER BY i.importer, i.imported)
                        FROM imp i) || E'\n', '')
         || '}' || E'\n';
END;
COMMENT ON FUNCTION codecpg.cpg_dot_imports(text, text) IS
  'Graphviz DOT of the import graph of a package (a dotted module name and its submodules), from codecpg.cpg_imports: an edge from each importing module to each module it imports from; modules outside the repository dashed.';

CREATE FUNCTION codecpg.cpg_dot_cfg(repo text, fqn text)
RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
BEGIN ATOMIC
  WITH unit AS (
      SELECT c
        FROM codecpg.cpg_scopes_v1 s
        JOIN codecpg.cpg_edges a ON a.repo = s.repo AND a.edge_owner_file_id = s.file_id
                                AND a.edge_kind = 'BYTECODE_ANCHOR' AND a.dst_node_id = s.node_id
        JOIN codecpg.bytecode_files_v1 f ON f.repo = s.repo AND f.file_id = s.file_id
       CROSS JOIN LATERAL unnest(f.code_objects) c
       WHERE s.repo = cpg_dot_cfg.repo AND s.fqn = cpg_dot_cfg.fqn
         AND a.src_node_id = codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name)
       LIMIT 1
  ), blocks AS (
      SELECT (u.c).qualname AS qualname, b.start_offset, b.end_offset, b.kind,
             (SELECT string_agg(i.instr_offset || ' ' || i.opname || coalesce(' ' || nullif(i.argrepr, ''), ''),
                                E'\n' ORDER BY i.instr_offset)
                FROM unnest((u.c).instructions) i
               WHERE i.instr_offset >= b.start_offset AND i.instr_offset < b.end_offset) AS body
        FROM unit u CROSS JOIN LATERAL unnest((u.c).blocks) b
  ), edges AS (
      SELECT e.src_block_start, e.dst_block_start, e.kind FROM unit u CROSS JOIN LATERAL unnest((u.c).cfg_edges) e
  )
  SELECT 'digraph cfg {' || E'\n'
         || '  node [shape=box, fontname="Courier", fontsize=9];' || E'\n'
         || coalesce('  label=' || codecpg.cpg_dot_quote((SELECT min(b.qualname) FROM blocks b)) || ';' || E'\n', '')
         || coalesce((SELECT string_agg('  b' || b.start_offset || ' [label=' || codecpg.cpg_dot_quote(coalesce(b.body, '')) || ']'
                                        || CASE b.kind WHEN 'handler' THEN ' [style=dashed]' WHEN 'entry' THEN ' [penwidth=2]' ELSE '' END
                                        || ';', E'\n' ORDER BY b.start_offset) FROM blocks b) || E'\n', '')
         || coalesce((SELECT '  exit [shape=doublecircle, label="exit"];' || E'\n'
                             || string_agg('  b' || b.start_offset || ' -> exit;', E'\n' ORDER BY b.start_offset)
                        FROM blocks b
                       WHERE NOT EXISTS (SELECT 1 FROM edges e WHERE e.src_block_start = b.start_offset)) || E'\n', '')
         || coalesce((SELECT string_agg('  b' || e.src_block_start || ' -> b' || e.dst_block_start
                                        || ' [label=' || codecpg.cpg_dot_quote(e.kind) || CASE e.kind WHEN 'exc' THEN ', style=dashed' ELSE '' END || ']'
                                        || ';', E'\n' ORDER BY e.src_block_start, e.dst_block_start, e.kind) FROM edges e) || E'\n', '')
         || '}' || E'\n';
END;
COMMENT ON FUNCTION codecpg.cpg_dot_cfg(text, text) IS
  'Graphviz DOT of the control-flow graph of a function, class body or module (qualified name as in cpg_scopes_v1.fqn): its basic blocks with their instructions, next/jump/branch/exc edges and an exit node. Needs the bytecode extractor and codecpg.cpg_refresh.';
