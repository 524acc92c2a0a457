-- Module names follow the repository's layout: a root that is itself a package is named
-- by its directory, a src/ layout is named from src/, and the index options package and
-- source_root say it where the files cannot. Changing the layout renames every fact.
\getenv abs_srcdir PG_ABS_SRCDIR
\set cases :abs_srcdir '/callgraph/cases/package_roots'
SET client_min_messages = warning;

-- A root holding __init__.py is the package inventory: inventory/core/stock.py is inventory.core.stock.
\set root :cases '/package_dir_root/inventory'
SELECT status, options->>'package' AS package, options->>'source_root' AS source_root
  FROM codecpg.index_repo('layout', :'root');
SELECT root_package, source_root FROM codecpg.repositories WHERE repo = 'layout';
SELECT path, fqn FROM codecpg.cpg_scopes_v1 WHERE repo = 'layout' AND scope_kind = 'MODULE' ORDER BY path;
SELECT caller, callee, call_kind FROM codecpg.cpg_call_graph('layout') ORDER BY 1, 2, 3;
-- the CST facts carry the same names
SELECT f.path, (f.parse_manifest).module_name, (f.parse_manifest).package_name
  FROM codecpg.libcst_files_v1 f WHERE f.repo = 'layout' ORDER BY 1;

-- Told the root is on sys.path instead, the same files are renamed: facts extracted again.
SELECT status, files_unchanged, options->>'package' AS package
  FROM codecpg.index_repo('layout', :'root', '{"package": ""}');
SELECT root_package FROM codecpg.repositories WHERE repo = 'layout';
SELECT path, fqn FROM codecpg.cpg_scopes_v1 WHERE repo = 'layout' AND scope_kind = 'MODULE' ORDER BY path;
SELECT f.path, (f.parse_manifest).module_name FROM codecpg.libcst_files_v1 f WHERE f.repo = 'layout' ORDER BY 1;
-- main's "from inventory.core.stock import Stock" now names a module outside the repository
SELECT caller, callee, call_kind, callee_external FROM codecpg.cpg_call_graph('layout') ORDER BY 1, 2, 3;
-- and back: the names and the graph are those of the first run
SELECT status FROM codecpg.index_repo('layout', :'root');
SELECT path, fqn FROM codecpg.cpg_scopes_v1 WHERE repo = 'layout' AND scope_kind = 'MODULE' ORDER BY path;

-- A src layout: src/ is on sys.path, tests/ next to it is not under it.
\set root :cases '/src_layout'
SELECT status, options->>'package' AS package, options->>'source_root' AS source_root
  FROM codecpg.index_repo('srclayout', :'root');
SELECT path, fqn FROM codecpg.cpg_scopes_v1 WHERE repo = 'srclayout' AND scope_kind = 'MODULE' ORDER BY path;

-- A namespace-package root its code imports as acme_plugins.*: only the option can say it.
\set root :cases '/explicit_package_option/acme_plugins'
SELECT status, options->>'package' AS package FROM codecpg.index_repo('acme', :'root');
SELECT count(*) AS edges_into_acme_plugins FROM codecpg.cpg_call_graph('acme') WHERE callee LIKE 'acme_plugins.%';
SELECT status, options->>'package' AS package FROM codecpg.index_repo('acme', :'root', '{"package": "acme_plugins"}');
SELECT caller, callee, call_kind FROM codecpg.cpg_call_graph('acme') WHERE callee LIKE 'acme_plugins.%' ORDER BY 1, 2;

-- Bad options.
SELECT codecpg.index_repo('acme', :'root', '{"package": "1st"}');
SELECT codecpg.index_repo('acme', :'root', '{"package": "a..b"}');
SELECT codecpg.index_repo('acme', :'root', '{"package": 7}');
SELECT codecpg.index_repo('acme', :'root', '{"source_root": "../elsewhere"}');
SELECT codecpg.index_repo('acme', :'root', '{"source_root": "/abs"}');
SELECT codecpg.index_begin('acme', 'client', '/x', '{"package": "a b"}');

DELETE FROM codecpg.repo_files_v1 WHERE repo IN ('layout', 'srclayout', 'acme');
DELETE FROM codecpg.index_errors WHERE repo IN ('layout', 'srclayout', 'acme');
DELETE FROM codecpg.index_runs WHERE repo IN ('layout', 'srclayout', 'acme');
DELETE FROM codecpg.repositories WHERE repo IN ('layout', 'srclayout', 'acme');
