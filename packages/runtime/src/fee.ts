import { ExactNumber, type Fee } from '@regelratt/format';
import type { Calculator, EvaluationContext } from './calculation.js';
import type { CitizenValues } from './citizen.js';
import { DEFAULT_ROUNDING, inForce, type Amount, type MoneyTrace } from './money.js';
import { RegelrattRuntimeError } from './runtime-error.js';

/**
 * A citizen's fee: min(andel × max(0, avgiftsutrymme), the level's takbelopp, maxtaxa), rounded by the
 * fee's rule. The formulas go through the one evaluator, so a fee may read named calculations.
 */
export function fee(calculator: Calculator, definition: Fee, level: number, values: CitizenValues, date: string, explain = true): Amount {
    const blocked = feeBlocked(definition, level, date);
    if (blocked) {
        throw blocked;
    }
    const room = definition.room!;
    const cap = definition.caps.find(row => row.level === level);
    const trace: MoneyTrace[] = [];
    const context: EvaluationContext = { values, date, level, ...(explain ? { trace } : {}) };
    const space = ExactNumber.max(ExactNumber.ZERO, calculator.evaluate(room, context));
    context.trace?.push({ step: 'avgiftsutrymme', value: space.toDecimal(2) });
    const share = definition.share ? ExactNumber.parse(definition.share.value).divide(ExactNumber.of(100n)) : ExactNumber.ONE;
    const candidates = [space.multiply(share)];
    context.trace?.push({ step: `andel ${definition.share?.value ?? '100'} %`, value: candidates[0].toDecimal(2) });
    if (cap && !('open' in cap.amount)) {
        const capAmount = ExactNumber.parse(cap.amount.value);
        candidates.push(capAmount);
        context.trace?.push({ step: `takbelopp nivå ${level}`, value: capAmount.toDecimal() });
    }
    if (definition.ceiling) {
        const ceiling = calculator.evaluate(definition.ceiling, context);
        candidates.push(ceiling);
        context.trace?.push({ step: 'maxtaxa', value: ceiling.toDecimal(2) });
    }
    const amount = ExactNumber.min(...candidates).round(definition.rounding ?? DEFAULT_ROUNDING);
    context.trace?.push({ step: 'avgift, avrundad', value: amount.toDecimal() });
    return { amount: amount.toDecimal(), trace };
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
