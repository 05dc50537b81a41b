import { dayNumber, ExactNumber, matchComparison, matchCriterion, type Comparison, type ComparisonOperator, type Criterion, type Literal } from '@regelratt/format';
import { type AttributeCatalogue, type AttributeEntry, type AttributeValue, type CitizenValues } from './citizen.js';
import { generateTest } from './criterion-codegen.js';
import { orderNumbers } from './order-numbers.js';
import { runtimeError } from './runtime-error.js';

/** How one condition of a criterion came out for a citizen. */
export interface CriterionTrace {
    /** The condition as the policy states it, e.g. `ålder > 65`, `inte kognitiv_svikt`, `alla av`. */
    condition: string;
    met: boolean;
    /** The citizen's value, for a comparison. */
    value?: string;
    parts?: CriterionTrace[];
    /**
     * False for a part the answer did not need (after the first failed part of `och`, the first
     * met part of `eller`): it was not evaluated, as in the answer itself, so a value it would read
     * may be missing without an error.
     */
    evaluated?: false;
}

type Built = { test: (v: CitizenValues) => boolean; explain: (v: CitizenValues) => CriterionTrace; outline: () => CriterionTrace };

/** Explains parts in order until `decided` says the rest cannot change the result; the rest are outlined. */
function explainUntil(parts: readonly Built[], values: CitizenValues, decided: (trace: CriterionTrace) => boolean): CriterionTrace[] {
    const traces: CriterionTrace[] = [];
    let done = false;
    for (const part of parts) {
        if (done) {
            traces.push(part.outline());
            continue;
        }
        const trace = part.explain(values);
        traces.push(trace);
        done = decided(trace);
    }
    return traces;
}

/** A criterion compiled once into a function, so a register of citizens is evaluated without re-reading the JSON. */
export interface CompiledCriterion {
    test(values: CitizenValues): boolean;
    explain(values: CitizenValues): CriterionTrace;
    /** The criterion's structure without evaluating it (every part `evaluated: false`). */
    outline(): CriterionTrace;
    /** The attributes it reads, in order of first appearance. */
    attributes: readonly string[];
}

const symbols: Record<string, string> = { '=': '=', '!=': '≠', '<': '<', '<=': '≤', '>': '>', '>=': '≥' };

export function compileCriterion(criterion: Criterion, catalogue: AttributeCatalogue): CompiledCriterion {
    const read = new Set<string>();
    const build = (node: Criterion): Built => {
        // An attribute's entry; an unknown one is a typed error when the criterion is compiled.
        const entryOf = (id: string): AttributeEntry => {
            read.add(id);
            const entry = catalogue.entries.get(id);
            if (!entry) {
                throw runtimeError('unknown-attribute', { name: id }, { attribute: id });
            }
            return entry;
        };
        const compare = (comparisonNode: Comparison): Built => {
            const id = comparisonNode.attribute;
            const entry = entryOf(id);
            const attribute = entry.attribute;
            const name = attribute.name;
            // Whole numbers and days are compared as JS numbers, the fast path for most criteria.
            const wholeNumbers = attribute?.domain.type === 'date' || attribute?.domain.type === 'integer';
            const test = comparison(comparisonNode, wholeNumbers);
            const text = conditionText(comparisonNode, name);
            return {
                test: values => test(values.read(entry)),
                explain: values => ({ condition: text, met: test(values.read(entry)), value: values.shown(id) }),
                outline: () => ({ condition: text, met: false, evaluated: false }),
            };
        };
        return matchCriterion<Built>(node, {
            all: ({ all }) => {
                const parts = all.map(build);
                const tests = parts.map(p => p.test);
                return {
                    test: values => {
                        for (let i = 0; i < tests.length; i++) {
                            if (!tests[i](values)) {
                                return false;
                            }
                        }
                        return true;
                    },
                    explain: values => trace('alla av', explainUntil(parts, values, t => !t.met), traces => traces.every(t => t.met)),
                    outline: () => ({ condition: 'alla av', met: false, evaluated: false, parts: parts.map(p => p.outline()) }),
                };
            },
            any: ({ any }) => {
                const parts = any.map(build);
                const tests = parts.map(p => p.test);
                return {
                    test: values => {
                        for (let i = 0; i < tests.length; i++) {
                            if (tests[i](values)) {
                                return true;
                            }
                        }
                        return false;
                    },
                    explain: values => trace('något av', explainUntil(parts, values, t => t.met), traces => traces.some(t => t.met)),
                    outline: () => ({ condition: 'något av', met: false, evaluated: false, parts: parts.map(p => p.outline()) }),
                };
            },
            not: ({ not }) => {
                const inner = build(not);
                return {
                    test: values => !inner.test(values),
                    explain: values => trace('inte', [inner.explain(values)], traces => !traces[0].met),
                    outline: () => ({ condition: 'inte', met: false, evaluated: false, parts: [inner.outline()] }),
                };
            },
            against: againstNode => buildAgainst(againstNode, entryOf(againstNode.attribute), catalogue, read),
            test: compare,
            op: compare,
            in: compare,
            between: compare,
        });
    };
    const compiled = build(criterion);
    // The generated test is the fast path; the closures stay for explanations and where code generation is not allowed.
    const test = generateTest(criterion, catalogue) ?? compiled.test;
    return { test, explain: compiled.explain, outline: compiled.outline, attributes: [...read] };
}

/**
 * A cell compared with a named value (`ålder < pensionsålder`): the other side is read as the case's
 * attributes are, from the same values (a parameter's value on the decision date is put there by the
 * decision table, `PreparedDecisionTable`, from the one version lookup). The trace names the value
 * used: `ålder < pensionsålder (65)`.
 */
function buildAgainst(node: Extract<Criterion, { against: unknown }>, entry: AttributeEntry, catalogue: AttributeCatalogue, read: Set<string>): Built {
    const otherId = node.against.ref;
    read.add(otherId);
    const other = catalogue.entries.get(otherId);
    if (!other) {
        throw runtimeError('unknown-attribute', { name: otherId }, { attribute: otherId });
    }
    const compare = againstComparison(node.against.op);
    const test = (values: CitizenValues) => compare(orderNumbers(values.read(entry), values.read(other), entry.attribute.name, other.attribute.name));
    // A parameter's entry is named by its id (a case's own value of that name must not stand in for it): shown by its name.
    const text = `${entry.attribute.name} ${symbols[node.against.op]} ${otherId.slice(otherId.indexOf('/') + 1)}`;
    return {
        test,
        explain: values => ({ condition: `${text} (${values.shown(otherId)})`, met: test(values), value: values.shown(entry.attribute.id) }),
        outline: () => ({ condition: text, met: false, evaluated: false }),
    };
}

/** The comparison of an ordering (`order`'s sign) against 0, by operator. */
export function againstComparison(op: ComparisonOperator): (order: number) => boolean {
    switch (op) {
        case '=': return o => o === 0;
        case '!=': return o => o !== 0;
        case '<': return o => o < 0;
        case '<=': return o => o <= 0;
        case '>': return o => o > 0;
        case '>=': return o => o >= 0;
    }
}

function trace(condition: string, parts: CriterionTrace[], met: (parts: CriterionTrace[]) => boolean): CriterionTrace {
    return { condition, met: met(parts), parts };
}

/** A literal in the same form as the attribute values it is compared with. */
function constant(literal: Literal, wholeNumbers: boolean): AttributeValue {
    if ('boolean' in literal) {
        return literal.boolean;
    }
    if ('enumeration' in literal) {
        return literal.enumeration;
    }
    if ('date' in literal) {
        return dayNumber(literal.date);
    }
    const value = ExactNumber.parse(literal.number);
    return wholeNumbers && value.isInteger() ? Number(value.numerator) : value;
}

/** Orders two comparable values: numbers as numbers, exact numbers exactly, a mix through exact numbers. */
function order(a: AttributeValue, b: AttributeValue): number {
    if (typeof a === 'number' && typeof b === 'number') {
        return a - b;
    }
    const x = typeof a === 'number' ? ExactNumber.of(BigInt(a)) : a as ExactNumber;
    const y = typeof b === 'number' ? ExactNumber.of(BigInt(b)) : b as ExactNumber;
    return x.compare(y);
}

function same(a: AttributeValue, b: AttributeValue): boolean {
    if (typeof a === 'string' || typeof a === 'boolean' || typeof b === 'string' || typeof b === 'boolean') {
        return a === b;
    }
    return order(a, b) === 0;
}

function comparison(node: Comparison, wholeNumbers: boolean): (value: AttributeValue) => boolean {
    // A whole-number attribute's values are JS numbers, so constants that are whole compare directly.
    return matchComparison<(value: AttributeValue) => boolean>(node, {
        test: () => value => value === true,
        between: ({ between }) => {
            const min = constant({ number: between.min }, wholeNumbers);
            const max = constant({ number: between.max }, wholeNumbers);
            return value => order(value, min) >= 0 && order(value, max) <= 0;
        },
        in: c => {
            const members = c.in.map(literal => constant(literal, wholeNumbers));
            if (members.every(member => typeof member !== 'object')) {
                const set = new Set<AttributeValue>(members);
                return value => set.has(value);
            }
            return value => members.some(member => same(value, member));
        },
        op: c => {
            const other = constant(c.value, wholeNumbers);
            if (typeof other !== 'object') {
                // Text, yes/no, or a whole number against a whole-number attribute: plain JS comparisons.
                switch (c.op) {
                    case '=': return value => value === other;
                    case '!=': return value => value !== other;
                    case '<': return value => (value as number) < (other as number);
                    case '<=': return value => (value as number) <= (other as number);
                    case '>': return value => (value as number) > (other as number);
                    case '>=': return value => (value as number) >= (other as number);
                }
            }
            switch (c.op) {
                case '=': return value => same(value, other);
                case '!=': return value => !same(value, other);
                case '<': return value => order(value, other) < 0;
                case '<=': return value => order(value, other) <= 0;
                case '>': return value => order(value, other) > 0;
                case '>=': return value => order(value, other) >= 0;
            }
        },
    });
}

function literalText(literal: Literal): string {
    if ('boolean' in literal) {
        return literal.boolean ? 'ja' : 'nej';
    }
    if ('enumeration' in literal) {
        return literal.enumeration;
    }
    if ('date' in literal) {
        return literal.date;
    }
    return `${literal.number}${literal.unit ? ` ${literal.unit}` : ''}`;
}

function conditionText(node: Comparison, name: string): string {
    return matchComparison<string>(node, {
        test: () => name,
        between: ({ between }) => `${name} i ${between.min}–${between.max}`,
        in: c => `${name} i { ${c.in.map(literalText).join(', ')} }`,
        op: c => `${name} ${symbols[c.op]} ${literalText(c.value)}`,
    });
}
