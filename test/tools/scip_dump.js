#!/usr/bin/env node
// Independent decoder for the tests: decodes index.scip with the scip.proto
// bindings bundled in scip-python (google-protobuf), never with codecpg's C
// reader, and prints a canonical form.
//
//   scip_dump.js [--only KIND] INDEX.scip   rows as PostgreSQL COPY text (tab-separated,
//                                           \N for NULL, backslash escapes); KIND selects
//                                           one section and drops the leading kind column
//   scip_dump.js --json INDEX.scip          the index in protobuf's JSON mapping
//
// Sections (columns after the kind):
//   M  protocol_version tool_name tool_version tool_arguments(json) project_root text_document_encoding
//   D  path language text occurrence_count symbol_count
//   O  path ordinal range_raw symbol symbol_roles syntax_kind enclosing_range_raw
//      override_documentation(json) diagnostic_count
//   G  path occurrence_ordinal ordinal severity code message source tags
//   S  path ordinal symbol documentation(json) kind display_name enclosing_symbol relationship_count
//   R  path symbol_ordinal ordinal symbol is_reference is_implementation is_type_definition is_definition
//   X  ordinal symbol documentation(json) kind display_name enclosing_symbol relationship_count
//   XR symbol_ordinal ordinal symbol is_reference is_implementation is_type_definition is_definition
//   T  path ordinal text   with --source-root DIR: the source text each occurrence range covers,
//      sliced from DIR/path with JavaScript's UTF-16 string indexing (scip-python's unit);
//      \N where the range does not exist in the text
// Ordinals are 0-based; X ordinals count external symbols across the whole index.
// Integer lists print as PostgreSQL array literals, string lists as JSON arrays.
// (The bundled bindings predate Document.position_encoding and
// SymbolInformation.signature_documentation, so those are not dumped.)
'use strict';
const fs = require('fs');
const { loadScip } = require('./scip_load_bindings.js');

function copyText(v) {
    if (v === null || v === undefined) return '\\N';
    if (typeof v === 'boolean') return v ? 't' : 'f';
    return String(v).replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}
const intArray = (a) => '{' + a.join(',') + '}';
const strArray = (a) => JSON.stringify(a);

// Lines end at \r\n, \r or \n, as in CPython and pyright.
function occurrenceText(src, range) {
    if (range.length !== 3 && range.length !== 4) return null;
    const [l0, c0, l1, c1] = range.length === 3 ? [range[0], range[1], range[0], range[2]] : range;
    const starts = [0], ends = [];
    const re = /\r\n|\r|\n/g;
    let m;
    while ((m = re.exec(src))) { ends.push(m.index); starts.push(m.index + m[0].length); }
    ends.push(src.length);
    const at = (l, c) => {
        if (l < 0 || l >= starts.length || c < 0 || starts[l] + c > ends[l]) return -1;
        const o = starts[l] + c;
        const u = src.charCodeAt(o);
        return (u >= 0xdc00 && u <= 0xdfff) ? -1 : o;   // inside a surrogate pair
    };
    const b = at(l0, c0), e = at(l1, c1);
    return (b < 0 || e < 0 || b > e) ? null : src.slice(b, e);
}

function rows(idx, emit, sourceRoot) {
    const m = idx.metadata;
    if (idx.has_metadata) {
        const t = m.tool_info;
        emit('M', [m.version, t.name, t.version, strArray(t.arguments), m.project_root, m.text_document_encoding]);
    }
    const rel = (kind, lead, rels) => rels.forEach((r, k) => emit(kind, [...lead, k, r.symbol,
        r.is_reference, r.is_implementation, r.is_type_definition, r.is_definition]));
    for (const d of idx.documents) {
        const p = d.relative_path;
        emit('D', [p, d.language, d.text, d.occurrences.length, d.symbols.length]);
        let src = null;
        if (sourceRoot) {
            try { src = fs.readFileSync(require('path').join(sourceRoot, p), 'utf8'); } catch (e) { src = null; }
        }
        d.occurrences.forEach((o, i) => {
            if (src !== null) emit('T', [p, i, occurrenceText(src, o.range)]);
            emit('O', [p, i, intArray(o.range), o.symbol, o.symbol_roles, o.syntax_kind,
                intArray(o.enclosing_range), strArray(o.override_documentation), o.diagnostics.length]);
            o.diagnostics.forEach((g, k) => emit('G', [p, i, k, g.severity, g.code, g.message, g.source,
                intArray(g.tags)]));
        });
        d.symbols.forEach((s, i) => {
            emit('S', [p, i, s.symbol, strArray(s.documentation), s.kind, s.display_name,
                s.enclosing_symbol, s.relationships.length]);
            rel('R', [p, i], s.relationships);
        });
    }
    idx.external_symbols.forEach((s, i) => {
        emit('X', [i, s.symbol, strArray(s.documentation), s.kind, s.display_name, s.enclosing_symbol,
            s.relationships.length]);
        rel('XR', [i], s.relationships);
    });
}

// protobuf JSON mapping: lowerCamelCase names, defaults omitted, enums by name
function toJson(scip, idx) {
    const put = (o, k, v) => {
        if (v === undefined || v === null || v === '' || v === 0 || v === false) return;
        if (Array.isArray(v) && v.length === 0) return;
        o[k] = v;
    };
    const en = (e, v) => (v ? (e[v] !== undefined ? e[v] : v) : 0);
    const rel = (r) => { const o = {}; put(o, 'symbol', r.symbol); put(o, 'isReference', r.is_reference);
        put(o, 'isImplementation', r.is_implementation); put(o, 'isTypeDefinition', r.is_type_definition);
        put(o, 'isDefinition', r.is_definition); return o; };
    const sym = (s) => { const o = {}; put(o, 'symbol', s.symbol); put(o, 'documentation', s.documentation);
        put(o, 'relationships', s.relationships.map(rel)); put(o, 'kind', en(scip.SymbolInformation.Kind, s.kind));
        put(o, 'displayName', s.display_name); put(o, 'enclosingSymbol', s.enclosing_symbol); return o; };
    const diag = (g) => { const o = {}; put(o, 'severity', en(scip.Severity, g.severity)); put(o, 'code', g.code);
        put(o, 'message', g.message); put(o, 'source', g.source);
        put(o, 'tags', g.tags.map((t) => en(scip.DiagnosticTag, t))); return o; };
    const occ = (x) => { const o = {}; put(o, 'range', x.range); put(o, 'symbol', x.symbol);
        put(o, 'symbolRoles', x.symbol_roles); put(o, 'overrideDocumentation', x.override_documentation);
        put(o, 'syntaxKind', en(scip.SyntaxKind, x.syntax_kind)); put(o, 'diagnostics', x.diagnostics.map(diag));
        put(o, 'enclosingRange', x.enclosing_range); return o; };
    const doc = (d) => { const o = {}; put(o, 'language', d.language); put(o, 'relativePath', d.relative_path);
        put(o, 'occurrences', d.occurrences.map(occ)); put(o, 'symbols', d.symbols.map(sym)); put(o, 'text', d.text);
        return o; };
    const out = {};
    if (idx.has_metadata) {
        const m = idx.metadata, t = m.tool_info, mo = {}, to = {};
        put(to, 'name', t.name); put(to, 'version', t.version); put(to, 'arguments', t.arguments);
        put(mo, 'version', en(scip.ProtocolVersion, m.version)); put(mo, 'toolInfo', to);
        put(mo, 'projectRoot', m.project_root); put(mo, 'textDocumentEncoding', en(scip.TextEncoding, m.text_document_encoding));
        out.metadata = mo;
    }
    put(out, 'documents', idx.documents.map(doc));
    put(out, 'externalSymbols', idx.external_symbols.map(sym));
    return out;
}

function main(argv) {
    let only = null, json = false, file = null, sourceRoot = null;
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === '--only') only = argv[++i];
        else if (argv[i] === '--json') json = true;
        else if (argv[i] === '--source-root') sourceRoot = argv[++i];
        else file = argv[i];
    }
    if (!file) { process.stderr.write('usage: scip_dump.js [--only KIND] [--source-root DIR] | --json INDEX.scip\n'); process.exit(2); }
    const scip = loadScip();
    const idx = scip.Index.deserializeBinary(new Uint8Array(fs.readFileSync(file)));
    if (json) { process.stdout.write(JSON.stringify(toJson(scip, idx), null, 1) + '\n'); return; }
    const out = [];
    rows(idx, (kind, cols) => {
        if (only && kind !== only) return;
        out.push((only ? cols : [kind, ...cols]).map(copyText).join('\t'));
    }, sourceRoot);
    process.stdout.write(out.length ? out.join('\n') + '\n' : '');
}

main(process.argv.slice(2));
