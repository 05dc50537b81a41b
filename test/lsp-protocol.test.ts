import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    createProtocolConnection, StreamMessageReader, StreamMessageWriter,
    CompletionRequest, DefinitionRequest, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, HoverRequest,
    InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, RenameRequest, ShutdownRequest, ExitNotification,
    DocumentSymbolRequest, ReferencesRequest, DocumentFormattingRequest, CodeLensRequest,
    type Diagnostic, type ProtocolConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

/**
 * Protocol tests: the bundled language server as an editor starts it (a process speaking LSP over
 * stdio), driven with real requests and notifications, asserting on real responses.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const server = path.join(repository, 'packages/vscode/out/server.cjs');
const workspace = mkdtempSync(path.join(tmpdir(), 'regelratt-lsp-'));

let child: ChildProcessWithoutNullStreams;
let connection: ProtocolConnection;
let stderr = '';
const diagnostics = new Map<string, Diagnostic[]>();
const waiters: Array<{ uri: string; until: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }> = [];

function uri(file: string): string {
    return pathToFileURL(path.join(workspace, file)).toString();
}

/** Resolves with the next diagnostics published for the file that satisfy `until`. */
function diagnosticsFor(file: string, until: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
    const target = uri(file);
    const known = diagnostics.get(target);
    if (known && until(known)) {
        return Promise.resolve(known);
    }
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${file} within 20 s; server stderr: ${stderr}`)), 20_000);
        waiters.push({ uri: target, until, resolve: d => { clearTimeout(timer); resolve(d); } });
    });
}

let version = 1;
function open(file: string, text: string): void {
    writeFileSync(path.join(workspace, file), text);
    diagnostics.delete(uri(file));
    void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(file), languageId: 'regelratt', version: version++, text } });
}

function change(file: string, text: string): void {
    diagnostics.delete(uri(file));
    void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(file), version: version++ }, contentChanges: [{ text }] });
}

/** The position of the first occurrence of `needle` in `text` (plus `offset` characters). */
function at(text: string, needle: string, offset = 0): { line: number; character: number } {
    const index = text.indexOf(needle) + offset;
    const before = text.slice(0, index).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

const vocabulary = readFileSync(path.join(repository, 'examples/orebro/egenskaper.regel'), 'utf8');
const services = 'lag SoL "Socialtjänstlagen"\ninsats hemvård "Hemvård" enligt SoL 4 kap 1 §\n';

beforeAll(async () => {
    mkdirSync(workspace, { recursive: true });
    writeFileSync(path.join(workspace, 'egenskaper.regel'), vocabulary);
    writeFileSync(path.join(workspace, 'insatser.regel'), services);
    // --expose-gc: regelratt/memoryUsage then collects before it measures, so heap figures compare.
    child = spawn(process.execPath, ['--expose-gc', server, '--stdio'], { stdio: 'pipe' });
    child.stderr.on('data', chunk => { stderr += String(chunk); });
    connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onNotification(PublishDiagnosticsNotification.type, (params: PublishDiagnosticsParams) => {
        diagnostics.set(params.uri, params.diagnostics);
        for (const waiter of [...waiters]) {
            if (waiter.uri === params.uri && waiter.until(params.diagnostics)) {
                waiters.splice(waiters.indexOf(waiter), 1);
                waiter.resolve(params.diagnostics);
            }
        }
    });
    connection.listen();
    const initialized = await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid,
        rootUri: pathToFileURL(workspace).toString(),
        workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: 'policy' }],
        capabilities: { textDocument: { publishDiagnostics: {}, completion: { completionItem: { snippetSupport: true } }, hover: {}, rename: { prepareSupport: false } } },
        initializationOptions: { locale: 'sv' },
    });
    expect(initialized.capabilities.completionProvider).toBeTruthy();
    expect(initialized.capabilities.definitionProvider).toBeTruthy();
    expect(initialized.capabilities.renameProvider).toBeTruthy();
    await connection.sendNotification(InitializedNotification.type, {});
}, 60_000);

afterAll(async () => {
    if (connection) {
        await connection.sendRequest(ShutdownRequest.type);
        await connection.sendNotification(ExitNotification.type);
        connection.dispose();
    }
    child?.kill();
    rmSync(workspace, { recursive: true, force: true });
});

describe('the language server over stdio', () => {
    const pilot = 'pilot p {\n    inkludera när ålder > 65 och inte kognitiv_svikt\n    insatser hemvård\n}\n';

    test('a clean file gets empty diagnostics, with names resolved from other files of the workspace', async () => {
        open('pilot.regel', pilot);
        expect(await diagnosticsFor('pilot.regel')).toEqual([]);
    });

    test('a broken file gets Swedish diagnostics with codes and positions', async () => {
        const text = 'nivåtabell t {\n    nivå 4 : 2 037\n    nivå 4 : 1 kr\n}\n';
        open('tabell.regel', text);
        const found = await diagnosticsFor('tabell.regel', d => d.length >= 2);
        expect(found.map(d => [d.code, d.range.start.line, d.message])).toEqual(expect.arrayContaining([
            ['missing-unit', 1, 'Beloppet 2 037 saknar enhet; skriv 2 037 kr.'],
            ['duplicate-level', 2, 'Nivå 4 finns redan på rad 2 i samma tabell.'],
        ]));
    });

    test('an analysis finding arrives with its example citizen', async () => {
        const text = 'förloppsmodell m {\n    förlopp a { när aktivitetsförmåga = hög }\n    förlopp b { när aktivitetsförmåga = utvecklingsbar }\n}\n';
        open('forlopp.regel', text);
        const found = await diagnosticsFor('forlopp.regel', d => d.length > 0);
        expect(found[0]).toMatchObject({ code: 'pathway-gap', message: 'Inget förlopp gäller för: aktivitetsförmåga = nedsatt.' });
    });

    test('an overlap points at the other förlopp as related information', async () => {
        const text = 'förloppsmodell mö {\n    förlopp öa { när aktivitetsförmåga = hög }\n    förlopp öb { när aktivitetsförmåga i { hög, utvecklingsbar } }\n    förlopp öc { när aktivitetsförmåga = nedsatt }\n}\n';
        open('overlapp.regel', text);
        const overlap = (await diagnosticsFor('overlapp.regel', d => d.some(x => x.code === 'pathway-overlap'))).find(d => d.code === 'pathway-overlap')!;
        expect(overlap.range.start.line).toBe(2);
        expect(overlap.relatedInformation?.map(r => [r.location.uri, r.location.range.start.line, r.message])).toEqual([[uri('overlapp.regel'), 1, 'öa']]);
        change('overlapp.regel', '');
        await diagnosticsFor('overlapp.regel', d => d.length === 0);
    });

    test('completion offers the attributes in scope after "när"', async () => {
        const text = 'förloppsmodell m2 {\n    förlopp c { när  }\n}\n';
        open('komplettering.regel', text);
        await diagnosticsFor('komplettering.regel');
        const result = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri('komplettering.regel') }, position: at(text, 'när ', 4) });
        const labels = (Array.isArray(result) ? result : result?.items ?? []).map(item => item.label);
        expect(labels).toEqual(expect.arrayContaining(['aktivitetsförmåga', 'ålder', 'kognitiv_svikt']));
        // Said as the writer says it, not as the syntax tree's type ("Attribute").
        const items = Array.isArray(result) ? result : result?.items ?? [];
        expect(items.find(item => item.label === 'ålder')?.detail).toBe('egenskap');
    });

    test('completion offers the values of an enumerated attribute after a comparison, and only those', async () => {
        const text = 'pilot värden {\n    inkludera när aktivitetsförmåga = \n}\n';
        open('varden.regel', text);
        await diagnosticsFor('varden.regel');
        const result = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri('varden.regel') }, position: at(text, '= ', 2) });
        const items = Array.isArray(result) ? result : result?.items ?? [];
        const references = items.filter(item => item.kind !== 14 /* keyword */).map(item => item.label).sort();
        expect(references).toEqual(['hög', 'nedsatt', 'utvecklingsbar']);
        change('varden.regel', 'pilot värden { inkludera när aktivitetsförmåga = hög }\n');
        await diagnosticsFor('varden.regel', d => d.every(x => x.severity !== 1));
    });

    test('after a comparison completion offers the attribute\'s own values only: no ja/nej for an enumeration, no enumeration values for ja/nej; details in Swedish', async () => {
        const text = 'pilot egna {\n    inkludera när aktivitetsförmåga = \n    exkludera när kognitiv_svikt = \n}\n';
        open('egna.regel', text);
        await diagnosticsFor('egna.regel');
        const complete = async (needle: string) => {
            const result = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri('egna.regel') }, position: at(text, needle, needle.length) });
            return Array.isArray(result) ? result : result?.items ?? [];
        };
        const enumeration = await complete('aktivitetsförmåga = ');
        expect(enumeration.map(item => item.label).sort()).toEqual(['hög', 'nedsatt', 'utvecklingsbar']);
        expect(new Set(enumeration.map(item => item.detail))).toEqual(new Set(['värde']));
        const yesNo = await complete('kognitiv_svikt = ');
        expect(yesNo.map(item => item.label).sort()).toEqual(['ja', 'nej']);
        expect(new Set(yesNo.map(item => item.detail))).toEqual(new Set(['nyckelord']));
        change('egna.regel', '');
        await diagnosticsFor('egna.regel', d => d.length === 0);
    });

    test('completion after "kr/" offers the periods of a unit, and after a started one those it begins', async () => {
        for (const [text, typed, expected] of [
            ['beräkning per_enhet = 5 kr/', 'kr/', ['mån', 'månad', 'h', 'tim', 'timme', 'dygn', 'vecka', 'år', 'besök', 'insats', 'portion', 'tillfälle', 'dag']],
            ['beräkning per_enhet = 5 kr / må', 'kr / må', ['mån', 'månad']],
        ] as const) {
            open('enhet.regel', `${text}\n`);
            await diagnosticsFor('enhet.regel');
            const result = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri('enhet.regel') }, position: at(text, typed, typed.length) });
            const units = (Array.isArray(result) ? result : result?.items ?? []).filter(item => item.kind === 11 /* unit */).map(item => item.label);
            expect(units.sort()).toEqual([...expected].sort());
        }
        change('enhet.regel', '');
        await diagnosticsFor('enhet.regel', d => d.length === 0);
    });

    test('completion at the start of a declaration offers block snippets', async () => {
        const text = 'område x\n\n';
        open('snippet.regel', text);
        await diagnosticsFor('snippet.regel');
        const result = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri('snippet.regel') }, position: { line: 1, character: 0 } });
        const items = Array.isArray(result) ? result : result?.items ?? [];
        const snippet = items.find(item => item.label === 'nivåtabell … { … }');
        expect(snippet?.insertTextFormat).toBe(2);
        expect(snippet?.insertText).toContain('nivå ${5:0} : ${7:0} kr');
        expect(items.map(item => item.label)).toEqual(expect.arrayContaining(['insats', 'förloppsmodell … { förlopp … }', 'pilot … { … }']));
    });

    test('after a decision table and a dot, completion offers the table\'s columns', async () => {
        const text = [
            'egenskap besök_x : heltal 0–200 besök',
            'beslutstabell omv { | besök_x || nivå | avgift | | - || 1 | 5 kr | }',
            'beräkning y = omv.',
            '',
        ].join('\n');
        open('kolumner.regel', text);
        await diagnosticsFor('kolumner.regel');
        const result = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri('kolumner.regel') }, position: { line: 2, character: 18 } });
        const items = Array.isArray(result) ? result : result?.items ?? [];
        // Exactly the columns: not the column-name keywords or every name in the workspace.
        expect(items.map(item => item.label).sort()).toEqual(['avgift', 'nivå']);
        const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('kolumner.regel') }, position: { line: 2, character: 15 } });
        expect(JSON.stringify(hover?.contents)).toContain('besök_x → nivå, avgift · 1 rad · unik träff');
        change('kolumner.regel', '');
    });

    test('in a chained input column, completion after the table and a dot offers its columns, and the table name goes to its declaration', async () => {
        const text = [
            'egenskap besök_x : heltal 0–200 besök',
            'beslutstabell omv { | besök_x || nivå | avgift | | - || 1 | 5 kr | }',
            'beslutstabell kedja { | omv. || x | | - || 1 | }',
            '',
        ].join('\n');
        open('kedja.regel', text);
        await diagnosticsFor('kedja.regel');
        const after = at(text, 'omv. ||', 4);
        const result = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri('kedja.regel') }, position: after });
        const items = Array.isArray(result) ? result : result?.items ?? [];
        expect(items.map(item => item.label).sort()).toEqual(['avgift', 'nivå']);
        change('kedja.regel', text.replace('| omv. ||', '| omv.nivå ||'));
        await diagnosticsFor('kedja.regel');
        const definition = await connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri('kedja.regel') }, position: at(text, 'omv. ||', 1) });
        const locations = Array.isArray(definition) ? definition : definition ? [definition] : [];
        const first = locations[0] as { range?: { start: { line: number } }; targetSelectionRange?: { start: { line: number } } };
        expect((first.targetSelectionRange ?? first.range)!.start.line).toBe(1);
        change('kedja.regel', '');
    });

    test('hover on a calculation gives its value today as the runtime computes it (a parameter in force, a rounding step)', async () => {
        const text = [
            'parameter pbb_h : belopp { från 2000-01-01 : 58 800 kr }',
            'beräkning maxtaxa_h = 0,5392 × pbb_h / 12 avrundat till hela kronor',
            '',
        ].join('\n');
        open('hover-idag.regel', text);
        await diagnosticsFor('hover-idag.regel');
        const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('hover-idag.regel') }, position: { line: 1, character: 12 } });
        expect((hover?.contents as { value: string }).value).toMatch(/I dag \(\d{4}-\d{2}-\d{2}\): 2 642 kr/);
        change('hover-idag.regel', '');
    });

    test('go to definition jumps to the declaration in another file', async () => {
        const result = await connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri('pilot.regel') }, position: at(pilot, 'kognitiv_svikt', 2) });
        const locations = Array.isArray(result) ? result : result ? [result] : [];
        const first = locations[0] as { uri?: string; targetUri?: string; range?: { start: { line: number } }; targetSelectionRange?: { start: { line: number } } };
        expect(first.targetUri ?? first.uri).toBe(uri('egenskaper.regel'));
        expect((first.targetSelectionRange ?? first.range)!.start.line).toBe(at(vocabulary, 'egenskap kognitiv_svikt').line);
    });

    test('in a large file (parsed again only around a change), positions follow an edit above them', async () => {
        const big = `${Array.from({ length: 600 }, (_, i) => `egenskap stor_${i} "Ett stort antal egenskaper, nummer ${i}" : heltal 0–10`).join('\n')}\n`
            + 'pilot stor_pilot {\n    inkludera när stor_200 > 5 och okänd_x > 1\n}\n';
        expect(big.length).toBeGreaterThan(20_000);
        open('stor.regel', big);
        const unresolved = (d: Diagnostic[]) => d.some(x => x.code === 'unresolved-reference');
        expect((await diagnosticsFor('stor.regel', unresolved)).find(x => x.code === 'unresolved-reference')!.range.start).toEqual(at(big, 'okänd_x'));
        // Two lines typed at the top: everything below moves down two lines.
        const edited = `// rad ett\n// rad två\n${big}`;
        change('stor.regel', edited);
        expect((await diagnosticsFor('stor.regel', unresolved)).find(x => x.code === 'unresolved-reference')!.range.start).toEqual(at(edited, 'okänd_x'));
        const result = await connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri('stor.regel') }, position: at(edited, 'stor_200 >', 2) });
        const locations = Array.isArray(result) ? result : result ? [result] : [];
        const first = locations[0] as { range?: { start: { line: number } }; targetSelectionRange?: { start: { line: number } } };
        expect((first.targetSelectionRange ?? first.range)!.start.line).toBe(at(edited, 'egenskap stor_200 ').line);
        const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('stor.regel') }, position: at(edited, 'stor_200 >', 2) });
        expect((hover?.contents as { value: string }).value).toContain(`_stor.regel:${at(edited, 'egenskap stor_200 ').line + 1}_`);
        change('stor.regel', '');
        await diagnosticsFor('stor.regel', d => d.length === 0);
    });

    test('find references lists the uses across files', async () => {
        const result = await connection.sendRequest(ReferencesRequest.type, {
            textDocument: { uri: uri('insatser.regel') }, position: at(services, 'hemvård', 1), context: { includeDeclaration: false },
        });
        expect((result ?? []).map(l => l.uri)).toContain(uri('pilot.regel'));
    });

    test('hover shows what a name is: kind, title, type and where it is declared', async () => {
        const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('pilot.regel') }, position: at(pilot, 'ålder', 1) });
        const text = (hover?.contents as { value: string }).value;
        expect(text).toContain('**egenskap** `ålder` — Ålder');
        expect(text).toContain('ett heltal (0–120 år)');
        expect(text).toContain(`_egenskaper.regel:${at(vocabulary, 'egenskap ålder').line + 1}_`);
    });

    test('hover on a level shows its amount, whether its table is in force today, and the rounding', async () => {
        const text = 'nivåtabell h_t {\n    giltig från 2020-11-01\n    avrundning hela kronor, halva bort från noll\n    nivå 10 : 9 676 kr\n}\nparameter pbb : belopp {\n    från 2021-01-01 till 2021-12-31 : 47 600 kr\n    från 2022-01-01 : 48 300 kr\n}\n';
        open('hover.regel', text);
        await diagnosticsFor('hover.regel');
        const level = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('hover.regel') }, position: at(text, '9 676', 1) });
        const levelText = (level?.contents as { value: string }).value;
        expect(levelText).toContain('**nivå 10** i `h_t`: 9 676 kr');
        expect(levelText).toMatch(/giltig 2020-11-01– \(gäller i dag, \d{4}-\d{2}-\d{2}\)/);
        expect(levelText).toContain('avrundning: hela kronor, halva bort från noll');
        const rate = 'timkostnad h_at {\n    belopp 337,50 kr/h\n    avrundning hela kronor, halva bort från noll\n}\n';
        open('hover_rate.regel', rate);
        await diagnosticsFor('hover_rate.regel');
        const amount = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('hover_rate.regel') }, position: at(rate, '337', 1) });
        expect((amount?.contents as { value: string }).value).toBe('337,5 kr — avrundning: hela kronor, halva bort från noll (`h_at`)');
        const parameter = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('hover.regel') }, position: at(text, 'pbb', 1) });
        expect((parameter?.contents as { value: string }).value).toContain('2021-01-01–2021-12-31: 47 600 kr  \n2022-01-01–: 48 300 kr');
    });

    test('hover on a service shows its legal basis', async () => {
        const hover = await connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri('pilot.regel') }, position: at(pilot, 'hemvård', 1) });
        expect((hover?.contents as { value: string }).value).toContain('Lagstöd: SoL 4 kap 1 §');
    });

    test('rename changes the declaration and every use in the workspace', async () => {
        const edit = await connection.sendRequest(RenameRequest.type, { textDocument: { uri: uri('insatser.regel') }, position: at(services, 'hemvård', 1), newName: 'hemtjänst' });
        const changes = edit?.changes ?? {};
        expect(Object.keys(changes).sort()).toEqual([uri('insatser.regel'), uri('pilot.regel')].sort());
        expect(changes[uri('pilot.regel')].map(e => e.newText)).toEqual(['hemtjänst']);
    });

    test('document symbols list the declarations', async () => {
        const symbols = await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri('insatser.regel') } });
        expect((symbols ?? []).map(s => s.name)).toEqual(['SoL', 'hemvård']);
    });

    test('formatting returns the edits to the canonical layout', async () => {
        const text = 'område  fa\nnivåtabell ft{område fa nivå 1:100 kr}\n';
        open('format.regel', text);
        await diagnosticsFor('format.regel');
        const edits = await connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: uri('format.regel') }, options: { tabSize: 4, insertSpaces: true } });
        const { TextDocument } = await import('vscode-languageserver-textdocument');
        expect(TextDocument.applyEdits(TextDocument.create(uri('format.regel'), 'regelratt', 1, text), edits ?? []))
            .toBe('område fa\nnivåtabell ft {\n    område fa\n    nivå 1 : 100 kr\n}\n');
    });

    test('code lenses above inline examples show whether each passes', async () => {
        const text = [
            'nivåtabell ersättning_t { nivå 10 : 9 676 kr }',
            'exempel rätt { ersättning enligt ersättning_t nivå 10 förväntat 9 676 kr }',
            'exempel fel { ersättning enligt ersättning_t nivå 10 förväntat 9 000 kr }',
            // A list policy's answer, expected as a list: the lens names both lists where they differ.
            'egenskap lista_ålder : heltal 0–120 år',
            'beslutstabell lista_t {',
            '    träff regelordning',
            '    | lista_ålder || stöd      |',
            '    | >= 80       || "larm"    |',
            '    | >= 65       || "matlåda" |',
            '}',
            'exempel lista_rätt { beslut enligt lista_t för { lista_ålder = 85 }  förväntat [ "larm", "matlåda" ] }',
            'exempel lista_fel { beslut enligt lista_t för { lista_ålder = 70 }  förväntat [ "larm" ] }',
            '',
        ].join('\n');
        open('exempel.regel', text);
        await diagnosticsFor('exempel.regel');
        // The rest of the workspace must be free of errors for the policy to compile; close the broken files first.
        for (const file of ['tabell.regel', 'forlopp.regel', 'komplettering.regel']) {
            change(file, '');
            await diagnosticsFor(file, d => d.length === 0);
        }
        // Nothing else in the workspace has errors now.
        expect([...diagnostics].filter(([, list]) => list.some(d => d.severity === 1)).map(([u, list]) => [u, list.map(d => d.message)])).toEqual([]);
        const lenses = await connection.sendRequest(CodeLensRequest.type, { textDocument: { uri: uri('exempel.regel') } });
        // The failing examples are diagnostics too, at each example's range, worded as `regelratt test` words them.
        const failing = (await diagnosticsFor('exempel.regel', d => d.filter(x => x.code === 'example-failed').length === 2)).filter(d => d.code === 'example-failed');
        expect(failing.map(d => [d.range.start.line, d.range.start.character, d.range.end.line, d.severity, d.message])).toEqual([
            [2, 0, 2, 2, 'Exemplet fel ger inte det väntade: belopp: väntat 9 000 kr, fick 9 676 kr.'],
            [11, 0, 11, 2, 'Exemplet lista_fel ger inte det väntade: lista: väntat ["larm"], fick ["matlåda"].'],
        ]);
        expect((lenses ?? []).map(lens => [lens.range.start.line, lens.command?.title])).toEqual([
            [1, '$(pass) Exemplet går igenom'],
            [2, '$(error) belopp: väntat 9 000 kr, fick 9 676 kr'],
            [10, '$(pass) Exemplet går igenom'],
            [11, '$(error) lista: väntat ["larm"], fick ["matlåda"]'],
        ]);
    });

    test('a diagnostic about another file is refreshed when that file changes', async () => {
        open('dubblett_a.regel', 'område dubblett\n');
        open('dubblett_b.regel', 'område dubblett\nnivåtabell dubb_t { område dubblett }\n');
        const duplicate = (await diagnosticsFor('dubblett_a.regel', d => d.some(x => x.code === 'duplicate-name'))).find(d => d.code === 'duplicate-name')!;
        // The other declaration, for the editor to link to.
        expect(duplicate.relatedInformation?.map(r => [r.location.uri, r.location.range.start.line])).toEqual([[uri('dubblett_b.regel'), 0]]);
        change('dubblett_b.regel', 'område annat\nnivåtabell dubb_t { område dubblett }\n');
        // Only dubblett_b changed, and dubblett_a does not refer to it; its duplicate error must go all the same.
        expect((await diagnosticsFor('dubblett_a.regel', d => d.every(x => x.code !== 'duplicate-name'))).map(d => d.code)).not.toContain('duplicate-name');
    });

    test('an analysis over the compiled workspace follows a calculation changed in another file, and a change back (each file compiled once and reused while unchanged)', async () => {
        const negative = (d: Diagnostic[]) => d.some(x => x.code === 'calculation-can-be-negative');
        open('berakning_a.regel', 'beräkning bas_kr = 3 kr\n');
        open('berakning_b.regel', 'beräkning svar_kr = bas_kr − 2 kr\n');
        expect(negative(await diagnosticsFor('berakning_b.regel', d => !negative(d)))).toBe(false);
        change('berakning_a.regel', 'beräkning bas_kr = 1 kr\n');
        expect((await diagnosticsFor('berakning_b.regel', negative)).find(d => d.code === 'calculation-can-be-negative')!.message).toContain('−1 kr');
        change('berakning_a.regel', 'beräkning bas_kr = 3 kr\n');
        expect(negative(await diagnosticsFor('berakning_b.regel', d => !negative(d)))).toBe(false);
        // The reading file changes while the calculation's does not: the reused compiled calculation answers.
        change('berakning_b.regel', 'beräkning svar_kr = bas_kr − 5 kr\n');
        expect((await diagnosticsFor('berakning_b.regel', negative)).find(d => d.code === 'calculation-can-be-negative')!.message).toContain('−2 kr');
    });

    test('an answer that can go below zero stops being reported when a formula in another file comes to read it', async () => {
        const negative = (d: Diagnostic[]) => d.some(x => x.code === 'calculation-can-be-negative');
        open('del_a.regel', 'beräkning del_y = 3 kr − 5 kr\n');
        expect(negative(await diagnosticsFor('del_a.regel', negative))).toBe(true);
        // del_y becomes a part of another answer, which is never below zero; del_a.regel itself does not change.
        open('del_b.regel', 'beräkning svar_y = max(0 kr, del_y)\n');
        expect(negative(await diagnosticsFor('del_a.regel', d => !negative(d)))).toBe(false);
    });

    test('garbage and rapid typing: the server keeps answering with fresh diagnostics', async () => {
        open('skräp.regel', '\u0000§§§ {{{ nivå nivå : : kr ”');
        expect((await diagnosticsFor('skräp.regel', d => d.length > 0)).length).toBeGreaterThan(0);
        const target = 'pilot q { inkludera när ålder > 70 }\n';
        for (let i = 1; i <= target.length; i++) {
            change('skräp.regel', target.slice(0, i));
        }
        // Errors and warnings gone (a hint that no example reaches q may stay: it is not a problem).
        const problems = (d: Diagnostic[]) => d.filter(x => (x.severity ?? 1) <= 2);
        const final = await diagnosticsFor('skräp.regel', d => problems(d).length === 0);
        expect(problems(final)).toEqual([]);
        // Still alive and answering.
        const symbols = await connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: uri('skräp.regel') } });
        expect((symbols ?? []).map(s => s.name)).toEqual(['q']);
    });

    test('a document cannot kill the server: half-typed blocks of every new construct and 300 nested parentheses', async () => {
        const halfTyped = [
            'exempel e { placering i rehabiliterande { a = x, = y } förväntat förlopp f }',
            'beslutstabell t { | ',
            'beslutstabell t { | ålder || nivå |\n | 1 |',
            'beräkning x = om',
            'beräkning x = (1 kr avrundat till',
            'exempel e { datum 2025-01-01 beräkning',
            'exempel e { datum 2025-01-01 beslut enligt t. förväntat',
        ];
        for (const [index, text] of halfTyped.entries()) {
            open(`halv_${index}.regel`, text);
            const found = await diagnosticsFor(`halv_${index}.regel`, d => d.length > 0);
            expect(found.length, text).toBeGreaterThan(0);
            // Reported as what it is (unfinished text), never as a check that crashed.
            expect(found.filter(d => !String(d.code).match(/^[a-z]+(-[a-z]+)*$/) || d.code === 'unknown').map(d => d.message), text).toEqual([]);
        }
        open('djup.regel', `pilot djup { inkludera när ${'('.repeat(300)}ålder > 3${')'.repeat(300)} }\n`);
        const deep = await diagnosticsFor('djup.regel', d => d.length > 0);
        expect(deep.map(d => d.code)).toContain('nesting-too-deep');
        expect(deep.map(d => d.code)).not.toContain('unknown');
        // A chain of och deepens no parser stack, but Langium's walks over its tree would overflow.
        open('lang.regel', `pilot lång { inkludera när ${Array.from({ length: 20_000 }, () => 'ålder > 3').join(' och ')} }\n`);
        const long = await diagnosticsFor('lang.regel', d => d.length > 0);
        expect(long.map(d => d.code)).toContain('chain-too-long');
        expect(long.map(d => d.code)).not.toContain('internal-check-error');
        expect(stderr).not.toContain('An error occurred during validation');
        // Alive, and a valid document afterwards still checks clean (the parser's state is intact).
        change('djup.regel', 'pilot djup { inkludera när ((ålder > 3)) }\n');
        const problems = (d: Diagnostic[]) => d.filter(x => (x.severity ?? 1) <= 2);
        expect(problems(await diagnosticsFor('djup.regel', d => problems(d).length === 0))).toEqual([]);
    });

    test('the worst inputs the fuzzer and a hostile file found: each answered with its diagnostic, the server alive', async () => {
        const worst: Array<[string, string, string]> = [
            ['dubbletter.regel', Array.from({ length: 70_000 }, (_, i) => `område a${i % 10}`).join('\n'), 'too-many-findings'],
            ['citat.regel', `insats hv "${'\\"'.repeat(125_000)}\n`, 'unterminated-text'],
            ['siffror.regel', `nivåtabell t { nivå 1 : ${'9'.repeat(100_000)} kr }\n`, 'number-too-long'],
            ['nivåer.regel', 'insats hemvård\nnivåtabell t { insats hemvård nivåer 0–10000000 nivå 0 : 0 kr }\n', 'number-out-of-bounds'],
            ['inte.regel', `pilot p { inkludera när ${'inte '.repeat(444)}kognitiv_svikt }\n`, 'nesting-too-deep'],
        ];
        for (const [file, text, code] of worst) {
            open(file, text);
            const found = await diagnosticsFor(file, d => d.length > 0);
            expect(found.map(d => d.code), file).toContain(code);
            expect(found.length, file).toBeLessThanOrEqual(1001);
            // Hover, completion and formatting on it answer (a result or nothing), never an error.
            const position = { line: 0, character: 12 };
            await connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(file) }, position });
            await connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri(file) }, position });
            await connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: uri(file) }, options: { tabSize: 4, insertSpaces: true } });
            change(file, 'område tillbaka\n');
            await diagnosticsFor(file, d => d.every(x => x.code !== code));
        }
        expect(stderr).not.toContain('An error occurred');
        expect(child.exitCode).toBeNull();
    }, 120_000);

    test('a 10 000-edit session leaves the heap where it was', async () => {
        const measure = () => connection.sendRequest('regelratt/memoryUsage') as Promise<{ heapUsed: number; collected: boolean; documents: number }>;
        const text = 'pilot redigerad { inkludera när ålder > 70 och kognitiv_svikt }\n';
        open('redigeras.regel', text);
        await diagnosticsFor('redigeras.regel');
        const before = await measure();
        expect(before.collected).toBe(true);
        // Typing the line and taking it back, a character at a time, over and over: half-typed text on every edit.
        for (let edit = 0; edit < 10_000; edit++) {
            const step = edit % (2 * text.length);
            change('redigeras.regel', step < text.length ? text.slice(0, step + 1) : text.slice(0, 2 * text.length - step - 1));
        }
        change('redigeras.regel', text);
        const problems = (d: Diagnostic[]) => d.filter(x => (x.severity ?? 1) <= 2);
        expect(problems(await diagnosticsFor('redigeras.regel', d => problems(d).length === 0))).toEqual([]);
        const after = await measure();
        expect(after.documents).toBe(before.documents);
        // Flat: what one session of typing leaves behind is noise, not a leak (figures in the message).
        expect(after.heapUsed, `heap before ${(before.heapUsed / 2 ** 20).toFixed(1)} MB, after ${(after.heapUsed / 2 ** 20).toFixed(1)} MB`).toBeLessThan(before.heapUsed * 1.25 + 8 * 2 ** 20);
    }, 300_000);
});
