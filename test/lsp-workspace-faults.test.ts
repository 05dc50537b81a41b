import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { startServer, type StdioServer } from './lsp-stdio.js';

/**
 * A workspace file the server cannot load must not stop it serving the others: Langium's start-up
 * loads every file in one Promise.all, and one failure left the workspace never ready, so no
 * request for any file was answered ("Error in WorkspaceManager initialization").
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const failingReads = path.join(repository, 'test/fixtures/preload/failing-reads.cjs');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-lsp-faults-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const good = 'område norr "Norra området"\n';

/**
 * A workspace folder holding bra.regel (`good`) and `others`, served by the language server started
 * with `nodeArgs` and `env`; `check` runs against it, then bra.regel must have been served all along.
 */
async function withWorkspace(name: string, others: Record<string, string>, start: { nodeArgs?: string[]; env?: NodeJS.ProcessEnv }, check: (server: StdioServer, folder: string) => Promise<void>): Promise<void> {
    const folder = path.join(scratch, name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'bra.regel'), good);
    for (const [file, text] of Object.entries(others)) {
        mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
        writeFileSync(path.join(folder, file), text);
    }
    const server = await startServer(process.execPath, folder, start.nodeArgs, start.env);
    try {
        await check(server, folder);
        server.open('bra.regel', good);
        expect((await server.diagnostics('bra.regel', 30)).filter(d => d.severity === 1)).toEqual([]);
        expect(JSON.stringify(await server.hover('bra.regel', 0, 8))).toContain('Norra området');
        expect(server.exitCode).toBeUndefined();
    } finally {
        await server.stop();
    }
}

describe('a workspace with a file that cannot be read', () => {
    test('the bad one is reported, and the good file still gets diagnostics and hover', async () => {
        await withWorkspace('arbetsyta', { 'trasig.regel': 'område söder\n' }, { nodeArgs: ['--require', failingReads], env: { REGELRATT_TEST_FAILING_READ: 'trasig.regel' } }, async server => {
            const reported = await server.diagnostics('trasig.regel', 30);
            expect(reported.map(d => [d.code, d.severity])).toEqual([['unreadable-file', 1]]);
            expect(reported[0].message).toMatch(/^Kan inte läsa .*trasig\.regel: in- och utmatningsfel \(EIO\)\.$/);
        });
    }, 90_000);
});

describe('a workspace with a folder that cannot be listed', () => {
    test('the log names the folder and says why in Swedish, and the others are served', async () => {
        const env = { REGELRATT_TEST_FAILING_READ: `${path.sep}låst`, REGELRATT_TEST_FAILING_CODE: 'EACCES' };
        await withWorkspace('låst-arbetsyta', { 'låst/b.regel': 'område söder\n' }, { nodeArgs: ['--require', failingReads], env }, async (server, folder) => {
            // Diagnostics for an opened file come once the workspace's start-up, its walk included, is over.
            server.open('bra.regel', good);
            await server.diagnostics('bra.regel', 30);
            expect(server.logs.join('\n')).toContain(`Regelrätt: Kan inte läsa ${path.join(folder, 'låst')}: behörighet saknas (EACCES).`);
            expect(server.logs.join('\n')).not.toMatch(/\n\s+at /);
        });
    }, 120_000);
});

describe('a workspace with a file past the size limit', () => {
    test('the file is left out with file-too-large, and the others are served', async () => {
        // 6 MB of declarations whose names clash with nothing: read whole, it would be checked clean.
        const large = Array.from({ length: 400_000 }, (_, i) => `område s${i}`).join('\n');
        await withWorkspace('stor-arbetsyta', { 'stor.regel': large }, {}, async server => {
            const reported = await server.diagnostics('stor.regel', 60);
            expect(reported.map(d => [d.code, d.severity, d.message])).toEqual([['file-too-large', 1, 'Filen är 6,0 MB stor; gränsen är 4,0 MB. Dela upp den i flera filer.']]);
        });
    }, 120_000);
});
