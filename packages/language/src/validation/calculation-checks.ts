import { GrammarUtils, type ValidationChecks } from 'langium';
import type * as Ast from '../generated/ast.js';
import type { RegelrattAstType } from '../generated/ast.js';
import { isDecisionTable, isLevelTable } from '../generated/ast.js';
import { nearestName } from './nearest-name.js';
import { calculationCycle } from '../analysis/calculation-cycles.js';
import { analyseUnits, dimensionText, limitScale, unitDimension } from '../analysis/expression-units.js';
import { limitText } from '../compiler/compile-policy.js';
import { answersList, policyWords } from '../compiler/compile-decision-table.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { createReport, type Report } from './report.js';

/**
 * A decision table read by a formula or asked by an example names one of its output columns, and
 * must name one when it has several: the runtime cannot choose (`not-computable`), so this is said
 * at the reference rather than when the answer is asked for.
 */
export function checkColumn(report: Report, table: Ast.DecisionTable, reference: Ast.ReferenceExpression | Ast.DecisionQuestion): void {
    const columns = table.header?.outputs.map(output => output.column) ?? [];
    if (reference.column !== undefined && !columns.includes(reference.column)) {
        const suggestion = nearestName(reference.column, columns);
        report('unknown-column', { table: table.name, column: reference.column, columns: columns.join(', '), ...(suggestion ? { suggestion } : {}) }, { node: reference, property: 'column' });
    } else if (reference.column === undefined && columns.length > 1) {
        report('column-required', { table: table.name, columns: columns.join(', '), first: columns[0] }, { node: reference });
    }
}

/**
 * Formulas: every calculation, avgiftsutrymme and maxtaxa has units that fit together (reported at
 * the operation that mixes them), amounts where amounts are expected, and no calculation reads itself.
 * The reasoning is in analysis/expression-units.ts and analysis/calculation-cycles.ts.
 */
export function calculationChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const checkUnits = (report: Report, expression: Ast.Expression | undefined, mustBeMoney: boolean) => {
        if (!expression) {
            return;
        }
        const { dimension, findings } = analyseUnits(expression, locale.current);
        for (const finding of findings) {
            report(finding.code, finding.args, { node: finding.node });
        }
        if (mustBeMoney && (dimension.kind === 'percent' || dimension.kind === 'number')) {
            report('wrong-unit', { expected: locale.current === 'sv' ? 'kronor' : 'kronor', actual: dimensionText(dimension, locale.current) }, { node: expression });
        }
    };
    return {
        RoundingStep: (rounding, accept) => {
            // `avrundat nedåt till hela kronor, uppåt`: which?
            if (rounding.leading && rounding.mode) {
                const written = GrammarUtils.findNodeForProperty(rounding.$cstNode, 'mode')?.text.replace(/\s+/g, ' ') ?? rounding.mode;
                createReport(accept, locale)('rounding-mode-twice', { leading: rounding.leading, mode: written }, { node: rounding, property: 'mode' });
            }
        },
        ReferenceExpression: (reference, accept) => {
            const report = createReport(accept, locale);
            const target = reference.target?.ref;
            if (!target) {
                return;
            }
            if (isDecisionTable(target)) {
                checkColumn(report, target, reference);
                if (answersList(target)) {
                    report('decision-list-not-a-value', { table: target.name, policy: policyWords(target), reader: 'formula' }, { node: reference });
                }
            } else if (reference.column !== undefined) {
                report('unknown-column', { name: target.name }, { node: reference, property: 'column' });
            }
            const readsLevel = isLevelTable(target) || (isDecisionTable(target) && target.header?.inputs.some(input => input.level));
            if (reference.level && !readsLevel) {
                report('level-not-applicable', { name: target.name }, { node: reference, property: 'level' });
            }
        },
        Calculation: (calculation, accept) => {
            const report = createReport(accept, locale);
            const cycle = calculationCycle(calculation);
            if (cycle) {
                report('calculation-cycle', { name: calculation.name, chain: cycle.map(c => c.name).join(' → ') }, { node: calculation, property: 'name' });
                return;
            }
            checkUnits(report, calculation.value, false);
            if (calculation.limits.length > 0 && calculation.value) {
                // A limit must be in a unit the amount converts to; the compiler then writes it in the amount's.
                const answer = analyseUnits(calculation.value, locale.current).dimension;
                for (const limit of calculation.limits) {
                    if (limit.amount && !limitScale(limit.amount.unit, answer)) {
                        report('limit-unit-mismatch', { name: calculation.name, limit: limitText(limit), limitUnit: dimensionText(unitDimension(limit.amount.unit), locale.current), answer: dimensionText(answer, locale.current) }, { node: limit });
                    }
                }
            }
        },
        Fee: (fee, accept) => {
            const report = createReport(accept, locale);
            // A fee of flat amounts per level (`belopp { … }`) charges them without an avgiftsutrymme.
            if (!fee.room && fee.amounts.length === 0 && fee.name) {
                report('fee-without-room', { name: fee.name }, { node: fee, property: 'name' });
            }
            if (fee.share && fee.shares.length > 0) {
                // One share for every level and one per level: which counts would be a guess.
                report('fee-share-twice', {}, { node: fee.shares[0] });
            }
            checkUnits(report, fee.room, true);
            checkUnits(report, fee.ceiling, true);
        },
    };
}
