import type { Criterion } from '@regelratt/format';
import type { AnalysedAttribute } from './attribute-domain.js';
import { findWitness, witnessSearch, type Case } from './case-split.js';

export type ExceptionFinding =
    /**
     * No citizen the rule applies to meets this exception's condition, so it leaves no one aside.
     * `case`: a citizen who meets the exception's condition but is outside the rule; absent when no
     * citizen meets the condition at all.
     */
    | { kind: 'exception-never-applies'; exception: number; case?: Case }
    /** The exceptions together take every citizen the rule applies to: `case` is one the rule and an exception both name. */
    | { kind: 'exception-swallows-rule'; case: Case }
    | { kind: 'undecided' };

/**
 * A main rule and its exceptions, decided over the citizens by the region engine (findWitness): an
 * exception that never applies to anyone the rule applies to, and exceptions that leave the rule no
 * one. A rule and its stated exception are not a contradiction; these two are. `condition` absent:
 * the rule applies to everyone.
 */
export function analyseExceptions(
    condition: Criterion | undefined,
    exceptions: readonly Criterion[],
    attributes: ReadonlyMap<string, AnalysedAttribute>,
): ExceptionFinding[] {
    if (exceptions.length === 0) {
        return [];
    }
    const findings: ExceptionFinding[] = [];
    const search = witnessSearch(attributes);
    const witness = (criterion: Criterion) => search.find(criterion);
    // Whether the rule's own condition is met by anyone is not this analysis's question; a rule no
    // one meets has no exception to judge.
    const rule: Criterion = condition ?? { all: [] };
    if (condition && !witness(rule)) {
        return search.undecided ? [{ kind: 'undecided' }] : [];
    }
    const both = exceptions.map(exception => witness({ all: [rule, exception] }));
    both.forEach((found, index) => {
        if (!found && !search.undecided) {
            const outside = witness(exceptions[index]);
            findings.push({ kind: 'exception-never-applies', exception: index, ...(outside ? { case: outside } : {}) });
        }
    });
    const left = witness({ all: [rule, { not: exceptions.length === 1 ? exceptions[0] : { any: [...exceptions] } }] });
    const taken = both.find(found => found !== undefined);
    if (!left && !search.undecided && taken) {
        findings.push({ kind: 'exception-swallows-rule', case: taken });
    }
    return search.undecided ? [...findings, { kind: 'undecided' }] : findings;
}

/** The citizens an obligation applies to: its condition (everyone without one) and none of its exceptions. */
export function appliesTo(condition: Criterion | undefined, exceptions: readonly Criterion[]): Criterion {
    const parts = [...(condition ? [condition] : []), ...exceptions.map(exception => ({ not: exception }))];
    return parts.length === 1 ? parts[0] : { all: parts };
}

/**
 * Whether two obligations can apply to the same citizen: a case both apply to, undefined when their
 * conditions and exceptions keep them apart (a rule and an exception written as two obligations), or
 * `undecided` when the case budget ran out.
 */
export function applyTogether(
    a: { condition?: Criterion; exceptions: readonly Criterion[] },
    b: { condition?: Criterion; exceptions: readonly Criterion[] },
    attributes: ReadonlyMap<string, AnalysedAttribute>,
): Case | undefined | 'undecided' {
    return findWitness({ all: [appliesTo(a.condition, a.exceptions), appliesTo(b.condition, b.exceptions)] }, attributes);
}
