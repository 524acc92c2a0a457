-- codecpg install script, part 19: the tree-sitter node (20_tree_sitter.sql: the table
-- tree_sitter_files_v1 and its functions). The seed's edges list is not stored:
-- every node carries its parent, field name and child index, and codecpg.ts_edges()
-- derives the edges from them.
--
-- A node stores only what is not derivable, as these lists were the largest part of the
-- extension's storage (bench/storage.sh): its id is its position in the list (preorder),
-- its kind the grammar's name of kind_id (codecpg.ts_kind), its field the grammar's name
-- of field_id (codecpg.ts_field), its child_index its rank among its parent's children,
-- its lines and columns those of its bytes in the file's line_starts. What it stores is
-- kept small so that compression finds it again and again: the parent and the first
-- byte as distances back from the node (the first byte of a node in preorder is never
-- before the previous node's), the last byte as a length, the five flags as bits. On the
-- standard library that is 64% less than storing the absolute values.
-- codecpg.ts_nodes() and codecpg.ts_node_list() give every node back whole.

CREATE TYPE codecpg.ts_node AS (
    parent_gap  integer,
    start_gap   integer,
    length      integer,
    kind_id     integer,
    field_id    smallint,
    flags       smallint,
    attrs       jsonb
);
COMMENT ON TYPE codecpg.ts_node IS
  'A tree-sitter node, named or anonymous, stored lean: its node_id is its 0-based position in the file''s list (preorder), its parent, first and last byte are stored as distances, its kind is codecpg.ts_kind(kind_id), its field codecpg.ts_field(field_id), its lines and columns derive from its bytes and the file''s line_starts. codecpg.ts_nodes(f) and codecpg.ts_node_list(nodes) return them whole.';
SELECT codecpg.comment_attributes('codecpg.ts_node', ARRAY[
  ['parent_gap', 'How many nodes lie between the node and its parent in the list: parent_id = node_id - parent_gap - 1. NULL for the root.'],
  ['start_gap',  'Bytes from the previous node''s first byte to this node''s (the first node: from the start of the file): bstart is the running sum.'],
  ['length',     'Bytes the node spans: bend = bstart + length (0 for a MISSING node).'],
  ['kind_id',    'Numeric symbol of the node type in the grammar (ts_node_symbol); its name, the node type, is codecpg.ts_kind(kind_id).'],
  ['field_id',   'Numeric field of the parent this node fills in the grammar; its name (e.g. name, body) is codecpg.ts_field(field_id). NULL for none.'],
  ['flags',      'Bits: 1 named (not punctuation or a keyword token), 2 an ERROR node, 4 a MISSING node (both inserted by error recovery), 8 an extra (a comment or line continuation), 16 has_error (the node or a descendant is ERROR or MISSING).'],
  ['attrs',      'Additional facts (jsonb), or NULL.']
]);

CREATE FUNCTION codecpg.ts_kind(kind_id integer)
RETURNS text
AS 'MODULE_PATHNAME', 'cpg_ts_kind'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.ts_kind(integer) IS
  'The node type that tree-sitter-python names a grammar symbol (ts_language_symbol_name, aliases included; 65535 is ERROR): the kind of a codecpg.ts_node from its kind_id. NULL for a number that is not a symbol of the grammar.';

CREATE FUNCTION codecpg.ts_field(field_id integer)
RETURNS text
AS 'MODULE_PATHNAME', 'cpg_ts_field_by_id'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.ts_field(integer) IS
  'The field name tree-sitter-python gives a field number (ts_language_field_name_for_id): the field_name of a codecpg.ts_node from its field_id. NULL for a number that is not a field of the grammar.';

CREATE FUNCTION codecpg.ts_field_id(field_name text)
RETURNS smallint
AS 'MODULE_PATHNAME', 'cpg_ts_field_id_by_name'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.ts_field_id(text) IS
  'The field number tree-sitter-python gives a field name (ts_language_field_id_for_name), the inverse of codecpg.ts_field. NULL for a name that is not a field of the grammar.';

CREATE FUNCTION codecpg.ts_node_list(nodes codecpg.ts_node[],
    OUT node_id integer, OUT parent_id integer, OUT kind_id integer, OUT field_id smallint,
    OUT flags smallint, OUT bstart integer, OUT bend integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'cpg_ts_node_list'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 3000;
COMMENT ON FUNCTION codecpg.ts_node_list(codecpg.ts_node[]) IS
  'A stored list of tree-sitter nodes (tree_sitter_files_v1.nodes) with its distances resolved, in order: each node''s node_id (its position), parent_id, bstart and bend, and kind_id, field_id and flags as stored. What the views read (fixed-width columns only, so that a count costs little); codecpg.ts_nodes(f) gives every column, names, booleans, lines and columns included.';
