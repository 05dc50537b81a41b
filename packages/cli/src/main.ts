import { parseArguments } from './arguments.js';
import { problems, usageError } from './cli-messages.js';
import { commandHelp, globalHelp } from './commands-spec.js';
import { helpWidth } from './help-layout.js';
import { EXIT_USAGE_OR_IO, runCheck } from './commands/check.js';
import { runCompile } from './commands/compile.js';
import { runDmnImport } from './commands/dmn-import.js';
import { runDiff } from './commands/diff.js';
import { runDocument } from './commands/document.js';
import { runServe } from './commands/serve.js';
import { runCompatibility } from './commands/compatibility.js';
import { runStudio } from './commands/studio.js';
import { runEval } from './commands/eval.js';
import { runTest } from './commands/test.js';
import type { CliIO } from './io.js';
import { cliVersion } from './version.js';

export type { CliIO } from './io.js';
export { colourWanted } from './colour.js';

const EXIT_INTERNAL = 3;

/** Runs one command line and returns its exit code. Never throws: a failure becomes a message and a code. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
    const parsed = parseArguments(argv);
    if (!parsed.ok) {
        io.stderr.write(`${usageError(parsed.problem[parsed.locale], parsed.locale, parsed.command)}\n`);
        return EXIT_USAGE_OR_IO;
    }
    const options = parsed.options;
    const locale = options.locale;
    if (options.help) {
        io.stdout.write(`${options.command ? commandHelp(options.command, locale, helpWidth(io.columns)) : globalHelp(locale, helpWidth(io.columns))}\n`);
        return 0;
    }
    if (options.version) {
        io.stdout.write(`${cliVersion()}\n`);
        return 0;
    }
    const fail = (problem: { sv: string; en: string }) => {
        io.stderr.write(`${usageError(problem[locale], locale, options.command)}\n`);
        return EXIT_USAGE_OR_IO;
    };
    try {
        switch (options.command) {
            case undefined:
                return fail(problems.noCommand());
            case 'check':
                return options.inputs.length === 0 ? fail(problems.noInputs()) : await runCheck(options, io);
            case 'compile':
                if (options.inputs.length === 0) {
                    return fail(problems.noInputs());
                }
                return options.out ? await runCompile(options, options.out, io) : fail(problems.noOutput());
            case 'test':
                return options.inputs.length === 0 ? fail(problems.noInputs()) : await runTest(options, io);
            case 'eval':
                if (options.inputs.length === 0) {
                    return fail(problems.noInputs());
                }
                return options.input ? await runEval(options, options.input, io) : fail(problems.noCase());
            case 'studio':
                return await runStudio(options, io);
            case 'kompatibilitet':
                return options.inputs.length === 2 ? await runCompatibility(options, io) : fail(problems.twoVersions());
            case 'serve':
                return options.inputs.length === 0 ? fail(problems.noInputs()) : await runServe(options, io);
            case 'dokument':
                if (options.inputs.length === 0) {
                    return fail(problems.noInputs());
                }
                return options.out ? await runDocument(options, options.out, io) : fail(problems.noDocumentOutput());
            case 'dmn':
                return options.inputs.length === 2 && options.inputs[0] === 'import'
                    ? await runDmnImport(options, options.inputs[1], io)
                    : fail({ sv: "skriv 'regelratt dmn import <fil.dmn>'.", en: "write 'regelratt dmn import <file.dmn>'." });
            case 'diff':
                // Two versions: two inputs, or a revision and the inputs it is compared with.
                return (options.rev === undefined ? options.inputs.length !== 2 : options.inputs.length === 0)
                    ? fail(problems.diffInputs()) : await runDiff(options, io);
        }
    } catch (error) {
        io.stderr.write(`regelratt: ${problems.internal(error instanceof Error ? error.message : String(error))[locale]}\n`);
        if (options.debug || process.env.REGELRATT_DEBUG) {
            io.stderr.write(`${(error as Error).stack}\n`);
        }
        return EXIT_INTERNAL;
    }
}

