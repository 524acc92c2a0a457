-- The stored bytecode lists of 0.1.0 (30_bytecode_types.sql) are rebuilt into the 0.2.0
-- types through jsonb, which keeps every value, NULL elements included, and drops the
-- attributes the new types no longer have. A typed table's column cannot change type, so
-- the table leaves its row type meanwhile. The rewrite stores the lists with pglz, as
-- 29_storage.sql (a link to part 98) set for new values; the AST nodes stored by 0.1.0
-- keep lz4 until their files are extracted again.
CREATE TYPE codecpg.bc_upgrade_lists AS (code_objects codecpg.bc_code[]);
ALTER TABLE codecpg.bytecode_files_v1 NOT OF;
ALTER TABLE codecpg.bytecode_files_v1
    ALTER COLUMN code_objects TYPE codecpg.bc_code[]
        USING (pg_catalog.jsonb_populate_record(NULL::codecpg.bc_upgrade_lists,
               pg_catalog.jsonb_build_object('code_objects', pg_catalog.to_jsonb(code_objects)))).code_objects,
    ALTER COLUMN code_objects SET COMPRESSION pglz;
ALTER TYPE codecpg.bytecode_file ALTER ATTRIBUTE code_objects TYPE codecpg.bc_code[];
ALTER TABLE codecpg.bytecode_files_v1 OF codecpg.bytecode_file;
DROP TYPE codecpg.bc_upgrade_lists;
DROP TYPE codecpg.bc_code_0_1;
DROP TYPE codecpg.bc_instr_0_1;
DROP TYPE codecpg.bc_cache;
