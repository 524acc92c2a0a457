-- The stored AST node lists of 0.1.0 (36_ast_types.sql) are rebuilt into the 0.2.0 node
-- from their own values, in their order, dropping what is derived: no file is parsed
-- again to rebuild them. A typed table's column cannot change type, so the table leaves
-- its row type meanwhile. A new column type drops the column's compression: the lists are
-- rewritten with pglz, as 39_storage.sql (a link to part 98) sets it. line_starts is
-- computed from the stored source by the extractor's own line rule.
CREATE FUNCTION codecpg.ast_upgrade_nodes(nodes codecpg.ast_node_0_1[])
RETURNS codecpg.ast_node[]
LANGUAGE sql IMMUTABLE STRICT
AS $$
SELECT pg_catalog.array_agg(ROW(n.parent_ast_id, n.kind, n.name, n.value, n.field_name, n.field_pos,
                                 (n.span).bstart, (n.span).bend, n.attrs)::codecpg.ast_node ORDER BY n.position)
  FROM pg_catalog.unnest(nodes) WITH ORDINALITY AS n(ast_id, parent_ast_id, kind, name, value, field_name,
                                                      field_pos, span, attrs, position)
$$;
ALTER TABLE codecpg.ast_files_v1 NOT OF;
ALTER TABLE codecpg.ast_files_v1
    ALTER COLUMN nodes TYPE codecpg.ast_node[]
        USING COALESCE(codecpg.ast_upgrade_nodes(nodes), CASE WHEN nodes IS NOT NULL THEN '{}'::codecpg.ast_node[] END),
    ALTER COLUMN nodes SET COMPRESSION pglz;
ALTER TYPE codecpg.ast_file ALTER ATTRIBUTE nodes TYPE codecpg.ast_node[];
ALTER TYPE codecpg.ast_file ADD ATTRIBUTE line_starts integer[];
ALTER TABLE codecpg.ast_files_v1 ADD COLUMN line_starts integer[];
ALTER TABLE codecpg.ast_files_v1 OF codecpg.ast_file;
UPDATE codecpg.ast_files_v1 f
   SET line_starts = (codecpg.ast_extract(r.repo, r.path, r.source, r.file_sha256)).line_starts
  FROM codecpg.repo_files_v1 r
 WHERE r.repo = f.repo AND r.file_id = f.file_id AND r.source IS NOT NULL;
DROP FUNCTION codecpg.ast_upgrade_nodes(codecpg.ast_node_0_1[]);
DROP TYPE codecpg.ast_node_0_1;

SELECT codecpg.comment_attributes('codecpg.ast_file', ARRAY[
  ['line_starts',  'Byte offset at which each line of the source starts (\n, \r\n and a lone \r end a line), 0 first: the lines and columns of the nodes derive from it.']
]);
SELECT codecpg.copy_type_comments('codecpg.ast_files_v1');
