/**
 * CPU per request of serve.mjs's servers counted by the kernel (`perf stat -e task-clock` on the
 * server's process) over a fixed number of requests, the servers taking turns: a second opinion to
 * serve.mjs's /proc figures when a difference of a few µs per request is in question. Needs `perf`
 * (Linux; perf_event_paranoid ≤ 2 for one's own processes).
 * Usage: node test/bench/serve-perf-stat.mjs [--variants serve-no-request-log,serve] [--requests 15000] [--rounds 2] [--connections 16]
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const variants = option('--variants', 'serve-no-request-log,serve').split(',');
const requests = Number(option('--requests', '15000'));
const rounds = Number(option('--rounds', '2'));
const connections = Number(option('--connections', '16'));
const body = JSON.stringify({ citizen: { aktivitetsförmåga: 'hög', ålder: 70, kognitiv_svikt: false, kan_ta_sig_till_vårdcentral: true, motiverad_till_träning: true, ärendetyp: 'uppföljning' }, level: 4, date: '2021-06-01' });
const load = (port, amount) => autocannon({ url: `http://127.0.0.1:${port}/v1/evaluate`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections, amount });

const servers = new Map();
for (const variant of variants) {
    const child = spawn(process.execPath, [path.join(here, 'serve.mjs'), '--target', variant], { cwd: path.join(here, '../..'), stdio: ['ignore', 'pipe', 'ignore'] });
    const port = await new Promise((resolve, reject) => {
        child.stdout.once('data', chunk => resolve(Number(String(chunk).trim())));
        child.once('exit', code => reject(new Error(`${variant} exited with ${code}`)));
    });
    await load(port, 5000); // warm-up
    servers.set(variant, { child, port });
}
console.log(`Node ${process.version}; ${connections} connections, ${requests} requests per server and round, ${rounds} rounds; perf stat on each server's process\n`);
console.log('| round | server | task-clock µs per request | context switches per request | page faults per request |');
console.log('| ---: | --- | ---: | ---: | ---: |');
for (let round = 1; round <= rounds; round++) {
    for (const [variant, { child, port }] of servers) {
        const perf = spawn('perf', ['stat', '-x', ',', '-e', 'task-clock,context-switches,page-faults', '-p', String(child.pid)], { stdio: ['ignore', 'ignore', 'pipe'] });
        let report = '';
        perf.stderr.on('data', chunk => { report += chunk; });
        await new Promise(resolve => setTimeout(resolve, 300)); // perf attached before the load
        const result = await load(port, requests);
        perf.kill('SIGINT');
        await new Promise(resolve => perf.once('exit', resolve));
        const counts = Object.fromEntries(report.trim().split('\n').map(line => line.split(',')).map(fields => [fields[2], Number(fields[0])]));
        const per = name => counts[name] / result.requests.total;
        console.log(`| ${round} | ${variant} | ${(per('task-clock') * 1000).toFixed(0)} | ${per('context-switches').toFixed(2)} | ${per('page-faults').toFixed(2)} |`);
    }
}
for (const { child } of servers.values()) {
    child.kill();
}
