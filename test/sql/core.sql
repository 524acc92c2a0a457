-- Identities, the source snapshot and spans.

-- stable ids: "<prefix>:" + 128 bits of SHA-256 over the parts joined by U+001F
SELECT codecpg.stable_id('cst_def', 'f', 'FUNCTION', '10', '42');
SELECT codecpg.stable_id('x', 'a', 'b') = 'x:' || left(encode(sha256(convert_to('a' || chr(31) || 'b', 'UTF8')), 'hex'), 32) AS matches_recipe;
SELECT codecpg.file_id('demo', 'pkg/mod.py') = codecpg.stable_id('file', 'demo', 'pkg/mod.py') AS file_id_recipe;
SELECT codecpg.stable_id('p', VARIADIC ARRAY['a', NULL]);

-- put_file: snapshot with hash, size and line count; unchanged content is kept,
-- changed content replaces the snapshot
SELECT codecpg.put_file('demo', 'pkg/mod.py', E'import os\r\nx = "é"\n') AS file_id \gset
SELECT path, file_id = :'file_id' AS id_ok, size_bytes, line_count, encoding,
       file_sha256 = encode(sha256(convert_to(source, 'UTF8')), 'hex') AS sha_ok
  FROM codecpg.repo_files_v1 WHERE repo = 'demo';
SELECT indexed_at AS first_indexed FROM codecpg.repo_files_v1 WHERE repo = 'demo' \gset
SELECT codecpg.put_file('demo', 'pkg/mod.py', E'import os\r\nx = "é"\n') = :'file_id' AS same_id;
SELECT indexed_at = :'first_indexed' AS unchanged_kept FROM codecpg.repo_files_v1 WHERE repo = 'demo';
SELECT codecpg.put_file('demo', 'pkg/mod.py', 'pass');
SELECT size_bytes, line_count FROM codecpg.repo_files_v1 WHERE repo = 'demo';
SELECT codecpg.put_file('demo', 'empty.py', '');
SELECT path, size_bytes, line_count FROM codecpg.repo_files_v1 WHERE repo = 'demo' ORDER BY path;

-- spans from byte offsets: lines end at \n, \r\n and a lone \r; columns are bytes
SELECT s.* FROM codecpg.span_from_bytes(E'ab\ncd', 3, 5) s;
SELECT s.* FROM codecpg.span_from_bytes(E'a\r\nb\rc', 4, 6) s;
-- a multi-byte character counts its bytes; the span's bytes are the text's bytes
SELECT s.*, convert_from(substring(convert_to(E'x = "é"\ny', 'UTF8') FROM s.bstart + 1 FOR s.bend - s.bstart), 'UTF8') AS text
  FROM codecpg.span_from_bytes(E'x = "é"\ny', 4, 8) s;
SELECT codecpg.span_from_bytes('abc', 2, 9);
