import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import type { CompiledPolicyFile, DecisionTable } from '@regelratt/format';
import { checkPolicies, compilePolicy, createRegelrattServices, grammarKeywords } from '@regelratt/language';
import { PolicyRuntime } from '@regelratt/runtime';
import { exportDmn } from '../packages/cli/src/dmn/export-dmn.js';
import { importDmn } from '../packages/cli/src/dmn/import-dmn.js';
import { dmnPolicy } from '../packages/cli/src/dmn/write-dmn.js';
import { compareWithRuntime } from './dmn/dmn-harness.js';
import { chainedTextPolicy } from './chained-text-policy.js';

/**
 * `≠` on a chained column of texts or förlopp (DMN's `not("Särskilt boende")`): any value but that
 * one. Compiled to the comparison a choice cell's `≠ hög` compiles to, so the runtime, the gap and
 * overlap analyses and the DMN export read it as they read that; held here to the same tables written
 * with `=` (chained-text-policy.ts) on every citizen.
 */
const negated = `${chainedTextPolicy}
beslutstabell utförare_inte "Utförare, skrivet med ≠" {
    | insatsval.insatsform  | ensamboende || utförare   |
    | ≠ "Särskilt boende"   | -           || "Kommunen" |
    | "Särskilt boende"     | ja          || "Boendet"  |
    | "Särskilt boende"     | nej         || "Kommunen" |
}
beslutstabell uppföljning_inte "Uppföljning, skrivet med ≠" {
    | insatsval.förlopp     | ensamboende || intervall |
    | != förlopp förlopp_2  | -           || 12        |
    | förlopp förlopp_2     | -           || 6         |
}
`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function load(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/inte/a.regel', text }]);
    const serious = checked.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning');
    const compiled = serious.some(d => d.severity === 'error') ? undefined : JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel'))) as CompiledPolicyFile;
    return { serious, compiled };
}

const table = (rows: string) => `${chainedTextPolicy}
beslutstabell prövning {
    | insatsval.insatsform || prövas |
${rows}
}
`;

describe('≠ on a chained column of texts or förlopp', () => {
    test('checks clean, compiles to the != comparison, and answers as the tables written with = for every citizen', async () => {
        const { serious, compiled } = await load(negated);
        expect(serious.map(d => `${d.code}: ${d.message}`)).toEqual([]);
        const rows = (id: string) => (compiled!.elements.find(e => e.id === id) as DecisionTable).rows;
        expect(rows('decisionTable/utförare_inte')[0].when[0]).toEqual({ attribute: 'decisionTable/insatsval:insatsform', op: '!=', value: { enumeration: 'Särskilt boende' } });
        expect(rows('decisionTable/uppföljning_inte')[0].when[0]).toEqual({ attribute: 'decisionTable/insatsval:förlopp', op: '!=', value: { enumeration: 'pathway/förlopp_2' } });
        const runtime = new PolicyRuntime([compiled!]);
        for (let ålder = 0; ålder <= 120; ålder++) {
            for (const ensamboende of [true, false]) {
                const ask = (name: string) => runtime.decide(name, { date: '2025-01-01', citizen: { ålder, ensamboende } }).outputs;
                expect(ask('utförare_inte'), `${ålder} ${ensamboende}`).toEqual(ask('utförare'));
                expect(Object.values(ask('uppföljning_inte')), `${ålder} ${ensamboende}`).toEqual(Object.values(ask('uppföljning')));
            }
        }
    });

    test('gaps and overlaps stay exact: ≠ leaves exactly the one value, and overlaps every other', async () => {
        const gap = await load(table('    | ≠ "Särskilt boende" || ja |'));
        expect(gap.serious.map(d => d.code)).toEqual(['decision-gap']);
        expect(gap.serious[0].witness?.example).toMatchObject({ ålder: expect.stringMatching(/^(8\d|9\d|1[01]\d|120)$/) });
        const overlap = await load(table('    | ≠ "Hemtjänst" || ja |\n    | "Dagverksamhet" || nej |\n    | "Hemtjänst" || nej |'));
        expect(overlap.serious.map(d => d.code)).toEqual(['decision-overlap']);
        expect(Number(overlap.serious[0].witness?.example.ålder)).toBeGreaterThanOrEqual(65);
        expect(Number(overlap.serious[0].witness?.example.ålder)).toBeLessThanOrEqual(79);
        const whole = await load(table('    | ≠ "Hemtjänst" || ja |\n    | "Hemtjänst" || nej |'));
        expect(whole.serious).toEqual([]);
    });

    test('a text the upstream never gives is a type mismatch, as with =', async () => {
        const { serious } = await load(table('    | ≠ "Hemtjänsten" || ja |\n    | - || nej |').replace('    | insatsval.insatsform || prövas |', '    träff första\n    | insatsval.insatsform || prövas |'));
        expect(serious.map(d => d.code)).toEqual(['type-mismatch']);
        expect(serious[0].message).toContain('≠ "Hemtjänsten"');
    });

    test('exports as DMN\'s not("…"), which an independent FEEL evaluator answers as the runtime does', async () => {
        const { compiled } = await load(negated);
        const xml = exportDmn(compiled!, dmnPolicy([compiled!]))!.xml;
        expect(xml).toContain('<text>not(&quot;Särskilt boende&quot;)</text>');
        const agreement = await compareWithRuntime([compiled!], 27);
        expect(agreement.decisions).toBeGreaterThanOrEqual(5);
    });

    test('imports DMN\'s not("…") on a chained column of texts as ≠ "…", texts as texts, and the table answers as before', async () => {
        const { compiled } = await load(negated);
        const imported = await importDmn(exportDmn(compiled!, dmnPolicy([compiled!]))!.xml, new Set(grammarKeywords(Regelratt.Grammar)));
        expect(imported.text).toMatch(/\| ≠ "Särskilt boende" +\| -/);
        expect(imported.text).toMatch(/\| "Hemtjänst" eller "Dagverksamhet" +\| -/);
        const again = await load(imported.text);
        expect(again.serious.filter(d => d.severity === 'error').map(d => `${d.code}: ${d.message}`)).toEqual([]);
        const before = new PolicyRuntime([compiled!]);
        const after = new PolicyRuntime([again.compiled!]);
        for (let ålder = 0; ålder <= 120; ålder++) {
            for (const ensamboende of [true, false]) {
                const ask = (runtime: PolicyRuntime) => runtime.decide('utförare_inte', { date: '2025-01-01', citizen: { ålder, ensamboende } }).outputs;
                expect(ask(after), `${ålder} ${ensamboende}`).toEqual(ask(before));
            }
        }
    });
});
