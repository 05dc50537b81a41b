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

/** The typed error a question raises; fails the test when it answers or raises any other error. */
export function errorOf(question: () => unknown): RegelrattRuntimeError {
    try {
        question();
    } catch (error) {
        if (error instanceof RegelrattRuntimeError) {
            return error;
        }
        throw error;
    }
    throw new Error('expected a RegelrattRuntimeError, got an answer');
}
