import { Cancellation, DefaultScopeComputation, interruptAndCheck, MultiMap, type AstNodeDescription, type LangiumDocument, type LocalSymbols } from 'langium';
import { isEnumerationValue } from '../generated/ast.js';
import { allContents } from '../utils/ast-walk.js';

/**
 * Regelrätt has one namespace per workspace: every named declaration, nested ones too (a förlopp in
 * its model, a krav in its riktlinje), is visible from every file by its plain name. Enumeration
 * values are the exception: they belong to their attribute and are resolved by the scope provider.
 * With everything in the global index there is nothing to add locally, and lookups stay map-based.
 */
export class RegelrattScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<AstNodeDescription[]> {
        const exports: AstNodeDescription[] = [];
        let visited = 0;
        for (const node of allContents(document.parseResult.value)) {
            if ((++visited & 1023) === 0) {
                await interruptAndCheck(cancelToken);
            }
            if (isEnumerationValue(node)) {
                continue;
            }
            const name = this.nameProvider.getName(node);
            if (name) {
                exports.push(this.descriptions.createDescription(node, name, document));
            }
        }
        return exports;
    }

    override async collectLocalSymbols(): Promise<LocalSymbols> {
        return new MultiMap();
    }
}
