#!/usr/bin/env bash
# The fuzz corpora (test/fuzz/corpus/ts, test/fuzz/corpus/py) through the extractors
# that need a backend: every input becomes a file of an index run (decoding, tree-sitter,
# CST facts, AST, symbol table, bytecode, the graph refresh). Outside PostgreSQL the
# harnesses cover the runtime, grammar, CPython and the bytecode decoder; the row
# builders are covered here, in the sanitized run under ASan + UBSan. The run must
# succeed (problems of single files are rows) and the backend must survive.
set -euo pipefail
source "$(dirname "$0")/index_lib.bash"
ix_setup codecpg_fuzz_replay

for set in ts py; do
    mkdir -p "$ix_work/corpus/$set"
    for f in "$ix_root/test/fuzz/corpus/$set"/*; do
        cp "$f" "$ix_work/corpus/$set/$(basename "$f" .py).py"
    done
done
chmod -R a+rX "$ix_work"
q "SELECT codecpg.index_repo('fuzz', '$ix_work/corpus')" >/dev/null
expect_eq "every corpus input indexed" \
    "succeeded $(ls "$ix_work"/corpus/*/*.py | wc -l)" \
    "$(q "SELECT status || ' ' || files_seen FROM codecpg.index_runs WHERE repo = 'fuzz'")"
# An extractor's own error rows (CPython's "MemoryError: ..." on nesting too deep) are
# copied as extractor_error rows too; an error raised by an extractor has no such prefix.
expect_eq "no extractor raised an error" "0" \
    "$(q "SELECT count(*) FROM codecpg.index_errors WHERE repo = 'fuzz' AND kind = 'extractor_error'
            AND message !~ '^[A-Za-z]+(Error|Exception): '")"
echo "ok: $(q "SELECT count(*) FROM codecpg.repo_files_v1 WHERE repo = 'fuzz'") inputs stored and extracted," \
     "$(q "SELECT count(*) FROM codecpg.index_errors WHERE repo = 'fuzz'") per-file problems recorded"
