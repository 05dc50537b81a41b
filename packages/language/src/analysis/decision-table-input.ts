import { ExactNumber, formulaCell, quantityCell, type Criterion, type DecisionResult } from '@regelratt/format';
import { outputRank } from '@regelratt/runtime';
import { analyseTable, type AnalysedAttribute, type AttributeDomain, type ChainedTableInput, type DecisionAnalysis, type DecisionTableInput, type NeedTable } from '@regelratt/analyses';
import type * as Ast from '../generated/ast.js';
import { isFormulaResult, isPathwayResult, isQuantity } from '../generated/ast.js';
import { compileCell, compileOutputValues, compileResults, inputAttribute, inputName } from '../compiler/compile-decision-table.js';
import { elementId } from '../compiler/element-ids.js';
import { attributeDomain } from './attribute-domain.js';

/**
 * The adapter over the AST of the decision-table analysis (@regelratt/analyses' analyseTable): the
 * table's rows in the analyses' terms, compiled here because a table with an error elsewhere in the
 * workspace is still checked, and each chained upstream analysed first. Undefined when a column or
 * cell is unresolved or malformed (the ordinary checks report those), or an upstream cannot be
 * analysed completely or reads the table itself (a cycle, reported as decision-cycle).
 */
export function analyseDecisionTable(table: Ast.DecisionTable, visiting: ReadonlySet<Ast.DecisionTable> = new Set()): DecisionAnalysis | undefined {
    const input = decisionTableInput(table);
    if (!input) {
        return undefined;
    }
    const chained: ChainedTableInput[] = [];
    for (const column of (table.header?.inputs ?? []).filter(each => each.table?.ref)) {
        const upstream = column.table!.ref!;
        if (visiting.has(upstream) || upstream === table) {
            return undefined;
        }
        const analysis = analyseDecisionTable(upstream, new Set([...visiting, table]));
        const index = upstream.header.outputs.findIndex(output => output.column === column.column);
        if (!analysis?.complete || !analysis.cases || index < 0) {
            return undefined;
        }
        const cells = upstreamCells(upstream, index);
        if (!cells) {
            return undefined;
        }
        chained.push({ key: inputAttribute(column), upstream: analysis, cases: analysis.cases, cells, hitPolicy: upstream.hitPolicy ?? 'unik', hasDefault: upstream.otherwise !== undefined });
    }
    return analyseTable({ input, hitPolicy: table.hitPolicy ?? 'unik', aggregation: table.aggregation, hasDefault: table.otherwise !== undefined, chained });
}

/** Undefined when a column or cell is unresolved or malformed (the ordinary checks report those). */
export function decisionTableInput(table: Ast.DecisionTable): DecisionTableInput | undefined {
    const inputs = table.header?.inputs ?? [];
    if (inputs.length === 0 || inputs.some(input => !input.level && !input.attribute?.ref && !input.table?.ref && !input.calculation?.ref)) {
        return undefined;
    }
    const attributes = new Map<string, AnalysedAttribute>();
    for (const input of inputs) {
        const id = inputAttribute(input);
        if (input.table || input.calculation) {
            const domain = chainedDomain(input);
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

/**
 * The values a chained input can take, as far as its upstream's outputs say: ja/nej where the upstream
 * column gives ja/nej; otherwise the numbers between the least and greatest value a row (or the
 * default) of the column gives, whole where they all are (a share as its fraction, as the runtime reads
 * it). A calculation's value is any number. Undefined for a column of texts, förlopp or values left
 * open, and for a column the upstream does not have: the checks report those.
 */
export function chainedDomain(input: Ast.DecisionInput): AttributeDomain | undefined {
    if (input.calculation?.ref) {
        return { kind: 'decimal' };
    }
    const upstream = input.table?.ref;
    const column = upstream?.header?.outputs.findIndex(output => output.column === input.column) ?? -1;
    if (!upstream || column < 0) {
        return undefined;
    }
    const cells = upstreamCells(upstream, column);
    if (!cells || cells.length === 0) {
        return undefined;
    }
    if (cells.every(cell => 'yesNo' in cell)) {
        return { kind: 'boolean' };
    }
    // A formula output (`= inkomst × 10 %`) gives numbers no cell bounds, and a sum or a count of the
    // matching rows (`träff samla`) may leave the cells' range: any number, as a calculation's.
    if (cells.some(cell => formulaCell(cell) !== undefined) || (upstream.hitPolicy === 'samla' && upstream.aggregation !== 'min' && upstream.aggregation !== 'max')) {
        return cells.every(cell => formulaCell(cell) !== undefined || quantityCell(cell) !== undefined) ? { kind: 'decimal' } : undefined;
    }
    const values: ExactNumber[] = [];
    for (const cell of cells) {
        const quantity = quantityCell(cell);
        if (!quantity) {
            return undefined;
        }
        const value = ExactNumber.parse(quantity.value);
        values.push(quantity.unit === '%' ? value.divide(ExactNumber.of(100n)) : value);
    }
    const min = values.reduce((a, b) => (b.compare(a) < 0 ? b : a));
    const max = values.reduce((a, b) => (b.compare(a) > 0 ? b : a));
    return { kind: values.every(v => v.isInteger()) ? 'integer' : 'decimal', min, max };
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
