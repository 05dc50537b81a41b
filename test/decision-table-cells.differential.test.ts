import fc from 'fast-check';
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { ExactNumber } from '@regelratt/format';
import { analyseDecisionTable, ast, checkPolicies, compilePolicy, createRegelrattServices, type Case, type Region } from '@regelratt/language';
import { PolicyRuntime, RegelrattRuntimeError } from '@regelratt/runtime';

/**
 * Decision tables with DMN's unary tests (several tests in a cell joined by `eller`) and output entries
 * that are formulas over the inputs (`= k0 × 2 − 1`), held to a
 * brute-force reference written here from DMN's semantics, independent of the compiler, runtime and
 * analyses: for every citizen of a small domain the reference says which rows match and what the
 * table answers under its hit policy. The runtime must answer exactly that, and the analyses' gap and
 * overlap regions must hold exactly the citizens the reference finds without a row or with rows in
 * conflict: no citizen missed, none claimed wrongly.
 */

type Test =
    | { kind: 'compare'; op: '<' | '<=' | '>' | '>=' | '≠'; at: number }
    | { kind: 'range'; from: number; to: number }
    | { kind: 'bounds'; above: number; atMost: number }
    | { kind: 'value'; value: string }
    | { kind: 'set'; values: string[] };

interface Column { name: string; kind: 'integer' | 'enumeration'; values: string[] }
type Cell = Test[] | null;

const columnArb = (index: number): fc.Arbitrary<Column> => fc.oneof(
    fc.integer({ min: 3, max: 9 }).map<Column>(max => ({ name: `k${index}`, kind: 'integer', values: Array.from({ length: max + 1 }, (_, i) => String(i)) })),
    fc.integer({ min: 2, max: 4 }).map<Column>(n => ({ name: `k${index}`, kind: 'enumeration', values: Array.from({ length: n }, (_, i) => `v${i}`) })),
);

function testArb(column: Column): fc.Arbitrary<Test> {
    const value = fc.constantFrom(...column.values);
    if (column.kind === 'enumeration') {
        return fc.oneof(
            value.map<Test>(v => ({ kind: 'value', value: v })),
            value.map<Test>(v => ({ kind: 'compare', op: '≠', at: column.values.indexOf(v) })),
            fc.subarray(column.values, { minLength: 1 }).map<Test>(values => ({ kind: 'set', values })),
        );
    }
    const n = fc.integer({ min: 0, max: column.values.length - 1 });
    return fc.oneof(
        n.map<Test>(v => ({ kind: 'value', value: String(v) })),
        fc.tuple(fc.constantFrom('<', '<=', '>', '>=', '≠') as fc.Arbitrary<'<' | '<=' | '>' | '>=' | '≠'>, n).map<Test>(([op, at]) => ({ kind: 'compare', op, at })),
        fc.tuple(n, n).map<Test>(([a, b]) => ({ kind: 'range', from: Math.min(a, b), to: Math.max(a, b) })),
        fc.tuple(n, n).map<Test>(([a, b]) => ({ kind: 'bounds', above: Math.min(a, b), atMost: Math.max(a, b) })),
    );
}

/** `-`, one test, or (in most cells that test anything) a disjunction of two or three. */
const cellArb = (column: Column): fc.Arbitrary<Cell> => fc.oneof(
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: fc.array(testArb(column), { minLength: 1, maxLength: 1 }), weight: 1 },
    { arbitrary: fc.array(testArb(column), { minLength: 2, maxLength: 3 }), weight: 3 },
);

function testText(test: Test, column: Column): string {
    switch (test.kind) {
        case 'compare': return `${test.op} ${column.kind === 'enumeration' ? column.values[test.at] : test.at}`;
        case 'range': return `${test.from}–${test.to}`;
        case 'bounds': return `> ${test.above} och <= ${test.atMost}`;
        case 'value': return test.value;
        case 'set': return `{ ${test.values.join(', ')} }`;
    }
}

/** DMN's meaning of one unary test, by hand: the reference. */
function testHolds(test: Test, value: string, column: Column): boolean {
    const number = Number(value);
    switch (test.kind) {
        case 'compare': {
            if (column.kind === 'enumeration') {
                return value !== column.values[test.at];
            }
            return { '<': number < test.at, '<=': number <= test.at, '>': number > test.at, '>=': number >= test.at, '≠': number !== test.at }[test.op];
        }
        case 'range': return number >= test.from && number <= test.to;
        case 'bounds': return number > test.above && number <= test.atMost;
        case 'value': return value === test.value;
        case 'set': return test.values.includes(value);
    }
}

const cellHolds = (cell: Cell, value: string, column: Column) => cell === null || cell.some(test => testHolds(test, value, column));

type HitPolicy = 'unik' | 'första' | 'valfri' | 'samla summa' | 'samla min' | 'samla max';

/** An output: a number, or a formula over an integer input column (`= k0 × 2 − 1`), computed per citizen. */
type Output = { constant: number } | { column: number; factor: number; add: number };

interface Table { columns: Column[]; rows: Array<{ cells: Cell[]; output: Output }>; hit: HitPolicy; otherwise: Output | null }

function outputArb(columns: Column[]): fc.Arbitrary<Output> {
    const constant = fc.integer({ min: 1, max: 3 }).map<Output>(value => ({ constant: value }));
    const integers = columns.flatMap((c, i) => (c.kind === 'integer' ? [i] : []));
    if (integers.length === 0) {
        return constant;
    }
    // Few formulas, so that `valfri` still meets rows written alike.
    const formula = fc.record({ column: fc.constantFrom(...integers), factor: fc.integer({ min: 1, max: 2 }), add: fc.integer({ min: -1, max: 1 }) });
    return fc.oneof({ arbitrary: constant, weight: 2 }, { arbitrary: formula, weight: 1 });
}

function outputText(output: Output, columns: Column[]): string {
    if ('constant' in output) {
        return String(output.constant);
    }
    const add = output.add === 0 ? '' : output.add > 0 ? ` + ${output.add}` : ` − ${-output.add}`;
    return `= ${columns[output.column].name} × ${output.factor}${add}`;
}

/** The reference's value of an output for a citizen: DMN evaluates an output entry for the case. */
function outputValue(output: Output, citizen: Record<string, string>, columns: Column[]): number {
    return 'constant' in output ? output.constant : Number(citizen[columns[output.column].name]) * output.factor + output.add;
}

const tableArb: fc.Arbitrary<Table> = fc.integer({ min: 1, max: 2 })
    .chain(n => fc.tuple(...Array.from({ length: n }, (_, i) => columnArb(i))))
    .chain(columns => fc.record({
        columns: fc.constant(columns),
        rows: fc.array(fc.record({ cells: fc.tuple(...columns.map(cellArb)), output: outputArb(columns) }), { minLength: 1, maxLength: 4 }),
        hit: fc.constantFrom<HitPolicy>('unik', 'första', 'valfri', 'samla summa', 'samla min', 'samla max'),
        otherwise: fc.option(outputArb(columns), { freq: 3 }),
    }));

function policyText(table: Table): string {
    const { columns, rows, hit, otherwise } = table;
    return [
        ...columns.map(c => `egenskap ${c.name} : ${c.kind === 'integer' ? `heltal 0–${c.values.length - 1}` : `en av { ${c.values.join(', ')} }`}`),
        'beslutstabell t {',
        hit === 'unik' ? '' : `    träff ${hit}`,
        `    | ${columns.map(c => c.name).join(' | ')} || r |`,
        ...rows.map(row => `    | ${row.cells.map((cell, i) => (cell === null ? '-' : cell.map(t => testText(t, columns[i])).join(' eller '))).join(' | ')} || ${outputText(row.output, columns)} |`),
        ...(otherwise === null ? [] : [`    annars || ${outputText(otherwise, columns)} |`]),
        '}',
    ].join('\n');
}

/** What DMN's hit policy makes of the matching rows: the answer, or why there is none (`gap`, `overlap`). */
function reference(table: Table, citizen: Record<string, string>): { answer: string } | { finding: 'gap' | 'overlap' } {
    const matching = table.rows.filter(row => row.cells.every((cell, i) => cellHolds(cell, citizen[table.columns[i].name], table.columns[i])));
    const outputs = matching.map(row => outputValue(row.output, citizen, table.columns));
    if (outputs.length === 0) {
        return table.otherwise !== null ? { answer: String(outputValue(table.otherwise, citizen, table.columns)) } : { finding: 'gap' };
    }
    // Under `valfri` rows agree when their outputs are written alike (the language's stricter reading of DMN's Any).
    const written = matching.map(row => outputText(row.output, table.columns));
    switch (table.hit) {
        case 'unik': return outputs.length === 1 ? { answer: String(outputs[0]) } : { finding: 'overlap' };
        case 'första': return { answer: String(outputs[0]) };
        case 'valfri': return written.every(o => o === written[0]) ? { answer: String(outputs[0]) } : { finding: 'overlap' };
        case 'samla summa': return { answer: String(outputs.reduce((a, b) => a + b, 0)) };
        case 'samla min': return { answer: String(Math.min(...outputs)) };
        case 'samla max': return { answer: String(Math.max(...outputs)) };
    }
}

function everyCitizen(columns: Column[]): Array<Record<string, string>> {
    return columns.reduce<Array<Record<string, string>>>(
        (citizens, column) => citizens.flatMap(citizen => column.values.map(value => ({ ...citizen, [column.name]: value }))),
        [{}],
    );
}

function runtimeAnswer(runtime: PolicyRuntime, citizen: Record<string, string>, columns: Column[]): string {
    const input = Object.fromEntries(columns.map(c => [c.name, c.kind === 'integer' ? Number(citizen[c.name]) : citizen[c.name]]));
    try {
        return runtime.decide('t', { date: '2025-01-01', citizen: input }).outputs.r ?? 'open';
    } catch (error) {
        if (error instanceof RegelrattRuntimeError) {
            return `fel ${error.code}`;
        }
        throw error;
    }
}

function inCase(found: Case, citizen: Record<string, string>, columns: Column[]): boolean {
    return [...found.assignment].every(([id, region]) => {
        const column = columns.find(c => `attribute/${c.name}` === id)!;
        return regionHolds(region, citizen[column.name]);
    });
}

function regionHolds(region: Region, value: string): boolean {
    if (region.kind === 'value') {
        return region.value === value;
    }
    if (region.kind === 'values') {
        return region.values.includes(value);
    }
    const v = ExactNumber.parse(value);
    return (!region.lo || v.compare(region.lo) > (region.loClosed ? -1 : 0)) && (!region.hi || v.compare(region.hi) < (region.hiClosed ? 1 : 0));
}

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

describe('decision tables with disjunctive cells, held to a brute-force reference', () => {
    test('the runtime answers every citizen as DMN would, and the analyses report exactly the citizens without an answer', async () => {
        let disjunctive = 0;
        let formulas = 0;
        let gaps = 0;
        let overlaps = 0;
        await fc.assert(fc.asyncProperty(tableArb, async table => {
            const text = policyText(table);
            const [checked] = await checkPolicies(Regelratt, [{ path: '/cells/t.regel', text }]);
            expect(checked.diagnostics.filter(d => ['syntax-error', 'type-mismatch', 'unit-mismatch', 'decision-formula-unit'].includes(d.code)), text).toEqual([]);
            const decisionTable = checked.document.parseResult.value.elements.find(ast.isDecisionTable)!;
            const analysis = analyseDecisionTable(decisionTable)!;
            expect(analysis.complete, text).toBe(true);
            const runtime = new PolicyRuntime([JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 't.regel')))]);
            disjunctive += table.rows.some(row => row.cells.some(cell => cell !== null && cell.length > 1)) ? 1 : 0;
            formulas += table.rows.some(row => !('constant' in row.output)) ? 1 : 0;
            for (const citizen of everyCitizen(table.columns)) {
                const expected = reference(table, citizen);
                const where = `${text}\n${JSON.stringify(citizen)}`;
                const claimed = new Set(analysis.findings.filter(f => inCase(f.case, citizen, table.columns)).map(f => f.kind));
                if ('answer' in expected) {
                    expect(runtimeAnswer(runtime, citizen, table.columns), where).toBe(expected.answer);
                    expect([...claimed], where).toEqual([]);
                    continue;
                }
                expect(claimed.has(expected.finding), where).toBe(true);
                gaps += expected.finding === 'gap' ? 1 : 0;
                overlaps += expected.finding === 'overlap' ? 1 : 0;
                // A sum over no rows is 0 for the runtime (DMN: no answer; the checker says so); otherwise a typed error.
                const answer = runtimeAnswer(runtime, citizen, table.columns);
                expect(answer, where).toBe(expected.finding === 'overlap' ? 'fel several-matching-rows' : table.hit === 'samla summa' ? '0' : 'fel no-matching-row');
            }
        }), { numRuns: 300, seed: 20261205 });
        // The generator must reach what it is for, or the test proves little.
        expect(disjunctive).toBeGreaterThan(200);
        expect(formulas).toBeGreaterThan(60);
        expect(gaps).toBeGreaterThan(100);
        expect(overlaps).toBeGreaterThan(100);
    });
});
