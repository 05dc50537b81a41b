import { evaluateCase, RegelrattRuntimeError, type CaseInput, type PolicyRuntime } from '@regelratt/runtime';

/** A slice of a register: whole lines, and the number of the first (1-based). */
export interface RegisterBatch {
    seq: number;
    firstLine: number;
    text: string;
}

export interface AnsweredBatch {
    seq: number;
    output: string;
    invalid: number;
    lines: number;
}

/**
 * Answers a batch of register lines, one answer line per case line, in order: a line that is not a
 * case gets an error line in its place. Blank lines get none. The same code runs in the main thread
 * (one core) and in each worker (several), so the answers do not depend on how the work was split.
 */
export function answerBatch(runtime: PolicyRuntime, batch: RegisterBatch, options: { explain: boolean; date?: string; stamp?: Record<string, unknown> }): AnsweredBatch {
    const lines = batch.text.split('\n');
    // Joined once at the end: appending to one growing string makes a rope that costs more to flatten.
    const output: string[] = [];
    let invalid = 0;
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
        if (line.trim() === '') {
            continue;
        }
        let answer: unknown;
        try {
            const parsed = JSON.parse(line) as CaseInput;
            answer = evaluateCase(runtime, options.date && parsed && typeof parsed === 'object' && !parsed.date ? { ...parsed, date: options.date } : parsed, options.explain);
        } catch (error) {
            if (!(error instanceof RegelrattRuntimeError) && !(error instanceof SyntaxError)) {
                throw error;
            }
            invalid++;
            answer = { line: lineNumber, error: error instanceof RegelrattRuntimeError ? error.toJSON() : { code: 'invalid-json', message: error.message } };
        }
        // The service names the policy version in every line; `eval` adds nothing.
        output.push(JSON.stringify(options.stamp ? { ...(answer as object), ...options.stamp } : answer));
    }
    return { seq: batch.seq, output: output.length > 0 ? `${output.join('\n')}\n` : '', invalid, lines: lines.length };
}
