import { AstUtils, UriUtils, type ValidationChecks } from 'langium';
import type { RegelrattAstType } from '../generated/ast.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { createReport } from './report.js';

/**
 * `använd`: a library that is not shipped or a path that names nothing (`import-not-found`), a
 * library pinned to another version than the one shipped (`library-version-mismatch`), and files
 * that import each other round (`import-cycle`, with the chain). Thin: PolicyImports resolves.
 */
export function importChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const imports = services.imports.Imports;
    return {
        Import: async (node, accept) => {
            const report = createReport(accept, locale);
            const document = AstUtils.getDocument(node);
            const resolved = await imports.resolve(node, document.uri);
            if (resolved.problem) {
                report(resolved.problem.code, resolved.problem.args, { node, property: node.library !== undefined ? 'library' : 'path' });
            }
            const cycle = await imports.cycleFrom(document, node);
            if (cycle) {
                const folder = UriUtils.dirname(document.uri);
                const names = cycle.map(uri => UriUtils.relative(folder, uri) || UriUtils.basename(uri));
                report('import-cycle', { cycle: names.join(' → ') }, { node });
            }
        },
    };
}
