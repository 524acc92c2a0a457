// Loads the scip.proto bindings that scip-python bundles (webpack module built
// from scip_pb.ts on google-protobuf), without running the indexer's main().
// Used by the independent decoder so the tests never share code with the C reader.
'use strict';
const fs = require('fs');
const path = require('path');
const Module = require('module');

function nodeDir() {
    if (process.env.CODECPG_NODE_DIR) return process.env.CODECPG_NODE_DIR;
    return path.resolve(__dirname, '..', '..', 'build', 'node');
}

function loadScip() {
    const dist = path.join(nodeDir(), 'node_modules', '@sourcegraph', 'scip-python', 'dist');
    const file = path.join(dist, 'scip-python.js');
    let src = fs.readFileSync(file, 'utf8');
    // The bundle ends by starting the CLI; stop after loading the chunks instead.
    const tail = 't=r.x,r.x=()=>(r.e(736),r.e(194),t()),r.x()})();';
    if (!src.includes(tail)) throw new Error('unexpected scip-python bundle layout in ' + file);
    src = src.replace(tail, 'r.e(736),r.e(194),module.exports=r})();');
    const m = new Module(file, module);
    m.filename = file;
    m.paths = Module._nodeModulePaths(dist);
    m._compile(src, file);
    const req = m.exports;
    for (const id of Object.keys(req.m)) {
        const body = req.m[id].toString();
        if (body.includes('e.Index=') && body.includes('external_symbols') && body.includes('deserializeBinary')) {
            const exp = req(id);
            if (exp.scip && exp.scip.Index) return exp.scip;
        }
    }
    throw new Error('scip bindings not found in ' + file);
}

module.exports = { loadScip };
