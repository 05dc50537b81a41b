import type { RegelrattAstType } from '../generated/ast.js';

/** One handler per AST type of a union (`Ast.Criterion['$type']`), each given its own node type. */
export type AstHandlers<T extends keyof RegelrattAstType, A extends unknown[], R> = { [K in T]: (node: RegelrattAstType[K], ...args: A) => R };

/**
 * The handler of a node's AST type called on it. Generic over the type so that the handler looked up
 * and the node passed to it are known to agree (TypeScript's correlated-union pattern), without a cast;
 * a table missing a type of the union is a compile error where it is declared.
 */
export function dispatchAst<T extends keyof RegelrattAstType, A extends unknown[], R>(
    handlers: AstHandlers<T, A, R>, node: RegelrattAstType[T] & { $type: T }, ...args: A
): R {
    const type: T = node.$type;
    return handlers[type](node, ...args);
}

/**
 * Whether a table keyed by AST types has an entry of its own for a node's type (never one of
 * Object.prototype's), narrowing the type to the table's keys: how a table covering some of the
 * AST's types is looked up with any node's type, without a cast.
 */
export function hasEntry<O extends object>(table: O, key: PropertyKey): key is keyof O {
    return Object.hasOwn(table, key);
}
