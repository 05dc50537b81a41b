import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import type { CompiledPolicyFile, DecisionTable } from '@regelratt/format';
import { createRegelrattServices, grammarKeywords } from '@regelratt/language';
import { PolicyRuntime } from '../packages/runtime/src/index.js';
import { exportDmn } from '../packages/cli/src/dmn/export-dmn.js';
import { importDmn } from '../packages/cli/src/dmn/import-dmn.js';
import { dmnPolicy } from '../packages/cli/src/dmn/write-dmn.js';
import { compareWithRuntime } from './dmn/dmn-harness.js';
import { compiledPolicy } from './dmn/compiled-policy.js';
import { readDmn } from './dmn/dmn-evaluator.js';

/**
 * Date outputs in DMN (format 1.13): exported as FEEL's `date("…")` with typeRef `date`, evaluated by
 * feelin as the runtime answers (the first match, the earliest and latest under COLLECT MIN and MAX,
 * output order by the output values), and imported back as the same dates.
 */
const tables = `
egenskap ålder : heltal 0–120 år
egenskap kognitiv_svikt : ja/nej
beslutstabell omprövning {
    träff första
    | ålder | kognitiv_svikt || omprövas   |
    | >= 80 | ja             || 2025-03-01 |
    | >= 65 | -              || 2025-07-01 |
    annars                   || 2026-01-01 |
}
beslutstabell första_omprövning {
    träff samla min
    | ålder | kognitiv_svikt || omprövas   |
    | >= 80 | -              || 2025-03-01 |
    | -     | ja             || 2025-07-01 |
    | -     | -              || 2026-01-01 |
}
beslutstabell sista_omprövning {
    träff samla max
    | ålder | kognitiv_svikt || omprövas   |
    | >= 80 | -              || 2025-03-01 |
    | -     | ja             || 2025-07-01 |
    | < 18  | -              || 2026-01-01 |
    annars                   || 2024-12-31 |
}
beslutstabell ordning {
    träff utfallsordning
    | ålder | kognitiv_svikt || omprövas (2025-03-01, 2025-07-01, 2026-01-01) |
    | -     | -              || 2026-01-01 |
    | >= 80 | -              || 2025-03-01 |
    | -     | ja             || 2025-07-01 |
}
`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);
const keywords = new Set(grammarKeywords(Regelratt.Grammar));
const compiled = compiledPolicy;

/** Every citizen the tables tell apart: ages either side of each bound, with and without kognitiv svikt. */
const citizens = [10, 17, 18, 40, 64, 65, 79, 80, 95].flatMap(ålder => [true, false].map(kognitiv_svikt => ({ ålder, kognitiv_svikt })));

describe('date outputs in DMN', () => {
    test('exported as date("…") with typeRef date, and feelin answers as the runtime for every hit policy', async () => {
        const { files, errors } = await compiled(tables, 'datum.regel');
        expect(errors).toEqual([]);
        const exported = exportDmn(files[0], dmnPolicy(files))!;
        expect(exported.notes).toEqual([]);
        const read = await readDmn(exported.xml);
        const table = (name: string) => read.decisions.find(d => d.variable === name)!;
        expect(table('omprövning').rules.map(r => r.outputEntries)).toEqual([['date("2025-03-01")'], ['date("2025-07-01")']]);
        expect(table('omprövning').outputs).toEqual([{ name: 'omprövas', typeRef: 'date', default: 'date("2026-01-01")' }]);
        expect(table('första_omprövning')).toMatchObject({ hitPolicy: 'COLLECT', aggregation: 'MIN' });
        expect(table('ordning').outputs[0]).toMatchObject({ typeRef: 'date', values: ['date("2025-03-01")', 'date("2025-07-01")', 'date("2026-01-01")'] });
        const agreed = await compareWithRuntime(files, 20_261_205, 40);
        console.log(`DMN export of date outputs: ${agreed.decisions} decisions, ${agreed.regions} region citizens and ${agreed.random} random citizens agreed`);
        expect(agreed.decisions).toBe(4);
        expect([...agreed.hitPolicies].sort()).toEqual(['COLLECT MAX', 'COLLECT MIN', 'FIRST', 'OUTPUT ORDER']);
        expect(agreed.regions).toBeGreaterThan(8);
    });

    test('regel → DMN → regel gives the same dates for every citizen the tables tell apart', async () => {
        const original = await compiled(tables, 'datum.regel');
        const imported = await importDmn(exportDmn(original.files[0], dmnPolicy(original.files))!.xml, keywords);
        expect(imported.notes).toEqual([]);
        expect(imported.text).toContain('2025-03-01');
        expect(imported.text).not.toContain('date(');
        const again = await compiled(imported.text, 'importerad.regel');
        expect(again.errors, imported.text).toEqual([]);
        const before = new PolicyRuntime(original.files);
        const after = new PolicyRuntime(again.files);
        const names = (files: CompiledPolicyFile[]) => files[0].elements.filter((e): e is DecisionTable => e.kind === 'decisionTable').map(t => t.name).sort();
        expect(names(again.files)).toEqual(names(original.files));
        let agreed = 0;
        for (const name of names(original.files)) {
            for (const citizen of citizens) {
                const answer = (runtime: PolicyRuntime) => {
                    const decision = runtime.decide(name, { date: '2025-01-01', citizen });
                    return decision.list ? decision.list.map(outputs => Object.values(outputs)) : Object.values(decision.outputs);
                };
                expect(answer(after), `${name} ${JSON.stringify(citizen)}`).toEqual(answer(before));
                agreed++;
            }
        }
        console.log(`DMN round trip of date outputs: ${names(original.files).length} tables, ${agreed} citizens agreed`);
        expect(agreed).toBe(4 * citizens.length);
    });

    test('a DMN date that is no calendar day is named, not imported', async () => {
        const { files } = await compiled(tables, 'datum.regel');
        const xml = exportDmn(files[0], dmnPolicy(files))!.xml.replace('date(&quot;2025-07-01&quot;)', 'date(&quot;2025-02-30&quot;)').replace('date("2025-07-01")', 'date("2025-02-30")');
        expect(xml).toContain('2025-02-30');
        const imported = await importDmn(xml, keywords);
        expect(imported.notes.map(note => note.sv)).toContainEqual(expect.stringContaining('date("2025-02-30")'));
    });
});

/** A date input with both bounds (`>= X och <= Y`): the export writes it as a boolean test of `?`, the import reads it back. */
const dateInputs = `
egenskap ansökningsdag : datum
beslutstabell beslutsomgång {
    träff första
    | ansökningsdag                        || omgång |
    | >= 2025-01-01 och <= 2025-06-30      || 1      |
    | > 2025-06-30 och < 2026-01-01        || 2      |
    annars                                 || 3      |
}
`;

describe('date inputs with two bounds in DMN', () => {
    test('regel → DMN → regel reads `>= X och <= Y` over dates back and gives the same answers on every day either side of the bounds', async () => {
        const original = await compiled(dateInputs, 'omgång.regel');
        expect(original.errors).toEqual([]);
        const exported = exportDmn(original.files[0], dmnPolicy(original.files))!;
        expect(exported.xml).toContain('date(&quot;2025-06-30&quot;)');
        const agreed = await compareWithRuntime(original.files, 20_261_205, 40);
        expect(agreed.regions).toBeGreaterThanOrEqual(3);
        const imported = await importDmn(exported.xml, keywords);
        expect(imported.notes).toEqual([]);
        const again = await compiled(imported.text, 'importerad.regel');
        expect(again.errors, imported.text).toEqual([]);
        const before = new PolicyRuntime(original.files);
        const after = new PolicyRuntime(again.files);
        const days = ['2024-12-31', '2025-01-01', '2025-03-15', '2025-06-30', '2025-07-01', '2025-12-31', '2026-01-01'];
        for (const ansökningsdag of days) {
            const answer = (runtime: PolicyRuntime) => runtime.decide('beslutsomgång', { date: '2025-01-01', citizen: { ansökningsdag } }).outputs;
            expect(answer(after), ansökningsdag).toEqual(answer(before));
        }
        expect(days.map(ansökningsdag => before.decide('beslutsomgång', { date: '2025-01-01', citizen: { ansökningsdag } }).outputs.omgång)).toEqual(['3', '1', '1', '1', '2', '2', '3']);
    });

    test('a FEEL interval of two dates another tool writes is read as the same two bounds; a descending one or a day that does not exist is named', async () => {
        const { files } = await compiled(dateInputs, 'omgång.regel');
        const xml = exportDmn(files[0], dmnPolicy(files))!.xml;
        const written = '(? &gt;= date(&quot;2025-01-01&quot;) and ? &lt;= date(&quot;2025-06-30&quot;))';
        expect(xml).toContain(written);
        const withCell = (cell: string) => importDmn(xml.replace(written, cell), keywords);
        const interval = await withCell('[date(&quot;2025-01-01&quot;)..date(&quot;2025-06-30&quot;))');
        expect(interval.notes).toEqual([]);
        expect(interval.text).toMatch(/>= 2025-01-01 och < 2025-06-30/);
        for (const refused of ['[date(&quot;2025-06-30&quot;)..date(&quot;2025-01-01&quot;)]', '[date(&quot;2025-01-01&quot;)..date(&quot;2025-02-30&quot;)]']) {
            const imported = await withCell(refused);
            expect(imported.notes.map(note => note.sv), refused).toContainEqual(expect.stringContaining('FEEL-test som Regelrätt inte kan skriva'));
        }
    });
});

/** `träff prioritet` over dates: the value list ranks them, earliest review first; rows overlap on purpose. */
const priorityDates = `
egenskap ålder : heltal 0–120 år
egenskap kognitiv_svikt : ja/nej
beslutstabell prioriterad_omprövning {
    träff prioritet
    | ålder | kognitiv_svikt || omprövas (2025-03-01, 2025-07-01, 2026-01-01) |
    | -     | -              || 2026-01-01 |
    | >= 65 | -              || 2025-07-01 |
    | >= 80 | ja             || 2025-03-01 |
}
`;

describe('träff prioritet over dates in DMN', () => {
    test('exported as PRIORITY with the dates as output values, and the DMN evaluation answers as the runtime', async () => {
        const { files, errors } = await compiled(priorityDates, 'prioritet.regel');
        expect(errors).toEqual([]);
        const exported = exportDmn(files[0], dmnPolicy(files))!;
        expect(exported.notes).toEqual([]);
        const read = await readDmn(exported.xml);
        expect(read.decisions[0]).toMatchObject({ hitPolicy: 'PRIORITY' });
        expect(read.decisions[0].outputs[0]).toMatchObject({ typeRef: 'date', values: ['date("2025-03-01")', 'date("2025-07-01")', 'date("2026-01-01")'] });
        const runtime = new PolicyRuntime(files);
        const answer = (ålder: number, kognitiv_svikt: boolean) => runtime.decide('prioriterad_omprövning', { date: '2025-01-01', citizen: { ålder, kognitiv_svikt } }).outputs.omprövas;
        // The highest priority of the rows that apply, not the first row: every row below the first outranks it.
        expect([answer(40, true), answer(70, false), answer(85, false), answer(85, true)]).toEqual(['2026-01-01', '2025-07-01', '2025-07-01', '2025-03-01']);
        const agreed = await compareWithRuntime(files, 20_261_205, 40);
        console.log(`DMN export of träff prioritet over dates: ${agreed.regions} region citizens and ${agreed.random} random citizens agreed`);
        expect([...agreed.hitPolicies]).toEqual(['PRIORITY']);
        expect(agreed.regions).toBeGreaterThanOrEqual(3);
    });

    test('regel → DMN → regel keeps the priorities', async () => {
        const original = await compiled(priorityDates, 'prioritet.regel');
        const imported = await importDmn(exportDmn(original.files[0], dmnPolicy(original.files))!.xml, keywords);
        expect(imported.notes).toEqual([]);
        const again = await compiled(imported.text, 'importerad.regel');
        expect(again.errors, imported.text).toEqual([]);
        const before = new PolicyRuntime(original.files);
        const after = new PolicyRuntime(again.files);
        for (const citizen of citizens) {
            const answer = (runtime: PolicyRuntime) => runtime.decide('prioriterad_omprövning', { date: '2025-01-01', citizen }).outputs;
            expect(answer(after), JSON.stringify(citizen)).toEqual(answer(before));
        }
    });
});
