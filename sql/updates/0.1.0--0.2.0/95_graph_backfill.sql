-- The graph of 0.1.0 had another shape (20_resolver.sql dropped it): every repository with
-- CST facts gets its graph from the new resolver now, so that the upgrade leaves a
-- complete database (summaries of files extracted under 0.1.0 are built from the stored
-- sources as the refresh goes).
SELECT count(codecpg.cpg_refresh(r.repo))
  FROM codecpg.repositories r
 WHERE EXISTS (SELECT 1 FROM codecpg.libcst_files_v1 l WHERE l.repo = r.repo);
