import type * as Format from '@regelratt/format';
import type * as Ast from '../generated/ast.js';
import { isBinaryExpression, isFunctionCall, isQuantityExpression, isReferenceExpression } from '../generated/ast.js';
import { compileQuantity } from './compile-values.js';
import { referenceId } from './element-ids.js';

const operators: Record<string, '+' | '-' | '*' | '/'> = { '+': '+', '-': '-', '−': '-', '*': '*', '×': '*', '/': '/' };

export function compileExpression(expression: Ast.Expression): Format.Expression {
    if (isBinaryExpression(expression)) {
        return { op: operators[expression.operator], left: compileExpression(expression.left), right: compileExpression(expression.right) };
    }
    if (isFunctionCall(expression)) {
        return { call: expression.function, args: expression.arguments.map(compileExpression) };
    }
    if (isQuantityExpression(expression)) {
        return { quantity: compileQuantity(expression.quantity) };
    }
    if (isReferenceExpression(expression)) {
        return { ref: referenceId(expression.target) };
    }
    throw new Error(`Unknown expression ${(expression as Ast.Expression).$type}`);
}
