import { withReasons } from '@regelratt/document';
import { evaluateCase, RegelrattRuntimeError, type CaseInput, type PolicyRuntime } from '@regelratt/runtime';
import { inputErrors } from './answer-errors.js';
import { JsonInputError, readJson } from './exact-json.js';

/** A slice of a register: whole lines, and the number of the first (1-based). */
export interface RegisterBatch {
    seq: number;
    firstLine: number;
    text: string;
}

/** A line that was named in a summary: its number and the code of its (first) error. */
export interface NotedLine {
    line: number;
    code: string;
}

export interface AnsweredBatch {
    seq: number;
    output: string;
    /** Lines that hold no case (an error line in their place). */
    invalid: number;
    /** Cases answered, but with at least one answer that is a typed error. */
    withErrors: number;
    firstInvalid?: NotedLine;
    firstWithErrors?: NotedLine;
    lines: number;
}

/** An answer line's error for a line that holds no case. */
const EMPTY_LINE = { sv: 'raden är tom; varje rad ska vara ett fall', en: 'the line is empty; every line should be a case' } as const;

/**
 * Answers a batch of register lines: exactly one answer line per input line, in order, each
 * starting with its line number (`line`), so answers join to lines even where a line is blank or
 * not a case (an error line in its place). The same code runs in the main thread (one core) and in
 * each worker (several), so the answers do not depend on how the work was split.
 */
export function answerBatch(runtime: PolicyRuntime, batch: RegisterBatch, options: { explain: boolean; date?: string; stamp?: Record<string, unknown>; locale?: 'sv' | 'en' }): AnsweredBatch {
    const lines = batch.text.split('\n');
    const locale = options.locale ?? 'sv';
    // Joined once at the end: appending to one growing string makes a rope that costs more to flatten.
    const output: string[] = [];
    let invalid = 0;
    let withErrors = 0;
    let firstInvalid: NotedLine | undefined;
    let firstWithErrors: NotedLine | undefined;
    for (let index = 0; index < lines.length; index++) {
        const lineNumber = batch.firstLine + index;
        let line = lines[index];
        if (line.endsWith('\r')) {
            line = line.slice(0, -1);
        }
        if (lineNumber === 1 && line.charCodeAt(0) === 0xfeff) {
            // A byte-order mark (editors on Windows write one) is not part of the JSON.
            line = line.slice(1);
        }
        let answer: object;
        try {
            if (line.trim() === '') {
                invalid++;
                firstInvalid ??= { line: lineNumber, code: 'empty-line' };
                answer = { line: lineNumber, error: { code: 'empty-line', message: EMPTY_LINE[locale] } };
            } else {
                const parsed = readJson(line) as CaseInput;
                const input = options.date && parsed && typeof parsed === 'object' && !parsed.date ? { ...parsed, date: options.date } : parsed;
                const answered = evaluateCase(runtime, input, options.explain, locale);
                const errors = inputErrors(answered);
                if (errors.first) {
                    withErrors++;
                    firstWithErrors ??= { line: lineNumber, code: errors.first.code };
                }
                // With the explanation, each answer's reason too (a register's plain loop stays without).
                answer = { line: lineNumber, ...(options.explain ? withReasons(runtime, input, answered, locale) : answered) };
            }
        } catch (error) {
            if (!(error instanceof RegelrattRuntimeError) && !(error instanceof JsonInputError)) {
                throw error;
            }
            invalid++;
            firstInvalid ??= { line: lineNumber, code: error.code };
            answer = { line: lineNumber, error: error instanceof RegelrattRuntimeError ? error.answerIn(locale) : { code: error.code, message: error.describe(locale, lineNumber) } };
        }
        // The service names the policy version in every line; `eval` adds nothing.
        output.push(JSON.stringify(options.stamp ? { ...answer, ...options.stamp } : answer));
    }
    return {
        seq: batch.seq, output: output.length > 0 ? `${output.join('\n')}\n` : '', invalid, withErrors, lines: lines.length,
        ...(firstInvalid ? { firstInvalid } : {}), ...(firstWithErrors ? { firstWithErrors } : {}),
    };
}
