import type { Criterion } from '@regelratt/format';
import type { AnalysedAttribute } from './attribute-domain.js';
import { splitCases, type Case } from './case-split.js';
import { mergeCases } from './merge-cases.js';

export interface PathwayUnderAnalysis {
    id: string;
    criterion: Criterion;
    /** Pathways this one may be combined with as a secondary placement (either direction counts). */
    secondary: readonly string[];
}

export interface CoverageFinding {
    kind: 'gap' | 'overlap';
    case: Case;
    /** For an overlap, the pathways that all apply (at least one pair of them not allowed together). */
    pathways: string[];
}

export interface CoverageResult {
    findings: CoverageFinding[];
    complete: boolean;
}

/**
 * Förlopp coverage: over every combination of the attributes the criteria read, exactly one
 * pathway applies, or several that the policy allows together as primary and secondary placement.
 * Each finding carries the case (a set of citizens) it holds for.
 */
export function analyseCoverage(pathways: readonly PathwayUnderAnalysis[], attributes: ReadonlyMap<string, AnalysedAttribute>): CoverageResult {
    const split = splitCases(pathways.map(p => p.criterion), attributes);
    const allowed = (a: PathwayUnderAnalysis, b: PathwayUnderAnalysis) => a.secondary.includes(b.id) || b.secondary.includes(a.id);
    const findings: CoverageFinding[] = [];
    for (const found of split.cases) {
        const applying = pathways.filter((_, index) => found.verdicts[index]);
        if (applying.length === 0) {
            findings.push({ kind: 'gap', case: found, pathways: [] });
        } else if (applying.length > 1) {
            const clash = applying.some((a, i) => applying.slice(i + 1).some(b => !allowed(a, b)));
            if (clash) {
                findings.push({ kind: 'overlap', case: found, pathways: applying.map(p => p.id) });
            }
        }
    }
    // As few and as large regions as the findings allow: a reviewer reads each one.
    return { findings: split.complete ? mergeCases(findings, finding => `${finding.kind}|${finding.pathways.join('|')}`) : findings, complete: split.complete };
}
