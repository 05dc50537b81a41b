import { describe, expect, test } from 'vitest';
import { analyseDuties, type Duty } from '@regelratt/analyses';

const always = { from: '0000-01-01' };
const duty = (terms: Partial<Duty>): Duty => ({ force: 'shall', action: 'besluta', governs: ['hemvård'], inForce: always, ...terms });

describe('deadlines that cannot all be met', () => {
    test('a deadline in weeks before an earliest time in months conflicts, by the language\'s conversion', () => {
        // 4 weeks is less than 1 month (52/12 weeks), so "within 4 weeks" and "not before 1 month" leave no moment.
        const findings = analyseDuties([
            duty({ deadline: { amount: 4, unit: 'week', event: 'application' } }),
            duty({ deadline: { amount: 1, unit: 'month', event: 'application', earliest: true } }),
        ]);
        expect(findings).toEqual([{ kind: 'conflicting-deadlines', duty: 0, other: 1, date: '0000-01-01' }]);
    });

    test('terms that leave a moment, other events, other acts, a bör, or no common day are not reported', () => {
        const earliest = duty({ deadline: { amount: 1, unit: 'month', event: 'application', earliest: true } });
        expect(analyseDuties([duty({ deadline: { amount: 5, unit: 'week', event: 'application' } }), earliest])).toEqual([]);
        expect(analyseDuties([duty({ deadline: { amount: 4, unit: 'week', event: 'decision' } }), earliest])).toEqual([]);
        expect(analyseDuties([duty({ action: 'utreda', deadline: { amount: 4, unit: 'week', event: 'application' } }), earliest])).toEqual([]);
        expect(analyseDuties([duty({ force: 'should', deadline: { amount: 4, unit: 'week', event: 'application' } }), earliest])).toEqual([]);
        expect(analyseDuties([duty({ deadline: { amount: 4, unit: 'week', event: 'application' }, inForce: { from: '2020-01-01', to: '2020-12-31' } }),
            { ...earliest, inForce: { from: '2021-01-01' } }])).toEqual([]);
    });

    test('two deadlines for one act and event that differ: the longer never binds, reported at it, naming the shorter', () => {
        const findings = analyseDuties([
            duty({ action: 'följa_upp', deadline: { amount: 6, unit: 'month', event: 'decision' } }),
            duty({ action: 'följa_upp', deadline: { amount: 3, unit: 'month', event: 'decision' } }),
            duty({ action: 'följa_upp', deadline: { amount: 12, unit: 'week', event: 'application' } }),
        ]);
        expect(findings).toEqual([{ kind: 'differing-deadlines', duty: 0, other: 1, date: '0000-01-01' }]);
        // The same term written in other units is the same deadline.
        expect(analyseDuties([
            duty({ deadline: { amount: 1, unit: 'year', event: 'decision' } }),
            duty({ deadline: { amount: 12, unit: 'month', event: 'decision' } }),
        ])).toEqual([]);
    });

    test('a deadline from the decision longer than the decision lasts, reported once, with the first day both are in force', () => {
        const findings = analyseDuties([
            duty({ action: undefined, decisionLimit: { amount: 12, unit: 'month' }, inForce: { from: '2022-01-01' } }),
            duty({ action: 'följa_upp', deadline: { amount: 53, unit: 'week', event: 'decision' } }),
            duty({ action: 'ompröva', deadline: { amount: 52, unit: 'week', event: 'decision' } }),
            duty({ action: 'utreda', deadline: { amount: 53, unit: 'week', event: 'application' } }),
        ]);
        expect(findings).toEqual([{ kind: 'deadline-beyond-decision', duty: 1, limitedBy: 0, term: 'deadline', date: '2022-01-01' }]);
    });
});
