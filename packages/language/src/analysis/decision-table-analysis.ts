import { ExactNumber, withBoundValues, LEVEL_INPUT, type Criterion, type DecisionResult } from '@regelratt/format';
import type * as Ast from '../generated/ast.js';
import { isPathwayResult } from '../generated/ast.js';
import { comparePriority, highestPriority, outputRank } from '@regelratt/runtime';
import { answersList, compileCell, compileOutputValues, compileResults, inputAttribute, inputName } from '../compiler/compile-decision-table.js';
import { attributeDomain } from './attribute-domain.js';
import type { AnalysedAttribute, AttributeDomain } from '@regelratt/analyses';
import type { Case } from '@regelratt/analyses';
import { chainedCellsDomain, chainedValue, constantCells, decidingRow, intersection, throughReach, type Region } from '@regelratt/analyses';
import { analyseCoverage, type PathwayUnderAnalysis } from '@regelratt/analyses';
import { idleRows, unmatchedRows, unreachedRows, type IdleRow } from '@regelratt/analyses';

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
 * Gaps and overlaps of a decision table over the declared domains of its input columns, exactly, with
 * the same case split as förlopp coverage: each row is the conjunction of its cells. Under the unique
 * hit policy every case must match exactly one row; under `första` only gaps count; under `valfri`
 * rows may overlap where they give the same outputs; under `prioritet` where their priorities differ
 * or they give the same outputs. Undefined when a
 * column or cell is unresolved or malformed (the ordinary checks report those).
 */
export function analyseDecisionTable(table: Ast.DecisionTable, visiting: ReadonlySet<Ast.DecisionTable> = new Set(), calculations?: CalculationFacts, bounds?: ReadonlyMap<string, ExactNumber>): DecisionAnalysis | undefined {
    const input = decisionTableInput(table, calculations, bounds);
    if (!input) {
        return undefined;
    }
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
        switch (table.hitPolicy ?? 'unik') {
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
    const gapsCount = ((table.hitPolicy !== 'samla' || table.aggregation !== 'antal') && !answersList(table)) || table.otherwise !== undefined;
    const gapAnswer = table.hitPolicy === 'samla' && table.aggregation === 'summa' ? 'zero' as const : 'error' as const;
    // Under `prioritet` only the rows of the highest priority compete: a row of higher priority settles any conflict below it.
    const ranks = input.ranks;
    const competing = table.hitPolicy === 'prioritet' && ranks
        ? (applying: readonly PathwayUnderAnalysis[]) => highestPriority(ranks, applying.map(row => Number(row.id))).map(row => applying.find(a => Number(a.id) === row)!)
        : undefined;
    const result = analyseCoverage(rows.map((criterion, index) => ({ id: ids[index], criterion, secondary: allowed(index) })), attributes, 'pairwise', !gapsCount, competing);
    // analyseCoverage has already joined touching regions of the same finding.
    const findings = result.findings
        .map(finding => ({ kind: finding.kind === 'gap' ? 'gap' as const : 'overlap' as const, case: finding.case, rows: finding.pathways.map(Number) }));
    const byDefault = table.otherwise !== undefined;
    const chained = throughUpstream(table, findings, result.complete ? result.cases : [], attributes, visiting, calculations);
    if (!chained) {
        return undefined; // an upstream that cannot be analysed (or a cycle, reported as decision-cycle)
    }
    findings.splice(0, findings.length, ...(calculations ? chained.findings.map(finding => withCalculationCitizen(table, finding, attributes, calculations)) : chained.findings));
    return {
        findings: byDefault ? findings.filter(finding => finding.kind !== 'gap') : findings,
        ...(byDefault ? { defaulted: findings.filter(finding => finding.kind === 'gap').map(finding => finding.case) } : {}),
        complete: result.complete,
        ...(result.unfinished ? { unfinished: result.unfinished } : {}),
        ...(result.unshown ? { unshown: result.unshown } : {}),
        attributes,
        idle: result.complete ? idleRows(result.cases, table.hitPolicy ?? 'unik', table.aggregation, outputs, input.ranks) : [],
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
 * cases likewise, for a table further down the chain. As they are for a table without chained table
 * inputs; undefined where an upstream cannot be analysed completely (or reads the table itself).
 */
function throughUpstream(
    table: Ast.DecisionTable, findings: DecisionFinding[], cases: readonly Case[], attributes: Map<string, AnalysedAttribute>, visiting: ReadonlySet<Ast.DecisionTable>,
    calculations?: CalculationFacts,
): { findings: DecisionFinding[]; cases: readonly Case[] } | undefined {
    const chained = (table.header?.inputs ?? []).filter(input => input.table?.ref);
    if (chained.length === 0) {
        return { findings, cases };
    }
    let current: DecisionFinding[] = findings;
    let reachedCases: readonly Case[] = cases;
    for (const input of chained) {
        const upstream = input.table!.ref!;
        if (visiting.has(upstream) || upstream === table) {
            return undefined;
        }
        // A list (`regelordning`, …) is no value a cell tests: refused as decision-list-not-a-value.
        if (answersList(upstream)) {
            return undefined;
        }
        const analysis = analyseDecisionTable(upstream, new Set([...visiting, table]), calculations);
        const column = upstream.header.outputs.findIndex(output => output.column === input.column);
        if (!analysis?.complete || !analysis.cases || column < 0) {
            return undefined;
        }
        const key = inputAttribute(input);
        const cells = upstreamCells(upstream, column);
        if (!cells) {
            return undefined;
        }
        // Where the upstream's value is not one of its cells (a formula output, a sum or count of the
        // matching rows), the findings stand over every number of the column, as for a calculation.
        if (!constantCells(cells, upstream.hitPolicy === 'samla')) {
            continue;
        }
        // Each case of the upstream with the value its deciding row (or its default) gives in the column.
        const reached = analysis.cases.flatMap(found => {
            const row = decidingRow(found.verdicts, upstream.hitPolicy === 'samla', upstream.hitPolicy === 'prioritet' ? analysis.input.ranks : undefined);
            const cell = row === undefined ? (upstream.otherwise ? cells[cells.length - 1] : undefined) : cells[row];
            const value = cell && chainedValue(cell);
            return value === undefined ? [] : [{ found, value }];
        });
        for (const [id, attribute] of analysis.attributes) {
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
 * What the analyses know of the named calculations a table reads as inputs (`| beräkning x |`), from
 * the calculation bound analysis on the compiled policy (calculation-bounds.ts): the bounds of its
 * value, and a citizen whose value the runtime answers inside a region.
 */
export interface CalculationFacts {
    range(calculation: Ast.Calculation): { lo?: ExactNumber; hi?: ExactNumber } | undefined;
    /** The citizen's attributes as point regions, with the attributes as the analyses describe them. */
    citizen(calculation: Ast.Calculation, region: Region): { assignment: ReadonlyMap<string, Region>; attributes: readonly AnalysedAttribute[] } | undefined;
}

/**
 * A finding on a calculation column narrowed to a citizen the runtime answers with a value in the
 * finding's region, so its witness is a citizen, not only a value; as it is where none is found.
 */
function withCalculationCitizen(table: Ast.DecisionTable, finding: DecisionFinding, attributes: Map<string, AnalysedAttribute>, calculations: CalculationFacts): DecisionFinding {
    let assignment: Map<string, Region> | undefined;
    for (const input of table.header?.inputs ?? []) {
        const region = input.calculation?.ref && finding.case.assignment.get(inputAttribute(input));
        const found = region && calculations.citizen(input.calculation!.ref!, region);
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
 * Undefined when a column or cell is unresolved or malformed (the ordinary checks report those), or
 * a cell names a value `bounds` does not give (a parameter: the check analyses the table once per
 * set of the parameters' values, named-bounds.ts; another attribute: once per its value, attribute-bounds.ts).
 */
export function decisionTableInput(table: Ast.DecisionTable, calculations?: CalculationFacts, bounds: ReadonlyMap<string, ExactNumber> = new Map()): DecisionTableInput | undefined {
    const inputs = table.header?.inputs ?? [];
    if (inputs.length === 0 || inputs.some(input => !input.level && !input.attribute?.ref && !input.table?.ref && !input.calculation?.ref)) {
        return undefined;
    }
    const attributes = new Map<string, AnalysedAttribute>();
    for (const input of inputs) {
        const id = inputAttribute(input);
        if (input.table || input.calculation) {
            const domain = chainedDomain(input, calculations);
            if (!domain) {
                return undefined; // a column of texts or förlopp, or an unknown column: the checks report it
            }
            attributes.set(id, { id, name: inputName(input), domain });
            continue;
        }
        attributes.set(id, input.level
            ? {
                id, name: 'nivå',
                domain: {
                    kind: 'integer',
                    min: ExactNumber.parse(table.levels?.min ?? '0'),
                    ...(table.levels ? { max: ExactNumber.parse(table.levels.max) } : {}),
                },
            }
            : { id, name: input.attribute!.ref!.name, domain: attributeDomain(input.attribute!.ref!) });
    }
    // An attribute another column is compared with, analysed at one value (attribute-bounds.ts): its own column is that value only.
    for (const [id, value] of bounds) {
        const fixed = attributes.get(id);
        if (fixed && (fixed.domain.kind === 'integer' || fixed.domain.kind === 'decimal')) {
            attributes.set(id, { ...fixed, domain: { ...fixed.domain, min: value, max: value } });
        }
    }
    const cells: Array<Array<Criterion | null>> = [];
    for (const row of table.rows) {
        if (row.conditions.length !== inputs.length || !row.conditions.every(isCompleteCell)) {
            return undefined;
        }
        const withValues = row.conditions.map((cell, index) => {
            const criterion = compileCell(cell, inputAttribute(inputs[index]));
            return criterion && withBoundValues(criterion, bounds);
        });
        if (withValues.some(cell => cell === undefined)) {
            return undefined;
        }
        const compiled = withValues as Array<Criterion | null>;
        if (compiled.some(cell => cell !== null && 'value' in cell && 'enumeration' in cell.value && !isKnownValue(attributes.get(cell.attribute), cell.value.enumeration))) {
            return undefined;
        }
        cells.push(compiled);
    }
    const ranks = table.hitPolicy === 'prioritet' ? priorityRanks(table) : undefined;
    if (table.hitPolicy === 'prioritet' && !ranks) {
        return undefined;
    }
    return { attributes, columns: inputs.map(inputAttribute), cells, outputs: table.rows.map(outputKey), ...(ranks ? { ranks } : {}) };
}

/**
 * Each row's priority by the runtime's own ranking of the compiled outputs; undefined where a value is
 * unresolved or not in its column's list, or no column lists values (the checks report those).
 */
function priorityRanks(table: Ast.DecisionTable): number[][] | undefined {
    try {
        const outputValues = compileOutputValues(table);
        const ranks = table.rows.map(row => outputRank({ outputValues }, compileResults(row)));
        return outputValues && ranks.every(rank => rank.every(Number.isFinite)) ? ranks : undefined;
    } catch {
        return undefined;
    }
}

/**
 * A row's outputs as one text, equal for rows that give the same outputs; unique to the row where an
 * output is unresolved or half-typed (the ordinary checks report that), so such a row agrees with none.
 */
function outputKey(row: Ast.DecisionRow, index: number): string {
    if (row.results.some(result => isPathwayResult(result) && !result.pathway.ref)) {
        return `\u0000row ${index}`;
    }
    try {
        return JSON.stringify(compileResults(row));
    } catch {
        return `\u0000row ${index}`;
    }
}

/** Whether a cell has every part (half-typed text leaves a comparison without its value). */
function isCompleteCell(cell: Ast.InputCell | Ast.CellTest | undefined): boolean {
    switch (cell?.$type) {
        case 'AnyValue': return true;
        case 'CellComparison': return cell.value !== undefined && (cell.upperOperator === undefined || cell.upperValue !== undefined);
        case 'CellRange': return cell.range?.min !== undefined && cell.range.max !== undefined;
        case 'CellBoundRange': return (cell.min !== undefined || cell.minNumber !== undefined) && (cell.max !== undefined || cell.maxNumber !== undefined);
        case 'CellSet': return cell.members.length > 0 && cell.members.every(member => member !== undefined);
        case 'CellValue': return cell.value !== undefined;
        case 'CellText': return cell.text !== undefined;
        case 'CellPathway': return cell.pathway?.ref !== undefined;
        case 'CellDisjunction': return cell.tests.length > 1 && cell.tests.every(isCompleteCell);
        default: return false;
    }
}

function isKnownValue(attribute: AnalysedAttribute | undefined, value: string): boolean {
    return attribute?.domain.kind === 'enumeration' && attribute.domain.values.includes(value);
}

/**
 * The values a chained input can take, as far as its upstream's outputs say: ja/nej where the upstream
 * column gives ja/nej; otherwise the numbers between the least and greatest value a row (or the
 * default) of the column gives, whole where they all are (a share as its fraction, as the runtime reads
 * it); the upstream's texts, or its förlopp's ids, as an enumeration where it gives texts or förlopp.
 * A calculation's value is any number. Undefined for a column of values left open or of mixed kinds,
 * and for a column the upstream does not have: the checks report those.
 */
export function chainedDomain(input: Ast.DecisionInput, calculations?: CalculationFacts): AttributeDomain | undefined {
    if (input.calculation?.ref) {
        // Between the calculation's proved bounds, where they are known: a value it never takes needs no row.
        const range = calculations?.range(input.calculation.ref);
        return { kind: 'decimal', ...(range?.lo ? { min: range.lo } : {}), ...(range?.hi ? { max: range.hi } : {}) };
    }
    const upstream = input.table?.ref;
    const column = upstream?.header?.outputs.findIndex(output => output.column === input.column) ?? -1;
    if (!upstream || column < 0 || answersList(upstream)) {
        return undefined;
    }
    const cells = upstreamCells(upstream, column);
    // A sum or a count of the matching rows (`träff samla`) may leave the cells' range: any number, as a calculation's.
    return cells && chainedCellsDomain(cells, upstream.hitPolicy === 'samla' && upstream.aggregation !== 'min' && upstream.aggregation !== 'max');
}

/** An upstream table's output cells of one column, rows then default; undefined where one is unresolved or half-typed. */
export function upstreamCells(upstream: Ast.DecisionTable, column: number): DecisionResult[] | undefined {
    const cells: DecisionResult[] = [];
    for (const row of [...upstream.rows, ...(upstream.otherwise ? [upstream.otherwise] : [])]) {
        const result = row.results[column];
        if (!result || (isPathwayResult(result) && !result.pathway.ref)) {
            return undefined;
        }
        try {
            cells.push(compileResults(row)[column]);
        } catch {
            return undefined;
        }
    }
    return cells;
}

export { LEVEL_INPUT };
