import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { buildDocument, exampleQuestion, reasonFor } from '@regelratt/document';
import { checkPolicies, compilePolicy, createRegelrattServices, diffPolicies } from '@regelratt/language';
import { PolicyRuntime, runExamples } from '@regelratt/runtime';
import { SCHEMA_VERSION } from '@regelratt/format';
import { errorCode } from '../packages/runtime/test/error-code.js';

/**
 * DMN's default output (`annars || … |`): where no row matches, the table answers its default
 * outputs under every hit policy, the checker is silent there (and says when the default is never
 * used), and every reader of the answer (runtime, calculation trace, examples, reasons, document)
 * shows it as the default.
 */
const policy = (hit: string, otherwise = '    annars || 0 kr/mån |') => `
egenskap städning : ja/nej
egenskap tvätt : ja/nej
beslutstabell serviceavgift "Serviceinsatser per månad" {
    giltig från 2024-01-01
    ${hit ? `träff ${hit}` : ''}
    | städning | tvätt || avgift     |
    | ja       | -     || 503 kr/mån |
    | -        | ja    || 403 kr/mån |
${otherwise}
}
beräkning med_tillägg = serviceavgift.avgift + 10 kr/mån
`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function load(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/annars/a.regel', text }]);
    const compiled = JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')));
    return { checked, compiled, runtime: new PolicyRuntime([compiled]) };
}

const noService = { date: '2024-03-01', citizen: { städning: false, tvätt: false } };
const both = { date: '2024-03-01', citizen: { städning: true, tvätt: true } };
const problems = (checked: Awaited<ReturnType<typeof load>>['checked']) => checked.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning');

describe('default outputs (annars)', () => {
    // Under `unik` the two rows overlap for städning = tvätt = ja; `första` and `valfri` … answer as DMN says for each.
    test.each([
        ['första', { avgift: '503' }],
        ['samla summa', { avgift: '906' }],
        ['samla min', { avgift: '403' }],
        ['samla max', { avgift: '503' }],
        ['samla antal', { avgift: '2' }],
    ])('träff %s: the rows answer where they match, the default where none does', async (hit, matched) => {
        const { checked, runtime } = await load(policy(hit));
        expect(problems(checked), hit).toEqual([]);
        expect(runtime.decide('serviceavgift', both).outputs).toEqual(matched);
        const fallback = runtime.decide('serviceavgift', noService);
        expect(fallback).toMatchObject({ row: 0, default: true, outputs: { avgift: '0' } });
        // Never summed or counted: under `samla antal` too the default is its value, as written.
        expect(runtime.calculate('med_tillägg', noService, { explain: false }).amount).toBe('10');
    });

    test('träff unik and valfri: the default answers, and overlaps are still errors', async () => {
        for (const hit of ['', 'valfri']) {
            const { checked, runtime } = await load(policy(hit));
            expect(problems(checked).map(d => d.code), hit).toEqual(['decision-overlap']);
            expect(runtime.decide('serviceavgift', noService).outputs).toEqual({ avgift: '0' });
        }
    });

    test('without a default, the same region is a gap (or, for a sum, the stated 0), and the runtime says so', async () => {
        const first = await load(policy('första', ''));
        expect(problems(first.checked).map(d => d.code)).toEqual(['decision-gap']);
        expect(errorCode(() => first.runtime.decide('serviceavgift', noService))).toBe('no-matching-row');
        const sum = await load(policy('samla summa', ''));
        expect(problems(sum.checked).map(d => [d.code, d.severity])).toEqual([['decision-sum-gap', 'error']]);
        expect(problems(sum.checked)[0].message).toContain("skriv 'annars || … |'");
    });

    test('a default no citizen reaches is reported; one whose width is not the header\'s is an error', async () => {
        const covered = await load(policy('första', '    | nej | nej || 0 kr/mån |\n    annars || 1 kr/mån |'));
        expect(problems(covered.checked).map(d => d.code)).toEqual(['decision-default-unused']);
        const [wide] = await checkPolicies(Regelratt, [{ path: '/annars/w.regel', text: policy('första', '    annars || 0 kr/mån | 1 |') }]);
        expect(problems(wide).map(d => d.code)).toEqual(['decision-default-arity']);
        // And a compiled file with such a default is refused on load, by the load check.
        const compiled = JSON.parse(JSON.stringify(compilePolicy(wide.document.parseResult.value, 'w.regel')));
        expect(() => new PolicyRuntime([compiled])).toThrow(/defaultOutputs/);
    });

    test('the default may also be written as a row, `| annars || … |`', async () => {
        const { checked, runtime } = await load(policy('första', '    | annars          || 0 kr/mån   |'));
        expect(problems(checked)).toEqual([]);
        expect(runtime.decide('serviceavgift', noService).outputs).toEqual({ avgift: '0' });
    });

    test('the compiled table carries the default (format 1.9), the trace and the reason say it', async () => {
        const { compiled, runtime } = await load(policy('första'));
        expect(compiled.schemaVersion).toBe(SCHEMA_VERSION);
        const table = compiled.elements.find((e: { kind: string }) => e.kind === 'decisionTable');
        expect(table.defaultOutputs).toEqual([{ value: '0', unit: 'kr', per: 'month' }]);
        const explained = runtime.calculate('med_tillägg', noService);
        expect(explained.trace.map(step => step.step)).toContain('serviceavgift.avgift, annars (ingen rad gäller)');
    });

    test('an amount that falls as need rises into the default is reported, with the default named', async () => {
        const table = (otherwise: string) => `beslutstabell omsorg {\n    nivåer 0–5\n    | nivå || avgift |\n    | 1–3  || 100 kr |\n    annars || ${otherwise} |\n}`;
        const falling = (await load(table('0 kr'))).checked.diagnostics.filter(d => d.code === 'amount-falls-as-need-rises');
        expect(falling.map(d => d.message)).toEqual(['omsorg.avgift sjunker när nivå ökar: nivå 1–2 ger 100 kr (rad 1), men nivå 4–5 ger 0 kr (rad annars).']);
        const rising = (await load(table('200 kr'))).checked.diagnostics.filter(d => d.code === 'amount-falls-as-need-rises');
        expect(rising.map(d => d.message)).toEqual(['omsorg.avgift sjunker när nivå ökar: nivå = 0 ger 200 kr (rad annars), men nivå 1–3 ger 100 kr (rad 1).']);
    });

    test('the diff sees a changed default as a change of answer for the citizens no row matches, and only them', async () => {
        const before = (await load(policy('första'))).compiled;
        const after = (await load(policy('första', '    annars || 50 kr/mån |'))).compiled;
        const entry = diffPolicies([before], [after], 'sv').entries.find(e => e.element.kind === 'decisionTable');
        expect(entry?.change).toBe('answers');
        const regions = (entry as { regions: Array<{ before: string; after: string; witness: { example: Record<string, string> } }> }).regions;
        expect(regions.map(region => [region.before, region.after, region.witness.example])).toEqual([
            ['avgift 0 kr/mån', 'avgift 50 kr/mån', { städning: 'nej', tvätt: 'nej' }],
        ]);
    });

    test('examples expecting the default pass; reasons and the document name it', async () => {
        const examples = `exempel ingen { datum 2024-03-01 beslut enligt serviceavgift.avgift för { städning = nej, tvätt = nej } förväntat 0 kr }
exempel fel_väntat { datum 2024-03-01 beslut enligt serviceavgift.avgift för { städning = nej, tvätt = nej } förväntat 5 kr }`;
        const { checked, runtime, compiled } = await load(policy('första') + examples);
        expect(checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        expect(runExamples(runtime).map(result => [result.example.name, result.passed])).toEqual([['ingen', true], ['fel_väntat', false]]);
        const reason = reasonFor(runtime, exampleQuestion(runtime.policy.get('ingen', 'example')), 'sv');
        expect(reason.text).toContain('ingen rad gäller, så tabellens annars-värde gäller');
        const document = JSON.stringify(buildDocument({ files: [compiled], locale: 'sv', draft: true }));
        expect(document).toContain('annars (ingen rad ovan gäller)');
    });
});
