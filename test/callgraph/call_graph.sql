-- The adapter between codecpg's call graph and the benchmark's edge names: one row
-- (caller, callee, kind) per distinct edge of repository :'repo', named as in expected.tsv.
-- Kept in this one file so it can follow cpg_call_graph when that function gains columns.
-- A lambda is its qualified name plus '@' and the 1-based line of its lambda keyword.
WITH scope_name AS (
    SELECT s.node_id,
           s.fqn || CASE WHEN s.scope_kind = 'LAMBDA'
                         THEN '@' || (1 + pg_catalog.length(x.head) - pg_catalog.length(pg_catalog.replace(x.head, E'\n', '')))
                         ELSE '' END AS name
      FROM codecpg.cpg_scopes_v1 s
      JOIN codecpg.repo_files_v1 f ON f.repo = s.repo AND f.file_id = s.file_id
     CROSS JOIN LATERAL (SELECT pg_catalog.convert_from(
                                  pg_catalog.substr(pg_catalog.convert_to(f.source, 'UTF8'), 1, s.bstart), 'UTF8') AS head) x
     WHERE s.repo = :'repo'
)
SELECT DISTINCT coalesce(cn.name, g.caller), coalesce(dn.name, g.callee), g.call_kind
  FROM codecpg.cpg_call_graph(:'repo') g
  LEFT JOIN scope_name cn ON cn.node_id = g.caller_node_id
  LEFT JOIN scope_name dn ON dn.node_id = g.callee_node_id
 ORDER BY 1, 2, 3;
