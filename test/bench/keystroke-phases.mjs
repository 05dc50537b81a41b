/**
 * Where a keystroke's time goes, in process: a generated policy of `--lines` lines in one file is
 * built once (cold, by phase), then typed into as the language server bench types (a comment at the
 * end, then a character inside a title near the top), each update timed by Langium's build phases.
 * Prints medians per phase and how each change was parsed (whole, around the change, to the end).
 * `--compare-reuse`: every other pair of keystrokes with the findings of unchanged declarations not
 * given again (validation/declaration-reuse.ts), so both are measured in the same process.
 * `--examples`: an inline example per block of the generated policy.
 * Usage: node test/bench/keystroke-phases.mjs [--lines 10000] [--keystrokes 40] [--compare-reuse] [--examples]
 */
import { DocumentState, EmptyFileSystem, URI } from 'langium';
import { createRegelrattServices } from '@regelratt/language';
import { DeclarationRun } from '../../packages/language/dist/validation/declaration-reuse.js';
import { generatePolicy } from './generate-policy.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const lines = Number(option('--lines', '10000'));
const keystrokes = Number(option('--keystrokes', '40'));
const compareReuse = args.includes('--compare-reuse');
const withExamples = args.includes('--examples');
const reusable = DeclarationRun.prototype.reusable;

const { shared } = createRegelrattServices(EmptyFileSystem);
const builder = shared.workspace.DocumentBuilder;
const factory = shared.workspace.LangiumDocumentFactory;
const phases = [DocumentState.Parsed, DocumentState.IndexedContent, DocumentState.ComputedScopes, DocumentState.Linked, DocumentState.IndexedReferences, DocumentState.Validated];

/** Runs a build and returns the milliseconds of each phase (the time since the previous phase ended). */
async function timed(build) {
    const times = {};
    const start = performance.now();
    let last = start;
    const listeners = phases.map(state => builder.onBuildPhase(state, () => {
        const now = performance.now();
        times[DocumentState[state]] = now - last;
        last = now;
    }));
    await build();
    listeners.forEach(listener => listener.dispose());
    times.total = performance.now() - start;
    return times;
}

let text = generatePolicy(lines, { examples: withExamples });
const uri = URI.file('/bench/policy.regel');
// Without a text document manager (no editor), an update reads the file: it reads the typed text.
shared.workspace.FileSystemProvider.readFile = async () => text;
const parseStart = performance.now();
const document = factory.fromString(text, uri);
const parsed = performance.now() - parseStart;
shared.workspace.LangiumDocuments.addDocument(document);
const first = await timed(() => builder.build([document], { validation: true }));
first.Parsed = parsed;
first.total += parsed;

const samples = {};
const without = {};
const modes = {};
for (let k = 0; k < keystrokes; k++) {
    const reuse = !compareReuse || Math.floor(k / 2) % 2 === 0;
    DeclarationRun.prototype.reusable = reuse ? reusable : () => undefined;
    text = k % 2 === 0 ? `${text}// ${k}\n` : text.replace('"Insats 0', `"Insats 0${k}`);
    const times = await timed(() => builder.update([uri], []));
    for (const [phase, ms] of Object.entries(times)) {
        ((reuse ? samples : without)[phase] ??= []).push(ms);
    }
    modes[factory.lastReparse] = (modes[factory.lastReparse] ?? 0) + 1;
}
const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const row = times => Object.entries(times).map(([phase, ms]) => `${phase} ${ms.toFixed(0)}`).join(', ');
console.log(`Node ${process.version}; one file of ${lines.toLocaleString('en')} lines (${text.length.toLocaleString('en')} characters), ${document.diagnostics?.length ?? 0} diagnostics`);
console.log(`first build, cold (ms): ${row(first)}`);
const medians = table => row(Object.fromEntries(Object.entries(table).map(([phase, values]) => [phase, median(values)])));
console.log(`keystroke, median of ${samples.total.length} (ms): ${medians(samples)}`);
if (compareReuse) {
    console.log(`keystroke without findings given again, median of ${without.total.length} (ms): ${medians(without)}`);
}
console.log(`parsed: ${Object.entries(modes).map(([mode, count]) => `${mode} ${count}`).join(', ')}`);
