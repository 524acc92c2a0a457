-- codecpg install script, part 63: the functions of bytecode_files_v1 (part 62):
-- compiling a file and unnesting its code objects. Written CREATE OR REPLACE because the
-- upgrade from 0.1.0 runs this same text (sql/updates/0.1.0--0.2.0/33_bytecode_functions.sql
-- links here): it sets what changed (a comment) and leaves the rest as it is.

CREATE OR REPLACE FUNCTION codecpg.bytecode_extract(repo text, path text, source text, file_sha256 text DEFAULT NULL)
RETURNS codecpg.bytecode_files_v1
AS 'MODULE_PATHNAME', 'cpg_bytecode_extract'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.bytecode_extract(text, text, text, text) IS
  'Compiles one Python file with the embedded CPython 3.11 (never runs it) and returns every code object with its instructions (as dis shows them), exception table, basic blocks, CFG edges and line table; a compilation failure is an error row. file_sha256 defaults to the SHA-256 of the source.';

CREATE OR REPLACE FUNCTION codecpg.bc_code_units(f codecpg.bytecode_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT code_id integer, OUT parent_code_id integer, OUT qualname text, OUT name text,
    OUT firstlineno1 integer, OUT argcount integer, OUT posonlyargcount integer,
    OUT kwonlyargcount integer, OUT nlocals integer, OUT flags integer, OUT stacksize integer,
    OUT code_len integer, OUT is_optimized boolean, OUT is_newlocals boolean,
    OUT has_varargs boolean, OUT has_varkeywords boolean, OUT is_nested boolean,
    OUT is_generator boolean, OUT is_nofree boolean, OUT is_coroutine boolean,
    OUT is_iterable_coroutine boolean, OUT is_async_generator boolean,
    OUT varnames text[], OUT freevars text[], OUT cellvars text[], OUT names text[],
    OUT const_reprs text[], OUT instr_count integer, OUT exc_entry_count integer,
    OUT block_count integer, OUT edge_count integer,
    OUT bstart integer, OUT bend integer, OUT line0 integer, OUT col integer,
    OUT end_line0 integer, OUT end_col integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_bc_code_units'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.bc_code_units(codecpg.bytecode_files_v1) IS
  'One row per code object of a bytecode_files_v1 row: its codecpg.bc_code fields flat, consts as reprs, list sizes and its span (UTF-8 byte columns).';

CREATE OR REPLACE FUNCTION codecpg.bc_instructions(f codecpg.bytecode_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT code_id integer, OUT qualname text,
    OUT instr_index integer, OUT instr_offset integer, OUT start_offset integer,
    OUT end_offset integer, OUT opname text, OUT baseopname text, OUT opcode integer,
    OUT baseopcode integer, OUT arg integer, OUT oparg integer, OUT argval_kind text,
    OUT argval_int bigint, OUT argval_str text, OUT argrepr text, OUT line_number integer,
    OUT starts_line integer, OUT label integer, OUT is_jump_target boolean,
    OUT jump_target integer, OUT cache_units integer,
    OUT bstart integer, OUT bend integer, OUT line0 integer, OUT col integer,
    OUT end_line0 integer, OUT end_col integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_bc_instructions'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.bc_instructions(codecpg.bytecode_files_v1) IS
  'One row per instruction of every code object (dis order), with its span flat (UTF-8 byte columns). Derived from the stored codecpg.bc_instr: instr_index (its list position), instr_offset and argrepr (codecpg.bc_instr_derived), jump_target, is_jump_target and label (from the opcodes and arguments, as dis.findlabels), the span''s line0 and end_line0 (line_number and end_line_delta), opname (codecpg.bc_opname), start_offset (back over the EXTENDED_ARG instructions right before it), end_offset (the next instruction''s offset, code_len after the last) and starts_line (the line table); baseopname, baseopcode and oparg repeat opname, opcode and arg (co_code is unquickened); cache_units counts the inline CACHE entries between the instruction and end_offset.';

CREATE OR REPLACE FUNCTION codecpg.bc_opname(opcode integer)
RETURNS text
AS 'MODULE_PATHNAME', 'cpg_bc_opname'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.bc_opname(integer) IS
  'The operation name of an opcode as dis of the embedded CPython 3.11 shows it, from the tables the extractor uses: the opname of a stored codecpg.bc_instr, which keeps only its opcode. Specialised instructions have their names (dis._all_opname; unquickened co_code has none); a byte that names no operation gives "<n>" as in dis; a number outside 0..255 gives NULL.';

CREATE OR REPLACE FUNCTION codecpg.bc_instr_derived(instructions codecpg.bc_instr[], consts codecpg.bc_const[],
    OUT instr_offset integer, OUT argrepr text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_bc_instr_derived'
LANGUAGE C IMMUTABLE PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION codecpg.bc_instr_derived(codecpg.bc_instr[], codecpg.bc_const[]) IS
  'What bc_instructions derives of a code unit''s stored instructions (which keep neither) and the views show: instr_offset (the first instruction at 0, each followed by the inline caches its opcode has; NULL after an instruction whose size is unknown, a NULL element or opcode) and argrepr (from argval, arg and the constants). One row per element in list order, a NULL element included, to zip with unnest(instructions) in ROWS FROM.';

CREATE OR REPLACE FUNCTION codecpg.bc_instr_last_line(line_number integer, end_line_delta integer,
    end_col integer, bstart integer, bend integer)
RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN coalesce(line_number, 0) + end_line_delta - CASE WHEN end_col = 0 AND bend > bstart THEN 1 ELSE 0 END;
COMMENT ON FUNCTION codecpg.bc_instr_last_line(integer, integer, integer, integer, integer) IS
  'The 1-based line of the last byte of a stored instruction''s span, from its codecpg.bc_instr fields (codecpg.span_last_line of the span bc_instructions gives): the views read stored instructions, which keep the span flat and its end line as end_line_delta.';

CREATE OR REPLACE FUNCTION codecpg.bc_exception_table(f codecpg.bytecode_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT code_id integer, OUT qualname text,
    OUT exc_index integer, OUT start_offset integer, OUT end_offset integer,
    OUT target_offset integer, OUT depth integer, OUT lasti boolean)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_bc_exception_table'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.bc_exception_table(codecpg.bytecode_files_v1) IS
  'One row per exception table entry of every code object (end_offset exclusive).';

CREATE OR REPLACE FUNCTION codecpg.bc_blocks(f codecpg.bytecode_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT code_id integer, OUT qualname text,
    OUT block_index integer, OUT start_offset integer, OUT end_offset integer, OUT kind text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_bc_blocks'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.bc_blocks(codecpg.bytecode_files_v1) IS
  'One row per basic block of every code object, block_index in offset order.';

CREATE OR REPLACE FUNCTION codecpg.bc_cfg_edges(f codecpg.bytecode_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT code_id integer, OUT qualname text,
    OUT src_block_start integer, OUT src_block_end integer,
    OUT dst_block_start integer, OUT dst_block_end integer, OUT kind text, OUT edge_key text,
    OUT cond_instr_index integer, OUT cond_instr_offset integer, OUT exc_index integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_bc_cfg_edges'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.bc_cfg_edges(codecpg.bytecode_files_v1) IS
  'One row per control-flow edge between basic blocks: next, jump, branch, exc.';

CREATE OR REPLACE FUNCTION codecpg.bc_line_table(f codecpg.bytecode_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT code_id integer, OUT qualname text,
    OUT instr_offset integer, OUT line1 integer, OUT line0 integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_bc_line_table'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.bc_line_table(codecpg.bytecode_files_v1) IS
  'One row per line start (dis.findlinestarts) of every code object.';

CREATE OR REPLACE FUNCTION codecpg.bc_errors(f codecpg.bytecode_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT error_index integer, OUT error_type text, OUT message text,
    OUT bstart integer, OUT bend integer, OUT line0 integer, OUT col integer,
    OUT end_line0 integer, OUT end_col integer, OUT attrs jsonb)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_bc_errors'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.bc_errors(codecpg.bytecode_files_v1) IS
  'One row per compilation failure of a bytecode_files_v1 row, with its span (UTF-8 byte columns) where CPython reports one.';
