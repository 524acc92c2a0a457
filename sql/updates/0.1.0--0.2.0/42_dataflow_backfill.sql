-- Data flow (docs/dataflow.md): its install parts come before this (40, 41, linked to parts 85
-- and 86); the CPG views with their DF block are created again from part 98 (90).

-- Files indexed under 0.1.0 get their data flow now: index runs re-extract changed files only.
INSERT INTO codecpg.dataflow_files_v1
SELECT d.* FROM codecpg.repo_files_v1 f
 CROSS JOIN LATERAL codecpg.dataflow_extract(f.repo, f.path, f.source, f.file_sha256) d
 WHERE f.source IS NOT NULL;
