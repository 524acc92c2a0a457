-- codecpg install script, part 98: statistics of the root tables.
--
-- Queries select rows by repository, file and path; none filters on the elements of a
-- row's nested lists. Analyzing those lists computes their element statistics from every
-- sampled array, detoasted: an ANALYZE of the fact tables of seven copies of the
-- standard library took 10 s, and 0.8 s without them. The lists get no statistics
-- (target 0), so that an index run can analyze the tables a new repository changed
-- (src/index/runs.c) and autovacuum's analyze stays cheap; cpg_graph_v1.callees keeps
-- its statistics, which plan its GIN index probes.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN
        SELECT a.attrelid::pg_catalog.regclass AS rel, a.attname
          FROM pg_catalog.pg_attribute a
          JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
          JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
         WHERE c.relnamespace = 'codecpg'::pg_catalog.regnamespace AND c.relkind IN ('r', 'p')
           AND a.attnum > 0 AND NOT a.attisdropped
           AND (t.typcategory IN ('A', 'C') OR t.typname = 'bytea')
           AND (c.relname, a.attname) <> ('cpg_graph_v1', 'callees')
         ORDER BY 1, 2
    LOOP
        EXECUTE format('ALTER TABLE %s ALTER COLUMN %I SET STATISTICS 0', r.rel, r.attname);
    END LOOP;
END
$$;
