/**
 * The evaluation service under load, on loopback, bounded in time. Each server runs in a process of
 * its own (this script started again with --target), so autocannon, in this process, does not share
 * the servers' event loop: a plain node:http server doing the same work (JSON.parse, evaluateCase and each answer's reason,
 * JSON.stringify; ~30 lines) against `regelratt serve`'s Fastify app as the command configures it
 * (logging at info, one line per request, to stderr), then the same app with request logging off and
 * with no logger, and the plain server with the service's exact JSON reader, to see where the cost
 * is; then reloads during load, slow clients, a batch and a 100 MB body against the service.
 * Usage: node test/bench/serve.mjs [--seconds 3] [--rounds 3] [--connections 16] [--before <an older build's packages/cli/dist>]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const TOKEN = 'bench';

if (args.includes('--target')) {
    await serveTarget(option('--target'));
} else {
    await measure();
}

/** One server, in this process: prints its port and answers until killed. */
async function serveTarget(variant) {
    const { evaluateCase } = await import('@regelratt/runtime');
    const { withReasons } = await import('@regelratt/document');
    const { parseArguments } = await import('../../packages/cli/dist/arguments.js');
    const { PolicyHolder } = await import('../../packages/cli/dist/serve/policy-holder.js');
    const holder = new PolicyHolder(['examples/orebro'], parseArguments(['serve', 'examples/orebro']).options, repository);
    const loaded = await holder.reload();
    if (!loaded.ok) throw new Error(loaded.problem);
    let port;
    if (variant.startsWith('plain')) {
        const read = variant === 'plain-exact' ? (await import('../../packages/cli/dist/exact-json.js')).readJson : JSON.parse;
        const plain = http.createServer((request, response) => {
            let data = '';
            request.setEncoding('utf8');
            request.on('data', chunk => { data += chunk; });
            request.on('end', () => {
                const policy = holder.current;
                // The same answer the service gives: each answer with its reason (in Swedish, as without Accept-Language).
                const input = read(data);
                const answer = { ...withReasons(policy.runtime, input, evaluateCase(policy.runtime, input, false), 'sv'), policyVersion: policy.version };
                response.writeHead(200, { 'content-type': 'application/json' });
                response.end(JSON.stringify(answer));
            });
        });
        await new Promise(resolve => plain.listen(0, '127.0.0.1', resolve));
        port = plain.address().port;
    } else {
        const before = variant === 'serve-before' ? option('--before') : undefined;
        const { createServer } = await import(before ? pathToFileURL(path.resolve(repository, before, 'serve/server.js')).href : '../../packages/cli/dist/serve/server.js');
        const options = {
            serve: { log: process.stderr },
            'serve-before': { log: process.stderr },
            'serve-no-request-log': { log: process.stderr, logRequests: 0 },
            'serve-no-logger': {},
        }[variant];
        const app = await createServer(holder, { ...options, reloadToken: TOKEN });
        await app.listen({ port: 0, host: '127.0.0.1' });
        port = app.server.address().port;
    }
    process.stdout.write(`${port}\n`);
    // An orderly exit on kill, so that --cpu-prof (for looking into a variant) writes its profile.
    process.once('SIGTERM', () => process.exit(0));
}

async function start(variant) {
    // Logs go where a service's stderr usually goes when nobody reads it: nowhere, but written.
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--target', variant, ...(option('--before') ? ['--before', option('--before')] : [])], { cwd: repository, stdio: ['ignore', 'pipe', 'ignore'] });
    const port = await new Promise((resolve, reject) => {
        child.stdout.once('data', chunk => resolve(Number(String(chunk).trim())));
        child.once('exit', code => reject(new Error(`${variant} exited with ${code}`)));
    });
    return { url: `http://127.0.0.1:${port}`, port, pid: child.pid, stop: () => child.kill() };
}

/**
 * The CPU time a process has used, in ms (Linux: /proc/<pid>/stat, user and system, in clock ticks of
 * 10 ms); undefined elsewhere. CPU time per request is what a busy machine disturbs least: other
 * processes take turns on the cores, but not the server's own work.
 */
function cpuMs(pid) {
    try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
        return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
        return undefined;
    }
}

async function measure() {
    const { default: autocannon } = await import('autocannon');
    const seconds = Number(option('--seconds', '3'));
    const connections = Number(option('--connections', '16'));
    const body = JSON.stringify({ citizen: { aktivitetsförmåga: 'hög', ålder: 70, kognitiv_svikt: false, kan_ta_sig_till_vårdcentral: true, motiverad_till_träning: true, ärendetyp: 'uppföljning' }, level: 4, date: '2021-06-01' });
    const load = (url, extra = {}) => autocannon({
        url: `${url}/v1/evaluate`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections, duration: seconds, ...extra,
    });
    const rounds = Number(option('--rounds', '3'));
    const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    console.log(`Node ${process.version}; ${connections} connections, loopback, each server in its own process; ${rounds} rounds of ${seconds} s per server, the servers taking turns within each round, each round starting at the next server (the median shown), so a busy moment on the machine falls on all of them alike\n`);
    const variants = [
        ['plain', 'plain node:http, same work (JSON.parse, evaluateCase with reasons, JSON.stringify)'],
        ['plain-exact', 'plain node:http with the exact JSON reader'],
        ['serve-no-logger', 'regelratt serve, no logger'],
        ['serve-no-request-log', 'regelratt serve, --log-requests 0'],
        ['serve', 'regelratt serve as configured (info, one line per request)'],
        // An older build's server (its packages/cli/dist), as configured, in the same rounds: a change's effect within one run.
        ...(option('--before') ? [['serve-before', `regelratt serve as configured, the build in ${option('--before')}`]] : []),
    ];
    const servers = new Map();
    for (const [variant] of variants) {
        const server = await start(variant);
        await load(server.url, { duration: 1 }); // warm-up: the runtime's fast paths and V8's optimisation
        servers.set(variant, { server, results: [] });
    }
    for (let round = 0; round < rounds; round++) {
        // Each round starts at another server, so that no server always runs right after the same one
        // (a place in the order that a busy machine or the client's own state favours or not).
        for (const [variant] of [...variants.slice(round % variants.length), ...variants.slice(0, round % variants.length)]) {
            const { server, results } = servers.get(variant);
            const before = cpuMs(server.pid);
            const result = await load(server.url);
            const after = cpuMs(server.pid);
            results.push({ ...result, cpuPerRequest: before === undefined ? undefined : ((after - before) * 1000) / result.requests.total });
        }
    }
    const summary = results => ({
        rps: median(results.map(r => r.requests.average)), p50: median(results.map(r => r.latency.p50)), p99: median(results.map(r => r.latency.p99)),
        non2xx: results.reduce((n, r) => n + r.non2xx, 0), errors: results.reduce((n, r) => n + r.errors, 0),
        cpu: results[0].cpuPerRequest === undefined ? undefined : median(results.map(r => r.cpuPerRequest)),
    });
    // The spread: each round's ratio to the plain server's run in the same round (the servers take
    // turns, so a round's runs are seconds apart), lowest–highest over the rounds.
    const spread = (results, baseline, of) => {
        const ratios = results.map((r, i) => of(r, baseline[i])).filter(Number.isFinite);
        return ratios.length < 2 ? '' : ` (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})`;
    };
    // Throughput a CPU-bound server would have is the inverse of its CPU time per request: the last column.
    const row = (label, r, baseline, spreads = { rps: '', cpu: '' }) => `| ${label} | ${Math.round(r.rps).toLocaleString('en')} | ${(r.rps / (baseline ?? r).rps).toFixed(2)}${spreads.rps} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} | ${r.cpu === undefined ? '–' : r.cpu.toFixed(0)} | ${r.cpu === undefined || baseline?.cpu === undefined ? '–' : (baseline.cpu / r.cpu).toFixed(2)}${spreads.cpu} |`;
    console.log('| server | requests/s | × plain (spread over rounds) | p50 ms | p99 ms | non-2xx | errors | CPU µs per request | × plain, by CPU (spread) |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    const plainResults = servers.get('plain').results;
    const baseline = summary(plainResults);
    for (const [variant, label] of variants) {
        const results = servers.get(variant).results;
        console.log(row(label, summary(results), baseline, {
            rps: spread(results, plainResults, (r, p) => r.requests.average / p.requests.average),
            cpu: spread(results, plainResults, (r, p) => p.cpuPerRequest / r.cpuPerRequest),
        }));
        if (variant !== 'serve') {
            servers.get(variant).server.stop();
        }
    }
    const service = servers.get('serve').server;
    const once = async (label, result) => console.log(row(label, summary([result]), baseline));
    // One reload at a time, 250 ms apart: reloads queued behind a slow compile would go on compiling
    // after the run and load the next one.
    let reloads = 0;
    let reloading = true;
    const reloader = (async () => {
        while (reloading) {
            const response = await fetch(`${service.url}/admin/reload`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
            reloads += response.ok ? 1 : 0;
            await new Promise(resolve => setTimeout(resolve, 250));
        }
    })();
    const during = await load(service.url);
    reloading = false;
    await reloader;
    await once(`regelratt serve, ${reloads} reloads (each compiling the sources) during the run`, during);
    // Slow clients: 50 connections that send a request's headers and then a byte of body a second, as a
    // slow or hostile client would; the service must go on answering the others.
    const slow = [];
    for (let i = 0; i < 50; i++) {
        const socket = net.connect(service.port, '127.0.0.1');
        socket.on('error', () => undefined);
        socket.write('POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{');
        slow.push(socket);
    }
    const trickle = setInterval(() => slow.forEach(socket => socket.write(' ')), 1000);
    const withSlow = await load(service.url);
    clearInterval(trickle);
    slow.forEach(socket => socket.destroy());
    await once('regelratt serve, 50 slow clients holding connections', withSlow);

    const cases = 50_000;
    const ndjson = `${Array.from({ length: cases }, (_, i) => JSON.stringify({ id: i, citizen: { aktivitetsförmåga: i % 3 ? 'hög' : 'nedsatt', ålder: 20 + (i % 80) }, level: i % 24, date: '2021-06-01' })).join('\n')}\n`;
    let begun = performance.now();
    const batch = await fetch(`${service.url}/v1/evaluate/batch`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: ndjson });
    const lines = (await batch.text()).trim().split('\n').length;
    const batchMs = performance.now() - begun;
    console.log(`\nBatch: ${lines.toLocaleString('en')} cases (${(ndjson.length / 1e6).toFixed(1)} MB) in ${batchMs.toFixed(0)} ms: ${Math.round(lines / (batchMs / 1000)).toLocaleString('en')} cases/s`);
    begun = performance.now();
    const huge = await fetch(`${service.url}/v1/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"citizen":{"x":"${'x'.repeat(100 * 1024 * 1024)}"}}` }).catch(error => ({ status: `connection closed (${error.cause?.code ?? error.message})` }));
    console.log(`100 MB body: ${huge.status} in ${(performance.now() - begun).toFixed(0)} ms; the service still answers: ${(await fetch(`${service.url}/health`)).status}`);
    service.stop();
}
