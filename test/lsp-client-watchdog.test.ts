import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { startServer } from './lsp-stdio.js';

/**
 * The language server stops when the editor that started it is gone (the client's `processId`),
 * and only then: a client process the server may not signal (another user's, as when the server
 * runs unprivileged, or a process outside its PID namespace's permissions) is alive, not gone.
 * The watchdog looks every 3 s, so each test waits past that.
 */
const folder = mkdtempSync(path.join(tmpdir(), 'regelratt-watchdog-'));
chmodSync(folder, 0o755);
writeFileSync(path.join(folder, 'a.regel'), 'egenskap ålder "Ålder" : heltal 0–130 år\n');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const root = process.getuid?.() === 0;
const WATCHDOG_SECONDS = 3;
const pastTheWatchdog = () => new Promise(resolve => setTimeout(resolve, (WATCHDOG_SECONDS + 1.5) * 1000));

describe('the language server and its client\'s process', () => {
    test('a client process of another user is alive: the server keeps answering past the watchdog', async () => {
        // As root: the server runs as nobody and the client (this process) is root's. Otherwise the
        // client names process 1, root's, which this user may not signal either.
        const server = await startServer(process.execPath, folder, [], {}, root ? { processId: process.pid, uid: 65534, gid: 65534 } : { processId: 1 });
        try {
            server.open('a.regel', 'egenskap ålder "Ålder" : heltal 0–130 år\n');
            await server.diagnostics('a.regel');
            await pastTheWatchdog();
            expect(server.exitCode, server.stderr).toBeUndefined();
            const hover = await server.hover('a.regel', 0, 11);
            expect(JSON.stringify(hover)).toContain('Ålder');
        } finally {
            await server.stop();
        }
    }, 60_000);

    test('a client that is gone: the server exits', async () => {
        // A process that has ended: its number names no process (until the system reuses it, which
        // a few seconds do not reach).
        const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
        const server = await startServer(process.execPath, folder, [], {}, { processId: Number(ended.stdout) });
        try {
            await pastTheWatchdog();
            expect(server.exitCode).not.toBeUndefined();
        } finally {
            await server.stop();
        }
    }, 60_000);
});
