import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
    createProtocolConnection, StreamMessageReader, StreamMessageWriter, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification,
    InitializedNotification, InitializeRequest, PublishDiagnosticsNotification, ShutdownRequest, ExitNotification,
    type Diagnostic, type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

/**
 * The preview VS Code shows beside the editor ("Förhandsgranska dokument"): the bundled language
 * server answers the `regelratt/document` request with the same document `regelratt dokument`
 * writes, follows the writer's edits, and says why when the policy has errors.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const server = path.join(repository, 'packages/vscode/out/server.cjs');
const workspace = mkdtempSync(path.join(tmpdir(), 'regelratt-preview-'));
let child: ChildProcessWithoutNullStreams;
let connection: ProtocolConnection;
const published = new Map<string, Diagnostic[]>();
const file = path.join(workspace, 'hemtjänst.regel');
const uri = pathToFileURL(file).toString();

beforeAll(async () => {
    cpSync(path.join(repository, 'examples/habo'), workspace, { recursive: true });
    child = spawn(process.execPath, [server, '--stdio'], { stdio: 'pipe' });
    connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onNotification(PublishDiagnosticsNotification.type, params => { published.set(params.uri, params.diagnostics); });
    connection.listen();
    await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid, rootUri: pathToFileURL(workspace).toString(),
        workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: 'habo' }], capabilities: {}, initializationOptions: { locale: 'sv' },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'regelratt', version: 1, text: readFileSync(file, 'utf8') } });
}, 60_000);

afterAll(async () => {
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    connection.dispose();
    child.kill();
    rmSync(workspace, { recursive: true, force: true });
});

describe('the document preview request', () => {
    test('answers with the rendered policy, and follows an edit', async () => {
        const first = await connection.sendRequest<{ html?: string; problem?: string }>('regelratt/document', { uri });
        expect(first.problem).toBeUndefined();
        // Headings by title only: the nämnd's document names no identifier.
        expect(first.html).toContain('<h3>Personlig omvårdnad</h3>');
        expect(first.html).toContain('Omvårdnadens nivå och avgift efter antalet besök.');
        const edited = readFileSync(file, 'utf8').replace('| 1–6             || 1    | 705 kr/mån   |', '| 1–6             || 1    | 710 kr/mån   |');
        await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
        const second = await connection.sendRequest<{ html?: string }>('regelratt/document', { uri });
        expect(second.html).toContain('710\u00a0kr/månad');
    });

    test('says why there is no document while the policy has errors', async () => {
        await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text: 'nivåtabell t { nivå 4 : 2 037 }\n' }] });
        const answer = await connection.sendRequest<{ html?: string; problem?: string }>('regelratt/document', { uri });
        expect(answer.html).toBeUndefined();
        expect(answer.problem).toMatch(/^Policyn har \d+ fel och kan inte visas som dokument\. Första felet: hemtjänst\.regel:1: /);
        expect(published.get(uri)?.length).toBeGreaterThan(0);
    });
});
