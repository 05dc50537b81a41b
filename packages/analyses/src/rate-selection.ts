/**
 * A rate whose amount the case's attributes select (`timkostnad … { efter regi, tid  belopp { … } }`):
 * which rows are malformed, which combinations are given twice, and which the rate can be asked
 * for without giving an amount (a gap, with the first such combinations as witnesses). Pure: the
 * validation words the findings.
 */

/** A selector: its name and, for an enumeration, its values in declared order (undefined otherwise). */
export interface RateSelector {
    name: string;
    values: readonly string[] | undefined;
}

export type RateSelectionFinding =
    | { code: 'rate-selector-not-enumeration'; selector: number }
    | { code: 'rate-amount-width'; row: number; given: number; expected: number }
    | { code: 'rate-amount-twice'; row: number; first: number }
    | { code: 'rate-amount-missing'; witnesses: string[][]; count: bigint };

/** How many missing combinations a finding names; the count says how many there are in all. */
const WITNESSES = 3;

export function analyseRateSelection(selectors: readonly RateSelector[], rows: ReadonlyArray<readonly string[]>): RateSelectionFinding[] {
    const findings: RateSelectionFinding[] = [];
    selectors.forEach((selector, index) => {
        if (!selector.values) {
            findings.push({ code: 'rate-selector-not-enumeration', selector: index });
        }
    });
    const seen = new Map<string, number>();
    rows.forEach((values, index) => {
        if (values.length !== selectors.length) {
            findings.push({ code: 'rate-amount-width', row: index, given: values.length, expected: selectors.length });
            return;
        }
        const key = values.join('\u0000');
        const first = seen.get(key);
        if (first !== undefined) {
            findings.push({ code: 'rate-amount-twice', row: index, first });
        } else {
            seen.set(key, index);
        }
    });
    const domains = selectors.map(selector => selector.values);
    if (selectors.length === 0 || domains.some(values => !values || values.length === 0)) {
        return findings; // no values to combine: the selector's own finding says why
    }
    const values = domains as ReadonlyArray<readonly string[]>;
    // Only rows whose every value is one of its selector's count as covering (a misspelt value is a linking error).
    const covered = [...seen.keys()].filter(key => key.split('\u0000').every((value, index) => values[index].includes(value))).length;
    const count = values.reduce((product, domain) => product * BigInt(domain.length), 1n) - BigInt(covered);
    if (count > 0n) {
        findings.push({ code: 'rate-amount-missing', witnesses: firstMissing(values, seen, WITNESSES), count });
    }
    return findings;
}

/** The first `limit` combinations in declared order that no row gives: stops as soon as it has them. */
function firstMissing(values: ReadonlyArray<readonly string[]>, given: ReadonlyMap<string, number>, limit: number): string[][] {
    const found: string[][] = [];
    const index = values.map(() => 0);
    for (;;) {
        const combination = index.map((at, position) => values[position][at]);
        if (!given.has(combination.join('\u0000'))) {
            found.push(combination);
            if (found.length === limit) {
                return found;
            }
        }
        let position = index.length - 1;
        while (position >= 0 && ++index[position] === values[position].length) {
            index[position--] = 0;
        }
        if (position < 0) {
            return found;
        }
    }
}
