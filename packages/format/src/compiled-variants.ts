import type { Criterion, Expression } from './compiled-policy.js';
import type { ExactNumber } from './exact-number.js';

/**
 * The variants of the compiled expression and criterion forms, each named by the property only it
 * has, and a dispatch over them with one handler per variant. A walk written with `matchExpression`
 * or `matchCriterion` is a compile error until it handles a new variant, instead of a chain of
 * `'op' in e` tests that sends the new variant down whichever branch comes last.
 */

/** The property that tells each expression variant apart. */
export type ExpressionVariant = 'quantity' | 'ref' | 'level' | 'op' | 'call' | 'round' | 'if';
export type ExpressionOf<V extends ExpressionVariant> = V extends ExpressionVariant ? Extract<Expression, Record<V, unknown>> : never;

/** The property that tells each criterion variant apart. */
export type CriterionVariant = 'all' | 'any' | 'not' | 'test' | 'op' | 'in' | 'between' | 'against';
export type CriterionOf<V extends CriterionVariant> = V extends CriterionVariant ? Extract<Criterion, Record<V, unknown>> : never;

// Each union is covered by its variant names: a new variant fails to compile here first.
type Complete<Union, Named> = [Exclude<Union, Named>] extends [never] ? true : false;
const expressionsComplete: Complete<Expression, ExpressionOf<ExpressionVariant>> = true;
const criteriaComplete: Complete<Criterion, CriterionOf<CriterionVariant>> = true;
void expressionsComplete;
void criteriaComplete;

const EXPRESSION_VARIANTS = ['quantity', 'ref', 'level', 'op', 'call', 'round', 'if'] as const satisfies readonly ExpressionVariant[];
const CRITERION_VARIANTS = ['all', 'any', 'not', 'test', 'op', 'in', 'between', 'against'] as const satisfies readonly CriterionVariant[];

export type ExpressionHandlers<R> = { [V in ExpressionVariant]: (expression: ExpressionOf<V>) => R };
export type CriterionHandlers<R> = { [V in CriterionVariant]: (criterion: CriterionOf<V>) => R };

export function expressionVariant(expression: Expression): ExpressionVariant {
    for (const variant of EXPRESSION_VARIANTS) {
        if (variant in expression) {
            return variant;
        }
    }
    throw new TypeError(`Not a compiled expression: ${Object.keys(expression).join(', ')}`);
}

export function criterionVariant(criterion: Criterion): CriterionVariant {
    for (const variant of CRITERION_VARIANTS) {
        if (variant in criterion) {
            return variant;
        }
    }
    throw new TypeError(`Not a compiled criterion: ${Object.keys(criterion).join(', ')}`);
}

/** The handler of the expression's variant, applied to it. */
export function matchExpression<R>(expression: Expression, handlers: ExpressionHandlers<R>): R {
    return (handlers[expressionVariant(expression)] as (e: Expression) => R)(expression);
}

/** The handler of the criterion's variant, applied to it. */
export function matchCriterion<R>(criterion: Criterion, handlers: CriterionHandlers<R>): R {
    return (handlers[criterionVariant(criterion)] as (c: Criterion) => R)(criterion);
}

/**
 * Whether an expression is of the one variant a walk cares about (`isExpression(e, 'op') && e.op === '/'`).
 * For a walk that treats every variant, `matchExpression`: it does not compile until a new one is handled.
 */
export function isExpression<V extends ExpressionVariant>(expression: Expression, variant: V): expression is ExpressionOf<V> {
    return variant in expression;
}

/** Whether a criterion is of the one variant a walk cares about; for every variant, `matchCriterion`. */
export function isCriterion<V extends CriterionVariant>(criterion: Criterion, variant: V): criterion is CriterionOf<V> {
    return variant in criterion;
}

/** The criteria that compare one attribute with a literal (or test a yes/no): no parts, no named value. */
export type ComparisonVariant = 'test' | 'op' | 'in' | 'between';
export type Comparison = CriterionOf<ComparisonVariant>;
export type ComparisonHandlers<R> = { [V in ComparisonVariant]: (criterion: CriterionOf<V>) => R };

/** The handler of a comparison's variant, applied to it: a criterion walk's leaves, once its parts and `against` are handled. */
export function matchComparison<R>(comparison: Comparison, handlers: ComparisonHandlers<R>): R {
    return (handlers[criterionVariant(comparison) as ComparisonVariant] as (c: Comparison) => R)(comparison);
}

/**
 * Every reference a formula makes (`ref` nodes, those inside a `vid nivå` too), in reading order; the
 * criteria of its choices are not formulas and are not entered.
 */
export function forEachReference(expression: Expression, onReference: (reference: ExpressionOf<'ref'>) => void): void {
    forEachExpression(expression, node => {
        if (expressionVariant(node) === 'ref') {
            onReference(node as ExpressionOf<'ref'>);
        }
    });
}

/** Every node of a formula, each before those inside it, in reading order (a `vid nivå` formula after its reference). */
export function forEachExpression(expression: Expression, onNode: (node: Expression) => void): void {
    onNode(expression);
    const visit = (e: Expression) => forEachExpression(e, onNode);
    matchExpression<void>(expression, {
        quantity: () => undefined,
        level: () => undefined,
        ref: reference => reference.atLevel && visit(reference.atLevel),
        op: operation => {
            visit(operation.left);
            visit(operation.right);
        },
        call: call => call.args.forEach(visit),
        round: rounded => visit(rounded.round),
        if: choice => {
            visit(choice.then);
            visit(choice.else);
        },
    });
}

/** The named values (`against.ref`: parameters, attributes) a criterion compares with, in order. */
export function againstReferences(criterion: Criterion): string[] {
    return matchCriterion<string[]>(criterion, {
        all: c => c.all.flatMap(againstReferences),
        any: c => c.any.flatMap(againstReferences),
        not: c => againstReferences(c.not),
        test: () => [],
        op: () => [],
        in: () => [],
        between: () => [],
        against: c => [c.against.ref],
    });
}

/**
 * A cell's criterion with each parameter it names replaced by its value in `values` (`> maxtaxa`
 * becomes `> 2540`); undefined where it names a value `values` lacks (another attribute).
 */
export function withBoundValues(criterion: Criterion, values: ReadonlyMap<string, ExactNumber>): Criterion | undefined {
    const parts = (list: readonly Criterion[]) => {
        const replaced = list.map(part => withBoundValues(part, values));
        return replaced.every((part): part is Criterion => part !== undefined) ? replaced : undefined;
    };
    return matchCriterion<Criterion | undefined>(criterion, {
        all: c => {
            const all = parts(c.all);
            return all && { all };
        },
        any: c => {
            const any = parts(c.any);
            return any && { any };
        },
        not: c => {
            const not = withBoundValues(c.not, values);
            return not && { not };
        },
        test: c => c,
        op: c => c,
        in: c => c,
        between: c => c,
        against: c => {
            const value = values.get(c.against.ref);
            return value && { attribute: c.attribute, op: c.against.op, value: { number: value.toDecimal() } };
        },
    });
}
