/**
 * The language server over stdio: a workspace folder of one example set's files (some mutated; in
 * half of them the workspace family's odd entries: links, unreadable files and folders, Latin-1; in
 * every fourth one of the scale family's extreme texts), the server unprivileged when run as root;
 * then a session of documents opened, edited piece by piece, asked (symbols, hover, completion,
 * definition, references, formatting, folding, semantic tokens) and closed, ending with a question
 * about a document the edits never touched. A failure is the process dying, a request with no answer within 20 s, or an internal
 * error as the answer.
 */
import * as path from 'node:path';
import { removeWorkspace, shrinkWorkspace, temporaryFolder, unprivileged, writeWorkspace } from '../harness.mjs';
import { REQUEST_METHODS, runSession } from '../lsp-client.mjs';
import { exampleSets, mutator, scaleText } from '../texts.mjs';
import { oddEntries } from './workspace.mjs';

export function createFamily(rng) {
    const { random, pick, below } = rng;
    const mutate = mutator(rng);
    return {
        // A failing session may wait out a request's time: a few shrinking steps only.
        budget: 8,
        generate(index) {
            const set = pick(exampleSets);
            const entries = set.map(file => ({ path: path.posix.join(random() < 0.3 ? 'del' : '', file.name), text: random() < 0.3 ? mutate(file.text) : file.text }));
            if (random() < 0.5) {
                entries.push(...oddEntries(rng, entries));
            }
            // Every fourth workspace holds one of the scale family's texts, each kind in turn.
            if (index % 4 === 0) {
                entries.push({ path: 'stor.regel', text: scaleText(rng, index / 4) });
            }
            const readable = entries.filter(entry => entry.text !== undefined && entry.mode === undefined);
            const edited = pick(readable);
            const untouched = readable.find(entry => entry !== edited && entry.text.length < 100_000) ?? edited;
            const steps = [{ open: edited.path, text: random() < 0.5 ? edited.text : mutate(edited.text) }];
            for (let n = 5 + below(15); n > 0; n--) {
                if (random() < 0.6) {
                    const piece = random() < 0.5 ? mutate(pick(pick(exampleSets)).text).slice(0, below(200)) : '';
                    steps.push({ change: edited.path, at: random(), length: random() * 0.05, text: piece });
                } else {
                    steps.push({ request: pick(REQUEST_METHODS), document: edited.path, at: random() });
                }
            }
            steps.push({ close: edited.path });
            steps.push({ open: untouched.path, text: untouched.text }, { request: 'textDocument/documentSymbol', document: untouched.path, at: 0 });
            return { entries, steps };
        },
        async run(input) {
            const folder = temporaryFolder('lsp');
            try {
                writeWorkspace(folder, input.entries);
                return await runSession(folder, input.steps, { user: unprivileged });
            } finally {
                removeWorkspace(folder);
            }
        },
        *shrink(input) {
            yield* shrinkWorkspace(input.entries, entries => ({ ...input, entries }));
            // Steps other than opening a document, left out one at a time.
            for (let index = 0; index < input.steps.length; index++) {
                if (input.steps[index].open === undefined) {
                    yield { ...input, steps: input.steps.filter((_, other) => other !== index) };
                }
            }
        },
    };
}
