import type { ValidationChecks } from 'langium';
import type { RegelrattAstType } from '../generated/ast.js';
import { isCalculation, isPolicy } from '../generated/ast.js';
import { analyseUnits } from '../analysis/expression-units.js';
import { calculationLimits, limitText } from '../compiler/compile-policy.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { createReport } from './report.js';

/**
 * A limit on an insats holds for the calculations of the insats whose amount it converts to; one
 * that reaches none (`högst 12 månader` where every calculation counts hours per month) checks
 * nothing, which the writer should know rather than believe it checked.
 */
export function limitChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const documents = services.shared.workspace.LangiumDocuments;
    return {
        Service: (service, accept) => {
            if (service.limits.length === 0 || !service.name) {
                return;
            }
            const report = createReport(accept, locale);
            const calculations = documents.all.toArray()
                .flatMap(document => (isPolicy(document.parseResult.value) ? document.parseResult.value.elements : []))
                .filter(isCalculation)
                .filter(calculation => calculation.service?.ref === service && calculation.value);
            const reached = new Set(calculations.flatMap(calculation => calculationLimits(calculation, analyseUnits(calculation.value, 'sv').dimension)));
            for (const limit of service.limits) {
                if (limit.amount && !reached.has(limit)) {
                    report('limit-applies-to-nothing', { service: service.name, limit: limitText(limit) }, { node: limit });
                }
            }
        },
    };
}
