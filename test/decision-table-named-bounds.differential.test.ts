import { EmptyFileSystem } from 'langium';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ExactNumber } from '@regelratt/format';
import { analyseDecisionTable, ast, boundSettings, checkPolicies, compilePolicy, createRegelrattServices, namedBoundsOf, type Case, type Region } from '@regelratt/language';
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

describe('decision tables compared with a dated parameter, held to a brute-force reference', () => {
    test('per version: the runtime answers as DMN with that day\'s value, and the analysis reports exactly the citizens without an answer', async () => {
        let named = 0;
        let gaps = 0;
        let overlaps = 0;
        let changing = 0;
        await fc.assert(fc.asyncProperty(tableArb, async table => {
            const text = policyText(table);
            const [checked] = await checkPolicies(Regelratt, [{ path: '/bounds/t.regel', text }]);
            expect(checked.diagnostics.filter(d => d.severity === 'error' && !d.code.startsWith('decision-')), text).toEqual([]);
            const decisionTable = checked.document.parseResult.value.elements.find(ast.isDecisionTable)!;
            const runtime = new PolicyRuntime([JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 't.regel')))]);
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
                    let answer: string;
                    try {
                        answer = runtime.decide('t', { date, citizen: { k } }).outputs.r ?? 'open';
                    } catch (error) {
                        if (!(error instanceof RegelrattRuntimeError)) {
                            throw error;
                        }
                        answer = `fel ${error.code}`;
                    }
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
