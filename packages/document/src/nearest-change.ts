import { ExactNumber, type Attribute, type Fee } from '@regelratt/format';
import { readAttributeValue, type CitizenInput, type FeeParts, type PolicyRuntime } from '@regelratt/runtime';

/**
 * The nearest change in one of the citizen's own figures that would have given a lower fee, where a
 * takbelopp, flat amount or maxtaxa decided it: up to some income the fee stays at that bound; below
 * it, a share of the avgiftsutrymme is less. "Med en inkomst på högst 12 523,46 kr hade avgiften
 * blivit lägre" is something a citizen can act on or check; where the share of the avgiftsutrymme
 * decides, every krona counts and there is no threshold to name.
 */
export interface NearestChange {
    attribute: Attribute;
    /** `at-most`: the fee is lower with the figure at most `value`; `at-least`: with it at least `value`. */
    direction: 'at-most' | 'at-least';
    value: ExactNumber;
}

/** The figures are narrowed to the öre (a decimal attribute to the hundredth, as amounts are shown). */
const STEP = ExactNumber.parse('0.01');
/** How far apart the two citizens are that tell how the avgiftsutrymme moves with a figure. */
const PROBE = ExactNumber.of(1000n);
/** Bisection rounds: a kronor range of 2^40 öre is far beyond any income. */
const ROUNDS = 40;

/**
 * Each figure of the citizen's that the avgiftsutrymme reads and that, moved, lowers the fee from the
 * bound that decided it: found by solving the avgiftsutrymme's straight line for that bound, then
 * narrowed to the öre by asking the runtime, so the rounding is the runtime's own. A threshold is said
 * only where the runtime answers a lower fee at it and the same fee just past it. Pure.
 */
export function feeNearestChanges(runtime: PolicyRuntime, fee: Fee, parts: FeeParts, level: number | undefined, citizen: CitizenInput, date: string, attributes: readonly string[]): NearestChange[] {
    const decided = [parts.cap, parts.ceiling, parts.flat].some(bound => bound !== undefined && bound.equals(parts.unrounded));
    if (!fee.room || !parts.share || !parts.shared || !decided || parts.shared.compare(parts.unrounded) <= 0 || parts.share.compare(ExactNumber.ZERO) <= 0) {
        return [];
    }
    const answer = parts.amount;
    const changes: NearestChange[] = [];
    for (const id of attributes) {
        const attribute = runtime.policy.find(id);
        if (attribute?.kind !== 'attribute' || (attribute.domain.type !== 'money' && attribute.domain.type !== 'decimal')) {
            continue;
        }
        const given = citizen[attribute.name] ?? citizen[attribute.id];
        const x0 = given === undefined ? undefined : readAttributeValue(attribute, given);
        if (!(x0 instanceof ExactNumber)) {
            continue;
        }
        const ask = (x: ExactNumber): FeeParts | undefined => {
            try {
                return runtime.feeParts(fee.id, level, { ...citizen, [attribute.name]: x.toDecimal() }, date);
            } catch {
                return undefined;
            }
        };
        const here = ask(x0);
        const there = ask(x0.add(PROBE));
        if (!here?.room || !there?.room) {
            continue;
        }
        const slope = there.room.subtract(here.room).divide(PROBE);
        if (slope.equals(ExactNumber.ZERO)) {
            continue;
        }
        // Where the share of the avgiftsutrymme meets the bound: below it (for income) the share decides.
        const meets = x0.add(parts.unrounded.divide(parts.share).subtract(here.room).divide(slope));
        const lower = (x: ExactNumber) => {
            const asked = ask(x);
            return asked !== undefined && asked.amount.compare(answer) < 0;
        };
        const step = STEP;
        // Past the meeting point by one krona in the direction that lowers the fee, within the domain.
        const towards = slope.compare(ExactNumber.ZERO) > 0 ? -1n : 1n;
        let inside = meets.add(ExactNumber.of(towards)).round({ unit: 'öre', mode: towards < 0n ? 'down' : 'up' });
        const min = attribute.domain.type === 'money' ? ExactNumber.ZERO : ExactNumber.parse(attribute.domain.min);
        if (inside.compare(min) < 0 || (attribute.domain.type === 'decimal' && inside.compare(ExactNumber.parse(attribute.domain.max)) > 0)) {
            continue;
        }
        if (!lower(inside)) {
            continue;
        }
        // Bisect between a figure that gives a lower fee and the citizen's own, which does not, to the öre.
        let outside = x0;
        const apart = () => ExactNumber.max(outside.subtract(inside), inside.subtract(outside));
        for (let round = 0; round < ROUNDS && apart().compare(step) > 0; round++) {
            const middle = inside.add(outside).divide(ExactNumber.of(2n)).round({ unit: 'öre', mode: 'down' });
            if (middle.equals(inside) || middle.equals(outside)) {
                break;
            }
            if (lower(middle)) {
                inside = middle;
            } else {
                outside = middle;
            }
        }
        const next = inside.add(towards < 0n ? step : step.negate());
        if (!lower(inside) || lower(next)) {
            continue;
        }
        changes.push({ attribute, direction: towards < 0n ? 'at-most' : 'at-least', value: inside });
    }
    return changes;
}
