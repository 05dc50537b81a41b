import { ExactNumber, matchCriterion, type Criterion } from '@regelratt/format';
import { comparePriority } from '@regelratt/runtime';
import type { AnalysedAttribute } from './attribute-domain.js';
import { findWitness, type Case } from './case-split.js';
import type { DecisionAnalysis } from './decision-table-analysis.js';
import type { Region } from './regions.js';
import type { RowPolicy } from './row-reach.js';

export interface FallingAmount {
    /** The output column whose amount falls. */
    column: string;
    /** The need column (an attribute id, or the level's). */
    need: string;
    /** 0-based rows: the one with less need and the higher amount, then the one with more need and the lower amount; the number of rows stands for the default (`annars`). */
    lowerNeedRow: number;
    higherNeedRow: number;
    lowerNeedAmount: ExactNumber;
    higherNeedAmount: ExactNumber;
    /** What the column gives: kronor or per cent. */
    unit: 'kr' | '%';
    /** The two citizens, equal in every other column: less need first. */
    lowerNeed: Case;
    higherNeed: Case;
}

/**
 * What the need analysis reads of a decision table besides its analysis (whose input gives the rows'
 * cells): the need columns, how a row decides, and each output column's amounts.
 */
export interface NeedTable {
    /** The input columns that measure need (the level, and the attributes declared `behov`), by attribute id, in column order. */
    needs: readonly string[];
    hitPolicy: RowPolicy;
    /** Whether the table has default outputs (`annars`): they decide where no row holds, as one more row, last. */
    hasDefault: boolean;
    outputs: ReadonlyArray<{
        column: string;
        /** Whether a row's (or the default's) cell is a formula, whose amount depends on the case. */
        formula: boolean;
        /** Each row's amount (kr or %), then the default's; undefined where the cell is not one. */
        amounts: ReadonlyArray<ExactNumber | undefined>;
        unit: 'kr' | '%';
    }>;
}

/** The id of the second citizen's copy of the need column. */
const twin = (id: string) => `${id}#2`;

/**
 * Amounts (kr or %) of a decision table must not fall as need rises: over the level, and over every
 * attribute the table declares as need (`behov`). Exact over the declared domains: for each pair of
 * rows whose amounts fall, the case split looks for two citizens who agree on every other column, the
 * second with strictly more need, the first decided by the first row and the second by the second.
 * The need column is compared across the two citizens by splitting its domain at every constant the
 * rows compare it with: each region is ordered wholly below or above the others. Each row is
 * reported at most once per column and need, against the nearest row (in table order) it falls
 * below; no finding means no two such citizens exist.
 */
export function analyseNeedMonotonicity(table: NeedTable, analysis: DecisionAnalysis): { findings: FallingAmount[]; complete: boolean } {
    const { needs } = table;
    // The cells as the analysis read them (a parameter a cell names already replaced by its value).
    const rows: Criterion[] = analysis.input.cells.map(cells => {
        const conditions = cells.filter((c): c is Criterion => c !== null);
        return conditions.length === 1 ? conditions[0] : { all: conditions };
    });
    // The row that decides: itself, and under `första` no earlier row, under `prioritet` no row of
    // higher priority (rows of the same priority that disagree are an overlap: this analysis then does not run).
    const ahead = (index: number): Criterion[] => {
        if (table.hitPolicy === 'första') {
            return rows.slice(0, index);
        }
        const ranks = analysis.input.ranks;
        return table.hitPolicy === 'prioritet' && ranks ? rows.filter((_, other) => comparePriority(ranks[other], ranks[index]) < 0) : [];
    };
    const deciding: Criterion[] = rows.map((row, index) => (ahead(index).length > 0 ? { all: [row, ...ahead(index).map(earlier => ({ not: earlier }))] } : row));
    // The default outputs (`annars`) decide where no row holds: one more row, last, whose amounts count too.
    if (table.hasDefault) {
        deciding.push({ not: { any: rows } });
    }
    const findings: FallingAmount[] = [];
    let complete = true;
    // Per numeric need column, the same for every output column: the attributes with the need's
    // second copy, and the bounds each row puts on the need.
    const numericNeeds = needs.flatMap(need => {
        const attribute = analysis.attributes.get(need);
        if (!attribute || (attribute.domain.kind !== 'integer' && attribute.domain.kind !== 'decimal')) {
            return [];
        }
        const attributes = new Map<string, AnalysedAttribute>([...analysis.attributes, [twin(need), { ...attribute, id: twin(need) }]]);
        return [{ need, attributes, bounds: deciding.map(row => needBounds(row, need)) }];
    });
    table.outputs.forEach(output => {
        // A formula cell's amount depends on the case, not on the row alone: not decided here, and said so.
        if (numericNeeds.length > 0 && output.formula) {
            complete = false;
            return;
        }
        const { amounts, unit } = output;
        for (const { need, attributes, bounds } of numericNeeds) {
            for (let high = 0; high < deciding.length; high++) {
                const highAmount = amounts[high];
                if (!highAmount) {
                    continue;
                }
                for (const low of byDistance(high, deciding.length)) {
                    const lowAmount = amounts[low];
                    if (!lowAmount || lowAmount.compare(highAmount) <= 0 || neverBelow(bounds[low], bounds[high])) {
                        continue;
                    }
                    const found = risingPair(deciding[low], deciding[high], need, attributes);
                    if (found === 'undecided') {
                        complete = false;
                    } else if (found) {
                        findings.push({
                            column: output.column, need, lowerNeedRow: low, higherNeedRow: high,
                            lowerNeedAmount: lowAmount, higherNeedAmount: highAmount, unit, ...found,
                        });
                        // One finding per row, column and need: a table whose amounts fall all
                        // the way down has a falling pair for every two rows, and a reviewer needs
                        // each row named once, against its nearest row, not every pair.
                        break;
                    }
                }
            }
        }
    });
    return { findings, complete };
}

/** Every row but `row`, nearest first (the earlier before the later at equal distance). */
function* byDistance(row: number, count: number): Generator<number> {
    for (let distance = 1; distance < count; distance++) {
        if (row - distance >= 0) {
            yield row - distance;
        }
        if (row + distance < count) {
            yield row + distance;
        }
    }
}

/** Bounds a row sets on the need column, widened (a strict bound counts as inclusive); a missing bound is open. */
interface NeedBounds {
    min?: ExactNumber;
    max?: ExactNumber;
}

/**
 * What the top-level comparisons of a row say about the need column. Only conjuncts are read (an
 * `eller` or `inte` bounds nothing here), so the bounds hold for every citizen the row decides: wider
 * than the truth, never narrower. They let the analysis skip the solver for the pairs of rows no
 * two citizens can rise between; in a table of a few hundred need bands almost every pair is one.
 */
function needBounds(criterion: Criterion, need: string): NeedBounds {
    const bounds: NeedBounds = {};
    const narrow = (min?: ExactNumber, max?: ExactNumber) => {
        if (min && (!bounds.min || min.compare(bounds.min) > 0)) {
            bounds.min = min;
        }
        if (max && (!bounds.max || max.compare(bounds.max) < 0)) {
            bounds.max = max;
        }
    };
    const on = <C extends { attribute: string }>(bound: (comparison: C) => void) => (comparison: C) => {
        if (comparison.attribute === need) {
            bound(comparison);
        }
    };
    // Only a conjunction bounds the need: a part of `eller` or under `inte` need not hold.
    const visit = (part: Criterion): void => matchCriterion<void>(part, {
        all: c => c.all.forEach(visit),
        any: () => undefined,
        not: () => undefined,
        between: on(c => narrow(ExactNumber.parse(c.between.min), ExactNumber.parse(c.between.max))),
        in: on(c => {
            const values = c.in.map(literal => ('number' in literal ? ExactNumber.parse(literal.number) : undefined));
            if (values.length > 0 && values.every(value => value !== undefined)) {
                const sorted = (values as ExactNumber[]).sort((x, y) => x.compare(y));
                narrow(sorted[0], sorted[sorted.length - 1]);
            }
        }),
        op: on(c => {
            if ('number' in c.value) {
                const value = ExactNumber.parse(c.value.number);
                const op = c.op;
                narrow(op === '=' || op === '>' || op === '>=' ? value : undefined, op === '=' || op === '<' || op === '<=' ? value : undefined);
            }
        }),
        test: () => undefined,
        against: () => undefined,
    });
    visit(criterion);
    return bounds;
}

/** Whether every need the first row admits is at least every need the second admits: then none is strictly less. */
function neverBelow(lower: NeedBounds, higher: NeedBounds): boolean {
    return lower.min !== undefined && higher.max !== undefined && lower.min.compare(higher.max) >= 0;
}

/**
 * Two citizens equal outside `need`, the first deciding by `lower` with strictly less need than the
 * second deciding by `higher`; undefined when there are none.
 */
function risingPair(lower: Criterion, higher: Criterion, need: string, attributes: Map<string, AnalysedAttribute>): { lowerNeed: Case; higherNeed: Case } | undefined | 'undecided' {
    const cuts = constants(lower, need).concat(constants(higher, need)).sort((a, b) => a.compare(b))
        .filter((value, index, all) => index === 0 || !value.equals(all[index - 1]));
    // Strictly less need: below a cut the first, at or above it the second; or between equal cuts,
    // any strict order within one region (both in the same open range) also counts.
    const orders: Criterion[] = cuts.map(cut => ({
        all: [
            { attribute: need, op: '<', value: { number: cut.toDecimal() } },
            { attribute: twin(need), op: '>=', value: { number: cut.toDecimal() } },
        ],
    }));
    const renamed = rename(higher, need, twin(need));
    for (const order of orders.length > 0 ? orders : [undefined]) {
        const criterion: Criterion = { all: [lower, renamed, ...(order ? [order] : [])] };
        const found = findWitness(criterion, attributes);
        if (found === 'undecided') {
            return found;
        }
        if (found) {
            return split(found, need);
        }
    }
    return undefined;
}

/** The one case of two citizens as two cases, each with the need column under its own id. */
function split(found: Case, need: string): { lowerNeed: Case; higherNeed: Case } {
    const shared = [...found.assignment].filter(([id]) => id !== need && id !== twin(need));
    const own = (id: string): Array<[string, Region]> => (found.assignment.has(id) ? [[need, found.assignment.get(id)!]] : []);
    return {
        lowerNeed: { assignment: new Map([...shared, ...own(need)]), verdicts: found.verdicts },
        higherNeed: { assignment: new Map([...shared, ...own(twin(need))]), verdicts: found.verdicts },
    };
}

function constants(criterion: Criterion, attribute: string): ExactNumber[] {
    const on = <C extends { attribute: string }>(cuts: (comparison: C) => ExactNumber[]) => (comparison: C) => (comparison.attribute === attribute ? cuts(comparison) : []);
    // Each constant c is a cut; `<= c` changes truth just after c, which whole numbers see at c + 1.
    return matchCriterion<ExactNumber[]>(criterion, {
        all: c => c.all.flatMap(part => constants(part, attribute)),
        any: c => c.any.flatMap(part => constants(part, attribute)),
        not: c => constants(c.not, attribute),
        between: on(c => [ExactNumber.parse(c.between.min), ExactNumber.parse(c.between.max), ExactNumber.parse(c.between.max).add(epsilon())]),
        in: on(c => c.in.flatMap(l => ('number' in l ? [ExactNumber.parse(l.number), ExactNumber.parse(l.number).add(epsilon())] : []))),
        op: on(c => {
            if (!('number' in c.value)) {
                return [];
            }
            const value = ExactNumber.parse(c.value.number);
            return [value, value.add(epsilon())];
        }),
        test: () => [],
        against: () => [],
    });
}

/** A step smaller than any difference between the constants a policy writes (they have at most a few decimals). */
function epsilon(): ExactNumber {
    return ExactNumber.of(1n, 1_000_000_000n);
}

function rename(criterion: Criterion, from: string, to: string): Criterion {
    const leaf = <C extends { attribute: string }>(comparison: C): C => (comparison.attribute === from ? { ...comparison, attribute: to } : comparison);
    return matchCriterion<Criterion>(criterion, {
        all: c => ({ all: c.all.map(part => rename(part, from, to)) }),
        any: c => ({ any: c.any.map(part => rename(part, from, to)) }),
        not: c => ({ not: rename(c.not, from, to) }),
        test: leaf,
        op: leaf,
        in: leaf,
        between: leaf,
        against: leaf,
    });
}
