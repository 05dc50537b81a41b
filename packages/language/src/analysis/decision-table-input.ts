import { ExactNumber, withBoundValues, type Criterion, type DecisionResult } from '@regelratt/format';
import { outputRank } from '@regelratt/runtime';
import {
    analyseTable, chainedCellsDomain, type AnalysedAttribute, type AttributeDomain, type CalculationColumn, type ChainedTableInput, type DecisionAnalysis,
    type DecisionTableInput, type NeedTable, type Region,
} from '@regelratt/analyses';
import type * as Ast from '../generated/ast.js';
import { isFormulaResult, isPathwayResult, isQuantity } from '../generated/ast.js';
import { answersList, compileCell, compileOutputValues, compileResults, inputAttribute, inputName } from '../compiler/compile-decision-table.js';
import { elementId } from '../compiler/element-ids.js';
import { attributeDomain } from './attribute-domain.js';

/**
 * The adapter over the AST of the decision-table analysis (@regelratt/analyses' analyseTable): the
 * table's rows in the analyses' terms, compiled here because a table with an error elsewhere in the
 * workspace is still checked, each chained upstream analysed first, and each calculation column asked
 * of the calculation bound analysis (`calculations`). `bounds` gives the values of the parameters the
 * cells name (named-bounds.ts: the check analyses a table once per set of their values). Undefined
 * when a column or cell is unresolved or malformed (the ordinary checks report those), or an upstream
 * cannot be analysed completely, answers a list, or reads the table itself (a cycle, reported as
 * decision-cycle).
 */
export function analyseDecisionTable(table: Ast.DecisionTable, visiting: ReadonlySet<Ast.DecisionTable> = new Set(), calculations?: CalculationFacts, bounds?: ReadonlyMap<string, ExactNumber>): DecisionAnalysis | undefined {
    const input = decisionTableInput(table, calculations, bounds);
    if (!input) {
        return undefined;
    }
    const chained = chainedInputs(table, visiting, calculations);
    if (!chained) {
        return undefined;
    }
    return analyseTable({
        input,
        hitPolicy: table.hitPolicy ?? 'unik',
        ...(table.aggregation ? { aggregation: table.aggregation } : {}),
        answersList: answersList(table),
        hasDefault: table.otherwise !== undefined,
        chained,
        ...(calculations ? { calculations: calculationColumns(table, calculations) } : {}),
    });
}

/**
 * The table's chained table inputs with each upstream's analysis (asked with the calculations, not
 * with the table's parameter values: an upstream names its own); undefined where one cannot be
 * analysed completely, answers a list (refused as decision-list-not-a-value) or reads the table itself.
 */
function chainedInputs(table: Ast.DecisionTable, visiting: ReadonlySet<Ast.DecisionTable>, calculations: CalculationFacts | undefined): ChainedTableInput[] | undefined {
    const chained: ChainedTableInput[] = [];
    for (const input of (table.header?.inputs ?? []).filter(each => each.table?.ref)) {
        const upstream = input.table!.ref!;
        if (visiting.has(upstream) || upstream === table || answersList(upstream)) {
            return undefined;
        }
        const analysis = analyseDecisionTable(upstream, new Set([...visiting, table]), calculations);
        const column = upstream.header.outputs.findIndex(output => output.column === input.column);
        if (!analysis?.complete || !analysis.cases || column < 0) {
            return undefined;
        }
        const cells = upstreamCells(upstream, column);
        if (!cells) {
            return undefined;
        }
        chained.push({
            key: inputAttribute(input), upstream: { ...analysis, cases: analysis.cases }, cells,
            hitPolicy: upstream.hitPolicy ?? 'unik', hasDefault: upstream.otherwise !== undefined,
        });
    }
    return chained;
}

/** The table's calculation columns, each with the bound analysis's citizen search for its calculation. */
function calculationColumns(table: Ast.DecisionTable, calculations: CalculationFacts): CalculationColumn[] {
    return (table.header?.inputs ?? []).flatMap(input => {
        const calculation = input.calculation?.ref;
        return calculation ? [{ key: inputAttribute(input), citizen: (region: Region) => calculations.citizen(calculation, region) }] : [];
    });
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
        case 'CellNotWord': return cell.pathway ? cell.pathway.ref !== undefined : cell.text !== undefined;
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

/** What the need analysis (@regelratt/analyses' analyseNeedMonotonicity) reads of the table: its need columns and each output column's amounts. */
export function needTable(table: Ast.DecisionTable): NeedTable {
    const inputs = table.header.inputs;
    const needIds = new Set(table.needs.map(need => need.ref).filter((a): a is Ast.Attribute => a !== undefined).map(elementId));
    const needs = inputs.map(inputAttribute).filter(id => inputs.find(i => inputAttribute(i) === id)?.level || needIds.has(id));
    // The default outputs (`annars`) decide where no row holds: one more row, last, whose amounts count too.
    const results = [...table.rows.map(row => row.results), ...(table.otherwise ? [table.otherwise.results] : [])];
    const outputs = table.header.outputs.map((output, column) => ({
        column: output.column,
        formula: results.some(cells => isFormulaResult(cells[column])),
        amounts: results.map(cells => {
            const cell = cells[column];
            return cell && isQuantity(cell) && (cell.unit?.money || cell.unit?.percent) ? ExactNumber.parse(cell.value) : undefined;
        }),
        unit: results.some(cells => { const cell = cells[column]; return cell && isQuantity(cell) && cell.unit?.percent; }) ? '%' as const : 'kr' as const,
    }));
    return { needs, hitPolicy: table.hitPolicy ?? 'unik', hasDefault: table.otherwise !== undefined, outputs };
}
