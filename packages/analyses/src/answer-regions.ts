import { againstReferences, ExactNumber, forEachExpression, isExpression, LEVEL_INPUT, matchCriterion, matchExpression, type Attribute, type Criterion, type Expression } from '@regelratt/format';
import { RegelrattRuntimeError, type PolicyRuntime } from '@regelratt/runtime';
import { MAX_LEVEL } from './numbers/level-limit.js';
import { dayNumber, isoDateOfDay, type AnalysedAttribute } from './attribute-domain.js';
import { attributesRead, splitCases, type Case } from './case-split.js';
import { analysedFromCompiled, levelAttribute } from './compiled-attributes.js';
import { collectReads, enumerable, type Reads } from './formula-reads.js';
import { joinBlockers, mergeCases } from './merge-cases.js';
import { partitionDomain, partitionRange, representative, type Region } from './regions.js';
import type { OutsideReason, RegionChange } from './diff-model.js';

export type { OutsideReason, RegionChange };

/**
 * The exact regions of citizens, levels and dates where an amount answer changes between two
 * versions, on the piecewise-linear fragment: every choice and decision-table row the two formulas
 * read decided by one case split over both versions' criteria (case-split.ts), every date a value
 * they read starts, every level they name, every value of a small whole-number attribute that enters
 * an amount (so a `min`'s switch, "tills maxtaxan nås", falls between two values the runtime was
 * asked about), and the remaining attributes that enter an amount only in sums and scalings (where
 * the difference is an affine form, found exactly from three answers of the runtime).
 *
 * Each cell of that partition is asked of both versions' runtimes at one citizen; on a cell every
 * citizen gets an answer that differs by the same amount (or by the same affine form), so the cell's
 * answer stands for all of them. Cells with the same change are joined into maximal boxes
 * (merge-cases.ts), each with the citizen the runtimes were asked about as its example. Outside the
 * fragment (a product of two attributes, a rounding or `min` over an amount attribute, too many cells)
 * the result says so and why; the caller then samples.
 */

/** The pseudo-attribute of a box for the date of the question (day numbers). */
export const DATE_INPUT = 'date';
/** Cells (one question to each version) per answer at most. */
export const REGION_BUDGET = 8_000;

export type Citizen = Record<string, string | boolean>;

/** One question asked of both versions and their answers (decimal text, or `fel: <code>`). */
export interface RegionPoint {
    citizen: Citizen;
    level?: number;
    date: string;
    before: string;
    after: string;
    /** after − before, exact, where both are amounts. */
    difference?: string;
}

export interface AnswerRegion {
    /** Attribute id, LEVEL_INPUT or DATE_INPUT → its values in the box; one not named may have any value. */
    box: ReadonlyMap<string, Region>;
    change: RegionChange;
    /** A citizen of the box, as both runtimes answered. */
    example: RegionPoint;
    /**
     * The named amount (an element id) that bounds the region: past its end along the attribute under
     * a `min`, that amount is the least of the `min`'s arguments ("tills maxtaxan nås").
     */
    until?: string;
}

export type RegionResult =
    | { exact: true; regions: AnswerRegion[]; cells: number }
    | { exact: false; reason: OutsideReason };

export type Version = 'before' | 'after';

export interface RegionQuestion {
    /** What both versions' formulas read, merged, attributes by their new id (criteria rewritten through renames). */
    reads: Reads;
    /** Each version's formulas (a calculation's value; a fee's room and ceiling) and its runtime. */
    formulas: Array<{ runtime: PolicyRuntime; expressions: readonly Expression[] }>;
    /** A fee: its answer is a share, a cap and a rounding of its formulas, so they must not vary inside a cell. */
    fee: boolean;
    /** The attributes by new id, with the name each version knows it by. */
    attributes: ReadonlyMap<string, { attribute: Attribute; names: readonly string[] }>;
    ask: (version: Version, citizen: Citizen, date: string, level: number | undefined) => string;
}

export function answerRegions(question: RegionQuestion): RegionResult {
    const found = regionsWith(question, false);
    // Whole numbers under a rounding tried value by value (transports × a rate per tillfälle rounded
    // to öre) can be too many cells; where the rounding's input stays on its grid, it is no rounding.
    return !found.exact && found.reason === 'cell-budget' && !question.fee ? orElse(regionsWith(question, true), found) : found;
}

function orElse(first: RegionResult, fallback: RegionResult): RegionResult {
    return first.exact ? first : fallback;
}

/**
 * The regions; with `onGrid`, whole-number attributes that enter the formulas only through sums and
 * scalings, under roundings, are measured as affine forms, on cells where every such rounding's input
 * is on the rounding's grid at the cell's citizen and moves by steps on the grid along each of them
 * (affine in whole numbers, it is then on the grid for every citizen of the cell: no rounding).
 */
function regionsWith(question: RegionQuestion, onGrid: boolean): RegionResult {
    const { reads } = question;
    const analysed = new Map<string, AnalysedAttribute>();
    for (const [id, { attribute }] of question.attributes) {
        analysed.set(id, { ...analysedFromCompiled(attribute), id });
    }
    const levelRead = reads.readsLevel || question.fee || reads.criteria.some(readsLevelCriterion);
    analysed.set(LEVEL_INPUT, levelAttribute(MAX_LEVEL));
    analysed.set(DATE_INPUT, { id: DATE_INPUT, name: 'datum', domain: { kind: 'date' } });

    // An attribute that enters the amount only through sums and scalings is measured as an affine
    // form; one under a `min`, a rounding or a product with another is tried value by value, which
    // a small whole-number domain allows; any other is outside the fragment.
    const linearIn = (free: ReadonlySet<string>, throughRounding = onGrid) => question.formulas.every(({ runtime, expressions }) =>
        expressions.every(e => (question.fee ? constantIn(e, runtime, free, new Map()) : linearity(e, runtime, free, new Map(), throughRounding)) !== 'other'));
    const arithmetic = [...reads.arithmetic].filter(id => question.attributes.has(id));
    const affine = arithmetic.filter(id => linearIn(new Set([id])));
    const rounded = onGrid ? affine.filter(id => !linearIn(new Set([id]), false)) : [];
    if (rounded.some(id => question.attributes.get(id)!.attribute.domain.type !== 'integer')) {
        return { exact: false, reason: 'not-linear' };
    }
    const roundings = onGrid ? roundingsOver(question, new Set(rounded)) : [];
    const nonLinear = arithmetic.filter(id => !affine.includes(id));
    // One attribute under `min`, `max` or a rounding: on each cell its range is cut where the
    // arguments of a `min` cross and where a rounding stops being exact, so it is affine on each
    // piece. Several: their crossings are not boxes, so each is tried value by value.
    const kinked = !question.fee && nonLinear.length === 1 ? nonLinear[0] : undefined;
    const enumerated = kinked === undefined ? nonLinear : [];
    const tooMany = enumerated.filter(id => !enumerable(question.attributes.get(id)!.attribute));
    if (tooMany.length > 0 || !linearIn(new Set(affine))) {
        return { exact: false, reason: question.fee ? 'fee-varies' : outsideReason(question, tooMany, affine) };
    }

    // A chained table's rows test its upstream's answer, which is no attribute: the cases are tried instead.
    if (attributesRead(reads.criteria).some(id => !analysed.has(id) && !question.attributes.has(id))) {
        return { exact: false, reason: 'chained' };
    }
    // A cell compared with a named value is cut at no constant the split knows: the runtime is asked instead.
    if (reads.criteria.some(criterion => againstReferences(criterion).length > 0)) {
        return { exact: false, reason: 'named-bound' };
    }
    const split = splitCases(reads.criteria, analysed, { budget: REGION_BUDGET });
    if (!split.complete) {
        return { exact: false, reason: 'split-budget' };
    }
    const allDates = dateRegions(new Set([...reads.dates, ...reads.ends]));
    // A date piece on which neither version answers anyone (a parameter both read whatever the
    // citizen has no version then, and both give the same error): no region can lie there, and an
    // imported library's years outside a policy's own would otherwise multiply the cells past the
    // budget. It still stops the regions from growing across it, as an unchanged cell does.
    const unconditional = question.formulas.map(({ runtime, expressions }) => unconditionalParameters(runtime, expressions));
    const dead = allDates.filter(date => answeredByNeither(date, analysed, question, unconditional));
    const dates = allDates.filter(date => !dead.includes(date));
    if (allDates.length > 0 && dates.length === 0) {
        return { exact: true, regions: [], cells: 0 };
    }
    const levelTop = Math.min(reads.maxLevel + 1, MAX_LEVEL);
    const levelPieces = (region: Region | undefined): Region[] => {
        if (!levelRead) {
            return [];
        }
        const range = (region ?? partitionDomain(analysed.get(LEVEL_INPUT)!.domain, [])[0]) as Extract<Region, { kind: 'range' }>;
        // Above every level a table or fee names, levels are alike unless the level enters the amount.
        const top = reads.levelArithmetic ? Number(range.hi!.floor()) : Math.min(Number(range.hi!.floor()), levelTop);
        const pieces = values(Number(range.lo!.floor()), top);
        if (top < Number(range.hi!.floor())) {
            pieces.push({ kind: 'range', lo: ExactNumber.of(BigInt(top + 1)), loClosed: true, hi: range.hi, hiClosed: true, discrete: true });
        }
        return pieces;
    };
    const enumeratedPieces = (id: string, region: Region | undefined): Region[] => {
        const range = (region ?? partitionDomain(analysed.get(id)!.domain, [])[0]) as Extract<Region, { kind: 'range' }>;
        return values(Number(range.lo!.floor()), Number(range.hi!.floor()));
    };

    // Count before asking: a policy outside the budget costs nothing but the count.
    let cells = 0;
    for (const found of split.cases) {
        let product = Math.max(1, dates.length);
        product *= levelRead ? levelPieces(found.assignment.get(LEVEL_INPUT)).length : 1;
        for (const id of enumerated) {
            product *= enumeratedPieces(id, found.assignment.get(id)).length;
        }
        cells += product;
        if (cells > REGION_BUDGET) {
            return { exact: false, reason: 'cell-budget' };
        }
    }

    const slabs = kinked === undefined ? [] : question.formulas.map(({ runtime }) => new SlabValues(runtime, kinked));
    const changed: Array<{ case: Case; key: string; change: RegionChange; example: RegionPoint; until?: { element: string; end: ExactNumber } }> = [];
    const unchanged: Case[] = dead.map(date => ({ assignment: new Map([[DATE_INPUT, date]]), verdicts: [] }));
    const dimensions = (found: Case): Array<[string, Region[]]> => [
        ...(dates.length > 0 ? [[DATE_INPUT, dates] as [string, Region[]]] : []),
        ...(levelRead ? [[LEVEL_INPUT, levelPieces(found.assignment.get(LEVEL_INPUT))] as [string, Region[]]] : []),
        ...enumerated.map(id => [id, enumeratedPieces(id, found.assignment.get(id))] as [string, Region[]]),
    ];
    let outside: OutsideReason = 'not-linear';
    for (const found of split.cases) {
        const axes = dimensions(found);
        const assignment = new Map(found.assignment);
        const visit = (axis: number): boolean => {
            if (axis === axes.length) {
                // Where both versions answer the cell with an error, it is their answer on all of it
                // (see kinkPieces): no crossings to look for.
                const limits = new Map<string, string>();
                const errors = kinked === undefined ? undefined : bothErrors(assignment, analysed, question);
                if (roundings.length > 0 && !roundingsOnGrid(roundings, rounded, assignment, analysed, question)) {
                    return false;
                }
                const pieces = kinked === undefined || errors ? [undefined] : kinkPieces(kinked, assignment, analysed, question, limits, slabs);
                if (pieces === undefined) {
                    outside = outsideReason(question, [kinked!], affine);
                    return false;
                }
                for (const piece of pieces) {
                    if (piece !== undefined) {
                        assignment.set(kinked!, piece);
                    }
                    const cell = compareCell(assignment, kinked === undefined ? affine : [...affine, kinked], analysed, question, errors);
                    if (cell === 'not-linear') {
                        return false;
                    }
                    const box: Case = { assignment: new Map(assignment), verdicts: [] };
                    if (cell === 'same') {
                        unchanged.push(box);
                    } else {
                        // Where this piece of `x` ends because a named amount becomes the least of a
                        // `min` (the maxtaxa reached), that amount, with the piece's end.
                        const end = piece?.kind === 'range' ? piece.hi : undefined;
                        const next = end && (piece as Range).discrete ? end.add(ExactNumber.ONE) : end;
                        const until = next ? limits.get(next.toDecimal()) : undefined;
                        changed.push({ case: box, ...cell, ...(until && end ? { until: { element: until, end } } : {}) });
                    }
                }
                if (kinked !== undefined) {
                    const own = found.assignment.get(kinked);
                    if (own) {
                        assignment.set(kinked, own);
                    } else {
                        assignment.delete(kinked);
                    }
                }
                cells += pieces.length - 1;
                return cells <= REGION_BUDGET;
            }
            const [id, pieces] = axes[axis];
            for (const piece of pieces) {
                assignment.set(id, piece);
                if (!visit(axis + 1)) {
                    return false;
                }
            }
            assignment.delete(id);
            return true;
        };
        if (!visit(0)) {
            return { exact: false, reason: cells > REGION_BUDGET ? 'cell-budget' : outside };
        }
    }
    // The unchanged cells only stop the regions from growing: joined first into fewer, larger boxes
    // (still disjoint from every changed cell), they stop them the same and cost far less to test.
    const blockers = joinBlockers(unchanged, analysed, changed.map(c => c.case));
    const merged = mergeCases(changed, finding => finding.key, analysed, blockers);
    return {
        exact: true, cells,
        regions: merged.map(finding => {
            // Said only where the region ends where its example's piece does: there the amount is reached.
            const bound = kinked === undefined ? undefined : finding.case.assignment.get(kinked);
            const until = finding.until && bound?.kind === 'range' && bound.hi?.equals(finding.until.end) ? { until: finding.until.element } : {};
            return { box: finding.case.assignment, change: withRange(finding.change, finding.case.assignment), example: finding.example, ...until };
        }),
    };
}

/**
 * The cell's range of the one attribute `x` under `min`, `max` or a rounding, cut into pieces on each
 * of which both versions' formulas are affine in it: where two arguments of a `min` or `max` cross
 * (each argument measured by the runtime at two values between the cuts its own parts need), and,
 * under a rounding whose input moves off the rounding's grid, at every whole value (a staircase).
 * Undefined when that cannot be made exact (a staircase over a decimal, an error of the runtime).
 */
function kinkPieces(
    x: string, assignment: ReadonlyMap<string, Region>, analysed: ReadonlyMap<string, AnalysedAttribute>, question: RegionQuestion,
    limits: Map<string, string>, slabs: readonly SlabValues[],
): Region[] | undefined {
    const range = (assignment.get(x) ?? partitionDomain(analysed.get(x)!.domain, [])[0]) as Range;
    const { citizen, date, level } = pointOf(assignment, analysed, question);
    const names = question.attributes.get(x)!.names;
    const cuts: ExactNumber[] = [];
    let failed = false;
    question.formulas.forEach(({ runtime, expressions }, version) => {
        const slab = slabs[version];
        const shape = (expression: Expression) => slab.shape(expression);
        // What does not vary with `x` has one value on the cell: asked once for all the points measured.
        const constants = new Map<Expression, ExactNumber | RegelrattRuntimeError>();
        const at = (expression: Expression, value: ExactNumber): ExactNumber => {
            const input = { ...citizen };
            const text = decimalText(value);
            names.forEach(name => (input[name] = text));
            return slab.value(expression, input, date, level, constants);
        };
        // The expression on a piece where it is affine in `x`, from two of the runtime's answers (none for a single value).
        const line = (expression: Expression, piece: Range): Line | undefined => {
            const [p, q] = twoPoints(piece, analysed.get(x)!);
            if (q === undefined) {
                return undefined;
            }
            const [vp, vq] = [at(expression, p), at(expression, q)];
            const slope = vq.subtract(vp).divide(q.subtract(p));
            return { slope, intercept: vp.subtract(slope.multiply(p)), start: vp };
        };
        const walk = (expression: Expression, within: Range): boolean => {
            if (shape(expression) !== 'other') {
                return true;
            }
            const segments = (parts: readonly Expression[]): Range[] | undefined => {
                const before = cuts.length;
                if (!parts.every(part => walk(part, within))) {
                    return undefined;
                }
                return partitionRange(within, cuts.slice(before).map(cut => ({ at: cut, side: 'before' as const }))) as Range[];
            };
            return matchExpression<boolean>(expression, {
                quantity: () => true,
                level: () => true,
                ref: e => {
                    const element = runtime.policy.find(e.ref);
                    return !e.atLevel && element?.kind === 'calculation' ? walk(element.value, within) : !e.atLevel;
                },
                op: e => {
                    const constant = (part: Expression) => shape(part) === 'constant';
                    if ((e.op === '*' && !constant(e.left) && !constant(e.right)) || (e.op === '/' && !constant(e.right))) {
                        return false;
                    }
                    return walk(e.left, within) && walk(e.right, within);
                },
                if: e => walk(e.then, within) && walk(e.else, within),
                call: e => {
                    const pieces = segments(e.args);
                    if (!pieces) {
                        return false;
                    }
                    for (const piece of pieces) {
                        const lines = e.args.map(arg => ({ arg, line: line(arg, piece) })).filter((l): l is { arg: Expression; line: Line } => l.line !== undefined);
                        lines.forEach(({ arg: argA, line: a }, i) => lines.slice(i + 1).forEach(({ arg: argB, line: b }) => {
                            if (!a.slope.equals(b.slope)) {
                                const at = b.intercept.subtract(a.intercept).divide(a.slope.subtract(b.slope));
                                cuts.push(at);
                                // Past the crossing the argument with the lesser slope is the least
                                // (the greater, for `max`): where it is a named amount, what is reached.
                                const reached = (a.slope.compare(b.slope) < 0) === (e.call === 'min') ? argA : argB;
                                const within = (!piece.lo || at.compare(piece.lo) >= 0) && (!piece.hi || at.compare(piece.hi) <= 0);
                                if (within && isExpression(reached, 'ref') && !reached.atLevel) {
                                    limits.set(startAt(at, piece.discrete).toDecimal(), reached.ref);
                                }
                            }
                        }));
                    }
                    return true;
                },
                round: e => {
                    const pieces = segments([e.round]);
                    if (!pieces) {
                        return false;
                    }
                    for (const piece of pieces) {
                        const measured = line(e.round, piece);
                        if (measured === undefined) {
                            continue;
                        }
                        const { slope, start: vp } = measured;
                        // On whole values an input on the rounding's grid at one of them, moving by a
                        // step on the grid, is never rounded: affine. Otherwise a step at every value.
                        if (slope.equals(ZERO) || (piece.discrete && vp.round(e.rounding).equals(vp) && slope.round(e.rounding).equals(slope))) {
                            continue;
                        }
                        if (!piece.discrete || !piece.lo || !piece.hi || Number(piece.hi.subtract(piece.lo).floor()) > STAIRCASE) {
                            return false;
                        }
                        for (let v = piece.lo.add(ExactNumber.ONE); v.compare(piece.hi) <= 0; v = v.add(ExactNumber.ONE)) {
                            cuts.push(v);
                        }
                    }
                    return true;
                },
            });
        };
        const before = cuts.length;
        if (failed) {
            return;
        }
        try {
            if (!expressions.every(expression => walk(expression, range))) {
                failed = true;
                return;
            }
        } catch (error) {
            if (!(error instanceof RegelrattRuntimeError)) {
                throw error;
            }
            // The version gives no amount on this cell (no version of a parameter on the date, no
            // amount for the level, no row of a table): the choices, rows, date and level are fixed
            // on a cell and `x` divides nothing, so that is its answer for every value of `x` here.
            cuts.length = before;
        }
    });
    if (failed) {
        return undefined;
    }
    return partitionRange(range, cuts.map(at => ({ at, side: 'before' as const })));
}

/**
 * The values of one version's formulas at the points where the crossings are measured, from the
 * runtime's values of their parts, each asked once per slab: a part reads only some attributes
 * (Habo's omvårdnad the visits, its maxtaxa none), so every cell that agrees on those, on the date and
 * on the level gets the same value from the runtime. A sum, a product, a `min` or `max`, a rounding
 * and a calculation read are put together from their parts with the runtime's own operators
 * (ExactNumber's, as calculation.ts does), so only the parts are asked; anything else (a choice, a
 * division, a table, a level, a calculation with limits) is asked of the runtime whole.
 */
class SlabValues {
    private readonly known = new Map<string, ExactNumber | RegelrattRuntimeError>();
    private readonly parts = new Map<Expression, { id: number; names: string[] }>();
    private readonly shapes = new Map<Expression, Linearity>();
    private readonly calculations = new Map<string, Linearity>();
    private readonly free: ReadonlySet<string>;

    constructor(private readonly runtime: PolicyRuntime, x: string) {
        this.free = new Set([x]);
    }

    /** How the expression depends on `x` (see linearity). */
    shape(expression: Expression): Linearity {
        let found = this.shapes.get(expression);
        if (found === undefined) {
            found = linearity(expression, this.runtime, this.free, this.calculations);
            this.shapes.set(expression, found);
        }
        return found;
    }

    /** The value at the citizen; `constants` holds the cell's values of the parts that do not vary with `x`. */
    value(expression: Expression, citizen: Citizen, date: string, level: number | undefined, constants: Map<Expression, ExactNumber | RegelrattRuntimeError>, depth = 0): ExactNumber {
        if (this.shape(expression) === 'constant') {
            let found = constants.get(expression);
            if (found === undefined) {
                try {
                    found = this.asked(expression, citizen, date, level);
                } catch (error) {
                    if (!(error instanceof RegelrattRuntimeError)) {
                        throw error;
                    }
                    found = error;
                }
                constants.set(expression, found);
            }
            if (found instanceof RegelrattRuntimeError) {
                throw found;
            }
            return found;
        }
        const part = (e: Expression) => this.value(e, citizen, date, level, constants, depth + 1);
        // Past the depth, and for what is not taken apart here (a division, a choice, a table), the runtime's own answer.
        const asked = () => this.asked(expression, citizen, date, level);
        if (depth >= MAX_DEPTH) {
            return asked();
        }
        return matchExpression<ExactNumber>(expression, {
            op: operation => {
                if (operation.op === '/') {
                    return asked();
                }
                const [left, right] = [part(operation.left), part(operation.right)];
                return operation.op === '+' ? left.add(right) : operation.op === '-' ? left.subtract(right) : left.multiply(right);
            },
            call: call => {
                const values = call.args.map(part);
                return call.call === 'min' ? ExactNumber.min(...values) : ExactNumber.max(...values);
            },
            round: rounded => part(rounded.round).round(rounded.rounding),
            ref: reference => {
                const element = reference.atLevel ? undefined : this.runtime.policy.find(reference.ref);
                return element?.kind === 'calculation' && !element.limits ? part(element.value) : asked();
            },
            quantity: asked,
            level: asked,
            if: asked,
        });
    }

    /** The runtime's value of a part, once per slab (the values of the attributes it reads, the date, the level). */
    private asked(expression: Expression, citizen: Citizen, date: string, level: number | undefined): ExactNumber {
        let part = this.parts.get(expression);
        if (!part) {
            // Every attribute the part reads, through the calculations and tables it reads.
            const ids = [...collectReads(this.runtime, expression).compared.keys()];
            const names = ids.flatMap(id => {
                const attribute = this.runtime.policy.find(id);
                return attribute?.kind === 'attribute' ? [attribute.name] : [];
            });
            part = { id: this.parts.size, names: names.sort() };
            this.parts.set(expression, part);
        }
        const key = `${part.id}\u0000${date}\u0000${level ?? ''}\u0000${part.names.map(name => String(citizen[name])).join('\u0000')}`;
        let found = this.known.get(key);
        if (found === undefined) {
            try {
                found = ExactNumber.parse(this.runtime.evaluate(expression, { date, citizen, ...(level !== undefined ? { level } : {}) }));
            } catch (error) {
                if (!(error instanceof RegelrattRuntimeError)) {
                    throw error;
                }
                found = error;
            }
            this.known.set(key, found);
        }
        if (found instanceof RegelrattRuntimeError) {
            throw found;
        }
        return found;
    }
}

/** Calculations followed into at most this depth before the runtime is asked the rest whole (it refuses a cycle). */
const MAX_DEPTH = 200;

/** Both versions' answers at the cell's representative where both are errors (then they are the cell's answers, see kinkPieces). */
function bothErrors(assignment: ReadonlyMap<string, Region>, analysed: ReadonlyMap<string, AnalysedAttribute>, question: RegionQuestion): { before: string; after: string } | undefined {
    const { citizen, date, level } = pointOf(assignment, analysed, question);
    const before = question.ask('before', citizen, date, level);
    if (!before.startsWith('fel')) {
        return undefined;
    }
    const after = question.ask('after', citizen, date, level);
    return after.startsWith('fel') ? { before, after } : undefined;
}

/** An expression affine in one attribute on a piece: its slope, its value at 0, its value at the piece's representative. */
interface Line {
    slope: ExactNumber;
    intercept: ExactNumber;
    start: ExactNumber;
}

/** Where the piece that a cut at `at` begins starts: the next whole value for whole numbers. */
function startAt(at: ExactNumber, discrete: boolean): ExactNumber {
    return !discrete || at.isInteger() ? at : ExactNumber.of(at.floor() + 1n);
}

/** Whole values a staircase is cut at, at most, per piece. */
const STAIRCASE = 1_000;

type Range = Extract<Region, { kind: 'range' }>;

/** Two values of the range (one when it holds a single value), to measure a line with. */
function twoPoints(range: Range, attribute: AnalysedAttribute): [ExactNumber, ExactNumber | undefined] {
    const p = representative(range) as ExactNumber;
    if (range.lo && range.hi && range.lo.equals(range.hi)) {
        return [p, undefined];
    }
    return [p, secondValue(range, p, attribute)];
}

type Linearity = 'constant' | 'affine' | 'other';

/**
 * How a formula depends on the attributes `free` (those not tried value by value): not at all, only
 * through sums and scalings by what does not depend on them (affine on every cell, where the choices
 * and rows are decided), or otherwise. Calculations it reads are followed.
 */
function linearity(
    expression: Expression, runtime: PolicyRuntime, free: ReadonlySet<string>, memo: Map<string, Linearity>,
    /** Read a rounding as its input: only to tell why a formula is outside the fragment (outsideReason). */
    throughRounding = false,
): Linearity {
    const recurse = (e: Expression) => linearity(e, runtime, free, memo, throughRounding);
    const join = (...parts: Linearity[]): Linearity => (parts.includes('other') ? 'other' : parts.includes('affine') ? 'affine' : 'constant');
    return matchExpression<Linearity>(expression, {
        quantity: () => 'constant',
        level: () => 'constant',
        ref: e => {
            if (e.atLevel && recurse(e.atLevel) !== 'constant') {
                return 'other';
            }
            if (free.has(e.ref)) {
                return 'affine';
            }
            const element = runtime.policy.find(e.ref);
            if (element?.kind !== 'calculation') {
                return 'constant';
            }
            let known = memo.get(e.ref);
            if (known === undefined) {
                memo.set(e.ref, 'other'); // a cycle (the checker refuses one) is not linear
                known = recurse(element.value);
                memo.set(e.ref, known);
            }
            return known;
        },
        op: e => {
            const left = recurse(e.left);
            const right = recurse(e.right);
            if (e.op === '*') {
                return left !== 'constant' && right !== 'constant' ? 'other' : join(left, right);
            }
            if (e.op === '/') {
                return right !== 'constant' ? 'other' : left;
            }
            return join(left, right);
        },
        call: e => (e.args.every(a => recurse(a) === 'constant') ? 'constant' : 'other'),
        round: e => {
            const input = recurse(e.round);
            return input === 'constant' || throughRounding ? input : 'other';
        },
        if: e => join(recurse(e.then), recurse(e.else)),
    });
}

interface Rounding {
    runtime: PolicyRuntime;
    rounded: Extract<Expression, { round: Expression }>;
}

/** Every rounding in each version's formulas (through the calculations they read) whose input varies with `free`. */
function roundingsOver(question: RegionQuestion, free: ReadonlySet<string>): Rounding[] {
    const found: Rounding[] = [];
    for (const { runtime, expressions } of question.formulas) {
        const entered = new Set<string>();
        const visit = (expression: Expression): void => forEachExpression(expression, part => {
            if (isExpression(part, 'round') && linearity(part.round, runtime, free, new Map(), true) !== 'constant') {
                found.push({ runtime, rounded: part });
            }
            const element = isExpression(part, 'ref') ? runtime.policy.find(part.ref) : undefined;
            if (element?.kind === 'calculation' && !entered.has(element.id)) {
                entered.add(element.id);
                visit(element.value);
            }
        });
        expressions.forEach(visit);
    }
    return found;
}

/**
 * Whether every rounding's input is on its grid at the cell's citizen and moves by a step on the grid
 * along each whole-number attribute in `rounded`: the input is affine in them on the cell (linearity
 * says so, the roundings inside it being no roundings by the same test), so it is on the grid at every
 * citizen of the cell. Where the runtime gives the input no value on the cell (no version on the date),
 * the formula gives none either and the rounding is never reached there.
 */
function roundingsOnGrid(
    roundings: readonly Rounding[], rounded: readonly string[],
    assignment: ReadonlyMap<string, Region>, analysed: ReadonlyMap<string, AnalysedAttribute>, question: RegionQuestion,
): boolean {
    const { base, citizen, date, level } = pointOf(assignment, analysed, question);
    const at = (runtime: PolicyRuntime, expression: Expression, who: Citizen): ExactNumber | undefined => {
        try {
            return ExactNumber.parse(runtime.evaluate(expression, { date, citizen: who, ...(level !== undefined ? { level } : {}) }));
        } catch (error) {
            if (error instanceof RegelrattRuntimeError) {
                return undefined;
            }
            throw error;
        }
    };
    return roundings.every(({ runtime, rounded: { round, rounding } }) => {
        const grid = (value: ExactNumber) => value.round(rounding).equals(value);
        const v0 = at(runtime, round, citizen);
        if (v0 === undefined) {
            return true;
        }
        return grid(v0) && rounded.every(id => {
            const region = assignment.get(id);
            if (region?.kind === 'range' && region.lo && region.hi && region.lo.equals(region.hi)) {
                return true;
            }
            const x0 = base.get(id) as ExactNumber;
            const x1 = secondValue(region, x0, analysed.get(id)!);
            const v1 = at(runtime, round, citizenOf(new Map([...base, [id, x1]]), question));
            return v1 !== undefined && grid(v1.subtract(v0).divide(x1.subtract(x0)));
        });
    });
}

/**
 * Why the formulas are outside the fragment, given the attributes that could be neither measured as
 * an affine form nor tried value by value (`untried`): where each is a decimal or an amount that enters
 * them only through sums and scalings, a rounding of the amount aside, it is the rounding. Hours ×
 * a rate rounded to öre is a staircase in the hours with a step at every öre of either version, so
 * the difference between them is no affine form on any cell (Jönköping's ersättning: on landsbygd
 * 506,70 → 520 kr/h changes 0,0001 h by 0 kr, 0,001 h by 0,01 kr and 1 h by 13,30 kr).
 */
function outsideReason(question: RegionQuestion, untried: readonly string[], affine: readonly string[]): OutsideReason {
    const continuous = untried.length > 0 && untried.every(id => ['decimal', 'money'].includes(question.attributes.get(id)!.attribute.domain.type));
    const free = new Set([...affine, ...untried]);
    const rounded = continuous && question.formulas.every(({ runtime, expressions }) =>
        expressions.every(e => linearity(e, runtime, free, new Map(), true) !== 'other'));
    return rounded ? 'rounded' : 'not-linear';
}

/** A fee's formulas pass through its share, caps and rounding: only what is constant on a cell is linear there. */
function constantIn(expression: Expression, runtime: PolicyRuntime, free: ReadonlySet<string>, memo: Map<string, Linearity>): Linearity {
    return linearity(expression, runtime, free, memo) === 'constant' ? 'constant' : 'other';
}

function readsLevelCriterion(criterion: Criterion): boolean {
    const leaf = (c: { attribute: string }) => c.attribute === LEVEL_INPUT;
    return matchCriterion<boolean>(criterion, {
        all: c => c.all.some(readsLevelCriterion),
        any: c => c.any.some(readsLevelCriterion),
        not: c => readsLevelCriterion(c.not),
        test: leaf, op: leaf, in: leaf, between: leaf, against: leaf,
    });
}

function values(from: number, to: number): Region[] {
    return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => {
        const value = ExactNumber.of(BigInt(from + i));
        return { kind: 'range', lo: value, loClosed: true, hi: value, hiClosed: true, discrete: true };
    });
}

/** The date intervals between the days a value read starts: before the first, and from each to the next. */
function dateRegions(starts: ReadonlySet<string>): Region[] {
    if (starts.size === 0) {
        return [];
    }
    const days = [...starts].map(dayNumber);
    return partitionRange({ kind: 'range', loClosed: false, hiClosed: false, discrete: true }, days.map(at => ({ at, side: 'before' as const })));
}

/**
 * Whether neither version answers anyone on the date piece: in each, a parameter its formulas read
 * whatever the citizen (outside every choice's branches, through named calculations: `unconditional`,
 * per version, the same on every date) has no version there, and both give the same answer at the
 * piece's representative citizen.
 */
function answeredByNeither(date: Region, analysed: ReadonlyMap<string, AnalysedAttribute>, question: RegionQuestion, unconditional: ReadonlyArray<ReadonlySet<string>>): boolean {
    const point = pointOf(new Map([[DATE_INPUT, date]]), analysed, question);
    const unanswerable = question.formulas.every(({ runtime }, version) => [...unconditional[version]].some(id => {
        const parameter = runtime.policy.find(id);
        if (parameter?.kind !== 'parameter') {
            return false;
        }
        try {
            runtime.policy.parameterVersion(parameter, point.date);
            return false;
        } catch (error) {
            if (error instanceof RegelrattRuntimeError) {
                return true;
            }
            throw error;
        }
    }));
    return unanswerable && question.ask('before', point.citizen, point.date, point.level) === question.ask('after', point.citizen, point.date, point.level);
}

/** The parameters the formulas read whatever the citizen: every reference but those inside a choice's branches, through named calculations. */
function unconditionalParameters(runtime: PolicyRuntime, expressions: readonly Expression[]): Set<string> {
    const found = new Set<string>();
    const entered = new Set<string>();
    const visit = (expression: Expression): void => matchExpression<void>(expression, {
        quantity: () => undefined,
        level: () => undefined,
        ref: reference => {
            if (reference.atLevel) {
                visit(reference.atLevel);
            }
            const element = runtime.policy.find(reference.ref);
            if (element?.kind === 'parameter') {
                found.add(element.id);
            } else if (element?.kind === 'calculation' && !entered.has(element.id)) {
                entered.add(element.id);
                visit(element.value);
            }
        },
        op: operation => {
            visit(operation.left);
            visit(operation.right);
        },
        call: call => call.args.forEach(visit),
        round: rounded => visit(rounded.round),
        // Which branch is read depends on the citizen.
        if: () => undefined,
    });
    expressions.forEach(visit);
    return found;
}

const ZERO = ExactNumber.ZERO;

type CellChange = 'same' | 'not-linear' | { key: string; change: RegionChange; example: RegionPoint };

/**
 * One cell asked of both versions at its representative citizen; with affine attributes, also at a
 * second value of each inside the cell (the coefficients) and at all of them moved together (a check
 * of the claim that the difference is affine there: a cell that fails it is outside the fragment).
 */
function compareCell(
    assignment: ReadonlyMap<string, Region>, affine: readonly string[],
    analysed: ReadonlyMap<string, AnalysedAttribute>, question: RegionQuestion,
    /** Both versions' answers at the cell's representative, where they were asked already. */
    known?: { before: string; after: string },
): CellChange {
    const { base, date, level } = pointOf(assignment, analysed, question);
    const ask = (values: ReadonlyMap<string, string | boolean | ExactNumber>, answers?: { before: string; after: string }): RegionPoint => {
        const citizen = citizenOf(values, question);
        const before = answers?.before ?? question.ask('before', citizen, date, level);
        const after = answers?.after ?? question.ask('after', citizen, date, level);
        const amounts = !before.startsWith('fel') && !after.startsWith('fel');
        return { citizen, ...(level !== undefined ? { level } : {}), date, before, after, ...(amounts ? { difference: ExactNumber.parse(after).subtract(ExactNumber.parse(before)).toDecimal() } : {}) };
    };
    const example = ask(base, known);
    const moving = affine.filter(id => {
        const region = assignment.get(id);
        return !(region?.kind === 'range' && region.lo && region.hi && region.lo.equals(region.hi));
    });
    if (example.difference === undefined) {
        // An error is the same on the whole cell (see kinkPieces); an amount against it may vary.
        const shape = (answer: string) => (answer.startsWith('fel') ? answer : 'belopp');
        if (moving.some(id => {
            const other = ask(new Map([...base, [id, secondValue(assignment.get(id), base.get(id) as ExactNumber, analysed.get(id)!)]]));
            return shape(other.before) !== shape(example.before) || shape(other.after) !== shape(example.after);
        })) {
            return 'not-linear';
        }
        return example.before === example.after ? 'same'
            : { key: `e:${shape(example.before)}→${shape(example.after)}`, change: { kind: 'answer', before: example.before, after: example.after }, example };
    }
    const d0 = ExactNumber.parse(example.difference);
    const terms: Array<{ attribute: string; coefficient: ExactNumber }> = [];
    const moved = new Map(base);
    for (const id of moving) {
        const x0 = base.get(id) as ExactNumber;
        const x1 = secondValue(assignment.get(id), x0, analysed.get(id)!);
        const point = ask(new Map([...base, [id, x1]]));
        if (point.difference === undefined) {
            return 'not-linear';
        }
        const coefficient = ExactNumber.parse(point.difference).subtract(d0).divide(x1.subtract(x0));
        moved.set(id, x1);
        if (!coefficient.equals(ZERO)) {
            terms.push({ attribute: id, coefficient });
        }
    }
    if (moving.length > 1) {
        const check = ask(moved);
        const expected = terms.reduce((sum, t) => sum.add(t.coefficient.multiply((moved.get(t.attribute) as ExactNumber).subtract(base.get(t.attribute) as ExactNumber))), d0);
        if (check.difference === undefined || !ExactNumber.parse(check.difference).equals(expected)) {
            return 'not-linear';
        }
    }
    if (terms.length === 0) {
        return d0.equals(ZERO) ? 'same' : { key: `c:${d0.toDecimal()}`, change: { kind: 'constant', difference: d0.toDecimal() }, example };
    }
    const constant = terms.reduce((sum, t) => sum.subtract(t.coefficient.multiply(base.get(t.attribute) as ExactNumber)), d0);
    const change: RegionChange = { kind: 'affine', constant: exactText(constant), terms: terms.map(t => ({ attribute: t.attribute, coefficient: exactText(t.coefficient) })) };
    return { key: `a:${change.constant}:${change.terms.map(t => `${t.attribute}*${t.coefficient}`).join('+')}`, change, example };
}

/**
 * Texts and regions every cell asks for again: a region's bound is one object for all the cells
 * that share the region, so its decimal or date text is written once (the writing divides BigInts),
 * and an attribute's whole domain is partitioned once. Weak, so they go with the diff's objects.
 */
const decimalTexts = new WeakMap<ExactNumber, string>();
const dateTexts = new WeakMap<ExactNumber, string>();
const wholeDomains = new WeakMap<AnalysedAttribute, Region>();

function decimalText(value: ExactNumber): string {
    let text = decimalTexts.get(value);
    if (text === undefined) {
        text = value.toDecimal();
        decimalTexts.set(value, text);
    }
    return text;
}

function dateText(day: ExactNumber): string {
    let text = dateTexts.get(day);
    if (text === undefined) {
        text = isoDateOfDay(day);
        dateTexts.set(day, text);
    }
    return text;
}

function wholeDomain(attribute: AnalysedAttribute): Region {
    let region = wholeDomains.get(attribute);
    if (region === undefined) {
        region = partitionDomain(attribute.domain, [])[0];
        wholeDomains.set(attribute, region);
    }
    return region;
}

/** The cell's representative: each attribute's value, the citizen as the runtimes read it, the date and the level. */
function pointOf(assignment: ReadonlyMap<string, Region>, analysed: ReadonlyMap<string, AnalysedAttribute>, question: RegionQuestion) {
    const base = new Map<string, string | boolean | ExactNumber>();
    for (const id of question.attributes.keys()) {
        base.set(id, representative(assignment.get(id) ?? wholeDomain(analysed.get(id)!)));
    }
    const dateRegion = assignment.get(DATE_INPUT);
    const date = dateRegion ? dateText(representative(dateRegion) as ExactNumber) : '2025-01-01';
    const levelRegion = assignment.get(LEVEL_INPUT);
    const level = levelRegion ? Number((representative(levelRegion) as ExactNumber).floor()) : undefined;
    return { base, citizen: citizenOf(base, question), date, level };
}

function citizenOf(values: ReadonlyMap<string, string | boolean | ExactNumber>, question: RegionQuestion): Citizen {
    const citizen: Citizen = {};
    for (const [id, value] of values) {
        const { attribute, names } = question.attributes.get(id)!;
        const text = value instanceof ExactNumber ? (attribute.domain.type === 'date' ? dateText(value) : decimalText(value)) : value;
        names.forEach(name => (citizen[name] = text));
    }
    return citizen;
}

/** Another value of the attribute inside the cell's region, to measure a coefficient with. */
function secondValue(region: Region | undefined, x0: ExactNumber, attribute: AnalysedAttribute): ExactNumber {
    const range = (region ?? partitionDomain(attribute.domain, [])[0]) as Extract<Region, { kind: 'range' }>;
    const one = ExactNumber.ONE;
    if (range.discrete) {
        return range.hi === undefined || x0.add(one).compare(range.hi) <= 0 ? x0.add(one) : x0.subtract(one);
    }
    if (range.hi === undefined) {
        return x0.add(one);
    }
    if (!range.hi.equals(x0)) {
        return x0.add(range.hi).divide(ExactNumber.of(2n));
    }
    return range.lo === undefined ? x0.subtract(one) : x0.add(range.lo).divide(ExactNumber.of(2n));
}

/** A rational as exact decimal text where it has one, otherwise `p/q`. */
export function exactText(value: ExactNumber): string {
    const decimal = value.toDecimal(40);
    return ExactNumber.parse(decimal).equals(value) ? decimal : `${value.numerator}/${value.denominator}`;
}

/** An affine change's least and greatest difference over the box, where its attributes are bounded there (at the box's corners). */
function withRange(change: RegionChange, box: ReadonlyMap<string, Region>): RegionChange {
    if (change.kind !== 'affine') {
        return change;
    }
    let min = parseExact(change.constant);
    let max = min;
    for (const term of change.terms) {
        const region = box.get(term.attribute);
        if (region?.kind !== 'range' || !region.lo || !region.hi) {
            return change;
        }
        const c = parseExact(term.coefficient);
        const [a, b] = [c.multiply(region.lo), c.multiply(region.hi)];
        min = min.add(ExactNumber.min(a, b));
        max = max.add(ExactNumber.max(a, b));
    }
    return { ...change, min: exactText(min), max: exactText(max) };
}

export function parseExact(text: string): ExactNumber {
    const [p, q] = text.split('/');
    return q === undefined ? ExactNumber.parse(p) : ExactNumber.of(BigInt(p), BigInt(q));
}

