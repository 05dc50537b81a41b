/**
 * Start-up, or a check's work beyond start-up, before and after a change, interleaved: each round runs
 * `check <input>` with the old command and with the new one, `check` of a one-line policy with both
 * (start-up and nothing else) and `node -e 0`, so a busy moment of the machine hits all of them alike
 * (separate runs minutes apart differed by more than the change). Prints medians per Node: the
 * whole check as a ratio to `node -e 0`, and the work beyond start-up (the check's median less the
 * one-line check's), which is what the "≤ 0.5 s beyond start-up" for a 10 000-line file means.
 * Keep the old build first: a worktree of the older commit with its own `npm run build` (or its
 * packages/cli/dist), and pass its bin/regelratt.js.
 * With --instructions, each command runs under valgrind's callgrind instead (--runs times, default
 * 1) and the figures are instructions executed, not milliseconds: the same for the same binary and
 * input whatever else the machine is doing (within about 1 %: V8 compiles on background threads),
 * where wall-clock medians on this shared machine moved by 15 % within the hour.
 * Usage: node test/bench/startup-ab.mjs --before <bin> [--after packages/cli/bin/regelratt.js]
 *        [--input examples/orebro | --lines 10000] [--runs 21] [--nodes node,node_modules/.bin/node]
 *        [--instructions]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePolicy } from './generate-policy.mjs';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const before = option('--before', undefined);
const after = option('--after', 'packages/cli/bin/regelratt.js');
const instructions = args.includes('--instructions');
const runs = Number(option('--runs', instructions ? '1' : '21'));
const nodes = option('--nodes', `${process.execPath},node_modules/.bin/node`).split(',');
if (!before) {
    console.error('--before <bin> is required (see the comment at the top of this file)');
    process.exit(2);
}

const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-startup-ab-'));
const lines = option('--lines', undefined);
let input = option('--input', 'examples/orebro');
if (lines) {
    input = path.join(scratch, `generated-${lines}.regel`);
    writeFileSync(input, generatePolicy(Number(lines)));
}
const oneLine = path.join(scratch, 'one-line.regel');
writeFileSync(oneLine, 'lag SoL "Socialtjänstlagen (2001:453)"\n');

const measured = (node, commandArgs) => {
    if (instructions) {
        // callgrind's own summary on stderr: "Collected : <instructions>".
        const run = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', node, ...commandArgs], { cwd: repository, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
        const collected = /Collected : (\d+)/.exec(run.stderr ?? '');
        if (!collected) {
            console.error(`valgrind did not run (${run.error?.message ?? run.stderr?.slice(-300)}); install Debian's valgrind`);
            process.exit(1);
        }
        return Number(collected[1]) / 1e6;
    }
    const start = process.hrtime.bigint();
    spawnSync(node, commandArgs, { cwd: repository, stdio: 'ignore' });
    return Number(process.hrtime.bigint() - start) / 1e6;
};
const unit = instructions ? 'M instructions' : 'ms';
const median = samples => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

for (const node of nodes) {
    const samples = { before: [], after: [], beforeStart: [], afterStart: [], base: [] };
    // Once each first, unmeasured: each build writes its code cache on its first run.
    for (const bin of [before, after]) {
        spawnSync(node, [bin, 'check', input], { cwd: repository, stdio: 'ignore' });
        spawnSync(node, [bin, 'check', oneLine], { cwd: repository, stdio: 'ignore' });
    }
    for (let round = 0; round < runs; round++) {
        samples.before.push(measured(node, [before, 'check', input]));
        samples.after.push(measured(node, [after, 'check', input]));
        samples.beforeStart.push(measured(node, [before, 'check', oneLine]));
        samples.afterStart.push(measured(node, [after, 'check', oneLine]));
        samples.base.push(measured(node, ['-e', '0']));
    }
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    const [b, a, bs, as, base] = [samples.before, samples.after, samples.beforeStart, samples.afterStart, samples.base].map(median);
    const shown = lines ? `${lines} generated lines` : input;
    console.log(`${version}: node -e 0 ${base.toFixed(0)} ${unit}; check ${shown} before ${b.toFixed(0)} ${unit} (${(b / base).toFixed(1)}×), after ${a.toFixed(0)} ${unit} (${(a / base).toFixed(1)}×): ${(100 * (a - b) / b).toFixed(1)} %`);
    console.log(`  beyond start-up (less a one-line check: ${bs.toFixed(0)} / ${as.toFixed(0)} ${unit}): before ${(b - bs).toFixed(0)} ${unit}, after ${(a - as).toFixed(0)} ${unit}: ${(100 * ((a - as) - (b - bs)) / (b - bs)).toFixed(1)} %`);
}
rmSync(scratch, { recursive: true, force: true });
