import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EmptyFileSystem, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction } from 'vscode-languageserver-types';
import { createRegelrattLspServices } from '@regelratt/language/lsp';
import { ExactNumber } from '@regelratt/format';
import { analyseDecisionTable, ast, checkPolicies, compilePolicy, createRegelrattServices, type Case, type Region } from '@regelratt/language';
import { PolicyRuntime, RegelrattRuntimeError } from '@regelratt/runtime';

/**
 * One semantics for decision tables: random tables written as .regel text go through the checker
 * (parser, exact gap and overlap analysis) and through the compiler and runtime, under each hit
 * policy (`unik`, `första`, `valfri`, where overlapping rows must agree on their outputs, `prioritet`,
 * where the output value list ranks the rows (in a random order), and the
 * `samla` aggregations, where overlaps are the point and a sum or count over no row is 0). Every
 * gap the analysis reports must get `no-matching-row` from the runtime for its example citizen,
 * every overlap `several-matching-rows`; a table with no finding must answer every citizen.
 */
interface Column { name: string; kind: 'integer' | 'enumeration' | 'boolean'; max: number; values: string[] }

const columnArb = (index: number): fc.Arbitrary<Column> => fc.oneof(
    fc.integer({ min: 1, max: 6 }).map<Column>(max => ({ name: `k${index}`, kind: 'integer', max, values: Array.from({ length: max + 1 }, (_, i) => String(i)) })),
    fc.integer({ min: 2, max: 3 }).map<Column>(n => ({ name: `k${index}`, kind: 'enumeration', max: 0, values: Array.from({ length: n }, (_, i) => `v${i}`) })),
    fc.constant<Column>({ name: `k${index}`, kind: 'boolean', max: 0, values: ['ja', 'nej'] }),
);

const cellArb = (column: Column): fc.Arbitrary<string> => {
    const value = fc.constantFrom(...column.values);
    if (column.kind === 'integer') {
        const n = fc.integer({ min: 0, max: column.max });
        return fc.oneof(
            fc.constant('-'),
            n.map(String),
            fc.tuple(fc.constantFrom('<', '<=', '>', '>=', '≠'), n).map(([op, c]) => `${op} ${c}`),
            fc.tuple(n, n).map(([a, b]) => `${Math.min(a, b)}–${Math.max(a, b)}`),
            fc.tuple(n, n).map(([a, b]) => `> ${Math.min(a, b)} och <= ${Math.max(a, b)}`),
        );
    }
    return fc.oneof(
        fc.constant('-'),
        value,
        value.map(v => `≠ ${v}`),
        fc.subarray(column.values, { minLength: 1 }).map(vs => `{ ${vs.join(', ')} }`),
    );
};

type HitPolicy = 'unik' | 'första' | 'valfri' | 'prioritet' | 'samla summa' | 'samla min' | 'samla max' | 'samla antal' | 'regelordning' | 'utfallsordning' | 'samla';

// Each row: its cells and its output (few values, so that `valfri` meets overlapping rows that agree and rows that do not).
const tableArb = fc.integer({ min: 1, max: 2 })
    .chain(n => fc.tuple(...Array.from({ length: n }, (_, i) => columnArb(i))))
    .chain(columns => fc.tuple(
        fc.constant(columns),
        fc.array(fc.tuple(fc.tuple(...columns.map(cellArb)), fc.integer({ min: 1, max: 3 })), { minLength: 1, maxLength: 4 }),
        fc.constantFrom<HitPolicy>('unik', 'första', 'valfri', 'prioritet', 'samla summa', 'samla min', 'samla max', 'samla antal'),
        // DMN's default output (`annars`), in one table of three.
        fc.option(fc.integer({ min: 0, max: 3 }), { freq: 2 }),
        // Outputs written as texts (`"r2"`) instead of numbers, where the policy does not add them up, or as
        // dates (`2025-03-01`, format 1.13), where it does not sum them (min and max take the earliest and latest).
        fc.constantFrom<boolean | 'date'>(false, true, 'date'),
        // Under `prioritet`: the outputs' priority order, highest first (DMN's output values).
        fc.shuffledSubarray([0, 1, 2, 3], { minLength: 4 }),
    ));

/**
 * An output as the table writes it: a number, a text where the table answers in words (never under a
 * sum, min or max), or a date, whose order is the number's (never under a sum).
 */
function outputCell(output: number, hit: HitPolicy, words: boolean | 'date'): string {
    if (words === 'date' && hit !== 'samla summa') {
        return `2025-0${output + 1}-01`;
    }
    return words === true && !hit.startsWith('samla') ? `"r${output}"` : String(output);
}

/** An output as the runtime answers it: a text without its quotes, a date or a number as written. */
function answeredOutput(output: number, hit: HitPolicy, words: boolean | 'date'): string {
    const cell = outputCell(output, hit, words);
    return cell.startsWith('"') ? JSON.parse(cell) as string : cell;
}

function policyText(columns: Column[], rows: Array<[string[], number]>, hit: HitPolicy, otherwise?: number | null, words: boolean | 'date' = false, order: number[] = [0, 1, 2, 3]): string {
    const attributes = columns.map(c => `egenskap ${c.name} : ${c.kind === 'integer' ? `heltal 0–${c.max}` : c.kind === 'boolean' ? 'ja/nej' : `en av { ${c.values.join(', ')} }`}`);
    return [
        ...attributes,
        'beslutstabell t {',
        hit === 'unik' ? '' : `    träff ${hit}`,
        `    | ${columns.map(c => c.name).join(' | ')} || rad${hit === 'prioritet' ? ` (${order.map(output => outputCell(output, hit, words)).join(', ')})` : ''} |`,
        ...rows.map(([cells, output]) => `    | ${cells.join(' | ')} || ${outputCell(output, hit, words)} |`),
        ...(otherwise === undefined || otherwise === null ? [] : [`    annars || ${outputCell(otherwise, hit, words)} |`]),
        '}',
    ].join('\n');
}

function everyCitizen(columns: Column[]): Array<Record<string, string>> {
    return columns.reduce<Array<Record<string, string>>>(
        (citizens, column) => citizens.flatMap(citizen => column.values.map(value => ({ ...citizen, [column.name]: value }))),
        [{}],
    );
}

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

function answerCode(runtime: PolicyRuntime, citizen: Record<string, string>): string {
    try {
        const decision = runtime.decide('t', { date: '2025-01-01', citizen });
        if (decision.default) {
            return 'default';
        }
        // A collecting table answers without a row: a sum of no rows (0) or a count of none.
        return decision.rows !== undefined && decision.rows.length === 0 ? 'no-row' : 'row';
    } catch (error) {
        if (error instanceof RegelrattRuntimeError) {
            return error.code;
        }
        throw error;
    }
}

describe('decision tables: the analysis and the runtime agree', () => {
    test('every reported gap and overlap is what the runtime answers for its example citizen, and no finding means every citizen gets a row', async () => {
        let findings = 0;
        let defaults = 0;
        let worded = 0;
        let dated = 0;
        await fc.assert(fc.asyncProperty(tableArb, async ([columns, rows, hit, otherwise, words, order]) => {
            const text = policyText(columns, rows, hit, otherwise, words, order);
            const [checked] = await checkPolicies(Regelratt, [{ path: '/diff/t.regel', text }]);
            const errors = checked.diagnostics.filter(d => d.severity === 'error');
            worded += words === true && !hit.startsWith('samla') ? 1 : 0;
            dated += words === 'date' && hit !== 'samla summa' ? 1 : 0;
            const sumGaps = checked.diagnostics.filter(d => d.code === 'decision-sum-gap');
            const analysed = [...errors.filter(d => d.code === 'decision-gap' || d.code === 'decision-overlap' || d.code === 'decision-priority-tie'), ...sumGaps];
            expect(errors.filter(d => !analysed.includes(d)), text).toEqual([]);
            // Only a sum answers where no row matches (0, stated in the message); every other policy reports a gap as an error.
            expect(sumGaps.length === 0 || hit === 'samla summa', text).toBe(true);
            const runtime = new PolicyRuntime([JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 't.regel')))]);
            for (const finding of analysed) {
                findings++;
                const example = (finding.witness as { example: Record<string, string> }).example;
                // The witness names only the columns that matter; any value of the others will do.
                const citizen = { ...Object.fromEntries(columns.map(c => [c.name, c.values[0]])), ...example };
                const expected = finding.code === 'decision-gap' ? 'no-matching-row' : finding.code === 'decision-sum-gap' ? 'no-row' : 'several-matching-rows';
                expect(answerCode(runtime, citizen), `${text}\n${finding.message}`).toBe(expected);
                if (finding.code === 'decision-sum-gap') {
                    expect(runtime.decide('t', { date: '2025-01-01', citizen }).outputs, finding.message).toEqual({ rad: '0' });
                }
            }
            // A count of no rows is 0 in DMN too: an answer, not a finding; so is the default, where the table has one.
            const answered = (code: string) => code === 'row' || code === 'default' || (code === 'no-row' && hit === 'samla antal');
            const hasDefault = otherwise !== undefined && otherwise !== null;
            const citizens = everyCitizen(columns);
            const defaulted = citizens.filter(citizen => answerCode(runtime, citizen) === 'default');
            // The default answers exactly where no row matches, with its value as written; the checker
            // says when it never does, and never reports a gap where it answers.
            expect(defaulted.length === 0 || hasDefault, text).toBe(true);
            for (const citizen of defaulted) {
                expect(runtime.decide('t', { date: '2025-01-01', citizen }).outputs, text).toEqual({ rad: answeredOutput(otherwise!, hit, words) });
            }
            const unused = checked.diagnostics.filter(d => d.code === 'decision-default-unused');
            expect(unused.length, text).toBe(hasDefault && defaulted.length === 0 ? 1 : 0);
            if (hasDefault) {
                expect(analysed.filter(d => d.code === 'decision-gap' || d.code === 'decision-sum-gap'), text).toEqual([]);
                defaults += defaulted.length > 0 ? 1 : 0;
            }
            if (analysed.length === 0) {
                for (const citizen of citizens) {
                    expect(answered(answerCode(runtime, citizen)), `${text}\n${JSON.stringify(citizen)}`).toBe(true);
                }
            } else {
                // And the other way round: a citizen the runtime cannot answer is inside some reported finding.
                const failing = citizens.filter(citizen => !answered(answerCode(runtime, citizen)));
                expect(failing.length > 0, text).toBe(true);
            }
        }), { numRuns: 400, seed: 20261125 });
        // The generator must actually produce tables with findings, and defaults that answer, or the test proves little.
        expect(findings).toBeGreaterThan(50);
        expect(defaults).toBeGreaterThan(30);
        expect(worded).toBeGreaterThan(50);
        expect(dated).toBeGreaterThan(50);
    });
});

/** Whether a citizen (values as the runtime takes them) lies in a region the analysis reported. */
function inRegion(found: Case, citizen: Record<string, string>, columns: Column[]): boolean {
    return [...found.assignment].every(([id, region]) => {
        // The analysis names an attribute by its element id (`attribute/k0`).
        const column = columns.find(c => `attribute/${c.name}` === id);
        return column !== undefined && regionHolds(region, citizen[column.name], column);
    });
}

function regionHolds(region: Region, value: string, column: Column): boolean {
    if (region.kind === 'value') {
        return region.value === (column.kind === 'boolean' ? value === 'ja' : value);
    }
    if (region.kind === 'values') {
        return region.values.includes(column.kind === 'boolean' ? value === 'ja' : value);
    }
    const v = ExactNumber.parse(value);
    return (!region.lo || v.compare(region.lo) > (region.loClosed ? -1 : 0)) && (!region.hi || v.compare(region.hi) < (region.hiClosed ? 1 : 0));
}

describe('decision tables: every region holds for every citizen in it, and every silence', () => {
    // Stronger than the witnesses above: each citizen of the small domain, through the runtime. One in
    // a reported gap gets `no-matching-row`, one in a reported overlap `several-matching-rows`, and one
    // outside every region an answer; regions are maximal boxes, so they may overlap one another.
    test('the runtime refuses exactly the citizens inside reported regions, with the region\'s reason', async () => {
        let inside = 0;
        await fc.assert(fc.asyncProperty(tableArb, async ([columns, rows, hit, otherwise, words, order]) => {
            const text = policyText(columns, rows, hit, otherwise, words, order);
            const [checked] = await checkPolicies(Regelratt, [{ path: '/regions/t.regel', text }]);
            const table = checked.document.parseResult.value.elements.find(ast.isDecisionTable)!;
            const analysis = analyseDecisionTable(table)!;
            expect(analysis.complete, text).toBe(true);
            const runtime = new PolicyRuntime([JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 't.regel')))]);
            for (const citizen of everyCitizen(columns)) {
                const kinds = new Set(analysis.findings.filter(f => inRegion(f.case, citizen, columns)).map(f => f.kind));
                expect(kinds.size, `${text}\n${JSON.stringify(citizen)}`).toBeLessThanOrEqual(1);
                const gap = analysis.gapAnswer === 'zero' ? 'no-row' : 'no-matching-row';
                // Where the table has a default, the regions it answers are reported apart from findings, exactly.
                const byDefault = (analysis.defaulted ?? []).some(found => inRegion(found, citizen, columns));
                const expected = kinds.has('gap') ? gap : kinds.has('overlap') ? 'several-matching-rows' : byDefault ? 'default' : 'row';
                inside += kinds.size;
                const answer = answerCode(runtime, citizen);
                // A count of no rows is an answer, not a finding (DMN's too).
                expect(answer === 'no-row' && hit === 'samla antal' ? 'row' : answer, `${text}\n${JSON.stringify(citizen)}`).toBe(expected);
            }
        }), { numRuns: 300, seed: 20261205 });
        expect(inside).toBeGreaterThan(200);
    });
});

/** The runtime's answer as one comparable text: the outputs, or the error code. */
function answerText(runtime: PolicyRuntime, citizen: Record<string, string>): string {
    try {
        const decision = runtime.decide('t', { date: '2025-01-01', citizen });
        // The list policies answer every matching row's outputs (`list`), the others one set of outputs.
        return JSON.stringify(decision.list ?? decision.outputs);
    } catch (error) {
        if (error instanceof RegelrattRuntimeError) {
            return error.code;
        }
        throw error;
    }
}

function runtimeOf(checked: Awaited<ReturnType<typeof checkPolicies>>[number]): PolicyRuntime {
    return new PolicyRuntime([JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 't.regel')))]);
}

describe('decision tables: rows that never decide, against the runtime', () => {
    // Every reported row can go, all at once, without changing any answer for any citizen of the small
    // domain; each one's example is answered by the row the message names; and under `första` every row
    // not reported that matches someone decides for someone (the runtime names the rows).
    test('removing the reported rows changes no answer, and under första and prioritet every other row matching someone decides for someone', async () => {
        let idle = 0;
        let silent = 0;
        await fc.assert(fc.asyncProperty(tableArb, async ([columns, rows, hit, otherwise, words, order]) => {
            const text = policyText(columns, rows, hit, otherwise, words, order);
            const [checked] = await checkPolicies(Regelratt, [{ path: '/idle/t.regel', text }]);
            const reports = checked.diagnostics.filter(d => d.code === 'decision-row-shadowed' || d.code === 'decision-row-redundant' || d.code === 'decision-row-outranked');
            const reported = new Set(reports.map(d => Number(d.args!.row) - 1));
            const runtime = runtimeOf(checked);
            // The same rows collected: which rows match each citizen, as the runtime reads them.
            const [collecting] = await checkPolicies(Regelratt, [{ path: '/idle/c.regel', text: policyText(columns, rows, 'samla antal') }]);
            const collector = runtimeOf(collecting);
            const matching = (citizen: Record<string, string>) => collector.decide('t', { date: '2025-01-01', citizen }).rows ?? [];
            for (const report of reports) {
                idle++;
                const citizen = { ...Object.fromEntries(columns.map(c => [c.name, c.values[0]])), ...(report.witness as { example: Record<string, string> }).example };
                const by = Number(report.args.by);
                expect(matching(citizen), `${text}\n${report.message}`).toContain(Number(report.args.row));
                expect(matching(citizen), `${text}\n${report.message}`).toContain(by);
                if (hit === 'första' || hit === 'prioritet') {
                    expect(runtime.decide('t', { date: '2025-01-01', citizen }).row, `${text}\n${report.message}`).toBe(by);
                } else {
                    expect(rows[by - 1][1], `${text}\n${report.message}`).toBe(rows[Number(report.args.row) - 1][1]);
                }
            }
            const citizens = everyCitizen(columns);
            if (reported.size > 0) {
                const without = policyText(columns, rows.filter((_, index) => !reported.has(index)), hit, otherwise, words, order);
                const [after] = await checkPolicies(Regelratt, [{ path: '/idle/u.regel', text: without }]);
                const reduced = runtimeOf(after);
                for (const citizen of citizens) {
                    expect(answerText(reduced, citizen), `${text}\n${JSON.stringify(citizen)}`).toBe(answerText(runtime, citizen));
                }
            }
            if (hit === 'första' || hit === 'prioritet') {
                // The row the runtime answers by (under `prioritet` not always the first that matches).
                const decidingRow = (citizen: Record<string, string>): number[] => {
                    try {
                        const decision = runtime.decide('t', { date: '2025-01-01', citizen });
                        return decision.default ? [] : [decision.row];
                    } catch (error) {
                        if (error instanceof RegelrattRuntimeError) {
                            return [];
                        }
                        throw error;
                    }
                };
                const deciding = new Set(citizens.flatMap(decidingRow));
                const matched = new Set(citizens.flatMap(matching));
                rows.forEach((_, index) => {
                    if (!reported.has(index) && matched.has(index + 1)) {
                        silent++;
                        expect(deciding.has(index + 1), `${text}\nrow ${index + 1}`).toBe(true);
                    }
                });
            }
        }), { numRuns: 400, seed: 20261206 });
        expect(idle).toBeGreaterThan(30);
        expect(silent).toBeGreaterThan(50);
    });
});

describe('decision tables: the row merge quick fix, against the runtime', () => {
    const lsp = createRegelrattLspServices(EmptyFileSystem);
    let counter = 0;

    /** The text after applying every merge the editor offers for the text, one at a time as a writer would. */
    async function mergedOnce(text: string): Promise<string | undefined> {
        const uri = URI.parse(`file:///merge/${counter++}.regel`);
        const document = lsp.shared.workspace.LangiumDocumentFactory.fromString<ast.Policy>(text, uri);
        lsp.shared.workspace.LangiumDocuments.addDocument(document);
        try {
            await lsp.shared.workspace.DocumentBuilder.build([document], { validation: true });
            const diagnostic = (document.diagnostics ?? []).find(d => d.code === 'decision-rows-mergeable');
            if (!diagnostic) {
                return undefined;
            }
            const actions = (await lsp.Regelratt.lsp.CodeActionProvider!.getCodeActions(document, {
                textDocument: { uri: uri.toString() }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
            })) as CodeAction[];
            expect(actions, text).toHaveLength(1);
            return TextDocument.applyEdits(TextDocument.create(uri.toString(), 'regelratt', 1, text), actions[0].edit!.changes![uri.toString()]);
        } finally {
            lsp.shared.workspace.LangiumDocuments.deleteDocument(uri);
            lsp.shared.workspace.IndexManager.remove(uri);
        }
    }

    // Every merge offered, applied one after another until none is left, keeps the answer (outputs or
    // error) of every citizen of the small domain, under every hit policy.
    test('applying the merges changes no answer for any citizen', async () => {
        let merges = 0;
        await fc.assert(fc.asyncProperty(tableArb, async ([columns, rows, hit, otherwise, words, order]) => {
            const text = policyText(columns, rows, hit, otherwise, words, order);
            const [checked] = await checkPolicies(Regelratt, [{ path: '/merge/t.regel', text }]);
            const before = runtimeOf(checked);
            let current = text;
            for (let next = await mergedOnce(current); next !== undefined; next = await mergedOnce(current)) {
                merges++;
                current = next;
                const [after] = await checkPolicies(Regelratt, [{ path: '/merge/u.regel', text: current }]);
                expect(after.diagnostics.filter(d => d.severity === 'error' && d.code !== 'decision-gap' && d.code !== 'decision-sum-gap' && d.code !== 'decision-overlap' && d.code !== 'decision-priority-tie'), current).toEqual([]);
                const runtime = runtimeOf(after);
                for (const citizen of everyCitizen(columns)) {
                    expect(answerText(runtime, citizen), `${text}\n---\n${current}\n${JSON.stringify(citizen)}`).toBe(answerText(before, citizen));
                }
            }
            expect(current.split('\n').length, current).toBeLessThanOrEqual(text.split('\n').length);
        }), { numRuns: 300, seed: 20261207 });
        expect(merges).toBeGreaterThan(30);
    });
});

/*
 * DMN 1.5's hit policies written straight from the standard (clause 8.2.10, and 8.3.x for the default
 * output values), as a brute-force reference over every citizen of a small domain, independent of the
 * runtime's and the analyses' code: which rows a citizen matches is read from the cells' text, and
 * the answer from the policy's definition. The runtime must give the reference's answer wherever DMN
 * gives one; where DMN gives none (no rule matched and no default; a Unique, Any or Priority table with
 * rules that conflict) the runtime refuses and the analysis has reported a region holding the citizen,
 * and the other way round; and under First and Priority a row is reported as never deciding exactly
 * when DMN never picks it for any citizen it matches (all of which DMN answers).
 */
interface DmnRow { cells: string[]; risk: number; n: number }

const dmnTableArb = fc.integer({ min: 1, max: 2 })
    .chain(n => fc.tuple(...Array.from({ length: n }, (_, i) => columnArb(i))))
    .chain(columns => fc.record({
        columns: fc.constant(columns),
        rows: fc.array(fc.record({ cells: fc.tuple(...columns.map(cellArb)), risk: fc.integer({ min: 0, max: 2 }), n: fc.integer({ min: 1, max: 3 }) }), { minLength: 1, maxLength: 4 }),
        // Priority, the policy this reference was written for, in about a third of the tables.
        hit: fc.oneof(
            { arbitrary: fc.constant<HitPolicy>('prioritet'), weight: 3 },
            { arbitrary: fc.constantFrom<HitPolicy>('unik', 'första', 'valfri', 'samla summa', 'samla min', 'samla max', 'samla antal'), weight: 7 },
            // DMN's multiple-hit list policies: Rule order, Output order, Collect without an aggregation.
            { arbitrary: fc.constantFrom<HitPolicy>('regelordning', 'utfallsordning', 'samla'), weight: 3 },
        ),
        // The output values of `risk`, highest priority first.
        order: fc.shuffledSubarray([0, 1, 2], { minLength: 3 }),
        otherwise: fc.option(fc.record({ risk: fc.integer({ min: 0, max: 2 }), n: fc.integer({ min: 0, max: 3 }) }), { freq: 3 }),
    }));

type DmnTable = { columns: Column[]; rows: DmnRow[]; hit: HitPolicy; order: number[]; otherwise: { risk: number; n: number } | null };

/** A collecting table aggregates one number column; the others answer a text with its value list and a number. */
function dmnPolicyText(table: DmnTable): string {
    const collecting = table.hit.startsWith('samla ');
    const outputs = (row: { risk: number; n: number }) => (collecting ? `${row.n}` : `"r${row.risk}" | ${row.n}`);
    return [
        ...table.columns.map(c => `egenskap ${c.name} : ${c.kind === 'integer' ? `heltal 0–${c.max}` : c.kind === 'boolean' ? 'ja/nej' : `en av { ${c.values.join(', ')} }`}`),
        'beslutstabell t {',
        `    träff ${table.hit}`,
        `    | ${table.columns.map(c => c.name).join(' | ')} || ${collecting ? 'n' : `risk (${table.order.map(r => `"r${r}"`).join(', ')}) | n`} |`,
        ...table.rows.map(row => `    | ${row.cells.join(' | ')} || ${outputs(row)} |`),
        ...(table.otherwise ? [`    annars || ${outputs(table.otherwise)} |`] : []),
        '}',
    ].join('\n');
}

/** Whether a cell, as the generator writes it, holds for a value: read from its text (docs/language.md's cells). */
function cellHolds(cell: string, column: Column, value: string): boolean {
    if (cell === '-') {
        return true;
    }
    if (column.kind !== 'integer') {
        const set = /^\{ (.*) \}$/.exec(cell);
        return set ? set[1].split(', ').includes(value) : cell.startsWith('≠ ') ? cell.slice(2) !== value : cell === value;
    }
    const v = Number(value);
    const between = /^> (\d+) och <= (\d+)$/.exec(cell) ?? /^(\d+)–(\d+)$/.exec(cell);
    if (between) {
        return cell.startsWith('>') ? v > Number(between[1]) && v <= Number(between[2]) : v >= Number(between[1]) && v <= Number(between[2]);
    }
    const comparison = /^(<=|>=|<|>|≠) (\d+)$/.exec(cell);
    if (comparison) {
        const c = Number(comparison[2]);
        return { '<': v < c, '<=': v <= c, '>': v > c, '>=': v >= c, '≠': v !== c }[comparison[1]]!;
    }
    return v === Number(cell);
}

/** DMN's answer: the outputs, or none — `null` (no rule matched, no default) or `conflict` (rules that the policy does not allow together). */
type DmnAnswer = { outputs: Record<string, string>; row?: number } | { none: 'null' | 'conflict' } | { list: Array<Record<string, string>> };

function dmnAnswer(table: DmnTable, citizen: Record<string, string>): DmnAnswer {
    const collecting = table.hit.startsWith('samla ');
    const outputs = (row: { risk: number; n: number }): Record<string, string> => (collecting ? { n: String(row.n) } : { risk: `r${row.risk}`, n: String(row.n) });
    const same = (a: DmnRow, b: DmnRow) => JSON.stringify(outputs(a)) === JSON.stringify(outputs(b));
    const hits = table.rows.flatMap((row, index) => (rowHolds(table, row, citizen) ? [index] : []));
    const listing = table.hit === 'regelordning' || table.hit === 'utfallsordning' || table.hit === 'samla';
    if (hits.length === 0 && listing) {
        // A multiple-hit table without an aggregation answers the list of the matched rules' outputs: none is the empty list.
        // Where default output values are given, our reading: the list of them alone.
        return { list: table.otherwise ? [outputs(table.otherwise)] : [] };
    }
    if (hits.length === 0) {
        // Default output values answer where no rule matched; otherwise null, but a count of no rules is 0.
        return table.otherwise ? { outputs: outputs(table.otherwise) } : table.hit === 'samla antal' ? { outputs: { n: '0' } } : { none: 'null' };
    }
    const rows = hits.map(index => table.rows[index]);
    const ns = rows.map(row => row.n);
    switch (table.hit) {
        case 'unik': return hits.length === 1 ? { outputs: outputs(rows[0]), row: hits[0] } : { none: 'conflict' };
        case 'valfri': return rows.every(row => same(row, rows[0])) ? { outputs: outputs(rows[0]), row: hits[0] } : { none: 'conflict' };
        case 'första': return { outputs: outputs(rows[0]), row: hits[0] };
        case 'prioritet': {
            // The output values list ranks the matches; the standard leaves rules of equal priority with different outputs undefined.
            const rank = (row: DmnRow) => table.order.indexOf(row.risk);
            const top = Math.min(...rows.map(rank));
            const best = hits.filter(index => rank(table.rows[index]) === top);
            return best.every(index => same(table.rows[index], table.rows[best[0]])) ? { outputs: outputs(table.rows[best[0]]), row: best[0] } : { none: 'conflict' };
        }
        case 'samla summa': return { outputs: { n: String(ns.reduce((a, b) => a + b, 0)) } };
        case 'samla min': return { outputs: { n: String(Math.min(...ns)) } };
        case 'samla max': return { outputs: { n: String(Math.max(...ns)) } };
        case 'samla antal': return { outputs: { n: String(ns.length) } };
        // Rule order and Collect: every matched rule's outputs in rule order (Collect's order is arbitrary in DMN; ours is rule order).
        case 'regelordning': case 'samla': return { list: rows.map(outputs) };
        // Output order: by the output values' order of `risk` (the only listing column), equal ones in rule order.
        case 'utfallsordning': return { list: hits.map((index, at) => ({ index, at })).sort((a, b) => table.order.indexOf(table.rows[a.index].risk) - table.order.indexOf(table.rows[b.index].risk) || a.at - b.at).map(({ index }) => outputs(table.rows[index])) };
    }
}

describe('decision tables: every hit policy against DMN 1.5, citizen by citizen', () => {
    test('the runtime answers as DMN does, refuses where DMN has no answer exactly inside the reported regions, and never-deciding rows are those DMN never picks', async () => {
        const seen = { prioritised: 0, conflicts: 0, ties: 0, nulls: 0, idle: 0, lists: 0, reordered: 0, unmatched: 0 };
        await fc.assert(fc.asyncProperty(dmnTableArb, async table => {
            const text = dmnPolicyText(table);
            const [checked] = await checkPolicies(Regelratt, [{ path: '/dmn/t.regel', text }]);
            const analysed = ['decision-gap', 'decision-overlap', 'decision-priority-tie', 'decision-sum-gap'];
            expect(checked.diagnostics.filter(d => d.severity === 'error' && !analysed.includes(d.code)), text).toEqual([]);
            const analysis = analyseDecisionTable(checked.document.parseResult.value.elements.find(ast.isDecisionTable)!)!;
            expect(analysis.complete, text).toBe(true);
            const runtime = runtimeOf(checked);
            const citizens = everyCitizen(table.columns);
            const answers = citizens.map(citizen => dmnAnswer(table, citizen));
            citizens.forEach((citizen, index) => {
                const reference = answers[index];
                const where = `${text}\n${JSON.stringify(citizen)}`;
                const kinds = new Set(analysis.findings.filter(f => inRegion(f.case, citizen, table.columns)).map(f => f.kind));
                const answer = answerText(runtime, citizen);
                if ('list' in reference) {
                    // A list is an answer for every citizen: no gap (the empty list) and no overlap (every row is in it).
                    expect(answer, where).toBe(JSON.stringify(reference.list));
                    expect(kinds.size, where).toBe(0);
                    seen.lists += reference.list.length >= 2 ? 1 : 0;
                    const inRuleOrder = table.rows.filter(row => rowHolds(table, row, citizen)).map(row => `r${row.risk}`).join();
                    seen.reordered += table.hit === 'utfallsordning' && reference.list.map(o => o.risk).join() !== inRuleOrder ? 1 : 0;
                } else if ('outputs' in reference) {
                    expect(answer, where).toBe(JSON.stringify(reference.outputs));
                    expect(kinds.size, where).toBe(0);
                    // Priority answers that first hit would not give: a later row wins on its output's rank.
                    seen.prioritised += table.hit === 'prioritet' && reference.row !== undefined && reference.row > firstHit(table, citizen) ? 1 : 0;
                } else if (reference.none === 'conflict') {
                    seen.conflicts++;
                    seen.ties += table.hit === 'prioritet' ? 1 : 0;
                    expect(answer, where).toBe('several-matching-rows');
                    expect([...kinds], where).toEqual(['overlap']);
                } else {
                    seen.nulls++;
                    // DMN answers null; the runtime refuses, or for a sum answers 0 (files before 1.9), and the checker says so.
                    expect(answer, where).toBe(table.hit === 'samla summa' ? JSON.stringify({ n: '0' }) : 'no-matching-row');
                    expect([...kinds], where).toEqual(['gap']);
                }
            });
            if (table.hit === 'regelordning' || table.hit === 'utfallsordning' || table.hit === 'samla') {
                // Every matching row is in a list: no row is idle, and the rows reported as never matching are exactly those no citizen matches.
                const rowFindings = checked.diagnostics.filter(d => String(d.code).startsWith('decision-row-'));
                expect(rowFindings.filter(d => d.code !== 'decision-row-never-matches'), text).toEqual([]);
                const never = table.rows.flatMap((row, r) => (citizens.some(citizen => rowHolds(table, row, citizen)) ? [] : [r + 1]));
                expect(rowFindings.map(d => Number(d.args!.row)), text).toEqual(never);
                seen.unmatched += never.length;
            }
            if (table.hit === 'första' || table.hit === 'prioritet') {
                const reported = new Set(checked.diagnostics
                    .filter(d => d.code === (table.hit === 'första' ? 'decision-row-shadowed' : 'decision-row-outranked'))
                    .map(d => Number(d.args!.row) - 1));
                seen.idle += reported.size;
                table.rows.forEach((row, r) => {
                    const matched = citizens.flatMap((citizen, index) => (rowHolds(table, row, citizen) ? [answers[index]] : []));
                    const neverPicked = matched.length > 0 && matched.every(answer => 'outputs' in answer && answer.row !== r);
                    expect(reported.has(r), `${text}\nrow ${r + 1}`).toBe(neverPicked);
                });
            }
        }), { numRuns: 400, seed: 20261212 });
        // The generator must reach what the policies differ on, or the test proves little.
        expect(seen.prioritised).toBeGreaterThan(40);
        expect(seen.conflicts).toBeGreaterThan(80);
        expect(seen.ties).toBeGreaterThan(10);
        expect(seen.nulls).toBeGreaterThan(80);
        expect(seen.idle).toBeGreaterThan(40);
        expect(seen.lists).toBeGreaterThan(40);
        expect(seen.reordered).toBeGreaterThan(10);
        expect(seen.unmatched).toBeGreaterThan(5);
    });
});

/** Whether a citizen matches a row: every cell holds, read from the cells' text. */
function rowHolds(table: DmnTable, row: DmnRow, citizen: Record<string, string>): boolean {
    return row.cells.every((cell, c) => cellHolds(cell, table.columns[c], citizen[table.columns[c].name]));
}

/** The first row a citizen matches. */
function firstHit(table: DmnTable, citizen: Record<string, string>): number {
    return table.rows.findIndex(row => rowHolds(table, row, citizen));
}
