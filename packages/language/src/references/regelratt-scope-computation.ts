import { Cancellation, DefaultScopeComputation, interruptAndCheck, MultiMap, type AstNode, type AstNodeDescription, type LangiumDocument, type LocalSymbols } from 'langium';
import { EnumerationValue } from '../generated/ast.js';
import { flatTree } from '../utils/ast-walk.js';
import { isRecoveredDeclaration } from '../parser/recovered-declarations.js';

/**
 * Regelrätt has one namespace per workspace: every named declaration, nested ones too (a förlopp in
 * its model, a krav in its riktlinje), is visible from every file by its plain name. Enumeration
 * values are the exception: they belong to their attribute and are resolved by the scope provider.
 * With everything in the global index there is nothing to add locally, and lookups stay map-based.
 */
export class RegelrattScopeComputation extends DefaultScopeComputation {
    /**
     * Each top-level declaration's descriptions, kept while the declaration is: incremental parsing
     * keeps the declarations a change did not touch (unchanged below, so the same names), and the
     * descriptions read their place from the node when asked (RegelrattAstNodeDescriptionProvider).
     */
    private readonly declared = new WeakMap<AstNode, { uri: string; descriptions: AstNodeDescription[] }>();

    override async collectExportedSymbols(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<AstNodeDescription[]> {
        const exports: AstNodeDescription[] = [];
        const uri = document.uri.toString();
        const { nodes, ends } = flatTree(document.parseResult.value);
        let visited = 0;
        // Every node below the root is in the subtree of one of its children, the declarations.
        for (let index = 1; index < nodes.length; index = ends[index]) {
            const declaration = nodes[index];
            if (isRecoveredDeclaration(declaration)) {
                continue; // a clause of a block the parser skipped (recovered-declarations.ts): no name of the workspace
            }
            let kept = this.declared.get(declaration);
            if (!kept || kept.uri !== uri) {
                const descriptions: AstNodeDescription[] = [];
                for (let at = index; at < ends[index]; at++) {
                    if ((++visited & 1023) === 0) {
                        await interruptAndCheck(cancelToken);
                    }
                    const node = nodes[at];
                    // Its own type only (no type extends it): isEnumerationValue asks the reflection about
                    // subtypes, a tenth of indexing a large file.
                    if (node.$type === EnumerationValue.$type) {
                        continue;
                    }
                    const name = this.nameProvider.getName(node);
                    if (name) {
                        descriptions.push(this.descriptions.createDescription(node, name, document));
                    }
                }
                kept = { uri, descriptions };
                this.declared.set(declaration, kept);
            }
            for (const description of kept.descriptions) {
                exports.push(description);
            }
        }
        return exports;
    }

    override async collectLocalSymbols(): Promise<LocalSymbols> {
        return new MultiMap();
    }
}
