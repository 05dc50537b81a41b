import { ExactNumber } from '@regelratt/format';
import type { Case } from './case-split.js';
import { regionValues } from './regions.js';
import { unmatchedRows } from './row-reach.js';

/**
 * Idle rows of a chained table judged per citizen: a row some case of the table's own split meets
 * (a value of the chained column its cells allow) that no case reached through the upstreams holds
 * (`reached`: the own cases narrowed to the citizens each upstream case answers, chained-inputs.ts)
 * answers nobody, since the upstream gives that value only to citizens the row's other cells leave
 * out, or to none. Rows the own split never meets are `unmatchedRows`, not these.
 */
export function unreachedRows(own: readonly Case[], reached: readonly Case[], rows: number): number[] {
    const never = new Set(unmatchedRows(own, rows));
    return unmatchedRows(reached, rows).filter(row => !never.has(row));
}

/**
 * The values a chained column takes over the reached cases (each fixes the column to the one value
 * its upstream case answers), distinct, in the order first met; numbers in ascending order.
 */
export function reachedValues(reached: readonly Case[], key: string): Array<ExactNumber | boolean | string> {
    const numbers: ExactNumber[] = [];
    const others: Array<boolean | string> = [];
    for (const found of reached) {
        const region = found.assignment.get(key);
        if (region?.kind === 'range' && region.lo && region.hi && region.lo.equals(region.hi)) {
            if (!numbers.some(value => value.equals(region.lo!))) {
                numbers.push(region.lo);
            }
            continue;
        }
        for (const value of (region && regionValues(region)) ?? []) {
            if (!others.includes(value)) {
                others.push(value);
            }
        }
    }
    return [...numbers.sort((a, b) => a.compare(b)), ...others];
}
