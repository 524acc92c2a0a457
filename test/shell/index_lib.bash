# Helpers shared by the test/shell/index_*.sh tests (sourced; not a test itself).
# PG* variables point at the test cluster; the codecpg client is on PATH.

ix_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

q() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

fail() { echo "FAIL: $*" >&2; exit 1; }

expect_eq() {  # expect_eq WHAT EXPECTED ACTUAL
    [ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"
    echo "ok: $1"
}

# A fresh database with the extension; removed on exit together with the work dir.
ix_setup() {
    ix_db=$1
    ix_work=$(mktemp -d "/tmp/codecpg-$1.XXXXXX")
    chmod 755 "$ix_work"
    [ -n "${IX_KEEP:-}" ] || trap 'rm -rf "$ix_work"; dropdb --if-exists "$ix_db" >/dev/null 2>&1 || true' EXIT
    dropdb --if-exists "$ix_db" >/dev/null 2>&1 || true
    createdb "$ix_db"
    export PGDATABASE=$ix_db
    q "CREATE EXTENSION codecpg"
    # Differences between two repositories over every root table of an installed
    # domain and the snapshot, on path and content (identity, timestamps and the
    # tree-sitter parse time aside).
    q "CREATE FUNCTION repo_diff(a text, b text) RETURNS TABLE (tbl text, path text)
       LANGUAGE plpgsql AS \$\$
       DECLARE t text;
       BEGIN
         FOR t IN SELECT 'codecpg.repo_files_v1' UNION ALL SELECT root_table::text FROM codecpg.index_domains() LOOP
           RETURN QUERY EXECUTE format(
             '(SELECT %L, x.path FROM (SELECT f.path, (to_jsonb(f) - ''repo'' - ''file_id'' - ''indexed_at'') #- ''{stats,parse_ms}'' AS j FROM %s f WHERE f.repo = \$1
                EXCEPT SELECT f.path, (to_jsonb(f) - ''repo'' - ''file_id'' - ''indexed_at'') #- ''{stats,parse_ms}'' FROM %s f WHERE f.repo = \$2) x)
              UNION ALL
              (SELECT %L, x.path FROM (SELECT f.path, (to_jsonb(f) - ''repo'' - ''file_id'' - ''indexed_at'') #- ''{stats,parse_ms}'' AS j FROM %s f WHERE f.repo = \$2
                EXCEPT SELECT f.path, (to_jsonb(f) - ''repo'' - ''file_id'' - ''indexed_at'') #- ''{stats,parse_ms}'' FROM %s f WHERE f.repo = \$1) x)',
             t, t, t, t, t, t) USING a, b;
         END LOOP;
       END \$\$"
    # The row versions (xmin) of every stored row of a file, over the snapshot and
    # every installed domain: unchanged when the file was neither stored nor extracted again.
    q "CREATE FUNCTION row_versions(r text, p text) RETURNS text LANGUAGE plpgsql AS \$\$
       DECLARE t text; v text; acc text := '';
       BEGIN
         FOR t IN SELECT 'codecpg.repo_files_v1' UNION ALL SELECT root_table::text FROM codecpg.index_domains() ORDER BY 1 LOOP
           EXECUTE format('SELECT string_agg(xmin::text, '','') FROM %s WHERE repo = \$1 AND path = \$2', t) INTO v USING r, p;
           acc := acc || t || '=' || coalesce(v, '-') || ' ';
         END LOOP;
         RETURN acc;
       END \$\$"
    # Root rows of a repository over every installed domain.
    q "CREATE FUNCTION domain_rows(r text) RETURNS bigint LANGUAGE plpgsql AS \$\$
       DECLARE t text; n bigint; total bigint := 0;
       BEGIN
         FOR t IN SELECT root_table::text FROM codecpg.index_domains() LOOP
           EXECUTE format('SELECT count(*) FROM %s WHERE repo = \$1', t) INTO n USING r;
           total := total + n;
         END LOOP;
         RETURN total;
       END \$\$"
}

# The client runs as the cluster's OS user when the test runs as root, so that a
# chmod 000 file is unreadable to it as it is to the server.
ix_client() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- env PATH="$PATH" PGHOST="$PGHOST" PGPORT="$PGPORT" PGUSER="$PGUSER" \
            PGDATABASE="$PGDATABASE" codecpg "$@"
    else
        codecpg "$@"
    fi
}

# Every mode indexes the same way: server, client -j 1, client -j 2.
ix_index() {  # ix_index MODE REPO DIR [extra client options]
    local mode=$1 repo=$2 dir=$3
    shift 3
    case "$mode" in
        server) q "SELECT codecpg.index_repo('$repo', '$dir', '{\"max_file_size\": 2048}')" >/dev/null ;;
        j1) ix_client index "$dir" --repo "$repo" --max-file-size 2048 -q "$@" ;;
        j2) ix_client index "$dir" --repo "$repo" --max-file-size 2048 -q -j 2 "$@" ;;
    esac
}

# "added changed removed unchanged failed" of the repository's last run.
ix_counts() {
    q "SELECT concat_ws(' ', files_added, files_changed, files_removed, files_unchanged, files_failed)
         FROM codecpg.index_runs WHERE repo = '$1' ORDER BY run_id DESC LIMIT 1"
}

ix_copy_project() {  # ix_copy_project DEST
    cp -a "$ix_root/test/data/index/proj" "$1"
    chmod -R a+rX "$1"
}
