import { RUNTIME_MESSAGES, type RuntimeLocale, type RuntimeMessageArgs, type RuntimeMessageKey } from './runtime-messages.js';

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
    'outside-limit',
] as const;

export type RuntimeErrorCode = typeof RUNTIME_ERROR_CODES[number];

/**
 * Whose the error is. `input`: the case (or the file) is wrong or incomplete, and the one who sent it
 * must fix it; `eval` exits 1 for it. `unanswered`: the case is fine and the policy gives no answer
 * to this question for it (a level with no amount, a date outside the policy's versions, an amount
 * the policy leaves open, a table with no row for the case): that is the answer, and `eval` exits 0.
 */
export const RUNTIME_ERROR_SOURCE = {
    'unsupported-schema': 'input',
    'invalid-file': 'input',
    'unknown-element': 'input',
    'missing-attribute': 'input',
    'unknown-attribute': 'input',
    'value-outside-domain': 'input',
    'wrong-value-type': 'input',
    'missing-date': 'input',
    // A case that gives no level asks no fee question: the fee is not answered, the case is not wrong.
    'missing-level': 'unanswered',
    'no-valid-version': 'unanswered',
    'unknown-level': 'unanswered',
    'open-amount': 'unanswered',
    'not-computable': 'unanswered',
    'no-matching-row': 'unanswered',
    'several-matching-rows': 'unanswered',
    // The case is fine; the policy's formula gives an amount its own limit forbids.
    'outside-limit': 'unanswered',
} as const satisfies Record<RuntimeErrorCode, 'input' | 'unanswered'>;

/** True when an answer's error is the case's fault (see RUNTIME_ERROR_SOURCE); an unknown code counts as the case's. */
export function isInputError(code: string): boolean {
    return (RUNTIME_ERROR_SOURCE as Record<string, 'input' | 'unanswered' | undefined>)[code] !== 'unanswered';
}

/**
 * Bad input or a question the policy cannot answer: always this error, with a code and the details
 * that name the problem, never a silent default. Made by `runtimeError`, from a message of the
 * catalogue (runtime-messages.ts): `message` is its Swedish text, `messageIn` gives either language;
 * `details` is for machines.
 */
export class RegelrattRuntimeError extends Error {
    readonly code: RuntimeErrorCode;

    constructor(readonly key: RuntimeMessageKey, private readonly args: object, readonly details: Record<string, unknown> = {}) {
        // A typed answer, not a bug: its code and details say everything, and a register may meet
        // thousands of them, so no stack trace is captured (capturing one costs more than the answer).
        // (`stackTraceLimit` is V8's; elsewhere setting it does nothing.)
        const engine = Error as ErrorConstructor & { stackTraceLimit?: number };
        const limit = engine.stackTraceLimit;
        engine.stackTraceLimit = 0;
        super(render(key, args, 'sv'));
        engine.stackTraceLimit = limit;
        this.name = 'RegelrattRuntimeError';
        this.code = RUNTIME_MESSAGES[key].code;
    }

    /** The message in the reader's language (the English text is made only when asked for). */
    messageIn(locale: RuntimeLocale): string {
        return locale === 'sv' ? this.message : render(this.key, this.args, locale);
    }

    /** The error as an answer carries it, worded in the reader's language. */
    answerIn(locale: RuntimeLocale): { code: RuntimeErrorCode; message: string; details: Record<string, unknown> } {
        return { code: this.code, message: this.messageIn(locale), details: this.details };
    }

    /** In Swedish. (`JSON.stringify` passes the property's key here, so the language cannot be a parameter.) */
    toJSON(): { code: RuntimeErrorCode; message: string; details: Record<string, unknown> } {
        return this.answerIn('sv');
    }
}

function render(key: RuntimeMessageKey, args: object, locale: RuntimeLocale): string {
    return (RUNTIME_MESSAGES[key][locale] as (args: object) => string)(args);
}

/** A runtime error from the catalogue's message `key`, its arguments checked against the message. */
export function runtimeError<K extends RuntimeMessageKey>(key: K, args: RuntimeMessageArgs<K>, details: Record<string, unknown> = {}): RegelrattRuntimeError {
    return new RegelrattRuntimeError(key, args as object, details);
}

/** An error's message in the reader's language: the catalogue's for a runtime error, else as it is. */
export function errorMessage(error: unknown, locale: RuntimeLocale): string {
    return error instanceof RegelrattRuntimeError ? error.messageIn(locale) : error instanceof Error ? error.message : String(error);
}
