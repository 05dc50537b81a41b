import type * as Format from '@regelratt/format';
import type * as Ast from '../generated/ast.js';
import { compileCriterion } from './compile-criterion.js';
import { compileQuantity, compileRounding } from './compile-values.js';
import { referenceId } from './element-ids.js';

const operators: Record<Ast.BinaryExpression['operator'], '+' | '-' | '*' | '/'> = { '+': '+', '-': '-', '−': '-', '*': '*', '×': '*', '/': '/' };

/** One compiler per kind of expression node: a new kind is a compile error here until it is handled. */
const compilers: { [K in Ast.Expression['$type']]: (expression: Extract<Ast.Expression, { $type: K }>) => Format.Expression } = {
    BinaryExpression: expression => ({ op: operators[expression.operator], left: compileExpression(expression.left), right: compileExpression(expression.right) }),
    FunctionCall: expression => ({ call: expression.function, args: expression.arguments.map(compileExpression) }),
    QuantityExpression: expression => ({ quantity: compileQuantity(expression.quantity) }),
    NegatedExpression: expression => negated(compileExpression(expression.operand)),
    ReferenceExpression: expression => ({
        ref: referenceId(expression.target),
        ...(expression.column !== undefined ? { column: expression.column } : {}),
        ...(expression.level ? { atLevel: compileExpression(expression.level) } : {}),
    }),
    LevelExpression: () => ({ level: true }),
    RoundedExpression: expression => ({ round: compileExpression(expression.operand), rounding: compileRounding(expression.rounding) }),
    ConditionalExpression: expression => ({ if: compileCriterion(expression.condition), then: compileExpression(expression.then), else: compileExpression(expression.else) }),
};

export function compileExpression(expression: Ast.Expression): Format.Expression {
    return (compilers[expression.$type] as (e: Ast.Expression) => Format.Expression)(expression);
}

/**
 * `−x`: a literal gets its sign (`−5 kr` is the amount −5 kr); anything else is `0 − x`, which the
 * compiled format already says, so a reader of an older minor version reads it too.
 */
function negated(operand: Format.Expression): Format.Expression {
    if ('quantity' in operand) {
        const value = operand.quantity.value;
        const flipped = value.startsWith('-') ? value.slice(1) : /^0(\.0*)?$/.test(value) ? value : `-${value}`;
        return { quantity: { ...operand.quantity, value: flipped } };
    }
    return { op: '-', left: { quantity: { value: '0', unit: 'none' } }, right: operand };
}
