import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NodeFileSystem } from 'langium/node';
import { describe, expect, test } from 'vitest';
import { ExactNumber, type CompiledPolicyFile } from '@regelratt/format';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { evaluateCase, PolicyRuntime, type CaseAnswer } from '@regelratt/runtime';
import { ImpactTally, SUPPRESS_BELOW, type AmountImpact, type CategoryImpact } from '../packages/cli/src/register-impact.js';
import { formatImpactText } from '../packages/cli/src/impact-output.js';

/**
 * The impact of a revision on a register, held to the runtime case by case: every count and sum
 * the tally gives is what answering each case with both versions gives, and no count below 5 (nor a
 * sum over fewer than 5) is ever shown.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = readFileSync(path.join(repository, 'examples/habo/hemtjänst.regel'), 'utf8');

async function compiled(text: string): Promise<CompiledPolicyFile[]> {
    // From disk: Habo imports the national library (\`använd nationellt\`), compiled with it.
    const { Regelratt } = createRegelrattServices(NodeFileSystem);
    const checked = await checkPolicies(Regelratt, [{ path: '/habo/hemtjänst.regel', text }]);
    expect(checked.flatMap(c => c.diagnostics.filter(d => d.severity === 'error'))).toEqual([]);
    return checked.map(c => JSON.parse(JSON.stringify(compilePolicy(c.document.parseResult.value, path.basename(c.path)))) as CompiledPolicyFile);
}

/** A register of Habo's citizens, the same for a seed. */
function register(size: number, seed: number): Array<{ citizen: Record<string, unknown>; date: string }> {
    let state = seed;
    const next = (limit: number) => ((state = (state * 48271) % 2147483647) % limit);
    return Array.from({ length: size }, () => ({
        citizen: {
            besök_per_vecka: next(30), ledsagning_per_månad: next(15), städning: next(2) === 1, tvätt: next(2) === 1, inköp: next(2) === 1,
            portioner: next(60), larm: ['saknas', 'analogt', 'digitalt'][next(3)], sammanboende: next(2) === 1,
        },
        date: '2017-06-01',
    }));
}

describe('the impact of a revision on a register', async () => {
    const before = new PolicyRuntime(await compiled(source));
    const after = new PolicyRuntime(await compiled(source
        .replace('städavgift "Städning" : belopp { från 2017-01-01 till 2017-12-31 : 503 kr/mån }', 'städavgift "Städning" : belopp { från 2017-01-01 till 2017-12-31 : 520 kr/mån }')
        .replace('| 7–20            || 2    | 1 409 kr/mån |', '| 7–14            || 2    | 1 409 kr/mån |')
        .replace('| >= 21           || 3    | 2 013 kr/mån |', '| >= 15           || 3    | 2 013 kr/mån |')));

    test('counts and sums equal answering every case with both versions', () => {
        const cases = register(2_000, 7);
        const tally = new ImpactTally();
        const pairs: Array<[CaseAnswer, CaseAnswer]> = [];
        for (const input of cases) {
            const pair: [CaseAnswer, CaseAnswer] = [evaluateCase(before, input), evaluateCase(after, input)];
            pairs.push(pair);
            tally.add(pair[0], pair[1], undefined);
        }
        const impact = tally.result();
        expect(impact.cases).toBe(2_000);

        const fee = impact.answers.find((a): a is AmountImpact => a.kind === 'amount' && a.element === 'calculation/hemtjänstavgift')!;
        const amountOf = (answer: CaseAnswer) => answer.amounts!.find(a => a.calculation === 'calculation/hemtjänstavgift') as { amount?: string };
        const changed = pairs.filter(([b, a]) => amountOf(b).amount !== amountOf(a).amount);
        expect(changed.length).toBeGreaterThanOrEqual(SUPPRESS_BELOW);
        expect(fee.changed).toEqual({ count: changed.length });
        const sum = (which: 0 | 1) => pairs.reduce((total, pair) => total.add(ExactNumber.parse(amountOf(pair[which]).amount!)), ExactNumber.ZERO);
        expect(fee.totalBefore).toBe(sum(0).toDecimal());
        expect(fee.totalAfter).toBe(sum(1).toDecimal());
        expect(fee.difference).toBe(sum(1).subtract(sum(0)).toDecimal());
        const binned = fee.histogram.reduce((n, bin) => n + ('count' in bin.citizens ? bin.citizens.count : 0), 0);
        expect(binned).toBeLessThanOrEqual(changed.length);
        expect(Number(fee.largest[0].replace('-', ''))).toBe(Math.max(...changed.map(([b, a]) => Math.abs(Number(amountOf(a).amount) - Number(amountOf(b).amount)))));

        const level = impact.answers.find((a): a is CategoryImpact => a.kind === 'category' && a.element === 'decisionTable/omvårdnad')!;
        const rowOf = (answer: CaseAnswer) => JSON.stringify((answer.decisions!.find(d => d.table === 'decisionTable/omvårdnad') as { outputs: unknown }).outputs);
        const moved = pairs.filter(([b, a]) => rowOf(b) !== rowOf(a));
        expect(level.changed).toEqual({ count: moved.length });
        expect(level.moves).toEqual([{ from: 'nivå 2, avgift 1409', to: 'nivå 3, avgift 2013', citizens: { count: moved.length } }]);
    });

    test('a count below 5, and every sum over fewer than 5 citizens, is never shown: "färre än 5" in text and JSON alike', () => {
        // Three citizens with 15 visits a week and no other service move to level 3; nobody has städning.
        const cases = register(40, 11).map((input, i) => ({
            ...input, citizen: { ...input.citizen, städning: false, tvätt: false, inköp: false, portioner: 0, ledsagning_per_månad: 0, larm: 'saknas', besök_per_vecka: i < 3 ? 15 : 3 },
        }));
        const tally = new ImpactTally();
        for (const input of cases) {
            tally.add(evaluateCase(before, input), evaluateCase(after, input), undefined);
        }
        const impact = tally.result();
        const level = impact.answers.find((a): a is CategoryImpact => a.element === 'decisionTable/omvårdnad')!;
        expect(level.changed).toEqual({ fewerThan: 5 });
        expect(level.moves[0].citizens).toEqual({ fewerThan: 5 });
        const fee = impact.answers.find((a): a is AmountImpact => a.element === 'calculation/hemtjänstavgift')!;
        expect(fee.changed).toEqual({ fewerThan: 5 });
        expect(fee.difference).toBeUndefined();
        expect(fee.largest).toEqual([]);
        const json = JSON.stringify(impact, null, 2);
        expect(json).not.toMatch(/"count": [1-4]\b/);
        const text = formatImpactText(impact, 'sv', { element: id => id, value: text => text });
        expect(text).toContain('decisionTable/omvårdnad: ändras för färre än 5 av 40 fall.');
        expect(text).not.toMatch(/\b[1-4] fall\b/);
    });
});
