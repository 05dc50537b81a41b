/**
 * The command line as a process: one generated or mutated policy file, one command (check in each
 * format, compile, test, eval, diff, kompatibilitet) under the watchdog. A failure is exit 3, a
 * signal, a stack trace, output not in its documented form, or more than 30 s.
 */
import { EmptyFileSystem } from 'langium';
import { createRegelrattServices } from '@regelratt/language';
import { grammarGenerator } from '../generate-from-grammar.mjs';
import { COMMANDS, runCommand } from '../commands.mjs';
import { removeWorkspace, shrinkWorkspace, temporaryFolder, writeWorkspace } from '../harness.mjs';
import { corpus, mutator } from '../texts.mjs';

export function createFamily(rng) {
    const mutate = mutator(rng);
    const generateFromGrammar = grammarGenerator(createRegelrattServices(EmptyFileSystem).Regelratt.Grammar, rng.random);
    const names = Object.keys(COMMANDS);
    return {
        generate: index => ({
            command: names[index % names.length],
            entries: [{ path: 'a.regel', text: index % 2 === 0 ? mutate(rng.pick(corpus)) : generateFromGrammar() }],
        }),
        async run(input) {
            const work = temporaryFolder('cli');
            try {
                writeWorkspace(work, input.entries);
                return await runCommand(input.command, 'a.regel', work);
            } finally {
                removeWorkspace(work);
            }
        },
        shrink: input => shrinkWorkspace(input.entries, entries => ({ ...input, entries })),
    };
}
