/**
 * Start-up, before and after a change, interleaved: each round runs `check examples/orebro` with the
 * old command, with the new one and `node -e 0`, so a busy moment of the machine hits all three alike
 * (separate runs minutes apart differed by more than the change). Prints the medians per Node.
 * Keep the old build first: copy packages/cli/dist/regelratt.bundle.mjs beside itself under another
 * name and point a copy of bin/regelratt.js at it.
 * Usage: node test/bench/startup-ab.mjs --before <bin> [--after packages/cli/bin/regelratt.js] [--runs 21] [--nodes node,node_modules/.bin/node]
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const before = option('--before', undefined);
const after = option('--after', 'packages/cli/bin/regelratt.js');
const runs = Number(option('--runs', '21'));
const nodes = option('--nodes', `${process.execPath},node_modules/.bin/node`).split(',');
if (!before) {
    console.error('--before <bin> is required (see the comment at the top of this file)');
    process.exit(2);
}

const timed = (node, commandArgs) => {
    const start = process.hrtime.bigint();
    spawnSync(node, commandArgs, { cwd: repository, stdio: 'ignore' });
    return Number(process.hrtime.bigint() - start) / 1e6;
};
const median = samples => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)];

for (const node of nodes) {
    const samples = { before: [], after: [], base: [] };
    for (let round = 0; round < runs; round++) {
        samples.before.push(timed(node, [before, 'check', 'examples/orebro']));
        samples.after.push(timed(node, [after, 'check', 'examples/orebro']));
        samples.base.push(timed(node, ['-e', '0']));
    }
    const version = spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();
    const [b, a, base] = [median(samples.before), median(samples.after), median(samples.base)];
    console.log(`${version}: node -e 0 ${base.toFixed(0)} ms; check examples/orebro before ${b.toFixed(0)} ms (${(b / base).toFixed(1)}×), after ${a.toFixed(0)} ms (${(a / base).toFixed(1)}×): ${(100 * (a - b) / b).toFixed(0)} %`);
}
