-- codecpg install script, part 98: storage settings of the root tables.
--
-- A root row's lists are stored compressed (TOAST), and every query over the views
-- decompresses the lists it unnests. The two largest lists read by the views, the
-- bytecode code objects and the AST nodes, are stored with pglz, set here whatever the
-- server's default_toast_compression: the issue's limit on storage comes before speed.
-- On the standard library (bench/storage.sh, bytecode instructions stored lean), pglz
-- against lz4: bytecode_files_v1 36.2 MB against 40.0 MB (3.21 x against 3.54 x the
-- source), ast_files_v1 28.9 MB against 32.0 MB (2.56 x against 2.84 x), all tables
-- 15.99 x against 16.60 x. The price is decompression: counting the standard library's
-- instructions takes 0.66 to 0.73 s instead of 0.46 to 0.49 s, its AST nodes 0.17 s
-- instead of 0.15 s, and since every bytecode branch of the views decompresses the code
-- objects again, counting all edges of cpg_edges takes 5.7 s of CPU instead of 4.5 s
-- and counting all nodes 1.7 s instead of 1.4 s (bench/views.sh), within the issue's
-- 8 s limit. The tree-sitter and CST lists keep pglz too (lz4 makes them a fifth
-- larger); the other AST lists, the symbol table and SCIP use lz4 (their parts).
ALTER TABLE codecpg.bytecode_files_v1 ALTER COLUMN code_objects SET COMPRESSION pglz;
ALTER TABLE codecpg.ast_files_v1 ALTER COLUMN nodes SET COMPRESSION pglz;
