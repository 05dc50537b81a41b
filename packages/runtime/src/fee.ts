import { ExactNumber, type Fee } from '@regelratt/format';
import type { Calculator, EvaluationContext } from './calculation.js';
import type { CitizenValues } from './citizen.js';
import { DEFAULT_ROUNDING, inForce, type Amount } from './money.js';
import { RegelrattRuntimeError } from './runtime-error.js';

/**
 * A citizen's fee: min(andel × max(0, avgiftsutrymme), the level's takbelopp, maxtaxa), rounded by the
 * fee's rule. The formulas go through the one evaluator, so a fee may read named calculations.
 */
export function fee(calculator: Calculator, definition: Fee, level: number, values: CitizenValues, date: string): Amount {
    if (!inForce(definition.validity, date)) {
        throw new RegelrattRuntimeError('no-valid-version', `${definition.name} gäller inte ${date}.`, { fee: definition.id, date });
    }
    if (!definition.room) {
        // The checker reports a fee without one; a hand-made file must not charge 0 kr in silence.
        throw new RegelrattRuntimeError('not-computable', `${definition.name} anger inget avgiftsutrymme.`, { fee: definition.id });
    }
    const trace: EvaluationContext['trace'] = [];
    const context: EvaluationContext = { values, date, level, trace };
    const room = ExactNumber.max(ExactNumber.ZERO, calculator.evaluate(definition.room, context));
    trace.push({ step: 'avgiftsutrymme', value: room.toDecimal(2) });
    const share = definition.share ? ExactNumber.parse(definition.share.value).divide(ExactNumber.of(100n)) : ExactNumber.ONE;
    const candidates = [room.multiply(share)];
    trace.push({ step: `andel ${definition.share?.value ?? '100'} %`, value: candidates[0].toDecimal(2) });
    const cap = definition.caps.find(row => row.level === level);
    if (definition.caps.length > 0 && !cap) {
        throw new RegelrattRuntimeError('unknown-level', `${definition.name} har inget takbelopp för nivå ${level}.`, { fee: definition.id, level });
    }
    if (cap) {
        if ('open' in cap.amount) {
            throw new RegelrattRuntimeError('open-amount', `Policyn anger inget belopp för takbeloppet för nivå ${level} i ${definition.name}.`, { fee: definition.id, level });
        }
        const capAmount = ExactNumber.parse(cap.amount.value);
        candidates.push(capAmount);
        trace.push({ step: `takbelopp nivå ${level}`, value: capAmount.toDecimal() });
    }
    if (definition.ceiling) {
        const ceiling = calculator.evaluate(definition.ceiling, context);
        candidates.push(ceiling);
        trace.push({ step: 'maxtaxa', value: ceiling.toDecimal(2) });
    }
    const amount = ExactNumber.min(...candidates).round(definition.rounding ?? DEFAULT_ROUNDING);
    trace.push({ step: 'avgift, avrundad', value: amount.toDecimal() });
    return { amount: amount.toDecimal(), trace };
}
