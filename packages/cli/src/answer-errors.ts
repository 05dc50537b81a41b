import { isInputError, type CaseAnswer } from '@regelratt/runtime';

/** A typed error in place of an answer, as the runtime writes it. */
export interface AnswerError {
    code: string;
    message: string;
}

/**
 * Which parts of an answer hold a list of answers, each of which may be an error in its place.
 * Keyed by the answer's own fields, so a new kind of answer is a compile error here until it says
 * whether its errors count.
 */
const ANSWER_LISTS = {
    id: false,
    placements: true,
    inclusions: true,
    compensation: true,
    fees: true,
    rates: true,
    decisions: true,
    amounts: true,
    eligibility: true,
} as const satisfies Record<keyof CaseAnswer, boolean>;

const LISTS = (Object.keys(ANSWER_LISTS) as Array<keyof CaseAnswer>).filter(key => ANSWER_LISTS[key]);

/**
 * How many of a case's answers are errors of the case's own (a missing or wrong value: see
 * RUNTIME_ERROR_SOURCE), and the first of them, for a message that names one. An answer the policy
 * does not give (an amount it leaves open, a level it has no amount for) is an answer, not counted.
 */
export function inputErrors(answer: CaseAnswer): { count: number; first?: AnswerError } {
    let count = 0;
    let first: AnswerError | undefined;
    for (const key of LISTS) {
        const list = answer[key] as ReadonlyArray<{ error?: AnswerError }> | undefined;
        if (!list) {
            continue;
        }
        for (const entry of list) {
            if (entry.error && isInputError(entry.error.code)) {
                count++;
                first ??= entry.error;
            }
        }
    }
    return first ? { count, first } : { count };
}
