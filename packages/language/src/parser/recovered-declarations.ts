import type { IToken } from 'chevrotain';
import type { AstNode } from 'langium';
import type { Policy } from '../generated/ast.js';

/** Declarations the parser made of clauses inside a block it skipped while recovering from an error. */
const recovered = new WeakSet<AstNode>();

/**
 * Whether a top-level declaration is an artefact of error recovery: after an error the parser skips
 * to the next word that can begin a declaration, which may be a clause inside the broken block
 * (`insats hemvård` inside a misspelt `nivåtabel … { … }`). Such a "declaration" repeats a name
 * declared elsewhere, and reporting it as a duplicate sends the writer to a correct line; it is left
 * out of the workspace's names (RegelrattScopeComputation) and the syntax error stands alone.
 */
export function isRecoveredDeclaration(node: AstNode): boolean {
    return recovered.has(node);
}

/**
 * Marks the declarations that begin inside a block whose closing brace no declaration took: the
 * brace was skipped, so the block was not parsed as one and everything in it is part of the error.
 * A block left open to the end of the file marks nothing (what follows it may be real declarations).
 * Called for a parse with errors only; the tree itself is Langium's, unchanged.
 */
export function markRecoveredDeclarations(policy: Policy, tokens: readonly IToken[]): void {
    const spans = policy.elements.flatMap(element => (element.$cstNode ? [{ element, start: element.$cstNode.offset, end: element.$cstNode.end }] : []));
    const open: number[] = [];
    const skippedBlocks: Array<[number, number]> = [];
    let span = 0;
    for (const token of tokens) {
        if (token.image !== '{' && token.image !== '}') {
            continue;
        }
        while (span < spans.length && spans[span].end <= token.startOffset) {
            span++;
        }
        const taken = span < spans.length && spans[span].start <= token.startOffset;
        if (token.image === '{') {
            open.push(token.startOffset);
        } else {
            const from = open.pop();
            if (from !== undefined && !taken) {
                skippedBlocks.push([from, token.startOffset]);
            }
        }
    }
    for (const { element, start } of spans) {
        if (skippedBlocks.some(([from, to]) => from < start && start < to)) {
            recovered.add(element);
        }
    }
}
