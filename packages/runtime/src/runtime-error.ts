/** What went wrong with a question, as a code a consuming system can branch on (and an example can expect). */
export const RUNTIME_ERROR_CODES = [
    'unsupported-schema',
    'invalid-file',
    'unknown-element',
    'missing-attribute',
    'unknown-attribute',
    'value-outside-domain',
    'wrong-value-type',
    'no-valid-version',
    'unknown-level',
    'missing-level',
    'open-amount',
    'missing-date',
    'not-computable',
    'no-matching-row',
    'several-matching-rows',
] as const;

export type RuntimeErrorCode = typeof RUNTIME_ERROR_CODES[number];

/**
 * Bad input or a question the policy cannot answer: always this error, with a code and the details
 * that name the problem, never a silent default. The message is Swedish; `details` is for machines.
 */
export class RegelrattRuntimeError extends Error {
    constructor(readonly code: RuntimeErrorCode, message: string, readonly details: Record<string, unknown> = {}) {
        // A typed answer, not a bug: its code and details say everything, and a register may meet
        // thousands of them, so no stack trace is captured (capturing one costs more than the answer).
        // (`stackTraceLimit` is V8's; elsewhere setting it does nothing.)
        const engine = Error as ErrorConstructor & { stackTraceLimit?: number };
        const limit = engine.stackTraceLimit;
        engine.stackTraceLimit = 0;
        super(message);
        engine.stackTraceLimit = limit;
        this.name = 'RegelrattRuntimeError';
    }

    toJSON(): { code: RuntimeErrorCode; message: string; details: Record<string, unknown> } {
        return { code: this.code, message: this.message, details: this.details };
    }
}
