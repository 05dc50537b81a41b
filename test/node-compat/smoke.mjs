#!/usr/bin/env node
// What the README's two commands build, run on the Node that runs this script: the command line
// bundle (check, compile, test, and dokument and serve, which load their libraries only when asked,
// each twice; every run after the first loads the bundle with the code cache, which on Node 20 once
// broke those two), the runtime package, and the language server bundle over
// stdio (initialize, then diagnostics for an opened file). `.ci/run` runs it with the machine's own
// Node (20 on these machines) before the tests; test/node-versions.test.ts runs it with every Node
// it finds. Built-ins only, so it runs wherever Node does. Prints `N passed, N failed`; exit 1 on failure.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = path.join(repository, 'packages/cli/bin/regelratt.js');
const server = path.join(repository, 'packages/vscode/out/server.cjs');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-node-compat-'));
const results = [];

async function check(name, body) {
    try {
        await body();
        results.push({ name, ok: true });
    } catch (error) {
        results.push({ name, ok: false, detail: error instanceof Error ? error.message : String(error) });
    }
}

function assert(condition, message) {
    if (!condition) {
        throw new Error(message);
    }
}

function regelratt(...args) {
    const run = spawnSync(process.execPath, [cli, ...args], { cwd: repository, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr, all: `${run.stdout}${run.stderr}` };
}

await check('regelratt check examples/orebro', () => {
    const run = regelratt('check', 'examples/orebro');
    assert(run.code === 0, `exit ${run.code}: ${run.all}`);
    assert(run.stdout.includes('[open-amount]'), `the open-amount warning is missing: ${run.all}`);
});

await check('regelratt check examples/broken (errors found, exit 1)', () => {
    const run = regelratt('check', 'examples/broken');
    assert(run.code === 1, `exit ${run.code}: ${run.all}`);
    assert(run.stdout.includes('[pathway-gap]'), `the pathway-gap error is missing: ${run.all}`);
});

const out = path.join(scratch, 'out');
await check('regelratt compile examples/orebro', () => {
    const run = regelratt('compile', 'examples/orebro', '-o', out);
    assert(run.code === 0, `exit ${run.code}: ${run.all}`);
    const written = readdirSync(out).filter(name => name.endsWith('.json'));
    assert(written.length > 0, 'no JSON file written');
    for (const name of written) {
        JSON.parse(readFileSync(path.join(out, name), 'utf8'));
    }
});

await check('regelratt test examples/orebro', () => {
    const run = regelratt('test', 'examples/orebro');
    assert(run.code === 0, `exit ${run.code}: ${run.all}`);
    assert(/ 0 failed/.test(run.all) || / 0 misslyckades/.test(run.all), `not every example passed: ${run.all}`);
});

for (const round of ['once', 'twice']) {
    await check(`regelratt dokument examples/habo (${round})`, () => {
        const folder = path.join(scratch, `dokument-${round.length}`);
        const run = regelratt('dokument', 'examples/habo', '-o', folder);
        assert(run.code === 0, `exit ${run.code}: ${run.all}`);
        assert(readFileSync(path.join(folder, 'dokument.pdf')).subarray(0, 5).toString() === '%PDF-', 'no PDF written');
    });
    await check(`regelratt serve examples/habo answers /health (${round})`, () => serve());
}

await check('the runtime package answers from the compiled JSON', async () => {
    const { PolicyRuntime } = await import(pathToFileURL(path.join(repository, 'packages/runtime/dist/index.js')).href);
    // The compiled folder holds the national library Örebro imports in a subfolder (regelratt-bibliotek/), as `serve` and `eval` read it.
    const compiled = readdirSync(out, { recursive: true }).map(String).filter(name => name.endsWith('.json')).map(name => JSON.parse(readFileSync(path.join(out, name), 'utf8')));
    const runtime = new PolicyRuntime(compiled);
    const placement = runtime.placeInPathway('rehabiliterande_förlopp', { aktivitetsförmåga: 'hög' });
    assert(placement.pathway === 'pathway/förlopp_1', `placed in ${JSON.stringify(placement)}`);
    const compensation = runtime.compensation('hemvård_tätort', 10, '2021-06-01');
    assert(compensation.amount === '9676', `compensation ${JSON.stringify(compensation)}`);
});

await check('the language server: initialize, then diagnostics for an opened file', () => languageServer());

rmSync(scratch, { recursive: true, force: true });
for (const result of results) {
    console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.name}${result.ok ? '' : `\n     ${result.detail}`}`);
}
const failed = results.filter(result => !result.ok).length;
console.log(`Node ${process.version}: ${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;

/** Starts `regelratt serve` on a free port, asks /health, and stops it with SIGTERM (exit 0). */
function serve() {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [cli, 'serve', 'examples/habo', '--port', '0'], { cwd: repository, env: { ...process.env, NO_COLOR: '1' } });
        let output = '';
        let asked = false;
        const timer = setTimeout(() => { child.kill(); reject(new Error(`no address within 30 s: ${output}`)); }, 30_000);
        const onOutput = chunk => {
            output += String(chunk);
            const address = /Regelrätt svarar på (http:\/\/[^ ]+) /.exec(output)?.[1];
            if (address && !asked) {
                asked = true;
                fetch(`${address}/health`).then(async response => {
                    if (response.status !== 200) {
                        throw new Error(`/health answered ${response.status}: ${await response.text()}`);
                    }
                    child.kill('SIGTERM');
                }).catch(error => { child.kill(); clearTimeout(timer); reject(error); });
            }
        };
        child.stdout.on('data', onOutput);
        child.stderr.on('data', onOutput);
        child.on('exit', code => {
            clearTimeout(timer);
            code === 0 && asked ? resolve() : reject(new Error(`serve exited ${code}: ${output}`));
        });
    });
}

/** Speaks LSP over stdio with Content-Length framing, as an editor does. */
function languageServer() {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [server, '--stdio'], { stdio: 'pipe' });
        let stderr = '';
        let buffer = Buffer.alloc(0);
        let nextId = 1;
        const pending = new Map();
        const timer = setTimeout(() => finish(new Error(`no diagnostics within 30 s; server stderr: ${stderr}`)), 30_000);
        const documentUri = pathToFileURL(path.join(scratch, 'utkast.regel')).href;

        function finish(error) {
            clearTimeout(timer);
            child.kill();
            error ? reject(error) : resolve();
        }
        function send(message) {
            const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
            child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
            child.stdin.write(body);
        }
        function request(method, params) {
            const id = nextId++;
            send({ id, method, params });
            return new Promise((done, fail) => pending.set(id, { done, fail }));
        }
        child.stderr.on('data', chunk => { stderr += String(chunk); });
        child.on('exit', code => finish(new Error(`the server exited (${code}); stderr: ${stderr}`)));
        child.stdout.on('data', chunk => {
            buffer = Buffer.concat([buffer, chunk]);
            for (;;) {
                const headerEnd = buffer.indexOf('\r\n\r\n');
                if (headerEnd < 0) {
                    return;
                }
                const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
                if (buffer.length < headerEnd + 4 + length) {
                    return;
                }
                const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
                buffer = buffer.subarray(headerEnd + 4 + length);
                if (message.id !== undefined && pending.has(message.id)) {
                    const { done, fail } = pending.get(message.id);
                    pending.delete(message.id);
                    message.error ? fail(new Error(`${message.error.code} ${message.error.message}`)) : done(message.result);
                } else if (message.method === 'textDocument/publishDiagnostics' && message.params.uri === documentUri && message.params.diagnostics.length > 0) {
                    const codes = message.params.diagnostics.map(diagnostic => diagnostic.code);
                    codes.includes('missing-unit') ? finish() : finish(new Error(`unexpected diagnostics ${JSON.stringify(codes)}`));
                }
            }
        });
        request('initialize', { processId: process.pid, rootUri: pathToFileURL(scratch).href, capabilities: {}, workspaceFolders: null })
            .then(result => {
                if (!result?.capabilities?.textDocumentSync) {
                    throw new Error(`initialize answered without capabilities: ${JSON.stringify(result)}`);
                }
                send({ method: 'initialized', params: {} });
                send({
                    method: 'textDocument/didOpen',
                    params: { textDocument: { uri: documentUri, languageId: 'regelratt', version: 1, text: 'insats hemvård\nnivåtabell t {\n  insats hemvård\n  nivå 4 : 2 037\n}\n' } },
                });
            })
            .catch(error => finish(new Error(`initialize failed: ${error.message}; server stderr: ${stderr}`)));
    });
}
