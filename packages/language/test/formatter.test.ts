import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, test } from 'vitest';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { createRegelrattLspServices } from '@regelratt/language/lsp';
import type { ast } from '@regelratt/language';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const { shared, Regelratt } = createRegelrattLspServices(EmptyFileSystem);
let counter = 0;

/** Formats a text as an editor would (the formatter's edits applied to the document). */
async function format(text: string): Promise<string> {
    const uri = URI.parse(`file:///format/${counter++}.regel`);
    const document = shared.workspace.LangiumDocumentFactory.fromString<ast.Policy>(text, uri);
    shared.workspace.LangiumDocuments.addDocument(document);
    await shared.workspace.DocumentBuilder.build([document]);
    const edits = await Regelratt.lsp.Formatter!.formatDocument(document, { textDocument: { uri: uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
    shared.workspace.LangiumDocuments.deleteDocument(uri);
    return TextDocument.applyEdits(TextDocument.create(uri.toString(), 'regelratt', 1, text), edits);
}

/** The compiled JSON of a set of files without source positions: the meaning, which formatting must not change. */
async function meaning(texts: string[]): Promise<unknown> {
    // From disk: a set may import the national library (`använd nationellt`).
    const { Regelratt: core } = createRegelrattServices(NodeFileSystem);
    const checked = await checkPolicies(core, texts.map((text, index) => ({ path: `/meaning/${index}.regel`, text })));
    const strip = (value: unknown): unknown => Array.isArray(value) ? value.map(strip)
        : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'source').map(([k, v]) => [k, strip(v)])) : value;
    for (const c of checked) {
        expect(c.diagnostics.filter(d => d.code === 'syntax-error' || d.code === 'unresolved-reference')).toEqual([]);
    }
    return strip(checked.map(c => compilePolicy(c.document.parseResult.value, 'x.regel')));
}

const comments = (text: string) => text.match(/\/\/[^\n]*|\/\*[\s\S]*?\*\//g) ?? [];

describe('the formatter', () => {
    test('lays out a messy policy canonically', async () => {
        const messy = 'nivåtabell   t "T" {insats hemvård\n        giltig från 2021-01-01     nivå 1:100 kr nivå 2   :   200 kr}\negenskap   x : en av {a,b ,  c}';
        expect(await format(messy)).toBe(
            'nivåtabell t "T" {\n    insats hemvård\n    giltig från 2021-01-01\n    nivå 1 : 100 kr\n    nivå 2 : 200 kr\n}\negenskap x : en av { a, b, c }');
    });

    test('puts an obligation\'s condition, terms and each exception under it', async () => {
        const messy = 'insats hemvård\negenskap ålder : heltal 0–120 år\nriktlinje r "R" { krav a ska i regel "A" avser hemvård när ålder >= 65 år inom 4 veckor från ansökan beslut gäller högst 12 månader uppföljning var 6:e månad undantag när ålder >= 80 år "Äldst" undantag när ålder >= 90 år }';
        expect(await format(messy)).toBe([
            'insats hemvård',
            'egenskap ålder : heltal 0–120 år',
            'riktlinje r "R" {',
            '    krav a ska i regel "A"',
            '        avser hemvård',
            '        när ålder >= 65 år',
            '        inom 4 veckor från ansökan',
            '        beslut gäller högst 12 månader',
            '        uppföljning var 6:e månad',
            '        undantag när ålder >= 80 år "Äldst"',
            '        undantag när ålder >= 90 år',
            '}',
        ].join('\n'));
    });

    test('writes signs, ranges and per-unit amounts together, and nested blocks a level deeper', async () => {
        const messy = 'egenskap y:heltal 0 – 120 år\ntimkostnad at{belopp 337,50 kr / h}\navgift a {andel 70 %\ntakbelopp{nivå 1:500 kr}}\nexempel e{ersättning enligt t nivå 1 förväntat - 100 kr}';
        expect(await format(messy)).toBe([
            'egenskap y : heltal 0–120 år',
            'timkostnad at {\n    belopp 337,50 kr/h\n}',
            'avgift a {\n    andel 70 %\n    takbelopp {\n        nivå 1 : 500 kr\n    }\n}',
            'exempel e {\n    ersättning enligt t nivå 1\n    förväntat -100 kr\n}',
        ].join('\n'));
    });

    test('lays out an insats\'s beviljas när a clause to a line, each undantag under its utom när, and limits after', async () => {
        const messy = 'egenskap a:ja/nej\negenskap c:ja/nej\negenskap d:ja/nej\ninsats b "B"{beviljas när a och c   utom när c undantag när d högst 8 timmar per månad}\nberäkning x insats b högst 2 timmar = 1 timmar';
        const formatted = await format(messy);
        expect(formatted).toBe([
            'egenskap a : ja/nej', 'egenskap c : ja/nej', 'egenskap d : ja/nej',
            'insats b "B" {', '    beviljas när a och c', '    utom när c', '        undantag när d', '    högst 8 timmar per månad', '}',
            'beräkning x insats b högst 2 timmar = 1 timmar',
        ].join('\n'));
        expect(await format(formatted)).toBe(formatted);
        expect(await meaning([formatted])).toEqual(await meaning([messy]));
    });

    test('lays out every per-level list of a fee (andel, belopp, takbelopp) as a nested block', async () => {
        const messy = 'avgift a {andel{nivå 1:50 % nivå 2:75 %}\nbelopp{nivå 1:400 kr nivå 2:600 kr} takbelopp{nivå 1:500 kr nivå 2 : 700 kr}}';
        expect(await format(messy)).toBe([
            'avgift a {',
            '    andel {\n        nivå 1 : 50 %\n        nivå 2 : 75 %\n    }',
            '    belopp {\n        nivå 1 : 400 kr\n        nivå 2 : 600 kr\n    }',
            '    takbelopp {\n        nivå 1 : 500 kr\n        nivå 2 : 700 kr\n    }',
            '}',
        ].join('\n'));
    });

    test('lays a decision table out as a table, columns aligned, and a calculation on one line', async () => {
        const messy = 'egenskap b : heltal 0 - 200 besök\nbeslutstabell t "T" { giltig från 2017-01-01 träff första\n| b||nivå|avgift|\n|0||0|0 kr/mån|\n|1 – 6|| 1 | 705 kr / mån |\n|7 - 20|| 2 | 1 409 kr/mån |\n| >=  21 || 3 | ej angivet|}\nberäkning x   =   t.avgift+ 1 kr   avrundat till hela kronor\nberäkning  y "Y"  kan   vara\n negativ=x−2 000 kr\nberäkning z kan vara negativ = - 5 kr ×  -x';
        const once = await format(messy);
        expect(once).toBe([
            'egenskap b : heltal 0-200 besök',
            'beslutstabell t "T" {',
            '    giltig från 2017-01-01',
            '    träff första',
            '    | b     || nivå | avgift       |',
            '    | 0     || 0    | 0 kr/mån     |',
            '    | 1–6   || 1    | 705 kr/mån   |',
            '    | 7-20  || 2    | 1 409 kr/mån |',
            '    | >= 21 || 3    | ej angivet   |',
            '}',
            'beräkning x = t.avgift + 1 kr avrundat till hela kronor',
            'beräkning y "Y" kan vara negativ = x − 2 000 kr',
            'beräkning z kan vara negativ = -5 kr × -x',
        ].join('\n'));
        expect(await format(once)).toBe(once);
    });

    test('writes an expected list with a space inside its brackets and after each comma, as the docs write it', async () => {
        const messy = 'egenskap ålder : heltal 0–120 år\nbeslutstabell b {\n    träff regelordning\n    | ålder || stöd |\n    | >= 80 || "larm" |\n}\nexempel e { beslut enligt b för { ålder = 85 } förväntat ["larm" ,"matlåda"] }\nexempel f { beslut enligt b för { ålder = 40 } förväntat [] }';
        const formatted = await format(messy);
        expect(formatted).toContain('förväntat [ "larm", "matlåda" ]');
        expect(formatted).toContain('förväntat [ ]');
    });

    test('lays out an output column\'s value list (träff prioritet) as written, aligned with its column', async () => {
        const messy = 'egenskap å : heltal 0-120 år\nbeslutstabell r { träff prioritet\n| å||risk(  "hög" ,"låg" )|n|\n|>= 80||"hög"|2|\n|-||"låg"|0|}';
        const once = await format(messy);
        expect(once).toBe([
            'egenskap å : heltal 0-120 år',
            'beslutstabell r {',
            '    träff prioritet',
            '    | å     || risk ("hög", "låg") | n |',
            '    | >= 80 || "hög"               | 2 |',
            '    | -     || "låg"               | 0 |',
            '}',
        ].join('\n'));
        expect(await format(once)).toBe(once);
    });

    test.each(readdirSync(path.join(repository, 'examples'), { withFileTypes: true }).filter(e => e.isDirectory()).map(e => e.name).sort())('examples/%s: same meaning, same comments, and formatting again changes nothing', async set => {
        const folder = path.join(repository, 'examples', set);
        const originals = readdirSync(folder).filter(f => f.endsWith('.regel')).sort().map(f => readFileSync(path.join(folder, f), 'utf8'));
        const formatted: string[] = [];
        for (const original of originals) {
            const once = await format(original);
            expect(await format(once)).toBe(once);
            expect(comments(once)).toEqual(comments(original));
            formatted.push(once);
        }
        expect(await meaning(formatted)).toEqual(await meaning(originals));
    });
});
