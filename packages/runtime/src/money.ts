import { ExactNumber, type Expression, type Fee, type HourlyRate, type LevelTable, type OptionalAmount, type Rounding, type Validity } from '@regelratt/format';
import type { CitizenValues } from './citizen.js';
import type { PolicySet } from './policy-set.js';
import { RegelrattRuntimeError } from './runtime-error.js';

/** The rule the seed's tables follow, and the default where a policy states none: whole kronor, halves away from zero. */
export const DEFAULT_ROUNDING: Rounding = { unit: 'krona', mode: 'half-away-from-zero' };

/** One step of how an amount was reached: which rule, which values, which parameter version. */
export interface MoneyTrace {
    step: string;
    value: string;
}

export interface Amount {
    amount: string;
    trace: MoneyTrace[];
}

/** Whether something with this validity is in force on the date (always, when either is absent). */
export function inForce(validity: Validity | undefined, date: string | undefined): boolean {
    return !validity || !date || (validity.from <= date && (!validity.to || date <= validity.to));
}

function known(amount: OptionalAmount, what: string, details: Record<string, unknown>): ExactNumber {
    if ('open' in amount) {
        throw new RegelrattRuntimeError('open-amount', `Policyn anger inget belopp för ${what}.`, details);
    }
    return ExactNumber.parse(amount.value);
}

/** A level table read once: level → amount, so a register looks levels up instead of searching rows. */
export class PreparedTable {
    private readonly amounts = new Map<number, OptionalAmount>();

    constructor(readonly table: LevelTable) {
        for (const row of table.rows) {
            this.amounts.set(row.level, row.amount);
        }
    }

    /** The amount of a level as exact decimal text; `null` (no support) gives 0 kr. */
    amountText(level: number | null, date?: string): string {
        const table = this.table;
        if (date && !inForce(table.validity, date)) {
            throw new RegelrattRuntimeError('no-valid-version', `${table.name} gäller inte ${date}.`, { table: table.id, date });
        }
        if (level === null) {
            return '0';
        }
        const amount = this.amounts.get(level);
        if (!amount) {
            throw new RegelrattRuntimeError('unknown-level', `${table.name} har ingen nivå ${level}.`, { table: table.id, level });
        }
        if ('open' in amount) {
            throw new RegelrattRuntimeError('open-amount', `Policyn anger inget belopp för nivå ${level} i ${table.name}.`, { table: table.id, level });
        }
        return amount.value;
    }

    /** Level → amount text for the levels that have one (open amounts are left out). */
    knownAmounts(): Map<number, string> {
        const known = new Map<number, string>();
        for (const [level, amount] of this.amounts) {
            if (!('open' in amount)) {
                known.set(level, amount.value);
            }
        }
        return known;
    }

    amount(level: number | null, date?: string): ExactNumber {
        return ExactNumber.parse(this.amountText(level, date));
    }
}

export function compensation(table: PreparedTable, level: number, date?: string): Amount {
    const amount = table.amountText(level, date);
    return { amount, trace: [{ step: `${table.table.name}, nivå ${level}`, value: amount }] };
}

/**
 * The net effect of a level change with therapist hours, as the seed's table computes it: per month
 * before − after − hours × hourly cost, rounded by the table's rule; over N months, N times the
 * unrounded monthly figure, then rounded.
 */
export function netEffect(
    prepared: PreparedTable, before: number | null, after: number | null, hours: ExactNumber, rate: HourlyRate, months: number, date?: string,
): { monthly: string; total: string; trace: MoneyTrace[] } {
    const table = prepared.table;
    const beforeAmount = prepared.amount(before, date);
    const afterAmount = prepared.amount(after, date);
    if (!rate.amount || !inForce(rate.validity, date)) {
        throw new RegelrattRuntimeError('no-valid-version', `${rate.name} har inget belopp ${date ?? ''}.`.trim(), { rate: rate.id, date });
    }
    const hourly = known(rate.amount, rate.name, { rate: rate.id });
    const cost = hours.multiply(hourly);
    const monthly = beforeAmount.subtract(afterAmount).subtract(cost);
    const rounding = table.rounding ?? DEFAULT_ROUNDING;
    return {
        monthly: monthly.round(rounding).toDecimal(),
        total: monthly.multiply(ExactNumber.of(BigInt(months))).round(rounding).toDecimal(),
        trace: [
            { step: `före: ${before === null ? 'ingen insats' : `nivå ${before}`}`, value: beforeAmount.toDecimal() },
            { step: `efter: ${after === null ? 'ingen insats' : `nivå ${after}`}`, value: afterAmount.toDecimal() },
            { step: `${hours.toDecimal()} h × ${hourly.toDecimal()} kr (${rate.name})`, value: cost.toDecimal() },
            { step: 'per månad, oavrundat', value: monthly.toDecimal() },
            { step: `${months} månader, oavrundat`, value: monthly.multiply(ExactNumber.of(BigInt(months))).toDecimal() },
        ],
    };
}

/** Evaluates a fee formula exactly on a date: parameters by their version that day, attributes from the citizen. */
export function evaluateExpression(expression: Expression, policy: PolicySet, values: CitizenValues, date: string, trace: MoneyTrace[]): ExactNumber {
    if ('quantity' in expression) {
        return ExactNumber.parse(expression.quantity.value);
    }
    if ('ref' in expression) {
        if (expression.ref.startsWith('parameter/')) {
            const parameter = policy.get(expression.ref, 'parameter');
            const value = policy.parameterValue(parameter, date);
            trace.push({ step: `${parameter.name} ${date}`, value: value.toDecimal() });
            return value;
        }
        const value = values.get(expression.ref);
        if (!(value instanceof ExactNumber)) {
            throw new RegelrattRuntimeError('not-computable', `${expression.ref} är inget belopp.`, { attribute: expression.ref });
        }
        return value;
    }
    if ('call' in expression) {
        const args = expression.args.map(arg => evaluateExpression(arg, policy, values, date, trace));
        return expression.call === 'min' ? ExactNumber.min(...args) : ExactNumber.max(...args);
    }
    const left = evaluateExpression(expression.left, policy, values, date, trace);
    const right = evaluateExpression(expression.right, policy, values, date, trace);
    switch (expression.op) {
        case '+': return left.add(right);
        case '-': return left.subtract(right);
        case '*': return left.multiply(right);
        case '/':
            if (right.equals(ExactNumber.ZERO)) {
                throw new RegelrattRuntimeError('not-computable', 'Division med noll i avgiftens formel.', {});
            }
            return left.divide(right);
    }
}

/** A citizen's fee: min(andel × max(0, avgiftsutrymme), the level's takbelopp, maxtaxa), rounded by the fee's rule. */
export function fee(policy: PolicySet, definition: Fee, level: number, values: CitizenValues, date: string): Amount {
    if (!inForce(definition.validity, date)) {
        throw new RegelrattRuntimeError('no-valid-version', `${definition.name} gäller inte ${date}.`, { fee: definition.id, date });
    }
    const trace: MoneyTrace[] = [];
    const room = definition.room ? ExactNumber.max(ExactNumber.ZERO, evaluateExpression(definition.room, policy, values, date, trace)) : ExactNumber.ZERO;
    trace.push({ step: 'avgiftsutrymme', value: room.toDecimal(2) });
    const share = definition.share ? ExactNumber.parse(definition.share.value).divide(ExactNumber.of(100n)) : ExactNumber.ONE;
    const candidates = [room.multiply(share)];
    trace.push({ step: `andel ${definition.share?.value ?? '100'} %`, value: candidates[0].toDecimal(2) });
    const cap = definition.caps.find(row => row.level === level);
    if (definition.caps.length > 0 && !cap) {
        throw new RegelrattRuntimeError('unknown-level', `${definition.name} har inget takbelopp för nivå ${level}.`, { fee: definition.id, level });
    }
    if (cap) {
        const capAmount = known(cap.amount, `takbeloppet för nivå ${level} i ${definition.name}`, { fee: definition.id, level });
        candidates.push(capAmount);
        trace.push({ step: `takbelopp nivå ${level}`, value: capAmount.toDecimal() });
    }
    if (definition.ceiling) {
        const ceiling = evaluateExpression(definition.ceiling, policy, values, date, trace);
        candidates.push(ceiling);
        trace.push({ step: 'maxtaxa', value: ceiling.toDecimal(2) });
    }
    const amount = ExactNumber.min(...candidates).round(definition.rounding ?? DEFAULT_ROUNDING);
    trace.push({ step: 'avgift, avrundad', value: amount.toDecimal() });
    return { amount: amount.toDecimal(), trace };
}
