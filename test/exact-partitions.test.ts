import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { PolicyRuntime } from '@regelratt/runtime';
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

describe('a split that runs out of budget reports what it proved and where it stopped', () => {
    // Fifteen rows (förlopp) each on its own yes/no attribute, all behind `a ≠ x`: the split takes `a`
    // first (every row reads it), finds `a = x` answered by nothing at once, and then needs 2^15 cases
    // under `a = y`, past the budget of 20 000. The gap `a = x` is proven; it is reported, as one region,
    // with `analysis-undecided` naming where the split stopped.
    const flags = Array.from({ length: 15 }, (_, i) => `k${i}`);
    const vocabulary = ['egenskap a : en av { x, y, z }', ...flags.map(k => `egenskap ${k} : ja/nej`)];

    test('as a beslutstabell: the gap found before the budget ran out, one region, and the undecided rest', async () => {
        const text = [...vocabulary, 'beslutstabell t {', '    träff första', `    | a | ${flags.join(' | ')} || nivå |`,
            ...flags.map((_, i) => `    | { y, z } | ${flags.map((__, j) => (i === j ? 'ja' : '-')).join(' | ')} || ${i} |`), '}'].join('\n');
        const [checked] = await checkPolicies(Regelratt, [{ path: '/budget/t.regel', text }]);
        const found = checked.diagnostics.filter(d => d.severity !== 'info');
        expect(found.map(d => [d.code, d.witness?.text])).toEqual([['analysis-undecided', undefined], ['decision-gap', 'a = x']]);
        expect(found[0].message).toContain('Fynden som hittades innan dess (1) gäller, men resten har inte prövats färdigt. Gränsen nåddes vid medborgarna med a = y.');
        // The runtime answers the gap's example with no row.
        const runtime = new PolicyRuntime([JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 't.regel')))]);
        const citizen = { ...Object.fromEntries(flags.map(k => [k, 'ja'])), ...found[1].witness!.example };
        expect(() => runtime.decide('t', { date: '2025-01-01', citizen })).toThrow(expect.objectContaining({ code: 'no-matching-row' }));
    }, 60_000);

    test('as a förloppsmodell: the gap and the first overlaps found, the rest counted', async () => {
        const text = [...vocabulary, 'förloppsmodell m {', ...flags.map(k => `    förlopp p${k} { när a ≠ x och ${k} }`), '}'].join('\n');
        const [checked] = await checkPolicies(Regelratt, [{ path: '/budget/m.regel', text }]);
        const undecided = checked.diagnostics.filter(d => d.code === 'analysis-undecided');
        expect(undecided).toHaveLength(1);
        expect(undecided[0].message).toMatch(/Fynden som hittades innan dess \(20 visas, minst [\d ]+ till visas inte\) gäller/);
        expect(checked.diagnostics.filter(d => d.code === 'pathway-gap').map(d => d.witness?.text)).toEqual(['a = x']);
        expect(checked.diagnostics.filter(d => d.code === 'pathway-overlap' || d.code === 'pathways-at-once').length).toBeGreaterThan(0);
    }, 60_000);
});
