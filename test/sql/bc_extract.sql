-- codecpg.bytecode_extract: identity, code units, instructions, line table, spans,
-- error rows, huge and deeply nested input, and code that must never run.

-- a stored file: the extractor's row goes into bytecode_files_v1 as is
SELECT codecpg.put_file('bc', 'pkg/mod.py', E'import os\n\ndef gen(n):\n    yield n\n\nasync def co():\n    return 1\n\nasync def agen():\n    yield 1\n\ndef outer(a):\n    def inner():\n        return a\n    return inner\n') AS file_id \gset
-- (a function in FROM runs once per file; (f(...)).* in the select list would run it per column)
INSERT INTO codecpg.bytecode_files_v1
SELECT b.* FROM codecpg.repo_files_v1 r
 CROSS JOIN LATERAL codecpg.bytecode_extract(r.repo, r.path, r.source, r.file_sha256) b
 WHERE r.repo = 'bc';
SELECT f.file_id = :'file_id' AS id_ok, f.file_sha256 = r.file_sha256 AS sha_ok,
       cardinality(f.code_objects) AS code_objects, cardinality(f.errors) AS errors,
       f.attrs->>'python_version' LIKE '3.11.%' AS python_311, f.attrs->'magic_number' AS magic,
       (f.attrs->>'instructions')::int > 0 AS has_instructions
  FROM codecpg.bytecode_files_v1 f JOIN codecpg.repo_files_v1 r USING (repo, file_id);
-- the stored file_sha256 can be passed in instead of recomputed
SELECT (codecpg.bytecode_extract('bc', 'x.py', 'pass', 'given')).file_sha256;
SELECT (codecpg.bytecode_extract('bc', 'x.py', 'pass')).file_sha256 = encode(sha256('pass'), 'hex') AS sha_recomputed;

-- code units: preorder, parents, flags, scopes
SELECT u.code_id, u.parent_code_id, u.qualname, u.firstlineno1, u.argcount, u.flags,
       u.is_generator, u.is_coroutine, u.is_async_generator, u.is_nested, u.is_optimized,
       u.varnames, u.cellvars, u.freevars, u.names, u.const_reprs
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.bc_code_units(f) u
 WHERE f.repo = 'bc' ORDER BY u.code_id;

-- instructions of one function, every column; spans are byte ranges of the source
SELECT i.instr_index, i.instr_offset, i.start_offset, i.end_offset, i.opname, i.baseopname, i.opcode,
       i.arg, i.argval_kind, i.argval_int, i.argval_str, i.argrepr, i.line_number, i.starts_line,
       i.cache_units, i.bstart, i.bend, i.line0, i.col, i.end_line0, i.end_col,
       convert_from(substring(convert_to(r.source, 'UTF8') FROM i.bstart + 1 FOR i.bend - i.bstart), 'UTF8') AS text
  FROM codecpg.bytecode_files_v1 f
  JOIN codecpg.repo_files_v1 r USING (repo, file_id)
  CROSS JOIN LATERAL codecpg.bc_instructions(f) i
 WHERE f.repo = 'bc' AND i.qualname = 'outer'
 ORDER BY i.instr_index;
SELECT l.qualname, l.instr_offset, l.line1, l.line0
  FROM codecpg.bytecode_files_v1 f CROSS JOIN LATERAL codecpg.bc_line_table(f) l
 WHERE f.repo = 'bc' AND l.code_id IN (0, 4) ORDER BY l.code_id, l.instr_offset;
-- inline cache entries: the code units between an instruction and its end_offset
-- (opcode._inline_cache_entries); co_code is unquickened, so the base opcode is the opcode
SELECT i.instr_offset, i.opname, i.baseopname, i.opcode = i.baseopcode AS base, i.arg, i.oparg,
       i.end_offset, i.cache_units
  FROM codecpg.bc_instructions(codecpg.bytecode_extract('bc', 'c.py', 'print(a.b < 1)')) i
 ORDER BY i.instr_offset;
-- deleting the source deletes the facts
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'bc';
SELECT count(*) FROM codecpg.bytecode_files_v1 WHERE repo = 'bc';

-- columns are UTF-8 bytes: after "é" (2 bytes) and "€" (3 bytes) the span still covers y
SELECT i.opname, i.argrepr, i.col, i.end_col, i.bstart, i.bend,
       convert_from(substring(convert_to(E'x = "é€"; y = x\n', 'UTF8') FROM i.bstart + 1 FOR i.bend - i.bstart), 'UTF8') AS text
  FROM codecpg.bc_instructions(codecpg.bytecode_extract('bc', 'u.py', E'x = "é€"; y = x\n')) i
 WHERE i.opname IN ('LOAD_NAME', 'STORE_NAME') ORDER BY i.instr_index;
-- "\r\n" and a lone "\r" end lines for CPython as for the span ABI
SELECT opname, argrepr, line_number, bstart, bend, line0, col
  FROM codecpg.bc_instructions(codecpg.bytecode_extract('bc', 'crlf.py', E'a = 1\r\nb = 2\rc = a\n'))
 WHERE opname LIKE '%NAME' ORDER BY instr_index;
-- a UTF-8 BOM is skipped by the compiler (as Python's import does) and counted in the spans
SELECT i.opname, i.argrepr, i.bstart, i.bend, i.col
  FROM codecpg.bc_instructions(codecpg.bytecode_extract('bc', 'bom.py', E'\uFEFFx = 1\n')) i
 WHERE i.opname IN ('LOAD_CONST', 'STORE_NAME') ORDER BY i.instr_index;
-- an empty file is a module that returns None
SELECT opname, argrepr, line_number, starts_line, bstart, bend, line0, col, end_line0, end_col
  FROM codecpg.bc_instructions(codecpg.bytecode_extract('bc', 'empty.py', '')) ORDER BY instr_index;

-- syntax errors are error rows with a byte span; CPython's offsets are characters
SELECT e.error_type, e.message, e.bstart, e.bend, e.line0, e.col, e.end_line0, e.end_col, e.attrs,
       substring(convert_to(E'x = "é" + (1 +)\n', 'UTF8') FROM e.bstart + 1 FOR greatest(e.bend - e.bstart, 1)) AS at_bytes
  FROM codecpg.bc_errors(codecpg.bytecode_extract('bc', 'bad.py', E'x = "é" + (1 +)\n')) e;
SELECT e.error_type, e.message, e.bstart, e.bend, e.line0, e.col
  FROM codecpg.bc_errors(codecpg.bytecode_extract('bc', 'bad.py', E'def f():\nreturn 1\n')) e;
SELECT e.error_type, e.message, e.bstart, e.line0, e.col
  FROM codecpg.bc_errors(codecpg.bytecode_extract('bc', 'bad.py', E'a = 1\ns = "ünterminated\n')) e;
SELECT cardinality(f.code_objects) AS code_objects, cardinality(f.errors) AS errors
  FROM codecpg.bytecode_extract('bc', 'bad.py', 'def (') f;
-- a NULL repo, path or source gives NULL, as ast_extract and symtable_extract do
SELECT codecpg.bytecode_extract('bc', 'nosource.py', NULL) IS NULL AS no_source,
       codecpg.bytecode_extract(NULL, 'p.py', 'pass') IS NULL AS no_repo,
       codecpg.bytecode_extract('bc', NULL, 'pass') IS NULL AS no_path;

-- deeply nested input: CPython's limits become error rows, the backend survives
SELECT error_type, message, bstart
  FROM codecpg.bc_errors(codecpg.bytecode_extract('bc', 'deep1.py', repeat('-', 100000) || '1'));
SELECT error_type, message
  FROM codecpg.bc_errors(codecpg.bytecode_extract('bc', 'deep2.py', 'a' || repeat('.b', 100000)));
SELECT error_type, message, bstart, line0, col
  FROM codecpg.bc_errors(codecpg.bytecode_extract('bc', 'deep3.py', 'x = ' || repeat('(', 300) || repeat(')', 300)));
SELECT count(*) AS code_objects, max(code_id) AS deepest
  FROM codecpg.bc_code_units(codecpg.bytecode_extract('bc', 'deep4.py',
       (SELECT string_agg(repeat('    ', d) || 'def f' || d || '():', E'\n') FROM generate_series(0, 19) d)
       || E'\n' || repeat('    ', 20) || 'pass'));

-- huge literals: a 2 MB string (its repr is cut after 1 MiB), an int too long for repr()
-- (shown in hex), a decimal int over CPython's digit limit (a SyntaxError), a long list
SELECT octet_length(c.const_repr) AS repr_bytes, right(c.const_repr, 6) AS repr_end,
       (SELECT argval_str IS NULL FROM codecpg.bc_instructions(f) WHERE opname = 'LOAD_CONST' AND arg = 0) AS no_argval_str,
       f.attrs->'truncated_reprs' AS truncated
  FROM codecpg.bytecode_extract('bc', 'big.py', 's = "' || repeat('x', 2000000) || '"') f,
       unnest(f.code_objects[1].consts) c
 WHERE c.const_index = 0;
SELECT left(c.const_repr, 6) AS repr_start, octet_length(c.const_repr) AS repr_bytes
  FROM codecpg.bytecode_extract('bc', 'bigint.py', 'n = 0x' || repeat('f', 5000)) f,
       unnest(f.code_objects[1].consts) c
 WHERE c.const_index = 0;
SELECT error_type, left(message, 60) AS message
  FROM codecpg.bc_errors(codecpg.bytecode_extract('bc', 'bigdec.py', 'n = ' || repeat('9', 5000)));
-- (name indexes over 255 take one EXTENDED_ARG prefix: start_offset points at it)
SELECT count(*) AS instructions, count(*) FILTER (WHERE opname = 'EXTENDED_ARG') AS extended_args,
       count(*) FILTER (WHERE opname = 'LIST_APPEND') AS appends,
       count(*) FILTER (WHERE start_offset = instr_offset - 2) AS prefixed,
       count(*) FILTER (WHERE start_offset <> instr_offset AND start_offset <> instr_offset - 2) AS other_starts,
       max(arg) FILTER (WHERE opname = 'LOAD_NAME') AS max_name_arg
  FROM codecpg.bc_instructions(codecpg.bytecode_extract('bc', 'list.py',
       'v = [' || (SELECT string_agg('x' || i, ', ') FROM generate_series(1, 20000) i) || ']'));
-- (over 65535 names, two prefixes: start_offset is 4 bytes before; each prefix ends
-- where the next instruction starts, with no cache entries)
SELECT count(*) FILTER (WHERE start_offset = instr_offset - 4) AS two_prefixes,
       count(*) FILTER (WHERE opname = 'EXTENDED_ARG' AND start_offset = instr_offset - 2) AS second_prefixes,
       count(*) FILTER (WHERE opname = 'EXTENDED_ARG' AND end_offset <> instr_offset + 2) AS prefix_not_2_bytes,
       max(arg) FILTER (WHERE opname = 'LOAD_NAME') AS max_name_arg
  FROM codecpg.bc_instructions(codecpg.bytecode_extract('bc', 'list2.py',
       'v = [' || (SELECT string_agg('x' || i, ', ') FROM generate_series(1, 66000) i) || ']'));

-- codecpg.bc_opname: the opname as dis of the embedded CPython shows it, specialised
-- instructions included (3: dis shows adaptive code so; unquickened co_code has none),
-- "<n>" for a byte that names no operation, NULL for a number that is no byte
SELECT op, codecpg.bc_opname(op) AS opname
  FROM unnest(ARRAY[0, 1, 3, 9, 100, 144, 200, 255, 256, -1, NULL]) WITH ORDINALITY u(op, n) ORDER BY n;

-- code whose top level would have side effects if it ran: it is compiled, never run
-- (running it would write a file, then kill this backend, then loop forever)
SELECT count(*) FILTER (WHERE argrepr = '_exit') AS exit_calls,
       count(*) FILTER (WHERE argrepr = 'open') AS open_calls,
       count(*) FILTER (WHERE opname = 'JUMP_BACKWARD') AS loops
  FROM codecpg.bc_instructions(codecpg.bytecode_extract('bc', 'evil.py', $evil$
import os
open('/tmp/codecpg_bc_side_effect_ran', 'w').write('ran')
os.kill(os.getpid(), 9)
os._exit(3)
while True:
    pass
$evil$));
SELECT pg_stat_file('/tmp/codecpg_bc_side_effect_ran', true) IS NULL AS file_not_written, 'still alive' AS backend;

-- The stored instruction keeps its span flat, the end line as end_line_delta past
-- line_number; bc_instructions gives the span's lines (line0, end_line0). A call over
-- three lines after a line with a multi-byte name, and the module RESUME (line 0, its
-- end on line 1 at column 0).
WITH f AS (SELECT codecpg.bytecode_extract('bc', 'lean_span.py', E'café = 1\ntotal = sum(\n    [café,\n     2])\n') AS f)
SELECT s.instr_index, s.opname, i.line_number, i.bstart, i.bend, i.col, i.end_line_delta, i.end_col,
       s.line0, s.end_line0, codecpg.bc_instr_last_line(i.line_number, i.end_line_delta, i.end_col, i.bstart, i.bend) AS last_line
  FROM f CROSS JOIN LATERAL codecpg.bc_instructions(f.f) s
  JOIN LATERAL unnest(((f.f).code_objects[1]).instructions) WITH ORDINALITY i ON i.ordinality = s.instr_index + 1
 ORDER BY s.instr_index;

-- codecpg.bc_instr_derived: the offsets and argreprs of the stored instructions, which
-- keep neither, as bc_instructions derives them (inline caches after LOAD_GLOBAL,
-- PRECALL, CALL, COMPARE_OP, BINARY_OP; jumps forward and backward; an EXTENDED_ARG
-- before a far jump; constants, names, locals, FORMAT_VALUE and MAKE_FUNCTION)
WITH f AS (SELECT codecpg.bytecode_extract('bc', 'derived.py',
    E'def f(xs, k=1):\n    n = 0\n    for x in xs:\n        if x > k:\n'
    || repeat(E'            n += len(str(x)) * 2\n', 40)
    || E'    g = lambda: f"{n!r:>4}"\n    return n, g\n') AS f),
d AS (SELECT u.code_id, i.ordinality - 1 AS instr_index, i.instr_offset, i.argrepr
        FROM f CROSS JOIN LATERAL unnest((f.f).code_objects) u
       CROSS JOIN LATERAL ROWS FROM (unnest(u.instructions), codecpg.bc_instr_derived(u.instructions, u.consts)) WITH ORDINALITY i)
SELECT s.code_id, count(*) AS instructions,
       count(*) FILTER (WHERE d.instr_offset IS NOT DISTINCT FROM s.instr_offset
                          AND d.argrepr IS NOT DISTINCT FROM s.argrepr) AS same,
       count(*) FILTER (WHERE s.opname = 'EXTENDED_ARG') AS extended_args,
       count(*) FILTER (WHERE s.is_jump_target) AS jump_targets,
       string_agg(DISTINCT s.argrepr, ' | ' ORDER BY s.argrepr) FILTER (WHERE s.opname IN ('FORMAT_VALUE', 'MAKE_FUNCTION', 'LOAD_GLOBAL', 'COMPARE_OP', 'BINARY_OP')) AS some_argreprs
  FROM f CROSS JOIN LATERAL codecpg.bc_instructions(f.f) s
  JOIN d ON d.code_id = s.code_id AND d.instr_index = s.instr_index
 GROUP BY s.code_id ORDER BY s.code_id;
