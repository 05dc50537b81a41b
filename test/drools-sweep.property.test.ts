import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { analyseDecisionTable, ast, checkPolicies, createRegelrattServices } from '@regelratt/language';

/**
 * Issue 29: never more gap regions than the sweep of the Drools DMN analyser finds (Calvanese et al.
 * 2018), and under `unik` never more overlap regions (Drools lists an overlap per swept box where two
 * rows or more hold), on random tables, not only on its own test cases (test/drools-dmn.test.ts). The sweep, as
 * Drools's gaps show it: along the first column, cut where an active row's cell begins or ends; each
 * stretch whose active rows are none is one gap (the later columns free), otherwise the next column
 * is swept with the rows active there. Here neighbouring stretches with the same active rows are
 * taken together, which gives no more gaps than Drools reports (its GapsAndOverlaps1 cuts at every
 * bound), and the columns are swept in every order, the fewest counting (the issue's "never more
 * regions than the smallest cover the sweep can find"), so the bound is if anything stricter.
 */
interface Column { name: string; values: string[]; ordered: boolean }
/** A cell: the indices into its column's values it holds for. */
type Cell = number[];

const columnArb = (index: number): fc.Arbitrary<Column> => fc.oneof(
    fc.integer({ min: 1, max: 6 }).map(max => ({ name: `k${index}`, values: Array.from({ length: max + 1 }, (_, i) => String(i)), ordered: true })),
    fc.integer({ min: 2, max: 3 }).map(n => ({ name: `k${index}`, values: Array.from({ length: n }, (_, i) => `v${i}`), ordered: false })),
);

const cellArb = (column: Column): fc.Arbitrary<Cell> => {
    const all = column.values.map((_, i) => i);
    const n = column.values.length;
    return column.ordered
        ? fc.oneof(
            { arbitrary: fc.constant(all), weight: 1 },
            { arbitrary: fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })).map(([a, b]) => all.slice(Math.min(a, b), Math.max(a, b) + 1)), weight: 3 },
        )
        : fc.oneof({ arbitrary: fc.constant(all), weight: 1 }, { arbitrary: fc.subarray(all, { minLength: 1 }), weight: 3 });
};

const tableArb = fc.integer({ min: 1, max: 4 })
    .chain(n => fc.tuple(...Array.from({ length: n }, (_, i) => columnArb(i))))
    .chain(columns => fc.tuple(fc.constant(columns), fc.array(fc.tuple(...columns.map(cellArb)), { minLength: 1, maxLength: 6 })));

function cellText(column: Column, cell: Cell): string {
    if (cell.length === column.values.length) {
        return '-';
    }
    if (column.ordered) {
        return cell.length === 1 ? column.values[cell[0]] : `${column.values[cell[0]]}–${column.values[cell[cell.length - 1]]}`;
    }
    return `{ ${cell.map(i => column.values[i]).join(', ')} }`;
}

function tableText(columns: Column[], rows: Cell[][], hit = 'första'): string {
    return [
        ...columns.map(c => `egenskap ${c.name} : ${c.ordered ? `heltal 0–${c.values.length - 1}` : `en av { ${c.values.join(', ')} }`}`),
        'beslutstabell t {',
        `    träff ${hit}`,
        `    | ${columns.map(c => c.name).join(' | ')} || rad |`,
        ...rows.map((cells, r) => `    | ${cells.map((cell, i) => cellText(columns[i], cell)).join(' | ')} || ${r + 1} |`),
        '}',
    ].join('\n');
}

/**
 * The sweep's boxes, as the rows active in each: column by column, each stretch of values with the
 * same active rows once; a box ends where no row is active (a gap, the later columns free) or after
 * the last column. Gaps are the boxes with no row, overlaps (as Drools lists them) those with two or more.
 */
function sweep(columns: Column[], rows: Cell[][], column = 0, active: number[] = rows.map((_, r) => r)): number[][] {
    if (active.length === 0 || column === columns.length) {
        return [active];
    }
    // A choice has no order: Drools orders its values, and each run of them with the same rows is one stretch.
    const activeAt = columns[column].values.map((_, v) => active.filter(r => rows[r][column].includes(v)));
    return activeAt.flatMap((rowsHere, v) => (v > 0 && rowsHere.join() === activeAt[v - 1].join() ? [] : sweep(columns, rows, column + 1, rowsHere)));
}

const sweepGaps = (columns: Column[], rows: Cell[][]): number => sweep(columns, rows).filter(box => box.length === 0).length;
const sweepOverlaps = (columns: Column[], rows: Cell[][]): number => sweep(columns, rows).filter(box => box.length >= 2).length;

/** Every order of the columns. */
function orders(n: number): number[][] {
    return n === 0 ? [[]] : orders(n - 1).flatMap(order => Array.from({ length: n }, (_, at) => [...order.slice(0, at), n - 1, ...order.slice(at)]));
}

/** The fewest the sweep finds over every order of the columns (Drools sweeps them in the table's order). */
function fewest(count: typeof sweepGaps, columns: Column[], rows: Cell[][]): number {
    return Math.min(...orders(columns.length).map(order => count(order.map(i => columns[i]), rows.map(cells => order.map(i => cells[i])))));
}

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

// Gaps under `första` (any hit policy has the same gaps); overlaps under `unik`, where each is a finding.
const KINDS = [
    { kind: 'gap', hit: 'första', count: sweepGaps },
    { kind: 'overlap', hit: 'unik', count: sweepOverlaps },
] as const;

describe('regions against the Drools sweep', () => {
    test.each(KINDS)('on random tables under träff $hit, no more $kind regions than the sweep finds in the fewest, over every order of the columns', async ({ kind, hit, count }) => {
        let compared = 0;
        await fc.assert(fc.asyncProperty(tableArb, async ([columns, rows]) => {
            const text = tableText(columns, rows, hit);
            const [checked] = await checkPolicies(Regelratt, [{ path: '/sweep/t.regel', text }]);
            const table = checked.document.parseResult.value.elements.find(ast.isDecisionTable)!;
            const analysis = analyseDecisionTable(table)!;
            expect(analysis.complete, text).toBe(true);
            const ours = analysis.findings.filter(f => f.kind === kind).length;
            const sweepCount = fewest(count, columns, rows);
            expect(ours, text).toBeLessThanOrEqual(sweepCount);
            // Both find one exactly when there is one.
            expect(ours > 0, text).toBe(sweepCount > 0);
            compared += sweepCount > 1 ? 1 : 0;
        }), { numRuns: 400, seed: 20261205 });
        expect(compared).toBeGreaterThan(100);
    });
});
