-- codecpg install script, part 96: the resolver (src/cpg/) and the queries of its graph.
--
-- The queries that read tables are PL/pgSQL, not SQL: on Citus, a SQL function's
-- parameterized queries over distributed tables cannot be planned, while PL/pgSQL binds
-- the repository so that the query is routed to the one worker that holds it.

CREATE FUNCTION codecpg.cpg_refresh(repo text,
    OUT scopes bigint, OUT callsites bigint, OUT calls_scip bigint, OUT calls_resolved bigint,
    OUT calls_unresolved bigint, OUT links bigint, OUT files_changed bigint)
RETURNS record
AS 'MODULE_PATHNAME', 'cpg_refresh'
LANGUAGE C VOLATILE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION codecpg.cpg_refresh(text) IS
  'Recomputes the repository''s resolved graph (cpg_scopes_v1, cpg_graph_v1) from its files'' summaries: a whole-program points-to analysis in memory, SCIP span-exact matches first where an index is loaded; rows are rewritten only for files whose scopes or links changed. Index runs call it; call it after changing facts by other means. Returns counts: scopes, callsites, callsites resolved through SCIP, callsites resolved by the analysis (internal or external callees), unresolved callsites, links, files whose rows were rewritten.';

CREATE FUNCTION codecpg.cst_summary(f codecpg.libcst_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT section text, OUT ord integer, OUT kind text, OUT scope integer,
    OUT a integer, OUT b integer, OUT c integer, OUT text text, OUT bstart integer, OUT bend integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_cst_summary'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cst_summary(codecpg.libcst_files_v1) IS
  'The resolver''s summary of a file (libcst_files_v1.summary) as rows, for inspection: one row per scope, parameter, expression, argument, effect and import, with its kind, the scope it belongs to, its operands (indexes into the other sections; for a parameter, a is its default value and b the classes its annotation names), the name or text it carries and its span.';

CREATE FUNCTION codecpg.cpg_links(g codecpg.cpg_graph_v1)
RETURNS TABLE (repo text, path text, file_id text, file_sha256 text, link_kind text, bstart integer,
               bend integer, src_node_id text, src_node_kind text, caller_node_id text, caller_node_kind text,
               callee_node_id text, callee_kind text, callee_name text, resolution text, candidates integer, detail text)
AS 'MODULE_PATHNAME', 'cpg_links'
LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cpg_links(codecpg.cpg_graph_v1) IS
  'The links of one file''s resolved graph (codecpg.cpg_graph_v1.links) as rows.';

-- The def-level call graph -------------------------------------------------------------

CREATE FUNCTION codecpg.cpg_call_graph(repo text,
    OUT caller text, OUT callee text, OUT call_kind text, OUT sites bigint,
    OUT resolution_method text, OUT confidence double precision,
    OUT caller_node_id text, OUT callee_node_id text, OUT callee_external boolean,
    OUT caller_path text, OUT caller_line0 integer, OUT callee_path text, OUT callee_line0 integer)
RETURNS SETOF record
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    SELECT cs.fqn, l.callee_name, l.link_kind, count(*),
           string_agg(DISTINCT l.resolution, ',' ORDER BY l.resolution),
           max(CASE l.resolution WHEN 'scip' THEN 1.0 WHEN 'structure' THEN 1.0 ELSE 0.5 END)::double precision,
           l.caller_node_id, l.callee_node_id, l.callee_kind = 'EXTERNAL',
           cs.path, cs.line0, ds.path, ds.line0
      FROM codecpg.cpg_graph_v1 g
     CROSS JOIN LATERAL codecpg.cpg_links(g) l
      JOIN codecpg.cpg_scopes_v1 cs ON cs.repo = g.repo AND cs.node_id = l.caller_node_id
      LEFT JOIN codecpg.cpg_scopes_v1 ds ON ds.repo = g.repo AND ds.node_id = l.callee_node_id
     WHERE g.repo = cpg_call_graph.repo
       AND l.link_kind IN ('call', 'decorator', 'import', 'class_body', 'property', 'dunder')
       AND l.callee_kind <> 'UNRESOLVED'
     GROUP BY cs.fqn, l.callee_name, l.link_kind, l.caller_node_id, l.callee_node_id, l.callee_kind,
              cs.path, cs.line0, ds.path, ds.line0
     ORDER BY 1, 2, 3;
END;
$$;
COMMENT ON FUNCTION codecpg.cpg_call_graph(text) IS
  'The def-level graph of what runs in a repository (after codecpg.cpg_refresh): caller and callee qualified names (pkg.mod.Class.method; module-level code is named by its module, a class body by its class; lambdas share their qualname: callee_line0 tells them apart), the kind (call; decorator; import: a module run by an import; class_body; property: an accessor run by attribute access; dunder: a protocol method Python runs implicitly), number of sites, resolution methods, best confidence, node ids, whether the callee is outside the repository (its name as imported: os.path.join, builtins.len), and where caller and callee are defined. A call of a class is an edge to the __init__ (and __new__) it runs, and a call of a dataclass also to its __post_init__.';

-- Callers and callees: breadth-first, each definition once at its shortest distance. Who
-- reaches a node is found through cpg_graph_v1.callees (GIN) and the links of those files
-- only; what a scope reaches, through the links of its own file. A level's frontier is one
-- node or hundreds: every level is planned for its own (plan_cache_mode), as a generic
-- plan takes ten and scans every file's callees for each node (0.65 s instead of 0.09 s
-- for three levels of the standard library).
CREATE FUNCTION codecpg.cpg_callers(repo text, fqn text, max_depth integer DEFAULT 1)
RETURNS TABLE (caller text, depth integer, caller_node_id text)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
SET plan_cache_mode = force_custom_plan
AS $$
DECLARE
  frontier text[];
  found text[];
  seen text[];
  level integer := 0;
BEGIN
  IF max_depth < 0 OR max_depth > 1000 THEN
    RAISE EXCEPTION 'max_depth must be between 0 and 1000, not %', max_depth
      USING ERRCODE = 'invalid_parameter_value',
            DETAIL = 'Each caller is listed once at its shortest distance; a call chain longer than 1000 is not followed.';
  END IF;
  SELECT array_agg(s.node_id) INTO frontier
    FROM codecpg.cpg_scopes_v1 s WHERE s.repo = cpg_callers.repo AND s.fqn = cpg_callers.fqn;
  IF frontier IS NULL THEN
    -- a name outside the repository (os.path.join, builtins.open): its PY_QUALIFIED_NAME node
    frontier := ARRAY[codecpg.stable_id('py_qname', cpg_callers.repo, cpg_callers.fqn)];
  END IF;
  -- a function that calls itself is its own caller at depth 1
  seen := '{}';
  WHILE level < max_depth AND cardinality(frontier) > 0 LOOP
    level := level + 1;
    -- A level meets a few hundred nodes and tens of thousands of links: the files are
    -- found one GIN probe per node (an overlap test of the whole frontier is quadratic),
    -- the links are hash-joined to the frontier, and what was seen is removed by a set
    -- difference, so that no step compares every pair.
    -- (OFFSET 0 keeps the files chosen before their links are unnested.)
    SELECT array_agg(DISTINCT l.caller_node_id) INTO found
      FROM (SELECT g.* FROM codecpg.cpg_graph_v1 g
             WHERE g.repo = cpg_callers.repo
               AND g.file_id IN (SELECT h.file_id FROM unnest(frontier) n(node_id)
                                   JOIN codecpg.cpg_graph_v1 h
                                     ON h.repo = cpg_callers.repo AND h.callees @> ARRAY[n.node_id])
            OFFSET 0) g
     CROSS JOIN LATERAL codecpg.cpg_links(g) l
      JOIN unnest(frontier) f(node_id) ON f.node_id = l.callee_node_id
     WHERE l.link_kind IN ('call', 'decorator', 'import', 'class_body', 'property', 'dunder');
    frontier := ARRAY(SELECT unnest(found) EXCEPT SELECT unnest(seen));
    EXIT WHEN cardinality(frontier) = 0;
    seen := seen || frontier;
    RETURN QUERY SELECT s.fqn, level, s.node_id
                   FROM codecpg.cpg_scopes_v1 s
                  WHERE s.repo = cpg_callers.repo AND s.node_id = ANY (frontier)
                  ORDER BY s.fqn;
  END LOOP;
END;
$$;
COMMENT ON FUNCTION codecpg.cpg_callers(text, text, integer) IS
  'Who makes a definition run (qualified name as in cpg_call_graph; a name outside the repository as imported, e.g. requests.get), transitively up to max_depth (0 to 1000) steps away: each caller once, at its shortest distance, nearest first (a function calling itself is its own caller at depth 1).';

CREATE FUNCTION codecpg.cpg_callees(repo text, fqn text, max_depth integer DEFAULT 1)
RETURNS TABLE (callee text, depth integer, callee_node_id text)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
SET plan_cache_mode = force_custom_plan
AS $$
DECLARE
  frontier text[];
  names text[];
  seen text[];
  level integer := 0;
BEGIN
  IF max_depth < 0 OR max_depth > 1000 THEN
    RAISE EXCEPTION 'max_depth must be between 0 and 1000, not %', max_depth
      USING ERRCODE = 'invalid_parameter_value',
            DETAIL = 'Each callee is listed once at its shortest distance; a call chain longer than 1000 is not followed.';
  END IF;
  SELECT array_agg(s.node_id) INTO frontier
    FROM codecpg.cpg_scopes_v1 s WHERE s.repo = cpg_callees.repo AND s.fqn = cpg_callees.fqn;
  -- a function that calls itself is its own callee at depth 1
  seen := '{}';
  WHILE level < max_depth AND cardinality(frontier) > 0 LOOP
    level := level + 1;
    -- as in cpg_callers: the frontier joined, what was seen removed through a hash
    SELECT array_agg(x.node_id ORDER BY x.name, x.node_id), array_agg(x.name ORDER BY x.name, x.node_id)
      INTO frontier, names
      FROM (SELECT DISTINCT l.callee_node_id AS node_id, l.callee_name AS name
              FROM (SELECT g.* FROM codecpg.cpg_graph_v1 g
                     WHERE g.repo = cpg_callees.repo
                       AND g.file_id IN (SELECT s.file_id FROM codecpg.cpg_scopes_v1 s
                                          WHERE s.repo = cpg_callees.repo AND s.node_id = ANY (frontier))
                    OFFSET 0) g
             CROSS JOIN LATERAL codecpg.cpg_links(g) l
              JOIN unnest(frontier) f(node_id) ON f.node_id = l.caller_node_id
             WHERE l.link_kind IN ('call', 'decorator', 'import', 'class_body', 'property', 'dunder')
               AND l.callee_kind <> 'UNRESOLVED') x
     WHERE x.node_id NOT IN (SELECT unnest(seen));
    EXIT WHEN frontier IS NULL;
    seen := seen || frontier;
    RETURN QUERY SELECT u.name, level, u.node_id FROM unnest(names, frontier) u(name, node_id);
  END LOOP;
END;
$$;
COMMENT ON FUNCTION codecpg.cpg_callees(text, text, integer) IS
  'What a definition makes run (qualified name as in cpg_call_graph), transitively up to max_depth (0 to 1000) steps away: each callee once, at its shortest distance, nearest first (a function calling itself is its own callee at depth 1); definitions of the repository by qualified name, names outside it as imported (they have no callees of their own).';

CREATE FUNCTION codecpg.cpg_imports(repo text)
RETURNS TABLE (importer text, imported text, in_repo boolean, path text, bstart integer, bend integer)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog
AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    SELECT DISTINCT ON (l.path, l.bstart, l.bend) m.module, l.callee_name, l.callee_kind <> 'EXTERNAL',
           l.path, l.bstart, l.bend
      FROM codecpg.cpg_graph_v1 g
     CROSS JOIN LATERAL codecpg.cpg_links(g) l
      JOIN codecpg.cpg_scopes_v1 m ON m.repo = g.repo AND m.file_id = g.file_id AND m.scope_kind = 'MODULE'
     WHERE g.repo = cpg_imports.repo AND l.link_kind = 'import'
     ORDER BY l.path, l.bstart, l.bend, length(l.callee_name) DESC;
END;
$$;
COMMENT ON FUNCTION codecpg.cpg_imports(text) IS
  'The import graph of a repository, one row per imported name: the importing module, the deepest module the import runs ("from .models import User" imports from pkg.models, "from pkg import sub" from pkg.sub when it is a module), whether it is in the repository (else its name as written, e.g. os.path), and the alias''s span.';
