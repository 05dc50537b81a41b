import { ExactNumber, matchCriterion, type Criterion, type Literal } from '@regelratt/format';
import { dayNumber, type AnalysedAttribute, type AttributeDomain } from './attribute-domain.js';
import { partitionDomain, partitionRange, representative, type Cut, type Region } from './regions.js';

/** A criterion that partial evaluation has decided, or what is left of it. */
type Residual = boolean | Criterion;

/** One case of a case split: some attributes fixed to a region, the others free; every criterion decided. */
export interface Case {
    assignment: ReadonlyMap<string, Region>;
    verdicts: readonly boolean[];
}

export interface CaseSplit {
    cases: Case[];
    /** False when the case budget ran out before every combination was decided. */
    complete: boolean;
    /** When the budget ran out: the slab (attributes fixed so far) that was being split, the part not finished. */
    unfinished?: ReadonlyMap<string, Region>;
    /**
     * When the budget ran out: boxes that together with the cases cover every citizen exactly once
     * (the unfinished slab and the siblings of each slab above it not yet split), so that findings
     * proven so far can still be joined into maximal boxes without growing into what nobody checked.
     */
    unexplored?: ReadonlyArray<ReadonlyMap<string, Region>>;
}

/**
 * The largest number of cases one split may produce. Criteria as policies write them (a handful of
 * attributes, each compared with a few constants) need tens or hundreds; the budget exists so that
 * a pathological input ends with "could not decide" rather than a frozen editor.
 */
export const CASE_BUDGET = 20_000;

/**
 * Splits the space of all citizens (every combination of attribute values the criteria read) into
 * cases on which each criterion is decided, branching only on the attributes still undecided.
 * Exact: each attribute is split where a comparison on it changes truth value, so every value of a
 * region behaves alike. With `stopWhen`, stops at the first case it accepts.
 */
export function splitCases(
    criteria: readonly Criterion[],
    attributes: ReadonlyMap<string, AnalysedAttribute>,
    options: { stopWhen?: (verdicts: readonly boolean[]) => boolean; budget?: number } = {},
): CaseSplit {
    const budget = options.budget ?? CASE_BUDGET;
    // Ties between attributes go to the one read first, so the same criteria split the same way.
    const order = new Map(attributesRead(criteria).map((id, index) => [id, index]));
    const cases: Case[] = [];
    let complete = true;
    let stopped = false;
    let unfinished: ReadonlyMap<string, Region> | undefined;
    const unexplored: Array<ReadonlyMap<string, Region>> = [];

    const explore = (residuals: Residual[], assignment: Map<string, Region>): void => {
        if (stopped) {
            return;
        }
        const attribute = splittingAttribute(residuals, order);
        if (attribute === undefined) {
            const verdicts = residuals as boolean[];
            cases.push({ assignment: new Map(assignment), verdicts });
            if (options.stopWhen?.(verdicts)) {
                stopped = true;
            }
            return;
        }
        if (cases.length >= budget) {
            complete = false;
            stopped = true;
            unfinished = new Map(assignment);
            unexplored.push(unfinished);
            return;
        }
        const analysed = attributes.get(attribute);
        if (!analysed) {
            throw new Error(`No domain for ${attribute}`);
        }
        // Cut only where a criterion still undecided on this slab changes truth: the rows or förlopp
        // already decided here (a row ruled out by an earlier column) add no cuts, so a slab is split
        // as finely as what is alive in it needs, not as finely as the whole table (Calvanese et al.
        // 2018 sweep only the rules alive in a slab for the same reason).
        const undecided = residuals.filter((r): r is Criterion => typeof r !== 'boolean');
        const current = assignment.get(attribute);
        const cuts = collectConstants(undecided).get(attribute) ?? [];
        const pieces = current?.kind === 'range' ? partitionRange(current, cuts) : partitionDomain(analysed.domain, cuts);
        const regions = pieces.length > 2 && pieces[0].kind === 'range' ? slabs(pieces, undecided, attribute) : pieces;
        for (const [index, region] of regions.entries()) {
            assignment.set(attribute, region);
            explore(residuals.map(r => (typeof r === 'boolean' ? r : substitute(r, attribute, region))), assignment);
            if (current) {
                assignment.set(attribute, current);
            } else {
                assignment.delete(attribute);
            }
            if (stopped) {
                if (!complete) {
                    unexplored.push(...regions.slice(index + 1).map(rest => new Map(assignment).set(attribute, rest)));
                }
                return;
            }
        }
    };

    explore(criteria.map(c => substitute(c, undefined, undefined)), new Map());
    return { cases, complete, ...(unfinished ? { unfinished, unexplored } : {}) };
}

/**
 * Where to cut a range: at every boundary between its pieces that no criterion still undecided runs
 * across (each such criterion changes truth there, so none is carried into both sides), or, when
 * every boundary has some criterion running across it, at the one with fewest (the middle one of
 * equals). A criterion carried across a cut is split again on each side, so cutting everywhere at
 * once would multiply the work by the criteria that run across; cutting where none does is what a
 * table built as a decision tree allows at each of its nodes. The pieces between chosen cuts are
 * joined into one range, which is split further when a criterion is still undecided on it.
 */
function slabs(pieces: readonly Region[], undecided: readonly Criterion[], attribute: string): Region[] {
    const starts = pieces.slice(1).map(lowerKey);
    const across = starts.map(() => 0);
    for (const criterion of undecided) {
        const own = collectConstants([criterion]).get(attribute);
        if (!own) {
            continue;
        }
        const ownStarts = new Set(partitionRange(joined(pieces, 0, pieces.length), own).slice(1).map(lowerKey));
        starts.forEach((start, index) => {
            if (!ownStarts.has(start)) {
                across[index]++;
            }
        });
    }
    const least = Math.min(...across);
    const middle = (across.length - 1) / 2;
    const chosen = least === 0
        ? across.flatMap((count, index) => (count === 0 ? [index] : []))
        : [across.reduce((best, count, index) => (count < across[best] || (count === across[best] && Math.abs(index - middle) < Math.abs(best - middle)) ? index : best), 0)];
    const result: Region[] = [];
    let from = 0;
    for (const index of chosen) {
        result.push(joined(pieces, from, index + 1));
        from = index + 1;
    }
    result.push(joined(pieces, from, pieces.length));
    return result;
}

function lowerKey(region: Region): string {
    return region.kind === 'range' ? `${region.lo?.toDecimal() ?? '-'}${region.loClosed ? '[' : '('}` : String(representative(region));
}

/** The pieces from `from` up to (not including) `to`, which touch, as one range. */
function joined(pieces: readonly Region[], from: number, to: number): Extract<Region, { kind: 'range' }> {
    const first = pieces[from] as Extract<Region, { kind: 'range' }>;
    const last = pieces[to - 1] as Extract<Region, { kind: 'range' }>;
    return { kind: 'range', lo: first.lo, loClosed: first.loClosed, hi: last.hi, hiClosed: last.hiClosed, discrete: first.discrete };
}

/** A case where the criterion holds, or undefined when no citizen satisfies it; `undecided` when the budget ran out. */
export function findWitness(criterion: Criterion, attributes: ReadonlyMap<string, AnalysedAttribute>): Case | undefined | 'undecided' {
    const split = splitCases([criterion], attributes, { stopWhen: ([verdict]) => verdict });
    const found = split.cases.find(c => c.verdicts[0]);
    return found ?? (split.complete ? undefined : 'undecided');
}

/**
 * Witness searches over one set of attributes that remember whether any of them was cut short: an
 * analysis says "no one" only when every search it rests on finished.
 */
export interface WitnessSearch {
    /** A case meeting the criterion; undefined when there is none, or when the search was cut short. */
    find(criterion: Criterion): Case | undefined;
    /** Whether a search so far (or another analysis, through `markUndecided`) was cut short. */
    readonly undecided: boolean;
    markUndecided(): void;
}

export function witnessSearch(attributes: ReadonlyMap<string, AnalysedAttribute>): WitnessSearch {
    let undecided = false;
    return {
        find(criterion) {
            const found = findWitness(criterion, attributes);
            if (found === 'undecided') {
                undecided = true;
                return undefined;
            }
            return found;
        },
        get undecided() {
            return undecided;
        },
        markUndecided() {
            undecided = true;
        },
    };
}

/**
 * The attribute to split on next: the one the most undecided criteria read. On a table that is a
 * decision tree in disguise this is the tree's own split at each slab (every row under a node reads
 * the node's attribute), so the split follows the table's structure instead of cutting across it.
 */
function splittingAttribute(residuals: readonly Residual[], order: ReadonlyMap<string, number>): string | undefined {
    const readers = new Map<string, number>();
    for (const residual of residuals) {
        if (typeof residual !== 'boolean') {
            for (const id of attributesRead([residual])) {
                readers.set(id, (readers.get(id) ?? 0) + 1);
            }
        }
    }
    let best: string | undefined;
    for (const [id, count] of readers) {
        const bestCount = best === undefined ? -1 : readers.get(best)!;
        if (count > bestCount || (count === bestCount && (order.get(id) ?? 0) < (order.get(best!) ?? 0))) {
            best = id;
        }
    }
    return best;
}

/**
 * One attribute's domain cut wherever one of the criteria (each reading only that attribute, as a
 * decision table's cells do) changes truth, and each criterion's truth on each piece: the pieces are
 * where the cells can differ, so two cells hold on the same values exactly when their truths agree.
 */
export function truthsOver(criteria: readonly Criterion[], attribute: string, domain: AttributeDomain): { pieces: Region[]; truths: boolean[][] } {
    const pieces = partitionDomain(domain, collectConstants(criteria).get(attribute) ?? []);
    return { pieces, truths: criteria.map(criterion => pieces.map(piece => substitute(criterion, attribute, piece) === true)) };
}

/** Every attribute the criteria read, in order of first appearance. */
export function attributesRead(criteria: readonly Criterion[]): string[] {
    const seen = new Set<string>();
    const read = (leaf: { attribute: string }) => {
        seen.add(leaf.attribute);
    };
    const visit = (criterion: Criterion): void => matchCriterion<void>(criterion, {
        all: c => c.all.forEach(visit),
        any: c => c.any.forEach(visit),
        not: c => visit(c.not),
        test: read,
        op: read,
        in: read,
        between: read,
        against: read,
    });
    criteria.forEach(visit);
    return [...seen];
}

/** Where each attribute's comparisons change truth value. */
function collectConstants(criteria: readonly Criterion[]): Map<string, Cut[]> {
    const constants = new Map<string, Cut[]>();
    const add = (attribute: string, at: ExactNumber, sides: Array<Cut['side']> = ['before', 'after']) => {
        const list = constants.get(attribute) ?? [];
        list.push(...sides.map(side => ({ at, side })));
        constants.set(attribute, list);
    };
    const visit = (criterion: Criterion): void => matchCriterion<void>(criterion, {
        all: c => c.all.forEach(visit),
        any: c => c.any.forEach(visit),
        not: c => visit(c.not),
        between: c => {
            add(c.attribute, ExactNumber.parse(c.between.min), ['before']);
            add(c.attribute, ExactNumber.parse(c.between.max), ['after']);
        },
        in: c => c.in.forEach(literal => {
            const value = numericLiteral(literal);
            if (value) {
                add(c.attribute, value);
            }
        }),
        op: c => {
            const value = numericLiteral(c.value);
            if (value) {
                const { op } = c;
                add(c.attribute, value, op === '<' || op === '>=' ? ['before'] : op === '<=' || op === '>' ? ['after'] : ['before', 'after']);
            }
        },
        // A yes/no changes truth at no constant; a named value's constant is not known here.
        test: () => undefined,
        against: () => undefined,
    });
    criteria.forEach(visit);
    return constants;
}

function numericLiteral(literal: Literal): ExactNumber | undefined {
    if ('number' in literal) {
        return ExactNumber.parse(literal.number);
    }
    if ('date' in literal) {
        return dayNumber(literal.date);
    }
    return undefined;
}

/**
 * Replaces the comparisons on `attribute` by their truth value on `region` and simplifies; with no
 * attribute it only simplifies (an empty `all` is true, an empty `any` false).
 */
function substitute(criterion: Criterion, attribute: string | undefined, region: Region | undefined): Residual {
    const leaf = (comparison: Exclude<Criterion, { all: unknown } | { any: unknown } | { not: unknown }>): Residual => {
        if (comparison.attribute !== attribute || !region) {
            return comparison;
        }
        // A range may still hold a value where the comparison changes truth; it stays for a later cut.
        if (region.kind === 'range' && partitionRange(region, collectConstants([comparison]).get(attribute) ?? []).length > 1) {
            return comparison;
        }
        return holds(comparison, representative(region));
    };
    return matchCriterion<Residual>(criterion, {
        all: c => {
            const rest: Criterion[] = [];
            for (const part of c.all) {
                const value = substitute(part, attribute, region);
                if (value === false) {
                    return false;
                }
                if (value !== true) {
                    rest.push(value);
                }
            }
            return rest.length === 0 ? true : rest.length === 1 ? rest[0] : { all: rest };
        },
        any: c => {
            const rest: Criterion[] = [];
            for (const part of c.any) {
                const value = substitute(part, attribute, region);
                if (value === true) {
                    return true;
                }
                if (value !== false) {
                    rest.push(value);
                }
            }
            return rest.length === 0 ? false : rest.length === 1 ? rest[0] : { any: rest };
        },
        not: c => {
            const value = substitute(c.not, attribute, region);
            return typeof value === 'boolean' ? !value : { not: value };
        },
        test: leaf,
        op: leaf,
        in: leaf,
        between: leaf,
        against: leaf,
    });
}

/** The truth of one comparison for one value of its attribute. */
export function holds(criterion: Criterion, value: string | boolean | ExactNumber): boolean {
    const notComparison = (): never => {
        throw new Error('Not a comparison');
    };
    return matchCriterion<boolean>(criterion, {
        test: () => value === true,
        between: c => {
            const v = value as ExactNumber;
            return v.compare(ExactNumber.parse(c.between.min)) >= 0 && v.compare(ExactNumber.parse(c.between.max)) <= 0;
        },
        in: c => c.in.some(literal => equalsLiteral(value, literal)),
        op: c => {
            const { op, value: literal } = c;
            if (op === '=' || op === '!=') {
                return equalsLiteral(value, literal) === (op === '=');
            }
            const order = (value as ExactNumber).compare(numericLiteral(literal)!);
            switch (op) {
                case '<': return order < 0;
                case '<=': return order <= 0;
                case '>': return order > 0;
                case '>=': return order >= 0;
            }
        },
        // The parts of a connective are split by substitute; a named value has no one value to hold against.
        all: notComparison,
        any: notComparison,
        not: notComparison,
        against: notComparison,
    });
}

function equalsLiteral(value: string | boolean | ExactNumber, literal: Literal): boolean {
    if ('boolean' in literal) {
        return value === literal.boolean;
    }
    if ('enumeration' in literal) {
        return value === literal.enumeration;
    }
    const number = numericLiteral(literal)!;
    return value instanceof ExactNumber && value.equals(number);
}
