-- codecpg install script, part 19: the tree-sitter node (20_tree_sitter.sql: the table
-- tree_sitter_files_v1 and its functions). The seed's edges list is not stored:
-- every node carries its parent, field name and child index, and codecpg.ts_edges()
-- derives the edges from them.
--
-- A node stores only what is not derivable, as a quarter of the extension's storage is
-- these lists (bench/storage.sh): its id is its position in the list, its kind the
-- grammar's name of kind_id (codecpg.ts_kind), its lines and columns those of its bytes
-- in the file's line_starts. codecpg.ts_nodes() returns all of them.

CREATE TYPE codecpg.ts_node AS (
    parent_id   integer,
    kind_id     integer,
    field_name  text,
    child_index integer,
    is_named    boolean,
    has_error   boolean,
    is_error    boolean,
    is_missing  boolean,
    is_extra    boolean,
    bstart      integer,
    bend        integer,
    attrs       jsonb
);
COMMENT ON TYPE codecpg.ts_node IS
  'A tree-sitter node, named or anonymous, stored lean: its node_id is its 0-based position in the file''s list (preorder), its kind codecpg.ts_kind(kind_id), its lines and columns derive from bstart and bend with the file''s line_starts. codecpg.ts_nodes(f) returns them all.';
SELECT codecpg.comment_attributes('codecpg.ts_node', ARRAY[
  ['parent_id',   'node_id (0-based position in the list) of the parent; NULL for the root.'],
  ['kind_id',     'Numeric symbol of the node type in the grammar (ts_node_symbol); its name, the node type, is codecpg.ts_kind(kind_id).'],
  ['field_name',  'Field of the parent this node fills (e.g. name, body), or NULL.'],
  ['child_index', 'Position among all children of the parent, 0-based; NULL for the root.'],
  ['is_named',    'The node is a named node (not punctuation or a keyword token).'],
  ['has_error',   'The node or one of its descendants is an ERROR or MISSING node.'],
  ['is_error',    'The node is an ERROR node inserted by error recovery.'],
  ['is_missing',  'The node is a MISSING node inserted by error recovery (zero width).'],
  ['is_extra',    'The node is an extra (a comment or line continuation outside the grammar''s structure).'],
  ['bstart',      'Byte offset of the node''s first byte in the stored source.'],
  ['bend',        'Byte offset just past the node''s last byte.'],
  ['attrs',       'Additional facts (jsonb), or NULL.']
]);

CREATE FUNCTION codecpg.ts_kind(kind_id integer)
RETURNS text
AS 'MODULE_PATHNAME', 'cpg_ts_kind'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION codecpg.ts_kind(integer) IS
  'The node type that tree-sitter-python names a grammar symbol (ts_language_symbol_name, aliases included; 65535 is ERROR): the kind of a codecpg.ts_node from its kind_id. NULL for a number that is not a symbol of the grammar.';
