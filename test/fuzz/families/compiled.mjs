/**
 * Tampered compiled JSON: the examples compiled once, then one file of a set changed (an element
 * duplicated so its id is twice, a field dropped or given another type or value, a reference to an
 * id that does not exist, a value nested 10 000 deep, the schema version changed) and loaded by the
 * runtime in process (and its inline examples run), by `eval`-like questions through `serve`, by
 * `kompatibilitet` and `diff` against the untouched set. A failure is anything but a typed refusal
 * (`invalid-file`, `unsupported-schema`, exit 1 or 2) or an answer: another exception, exit 3, a
 * signal, a stack trace, a 5xx, the watchdog.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PolicyRuntime, RegelrattRuntimeError, runExamples } from '@regelratt/runtime';
import { CITIZEN } from '../bodies.mjs';
import { cli, processFailure, removeWorkspace, repository, runProcess, temporaryFolder, writeWorkspace } from '../harness.mjs';

const SETS = ['orebro', 'uppsala', 'habo'];
const REFUSALS = ['invalid-file', 'unsupported-schema'];
const DEEP = '"\u0000deep\u0000"';

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
    ];
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
            target.text = JSON.stringify(value).replace(JSON.stringify('\u0000deep\u0000'), `${'['.repeat(depth)}1${']'.repeat(depth)}`);
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
    const child = spawn(process.execPath, [cli, 'serve', folder, '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    try {
        const outcome = await new Promise(resolve => {
            const timer = setTimeout(() => resolve({ timeout: true }), 30_000);
            child.stderr.on('data', chunk => {
                stderr += chunk;
                const found = /svarar på (http:\/\/[^\s]+) /.exec(stderr);
                if (found) {
                    clearTimeout(timer);
                    resolve({ base: found[1] });
                }
            });
            child.on('exit', (code, signal) => { clearTimeout(timer); resolve({ code, signal }); });
        });
        if (outcome.timeout) {
            return 'serve watchdog — neither started nor refused within 30 s';
        }
        if (outcome.base === undefined) {
            return processFailure({ code: outcome.code, signal: outcome.signal, stderr, stdout: '' }, [1, 2]) && `serve refused badly — exit ${outcome.code ?? outcome.signal}: ${stderr.slice(-300)}`;
        }
        const response = await fetch(`${outcome.base}/v1/evaluate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ citizen: CITIZEN, level: 4, date: '2021-06-01' }), signal: AbortSignal.timeout(20_000) });
        const text = await response.text();
        return response.status >= 500 ? `serve ${response.status} — ${text.slice(0, 200)}` : undefined;
    } catch (error) {
        return `serve no answer — ${error?.message}`;
    } finally {
        child.kill('SIGKILL');
    }
}
