#!/usr/bin/env bash
# Robustness runs for the SCIP readers (no database needed).
#   test/fuzz/run.sh mutate          deterministic driver under ASan+UBSan over the fixtures
#                                    (every truncation, bit flip and byte overwrite; hostile
#                                    inputs must fail with the right error code)
#   test/fuzz/run.sh fuzz [SECONDS]  libFuzzer (clang) seeded with the fixtures
#   test/fuzz/run.sh dump FILE       the C reader's canonical dump (compare with
#                                    test/tools/scip_dump.js)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${CODECPG_FUZZ_DIR:-$ROOT/build/fuzz}
SRC="$ROOT/src/scip/scip_wire.c $ROOT/src/scip/scip_util.c $ROOT/src/scip/scip_json.c $ROOT/src/scip/scip_pos.c"
DATA=$ROOT/test/data/scip
mkdir -p "$OUT"
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
*)
    echo "usage: $0 mutate | fuzz [SECONDS] | dump [--json] FILE" >&2; exit 2 ;;
esac
