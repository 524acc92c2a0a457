#!/usr/bin/env node
// Writes test/data/scip/extra.scip: a hand-built index covering what scip-python
// 0.6.6 never emits (diagnostics, 4-element and unpacked ranges, override
// documentation, syntax kinds, document text and language, position encodings,
// signature documentation, relationships on external symbols, unknown fields of
// every wire type, several Index messages back to back).  It uses its own tiny
// protobuf writer so the bytes do not depend on any reader under test.
//
//   make_scip_extra.js OUT [--unpacked]
// --unpacked writes every repeated int32 unpacked (one tag per value): the same
// index in another encoding, which the bindings bundled with scip-python cannot
// read, so the tests check that it decodes exactly like the packed one.
'use strict';
const fs = require('fs');

const varint = (n) => { const b = []; let v = BigInt.asUintN(64, BigInt(n));
    do { let x = Number(v & 0x7fn); v >>= 7n; if (v) x |= 0x80; b.push(x); } while (v); return b; };
const tag = (f, wt) => varint(f * 8 + wt);
const vint = (f, n) => [...tag(f, 0), ...varint(n)];
const bytes = (f, arr) => [...tag(f, 2), ...varint(arr.length), ...arr];
const str = (f, s) => bytes(f, [...Buffer.from(s, 'utf8')]);
const msg = (f, ...parts) => bytes(f, parts.flat());
const packed = (f, ns) => bytes(f, ns.flatMap(varint));
const UNPACKED = process.argv.includes('--unpacked');
const unpacked = (f, ns) => ns.flatMap((n) => vint(f, n));
const ints = (f, ns) => (UNPACKED ? unpacked(f, ns) : packed(f, ns));
const fixed = (f, wt, n) => [...tag(f, wt), ...new Array(n).fill(0xab)];

const text1 = "x = 'é😀'\nprint(x)  # ü\n";
const index1 = [
    msg(1, vint(1, 0), msg(2, str(1, 'handmade'), str(2, '1.0'), str(3, '--a'), str(3, 'b c')),
        str(3, 'file:///extra'), vint(4, 1), vint(99, 7)),
    vint(15, 300), fixed(9, 1, 8), fixed(10, 5, 4), str(11, 'unknown top-level bytes'),
];
const index2 = [
    msg(2, str(1, 'extra.py'), str(4, 'python'), str(5, text1), vint(6, 1),
        // multi-line occurrence, packed range, everything set
        msg(2, ints(1, [0, 0, 1, 5]), str(2, 'local 0'), vint(3, 1 | 4), str(4, 'over'),
            str(4, 'ride'), vint(5, 6),
            msg(6, vint(1, 2), str(2, 'W1'), str(3, 'multi\tline\nmessage \\ é'), str(4, 'hand'),
                ints(5, [1, 2]), fixed(20, 5, 4)),
            ints(7, [0, 0, 1, 8])),
        // 3-element range on a line with non-ASCII text, negative roles
        msg(2, ints(1, [1, 6, 7]), str(2, 'local 0'), vint(3, 8), str(17, 'ignored')),
        msg(2, ints(1, [0, 5, 11]), str(2, 'scip-python python lit 1 `x`.'), vint(3, -1)),
        msg(3, str(1, 'local 0'), str(3, 'doc'), str(3, 'more "doc"'),
            msg(4, str(1, 'other'), vint(2, 1), vint(5, 1)), vint(5, 61), str(6, 'x'),
            msg(7, str(1, 'sig'), str(4, 'python'), str(5, 'x: str'),
                msg(2, ints(1, [0, 0, 1]), str(2, 'local 0'), vint(3, 1))),
            str(8, 'encl'))),
];
const text2 = 'é = "😀😀"; é\n';
const index3 = [
    msg(2, str(1, 'utf16.py'), str(5, text2), vint(6, 2),
        msg(2, ints(1, [0, 0, 1]), str(2, 'local e'), vint(3, 1)),
        msg(2, ints(1, [0, 12, 13]), str(2, 'local e'), vint(3, 8)),
        // column 6 falls between the halves of a surrogate pair: no byte offset
        msg(2, ints(1, [0, 6, 7]), str(2, 'local bad'), vint(3, 8))),
    msg(2, str(1, 'missing.py'),
        msg(2, ints(1, [2, 0, 3]), str(2, 'local m'), vint(3, 1))),
    msg(3, str(1, 'ext#'), str(3, 'external'), vint(5, 1),
        msg(4, str(1, 'a#'), vint(3, 1), vint(4, 1))),
    msg(3, str(1, 'ext2#')),
];
const out = Buffer.from([...index1.flat(), ...index2.flat(), ...index3.flat()]);
fs.writeFileSync(process.argv.slice(2).find((a) => !a.startsWith('--')) || 'extra.scip', out);
