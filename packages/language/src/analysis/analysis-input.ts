import type { Criterion } from '@regelratt/format';
import type * as Ast from '../generated/ast.js';
import { isComparison, isEnumerationLiteral } from '../generated/ast.js';
import { compileCriterion } from '../compiler/compile-criterion.js';
import { criterionChain } from '../compiler/criterion-chain.js';
import { isNumericType, literalFits } from '../validation/literal-fits.js';
import { elementId } from '../compiler/element-ids.js';
import { flatTree } from '../utils/ast-walk.js';
import { attributeDomain } from './attribute-domain.js';
import type { AnalysedAttribute } from '@regelratt/analyses';

/**
 * The criteria of some AST nodes in the analyses' terms, with the domains of the attributes they
 * read. Undefined when a reference is unresolved or a comparison is ill-typed: those are reported
 * by the ordinary checks, and analysing around them would only add noise.
 */
export interface AnalysisInput {
    criteria: Criterion[];
    attributes: Map<string, AnalysedAttribute>;
}

export function analysisInput(criteria: readonly Ast.Criterion[]): AnalysisInput | undefined {
    const attributes = new Map<string, AnalysedAttribute>();
    // Half-typed text leaves parts out (`a och }`); the parser reports it, the analyses wait for it.
    if (!criteria.every(isComplete)) {
        return undefined;
    }
    for (const criterion of criteria) {
        // The criterion and every node below it (a kept list: Langium's stream cost a fifth of this function).
        for (const node of flatTree(criterion).nodes) {
            if (isComparison(node)) {
                const attribute = node.attribute?.ref;
                if (!attribute?.type || !wellTyped(node, attribute)) {
                    return undefined;
                }
                const id = elementId(attribute);
                attributes.set(id, { id, name: attribute.name, domain: attributeDomain(attribute) });
            } else if (isEnumerationLiteral(node) && !node.value.ref) {
                return undefined;
            }
        }
    }
    return { criteria: criteria.map(compileCriterion), attributes };
}

/** Whether every part of a criterion is there: both sides of each `och` and `eller`, an operand for each `inte`, an attribute for each comparison. */
export function isComplete(criterion: Ast.Criterion | undefined): boolean {
    if (!criterion) {
        return false;
    }
    switch (criterion.$type) {
        case 'Conjunction':
        case 'Disjunction':
            return isComplete(criterion.left) && isComplete(criterion.right);
        case 'Negation':
            return isComplete(criterion.operand);
        case 'Comparison':
            return criterion.attribute !== undefined && (criterion.operator === undefined || criterion.value !== undefined);
        default:
            return false; // a node the parser recovered without its own type
    }
}

/** The comparisons the type checks accept (they report the rest). */
function wellTyped(comparison: Ast.Comparison, attribute: Ast.Attribute): boolean {
    const type = attribute.type;
    const literals = comparison.value ? [comparison.value] : comparison.members;
    if (comparison.range) {
        return isNumericType(type);
    }
    if (literals.length === 0) {
        return type.$type === 'BooleanType';
    }
    const ordered = comparison.operator !== undefined && !['=', '≠', '!='].includes(comparison.operator);
    const unordered = type.$type === 'BooleanType' || type.$type === 'EnumerationType';
    return !(ordered && unordered) && literals.every(literal => literalFits(type, literal));
}

/**
 * The AST node behind a part of a compiled criterion, found by the same path of indices: compiled
 * `all` / `any` lists are the flattened `och` / `eller` chains, in source order.
 */
export function astPart(criterion: Ast.Criterion, path: readonly number[]): Ast.Criterion {
    let node = criterion;
    for (const index of path) {
        if (node.$type === 'Conjunction' || node.$type === 'Disjunction') {
            node = criterionChain(node)[index];
        } else if (node.$type === 'Negation') {
            node = node.operand;
        }
    }
    return node;
}

/** The criterion as its writer wrote it, for messages. */
export function criterionText(criterion: Ast.Criterion): string {
    return (criterion.$cstNode?.text ?? '').replace(/\s+/g, ' ').trim();
}
