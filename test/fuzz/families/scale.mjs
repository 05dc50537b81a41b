/**
 * Scale extremes (texts.mjs's scaleText, each kind in turn): a flood of comment, blank or
 * declaration lines, a line of a million characters, nesting thousands deep, checked by the command
 * line, or opened in the language server (not in its workspace folder: the lsp family has those)
 * beside an ordinary file, which must still be answered.
 * A failure is exit 3, a signal, a stack trace, over 60 s or 2 GB for the check; for the server,
 * its death, a request with no answer within 30 s, or an internal error.
 */
import { runCommand } from '../commands.mjs';
import { removeWorkspace, shrinkWorkspace, temporaryFolder, writeWorkspace } from '../harness.mjs';
import { runSession } from '../lsp-client.mjs';
import { corpus, scaleText } from '../texts.mjs';

export function createFamily(rng) {
    return {
        // Each run checks and opens a large text: a few shrinking steps only.
        budget: 6,
        // Each kind in turn, checked by the command line, then (the next input) opened in the server.
        generate: index => ({ via: index % 2 === 0 ? 'check' : 'server', entries: [{ path: 'stor.regel', text: scaleText(rng, Math.floor(index / 2)) }, { path: 'vanlig.regel', text: corpus[0] }] }),
        async run(input) {
            const folder = temporaryFolder('scale');
            try {
                writeWorkspace(folder, input.via === 'check' ? input.entries : input.entries.filter(entry => entry.path !== 'stor.regel'));
                if (input.via === 'check') {
                    return await runCommand('check-json', folder, folder, { seconds: 60, megabytes: 2_000 });
                }
                return await runSession(folder, [
                    { open: 'vanlig.regel', text: input.entries.find(entry => entry.path === 'vanlig.regel')?.text ?? '' },
                    { request: 'textDocument/documentSymbol', document: 'vanlig.regel', at: 0 },
                    { open: 'stor.regel', text: input.entries.find(entry => entry.path === 'stor.regel')?.text ?? '' },
                    { request: 'textDocument/documentSymbol', document: 'stor.regel', at: 0 },
                    { request: 'textDocument/foldingRange', document: 'stor.regel', at: 0 },
                    { request: 'textDocument/hover', document: 'stor.regel', at: 0.99 },
                    { request: 'textDocument/documentSymbol', document: 'vanlig.regel', at: 0 },
                ], { seconds: 30 });
            } finally {
                removeWorkspace(folder);
            }
        },
        shrink: input => shrinkWorkspace(input.entries, entries => ({ ...input, entries })),
    };
}
