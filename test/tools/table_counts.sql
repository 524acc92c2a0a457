-- pg_temp.table_counts(rel): the rows of a table per repository (one NULL-repo row for a
-- table without a repo column). The life-cycle tests compare these counts across an
-- upgrade and a dump/restore: \i this file in the session that compares.
CREATE FUNCTION pg_temp.table_counts(rel regclass) RETURNS TABLE (repo text, n bigint) LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = rel AND attname = 'repo' AND NOT attisdropped) THEN
    RETURN QUERY EXECUTE format('SELECT repo, count(*) FROM %s GROUP BY repo', rel);
  ELSE
    RETURN QUERY EXECUTE format('SELECT NULL::text, count(*) FROM %s', rel);
  END IF;
END $$;
