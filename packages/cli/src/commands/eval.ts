import { createReadStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { evaluateCase, RegelrattRuntimeError, type CaseInput } from '@regelratt/runtime';
import type { CliOptions } from '../arguments.js';
import type { CliIO } from '../io.js';
import { loadRuntime } from '../load-runtime.js';
import { EXIT_CLEAN, EXIT_POLICY_ERRORS, EXIT_USAGE_OR_IO } from './check.js';

const PROGRESS_EVERY = 50_000;

/**
 * `regelratt eval`: answers for one case (a JSON file) or for a whole register (NDJSON, one case per
 * line), streamed: one answer line per case line, in order, in constant memory. A line that is not a
 * case gets an error line in its place and makes the exit code 1; the others are still answered.
 */
export async function runEval(options: CliOptions, input: string, io: CliIO & { stdoutIsTerminal?: boolean; stderrIsTerminal?: boolean }): Promise<number> {
    const loaded = await loadRuntime(options, io);
    if ('exitCode' in loaded) {
        return loaded.exitCode;
    }
    const runtime = loaded.runtime;
    const file = path.resolve(io.cwd, input);
    try {
        await fs.access(file);
    } catch {
        io.stderr.write(`regelratt: ${options.locale === 'sv' ? `hittar inte ${input}` : `cannot find ${input}`}.\n`);
        return EXIT_USAGE_OR_IO;
    }
    const withDate = (value: CaseInput): CaseInput => (options.date && !value.date ? { ...value, date: options.date } : value);
    if (!/\.(ndjson|jsonl)$/i.test(file)) {
        let parsed: CaseInput;
        try {
            // A byte-order mark (editors on Windows write one) is not part of the JSON.
            parsed = JSON.parse((await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, '')) as CaseInput;
        } catch (error) {
            io.stderr.write(`regelratt: ${input}: ${options.locale === 'sv' ? 'ogiltig JSON' : 'invalid JSON'}: ${(error as Error).message}\n`);
            return EXIT_USAGE_OR_IO;
        }
        try {
            io.stdout.write(`${JSON.stringify(evaluateCase(runtime, withDate(parsed), true), null, 2)}\n`);
            return EXIT_CLEAN;
        } catch (error) {
            if (error instanceof RegelrattRuntimeError) {
                io.stdout.write(`${JSON.stringify({ error: error.toJSON() }, null, 2)}\n`);
                return EXIT_POLICY_ERRORS;
            }
            throw error;
        }
    }
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let lineNumber = 0;
    let invalid = 0;
    let buffer = '';
    for await (const line of lines) {
        lineNumber++;
        if (line.trim() === '') {
            continue;
        }
        let output: unknown;
        try {
            output = evaluateCase(runtime, withDate(JSON.parse(lineNumber === 1 ? line.replace(/^\uFEFF/, '') : line) as CaseInput), options.explain);
        } catch (error) {
            if (!(error instanceof RegelrattRuntimeError) && !(error instanceof SyntaxError)) {
                throw error;
            }
            invalid++;
            output = { line: lineNumber, error: error instanceof RegelrattRuntimeError ? error.toJSON() : { code: 'invalid-json', message: error.message } };
        }
        buffer += `${JSON.stringify(output)}\n`;
        if (buffer.length > 1 << 16) {
            // Waiting for the pipe to drain keeps memory constant however large the register.
            if (!io.stdout.write(buffer)) {
                await new Promise(resolve => (io.stdout as NodeJS.WriteStream).once('drain', resolve));
            }
            buffer = '';
        }
        if (io.stderrIsTerminal && lineNumber % PROGRESS_EVERY === 0) {
            io.stderr.write(`\r${lineNumber.toLocaleString('sv-SE')} ${options.locale === 'sv' ? 'fall' : 'cases'}…`);
        }
    }
    io.stdout.write(buffer);
    if (io.stderrIsTerminal && lineNumber >= PROGRESS_EVERY) {
        io.stderr.write('\n');
    }
    return invalid > 0 ? EXIT_POLICY_ERRORS : EXIT_CLEAN;
}
