-- Leaner tree-sitter nodes (parts 19 and 20): node_id was the node's position in the list,
-- kind the grammar's name of kind_id, field_name the grammar's name of its field id,
-- child_index the node's rank among its parent's children, and the span's lines and
-- columns those of its bytes; codecpg.ts_nodes derives them now, from the row's new
-- line_starts, and the node stores its parent and bytes as distances. A composite type
-- that a column uses cannot lose attributes: the 0.1.0 ts_node steps aside here,
-- 26_tree_sitter_node.sql (a link to part 19) creates ts_node in its 0.2.0 shape with
-- codecpg.ts_kind, ts_field, ts_field_id and ts_node_list, and 27_tree_sitter_lists.sql
-- rebuilds the stored lists into it.
ALTER TYPE codecpg.ts_node RENAME TO ts_node_0_1;
