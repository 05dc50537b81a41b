import { CstNodeBuilder, type CompositeCstNode, type CstNode, type RootCstNode } from 'langium';
import type { IToken } from 'chevrotain';

/**
 * Langium's CST builder, attaching hidden tokens (comments) in time and stack space that do not grow
 * with the file. Langium attaches the comments before a token with `content.push(...nodes)` or
 * `content.splice(index, 0, ...nodes)`, every node an argument on the stack: some 120 000 comment
 * lines in a row overflowed Node 20's default stack and the file could not be parsed at all. And it
 * finds where a new declaration sits in the file's list of declarations with `indexOf` from the
 * front, once per declaration: 150 000 declarations took minutes. The content and containers that
 * result are Langium's (packages/language/test/regelratt-parser.test.ts compares the trees).
 */
export class RegelrattCstNodeBuilder extends CstNodeBuilder {
    private root: RootCstNode | undefined;

    override buildRootNode(input: string): RootCstNode {
        this.root = super.buildRootNode(input);
        return this.root;
    }

    /** Langium's addHiddenNodes, searching a container's content from the end, where a node just built sits. */
    override addHiddenNodes(tokens: IToken[]): void {
        const nodes: CstNode[] = tokens.map(token => this.createLeafNode(token, true));
        let current: CompositeCstNode = this.current;
        if (current.content.length > 0) {
            this.appendChildren(current, nodes);
            return;
        }
        while (current.container) {
            const index = current.container.content.lastIndexOf(current);
            if (index > 0) {
                this.insertChildren(current.container, index, nodes);
                return;
            }
            current = current.container;
        }
        this.insertChildren(this.root ?? current, 0, nodes);
    }

    override appendChildren(parent: CompositeCstNode, children: CstNode[]): void {
        if (parent.content.length === 0) {
            // As Langium: a copy has a backing store of exact capacity, pushing into [] over-allocates.
            adopt(parent, children);
            (parent as { content: readonly CstNode[] }).content = children.slice();
            return;
        }
        this.insertChildren(parent, parent.content.length, children);
    }

    override insertChildren(parent: CompositeCstNode, index: number, children: CstNode[]): void {
        adopt(parent, children);
        // In place, moving only what follows the insertion point, as splice would.
        const content = parent.content as CstNode[];
        const tail = content.length - index;
        content.length += children.length;
        content.copyWithin(index + children.length, index, index + tail);
        for (let i = 0; i < children.length; i++) {
            content[index + i] = children[i];
        }
    }
}

function adopt(parent: CompositeCstNode, children: readonly CstNode[]): void {
    for (const child of children) {
        (child as { container?: CompositeCstNode }).container = parent;
    }
}
