import { swedishDecimal } from '@regelratt/analyses';

/** A citizen (and level) an analysis asked the runtime about. */
export interface AskedQuestion {
    citizen: Record<string, string | boolean>;
    level?: number;
}

/** A number as the runtime writes it; an enumeration's value (`kommunal`) is shown as it is, not grouped as digits. */
const NUMBER = /^-?\d+(\.\d+)?$/;

/** The question as a reader writes it: `nivå 2, inkomst = 12 000, sammanboende = ja`. */

export function questionText(question: AskedQuestion, sv: boolean): string {
    const parts = Object.entries(question.citizen).map(([name, value]) =>
        `${name} = ${typeof value === 'boolean' ? (value ? (sv ? 'ja' : 'yes') : (sv ? 'nej' : 'no')) : sv && NUMBER.test(value) ? swedishDecimal(value) : value}`);
    if (question.level !== undefined) {
        parts.unshift(`${sv ? 'nivå' : 'level'} ${question.level}`);
    }
    return parts.length > 0 ? parts.join(', ') : (sv ? 'alla medborgare' : 'every citizen');
}

/** The question as a finding's example citizen (`witness.example`), the level among the values. */
export function questionExample(question: AskedQuestion): Record<string, string> {
    return {
        ...Object.fromEntries(Object.entries(question.citizen).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 'ja' : 'nej') : v])),
        ...(question.level !== undefined ? { nivå: String(question.level) } : {}),
    };
}
