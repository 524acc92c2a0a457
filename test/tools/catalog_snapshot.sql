-- The codecpg extension's objects as pg_catalog describes them, one line per fact,
-- "<object>\t<property>\t<value>", sorted: run it in two databases and diff the outputs
-- to see exactly which object differs (test/shell/upgrade.sh compares an upgraded
-- installation with a fresh one). Identities are names, never OIDs; attributes are
-- numbered by their position among live attributes, so a column dropped and added
-- back by an upgrade compares equal to a fresh one in the same place.
\pset format unaligned
\pset tuples_only on
\pset footer off
WITH ext AS (
    SELECT oid FROM pg_catalog.pg_extension WHERE extname = 'codecpg'
), members AS (
    SELECT d.classid, d.objid, d.objsubid
      FROM pg_catalog.pg_depend d, ext
     WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
), rels AS (
    SELECT c.oid, c.relname, c.relkind, 'codecpg.' || c.relname AS obj
      FROM pg_catalog.pg_class c
     WHERE c.relnamespace = 'codecpg'::regnamespace
), acl AS (
    -- one line per grantee and privilege, so the order of GRANT statements does not matter
    SELECT x.obj, 'acl' AS prop,
           CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE pg_catalog.pg_get_userbyid(a.grantee)::text END || ' '
           || a.privilege_type || CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END AS val
      FROM (SELECT 'relation ' || r.obj AS obj, c.relacl AS acl, c.relowner AS owner
              FROM rels r JOIN pg_catalog.pg_class c ON c.oid = r.oid
            UNION ALL
            SELECT 'function ' || p.oid::regprocedure::text, p.proacl, p.proowner
              FROM pg_catalog.pg_proc p WHERE p.pronamespace = 'codecpg'::regnamespace
            UNION ALL
            SELECT 'schema codecpg', n.nspacl, n.nspowner FROM pg_catalog.pg_namespace n WHERE n.nspname = 'codecpg'
            UNION ALL
            SELECT 'type ' || t.oid::regtype::text, t.typacl, t.typowner
              FROM pg_catalog.pg_type t WHERE t.typnamespace = 'codecpg'::regnamespace AND t.typacl IS NOT NULL) x
     CROSS JOIN LATERAL pg_catalog.aclexplode(coalesce(x.acl, pg_catalog.acldefault(
            CASE WHEN x.obj LIKE 'function %' THEN 'f' WHEN x.obj LIKE 'schema %' THEN 'n'
                 WHEN x.obj LIKE 'type %' THEN 'T' ELSE 'r' END::"char", x.owner))) a
     -- column privileges are listed with the columns
), facts(obj, prop, val) AS (
    SELECT 'member', pg_catalog.pg_describe_object(m.classid, m.objid, m.objsubid), ''
      FROM members m
    UNION ALL
    SELECT 'schema codecpg', 'comment', coalesce(pg_catalog.obj_description('codecpg'::regnamespace, 'pg_namespace'), '(none)')
    UNION ALL
    SELECT 'extension', 'config', c.relname || coalesce(' WHERE ' || nullif(e.extcondition[i], ''), '')
      FROM pg_catalog.pg_extension e
     CROSS JOIN LATERAL pg_catalog.generate_subscripts(e.extconfig, 1) i
      JOIN pg_catalog.pg_class c ON c.oid = e.extconfig[i]
     WHERE e.extname = 'codecpg'
    UNION ALL
    -- types other than row types of tables and views
    SELECT 'type ' || t.oid::regtype::text, 'kind',
           t.typtype::text || coalesce(' ' || pg_catalog.format_type(nullif(t.typbasetype, 0), t.typtypmod), '')
      FROM pg_catalog.pg_type t LEFT JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
     WHERE t.typnamespace = 'codecpg'::regnamespace AND t.typelem = 0 AND coalesce(c.relkind, 'c') = 'c'
    UNION ALL
    SELECT 'type ' || t.oid::regtype::text, 'comment', coalesce(pg_catalog.obj_description(t.oid, 'pg_type'), '(none)')
      FROM pg_catalog.pg_type t LEFT JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
     WHERE t.typnamespace = 'codecpg'::regnamespace AND t.typelem = 0 AND coalesce(c.relkind, 'c') = 'c'
    UNION ALL
    SELECT 'relation ' || r.obj, 'kind',
           r.relkind::text || ' persistence=' || c.relpersistence::text || ' of=' || coalesce(pg_catalog.format_type(nullif(c.reloftype, 0), NULL), '-')
           || ' rowsecurity=' || c.relrowsecurity::text || ' options=' || coalesce(c.reloptions::text, '-')
      FROM rels r JOIN pg_catalog.pg_class c ON c.oid = r.oid
    UNION ALL
    SELECT 'relation ' || r.obj, 'comment', coalesce(pg_catalog.obj_description(r.oid, 'pg_class'), '(none)')
      FROM rels r WHERE r.relkind <> 'i'
    UNION ALL
    -- columns of tables, views and composite types, by position among live attributes
    SELECT CASE WHEN r.relkind = 'c' THEN 'type ' ELSE 'relation ' END || r.obj || ' column '
           || pg_catalog.row_number() OVER (PARTITION BY r.oid ORDER BY a.attnum) || ' ' || a.attname,
           'definition',
           pg_catalog.format_type(a.atttypid, a.atttypmod)
           || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END
           || coalesce(' DEFAULT ' || pg_catalog.pg_get_expr(ad.adbin, ad.adrelid), '')
           || CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
                   THEN ' COLLATE ' || a.attcollation::regcollation::text ELSE '' END
           || CASE WHEN a.attcompression <> '' THEN ' COMPRESSION ' || a.attcompression::text ELSE '' END
           || CASE WHEN a.attstorage <> t.typstorage THEN ' STORAGE ' || a.attstorage::text ELSE '' END
           || CASE WHEN a.attstattarget >= 0 THEN ' STATISTICS ' || a.attstattarget ELSE '' END
           || CASE WHEN a.attislocal THEN '' ELSE ' inherited' END
           || coalesce(' ACL ' || a.attacl::text, '')
           || ' -- ' || coalesce(pg_catalog.col_description(r.oid, a.attnum), '(no comment)')
      FROM rels r
      JOIN pg_catalog.pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
      JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
      LEFT JOIN pg_catalog.pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
     WHERE r.relkind IN ('r', 'p', 'v', 'm', 'c', 'f')
    UNION ALL
    SELECT 'relation ' || r.obj, 'constraint ' || k.conname, pg_catalog.pg_get_constraintdef(k.oid)
      FROM rels r JOIN pg_catalog.pg_constraint k ON k.conrelid = r.oid
    UNION ALL
    SELECT 'type ' || t.oid::regtype::text, 'constraint ' || k.conname, pg_catalog.pg_get_constraintdef(k.oid)
      FROM pg_catalog.pg_type t JOIN pg_catalog.pg_constraint k ON k.contypid = t.oid
     WHERE t.typnamespace = 'codecpg'::regnamespace
    UNION ALL
    SELECT 'relation ' || r.obj, 'index ' || x.relname, pg_catalog.pg_get_indexdef(i.indexrelid)
      FROM rels r JOIN pg_catalog.pg_index i ON i.indrelid = r.oid JOIN pg_catalog.pg_class x ON x.oid = i.indexrelid
    UNION ALL
    SELECT 'relation ' || r.obj, 'trigger ' || g.tgname, pg_catalog.pg_get_triggerdef(g.oid)
           || CASE g.tgenabled WHEN 'O' THEN '' ELSE ' (enabled=' || g.tgenabled::text || ')' END
      FROM rels r JOIN pg_catalog.pg_trigger g ON g.tgrelid = r.oid AND NOT g.tgisinternal
    UNION ALL
    SELECT 'relation codecpg.' || p.tablename, 'policy ' || p.policyname,
           p.permissive || ' ' || p.cmd || ' TO ' || p.roles::text || ' USING ' || coalesce(p.qual, '-')
           || ' WITH CHECK ' || coalesce(p.with_check, '-')
      FROM pg_catalog.pg_policies p WHERE p.schemaname = 'codecpg'
    UNION ALL
    SELECT 'relation ' || r.obj, 'sequence',
           'type=' || pg_catalog.format_type(s.seqtypid, NULL) || ' start=' || s.seqstart || ' increment=' || s.seqincrement
           || ' min=' || s.seqmin || ' max=' || s.seqmax || ' cache=' || s.seqcache || ' cycle=' || s.seqcycle
      FROM rels r JOIN pg_catalog.pg_sequence s ON s.seqrelid = r.oid
    UNION ALL
    -- views, line by line
    SELECT 'relation ' || r.obj, 'view line ' || lpad(l.n::text, 5, '0'), l.line
      FROM rels r
     CROSS JOIN LATERAL pg_catalog.regexp_split_to_table(pg_catalog.pg_get_viewdef(r.oid), E'\n') WITH ORDINALITY l(line, n)
     WHERE r.relkind IN ('v', 'm')
    UNION ALL
    -- functions: properties, then the definition line by line
    SELECT 'function ' || p.oid::regprocedure::text, 'properties',
           'returns ' || pg_catalog.pg_get_function_result(p.oid) || ' language ' || l.lanname
           || ' volatility=' || p.provolatile::text || ' strict=' || p.proisstrict || ' secdef=' || p.prosecdef
           || ' leakproof=' || p.proleakproof || ' parallel=' || p.proparallel::text || ' cost=' || p.procost
           || ' rows=' || p.prorows || ' kind=' || p.prokind::text || ' config=' || coalesce(p.proconfig::text, '-')
           || ' args=' || pg_catalog.pg_get_function_arguments(p.oid)
      FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_language l ON l.oid = p.prolang
     WHERE p.pronamespace = 'codecpg'::regnamespace
    UNION ALL
    SELECT 'function ' || p.oid::regprocedure::text, 'comment', coalesce(pg_catalog.obj_description(p.oid, 'pg_proc'), '(none)')
      FROM pg_catalog.pg_proc p WHERE p.pronamespace = 'codecpg'::regnamespace
    UNION ALL
    SELECT 'function ' || p.oid::regprocedure::text, 'definition line ' || lpad(l.n::text, 5, '0'), l.line
      FROM pg_catalog.pg_proc p
     CROSS JOIN LATERAL pg_catalog.regexp_split_to_table(
            CASE WHEN p.prokind = 'a' THEN '(aggregate)' ELSE pg_catalog.pg_get_functiondef(p.oid) END, E'\n')
            WITH ORDINALITY l(line, n)
     WHERE p.pronamespace = 'codecpg'::regnamespace
    UNION ALL
    SELECT a.obj, a.prop, a.val FROM acl a
)
SELECT obj || E'\t' || prop || E'\t' || val FROM facts ORDER BY obj COLLATE "C", prop COLLATE "C", val COLLATE "C";
