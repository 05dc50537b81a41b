import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { analyseCalculationBounds, checkPolicies, compilePolicy, createRegelrattServices, minCalls, type BoundQuestion } from '@regelratt/language';
import { ExactNumber } from '@regelratt/format';
import { PolicyRuntime, RegelrattRuntimeError } from '@regelratt/runtime';

/**
 * "An amount can go below zero" and "a cap never decides", held to the runtime: random formulas
 * (sums and differences of amounts, incomes and costs without an upper bound, counts times prices,
 * divisions by counts and constants, min and max, choices on amounts, counts, yes/no and enumerations, shares, rounding steps, a
 * parameter that changes with the date, a decision table) written as .regel text, checked, compiled
 * and answered. A `negative` finding must be a question the runtime answers with that amount, below
 * zero; an analysis that finds nothing must be right for every citizen tried; a `cap-never-binds`
 * must hold for every citizen tried (the other argument at or below it).
 */
const money = fc.integer({ min: 0, max: 40 }).map(n => `${n * 250} kr`);
const criterion = fc.oneof(
    fc.integer({ min: 0, max: 40 }).map(n => `inkomst_x > ${n * 500} kr`),
    fc.integer({ min: 0, max: 40 }).map(n => `kostnad_x <= ${n * 500} kr`),
    fc.integer({ min: 0, max: 12 }).map(n => `antal >= ${n}`),
    fc.constant('val'),
    fc.constant('inte val'),
    fc.constantFrom('sort = a', 'sort i { b, c }'),
);
const formula: fc.Arbitrary<string> = fc.letrec<{ e: string }>(tie => ({
    e: fc.oneof(
        { depthSize: 'small' },
        { arbitrary: money, weight: 2 },
        { arbitrary: fc.constantFrom('inkomst_x', 'kostnad_x', 'pris', 't'), weight: 3 },
        { arbitrary: fc.integer({ min: 0, max: 8 }).map(n => `antal × ${n * 25} kr`), weight: 2 },
        { arbitrary: fc.tuple(tie('e'), fc.constantFrom('+', '−', '−'), tie('e')).map(([a, op, b]) => `(${a} ${op} ${b})`), weight: 4 },
        { arbitrary: fc.tuple(fc.constantFrom('min', 'max'), tie('e'), tie('e')).map(([f, a, b]) => `${f}(${a}, ${b})`), weight: 3 },
        { arbitrary: fc.tuple(tie('e'), tie('e'), tie('e')).map(([a, b, c]) => `min(${a}, ${b}, ${c})`), weight: 1 },
        // A takbelopp per level from a table column as a cap: a level's may be above every other argument.
        { arbitrary: fc.tuple(tie('e'), fc.constantFrom('2 000 kr', 'pris', 'maxtaxa_t', 'inkomst_x')).map(([a, b]) => `min(${a}, tak_t.tak, ${b})`), weight: 1 },
        { arbitrary: fc.tuple(criterion, tie('e'), tie('e')).map(([c, a, b]) => `(om ${c} så ${a} annars ${b})`), weight: 2 },
        { arbitrary: tie('e').map(a => `(${a} × 70 %)`), weight: 1 },
        { arbitrary: tie('e').map(a => `−${a}`), weight: 1 },
        // Divisions: by a count that can be zero (no answer there), by one that cannot, by a constant,
        // by one kept from zero by max (proved only by the divisor's interval) or not (max(…, 0)).
        { arbitrary: fc.tuple(tie('e'), fc.constantFrom('antal', '(antal + 1)', '4', '(0 − 3)', 'max(antal, 1)', 'max(antal − 3, 1)', 'max(antal − 3, 0)', '(antal − 4)')).map(([a, d]) => `(${a} / ${d})`), weight: 1 },
        { arbitrary: fc.tuple(tie('e'), fc.constantFrom('hela kronor', 'hela kronor, nedåt', 'hela kronor, uppåt', 'öre, halva till jämnt')).map(([a, r]) => `(${a} avrundat till ${r})`), weight: 1 },
    ),
})).e;

function policyText(value: string): string {
    return [
        'egenskap inkomst_x : belopp per månad',
        'egenskap kostnad_x : belopp per månad',
        'egenskap antal : heltal 0–12 besök',
        'egenskap val : ja/nej',
        'egenskap sort : en av { a, b, c }',
        'parameter pris : belopp { från 2024-01-01 till 2024-12-31 : 1 000 kr  från 2025-01-01 : 800 kr }',
        'beslutstabell t {',
        '    | sort || avgift |',
        '    | a || 300 kr |',
        '    | b || 0 kr |',
        '    | c || 1 200 kr |',
        '}',
        'parameter maxtaxa_t : belopp { från 2024-01-01 till 2024-12-31 : 2 359 kr  från 2025-01-01 : 2 600 kr }',
        'beslutstabell tak_t {',
        '    nivåer 1–3',
        '    | nivå || tak |',
        '    | 1 || 500 kr |',
        '    | 2 || 2 500 kr |',
        '    | 3 || 6 000 kr |',
        '}',
        `beräkning f = ${value}`,
    ].join('\n');
}

const citizen = fc.record({
    inkomst_x: fc.oneof(fc.integer({ min: 0, max: 25_000 }), fc.constantFrom(0, 1_000_000)),
    kostnad_x: fc.oneof(fc.integer({ min: 0, max: 25_000 }), fc.constantFrom(0, 1_000_000)),
    antal: fc.integer({ min: 0, max: 12 }),
    val: fc.boolean(),
    sort: fc.constantFrom('a', 'b', 'c'),
    date: fc.constantFrom('2024-06-01', '2025-06-01'),
    level: fc.integer({ min: 1, max: 3 }),
});
type Citizen = typeof citizen extends fc.Arbitrary<infer C> ? C : never;
const input = (c: Citizen) => ({ inkomst_x: String(c.inkomst_x), kostnad_x: String(c.kostnad_x), antal: String(c.antal), val: c.val, sort: c.sort });

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

function answer(question: () => string): ExactNumber | undefined {
    try {
        return ExactNumber.parse(question());
    } catch (error) {
        if (error instanceof RegelrattRuntimeError) {
            return undefined;
        }
        throw error;
    }
}

describe('calculation bounds: the analysis and the runtime agree', () => {
    test('every negative amount is the runtime\'s, a silent analysis holds for every citizen tried, and a cap said never to decide never does', async () => {
        const counts = { negative: 0, provenNonNegative: 0, negativeUndecided: 0, capNeverBinds: 0, capDecides: 0, divisionByZero: 0, divisionGuarded: 0, capRowNeverBinds: 0, capRowAsked: 0 };
        await fc.assert(fc.asyncProperty(formula, fc.array(citizen, { minLength: 12, maxLength: 12 }), async (value, citizens) => {
            const text = policyText(value);
            const [checked] = await checkPolicies(Regelratt, [{ path: '/bounds/f.regel', text }]);
            // A division by a count that can be 0 is a finding under test here (below), not a broken policy.
            expect(checked.diagnostics.filter(d => d.severity === 'error' && d.code !== 'division-by-zero').map(d => d.message), text).toEqual([]);
            const runtime = new PolicyRuntime([compilePolicy(checked.document.parseResult.value, 'f.regel')]);
            const findings = analyseCalculationBounds(runtime, 'calculation/f', { negative: true });
            const ask = (date: string, question: BoundQuestion) => answer(() => runtime.calculate('calculation/f', { date, citizen: question.citizen, level: question.level }, { explain: false }).amount);

            const negative = findings.find(f => f.kind === 'negative');
            if (negative?.kind === 'negative') {
                counts.negative++;
                const got = ask(negative.date ?? '2025-06-01', negative.question);
                expect(got?.toDecimal(), text).toBe(negative.amount);
                expect(got!.compare(ExactNumber.ZERO), text).toBeLessThan(0);
            } else if (findings.some(f => f.kind === 'negative-undecided')) {
                counts.negativeUndecided++;
            } else {
                counts.provenNonNegative++;
                for (const c of citizens) {
                    const got = ask(c.date, { citizen: input(c), level: c.level });
                    if (got) {
                        expect(got.compare(ExactNumber.ZERO), `${text}\n${JSON.stringify(c)} gives ${got.toDecimal()}`).toBeGreaterThanOrEqual(0);
                    }
                }
            }

            // Division by zero: every citizen named is refused by the runtime for it; where nothing is
            // said (not even undecided), no citizen tried is.
            const refusesForZero = (date: string, question: BoundQuestion) => {
                try {
                    runtime.calculate('calculation/f', { date, citizen: question.citizen, level: question.level }, { explain: false });
                    return false;
                } catch (error) {
                    return error instanceof RegelrattRuntimeError && error.details.reason === 'division-by-zero';
                }
            };
            const divisions = findings.filter(f => f.kind === 'division-by-zero' || f.kind === 'division-undecided');
            for (const finding of divisions) {
                if (finding.kind === 'division-by-zero') {
                    counts.divisionByZero++;
                    expect(refusesForZero(finding.date ?? '2025-06-01', finding.question ?? { citizen: input(citizens[0]), level: citizens[0].level }), text).toBe(true);
                }
            }
            if (divisions.length === 0) {
                if (value.includes(' / max(antal')) {
                    counts.divisionGuarded++;
                }
                for (const c of citizens) {
                    expect(refusesForZero(c.date, { citizen: input(c), level: c.level }), `${text}\n${JSON.stringify(c)}`).toBe(false);
                }
            }

            const calls = minCalls(runtime.policy.get('calculation/f', 'calculation').value);
            for (const finding of findings) {
                if (finding.kind !== 'cap-never-binds') {
                    continue;
                }
                counts.capNeverBinds++;
                const call = calls[finding.call];
                for (const c of citizens) {
                    const question = { date: c.date, citizen: input(c), level: c.level };
                    const cap = answer(() => runtime.evaluate(call.args[finding.argument], question));
                    const below = answer(() => runtime.evaluate(call.args[finding.below], question));
                    if (cap && below) {
                        expect(below.compare(cap), `${text}\nmin ${finding.call}, argument ${finding.argument} against ${finding.below}, ${JSON.stringify(c)}`).toBeLessThanOrEqual(0);
                    }
                }
            }
            // A row of a table column that never decides: for everyone the row is for (at its level,
            // where it names one), on every date, the other argument named is at or below the row's value.
            for (const finding of findings) {
                if (finding.kind !== 'cap-row-never-binds') {
                    continue;
                }
                counts.capRowNeverBinds++;
                const call = calls[finding.call];
                if (finding.table === 'decisionTable/tak_t') {
                    expect(finding.level, text).toBe(finding.row + 1);
                }
                expect(ExactNumber.parse(finding.belowAmount).compare(ExactNumber.parse(finding.amount)), text).toBeLessThanOrEqual(0);
                for (const c of citizens) {
                    const question = { date: c.date, citizen: input(c), level: finding.level ?? c.level };
                    const cap = answer(() => runtime.evaluate(call.args[finding.argument], question));
                    const below = answer(() => runtime.evaluate(call.args[finding.below], question));
                    if (below) {
                        expect(below.compare(ExactNumber.parse(finding.belowAmount)), `${text}\n${JSON.stringify(c)}`).toBeLessThanOrEqual(0);
                    }
                    if (below && cap?.toDecimal() === finding.amount) {
                        counts.capRowAsked++;
                        expect(below.compare(cap), `${text}\nmin ${finding.call}, row ${finding.row} against ${finding.below}, ${JSON.stringify(c)}`).toBeLessThanOrEqual(0);
                    }
                }
            }
            counts.capDecides += calls.reduce((n, call) => n + call.args.length, 0) - findings.filter(f => f.kind === 'cap-never-binds' || f.kind === 'cap-undecided').length;
        }), { numRuns: 600, seed: 1126 });
        // The property is only as good as its mix: each outcome must occur.
        expect(counts.negative).toBeGreaterThan(30);
        expect(counts.provenNonNegative).toBeGreaterThan(30);
        expect(counts.capNeverBinds).toBeGreaterThan(5);
        expect(counts.capDecides).toBeGreaterThan(30);
        expect(counts.divisionByZero).toBeGreaterThan(5);
        expect(counts.divisionGuarded).toBeGreaterThan(5);
        expect(counts.capRowNeverBinds).toBeGreaterThan(5);
        expect(counts.capRowAsked).toBeGreaterThan(20);
        console.log(`calculation bounds: ${JSON.stringify(counts)}`);
    }, 120_000);
});
