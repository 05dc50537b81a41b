/**
 * `npm run bench`: times `regelratt check` and `regelratt compile` as whole processes (what a user
 * waits for) on the examples and on generated policies, each as a median of several runs and as a
 * ratio to `node -e 0` measured in the same run, so figures from different machines compare.
 * Usage: node test/bench/run.mjs [--runs N] [--lines 10000,100000]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePolicy } from './generate-policy.mjs';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = Number(option('--runs', '5'));
const sizes = option('--lines', '10000').split(',').map(Number);

// GNU time reports peak memory; without it (Debian package `time`) the column says n/a.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

function time(command, commandArgs, expectCode) {
    const samples = [];
    let peakKb = 0;
    for (let i = 0; i < runs; i++) {
        const start = process.hrtime.bigint();
        const result = gnuTime
            ? spawnSync(gnuTime, ['-f', '%M', command, ...commandArgs], { cwd: repository, encoding: 'utf8' })
            : spawnSync(command, commandArgs, { cwd: repository, encoding: 'utf8' });
        const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
        if (result.status !== expectCode) {
            throw new Error(`${commandArgs.join(' ')} exited ${result.status}: ${result.stderr}`);
        }
        samples.push(elapsed);
        const kb = gnuTime ? Number(result.stderr.trim().split('\n').pop()) : NaN;
        peakKb = Number.isFinite(kb) ? Math.max(peakKb, kb) : peakKb;
    }
    samples.sort((a, b) => a - b);
    return { median: samples[Math.floor(samples.length / 2)], peakMb: gnuTime ? peakKb / 1024 : NaN };
}

const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-bench-'));
try {
    const cases = [
        ['examples/orebro (13 files)', 'examples/orebro'],
        ['examples/eskilstuna', 'examples/eskilstuna'],
        ['examples/uppsala', 'examples/uppsala'],
    ];
    for (const lines of sizes) {
        const folder = path.join(scratch, `generated-${lines}`);
        mkdirSync(folder);
        writeFileSync(path.join(folder, 'policy.regel'), generatePolicy(lines));
        cases.push([`generated, ${lines.toLocaleString('en')} lines in one file`, folder]);
    }
    const baseline = time(process.execPath, ['-e', '0'], 0);
    console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; median of ${runs} runs`);
    console.log(`node -e 0: ${baseline.median.toFixed(0)} ms\n`);
    console.log('| input | check ms | × node -e 0 | compile ms | × node -e 0 | peak RSS MB |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const [label, input] of cases) {
        const check = time(process.execPath, [bin, 'check', input], 0);
        const compile = time(process.execPath, [bin, 'compile', input, '-o', path.join(scratch, 'out')], 0);
        console.log(`| ${label} | ${check.median.toFixed(0)} | ${(check.median / baseline.median).toFixed(1)} | ${compile.median.toFixed(0)} | ${(compile.median / baseline.median).toFixed(1)} | ${gnuTime ? Math.max(check.peakMb, compile.peakMb).toFixed(0) : 'n/a'} |`);
    }
} finally {
    rmSync(scratch, { recursive: true, force: true });
}
