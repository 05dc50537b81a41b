import { RegelrattRuntimeError } from '@regelratt/runtime';
import { answerUnitText, LEVEL_INPUT, UNDATED_FROM } from '@regelratt/format';
import type { ValidationChecks } from 'langium';
import type * as Ast from '../generated/ast.js';
import { isCalculation, isDecisionTable, isLevelTable, isLevelExpression, isReferenceExpression, type RegelrattAstType } from '../generated/ast.js';
import { analyseCalculationNeed, SEARCH_BUDGET } from '@regelratt/analyses';
import { calculationCycle } from '../analysis/calculation-cycles.js';
import { elementId } from '../compiler/element-ids.js';
import { swedishDecimal } from '@regelratt/analyses';
import type { RegelrattServices } from '../regelratt-module.js';
import { compiledWorkspace } from './compiled-workspace.js';
import { questionExample, questionText } from './question-text.js';
import { createReport } from './report.js';
import { flatTree } from '../utils/ast-walk.js';

/**
 * A named calculation's amount must not fall as need rises: over the level, the attributes it names
 * with `behov`, and the need columns of the decision tables it reads. The reasoning is in
 * analysis/calculation-need.ts, which asks the runtime of the compiled workspace for every amount it
 * reports; this adapter finds the needs and words the findings.
 */
export function calculationNeedChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const workspace = compiledWorkspace(services);
    const runtime = () => workspace()?.runtime;
    return {
        Calculation: (calculation, accept) => {
            if (!calculation.name || !calculation.value || calculationCycle(calculation)) {
                return;
            }
            const needs = needsOf(calculation);
            if (needs.size === 0) {
                return;
            }
            const compiled = runtime();
            if (!compiled) {
                return;
            }
            const report = createReport(accept, locale);
            const sv = locale.current === 'sv';
            const attributes = new Map(compiled.policy.all('attribute').map(a => [a.id, a]));
            const needName = (need: string) => (need === LEVEL_INPUT ? (sv ? 'nivån' : 'the level') : attributes.get(need)?.name ?? need);
            let findings;
            try {
                findings = analyseCalculationNeed(compiled, elementId(calculation), [...needs.keys()]);
            } catch (error) {
                // An element the compiled workspace lacks (a half-typed file): nothing to say yet. Any
                // other error is a fault of the analysis and goes on to be reported as one.
                if (error instanceof RegelrattRuntimeError) {
                    return;
                }
                throw error;
            }
            for (const finding of findings) {
                if (finding.kind === 'falls') {
                    // In the amount's own unit (`45 min/vecka` of a schablon); kronor where the calculation says none.
                    const unit = answerUnitText(compiled.policy.get(elementId(calculation), 'calculation').unit) || 'kr';
                    const amount = (text: string) => `${sv ? swedishDecimal(text) : text} ${unit}`;
                    report('calculation-falls-as-need-rises', {
                        name: calculation.name, need: needName(finding.need),
                        // The start of undated versions (UNDATED_FROM) is the format's, not a date to show.
                        ...(finding.date && finding.date !== UNDATED_FROM ? { date: finding.date } : {}),
                        lower: questionText(finding.lower, sv), higher: questionText(finding.higher, sv),
                        lowerAmount: amount(finding.lowerAmount), higherAmount: amount(finding.higherAmount),
                    }, { node: calculation, property: 'name' }, {
                        text: `${questionText(finding.lower, sv)} ${sv ? 'mot' : 'against'} ${questionText(finding.higher, sv)}`,
                        example: questionExample(finding.lower),
                    });
                } else {
                    const others = (finding.others ?? []).map(id => attributes.get(id)?.name ?? id).join(', ');
                    const reasons = {
                        'too-many-cases': sv ? `fler än ${SEARCH_BUDGET} fall att pröva` : `more than ${SEARCH_BUDGET} cases to try`,
                        'need-not-enumerable': sv ? `${needName(finding.need)} kan inte prövas värde för värde (inget heltal i ett litet intervall), och inget fall där beloppet sjunker hittades`
                            : `${needName(finding.need)} cannot be tried value by value (not a whole number in a small range), and no case where the amount falls was found`,
                        'computes-with-others': sv ? `beloppet räknar med ${others}, som inte kan prövas värde för värde, och inget fall där beloppet sjunker hittades`
                            : `the amount computes with ${others}, which cannot be tried value by value, and no case where the amount falls was found`,
                        'part-falls': !finding.part ? '' : sv
                            ? `den del av summan som läser ${needName(finding.need)} sjunker (${questionText(finding.part.lower, sv)} mot ${questionText(finding.part.higher, sv)}${finding.part.date ? `, ${finding.part.date}` : ''}), men inget fall där hela beloppet sjunker hittades`
                            : `the part of the sum that reads ${needName(finding.need)} falls (${questionText(finding.part.lower, sv)} against ${questionText(finding.part.higher, sv)}${finding.part.date ? `, ${finding.part.date}` : ''}), but no case where the whole amount falls was found`,
                    } satisfies Record<typeof finding.reason, string>;
                    const reason = reasons[finding.reason];
                    report('calculation-need-undecided', { name: calculation.name, need: needName(finding.need), reason }, { node: calculation, property: 'name' });
                }
            }
        },
    };
}

/**
 * What counts as need for a calculation: the attributes it names with `behov`, the need columns of
 * every decision table it reads (directly or through other calculations), and the level where it reads one.
 */
function needsOf(calculation: Ast.Calculation): Map<string, true> {
    const needs = new Map<string, true>();
    for (const need of calculation.needs) {
        if (need.ref) {
            needs.set(elementId(need.ref), true);
        }
    }
    const seen = new Set<Ast.Calculation>();
    const visit = (calculationNode: Ast.Calculation) => {
        if (seen.has(calculationNode) || !calculationNode.value) {
            return;
        }
        seen.add(calculationNode);
        for (const node of flatTree(calculationNode.value).nodes) {
            if (isLevelExpression(node)) {
                needs.set(LEVEL_INPUT, true);
            }
            if (!isReferenceExpression(node)) {
                continue;
            }
            const target = node.target?.ref;
            if (isCalculation(target)) {
                visit(target);
            } else if (isDecisionTable(target)) {
                target.needs.forEach(need => need.ref && needs.set(elementId(need.ref), true));
                if (target.header?.inputs.some(input => input.level)) {
                    needs.set(LEVEL_INPUT, true);
                }
            } else if (isLevelTable(target) && !node.level) {
                needs.set(LEVEL_INPUT, true);
            }
        }
    };
    visit(calculation);
    return needs;
}
