-- The stored tree-sitter lists of 0.1.0 (25_tree_sitter_types.sql) are rebuilt into the
-- 0.2.0 node from their own values, in their order, dropping what is derived and storing
-- distances for positions (part 19): a file whose parse had timed out keeps its empty
-- list, and no file is parsed under a time limit to rebuild it. A typed table's column
-- cannot change type, so the table leaves its row type meanwhile. line_starts is computed
-- from the stored source, by the extractor's own line rule.
CREATE FUNCTION codecpg.ts_upgrade_nodes(nodes codecpg.ts_node_0_1[])
RETURNS codecpg.ts_node[]
LANGUAGE sql IMMUTABLE STRICT
AS $$
SELECT pg_catalog.array_agg(ROW(n.position - 2 - n.parent_id,
                                 (n.span).bstart - COALESCE(n.previous_bstart, 0),
                                 (n.span).bend - (n.span).bstart,
                                 n.kind_id, codecpg.ts_field_id(n.field_name),
                                 (CASE WHEN n.is_named THEN 1 ELSE 0 END + CASE WHEN n.is_error THEN 2 ELSE 0 END
                                  + CASE WHEN n.is_missing THEN 4 ELSE 0 END + CASE WHEN n.is_extra THEN 8 ELSE 0 END
                                  + CASE WHEN n.has_error THEN 16 ELSE 0 END)::smallint,
                                 n.attrs)::codecpg.ts_node ORDER BY n.position)
  FROM (SELECT u.*, pg_catalog.lag((u.span).bstart) OVER (ORDER BY u.position) AS previous_bstart
          FROM pg_catalog.unnest(nodes) WITH ORDINALITY AS u(node_id, parent_id, kind, kind_id, field_name, child_index,
                                                              is_named, has_error, is_error, is_missing, is_extra, span,
                                                              attrs, position)) n
$$;
ALTER TABLE codecpg.tree_sitter_files_v1 NOT OF;
ALTER TABLE codecpg.tree_sitter_files_v1 ALTER COLUMN nodes TYPE codecpg.ts_node[]
    USING COALESCE(codecpg.ts_upgrade_nodes(nodes), CASE WHEN nodes IS NOT NULL THEN '{}'::codecpg.ts_node[] END);
ALTER TYPE codecpg.tree_sitter_file ALTER ATTRIBUTE nodes TYPE codecpg.ts_node[];
ALTER TYPE codecpg.tree_sitter_file ADD ATTRIBUTE line_starts integer[];
ALTER TABLE codecpg.tree_sitter_files_v1 ADD COLUMN line_starts integer[];
ALTER TABLE codecpg.tree_sitter_files_v1 OF codecpg.tree_sitter_file;
UPDATE codecpg.tree_sitter_files_v1 f
   SET line_starts = (codecpg.ts_extract(r.repo, r.path, r.source, r.file_sha256)).line_starts
  FROM codecpg.repo_files_v1 r
 WHERE r.repo = f.repo AND r.file_id = f.file_id AND r.source IS NOT NULL;
DROP FUNCTION codecpg.ts_upgrade_nodes(codecpg.ts_node_0_1[]);
DROP TYPE codecpg.ts_node_0_1;

SELECT codecpg.comment_attributes('codecpg.ts_error', ARRAY[
  ['node_id',  'The ERROR node: its node_id, the 0-based position in the file''s nodes.']
]);
SELECT codecpg.comment_attributes('codecpg.ts_missing', ARRAY[
  ['node_id',    'The MISSING node: its node_id, the 0-based position in the file''s nodes.']
]);
SELECT codecpg.comment_attributes('codecpg.tree_sitter_file', ARRAY[
  ['line_starts', 'Byte offset at which each line of the source starts (\n, \r\n and a lone \r end a line), 0 first: the lines and columns of the nodes derive from it.']
]);
SELECT codecpg.copy_type_comments('codecpg.tree_sitter_files_v1');
