import { AstUtils, UriUtils, type ValidationChecks } from 'langium';
import { isPolicy, type RegelrattAstType } from '../generated/ast.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { createReport } from './report.js';

/**
 * `använd`: a library that is not shipped or a path that names nothing (`import-not-found`), a
 * library pinned to a version not shipped (`library-version-mismatch`), one library imported in two
 * versions by the files of one set (`library-version-conflict`), and files that import each other
 * round (`import-cycle`, with the chain). Thin: PolicyImports resolves.
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
            if (resolved.library) {
                // Every other import of the same library in the workspace's policy files, as resolved.
                for (const other of services.shared.workspace.LangiumDocuments.all) {
                    const root = other.parseResult.value;
                    if (!isPolicy(root) || imports.libraryOf(other.uri) !== undefined) {
                        continue;
                    }
                    for (const elsewhere of root.imports.filter(i => i !== node && i.library === node.library)) {
                        const version = (await imports.libraryVersion(elsewhere))?.manifest.version;
                        if (version !== undefined && version !== resolved.library.version) {
                            const folder = UriUtils.dirname(document.uri);
                            report('library-version-conflict', {
                                name: resolved.library.name, version: resolved.library.version, other: version,
                                file: UriUtils.relative(folder, other.uri) || UriUtils.basename(other.uri),
                            }, { node, property: 'library' });
                            return;
                        }
                    }
                }
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
