import type { ValidationChecks } from 'langium';
import type { Pathway, RegelrattAstType } from '../generated/ast.js';
import { analysisInput } from '../analysis/analysis-input.js';
import { CASE_BUDGET } from '@regelratt/analyses';
import { analyseCoverage } from '@regelratt/analyses';
import { caseAsCriterion, describeCase, unfinishedPart } from '@regelratt/analyses';
import { elementId } from '../compiler/element-ids.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { relatedAt } from './related-location.js';
import { createReport } from './report.js';

/** Every citizen falls in exactly one förlopp of a model, unless a secondary placement is allowed. */
export function pathwayCoverageChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    return {
        PathwayModel: (model, accept) => {
            const report = createReport(accept, locale);
            const withCriterion: Pathway[] = [];
            for (const pathway of model.pathways) {
                if (pathway.criterion) {
                    withCriterion.push(pathway);
                } else if (pathway.name) {
                    // A förlopp without a name is the parser's recovery (a keyword where its name goes), which the syntax error explains.
                    report('pathway-without-criterion', { name: pathway.name }, { node: pathway, property: 'name' });
                }
            }
            if (withCriterion.length === 0 || withCriterion.some(p => p.secondary.some(s => !s.ref))) {
                return;
            }
            const input = analysisInput(withCriterion.map(p => p.criterion!));
            if (!input) {
                return;
            }
            const result = analyseCoverage(withCriterion.map((pathway, index) => ({
                id: elementId(pathway),
                criterion: input.criteria[index],
                secondary: pathway.secondary.map(s => elementId(s.ref!)),
            })), input.attributes);
            if (!result.complete) {
                const part = unfinishedPart(result.unfinished, input.attributes, locale.current);
                // The findings proven before the budget ran out are reported below all the same.
                report('analysis-undecided', {
                    what: locale.current === 'sv' ? 'förloppens täckning' : 'the coverage of the pathways', budget: CASE_BUDGET.toLocaleString('sv-SE'), ...(part ? { part } : {}),
                    found: result.findings.length, unshown: result.unshown ?? 0,
                }, { node: model, property: 'name' });
            }
            const gaps = result.findings.filter(f => f.kind === 'gap');
            const overlaps = result.findings.filter(f => f.kind === 'overlap');
            const tooMany = result.findings.filter(f => f.kind === 'too-many');
            // Every region is reported (touching regions are already joined into one): `--format json`
            // and the editor get the whole list; the command line's text shows three per place.
            for (const gap of gaps) {
                const witness = describeCase(gap.case, input.attributes, locale.current);
                // The case as a criterion lets the editor offer to add the missing förlopp.
                report('pathway-gap', { witness: witness.text, criterion: caseAsCriterion(gap.case, input.attributes) }, { node: model, property: 'name' }, witness);
            }
            const byId = new Map(withCriterion.map(pathway => [elementId(pathway), pathway]));
            for (const overlap of overlaps) {
                const witness = describeCase(overlap.case, input.attributes, locale.current);
                const [first, second] = overlap.clash!.map(id => byId.get(id)!);
                report('pathway-overlap', { first: first.name, second: second.name, witness: witness.text }, { node: second, property: 'name', relatedInformation: relatedAt(first, first.name) }, witness);
            }
            for (const finding of tooMany) {
                const witness = describeCase(finding.case, input.attributes, locale.current);
                const holding = finding.pathways.map(id => byId.get(id)!);
                const last = holding[holding.length - 1];
                report('pathways-at-once', { count: holding.length, others: holding.slice(0, -1).map(p => p.name).join(', '), last: last.name, witness: witness.text },
                    { node: last, property: 'name', relatedInformation: holding.slice(0, -1).map(p => relatedAt(p, p.name)).flat() }, witness);
            }
        },
    };
}
