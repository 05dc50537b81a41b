import type { ValidationChecks } from 'langium';
import type { ObligationException, RegelrattAstType } from '../generated/ast.js';
import { analysisInput, criterionText } from '../analysis/analysis-input.js';
import { CASE_BUDGET } from '@regelratt/analyses';
import { analyseExceptions } from '@regelratt/analyses';
import { describeCase } from '@regelratt/analyses';
import type { RegelrattServices } from '../regelratt-module.js';
import { createReport } from './report.js';
import { itemList } from '@regelratt/analyses';

/** An exception as the writer knows it: its own text, else its condition. */
function exceptionText(exception: ObligationException): string {
    return exception.text ? `"${exception.text}"` : `'${criterionText(exception.condition)}'`;
}

/**
 * A main rule's exceptions each leave someone aside, and together leave the rule someone: a thin
 * adapter over analyseExceptions, with an example citizen for each finding.
 */
export function exceptionChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    return {
        Obligation: (obligation, accept) => {
            if (obligation.exceptions.length === 0) {
                return;
            }
            const criteria = [...(obligation.condition ? [obligation.condition] : []), ...obligation.exceptions.map(e => e.condition)];
            const input = analysisInput(criteria);
            if (!input) {
                return;
            }
            const report = createReport(accept, locale);
            const condition = obligation.condition ? input.criteria[0] : undefined;
            const exceptions = obligation.condition ? input.criteria.slice(1) : input.criteria;
            const sv = locale.current === 'sv';
            for (const finding of analyseExceptions(condition, exceptions, input.attributes)) {
                switch (finding.kind) {
                    case 'exception-never-applies': {
                        const exception = obligation.exceptions[finding.exception];
                        const witness = finding.case && describeCase(finding.case, input.attributes, locale.current);
                        report('exception-never-applies', {
                            rule: obligation.name, exception: exceptionText(exception), witness: witness?.text ?? '',
                        }, { node: exception, property: 'condition' }, witness);
                        break;
                    }
                    case 'exception-swallows-rule': {
                        const witness = describeCase(finding.case, input.attributes, locale.current);
                        report('exception-swallows-rule', {
                            rule: obligation.name, exceptions: itemList(obligation.exceptions.map(exceptionText), sv ? 'sv' : 'en'), witness: witness.text,
                        }, { node: obligation, property: 'exceptions', index: 0 }, witness);
                        break;
                    }
                    case 'undecided':
                        report('analysis-undecided', { what: sv ? 'kravets undantag' : 'the obligation\'s exceptions', budget: CASE_BUDGET.toLocaleString('sv-SE') }, { node: obligation, property: 'name' });
                        break;
                }
            }
        },
    };
}
