/**
 * Keystroke to diagnostics: the bundled language server over stdio, a workspace of generated policy
 * files (default 10 × 1 000 lines), a typed character in one of them, and the time until fresh
 * diagnostics for that file arrive. Prints median and 95th percentile.
 * `--examples`: an inline example per block of the generated policies. `--profile-server <folder>`:
 * the server writes a V8 CPU profile there when it exits.
 * `--server <file>`: another build of the server (an older commit's `packages/vscode/out/server.cjs`),
 * to compare two builds on the same machine in the same hour.
 * `--table <rows>`: the typed file also holds a decision table of that many rows over 12 columns (a
 * seeded exact partition, test/bench/partition-tables.mjs, outputs from five levels so that rows
 * agree), and every keystroke edits the table (an output cell of its last row), so that each one
 * re-runs the table's gap, overlap, idle-row and merge analyses.
 * Usage: node test/bench/lsp.mjs [--files 10] [--lines 1000] [--keystrokes 40] [--examples] [--table 100] [--profile-server <folder>] [--server <file>]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
    createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification,
    DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, PublishDiagnosticsNotification, ShutdownRequest, ExitNotification,
} from 'vscode-languageserver-protocol/node';
import { generatePolicy } from './generate-policy.mjs';
import { exactPartition, tableText } from './partition-tables.mjs';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => Number(args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const files = option('--files', 10);
const lines = option('--lines', 1000);
const keystrokes = option('--keystrokes', 40);
const withExamples = args.includes('--examples');
const profileFolder = args.includes('--profile-server') ? args[args.indexOf('--profile-server') + 1] : undefined;

const workspace = mkdtempSync(path.join(tmpdir(), 'regelratt-lsp-bench-'));
const texts = [];
for (let i = 0; i < files; i++) {
    // Each file its own names: prefix every generated name so the files form one clean workspace.
    const text = generatePolicy(lines, { examples: withExamples }).replace(/_b(\d+)(?![\d])/g, `_f${i}b$1`).replace(/^(lag SoL|förvaltning VoO|område tätort|fas uppföljning|nämnd nämnden)(.*)$/gm, i === 0 ? '$1$2' : '// $1$2');
    texts.push(text);
    writeFileSync(path.join(workspace, `policy${i}.regel`), text);
}
const tableRows = option('--table', 0);
// Typing happens in a file in the middle of the workspace; the first file holds the shared vocabulary.
const typed = Math.floor(files / 2);
if (tableRows > 0) {
    // The table's own attributes (`tab_a0` …), its outputs one of five levels, its last row's output the one typed.
    const table = tableText(exactPartition({ columns: 12, rows: tableRows, seed: 29 }))
        .replace(/\ba(\d+)\b/g, 'tab_a$1').replace(/beslutstabell t \{/, 'beslutstabell bench_tabell {')
        .replace(/\|\| (\d+) \|$/gm, (_, row) => `|| ${Number(row) % 5} |`);
    texts[typed] = `${texts[typed]}\n${table}`;
    writeFileSync(path.join(workspace, `policy${typed}.regel`), texts[typed]);
}
const uri = i => pathToFileURL(path.join(workspace, `policy${i}.regel`)).toString();

const profile = profileFolder ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileFolder)}`] : [];
const server = args.includes('--server') ? path.resolve(args[args.indexOf('--server') + 1]) : path.join(repository, 'packages/vscode/out/server.cjs');
const child = spawn(process.execPath, [...profile, server, '--stdio'], { stdio: 'pipe' });
const exited = new Promise(resolve => child.once('exit', resolve));
const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map();
connection.onNotification(PublishDiagnosticsNotification.type, params => {
    const resolve = waiting.get(params.uri);
    if (resolve) {
        waiting.delete(params.uri);
        resolve(params.diagnostics);
    }
});
connection.listen();
const next = target => new Promise(resolve => waiting.set(target, resolve));

try {
    await connection.sendRequest(InitializeRequest.type, {
        processId: process.pid, rootUri: pathToFileURL(workspace).toString(),
        workspaceFolders: [{ uri: pathToFileURL(workspace).toString(), name: 'bench' }], capabilities: {},
    });
    const started = performance.now();
    const first = next(uri(typed));
    await connection.sendNotification(InitializedNotification.type, {});
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(typed), languageId: 'regelratt', version: 1, text: texts[typed] } });
    const initial = await first;
    const loaded = performance.now() - started;
    const samples = [];
    let text = texts[typed];
    for (let k = 0; k < keystrokes; k++) {
        // Type into a comment at the end, then a character of a name: every keystroke a full re-check of the file.
        // With a table: its last row's output, one level up and back, a full re-analysis of the table each time.
        text = tableRows > 0
            ? text.replace(/\|\| (\d) \|\n\}\n$/, (_, level) => `|| ${(Number(level) + (k % 2 === 0 ? 1 : 4)) % 5} |\n}\n`)
            : k % 2 === 0 ? `${text}// ${k}\n` : text.replace('"Insats 0', `"Insats 0${k}`);
        const fresh = next(uri(typed));
        const start = performance.now();
        await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(typed), version: k + 2 }, contentChanges: [{ text }] });
        await fresh;
        samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    const median = samples[Math.floor(samples.length / 2)];
    const p95 = samples[Math.floor(samples.length * 0.95)];
    console.log(`Node ${process.version}; ${files} files × ${lines.toLocaleString('en')} lines = ${(files * lines).toLocaleString('en')} lines in the workspace; ${keystrokes} keystrokes`);
    console.log(`workspace loaded and first diagnostics (${initial.length}) in ${loaded.toFixed(0)} ms${tableRows > 0 ? `; typing in a ${tableRows}-row decision table (12 columns)` : ''}`);
    console.log(`keystroke → fresh diagnostics: median ${median.toFixed(0)} ms, 95th percentile ${p95.toFixed(0)} ms`);
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    // The server writes its profile as it exits: let it.
    await Promise.race([exited, new Promise(resolve => setTimeout(resolve, profileFolder ? 10_000 : 1_000))]);
} finally {
    connection.dispose();
    child.kill();
    rmSync(workspace, { recursive: true, force: true });
}
