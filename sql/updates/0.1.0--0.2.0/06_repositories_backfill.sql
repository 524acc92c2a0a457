-- codecpg.repositories is new in 0.2.0 (05_repositories.sql, a link to part 11). Every
-- repository indexed under 0.1.0 gets its row: 0.1.0 named modules with the indexed root
-- on sys.path (no root package, no source root), and it recorded no owner, so the
-- repositories go to the role that runs the upgrade (a superuser), which can give them
-- away with codecpg.alter_repository_owner.
INSERT INTO codecpg.repositories (repo, created_at)
SELECT f.repo, min(f.indexed_at) FROM codecpg.repo_files_v1 f GROUP BY f.repo
ON CONFLICT DO NOTHING;
