import type { Criterion, DecisionResult } from '@regelratt/format';
import { comparePriority, highestPriority } from '@regelratt/runtime';
import type { AnalysedAttribute } from './attribute-domain.js';
import type { Case } from './case-split.js';
import type { Region } from './regions.js';
import { constantCells, decidingRow, intersection, throughReach, chainedValue } from './chained-inputs.js';
import { analyseCoverage, type PathwayUnderAnalysis } from './pathway-coverage.js';
import { idleRows, unmatchedRows, type IdleRow, type RowPolicy } from './row-reach.js';
import { unreachedRows } from './chained-reach.js';

export interface DecisionFinding {
    kind: 'gap' | 'overlap';
    case: Case;
    /** 0-based indices of the rows that match the case (none for a gap). */
    rows: number[];
}

export interface DecisionAnalysis {
    findings: DecisionFinding[];
    complete: boolean;
    /** When the split ran out of budget: the slab it was on (`CaseSplit.unfinished`); `findings` are those proven before it. */
    unfinished?: Case['assignment'];
    /** When the split ran out of budget: kinds of finding proven but not joined or shown (`CoverageResult.unshown`). */
    unshown?: number;
    attributes: Map<string, AnalysedAttribute>;
    /** Rows that never decide an answer (shadowed or redundant); empty when the split was not complete. */
    idle: IdleRow[];
    /** Rows no citizen of the declared domains matches (0-based); empty when the split was not complete. */
    unmatched: number[];
    /** Rows of a chained table some value of its columns meets but no citizen reaches through its upstreams (chained-reach.ts). */
    unreached: number[];
    /** The table as analysed, for the other analyses of its rows (row-merge.ts, need-monotonicity.ts). */
    input: DecisionTableInput;
    /**
     * How the runtime answers a case no row matches: `error` (`no-matching-row`), or `zero` for a
     * sum (the sum of no rows), where DMN gives no answer; a `gap` finding is then that silent 0.
     */
    gapAnswer: 'error' | 'zero';
    /** Every case of the split, where it was complete: the upstream side of a chained table's analysis. */
    cases?: readonly Case[];
    /**
     * Where the table has default outputs (`annars`): the regions no row matches, which the default
     * answers (never `gap` findings); empty when the default is never used.
     */
    defaulted?: Case[];
}

/** A decision table in the analyses' terms: each input column's domain, each row's cells, each row's outputs as one key. */
export interface DecisionTableInput {
    attributes: Map<string, AnalysedAttribute>;
    /** The attribute each input column reads, by column. */
    columns: string[];
    /** Each row's cells as criteria, by column; `null` for `-` (any value). */
    cells: Array<Array<Criterion | null>>;
    /** Each row's outputs as one text, equal for rows that give the same outputs. */
    outputs: string[];
    /** Under `träff prioritet`: each row's priority, as the runtime ranks it (`outputRank`). */
    ranks?: number[][];
}

/**
 * A decision table as the analysis reads it: its rows in the analyses' terms (compiled criteria over
 * analysed attributes), how it answers, and for each input column that reads another table's output
 * (a chained table input) that table's own analysis. Built from the AST by the language package's
 * adapter (analysis/decision-table-input.ts), and from a compiled table by compiledDecisionAnalysis
 * (compiled-decision-table.ts).
 */
export interface TableUnderAnalysis {
    input: DecisionTableInput;
    hitPolicy: RowPolicy;
    /** Under `samla`: `summa`, `antal`, `min` or `max`; none for `samla` alone (a list). */
    aggregation?: string;
    /** Whether the table answers with a list of every matching row's outputs (the format's `listHitPolicy`). */
    answersList: boolean;
    /** Whether the table has default outputs (`annars`). */
    hasDefault: boolean;
    /** The chained table inputs in column order, each upstream analysed completely. */
    chained: readonly ChainedTableInput[];
    /**
     * The input columns that read a named calculation, each with a citizen search: where given, a
     * finding on such a column is narrowed to a citizen the runtime answers inside it.
     */
    calculations?: readonly CalculationColumn[];
}

/** An input column that reads an upstream table's output column. */
export interface ChainedTableInput {
    /** The column's attribute id in the analysis. */
    key: string;
    /** The upstream's analysis, complete, with its cases. */
    upstream: DecisionAnalysis & { cases: readonly Case[] };
    /** The upstream's output cells of the column read, rows then default. */
    cells: readonly DecisionResult[];
    hitPolicy: RowPolicy;
    hasDefault: boolean;
}

/** An input column that reads a named calculation (`| beräkning x |`). */
export interface CalculationColumn {
    /** The column's attribute id in the analysis. */
    key: string;
    /** A citizen whose value the runtime answers inside `region`: its attributes as point regions, with the attributes as the analyses describe them. */
    citizen(region: Region): { assignment: ReadonlyMap<string, Region>; attributes: readonly AnalysedAttribute[] } | undefined;
}

/**
 * Gaps and overlaps of a decision table over the declared domains of its input columns, exactly, with
 * the same case split as förlopp coverage: each row is the conjunction of its cells. Under the unique
 * hit policy every case must match exactly one row; under `första` only gaps count; under `valfri`
 * rows may overlap where they give the same outputs; under `prioritet` where their priorities differ
 * or they give the same outputs.
 */
export function analyseTable(table: TableUnderAnalysis): DecisionAnalysis {
    const { input } = table;
    const { attributes, outputs } = input;
    const rows: Criterion[] = input.cells.map(cells => {
        const conditions = cells.filter((c): c is Criterion => c !== null);
        return conditions.length === 1 ? conditions[0] : { all: conditions };
    });
    const ids = rows.map((_, index) => String(index));
    // The rows each row may hold together with, by hit policy: under `första` any (the first one
    // decides), under `valfri` those giving the same outputs (DMN's Any), under `samla` any (all of
    // them count), under `unik` none.
    const allowed = (index: number): string[] => {
        switch (table.hitPolicy) {
            case 'första': return ids;
            case 'valfri': return ids.filter((_, other) => outputs[other] === outputs[index]);
            case 'unik': return [];
            // Every matching row counts: overlaps are the point.
            case 'samla': return ids;
            // The list policies (DMN's Rule order, Output order): every matching row is in the answer, overlaps are the point.
            case 'regelordning': case 'utfallsordning': return ids;
            // DMN's Priority: rows of different priority may overlap (the higher decides), rows of the same priority only where they agree.
            case 'prioritet': return ids.filter((_, other) => outputs[other] === outputs[index] || comparePriority(input.ranks![other], input.ranks![index]) !== 0);
        }
    };
    // A count over no row is 0, as in DMN. A sum over no row is 0 for the runtime but no answer in
    // DMN: its gaps are found too, and the check says where the runtime answers 0.
    // With default outputs (`annars`) the regions no row matches are found too: the default answers them.
    // Under the list policies (`regelordning`, `utfallsordning`, `samla` alone) no matching row is an
    // answer too, the empty list, as in DMN: no gaps, except where a default answers them instead.
    const gapsCount = ((table.hitPolicy !== 'samla' || table.aggregation !== 'antal') && !table.answersList) || table.hasDefault;
    const gapAnswer = table.hitPolicy === 'samla' && table.aggregation === 'summa' ? 'zero' as const : 'error' as const;
    // Under `prioritet` only the rows of the highest priority compete: a row of higher priority settles any conflict below it.
    const ranks = input.ranks;
    const competing = table.hitPolicy === 'prioritet' && ranks
        ? (applying: readonly PathwayUnderAnalysis[]) => highestPriority(ranks, applying.map(row => Number(row.id))).map(row => applying.find(a => Number(a.id) === row)!)
        : undefined;
    const result = analyseCoverage(rows.map((criterion, index) => ({ id: ids[index], criterion, secondary: allowed(index) })), attributes, 'pairwise', !gapsCount, competing);
    // analyseCoverage has already joined touching regions of the same finding.
    const own = result.findings
        .map(finding => ({ kind: finding.kind === 'gap' ? 'gap' as const : 'overlap' as const, case: finding.case, rows: finding.pathways.map(Number) }));
    const chained = throughUpstream(table, own, result.complete ? result.cases : [], attributes);
    const calculations = table.calculations;
    const findings = calculations ? chained.findings.map(finding => withCalculationCitizen(calculations, finding, attributes)) : chained.findings;
    const byDefault = table.hasDefault;
    return {
        findings: byDefault ? findings.filter(finding => finding.kind !== 'gap') : findings,
        ...(byDefault ? { defaulted: findings.filter(finding => finding.kind === 'gap').map(finding => finding.case) } : {}),
        complete: result.complete,
        ...(result.unfinished ? { unfinished: result.unfinished } : {}),
        ...(result.unshown ? { unshown: result.unshown } : {}),
        attributes,
        idle: result.complete ? idleRows(result.cases, table.hitPolicy, table.aggregation, outputs, input.ranks) : [],
        unmatched: result.complete ? unmatchedRows(result.cases, rows.length) : [],
        unreached: result.complete ? unreachedRows(result.cases, chained.cases, rows.length) : [],
        input,
        gapAnswer,
        // As the citizens reach them: a table further down the chain reads these.
        ...(result.complete ? { cases: chained.cases } : {}),
    };
}

/**
 * Findings and cases of a table with chained inputs, as citizens actually reach them: a finding
 * stands only for the citizens some case of the upstream answers with a value inside the finding's
 * region of the chained column (DMN's information requirement: the input is the upstream's output,
 * nothing else). Each finding becomes one finding per upstream case that reaches it, narrowed to that
 * case's citizens (the attributes both read intersected) and its value, so the findings hold exactly
 * the citizens without an answer and each witness is a citizen the runtime answers as claimed; the
 * cases likewise, for a table further down the chain. As they are for a table without chained inputs.
 */
function throughUpstream(
    table: TableUnderAnalysis, findings: DecisionFinding[], cases: readonly Case[], attributes: Map<string, AnalysedAttribute>,
): { findings: DecisionFinding[]; cases: readonly Case[] } {
    let current: DecisionFinding[] = findings;
    let reachedCases: readonly Case[] = cases;
    for (const { key, upstream, cells, hitPolicy, hasDefault } of table.chained) {
        // Where the upstream's value is not one of its cells (a formula output, a sum or count of the
        // matching rows), the findings stand over every number of the column, as for a calculation.
        if (!constantCells(cells, hitPolicy === 'samla')) {
            continue;
        }
        // Each case of the upstream with the value its deciding row (or its default) gives in the column.
        const reached = upstream.cases.flatMap(found => {
            const row = decidingRow(found.verdicts, hitPolicy === 'samla', hitPolicy === 'prioritet' ? upstream.input.ranks : undefined);
            const cell = row === undefined ? (hasDefault ? cells[cells.length - 1] : undefined) : cells[row];
            const value = cell && chainedValue(cell);
            return value === undefined ? [] : [{ found, value }];
        });
        for (const [id, attribute] of upstream.attributes) {
            if (!attributes.has(id)) {
                attributes.set(id, attribute);
            }
        }
        current = current.flatMap(finding => reached.flatMap(reach => {
            const narrowed = throughReach(finding.case, key, reach);
            return narrowed ? [{ ...finding, case: narrowed }] : [];
        }));
        reachedCases = reachedCases.flatMap(own => reached.flatMap(reach => throughReach(own, key, reach) ?? []));
    }
    return { findings: current, cases: reachedCases };
}

/**
 * A finding on a calculation column narrowed to a citizen the runtime answers with a value in the
 * finding's region, so its witness is a citizen, not only a value; as it is where none is found.
 */
function withCalculationCitizen(calculations: readonly CalculationColumn[], finding: DecisionFinding, attributes: Map<string, AnalysedAttribute>): DecisionFinding {
    let assignment: Map<string, Region> | undefined;
    for (const column of calculations) {
        const region = finding.case.assignment.get(column.key);
        const found = region && column.citizen(region);
        if (!found) {
            continue;
        }
        const next = new Map(assignment ?? finding.case.assignment);
        for (const [id, point] of found.assignment) {
            const own = next.get(id);
            const both = own ? intersection(own, point) : point;
            if (!both) {
                return finding; // the citizen disagrees with the finding's other columns: keep the region as it is
            }
            next.set(id, both);
        }
        assignment = next;
        for (const attribute of found.attributes) {
            if (!attributes.has(attribute.id)) {
                attributes.set(attribute.id, attribute);
            }
        }
    }
    return assignment ? { ...finding, case: { ...finding.case, assignment } } : finding;
}
