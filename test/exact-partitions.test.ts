import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { checkPolicies, createRegelrattServices } from '@regelratt/language';
import { boxParts, exactPartition, pathwayModelText, tableText, type Partition, type RowChange } from './bench/partition-tables.mjs';

/**
 * The gap and overlap analyses at the sizes real tables reach (issue 29): tables that are exact
 * partitions by construction (the leaves of a random decision tree) check clean as a `beslutstabell`
 * and as a `förloppsmodell`; with one row left out, the gap is that row's box and nothing else, one
 * region; with one row given twice with another output, the overlap is that box.
 */
const { Regelratt } = createRegelrattServices(EmptyFileSystem);

const SIZES: Array<[number, number]> = [[8, 48], [12, 100], [16, 200]];
const FORMS = [
    { form: 'beslutstabell', text: tableText, gap: 'decision-gap', overlap: 'decision-overlap' },
    { form: 'förloppsmodell', text: pathwayModelText, gap: 'pathway-gap', overlap: 'pathway-overlap' },
] as const;

async function findings(text: string): Promise<Array<{ code: string; parts: string[] }>> {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/partition/p.regel', text }]);
    const errors = checked.diagnostics.filter(d => d.severity === 'error' || d.code === 'analysis-undecided');
    return errors.map(d => ({
        code: String(d.code),
        parts: d.witness ? (d.witness as { text: string }).text.split(', ').sort() : [d.message],
    }));
}

function changed(partition: Partition, seed: number): { drop: RowChange; duplicate: RowChange; row: number } {
    const row = seed % partition.rows.length;
    return { drop: { drop: row }, duplicate: { duplicate: row }, row };
}

describe.each(FORMS)('exact partitions as a $form', ({ text, gap, overlap }) => {
    test.each(SIZES)('%i columns × %i rows: clean; one row left out is one gap, its box; one row twice is one overlap, its box', async (columns, rows) => {
        const seed = 20261205 + columns;
        const partition = exactPartition({ columns, rows, seed });
        expect(partition.rows).toHaveLength(rows);
        expect(await findings(text(partition))).toEqual([]);
        const { drop, duplicate, row } = changed(partition, seed);
        expect(await findings(text(partition, drop))).toEqual([{ code: gap, parts: boxParts(partition, row) }]);
        expect(await findings(text(partition, duplicate))).toEqual([{ code: overlap, parts: boxParts(partition, row) }]);
    }, 120_000);
});

describe('a missing or doubled row is one region whatever order the split meets the columns in', () => {
    // Small partitions over many seeds: the split's pieces of a box need not line up (a piece cut by
    // one column in one slab and by another in the next), and only joining them into maximal boxes
    // gives back the row.
    test.each(FORMS)('as a $form', async ({ text, gap, overlap }) => {
        for (let seed = 1; seed <= 60; seed++) {
            const partition = exactPartition({ columns: 3 + (seed % 6), rows: 5 + (seed % 30), seed });
            const row = seed % partition.rows.length;
            const expected = boxParts(partition, row);
            expect(await findings(text(partition, { drop: row })), `seed ${seed}`).toEqual([{ code: gap, parts: expected }]);
            expect(await findings(text(partition, { duplicate: row })), `seed ${seed}`).toEqual([{ code: overlap, parts: expected }]);
        }
    }, 120_000);
});
