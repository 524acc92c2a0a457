#!/usr/bin/env bash
# Regenerates the checked-in SCIP fixtures under test/data/scip/:
#   demo.scip / demo.json    scip-python 0.6.6 over test/data/scip/project (binary, and its
#                            JSON mapping written by the independent decoder)
#   extra.scip / extra.json  hand-built index covering fields scip-python never emits
#   extra-unpacked.scip      the same index with every repeated int32 unpacked
# The project is indexed from a fixed scratch path so project_root is stable.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=$ROOT/test/data/scip
NODE_DIR=${CODECPG_NODE_DIR:-$ROOT/build/node}
bash "$ROOT/scripts/install-scip-python.sh" >/dev/null
SCRATCH=/tmp/codecpg-scip-demo
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
cp -r "$DATA/project/." "$SCRATCH/"
echo '[]' > "$SCRATCH/env.json"
(cd "$SCRATCH" && "$NODE_DIR/node_modules/.bin/scip-python" index --quiet --project-name demo \
    --project-version 0.1 --environment env.json --output index.scip)
cp "$SCRATCH/index.scip" "$DATA/demo.scip"
rm -rf "$SCRATCH"
node "$ROOT/test/tools/scip_dump.js" --json "$DATA/demo.scip" > "$DATA/demo.json"
node "$ROOT/test/tools/make_scip_extra.js" "$DATA/extra.scip"
node "$ROOT/test/tools/make_scip_extra.js" "$DATA/extra-unpacked.scip" --unpacked
# The bundled bindings predate position_encoding and signature_documentation, so
# the JSON form gets them added here, spelled with enum names.
node "$ROOT/test/tools/scip_dump.js" --json "$DATA/extra.scip" | node -e '
const idx = JSON.parse(require("fs").readFileSync(0, "utf8"));
const enc = {"extra.py": "UTF8CodeUnitOffsetFromLineStart", "utf16.py": "UTF16CodeUnitOffsetFromLineStart"};
for (const d of idx.documents) if (enc[d.relativePath]) d.positionEncoding = enc[d.relativePath];
idx.documents[0].symbols[0].signatureDocumentation = {relativePath: "sig", language: "python",
    text: "x: str", occurrences: [{range: [0, 0, 1], symbol: "local 0", symbolRoles: 1}]};
process.stdout.write(JSON.stringify(idx, null, 1) + "\n");' > "$DATA/extra.json"
ls -l "$DATA"/*.scip "$DATA"/*.json
