import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem, URI } from 'langium';
import { describe, expect, test } from 'vitest';
import { checkPolicies, compilePolicy, createRegelrattServices, decisionExpectationSource, diffPolicies, exampleDifferences } from '@regelratt/language';
import { buildDocument, exampleQuestion, reasonFor } from '@regelratt/document';
import { checkCompiledFile, PolicyRuntime, runExamples } from '@regelratt/runtime';
import { errorCode } from '../packages/runtime/test/error-code.js';
import { bin, serveInProcess } from './serve-process.js';

/**
 * Date outputs (DMN's date output, format 1.13): a table that answers a day (`2025-07-01`), through
 * the grammar, the checker, the compiled format, the runtime (every hit policy that picks or
 * aggregates one), and inline examples.
 */
const policy = (extra = '', hitPolicy = 'träff första') => `
egenskap ålder : heltal 0–120 år
egenskap kognitiv_svikt : ja/nej
beslutstabell omprövning "Omprövning av beslutet" {
    ${hitPolicy}
    | ålder | kognitiv_svikt || omprövas   |
    | >= 80 | ja             || 2025-03-01 |
    | >= 65 | -              || 2025-07-01 |
    annars                   || 2026-01-01 |
}
${extra}`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function load(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/datum/a.regel', text }]);
    const compiled = JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')));
    // Made when asked: a file the checker refuses may be one the runtime's load check refuses too.
    return { checked, compiled, get runtime() { return new PolicyRuntime([compiled]); } };
}

const problems = (checked: Awaited<ReturnType<typeof load>>['checked']) => checked.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning');
const ask = (ålder: number, kognitiv_svikt: boolean) => ({ date: '2025-01-01', citizen: { ålder, kognitiv_svikt } });

describe('date outputs', () => {
    test('a date in a row and in annars checks clean, compiles as { date }, passes the schema, and the runtime answers it', async () => {
        const { checked, compiled, runtime } = await load(policy());
        expect(problems(checked)).toEqual([]);
        const table = compiled.elements.find((e: { kind: string }) => e.kind === 'decisionTable');
        expect(table.rows.map((row: { then: unknown[] }) => row.then)).toEqual([[{ date: '2025-03-01' }], [{ date: '2025-07-01' }]]);
        expect(table.defaultOutputs).toEqual([{ date: '2026-01-01' }]);
        expect(compiled.schemaVersion).toBe('1.13.0');
        expect(() => checkCompiledFile(compiled)).not.toThrow();
        expect(runtime.decide('omprövning', ask(85, true)).outputs).toEqual({ omprövas: '2025-03-01' });
        expect(runtime.decide('omprövning', ask(70, false)).outputs).toEqual({ omprövas: '2025-07-01' });
        expect(runtime.decide('omprövning', ask(40, false))).toMatchObject({ default: true, outputs: { omprövas: '2026-01-01' } });
    });

    test('a date that is no calendar day is refused where it is written', async () => {
        const { checked } = await load(policy().replace('2025-07-01', '2025-02-30'));
        const invalid = problems(checked).filter(d => d.code === 'invalid-date');
        expect(invalid.map(d => d.message)).toEqual(['2025-02-30 är inget giltigt datum.']);
        // The cell itself: the second row's line, the date's columns (1-based).
        const lines = policy().split('\n');
        const row = lines.findIndex(line => line.includes('2025-07-01'));
        const column = lines[row].indexOf('2025-07-01') + 1;
        expect(invalid[0]).toMatchObject({ line: row + 1, column, endLine: row + 1, endColumn: column + 10 });
    });

    test('examples expect a date; a failing one says both days', async () => {
        const examples = `exempel tidig { datum 2025-01-01 beslut enligt omprövning för { ålder = 85, kognitiv_svikt = ja } förväntat 2025-03-01 }
exempel sent { datum 2025-01-01 beslut enligt omprövning för { ålder = 40, kognitiv_svikt = nej } förväntat 2026-01-01 }
exempel fel { datum 2025-01-01 beslut enligt omprövning för { ålder = 70, kognitiv_svikt = nej } förväntat 2025-03-01 }`;
        const { checked, runtime } = await load(policy(examples));
        // The checker runs the examples too (example-failed), in the same words as regelratt test.
        expect(problems(checked).map(d => d.message)).toEqual(['Exemplet fel ger inte det väntade: datum: väntat 2025-03-01, fick 2025-07-01.']);
        const results = new Map(runExamples(runtime).map(result => [result.example.name, result]));
        expect([...results].map(([name, result]) => [name, result.passed])).toEqual([['tidig', true], ['sent', true], ['fel', false]]);
        const failed = results.get('fel')!;
        expect(exampleDifferences(failed.expected, failed.actual, 'sv', failed.example.unit)).toBe('datum: väntat 2025-03-01, fick 2025-07-01');
        expect(exampleDifferences(failed.expected, failed.actual, 'en', failed.example.unit)).toBe('date: expected 2025-03-01, got 2025-07-01');
    });

    test('a date expected of another column, or another kind expected of a date column, says what came', async () => {
        const text = `${policy().replace('| omprövas   |', '| omprövas   | beslut     |').replace(/\|\| (\d{4}-\d{2}-\d{2}) \|/g, '|| $1 | "Beviljas" |')}
exempel datum_av_text { datum 2025-01-01 beslut enligt omprövning.beslut för { ålder = 85, kognitiv_svikt = ja } förväntat 2025-03-01 }
exempel text_av_datum { datum 2025-01-01 beslut enligt omprövning.omprövas för { ålder = 85, kognitiv_svikt = ja } förväntat "Beviljas" }`;
        const { checked, runtime } = await load(text);
        // The checker refuses both where they are written (expected-value-does-not-fit); run anyway, each says what came.
        expect(problems(checked).map(d => d.message)).toEqual([
            'Exemplet kan inte få 2025-03-01: kolumnen beslut i beslutstabellen omprövning ger texter, inte datum.',
            'Exemplet kan inte få "Beviljas": kolumnen omprövas i beslutstabellen omprövning ger datum, inte texter.',
        ]);
        const said = runExamples(runtime).map(result => [result.example.name, result.passed, exampleDifferences(result.expected, result.actual, 'sv', result.example.unit)]);
        expect(said).toEqual([
            ['datum_av_text', false, 'datum: väntat 2025-03-01, fick text "Beviljas"'],
            ['text_av_datum', false, 'text: väntat "Beviljas", fick datum 2025-03-01'],
        ]);
    });

    test('an example written from an answer (test --coverage, the studio\'s "Nytt exempel") expects the date as written', async () => {
        const { runtime } = await load(policy());
        expect(decisionExpectationSource(runtime, runtime.decide('omprövning', ask(70, false)), 'omprövas')).toBe('2025-07-01');
        const listed = await load(policy('', 'träff regelordning').replace('    annars                   || 2026-01-01 |\n', ''));
        expect(decisionExpectationSource(listed.runtime, listed.runtime.decide('omprövning', ask(85, true)), 'omprövas')).toBe('[ 2025-03-01, 2025-07-01 ]');
        // Written so, the list is an example that passes.
        const example = await load(policy('exempel lista { datum 2025-01-01 beslut enligt omprövning för { ålder = 85, kognitiv_svikt = ja } förväntat [ 2025-03-01, 2025-07-01 ] }', 'träff regelordning')
            .replace('    annars                   || 2026-01-01 |\n', ''));
        expect(problems(example.checked)).toEqual([]);
        expect(runExamples(example.runtime).map(result => [result.example.name, result.passed])).toEqual([['lista', true]]);
    });

    test('an expected date that is no calendar day is refused', async () => {
        const { checked } = await load(policy('exempel e { datum 2025-01-01 beslut enligt omprövning för { ålder = 85, kognitiv_svikt = ja } förväntat 2025-02-30 }'));
        expect(problems(checked).map(d => d.message)).toEqual(['2025-02-30 är inget giltigt datum.']);
    });

    test('priority and output order rank dates by the column\'s value list', async () => {
        const ranked = (hitPolicy: string) => policy('', hitPolicy).replace('| omprövas   |', '| omprövas (2025-03-01, 2025-07-01, 2026-01-01) |');
        const priority = await load(ranked('träff prioritet'));
        expect(problems(priority.checked)).toEqual([]);
        expect(priority.runtime.decide('omprövning', ask(85, true)).outputs).toEqual({ omprövas: '2025-03-01' });
        const ordered = await load(ranked('träff utfallsordning').replace('    annars                   || 2026-01-01 |\n', '    | -     | -              || 2026-01-01 |\n'));
        expect(problems(ordered.checked)).toEqual([]);
        expect(ordered.runtime.decisionValues(ordered.runtime.decide('omprövning', ask(85, true)), 'omprövas')).toEqual(['2025-03-01', '2025-07-01', '2026-01-01']);
        // A date the list does not name gives no priority.
        const unlisted = await load(ranked('träff prioritet').replace('2025-03-01, 2025-07-01, 2026-01-01', '2025-07-01, 2026-01-01'));
        expect(problems(unlisted.checked).map(d => d.code)).toContain('output-value-unlisted');
    });

    test('collect takes the earliest or latest date (DMN\'s min and max take dates), counts them, and refuses to add them up', async () => {
        const collecting = (aggregation: string) => policy('', `träff samla ${aggregation}`).replace('    annars                   || 2026-01-01 |\n', '    | -     | -              || 2026-01-01 |\n');
        const min = await load(collecting('min'));
        expect(problems(min.checked)).toEqual([]);
        expect(min.runtime.decide('omprövning', ask(85, true)).outputs).toEqual({ omprövas: '2025-03-01' });
        const max = await load(collecting('max'));
        expect(max.runtime.decide('omprövning', ask(85, true)).outputs).toEqual({ omprövas: '2026-01-01' });
        const count = await load(collecting('antal'));
        expect(problems(count.checked)).toEqual([]);
        expect(count.runtime.decide('omprövning', ask(85, true)).outputs).toEqual({ omprövas: '3' });
        const sum = await load(collecting('summa'));
        const refused = problems(sum.checked).filter(d => d.code === 'dates-not-summable');
        expect(refused.map(d => d.message)).toEqual([
            "Kolumnen omprövas i omprövning ger datum, som inte kan läggas ihop: 'träff samla summa' summerar tal. Ta det tidigaste datumet med 'träff samla min' eller det senaste med 'träff samla max'.",
        ]);
        // The compiled file of such a table (written by hand or by an older checker) is refused by the runtime, typed.
        expect(errorCode(() => sum.runtime.decide('omprövning', ask(85, true)))).toBe('not-computable');
        const summable = await load(collecting('max'));
        expect(problems(summable.checked).filter(d => d.code === 'dates-not-summable')).toEqual([]);
    });

    test('a column that mixes dates with an amount or a text is refused at the odd cell, the other row beside it', async () => {
        const mixed = await load(policy().replace('|| 2025-07-01 |', '|| 100 kr     |'));
        const found = problems(mixed.checked).filter(d => d.code === 'date-column-mixed');
        expect(found.map(d => d.message)).toEqual([
            'Kolumnen omprövas i omprövning ger datum (rad 1) men ett belopp eller tal på rad 2: en kolumn med datum ger ett datum i varje rad (eller ej angivet).',
        ]);
        const lines = policy().split('\n');
        const row = lines.findIndex(line => line.includes('2025-07-01'));
        const column = lines[row].indexOf('2025-07-01') + 1;
        expect(found[0]).toMatchObject({ line: row + 1, column, endLine: row + 1, endColumn: column + '100 kr'.length });
        expect(found[0].related?.map(place => [place.message, place.line])).toEqual([['rad 1', row]]);
        const texts = await load(policy().replace('|| 2025-03-01 |', '|| "snart"    |'));
        expect(problems(texts.checked).filter(d => d.code === 'date-column-mixed').map(d => d.message)).toEqual([
            'Kolumnen omprövas i omprövning ger datum (rad 2) men en text på rad 1: en kolumn med datum ger ett datum i varje rad (eller ej angivet).',
        ]);
        // A value left open fits a column of dates.
        const open = await load(policy().replace('|| 2025-07-01 |', '|| ej angivet |'));
        expect(problems(open.checked)).toEqual([]);
    });

    test('a date cannot be calculated with: the checker and the runtime refuse it as a number', async () => {
        const calculated = await load(policy('beräkning x = omprövning.omprövas + 1 kr'));
        expect(problems(calculated.checked).filter(d => d.code === 'not-a-number').map(d => d.message)).toEqual([
            expect.stringContaining('datum'),
        ]);
        expect(errorCode(() => calculated.runtime.calculate('x', ask(85, true)))).toBe('not-computable');
    });

    test('eval and serve answer the date; the studio\'s examples table shows it expected and got', async () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'regelratt-dates-'));
        try {
            const examples = `exempel tidig { datum 2025-01-01 beslut enligt omprövning för { ålder = 85, kognitiv_svikt = ja } förväntat 2025-03-01 }
exempel fel { datum 2025-01-01 beslut enligt omprövning för { ålder = 70, kognitiv_svikt = nej } förväntat 2025-03-01 }`;
            writeFileSync(path.join(folder, 'omprovning.regel'), policy(examples));
            const input = path.join(folder, 'fall.json');
            writeFileSync(input, JSON.stringify({ citizen: { ålder: 70, kognitiv_svikt: false } }));
            const evaluated = spawnSync(process.execPath, [bin, 'eval', folder, '--input', input, '--date', '2025-01-01'], { encoding: 'utf8' });
            expect(evaluated.stderr).toBe('');
            expect(JSON.parse(evaluated.stdout).decisions).toEqual([expect.objectContaining({ table: 'decisionTable/omprövning', row: 2, outputs: { omprövas: '2025-07-01' } })]);
            const app = await serveInProcess(folder);
            const answer = (await app.inject({ method: 'POST', url: '/v1/evaluate', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ date: '2025-01-01', citizen: { ålder: 85, kognitiv_svikt: true } }) })).json();
            expect(answer.decisions[0].outputs).toEqual({ omprövas: '2025-03-01' });
            await app.close();
            const { createRegelrattLspServices, exampleTable } = await import('@regelratt/language/lsp');
            const lsp = createRegelrattLspServices(EmptyFileSystem);
            const uri = URI.file(path.join(folder, 'omprovning.regel'));
            const document = lsp.shared.workspace.LangiumDocumentFactory.fromString(policy(examples), uri);
            lsp.shared.workspace.LangiumDocuments.addDocument(document);
            await lsp.shared.workspace.DocumentBuilder.build([document], { validation: true });
            const table = await exampleTable(lsp.shared, lsp.Regelratt.i18n.Locale, lsp.Regelratt.imports.Imports);
            expect(table.rows.map(row => [row.name, row.expected, row.actual, row.passed])).toEqual([
                ['tidig', '2025-03-01', '2025-03-01', true],
                ['fel', '2025-03-01', '2025-07-01', false],
            ]);
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });

    test('gaps, overlaps and shadowed rows are found in a table of dates as in any other', async () => {
        const gap = await load(policy().replace('    annars                   || 2026-01-01 |\n', ''));
        expect(problems(gap.checked).map(d => d.code)).toEqual(['decision-gap']);
        const overlap = await load(policy('', 'träff unik'));
        expect(problems(overlap.checked).map(d => d.code)).toEqual(['decision-overlap']);
        const shadowed = await load(policy().replace('| >= 65 | -              |', '| >= 85 | ja             |'));
        expect(problems(shadowed.checked).map(d => d.code)).toEqual(['decision-row-shadowed']);
    });

    test('a date column is no amount: dates that fall as need rises are not reported', async () => {
        // Later dates for more need (the review sooner for less): were the dates amounts, amount-falls-as-need-rises would fire.
        const need = await load(policy().replace('{\n    träff första', '{\n    träff första\n    behov ålder'));
        expect(problems(need.checked)).toEqual([]);
    });

    test('the semantic diff says a date that changed, old and new, with a citizen', async () => {
        const before = await load(policy());
        const after = await load(policy().replace('|| 2025-07-01 |', '|| 2025-09-01 |'));
        const entry = diffPolicies([before.compiled], [after.compiled], 'sv').entries.find(e => e.element.kind === 'decisionTable');
        expect(entry?.change).toBe('answers');
        const regions = (entry as unknown as { regions: Array<{ before: string; after: string; witness: { example: Record<string, string> } }> }).regions;
        expect(regions.length).toBeGreaterThan(0);
        for (const region of regions) {
            expect([region.before, region.after]).toEqual(['omprövas 2025-07-01', 'omprövas 2025-09-01']);
            // The witness is a citizen the runtime answers so (kognitiv_svikt left out: either value).
            const witness = region.witness.example;
            const citizen = { ålder: Number(witness.ålder.replace(/\D+$/, '').trim()), kognitiv_svikt: witness.kognitiv_svikt === 'ja' };
            expect(after.runtime.decide('omprövning', { date: '2025-01-01', citizen }).outputs).toEqual({ omprövas: '2025-09-01' });
            expect(before.runtime.decide('omprövning', { date: '2025-01-01', citizen }).outputs).toEqual({ omprövas: '2025-07-01' });
        }
    });

    test('the semantic diff says the earliest date a collecting table gives, as the runtime does', async () => {
        const collecting = (third: string) => policy('', 'träff samla min').replace('    annars                   || 2026-01-01 |\n', `    | -     | -              || ${third} |\n`);
        const before = await load(collecting('2026-01-01'));
        const after = await load(collecting('2025-05-01'));
        const entry = diffPolicies([before.compiled], [after.compiled], 'sv').entries.find(e => e.element.kind === 'decisionTable');
        const regions = (entry as unknown as { regions: Array<{ before: string; after: string; witness: { example: Record<string, string> } }> }).regions;
        expect(regions.length).toBeGreaterThan(0);
        for (const region of regions) {
            const witness = region.witness.example;
            const citizen = { ålder: Number(String(witness.ålder ?? '0').replace(/\D+$/, '').trim()), kognitiv_svikt: witness.kognitiv_svikt === 'ja' };
            expect(region.before).toBe(`omprövas ${before.runtime.decide('omprövning', { date: '2025-01-01', citizen }).outputs.omprövas}`);
            expect(region.after).toBe(`omprövas ${after.runtime.decide('omprövning', { date: '2025-01-01', citizen }).outputs.omprövas}`);
        }
    });

    test('reasons and the document say the date as every date there, ISO, in both languages', async () => {
        const examples = 'exempel tidig { datum 2025-01-01 beslut enligt omprövning för { ålder = 85, kognitiv_svikt = ja } förväntat 2025-03-01 }';
        const { runtime, compiled } = await load(policy(examples));
        for (const locale of ['sv', 'en'] as const) {
            const reason = reasonFor(runtime, exampleQuestion(runtime.policy.get('tidig', 'example')), locale);
            expect(reason.decision).toContain('2025-03-01');
            const document = JSON.stringify(buildDocument({ files: [compiled], locale, draft: true }));
            // The table's cells and the example's expectation.
            for (const date of ['2025-03-01', '2025-07-01', '2026-01-01']) {
                expect(document).toContain(date);
            }
        }
        // The nearest change names the other dates the citizen would have had.
        const nearest = reasonFor(runtime, exampleQuestion(runtime.policy.get('tidig', 'example')), 'sv').nearestChange.map(line => line.replace(/\u00a0/g, ' '));
        expect(nearest).toEqual([
            'Om ålder hade varit minst 65 år och högst 79 år hade omprövning av beslutet blivit 2025-07-01.',
            'Om ålder hade varit högst 64 år hade omprövning av beslutet blivit 2026-01-01.',
        ]);
    });
});
