/**
 * Multi-file workspaces as the command line meets them: one example set's files, some mutated,
 * spread over subfolders, with names across files, the same file (so the same names) in two
 * folders, symbolic links to files, to a parent folder (a loop) and to nothing, unreadable files
 * and folders, a file that is not UTF-8, an empty file, a folder named like a policy file. Each
 * command runs on the whole folder (unprivileged when the fuzzer runs as root, so that chmod 000
 * holds). A failure is as for the cli family: exit 3, a signal, a stack trace, output not in its
 * form, the watchdog.
 */
import { chmodSync } from 'node:fs';
import * as path from 'node:path';
import { runCommand } from '../commands.mjs';
import { removeWorkspace, shrinkWorkspace, temporaryFolder, unprivileged, writeWorkspace } from '../harness.mjs';
import { exampleSets, mutator } from '../texts.mjs';

const FOLDERS = ['', 'a', 'a/b', 'c', 'Å ä/ö'];
const COMMANDS = ['check', 'check-json', 'compile', 'test-json', 'eval'];

/**
 * One to three entries a workspace of `files` may also hold: the first file again in another
 * folder, links (to a file, to a parent folder, to nothing), unreadable files and folders, a file
 * in Latin-1, empty files, a folder named like a policy file, a write-only file. Paths are unique.
 */
export function oddEntries({ pick, below }, files) {
    const extras = [
        files => [{ path: `kopia/${files[0].path.split('/').pop()}`, text: files[0].text }],
        files => [{ path: 'länk.regel', link: files[0].path }],
        () => [{ path: 'a/slinga', link: '..' }],
        () => [{ path: 'trasig.regel', link: 'finns-inte.regel' }],
        files => [{ path: 'hemlig.regel', text: files[0].text, mode: 0 }],
        files => [{ path: 'låst/inne.regel', text: files[0].text }, { path: 'låst', folder: true, mode: 0 }],
        () => [{ path: 'låst-tom', folder: true, mode: 0 }],
        files => [{ path: 'latin1.regel', bytes: Buffer.from(files[0].text, 'latin1').toString('hex') }],
        () => [{ path: 'tom.regel', text: '' }],
        () => [{ path: 'bom.regel', text: '\uFEFF' }],
        () => [{ path: 'mapp.regel', folder: true }],
        files => [{ path: 'c/skrivskyddad.regel', text: files[0].text, mode: 0o200 }],
    ];
    const added = Array.from({ length: 1 + below(3) }, () => pick(extras)(files)).flat();
    return added.filter((entry, index) => added.findIndex(other => other.path === entry.path) === index);
}

export function createFamily(rng) {
    const { random, pick, below } = rng;
    const mutate = mutator(rng);
    return {
        generate(index) {
            const set = pick(exampleSets);
            const files = set.filter(() => random() < 0.6).slice(0, 6)
                .map(file => ({ path: path.posix.join(pick(FOLDERS), file.name), text: random() < 0.4 ? mutate(file.text) : file.text }));
            const chosen = files.length > 0 ? files : [{ path: set[0].name, text: set[0].text }];
            const added = oddEntries(rng, chosen);
            return { command: COMMANDS[index % COMMANDS.length], entries: [...chosen, ...added] };
        },
        async run(input) {
            const work = temporaryFolder('workspace');
            chmodSync(work, 0o777);
            try {
                writeWorkspace(path.join(work, 'ws'), input.entries);
                return await runCommand(input.command, 'ws', work, { user: unprivileged, seconds: 60 });
            } finally {
                removeWorkspace(work);
            }
        },
        shrink: input => shrinkWorkspace(input.entries, entries => ({ ...input, entries })),
    };
}
