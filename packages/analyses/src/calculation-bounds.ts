import { ExactNumber, forEachExpression, forEachReference, isCriterion, isExpression, LEVEL_INPUT, ROUNDING_SCALE, listHitPolicy, matchCriterion, matchExpression, quantityCell, type Attribute, type CalculationLimit, type ComparisonOperator, type Criterion, type Expression, type Rounding } from '@regelratt/format';
import { RegelrattRuntimeError, type PolicyRuntime } from '@regelratt/runtime';
import { MAX_LEVEL } from './numbers/level-limit.js';
import { runtimeAnswer } from './runtime-answer.js';
import { candidates, collectReads, spread, valueText, type Reads } from './formula-reads.js';

/**
 * Bounds of a named calculation over every citizen and date: whether an amount can go below zero,
 * and whether a cap (an argument of `min`) can ever decide. Works on the compiled policy.
 *
 * The reasoning is an abstract evaluation of the formula on every date a value it reads changes. A
 * value is a set of affine pieces (constant + Σ coefficient × input, plus the slack a rounding step
 * adds), each with the box of input values it holds on (narrowed by the choices it lies behind), and
 * an interval. At each citizen the formula equals one of its pieces, so the least of the pieces'
 * minima is a lower bound; min, max and choices keep their pieces (the value is one of them), sums
 * and scalings combine them and drop combinations whose boxes exclude each other. On the affine
 * fragment over declared domains this is exact (an affine form's minimum over a box is at a corner);
 * products of two inputs, divisions by an input, table lookups keep only intervals.
 *
 * A claim that something can happen is never made from the bounds: the corners of the pieces that
 * say it can (and every region of the other inputs, within a budget) are asked of the runtime, and
 * only an answer of the runtime is reported. A claim that something cannot happen is a proof from
 * the bounds. Where neither is reached the finding is `undecided`: never silence.
 */
export type CalculationBoundFinding =
    | {
        kind: 'negative';
        date?: string;
        question: BoundQuestion;
        /** The runtime's answer, below zero. */
        amount: string;
    }
    /** `tried`: how many citizens the runtime was asked about, none of whom settles it. */
    | { kind: 'negative-undecided'; tried: number }
    | {
        kind: 'cap-never-binds';
        /** Which `min` of the formula (0-based, in reading order) and which argument of it. */
        call: number;
        argument: number;
        /** An argument that is at or below it for every citizen on every date. */
        below: number;
    }
    | { kind: 'cap-undecided'; call: number; argument: number; tried: number }
    /**
     * A decision table's column read as an argument of `min` that decides for some rows but never for
     * `row` (0-based): its value there, `amount` (as the runtime reads it: a share as a fraction), is at or above everything argument `below` gives
     * (`belowAmount`, its greatest value over every citizen and date): a level's takbelopp above the
     * maxtaxa. `level`: the level the row is for, where its level cell names one. `table` may be a
     * rate by the case (`efter regi`), whose row `selection` is the values that choose it (`regi = privat`).
     */
    | { kind: 'cap-row-never-binds'; call: number; argument: number; below: number; table: string; row: number; level?: number; selection?: string; amount: string; unit: 'kr' | '%' | 'none'; belowAmount: string }
    /**
     * A division (0-based, in reading order) whose divisor is 0 for a citizen the runtime then
     * cannot answer (`not-computable`); `question` absent: for every citizen on the date.
     */
    | { kind: 'division-by-zero'; division: number; date?: string; question?: BoundQuestion }
    /** A divisor the bounds do not keep away from 0, and no citizen of `tried` for whom it is 0. */
    | { kind: 'division-undecided'; division: number; tried: number }
    /**
     * A limit the calculation states (0-based, `högst`/`minst`) that the answer breaks for `question`:
     * the runtime refused it (outside-limit) with `amount`.
     */
    | { kind: 'outside-limit'; limit: number; date?: string; question: BoundQuestion; amount: string }
    /** A limit the bounds do not prove, and no citizen of `tried` who breaks it. */
    | { kind: 'limit-undecided'; limit: number; tried: number };

export interface BoundQuestion {
    citizen: Record<string, string | boolean>;
    level?: number;
}

/** Questions asked of the runtime at most per claim (whether it can go below zero, whether a cap can decide). */
export const WITNESS_BUDGET = 1_000;
/**
 * And per calculation, for all its claims together: the analysis runs on every keystroke in the
 * editor, so a calculation with many caps it cannot settle must not cost many times what one does.
 */
export const CALCULATION_BUDGET = 3_000;
/** Pieces kept per value; beyond it only the interval is kept (still a sound bound). */
const PIECE_LIMIT = 64;

/**
 * Whether a calculation is held to "never below zero": an answer of the policy (no formula of the
 * policy, another calculation's or a fee's, reads it: a part's negative values matter only where they
 * reach an answer, which is checked there), not marked `kan vara negativ`.
 */
export function heldNonNegative(runtime: PolicyRuntime, calculationId: string): boolean {
    const calculation = runtime.policy.get(calculationId, 'calculation');
    return !calculation.mayBeNegative && !readByFormulas(runtime).has(calculation.id);
}

const readCache = new WeakMap<PolicyRuntime, Set<string>>();
function readByFormulas(runtime: PolicyRuntime): Set<string> {
    let read = readCache.get(runtime);
    if (!read) {
        const found = new Set<string>();
        const visit = (expression: Expression | undefined): void => {
            if (expression) {
                forEachReference(expression, reference => found.add(reference.ref));
            }
        };
        runtime.policy.all('calculation').forEach(c => visit(c.value));
        runtime.policy.all('fee').forEach(f => {
            visit(f.room);
            visit(f.ceiling);
        });
        read = found;
        readCache.set(runtime, read);
    }
    return read;
}

export interface BoundOptions {
    /** Report an amount that can go below zero; by default, where heldNonNegative says so. */
    negative?: boolean;
}

export function analyseCalculationBounds(runtime: PolicyRuntime, calculationId: string, options: BoundOptions = {}): CalculationBoundFinding[] {
    const { calculation, dates, dated, evaluator, search, reads } = boundSetup(runtime, calculationId);
    if (reads.lists.size > 0) {
        // A list read as a value: no citizen has an amount (not-computable), so there is no bound or cap
        // to claim; the check's decision-list-not-a-value at the reference is the one finding.
        return [];
    }
    const findings: CalculationBoundFinding[] = [];

    if (options.negative ?? heldNonNegative(runtime, calculationId)) {
        findings.push(...negativity(calculationId, calculation.value, dates, dated, evaluator, search));
    }
    (calculation.limits ?? []).forEach((limit, index) => findings.push(...limitKept(calculationId, calculation.value, limit, index, dates, dated, evaluator, search)));
    findings.push(...divisionsByZero(calculationId, calculation.value, dates, dated, evaluator, search));
    const calls = minCalls(calculation.value);
    calls.forEach((call, index) => {
        const found = caps(call, index, dates, evaluator, search);
        findings.push(...found);
        call.args.forEach((_, argument) => {
            if (!found.some(f => f.kind === 'cap-never-binds' && f.argument === argument)) {
                findings.push(...rowCaps(runtime, call, index, argument, dates, evaluator));
            }
        });
    });
    return findings;
}

/**
 * The least and greatest value a calculation takes over every citizen and date, as the bound
 * evaluator proves them: a sound bound (no citizen's value lies outside it), not always reached. An
 * end is absent where it is unbounded or not proved on some date.
 */
export function calculationRange(runtime: PolicyRuntime, calculationId: string): { lo?: ExactNumber; hi?: ExactNumber } {
    const { calculation, dates, evaluator } = boundSetup(runtime, calculationId);
    let lo: ExactNumber | undefined;
    let hi: ExactNumber | undefined;
    let loProved = true;
    let hiProved = true;
    for (const date of dates) {
        const value = evaluator.value(calculation.value, date);
        // No answer on a date: nothing proved there, so neither end is.
        loProved &&= value !== NO_ANSWER && value.lo !== undefined;
        hiProved &&= value !== NO_ANSWER && value.hi !== undefined;
        if (value !== NO_ANSWER) {
            lo = value.lo && (!lo || value.lo.compare(lo) < 0) ? value.lo : lo;
            hi = value.hi && (!hi || value.hi.compare(hi) > 0) ? value.hi : hi;
        }
    }
    return { ...(loProved && lo ? { lo } : {}), ...(hiProved && hi ? { hi } : {}) };
}

/**
 * A citizen (with a date where the calculation reads one) whose value of the calculation the runtime
 * answers inside \`wanted\`: searched at the corners of the formula's pieces and the regions of what
 * it reads, within the witness budget; undefined where none was found (which proves nothing).
 */
export function calculationWitness(
    runtime: PolicyRuntime, calculationId: string, wanted: (value: ExactNumber) => boolean,
): { date?: string; question: BoundQuestion; amount: string } | undefined {
    const { calculation, dates, dated, evaluator, search } = boundSetup(runtime, calculationId);
    for (const date of dates) {
        const value = evaluator.value(calculation.value, date);
        if (value === NO_ANSWER) {
            continue;
        }
        const found = search.find(value.pieces ?? [], question => {
            const amount = runtimeAnswer(() => runtime.calculate(calculationId, { date, ...search.input(question) }, { explain: false }).amount);
            return amount !== undefined && wanted(ExactNumber.parse(amount)) ? amount : undefined;
        });
        if (found) {
            return { ...(dated ? { date } : {}), question: found.question, amount: found.result };
        }
    }
    return undefined;
}

function boundSetup(runtime: PolicyRuntime, calculationId: string) {
    const policy = runtime.policy;
    const calculation = policy.get(calculationId, 'calculation');
    const attributes = new Map(policy.all('attribute').map(a => [a.id, a]));
    const reads = collectReads(runtime, calculation.value);
    const dated = reads.dates.size > 0;
    const dates = dated ? [...reads.dates].sort() : ['2000-01-01'];
    const evaluator = new BoundEvaluator(runtime, attributes, reads);
    const search = new WitnessSearch(runtime, attributes, reads, (key, box) => evaluator.range(key, box));
    return { calculation, dates, dated, evaluator, search, reads };
}

/**
 * A table column as a cap, row by row: a row whose value is at or above the greatest value of another
 * argument, on every date it is read, never decides (the other argument is as low for everyone the
 * row is for). A proof from the bounds alone: the other argument's upper end is over every citizen.
 */
function rowCaps(runtime: PolicyRuntime, call: Extract<Expression, { call: string }>, index: number, argument: number, dates: readonly string[], evaluator: BoundEvaluator): CalculationBoundFinding[] {
    const cap = call.args[argument];
    if (!isExpression(cap, 'ref') || cap.atLevel) {
        return [];
    }
    const rows = capRows(runtime, cap, dates);
    if (rows.length === 0) {
        return [];
    }
    // The greatest value of each other argument over every date it answers on.
    const highest = call.args.map((other, j) => {
        if (j === argument) {
            return undefined;
        }
        let high: ExactNumber | undefined;
        for (const date of dates) {
            const value = evaluator.value(other, date);
            if (value === NO_ANSWER) {
                continue;
            }
            if (!value.hi) {
                return undefined;
            }
            high = high ? maxOf(high, value.hi) : value.hi;
        }
        return high;
    });
    const findings: CalculationBoundFinding[] = [];
    for (const { table, row, level, selection, amount, unit } of rows) {
        const below = highest.findIndex(high => high !== undefined && high.compare(amount) <= 0);
        if (below >= 0) {
            findings.push({
                kind: 'cap-row-never-binds', call: index, argument, below, table, row,
                ...(level !== undefined ? { level } : {}), ...(selection !== undefined ? { selection } : {}),
                amount: amount.toDecimal(), unit, belowAmount: highest[below]!.toDecimal(),
            });
        }
    }
    return findings;
}

/** One row of a cap read from a table column or a rate by the case, with the value the runtime reads for it. */
interface CapRow {
    table: string;
    row: number;
    level?: number;
    selection?: string;
    amount: ExactNumber;
    unit: 'kr' | '%' | 'none';
}

/**
 * The rows a cap reads one of: a decision table's column (a share as a fraction), or a rate whose
 * amount the case selects (`efter regi`), each row's amount as the runtime answers it for a case
 * with the row's values, on the dates it answers (the least of them: a row never decides only if it
 * never does). Nothing for any other cap.
 */
function capRows(runtime: PolicyRuntime, cap: Extract<Expression, { ref: string }>, dates: readonly string[]): CapRow[] {
    const element = runtime.policy.find(cap.ref);
    if (element?.kind === 'decisionTable' && element.hitPolicy !== 'collect') {
        const column = cap.column === undefined ? 0 : element.outputs.indexOf(cap.column);
        const levelColumn = element.inputs.findIndex(input => 'level' in input);
        const values = runtime.columnValues(element.id, cap.column);
        return element.rows.flatMap((row, rowIndex) => {
            // Only a number caps: a förlopp, a text or ja/nej in the column is refused elsewhere.
            const cell = quantityCell(row.then[column]);
            const value = values[rowIndex];
            if (!cell || value === undefined) {
                return [];
            }
            const levelCell = levelColumn >= 0 ? row.when[levelColumn] : null;
            const level = levelCell && isCriterion(levelCell, 'op') && levelCell.op === '=' && 'number' in levelCell.value ? Number(levelCell.value.number) : undefined;
            return [{ table: element.id, row: rowIndex, ...(level !== undefined ? { level } : {}), amount: ExactNumber.parse(value), unit: cell.unit }];
        });
    }
    if ((element?.kind === 'hourlyRate' || element?.kind === 'flatRate' || element?.kind === 'placeRate') && element.selectors?.length) {
        const selectors = element.selectors;
        return (element.amounts ?? []).flatMap((row, rowIndex) => {
            const citizen = Object.fromEntries(selectors.map((selector, i) => [selector, row.values[i]]));
            const answers = dates.flatMap(date => {
                const text = runtimeAnswer(() => runtime.evaluate(cap, { date, citizen }));
                return text === undefined ? [] : [ExactNumber.parse(text)];
            });
            if (answers.length === 0) {
                return [];
            }
            const selection = selectors.map((selector, i) => `${runtime.policy.find(selector)?.name ?? selector} = ${row.values[i]}`).join(', ');
            return [{ table: element.id, row: rowIndex, selection, amount: answers.reduce(minOf), unit: 'kr' as const }];
        });
    }
    return [];
}

/**
 * Each division's divisor over every citizen on every date: kept away from 0 by the bounds (within
 * the choices the division lies behind, so `om antal > 0 så x / antal` is safe), or 0 for a citizen
 * the runtime refuses, or undecided. Only a calculation's own formula is looked at: a division in a
 * calculation it reads is that calculation's finding.
 */
function divisionsByZero(calculationId: string, formula: Expression, dates: readonly string[], dated: boolean, evaluator: BoundEvaluator, search: WitnessSearch): CalculationBoundFinding[] {
    const divisions = divisionNodes(formula);
    if (divisions.length === 0) {
        return [];
    }
    const findings: CalculationBoundFinding[] = [];
    const settled = new Set<number>();
    const undecided = new Map<number, number>();
    for (const date of dates) {
        const divisors = evaluator.divisors(formula, date);
        divisions.forEach((division, index) => {
            if (settled.has(index)) {
                return;
            }
            const seen = divisors.get(division);
            if (!seen) {
                return; // not reached on this date (no answer, or behind a choice no citizen takes)
            }
            if (seen === 'zero') {
                settled.add(index);
                findings.push({ kind: 'division-by-zero', division: index, ...(dated ? { date } : {}) });
                return;
            }
            const pieces = seen.pieces.filter(piece => {
                const lo = evaluator.pieceLow(piece);
                const hi = evaluator.pieceHigh(piece);
                return (!lo || lo.compare(ZERO) <= 0) && (!hi || hi.compare(ZERO) >= 0);
            });
            if (pieces.length === 0 && !seen.unknown) {
                return; // proved never 0 on this date
            }
            const before = search.asked;
            const found = search.find(pieces, question => {
                try {
                    search.runtime.calculate(calculationId, { date, ...search.input(question) }, { explain: false });
                } catch (error) {
                    if (error instanceof RegelrattRuntimeError && error.details.reason === 'division-by-zero') {
                        return true;
                    }
                }
                return undefined;
            });
            if (found) {
                settled.add(index);
                undecided.delete(index);
                findings.push({ kind: 'division-by-zero', division: index, ...(dated ? { date } : {}), question: found.question });
            } else {
                undecided.set(index, (undecided.get(index) ?? 0) + search.asked - before);
            }
        });
    }
    for (const [division, tried] of undecided) {
        findings.push({ kind: 'division-undecided', division, tried });
    }
    return findings;
}

/** The divisions of a formula, each before those inside it, left to right (the order the checks' walk of the source uses too). */
export function divisionNodes(formula: Expression): Array<Extract<Expression, { op: string }>> {
    const found: Array<Extract<Expression, { op: string }>> = [];
    const visit = (expression: Expression): void => {
        matchExpression<void>(expression, {
            quantity: () => undefined,
            level: () => undefined,
            ref: e => e.atLevel && visit(e.atLevel),
            op: e => {
                if (e.op === '/') {
                    found.push(e);
                }
                visit(e.left);
                visit(e.right);
            },
            call: e => e.args.forEach(visit),
            round: e => visit(e.round),
            if: e => {
                visit(e.then);
                visit(e.else);
            },
        });
    };
    visit(formula);
    return found;
}

function negativity(calculationId: string, formula: Expression, dates: readonly string[], dated: boolean, evaluator: BoundEvaluator, search: WitnessSearch): CalculationBoundFinding[] {
    let doubtful = false;
    const before = search.asked;
    for (const date of dates) {
        const value = evaluator.value(formula, date);
        if (value === NO_ANSWER || (value.lo && value.lo.compare(ExactNumber.ZERO) >= 0)) {
            continue; // no answer on this date (other checks say why), or proved never below zero
        }
        const pieces = (value.pieces ?? []).filter(piece => { const lo = evaluator.pieceLow(piece); return !lo || lo.compare(ExactNumber.ZERO) < 0; });
        const found = search.find(pieces, question => {
            const amount = runtimeAnswer(() => search.runtime.calculate(calculationId, { date, ...search.input(question) }, { explain: false }).amount);
            return amount !== undefined && ExactNumber.parse(amount).compare(ExactNumber.ZERO) < 0 ? amount : undefined;
        });
        if (found) {
            return [{ kind: 'negative', ...(dated ? { date } : {}), question: found.question, amount: found.result }];
        }
        doubtful = true;
    }
    return doubtful ? [{ kind: 'negative-undecided', tried: search.asked - before }] : [];
}

/**
 * A stated limit (`högst 8 timmar per månad`) as the negativity check's question moved: the amount
 * less the limit (or the limit less the amount, for `högst`) never below zero, proved from the
 * bounds on every date, or a citizen found at the pieces' corners whom the runtime refuses.
 */
function limitKept(
    calculationId: string, formula: Expression, limit: CalculationLimit, index: number,
    dates: readonly string[], dated: boolean, evaluator: BoundEvaluator, search: WitnessSearch,
): CalculationBoundFinding[] {
    let doubtful = false;
    const before = search.asked;
    const atMost = limit.bound === 'at-most';
    for (const date of dates) {
        const threshold = evaluator.value(limit.value, date);
        const value = evaluator.value(formula, date);
        if (value === NO_ANSWER || threshold === NO_ANSWER || !threshold.lo) {
            continue; // no answer on this date: other checks say why
        }
        const bound = threshold.lo;
        if (atMost ? value.hi && value.hi.compare(bound) <= 0 : value.lo && value.lo.compare(bound) >= 0) {
            continue; // proved within the limit on this date
        }
        // The margin to the limit, as a piece that is below zero exactly where the limit is broken.
        const margins = (value.pieces ?? [])
            .map(piece => (atMost ? { ...scalePiece(piece, ExactNumber.of(-1n)), constant: bound.subtract(piece.constant) } : { ...piece, constant: piece.constant.subtract(bound) }))
            .filter(piece => { const lo = evaluator.pieceLow(piece); return !lo || lo.compare(ZERO) < 0; });
        const found = search.find(margins, question => {
            try {
                search.runtime.calculate(calculationId, { date, ...search.input(question) }, { explain: false });
            } catch (error) {
                if (error instanceof RegelrattRuntimeError && error.code === 'outside-limit' && error.details.limit === limit.text && error.details.calculation === calculationId) {
                    return String(error.details.value);
                }
            }
            return undefined;
        });
        if (found) {
            return [{ kind: 'outside-limit', limit: index, ...(dated ? { date } : {}), question: found.question, amount: found.result }];
        }
        doubtful = true;
    }
    return doubtful ? [{ kind: 'limit-undecided', limit: index, tried: search.asked - before }] : [];
}

function caps(call: Extract<Expression, { call: string }>, index: number, dates: readonly string[], evaluator: BoundEvaluator, search: WitnessSearch): CalculationBoundFinding[] {
    const findings: CalculationBoundFinding[] = [];
    const reported = new Set<number>();
    call.args.forEach((argument, i) => {
        const others = call.args.map((_, j) => j).filter(j => j !== i && !reported.has(j));
        // Proof: on every date some other argument is at or below this one everywhere.
        let below: number | undefined;
        for (const j of others) {
            const proofs = dates.map(date => evaluator.atOrBelow(call.args[j], argument, date));
            if (proofs.every(proof => proof !== false) && proofs.some(proof => proof === true)) {
                below = j;
                break;
            }
        }
        if (below !== undefined) {
            reported.add(i);
            findings.push({ kind: 'cap-never-binds', call: index, argument: i, below });
            return;
        }
        // Otherwise a citizen for whom this argument is below every other one, from the runtime.
        const before = search.asked;
        for (const date of dates) {
            const differences = evaluator.differences(argument, call.args.filter((_, j) => j !== i), date);
            if (differences === NO_ANSWER) {
                continue;
            }
            const found = search.find(differences, question => {
                // One reading of the citizen for every argument asked about.
                let citizen: ReturnType<PolicyRuntime['citizen']>;
                try {
                    citizen = search.runtime.citizen(question.citizen);
                } catch {
                    return undefined;
                }
                const at = { date, citizen, ...(question.level !== undefined ? { level: question.level } : {}) };
                const mine = runtimeAnswer(() => search.runtime.evaluate(argument, at));
                if (mine === undefined) {
                    return undefined;
                }
                const value = ExactNumber.parse(mine);
                const decides = call.args.every((other, j) => {
                    if (j === i) {
                        return true;
                    }
                    const theirs = runtimeAnswer(() => search.runtime.evaluate(other, at));
                    return theirs !== undefined && value.compare(ExactNumber.parse(theirs)) < 0;
                });
                return decides ? mine : undefined;
            });
            if (found) {
                return;
            }
        }
        findings.push({ kind: 'cap-undecided', call: index, argument: i, tried: search.asked - before });
    });
    return findings;
}

/** The `min` calls of a formula in reading order (the order the AST walker of the checks uses too). */
export function minCalls(formula: Expression): Array<Extract<Expression, { call: string }>> {
    const calls: Array<Extract<Expression, { call: string }>> = [];
    forEachExpression(formula, expression => {
        if (isExpression(expression, 'call') && expression.call === 'min') {
            calls.push(expression);
        }
    });
    return calls;
}

// ---------------------------------------------------------------- the abstract values

/** An input's values: a closed interval (absent end: unbounded), or a set of choices. */
interface Range {
    lo?: ExactNumber;
    hi?: ExactNumber;
    /** Yes/no and enumeration inputs: the values still possible ('ja'/'nej' for yes/no). */
    choices?: ReadonlySet<string>;
}

/**
 * constant + Σ coefficient × input + slack (slack in [slackLo, slackHi]), holding where every input
 * lies in `box` (narrowed ranges; inputs not named there range over their domain).
 */
interface Piece {
    constant: ExactNumber;
    terms: ReadonlyMap<string, ExactNumber>;
    slackLo: ExactNumber;
    slackHi: ExactNumber;
    box: ReadonlyMap<string, Range>;
}

interface Value {
    /** Absent: too many to keep; the interval still bounds the value. */
    pieces?: readonly Piece[];
    lo?: ExactNumber;
    hi?: ExactNumber;
}

/** What a division's divisor was seen to be: pieces (and whether only an interval holding 0 was known), or 0 for everyone. */
type DivisorsSeen = { pieces: Piece[]; unknown: boolean } | 'zero';

const NO_ANSWER = Symbol('no answer');
/** A criterion no citizen meets (its parts exclude each other). */
const NEVER = Symbol('never');
type Result = Value | typeof NO_ANSWER;

const ZERO = ExactNumber.ZERO;
const HALF = ExactNumber.of(1n, 2n);
const EMPTY_BOX: ReadonlyMap<string, Range> = new Map();

function point(value: ExactNumber): Value {
    return { pieces: [{ constant: value, terms: new Map(), slackLo: ZERO, slackHi: ZERO, box: EMPTY_BOX }], lo: value, hi: value };
}

const minOf = (a: ExactNumber, b: ExactNumber) => (a.compare(b) <= 0 ? a : b);
const maxOf = (a: ExactNumber, b: ExactNumber) => (a.compare(b) >= 0 ? a : b);

/** The intersection of two boxes, or undefined when they exclude each other. */
function meet(a: ReadonlyMap<string, Range>, b: ReadonlyMap<string, Range>): ReadonlyMap<string, Range> | undefined {
    if (a.size === 0) {
        return b;
    }
    if (b.size === 0) {
        return a;
    }
    const result = new Map(a);
    for (const [key, range] of b) {
        const other = result.get(key);
        if (!other) {
            result.set(key, range);
            continue;
        }
        const met = meetRange(other, range);
        if (!met) {
            return undefined;
        }
        result.set(key, met);
    }
    return result;
}

function meetRange(a: Range, b: Range): Range | undefined {
    const lo = a.lo && b.lo ? maxOf(a.lo, b.lo) : a.lo ?? b.lo;
    const hi = a.hi && b.hi ? minOf(a.hi, b.hi) : a.hi ?? b.hi;
    if (lo && hi && lo.compare(hi) > 0) {
        return undefined;
    }
    let choices = a.choices ?? b.choices;
    if (a.choices && b.choices) {
        choices = new Set([...a.choices].filter(c => b.choices!.has(c)));
        if (choices.size === 0) {
            return undefined;
        }
    }
    return { ...(lo ? { lo } : {}), ...(hi ? { hi } : {}), ...(choices ? { choices } : {}) };
}

function addPieces(a: Piece, b: Piece): Piece | undefined {
    const box = meet(a.box, b.box);
    if (!box) {
        return undefined;
    }
    const terms = new Map(a.terms);
    for (const [key, coefficient] of b.terms) {
        const sum = (terms.get(key) ?? ZERO).add(coefficient);
        if (sum.equals(ZERO)) {
            terms.delete(key);
        } else {
            terms.set(key, sum);
        }
    }
    return { constant: a.constant.add(b.constant), terms, slackLo: a.slackLo.add(b.slackLo), slackHi: a.slackHi.add(b.slackHi), box };
}

function scalePiece(piece: Piece, factor: ExactNumber): Piece {
    const terms = new Map<string, ExactNumber>();
    if (!factor.equals(ZERO)) {
        piece.terms.forEach((coefficient, key) => terms.set(key, coefficient.multiply(factor)));
    }
    const lo = piece.slackLo.multiply(factor);
    const hi = piece.slackHi.multiply(factor);
    const flipped = factor.compare(ZERO) < 0;
    return { constant: piece.constant.multiply(factor), terms, slackLo: flipped ? hi : lo, slackHi: flipped ? lo : hi, box: piece.box };
}

/** An end of an interval in the extended numbers: undefined is −∞ as a lower end and +∞ as an upper one. */
type End = ExactNumber | 'inf' | '-inf';

function times(a: End, b: End): End {
    if (a === 'inf' || a === '-inf' || b === 'inf' || b === '-inf') {
        const signOf = (e: End) => (e === 'inf' ? 1 : e === '-inf' ? -1 : e.compare(ZERO));
        const sign = signOf(a) * signOf(b);
        return sign === 0 ? ZERO : sign > 0 ? 'inf' : '-inf';
    }
    return a.multiply(b);
}

function intervalProduct(a: Value, b: Value): Value {
    const ends = (v: Value): [End, End] => [v.lo ?? '-inf', v.hi ?? 'inf'];
    const [al, ah] = ends(a);
    const [bl, bh] = ends(b);
    const products = [times(al, bl), times(al, bh), times(ah, bl), times(ah, bh)];
    const rank = (e: End) => (e === '-inf' ? -1 : e === 'inf' ? 1 : 0);
    let lo: End = products[0];
    let hi: End = products[0];
    for (const p of products) {
        if (rank(p) < rank(lo) || (rank(p) === 0 && rank(lo) === 0 && (p as ExactNumber).compare(lo as ExactNumber) < 0)) {
            lo = p;
        }
        if (rank(p) > rank(hi) || (rank(p) === 0 && rank(hi) === 0 && (p as ExactNumber).compare(hi as ExactNumber) > 0)) {
            hi = p;
        }
    }
    return { ...(lo instanceof ExactNumber ? { lo } : {}), ...(hi instanceof ExactNumber ? { hi } : {}) };
}

/**
 * Evaluates formulas to bounds on one date. Inputs: attributes (by id), the level (LEVEL_INPUT), and
 * table lookups (one input per table and column read at the case's level: reading it twice gives the
 * same value; read at another level, a fresh one).
 */
class BoundEvaluator {
    private readonly inputs = new Map<string, Range>();
    private readonly values = new Map<Expression, Map<string, Result>>();
    /** Whether each formula reads the case, asked at every node on every date: kept. */
    private readonly readsCaseOf = new Map<Expression, boolean>();
    /**
     * The divisor pieces each division met while the formula was evaluated, by date (each piece with
     * the box of the choices the division lies behind); `zero` for a division the runtime refused for
     * every citizen (it reads nothing about the case).
     */
    private readonly divisorsSeen = new Map<string, Map<Expression, DivisorsSeen>>();
    private recording: Map<Expression, DivisorsSeen> | undefined;
    private fresh = 0;

    constructor(
        private readonly runtime: PolicyRuntime,
        private readonly attributes: ReadonlyMap<string, Attribute>,
        reads: Reads,
    ) {
        for (const [id, attribute] of attributes) {
            const domain = attribute.domain;
            if (domain.type === 'integer' || domain.type === 'decimal') {
                this.inputs.set(id, { lo: ExactNumber.parse(domain.min), hi: ExactNumber.parse(domain.max) });
            } else if (domain.type === 'money') {
                this.inputs.set(id, { lo: ZERO }); // never below zero (the runtime refuses it)
            } else if (domain.type === 'boolean') {
                this.inputs.set(id, { choices: new Set(['ja', 'nej']) });
            } else if (domain.type === 'enumeration') {
                this.inputs.set(id, { choices: new Set(domain.values.map(v => v.name)) });
            }
        }
        this.inputs.set(LEVEL_INPUT, { lo: ZERO, hi: ExactNumber.of(BigInt(Math.min(Math.max(reads.maxLevel, 0), MAX_LEVEL) || MAX_LEVEL)) });
    }

    range(key: string, box: ReadonlyMap<string, Range>): Range | undefined {
        const global = this.inputs.get(key);
        const narrowed = box.get(key);
        return narrowed && global ? meetRange(global, narrowed) : narrowed ?? global;
    }

    /** A piece's least value over its box; undefined when unbounded below. */
    pieceLow(piece: Piece): ExactNumber | undefined {
        let low = piece.constant.add(piece.slackLo);
        for (const [key, coefficient] of piece.terms) {
            const range = this.range(key, piece.box);
            const end = coefficient.compare(ZERO) > 0 ? range?.lo : range?.hi;
            if (!end) {
                return undefined;
            }
            low = low.add(coefficient.multiply(end));
        }
        return low;
    }

    pieceHigh(piece: Piece): ExactNumber | undefined {
        const negated = this.pieceLow(scalePiece(piece, ExactNumber.of(-1n)));
        return negated?.negate();
    }

    private recordDivisor(division: Expression, divisor: Value, box: ReadonlyMap<string, Range>): void {
        const seen = this.recording!.get(division) ?? { pieces: [], unknown: false };
        if (seen === 'zero') {
            return;
        }
        // An interval that excludes 0 proves this reaching safe, even where a piece alone would not:
        // the pieces of max(antal, 1) are antal and 1, but antal is the value only where it is at
        // least 1, which a box cannot say; the interval (at least 1) can.
        if ((divisor.lo && divisor.lo.compare(ZERO) > 0) || (divisor.hi && divisor.hi.compare(ZERO) < 0)) {
            this.recording!.set(division, seen);
            return;
        }
        if (divisor.pieces) {
            // Each piece within the choices the division lies behind (its inputs' ranges narrowed by them).
            for (const piece of divisor.pieces) {
                const within = meet(piece.box, box);
                if (within) {
                    seen.pieces.push({ ...piece, box: within });
                }
            }
        } else if (!(divisor.lo && divisor.lo.compare(ZERO) > 0) && !(divisor.hi && divisor.hi.compare(ZERO) < 0)) {
            seen.unknown = true; // only an interval, and it holds 0
        }
        this.recording!.set(division, seen);
    }

    /** The divisors the formula's divisions meet on the date (see divisorsSeen). */
    divisors(formula: Expression, date: string): ReadonlyMap<Expression, DivisorsSeen> {
        let seen = this.divisorsSeen.get(date);
        if (!seen) {
            seen = new Map();
            this.divisorsSeen.set(date, seen);
            this.recording = seen;
            try {
                this.evaluate(formula, date, EMPTY_BOX, new Set());
            } catch (error) {
                if (error !== NO_ANSWER) {
                    throw error;
                }
            } finally {
                this.recording = undefined;
            }
        }
        return seen;
    }

    /** A formula's bounds on a date, kept: the cap proofs ask for each argument against every other. */
    value(expression: Expression, date: string): Result {
        let byDate = this.values.get(expression);
        if (!byDate) {
            this.values.set(expression, (byDate = new Map()));
        }
        let result = byDate.get(date);
        if (result === undefined) {
            try {
                result = this.evaluate(expression, date, EMPTY_BOX, new Set());
            } catch (error) {
                if (error !== NO_ANSWER) {
                    throw error;
                }
                result = NO_ANSWER;
            }
            byDate.set(date, result);
        }
        return result;
    }

    /** Whether `low` is at or below `high` for every citizen on the date (a proof; false when not shown). */
    atOrBelow(low: Expression, high: Expression, date: string): boolean | typeof NO_ANSWER {
        const a = this.value(low, date);
        const b = this.value(high, date);
        if (a === NO_ANSWER || b === NO_ANSWER) {
            return NO_ANSWER; // no answer on this date: nothing to decide there
        }
        if (a.hi && b.lo && a.hi.compare(b.lo) <= 0) {
            return true;
        }
        if (!a.pieces || !b.pieces) {
            return false;
        }
        for (const pa of a.pieces) {
            for (const pb of b.pieces) {
                const difference = addPieces(pb, scalePiece(pa, ExactNumber.of(-1n)));
                if (!difference) {
                    continue; // the two never hold together
                }
                const low = this.pieceLow(difference);
                if (!low || low.compare(ZERO) < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The pieces of `argument − other` for every other argument: where they go below zero, the argument may decide. */
    differences(argument: Expression, others: readonly Expression[], date: string): Piece[] | typeof NO_ANSWER {
        const mine = this.value(argument, date);
        if (mine === NO_ANSWER) {
            return NO_ANSWER;
        }
        const result: Piece[] = [];
        for (const other of others) {
            const theirs = this.value(other, date);
            if (theirs === NO_ANSWER) {
                return NO_ANSWER;
            }
            for (const pa of mine.pieces ?? []) {
                for (const pb of theirs.pieces ?? []) {
                    const difference = addPieces(pa, scalePiece(pb, ExactNumber.of(-1n)));
                    if (difference && result.length < PIECE_LIMIT * 4) {
                        result.push(difference);
                    }
                }
            }
        }
        return result;
    }

    private normalise(value: Value): Value {
        if (!value.pieces) {
            return value;
        }
        if (value.pieces.length > PIECE_LIMIT) {
            return { ...(value.lo ? { lo: value.lo } : {}), ...(value.hi ? { hi: value.hi } : {}) };
        }
        let lo: ExactNumber | undefined;
        let hi: ExactNumber | undefined;
        let unboundedBelow = false;
        let unboundedAbove = false;
        for (const piece of value.pieces) {
            const pl = this.pieceLow(piece);
            const ph = this.pieceHigh(piece);
            if (!pl) {
                unboundedBelow = true;
            } else {
                lo = lo ? minOf(lo, pl) : pl;
            }
            if (!ph) {
                unboundedAbove = true;
            } else {
                hi = hi ? maxOf(hi, ph) : ph;
            }
        }
        const bestLo = unboundedBelow ? value.lo : value.lo && lo ? maxOf(value.lo, lo) : value.lo ?? lo;
        const bestHi = unboundedAbove ? value.hi : value.hi && hi ? minOf(value.hi, hi) : value.hi ?? hi;
        return { pieces: value.pieces, ...(bestLo ? { lo: bestLo } : {}), ...(bestHi ? { hi: bestHi } : {}) };
    }

    private evaluate(expression: Expression, date: string, box: ReadonlyMap<string, Range>, visiting: Set<string>): Value {
        const of = (e: Expression, b = box) => this.evaluate(e, date, b, visiting);
        let reads = this.readsCaseOf.get(expression);
        if (reads === undefined) {
            reads = readsCase(this.runtime, expression, new Set());
            this.readsCaseOf.set(expression, reads);
        }
        if (!reads) {
            // Nothing about the citizen: the runtime's own value on the date.
            let text: string;
            try {
                text = this.runtime.evaluate(expression, { date });
            } catch (error) {
                if (!(error instanceof RegelrattRuntimeError)) {
                    throw error;
                }
                if (this.recording && error.details.reason === 'division-by-zero' && isExpression(expression, 'op') && expression.op === '/') {
                    this.recording.set(expression, 'zero');
                }
                throw NO_ANSWER;
            }
            return point(ExactNumber.parse(text));
        }
        return matchExpression<Value>(expression, {
            quantity: () => {
                throw new Error('unreachable: a quantity reads nothing about the case');
            },
            level: () => this.input(LEVEL_INPUT, box),
            op: expression => {
                const left = of(expression.left);
                const right = of(expression.right);
                switch (expression.op) {
                    case '+': return this.sum(left, right);
                    case '-': return this.sum(left, this.scale(right, ExactNumber.of(-1n)));
                    case '*': return this.product(left, right);
                    case '/':
                        if (this.recording) {
                            this.recordDivisor(expression, right, box);
                        }
                        return this.quotient(left, right);
                }
            },
            call: expression => {
                const values = expression.args.map(arg => of(arg));
                const isMin = expression.call === 'min';
                const pieces = values.every(v => v.pieces) ? values.flatMap(v => v.pieces!) : undefined;
                const los = values.map(v => v.lo);
                const his = values.map(v => v.hi);
                const defined = (list: Array<ExactNumber | undefined>) => list.filter((e): e is ExactNumber => e !== undefined);
                // min: the least of the lower ends (unbounded if any is), the least of the upper ends (bounded if any is).
                const lo = isMin ? (los.every(Boolean) ? defined(los).reduce(minOf) : undefined) : defined(los).reduce<ExactNumber | undefined>((a, b) => (a ? maxOf(a, b) : b), undefined);
                const hi = isMin ? defined(his).reduce<ExactNumber | undefined>((a, b) => (a ? minOf(a, b) : b), undefined) : (his.every(Boolean) ? defined(his).reduce(maxOf) : undefined);
                return this.normalise({ ...(pieces ? { pieces } : {}), ...(lo ? { lo } : {}), ...(hi ? { hi } : {}) });
            },
            round: expression => this.rounded(of(expression.round), expression.rounding),
            if: expression => {
                const then = narrow(expression.if, true, this.attributes);
                const otherwise = narrow(expression.if, false, this.attributes);
                const branches: Value[] = [];
                for (const [condition, branch] of [[then, expression.then], [otherwise, expression.else]] as const) {
                    const branchBox = condition === NEVER ? undefined : condition ? meet(box, condition) : box;
                    if (branchBox) {
                        branches.push(of(branch, branchBox));
                    }
                }
                const pieces = branches.every(v => v.pieces) ? branches.flatMap(v => v.pieces!) : undefined;
                const lo = branches.every(v => v.lo) ? branches.map(v => v.lo!).reduce(minOf) : undefined;
                const hi = branches.every(v => v.hi) ? branches.map(v => v.hi!).reduce(maxOf) : undefined;
                return this.normalise({ ...(pieces ? { pieces } : {}), ...(lo ? { lo } : {}), ...(hi ? { hi } : {}) });
            },
            ref: expression => this.reference(expression, date, box, visiting),
        });
    }

    private reference(expression: Extract<Expression, { ref: string }>, date: string, box: ReadonlyMap<string, Range>, visiting: Set<string>): Value {
        const id = expression.ref;
        const element = this.runtime.policy.find(id);
        if (!element) {
            throw NO_ANSWER;
        }
        switch (element.kind) {
            case 'attribute': {
                const domain = element.domain.type;
                if (domain !== 'integer' && domain !== 'decimal' && domain !== 'money') {
                    throw NO_ANSWER; // not a number: an error the checker reports
                }
                return this.input(id, box);
            }
            case 'calculation': {
                if (visiting.has(id)) {
                    throw NO_ANSWER; // a cycle: an error the checker reports
                }
                visiting.add(id);
                try {
                    return this.evaluate(element.value, date, box, visiting);
                } finally {
                    visiting.delete(id);
                }
            }
            case 'levelTable': {
                const amounts: ExactNumber[] = [];
                for (const row of element.rows) {
                    const text = runtimeAnswer(() => this.runtime.compensation(id, row.level, date).amount);
                    if (text !== undefined) {
                        amounts.push(ExactNumber.parse(text));
                    }
                }
                if (amounts.length === 0) {
                    throw NO_ANSWER;
                }
                // The case's level reads the table once; another level is another lookup.
                return this.lookup(expression.atLevel ? `${id}#${this.fresh++}` : id, amounts, box);
            }
            case 'decisionTable': {
                if (listHitPolicy(element.hitPolicy)) {
                    throw NO_ANSWER; // a list is no value: the runtime answers not-computable for everyone
                }
                // A formula cell (since 1.10) has no one value: the column is read as an input of its own
                // between the least and greatest of its constant cells and its formulas' bounds (in the same
                // box), sound though it forgets that the formula and the rest of the calculation read the same citizen.
                const index = expression.column === undefined ? 0 : element.outputs.indexOf(expression.column);
                const formulas = [...element.rows.map(row => row.then[index]), element.defaultOutputs?.[index]].flatMap(cell => (cell !== undefined && 'formula' in cell ? [cell.formula] : []));
                const aggregation = element.hitPolicy === 'collect' ? element.aggregation ?? 'sum' : undefined;
                if (formulas.length > 0 && aggregation !== 'count') {
                    const constants = this.runtime.columnValues(id, expression.column).filter((v): v is string => v !== undefined).map(v => ExactNumber.parse(v));
                    if (visiting.has(id)) {
                        throw NO_ANSWER; // a formula reading its own table: a cycle the runtime refuses
                    }
                    visiting.add(id);
                    let bounds: Value[];
                    try {
                        bounds = formulas.map(formula => this.evaluate(formula, date, box, visiting));
                    } finally {
                        visiting.delete(id);
                    }
                    let lows = [...constants, ...bounds.map(b => b.lo)];
                    let highs = [...constants, ...bounds.map(b => b.hi)];
                    if (aggregation === 'sum') {
                        // Any set of rows may match: the sum lies between the sum of the negative lows and
                        // that of the positive highs (0 for no row); the default is within these too.
                        lows = [lows.every(lo => lo !== undefined) ? (lows as ExactNumber[]).reduce((sum, lo) => sum.add(minOf(lo, ZERO)), ZERO) : undefined];
                        highs = [highs.every(hi => hi !== undefined) ? (highs as ExactNumber[]).reduce((sum, hi) => sum.add(maxOf(hi, ZERO)), ZERO) : undefined];
                    }
                    const key = `${id}#${expression.column ?? ''}#formula${this.fresh++}`;
                    this.inputs.set(key, {
                        ...(lows.every(lo => lo !== undefined) ? { lo: (lows as ExactNumber[]).reduce(minOf) } : {}),
                        ...(highs.every(hi => hi !== undefined) ? { hi: (highs as ExactNumber[]).reduce(maxOf) } : {}),
                    });
                    return this.input(key, box);
                }
                const values = this.runtime.columnValues(id, expression.column).filter((v): v is string => v !== undefined).map(v => ExactNumber.parse(v));
                const key = `${id}#${expression.column ?? ''}${expression.atLevel ? `#${this.fresh++}` : ''}`;
                if (element.hitPolicy === 'collect') {
                    const aggregation = element.aggregation ?? 'sum';
                    if (aggregation === 'count') {
                        // The default, where there is one, is answered as written, not counted: the last of `values`.
                        const otherwise = element.defaultOutputs && values.length > 0 ? [values[values.length - 1]] : [];
                        return this.lookup(key, [ZERO, ExactNumber.of(BigInt(element.rows.length)), ...otherwise], box);
                    }
                    if (aggregation === 'sum') {
                        const negative = values.filter(v => v.compare(ZERO) < 0).reduce((a, b) => a.add(b), ZERO);
                        const positive = values.filter(v => v.compare(ZERO) > 0).reduce((a, b) => a.add(b), ZERO);
                        return this.lookup(key, [negative, positive], box);
                    }
                }
                if (values.length === 0) {
                    throw NO_ANSWER;
                }
                return this.lookup(key, values, box);
            }
            case 'hourlyRate':
            case 'flatRate':
            case 'placeRate': {
                // A rate by the case (`efter regi`): the amount of the case's row, read once per case as a
                // level table's is, between the least and the greatest amount the runtime gives a row on
                // the date. Without selectors a rate reads nothing of the case and is a constant above.
                const amounts = (element.amounts ?? []).flatMap(row => {
                    const citizen = Object.fromEntries((element.selectors ?? []).map((selector, index) => [selector, row.values[index]]));
                    const text = runtimeAnswer(() => this.runtime.evaluate(expression, { date, citizen }));
                    return text === undefined ? [] : [ExactNumber.parse(text)];
                });
                if (amounts.length === 0) {
                    throw NO_ANSWER;
                }
                return this.lookup(`${id}@${date}`, amounts, box);
            }
            default:
                throw NO_ANSWER; // parameters read nothing about the case: handled as constants
        }
    }

    /** A value read from a table: an input of its own, between the least and the greatest value the table gives. */
    private lookup(key: string, values: readonly ExactNumber[], box: ReadonlyMap<string, Range>): Value {
        if (!this.inputs.has(key)) {
            this.inputs.set(key, { lo: values.reduce(minOf), hi: values.reduce(maxOf) });
        }
        return this.input(key, box);
    }

    private input(key: string, box: ReadonlyMap<string, Range>): Value {
        const range = this.range(key, box);
        return this.normalise({
            pieces: [{ constant: ZERO, terms: new Map([[key, ExactNumber.ONE]]), slackLo: ZERO, slackHi: ZERO, box: EMPTY_BOX }],
            ...(range?.lo ? { lo: range.lo } : {}),
            ...(range?.hi ? { hi: range.hi } : {}),
        });
    }

    private sum(a: Value, b: Value): Value {
        let pieces: Piece[] | undefined;
        if (a.pieces && b.pieces && a.pieces.length * b.pieces.length <= PIECE_LIMIT) {
            pieces = [];
            for (const pa of a.pieces) {
                for (const pb of b.pieces) {
                    const sum = addPieces(pa, pb);
                    if (sum) {
                        pieces.push(sum);
                    }
                }
            }
        }
        const lo = a.lo && b.lo ? a.lo.add(b.lo) : undefined;
        const hi = a.hi && b.hi ? a.hi.add(b.hi) : undefined;
        return this.normalise({ ...(pieces ? { pieces } : {}), ...(lo ? { lo } : {}), ...(hi ? { hi } : {}) });
    }

    private scale(value: Value, factor: ExactNumber): Value {
        const ends = [value.lo?.multiply(factor), value.hi?.multiply(factor)];
        const flipped = factor.compare(ZERO) < 0;
        const lo = flipped ? ends[1] : ends[0];
        const hi = flipped ? ends[0] : ends[1];
        const zero = factor.equals(ZERO);
        return this.normalise({
            ...(value.pieces ? { pieces: value.pieces.map(p => scalePiece(p, factor)) } : {}),
            ...(zero ? { lo: ZERO, hi: ZERO } : { ...(lo ? { lo } : {}), ...(hi ? { hi } : {}) }),
        });
    }

    private constantOf(value: Value): ExactNumber | undefined {
        return value.lo && value.hi && value.lo.equals(value.hi) ? value.lo : undefined;
    }

    private product(a: Value, b: Value): Value {
        const ka = this.constantOf(a);
        if (ka) {
            return this.scale(b, ka);
        }
        const kb = this.constantOf(b);
        if (kb) {
            return this.scale(a, kb);
        }
        return intervalProduct(a, b);
    }

    private quotient(a: Value, b: Value): Value {
        const kb = this.constantOf(b);
        if (kb && !kb.equals(ZERO)) {
            return this.scale(a, ExactNumber.ONE.divide(kb));
        }
        if (b.lo && b.lo.compare(ZERO) > 0) {
            return intervalProduct(a, { lo: b.hi ? ExactNumber.ONE.divide(b.hi) : ZERO, hi: ExactNumber.ONE.divide(b.lo) });
        }
        if (b.hi && b.hi.compare(ZERO) < 0) {
            return intervalProduct(a, { lo: ExactNumber.ONE.divide(b.hi), hi: b.lo ? ExactNumber.ONE.divide(b.lo) : ZERO });
        }
        // A divisor that can be zero (where it is, the runtime answers with an error): only the sign is
        // known where both signs are, since a quotient by a small divisor can be as large as you like.
        const dividendNonNegative = a.lo !== undefined && a.lo.compare(ZERO) >= 0;
        const dividendNonPositive = a.hi !== undefined && a.hi.compare(ZERO) <= 0;
        const divisorNonNegative = b.lo !== undefined && b.lo.compare(ZERO) >= 0;
        const divisorNonPositive = b.hi !== undefined && b.hi.compare(ZERO) <= 0;
        if ((dividendNonNegative && divisorNonNegative) || (dividendNonPositive && divisorNonPositive)) {
            return { lo: ZERO };
        }
        if ((dividendNonNegative && divisorNonPositive) || (dividendNonPositive && divisorNonNegative)) {
            return { hi: ZERO };
        }
        return {};
    }

    /** Rounding moves a value by less than its unit, in the rule's direction; every rule is non-decreasing. */
    private rounded(value: Value, rounding: Rounding): Value {
        const unit = ExactNumber.of(1n, ROUNDING_SCALE[rounding.unit]);
        const nonNegative = value.lo && value.lo.compare(ZERO) >= 0;
        const nonPositive = value.hi && value.hi.compare(ZERO) <= 0;
        let slack: [ExactNumber, ExactNumber];
        switch (rounding.mode) {
            case 'down': // toward zero
                slack = nonNegative ? [unit.negate(), ZERO] : nonPositive ? [ZERO, unit] : [unit.negate(), unit];
                break;
            case 'up': // away from zero
                slack = nonNegative ? [ZERO, unit] : nonPositive ? [unit.negate(), ZERO] : [unit.negate(), unit];
                break;
            default:
                slack = [unit.multiply(HALF).negate(), unit.multiply(HALF)];
        }
        const lo = value.lo?.round(rounding);
        const hi = value.hi?.round(rounding);
        return this.normalise({
            ...(value.pieces ? { pieces: value.pieces.map(p => ({ ...p, slackLo: p.slackLo.add(slack[0]), slackHi: p.slackHi.add(slack[1]) })) } : {}),
            ...(lo ? { lo } : {}),
            ...(hi ? { hi } : {}),
        });
    }
}

/** Whether a formula reads anything about the case (an attribute, the level, a table at the case's level). */
function readsCase(runtime: PolicyRuntime, expression: Expression, visiting: Set<string>): boolean {
    const of = (e: Expression) => readsCase(runtime, e, visiting);
    return matchExpression<boolean>(expression, {
        quantity: () => false,
        level: () => true,
        if: () => true,
        op: expression => of(expression.left) || of(expression.right),
        call: expression => expression.args.some(of),
        round: expression => of(expression.round),
        ref: expression => {
            const element = runtime.policy.find(expression.ref);
            switch (element?.kind) {
                case 'attribute':
                case 'decisionTable':
                    return true;
                case 'hourlyRate':
                case 'flatRate':
                case 'placeRate':
                    return (element.selectors?.length ?? 0) > 0;
                case 'levelTable':
                    return expression.atLevel ? of(expression.atLevel) : true;
                case 'calculation': {
                    if (visiting.has(element.id)) {
                        return true;
                    }
                    visiting.add(element.id);
                    const result = of(element.value);
                    visiting.delete(element.id);
                    return result;
                }
                default:
                    return false;
            }
        },
    });
}

/**
 * The box a criterion (or its negation) confines the inputs to, where it is a conjunction of
 * comparisons of one attribute each; undefined where it cannot be written as one box (a
 * disjunction): the branch is then evaluated over the whole domain, which is still a bound.
 */
function narrow(criterion: Criterion, holds: boolean, attributes: ReadonlyMap<string, Attribute>): ReadonlyMap<string, Range> | typeof NEVER | undefined {
    const parts = (list: readonly Criterion[], conjunction: boolean): ReadonlyMap<string, Range> | typeof NEVER | undefined => {
        // all(…) holds, or any(…) fails: every part holds (fails) at once.
        if (conjunction === holds) {
            let box: ReadonlyMap<string, Range> | undefined = new Map();
            for (const part of list) {
                const own = narrow(part, holds, attributes);
                if (own === NEVER) {
                    return NEVER;
                }
                if (own) {
                    box = meet(box!, own);
                    if (!box) {
                        return NEVER;
                    }
                }
            }
            return box;
        }
        return list.length === 1 ? narrow(list[0], holds, attributes) : undefined;
    };
    const domainOf = (c: { attribute: string }) => attributes.get(c.attribute)?.domain;
    // A yes/no or enumeration attribute confined to the members that hold (or, negated, to the others).
    const chosen = (attribute: string, domain: Attribute['domain'], members: string[] | undefined) => {
        if (!members || (domain.type !== 'boolean' && domain.type !== 'enumeration')) {
            return undefined;
        }
        const all = domain.type === 'boolean' ? ['ja', 'nej'] : domain.values.map(v => v.name);
        return new Map([[attribute, { choices: new Set(holds ? members : all.filter(v => !members.includes(v))) }]]);
    };
    const numeric = (domain: Attribute['domain']) => domain.type === 'integer' || domain.type === 'decimal' || domain.type === 'money';
    return matchCriterion<ReadonlyMap<string, Range> | typeof NEVER | undefined>(criterion, {
        not: c => narrow(c.not, !holds, attributes),
        all: c => parts(c.all, true),
        any: c => parts(c.any, false),
        test: c => (domainOf(c) ? new Map([[c.attribute, { choices: new Set([holds ? 'ja' : 'nej']) }]]) : undefined),
        in: c => {
            const domain = domainOf(c);
            return domain && chosen(c.attribute, domain, c.in.map(literalChoice).filter((m): m is string => m !== undefined));
        },
        // Closed ends even for strict comparisons of decimals: a slightly wider box is still a bound.
        between: c => {
            const domain = domainOf(c);
            return holds && domain && numeric(domain) ? new Map([[c.attribute, { lo: ExactNumber.parse(c.between.min), hi: ExactNumber.parse(c.between.max) }]]) : undefined;
        },
        op: c => {
            const domain = domainOf(c);
            if (!domain) {
                return undefined;
            }
            if (domain.type === 'boolean' || domain.type === 'enumeration') {
                const choice = c.op === '=' || c.op === '!=' ? literalChoice(c.value) : undefined;
                return chosen(c.attribute, domain, choice === undefined ? undefined : c.op === '=' ? [choice] : (domain.type === 'boolean' ? ['ja', 'nej'] : domain.values.map(v => v.name)).filter(v => v !== choice));
            }
            return numeric(domain) && 'number' in c.value ? comparisonBox(c.attribute, domain.type === 'integer', ExactNumber.parse(c.value.number), c.op, holds) : undefined;
        },
        // A named value's bound is not a literal: the branch keeps the whole domain (still a bound).
        against: () => undefined,
    });
}

function literalChoice(literal: { boolean: boolean } | { enumeration: string } | object): string | undefined {
    return 'boolean' in literal ? (literal.boolean ? 'ja' : 'nej') : 'enumeration' in literal ? literal.enumeration : undefined;
}

/** The box of `attribute op value` (or of its negation, where it does not hold). */
function comparisonBox(attribute: string, whole: boolean, value: ExactNumber, comparison: ComparisonOperator, holds: boolean): ReadonlyMap<string, Range> | undefined {
    const op = holds ? comparison : ({ '=': '!=', '!=': '=', '<': '>=', '<=': '>', '>': '<=', '>=': '<' } as const)[comparison];
    // Over whole numbers a strict comparison is a closed one at the next whole number: exact.
    const below = (strict: boolean) => (whole ? ExactNumber.of(value.isInteger() && strict ? value.floor() - 1n : value.floor()) : value);
    const above = (strict: boolean) => (whole ? ExactNumber.of(value.isInteger() && !strict ? value.floor() : value.floor() + 1n) : value);
    switch (op) {
        case '<': case '<=': return new Map([[attribute, { hi: below(op === '<') }]]);
        case '>': case '>=': return new Map([[attribute, { lo: above(op === '>') }]]);
        case '=': return new Map([[attribute, { lo: value, hi: value }]]);
        default: return undefined;
    }
}

// ---------------------------------------------------------------- witnesses

/**
 * Citizens to ask the runtime about: for each piece that may go below zero, its least corner (each
 * input at the end its coefficient pulls down; an unbounded one large enough), with every
 * combination of the values that split the other inputs' regions, within the budget.
 */
class WitnessSearch {
    /** Questions asked so far, against WITNESS_BUDGET for the whole calculation. */
    asked = 0;

    constructor(
        readonly runtime: PolicyRuntime,
        private readonly attributes: ReadonlyMap<string, Attribute>,
        private readonly reads: Reads,
        /** An input's values within a piece's box: the evaluator's, so corners are where its bounds are. */
        private readonly range: (key: string, box: ReadonlyMap<string, Range>) => Range | undefined,
    ) { }

    input(question: BoundQuestion): { citizen: Record<string, string | boolean>; level?: number } {
        return { citizen: question.citizen, ...(question.level !== undefined ? { level: question.level } : {}) };
    }

    find<T>(pieces: readonly Piece[], ask: (question: BoundQuestion) => T | undefined): { question: BoundQuestion; result: T } | undefined {
        const seen = new Set<string>();
        const limit = Math.min(this.asked + WITNESS_BUDGET, CALCULATION_BUDGET);
        const budgetLeft = () => limit - this.asked;
        const tryQuestion = (question: BoundQuestion) => {
            let key = `${question.level ?? ''}`;
            for (const name in question.citizen) {
                key += `|${name}=${String(question.citizen[name])}`;
            }
            if (seen.has(key) || budgetLeft() <= 0) {
                return undefined;
            }
            seen.add(key);
            this.asked++;
            const result = ask(question);
            return result === undefined ? undefined : { question, result };
        };
        // The regions of every input the formula reads, as calculation-need splits them.
        const regions = new Map<string, Array<string | boolean>>();
        for (const id of this.reads.compared.keys()) {
            const attribute = this.attributes.get(id);
            if (attribute) {
                const values = [...candidates(attribute, this.reads.compared.get(id) ?? [], false), ...spread(attribute)];
                regions.set(id, [...new Set(values.map(v => valueText(attribute, v)))]);
            }
        }
        const levels = this.reads.readsLevel ? Array.from({ length: Math.min(this.reads.maxLevel, MAX_LEVEL) + 1 }, (_, l) => l) : [undefined];
        const corners = pieces.map(piece => this.corner(piece));
        corners.push(new Map()); // and the regions alone
        for (const corner of corners) {
            const free = [...regions.keys()].filter(id => !corner.has(id));
            const combinations = free.reduce((product, id) => product * regions.get(id)!.length, 1) * levels.length;
            const step = Math.max(1, Math.floor(combinations / Math.max(1, Math.floor(budgetLeft() / corners.length))));
            for (let combination = 0; combination < combinations && budgetLeft() > 0; combination += step) {
                let rest = combination;
                const citizen: Record<string, string | boolean> = {};
                for (const id of free) {
                    const values = regions.get(id)!;
                    citizen[this.attributes.get(id)!.name] = values[rest % values.length];
                    rest = Math.floor(rest / values.length);
                }
                let level = levels[rest % levels.length];
                for (const [id, value] of corner) {
                    if (id === LEVEL_INPUT) {
                        level = Number(value);
                    } else {
                        citizen[this.attributes.get(id)!.name] = value;
                    }
                }
                const found = tryQuestion({ citizen, ...(level !== undefined ? { level } : {}) });
                if (found) {
                    return found;
                }
            }
        }
        return undefined;
    }

    /** The inputs a piece names, at the ends that make it least; its box's choices for the rest. */
    private corner(piece: Piece): Map<string, string | boolean> {
        const corner = new Map<string, string | boolean>();
        const unbounded: Array<[string, ExactNumber]> = [];
        let low = piece.constant.add(piece.slackHi);
        for (const [key, coefficient] of piece.terms) {
            const attribute = this.attributes.get(key);
            if (!attribute && key !== LEVEL_INPUT) {
                continue; // a table lookup: chosen by the other inputs
            }
            const range = this.range(key, piece.box);
            const end = coefficient.compare(ZERO) > 0 ? range?.lo : range?.hi;
            if (!end) {
                unbounded.push([key, coefficient]);
                continue;
            }
            low = low.add(coefficient.multiply(end));
            this.set(corner, key, end);
        }
        for (const [key, coefficient] of unbounded) {
            // At its lower end if the piece is below zero there already; else large enough to bring it
            // below zero, in whole kronor (the slack is counted at its worst).
            const lowest = this.range(key, piece.box)?.lo ?? ZERO;
            let value = lowest;
            if (low.add(coefficient.multiply(lowest)).compare(ZERO) >= 0) {
                const needed = ExactNumber.of(low.divide(coefficient.negate()).floor() + 1n);
                value = needed.compare(lowest) > 0 ? needed : lowest;
            }
            low = low.add(coefficient.multiply(value));
            this.set(corner, key, value);
        }
        for (const [key, range] of piece.box) {
            if (corner.has(key)) {
                continue;
            }
            if (range.choices && range.choices.size > 0) {
                const attribute = this.attributes.get(key);
                const choice = [...range.choices][0];
                corner.set(key, attribute?.domain.type === 'boolean' ? choice === 'ja' : choice);
            } else if (range.lo || range.hi) {
                this.set(corner, key, (range.lo ?? range.hi)!);
            }
        }
        return corner;
    }

    private set(corner: Map<string, string | boolean>, key: string, value: ExactNumber): void {
        const attribute = this.attributes.get(key);
        if (key === LEVEL_INPUT) {
            corner.set(key, String(value.floor()));
        } else if (attribute?.domain.type === 'integer') {
            corner.set(key, String(value.floor()));
        } else if (attribute) {
            corner.set(key, value.toDecimal());
        }
    }
}

