import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { checkPolicies, compilePolicy, createRegelrattServices, diffPolicies, type ChangedRegion } from '@regelratt/language';
import { PolicyRuntime, RegelrattRuntimeError } from '@regelratt/runtime';

/**
 * The semantic diff held to brute force: random förloppsmodeller, pilots and decision tables over
 * small domains (every citizen can be enumerated), a "before" and an "after" that is either a
 * rewriting with the same meaning (De Morgan, a range split in two, a set for an equality, rows in
 * another order under a unique hit policy) or a random edit. The runtime answers every citizen of the
 * domain in both versions. The diff must report a change exactly when some citizen's answer
 * changes, "the same answer for every citizen" for every rewriting, and every region's example
 * citizen must get from the runtime the two answers the region claims.
 */
const VOCABULARY = [
    'egenskap förmåga : en av { hög, mellan, låg }',
    'egenskap ålder : heltal 0–6 år',
    'egenskap svikt : ja/nej',
].join('\n');
const citizens: Array<Record<string, string | number | boolean>> = [];
for (const förmåga of ['hög', 'mellan', 'låg']) {
    for (let ålder = 0; ålder <= 6; ålder++) {
        for (const svikt of [true, false]) {
            citizens.push({ förmåga, ålder, svikt });
        }
    }
}

const comparison = fc.oneof(
    fc.constantFrom('förmåga', 'förmåga'),
    fc.constant('svikt'),
    fc.constant('ålder'),
).chain(attribute => (attribute === 'förmåga'
    ? fc.constantFrom('förmåga = hög', 'förmåga = mellan', 'förmåga = låg', 'förmåga i { hög, mellan }', 'förmåga ≠ låg')
    : attribute === 'svikt' ? fc.constantFrom('svikt', 'inte svikt')
        : fc.tuple(fc.constantFrom('<', '<=', '>', '>=', '='), fc.integer({ min: 0, max: 6 })).map(([op, n]) => `ålder ${op} ${n}`)));
const criterion: fc.Arbitrary<string> = fc.letrec<{ c: string }>(tie => ({
    c: fc.oneof({ depthSize: 'small' }, comparison, fc.tuple(tie('c'), fc.constantFrom('och', 'eller'), tie('c')).map(([a, op, b]) => `(${a} ${op} ${b})`), tie('c').map(c => `inte (${c})`)),
})).c;

/** Rewritings that keep every citizen's answer. */
function rewrite(text: string, seed: number): string {
    const rules: Array<(t: string) => string> = [
        t => `inte (inte (${t}))`,
        t => `(${t} och (svikt eller inte svikt))`,
        t => t.replace(/ålder <= (\d)/, (_, n) => `(ålder < ${n} eller ålder = ${n})`),
        t => t.replace(/förmåga = hög/, 'förmåga i { hög }'),
        t => t.replace(/\((.+) och (.+)\)/, 'inte (inte ($1) eller inte ($2))'),
    ];
    return rules[seed % rules.length](text);
}

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

function answer(question: () => string): string {
    try {
        return question();
    } catch (error) {
        if (error instanceof RegelrattRuntimeError) {
            return `fel ${error.code}: ${error.message}`;
        }
        throw error;
    }
}

function checkAgainstBruteForce(regions: ChangedRegion[] | 'same', answers: { before: (c: Record<string, unknown>) => string; after: (c: Record<string, unknown>) => string }, text: string) {
    const differing = citizens.filter(c => answers.before(c) !== answers.after(c));
    if (regions === 'same') {
        expect(differing, text).toEqual([]);
        return;
    }
    expect(differing.length, text).toBeGreaterThan(0);
    for (const region of regions) {
        const example = Object.fromEntries(Object.entries(region.witness.example).map(([k, v]) => [k, k === 'ålder' ? Number(v) : k === 'svikt' ? v === 'ja' : v]));
        // Attributes the region leaves free may take any value: try each citizen that agrees with the example.
        const members = citizens.filter(c => Object.entries(example).every(([k, v]) => c[k] === v));
        expect(members.length, text).toBeGreaterThan(0);
        for (const member of members) {
            expect(answers.before(member) !== answers.after(member), `${text}\n${JSON.stringify(member)} in ${region.witness.text}`).toBe(true);
        }
    }
}

describe('the semantic diff against brute force', () => {
    test('förloppsmodeller: a rewriting is the same for every citizen; any change is found, with true examples', async () => {
        let same = 0;
        let changed = 0;
        let refusedMutual = 0;
        // Which förlopp name which as `sekundärt`: f0 names f1, or every förlopp names every other one
        // (three that hold at once then allow each other pairwise, and the runtime refuses them).
        await fc.assert(fc.asyncProperty(fc.array(criterion, { minLength: 2, maxLength: 3 }), fc.nat(), fc.option(criterion, { nil: undefined }), fc.boolean(), async (criteria, seed, edit, mutual) => {
            const secondary = (i: number, count: number) => (mutual
                ? `sekundärt ${Array.from({ length: count }, (_, j) => `f${j}`).filter(f => f !== `f${i}`).join(', ')}`
                : i === 0 ? 'sekundärt f1' : '');
            const model = (cs: string[]) => `förloppsmodell m {\n${cs.map((c, i) => `  förlopp f${i} { när ${c} ${secondary(i, cs.length)} }`).join('\n')}\n}`;
            const before = model(criteria);
            const afterCriteria = edit === undefined ? criteria.map((c, i) => (i === seed % criteria.length ? rewrite(c, seed) : c)) : criteria.map((c, i) => (i === seed % criteria.length ? edit : c));
            const after = model(afterCriteria);
            // Gaps and overlaps are errors the checker reports; the diff compares answers, errors included.
            const [b] = await checkPolicies(Regelratt, [{ path: '/diff/p.regel', text: `${VOCABULARY}\n${before}` }]);
            const beforeFiles = [compilePolicy(b.document.parseResult.value, 'p.regel')];
            const [a] = await checkPolicies(Regelratt, [{ path: '/diff/p.regel', text: `${VOCABULARY}\n${after}` }]);
            const afterFiles = [compilePolicy(a.document.parseResult.value, 'p.regel')];
            const diff = diffPolicies(beforeFiles, afterFiles, 'sv');
            const runtimes = { before: new PolicyRuntime(beforeFiles), after: new PolicyRuntime(afterFiles) };
            const placed = (runtime: PolicyRuntime) => (c: Record<string, unknown>) => answer(() => {
                const p = runtime.placeInPathway('m', c);
                return `${p.pathway}/${p.secondary}`;
            });
            const entry = diff.entries.find(e => e.element.kind === 'pathwayModel');
            const text = `${before}\n---\n${after}`;
            if (mutual && citizens.some(c => placed(runtimes.before)(c).startsWith('fel') || placed(runtimes.after)(c).startsWith('fel'))) {
                refusedMutual++;
            }
            if (entry?.change === 'answers') {
                changed++;
                expect(entry.complete).toBe(true);
                checkAgainstBruteForce(entry.regions, { before: placed(runtimes.before), after: placed(runtimes.after) }, text);
            } else {
                same++;
                checkAgainstBruteForce('same', { before: placed(runtimes.before), after: placed(runtimes.after) }, text);
                if (edit === undefined && before !== after) {
                    expect(entry?.change, text).toBe('same-answers');
                }
            }
        }), { numRuns: 150, seed: 4711 });
        expect(same).toBeGreaterThan(20);
        expect(changed).toBeGreaterThan(20);
        // Models whose förlopp all allow each other, where some citizen is refused (three at once): reached.
        expect(refusedMutual).toBeGreaterThan(5);
    });

    test('pilots: newly included and newly excluded citizens, exactly', async () => {
        await fc.assert(fc.asyncProperty(criterion, criterion, fc.option(criterion, { nil: undefined }), async (inclusion, edit, exclusion) => {
            const pilot = (rule: string) => `pilot p { inkludera när ${rule}${exclusion ? ` exkludera när ${exclusion}` : ''} }`;
            const beforeFiles = await compiledLoose(pilot(inclusion));
            const afterFiles = await compiledLoose(pilot(edit));
            const diff = diffPolicies(beforeFiles, afterFiles, 'sv');
            const included = (runtime: PolicyRuntime) => (c: Record<string, unknown>) => answer(() => (runtime.checkInclusion('p', c).included ? 'inkluderas' : 'inkluderas inte'));
            const entry = diff.entries.find(e => e.element.kind === 'pilot' && (e.change === 'answers' || e.change === 'same-answers'));
            const answers = { before: included(new PolicyRuntime(beforeFiles)), after: included(new PolicyRuntime(afterFiles)) };
            const text = `${inclusion} → ${edit}`;
            if (entry?.change === 'answers') {
                checkAgainstBruteForce(entry.regions, answers, text);
                for (const region of entry.regions) {
                    expect(['inkluderas', 'inkluderas inte']).toContain(region.before);
                }
            } else {
                checkAgainstBruteForce('same', answers, text);
            }
        }), { numRuns: 100, seed: 11 });
    });
});

describe('the semantic diff of decision tables against brute force', () => {
    const cell = fc.oneof(
        fc.constant('-'),
        fc.integer({ min: 0, max: 6 }).map(String),
        fc.tuple(fc.constantFrom('<', '>='), fc.integer({ min: 0, max: 6 })).map(([op, n]) => `${op} ${n}`),
        fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })).map(([a, b]) => `${Math.min(a, b)}–${Math.max(a, b)}`),
    );
    const row = fc.tuple(cell, fc.constantFrom('-', 'hög', 'mellan', 'låg'), fc.integer({ min: 0, max: 4 }).map(n => n * 100));
    const table = (rows: Array<[string, string, number]>) => ['beslutstabell d {', '    träff första', '    | ålder | förmåga || avgift |',
        ...rows.map(([a, f, amount]) => `    | ${a} | ${f} || ${amount} kr |`), '    | - | - || 0 kr |', '}'].join('\n');

    test('every changed region is real, and "no change" means no citizen changes', async () => {
        let changed = 0;
        let same = 0;
        await fc.assert(fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 4 }), fc.array(row, { minLength: 1, maxLength: 4 }), fc.boolean(), async (rows, edited, keep) => {
            const before = table(rows);
            // Half the time the same rows (a table that did not change, or only its layout).
            const after = keep ? table(rows).replace(/\|\s+/g, '| ') : table(edited);
            const beforeFiles = await compiledLoose(before);
            const afterFiles = await compiledLoose(after);
            const diff = diffPolicies(beforeFiles, afterFiles, 'sv');
            const decided = (runtime: PolicyRuntime) => (c: Record<string, unknown>) => answer(() => runtime.decisionValue(runtime.decide('d', { date: '2025-01-01', citizen: c })));
            const answers = { before: decided(new PolicyRuntime(beforeFiles)), after: decided(new PolicyRuntime(afterFiles)) };
            const entry = diff.entries.find(e => e.element.kind === 'decisionTable' && e.change === 'answers');
            if (entry?.change === 'answers') {
                changed++;
                checkAgainstBruteForce(entry.regions, answers, `${before}\n---\n${after}`);
            } else {
                same++;
                checkAgainstBruteForce('same', answers, `${before}\n---\n${after}`);
            }
        }), { numRuns: 120, seed: 2026 });
        expect(changed).toBeGreaterThan(20);
        expect(same).toBeGreaterThan(20);
    });
});

/** Compiles without requiring a clean check: pilots whose rule excludes everyone are still compared. */
async function compiledLoose(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/diff/p.regel', text: `${VOCABULARY}\n${text}` }]);
    expect(checked.diagnostics.filter(d => d.code === 'syntax-error' || d.code === 'unresolved-reference'), text).toEqual([]);
    return [compilePolicy(checked.document.parseResult.value, 'p.regel')];
}

