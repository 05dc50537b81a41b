/**
 * Swedish typography for everything the document and the diff's HTML print: a real minus sign
 * (U+2212) before a negative figure, no-break spaces between a figure's groups of digits and between
 * a figure and its unit (`2 037 kr`, `90 %`), and an arrow glued to what it joins (`5 → 8`), so no
 * line ends in the middle of an amount or a change. Dates, ranges (`1–3`) and intervals (`var 3:e år`)
 * are left as written. Applied once, by the renderers, so every text gets it whoever wrote it.
 */
const UNITS = ['kr', 'kronor', '%', 'procent', 'h', 'tim', 'timme', 'timmar', 'min', 'minuter', 'år', 'mån', 'månad', 'månader', 'dag', 'dagar', 'dygn', 'vecka', 'veckor', 'besök', 'portioner', 'st'];
const BEFORE_UNIT = new RegExp(`(\\d) (?=(?:${UNITS.join('|')})(?![\\p{L}\\p{N}]))`, 'gu');

export function typeset(text: string): string {
    return text
        // A hyphen before a figure at the start of a word is a minus: `-51 kr`, `(-6 609)`; not `2021-01-01`.
        .replace(/(^|[\s(/])-(?=\d)/g, '$1−')
        .replace(/(\d) (?=\d{3}(?!\d))/g, '$1\u00a0')
        .replace(BEFORE_UNIT, '$1\u00a0')
        .replace(/[ \u00a0]*→[ \u00a0]*/g, '\u00a0→\u00a0');
}
