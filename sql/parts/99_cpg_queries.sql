-- codecpg install script, part 99: queries over the graph: the call graph, callers and callees, pictures.
--
-- The functions that read tables are PL/pgSQL, not SQL: on Citus, a SQL function's
-- parameterized queries over distributed tables cannot be planned, while PL/pgSQL binds
-- the repository so that the query is routed to the one worker that holds it. Every
-- table is filtered by the repository, for the same reason.

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
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
AS $$
#variable_conflict use_column
BEGIN
  RETURN (
    WITH unit AS (
        SELECT f, c
          FROM codecpg.cpg_scopes_v1 s
          JOIN codecpg.bytecode_files_v1 f ON f.repo = s.repo AND f.file_id = s.file_id
          LEFT JOIN (SELECT sc.repo, sc.file_id, array_agg(ROW(sc.*)::codecpg.cpg_scopes_v1) AS scopes
                         FROM codecpg.cpg_scopes_v1 sc GROUP BY sc.repo, sc.file_id) fs
                   ON fs.repo = f.repo AND fs.file_id = f.file_id
         CROSS JOIN LATERAL codecpg.cpg_bc_anchors(f, fs.scopes) a
         CROSS JOIN LATERAL unnest(f.code_objects) c
         WHERE s.repo = cpg_dot_cfg.repo AND s.fqn = cpg_dot_cfg.fqn AND a.anchor_id = s.node_id
           AND a.unit_id = codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name)
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
           || '}' || E'\n');
END;
$$;
COMMENT ON FUNCTION codecpg.cpg_dot_cfg(text, text) IS
  'Graphviz DOT of the control-flow graph of a function, class body or module (qualified name as in cpg_scopes_v1.fqn): its basic blocks with their instructions, next/jump/branch/exc edges and an exit node. Needs the bytecode extractor and codecpg.cpg_refresh.';
