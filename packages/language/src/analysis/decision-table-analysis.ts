import { ExactNumber, LEVEL_INPUT, type Criterion } from '@regelratt/format';
import type * as Ast from '../generated/ast.js';
import { isPathwayResult } from '../generated/ast.js';
import { comparePriority, highestPriority, outputRank } from '@regelratt/runtime';
import { compileCell, compileOutputValues, compileResults, inputAttribute } from '../compiler/compile-decision-table.js';
import { attributeDomain, type AnalysedAttribute } from './attribute-domain.js';
import type { Case } from './case-split.js';
import { analyseCoverage, type PathwayUnderAnalysis } from './pathway-coverage.js';
import { idleRows, type IdleRow } from './row-reach.js';

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
export function analyseDecisionTable(table: Ast.DecisionTable): DecisionAnalysis | undefined {
    const input = decisionTableInput(table);
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
            // DMN's Priority: rows of different priority may overlap (the higher decides), rows of the same priority only where they agree.
            case 'prioritet': return ids.filter((_, other) => outputs[other] === outputs[index] || comparePriority(input.ranks![other], input.ranks![index]) !== 0);
        }
    };
    // A count over no row is 0, as in DMN. A sum over no row is 0 for the runtime but no answer in
    // DMN: its gaps are found too, and the check says where the runtime answers 0.
    // With default outputs (`annars`) the regions no row matches are found too: the default answers them.
    const gapsCount = table.hitPolicy !== 'samla' || table.aggregation !== 'antal' || table.otherwise !== undefined;
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
    const byDefault = table.otherwise !== undefined;
    return {
        findings: byDefault ? findings.filter(finding => finding.kind !== 'gap') : findings,
        ...(byDefault ? { defaulted: findings.filter(finding => finding.kind === 'gap').map(finding => finding.case) } : {}),
        complete: result.complete,
        ...(result.unfinished ? { unfinished: result.unfinished } : {}),
        ...(result.unshown ? { unshown: result.unshown } : {}),
        attributes,
        idle: result.complete ? idleRows(result.cases, table.hitPolicy ?? 'unik', table.aggregation, outputs, input.ranks) : [],
        input,
        gapAnswer,
    };
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

/** Undefined when a column or cell is unresolved or malformed (the ordinary checks report those). */
export function decisionTableInput(table: Ast.DecisionTable): DecisionTableInput | undefined {
    const inputs = table.header?.inputs ?? [];
    if (inputs.length === 0 || inputs.some(input => !input.level && !input.attribute?.ref)) {
        return undefined;
    }
    const attributes = new Map<string, AnalysedAttribute>();
    for (const input of inputs) {
        const id = inputAttribute(input);
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
    const cells: Array<Array<Criterion | null>> = [];
    for (const row of table.rows) {
        if (row.conditions.length !== inputs.length || !row.conditions.every(isCompleteCell)) {
            return undefined;
        }
        const compiled = row.conditions.map((cell, index) => compileCell(cell, inputAttribute(inputs[index])));
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
        case 'CellSet': return cell.members.length > 0 && cell.members.every(member => member !== undefined);
        case 'CellValue': return cell.value !== undefined;
        case 'CellDisjunction': return cell.tests.length > 1 && cell.tests.every(isCompleteCell);
        default: return false;
    }
}

function isKnownValue(attribute: AnalysedAttribute | undefined, value: string): boolean {
    return attribute?.domain.kind === 'enumeration' && attribute.domain.values.includes(value);
}

export { LEVEL_INPUT };
