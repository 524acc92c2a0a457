-- codecpg install script, part 96: the cross-file resolver (codecpg.cpg_refresh).

-- Cross-file resolution ------------------------------------------------------------------
--
-- Values are followed step by step, set-based, for every job (a callsite, a decorator, a
-- class base, an import) at once. A state is (vkind, vref, parts): the value reached so
-- far and the steps of the expression still to apply (names, and "()" for a call):
--   lookup  vref = a scope; parts[1] is looked up in it (mode chain: through the scopes
--           Python searches, skipping class bodies; mode attr: in that scope only, e.g.
--           an attribute of a module)
--   qname   vref = a dotted name an import named; its longest module prefix in the repo
--           is entered and the rest becomes steps
--   def     vref = the scope node of a class or function
--   inst    vref = the scope node of a class: an instance of it
--   super   vref = a class: attribute lookup starts after the class in its MRO
-- A state with no steps left is a result. Bindings are flow-insensitive: every binding of
-- a name in a scope is a candidate (ambiguity lowers the score).
CREATE FUNCTION codecpg.cpg_refresh(repo text,
    OUT scopes bigint, OUT callsites bigint, OUT calls_scip bigint, OUT calls_resolved bigint,
    OUT calls_unresolved bigint, OUT edges bigint)
RETURNS record
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = pg_catalog
SET client_min_messages = warning
AS $$
DECLARE
    rp CONSTANT text := cpg_refresh.repo;
    cur_phase integer;
    step integer;
    live bigint;
    t0 timestamptz := clock_timestamp();
BEGIN
    -- One refresh per repository at a time; readers keep seeing the previous graph until commit.
    PERFORM pg_advisory_xact_lock(hashtext('codecpg.cpg_refresh'), hashtext(rp));
    DELETE FROM codecpg.cpg_graph_v1 g WHERE g.repo = rp;
    DELETE FROM codecpg.cpg_scopes_v1 s WHERE s.repo = rp;
    -- An index run calls this in the transaction that stored the repository's files, which
    -- statistics gathered before (from other repositories) do not see: estimated at a row or
    -- two, they made the planner nest loops over the whole repository (224 s instead of 17 s
    -- on the standard library). ANALYZE counts this transaction's rows; the identity
    -- columns are enough and spare reading the nested lists.
    ANALYZE codecpg.repo_files_v1 (repo, file_id, path), codecpg.libcst_files_v1 (repo, file_id, path),
        codecpg.tree_sitter_files_v1 (repo, file_id, path), codecpg.scip_index_v1 (repo, index_id, file_id);
    DROP TABLE IF EXISTS pg_temp.cpg_files, pg_temp.cpg_defs, pg_temp.cpg_ts, pg_temp.cpg_anchor,
        pg_temp.cpg_sc, pg_temp.cpg_chain, pg_temp.cpg_bind, pg_temp.cpg_star, pg_temp.cpg_ret,
        pg_temp.cpg_job, pg_temp.cpg_st, pg_temp.cpg_next, pg_temp.cpg_res, pg_temp.cpg_base,
        pg_temp.cpg_mro, pg_temp.cpg_occ, pg_temp.cpg_symdef, pg_temp.cpg_out, pg_temp.cpg_imp, pg_temp.cpg_miss, pg_temp.cpg_deco;

    -- Files, with their UTF-8 bytes stored uncompressed so that span slices are cheap.
    CREATE TEMP TABLE cpg_files (file_id text PRIMARY KEY, path text, module text,
        is_package boolean, scope_id text, size integer, src bytea) ON COMMIT DROP;
    ALTER TABLE cpg_files ALTER COLUMN src SET STORAGE EXTERNAL;
    INSERT INTO cpg_files
    SELECT f.file_id, f.path, codecpg.cpg_module_name(f.path), f.path ~ '(^|/)__init__\.pyi?$',
           codecpg.stable_id('py_module', f.file_id), octet_length(r.source), convert_to(r.source, 'UTF8')
      FROM codecpg.libcst_files_v1 f
      JOIN codecpg.repo_files_v1 r ON r.repo = f.repo AND r.file_id = f.file_id
     WHERE f.repo = rp AND r.source IS NOT NULL;
    CREATE INDEX ON cpg_files (module);

    CREATE TEMP TABLE cpg_defs ON COMMIT DROP AS
    SELECT f.file_id, d.def_id, d.kind, d.name, d.def_bstart, d.def_bend, d.name_bstart, d.name_bend,
           d.container_def_bstart, d.container_def_bend,
           codecpg.stable_id('cst_def', f.file_id, d.kind, d.def_bstart::text, d.def_bend::text) AS node_id
      FROM codecpg.libcst_files_v1 f
      JOIN cpg_files cf ON cf.file_id = f.file_id
     CROSS JOIN LATERAL unnest(f.defs) d
     WHERE f.repo = rp;
    CREATE INDEX ON cpg_defs (node_id);
    CREATE INDEX ON cpg_defs (file_id, def_id);

    -- The tree-sitter nodes the resolver reads: children of definitions, parameter lists,
    -- assignments, returns and base-class lists.
    CREATE TEMP TABLE cpg_ts ON COMMIT DROP AS
    SELECT f.file_id, x.*
      FROM codecpg.tree_sitter_files_v1 f
      JOIN cpg_files cf ON cf.file_id = f.file_id
     CROSS JOIN LATERAL (
        SELECT c.node_id, c.parent_id, c.kind, c.field_name, c.child_index, c.is_named,
               (c.span).bstart, (c.span).bend, p.kind AS parent_kind, p.field_name AS parent_field,
               p.parent_id AS grandparent_id
          FROM unnest(f.nodes) c
          JOIN unnest(f.nodes) p ON p.node_id = c.parent_id
         WHERE p.kind IN ('function_definition', 'class_definition', 'lambda', 'parameters',
                          'lambda_parameters', 'default_parameter', 'typed_parameter',
                          'typed_default_parameter', 'list_splat_pattern', 'dictionary_splat_pattern',
                          'assignment', 'return_statement')
            OR p.field_name = 'superclasses') x
     WHERE f.repo = rp;
    CREATE INDEX ON cpg_ts (file_id, parent_id);
    RAISE DEBUG 'cpg_refresh(%): tree-sitter nodes read after % ms', rp, round(extract(epoch FROM clock_timestamp() - t0) * 1000);

    -- Each definition's tree-sitter node: through the name for classes and functions, through
    -- the lambda keyword for lambdas.
    CREATE TEMP TABLE cpg_anchor ON COMMIT DROP AS
    SELECT d.node_id, d.file_id, t.parent_id AS ts_id
      FROM cpg_defs d
      JOIN cpg_ts t ON t.file_id = d.file_id AND t.field_name = 'name'
                   AND t.parent_kind IN ('function_definition', 'class_definition')
                   AND t.bstart = d.name_bstart AND t.bend = d.name_bend
    UNION ALL
    SELECT d.node_id, d.file_id, t.parent_id
      FROM cpg_defs d
      JOIN cpg_ts t ON t.file_id = d.file_id AND t.parent_kind = 'lambda' AND t.kind = 'lambda'
                   AND t.bstart = d.def_bstart
     WHERE d.kind = 'LAMBDA';
    CREATE INDEX ON cpg_anchor (node_id);
    CREATE INDEX ON cpg_anchor (file_id, ts_id);
    ANALYZE cpg_defs, cpg_ts, cpg_anchor;

    -- Scopes: modules, then definitions with __qualname__-style names.
    INSERT INTO codecpg.cpg_scopes_v1 (repo, path, file_id, node_id, scope_kind, name, qualname, fqn,
                                       module, bstart, bend, body_bstart, parent_node_id)
    SELECT rp, f.path, f.file_id, f.scope_id, 'MODULE', regexp_replace(f.module, '^.*\.', ''), NULL,
           f.module, f.module, 0, f.size, 0, NULL
      FROM cpg_files f;
    WITH RECURSIVE q AS (
        SELECT d.node_id, d.file_id, d.kind, d.def_bstart, d.def_bend,
               coalesce(d.name, '<lambda>') AS qualname, f.scope_id AS parent_node_id, 0 AS depth
          FROM cpg_defs d JOIN cpg_files f ON f.file_id = d.file_id
         WHERE d.container_def_bstart IS NULL
      UNION ALL
        SELECT c.node_id, c.file_id, c.kind, c.def_bstart, c.def_bend,
               p.qualname || CASE WHEN p.kind = 'CLASS' THEN '.' ELSE '.<locals>.' END
                          || coalesce(c.name, '<lambda>'),
               p.node_id, p.depth + 1
          FROM q p
          JOIN cpg_defs c ON c.file_id = p.file_id AND c.container_def_bstart = p.def_bstart
                         AND c.container_def_bend = p.def_bend
         WHERE p.depth < 256
    )
    INSERT INTO codecpg.cpg_scopes_v1 (repo, path, file_id, node_id, scope_kind, name, qualname, fqn,
                                       module, bstart, bend, body_bstart, parent_node_id)
    SELECT rp, f.path, q.file_id, q.node_id, q.kind, coalesce(d.name, '<lambda>'), q.qualname,
           concat_ws('.', nullif(f.module, ''), q.qualname), f.module, q.def_bstart, q.def_bend,
           coalesce(b.body_bstart, d.name_bend, q.def_bstart),
           q.parent_node_id
      FROM q
      JOIN cpg_defs d ON d.node_id = q.node_id
      JOIN cpg_files f ON f.file_id = q.file_id
      LEFT JOIN (SELECT a.node_id, min(t.bstart) AS body_bstart
                   FROM cpg_anchor a
                   JOIN cpg_ts t ON t.file_id = a.file_id AND t.parent_id = a.ts_id AND t.field_name = 'body'
                  GROUP BY a.node_id) b ON b.node_id = q.node_id
    ON CONFLICT DO NOTHING;

    CREATE TEMP TABLE cpg_sc ON COMMIT DROP AS
    SELECT s.node_id, s.file_id, s.scope_kind, s.name, s.fqn, s.body_bstart, s.bend, s.parent_node_id
      FROM codecpg.cpg_scopes_v1 s WHERE s.repo = rp;
    RAISE DEBUG 'cpg_refresh(%): scopes after % ms', rp, round(extract(epoch FROM clock_timestamp() - t0) * 1000);
    CREATE UNIQUE INDEX ON cpg_sc (node_id);
    CREATE INDEX ON cpg_sc (file_id, body_bstart);
    ANALYZE cpg_files, cpg_sc;

    -- Where a name is looked up from a scope: the scope itself, then the enclosing function
    -- scopes and the module (class bodies do not enclose their methods).
    CREATE TEMP TABLE cpg_chain ON COMMIT DROP AS
    WITH RECURSIVE c AS (
        SELECT s.node_id AS scope_id, s.node_id AS anc_id, 0 AS depth, s.parent_node_id AS next
          FROM cpg_sc s
      UNION ALL
        SELECT c.scope_id, p.node_id, c.depth + 1, p.parent_node_id
          FROM c JOIN cpg_sc p ON p.node_id = c.next
         WHERE c.depth < 256
    )
    SELECT c.scope_id, c.anc_id, c.depth
      FROM c JOIN cpg_sc a ON a.node_id = c.anc_id
     WHERE c.depth = 0 OR a.scope_kind <> 'CLASS';
    CREATE INDEX ON cpg_chain (scope_id);

    -- Bindings: (scope, name) -> value.
    CREATE TEMP TABLE cpg_bind (scope_id text, name text, vkind text, vref text, vparts text[],
                                rule text) ON COMMIT DROP;
    CREATE TEMP TABLE cpg_star (scope_id text, base text, names text[]) ON COMMIT DROP;
    CREATE TEMP TABLE cpg_ret (func_id text, scope_id text, parts text[]) ON COMMIT DROP;

    INSERT INTO cpg_bind
    SELECT s.parent_node_id, s.name, 'def', s.node_id, '{}', 'scope'
      FROM cpg_sc s WHERE s.scope_kind IN ('CLASS', 'FUNCTION', 'ASYNC_FUNCTION');

    -- Imports bind in the scope holding the statement.
    CREATE TEMP TABLE cpg_imp ON COMMIT DROP AS
    SELECT cf.file_id, cf.path, i.*, sc.node_id AS scope_id,
           codecpg.stable_id('cst_import', cf.file_id, i.kind, i.alias_bstart::text, i.alias_bend::text) AS alias_node_id,
           CASE WHEN i.kind = 'IMPORT' THEN i.name
                ELSE codecpg.cpg_import_base(cf.module, cf.is_package, i.relative_level, i.module) END AS base
      FROM codecpg.libcst_files_v1 f
      JOIN cpg_files cf ON cf.file_id = f.file_id
     CROSS JOIN LATERAL unnest(f.imports) i
     CROSS JOIN LATERAL (SELECT s.node_id FROM cpg_sc s
                          WHERE s.file_id = cf.file_id AND s.body_bstart <= i.stmt_bstart AND s.bend >= i.stmt_bend
                          ORDER BY s.body_bstart DESC LIMIT 1) sc
     WHERE f.repo = rp;
    INSERT INTO cpg_bind
    SELECT i.scope_id,
           CASE WHEN i.kind = 'IMPORT' THEN coalesce(i.asname, split_part(i.name, '.', 1))
                ELSE coalesce(i.asname, i.name) END,
           'qname',
           CASE WHEN i.kind = 'IMPORT' THEN CASE WHEN i.asname IS NULL THEN split_part(i.name, '.', 1) ELSE i.name END
                ELSE concat_ws('.', nullif(i.base, ''), i.name) END,
           '{}', 'import'
      FROM pg_temp.cpg_imp i
     WHERE NOT i.is_star AND i.name IS NOT NULL AND (i.kind = 'IMPORT' OR i.base IS NOT NULL);
    INSERT INTO cpg_star SELECT i.scope_id, i.base, NULL FROM pg_temp.cpg_imp i WHERE i.is_star AND i.base IS NOT NULL;
    CREATE INDEX ON pg_temp.cpg_imp (file_id, stmt_bstart);

    CREATE TEMP TABLE cpg_deco ON COMMIT DROP AS
    SELECT d.node_id, array_agg(x.decorator_text) AS texts
      FROM codecpg.libcst_files_v1 lf
     CROSS JOIN LATERAL unnest(lf.decorators) x
      JOIN cpg_defs d ON d.file_id = lf.file_id AND d.def_id = x.owner_def_id
     WHERE lf.repo = rp
     GROUP BY d.node_id;
    CREATE INDEX ON cpg_deco (node_id);

    -- Parameters: the first parameter of a method is the instance (the class for a
    -- classmethod, nothing known for a staticmethod); other parameters are unknown values.
    WITH plist AS (
        SELECT a.node_id AS def_node, a.file_id, c.node_id, c.kind, c.bstart, c.bend,
               row_number() OVER (PARTITION BY a.node_id ORDER BY c.child_index) AS ordinal
          FROM cpg_anchor a
          JOIN cpg_ts p ON p.file_id = a.file_id AND p.parent_id = a.ts_id AND p.field_name = 'parameters'
          JOIN cpg_ts c ON c.file_id = a.file_id AND c.parent_id = p.node_id AND c.is_named
                       AND c.kind IN ('identifier', 'default_parameter', 'typed_parameter',
                                      'typed_default_parameter', 'list_splat_pattern', 'dictionary_splat_pattern')
    ), pname AS (
        SELECT l.def_node, l.file_id, l.ordinal,
               CASE WHEN l.kind = 'identifier' THEN l.bstart ELSE n.bstart END AS bstart,
               CASE WHEN l.kind = 'identifier' THEN l.bend ELSE n.bend END AS bend
          FROM plist l
          LEFT JOIN LATERAL (SELECT g.bstart, g.bend FROM cpg_ts g
                              WHERE g.file_id = l.file_id AND g.parent_id = l.node_id AND g.kind = 'identifier'
                                AND (g.field_name = 'name' OR l.kind NOT IN ('default_parameter', 'typed_default_parameter'))
                              ORDER BY g.child_index LIMIT 1) n ON l.kind <> 'identifier'
    )
    INSERT INTO cpg_bind
    SELECT s.node_id,
           convert_from(substring(f.src FROM pn.bstart + 1 FOR pn.bend - pn.bstart), 'UTF8'),
           CASE WHEN pn.ordinal = 1 AND cls.scope_kind = 'CLASS' THEN
                     CASE WHEN 'staticmethod' = ANY (dec.texts) THEN 'unknown'
                          WHEN 'classmethod' = ANY (dec.texts) THEN 'def'
                          ELSE 'inst' END
                ELSE 'unknown' END,
           cls.node_id, '{}',
           CASE WHEN 'classmethod' = ANY (dec.texts) THEN 'cls' ELSE 'self' END
      FROM pname pn
      JOIN cpg_sc s ON s.node_id = pn.def_node
      JOIN cpg_files f ON f.file_id = pn.file_id
      LEFT JOIN cpg_sc cls ON cls.node_id = s.parent_node_id
      LEFT JOIN cpg_deco dec ON dec.node_id = pn.def_node
     WHERE pn.bstart IS NOT NULL;

    -- Simple assignments "name = expression": the name takes the expression's value, looked
    -- up in the same scope (a lambda is its definition); other expressions make the name an
    -- unknown value.
    WITH asg AS (
        SELECT l.file_id, l.parent_id, l.bstart, l.bend, r.bstart AS rbstart, r.bend AS rbend, lam.node_id AS lambda_id
          FROM cpg_ts l
          JOIN cpg_ts r ON r.file_id = l.file_id AND r.parent_id = l.parent_id AND r.field_name = 'right'
          LEFT JOIN cpg_anchor lam ON lam.file_id = r.file_id AND lam.ts_id = r.node_id AND r.kind = 'lambda'
         WHERE l.parent_kind = 'assignment' AND l.field_name = 'left' AND l.kind = 'identifier'
    )
    INSERT INTO cpg_bind
    SELECT sc.node_id, convert_from(substring(f.src FROM a.bstart + 1 FOR a.bend - a.bstart), 'UTF8'),
           CASE WHEN a.lambda_id IS NOT NULL THEN 'def'
                -- "x = x.attr" rebinds x from its previous value, which flow-insensitive
                -- bindings cannot tell apart from the new one.
                WHEN p.parts IS NULL OR p.parts[1] = convert_from(substring(f.src FROM a.bstart + 1 FOR a.bend - a.bstart), 'UTF8')
                     THEN 'unknown'
                ELSE 'lookup' END,
           coalesce(a.lambda_id, sc.node_id), p.parts, 'alias'
      FROM asg a
      JOIN cpg_files f ON f.file_id = a.file_id
     CROSS JOIN LATERAL (SELECT codecpg.cpg_expr_parts(convert_from(
                           substring(f.src FROM a.rbstart + 1 FOR a.rbend - a.rbstart), 'UTF8')) AS parts) p
     CROSS JOIN LATERAL (SELECT s.node_id FROM cpg_sc s
                          WHERE s.file_id = a.file_id AND s.body_bstart <= a.bstart AND s.bend >= a.bend
                          ORDER BY s.body_bstart DESC LIMIT 1) sc;

    CREATE INDEX ON cpg_bind (scope_id, name);
    ANALYZE cpg_bind;
    -- Any other store of a name (for targets, with ... as, augmented assignments) makes it
    -- an unknown value in its scope, so that it shadows outer bindings.
    INSERT INTO cpg_bind
    SELECT sc.node_id, r.ref_text, 'unknown', NULL, '{}', 'store'
      FROM codecpg.libcst_files_v1 f
      JOIN cpg_files cf ON cf.file_id = f.file_id
     CROSS JOIN LATERAL unnest(f.refs) r
     CROSS JOIN LATERAL (SELECT s.node_id FROM cpg_sc s
                          WHERE s.file_id = cf.file_id AND s.body_bstart <= r.bstart AND s.bend >= r.bend
                          ORDER BY s.body_bstart DESC LIMIT 1) sc
     WHERE f.repo = rp AND r.ref_kind = 'NAME' AND r.expr_ctx = 'STORE'
       AND r.scope_role IS DISTINCT FROM 'GLOBAL' AND r.scope_role IS DISTINCT FROM 'NONLOCAL'
       AND NOT EXISTS (SELECT 1 FROM cpg_bind b WHERE b.scope_id = sc.node_id AND b.name = r.ref_text)
       AND NOT EXISTS (SELECT 1 FROM pg_temp.cpg_imp i
                        WHERE i.file_id = cf.file_id AND r.bstart >= i.stmt_bstart AND r.bend <= i.stmt_bend);

    -- Returned expressions of functions, for calls of calls (make()(4)).
    INSERT INTO cpg_ret
    SELECT sc.node_id, sc.node_id, p.parts
      FROM cpg_ts t
      JOIN cpg_files f ON f.file_id = t.file_id
     CROSS JOIN LATERAL (SELECT codecpg.cpg_expr_parts(convert_from(
                           substring(f.src FROM t.bstart + 1 FOR t.bend - t.bstart), 'UTF8')) AS parts) p
     CROSS JOIN LATERAL (SELECT s.node_id, s.scope_kind FROM cpg_sc s
                          WHERE s.file_id = t.file_id AND s.body_bstart <= t.bstart AND s.bend >= t.bend
                          ORDER BY s.body_bstart DESC LIMIT 1) sc
     WHERE t.parent_kind = 'return_statement' AND t.is_named AND t.kind <> 'comment'
       AND p.parts IS NOT NULL AND sc.scope_kind IN ('FUNCTION', 'ASYNC_FUNCTION', 'LAMBDA');
    -- A star import from a module of the repository provides the names that module binds
    -- (all of them when it star-imports in turn); from elsewhere, any name (__all__ is not read).
    UPDATE cpg_star st
       SET names = (SELECT coalesce(array_agg(DISTINCT b.name), '{}') FROM cpg_bind b WHERE b.scope_id = f.scope_id)
      FROM cpg_files f
     WHERE f.module = st.base
       AND NOT EXISTS (SELECT 1 FROM cpg_star s2 WHERE s2.scope_id = f.scope_id);
    CREATE INDEX ON cpg_ret (func_id);
    ANALYZE cpg_chain, cpg_bind, cpg_star, cpg_ret;
    RAISE DEBUG 'cpg_refresh(%): bindings after % ms', rp, round(extract(epoch FROM clock_timestamp() - t0) * 1000);

    -- Jobs. Phase 1 resolves class bases (member lookup sees a class's own body only);
    -- phase 2, with the MRO known, resolves decorators, calls and imports.
    CREATE TEMP TABLE cpg_job (job_id bigint, phase integer, src_node_id text, src_kind text,
        file_id text, path text, bstart integer, bend integer, callee_bstart integer,
        callee_bend integer, scope_id text, parts text[], expr text, owner_id text,
        ordinal integer) ON COMMIT DROP;
    INSERT INTO cpg_job
    SELECT row_number() OVER (), 1, a.node_id, 'CST_CLASS_DEF', b.file_id, f.path, b.bstart, b.bend,
           NULL, NULL, s.parent_node_id,
           codecpg.cpg_expr_parts(convert_from(substring(f.src FROM b.bstart + 1 FOR b.bend - b.bstart), 'UTF8')),
           convert_from(substring(f.src FROM b.bstart + 1 FOR b.bend - b.bstart), 'UTF8'),
           a.node_id, row_number() OVER (PARTITION BY a.node_id ORDER BY b.child_index)
      FROM cpg_ts b
      JOIN cpg_ts al ON al.file_id = b.file_id AND al.node_id = b.parent_id
      JOIN cpg_anchor a ON a.file_id = al.file_id AND a.ts_id = al.parent_id
      JOIN cpg_sc s ON s.node_id = a.node_id AND s.scope_kind = 'CLASS'
      JOIN cpg_files f ON f.file_id = b.file_id
     WHERE b.parent_field = 'superclasses' AND b.is_named AND b.kind NOT IN ('keyword_argument', 'comment');

    CREATE TEMP TABLE cpg_base (class_id text, base_id text, idx integer) ON COMMIT DROP;
    CREATE TEMP TABLE cpg_mro (class_id text, anc_id text, rank integer) ON COMMIT DROP;
    INSERT INTO cpg_mro SELECT s.node_id, s.node_id, 0 FROM cpg_sc s WHERE s.scope_kind = 'CLASS';
    CREATE INDEX ON cpg_mro (class_id);
    CREATE TEMP TABLE cpg_res (job_id bigint, rkind text, ref text, rules text) ON COMMIT DROP;
    CREATE INDEX ON cpg_res (job_id);
    CREATE TEMP TABLE cpg_st (sid bigint, job_id bigint, vkind text, vref text, parts text[],
                              mode text, rules text) ON COMMIT DROP;
    CREATE TEMP TABLE cpg_next (LIKE cpg_st) ON COMMIT DROP;
    CREATE TEMP TABLE cpg_miss (job_id bigint, parts text[], mode text, vref text, rules text, fqn text,
                                method_class text, star_scope text, way text) ON COMMIT DROP;

    FOR cur_phase IN 1 .. 2 LOOP
        IF cur_phase = 2 THEN
            -- MRO, approximated breadth-first (depth, then base order): C3 for single
            -- inheritance and the usual diamonds.
            INSERT INTO cpg_base
            SELECT DISTINCT j.owner_id, s.node_id, j.ordinal
              FROM cpg_res r JOIN cpg_job j ON j.job_id = r.job_id
              JOIN cpg_sc s ON s.node_id = r.ref AND s.scope_kind = 'CLASS'
             WHERE j.phase = 1 AND r.rkind = 'def';
            TRUNCATE cpg_mro;
            -- UNION keeps the walk finite and small on cycles and diamonds: a row is a class,
            -- an ancestor, the distance and which direct base leads there.
            INSERT INTO cpg_mro
            WITH RECURSIVE m(class_id, anc_id, first_idx, depth) AS (
                SELECT s.node_id, s.node_id, 0, 0
                  FROM cpg_sc s WHERE s.scope_kind = 'CLASS'
              UNION
                SELECT m.class_id, b.base_id, CASE WHEN m.depth = 0 THEN b.idx ELSE m.first_idx END, m.depth + 1
                  FROM m JOIN cpg_base b ON b.class_id = m.anc_id
                 WHERE m.depth < 32 AND b.base_id <> m.class_id
            )
            SELECT x.class_id, x.anc_id,
                   (row_number() OVER (PARTITION BY x.class_id ORDER BY x.depth, x.first_idx, x.anc_id))::integer - 1
              FROM (SELECT DISTINCT ON (m.class_id, m.anc_id) m.class_id, m.anc_id, m.depth, m.first_idx
                      FROM m ORDER BY m.class_id, m.anc_id, m.depth, m.first_idx) x;

            -- Decorators written as a name or attribute are calls at definition time.
            INSERT INTO cpg_job
            SELECT (SELECT coalesce(max(job_id), 0) FROM cpg_job) + row_number() OVER (), 2,
                   codecpg.stable_id('span', 'CST_DECORATOR', cf.path, x.bstart::text, x.bend::text),
                   'CST_DECORATOR', cf.file_id, cf.path, x.bstart, x.bend, x.bstart, x.bend,
                   s.parent_node_id, p.parts, x.decorator_text, NULL, NULL
              FROM codecpg.libcst_files_v1 f
              JOIN cpg_files cf ON cf.file_id = f.file_id
             CROSS JOIN LATERAL unnest(f.decorators) x
              JOIN cpg_defs d ON d.file_id = f.file_id AND d.def_id = x.owner_def_id
              JOIN cpg_sc s ON s.node_id = d.node_id
             CROSS JOIN LATERAL (SELECT codecpg.cpg_expr_parts(x.decorator_text) AS parts) p
             WHERE f.repo = rp AND (p.parts IS NULL OR NOT '()' = ANY (p.parts));

            INSERT INTO cpg_job
            SELECT (SELECT coalesce(max(job_id), 0) FROM cpg_job) + row_number() OVER (), 2,
                   codecpg.stable_id('cst_call', cf.file_id, c.call_bstart::text, c.call_bend::text),
                   'CST_CALLSITE', cf.file_id, cf.path, c.call_bstart, c.call_bend, c.callee_bstart,
                   c.callee_bend, sc.node_id, codecpg.cpg_expr_parts(c.callee_text), c.callee_text, NULL, NULL
              FROM codecpg.libcst_files_v1 f
              JOIN cpg_files cf ON cf.file_id = f.file_id
             CROSS JOIN LATERAL unnest(f.callsites) c
             CROSS JOIN LATERAL (SELECT s.node_id FROM cpg_sc s
                                  WHERE s.file_id = cf.file_id AND s.body_bstart <= c.call_bstart
                                    AND s.bend >= c.call_bend
                                  ORDER BY s.body_bstart DESC LIMIT 1) sc
             WHERE f.repo = rp;

            INSERT INTO cpg_job
            SELECT (SELECT coalesce(max(job_id), 0) FROM cpg_job) + row_number() OVER (), 2,
                   i.alias_node_id, 'CST_IMPORT_ALIAS', i.file_id, i.path, i.alias_bstart, i.alias_bend,
                   NULL, NULL, i.scope_id, NULL,
                   CASE WHEN i.kind = 'IMPORT' THEN i.name ELSE concat_ws('.', i.base, i.name) END, NULL, NULL
              FROM pg_temp.cpg_imp i
             WHERE NOT i.is_star AND i.name IS NOT NULL AND (i.kind = 'IMPORT' OR i.base IS NOT NULL);
            ANALYZE cpg_job, cpg_mro;
            RAISE DEBUG 'cpg_refresh(%): MRO and jobs after % ms', rp, round(extract(epoch FROM clock_timestamp() - t0) * 1000);

            -- SCIP first: the occurrence ending where the callee ends names a symbol whose
            -- definition occurrence is a CST definition's name.
            CREATE TEMP TABLE cpg_occ ON COMMIT DROP AS
            SELECT p.file_id, o.symbol, o.symbol_roles, (o.range).bstart AS bstart, (o.range).bend AS bend
              FROM codecpg.scip_index_v1 p
             CROSS JOIN LATERAL unnest(p.documents) d
             CROSS JOIN LATERAL unnest(d.occurrences) o
             WHERE p.repo = rp AND p.file_id IS NOT NULL AND (o.range).bstart IS NOT NULL;
            CREATE TEMP TABLE cpg_symdef ON COMMIT DROP AS
            SELECT DISTINCT o.symbol, d.node_id
              FROM cpg_occ o
              JOIN cpg_defs d ON d.file_id = o.file_id AND d.name_bstart = o.bstart AND d.name_bend = o.bend
             WHERE o.symbol_roles & 1 = 1;
            INSERT INTO cpg_res
            SELECT x.job_id, 'scip', x.node_id, 'scip:' || x.symbol_roles
              FROM (SELECT DISTINCT ON (j.job_id) j.job_id, sd.node_id, o.symbol_roles
                      FROM cpg_job j
                      JOIN cpg_occ o ON o.file_id = j.file_id AND o.bend = j.callee_bend
                                    AND o.bstart >= j.callee_bstart AND o.symbol_roles & 1 = 0
                      JOIN cpg_symdef sd ON sd.symbol = o.symbol
                     WHERE j.phase = 2 AND j.src_kind = 'CST_CALLSITE'
                     ORDER BY j.job_id, o.bstart DESC, sd.node_id) x;
        END IF;

        TRUNCATE cpg_st;
        INSERT INTO cpg_st
        SELECT row_number() OVER (), j.job_id,
               CASE WHEN j.src_kind = 'CST_IMPORT_ALIAS' THEN 'qname' ELSE 'lookup' END,
               CASE WHEN j.src_kind = 'CST_IMPORT_ALIAS' THEN j.expr ELSE j.scope_id END,
               CASE WHEN j.src_kind = 'CST_IMPORT_ALIAS' THEN '{}' ELSE j.parts END,
               'chain', ''
          FROM cpg_job j
         WHERE j.phase = cur_phase
           AND (j.parts IS NOT NULL OR j.src_kind = 'CST_IMPORT_ALIAS')
           AND NOT EXISTS (SELECT 1 FROM cpg_res r WHERE r.job_id = j.job_id);

        step := 0;
        LOOP
            SELECT count(*) INTO live FROM cpg_st;
            EXIT WHEN live = 0 OR step >= 24;
            RAISE DEBUG 'cpg_refresh(%): phase % step % with % states after % ms', rp, cur_phase, step, live,
                round(extract(epoch FROM clock_timestamp() - t0) * 1000);
            step := step + 1;
            ANALYZE cpg_st;
            TRUNCATE cpg_next;

            -- Results: nothing left to apply.
            INSERT INTO cpg_res
            SELECT s.job_id,
                   CASE WHEN s.vkind = 'def' THEN 'def'
                        WHEN s.vkind = 'lookup' AND s.mode = 'attr' THEN 'module'
                        ELSE 'unresolved' END,
                   CASE WHEN s.vkind IN ('def', 'lookup') THEN s.vref
                        WHEN s.vkind = 'super' THEN 'super()'
                        ELSE sc.fqn || '()' END,   -- an instance of the class
                   s.rules
              FROM cpg_st s
              JOIN cpg_job j ON j.job_id = s.job_id
              LEFT JOIN cpg_sc sc ON sc.node_id = s.vref
             WHERE cardinality(s.parts) = 0
               AND (s.vkind IN ('def', 'super') OR (s.vkind = 'lookup' AND s.mode = 'attr')
                    OR (s.vkind = 'inst' AND j.src_kind = 'CST_IMPORT_ALIAS'));

            -- lookup: the nearest scope binding the name wins; all its bindings are candidates.
            WITH lk AS (
                SELECT s.sid, s.job_id, s.parts, s.rules, b.vkind, b.vref, b.vparts, b.rule, ch.depth,
                       min(ch.depth) OVER (PARTITION BY s.sid) AS nearest
                  FROM cpg_st s
                  JOIN cpg_chain ch ON ch.scope_id = s.vref AND (s.mode = 'chain' OR ch.depth = 0)
                  JOIN cpg_bind b ON b.scope_id = ch.anc_id AND b.name = s.parts[1]
                 WHERE s.vkind = 'lookup' AND cardinality(s.parts) > 0 AND s.parts[1] <> '()'
            )
            INSERT INTO cpg_next
            SELECT 0, lk.job_id,
                   CASE WHEN lk.vkind = 'lookup' THEN 'lookup' ELSE lk.vkind END,
                   lk.vref,
                   CASE WHEN lk.vkind = 'lookup' THEN lk.vparts || lk.parts[2:] ELSE lk.parts[2:] END,
                   'chain', concat_ws('>', nullif(lk.rules, ''), lk.rule)
              FROM lk
             WHERE lk.depth = lk.nearest AND lk.vkind <> 'unknown';
            INSERT INTO cpg_res
            SELECT DISTINCT s.job_id, 'unresolved', replace(array_to_string(s.parts, '.'), '.()', '()'), s.rules
              FROM cpg_st s
              JOIN cpg_chain ch ON ch.scope_id = s.vref AND (s.mode = 'chain' OR ch.depth = 0)
              JOIN cpg_bind b ON b.scope_id = ch.anc_id AND b.name = s.parts[1] AND b.vkind = 'unknown'
             WHERE s.vkind = 'lookup' AND cardinality(s.parts) > 0 AND s.parts[1] <> '()'
               AND ch.depth = (SELECT min(ch2.depth) FROM cpg_chain ch2
                                 JOIN cpg_bind b2 ON b2.scope_id = ch2.anc_id AND b2.name = s.parts[1]
                                WHERE ch2.scope_id = s.vref AND (s.mode = 'chain' OR ch2.depth = 0));

            -- lookup without a binding: super(), a submodule, a star import that can
            -- provide the name, else unresolved.
            TRUNCATE cpg_miss;
            INSERT INTO cpg_miss
            SELECT m.job_id, m.parts, m.mode, m.vref, m.rules, m.fqn, m.method_class, m.star_scope,
                   CASE WHEN m.parts[1] = '()' THEN 'none'
                        WHEN m.mode = 'chain' AND m.parts[1] = 'super' AND m.parts[2] = '()'
                             AND m.method_class IS NOT NULL THEN 'super'
                        WHEN m.mode = 'attr' AND m.scope_kind = 'MODULE'
                             AND EXISTS (SELECT 1 FROM cpg_files f WHERE f.module = m.fqn || '.' || m.parts[1]) THEN 'submodule'
                        WHEN m.parts[1] !~ '^_'
                             AND EXISTS (SELECT 1 FROM cpg_star st
                                          WHERE st.scope_id = m.star_scope
                                            AND (st.names IS NULL OR m.parts[1] = ANY (st.names))) THEN 'star'
                        ELSE 'none' END
              FROM (SELECT s.*, sc.scope_kind, sc.fqn,
                           CASE WHEN s.mode = 'attr' THEN s.vref
                                ELSE (SELECT ch.anc_id FROM cpg_chain ch WHERE ch.scope_id = s.vref
                                       ORDER BY ch.depth DESC LIMIT 1) END AS star_scope,
                           (SELECT p.node_id FROM cpg_sc p WHERE p.node_id = sc.parent_node_id
                               AND p.scope_kind = 'CLASS' AND sc.scope_kind IN ('FUNCTION', 'ASYNC_FUNCTION')) AS method_class
                      FROM cpg_st s
                      JOIN cpg_sc sc ON sc.node_id = s.vref
                     WHERE s.vkind = 'lookup' AND cardinality(s.parts) > 0
                       AND (s.parts[1] = '()'
                            OR NOT EXISTS (SELECT 1 FROM cpg_chain ch
                                             JOIN cpg_bind b ON b.scope_id = ch.anc_id AND b.name = s.parts[1]
                                            WHERE ch.scope_id = s.vref AND (s.mode = 'chain' OR ch.depth = 0)))) m;
            INSERT INTO cpg_next
            SELECT 0, a.job_id, 'super', a.method_class, a.parts[3:], 'chain', concat_ws('>', nullif(a.rules, ''), 'super')
              FROM cpg_miss a WHERE a.way = 'super'
            UNION ALL
            SELECT 0, a.job_id, 'lookup', f.scope_id, a.parts[2:], 'attr', concat_ws('>', nullif(a.rules, ''), 'module')
              FROM cpg_miss a JOIN cpg_files f ON f.module = a.fqn || '.' || a.parts[1]
             WHERE a.way = 'submodule'
            UNION ALL
            SELECT 0, a.job_id, 'qname', st.base, a.parts, 'chain', concat_ws('>', nullif(a.rules, ''), 'star')
              FROM cpg_miss a JOIN cpg_star st ON st.scope_id = a.star_scope
             WHERE a.way = 'star' AND (st.names IS NULL OR a.parts[1] = ANY (st.names));
            INSERT INTO cpg_res
            SELECT a.job_id, 'unresolved',
                   replace(concat_ws('.', CASE WHEN a.mode = 'attr' THEN a.fqn END, array_to_string(a.parts, '.')), '.()', '()'),
                   a.rules
              FROM cpg_miss a WHERE a.way = 'none';

            -- qname: enter the longest module prefix of the name.
            WITH q AS (
                SELECT DISTINCT ON (s.sid) s.sid, s.job_id, s.parts, s.rules, s.vref, f.scope_id, k.k, c.c
                  FROM cpg_st s
                 CROSS JOIN LATERAL (SELECT string_to_array(s.vref, '.') AS c) c
                 CROSS JOIN LATERAL generate_series(cardinality(c.c), 1, -1) AS k(k)
                  JOIN cpg_files f ON f.module = array_to_string(c.c[1:k.k], '.')
                 WHERE s.vkind = 'qname'
                 ORDER BY s.sid, k.k DESC, f.file_id
            )
            INSERT INTO cpg_next
            SELECT 0, q.job_id, 'lookup', q.scope_id, q.c[q.k + 1:] || q.parts, 'attr',
                   concat_ws('>', nullif(q.rules, ''), 'module')
              FROM q;
            INSERT INTO cpg_res
            SELECT s.job_id, 'unresolved',
                   replace(concat_ws('.', s.vref, nullif(array_to_string(s.parts, '.'), '')), '.()', '()'), s.rules
              FROM cpg_st s
             WHERE s.vkind = 'qname'
               AND NOT EXISTS (SELECT 1 FROM generate_series(1, cardinality(string_to_array(s.vref, '.'))) k
                                 JOIN cpg_files f ON f.module = array_to_string((string_to_array(s.vref, '.'))[1:k], '.'));

            -- inst: attributes come from the class; calling an instance calls __call__.
            INSERT INTO cpg_next
            SELECT 0, s.job_id, 'def', s.vref,
                   CASE WHEN cardinality(s.parts) = 0 OR s.parts[1] = '()' THEN ARRAY['__call__'] || s.parts
                        ELSE s.parts END,
                   'chain', concat_ws('>', nullif(s.rules, ''), 'instance')
              FROM cpg_st s
              JOIN cpg_job j ON j.job_id = s.job_id
             WHERE s.vkind = 'inst' AND (cardinality(s.parts) > 0 OR j.src_kind <> 'CST_IMPORT_ALIAS');

            -- def: calling a class makes an instance, calling a function yields what it
            -- returns; attributes of a class are looked up along its MRO (super: after it).
            INSERT INTO cpg_next
            SELECT 0, s.job_id, 'inst', s.vref, s.parts[2:], 'chain', concat_ws('>', nullif(s.rules, ''), 'init')
              FROM cpg_st s JOIN cpg_sc d ON d.node_id = s.vref AND d.scope_kind = 'CLASS'
             WHERE s.vkind = 'def' AND s.parts[1] = '()'
            UNION ALL
            SELECT 0, s.job_id, 'lookup', r.scope_id, r.parts || s.parts[2:], 'chain',
                   concat_ws('>', nullif(s.rules, ''), 'return')
              FROM cpg_st s JOIN cpg_ret r ON r.func_id = s.vref
             WHERE s.vkind = 'def' AND s.parts[1] = '()';
            WITH mem AS (
                SELECT s.sid, s.job_id, s.parts, s.rules, s.vkind AS skind, b.vkind, b.vref, b.vparts, b.scope_id, m.rank,
                       min(m.rank) OVER (PARTITION BY s.sid) AS nearest
                  FROM cpg_st s
                  JOIN cpg_mro m ON m.class_id = s.vref AND (s.vkind = 'def' OR m.rank > 0)
                  JOIN cpg_bind b ON b.scope_id = m.anc_id AND b.name = s.parts[1]
                 WHERE s.vkind IN ('def', 'super') AND cardinality(s.parts) > 0 AND s.parts[1] <> '()'
            )
            INSERT INTO cpg_next
            SELECT 0, mem.job_id,
                   CASE WHEN mem.vkind = 'lookup' THEN 'lookup' ELSE mem.vkind END,
                   mem.vref,
                   CASE WHEN mem.vkind = 'lookup' THEN mem.vparts || mem.parts[2:] ELSE mem.parts[2:] END,
                   'chain', concat_ws('>', nullif(mem.rules, ''), CASE WHEN mem.rank > 0 THEN 'mro' ELSE 'attr' END)
              FROM mem
             WHERE mem.rank = mem.nearest AND mem.vkind <> 'unknown';
            INSERT INTO cpg_res
            SELECT s.job_id, 'unresolved',
                   replace(CASE WHEN s.vkind = 'super' THEN 'super()' ELSE d.fqn END
                           || '.' || array_to_string(s.parts, '.'), '.()', '()'),
                   s.rules
              FROM cpg_st s
              JOIN cpg_sc d ON d.node_id = s.vref
             WHERE s.vkind IN ('def', 'super') AND cardinality(s.parts) > 0
               AND CASE WHEN s.parts[1] = '()' THEN
                             s.vkind = 'super'
                             OR (d.scope_kind <> 'CLASS' AND NOT EXISTS (SELECT 1 FROM cpg_ret r WHERE r.func_id = s.vref))
                        ELSE NOT EXISTS (SELECT 1 FROM cpg_mro m
                                           JOIN cpg_bind b ON b.scope_id = m.anc_id AND b.name = s.parts[1]
                                                          AND b.vkind <> 'unknown'
                                          WHERE m.class_id = s.vref AND (s.vkind = 'def' OR m.rank > 0)) END;

            -- Flow-insensitive bindings multiply candidates, and aliases such as
            -- "node = node.next" grow expressions without end: a job keeps its first 16
            -- states and expressions of at most 16 steps (a job left without results is
            -- reported unresolved).
            TRUNCATE cpg_st;
            INSERT INTO cpg_st
            SELECT row_number() OVER (), y.job_id, y.vkind, y.vref, y.parts, y.mode, y.rules
              FROM (SELECT x.*, row_number() OVER (PARTITION BY x.job_id ORDER BY x.vkind, x.vref, x.parts, x.rules) AS k
                      FROM (SELECT DISTINCT n.job_id, n.vkind, n.vref, n.parts, n.mode, n.rules
                              FROM cpg_next n WHERE cardinality(n.parts) <= 16) x) y
             WHERE y.k <= 16;
        END LOOP;
        RAISE DEBUG 'cpg_refresh(%): phase % resolved in % steps after % ms', rp, cur_phase, step,
            round(extract(epoch FROM clock_timestamp() - t0) * 1000);
        -- Whatever is still moving after the step limit is a cycle of aliases.
        INSERT INTO cpg_res
        SELECT DISTINCT s.job_id, 'unresolved', replace(array_to_string(s.parts, '.'), '.()', '()'),
               concat_ws('>', nullif(s.rules, ''), 'cycle')
          FROM cpg_st s;
    END LOOP;
    ANALYZE cpg_res;

    -- Edges. A resolved class call goes to the nearest __init__ of its MRO (to the class
    -- when no class in the repository defines one); a job with a definition among its
    -- results drops its unresolved ones.
    CREATE TEMP TABLE cpg_out ON COMMIT DROP AS
    WITH target AS (
        SELECT r.job_id, r.rkind, r.rules,
               CASE WHEN s.scope_kind = 'CLASS' AND j.src_kind IN ('CST_CALLSITE', 'CST_DECORATOR')
                         AND r.rkind IN ('def', 'scip')
                    THEN coalesce(i.node_id, s.node_id) ELSE r.ref END AS ref,
               CASE WHEN s.scope_kind = 'CLASS' AND i.node_id IS NOT NULL AND j.src_kind IN ('CST_CALLSITE', 'CST_DECORATOR')
                         AND r.rkind IN ('def', 'scip')
                    THEN concat_ws('>', nullif(r.rules, ''), 'init') ELSE r.rules END AS rules2
          FROM cpg_res r
          JOIN cpg_job j ON j.job_id = r.job_id
          LEFT JOIN cpg_sc s ON s.node_id = r.ref AND r.rkind IN ('def', 'scip')
          LEFT JOIN LATERAL (
              SELECT b.vref AS node_id FROM cpg_mro m
                JOIN cpg_bind b ON b.scope_id = m.anc_id AND b.name = '__init__' AND b.vkind = 'def'
               WHERE m.class_id = s.node_id ORDER BY m.rank, b.vref LIMIT 1) i ON s.scope_kind = 'CLASS'
    ), resolved AS (
        SELECT t.*, bool_or(t.rkind IN ('def', 'scip', 'module')) OVER (PARTITION BY t.job_id) AS job_resolved
          FROM target t
    ), kept AS (
        SELECT DISTINCT r.job_id, r.rkind, r.ref, r.rules2 AS rules
          FROM resolved r
         WHERE r.rkind IN ('def', 'scip', 'module') OR NOT r.job_resolved
    )
    SELECT j.*, k.rkind, k.ref, k.rules,
           count(*) OVER (PARTITION BY k.job_id) AS candidates
      FROM kept k JOIN cpg_job j ON j.job_id = k.job_id
    UNION ALL
    -- Expressions the resolver cannot follow (subscripts, operators, literals), and
    -- expressions it gave up on (limit).
    SELECT j.*, 'unresolved', j.expr, CASE WHEN j.parts IS NULL THEN '' ELSE 'limit' END, 1
      FROM cpg_job j
     WHERE j.phase = 2 AND j.src_kind <> 'CST_IMPORT_ALIAS'
       AND NOT EXISTS (SELECT 1 FROM cpg_res r WHERE r.job_id = j.job_id);

    INSERT INTO codecpg.cpg_graph_v1 (repo, edge_id, edge_kind, src_node_id, dst_node_id, path, file_id,
        bstart, bend, origin, resolution_method, confidence, score, symbol_roles, rule_name, src_kind,
        src_scope_node_id, dst_kind, dst_name)
    SELECT DISTINCT ON (e.edge_kind, e.src_node_id, e.dst_node_id, e.path, e.bstart, e.bend)
           rp, codecpg.stable_id('edge', e.edge_kind, e.src_node_id, e.dst_node_id, e.path, e.bstart::text, e.bend::text),
           e.*
      FROM (
        SELECT CASE WHEN o.src_kind = 'CST_IMPORT_ALIAS' THEN 'BINDING_RESOLVES_TO'
                    WHEN o.rkind = 'scip' THEN 'PY_CALLS_SYMBOL'
                    ELSE 'PY_CALLS_QNAME' END AS edge_kind,
               o.src_node_id,
               CASE WHEN o.rkind IN ('def', 'scip', 'module') THEN o.ref
                    ELSE codecpg.stable_id('py_qname', rp, o.ref) END AS dst_node_id,
               o.path, o.file_id, o.bstart, o.bend,
               CASE WHEN o.rkind = 'scip' THEN 'scip' ELSE 'derived' END AS origin,
               CASE WHEN o.rkind = 'scip' THEN 'scip_span_exact'
                    WHEN o.rkind IN ('def', 'module') THEN 'name_resolution'
                    ELSE 'unresolved' END AS resolution_method,
               CASE WHEN o.rkind = 'scip' THEN 1.0 ELSE 0.5 END::double precision AS confidence,
               (CASE WHEN o.rkind = 'scip' THEN 1.0 ELSE 0.5 END / o.candidates)::double precision AS score,
               CASE WHEN o.rkind = 'scip' THEN substring(o.rules FROM '^scip:(\d+)')::integer END AS symbol_roles,
               nullif(regexp_replace(o.rules, '^scip:\d+', 'scip'), '') AS rule_name,
               o.src_kind, o.scope_id AS src_scope_node_id,
               CASE WHEN o.rkind IN ('def', 'scip') THEN
                         CASE s.scope_kind WHEN 'CLASS' THEN 'CST_CLASS_DEF' WHEN 'LAMBDA' THEN 'CST_LAMBDA'
                                           WHEN 'MODULE' THEN 'PY_MODULE' ELSE 'CST_FUNCTION_DEF' END
                    WHEN o.rkind = 'module' THEN 'PY_MODULE'
                    ELSE 'PY_QUALIFIED_NAME' END AS dst_kind,
               CASE WHEN o.rkind IN ('def', 'scip', 'module') THEN s.fqn ELSE o.ref END AS dst_name
          FROM cpg_out o
          LEFT JOIN cpg_sc s ON s.node_id = o.ref AND o.rkind IN ('def', 'scip', 'module')
         WHERE o.src_kind <> 'CST_CLASS_DEF'
        UNION ALL
        SELECT 'CLASS_INHERITS', o.src_node_id,
               CASE WHEN o.rkind = 'def' THEN o.ref ELSE codecpg.stable_id('py_qname', rp, o.ref) END,
               o.path, o.file_id, o.bstart, o.bend, 'derived',
               CASE WHEN o.rkind = 'def' THEN 'name_resolution' ELSE 'unresolved' END,
               0.5, 0.5 / o.candidates, NULL, nullif(o.rules, ''), 'CST_CLASS_DEF', o.scope_id,
               CASE WHEN o.rkind = 'def' THEN 'CST_CLASS_DEF' ELSE 'PY_QUALIFIED_NAME' END,
               CASE WHEN o.rkind = 'def' THEN s.fqn ELSE o.ref END
          FROM cpg_out o
          LEFT JOIN cpg_sc s ON s.node_id = o.ref AND o.rkind = 'def'
         WHERE o.src_kind = 'CST_CLASS_DEF' AND (o.rkind <> 'def' OR s.scope_kind = 'CLASS')
        UNION ALL
        SELECT 'FILE_CONTAINS', j.scope_id, j.src_node_id, j.path, j.file_id, j.bstart, j.bend, 'derived',
               'span_containment', 1.0, 1.0, NULL, NULL, s.scope_kind, j.scope_id, 'CST_CALLSITE', NULL
          FROM cpg_job j JOIN cpg_sc s ON s.node_id = j.scope_id
         WHERE j.src_kind = 'CST_CALLSITE'
      ) e
     ORDER BY e.edge_kind, e.src_node_id, e.dst_node_id, e.path, e.bstart, e.bend, e.score DESC;

    RAISE DEBUG 'cpg_refresh(%): edges stored after % ms', rp, round(extract(epoch FROM clock_timestamp() - t0) * 1000);
    -- Fresh statistics, or the first queries after a refresh plan for empty tables.
    ANALYZE codecpg.cpg_scopes_v1, codecpg.cpg_graph_v1;
    SELECT count(*) INTO scopes FROM codecpg.cpg_scopes_v1 s WHERE s.repo = rp;
    SELECT count(*) INTO callsites FROM cpg_job j WHERE j.src_kind = 'CST_CALLSITE';
    SELECT count(DISTINCT g.src_node_id) FILTER (WHERE g.edge_kind = 'PY_CALLS_SYMBOL'),
           count(DISTINCT g.src_node_id) FILTER (WHERE g.edge_kind = 'PY_CALLS_QNAME' AND g.resolution_method = 'name_resolution'
                                                   AND g.src_kind = 'CST_CALLSITE'),
           count(DISTINCT g.src_node_id) FILTER (WHERE g.edge_kind = 'PY_CALLS_QNAME' AND g.resolution_method = 'unresolved'
                                                   AND g.src_kind = 'CST_CALLSITE'),
           count(*)
      INTO calls_scip, calls_resolved, calls_unresolved, edges
      FROM codecpg.cpg_graph_v1 g WHERE g.repo = rp;
END
$$;
COMMENT ON FUNCTION codecpg.cpg_refresh(text) IS
  'Recomputes the repository''s cross-file graph (cpg_scopes_v1, cpg_graph_v1) from its extracted files: scopes and qualified names, then call, decorator, import and base-class resolution, SCIP span-exact first and codecpg''s own name resolution otherwise. Run it after the files of an index run are extracted; returns counts.';
