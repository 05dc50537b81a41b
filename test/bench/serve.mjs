/**
 * The evaluation service under load, on loopback, bounded in time: `regelratt serve`'s Fastify app
 * (in this process) against a plain node:http server doing the same work (parse, evaluateCase,
 * serialise) — the framework's cost as a ratio in the same run — then a batch, reloads during load,
 * and a 100 MB body. Usage: node test/bench/serve.mjs [--seconds 5]
 */
import http from 'node:http';
import net from 'node:net';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { evaluateCase } from '@regelratt/runtime';
import { parseArguments } from '../../packages/cli/dist/arguments.js';
import { PolicyHolder } from '../../packages/cli/dist/serve/policy-holder.js';
import { createServer } from '../../packages/cli/dist/serve/server.js';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const seconds = Number(args.includes('--seconds') ? args[args.indexOf('--seconds') + 1] : '5');
const holder = new PolicyHolder(['examples/orebro'], parseArguments(['serve', 'examples/orebro']).options, repository);
const loaded = await holder.reload();
if (!loaded.ok) throw new Error(loaded.problem);
const body = JSON.stringify({ citizen: { aktivitetsförmåga: 'hög', ålder: 70, kognitiv_svikt: false, kan_ta_sig_till_vårdcentral: true, motiverad_till_träning: true, ärendetyp: 'uppföljning' }, level: 4, date: '2021-06-01' });

const app = await createServer(holder, {});
await app.listen({ port: 0, host: '127.0.0.1' });
const fastifyUrl = `http://127.0.0.1:${app.server.address().port}`;
const plain = http.createServer((request, response) => {
    let data = '';
    request.setEncoding('utf8');
    request.on('data', chunk => { data += chunk; });
    request.on('end', () => {
        const policy = holder.current;
        const answer = { ...evaluateCase(policy.runtime, JSON.parse(data), false), policyVersion: policy.version };
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer));
    });
});
await new Promise(resolve => plain.listen(0, '127.0.0.1', resolve));
const plainUrl = `http://127.0.0.1:${plain.address().port}`;

const load = (url, extra = {}) => autocannon({
    url: `${url}/v1/evaluate`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections: 10, duration: seconds, ...extra,
});
const row = (label, r) => `| ${label} | ${Math.round(r.requests.average).toLocaleString('en')} | ${r.latency.p50} | ${r.latency.p99} | ${r.non2xx} | ${r.errors} |`;
console.log(`Node ${process.version}; ${seconds} s per run, 10 connections, loopback\n`);
console.log('| server | requests/s | p50 ms | p99 ms | non-2xx | errors |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
const baseline = await load(plainUrl);
console.log(row('plain node:http, same work', baseline));
const fastify = await load(fastifyUrl);
console.log(row('regelratt serve (Fastify)', fastify));
let reloads = 0;
const reloading = setInterval(() => { void holder.reload().then(r => { if (r.ok) reloads++; }); }, 250);
const during = await load(fastifyUrl);
clearInterval(reloading);
console.log(row(`regelratt serve, ${reloads} reloads during the run`, during));
// Slow clients: 50 connections that send a request's headers and then a byte of body a second, as a
// slow or hostile client would; the service must go on answering the others.
const slow = [];
for (let i = 0; i < 50; i++) {
    const socket = net.connect(app.server.address().port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write(`POST /v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`);
    slow.push(socket);
}
const trickle = setInterval(() => slow.forEach(socket => socket.write(' ')), 1000);
const withSlow = await load(fastifyUrl);
clearInterval(trickle);
slow.forEach(socket => socket.destroy());
console.log(row('regelratt serve, 50 slow clients holding connections', withSlow));
console.log(`\nFastify / plain throughput: ${(fastify.requests.average / baseline.requests.average).toFixed(2)}`);

const cases = 50_000;
const ndjson = `${Array.from({ length: cases }, (_, i) => JSON.stringify({ id: i, citizen: { aktivitetsförmåga: i % 3 ? 'hög' : 'nedsatt', ålder: 20 + (i % 80) }, level: i % 24, date: '2021-06-01' })).join('\n')}\n`;
let start = performance.now();
const batch = await fetch(`${fastifyUrl}/v1/evaluate/batch`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: ndjson });
const lines = (await batch.text()).trim().split('\n').length;
const batchMs = performance.now() - start;
console.log(`Batch: ${lines.toLocaleString('en')} cases (${(ndjson.length / 1e6).toFixed(1)} MB) in ${batchMs.toFixed(0)} ms: ${Math.round(lines / (batchMs / 1000)).toLocaleString('en')} cases/s`);

start = performance.now();
const huge = await fetch(`${fastifyUrl}/v1/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"citizen":{"x":"${'x'.repeat(100 * 1024 * 1024)}"}}` }).catch(error => ({ status: `connection closed (${error.cause?.code ?? error.message})` }));
console.log(`100 MB body: ${huge.status} in ${(performance.now() - start).toFixed(0)} ms; the service still answers: ${(await fetch(`${fastifyUrl}/health`)).status}`);
await app.close();
plain.close();
