import { decisionResultKind, type Example, type ExampleExpectation, type ExampleListItem, type Literal } from '@regelratt/format';
import type { CitizenInput } from './citizen.js';
import type { PolicyRuntime } from './policy-runtime.js';
import { RegelrattRuntimeError, runtimeError } from './runtime-error.js';

export interface ExampleResult {
    example: Example;
    passed: boolean;
    expected: ExampleExpectation;
    /** What the runtime answered, in the expectation's terms; absent when it raised an error. */
    actual?: ExampleExpectation;
    /** The error the runtime answered with: `message` is Swedish, `messageIn` gives the reader's language. */
    error?: RegelrattRuntimeError;
}

function literalValue(literal: Literal): unknown {
    if ('boolean' in literal) {
        return literal.boolean;
    }
    if ('enumeration' in literal) {
        return literal.enumeration;
    }
    if ('date' in literal) {
        return literal.date;
    }
    return literal.number;
}

/** An example's citizen as the runtime's questions take it (also the analyses', to ask about an example's citizen). */
export function exampleCitizen(values: Array<{ attribute: string; value: Literal }>): CitizenInput {
    return Object.fromEntries(values.map(v => [v.attribute, literalValue(v.value)]));
}

/** The answer in the same shape as the expectation, so the two compare field by field. */
function answer(runtime: PolicyRuntime, example: Example): ExampleExpectation {
    const question = example.question;
    switch (question.type) {
        case 'placement': {
            const placement = runtime.placeInPathway(question.model, exampleCitizen(question.citizen));
            return { pathway: placement.pathway, ...(placement.secondary ? { secondary: placement.secondary } : {}) };
        }
        case 'inclusion':
            return { included: runtime.checkInclusion(question.pilot, exampleCitizen(question.citizen), example.date ? { date: example.date } : {}).included };
        case 'eligibility':
            return { granted: runtime.checkEligibility(question.service, exampleCitizen(question.citizen)).granted };
        case 'compensation':
            return { amount: runtime.compensation(question.table, question.level, example.date).amount };
        case 'fee': {
            if (!example.date) {
                throw runtimeError('example-without-date', { dated: 'fee' }, { example: example.id });
            }
            return { amount: runtime.fee(question.fee, question.level, exampleCitizen(question.citizen), example.date).amount };
        }
        case 'calculation': {
            if (!example.date) {
                throw runtimeError('example-without-date', { dated: 'calculation' }, { example: example.id });
            }
            const level = question.level;
            return { amount: runtime.calculate(question.calculation, { date: example.date, citizen: exampleCitizen(question.citizen), ...(level !== undefined ? { level } : {}) }, { explain: false }).amount };
        }
        case 'decision': {
            const needs = example.date ? undefined : runtime.datedRead(question.table);
            if (needs) {
                throw runtimeError('example-without-date', { dated: 'decision', needs: needs.name }, { example: example.id, needs: needs.id });
            }
            const level = question.level;
            const decision = runtime.decide(question.table, { ...(example.date ? { date: example.date } : {}), citizen: exampleCitizen(question.citizen), ...(level !== undefined ? { level } : {}) });
            // A column of förlopp answers with a förlopp's id; the others with a number. The column
            // decides, not the expectation (an example expecting an error still shows a förlopp as one).
            const table = runtime.policy.get(question.table, 'decisionTable');
            const column = question.column === undefined ? 0 : table.outputs.indexOf(question.column);
            const kinds = new Set([...table.rows.map(row => row.then), ...(table.defaultOutputs ? [table.defaultOutputs] : [])]
                .flatMap(then => (then[column] ? [decisionResultKind(then[column])] : [])));
            const item = (value: string): ExampleListItem => kinds.has('pathway') ? { pathway: value }
                : kinds.has('text') ? { text: value } : kinds.has('yesNo') ? { yesNo: value === 'ja' } : kinds.has('date') ? { date: value } : { amount: value };
            // Only an example that expects a list asks for one: any other (one expecting an error too) asks
            // for one value, which decisionValue refuses for a list table, the error such an example expects.
            if (decision.list && example.expected.list !== undefined) {
                // A list policy's answer, in its order.
                return {
                    list: runtime.decisionValues(decision, question.column).map((value, index) => {
                        if (value === null) {
                            const row = decision.default ? 'annars' as const : decision.rows![index];
                            const name = question.column ?? table.outputs[0];
                            throw runtimeError('table-open-value', { column: name, row, table: decision.table }, { table: decision.table, row, column: name });
                        }
                        return item(value);
                    }),
                };
            }
            return item(runtime.decisionValue(decision, question.column));
        }
        case 'netEffect': {
            const effect = runtime.netEffect({ ...question, date: example.date });
            return { monthly: effect.monthly, total: effect.total };
        }
    }
}

/**
 * Whether the answer gives one field the example states: a list item by item, in order (the list
 * policies' order is part of their answer, `samla` alone keeping row order); every other field as it is.
 */
export function expectedFieldHolds(expected: ExampleExpectation, actual: ExampleExpectation | undefined, key: keyof ExampleExpectation): boolean {
    if (key === 'list') {
        const got = actual?.list;
        // A table that answers one value gives no list (null where the example shows what came), never a match.
        return expected.list !== undefined && Array.isArray(got) && expected.list.length === got.length
            && expected.list.every((item, index) => matches(item, got[index]) && matches(got[index], item));
    }
    return expected[key] === actual?.[key];
}

/** Only the fields the example states are compared; the answer may say more. */
function matches(expected: ExampleExpectation, actual: ExampleExpectation): boolean {
    return (Object.keys(expected) as Array<keyof ExampleExpectation>).every(key => expectedFieldHolds(expected, actual, key));
}

/** Runs every inline example of the policy through the runtime. */
export function runExamples(runtime: PolicyRuntime): ExampleResult[] {
    return runtime.policy.all('example').map(example => {
        try {
            const actual = answer(runtime, example);
            if (example.expected.error !== undefined) {
                // The example expects the question to fail; an answer is the failure.
                return { example, passed: false, expected: example.expected, actual };
            }
            const shown = Object.fromEntries(Object.keys(example.expected).map(k => [k, actual[k as keyof ExampleExpectation] ?? null])) as ExampleExpectation;
            // An answer of another kind than expected (a date where an amount was expected) is kept, so the failure can say what came.
            if (Object.keys(example.expected).every(k => actual[k as keyof ExampleExpectation] === undefined)) {
                Object.assign(shown, actual);
            }
            return { example, passed: matches(example.expected, actual), expected: example.expected, actual: shown };
        } catch (error) {
            if (error instanceof RegelrattRuntimeError) {
                const passed = example.expected.error === error.code;
                const actual = example.expected.error !== undefined ? { actual: { error: error.code } } : {};
                return { example, passed, expected: example.expected, ...actual, error };
            }
            throw error;
        }
    });
}
