import { RegelrattRuntimeError } from './runtime-error.js';

/**
 * Faults of the code generators themselves: an error in generating code, in compiling what was
 * generated (a syntax error), or in running it (a name two parts of the code both declare, say) that
 * is neither a deliberate refusal nor a typed error of the runtime. Every generated path gives up
 * quietly and leaves the question to the exact evaluator, so a fault costs no wrong answer, only
 * speed, and would go unseen: it is kept here (the first hundred), and the tests require the list to
 * stay empty.
 */
export const generatedCodeFaults: unknown[] = [];

/** A shape a generator leaves to the exact evaluator on purpose (a cycle, an unknown rounding or attribute in a tampered file). */
export class NotGenerated extends Error { }

/** Keeps `error` unless it is a deliberate refusal or a typed error of the runtime. */
export function recordFault(error: unknown): void {
    if (!(error instanceof RegelrattRuntimeError) && !(error instanceof NotGenerated) && generatedCodeFaults.length < 100) {
        generatedCodeFaults.push(error);
    }
}
