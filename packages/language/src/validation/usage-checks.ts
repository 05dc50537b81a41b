import { WorkspaceCache, type AstNode, type ValidationChecks } from 'langium';
import type { RegelrattAstType } from '../generated/ast.js';
import { isArea, isAttribute, isEnumerationType } from '../generated/ast.js';
import { kindName } from '../i18n/element-kind-names.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { createReport } from './report.js';

/** Kinds of declaration that exist to be referred to; one nobody refers to is worth a reviewer's look. (A calculation is an answer in its own right, asked by `eval`, so it is not here.) */
const VOCABULARY = new Set(['Law', 'Service', 'Administration', 'Operation', 'Unit', 'Area', 'Role', 'Phase', 'Body', 'Attribute', 'Parameter', 'EffectGoal']);

/** Declarations of the shared vocabulary that nothing in the workspace uses (information, not a fault). */
export function usageChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const documents = services.shared.workspace.LangiumDocuments;
    const referenced = new WorkspaceCache<string, Set<AstNode>>(services.shared);
    const referencedNodes = () => referenced.get('all', () => {
        const targets = new Set<AstNode>();
        for (const document of documents.all) {
            for (const reference of document.references) {
                const target = 'ref' in reference ? reference.ref : undefined;
                if (target) {
                    targets.add(target);
                }
            }
        }
        return targets;
    });
    // An område named as a value of `en av områdena { … }` is used by its name, not by a reference.
    const chosen = new WorkspaceCache<string, Set<string>>(services.shared);
    const chosenAreas = () => chosen.get('all', () => new Set(documents.all.toArray().flatMap(document =>
        (document.parseResult.value as { elements?: AstNode[] }).elements ?? []).flatMap(node =>
        isAttribute(node) && isEnumerationType(node.type) && node.type.areas ? node.type.values.map(value => value.name) : [])));
    return {
        Policy: (policy, accept) => {
            const report = createReport(accept, locale);
            // Every kind of vocabulary is a top-level element in the grammar (Policy: elements+=Element*):
            // its elements, not the whole tree (a walk of every node of a large file on each keystroke).
            for (const node of policy.elements) {
                const name = (node as AstNode & { name?: string }).name;
                // A declaration the parser recovered without a name is already a syntax error.
                if (name && VOCABULARY.has(node.$type) && !referencedNodes().has(node) && !(isArea(node) && chosenAreas().has(name))) {
                    const kind = kindName(node.$type, locale.current);
                    report('unused-declaration', { kind: kind[0].toUpperCase() + kind.slice(1), name }, { node, property: 'name' as never });
                }
            }
        },
    };
}
