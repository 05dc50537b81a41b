import { ExactNumber, LEVEL_INPUT, forEachExpression, isExpression, listHitPolicy, matchCriterion, matchExpression, quantityCell, type Attribute, type Criterion, type Expression, type ExpressionOf } from '@regelratt/format';
import type { PolicyRuntime } from '@regelratt/runtime';
import { MAX_LEVEL } from './numbers/level-limit.js';
import { runtimeAnswer } from './runtime-answer.js';
import { candidates, collectReads, spread, enumerable, valueText, type Reads } from './formula-reads.js';

/**
 * Whether a named calculation's amount can fall as need rises: over the level, and over each
 * attribute counted as need (named with `behov` on the calculation, or a need column of a decision
 * table it reads). Works on the compiled policy and asks the runtime for every value it reports, so a
 * finding is an answer the runtime gives, not a claim about it.
 *
 * Two steps. First a proof by direction: each part of the formula rises, falls or stays as the need
 * rises (a rate times need rises, a constant minus it falls, min and max of rising parts rise, a
 * rounding step keeps the direction, a choice on something other than need keeps its branches'),
 * with signs taken from the declared domains and the parameters' values; a formula shown to rise or
 * stay needs nothing more. Otherwise a search: for every combination of the other inputs' regions
 * (each value a criterion compares them with, and the values between), on every date a value the
 * formula reads changes, the amount for every need value in order (every whole value of a whole-number
 * need or level; the compared values and the points between for a decimal one), and the first two
 * neighbours where it falls. The search is exhaustive, and its silence a proof, when the need takes
 * whole values in a small range and every other input the formula reads is a choice (yes/no, an
 * enumeration) or read only by criteria; outside that, silence is reported as undecided.
 */
export type CalculationNeedFinding =
    | {
        kind: 'falls';
        /** An attribute id, or LEVEL_INPUT for the level. */
        need: string;
        /** The date the amounts are for; absent when nothing the formula reads depends on the date. */
        date?: string;
        /** The two questions, equal but for the need; less need first. */
        lower: NeedQuestion;
        higher: NeedQuestion;
        lowerAmount: string;
        higherAmount: string;
    }
    | {
        kind: 'undecided';
        need: string;
        /**
         * Why silence would not be a proof: too many combinations to ask, a need that cannot be tried
         * value by value (a decimal, a wide range), or other attributes the amount computes with.
         */
        reason: 'too-many-cases' | 'need-not-enumerable' | 'computes-with-others' | 'part-falls';
        /** For `computes-with-others`: their ids. */
        others?: string[];
        /**
         * For `part-falls`: the part of the sum that reads the need falls (this pair, on this date), but
         * no case was found where the whole amount does (a rounding of the whole can hide it).
         */
        part?: { date?: string; lower: NeedQuestion; higher: NeedQuestion };
    };

export interface NeedQuestion {
    citizen: Record<string, string | boolean>;
    level?: number;
}

/** Combinations of the other inputs × need values asked of the runtime at most, per calculation and need. */
export const SEARCH_BUDGET = 50_000;

type Direction = 'const' | 'up' | 'down' | 'any';

export function analyseCalculationNeed(runtime: PolicyRuntime, calculationId: string, needs: readonly string[]): CalculationNeedFinding[] {
    const policy = runtime.policy;
    const calculation = policy.get(calculationId, 'calculation');
    const attributes = new Map(policy.all('attribute').map(a => [a.id, a]));
    const reads = collectReads(runtime, calculation.value);
    const findings: CalculationNeedFinding[] = [];
    if (reads.lists.size > 0) {
        return findings; // a list read as a value answers no one (not-computable): no direction to find
    }
    for (const need of needs) {
        if (need === LEVEL_INPUT ? !reads.readsLevel : !reads.compared.has(need)) {
            continue; // the amount does not read this need at all
        }
        const direction = directionOf(runtime, calculation.value, need, new Set());
        if (direction === 'const' || direction === 'up') {
            continue;
        }
        const ask = (date: string, question: NeedQuestion) => runtimeAnswer(() => runtime.calculate(calculationId,
            { date, citizen: question.citizen, ...(question.level !== undefined ? { level: question.level } : {}) }, { explain: false }).amount);
        const whole = search(ask, need, reads, attributes, { kronor: thresholds(runtime, calculation.value) });
        const undecided = whole.length === 1 && whole[0].kind === 'undecided';
        findings.push(...(undecided ? searchPart(runtime, calculation.value, need, attributes, ask) ?? whole : whole));
    }
    return findings;
}

type Ask = (date: string, question: NeedQuestion) => string | undefined;

/** A term of a sum, subtracted or added. */
interface Term { expression: Expression; negative: boolean }

/**
 * The terms of a formula that is a sum: through `+` and `−`, a factor or divisor that reads no citizen
 * and is never negative (the `i timmar per månad` of a schablon: kept on each term, so the terms add
 * up to the sum), and the named calculations it adds. A rounding step is looked through only around
 * the whole sum (`outermost`): every rounding rule is non-decreasing, so the whole moves with the sum,
 * but a rounded term inside a sum does not move with the terms under it.
 */
function terms(runtime: PolicyRuntime, expression: Expression, negative: boolean, outermost: boolean, visiting: Set<string>): Term[] {
    const constantFactor = (factor: Expression) => {
        const reads = collectReads(runtime, factor);
        const known = sign(runtime, factor, new Set());
        return reads.compared.size === 0 && !reads.readsLevel && (known === 'positive' || known === 'non-negative');
    };
    const scaled = (inner: Term[], op: '*' | '/', factor: Expression): Term[] => inner.map(term => ({ ...term, expression: { op, left: term.expression, right: factor } }));
    // The terms of a sum or difference, and of a term scaled by a constant factor; undefined for any other operation.
    const sumTerms = (expression: ExpressionOf<'op'>): Term[] | undefined => {
        switch (expression.op) {
            case '+': return [...terms(runtime, expression.left, negative, false, visiting), ...terms(runtime, expression.right, negative, false, visiting)];
            case '-': return [...terms(runtime, expression.left, negative, false, visiting), ...terms(runtime, expression.right, !negative, false, visiting)];
            case '*':
                if (constantFactor(expression.left)) {
                    return scaled(terms(runtime, expression.right, negative, outermost, visiting), '*', expression.left);
                }
                if (constantFactor(expression.right)) {
                    return scaled(terms(runtime, expression.left, negative, outermost, visiting), '*', expression.right);
                }
                break;
            case '/':
                if (constantFactor(expression.right)) {
                    return scaled(terms(runtime, expression.left, negative, outermost, visiting), '/', expression.right);
                }
                break;
        }
        return undefined;
    };
    const whole: Term[] = [{ expression, negative }];
    return matchExpression<Term[]>(expression, {
        round: rounded => (outermost ? terms(runtime, rounded.round, negative, true, visiting) : whole),
        op: operation => sumTerms(operation) ?? whole,
        ref: reference => {
            const element = runtime.policy.find(reference.ref);
            // A calculation with limits is refused outside them: only the whole answers that.
            if (element?.kind === 'calculation' && !element.limits && !visiting.has(element.id)) {
                return terms(runtime, element.value, negative, outermost, new Set([...visiting, element.id]));
            }
            return whole;
        },
        quantity: () => whole,
        level: () => whole,
        call: () => whole,
        if: () => whole,
    });
}

/**
 * A schablon is a sum of times, one per task, each reading its own needs; the search of the whole
 * formula multiplies every task's values and runs out of budget. But the terms that read no input in
 * common with the need's are held while it rises, so the amount falls only where the terms that
 * share an input with it (directly or through another term) do. Those are searched alone, with every
 * value of each small whole-number input, so their silence is a proof; a fall there is then looked
 * for in the whole amount, the other inputs tried value by value, and reported as the runtime answers
 * it. Undefined where the formula is not such a sum (nothing to gain over the whole search).
 */
function searchPart(runtime: PolicyRuntime, value: Expression, need: string, attributes: ReadonlyMap<string, Attribute>, askWhole: Ask): CalculationNeedFinding[] | undefined {
    const all = terms(runtime, value, false, true, new Set());
    const inputs = all.map(term => {
        const reads = collectReads(runtime, term.expression);
        return new Set([...reads.compared.keys(), ...(reads.readsLevel ? [LEVEL_INPUT] : [])]);
    });
    // The need's part: the terms connected to it by shared inputs.
    const partInputs = new Set([need]);
    const inPart = all.map(() => false);
    for (let grown = true; grown;) {
        grown = false;
        inputs.forEach((read, index) => {
            if (!inPart[index] && [...read].some(id => partInputs.has(id))) {
                inPart[index] = grown = true;
                read.forEach(id => partInputs.add(id));
            }
        });
    }
    if (inPart.every(Boolean)) {
        return undefined;
    }
    const zero: Expression = { quantity: { value: '0', unit: 'none' } };
    const part = all.filter((_, index) => inPart[index])
        .reduce<Expression>((sum, term) => ({ op: term.negative ? '-' : '+', left: sum, right: term.expression }), zero);
    const askPart: Ask = (date, question) => runtimeAnswer(() => runtime.evaluate(part,
        { date, citizen: question.citizen, ...(question.level !== undefined ? { level: question.level } : {}) }));
    const verdict = search(askPart, need, collectReads(runtime, part), attributes, { everyValue: true });
    const fall = verdict[0];
    if (!fall || fall.kind !== 'falls') {
        return verdict;
    }
    // The whole amount at the part's pair, the other inputs held at each combination of their values in turn.
    const wholeReads = collectReads(runtime, value);
    const others = [...wholeReads.compared.keys()].filter(id => !partInputs.has(id) && attributes.has(id)).map(id => {
        const attribute = attributes.get(id)!;
        const values = [...candidates(attribute, wholeReads.compared.get(id) ?? [], true), ...(wholeReads.arithmetic.has(id) ? spread(attribute) : [])];
        return { name: attribute.name, values: values.map(v => valueText(attribute, v)).filter(unique) };
    });
    const combinations = Math.min(others.reduce((product, other) => product * other.values.length, 1), SEARCH_BUDGET / 2);
    const date = fall.date ?? '2000-01-01';
    for (let combination = 0; combination < combinations; combination++) {
        const held: Record<string, string | boolean> = {};
        let rest = combination;
        for (const other of others) {
            held[other.name] = other.values[rest % other.values.length];
            rest = Math.floor(rest / other.values.length);
        }
        const lower: NeedQuestion = { ...fall.lower, citizen: { ...held, ...fall.lower.citizen } };
        const higher: NeedQuestion = { ...fall.higher, citizen: { ...held, ...fall.higher.citizen } };
        const lowerAmount = askWhole(date, lower);
        const higherAmount = askWhole(date, higher);
        if (lowerAmount !== undefined && higherAmount !== undefined && ExactNumber.parse(higherAmount).compare(ExactNumber.parse(lowerAmount)) < 0) {
            return [{ kind: 'falls', need, ...(fall.date ? { date: fall.date } : {}), lower, higher, lowerAmount, higherAmount }];
        }
    }
    return [{ kind: 'undecided', need, reason: 'part-falls', part: { ...(fall.date ? { date: fall.date } : {}), lower: fall.lower, higher: fall.higher } }];
}

/**
 * `kronor`: amounts where the formula's terms can take over from each other (see `thresholds`),
 * tried for each amount it computes with once the regions alone found nothing falling.
 * `everyValue`: each other input that is a whole number in a small range is tried at every value, not
 * only where the criteria split it, so reading it in arithmetic leaves the search exhaustive.
 */
function search(ask: Ask, need: string, reads: Reads, attributes: ReadonlyMap<string, Attribute>, { kronor = [], everyValue = false }: { kronor?: readonly ExactNumber[]; everyValue?: boolean } = {}): CalculationNeedFinding[] {
    const needAttribute = attributes.get(need);
    const needValues = need === LEVEL_INPUT
        // A level beyond MAX_LEVEL is an error in the source; the search stops there all the same.
        ? Array.from({ length: Math.min(reads.maxLevel, MAX_LEVEL) + 1 }, (_, level) => ExactNumber.of(BigInt(level)))
        : needAttribute ? candidates(needAttribute, reads.compared.get(need) ?? [], true) : undefined;
    if (!needValues) {
        return [{ kind: 'undecided', need, reason: 'need-not-enumerable' }];
    }
    // Exhaustive over the need: every level, every whole value of a small range, or, for a need read
    // only by criteria (a decimal quantity of hours in a table's rows), one value in every interval
    // the criteria's constants cut its domain into: the amount is the same across each interval, so
    // trying the intervals in order is trying every value.
    const enumerated = need === LEVEL_INPUT || (needAttribute?.domain.type === 'integer' && enumerable(needAttribute))
        || (needAttribute !== undefined && !reads.arithmetic.has(need));
    const computedWith: string[] = [];
    const others: Array<{ id: string; values: Array<string | boolean> }> = [];
    for (const id of reads.compared.keys()) {
        if (id === need) {
            continue;
        }
        const attribute = attributes.get(id);
        if (!attribute) {
            continue;
        }
        const domain = attribute.domain.type;
        const everyOne = everyValue && domain === 'integer' && enumerable(attribute);
        const arithmetic = reads.arithmetic.has(id) && domain !== 'boolean' && domain !== 'enumeration' && !everyOne;
        if (arithmetic) {
            computedWith.push(id);
        }
        // An amount read in arithmetic is tried across its range too: where a share of it overtakes a
        // cap is at no compared constant (a share of a large income, say).
        const values = [...candidates(attribute, reads.compared.get(id) ?? [], everyOne), ...(arithmetic ? spread(attribute) : [])];
        others.push({ id, values: values.map(v => valueText(attribute, v)).filter(unique) });
    }
    const dated = reads.dates.size > 0;
    // Nothing the formula reads depends on the date: any day answers for all of them.
    const dates = dated ? [...reads.dates].sort() : ['2000-01-01'];
    const combinations = others.reduce((product, other) => product * other.values.length, 1);
    if (combinations * needValues.length * dates.length > SEARCH_BUDGET) {
        return [{ kind: 'undecided', need, reason: 'too-many-cases' }];
    }
    const needText = (value: ExactNumber) => (needAttribute ? valueText(needAttribute, value) : Number(value.numerator));
    /** The need values in order for one citizen; the first two neighbours where the amount falls. */
    const along = (date: string, citizen: Record<string, string | boolean>): CalculationNeedFinding | undefined => {
        let previous: { question: NeedQuestion; amount: ExactNumber; text: string } | undefined;
        for (const value of needValues) {
            const question: NeedQuestion = need === LEVEL_INPUT
                ? { citizen, level: Number(value.numerator) }
                : { citizen: { ...citizen, [needAttribute!.name]: needText(value) as string } };
            const amount = ask(date, question);
            if (amount === undefined) {
                continue; // no answer here (no row, no version): other checks report that
            }
            const exact = ExactNumber.parse(amount);
            if (previous && exact.compare(previous.amount) < 0) {
                return { kind: 'falls', need, ...(dated ? { date } : {}), lower: previous.question, higher: question, lowerAmount: previous.text, higherAmount: amount };
            }
            previous = { question, amount: exact, text: amount };
        }
        return undefined;
    };
    /** The combination's value of each input in `varying`, in order; the rest at `fixed`. */
    const citizenOf = (combination: number, varying: typeof others, fixed: Record<string, string | boolean> = {}) => {
        const citizen: Record<string, string | boolean> = { ...fixed };
        let rest = combination;
        for (const other of varying) {
            citizen[attributes.get(other.id)!.name] = other.values[rest % other.values.length];
            rest = Math.floor(rest / other.values.length);
        }
        return citizen;
    };
    for (const date of dates) {
        for (let combination = 0; combination < combinations; combination++) {
            const found = along(date, citizenOf(combination, others));
            if (found) {
                return [found];
            }
        }
    }
    // A share of an amount falls only where the amount is above zero and below what caps it, which
    // the regions of the criteria need not reach (an income just above the minimibelopp, say). So
    // each amount computed with is tried at the formula's own thresholds, the others at their least.
    if (computedWith.length > 0 && kronor.length > 0) {
        const choices = others.filter(other => !computedWith.includes(other.id));
        const choiceCombinations = choices.reduce((product, other) => product * other.values.length, 1);
        if (choiceCombinations * kronor.length * computedWith.length * needValues.length * dates.length <= SEARCH_BUDGET) {
            for (const date of dates) {
                for (const varied of computedWith) {
                    const attribute = attributes.get(varied)!;
                    const least: Record<string, string | boolean> = {};
                    for (const id of computedWith) {
                        least[attributes.get(id)!.name] = others.find(other => other.id === id)!.values[0];
                    }
                    for (const value of kronor.filter(k => withinDomain(attribute, k))) {
                        for (let combination = 0; combination < choiceCombinations; combination++) {
                            const found = along(date, citizenOf(combination, choices, { ...least, [attribute.name]: valueText(attribute, value) }));
                            if (found) {
                                return [found];
                            }
                        }
                    }
                }
            }
        }
    }
    if (!enumerated) {
        return [{ kind: 'undecided', need, reason: 'need-not-enumerable' }];
    }
    return computedWith.length === 0 ? [] : [{ kind: 'undecided', need, reason: 'computes-with-others', others: computedWith }];
}

const unique = <T>(value: T, index: number, all: T[]) => all.indexOf(value) === index;

function withinDomain(attribute: Attribute, value: ExactNumber): boolean {
    const domain = attribute.domain;
    if (domain.type === 'money') {
        return value.compare(ExactNumber.ZERO) >= 0;
    }
    if (domain.type !== 'integer' && domain.type !== 'decimal') {
        return false;
    }
    return value.compare(ExactNumber.parse(domain.min)) >= 0 && value.compare(ExactNumber.parse(domain.max)) <= 0
        && (domain.type === 'decimal' || value.isInteger());
}

/** Kronor tried at most per amount computed with, in the threshold pass of the search. */
const THRESHOLD_LIMIT = 200;

/**
 * Where a formula's terms can take over from each other, as values of an input it computes with:
 * each constant it reads (literals, parameters' values, tables' amounts), each sum of two, and the
 * whole number on either side, all above zero. A share of an income less a minimibelopp, capped by a
 * maxtaxa, rises from zero at the minimibelopp and stops at the maxtaxa: both are among these.
 */
function thresholds(runtime: PolicyRuntime, formula: Expression): ExactNumber[] {
    const constants = new Map<string, ExactNumber>();
    const add = (value: ExactNumber) => {
        const magnitude = value.compare(ExactNumber.ZERO) < 0 ? value.negate() : value;
        if (magnitude.compare(ExactNumber.ONE) > 0) {
            constants.set(magnitude.toDecimal(), magnitude);
        }
    };
    const seen = new Set<string>();
    const visit = (formula: Expression) => forEachExpression(formula, node => {
        if (isExpression(node, 'quantity')) {
            add(ExactNumber.parse(node.quantity.value));
            return;
        }
        if (!isExpression(node, 'ref') || seen.has(`${node.ref}#${node.column ?? ''}`)) {
            return;
        }
        seen.add(`${node.ref}#${node.column ?? ''}`);
        const element = runtime.policy.find(node.ref);
        switch (element?.kind) {
            case 'parameter':
                element.versions.forEach(version => add(ExactNumber.parse(version.value.value)));
                return;
            case 'calculation':
                visit(element.value);
                return;
            case 'levelTable':
                element.rows.forEach(row => 'open' in row.amount || add(ExactNumber.parse(row.amount.value)));
                return;
            case 'decisionTable':
                runtime.columnValues(element.id, node.column).forEach(value => value !== undefined && add(ExactNumber.parse(value)));
                return;
            default:
                return;
        }
    });
    visit(formula);
    const singles = [...constants.values()];
    const points = new Map<string, ExactNumber>();
    for (const base of [...singles, ...singles.flatMap((a, i) => singles.slice(i + 1).map(b => a.add(b)))]) {
        const whole = ExactNumber.of(base.floor());
        for (const value of [whole.subtract(ExactNumber.ONE), whole, whole.add(ExactNumber.ONE)]) {
            points.set(value.toDecimal(), value);
        }
    }
    return [...points.values()].sort((a, b) => a.compare(b)).slice(0, THRESHOLD_LIMIT);
}

/** How a formula moves as the need rises, everything else held; 'any' where the rules cannot tell. */
function directionOf(runtime: PolicyRuntime, expression: Expression, need: string, visiting: Set<string>): Direction {
    const policy = runtime.policy;
    const of = (e: Expression) => directionOf(runtime, e, need, visiting);
    return matchExpression<Direction>(expression, {
        quantity: () => 'const',
        level: () => need === LEVEL_INPUT ? 'up' : 'const',
        op: expression => {
            const left = of(expression.left);
            const right = of(expression.right);
            switch (expression.op) {
                case '+': return sum(left, right);
                case '-': return sum(left, flip(right));
                case '*': return product(runtime, expression.left, left, expression.right, right);
                case '/': return right === 'const' && sign(runtime, expression.right, visiting) === 'positive' ? left : left === 'const' && right === 'const' ? 'const' : 'any';
            }
        },
        call: expression => {
            // An argument another one is always at or beyond (a takbelopp per interval of hours, every one
            // at or above the maxtaxa in the same min) never decides: its direction does not matter.
            const deciding = expression.args.filter(argument => !expression.args.some(other => other !== argument && (expression.call === 'min'
                ? atOrBelow(runtime, other, argument) : atOrBelow(runtime, argument, other))));
            return (deciding.length > 0 ? deciding : expression.args).map(of).reduce((a, b) => (a === b ? a : a === 'const' ? b : b === 'const' ? a : 'any'));
        },
        round: expression => {
            return of(expression.round); // every rounding rule is non-decreasing
        },
        if: expression => {
            if (mentions(expression.if, need)) {
                // A choice on the need (a share per level written `om nivå >= 2 så 80 % annars 70 %`): its
                // own search, which is exhaustive where the choice computes with nothing but the need;
                // silence there proves it rises with need.
                const ask: Ask = (date, question) => runtimeAnswer(() => runtime.evaluate(expression,
                    { date, citizen: question.citizen, ...(question.level !== undefined ? { level: question.level } : {}) }));
                return search(ask, need, collectReads(runtime, expression), new Map(policy.all('attribute').map(a => [a.id, a]))).length === 0 ? 'up' : 'any';
            }
            const then = of(expression.then);
            const otherwise = of(expression.else);
            return then === otherwise ? then : then === 'const' ? otherwise : otherwise === 'const' ? then : 'any';
        },
        ref: expression => {
            const id = expression.ref;
            if (id === need) {
                return 'up';
            }
            const element = policy.find(id);
            if (!element) {
                return 'any';
            }
            switch (element.kind) {
                case 'attribute':
                case 'parameter':
                case 'hourlyRate':
                case 'flatRate':
                case 'placeRate':
                    return 'const';
                case 'calculation': {
                    if (visiting.has(id)) {
                        return 'any';
                    }
                    visiting.add(id);
                    const direction = of(element.value);
                    visiting.delete(id);
                    return direction;
                }
                case 'levelTable': {
                    if (expression.atLevel) {
                        return of(expression.atLevel) === 'const' ? 'const' : 'any';
                    }
                    if (need !== LEVEL_INPUT) {
                        return 'const';
                    }
                    const amounts = [...element.rows].sort((a, b) => a.level - b.level).map(row => ('open' in row.amount ? undefined : ExactNumber.parse(row.amount.value)));
                    return amounts.every((amount, i) => amount && (i === 0 || amount.compare(amounts[i - 1]!) >= 0)) ? 'up' : 'any';
                }
                case 'decisionTable': {
                    const readsNeed = element.rows.some(row => row.when.some(cell => cell !== null && mentions(cell, need)));
                    if (!readsNeed) {
                        return 'const';
                    }
                    // A table reads its inputs only through criteria, so searching its column is exhaustive
                    // for a whole-number need: silence there proves the column rises with need.
                    const column = expression.column;
                    const reads = collectReads(runtime, expression);
                    const ask: Ask = (date, question) => runtimeAnswer(() => runtime.decisionValue(runtime.decide(element.id,
                        { date, citizen: question.citizen, ...(question.level !== undefined ? { level: question.level } : {}) }), column));
                    return search(ask, need, reads, new Map(policy.all('attribute').map(a => [a.id, a]))).length === 0 ? 'up' : 'any';
                }
                default:
                    return 'any';
            }
        },
    });
}

/** Whether `low` is at or below `high` for every citizen and date, from the values each can take (undefined ends: not shown). */
function atOrBelow(runtime: PolicyRuntime, low: Expression, high: Expression): boolean {
    const top = valuesOf(runtime, low)?.reduce((a, b) => (a.compare(b) >= 0 ? a : b));
    const bottom = valuesOf(runtime, high)?.reduce((a, b) => (a.compare(b) <= 0 ? a : b));
    return top !== undefined && bottom !== undefined && top.compare(bottom) <= 0;
}

/**
 * Every value a formula can take, where it is a literal, a parameter (its versions), a decision
 * table's column (its rows, as the runtime reads them) or a calculation that is one of those;
 * undefined for anything else.
 */
function valuesOf(runtime: PolicyRuntime, expression: Expression): ExactNumber[] | undefined {
    // The runtime's own reading of each (a share as a fraction, a time in its unit).
    const on = (dates: readonly string[]) => {
        const values = dates.map(date => runtimeAnswer(() => runtime.evaluate(expression, { date })));
        return values.every(v => v !== undefined) ? values.map(v => ExactNumber.parse(v!)) : undefined;
    };
    if (isExpression(expression, 'quantity')) {
        return on(['2000-01-01']);
    }
    if (!isExpression(expression, 'ref') || expression.atLevel) {
        return undefined;
    }
    const element = runtime.policy.find(expression.ref);
    switch (element?.kind) {
        case 'parameter':
            return on(element.versions.map(version => version.from));
        case 'decisionTable': {
            // A sum or count is no one row's value, and a list (regelordning, …) no value at all.
            if (element.hitPolicy === 'collect' || listHitPolicy(element.hitPolicy)) {
                return undefined;
            }
            const values = runtime.columnValues(element.id, expression.column);
            return values.every(v => v !== undefined) && values.length > 0 ? values.map(v => ExactNumber.parse(v!)) : undefined;
        }
        default:
            return undefined;
    }
}

function sum(a: Direction, b: Direction): Direction {
    return a === 'const' ? b : b === 'const' ? a : a === b ? a : 'any';
}

function flip(direction: Direction): Direction {
    return direction === 'up' ? 'down' : direction === 'down' ? 'up' : direction;
}

function product(runtime: PolicyRuntime, leftExpression: Expression, left: Direction, rightExpression: Expression, right: Direction): Direction {
    if (left === 'const' && right === 'const') {
        return 'const';
    }
    // A factor that does not move with need scales the other: kept by a factor ≥ 0, turned by one ≤ 0.
    const scaled = (constant: Expression, other: Direction): Direction => {
        const known = sign(runtime, constant, new Set());
        return known === 'positive' || known === 'non-negative' ? other : known === 'non-positive' ? flip(other) : 'any';
    };
    if (left === 'const') {
        return scaled(leftExpression, right);
    }
    if (right === 'const') {
        return scaled(rightExpression, left);
    }
    return 'any';
}

type Sign = 'positive' | 'non-negative' | 'non-positive' | 'unknown';

/** The sign of a formula over every citizen and date, from literals, parameter versions and declared domains. */
function sign(runtime: PolicyRuntime, expression: Expression, visiting: Set<string>): Sign {
    const of = (e: Expression) => sign(runtime, e, visiting);
    const ofValue = (value: ExactNumber): Sign => {
        const c = value.compare(ExactNumber.ZERO);
        return c > 0 ? 'positive' : c === 0 ? 'non-negative' : 'non-positive';
    };
    const all = (signs: Sign[]): Sign => (signs.every(s => s === 'positive') ? 'positive'
        : signs.every(s => s === 'positive' || s === 'non-negative') ? 'non-negative'
            : signs.every(s => s === 'non-positive') ? 'non-positive' : 'unknown');
    return matchExpression<Sign>(expression, {
        quantity: expression => ofValue(ExactNumber.parse(expression.quantity.value)),
        level: () => 'non-negative',
        op: expression => {
            const left = of(expression.left);
            const right = of(expression.right);
            if (expression.op === '+') {
                return all([left, right]);
            }
            if (expression.op === '*' || expression.op === '/') {
                if (left === 'unknown' || right === 'unknown') {
                    return 'unknown';
                }
                const negative = (left === 'non-positive') !== (right === 'non-positive');
                return negative ? 'non-positive' : left === 'positive' && right === 'positive' ? 'positive' : 'non-negative';
            }
            return 'unknown';
        },
        call: expression => {
            const signs = expression.args.map(of);
            // max(0, x) is never negative whatever x is.
            if (expression.call === 'max' && signs.some(s => s === 'positive' || s === 'non-negative')) {
                return signs.some(s => s === 'positive') ? 'positive' : 'non-negative';
            }
            return all(signs);
        },
        round: expression => {
            const inner = of(expression.round);
            return inner === 'positive' ? 'non-negative' : inner;
        },
        if: expression => all([of(expression.then), of(expression.else)]),
        ref: expression => {
            const element = runtime.policy.find(expression.ref);
            if (!element) {
                return 'unknown';
            }
            switch (element.kind) {
                case 'parameter':
                    return all(element.versions.map(version => ofValue(ExactNumber.parse(version.value.value))));
                case 'attribute': {
                    const domain = element.domain;
                    return (domain.type === 'integer' || domain.type === 'decimal') && ExactNumber.parse(domain.min).compare(ExactNumber.ZERO) >= 0 ? 'non-negative' : 'unknown';
                }
                case 'calculation': {
                    if (visiting.has(element.id)) {
                        return 'unknown';
                    }
                    visiting.add(element.id);
                    const result = of(element.value);
                    visiting.delete(element.id);
                    return result;
                }
                case 'levelTable':
                    return all(element.rows.map(row => ('open' in row.amount ? 'unknown' : ofValue(ExactNumber.parse(row.amount.value)))));
                case 'decisionTable': {
                    const column = expression.column === undefined ? 0 : element.outputs.indexOf(expression.column);
                    return all([...element.rows.map(row => row.then), ...(element.defaultOutputs ? [element.defaultOutputs] : [])].map(then => { const cell = quantityCell(then[column]); return !cell ? 'unknown' : ofValue(ExactNumber.parse(cell.value)); }));
                }
                case 'hourlyRate':
                case 'flatRate':
                case 'placeRate':
                    if (element.amounts) {
                        return all(element.amounts.map(row => ('open' in row.amount ? 'unknown' : ofValue(ExactNumber.parse(row.amount.value)))));
                    }
                    return element.amount && !('open' in element.amount) ? ofValue(ExactNumber.parse(element.amount.value)) : 'unknown';
                default:
                    return 'unknown';
            }
        },
    });
}

function mentions(criterion: Criterion, attribute: string): boolean {
    const compares = (leaf: { attribute: string }) => leaf.attribute === attribute;
    return matchCriterion<boolean>(criterion, {
        all: c => c.all.some(part => mentions(part, attribute)),
        any: c => c.any.some(part => mentions(part, attribute)),
        not: c => mentions(c.not, attribute),
        test: compares,
        op: compares,
        in: compares,
        between: compares,
        against: compares,
    });
}
