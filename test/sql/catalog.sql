-- The schema registry as installed: what CREATE EXTENSION created matches what the
-- library declares, and drift is reported.

-- no mismatch on a fresh installation
SELECT * FROM codecpg.schema_check();
SELECT root_table, matches FROM codecpg.schema_fingerprints();

-- every root table is a typed table of its composite type, with a comment
SELECT c.relname AS root_table, format_type(c.reloftype, NULL) AS row_type,
       obj_description(c.oid, 'pg_class') IS NOT NULL AS commented
  FROM pg_class c
 WHERE c.relnamespace = 'codecpg'::regnamespace AND c.relkind = 'r'
   AND c.relname IN (SELECT table_name FROM codecpg.declared_tables())
 ORDER BY 1;

-- tables of indexed data, run records and the CPG's derived tables are dumped with their
-- rows (a restored database has its whole graph)
SELECT c.relname, c.oid = ANY (e.extconfig) AS dumped_with_data,
       c.relname IN (SELECT table_name FROM codecpg.declared_tables()) AS root
  FROM pg_class c, pg_extension e
 WHERE c.relnamespace = 'codecpg'::regnamespace AND c.relkind = 'r' AND e.extname = 'codecpg'
 ORDER BY 1;

-- every composite type, root or element, is commented, and so is every attribute
SELECT t.typname, count(a.attnum) AS attributes,
       bool_and(col_description(t.typrelid, a.attnum) IS NOT NULL) AS all_commented,
       obj_description(t.oid, 'pg_type') IS NOT NULL AS type_commented
  FROM pg_type t
  JOIN pg_class c ON c.oid = t.typrelid AND c.relkind = 'c'
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
 WHERE t.typnamespace = 'codecpg'::regnamespace
 GROUP BY t.typname, t.oid
 ORDER BY 1;

-- no view other than cpg_nodes / cpg_edges
SELECT relname FROM pg_class
 WHERE relnamespace = 'codecpg'::regnamespace AND relkind IN ('v', 'm')
   AND relname NOT IN ('cpg_nodes', 'cpg_edges');

-- identity columns are NOT NULL and the keys are real constraints
SELECT conrelid::regclass AS root_table, contype, pg_get_constraintdef(oid) AS definition
  FROM pg_constraint
 WHERE connamespace = 'codecpg'::regnamespace AND contype IN ('p', 'f', 'u')
 ORDER BY 1, 2, 3;

-- every function is commented and declared by the library
SELECT function_name, arguments FROM codecpg.function_inventory()
 WHERE NOT declared OR description IS NULL;

-- drift: an attribute added inside a transaction is reported, and the row builders refuse
-- to write the drifted type ...
BEGIN;
ALTER TYPE codecpg.span ADD ATTRIBUTE sneaky integer CASCADE;
SELECT * FROM codecpg.schema_check();
SELECT root_table FROM codecpg.schema_fingerprints() WHERE NOT matches ORDER BY 1;
SELECT codecpg.span_from_bytes('x', 0, 1);
ROLLBACK;
-- ... and once rolled back, the check is clean again and the builders work
SELECT count(*) AS problems FROM codecpg.schema_check();
SELECT codecpg.span_from_bytes('x', 0, 1);

-- drift: a renamed attribute, a lost comment, a lost cascading reference, an extra view
BEGIN;
ALTER TYPE codecpg.ts_stats RENAME ATTRIBUTE parse_ms TO parse_millis CASCADE;
COMMENT ON COLUMN codecpg.ast_node.value IS NULL;
ALTER TABLE codecpg.bytecode_files_v1 DROP CONSTRAINT bytecode_files_v1_file_fkey;
ALTER TABLE codecpg.symtable_files_v1 ALTER COLUMN file_sha256 DROP NOT NULL;
CREATE VIEW codecpg.extra_view AS SELECT 1 AS one;
ALTER EXTENSION codecpg ADD VIEW codecpg.extra_view;
CREATE FUNCTION codecpg.extra_function() RETURNS int LANGUAGE sql AS 'SELECT 1';
ALTER EXTENSION codecpg ADD FUNCTION codecpg.extra_function();
SELECT * FROM codecpg.schema_check();
ROLLBACK;

-- a dropped attribute stops the row builders with a clear error
BEGIN;
ALTER TYPE codecpg.span DROP ATTRIBUTE end_col CASCADE;
SELECT codecpg.span_from_bytes('x', 0, 1);
ROLLBACK;
