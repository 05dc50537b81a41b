import { ExactNumber, type Fee, type LevelRow } from '@regelratt/format';
import type { Calculator, EvaluationContext } from './calculation.js';
import type { CitizenValues } from './citizen.js';
import { DEFAULT_ROUNDING, inForce, type Amount, type MoneyTrace } from './money.js';
import { RegelrattRuntimeError } from './runtime-error.js';

/**
 * A citizen's fee: min(andel × max(0, avgiftsutrymme), the level's amount, the level's takbelopp,
 * maxtaxa), rounded by the fee's rule; the andel is the level's where the fee gives one per level.
 * The formulas go through the one evaluator, so a fee may read named calculations.
 */
export function fee(calculator: Calculator, definition: Fee, level: number | undefined, values: CitizenValues, date: string, explain = true): Amount {
    const blocked = feeBlocked(definition, level, date);
    if (blocked) {
        throw blocked;
    }
    const trace: MoneyTrace[] = [];
    const context: EvaluationContext = { values, date, ...(level !== undefined ? { level } : {}), ...(explain ? { trace } : {}) };
    const space = definition.room ? ExactNumber.max(ExactNumber.ZERO, calculator.evaluate(definition.room, context)) : undefined;
    if (space) {
        context.trace?.push({ step: 'avgiftsutrymme', value: space.toDecimal(2) });
    }
    const ceiling = definition.ceiling ? calculator.evaluate(definition.ceiling, context) : undefined;
    const amount = levelFee(definition, level, space, ceiling, context.trace);
    return { amount: amount.toDecimal(), trace };
}

/**
 * The fee of a level once its avgiftsutrymme (already 0 or more; undefined for a fee of flat amounts
 * without one) and its maxtaxa (undefined: none) are known: the one rule `fee` charges by, which the
 * checker's analysis of fees also asks for the two fees it reports. Assumes `feeBlocked` said nothing.
 */
export function levelFee(definition: Fee, level: number | undefined, space: ExactNumber | undefined, ceiling: ExactNumber | undefined, trace?: MoneyTrace[]): ExactNumber {
    const candidates: ExactNumber[] = [];
    if (space) {
        const levelShare = definition.shares?.length ? rowAt(definition.shares, level) : undefined;
        const percent = levelShare ? levelShare.amount.value : definition.share?.value ?? '100';
        const charged = space.multiply(ExactNumber.parse(percent).divide(ExactNumber.of(100n)));
        candidates.push(charged);
        trace?.push({ step: levelShare ? `andel nivå ${level}, ${percent} %` : `andel ${percent} %`, value: charged.toDecimal(2) });
    }
    const flat = definition.amounts?.length ? rowAt(definition.amounts, level) : undefined;
    if (flat) {
        const flatAmount = ExactNumber.parse(flat.amount.value);
        candidates.push(flatAmount);
        trace?.push({ step: `belopp nivå ${level}`, value: flatAmount.toDecimal() });
    }
    const cap = definition.caps.length ? rowAt(definition.caps, level) : undefined;
    if (cap) {
        const capAmount = ExactNumber.parse(cap.amount.value);
        candidates.push(capAmount);
        trace?.push({ step: `takbelopp nivå ${level}`, value: capAmount.toDecimal() });
    }
    if (ceiling) {
        candidates.push(ceiling);
        trace?.push({ step: 'maxtaxa', value: ceiling.toDecimal(2) });
    }
    const amount = ExactNumber.min(...candidates).round(definition.rounding ?? DEFAULT_ROUNDING);
    trace?.push({ step: 'avgift, avrundad', value: amount.toDecimal() });
    return amount;
}

/** The level's row with an amount (feeBlocked has refused a missing or open one). */
function rowAt(rows: readonly LevelRow[], level: number | undefined): { amount: { value: string } } | undefined {
    const row = rows.find(r => r.level === level);
    return row && !('open' in row.amount) ? row as { amount: { value: string } } : undefined;
}

/** The per-level lists of a fee with the words a message names them by. */
const LEVEL_LISTS = [['caps', 'takbelopp', 'takbeloppet'], ['shares', 'andel', 'andelen'], ['amounts', 'belopp', 'beloppet']] as const satisfies readonly (readonly [keyof Fee, string, string])[];

/**
 * Why a fee cannot be computed for a level on a date whatever the citizen (not in force, no
 * avgiftsutrymme nor flat amounts, no or an open takbelopp, andel or amount for the level), or
 * undefined. Depends on no citizen, so a register can decide it once per level and date.
 */
export function feeBlocked(definition: Fee, level: number | undefined, date: string): RegelrattRuntimeError | undefined {
    if (!inForce(definition.validity, date)) {
        return new RegelrattRuntimeError('no-valid-version', `${definition.name} gäller inte ${date}.`, { fee: definition.id, date });
    }
    if (!definition.room && !definition.amounts?.length) {
        // The checker reports a fee without one; a hand-made file must not charge 0 kr in silence.
        return new RegelrattRuntimeError('not-computable', `${definition.name} anger inget avgiftsutrymme.`, { fee: definition.id });
    }
    for (const [list, word, theWord] of LEVEL_LISTS) {
        const rows = definition[list] as LevelRow[] | undefined;
        if (!rows?.length) {
            continue;
        }
        if (level === undefined) {
            // A fee that gives nothing per level is asked without one; this one depends on it.
            return new RegelrattRuntimeError('missing-level', `Frågan anger ingen nivå; ${definition.name} anger ${word} per nivå.`, { fee: definition.id });
        }
        const row = rows.find(r => r.level === level);
        if (!row) {
            return new RegelrattRuntimeError('unknown-level', `${definition.name} har inget ${word} för nivå ${level}.`, { fee: definition.id, level });
        }
        if ('open' in row.amount) {
            return new RegelrattRuntimeError('open-amount', `Policyn anger inget belopp för ${theWord} för nivå ${level} i ${definition.name}.`, { fee: definition.id, level });
        }
    }
    return undefined;
}
