import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ExactNumber, type Criterion } from '@regelratt/format';
import { analyseCoverage, findWitness, splitCases, type AnalysedAttribute, type Region } from '@regelratt/language';
import { PolicyRuntime, RegelrattRuntimeError } from '@regelratt/runtime';
import type { CompiledPolicyFile } from '@regelratt/format';

/**
 * Differential tests: the case split must agree with brute-force enumeration over small random
 * domains and criteria. The oracle below is written independently of the analysis: plain numbers,
 * plain recursion, every value of every domain (decimals sampled at quarters, finer than any
 * constant the generator uses, so every region is hit).
 */

type Value = string | boolean | number;
type Assignment = Record<string, Value>;

interface Attr { id: string; kind: 'enumeration' | 'boolean' | 'integer' | 'decimal'; values: Value[]; min: number; max: number }

const attributeArb = (index: number): fc.Arbitrary<Attr> => fc.oneof(
    fc.constant<Attr>({ id: `a${index}`, kind: 'boolean', values: [true, false], min: 0, max: 0 }),
    fc.integer({ min: 2, max: 4 }).map<Attr>(n => ({ id: `a${index}`, kind: 'enumeration', values: Array.from({ length: n }, (_, i) => `v${i}`), min: 0, max: 0 })),
    fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 5 })).map<Attr>(([min, width]) => ({
        id: `a${index}`, kind: 'integer', min, max: min + width, values: Array.from({ length: width + 1 }, (_, i) => min + i),
    })),
    fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 1, max: 3 })).map<Attr>(([min, width]) => ({
        id: `a${index}`, kind: 'decimal', min, max: min + width, values: Array.from({ length: width * 4 + 1 }, (_, i) => min + i / 4),
    })),
);

const atomArb = (attr: Attr): fc.Arbitrary<Criterion> => {
    const attribute = attr.id;
    switch (attr.kind) {
        case 'boolean':
            return fc.oneof(
                fc.constant<Criterion>({ attribute, test: true }),
                fc.tuple(fc.constantFrom<'=' | '!='>('=', '!='), fc.boolean()).map(([op, b]) => ({ attribute, op, value: { boolean: b } })),
            );
        case 'enumeration':
            return fc.oneof(
                fc.tuple(fc.constantFrom<'=' | '!='>('=', '!='), fc.constantFrom(...(attr.values as string[]))).map(([op, v]) => ({ attribute, op, value: { enumeration: v } })),
                fc.subarray(attr.values as string[], { minLength: 1 }).map(vs => ({ attribute, in: vs.map(v => ({ enumeration: v })) })),
            );
        default: {
            // Constants a little outside the domain too, and halves for decimals.
            const constant = attr.kind === 'integer'
                ? fc.integer({ min: attr.min - 1, max: attr.max + 1 })
                : fc.integer({ min: (attr.min - 1) * 2, max: (attr.max + 1) * 2 }).map(n => n / 2);
            return fc.oneof(
                fc.tuple(fc.constantFrom<'=' | '!=' | '<' | '<=' | '>' | '>='>('=', '!=', '<', '<=', '>', '>='), constant)
                    .map(([op, c]) => ({ attribute, op, value: { number: String(c) } })),
                fc.tuple(constant, constant).map(([a, b]) => ({ attribute, between: { min: String(Math.min(a, b)), max: String(Math.max(a, b)) } })),
                fc.array(constant, { minLength: 1, maxLength: 3 }).map(cs => ({ attribute, in: cs.map(c => ({ number: String(c) })) })),
            );
        }
    }
};

const criterionArb = (attrs: Attr[]): fc.Arbitrary<Criterion> => {
    const atoms = fc.oneof(...attrs.map(atomArb));
    const { tree } = fc.letrec<{ tree: Criterion }>(tie => ({
        tree: fc.oneof(
            { depthSize: 'small', withCrossShrink: true },
            atoms,
            fc.array(tie('tree'), { minLength: 2, maxLength: 3 }).map(all => ({ all })),
            fc.array(tie('tree'), { minLength: 2, maxLength: 3 }).map(any => ({ any })),
            tie('tree').map(not => ({ not })),
        ),
    }));
    return tree;
};

const problemArb = fc.integer({ min: 1, max: 3 })
    .chain(n => fc.tuple(...Array.from({ length: n }, (_, i) => attributeArb(i))))
    .chain(attrs => fc.tuple(fc.constant(attrs), fc.array(criterionArb(attrs), { minLength: 1, maxLength: 3 })));

// ---------------------------------------------------------------- the oracle

function evaluate(criterion: Criterion, assignment: Assignment): boolean {
    if ('all' in criterion) return criterion.all.every(c => evaluate(c, assignment));
    if ('any' in criterion) return criterion.any.some(c => evaluate(c, assignment));
    if ('not' in criterion) return !evaluate(criterion.not, assignment);
    const value = assignment[criterion.attribute];
    const literal = (l: object): Value => ('boolean' in l ? l.boolean : 'enumeration' in l ? l.enumeration : Number((l as { number: string }).number)) as Value;
    if ('test' in criterion) return value === true;
    if ('between' in criterion) return (value as number) >= Number(criterion.between.min) && (value as number) <= Number(criterion.between.max);
    if ('in' in criterion) return criterion.in.some(l => literal(l) === value);
    // The split takes no named values (the analyses replace a parameter by its value first); the generator makes none.
    if ('against' in criterion) throw new Error('a named value reached the oracle');
    const other = literal(criterion.value);
    switch (criterion.op) {
        case '=': return value === other;
        case '!=': return value !== other;
        case '<': return (value as number) < (other as number);
        case '<=': return (value as number) <= (other as number);
        case '>': return (value as number) > (other as number);
        case '>=': return (value as number) >= (other as number);
    }
}

function* everyAssignment(attrs: Attr[], index = 0, partial: Assignment = {}): Generator<Assignment> {
    if (index === attrs.length) {
        yield { ...partial };
        return;
    }
    for (const value of attrs[index].values) {
        partial[attrs[index].id] = value;
        yield* everyAssignment(attrs, index + 1, partial);
    }
}

function contains(region: Region | undefined, value: Value): boolean {
    if (!region) return true;
    if (region.kind === 'value') return region.value === value;
    if (region.kind === 'values') return region.values.includes(value as string | boolean);
    const v = ExactNumber.parse(String(value));
    const above = !region.lo || (region.loClosed ? v.compare(region.lo) >= 0 : v.compare(region.lo) > 0);
    const below = !region.hi || (region.hiClosed ? v.compare(region.hi) <= 0 : v.compare(region.hi) < 0);
    return above && below;
}

function analysed(attrs: Attr[]): Map<string, AnalysedAttribute> {
    return new Map(attrs.map(a => [a.id, {
        id: a.id, name: a.id,
        domain: a.kind === 'boolean' ? { kind: 'boolean' as const }
            : a.kind === 'enumeration' ? { kind: 'enumeration' as const, values: a.values as string[] }
            : { kind: a.kind, min: ExactNumber.parse(String(a.min)), max: ExactNumber.parse(String(a.max)) },
    }]));
}

const runs = { numRuns: 300, seed: 20261124 };

describe('the case split agrees with brute force', () => {
    test('every citizen lies in exactly one case, and each case decides every criterion as the citizen does', () => {
        fc.assert(fc.property(problemArb, ([attrs, criteria]) => {
            const split = splitCases(criteria, analysed(attrs));
            expect(split.complete).toBe(true);
            for (const citizen of everyAssignment(attrs)) {
                const matching = split.cases.filter(c => [...c.assignment].every(([id, region]) => contains(region, citizen[id])));
                expect(matching).toHaveLength(1);
                expect(matching[0].verdicts).toEqual(criteria.map(c => evaluate(c, citizen)));
            }
        }), runs);
    });

    test('a criterion has a witness exactly when some citizen satisfies it', () => {
        fc.assert(fc.property(problemArb, ([attrs, [criterion]]) => {
            const bruteForce = [...everyAssignment(attrs)].some(citizen => evaluate(criterion, citizen));
            const witness = findWitness(criterion, analysed(attrs));
            expect(witness).not.toBe('undecided');
            expect(witness !== undefined).toBe(bruteForce);
        }), runs);
    });

    test('coverage finds a gap or an overlap exactly when brute force does', () => {
        fc.assert(fc.property(problemArb, ([attrs, criteria]) => {
            const pathways = criteria.map((criterion, i) => ({ id: `p${i}`, criterion, secondary: [] }));
            const { findings } = analyseCoverage(pathways, analysed(attrs));
            const counts = [...everyAssignment(attrs)].map(citizen => criteria.filter(c => evaluate(c, citizen)).length);
            expect(findings.some(f => f.kind === 'gap')).toBe(counts.some(n => n === 0));
            expect(findings.some(f => f.kind === 'overlap')).toBe(counts.some(n => n > 1));
        }), runs);
    });
});

/** A förloppsmodell of the criteria as the runtime loads it (attribute ids as the compiler writes them). */
function pathwayModel(attrs: Attr[], criteria: Criterion[], secondary: string[][]): PolicyRuntime {
    const at = { file: 'm.regel', line: 1, column: 1, endLine: 1, endColumn: 1 };
    const compiledCriterion = (c: Criterion) => JSON.parse(JSON.stringify(c).replace(/"attribute":"(a\d+)"/g, '"attribute":"attribute/$1"')) as Criterion;
    const file: CompiledPolicyFile = {
        schemaVersion: '1.5.0', source: 'm.regel', elements: [
            ...attrs.map(a => ({
                id: `attribute/${a.id}`, kind: 'attribute' as const, name: a.id, source: at,
                domain: a.kind === 'boolean' ? { type: 'boolean' as const }
                    : a.kind === 'enumeration' ? { type: 'enumeration' as const, values: (a.values as string[]).map(name => ({ name })) }
                    : { type: a.kind, min: String(a.min), max: String(a.max) },
            })),
            {
                id: 'pathwayModel/m', kind: 'pathwayModel', name: 'm', source: at, services: [],
                pathways: criteria.map((criterion, i) => ({ id: `pathway/p${i}`, name: `p${i}`, criterion: compiledCriterion(criterion), secondary: secondary[i].map(s => `pathway/${s}`), source: at })),
            },
        ],
    };
    return new PolicyRuntime([file]);
}

// Two to four förlopp, allowed together at random; half the time every pair is allowed, so that
// three or more hold at once with each pair allowed (what the runtime cannot place).
const placementProblemArb = fc.integer({ min: 1, max: 3 })
    .chain(n => fc.tuple(...Array.from({ length: n }, (_, i) => attributeArb(i))))
    .chain(attrs => fc.tuple(fc.constant(attrs), fc.array(criterionArb(attrs), { minLength: 2, maxLength: 4 })))
    .chain(([attrs, criteria]) => fc.tuple(fc.constant(attrs), fc.constant(criteria), fc.oneof(
        fc.constant(criteria.map((_, i) => criteria.map((__, j) => `p${j}`).filter(id => id !== `p${i}`))),
        fc.tuple(...criteria.map((_, i) => fc.subarray(criteria.map((__, j) => `p${j}`).filter(id => id !== `p${i}`)))),
    )));

describe('förlopp coverage agrees with the runtime', () => {
    test('a citizen lies in a gap exactly when the runtime places them nowhere, and in an overlap or too many exactly when it refuses them', () => {
        let refusedWithEveryPairAllowed = 0;
        fc.assert(fc.property(placementProblemArb, ([attrs, criteria, secondary]) => {
            const pathways = criteria.map((criterion, i) => ({ id: `p${i}`, criterion, secondary: secondary[i] }));
            const { findings, complete } = analyseCoverage(pathways, analysed(attrs));
            expect(complete).toBe(true);
            const runtime = pathwayModel(attrs, criteria, secondary);
            for (const citizen of everyAssignment(attrs)) {
                let answer: 'none' | 'placed' | 'refused';
                try {
                    answer = runtime.placeInPathway('m', citizen).pathway === null ? 'none' : 'placed';
                } catch (error) {
                    expect(error).toBeInstanceOf(RegelrattRuntimeError);
                    expect((error as RegelrattRuntimeError).code).toBe('not-computable');
                    answer = 'refused';
                }
                const inFinding = findings.filter(f => [...f.case.assignment].every(([id, region]) => contains(region, citizen[id])));
                // Regions are maximal boxes, which may overlap (two boxes of an L-shaped gap share its
                // corner), but a citizen is in findings of one kind about the same förlopp only.
                expect(new Set(inFinding.map(f => `${f.kind}|${f.pathways.join('|')}`)).size, JSON.stringify({ citizen, answer })).toBeLessThanOrEqual(1);
                const kind = inFinding[0]?.kind;
                expect(kind === 'gap', JSON.stringify({ citizen, criteria, secondary })).toBe(answer === 'none');
                expect(kind === 'overlap' || kind === 'too-many', JSON.stringify({ citizen, criteria, secondary })).toBe(answer === 'refused');
                if (kind === 'too-many') {
                    refusedWithEveryPairAllowed++;
                }
            }
        }), runs);
        // The generator must reach the case the old analysis missed.
        expect(refusedWithEveryPairAllowed).toBeGreaterThan(0);
    });
});

describe('inclusion analysis agrees with brute force', () => {
    test('unsatisfiable, redundant and never-applying exactly when enumeration says so', async () => {
        const { analyseInclusion } = await import('@regelratt/language');
        fc.assert(fc.property(problemArb, ([attrs, criteria]) => {
            const [inclusion, ...exclusions] = criteria;
            const findings = analyseInclusion(inclusion, exclusions, analysed(attrs));
            const citizens = [...everyAssignment(attrs)];
            const admitted = citizens.filter(c => evaluate(inclusion, c));
            expect(findings.some(f => f.kind === 'unsatisfiable')).toBe(admitted.length === 0);
            if (admitted.length === 0) {
                return;
            }
            exclusions.forEach((exclusion, index) => {
                const applies = admitted.some(c => evaluate(exclusion, c));
                expect(findings.some(f => f.kind === 'exclusion-never-applies' && f.exclusion === index)).toBe(!applies);
            });
            const remaining = admitted.filter(c => !exclusions.some(e => evaluate(e, c)));
            expect(findings.some(f => f.kind === 'excluded-everyone')).toBe(exclusions.length > 0 && remaining.length === 0);
            if ('all' in inclusion) {
                inclusion.all.forEach((part, index) => {
                    const others = inclusion.all.filter((_, i) => i !== index);
                    const implied = citizens.every(c => !others.every(o => evaluate(o, c)) || evaluate(part, c));
                    expect(findings.some(f => f.kind === 'redundant' && f.part === index)).toBe(implied);
                });
            }
        }), runs);
    });
});
