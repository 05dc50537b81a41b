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

/**
 * The day a term of whole calendar units ends, counted from `date`: days and weeks (7 days) by the
 * day, months and years by the calendar, the day of the month kept, or the month's last day where the
 * month is shorter (2026-01-31 + 1 month = 2026-02-28; 2024-02-29 + 1 year = 2025-02-28). The one
 * reading of `inom 4 veckor från ansökan` (the application's day + 28 days) and `beslut gäller högst
 * 3 månader` (the decision's day 3 months on) that the runtime and the document share.
 */
export function addCalendarSpan(date: IsoDate, amount: number, unit: 'day' | 'week' | 'month' | 'year'): IsoDate {
    if (unit === 'day' || unit === 'week') {
        return dateOfDay(dayNumber(date) + amount * (unit === 'week' ? 7 : 1));
    }
    const months = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + amount * (unit === 'year' ? 12 : 1);
    const year = Math.floor(months / 12);
    const month = months - year * 12 + 1;
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const day = Math.min(Number(date.slice(8, 10)), month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
    return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
