import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { buildDocument, reasonFor } from '@regelratt/document';
import { analyseCalculationBounds, analyseCalculationNeed, checkPolicies, compilePolicy, createRegelrattServices, diffPolicies, exampleCoverage, exampleDifferences } from '@regelratt/language';
import { formatCoverageText } from '../packages/cli/src/coverage-output.js';
import { checkCompiledPolicy, PolicyRuntime, runExamples } from '@regelratt/runtime';
import { serveInProcess } from './serve-process.js';
import { errorCode } from '../packages/runtime/test/error-code.js';
import type { CompiledPolicyFile, DecisionTable, Example } from '@regelratt/format';

/**
 * The list hit policies (DMN's RULE ORDER, OUTPUT ORDER and COLLECT without an aggregation): the
 * answer is every matching row's outputs, through the checker, the compiler, the load check and the
 * runtime. A table of the services to try for a citizen, where several apply at once.
 */
const policy = (hit: string, header = 'stöd ("trygghetslarm", "matdistribution", "dagverksamhet") | timmar', extra = '', otherwise = '') => `
egenskap ålder : heltal 0–120 år
egenskap fallrisk : ja/nej
egenskap ensamboende : ja/nej
beslutstabell förslag "Insatser att pröva" {
    ${hit}
    | ålder | fallrisk | ensamboende || ${header} |
    | >= 80 | -        | -           || "dagverksamhet"   | 4 |
    | -     | ja       | -           || "trygghetslarm"   | 0 |
    | -     | -        | ja          || "matdistribution" | 2 |
    ${otherwise}
}
${extra}`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function load(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/lista/a.regel', text }]);
    const compiled = JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel'))) as CompiledPolicyFile;
    const table = compiled.elements.find(e => e.kind === 'decisionTable') as DecisionTable;
    // Made when asked: a file the checker refuses may not load.
    return { checked, compiled, table, get runtime() { return new PolicyRuntime([compiled]); } };
}

const serious = (diagnostics: ReadonlyArray<{ severity?: string; code?: unknown }>) => diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning').map(d => d.code);

function decide(runtime: PolicyRuntime, ålder: number, fallrisk: boolean, ensamboende: boolean) {
    return runtime.decide('förslag', { date: '2025-01-01', citizen: { ålder, fallrisk, ensamboende } });
}

describe('decision tables under the list hit policies', () => {
    test('träff regelordning: every matching row\'s outputs in row order; no row is the empty list, not a gap', async () => {
        const { checked, compiled, table, runtime } = await load(policy('träff regelordning'));
        // Rows overlap and leave citizens without a row: neither is a finding under a list policy.
        expect(serious(checked.diagnostics)).toEqual([]);
        expect(compiled.schemaVersion).toBe('1.13.0');
        expect(table.hitPolicy).toBe('ruleOrder');
        expect(table.aggregation).toBeUndefined();
        expect(decide(runtime, 85, true, true)).toMatchObject({
            rows: [1, 2, 3], outputs: {},
            list: [{ stöd: 'dagverksamhet', timmar: '4' }, { stöd: 'trygghetslarm', timmar: '0' }, { stöd: 'matdistribution', timmar: '2' }],
        });
        expect(decide(runtime, 40, false, true)).toMatchObject({ rows: [3], list: [{ stöd: 'matdistribution', timmar: '2' }] });
        const none = decide(runtime, 40, false, false);
        expect(none).toMatchObject({ rows: [], list: [], row: 0 });
        expect(none.default).toBeUndefined();
    });

    test('träff utfallsordning: the matching rows sorted by the value lists\' priority, as träff prioritet ranks them', async () => {
        const { checked, table, runtime } = await load(policy('träff utfallsordning'));
        expect(serious(checked.diagnostics)).toEqual([]);
        expect(table.hitPolicy).toBe('outputOrder');
        expect(table.outputValues?.[0]).toEqual([{ text: 'trygghetslarm' }, { text: 'matdistribution' }, { text: 'dagverksamhet' }]);
        expect(decide(runtime, 85, true, true)).toMatchObject({
            rows: [2, 3, 1],
            list: [{ stöd: 'trygghetslarm', timmar: '0' }, { stöd: 'matdistribution', timmar: '2' }, { stöd: 'dagverksamhet', timmar: '4' }],
        });
        expect(decide(runtime, 85, false, true)).toMatchObject({ rows: [3, 1] });
        expect(decide(runtime, 40, false, false)).toMatchObject({ rows: [], list: [] });
    });

    test('träff utfallsordning: rows of the same priority keep their row order (a stable sort)', async () => {
        const { runtime } = await load(policy('träff utfallsordning', 'stöd ("trygghetslarm", "matdistribution", "dagverksamhet") | timmar').replace('"dagverksamhet"   | 4', '"trygghetslarm"   | 4'));
        expect(decide(runtime, 85, true, true)).toMatchObject({ rows: [1, 2, 3], list: [{ timmar: '4' }, { timmar: '0' }, { timmar: '2' }] });
    });

    test('träff utfallsordning needs a value list to order by (output-order-without-values), and the load check refuses a file without one', async () => {
        const without = await load(policy('träff utfallsordning', 'stöd | timmar'));
        expect(serious(without.checked.diagnostics)).toEqual(['output-order-without-values']);
        expect(without.checked.diagnostics.find(d => d.code === 'output-order-without-values')?.message).toContain("'träff utfallsordning'");
        const { compiled, table } = await load(policy('träff utfallsordning'));
        const stripped = { ...compiled, elements: compiled.elements.map(e => (e === table ? { ...table, outputValues: undefined } : e)) };
        expect(errorCode(() => checkCompiledPolicy([stripped]))).toBe('invalid-file');
        expect(() => checkCompiledPolicy([compiled])).not.toThrow();
    });

    test('träff samla without an aggregation is DMN\'s COLLECT, a list in row order (texts may be listed); with one it aggregates as before', async () => {
        const { checked, table, runtime } = await load(policy('träff samla'));
        expect(serious(checked.diagnostics)).toEqual([]);
        expect(table.hitPolicy).toBe('collectList');
        expect(table.aggregation).toBeUndefined();
        expect(decide(runtime, 85, true, false)).toMatchObject({ rows: [1, 2], list: [{ stöd: 'dagverksamhet' }, { stöd: 'trygghetslarm' }] });
        const summed = await load(`egenskap ålder : heltal 0–120 år
egenskap fallrisk : ja/nej
egenskap ensamboende : ja/nej
beslutstabell förslag {
    träff samla summa
    | ålder | fallrisk | ensamboende || timmar |
    | >= 80 | -        | -           || 4      |
    | -     | ja       | -           || 0      |
    | -     | -        | ja          || 2      |
    annars                           || 0      |
}`);
        expect(summed.table).toMatchObject({ hitPolicy: 'collect', aggregation: 'sum' });
        expect(decide(summed.runtime, 85, true, true)).toMatchObject({ outputs: { timmar: '6' } });
        expect(decide(summed.runtime, 85, true, true).list).toBeUndefined();
    });

    test('a default (annars) answers alone where no row matches, as a list of one', async () => {
        const { checked, runtime } = await load(policy('träff regelordning', undefined, '', 'annars || "trygghetslarm" | 0 |'));
        expect(serious(checked.diagnostics)).toEqual([]);
        expect(decide(runtime, 40, false, false)).toMatchObject({ rows: [], default: true, list: [{ stöd: 'trygghetslarm', timmar: '0' }] });
        expect(decide(runtime, 40, false, true)).toMatchObject({ rows: [3], list: [{ stöd: 'matdistribution' }] });
    });

    test('a list is no value: a table or a formula reading a list table is refused (decision-list-not-a-value), and so is the runtime asked for one value', async () => {
        const chained = await load(policy('träff regelordning', undefined, `beslutstabell kostnadstabell {
    | förslag.timmar || belopp |
    | -               || 0 kr   |
}`));
        expect(serious(chained.checked.diagnostics)).toEqual(['decision-list-not-a-value']);
        expect(chained.checked.diagnostics.find(d => d.code === 'decision-list-not-a-value')?.message).toContain('en cell kan pröva');
        const formula = await load(policy('träff samla', undefined, 'beräkning kostnad = förslag.timmar × 300 kr'));
        expect(serious(formula.checked.diagnostics)).toEqual(['decision-list-not-a-value']);
        expect(formula.checked.diagnostics.find(d => d.code === 'decision-list-not-a-value')?.message).toContain('en formel kan räkna med');
        // A hand-made file that reads one anyway gets the typed error, in the generated fast path too.
        for (let i = 0; i < 20; i++) {
            expect(errorCode(() => formula.runtime.calculate('kostnad', { date: '2025-01-01', citizen: { ålder: 85, fallrisk: false, ensamboende: false } }))).toBe('not-computable');
        }
        const { runtime } = formula;
        expect(errorCode(() => runtime.decisionValue(decide(runtime, 85, false, false), 'timmar'))).toBe('not-computable');
        // With a one-answer policy the same reads are fine.
        const single = await load(policy('träff första', undefined, 'beräkning kostnad = förslag.timmar × 300 kr', 'annars || "trygghetslarm" | 0 |'));
        expect(serious(single.checked.diagnostics)).toEqual([]);
    });

    test('a calculation reading a list table has no value to bound or order by need: the one finding is decision-list-not-a-value at the reference, naming the policy, and the analyses add nothing', async () => {
        // min() would make the bounds analysis search for a citizen the cap decides for; the runtime answers none.
        const capped = await load(policy('träff regelordning', undefined, 'beräkning kostnad = min(förslag.timmar, 2)'));
        const codes = capped.checked.diagnostics.map(d => d.code).filter(code => code !== 'unused-declaration');
        expect(codes).toEqual(['decision-list-not-a-value']);
        const refused = capped.checked.diagnostics.find(d => d.code === 'decision-list-not-a-value')!;
        expect(refused.message).toContain('träff regelordning');
        expect(refused.message).toContain("'träff samla summa|min|max|antal'");
        expect(capped.checked.document.textDocument.getText({ start: { line: refused.line - 1, character: refused.column - 1 }, end: { line: refused.endLine - 1, character: refused.endColumn - 1 } })).toBe('förslag.timmar');
        // From a hand-made compiled file (the runtime refuses every citizen): no claim about bounds or need.
        const { runtime } = capped;
        expect(errorCode(() => runtime.calculate('kostnad', { date: '2025-01-01', citizen: { ålder: 85, fallrisk: false, ensamboende: false } }))).toBe('not-computable');
        expect(analyseCalculationBounds(runtime, 'calculation/kostnad')).toEqual([]);
        expect(analyseCalculationNeed(runtime, 'calculation/kostnad', ['attribute/ålder'])).toEqual([]);
    });

    test('the reason names every matching row and says the list; the document says what the policy answers', async () => {
        const { runtime, compiled } = await load(policy('träff utfallsordning'));
        const reason = reasonFor(runtime, { type: 'decision', table: 'förslag', citizen: { ålder: 85, fallrisk: true, ensamboende: false }, date: '2025-01-01' }, 'sv');
        expect(reason.text).toContain('rad 1');
        expect(reason.text).toContain('rad 2');
        expect(reason.text).toContain('svaret är en lista med utfallen från raderna 2, 1, med högst prioritet först');
        expect(reason.text).toContain('stöd trygghetslarm, timmar 0; stöd dagverksamhet, timmar 4');
        const none = reasonFor(runtime, { type: 'decision', table: 'förslag', citizen: { ålder: 40, fallrisk: false, ensamboende: false }, date: '2025-01-01' }, 'en');
        expect(none.text).toContain('no row applies, so the answer is an empty list');
        const document = JSON.stringify(buildDocument({ files: [compiled], locale: 'sv', draft: true }));
        expect(document).toContain('Svaret är en lista med utfallen från varje rad som stämmer, med högst prioritet först');
    });

    test('the service answers a decision question with the list, and an asked column with its value in every listed row', async () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'regelratt-lista-'));
        try {
            writeFileSync(path.join(folder, 'a.regel'), policy('träff regelordning'));
            const app = await serveInProcess(folder);
            const ask = async (body: object) => (await app.inject({ method: 'POST', url: '/v1/question', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) })).json();
            const question = { type: 'decision', table: 'förslag', date: '2025-01-01', citizen: { ålder: 85, fallrisk: false, ensamboende: true } };
            expect((await ask(question)).answer).toMatchObject({ rows: [1, 3], list: [{ stöd: 'dagverksamhet', timmar: '4' }, { stöd: 'matdistribution', timmar: '2' }] });
            expect((await ask({ ...question, column: 'timmar' })).answer).toMatchObject({ values: ['4', '2'] });
            expect((await ask({ ...question, citizen: { ålder: 40, fallrisk: false, ensamboende: false } })).answer).toMatchObject({ rows: [], list: [] });
            expect((await ask({ ...question, column: 'saknas' })).code).toBe('unknown-element');
            await app.close();
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });

    test('the diff sees a row added to a list: the list changes for its citizens, with a witness the runtime answers as claimed', async () => {
        const before = await load(policy('träff regelordning'));
        const after = await load(policy('träff regelordning', undefined, '', '| >= 90 | - | - || "trygghetslarm" | 1 |'));
        const entry = diffPolicies([before.compiled], [after.compiled], 'sv').entries.find(e => e.element.kind === 'decisionTable');
        expect(entry?.change).toBe('answers');
        const regions = (entry as unknown as { regions: Array<{ before: string; after: string; witness: { example: Record<string, string> } }> }).regions;
        expect(regions.length).toBeGreaterThan(0);
        for (const region of regions) {
            const example = region.witness.example;
            const citizen = { ålder: Number(String(example.ålder ?? '90').replace(/\D+$/, '').trim()), fallrisk: example.fallrisk === 'ja', ensamboende: example.ensamboende === 'ja' };
            expect(citizen.ålder).toBeGreaterThanOrEqual(90);
            const asked = decide(after.runtime, citizen.ålder, citizen.fallrisk, citizen.ensamboende);
            const claimed = `[${asked.list!.map(outputs => `stöd ${outputs.stöd}, timmar ${outputs.timmar}`).join('; ')}]`;
            expect(region.after).toBe(claimed);
            expect(region.before).toBe(`[${decide(before.runtime, citizen.ålder, citizen.fallrisk, citizen.ensamboende).list!.map(outputs => `stöd ${outputs.stöd}, timmar ${outputs.timmar}`).join('; ')}]`);
            expect(region.after).toContain('stöd trygghetslarm, timmar 1');
        }
        // Under utfallsordning the same row goes first in the list where its priority is highest.
        const ordered = await load(policy('träff utfallsordning', undefined, '', '| >= 90 | - | - || "trygghetslarm" | 1 |'));
        const orderedBefore = await load(policy('träff utfallsordning'));
        const orderedEntry = diffPolicies([orderedBefore.compiled], [ordered.compiled], 'sv').entries.find(e => e.element.kind === 'decisionTable');
        const orderedRegions = (orderedEntry as unknown as { regions: Array<{ after: string }> }).regions;
        expect(orderedRegions.every(region => region.after.startsWith('[stöd trygghetslarm'))).toBe(true);
    });

    test('two rows are offered as one only where the list keeps its order for every citizen (as under träff första)', async () => {
        const table = (rows: string) => `egenskap ålder : heltal 0–120 år
egenskap fallrisk : ja/nej
beslutstabell förslag {
    träff regelordning
    | ålder | fallrisk || stöd |
${rows}
}`;
        // Rows 1 and 3 merge into 0–64; row 2 (other outputs) matches citizens of row 3, whose list would change order.
        const reordering = await load(table(`    | 0–17  | - || "a" |
    | -     | ja || "b" |
    | 18–64 | - || "a" |`));
        expect(reordering.checked.diagnostics.filter(d => d.code === 'decision-rows-mergeable')).toEqual([]);
        const free = await load(table(`    | 0–17  | - || "a" |
    | >= 65 | ja || "b" |
    | 18–64 | - || "a" |`));
        expect(free.checked.diagnostics.filter(d => d.code === 'decision-rows-mergeable').map(d => [d.args!.keep, d.args!.remove])).toEqual([[1, 3]]);
    });

    test('an example expects a list as the policy orders it (förväntat [ … ]): it compiles to a list of expectations, passes on the runtime\'s list and fails, naming both lists, on another order', async () => {
        const example = (expected: string, hit = 'träff regelordning', column = 'stöd', citizen = 'ålder = 85, fallrisk = ja, ensamboende = nej') =>
            policy(hit, undefined, `exempel äldre { datum 2025-01-01  beslut enligt förslag.${column} för { ${citizen} }  förväntat ${expected} }`);
        const passing = await load(example('[ "dagverksamhet", "trygghetslarm" ]'));
        expect(serious(passing.checked.diagnostics)).toEqual([]);
        expect(passing.compiled.schemaVersion).toBe('1.13.0');
        const compiledExample = passing.compiled.elements.find(e => e.kind === 'example') as Example;
        expect(compiledExample.expected).toEqual({ list: [{ text: 'dagverksamhet' }, { text: 'trygghetslarm' }] });
        expect(runExamples(passing.runtime).map(r => [r.passed, r.actual])).toEqual([[true, { list: [{ text: 'dagverksamhet' }, { text: 'trygghetslarm' }] }]]);
        // Row order is the answer's order under regelordning: the same outputs in another order fail.
        const reordered = await load(example('[ "trygghetslarm", "dagverksamhet" ]'));
        // The checker runs the example too and says so at it (a warning: the policy itself is sound).
        expect(serious(reordered.checked.diagnostics)).toEqual(['example-failed']);
        const [failed] = runExamples(reordered.runtime);
        expect(failed.passed).toBe(false);
        expect(exampleDifferences(failed.expected, failed.actual, 'sv', failed.example.unit))
            .toBe('lista: väntat ["trygghetslarm", "dagverksamhet"], fick ["dagverksamhet", "trygghetslarm"]');
        expect(exampleDifferences(failed.expected, failed.actual, 'en', failed.example.unit))
            .toBe('list: expected ["trygghetslarm", "dagverksamhet"], got ["dagverksamhet", "trygghetslarm"]');
        // Under utfallsordning the value list's priority orders it; under samla (kept in row order, where DMN leaves it open) the rows do.
        expect(runExamples((await load(example('[ "trygghetslarm", "dagverksamhet" ]', 'träff utfallsordning'))).runtime).map(r => r.passed)).toEqual([true]);
        expect(runExamples((await load(example('[ "dagverksamhet", "trygghetslarm" ]', 'träff samla'))).runtime).map(r => r.passed)).toEqual([true]);
        expect(runExamples((await load(example('[ "trygghetslarm", "dagverksamhet" ]', 'träff samla'))).runtime).map(r => r.passed)).toEqual([false]);
        // Numbers, and the empty list where no row matches (DMN's answer).
        expect(runExamples((await load(example('[ 4, 0 ]', undefined, 'timmar'))).runtime).map(r => r.passed)).toEqual([true]);
        const empty = await load(example('[ ]', undefined, 'stöd', 'ålder = 40, fallrisk = nej, ensamboende = nej'));
        expect(serious(empty.checked.diagnostics)).toEqual([]);
        expect(runExamples(empty.runtime).map(r => r.passed)).toEqual([true]);
        // The schema holds each item to one value, as the types say.
        const twoFields = { ...passing.compiled, elements: passing.compiled.elements.map(e => (e === compiledExample ? { ...compiledExample, expected: { list: [{ text: 'dagverksamhet', yesNo: true }] } } : e)) };
        expect(errorCode(() => new PolicyRuntime([twoFields]))).toBe('invalid-file');
        const short = runExamples((await load(example('[ "dagverksamhet" ]'))).runtime)[0];
        expect(exampleDifferences(short.expected, short.actual, 'sv', short.example.unit)).toBe('lista: väntat ["dagverksamhet"], fick ["dagverksamhet", "trygghetslarm"]');
    });

    test('a list expectation of a table that answers one value is refused where it is written (list-expectation-single-answer)', async () => {
        const single = await load(policy('träff första', undefined, 'exempel äldre { datum 2025-01-01  beslut enligt förslag.stöd för { ålder = 85, fallrisk = ja, ensamboende = nej }  förväntat [ "dagverksamhet" ] }', 'annars || "trygghetslarm" | 0 |'));
        expect(serious(single.checked.diagnostics)).toEqual(['list-expectation-single-answer']);
        expect(single.checked.diagnostics.find(d => d.code === 'list-expectation-single-answer')?.message).toContain('förväntat "…"');
    });

    test('test --coverage writes an example expecting the region\'s list, which passes when pasted in; an example asking for one value is refused by name', async () => {
        const { compiled, runtime } = await load(policy('träff regelordning'));
        const text = formatCoverageText(exampleCoverage([compiled], 'sv'), runtime, 'sv', new Set());
        expect(text).toContain('förväntat [ "dagverksamhet", "trygghetslarm", "matdistribution" ]');
        expect(text).toContain('förväntat [ ]');
        expect(text).not.toContain('ett exempel kan ännu inte');
        const written = [...text.matchAll(/^ {4}(exempel [^]*?^ {4}\})/gm)].map(match => match[1].replace(/^ {4}/gm, ''));
        expect(written.length).toBeGreaterThan(1);
        const pasted = await load(policy('träff regelordning', undefined, written.join('\n')));
        expect(serious(pasted.checked.diagnostics)).toEqual([]);
        const results = runExamples(pasted.runtime);
        expect(results.length).toBe(written.length);
        expect(results.every(result => result.passed)).toBe(true);
        const message = (() => {
            try {
                runtime.decisionValue(decide(runtime, 85, true, true), 'stöd');
            } catch (error) {
                return (error as Error).message;
            }
        })();
        expect(message).toContain('förslag svarar med en lista');
    });

    test('an example asking a list table for one value is refused where it is written (decision-list-not-a-value), unless it expects the error', async () => {
        const asking = await load(policy('träff regelordning', undefined, 'exempel äldre { datum 2025-01-01  beslut enligt förslag.stöd för { ålder = 85, fallrisk = ja, ensamboende = nej }  förväntat "trygghetslarm" }'));
        expect(serious(asking.checked.diagnostics)).toEqual(['decision-list-not-a-value']);
        expect(asking.checked.diagnostics.find(d => d.code === 'decision-list-not-a-value')?.message).toContain('förväntat [ … ]');
        const expectingError = await load(policy('träff regelordning', undefined, 'exempel äldre { datum 2025-01-01  beslut enligt förslag.stöd för { ålder = 85, fallrisk = ja, ensamboende = nej }  förväntat fel "not-computable" }'));
        // The static checks accept it, and so does its run: one value asked of a list table is the error it expects.
        expect(serious(expectingError.checked.diagnostics)).toEqual([]);
    });

    test('each item of an expected list fits the column (list-item-does-not-fit): its kind, and for words a value some row gives; reported at the item', async () => {
        const example = (items: string) => `exempel äldre { datum 2025-01-01  beslut enligt förslag.stöd för { ålder = 85, fallrisk = ja, ensamboende = nej }  förväntat [ ${items} ] }`;
        const at = (checked: Awaited<ReturnType<typeof load>>['checked'], text: string) => {
            const lines = checked.document.textDocument.getText().split('\n');
            const line = lines.findIndex(l => l.startsWith('exempel äldre'));
            const column = lines[line].indexOf(text);
            return { line: line + 1, column: column + 1, endLine: line + 1, endColumn: column + 1 + text.length };
        };
        const amount = await load(policy('träff regelordning', undefined, example('"trygghetslarm", 450 kr')));
        const wrongKind = amount.checked.diagnostics.filter(d => d.code === 'list-item-does-not-fit');
        expect(wrongKind.map(d => d.message)).toEqual(['Listan kan inte innehålla 450 kr: kolumnen stöd i beslutstabellen förslag ger texter, inte belopp eller tal.']);
        expect(wrongKind[0]).toMatchObject(at(amount.checked, '450 kr'));
        expect(wrongKind[0].severity).toBe('error');
        const unknown = await load(policy('träff regelordning', 'stöd | timmar', example('"trygghetslarm", "hemtjänst", ja')));
        const found = unknown.checked.diagnostics.filter(d => d.code === 'list-item-does-not-fit');
        expect(found.map(d => d.message)).toEqual([
            'Listan kan inte innehålla "hemtjänst": ingen rad i kolumnen stöd i beslutstabellen förslag ger det värdet (kolumnen ger "dagverksamhet", "trygghetslarm" och "matdistribution").',
            'Listan kan inte innehålla ja: kolumnen stöd i beslutstabellen förslag ger texter, inte ja/nej.',
        ]);
        expect(found[0]).toMatchObject(at(unknown.checked, '"hemtjänst"'));
        const fitting = await load(policy('träff regelordning', undefined, example('"trygghetslarm", "dagverksamhet"')));
        expect(fitting.checked.diagnostics.filter(d => d.code === 'list-item-does-not-fit')).toEqual([]);
        // The hours column gives numbers: an amount item fits it, a text does not.
        const hours = await load(policy('träff regelordning', undefined, 'exempel timmar_äldre { datum 2025-01-01  beslut enligt förslag.timmar för { ålder = 85, fallrisk = ja, ensamboende = nej }  förväntat [ 4, "fyra" ] }'));
        expect(hours.checked.diagnostics.filter(d => d.code === 'list-item-does-not-fit').map(d => d.message)).toEqual(['Listan kan inte innehålla "fyra": kolumnen timmar i beslutstabellen förslag ger belopp eller tal, inte texter.']);
        // A date is a kind of its own (a date output, since 1.13): no date fits a column of texts.
        const date = await load(policy('träff regelordning', undefined, example('"trygghetslarm", 2025-07-01')));
        expect(date.checked.diagnostics.filter(d => d.code === 'list-item-does-not-fit').map(d => d.message)).toEqual(['Listan kan inte innehålla 2025-07-01: kolumnen stöd i beslutstabellen förslag ger texter, inte datum.']);
    });

    test('a förlopp item names a förlopp the column gives (list-item-does-not-fit)', async () => {
        const text = `
egenskap ålder : heltal 0–120 år
förloppsmodell m { förlopp larm { när ålder >= 80 år } förlopp mat { när ålder < 80 år } förlopp boende { när ålder > 200 år } }
beslutstabell t {
    träff regelordning
    | ålder || väg |
    | >= 80 || larm |
    | -     || mat |
}
exempel e { datum 2025-01-01  beslut enligt t för { ålder = 85 }  förväntat [ förlopp larm, förlopp boende ] }`;
        const { checked } = await load(text);
        expect(checked.diagnostics.filter(d => d.code === 'list-item-does-not-fit').map(d => d.message)).toEqual([
            'Listan kan inte innehålla förlopp boende: ingen rad i kolumnen väg i beslutstabellen t ger det värdet (kolumnen ger förlopp larm och förlopp mat).',
        ]);
    });

    test('the document\'s examples table shows the expected list and, for a failing example, the answer\'s', async () => {
        const { compiled } = await load(policy('träff regelordning', undefined, 'exempel äldre { datum 2025-01-01  beslut enligt förslag.stöd för { ålder = 85, fallrisk = ja, ensamboende = nej }  förväntat [ "trygghetslarm", "dagverksamhet" ] }'));
        const document = JSON.stringify(buildDocument({ files: [compiled], locale: 'sv', draft: true }));
        expect(document).toContain('trygghetslarm, dagverksamhet');
        expect(document).toContain('dagverksamhet, trygghetslarm');
    });

    test('a row compared with a dated parameter is reported as never matching only where no version of the parameter lets it match', async () => {
        const table = (domain: string) => `
egenskap ålder "Ålder" : heltal ${domain} år
parameter pensionsålder "Pensionsålder" : heltal {
    från 2024-01-01 till 2025-12-31 : 65 år
    från 2026-01-01 : 66 år
}
beslutstabell stödlista "Stöd" {
    giltig från 2024-01-01
    träff regelordning
    | ålder           || stöd      |
    | > pensionsålder || "larm"    |
    | >= 18           || "matlåda" |
}`;
        const rowsNeverMatching = async (domain: string) => (await load(table(domain))).checked.diagnostics
            .filter(d => d.code === 'decision-row-never-matches').map(d => d.message);
        // Up to 66 years, row 1 matches 66-year-olds while the age is 65 (2024–2025): no warning.
        expect(await rowsNeverMatching('0–66')).toEqual([]);
        // Up to 65 years, it matches nobody under either version: one warning, not one per version.
        expect(await rowsNeverMatching('0–65')).toEqual([expect.stringContaining('Rad 1 i beslutstabellen stödlista gäller aldrig')]);
    });
});
