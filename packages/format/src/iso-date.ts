import type { IsoDate } from './compiled-policy.js';

/** Calendar days of the format's `YYYY-MM-DD` dates, shared by the compiler's analyses and the runtime. */

const DAY_MS = 86_400_000;

/**
 * The start a parameter version has when its source gives none (`undated: true` in the compiled
 * version): the format's earliest date, so the one version lookup (PolicySet.parameterVersion), and
 * any reader of an older format, finds it in force on every date before the next version starts.
 */
export const UNDATED_FROM: IsoDate = '0001-01-01';

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * True for `YYYY-MM-DD` text that names a day that exists (2024-02-29 yes, 2023-02-29 no). Read
 * character by character, without a regular expression or an array: a register checks every case's
 * date, and this was a seventh of answering an Örebro case.
 */
export function isCalendarDate(text: string): boolean {
    if (typeof text !== 'string' || text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) {
        return false;
    }
    const year = digits(text, 0, 4);
    const month = digits(text, 5, 7);
    const day = digits(text, 8, 10);
    if (year < 0 || month < 1 || month > 12 || day < 1) {
        return false;
    }
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

/** The number written by the ASCII digits text[from..to), or −1 when one of them is not a digit. */
function digits(text: string, from: number, to: number): number {
    let value = 0;
    for (let i = from; i < to; i++) {
        const digit = text.charCodeAt(i) - 48;
        if (digit < 0 || digit > 9) {
            return -1;
        }
        value = value * 10 + digit;
    }
    return value;
}

/** Days since 1970-01-01, so dates compare and split like whole numbers. */
export function dayNumber(date: IsoDate): number {
    return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOfDay(day: number): IsoDate {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
