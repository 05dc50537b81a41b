import { ExactNumber, formulaCell, quantityCell, type Criterion, type DecisionResult } from '@regelratt/format';
import { comparePriority, highestPriority } from '@regelratt/runtime';
import type { AnalysedAttribute } from './attribute-domain.js';
import type { Case } from './case-split.js';
import { regionContains, regionValues, type Region } from './regions.js';
import { analyseCoverage, type PathwayUnderAnalysis } from './pathway-coverage.js';
import { idleRows, type IdleRow, type RowPolicy } from './row-reach.js';

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
    /** The table as analysed, for the other analyses of its rows (row-merge.ts). */
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

/**
 * A decision table as the analysis reads it: its rows in the analyses' terms (compiled criteria over
 * analysed attributes), how it answers, and for each input column that reads another table's output
 * (a chained table input) that table's own analysis. Built from the AST by the language package's
 * adapter (analysis/decision-table-input.ts), and buildable from the compiled form.
 */
export interface TableUnderAnalysis {
    input: DecisionTableInput;
    hitPolicy: RowPolicy;
    /** Under `samla`: `summa` (the default), `antal`, `min` or `max`. */
    aggregation?: string;
    /** Whether the table has default outputs (`annars`). */
    hasDefault: boolean;
    /** The chained table inputs in column order; each upstream analysed completely. */
    chained: readonly ChainedTableInput[];
}

/** An input column that reads an upstream table's output column. */
export interface ChainedTableInput {
    /** The column's attribute id in the analysis (`inputAttribute`). */
    key: string;
    /** The upstream's analysis, complete. */
    upstream: DecisionAnalysis;
    /** Every case of the upstream's split (its `cases`). */
    cases: readonly Case[];
    /** The upstream's output cells of the column read, rows then default. */
    cells: readonly DecisionResult[];
    hitPolicy: RowPolicy;
    hasDefault: boolean;
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
            // DMN's Priority: rows of different priority may overlap (the higher decides), rows of the same priority only where they agree.
            case 'prioritet': return ids.filter((_, other) => outputs[other] === outputs[index] || comparePriority(input.ranks![other], input.ranks![index]) !== 0);
        }
    };
    // A count over no row is 0, as in DMN. A sum over no row is 0 for the runtime but no answer in
    // DMN: its gaps are found too, and the check says where the runtime answers 0.
    // With default outputs (`annars`) the regions no row matches are found too: the default answers them.
    const gapsCount = table.hitPolicy !== 'samla' || table.aggregation !== 'antal' || table.hasDefault;
    const gapAnswer = table.hitPolicy === 'samla' && (table.aggregation ?? 'summa') === 'summa' ? 'zero' as const : 'error' as const;
    // Under `prioritet` only the rows of the highest priority compete: a row of higher priority settles any conflict below it.
    const ranks = input.ranks;
    const competing = table.hitPolicy === 'prioritet' && ranks
        ? (applying: readonly PathwayUnderAnalysis[]) => highestPriority(ranks, applying.map(row => Number(row.id))).map(row => applying.find(a => Number(a.id) === row)!)
        : undefined;
    const result = analyseCoverage(rows.map((criterion, index) => ({ id: ids[index], criterion, secondary: allowed(index) })), attributes, 'pairwise', !gapsCount, competing);
    // analyseCoverage has already joined touching regions of the same finding.
    const findings = result.findings
        .map(finding => ({ kind: finding.kind === 'gap' ? 'gap' as const : 'overlap' as const, case: finding.case, rows: finding.pathways.map(Number) }));
    const byDefault = table.hasDefault;
    const chained = throughUpstream(table, findings, attributes);
    findings.splice(0, findings.length, ...chained);
    return {
        findings: byDefault ? findings.filter(finding => finding.kind !== 'gap') : findings,
        ...(byDefault ? { defaulted: findings.filter(finding => finding.kind === 'gap').map(finding => finding.case) } : {}),
        complete: result.complete,
        ...(result.unfinished ? { unfinished: result.unfinished } : {}),
        ...(result.unshown ? { unshown: result.unshown } : {}),
        attributes,
        idle: result.complete ? idleRows(result.cases, table.hitPolicy, table.aggregation, outputs, input.ranks) : [],
        input,
        gapAnswer,
        ...(result.complete ? { cases: result.cases } : {}),
    };
}

/**
 * Findings of a table with chained inputs, as the upstream can actually reach them: a finding stands
 * only where some case of the upstream gives a value inside the finding's region of the chained
 * column (DMN's information requirement: the input is the upstream's output, nothing else), and it
 * is narrowed to that value and to that upstream case, so its witness is a citizen of attributes the
 * runtime answers as claimed. The findings as they are for a table without chained table inputs.
 */
function throughUpstream(table: TableUnderAnalysis, findings: DecisionFinding[], attributes: Map<string, AnalysedAttribute>): DecisionFinding[] {
    if (table.chained.length === 0) {
        return findings;
    }
    let current: DecisionFinding[] = findings;
    for (const { key, upstream: analysis, cases, cells, hitPolicy, hasDefault } of table.chained) {
        // Where the upstream's value is not one of its cells (a formula output, a sum or count of the
        // matching rows), the findings stand over every number of the column, as for a calculation.
        if (cells.some(cell => formulaCell(cell) !== undefined) || hitPolicy === 'samla') {
            continue;
        }
        // Each case of the upstream with the value its deciding row (or its default) gives in the column.
        const reached = cases.flatMap(found => {
            const row = decidingRow(found.verdicts, hitPolicy, analysis.input.ranks);
            const cell = row === undefined ? (hasDefault ? cells[cells.length - 1] : undefined) : cells[row];
            const value = cell && chainedValue(cell);
            return value === undefined ? [] : [{ found, value }];
        });
        for (const [id, attribute] of analysis.attributes) {
            if (!attributes.has(id)) {
                attributes.set(id, attribute);
            }
        }
        current = current.flatMap(finding => {
            const region = finding.case.assignment.get(key);
            for (const { found, value } of reached) {
                if (region && !regionContains(region, value)) {
                    continue;
                }
                const assignment = new Map(finding.case.assignment);
                let fits = true;
                for (const [id, upstreamRegion] of found.assignment) {
                    const own = assignment.get(id);
                    // An attribute both tables read: the citizens of both regions.
                    const both = own ? intersection(own, upstreamRegion) : upstreamRegion;
                    if (!both) {
                        fits = false;
                        break;
                    }
                    assignment.set(id, both);
                }
                if (!fits) {
                    continue;
                }
                assignment.set(key, typeof value === 'boolean' ? { kind: 'value', value } : { kind: 'range', lo: value, loClosed: true, hi: value, hiClosed: true, discrete: true });
                return [{ ...finding, case: { ...finding.case, assignment } }];
            }
            return [];
        });
    }
    return current;
}

/** The row that decides a case of a unique or first table: the first row that holds (unique tables have at most one in a case without overlap). */
function decidingRow(verdicts: readonly boolean[], hitPolicy: RowPolicy, ranks: readonly (readonly number[])[] | undefined): number | undefined {
    if (hitPolicy === 'samla') {
        return undefined;
    }
    if (hitPolicy === 'prioritet' && ranks) {
        // DMN's Priority: of the rows that hold, the one of the highest priority (same-priority overlaps are refused by the checker).
        const holding = verdicts.flatMap((holds, index) => (holds ? [index] : []));
        return highestPriority(ranks, holding)[0];
    }
    const index = verdicts.indexOf(true);
    return index < 0 ? undefined : index;
}

/** A chained input's value from an upstream cell: ja/nej, or the number (a share as its fraction). */
function chainedValue(cell: DecisionResult): ExactNumber | boolean | undefined {
    if ('yesNo' in cell) {
        return cell.yesNo;
    }
    const quantity = quantityCell(cell);
    if (!quantity) {
        return undefined;
    }
    const value = ExactNumber.parse(quantity.value);
    return quantity.unit === '%' ? value.divide(ExactNumber.of(100n)) : value;
}

/** The values two regions of one attribute share, as a region; undefined where they share none. */
function intersection(a: Region, b: Region): Region | undefined {
    if (a.kind === 'range' && b.kind === 'range') {
        const lo = !a.lo ? b : !b.lo ? a : a.lo.compare(b.lo) > 0 || (a.lo.equals(b.lo) && !a.loClosed) ? a : b;
        const hi = !a.hi ? b : !b.hi ? a : a.hi.compare(b.hi) < 0 || (a.hi.equals(b.hi) && !a.hiClosed) ? a : b;
        const region: Region = { kind: 'range', lo: lo.lo, loClosed: lo.loClosed, hi: hi.hi, hiClosed: hi.hiClosed, discrete: a.discrete };
        if (region.lo && region.hi) {
            const order = region.lo.compare(region.hi);
            if (order > 0 || (order === 0 && !(region.loClosed && region.hiClosed))) {
                return undefined;
            }
            // Whole numbers strictly between two bounds: none where the bounds are neighbours and open.
            if (region.discrete && ExactNumber.ONE.compare(region.hi.subtract(region.lo)) >= 0 && !region.loClosed && !region.hiClosed) {
                return undefined;
            }
        }
        return region;
    }
    const values = (regionValues(a) ?? []).filter(value => (regionValues(b) ?? []).includes(value));
    return values.length === 0 ? undefined : values.length === 1 ? { kind: 'value', value: values[0] } : { kind: 'values', values };
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
