-- Leaner AST nodes (parts 39 and 40): ast_id was the node's position in the list and the
-- span's lines and columns those of its bytes; codecpg.ast_nodes derives them now, from
-- the row's new line_starts. A composite type that a column uses cannot lose attributes:
-- the 0.1.0 ast_node steps aside here, 37_ast_node.sql (a link to part 39) creates
-- ast_node in its 0.2.0 shape, and 38_ast_lists.sql rebuilds the stored lists into it.
ALTER TYPE codecpg.ast_node RENAME TO ast_node_0_1;
