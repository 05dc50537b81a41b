import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { startServer } from './lsp-stdio.js';

/**
 * A workspace file the server cannot load must not stop it serving the others: Langium's start-up
 * loads every file in one Promise.all, and one failure left the workspace never ready, so no
 * request for any file was answered ("Error in WorkspaceManager initialization").
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const failingReads = path.join(repository, 'test/fixtures/preload/failing-reads.cjs');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-lsp-faults-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a workspace with a file that cannot be read', () => {
    test('the good file still gets diagnostics and hover, and the bad one is reported', async () => {
        const folder = path.join(scratch, 'arbetsyta');
        mkdirSync(folder, { recursive: true });
        const good = 'område norr "Norra området"\n';
        writeFileSync(path.join(folder, 'bra.regel'), good);
        writeFileSync(path.join(folder, 'trasig.regel'), 'område söder\n');
        const server = await startServer(process.execPath, folder, ['--require', failingReads], { REGELRATT_TEST_FAILING_READ: 'trasig.regel' });
        try {
            server.open('bra.regel', good);
            expect((await server.diagnostics('bra.regel', 30)).filter(d => d.severity === 1)).toEqual([]);
            expect(JSON.stringify(await server.hover('bra.regel', 0, 8))).toContain('Norra området');
            const reported = await server.diagnostics('trasig.regel', 30);
            expect(reported.map(d => [d.code, d.severity])).toEqual([['unreadable-file', 1]]);
            expect(reported[0].message).toMatch(/^Kan inte läsa .*trasig\.regel: in- och utmatningsfel \(EIO\)\.$/);
            expect(server.exitCode).toBeUndefined();
        } finally {
            await server.stop();
        }
    }, 90_000);
});

describe('a workspace with a folder that cannot be listed', () => {
    test('the others are served, and the log names the folder and says why in Swedish', async () => {
        const folder = path.join(scratch, 'låst-arbetsyta');
        mkdirSync(path.join(folder, 'låst'), { recursive: true });
        const good = 'område norr "Norra området"\n';
        writeFileSync(path.join(folder, 'bra.regel'), good);
        writeFileSync(path.join(folder, 'låst', 'b.regel'), 'område söder\n');
        const server = await startServer(process.execPath, folder, ['--require', failingReads], { REGELRATT_TEST_FAILING_READ: `${path.sep}låst`, REGELRATT_TEST_FAILING_CODE: 'EACCES' });
        try {
            server.open('bra.regel', good);
            expect((await server.diagnostics('bra.regel', 30)).filter(d => d.severity === 1)).toEqual([]);
            expect(server.logs.join('\n')).toContain(`Regelrätt: Kan inte läsa ${path.join(folder, 'låst')}: behörighet saknas (EACCES).`);
            expect(server.logs.join('\n')).not.toMatch(/\n\s+at /);
        } finally {
            await server.stop();
        }
    }, 90_000);
});
