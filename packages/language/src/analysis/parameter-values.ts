import { ExactNumber } from '@regelratt/format';
import type * as Ast from '../generated/ast.js';
import { dayBefore } from './days.js';
import { isBinaryExpression, isCalculation, isFunctionCall, isNegatedExpression, isParameter, isQuantityExpression, isReferenceExpression, isRoundedExpression } from '../generated/ast.js';
import { compileRounding } from '../compiler/compile-values.js';
import { flatTree } from '../utils/ast-walk.js';

/** Versions of a parameter in date order, each with the last day it is in force (undefined: open-ended). */
export function versionSpans(parameter: Ast.Parameter): Array<{ version: Ast.ParameterVersion; from: string; to?: string }> {
    // A version half-typed without its date is the parser's to report; the spans are of the complete ones.
    const sorted = parameter.versions.filter(version => version.from !== undefined && version.value !== undefined).sort((a, b) => a.from.localeCompare(b.from));
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
    /** The expression reads the citizen or the case (an attribute, the level, a choice on a criterion), so it has no single value. */
    | { kind: 'attribute' }
    | { kind: 'missing'; parameter: Ast.Parameter };

/**
 * Evaluates a formula exactly on a date, with each parameter's value in force that day, through named
 * calculations and rounding steps, with the same arithmetic and rounding (`ExactNumber`) as the runtime.
 */
export function evaluateAt(expression: Ast.Expression | undefined, date: string, visiting = new Set<Ast.Calculation>()): ExpressionValue {
    if (!expression) {
        return { kind: 'attribute' };
    }
    if (isQuantityExpression(expression)) {
        // As in the runtime: `70 %` in a formula is the share 0,7.
        const value = ExactNumber.parse(expression.quantity.value);
        return { kind: 'value', value: expression.quantity.unit?.percent ? value.divide(ExactNumber.of(100n)) : value };
    }
    if (isReferenceExpression(expression)) {
        const target = expression.target.ref;
        if (target && isParameter(target)) {
            const value = parameterValueAt(target, date);
            if (!value) {
                return { kind: 'missing', parameter: target };
            }
            return { kind: 'value', value: target.type === 'procent' ? value.divide(ExactNumber.of(100n)) : value };
        }
        if (target && isCalculation(target) && !visiting.has(target)) {
            visiting.add(target);
            const value = evaluateAt(target.value, date, visiting);
            visiting.delete(target);
            return value;
        }
        return { kind: 'attribute' };
    }
    if (isRoundedExpression(expression)) {
        const operand = evaluateAt(expression.operand, date, visiting);
        return operand.kind === 'value' ? { kind: 'value', value: operand.value.round(compileRounding(expression.rounding)) } : operand;
    }
    if (isNegatedExpression(expression)) {
        const operand = evaluateAt(expression.operand, date, visiting);
        return operand.kind === 'value' ? { kind: 'value', value: operand.value.negate() } : operand;
    }
    const parts = isBinaryExpression(expression) ? [expression.left, expression.right] : isFunctionCall(expression) ? expression.arguments : [];
    if (parts.length === 0) {
        return { kind: 'attribute' }; // the level, a choice on the citizen
    }
    const values: ExactNumber[] = [];
    for (const part of parts) {
        const value = evaluateAt(part, date, visiting);
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

/** The parameters a formula reads, through the named calculations it uses. */
export function parametersRead(expression: Ast.Expression | undefined, visiting = new Set<Ast.Calculation>()): Ast.Parameter[] {
    if (!expression) {
        return [];
    }
    const read: Ast.Parameter[] = [];
    for (const node of flatTree(expression).nodes) {
        if (isReferenceExpression(node)) {
            const target = node.target.ref;
            if (target && isParameter(target)) {
                read.push(target);
            } else if (target && isCalculation(target) && !visiting.has(target)) {
                visiting.add(target);
                read.push(...parametersRead(target.value, visiting));
            }
        }
    }
    return [...new Set(read)];
}
