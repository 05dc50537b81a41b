import type { DecisionResult, Expression, IsoDate, Quantity } from './compiled-policy.js';
import { ExactNumber } from './exact-number.js';

/** What a decision table's output cell gives: a number, a value left open, a förlopp, a text or ja/nej (since 1.9), a formula over the case (since 1.10), a date (since 1.13). */
export type DecisionResultKind = 'number' | 'open' | 'pathway' | 'text' | 'yesNo' | 'formula' | 'date';

export function decisionResultKind(cell: DecisionResult): DecisionResultKind {
    return 'open' in cell ? 'open' : 'pathway' in cell ? 'pathway' : 'text' in cell ? 'text' : 'yesNo' in cell ? 'yesNo' : 'formula' in cell ? 'formula' : 'date' in cell ? 'date' : 'number';
}

/** The cell's date where it gives one (`2025-01-01`, since 1.13); undefined otherwise. */
export function dateCell(cell: DecisionResult | undefined): IsoDate | undefined {
    return cell !== undefined && 'date' in cell ? cell.date : undefined;
}

/** The cell's formula where it computes its value from the case (since 1.10); undefined otherwise. */
export function formulaCell(cell: DecisionResult | undefined): Expression | undefined {
    return cell !== undefined && 'formula' in cell ? cell.formula : undefined;
}

/** The cell's quantity where it gives a number (an amount, a share, a plain number); undefined otherwise. */
export function quantityCell(cell: DecisionResult | undefined): Quantity | undefined {
    return cell !== undefined && decisionResultKind(cell) === 'number' ? cell as Quantity : undefined;
}

/** A cell that is not a number as the answers give it: a förlopp by id, a text as written, ja/nej as `ja` or `nej`, a date as `YYYY-MM-DD`; undefined for a number or an open value. */
export function wordCell(cell: DecisionResult | undefined): string | undefined {
    if (cell === undefined) {
        return undefined;
    }
    return 'pathway' in cell ? cell.pathway : 'text' in cell ? cell.text : 'yesNo' in cell ? (cell.yesNo ? 'ja' : 'nej') : 'date' in cell ? cell.date : undefined;
}

/**
 * Whether two output cells give the same value: numbers by exact value (`1 409 kr` and `1409,00 kr`
 * alike) with the same unit and period, everything else as written. What places a row's output in
 * its column's value list (since 1.10).
 */
export function sameDecisionResult(a: DecisionResult, b: DecisionResult): boolean {
    const x = quantityCell(a);
    const y = quantityCell(b);
    if (x || y) {
        return x !== undefined && y !== undefined && x.unit === y.unit && x.per === y.per && ExactNumber.parse(x.value).compare(ExactNumber.parse(y.value)) === 0;
    }
    return JSON.stringify(a) === JSON.stringify(b);
}
