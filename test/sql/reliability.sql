-- Hostile or careless input to the storage and query functions: clear errors, bounded work.
\set VERBOSITY default

-- put_file_bytes and put_file take a repository name and a plain relative path only.
SELECT codecpg.put_file_bytes('', 'a.py', '\x783d310a'::bytea);
SELECT codecpg.put_file_bytes('paths', p, '\x783d310a'::bytea)
  FROM unnest(ARRAY['../../etc/passwd']) p;
DO $$
DECLARE
    p text;
BEGIN
    FOREACH p IN ARRAY ARRAY['/etc/passwd', 'a/../../b.py', './a.py', 'a//b.py', 'a/', '', 'a/.', '..'] LOOP
        BEGIN
            PERFORM codecpg.put_file_bytes('paths', p, '\x783d310a'::bytea);
            RAISE NOTICE 'put_file_bytes accepted %', p;
        EXCEPTION WHEN invalid_parameter_value THEN
            RAISE NOTICE 'put_file_bytes refused "%": %', p, SQLERRM;
        END;
        BEGIN
            PERFORM codecpg.put_file('paths', p, 'x = 1');
            RAISE NOTICE 'put_file accepted %', p;
        EXCEPTION WHEN invalid_parameter_value THEN
            RAISE NOTICE 'put_file refused "%": %', p, SQLERRM;
        END;
    END LOOP;
END
$$;
SELECT codecpg.put_file('', 'a.py', 'x = 1');
-- names that only look odd are paths like any other
SELECT p.status FROM codecpg.put_file_bytes('paths', '...', '\x783d310a'::bytea) p;
SELECT p.status FROM codecpg.put_file_bytes('paths', 'pkg/.hidden/..x.py', '\x783d310a'::bytea) p;
SELECT codecpg.put_file('paths', 'pkg/a..b.py', 'x = 1') IS NOT NULL AS stored;
SELECT path FROM codecpg.repo_files_v1 WHERE repo = 'paths' ORDER BY path;

-- Transitive callers and callees over call cycles: every function once, at its shortest
-- distance, however deep the walk may go; the depth is bounded.
SELECT count(codecpg.put_file('cycles', 'ring.py', src)) AS files
  FROM (SELECT string_agg(format(E'def f%s():\n    return f%s()\n', i, (i + 1) % 40), '') ||
               E'def again():\n    return again() or f0()\n' AS src
          FROM generate_series(0, 39) i) x;
DO $$
DECLARE
    d record;
BEGIN
    FOR d IN SELECT * FROM codecpg.index_domains() LOOP
        EXECUTE format('INSERT INTO %s SELECT (%s(f.repo, f.path, f.source)).* FROM codecpg.repo_files_v1 f WHERE f.repo = %L',
                       d.root_table, regexp_replace(d.extractor::text, '\(.*$', ''), 'cycles');
    END LOOP;
END
$$;
SELECT scopes > 0 AS refreshed FROM codecpg.cpg_refresh('cycles');
SELECT caller, depth FROM codecpg.cpg_callers('cycles', 'ring.f0', 3);
SELECT count(*) AS callers, count(DISTINCT caller) AS distinct_callers, min(depth), max(depth),
       count(*) FILTER (WHERE caller = 'ring.f0') AS f0_itself
  FROM codecpg.cpg_callers('cycles', 'ring.f0', 1000);
SELECT count(*) AS callees, count(DISTINCT callee) AS distinct_callees, max(depth)
  FROM codecpg.cpg_callees('cycles', 'ring.again', 1000);
SELECT callee, depth FROM codecpg.cpg_callees('cycles', 'ring.again', 2);
SELECT * FROM codecpg.cpg_callers('cycles', 'ring.f0', 0);
SELECT * FROM codecpg.cpg_callers('cycles', 'ring.f0', 1001);
SELECT * FROM codecpg.cpg_callees('cycles', 'ring.f0', -1);

-- schema_check reports a foreign key that no index covers (deleting a referenced row
-- would scan the referencing table): cpg_graph_v1's reference to the files, once its
-- primary key (repo, file_id), which covers it, is gone.
SELECT * FROM codecpg.schema_check();
BEGIN;
ALTER TABLE codecpg.cpg_graph_v1 DROP CONSTRAINT cpg_graph_v1_pkey;
SELECT object_kind, object_name, problem, expected FROM codecpg.schema_check();
ROLLBACK;

-- The regression database is shared with the other tests: leave no repository behind.
DELETE FROM codecpg.repo_files_v1 WHERE repo IN ('paths', 'cycles');
SELECT count(*) AS left_behind FROM codecpg.cpg_scopes_v1 WHERE repo IN ('paths', 'cycles');
