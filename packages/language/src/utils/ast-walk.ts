import { isMultiReference, isReference, type AstNode, type MultiReference, type Reference } from 'langium';

/**
 * The nodes below a node, in document order (pre-order, properties in the order the parser set
 * them, as Langium's AstUtils.streamAllContents gives them), as a plain array. Langium's streams
 * build an iterator state and a key list per node; on a 10 000-line file each full walk cost 15–25 ms
 * and a good part of the garbage collection, and a check walks the whole tree several times.
 */
export function allContents(root: AstNode): AstNode[] {
    const nodes: AstNode[] = [];
    collect(root, nodes);
    return nodes;
}

/** Calls `visit` on a node and the nodes below it, in document order; `visit` returning false skips the node's children. */
export function walkAst(root: AstNode, visit: (node: AstNode) => boolean | void): void {
    if (visit(root) === false) {
        return;
    }
    forEachChild(root, child => walkAst(child, visit));
}

function collect(node: AstNode, nodes: AstNode[]): void {
    forEachChild(node, child => {
        nodes.push(child);
        collect(child, nodes);
    });
}

/** The node's children in property order: single nodes and the nodes of arrays, never `$` properties (container, CST). */
export function forEachChild(node: AstNode, visit: (child: AstNode) => void): void {
    for (const key in node) {
        if (key.charCodeAt(0) === 36 /* $ */) {
            continue;
        }
        const value = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(value)) {
            for (const item of value) {
                if (isNode(item)) {
                    visit(item);
                }
            }
        } else if (isNode(value)) {
            visit(value);
        }
    }
}

function isNode(value: unknown): value is AstNode {
    return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

/** One cross-reference of a node, as Langium's AstUtils.streamReferences gives it. */
export interface ReferenceAt {
    reference: Reference | MultiReference;
    container: AstNode;
    property: string;
    index?: number;
}

/** The node's own cross-references in property order, as AstUtils.streamReferences gives them, without a stream. */
export function forEachReference(node: AstNode, visit: (reference: ReferenceAt) => void): void {
    for (const property in node) {
        if (property.charCodeAt(0) === 36 /* $ */) {
            continue;
        }
        const value = (node as unknown as Record<string, unknown>)[property];
        if (isReference(value) || isMultiReference(value)) {
            visit({ reference: value, container: node, property });
        } else if (Array.isArray(value)) {
            value.forEach((element: unknown, index) => {
                if (isReference(element) || isMultiReference(element)) {
                    visit({ reference: element, container: node, property, index });
                }
            });
        }
    }
}
