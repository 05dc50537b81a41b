import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { PolicyRuntime, RegelrattRuntimeError } from '@regelratt/runtime';

/**
 * Several förlopp at once, from .regel text to answers: random förloppsmodeller of two to four
 * förlopp over a small domain, each naming a random set of the others as `sekundärt` (half the time
 * every other one, so that three or four hold at once with every pair allowed). The checker's
 * coverage diagnostics and the runtime's placement of every citizen of the domain must agree, by the
 * one rule (docs/language.md, `combinePathways`): one förlopp and at most one secondary.
 *
 * - `pathways-at-once` is reported exactly when the runtime refuses some citizen for whom three or
 *   more förlopp hold with every pair of them allowed, and its example citizen is refused so;
 * - `pathway-overlap` exactly when it refuses some citizen for whom two hold that are not allowed
 *   together (with others or not), and its example is refused so; `pathway-gap` exactly when some
 *   citizen is placed nowhere;
 * - a model with none of them places every citizen.
 */
const VOCABULARY = [
    'insats hemvård',
    'egenskap förmåga : en av { hög, mellan, låg }',
    'egenskap ålder : heltal 0–6 år',
    'egenskap svikt : ja/nej',
].join('\n');
const citizens: Array<Record<string, string | boolean>> = [];
for (const förmåga of ['hög', 'mellan', 'låg']) {
    for (let ålder = 0; ålder <= 6; ålder++) {
        for (const svikt of [true, false]) {
            citizens.push({ förmåga, ålder: String(ålder), svikt });
        }
    }
}

const comparison = fc.oneof(
    fc.constantFrom('förmåga = hög', 'förmåga ≠ låg', 'förmåga i { hög, mellan }', 'förmåga i { mellan, låg }', 'svikt', 'inte svikt'),
    fc.integer({ min: 0, max: 6 }).map(n => `ålder >= ${n}`),
    fc.integer({ min: 0, max: 6 }).map(n => `ålder < ${n}`),
    fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })).map(([a, b]) => `ålder i ${Math.min(a, b)}–${Math.max(a, b)}`),
);
const criterion = fc.oneof(
    { arbitrary: comparison, weight: 3 },
    { arbitrary: fc.tuple(comparison, fc.constantFrom('och', 'eller'), comparison).map(([a, op, b]) => `(${a}) ${op} (${b})`), weight: 2 },
);

/** Two to four förlopp with their criteria and, for each, the others it names as `sekundärt`. */
const modelArb = fc.array(criterion, { minLength: 2, maxLength: 4 }).chain(criteria => {
    const others = (i: number) => criteria.map((_, j) => j).filter(j => j !== i);
    return fc.tuple(fc.constant(criteria), fc.oneof(
        fc.constant(criteria.map((_, i) => others(i))),
        fc.tuple(...criteria.map((_, i) => fc.subarray(others(i)))),
    ));
});

function modelText(criteria: string[], secondary: number[][]): string {
    return [
        'förloppsmodell m {',
        '    avser hemvård',
        ...criteria.map((c, i) => `    förlopp p${i} { när ${c}${secondary[i].length > 0 ? `  sekundärt ${secondary[i].map(j => `p${j}`).join(', ')}` : ''} }`),
        '}',
    ].join('\n');
}

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

type Placed = 'placed' | 'none' | 'refused' | 'refused, every pair allowed';

/** The runtime's placement of a citizen; a refusal of three or more förlopp each pair of which is allowed told apart. */
function placement(runtime: PolicyRuntime, citizen: Record<string, string | boolean>, secondary: number[][]): Placed {
    try {
        return runtime.placeInPathway('m', citizen).pathway === null ? 'none' : 'placed';
    } catch (error) {
        if (!(error instanceof RegelrattRuntimeError) || (error.key !== 'too-many-pathways' && error.key !== 'pathways-not-allowed-together')) {
            throw error;
        }
        const holding = (error.details.pathways as string[]).map(id => Number(id.replace('pathway/p', '')));
        const allowed = (a: number, b: number) => secondary[a].includes(b) || secondary[b].includes(a);
        const everyPair = holding.every((a, i) => holding.slice(i + 1).every(b => allowed(a, b)));
        return error.key === 'too-many-pathways' && everyPair ? 'refused, every pair allowed' : 'refused';
    }
}

/** An example completed with the first value of each attribute it leaves free. */
function completed(example: Record<string, string>): Record<string, string | boolean> {
    return { förmåga: 'hög', ålder: '0', svikt: false, ...Object.fromEntries(Object.entries(example).map(([k, v]) => [k, k === 'svikt' ? v === 'ja' : v])) };
}

describe('several förlopp at once: the checker and the runtime agree, from .regel text', () => {
    test('pathways-at-once, pathway-overlap and pathway-gap exactly where the runtime refuses or places nobody', async () => {
        const counts = { tooMany: 0, overlap: 0, gap: 0, clean: 0, threeAllowed: 0 };
        await fc.assert(fc.asyncProperty(modelArb, async ([criteria, secondary]) => {
            const model = modelText(criteria, secondary);
            const [checked] = await checkPolicies(Regelratt, [{ path: '/pathways/m.regel', text: `${VOCABULARY}\n${model}` }]);
            const codes = (code: string) => checked.diagnostics.filter(d => d.code === code);
            expect(checked.diagnostics.filter(d => d.severity === 'error' && !['pathways-at-once', 'pathway-overlap', 'pathway-gap'].includes(d.code)).map(d => d.message), model).toEqual([]);
            const runtime = new PolicyRuntime([compilePolicy(checked.document.parseResult.value, 'm.regel')]);
            const answers = citizens.map(c => placement(runtime, c, secondary));
            // Three or more that hold with each pair allowed: `pathways-at-once`; two (or more) of which
            // some pair is not allowed: `pathway-overlap`. Both are refusals, and nothing else is.
            expect(codes('pathways-at-once').length > 0, model).toBe(answers.includes('refused, every pair allowed'));
            expect(codes('pathway-overlap').length > 0, model).toBe(answers.includes('refused'));
            expect(codes('pathway-gap').length > 0, model).toBe(answers.includes('none'));
            for (const diagnostic of codes('pathways-at-once')) {
                expect(placement(runtime, completed(diagnostic.witness!.example), secondary), `${model}\n${diagnostic.message}`).toBe('refused, every pair allowed');
            }
            for (const diagnostic of codes('pathway-overlap')) {
                expect(placement(runtime, completed(diagnostic.witness!.example), secondary), `${model}\n${diagnostic.message}`).toBe('refused');
            }
            for (const diagnostic of codes('pathway-gap')) {
                expect(placement(runtime, completed(diagnostic.witness!.example), secondary), `${model}\n${diagnostic.message}`).toBe('none');
            }
            counts.tooMany += answers.includes('refused, every pair allowed') ? 1 : 0;
            counts.overlap += answers.includes('refused') ? 1 : 0;
            counts.gap += answers.includes('none') ? 1 : 0;
            counts.clean += answers.every(a => a === 'placed') ? 1 : 0;
            counts.threeAllowed += criteria.length >= 3 && secondary.every(s => s.length === criteria.length - 1) ? 1 : 0;
        }), { numRuns: 200, seed: 2311 });
        // The generator must reach each outcome, three mutually allowed förlopp at once among them.
        expect(counts.tooMany).toBeGreaterThan(10);
        expect(counts.overlap).toBeGreaterThan(10);
        expect(counts.gap).toBeGreaterThan(10);
        expect(counts.clean).toBeGreaterThan(3);
        expect(counts.threeAllowed).toBeGreaterThan(10);
        console.log(`pathways at once: ${JSON.stringify(counts)}`);
    }, 120_000);
});
