#!/usr/bin/env bash
# Robustness runs for the readers of untrusted bytes (no database needed).
#   test/fuzz/run.sh mutate          SCIP: deterministic driver under ASan+UBSan over the
#                                    fixtures (every truncation, bit flip and byte overwrite;
#                                    hostile inputs must fail with the right error code)
#   test/fuzz/run.sh fuzz [SECONDS]  SCIP: libFuzzer (clang) seeded with the fixtures
#   test/fuzz/run.sh dump FILE       SCIP: the C reader's canonical dump (compare with
#                                    test/tools/scip_dump.js)
#   test/fuzz/run.sh ts-fuzz [SECONDS] [libFuzzer options]
#                                    tree-sitter runtime + grammar + codecpg's stoppable parse
#                                    (ts_fuzz_target.c), corpus test/fuzz/corpus/ts
#   test/fuzz/run.sh py-fuzz [SECONDS] [libFuzzer options]
#                                    CPython's parser, symbol table and compiler as codecpg
#                                    drives them, and codecpg's bytecode decoder
#                                    (py_fuzz_target.c), corpus test/fuzz/corpus/py
#   test/fuzz/run.sh ts-sweep [FILES] stop every parse of FILES (default: the tree-sitter
#                                    corpus and fixtures) at every progress check, parse again,
#                                    compare node for node (ts_sweep.c)
#   test/fuzz/run.sh replay          CI: every corpus input once through its harness, under
#                                    ASan+UBSan, plus the sweep; bounded and deterministic
# Long fuzzing runs belong under `nice -n 19`. New finds go to build/fuzz/new-<target>;
# `run.sh merge TARGET` adds those that add coverage to the committed corpus.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${CODECPG_FUZZ_DIR:-$ROOT/build/fuzz}
SRC="$ROOT/src/scip/scip_wire.c $ROOT/src/scip/scip_util.c $ROOT/src/scip/scip_json.c $ROOT/src/scip/scip_pos.c"
DATA=$ROOT/test/data/scip
CORPUS=$ROOT/test/fuzz/corpus
mkdir -p "$OUT"

# The pinned tree-sitter runtime and grammar, fetched as the extension's build does.
ts_sources() {
    make -s -C "$ROOT" grammar >/dev/null
    local rt gr
    rt=$(ls -d "$ROOT"/build/tsrt/tree-sitter-*/vendor/tree-sitter/lib | head -n 1)
    gr=$(ls -d "$ROOT"/build/grammar/tree-sitter-python-*/src | head -n 1)
    TS_CFLAGS="-I$ROOT/src -I$rt/include -I$rt/src -I$gr"
    TS_SRC="$ROOT/src/treesitter/ts_run.c $rt/src/lib.c $gr/parser.c $gr/scanner.c"
}

# libFuzzer's own flags: instrumented for coverage (fuzz) or only sanitized (replay).
build_ts() {   # $1: fuzz | replay
    ts_sources
    local fl="-fsanitize=fuzzer,address,undefined"
    [ "$1" = replay ] && fl="-fsanitize=fuzzer,address,undefined -O1"
    [ -x "$OUT/ts_fuzz_$1" ] && [ "$OUT/ts_fuzz_$1" -nt "$ROOT/test/fuzz/ts_fuzz_target.c" ] \
        && [ "$OUT/ts_fuzz_$1" -nt "$ROOT/src/treesitter/ts_run.c" ] && return 0
    # shellcheck disable=SC2086
    clang -std=gnu11 -O1 -g -w $fl -fno-sanitize-recover=all $TS_CFLAGS \
        -o "$OUT/ts_fuzz_$1" "$ROOT/test/fuzz/ts_fuzz_target.c" $TS_SRC
}

# The CPython target links the decoder against the embedded libpython and a PostgreSQL
# runtime shim (pg_shim.c); PostgreSQL's headers only declare.
build_py() {   # $1: fuzz | replay
    local fl="-fsanitize=fuzzer,address,undefined"
    [ -x "$OUT/py_fuzz_$1" ] && [ "$OUT/py_fuzz_$1" -nt "$ROOT/test/fuzz/py_fuzz_target.c" ] \
        && [ "$OUT/py_fuzz_$1" -nt "$ROOT/src/python/bytecode_decode.c" ] \
        && [ "$OUT/py_fuzz_$1" -nt "$ROOT/test/fuzz/pg_shim.c" ] && return 0
    # shellcheck disable=SC2046
    clang -std=gnu11 -O1 -g -w $fl -fno-sanitize-recover=all -I"$ROOT/src" \
        -isystem "$(pg_config --includedir-server)" $(pkg-config --cflags python3-embed) \
        -o "$OUT/py_fuzz_$1" "$ROOT/test/fuzz/py_fuzz_target.c" "$ROOT/test/fuzz/pg_shim.c" \
        "$ROOT/src/python/bytecode_decode.c" $(pkg-config --libs python3-embed)
}

build_sweep() {
    ts_sources
    # shellcheck disable=SC2086
    ${CC:-gcc} -std=gnu11 -O1 -g -w -fsanitize=address,undefined -fno-sanitize-recover=all $TS_CFLAGS \
        -o "$OUT/ts_sweep" "$ROOT/test/fuzz/ts_sweep.c" $TS_SRC
}

run_fuzzer() {   # $1: binary, $2: corpus name, $3: seconds, rest: libFuzzer options
    local bin=$1 name=$2 secs=$3
    shift 3
    mkdir -p "$OUT/new-$name"
    "$bin" -max_total_time="$secs" -rss_limit_mb=4096 -timeout=300 -max_len=65536 -artifact_prefix="$OUT/" \
        -print_final_stats=1 "$@" "$OUT/new-$name" "$CORPUS/$name"
}

case "${1:-mutate}" in
mutate)
    ${CC:-gcc} -std=gnu11 -O1 -g -Wall -Wextra -fsanitize=address,undefined -fno-sanitize-recover=all \
        -o "$OUT/scip_mutate" "$ROOT/test/fuzz/scip_mutate.c" "$ROOT/test/fuzz/scip_fuzz_target.c" $SRC -ljansson
    "$OUT/scip_mutate" "$DATA/extra.scip" "$DATA/extra-unpacked.scip" "$DATA/extra.json" \
        "$DATA/demo.scip"
    ;;
fuzz)
    clang -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
        -o "$OUT/scip_fuzz" "$ROOT/test/fuzz/scip_fuzz_target.c" $SRC -ljansson
    mkdir -p "$OUT/corpus"
    cp "$DATA"/*.scip "$DATA"/*.json "$OUT/corpus/"
    "$OUT/scip_fuzz" -max_total_time="${2:-600}" -rss_limit_mb=2048 -max_len=65536 \
        -dict="$ROOT/test/fuzz/scip_json.dict" \
        -print_final_stats=1 "$OUT/corpus"
    ;;
dump)
    ${CC:-gcc} -std=gnu11 -O2 -Wall -Wextra -o "$OUT/scip_cdump" "$ROOT/test/fuzz/scip_cdump.c" $SRC -ljansson
    "$OUT/scip_cdump" "${@:2}"
    ;;
ts-fuzz)
    build_ts fuzz
    run_fuzzer "$OUT/ts_fuzz_fuzz" ts "${2:-600}" -dict="$ROOT/test/fuzz/python.dict" "${@:3}"
    ;;
py-fuzz)
    build_py fuzz
    # CPython keeps caches and interned objects across inputs: not leaks of one input.
    ASAN_OPTIONS=detect_leaks=0 run_fuzzer "$OUT/py_fuzz_fuzz" py "${2:-600}" -dict="$ROOT/test/fuzz/python.dict" "${@:3}"
    ;;
merge)
    # Fold new finds into the committed corpus: those that add coverage to it. The corpus
    # stays whole: a minimisation of it would drop the crash-* regression inputs.
    # As py-fuzz, the CPython target runs without leak detection: LeakSanitizer's report of
    # the interpreter's process-lifetime allocations at a merge process's exit makes
    # libFuzzer write a crash-* artifact of the empty input (not a crash of any input).
    name=${2:?merge ts|py}
    build_"$name" fuzz
    rm -rf "$OUT/merged-$name"
    mkdir -p "$OUT/merged-$name"
    leaks=1
    [ "$name" = py ] && leaks=0
    ASAN_OPTIONS=detect_leaks=$leaks "$OUT/${name}_fuzz_fuzz" -merge=1 -max_len=65536 -artifact_prefix="$OUT/" \
        "$OUT/merged-$name" "$CORPUS/$name" "$OUT/new-$name"
    for f in "$OUT/merged-$name"/*; do
        [ -e "$CORPUS/$name/$(basename "$f")" ] || cp "$f" "$CORPUS/$name/"
    done
    rm -rf "$OUT/merged-$name"
    ;;
ts-sweep)
    build_sweep
    if [ $# -gt 1 ]; then
        "$OUT/ts_sweep" "${@:2}"
    else
        "$OUT/ts_sweep" --max-stops 200 "$ROOT"/test/data/ts/*.py "$ROOT"/test/fuzz/sweep/*.py
    fi
    ;;
replay)
    build_ts replay
    "$OUT/ts_fuzz_replay" -runs=0 "$CORPUS/ts" >"$OUT/replay-ts.log" 2>&1 \
        || { tail -n 30 "$OUT/replay-ts.log"; exit 1; }
    echo "replay: tree-sitter corpus, $(ls "$CORPUS/ts" | wc -l) inputs clean"
    build_py replay
    ASAN_OPTIONS=detect_leaks=0 "$OUT/py_fuzz_replay" -runs=0 "$CORPUS/py" >"$OUT/replay-py.log" 2>&1 \
        || { tail -n 30 "$OUT/replay-py.log"; exit 1; }
    echo "replay: CPython corpus, $(ls "$CORPUS/py" | wc -l) inputs clean"
    build_sweep
    "$OUT/ts_sweep" --max-stops 200 "$ROOT"/test/data/ts/*.py "$ROOT"/test/fuzz/sweep/*.py
    echo "fuzz-replay: 3 passed, 0 failed"
    ;;
*)
    sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
