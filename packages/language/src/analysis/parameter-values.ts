import { ExactNumber } from '@regelratt/format';
import type * as Ast from '../generated/ast.js';
import { dayBefore } from './days.js';
import { isBinaryExpression, isFunctionCall, isParameter, isQuantityExpression, isReferenceExpression } from '../generated/ast.js';

/** Versions of a parameter in date order, each with the last day it is in force (undefined: open-ended). */
export function versionSpans(parameter: Ast.Parameter): Array<{ version: Ast.ParameterVersion; from: string; to?: string }> {
    const sorted = [...parameter.versions].sort((a, b) => a.from.localeCompare(b.from));
    return sorted.map((version, index) => {
        // Without `till`, a version lasts until the day before the next one starts.
        const next = sorted[index + 1];
        const to = version.to ?? (next ? dayBefore(next.from) : undefined);
        return { version, from: version.from, to };
    });
}

export function parameterValueAt(parameter: Ast.Parameter, date: string): ExactNumber | undefined {
    const span = versionSpans(parameter).find(s => s.from <= date && (s.to === undefined || date <= s.to));
    return span ? ExactNumber.parse(span.version.value.value) : undefined;
}

export type ExpressionValue =
    | { kind: 'value'; value: ExactNumber }
    /** The expression reads an attribute of the citizen, so it has no single value. */
    | { kind: 'attribute' }
    | { kind: 'missing'; parameter: Ast.Parameter };

/** Evaluates a formula exactly on a date, with each parameter's value in force that day. */
export function evaluateAt(expression: Ast.Expression, date: string): ExpressionValue {
    if (isQuantityExpression(expression)) {
        return { kind: 'value', value: ExactNumber.parse(expression.quantity.value) };
    }
    if (isReferenceExpression(expression)) {
        const target = expression.target.ref;
        if (!target || !isParameter(target)) {
            return { kind: 'attribute' };
        }
        const value = parameterValueAt(target, date);
        return value ? { kind: 'value', value } : { kind: 'missing', parameter: target };
    }
    const parts = isBinaryExpression(expression) ? [expression.left, expression.right] : isFunctionCall(expression) ? expression.arguments : [];
    const values: ExactNumber[] = [];
    for (const part of parts) {
        const value = evaluateAt(part, date);
        if (value.kind !== 'value') {
            return value;
        }
        values.push(value.value);
    }
    if (isFunctionCall(expression)) {
        return { kind: 'value', value: expression.function === 'min' ? ExactNumber.min(...values) : ExactNumber.max(...values) };
    }
    if (isBinaryExpression(expression)) {
        const [left, right] = values;
        switch (expression.operator) {
            case '+': return { kind: 'value', value: left.add(right) };
            case '-': case '−': return { kind: 'value', value: left.subtract(right) };
            case '*': case '×': return { kind: 'value', value: left.multiply(right) };
            case '/': return right.equals(ExactNumber.ZERO) ? { kind: 'attribute' } : { kind: 'value', value: left.divide(right) };
        }
    }
    return { kind: 'attribute' };
}

/** The parameters a formula reads. */
export function parametersRead(expression: Ast.Expression): Ast.Parameter[] {
    if (isReferenceExpression(expression)) {
        const target = expression.target.ref;
        return target && isParameter(target) ? [target] : [];
    }
    if (isBinaryExpression(expression)) {
        return [...parametersRead(expression.left), ...parametersRead(expression.right)];
    }
    if (isFunctionCall(expression)) {
        return expression.arguments.flatMap(parametersRead);
    }
    return [];
}
