import type { Criterion } from '@regelratt/format';
import type { CitizenInput, PolicyRuntime } from '@regelratt/runtime';
import { isoDateOfDay, type AnalysedAttribute } from './attribute-domain.js';
import { attributesRead, witnessSearch, type Case } from './case-split.js';
import { analysedFromCompiled } from './compiled-attributes.js';
import { analyseInclusion } from './inclusion-analysis.js';
import { partitionDomain, representative } from './regions.js';

export type EligibilityFinding =
    /** No citizen satisfies `beviljas när`; `conflicting`: a smallest set of its parts that conflict. */
    | { kind: 'admits-no-one'; conflicting: number[] }
    /** Everyone `beviljas när` admits is excluded (and no exception lifts it); `citizen` is one, refused by the runtime. */
    | { kind: 'excludes-everyone'; case: Case; citizen: CitizenInput }
    /** This exclusion (0-based) never applies to anyone `beviljas när` admits. */
    | { kind: 'exclusion-never-applies'; exclusion: number }
    /** This exception never applies to anyone its exclusion removes. */
    | { kind: 'exception-never-applies'; exclusion: number; exception: number }
    /** The exceptions lift the exclusion for everyone it applies to, so it removes no one; `case` is someone it would have removed. */
    | { kind: 'exception-swallows-exclusion'; exclusion: number; case: Case }
    /** A part of a conjunction of `beviljas när` that follows from the others. */
    | { kind: 'redundant'; part: number }
    /** An alternative of `beviljas när` that can never hold. */
    | { kind: 'unreachable'; path: number[] }
    | { kind: 'undecided' };

/**
 * Who may be granted an insats, through the region engine of the pilots' inclusion analysis: an
 * exclusion with exceptions removes `exclusion och inte (undantag eller …)`, so the inclusion and
 * these effective exclusions are a pilot's rule; the exceptions are then checked against their own
 * exclusion. A citizen the finding names as refused is asked of the runtime, and only reported if
 * the runtime refuses them too.
 */
export function analyseEligibility(runtime: PolicyRuntime, serviceId: string): EligibilityFinding[] {
    const service = runtime.policy.get(serviceId, 'service');
    const rule = service.eligibility;
    if (!rule) {
        return [];
    }
    const criteria = [rule.inclusion, ...rule.exclusions.flatMap(e => [e.criterion, ...e.exceptions])];
    const attributes = new Map<string, AnalysedAttribute>(attributesRead(criteria).map(id => [id, analysedFromCompiled(runtime.policy.get(id, 'attribute'))]));
    const effective = rule.exclusions.map(e => (e.exceptions.length === 0 ? e.criterion : { all: [e.criterion, { not: anyOf(e.exceptions) }] }));
    const findings: EligibilityFinding[] = [];
    const search = witnessSearch(attributes);
    const witness = (criterion: Criterion) => search.find(criterion);
    for (const finding of analyseInclusion(rule.inclusion, effective, attributes)) {
        switch (finding.kind) {
            case 'unsatisfiable':
                findings.push({ kind: 'admits-no-one', conflicting: finding.conflicting });
                break;
            case 'excluded-everyone': {
                const citizen = citizenOf(finding.case, attributes);
                if (!runtime.checkEligibility(service.id, citizen).granted) {
                    findings.push({ kind: 'excludes-everyone', case: finding.case, citizen });
                }
                break;
            }
            case 'exclusion-never-applies':
                // An exclusion that applies but whose exceptions lift it everywhere is said as that, below.
                if (!witness({ all: [rule.inclusion, rule.exclusions[finding.exclusion].criterion] }) && !search.undecided) {
                    findings.push({ kind: 'exclusion-never-applies', exclusion: finding.exclusion });
                }
                break;
            case 'redundant':
            case 'unreachable':
                findings.push(finding);
                break;
            case 'undecided':
                search.markUndecided();
                break;
        }
    }
    if (findings.some(f => f.kind === 'admits-no-one')) {
        return search.undecided ? [...findings, { kind: 'undecided' }] : findings;
    }
    rule.exclusions.forEach((exclusion, index) => {
        const removed: Criterion = { all: [rule.inclusion, exclusion.criterion] };
        const someone = witness(removed);
        if (!someone || exclusion.exceptions.length === 0) {
            return;
        }
        if (!witness({ all: [removed, { not: anyOf(exclusion.exceptions) }] }) && !search.undecided) {
            findings.push({ kind: 'exception-swallows-exclusion', exclusion: index, case: someone });
        }
        exclusion.exceptions.forEach((exception, position) => {
            if (!witness({ all: [removed, exception] }) && !search.undecided) {
                findings.push({ kind: 'exception-never-applies', exclusion: index, exception: position });
            }
        });
    });
    return search.undecided ? [...findings, { kind: 'undecided' }] : findings;
}

function anyOf(criteria: readonly Criterion[]): Criterion {
    return criteria.length === 1 ? criteria[0] : { any: [...criteria] };
}

/** The case as a citizen the runtime can be asked about: each attribute the rule reads, free ones at any value of their domain. */
function citizenOf(found: Case, attributes: ReadonlyMap<string, AnalysedAttribute>): CitizenInput {
    const citizen: Record<string, unknown> = {};
    for (const [id, attribute] of attributes) {
        const region = found.assignment.get(id) ?? partitionDomain(attribute.domain, [])[0];
        const value = representative(region);
        citizen[id] = typeof value === 'string' || typeof value === 'boolean' ? value
            : attribute.domain.kind === 'date' ? isoDateOfDay(value)
            : attribute.domain.kind === 'integer' ? Number(value.toDecimal()) : value;
    }
    return citizen;
}
