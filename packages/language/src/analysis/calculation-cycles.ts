import type * as Ast from '../generated/ast.js';
import { isCalculation, isReferenceExpression } from '../generated/ast.js';
import { flatTree } from '../utils/ast-walk.js';

/** The calculations an expression reads directly (none where half-typed text left no expression). */
export function calculationsRead(expression: Ast.Expression | undefined): Ast.Calculation[] {
    const read: Ast.Calculation[] = [];
    if (!expression) {
        return read;
    }
    for (const node of flatTree(expression).nodes) {
        if (isReferenceExpression(node)) {
            const target = node.target.ref;
            if (target && isCalculation(target)) {
                read.push(target);
            }
        }
    }
    return read;
}

/**
 * The shortest chain by which a calculation reads itself (`a → b → a`), or undefined. A calculation
 * that depends on itself has no value; the runtime would refuse it on every question.
 */
export function calculationCycle(start: Ast.Calculation): Ast.Calculation[] | undefined {
    // Breadth first, so the chain reported is the shortest one.
    const previous = new Map<Ast.Calculation, Ast.Calculation>();
    let frontier = [start];
    while (frontier.length > 0) {
        const next: Ast.Calculation[] = [];
        for (const calculation of frontier) {
            for (const read of calculationsRead(calculation.value)) {
                if (read === start) {
                    const chain = [calculation];
                    while (chain[0] !== start) {
                        chain.unshift(previous.get(chain[0])!);
                    }
                    return [...chain, start];
                }
                if (!previous.has(read)) {
                    previous.set(read, calculation);
                    next.push(read);
                }
            }
        }
        frontier = next;
    }
    return undefined;
}
