import {
    ExactNumber, forEachReference, isExpression, LEVEL_INPUT, matchCriterion, matchExpression,
    type Attribute, type CompiledPolicyFile, type Criterion, type Expression, type Fee,
} from '@regelratt/format';
import { PolicyRuntime, RegelrattRuntimeError } from '@regelratt/runtime';
import type { MessageLocale } from './i18n/locale.js';
import { swedishDecimal } from './numbers/decimal-text.js';
import { dayAfter } from './days.js';
import { answerRegions, parseExact, type AnswerRegion, type Citizen, type OutsideReason, type RegionPoint } from './answer-regions.js';
import { candidates, collectReads, spread, valueText, type Reads } from './formula-reads.js';

/**
 * What a revision changes in the amounts citizens are answered: each calculation that is an answer
 * (no formula of the policy reads it) and each fee, compared between two compiled versions.
 *
 * First a proof: both versions' formulas brought to one canonical form (calculations they read
 * written out in place, renamed elements under their new names, sums, products and `min`/`max` in a
 * fixed order, comparisons of whole numbers as ranges within the attribute's domain, and every other
 * element they read by whether the element's own comparison found that it answers the same). Equal
 * forms give the same answer for every citizen, level and date: a refactoring.
 *
 * Otherwise the two versions' runtimes are asked the same questions, over citizens that stand for
 * every region the formulas' comparisons split the domains into, every date something they read
 * starts, and every level they read, within a budget. A change is reported only with citizens whose
 * answers the runtimes give differently; where none is found, the comparison says it could not decide
 * and how many citizens were tried. Never a change no citizen shows, never silence.
 */
/** A citizen whose answer the two versions give differently (decimal text, or `fel: <code>`). */
export type AnswerSample = RegionPoint;

export type AnswerComparison =
    /** `rewritten`: the formulas are written differently (a refactoring), not merely alike. */
    | { outcome: 'same'; rewritten: boolean }
    | {
        outcome: 'changed';
        /** A few citizens whose answer changes, the largest changes first. */
        samples: AnswerSample[];
        /** How many of the citizens tried got another answer, of how many. */
        differing: number;
        tried: number;
        /** The least and greatest difference among them, where both versions answered amounts. */
        difference?: { min: string; max: string };
        /** Attribute values every changed citizen tried had (`städning = ja`): where the change lies. */
        common: string[];
        /**
         * On the piecewise-linear fragment: every region where the answer changes, exactly (then
         * `samples` are the regions' examples and `tried` the cells asked); absent when sampled.
         */
        regions?: AnswerRegion[];
        /** Why the regions could not be found exactly, where the citizens were sampled. */
        outside?: OutsideReason;
    }
    | { outcome: 'undecided'; tried: number; outside?: OutsideReason };

/** Questions asked of each version per answer at most. */
export const ANSWER_BUDGET = 4_000;
/** Citizens shown per changed answer. */
const SHOWN = 5;

export interface AnswerDiffContext {
    before: PolicyRuntime;
    after: PolicyRuntime;
    /** Old id → new id of renamed elements. */
    renames: ReadonlyMap<string, string>;
    /** Whether an element other than a calculation answers the same in both versions (by its own comparison), by new id. */
    sameElement: (newId: string) => boolean;
    locale: MessageLocale;
}

export function answerRuntimes(before: readonly CompiledPolicyFile[], after: readonly CompiledPolicyFile[]): { before: PolicyRuntime; after: PolicyRuntime } {
    // Both versions come from the checker or from files the caller loaded and checked already.
    return { before: new PolicyRuntime(before, { validate: false }), after: new PolicyRuntime(after, { validate: false }) };
}

/** The calculations of a version that no formula reads: the amounts a consumer asks for. */
export function answerCalculations(runtime: PolicyRuntime): Set<string> {
    const read = new Set<string>();
    const visit = (expression: Expression | undefined) => {
        if (expression) {
            forEachReference(expression, e => read.add(e.ref));
        }
    };
    for (const calculation of runtime.policy.all('calculation')) {
        visit(calculation.value);
    }
    for (const fee of runtime.policy.all('fee')) {
        visit(fee.room);
        visit(fee.ceiling);
    }
    return new Set(runtime.policy.all('calculation').map(c => c.id).filter(id => !read.has(id)));
}

/**
 * For each calculation that other formulas read, the names of the answers (calculations no formula
 * reads, and fees) that read it, directly or through other calculations.
 */
export function answerReaders(runtime: PolicyRuntime, answers: ReadonlySet<string>): Map<string, string[]> {
    const readers = new Map<string, Set<string>>();
    const reach = (expression: Expression | undefined, answer: string, seen: Set<string>) => {
        if (!expression) {
            return;
        }
        forEachReference(expression, ({ ref }) => {
            const element = runtime.policy.find(ref);
            if (element?.kind !== 'calculation' || seen.has(ref)) {
                return;
            }
            seen.add(ref);
            let names = readers.get(ref);
            if (!names) {
                readers.set(ref, (names = new Set()));
            }
            names.add(answer);
            reach(element.value, answer, seen);
        });
    };
    for (const calculation of runtime.policy.all('calculation')) {
        if (answers.has(calculation.id)) {
            reach(calculation.value, calculation.name, new Set());
        }
    }
    for (const fee of runtime.policy.all('fee')) {
        const seen = new Set<string>();
        reach(fee.room, fee.name, seen);
        reach(fee.ceiling, fee.name, seen);
    }
    return new Map([...readers].map(([id, names]) => [id, [...names].sort()]));
}

/** Compares one calculation between the versions (its old and new id). */
export function compareCalculation(oldId: string, newId: string, context: AnswerDiffContext): AnswerComparison {
    const old = context.before.policy.get(oldId, 'calculation');
    const next = context.after.policy.get(newId, 'calculation');
    if (canonicalExpression(old.value, 'before', context) === canonicalExpression(next.value, 'after', context)) {
        return { outcome: 'same', rewritten: canonicalExpression(old.value, 'before', context, LITERAL) !== canonicalExpression(next.value, 'after', context, LITERAL) };
    }
    const reads = [collectReads(context.before, old.value), collectReads(context.after, next.value)];
    const ask: Ask = (runtime, version, citizen, date, level) => {
        const id = version === 'before' ? oldId : newId;
        return runtime.calculate(id, { date, citizen, ...(level !== undefined ? { level } : {}) }, { explain: false }).amount;
    };
    return exactOrSearch(reads, [[old.value], [next.value]], false, context, ask);
}

/**
 * Whether a fee's amount can differ by level: it has level rows, or its avgiftsutrymme or maxtaxa reads
 * the level (or a criterion, which might). Without, the comparison asks at level 0 only, and that
 * level is no fact about the citizen to show a reader.
 */
export function feeHasLevels(fee: Fee, runtime: PolicyRuntime): boolean {
    return fee.caps.length + (fee.shares?.length ?? 0) + (fee.amounts?.length ?? 0) > 0
        || [fee.room, fee.ceiling].some(expression => {
            const reads = expression ? collectReads(runtime, expression) : undefined;
            return reads !== undefined && (reads.readsLevel || reads.maxLevel > 0 || reads.levelArithmetic || reads.criteria.length > 0);
        });
}

/** Compares one fee between the versions. */
export function compareFee(old: Fee, next: Fee, context: AnswerDiffContext): AnswerComparison {
    const form = (fee: Fee, version: Version, mode = CANONICAL) => [
        fee.room ? canonicalExpression(fee.room, version, context, mode) : '-',
        fee.ceiling ? canonicalExpression(fee.ceiling, version, context, mode) : '-',
        JSON.stringify(fee.share ?? null), JSON.stringify(fee.rounding ?? null), JSON.stringify(fee.validity ?? null),
        ...[fee.caps, fee.shares ?? [], fee.amounts ?? []].map(rows => JSON.stringify([...rows].sort((a, b) => a.level - b.level).map(c => [c.level, c.amount]))),
    ].join('\u0000');
    if (form(old, 'before') === form(next, 'after')) {
        return { outcome: 'same', rewritten: form(old, 'before', LITERAL) !== form(next, 'after', LITERAL) };
    }
    const reads = [old, next].map((fee, i) => {
        const runtime = i === 0 ? context.before : context.after;
        const parts = [fee.room, fee.ceiling].filter((e): e is Expression => e !== undefined).map(e => collectReads(runtime, e));
        const merged = mergeReads(parts);
        merged.readsLevel = true;
        merged.maxLevel = Math.max(merged.maxLevel, ...[...fee.caps, ...fee.shares ?? [], ...fee.amounts ?? []].map(c => c.level));
        if (fee.validity) {
            merged.dates.add(fee.validity.from);
            if (fee.validity.to) {
                merged.ends.add(dayAfter(fee.validity.to));
            }
        }
        return merged;
    });
    const formulas = [old, next].map(fee => [fee.room, fee.ceiling].filter((e): e is Expression => e !== undefined));
    return exactOrSearch(reads, formulas, true, context, (runtime, version, citizen, date, level) =>
        runtime.fee(version === 'before' ? old.id : next.id, level ?? 0, citizen, date, { explain: false }).amount);
}

/**
 * The exact regions of change where both formulas lie in the piecewise-linear fragment
 * (answer-regions.ts): no region is "samma svar" proven by asking every cell. Elsewhere the sampling
 * search, which says why it could not be exact.
 */
function exactOrSearch(reads: readonly Reads[], formulas: ReadonlyArray<readonly Expression[]>, fee: boolean, context: AnswerDiffContext, ask: Ask): AnswerComparison {
    const renamed = (id: string) => context.renames.get(id) ?? id;
    const before = reads[0];
    // The old version's attributes under their new ids, so one case split covers both versions.
    const rewritten: Reads = {
        ...before,
        arithmetic: new Set([...before.arithmetic].map(renamed)),
        compared: new Map([...before.compared].map(([id, constants]) => [renamed(id), constants])),
        criteria: before.criteria.map(c => JSON.parse(JSON.stringify(c), (key, value: unknown) => (key === 'attribute' && typeof value === 'string' ? renamed(value) : value)) as Criterion),
    };
    const merged = mergeReads([rewritten, reads[1]]);
    const oldIds = new Map([...context.renames].map(([from, to]) => [to, from]));
    const attributes = new Map<string, { attribute: Attribute; names: string[] }>();
    for (const id of merged.compared.keys()) {
        const next = context.after.policy.find(id);
        const old = context.before.policy.find(oldIds.get(id) ?? id);
        const attribute = (next ?? old) as Attribute | undefined;
        if (attribute?.kind === 'attribute') {
            const names = [...new Set([attribute.name, ...(old?.kind === 'attribute' ? [old.name] : [])])];
            attributes.set(id, { attribute, names });
        }
    }
    const exact = answerRegions({
        reads: merged, fee, attributes,
        formulas: [{ runtime: context.before, expressions: formulas[0] }, { runtime: context.after, expressions: formulas[1] }],
        ask: (version, citizen, date, level) => answerOf(() => ask(version === 'before' ? context.before : context.after, version, citizen, date, level)),
    });
    if (!exact.exact) {
        return { ...search(reads, context, ask), outside: exact.reason };
    }
    if (exact.regions.length === 0) {
        return { outcome: 'same', rewritten: true };
    }
    const constants = exact.regions.flatMap(r => (r.change.kind === 'constant' ? [r.change.difference, r.change.difference]
        : r.change.kind === 'affine' && r.change.min !== undefined && r.change.max !== undefined ? [r.change.min, r.change.max] : []));
    const differences = constants.map(parseExact);
    const unbounded = exact.regions.some(r => r.change.kind === 'affine' && (r.change.min === undefined || r.change.max === undefined));
    return {
        outcome: 'changed',
        regions: exact.regions,
        samples: exact.regions.slice(0, SHOWN).map(r => r.example),
        differing: exact.regions.length,
        tried: exact.cells,
        ...(differences.length > 0 && !unbounded ? {
            difference: {
                min: differences.reduce((a, b) => (b.compare(a) < 0 ? b : a)).toDecimal(),
                max: differences.reduce((a, b) => (b.compare(a) > 0 ? b : a)).toDecimal(),
            },
        } : {}),
        common: [],
    };
}


type Version = 'before' | 'after';

// ------------------------------------------------------------------ the canonical form

/** How a form is written: canonical (parts in a fixed order, comparisons as ranges) or literal (as written, through renames). */
interface FormMode {
    sorted: (parts: string[]) => string[];
    criterion: (criterion: Criterion, runtime: PolicyRuntime, newId: (id: string) => string) => string;
}
const CANONICAL: FormMode = { sorted: parts => [...parts].sort(), criterion: canonicalCriterion };
const LITERAL: FormMode = {
    sorted: parts => parts,
    criterion: (criterion, _runtime, newId) => JSON.stringify(criterion, (_key, value: unknown) => (typeof value === 'string' ? newId(value) : value)),
};

/**
 * The formula in a form two equal meanings share: see the module's comment. Elements that answer
 * differently in the two versions are named with the version, so their forms can never be equal.
 */
function canonicalExpression(expression: Expression, version: Version, context: AnswerDiffContext, mode: FormMode = CANONICAL, depth = 0): string {
    const runtime = version === 'before' ? context.before : context.after;
    const newId = (id: string) => (version === 'before' ? context.renames.get(id) ?? id : id);
    const recurse = (e: Expression) => canonicalExpression(e, version, context, mode, depth + 1);
    const sorted = mode.sorted;
    return matchExpression<string>(expression, {
        quantity: e => `${ExactNumber.parse(e.quantity.value).toDecimal()}${e.quantity.unit}${e.quantity.per ?? ''}`,
        level: () => 'nivå',
        ref: e => {
            const at = e.atLevel ? `@${recurse(e.atLevel)}` : '';
            const column = e.column ? `.${e.column}` : '';
            const element = runtime.policy.find(e.ref);
            if (element?.kind === 'calculation' && depth < 200) {
                return `(${recurse(element.value)})${at}`;
            }
            if (element?.kind === 'attribute') {
                return `A:${newId(e.ref)}`;
            }
            const target = newId(e.ref);
            return context.sameElement(target) ? `E:${target}${column}${at}` : `E:${version}:${target}${column}${at}`;
        },
        op: e => {
            if ((e.op === '+' || e.op === '-') && mode === CANONICAL) {
                const terms: string[] = [];
                collectTerms(e, 1, terms, recurse);
                return `Σ[${sorted(terms).join(',')}]`;
            }
            if (e.op === '*' && mode === CANONICAL) {
                const factors: string[] = [];
                collectFactors(e, factors, recurse);
                return `Π[${sorted(factors).join(',')}]`;
            }
            return `(${recurse(e.left)})${e.op}(${recurse(e.right)})`;
        },
        call: e => {
            const args: string[] = [];
            const flatten = (part: Expression) => {
                if (isExpression(part, 'call') && part.call === e.call) {
                    part.args.forEach(flatten);
                } else {
                    args.push(recurse(part));
                }
            };
            e.args.forEach(flatten);
            return `${e.call}[${(mode === CANONICAL ? [...new Set(sorted(args))] : args).join(',')}]`;
        },
        round: e => `R:${e.rounding.unit}:${e.rounding.mode}(${recurse(e.round)})`,
        if: e => `?(${mode.criterion(e.if, runtime, newId)})(${recurse(e.then)})(${recurse(e.else)})`,
    });
}

function collectTerms(expression: Expression, sign: 1 | -1, terms: string[], recurse: (e: Expression) => string): void {
    if (isExpression(expression, 'op') && (expression.op === '+' || expression.op === '-')) {
        collectTerms(expression.left, sign, terms, recurse);
        collectTerms(expression.right, expression.op === '+' ? sign : (sign === 1 ? -1 : 1), terms, recurse);
        return;
    }
    terms.push(`${sign === 1 ? '+' : '-'}${recurse(expression)}`);
}

function collectFactors(expression: Expression, factors: string[], recurse: (e: Expression) => string): void {
    if (isExpression(expression, 'op') && expression.op === '*') {
        collectFactors(expression.left, factors, recurse);
        collectFactors(expression.right, factors, recurse);
        return;
    }
    factors.push(recurse(expression));
}

/**
 * A criterion in a form equal meanings share: `och` and `eller` in a fixed order, and a comparison of
 * a whole-number attribute as the range of values it admits within the domain (`>= 21` and `21–200`
 * on 0–200 are the same range).
 */
function canonicalCriterion(criterion: Criterion, runtime: PolicyRuntime, newId: (id: string) => string): string {
    const recurse = (c: Criterion) => canonicalCriterion(c, runtime, newId);
    const range = (attributeId: string, lo: ExactNumber | undefined, hi: ExactNumber | undefined): string | undefined => {
        const attribute = runtime.policy.find(attributeId) as Attribute | undefined;
        if (attribute?.domain.type !== 'integer') {
            return undefined;
        }
        const min = ExactNumber.parse(attribute.domain.min);
        const max = ExactNumber.parse(attribute.domain.max);
        const from = lo && lo.compare(min) > 0 ? lo : min;
        const to = hi && hi.compare(max) < 0 ? hi : max;
        return from.compare(to) > 0 ? 'aldrig' : `${newId(attributeId)}∈[${from.toDecimal()},${to.toDecimal()}]`;
    };
    const floor = (n: ExactNumber) => ExactNumber.of(n.floor());
    const ceil = (n: ExactNumber) => (n.isInteger() ? n : ExactNumber.of(n.floor() + 1n));
    return matchCriterion<string>(criterion, {
        all: c => `och[${c.all.map(recurse).sort().join(',')}]`,
        any: c => `eller[${c.any.map(recurse).sort().join(',')}]`,
        not: c => `inte(${recurse(c.not)})`,
        test: c => `${newId(c.attribute)}`,
        op: c => {
            if ('number' in c.value && c.attribute !== LEVEL_INPUT) {
                const n = ExactNumber.parse(c.value.number);
                const one = ExactNumber.ONE;
                const asRange = c.op === '>=' ? range(c.attribute, ceil(n), undefined)
                    : c.op === '>' ? range(c.attribute, floor(n).add(one), undefined)
                        : c.op === '<=' ? range(c.attribute, undefined, floor(n))
                            : c.op === '<' ? range(c.attribute, undefined, ceil(n).subtract(one))
                                : c.op === '=' ? range(c.attribute, n, n) : undefined;
                if (asRange) {
                    return asRange;
                }
            }
            return `${newId(c.attribute)}${c.op}${JSON.stringify(c.value)}`;
        },
        in: c => `${newId(c.attribute)}∈{${c.in.map(l => JSON.stringify(l)).sort().join(',')}}`,
        between: c => range(c.attribute, ceil(ExactNumber.parse(c.between.min)), floor(ExactNumber.parse(c.between.max)))
            ?? `${newId(c.attribute)}∈[${c.between.min},${c.between.max}]`,
        against: c => `${newId(c.attribute)}${c.against.op}@${newId(c.against.ref)}`,
    });
}

// ------------------------------------------------------------------ asking both runtimes

function mergeReads(parts: readonly Reads[]): Reads {
    const merged: Reads = { arithmetic: new Set(), compared: new Map(), readsLevel: false, dates: new Set(), ends: new Set(), maxLevel: 0, criteria: [], levelArithmetic: false, lists: new Set() };
    for (const part of parts) {
        part.arithmetic.forEach(id => merged.arithmetic.add(id));
        for (const [id, constants] of part.compared) {
            merged.compared.set(id, [...(merged.compared.get(id) ?? []), ...constants]);
        }
        merged.readsLevel ||= part.readsLevel;
        part.dates.forEach(date => merged.dates.add(date));
        part.ends.forEach(date => merged.ends.add(date));
        merged.maxLevel = Math.max(merged.maxLevel, part.maxLevel);
        merged.criteria.push(...part.criteria);
        merged.levelArithmetic ||= part.levelArithmetic;
        part.lists.forEach(id => merged.lists.add(id));
    }
    return merged;
}

type Ask = (runtime: PolicyRuntime, version: Version, citizen: Citizen, date: string, level: number | undefined) => string;

function search(reads: readonly Reads[], context: AnswerDiffContext, ask: Ask): Exclude<AnswerComparison, { outcome: 'same' }> {
    const merged = mergeReads(reads);
    // Attributes by their new id; an attribute only one version reads is given in both (the other ignores it).
    const attributes: Array<{ name: string; values: Array<string | boolean> }> = [];
    for (const [id, constants] of merged.compared) {
        const attribute = (context.after.policy.find(id) ?? context.before.policy.find(id)) as Attribute | undefined;
        if (!attribute || attribute.kind !== 'attribute' || attribute.domain.type === 'date') {
            continue;
        }
        const points = candidates(attribute, constants, false);
        if (merged.arithmetic.has(id)) {
            // An amount read in arithmetic: its comparisons alone do not show where the formula's
            // terms take over from each other, so values across its whole range are tried too.
            points.push(...spread(attribute));
        }
        const values = [...new Map(points.map(value => [value.toDecimal(), valueText(attribute, value)])).values()];
        attributes.push({ name: attribute.name, values });
    }
    const dates = [...merged.dates].sort();
    if (dates.length === 0) {
        dates.push('2025-01-01');
    }
    const levels = merged.readsLevel ? Array.from({ length: Math.min(merged.maxLevel, 30) + 1 }, (_, i) => i) : [undefined];
    const combinations = attributes.reduce((product, a) => product * a.values.length, 1);
    const perCitizen = dates.length * levels.length;
    const citizens = Math.max(1, Math.min(combinations, Math.floor(ANSWER_BUDGET / perCitizen)));
    // Every combination when they fit the budget; otherwise a fixed, spread-out choice of them.
    let seed = 20261204;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const differing: AnswerSample[] = [];
    let tried = 0;
    const commonValues = new Map<string, string | boolean>();
    let anyDiffering = false;
    for (let c = 0; c < citizens; c++) {
        const citizen: Record<string, string | boolean> = {};
        let index = c;
        for (const attribute of attributes) {
            const pick = combinations <= citizens ? index % attribute.values.length : Math.floor(next() * attribute.values.length);
            index = Math.floor(index / attribute.values.length);
            citizen[attribute.name] = attribute.values[pick];
        }
        for (const date of dates) {
            for (const level of levels) {
                tried++;
                const before = answerOf(() => ask(context.before, 'before', citizen, date, level));
                const after = answerOf(() => ask(context.after, 'after', citizen, date, level));
                if (before === after) {
                    continue;
                }
                const difference = !before.startsWith('fel') && !after.startsWith('fel')
                    ? ExactNumber.parse(after).subtract(ExactNumber.parse(before)).toDecimal() : undefined;
                differing.push({ citizen, ...(level !== undefined ? { level } : {}), date, before, after, ...(difference !== undefined ? { difference } : {}) });
                if (!anyDiffering) {
                    Object.entries(citizen).forEach(([name, value]) => commonValues.set(name, value));
                    anyDiffering = true;
                } else {
                    for (const [name, value] of commonValues) {
                        if (citizen[name] !== value) {
                            commonValues.delete(name);
                        }
                    }
                }
            }
        }
    }
    if (differing.length === 0) {
        return { outcome: 'undecided', tried };
    }
    const differences = differing.filter(d => d.difference !== undefined).map(d => ExactNumber.parse(d.difference!));
    // Amounts that change first, largest first; then an amount where there was an error or the other
    // way round; changes from one error to another last.
    const magnitude = (d: AnswerSample) => (d.difference !== undefined ? Math.abs(Number(d.difference))
        : d.before.startsWith('fel') && d.after.startsWith('fel') ? -2 : -1);
    const shown = [...differing].sort((a, b) => magnitude(b) - magnitude(a)).slice(0, SHOWN);
    const sv = context.locale === 'sv';
    return {
        outcome: 'changed',
        samples: shown,
        differing: differing.length,
        tried,
        ...(differences.length > 0 ? {
            difference: {
                min: differences.reduce((a, b) => (b.compare(a) < 0 ? b : a)).toDecimal(),
                max: differences.reduce((a, b) => (b.compare(a) > 0 ? b : a)).toDecimal(),
            },
        } : {}),
        // Values every changed citizen shares, of the attributes the search varied.
        common: [...commonValues].filter(([name]) => attributes.find(a => a.name === name)!.values.length > 1)
            .map(([name, value]) => `${name} = ${typeof value === 'boolean' ? (value ? (sv ? 'ja' : 'yes') : (sv ? 'nej' : 'no')) : sv && /^-?\d/.test(value) ? swedishDecimal(value) : value}`),
    };
}

/** The runtime's answer, or its error's code as the answer (an error that changes is a change too). */
function answerOf(question: () => string): string {
    try {
        return question();
    } catch (error) {
        if (error instanceof RegelrattRuntimeError) {
            return `fel: ${error.code}`;
        }
        throw error;
    }
}
