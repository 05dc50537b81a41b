import { EmptyFileSystem } from 'langium';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ExactNumber } from '@regelratt/format';
import { analyseDecisionTable, analyseWithAttributeValues, ast, attributeBoundValues, boundSettings, checkPolicies, compilePolicy, createRegelrattServices, namedBoundsOf, type Case, type Region } from '@regelratt/language';
import { representative } from '@regelratt/analyses';
import { PolicyRuntime, RegelrattRuntimeError } from '@regelratt/runtime';

/**
 * Decision tables whose cells compare with a dated parameter (`< g`, `3–g`), held to a brute-force
 * reference: for every version of the parameter and every citizen, the runtime's answer on a date of
 * that version is DMN's with the parameter's value that day, and the analysis of the set of values in
 * force that day reports exactly the citizens without an answer. The analysis' sets of values and
 * their periods are held to the runtime's version lookup on every date that starts a version.
 */
const { Regelratt } = createRegelrattServices(EmptyFileSystem);

const MAX = 6;
type Test =
    | { kind: 'constant'; op: '<' | '>=' | '='; at: number }
    | { kind: 'named'; op: '<' | '<=' | '>' | '>=' | '=' }
    | { kind: 'from'; at: number }
    | { kind: 'to'; at: number };

const testArb: fc.Arbitrary<Test> = fc.oneof(
    fc.record({ kind: fc.constant('constant' as const), op: fc.constantFrom('<' as const, '>=' as const, '=' as const), at: fc.integer({ min: 0, max: MAX }) }),
    fc.record({ kind: fc.constant('named' as const), op: fc.constantFrom('<' as const, '<=' as const, '>' as const, '>=' as const, '=' as const) }),
    fc.record({ kind: fc.constant('from' as const), at: fc.integer({ min: 0, max: MAX }) }),
    fc.record({ kind: fc.constant('to' as const), at: fc.integer({ min: 0, max: MAX }) }),
);

function testText(t: Test): string {
    switch (t.kind) {
        case 'constant': return `${t.op} ${t.at}`;
        case 'named': return t.op === '=' ? 'g' : `${t.op} g`;
        case 'from': return `${t.at}–g`;
        case 'to': return `g–${t.at}`;
    }
}

/** DMN's meaning, by hand: the reference. */
function holds(t: Test, k: number, g: number): boolean {
    switch (t.kind) {
        case 'constant': return t.op === '<' ? k < t.at : t.op === '>=' ? k >= t.at : k === t.at;
        case 'named': return { '<': k < g, '<=': k <= g, '>': k > g, '>=': k >= g, '=': k === g }[t.op];
        case 'from': return k >= t.at && k <= g;
        case 'to': return k >= g && k <= t.at;
    }
}

interface Table {
    versions: number[];
    rows: Array<{ cell: Test | null; output: number }>;
    hit: 'unik' | 'första';
}

const YEARS = ['2024-01-01', '2025-01-01', '2026-01-01'];

const tableArb: fc.Arbitrary<Table> = fc.record({
    versions: fc.array(fc.integer({ min: 0, max: MAX }), { minLength: 1, maxLength: 3 }),
    rows: fc.array(fc.record({ cell: fc.option(testArb, { freq: 6 }), output: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 4 }),
    hit: fc.constantFrom('unik' as const, 'första' as const),
});

function policyText(table: Table): string {
    return [
        `egenskap k : heltal 0–${MAX}`,
        `parameter g : heltal { ${table.versions.map((v, i) => `från ${YEARS[i]} : ${v}`).join('  ')} }`,
        'beslutstabell t {',
        table.hit === 'unik' ? '' : `    träff ${table.hit}`,
        '    | k || r |',
        ...table.rows.map(row => `    | ${row.cell === null ? '-' : testText(row.cell)} || ${row.output} |`),
        '}',
    ].join('\n');
}

function reference(table: Table, k: number, g: number): { answer: string } | { finding: 'gap' | 'overlap' } {
    const matching = table.rows.filter(row => row.cell === null || holds(row.cell, k, g));
    if (matching.length === 0) {
        return { finding: 'gap' };
    }
    return table.hit === 'första' || matching.length === 1 ? { answer: String(matching[0].output) } : { finding: 'overlap' };
}

function regionHolds(region: Region, value: number): boolean {
    if (region.kind === 'value') {
        return region.value === String(value);
    }
    if (region.kind === 'values') {
        return region.values.includes(String(value));
    }
    const v = ExactNumber.of(BigInt(value));
    return (!region.lo || v.compare(region.lo) > (region.loClosed ? -1 : 0)) && (!region.hi || v.compare(region.hi) < (region.hiClosed ? 1 : 0));
}

const inCase = (found: Case, k: number) => [...found.assignment].every(([, region]) => regionHolds(region, k));

/** The policy checked (no error but the analyses' own), its one table and its runtime. */
async function checkedTable(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/bounds/t.regel', text }]);
    expect(checked.diagnostics.filter(d => d.severity === 'error' && !d.code.startsWith('decision-')), text).toEqual([]);
    const decisionTable = checked.document.parseResult.value.elements.find(ast.isDecisionTable)!;
    const runtime = new PolicyRuntime([JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 't.regel')))]);
    return { checked, decisionTable, runtime };
}

/** The runtime's answer in column r, or its error's code. */
function answerOf(runtime: PolicyRuntime, date: string, citizen: Record<string, number>): string {
    try {
        return runtime.decide('t', { date, citizen }).outputs.r ?? 'open';
    } catch (error) {
        if (!(error instanceof RegelrattRuntimeError)) {
            throw error;
        }
        return `fel ${error.code}`;
    }
}

describe('decision tables compared with a dated parameter, held to a brute-force reference', () => {
    test('per version: the runtime answers as DMN with that day\'s value, and the analysis reports exactly the citizens without an answer', async () => {
        let named = 0;
        let gaps = 0;
        let overlaps = 0;
        let changing = 0;
        await fc.assert(fc.asyncProperty(tableArb, async table => {
            const text = policyText(table);
            const { decisionTable, runtime } = await checkedTable(text);
            const bounds = namedBoundsOf(decisionTable);
            const settings = bounds.parameters.length === 0 ? [] : boundSettings(decisionTable, bounds.parameters)!;
            named += bounds.parameters.length > 0 ? 1 : 0;
            changing += new Set(table.versions).size > 1 && bounds.parameters.length > 0 ? 1 : 0;
            for (const [index, date] of YEARS.slice(0, table.versions.length).entries()) {
                const g = table.versions[index];
                // The analysis that covers this day: exactly one set of values, the runtime's value that day.
                const covering = settings.filter(s => s.periods.some(p => p.from <= date && (!p.to || date <= p.to)));
                const analysis = bounds.parameters.length === 0 ? analyseDecisionTable(decisionTable)! : analyseDecisionTable(decisionTable, new Set(), undefined, covering[0]?.values)!;
                if (bounds.parameters.length > 0) {
                    expect(covering, `${text}\n${date}`).toHaveLength(1);
                    expect(covering[0].values.get('parameter/g')!.toDecimal(), `${text}\n${date}`).toBe(String(g));
                }
                expect(analysis.complete, text).toBe(true);
                for (let k = 0; k <= MAX; k++) {
                    const where = `${text}\n${date} k = ${k}`;
                    const expected = reference(table, k, g);
                    const claimed = new Set(analysis.findings.filter(f => inCase(f.case, k)).map(f => f.kind));
                    const answer = answerOf(runtime, date, { k });
                    if ('answer' in expected) {
                        expect(answer, where).toBe(expected.answer);
                        expect([...claimed], where).toEqual([]);
                        continue;
                    }
                    expect(claimed.has(expected.finding), where).toBe(true);
                    expect(answer, where).toBe(expected.finding === 'gap' ? 'fel no-matching-row' : 'fel several-matching-rows');
                    gaps += expected.finding === 'gap' ? 1 : 0;
                    overlaps += expected.finding === 'overlap' ? 1 : 0;
                }
            }
        }), { numRuns: 200, seed: 20261205 });
        // The generator must reach what it is for, or the test proves little.
        expect(named).toBeGreaterThan(120);
        expect(changing).toBeGreaterThan(60);
        expect(gaps).toBeGreaterThan(100);
        expect(overlaps).toBeGreaterThan(100);
    });
});

/**
 * The same tables with `g` another attribute of the case (`egenskap g : heltal 0–6`), and sometimes a
 * column of its own: the checker's analysis once per value of g (attribute-bounds.ts) is held to the
 * brute-force reference on every citizen (k, g), and every witness it names is a citizen the runtime
 * refuses as the finding says.
 */
interface AttributeTable extends Table {
    /** A cell on g's own column per row (constant tests only), where the table has the column. */
    own?: Array<Test & { kind: 'constant' } | null>;
}

const ownArb = fc.option(fc.record({ kind: fc.constant('constant' as const), op: fc.constantFrom('<' as const, '>=' as const, '=' as const), at: fc.integer({ min: 0, max: MAX }) }), { freq: 3 });

const attributeTableArb: fc.Arbitrary<AttributeTable> = tableArb.chain(table => fc.option(fc.array(ownArb, { minLength: table.rows.length, maxLength: table.rows.length }), { freq: 2 })
    .map(own => ({ ...table, versions: [0], ...(own ? { own } : {}) })));

function attributePolicyText(table: AttributeTable): string {
    return [
        `egenskap k : heltal 0–${MAX}`,
        `egenskap g : heltal 0–${MAX}`,
        'beslutstabell t {',
        table.hit === 'unik' ? '' : `    träff ${table.hit}`,
        table.own ? '    | k | g || r |' : '    | k || r |',
        ...table.rows.map((row, index) => {
            const own = table.own?.[index];
            const ownText = table.own ? ` | ${own ? testText(own) : '-'}` : '';
            return `    | ${row.cell === null ? '-' : testText(row.cell)}${ownText} || ${row.output} |`;
        }),
        '}',
    ].join('\n');
}

function attributeReference(table: AttributeTable, k: number, g: number): ReturnType<typeof reference> {
    // A row whose own cell on g fails matches nobody with this g; the others keep their order (`träff första`).
    const rows = table.rows.filter((_, index) => { const own = table.own?.[index]; return !own || holds(own, g, g); });
    return reference({ ...table, rows }, k, g);
}

const citizenIn = (found: Case, k: number, g: number) => [...found.assignment].every(([id, region]) => regionHolds(region, id === 'attribute/g' ? g : k));

describe('decision tables compared with another attribute of the case, held to a brute-force reference', () => {
    test('analysed once per value of the attribute compared with: exactly the citizens without an answer, each witness refused by the runtime', async () => {
        let named = 0;
        let gaps = 0;
        let overlaps = 0;
        let witnesses = 0;
        await fc.assert(fc.asyncProperty(attributeTableArb, async table => {
            const text = attributePolicyText(table);
            const { checked, decisionTable, runtime } = await checkedTable(text);
            expect(checked.diagnostics.map(d => d.code), text).not.toContain('decision-bound-undecided');
            const bounds = namedBoundsOf(decisionTable);
            const values = attributeBoundValues(bounds.attributeCells);
            if (!Array.isArray(values)) {
                throw new Error(`${text}: ${values.reason}`);
            }
            named += bounds.attributeCells.length > 0 ? 1 : 0;
            const compared = [...new Set(bounds.attributeCells.map(cell => cell.attribute))];
            const analyses = values.map(setting => analyseWithAttributeValues(decisionTable, compared, setting)!);
            const answer = (k: number, g: number) => answerOf(runtime, '2025-01-01', { k, g });
            for (const analysis of analyses) {
                expect(analysis.complete, text).toBe(true);
            }
            for (let g = 0; g <= MAX; g++) {
                for (let k = 0; k <= MAX; k++) {
                    const where = `${text}\nk = ${k}, g = ${g}`;
                    const expected = attributeReference(table, k, g);
                    // Findings of every analysis (a table without a cell naming g is analysed once, over every g).
                    const claimed = new Set(analyses.flatMap(analysis => analysis.findings.filter(f => citizenIn(f.case, k, g)).map(f => f.kind as string)));
                    if ('answer' in expected) {
                        expect(answer(k, g), where).toBe(expected.answer);
                        expect([...claimed], where).toEqual([]);
                        continue;
                    }
                    expect([...claimed], where).toEqual([expected.finding]);
                    expect(answer(k, g), where).toBe(expected.finding === 'gap' ? 'fel no-matching-row' : 'fel several-matching-rows');
                    gaps += expected.finding === 'gap' ? 1 : 0;
                    overlaps += expected.finding === 'overlap' ? 1 : 0;
                }
            }
            // Each witness as the check words it (the representative of its regions) is refused as claimed.
            for (const analysis of analyses) {
                for (const finding of analysis.findings) {
                    const citizen = Object.fromEntries([...finding.case.assignment].map(([id, region]) => [id.replace('attribute/', ''), Number(representative(region))]));
                    const k = citizen.k ?? 0;
                    const g = citizen.g ?? 0;
                    expect(answer(k, g), `${text}\nwitness k = ${k}, g = ${g}`).toBe(finding.kind === 'gap' ? 'fel no-matching-row' : 'fel several-matching-rows');
                    witnesses++;
                }
            }
        }), { numRuns: 150, seed: 20261206 });
        // The generator must reach what it is for, or the test proves little.
        expect(named).toBeGreaterThan(90);
        expect(gaps).toBeGreaterThan(100);
        expect(overlaps).toBeGreaterThan(100);
        expect(witnesses).toBeGreaterThan(100);
    });
});
