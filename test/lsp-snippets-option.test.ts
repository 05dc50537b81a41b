import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import {
    createProtocolConnection, StreamMessageReader, StreamMessageWriter, CompletionRequest, DidOpenTextDocumentNotification,
    InitializedNotification, InitializeRequest, ShutdownRequest, ExitNotification, type CompletionItem,
} from 'vscode-languageserver-protocol/node';

/**
 * The VS Code extension contributes the block snippets itself and tells the server so
 * (`initializationOptions.snippets: false`): the server then offers keywords and names only, so the
 * writer never sees each snippet twice. Other editors keep getting them from the server.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workspace = mkdtempSync(path.join(tmpdir(), 'regelratt-snippets-'));
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

async function completionAtStart(initializationOptions: Record<string, unknown>): Promise<CompletionItem[]> {
    const child = spawn(process.execPath, [path.join(repository, 'packages/vscode/out/server.cjs'), '--stdio'], { stdio: 'pipe' });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.listen();
    try {
        await connection.sendRequest(InitializeRequest.type, {
            processId: process.pid, rootUri: pathToFileURL(workspace).toString(), workspaceFolders: null,
            capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } },
            initializationOptions,
        });
        await connection.sendNotification(InitializedNotification.type, {});
        const uri = pathToFileURL(path.join(workspace, 'a.regel')).toString();
        await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'regelratt', version: 1, text: 'område x\n\n' } });
        const result = await connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 1, character: 0 } });
        return Array.isArray(result) ? result : result?.items ?? [];
    } finally {
        await connection.sendRequest(ShutdownRequest.type).catch(() => undefined);
        await connection.sendNotification(ExitNotification.type).catch(() => undefined);
        connection.dispose();
        child.kill();
    }
}

describe('snippets from the server or from the editor', () => {
    test('by default the server offers the block snippets beside the keywords', async () => {
        const labels = (await completionAtStart({ locale: 'sv' })).map(item => item.label);
        expect(labels).toContain('nivåtabell … { … }');
        expect(labels).toContain('nivåtabell');
    });

    test('an editor that contributes them gets the keywords only', async () => {
        const items = await completionAtStart({ locale: 'sv', snippets: false });
        expect(items.map(item => item.label)).toContain('nivåtabell');
        expect(items.filter(item => item.kind === 15)).toEqual([]);
    });
}, 60_000);
