import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { buildDocument, exampleQuestion, reasonFor } from '@regelratt/document';
import { checkPolicies, compilePolicy, createRegelrattServices, exampleDifferences } from '@regelratt/language';
import { PolicyRuntime, runExamples } from '@regelratt/runtime';
import { errorCode } from '../packages/runtime/test/error-code.js';

/**
 * Text and ja/nej outputs (DMN's string and boolean outputs): a table that answers "Beviljas" or
 * "Avslås" without a förloppsmodell, through the checker, the compiled format, the runtime, inline
 * examples, reasons and the document.
 */
const policy = (extra = '') => `
egenskap ålder : heltal 0–120 år
egenskap kognitiv_svikt : ja/nej
beslutstabell bedömning "Bedömning av ansökan" {
    träff första
    | ålder | kognitiv_svikt || beslut     | brådskande |
    | >= 80 | ja             || "Beviljas" | ja         |
    | >= 65 | -              || "Beviljas" | nej        |
    annars                   || "Avslås"   | nej        |
}
${extra}`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function load(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/ord/a.regel', text }]);
    const compiled = JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')));
    return { checked, compiled, runtime: new PolicyRuntime([compiled]) };
}

const problems = (checked: Awaited<ReturnType<typeof load>>['checked']) => checked.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning');
const ask = (ålder: number, kognitiv_svikt: boolean) => ({ date: '2025-01-01', citizen: { ålder, kognitiv_svikt } });

describe('text and ja/nej outputs', () => {
    test('the table checks clean, compiles its cells as texts and ja/nej, and the runtime answers them', async () => {
        const { checked, compiled, runtime } = await load(policy());
        expect(problems(checked)).toEqual([]);
        const table = compiled.elements.find((e: { kind: string }) => e.kind === 'decisionTable');
        expect(table.rows[0].then).toEqual([{ text: 'Beviljas' }, { yesNo: true }]);
        expect(table.defaultOutputs).toEqual([{ text: 'Avslås' }, { yesNo: false }]);
        expect(runtime.decide('bedömning', ask(85, true)).outputs).toEqual({ beslut: 'Beviljas', brådskande: 'ja' });
        expect(runtime.decide('bedömning', ask(70, true)).outputs).toEqual({ beslut: 'Beviljas', brådskande: 'nej' });
        expect(runtime.decide('bedömning', ask(40, false)).outputs).toEqual({ beslut: 'Avslås', brådskande: 'nej' });
    });

    test('examples expect a text or ja/nej; a failing one says both in the policy\'s words', async () => {
        const examples = `exempel bifall { datum 2025-01-01 beslut enligt bedömning.beslut för { ålder = 85, kognitiv_svikt = ja } förväntat "Beviljas" }
exempel brådskande { datum 2025-01-01 beslut enligt bedömning.brådskande för { ålder = 85, kognitiv_svikt = ja } förväntat ja }
exempel fel_text { datum 2025-01-01 beslut enligt bedömning.beslut för { ålder = 40, kognitiv_svikt = nej } förväntat "Beviljas" }
exempel fel_janej { datum 2025-01-01 beslut enligt bedömning.brådskande för { ålder = 70, kognitiv_svikt = nej } förväntat ja }`;
        const { checked, runtime } = await load(policy(examples));
        expect(checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const results = new Map(runExamples(runtime).map(result => [result.example.name, result]));
        expect([...results].map(([name, result]) => [name, result.passed])).toEqual([['bifall', true], ['brådskande', true], ['fel_text', false], ['fel_janej', false]]);
        const said = (name: string) => { const r = results.get(name)!; return exampleDifferences(r.expected, r.actual, 'sv', r.example.unit); };
        expect(said('fel_text')).toBe('text: väntat "Beviljas", fick "Avslås"');
        expect(said('fel_janej')).toBe('ja/nej: väntat ja, fick nej');
    });

    test('reasons and the document say the text and ja/nej', async () => {
        const examples = `exempel bifall { datum 2025-01-01 beslut enligt bedömning för { ålder = 85, kognitiv_svikt = ja } förväntat fel "table-column-needed" }
exempel avslag { datum 2025-01-01 beslut enligt bedömning.beslut för { ålder = 40, kognitiv_svikt = nej } förväntat "Avslås" }`;
        const { runtime, compiled } = await load(policy(examples));
        const reason = reasonFor(runtime, exampleQuestion(runtime.policy.get('avslag', 'example')), 'sv');
        expect(reason.text).toContain('Avslås');
        const document = JSON.stringify(buildDocument({ files: [compiled], locale: 'sv', draft: true }));
        expect(document).toContain('Beviljas');
        expect(document).toContain('Avslås');
    });

    test('a text cannot be calculated with, mixed with amounts, or added up; the runtime refuses it as a number', async () => {
        const calculated = await load(policy('beräkning x = bedömning.beslut + 1 kr'));
        expect(problems(calculated.checked).map(d => d.code)).toContain('not-a-number');
        expect(errorCode(() => calculated.runtime.calculate('x', ask(85, true)))).toBe('not-computable');
        const mixed = await load(policy().replace('| >= 65 | -              || "Beviljas" |', '| >= 65 | -              || 100 kr     |'));
        expect(problems(mixed.checked).map(d => d.code)).toEqual(['mixed-column']);
        const summed = await load(policy().replace('träff första', 'träff samla summa').replace('    annars                   || "Avslås"   | nej        |\n', ''));
        expect(problems(summed.checked).filter(d => d.code === 'not-aggregable').map(d => d.message)).toEqual([
            "Kolumnen beslut i bedömning ger texter, som inte kan läggas ihop eller jämföras: med 'träff samla' ska utfallen vara belopp, andelar eller tal (eller räkna rader med 'träff samla antal').",
            "Kolumnen brådskande i bedömning ger ja/nej, som inte kan läggas ihop eller jämföras: med 'träff samla' ska utfallen vara belopp, andelar eller tal (eller räkna rader med 'träff samla antal').",
        ]);
    });
});
