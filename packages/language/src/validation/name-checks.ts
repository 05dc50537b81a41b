import { groupBy } from '../utils/group-by.js';
import { AstUtils, WorkspaceCache, type AstNodeDescription, type ValidationChecks } from 'langium';
import type { RegelrattAstType } from '../generated/ast.js';
import { kindName } from '../i18n/element-kind-names.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { createReport } from './report.js';
import { allContents } from '../utils/ast-walk.js';

/**
 * Names are unique across the workspace (one namespace keeps references and renames simple for writers).
 * The name → declarations map is built once per workspace state, not once per document.
 */
export function nameChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const index = services.shared.workspace.IndexManager;
    const locator = services.workspace.AstNodeLocator;
    const byName = new WorkspaceCache<string, Map<string, AstNodeDescription[]>>(services.shared);
    // One pass over the index per workspace state; declarations in file and line order, so messages name the same "other" every time.
    // Each description's file read once (not in every comparison of the sort) and compared as plain
    // text; within a file the index lists declarations in text order already, and the sort is stable.
    const declarationsNamed = (name: string): AstNodeDescription[] => byName.get('all', () => {
        const keyed = index.allElements().toArray().map(description => ({ description, uri: description.documentUri.toString() }));
        keyed.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
        return groupBy(keyed.map(k => k.description), description => description.name);
    }).get(name) ?? [];

    const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
    return {
        Policy: (policy, accept) => {
            const report = createReport(accept, locale);
            const document = AstUtils.getDocument(policy);
            const uri = document.uri.toString();
            for (const node of allContents(policy)) {
                const name = (node as { name?: unknown }).name;
                if (typeof name === 'string' && RESERVED.has(name)) {
                    // JavaScript gives these names a meaning of their own: a consuming system's
                    // `{ "__proto__": … }` would set a prototype, not a value.
                    report('reserved-name', { name }, { node, property: 'name' as never });
                }
                if (typeof name !== 'string' || node.$type === 'EnumerationValue') {
                    continue;
                }
                const same = declarationsNamed(name);
                if (same.length < 2) {
                    continue;
                }
                const ownPath = locator.getAstNodePath(node);
                const other = same.find(d => d.documentUri.toString() !== uri || d.path !== ownPath);
                if (!other) {
                    continue;
                }
                const where = `${kindName(other.type, locale.current)}, ${other.documentUri.path.split('/').pop()}:${(other.nameSegment?.range.start.line ?? 0) + 1}`;
                const related = other.nameSegment ? [{ location: { uri: other.documentUri.toString(), range: other.nameSegment.range }, message: name }] : [];
                report('duplicate-name', { name, other: where }, { node, property: 'name' as never, relatedInformation: related });
            }
        },
        EnumerationType: (type, accept) => {
            const report = createReport(accept, locale);
            const seen = new Set<string>();
            for (const value of type.values) {
                if (seen.has(value.name)) {
                    report('duplicate-enumeration-value', { name: value.name }, { node: value, property: 'name' });
                }
                seen.add(value.name);
            }
        },
    };
}
