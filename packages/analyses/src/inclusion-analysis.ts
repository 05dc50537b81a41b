import { isCriterion, type Criterion } from '@regelratt/format';
import type { AnalysedAttribute } from './attribute-domain.js';
import { findWitness, type Case } from './case-split.js';

export type InclusionFinding =
    /** No citizen satisfies the inclusion rule. */
    | { kind: 'unsatisfiable'; conflicting: number[] }
    /** Everyone the inclusion admits is removed by the exclusions; `case` is someone admitted and then excluded. */
    | { kind: 'excluded-everyone'; case: Case }
    /** This exclusion never applies to anyone the inclusion admits. */
    | { kind: 'exclusion-never-applies'; exclusion: number }
    /** This part of a conjunction follows from the others, so it changes nothing. */
    | { kind: 'redundant'; part: number }
    /** This alternative of a disjunction can never hold. */
    | { kind: 'unreachable'; path: number[] }
    | { kind: 'undecided' };

/**
 * Pilot and test inclusion: can anyone be included, does something remain after the exclusions,
 * and does every part of the rule matter. `inclusion` may be absent (everyone is included).
 */
export function analyseInclusion(
    inclusion: Criterion | undefined,
    exclusions: readonly Criterion[],
    attributes: ReadonlyMap<string, AnalysedAttribute>,
): InclusionFinding[] {
    const findings: InclusionFinding[] = [];
    const admitted: Criterion = inclusion ?? { all: [] };
    const everyone = inclusion === undefined;
    let undecided = false;
    const witness = (criterion: Criterion): Case | undefined => {
        if (isTrivial(criterion)) {
            return { assignment: new Map(), verdicts: [true] };
        }
        const found = findWitness(criterion, attributes);
        if (found === 'undecided') {
            undecided = true;
            return { assignment: new Map(), verdicts: [true] }; // treat as satisfiable: never report what was not shown
        }
        return found;
    };

    if (!everyone && !witness(admitted)) {
        findings.push({ kind: 'unsatisfiable', conflicting: conflictingParts(admitted, attributes) });
        return undecided ? [...findings, { kind: 'undecided' }] : findings;
    }
    if (exclusions.length > 0) {
        const remaining = conjunction([admitted, { not: disjunction(exclusions) }]);
        if (!witness(remaining)) {
            const excludedCase = witness(conjunction([admitted, disjunction(exclusions)]));
            if (excludedCase) {
                findings.push({ kind: 'excluded-everyone', case: excludedCase });
            }
        }
        exclusions.forEach((exclusion, index) => {
            if (!witness(conjunction([admitted, exclusion]))) {
                findings.push({ kind: 'exclusion-never-applies', exclusion: index });
            }
        });
    }
    if (inclusion && isCriterion(inclusion, 'all')) {
        inclusion.all.forEach((part, index) => {
            const others = inclusion.all.filter((_, i) => i !== index);
            if (!witness(conjunction([...others, { not: part }]))) {
                findings.push({ kind: 'redundant', part: index });
            }
        });
    }
    if (inclusion) {
        for (const path of unreachableAlternatives(inclusion, [], [], witness)) {
            findings.push({ kind: 'unreachable', path });
        }
    }
    return undecided ? [...findings, { kind: 'undecided' }] : findings;
}

/** For an unsatisfiable conjunction, a smallest set of its parts that already conflict (deletion-based). */
function conflictingParts(criterion: Criterion, attributes: ReadonlyMap<string, AnalysedAttribute>): number[] {
    if (!isCriterion(criterion, 'all')) {
        return [];
    }
    let kept = criterion.all.map((_, index) => index);
    for (const index of [...kept]) {
        const without = kept.filter(i => i !== index);
        const found = findWitness(conjunction(without.map(i => criterion.all[i])), attributes);
        if (found === undefined) {
            kept = without;
        }
    }
    return kept;
}

/**
 * Alternatives (`eller`) inside the criterion that no citizen can reach together with the rest of
 * the rule around them (`context`: the sibling parts of every enclosing `och`).
 */
function unreachableAlternatives(
    criterion: Criterion, path: number[], context: Criterion[],
    witness: (c: Criterion) => Case | undefined,
): number[][] {
    const found: number[][] = [];
    if (isCriterion(criterion, 'any')) {
        criterion.any.forEach((alternative, index) => {
            if (!witness(conjunction([...context, alternative]))) {
                found.push([...path, index]);
            } else {
                found.push(...unreachableAlternatives(alternative, [...path, index], context, witness));
            }
        });
    } else if (isCriterion(criterion, 'all')) {
        criterion.all.forEach((part, index) => {
            const siblings = criterion.all.filter((_, i) => i !== index);
            found.push(...unreachableAlternatives(part, [...path, index], [...context, ...siblings], witness));
        });
    }
    return found;
}

function isTrivial(criterion: Criterion): boolean {
    return isCriterion(criterion, 'all') && criterion.all.length === 0;
}

function conjunction(parts: Criterion[]): Criterion {
    const flat = parts.flatMap(p => (isCriterion(p, 'all') ? p.all : [p]));
    return flat.length === 1 ? flat[0] : { all: flat };
}

function disjunction(parts: readonly Criterion[]): Criterion {
    return parts.length === 1 ? parts[0] : { any: [...parts] };
}
