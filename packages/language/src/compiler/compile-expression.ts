import type * as Format from '@regelratt/format';
import { ExactNumber } from '@regelratt/format';
import type * as Ast from '../generated/ast.js';
import { analyseUnits } from '../analysis/expression-units.js';
import { dispatchAst, type AstHandlers } from '../utils/ast-dispatch.js';
import { compileCriterion } from './compile-criterion.js';
import { compileQuantity, compileRounding } from './compile-values.js';
import { referenceId } from './element-ids.js';

const operators: Record<Ast.BinaryExpression['operator'], '+' | '-' | '*' | '/'> = { '+': '+', '-': '-', '−': '-', '*': '*', '×': '*', '/': '/' };

type Scales = ReadonlyMap<Ast.Expression, ExactNumber>;

/** One compiler per kind of expression node: a new kind is a compile error here until it is handled. */
const compilers: AstHandlers<Ast.Expression['$type'], [scales: Scales], Format.Expression> = {
    BinaryExpression: (expression, scales) => ({ op: operators[expression.operator], left: compile(expression.left, scales), right: compile(expression.right, scales) }),
    FunctionCall: (expression, scales) => ({ call: expression.function, args: expression.arguments.map(argument => compile(argument, scales)) }),
    QuantityExpression: expression => ({ quantity: compileQuantity(expression.quantity) }),
    NegatedExpression: (expression, scales) => negated(compile(expression.operand, scales)),
    ReferenceExpression: (expression, scales) => ({
        ref: referenceId(expression.target),
        ...(expression.column !== undefined ? { column: expression.column } : {}),
        ...(expression.level ? { atLevel: compile(expression.level, scales) } : {}),
    }),
    LevelExpression: () => ({ level: true }),
    RoundedExpression: (expression, scales) => ({ round: compile(expression.operand, scales), rounding: compileRounding(expression.rounding) }),
    // The conversion is the factor the unit analysis put on the operand; the node itself adds nothing.
    ConvertedExpression: (expression, scales) => compile(expression.operand, scales),
    ConditionalExpression: (expression, scales) => ({ if: compileCriterion(expression.condition), then: compile(expression.then, scales), else: compile(expression.else, scales) }),
};

/**
 * A formula as the runtime computes it. Times in different units (`2 timmar + 40 minuter`, a weekly
 * time added to a monthly one) are brought into one unit by the exact factors the unit analysis
 * finds, written into the formula as `× n` or `× (n / d)`: the runtime knows nothing of units.
 */
export function compileExpression(expression: Ast.Expression): Format.Expression {
    return compile(expression, analyseUnits(expression, 'sv').scales);
}

function compile(expression: Ast.Expression, scales: Scales): Format.Expression {
    const compiled = dispatchAst(compilers, expression, scales);
    const scale = scales.get(expression);
    return scale ? scaled(compiled, scale) : compiled;
}

/** `x × n`, or `x × (n / d)` where the factor is no whole number (a week in months); see scaleDivides. */
function scaled(compiled: Format.Expression, scale: ExactNumber): Format.Expression {
    const numerator: Format.Expression = { quantity: { value: scale.numerator.toString(), unit: 'none' } };
    const factor: Format.Expression = scaleDivides(scale)
        ? { op: '/', left: numerator, right: { quantity: { value: scale.denominator.toString(), unit: 'none' } } }
        : numerator;
    return { op: '*', left: compiled, right: factor };
}

/** A constant as written times an exact factor (a limit in its calculation's unit). */
export function scaledConstant(value: string, scale: ExactNumber): Format.Expression {
    const constant: Format.Expression = { quantity: { value, unit: 'none' } };
    return scale.equals(ExactNumber.ONE) ? constant : scaled(constant, scale);
}

/** Whether the compiled factor of a scale has a division of its own (after the scaled node's, in the compiled order). */
export function scaleDivides(scale: ExactNumber): boolean {
    return scale.denominator !== 1n;
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
