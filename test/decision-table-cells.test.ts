import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { PolicyRuntime } from '@regelratt/runtime';
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
