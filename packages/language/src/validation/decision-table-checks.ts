import type { ValidationChecks } from 'langium';
import type * as Ast from '../generated/ast.js';
import { isDateLiteral, isFormulaResult, isOpenAmount, isPathwayResult, isQuantity, isTextResult, isYesNoResult, type RegelrattAstType } from '../generated/ast.js';
import { analyseUnits, attributeDimension, comparable, dimensionText, expectationFits, parameterDimension, quantityDimension, type Dimension } from '../analysis/expression-units.js';
import { CASE_BUDGET } from '@regelratt/analyses';
import { ExactNumber, sameDecisionResult } from '@regelratt/format';
import { answersList, compileResult, inputAttribute, inputName, namedBound } from '../compiler/compile-decision-table.js';
import type { DecisionAnalysis } from '@regelratt/analyses';
import { analyseDecisionTable, chainedDomain, needTable } from '../analysis/decision-table-input.js';
import type { IdleRow } from '@regelratt/analyses';
import { calculationFacts } from '../analysis/calculation-facts.js';
import { compiledWorkspace } from './compiled-workspace.js';
import { boundSettings, namedBoundsOf, periodText } from '../analysis/named-bounds.js';
import { analyseWithAttributeValues, attributeBoundValues, ATTRIBUTE_VALUE_BUDGET } from '../analysis/attribute-bounds.js';
import { elementId } from '../compiler/element-ids.js';
import { mergeableRows } from '@regelratt/analyses';
import { analyseNeedMonotonicity } from '@regelratt/analyses';
import { describeCase, unfinishedPart } from '@regelratt/analyses';
import type { RegelrattServices } from '../regelratt-module.js';
import { swedishDecimal } from '@regelratt/analyses';
import { describeAttributeType, describeLiteral } from './attribute-type-text.js';
import { isNumericType, literalFits } from './literal-fits.js';
import { relatedAt } from './related-location.js';
import { createReport, type Report } from './report.js';
import { itemList, reachedValues } from '@regelratt/analyses';

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
    const workspace = compiledWorkspace(services);
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
                checkDateColumn(report, table, output, cells, locale.current);
                // `träff samla` adds the rows' outputs up (or takes their least or greatest): förlopp, texts and ja/nej cannot be.
                const words = pathway ? undefined : text ? (locale.current === 'sv' ? 'texter' : 'texts') : yesNo ? 'ja/nej' : undefined;
                // `träff samla` alone lists the rows' outputs as they are: any kind may be listed.
                if ((pathway || words) && table.hitPolicy === 'samla' && table.aggregation !== undefined && table.aggregation !== 'antal') {
                    report('not-aggregable', { table: table.name, column: output.column, ...(words ? { kind: words } : {}) }, { node: output, property: 'column' });
                }
                checkFormulaUnits(report, table, output, cells, locale.current);
            });
            // A calculation column is judged between the calculation's bounds (on the compiled workspace), its gaps with a citizen.
            const calculations = header.inputs.some(input => input.calculation?.ref) ? calculationFacts(workspace()?.runtime) : undefined;
            // Cells that name a value instead of stating one (`> maxtaxa`, `< maxpris`, format 1.11).
            const named = namedBoundsOf(table);
            if (named.attributeCells.length > 0 || named.parameters.length > 0) {
                // A relation between two of the case's values is analysed once per value of the attribute compared with,
                // where that is a small whole number (attribute-bounds.ts); otherwise say so, naming the cell.
                const compared = attributeBoundValues(named.attributeCells);
                if (!Array.isArray(compared)) {
                    const first = named.attributeCells.find(cell => cell.attribute === compared.attribute)!;
                    report('decision-bound-undecided', {
                        table: table.name, row: first.row + 1, cell: first.cell.$cstNode?.text ?? '', name: first.attribute.name,
                        reason: compared.reason, count: String(compared.count ?? 0), budget: ATTRIBUTE_VALUE_BUDGET,
                    }, { node: first.cell });
                    return;
                }
                // Once per set of the parameters' values over the table's dates; each finding names its dates.
                const settings = named.parameters.length > 0 ? boundSettings(table, named.parameters) ?? [] : [undefined];
                const attributes = [...new Set(named.attributeCells.map(cell => cell.attribute))];
                const groups = settings.map(setting => ({
                    setting,
                    analyses: compared.map(values => analyseWithAttributeValues(table, attributes, new Map([...(setting?.values ?? []), ...values]), calculations)),
                }));
                for (const { setting, analyses } of groups) {
                    const period = setting && `${setting.periods.map(p => periodText(p, locale.current)).join(', ')}, ${named.parameters.map(parameter => `${parameter.name} = ${swedishDecimal(setting.values.get(elementId(parameter))!.toDecimal())}`).join(', ')}`;
                    if (attributes.length === 0) {
                        if (analyses[0]) {
                            reportAnalysis(analyses[0], period);
                        }
                        continue;
                    }
                    // One report per finding of a kind and rows (the first value's citizen), not one per value of the attribute;
                    // a row idle only where it is idle for every value.
                    const seen = new Set<string>();
                    const complete = analyses.every(analysis => analysis?.complete);
                    for (const analysis of analyses) {
                        if (analysis) {
                            const idle = complete ? analysis.idle.filter(row => analyses.every(other => other!.idle.some(o => o.row === row.row))) : [];
                            reportAnalysis({ ...analysis, idle }, period, seen);
                        }
                    }
                }
                const analyses = groups.flatMap(group => group.analyses);
                // A row never matches only where it matches under no set of values (every analysis complete).
                if (analyses.length > 0 && analyses.every(analysis => analysis?.complete)) {
                    for (const row of analyses[0]!.unmatched.filter(row => analyses.every(analysis => analysis!.unmatched.includes(row)))) {
                        report('decision-row-never-matches', { table: table.name, row: row + 1 }, { node: table.rows[row] });
                    }
                }
                // A default is unused only where no set of values reaches it.
                if (otherwise && analyses.length > 0 && analyses.every(analysis => analysis?.complete && analysis.defaulted?.length === 0)) {
                    report('decision-default-unused', { table: table.name }, { node: otherwise });
                }
                return;
            }
            const analysis = analyseDecisionTable(table, new Set(), calculations);
            if (!analysis) {
                return;
            }
            // Rows that can be written as one without changing any answer, each with its quick fix (lsp/regelratt-code-actions.ts).
            for (const merge of mergeableRows(analysis.input, table.hitPolicy ?? 'unik', answersList(table))) {
                const input = header.inputs[merge.column];
                report('decision-rows-mergeable', {
                    table: table.name, keep: merge.keep + 1, remove: merge.remove + 1, column: input.attribute ? input.attribute.ref?.name ?? '' : inputName(input), cell: merge.cell,
                }, { node: table.rows[merge.remove], relatedInformation: relatedAt(table.rows[merge.keep], `rad ${merge.keep + 1}`) });
            }
            reportAnalysis(analysis);
            // Rows whose cells no citizen meets: they answer nobody, under every hit policy (a list policy's rows too).
            for (const row of analysis.unmatched) {
                report('decision-row-never-matches', { table: table.name, row: row + 1 }, { node: table.rows[row] });
            }
            // Rows of a chained table no citizen reaches through its upstreams, with what the upstreams give.
            for (const row of analysis.unreached) {
                report('decision-row-unreached', { table: table.name, row: row + 1, reached: reachedText(table, analysis, locale.current) }, { node: table.rows[row] });
            }
            // A default no citizen reaches: every case matches a row, so `annars` never answers.
            if (analysis.complete && analysis.defaulted?.length === 0 && otherwise) {
                report('decision-default-unused', { table: table.name }, { node: otherwise });
            }
            // The findings of one analysis; `period`: the dates and parameter values it holds for, said with each citizen.
            // `seen`: across the analyses of one table per value of an attribute compared with, each finding is said once.
            function reportAnalysis(analysis: DecisionAnalysis, period?: string, seen?: Set<string>): void {
                const first = (key: string) => !seen || (!seen.has(key) && Boolean(seen.add(key)));
                const describe = (found: Parameters<typeof describeCase>[0]) => {
                    const witness = describeCase(found, analysis.attributes, locale.current);
                    return period ? { ...witness, text: `${witness.text} (${period})` } : witness;
                };
                if (!analysis.complete && first('undecided')) {
                    const part = unfinishedPart(analysis.unfinished, analysis.attributes, locale.current);
                    report('analysis-undecided', {
                        what: locale.current === 'sv' ? 'beslutstabellens täckning' : 'the coverage of the decision table', budget: CASE_BUDGET.toLocaleString('sv-SE'), ...(part ? { part } : {}),
                        found: analysis.findings.length, unshown: analysis.unshown ?? 0,
                    }, { node: table, property: 'name' });
                }
                // Row by row says nothing about a sum of rows: a collecting table is analysed over need where a
                // calculation reads it (its need columns count for the calculation: calculation-need-checks.ts).
                // A list of every matching row's outputs (`regelordning`, …) is no one amount to compare either.
                // Per value of an attribute compared with, the need's rise is seen within one value only: not said as if it were the table's.
                if (!seen && analysis.complete && table.hitPolicy !== 'samla' && !answersList(table) && !analysis.findings.some(finding => finding.kind === 'overlap')) {
                    reportFallingAmounts(table, analysis);
                }
                // Rows that never decide: each with citizens it matches and the row that answers them instead.
                for (const idle of analysis.idle.filter(idle => first(`idle ${idle.row}`))) {
                    const witness = describe(idle.case);
                    report(IDLE_CODES[idle.kind], {
                        table: table.name, row: idle.row + 1, by: idle.by + 1, witness: witness.text,
                    }, { node: table.rows[idle.row], relatedInformation: relatedAt(table.rows[idle.by], `rad ${idle.by + 1}`) }, witness);
                }
                for (const finding of analysis.findings.filter(finding => first(`${finding.kind} ${finding.rows.join(' ')}`))) {
                    const witness = describe(finding.case);
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
                            table: table.name, rows: itemList(finding.rows.map(r => r + 1), locale.current), witness: witness.text,
                        }, { node: table.rows[others[others.length - 1]], relatedInformation: relatedAt(table.rows[first], `rad ${first + 1}`) }, witness);
                    } else {
                        const [first, ...others] = finding.rows;
                        const later = table.rows[others[others.length - 1]];
                        report('decision-overlap', {
                            table: table.name, rows: itemList(finding.rows.map(r => r + 1), locale.current), witness: witness.text, hit: table.hitPolicy ?? 'unik',
                        }, { node: later, relatedInformation: relatedAt(table.rows[first], `rad ${first + 1}`) }, witness);
                    }
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
/** What a cell that is no date gives, for date-column-mixed; undefined for a date or a value left open (which fits any column). */
function otherKind(cell: Ast.DecisionResult | undefined, locale: 'sv' | 'en'): string | undefined {
    const sv = locale === 'sv';
    if (!cell || isDateLiteral(cell) || isOpenAmount(cell)) {
        return undefined;
    }
    return isPathwayResult(cell) ? 'förlopp' : isTextResult(cell) ? (sv ? 'en text' : 'a text') : isYesNoResult(cell) ? (sv ? 'ja/nej' : 'yes/no')
        : isFormulaResult(cell) ? (sv ? 'en formel' : 'a formula') : (sv ? 'ett belopp eller tal' : 'an amount or number');
}

/**
 * A column of dates (format 1.13) gives a date in every row: the first cell whose kind differs from
 * the column's first cell is reported, at that cell, with the row of the other kind beside it. Under
 * `träff samla summa` dates cannot be added up (DMN's sum takes numbers; its min and max take any
 * comparable values, dates too).
 */
function checkDateColumn(report: Report, table: Ast.DecisionTable, output: Ast.DecisionOutput, cells: ReadonlyArray<Ast.DecisionResult | undefined>, locale: 'sv' | 'en'): void {
    const dateAt = cells.findIndex(cell => cell !== undefined && isDateLiteral(cell));
    if (dateAt < 0) {
        return;
    }
    const sv = locale === 'sv';
    const rowText = (index: number, preposition: boolean) => index < table.rows.length
        ? `${preposition ? (sv ? 'på ' : 'in ') : ''}${sv ? 'rad' : 'row'} ${index + 1}`
        : (sv ? (preposition ? 'i annars-raden' : 'annars-raden') : (preposition ? 'in the annars row' : 'the annars row'));
    const otherAt = cells.findIndex(cell => otherKind(cell, locale) !== undefined);
    if (otherAt >= 0) {
        // The later of the two is the odd one out: the column's kind is the one it starts with.
        const [kept, odd] = dateAt < otherAt ? [dateAt, otherAt] : [otherAt, dateAt];
        const node = cells[odd]!;
        report('date-column-mixed', {
            table: table.name, column: output.column, dateRow: rowText(dateAt, false),
            kind: otherKind(cells[otherAt], locale)!, row: rowText(otherAt, true),
        }, { node, relatedInformation: relatedAt(cells[kept]!, rowText(kept, false)) });
        return;
    }
    if (table.hitPolicy === 'samla' && table.aggregation === 'summa') {
        report('dates-not-summable', { table: table.name, column: output.column }, { node: output, property: 'column' });
    }
}

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
    // `utfallsordning` (DMN's Output order) sorts the matching rows by the same lists.
    if (table.hitPolicy === 'utfallsordning' && !outputs.some(output => output.values.length > 0)) {
        report('output-order-without-values', { table: table.name }, { node: table, property: 'hitPolicy' });
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
    // A parameter or another attribute named instead of a value (`> maxtaxa`, `15–gräns`): a number
    // in the column's unit, as the unit check of formulas compares them (`unit-mismatch`).
    const unitsFit = (...literals: Array<Ast.Literal | undefined>): boolean => {
        const column: Dimension = attribute && isNumberAttributeType(attribute.type) ? attributeDimension(attribute.type) : { kind: 'number' };
        for (const literal of literals) {
            const named = namedBound(literal);
            const dimension = named && namedDimension(named);
            if (dimension && !comparable(column, dimension)) {
                const sv = locale === 'sv';
                report('unit-mismatch', {
                    operation: sv ? 'jämföra' : 'compare',
                    left: `${columnName} (${dimensionText(column, locale)})`,
                    right: `${named.name} (${dimensionText(dimension, locale)})`,
                }, { node: literal! });
                return false;
            }
        }
        return true;
    };
    switch (cell.$type) {
        case 'CellRange':
            return numeric || mismatch(`${swedishDecimal(cell.range.min)}–${swedishDecimal(cell.range.max)}`);
        case 'CellBoundRange': {
            if (!numeric) {
                return mismatch(cell.$cstNode?.text ?? '');
            }
            const unfit = [cell.min, cell.max].find(bound => bound !== undefined && !fits(bound));
            return unfit ? mismatch(describeCellLiteral(unfit, locale)) : unitsFit(cell.min, cell.max);
        }
        case 'CellComparison': {
            const ordered = !EQUALITY.has(cell.operator);
            const unordered = attribute && (attribute.type.$type === 'BooleanType' || attribute.type.$type === 'EnumerationType');
            if (ordered && unordered) {
                return mismatch(`${cell.operator} ${describeLiteral(cell.value, locale)}`);
            }
            if (cell.upperValue && (!fits(cell.upperValue) || (unordered && !EQUALITY.has(cell.upperOperator ?? '=')))) {
                return mismatch(`${cell.upperOperator} ${describeCellLiteral(cell.upperValue, locale)}`);
            }
            return (fits(cell.value) || mismatch(describeCellLiteral(cell.value, locale))) && unitsFit(cell.value, cell.upperValue);
        }
        case 'CellSet':
            return cell.members.every(fits) || mismatch(cell.members.map(m => describeLiteral(m, locale)).join(', '));
        case 'CellValue':
            return (fits(cell.value) || mismatch(describeCellLiteral(cell.value, locale))) && unitsFit(cell.value);
        // A text or a förlopp is a value only of a chained column that answers texts or förlopp.
        case 'CellText':
        case 'CellPathway':
        case 'CellNotWord':
            return mismatch(wordCellText(cell));
    }

    function fits(literal: Ast.Literal): boolean {
        if (!literal) {
            return false;
        }
        const named = namedBound(literal);
        if (named) {
            return numeric && namedDimension(named) !== undefined;
        }
        return attribute ? literalFits(attribute.type, literal) : literal.$type === 'NumberLiteral' && /^\d+$/.test(literal.value);
    }
}

function isNumberAttributeType(type: Ast.AttributeType | undefined): type is Ast.MoneyType | Ast.IntegerType | Ast.DecimalType {
    return type?.$type === 'MoneyType' || type?.$type === 'IntegerType' || type?.$type === 'DecimalType';
}

/** A named value's unit, where it is a number (every parameter is); undefined for an attribute that is not. */
function namedDimension(named: Ast.Parameter | Ast.Attribute): Dimension | undefined {
    if (named.$type === 'Parameter') {
        return parameterDimension(named);
    }
    return isNumberAttributeType(named.type) ? attributeDimension(named.type) : undefined;
}

/** A cell's value for a message: a named value with its type (`kön (en uppräkning (…))`), a literal as describeLiteral says it. */
function describeCellLiteral(literal: Ast.Literal, locale: 'sv' | 'en'): string {
    const named = namedBound(literal);
    if (named?.$type === 'Attribute' && named.type) {
        return `${named.name} (${describeAttributeType(named.type, locale)})`;
    }
    return named ? named.name : describeLiteral(literal, locale);
}

/**
 * A cell of a chained column (another table's output, a calculation): numbers where the upstream
 * gives numbers, dates where it gives dates, ja/nej (compared for equality only) where it gives ja/nej. A column whose upstream
 * gives neither is reported once, on the header (`chained-column-not-comparable`).
 */
function checkChainedCell(report: Report, cell: Exclude<Ast.InputCell | Ast.CellTest, Ast.AnyValue | Ast.CellDisjunction>, input: Ast.DecisionInput, locale: 'sv' | 'en'): boolean {
    const domain = chainedDomain(input);
    if (!domain || ((cell.$type === 'CellComparison' || cell.$type === 'CellValue') && !cell.value)) {
        return false;
    }
    if (domain.kind === 'enumeration') {
        return checkChainedWordCell(report, cell, input, domain.values, locale);
    }
    const yesNo = domain.kind === 'boolean';
    // A column of dates compares days with dates written in the cell (`< 2025-07-01`), as an attribute of dates does.
    const dates = domain.kind === 'date';
    const typeText = yesNo ? (locale === 'sv' ? 'ja/nej' : 'yes/no') : dates ? (locale === 'sv' ? 'ett datum' : 'a date') : (locale === 'sv' ? 'ett tal' : 'a number');
    const mismatch = (value: string) => {
        report('type-mismatch', { attribute: inputName(input), type: typeText, value }, { node: cell });
        return false;
    };
    const fits = (literal: Ast.Literal | undefined) => {
        const named = namedBound(literal);
        if (named) {
            return !yesNo && !dates && namedDimension(named) !== undefined;
        }
        return literal !== undefined && literal.$type === (yesNo ? 'BooleanLiteral' : dates ? 'DateLiteral' : 'NumberLiteral');
    };
    switch (cell.$type) {
        case 'CellRange':
            return (!yesNo && !dates) || mismatch(`${swedishDecimal(cell.range.min)}–${swedishDecimal(cell.range.max)}`);
        case 'CellBoundRange': {
            const unfit = [cell.min, cell.max].find(bound => bound !== undefined && !fits(bound));
            return !yesNo && !dates && !unfit ? true : mismatch(unfit ? describeCellLiteral(unfit, locale) : cell.$cstNode?.text ?? '');
        }
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
        case 'CellText':
        case 'CellPathway':
        case 'CellNotWord':
            return mismatch(wordCellText(cell));
    }
}

/**
 * What a chained table's upstreams give the citizens who reach it, column by column, for
 * `decision-row-unreached`: `u.nivå ger 1 och 2`, texts quoted, förlopp by name.
 */
function reachedText(table: Ast.DecisionTable, analysis: DecisionAnalysis, locale: 'sv' | 'en'): string {
    const sv = locale === 'sv';
    return table.header.inputs.filter(input => input.table?.ref).map(input => {
        const upstream = input.table!.ref!;
        const column = upstream.header.outputs.findIndex(output => output.column === input.column);
        const pathways = [...upstream.rows, ...(upstream.otherwise ? [upstream.otherwise] : [])].some(row => isPathwayResult(row.results[column]));
        const values = reachedValues(analysis.cases ?? [], inputAttribute(input)).map(value => (value instanceof ExactNumber ? swedishDecimal(value.toDecimal())
            : typeof value === 'boolean' ? (sv ? (value ? 'ja' : 'nej') : (value ? 'yes' : 'no')) : pathways ? value.slice(value.indexOf('/') + 1) : `"${value}"`));
        return `${inputName(input)} ${sv ? 'ger' : 'gives'} ${values.length === 0 ? (sv ? 'inget svar' : 'no answer') : itemList(values, locale)}`;
    }).join('; ');
}

/** A text or förlopp cell as the policy writes it, for messages. */
function wordCellText(cell: Ast.CellText | Ast.CellPathway | Ast.CellNotWord): string {
    if (cell.$type === 'CellNotWord') {
        return `≠ ${cell.pathway ? `förlopp ${cell.pathway.$refText}` : `"${cell.text}"`}`;
    }
    return cell.$type === 'CellText' ? `"${cell.text}"` : `förlopp ${cell.pathway.$refText}`;
}

/**
 * A cell of a chained column whose upstream answers texts or förlopp (`values`: its literal outputs,
 * texts or förlopp ids): a text it gives (`"Hemtjänst"`), or a förlopp it gives (`förlopp förlopp_2`);
 * anything else, a text it never gives included, is a type mismatch naming what it does give.
 */
function checkChainedWordCell(report: Report, cell: Exclude<Ast.InputCell | Ast.CellTest, Ast.AnyValue | Ast.CellDisjunction>, input: Ast.DecisionInput, values: readonly string[], locale: 'sv' | 'en'): boolean {
    const upstream = input.table?.ref;
    const column = upstream?.header.outputs.findIndex(output => output.column === input.column) ?? -1;
    const pathways = upstream !== undefined && column >= 0 && [...upstream.rows, ...(upstream.otherwise ? [upstream.otherwise] : [])].some(row => isPathwayResult(row.results[column]));
    const sv = locale === 'sv';
    const listed = pathways ? values.map(id => id.slice(id.indexOf('/') + 1)).join(', ') : values.map(text => `"${text}"`).join(', ');
    const typeText = pathways ? `${sv ? 'ett av förloppen' : 'one of the förlopp'} ${listed}` : `${sv ? 'en av texterna' : 'one of the texts'} ${listed}`;
    const mismatch = (value: string) => {
        report('type-mismatch', { attribute: inputName(input), type: typeText, value }, { node: cell });
        return false;
    };
    if (cell.$type === 'CellText') {
        // The text compiles to an enumeration value, which the format keeps free of anything that
        // could be read as code (no quote, backslash or control character): refused here, with its
        // place, rather than written into a file the runtime's load check refuses.
        if (/[\u0000-\u001f"\\]/u.test(cell.text)) {
            report('chained-text-character', { text: cell.$cstNode?.text ?? wordCellText(cell), column: inputName(input) }, { node: cell });
            return false;
        }
        return (!pathways && values.includes(cell.text)) || mismatch(wordCellText(cell));
    }
    if (cell.$type === 'CellPathway') {
        const target = cell.pathway.ref;
        return target === undefined || (pathways && values.includes(elementId(target))) || mismatch(wordCellText(cell));
    }
    if (cell.$type === 'CellNotWord') {
        // Any value but one the upstream gives: a text where it gives texts, a förlopp where it gives förlopp.
        const target = cell.pathway?.ref;
        const fits = cell.pathway
            ? target === undefined || (pathways && values.includes(elementId(target)))
            : !pathways && cell.text !== undefined && values.includes(cell.text);
        return fits || mismatch(wordCellText(cell));
    }
    return mismatch(cell.$cstNode?.text ?? '');
}
