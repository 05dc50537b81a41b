import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { PolicyRuntime, RegelrattRuntimeError, runExamples } from '@regelratt/runtime';

/**
 * `träff samla` (DMN's Collect): service fees that add up, as municipalities publish them (städning,
 * tvätt, inköp per month, each when the citizen has it), through the checker, the compiler, the
 * runtime's answers, a calculation that reads the sum, and inline examples.
 */
const policy = (hit: string, extra = '') => `
egenskap städning : ja/nej
egenskap tvätt : ja/nej
egenskap inköp : ja/nej
beslutstabell serviceavgift "Serviceinsatser per månad" {
    giltig från 2024-01-01
    träff ${hit}
    | städning | tvätt | inköp || avgift     |
    | ja       | -     | -     || 503 kr/mån |
    | -        | ja    | -     || 403 kr/mån |
    | -        | -     | ja    || 302 kr/mån |
}
beräkning serviceavgift_med_tillägg = serviceavgift.avgift + 10 kr/mån
${extra}`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function load(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/samla/a.regel', text }]);
    const runtime = new PolicyRuntime([JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')))]);
    return { checked, runtime };
}

const citizen = (städning: boolean, tvätt: boolean, inköp: boolean) => ({ städning, tvätt, inköp });
const errorCode = (call: () => unknown) => {
    try {
        call();
    } catch (error) {
        return error instanceof RegelrattRuntimeError ? error.code : 'other';
    }
    return undefined;
};

describe('decision tables under träff samla', () => {
    test('samla summa: overlaps are the point; no row is 0 kr for the runtime and no answer in DMN, which the checker says with the citizen', async () => {
        const { checked, runtime } = await load(policy('samla summa'));
        const findings = checked.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning');
        expect(findings.map(d => d.code)).toEqual(['decision-sum-gap']);
        expect(findings[0].witness?.example).toEqual({ städning: 'nej', tvätt: 'nej', inköp: 'nej' });
        expect(findings[0].message).toContain('svarar tabellen då avgift = 0');
        // The answer the message states is the runtime's.
        expect(runtime.decide('serviceavgift', { date: '2024-03-01', citizen: citizen(false, false, false) }).outputs).toEqual({ avgift: '0' });
        // Covered by a row of its own, the 0 is written down and the warning goes.
        const covered = (await load(policy('samla summa').replace('| -        | -     | ja    || 302 kr/mån |', '| -        | -     | ja    || 302 kr/mån |\n    | nej      | nej   | nej   || 0 kr/mån   |'))).checked;
        expect(covered.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
    });

    test('samla antal over no row is 0, as in DMN: no finding', async () => {
        const { checked } = await load(policy('samla antal'));
        expect(checked.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
    });

    test('the runtime adds up the matching rows, names them, and a calculation reads the sum', async () => {
        const { runtime } = await load(policy('samla summa'));
        const question = (c: ReturnType<typeof citizen>) => ({ date: '2024-03-01', citizen: c });
        expect(runtime.decide('serviceavgift', question(citizen(true, false, true)))).toEqual({
            table: 'decisionTable/serviceavgift', row: 1, rows: [1, 3], conditions: 'städning = ja; inköp = ja', outputs: { avgift: '805' },
        });
        expect(runtime.decide('serviceavgift', question(citizen(false, false, false)))).toMatchObject({ row: 0, rows: [], outputs: { avgift: '0' } });
        expect(runtime.calculate('serviceavgift_med_tillägg', question(citizen(true, true, true)), { explain: false }).amount).toBe('1218');
        const explained = runtime.calculate('serviceavgift_med_tillägg', question(citizen(true, true, false)));
        expect(explained.amount).toBe('916');
        expect(explained.trace.map(step => step.step)).toContain('serviceavgift.avgift, summan av rad 1, 2');
    });

    test('min, max and antal', async () => {
        const question = { date: '2024-03-01', citizen: citizen(true, true, false) };
        expect((await load(policy('samla min'))).runtime.decide('serviceavgift', question).outputs).toEqual({ avgift: '403' });
        expect((await load(policy('samla max'))).runtime.decide('serviceavgift', question).outputs).toEqual({ avgift: '503' });
        expect((await load(policy('samla antal'))).runtime.decide('serviceavgift', question).outputs).toEqual({ avgift: '2' });
    });

    test('samla min over no row: a gap for the checker, no-matching-row for the runtime, the same citizen', async () => {
        const { checked, runtime } = await load(policy('samla min'));
        const gaps = checked.diagnostics.filter(d => d.code === 'decision-gap');
        expect(gaps).toHaveLength(1);
        expect(gaps[0].witness?.example).toEqual({ städning: 'nej', tvätt: 'nej', inköp: 'nej' });
        expect(errorCode(() => runtime.decide('serviceavgift', { date: '2024-03-01', citizen: citizen(false, false, false) }))).toBe('no-matching-row');
    });

    test('inline examples ask for the sum and pass; a wrong one fails', async () => {
        const examples = `exempel alla_tre { datum 2024-03-01 beslut enligt serviceavgift.avgift för { städning = ja, tvätt = ja, inköp = ja } förväntat 1 208 kr }
exempel ingen { datum 2024-03-01 beslut enligt serviceavgift.avgift för { städning = nej, tvätt = nej, inköp = nej } förväntat 0 kr }
exempel fel_summa { datum 2024-03-01 beslut enligt serviceavgift.avgift för { städning = ja, tvätt = nej, inköp = ja } förväntat 800 kr }`;
        // The 0 for no service is the table's own answer, written as its default (DMN's default output).
        const withDefault = policy('samla summa', examples).replace('| -        | -     | ja    || 302 kr/mån |', '| -        | -     | ja    || 302 kr/mån |\n    annars                     || 0 kr/mån   |');
        const { checked, runtime } = await load(withDefault);
        expect(checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const results = runExamples(runtime);
        expect(results.map(result => [result.example.name, result.passed])).toEqual([['alla_tre', true], ['ingen', true], ['fel_summa', false]]);
    });
});
