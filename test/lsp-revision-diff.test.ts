import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startServer, type StdioServer } from './lsp-stdio.js';

/**
 * VS Code's "Jämför med senaste commit": the bundled language server answers `regelratt/revisionDiff`
 * with what the texts in the editor change for citizens against the folder's last commit, as
 * `regelratt diff --rev HEAD --format html` renders it, and says why where it cannot compare.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const committed = mkdtempSync(path.join(tmpdir(), 'regelratt-lsp-revision-'));
const loose = mkdtempSync(path.join(tmpdir(), 'regelratt-lsp-nogit-'));
const file = 'hemtjänst.regel';
const original = readFileSync(path.join(repository, 'examples/habo', file), 'utf8');
// The fee for cleaning rises after the commit: every citizen with städning pays more.
const raised = original.replace('2017-12-31 : 503 kr/mån }', '2017-12-31 : 520 kr/mån }');
let server: StdioServer;
let outside: StdioServer;

type Answer = { html?: string; changed?: boolean; problem?: string };

beforeAll(async () => {
    expect(raised).not.toBe(original);
    cpSync(path.join(repository, 'examples/habo'), committed, { recursive: true });
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Regelrätt', '-c', 'user.email=test@example.invalid', ...args], { cwd: committed });
    git('init', '--quiet');
    git('add', '.');
    git('commit', '--quiet', '-m', 'Habos taxa');
    // Changed on disk after the commit, as a writer's saved edit leaves it.
    writeFileSync(path.join(committed, file), raised);
    cpSync(path.join(repository, 'examples/habo'), loose, { recursive: true });
    [server, outside] = await Promise.all([startServer(process.execPath, committed), startServer(process.execPath, loose)]);
    server.open(file, raised);
    outside.open(file, original);
}, 120_000);

afterAll(async () => {
    await Promise.all([server?.stop(), outside?.stop()]);
    rmSync(committed, { recursive: true, force: true });
    rmSync(loose, { recursive: true, force: true });
});

describe('the comparison with the last commit', () => {
    test('names the answer that changes by its title, in the diff\'s HTML', async () => {
        const answer = await server.request('regelratt/revisionDiff', file, { uri: server.uriOf(file), revision: 'HEAD' }, 120) as Answer;
        expect(answer.problem).toBeUndefined();
        expect(answer.changed).toBe(true);
        // hemtjänstavgift, the amount the citizen pays, by its title; städavgift's own change too.
        expect(answer.html).toContain('Avgift per månad (beräkning)');
        expect(answer.html).toContain('Städning (parameter)');
        expect(answer.html).toContain('HEAD (senaste commit)');
        expect(answer.html).toMatch(/^<!DOCTYPE html>/i);
    }, 180_000);

    test('two comparisons asked at once (two saves in a row) both answer in full', async () => {
        const ask = () => server.request('regelratt/revisionDiff', file, { uri: server.uriOf(file) }, 120) as Promise<Answer>;
        const answers = await Promise.all([ask(), ask(), ask()]);
        for (const answer of answers) {
            expect(answer.problem).toBeUndefined();
            expect(answer.changed).toBe(true);
            expect(answer.html).toContain('Avgift per månad (beräkning)');
        }
    }, 180_000);

    test('the texts in the editor as the commit has them: the same answers', async () => {
        server.change(file, original);
        const answer = await server.request('regelratt/revisionDiff', file, { uri: server.uriOf(file) }, 120) as Answer;
        expect(answer.problem).toBeUndefined();
        expect(answer.changed).toBe(false);
        expect(answer.html).toContain('Samma svar för alla medborgare, nivåer och datum.');
        expect(answer.html).not.toContain('Avgift per månad (beräkning)');
    }, 180_000);

    test('an unknown revision and a folder outside git are told in Swedish, not thrown', async () => {
        const unknown = await server.request('regelratt/revisionDiff', file, { uri: server.uriOf(file), revision: 'finns-inte-123' }, 60) as Answer;
        expect(unknown).toEqual({ problem: "revisionen 'finns-inte-123' finns inte i git-arkivet." });
        const option = await server.request('regelratt/revisionDiff', file, { uri: server.uriOf(file), revision: '--output=/tmp/x' }, 60) as Answer;
        expect(option.problem).toMatch(/^revisionen '--output=\/tmp\/x' finns inte/);
        const answer = await outside.request('regelratt/revisionDiff', file, { uri: outside.uriOf(file) }, 60) as Answer;
        expect(answer.html).toBeUndefined();
        expect(answer.problem).toMatch(/ligger inte i något git-arkiv; jämförelsen med HEAD kräver git/);
    }, 180_000);
});
