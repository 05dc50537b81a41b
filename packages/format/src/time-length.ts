import type { AnswerTime } from './compiled-policy.js';
import { ExactNumber } from './exact-number.js';

/**
 * The week-to-month rule by default: a year is 52 weeks and 12 months, so a month is 52/12 weeks
 * (4,33…). A conversion may state its own (`räknat med 4,33 veckor per månad`); a year is 12 months either way.
 */
export const DEFAULT_WEEKS_PER_MONTH = ExactNumber.of(52n, 12n);

/**
 * Each time in minutes, exactly, by a week-to-month rule: the one definition of how times convert,
 * used by the unit analysis (the factors compiled into formulas), the deadline analysis and the
 * document's timeline.
 */
export function minutesPer(unit: AnswerTime, weeksPerMonth: ExactNumber = DEFAULT_WEEKS_PER_MONTH): ExactNumber {
    switch (unit) {
        case 'minute': return ExactNumber.ONE;
        case 'hour': return ExactNumber.of(60n);
        case 'day': return ExactNumber.of(1_440n);
        case 'week': return ExactNumber.of(10_080n);
        case 'month': return ExactNumber.of(10_080n).multiply(weeksPerMonth);
        case 'year': return ExactNumber.of(12n * 10_080n).multiply(weeksPerMonth);
    }
}
