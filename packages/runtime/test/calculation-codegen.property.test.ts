import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ExactNumber, type Attribute, type CompiledPolicyFile, type Criterion, type Expression, type Rounding, type SourceSpan } from '@regelratt/format';
import { Calculator } from '../src/calculation.js';
import { generateCalculation, type FastCalculation } from '../src/calculation-codegen.js';
import { generatedCodeFaults } from '../src/generated-code-faults.js';
import { attributeEntry, CitizenValues, type AttributeCatalogue } from '../src/citizen.js';
import { PreparedTable } from '../src/money.js';
import { PolicySet } from '../src/policy-set.js';
import { RegelrattRuntimeError } from '../src/runtime-error.js';

/**
 * The generated code for calculations against the exact evaluator: random formulas over every kind
 * of expression (attributes of each type, parameters by date, decision tables with both hit
 * policies and open cells, level tables, rates, the level, + − × /, min and max, every rounding
 * rule, `om … annars`), with numbers that overflow the safe integers and divisions by zero, for random
 * citizens (some with missing or bad values), dates and levels. Wherever the generated code answers,
 * its answer must be the exact evaluator's, digit for digit; where it does not, the exact evaluator
 * answers. And it must answer often (a generator that always gave up would pass the first check), and
 * give up only on purpose, never by a fault of its own code.
 */
const at: SourceSpan = { file: 'p.regel', line: 1, column: 1, endLine: 1, endColumn: 1 };
const attributes: Attribute[] = [
    { id: 'attribute/besök', kind: 'attribute', name: 'besök', source: at, domain: { type: 'integer', min: '0', max: '200' } },
    { id: 'attribute/timmar', kind: 'attribute', name: 'timmar', source: at, domain: { type: 'decimal', min: '0', max: '300' } },
    { id: 'attribute/inkomst', kind: 'attribute', name: 'inkomst', source: at, domain: { type: 'money', per: 'month' } },
    { id: 'attribute/gift', kind: 'attribute', name: 'gift', source: at, domain: { type: 'boolean' } },
    { id: 'attribute/larm', kind: 'attribute', name: 'larm', source: at, domain: { type: 'enumeration', values: [{ name: 'saknas' }, { name: 'digitalt' }] } },
];

const fixed: CompiledPolicyFile['elements'] = [
    ...attributes,
    {
        id: 'parameter/pbb', kind: 'parameter', name: 'pbb', source: at, valueType: 'money', versions: [
            { from: '2024-01-01', to: '2024-12-31', value: { value: '57300', unit: 'kr' }, source: at },
            { from: '2025-01-01', to: '2025-12-31', value: { value: '58800', unit: 'kr' }, source: at },
        ],
    },
    { id: 'parameter/andel', kind: 'parameter', name: 'andel', source: at, valueType: 'percent', versions: [{ from: '2024-01-01', value: { value: '53.92', unit: '%' }, source: at }] },
    { id: 'levelTable/ersättning', kind: 'levelTable', name: 'ersättning', source: at, rows: [{ level: 1, amount: { value: '1200.5', unit: 'kr' }, source: at }, { level: 2, amount: { open: true }, source: at }] },
    { id: 'hourlyRate/timpris', kind: 'hourlyRate', name: 'timpris', source: at, amount: { value: '337.5', unit: 'kr', per: 'hour' } },
    {
        id: 'decisionTable/nivåer', kind: 'decisionTable', name: 'nivåer', source: at, hitPolicy: 'unique',
        validity: { from: '2024-06-01' }, inputs: [{ attribute: 'attribute/besök' }], outputs: ['nivå', 'avgift'],
        rows: [
            { when: [{ attribute: 'attribute/besök', op: '=', value: { number: '0' } }], then: [{ value: '0', unit: 'none' }, { value: '0', unit: 'kr' }], source: at },
            { when: [{ attribute: 'attribute/besök', between: { min: '1', max: '10' } }], then: [{ value: '1', unit: 'none' }, { value: '705.25', unit: 'kr' }], source: at },
            // Overlaps the row above at 10 (a unique table's error) and leaves 100–200 open (no row).
            { when: [{ attribute: 'attribute/besök', between: { min: '10', max: '99' } }], then: [{ value: '2', unit: 'none' }, { open: true }], source: at },
        ],
    },
    {
        id: 'decisionTable/larmavgift', kind: 'decisionTable', name: 'larmavgift', source: at, hitPolicy: 'first',
        inputs: [{ attribute: 'attribute/larm' }, { attribute: 'attribute/gift' }], outputs: ['andel'],
        rows: [
            { when: [{ attribute: 'attribute/larm', op: '=', value: { enumeration: 'saknas' } }, null], then: [{ value: '0', unit: '%' }], source: at },
            { when: [null, { attribute: 'attribute/gift', test: true }], then: [{ value: '50', unit: '%' }], source: at },
            { when: [null, null], then: [{ value: '100', unit: '%' }], source: at },
        ],
    },
    {
        id: 'decisionTable/pålägg', kind: 'decisionTable', name: 'pålägg', source: at, hitPolicy: 'unique', levels: { min: 0, max: 3 },
        inputs: [{ level: true }], outputs: ['belopp'],
        rows: [
            { when: [{ attribute: 'level/nivå', op: '<=', value: { number: '1' } }], then: [{ value: '10', unit: 'kr' }], source: at },
            { when: [{ attribute: 'level/nivå', op: '>', value: { number: '1' } }], then: [{ value: '30', unit: 'kr' }], source: at },
        ],
    },
    { id: 'calculation/maxtaxa', kind: 'calculation', name: 'maxtaxa', source: at, value: { round: { op: '/', left: { op: '*', left: { ref: 'parameter/andel' }, right: { ref: 'parameter/pbb' } }, right: { quantity: { value: '12', unit: 'none' } } }, rounding: { unit: 'krona', mode: 'down' } } },
    { id: 'calculation/per_besök', kind: 'calculation', name: 'per_besök', source: at, value: { op: '*', left: { ref: 'attribute/besök' }, right: { quantity: { value: '95.5', unit: 'kr' } } } },
];

const number = fc.constantFrom('0', '1', '2', '3', '12', '0.5', '1.25', '-7', '100', '0.3333', '9007199254740991', '123456789012.34', '-0.01');
const roundings: fc.Arbitrary<Rounding> = fc.record({
    unit: fc.constantFrom('krona' as const, 'öre' as const),
    mode: fc.constantFrom('half-away-from-zero' as const, 'half-up' as const, 'half-even' as const, 'down' as const, 'up' as const),
});
const criterion: fc.Arbitrary<Criterion> = fc.oneof(
    fc.constant<Criterion>({ attribute: 'attribute/gift', test: true }),
    fc.integer({ min: 0, max: 200 }).map<Criterion>(n => ({ attribute: 'attribute/besök', op: '>=', value: { number: String(n) } })),
    fc.constant<Criterion>({ attribute: 'attribute/larm', op: '=', value: { enumeration: 'digitalt' } }),
    fc.constant<Criterion>({ attribute: 'attribute/timmar', op: '<', value: { number: '12.5' } }),
);
const leaf: fc.Arbitrary<Expression> = fc.oneof(
    { weight: 4, arbitrary: number.map<Expression>(value => ({ quantity: { value, unit: 'none' } })) },
    fc.constantFrom('1', '70', '100').map<Expression>(value => ({ quantity: { value, unit: '%' } })),
    fc.constantFrom<Expression>(
        { ref: 'attribute/besök' }, { ref: 'attribute/timmar' }, { ref: 'attribute/inkomst' }, { ref: 'attribute/gift' },
        { ref: 'parameter/pbb' }, { ref: 'parameter/andel' }, { ref: 'hourlyRate/timpris' }, { ref: 'levelTable/ersättning' },
        { ref: 'decisionTable/nivåer', column: 'nivå' }, { ref: 'decisionTable/nivåer', column: 'avgift' }, { ref: 'decisionTable/nivåer' },
        { ref: 'decisionTable/larmavgift' }, { ref: 'decisionTable/pålägg' }, { ref: 'levelTable/ersättning', atLevel: { quantity: { value: '1', unit: 'none' } } },
        { ref: 'calculation/maxtaxa' }, { ref: 'calculation/per_besök' }, { level: true },
    ),
);
const expression: fc.Arbitrary<Expression> = fc.letrec<{ e: Expression }>(tie => ({
    e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.record({ op: fc.constantFrom('+' as const, '-' as const, '*' as const, '/' as const), left: tie('e'), right: tie('e') }),
        fc.record({ call: fc.constantFrom('min' as const, 'max' as const), args: fc.array(tie('e'), { minLength: 1, maxLength: 3 }) }),
        fc.record({ round: tie('e'), rounding: roundings }),
        fc.record({ if: criterion, then: tie('e'), else: tie('e') }),
    ),
})).e;

const maybe = <T>(valid: fc.Arbitrary<T>) => fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom<unknown>(undefined, 'fel', -1) });
const citizen = fc.record({
    besök: maybe(fc.oneof(fc.integer({ min: 0, max: 200 }), fc.constantFrom(0, 1, 10, 99, 100))),
    timmar: maybe(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.constantFrom('12,5', 0.25, '299.99'))),
    inkomst: maybe(fc.oneof(fc.integer({ min: -5000, max: 60000 }), fc.constantFrom('20 000,50', 1e30))),
    gift: maybe(fc.boolean()),
    larm: maybe(fc.constantFrom('saknas', 'digitalt')),
});
const date = fc.constantFrom('2023-12-31', '2024-03-01', '2024-06-01', '2025-03-01', '2026-01-01');
const level = fc.constantFrom(undefined, null, 0, 1, 2, 3);

function setup(value: Expression): { exact: (values: CitizenValues, date: string, level: number | null | undefined) => string; fast: FastCalculation | undefined; catalogue: AttributeCatalogue } {
    const policy = PolicySet.load([{ schemaVersion: '1.2.0', source: 'p.regel', elements: [...fixed, { id: 'calculation/f', kind: 'calculation', name: 'f', source: at, value }] }]);
    const catalogue: AttributeCatalogue = {
        attributes: new Map(attributes.map(a => [a.id, a])),
        entries: new Map(attributes.map(a => [a.id, attributeEntry(a)])),
    };
    const tables = new Map<string, PreparedTable>();
    const calculator = new Calculator(policy, catalogue, id => tables.get(id) ?? tables.set(id, new PreparedTable(policy.get(id, 'levelTable'))).get(id)!);
    return {
        catalogue,
        exact: (values, on, at) => calculator.calculation('calculation/f', { values, date: on, level: at }).toDecimal(),
        fast: generateCalculation('calculation/f', { policy, catalogue, exact: (e, context) => calculator.evaluate(e, context) }),
    };
}

describe('generated calculations', () => {
    test('answer exactly as the exact evaluator wherever they answer, and answer most valid questions', () => {
        let answerable = 0;
        let fastAnswers = 0;
        fc.assert(fc.property(expression, fc.array(fc.tuple(citizen, date, level), { minLength: 1, maxLength: 8 }), (formula, questions) => {
            const { exact, fast, catalogue } = setup(formula);
            expect(fast, 'every formula the language can compile is generated').toBeDefined();
            for (const [input, on, at] of questions) {
                let expected: string | { error: string };
                try {
                    expected = exact(new CitizenValues(input, catalogue), on, at);
                } catch (error) {
                    if (!(error instanceof RegelrattRuntimeError)) {
                        throw error;
                    }
                    expected = { error: error.code };
                }
                const answer = fast!.forDate(on)(input, on, at);
                if (typeof expected === 'string') {
                    answerable++;
                }
                if (answer !== undefined) {
                    fastAnswers++;
                    expect(answer, JSON.stringify({ formula, input, on, at })).toBe(expected);
                }
            }
        }), { numRuns: 3000, seed: 20261125 });
        // A register's common case is answered by the generated code: only overflow and escapes go back.
        // (89 % with seed 20261125; it was 87 % while a name clash made some formulas fall back every time.)
        expect(fastAnswers / answerable).toBeGreaterThan(0.85);
        // Where it did not, it gave up on purpose (a fallback or a typed error), never by a fault of its own.
        expect(generatedCodeFaults).toEqual([]);
    });

    test('rounding agrees with ExactNumber at every boundary, for negative values and large denominators', () => {
        fc.assert(fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 1, max: 10_000_000 }), roundings, (n, d, rounding) => {
            const { fast, exact, catalogue } = setup({ round: { op: '/', left: { quantity: { value: String(n), unit: 'none' } }, right: { quantity: { value: String(d), unit: 'none' } } }, rounding });
            const values = new CitizenValues({}, catalogue);
            expect(fast!.forDate('2025-01-01')(values.input, '2025-01-01', undefined)).toBe(exact(values, '2025-01-01', undefined));
        }), { numRuns: 3000, seed: 7 });
        // The halves themselves, where the modes differ.
        for (const n of [-5, -3, -1, 1, 3, 5]) {
            for (const mode of ['half-away-from-zero', 'half-up', 'half-even', 'down', 'up'] as const) {
                const { fast, exact, catalogue } = setup({ round: { op: '/', left: { quantity: { value: String(n), unit: 'none' } }, right: { quantity: { value: '2', unit: 'none' } } }, rounding: { unit: 'krona', mode } });
                const values = new CitizenValues({}, catalogue);
                expect(fast!.forDate('2025-01-01')(values.input, '2025-01-01', undefined), `${n}/2 ${mode}`).toBe(exact(values, '2025-01-01', undefined));
            }
        }
    });

    test('a value that leaves the safe integers is recomputed exactly, not rounded by floating point', () => {
        // (2^53 − 1) × 3 + 1 overflows the fast form; the exact answer is 27021597764222974.
        const { fast, exact, catalogue } = setup({ op: '+', left: { op: '*', left: { ref: 'attribute/besök' }, right: { quantity: { value: '9007199254740991', unit: 'none' } } }, right: { quantity: { value: '1', unit: 'none' } } });
        const values = new CitizenValues({ besök: 3 }, catalogue);
        expect(fast!.forDate('2025-01-01')(values.input, '2025-01-01', undefined)).toBeUndefined();
        expect(exact(values, '2025-01-01', undefined)).toBe('27021597764222974');
        expect(ExactNumber.parse('9007199254740991').multiply(ExactNumber.of(3n)).add(ExactNumber.ONE).toDecimal()).toBe('27021597764222974');
    });
});
