/**
 * Tampered compiled JSON: the examples compiled once, then one file of a set changed (an element
 * duplicated so its id is twice, a field dropped or given another type or value, a reference to an
 * id that does not exist, a value nested 10 000 deep, the schema version changed; and changes the
 * schema allows: elements reordered, a reference to another existing id, a decimal changed) and
 * loaded by the runtime in process (and its inline examples run), by `serve` (asked a case), by
 * `kompatibilitet` and `diff` against the untouched set. A failure is anything but a typed refusal
 * (`invalid-file`, `unsupported-schema`, exit 1 or 2) or an answer: another exception, exit 3, a
 * signal, a stack trace, a 5xx, the watchdog.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PolicyRuntime, RegelrattRuntimeError, runExamples } from '@regelratt/runtime';
import { CITIZEN } from '../bodies.mjs';
import { cli, processFailure, removeWorkspace, repository, runProcess, startServe, temporaryFolder, timeLimit, timeLimitPassed, writeWorkspace } from '../harness.mjs';

const SETS = ['orebro', 'uppsala', 'habo'];
const REFUSALS = ['invalid-file', 'unsupported-schema'];
/** Stands for a value nested 10 000 deep until the file is written out as text. */
const DEEP = '\u0000deep\u0000';

/** Every place in a JSON value: a path of keys and indexes. */
function places(value, at = [], found = []) {
    found.push(at);
    if (value && typeof value === 'object' && found.length < 5_000) {
        for (const key of Object.keys(value)) {
            places(value[key], [...at, key], found);
        }
    }
    return found;
}

export function createFamily({ random, pick, below }) {
    let work;
    const compiled = {};
    const tamperings = [
        file => { const element = pick(file.elements); file.elements.push(structuredClone(element)); return `duplicate ${element.id}`; },
        file => { const at = pick(places(file).filter(p => p.length > 0)); const parent = at.slice(0, -1).reduce((v, k) => v[k], file); if (Array.isArray(parent)) parent.splice(Number(at.at(-1)), 1); else delete parent[at.at(-1)]; return `drop ${at.join('.')}`; },
        file => { const at = pick(places(file).filter(p => p.length > 0)); const value = pick([null, 0, -1, 1.5, '', 'x', [], {}, true, 1e308, '99999999999999999999999', '1e400', 'calculation/finns_inte', '2021-02-30']); at.slice(0, -1).reduce((v, k) => v[k], file)[at.at(-1)] = value; return `set ${at.join('.')} = ${JSON.stringify(value)}`; },
        file => { const at = pick(places(file).filter(p => p.length > 0)); at.slice(0, -1).reduce((v, k) => v[k], file)[at.at(-1)] = DEEP; return `nest ${at.join('.')}`; },
        file => { file.schemaVersion = pick(['2.0.0', '1.99.0', '0.9.0', '1.0', 'x', 1, null, '1.0.0-beta', '01.0.0', `${file.schemaVersion}.0`]); return `version ${file.schemaVersion}`; },
        file => { const element = pick(file.elements); element.kind = pick(['parameter', 'levelTable', 'fee', 'calculation', 'pathwayModel', 'okänd']); return `kind of ${element.id}`; },
        file => { file.elements = file.elements.filter(() => random() < 0.7); return 'drop elements'; },
        // Changes the schema allows, so that the runtime has to answer from them.
        file => { file.elements.sort(() => random() - 0.5); return 'reorder elements'; },
        file => retarget(file, /^[a-zA-Z]+\/\S+$/, () => pick(file.elements).id, 'another id'),
        file => retarget(file, /^-?\d+(\.\d+)?$/, () => pick(['99999999999999999999999', '0', '-1', '0.000000000000000000001', '-0.5', '1000000000000']), 'another decimal'),
    ];
    /** A string value matching `pattern` (an id, a decimal) replaced by another of its kind. */
    function retarget(file, pattern, replacement, what) {
        const candidates = places(file).filter(p => p.length > 0 && typeof p.reduce((v, k) => v?.[k], file) === 'string' && pattern.test(p.reduce((v, k) => v[k], file)));
        if (candidates.length === 0) {
            return `no ${what}`;
        }
        const at = pick(candidates);
        const value = replacement();
        at.slice(0, -1).reduce((v, k) => v[k], file)[at.at(-1)] = value;
        return `${what} at ${at.join('.')}: ${value}`;
    }
    return {
        async setup() {
            work = temporaryFolder('compiled');
            for (const set of SETS) {
                const out = path.join(work, set);
                const result = await runProcess(process.execPath, [cli, 'compile', path.join(repository, 'examples', set), '-o', out], { seconds: 120 });
                if (result.code !== 0) {
                    throw new Error(`compile examples/${set}: ${result.stderr}`);
                }
                compiled[set] = readdirSync(out).filter(f => f.endsWith('.json')).sort().map(f => ({ path: f, text: readFileSync(path.join(out, f), 'utf8') }));
            }
        },
        teardown: () => removeWorkspace(work),
        generate() {
            const set = pick(SETS);
            const files = compiled[set].map(file => ({ ...file }));
            const target = files[below(files.length)];
            const value = JSON.parse(target.text);
            const done = Array.from({ length: 1 + below(2) }, () => pick(tamperings)(value));
            const depth = 10_000;
            target.text = JSON.stringify(value).replace(JSON.stringify(DEEP), `${'['.repeat(depth)}1${']'.repeat(depth)}`);
            return { set, tampered: `${target.path}: ${done.join(', ')}`, entries: files };
        },
        async run(input) {
            const folder = temporaryFolder('tampered');
            try {
                writeWorkspace(folder, input.entries);
                return loadInProcess(input.entries) ?? await commands(folder, path.join(work, input.set)) ?? await served(folder);
            } finally {
                removeWorkspace(folder);
            }
        },
        *shrink(input) {
            // Only the tampered file kept, if that still fails.
            const target = input.entries.find(entry => input.tampered.startsWith(entry.path));
            if (input.entries.length > 1 && target) {
                yield { ...input, entries: [target] };
            }
        },
    };
}

/** Loading refuses with a typed load error or loads; the inline examples then answer or fail typed. */
function loadInProcess(entries) {
    const files = entries.map(entry => JSON.parse(entry.text));
    let runtime;
    try {
        runtime = new PolicyRuntime(files);
    } catch (error) {
        return error instanceof RegelrattRuntimeError && REFUSALS.includes(error.code)
            ? undefined
            : `runtime load threw — ${error?.code ?? error?.constructor?.name}: ${String(error?.message).slice(0, 200)}`;
    }
    try {
        runExamples(runtime);
        return undefined;
    } catch (error) {
        return error instanceof RegelrattRuntimeError ? undefined : `runtime threw — ${error?.constructor?.name}: ${String(error?.message).slice(0, 200)}`;
    }
}

async function commands(folder, original) {
    for (const args of [['kompatibilitet', original, folder, '--format', 'json'], ['diff', original, folder, '--format', 'json']]) {
        const failure = processFailure(await runProcess(process.execPath, [cli, ...args], { seconds: 60 }));
        if (failure) {
            return `${args[0]} ${failure.replace(/:.*$/s, '')} — ${failure}`;
        }
    }
    return undefined;
}

/** Serves the tampered folder: it is refused at start (exit 2) or answers a case without a 5xx. */
async function served(folder) {
    const outcome = await startServe(folder, 30);
    try {
        if (outcome.timeout) {
            return `serve watchdog — neither started nor refused within ${timeLimit(30)} s`;
        }
        if (outcome.base === undefined) {
            return processFailure({ ...outcome, stdout: '' }, [1, 2]) && `serve refused badly — exit ${outcome.code ?? outcome.signal}: ${outcome.stderr.slice(-300)}`;
        }
        const response = await fetch(`${outcome.base}/v1/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ citizen: CITIZEN, level: 4, date: '2021-06-01' }), signal: AbortSignal.timeout(timeLimit(20) * 1000) });
        const text = await response.text();
        return response.status >= 500 ? `serve ${response.status} — ${text.slice(0, 200)}` : undefined;
    } catch (error) {
        if (error?.name === 'TimeoutError') {
            timeLimitPassed();
        }
        return `serve no answer — ${error?.message}`;
    } finally {
        outcome.child?.kill('SIGKILL');
    }
}
