-- The code property graph over the multi-module test project test/data/cpg: views, ids,
-- kinds, origins, and the def-level call graph with and without a SCIP index, compared
-- with the call graph written by hand from reading the project (expected_callgraph.tsv).
\getenv abs_srcdir PG_ABS_SRCDIR
\set data :abs_srcdir '/data/cpg'
SET client_min_messages = warning;

-- Store the project the way an indexer does: snapshot, then every extractor per file.
CREATE TEMP TABLE project(path text);
INSERT INTO project VALUES ('main.py'), ('app/__init__.py'), ('app/util.py'), ('app/deco.py'),
  ('app/shapes.py'), ('app/broken.py'), ('app/models/__init__.py'), ('app/models/base.py'), ('app/models/user.py');
SELECT count(codecpg.put_file('cpgtest', p.path, pg_read_file(:'data' || '/' || p.path))) AS files FROM project p;
INSERT INTO codecpg.tree_sitter_files_v1
  SELECT (codecpg.ts_extract(f.repo, f.path, f.source)).* FROM codecpg.repo_files_v1 f WHERE f.repo = 'cpgtest';
INSERT INTO codecpg.libcst_files_v1
  SELECT (codecpg.cst_extract(f.repo, f.path, f.source)).* FROM codecpg.repo_files_v1 f WHERE f.repo = 'cpgtest';
INSERT INTO codecpg.ast_files_v1
  SELECT (codecpg.ast_extract(f.repo, f.path, f.source)).* FROM codecpg.repo_files_v1 f WHERE f.repo = 'cpgtest';
INSERT INTO codecpg.symtable_files_v1
  SELECT (codecpg.symtable_extract(f.repo, f.path, f.source)).* FROM codecpg.repo_files_v1 f WHERE f.repo = 'cpgtest';

-- What the resolver reads of a file: its summary, as rows (here the scopes and imports of app/util.py).
SELECT x.section, x.ord, x.kind, x.scope, x.text, x.bstart, x.bend
  FROM codecpg.libcst_files_v1 f CROSS JOIN LATERAL codecpg.cst_summary(f) x
 WHERE f.repo = 'cpgtest' AND f.path = 'app/util.py' AND x.section IN ('scope', 'import', 'param')
 ORDER BY 1, 2;

-- Without SCIP: codecpg's own resolution.
SELECT * FROM codecpg.cpg_refresh('cpgtest');
CREATE TEMP TABLE expected(caller text, callee text, call_kind text, sites bigint);
\set expected_file :data '/expected_callgraph.tsv'
COPY expected FROM :'expected_file';
-- Differences from the hand-written call graph, both ways: none.
(SELECT 'missing' AS diff, * FROM expected
 EXCEPT SELECT 'missing', caller, callee, call_kind, sites FROM codecpg.cpg_call_graph('cpgtest'))
UNION ALL
(SELECT 'unexpected', caller, callee, call_kind, sites FROM codecpg.cpg_call_graph('cpgtest')
 EXCEPT SELECT 'unexpected', * FROM expected);
SELECT caller, callee, call_kind, sites, resolution_method, confidence FROM codecpg.cpg_call_graph('cpgtest');
-- How each call was resolved, and what stays unresolved.
SELECT l.path, l.bstart, l.link_kind, l.resolution, l.callee_kind, l.callee_name, l.candidates, l.detail
  FROM codecpg.cpg_graph_v1 g CROSS JOIN LATERAL codecpg.cpg_links(g) l
 WHERE g.repo = 'cpgtest' AND l.link_kind NOT IN ('binding', 'inherits')
 ORDER BY l.path, l.bstart, l.bend, l.link_kind, l.callee_name;
-- Class bases and imports resolved across files.
SELECT l.path, s.fqn AS class, l.callee_name AS base, l.resolution
  FROM codecpg.cpg_graph_v1 g CROSS JOIN LATERAL codecpg.cpg_links(g) l
  JOIN codecpg.cpg_scopes_v1 s ON s.repo = g.repo AND s.node_id = l.caller_node_id
 WHERE g.repo = 'cpgtest' AND l.link_kind = 'inherits' ORDER BY 1, 2;
SELECT l.path, l.bstart, l.resolution, l.callee_kind, l.callee_name
  FROM codecpg.cpg_graph_v1 g CROSS JOIN LATERAL codecpg.cpg_links(g) l
 WHERE g.repo = 'cpgtest' AND l.link_kind = 'binding' ORDER BY 1, 2, 5;
-- Scopes and qualified names.
SELECT path, scope_kind, qualname, fqn, line0 FROM codecpg.cpg_scopes_v1 WHERE repo = 'cpgtest' ORDER BY path, bstart, scope_kind;

-- Every node and edge kind the extracted domains provide (bytecode: see cpg_bytecode).
SELECT node_kind, origin, count(*) FROM codecpg.cpg_nodes WHERE repo = 'cpgtest' AND origin <> 'dis'
 GROUP BY 1, 2 ORDER BY 1, 2;
SELECT edge_kind, origin, resolution_method, confidence, count(*) FROM codecpg.cpg_edges
 WHERE repo = 'cpgtest' AND origin <> 'dis' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
-- Ids are unique, edges deduplicated, and every edge's ends are nodes.
SELECT count(*) = count(DISTINCT node_id) AS node_ids_unique FROM codecpg.cpg_nodes WHERE repo = 'cpgtest';
SELECT count(*) = count(DISTINCT edge_id) AS edge_ids_unique,
       count(*) = count(DISTINCT (edge_kind, src_node_id, dst_node_id, path, bstart, bend)) AS deduplicated
  FROM codecpg.cpg_edges WHERE repo = 'cpgtest';
SELECT e.edge_kind, count(*) AS dangling
  FROM codecpg.cpg_edges e
 WHERE e.repo = 'cpgtest' AND e.origin <> 'dis'
   AND (NOT EXISTS (SELECT 1 FROM codecpg.cpg_nodes n WHERE n.node_id = e.src_node_id)
        OR NOT EXISTS (SELECT 1 FROM codecpg.cpg_nodes n WHERE n.node_id = e.dst_node_id))
 GROUP BY 1 ORDER BY 1;
-- The id recipes.
SELECT n.node_id = codecpg.stable_id('cst_def', n.file_id, 'FUNCTION', n.bstart::text, n.bend::text) AS cst_def_recipe
  FROM codecpg.cpg_nodes n WHERE n.repo = 'cpgtest' AND n.node_kind = 'CST_FUNCTION_DEF' AND n.name = 'bump';
SELECT n.node_id = codecpg.stable_id('cst_call', n.file_id, n.bstart::text, n.bend::text) AS cst_call_recipe,
       n.node_id = codecpg.stable_id('span', 'CST_NAME_REF', n.path, n.bstart::text, n.bend::text) AS not_span_recipe
  FROM codecpg.cpg_nodes n WHERE n.repo = 'cpgtest' AND n.node_kind = 'CST_CALLSITE' AND n.name = 'u.choose';
SELECT bool_and(e.edge_id = codecpg.stable_id('edge', e.edge_kind, e.src_node_id, e.dst_node_id, e.path,
                                               e.bstart::text, e.bend::text)) AS edge_recipe
  FROM codecpg.cpg_edges e WHERE e.repo = 'cpgtest' AND e.edge_kind LIKE 'PY_CALLS%';
-- A resolved call ends at the callee's definition node: main.run's call of u.choose.
SELECT c.name AS callsite, d.node_kind, d.name, d.path
  FROM codecpg.cpg_nodes c
  JOIN codecpg.cpg_edges e ON e.src_node_id = c.node_id AND e.edge_kind = 'PY_CALLS_QNAME'
  JOIN codecpg.cpg_nodes d ON d.node_id = e.dst_node_id
 WHERE c.repo = 'cpgtest' AND c.node_kind = 'CST_CALLSITE' AND c.name IN ('u.choose', 'Account', 'super().__init__')
 ORDER BY 1;

-- With SCIP: scip-python 0.6.6's index of the same project (test/data/cpg/index.scip, made with
-- scip-python index --project-name cpgtest --project-version 1 --environment <file holding []>).
\set scip_file :data '/index.scip'
SELECT documents, documents_with_source, unmapped_ranges
  FROM codecpg.scip_load('cpgtest', pg_read_binary_file(:'scip_file'));
SELECT * FROM codecpg.cpg_refresh('cpgtest');
(SELECT 'missing' AS diff, * FROM expected
 EXCEPT SELECT 'missing', caller, callee, call_kind, sites FROM codecpg.cpg_call_graph('cpgtest'))
UNION ALL
(SELECT 'unexpected', caller, callee, call_kind, sites FROM codecpg.cpg_call_graph('cpgtest')
 EXCEPT SELECT 'unexpected', * FROM expected);
SELECT caller, callee, call_kind, sites, resolution_method, confidence FROM codecpg.cpg_call_graph('cpgtest');
-- SCIP decides where its occurrence names a definition; codecpg resolves the rest.
SELECT l.link_kind, l.resolution, l.callee_kind = 'EXTERNAL' AS external, count(*)
  FROM codecpg.cpg_graph_v1 g CROSS JOIN LATERAL codecpg.cpg_links(g) l
 WHERE g.repo = 'cpgtest' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
SELECT edge_kind, origin, resolution_method, confidence, count(*) FROM codecpg.cpg_edges
 WHERE repo = 'cpgtest' AND origin = 'scip' GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
SELECT node_kind, count(*) FROM codecpg.cpg_nodes WHERE repo = 'cpgtest' AND origin = 'scip' GROUP BY 1 ORDER BY 1;

-- Refreshing again gives the same graph; a changed file is re-resolved after its re-extraction.
CREATE TEMP TABLE before AS SELECT l.* FROM codecpg.cpg_graph_v1 g CROSS JOIN LATERAL codecpg.cpg_links(g) l
 WHERE g.repo = 'cpgtest';
-- nothing changed: no row is rewritten
SELECT links, files_changed FROM codecpg.cpg_refresh('cpgtest');
SELECT NOT EXISTS (SELECT * FROM before EXCEPT ALL SELECT l.* FROM codecpg.cpg_graph_v1 g CROSS JOIN LATERAL codecpg.cpg_links(g) l
                    WHERE g.repo = 'cpgtest')
       AND NOT EXISTS (SELECT l.* FROM codecpg.cpg_graph_v1 g CROSS JOIN LATERAL codecpg.cpg_links(g) l
                        WHERE g.repo = 'cpgtest' EXCEPT ALL SELECT * FROM before) AS same_graph;
SELECT codecpg.put_file('cpgtest', 'app/deco.py', 'def trace(fn):' || E'\n' || '    return fn' || E'\n') IS NOT NULL AS replaced;
SELECT count(*) AS graph_rows_of_deco_left FROM codecpg.cpg_graph_v1 WHERE repo = 'cpgtest' AND path = 'app/deco.py';
INSERT INTO codecpg.tree_sitter_files_v1
  SELECT (codecpg.ts_extract(f.repo, f.path, f.source)).* FROM codecpg.repo_files_v1 f WHERE f.repo = 'cpgtest' AND f.path = 'app/deco.py';
INSERT INTO codecpg.libcst_files_v1
  SELECT (codecpg.cst_extract(f.repo, f.path, f.source)).* FROM codecpg.repo_files_v1 f WHERE f.repo = 'cpgtest' AND f.path = 'app/deco.py';
SELECT scopes, callsites, files_changed FROM codecpg.cpg_refresh('cpgtest');
SELECT caller, callee, call_kind FROM codecpg.cpg_call_graph('cpgtest') WHERE callee LIKE 'app.deco.%' OR caller LIKE 'app.deco.%';

-- A name assigned from itself again and again (name = name + "_x", 200 times) before
-- getattr(self, name): the resolver follows each variable once for its constant prefix,
-- so this resolves at once, to the handle_ methods.
SELECT codecpg.put_file('cpgbuilt', 'router.py',
         E'class Router:\n    def handle_get(self):\n        return 1\n\n    def dispatch(self, verb):\n'
         || E'        name = "handle_" + verb\n'
         || (SELECT string_agg(E'        name = name + "_x"\n', '') FROM generate_series(1, 200))
         || E'        return getattr(self, name)()\n') IS NOT NULL AS stored;
INSERT INTO codecpg.libcst_files_v1
  SELECT (codecpg.cst_extract(f.repo, f.path, f.source)).* FROM codecpg.repo_files_v1 f WHERE f.repo = 'cpgbuilt';
SELECT files_changed FROM codecpg.cpg_refresh('cpgbuilt');
SELECT caller, callee, call_kind FROM codecpg.cpg_call_graph('cpgbuilt') ORDER BY 1, 2;
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'cpgbuilt';

-- Indexes and slices at the limits: a negative index beyond any display, bounds and steps
-- past 64 bits, a slice of a display too long to follow by place, a dict display of
-- 3,000 pairs that repeats its keys. The refresh resolves them at once; the small
-- displays still read exactly ([f, g][-1] is g, {1: f, True: g}[1] is g).
SELECT codecpg.put_file('cpglimits', 'limits.py',
         E'def f():\n    return 1\n\n\ndef g():\n    return 2\n\n\n'
         || 'BIG = (' || (SELECT string_agg('f, g', ', ') FROM generate_series(1, 1500)) || E')\n'
         || 'KEYS = {' || (SELECT string_agg((i % 7)::text || ': f, True: g', ', ') FROM generate_series(1, 1500) i) || E'}\n'
         || E'def use():\n'
         || E'    BIG[-99999999999999999999999]()\n'
         || E'    BIG[::-9223372036854775808][0]()\n'
         || E'    BIG[1:99999999999999999999:3][0]()\n'
         || E'    [f, g][-1]()\n'
         || E'    {1: f, True: g}[1]()\n'
         || E'    KEYS[1]()\n') IS NOT NULL AS stored;
INSERT INTO codecpg.libcst_files_v1
  SELECT (codecpg.cst_extract(f.repo, f.path, f.source)).* FROM codecpg.repo_files_v1 f WHERE f.repo = 'cpglimits';
SELECT files_changed FROM codecpg.cpg_refresh('cpglimits');
SELECT caller, callee, call_kind, sites FROM codecpg.cpg_call_graph('cpglimits') ORDER BY 1, 2;
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'cpglimits';

-- A class's metaclass keyword read while the summary's string table grows. Files with
-- 1,968 to 2,056 distinct names before `class K(metaclass=Meta)` put the keyword's string
-- at the table's growth past 2,048 entries in one of them, whatever few strings the
-- builder interns besides; a stale pointer into the table there read freed memory (a
-- crash on large files, e.g. pygments's lexers). Every file's class runs Meta.__init__.
SELECT count(codecpg.put_file('cpgmeta', 'meta.py',
         E'class Meta(type):\n    def __init__(cls, name, bases, ns):\n        super().__init__(name, bases, ns)\n')) AS stored;
SELECT count(codecpg.put_file('cpgmeta', format('m%s.py', n),
         E'from meta import Meta\n'
         || (SELECT string_agg(format(E'n%s = 0\n', i), '') FROM generate_series(1, n) i)
         || E'class K(metaclass=Meta):\n    pass\n')) AS stored
  FROM generate_series(1968, 2056) n;
INSERT INTO codecpg.libcst_files_v1
  SELECT (codecpg.cst_extract(f.repo, f.path, f.source)).* FROM codecpg.repo_files_v1 f WHERE f.repo = 'cpgmeta';
SELECT files_changed FROM codecpg.cpg_refresh('cpgmeta');
SELECT count(DISTINCT caller) AS modules_running_meta_init
  FROM codecpg.cpg_call_graph('cpgmeta') WHERE callee = 'meta.Meta.__init__';
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'cpgmeta';

-- A package replacing a module of the same name (z.py, then z/__init__.py) when 1,024
-- module names are registered: the replacement grows the table of modules by name, and the
-- search for the entry to replace then used the old table's size, probing forever (an
-- uninterruptible backend). z.f resolves to the package's f.
SELECT count(codecpg.put_file('cpgmods', format('m%s.py', lpad(i::text, 4, '0')), E'X = 1\n')) AS stored
  FROM generate_series(1, 1022) i;
SELECT count(codecpg.put_file('cpgmods', p, s)) AS stored
  FROM (VALUES ('z.py', E'def g():\n    return 1\n'), ('z/__init__.py', E'def f():\n    return 1\n'),
               ('a_user.py', E'import z\n\n\ndef use():\n    return z.f()\n')) AS v(p, s);
INSERT INTO codecpg.libcst_files_v1
  SELECT (codecpg.cst_extract(f.repo, f.path, f.source)).* FROM codecpg.repo_files_v1 f WHERE f.repo = 'cpgmods';
SELECT files_changed FROM codecpg.cpg_refresh('cpgmods');
SELECT caller, callee, call_kind, callee_external FROM codecpg.cpg_call_graph('cpgmods') WHERE caller LIKE 'a_user%' ORDER BY 1, 2;
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'cpgmods';

-- A subclass of a builtin type with __getattr__: a name the type has is the type's
-- (str.upper), a name it lacks is made by __getattr__, which the read runs (a property
-- link), never guessed as the type's (no builtins.tuple.Comment.split, as pygments's
-- Token.Comment.split() once gave); what it returns, an instance of its own class, has
-- the class's methods (Token.split).
SELECT codecpg.put_file('cpgattrs', 'tokens.py',
         E'class Token(tuple):\n    def __getattr__(self, name):\n        return Token(self + (name,))\n\n'
         || E'    def split(self):\n        return list(self)\n\n\n'
         || E'class Text(str):\n    def __getattr__(self, name):\n        return self\n\n\n'
         || E'def use(token: Token, text: Text):\n    token.Comment.split()\n    return text.upper(), text.count("a")\n'
         || E'\n\nuse(Token(), Text("a"))\n') IS NOT NULL AS stored;
INSERT INTO codecpg.libcst_files_v1
  SELECT (codecpg.cst_extract(f.repo, f.path, f.source)).* FROM codecpg.repo_files_v1 f WHERE f.repo = 'cpgattrs';
SELECT files_changed FROM codecpg.cpg_refresh('cpgattrs');
SELECT caller, callee, call_kind FROM codecpg.cpg_call_graph('cpgattrs') WHERE caller = 'tokens.use' ORDER BY 1, 2;
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'cpgattrs';

-- A metaclass rewriting a function of each of 40 class bodies (Pygments's LexerMeta wraps
-- hundreds of lexers' analyse_text): every class gets the wrapper, more classes than a
-- value holds objects, so each use_N's call of its class's analyse_text runs it.
SELECT codecpg.put_file('cpgmeta40', 'lexers.py',
         E'def wrap(f):\n    def analyse(text):\n        return f(text)\n    return staticmethod(analyse)\n\n\n'
         || E'class Meta(type):\n    def __new__(mcs, name, bases, d):\n        if "analyse_text" in d:\n'
         || E'            d["analyse_text"] = wrap(d["analyse_text"])\n        return type.__new__(mcs, name, bases, d)\n\n\n'
         || E'class Base(metaclass=Meta):\n    pass\n'
         || (SELECT string_agg(format(E'\n\nclass L%s(Base):\n    def analyse_text(text):\n        return %s\n\n\n'
                                      || E'def use%s(text):\n    return L%s.analyse_text(text)\n', i, i, i, i), '')
               FROM generate_series(1, 40) i)) IS NOT NULL AS stored;
INSERT INTO codecpg.libcst_files_v1
  SELECT (codecpg.cst_extract(f.repo, f.path, f.source)).* FROM codecpg.repo_files_v1 f WHERE f.repo = 'cpgmeta40';
SELECT files_changed FROM codecpg.cpg_refresh('cpgmeta40');
SELECT count(DISTINCT caller) AS uses_running_the_wrapper
  FROM codecpg.cpg_call_graph('cpgmeta40') WHERE caller LIKE 'lexers.use%' AND callee = 'lexers.wrap.<locals>.analyse';
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'cpgmeta40';

-- A repository of empty files (a package skeleton): no expression, no node made from the
-- files; the solve still starts from room for nodes of its own.
SELECT count(codecpg.put_file('cpgempty', p, '')) AS stored
  FROM (VALUES ('pkg/__init__.py'), ('pkg/sub/__init__.py')) AS v(p);
INSERT INTO codecpg.libcst_files_v1
  SELECT (codecpg.cst_extract(f.repo, f.path, f.source)).* FROM codecpg.repo_files_v1 f WHERE f.repo = 'cpgempty';
SELECT * FROM codecpg.cpg_refresh('cpgempty');
SELECT count(*) AS call_edges FROM codecpg.cpg_call_graph('cpgempty');
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'cpgempty';

-- Edge cases: an unknown repository has an empty graph; NULL is NULL.
SELECT * FROM codecpg.cpg_refresh('no such repo');
SELECT codecpg.cpg_refresh(NULL) IS NULL AS strict;
SELECT count(*) FROM codecpg.cpg_call_graph('no such repo');

-- The test leaves no rows behind: deleting the files deletes every derived row with them.
DELETE FROM codecpg.scip_index_v1 WHERE repo = 'cpgtest';
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'cpgtest';
SELECT (SELECT count(*) FROM codecpg.cpg_scopes_v1 WHERE repo = 'cpgtest') AS scopes_left,
       (SELECT count(*) FROM codecpg.cpg_graph_v1 WHERE repo = 'cpgtest') AS graph_rows_left,
       (SELECT count(*) FROM codecpg.cpg_nodes WHERE repo = 'cpgtest') AS nodes_left;
