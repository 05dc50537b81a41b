/**
 * Unicode and line endings: example files (or mutations of them) with CRLF, CR or mixed line ends,
 * decomposed (NFD), with a byte-order mark, zero-width characters, lone surrogates, controls and
 * astral characters put in (texts.mjs's unicodeVariant); checked by the command line in each
 * format and opened and asked in the language server. A failure is as for the cli and lsp families.
 */
import { runCommand } from '../commands.mjs';
import { removeWorkspace, shrinkWorkspace, temporaryFolder, writeWorkspace } from '../harness.mjs';
import { REQUEST_METHODS, runSession } from '../lsp-client.mjs';
import { exampleSets, mutator, unicodeVariant } from '../texts.mjs';

const CHECKS = ['check', 'check-json', 'check-sarif', 'compile', 'test-json'];

export function createFamily(rng) {
    const mutate = mutator(rng);
    return {
        generate(index) {
            const set = rng.pick(exampleSets);
            const entries = set.map(file => ({ path: file.name, text: unicodeVariant(rng.random() < 0.2 ? mutate(file.text) : file.text, rng) }));
            const opened = rng.pick(entries);
            const requests = REQUEST_METHODS.map(method => ({ request: method, document: opened.path, at: rng.random() }));
            return { command: CHECKS[index % CHECKS.length], entries, steps: [{ open: opened.path, text: opened.text }, ...requests] };
        },
        async run(input) {
            const folder = temporaryFolder('unicode');
            try {
                writeWorkspace(folder, input.entries);
                const checked = await runCommand(input.command, folder, folder);
                return checked ?? await runSession(folder, input.steps.filter(step => input.entries.some(entry => entry.path === (step.open ?? step.document))));
            } finally {
                removeWorkspace(folder);
            }
        },
        shrink: input => shrinkWorkspace(input.entries, entries => ({ ...input, entries })),
    };
}
