import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { buildDocument, exampleQuestion, reasonFor } from '@regelratt/document';
import { checkPolicies, compilePolicy, createRegelrattServices, diffPolicies } from '@regelratt/language';
import { checkCompiledPolicy, PolicyRuntime, runExamples } from '@regelratt/runtime';
import { errorCode } from '../packages/runtime/test/error-code.js';
import type { CompiledPolicyFile, DecisionTable } from '@regelratt/format';

/**
 * `träff prioritet` (DMN's Priority) with output value lists: a risk assessment where several rules
 * can hold at once and the most serious risk decides, through the checker, the compiler, the load
 * check, the runtime's answers and inline examples.
 */
const policy = (rows: string, header = 'risk ("hög", "medel", "låg") | timmar', extra = '') => `
egenskap ålder : heltal 0–120 år
egenskap fallrisk : ja/nej
beslutstabell riskbedömning "Risk vid ensamboende" {
    träff prioritet
    | ålder | fallrisk || ${header} |
${rows}
}
${extra}`;

const rows = `    | >= 80 | -  || "medel" | 4 |
    | -     | ja || "hög"   | 6 |
    | -     | -  || "låg"   | 0 |`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function load(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/prioritet/a.regel', text }]);
    const compiled = JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel'))) as CompiledPolicyFile;
    return { checked, compiled, runtime: new PolicyRuntime([compiled]) };
}


describe('decision tables under träff prioritet', () => {
    test('of the matching rows the one whose output comes first in the value list decides, whatever the row order', async () => {
        const { checked, runtime, compiled } = await load(policy(rows));
        expect(checked.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
        const table = compiled.elements.find(e => e.kind === 'decisionTable') as DecisionTable;
        expect(table.hitPolicy).toBe('priority');
        expect(table.outputValues).toEqual([[{ text: 'hög' }, { text: 'medel' }, { text: 'låg' }], null]);
        const decide = (ålder: number, fallrisk: boolean) => runtime.decide('riskbedömning', { date: '2025-01-01', citizen: { ålder, fallrisk } });
        // 85 with fall risk: rows 1, 2 and 3 hold; "hög" (row 2) ranks first although row 1 comes first.
        expect(decide(85, true)).toMatchObject({ row: 2, outputs: { risk: 'hög', timmar: '6' } });
        expect(decide(85, false)).toMatchObject({ row: 1, outputs: { risk: 'medel', timmar: '4' } });
        expect(decide(40, false)).toMatchObject({ row: 3, outputs: { risk: 'låg', timmar: '0' } });
        // Reversing the rows changes nothing: priority is independent of rule order (DMN 8.2.10).
        const reversed = await load(policy(rows.split('\n').reverse().join('\n')));
        expect(reversed.runtime.decide('riskbedömning', { date: '2025-01-01', citizen: { ålder: 85, fallrisk: true } }).outputs).toEqual({ risk: 'hög', timmar: '6' });
        // A formula reads the decided row's number.
        expect(runtime.decisionValue(decide(85, false), 'timmar')).toBe('4');
    });

    test('inline examples are answered by the highest priority; the reason and the document say how a row is chosen', async () => {
        const { checked, runtime, compiled } = await load(policy(rows, undefined, `exempel fall { datum 2025-01-01  beslut enligt riskbedömning.risk för { ålder = 85, fallrisk = ja }  förväntat "hög" }
exempel äldre { datum 2025-01-01  beslut enligt riskbedömning.risk för { ålder = 85, fallrisk = nej }  förväntat "medel" }`));
        expect(checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        expect(runExamples(runtime).map(result => result.passed)).toEqual([true, true]);
        const reason = reasonFor(runtime, exampleQuestion(runtime.policy.get('fall', 'example')), 'sv');
        expect(reason.text).toContain('rad 2');
        expect(reason.text).toContain('Av raderna som gäller avgör den vars utfall har högst prioritet.');
        const document = JSON.stringify(buildDocument({ files: [compiled], locale: 'sv', draft: true }));
        expect(document).toContain('Av de rader som stämmer gäller den vars utfall har högst prioritet.');
        expect(document).toContain('Prioritet för');
        expect(document).toContain('hög, medel, låg.');
    });

    test('the diff sees a reordered value list as a change of answer for the citizens several rows match', async () => {
        const before = (await load(policy(rows))).compiled;
        const after = (await load(policy(rows, 'risk ("medel", "hög", "låg") | timmar'))).compiled;
        const entry = diffPolicies([before], [after], 'sv').entries.find(e => e.element.kind === 'decisionTable');
        expect(entry?.change).toBe('answers');
        const regions = (entry as unknown as { regions: Array<{ before: string; after: string; witness: { example: Record<string, string> } }> }).regions;
        expect(regions.map(region => [region.before, region.after])).toEqual([['risk hög, timmar 6', 'risk medel, timmar 4']]);
        expect(regions[0].witness.example).toMatchObject({ fallrisk: 'ja' });
    });

    test('a calculation reads the column of the row of the highest priority (the generated fast path falls back to it where several rows hold)', async () => {
        const { checked, runtime } = await load(policy(rows, undefined, 'beräkning kostnad = riskbedömning.timmar × 300 kr'));
        expect(checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const cost = (ålder: number, fallrisk: boolean) => runtime.calculate('kostnad', { date: '2025-01-01', citizen: { ålder, fallrisk } }).amount;
        expect([cost(85, true), cost(85, false), cost(40, true), cost(40, false)]).toEqual(['1800', '1200', '1800', '0']);
        // Asked many times, so that the generated code is used where it is built.
        for (let i = 0; i < 50; i++) {
            expect(cost(85, true)).toBe('1800');
        }
    });

    test('with two listing columns the left one decides and the next breaks ties (DMN\'s compound outputs)', async () => {
        const { checked, runtime } = await load(policy(`    | >= 80 | -  || "hög" | 2 |
    | -     | ja || "hög" | 6 |
    | -     | -  || "låg" | 0 |`, 'risk ("hög", "låg") | timmar (6, 2, 0)'));
        expect(checked.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
        expect(runtime.decide('riskbedömning', { date: '2025-01-01', citizen: { ålder: 85, fallrisk: true } })).toMatchObject({ row: 2, outputs: { risk: 'hög', timmar: '6' } });
        expect(runtime.decide('riskbedömning', { date: '2025-01-01', citizen: { ålder: 85, fallrisk: false } })).toMatchObject({ row: 1, outputs: { risk: 'hög', timmar: '2' } });
    });

    test('rows of the same priority that disagree: the checker names a citizen, and the runtime refuses that citizen', async () => {
        const { checked, runtime } = await load(policy(`    | >= 80 | -  || "hög" | 4 |
    | -     | ja || "hög" | 6 |
    | -     | -  || "låg" | 0 |`));
        const ties = checked.diagnostics.filter(d => d.code === 'decision-priority-tie');
        expect(ties).toHaveLength(1);
        expect(ties[0].witness?.example).toMatchObject({ fallrisk: 'ja' });
        const citizen = { ålder: 80, fallrisk: true, ...Object.fromEntries(Object.entries(ties[0].witness!.example).map(([k, v]) => [k, v === 'ja' ? true : v === 'nej' ? false : Number(String(v).replace(/\D+$/, '').trim())])) };
        expect(errorCode(() => runtime.decide('riskbedömning', { date: '2025-01-01', citizen }))).toBe('several-matching-rows');
    });

    test('rows of the same priority that disagree are no conflict where a row of higher priority takes their citizens: they never decide', async () => {
        const { checked, runtime } = await load(policy(`    | >= 80 | -  || "hög" | 6 |
    | >= 80 | ja || "låg" | 1 |
    | >= 85 | ja || "låg" | 2 |
    | < 80  | -  || "låg" | 0 |`));
        expect(checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        expect(checked.diagnostics.filter(d => d.code === 'decision-row-outranked').map(d => [d.args!.row, d.args!.by])).toEqual([[2, 1], [3, 1]]);
        expect(runtime.decide('riskbedömning', { date: '2025-01-01', citizen: { ålder: 90, fallrisk: true } })).toMatchObject({ row: 1, outputs: { risk: 'hög', timmar: '6' } });
    });

    test('a gap is an error unless annars answers it; annars is the answer where no row matches', async () => {
        const gapped = await load(policy(`    | >= 80 | -  || "medel" | 4 |
    | -     | ja || "hög"   | 6 |`));
        expect(gapped.checked.diagnostics.filter(d => d.severity === 'error').map(d => d.code)).toEqual(['decision-gap']);
        expect(errorCode(() => gapped.runtime.decide('riskbedömning', { date: '2025-01-01', citizen: { ålder: 40, fallrisk: false } }))).toBe('no-matching-row');
        const defaulted = await load(policy(`    | >= 80 | -  || "medel" | 4 |
    | -     | ja || "hög"   | 6 |
    annars       || "låg"   | 0 |`));
        expect(defaulted.checked.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
        expect(defaulted.runtime.decide('riskbedömning', { date: '2025-01-01', citizen: { ålder: 40, fallrisk: false } })).toMatchObject({ default: true, outputs: { risk: 'låg' } });
    });

    test('the load check refuses a priority table without a list, and an output outside its list', async () => {
        const { compiled } = await load(policy(rows));
        const table = compiled.elements.find(e => e.kind === 'decisionTable') as DecisionTable;
        const without = { ...compiled, elements: compiled.elements.map(e => (e === table ? { ...table, outputValues: undefined } : e)) };
        expect(errorCode(() => checkCompiledPolicy([without]))).toBe('invalid-file');
        const unlisted = { ...compiled, elements: compiled.elements.map(e => (e === table ? { ...table, outputValues: [[{ text: 'hög' }, { text: 'låg' }], null] } : e)) };
        expect(errorCode(() => checkCompiledPolicy([unlisted]))).toBe('invalid-file');
        expect(() => checkCompiledPolicy([compiled])).not.toThrow();
    });
});
