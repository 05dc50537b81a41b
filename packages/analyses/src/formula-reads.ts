import { ExactNumber, LEVEL_INPUT, listHitPolicy, matchCriterion, matchExpression, type Attribute, type Criterion, type Expression, type Literal } from '@regelratt/format';
import type { PolicyRuntime } from '@regelratt/runtime';
import { dayAfter } from './days.js';

/**
 * What a formula reads, and the values that stand for every region of its inputs: shared by the
 * analyses that ask the runtime about a calculation (need, bounds), so they split the citizens the
 * same way.
 */

/** A whole-number attribute is tried at every value when its range has at most this many. */
export const ENUMERABLE = 1_000;

export interface Reads {
    /** Attributes read in arithmetic (their value enters the amount), by id. */
    arithmetic: Set<string>;
    /** Every attribute read, with the constants criteria compare it with. */
    compared: Map<string, ExactNumber[]>;
    readsLevel: boolean;
    /** Dates on which something the formula reads starts or stops. */
    dates: Set<string>;
    /** The days after something the formula reads ends (`till 2017-12-31`: 2018-01-01), where an answer can change too. */
    ends: Set<string>;
    /** The highest level a level table or decision table it reads names. */
    maxLevel: number;
    /**
     * Every criterion the formula's answer depends on (its choices' conditions, the rows of the
     * decision tables it reads): a case split over them decides every choice and row.
     */
    criteria: Criterion[];
    /** Whether the level enters an amount (`nivå` in arithmetic), not only chooses a row. */
    levelArithmetic: boolean;
    /**
     * The tables under a list policy (`ruleOrder`, `outputOrder`, `collectList`) the formula reads as a
     * value: it has none for anyone (the runtime answers `not-computable`), so there is nothing to bound.
     */
    lists: Set<string>;
}

export function enumerable(attribute: Attribute): boolean {
    const domain = attribute.domain;
    return domain.type === 'integer' && Number(domain.max) - Number(domain.min) < ENUMERABLE;
}

/**
 * Values that stand for every region the criteria split an attribute's domain into: each compared
 * constant, a value on each side, and the domain's ends; every whole value of a small whole-number
 * need. Yes/no and enumerations: every value.
 */
export function candidates(attribute: Attribute, constants: readonly ExactNumber[], isNeed: boolean): ExactNumber[] {
    const domain = attribute.domain;
    if (domain.type === 'boolean') {
        return [ExactNumber.ZERO, ExactNumber.ONE];
    }
    if (domain.type === 'enumeration') {
        return domain.values.map((_, index) => ExactNumber.of(BigInt(index)));
    }
    if (domain.type === 'date') {
        return [];
    }
    // An amount attribute is never below zero (the runtime refuses it).
    const min = 'min' in domain ? ExactNumber.parse(domain.min) : domain.type === 'money' ? ExactNumber.ZERO : undefined;
    const max = 'max' in domain ? ExactNumber.parse(domain.max) : undefined;
    if (isNeed && domain.type === 'integer' && enumerable(attribute)) {
        return Array.from({ length: Number(domain.max) - Number(domain.min) + 1 }, (_, i) => ExactNumber.of(BigInt(Number(domain.min) + i)));
    }
    const step = domain.type === 'integer' ? ExactNumber.ONE : ExactNumber.of(1n, 100n);
    const points = new Map<string, ExactNumber>();
    const add = (value: ExactNumber) => {
        if ((!min || value.compare(min) >= 0) && (!max || value.compare(max) <= 0)) {
            points.set(value.toDecimal(), value);
        }
    };
    for (const constant of [...constants, ...(min ? [min] : []), ...(max ? [max] : []), ...(!min && !max ? [ExactNumber.ZERO] : [])]) {
        add(constant.subtract(step));
        add(constant);
        add(constant.add(step));
    }
    if (domain.type !== 'integer') {
        // Between neighbouring points as well: a decimal need's pieces are open intervals.
        const sorted = [...points.values()].sort((a, b) => a.compare(b));
        for (let i = 1; i < sorted.length; i++) {
            add(sorted[i - 1].add(sorted[i]).divide(ExactNumber.of(2n)));
        }
    }
    return [...points.values()].sort((a, b) => a.compare(b));
}

/** Kronor that amounts without a declared range are tried at: from nothing to far above any income. */
const MONEY_POINTS = [0n, 100n, 1_000n, 5_000n, 10_000n, 20_000n, 50_000n, 100_000n, 1_000_000n];

/**
 * Values across an attribute's whole range, for searches that must reach where a formula's terms
 * take over from each other (its comparisons alone do not show that): seven points evenly between a
 * number's ends, or typical amounts of money.
 */
export function spread(attribute: Attribute): ExactNumber[] {
    const domain = attribute.domain;
    if (domain.type === 'money') {
        return MONEY_POINTS.map(v => ExactNumber.of(v));
    }
    if (domain.type === 'integer' || domain.type === 'decimal') {
        const min = ExactNumber.parse(domain.min);
        const width = ExactNumber.parse(domain.max).subtract(min);
        return [1n, 2n, 3n, 4n, 5n, 6n, 7n].map(eighth => {
            const point = min.add(width.multiply(ExactNumber.of(eighth, 8n)));
            return domain.type === 'integer' ? ExactNumber.of(point.floor()) : point;
        });
    }
    return [];
}

export function valueText(attribute: Attribute, value: ExactNumber): string | boolean {
    const domain = attribute.domain;
    if (domain.type === 'boolean') {
        return value.equals(ExactNumber.ONE);
    }
    if (domain.type === 'enumeration') {
        return domain.values[Number(value.numerator)].name;
    }
    return value.toDecimal();
}

export function collectReads(runtime: PolicyRuntime, root: Expression): Reads {
    const policy = runtime.policy;
    const reads: Reads = { arithmetic: new Set(), compared: new Map(), readsLevel: false, dates: new Set(), ends: new Set(), maxLevel: 0, criteria: [], levelArithmetic: false, lists: new Set() };
    const seen = new Set<object>();
    const compared = (id: string) => {
        let list = reads.compared.get(id);
        if (!list) {
            reads.compared.set(id, (list = []));
        }
        return list;
    };
    const validity = (v: { from: string; to?: string } | undefined) => {
        if (v) {
            reads.dates.add(v.from);
            if (v.to) {
                reads.ends.add(dayAfter(v.to));
            }
        }
    };
    const criterion = (node: Criterion): void => matchCriterion<void>(node, {
        all: c => c.all.forEach(criterion),
        any: c => c.any.forEach(criterion),
        not: c => criterion(c.not),
        test: c => leaf(c, () => undefined),
        between: c => leaf(c, list => list.push(ExactNumber.parse(c.between.min), ExactNumber.parse(c.between.max))),
        in: c => leaf(c, list => list.push(...c.in.flatMap(number))),
        op: c => leaf(c, list => list.push(...number(c.value))),
        against: c => leaf(c, list => againstReads(c.attribute, c.against.ref, list)),
    });
    const number = (literal: Literal) => ('number' in literal ? [ExactNumber.parse(literal.number)] : []);
    // A comparison on the level reads the level; one on an attribute adds its constants to those compared with it.
    const leaf = (node: { attribute: string }, add: (list: ExactNumber[]) => void) => {
        if (node.attribute === LEVEL_INPUT) {
            reads.readsLevel = true;
        } else {
            add(compared(node.attribute));
        }
    };
    // A cell compared with a named value (since 1.11): with a parameter, its versions' values are the
    // constants and its dates the dates to ask on; with another attribute, the truth changes wherever
    // the two meet, so both are tried across their ranges, as an amount read in arithmetic is.
    const againstReads = (attribute: string, ref: string, list: ExactNumber[]) => {
        const element = policy.find(ref);
        if (element?.kind === 'parameter') {
            element.versions.forEach(version => {
                list.push(ExactNumber.parse(version.value.value));
                reads.dates.add(version.from);
                if (version.to) {
                    reads.ends.add(dayAfter(version.to));
                }
            });
        } else if (element?.kind === 'attribute') {
            compared(ref);
            reads.arithmetic.add(ref);
            reads.arithmetic.add(attribute);
        }
    };
    const visit = (expression: Expression): void => {
        matchExpression<void>(expression, {
            quantity: () => undefined,
            level: () => {
                reads.readsLevel = true;
                reads.levelArithmetic = true;
            },
            op: expression => {
                visit(expression.left);
                visit(expression.right);
            },
            call: expression => {
                expression.args.forEach(visit);
            },
            round: expression => {
                visit(expression.round);
            },
            if: expression => {
                reads.criteria.push(expression.if);
                criterion(expression.if);
                visit(expression.then);
                visit(expression.else);
            },
            ref: expression => {
                if (expression.atLevel) {
                    visit(expression.atLevel);
                }
                const id = expression.ref;
                const kind = id.slice(0, id.indexOf('/'));
                if (kind === 'attribute') {
                    reads.arithmetic.add(id);
                    compared(id);
                    return;
                }
                const element = policy.find(id);
                if (!element || seen.has(element)) {
                    return;
                }
                seen.add(element);
                switch (element.kind) {
                    case 'parameter':
                        element.versions.forEach(version => {
                            reads.dates.add(version.from);
                            if (version.to) {
                                reads.ends.add(dayAfter(version.to));
                            }
                        });
                        return;
                    case 'calculation':
                        visit(element.value);
                        return;
                    case 'levelTable':
                        validity(element.validity);
                        if (!expression.atLevel) {
                            reads.readsLevel = true;
                        }
                        reads.maxLevel = element.rows.reduce((max, row) => Math.max(max, row.level), Math.max(reads.maxLevel, element.levels?.max ?? 0));
                        return;
                    case 'decisionTable':
                        if (listHitPolicy(element.hitPolicy)) {
                            reads.lists.add(id);
                        }
                        validity(element.validity);
                        element.rows.forEach(row => row.when.forEach(cell => {
                            if (cell) {
                                reads.criteria.push(cell);
                                criterion(cell);
                            }
                        }));
                        if (element.inputs.some(input => 'level' in input)) {
                            reads.maxLevel = element.rows.flatMap(row => row.when.flatMap(levelsNamed)).reduce((max, level) => Math.max(max, level), Math.max(reads.maxLevel, element.levels?.max ?? 0));
                        }
                        return;
                    case 'hourlyRate':
                    case 'flatRate':
                    case 'placeRate':
                        validity(element.validity);
                        // A rate by the case reads its selectors as a decision table its inputs: each row's
                        // values are the cells that split the cases (`regi = privat`).
                        (element.amounts ?? []).forEach(row => row.values.forEach((value, index) => {
                            const selector = element.selectors?.[index];
                            if (selector) {
                                const cell: Criterion = { attribute: selector, op: '=', value: { enumeration: value } };
                                reads.criteria.push(cell);
                                criterion(cell);
                            }
                        }));
                        return;
                    default:
                        return;
                }
            },
        });
    };
    visit(root);
    return reads;
}

/** Whole levels a decision-table cell on the level names, so the search reaches past them. */
export function levelsNamed(cell: Criterion | null): number[] {
    if (!cell || !('attribute' in cell) || cell.attribute !== LEVEL_INPUT) {
        return [];
    }
    // The parts of a connective name no level of their own here; a named value's level is not a literal.
    const none = (): string[] => [];
    const numbers = matchCriterion<string[]>(cell, {
        between: c => [c.between.max],
        op: c => ('number' in c.value ? [c.value.number] : []),
        in: c => c.in.flatMap(l => ('number' in l ? [l.number] : [])),
        test: none,
        against: none,
        all: none,
        any: none,
        not: none,
    });
    return numbers.map(n => Math.min(Number(n) + 1, 100));
}

