import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { CompiledPolicyFile, Criterion, Pilot } from '@regelratt/format';
import { PolicyRuntime, RegelrattRuntimeError } from '@regelratt/runtime';
import { fixture } from './fixture.js';

/**
 * The runtime evaluates criteria two ways: generated JavaScript for answers, closures for
 * explanations (and where code generation is not allowed). They must agree, errors included, on
 * any criterion over any domain and any input, valid or not.
 */
const number = (min: number, max: number) => fc.integer({ min, max }).map(n => ({ number: String(n) }));
const atom: fc.Arbitrary<Criterion> = fc.oneof(
    fc.tuple(fc.constantFrom<'=' | '!='>('=', '!='), fc.constantFrom('hög', 'utvecklingsbar', 'nedsatt')).map(([op, v]) => ({ attribute: 'attribute/förmåga', op, value: { enumeration: v } })),
    fc.tuple(fc.constantFrom<'=' | '!=' | '<' | '<=' | '>' | '>='>('=', '!=', '<', '<=', '>', '>='), number(-1, 121)).map(([op, value]) => ({ attribute: 'attribute/ålder', op, value })),
    fc.tuple(fc.constantFrom<'<' | '>=' | '='>('<', '>=', '='), fc.integer({ min: 0, max: 600 }).map(n => ({ number: String(n / 2) }))).map(([op, value]) => ({ attribute: 'attribute/vikt', op, value })),
    fc.constant<Criterion>({ attribute: 'attribute/svikt', test: true }),
    fc.tuple(fc.constantFrom<'<' | '>='>('<', '>='), fc.constantFrom('2021-01-01', '2021-06-30')).map(([op, date]) => ({ attribute: 'attribute/beslut', op, value: { date } })),
    fc.tuple(number(0, 60), number(60, 120)).map(([a, b]) => ({ attribute: 'attribute/ålder', between: { min: a.number, max: b.number } })),
    fc.array(number(0, 120), { minLength: 1, maxLength: 3 }).map(values => ({ attribute: 'attribute/ålder', in: values })),
);
const { criterion } = fc.letrec<{ criterion: Criterion }>(tie => ({
    criterion: fc.oneof(
        { depthSize: 'small' },
        atom,
        fc.array(tie('criterion'), { minLength: 2, maxLength: 3 }).map(all => ({ all })),
        fc.array(tie('criterion'), { minLength: 2, maxLength: 3 }).map(any => ({ any })),
        tie('criterion').map(not => ({ not })),
    ),
}));
const maybeBad = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, 'x', 500, '12,5') });
const citizen = fc.record({
    förmåga: maybeBad(fc.constantFrom('hög', 'utvecklingsbar', 'nedsatt')),
    ålder: maybeBad(fc.oneof(fc.integer({ min: 0, max: 120 }), fc.constantFrom('65', '18'))),
    vikt: maybeBad(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom('40,5', 12.25))),
    svikt: maybeBad(fc.oneof(fc.boolean(), fc.constantFrom('ja', 'nej'))),
    beslut: maybeBad(fc.constantFrom('2020-12-31', '2021-01-01', '2021-06-30', '2021-07-01')),
});

function outcome(action: () => boolean): boolean | string {
    try {
        return action();
    } catch (error) {
        if (error instanceof RegelrattRuntimeError) {
            return error.code;
        }
        throw error;
    }
}

describe('generated criterion code and closures', () => {
    test('agree on every criterion and citizen, errors included', () => {
        fc.assert(fc.property(criterion, fc.array(criterion, { maxLength: 2 }), fc.array(citizen, { minLength: 1, maxLength: 5 }), (inclusion, exclusions, citizens) => {
            const pilot: Pilot = { id: 'pilot/q', kind: 'pilot', name: 'q', source: fixture.elements[0].source, services: [], units: [], inclusion, exclusions, goals: [] };
            const file: CompiledPolicyFile = { ...fixture, elements: [...fixture.elements, pilot] };
            const runtime = new PolicyRuntime([file]);
            for (const input of citizens) {
                const generated = outcome(() => runtime.checkInclusion('q', input).included);
                const closures = outcome(() => runtime.checkInclusion('q', input, {}, { explain: true }).included);
                expect(generated, JSON.stringify({ inclusion, exclusions, input })).toBe(closures);
            }
        }), { numRuns: 1000, seed: 2026 });
    });
});
