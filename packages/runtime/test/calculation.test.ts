import { describe, expect, test } from 'vitest';
import type { CompiledPolicyFile, Expression, SourceSpan } from '@regelratt/format';
import { expressionText, PolicyRuntime } from '@regelratt/runtime';
import { errorCode } from './error-code.js';

const at: SourceSpan = { file: 'beräkning.regel', line: 1, column: 1, endLine: 1, endColumn: 1 };
const kr = (value: string, per?: 'month' | 'hour'): Expression => ({ quantity: { value, unit: 'kr', ...(per ? { per } : {}) } });
const number = (value: string): Expression => ({ quantity: { value, unit: 'none' } });
const ref = (id: string): Expression => ({ ref: id });
const calculation = (name: string, value: Expression) => ({ id: `calculation/${name}`, kind: 'calculation' as const, name, source: at, value });

/**
 * The calculation core on a compiled file written by hand (no compiler involved): SoL 8 kap figures
 * over prisbasbelopp 2024 (57 300 kr) and 2025 (58 800 kr), recomputed by hand in each test.
 */
const policy: CompiledPolicyFile = {
    schemaVersion: '1.2.0',
    source: 'beräkning.regel',
    elements: [
        { id: 'attribute/inkomst', kind: 'attribute', name: 'inkomst', source: at, domain: { type: 'money', per: 'month' } },
        { id: 'attribute/timmar', kind: 'attribute', name: 'timmar', source: at, domain: { type: 'decimal', min: '0', max: '300', unit: 'timmar' } },
        { id: 'attribute/besök', kind: 'attribute', name: 'besök', source: at, domain: { type: 'integer', min: '0', max: '200', unit: 'besök' } },
        { id: 'attribute/gift', kind: 'attribute', name: 'gift', source: at, domain: { type: 'boolean' } },
        {
            id: 'parameter/pbb', kind: 'parameter', name: 'pbb', source: at, valueType: 'money', versions: [
                { from: '2024-01-01', to: '2024-12-31', value: { value: '57300', unit: 'kr' }, source: at },
                { from: '2025-01-01', to: '2025-12-31', value: { value: '58800', unit: 'kr' }, source: at },
            ],
        },
        { id: 'levelTable/tabell', kind: 'levelTable', name: 'tabell', source: at, rows: [{ level: 1, amount: { value: '1200', unit: 'kr' }, source: at }, { level: 2, amount: { open: true }, source: at }] },
        { id: 'hourlyRate/timpris', kind: 'hourlyRate', name: 'timpris', source: at, amount: { value: '337.5', unit: 'kr', per: 'hour' } },
        // maxtaxa: 0,5392 × pbb / 12, rounded down to whole kronor: 2025 2 642,08 → 2 642; 2024 2 574,68 → 2 574.
        calculation('maxtaxa', { round: { op: '/', left: { op: '*', left: number('0.5392'), right: ref('parameter/pbb') }, right: number('12') }, rounding: { unit: 'krona', mode: 'down' } }),
        // minimibelopp: 1,3546 × pbb / 12 for a single person, 1,1446 × pbb / 12 for each of a couple.
        calculation('minimibelopp', {
            if: { attribute: 'attribute/gift', test: true },
            then: { op: '/', left: { op: '*', left: number('1.1446'), right: ref('parameter/pbb') }, right: number('12') },
            else: { op: '/', left: { op: '*', left: number('1.3546'), right: ref('parameter/pbb') }, right: number('12') },
        }),
        // Never below zero.
        calculation('utrymme', { call: 'max', args: [number('0'), { op: '-', left: ref('attribute/inkomst'), right: ref('calculation/minimibelopp') }] }),
        // An hourly fee capped by the maxtaxa.
        calculation('timavgift', { call: 'min', args: [{ op: '*', left: ref('attribute/timmar'), right: ref('hourlyRate/timpris') }, ref('calculation/maxtaxa')] }),
        calculation('per_besök', { op: '*', left: ref('attribute/besök'), right: kr('95') }),
        calculation('nivåbelopp', { op: '+', left: ref('levelTable/tabell'), right: { op: '*', left: { level: true }, right: kr('10') } }),
        calculation('fel_typ', { op: '*', left: ref('attribute/gift'), right: kr('1') }),
        calculation('noll', { op: '/', left: kr('1'), right: number('0') }),
        // A hand-edited file with a cycle: the checker never lets one through.
        calculation('a', ref('calculation/b')),
        calculation('b', ref('calculation/a')),
    ],
};

const runtime = new PolicyRuntime([policy]);


describe('named calculations', () => {
    test('a rounding step rounds where it stands: the maxtaxa of each year, down to whole kronor', () => {
        expect(runtime.calculate('maxtaxa', { date: '2025-03-01' }).amount).toBe('2642');
        expect(runtime.calculate('maxtaxa', { date: '2024-03-01' }).amount).toBe('2574');
    });

    test('the trace names the parameter version, the exact value before rounding and the rule', () => {
        const { trace } = runtime.calculate('maxtaxa', { date: '2025-03-01' });
        expect(trace).toEqual([
            { step: 'pbb 2025-03-01', value: '58800' },
            { step: '2\u00a0642,08 avrundat till hela kronor, nedåt', value: '2642' },
            { step: 'maxtaxa = 0,5392 × pbb / 12 avrundat till hela kronor, nedåt', value: '2642' },
        ]);
    });

    test('a choice on a criterion: minimibelopp for a single person and for one of a couple (exact, unrounded)', () => {
        // 1,3546 × 58 800 / 12 = 6 637,54; 1,1446 × 58 800 / 12 = 5 608,54.
        expect(runtime.calculate('minimibelopp', { date: '2025-03-01', citizen: { gift: false } }).amount).toBe('6637.54');
        expect(runtime.calculate('minimibelopp', { date: '2025-03-01', citizen: { gift: true } }).amount).toBe('5608.54');
    });

    test('never below zero: an income under the minimibelopp leaves 0 kr, and the trace shows the clamp', () => {
        const answer = runtime.calculate('utrymme', { date: '2025-03-01', citizen: { inkomst: 5000, gift: false } });
        expect(answer.amount).toBe('0');
        expect(answer.trace).toContainEqual({ step: 'max(0, inkomst − minimibelopp)', value: '0' });
        expect(runtime.calculate('utrymme', { date: '2025-03-01', citizen: { inkomst: 20000, gift: false } }).amount).toBe('13362.46');
    });

    test('hours × an hourly rate, capped by the maxtaxa', () => {
        expect(runtime.calculate('timavgift', { date: '2025-03-01', citizen: { timmar: '2,5' } }).amount).toBe('843.75');
        expect(runtime.calculate('timavgift', { date: '2025-03-01', citizen: { timmar: 10 } }).amount).toBe('2642');
    });

    test('a whole-number attribute counts in a formula (it used to be "not an amount")', () => {
        expect(runtime.calculate('per_besök', { date: '2025-03-01', citizen: { besök: 12 } }).amount).toBe('1140');
    });

    test('a level table and the level read the case\'s level', () => {
        expect(runtime.calculate('nivåbelopp', { date: '2025-03-01', level: 1 }).amount).toBe('1210');
    });

    test.each([
        ['a level that is needed but not given', () => runtime.calculate('nivåbelopp', { date: '2025-03-01' }), 'missing-level'],
        ['a level whose amount the policy leaves open', () => runtime.calculate('nivåbelopp', { date: '2025-03-01', level: 2 }), 'open-amount'],
        ['a level the table does not have', () => runtime.calculate('nivåbelopp', { date: '2025-03-01', level: 3 }), 'unknown-level'],
        ['a date without a prisbasbelopp', () => runtime.calculate('maxtaxa', { date: '2023-06-01' }), 'no-valid-version'],
        ['no date', () => runtime.calculate('maxtaxa', { date: '' }), 'missing-date'],
        ['a citizen value the formula needs and the question lacks', () => runtime.calculate('utrymme', { date: '2025-03-01', citizen: { gift: false } }), 'missing-attribute'],
        ['a yes/no attribute in arithmetic (a hand-edited file)', () => runtime.calculate('fel_typ', { date: '2025-03-01', citizen: { gift: true } }), 'not-computable'],
        ['division by zero', () => runtime.calculate('noll', { date: '2025-03-01' }), 'not-computable'],
        ['a cycle (a hand-edited file)', () => runtime.calculate('a', { date: '2025-03-01' }), 'not-computable'],
        ['a name that is no calculation', () => runtime.calculate('saknas', { date: '2025-03-01' }), 'unknown-element'],
    ])('%s is a typed error, never a silent default', (_what, question, expected) => {
        expect(errorCode(question)).toBe(expected);
    });
});

describe('a calculation prepared for a register', () => {
    // Each question of the suite above, asked through prepareCalculation: the same answer or the same typed error as
    // calculate with its explanation, which the exact evaluator answers (without one, calculate uses the prepared function).
    const questions: Array<[string, { date: string; citizen?: Record<string, unknown>; level?: number }]> = [
        ['maxtaxa', { date: '2025-03-01' }], ['maxtaxa', { date: '2024-03-01' }], ['maxtaxa', { date: '2023-06-01' }], ['maxtaxa', { date: '' }],
        ['minimibelopp', { date: '2025-03-01', citizen: { gift: false } }], ['minimibelopp', { date: '2025-03-01', citizen: { gift: true } }],
        ['utrymme', { date: '2025-03-01', citizen: { inkomst: 5000, gift: false } }], ['utrymme', { date: '2025-03-01', citizen: { gift: false } }],
        ['nivåbelopp', { date: '2025-03-01', level: 1 }], ['nivåbelopp', { date: '2025-03-01', level: 2 }], ['nivåbelopp', { date: '2025-03-01' }],
        ['fel_typ', { date: '2025-03-01', citizen: { gift: true } }], ['noll', { date: '2025-03-01' }], ['a', { date: '2025-03-01' }],
    ];
    test.each(questions)('%s %j answers as calculate does', (name, question) => {
        const viaCalculate = (() => { try { return runtime.calculate(name, question as never).amount; } catch { return `error ${errorCode(() => runtime.calculate(name, question as never))}`; } })();
        const prepared = runtime.prepareCalculation(name);
        const viaPrepared = (() => { try { return prepared(question.citizen ?? {}, question.date, question.level); } catch { return `error ${errorCode(() => prepared(question.citizen ?? {}, question.date, question.level))}`; } })();
        expect(viaPrepared).toBe(viaCalculate);
    });

    test('one prepared calculation asked on dates in turn answers for each date, a date without a version and a missing date included', () => {
        // The generated code is specialised per period between version changes; switching back and forth must not keep a stale one.
        const prepared = runtime.prepareCalculation('timavgift');
        const dates = ['2025-03-01', '2024-03-01', '2025-12-31', '2023-06-01', '2024-01-01', '', '2025-03-01', '2024-12-31'];
        for (let round = 0; round < 3; round++) {
            for (const date of dates) {
                for (const timmar of [0, 4, 7.5, 20]) {
                    const question = { date, citizen: { timmar } };
                    const viaCalculate = (() => { try { return runtime.calculate('timavgift', question).amount; } catch { return `error ${errorCode(() => runtime.calculate('timavgift', question))}`; } })();
                    const viaPrepared = (() => { try { return prepared(question.citizen, date); } catch { return `error ${errorCode(() => prepared(question.citizen, date))}`; } })();
                    expect(viaPrepared, `${date} ${timmar}`).toBe(viaCalculate);
                    // A citizen already read (CitizenValues) is read through by the generated code, with the same answer.
                    const values = runtime.citizen(question.citizen);
                    const viaValues = (() => { try { return prepared(values, date); } catch { return `error ${errorCode(() => prepared(values, date))}`; } })();
                    expect(viaValues, `${date} ${timmar} as CitizenValues`).toBe(viaCalculate);
                }
            }
        }
        // The maxtaxa of 2024 and 2025 both bind for 20 hours: the two periods really differ.
        expect(prepared({ timmar: 20 }, '2024-03-01')).toBe('2574');
        expect(prepared({ timmar: 20 }, '2025-03-01')).toBe('2642');
    });

    test('an unknown calculation is refused when prepared, not at the first citizen', () => {
        expect(errorCode(() => runtime.prepareCalculation('saknas'))).toBe('unknown-element');
    });
});

describe('per cent in a formula', () => {
    const shares: CompiledPolicyFile = {
        schemaVersion: '1.2.0',
        source: 'andel.regel',
        elements: [
            { id: 'attribute/inkomst', kind: 'attribute', name: 'inkomst', source: at, domain: { type: 'money', per: 'month' } },
            { id: 'parameter/andel', kind: 'parameter', name: 'andel', source: at, valueType: 'percent', versions: [{ from: '2025-01-01', value: { value: '85', unit: '%' }, source: at }] },
            calculation('sjuttio', { op: '*', left: ref('attribute/inkomst'), right: { quantity: { value: '70', unit: '%' } } }),
            calculation('parameterandel', { op: '*', left: ref('attribute/inkomst'), right: ref('parameter/andel') }),
        ],
    };
    const shareRuntime = new PolicyRuntime([shares]);

    test('is a share: 70 % of 10 000 kr is 7 000 kr, and a procent parameter of 85 % gives 8 500 kr', () => {
        expect(shareRuntime.calculate('sjuttio', { date: '2025-03-01', citizen: { inkomst: 10000 } }).amount).toBe('7000');
        expect(shareRuntime.calculate('parameterandel', { date: '2025-03-01', citizen: { inkomst: 10000 } }).amount).toBe('8500');
    });
});

describe('a formula in the policy\'s words', () => {
    const minus = (left: Expression, right: Expression): Expression => ({ op: '-', left, right });
    test.each([
        ['−a', minus(number('0'), ref('calculation/a'))],
        ['−(a − b)', minus(number('0'), minus(ref('calculation/a'), ref('calculation/b')))],
        ['x × −(a + b)', { op: '*', left: ref('attribute/x'), right: minus(number('0'), { op: '+', left: ref('calculation/a'), right: ref('calculation/b') }) } as Expression],
        ['a − −b', minus(ref('calculation/a'), minus(number('0'), ref('calculation/b')))],
        // Written with a unit, the zero is the policy's own: it stays.
        ['0 kr − a', minus(kr('0'), ref('calculation/a'))],
        ['1 − a', minus(number('1'), ref('calculation/a'))],
    ])('%s', (text, expression) => {
        expect(expressionText(expression)).toBe(text);
    });
});
