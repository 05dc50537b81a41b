/**
 * `regelratt eval` on a register against the plain loop a consuming system might write
 * (readline-baseline.mjs: readline, JSON.parse, a hand-written function, JSON.stringify, write),
 * both as whole processes on the same NDJSON file in the same run, output to a file.
 * Usage: node test/bench/eval-register.mjs [--cases 1000000]
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
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-eval-'));
try {
    const file = path.join(scratch, 'register.ndjson');
    await writeRegister(file, count);
    const run = (label, command) => {
        const target = path.join(scratch, `${label}.out`);
        const start = performance.now();
        const result = spawnSync('/usr/bin/time', ['-f', '%M', 'bash', '-c', `${command} > "${target}"`], { cwd: repository, encoding: 'utf8' });
        const ms = performance.now() - start;
        // Counted by wc: a million answers are more text than one JS string may hold.
        const lines = Number(spawnSync('wc', ['-l', target], { encoding: 'utf8' }).stdout.trim().split(/\s+/)[0]);
        return { label, ms, lines, rss: Number(result.stderr.trim().split('\n').pop()) / 1024, status: result.status };
    };
    const node = JSON.stringify(process.execPath);
    const results = [
        run('readline-baseline', `${node} test/bench/readline-baseline.mjs "${file}"`),
        run('regelratt-eval', `${node} packages/cli/bin/regelratt.js eval examples/orebro --input "${file}"`),
    ];
    console.log(`Node ${process.version}; ${count.toLocaleString('en')} cases, ${(statSync(file).size / 1e6).toFixed(0)} MB of NDJSON; ${availableParallelism()} cores; whole processes, output to a file\n`);
    console.log('| process | s | cases/s | peak RSS MB | × baseline time |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const r of results) {
        if (r.lines !== count) throw new Error(`${r.label}: ${r.lines} answers for ${count} cases (exit ${r.status})`);
        console.log(`| ${r.label} | ${(r.ms / 1000).toFixed(2)} | ${Math.round(count / (r.ms / 1000)).toLocaleString('en')} | ${r.rss.toFixed(0)} | ${(r.ms / results[0].ms).toFixed(2)} |`);
    }
} finally {
    rmSync(scratch, { recursive: true, force: true });
}
