-- codecpg install script, part 39: the CPython AST node (40_ast.sql: the other AST
-- lists, the table ast_files_v1 and its functions). The seed's edges list is not stored:
-- each node carries its parent, field name and position, and codecpg.ast_edges() derives
-- the CHILD edges from them.
--
-- A node stores only what is not derivable, as the nodes are most of ast_files_v1
-- (bench/storage.sh): its ast_id is its position in the list, its lines and columns
-- those of its bytes in the file's line_starts. codecpg.ast_nodes() returns all of them.

CREATE TYPE codecpg.ast_node AS (
    parent_ast_id integer,
    kind          text,
    name          text,
    value         text,
    field_name    text,
    field_pos     integer,
    bstart        integer,
    bend          integer,
    attrs         jsonb
);
COMMENT ON TYPE codecpg.ast_node IS 'A CPython AST node, in DFS preorder, stored lean: its ast_id is its 0-based position in the file''s list, its lines and columns derive from bstart and bend with the file''s line_starts. codecpg.ast_nodes(f) returns them all. The shared singleton nodes of expr_context, operator, boolop, unaryop and cmpop are not nodes of their own: they are attrs of their owner.';
SELECT codecpg.comment_attributes('codecpg.ast_node', ARRAY[
  ['parent_ast_id', 'ast_id (0-based position in the list) of the parent; NULL for the Module node.'],
  ['kind',          'CPython node class name: FunctionDef, Name, Constant, ...'],
  ['name',          'The identifier the node carries (Name.id, FunctionDef.name, arg.arg, alias.name, Attribute.attr, ...), or NULL.'],
  ['value',         'repr() of a Constant''s value, or NULL.'],
  ['field_name',    'Field of the parent holding this node (body, targets, value, ...); seed attrs.field_name.'],
  ['field_pos',     'Position in that field when the field is a list, else NULL; seed attrs.field_pos.'],
  ['bstart',        'Byte offset of the node''s first byte in the stored source (CPython''s lineno and col_offset); NULL for nodes without positions (Module, arguments, comprehension, withitem, match_case, TypeIgnore).'],
  ['bend',          'Byte offset just past the node''s last byte (CPython''s end_lineno and end_col_offset), or NULL.'],
  ['attrs',         'Other scalar fields of the node, or NULL: expression contexts and operators by class name ({"ctx": "Load"}, {"op": "Add"}, {"ops": ["Lt"]}), is_async, level, conversion, asname, type_comment, kind, names, ...']
]);
