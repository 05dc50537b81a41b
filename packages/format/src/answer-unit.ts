import type { AnswerOccasion, AnswerTime, AnswerUnit } from './compiled-policy.js';

/** Each time's and occasion's Swedish names: counted (`3 timmar`), per one (`per timme`), and short after a number and after a slash (`h`, `h/mån`). */
export const UNIT_NAMES: Record<AnswerTime | AnswerOccasion, { plural: string; singular: string; short: string; shortPer: string }> = {
    minute: { plural: 'minuter', singular: 'minut', short: 'min', shortPer: 'min' },
    hour: { plural: 'timmar', singular: 'timme', short: 'h', shortPer: 'h' },
    day: { plural: 'dagar', singular: 'dygn', short: 'dygn', shortPer: 'dygn' },
    week: { plural: 'veckor', singular: 'vecka', short: 'veckor', shortPer: 'vecka' },
    month: { plural: 'månader', singular: 'månad', short: 'mån', shortPer: 'mån' },
    year: { plural: 'år', singular: 'år', short: 'år', shortPer: 'år' },
    occasion: { plural: 'tillfällen', singular: 'tillfälle', short: 'tillfällen', shortPer: 'tillfälle' },
    visit: { plural: 'besök', singular: 'besök', short: 'besök', shortPer: 'besök' },
    service: { plural: 'insatser', singular: 'insats', short: 'insatser', shortPer: 'insats' },
    portion: { plural: 'portioner', singular: 'portion', short: 'portioner', shortPer: 'portion' },
};

/**
 * An answer's unit as printed after its number: `kr`, `kr/besök`, `h/mån`, `min/vecka`, `%`; empty
 * for a plain number. The same abbreviations in Swedish and English, as the policy writes them.
 */
export function answerUnitText(unit: AnswerUnit | undefined): string {
    if (!unit) {
        return '';
    }
    const of = unit.of === 'kr' || unit.of === '%' ? unit.of : UNIT_NAMES[unit.of].short;
    return unit.per ? `${of}/${UNIT_NAMES[unit.per].shortPer}` : of;
}

/** An answer's unit as an expectation writes it in a policy (`timmar per månad`, `kr per besök`, `%`); empty for a plain number. */
export function answerUnitSource(unit: AnswerUnit | undefined): string {
    if (!unit) {
        return '';
    }
    const of = unit.of === 'kr' || unit.of === '%' ? unit.of : UNIT_NAMES[unit.of].plural;
    return unit.per ? `${of} per ${UNIT_NAMES[unit.per].singular}` : of;
}
