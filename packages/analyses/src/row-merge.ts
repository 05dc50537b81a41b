import type { Criterion, ExactNumber } from '@regelratt/format';
import { swedishDecimal } from './numbers/decimal-text.js';
import type { AttributeDomain } from './attribute-domain.js';
import { truthsOver } from './case-split.js';
import type { DecisionTableInput } from './decision-table-analysis.js';
import type { RowPolicy } from './row-reach.js';
import type { Region } from './regions.js';

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
 *   of them. The same under the list policies (`regelordning`, `utfallsordning`, `samla`
 *   alone), whose lists give the rows' outputs in row order (ties of priority too).
 */
export function mergeableRows(
    input: DecisionTableInput | undefined, hitPolicy: RowPolicy,
    /** Whether the table answers with a list (the format's `listHitPolicy` of its compiled hit policy). */
    answersList: boolean,
): RowMerge[] {
    if (!input) {
        return [];
    }
    const { cells, outputs, columns, attributes } = input;
    // Each column's domain cut once where any of its cells changes truth, and each cell's truth on the
    // pieces as a string of 0 and 1: two cells hold on the same values exactly when their strings are
    // equal, so comparing two rows is comparing strings, not cutting the domain again per pair.
    const truths = columns.map((attribute, column) => columnTruths(cells.map(row => row[column]), attribute, attributes.get(attribute)!.domain));
    const used = new Set<number>();
    const merges: RowMerge[] = [];
    for (let keep = 0; keep < cells.length; keep++) {
        for (let remove = keep + 1; remove < cells.length && !used.has(keep); remove++) {
            if (used.has(remove) || outputs[keep] !== outputs[remove]) {
                continue;
            }
            const differing = columns.flatMap((_, column) => (truths[column].bits[keep] === truths[column].bits[remove] ? [] : [column]));
            if (differing.length !== 1) {
                continue; // the same box twice (a redundant or overlapping row, reported as such), or two columns differ
            }
            const [column] = differing;
            const [a, b] = [truths[column].bits[keep], truths[column].bits[remove]];
            if ([...a].some((bit, i) => bit === '1' && b[i] === '1')) {
                continue; // they overlap in that column
            }
            const union = [...a].map((bit, i) => bit === '1' || b[i] === '1');
            const cell = cellText(truths[column].pieces, union, attributes.get(columns[column])!.domain);
            if (cell === undefined) {
                continue;
            }
            // Under first hit the later row's citizens move up past the rows between: none with other outputs may match one of them.
            const meets = (between: number) => truths.every(({ bits }) => [...bits[between]].some((bit, i) => bit === '1' && bits[remove][i] === '1'));
            // The same under the list policies: a list gives its rows' outputs in row (or priority) order.
            if ((hitPolicy === 'första' || answersList) && Array.from({ length: remove - keep - 1 }, (_, k) => keep + 1 + k).some(between => outputs[between] !== outputs[remove] && meets(between))) {
                continue;
            }
            merges.push({ keep, remove, column, cell });
            used.add(keep);
            used.add(remove);
        }
    }
    return merges;
}

/** One column's pieces and each row's cell's truth on them (`-` holds everywhere), cells written alike evaluated once. */
function columnTruths(cells: ReadonlyArray<Criterion | null>, attribute: string, domain: AttributeDomain): { pieces: Region[]; bits: string[] } {
    const distinct = new Map<string, Criterion>();
    const texts = cells.map(cell => {
        const text = JSON.stringify(cell);
        if (cell !== null) {
            distinct.set(text, cell);
        }
        return text;
    });
    const { pieces, truths } = truthsOver([...distinct.values()], attribute, domain);
    const byText = new Map([...distinct.keys()].map((text, index) => [text, truths[index].map(t => (t ? '1' : '0')).join('')]));
    const everywhere = '1'.repeat(pieces.length);
    return { pieces, bits: texts.map(text => byText.get(text) ?? everywhere) };
}

/** The values where `union` holds, as one cell; undefined when they are no single range of an ordered column (or a date column). */
function cellText(pieces: readonly Region[], union: readonly boolean[], domain: AttributeDomain): string | undefined {
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
