-- The stored bytecode lists of 0.1.0 (30_bytecode_types.sql) are rebuilt into the 0.2.0
-- types through jsonb, which keeps every value, NULL elements included, and drops the
-- attributes the new types no longer have. A typed table's column cannot change type, so
-- the table leaves its row type meanwhile. A new column type drops the column's
-- compression: the rewrite compresses with the server's default, and 39_storage.sql (a
-- link to part 98) then sets lz4 for the values stored from then on.
CREATE TYPE codecpg.bc_upgrade_lists AS (code_objects codecpg.bc_code[]);
-- An instruction's span becomes flat: bstart, bend, col and end_col as they were, the
-- end line as end_line_delta past line_number (past 0 without one); line0 follows from
-- line_number. Order and NULL elements are kept.
CREATE FUNCTION codecpg.bc_upgrade_instructions(codes jsonb)
RETURNS jsonb
LANGUAGE sql IMMUTABLE
AS $$
SELECT CASE WHEN pg_catalog.jsonb_typeof(codes) <> 'array' THEN codes ELSE (
  SELECT COALESCE(pg_catalog.jsonb_agg(CASE WHEN pg_catalog.jsonb_typeof(c->'instructions') = 'array' THEN
      pg_catalog.jsonb_set(c, '{instructions}', (
        SELECT COALESCE(pg_catalog.jsonb_agg(CASE WHEN pg_catalog.jsonb_typeof(i) = 'object' THEN
                   i || pg_catalog.jsonb_build_object(
                     'bstart', i->'span'->'bstart', 'bend', i->'span'->'bend',
                     'col', i->'span'->'col', 'end_col', i->'span'->'end_col',
                     'end_line_delta', (i->'span'->>'end_line0')::integer + 1
                                       - COALESCE((i->>'line_number')::integer, 0))
                 ELSE i END ORDER BY n), '[]'::jsonb)
          FROM pg_catalog.jsonb_array_elements(c->'instructions') WITH ORDINALITY e(i, n)))
    ELSE c END ORDER BY k), '[]'::jsonb)
    FROM pg_catalog.jsonb_array_elements(codes) WITH ORDINALITY x(c, k)) END
$$;
ALTER TABLE codecpg.bytecode_files_v1 NOT OF;
ALTER TABLE codecpg.bytecode_files_v1
    ALTER COLUMN code_objects TYPE codecpg.bc_code[]
        USING (pg_catalog.jsonb_populate_record(NULL::codecpg.bc_upgrade_lists,
               pg_catalog.jsonb_build_object('code_objects',
                   codecpg.bc_upgrade_instructions(pg_catalog.to_jsonb(code_objects))))).code_objects;
ALTER TYPE codecpg.bytecode_file ALTER ATTRIBUTE code_objects TYPE codecpg.bc_code[];
ALTER TABLE codecpg.bytecode_files_v1 OF codecpg.bytecode_file;
DROP TYPE codecpg.bc_upgrade_lists;
DROP FUNCTION codecpg.bc_upgrade_instructions(jsonb);
DROP TYPE codecpg.bc_code_0_1;
DROP TYPE codecpg.bc_instr_0_1;
DROP TYPE codecpg.bc_cache;
