/** What went wrong with a question, as a code a consuming system can branch on. */
export type RuntimeErrorCode =
    | 'unsupported-schema'
    | 'unknown-element'
    | 'missing-attribute'
    | 'unknown-attribute'
    | 'value-outside-domain'
    | 'wrong-value-type'
    | 'no-valid-version'
    | 'unknown-level'
    | 'open-amount'
    | 'missing-date'
    | 'not-computable';

/**
 * Bad input or a question the policy cannot answer: always this error, with a code and the details
 * that name the problem, never a silent default. The message is Swedish; `details` is for machines.
 */
export class RegelrattRuntimeError extends Error {
    constructor(readonly code: RuntimeErrorCode, message: string, readonly details: Record<string, unknown> = {}) {
        super(message);
        this.name = 'RegelrattRuntimeError';
    }

    toJSON(): { code: RuntimeErrorCode; message: string; details: Record<string, unknown> } {
        return { code: this.code, message: this.message, details: this.details };
    }
}
