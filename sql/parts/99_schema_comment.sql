-- codecpg install script, part 99: the comment on the schema, a guide to what it holds.
-- It names the views and graph functions the parts before it create, and it is a part of
-- its own because the upgrade from 0.1.0, which had no comment on the schema, sets it
-- from this same text (sql/updates/0.1.0--0.2.0/99_schema_comment.sql links here).

COMMENT ON SCHEMA codecpg IS
  'codecpg: Python code as a code property graph. Query the views cpg_nodes and cpg_edges (flat columns, one row per node or edge of every indexed repository) and the graph functions (cpg_call_graph, cpg_callers, cpg_callees, cpg_imports, cpg_dot_*); the *_files_v1 tables hold the extracted facts, one nested row per file per source. See the comments on each object.';
