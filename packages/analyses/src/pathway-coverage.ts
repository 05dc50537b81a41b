import type { Criterion } from '@regelratt/format';
import { combinePathways } from '@regelratt/runtime';
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
    /**
     * `overlap`: two förlopp hold that are not allowed together; `too-many`: three or more hold at
     * once, each pair of them allowed together (a citizen has one förlopp and at most one secondary).
     */
    kind: 'gap' | 'overlap' | 'too-many';
    case: Case;
    /** Every pathway (or row) that holds in the case: for an overlap, at least one pair of them not allowed together. */
    pathways: string[];
    /** For an overlap, the first pair in the given order that is not allowed together. */
    clash?: [string, string];
}

export interface CoverageResult {
    findings: CoverageFinding[];
    complete: boolean;
    /** When the split ran out of budget: the slab it was on (`CaseSplit.unfinished`); `findings` are then those proven before it. */
    unfinished?: Case['assignment'];
    /** When the budget ran out: findings proven so far beyond the first `PARTIAL_FINDINGS` kinds, not joined or shown. */
    unshown?: number;
    /** Every case of the split, with each pathway's (row's) verdict: what the shadowing of rows is read from. */
    cases: readonly Case[];
}

/**
 * How several holders at once are judged. `placement`: the runtime's own rule for förlopp
 * (`combinePathways`: one förlopp and at most one secondary), so three that hold at once are a
 * finding even when each pair is allowed. `pairwise`: any number may hold when each pair is allowed
 * (a decision table's rows under `första`, `valfri` or `samla`).
 */
export type CombinationRule = 'placement' | 'pairwise';

/**
 * Förlopp coverage: over every combination of the attributes the criteria read, exactly one
 * pathway applies, or several that the policy allows together (by `rule`). Each finding carries the
 * case (a set of citizens) it holds for.
 */
export function analyseCoverage(
    pathways: readonly PathwayUnderAnalysis[], attributes: ReadonlyMap<string, AnalysedAttribute>, rule: CombinationRule = 'placement',
    /** Whether a case nothing holds in is an answer (a collecting table's sum or count over no row), not a gap. */
    emptyIsAnswer = false,
    /** Of those that hold in a case, the ones that compete for the answer (under `träff prioritet` the rows of the highest priority); all by default. */
    competing: (applying: readonly PathwayUnderAnalysis[]) => readonly PathwayUnderAnalysis[] = applying => applying,
): CoverageResult {
    const split = splitCases(pathways.map(p => p.criterion), attributes);
    const allowed = (a: PathwayUnderAnalysis, b: PathwayUnderAnalysis) => combinePathways([a, b]) !== undefined;
    const findings: CoverageFinding[] = [];
    const answered: Case[] = [];
    for (const found of split.cases) {
        const applying = competing(pathways.filter((_, index) => found.verdicts[index]));
        const before = findings.length;
        if (applying.length === 0 && !emptyIsAnswer) {
            findings.push({ kind: 'gap', case: found, pathways: [] });
        } else if (applying.length > 1) {
            const clash = applying.flatMap((a, i) => applying.slice(i + 1).filter(b => !allowed(a, b)).map((b): [string, string] => [a.id, b.id]))[0];
            if (clash) {
                findings.push({ kind: 'overlap', case: found, pathways: applying.map(p => p.id), clash });
            } else if (rule === 'placement' && !combinePathways(applying)) {
                findings.push({ kind: 'too-many', case: found, pathways: applying.map(p => p.id) });
            }
        }
        if (findings.length === before) {
            answered.push(found);
        }
    }
    const key = (finding: CoverageFinding) => `${finding.kind}|${finding.pathways.join('|')}`;
    if (!split.complete) {
        return { ...partialFindings(findings, key, attributes, answered, split.unexplored ?? []), complete: false, ...(split.unfinished ? { unfinished: split.unfinished } : {}), cases: split.cases };
    }
    // As few and as large regions as the findings allow: a reviewer reads each one.
    return {
        findings: mergeCases(findings, key, attributes, answered),
        complete: split.complete,
        ...(split.unfinished ? { unfinished: split.unfinished } : {}),
        cases: split.cases,
    };
}

/**
 * How many findings (of distinct kinds and rows or förlopp) a split that ran out of budget reports:
 * joining each into a maximal box looks at every other case, and a split that ran out has as many
 * cases as the budget, each possibly a finding of its own (fifteen independent förlopp: 20 000
 * kinds). Twenty are enough to start fixing with, and cost the editor about as much as the split.
 */
export const PARTIAL_FINDINGS = 20;

/**
 * Findings proven before the budget ran out, joined into maximal boxes as far as the split got: the
 * boxes not split yet stop a region as answered cases do, so every region holds for every citizen in
 * it. The first `PARTIAL_FINDINGS` kinds of finding, in the order the split met them; the rest counted.
 */
function partialFindings(
    findings: readonly CoverageFinding[], key: (finding: CoverageFinding) => string, attributes: ReadonlyMap<string, AnalysedAttribute>,
    answered: readonly Case[], unexplored: ReadonlyArray<Case['assignment']>,
): { findings: CoverageFinding[]; unshown: number } {
    const shownKeys = new Set<string>();
    const shown: CoverageFinding[] = [];
    const blockers: Case[] = [...answered, ...unexplored.map(assignment => ({ assignment, verdicts: [] }))];
    const unshownKeys = new Set<string>();
    for (const finding of findings) {
        const k = key(finding);
        if (shownKeys.has(k) || shownKeys.size < PARTIAL_FINDINGS) {
            shownKeys.add(k);
            shown.push(finding);
        } else {
            unshownKeys.add(k);
            blockers.push(finding.case);
        }
    }
    return { findings: mergeCases(shown, key, attributes, blockers), unshown: unshownKeys.size };
}
