import { ExactNumber, type Fee, type LevelRow, type Rounding } from '@regelratt/format';
import type { Calculator, EvaluationContext } from './calculation.js';
import type { CitizenValues } from './citizen.js';
import { DEFAULT_ROUNDING, inForce, type Amount, type MoneyTrace } from './money.js';
import { RegelrattRuntimeError, runtimeError } from './runtime-error.js';
import type { FeeLevelList } from './runtime-messages.js';

/** The parts of a fee, exact: what a reason names (which of share, amount, takbelopp and maxtaxa decided, and the rounding). */
export interface FeeParts {
    /** The avgiftsutrymme, at least 0, where the fee has one (a fee of flat amounts per level may not). */
    room?: ExactNumber;
    /** The share charged of the avgiftsutrymme, as a fraction (90 % is 0,9): the level's where the fee gives one per level. */
    share?: ExactNumber;
    /** That share of the avgiftsutrymme. */
    shared?: ExactNumber;
    /** The level's flat amount, where the fee gives one per level. */
    flat?: ExactNumber;
    /** The level's takbelopp, where the fee has one. */
    cap?: ExactNumber;
    /** The maxtaxa, where the fee has one. */
    ceiling?: ExactNumber;
    /** The smallest of them, before rounding. */
    unrounded: ExactNumber;
    rounding: Rounding;
    amount: ExactNumber;
}

/**
 * A citizen's fee: min(andel × max(0, avgiftsutrymme), the level's amount, the level's takbelopp,
 * maxtaxa), rounded by the fee's rule; the andel is the level's where the fee gives one per level.
 * The formulas go through the one evaluator, so a fee may read named calculations.
 */
export function feeParts(calculator: Calculator, definition: Fee, level: number | undefined, values: CitizenValues, date: string, trace?: MoneyTrace[]): FeeParts {
    const blocked = feeBlocked(definition, level, date);
    if (blocked) {
        throw blocked;
    }
    const context: EvaluationContext = { values, date, ...(level !== undefined ? { level } : {}), ...(trace ? { trace } : {}) };
    const space = definition.room ? ExactNumber.max(ExactNumber.ZERO, calculator.evaluate(definition.room, context)) : undefined;
    if (space) {
        context.trace?.push({ step: 'avgiftsutrymme', value: space.toDecimal(2) });
    }
    const ceiling = definition.ceiling ? calculator.evaluate(definition.ceiling, context) : undefined;
    return levelFeeParts(definition, level, space, ceiling, context.trace);
}

export function fee(calculator: Calculator, definition: Fee, level: number | undefined, values: CitizenValues, date: string, explain = true): Amount {
    const trace: MoneyTrace[] = [];
    const parts = feeParts(calculator, definition, level, values, date, explain ? trace : undefined);
    return { amount: parts.amount.toDecimal(), trace };
}

/**
 * The fee of a level once its avgiftsutrymme (already 0 or more; undefined for a fee of flat amounts
 * without one) and its maxtaxa (undefined: none) are known: the one rule `fee` charges by, which the
 * checker's analysis of fees also asks for the two fees it reports. Assumes `feeBlocked` said nothing.
 */
export function levelFee(definition: Fee, level: number | undefined, space: ExactNumber | undefined, ceiling: ExactNumber | undefined, trace?: MoneyTrace[]): ExactNumber {
    return levelFeeParts(definition, level, space, ceiling, trace).amount;
}

function levelFeeParts(definition: Fee, level: number | undefined, space: ExactNumber | undefined, ceiling: ExactNumber | undefined, trace?: MoneyTrace[]): FeeParts {
    const candidates: ExactNumber[] = [];
    let share: ExactNumber | undefined;
    let shared: ExactNumber | undefined;
    if (space) {
        const levelShare = definition.shares?.length ? rowAt(definition.shares, level) : undefined;
        const percent = levelShare ? levelShare.amount.value : definition.share?.value ?? '100';
        share = ExactNumber.parse(percent).divide(ExactNumber.of(100n));
        shared = space.multiply(share);
        candidates.push(shared);
        trace?.push({ step: levelShare ? `andel nivå ${level}, ${percent} %` : `andel ${percent} %`, value: shared.toDecimal(2) });
    }
    const flatRow = definition.amounts?.length ? rowAt(definition.amounts, level) : undefined;
    const flat = flatRow ? ExactNumber.parse(flatRow.amount.value) : undefined;
    if (flat) {
        candidates.push(flat);
        trace?.push({ step: `belopp nivå ${level}`, value: flat.toDecimal() });
    }
    const capRow = definition.caps.length ? rowAt(definition.caps, level) : undefined;
    const cap = capRow ? ExactNumber.parse(capRow.amount.value) : undefined;
    if (cap) {
        candidates.push(cap);
        trace?.push({ step: `takbelopp nivå ${level}`, value: cap.toDecimal() });
    }
    if (ceiling) {
        candidates.push(ceiling);
        trace?.push({ step: 'maxtaxa', value: ceiling.toDecimal(2) });
    }
    const unrounded = ExactNumber.min(...candidates);
    const rounding = definition.rounding ?? DEFAULT_ROUNDING;
    const amount = unrounded.round(rounding);
    trace?.push({ step: 'avgift, avrundad', value: amount.toDecimal() });
    return {
        ...(space ? { room: space } : {}), ...(share ? { share } : {}), ...(shared ? { shared } : {}), ...(flat ? { flat } : {}),
        ...(cap ? { cap } : {}), ...(ceiling ? { ceiling } : {}), unrounded, rounding, amount,
    };
}

/** The level's row with an amount (feeBlocked has refused a missing or open one). */
function rowAt(rows: readonly LevelRow[], level: number | undefined): { amount: { value: string } } | undefined {
    const row = rows.find(r => r.level === level);
    return row && !('open' in row.amount) ? row as { amount: { value: string } } : undefined;
}

/** The per-level lists of a fee, in the order a question is refused by them. */
const LEVEL_LISTS = ['caps', 'shares', 'amounts'] as const satisfies readonly (keyof Fee & FeeLevelList)[];

/**
 * Why a fee cannot be computed for a level on a date whatever the citizen (not in force, no
 * avgiftsutrymme nor flat amounts, no or an open takbelopp, andel or amount for the level), or
 * undefined. Depends on no citizen, so a register can decide it once per level and date.
 */
export function feeBlocked(definition: Fee, level: number | undefined, date: string): RegelrattRuntimeError | undefined {
    if (!inForce(definition.validity, date)) {
        return runtimeError('not-in-force', { name: definition.name, date }, { fee: definition.id, date });
    }
    if (!definition.room && !definition.amounts?.length) {
        // The checker reports a fee without one; a hand-made file must not charge 0 kr in silence.
        return runtimeError('fee-without-room', { name: definition.name }, { fee: definition.id });
    }
    for (const list of LEVEL_LISTS) {
        const rows = definition[list] as LevelRow[] | undefined;
        if (!rows?.length) {
            continue;
        }
        if (level === undefined) {
            // A fee that gives nothing per level is asked without one; this one depends on it.
            return runtimeError('fee-needs-level', { name: definition.name, list }, { fee: definition.id });
        }
        const row = rows.find(r => r.level === level);
        if (!row) {
            return runtimeError('fee-unknown-level', { name: definition.name, list, level }, { fee: definition.id, level });
        }
        if ('open' in row.amount) {
            return runtimeError('fee-open-amount', { name: definition.name, list, level }, { fee: definition.id, level });
        }
    }
    return undefined;
}
