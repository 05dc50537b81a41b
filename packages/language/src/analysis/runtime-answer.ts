import { RegelrattRuntimeError } from '@regelratt/runtime';

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
