import { WorkspaceCache, type ValidationChecks } from 'langium';
import type { RegelrattAstType } from '../generated/ast.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { createReport } from './report.js';

/**
 * The values of `en av områdena { tätort, landsbygd }` are områden the policy declares (`område
 * tätort`): the compiled value names the area element, and a case's område chooses a rate's amount
 * by it. A value no `område` declares is `area-value-undeclared`.
 */
export function areaChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const index = services.shared.workspace.IndexManager;
    // The workspace's område names, gathered once per state of the workspace.
    const cache = new WorkspaceCache<string, ReadonlySet<string>>(services.shared);
    const declared = () => cache.get('areas', () => new Set(index.allElements('Area').map(description => description.name)));
    return {
        EnumerationType: (type, accept) => {
            if (!type.areas) {
                return;
            }
            const report = createReport(accept, locale);
            for (const value of type.values) {
                if (!declared().has(value.name)) {
                    report('area-value-undeclared', { value: value.name }, { node: value, property: 'name' });
                }
            }
        },
    };
}
