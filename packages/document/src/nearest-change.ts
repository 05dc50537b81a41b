import { ExactNumber, matchCriterion, type Attribute, type Criterion, type Fee, type Literal } from '@regelratt/format';
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

// ------------------------------------------------------------------ placements, inclusions, decisions

/**
 * An attribute of the rule that can change: the citizen's key for it, its place in the order the
 * rule reads, and its other values (a choice, yes/no) or its number pieces, `at` the citizen's own.
 */
interface Movable {
    attribute: Attribute;
    key: string;
    order: number;
    values: Array<string | boolean>;
    pieces: Piece[];
    at: number;
    x: ExactNumber;
}

/** A piece of a number attribute's values on which every comparison the rule makes has one truth. */
interface Piece {
    lo?: ExactNumber;
    loClosed: boolean;
    hi?: ExactNumber;
    hiClosed: boolean;
    /** A value inside the piece, which the runtime is asked with. */
    probe: ExactNumber;
}

/**
 * One of the citizen's facts changed: to another value of a choice or yes/no, or into a range of a
 * number, `from`/`to` bounding it (an absent bound: as far as the attribute goes).
 */
export type FactChange =
    | { attribute: Attribute; kind: 'value'; value: string | boolean }
    | { attribute: Attribute; kind: 'range'; from?: { value: ExactNumber; closed: boolean }; to?: { value: ExactNumber; closed: boolean }; probe: ExactNumber };

/** The fewest of the citizen's facts changed that give another answer, and that answer (as the caller's key). */
export interface AnswerChange {
    changes: FactChange[];
    answer: string;
}

/** The most facts changed at once: a change of three facts is no longer a "nearest" one a citizen can use. */
const MOST_FACTS = 2;
/** The most answers said: one for each other answer, the first few (a rule of 12 attributes is not listed out). */
export const MOST_CHANGES = 3;
/** The most questions one search asks the runtime; a search that needs more says nothing. */
const BUDGET = 4000;

/**
 * The nearest changes of the citizen's facts that give another answer to a rule made of criteria (a
 * placement, an inclusion, a decision table's rows), found from the rule's exact pieces: each number
 * attribute is cut where a comparison on it changes truth, so every value of a piece gets the same
 * answer and the runtime is asked once per piece (at its `probe`). "Nearest" is, in this order: the
 * fewest facts changed (one, else two); for each other answer the change of the attributes read
 * first, and for a number the piece closest to the citizen's value (below before above at equal
 * distance), widened over the neighbouring pieces that give the same answer so the range said is
 * whole. One change for each other answer, at most `MOST_CHANGES`. Dates are not changed (a day is
 * not a fact a citizen changes). Pure: every answer is the runtime's (`ask`).
 */
export function nearestAnswerChanges(runtime: PolicyRuntime, criteria: readonly Criterion[], citizen: CitizenInput, ask: (citizen: CitizenInput) => string | undefined): AnswerChange[] {
    const original = ask(citizen);
    // A cell compared with a named value (`< maxpris`, `> maxtaxa`) changes truth where the other
    // side's value lies, which the pieces below (cut at constants) do not know: no change is named
    // rather than one the runtime might not answer as said.
    if (original === undefined || criteria.some(comparesWithNamedValue)) {
        return [];
    }
    let asked = 0;
    const answer = (changed: CitizenInput): string | undefined => {
        asked++;
        return ask(changed);
    };
    // Each attribute that can change, with the ways it can: other values, or the number pieces.
    const movable = readAttributes(criteria).flatMap((id, order): Movable[] => {
        const attribute = runtime.policy.find(id);
        if (attribute?.kind !== 'attribute' || attribute.domain.type === 'date') {
            return [];
        }
        const key = citizen[attribute.id] !== undefined ? attribute.id : attribute.name;
        const given = citizen[key];
        if (given === undefined || given === null) {
            return [];
        }
        let current: unknown;
        try {
            current = readAttributeValue(attribute, given);
        } catch {
            return [];
        }
        const domain = attribute.domain;
        if (domain.type === 'enumeration' || domain.type === 'boolean') {
            const values: Array<string | boolean> = domain.type === 'boolean' ? [true, false] : domain.values.map(v => v.name);
            return [{ attribute, key, order, values: values.filter(v => v !== current), pieces: [], at: -1, x: ExactNumber.ZERO }];
        }
        const x = current instanceof ExactNumber ? current : ExactNumber.parse(String(current));
        const pieces = numberPieces(attribute, constantsOn(criteria, id));
        const at = pieces.findIndex(piece => inside(piece, x));
        return at < 0 ? [] : [{ attribute, key, order, values: [], pieces, at, x }];
    });
    type Move = { changes: FactChange[]; patch: Record<string, unknown>; rank: ExactNumber[] };
    const movesOf = (m: Movable): Move[] => [
        ...m.values.map((value, index) => ({ changes: [{ attribute: m.attribute, kind: 'value' as const, value }], patch: { [m.key]: value }, rank: [ExactNumber.of(BigInt(m.order)), ExactNumber.of(BigInt(index))] })),
        ...m.pieces.flatMap((piece, index) => {
            if (index === m.at) {
                return [];
            }
            // Distance from the citizen's value to the piece's nearest value (an open end is a little
            // further than a closed one at the same number); below before above at equal distance.
            const below = index < m.at;
            const distance = below ? m.x.subtract(piece.hi!) : piece.lo!.subtract(m.x);
            const open = (below ? piece.hiClosed : piece.loClosed) ? ExactNumber.ZERO : ExactNumber.ONE;
            const rank = [ExactNumber.of(BigInt(m.order)), distance, open, below ? ExactNumber.ZERO : ExactNumber.ONE];
            return [{ changes: [pieceChange(m.attribute, piece)], patch: { [m.key]: piece.probe.toDecimal() }, rank }];
        }),
    ];
    const compareRanks = (a: ExactNumber[], b: ExactNumber[]) => {
        for (let i = 0; i < Math.min(a.length, b.length); i++) {
            const order = a[i].compare(b[i]);
            if (order !== 0) {
                return order;
            }
        }
        return a.length - b.length;
    };
    const moves = movable.map(movesOf);
    for (let facts = 1; facts <= Math.min(MOST_FACTS, movable.length); facts++) {
        const best = new Map<string, Move & { which: number[] }>();
        for (const which of combinations(movable.length, facts)) {
            for (const combined of product(which.map(i => moves[i]))) {
                if (asked >= BUDGET) {
                    return [];
                }
                const move: Move = { changes: combined.flatMap(m => m.changes), patch: Object.assign({}, ...combined.map(m => m.patch)), rank: combined.flatMap(m => m.rank) };
                const other = answer({ ...citizen, ...move.patch });
                if (other === undefined || other === original) {
                    continue;
                }
                const kept = best.get(other);
                if (!kept || compareRanks(move.rank, kept.rank) < 0) {
                    best.set(other, { ...move, which });
                }
            }
        }
        if (best.size > 0) {
            const chosen = [...best.entries()].sort(([, a], [, b]) => compareRanks(a.rank, b.rank)).slice(0, MOST_CHANGES);
            return chosen.map(([other, move]) => ({ answer: other, changes: widen(move, other) }));
        }
    }
    return [];

    /**
     * A number change said as the whole run of pieces that give the same answer, with the other
     * facts changed as found: widened away from the citizen's value one piece at a time, each
     * neighbour checked with every piece already taken of the other changed numbers.
     */
    function widen(move: Move & { which: number[] }, other: string): FactChange[] {
        const taken = move.which.map((i, n) => {
            const m = movable[i];
            const change = move.changes[n];
            return change.kind === 'range' ? [m.pieces.findIndex(p => p.probe.equals(change.probe))] : [];
        });
        const holdsWith = (n: number, index: number): boolean => {
            const others = move.which.map((_, k) => (k === n ? [index] : taken[k].length > 0 ? taken[k] : [-1]));
            return [...product(others)].every(choice => {
                const patch = { ...move.patch };
                choice.forEach((pieceIndex, k) => {
                    if (pieceIndex >= 0) {
                        patch[movable[move.which[k]].key] = movable[move.which[k]].pieces[pieceIndex].probe.toDecimal();
                    }
                });
                return asked < BUDGET && answer({ ...citizen, ...patch }) === other;
            });
        };
        return move.changes.map((change, n) => {
            if (change.kind !== 'range') {
                return change;
            }
            const m = movable[move.which[n]];
            const step = taken[n][0] < m.at ? -1 : 1;
            for (let next = taken[n][0] + step; next >= 0 && next < m.pieces.length && next !== m.at && holdsWith(n, next); next += step) {
                taken[n].push(next);
            }
            const indices = taken[n];
            const [low, high] = [m.pieces[Math.min(...indices)], m.pieces[Math.max(...indices)]];
            return pieceChange(m.attribute, { ...low, hi: high.hi, hiClosed: high.hiClosed }, Math.min(...indices) === 0, Math.max(...indices) === m.pieces.length - 1);
        });
    }
}

/** A number range as a change; a bound at the attribute's own end of its values is left unsaid, unless the range is one value. */
function pieceChange(attribute: Attribute, piece: Piece, first = false, last = false): FactChange {
    if (piece.lo && piece.hi && piece.lo.equals(piece.hi)) {
        return { attribute, kind: 'range', probe: piece.probe, from: { value: piece.lo, closed: true }, to: { value: piece.hi, closed: true } };
    }
    return {
        attribute, kind: 'range', probe: piece.probe,
        ...(piece.lo && !first ? { from: { value: piece.lo, closed: piece.loClosed } } : {}),
        ...(piece.hi && !last ? { to: { value: piece.hi, closed: piece.hiClosed } } : {}),
    };
}

function ceil(x: ExactNumber): bigint {
    return -x.negate().floor();
}

function inside(piece: Piece, x: ExactNumber): boolean {
    const above = !piece.lo || (piece.loClosed ? x.compare(piece.lo) >= 0 : x.compare(piece.lo) > 0);
    const below = !piece.hi || (piece.hiClosed ? x.compare(piece.hi) <= 0 : x.compare(piece.hi) < 0);
    return above && below;
}

/**
 * A number attribute's values cut at the constants its comparisons name: each constant alone, and
 * the open stretches between them; whole numbers are closed ranges of whole numbers (`66–80`). The
 * attribute's declared range (an amount from 0) bounds the first and the last.
 */
function numberPieces(attribute: Attribute, constants: readonly ExactNumber[]): Piece[] {
    const domain = attribute.domain;
    const whole = domain.type === 'integer';
    const min = domain.type === 'integer' || domain.type === 'decimal' ? ExactNumber.parse(domain.min) : ExactNumber.ZERO;
    const max = domain.type === 'integer' || domain.type === 'decimal' ? ExactNumber.parse(domain.max) : undefined;
    const cuts = [...constants].filter(c => c.compare(min) >= 0 && (!max || c.compare(max) <= 0)).sort((a, b) => a.compare(b))
        .filter((c, index, all) => index === 0 || !c.equals(all[index - 1]));
    const raw: Array<Omit<Piece, 'probe'>> = [];
    let lo: ExactNumber | undefined = min;
    let loClosed = true;
    for (const cut of cuts) {
        raw.push({ lo, loClosed, hi: cut, hiClosed: false }, { lo: cut, loClosed: true, hi: cut, hiClosed: true });
        lo = cut;
        loClosed = false;
    }
    raw.push({ lo, loClosed, ...(max ? { hi: max } : {}), hiClosed: max !== undefined });
    return raw.flatMap((piece): Piece[] => {
        if (whole) {
            // Whole numbers: the open ends moved in to the nearest whole number inside.
            const from = piece.lo && (piece.loClosed ? ExactNumber.of(ceil(piece.lo)) : ExactNumber.of(piece.lo.floor() + 1n));
            const to = piece.hi && (piece.hiClosed ? ExactNumber.of(piece.hi.floor()) : ExactNumber.of(ceil(piece.hi) - 1n));
            if (from && to && from.compare(to) > 0) {
                return [];
            }
            return [{ ...(from ? { lo: from } : {}), loClosed: true, ...(to ? { hi: to } : {}), hiClosed: true, probe: from ?? to ?? ExactNumber.ZERO }];
        }
        if (piece.lo && piece.hi && (piece.lo.compare(piece.hi) > 0 || (piece.lo.equals(piece.hi) && !(piece.loClosed && piece.hiClosed)))) {
            return [];
        }
        const probe = piece.lo && piece.hi ? piece.lo.add(piece.hi).divide(ExactNumber.of(2n)) : piece.lo ? piece.lo.add(ExactNumber.ONE) : piece.hi!.subtract(ExactNumber.ONE);
        return [{ ...piece, probe }];
    });
}

/** The numbers a rule's comparisons on one attribute name: where its truth can change. */
function constantsOn(criteria: readonly Criterion[], id: string): ExactNumber[] {
    const found: ExactNumber[] = [];
    const number = (literal: Literal) => ('number' in literal ? [ExactNumber.parse(literal.number)] : []);
    const visit = (criterion: Criterion): void => matchCriterion<void>(criterion, {
        all: c => c.all.forEach(visit),
        any: c => c.any.forEach(visit),
        not: c => visit(c.not),
        test: () => undefined,
        op: c => void (c.attribute === id && found.push(...number(c.value))),
        in: c => void (c.attribute === id && found.push(...c.in.flatMap(number))),
        between: c => void (c.attribute === id && found.push(ExactNumber.parse(c.between.min), ExactNumber.parse(c.between.max))),
        // Never reached: nearestAnswerChanges names no change for such criteria.
        against: () => undefined,
    });
    criteria.forEach(visit);
    return found;
}

function comparesWithNamedValue(criterion: Criterion): boolean {
    return matchCriterion<boolean>(criterion, {
        all: c => c.all.some(comparesWithNamedValue),
        any: c => c.any.some(comparesWithNamedValue),
        not: c => comparesWithNamedValue(c.not),
        test: () => false,
        op: () => false,
        in: () => false,
        between: () => false,
        against: () => true,
    });
}

/** The attributes the criteria read, in the order first read. */
function readAttributes(criteria: readonly Criterion[]): string[] {
    const found: string[] = [];
    const visit = (criterion: Criterion): void => matchCriterion<void>(criterion, {
        all: c => c.all.forEach(visit),
        any: c => c.any.forEach(visit),
        not: c => visit(c.not),
        test: c => void (!found.includes(c.attribute) && found.push(c.attribute)),
        op: c => void (!found.includes(c.attribute) && found.push(c.attribute)),
        in: c => void (!found.includes(c.attribute) && found.push(c.attribute)),
        between: c => void (!found.includes(c.attribute) && found.push(c.attribute)),
        against: c => {
            for (const id of [c.attribute, c.against.ref]) {
                if (!found.includes(id)) {
                    found.push(id);
                }
            }
        },
    });
    criteria.forEach(visit);
    return found;
}

/** Every choice of `size` of the numbers 0…count−1, in order. */
function* combinations(count: number, size: number, from = 0): Generator<number[]> {
    if (size === 0) {
        yield [];
        return;
    }
    for (let first = from; first <= count - size; first++) {
        for (const rest of combinations(count, size - 1, first + 1)) {
            yield [first, ...rest];
        }
    }
}

/** Every way to take one of each list. */
function* product<T>(lists: readonly (readonly T[])[]): Generator<T[]> {
    if (lists.length === 0) {
        yield [];
        return;
    }
    for (const head of lists[0]) {
        for (const rest of product(lists.slice(1))) {
            yield [head, ...rest];
        }
    }
}
