-- Data flow per file (codecpg.dataflow_extract and the df_* functions): events, reaching
-- definitions, steps and branch senses, checked by hand against the source; odd input.
SET client_min_messages = warning;

CREATE TEMP TABLE src (name text PRIMARY KEY, source text);
INSERT INTO src VALUES ('flow.py', $py$import os
from pkg import util as u

def handle(request, mode="fast", *rest, verbose=False, **extra):
    cmd = request.args["cmd"]
    if not cmd:
        cmd = "true"
    elif cmd is None:
        return None
    label = f"{mode}: {cmd}"
    items = []
    items.append(label)
    request.seen = cmd
    try:
        code = os.system(cmd + " " + u.quote(label))
    except OSError as err:
        code = err.errno
    for item in items:
        print(item, sep=" ")
    return code
$py$);

-- Stored as an index run stores it.
SELECT count(codecpg.put_file('dftest', src.name, src.source)) FROM src;
INSERT INTO codecpg.dataflow_files_v1
SELECT d.* FROM codecpg.repo_files_v1 r CROSS JOIN LATERAL codecpg.dataflow_extract(r.repo, r.path, r.source, r.file_sha256) d
 WHERE r.repo = 'dftest';
SELECT attrs FROM codecpg.dataflow_files_v1 WHERE repo = 'dftest';
SELECT code_id, parent_code_id, qualname, name, kind, firstlineno1, argcount, kwonlyargcount, has_varargs,
       has_varkeywords, class_code_id, event_start, event_count, branch_count
  FROM codecpg.dataflow_files_v1 f CROSS JOIN LATERAL codecpg.df_units(f)
 WHERE f.repo = 'dftest';

-- Without codecpg.cpg_refresh's call graph, cpg_flows says so; calls are then followed as
-- calls outside the repository (their result carries their arguments).
SET client_min_messages = notice;
SELECT source, sink_line0, sink_callee, steps FROM codecpg.cpg_flows('dftest', ARRAY['*.args'], ARRAY['os.system']);
SET client_min_messages = warning;

-- Every event, with the text of its span: parameters first (found in the signature), then
-- in instruction order; stores of imports narrowed to the bound name; the compiler's own
-- `err = None; del err` after the handler keeps the delete, without a span it could show.
SELECT e.event_id, e.code_id, e.kind, e.role, e.name, e.line0, e.detail,
       substr(s.source, e.bstart + 1, e.bend - e.bstart) AS text
  FROM codecpg.dataflow_files_v1 f CROSS JOIN LATERAL codecpg.df_events(f) e, src s
 WHERE f.repo = 'dftest' AND s.name = f.path
 ORDER BY e.event_id;

-- Reaching definitions: cmd at the f-string is reached by both definitions that survive
-- the branches; the use of code after the try is reached from the try body and the handler.
SELECT r.name, r.def_id, r.use_id, r.def_line0, r.use_line0 FROM codecpg.dataflow_files_v1 f CROSS JOIN LATERAL codecpg.df_reaches(f) r
 WHERE f.repo = 'dftest'
 ORDER BY r.use_id, r.def_id;

-- Data steps: what each definition stores, what each call receives in which slot.
SELECT st.src_id, st.dst_id, st.edge_kind, st.role, st.arg_position, st.keyword
  FROM codecpg.dataflow_files_v1 f CROSS JOIN LATERAL codecpg.df_steps(f) st
 WHERE f.repo = 'dftest'
 ORDER BY st.dst_id, st.src_id;

-- Branch senses: `if not cmd` tests cmd (the body runs when it is false), `cmd is None`
-- as written, the loop's FOR_ITER has none; the exception match of the except clause.
SELECT b.src_block_start, b.dst_block_start, b.sense, b.edge_kind,
       substr(s.source, b.bstart + 1, b.bend - b.bstart) AS test
  FROM codecpg.dataflow_files_v1 f CROSS JOIN LATERAL codecpg.df_branches(f) b, src s
 WHERE f.repo = 'dftest' AND s.name = f.path
 ORDER BY 1, 2;

-- The branch edges' blocks are the bytecode extractor's CFG_BLOCK nodes.
SELECT count(*) AS branch_edges,
       count(*) FILTER (WHERE b.src_node_id = codecpg.stable_id('bc_block', u.unit_id, b.src_block_start::text, b.src_block_end::text)) AS ids_as_cfg_blocks
  FROM codecpg.dataflow_files_v1 f CROSS JOIN LATERAL codecpg.df_branches(f) b
  JOIN LATERAL codecpg.df_units(f) u ON u.code_id = b.code_id
 WHERE f.repo = 'dftest';

-- Senses of the other tests: and/or, `is not None`, while loops, conditional expressions.
SELECT b.code_id, b.sense, substr(x.source, b.bstart + 1, b.bend - b.bstart) AS test, count(*)
  FROM (SELECT $py$def g(a, b, c):
    if a and not b:
        pass
    if c is not None:
        pass
    while a:
        a = a[1:]
    return b if c else a or b
$py$ AS source) x
 CROSS JOIN LATERAL codecpg.df_branches(codecpg.dataflow_extract('t', 'g.py', x.source)) b
 GROUP BY 1, 2, 3 ORDER BY 3, 2;

-- Closures: a cell's events name the code object that owns it (detail); comprehensions and
-- lambdas are code objects of their own, linked to their call by steps.
SELECT e.code_id, e.kind, e.name, e.detail
  FROM codecpg.df_events(codecpg.dataflow_extract('t', 'c.py', $py$def outer(x):
    def inner():
        nonlocal x
        x = x + 1
        return x
    total = [v * x for v in range(3)]
    return inner, total
$py$)) e
 WHERE e.kind LIKE '%cell' OR e.kind IN ('param', 'return', 'call')
 ORDER BY e.event_id;

-- Classes: methods know their class body; self.x of a method is an attribute path.
SELECT u.code_id, u.qualname, u.kind, u.class_code_id, u.method_kind, e.kind AS event, e.name
  FROM codecpg.dataflow_extract('t', 'k.py', $py$class Box:
    size = 1
    def put(self, value):
        self.value = value
        self.items[value] = self.size
    @staticmethod
    def make():
        return [Box() for _ in range(2)]
$py$) f2
 CROSS JOIN LATERAL codecpg.df_units(f2) u
  JOIN LATERAL codecpg.df_events(f2) e ON e.code_id = u.code_id AND e.kind NOT IN ('call', 'load_global')
 ORDER BY e.event_id;

-- Async code: the awaits of a coroutine yield to the event loop, not to its caller.
SELECT e.kind, e.name
  FROM codecpg.df_events(codecpg.dataflow_extract('t', 'a.py', $py$async def fetch(session, url):
    async with session.get(url) as response:
        body = await response.text()
    chunks = [chunk async for chunk in response.content]
    return body + b"".join(chunks)
$py$)) e
 WHERE e.code_id = 1 ORDER BY e.event_id;

-- Failures are rows: a syntax error, a source over codecpg.python_max_bytes.
SELECT error_type, message, line0, col FROM codecpg.df_errors(codecpg.dataflow_extract('t', 'bad.py', E'def f(:\n'));
SELECT cardinality(units), cardinality(events) FROM codecpg.dataflow_extract('t', 'bad.py', E'def f(:\n');
SET codecpg.python_max_bytes = 10;
SELECT error_type, attrs FROM codecpg.df_errors(codecpg.dataflow_extract('t', 'big.py', 'x = 1234567890'));
RESET codecpg.python_max_bytes;
-- NULL arguments: no row, as the other extractors.
SELECT codecpg.dataflow_extract(NULL, 'x.py', 'x = 1') IS NULL AS no_row;

-- Rows built by hand: NULL elements, NULL fields, unknown kinds, ranges and ids out of
-- bounds are skipped, never read past.
SELECT count(*) AS events FROM codecpg.df_events(ROW('t', 'h.py', 'file:x', 'sha',
    ARRAY[ROW(0, NULL, '<module>', '<module>', 'module', 1, 0, 0, 0, false, false, NULL, 'nonsense', 0, 99, NULL)::codecpg.df_unit, NULL],
    ARRAY[ROW('store_local', 'x', 0, 1, 0, NULL)::codecpg.df_event, NULL, ROW('nonsense', NULL, NULL, NULL, NULL, NULL)::codecpg.df_event],
    ARRAY[0, 0, 5, 1], ARRAY[0, 0, -1, 7, 0, 1, 1], ARRAY[NULL], NULL, NULL)::codecpg.dataflow_files_v1);
SELECT def_id, use_id FROM codecpg.df_reaches(ROW('t', 'h.py', 'file:x', 'sha', NULL,
    ARRAY[ROW('store_local', 'x', 0, 1, 0, NULL)::codecpg.df_event, ROW('load_local', 'x', 4, 5, 1, NULL)::codecpg.df_event],
    ARRAY[0, 1, 1, 99, -3, 0, NULL, 1], NULL, NULL, NULL, NULL)::codecpg.dataflow_files_v1);
SELECT src_id, dst_id, role, keyword FROM codecpg.df_steps(ROW('t', 'h.py', 'file:x', 'sha', NULL,
    ARRAY[ROW('load_local', 'x', 0, 1, 0, NULL)::codecpg.df_event, ROW('call', 'f', 2, 6, 0, NULL)::codecpg.df_event],
    NULL, ARRAY[0, 1, -1000, 0, 1, -1005, 0, 1], ARRAY['key'], NULL, NULL)::codecpg.dataflow_files_v1);
SELECT count(*) AS branches FROM codecpg.df_branches(ROW('t', 'h.py', NULL, 'sha',
    ARRAY[ROW(0, NULL, NULL, NULL, NULL, 1, 0, 0, 0, false, false, NULL, NULL, 0, 0, ARRAY[0, 2, 2, 4, 1, -1, -1, 5])::codecpg.df_unit],
    NULL, NULL, NULL, NULL, NULL, NULL)::codecpg.dataflow_files_v1);
SELECT count(*) FROM codecpg.df_units(ROW(NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)::codecpg.dataflow_files_v1);
SELECT code_id, kind, method_kind FROM codecpg.df_units(ROW('t', 'h.py', 'file:x', 'sha',
    ARRAY[ROW(0, NULL, '<module>', '<module>', 'module', 1, 0, 0, 0, false, false, NULL, 'nonsense', 0, 0, NULL)::codecpg.df_unit,
          ROW(1, 0, 'f', 'f', 'wizardry', 1, 0, 0, 0, false, false, 0, 'static', 0, 0, NULL)::codecpg.df_unit],
    NULL, NULL, NULL, NULL, NULL, NULL)::codecpg.dataflow_files_v1);

-- The test leaves no rows behind: deleting the files deletes every fact with them.
\set VERBOSITY default
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'dftest';
DELETE FROM codecpg.index_runs WHERE repo = 'dftest';
SELECT (SELECT count(*) FROM codecpg.dataflow_files_v1 WHERE repo = 'dftest') AS dataflow_left,
       (SELECT count(*) FROM codecpg.cpg_nodes WHERE repo = 'dftest') AS nodes_left;
