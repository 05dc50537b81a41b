import fc from 'fast-check';
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import type { CompiledPolicyFile } from '@regelratt/format';
import { checkPolicies, compilePolicy, createRegelrattServices, diffPolicies, type DiffEntry } from '@regelratt/language';
import { PolicyRuntime } from '@regelratt/runtime';
import { calculationAnswer, claimedChange, inRegion, observedChange } from './region-membership.js';

/**
 * The exact regions of an amount's change held to brute force: random pairs of small policies
 * (formulas with min/max, choices, rounding, a decision table, a parameter with two versions; the
 * second version a mutation or an equivalent rewriting), every citizen of the small domains on a
 * date in each version period asked of both runtimes. Every region's example changes as claimed,
 * every citizen inside a region changes by the region's change, every citizen outside all regions
 * gets the same answer, and "the same answers" is never said where a citizen's answer differs.
 */
const { Regelratt } = createRegelrattServices(EmptyFileSystem);

const VOCABULARY = `egenskap x "Besök" : heltal 0–12 besök
egenskap y "Timmar" : heltal 0–6 timmar
egenskap b "Har städning" : ja/nej
parameter p "Avgift" : belopp {
    från 2024-01-01 till 2024-12-31 : P1 kr
    från 2025-01-01 : P2 kr
}
beslutstabell t "Nivå" {
    | x     || avgift |
    | 0–T1  || 0 kr   |
    | T2–8  || V1 kr  |
    | >= 9  || 300 kr |
}`;

const leaf = fc.oneof(
    fc.constantFrom('x × 10 kr', 'y × 25 kr', 'p', 't.avgift', 'del'),
    fc.integer({ min: 0, max: 40 }).map(v => `${v * 5} kr`),
);
const condition = fc.oneof(
    fc.constantFrom('b', 'inte b'),
    fc.tuple(fc.constantFrom('x', 'y'), fc.constantFrom('<', '<=', '>', '>='), fc.integer({ min: 0, max: 10 })).map(([a, op, n]) => `${a} ${op} ${n}`),
);
const formula = fc.letrec<{ f: string }>(tie => ({
    f: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        leaf,
        fc.tuple(tie('f'), fc.constantFrom('+', '−'), tie('f')).map(([a, op, b]) => `(${a} ${op} ${b})`),
        fc.tuple(fc.constantFrom('min', 'max'), tie('f'), tie('f')).map(([call, a, b]) => `${call}(${a}, ${b})`),
        fc.tuple(condition, tie('f'), tie('f')).map(([c, a, b]) => `(om ${c} så ${a} annars ${b})`),
        tie('f').map(a => `(${a} / 3 avrundat till hela kronor)`),
    ),
})).f;
const part = formula.map(f => f.replaceAll('del', '15 kr'));

/** Rewritings that keep every answer: a sum and a min reordered, `x >= k` as `x > k − 1`. */
function rewrite(text: string): string {
    return text
        .replace(/min\((.+), (.+)\)$/, 'min($2, $1)')
        .replace(/>= (\d+)/, (_m, n: string) => `> ${Number(n) - 1}`)
        .replace(/^\((.+) \+ (.+)\)$/, '($2 + $1)');
}

const MUTATIONS = ['constant', 'operator', 'criterion', 'parameter', 'table', 'del'] as const;
type Mutation = typeof MUTATIONS[number];
function mutate(text: string, kind: Mutation): string {
    switch (kind) {
        case 'constant': return text.replace(/(\d+) kr(?!\/)/, (_m, v: string) => `${Number(v) + 5} kr`);
        case 'operator': return text.includes('min(') ? text.replace('min(', 'max(') : text.replace(' + ', ' − ');
        case 'criterion': return text.replace(/ (<|<=|>|>=) (\d+)/, (_m, op: string, n: string) => ` ${({ '<': '<=', '<=': '<', '>': '>=', '>=': '>' } as Record<string, string>)[op]} ${n}`);
        default: return text;
    }
}

async function compile(svar: string, del: string, settings: { p2: string; v1: string; t1: number }): Promise<CompiledPolicyFile[] | undefined> {
    const text = `${VOCABULARY.replace('P1', '100').replace('P2', settings.p2).replace('V1', settings.v1).replace('T1', String(settings.t1)).replace('T2', String(settings.t1 + 1))}
beräkning del "Del" kan vara negativ = ${del}
beräkning svar "Svar" kan vara negativ = ${svar}`;
    const [checked] = await checkPolicies(Regelratt, [{ path: '/regions/p.regel', text }]);
    if (checked.diagnostics.some(d => d.severity === 'error')) {
        return undefined;
    }
    return [compilePolicy(checked.document.parseResult.value, 'p.regel')];
}

function answer(runtime: PolicyRuntime, citizen: Record<string, unknown>, date: string): string {
    return calculationAnswer(runtime, 'svar', citizen, date);
}

const citizens: Array<Record<string, unknown>> = [];
for (let x = 0; x <= 12; x++) {
    for (let y = 0; y <= 6; y++) {
        citizens.push({ x, y, b: true }, { x, y, b: false });
    }
}
const DATES = ['2023-06-01', '2024-06-01', '2024-12-31', '2025-01-01', '2026-06-01'];

describe('exact regions of an amount\'s change against brute force', () => {
    test('every region is real, every citizen outside the regions keeps its answer, rewritings are the same', async () => {
        const counts = { regions: 0, same: 0, outside: 0, rewritten: 0 };
        await fc.assert(fc.asyncProperty(formula, part, fc.boolean(), fc.constantFrom(...MUTATIONS), async (svar, del, equivalent, kind) => {
            const settings = { p2: '120', v1: '150', t1: 3 };
            const before = await compile(svar, del, settings);
            if (!before) {
                return;
            }
            const after = equivalent
                ? await compile(rewrite(svar), del, settings)
                : await compile(mutate(svar, kind), kind === 'del' ? mutate(del, 'constant') : del, {
                    p2: kind === 'parameter' ? '125' : '120', v1: kind === 'table' ? '155' : '150', t1: kind === 'table' ? 4 : 3,
                });
            if (!after) {
                return;
            }
            const text = `${svar}\n${del}\n${equivalent ? 'rewritten' : kind}`;
            const diff = diffPolicies(before, after, 'sv');
            const entry = diff.entries.find(e => e.element.name === 'svar' && (e.change === 'amount-answers' || e.change === 'undecided')) as
                Extract<DiffEntry, { change: 'amount-answers' | 'undecided' }> | undefined;
            const runtimes = [new PolicyRuntime(before), new PolicyRuntime(after)];
            const differing = DATES.flatMap(date => citizens.filter(c => answer(runtimes[0], c, date) !== answer(runtimes[1], c, date)).map(c => ({ c, date })));
            if (entry === undefined) {
                // "The same answers" (said or nothing said): never where a citizen's answer differs.
                expect(differing.map(d => JSON.stringify(d)), text).toEqual([]);
                counts.same++;
                counts.rewritten += equivalent ? 1 : 0;
                return;
            }
            if (entry.change === 'undecided' || !entry.regions) {
                expect(entry.outside, text).toBeDefined();
                counts.outside++;
                return;
            }
            counts.regions++;
            for (const region of entry.regions) {
                const was = answer(runtimes[0], region.citizen, region.example.date);
                const is = answer(runtimes[1], region.citizen, region.example.date);
                expect(observedChange(was, is, region.change.kind), `${text}\nexample of ${region.text}`).toBe(claimedChange(region, region.citizen));
                expect(was, text).not.toBe(is);
            }
            for (const date of DATES) {
                for (const citizen of citizens) {
                    const was = answer(runtimes[0], citizen, date);
                    const is = answer(runtimes[1], citizen, date);
                    const containing = entry.regions.filter(r => inRegion(r, citizen, date));
                    if (containing.length === 0) {
                        expect(is, `${text}\n${JSON.stringify({ citizen, date })} outside every region`).toBe(was);
                    }
                    for (const region of containing) {
                        expect(observedChange(was, is, region.change.kind), `${text}\n${JSON.stringify({ citizen, date })} in ${region.text}`).toBe(claimedChange(region, citizen));
                    }
                }
            }
        }), { numRuns: 120, seed: 20261205 });
        expect(counts.regions).toBeGreaterThan(10);
        expect(counts.same).toBeGreaterThan(5);
        expect(counts.rewritten).toBeGreaterThan(3);
    }, 300_000);
});
