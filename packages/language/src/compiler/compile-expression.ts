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
