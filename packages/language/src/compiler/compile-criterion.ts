import type * as Format from '@regelratt/format';
import type * as Ast from '../generated/ast.js';
import { isBooleanLiteral, isComparison, isConjunction, isDateLiteral, isDisjunction, isEnumerationLiteral, isNegation, isNumberLiteral } from '../generated/ast.js';
import { referenceId } from './element-ids.js';
import { criterionChain } from './criterion-chain.js';

/** Every spelling of a comparison, keyed by the grammar's own union, to the compiled operator. */
export const comparisonOperators: Record<Ast.ComparisonOperator, Format.ComparisonOperator> = {
    '=': '=', '≠': '!=', '!=': '!=', '<': '<', '<=': '<=', '≤': '<=', '>': '>', '>=': '>=', '≥': '>=',
};

/** Criteria compile to a small tree; chains of `och` / `eller` become flat `all` / `any` lists. */
export function compileCriterion(criterion: Ast.Criterion): Format.Criterion {
    if (isConjunction(criterion)) {
        return { all: criterionChain(criterion).map(compileCriterion) };
    }
    if (isDisjunction(criterion)) {
        return { any: criterionChain(criterion).map(compileCriterion) };
    }
    if (isNegation(criterion)) {
        return { not: compileCriterion(criterion.operand) };
    }
    if (isComparison(criterion)) {
        return compileComparison(criterion);
    }
    throw new Error(`Unknown criterion ${(criterion as Ast.Criterion).$type}`);
}

function compileComparison(comparison: Ast.Comparison): Format.Criterion {
    const attribute = referenceId(comparison.attribute);
    if (comparison.range) {
        return { attribute, between: { min: comparison.range.min, max: comparison.range.max } };
    }
    if (comparison.members.length > 0) {
        return { attribute, in: comparison.members.map(compileLiteral) };
    }
    if (comparison.value && comparison.operator) {
        return { attribute, op: comparisonOperators[comparison.operator], value: compileLiteral(comparison.value) };
    }
    return { attribute, test: true };
}

export function compileLiteral(literal: Ast.Literal): Format.Literal {
    if (isNumberLiteral(literal)) {
        return { number: literal.value, ...(literal.unit ? { unit: literal.unit } : {}) };
    }
    if (isDateLiteral(literal)) {
        return { date: literal.value };
    }
    if (isBooleanLiteral(literal)) {
        return { boolean: literal.value === 'ja' };
    }
    if (isEnumerationLiteral(literal)) {
        return { enumeration: literal.value.ref?.name ?? literal.value.$refText };
    }
    throw new Error(`Unknown literal ${(literal as Ast.Literal).$type}`);
}
