/**
 * `npm run fuzz`: half the inputs are derived from the grammar (generate-from-grammar.mjs: every
 * construct, with the names it declares reused by its references), half are mutations of the
 * example policies (deleting, duplicating, swapping and inserting tokens and lines, truncating), and
 * a generated input is sometimes mutated too. Every stage runs on each input: parse, validate,
 * analyse, compile, validate the JSON against the shipped schema, run the inline examples, and the
 * language server's handlers (completion, hover, definition, formatting, symbols, semantic tokens,
 * folding, code actions) at random places. A failure is an internal error surfacing as a diagnostic
 * (`unknown`, "An error occurred"), an exception out of checking, compiling, the runtime (other than
 * a typed runtime error) or a handler, compiled JSON that breaks the schema, or an input that takes
 * more than a second (and, run once more, more than RETRY_PATIENCE seconds: a loaded machine is not a
 * slow input). Failing inputs are minimised (by lines, then characters) and written to
 * test/fuzz/found/. Deterministic for a seed.
 * Usage: node test/fuzz/fuzz.mjs [--count 1000] [--seed 1] [--quiet]
 *        node test/fuzz/fuzz.mjs --family cli,workspace,lsp,serve,eval,compiled,scale,unicode|all [--count 20] [--seed 1]
 *            (the families of run-family.mjs: processes, workspaces, the language server, the service)
 *        node test/fuzz/fuzz.mjs --family all --replay test/fuzz/found   (each family's saved failures again)
 *        node test/fuzz/fuzz.mjs --replay test/fuzz/regressions   (every stage on each saved failure)
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { checkPolicies, compilePolicy, RegelrattValidationRegistry } from '@regelratt/language';
import { createRegelrattLspServices } from '@regelratt/language/lsp';
import { PolicyRuntime, RegelrattRuntimeError, runExamples } from '@regelratt/runtime';
import { grammarGenerator } from './generate-from-grammar.mjs';
import { kind, repository, RETRY_PATIENCE, seededRandom } from './harness.mjs';
import { corpus, mutator } from './texts.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const count = Number(option('--count', '1000'));
const seed = Number(option('--seed', '1'));
const quiet = args.includes('--quiet');
const replay = option('--replay', undefined);
const families = option('--family', undefined);

if (families) {
    const { runFamilies } = await import('./run-family.mjs');
    process.exit(await runFamilies(families, { count: Number(option('--count', '20')), seed, quiet, replay }));
}

const { random, pick } = seededRandom(seed);
const mutate = mutator({ random, pick });

const schema = JSON.parse(readFileSync(path.join(repository, 'packages/format/schema/compiled-policy.schema.json'), 'utf8'));
const validate = new Ajv2020({ allErrors: false, strict: true }).compile(schema);
// The language server's services (a superset of the checker's), without a connection.
const { Regelratt } = createRegelrattLspServices(EmptyFileSystem);
const generate = grammarGenerator(Regelratt.Grammar, random);
// In the editor a check that trips over half-typed text stays silent (the syntax error explains it);
// the fuzzer wants to see every such trip, so it can be fixed.
RegelrattValidationRegistry.reportOnHalfTypedText = true;

/** An input slower than this is a failure (once it is as slow again on a retry with RETRY_PATIENCE times the time). */
const SLOW_MS = 1000;
/** Inputs over SLOW_MS run again, and how many of them were within the longer limit then. */
const slowRetries = { count: 0, passed: 0 };

/** Runs every stage on one text; returns a description of the failure, or undefined. */
async function run(text) {
    const failure = await runOnce(text, SLOW_MS);
    if (!failure?.startsWith('slow:')) {
        return failure;
    }
    slowRetries.count++;
    const again = await runOnce(text, SLOW_MS * RETRY_PATIENCE);
    slowRetries.passed += again === undefined ? 1 : 0;
    return again?.startsWith('slow:') ? `${again} on a retry, ${failure.slice('slow: '.length)} the first time` : again;
}

/** Every stage on one text, once: the failure, or 'slow: …' when it took more than `slowMs`. */
async function runOnce(text, slowMs) {
    const start = performance.now();
    let checked;
    try {
        [checked] = await checkPolicies(Regelratt, [{ path: '/fuzz/a.regel', text }]);
    } catch (error) {
        return `check threw: ${error?.stack?.split('\n').slice(0, 3).join(' | ')}`;
    }
    const handlerFailure = await runHandlers(checked.document, text);
    if (handlerFailure) {
        return handlerFailure;
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
    return ms > slowMs ? `slow: ${ms.toFixed(0)} ms` : undefined;
}

/** A position in the text, from a fraction (deterministic: the same input gets the same places). */
function positionAt(text, fraction) {
    const offset = Math.floor(fraction * (text.length + 1));
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

/**
 * The language server's handlers on the checked document, as an editor calls them while the writer
 * types: each may answer with nothing, but none may throw.
 */
async function runHandlers(document, text) {
    const lsp = Regelratt.lsp;
    const textDocument = { uri: document.uri.toString() };
    const places = [0.1, 0.37, 0.5, 0.81, 1].map(f => positionAt(text, f));
    const handlers = {
        completion: () => Promise.all(places.map(position => lsp.CompletionProvider?.getCompletion(document, { textDocument, position }))),
        hover: () => Promise.all(places.map(position => lsp.HoverProvider?.getHoverContent(document, { textDocument, position }))),
        definition: () => Promise.all(places.map(position => lsp.DefinitionProvider?.getDefinition(document, { textDocument, position }))),
        formatting: () => lsp.Formatter?.formatDocument(document, { textDocument, options: { tabSize: 4, insertSpaces: true } }),
        symbols: () => lsp.DocumentSymbolProvider?.getSymbols(document, { textDocument }),
        semanticTokens: () => lsp.SemanticTokenProvider?.semanticHighlight(document, { textDocument }),
        folding: () => lsp.FoldingRangeProvider?.getFoldingRanges(document, { textDocument }),
        codeActions: () => lsp.CodeActionProvider?.getCodeActions(document, {
            textDocument, range: { start: places[0], end: places[4] }, context: { diagnostics: document.diagnostics ?? [] },
        }),
    };
    // Langium catches some errors inside its handlers and logs them: a logged error is a failure too.
    const logged = [];
    const log = console.error;
    console.error = (...parts) => logged.push(parts.map(part => (part instanceof Error ? part.stack?.split('\n').slice(0, 3).join(' | ') : String(part))).join(' '));
    try {
        for (const [name, handler] of Object.entries(handlers)) {
            try {
                await handler();
            } catch (error) {
                return `lsp ${name} threw: ${error?.stack?.split('\n').slice(0, 3).join(' | ')}`;
            }
            if (logged.length > 0) {
                return `lsp ${name} logged an error: ${logged[0]}`;
            }
        }
    } finally {
        console.error = log;
    }
    return undefined;
}

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

if (replay) {
    // The failures found before, each fixed: every stage must pass on each of them again.
    const files = readdirSync(path.resolve(replay)).filter(file => file.endsWith('.regel')).sort();
    let failed = 0;
    for (const file of files) {
        const failure = await run(readFileSync(path.join(path.resolve(replay), file), 'utf8'));
        if (failure) {
            failed++;
            console.log(`FAIL ${file}: ${failure}`);
        }
    }
    console.log(`replay: ${files.length - failed} passed, ${failed} failed`);
    process.exit(failed > 0 || files.length === 0 ? 1 : 0);
}

const started = performance.now();
const failures = new Map();
let slowest = 0;
for (let index = 0; index < count; index++) {
    // Generated from the grammar or mutated from an example, alternately; a generated text mutated now and then.
    const text = index % 2 === 1 ? (random() < 0.3 ? mutate(generate()) : generate()) : mutate(pick(corpus));
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
console.log(`fuzz: ${count} inputs in ${seconds.toFixed(1)} s (${(count / seconds).toFixed(0)}/s), slowest ${slowest.toFixed(0)} ms, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; `
    + `${slowRetries.count} over ${SLOW_MS} ms retried (${slowRetries.passed} within ${RETRY_PATIENCE}× that)`);
console.log(`${count - failures.size} passed, ${failures.size} failed`);
process.exitCode = failures.size > 0 ? 1 : 0;
