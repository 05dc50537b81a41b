import { Cancellation, DefaultReferenceDescriptionProvider, interruptAndCheck, type LangiumDocument, type ReferenceDescription } from 'langium';
import { flatTree, forEachReference } from '../utils/ast-walk.js';

/**
 * Langium's index of a document's cross-references (for find-references and rename), walking the
 * tree without its generic streams and yielding to cancellation every thousand nodes instead of
 * awaiting at each. The same descriptions, in the same order.
 */
export class RegelrattReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        const root = document.parseResult.value;
        let visited = 0;
        for (const node of flatTree(root).nodes) {
            if ((++visited & 1023) === 0) {
                await interruptAndCheck(cancelToken);
            }
            forEachReference(node, reference => {
                if (!reference.reference.error) {
                    for (const description of this.createInfoDescriptions(reference)) {
                        descriptions.push(description);
                    }
                }
            });
        }
        await interruptAndCheck(cancelToken);
        return descriptions;
    }
}
