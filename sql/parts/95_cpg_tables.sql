-- codecpg install script, part 95: the code property graph's derived tables.
--
-- Two views, codecpg.cpg_nodes and codecpg.cpg_edges, join the facts of every domain on
-- the one id scheme (codecpg.stable_id) and the shared byte spans. What cannot be known
-- file by file, because it needs the whole repository, is computed by the resolver
-- (codecpg.cpg_refresh, src/cpg/) from the files' summaries (libcst_files_v1.summary):
-- cpg_scopes_v1, every module, class, function and lambda with its qualified name, and
-- cpg_graph_v1, one row per file with what its code makes run (calls, decorators,
-- imports, class bodies, properties, protocol methods), what its imports bind and what
-- its classes inherit. A refresh rewrites only the rows that changed.

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
    line0          integer,
    parent_node_id text
);
COMMENT ON TYPE codecpg.cpg_scope IS
  'A code scope of a repository: a module, class, function or lambda, with its qualified name. Row type of codecpg.cpg_scopes_v1.';
SELECT codecpg.comment_attributes('codecpg.cpg_scope', ARRAY[
  ['repo',           'Repository name.'],
  ['path',           'File path of the scope.'],
  ['file_id',        'Stable file identity.'],
  ['node_id',        'The scope''s node in cpg_nodes: the PY_MODULE node for a module (codecpg.stable_id(''py_module'', file_id)), the CST definition node (codecpg.stable_id(''cst_def'', file_id, kind, def_bstart, def_bend)) otherwise.'],
  ['scope_kind',     'MODULE, or the CST definition kind: CLASS, FUNCTION, ASYNC_FUNCTION or LAMBDA.'],
  ['name',           'Defined name (<lambda> for a lambda; the last component of the module name for a module).'],
  ['qualname',       'Qualified name within the module as __qualname__ would be (Outer.method, f.<locals>.g, <lambda>); NULL for a module.'],
  ['fqn',            'Fully qualified name: the module, or module.qualname (pkg.mod.Class.method). Module names follow the repository''s layout (codecpg.repositories).'],
  ['module',         'Dotted module name of the file.'],
  ['bstart',         'First byte of the definition (decorators included); 0 for a module.'],
  ['bend',           'Byte past the definition; the file''s size for a module.'],
  ['line0',          'Line of the def, class or lambda keyword, 0-based; 0 for a module. Tells lambdas of one scope apart.'],
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
  'Derived by codecpg.cpg_refresh(repo) from the files'' summaries: every scope of the repository with its qualified name. Dumped by pg_dump like the facts it is derived from, so that a restored database has its graph.';
SELECT codecpg.copy_type_comments('codecpg.cpg_scopes_v1');
SELECT pg_catalog.pg_extension_config_dump('codecpg.cpg_scopes_v1', '');
CREATE INDEX cpg_scopes_v1_fqn_idx ON codecpg.cpg_scopes_v1 (repo, fqn);
CREATE INDEX cpg_scopes_v1_file_idx ON codecpg.cpg_scopes_v1 (repo, file_id);
SELECT pg_catalog.pg_extension_config_dump('codecpg.cpg_scopes_v1', '');

CREATE TYPE codecpg.cpg_link AS (
    link_kind      text,
    bstart         integer,
    bend           integer,
    src_node_id    text,
    src_node_kind  text,
    caller_node_id text,
    caller_node_kind text,
    callee_node_id text,
    callee_kind    text,
    callee_name    text,
    resolution     text,
    candidates     integer,
    detail         text
);
COMMENT ON TYPE codecpg.cpg_link IS
  'One thing a file''s code makes run, or one resolution of its imports and bases, found by the resolver: an element of codecpg.cpg_graph_v1.links.';
SELECT codecpg.comment_attributes('codecpg.cpg_link', ARRAY[
  ['link_kind',      'What runs, or what is resolved: call (a call expression), decorator (a decorator applied to a definition), import (a module run by an import statement), class_body (a class body run by the scope holding the class statement), property (a property''s getter, setter or deleter run by an attribute access), dunder (a protocol method Python runs implicitly: operators, with, for, str()...); binding (what an imported name is bound to), inherits (a base class).'],
  ['bstart',         'First byte of the evidence in the file: the call, the decorator expression, the import alias, the class statement, the attribute, the operator or statement running a protocol method, the base class expression.'],
  ['bend',           'Byte past the evidence.'],
  ['src_node_id',    'The evidence''s node in cpg_nodes: the CST_CALLSITE of a call, the CST_DECORATOR of a decorator, the CST_IMPORT_ALIAS of an import or binding, the CST_ATTRIBUTE_ACCESS of a property access, the class (CST_CLASS_DEF) of a base; the scope running the code for class bodies and protocol methods.'],
  ['src_node_kind',  'node_kind of src_node_id in cpg_nodes: CST_CALLSITE, CST_DECORATOR, CST_IMPORT_ALIAS, CST_ATTRIBUTE_ACCESS, or the scope''s (PY_MODULE, CST_CLASS_DEF, CST_FUNCTION_DEF, CST_LAMBDA).'],
  ['caller_node_id', 'The scope whose code holds the evidence (cpg_scopes_v1.node_id; comprehensions belong to their function); for inherits, the class.'],
  ['caller_node_kind', 'node_kind of caller_node_id: PY_MODULE, CST_CLASS_DEF, CST_FUNCTION_DEF or CST_LAMBDA.'],
  ['callee_node_id', 'What runs or is bound: a cpg_scopes_v1.node_id (a function, lambda, class or module of the repository), or the PY_QUALIFIED_NAME node of callee_name (codecpg.stable_id(''py_qname'', repo, callee_name)) for a name outside the repository or not resolved.'],
  ['callee_kind',    'MODULE, CLASS, FUNCTION, ASYNC_FUNCTION or LAMBDA for a scope of the repository; EXTERNAL for a qualified name outside it (os.path.join, builtins.len, requests.get); UNRESOLVED for a call the resolver could not follow, named as written.'],
  ['callee_name',    'Fully qualified name of the callee (cpg_scopes_v1.fqn, or the external or unresolved name).'],
  ['resolution',     'points_to (codecpg''s whole-program analysis), scip (a SCIP occurrence at the callee''s span named the definition), structure (import and class-body edges, known from the syntax), or unresolved.'],
  ['candidates',     'Number of callees of the same evidence and kind: more than one means the call may reach several (flow-insensitive analysis, or several definitions).'],
  ['detail',         'The protocol method (__add__, __enter__...) of a dunder link, the accessor (fget, fset, fdel) of a property link; else NULL.']
]);

CREATE TYPE codecpg.cpg_graph_file AS (
    repo        text,
    path        text,
    file_id     text,
    file_sha256 text,
    digest      text,
    links       codecpg.cpg_link[],
    callees     text[],
    attrs       jsonb
);
COMMENT ON TYPE codecpg.cpg_graph_file IS
  'The resolved graph of one file: what its code makes run and what its imports and bases resolve to. Row type of codecpg.cpg_graph_v1.';
SELECT codecpg.comment_attributes('codecpg.cpg_graph_file', ARRAY[
  ['repo',        'Repository name.'],
  ['path',        'File path relative to the repository root.'],
  ['file_id',     'Stable file identity.'],
  ['file_sha256', 'SHA-256 of the file''s source when its graph was resolved.'],
  ['digest',      'A 128-bit hash (hex) of the file''s rows as resolved, links and scopes: a refresh rewrites the file''s rows only when it changes.'],
  ['links',       'Calls, decorators, imports, class bodies, properties and protocol methods the file''s code runs, and its imports'' bindings and classes'' bases, in span order.'],
  ['callees',     'The distinct callee_node_id of links, sorted: its GIN index finds the files whose code reaches a node (who calls X) without unnesting every file.'],
  ['attrs',       'Additional facts (jsonb): resolver, the version of the resolver''s rules that found the links (an index run redoes a graph of another version).']
]);

CREATE TABLE codecpg.cpg_graph_v1 OF codecpg.cpg_graph_file (
    repo WITH OPTIONS NOT NULL,
    path WITH OPTIONS NOT NULL,
    file_id WITH OPTIONS NOT NULL,
    file_sha256 WITH OPTIONS NOT NULL,
    CONSTRAINT cpg_graph_v1_pkey PRIMARY KEY (repo, file_id),
    CONSTRAINT cpg_graph_v1_file_fkey FOREIGN KEY (repo, file_id)
        REFERENCES codecpg.repo_files_v1 (repo, file_id) ON DELETE CASCADE
);
COMMENT ON TABLE codecpg.cpg_graph_v1 IS
  'Derived by codecpg.cpg_refresh(repo): one row per file with its resolved links (codecpg.cpg_links(g) unnests them). Dumped by pg_dump like the facts it is derived from, so that a restored database has its graph.';
SELECT codecpg.copy_type_comments('codecpg.cpg_graph_v1');
-- Without a pending list: every index run rewrites rows of this table, and a probe of a
-- GIN index scans its whole pending list until a vacuum merges it (0.28 ms a probe after
-- a first index of the standard library, a few microseconds once merged).
CREATE INDEX cpg_graph_v1_callees_idx ON codecpg.cpg_graph_v1 USING gin (callees) WITH (fastupdate = off);
SELECT pg_catalog.pg_extension_config_dump('codecpg.cpg_graph_v1', '');
