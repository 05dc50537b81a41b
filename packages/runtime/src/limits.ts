import { answerUnitText, matchExpression, type Calculation, type ExactNumber, type Expression } from '@regelratt/format';
import type { PolicySet } from './policy-set.js';
import { runtimeError } from './runtime-error.js';

/**
 * Refuses a calculation's value outside a limit its policy states (`högst 8 timmar per månad`): the
 * answer would break the guideline, so it is no answer. `limitValue` evaluates a compiled limit (a
 * constant in the calculation's unit) with the runtime's evaluator; the comparison is ExactNumber's.
 */
export function keepLimits(calculation: Calculation, value: ExactNumber, limitValue: (limit: Expression) => ExactNumber): void {
    for (const limit of calculation.limits ?? []) {
        const bound = limitValue(limit.value);
        const order = value.compare(bound);
        if (limit.bound === 'at-most' ? order > 0 : order < 0) {
            const unit = answerUnitText(calculation.unit);
            throw runtimeError('outside-limit', { name: calculation.title ?? calculation.name, value: value.toDecimal(4), unit, limit: limit.text },
                { calculation: calculation.id, value: value.toDecimal(), limit: limit.text });
        }
    }
}

const reaching = new WeakMap<PolicySet, Map<string, boolean>>();

/** Whether a calculation, or one its formula reads (at any depth), states a limit. */
export function reachesLimit(policy: PolicySet, id: string): boolean {
    let known = reaching.get(policy);
    if (!known) {
        known = new Map();
        reaching.set(policy, known);
    }
    const visit = (calculationId: string, seen: Set<string>): boolean => {
        const cached = known.get(calculationId);
        if (cached !== undefined) {
            return cached;
        }
        if (seen.has(calculationId)) {
            return false; // a cycle: the evaluator refuses it
        }
        seen.add(calculationId);
        const calculation = policy.get(calculationId, 'calculation');
        const result = (calculation.limits?.length ?? 0) > 0 || references(calculation.value).some(ref => policy.find(ref)?.kind === 'calculation' && visit(policy.find(ref)!.id, seen));
        known.set(calculationId, result);
        return result;
    };
    return visit(id, new Set());
}

/** Every element a formula names (`ref`), at any depth of the formula (not through what it names). */
function references(expression: Expression, found: string[] = []): string[] {
    matchExpression<void>(expression, {
        quantity: () => undefined,
        level: () => undefined,
        ref: e => {
            found.push(e.ref);
            if (e.atLevel) {
                references(e.atLevel, found);
            }
        },
        op: e => {
            references(e.left, found);
            references(e.right, found);
        },
        call: e => e.args.forEach(argument => references(argument, found)),
        round: e => references(e.round, found),
        if: e => {
            references(e.then, found);
            references(e.else, found);
        },
    });
    return found;
}
