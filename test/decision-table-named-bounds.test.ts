import { EmptyFileSystem, URI } from 'langium';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createRegelrattLspServices } from '@regelratt/language/lsp';
import { describe, expect, test } from 'vitest';
import { checkPolicies, compilePolicy, createRegelrattServices, type ast } from '@regelratt/language';
import { PolicyRuntime, runExamples } from '@regelratt/runtime';
import { reasonFor } from '@regelratt/document';
import { SCHEMA_VERSION } from '@regelratt/format';
import { errorCode } from '../packages/runtime/test/error-code.js';
import { exportDmn } from '../packages/cli/src/dmn/export-dmn.js';
import { dmnAttributes, dmnPolicy } from '../packages/cli/src/dmn/write-dmn.js';
import { compareWithRuntime } from './dmn/dmn-harness.js';
import { readDmn } from './dmn/dmn-evaluator.js';

/**
 * A decision table's cell compared with a named value instead of a constant (DMN's `< Max price`):
 * a parameter, read on the decision date by the runtime's one version lookup, or another attribute
 * of the case. The checker analyses a parameter-bound table once per set of the parameters' values
 * and names the dates of each finding; an attribute bound is analysed once per value where the
 * attribute is a small whole number, and otherwise said to be undecided, never "no gap".
 */
const { Regelratt } = createRegelrattServices(EmptyFileSystem);

const vocabulary = `
egenskap ålder "Ålder" : heltal 0–120 år
egenskap pris "Pris" : heltal 0–10000 kr
egenskap maxpris "Högsta pris" : heltal 0–10000 kr
parameter pensionsålder "Pensionsålder" : heltal {
    från 2024-01-01 till 2025-12-31 : 65 år
    från 2026-01-01 : 66 år
}
parameter maxtaxa "Maxtaxa" : belopp { från 2025-01-01 : 2 540 kr }
`;

async function load(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/bounds/a.regel', text: vocabulary + text }]);
    const problems = checked.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning');
    const compiled = problems.some(d => d.severity === 'error') ? undefined : JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')));
    return { checked, compiled, problems, runtime: compiled && new PolicyRuntime([compiled]) };
}

const färdtjänst = (middle: string) => `
beslutstabell färdtjänst "Andel av taxan" {
    | ålder            || andel |
    | < 18             || 50 %  |
    | ${middle} || 100 % |
    | > pensionsålder  || 50 %  |
}`;

describe('a cell compared with a parameter (`> pensionsålder`, `18–pensionsålder`)', () => {
    test('compiles to the bound variant of format 1.11 and is answered with the version in force on the date', async () => {
        const { problems, compiled, runtime } = await load(färdtjänst('18–pensionsålder'));
        expect(problems).toEqual([]);
        expect(SCHEMA_VERSION).toBe('1.13.0');
        const table = compiled.elements.find((e: { kind: string }) => e.kind === 'decisionTable');
        expect(table.rows[1].when[0]).toEqual({ all: [
            { attribute: 'attribute/ålder', op: '>=', value: { number: '18' } },
            { attribute: 'attribute/ålder', against: { op: '<=', ref: 'parameter/pensionsålder' } },
        ] });
        expect(table.rows[2].when[0]).toEqual({ attribute: 'attribute/ålder', against: { op: '>', ref: 'parameter/pensionsålder' } });
        const andel = (date: string, ålder: number) => runtime!.decide('färdtjänst', { date, citizen: { ålder } }).outputs.andel;
        expect(andel('2025-06-01', 65)).toBe('1');
        expect(andel('2025-06-01', 66)).toBe('0.5');
        // From 2026 the pension age is 66: the same citizen is in the middle row.
        expect(andel('2026-06-01', 66)).toBe('1');
        expect(andel('2026-06-01', 67)).toBe('0.5');
        // No version before 2024: the runtime's typed error, no silent bound.
        expect(errorCode(() => runtime!.decide('färdtjänst', { date: '2023-06-01', citizen: { ålder: 70 } }))).toBe('no-valid-version');
    });

    test('a gap in one version period only is found, naming the dates and the value, with a citizen the runtime refuses then', async () => {
        const { problems } = await load(färdtjänst('18–65           '));
        expect(problems.map(d => d.code)).toEqual(['decision-gap']);
        expect(problems[0].message).toContain('ålder = 66 år (från 2026-01-01, pensionsålder = 66)');
        // The same table with the bound written as the 2025 constant shows the runtime's answers.
        const { runtime } = await load(färdtjänst('18–pensionsålder'));
        expect(runtime!.decide('färdtjänst', { date: '2026-01-01', citizen: { ålder: 66 } }).outputs.andel).toBe('1');
    });

    test('the gap is the runtime\'s: the table as written refuses the witness on a date of the period and answers it before', async () => {
        const text = `
beslutstabell taxa "Taxa" {
    | ålder            || andel |
    | <= 65            || 100 % |
    | > pensionsålder  || 50 %  |
}`;
        const { checked } = await load(text);
        const gaps = checked.diagnostics.filter(d => d.code === 'decision-gap');
        expect(gaps.map(d => d.message)).toEqual([expect.stringContaining('ålder = 66 år (från 2026-01-01, pensionsålder = 66)')]);
        const compiled = JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')));
        const runtime = new PolicyRuntime([compiled]);
        expect(errorCode(() => runtime.decide('taxa', { date: '2026-03-01', citizen: { ålder: 66 } }))).toBe('no-matching-row');
        expect(runtime.decide('taxa', { date: '2025-03-01', citizen: { ålder: 66 } }).outputs.andel).toBe('0.5');
    });

    test('a bound in another unit than the column is unit-mismatch at the cell', async () => {
        const { problems } = await load(`
beslutstabell t {
    | ålder      || nivå |
    | > maxtaxa  || 1    |
    | <= maxtaxa || 0    |
}`);
        expect(problems.map(d => d.code)).toEqual(['unit-mismatch', 'unit-mismatch']);
        expect(problems[0].message).toBe('Kan inte jämföra ålder (år) och maxtaxa (kr): enheterna passar inte ihop.');
    });

    test('an attribute that is no number is type-mismatch, and a name that is neither a value nor declared too', async () => {
        const { problems } = await load(`
egenskap kön : en av { k, m }
beslutstabell t {
    | pris    || nivå |
    | <= kön  || 1    |
    | > okänd || 0    |
}`);
        expect(problems.map(d => d.code)).toEqual(['type-mismatch', 'type-mismatch']);
        expect(problems[0].message).toContain('kön (en uppräkning (k, m))');
    });

    test('the reason says the value the answer used', async () => {
        const { runtime } = await load(färdtjänst('18–pensionsålder'));
        const reason = reasonFor(runtime!, { type: 'decision', table: 'färdtjänst', date: '2025-03-01', citizen: { ålder: 70 } }, 'sv');
        expect(reason.rule.join('\n')).toContain('ålder är över Pensionsålder (65\u00a0år)');
    });

    test('examples in the policy run against the bound on their own date', async () => {
        const { problems, compiled } = await load(`${färdtjänst('18–pensionsålder')}
exempel före { datum 2025-01-01  beslut enligt färdtjänst för { ålder = 66 }  förväntat 50 % }
exempel senare { datum 2026-01-01  beslut enligt färdtjänst för { ålder = 66 }  förväntat 100 % }`);
        expect(problems).toEqual([]);
        const results = runExamples(new PolicyRuntime([compiled]));
        expect(results.map(r => r.passed)).toEqual([true, true]);
    });
});

describe('a cell compared with another attribute of the case (`<= maxpris`)', () => {
    const köp = `
beslutstabell köp "Köp" {
    | pris       || beslut  |
    | <= maxpris || "Köp"   |
    | > maxpris  || "Vänta" |
}`;

    test('the runtime compares the two values of the case; a missing one is missing-attribute', async () => {
        const { runtime, compiled } = await load(köp);
        const table = compiled.elements.find((e: { kind: string }) => e.kind === 'decisionTable');
        expect(table.rows[0].when[0]).toEqual({ attribute: 'attribute/pris', against: { op: '<=', ref: 'attribute/maxpris' } });
        const beslut = (pris: number, maxpris: number) => runtime!.decide('köp', { date: '2025-01-01', citizen: { pris, maxpris } }).outputs.beslut;
        expect([beslut(100, 100), beslut(101, 100), beslut(0, 0), beslut(10000, 9999)]).toEqual(['Köp', 'Vänta', 'Köp', 'Vänta']);
        expect(errorCode(() => runtime!.decide('köp', { date: '2025-01-01', citizen: { pris: 5 } }))).toBe('missing-attribute');
    });

    test('the checker says it cannot decide the coverage, naming the cell, and reports no gap', async () => {
        const { problems } = await load(köp.replace('| > maxpris  |', '| > 5000     |'));
        expect(problems.map(d => d.code)).toEqual(['decision-bound-undecided']);
        expect(problems[0].message).toContain("rad 1 jämför i cellen '<= maxpris' med egenskapen maxpris");
    });

    // A small whole-number attribute compared with: the table is analysed once per its value, exactly.
    const gräns = `
egenskap gräns "Gräns" : heltal 60–70 år
beslutstabell resa "Andel" {
    | ålder     || andel |
    | < gräns   || 50 %  |
    | > gräns   || 100 % |
}`;

    test('with a small whole-number attribute compared with, the gap on the diagonal is found with a citizen the runtime refuses', async () => {
        const { problems, checked } = await load(gräns);
        expect(problems.map(d => d.code)).toEqual(['decision-gap']);
        expect(problems[0].message).toContain('ålder = 60 år, gräns = 60 år');
        // The witness is the runtime's: no row answers it, and the ages around it are answered.
        const runtime = new PolicyRuntime([JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')))]);
        expect(errorCode(() => runtime.decide('resa', { date: '2025-01-01', citizen: { ålder: 60, gräns: 60 } }))).toBe('no-matching-row');
        expect(runtime.decide('resa', { date: '2025-01-01', citizen: { ålder: 59, gräns: 60 } }).outputs.andel).toBe('0.5');
        expect(runtime.decide('resa', { date: '2025-01-01', citizen: { ålder: 61, gräns: 60 } }).outputs.andel).toBe('1');
    });

    test('a covering table with a small attribute compared with has no finding, and a row shadowed for every value is reported', async () => {
        const covered = await load(gräns.replace('| > gräns   |', '| >= gräns  |'));
        expect(covered.problems.map(d => d.code)).toEqual([]);
        // Row 3 matches only ages over 70: with `träff första` row 2 (>= gräns, at most 70) never takes them all, so row 3 decides some.
        const first = await load(`
egenskap gräns "Gräns" : heltal 60–70 år
beslutstabell resa "Andel" {
    träff första
    | ålder     || andel |
    | < gräns   || 50 %  |
    | >= gräns  || 100 % |
    | >= 65     || 75 %  |
}`);
        expect(first.problems.map(d => d.code)).toEqual(['decision-row-shadowed']);
        expect(first.problems[0].message).toContain('Rad 3 i beslutstabellen resa');
        // Shadowed for some values of gräns only (gräns = 66: ålder 65 takes row 1): no finding, row 3 decides there.
        const some = await load(`
egenskap gräns "Gräns" : heltal 60–70 år
beslutstabell resa "Andel" {
    träff första
    | ålder     || andel |
    | >= gräns  || 100 % |
    | >= 65     || 75 %  |
    | -         || 50 %  |
}`);
        expect(some.problems.map(d => d.code)).toEqual([]);
    });

    test('the reason names the other value as the citizen gives it', async () => {
        const { runtime } = await load(köp);
        const reason = reasonFor(runtime!, { type: 'decision', table: 'köp', date: '2025-03-01', citizen: { pris: 120, maxpris: 100 } }, 'sv');
        expect(reason.rule.join('\n')).toContain('pris är över Högsta pris (100\u00a0kr)');
    });
});

describe('the load check', () => {
    test('refuses a parameter bound outside a decision table, where nothing reads its value on a date', async () => {
        const { compiled } = await load(`
förloppsmodell m "M" {
    förlopp a "A" { när ålder >= 65 }
    förlopp b "B" { när ålder < 65 }
}`);
        const model = compiled.elements.find((e: { kind: string }) => e.kind === 'pathwayModel');
        model.pathways[0].criterion = { attribute: 'attribute/ålder', against: { op: '>=', ref: 'parameter/pensionsålder' } };
        expect(errorCode(() => new PolicyRuntime([compiled]))).toBe('invalid-file');
    });
});

describe('the editor reaches the named value of a cell', () => {
    const text = `${vocabulary}${färdtjänst('18–pensionsålder')}\n`;
    async function open(source: string) {
        const lsp = createRegelrattLspServices(EmptyFileSystem);
        const uri = URI.parse('file:///bounds/editor.regel');
        const document = lsp.shared.workspace.LangiumDocumentFactory.fromString<ast.Policy>(source, uri);
        lsp.shared.workspace.LangiumDocuments.addDocument(document);
        await lsp.shared.workspace.DocumentBuilder.build([document], { validation: false });
        return { lsp, uri, document };
    }
    // The position of the name in the row `| > pensionsålder |`.
    const lines = text.split('\n');
    const line = lines.findIndex(l => l.includes('> pensionsålder'));
    const character = lines[line].indexOf('pensionsålder') + 2;
    const declaration = lines.findIndex(l => l.startsWith('parameter pensionsålder'));

    test('go to definition lands on the parameter', async () => {
        const { lsp, uri, document } = await open(text);
        const links = await lsp.Regelratt.lsp.DefinitionProvider!.getDefinition(document, { textDocument: { uri: uri.toString() }, position: { line, character } });
        expect(links?.map(link => link.targetSelectionRange.start.line)).toEqual([declaration]);
    });

    test('hover shows the parameter', async () => {
        const { lsp, uri, document } = await open(text);
        const hover = await lsp.Regelratt.lsp.HoverProvider!.getHoverContent(document, { textDocument: { uri: uri.toString() }, position: { line, character } });
        expect(JSON.stringify(hover?.contents)).toContain('Pensionsålder');
    });

    test('rename changes the parameter and every cell that names it', async () => {
        const { lsp, uri, document } = await open(text);
        const edit = await lsp.Regelratt.lsp.RenameProvider!.rename(document, { textDocument: { uri: uri.toString() }, position: { line, character }, newName: 'pensionsgräns' });
        const renamed = TextDocument.applyEdits(TextDocument.create(uri.toString(), 'regelratt', 1, text), edit?.changes?.[uri.toString()] ?? []);
        expect(renamed).toContain('parameter pensionsgräns');
        expect(renamed).toContain('| 18–pensionsgräns |');
        expect(renamed).toContain('| > pensionsgräns  |');
        expect(renamed).not.toContain('pensionsålder ');
    });

    test('completion in a cell of a number column offers the parameters and attributes', async () => {
        const source = text.replace('| > pensionsålder  |', '| > pens');
        const { lsp, uri, document } = await open(source);
        const at = source.split('\n').findIndex(l => l.includes('| > pens'));
        const list = await lsp.Regelratt.lsp.CompletionProvider!.getCompletion(document, { textDocument: { uri: uri.toString() }, position: { line: at, character: source.split('\n')[at].indexOf('| > pens') + '| > pens'.length } });
        expect(list?.items.map(item => item.label)).toContain('pensionsålder');
    });

    test('the formatter keeps the names', async () => {
        const messy = `${vocabulary}beslutstabell t {\n|ålder||nivå|\n|<pensionsålder||1|\n|18–pensionsålder   ||2|\n}\n`;
        const { lsp, uri, document } = await open(messy);
        const edits = await lsp.Regelratt.lsp.Formatter!.formatDocument(document, { textDocument: { uri: uri.toString() }, options: { tabSize: 4, insertSpaces: true } });
        const formatted = TextDocument.applyEdits(TextDocument.create(uri.toString(), 'regelratt', 1, messy), edits);
        expect(formatted).toContain('< pensionsålder');
        expect(formatted).toContain('18–pensionsålder');
        // The same table, read the same way: only the gaps and overlaps of the (deliberately partial) table.
        const [checked] = await checkPolicies(Regelratt, [{ path: '/bounds/formatted.regel', text: formatted }]);
        expect(checked.diagnostics.filter(d => d.severity === 'error').map(d => d.code).sort()).toEqual(['decision-gap', 'decision-gap', 'decision-overlap', 'decision-overlap']);
    });
});

describe('the DMN export', () => {
    const inForce = (validity: string) => `
beslutstabell taxa "Taxa" {
    ${validity}
    | ålder            || andel |
    | < 18             || 50 %  |
    | 18–pensionsålder || 100 % |
    | > pensionsålder  || 50 %  |
}`;

    test('writes a parameter as the literal of the one version in force while the table is, and the independent evaluator agrees', async () => {
        const { compiled, problems } = await load(inForce('giltig från 2024-01-01 till 2025-12-31'));
        expect(problems).toEqual([]);
        const exported = exportDmn(compiled, dmnAttributes([compiled]))!;
        expect(exported.notes.map(note => note.sv)).toEqual([expect.stringContaining('gäller 2024-01-01–2025-12-31')]);
        const read = await readDmn(exported.xml);
        expect(read.decisions.find(d => d.variable === 'taxa')!.rules.map(r => r.inputEntries)).toEqual([['< 18'], ['[18..65]'], ['> 65']]);
        const agreed = await compareWithRuntime([compiled], 20_261_205, 400);
        expect(agreed.decisions).toBe(1);
        expect(agreed.random).toBe(400);
    });

    test('a range whose named bound falls below its constant matches nobody in DMN too (engines read a descending interval as ascending)', async () => {
        const { compiled } = await load(`
beslutstabell sen "Sen" {
    träff första
    | ålder            || andel |
    | 70–pensionsålder || 100 % |
    | -                || 50 %  |
}`);
        const exported = exportDmn(compiled, dmnPolicy([compiled], '2025-06-01'))!;
        const read = await readDmn(exported.xml);
        expect(read.decisions.find(d => d.variable === 'sen')!.rules[0].inputEntries).toEqual(['(? >= 70 and ? <= 65)']);
        const agreed = await compareWithRuntime([compiled], 20_261_205, 200, '2025-06-01');
        expect(agreed.random).toBe(200);
    });

    test('with a day (--date), a parameter that changes is written as its value that day, and the independent evaluator agrees on that day', async () => {
        const { compiled, problems } = await load(`${inForce('')}
beslutstabell gränsålder "Gränsålder" {
    | ålder || gräns_ut        |
    | -     || = pensionsålder |
}`);
        expect(problems).toEqual([]);
        // Without a day the export would have to choose one of the versions: it says which parameters and versions, for the command to refuse.
        const undated = exportDmn(compiled, dmnPolicy([compiled]))!;
        expect(undated.needsDate.map(n => [n.table, n.parameter, n.versions.map(v => v.value.value)])).toEqual([['taxa', 'pensionsålder', ['65', '66']], ['gränsålder', 'pensionsålder', ['65', '66']]]);
        for (const [date, age] of [['2025-06-01', '65'], ['2026-06-01', '66']]) {
            const exported = exportDmn(compiled, dmnPolicy([compiled], date))!;
            expect(exported.needsDate).toEqual([]);
            const read = await readDmn(exported.xml);
            expect(read.decisions.find(d => d.variable === 'taxa')!.rules.map(r => r.inputEntries)).toEqual([['< 18'], [`[18..${age}]`], [`> ${age}`]]);
            const agreed = await compareWithRuntime([compiled], 20_261_205, 200, date);
            expect(agreed.decisions).toBe(2);
            expect(agreed.random).toBe(400);
        }
    });

    test('names a table whose parameter changes while it is in force as not exported; one comparing with another attribute names that input', async () => {
        const { compiled } = await load(`${inForce('')}
beslutstabell köp "Köp" {
    | pris       || beslut  |
    | <= maxpris || "Köp"   |
    | > maxpris  || "Vänta" |
}`);
        const exported = exportDmn(compiled, dmnAttributes([compiled]))!;
        expect(exported.decisions).toBe(1);
        expect(exported.notes.map(note => note.sv)).toEqual([
            'Beslutstabellen taxa exporteras inte: rad 2 jämför med parametern pensionsålder, som har mer än ett värde under tabellens giltighet, och DMN har inga datum.',
        ]);
        // DMN's input entry naming another input, and the decision requires that input (an edge in the diagram).
        const read = await readDmn(exported.xml);
        const köp = read.decisions.find(d => d.variable === 'köp')!;
        expect(köp.rules.map(r => r.inputEntries)).toEqual([['<= maxpris'], ['> maxpris']]);
        expect(köp.requiredInputs.map(id => read.inputData.find(data => `#${data.id}` === id)?.name).sort()).toEqual(['maxpris', 'pris']);
    });
});
