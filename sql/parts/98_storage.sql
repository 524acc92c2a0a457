-- codecpg install script, part 98: how the root tables' lists are compressed.
--
-- A root row's lists are stored compressed (TOAST): an index run compresses every list it
-- writes, and every query over the views decompresses the lists it unnests. lz4 does both
-- several times faster than pglz and takes more space, so each large list is given the
-- method its own figures favour, all set here (standard library, 681 files, 2026-12-07).
--
-- lz4 wherever the space it adds keeps all tables of a repository within 12 x its source
-- bytes (bench/run.sh storage: 11.44 x with the bytecode code objects in pglz, about
-- 11.74 x with lz4): the bytecode code objects (compressed in 0.8 s instead of 2.9 s,
-- 32.0 MB against 28.5 MB; the standard library's full index with the graph 10.1 s ->
-- 9.2 s with -j 2, and every bytecode branch of the views decompresses them faster), the
-- tree-sitter nodes (0.27 s instead of 1.1 s, 10.9 MB against 10.1 MB), the CST summaries
-- (0.16 s instead of 0.38 s, 4% more); the graph's links repeat their node ids and come out
-- smaller with lz4 (7.6 MB against 8.7 MB); the other AST lists, the symbol table and SCIP
-- documents are small or read whole. A server built without lz4 keeps pglz.
--
-- pglz, set whatever the server's default_toast_compression, for the AST nodes, where lz4
-- would add a fifth (18.8 MB against 16.0 MB) and take the repository to the 12 x line.
-- The CST lists and the data flow's lists keep the server's default (pglz unless
-- configured): lz4 makes them a quarter larger.
DO $$
BEGIN
    ALTER TABLE codecpg.bytecode_files_v1 ALTER COLUMN code_objects SET COMPRESSION lz4;
    ALTER TABLE codecpg.tree_sitter_files_v1 ALTER COLUMN nodes SET COMPRESSION lz4;
    ALTER TABLE codecpg.libcst_files_v1 ALTER COLUMN summary SET COMPRESSION lz4;
    ALTER TABLE codecpg.ast_files_v1
        ALTER COLUMN errors SET COMPRESSION lz4,
        ALTER COLUMN defs SET COMPRESSION lz4,
        ALTER COLUMN imports SET COMPRESSION lz4,
        ALTER COLUMN calls SET COMPRESSION lz4,
        ALTER COLUMN docstrings SET COMPRESSION lz4,
        ALTER COLUMN type_ignores SET COMPRESSION lz4;
    ALTER TABLE codecpg.symtable_files_v1
        ALTER COLUMN blocks SET COMPRESSION lz4,
        ALTER COLUMN errors SET COMPRESSION lz4;
    ALTER TABLE codecpg.scip_index_v1
        ALTER COLUMN documents SET COMPRESSION lz4,
        ALTER COLUMN external_symbols SET COMPRESSION lz4;
    ALTER TABLE codecpg.cpg_graph_v1
        ALTER COLUMN links SET COMPRESSION lz4,
        ALTER COLUMN callees SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    NULL;
END
$$;
ALTER TABLE codecpg.ast_files_v1 ALTER COLUMN nodes SET COMPRESSION pglz;
