-- Repository owners; the views' helpers and the pictures (97_cpg_helpers.sql,
-- 99_cpg_queries.sql); dumps and storage settings; the comment on the schema; leaner
-- bytecode lists (60_bytecode.sql): from 0.1.0.
-- 31_analyst_roles.sql adds the roles; 90_cpg_nodes.sql and 91_cpg_edges.sql create the
-- views, after every part that adds a function they call.

-- Repositories belong to the role that created them. Those indexed under 0.1.0 had no
-- owner: they go to the role that runs the upgrade (a superuser), which can give them
-- away with codecpg.alter_repository_owner.
ALTER TABLE codecpg.repositories ADD COLUMN owner name NOT NULL DEFAULT current_user;
COMMENT ON TABLE codecpg.repositories IS
  'One row per repository: created by the first index run or put_file of the repository, with the repository-wide settings that file facts depend on and the role that owns it.';
SELECT codecpg.comment_attributes('codecpg.repositories', ARRAY[
  ['owner',        'Role that owns the repository: the role that created it. Only roles with its privileges (its members) and superusers may store, replace or delete the repository''s rows (codecpg.alter_repository_owner transfers it).']
]);

COMMENT ON SCHEMA codecpg IS
  'codecpg: Python code as a code property graph. Query the views cpg_nodes and cpg_edges (flat columns, one row per node or edge of every indexed repository) and the graph functions (cpg_call_graph, cpg_callers, cpg_callees, cpg_imports, cpg_dot_*); the *_files_v1 tables hold the extracted facts, one nested row per file per source. See the comments on each object.';

-- The derived graph is dumped with the facts, so that a restored database has it.
COMMENT ON TABLE codecpg.cpg_scopes_v1 IS
  'Derived by codecpg.cpg_refresh(repo) from libcst_files_v1 and tree_sitter_files_v1: every scope with its qualified name. Dumped by pg_dump like the facts it is derived from, so that a restored database has its graph.';
SELECT pg_catalog.pg_extension_config_dump('codecpg.cpg_scopes_v1', '');
COMMENT ON TABLE codecpg.cpg_graph_v1 IS
  'Derived by codecpg.cpg_refresh(repo): the cross-file edges of the CPG (calls, imports, bases) and callsite containment, deduplicated; cpg_edges reads it. Dumped by pg_dump like the facts it is derived from, so that a restored database has its graph.';
SELECT pg_catalog.pg_extension_config_dump('codecpg.cpg_graph_v1', '');

-- The views of 0.1.0 and the helpers only they used go (before the bytecode types
-- change under them); 90_cpg_nodes.sql and 91_cpg_edges.sql create the new views over
-- the helpers below.
DROP VIEW codecpg.cpg_edges;
DROP VIEW codecpg.cpg_nodes;
DROP FUNCTION codecpg.cpg_scip_role_sources(codecpg.scip_index_v1);
DROP FUNCTION codecpg.cpg_diagnostics();
DROP FUNCTION codecpg.cpg_cfg_edges(codecpg.bytecode_files_v1);

-- Storage (98_storage.sql): lz4 for the bytecode and AST lists. The AST values stored by
-- 0.1.0 keep pglz until their files are extracted again.
DO $$
DECLARE
    col record;
BEGIN
    FOR col IN
        SELECT * FROM (VALUES ('bytecode_files_v1', 'code_objects'), ('ast_files_v1', 'nodes')) v(tbl, att)
    LOOP
        BEGIN
            EXECUTE format('ALTER TABLE codecpg.%I ALTER COLUMN %I SET COMPRESSION lz4', col.tbl, col.att);
        EXCEPTION WHEN feature_not_supported THEN
            RAISE NOTICE 'codecpg: lz4 is not available in this PostgreSQL; %.% keeps pglz', col.tbl, col.att;
        END;
    END LOOP;
END
$$;

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

CREATE FUNCTION codecpg.line_at(source text, byte_offset integer)
RETURNS integer
AS 'MODULE_PATHNAME', 'cpg_line_at'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.line_at(text, integer) IS
  'The 1-based line of a byte offset of a source text (\n, \r\n and \r end a line; the offset just past the end is on the last line). Consecutive calls on the same stored text reuse one index of its lines.';

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

CREATE FUNCTION codecpg.cpg_ast_kind(kind text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE WHEN kind IS NULL THEN NULL
            WHEN kind IN ('FunctionDef', 'AsyncFunctionDef', 'ClassDef', 'Lambda') THEN 'AST_DEF'
            WHEN kind = 'Call' THEN 'AST_CALL'
            ELSE 'AST_NODE' END;
COMMENT ON FUNCTION codecpg.cpg_ast_kind(text) IS
  'The node_kind of an AST node of the given Python AST class name: AST_DEF, AST_CALL or AST_NODE.';

CREATE FUNCTION codecpg.cpg_params(nodes codecpg.ts_node[], defs codecpg.cst_def[] DEFAULT NULL,
    OUT bstart integer, OUT bend integer, OUT line integer, OUT end_line integer, OUT kind text,
    OUT "position" integer, OUT def_kind text, OUT def_bstart integer, OUT def_bend integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_params'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 50;
COMMENT ON FUNCTION codecpg.cpg_params(codecpg.ts_node[], codecpg.cst_def[]) IS
  'The parameters of a file''s definitions, from its tree-sitter nodes (tree_sitter_files_v1.nodes): every named child of a parameter list (the CST_PARAM nodes), with its span, 1-based first and last line, node type and position among the list''s children. Given the file''s CST definitions (libcst_files_v1.defs), one row per parameter and definition that owns it (def_kind, def_bstart, def_bend: the source of CST_PARENT_OF), parameters without an owner left out.';

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

CREATE OR REPLACE FUNCTION codecpg.cpg_dot_call_graph(repo text, fqn text, depth integer DEFAULT 2)
RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
AS $$
DECLARE
    dot text;
BEGIN
    PERFORM codecpg.cpg_definition(repo, fqn);
    -- Nodes are grouped in one box per module and named within it; modules are named
    -- relative to the prefix they share, given once in the title.
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
    ), placed AS (
        SELECT n.name, n.dist, s.module, s.scope_kind,
               'n' || row_number() OVER (ORDER BY s.module, n.name) AS id,
               dense_rank() OVER (ORDER BY s.module) AS cluster
          FROM nodes n
          JOIN LATERAL (SELECT s.module, s.scope_kind FROM codecpg.cpg_scopes_v1 s
                         WHERE s.repo = cpg_dot_call_graph.repo AND s.fqn = n.name
                         ORDER BY s.bstart LIMIT 1) s ON true
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

CREATE OR REPLACE FUNCTION codecpg.cpg_dot_imports(repo text, package text)
RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
AS $$
DECLARE
    dot text;
    close_names text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM codecpg.repo_files_v1 f
                    WHERE f.repo = cpg_dot_imports.repo
                      AND (codecpg.cpg_module_name(f.path) = package
                           OR left(codecpg.cpg_module_name(f.path), length(package) + 1) = package || '.')) THEN
        SELECT string_agg(m.m, ', ' ORDER BY m.m) INTO close_names
          FROM (SELECT DISTINCT split_part(codecpg.cpg_module_name(f.path), '.', 1) AS m
                  FROM codecpg.repo_files_v1 f WHERE f.repo = cpg_dot_imports.repo
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

CREATE OR REPLACE FUNCTION codecpg.cpg_dot_cfg(repo text, fqn text)
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
         || '}' || E'\n'
    INTO dot;
  RETURN dot;
END
$$;
COMMENT ON FUNCTION codecpg.cpg_dot_cfg(text, text) IS
  'Graphviz DOT of the control-flow graph of a function, class body or module (qualified name as in cpg_scopes_v1.fqn; an unknown one is an error with the closest names as a hint): its basic blocks with their instructions, next/jump/branch/exc edges and an exit node. Needs the bytecode extractor and codecpg.cpg_refresh.';

-- the 0.1.0 cpg_dot_cfg read it; the code units' anchors are BYTECODE_ANCHOR edges now
DROP FUNCTION codecpg.cpg_bc_anchors(codecpg.bytecode_files_v1);

-- Leaner bytecode instructions (60_bytecode.sql): baseopname, baseopcode and oparg
-- repeated opname, opcode and arg (co_code is unquickened), and cache_info described
-- inline caches that are all zeros; bc_instructions derives them. A composite type that a
-- column uses cannot lose attributes: the lists are rebuilt into new types (through
-- jsonb, which keeps every value, NULL elements included), which then take the old
-- names, and the rewrite stores them with lz4 (see the storage settings above). A typed
-- table's column cannot change type, so the table leaves its row type meanwhile. This
-- comes after the 0.1.0 functions whose standard bodies read the lists are gone.
CREATE TYPE codecpg.bc_instr_v2 AS (
    instr_index    integer,
    instr_offset   integer,
    start_offset   integer,
    end_offset     integer,
    opname         text,
    opcode         integer,
    arg            integer,
    argval_kind    text,
    argval_int     bigint,
    argval_str     text,
    argrepr        text,
    line_number    integer,
    starts_line    integer,
    label          integer,
    is_jump_target boolean,
    jump_target    integer,
    span           codecpg.span,
    attrs          jsonb
);
CREATE TYPE codecpg.bc_code_v2 AS (
    code_id               integer,
    parent_code_id        integer,
    qualname              text,
    name                  text,
    firstlineno1          integer,
    argcount              integer,
    posonlyargcount       integer,
    kwonlyargcount        integer,
    nlocals               integer,
    flags                 integer,
    stacksize             integer,
    code_len              integer,
    is_optimized          boolean,
    is_newlocals          boolean,
    has_varargs           boolean,
    has_varkeywords       boolean,
    is_nested             boolean,
    is_generator          boolean,
    is_nofree             boolean,
    is_coroutine          boolean,
    is_iterable_coroutine boolean,
    is_async_generator    boolean,
    varnames              text[],
    freevars              text[],
    cellvars              text[],
    names                 text[],
    consts                codecpg.bc_const[],
    instructions          codecpg.bc_instr_v2[],
    exception_table       codecpg.bc_exc_entry[],
    blocks                codecpg.bc_block[],
    cfg_edges             codecpg.bc_cfg_edge[],
    line_table            codecpg.bc_line[],
    span                  codecpg.span,
    attrs                 jsonb
);
-- cpg_complexity's standard body depends on the column: it is created again below.
DROP FUNCTION codecpg.cpg_complexity(codecpg.bytecode_files_v1);
CREATE TYPE codecpg.bc_upgrade_lists AS (code_objects codecpg.bc_code_v2[]);
ALTER TABLE codecpg.bytecode_files_v1 NOT OF;
DO $$
DECLARE
    rebuild text := 'ALTER TABLE codecpg.bytecode_files_v1 ALTER COLUMN code_objects TYPE codecpg.bc_code_v2[]
        USING (pg_catalog.jsonb_populate_record(NULL::codecpg.bc_upgrade_lists,
               pg_catalog.jsonb_build_object(''code_objects'', pg_catalog.to_jsonb(code_objects)))).code_objects';
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_settings
                WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        rebuild := rebuild || ', ALTER COLUMN code_objects SET COMPRESSION lz4';
    END IF;
    EXECUTE rebuild;
END
$$;
ALTER TYPE codecpg.bytecode_file ALTER ATTRIBUTE code_objects TYPE codecpg.bc_code_v2[];
ALTER TABLE codecpg.bytecode_files_v1 OF codecpg.bytecode_file;
DROP TYPE codecpg.bc_upgrade_lists;
DROP TYPE codecpg.bc_code;
DROP TYPE codecpg.bc_instr;
DROP TYPE codecpg.bc_cache;
ALTER TYPE codecpg.bc_instr_v2 RENAME TO bc_instr;
ALTER TYPE codecpg.bc_code_v2 RENAME TO bc_code;
COMMENT ON TYPE codecpg.bc_instr IS 'A bytecode instruction as dis shows it on co_code (unquickened); CACHE entries are not elements: end_offset is past them.';
SELECT codecpg.comment_attributes('codecpg.bc_instr', ARRAY[
  ['instr_index',    'Ordinal of the instruction in its code unit, 0-based.'],
  ['instr_offset',   'Byte offset in co_code (dis offset; "offset" is reserved in SQL).'],
  ['start_offset',   'Offset of the first EXTENDED_ARG prefix of this instruction, or instr_offset (EXTENDED_ARG prefixes are instructions of their own, as in dis).'],
  ['end_offset',     'Offset just past the instruction and its inline cache entries (2 bytes each, all zeros in co_code).'],
  ['opname',         'Operation name as dis shows it.'],
  ['opcode',         'Numeric opcode.'],
  ['arg',            'Argument including EXTENDED_ARG prefixes, or NULL.'],
  ['argval_kind',    'Python type name of dis''s argval: int, str, bool, NoneType, tuple, float, bytes, frozenset, code, ...; unknown where dis has no value (KW_NAMES); NULL without an argument.'],
  ['argval_int',     'argval when it is an integer (jump targets, counts, int and bool constants that fit 64 bits); the code_id of a code object constant; 1/0 for FORMAT_VALUE with/without a format spec.'],
  ['argval_str',     'argval when it is a name or other text (names, comparison operators, str constants that are valid text without NUL; the FORMAT_VALUE conversion).'],
  ['argrepr',        'Human-readable argument as dis prints it.'],
  ['line_number',    'Source line (1-based) of the instruction from co_positions(), or NULL; 0 for the module''s RESUME.'],
  ['starts_line',    'The 1-based line when the instruction starts a line, else NULL.'],
  ['label',          'Jump-target label number, 1-based in offset order of the targets, or NULL.'],
  ['is_jump_target', 'Some jump instruction targets this offset (dis.get_instructions semantics: exception handlers are not counted).'],
  ['jump_target',    'Offset the instruction jumps to, or NULL.'],
  ['span',           'Source span from co_positions(): 0-based lines, UTF-8 byte columns; components CPython leaves as None are NULL; NULL when all are None.'],
  ['attrs',          'Additional facts (jsonb), or NULL.']
]);
COMMENT ON TYPE codecpg.bc_code IS 'A code object (module, class body, function, lambda, comprehension), in preorder of nesting.';
SELECT codecpg.comment_attributes('codecpg.bc_code', ARRAY[
  ['code_id',               'Preorder index of the code object in the file, 0 for the module.'],
  ['parent_code_id',        'code_id of the code object whose co_consts holds this one; NULL for the module.'],
  ['qualname',              'co_qualname.'],
  ['name',                  'co_name.'],
  ['firstlineno1',          'co_firstlineno, 1-based.'],
  ['argcount',              'co_argcount.'],
  ['posonlyargcount',       'co_posonlyargcount.'],
  ['kwonlyargcount',        'co_kwonlyargcount.'],
  ['nlocals',               'co_nlocals.'],
  ['flags',                 'co_flags.'],
  ['stacksize',             'co_stacksize.'],
  ['code_len',              'len(co_code) in bytes.'],
  ['is_optimized',          'CO_OPTIMIZED.'],
  ['is_newlocals',          'CO_NEWLOCALS.'],
  ['has_varargs',           'CO_VARARGS.'],
  ['has_varkeywords',       'CO_VARKEYWORDS.'],
  ['is_nested',             'CO_NESTED.'],
  ['is_generator',          'CO_GENERATOR.'],
  ['is_nofree',             'CO_NOFREE.'],
  ['is_coroutine',          'CO_COROUTINE.'],
  ['is_iterable_coroutine', 'CO_ITERABLE_COROUTINE.'],
  ['is_async_generator',    'CO_ASYNC_GENERATOR.'],
  ['varnames',              'co_varnames.'],
  ['freevars',              'co_freevars.'],
  ['cellvars',              'co_cellvars.'],
  ['names',                 'co_names.'],
  ['consts',                'co_consts as reprs.'],
  ['instructions',          'Instructions in offset order.'],
  ['exception_table',       'Exception table entries.'],
  ['blocks',                'Basic blocks.'],
  ['cfg_edges',             'Control-flow edges.'],
  ['line_table',            'Line starts.'],
  ['span',                  'From the first to the last byte covered by the positions of its instructions (UTF-8 byte columns), or NULL.'],
  ['attrs',                 'Additional facts (jsonb), or NULL.']
]);
COMMENT ON FUNCTION codecpg.bc_instructions(codecpg.bytecode_files_v1) IS
  'One row per instruction of every code object (dis order), with its span flat (UTF-8 byte columns). baseopname, baseopcode and oparg repeat opname, opcode and arg (co_code is unquickened); cache_units counts the inline CACHE entries between the instruction and end_offset.';
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
