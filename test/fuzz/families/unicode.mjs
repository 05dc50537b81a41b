/**
 * Unicode and line endings: example files (or mutations of them) with CRLF, CR or mixed line ends,
 * decomposed (NFD), with a byte-order mark, zero-width characters, lone surrogates, controls and
 * astral characters put in (texts.mjs's unicodeVariant; a lone surrogate written to a file as
 * WTF-8 bytes, so that it is one there too); checked by the command line in each format and opened
 * and asked in the language server. A failure is as for the cli and lsp families.
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
            const texts = set.map(file => ({ path: file.name, text: unicodeVariant(rng.random() < 0.2 ? mutate(file.text) : file.text, rng) }));
            const opened = rng.pick(texts);
            const requests = REQUEST_METHODS.map(method => ({ request: method, document: opened.path, at: rng.random() }));
            // A lone surrogate reaches the server as itself (JSON escapes it); a file gets its bytes as WTF-8.
            const entries = texts.map(entry => (/\p{Cs}/u.test(entry.text) ? { path: entry.path, bytes: wtf8(entry.text) } : entry));
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

/** The text's UTF-8 bytes (hex), each lone surrogate encoded as if it were a character (WTF-8). */
function wtf8(text) {
    const bytes = [];
    for (const character of text) {
        const unit = character.charCodeAt(0);
        if (character.length === 1 && unit >= 0xD800 && unit <= 0xDFFF) {
            bytes.push(Buffer.from([0xE0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3F), 0x80 | (unit & 0x3F)]));
        } else {
            bytes.push(Buffer.from(character, 'utf8'));
        }
    }
    return Buffer.concat(bytes).toString('hex');
}
