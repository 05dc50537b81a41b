import { describe, expect, test } from 'vitest';
import { evaluateCase, PolicyRuntime, runExamples } from '@regelratt/runtime';
import { compilePolicy, diffPolicies } from '@regelratt/language';
import { buildDocument } from '@regelratt/document';
import { checkTexts } from './check-text.js';

/**
 * Limits as checked statements: `högst 8 timmar per månad` of a granted-time calculation (avlösning,
 * as needs-assessment guidelines cap it), in any unit that converts to the amount's. The checker proves
 * the limit or names a citizen the runtime refuses; the runtime, examples and eval refuse an answer
 * outside it (outside-limit), by both of its evaluators.
 */
const vocabulary = `
egenskap tillfällen "Avlösningstillfällen per vecka" : heltal 0–7 tillfällen per vecka
parameter avlösning "Avlösning per tillfälle" : decimaltal { från 2024-01-01 : 30 minuter per tillfälle }
`;

async function check(text: string) {
    const [checked] = await checkTexts([`${vocabulary}\n${text}`]);
    return { checked, codes: checked.diagnostics.filter(d => d.code !== 'unused-declaration').map(d => d.code) };
}

async function runtimeOf(text: string) {
    const { checked } = await check(text);
    return new PolicyRuntime([JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')))]);
}

// A week's time in minutes; the limit is per month: 8 h/mån is 8 × 60 × 12 / 52 = 110,769… min/vecka, no finite decimal.
const uncapped = 'beräkning beviljad "Beviljad avlösning" högst 8 timmar per månad = tillfällen × avlösning';
const capped = 'beräkning beviljad "Beviljad avlösning" högst 8 timmar per månad = min(tillfällen × avlösning, 8 timmar per månad i minuter per vecka)';

describe('limits of a calculation', () => {
    test('the checker names a citizen above the limit, and the runtime refuses that citizen', async () => {
        const { checked, codes } = await check(uncapped);
        expect(codes).toEqual(['calculation-outside-limit']);
        const finding = checked.diagnostics.find(d => d.code === 'calculation-outside-limit')!;
        expect(finding.message).toContain("håller inte gränsen 'högst 8 timmar per månad'");
        const runtime = await runtimeOf(uncapped);
        const citizen = { tillfällen: Number(finding.witness!.example.tillfällen) };
        expect(() => runtime.calculate('beviljad', { date: '2024-03-01', citizen })).toThrow(expect.objectContaining({ code: 'outside-limit' }));
    });

    test('a formula that applies the ceiling is proved within it: no finding', async () => {
        expect((await check(capped)).codes).toEqual([]);
    });

    test('the limit is compared exactly in the amount\'s unit: 110 minutes a week is within 8 h/mån, 120 is not', async () => {
        const runtime = await runtimeOf(uncapped);
        for (const explain of [true, false]) {
            // 3 × 30 = 90 min/vecka: within; 4 × 30 = 120: above 110,769…
            expect(runtime.calculate('beviljad', { date: '2024-03-01', citizen: { tillfällen: 3 } }, { explain }).amount).toBe('90');
            expect(() => runtime.calculate('beviljad', { date: '2024-03-01', citizen: { tillfällen: 4 } }, { explain }))
                .toThrow(expect.objectContaining({ code: 'outside-limit', message: expect.stringContaining('Beviljad avlösning blir 120 min/vecka, men policyn säger högst 8 timmar per månad') }));
        }
    });

    test('a formula that reads the limited amount is refused too, not given the amount past its limit', async () => {
        const runtime = await runtimeOf(`${uncapped}\nberäkning dubbel = beviljad × 2`);
        for (const explain of [true, false]) {
            expect(() => runtime.calculate('dubbel', { date: '2024-03-01', citizen: { tillfällen: 4 } }, { explain })).toThrow(expect.objectContaining({ code: 'outside-limit' }));
        }
    });

    test('minst in another unit: 2 timmar per tillfälle of an amount in minutes per occasion', async () => {
        const runtime = await runtimeOf('egenskap minuter_x "Tid per tillfälle" : heltal 0–300 minuter per tillfälle\nberäkning tid minst 2 timmar per tillfälle = minuter_x');
        expect(runtime.calculate('tid', { date: '2024-03-01', citizen: { minuter_x: 120 } }).amount).toBe('120');
        expect(() => runtime.calculate('tid', { date: '2024-03-01', citizen: { minuter_x: 119 } })).toThrow(expect.objectContaining({ code: 'outside-limit' }));
    });

    test('examples and eval refuse a value outside the limit with the error in its place', async () => {
        const runtime = await runtimeOf(`${uncapped}
exempel innanför { datum 2024-03-01 beräkning beviljad för { tillfällen = 3 } förväntat 90 minuter per vecka }
exempel över { datum 2024-03-01 beräkning beviljad för { tillfällen = 4 } förväntat fel "outside-limit" }
exempel över_utan_fel { datum 2024-03-01 beräkning beviljad för { tillfällen = 4 } förväntat 120 minuter per vecka }`);
        const results = new Map(runExamples(runtime).map(r => [r.example.name, r]));
        expect(results.get("innanför")?.passed).toBe(true);
        expect(results.get('över')?.passed).toBe(true);
        expect(results.get('över_utan_fel')).toMatchObject({ passed: false, error: { code: 'outside-limit' } });
        const answer = evaluateCase(runtime, { citizen: { tillfällen: 5 }, date: '2024-03-01' });
        expect(answer.amounts).toEqual([expect.objectContaining({ calculation: 'calculation/beviljad', error: expect.objectContaining({ code: 'outside-limit' }) })]);
    });

    test('a limit on the insats holds for its calculations whose amount it converts to, reported at the calculation', async () => {
        const text = `insats avlösningsinsats "Avlösning" { högst 8 timmar per månad  högst 12 månader }
beräkning beviljad "Beviljad avlösning" insats avlösningsinsats = tillfällen × avlösning`;
        const { checked, codes } = await check(text);
        // 'högst 12 månader' converts to no amount here: said, not silently unchecked.
        expect(codes.sort()).toEqual(['calculation-outside-limit', 'limit-applies-to-nothing']);
        const finding = checked.diagnostics.find(d => d.code === 'calculation-outside-limit')!;
        expect(finding.message).toContain("beviljad håller inte gränsen 'högst 8 timmar per månad'");
        expect(finding.line).toBe(`${vocabulary}\n${text}`.split('\n').findIndex(line => line.startsWith('beräkning beviljad')) + 1);
        const runtime = await runtimeOf(text);
        expect(() => runtime.calculate('beviljad', { date: '2024-03-01', citizen: { tillfällen: 4 } })).toThrow(expect.objectContaining({ code: 'outside-limit' }));
        expect(runtime.calculate('beviljad', { date: '2024-03-01', citizen: { tillfällen: 3 } }).amount).toBe('90');
    });

    test('the diff names a changed limit', async () => {
        const compiledOf = async (text: string) => compilePolicy((await check(text)).checked.document.parseResult.value, 'a.regel');
        const diff = diffPolicies([await compiledOf(capped)], [await compiledOf(capped.replace('högst 8 timmar per månad =', 'högst 10 timmar per månad ='))], 'sv');
        expect(JSON.stringify(diff.entries)).toContain('gränser: högst 8 timmar per månad → högst 10 timmar per månad');
    });

    test('the document states the limit beside the formula', async () => {
        const { checked } = await check(capped);
        const document = JSON.stringify(buildDocument({ files: [compilePolicy(checked.document.parseResult.value, 'a.regel')], locale: 'sv' }));
        expect(document).toContain('gräns: högst 8 timmar per månad');
    });

    test('the compiled limit is the written one times the exact factor, as a formula of constants', async () => {
        const { checked } = await check(uncapped);
        const compiled = JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')));
        const calculation = compiled.elements.find((e: { id: string }) => e.id === 'calculation/beviljad');
        expect(calculation.limits).toEqual([{ bound: 'at-most', text: 'högst 8 timmar per månad', value: { op: '*', left: { quantity: { value: '8', unit: 'none' } }, right: { op: '/', left: { quantity: { value: '180', unit: 'none' } }, right: { quantity: { value: '13', unit: 'none' } } } } }]);
    });
});
