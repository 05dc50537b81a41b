import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isCalendarDate } from '@regelratt/format';

/** The definition the fast reader must keep: the pattern, and a day the proleptic Gregorian calendar has. */
function reference(text: string): boolean {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) {
        return false;
    }
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const date = new Date(Date.UTC(2000, month - 1, day));
    date.setUTCFullYear(year);
    return month >= 1 && month <= 12 && day >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

describe('calendar dates', () => {
    test('leap days, month ends and malformed text', () => {
        for (const text of ['2024-02-29', '2000-02-29', '2025-12-31', '0001-01-01', '9999-12-31']) {
            expect(isCalendarDate(text), text).toBe(true);
        }
        for (const text of ['2023-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '2025-1-01', '2025-01-01 ',
            ' 2025-01-01', '2025/01/01', '20250101', '', '2025-01-0a', '２０２５-01-01', '2025-01-01T00:00']) {
            expect(isCalendarDate(text), text).toBe(false);
        }
        expect(isCalendarDate(20250101 as unknown as string)).toBe(false);
    });

    test('agrees with the pattern and the calendar on every kind of text', () => {
        const digit = fc.constantFrom(...'0123456789');
        const nearDate = fc.tuple(fc.array(digit, { minLength: 4, maxLength: 4 }), fc.constantFrom('-', '/', '0'),
            fc.array(fc.constantFrom(...'0123456789٣'), { minLength: 2, maxLength: 2 }), fc.constant('-'), fc.array(digit, { minLength: 1, maxLength: 3 }))
            .map(parts => parts.map(p => (Array.isArray(p) ? p.join('') : p)).join(''));
        fc.assert(fc.property(fc.oneof(nearDate, fc.string({ maxLength: 12 }), fc.date({ noInvalidDate: true }).map(d => d.toISOString().slice(0, 10))), text => {
            expect(isCalendarDate(text), text).toBe(reference(text));
        }), { numRuns: 20000, seed: 11 });
    });
});
