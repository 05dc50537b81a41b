import type { ValidationChecks } from 'langium';
import type { RegelrattAstType } from '../generated/ast.js';
import { analysisInput, astPart, criterionText } from '../analysis/analysis-input.js';
import { CASE_BUDGET } from '@regelratt/analyses';
import { analyseInclusion } from '@regelratt/analyses';
import { describeCase } from '@regelratt/analyses';
import type { RegelrattServices } from '../regelratt-module.js';
import { createReport } from './report.js';

/** A pilot's inclusion admits someone, its exclusions leave someone, and every part of the rule matters. */
export function inclusionChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    return {
        Pilot: (pilot, accept) => {
            if (!pilot.inclusion && pilot.exclusions.length === 0) {
                return;
            }
            const all = [...(pilot.inclusion ? [pilot.inclusion] : []), ...pilot.exclusions];
            const input = analysisInput(all);
            if (!input) {
                return;
            }
            const report = createReport(accept, locale);
            const inclusion = pilot.inclusion ? input.criteria[0] : undefined;
            const exclusions = pilot.inclusion ? input.criteria.slice(1) : input.criteria;
            for (const finding of analyseInclusion(inclusion, exclusions, input.attributes)) {
                switch (finding.kind) {
                    case 'unsatisfiable': {
                        const parts = finding.conflicting.map(i => `'${criterionText(astPart(pilot.inclusion!, [i]))}'`);
                        report('unsatisfiable-criterion', { parts: parts.length > 1 ? parts.join(locale.current === 'sv' ? ' och ' : ' and ') : '' }, { node: pilot, property: 'inclusion' });
                        break;
                    }
                    case 'excluded-everyone': {
                        const witness = describeCase(finding.case, input.attributes, locale.current);
                        report('exclusion-removes-everyone', { witness: witness.text }, { node: pilot, property: 'exclusions', index: 0 }, witness);
                        break;
                    }
                    case 'exclusion-never-applies':
                        report('exclusion-never-applies', {}, { node: pilot, property: 'exclusions', index: finding.exclusion });
                        break;
                    case 'redundant': {
                        const part = astPart(pilot.inclusion!, [finding.part]);
                        report('redundant-criterion', { part: criterionText(part) }, { node: part });
                        break;
                    }
                    case 'unreachable': {
                        const part = astPart(pilot.inclusion!, finding.path);
                        report('unreachable-branch', { part: criterionText(part) }, { node: part });
                        break;
                    }
                    case 'undecided':
                        report('analysis-undecided', { what: locale.current === 'sv' ? 'inkluderingsvillkoret' : 'the inclusion criterion', budget: CASE_BUDGET.toLocaleString('sv-SE') }, { node: pilot, property: 'name' });
                        break;
                }
            }
        },
    };
}
