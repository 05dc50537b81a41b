import { describe, expect, test } from 'vitest';
import type { CompiledPolicyFile, DecisionTable, SourceSpan } from '@regelratt/format';
import { evaluateCase, PolicyRuntime } from '@regelratt/runtime';
import { errorCode } from './error-code.js';

const at: SourceSpan = { file: 'tabell.regel', line: 1, column: 1, endLine: 1, endColumn: 1 };
const kr = (value: string) => ({ value, unit: 'kr' as const, per: 'month' as const });

/** Habo's omvårdnad levels by visits per week (2017) and a level-keyed table, written by hand as compiled JSON. */
const visits: DecisionTable = {
    id: 'decisionTable/omvårdnad', kind: 'decisionTable', name: 'omvårdnad', source: at, hitPolicy: 'unique',
    validity: { from: '2017-01-01', to: '2017-12-31' },
    inputs: [{ attribute: 'attribute/besök' }],
    outputs: ['nivå', 'avgift'],
    rows: [
        { when: [{ attribute: 'attribute/besök', op: '=', value: { number: '0' } }], then: [{ value: '0', unit: 'none' }, kr('0')], source: at },
        { when: [{ attribute: 'attribute/besök', between: { min: '1', max: '6' } }], then: [{ value: '1', unit: 'none' }, kr('705')], source: at },
        { when: [{ attribute: 'attribute/besök', between: { min: '7', max: '20' } }], then: [{ value: '2', unit: 'none' }, kr('1409')], source: at },
        { when: [{ attribute: 'attribute/besök', op: '>=', value: { number: '21' } }], then: [{ value: '3', unit: 'none' }, { open: true }], source: at },
    ],
};

const policy: CompiledPolicyFile = {
    schemaVersion: '1.2.0',
    source: 'tabell.regel',
    elements: [
        { id: 'attribute/besök', kind: 'attribute', name: 'besök', source: at, domain: { type: 'integer', min: '0', max: '200', unit: 'besök' } },
        { id: 'attribute/larm', kind: 'attribute', name: 'larm', source: at, domain: { type: 'enumeration', values: [{ name: 'saknas' }, { name: 'analogt' }, { name: 'digitalt' }] } },
        visits,
        {
            id: 'decisionTable/larmavgift', kind: 'decisionTable', name: 'larmavgift', source: at, hitPolicy: 'first',
            inputs: [{ attribute: 'attribute/larm' }], outputs: ['avgift'],
            rows: [
                { when: [{ attribute: 'attribute/larm', op: '=', value: { enumeration: 'saknas' } }], then: [kr('0')], source: at },
                { when: [{ attribute: 'attribute/larm', op: '=', value: { enumeration: 'analogt' } }], then: [kr('201')], source: at },
                { when: [null], then: [kr('269')], source: at },
            ],
        },
        {
            id: 'decisionTable/andel', kind: 'decisionTable', name: 'andel', source: at, hitPolicy: 'unique',
            inputs: [{ level: true }], outputs: ['andel'],
            rows: [
                { when: [{ attribute: 'level/nivå', between: { min: '1', max: '2' } }], then: [{ value: '70', unit: '%' }], source: at },
                { when: [{ attribute: 'level/nivå', op: '>=', value: { number: '2' } }], then: [{ value: '90', unit: '%' }], source: at },
            ],
        },
        { id: 'calculation/larm_och_omvårdnad', kind: 'calculation', name: 'larm_och_omvårdnad', source: at, value: { op: '+', left: { ref: 'decisionTable/omvårdnad', column: 'avgift' }, right: { ref: 'decisionTable/larmavgift' } } },
        { id: 'calculation/andel_vid_nivå_ett', kind: 'calculation', name: 'andel_vid_nivå_ett', source: at, value: { op: '*', left: { quantity: { value: '1000', unit: 'kr' } }, right: { ref: 'decisionTable/andel', atLevel: { quantity: { value: '1', unit: 'none' } } } } },
    ],
};

const runtime = new PolicyRuntime([policy]);


describe('decision tables', () => {
    test('the row that matches decides every output, numbered as a reader counts rows', () => {
        expect(runtime.decide('omvårdnad', { date: '2017-03-01', citizen: { besök: 10 } }))
            .toEqual({ table: 'decisionTable/omvårdnad', row: 3, conditions: 'besök i 7–20', outputs: { nivå: '2', avgift: '1409' } });
    });

    test('an open cell is null in the decision and an open-amount error when asked for', () => {
        const decision = runtime.decide('omvårdnad', { date: '2017-03-01', citizen: { besök: 30 } });
        expect(decision.outputs).toEqual({ nivå: '3', avgift: null });
        expect(errorCode(() => runtime.decisionValue(decision, 'avgift'))).toBe('open-amount');
        expect(runtime.decisionValue(decision, 'nivå')).toBe('3');
    });

    test('first hit: the first matching row decides, and `-` matches anyone', () => {
        expect(runtime.decide('larmavgift', { date: '2017-03-01', citizen: { larm: 'analogt' } }).outputs).toEqual({ avgift: '201' });
        expect(runtime.decide('larmavgift', { date: '2017-03-01', citizen: { larm: 'digitalt' } }).row).toBe(3);
    });

    test('in a formula: a column, the only column, and a level column read at another level (a share is a share)', () => {
        expect(runtime.calculate('larm_och_omvårdnad', { date: '2017-03-01', citizen: { besök: 3, larm: 'digitalt' } }).amount).toBe('974');
        expect(runtime.calculate('andel_vid_nivå_ett', { date: '2017-03-01' }).amount).toBe('700');
        expect(runtime.decide('andel', { date: '2017-03-01', level: 1 }).outputs).toEqual({ andel: '0.7' });
    });

    test.each([
        ['no row matches (a hand-edited file)', () => runtime.decide('andel', { date: '2017-03-01', level: 0 }), 'no-matching-row'],
        ['two rows match under the unique hit policy', () => runtime.decide('andel', { date: '2017-03-01', level: 2 }), 'several-matching-rows'],
        ['a level column without a level', () => runtime.decide('andel', { date: '2017-03-01' }), 'missing-level'],
        ['a date outside the validity', () => runtime.decide('omvårdnad', { date: '2018-01-01', citizen: { besök: 3 } }), 'no-valid-version'],
        ['a missing input', () => runtime.decide('omvårdnad', { date: '2017-03-01', citizen: {} }), 'missing-attribute'],
        ['a value outside the column\'s domain', () => runtime.decide('omvårdnad', { date: '2017-03-01', citizen: { besök: 500 } }), 'value-outside-domain'],
        ['no date', () => runtime.decide('omvårdnad', { date: '', citizen: { besök: 3 } }), 'missing-date'],
    ])('%s is a typed error', (_what, question, expected) => {
        expect(errorCode(question)).toBe(expected);
    });

    test('eval answers every decision table for the case, each error in its place', () => {
        const answer = evaluateCase(runtime, { citizen: { besök: 8, larm: 'analogt' }, date: '2017-03-01', level: 2 });
        expect(answer.decisions).toEqual([
            { table: 'decisionTable/omvårdnad', row: 3, conditions: 'besök i 7–20', outputs: { nivå: '2', avgift: '1409' } },
            { table: 'decisionTable/larmavgift', row: 2, conditions: 'larm = analogt', outputs: { avgift: '201' } },
            { table: 'decisionTable/andel', error: expect.objectContaining({ code: 'several-matching-rows' }) },
        ]);
        expect(answer.amounts?.find(a => a.calculation === 'calculation/larm_och_omvårdnad')).toEqual({ calculation: 'calculation/larm_och_omvårdnad', amount: '1610' });
    });
});
