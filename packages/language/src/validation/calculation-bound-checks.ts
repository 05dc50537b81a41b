import { answerUnitText, ExactNumber } from '@regelratt/format';
import { RegelrattRuntimeError } from '@regelratt/runtime';
import type { ValidationChecks } from 'langium';
import type * as Ast from '../generated/ast.js';
import type { RegelrattAstType } from '../generated/ast.js';
import { analyseCalculationBounds } from '@regelratt/analyses';
import { calculationCycle } from '../analysis/calculation-cycles.js';
import { analyseUnits } from '../analysis/expression-units.js';
import { scaleDivides } from '../compiler/compile-expression.js';
import { dispatchAst, type AstHandlers } from '../utils/ast-dispatch.js';
import { elementId } from '../compiler/element-ids.js';
import { calculationLimits, limitText } from '../compiler/compile-policy.js';
import { kronorText, swedishDecimal } from '@regelratt/analyses';
import type { RegelrattServices } from '../regelratt-module.js';
import { compiledWorkspace } from './compiled-workspace.js';
import { questionExample, questionText } from './question-text.js';
import { createReport } from './report.js';
import type { MessageArgs } from '../i18n/diagnostic-catalogue.js';
import type { Witness } from '@regelratt/analyses';

/**
 * A named calculation's bounds: an answer of the policy that can go below zero (unless the
 * calculation says `kan vara negativ`), and a cap (an argument of `min`) that never decides. The
 * reasoning is in analysis/calculation-bounds.ts, which asks the runtime of the compiled workspace
 * for every citizen it reports; this adapter finds the nodes and words the findings.
 */
export function calculationBoundChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const workspace = compiledWorkspace(services);
    return {
        Calculation: (calculation, accept) => {
            if (!calculation.name || !calculation.value || calculationCycle(calculation)) {
                return;
            }
            const compiled = workspace()?.runtime;
            if (!compiled) {
                return;
            }
            const id = elementId(calculation);
            const sv = locale.current === 'sv';
            const report = createReport(accept, locale);
            let findings;
            try {
                findings = analyseCalculationBounds(compiled, id);
            } catch (error) {
                // An element the compiled workspace lacks (a half-typed file): nothing to say yet. Any
                // other error is a fault of the analysis and goes on to be reported as one.
                if (error instanceof RegelrattRuntimeError) {
                    return;
                }
                throw error;
            }
            const limits = () => calculationLimits(calculation, analyseUnits(calculation.value, 'sv').dimension);
            // A limit of the insats is reported at the calculation that breaks it (the insats may have several).
            const reportLimit = (code: 'calculation-outside-limit' | 'calculation-limit-undecided', args: MessageArgs, limit: Ast.Limit, witness?: Witness) => (limit.$container === calculation
                ? report(code, args, { node: limit }, witness)
                : report(code, args, { node: calculation, property: 'name' }, witness));
            const calls = minCallNodes(calculation.value);
            const divisions = divisionNodeList(calculation.value);
            for (const finding of findings) {
                switch (finding.kind) {
                    case 'negative':
                        report('calculation-can-be-negative', {
                            name: calculation.name, question: questionText(finding.question, sv),
                            amount: kronorText(finding.amount, sv ? 'sv' : 'en'), ...(finding.date ? { date: finding.date } : {}),
                        }, { node: calculation, property: 'name' }, {
                            text: questionText(finding.question, sv),
                            example: questionExample(finding.question),
                        });
                        break;
                    case 'negative-undecided':
                        report('calculation-negative-undecided', { name: calculation.name, tried: sv ? swedishDecimal(String(finding.tried)) : String(finding.tried) }, { node: calculation, property: 'name' });
                        break;
                    case 'cap-never-binds': {
                        const call = calls[finding.call];
                        const argument = call?.arguments[finding.argument];
                        const below = call?.arguments[finding.below];
                        if (argument && below) {
                            report('calculation-cap-never-binds', { name: calculation.name, cap: sourceText(argument), below: sourceText(below) }, { node: argument });
                        }
                        break;
                    }
                    case 'division-by-zero': {
                        const division = divisions[finding.division];
                        if (division) {
                            report('division-by-zero', {
                                name: calculation.name, division: sourceText(division),
                                ...(finding.question ? { question: questionText(finding.question, sv) } : {}), ...(finding.date ? { date: finding.date } : {}),
                            }, { node: division }, finding.question ? { text: questionText(finding.question, sv), example: questionExample(finding.question) } : undefined);
                        }
                        break;
                    }
                    case 'division-undecided': {
                        const division = divisions[finding.division];
                        if (division) {
                            report('division-undecided', { name: calculation.name, division: sourceText(division), tried: sv ? swedishDecimal(String(finding.tried)) : String(finding.tried) }, { node: division });
                        }
                        break;
                    }
                    case 'outside-limit': {
                        const limit = limits()[finding.limit];
                        const unit = workspace()?.runtime.policy.get(id, 'calculation').unit;
                        reportLimit('calculation-outside-limit', {
                            name: calculation.name, limit: limitText(limit), question: questionText(finding.question, sv),
                            amount: `${sv ? swedishDecimal(finding.amount) : finding.amount}${unit ? ` ${answerUnitText(unit)}` : ''}`, ...(finding.date ? { date: finding.date } : {}),
                        }, limit, { text: questionText(finding.question, sv), example: questionExample(finding.question) });
                        break;
                    }
                    case 'limit-undecided':
                        reportLimit('calculation-limit-undecided', { name: calculation.name, limit: limitText(limits()[finding.limit]), tried: sv ? swedishDecimal(String(finding.tried)) : String(finding.tried) }, limits()[finding.limit]);
                        break;
                    case 'cap-row-never-binds': {
                        const call = calls[finding.call];
                        const argument = call?.arguments[finding.argument];
                        const below = call?.arguments[finding.below];
                        if (argument && below) {
                            const unit = { kr: ' kr', '%': ' %', none: '' }[finding.unit];
                            // A share is stored as a fraction (0.9) and written as a per cent (90 %).
                            const shown = (value: string) => {
                                const decimal = finding.unit === '%' ? ExactNumber.parse(value).multiply(ExactNumber.of(100n)).toDecimal() : value;
                                return `${sv ? swedishDecimal(decimal) : decimal}${unit}`;
                            };
                            report('calculation-cap-row-never-binds', {
                                name: calculation.name, cap: sourceText(argument), below: sourceText(below),
                                row: finding.selection ?? (finding.level !== undefined ? `${sv ? 'nivå' : 'level'} ${finding.level}` : `${sv ? 'rad' : 'row'} ${finding.row + 1}`),
                                amount: shown(finding.amount), belowAmount: shown(finding.belowAmount),
                            }, { node: argument });
                        }
                        break;
                    }
                    case 'cap-undecided': {
                        const argument = calls[finding.call]?.arguments[finding.argument];
                        if (argument) {
                            report('calculation-cap-undecided', { name: calculation.name, cap: sourceText(argument), tried: sv ? swedishDecimal(String(finding.tried)) : String(finding.tried) }, { node: argument });
                        }
                        break;
                    }
                }
            }
        },
    };
}

/**
 * The sub-expressions of each kind of formula node, in the order the compiler writes them (so the
 * n-th `min` here is the analysis's n-th): a new kind of node is a compile error until it is listed.
 */
const children = {
    BinaryExpression: e => [e.left, e.right],
    FunctionCall: e => e.arguments,
    QuantityExpression: () => [],
    NegatedExpression: e => [e.operand],
    ReferenceExpression: e => (e.level ? [e.level] : []),
    LevelExpression: () => [],
    RoundedExpression: e => [e.operand],
    ConvertedExpression: e => [e.operand],
    ConditionalExpression: e => [e.then, e.else],
} satisfies AstHandlers<Ast.Expression['$type'], [], Array<Ast.Expression | undefined>>;

function minCallNodes(formula: Ast.Expression): Array<Ast.FunctionCall | undefined> {
    return nodesInOrder(formula, (e): e is Ast.FunctionCall => e.$type === 'FunctionCall' && e.function === 'min');
}

/**
 * The divisions of the source formula, in the order analysis/calculation-bounds.ts's divisionNodes
 * lists them; a unit conversion's factor that divides (a week in months) is compiled as a division
 * after its node's own, and holds its place here as undefined (a constant divisor is never zero).
 */
function divisionNodeList(formula: Ast.Expression): Array<Ast.BinaryExpression | undefined> {
    const { scales } = analyseUnits(formula, 'sv');
    return nodesInOrder(formula, (e): e is Ast.BinaryExpression => e.$type === 'BinaryExpression' && e.operator === '/',
        e => { const scale = scales.get(e); return scale !== undefined && scaleDivides(scale); });
}

/** The nodes of a formula that `wanted` picks, a node before the nodes below it, left to right; `after`: a placeholder after a node's own. */
function nodesInOrder<T extends Ast.Expression>(formula: Ast.Expression, wanted: (e: Ast.Expression) => e is T, after?: (e: Ast.Expression) => boolean): Array<T | undefined> {
    const found: Array<T | undefined> = [];
    const visit = (expression: Ast.Expression | undefined): void => {
        if (!expression) {
            return;
        }
        if (wanted(expression)) {
            found.push(expression);
        }
        dispatchAst(children, expression).forEach(visit);
        if (after?.(expression)) {
            found.push(undefined);
        }
    };
    visit(formula);
    return found;
}

function sourceText(node: Ast.Expression): string {
    const text = node.$cstNode?.text.replace(/\s+/g, ' ').trim() ?? '';
    return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}
