import type { ValidationChecks } from 'langium';
import type * as Ast from '../generated/ast.js';
import { isFormulaResult, isPathwayResult, isQuantity, isTextResult, isYesNoResult, type RegelrattAstType } from '../generated/ast.js';
import { analyseUnits, dimensionText, expectationFits, quantityDimension, type Dimension } from '../analysis/expression-units.js';
import { CASE_BUDGET } from '@regelratt/analyses';
import { ExactNumber, sameDecisionResult } from '@regelratt/format';
import { compileResult, inputName } from '../compiler/compile-decision-table.js';
import type { DecisionAnalysis } from '@regelratt/analyses';
import { analyseDecisionTable, chainedDomain, needTable } from '../analysis/decision-table-input.js';
import type { IdleRow } from '@regelratt/analyses';
import { mergeableRows } from '@regelratt/analyses';
import { analyseNeedMonotonicity } from '@regelratt/analyses';
import { describeCase, unfinishedPart } from '@regelratt/analyses';
import type { RegelrattServices } from '../regelratt-module.js';
import { swedishDecimal } from '@regelratt/analyses';
import { describeAttributeType, describeLiteral } from './attribute-type-text.js';
import { isNumericType, literalFits } from './literal-fits.js';
import { relatedAt } from './related-location.js';
import { createReport, type Report } from './report.js';

const EQUALITY = new Set(['=', '≠', '!=']);

/**
 * Decision tables: every row has a cell per column, cells fit their column's type, output columns are
 * named once, and the rows cover every case exactly once (unique hit policy), at least once
 * (`träff första`) or at least once with overlapping rows agreeing on their outputs (`träff valfri`),
 * each gap and overlap with its example citizen. All gaps and overlaps are
 * reported: a reviewer reads each one, and `--format json` must list them all.
 */
export function decisionTableChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    return {
        DecisionTable: (table, accept) => {
            const report = createReport(accept, locale);
            // Amounts that fall as need (the level, or a `behov` column) rises, each with the two citizens.
            const reportFallingAmounts = (decisionTable: Ast.DecisionTable, analysis: DecisionAnalysis) => {
                const sv = locale.current === 'sv';
                const monotonicity = analyseNeedMonotonicity(needTable(decisionTable), analysis);
                if (!monotonicity.complete) {
                    report('analysis-undecided', { what: sv ? 'om beloppen sjunker när behovet ökar' : 'whether the amounts fall as need rises', budget: CASE_BUDGET.toLocaleString('sv-SE') }, { node: decisionTable, property: 'name' });
                }
                const reported = new Set<string>();
                for (const finding of monotonicity.findings) {
                    // One finding per pair of rows and column is enough for a reviewer.
                    const key = `${finding.column}|${finding.lowerNeedRow}|${finding.higherNeedRow}`;
                    if (reported.has(key)) {
                        continue;
                    }
                    reported.add(key);
                    const needName = analysis.attributes.get(finding.need)!.name;
                    const lower = describeCase(finding.lowerNeed, analysis.attributes, locale.current);
                    const higher = describeCase(finding.higherNeed, analysis.attributes, locale.current);
                    const amount = (value: ExactNumber) => `${swedishDecimal(value.toDecimal())} ${finding.unit}`;
                    // A row index past the rows is the default (`annars`).
                    const rowLabel = (row: number) => (row < decisionTable.rows.length ? row + 1 : 'annars');
                    const rowNode = (row: number) => decisionTable.rows[row] ?? decisionTable.otherwise!;
                    report('amount-falls-as-need-rises', {
                        table: decisionTable.name, column: finding.column, need: needName,
                        lower: lower.text, higher: higher.text,
                        lowerAmount: amount(finding.lowerNeedAmount), higherAmount: amount(finding.higherNeedAmount),
                        lowerRow: rowLabel(finding.lowerNeedRow), higherRow: rowLabel(finding.higherNeedRow),
                    }, {
                        node: rowNode(finding.higherNeedRow),
                        relatedInformation: relatedAt(rowNode(finding.lowerNeedRow), `rad ${rowLabel(finding.lowerNeedRow)}`),
                    }, {
                        text: sv ? `${lower.text} mot ${higher.text}` : `${lower.text} against ${higher.text}`,
                        example: { ...lower.example, [`${needName} (mer behov)`]: higher.example[needName] },
                    });
                }
            };
            const header = table.header;
            if (!header || !table.name) {
                return; // half-typed: the parser has said what is missing
            }
            const seen = new Map<string, Ast.DecisionOutput>();
            for (const output of header.outputs) {
                if (seen.has(output.column)) {
                    report('duplicate-column', { column: output.column, table: table.name }, { node: output, property: 'column' });
                }
                seen.set(output.column, output);
            }
            let wellFormed = true;
            table.rows.forEach((row, index) => {
                if (row.conditions.length !== header.inputs.length || row.results.length !== header.outputs.length) {
                    wellFormed = false;
                    report('decision-row-arity', {
                        row: index + 1, inputs: row.conditions.length, outputs: row.results.length,
                        headerInputs: header.inputs.length, headerOutputs: header.outputs.length,
                    }, { node: row });
                    return;
                }
                row.conditions.forEach((cell, column) => {
                    if (!checkCell(report, cell, header.inputs[column], locale.current)) {
                        wellFormed = false;
                    }
                });
            });
            const otherwise = table.otherwise;
            if (otherwise && otherwise.results.length !== header.outputs.length) {
                wellFormed = false;
                report('decision-default-arity', { table: table.name, outputs: otherwise.results.length, headerOutputs: header.outputs.length }, { node: otherwise });
            }
            // DMN's output values: a column that lists them gives only those, or its priority is undefined.
            if (!checkOutputValues(report, table)) {
                return;
            }
            if (!wellFormed || table.rows.length === 0) {
                return;
            }
            // A column gives förlopp or values, not both: a consumer reads one kind from it.
            header.outputs.forEach((output, column) => {
                const cells = [...table.rows, ...(otherwise ? [otherwise] : [])].map(row => row.results[column]);
                const pathway = cells.find(cell => isPathwayResult(cell));
                const value = cells.find(cell => isQuantity(cell) || isFormulaResult(cell));
                const text = cells.find(cell => isTextResult(cell));
                const yesNo = cells.find(cell => isYesNoResult(cell));
                if ([pathway, value, text, yesNo].filter(Boolean).length > 1) {
                    report('mixed-column', { table: table.name, column: output.column }, { node: output, property: 'column' });
                }
                // `träff samla` adds the rows' outputs up (or takes their least or greatest): förlopp, texts and ja/nej cannot be.
                const words = pathway ? undefined : text ? (locale.current === 'sv' ? 'texter' : 'texts') : yesNo ? 'ja/nej' : undefined;
                if ((pathway || words) && table.hitPolicy === 'samla' && table.aggregation !== 'antal') {
                    report('not-aggregable', { table: table.name, column: output.column, ...(words ? { kind: words } : {}) }, { node: output, property: 'column' });
                }
                checkFormulaUnits(report, table, output, cells, locale.current);
            });
            const analysis = analyseDecisionTable(table);
            if (!analysis) {
                return;
            }
            // Rows that can be written as one without changing any answer, each with its quick fix (lsp/regelratt-code-actions.ts).
            for (const merge of mergeableRows(analysis.input, table.hitPolicy ?? 'unik')) {
                const input = header.inputs[merge.column];
                report('decision-rows-mergeable', {
                    table: table.name, keep: merge.keep + 1, remove: merge.remove + 1, column: input.attribute ? input.attribute.ref?.name ?? '' : inputName(input), cell: merge.cell,
                }, { node: table.rows[merge.remove], relatedInformation: relatedAt(table.rows[merge.keep], `rad ${merge.keep + 1}`) });
            }
            if (!analysis.complete) {
                const part = unfinishedPart(analysis.unfinished, analysis.attributes, locale.current);
                report('analysis-undecided', {
                    what: locale.current === 'sv' ? 'beslutstabellens täckning' : 'the coverage of the decision table', budget: CASE_BUDGET.toLocaleString('sv-SE'), ...(part ? { part } : {}),
                    found: analysis.findings.length, unshown: analysis.unshown ?? 0,
                }, { node: table, property: 'name' });
            }
            // Row by row says nothing about a sum of rows: a collecting table is analysed over need where a
            // calculation reads it (its need columns count for the calculation: calculation-need-checks.ts).
            if (analysis.complete && table.hitPolicy !== 'samla' && !analysis.findings.some(finding => finding.kind === 'overlap')) {
                reportFallingAmounts(table, analysis);
            }
            // Rows that never decide: each with citizens it matches and the row that answers them instead.
            for (const idle of analysis.idle) {
                const witness = describeCase(idle.case, analysis.attributes, locale.current);
                report(IDLE_CODES[idle.kind], {
                    table: table.name, row: idle.row + 1, by: idle.by + 1, witness: witness.text,
                }, { node: table.rows[idle.row], relatedInformation: relatedAt(table.rows[idle.by], `rad ${idle.by + 1}`) }, witness);
            }
            // A default no citizen reaches: every case matches a row, so `annars` never answers.
            if (analysis.complete && analysis.defaulted?.length === 0 && otherwise) {
                report('decision-default-unused', { table: table.name }, { node: otherwise });
            }
            for (const finding of analysis.findings) {
                const witness = describeCase(finding.case, analysis.attributes, locale.current);
                if (finding.kind === 'gap' && analysis.gapAnswer === 'zero') {
                    // The runtime's answer is said with the citizen: 0 in every column, where DMN has none.
                    const answer = header.outputs.map(output => `${output.column} = 0`).join(', ');
                    report('decision-sum-gap', { table: table.name, witness: witness.text, answer }, { node: table, property: 'name' }, witness);
                } else if (finding.kind === 'gap') {
                    report('decision-gap', { table: table.name, witness: witness.text }, { node: table, property: 'name' }, witness);
                } else if (table.hitPolicy === 'prioritet') {
                    // Rows of the same priority that disagree: the only overlap priority does not settle.
                    const [first, ...others] = finding.rows;
                    report('decision-priority-tie', {
                        table: table.name, rows: finding.rows.map(r => r + 1).join(locale.current === 'sv' ? ' och ' : ' and '), witness: witness.text,
                    }, { node: table.rows[others[others.length - 1]], relatedInformation: relatedAt(table.rows[first], `rad ${first + 1}`) }, witness);
                } else {
                    const [first, ...others] = finding.rows;
                    const later = table.rows[others[others.length - 1]];
                    report('decision-overlap', {
                        table: table.name, rows: finding.rows.map(r => r + 1).join(locale.current === 'sv' ? ' och ' : ' and '), witness: witness.text, hit: table.hitPolicy ?? 'unik',
                    }, { node: later, relatedInformation: relatedAt(table.rows[first], `rad ${first + 1}`) }, witness);
                }
            }
        },
    };
}

/**
 * Formula cells (`= inkomst × 30 %`) are checked as a calculation's formula is (units at each
 * operation, no yes/no or choice in arithmetic), and must give what the column's other cells give:
 * the first amount written in the column (not 0), or else the first formula's unit.
 */
function checkFormulaUnits(report: Report, table: Ast.DecisionTable, output: Ast.DecisionOutput, cells: ReadonlyArray<Ast.DecisionResult | undefined>, locale: 'sv' | 'en'): void {
    const formulas = cells.filter(isFormulaResult).filter(cell => cell.formula !== undefined);
    if (formulas.length === 0) {
        return;
    }
    const dimensions = new Map<Ast.FormulaResult, Dimension>();
    for (const cell of formulas) {
        const { dimension, findings } = analyseUnits(cell.formula, locale);
        for (const finding of findings) {
            report(finding.code, finding.args, { node: finding.node });
        }
        dimensions.set(cell, dimension);
    }
    const written = cells.find((cell): cell is Ast.Quantity => isQuantity(cell) && quantityDimension(cell).kind !== 'zero');
    const expected = written ? quantityDimension(written) : dimensions.get(formulas[0])!;
    for (const cell of formulas) {
        const actual = dimensions.get(cell)!;
        if (!expectationFits(expected, actual) || (expected.kind === 'number' && actual.kind !== 'number' && actual.kind !== 'unknown' && actual.kind !== 'zero')) {
            report('decision-formula-unit', {
                table: table.name, column: output.column, actual: dimensionText(actual, locale), expected: dimensionText(expected, locale),
            }, { node: cell });
        }
    }
}

/** The diagnostic for each kind of row that never decides. */
const IDLE_CODES = {
    shadowed: 'decision-row-shadowed',
    redundant: 'decision-row-redundant',
    outranked: 'decision-row-outranked',
} as const satisfies Record<IdleRow['kind'], string>;

/**
 * DMN's output values (`| risk ("hög", "medel", "låg") |`): every output of a column that lists them
 * is one of them, and `träff prioritet` has a list to rank by. False where priorities cannot be read.
 */
function checkOutputValues(report: Report, table: Ast.DecisionTable): boolean {
    const outputs = table.header.outputs;
    if (table.hitPolicy === 'prioritet' && !outputs.some(output => output.values.length > 0)) {
        report('priority-without-values', { table: table.name }, { node: table, property: 'hitPolicy' });
        return false;
    }
    let listed = true;
    outputs.forEach((output, column) => {
        // A list with an unresolved förlopp or a formula (half-typed) cannot be compiled to compare with; the other checks say why.
        const unreadable = (value: Ast.DecisionResult) => isFormulaResult(value) || (isPathwayResult(value) && !value.pathway.ref);
        if (output.values.length === 0 || output.values.some(unreadable)) {
            return;
        }
        const values = output.values.map(compileResult);
        for (const row of [...table.rows, ...(table.otherwise ? [table.otherwise] : [])]) {
            const cell = row.results[column];
            if (!cell || unreadable(cell)) {
                continue;
            }
            const compiled = compileResult(cell);
            if (!values.some(value => sameDecisionResult(value, compiled))) {
                listed = false;
                report('output-value-unlisted', {
                    table: table.name, column: output.column, value: cell.$cstNode?.text ?? '',
                    values: output.values.map(value => value.$cstNode?.text ?? '').join(', '),
                }, { node: cell });
            }
        }
    });
    return listed;
}

/** Whether a cell can be a value of its column; reports a type mismatch where it cannot. */
function checkCell(report: Report, cell: Ast.InputCell | Ast.CellTest, input: Ast.DecisionInput | undefined, locale: 'sv' | 'en'): boolean {
    if (!cell || cell.$type === 'AnyValue') {
        return true;
    }
    if (cell.$type === 'CellDisjunction') {
        // Each test on its own, so a mismatch is reported at the disjunct that does not fit.
        return cell.tests.map(test => checkCell(report, test, input, locale)).every(Boolean);
    }
    if (input && (input.table || input.calculation)) {
        return checkChainedCell(report, cell, input, locale);
    }
    const attribute = input?.attribute?.ref;
    if (!input || (!input.level && !attribute?.type)) {
        return false; // unresolved or half-typed column: reported as such
    }
    if ((cell.$type === 'CellComparison' || cell.$type === 'CellValue') && !cell.value) {
        return false; // half-typed cell: the parser has said what is missing
    }
    const typeText = attribute ? describeAttributeType(attribute.type, locale) : (locale === 'sv' ? 'nivån (ett heltal)' : 'the level (a whole number)');
    const columnName = attribute?.name ?? 'nivå';
    const mismatch = (value: string) => {
        report('type-mismatch', { attribute: columnName, type: typeText, value }, { node: cell });
        return false;
    };
    const numeric = attribute ? isNumericType(attribute.type) : true;
    switch (cell.$type) {
        case 'CellRange':
            return numeric || mismatch(`${swedishDecimal(cell.range.min)}–${swedishDecimal(cell.range.max)}`);
        case 'CellComparison': {
            const ordered = !EQUALITY.has(cell.operator);
            const unordered = attribute && (attribute.type.$type === 'BooleanType' || attribute.type.$type === 'EnumerationType');
            if (ordered && unordered) {
                return mismatch(`${cell.operator} ${describeLiteral(cell.value, locale)}`);
            }
            if (cell.upperValue && (!fits(cell.upperValue) || (unordered && !EQUALITY.has(cell.upperOperator ?? '=')))) {
                return mismatch(`${cell.upperOperator} ${describeLiteral(cell.upperValue, locale)}`);
            }
            return fits(cell.value) || mismatch(describeLiteral(cell.value, locale));
        }
        case 'CellSet':
            return cell.members.every(fits) || mismatch(cell.members.map(m => describeLiteral(m, locale)).join(', '));
        case 'CellValue':
            return fits(cell.value) || mismatch(describeLiteral(cell.value, locale));
    }

    function fits(literal: Ast.Literal): boolean {
        if (!literal) {
            return false;
        }
        return attribute ? literalFits(attribute.type, literal) : literal.$type === 'NumberLiteral' && /^\d+$/.test(literal.value);
    }
}

/**
 * A cell of a chained column (another table's output, a calculation): numbers where the upstream
 * gives numbers, ja/nej (compared for equality only) where it gives ja/nej. A column whose upstream
 * gives neither is reported once, on the header (`chained-column-not-comparable`).
 */
function checkChainedCell(report: Report, cell: Exclude<Ast.InputCell | Ast.CellTest, Ast.AnyValue | Ast.CellDisjunction>, input: Ast.DecisionInput, locale: 'sv' | 'en'): boolean {
    const domain = chainedDomain(input);
    if (!domain || ((cell.$type === 'CellComparison' || cell.$type === 'CellValue') && !cell.value)) {
        return false;
    }
    const yesNo = domain.kind === 'boolean';
    const typeText = yesNo ? (locale === 'sv' ? 'ja/nej' : 'yes/no') : (locale === 'sv' ? 'ett tal' : 'a number');
    const mismatch = (value: string) => {
        report('type-mismatch', { attribute: inputName(input), type: typeText, value }, { node: cell });
        return false;
    };
    const fits = (literal: Ast.Literal | undefined) => literal !== undefined && (yesNo ? literal.$type === 'BooleanLiteral' : literal.$type === 'NumberLiteral');
    switch (cell.$type) {
        case 'CellRange':
            return !yesNo || mismatch(`${swedishDecimal(cell.range.min)}–${swedishDecimal(cell.range.max)}`);
        case 'CellComparison':
            if (yesNo && (!EQUALITY.has(cell.operator) || (cell.upperOperator && !EQUALITY.has(cell.upperOperator)))) {
                return mismatch(`${cell.operator} ${describeLiteral(cell.value, locale)}`);
            }
            if (cell.upperValue && !fits(cell.upperValue)) {
                return mismatch(describeLiteral(cell.upperValue, locale));
            }
            return fits(cell.value) || mismatch(describeLiteral(cell.value, locale));
        case 'CellSet':
            return cell.members.every(fits) || mismatch(cell.members.map(m => describeLiteral(m, locale)).join(', '));
        case 'CellValue':
            return fits(cell.value) || mismatch(describeLiteral(cell.value, locale));
    }
}
