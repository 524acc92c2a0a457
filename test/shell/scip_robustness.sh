#!/usr/bin/env bash
# The SCIP readers under AddressSanitizer and UBSan, without a database: every
# truncation, bit flip and byte overwrite of the fixtures, and hostile inputs that
# must fail with the right error code (test/fuzz/scip_mutate.c). Also checks that
# the C reader's canonical dump of the fixtures equals the independent Node
# decoder's (test/tools/scip_dump.js), byte for byte.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
export CODECPG_FUZZ_DIR=${CODECPG_FUZZ_DIR:-$(mktemp -d)}
bash "$root/test/fuzz/run.sh" mutate
for f in demo extra; do
    diff <(bash "$root/test/fuzz/run.sh" dump "$root/test/data/scip/$f.scip") \
         <(node "$root/test/tools/scip_dump.js" "$root/test/data/scip/$f.scip")
    diff <(bash "$root/test/fuzz/run.sh" dump --json "$root/test/data/scip/$f.json") \
         <(node "$root/test/tools/scip_dump.js" "$root/test/data/scip/$f.scip")
done
echo "scip readers: robust, and agree with the independent decoder"
