import { highestPriority } from '@regelratt/runtime';
import type { Case } from './case-split.js';

/** How a table with several matching rows answers: the policies under which a row can be idle. */
export type RowPolicy = 'unik' | 'första' | 'valfri' | 'samla' | 'prioritet' | 'regelordning' | 'utfallsordning';

/**
 * A row that never decides an answer: `shadowed` (`träff första`: every citizen it matches is taken
 * by an earlier row) or `redundant` (every citizen it matches is also matched by other rows with the
 * same outputs, under a policy where such rows answer alike). Removing every reported row together
 * changes no answer of the table.
 */
export interface IdleRow {
    /** `outranked`: under `prioritet`, every citizen the row matches is taken by a row of higher priority, or by an earlier one of the same priority and outputs. */
    kind: 'shadowed' | 'redundant' | 'outranked';
    /** 0-based index of the idle row. */
    row: number;
    /** A row that answers instead, for the citizens of `case`. */
    by: number;
    /** Citizens the row matches, each answered by `by` (the first earlier row, or a row with the same outputs). */
    case: Case;
}

/**
 * The rows that can never decide, read from a complete case split over the rows (each case decides
 * every row, so "row i minus the union of the others is empty" is "no case where i holds alone in
 * the sense the policy counts"): no second split. `outputs` gives each row's outputs as one key (rows
 * that agree share it). Under `unik` an overlap is already an error, and under `samla` a sum or count
 * counts every row, so neither has idle rows (nor have the list policies, `regelordning`,
 * `utfallsordning` and `samla` alone: every matching row is in the list); `samla min`/`max` ignores a row whose outputs another
 * matching row repeats.
 */
export function idleRows(
    cases: readonly Case[], policy: RowPolicy, aggregation: string | undefined, outputs: readonly string[],
    /** Under `prioritet`: each row's priority (`outputRank`). */
    ranks?: readonly (readonly number[])[],
): IdleRow[] {
    const rows = outputs.length;
    // The cases each row holds in, once: both rules below only look at those.
    const holding: number[][] = Array.from({ length: rows }, () => []);
    cases.forEach((found, index) => found.verdicts.forEach((verdict, row) => {
        if (verdict) {
            holding[row].push(index);
        }
    }));
    if (policy === 'första') {
        return shadowedRows(cases, holding, (found, row) => {
            const first = found.verdicts.indexOf(true);
            return first < row ? first : -1;
        });
    }
    if (policy === 'prioritet' && ranks) {
        // The row of the highest priority decides, the first of several that agree (as the runtime's
        // `highestPriority`). Where rows of the highest priority disagree no row decides (an overlap,
        // reported as such), so no row is idle there.
        return shadowedRows(cases, holding, (found, row) => {
            const best = highestPriority(ranks, found.verdicts.flatMap((verdict, index) => (verdict ? [index] : [])));
            return best[0] === row || best.some(index => outputs[index] !== outputs[best[0]]) ? -1 : best[0];
        }, 'outranked');
    }
    if (policy === 'valfri' || (policy === 'samla' && (aggregation === 'min' || aggregation === 'max'))) {
        return redundantRows(cases, holding, outputs);
    }
    return [];
}

/**
 * Under first hit (and priority): rows that hold somewhere but never decide. `ahead` gives, for a case
 * the row holds in, the row that takes it instead (an earlier row; one of higher priority), or -1.
 */
function shadowedRows(cases: readonly Case[], holding: readonly number[][], ahead: (found: Case, row: number) => number, kind: 'shadowed' | 'outranked' = 'shadowed'): IdleRow[] {
    const idle: IdleRow[] = [];
    holding.forEach((where, row) => {
        // A row no citizen matches is not idle in this sense (there is no citizen to show): nothing to report here.
        const by = where.map(index => ahead(cases[index], row));
        if (where.length > 0 && by.every(other => other >= 0)) {
            idle.push({ kind, row, by: by[0], case: cases[where[0]] });
        }
    });
    return idle;
}

/**
 * Rows covered by other rows with the same outputs. Taken from the last row up, each row found
 * covered is set aside before the rows above are judged, so two equal rows are not both reported:
 * the rows left cover every citizen the whole table did, and the reported ones can all go at once.
 */
function redundantRows(cases: readonly Case[], holding: readonly number[][], outputs: readonly string[]): IdleRow[] {
    const removed = new Set<number>();
    const idle: IdleRow[] = [];
    const other = (row: number, index: number): number => cases[index].verdicts.findIndex((verdict, r) => verdict && r !== row && !removed.has(r) && outputs[r] === outputs[row]);
    for (let row = outputs.length - 1; row >= 0; row--) {
        const where = holding[row];
        if (where.length > 0 && where.every(index => other(row, index) >= 0)) {
            removed.add(row);
            idle.push({ kind: 'redundant', row, by: other(row, where[0]), case: cases[where[0]] });
        }
    }
    return idle.reverse();
}

/**
 * Rows no case of a complete split holds in: no citizen of the declared domains meets all their cells
 * (`> 50 och < 30`, a value outside the attribute's domain), so the row answers nobody, under every
 * hit policy (a list policy too: the row is in no citizen's list). 0-based indices.
 */
export function unmatchedRows(cases: readonly Case[], rows: number): number[] {
    const holds = new Array<boolean>(rows).fill(false);
    for (const found of cases) {
        found.verdicts.forEach((verdict, row) => {
            holds[row] ||= verdict;
        });
    }
    return holds.flatMap((held, row) => (held ? [] : [row]));
}
