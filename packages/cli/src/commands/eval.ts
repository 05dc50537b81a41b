import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { renderMessage } from '@regelratt/language';
import { reasonFor, withReasons } from '@regelratt/document';
import { evaluateCase, RegelrattRuntimeError, type CaseInput, type DeadlineQuestion } from '@regelratt/runtime';
import { answerText } from '../reason-output.js';
import type { CliOptions } from '../arguments.js';
import { InputTooLargeError, readInputText } from '../bounded-read.js';
import { inputErrors } from '../answer-errors.js';
import { evalSummaries } from '../cli-messages.js';
import type { CliIO } from '../io.js';
import { compileInMemory } from '../compile-in-memory.js';
import { JsonInputError, readJson } from '../exact-json.js';
import { loadRuntime } from '../load-runtime.js';
import { streamRegister, type RegisterTally } from '../register-stream.js';
import { RegisterLineTooLongError } from '../register-line-limit.js';
import { EXIT_CLEAN, EXIT_POLICY_ERRORS, EXIT_USAGE_OR_IO } from './check.js';

/** Below this many lines a register finishes before progress would be worth showing. */
const PROGRESS_EVERY = 50_000;

/**
 * `regelratt eval`: answers for one case (a JSON file) or for a whole register (NDJSON, one case per
 * line), streamed: one answer line per case line, in order, in constant memory. A line that is not a
 * case gets an error line in its place, and a question that cannot be answered a typed error in the
 * answer's place. A line that is not a case, or an answer the case's own values prevent (a missing or
 * wrong value), makes the exit code 1, with a summary on standard error naming the first, for one case
 * as for a register; an answer the policy does not give (an amount it leaves open) is an answer.
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
            parsed = readJson((await readInputText(file, options.maxFileBytes, options.locale)).replace(/^\uFEFF/, '')) as CaseInput;
        } catch (error) {
            // Too large, or unreadable: said as what it is, not as JSON that is wrong.
            if (error instanceof InputTooLargeError) {
                io.stderr.write(`regelratt: ${input}: ${error.message}\n`);
                return EXIT_USAGE_OR_IO;
            }
            const code = (error as NodeJS.ErrnoException).code;
            if (typeof code === 'string' && !(error instanceof JsonInputError)) {
                io.stderr.write(`regelratt: ${renderMessage('unreadable-file', { path: input, reason: code }, options.locale)}\n`);
                return EXIT_USAGE_OR_IO;
            }
            if (!(error instanceof JsonInputError)) {
                throw error;
            }
            // JSON that breaks the grammar is invalid; JSON over a limit or naming a value twice is refused as what it is.
            const invalid = error.code === 'invalid-json' ? `${options.locale === 'sv' ? 'ogiltig JSON' : 'invalid JSON'}: ` : '';
            io.stderr.write(`regelratt: ${input}: ${invalid}${error.describe(options.locale)}\n`);
            return EXIT_USAGE_OR_IO;
        }
        try {
            if (isDeadlineQuestion(parsed)) {
                // A question, not a case; --date is the day the policy is read on, as for a case, where the question gives none.
                const question = options.date && parsed.date === undefined ? { ...parsed, date: options.date } : parsed;
                const answer = runtime.deadlines(question, options.locale);
                const reason = reasonFor(runtime, { ...question, citizen: question.citizen ?? {} }, options.locale);
                io.stdout.write(options.format === 'text' ? `${reason.text}\n` : `${JSON.stringify({ answer, reason }, null, 2)}\n`);
                return EXIT_CLEAN;
            }
            const caseInput = withDate(parsed);
            const answer = withReasons(runtime, caseInput, evaluateCase(runtime, caseInput, true, options.locale), options.locale);
            io.stdout.write(options.format === 'text' ? answerText(runtime, answer, options.locale) : `${JSON.stringify(answer, null, 2)}\n`);
            const errors = inputErrors(answer);
            if (!errors.first) {
                return EXIT_CLEAN;
            }
            io.stderr.write(`regelratt: ${evalSummaries.answersWithErrors(input, errors.count, errors.first.code, errors.first.message, options.locale)[options.locale]}\n`);
            return EXIT_POLICY_ERRORS;
        } catch (error) {
            if (error instanceof RegelrattRuntimeError) {
                io.stdout.write(`${JSON.stringify({ error: error.answerIn(options.locale) }, null, 2)}\n`);
                io.stderr.write(`regelratt: ${evalSummaries.caseRefused(input, error.code, error.messageIn(options.locale))[options.locale]}\n`);
                return EXIT_POLICY_ERRORS;
            }
            throw error;
        }
    }
    if (options.format === 'text') {
        // A register is answered line for line in NDJSON; the text form is one case's reasons for a person to read.
        io.stderr.write(`regelratt: ${options.locale === 'sv' ? '--format text gäller ett fall; ett register besvaras som NDJSON (med --explain även med motiveringar)' : '--format text is for one case; a register is answered as NDJSON (with --explain with reasons too)'}.\n`);
        return EXIT_USAGE_OR_IO;
    }
    let tally: RegisterTally;
    try {
        tally = await streamRegister(file, runtime, compileInMemory(loaded.workspace), options, io);
    } catch (error) {
        // A line no case can be (an input without line ends), or a register that cannot be read (a folder): exit 2, said as what it is.
        if (error instanceof RegisterLineTooLongError) {
            io.stderr.write(`regelratt: ${input}: ${error.message}\n`);
            return EXIT_USAGE_OR_IO;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (typeof code === 'string') {
            io.stderr.write(`regelratt: ${renderMessage('unreadable-file', { path: input, reason: code }, options.locale)}\n`);
            return EXIT_USAGE_OR_IO;
        }
        throw error;
    }
    if (io.stderrIsTerminal && tally.lines >= PROGRESS_EVERY) {
        io.stderr.write('\n');
    }
    if (tally.firstInvalid) {
        io.stderr.write(`regelratt: ${evalSummaries.invalidLines(input, tally.invalid, tally.lines, tally.firstInvalid.line, tally.firstInvalid.code, options.locale)[options.locale]}\n`);
    }
    if (tally.firstWithErrors) {
        io.stderr.write(`regelratt: ${evalSummaries.linesWithErrors(input, tally.withErrors, tally.lines, tally.firstWithErrors.line, tally.firstWithErrors.code, options.locale)[options.locale]}\n`);
    }
    return tally.firstInvalid || tally.firstWithErrors ? EXIT_POLICY_ERRORS : EXIT_CLEAN;
}

/** A JSON file that asks when a riktlinje's terms fall due (`"type": "deadline"`) rather than giving a case. */
function isDeadlineQuestion(value: unknown): value is DeadlineQuestion & { type: 'deadline' } {
    return value !== null && typeof value === 'object' && (value as { type?: unknown }).type === 'deadline';
}
