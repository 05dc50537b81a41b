import { ExactNumber, type HourlyRate, type LevelTable, type OptionalAmount, type Rounding, type Validity } from '@regelratt/format';
import { isSelectedRate } from './rate.js';
import { runtimeError } from './runtime-error.js';

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
        throw runtimeError('rate-without-amount', { name: what }, details);
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
            throw runtimeError('not-in-force', { name: table.name, date }, { table: table.id, date });
        }
        if (level === null) {
            return '0';
        }
        const amount = this.amounts.get(level);
        if (!amount) {
            throw runtimeError('level-table-without-level', { table: table.name, level }, { table: table.id, level });
        }
        if ('open' in amount) {
            throw runtimeError('level-table-open-amount', { table: table.name, level }, { table: table.id, level });
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
    if (isSelectedRate(rate)) {
        // The net effect is asked without a citizen: a rate by the case's attributes has no one amount here.
        throw runtimeError('rate-needs-case', { name: rate.name }, { rate: rate.id });
    }
    if (!rate.amount || !inForce(rate.validity, date)) {
        throw runtimeError('rate-without-version', { name: rate.name, ...(date ? { date } : {}) }, { rate: rate.id, date });
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
