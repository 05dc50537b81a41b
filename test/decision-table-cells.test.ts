import { EmptyFileSystem, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createRegelrattLspServices } from '@regelratt/language/lsp';
import { describe, expect, test } from 'vitest';
import { checkPolicies, compilePolicy, createRegelrattServices, type ast } from '@regelratt/language';
import { PolicyRuntime, runExamples } from '@regelratt/runtime';
import { buildDocument } from '@regelratt/document';
import { errorCode } from '../packages/runtime/test/error-code.js';

/**
 * DMN's unary tests in a decision-table cell: several tests joined by `eller` (DMN's `<18, >=60`),
 * any of which matches. The checker's gaps and overlaps split on every disjunct's bounds, and the
 * runtime answers with the same comparison as every other cell.
 */
const { Regelratt } = createRegelrattServices(EmptyFileSystem);

const vocabulary = `
egenskap ålder "Ålder" : heltal 0–120 år
egenskap förmåga : en av { hög, utvecklingsbar, nedsatt }
`;

async function load(table: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/cells/a.regel', text: vocabulary + table }]);
    const compiled = JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')));
    const problems = checked.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning');
    return { checked, compiled, problems, runtime: new PolicyRuntime([compiled]) };
}

const on = (citizen: Record<string, unknown>) => ({ date: '2025-01-01', citizen });

describe('disjunctions in a cell (`< 18 eller >= 60`)', () => {
    const table = (youngOrOld: string) => `
beslutstabell taxa "Taxa" {
    | ålder          | förmåga || avgift |
    | ${youngOrOld}  | -       || 0 kr   |
    | 18–59          | -       || 100 kr |
}`;

    test('a row whose cell is a disjunction matches where any of its tests does, and covers both ends', async () => {
        const { problems, runtime, compiled } = await load(table('< 18 eller >= 60'));
        expect(problems).toEqual([]);
        for (const [age, fee] of [[0, '0'], [17, '0'], [18, '100'], [59, '100'], [60, '0'], [120, '0']] as const) {
            expect(runtime.decide('taxa', on({ ålder: age, förmåga: 'hög' })).outputs, `ålder ${age}`).toEqual({ avgift: fee });
        }
        // Compiled as any-of the column's criteria, the form every criterion reader already knows.
        const element = compiled.elements.find((e: { kind: string }) => e.kind === 'decisionTable');
        expect(element.rows[0].when[0]).toEqual({ any: [
            { attribute: 'attribute/ålder', op: '<', value: { number: '18' } },
            { attribute: 'attribute/ålder', op: '>=', value: { number: '60' } },
        ] });
    });

    test('the gap between two disjuncts is found, with a citizen inside it whom the runtime refuses', async () => {
        const { problems, runtime } = await load(table('< 18 eller >= 65'));
        expect(problems.map(d => d.code)).toEqual(['decision-gap']);
        expect(problems[0].message).toContain('ålder 60–64');
        expect(errorCode(() => runtime.decide('taxa', on({ ålder: 62, förmåga: 'hög' })))).toBe('no-matching-row');
    });

    test('an overlap inside one disjunct is found', async () => {
        const { problems } = await load(table('< 18 eller >= 50'));
        expect(problems.map(d => d.code)).toEqual(['decision-overlap']);
        expect(problems[0].message).toContain('ålder 50–59');
    });

    test('every kind of test may be a disjunct: values, sets, ranges, two bounds', async () => {
        const { problems, runtime } = await load(`
beslutstabell t {
    | ålder                          | förmåga                        || r |
    | 0 eller 5–9 eller > 100 och < 110 | hög eller { utvecklingsbar }  || 1 |
    | -                              | nedsatt                        || 2 |
    annars || 3 |
}`);
        expect(problems).toEqual([]);
        const answer = (ålder: number, förmåga: string) => runtime.decide('t', on({ ålder, förmåga })).outputs.r;
        expect([answer(0, 'hög'), answer(7, 'utvecklingsbar'), answer(105, 'hög'), answer(110, 'hög'), answer(3, 'hög'), answer(3, 'nedsatt')]).toEqual(['1', '1', '1', '3', '3', '2']);
    });

    test('a disjunct that does not fit the column is a type mismatch at that disjunct', async () => {
        const { problems } = await load(`
beslutstabell t {
    | ålder           || r |
    | < 18 eller ja   || 1 |
    annars || 2 |
}`);
        expect(problems.map(d => d.code)).toContain('type-mismatch');
        expect(problems.find(d => d.code === 'type-mismatch')!.message).toContain("ja");
    });
});

describe('formula outputs (`= inkomst × 30 %`)', () => {
    const policy = (formula: string, hit = 'första', extra = '') => `
egenskap inkomst "Inkomst" : belopp per månad
egenskap sammanboende : ja/nej
beslutstabell taxa "Taxa" {
    träff ${hit}
    | ålder || avgift   |
    | < 18  || 0 kr/mån |
    | -     || ${formula} |
}
beräkning med_larm = taxa + 10 kr/mån
${extra}`;

    test('a formula cell is computed for the case by the calculations\' arithmetic and rounding, in decide and in a formula that reads the table', async () => {
        const { problems, runtime, compiled } = await load(policy('= inkomst × 30 % avrundat till hela kronor, nedåt'));
        expect(problems).toEqual([]);
        const adult = on({ ålder: 40, inkomst: '10 001,90', sammanboende: false });
        // 10 001,90 × 0,3 = 3 000,57, rounded down to 3 000: exact, never a binary float.
        expect(runtime.decide('taxa', adult).outputs).toEqual({ avgift: '3000' });
        expect(runtime.calculate('med_larm', adult, { explain: false }).amount).toBe('3010');
        expect(runtime.decide('taxa', on({ ålder: 10, inkomst: 5000, sammanboende: false })).outputs).toEqual({ avgift: '0' });
        const element = compiled.elements.find((e: { kind: string }) => e.kind === 'decisionTable');
        expect(element.rows[1].then[0]).toEqual({ formula: { round: { op: '*', left: { ref: 'attribute/inkomst' }, right: { quantity: { value: '30', unit: '%' } } }, rounding: expect.anything() } });
    });

    test('under träff samla summa the formulas of every matching row are added up', async () => {
        const { problems, runtime } = await load(policy('= inkomst × 10 %', 'samla summa'));
        expect(problems).toEqual([]);
        expect(runtime.decide('taxa', on({ ålder: 10, inkomst: 1000, sammanboende: false })).outputs).toEqual({ avgift: '100' });
    });

    test('units are checked as a calculation\'s: inside the formula, and against the column', async () => {
        expect((await load(policy('= inkomst + 30 %'))).problems.map(d => d.code)).toEqual(['unit-mismatch']);
        expect((await load(policy('= sammanboende × 2 kr/mån'))).problems.map(d => d.code)).toEqual(['not-a-number']);
        const wrong = await load(policy('= 30 % × 2'));
        expect(wrong.problems.map(d => d.code)).toEqual(['decision-formula-unit']);
        expect(wrong.problems[0].message).toContain('kolumnen avgift i taxa');
    });

    test('the analyses that read amounts do not take a formula cell for a constant: a finding from the runtime, or "could not decide", never silence', async () => {
        // An answer of the policy that goes below zero for a low income: the bounds cannot prove it never
        // does (the column is read between its formula's bounds), so a citizen or "could not decide" is said.
        const negative = await load(policy('= inkomst − 1 000 kr/mån', 'första', 'beräkning netto = taxa'));
        expect(negative.problems.filter(d => d.args?.name === 'netto').map(d => d.code)).toEqual([expect.stringMatching(/^calculation-(can-be-negative|negative-undecided)$/)]);
        // And one whose formula is never negative is proved so, as with constant cells.
        expect((await load(policy('= inkomst × 30 %', 'första', 'beräkning netto = taxa'))).problems).toEqual([]);
        // Need monotonicity over a formula column is not decided row by row, and says so.
        const need = await load(policy('= inkomst × 30 %').replace('träff första', 'träff första\n    behov ålder'));
        expect(need.problems.filter(d => d.code === 'analysis-undecided').map(d => d.message)).toEqual([expect.stringContaining('om beloppen sjunker när behovet ökar')]);
    });

    test('an example expects a formula cell\'s amount, and the document says the formula', async () => {
        const examples = `
exempel vuxen { datum 2025-01-01  beslut enligt taxa för { ålder = 40, inkomst = 10 000 kr, sammanboende = nej }  förväntat 3 000 kr/mån }
exempel fel_väntat { datum 2025-01-01  beslut enligt taxa för { ålder = 40, inkomst = 10 000 kr, sammanboende = nej }  förväntat 2 000 kr/mån }`;
        const { problems, runtime, compiled } = await load(policy('= inkomst × 30 %', 'första', examples));
        // The checker runs the examples too: the failing one is its warning, in regelratt test's words.
        expect(problems.map(d => [d.code, d.message])).toEqual([['example-failed', 'Exemplet fel_väntat ger inte det väntade: belopp: väntat 2 000 kr/mån, fick 3 000 kr/mån.']]);
        expect(runExamples(runtime).map(result => [result.example.name, result.passed])).toEqual([['vuxen', true], ['fel_väntat', false]]);
        const document = JSON.stringify(buildDocument({ files: [compiled], locale: 'sv', draft: true }));
        expect(document).toMatch(/"inkomst\s×\s30\s%"/u);
    });

    test('a column of formulas only has its formula\'s unit: an example expecting another is refused, a formula reading its own table does not recurse', async () => {
        const table = (formula: string, example: string) => `
egenskap inkomst : belopp per månad
beslutstabell andel { | ålder || avgift | | - || ${formula} | }
exempel e { datum 2025-01-01  beslut enligt andel för { ålder = 40, inkomst = 1 000 kr }  förväntat ${example} }`;
        expect((await load(table('= inkomst × 30 %', '300 kr/h'))).problems.map(d => d.code)).toEqual(['expectation-unit-mismatch']);
        expect((await load(table('= inkomst × 30 %', '300 kr/mån'))).problems).toEqual([]);
        expect((await load(table('= andel + 1 kr/mån', '300 kr/mån'))).problems.map(d => d.code)).not.toContain('expectation-unit-mismatch');
    });

    test('a formula that reads its own table through a calculation is refused at run time, not a stack overflow', async () => {
        const { runtime } = await load(policy('= runt', 'första', 'beräkning runt = taxa + 1 kr/mån'));
        const ask = () => runtime.decide('taxa', on({ ålder: 40, inkomst: 1000, sammanboende: false }));
        expect(errorCode(ask)).toBe('not-computable');
        expect(ask).toThrow('taxa beror av sig själv.');
    });
});

describe('the formatter', () => {
    test('aligns a table with disjunctions and formulas and keeps its meaning', async () => {
        const { shared, Regelratt: lsp } = createRegelrattLspServices(EmptyFileSystem);
        const messy = `${vocabulary}egenskap inkomst : belopp per månad\nbeslutstabell t { träff första\n|ålder|| avgift|\n|<18   eller >=65|| 0 kr/mån |\n| - ||=inkomst×30 %|}\n`;
        const uri = URI.parse('file:///cells/format.regel');
        const document = shared.workspace.LangiumDocumentFactory.fromString<ast.Policy>(messy, uri);
        shared.workspace.LangiumDocuments.addDocument(document);
        await shared.workspace.DocumentBuilder.build([document]);
        const edits = await lsp.lsp.Formatter!.formatDocument(document, { textDocument: { uri: uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
        const formatted = TextDocument.applyEdits(TextDocument.create(uri.toString(), 'regelratt', 1, messy), edits);
        const rows = async (text: string) => {
            const [checked] = await checkPolicies(Regelratt, [{ path: '/cells/f.regel', text }]);
            expect(checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
            const table = compilePolicy(checked.document.parseResult.value, 'f.regel').elements.find(e => e.kind === 'decisionTable') as { rows: Array<{ when: unknown; then: unknown }> };
            return table.rows.map(row => [row.when, row.then]);
        };
        expect(await rows(formatted)).toEqual(await rows(messy));
        expect(formatted).toContain('< 18 eller >= 65');
    });
});
