import { RegelrattRuntimeError } from '@regelratt/runtime';
import type { ValidationChecks } from 'langium';
import type { RegelrattAstType } from '../generated/ast.js';
import { analysisInput, astPart, criterionText } from '../analysis/analysis-input.js';
import { CASE_BUDGET } from '@regelratt/analyses';
import { analyseEligibility, type EligibilityFinding } from '@regelratt/analyses';
import { describeCase } from '@regelratt/analyses';
import { elementId } from '../compiler/element-ids.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { compiledWorkspace } from './compiled-workspace.js';
import { createReport } from './report.js';

/**
 * Who may be granted an insats: `beviljas när` admits someone, the exclusions leave someone, every
 * exclusion and exception changes something. The reasoning is in analysis/eligibility-analysis.ts
 * (on the compiled workspace, its refused citizens asked of the runtime); this adapter words it.
 */
export function eligibilityChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const workspace = compiledWorkspace(services);
    return {
        Service: (service, accept) => {
            const rule = service.eligibility;
            if (!service.name || !rule?.inclusion) {
                return;
            }
            const input = analysisInput([rule.inclusion, ...rule.exclusions.flatMap(e => [e.criterion, ...e.exceptions])]);
            const runtime = input && workspace()?.runtime;
            if (!input || !runtime) {
                return;
            }
            let findings: EligibilityFinding[];
            try {
                findings = analyseEligibility(runtime, elementId(service));
            } catch (error) {
                // An element the compiled workspace lacks (a half-typed file): nothing to say yet.
                if (error instanceof RegelrattRuntimeError) {
                    return;
                }
                throw error;
            }
            const report = createReport(accept, locale);
            const sv = locale.current === 'sv';
            for (const finding of findings) {
                switch (finding.kind) {
                    case 'admits-no-one': {
                        const parts = finding.conflicting.map(i => `'${criterionText(astPart(rule.inclusion, [i]))}'`);
                        report('unsatisfiable-criterion', { parts: parts.length > 1 ? parts.join(sv ? ' och ' : ' and ') : '' }, { node: rule, property: 'inclusion' });
                        break;
                    }
                    case 'excludes-everyone': {
                        const witness = describeCase(finding.case, input.attributes, locale.current);
                        report('eligibility-excludes-everyone', { service: service.name, witness: witness.text }, { node: rule, property: 'exclusions', index: 0 }, witness);
                        break;
                    }
                    case 'exclusion-never-applies':
                        report('eligibility-exclusion-never-applies', {}, { node: rule.exclusions[finding.exclusion], property: 'criterion' });
                        break;
                    case 'exception-never-applies':
                        report('eligibility-exception-never-applies', {}, { node: rule.exclusions[finding.exclusion], property: 'exceptions', index: finding.exception });
                        break;
                    case 'exception-swallows-exclusion': {
                        const witness = describeCase(finding.case, input.attributes, locale.current);
                        report('eligibility-exception-swallows-exclusion', { witness: witness.text }, { node: rule.exclusions[finding.exclusion], property: 'criterion' }, witness);
                        break;
                    }
                    case 'redundant': {
                        const part = astPart(rule.inclusion, [finding.part]);
                        report('redundant-criterion', { part: criterionText(part) }, { node: part });
                        break;
                    }
                    case 'unreachable': {
                        const part = astPart(rule.inclusion, finding.path);
                        report('unreachable-branch', { part: criterionText(part) }, { node: part });
                        break;
                    }
                    case 'undecided':
                        report('analysis-undecided', { what: sv ? 'vem som kan beviljas insatsen' : 'who can be granted the service', budget: CASE_BUDGET.toLocaleString('sv-SE') }, { node: service, property: 'name' });
                        break;
                }
            }
        },
    };
}
