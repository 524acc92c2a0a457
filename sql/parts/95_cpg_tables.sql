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
  'Derived by codecpg.cpg_refresh(repo) from libcst_files_v1 and tree_sitter_files_v1: every scope with its qualified name. Dumped by pg_dump like the facts it is derived from, so that a restored database has its graph.';
SELECT codecpg.copy_type_comments('codecpg.cpg_scopes_v1');
SELECT pg_catalog.pg_extension_config_dump('codecpg.cpg_scopes_v1', '');
CREATE INDEX cpg_scopes_v1_fqn_idx ON codecpg.cpg_scopes_v1 (repo, fqn);
CREATE INDEX cpg_scopes_v1_file_idx ON codecpg.cpg_scopes_v1 (repo, file_id);

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
  'Derived by codecpg.cpg_refresh(repo): the cross-file edges of the CPG (calls, imports, bases) and callsite containment, deduplicated; cpg_edges reads it. Dumped by pg_dump like the facts it is derived from, so that a restored database has its graph.';
SELECT codecpg.copy_type_comments('codecpg.cpg_graph_v1');
SELECT pg_catalog.pg_extension_config_dump('codecpg.cpg_graph_v1', '');
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
