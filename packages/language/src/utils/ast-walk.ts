import { isAstNode, isMultiReference, isReference, type AstNode, type MultiReference, type Reference } from 'langium';
import { reflection } from '../generated/ast.js';

/**
 * A node and every node below it, in document order (pre-order, properties in the order the parser
 * set them, as Langium's streamAst gives them), with where each node's subtree ends: computed once
 * per tree and shared. Langium's streams build an iterator state and a key list per node, and the
 * linker, the reference index, the scope computation and several checks each walked the whole
 * document: on a 10 000-line file each walk cost 15–25 ms warm, and in a fresh process (the command
 * line) some 40 ms. A parsed tree is never rearranged: a change gives a new root (incremental parsing
 * keeps the declarations the change did not touch, each an unchanged subtree), so the list stays true
 * for the node it was made from.
 */
export interface FlatTree {
    /** The node the walk started from, then every node below it in document order. */
    readonly nodes: readonly AstNode[];
    /** For each index, the index just past the last node of that node's subtree. */
    readonly ends: readonly number[];
}

const flattened = new WeakMap<AstNode, FlatTree>();

export function flatTree(root: AstNode): FlatTree {
    let tree = flattened.get(root);
    if (!tree) {
        const nodes: AstNode[] = [];
        const ends: number[] = [];
        const visit = (node: AstNode): void => {
            const index = nodes.push(node) - 1;
            ends.push(0);
            forEachChild(node, visit);
            ends[index] = nodes.length;
        };
        visit(root);
        tree = { nodes, ends };
        flattened.set(root, tree);
    }
    return tree;
}

/** The nodes below a node (not the node itself), in document order, as AstUtils.streamAllContents gives them. */
export function allContents(root: AstNode): readonly AstNode[] {
    return flatTree(root).nodes.slice(1);
}

/**
 * The node's children in property order: single nodes and the nodes of arrays, never `$` properties
 * (container, CST). Each child comes with the property that holds it, its index in an array, and the
 * node itself, so a visitor can be one function for every node (the parser links containers with it).
 */
export function forEachChild(node: AstNode, visit: (child: AstNode, property: string, index: number | undefined, container: AstNode) => void): void {
    for (const key in node) {
        if (key.charCodeAt(0) === 36 /* $ */) {
            continue;
        }
        const value = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const item: unknown = value[index];
                if (isAstNode(item)) {
                    visit(item, key, index, node);
                }
            }
        } else if (isAstNode(value)) {
            visit(value, key, undefined, node);
        }
    }
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
    const properties = referenceProperties(node.$type);
    if (properties === NONE) {
        return;
    }
    if (properties !== UNKNOWN && properties.length === 1) {
        // One property can hold references: read it alone (the order is its own).
        visitReferences(node, properties[0], (node as unknown as Record<string, unknown>)[properties[0]], visit);
        return;
    }
    for (const property in node) {
        if (property.charCodeAt(0) !== 36 /* $ */) {
            visitReferences(node, property, (node as unknown as Record<string, unknown>)[property], visit);
        }
    }
}

function visitReferences(node: AstNode, property: string, value: unknown, visit: (reference: ReferenceAt) => void): void {
    if (isReference(value) || isMultiReference(value)) {
        visit({ reference: value, container: node, property });
    } else if (Array.isArray(value)) {
        for (let index = 0; index < value.length; index++) {
            const element: unknown = value[index];
            if (isReference(element) || isMultiReference(element)) {
                visit({ reference: element, container: node, property, index });
            }
        }
    }
}

const NONE: readonly string[] = [];
const UNKNOWN: readonly string[] = [];
const referencePropertiesByType = new Map<string, readonly string[]>();

/**
 * The properties of a type that can hold cross-references, from the grammar's metadata: most types
 * have none, and reading every property of every node to find out was a third of linking a large
 * file. A type the metadata does not know (UNKNOWN) is read in full, property by property.
 */
function referenceProperties(type: string): readonly string[] {
    let properties = referencePropertiesByType.get(type);
    if (properties === undefined) {
        const metaData = (reflection.types as Record<string, { properties: Record<string, { name: string; referenceType?: string }> } | undefined>)[type];
        if (!metaData) {
            properties = UNKNOWN;
        } else {
            const names = Object.values(metaData.properties).filter(property => property.referenceType !== undefined).map(property => property.name);
            properties = names.length === 0 ? NONE : names;
        }
        referencePropertiesByType.set(type, properties);
    }
    return properties;
}

const subtreeReferences = new WeakMap<AstNode, ReferenceAt[]>();

/**
 * Every cross-reference in a node's subtree, in document order (the order of a walk of the whole
 * tree): kept per node, like flatTree, since a parsed subtree never changes. Linking, indexing the
 * references and compiling read a file declaration by declaration through this, so on a keystroke
 * the declarations incremental parsing kept are not walked again for their references.
 */
export function referencesBelow(root: AstNode): readonly ReferenceAt[] {
    // Kept already (a declaration read from its file's list has no flat tree of its own to walk).
    const kept = subtreeReferences.get(root);
    if (kept) {
        return kept;
    }
    const { nodes } = flatTree(root);
    return keptReferences(nodes, 0, nodes.length);
}

/** The references of the subtree at `nodes[start]` (which ends before `end`), kept for that node. */
function keptReferences(nodes: readonly AstNode[], start: number, end: number): readonly ReferenceAt[] {
    let list = subtreeReferences.get(nodes[start]);
    if (!list) {
        list = [];
        for (let index = start; index < end; index++) {
            forEachReference(nodes[index], reference => list!.push(reference));
        }
        subtreeReferences.set(nodes[start], list);
    }
    return list;
}

/**
 * A file's cross-references in document order, in lists: the root's own, then each top-level
 * declaration's (as referencesBelow keeps them; a declaration's nodes are read from the file's list).
 */
export function referencesByDeclaration(root: AstNode): Array<readonly ReferenceAt[]> {
    const own: ReferenceAt[] = [];
    forEachReference(root, reference => own.push(reference));
    const lists: Array<readonly ReferenceAt[]> = [own];
    const { nodes, ends } = flatTree(root);
    for (let index = 1; index < nodes.length; index = ends[index]) {
        lists.push(keptReferences(nodes, index, ends[index]));
    }
    return lists;
}

/**
 * Each reference below a node and what it resolves to now, as one list of pairs (a multi-reference
 * with each of its items). The references are the same objects while the subtree is, so an equal
 * list means each reference resolves as before, whatever order they were linked in.
 */
export function referenceTargets(root: AstNode): unknown[] {
    const list: unknown[] = [];
    for (const { reference } of referencesBelow(root)) {
        pushTarget(list, reference);
    }
    return list;
}

/** Appends a reference and what it resolves to (a multi-reference: each item's target). */
export function pushTarget(list: unknown[], reference: Reference | MultiReference): void {
    if ('ref' in reference) {
        list.push(reference, reference.ref);
    } else {
        list.push(reference, ...reference.items.map(item => item.ref));
    }
}

/** Whether two lists hold the same items, in order (by identity). */
export function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
    return a.length === b.length && a.every((item, index) => item === b[index]);
}
