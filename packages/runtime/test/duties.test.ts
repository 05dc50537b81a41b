import { describe, expect, test } from 'vitest';
import { addCalendarSpan } from '@regelratt/format';
import { PolicyRuntime, RegelrattRuntimeError } from '../src/index.js';
import { file } from './duties-fixture.js';

const runtime = new PolicyRuntime([file]);

function errorOf(run: () => unknown): RegelrattRuntimeError {
    try {
        run();
    } catch (error) {
        if (error instanceof RegelrattRuntimeError) {
            return error;
        }
        throw error;
    }
    throw new Error('no error');
}

describe('addCalendarSpan: the one calendar of terms', () => {
    test('weeks are 7 days, across a month and a year', () => {
        expect(addCalendarSpan('2026-01-10', 4, 'week')).toBe('2026-02-07');
        expect(addCalendarSpan('2026-12-20', 2, 'week')).toBe('2027-01-03');
    });
    test('months keep the day, or the last day of a shorter month', () => {
        expect(addCalendarSpan('2026-01-15', 3, 'month')).toBe('2026-04-15');
        expect(addCalendarSpan('2026-01-31', 1, 'month')).toBe('2026-02-28');
        expect(addCalendarSpan('2024-01-31', 1, 'month')).toBe('2024-02-29');
        expect(addCalendarSpan('2026-08-31', 6, 'month')).toBe('2027-02-28');
        expect(addCalendarSpan('2026-05-31', 1, 'month')).toBe('2026-06-30');
    });
    test('years by the calendar: 29 February goes to 28 February', () => {
        expect(addCalendarSpan('2024-02-29', 1, 'year')).toBe('2025-02-28');
        expect(addCalendarSpan('2024-02-29', 4, 'year')).toBe('2028-02-29');
    });
});

describe('deadlines: what falls due after an event', () => {
    test('from the application: 4 weeks is the day + 28; a term in hours has no day; a term left aside by its condition is said', () => {
        const answer = runtime.deadlines({ event: 'ansökan', eventDate: '2026-03-02', citizen: { första: false } });
        expect(answer.duties.map(d => [d.obligation, d.term, 'date' in d ? d.date : d.error.code])).toEqual([
            ['obligation/besluta', 'deadline', '2026-03-30'],
            ['obligation/ringa', 'deadline', 'not-computable'],
        ]);
        expect(answer.duties[0]).toMatchObject({ guideline: 'guideline/h', force: 'shall', text: 'Ansökan beslutas.', amount: 4, unit: 'week' });
        expect(answer.leftAside).toEqual([{ guideline: 'guideline/h', obligation: 'obligation/erbjuda', because: 'condition' }]);
    });
    test('a condition that holds brings the obligation; an exception that holds leaves it aside', () => {
        const applies = runtime.deadlines({ event: 'ansökan', eventDate: '2026-03-02', citizen: { första: true, kognitiv: false } });
        expect(applies.duties.map(d => d.obligation)).toEqual(['obligation/erbjuda', 'obligation/besluta', 'obligation/ringa']);
        expect(applies.duties[0]).toMatchObject({ date: '2026-03-16', usually: true });
        const excepted = runtime.deadlines({ event: 'ansökan', eventDate: '2026-03-02', citizen: { första: true, kognitiv: true } });
        expect(excepted.duties.map(d => d.obligation)).toEqual(['obligation/besluta', 'obligation/ringa']);
        expect(excepted.leftAside).toEqual([{ guideline: 'guideline/h', obligation: 'obligation/erbjuda', because: 'exception', exception: 1, exceptionText: 'Inte vid kognitiv svikt.' }]);
    });
    test('a condition the citizen does not answer is a missing attribute, not a silent no', () => {
        expect(errorOf(() => runtime.deadlines({ event: 'ansökan', eventDate: '2026-03-02' })).code).toBe('missing-attribute');
    });
    test('from the decision: the earliest day, the lapse by month-end clamping, the follow-up a year on', () => {
        const answer = runtime.deadlines({ event: 'beslut', eventDate: '2024-01-31' });
        expect(answer.duties.map(d => [d.obligation, d.term, 'date' in d ? d.date : undefined, d.force])).toEqual([
            ['obligation/vänta', 'earliest', '2024-02-03', 'should'],
            ['obligation/begränsa', 'decision-lapses', '2024-02-29', 'shall'],
            ['obligation/följa', 'follow-up', '2025-01-31', 'shall'],
        ]);
    });
    test('from a follow-up: the next follow-up; the decision does not lapse again', () => {
        const answer = runtime.deadlines({ event: 'uppföljning', eventDate: '2026-06-30' });
        expect(answer.duties.map(d => [d.obligation, d.term, 'date' in d ? d.date : undefined])).toEqual([['obligation/följa', 'follow-up', '2027-06-30']]);
    });
    test('one obligation by name or id; one riktlinje; only what is in force on the day', () => {
        expect(runtime.deadlines({ obligation: 'besluta', event: 'ansökan', eventDate: '2026-03-02' }).duties.map(d => d.obligation)).toEqual(['obligation/besluta']);
        expect(runtime.deadlines({ guideline: 'h', obligation: 'obligation/ringa', event: 'ansökan', eventDate: '2026-03-02' }).duties.map(d => d.obligation)).toEqual(['obligation/ringa']);
        const old = runtime.deadlines({ obligation: 'gammal', event: 'ansökan', eventDate: '2026-03-02', date: '2020-06-01' });
        expect(old.duties.map(d => 'date' in d && d.date)).toEqual(['2026-03-09']);
        expect(runtime.deadlines({ obligation: 'gammal', event: 'ansökan', eventDate: '2026-03-02' }).duties).toEqual([]);
    });
    test('bad input is refused with a Swedish message', () => {
        const event = errorOf(() => runtime.deadlines({ event: 'application', eventDate: '2026-03-02' }));
        expect([event.code, event.message]).toEqual(['wrong-value-type', 'Händelsen ska vara en av ansökan, beslut, verkställighet, uppföljning, inte "application".']);
        expect(errorOf(() => runtime.deadlines({ event: 'beslut', eventDate: '2026-02-30' })).message).toContain('Händelsens datum');
        expect(errorOf(() => runtime.deadlines({ obligation: 'saknas', event: 'beslut', eventDate: '2026-02-03' })).code).toBe('unknown-element');
        expect(errorOf(() => runtime.deadlines({ guideline: 'saknas', event: 'beslut', eventDate: '2026-02-03' })).code).toBe('unknown-element');
        // As JSON may send them: a name that is not text, a citizen that is not an object.
        expect(errorOf(() => runtime.deadlines({ guideline: 7 as unknown as string, event: 'beslut', eventDate: '2026-02-03' })).code).toBe('unknown-element');
        expect(errorOf(() => runtime.deadlines({ obligation: ['x'] as unknown as string, event: 'beslut', eventDate: '2026-02-03' })).code).toBe('unknown-element');
        expect(errorOf(() => runtime.deadlines({ citizen: 'x' as unknown as Record<string, unknown>, event: 'beslut', eventDate: '2026-02-03' })).code).toBe('missing-attribute');
        expect(errorOf(() => runtime.deadlines({ event: 'beslut', eventDate: 20260203 as unknown as string })).code).toBe('wrong-value-type');
    });
});
