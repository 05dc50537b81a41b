import { AstUtils, GrammarAST, isCompositeCstNode, type AstNode, type CstNode } from 'langium';

/**
 * The first CST node of an AST node's property (its `name`, say): what Langium's findNodeForProperty
 * gives without an index, found by the same walk in the same order, but stopping at the first match.
 * Langium's collects every match first, through every token the node owns; with a diagnostic on each
 * of a thousand declarations' names that was some 7 ms of a keystroke in a 10 000-line file.
 */
export function firstNodeForProperty(node: CstNode | undefined, property: string): CstNode | undefined {
    return node ? search(node, property, node.astNode, true) : undefined;
}

function search(node: CstNode, property: string, element: AstNode, first: boolean): CstNode | undefined {
    if (!first && assignedFeature(node.grammarSource) === property) {
        return node;
    }
    if (isCompositeCstNode(node) && node.astNode === element) {
        for (const child of node.content) {
            const found = search(child, property, element, false);
            if (found) {
                return found;
            }
        }
    }
    return undefined;
}

/** The grammar never changes: each grammar element's assignment is looked up once (a walk up the grammar for every CST node searched). */
const features = new WeakMap<AstNode, string | undefined>();

/** The property a grammar element assigns to (`name` for `name=ID`), found at the assignment around it. */
export function assignedFeature(grammarSource: AstNode | undefined): string | undefined {
    if (!grammarSource) {
        return undefined;
    }
    if (!features.has(grammarSource)) {
        features.set(grammarSource, AstUtils.getContainerOfType(grammarSource, GrammarAST.isAssignment)?.feature);
    }
    return features.get(grammarSource);
}
