-- Server-side indexing (codecpg.index_repo) of test/data/index/proj: file selection,
-- decoding, error rows, run records, re-indexing without changes, options, refusal.
\set VERBOSITY default
\set root `pwd`/test/data/index/proj

-- Decoding as CPython reads a file: BOM, PEP 263 declaration on line 1 or 2, UTF-8.
SELECT d.* FROM codecpg.decode_source('\xefbbbf783d31'::bytea) d;
SELECT d.* FROM codecpg.decode_source(convert_to(E'#!/usr/bin/python\n# -*- coding: latin-1 -*-\n', 'UTF8') || '\x733d22e9220a'::bytea) d;
SELECT d.source, d.encoding FROM codecpg.decode_source(convert_to(E'# vim: set fileencoding=cp1252 :\n', 'UTF8') || '\x733d2280220a'::bytea) d;
-- a declaration on line 2 counts only after a comment or blank line 1
SELECT d.encoding, d.error_kind, d.error_message FROM codecpg.decode_source(convert_to(E'x = 1\n# coding: latin-1\n', 'UTF8') || '\xe90a'::bytea) d;
SELECT d.* FROM codecpg.decode_source(convert_to(E'# coding: klingon\nx = 1\n', 'UTF8')) d;
SELECT d.* FROM codecpg.decode_source('\xefbbbf2320636f64696e673a206c6174696e2d310a'::bytea) d;
SELECT d.* FROM codecpg.decode_source(convert_to(E'a = 1\nb = "', 'UTF8') || '\xc328220a'::bytea) d;
SELECT d.* FROM codecpg.decode_source('\x610062'::bytea) d;
SELECT d.* FROM codecpg.decode_source(convert_to(E'# coding: ascii\nx = "', 'UTF8') || '\xc3a9'::bytea) d;

-- Byte-level snapshots: the hash is of the raw bytes, the source is decoded.
SELECT p.* FROM codecpg.put_file_bytes('bytes', 'a.py', '\x783d310a'::bytea) p;
SELECT p.status, p.decoded FROM codecpg.put_file_bytes('bytes', 'a.py', '\x783d310a'::bytea) p;
SELECT p.status, p.decoded FROM codecpg.put_file_bytes('bytes', 'a.py', '\x783d320a'::bytea) p;
SELECT p.status, p.decoded FROM codecpg.put_file_bytes('bytes', 'b.py', '\x6200'::bytea) p;
SELECT path, file_sha256 = encode(sha256(CASE path WHEN 'a.py' THEN '\x783d320a'::bytea ELSE '\x6200'::bytea END), 'hex') AS raw_sha,
       size_bytes, encoding, source, line_count
  FROM codecpg.repo_files_v1 WHERE repo = 'bytes' ORDER BY path;
SET codecpg.max_file_size = 3;
SELECT codecpg.put_file_bytes('bytes', 'c.py', '\x783d310a'::bytea);
RESET codecpg.max_file_size;
SELECT codecpg.put_file_bytes('bytes', NULL, '\x00'::bytea);

-- A first server-side index of the project.
SELECT files_seen, files_added, files_changed, files_removed, files_unchanged, files_failed,
       status, origin, message IS NULL AS no_message, finished_at >= started_at AS finished,
       versions ? 'postgresql' AND versions ? 'codecpg library' AS has_versions,
       options
  FROM codecpg.index_repo('proj', :'root', '{"max_file_size": 2048}');
SELECT run_id AS run1 FROM codecpg.index_runs WHERE repo = 'proj' \gset
-- the option applied to the call only
SHOW codecpg.max_file_size;

-- default excludes: build, dist, *.egg-info, virtualenvs, .tox; *.py only
SELECT path, encoding, source IS NOT NULL AS decoded, line_count, size_bytes
  FROM codecpg.repo_files_v1 WHERE repo = 'proj' ORDER BY path;
SELECT bool_and(file_sha256 = encode(sha256(convert_to(source, 'UTF8')), 'hex')) AS utf8_files_hash_their_text
  FROM codecpg.repo_files_v1 WHERE repo = 'proj' AND encoding = 'utf-8' AND path <> 'lib/bom.py';
-- the BOM is not part of the text; the hash is of the raw bytes
SELECT left(source, 3) AS starts, file_sha256 <> encode(sha256(convert_to(source, 'UTF8')), 'hex') AS raw_hash
  FROM codecpg.repo_files_v1 WHERE repo = 'proj' AND path = 'lib/bom.py';

-- ingestion problems are error rows of the run
SELECT path, kind, message, line0
  FROM codecpg.index_errors WHERE run_id = :run1 AND domain IS NULL ORDER BY path;
-- extractor problems: the syntax error of lib/broken.py, nothing else
SELECT DISTINCT path, kind FROM codecpg.index_errors WHERE run_id = :run1 AND domain IS NOT NULL;

-- every installed extractor ran on every decoded file, and on nothing else
CREATE FUNCTION pg_temp.domain_files(repo text)
RETURNS TABLE (domain text, files bigint, matches_decoded boolean, in_run_record boolean)
LANGUAGE plpgsql AS $$
DECLARE
    d record;
BEGIN
    FOR d IN SELECT * FROM codecpg.index_domains() LOOP
        domain := d.domain;
        EXECUTE format('SELECT count(*), array_agg(path ORDER BY path) IS NOT DISTINCT FROM '
                       '(SELECT array_agg(path ORDER BY path) FROM codecpg.repo_files_v1 WHERE repo = $1 AND source IS NOT NULL) '
                       'FROM %s WHERE repo = $1', d.root_table)
          INTO files, matches_decoded USING repo;
        SELECT (r.domains -> d.domain ->> 'rows')::bigint = files
          INTO in_run_record
          FROM codecpg.index_runs r WHERE r.repo = domain_files.repo ORDER BY r.run_id DESC LIMIT 1;
        RETURN NEXT;
    END LOOP;
END
$$;
SELECT bool_and(files = 9 AND matches_decoded AND in_run_record) AS every_domain_complete
  FROM pg_temp.domain_files('proj');

-- Re-indexing unchanged files: nothing is stored or extracted again.
SELECT max(indexed_at) AS before FROM codecpg.repo_files_v1 WHERE repo = 'proj' \gset
SELECT files_seen, files_added, files_changed, files_removed, files_unchanged, files_failed,
       (SELECT count(*) FROM jsonb_each(domains) WHERE (value ->> 'files')::int > 0) AS domains_with_work
  FROM codecpg.index_repo('proj', :'root', '{"max_file_size": 2048}');
SELECT max(indexed_at) = :'before' AS untouched FROM codecpg.repo_files_v1 WHERE repo = 'proj';
-- an unchanged undecodable file is not reported again; the size limit is (nothing stored)
SELECT path, kind FROM codecpg.index_errors
 WHERE run_id = (SELECT max(run_id) FROM codecpg.index_runs) ORDER BY path;

-- A larger limit adds the big file; include/exclude globs narrow the selection and
-- the files no longer selected are removed with their facts.
SELECT files_seen, files_added, files_removed, files_unchanged, files_failed
  FROM codecpg.index_repo('proj', :'root');
SELECT files_seen, files_added, files_removed, files_unchanged, files_failed
  FROM codecpg.index_repo('proj', :'root', '{"include": ["app/*.py", "*tool.py"], "exclude": ["util"]}');
SELECT path FROM codecpg.repo_files_v1 WHERE repo = 'proj' ORDER BY path;
SELECT domain, files FROM pg_temp.domain_files('proj') WHERE files <> 3;
-- without default excludes, build outputs and virtualenvs are indexed too
SELECT files_seen FROM codecpg.index_repo('everything', :'root', '{"default_excludes": false, "include": ["*.py"]}');
SELECT path FROM codecpg.repo_files_v1 WHERE repo = 'everything' AND path !~ '^(app|lib|scripts|data)/' ORDER BY path;

-- Bad calls.
SELECT codecpg.index_repo('proj', :'root', '{"bogus": 1}');
SELECT codecpg.index_repo('proj', :'root', '{"include": "*.py"}');
SELECT codecpg.index_repo('proj', 'relative/dir');
SELECT codecpg.index_repo('proj', '/dev/null');
SELECT codecpg.index_repo('proj', '/nonexistent/codecpg');
SELECT codecpg.index_repo('', :'root');
SELECT codecpg.index_finish(-1, '{}');

-- Only roles with the privileges of pg_read_server_files may read server directories.
-- (The role is a codecpg writer, so that the function's own check is what refuses.)
CREATE ROLE codecpg_ix_user;
SELECT codecpg.grant_writer('codecpg_ix_user');
SET ROLE codecpg_ix_user;
SELECT codecpg.index_repo('proj', :'root');
RESET ROLE;
SELECT codecpg.revoke_access('codecpg_ix_user');
DROP ROLE codecpg_ix_user;

-- Run records are dumped with the extension's data.
SELECT c.relname FROM pg_extension e, unnest(e.extconfig) t(oid) JOIN pg_class c ON c.oid = t.oid
 WHERE e.extname = 'codecpg' AND c.relname LIKE 'index%' ORDER BY 1;
SELECT count(*) AS runs, count(*) FILTER (WHERE status = 'succeeded') AS succeeded
  FROM codecpg.index_runs WHERE repo = 'proj';

-- A run that changes files refreshes the code property graph in its transaction: indexing
-- the CPG test project alone yields its hand-written call graph, both ways round.
\set cpgroot `pwd`/test/data/cpg
SELECT files_added, domains ? 'cpg' AS graph_refreshed FROM codecpg.index_repo('cpgproj', :'cpgroot');
CREATE TEMP TABLE expected_calls (caller text, callee text, call_kind text, sites integer);
\copy expected_calls FROM 'test/data/cpg/expected_callgraph.tsv'
SELECT 'missing' AS side, * FROM (SELECT * FROM expected_calls
                                  EXCEPT SELECT caller, callee, call_kind, sites::integer FROM codecpg.cpg_call_graph('cpgproj')) m
UNION ALL
SELECT 'unexpected', * FROM (SELECT caller, callee, call_kind, sites::integer FROM codecpg.cpg_call_graph('cpgproj')
                             EXCEPT SELECT * FROM expected_calls) u;
-- an unchanged re-run has nothing to refresh
SELECT files_unchanged, domains ? 'cpg' AS graph_refreshed FROM codecpg.index_repo('cpgproj', :'cpgroot');
-- a run with "cpg": false leaves the graph as it was, stale, for an explicit refresh
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'cpgproj' AND path = 'main.py';
SELECT files_added, domains ? 'cpg' AS graph_refreshed FROM codecpg.index_repo('cpgproj', :'cpgroot', '{"cpg": false}');
SELECT codecpg.index_repo('cpgproj', :'cpgroot', '{"cpg": "yes"}');
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'cpgproj';
DELETE FROM codecpg.index_runs WHERE repo = 'cpgproj';

-- Leave no rows behind for the tests that follow.
DELETE FROM codecpg.repo_files_v1 WHERE repo IN ('bytes', 'proj', 'everything');
DELETE FROM codecpg.index_runs WHERE repo IN ('bytes', 'proj', 'everything');
SELECT count(*) AS leftover_errors FROM codecpg.index_errors;
