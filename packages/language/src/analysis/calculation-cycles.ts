import { shortestCycle } from '@regelratt/analyses';
import type * as Ast from '../generated/ast.js';
import { isCalculation, isDecisionTable, isReferenceExpression } from '../generated/ast.js';
import { flatTree } from '../utils/ast-walk.js';

/** What a value can depend on: a calculation, or a decision table (whose inputs may read calculations and other tables). */
export type DependencyNode = Ast.Calculation | Ast.DecisionTable;

/** The calculations and decision tables an expression reads directly (none where half-typed text left no expression). */
function dependenciesRead(expression: Ast.Expression | undefined): DependencyNode[] {
    const read: DependencyNode[] = [];
    if (!expression) {
        return read;
    }
    for (const node of flatTree(expression).nodes) {
        if (isReferenceExpression(node)) {
            const target = node.target.ref;
            if (target && (isCalculation(target) || isDecisionTable(target))) {
                read.push(target);
            }
        }
    }
    return read;
}

/**
 * What a node reads directly: a calculation the calculations and tables its formula names; a table
 * the tables and calculations its chained input columns read (DMN's information requirements).
 */
export function dependencies(node: DependencyNode): DependencyNode[] {
    if (isCalculation(node)) {
        return dependenciesRead(node.value);
    }
    return (node.header?.inputs ?? []).flatMap(input => {
        const upstream = input.table?.ref ?? input.calculation?.ref;
        return upstream ? [upstream] : [];
    });
}

/**
 * The shortest chain by which a calculation or decision table reads itself (`a → b → a`), through
 * calculations and decision tables alike, or undefined: the analyses' shortestCycle over the AST's
 * references.
 */
export function dependencyCycle(start: DependencyNode): DependencyNode[] | undefined {
    return shortestCycle(start, dependencies);
}

/** A calculation's cycle (see dependencyCycle): through other calculations and the decision tables they read. */
export function calculationCycle(start: Ast.Calculation): DependencyNode[] | undefined {
    return dependencyCycle(start);
}
