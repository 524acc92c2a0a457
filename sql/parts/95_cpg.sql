-- codecpg install script, part 95: the code property graph.
--
-- Two views, codecpg.cpg_nodes and codecpg.cpg_edges, join the facts of every domain on
-- the one id scheme (codecpg.stable_id) and the shared byte spans. Ids are derived in the
-- views, never stored per element. What cannot be derived file by file, because it needs
-- the whole repository, is computed once per repository by codecpg.cpg_refresh(repo) into
-- two derived tables: cpg_scopes_v1 (every module, class, function and lambda with its
-- qualified name) and cpg_graph_v1 (resolved calls, imports and class bases). The views
-- read those tables for the edges that need them; codecpg.cpg_call_graph(repo) is the
-- def-level call graph.

-- Helpers ---------------------------------------------------------------------------------

CREATE FUNCTION codecpg.cpg_module_name(path text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.replace(
         pg_catalog.regexp_replace(pg_catalog.regexp_replace(path, '\.pyi?$', ''), '(^|/)__init__$', ''),
         '/', '.');
COMMENT ON FUNCTION codecpg.cpg_module_name(text) IS
  'Dotted module name of a repository path: pkg/sub/mod.py -> pkg.sub.mod, pkg/__init__.py -> pkg.';

-- Python expressions whose value the resolver can follow are chains of names, attribute
-- accesses and calls (a.b(x).c()). Argument lists are collapsed innermost-first until no
-- parenthesis is left; anything else (subscripts, operators, literals) yields NULL.
CREATE FUNCTION codecpg.cpg_expr_parts(expr text)
RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  WITH RECURSIVE collapse(t, n) AS (
      SELECT pg_catalog.regexp_replace(expr, '\s*([.()])\s*', '\1', 'g'), 0
    UNION ALL
      SELECT pg_catalog.regexp_replace(c.t, '\([^()]*\)', '#', 'g'), c.n + 1
        FROM collapse c
       WHERE c.t ~ '\([^()]*\)' AND c.n < 64
  )
  SELECT CASE WHEN c.t ~ '^[[:alpha:]_][[:alnum:]_]*(#|\.[[:alpha:]_][[:alnum:]_]*)*$'
              THEN ARRAY(SELECT CASE m.m[1] WHEN '#' THEN '()' ELSE m.m[1] END
                           FROM pg_catalog.regexp_matches(c.t, '([[:alpha:]_][[:alnum:]_]*|#)', 'g') AS m(m))
         END
    FROM collapse c
   ORDER BY c.n DESC
   LIMIT 1;
END;
COMMENT ON FUNCTION codecpg.cpg_expr_parts(text) IS
  'Splits a Python expression made of names, attribute accesses and calls into its steps: "a.b(x)().c" -> {a,b,(),(),c}; NULL for any other expression. The call resolver follows these steps.';

-- Derived tables ------------------------------------------------------------------------

CREATE TYPE codecpg.cpg_scope AS (
    repo           text,
    path           text,
    file_id        text,
    node_id        text,
    scope_kind     text,
    name           text,
    qualname       text,
    fqn            text,
    module         text,
    bstart         integer,
    bend           integer,
    body_bstart    integer,
    parent_node_id text
);
COMMENT ON TYPE codecpg.cpg_scope IS
  'A code scope of a repository: a module, class, function or lambda, with its qualified name. Row type of codecpg.cpg_scopes_v1.';
SELECT codecpg.comment_attributes('codecpg.cpg_scope', ARRAY[
  ['repo',           'Repository name.'],
  ['path',           'File path of the scope.'],
  ['file_id',        'Stable file identity.'],
  ['node_id',        'The scope''s node in cpg_nodes: the PY_MODULE node for a module, the CST definition node (codecpg.stable_id(''cst_def'', file_id, kind, def_bstart, def_bend)) otherwise.'],
  ['scope_kind',     'MODULE, or the CST definition kind: CLASS, FUNCTION, ASYNC_FUNCTION or LAMBDA.'],
  ['name',           'Defined name (<lambda> for a lambda; the last component of the module name for a module).'],
  ['qualname',       'Qualified name within the module as __qualname__ would be (Outer.method, f.<locals>.g); NULL for a module.'],
  ['fqn',            'Fully qualified name: module, or module.qualname (pkg.mod.Class.method).'],
  ['module',         'Dotted module name of the file (codecpg.cpg_module_name(path)).'],
  ['bstart',         'First byte of the definition (decorators included); 0 for a module.'],
  ['bend',           'Byte past the definition; the file''s size for a module.'],
  ['body_bstart',    'First byte of the code that runs in this scope: the body of a class or function (decorators, defaults and bases run in the enclosing scope); 0 for a module.'],
  ['parent_node_id', 'node_id of the enclosing scope; NULL for a module.']
]);

CREATE TABLE codecpg.cpg_scopes_v1 OF codecpg.cpg_scope (
    repo WITH OPTIONS NOT NULL,
    path WITH OPTIONS NOT NULL,
    file_id WITH OPTIONS NOT NULL,
    node_id WITH OPTIONS NOT NULL,
    CONSTRAINT cpg_scopes_v1_pkey PRIMARY KEY (repo, node_id),
    CONSTRAINT cpg_scopes_v1_file_fkey FOREIGN KEY (repo, file_id)
        REFERENCES codecpg.repo_files_v1 (repo, file_id) ON DELETE CASCADE
);
COMMENT ON TABLE codecpg.cpg_scopes_v1 IS
  'Derived by codecpg.cpg_refresh(repo) from libcst_files_v1 and tree_sitter_files_v1: every scope with its qualified name. Recomputable, so not dumped by pg_dump.';
SELECT codecpg.copy_type_comments('codecpg.cpg_scopes_v1');
CREATE INDEX cpg_scopes_v1_fqn_idx ON codecpg.cpg_scopes_v1 (repo, fqn);

CREATE TYPE codecpg.cpg_graph_edge AS (
    repo              text,
    edge_id           text,
    edge_kind         text,
    src_node_id       text,
    dst_node_id       text,
    path              text,
    file_id           text,
    bstart            integer,
    bend              integer,
    origin            text,
    resolution_method text,
    confidence        double precision,
    score             double precision,
    symbol_roles      integer,
    rule_name         text,
    src_kind          text,
    src_scope_node_id text,
    dst_kind          text,
    dst_name          text
);
COMMENT ON TYPE codecpg.cpg_graph_edge IS
  'An edge that needs the whole repository to be known: a resolved call or decorator application, a resolved import, a class base, a callsite''s enclosing scope. Row type of codecpg.cpg_graph_v1.';
SELECT codecpg.comment_attributes('codecpg.cpg_graph_edge', ARRAY[
  ['repo',              'Repository name.'],
  ['edge_id',           'codecpg.stable_id(''edge'', edge_kind, src_node_id, dst_node_id, path, bstart, bend).'],
  ['edge_kind',         'PY_CALLS_SYMBOL (resolved through SCIP), PY_CALLS_QNAME (resolved by codecpg''s own name resolution, or to a name only), BINDING_RESOLVES_TO (an import alias to what it imports), CLASS_INHERITS (a class to a base) or FILE_CONTAINS (a scope to a callsite).'],
  ['src_node_id',       'Source node (a callsite, decorator, import alias or class).'],
  ['dst_node_id',       'Destination node: a CST definition, a PY_MODULE, or a PY_QUALIFIED_NAME node when only a name is known.'],
  ['path',              'File of the source node.'],
  ['file_id',           'File owning the edge (the source node''s file); the edge goes with it when the file is deleted.'],
  ['bstart',            'First byte of the evidence (the call expression, decorator, import alias or base).'],
  ['bend',              'Byte past the evidence.'],
  ['origin',            'scip when a SCIP occurrence decided the target, else derived.'],
  ['resolution_method', 'scip_span_exact, name_resolution (imports, scopes, classes) or unresolved.'],
  ['confidence',        '1.0 for SCIP span-exact resolution, 0.5 for codecpg''s own resolution and for names.'],
  ['score',             'confidence divided by the number of candidate targets of the same evidence (ambiguous resolution).'],
  ['symbol_roles',      'SCIP role bits of the occurrence that decided the target, else NULL.'],
  ['rule_name',         'The resolution steps taken, joined by ">": scope (a binding of an enclosing scope), import, module (into a module or submodule), alias (an assignment), self/cls (a method''s first parameter), attr (a class attribute), mro (an inherited one), super, return (what a called function returns), init (a class called), instance, star (a star import), scip, cycle (gave up on an alias cycle).'],
  ['src_kind',          'Node kind of the source: CST_CALLSITE, CST_DECORATOR, CST_IMPORT_ALIAS, CST_CLASS_DEF, or the scope kind for FILE_CONTAINS.'],
  ['src_scope_node_id', 'The scope whose code holds the evidence (cpg_scopes_v1.node_id): the caller of a call.'],
  ['dst_kind',          'Node kind of the destination: CST_FUNCTION_DEF, CST_CLASS_DEF, CST_LAMBDA, PY_MODULE, PY_QUALIFIED_NAME or CST_CALLSITE.'],
  ['dst_name',          'Qualified name of the destination (cpg_scopes_v1.fqn, a module name, or the unresolved dotted name).']
]);

CREATE TABLE codecpg.cpg_graph_v1 OF codecpg.cpg_graph_edge (
    repo WITH OPTIONS NOT NULL,
    edge_id WITH OPTIONS NOT NULL,
    path WITH OPTIONS NOT NULL,
    file_id WITH OPTIONS NOT NULL,
    CONSTRAINT cpg_graph_v1_pkey PRIMARY KEY (repo, edge_id),
    CONSTRAINT cpg_graph_v1_file_fkey FOREIGN KEY (repo, file_id)
        REFERENCES codecpg.repo_files_v1 (repo, file_id) ON DELETE CASCADE
);
COMMENT ON TABLE codecpg.cpg_graph_v1 IS
  'Derived by codecpg.cpg_refresh(repo): the cross-file edges of the CPG (calls, imports, bases) and callsite containment, deduplicated. Recomputable, so not dumped by pg_dump; cpg_edges reads it.';
SELECT codecpg.copy_type_comments('codecpg.cpg_graph_v1');
CREATE INDEX cpg_graph_v1_dst_idx ON codecpg.cpg_graph_v1 (dst_node_id, edge_kind);
CREATE INDEX cpg_graph_v1_src_idx ON codecpg.cpg_graph_v1 (src_node_id, edge_kind);
CREATE INDEX cpg_graph_v1_scope_idx ON codecpg.cpg_graph_v1 (src_scope_node_id, edge_kind);

CREATE FUNCTION codecpg.cpg_import_base(module text, is_package boolean, level integer, from_module text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  -- The package a relative import starts from is the module's own package: the module
  -- itself for an __init__ file, else its parent; each further dot goes one level up.
  SELECT CASE
           WHEN coalesce(level, 0) = 0 THEN from_module
           WHEN p.n - (level - 1) < 0 THEN NULL
           ELSE nullif(concat_ws('.', nullif(pg_catalog.array_to_string(p.parts[1:p.n - (level - 1)], '.'), ''),
                                 from_module), '')
         END
    FROM (SELECT x.parts, coalesce(pg_catalog.array_length(x.parts, 1), 0) AS n
            FROM (SELECT pg_catalog.string_to_array(
                           nullif(CASE WHEN is_package THEN module
                                       ELSE pg_catalog.regexp_replace(module, '\.?[^.]*$', '') END, ''),
                           '.') AS parts) x) p;
END;
COMMENT ON FUNCTION codecpg.cpg_import_base(text, boolean, integer, text) IS
  'The absolute module a from-import names: from_module itself for level 0, else resolved against the importing module (is_package for an __init__ file) as Python does; NULL when the dots climb above the top-level package.';

-- Cross-file resolution ------------------------------------------------------------------
--
-- Values are followed step by step, set-based, for every job (a callsite, a decorator, a
-- class base, an import) at once. A state is (vkind, vref, parts): the value reached so
-- far and the steps of the expression still to apply (names, and "()" for a call):
--   lookup  vref = a scope; parts[1] is looked up in it (mode chain: through the scopes
--           Python searches, skipping class bodies; mode attr: in that scope only, e.g.
--           an attribute of a module)
--   qname   vref = a dotted name an import named; its longest module prefix in the repo
--           is entered and the rest becomes steps
--   def     vref = the scope node of a class or function
--   inst    vref = the scope node of a class: an instance of it
--   super   vref = a class: attribute lookup starts after the class in its MRO
-- A state with no steps left is a result. Bindings are flow-insensitive: every binding of
-- a name in a scope is a candidate (ambiguity lowers the score).
CREATE FUNCTION codecpg.cpg_refresh(repo text,
    OUT scopes bigint, OUT callsites bigint, OUT calls_scip bigint, OUT calls_resolved bigint,
    OUT calls_unresolved bigint, OUT edges bigint)
RETURNS record
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog
SET client_min_messages = warning
AS $$
DECLARE
    rp CONSTANT text := cpg_refresh.repo;
    cur_phase integer;
    step integer;
    live bigint;
    t0 timestamptz := clock_timestamp();
BEGIN
    -- One refresh per repository at a time; readers keep seeing the previous graph until commit.
    PERFORM pg_advisory_xact_lock(hashtext('codecpg.cpg_refresh'), hashtext(rp));
    DELETE FROM codecpg.cpg_graph_v1 g WHERE g.repo = rp;
    DELETE FROM codecpg.cpg_scopes_v1 s WHERE s.repo = rp;
    -- An index run calls this in the transaction that stored the repository's files, which
    -- statistics gathered before (from other repositories) do not see: estimated at a row or
    -- two, they made the planner nest loops over the whole repository (224 s instead of 17 s
    -- on the standard library). ANALYZE counts this transaction's rows; the identity
    -- columns are enough and spare reading the nested lists.
    ANALYZE codecpg.repo_files_v1 (repo, file_id, path), codecpg.libcst_files_v1 (repo, file_id, path),
        codecpg.tree_sitter_files_v1 (repo, file_id, path), codecpg.scip_index_v1 (repo, index_id, file_id);
    DROP TABLE IF EXISTS pg_temp.cpg_files, pg_temp.cpg_defs, pg_temp.cpg_ts, pg_temp.cpg_anchor,
        pg_temp.cpg_sc, pg_temp.cpg_chain, pg_temp.cpg_bind, pg_temp.cpg_star, pg_temp.cpg_ret,
        pg_temp.cpg_job, pg_temp.cpg_st, pg_temp.cpg_next, pg_temp.cpg_res, pg_temp.cpg_base,
        pg_temp.cpg_mro, pg_temp.cpg_occ, pg_temp.cpg_symdef, pg_temp.cpg_out, pg_temp.cpg_imp, pg_temp.cpg_miss, pg_temp.cpg_deco;

    -- Files, with their UTF-8 bytes stored uncompressed so that span slices are cheap.
    CREATE TEMP TABLE cpg_files (file_id text PRIMARY KEY, path text, module text,
        is_package boolean, scope_id text, size integer, src bytea) ON COMMIT DROP;
    ALTER TABLE cpg_files ALTER COLUMN src SET STORAGE EXTERNAL;
    INSERT INTO cpg_files
    SELECT f.file_id, f.path, codecpg.cpg_module_name(f.path), f.path ~ '(^|/)__init__\.pyi?$',
           codecpg.stable_id('py_module', f.file_id), octet_length(r.source), convert_to(r.source, 'UTF8')
      FROM codecpg.libcst_files_v1 f
      JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
     WHERE f.repo = rp AND r.source IS NOT NULL;
    CREATE INDEX ON cpg_files (module);

    CREATE TEMP TABLE cpg_defs ON COMMIT DROP AS
    SELECT f.file_id, d.def_id, d.kind, d.name, d.def_bstart, d.def_bend, d.name_bstart, d.name_bend,
           d.container_def_bstart, d.container_def_bend,
           codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text) AS node_id
      FROM codecpg.libcst_files_v1 f
      JOIN cpg_files cf ON cf.file_id = f.file_id
     CROSS JOIN LATERAL unnest(f.defs) d
     WHERE f.repo = rp;
    CREATE INDEX ON cpg_defs (node_id);
    CREATE INDEX ON cpg_defs (file_id, def_id);

    -- The tree-sitter nodes the resolver reads: children of definitions, parameter lists,
    -- assignments, returns and base-class lists.
    CREATE TEMP TABLE cpg_ts ON COMMIT DROP AS
    SELECT f.file_id, x.*
      FROM codecpg.tree_sitter_files_v1 f
      JOIN cpg_files cf ON cf.file_id = f.file_id
     CROSS JOIN LATERAL (
        SELECT c.node_id, c.parent_id, c.kind, c.field_name, c.child_index, c.is_named,
               (c.span).bstart, (c.span).bend, p.kind AS parent_kind, p.field_name AS parent_field,
               p.parent_id AS grandparent_id
          FROM unnest(f.nodes) c
          JOIN unnest(f.nodes) p ON p.node_id = c.parent_id
         WHERE p.kind IN ('function_definition', 'class_definition', 'lambda', 'parameters',
                          'lambda_parameters', 'default_parameter', 'typed_parameter',
                          'typed_default_parameter', 'list_splat_pattern', 'dictionary_splat_pattern',
                          'assignment', 'return_statement')
            OR p.field_name = 'superclasses') x
     WHERE f.repo = rp;
    CREATE INDEX ON cpg_ts (file_id, parent_id);
    RAISE DEBUG 'cpg_refresh(%): tree-sitter nodes read after % ms', rp, round(extract(epoch FROM clock_timestamp() - t0) * 1000);

    -- Each definition's tree-sitter node: through the name for classes and functions, through
    -- the lambda keyword for lambdas.
    CREATE TEMP TABLE cpg_anchor ON COMMIT DROP AS
    SELECT d.node_id, d.file_id, t.parent_id AS ts_id
      FROM cpg_defs d
      JOIN cpg_ts t ON t.file_id = d.file_id AND t.field_name = 'name'
                   AND t.parent_kind IN ('function_definition', 'class_definition')
                   AND t.bstart = d.name_bstart AND t.bend = d.name_bend
    UNION ALL
    SELECT d.node_id, d.file_id, t.parent_id
      FROM cpg_defs d
      JOIN cpg_ts t ON t.file_id = d.file_id AND t.parent_kind = 'lambda' AND t.kind = 'lambda'
                   AND t.bstart = d.def_bstart
     WHERE d.kind = 'LAMBDA';
    CREATE INDEX ON cpg_anchor (node_id);
    CREATE INDEX ON cpg_anchor (file_id, ts_id);
    ANALYZE cpg_defs, cpg_ts, cpg_anchor;

    -- Scopes: modules, then definitions with __qualname__-style names.
    INSERT INTO codecpg.cpg_scopes_v1 (repo, path, file_id, node_id, scope_kind, name, qualname, fqn,
                                       module, bstart, bend, body_bstart, parent_node_id)
    SELECT rp, f.path, f.file_id, f.scope_id, 'MODULE', regexp_replace(f.module, '^.*\.', ''), NULL,
           f.module, f.module, 0, f.size, 0, NULL
      FROM cpg_files f;
    WITH RECURSIVE q AS (
        SELECT d.node_id, d.file_id, d.kind, d.def_bstart, d.def_bend,
               coalesce(d.name, '<lambda>') AS qualname, f.scope_id AS parent_node_id, 0 AS depth
          FROM cpg_defs d JOIN cpg_files f ON f.file_id = d.file_id
         WHERE d.container_def_bstart IS NULL
      UNION ALL
        SELECT c.node_id, c.file_id, c.kind, c.def_bstart, c.def_bend,
               p.qualname || CASE WHEN p.kind = 'CLASS' THEN '.' ELSE '.<locals>.' END
                          || coalesce(c.name, '<lambda>'),
               p.node_id, p.depth + 1
          FROM q p
          JOIN cpg_defs c ON c.file_id = p.file_id AND c.container_def_bstart = p.def_bstart
                         AND c.container_def_bend = p.def_bend
         WHERE p.depth < 256
    )
    INSERT INTO codecpg.cpg_scopes_v1 (repo, path, file_id, node_id, scope_kind, name, qualname, fqn,
                                       module, bstart, bend, body_bstart, parent_node_id)
    SELECT rp, f.path, q.file_id, q.node_id, q.kind, coalesce(d.name, '<lambda>'), q.qualname,
           concat_ws('.', nullif(f.module, ''), q.qualname), f.module, q.def_bstart, q.def_bend,
           coalesce(b.body_bstart, d.name_bend, q.def_bstart),
           q.parent_node_id
      FROM q
      JOIN cpg_defs d ON d.node_id = q.node_id
      JOIN cpg_files f ON f.file_id = q.file_id
      LEFT JOIN (SELECT a.node_id, min(t.bstart) AS body_bstart
                   FROM cpg_anchor a
                   JOIN cpg_ts t ON t.file_id = a.file_id AND t.parent_id = a.ts_id AND t.field_name = 'body'
                  GROUP BY a.node_id) b ON b.node_id = q.node_id
    ON CONFLICT DO NOTHING;

    CREATE TEMP TABLE cpg_sc ON COMMIT DROP AS
    SELECT s.node_id, s.file_id, s.scope_kind, s.name, s.fqn, s.body_bstart, s.bend, s.parent_node_id
      FROM codecpg.cpg_scopes_v1 s WHERE s.repo = rp;
    RAISE DEBUG 'cpg_refresh(%): scopes after % ms', rp, round(extract(epoch FROM clock_timestamp() - t0) * 1000);
    CREATE UNIQUE INDEX ON cpg_sc (node_id);
    CREATE INDEX ON cpg_sc (file_id, body_bstart);
    ANALYZE cpg_files, cpg_sc;

    -- Where a name is looked up from a scope: the scope itself, then the enclosing function
    -- scopes and the module (class bodies do not enclose their methods).
    CREATE TEMP TABLE cpg_chain ON COMMIT DROP AS
    WITH RECURSIVE c AS (
        SELECT s.node_id AS scope_id, s.node_id AS anc_id, 0 AS depth, s.parent_node_id AS next
          FROM cpg_sc s
      UNION ALL
        SELECT c.scope_id, p.node_id, c.depth + 1, p.parent_node_id
          FROM c JOIN cpg_sc p ON p.node_id = c.next
         WHERE c.depth < 256
    )
    SELECT c.scope_id, c.anc_id, c.depth
      FROM c JOIN cpg_sc a ON a.node_id = c.anc_id
     WHERE c.depth = 0 OR a.scope_kind <> 'CLASS';
    CREATE INDEX ON cpg_chain (scope_id);

    -- Bindings: (scope, name) -> value.
    CREATE TEMP TABLE cpg_bind (scope_id text, name text, vkind text, vref text, vparts text[],
                                rule text) ON COMMIT DROP;
    CREATE TEMP TABLE cpg_star (scope_id text, base text, names text[]) ON COMMIT DROP;
    CREATE TEMP TABLE cpg_ret (func_id text, scope_id text, parts text[]) ON COMMIT DROP;

    INSERT INTO cpg_bind
    SELECT s.parent_node_id, s.name, 'def', s.node_id, '{}', 'scope'
      FROM cpg_sc s WHERE s.scope_kind IN ('CLASS', 'FUNCTION', 'ASYNC_FUNCTION');

    -- Imports bind in the scope holding the statement.
    CREATE TEMP TABLE cpg_imp ON COMMIT DROP AS
    SELECT cf.file_id, cf.path, i.*, sc.node_id AS scope_id,
           codecpg.stable_id('cst_import', cf.file_id, i.kind, i.alias_bstart::text, i.alias_bend::text) AS alias_node_id,
           CASE WHEN i.kind = 'IMPORT' THEN i.name
                ELSE codecpg.cpg_import_base(cf.module, cf.is_package, i.relative_level, i.module) END AS base
      FROM codecpg.libcst_files_v1 f
      JOIN cpg_files cf ON cf.file_id = f.file_id
     CROSS JOIN LATERAL unnest(f.imports) i
     CROSS JOIN LATERAL (SELECT s.node_id FROM cpg_sc s
                          WHERE s.file_id = cf.file_id AND s.body_bstart <= i.stmt_bstart AND s.bend >= i.stmt_bend
                          ORDER BY s.body_bstart DESC LIMIT 1) sc
     WHERE f.repo = rp;
    INSERT INTO cpg_bind
    SELECT i.scope_id,
           CASE WHEN i.kind = 'IMPORT' THEN coalesce(i.asname, split_part(i.name, '.', 1))
                ELSE coalesce(i.asname, i.name) END,
           'qname',
           CASE WHEN i.kind = 'IMPORT' THEN CASE WHEN i.asname IS NULL THEN split_part(i.name, '.', 1) ELSE i.name END
                ELSE concat_ws('.', nullif(i.base, ''), i.name) END,
           '{}', 'import'
      FROM pg_temp.cpg_imp i
     WHERE NOT i.is_star AND i.name IS NOT NULL AND (i.kind = 'IMPORT' OR i.base IS NOT NULL);
    INSERT INTO cpg_star SELECT i.scope_id, i.base, NULL FROM pg_temp.cpg_imp i WHERE i.is_star AND i.base IS NOT NULL;
    CREATE INDEX ON pg_temp.cpg_imp (file_id, stmt_bstart);

    CREATE TEMP TABLE cpg_deco ON COMMIT DROP AS
    SELECT d.node_id, array_agg(x.decorator_text) AS texts
      FROM codecpg.libcst_files_v1 lf
     CROSS JOIN LATERAL unnest(lf.decorators) x
      JOIN cpg_defs d ON d.file_id = lf.file_id AND d.def_id = x.owner_def_id
     WHERE lf.repo = rp
     GROUP BY d.node_id;
    CREATE INDEX ON cpg_deco (node_id);

    -- Parameters: the first parameter of a method is the instance (the class for a
    -- classmethod, nothing known for a staticmethod); other parameters are unknown values.
    WITH plist AS (
        SELECT a.node_id AS def_node, a.file_id, c.node_id, c.kind, c.bstart, c.bend,
               row_number() OVER (PARTITION BY a.node_id ORDER BY c.child_index) AS ordinal
          FROM cpg_anchor a
          JOIN cpg_ts p ON p.file_id = a.file_id AND p.parent_id = a.ts_id AND p.field_name = 'parameters'
          JOIN cpg_ts c ON c.file_id = a.file_id AND c.parent_id = p.node_id AND c.is_named
                       AND c.kind IN ('identifier', 'default_parameter', 'typed_parameter',
                                      'typed_default_parameter', 'list_splat_pattern', 'dictionary_splat_pattern')
    ), pname AS (
        SELECT l.def_node, l.file_id, l.ordinal,
               CASE WHEN l.kind = 'identifier' THEN l.bstart ELSE n.bstart END AS bstart,
               CASE WHEN l.kind = 'identifier' THEN l.bend ELSE n.bend END AS bend
          FROM plist l
          LEFT JOIN LATERAL (SELECT g.bstart, g.bend FROM cpg_ts g
                              WHERE g.file_id = l.file_id AND g.parent_id = l.node_id AND g.kind = 'identifier'
                                AND (g.field_name = 'name' OR l.kind NOT IN ('default_parameter', 'typed_default_parameter'))
                              ORDER BY g.child_index LIMIT 1) n ON l.kind <> 'identifier'
    )
    INSERT INTO cpg_bind
    SELECT s.node_id,
           convert_from(substring(f.src FROM pn.bstart + 1 FOR pn.bend - pn.bstart), 'UTF8'),
           CASE WHEN pn.ordinal = 1 AND cls.scope_kind = 'CLASS' THEN
                     CASE WHEN 'staticmethod' = ANY (dec.texts) THEN 'unknown'
                          WHEN 'classmethod' = ANY (dec.texts) THEN 'def'
                          ELSE 'inst' END
                ELSE 'unknown' END,
           cls.node_id, '{}',
           CASE WHEN 'classmethod' = ANY (dec.texts) THEN 'cls' ELSE 'self' END
      FROM pname pn
      JOIN cpg_sc s ON s.node_id = pn.def_node
      JOIN cpg_files f ON f.file_id = pn.file_id
      LEFT JOIN cpg_sc cls ON cls.node_id = s.parent_node_id
      LEFT JOIN cpg_deco dec ON dec.node_id = pn.def_node
     WHERE pn.bstart IS NOT NULL;

    -- Simple assignments "name = expression": the name takes the expression's value, looked
    -- up in the same scope (a lambda is its definition); other expressions make the name an
    -- unknown value.
    WITH asg AS (
        SELECT l.file_id, l.parent_id, l.bstart, l.bend, r.bstart AS rbstart, r.bend AS rbend, lam.node_id AS lambda_id
          FROM cpg_ts l
          JOIN cpg_ts r ON r.file_id = l.file_id AND r.parent_id = l.parent_id AND r.field_name = 'right'
          LEFT JOIN cpg_anchor lam ON lam.file_id = r.file_id AND lam.ts_id = r.node_id AND r.kind = 'lambda'
         WHERE l.parent_kind = 'assignment' AND l.field_name = 'left' AND l.kind = 'identifier'
    )
    INSERT INTO cpg_bind
    SELECT sc.node_id, convert_from(substring(f.src FROM a.bstart + 1 FOR a.bend - a.bstart), 'UTF8'),
           CASE WHEN a.lambda_id IS NOT NULL THEN 'def'
                -- "x = x.attr" rebinds x from its previous value, which flow-insensitive
                -- bindings cannot tell apart from the new one.
                WHEN p.parts IS NULL OR p.parts[1] = convert_from(substring(f.src FROM a.bstart + 1 FOR a.bend - a.bstart), 'UTF8')
                     THEN 'unknown'
                ELSE 'lookup' END,
           coalesce(a.lambda_id, sc.node_id), p.parts, 'alias'
      FROM asg a
      JOIN cpg_files f ON f.file_id = a.file_id
     CROSS JOIN LATERAL (SELECT codecpg.cpg_expr_parts(convert_from(
                           substring(f.src FROM a.rbstart + 1 FOR a.rbend - a.rbstart), 'UTF8')) AS parts) p
     CROSS JOIN LATERAL (SELECT s.node_id FROM cpg_sc s
                          WHERE s.file_id = a.file_id AND s.body_bstart <= a.bstart AND s.bend >= a.bend
                          ORDER BY s.body_bstart DESC LIMIT 1) sc;

    CREATE INDEX ON cpg_bind (scope_id, name);
    ANALYZE cpg_bind;
    -- Any other store of a name (for targets, with ... as, augmented assignments) makes it
    -- an unknown value in its scope, so that it shadows outer bindings.
    INSERT INTO cpg_bind
    SELECT sc.node_id, r.ref_text, 'unknown', NULL, '{}', 'store'
      FROM codecpg.libcst_files_v1 f
      JOIN cpg_files cf ON cf.file_id = f.file_id
     CROSS JOIN LATERAL unnest(f.refs) r
     CROSS JOIN LATERAL (SELECT s.node_id FROM cpg_sc s
                          WHERE s.file_id = cf.file_id AND s.body_bstart <= r.bstart AND s.bend >= r.bend
                          ORDER BY s.body_bstart DESC LIMIT 1) sc
     WHERE f.repo = rp AND r.ref_kind = 'NAME' AND r.expr_ctx = 'STORE'
       AND r.scope_role IS DISTINCT FROM 'GLOBAL' AND r.scope_role IS DISTINCT FROM 'NONLOCAL'
       AND NOT EXISTS (SELECT 1 FROM cpg_bind b WHERE b.scope_id = sc.node_id AND b.name = r.ref_text)
       AND NOT EXISTS (SELECT 1 FROM pg_temp.cpg_imp i
                        WHERE i.file_id = cf.file_id AND r.bstart >= i.stmt_bstart AND r.bend <= i.stmt_bend);

    -- Returned expressions of functions, for calls of calls (make()(4)).
    INSERT INTO cpg_ret
    SELECT sc.node_id, sc.node_id, p.parts
      FROM cpg_ts t
      JOIN cpg_files f ON f.file_id = t.file_id
     CROSS JOIN LATERAL (SELECT codecpg.cpg_expr_parts(convert_from(
                           substring(f.src FROM t.bstart + 1 FOR t.bend - t.bstart), 'UTF8')) AS parts) p
     CROSS JOIN LATERAL (SELECT s.node_id, s.scope_kind FROM cpg_sc s
                          WHERE s.file_id = t.file_id AND s.body_bstart <= t.bstart AND s.bend >= t.bend
                          ORDER BY s.body_bstart DESC LIMIT 1) sc
     WHERE t.parent_kind = 'return_statement' AND t.is_named AND t.kind <> 'comment'
       AND p.parts IS NOT NULL AND sc.scope_kind IN ('FUNCTION', 'ASYNC_FUNCTION', 'LAMBDA');
    -- A star import from a module of the repository provides the names that module binds
    -- (all of them when it star-imports in turn); from elsewhere, any name (__all__ is not read).
    UPDATE cpg_star st
       SET names = (SELECT coalesce(array_agg(DISTINCT b.name), '{}') FROM cpg_bind b WHERE b.scope_id = f.scope_id)
      FROM cpg_files f
     WHERE f.module = st.base
       AND NOT EXISTS (SELECT 1 FROM cpg_star s2 WHERE s2.scope_id = f.scope_id);
    CREATE INDEX ON cpg_ret (func_id);
    ANALYZE cpg_chain, cpg_bind, cpg_star, cpg_ret;
    RAISE DEBUG 'cpg_refresh(%): bindings after % ms', rp, round(extract(epoch FROM clock_timestamp() - t0) * 1000);

    -- Jobs. Phase 1 resolves class bases (member lookup sees a class's own body only);
    -- phase 2, with the MRO known, resolves decorators, calls and imports.
    CREATE TEMP TABLE cpg_job (job_id bigint, phase integer, src_node_id text, src_kind text,
        file_id text, path text, bstart integer, bend integer, callee_bstart integer,
        callee_bend integer, scope_id text, parts text[], expr text, owner_id text,
        ordinal integer) ON COMMIT DROP;
    INSERT INTO cpg_job
    SELECT row_number() OVER (), 1, a.node_id, 'CST_CLASS_DEF', b.file_id, f.path, b.bstart, b.bend,
           NULL, NULL, s.parent_node_id,
           codecpg.cpg_expr_parts(convert_from(substring(f.src FROM b.bstart + 1 FOR b.bend - b.bstart), 'UTF8')),
           convert_from(substring(f.src FROM b.bstart + 1 FOR b.bend - b.bstart), 'UTF8'),
           a.node_id, row_number() OVER (PARTITION BY a.node_id ORDER BY b.child_index)
      FROM cpg_ts b
      JOIN cpg_ts al ON al.file_id = b.file_id AND al.node_id = b.parent_id
      JOIN cpg_anchor a ON a.file_id = al.file_id AND a.ts_id = al.parent_id
      JOIN cpg_sc s ON s.node_id = a.node_id AND s.scope_kind = 'CLASS'
      JOIN cpg_files f ON f.file_id = b.file_id
     WHERE b.parent_field = 'superclasses' AND b.is_named AND b.kind NOT IN ('keyword_argument', 'comment');

    CREATE TEMP TABLE cpg_base (class_id text, base_id text, idx integer) ON COMMIT DROP;
    CREATE TEMP TABLE cpg_mro (class_id text, anc_id text, rank integer) ON COMMIT DROP;
    INSERT INTO cpg_mro SELECT s.node_id, s.node_id, 0 FROM cpg_sc s WHERE s.scope_kind = 'CLASS';
    CREATE INDEX ON cpg_mro (class_id);
    CREATE TEMP TABLE cpg_res (job_id bigint, rkind text, ref text, rules text) ON COMMIT DROP;
    CREATE INDEX ON cpg_res (job_id);
    CREATE TEMP TABLE cpg_st (sid bigint, job_id bigint, vkind text, vref text, parts text[],
                              mode text, rules text) ON COMMIT DROP;
    CREATE TEMP TABLE cpg_next (LIKE cpg_st) ON COMMIT DROP;
    CREATE TEMP TABLE cpg_miss (job_id bigint, parts text[], mode text, vref text, rules text, fqn text,
                                method_class text, star_scope text, way text) ON COMMIT DROP;

    FOR cur_phase IN 1 .. 2 LOOP
        IF cur_phase = 2 THEN
            -- MRO, approximated breadth-first (depth, then base order): C3 for single
            -- inheritance and the usual diamonds.
            INSERT INTO cpg_base
            SELECT DISTINCT j.owner_id, s.node_id, j.ordinal
              FROM cpg_res r JOIN cpg_job j ON j.job_id = r.job_id
              JOIN cpg_sc s ON s.node_id = r.ref AND s.scope_kind = 'CLASS'
             WHERE j.phase = 1 AND r.rkind = 'def';
            TRUNCATE cpg_mro;
            -- UNION keeps the walk finite and small on cycles and diamonds: a row is a class,
            -- an ancestor, the distance and which direct base leads there.
            INSERT INTO cpg_mro
            WITH RECURSIVE m(class_id, anc_id, first_idx, depth) AS (
                SELECT s.node_id, s.node_id, 0, 0
                  FROM cpg_sc s WHERE s.scope_kind = 'CLASS'
              UNION
                SELECT m.class_id, b.base_id, CASE WHEN m.depth = 0 THEN b.idx ELSE m.first_idx END, m.depth + 1
                  FROM m JOIN cpg_base b ON b.class_id = m.anc_id
                 WHERE m.depth < 32 AND b.base_id <> m.class_id
            )
            SELECT x.class_id, x.anc_id,
                   (row_number() OVER (PARTITION BY x.class_id ORDER BY x.depth, x.first_idx, x.anc_id))::integer - 1
              FROM (SELECT DISTINCT ON (m.class_id, m.anc_id) m.class_id, m.anc_id, m.depth, m.first_idx
                      FROM m ORDER BY m.class_id, m.anc_id, m.depth, m.first_idx) x;

            -- Decorators written as a name or attribute are calls at definition time.
            INSERT INTO cpg_job
            SELECT (SELECT coalesce(max(job_id), 0) FROM cpg_job) + row_number() OVER (), 2,
                   codecpg.stable_id('span', 'CST_DECORATOR', cf.path, x.bstart::text, x.bend::text),
                   'CST_DECORATOR', cf.file_id, cf.path, x.bstart, x.bend, x.bstart, x.bend,
                   s.parent_node_id, p.parts, x.decorator_text, NULL, NULL
              FROM codecpg.libcst_files_v1 f
              JOIN cpg_files cf ON cf.file_id = f.file_id
             CROSS JOIN LATERAL unnest(f.decorators) x
              JOIN cpg_defs d ON d.file_id = f.file_id AND d.def_id = x.owner_def_id
              JOIN cpg_sc s ON s.node_id = d.node_id
             CROSS JOIN LATERAL (SELECT codecpg.cpg_expr_parts(x.decorator_text) AS parts) p
             WHERE f.repo = rp AND (p.parts IS NULL OR NOT '()' = ANY (p.parts));

            INSERT INTO cpg_job
            SELECT (SELECT coalesce(max(job_id), 0) FROM cpg_job) + row_number() OVER (), 2,
                   codecpg.stable_id('cst_call', cf.file_id, c.call_bstart::text, c.call_bend::text),
                   'CST_CALLSITE', cf.file_id, cf.path, c.call_bstart, c.call_bend, c.callee_bstart,
                   c.callee_bend, sc.node_id, codecpg.cpg_expr_parts(c.callee_text), c.callee_text, NULL, NULL
              FROM codecpg.libcst_files_v1 f
              JOIN cpg_files cf ON cf.file_id = f.file_id
             CROSS JOIN LATERAL unnest(f.callsites) c
             CROSS JOIN LATERAL (SELECT s.node_id FROM cpg_sc s
                                  WHERE s.file_id = cf.file_id AND s.body_bstart <= c.call_bstart
                                    AND s.bend >= c.call_bend
                                  ORDER BY s.body_bstart DESC LIMIT 1) sc
             WHERE f.repo = rp;

            INSERT INTO cpg_job
            SELECT (SELECT coalesce(max(job_id), 0) FROM cpg_job) + row_number() OVER (), 2,
                   i.alias_node_id, 'CST_IMPORT_ALIAS', i.file_id, i.path, i.alias_bstart, i.alias_bend,
                   NULL, NULL, i.scope_id, NULL,
                   CASE WHEN i.kind = 'IMPORT' THEN i.name ELSE concat_ws('.', i.base, i.name) END, NULL, NULL
              FROM pg_temp.cpg_imp i
             WHERE NOT i.is_star AND i.name IS NOT NULL AND (i.kind = 'IMPORT' OR i.base IS NOT NULL);
            ANALYZE cpg_job, cpg_mro;
            RAISE DEBUG 'cpg_refresh(%): MRO and jobs after % ms', rp, round(extract(epoch FROM clock_timestamp() - t0) * 1000);

            -- SCIP first: the occurrence ending where the callee ends names a symbol whose
            -- definition occurrence is a CST definition's name.
            CREATE TEMP TABLE cpg_occ ON COMMIT DROP AS
            SELECT p.file_id, o.symbol, o.symbol_roles, (o.range).bstart AS bstart, (o.range).bend AS bend
              FROM codecpg.scip_index_v1 p
             CROSS JOIN LATERAL unnest(p.documents) d
             CROSS JOIN LATERAL unnest(d.occurrences) o
             WHERE p.repo = rp AND p.file_id IS NOT NULL AND (o.range).bstart IS NOT NULL;
            CREATE TEMP TABLE cpg_symdef ON COMMIT DROP AS
            SELECT DISTINCT o.symbol, d.node_id
              FROM cpg_occ o
              JOIN cpg_defs d ON d.file_id = o.file_id AND d.name_bstart = o.bstart AND d.name_bend = o.bend
             WHERE o.symbol_roles & 1 = 1;
            INSERT INTO cpg_res
            SELECT x.job_id, 'scip', x.node_id, 'scip:' || x.symbol_roles
              FROM (SELECT DISTINCT ON (j.job_id) j.job_id, sd.node_id, o.symbol_roles
                      FROM cpg_job j
                      JOIN cpg_occ o ON o.file_id = j.file_id AND o.bend = j.callee_bend
                                    AND o.bstart >= j.callee_bstart AND o.symbol_roles & 1 = 0
                      JOIN cpg_symdef sd ON sd.symbol = o.symbol
                     WHERE j.phase = 2 AND j.src_kind = 'CST_CALLSITE'
                     ORDER BY j.job_id, o.bstart DESC, sd.node_id) x;
        END IF;

        TRUNCATE cpg_st;
        INSERT INTO cpg_st
        SELECT row_number() OVER (), j.job_id,
               CASE WHEN j.src_kind = 'CST_IMPORT_ALIAS' THEN 'qname' ELSE 'lookup' END,
               CASE WHEN j.src_kind = 'CST_IMPORT_ALIAS' THEN j.expr ELSE j.scope_id END,
               CASE WHEN j.src_kind = 'CST_IMPORT_ALIAS' THEN '{}' ELSE j.parts END,
               'chain', ''
          FROM cpg_job j
         WHERE j.phase = cur_phase
           AND (j.parts IS NOT NULL OR j.src_kind = 'CST_IMPORT_ALIAS')
           AND NOT EXISTS (SELECT 1 FROM cpg_res r WHERE r.job_id = j.job_id);

        step := 0;
        LOOP
            SELECT count(*) INTO live FROM cpg_st;
            EXIT WHEN live = 0 OR step >= 24;
            RAISE DEBUG 'cpg_refresh(%): phase % step % with % states after % ms', rp, cur_phase, step, live,
                round(extract(epoch FROM clock_timestamp() - t0) * 1000);
            step := step + 1;
            ANALYZE cpg_st;
            TRUNCATE cpg_next;

            -- Results: nothing left to apply.
            INSERT INTO cpg_res
            SELECT s.job_id,
                   CASE WHEN s.vkind = 'def' THEN 'def'
                        WHEN s.vkind = 'lookup' AND s.mode = 'attr' THEN 'module'
                        ELSE 'unresolved' END,
                   CASE WHEN s.vkind IN ('def', 'lookup') THEN s.vref
                        WHEN s.vkind = 'super' THEN 'super()'
                        ELSE sc.fqn || '()' END,   -- an instance of the class
                   s.rules
              FROM cpg_st s
              JOIN cpg_job j ON j.job_id = s.job_id
              LEFT JOIN cpg_sc sc ON sc.node_id = s.vref
             WHERE cardinality(s.parts) = 0
               AND (s.vkind IN ('def', 'super') OR (s.vkind = 'lookup' AND s.mode = 'attr')
                    OR (s.vkind = 'inst' AND j.src_kind = 'CST_IMPORT_ALIAS'));

            -- lookup: the nearest scope binding the name wins; all its bindings are candidates.
            WITH lk AS (
                SELECT s.sid, s.job_id, s.parts, s.rules, b.vkind, b.vref, b.vparts, b.rule, ch.depth,
                       min(ch.depth) OVER (PARTITION BY s.sid) AS nearest
                  FROM cpg_st s
                  JOIN cpg_chain ch ON ch.scope_id = s.vref AND (s.mode = 'chain' OR ch.depth = 0)
                  JOIN cpg_bind b ON b.scope_id = ch.anc_id AND b.name = s.parts[1]
                 WHERE s.vkind = 'lookup' AND cardinality(s.parts) > 0 AND s.parts[1] <> '()'
            )
            INSERT INTO cpg_next
            SELECT 0, lk.job_id,
                   CASE WHEN lk.vkind = 'lookup' THEN 'lookup' ELSE lk.vkind END,
                   lk.vref,
                   CASE WHEN lk.vkind = 'lookup' THEN lk.vparts || lk.parts[2:] ELSE lk.parts[2:] END,
                   'chain', concat_ws('>', nullif(lk.rules, ''), lk.rule)
              FROM lk
             WHERE lk.depth = lk.nearest AND lk.vkind <> 'unknown';
            INSERT INTO cpg_res
            SELECT DISTINCT s.job_id, 'unresolved', replace(array_to_string(s.parts, '.'), '.()', '()'), s.rules
              FROM cpg_st s
              JOIN cpg_chain ch ON ch.scope_id = s.vref AND (s.mode = 'chain' OR ch.depth = 0)
              JOIN cpg_bind b ON b.scope_id = ch.anc_id AND b.name = s.parts[1] AND b.vkind = 'unknown'
             WHERE s.vkind = 'lookup' AND cardinality(s.parts) > 0 AND s.parts[1] <> '()'
               AND ch.depth = (SELECT min(ch2.depth) FROM cpg_chain ch2
                                 JOIN cpg_bind b2 ON b2.scope_id = ch2.anc_id AND b2.name = s.parts[1]
                                WHERE ch2.scope_id = s.vref AND (s.mode = 'chain' OR ch2.depth = 0));

            -- lookup without a binding: super(), a submodule, a star import that can
            -- provide the name, else unresolved.
            TRUNCATE cpg_miss;
            INSERT INTO cpg_miss
            SELECT m.job_id, m.parts, m.mode, m.vref, m.rules, m.fqn, m.method_class, m.star_scope,
                   CASE WHEN m.parts[1] = '()' THEN 'none'
                        WHEN m.mode = 'chain' AND m.parts[1] = 'super' AND m.parts[2] = '()'
                             AND m.method_class IS NOT NULL THEN 'super'
                        WHEN m.mode = 'attr' AND m.scope_kind = 'MODULE'
                             AND EXISTS (SELECT 1 FROM cpg_files f WHERE f.module = m.fqn || '.' || m.parts[1]) THEN 'submodule'
                        WHEN m.parts[1] !~ '^_'
                             AND EXISTS (SELECT 1 FROM cpg_star st
                                          WHERE st.scope_id = m.star_scope
                                            AND (st.names IS NULL OR m.parts[1] = ANY (st.names))) THEN 'star'
                        ELSE 'none' END
              FROM (SELECT s.*, sc.scope_kind, sc.fqn,
                           CASE WHEN s.mode = 'attr' THEN s.vref
                                ELSE (SELECT ch.anc_id FROM cpg_chain ch WHERE ch.scope_id = s.vref
                                       ORDER BY ch.depth DESC LIMIT 1) END AS star_scope,
                           (SELECT p.node_id FROM cpg_sc p WHERE p.node_id = sc.parent_node_id
                               AND p.scope_kind = 'CLASS' AND sc.scope_kind IN ('FUNCTION', 'ASYNC_FUNCTION')) AS method_class
                      FROM cpg_st s
                      JOIN cpg_sc sc ON sc.node_id = s.vref
                     WHERE s.vkind = 'lookup' AND cardinality(s.parts) > 0
                       AND (s.parts[1] = '()'
                            OR NOT EXISTS (SELECT 1 FROM cpg_chain ch
                                             JOIN cpg_bind b ON b.scope_id = ch.anc_id AND b.name = s.parts[1]
                                            WHERE ch.scope_id = s.vref AND (s.mode = 'chain' OR ch.depth = 0)))) m;
            INSERT INTO cpg_next
            SELECT 0, a.job_id, 'super', a.method_class, a.parts[3:], 'chain', concat_ws('>', nullif(a.rules, ''), 'super')
              FROM cpg_miss a WHERE a.way = 'super'
            UNION ALL
            SELECT 0, a.job_id, 'lookup', f.scope_id, a.parts[2:], 'attr', concat_ws('>', nullif(a.rules, ''), 'module')
              FROM cpg_miss a JOIN cpg_files f ON f.module = a.fqn || '.' || a.parts[1]
             WHERE a.way = 'submodule'
            UNION ALL
            SELECT 0, a.job_id, 'qname', st.base, a.parts, 'chain', concat_ws('>', nullif(a.rules, ''), 'star')
              FROM cpg_miss a JOIN cpg_star st ON st.scope_id = a.star_scope
             WHERE a.way = 'star' AND (st.names IS NULL OR a.parts[1] = ANY (st.names));
            INSERT INTO cpg_res
            SELECT a.job_id, 'unresolved',
                   replace(concat_ws('.', CASE WHEN a.mode = 'attr' THEN a.fqn END, array_to_string(a.parts, '.')), '.()', '()'),
                   a.rules
              FROM cpg_miss a WHERE a.way = 'none';

            -- qname: enter the longest module prefix of the name.
            WITH q AS (
                SELECT DISTINCT ON (s.sid) s.sid, s.job_id, s.parts, s.rules, s.vref, f.scope_id, k.k, c.c
                  FROM cpg_st s
                 CROSS JOIN LATERAL (SELECT string_to_array(s.vref, '.') AS c) c
                 CROSS JOIN LATERAL generate_series(cardinality(c.c), 1, -1) AS k(k)
                  JOIN cpg_files f ON f.module = array_to_string(c.c[1:k.k], '.')
                 WHERE s.vkind = 'qname'
                 ORDER BY s.sid, k.k DESC, f.file_id
            )
            INSERT INTO cpg_next
            SELECT 0, q.job_id, 'lookup', q.scope_id, q.c[q.k + 1:] || q.parts, 'attr',
                   concat_ws('>', nullif(q.rules, ''), 'module')
              FROM q;
            INSERT INTO cpg_res
            SELECT s.job_id, 'unresolved',
                   replace(concat_ws('.', s.vref, nullif(array_to_string(s.parts, '.'), '')), '.()', '()'), s.rules
              FROM cpg_st s
             WHERE s.vkind = 'qname'
               AND NOT EXISTS (SELECT 1 FROM generate_series(1, cardinality(string_to_array(s.vref, '.'))) k
                                 JOIN cpg_files f ON f.module = array_to_string((string_to_array(s.vref, '.'))[1:k], '.'));

            -- inst: attributes come from the class; calling an instance calls __call__.
            INSERT INTO cpg_next
            SELECT 0, s.job_id, 'def', s.vref,
                   CASE WHEN cardinality(s.parts) = 0 OR s.parts[1] = '()' THEN ARRAY['__call__'] || s.parts
                        ELSE s.parts END,
                   'chain', concat_ws('>', nullif(s.rules, ''), 'instance')
              FROM cpg_st s
              JOIN cpg_job j ON j.job_id = s.job_id
             WHERE s.vkind = 'inst' AND (cardinality(s.parts) > 0 OR j.src_kind <> 'CST_IMPORT_ALIAS');

            -- def: calling a class makes an instance, calling a function yields what it
            -- returns; attributes of a class are looked up along its MRO (super: after it).
            INSERT INTO cpg_next
            SELECT 0, s.job_id, 'inst', s.vref, s.parts[2:], 'chain', concat_ws('>', nullif(s.rules, ''), 'init')
              FROM cpg_st s JOIN cpg_sc d ON d.node_id = s.vref AND d.scope_kind = 'CLASS'
             WHERE s.vkind = 'def' AND s.parts[1] = '()'
            UNION ALL
            SELECT 0, s.job_id, 'lookup', r.scope_id, r.parts || s.parts[2:], 'chain',
                   concat_ws('>', nullif(s.rules, ''), 'return')
              FROM cpg_st s JOIN cpg_ret r ON r.func_id = s.vref
             WHERE s.vkind = 'def' AND s.parts[1] = '()';
            WITH mem AS (
                SELECT s.sid, s.job_id, s.parts, s.rules, s.vkind AS skind, b.vkind, b.vref, b.vparts, b.scope_id, m.rank,
                       min(m.rank) OVER (PARTITION BY s.sid) AS nearest
                  FROM cpg_st s
                  JOIN cpg_mro m ON m.class_id = s.vref AND (s.vkind = 'def' OR m.rank > 0)
                  JOIN cpg_bind b ON b.scope_id = m.anc_id AND b.name = s.parts[1]
                 WHERE s.vkind IN ('def', 'super') AND cardinality(s.parts) > 0 AND s.parts[1] <> '()'
            )
            INSERT INTO cpg_next
            SELECT 0, mem.job_id,
                   CASE WHEN mem.vkind = 'lookup' THEN 'lookup' ELSE mem.vkind END,
                   mem.vref,
                   CASE WHEN mem.vkind = 'lookup' THEN mem.vparts || mem.parts[2:] ELSE mem.parts[2:] END,
                   'chain', concat_ws('>', nullif(mem.rules, ''), CASE WHEN mem.rank > 0 THEN 'mro' ELSE 'attr' END)
              FROM mem
             WHERE mem.rank = mem.nearest AND mem.vkind <> 'unknown';
            INSERT INTO cpg_res
            SELECT s.job_id, 'unresolved',
                   replace(CASE WHEN s.vkind = 'super' THEN 'super()' ELSE d.fqn END
                           || '.' || array_to_string(s.parts, '.'), '.()', '()'),
                   s.rules
              FROM cpg_st s
              JOIN cpg_sc d ON d.node_id = s.vref
             WHERE s.vkind IN ('def', 'super') AND cardinality(s.parts) > 0
               AND CASE WHEN s.parts[1] = '()' THEN
                             s.vkind = 'super'
                             OR (d.scope_kind <> 'CLASS' AND NOT EXISTS (SELECT 1 FROM cpg_ret r WHERE r.func_id = s.vref))
                        ELSE NOT EXISTS (SELECT 1 FROM cpg_mro m
                                           JOIN cpg_bind b ON b.scope_id = m.anc_id AND b.name = s.parts[1]
                                                          AND b.vkind <> 'unknown'
                                          WHERE m.class_id = s.vref AND (s.vkind = 'def' OR m.rank > 0)) END;

            -- Flow-insensitive bindings multiply candidates, and aliases such as
            -- "node = node.next" grow expressions without end: a job keeps its first 16
            -- states and expressions of at most 16 steps (a job left without results is
            -- reported unresolved).
            TRUNCATE cpg_st;
            INSERT INTO cpg_st
            SELECT row_number() OVER (), y.job_id, y.vkind, y.vref, y.parts, y.mode, y.rules
              FROM (SELECT x.*, row_number() OVER (PARTITION BY x.job_id ORDER BY x.vkind, x.vref, x.parts, x.rules) AS k
                      FROM (SELECT DISTINCT n.job_id, n.vkind, n.vref, n.parts, n.mode, n.rules
                              FROM cpg_next n WHERE cardinality(n.parts) <= 16) x) y
             WHERE y.k <= 16;
        END LOOP;
        RAISE DEBUG 'cpg_refresh(%): phase % resolved in % steps after % ms', rp, cur_phase, step,
            round(extract(epoch FROM clock_timestamp() - t0) * 1000);
        -- Whatever is still moving after the step limit is a cycle of aliases.
        INSERT INTO cpg_res
        SELECT DISTINCT s.job_id, 'unresolved', replace(array_to_string(s.parts, '.'), '.()', '()'),
               concat_ws('>', nullif(s.rules, ''), 'cycle')
          FROM cpg_st s;
    END LOOP;
    ANALYZE cpg_res;

    -- Edges. A resolved class call goes to the nearest __init__ of its MRO (to the class
    -- when no class in the repository defines one); a job with a definition among its
    -- results drops its unresolved ones.
    CREATE TEMP TABLE cpg_out ON COMMIT DROP AS
    WITH target AS (
        SELECT r.job_id, r.rkind, r.rules,
               CASE WHEN s.scope_kind = 'CLASS' AND j.src_kind IN ('CST_CALLSITE', 'CST_DECORATOR')
                         AND r.rkind IN ('def', 'scip')
                    THEN coalesce(i.node_id, s.node_id) ELSE r.ref END AS ref,
               CASE WHEN s.scope_kind = 'CLASS' AND i.node_id IS NOT NULL AND j.src_kind IN ('CST_CALLSITE', 'CST_DECORATOR')
                         AND r.rkind IN ('def', 'scip')
                    THEN concat_ws('>', nullif(r.rules, ''), 'init') ELSE r.rules END AS rules2
          FROM cpg_res r
          JOIN cpg_job j ON j.job_id = r.job_id
          LEFT JOIN cpg_sc s ON s.node_id = r.ref AND r.rkind IN ('def', 'scip')
          LEFT JOIN LATERAL (
              SELECT b.vref AS node_id FROM cpg_mro m
                JOIN cpg_bind b ON b.scope_id = m.anc_id AND b.name = '__init__' AND b.vkind = 'def'
               WHERE m.class_id = s.node_id ORDER BY m.rank, b.vref LIMIT 1) i ON s.scope_kind = 'CLASS'
    ), resolved AS (
        SELECT t.*, bool_or(t.rkind IN ('def', 'scip', 'module')) OVER (PARTITION BY t.job_id) AS job_resolved
          FROM target t
    ), kept AS (
        SELECT DISTINCT r.job_id, r.rkind, r.ref, r.rules2 AS rules
          FROM resolved r
         WHERE r.rkind IN ('def', 'scip', 'module') OR NOT r.job_resolved
    )
    SELECT j.*, k.rkind, k.ref, k.rules,
           count(*) OVER (PARTITION BY k.job_id) AS candidates
      FROM kept k JOIN cpg_job j ON j.job_id = k.job_id
    UNION ALL
    -- Expressions the resolver cannot follow (subscripts, operators, literals), and
    -- expressions it gave up on (limit).
    SELECT j.*, 'unresolved', j.expr, CASE WHEN j.parts IS NULL THEN '' ELSE 'limit' END, 1
      FROM cpg_job j
     WHERE j.phase = 2 AND j.src_kind <> 'CST_IMPORT_ALIAS'
       AND NOT EXISTS (SELECT 1 FROM cpg_res r WHERE r.job_id = j.job_id);

    INSERT INTO codecpg.cpg_graph_v1 (repo, edge_id, edge_kind, src_node_id, dst_node_id, path, file_id,
        bstart, bend, origin, resolution_method, confidence, score, symbol_roles, rule_name, src_kind,
        src_scope_node_id, dst_kind, dst_name)
    SELECT DISTINCT ON (e.edge_kind, e.src_node_id, e.dst_node_id, e.path, e.bstart, e.bend)
           rp, codecpg.stable_id('edge', e.edge_kind, e.src_node_id, e.dst_node_id, e.path, e.bstart::text, e.bend::text),
           e.*
      FROM (
        SELECT CASE WHEN o.src_kind = 'CST_IMPORT_ALIAS' THEN 'BINDING_RESOLVES_TO'
                    WHEN o.rkind = 'scip' THEN 'PY_CALLS_SYMBOL'
                    ELSE 'PY_CALLS_QNAME' END AS edge_kind,
               o.src_node_id,
               CASE WHEN o.rkind IN ('def', 'scip', 'module') THEN o.ref
                    ELSE codecpg.stable_id('py_qname', rp, o.ref) END AS dst_node_id,
               o.path, o.file_id, o.bstart, o.bend,
               CASE WHEN o.rkind = 'scip' THEN 'scip' ELSE 'derived' END AS origin,
               CASE WHEN o.rkind = 'scip' THEN 'scip_span_exact'
                    WHEN o.rkind IN ('def', 'module') THEN 'name_resolution'
                    ELSE 'unresolved' END AS resolution_method,
               CASE WHEN o.rkind = 'scip' THEN 1.0 ELSE 0.5 END::double precision AS confidence,
               (CASE WHEN o.rkind = 'scip' THEN 1.0 ELSE 0.5 END / o.candidates)::double precision AS score,
               CASE WHEN o.rkind = 'scip' THEN substring(o.rules FROM '^scip:(\d+)')::integer END AS symbol_roles,
               nullif(regexp_replace(o.rules, '^scip:\d+', 'scip'), '') AS rule_name,
               o.src_kind, o.scope_id AS src_scope_node_id,
               CASE WHEN o.rkind IN ('def', 'scip') THEN
                         CASE s.scope_kind WHEN 'CLASS' THEN 'CST_CLASS_DEF' WHEN 'LAMBDA' THEN 'CST_LAMBDA'
                                           WHEN 'MODULE' THEN 'PY_MODULE' ELSE 'CST_FUNCTION_DEF' END
                    WHEN o.rkind = 'module' THEN 'PY_MODULE'
                    ELSE 'PY_QUALIFIED_NAME' END AS dst_kind,
               CASE WHEN o.rkind IN ('def', 'scip', 'module') THEN s.fqn ELSE o.ref END AS dst_name
          FROM cpg_out o
          LEFT JOIN cpg_sc s ON s.node_id = o.ref AND o.rkind IN ('def', 'scip', 'module')
         WHERE o.src_kind <> 'CST_CLASS_DEF'
        UNION ALL
        SELECT 'CLASS_INHERITS', o.src_node_id,
               CASE WHEN o.rkind = 'def' THEN o.ref ELSE codecpg.stable_id('py_qname', rp, o.ref) END,
               o.path, o.file_id, o.bstart, o.bend, 'derived',
               CASE WHEN o.rkind = 'def' THEN 'name_resolution' ELSE 'unresolved' END,
               0.5, 0.5 / o.candidates, NULL, nullif(o.rules, ''), 'CST_CLASS_DEF', o.scope_id,
               CASE WHEN o.rkind = 'def' THEN 'CST_CLASS_DEF' ELSE 'PY_QUALIFIED_NAME' END,
               CASE WHEN o.rkind = 'def' THEN s.fqn ELSE o.ref END
          FROM cpg_out o
          LEFT JOIN cpg_sc s ON s.node_id = o.ref AND o.rkind = 'def'
         WHERE o.src_kind = 'CST_CLASS_DEF' AND (o.rkind <> 'def' OR s.scope_kind = 'CLASS')
        UNION ALL
        SELECT 'FILE_CONTAINS', j.scope_id, j.src_node_id, j.path, j.file_id, j.bstart, j.bend, 'derived',
               'span_containment', 1.0, 1.0, NULL, NULL, s.scope_kind, j.scope_id, 'CST_CALLSITE', NULL
          FROM cpg_job j JOIN cpg_sc s ON s.node_id = j.scope_id
         WHERE j.src_kind = 'CST_CALLSITE'
      ) e
     ORDER BY e.edge_kind, e.src_node_id, e.dst_node_id, e.path, e.bstart, e.bend, e.score DESC;

    RAISE DEBUG 'cpg_refresh(%): edges stored after % ms', rp, round(extract(epoch FROM clock_timestamp() - t0) * 1000);
    -- Fresh statistics, or the first queries after a refresh plan for empty tables.
    ANALYZE codecpg.cpg_scopes_v1, codecpg.cpg_graph_v1;
    SELECT count(*) INTO scopes FROM codecpg.cpg_scopes_v1 s WHERE s.repo = rp;
    SELECT count(*) INTO callsites FROM cpg_job j WHERE j.src_kind = 'CST_CALLSITE';
    SELECT count(DISTINCT g.src_node_id) FILTER (WHERE g.edge_kind = 'PY_CALLS_SYMBOL'),
           count(DISTINCT g.src_node_id) FILTER (WHERE g.edge_kind = 'PY_CALLS_QNAME' AND g.resolution_method = 'name_resolution'
                                                   AND g.src_kind = 'CST_CALLSITE'),
           count(DISTINCT g.src_node_id) FILTER (WHERE g.edge_kind = 'PY_CALLS_QNAME' AND g.resolution_method = 'unresolved'
                                                   AND g.src_kind = 'CST_CALLSITE'),
           count(*)
      INTO calls_scip, calls_resolved, calls_unresolved, edges
      FROM codecpg.cpg_graph_v1 g WHERE g.repo = rp;
END
$$;
COMMENT ON FUNCTION codecpg.cpg_refresh(text) IS
  'Recomputes the repository''s cross-file graph (cpg_scopes_v1, cpg_graph_v1) from its extracted files: scopes and qualified names, then call, decorator, import and base-class resolution, SCIP span-exact first and codecpg''s own name resolution otherwise. Run it after the files of an index run are extracted; returns counts.';

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
CREATE INDEX cpg_scopes_v1_file_idx ON codecpg.cpg_scopes_v1 (repo, file_id);

-- Per-root helpers of the views: each unnests one stored row; the views call them LATERAL.

CREATE FUNCTION codecpg.cpg_scip_role_sources(part codecpg.scip_index_v1)
RETURNS TABLE (src_node_id text, symbol_node_id text, symbol_roles integer, path text, bstart integer,
               bend integer, match text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT codecpg.stable_id('scip_occurrence', part.repo, part.index_id, d.relative_path, o.ordinality::text),
         codecpg.stable_id('scip_symbol', part.repo, o.symbol), o.symbol_roles, d.relative_path,
         (o.range).bstart, (o.range).bend, 'scip_occurrence'
    FROM unnest(part.documents) d
   CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
   WHERE o.symbol <> ''
  UNION ALL
  SELECT c.node_id, codecpg.stable_id('scip_symbol', part.repo, o.symbol), o.symbol_roles, f.path,
         c.bstart, c.bend, 'scip_span_exact'
    FROM codecpg.libcst_files_v1 f
   CROSS JOIN LATERAL unnest(part.documents) d
   CROSS JOIN LATERAL unnest(d.occurrences) o
    JOIN (SELECT codecpg.stable_id('cst_def', f2.file_id, x.kind, x.def_bstart::text, x.def_bend::text) AS node_id,
                 f2.file_id, x.name_bstart AS bstart, x.name_bend AS bend
            FROM codecpg.libcst_files_v1 f2 CROSS JOIN LATERAL unnest(f2.defs) x
           WHERE f2.repo = part.repo AND f2.file_id = part.file_id
          UNION ALL
          SELECT codecpg.stable_id('span', CASE x.ref_kind WHEN 'NAME' THEN 'CST_NAME_REF'
                                                          WHEN 'ATTRIBUTE' THEN 'CST_ATTRIBUTE_ACCESS' ELSE 'CST_REF' END,
                                   f2.path, x.bstart::text, x.bend::text),
                 f2.file_id, x.bstart, x.bend
            FROM codecpg.libcst_files_v1 f2 CROSS JOIN LATERAL unnest(f2.refs) x
           WHERE f2.repo = part.repo AND f2.file_id = part.file_id
          UNION ALL
          SELECT codecpg.stable_id('cst_import', f2.file_id, x.kind, x.alias_bstart::text, x.alias_bend::text),
                 f2.file_id, x.alias_bstart, x.alias_bend
            FROM codecpg.libcst_files_v1 f2 CROSS JOIN LATERAL unnest(f2.imports) x
           WHERE f2.repo = part.repo AND f2.file_id = part.file_id) c
      ON c.bstart = (o.range).bstart AND c.bend = (o.range).bend
   WHERE f.repo = part.repo AND f.file_id = part.file_id AND o.symbol <> '';
END;
COMMENT ON FUNCTION codecpg.cpg_scip_role_sources(codecpg.scip_index_v1) IS
  'For a SCIP index part: every occurrence (as its SCIP_OCCURRENCE node) and every CST definition name, reference and import alias at exactly an occurrence''s byte span, with the occurrence''s symbol (SCIP_SYMBOL node) and role bits. cpg_edges turns the role bits into PY_*_SYMBOL edges.';

CREATE FUNCTION codecpg.cpg_diagnostics()
RETURNS TABLE (repo text, file_id text, path text, domain text, origin text, ord bigint, error_type text,
               message text, bstart integer, bend integer)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT f.repo, f.file_id, f.path, 'libcst', 'libcst', x.ordinality, x.error_type, x.message, x.bstart, x.bend
    FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.parse_errors) WITH ORDINALITY x
  UNION ALL
  SELECT f.repo, f.file_id, f.path, 'ast', 'py_ast', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
    FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x
  UNION ALL
  SELECT f.repo, f.file_id, f.path, 'symtable', 'symtable', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
    FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x
  UNION ALL
  SELECT f.repo, f.file_id, f.path, 'bytecode', 'dis', x.ordinality, x.error_type, x.message, (x.span).bstart, (x.span).bend
    FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.errors) WITH ORDINALITY x;
END;
COMMENT ON FUNCTION codecpg.cpg_diagnostics() IS
  'Extraction diagnostics of every file-level domain (CST parse errors, AST, symtable and bytecode failures), numbered per file and domain: the DIAG nodes of the CPG.';

CREATE FUNCTION codecpg.cpg_bc_anchors(f codecpg.bytecode_files_v1)
RETURNS TABLE (unit_id text, anchor_id text, bstart integer, bend integer, method text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT u.unit_id,
         CASE WHEN u.code_id = 0 THEN codecpg.stable_id('py_module', f.file_id) ELSE s.node_id END,
         u.bstart, u.bend, CASE WHEN u.code_id = 0 THEN 'module' ELSE 'qualname_order' END
    FROM (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id,
                 c.code_id, c.qualname, (c.span).bstart, (c.span).bend,
                 row_number() OVER (PARTITION BY c.qualname ORDER BY c.code_id) AS rk
            FROM unnest(f.code_objects) c) u
    LEFT JOIN (SELECT s.node_id, s.qualname, row_number() OVER (PARTITION BY s.qualname ORDER BY s.bstart) AS rk
                 FROM codecpg.cpg_scopes_v1 s
                WHERE s.repo = f.repo AND s.file_id = f.file_id AND s.qualname IS NOT NULL) s
      ON s.qualname = u.qualname AND s.rk = u.rk
   WHERE u.code_id = 0 OR s.node_id IS NOT NULL;
END;
COMMENT ON FUNCTION codecpg.cpg_bc_anchors(codecpg.bytecode_files_v1) IS
  'Anchors the code units of a file to CPG nodes: the module''s code to its PY_MODULE node, a class body or function to the CST definition with the same __qualname__ (the n-th code object of a qualname to the n-th definition of it in source order; comprehensions have no definition). Reads cpg_scopes_v1, so it needs codecpg.cpg_refresh.';

CREATE FUNCTION codecpg.cpg_cfg_edges(f codecpg.bytecode_files_v1)
RETURNS TABLE (code_unit_id text, qualname text, src_node_id text, dst_node_id text, kind text)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT u.unit_id, c.qualname,
         codecpg.stable_id('bc_block', u.unit_id, e.src_block_start::text, e.src_block_end::text),
         codecpg.stable_id('bc_block', u.unit_id, e.dst_block_start::text, e.dst_block_end::text), e.kind
    FROM unnest(f.code_objects) c
   CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
   CROSS JOIN LATERAL unnest(c.cfg_edges) e
  UNION ALL
  -- A block without successors returns or raises: it flows to the code unit's exit.
  SELECT u.unit_id, c.qualname, codecpg.stable_id('bc_block', u.unit_id, b.start_offset::text, b.end_offset::text),
         codecpg.stable_id('cfg_exit', u.unit_id), 'exit'
    FROM unnest(f.code_objects) c
   CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
   CROSS JOIN LATERAL unnest(c.blocks) b
   WHERE NOT EXISTS (SELECT 1 FROM unnest(c.cfg_edges) e
                      WHERE e.src_block_start = b.start_offset AND e.src_block_end = b.end_offset);
END;
COMMENT ON FUNCTION codecpg.cpg_cfg_edges(codecpg.bytecode_files_v1) IS
  'The control-flow edges of a file''s code units between CFG_BLOCK nodes: next, jump, branch and exc from the bytecode extractor, plus exit edges from blocks without successors to the code unit''s CFG_EXIT node.';

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

-- The views ------------------------------------------------------------------------------
--
-- One branch per (domain, kind). Every branch names its kind as a constant, so a query
-- filtering on node_kind or edge_kind plans only the branches it needs (the others are
-- proven empty at plan time); cpg_graph_v1's branch is filtered through its indexes. Spanned CST
-- elements without a recipe of their own use codecpg.stable_id('span', kind, path, bstart, bend).

CREATE VIEW codecpg.cpg_nodes AS
-- repository, files, modules, packages
SELECT codecpg.stable_id('py_repo', r.repo) AS node_id, 'PY_REPO'::text AS node_kind, r.repo,
       NULL::text AS file_id, NULL::text AS path, NULL::integer AS bstart, NULL::integer AS bend,
       r.repo AS name, 'derived'::text AS origin, NULL::jsonb AS props
  FROM (SELECT DISTINCT f.repo FROM codecpg.repo_files_v1 f) r
UNION ALL
SELECT f.file_id, 'PY_FILE', f.repo, f.file_id, f.path, 0, f.size_bytes::integer, f.path, 'derived',
       jsonb_build_object('file_sha256', f.file_sha256, 'encoding', f.encoding, 'line_count', f.line_count)
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT codecpg.stable_id('py_module', f.file_id), 'PY_MODULE', f.repo, f.file_id, f.path, 0, f.size_bytes::integer,
       codecpg.cpg_module_name(f.path), 'derived', NULL
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT codecpg.stable_id('py_package', f.file_id), 'PY_PACKAGE', f.repo, f.file_id, f.path, NULL, NULL,
       codecpg.cpg_module_name(f.path), 'derived', NULL
  FROM codecpg.repo_files_v1 f
 WHERE f.path ~ '(^|/)__init__\.pyi?$'
-- CST definitions and their parts
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), 'CST_CLASS_DEF',
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
 WHERE d.kind = 'CLASS'
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), 'CST_FUNCTION_DEF',
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
 WHERE d.kind IN ('FUNCTION', 'ASYNC_FUNCTION')
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), 'CST_LAMBDA',
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
 WHERE d.kind = 'LAMBDA'
UNION ALL
SELECT codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text), 'CST_DEF',
       f.repo, f.file_id, f.path, d.def_bstart, d.def_bend, d.name, 'libcst',
       jsonb_build_object('kind', d.kind, 'def_id', d.def_id, 'name_bstart', d.name_bstart,
                          'name_bend', d.name_bend, 'def_fqns', d.def_fqns, 'decorator_count', d.decorator_count)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
 WHERE d.kind NOT IN ('CLASS', 'FUNCTION', 'ASYNC_FUNCTION', 'LAMBDA')
UNION ALL
SELECT codecpg.stable_id('span', 'CST_PARAM', f.path, (c.span).bstart::text, (c.span).bend::text), 'CST_PARAM',
       f.repo, f.file_id, f.path, (c.span).bstart, (c.span).bend, NULL, 'treesitter',
       jsonb_build_object('ts_kind', c.kind, 'position', c.child_index)
  FROM codecpg.tree_sitter_files_v1 f
 CROSS JOIN LATERAL (SELECT c.* FROM unnest(f.nodes) c JOIN unnest(f.nodes) p ON p.node_id = c.parent_id
                      WHERE p.kind IN ('parameters', 'lambda_parameters') AND c.is_named AND c.kind <> 'comment') c
UNION ALL
SELECT codecpg.stable_id('span', 'CST_DECORATOR', f.path, x.bstart::text, x.bend::text), 'CST_DECORATOR',
       f.repo, f.file_id, f.path, x.bstart, x.bend, x.decorator_text, 'libcst',
       jsonb_build_object('owner_def_id', x.owner_def_id, 'decorator_index', x.decorator_index)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.decorators) x
UNION ALL
SELECT DISTINCT codecpg.stable_id('span', 'CST_IMPORT', f.path, i.stmt_bstart::text, i.stmt_bend::text), 'CST_IMPORT',
       f.repo, f.file_id, f.path, i.stmt_bstart, i.stmt_bend, i.module, 'libcst',
       jsonb_build_object('kind', i.kind, 'relative_level', i.relative_level)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.imports) i
UNION ALL
SELECT codecpg.stable_id('cst_import', f.file_id, i.kind, i.alias_bstart::text, i.alias_bend::text), 'CST_IMPORT_ALIAS',
       f.repo, f.file_id, f.path, i.alias_bstart, i.alias_bend, coalesce(i.asname, i.name), 'libcst',
       jsonb_build_object('module', i.module, 'name', i.name, 'asname', i.asname,
                          'relative_level', i.relative_level, 'is_star', i.is_star)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.imports) i
UNION ALL
SELECT codecpg.stable_id('span', 'CST_NAME_REF', f.path, r.bstart::text, r.bend::text), 'CST_NAME_REF',
       f.repo, f.file_id, f.path, r.bstart, r.bend, r.ref_text, 'libcst',
       jsonb_build_object('expr_ctx', r.expr_ctx, 'scope_type', r.scope_type, 'scope_name', r.scope_name,
                          'scope_role', r.scope_role)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.refs) r
 WHERE r.ref_kind = 'NAME'
UNION ALL
SELECT codecpg.stable_id('span', 'CST_ATTRIBUTE_ACCESS', f.path, r.bstart::text, r.bend::text), 'CST_ATTRIBUTE_ACCESS',
       f.repo, f.file_id, f.path, r.bstart, r.bend, r.ref_text, 'libcst',
       jsonb_build_object('expr_ctx', r.expr_ctx, 'scope_type', r.scope_type, 'scope_name', r.scope_name,
                          'scope_role', r.scope_role)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.refs) r
 WHERE r.ref_kind = 'ATTRIBUTE'
UNION ALL
SELECT codecpg.stable_id('span', 'CST_REF', f.path, r.bstart::text, r.bend::text), 'CST_REF',
       f.repo, f.file_id, f.path, r.bstart, r.bend, r.ref_text, 'libcst',
       jsonb_build_object('expr_ctx', r.expr_ctx, 'scope_type', r.scope_type, 'scope_name', r.scope_name,
                          'scope_role', r.scope_role)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.refs) r
 WHERE r.ref_kind NOT IN ('NAME', 'ATTRIBUTE')
UNION ALL
SELECT codecpg.stable_id('cst_call', f.file_id, c.call_bstart::text, c.call_bend::text), 'CST_CALLSITE',
       f.repo, f.file_id, f.path, c.call_bstart, c.call_bend, c.callee_text, 'libcst',
       jsonb_build_object('callee_shape', c.callee_shape, 'callee_dotted', c.callee_dotted, 'arg_count', c.arg_count,
                          'callee_bstart', c.callee_bstart, 'callee_bend', c.callee_bend, 'callee_fqns', c.callee_fqns)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.callsites) c
UNION ALL
SELECT codecpg.stable_id('span', 'CST_ARG', f.path, a.bstart::text, a.bend::text), 'CST_ARG',
       f.repo, f.file_id, f.path, a.bstart, a.bend, a.keyword, 'libcst',
       jsonb_build_object('arg_index', a.arg_index, 'star', a.star, 'arg_text', a.arg_text)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.call_args) a
UNION ALL
SELECT codecpg.stable_id('span', 'CST_DOCSTRING', f.path, d.bstart::text, d.bend::text), 'CST_DOCSTRING',
       f.repo, f.file_id, f.path, d.bstart, d.bend, NULL, 'libcst',
       jsonb_build_object('owner_kind', d.owner_kind, 'docstring', d.docstring)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.docstrings) d
UNION ALL
SELECT codecpg.stable_id('span', 'TYPE_EXPR', f.path, t.bstart::text, t.bend::text), 'TYPE_EXPR',
       f.repo, f.file_id, f.path, t.bstart, t.bend, t.expr_text, 'libcst',
       jsonb_build_object('expr_role', t.expr_role, 'param_name', t.param_name, 'expr_kind', t.expr_kind)
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.type_exprs) t
-- syntax trees
UNION ALL
SELECT codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), 'AST_DEF',
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, coalesce(n.name, n.kind), 'py_ast',
       jsonb_build_object('kind', n.kind, 'ast_id', n.ast_id, 'field_name', n.field_name, 'value', n.value)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.kind IN ('FunctionDef', 'AsyncFunctionDef', 'ClassDef', 'Lambda')
UNION ALL
SELECT codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), 'AST_CALL',
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, coalesce(n.name, n.kind), 'py_ast',
       jsonb_build_object('kind', n.kind, 'ast_id', n.ast_id, 'field_name', n.field_name, 'value', n.value)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.kind = 'Call'
UNION ALL
SELECT codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), 'AST_NODE',
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, coalesce(n.name, n.kind), 'py_ast',
       jsonb_build_object('kind', n.kind, 'ast_id', n.ast_id, 'field_name', n.field_name, 'value', n.value)
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.kind NOT IN ('FunctionDef', 'AsyncFunctionDef', 'ClassDef', 'Lambda', 'Call')
UNION ALL
SELECT codecpg.stable_id('ts_node', f.file_id, n.node_id::text), 'TS_ERROR',
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, n.kind, 'treesitter',
       jsonb_build_object('node_id', n.node_id, 'field_name', n.field_name, 'is_named', n.is_named)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.is_error
UNION ALL
SELECT codecpg.stable_id('ts_node', f.file_id, n.node_id::text), 'TS_MISSING',
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, n.kind, 'treesitter',
       jsonb_build_object('node_id', n.node_id, 'field_name', n.field_name, 'is_named', n.is_named)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.is_missing AND NOT n.is_error
UNION ALL
SELECT codecpg.stable_id('ts_node', f.file_id, n.node_id::text), 'TS_NODE',
       f.repo, f.file_id, f.path, (n.span).bstart, (n.span).bend, n.kind, 'treesitter',
       jsonb_build_object('node_id', n.node_id, 'field_name', n.field_name, 'is_named', n.is_named)
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE NOT n.is_error AND NOT n.is_missing
-- symbol tables
UNION ALL
SELECT codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name, coalesce(b.lineno1, 0)::text),
       'SYM_SCOPE', f.repo, f.file_id, f.path, (b.span_hint).bstart, (b.span_hint).bend, b.name, 'symtable',
       jsonb_build_object('block_type', b.block_type, 'qualpath', b.qualpath, 'lineno1', b.lineno1)
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.blocks) b
UNION ALL
SELECT codecpg.stable_id('sym_symbol',
           codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name, coalesce(b.lineno1, 0)::text),
           s.name),
       'SYM_SYMBOL', f.repo, f.file_id, f.path, NULL, NULL, s.name, 'symtable',
       jsonb_build_object('is_local', s.is_local, 'is_global', s.is_global, 'is_declared_global', s.is_declared_global,
                          'is_parameter', s.is_parameter, 'is_imported', s.is_imported, 'is_assigned', s.is_assigned,
                          'is_referenced', s.is_referenced, 'is_free', s.is_free)
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.blocks) b CROSS JOIN LATERAL unnest(b.symbols) s
-- SCIP
UNION ALL
SELECT DISTINCT codecpg.stable_id('scip_index', p.repo, p.index_id), 'SCIP_INDEX', p.repo, NULL::text, NULL::text,
       NULL::integer, NULL::integer,
       p.index_id, 'scip', jsonb_build_object('tool', (p.metadata).tool_info.name, 'version', (p.metadata).tool_info.version)
  FROM codecpg.scip_index_v1 p
UNION ALL
SELECT codecpg.stable_id('scip_document', p.repo, p.index_id, d.relative_path), 'SCIP_DOCUMENT', p.repo, p.file_id,
       d.relative_path, NULL, NULL, d.relative_path, 'scip', jsonb_build_object('language', d.language)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
UNION ALL
SELECT codecpg.stable_id('scip_occurrence', p.repo, p.index_id, d.relative_path, o.ordinality::text), 'SCIP_OCCURRENCE',
       p.repo, p.file_id, d.relative_path, (o.range).bstart, (o.range).bend, o.symbol, 'scip',
       jsonb_build_object('symbol_roles', o.symbol_roles, 'range_raw', o.range_raw)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
UNION ALL
SELECT codecpg.stable_id('scip_diagnostic', p.repo, p.index_id, d.relative_path, o.ordinality::text, g.gord::text),
       'SCIP_DIAGNOSTIC', p.repo, p.file_id, d.relative_path, (o.range).bstart, (o.range).bend, g.message, 'scip',
       jsonb_build_object('severity', g.severity, 'code', g.code, 'source', g.source)
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
 CROSS JOIN LATERAL unnest(o.diagnostics) WITH ORDINALITY g(severity, code, message, source, tags, gord)
UNION ALL
SELECT codecpg.stable_id('scip_symbol', s.repo, s.symbol), 'SCIP_SYMBOL', s.repo, NULL, NULL, NULL, NULL, s.symbol, 'scip',
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
        SELECT r.repo, r.related_symbol, NULL, NULL
          FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r) s
 WHERE s.symbol IS NOT NULL AND s.symbol <> ''
 GROUP BY s.repo, s.symbol
-- names known only as names: unresolved call targets and the CST's candidate names
UNION ALL
SELECT DISTINCT q.node_id, 'PY_QUALIFIED_NAME', q.repo, NULL::text, NULL::text, NULL::integer, NULL::integer, q.name,
       'derived', NULL::jsonb
  FROM (SELECT g.dst_node_id AS node_id, g.repo, g.dst_name AS name
          FROM codecpg.cpg_graph_v1 g WHERE g.dst_kind = 'PY_QUALIFIED_NAME'
        UNION ALL
        SELECT codecpg.stable_id('py_qname', f.repo, n), f.repo, n
          FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.callsites) c
         CROSS JOIN LATERAL unnest(c.callee_fqns) n) q
-- bytecode and control flow
UNION ALL
SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name), 'BC_CODE_UNIT',
       f.repo, f.file_id, f.path, (c.span).bstart, (c.span).bend, c.qualname, 'dis',
       jsonb_build_object('code_id', c.code_id, 'firstlineno1', c.firstlineno1, 'argcount', c.argcount,
                          'is_generator', c.is_generator, 'is_coroutine', c.is_coroutine)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c
UNION ALL
SELECT codecpg.stable_id('bc_instr', codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name),
                         i.instr_index::text, i.instr_offset::text),
       'BC_INSTR', f.repo, f.file_id, f.path, (i.span).bstart, (i.span).bend, i.opname, 'dis',
       jsonb_build_object('offset', i.instr_offset, 'argrepr', i.argrepr, 'line_number', i.line_number)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c CROSS JOIN LATERAL unnest(c.instructions) i
UNION ALL
SELECT codecpg.stable_id('bc_block', codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name),
                         b.start_offset::text, b.end_offset::text),
       'CFG_BLOCK', f.repo, f.file_id, f.path, NULL, NULL, b.kind, 'dis',
       jsonb_build_object('start_offset', b.start_offset, 'end_offset', b.end_offset)
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c CROSS JOIN LATERAL unnest(c.blocks) b
UNION ALL
SELECT codecpg.stable_id('cfg_exit', codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name)),
       'CFG_EXIT', f.repo, f.file_id, f.path, NULL, NULL, c.qualname, 'dis', NULL
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c
-- diagnostics of every domain (tree-sitter's are its TS_ERROR/TS_MISSING nodes, SCIP's its SCIP_DIAGNOSTIC nodes)
UNION ALL
SELECT codecpg.stable_id('diag', e.file_id, e.domain, e.ord::text), 'DIAG', e.repo, e.file_id, e.path,
       e.bstart, e.bend, e.message, e.origin, jsonb_build_object('error_type', e.error_type, 'domain', e.domain)
  FROM codecpg.cpg_diagnostics() e;

CREATE VIEW codecpg.cpg_edges AS
SELECT coalesce(e.stored_id,
                codecpg.stable_id('edge', e.edge_kind, e.src_node_id, e.dst_node_id, coalesce(e.path, ''),
                                  coalesce(e.bstart::text, ''), coalesce(e.bend::text, ''))) AS edge_id,
       e.edge_kind, e.src_node_id, e.dst_node_id, e.repo, e.path, e.bstart, e.bend, e.edge_owner_file_id,
       e.origin, e.resolution_method, e.confidence, e.score, e.symbol_roles, e.rule_name
  FROM (
-- containment
SELECT NULL::text AS stored_id, 'REPO_CONTAINS'::text AS edge_kind, codecpg.stable_id('py_repo', f.repo) AS src_node_id,
       f.file_id AS dst_node_id, f.repo, f.path, NULL::integer AS bstart, NULL::integer AS bend,
       f.file_id AS edge_owner_file_id, 'derived'::text AS origin, 'structure'::text AS resolution_method,
       1.0::double precision AS confidence, 1.0::double precision AS score, NULL::integer AS symbol_roles,
       NULL::text AS rule_name
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT NULL, 'FILE_DECLARES_MODULE', f.file_id, codecpg.stable_id('py_module', f.file_id), f.repo, f.path, NULL, NULL,
       f.file_id, 'derived', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.repo_files_v1 f
UNION ALL
SELECT NULL, 'FILE_DECLARES_MODULE', f.file_id, codecpg.stable_id('py_package', f.file_id), f.repo, f.path, NULL, NULL,
       f.file_id, 'derived', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.repo_files_v1 f
 WHERE f.path ~ '(^|/)__init__\.pyi?$'
UNION ALL
SELECT NULL, 'FILE_CONTAINS',
       CASE WHEN d.container_def_bstart IS NULL THEN codecpg.stable_id('py_module', f.file_id)
            ELSE codecpg.stable_id('cst_def', f.file_id, d.container_def_kind, d.container_def_bstart::text,
                                   d.container_def_bend::text) END,
       codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text),
       f.repo, f.path, d.def_bstart, d.def_bend, f.file_id, 'libcst', 'span_containment', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.defs) d
-- CST parent/child
UNION ALL
SELECT NULL, 'CST_PARENT_OF', codecpg.stable_id('span', 'CST_IMPORT', f.path, i.stmt_bstart::text, i.stmt_bend::text),
       codecpg.stable_id('cst_import', f.file_id, i.kind, i.alias_bstart::text, i.alias_bend::text),
       f.repo, f.path, i.alias_bstart, i.alias_bend, f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.imports) i
UNION ALL
SELECT NULL, 'CST_PARENT_OF', codecpg.stable_id('cst_call', f.file_id, a.call_bstart::text, a.call_bend::text),
       codecpg.stable_id('span', 'CST_ARG', f.path, a.bstart::text, a.bend::text),
       f.repo, f.path, a.bstart, a.bend, f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f
 CROSS JOIN LATERAL (SELECT c.call_bstart, c.call_bend, a.bstart, a.bend
                       FROM unnest(f.callsites) c JOIN unnest(f.call_args) a ON a.call_id = c.call_id) a
UNION ALL
SELECT NULL, 'CST_PARENT_OF', codecpg.stable_id('cst_def', f.file_id, x.kind, x.def_bstart::text, x.def_bend::text),
       codecpg.stable_id('span', x.child_kind, f.path, x.bstart::text, x.bend::text),
       f.repo, f.path, x.bstart, x.bend, f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f
 CROSS JOIN LATERAL (SELECT d.kind, d.def_bstart, d.def_bend, 'CST_DECORATOR' AS child_kind, x.bstart, x.bend
                       FROM unnest(f.decorators) x JOIN unnest(f.defs) d ON d.def_id = x.owner_def_id
                     UNION ALL
                     SELECT d.kind, d.def_bstart, d.def_bend, 'CST_DOCSTRING', x.bstart, x.bend
                       FROM unnest(f.docstrings) x JOIN unnest(f.defs) d ON d.def_id = x.owner_def_id) x
UNION ALL
SELECT NULL, 'CST_PARENT_OF', codecpg.stable_id('py_module', f.file_id),
       codecpg.stable_id('span', 'CST_DOCSTRING', f.path, x.bstart::text, x.bend::text),
       f.repo, f.path, x.bstart, x.bend, f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, NULL
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.docstrings) x
 WHERE x.owner_def_id IS NULL
UNION ALL
SELECT NULL, 'CST_PARENT_OF', codecpg.stable_id('cst_def', f.file_id, p.kind, p.def_bstart::text, p.def_bend::text),
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
SELECT NULL, 'AST_PARENT_OF', codecpg.stable_id('ast_node', f.file_id, n.parent_ast_id::text),
       codecpg.stable_id('ast_node', f.file_id, n.ast_id::text), f.repo, f.path, (n.span).bstart, (n.span).bend,
       f.file_id, 'py_ast', 'syntax', 1.0, 1.0, NULL, n.field_name
  FROM codecpg.ast_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.parent_ast_id IS NOT NULL
UNION ALL
SELECT NULL, 'TS_PARENT_OF', codecpg.stable_id('ts_node', f.file_id, n.parent_id::text),
       codecpg.stable_id('ts_node', f.file_id, n.node_id::text), f.repo, f.path, (n.span).bstart, (n.span).bend,
       f.file_id, 'treesitter', 'syntax', 1.0, 1.0, NULL, n.field_name
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.nodes) n
 WHERE n.parent_id IS NOT NULL
-- symbol tables
UNION ALL
SELECT NULL, 'SCOPE_PARENT', x.child_id, x.parent_id, f.repo, f.path, NULL, NULL, f.file_id, 'symtable', 'structure',
       1.0, 1.0, NULL, NULL
  FROM codecpg.symtable_files_v1 f
 CROSS JOIN LATERAL (
     SELECT codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name, coalesce(b.lineno1, 0)::text),
            codecpg.stable_id('sym_scope', f.file_id, p.block_id::text, p.block_type, p.name, coalesce(p.lineno1, 0)::text)
       FROM unnest(f.blocks) b JOIN unnest(f.blocks) p ON p.block_id = b.parent_block_id) x(child_id, parent_id)
UNION ALL
SELECT NULL, 'SCOPE_BINDS', x.scope_id, codecpg.stable_id('sym_symbol', x.scope_id, s.name),
       f.repo, f.path, NULL, NULL, f.file_id, 'symtable', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.symtable_files_v1 f CROSS JOIN LATERAL unnest(f.blocks) b
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('sym_scope', f.file_id, b.block_id::text, b.block_type, b.name,
                                              coalesce(b.lineno1, 0)::text) AS scope_id) x
 CROSS JOIN LATERAL unnest(b.symbols) s
-- the CST's own candidate names for callees
UNION ALL
SELECT NULL, 'CALLSITE_CANDIDATE_QNAME', codecpg.stable_id('cst_call', f.file_id, c.call_bstart::text, c.call_bend::text),
       codecpg.stable_id('py_qname', f.repo, n), f.repo, f.path, c.callee_bstart, c.callee_bend, f.file_id,
       'libcst', 'file_scope', 0.5, 0.5, NULL, NULL
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.callsites) c CROSS JOIN LATERAL unnest(c.callee_fqns) n
-- annotations
UNION ALL
SELECT NULL, 'HAS_ANNOTATION',
       CASE WHEN t.owner_def_kind IS NULL THEN codecpg.stable_id('py_module', f.file_id)
            ELSE codecpg.stable_id('cst_def', f.file_id, t.owner_def_kind, t.owner_def_bstart::text, t.owner_def_bend::text) END,
       codecpg.stable_id('span', 'TYPE_EXPR', f.path, t.bstart::text, t.bend::text), f.repo, f.path, t.bstart, t.bend,
       f.file_id, 'libcst', 'syntax', 1.0, 1.0, NULL, t.expr_role
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL unnest(f.type_exprs) t
-- SCIP: role bits of occurrences, and of the CST nodes at exactly their spans
UNION ALL
SELECT DISTINCT NULL, 'PY_DEFINES_SYMBOL', m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p) m WHERE m.symbol_roles & 1 <> 0
UNION ALL
SELECT DISTINCT NULL, 'PY_IMPORTS_SYMBOL', m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p) m WHERE m.symbol_roles & 2 <> 0
UNION ALL
SELECT DISTINCT NULL, 'PY_WRITES_SYMBOL', m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p) m WHERE m.symbol_roles & 4 <> 0
UNION ALL
SELECT DISTINCT NULL, 'PY_READS_SYMBOL', m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p) m WHERE m.symbol_roles & 8 <> 0
UNION ALL
SELECT DISTINCT NULL, 'PY_REFERENCES_SYMBOL', m.src_node_id, m.symbol_node_id, p.repo, m.path, m.bstart, m.bend, p.file_id,
       'scip', m.match, 1.0, 1.0, m.symbol_roles, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.cpg_scip_role_sources(p) m WHERE m.symbol_roles & 15 = 0
UNION ALL
SELECT NULL, 'SCIP_CONTAINS', codecpg.stable_id('scip_index', p.repo, p.index_id),
       codecpg.stable_id('scip_document', p.repo, p.index_id, d.relative_path), p.repo, d.relative_path, NULL, NULL,
       p.file_id, 'scip', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
UNION ALL
SELECT NULL, 'SCIP_CONTAINS', codecpg.stable_id('scip_document', p.repo, p.index_id, d.relative_path),
       codecpg.stable_id('scip_occurrence', p.repo, p.index_id, d.relative_path, o.ordinality::text), p.repo,
       d.relative_path, (o.range).bstart, (o.range).bend, p.file_id, 'scip', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
UNION ALL
SELECT DISTINCT NULL, 'SCIP_SYMBOL_REFERENCE', codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), r.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0, 1.0, NULL::integer, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_reference
UNION ALL
SELECT DISTINCT NULL, 'SCIP_SYMBOL_IMPLEMENTATION', codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), r.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0, 1.0, NULL::integer, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_implementation
UNION ALL
SELECT DISTINCT NULL, 'SCIP_SYMBOL_TYPE_DEFINITION', codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), r.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0, 1.0, NULL::integer, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_type_definition
UNION ALL
SELECT DISTINCT NULL, 'SCIP_SYMBOL_DEFINITION', codecpg.stable_id('scip_symbol', r.repo, r.symbol),
       codecpg.stable_id('scip_symbol', r.repo, r.related_symbol), r.repo, r.path, NULL::integer, NULL::integer, r.file_id,
       'scip', 'relationship', 1.0, 1.0, NULL::integer, NULL::text
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL codecpg.scip_symbol_relationships(p) r WHERE r.is_definition
-- resolved calls, imports, bases and callsite containment (codecpg.cpg_refresh)
UNION ALL
SELECT g.edge_id, g.edge_kind, g.src_node_id, g.dst_node_id, g.repo, g.path, g.bstart, g.bend, g.file_id,
       g.origin, g.resolution_method, g.confidence, g.score, g.symbol_roles, g.rule_name
  FROM codecpg.cpg_graph_v1 g
-- bytecode: code units anchored to their definitions, containment, control flow
UNION ALL
SELECT NULL, 'BYTECODE_ANCHOR', u.unit_id, u.anchor_id, f.repo, f.path, u.bstart, u.bend, f.file_id,
       'dis', u.method, 1.0, 1.0, NULL, NULL
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_bc_anchors(f) u
UNION ALL
SELECT NULL, 'BC_CONTAINS', x.parent_id, x.child_id, f.repo, f.path, x.bstart, x.bend, f.file_id, 'dis', 'structure',
       1.0, 1.0, NULL, NULL
  FROM codecpg.bytecode_files_v1 f
 CROSS JOIN LATERAL (
     SELECT codecpg.stable_id('bc_code', f.file_id, p.qualname, p.firstlineno1::text, p.name),
            codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name), (c.span).bstart, (c.span).bend
       FROM unnest(f.code_objects) c JOIN unnest(f.code_objects) p ON p.code_id = c.parent_code_id)
     x(parent_id, child_id, bstart, bend)
UNION ALL
SELECT NULL, 'BC_CONTAINS', u.unit_id,
       codecpg.stable_id('bc_block', u.unit_id, b.start_offset::text, b.end_offset::text), f.repo, f.path, NULL, NULL,
       f.file_id, 'dis', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
 CROSS JOIN LATERAL unnest(c.blocks) b
UNION ALL
SELECT NULL, 'BC_CONTAINS', u.unit_id,
       codecpg.stable_id('bc_instr', u.unit_id, i.instr_index::text, i.instr_offset::text), f.repo, f.path,
       (i.span).bstart, (i.span).bend, f.file_id, 'dis', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL unnest(f.code_objects) c
 CROSS JOIN LATERAL (SELECT codecpg.stable_id('bc_code', f.file_id, c.qualname, c.firstlineno1::text, c.name) AS unit_id) u
 CROSS JOIN LATERAL unnest(c.instructions) i
UNION ALL
SELECT NULL, 'CFG_NEXT', x.src_node_id, x.dst_node_id, f.repo, f.path, NULL, NULL, f.file_id, 'dis', 'cfg', 1.0, 1.0, NULL, x.kind
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_cfg_edges(f) x WHERE x.kind IN ('next', 'exit')
UNION ALL
SELECT NULL, 'CFG_JUMP', x.src_node_id, x.dst_node_id, f.repo, f.path, NULL, NULL, f.file_id, 'dis', 'cfg', 1.0, 1.0, NULL, x.kind
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_cfg_edges(f) x WHERE x.kind = 'jump'
UNION ALL
SELECT NULL, 'CFG_BRANCH', x.src_node_id, x.dst_node_id, f.repo, f.path, NULL, NULL, f.file_id, 'dis', 'cfg', 1.0, 1.0, NULL, x.kind
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_cfg_edges(f) x WHERE x.kind = 'branch'
UNION ALL
SELECT NULL, 'CFG_EXC', x.src_node_id, x.dst_node_id, f.repo, f.path, NULL, NULL, f.file_id, 'dis', 'cfg', 1.0, 1.0, NULL, x.kind
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.cpg_cfg_edges(f) x WHERE x.kind = 'exc'
-- diagnostics
UNION ALL
SELECT NULL, 'HAS_DIAGNOSTIC', f.file_id, codecpg.stable_id('ts_node', f.file_id, x.node_id::text), f.repo, f.path,
       (x.span).bstart, (x.span).bend, f.file_id, 'treesitter', 'structure', 1.0, 1.0, NULL, 'TS_ERROR'
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.errors) x
UNION ALL
SELECT NULL, 'HAS_DIAGNOSTIC', f.file_id, codecpg.stable_id('ts_node', f.file_id, x.node_id::text), f.repo, f.path,
       (x.span).bstart, (x.span).bend, f.file_id, 'treesitter', 'structure', 1.0, 1.0, NULL, 'TS_MISSING'
  FROM codecpg.tree_sitter_files_v1 f CROSS JOIN LATERAL unnest(f.missing) x
UNION ALL
SELECT NULL, 'HAS_DIAGNOSTIC', x.file_id, codecpg.stable_id('diag', x.file_id, x.domain, x.ord::text), x.repo, x.path,
       x.bstart, x.bend, x.file_id, x.origin, 'structure', 1.0, 1.0, NULL, 'DIAG'
  FROM codecpg.cpg_diagnostics() x
UNION ALL
SELECT NULL, 'HAS_DIAGNOSTIC', codecpg.stable_id('scip_occurrence', p.repo, p.index_id, d.relative_path, o.ordinality::text),
       codecpg.stable_id('scip_diagnostic', p.repo, p.index_id, d.relative_path, o.ordinality::text, g.ordinality::text),
       p.repo, d.relative_path, (o.range).bstart, (o.range).bend, p.file_id, 'scip', 'structure', 1.0, 1.0, NULL, NULL
  FROM codecpg.scip_index_v1 p CROSS JOIN LATERAL unnest(p.documents) d
 CROSS JOIN LATERAL unnest(d.occurrences) WITH ORDINALITY o
 CROSS JOIN LATERAL unnest(o.diagnostics) WITH ORDINALITY g
) e;

COMMENT ON VIEW codecpg.cpg_nodes IS
  'The nodes of the code property graph, derived from every domain''s stored facts (ids from codecpg.stable_id, never stored per element). Kinds: PY_REPO, PY_FILE, PY_MODULE, PY_PACKAGE; CST_CLASS_DEF, CST_FUNCTION_DEF, CST_LAMBDA (CST_DEF for any other definition kind), CST_PARAM, CST_DECORATOR, CST_IMPORT, CST_IMPORT_ALIAS, CST_NAME_REF, CST_ATTRIBUTE_ACCESS, CST_REF, CST_CALLSITE, CST_ARG, CST_DOCSTRING, TYPE_EXPR; AST_NODE, AST_DEF, AST_CALL; TS_NODE, TS_ERROR, TS_MISSING; SYM_SCOPE, SYM_SYMBOL; SCIP_INDEX, SCIP_DOCUMENT, SCIP_OCCURRENCE, SCIP_SYMBOL, SCIP_DIAGNOSTIC; PY_QUALIFIED_NAME; BC_CODE_UNIT, BC_INSTR, CFG_BLOCK, CFG_EXIT; DIAG. See docs/cpg.md.';
SELECT codecpg.comment_attributes('codecpg.cpg_nodes', ARRAY[
  ['node_id',   'Stable node id "<prefix>:<32 hex>" (codecpg.stable_id); recipes in docs/cpg.md, e.g. cst_def (file_id, kind, def_bstart, def_bend), cst_call (file_id, call_bstart, call_bend), span (kind, path, bstart, bend).'],
  ['node_kind', 'Kind of the node (see COMMENT ON VIEW).'],
  ['repo',      'Repository name.'],
  ['file_id',   'File of the node, or NULL for repository-level nodes (repository, SCIP index and symbols, qualified names).'],
  ['path',      'File path of the node (the document path for SCIP nodes), or NULL.'],
  ['bstart',    'First byte of the node''s span in the file''s UTF-8 source, or NULL when it has none.'],
  ['bend',      'Byte past the node''s span, or NULL.'],
  ['name',      'A readable label: the defined or referenced name, module name, callee text, node type, opname, SCIP symbol, message.'],
  ['origin',    'Domain the node comes from: libcst, py_ast, symtable, dis, scip, treesitter or derived.'],
  ['props',     'Further properties of the node (jsonb), domain-specific; NULL when there are none.']
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
  ['resolution_method',  'How the edge was established: structure, syntax, span_containment, scip_span_exact, scip_occurrence, relationship, name_resolution, file_scope, unresolved, cfg, module or qualname_order.'],
  ['confidence',         '1.0 for facts and SCIP span-exact matches; 0.5 for codecpg''s own name resolution and for the CST''s in-file candidates.'],
  ['score',              'confidence divided by the number of alternative targets of the same evidence; the best score is kept when an edge is found twice.'],
  ['symbol_roles',       'SCIP role bits (DEFINITION=1, IMPORT=2, WRITE=4, READ=8, ...) of the occurrence behind the edge, else NULL.'],
  ['rule_name',          'The rule or detail behind the edge: resolution steps of a call (see cpg_graph_v1.rule_name), the field name of a tree edge, the annotation role, the CFG edge kind.']
]);

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
      SELECT f, c
        FROM codecpg.cpg_scopes_v1 s
        JOIN codecpg.bytecode_files_v1 f ON f.repo = s.repo AND f.file_id = s.file_id
       CROSS JOIN LATERAL codecpg.cpg_bc_anchors(f) a
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
         || '}' || E'\n';
END;
COMMENT ON FUNCTION codecpg.cpg_dot_cfg(text, text) IS
  'Graphviz DOT of the control-flow graph of a function, class body or module (qualified name as in cpg_scopes_v1.fqn): its basic blocks with their instructions, next/jump/branch/exc edges and an exit node. Needs the bytecode extractor and codecpg.cpg_refresh.';
