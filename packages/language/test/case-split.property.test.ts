import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ExactNumber, type Criterion } from '@regelratt/format';
import { analyseCoverage, findWitness, splitCases, type AnalysedAttribute, type Region } from '@regelratt/language';

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
