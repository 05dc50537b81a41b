import type * as Ast from '../generated/ast.js';
import { isConjunction, isDisjunction } from '../generated/ast.js';

/**
 * The parts of an `och` / `eller` chain in source order: `a och b och c` parses as a left-nested
 * tree as deep as the chain is long, and compiles to one flat `all` list. Findings name parts by
 * their index in this list, so the compiler and the analyses must flatten the same way; both call
 * this. Iterative, and remembered per node, so that a chain of a thousand parts with a finding on
 * each stays linear (a recursive spread was cubic, and deep enough recursion overflows the stack).
 */
export function criterionChain(node: Ast.Conjunction | Ast.Disjunction): readonly Ast.Criterion[] {
    let parts = chains.get(node);
    if (!parts) {
        parts = [];
        const stack: Ast.Criterion[] = [node];
        while (stack.length > 0) {
            const current = stack.pop()!;
            if ((isConjunction(current) || isDisjunction(current)) && current.$type === node.$type) {
                stack.push(current.right, current.left);
            } else {
                parts.push(current);
            }
        }
        chains.set(node, parts);
    }
    return parts;
}

// Keyed weakly by the AST node: a document's nodes are replaced on each edit, and their chains go with them.
const chains = new WeakMap<Ast.Criterion, Ast.Criterion[]>();
