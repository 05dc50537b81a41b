import { ExactNumber, LEVEL_INPUT, quantityCell, type Attribute, type Criterion, type Expression } from '@regelratt/format';
import type { PolicyRuntime } from '@regelratt/runtime';
import { MAX_LEVEL } from '../numbers/level-limit.js';
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
        reason: 'too-many-cases' | 'need-not-enumerable' | 'computes-with-others';
        /** For `computes-with-others`: their ids. */
        others?: string[];
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
        findings.push(...search(ask, need, reads, attributes));
    }
    return findings;
}

type Ask = (date: string, question: NeedQuestion) => string | undefined;

function search(ask: Ask, need: string, reads: Reads, attributes: ReadonlyMap<string, Attribute>): CalculationNeedFinding[] {
    const needAttribute = attributes.get(need);
    const needValues = need === LEVEL_INPUT
        // A level beyond MAX_LEVEL is an error in the source; the search stops there all the same.
        ? Array.from({ length: Math.min(reads.maxLevel, MAX_LEVEL) + 1 }, (_, level) => ExactNumber.of(BigInt(level)))
        : needAttribute ? candidates(needAttribute, reads.compared.get(need) ?? [], true) : undefined;
    if (!needValues) {
        return [{ kind: 'undecided', need, reason: 'need-not-enumerable' }];
    }
    const enumerated = need === LEVEL_INPUT || (needAttribute?.domain.type === 'integer' && enumerable(needAttribute));
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
        const arithmetic = reads.arithmetic.has(id) && domain !== 'boolean' && domain !== 'enumeration';
        if (arithmetic) {
            computedWith.push(id);
        }
        // An amount read in arithmetic is tried across its range too: where a share of it overtakes a
        // cap is at no compared constant (a share of a large income, say).
        const values = [...candidates(attribute, reads.compared.get(id) ?? [], false), ...(arithmetic ? spread(attribute) : [])];
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
    for (const date of dates) {
        for (let combination = 0; combination < combinations; combination++) {
            const citizen: Record<string, string | boolean> = {};
            let rest = combination;
            for (const other of others) {
                citizen[attributes.get(other.id)!.name] = other.values[rest % other.values.length];
                rest = Math.floor(rest / other.values.length);
            }
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
                    return [{ kind: 'falls', need, ...(dated ? { date } : {}), lower: previous.question, higher: question, lowerAmount: previous.text, higherAmount: amount }];
                }
                previous = { question, amount: exact, text: amount };
            }
        }
    }
    if (!enumerated) {
        return [{ kind: 'undecided', need, reason: 'need-not-enumerable' }];
    }
    return computedWith.length === 0 ? [] : [{ kind: 'undecided', need, reason: 'computes-with-others', others: computedWith }];
}

const unique = <T>(value: T, index: number, all: T[]) => all.indexOf(value) === index;

/** How a formula moves as the need rises, everything else held; 'any' where the rules cannot tell. */
function directionOf(runtime: PolicyRuntime, expression: Expression, need: string, visiting: Set<string>): Direction {
    const policy = runtime.policy;
    const of = (e: Expression) => directionOf(runtime, e, need, visiting);
    if ('quantity' in expression) {
        return 'const';
    }
    if ('level' in expression) {
        return need === LEVEL_INPUT ? 'up' : 'const';
    }
    if ('op' in expression) {
        const left = of(expression.left);
        const right = of(expression.right);
        switch (expression.op) {
            case '+': return sum(left, right);
            case '-': return sum(left, flip(right));
            case '*': return product(runtime, expression.left, left, expression.right, right);
            case '/': return right === 'const' && sign(runtime, expression.right, visiting) === 'positive' ? left : left === 'const' && right === 'const' ? 'const' : 'any';
        }
    }
    if ('call' in expression) {
        return expression.args.map(of).reduce((a, b) => (a === b ? a : a === 'const' ? b : b === 'const' ? a : 'any'));
    }
    if ('round' in expression) {
        return of(expression.round); // every rounding rule is non-decreasing
    }
    if ('if' in expression) {
        if (mentions(expression.if, need)) {
            return 'any';
        }
        const then = of(expression.then);
        const otherwise = of(expression.else);
        return then === otherwise ? then : then === 'const' ? otherwise : otherwise === 'const' ? then : 'any';
    }
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
    if ('quantity' in expression) {
        return ofValue(ExactNumber.parse(expression.quantity.value));
    }
    if ('level' in expression) {
        return 'non-negative';
    }
    if ('op' in expression) {
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
    }
    if ('call' in expression) {
        const signs = expression.args.map(of);
        // max(0, x) is never negative whatever x is.
        if (expression.call === 'max' && signs.some(s => s === 'positive' || s === 'non-negative')) {
            return signs.some(s => s === 'positive') ? 'positive' : 'non-negative';
        }
        return all(signs);
    }
    if ('round' in expression) {
        const inner = of(expression.round);
        return inner === 'positive' ? 'non-negative' : inner;
    }
    if ('if' in expression) {
        return all([of(expression.then), of(expression.else)]);
    }
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
            return element.amount && !('open' in element.amount) ? ofValue(ExactNumber.parse(element.amount.value)) : 'unknown';
        default:
            return 'unknown';
    }
}

function mentions(criterion: Criterion, attribute: string): boolean {
    if ('all' in criterion) {
        return criterion.all.some(c => mentions(c, attribute));
    }
    if ('any' in criterion) {
        return criterion.any.some(c => mentions(c, attribute));
    }
    if ('not' in criterion) {
        return mentions(criterion.not, attribute);
    }
    return criterion.attribute === attribute;
}
