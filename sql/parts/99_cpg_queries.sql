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

-- The definition a qualified name names, or an error that says how names are written and
-- which ones are close: a picture of a misspelt name would otherwise be one lonely node.
CREATE FUNCTION codecpg.cpg_definition(repo text, fqn text)
RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
AS $$
DECLARE
    found text;
    close_names text;
BEGIN
    SELECT s.node_id INTO found
      FROM codecpg.cpg_scopes_v1 s
     WHERE s.repo = cpg_definition.repo AND s.fqn = cpg_definition.fqn
     ORDER BY s.bstart LIMIT 1;
    IF found IS NOT NULL THEN
        RETURN found;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM codecpg.cpg_scopes_v1 s WHERE s.repo = cpg_definition.repo) THEN
        RAISE EXCEPTION 'repository "%" has no definitions', repo
            USING ERRCODE = 'undefined_object',
                  HINT = 'Index the repository (codecpg index, codecpg.index_repo); an index run refreshes its graph, or call codecpg.cpg_refresh.';
    END IF;
    -- the same name under another prefix, a prefix too many, or the same last component
    SELECT string_agg(x.fqn, ', ' ORDER BY x.rank, length(x.fqn), x.fqn) INTO close_names
      FROM (SELECT s.fqn, min(CASE WHEN right(s.fqn, length($2) + 1) = '.' || $2 THEN 0
                                   WHEN right($2, length(s.fqn) + 1) = '.' || s.fqn THEN 1 ELSE 2 END) AS rank
              FROM codecpg.cpg_scopes_v1 s
             WHERE s.repo = cpg_definition.repo
               AND (right(s.fqn, length($2) + 1) = '.' || $2 OR right($2, length(s.fqn) + 1) = '.' || s.fqn
                    OR s.name = regexp_replace($2, '^.*\.', ''))
             GROUP BY s.fqn
             ORDER BY 2, length(s.fqn), s.fqn LIMIT 5) x;
    RAISE EXCEPTION 'repository "%" defines no "%"', repo, fqn
        USING ERRCODE = 'undefined_object',
              HINT = 'Qualified names start at the package root, as codecpg.cpg_call_graph shows them: pkg.module.Class.method, a module by its dotted name.'
                     || coalesce(' Close names: ' || close_names || '.', '');
END
$$;
COMMENT ON FUNCTION codecpg.cpg_definition(text, text) IS
  'The node id of the definition (module, class, function or lambda) with a qualified name in a repository; an error with the closest names as a hint when there is none. The DOT functions start from it.';

-- The longest dotted prefix all the names share ('' when none): pictures name modules
-- relative to it and say it once, in their title.
CREATE FUNCTION codecpg.cpg_common_prefix(names text[])
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  WITH RECURSIVE p(n, prefix) AS (
      SELECT 0, ''::text
    UNION ALL
      SELECT p.n + 1, concat_ws('.', nullif(p.prefix, ''), split_part(names[1], '.', p.n + 1))
        FROM p
       WHERE p.n < 64 AND split_part(names[1], '.', p.n + 1) <> ''
         AND NOT EXISTS (SELECT 1 FROM unnest(names) x
                          WHERE split_part(x, '.', p.n + 1) <> split_part(names[1], '.', p.n + 1))
  )
  SELECT p.prefix FROM p ORDER BY p.n DESC LIMIT 1;
END;
COMMENT ON FUNCTION codecpg.cpg_common_prefix(text[]) IS
  'The longest prefix of whole dotted components that all the names share: {app.models.base, app.util} -> app; the empty string when they share none.';

CREATE FUNCTION codecpg.cpg_dot_call_graph(repo text, fqn text, depth integer DEFAULT 2)
RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
AS $$
DECLARE
    dot text;
    callers text[];
    callees text[];
    kinds text[];
    site_counts bigint[];
    names text[];
    dists integer[];
    scope_names text[];
    modules text[];
    scope_kinds text[];
BEGIN
    PERFORM codecpg.cpg_definition(repo, fqn);
    -- The call graph, the definitions near the start and their modules are read by
    -- separate statements: on Citus, a query joining cpg_call_graph's rows to a
    -- distributed table is pushed to a worker, function call included, where the
    -- function's own query over distributed tables cannot run.
    SELECT array_agg(g.caller), array_agg(g.callee), array_agg(g.call_kind), array_agg(g.sites)
      INTO callers, callees, kinds, site_counts
      FROM codecpg.cpg_call_graph(repo) g;
    WITH RECURSIVE cg AS (
        SELECT * FROM unnest(callers, callees) AS cg(caller, callee)
    ), near(name, dist) AS (
        SELECT cpg_dot_call_graph.fqn, 0
      UNION
        SELECT CASE WHEN cg.caller = n.name THEN cg.callee ELSE cg.caller END, n.dist + 1
          FROM near n JOIN cg ON n.name IN (cg.caller, cg.callee)
         WHERE n.dist < depth
    )
    SELECT array_agg(n.name), array_agg(n.dist) INTO names, dists
      FROM (SELECT n.name, min(n.dist) AS dist FROM near n GROUP BY n.name) n;
    SELECT array_agg(s.fqn), array_agg(s.module), array_agg(s.scope_kind) INTO scope_names, modules, scope_kinds
      FROM (SELECT DISTINCT ON (s.fqn) s.fqn, s.module, s.scope_kind
              FROM codecpg.cpg_scopes_v1 s
             WHERE s.repo = cpg_dot_call_graph.repo AND s.fqn = ANY (names)
             ORDER BY s.fqn, s.bstart) s;
    -- Nodes are grouped in one box per module and named within it; modules are named
    -- relative to the prefix they share, given once in the title.
    WITH cg AS (
        SELECT * FROM unnest(callers, callees, kinds, site_counts) AS cg(caller, callee, call_kind, sites)
    ), placed AS (
        SELECT n.name, n.dist, s.module, s.scope_kind,
               'n' || row_number() OVER (ORDER BY s.module, n.name) AS id,
               dense_rank() OVER (ORDER BY s.module) AS cluster
          FROM unnest(names, dists) AS n(name, dist)
          JOIN unnest(scope_names, modules, scope_kinds) AS s(fqn, module, scope_kind) ON s.fqn = n.name
    ), prefix AS (
        SELECT codecpg.cpg_common_prefix(array_agg(DISTINCT p.module)) AS p FROM placed p
    ), clusters AS (
        SELECT p.cluster,
               '  subgraph cluster_' || p.cluster || ' {' || E'\n'
               || '    label=' || codecpg.cpg_dot_quote(CASE WHEN x.p = '' THEN p.module
                                                         ELSE coalesce(nullif(substr(p.module, length(x.p) + 2), ''), p.module) END)
               || ';' || E'\n'
               || '    style="rounded,filled"; fillcolor="#f3f5f7"; color="#b8c2cc"; fontsize=11;' || E'\n'
               || string_agg('    ' || p.id || ' [label='
                             || codecpg.cpg_dot_quote(CASE WHEN p.scope_kind = 'MODULE' THEN '<module>'
                                                           ELSE substr(p.name, length(p.module) + 2) END)
                             || CASE WHEN p.dist = 0 THEN ', fillcolor="#ffe08a", penwidth=2' ELSE '' END || '];',
                             E'\n' ORDER BY p.name) || E'\n'
               || '  }' AS body
          FROM placed p CROSS JOIN prefix x
         GROUP BY p.cluster, p.module, x.p
    )
    SELECT 'digraph calls {' || E'\n'
           || '  graph [rankdir=LR, fontname="Helvetica", fontsize=12, labelloc=t, '
           || 'nodesep=0.15, ranksep=0.5, label='
           || codecpg.cpg_dot_quote('calls within ' || depth || ' of ' || fqn
                                    || coalesce(' (modules in ' || nullif((SELECT x.p FROM prefix x), '') || ')', ''))
           || '];' || E'\n'
           || '  node [shape=box, style="rounded,filled", fillcolor=white, fontname="Helvetica", fontsize=10, height=0.3];' || E'\n'
           || '  edge [arrowsize=0.6, color="#555555", fontname="Helvetica", fontsize=9];' || E'\n'
           || coalesce((SELECT string_agg(c.body, E'\n' ORDER BY c.cluster) FROM clusters c) || E'\n', '')
           || coalesce((SELECT string_agg('  ' || a.id || ' -> ' || b.id
                                          || CASE WHEN cg.call_kind = 'decorator' THEN ' [style=dashed, label="@"]'
                                                  WHEN cg.sites > 1 THEN ' [label="' || cg.sites || '"]' ELSE '' END
                                          || ';', E'\n' ORDER BY cg.caller, cg.callee, cg.call_kind)
                          FROM cg JOIN placed a ON a.name = cg.caller JOIN placed b ON b.name = cg.callee) || E'\n', '')
           || '}' || E'\n'
      INTO dot;
    RETURN dot;
END
$$;
COMMENT ON FUNCTION codecpg.cpg_dot_call_graph(text, text, integer) IS
  'Graphviz DOT of the call graph around a definition (qualified name as in cpg_call_graph; an unknown name is an error with the closest names as a hint): every definition within depth calls of it, callers and callees, with the calls between them; one box per module, definitions named within it, modules named relative to their common prefix (given in the title); decorator applications dashed, several sites counted.';

CREATE FUNCTION codecpg.cpg_dot_imports(repo text, package text)
RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
AS $$
DECLARE
    dot text;
    close_names text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM codecpg.cpg_scopes_v1 s
                    WHERE s.repo = cpg_dot_imports.repo AND s.scope_kind = 'MODULE'
                      AND (s.fqn = package OR left(s.fqn, length(package) + 1) = package || '.')) THEN
        SELECT string_agg(m.m, ', ' ORDER BY m.m) INTO close_names
          FROM (SELECT DISTINCT split_part(s.fqn, '.', 1) AS m
                  FROM codecpg.cpg_scopes_v1 s WHERE s.repo = cpg_dot_imports.repo AND s.scope_kind = 'MODULE'
                 ORDER BY 1 LIMIT 8) m;
        RAISE EXCEPTION 'repository "%" has no module "%" nor modules in it', repo, package
            USING ERRCODE = 'undefined_object',
                  HINT = 'Packages and modules are named from the package root, as Python imports them'
                         || coalesce('; the top-level names of the repository are ' || close_names, '') || '.';
    END IF;
    -- Modules of the package are named relative to it (given in the title); modules
    -- outside the repository are dashed and keep their names.
    WITH imp AS (
        SELECT DISTINCT i.importer, i.imported, i.in_repo
          FROM codecpg.cpg_imports(repo) i
         WHERE (i.importer = package OR left(i.importer, length(package) + 1) = package || '.')
           AND i.importer <> i.imported
    ), mods AS (
        SELECT m.name, bool_or(m.in_repo) AS in_repo, 'm' || row_number() OVER (ORDER BY m.name) AS id
          FROM (SELECT i.importer AS name, true AS in_repo FROM imp i
                UNION ALL SELECT i.imported, i.in_repo FROM imp i) m
         GROUP BY m.name
    )
    SELECT 'digraph imports {' || E'\n'
           || '  graph [rankdir=LR, fontname="Helvetica", fontsize=12, labelloc=t, nodesep=0.15, '
           || 'ranksep=0.6, label=' || codecpg.cpg_dot_quote('imports of ' || package) || '];' || E'\n'
           || '  node [shape=box, style="rounded,filled", fillcolor=white, fontname="Helvetica", fontsize=10, height=0.3];' || E'\n'
           || '  edge [arrowsize=0.6, color="#555555", fontname="Helvetica", fontsize=9];' || E'\n'
           || coalesce((SELECT string_agg('  ' || m.id || ' [label='
                                          || codecpg.cpg_dot_quote(CASE WHEN m.in_repo AND left(m.name, length(package) + 1) = package || '.'
                                                                        THEN substr(m.name, length(package) + 2) ELSE m.name END)
                                          || CASE WHEN m.in_repo THEN '' ELSE ', style="rounded,dashed"' END
                                          || CASE WHEN m.name = package THEN ', fillcolor="#ffe08a"' ELSE '' END || '];',
                                          E'\n' ORDER BY m.name)
                          FROM mods m) || E'\n', '')
           || coalesce((SELECT string_agg('  ' || a.id || ' -> ' || b.id || ';', E'\n' ORDER BY i.importer, i.imported)
                          FROM imp i JOIN mods a ON a.name = i.importer JOIN mods b ON b.name = i.imported) || E'\n', '')
           || '}' || E'\n'
      INTO dot;
    RETURN dot;
END
$$;
COMMENT ON FUNCTION codecpg.cpg_dot_imports(text, text) IS
  'Graphviz DOT of the import graph of a package (a dotted module name and its submodules; an unknown one is an error with the top-level names as a hint), from codecpg.cpg_imports: an edge from each importing module to each module it imports from; modules named relative to the package, modules outside the repository dashed.';

CREATE FUNCTION codecpg.cpg_dot_cfg(repo text, fqn text)
RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
AS $$
DECLARE
    dot text;
BEGIN
  PERFORM codecpg.cpg_definition(repo, fqn);
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
             (SELECT string_agg(i.instr_offset || ' ' || codecpg.bc_opname(i.opcode) || coalesce(' ' || nullif(i.argrepr, ''), ''),
                                E'\n' ORDER BY i.instr_offset)
                FROM ROWS FROM (unnest((u.c).instructions), codecpg.bc_instr_derived((u.c).instructions, (u.c).consts)) i
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
         || '}' || E'\n'
    INTO dot;
  RETURN dot;
END
$$;
COMMENT ON FUNCTION codecpg.cpg_dot_cfg(text, text) IS
  'Graphviz DOT of the control-flow graph of a function, class body or module (qualified name as in cpg_scopes_v1.fqn; an unknown one is an error with the closest names as a hint): its basic blocks with their instructions, next/jump/branch/exc edges and an exit node. Needs the bytecode extractor and codecpg.cpg_refresh.';
