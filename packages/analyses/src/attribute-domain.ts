import { dateOfDay, dayNumber as formatDayNumber, ExactNumber } from '@regelratt/format';

/**
 * What values an attribute can take, as the analyses see it. Dates are whole days; money is an
 * unbounded decimal; every other domain is declared closed in the policy, which is what makes the
 * analyses exact.
 */
export type AttributeDomain =
    | { kind: 'enumeration'; values: string[] }
    | { kind: 'boolean' }
    | { kind: 'integer'; min?: ExactNumber; max?: ExactNumber; unit?: string }
    | { kind: 'decimal'; min?: ExactNumber; max?: ExactNumber; unit?: string }
    | { kind: 'date' };

export interface AnalysedAttribute {
    id: string;
    name: string;
    domain: AttributeDomain;
}

/** A date as the analyses split it: its day number, exactly. */
export function dayNumber(isoDate: string): ExactNumber {
    return ExactNumber.of(BigInt(formatDayNumber(isoDate)));
}

export function isoDateOfDay(day: ExactNumber): string {
    return dateOfDay(Number(day.floor()));
}
