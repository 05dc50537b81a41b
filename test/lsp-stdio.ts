import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
    createProtocolConnection, StreamMessageReader, StreamMessageWriter,
    DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, ExitNotification, HoverRequest, ShutdownRequest, InitializedNotification, InitializeRequest, LogMessageNotification, PublishDiagnosticsNotification,
    type Diagnostic, type Hover,
} from 'vscode-languageserver-protocol/node';

/**
 * The bundled language server started as an editor starts it, on a given Node, with one workspace
 * folder: for tests of what a workspace's files do to the server (limits, unreadable files). Each
 * wait has a deadline, so a server that died or stopped answering fails the test instead of hanging it.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverBundle = path.join(repository, 'packages/vscode/out/server.cjs');

export interface StdioServer {
    /** Opens a file of the folder in the editor, with the text it has on disk. */
    open(file: string, text: string): void;
    /** Replaces an open file's text in the editor (unsaved). */
    change(file: string, text: string): void;
    /** A file of the folder as the editor names it. */
    uriOf(file: string): string;
    /** The first diagnostics published for the file; rejects after `seconds`. */
    diagnostics(file: string, seconds?: number): Promise<Diagnostic[]>;
    hover(file: string, line: number, character: number, seconds?: number): Promise<Hover | null>;
    /** Any request about one file, with the file's identifier added to `params`. */
    request(method: string, file: string, params?: object, seconds?: number): Promise<unknown>;
    /** The messages the server logged (window/logMessage), in order. */
    readonly logs: readonly string[];
    /** What the server wrote to stderr, and whether it has exited (with its code). */
    readonly stderr: string;
    readonly exitCode: number | null | undefined;
    /** Shuts the server down as an editor does (or kills it if it no longer answers). */
    stop(): Promise<void>;
}

/** Who the client says it is (`processId`, this process unless given) and whom the server runs as. */
export interface ClientIdentity {
    processId?: number | null;
    uid?: number;
    gid?: number;
}

export async function startServer(node: string, folder: string, nodeArgs: string[] = [], env: NodeJS.ProcessEnv = {}, identity: ClientIdentity = {}): Promise<StdioServer> {
    const child = spawn(node, [...nodeArgs, serverBundle, '--stdio'], {
        stdio: 'pipe', env: { ...process.env, ...env },
        ...(identity.uid !== undefined ? { uid: identity.uid } : {}), ...(identity.gid !== undefined ? { gid: identity.gid } : {}),
    });
    let stderr = '';
    let exitCode: number | null | undefined;
    child.stderr.on('data', chunk => { stderr += String(chunk); });
    child.on('exit', code => { exitCode = code; });
    // A server that died (what some tests look for) closes its pipes under the writer.
    child.stdin.on('error', () => undefined);
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const published = new Map<string, Diagnostic[]>();
    const waiting = new Map<string, (d: Diagnostic[]) => void>();
    connection.onNotification(PublishDiagnosticsNotification.type, params => {
        if (!published.has(params.uri)) {
            published.set(params.uri, params.diagnostics);
            waiting.get(params.uri)?.(params.diagnostics);
        }
    });
    const logs: string[] = [];
    connection.onNotification(LogMessageNotification.type, params => { logs.push(params.message); });
    connection.onError(() => undefined);
    connection.onClose(() => undefined);
    connection.listen();
    const uri = (file: string) => pathToFileURL(path.join(folder, file)).toString();
    const deadline = <T>(what: string, seconds: number, promise: Promise<T>): Promise<T> => new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${seconds} s (server exit code ${exitCode}); stderr: ${stderr.slice(-2000)}`)), seconds * 1000);
        promise.then(value => { clearTimeout(timer); resolve(value); }, error => { clearTimeout(timer); reject(error as Error); });
    });
    await deadline('initialize', 60, connection.sendRequest(InitializeRequest.type, {
        processId: identity.processId === undefined ? process.pid : identity.processId,
        rootUri: pathToFileURL(folder).toString(),
        workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'policy' }],
        capabilities: { textDocument: { publishDiagnostics: {}, hover: {} } },
        initializationOptions: { locale: 'sv' },
    }));
    await connection.sendNotification(InitializedNotification.type, {});
    let version = 1;
    return {
        open(file, text) {
            void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(file), languageId: 'regelratt', version: version++, text } });
        },
        change(file, text) {
            void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(file), version: version++ }, contentChanges: [{ text }] });
        },
        uriOf: uri,
        diagnostics(file, seconds = 60) {
            const known = published.get(uri(file));
            return deadline(`diagnostics for ${file}`, seconds, known ? Promise.resolve(known) : new Promise(resolve => waiting.set(uri(file), resolve)));
        },
        hover(file, line, character, seconds = 30) {
            return deadline(`hover in ${file}`, seconds, connection.sendRequest(HoverRequest.type, { textDocument: { uri: uri(file) }, position: { line, character } }));
        },
        request(method, file, params = {}, seconds = 60) {
            return deadline(`${method} in ${file}`, seconds, connection.sendRequest(method, { textDocument: { uri: uri(file) }, ...params }));
        },
        logs,
        get stderr() { return stderr; },
        get exitCode() { return exitCode; },
        async stop() {
            if (exitCode === undefined) {
                const exited = new Promise(resolve => child.once('exit', resolve));
                await deadline('shutdown', 10, connection.sendRequest(ShutdownRequest.type)).catch(() => undefined);
                await connection.sendNotification(ExitNotification.type).catch(() => undefined);
                await Promise.race([exited, new Promise(resolve => setTimeout(resolve, 5_000))]);
            }
            connection.dispose();
            child.kill();
        },
    };
}
