import type { Rounding } from '@regelratt/format';

/**
 * A rounding in the reader's language (`hela kronor, halva bort från noll`; `whole kronor, halves away
 * from zero`): the one wording the document, the diff and the reasons share. Keyed by the format's unit
 * and mode, so a new rounding is a compile error here until it has words.
 */
const UNITS = {
    sv: { krona: 'hela kronor', 'öre': 'öre', minute: 'hela minuter', 'quarter-hour': 'kvartstimmar', hour: 'hela timmar' },
    en: { krona: 'whole kronor', 'öre': 'öre', minute: 'whole minutes', 'quarter-hour': 'quarter hours', hour: 'whole hours' },
} as const satisfies Record<'sv' | 'en', Record<Rounding['unit'], string>>;

const MODES = {
    sv: { 'half-away-from-zero': 'halva bort från noll', 'half-up': 'halva uppåt', 'half-even': 'halva till jämnt', down: 'nedåt', up: 'uppåt' },
    en: { 'half-away-from-zero': 'halves away from zero', 'half-up': 'halves up', 'half-even': 'halves to even', down: 'down', up: 'up' },
} as const satisfies Record<'sv' | 'en', Record<Rounding['mode'], string>>;

export function roundingWords(rounding: Rounding, locale: 'sv' | 'en'): string {
    return `${UNITS[locale][rounding.unit]}, ${MODES[locale][rounding.mode]}`;
}
