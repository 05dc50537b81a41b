import { ExactNumber } from '@regelratt/format';
import type { AnalysedAttribute } from './attribute-domain.js';
import type { Case } from './case-split.js';
import { partitionDomain, regionValues, type Region } from './regions.js';

/**
 * Findings as maximal boxes: the case split cuts the space where any criterion changes, so one
 * finding (a gap that is exactly one missing row) comes out in pieces; a reviewer reads each region,
 * so they should be as few and as large as the finding allows. Each piece not yet inside a reported
 * region is grown, attribute by attribute, as far as the finding reaches (`ålder 18–64` and
 * `ålder 65–120` of the same gap become one region; a range grown over the whole domain is dropped,
 * as an attribute not named may have any value), and pieces inside it are not reported again.
 *
 * `key` says which findings belong together (the same kind of finding about the same förlopp or
 * rows); `others` are the split's remaining cases, which no region may reach into. The split's
 * cases cover every citizen exactly once, so a region may grow along an attribute until the nearest
 * case of another key that meets it on every other attribute: the regions cover exactly the
 * citizens the pieces did (they may overlap each other). One pass over the attributes is enough: a
 * region grown along one attribute can only meet more cases along the others, never fewer. A region
 * takes the position of its first piece, so messages come in the order the split found them.
 */
export function mergeCases<T extends { case: Case }>(
    findings: readonly T[],
    key: (finding: T) => string,
    attributes: ReadonlyMap<string, AnalysedAttribute>,
    others: readonly Case[] = [],
): T[] {
    const keys = findings.map(key);
    const groups = new Map<string, number[]>();
    keys.forEach((k, index) => groups.set(k, [...(groups.get(k) ?? []), index]));
    // Every case once, as one array per attribute (the split's other cases, then the findings'): a
    // region is grown against all of them but its own key's, and reading each case's region of an
    // attribute once, not once per region grown, is what keeps a split of 20 000 cases cheap to join.
    const cases = [...others.map(c => c.assignment), ...findings.map(f => f.case.assignment)];
    const columns = new Map<string, Array<Region | undefined>>();
    const column = (id: string) => {
        let regions = columns.get(id);
        if (!regions) {
            regions = cases.map(c => c.get(id));
            columns.set(id, regions);
        }
        return regions;
    };
    const merged: Array<{ finding: T; index: number }> = [];
    for (const members of groups.values()) {
        // The group's own pieces are no blockers.
        const own = new Uint8Array(cases.length);
        members.forEach(index => (own[others.length + index] = 1));
        const regions: Array<ReadonlyMap<string, Region>> = [];
        for (const index of members) {
            const piece = findings[index].case;
            if (regions.some(region => within(piece.assignment, region))) {
                continue;
            }
            const grown = grow(piece.assignment, column, own, attributes);
            regions.push(grown);
            merged.push({ finding: { ...findings[index], case: { assignment: grown, verdicts: piece.verdicts } }, index });
        }
    }
    return merged.sort((a, b) => a.index - b.index).map(entry => entry.finding);
}

/** The box grown along each attribute it fixes, in turn, until a blocker (a case of another finding, `own` not set) stops it. */
function grow(
    start: ReadonlyMap<string, Region>,
    column: (id: string) => ReadonlyArray<Region | undefined>,
    own: Uint8Array,
    attributes: ReadonlyMap<string, AnalysedAttribute>,
): Map<string, Region> {
    const box = new Map(start);
    const ids = [...start.keys()];
    // On how many attributes of the box each blocker misses it (at least one: the cases are
    // disjoint). Counts, not sets: this runs over every case of the split.
    const columns = ids.map(column);
    const misses = new Int32Array(own.length);
    ids.forEach((id, k) => {
        const region = box.get(id)!;
        columns[k].forEach((other, b) => {
            if (!own[b] && !meets(other, region)) {
                misses[b]++;
            }
        });
    });
    ids.forEach((id, k) => {
        const region = box.get(id)!;
        const regions = columns[k];
        // Only a blocker that meets the box on every other attribute can stop it along this one.
        const stopping: Region[] = [];
        const missed = new Uint8Array(own.length);
        regions.forEach((other, b) => {
            if (!own[b] && !meets(other, region)) {
                missed[b] = 1;
                if (misses[b] === 1) {
                    stopping.push(other!);
                }
            }
        });
        const widened = region.kind === 'range'
            ? widenRange(region, stopping, attributes.get(id)!)
            : widenValues(region, stopping, attributes.get(id)!);
        if (widened === undefined) {
            box.delete(id);
        } else {
            box.set(id, widened);
        }
        regions.forEach((other, b) => {
            if (missed[b] && meets(other, widened)) {
                misses[b]--;
            }
        });
    });
    return box;
}

type Range = Extract<Region, { kind: 'range' }>;

/** The range stretched down and up to the nearest stopping range on each side; undefined when that is the whole domain. */
function widenRange(region: Range, stopping: readonly Region[], attribute: AnalysedAttribute): Range | undefined {
    const whole = partitionDomain(attribute.domain, [])[0] as Range;
    let lo = whole.lo;
    let loClosed = whole.loClosed;
    let hi = whole.hi;
    let hiClosed = whole.hiClosed;
    for (const stop of stopping as Range[]) {
        // Disjoint from the region, so wholly above or wholly below it.
        const above = stop.lo !== undefined && (region.hi === undefined ? false : stop.lo.compare(region.hi) >= 0);
        if (above) {
            const [edge, closed] = region.discrete
                ? [stop.loClosed ? stop.lo!.subtract(ONE) : stop.lo!, true]
                : [stop.lo!, !stop.loClosed];
            if (hi === undefined || edge.compare(hi) < 0 || (edge.equals(hi) && !closed)) {
                hi = edge;
                hiClosed = closed;
            }
        } else {
            const [edge, closed] = region.discrete
                ? [stop.hiClosed ? stop.hi!.add(ONE) : stop.hi!, true]
                : [stop.hi!, !stop.hiClosed];
            if (lo === undefined || edge.compare(lo) > 0 || (edge.equals(lo) && !closed)) {
                lo = edge;
                loClosed = closed;
            }
        }
    }
    const sameBound = (a: typeof lo, b: typeof lo, aClosed: boolean, bClosed: boolean) => (a === undefined ? b === undefined : b !== undefined && a.equals(b) && aClosed === bClosed);
    if (sameBound(lo, whole.lo, loClosed, whole.loClosed) && sameBound(hi, whole.hi, hiClosed, whole.hiClosed)) {
        return undefined;
    }
    return { kind: 'range', lo, loClosed, hi, hiClosed, discrete: region.discrete };
}

const ONE = ExactNumber.ONE;

/**
 * A choice's value (or values) grown to every value no stopping case holds: a choice has no order,
 * so the finding reaches each value its neighbours along this attribute do not take, not only the
 * next one (`aktivitetsförmåga i { hög, nedsatt }`). Undefined when that is every value; one value
 * stays a value.
 */
function widenValues(region: Region, stopping: readonly Region[], attribute: AnalysedAttribute): Region | undefined {
    const taken = new Set(stopping.flatMap(stop => regionValues(stop) ?? []));
    const all = partitionDomain(attribute.domain, []).flatMap(piece => regionValues(piece) ?? []);
    const values = all.filter(value => !taken.has(value));
    if (values.length === all.length) {
        return undefined;
    }
    return values.length === 1 ? { kind: 'value', value: values[0] } : values.length === regionValues(region)?.length ? region : { kind: 'values', values };
}

/** Whether two regions of the same attribute share a value; a missing region is the whole domain. */
function meets(a: Region | undefined, b: Region | undefined): boolean {
    if (a === undefined || b === undefined) {
        return true;
    }
    if (a.kind === 'value' && b.kind === 'value') {
        return a.value === b.value;
    }
    if (a.kind !== 'range' || b.kind !== 'range') {
        const bValues = regionValues(b);
        return regionValues(a)?.some(value => bValues?.includes(value)) ?? false;
    }
    return below(a, b) && below(b, a);
}

/** Whether `a` starts at or before where `b` ends, sharing a point (bounds closed on both sides where they meet). */
function below(a: Range, b: Range): boolean {
    if (a.lo === undefined || b.hi === undefined) {
        return true;
    }
    const order = a.lo.compare(b.hi);
    return order < 0 || (order === 0 && a.loClosed && b.hiClosed);
}

/** Whether the box `inner` lies inside `outer` (a missing attribute is the whole domain). */
function within(inner: ReadonlyMap<string, Region>, outer: ReadonlyMap<string, Region>): boolean {
    for (const [id, region] of outer) {
        const piece = inner.get(id);
        if (piece === undefined || !contains(region, piece)) {
            return false;
        }
    }
    return true;
}

function contains(outer: Region, inner: Region): boolean {
    if (outer.kind !== 'range' || inner.kind !== 'range') {
        const outerValues = regionValues(outer);
        return regionValues(inner)?.every(value => outerValues?.includes(value)) ?? false;
    }
    const lowOk = outer.lo === undefined || (inner.lo !== undefined && (inner.lo.compare(outer.lo) > 0 || (inner.lo.equals(outer.lo) && (outer.loClosed || !inner.loClosed))));
    const highOk = outer.hi === undefined || (inner.hi !== undefined && (inner.hi.compare(outer.hi) < 0 || (inner.hi.equals(outer.hi) && (outer.hiClosed || !inner.hiClosed))));
    return lowOk && highOk;
}
