/**
 * `regelratt diff <before> <after> --register` (the konsekvensanalys) against `eval` on each version
 * of the same NDJSON register, as whole processes in the same run: the impact answers every case with
 * both versions, so two `eval` runs are what it replaces, one `eval` run what it is held to (issue
 * target: at most 1,5× one `eval`).
 * Usage: node test/bench/register-impact.mjs [--cases 1000000]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRegister } from './orebro-register.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repository = path.resolve(here, '../..');
const args = process.argv.slice(2);
const count = Number(args.includes('--cases') ? args[args.indexOf('--cases') + 1] : '1000000');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-impact-'));
try {
    const file = path.join(scratch, 'register.ndjson');
    await writeRegister(file, count);
    const run = (label, command) => {
        const start = performance.now();
        const result = spawnSync('/usr/bin/time', ['-f', '%M', 'bash', '-c', `${command} > /dev/null`], { cwd: repository, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        const ms = performance.now() - start;
        // eval exits 1 when a case lacks a value; diff when an answer changes: both are answers here.
        if (result.status !== 0 && result.status !== 1) throw new Error(`${label}: exit ${result.status}: ${result.stderr.slice(-2000)}`);
        return { label, ms, rss: Number(result.stderr.trim().split('\n').pop()) / 1024 };
    };
    const node = JSON.stringify(process.execPath);
    const cli = `${node} packages/cli/bin/regelratt.js`;
    const results = [
        run('eval, before', `${cli} eval examples/orebro --input "${file}"`),
        run('eval, after', `${cli} eval examples/orebro-revision --input "${file}"`),
        run('diff --register', `${cli} diff examples/orebro examples/orebro-revision --register "${file}" --format json`),
    ];
    console.log(`Node ${process.version}; ${count.toLocaleString('en')} cases, ${(statSync(file).size / 1e6).toFixed(0)} MB of NDJSON; ${availableParallelism()} cores; whole processes\n`);
    console.log('| process | s | cases/s | peak RSS MB | × one eval |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const r of results) {
        console.log(`| ${r.label} | ${(r.ms / 1000).toFixed(2)} | ${Math.round(count / (r.ms / 1000)).toLocaleString('en')} | ${r.rss.toFixed(0)} | ${(r.ms / results[0].ms).toFixed(2)} |`);
    }
} finally {
    rmSync(scratch, { recursive: true, force: true });
}
