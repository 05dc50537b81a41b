import { ExactNumber } from '@regelratt/format';
import type { AttributeDomain } from './attribute-domain.js';

/**
 * A piece of one attribute's domain on which every comparison in the analysed criteria has one
 * truth value: a single enumeration or yes/no value, or a range of numbers (whole numbers and days
 * when `discrete`). A missing bound is unbounded. Ranges are as wide as the comparisons allow, so a
 * finding about `ålder < 18` speaks of `ålder 0–17`, not of each age.
 */
export type Region =
    | { kind: 'value'; value: string | boolean }
    | { kind: 'range'; lo?: ExactNumber; loClosed: boolean; hi?: ExactNumber; hiClosed: boolean; discrete: boolean }
    /**
     * Several values of an enumeration (`aktivitetsförmåga i { hög, utvecklingsbar }`), in the order the
     * attribute declares them: never made by the case split, only when findings are joined into maximal
     * boxes (merge-cases.ts) and a finding spans some of a choice's values but not all.
     */
    | { kind: 'values'; values: ReadonlyArray<string | boolean> };

/**
 * Where a comparison changes truth value: just before `at` (`x < at` / `x >= at`) or just after it
 * (`x <= at` / `x > at`). Equality cuts on both sides.
 */
export interface Cut {
    at: ExactNumber;
    side: 'before' | 'after';
}

/** Splits a domain at the cuts into ranges that together cover it exactly once. */
export function partitionDomain(domain: AttributeDomain, cuts: readonly Cut[]): Region[] {
    switch (domain.kind) {
        case 'enumeration':
            return domain.values.map(value => ({ kind: 'value', value }));
        case 'boolean':
            return [{ kind: 'value', value: true }, { kind: 'value', value: false }];
        case 'integer':
        case 'date':
            return partitionWhole(domain.kind === 'integer' ? domain.min : undefined, domain.kind === 'integer' ? domain.max : undefined, cuts);
        case 'decimal':
            return partitionContinuous(domain.min, domain.min !== undefined, domain.max, domain.max !== undefined, cuts);
    }
}

/**
 * Splits a range (a piece of a domain the split has already narrowed to) at the cuts that fall
 * inside it; one range when none does, which is when every comparison cut there has one truth on it.
 */
export function partitionRange(region: Extract<Region, { kind: 'range' }>, cuts: readonly Cut[]): Region[] {
    return region.discrete
        ? partitionWhole(region.lo, region.hi, cuts)
        : partitionContinuous(region.lo, region.loClosed, region.hi, region.hiClosed, cuts);
}

/** Whole numbers: every cut becomes "a new range starts at v". */
function partitionWhole(min: ExactNumber | undefined, max: ExactNumber | undefined, cuts: readonly Cut[]): Region[] {
    const starts = cuts.map(cut => {
        if (!cut.at.isInteger()) {
            return ExactNumber.of(cut.at.floor() + 1n);
        }
        return cut.side === 'before' ? cut.at : cut.at.add(ExactNumber.ONE);
    }).filter(start => (!min || start.compare(min) > 0) && (!max || start.compare(max) <= 0));
    const sorted = unique(starts);
    const regions: Region[] = [];
    let lo = min;
    for (const start of sorted) {
        regions.push({ kind: 'range', lo, loClosed: lo !== undefined, hi: start.subtract(ExactNumber.ONE), hiClosed: true, discrete: true });
        lo = start;
    }
    regions.push({ kind: 'range', lo, loClosed: lo !== undefined, hi: max, hiClosed: max !== undefined, discrete: true });
    return regions;
}

/**
 * Decimals: edges between the reals, ordered by value and by side (just before v, then just after v).
 * An edge is kept when both sides of it hold some value of the range: just before v needs values
 * below v and v itself, just after v needs v itself and values above it.
 */
function partitionContinuous(min: ExactNumber | undefined, minClosed: boolean, max: ExactNumber | undefined, maxClosed: boolean, cuts: readonly Cut[]): Region[] {
    const inside = cuts.filter(cut => cut.side === 'before'
        ? (!min || cut.at.compare(min) > 0) && (!max || cut.at.compare(max) < 0 || (cut.at.equals(max) && maxClosed))
        : (!min || cut.at.compare(min) > 0 || (cut.at.equals(min) && minClosed)) && (!max || cut.at.compare(max) < 0));
    const edges = [...inside].sort((a, b) => a.at.compare(b.at) || (a.side === b.side ? 0 : a.side === 'before' ? -1 : 1))
        .filter((edge, index, all) => index === 0 || !(edge.at.equals(all[index - 1].at) && edge.side === all[index - 1].side));
    const regions: Region[] = [];
    let lo = min;
    let loClosed = minClosed;
    for (const edge of edges) {
        // "before v": the range below ends open at v; "after v": it ends closed at v.
        regions.push({ kind: 'range', lo, loClosed, hi: edge.at, hiClosed: edge.side === 'after', discrete: false });
        lo = edge.at;
        loClosed = edge.side === 'before';
    }
    regions.push({ kind: 'range', lo, loClosed, hi: max, hiClosed: maxClosed, discrete: false });
    return regions;
}

function unique(values: ExactNumber[]): ExactNumber[] {
    const sorted = [...values].sort((a, b) => a.compare(b));
    return sorted.filter((value, index) => index === 0 || !value.equals(sorted[index - 1]));
}

/** A value inside the region; every comparison has the same truth value on all of them. */
export function representative(region: Region): string | boolean | ExactNumber {
    if (region.kind === 'value') {
        return region.value;
    }
    if (region.kind === 'values') {
        return region.values[0];
    }
    const { lo, hi } = region;
    if (region.discrete) {
        return lo ?? hi ?? ExactNumber.ZERO;
    }
    if (lo && hi) {
        return lo.equals(hi) ? lo : lo.add(hi).divide(ExactNumber.of(2n));
    }
    if (lo) {
        return region.loClosed ? lo : lo.add(ExactNumber.ONE);
    }
    if (hi) {
        return region.hiClosed ? hi : hi.subtract(ExactNumber.ONE);
    }
    return ExactNumber.ZERO;
}

/** The choice or yes/no values a region holds; undefined for a range of numbers. */
export function regionValues(region: Region): ReadonlyArray<string | boolean> | undefined {
    return region.kind === 'value' ? [region.value] : region.kind === 'values' ? region.values : undefined;
}

/** Whether a value lies in a region: a choice or yes/no among its values, a number within its bounds. */
export function regionContains(region: Region, value: ExactNumber | string | boolean): boolean {
    if (region.kind !== 'range') {
        return !(value instanceof ExactNumber) && (regionValues(region)?.includes(value) ?? false);
    }
    if (!(value instanceof ExactNumber)) {
        return false;
    }
    const above = !region.lo || (region.loClosed ? value.compare(region.lo) >= 0 : value.compare(region.lo) > 0);
    const below = !region.hi || (region.hiClosed ? value.compare(region.hi) <= 0 : value.compare(region.hi) < 0);
    return above && below;
}
