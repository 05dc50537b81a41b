import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { startServer } from './lsp-stdio.js';
import { nodesByVersion } from './node-binaries.js';

/**
 * Limits instead of overflows (issue 10): inputs the fuzzer and a hostile file found, each a
 * regression fixture run through the built command as a user runs it. The spawn timeouts are
 * guards against a hang (the unterminated text took a minute, the level range seconds and a
 * gigabyte), not measurements.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-limits-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function regelratt(args: string[]) {
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: scratch, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, REGELRATT_DEBUG: '' } });
    expect(result.error, 'the command hung').toBeUndefined();
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function policy(name: string, text: string): string {
    const folder = path.join(scratch, name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'a.regel'), text);
    return folder;
}

const noStackTrace = (output: { stdout: string; stderr: string }) => expect(output.stdout + output.stderr).not.toMatch(/\n\s+at .+:\d+:\d+|An error occurred/);

describe('a file with 70 000 findings', () => {
    const folder = policy('dubbletter', Array.from({ length: 70_000 }, (_, i) => `område a${i % 10}`).join('\n'));

    test('check shows 1 000, counts them all, and fails', () => {
        const result = regelratt(['check', folder]);
        noStackTrace(result);
        expect(result.code).toBe(1);
        expect(result.stdout.split('\n').filter(line => line.includes('[duplicate-name]'))).toHaveLength(1000);
        expect(result.stdout).toContain('fel: Ytterligare 69 000 fel och 70 000 upplysningar och tips i filen visas inte (högst 1 000 visas per fil).');
        expect(result.stderr).toContain('1 fil kontrollerad: 70 000 fel, 0 varningar.');
    });

    test('--format json counts the hidden findings in its summary', () => {
        const result = regelratt(['check', folder, '--format', 'json']);
        const report = JSON.parse(result.stdout) as { diagnostics: unknown[]; summary: { errors: number; infos: number } };
        expect(report.diagnostics).toHaveLength(1001);
        expect(report.summary).toMatchObject({ errors: 70_000, infos: 70_000 });
        expect(result.code).toBe(1);
    });

    test('compile refuses it and writes nothing', () => {
        const out = path.join(scratch, 'dubbletter-ut');
        const result = regelratt(['compile', folder, '-o', out]);
        expect(result.code).toBe(1);
        expect(existsSync(path.join(out, 'a.json'))).toBe(false);
    });
});

describe('texts and numbers', () => {
    test('an unterminated text of 250 000 characters full of \\" is one error, read in linear time', () => {
        const folder = policy('citat', `insats hv "${'\\"'.repeat(125_000)}\nområde tätort\n`);
        const result = regelratt(['check', folder]);
        noStackTrace(result);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('citat/a.regel:1:11: fel: Texten saknar sitt avslutande citattecken: en text inom citattecken slutar på samma rad. Skriv \\" för ett citattecken inne i texten. [unterminated-text]\n');
    });

    test('a number of 100 000 digits is named by its first digits and its length, never printed whole', () => {
        const folder = policy('tal', `nivåtabell t { nivå 1 : ${'9'.repeat(100_000)} kr }\n`);
        const result = regelratt(['check', folder]);
        noStackTrace(result);
        expect(result.code).toBe(1);
        expect(result.stdout).toContain('fel: Talet 999999999999… har 100 000 siffror; högst 40 går. [number-too-long]');
        expect(Math.max(...result.stdout.split('\n').map(line => line.length))).toBeLessThan(300);
    });

    test('a number of 100 000 digits where the grammar wants none: the syntax error shows its start', () => {
        const folder = policy('tal-fel-plats', `parameter x "X" : ${'9'.repeat(100_000)} kr\n`);
        const result = regelratt(['check', folder]);
        expect(result.code).toBe(1);
        expect(result.stdout).toContain(`Oväntat '${'9'.repeat(24)}…'`);
        expect(Math.max(...result.stdout.split('\n').map(line => line.length))).toBeLessThan(300);
    });
});

describe('levels', () => {
    test('nivåer 0–10000000 is an error at its bound, and nothing walks ten million levels', () => {
        const folder = policy('nivåer', 'insats hemvård\nnivåtabell t {\n    insats hemvård\n    nivåer 0–10000000\n    nivå 0 : 0 kr\n}\n');
        const result = regelratt(['check', folder]);
        noStackTrace(result);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('nivåer/a.regel:4:14: fel: Nivån 10 000 000 går inte: det ska vara ett heltal från 0 till 1 000. [number-out-of-bounds]\n');
    });

    test.each([
        ['a level row', 'nivåtabell t { nivå 1001 : 5 kr }'],
        ['a premium', 'nivåtabell t { nivå 1 : 5 kr }\npremie p { tabell t vid sänkning från nivå 5000 till nivå 1 : 100 kr }'],
        ['an example question', 'nivåtabell t { nivå 1 : 5 kr }\nexempel e { ersättning enligt t nivå 1001 förväntat 5 kr }'],
    ])('%s past level 1 000 is out of bounds', (_label, text) => {
        const result = regelratt(['check', policy(`nivå-${_label.replace(/\s/g, '-')}`, text)]);
        expect(result.code).toBe(1);
        expect(result.stdout).toMatch(/Nivån (1 001|5 000) går inte: det ska vara ett heltal från 0 till 1 000\. \[number-out-of-bounds\]/);
    });
});

/**
 * Scale extremes, each far under the size limit, through the command line and the language server
 * on every Node found (test/node-binaries.ts): Node 20's default stack is smaller than Node 24's,
 * and what users have. A run of comment lines overflowed the stack in the parser (Langium spread
 * the comments before a token into one call's arguments); a comment on every line and a flood of
 * declarations took quadratic time there (minutes for 150 000 declarations).
 */
const extremes: Array<[string, () => string]> = [
    ['125 000 comment lines in a row', () => 'område a\n' + '//\n'.repeat(125_000)],
    ['125 000 comment lines before the first declaration', () => '//\n'.repeat(125_000) + 'område a\n'],
    ['a comment on every one of 100 000 lines', () => Array.from({ length: 50_000 }, (_, i) => `område a${i} // ${i}\n// rad\n`).join('')],
    ['150 000 declarations', () => Array.from({ length: 150_000 }, (_, i) => `område a${i}`).join('\n')],
    ['100 000 declarations on one line', () => Array.from({ length: 100_000 }, (_, i) => `område a${i}`).join(' ')],
    ['3 000 000 blank lines', () => '\n'.repeat(3_000_000) + 'område a\n'],
    ['a block comment of 1 000 000 lines', () => '/*' + 'x\n'.repeat(1_000_000) + '*/\nområde a\n'],
    ['300 000 block comments on one line', () => '/* a */ '.repeat(300_000) + '\nområde a\n'],
    ['a name of 3 000 000 letters', () => `område ${'a'.repeat(3_000_000)}\n`],
    ['the deepest nesting and longest chains the limits allow', deepest],
];

/** Every nesting and chain at its limit (MAX_NESTING, MAX_CHAIN), in criteria and formulas, with an example that runs the longest. */
function deepest(): string {
    const parts = (n: number, part: (i: number) => string, joiner: string) => Array.from({ length: n }, (_, i) => part(i)).join(joiner);
    return [
        'egenskap ålder "Ålder" : heltal 0–120 år',
        'egenskap k "K" : ja/nej',
        `pilot p "P" {\n inkludera när ${parts(500, i => `ålder > ${i % 100} år`, ' och ')}\n exkludera när ${parts(500, i => `ålder < ${i % 100} år`, ' eller ')}\n}`,
        `pilot q "Q" { inkludera när ${'inte '.repeat(64)}k }`,
        'parameter maxtaxa "M" : belopp { från 2024-01-01 : 1 kr }',
        `beräkning a = ${parts(500, () => 'maxtaxa', ' + ')}`,
        `beräkning b = ${'('.repeat(64)}maxtaxa${')'.repeat(64)}`,
        'exempel e { datum 2024-06-01 beräkning a förväntat 500 kr }',
    ].join('\n');
}

describe.each([...nodesByVersion()])('scale extremes on Node %s', (_version, node) => {
    test.each(extremes)('check reads %s without overflowing', (name, text) => {
        const folder = policy(`extrem-${name.replace(/\W+/g, '-')}`, text());
        const result = spawnSync(node, [bin, 'check', folder], { cwd: scratch, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, REGELRATT_DEBUG: '' } });
        expect(result.error, 'the command hung').toBeUndefined();
        noStackTrace(result);
        expect(result.stderr).not.toContain('internt fel');
        expect(result.status).toBe(0);
        expect(result.stderr).toContain('1 fil kontrollerad: 0 fel,');
    });

    test('test runs the example of the deepest policy the limits allow', () => {
        const folder = policy('extrem-djupast-test', deepest());
        const result = spawnSync(node, [bin, 'test', folder], { cwd: scratch, encoding: 'utf8', timeout: 60_000, env: { ...process.env, REGELRATT_DEBUG: '' } });
        noStackTrace(result);
        expect(result.status).toBe(0);
        expect(result.stdout).toContain('Exempel: 1 gick igenom, 0 misslyckades');
    });

    test('the language server answers what walks a whole tree on the deepest policy and on 125 000 comment lines', async () => {
        const folder = policy(`lsp-djupast-${_version}`, deepest());
        const comments = 'område kommenterat\n' + '//\n'.repeat(125_000);
        writeFileSync(path.join(folder, 'b.regel'), comments);
        const server = await startServer(node, folder);
        try {
            for (const [file, text] of [['a.regel', deepest()], ['b.regel', comments]]) {
                server.open(file, text);
                const errors = (await server.diagnostics(file)).filter(d => d.severity === 1);
                expect(errors.map(d => `${file}:${d.range.start.line}: ${d.message}`)).toEqual([]);
                // An answer of the request's own shape (a rejected or null answer fails): each file declares something.
                const symbols = await server.request('textDocument/documentSymbol', file) as unknown[];
                expect(symbols.length, 'documentSymbol').toBeGreaterThan(0);
                expect(Array.isArray(await server.request('textDocument/foldingRange', file)), 'foldingRange').toBe(true);
                const tokens = await server.request('textDocument/semanticTokens/full', file) as { data: number[] };
                expect(tokens.data.length, 'semanticTokens').toBeGreaterThan(0);
                // The deepest policy has an example (a lens to run it); the comments have none.
                const lenses = await server.request('textDocument/codeLens', file) as unknown[] | null;
                expect(lenses?.length ?? 0, 'codeLens').toBe(file === 'a.regel' ? 1 : 0);
                expect(Array.isArray(await server.request('textDocument/formatting', file, { options: { tabSize: 4, insertSpaces: true } })), 'formatting').toBe(true);
            }
            expect(server.exitCode).toBeUndefined();
        } finally {
            await server.stop();
        }
    }, 180_000);

    test('the language server serves a workspace holding 125 000 comment lines, and the file itself when opened', async () => {
        const folder = policy(`lsp-kommentarer-${_version}`, 'område a\n' + '//\n'.repeat(125_000));
        const good = 'område b "Norr"\n';
        writeFileSync(path.join(folder, 'b.regel'), good);
        const server = await startServer(node, folder);
        try {
            server.open('b.regel', good);
            expect((await server.diagnostics('b.regel')).filter(d => d.severity === 1)).toEqual([]);
            expect(JSON.stringify(await server.hover('b.regel', 0, 7))).toContain('Norr');
            server.open('a.regel', readFileSync(path.join(folder, 'a.regel'), 'utf8'));
            expect((await server.diagnostics('a.regel')).filter(d => d.severity === 1)).toEqual([]);
            expect(server.exitCode).toBeUndefined();
        } finally {
            await server.stop();
        }
    }, 120_000);
});
