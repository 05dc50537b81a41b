/**
 * Runs fuzzer families (`node test/fuzz/fuzz.mjs --family cli,lsp --count 20 --seed 1`, or
 * `--family all`): each family module under test/fuzz/families/ exports `createFamily({ random,
 * pick, below })` returning `generate(index)`, `run(input)` (a failure as 'kind — details', or
 * undefined), `shrink(input)` (smaller candidates) and optionally `setup()` and `teardown()`. Each
 * family gets its own random source from the seed, so a family's inputs do not depend on which
 * others run. The first input of each kind of failure is minimised and saved to test/fuzz/found/.
 * With `--replay <folder>`, each saved `<family>-<n>/input.json` below it is run again instead.
 * An input that passes a time limit is run once more with every limit RETRY_PATIENCE times longer
 * (harness.mjs) before it counts as a failure; the summary line counts those retries.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { kind, minimise, RETRY_PATIENCE, saveFailure, seededRandom, timeLimitsPassedSoFar, withPatience } from './harness.mjs';

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
        failed += (await runFamily(name, family, { count, quiet })).failures.size;
    }
    return failed > 0 ? 1 : 0;
}

/**
 * Runs `count` generated inputs of one family, minimising and saving the first of each kind of
 * failure, and prints its summary line: `fuzz <name>: <count> inputs in … s, slowest … ms; <n> kinds
 * of failure; <r> watchdog retries (<p> passed with 4× the time)`. Returns the failures by kind and
 * the retries.
 */
export async function runFamily(name, family, { count, quiet = false }) {
    const started = performance.now();
    const failures = new Map();
    const retries = [];
    const retrying = { ...family, run: input => runInput(family, input, retries) };
    let slowest = 0;
    await family.setup?.();
    try {
        for (let index = 0; index < count; index++) {
            const input = family.generate(index);
            const t = performance.now();
            const failure = await retrying.run(input);
            slowest = Math.max(slowest, performance.now() - t);
            if (failure && !failures.has(kind(failure))) {
                const smaller = await minimise(retrying, input, failure);
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
    const passedOnRetry = retries.filter(retry => retry.again === undefined).length;
    for (const retry of retries) {
        console.log(`     ${name}: retried with ${RETRY_PATIENCE}× the time after "${retry.first}": ${retry.again ?? 'passed'}`);
    }
    console.log(`fuzz ${name}: ${count} inputs in ${seconds.toFixed(1)} s, slowest ${slowest.toFixed(0)} ms; ${failures.size} kinds of failure; `
        + `${retries.length} watchdog ${retries.length === 1 ? 'retry' : 'retries'} (${passedOnRetry} passed with ${RETRY_PATIENCE}× the time)`);
    return { failures, retries };
}

/**
 * Runs one input; where it passed a time limit (a watchdog, a request without an answer), runs it
 * once more with every time limit RETRY_PATIENCE times longer and returns that run's failure, so a
 * loaded machine does not report a hang that a real one still shows. Each retry is added to `retries`
 * as `{ first, again }` (`again` undefined when it passed).
 */
export async function runInput(family, input, retries) {
    const passedBefore = timeLimitsPassedSoFar();
    const failure = await family.run(input);
    if (!failure || timeLimitsPassedSoFar() === passedBefore) {
        return failure;
    }
    const again = await withPatience(RETRY_PATIENCE, () => family.run(input));
    retries.push({ first: failure, again });
    return again;
}

/** Runs each saved input of the family again; the number that still fail. */
async function replayFailures(name, family, folder) {
    const saved = readdirSync(folder).filter(entry => entry.startsWith(`${name}-`) && existsSync(path.join(folder, entry, 'input.json'))).sort();
    let failed = 0;
    const retries = [];
    await family.setup?.();
    try {
        for (const entry of saved) {
            const failure = await runInput(family, JSON.parse(readFileSync(path.join(folder, entry, 'input.json'), 'utf8')), retries);
            console.log(`${failure ? 'FAIL' : 'ok  '} ${entry}${failure ? `: ${failure}` : ''}`);
            failed += failure ? 1 : 0;
        }
    } finally {
        await family.teardown?.();
    }
    console.log(`replay ${name}: ${saved.length - failed} passed, ${failed} failed; ${retries.length} watchdog ${retries.length === 1 ? 'retry' : 'retries'}`);
    return failed;
}
