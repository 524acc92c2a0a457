-- Limits of scip_load: a memory budget against hostile inputs that decode to hundreds of
-- times their size, repository names, and NULL arguments of the loading functions.
SET search_path = codecpg, public;
SELECT loaded_index_id, parts, documents, occurrences
  FROM scip_load('lim', convert_to('{"metadata": {"toolInfo": {"name": "t"}}, "documents": [{"relativePath": "a.py", "occurrences": [{"range": [0, 0, 1], "symbol": "x"}]}]}', 'UTF8'), 'json');

-- 100000 empty occurrences in one document: 200 kB of protobuf, megabytes decoded;
-- the same in JSON.  Both fail with 54000 under a 1 MB budget and leave the load of t.
SET codecpg.scip_max_memory = '1MB';
DO $$
BEGIN
    PERFORM scip_load('lim', '\x12c09a0c'::bytea || decode(repeat('1200', 100000), 'hex'), index_id => 't');
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'protobuf: % %', SQLSTATE, SQLERRM;
END $$;
DO $$
BEGIN
    PERFORM scip_load('lim', convert_to('{"documents": [{"occurrences": [' || repeat('{}, ', 99999) || '{}]}]}', 'UTF8'),
                      'json', index_id => 't');
EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'json: % %', SQLSTATE, SQLERRM;
END $$;
SELECT o.repo, o.index_id, o.path, o.occurrence_ordinal, o.symbol
  FROM scip_index_v1 i, scip_occurrences(i) o WHERE i.repo = 'lim';
-- the default budget takes it
RESET codecpg.scip_max_memory;
SELECT loaded_index_id, documents, occurrences
  FROM scip_load('lim', '\x12c09a0c'::bytea || decode(repeat('1200', 100000), 'hex'), index_id => 'big');
SELECT index_id, count(*) FROM scip_index_v1 WHERE repo = 'lim' GROUP BY 1 ORDER BY 1;

-- control characters are reserved for the staging repositories of index runs
SELECT * FROM scip_load(E'\x01staging:1', '\x'::bytea, index_id => 't');
SELECT * FROM scip_load(E'a\nb', '\x'::bytea, index_id => 't');
SELECT * FROM put_file_bytes(E'\x01staging:1', 'a.py', '\x'::bytea);
SELECT index_begin(E'\x01staging:1', 'client', '/x');
SELECT index_repo(E'r\x7f', '/nonexistent');

-- NULL arguments
SELECT * FROM scip_load(NULL, '\x'::bytea);
SELECT * FROM scip_load_file('lim', NULL);
SELECT * FROM scip_run('lim', NULL);
SELECT * FROM scip_run(NULL, '/tmp');
SELECT * FROM scip_run('lim', '/tmp', scip_python => NULL);
DELETE FROM scip_index_v1 WHERE repo = 'lim';
