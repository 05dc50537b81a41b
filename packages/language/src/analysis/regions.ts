import { ExactNumber } from '@regelratt/format';
import type { AttributeDomain } from './attribute-domain.js';

/**
 * A piece of one attribute's domain on which every comparison in the analysed criteria has one
 * truth value: a single value, or an interval holding none of the constants the criteria compare with.
 * Whole-number intervals are closed ([lo, hi]); decimal intervals are open ((lo, hi)); a missing
 * bound is unbounded.
 */
export type Region =
    | { kind: 'value'; value: string | boolean }
    | { kind: 'point'; value: ExactNumber }
    | { kind: 'interval'; lo?: ExactNumber; hi?: ExactNumber; discrete: boolean };

/** Splits a domain at the given constants into regions that together cover it exactly once. */
export function partitionDomain(domain: AttributeDomain, constants: readonly ExactNumber[]): Region[] {
    switch (domain.kind) {
        case 'enumeration':
            return domain.values.map(value => ({ kind: 'value', value }));
        case 'boolean':
            return [{ kind: 'value', value: true }, { kind: 'value', value: false }];
        case 'integer':
        case 'date':
            return partitionDiscrete(domain.kind === 'integer' ? domain.min : undefined, domain.kind === 'integer' ? domain.max : undefined, constants);
        case 'decimal':
            return partitionContinuous(domain.min, domain.max, constants);
    }
}

function sortedUnique(values: ExactNumber[]): ExactNumber[] {
    const sorted = [...values].sort((a, b) => a.compare(b));
    return sorted.filter((value, index) => index === 0 || !value.equals(sorted[index - 1]));
}

function within(value: ExactNumber, min?: ExactNumber, max?: ExactNumber): boolean {
    return (!min || value.compare(min) >= 0) && (!max || value.compare(max) <= 0);
}

function partitionDiscrete(min: ExactNumber | undefined, max: ExactNumber | undefined, constants: readonly ExactNumber[]): Region[] {
    // A constant with decimals splits a whole-number domain between the two whole numbers around it.
    const candidates = constants.flatMap(c => (c.isInteger() ? [c] : [ExactNumber.of(c.floor()), ExactNumber.of(c.floor() + 1n)]));
    const points = sortedUnique([...candidates, ...(min ? [min] : []), ...(max ? [max] : [])].filter(p => within(p, min, max)));
    if (points.length === 0) {
        return [{ kind: 'interval', lo: min, hi: max, discrete: true }];
    }
    const regions: Region[] = [];
    const one = ExactNumber.ONE;
    if (!min) {
        regions.push({ kind: 'interval', hi: points[0].subtract(one), discrete: true });
    }
    points.forEach((point, index) => {
        regions.push({ kind: 'point', value: point });
        const next = points[index + 1];
        if (next && next.subtract(point).compare(one) > 0) {
            regions.push({ kind: 'interval', lo: point.add(one), hi: next.subtract(one), discrete: true });
        }
    });
    if (!max) {
        regions.push({ kind: 'interval', lo: points[points.length - 1].add(one), discrete: true });
    }
    return regions;
}

function partitionContinuous(min: ExactNumber | undefined, max: ExactNumber | undefined, constants: readonly ExactNumber[]): Region[] {
    const points = sortedUnique([...constants, ...(min ? [min] : []), ...(max ? [max] : [])].filter(p => within(p, min, max)));
    if (points.length === 0) {
        return [{ kind: 'interval', lo: min, hi: max, discrete: false }];
    }
    const regions: Region[] = [];
    if (!min) {
        regions.push({ kind: 'interval', hi: points[0], discrete: false });
    }
    points.forEach((point, index) => {
        regions.push({ kind: 'point', value: point });
        const next = points[index + 1];
        if (next) {
            regions.push({ kind: 'interval', lo: point, hi: next, discrete: false });
        }
    });
    if (!max) {
        regions.push({ kind: 'interval', lo: points[points.length - 1], discrete: false });
    }
    return regions;
}

/** A value inside the region; every comparison has the same truth value on all of them. */
export function representative(region: Region): string | boolean | ExactNumber {
    switch (region.kind) {
        case 'value':
        case 'point':
            return region.value;
        case 'interval': {
            const { lo, hi } = region;
            if (region.discrete) {
                return lo ?? hi ?? ExactNumber.ZERO;
            }
            if (lo && hi) {
                return lo.add(hi).divide(ExactNumber.of(2n));
            }
            return lo ? lo.add(ExactNumber.ONE) : hi ? hi.subtract(ExactNumber.ONE) : ExactNumber.ZERO;
        }
    }
}
