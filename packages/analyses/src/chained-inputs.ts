import { ExactNumber, formulaCell, quantityCell, type DecisionResult } from '@regelratt/format';
import { highestPriority } from '@regelratt/runtime';
import { dayNumber, type AttributeDomain } from './attribute-domain.js';
import type { Case } from './case-split.js';
import { regionContains, regionValues, type Region } from './regions.js';

/**
 * What the analyses of chained decisions share, whether they read the syntax tree (the checker's
 * gaps and overlaps) or the compiled form (example coverage): the values an upstream column gives,
 * and a downstream case narrowed to the citizens an upstream case answers with a value in it.
 */

/** One case of an upstream table with the value its deciding row (or its default) gives in the chained column. */
export interface UpstreamReach {
    found: Case;
    value: ExactNumber | boolean | string;
}

/**
 * A chained input's value from an upstream cell: ja/nej, the number (a share as its fraction, as the
 * runtime reads it), or a text or förlopp (its id) as the value of an enumeration.
 */
export function chainedValue(cell: DecisionResult): ExactNumber | boolean | string | undefined {
    if ('yesNo' in cell) {
        return cell.yesNo;
    }
    const word = chainedWord(cell);
    if (word !== undefined) {
        return word;
    }
    // A date as its day number, the form the analyses compare dates in (case-split.ts): exact over days.
    if ('date' in cell) {
        return dayNumber(cell.date);
    }
    const quantity = quantityCell(cell);
    if (!quantity) {
        return undefined;
    }
    const value = ExactNumber.parse(quantity.value);
    return quantity.unit === '%' ? value.divide(ExactNumber.of(100n)) : value;
}

/** A text cell's text, a förlopp cell's id: what a chained column of words compares; undefined for any other cell. */
export function chainedWord(cell: DecisionResult): string | undefined {
    return 'text' in cell && typeof cell.text === 'string' ? cell.text : 'pathway' in cell ? cell.pathway : undefined;
}

/**
 * The distinct words of an upstream column, in order of first appearance, where every cell is a text,
 * or every cell a förlopp; undefined otherwise (a column mixing them, or with numbers or open values).
 */
export function chainedWords(cells: readonly DecisionResult[]): string[] | undefined {
    const texts = cells.every(cell => 'text' in cell && typeof cell.text === 'string');
    const pathways = cells.every(cell => 'pathway' in cell);
    if (cells.length === 0 || !(texts || pathways)) {
        return undefined;
    }
    return [...new Set(cells.map(cell => chainedWord(cell)!))];
}

/**
 * Whether an upstream column's value is one of its cells: not where a cell is a formula
 * (`= inkomst × 10 %`) or the table sums or counts its matching rows. Where it is not, the
 * downstream is judged over every number of the column, as for a calculation.
 */
export function constantCells(cells: readonly DecisionResult[], collects: boolean): boolean {
    return !collects && !cells.some(cell => formulaCell(cell) !== undefined);
}

/**
 * The values a chained input can take, as far as the upstream's output cells (rows, then default)
 * say: ja/nej where they all are; otherwise the numbers between the least and greatest cell, whole
 * where they all are. Any number where a cell is a formula or the value is a sum or a count
 * (`aggregates`). Undefined for a column of texts, förlopp or values left open.
 */
export function chainedCellsDomain(cells: readonly DecisionResult[], aggregates: boolean): AttributeDomain | undefined {
    if (cells.length === 0) {
        return undefined;
    }
    if (cells.every(cell => 'yesNo' in cell)) {
        return { kind: 'boolean' };
    }
    // Texts or förlopp: a finite enumeration of the literal outputs (never both: a förlopp's id is no text).
    const words = chainedWords(cells);
    if (words) {
        return { kind: 'enumeration', values: words };
    }
    // Dates (`ej angivet` aside, which the runtime refuses to compare): the days, compared as an attribute of dates is.
    if (cells.every(cell => 'date' in cell)) {
        return aggregates ? undefined : { kind: 'date' };
    }
    if (cells.some(cell => formulaCell(cell) !== undefined) || aggregates) {
        return cells.every(cell => formulaCell(cell) !== undefined || quantityCell(cell) !== undefined) ? { kind: 'decimal' } : undefined;
    }
    const values: ExactNumber[] = [];
    for (const cell of cells) {
        const value = quantityCell(cell) ? chainedValue(cell) : undefined;
        if (!(value instanceof ExactNumber)) {
            return undefined;
        }
        values.push(value);
    }
    const min = values.reduce((a, b) => (b.compare(a) < 0 ? b : a));
    const max = values.reduce((a, b) => (b.compare(a) > 0 ? b : a));
    return { kind: values.every(v => v.isInteger()) ? 'integer' : 'decimal', min, max };
}

/**
 * A downstream case narrowed to the citizens of an upstream case (`reach`) whose value lies in the
 * case's region of the chained column `key`: the attributes both read are intersected, the
 * upstream's others added, the chained column fixed to the value. Undefined where the value is
 * outside the region or the two cases share no citizen.
 */
export function throughReach(own: Case, key: string, reach: UpstreamReach): Case | undefined {
    const region = own.assignment.get(key);
    if (region && !regionContains(region, reach.value)) {
        return undefined;
    }
    const assignment = new Map(own.assignment);
    for (const [id, upstreamRegion] of reach.found.assignment) {
        const mine = assignment.get(id);
        // An attribute both tables read: the citizens of both regions.
        const both = mine ? intersection(mine, upstreamRegion) : upstreamRegion;
        if (!both) {
            return undefined;
        }
        assignment.set(id, both);
    }
    const value = reach.value;
    assignment.set(key, value instanceof ExactNumber ? { kind: 'range', lo: value, loClosed: true, hi: value, hiClosed: true, discrete: true } : { kind: 'value', value });
    return { ...own, assignment };
}

/** The values two regions of one attribute share, as a region; undefined where they share none. */
export function intersection(a: Region, b: Region): Region | undefined {
    if (a.kind === 'range' && b.kind === 'range') {
        const lo = !a.lo ? b : !b.lo ? a : a.lo.compare(b.lo) > 0 || (a.lo.equals(b.lo) && !a.loClosed) ? a : b;
        const hi = !a.hi ? b : !b.hi ? a : a.hi.compare(b.hi) < 0 || (a.hi.equals(b.hi) && !a.hiClosed) ? a : b;
        const region: Region = { kind: 'range', lo: lo.lo, loClosed: lo.loClosed, hi: hi.hi, hiClosed: hi.hiClosed, discrete: a.discrete };
        if (region.lo && region.hi) {
            const order = region.lo.compare(region.hi);
            if (order > 0 || (order === 0 && !(region.loClosed && region.hiClosed))) {
                return undefined;
            }
            // Whole numbers strictly between two bounds: none where the bounds are neighbours and open.
            if (region.discrete && ExactNumber.ONE.compare(region.hi.subtract(region.lo)) >= 0 && !region.loClosed && !region.hiClosed) {
                return undefined;
            }
        }
        return region;
    }
    const values = (regionValues(a) ?? []).filter(value => (regionValues(b) ?? []).includes(value));
    return values.length === 0 ? undefined : values.length === 1 ? { kind: 'value', value: values[0] } : { kind: 'values', values };
}

/**
 * The row that decides a case, by its rows' truths (`verdicts`): under priority (`ranks`, the
 * runtime's `outputRank` of each row) the row of the highest priority that holds, otherwise the
 * first that holds (a unique table has at most one where it has no overlap, an any table's agree);
 * undefined where none holds or the table collects (no one row decides).
 */
export function decidingRow(verdicts: readonly boolean[], collects: boolean, ranks?: readonly (readonly number[])[]): number | undefined {
    if (collects) {
        return undefined;
    }
    if (ranks) {
        // Same-priority overlaps with different outputs are refused by the checker.
        const holding = verdicts.flatMap((holds, index) => (holds ? [index] : []));
        return highestPriority(ranks, holding)[0];
    }
    const index = verdicts.indexOf(true);
    return index < 0 ? undefined : index;
}
