import { chainedInputKey, LEVEL_INPUT, listHitPolicy, type ComparisonOperator, type Criterion, type DecisionInput, type DecisionResult, type DecisionRow, type DecisionTable } from '@regelratt/format';
import type * as Ast from '../generated/ast.js';
import { isAttribute, isEnumerationLiteral, isParameter } from '../generated/ast.js';
import { compileExpression } from './compile-expression.js';
import { comparisonOperators, compileLiteral } from './compile-criterion.js';
import { compileOptionalAmount, compileValidity } from './compile-values.js';
import { elementId, referenceId } from './element-ids.js';
import { sourceSpan } from './source-span.js';

/** The hit policy's word in the source, and in the compiled format (DMN's names). */
const HIT_POLICIES = {
    unik: 'unique', första: 'first', valfri: 'any', samla: 'collect', prioritet: 'priority', regelordning: 'ruleOrder', utfallsordning: 'outputOrder',
} as const satisfies Record<NonNullable<Ast.DecisionTable['hitPolicy']>, DecisionTable['hitPolicy']>;

/** The table's hit policy in the compiled format: `träff samla` without an aggregation is DMN's COLLECT, a list (since 1.11). */
export function compiledHitPolicy(table: Pick<Ast.DecisionTable, 'hitPolicy' | 'aggregation'>): DecisionTable['hitPolicy'] {
    return table.hitPolicy === 'samla' && table.aggregation === undefined ? 'collectList' : HIT_POLICIES[table.hitPolicy ?? 'unik'];
}

/** The hit policy as the table writes it (`träff regelordning`), for messages. */
export function policyWords(table: Pick<Ast.DecisionTable, 'hitPolicy' | 'aggregation'>): string {
    return `träff ${table.hitPolicy ?? 'unik'}${table.aggregation ? ` ${table.aggregation}` : ''}`;
}

/** Whether the table answers with a list of every matching row's outputs (`regelordning`, `utfallsordning`, `samla` alone). */
export function answersList(table: Pick<Ast.DecisionTable, 'hitPolicy' | 'aggregation'>): boolean {
    return listHitPolicy(compiledHitPolicy(table));
}
const AGGREGATIONS = { summa: 'sum', min: 'min', max: 'max', antal: 'count' } as const satisfies Record<Ast.Aggregation, NonNullable<DecisionTable['aggregation']>>;

/** An input column as the compiled format has it: an attribute, the level, or (chained) another table's column or a calculation. */
export function compileInput(input: Ast.DecisionInput): DecisionInput {
    if (input.level) {
        return { level: true };
    }
    if (input.table) {
        return { decision: referenceId(input.table), column: input.column ?? '' };
    }
    if (input.calculation) {
        return { calculation: referenceId(input.calculation) };
    }
    return { attribute: referenceId(input.attribute!) };
}

/** An input column as the policy writes it, for messages: `nivå`, the attribute, `tabell.kolumn` or `beräkning x`. */
export function inputName(input: Ast.DecisionInput): string {
    if (input.level) {
        return 'nivå';
    }
    if (input.table) {
        return `${input.table.$refText}.${input.column ?? ''}`;
    }
    if (input.calculation) {
        return `beräkning ${input.calculation.$refText}`;
    }
    return input.attribute?.$refText ?? '?';
}

/** The attribute id an input column's cells test: the attribute's, the level's, or the chained input's key. */
export function inputAttribute(input: Ast.DecisionInput): string {
    const compiled = compileInput(input);
    return 'level' in compiled ? LEVEL_INPUT : 'attribute' in compiled ? compiled.attribute : chainedInputKey(compiled);
}

/** One cell as a criterion on its column; `-` (any value) is null. */
export function compileCell(cell: Ast.InputCell | Ast.CellTest, attribute: string): Criterion | null {
    switch (cell.$type) {
        case 'AnyValue':
            return null;
        case 'CellComparison': {
            // `> 0 och < 5`: both bounds must hold.
            const first = compileTest(attribute, comparisonOperators[cell.operator], cell.value);
            return cell.upperOperator && cell.upperValue
                ? { all: [first, compileTest(attribute, comparisonOperators[cell.upperOperator], cell.upperValue)] }
                : first;
        }
        case 'CellRange':
            return { attribute, between: { min: cell.range.min, max: cell.range.max } };
        case 'CellBoundRange': {
            // `15–gräns`: inclusive at both ends, as a range of numbers is.
            const lower: Criterion = cell.min ? compileTest(attribute, '>=', cell.min) : { attribute, op: '>=', value: { number: boundNumber(cell.minNumber) } };
            const upper: Criterion = cell.max ? compileTest(attribute, '<=', cell.max) : { attribute, op: '<=', value: { number: boundNumber(cell.maxNumber) } };
            return { all: [lower, upper] };
        }
        case 'CellSet':
            return { attribute, in: cell.members.map(compileLiteral) };
        case 'CellValue':
            return compileTest(attribute, '=', cell.value);
        case 'CellText':
            // A text a chained column's upstream answers (`"Hemtjänst"`): equal to it, as an enumeration's value is (format 1.12).
            return { attribute, op: '=', value: { enumeration: cell.text } };
        case 'CellPathway':
            // A förlopp a chained column's upstream answers, by its id, as the upstream's output cell names it (format 1.12).
            return { attribute, op: '=', value: { enumeration: referenceId(cell.pathway) } };
        case 'CellNotWord':
            // `≠ "Hemtjänst"`, `≠ förlopp f`: the comparison a choice cell's `≠ hög` compiles to, so the runtime,
            // the analyses and the DMN export (`not("Hemtjänst")`) read it as they read that.
            return { attribute, op: '!=', value: { enumeration: cell.pathway ? referenceId(cell.pathway) : cell.text ?? '' } };
        case 'CellDisjunction':
            // `< 18 eller >= 60`: any of the tests; a test is never `-`, so never null.
            return { any: cell.tests.map(test => compileCell(test, attribute)!) };
    }
}

/**
 * A parameter or another attribute a cell names instead of a value (`> maxtaxa`, `< maxpris`): a name
 * in a cell links to one of them only on a column of numbers (regelratt-scope-provider.ts).
 */
export function namedBound(literal: Ast.Literal | undefined): Ast.Parameter | Ast.Attribute | undefined {
    if (!isEnumerationLiteral(literal)) {
        return undefined;
    }
    const target = literal.value.ref;
    return isParameter(target) || isAttribute(target) ? target : undefined;
}

function boundNumber(number: string | undefined): string {
    if (number === undefined) {
        throw new Error('A range without its bound reached the compiler'); // the parser reports half-typed ranges
    }
    return number;
}

/** One comparison of a cell: with a constant, or with a named value (format 1.11). */
function compileTest(attribute: string, op: ComparisonOperator, literal: Ast.Literal): Criterion {
    const named = namedBound(literal);
    return named ? { attribute, against: { op, ref: elementId(named) } } : { attribute, op, value: compileLiteral(literal) };
}

/** A row's output cells (or the default's, `annars`) as the compiled format has them. */
export function compileResults(row: Ast.DecisionRow | Ast.DecisionDefault): DecisionRow['then'] {
    return row.results.map(compileResult);
}

/**
 * Each output cell's compiler, by its AST type: a new kind of cell in the grammar is a compile error
 * here until it says what it compiles to.
 */
const RESULT_COMPILERS = {
    Quantity: result => compileOptionalAmount(result),
    OpenAmount: result => compileOptionalAmount(result),
    PathwayResult: result => ({ pathway: referenceId(result.pathway) }),
    TextResult: result => ({ text: result.text }),
    YesNoResult: result => ({ yesNo: result.answer === 'ja' }),
    FormulaResult: result => ({ formula: compileExpression(result.formula) }),
    // A date as written (`2025-01-01`); one that is no calendar day is refused by invalid-date before anything compiles.
    DateLiteral: result => ({ date: result.value }),
} satisfies { [K in Ast.DecisionResult['$type']]: (result: Extract<Ast.DecisionResult, { $type: K }>) => DecisionResult };

/** One output cell, or one of a column's listed values (`| risk ("hög", "låg") |`). */
export function compileResult(result: Ast.DecisionResult): DecisionResult {
    return (RESULT_COMPILERS[result.$type] as (result: Ast.DecisionResult) => DecisionResult)(result);
}

/** DMN's output values: each column's listed values in priority order, null where it lists none; undefined where no column does. */
export function compileOutputValues(table: Ast.DecisionTable): DecisionTable['outputValues'] {
    const outputs = table.header.outputs;
    return outputs.some(output => output.values.length > 0)
        ? outputs.map(output => (output.values.length > 0 ? output.values.map(compileResult) : null))
        : undefined;
}

export function compileDecisionTable(table: Ast.DecisionTable, file: string): Omit<DecisionTable, 'id' | 'kind' | 'name' | 'title' | 'source'> {
    const attributes = table.header.inputs.map(inputAttribute);
    return {
        ...(table.validity ? { validity: compileValidity(table.validity) } : {}),
        hitPolicy: compiledHitPolicy(table),
        ...(table.hitPolicy === 'samla' && table.aggregation ? { aggregation: AGGREGATIONS[table.aggregation] } : {}),
        ...(table.levels ? { levels: { min: Number(table.levels.min), max: Number(table.levels.max) } } : {}),
        inputs: table.header.inputs.map(compileInput),
        outputs: table.header.outputs.map(output => output.column),
        ...(compileOutputValues(table) ? { outputValues: compileOutputValues(table) } : {}),
        rows: table.rows.map(row => ({
            when: row.conditions.map((cell, index) => compileCell(cell, attributes[index])),
            then: compileResults(row),
            source: sourceSpan(row, file),
        })),
        ...(table.otherwise ? { defaultOutputs: compileResults(table.otherwise) } : {}),
    };
}
