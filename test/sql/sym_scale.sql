-- symtable_extract on a module with many definitions: linear in the number of child
-- tables (a symbol's namespaces and a class's methods are looked up, not scanned), and
-- cancellable while it builds the rows. 80,000 one-line functions took 17 s and
-- ignored statement_timeout; now they take about a second.

CREATE TEMP TABLE gen AS
SELECT string_agg(format('def f%s(): pass', i), E'\n') || E'\nclass C:\n'
       || string_agg(format('    def m%s(self): pass', i % 1000), E'\n') AS src
  FROM generate_series(1, 20000) i;
-- lineno1 past 256 (an int CPython creates per read, once read after it was freed)
SELECT cardinality((f).blocks) AS blocks, cardinality((f).errors) AS errors,
       ((f).blocks[20001]).name AS last_def, ((f).blocks[20001]).lineno1 AS last_def_line,
       cardinality(((f).blocks[20002]).class_methods) AS distinct_methods,
       ((f).blocks[20002]).class_methods[1:3] AS first_methods
  FROM (SELECT codecpg.symtable_extract('t', 'gen.py', src) AS f FROM gen) s;
SELECT s.name, s.namespace_count, s.namespace_block_ids[1:3] AS first_namespaces
  FROM gen, codecpg.sym_symbols(codecpg.symtable_extract('t', 'gen.py', src)) s
 WHERE s.block_id = 20001 AND s.name IN ('m0', 'm1', 'm999') ORDER BY s.name;

-- statement_timeout cancels it long before it would finish (CPython's own symtable()
-- call cannot be interrupted; codecpg.python_max_bytes bounds that part)
CREATE TEMP TABLE big AS
SELECT string_agg(format('def f%s(): pass', i), E'\n') AS src FROM generate_series(1, 100000) i;
SET statement_timeout = '100ms';
DO $$
DECLARE
  t0 timestamptz := clock_timestamp();
BEGIN
  PERFORM codecpg.symtable_extract('t', 'big.py', src) FROM big;
  RAISE NOTICE 'not cancelled';
EXCEPTION WHEN query_canceled THEN
  RAISE NOTICE 'cancelled within 10 s: %', clock_timestamp() - t0 < interval '10 s';
END $$;
RESET statement_timeout;
