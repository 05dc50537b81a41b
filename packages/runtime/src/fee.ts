import { ExactNumber, type Fee, type Rounding } from '@regelratt/format';
import type { Calculator, EvaluationContext } from './calculation.js';
import type { CitizenValues } from './citizen.js';
import { DEFAULT_ROUNDING, inForce, type Amount, type MoneyTrace } from './money.js';
import { RegelrattRuntimeError } from './runtime-error.js';

/** The parts of a fee, exact: what a reason names (which of share, takbelopp and maxtaxa decided, and the rounding). */
export interface FeeParts {
    /** The avgiftsutrymme, at least 0. */
    room: ExactNumber;
    /** The share charged, as a fraction (90 % is 0,9). */
    share: ExactNumber;
    /** The share of the avgiftsutrymme. */
    shared: ExactNumber;
    /** The level's takbelopp, where the fee has one. */
    cap?: ExactNumber;
    /** The maxtaxa, where the fee has one. */
    ceiling?: ExactNumber;
    /** The smallest of the three, before rounding. */
    unrounded: ExactNumber;
    rounding: Rounding;
    amount: ExactNumber;
}

/**
 * A citizen's fee: min(andel × max(0, avgiftsutrymme), the level's takbelopp, maxtaxa), rounded by the
 * fee's rule. The formulas go through the one evaluator, so a fee may read named calculations.
 */
export function feeParts(calculator: Calculator, definition: Fee, level: number, values: CitizenValues, date: string, trace?: MoneyTrace[]): FeeParts {
    const blocked = feeBlocked(definition, level, date);
    if (blocked) {
        throw blocked;
    }
    const room = definition.room!;
    const capRow = definition.caps.find(row => row.level === level);
    const context: EvaluationContext = { values, date, level, ...(trace ? { trace } : {}) };
    const space = ExactNumber.max(ExactNumber.ZERO, calculator.evaluate(room, context));
    context.trace?.push({ step: 'avgiftsutrymme', value: space.toDecimal(2) });
    const share = definition.share ? ExactNumber.parse(definition.share.value).divide(ExactNumber.of(100n)) : ExactNumber.ONE;
    const shared = space.multiply(share);
    const candidates = [shared];
    context.trace?.push({ step: `andel ${definition.share?.value ?? '100'} %`, value: shared.toDecimal(2) });
    let cap: ExactNumber | undefined;
    if (capRow && !('open' in capRow.amount)) {
        cap = ExactNumber.parse(capRow.amount.value);
        candidates.push(cap);
        context.trace?.push({ step: `takbelopp nivå ${level}`, value: cap.toDecimal() });
    }
    let ceiling: ExactNumber | undefined;
    if (definition.ceiling) {
        ceiling = calculator.evaluate(definition.ceiling, context);
        candidates.push(ceiling);
        context.trace?.push({ step: 'maxtaxa', value: ceiling.toDecimal(2) });
    }
    const unrounded = ExactNumber.min(...candidates);
    const rounding = definition.rounding ?? DEFAULT_ROUNDING;
    const amount = unrounded.round(rounding);
    context.trace?.push({ step: 'avgift, avrundad', value: amount.toDecimal() });
    return { room: space, share, shared, ...(cap ? { cap } : {}), ...(ceiling ? { ceiling } : {}), unrounded, rounding, amount };
}

export function fee(calculator: Calculator, definition: Fee, level: number, values: CitizenValues, date: string, explain = true): Amount {
    const trace: MoneyTrace[] = [];
    const parts = feeParts(calculator, definition, level, values, date, explain ? trace : undefined);
    return { amount: parts.amount.toDecimal(), trace };
}

/**
 * Why a fee cannot be computed for a level on a date whatever the citizen (not in force, no
 * avgiftsutrymme, no or an open takbelopp for the level), or undefined. Depends on no citizen, so a
 * register can decide it once per level and date.
 */
export function feeBlocked(definition: Fee, level: number, date: string): RegelrattRuntimeError | undefined {
    if (!inForce(definition.validity, date)) {
        return new RegelrattRuntimeError('no-valid-version', `${definition.name} gäller inte ${date}.`, { fee: definition.id, date });
    }
    if (!definition.room) {
        // The checker reports a fee without one; a hand-made file must not charge 0 kr in silence.
        return new RegelrattRuntimeError('not-computable', `${definition.name} anger inget avgiftsutrymme.`, { fee: definition.id });
    }
    const cap = definition.caps.find(row => row.level === level);
    if (definition.caps.length > 0 && !cap) {
        return new RegelrattRuntimeError('unknown-level', `${definition.name} har inget takbelopp för nivå ${level}.`, { fee: definition.id, level });
    }
    if (cap && 'open' in cap.amount) {
        return new RegelrattRuntimeError('open-amount', `Policyn anger inget belopp för takbeloppet för nivå ${level} i ${definition.name}.`, { fee: definition.id, level });
    }
    return undefined;
}
