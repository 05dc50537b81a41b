import { RegelrattRuntimeError } from '@regelratt/runtime';

/** The code of the typed error a question raises, or undefined when it answers; any other error fails the test. */
export function errorCode(question: () => unknown): string | undefined {
    try {
        question();
    } catch (error) {
        if (error instanceof RegelrattRuntimeError) {
            return error.code;
        }
        throw error;
    }
    return undefined;
}
