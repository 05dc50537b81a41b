/**
 * The bundled language server as an editor starts it (a process speaking LSP over stdio), for the
 * fuzzer: a session of opened, edited and closed documents and requests, where a failure is the
 * process dying, a request with no answer within its time, or an answer that is an internal error.
 * The client keeps each document's text, so an edit given as fractions of it lands deterministically.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, ErrorCodes, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { languageServer, timeLimit, timeLimitPassed } from './harness.mjs';

/** A position in the text, from a fraction of its length. */
export const positionAt = (text, fraction) => positionOf(text, Math.floor(fraction * (text.length + 1)));

function positionOf(text, offset) {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

const REQUESTS = {
    'textDocument/documentSymbol': () => ({}),
    'textDocument/hover': (text, f) => ({ position: positionAt(text, f) }),
    'textDocument/completion': (text, f) => ({ position: positionAt(text, f) }),
    'textDocument/definition': (text, f) => ({ position: positionAt(text, f) }),
    'textDocument/references': (text, f) => ({ position: positionAt(text, f), context: { includeDeclaration: true } }),
    'textDocument/formatting': () => ({ options: { tabSize: 4, insertSpaces: true } }),
    'textDocument/foldingRange': () => ({}),
    'textDocument/semanticTokens/full': () => ({}),
};
export const REQUEST_METHODS = Object.keys(REQUESTS);

/**
 * Runs a session against a fresh server with `folder` as its workspace folder. Steps: `{ open,
 * text }`, `{ change, at, length, text }` (at and length fractions of the current text), `{ close }`,
 * `{ request, method, document, at }`. `user` starts the server as another user (harness's
 * `unprivileged`). Each request waits `seconds` (times the patience of a retry, harness.mjs).
 * Returns the failure, or undefined.
 */
export async function runSession(folder, steps, { seconds = 20, user = {} } = {}) {
    const child = spawn(process.execPath, [languageServer, '--stdio'], { stdio: 'pipe', ...user });
    let died;
    let stderr = '';
    child.stderr.on('data', chunk => { if (stderr.length < 10_000) stderr += chunk; });
    const death = new Promise(resolve => child.on('exit', (code, signal) => {
        died = `server exited (${signal ?? code}): ${stderr.trim().split('\n').slice(-2).join(' | ').slice(0, 200)}`;
        resolve();
    }));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    connection.onError(() => {});
    connection.onNotification(() => {});
    connection.onRequest(() => null);
    connection.listen();
    const uri = name => pathToFileURL(path.join(folder, name)).toString();
    const texts = new Map();
    let version = 1;

    const ask = async (method, params, description) => {
        let timer;
        const limit = timeLimit(seconds);
        const timeout = new Promise(resolve => { timer = setTimeout(() => resolve('timeout'), limit * 1000); });
        try {
            const answer = await Promise.race([connection.sendRequest(method, params).then(() => 'ok', error => error), timeout, death.then(() => 'died')]);
            if (answer === 'timeout') {
                timeLimitPassed();
                return `no answer — ${description} within ${limit} s`;
            }
            if (answer === 'died') {
                return `process death — ${died} (during ${description})`;
            }
            if (answer !== 'ok' && answer?.code === ErrorCodes.InternalError) {
                return `internal error — ${description}: ${String(answer.message).slice(0, 200)}`;
            }
            return undefined;
        } finally {
            clearTimeout(timer);
        }
    };
    const notify = (method, params) => (died ? undefined : connection.sendNotification(method, params).catch(() => {}));

    try {
        const folderUri = pathToFileURL(folder).toString();
        const started = await ask('initialize', { processId: process.pid, rootUri: folderUri, capabilities: {}, workspaceFolders: [{ uri: folderUri, name: 'fuzz' }] }, 'initialize');
        if (started) {
            return started;
        }
        notify('initialized', {});
        for (const step of steps) {
            if (died) {
                break;
            }
            if (step.open !== undefined) {
                texts.set(step.open, step.text);
                notify('textDocument/didOpen', { textDocument: { uri: uri(step.open), languageId: 'regelratt', version: version++, text: step.text } });
            } else if (step.change !== undefined && texts.has(step.change)) {
                const text = texts.get(step.change);
                const start = Math.floor(step.at * (text.length + 1));
                const end = Math.min(text.length, start + Math.floor(step.length * text.length));
                texts.set(step.change, text.slice(0, start) + step.text + text.slice(end));
                notify('textDocument/didChange', {
                    textDocument: { uri: uri(step.change), version: version++ },
                    contentChanges: [{ range: { start: positionOf(text, start), end: positionOf(text, end) }, text: step.text }],
                });
            } else if (step.close !== undefined && texts.has(step.close)) {
                texts.delete(step.close);
                notify('textDocument/didClose', { textDocument: { uri: uri(step.close) } });
            } else if (step.request !== undefined) {
                const text = texts.get(step.document) ?? '';
                const failure = await ask(step.request, { textDocument: { uri: uri(step.document) }, ...REQUESTS[step.request](text, step.at) }, `${step.request} on ${step.document}`);
                if (failure) {
                    return failure;
                }
            }
        }
        if (died) {
            return `process death — ${died}`;
        }
        return await ask('shutdown', undefined, 'shutdown');
    } finally {
        connection.dispose();
        child.kill('SIGKILL');
    }
}
