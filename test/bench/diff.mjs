/**
 * `regelratt diff` end to end, as whole processes, on the example revisions: examples/orebro →
 * examples/orebro-revision and examples/habo → Habo's 2017 revision (habo-revision.mjs). Builds of the
 * command line take turns within each round (so a change in the machine's load falls on all of them
 * alike), and each run's CPU time (user + sys, from GNU time) is the figure: on a machine shared with
 * other work, wall time says more about the others than about the diff. Ratios are against the
 * first build named, measured in the same run.
 *
 * Usage: node test/bench/diff.mjs [--rounds 5] [--build name=<path to a regelratt.js>]… [--format json]
 *   Without --build: this checkout's build alone. Each --build adds one (the first is the baseline);
 *   `this` names this checkout's. The JSON of each diff must be the same for every build whose
 *   name is listed in --same (default: all but the baseline, which may be a build that sampled).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeHaboRevision } from './habo-revision.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repository = path.resolve(here, '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const rounds = Number(option('--rounds', '5'));
const builds = [];
args.forEach((arg, i) => {
    if (arg === '--build') {
        const [name, bin] = args[i + 1].split('=');
        builds.push({ name, bin: name === 'this' && !bin ? path.join(repository, 'packages/cli/bin/regelratt.js') : path.resolve(bin) });
    }
});
if (builds.length === 0) {
    builds.push({ name: 'this', bin: path.join(repository, 'packages/cli/bin/regelratt.js') });
}
const same = option('--same', builds.slice(builds.length > 1 ? 1 : 0).map(b => b.name).join(',')).split(',');

const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-diff-bench-'));
try {
    const haboRevision = writeHaboRevision(path.join(scratch, 'habo-revision'));
    const pairs = [
        { label: 'examples/orebro → examples/orebro-revision', before: 'examples/orebro', after: 'examples/orebro-revision' },
        { label: 'examples/habo → Habo revision (habo-revision.mjs)', before: 'examples/habo', after: haboRevision },
    ];
    const times = new Map();
    const outputs = new Map();
    const load = [];
    const run = (build, pair) => {
        const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', process.execPath, build.bin, 'diff', pair.before, pair.after, '--format', 'json'],
            { cwd: repository, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
        // diff exits 1 when answers change: an answer here.
        if (result.status !== 0 && result.status !== 1) {
            throw new Error(`${build.name}, ${pair.label}: exit ${result.status}: ${result.stderr.slice(-2000)}`);
        }
        const [wall, user, sys, kb] = result.stderr.trim().split('\n').pop().split(' ').map(Number);
        const key = `${build.name}\u0000${pair.label}`;
        if (!times.has(key)) {
            times.set(key, []);
        }
        times.get(key).push({ cpu: user + sys, wall, rss: kb / 1024 });
        outputs.set(key, result.stdout);
    };
    for (let round = 0; round < rounds; round++) {
        load.push(loadavg()[0]);
        for (const pair of pairs) {
            // A different build first in each round, so none always meets a cold file cache.
            for (let i = 0; i < builds.length; i++) {
                run(builds[(i + round) % builds.length], pair);
            }
        }
    }
    const median = list => {
        const sorted = [...list].sort((a, b) => a - b);
        return sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    };
    const comma = (n, digits = 2) => n.toFixed(digits).replace('.', ',');
    console.log(`Node ${process.version}; ${availableParallelism()} cores (${cpus()[0]?.model.trim()}); ${rounds} rounds; load average ${comma(Math.min(...load), 1)}–${comma(Math.max(...load), 1)} at the rounds' starts\n`);
    console.log(`| diff | build | CPU s, user + sys: median (spread) | × ${builds[0].name} | wall s, median | peak RSS MB |`);
    console.log('| --- | --- | ---: | ---: | ---: | ---: |');
    for (const pair of pairs) {
        const base = median(times.get(`${builds[0].name}\u0000${pair.label}`).map(t => t.cpu));
        for (const build of builds) {
            const list = times.get(`${build.name}\u0000${pair.label}`);
            const cpu = list.map(t => t.cpu);
            console.log(`| ${pair.label} | ${build.name} | ${comma(median(cpu))} (${comma(Math.min(...cpu))}–${comma(Math.max(...cpu))}) | ${comma(median(cpu) / base)} | ${comma(median(list.map(t => t.wall)), 1)} | ${median(list.map(t => t.rss)).toFixed(0)} |`);
        }
    }
    const compared = builds.filter(b => same.includes(b.name));
    for (const pair of pairs) {
        const texts = compared.map(b => outputs.get(`${b.name}\u0000${pair.label}`));
        if (texts.some(text => text !== texts[0])) {
            console.log(`\nDIFFERENT ANSWERS: the JSON of ${pair.label} differs between ${compared.map(b => b.name).join(', ')}`);
            process.exitCode = 1;
        }
    }
    if (!process.exitCode && compared.length > 1) {
        console.log(`\nThe JSON of each diff is byte-identical between ${compared.map(b => b.name).join(', ')}.`);
    }
} finally {
    rmSync(scratch, { recursive: true, force: true });
}
