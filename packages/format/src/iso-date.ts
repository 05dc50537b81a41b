import type { IsoDate } from './compiled-policy.js';

/** Calendar days of the format's `YYYY-MM-DD` dates, shared by the compiler's analyses and the runtime. */

const DAY_MS = 86_400_000;

/** True for `YYYY-MM-DD` text that names a day that exists (2024-02-29 yes, 2023-02-29 no). */
export function isCalendarDate(text: string): boolean {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!match) {
        return false;
    }
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (month < 1 || month > 12 || day < 1) {
        return false;
    }
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    return day <= daysInMonth;
}

/** Days since 1970-01-01, so dates compare and split like whole numbers. */
export function dayNumber(date: IsoDate): number {
    return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

export function dateOfDay(day: number): IsoDate {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
