import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { evaluateCase, PolicyRuntime, RegelrattRuntimeError, runtimeError, type CaseInput } from '@regelratt/runtime';
import { fixture } from './fixture.js';

/**
 * The generated fast path for whole cases must answer exactly as the question-by-question API:
 * same placements, inclusions, compensation and the same typed errors, on valid and invalid input.
 */
const runtime = new PolicyRuntime([fixture]);

function asked<T>(question: () => T): T | { error: { code: string; message: string; details: Record<string, unknown> } } {
    try {
        return question();
    } catch (error) {
        if (error instanceof RegelrattRuntimeError) {
            return { error: error.toJSON() };
        }
        throw error;
    }
}

/** The oracle: every question asked one by one through the public API. */
function oneByOne(input: CaseInput) {
    const models = runtime.policy.all('pathwayModel').map(m => ({ model: m.id, ...asked(() => runtime.placeInPathway(m.id, input.citizen)) }));
    const pilots = runtime.policy.all('pilot').map(p => ({ pilot: p.id, ...asked(() => runtime.checkInclusion(p.id, input.citizen, { date: input.date, unit: input.unit, service: input.service })) }));
    const compensation = input.level === undefined ? [] : runtime.policy.all('levelTable')
        .filter(t => !input.date || !t.validity || (input.date >= t.validity.from && (!t.validity.to || input.date <= t.validity.to)))
        .map(t => ({ table: t.id, ...asked(() => ({ amount: runtime.compensation(t.id, input.level!).amount })) }));
    const missing = (code: 'missing-date' | 'missing-level', fee: string) => () => {
        throw code === 'missing-date' ? runtimeError('case-without-date', {}) : runtimeError('case-without-level', {}, { fee });
    };
    const fees = runtime.policy.all('fee')
        .filter(f => !input.date || !f.validity || (input.date >= f.validity.from && (!f.validity.to || input.date <= f.validity.to)))
        .map(f => ({
            fee: f.id, ...asked(() => (input.date === undefined ? missing('missing-date', f.id)() : input.level === undefined
                ? missing('missing-level', f.id)() : { amount: runtime.fee(f.id, input.level, input.citizen, input.date).amount })),
        }));
    const rates = [...runtime.policy.all('flatRate'), ...runtime.policy.all('placeRate'), ...runtime.policy.all('hourlyRate')]
        .filter(r => !input.date || !r.validity || (input.date >= r.validity.from && (!r.validity.to || input.date <= r.validity.to)))
        .map(r => (!r.amount || 'open' in r.amount
            ? { rate: r.id, error: { code: 'open-amount', message: `Policyn anger inget belopp för ${r.name}.`, details: { rate: r.id } } }
            : { rate: r.id, amount: r.amount.value, ...(r.amount.per ? { per: r.amount.per } : {}) }));
    const hasRates = runtime.policy.all('flatRate').length + runtime.policy.all('placeRate').length + runtime.policy.all('hourlyRate').length > 0;
    const answer = { ...(input.id === undefined ? {} : { id: input.id }), placements: models, inclusions: pilots, compensation, ...(hasRates ? { rates } : {}) };
    return runtime.policy.all('fee').length > 0 ? { ...answer, fees } : answer;
}

const value = <T>(valid: fc.Arbitrary<T>) => fc.oneof(
    { weight: 8, arbitrary: valid },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, null, 'fel', -1, 1000, 3.5, true) },
);

const caseArb: fc.Arbitrary<CaseInput> = fc.record({
    id: fc.option(fc.integer(), { nil: undefined }),
    citizen: fc.record({
        förmåga: value(fc.constantFrom('hög', 'utvecklingsbar', 'nedsatt')),
        ålder: value(fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constantFrom(17, 18, 65, 66))),
        svikt: value(fc.oneof(fc.boolean(), fc.constantFrom('ja', 'nej'))),
        vikt: value(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom('40,5', '40.5', 40.5, '12'))),
    }),
    level: fc.option(fc.constantFrom(0, 1, 5, 7, 11), { nil: undefined }),
    date: fc.option(fc.constantFrom('2020-06-01', '2021-03-01', '2021-06-01', '2022-01-01'), { nil: undefined }),
    unit: fc.option(fc.constantFrom('karla', 'unit/karla', 'vivalla'), { nil: undefined }),
    service: fc.option(fc.constantFrom('hemvård', 'boendestöd'), { nil: undefined }),
}, { requiredKeys: ['citizen'] });

describe('the fast path for whole cases', () => {
    test('answers exactly as the questions asked one by one', () => {
        fc.assert(fc.property(caseArb, input => {
            expect(JSON.parse(JSON.stringify(evaluateCase(runtime, input)))).toEqual(JSON.parse(JSON.stringify(oneByOne(input))));
        }), { numRuns: 2000, seed: 42 });
    });
});

/** A case with its citizen's names in any order, sometimes one the policy does not declare, sometimes a date that is no day. */
const unusualCaseArb: fc.Arbitrary<CaseInput> = fc.tuple(caseArb, fc.boolean(), fc.option(fc.constantFrom('vikten', 'constructor', 'attribute/ålder'), { nil: undefined }),
    fc.option(fc.constantFrom('2021-02-30', '2021-6-01', '', '2021-06-01x'), { nil: undefined }))
    .map(([input, reversed, extra, badDate]) => {
        const entries = Object.entries(input.citizen);
        const citizen = Object.fromEntries(reversed ? entries.reverse() : entries);
        if (extra) {
            citizen[extra] = 40;
        }
        return { ...input, citizen, ...(badDate !== undefined ? { date: badDate } : {}) };
    });

describe('a register answered case after case', () => {
    test('each case gets the answer a fresh runtime gives it: nothing one case leaves behind (names checked, the day, rates, fees) changes the next', () => {
        const shared = new PolicyRuntime([fixture]);
        fc.assert(fc.property(fc.array(unusualCaseArb, { minLength: 1, maxLength: 6 }), inputs => {
            for (const input of inputs) {
                const fresh = new PolicyRuntime([fixture]);
                const expected = JSON.parse(JSON.stringify(asked(() => evaluateCase(fresh, input))));
                expect(JSON.parse(JSON.stringify(asked(() => evaluateCase(shared, input)))), JSON.stringify(input)).toEqual(expected);
            }
        }), { numRuns: 300, seed: 7 });
    });

    test('a name the policy does not declare is refused after a case with the same names that passed', () => {
        const shared = new PolicyRuntime([fixture]);
        const citizen = { förmåga: 'hög', ålder: 70, svikt: false, vikt: 60 };
        expect(asked(() => evaluateCase(shared, { citizen, date: '2021-06-01' }))).not.toHaveProperty('error');
        expect(asked(() => evaluateCase(shared, { citizen: { ...citizen, vikten: 61 }, date: '2021-06-01' }))).toMatchObject({ error: { code: 'unknown-attribute' } });
        expect(asked(() => evaluateCase(shared, { citizen, date: '2021-02-30' }))).toMatchObject({ error: { code: 'wrong-value-type' } });
    });
});
