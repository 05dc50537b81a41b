import { Cancellation, DefaultLinker, interruptAndCheck, type LangiumDocument } from 'langium';
import { flatTree, forEachReference } from '../utils/ast-walk.js';

/**
 * Langium's linker, walking the tree without its generic streams and yielding to cancellation every
 * thousand nodes instead of awaiting at each (on a 10 000-line file the per-node awaits and stream
 * states cost more than the linking). The same references, in the same order.
 */
export class RegelrattLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken = Cancellation.CancellationToken.None): Promise<void> {
        if (this.profiler?.isActive('linking')) {
            return super.link(document, cancelToken);
        }
        const root = document.parseResult.value;
        let visited = 0;
        for (const node of flatTree(root).nodes) {
            if ((++visited & 1023) === 0) {
                await interruptAndCheck(cancelToken);
            }
            forEachReference(node, reference => this.doLink(reference, document));
        }
        await interruptAndCheck(cancelToken);
    }
}
