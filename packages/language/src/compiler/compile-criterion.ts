import type * as Format from '@regelratt/format';
import type * as Ast from '../generated/ast.js';
import { dispatchAst, type AstHandlers } from '../utils/ast-dispatch.js';
import { referenceId } from './element-ids.js';
import { criterionChain } from './criterion-chain.js';

/** Every spelling of a comparison, keyed by the grammar's own union, to the compiled operator. */
export const comparisonOperators: Record<Ast.ComparisonOperator, Format.ComparisonOperator> = {
    '=': '=', '≠': '!=', '!=': '!=', '<': '<', '<=': '<=', '≤': '<=', '>': '>', '>=': '>=', '≥': '>=',
};

/** One compiler per kind of criterion node: a new kind is a compile error here until it is handled. */
const criterionCompilers: AstHandlers<Ast.Criterion['$type'], [], Format.Criterion> = {
    Conjunction: criterion => ({ all: criterionChain(criterion).map(compileCriterion) }),
    Disjunction: criterion => ({ any: criterionChain(criterion).map(compileCriterion) }),
    Negation: criterion => ({ not: compileCriterion(criterion.operand) }),
    Comparison: criterion => compileComparison(criterion),
};

/** Criteria compile to a small tree; chains of `och` / `eller` become flat `all` / `any` lists. */
export function compileCriterion(criterion: Ast.Criterion): Format.Criterion {
    return dispatchAst(criterionCompilers, criterion);
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

const literalCompilers: AstHandlers<Ast.Literal['$type'], [], Format.Literal> = {
    NumberLiteral: literal => ({ number: literal.value, ...(literal.unit ? { unit: literal.unit } : {}) }),
    DateLiteral: literal => ({ date: literal.value }),
    BooleanLiteral: literal => ({ boolean: literal.value === 'ja' }),
    EnumerationLiteral: literal => ({ enumeration: literal.value.ref?.name ?? literal.value.$refText }),
};

export function compileLiteral(literal: Ast.Literal): Format.Literal {
    return dispatchAst(literalCompilers, literal);
}
