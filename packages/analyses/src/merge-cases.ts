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
    return joinCases(findings, key, attributes, others, true);
}

/**
 * Cases that only stop other regions from growing (cells whose answer does not change), joined into
 * fewer, larger boxes that hold exactly those cases and meet none of `others`. No reader sees these
 * boxes, so one that the others already cover is kept rather than proven redundant: it stops a
 * growing region no sooner than the boxes covering it do (one of them holds its nearest point, and
 * that box meets the region wherever it does), so the regions grown against them are the same, and
 * the proof (`irredundant`: box differences, up to COVER_BUDGET steps per box, all boxes in one
 * group) costs more than the rest of the merge.
 */
export function joinBlockers(cases: readonly Case[], attributes: ReadonlyMap<string, AnalysedAttribute>, others: readonly Case[]): Case[] {
    return joinCases(cases.map(c => ({ case: c })), () => '', attributes, others, false).map(joined => joined.case);
}

function joinCases<T extends { case: Case }>(
    findings: readonly T[],
    key: (finding: T) => string,
    attributes: ReadonlyMap<string, AnalysedAttribute>,
    others: readonly Case[],
    pruned: boolean,
): T[] {
    const keys = findings.map(key);
    const groups = new Map<string, number[]>();
    keys.forEach((k, index) => {
        const members = groups.get(k);
        if (members) {
            members.push(index);
        } else {
            groups.set(k, [index]);
        }
    });
    // Every case once (the split's other cases, then the findings'), indexed per attribute by the
    // distinct regions the cases hold there: a split's cases share few regions per attribute, so
    // which cases a box misses is a union of a few bit sets, not a comparison with every case.
    const index = new CaseIndex([...others.map(c => c.assignment), ...findings.map(f => f.case.assignment)]);
    const merged: Array<{ finding: T; index: number }> = [];
    for (const members of groups.values()) {
        // The group's own pieces are no blockers.
        const blockers = index.all();
        members.forEach(member => clearBit(blockers, others.length + member));
        const regions: Array<ReadonlyMap<string, Region>> = [];
        const grownFrom: number[] = [];
        // The cases inside a region grown so far (a piece inside one is not grown again).
        const inside = index.empty();
        for (const member of members) {
            const position = others.length + member;
            if ((inside[position >>> 5] & (1 << (position & 31))) !== 0) {
                continue;
            }
            const region = grow(findings[member].case.assignment, index, blockers, attributes);
            regions.push(region);
            grownFrom.push(member);
            index.addWithin(region, inside);
        }
        const kept = pruned ? irredundant(regions, attributes) : regions.map(() => true);
        regions.forEach((region, k) => {
            if (kept[k]) {
                const member = grownFrom[k];
                merged.push({ finding: { ...findings[member], case: { assignment: region, verdicts: findings[member].case.verdicts } }, index: member });
            }
        });
    }
    return merged.sort((a, b) => a.index - b.index).map(entry => entry.finding);
}

/**
 * Which of one finding's maximal boxes to report: growing each piece as far as it goes can leave a
 * box whose every citizen the other boxes hold together (a gap around the corners of two rows:
 * `k3 = v1` inside `k1 = 0, k3 i { v0, v1 }` and `k1 1–3, k3 i { v1, v2 }`), and the reviewer would
 * read it for nothing. Boxes are dropped from the last up, each judged against the boxes still
 * kept, so those kept cover exactly the finding's citizens. Exact: box differences over the same
 * rational bounds; a difference that would need more than COVER_BUDGET steps keeps the box.
 */
function irredundant(boxes: ReadonlyArray<ReadonlyMap<string, Region>>, attributes: ReadonlyMap<string, AnalysedAttribute>): boolean[] {
    const kept = boxes.map(() => true);
    for (let k = boxes.length - 1; k >= 0; k--) {
        const others = boxes.filter((other, j) => j !== k && kept[j] && boxesMeet(boxes[k], other));
        if (others.length > 0 && covered(boxes[k], others, attributes, { left: COVER_BUDGET })) {
            kept[k] = false;
        }
    }
    return kept;
}

const COVER_BUDGET = 5_000;

function boxesMeet(a: ReadonlyMap<string, Region>, b: ReadonlyMap<string, Region>): boolean {
    return [...a].every(([id, region]) => meets(region, b.get(id)));
}

/** Whether the boxes `others` together hold every citizen of `box`: `box` less each in turn leaves nothing. */
function covered(
    box: ReadonlyMap<string, Region>,
    others: ReadonlyArray<ReadonlyMap<string, Region>>,
    attributes: ReadonlyMap<string, AnalysedAttribute>,
    budget: { left: number },
): boolean {
    if (others.length === 0 || --budget.left < 0) {
        return false;
    }
    const [first, ...rest] = others;
    // The parts of `box` outside `first`: outside it on one of its attributes, inside it on those before.
    const outside: Array<Map<string, Region>> = [];
    const inside = new Map(box);
    for (const [id, region] of first) {
        const mine = inside.get(id) ?? wholeDomain(attributes.get(id)!);
        const common = intersect(mine, region);
        if (common === undefined) {
            return covered(box, rest, attributes, budget);
        }
        for (const piece of subtract(mine, region)) {
            outside.push(new Map(inside).set(id, piece));
        }
        inside.set(id, common);
    }
    return outside.every(piece => covered(piece, rest, attributes, budget));
}

function wholeDomain(attribute: AnalysedAttribute): Region {
    const { pieces, values } = wholeOf(attribute);
    return pieces.length === 1 ? pieces[0] : { kind: 'values', values };
}

/** The values of a choice as a region: one value stays a value; undefined for none. */
function valuesRegion(values: ReadonlyArray<string | boolean>): Region | undefined {
    return values.length === 0 ? undefined : values.length === 1 ? { kind: 'value', value: values[0] } : { kind: 'values', values };
}

/** What two regions of the same attribute share; undefined when nothing. */
function intersect(a: Region, b: Region): Region | undefined {
    if (a.kind !== 'range' || b.kind !== 'range') {
        const bValues = regionValues(b) ?? [];
        return valuesRegion((regionValues(a) ?? []).filter(value => bValues.includes(value)));
    }
    const [lo, loClosed] = a.lo === undefined || (b.lo !== undefined && (b.lo.compare(a.lo) > 0 || (b.lo.equals(a.lo) && !b.loClosed)))
        ? [b.lo, b.loClosed] : [a.lo, a.loClosed];
    const [hi, hiClosed] = a.hi === undefined || (b.hi !== undefined && (b.hi.compare(a.hi) < 0 || (b.hi.equals(a.hi) && !b.hiClosed)))
        ? [b.hi, b.hiClosed] : [a.hi, a.hiClosed];
    return nonEmpty({ kind: 'range', lo, loClosed, hi, hiClosed, discrete: a.discrete });
}

/** The parts of `a` outside `b`: the values left, or the range below `b` and the range above it. */
function subtract(a: Region, b: Region): Region[] {
    if (a.kind !== 'range' || b.kind !== 'range') {
        const bValues = regionValues(b) ?? [];
        const left = valuesRegion((regionValues(a) ?? []).filter(value => !bValues.includes(value)));
        return left ? [left] : [];
    }
    const below = b.lo === undefined ? undefined : intersect(a, { kind: 'range', hi: b.lo, hiClosed: !b.loClosed, loClosed: false, discrete: a.discrete });
    const above = b.hi === undefined ? undefined : intersect(a, { kind: 'range', lo: b.hi, loClosed: !b.hiClosed, hiClosed: false, discrete: a.discrete });
    return [below, above].filter((part): part is Region => part !== undefined);
}

/** The range, or undefined when it holds no value (whole numbers and days: no whole value). */
function nonEmpty(range: Range): Range | undefined {
    if (range.discrete) {
        // Whole values only: an open bound is the next whole value inside.
        const lo = range.lo === undefined ? undefined : range.loClosed ? ceil(range.lo) : floorPlusOne(range.lo);
        const hi = range.hi === undefined ? undefined : range.hiClosed ? floor(range.hi) : ceilMinusOne(range.hi);
        if (lo !== undefined && hi !== undefined && lo.compare(hi) > 0) {
            return undefined;
        }
        return { kind: 'range', lo, loClosed: true, hi, hiClosed: true, discrete: true };
    }
    if (range.lo !== undefined && range.hi !== undefined) {
        const order = range.lo.compare(range.hi);
        if (order > 0 || (order === 0 && !(range.loClosed && range.hiClosed))) {
            return undefined;
        }
    }
    return range;
}

function floor(value: ExactNumber): ExactNumber {
    return ExactNumber.of(value.floor());
}

function ceil(value: ExactNumber): ExactNumber {
    return value.isInteger() ? value : floor(value).add(ONE);
}

function floorPlusOne(value: ExactNumber): ExactNumber {
    return floor(value).add(ONE);
}

function ceilMinusOne(value: ExactNumber): ExactNumber {
    return ceil(value).subtract(ONE);
}

/** A set of cases by position, 32 to a word. */
type Bits = Uint32Array;

function clearBit(bits: Bits, position: number): void {
    bits[position >>> 5] &= ~(1 << (position & 31));
}

/**
 * The cases of a merge, per attribute grouped by the region they hold there (a case that does not
 * name the attribute may have any value, so it meets every box there and is in no group).
 */
class CaseIndex {
    private readonly words: number;
    private readonly count: number;
    private readonly columns = new Map<string, Column>();

    constructor(private readonly cases: ReadonlyArray<ReadonlyMap<string, Region>>) {
        this.count = cases.length;
        this.words = (cases.length + 31) >>> 5;
    }

    /** Every case. */
    all(): Bits {
        const bits = new Uint32Array(this.words).fill(0xffffffff);
        if (this.count & 31) {
            bits[this.words - 1] = (1 << (this.count & 31)) - 1;
        }
        return bits;
    }

    empty(): Bits {
        return new Uint32Array(this.words);
    }

    /**
     * Adds to `bits` the cases that lie inside the box: on each attribute the box names, the case
     * names it too, with a region the box's holds (`within`, read from the groups).
     */
    addWithin(box: ReadonlyMap<string, Region>, bits: Bits): void {
        const found = this.all();
        for (const [id, region] of box) {
            const column = this.column(id);
            const held = this.empty();
            column.regions.forEach((other, group) => {
                if (contains(region, other)) {
                    const cases = column.cases[group];
                    for (let w = 0; w < held.length; w++) {
                        held[w] |= cases[w];
                    }
                }
            });
            for (let w = 0; w < found.length; w++) {
                found[w] &= held[w];
            }
        }
        for (let w = 0; w < bits.length; w++) {
            bits[w] |= found[w];
        }
    }

    /** The attribute's distinct regions among the cases, each with the cases that hold it. */
    column(id: string): Column {
        let column = this.columns.get(id);
        if (!column) {
            const byKey = new Map<string, number>();
            // Cases share region objects (the cells of one case of a split): each object keyed once.
            const byObject = new Map<Region, number>();
            column = { regions: [], cases: [], named: this.empty(), group: new Int32Array(this.count).fill(-1), missed: new Map() };
            const { regions, cases, named, group } = column;
            this.cases.forEach((assignment, position) => {
                const region = assignment.get(id);
                if (region === undefined) {
                    return;
                }
                let index = byObject.get(region);
                if (index === undefined) {
                    const text = regionKey(region);
                    index = byKey.get(text);
                    if (index === undefined) {
                        index = regions.length;
                        byKey.set(text, index);
                        regions.push(region);
                        cases.push(this.empty());
                    }
                    byObject.set(region, index);
                }
                cases[index][position >>> 5] |= 1 << (position & 31);
                named[position >>> 5] |= 1 << (position & 31);
                group[position] = index;
            });
            this.columns.set(id, column);
        }
        return column;
    }

    /** The cases among `among` whose region of the attribute shares no value with `region`. */
    missing(id: string, region: Region, among: Bits): Bits {
        const column = this.column(id);
        // Cells share region objects, and a box grown from one of them asks again: once per object.
        let missed = column.missed.get(region);
        if (missed === undefined) {
            missed = this.missedBy(column, region);
            column.missed.set(region, missed);
        }
        const bits = this.empty();
        for (let w = 0; w < bits.length; w++) {
            bits[w] = missed[w] & among[w];
        }
        return bits;
    }

    /**
     * The cases whose region of the column's attribute shares no value with `region`: the union of
     * the groups that miss it, or the named cases less the groups that meet it, whichever is fewer.
     */
    private missedBy(column: Column, region: Region): Bits {
        const meeting: number[] = [];
        const missing: number[] = [];
        column.regions.forEach((other, index) => (meets(other, region) ? meeting : missing).push(index));
        const bits = this.empty();
        if (missing.length <= meeting.length) {
            for (const index of missing) {
                const cases = column.cases[index];
                for (let w = 0; w < bits.length; w++) {
                    bits[w] |= cases[w];
                }
            }
        } else {
            bits.set(column.named);
            for (const index of meeting) {
                const cases = column.cases[index];
                for (let w = 0; w < bits.length; w++) {
                    bits[w] &= ~cases[w];
                }
            }
        }
        return bits;
    }
}

interface Column {
    /** The distinct regions, and for each the cases holding it. */
    regions: Region[];
    cases: Bits[];
    /** The cases that name the attribute. */
    named: Bits;
    /** Each case's region, as an index into `regions` (−1: not named). */
    group: Int32Array;
    /** By region object: the cases that miss it (`missedBy`). */
    missed: Map<Region, Bits>;
}

/** A bound as an exact fraction (decimal text would round a third). */
function exact(bound: ExactNumber | undefined): string {
    return bound === undefined ? '' : `${bound.numerator}/${bound.denominator}`;
}

function regionKey(region: Region): string {
    switch (region.kind) {
        case 'value':
            return `v${String(region.value)}`;
        case 'values':
            return `s${region.values.map(String).join('\u0000')}`;
        case 'range':
            return `r${region.loClosed ? '[' : '('}${exact(region.lo)},${exact(region.hi)}${region.hiClosed ? ']' : ')'}`;
    }
}

/**
 * The box grown along each attribute it fixes, in turn, until a blocker stops it: a case of another
 * finding that misses the box on this attribute alone (the cases are disjoint, so each blocker misses
 * it on at least one attribute; one that misses it on two is stopped by the other first).
 */
function grow(
    start: ReadonlyMap<string, Region>,
    index: CaseIndex,
    blockers: Bits,
    attributes: ReadonlyMap<string, AnalysedAttribute>,
): Map<string, Region> {
    const box = new Map(start);
    const ids = [...start.keys()];
    const missed = ids.map(id => index.missing(id, box.get(id)!, blockers));
    // The blockers that miss the box on an attribute after the k-th (`later[k]`), as the box was
    // before growing: those attributes have not grown yet when the k-th does. With `earlier` (the
    // attributes before, as grown), the union over every other attribute is two ORs, not one per
    // other attribute.
    const later = missed.map(() => index.empty());
    for (let k = ids.length - 2; k >= 0; k--) {
        const [into, next, bits] = [later[k], later[k + 1], missed[k + 1]];
        for (let w = 0; w < into.length; w++) {
            into[w] = next[w] | bits[w];
        }
    }
    const earlier = index.empty();
    const elsewhere = index.empty();
    ids.forEach((id, k) => {
        const region = box.get(id)!;
        // The blockers that miss the box on some other attribute.
        const after = later[k];
        for (let w = 0; w < elsewhere.length; w++) {
            elsewhere[w] = earlier[w] | after[w];
        }
        const here = missed[k];
        // The blockers that miss it here alone, by their regions (few: the box's neighbours).
        const column = index.column(id);
        const seen = new Set<number>();
        for (let w = 0; w < here.length; w++) {
            let word = here[w] & ~elsewhere[w];
            while (word !== 0) {
                const bit = 31 - Math.clz32(word);
                word &= ~(1 << bit);
                seen.add(column.group[(w << 5) + bit]);
            }
        }
        const stopping = [...seen].map(group => column.regions[group]);
        const widened = region.kind === 'range'
            ? widenRange(region, stopping, attributes.get(id)!)
            : widenValues(region, stopping, attributes.get(id)!);
        if (widened === undefined) {
            box.delete(id);
            missed[k] = index.empty();
        } else {
            box.set(id, widened);
            missed[k] = index.missing(id, widened, blockers);
            const grown = missed[k];
            for (let w = 0; w < earlier.length; w++) {
                earlier[w] |= grown[w];
            }
        }
    });
    return box;
}

type Range = Extract<Region, { kind: 'range' }>;

/** The range stretched down and up to the nearest stopping range on each side; undefined when that is the whole domain. */
function widenRange(region: Range, stopping: readonly Region[], attribute: AnalysedAttribute): Range | undefined {
    const whole = domainPieces(attribute)[0] as Range;
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
 * An attribute's whole domain, as one range or its values: every box grown asks for it on every
 * attribute it widens, so it is made once per attribute (weakly held: the attributes are the caller's).
 */
const wholePieces = new WeakMap<AnalysedAttribute, { pieces: readonly Region[]; values: ReadonlyArray<string | boolean> }>();

function wholeOf(attribute: AnalysedAttribute): { pieces: readonly Region[]; values: ReadonlyArray<string | boolean> } {
    let whole = wholePieces.get(attribute);
    if (whole === undefined) {
        const pieces = partitionDomain(attribute.domain, []);
        whole = { pieces, values: pieces.flatMap(piece => regionValues(piece) ?? []) };
        wholePieces.set(attribute, whole);
    }
    return whole;
}

function domainPieces(attribute: AnalysedAttribute): readonly Region[] {
    return wholeOf(attribute).pieces;
}

function domainValues(attribute: AnalysedAttribute): ReadonlyArray<string | boolean> {
    return wholeOf(attribute).values;
}

/**
 * A choice's value (or values) grown to every value no stopping case holds: a choice has no order,
 * so the finding reaches each value its neighbours along this attribute do not take, not only the
 * next one (`aktivitetsförmåga i { hög, nedsatt }`). Undefined when that is every value; one value
 * stays a value.
 */
function widenValues(region: Region, stopping: readonly Region[], attribute: AnalysedAttribute): Region | undefined {
    const taken = new Set(stopping.flatMap(stop => regionValues(stop) ?? []));
    const all = domainValues(attribute);
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

/** Whether the region `outer` holds every value of `inner` (a box lies inside another where this holds on each attribute the outer one names). */
function contains(outer: Region, inner: Region): boolean {
    if (outer.kind !== 'range' || inner.kind !== 'range') {
        const outerValues = regionValues(outer);
        return regionValues(inner)?.every(value => outerValues?.includes(value)) ?? false;
    }
    const lowOk = outer.lo === undefined || (inner.lo !== undefined && (inner.lo.compare(outer.lo) > 0 || (inner.lo.equals(outer.lo) && (outer.loClosed || !inner.loClosed))));
    const highOk = outer.hi === undefined || (inner.hi !== undefined && (inner.hi.compare(outer.hi) < 0 || (inner.hi.equals(outer.hi) && (outer.hiClosed || !inner.hiClosed))));
    return lowOk && highOk;
}
