-- Derived texts that nesting repeats (qualified names, attribute chains, call argument
-- texts) share a budget per file, so that a row stays linear in its source; a text cut
-- short ends with U+2026 and the element's attrs say {"truncated": true}.
CREATE TEMP TABLE patho_src AS
  SELECT v.what, v.src
    FROM (VALUES ('nested lambdas', 'x = ' || repeat('lambda: ', 4000) || '1'),
                 ('attribute chain', 'x = a' || repeat('.b', 3000)),
                 ('nested calls', 'x = ' || repeat('f(é, ', 3000) || repeat(')', 3000)),
                 ('nested defs', (SELECT string_agg(repeat(' ', i) || E'def g():\n', '' ORDER BY i)
                                    FROM generate_series(0, 300) i) || repeat(' ', 301) || 'pass'),
                 ('flat expression', 'x = a' || repeat(' + b', 3000))) AS v(what, src);

-- rows are measured as built, uncompressed (a stored row would be compressed)
CREATE TEMP TABLE patho AS
  SELECT what, src, pg_column_size(codecpg.cst_extract('e', 'pkg/m.py', src)) AS row_bytes,
         codecpg.cst_extract('e', 'pkg/m.py', src) AS f
    FROM patho_src;

-- row size per source byte. A ref or call argument costs about 100 bytes before its
-- text, so a chain with an element every 2 bytes is near 100x; the flat expression is
-- the linear baseline (22x). Without the budget: lambdas 9000x, the chain 1500x.
SELECT what, row_bytes < 150 * octet_length(src) AS under_150x,
       (SELECT count(*) FROM unnest((f).refs) r WHERE r.attrs->>'truncated' = 'true') > 0 AS refs_flagged,
       (SELECT count(*) FROM unnest((f).defs) d WHERE d.attrs->>'truncated' = 'true') > 0 AS defs_flagged,
       (SELECT count(*) FROM unnest((f).call_args) a WHERE a.arg_text LIKE '%…') > 0 AS args_cut
  FROM patho ORDER BY what;

-- a cut never splits a UTF-8 sequence; once the budget is spent, a cut text is 64 bytes with its marker
SELECT count(convert_from(convert_to(a.arg_text, 'UTF8'), 'UTF8')) = count(*) AS valid_utf8,
       min(octet_length(a.arg_text)) FILTER (WHERE a.arg_text LIKE '%…') AS shortest_cut,
       count(*) FILTER (WHERE a.arg_text LIKE '%…') AS cut
  FROM patho, codecpg.cst_call_args(patho.f) a WHERE what = 'nested calls';

-- the innermost lambda's qualified name, cut; the outermost ones whole
SELECT d.def_id, octet_length(d.qnames[1]) AS qname_bytes, right(d.qnames[1], 12) AS qname_tail, d.attrs
  FROM patho, codecpg.cst_defs(patho.f) d
 WHERE what = 'nested lambdas' AND d.def_id IN (0, 1, 3999) ORDER BY d.def_id;
