/**
 * Runs fuzzer families (`node test/fuzz/fuzz.mjs --family cli,lsp --count 20 --seed 1`, or
 * `--family all`): each family module under test/fuzz/families/ exports `createFamily({ random,
 * pick, below })` returning `generate(index)`, `run(input)` (a failure as 'kind — details', or
 * undefined), `shrink(input)` (smaller candidates) and optionally `setup()` and `teardown()`. Each
 * family gets its own random source from the seed, so a family's inputs do not depend on which
 * others run. The first input of each kind of failure is minimised and saved to test/fuzz/found/.
 * With `--replay <folder>`, each saved `<family>-<n>/input.json` below it is run again instead.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { kind, minimise, saveFailure, seededRandom } from './harness.mjs';

export const FAMILIES = ['cli', 'workspace', 'lsp', 'serve', 'eval', 'compiled', 'scale', 'unicode'];

export async function runFamilies(names, { count, seed, quiet, replay }) {
    const chosen = names === 'all' ? FAMILIES : names.split(',');
    let failed = 0;
    for (const name of chosen) {
        if (!FAMILIES.includes(name)) {
            console.error(`no fuzzer family '${name}' (there are ${FAMILIES.join(', ')})`);
            return 2;
        }
        const { createFamily } = await import(`./families/${name}.mjs`);
        const family = createFamily(seededRandom(seed));
        if (replay) {
            failed += await replayFailures(name, family, replay);
            continue;
        }
        const started = performance.now();
        const failures = new Map();
        let slowest = 0;
        await family.setup?.();
        try {
            for (let index = 0; index < count; index++) {
                const input = family.generate(index);
                const t = performance.now();
                const failure = await family.run(input);
                slowest = Math.max(slowest, performance.now() - t);
                if (failure && !failures.has(kind(failure))) {
                    const smaller = await minimise(family, input, failure);
                    const folder = saveFailure(name, failures.size + 1, failure, smaller);
                    failures.set(kind(failure), failure);
                    console.log(`FAIL ${name} #${index}: ${failure}\n  saved in ${folder}`);
                } else if (failure && !quiet) {
                    console.log(`     ${name} #${index} again: ${kind(failure)}`);
                }
            }
        } finally {
            await family.teardown?.();
        }
        const seconds = (performance.now() - started) / 1000;
        console.log(`fuzz ${name}: ${count} inputs in ${seconds.toFixed(1)} s, slowest ${slowest.toFixed(0)} ms; ${failures.size} kinds of failure`);
        failed += failures.size;
    }
    return failed > 0 ? 1 : 0;
}

/** Runs each saved input of the family again; the number that still fail. */
async function replayFailures(name, family, folder) {
    const saved = readdirSync(folder).filter(entry => entry.startsWith(`${name}-`) && existsSync(path.join(folder, entry, 'input.json'))).sort();
    let failed = 0;
    await family.setup?.();
    try {
        for (const entry of saved) {
            const failure = await family.run(JSON.parse(readFileSync(path.join(folder, entry, 'input.json'), 'utf8')));
            console.log(`${failure ? 'FAIL' : 'ok  '} ${entry}${failure ? `: ${failure}` : ''}`);
            failed += failure ? 1 : 0;
        }
    } finally {
        await family.teardown?.();
    }
    console.log(`replay ${name}: ${saved.length - failed} passed, ${failed} failed`);
    return failed;
}
