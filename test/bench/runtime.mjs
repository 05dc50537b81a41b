/**
 * Runtime throughput on a synthetic register of Örebro cases, against a hand-written function that
 * implements the same Örebro rules directly (the baseline a consuming system might write instead).
 * Both get the same parsed cases, validate the same inputs and build the same answers.
 * Usage: node test/bench/runtime.mjs [--cases 1000000] [--rounds 9] [--cli]
 *   --cli also streams the register through `regelratt eval` as NDJSON (parse, answer, serialise).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PolicyRuntime, evaluateCase } from '@regelratt/runtime';
import { compiledExampleSet } from './example-set.mjs';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const count = Number(args.includes('--cases') ? args[args.indexOf('--cases') + 1] : '1000000');

import { baseline, register, setRates, writeRegister } from './orebro-register.mjs';
import { measureInterleaved } from './timing.mjs';

// ---------------------------------------------------------------- the runtime
async function orebroRuntime() {
    return new PolicyRuntime(await compiledExampleSet(path.join(repository, 'examples/orebro')));
}

const runtime = await orebroRuntime();
const cases = [...register(count)];
// Örebro's rates on the register's date, as a hand-written system would have them configured.
setRates(evaluateCase(runtime, cases[0]).rates ?? []);
// The two must agree on every case before their speed means anything.
for (const c of cases.slice(0, 50000)) {
    const a = baseline(c);
    const b = evaluateCase(runtime, c);
    if (a.placements[0].pathway !== b.placements[0].pathway || a.inclusions[0].included !== b.inclusions[0].included
        || a.inclusions[1].included !== b.inclusions[1].included || JSON.stringify(a.compensation) !== JSON.stringify(b.compensation)
        || JSON.stringify(a.fees) !== JSON.stringify(b.fees) || JSON.stringify(a.rates) !== JSON.stringify(b.rates)) {
        throw new Error(`runtime and baseline disagree on case ${c.id}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
    }
}
const rounds = Number(args.includes('--rounds') ? args[args.indexOf('--rounds') + 1] : '9');
// The answers are weighed by how many pilots include the citizen, so the two must agree on the register.
const results = measureInterleaved([
    ['hand-written baseline', baseline],
    ['runtime (evaluateCase)', c => evaluateCase(runtime, c)],
], cases, { rounds, weigh: answer => (answer.inclusions[0].included ? 1 : 0) + (answer.inclusions[1].included ? 2 : 0), warmup: 20000 });
console.log(`Node ${process.version}; ${count.toLocaleString('en')} cases in memory; fastest of ${rounds} interleaved passes each; agreement checked on the first 50 000\n`);
console.log('| evaluator | cases/s | ms | × baseline time |');
console.log('| --- | ---: | ---: | ---: |');
for (const r of results) {
    console.log(`| ${r.label} | ${Math.round(r.perSecond).toLocaleString('en')} | ${r.ms.toFixed(0)} | ${(r.ms / results[0].ms).toFixed(2)} |`);
}
console.log(`\npeak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

if (args.includes('--cli')) {
    const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-register-'));
    try {
        const file = path.join(scratch, 'register.ndjson');
        await writeRegister(file, count);
        const start = performance.now();
        const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(repository, 'packages/cli/bin/regelratt.js'), 'eval', 'examples/orebro', '--input', file],
            { cwd: repository, encoding: 'utf8', maxBuffer: 4 * 1024 ** 3 });
        const ms = performance.now() - start;
        const lines = result.stdout.split('\n').filter(Boolean).length;
        const rss = Number(result.stderr.trim().split('\n').pop());
        console.log(`\nregelratt eval on the register as NDJSON: ${lines.toLocaleString('en')} answers in ${(ms / 1000).toFixed(1)} s = ${Math.round(lines / (ms / 1000)).toLocaleString('en')} cases/s (whole process, JSON in and out), peak RSS ${(rss / 1024).toFixed(0)} MB`);
    } finally {
        rmSync(scratch, { recursive: true, force: true });
    }
}
