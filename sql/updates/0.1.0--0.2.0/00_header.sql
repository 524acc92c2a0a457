-- codecpg upgrade script 0.1.0 -> 0.2.0 (assembled from sql/updates/0.1.0--0.2.0/*.sql).
--
-- Each part brings one subsystem from its 0.1.0 shape to its 0.2.0 shape; after the
-- whole script the extension's objects are exactly those of a fresh 0.2.0 install
-- (test/shell/upgrade.sh compares the two catalogs). Complain if sourced in psql rather
-- than through ALTER EXTENSION.
\echo Use "ALTER EXTENSION codecpg UPDATE TO '0.2.0'" to load this file. \quit

-- The two views read nearly every table and function of the graph: they are dropped
-- first, so that every part may replace what they read, and created again from the
-- install script's own definitions at the end (90_cpg_nodes.sql, 91_cpg_edges.sql).
DROP VIEW codecpg.cpg_edges;
DROP VIEW codecpg.cpg_nodes;
