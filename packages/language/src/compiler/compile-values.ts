import type * as Format from '@regelratt/format';
import { ExactNumber } from '@regelratt/format';
import type * as Ast from '../generated/ast.js';
import { isOpenAmount } from '../generated/ast.js';
import { referenceId } from './element-ids.js';

const periods: Record<string, Format.Period> = {
    'mån': 'month', 'månad': 'month', 'h': 'hour', 'tim': 'hour', 'timme': 'hour', 'dygn': 'day', 'vecka': 'week', 'år': 'year',
};

const timeUnits: Record<string, Format.TimeUnit> = {
    dag: 'day', dagar: 'day', dygn: 'day', vecka: 'week', veckor: 'week', månad: 'month', månader: 'month', år: 'year', timme: 'hour', timmar: 'hour',
};

// Langium joins the keywords of a multi-word value without spaces: `halva bort från noll` reaches the AST as `halvabortfrånnoll`.
const roundingModes: Record<string, Format.Rounding['mode']> = {
    halvabortfrånnoll: 'half-away-from-zero',
    halvauppåt: 'half-up',
    halvatilljämnt: 'half-even',
    nedåt: 'down',
    uppåt: 'up',
};

const roundingUnits: Record<string, Format.Rounding['unit']> = {
    helakronor: 'krona', 'öre': 'öre', helaminuter: 'minute', kvartstimmar: 'quarter-hour', helatimmar: 'hour',
};

export function compilePeriod(period: string): Format.Period {
    return periods[period];
}

// The occasions an amount can be per (`245 kr per insats`), as the format names them (since 1.11).
const occasions: Record<string, Format.AnswerOccasion> = {
    tillfälle: 'occasion', tillfällen: 'occasion', besök: 'visit', insats: 'service', insatser: 'service', portion: 'portion', portioner: 'portion',
};

/** What an amount is per: a period (`kr/mån`) or an occasion (`kr per insats`). */
export function compileAmountPer(per: string): Format.AmountPer | undefined {
    return Object.hasOwn(periods, per) ? periods[per] : Object.hasOwn(occasions, per) ? occasions[per] : undefined;
}

export function compileTimeUnit(unit: string): Format.TimeUnit {
    return timeUnits[unit];
}

export function compileQuantity(quantity: Ast.Quantity): Format.Quantity {
    const unit = quantity.unit?.money ? 'kr' : quantity.unit?.percent ? '%' : 'none';
    // Only what an amount is per (a period or an occasion) is in the format's Quantity; a time's unit is in the answer's unit.
    const per = quantity.unit?.money && quantity.unit.per !== undefined ? compileAmountPer(quantity.unit.per) : undefined;
    return {
        // `90 minuter varannan vecka` is 45 minutes a week: halving a decimal stays an exact decimal.
        value: quantity.unit?.everyOther ? ExactNumber.parse(quantity.value).divide(ExactNumber.of(2n)).toDecimal() : quantity.value,
        unit,
        ...(per ? { per } : {}),
    };
}

export function compileOptionalAmount(amount: Ast.OptionalAmount): Format.OptionalAmount {
    return isOpenAmount(amount) ? { open: true } : compileQuantity(amount);
}

export function compileValidity(validity: Ast.Validity): Format.Validity {
    return { from: validity.from, ...(validity.to ? { to: validity.to } : {}) };
}

export function compileDateRange(range: Ast.DateRange): Format.DateRange {
    return { from: range.from, ...(range.to ? { to: range.to } : {}) };
}

/** A rounding clause of a table or fee, or a rounding step inside a calculation: the same two parts. */
export function compileRounding(rounding: Ast.Rounding | Ast.RoundingStep): Format.Rounding {
    return {
        unit: roundingUnits[rounding.unit],
        // `avrundat nedåt till hela kronor` says the direction before the unit.
        mode: rounding.mode ? roundingModes[rounding.mode] : 'leading' in rounding && rounding.leading ? roundingModes[rounding.leading] : 'half-away-from-zero',
    };
}

export function compileFrequency(frequency: Ast.Frequency): Format.Frequency {
    const every = frequency.every ?? (frequency.count !== undefined ? Number(frequency.count) : 1);
    return { every, unit: compileTimeUnit(frequency.unit) };
}

export function compileSpan(span: Ast.Duration | Ast.DecisionLimit): Format.Span {
    return { amount: Number(span.amount), unit: compileTimeUnit(span.unit) };
}

/** The events of `från ansökan`, `efter beslut`, as the format names them. */
export const dutyEvents = {
    ansökan: 'application', beslut: 'decision', verkställighet: 'implementation', uppföljning: 'follow-up',
} as const satisfies Record<Ast.DutyEvent, Format.DutyEvent>;

export function compileDeadline(deadline: Ast.Deadline): Format.Deadline {
    return {
        amount: Number(deadline.amount),
        unit: compileTimeUnit(deadline.unit),
        ...(deadline.event !== undefined ? { event: dutyEvents[deadline.event] } : {}),
        ...(deadline.bound === 'tidigast' ? { earliest: true as const } : {}),
    };
}

export function compileLegalReference(reference: Ast.LawReference): Format.LegalReference {
    const law = reference.law.ref?.name ?? reference.law.$refText;
    const text = reference.chapter !== undefined
        ? `${law} ${reference.chapter} kap ${reference.section} §${reference.point !== undefined ? ` ${reference.point}` : ''}`
        : `${law} ${reference.section} §${reference.point !== undefined ? ` ${reference.point}` : ''}`;
    return {
        law: referenceId(reference.law),
        ...(reference.chapter !== undefined ? { chapter: Number(reference.chapter) } : {}),
        section: Number(reference.section),
        ...(reference.point !== undefined ? { point: Number(reference.point) } : {}),
        text,
    };
}
