import type { Criterion, ExactNumber } from '@regelratt/format';
import type * as Ast from '../generated/ast.js';
import { swedishDecimal } from '../numbers/decimal-text.js';
import type { AttributeDomain } from './attribute-domain.js';
import { truthsOver } from './case-split.js';
import { decisionTableInput } from './decision-table-analysis.js';

/**
 * Two rows that can be written as one without changing any answer (the rule merging of Calvanese et
 * al. 2018, "Semantics, Analysis and Simplification of DMN Decision Tables"): the same outputs, the
 * same values in every input column but one, and in that one disjoint sets whose union is one cell.
 */
export interface RowMerge {
    /** 0-based: the row that takes the merged cell (the earlier one). */
    keep: number;
    /** 0-based: the row that goes. */
    remove: number;
    /** 0-based input column where the two rows differ. */
    column: number;
    /** The merged cell in Regelrätt syntax: `-`, `hög`, `{ hög, nedsatt }`, `18–64`, `>= 65`, `> 0 och < 5`. */
    cell: string;
}

/**
 * Pairs of rows that merge, each row in at most one pair (the earliest it can join), so that every
 * pair offered can be applied together. Why each keeps every answer:
 *
 * - the two boxes are disjoint (they differ in one column, where their values are disjoint), so the
 *   merged row matches each citizen exactly when one of the two did, and no citizen matches one row
 *   fewer or more: `unik`, `valfri` and every `samla` answer alike;
 * - under `första` the merged row sits where the earlier row was, so the later row's citizens move up
 *   past the rows between them: allowed only when none of those rows with other outputs matches any
 *   of them.
 */
export function mergeableRows(table: Ast.DecisionTable): RowMerge[] {
    const input = decisionTableInput(table);
    if (!input) {
        return [];
    }
    const { cells, outputs, columns, attributes } = input;
    const domainOf = (column: number): AttributeDomain => attributes.get(columns[column])!.domain;
    const texts = cells.map(row => row.map(cell => JSON.stringify(cell)));
    const used = new Set<number>();
    const merges: RowMerge[] = [];
    for (let keep = 0; keep < cells.length; keep++) {
        for (let remove = keep + 1; remove < cells.length && !used.has(keep); remove++) {
            if (used.has(remove) || outputs[keep] !== outputs[remove]) {
                continue;
            }
            const merge = mergeOf(cells[keep], cells[remove], texts[keep], texts[remove], columns, domainOf);
            if (!merge) {
                continue;
            }
            if (table.hitPolicy === 'första' && cells.slice(keep + 1, remove).some((between, k) => outputs[keep + 1 + k] !== outputs[remove] && meets(between, cells[remove], columns, domainOf))) {
                continue;
            }
            merges.push({ keep, remove, ...merge });
            used.add(keep);
            used.add(remove);
        }
    }
    return merges;
}

/** The column and merged cell of two rows that differ in exactly one column, disjointly, with a union that is one cell. */
function mergeOf(
    a: ReadonlyArray<Criterion | null>, b: ReadonlyArray<Criterion | null>, aTexts: readonly string[], bTexts: readonly string[],
    columns: readonly string[], domainOf: (column: number) => AttributeDomain,
): { column: number; cell: string } | undefined {
    let found: { column: number; union: boolean[]; pieces: ReturnType<typeof truthsOver>['pieces'] } | undefined;
    for (let column = 0; column < columns.length; column++) {
        if (aTexts[column] === bTexts[column]) {
            continue;
        }
        const { pieces, truths: [ta, tb] } = cellTruths([a[column], b[column]], columns[column], domainOf(column));
        if (ta.every((t, i) => t === tb[i])) {
            continue; // written differently, the same values (`>= 5` and `> 4` on whole numbers)
        }
        if (found || ta.some((t, i) => t && tb[i])) {
            return undefined; // a second column differs, or the two overlap here
        }
        found = { column, union: ta.map((t, i) => t || tb[i]), pieces };
    }
    if (!found) {
        return undefined; // the same box twice: a redundant or overlapping row, reported as such
    }
    const cell = cellText(found.pieces, found.union, domainOf(found.column));
    return cell === undefined ? undefined : { column: found.column, cell };
}

/** Each cell's truth on the pieces of its column's domain; `-` (null) holds everywhere. */
function cellTruths(cells: ReadonlyArray<Criterion | null>, attribute: string, domain: AttributeDomain): ReturnType<typeof truthsOver> {
    const present = cells.filter((c): c is Criterion => c !== null);
    const { pieces, truths } = truthsOver(present, attribute, domain);
    let next = 0;
    return { pieces, truths: cells.map(cell => (cell === null ? pieces.map(() => true) : truths[next++])) };
}

/** Whether two rows share a citizen: rows are conjunctions of their columns, so when each column's cells share a value. */
function meets(a: ReadonlyArray<Criterion | null>, b: ReadonlyArray<Criterion | null>, columns: readonly string[], domainOf: (column: number) => AttributeDomain): boolean {
    return columns.every((attribute, column) => {
        const { truths: [ta, tb] } = cellTruths([a[column], b[column]], attribute, domainOf(column));
        return ta.some((t, i) => t && tb[i]);
    });
}

/** The values where `union` holds, as one cell; undefined when they are no single range of an ordered column (or a date column). */
function cellText(pieces: ReturnType<typeof truthsOver>['pieces'], union: readonly boolean[], domain: AttributeDomain): string | undefined {
    if (union.every(Boolean)) {
        return '-';
    }
    const held = pieces.filter((_, i) => union[i]);
    if (domain.kind === 'enumeration' || domain.kind === 'boolean') {
        const names = held.map(piece => (piece.kind === 'value' ? valueName(piece.value) : ''));
        return names.length === 1 ? names[0] : `{ ${names.join(', ')} }`;
    }
    const first = union.indexOf(true);
    const last = union.lastIndexOf(true);
    if (domain.kind === 'date' || union.slice(first, last + 1).some(t => !t)) {
        return undefined;
    }
    const lowPiece = pieces[first];
    const highPiece = pieces[last];
    if (lowPiece.kind !== 'range' || highPiece.kind !== 'range') {
        return undefined;
    }
    // The domain's own ends need no bound: `>= 65`, not `65–120`.
    const lo = first === 0 ? undefined : lowPiece.lo;
    const hi = last === pieces.length - 1 ? undefined : highPiece.hi;
    const loClosed = lowPiece.loClosed;
    const hiClosed = highPiece.hiClosed;
    if (lo && hi && lo.equals(hi)) {
        return number(lo);
    }
    if (lo && hi && loClosed && hiClosed) {
        return `${number(lo)}–${number(hi)}`;
    }
    const lower = lo ? `${loClosed ? '>=' : '>'} ${number(lo)}` : undefined;
    const upper = hi ? `${hiClosed ? '<=' : '<'} ${number(hi)}` : undefined;
    return lower && upper ? `${lower} och ${upper}` : (lower ?? upper);
}

function valueName(value: string | boolean): string {
    return typeof value === 'boolean' ? (value ? 'ja' : 'nej') : value;
}

function number(value: ExactNumber): string {
    return swedishDecimal(value.toDecimal()).replace('−', '-');
}
