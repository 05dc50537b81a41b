import { ExactNumber } from '@regelratt/format';
import type { AmountRegion } from '@regelratt/language';
import { RegelrattRuntimeError, type PolicyRuntime } from '@regelratt/runtime';

/** Reading the diff's exact regions of an amount's change back, to hold them to the runtimes (answer-regions tests). */

/** Whether the citizen (on the date, at the level) lies in the region's box. */
export function inRegion(region: AmountRegion, citizen: Record<string, unknown>, date: string, level?: number): boolean {
    return region.box.every(bound => {
        const value = bound.attribute === 'datum' ? date : bound.attribute === 'nivå' ? level : citizen[bound.attribute];
        if (bound.values !== undefined) {
            return bound.values.includes(value as string | boolean);
        }
        if (bound.value !== undefined) {
            return value === bound.value;
        }
        if (bound.attribute === 'datum') {
            const day = value as string;
            return (bound.from === undefined || (bound.fromIncluded ? day >= bound.from : day > bound.from))
                && (bound.to === undefined || (bound.toIncluded ? day <= bound.to : day < bound.to));
        }
        const number = ExactNumber.parse(String(value));
        const from = bound.from === undefined ? undefined : number.compare(ExactNumber.parse(bound.from));
        const to = bound.to === undefined ? undefined : number.compare(ExactNumber.parse(bound.to));
        return (from === undefined || from > 0 || (from === 0 && bound.fromIncluded === true))
            && (to === undefined || to < 0 || (to === 0 && bound.toIncluded === true));
    });
}

/** The change a region claims for one of its citizens: after − before, or the two answers where one is an error. */
export function claimedChange(region: AmountRegion, citizen: Record<string, unknown>): string {
    const change = region.change;
    const exact = (text: string) => (text.includes('/') ? ExactNumber.of(BigInt(text.split('/')[0]), BigInt(text.split('/')[1])) : ExactNumber.parse(text));
    switch (change.kind) {
        case 'constant':
            return exact(change.difference).toDecimal();
        case 'affine':
            return change.terms.reduce((sum, t) => sum.add(exact(t.coefficient).multiply(ExactNumber.parse(String(citizen[t.attribute])))), exact(change.constant)).toDecimal();
        case 'answer':
            return `${change.before} → ${change.after}`;
    }
}

export function observedChange(before: string, after: string, kind: AmountRegion['change']['kind']): string {
    if (kind === 'answer' || before.startsWith('fel') || after.startsWith('fel')) {
        return `${before} → ${after}`;
    }
    return ExactNumber.parse(after).subtract(ExactNumber.parse(before)).toDecimal();
}

/** A calculation's answer as the runtime gives it, or `fel: <code>` where it answers with an error. */
export function calculationAnswer(runtime: PolicyRuntime, calculation: string, citizen: Record<string, unknown>, date: string): string {
    try {
        return runtime.calculate(calculation, { date, citizen }, { explain: false }).amount;
    } catch (error) {
        if (error instanceof RegelrattRuntimeError) {
            return `fel: ${error.code}`;
        }
        throw error;
    }
}
