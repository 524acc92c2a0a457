-- SCIP indexes: loading (protobuf and JSON), the seven unnesting functions checked
-- against an independent decoder (the scip.proto bindings bundled with scip-python,
-- under Node: test/tools/scip_dump.js), byte spans against the sources, and hostile input.
-- Needs node and scip-python in build/node (scripts/install-scip-python.sh).
\set VERBOSITY default
SET client_min_messages = warning;
\getenv abs_srcdir PG_ABS_SRCDIR
\set data :abs_srcdir '/data/scip'
SELECT set_config('codecpg_test.dump', 'node ' || :'abs_srcdir' || '/tools/scip_dump.js', false) IS NOT NULL AS ok;
SELECT set_config('codecpg_test.data', :'data', false) IS NOT NULL AS ok;

-- The demo project's sources, so that ranges get byte offsets.
SELECT count(codecpg.put_file('scipdemo', p, pg_read_file(:'data' || '/project/' || p)))
  FROM unnest(ARRAY['main.py', 'demo/__init__.py', 'demo/shapes.py', 'demo/util.py']) p;

-- Every function of an index, as jsonb rows without index_id: two loads of the same
-- index compare equal exactly when these agree.
CREATE FUNCTION pg_temp.index_rows(r text, id text)
RETURNS TABLE (fn text, j jsonb)
LANGUAGE sql AS $$
  SELECT 'metadata', to_jsonb(x) - 'index_id' FROM codecpg.scip_index_v1 i, codecpg.scip_metadata(i) x WHERE i.repo = r AND i.index_id = id
  UNION ALL SELECT 'documents', to_jsonb(x) - 'index_id' FROM codecpg.scip_index_v1 i, codecpg.scip_documents(i) x WHERE i.repo = r AND i.index_id = id
  UNION ALL SELECT 'occurrences', to_jsonb(x) - 'index_id' FROM codecpg.scip_index_v1 i, codecpg.scip_occurrences(i) x WHERE i.repo = r AND i.index_id = id
  UNION ALL SELECT 'symbol_info', to_jsonb(x) - 'index_id' FROM codecpg.scip_index_v1 i, codecpg.scip_symbol_info(i) x WHERE i.repo = r AND i.index_id = id
  UNION ALL SELECT 'relationships', to_jsonb(x) - 'index_id' FROM codecpg.scip_index_v1 i, codecpg.scip_symbol_relationships(i) x WHERE i.repo = r AND i.index_id = id
  UNION ALL SELECT 'external_symbols', to_jsonb(x) - 'index_id' FROM codecpg.scip_index_v1 i, codecpg.scip_external_symbol_info(i) x WHERE i.repo = r AND i.index_id = id
  UNION ALL SELECT 'diagnostics', to_jsonb(x) - 'index_id' FROM codecpg.scip_index_v1 i, codecpg.scip_diagnostics(i) x WHERE i.repo = r AND i.index_id = id
$$;

CREATE FUNCTION pg_temp.compare_loads(r text, a text, b text)
RETURNS TABLE (fn text, rows_a bigint, rows_b bigint, mismatches bigint)
LANGUAGE sql AS $$
  WITH x AS (SELECT * FROM pg_temp.index_rows(r, a)), y AS (SELECT * FROM pg_temp.index_rows(r, b)),
       d AS ((SELECT * FROM x EXCEPT ALL SELECT * FROM y) UNION ALL (SELECT * FROM y EXCEPT ALL SELECT * FROM x)),
       f(fn) AS (VALUES ('metadata'), ('documents'), ('occurrences'), ('symbol_info'), ('relationships'),
                        ('external_symbols'), ('diagnostics'))
  SELECT f.fn, (SELECT count(*) FROM x WHERE x.fn = f.fn), (SELECT count(*) FROM y WHERE y.fn = f.fn),
         (SELECT count(*) FROM d WHERE d.fn = f.fn)
    FROM f
$$;

-- The independent decoder's rows, section by section (see test/tools/scip_dump.js).
CREATE TEMP TABLE n_m (protocol_version int, tool_name text, tool_version text, tool_arguments jsonb, project_root text, text_document_encoding int);
CREATE TEMP TABLE n_d (path text, language text, text text, occurrence_count int, symbol_count int);
CREATE TEMP TABLE n_o (path text, ordinal int, range_raw int[], symbol text, symbol_roles int, syntax_kind int, enclosing_range_raw int[], override_documentation jsonb, diagnostic_count int);
CREATE TEMP TABLE n_g (path text, occurrence_ordinal int, ordinal int, severity int, code text, message text, source text, tags int[]);
CREATE TEMP TABLE n_s (path text, ordinal int, symbol text, documentation jsonb, kind int, display_name text, enclosing_symbol text, relationship_count int);
CREATE TEMP TABLE n_r (path text, symbol_ordinal int, ordinal int, symbol text, is_reference bool, is_implementation bool, is_type_definition bool, is_definition bool);
CREATE TEMP TABLE n_x (ordinal bigint, symbol text, documentation jsonb, kind int, display_name text, enclosing_symbol text, relationship_count int);
CREATE TEMP TABLE n_xr (symbol_ordinal bigint, ordinal int, symbol text, is_reference bool, is_implementation bool, is_type_definition bool, is_definition bool);
CREATE TEMP TABLE n_t (path text, ordinal int, text text);

CREATE FUNCTION pg_temp.compare_with_node(r text, id text, file text, source_root text DEFAULT NULL)
RETURNS TABLE (section text, node_rows bigint, sql_rows bigint, mismatches bigint)
LANGUAGE plpgsql AS $$
DECLARE
  cmd text := current_setting('codecpg_test.dump');
  path text := current_setting('codecpg_test.data') || '/' || file;
  s record;
BEGIN
  TRUNCATE n_m, n_d, n_o, n_g, n_s, n_r, n_x, n_xr, n_t;
  FOR s IN SELECT * FROM (VALUES ('M', 'n_m'), ('D', 'n_d'), ('O', 'n_o'), ('G', 'n_g'), ('S', 'n_s'),
                                 ('R', 'n_r'), ('X', 'n_x'), ('XR', 'n_xr')) v(k, t) LOOP
    EXECUTE format('COPY %I FROM PROGRAM %L', s.t, cmd || ' --only ' || s.k || ' ' || path);
  END LOOP;
  IF source_root IS NOT NULL THEN
    EXECUTE format('COPY n_t FROM PROGRAM %L', cmd || ' --only T --source-root '
                   || current_setting('codecpg_test.data') || '/' || source_root || ' ' || path);
  END IF;
  -- proto3 defaults are stored as NULL: compare with the decoder's '' and empty lists.
  CREATE TEMP TABLE c_m AS SELECT x.protocol_version, coalesce(x.tool_name, '') AS tool_name, coalesce(x.tool_version, '') AS tool_version,
      to_jsonb(coalesce(x.tool_arguments, '{}')) AS tool_arguments, coalesce(x.project_root, '') AS project_root, x.text_document_encoding
    FROM codecpg.scip_index_v1 i, codecpg.scip_metadata(i) x WHERE i.repo = r AND i.index_id = id;
  CREATE TEMP TABLE c_d AS SELECT x.path, coalesce(x.language, '') AS language, coalesce(x.text, '') AS text, x.occurrence_count, x.symbol_count
    FROM codecpg.scip_index_v1 i, codecpg.scip_documents(i) x WHERE i.repo = r AND i.index_id = id;
  CREATE TEMP TABLE c_o AS SELECT x.path, x.occurrence_ordinal, coalesce(x.range_raw, '{}') AS range_raw, coalesce(x.symbol, '') AS symbol,
      x.symbol_roles, x.syntax_kind, coalesce(x.enclosing_range_raw, '{}') AS enclosing_range_raw,
      to_jsonb(coalesce(x.override_documentation, '{}')) AS override_documentation, x.diagnostic_count
    FROM codecpg.scip_index_v1 i, codecpg.scip_occurrences(i) x WHERE i.repo = r AND i.index_id = id;
  CREATE TEMP TABLE c_g AS SELECT x.path, x.occurrence_ordinal, x.diagnostic_ordinal, x.severity, coalesce(x.code, '') AS code,
      coalesce(x.message, '') AS message, coalesce(x.source, '') AS source, coalesce(x.tags, '{}') AS tags
    FROM codecpg.scip_index_v1 i, codecpg.scip_diagnostics(i) x WHERE i.repo = r AND i.index_id = id;
  CREATE TEMP TABLE c_s AS SELECT x.path, x.symbol_ordinal, coalesce(x.symbol, '') AS symbol, to_jsonb(coalesce(x.documentation, '{}')) AS documentation,
      x.kind, coalesce(x.display_name, '') AS display_name, coalesce(x.enclosing_symbol, '') AS enclosing_symbol, x.relationship_count
    FROM codecpg.scip_index_v1 i, codecpg.scip_symbol_info(i) x WHERE i.repo = r AND i.index_id = id;
  CREATE TEMP TABLE c_r AS SELECT x.path, x.symbol_ordinal::int, x.relationship_ordinal, coalesce(x.related_symbol, '') AS symbol,
      x.is_reference, x.is_implementation, x.is_type_definition, x.is_definition
    FROM codecpg.scip_index_v1 i, codecpg.scip_symbol_relationships(i) x WHERE i.repo = r AND i.index_id = id AND NOT x.is_external;
  CREATE TEMP TABLE c_x AS SELECT x.symbol_ordinal, coalesce(x.symbol, '') AS symbol, to_jsonb(coalesce(x.documentation, '{}')) AS documentation,
      x.kind, coalesce(x.display_name, '') AS display_name, coalesce(x.enclosing_symbol, '') AS enclosing_symbol, x.relationship_count
    FROM codecpg.scip_index_v1 i, codecpg.scip_external_symbol_info(i) x WHERE i.repo = r AND i.index_id = id;
  CREATE TEMP TABLE c_xr AS SELECT x.symbol_ordinal, x.relationship_ordinal, coalesce(x.related_symbol, '') AS symbol,
      x.is_reference, x.is_implementation, x.is_type_definition, x.is_definition
    FROM codecpg.scip_index_v1 i, codecpg.scip_symbol_relationships(i) x WHERE i.repo = r AND i.index_id = id AND x.is_external;
  -- the text each span's bytes cover in the stored source
  CREATE TEMP TABLE c_t AS SELECT x.path, x.occurrence_ordinal,
      convert_from(substring(convert_to(f.source, 'UTF8') FROM x.bstart + 1 FOR x.bend - x.bstart), 'UTF8') AS text
    FROM codecpg.scip_index_v1 i, codecpg.scip_occurrences(i) x
    JOIN codecpg.repo_files_v1 f ON f.repo = x.repo AND f.file_id = x.file_id
   WHERE i.repo = r AND i.index_id = id;
  FOR s IN SELECT * FROM (VALUES ('metadata', 'n_m', 'c_m'), ('documents', 'n_d', 'c_d'), ('occurrences', 'n_o', 'c_o'),
                                 ('diagnostics', 'n_g', 'c_g'), ('symbol_info', 'n_s', 'c_s'),
                                 ('relationships', 'n_r', 'c_r'), ('external_symbols', 'n_x', 'c_x'),
                                 ('external_relationships', 'n_xr', 'c_xr'), ('span_text', 'n_t', 'c_t')) v(sec, n, c) LOOP
    IF s.sec = 'span_text' AND source_root IS NULL THEN
      CONTINUE;
    END IF;
    section := s.sec;
    EXECUTE format('SELECT (SELECT count(*) FROM %1$I), (SELECT count(*) FROM %2$I),
                           (SELECT count(*) FROM ((TABLE %1$I EXCEPT ALL TABLE %2$I) UNION ALL (TABLE %2$I EXCEPT ALL TABLE %1$I)) z)',
                   s.n, s.c) INTO node_rows, sql_rows, mismatches;
    RETURN NEXT;
  END LOOP;
  DROP TABLE c_m, c_d, c_o, c_g, c_s, c_r, c_x, c_xr, c_t;
END
$$;

-- Hostile input: the SQLSTATE and message of a failed load (or 'ok').
CREATE FUNCTION pg_temp.try_load(b bytea, fmt text DEFAULT 'protobuf', id text DEFAULT 'hostile')
RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  st text; msg text; det text;
BEGIN
  PERFORM codecpg.scip_load('scipdemo', b, fmt, id);
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL;
  RETURN st || ' ' || msg || ': ' || det;
END
$$;

-- 1. scip-python's index of the demo project (protobuf).
SELECT * FROM codecpg.scip_load('scipdemo', pg_read_binary_file(:'data' || '/demo.scip'));
SELECT part_no, file_id IS NOT NULL AS has_file, attrs FROM codecpg.scip_index_v1 WHERE repo = 'scipdemo' ORDER BY part_no;
SELECT m.* FROM codecpg.scip_index_v1 i, codecpg.scip_metadata(i) m WHERE i.repo = 'scipdemo';
SELECT d.path, d.file_id = codecpg.file_id('scipdemo', d.path) AS file_matches, d.position_encoding, d.col_unit,
       d.occurrence_count, d.symbol_count
  FROM codecpg.scip_index_v1 i, codecpg.scip_documents(i) d WHERE i.repo = 'scipdemo' ORDER BY d.part_no;

-- Every function agrees with the independent decoder, and every span covers the text
-- that UTF-16 slicing of the source gives (main.py, shapes.py and util.py put emoji,
-- CJK and accented names on the same lines as references).
SELECT * FROM pg_temp.compare_with_node('scipdemo', 'scip-python', 'demo.scip', 'project');

-- A few spans on non-ASCII lines, with the bytes they cover.
SELECT o.path, o.occurrence_ordinal, o.range_raw, o.bstart, o.bend, o.line0, o.col, o.end_col,
       convert_from(substring(convert_to(f.source, 'UTF8') FROM o.bstart + 1 FOR o.bend - o.bstart), 'UTF8') AS covered
  FROM codecpg.scip_index_v1 i, codecpg.scip_occurrences(i) o
  JOIN codecpg.repo_files_v1 f ON f.repo = o.repo AND f.file_id = o.file_id
 WHERE i.repo = 'scipdemo' AND o.path = 'main.py' AND o.line0 = 9
 ORDER BY o.occurrence_ordinal;
-- Nothing is left without byte offsets where the file is known.
SELECT count(*) AS unmapped FROM codecpg.scip_index_v1 i, codecpg.scip_occurrences(i) o
 WHERE i.repo = 'scipdemo' AND o.bstart IS NULL;
SELECT o.path, o.occurrence_ordinal, o.enclosing_range_raw, o.enclosing_bstart, o.enclosing_bend,
       o.enclosing_line0, o.enclosing_col, o.enclosing_end_line0, o.enclosing_end_col
  FROM codecpg.scip_index_v1 i, codecpg.scip_occurrences(i) o
 WHERE i.repo = 'scipdemo' AND o.enclosing_range_raw IS NOT NULL AND o.path = 'demo/util.py'
 ORDER BY o.occurrence_ordinal;
SELECT r.path, r.symbol, r.related_symbol, r.is_reference, r.is_implementation, r.is_type_definition, r.is_definition
  FROM codecpg.scip_index_v1 i, codecpg.scip_symbol_relationships(i) r WHERE i.repo = 'scipdemo'
 ORDER BY r.path, r.symbol_ordinal, r.relationship_ordinal;

-- 2. The same index in JSON form loads to the same rows.
SELECT loaded_index_id, parts, documents, occurrences, symbols, external_symbols
  FROM codecpg.scip_load('scipdemo', pg_read_binary_file(:'data' || '/demo.json'), 'json', 'demo-json');
SELECT * FROM pg_temp.compare_loads('scipdemo', 'scip-python', 'demo-json');

-- 3. Fields scip-python never writes (extra.scip, hand-built): diagnostics, 4-element and
-- multi-line ranges, declared position encodings, signature documentation, unknown
-- fields of every wire type, several Index messages back to back.
SELECT count(codecpg.put_file('scipdemo', p, t)) FROM (VALUES
  ('extra.py', E'x = ''é😀''\nprint(x)  # ü\n'),
  ('utf16.py', E'é = "😀😀"; é\n')) v(p, t);
SELECT * FROM codecpg.scip_load('scipdemo', pg_read_binary_file(:'data' || '/extra.scip'), index_id => 'extra');
SELECT * FROM pg_temp.compare_with_node('scipdemo', 'extra', 'extra.scip');
SELECT m.* FROM codecpg.scip_index_v1 i, codecpg.scip_metadata(i) m WHERE i.repo = 'scipdemo' AND i.index_id = 'extra';
SELECT d.part_no, d.path, d.file_id IS NOT NULL AS has_file, d.language, d.text, d.position_encoding, d.col_unit
  FROM codecpg.scip_index_v1 i, codecpg.scip_documents(i) d WHERE i.repo = 'scipdemo' AND i.index_id = 'extra' ORDER BY d.part_no;
-- extra.py declares UTF-8 columns, utf16.py UTF-16; missing.py is not in repo_files_v1;
-- utf16.py's column 6 falls inside a surrogate pair: no byte offsets there.
SELECT o.path, o.occurrence_ordinal, o.symbol, o.symbol_roles, o.syntax_kind, o.range_raw,
       o.bstart, o.bend, o.line0, o.col, o.end_line0, o.end_col,
       convert_from(substring(convert_to(f.source, 'UTF8') FROM o.bstart + 1 FOR o.bend - o.bstart), 'UTF8') AS covered,
       o.enclosing_range_raw, o.enclosing_bstart, o.enclosing_bend, o.override_documentation, o.diagnostic_count
  FROM codecpg.scip_index_v1 i, codecpg.scip_occurrences(i) o
  LEFT JOIN codecpg.repo_files_v1 f ON f.repo = o.repo AND f.file_id = o.file_id
 WHERE i.repo = 'scipdemo' AND i.index_id = 'extra' ORDER BY o.path, o.occurrence_ordinal;
SELECT g.* FROM codecpg.scip_index_v1 i, codecpg.scip_diagnostics(i) g WHERE i.repo = 'scipdemo' AND i.index_id = 'extra';
SELECT s.path, s.symbol_ordinal, s.symbol, s.documentation, s.kind, s.display_name, s.enclosing_symbol,
       s.signature_text, s.signature_language, s.signature_occurrences, s.relationship_count
  FROM codecpg.scip_index_v1 i, codecpg.scip_symbol_info(i) s WHERE i.repo = 'scipdemo' AND i.index_id = 'extra';
SELECT x.part_no, x.symbol_ordinal, x.symbol, x.documentation, x.kind, x.relationship_count
  FROM codecpg.scip_index_v1 i, codecpg.scip_external_symbol_info(i) x WHERE i.repo = 'scipdemo' AND i.index_id = 'extra';
SELECT r.path, r.is_external, r.symbol_ordinal, r.symbol, r.related_symbol, r.is_reference, r.is_implementation,
       r.is_type_definition, r.is_definition
  FROM codecpg.scip_index_v1 i, codecpg.scip_symbol_relationships(i) r WHERE i.repo = 'scipdemo' AND i.index_id = 'extra'
 ORDER BY r.is_external, r.symbol_ordinal;
-- Unpacked repeated integers, and the JSON form (enum names, camelCase), decode alike.
SELECT parts FROM codecpg.scip_load('scipdemo', pg_read_binary_file(:'data' || '/extra-unpacked.scip'), index_id => 'extra-unpacked');
SELECT * FROM pg_temp.compare_loads('scipdemo', 'extra', 'extra-unpacked') WHERE rows_a > 0 OR mismatches > 0;
SELECT parts FROM codecpg.scip_load('scipdemo', pg_read_binary_file(:'data' || '/extra.json'), 'json', 'extra-json');
SELECT * FROM pg_temp.compare_loads('scipdemo', 'extra', 'extra-json') WHERE rows_a > 0 OR mismatches > 0;
-- The other spellings the JSON mapping allows: snake_case, enum numbers, integers as strings.
SELECT parts, occurrences FROM codecpg.scip_load('scipdemo', convert_to($j$
{"metadata": {"tool_info": {"name": "handmade"}, "text_document_encoding": "UTF8"},
 "documents": [{"relative_path": "utf16.py", "position_encoding": 2,
   "occurrences": [{"range": ["0", 12, "13"], "symbol": "local e", "symbol_roles": "8", "syntax_kind": "Identifier"}]}],
 "external_symbols": [{"symbol": "ext#", "kind": "Class", "relationships": [{"symbol": "a#", "is_implementation": true}]}]}
$j$, 'UTF8'), 'json', 'spelling');
SELECT o.path, o.range_raw, o.symbol, o.symbol_roles, o.syntax_kind, o.bstart, o.bend
  FROM codecpg.scip_index_v1 i, codecpg.scip_occurrences(i) o WHERE i.repo = 'scipdemo' AND i.index_id = 'spelling';
SELECT x.symbol, x.kind FROM codecpg.scip_index_v1 i, codecpg.scip_external_symbol_info(i) x WHERE i.repo = 'scipdemo' AND i.index_id = 'spelling';
-- Two Index messages back to back, each with metadata: protobuf merges them field by field
-- (scalars: last wins; lists append; sub-messages merge).
SELECT loaded_index_id, parts FROM codecpg.scip_load('scipdemo', '\x0a0c12060a01611a01781a0272310a0712031a01792002'::bytea);
SELECT m.tool_name, m.tool_arguments, m.project_root, m.text_document_encoding
  FROM codecpg.scip_index_v1 i, codecpg.scip_metadata(i) m WHERE i.repo = 'scipdemo' AND i.index_id = 'a';
-- A forced column unit overrides the producer's rule.
SELECT documents_with_source, unmapped_ranges
  FROM codecpg.scip_load('scipdemo', pg_read_binary_file(:'data' || '/demo.scip'), index_id => 'forced', position_encoding => 'utf-8');
SELECT d.col_unit, count(*) FROM codecpg.scip_index_v1 i, codecpg.scip_documents(i) d
 WHERE i.repo = 'scipdemo' AND i.index_id = 'forced' GROUP BY 1;

-- 4. Reloading replaces; a failed reload leaves the stored index as it was.
CREATE TEMP TABLE before AS SELECT md5(string_agg(j::text, '' ORDER BY fn, j::text)) AS h, count(*) AS n
  FROM pg_temp.index_rows('scipdemo', 'scip-python');
SELECT parts FROM codecpg.scip_load('scipdemo', pg_read_binary_file(:'data' || '/demo.scip'));
SELECT pg_temp.try_load(substring(pg_read_binary_file(:'data' || '/demo.scip') FROM 1 FOR 9000), 'protobuf', 'scip-python');
SELECT pg_temp.try_load(convert_to('{"documents": [{"relativePath": 7}]}', 'UTF8'), 'json', 'scip-python');
SELECT b.n AS rows_before, a.n AS rows_after, a.h = b.h AS unchanged
  FROM before b, (SELECT md5(string_agg(j::text, '' ORDER BY fn, j::text)) AS h, count(*) AS n
                    FROM pg_temp.index_rows('scipdemo', 'scip-python')) a;
SELECT count(*) AS parts FROM codecpg.scip_index_v1 WHERE repo = 'scipdemo' AND index_id = 'scip-python';

-- 5. Hostile bytes: each gives an error with a specific SQLSTATE, never a crash.
SELECT pg_temp.try_load('\x'::bytea) AS empty_index;
SELECT pg_temp.try_load('\x12ffffffffffffffff7f00'::bytea) AS huge_length;
SELECT pg_temp.try_load('\x12ffffffff0f'::bytea) AS length_past_end;
SELECT pg_temp.try_load('\xffffffffffffffffffff01'::bytea) AS eleven_byte_varint;
SELECT pg_temp.try_load('\x0b00'::bytea) AS metadata_wire_type_3;
SELECT pg_temp.try_load('\x4b00'::bytea) AS unknown_field_wire_type_3;
SELECT pg_temp.try_load('\x4c'::bytea) AS unknown_field_wire_type_4;
SELECT pg_temp.try_load('\x4e0000'::bytea) AS unknown_field_wire_type_6;
SELECT pg_temp.try_load('\x4f0000'::bytea) AS unknown_field_wire_type_7;
SELECT pg_temp.try_load('\x0700'::bytea) AS field_zero;
SELECT pg_temp.try_load('\x1000'::bytea) AS documents_as_varint;
SELECT pg_temp.try_load('\x1205120322ff41'::bytea) AS truncated_nested_length;
SELECT pg_temp.try_load('\x12040a02c328'::bytea) AS invalid_utf8_path;
SELECT pg_temp.try_load('\x12030a0100'::bytea) AS nul_in_path;
SELECT pg_temp.try_load('\x250102'::bytea) AS truncated_fixed32;
SELECT pg_temp.try_load('\x2101020304'::bytea) AS truncated_fixed64;
-- Document -> symbol -> signature_documentation -> symbol -> ..., 40 levels deep.
CREATE FUNCTION pg_temp.nested(levels int) RETURNS bytea LANGUAGE plpgsql AS $$
DECLARE b bytea := '\x'; i int;
BEGIN
  FOR i IN 1 .. levels LOOP
    -- alternately SymbolInformation.signature_documentation (7) and Document.symbols (3)
    b := set_byte('\x00'::bytea, 0, CASE WHEN i % 2 = 1 THEN 58 ELSE 26 END)
         || set_byte('\x00'::bytea, 0, length(b)) || b;
  END LOOP;
  RETURN '\x12'::bytea || set_byte('\x00'::bytea, 0, length(b)) || b;
END $$;
SELECT pg_temp.try_load(pg_temp.nested(40)) AS deep_nesting;
SELECT pg_temp.try_load(pg_temp.nested(4)) AS shallow_nesting_ok;
SELECT pg_temp.try_load(convert_to('{"documents": [', 'UTF8'), 'json') AS truncated_json;
SELECT pg_temp.try_load(convert_to('[1]', 'UTF8'), 'json') AS json_not_an_index;
SELECT pg_temp.try_load(convert_to('{"documents": [{"occurrences": [{"range": [1e40]}]}]}', 'UTF8'), 'json') AS json_out_of_range;
SELECT pg_temp.try_load(convert_to('{"documents": [{"positionEncoding": "UTF7"}]}', 'UTF8'), 'json') AS json_bad_enum;
SELECT pg_temp.try_load('\x0a00'::bytea, 'xml') AS unknown_format;

-- Every truncation and every single-bit flip of extra.scip, and truncations of the
-- demo index in both forms: errors or successful loads, never a crash.
CREATE TEMP TABLE sweep AS
  WITH b AS (SELECT pg_read_binary_file(:'data' || '/extra.scip') AS b)
  SELECT 'truncated' AS kind, pg_temp.try_load(substring(b FROM 1 FOR n)) AS r
    FROM b, generate_series(0, length(b) - 1) n
  UNION ALL
  SELECT 'bit flip', pg_temp.try_load(set_byte(b, i, get_byte(b, i) # (1 << bit)))
    FROM b, generate_series(0, length(b) - 1) i, generate_series(0, 7) bit;
INSERT INTO sweep
  SELECT 'demo truncated', pg_temp.try_load(substring(b FROM 1 FOR n))
    FROM (SELECT pg_read_binary_file(:'data' || '/demo.scip') AS b) x, generate_series(1, length(b) - 1, 97) n;
INSERT INTO sweep
  SELECT 'demo JSON truncated', pg_temp.try_load(substring(b FROM 1 FOR n), 'json')
    FROM (SELECT pg_read_binary_file(:'data' || '/demo.json') AS b) x, generate_series(1, length(b) - 1, 89) n;
SELECT kind, split_part(r, ' ', 1) AS outcome, count(*) FROM sweep GROUP BY 1, 2 ORDER BY 1, 2;
-- the demo index survived all of that
SELECT b.n = a.n AND a.h = b.h AS demo_unchanged
  FROM before b, (SELECT md5(string_agg(j::text, '' ORDER BY fn, j::text)) AS h, count(*) AS n
                    FROM pg_temp.index_rows('scipdemo', 'scip-python')) a;

-- 6. scip_run runs scip-python on the server (here the copy in build/node) and loads its
-- index: the same rows as the checked-in fixture, except project_root in the metadata and
-- the docstrings of external symbols, which come from whatever Python the server finds.
\set scip_python :abs_srcdir '/../build/node/node_modules/.bin/scip-python'
\set project :abs_srcdir '/data/scip/project'
SELECT loaded_index_id, parts, documents, documents_with_source, occurrences, unmapped_ranges
  FROM codecpg.scip_run('scipdemo', :'project', 'demo', '0.1', :'scip_python', 'run');
SELECT * FROM pg_temp.compare_loads('scipdemo', 'scip-python', 'run') WHERE fn NOT IN ('metadata', 'external_symbols');
DO $$
BEGIN
  PERFORM codecpg.scip_run('scipdemo', '/nonexistent', scip_python => 'codecpg-no-such-scip-python');
EXCEPTION WHEN undefined_file THEN
  RAISE WARNING 'not installed: %', SQLERRM;
END $$;
SELECT (SELECT parts FROM codecpg.scip_run('scipdemo', '/nonexistent/project', scip_python => :'scip_python'));

-- 7. Deleting a source file deletes the SCIP document stored against it.
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'scipdemo' AND path = 'main.py';
SELECT count(*) AS main_parts FROM codecpg.scip_index_v1 i, codecpg.scip_documents(i) d
 WHERE i.repo = 'scipdemo' AND i.index_id = 'scip-python' AND d.path = 'main.py';
SELECT * FROM codecpg.schema_check();
DELETE FROM codecpg.scip_index_v1 WHERE repo = 'scipdemo';
DELETE FROM codecpg.repo_files_v1 WHERE repo = 'scipdemo';
