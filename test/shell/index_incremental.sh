#!/usr/bin/env bash
# Incremental re-indexing through edits, additions, deletions and a rename, by each
# path (server, client -j 1, client -j 2): the counts of every run are right, unchanged
# files keep their stored rows (not re-extracted), and the final state equals a
# from-scratch index of the final directory in every root table.
set -euo pipefail
source "$(dirname "$0")/index_lib.bash"
ix_setup codecpg_ix_incremental

row_versions() { q "SELECT row_versions('$1', '$2')"; }

for mode in server j1 j2; do
    dir=$ix_work/$mode
    repo=inc_$mode
    ix_copy_project "$dir"

    ix_index "$mode" "$repo" "$dir"
    expect_eq "$mode: first index" "11 0 0 0 3" "$(ix_counts "$repo")"
    before=$(row_versions "$repo" app/util/strings.py)
    ix_index "$mode" "$repo" "$dir"
    expect_eq "$mode: nothing changed" "0 0 0 11 1" "$(ix_counts "$repo")"
    expect_eq "$mode: unchanged rows untouched" "$before" "$(row_versions "$repo" app/util/strings.py)"

    # edit
    printf 'def shout(text):\n    return text.upper() + "!!"\n' > "$dir/app/util/strings.py"
    ix_index "$mode" "$repo" "$dir"
    expect_eq "$mode: edit" "0 1 0 10 1" "$(ix_counts "$repo")"
    [ "$before" != "$(row_versions "$repo" app/util/strings.py)" ] || fail "$mode: the edited file was not re-extracted"
    expect_eq "$mode: edited text stored" "t" \
        "$(q "SELECT source LIKE '%\"!!\"%' FROM codecpg.repo_files_v1 WHERE repo = '$repo' AND path = 'app/util/strings.py'")"
    before=$(row_versions "$repo" app/core.py)

    # add a file (and fix the bad encoding: a changed file that now decodes)
    mkdir -p "$dir/app/extra"
    printf 'from app.core import Greeter\n\n\ndef twice(g):\n    return g.greet() * 2\n' > "$dir/app/extra/more.py"
    printf 'text = "fixed"\n' > "$dir/lib/badenc.py"
    ix_index "$mode" "$repo" "$dir"
    expect_eq "$mode: add" "1 1 0 10 1" "$(ix_counts "$repo")"
    expect_eq "$mode: unchanged file untouched by other changes" "$before" "$(row_versions "$repo" app/core.py)"

    # delete
    rm "$dir/lib/broken.py"
    ix_index "$mode" "$repo" "$dir"
    expect_eq "$mode: delete" "0 0 1 11 1" "$(ix_counts "$repo")"
    expect_eq "$mode: deleted file's rows gone from every table" "0" \
        "$(row_versions "$repo" lib/broken.py | tr ' ' '\n' | grep -c '=[0-9]' || true)"

    # rename = delete + add
    mv "$dir/scripts/tool.py" "$dir/scripts/cli.py"
    ix_index "$mode" "$repo" "$dir"
    expect_eq "$mode: rename" "1 0 1 10 1" "$(ix_counts "$repo")"

    # the final state equals a from-scratch index of the final directory
    ix_index "$mode" "scratch_$mode" "$dir"
    expect_eq "$mode: incremental equals from scratch" "0" "$(q "SELECT count(*) FROM repo_diff('$repo', 'scratch_$mode')")"
    expect_eq "$mode: facts present" "t" \
        "$(q "SELECT domain_rows('$repo') = (SELECT count(*) FROM codecpg.index_domains()) * 10 AND domain_rows('$repo') > 0")"
done

# All three paths reach the same final state.
expect_eq "server and client -j 1 agree" "0" "$(q "SELECT count(*) FROM repo_diff('inc_server', 'inc_j1')")"
expect_eq "server and client -j 2 agree" "0" "$(q "SELECT count(*) FROM repo_diff('inc_server', 'inc_j2')")"
echo "index_incremental: all checks passed"
