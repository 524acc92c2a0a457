-- codecpg install script, part 98: storage settings of the root tables.
--
-- A root row's lists are stored compressed (TOAST), and every query over the views
-- decompresses the lists it unnests. The bytecode and AST lists compress as well with
-- lz4 as with PostgreSQL's default pglz, and lz4 decompresses them several times faster:
-- counting the instructions of the standard library's bytecode takes 0.13 s instead of
-- 0.36 s. The tree-sitter and CST lists would grow by a fifth with lz4 for little speed
-- (their cost is reading the elements, not decompressing them), so they keep pglz.
-- Figures: bench/storage.sh. A PostgreSQL built without lz4 keeps pglz everywhere.
DO $$
DECLARE
    col record;
BEGIN
    FOR col IN
        SELECT * FROM (VALUES ('bytecode_files_v1', 'code_objects'), ('ast_files_v1', 'nodes')) v(tbl, att)
    LOOP
        BEGIN
            EXECUTE format('ALTER TABLE codecpg.%I ALTER COLUMN %I SET COMPRESSION lz4', col.tbl, col.att);
        EXCEPTION WHEN feature_not_supported THEN
            RAISE NOTICE 'codecpg: lz4 is not available in this PostgreSQL; %.% keeps pglz', col.tbl, col.att;
        END;
    END LOOP;
END
$$;
