import { WorkspaceCache, type ValidationAcceptor, type ValidationChecks } from 'langium';
import type * as Ast from '../generated/ast.js';
import { isExample, isPolicy, type RegelrattAstType } from '../generated/ast.js';
import { exampleCoverage, type CriterionCoverage } from '@regelratt/analyses';
import { elementId } from '../compiler/element-ids.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { compiledWorkspace } from './compiled-workspace.js';
import { createReport } from './report.js';

/**
 * Where the inline examples do not reach, as hints in the editor (faint, never in the way): each
 * region of a förloppsmodell's, pilot's or decision table's criteria that no example's citizen falls
 * in, with the region's example citizen. Only in a workspace that has examples at all: a policy
 * without any gets no hint on every element. The reasoning is in analysis/example-coverage.ts, as
 * for `regelratt test --coverage`.
 */
export function exampleCoverageChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const workspace = compiledWorkspace(services);
    /**
     * Per compiled workspace and language, each element's coverage by its id (a large file has
     * hundreds of models and pilots): a region's witness is worded in the language asked (`= nej`,
     * `= no`), and `check --format sarif` validates the same workspace in both.
     */
    const coverage = new WeakMap<object, Map<string, Map<string, CriterionCoverage>>>();
    // Whether any file has an example, read from the syntax trees: without one there is nothing to
    // hint, and the workspace need not be compiled for it (a keystroke in a large file without
    // examples compiled the whole file for nothing).
    const anyExample = new WorkspaceCache<string, boolean>(services.shared);
    const hasExamples = () => anyExample.get('examples', () => services.shared.workspace.LangiumDocuments.all
        .some(document => isPolicy(document.parseResult.value) && document.parseResult.value.elements.some(isExample)));
    const coverageNow = (): Map<string, CriterionCoverage> | undefined => {
        if (!hasExamples()) {
            return undefined;
        }
        const compiled = workspace();
        if (!compiled) {
            return undefined;
        }
        let byLanguage = coverage.get(compiled);
        if (byLanguage === undefined) {
            byLanguage = new Map();
            coverage.set(compiled, byLanguage);
        }
        let known = byLanguage.get(locale.current);
        if (known === undefined) {
            known = new Map(exampleCoverage(compiled.files, locale.current).criteria.map(entry => [entry.element.id, entry]));
            byLanguage.set(locale.current, known);
        }
        return known;
    };
    const check = (node: Ast.PathwayModel | Ast.Pilot | Ast.DecisionTable, accept: ValidationAcceptor) => {
        if (!node.name) {
            return;
        }
        const found = coverageNow()?.get(elementId(node));
        if (!found) {
            return;
        }
        const report = createReport(accept, locale);
        for (const region of found.regions.filter(r => r.examples.length === 0)) {
            report('uncovered-region', { name: node.name, witness: region.witness.text }, { node, property: 'name' }, region.witness);
        }
    };
    return { PathwayModel: check, Pilot: check, DecisionTable: check };
}
