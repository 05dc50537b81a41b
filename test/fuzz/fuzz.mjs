/**
 * `npm run fuzz`: mutates the example policies (deleting, duplicating, swapping and inserting
 * tokens and lines, truncating) and runs every stage on each input: parse, validate, analyse,
 * compile, validate the JSON against the shipped schema, and run the inline examples. A failure is
 * an internal error surfacing as a diagnostic (`unknown`, "An error occurred"), an exception out of
 * checking, compiling or the runtime that is not a typed runtime error, compiled JSON that breaks
 * the schema, or an input that takes more than a second. Failing inputs are minimised (by lines,
 * then characters) and written to test/fuzz/found/. Deterministic for a seed.
 * Usage: node test/fuzz/fuzz.mjs [--count 1000] [--seed 1] [--quiet]
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { checkPolicies, compilePolicy, createRegelrattServices, RegelrattValidationRegistry } from '@regelratt/language';
import { PolicyRuntime, RegelrattRuntimeError, runExamples } from '@regelratt/runtime';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const count = Number(option('--count', '1000'));
let seed = Number(option('--seed', '1'));
const quiet = args.includes('--quiet');

const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = list => list[Math.floor(random() * list.length)];

const corpus = readdirSync(path.join(repository, 'examples'), { withFileTypes: true })
    .filter(entry => entry.isDirectory())
    .flatMap(entry => readdirSync(path.join(repository, 'examples', entry.name)).filter(f => f.endsWith('.regel'))
        .map(file => readFileSync(path.join(repository, 'examples', entry.name, file), 'utf8')));
const schema = JSON.parse(readFileSync(path.join(repository, 'packages/format/schema/compiled-policy.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: false, strict: true }).compile(schema);
const grammar = readFileSync(path.join(repository, 'packages/language/src/regelratt.langium'), 'utf8');
const keywords = [...new Set([...grammar.matchAll(/'([^'\s]+)'/g)].map(m => m[1]))];
const pieces = [...keywords, '0', '-1', '2,5', '9 676', '100 %', '337,50 kr/h', '2021-13-45', '2021-02-29', '"x"', '{', '}', '(', ')', '|', '||', '.', ',', 'x', 'ålder', '\n', '"', '\u0000', 'inte inte', '((', '))'];

function mutate(text) {
    let result = text;
    const steps = 1 + Math.floor(random() * 3);
    for (let step = 0; step < steps; step++) {
        const tokens = result.split(/(\s+)/);
        const at = Math.floor(random() * tokens.length);
        switch (Math.floor(random() * 7)) {
            case 0: tokens.splice(at, 1 + Math.floor(random() * 4)); break;
            case 1: tokens.splice(at, 0, pick(pieces), ' '); break;
            case 2: { const other = Math.floor(random() * tokens.length); [tokens[at], tokens[other]] = [tokens[other], tokens[at]]; break; }
            case 3: tokens.splice(at, 0, ...tokens.slice(at, at + 1 + Math.floor(random() * 20))); break;
            case 4: result = result.slice(0, Math.floor(random() * result.length)); continue;
            case 5: tokens[at] = pick(pieces); break;
            default: { const lines = result.split('\n'); const line = Math.floor(random() * lines.length); lines.splice(line, 0, pick(corpus).split('\n')[Math.floor(random() * 20)] ?? ''); result = lines.join('\n'); continue; }
        }
        result = tokens.join('');
    }
    return result;
}

const { Regelratt } = createRegelrattServices(EmptyFileSystem);
// In the editor a check that trips over half-typed text stays silent (the syntax error explains it);
// the fuzzer wants to see every such trip, so it can be fixed.
RegelrattValidationRegistry.reportOnHalfTypedText = true;

/** Runs every stage on one text; returns a description of the failure, or undefined. */
async function run(text) {
    const start = performance.now();
    let checked;
    try {
        [checked] = await checkPolicies(Regelratt, [{ path: '/fuzz/a.regel', text }]);
    } catch (error) {
        return `check threw: ${error?.stack?.split('\n').slice(0, 3).join(' | ')}`;
    }
    const crashed = checked.diagnostics.find(d => d.code === 'unknown' || d.code === 'internal-check-error' || /An error occurred/.test(d.message));
    if (crashed) {
        return `a check crashed: ${crashed.message.slice(0, 200)}`;
    }
    if (!checked.diagnostics.some(d => d.severity === 'error')) {
        let compiled;
        try {
            compiled = JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')));
        } catch (error) {
            return `compile threw: ${error?.message}`;
        }
        if (!validate(compiled)) {
            return `schema: ${JSON.stringify(validate.errors?.[0])}`;
        }
        try {
            runExamples(new PolicyRuntime([compiled]));
        } catch (error) {
            if (!(error instanceof RegelrattRuntimeError)) {
                return `runtime threw: ${error?.message}`;
            }
        }
    }
    const ms = performance.now() - start;
    return ms > 1000 ? `slow: ${ms.toFixed(0)} ms` : undefined;
}

/** The failure kind without its details, so one failure is minimised to inputs that fail the same way. */
const kind = failure => failure.replace(/:.*$/, '');

async function minimise(text, failure) {
    let current = text;
    for (const unit of ['\n', '']) {
        let parts = current.split(unit);
        for (let size = Math.max(1, Math.floor(parts.length / 2)); size >= 1; size = Math.floor(size / 2)) {
            for (let at = 0; at < parts.length;) {
                const candidate = [...parts.slice(0, at), ...parts.slice(at + size)];
                const again = await run(candidate.join(unit));
                if (again && kind(again) === kind(failure)) {
                    parts = candidate;
                } else {
                    at += size;
                }
            }
        }
        current = parts.join(unit);
    }
    return current;
}

const started = performance.now();
const failures = new Map();
let slowest = 0;
for (let index = 0; index < count; index++) {
    const text = mutate(pick(corpus));
    const t = performance.now();
    const failure = await run(text);
    slowest = Math.max(slowest, performance.now() - t);
    if (failure && !failures.has(failure)) {
        failures.set(failure, await minimise(text, failure));
        if (!quiet) {
            console.log(`FAIL ${failure}\n---\n${failures.get(failure)}\n---`);
        }
    }
}
const seconds = (performance.now() - started) / 1000;
if (failures.size > 0) {
    const folder = path.join(repository, 'test/fuzz/found');
    mkdirSync(folder, { recursive: true });
    [...failures.values()].forEach((text, index) => writeFileSync(path.join(folder, `failure-${index + 1}.regel`), text));
}
console.log(`fuzz: ${count} inputs in ${seconds.toFixed(1)} s (${(count / seconds).toFixed(0)}/s), slowest ${slowest.toFixed(0)} ms, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
console.log(`${count - failures.size} passed, ${failures.size} failed`);
process.exitCode = failures.size > 0 ? 1 : 0;
