import type { Expression } from '@regelratt/format';
import { RegelrattRuntimeError, type PolicyRuntime } from '@regelratt/runtime';

/**
 * The runtime's answer to a question, or undefined where it answers with a typed error (no row, no
 * version, an open amount): the analyses that ask the runtime skip those, since other checks report them.
 */
export function runtimeAnswer(question: () => string): string | undefined {
    try {
        return question();
    } catch (error) {
        if (error instanceof RegelrattRuntimeError) {
            return undefined;
        }
        throw error;
    }
}

/** A formula's value on a date that reads nothing about a citizen; or that it reads one (or the level). */
export type ConstantValue = { kind: 'value'; value: string } | { kind: 'reads-case' } | { kind: 'none' };

/**
 * What the runtime makes of a compiled formula on a date without a citizen or a level: its value,
 * or `reads-case` where it needs one (an attribute, the level), or `none` where the runtime answers
 * with another typed error (no version in force, division by zero: other checks report those).
 */
export function constantValue(runtime: PolicyRuntime, expression: Expression, date: string): ConstantValue {
    try {
        return { kind: 'value', value: runtime.evaluate(expression, { date }) };
    } catch (error) {
        if (!(error instanceof RegelrattRuntimeError)) {
            throw error;
        }
        return error.code === 'missing-attribute' || error.code === 'missing-level' ? { kind: 'reads-case' } : { kind: 'none' };
    }
}
