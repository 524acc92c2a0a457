-- codecpg install script, part 85: data flow (dataflow_files_v1) and source-to-sink queries.
--
-- Per file, at extraction: every code object's definitions and uses of names and
-- attributes, its calls, imports and returns (events), the data steps between them within
-- a statement, reaching definitions over the control-flow graph, and the sense of its
-- conditional branches. Across files, at query time: codecpg.cpg_flows solves taint from
-- sources to sinks over those facts and the call graph of codecpg.cpg_refresh.

CREATE TYPE codecpg.df_unit AS (
    code_id         integer,
    parent_code_id  integer,
    qualname        text,
    name            text,
    kind            text,
    firstlineno1    integer,
    argcount        integer,
    posonlyargcount integer,
    kwonlyargcount  integer,
    has_varargs     boolean,
    has_varkeywords boolean,
    class_code_id   integer,
    method_kind     text,
    event_start     integer,
    event_count     integer,
    branches        integer[]
);
COMMENT ON TYPE codecpg.df_unit IS
  'A code object (module, class body, function, lambda, comprehension) of a file, as its data flow needs it.';
SELECT codecpg.comment_attributes('codecpg.df_unit', ARRAY[
  ['code_id',         'Preorder number of the code object in its file, as bytecode_files_v1 numbers it (0 is the module).'],
  ['parent_code_id',  'code_id of the code object whose constants hold this one; NULL for the module.'],
  ['qualname',        '__qualname__ of the code object (co_qualname).'],
  ['name',            'co_name of the code object.'],
  ['kind',            'module, class (a class body), function, lambda or comprehension (list, set and dict comprehensions and generator expressions).'],
  ['firstlineno1',    'co_firstlineno (1-based).'],
  ['argcount',        'Positional parameters, positional-only ones included (co_argcount).'],
  ['posonlyargcount', 'Positional-only parameters.'],
  ['kwonlyargcount',  'Keyword-only parameters.'],
  ['has_varargs',     'The code object takes *args.'],
  ['has_varkeywords', 'The code object takes **kwargs.'],
  ['class_code_id',   'For a method (a function or lambda defined directly in a class body), the class body''s code_id: its first parameter''s attributes (self.x) are the class''s; else NULL.'],
  ['method_kind',     'For a method, how it binds its first parameter: instance (self), class (@classmethod: the class) or static (@staticmethod: nothing); else NULL.'],
  ['event_start',     'Index in the file''s events of the code object''s first event: its events are event_start .. event_start + event_count - 1, parameters first.'],
  ['event_count',     'Number of events of the code object.'],
  ['branches',        'Conditional branches whose sense is known, 7 integers each: source block start and end offset, destination block start and end offset, 1 for the edge taken when the test is true (0: false), and the span (bstart, bend) of the test, -1 when unknown. codecpg.df_branches unnests them.']
]);

CREATE TYPE codecpg.df_event AS (
    kind   text,
    name   text,
    bstart integer,
    bend   integer,
    line0  integer,
    detail integer
);
COMMENT ON TYPE codecpg.df_event IS
  'A data-flow event: a definition (DF_DEF node) or a use (DF_USE node) of a value. Its number is its index in the file''s events list (0-based).';
SELECT codecpg.comment_attributes('codecpg.df_event', ARRAY[
  ['kind',   'Definitions: param, store_local, store_cell (a closure variable), store_name (module or class namespace), store_global, store_attr (x.a = v), store_item (x[k] = v: adds to x), update (x.append(v) and other container methods: adds to x), delete_local, delete_cell, delete_name, delete_global, delete_attr. Uses: load_local, load_cell, load_name, load_global, load_attr (x.a), call (the result of a call), import (the module or name an import yields), return, yield, value (an intermediate value made of more than 32 events: a long expression).'],
  ['name',   'The variable; "base.attr" for attributes and the containers of store_item and update; the callee as a dotted name when it is one (os.path.join, self.run); the imported dotted name, relative to detail levels of package; NULL for returns.'],
  ['bstart', 'First byte of the event''s span: the name, attribute, call or statement (CPython''s position; narrowed to the bound name for imports, except ... as, def and class). NULL when unknown.'],
  ['bend',   'Byte past the span.'],
  ['line0',  '0-based line of the span''s start (of the definition for a parameter without span).'],
  ['detail', 'param: position in co_varnames (positional, keyword-only, *args, **kwargs); import: relative level (0 absolute); *_cell: code_id of the code object that owns the cell; load_attr, store_attr, delete_attr, store_item, update: the event that loaded the object (x of x.a); else NULL.']
]);

CREATE TYPE codecpg.dataflow_file AS (
    repo        text,
    path        text,
    file_id     text,
    file_sha256 text,
    units       codecpg.df_unit[],
    events      codecpg.df_event[],
    reaches     integer[],
    steps       integer[],
    keywords    text[],
    errors      codecpg.extract_error[],
    attrs       jsonb
);
COMMENT ON TYPE codecpg.dataflow_file IS
  'The intra-procedural data flow of one file. Row type of codecpg.dataflow_files_v1.';
SELECT codecpg.comment_attributes('codecpg.dataflow_file', ARRAY[
  ['repo',        'Repository name.'],
  ['path',        'File path within the repository.'],
  ['file_id',     'Stable file identity (codecpg.repo_files_v1.file_id).'],
  ['file_sha256', 'SHA-256 of the source these facts were extracted from.'],
  ['units',       'Every code object in preorder of nesting.'],
  ['events',      'Every event of every code object, grouped by code object (see df_unit.event_start).'],
  ['reaches',     'Reaching definitions as pairs of event numbers (definition, use): the definition may reach the use along the control-flow graph of their code object. codecpg.df_reaches unnests them.'],
  ['steps',       'Data steps as triples of integers (source event, destination event, slot): the value of the source is part of the destination''s (into a definition: the stored value; into a call: an argument, slot >= 0 its position, -2 the receiver, -3 *args, -4 **kwargs, -1000 - k the keyword keywords[k]; else -1). codecpg.df_steps unnests them.'],
  ['keywords',    'Keyword argument names of the file''s calls, indexed by the steps'' keyword slots.'],
  ['errors',      'Compilation failures (SyntaxError, ...), as in bytecode_files_v1.'],
  ['attrs',       'code_objects, events, reaches, steps and branches counts, and approximated: code objects whose analysis was approximated (reaching definitions too large for exact bit vectors, made flow-insensitive; a stack simulation that did not settle) (jsonb).']
]);

CREATE TABLE codecpg.dataflow_files_v1 OF codecpg.dataflow_file (
    repo WITH OPTIONS NOT NULL,
    path WITH OPTIONS NOT NULL,
    file_id WITH OPTIONS NOT NULL,
    file_sha256 WITH OPTIONS NOT NULL,
    CONSTRAINT dataflow_files_v1_pkey PRIMARY KEY (repo, file_id),
    CONSTRAINT dataflow_files_v1_file_fkey FOREIGN KEY (repo, file_id)
        REFERENCES codecpg.repo_files_v1 (repo, file_id) ON DELETE CASCADE
);
COMMENT ON TABLE codecpg.dataflow_files_v1 IS
  'Data flow, one row per file; unnest with the codecpg.df_* functions, solve with codecpg.cpg_flows.';
SELECT codecpg.copy_type_comments('codecpg.dataflow_files_v1');
-- Indexed data is user data: pg_dump must dump its rows.
SELECT pg_catalog.pg_extension_config_dump('codecpg.dataflow_files_v1', '');

-- Extraction and unnesting -------------------------------------------------------------

CREATE FUNCTION codecpg.dataflow_extract(repo text, path text, source text, file_sha256 text DEFAULT NULL)
RETURNS codecpg.dataflow_files_v1
AS 'MODULE_PATHNAME', 'cpg_dataflow_extract'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.dataflow_extract(text, text, text, text) IS
  'Compiles one Python file with the embedded CPython 3.11 (never runs it) and returns the data flow of every code object: definitions, uses, calls, imports and returns, the data steps between them, reaching definitions over the control-flow graph (exception edges included) and the sense of conditional branches; a compilation failure is an error row. file_sha256 defaults to the SHA-256 of the source.';

CREATE FUNCTION codecpg.df_units(f codecpg.dataflow_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT code_id integer, OUT parent_code_id integer, OUT qualname text, OUT name text,
    OUT kind text, OUT firstlineno1 integer, OUT argcount integer, OUT posonlyargcount integer,
    OUT kwonlyargcount integer, OUT has_varargs boolean, OUT has_varkeywords boolean,
    OUT class_code_id integer, OUT method_kind text, OUT event_start integer, OUT event_count integer,
    OUT branch_count integer, OUT unit_id text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_df_units'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.df_units(codecpg.dataflow_files_v1) IS
  'One row per code object of a dataflow_files_v1 row; unit_id is its BC_CODE_UNIT node in cpg_nodes.';

CREATE FUNCTION codecpg.df_events(f codecpg.dataflow_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT event_id integer, OUT code_id integer, OUT qualname text, OUT kind text, OUT role text,
    OUT name text, OUT bstart integer, OUT bend integer, OUT line0 integer, OUT detail integer,
    OUT node_id text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_df_events'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.df_events(codecpg.dataflow_files_v1) IS
  'One row per data-flow event of a dataflow_files_v1 row: role def (a DF_DEF node) or use (a DF_USE node), node_id its node in cpg_nodes (stable_id(''df_def''|''df_use'', file_id, event_id)).';

CREATE FUNCTION codecpg.df_reaches(f codecpg.dataflow_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT code_id integer, OUT qualname text, OUT name text, OUT def_id integer, OUT use_id integer,
    OUT def_line0 integer, OUT use_line0 integer, OUT bstart integer, OUT bend integer,
    OUT def_node_id text, OUT use_node_id text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_df_reaches'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.df_reaches(codecpg.dataflow_files_v1) IS
  'One row per reaching definition of a dataflow_files_v1 row: the definition def_id of the variable name may reach its use use_id (the REACHES edges of the CPG); bstart and bend are the use''s span.';

CREATE FUNCTION codecpg.df_steps(f codecpg.dataflow_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT code_id integer, OUT qualname text, OUT src_id integer, OUT dst_id integer, OUT edge_kind text,
    OUT role text, OUT arg_position integer, OUT keyword text, OUT src_line0 integer,
    OUT bstart integer, OUT bend integer, OUT src_node_id text, OUT dst_node_id text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_df_steps'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.df_steps(codecpg.dataflow_files_v1) IS
  'One row per data step of a dataflow_files_v1 row: the value of event src_id is part of event dst_id''s. edge_kind STEP_DEF when dst_id is a definition, else STEP_USE; role value, receiver, argument (arg_position), keyword, star or dstar; bstart and bend are the source''s span.';

CREATE FUNCTION codecpg.df_branches(f codecpg.dataflow_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT code_id integer, OUT qualname text, OUT src_block_start integer, OUT src_block_end integer,
    OUT dst_block_start integer, OUT dst_block_end integer, OUT sense boolean, OUT edge_kind text,
    OUT bstart integer, OUT bend integer, OUT src_node_id text, OUT dst_node_id text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_df_branches'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.df_branches(codecpg.dataflow_files_v1) IS
  'One row per conditional control-flow edge whose sense is known: sense true (CFG_BRANCH_TRUE) for the edge taken when the test holds. The test is the value a POP_JUMP_IF_TRUE/FALSE or JUMP_IF_TRUE/FALSE_OR_POP tests (x of `if not x:`), or the comparison `x is None` / `x is not None` as written; bstart and bend are its span; src_node_id and dst_node_id are CFG_BLOCK nodes.';

-- The same rows for codecpg.cpg_edges, without the node ids: the view derives them from
-- the last two columns only when a query reads them (a count then computes no SHA-256).
CREATE FUNCTION codecpg.cpg_reach_edges(f codecpg.dataflow_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT code_id integer, OUT qualname text, OUT name text, OUT def_id integer, OUT use_id integer,
    OUT def_line0 integer, OUT use_line0 integer, OUT bstart integer, OUT bend integer,
    OUT def_role text, OUT use_role text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_reach_edges'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cpg_reach_edges(codecpg.dataflow_files_v1) IS
  'codecpg.df_reaches for the view codecpg.cpg_edges: def_role and use_role (def or use, as in df_events) instead of the node ids, which are stable_id(''df_'' || role, file_id, event id).';

CREATE FUNCTION codecpg.cpg_step_edges(f codecpg.dataflow_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT code_id integer, OUT qualname text, OUT src_id integer, OUT dst_id integer, OUT edge_kind text,
    OUT role text, OUT arg_position integer, OUT keyword text, OUT src_line0 integer,
    OUT bstart integer, OUT bend integer, OUT src_role text, OUT dst_role text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_step_edges'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cpg_step_edges(codecpg.dataflow_files_v1) IS
  'codecpg.df_steps for the view codecpg.cpg_edges: one step per pair (src_id, dst_id), the one into the lowest argument position, else the first stored (a STEP_DEF or STEP_USE edge is the pair); src_role and dst_role (def or use, as in df_events) instead of the node ids, which are stable_id(''df_'' || role, file_id, event id).';

CREATE FUNCTION codecpg.cpg_branch_edges(f codecpg.dataflow_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT code_id integer, OUT qualname text, OUT src_block_start integer, OUT src_block_end integer,
    OUT dst_block_start integer, OUT dst_block_end integer, OUT sense boolean, OUT edge_kind text,
    OUT bstart integer, OUT bend integer, OUT firstlineno1 integer, OUT name text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_branch_edges'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.cpg_branch_edges(codecpg.dataflow_files_v1) IS
  'codecpg.df_branches for the view codecpg.cpg_edges: the code unit''s firstlineno1 and name instead of the block ids, which are stable_id(''bc_block'', stable_id(''bc_code'', file_id, qualname, firstlineno1, name), start, end).';

CREATE FUNCTION codecpg.df_errors(f codecpg.dataflow_files_v1,
    OUT repo text, OUT path text, OUT file_id text, OUT file_sha256 text,
    OUT error_type text, OUT message text,
    OUT bstart integer, OUT bend integer, OUT line0 integer, OUT col integer,
    OUT end_line0 integer, OUT end_col integer, OUT attrs jsonb)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_df_errors'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.df_errors(codecpg.dataflow_files_v1) IS
  'One row per compilation failure of a dataflow_files_v1 row, with its span (UTF-8 byte columns) where CPython reports one.';
