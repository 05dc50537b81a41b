import { ExactNumber, isChainedInput, isExpression, matchExpression, listHitPolicy, quantityCell, ROUNDING_SCALE, type Calculation, type Criterion, type DecisionTable, type Expression, type Rounding } from '@regelratt/format';
import type { EvaluationContext } from './calculation.js';
import { citizenValues, CitizenValues, type AttributeCatalogue, type CitizenInput } from './citizen.js';
import { Emitter } from './criterion-codegen.js';
import { inForce } from './money.js';
import type { PolicySet } from './policy-set.js';
import { NotGenerated, recordFault } from './generated-code-faults.js';
import { isSelectedRate } from './rate.js';

/**
 * A named calculation without explanation, as generated code. `forDate` gives the function for one
 * day (built once per distinct set of values the day's parameters, rates and table validities take,
 * with those values written into the code as literals); it answers for a citizen as sent, the value
 * as decimal text, or undefined where the fast form cannot vouch for the exact answer (a number
 * outside the safe integers, an error of any kind, a construct it leaves to the exact evaluator). The
 * caller then asks the exact evaluator, which gives the answer or the typed error: the generated code
 * never decides anything the exact evaluator would decide differently, it only gets there sooner.
 */
export interface FastCalculation {
    forDate(date: string): DayCalculation;
}
/** The date is the one the function was asked for (a formula the code leaves to the exact evaluator reads it). */
export type DayCalculation = (citizen: CitizenInput | CitizenValues, date: string, level: number | null | undefined) => string | undefined;

/** What the generator needs from the runtime: the policy, the attributes, and the exact evaluator. */
export interface CalculationSources {
    policy: PolicySet;
    catalogue: AttributeCatalogue;
    /** The exact evaluator (closures over ExactNumber): what the generated code calls for what it does not specialise. */
    exact(expression: Expression, context: EvaluationContext): ExactNumber;
}

/**
 * Generates one function per named calculation that computes in rationals held as two JS numbers
 * (numerator, positive denominator, always reduced). Every product and sum is checked to stay within
 * the safe integers, where JS arithmetic on whole numbers is exact, so each value it produces is the
 * exact rational the BigInt evaluator would produce; the moment one would leave that range it gives
 * up (throws `FALLBACK`) and the caller recomputes exactly.
 *
 * Values that depend only on the date (parameters, rates, literals, and calculations built from
 * them, such as a maxtaxa from the prisbasbelopp) are computed by the exact evaluator once per date
 * and kept; what depends on the citizen is straight-line code: attribute reads shared with the
 * criterion generator, decision tables as if-chains, and a local per calculation and table so each is
 * evaluated at most once per call.
 */
export function generateCalculation(reference: string, sources: CalculationSources): FastCalculation | undefined {
    try {
        const generator = new CalculationGenerator(sources);
        return generator.build(sources.policy.get(reference, 'calculation'));
    } catch (error) {
        // A reference or shape the generator cannot handle: the exact evaluator answers (or raises the
        // typed error). Anything else is a fault of the generator, kept to be seen.
        recordFault(error);
        return undefined;
    }
}

/** Thrown inside generated code when only the exact evaluator can answer; a plain object, so no stack is captured. */
const FALLBACK = Object.freeze({ fallback: true });
const M = Number.MAX_SAFE_INTEGER;
/**
 * Bounds every value computed once per date (a parameter, a rate, a calculation over them) is held
 * to, so the generator can prove the arithmetic on them stays within the safe integers; a value
 * beyond them leaves the call to the exact evaluator.
 */
const DATE_MAX_N = 2 ** 40;
const DATE_MAX_D = 2 ** 20;

/**
 * What the generator knows of a value before it runs: |numerator| ≤ max, denominator ≤ dMax
 * (Infinity where nothing is known). Where the bounds keep a result within the safe integers the
 * overflow check is not written; where every denominator is 1, neither is the reduction.
 */
interface Bounds {
    max: number;
    dMax: number;
}
const UNKNOWN: Bounds = { max: Infinity, dMax: Infinity };
/** A product of bounds, where 0 × ∞ is 0 (a value that is always 0 stays 0). */
const times = (a: number, b: number) => (a === 0 || b === 0 ? 0 : a * b);
const safe = (bound: number) => bound <= M;

function gcd(a: number, b: number): number {
    a = Math.abs(a);
    while (b !== 0) {
        const r = a % b;
        a = b;
        b = r;
    }
    return a;
}

function numeratorOf(value: unknown): number {
    if (!(value instanceof ExactNumber)) {
        throw FALLBACK;
    }
    const n = Number(value.numerator);
    if (!Number.isSafeInteger(n)) {
        throw FALLBACK;
    }
    return n;
}

function denominatorOf(value: ExactNumber): number {
    const d = Number(value.denominator);
    if (!Number.isSafeInteger(d)) {
        throw FALLBACK;
    }
    return d;
}

/** Whether n₁/d₁ < n₂/d₂, by cross products that must stay exact. */
function less(n1: number, d1: number, n2: number, d2: number): boolean {
    if (d1 === d2) {
        return n1 < n2;
    }
    const a = n1 * d2;
    const b = n2 * d1;
    if (!(a <= M && a >= -M && b <= M && b >= -M)) {
        throw FALLBACK;
    }
    return a < b;
}

/**
 * The whole number a mode rounds to, from the floor `q` of the scaled value `a`/`d` and the remainder
 * `r` (0 ≤ r < d), with `h` = 2r − d the sign of (fraction − ½): the same case split as
 * `ExactNumber.round`, written into the generated code so V8 sees each rounding step as plain
 * arithmetic (a shared helper called from every calculation stayed a call: about a tenth of Habo's time).
 */
const ROUNDED = {
    'down': 'ra < 0 && rr !== 0 ? rq + 1 : rq',
    'up': 'rr === 0 || ra < 0 ? rq : rq + 1',
    'half-up': 'rh >= 0 ? rq + 1 : rq',
    'half-even': 'rh > 0 || (rh === 0 && rq % 2 !== 0) ? rq + 1 : rq',
    'half-away-from-zero': 'rh > 0 || (rh === 0 && ra > 0) ? rq + 1 : rq',
} as const satisfies Record<Rounding['mode'], string>;

/**
 * Lines that set `target` to n/d × scale rounded to a whole number by the mode, on a floor and a
 * remainder that are exact in the safe range (else fallback). `safeProduct` says the bounds already
 * prove n × scale safe.
 */
function roundingLines(n: string, d: string, mode: Rounding['mode'], scale: number, target: string, safeProduct: boolean): string[] {
    return [
        `let ${target}; { const ra = ${n} * ${scale};${safeProduct ? '' : ' if (!(ra <= M && ra >= -M)) throw F;'}`,
        `if (${d} === 1) ${target} = ra; else {`,
        `let rq = Math.floor(ra / ${d}); const rp = rq * ${d}; if (!(rp <= M && rp >= -M)) throw F;`,
        // The float quotient may be one off near a whole number; the remainder puts it right.
        `let rr = ra - rp; while (rr < 0) { rq--; rr += ${d}; } while (rr >= ${d}) { rq++; rr -= ${d}; }`,
        `const rh = 2 * rr - ${d}; ${target} = ${ROUNDED[mode]}; } }`,
    ];
}

/** The decimal text `ExactNumber.toDecimal` gives, without BigInt for whole numbers. */
/** The value as decimal text; the pair may be unreduced (see `normalise`). */
function text(n: number, d: number): string {
    if (d !== 1) {
        const g = gcd(n, d);
        n /= g;
        d /= g;
    }
    return d === 1 ? String(n) : ExactNumber.of(BigInt(n), BigInt(d)).toDecimal();
}

/**
 * Placeholders in the generated source for what a date decides (`n<i>`/`d<i>`: numerator and
 * denominator of value i, NaN where it has none; `t<i>`: whether table i is in force), replaced by
 * literals for each day's function.
 */
const SLOT = /\u0001([ndt])(\d+)\u0001/g;
const placeholder = (kind: 'n' | 'd' | 't', index: number) => `\u0001${kind}${index}\u0001`;
/** How many specialisations of one calculation are kept; a policy whose values change more often than that is rebuilt as needed. */
const MAX_SPECIALISATIONS = 64;
const MAX_DATES = 4096;

/**
 * The generated code of one calculation, specialised per date: the values that depend on the date
 * alone (parameters, rates, calculations over them, whether each decision table is in force) are
 * computed by the exact evaluator and written into the code as literals, which V8 folds into the
 * arithmetic. Days with the same values share one function, so a policy gets one function per
 * period between version changes, not one per day.
 */
class DaySpecialiser implements FastCalculation {
    private readonly byValues = new Map<string, DayCalculation>();
    private readonly byDate = new Map<string, DayCalculation>();
    private readonly empty: CitizenValues;

    constructor(
        private readonly sources: CalculationSources,
        private readonly expressions: Expression[],
        private readonly tables: DecisionTable[],
        private readonly bounds: readonly Bounds[],
        private readonly build: (literal: (kind: 'n' | 'd' | 't', index: number) => string) => DayCalculation | undefined,
    ) {
        this.empty = new CitizenValues({}, sources.catalogue);
    }

    forDate(date: string): DayCalculation {
        let day = this.byDate.get(date);
        if (!day) {
            day = this.specialise(date);
            if (this.byDate.size >= MAX_DATES) {
                this.byDate.clear();
            }
            this.byDate.set(date, day);
        }
        return day;
    }

    private specialise(date: string): DayCalculation {
        const n: number[] = [];
        const d: number[] = [];
        for (const [index, expression] of this.expressions.entries()) {
            try {
                const value = this.sources.exact(expression, { values: this.empty, date, level: undefined });
                const numerator = numeratorOf(value);
                const denominator = denominatorOf(value);
                // The generated code counts on these bounds; a value outside them falls back (NaN).
                const within = Math.abs(numerator) <= this.bounds[index].max && denominator <= this.bounds[index].dMax;
                n.push(within ? numerator : NaN);
                d.push(within ? denominator : NaN);
            } catch {
                n.push(NaN);
                d.push(NaN);
            }
        }
        const inForce_ = this.tables.map(table => inForce(table.validity, date));
        const key = `${n.join()}/${d.join()}/${inForce_.map(Number).join('')}`;
        let day = this.byValues.get(key);
        if (!day) {
            // Only numbers and booleans reach the source: nothing from the file is written into it as text.
            const literal = (kind: 'n' | 'd' | 't', index: number) => (kind === 't' ? String(inForce_[index]) : String((kind === 'n' ? n : d)[index]));
            day = this.build(literal) ?? (() => undefined);
            if (this.byValues.size >= MAX_SPECIALISATIONS) {
                this.byValues.clear();
            }
            this.byValues.set(key, day);
        }
        return day;
    }
}

/** Each value is a pair of locals `n<t>`, `d<t>`; a generator method returns t after writing the lines that define it. */
class CalculationGenerator {
    private readonly emitter: Emitter;
    private temps = 0;
    /** The bounds of each temp `t` (absent: unknown). */
    private readonly bounds: Bounds[] = [];
    /** The bounds each per-date constant is held to at run time (see DaySpecialiser). */
    private readonly constantBounds: Bounds[] = [];
    private versionDates: string[] | undefined;
    /** The bounds of each inner calculation function's value. */
    private readonly calculationBounds: Bounds[] = [];
    private readonly constants: Expression[] = [];
    private readonly constantIndex = new Map<Expression, number>();
    private readonly constantCalculations = new Map<string, boolean>();
    private readonly escapes: Array<(values: CitizenValues, date: string, level: number | null | undefined) => ExactNumber> = [];
    private readonly tables: DecisionTable[] = [];
    private readonly tableIndex = new Map<string, number>();
    private readonly cells: Array<[number[], number[]]> = [];
    /** Inner functions: one per calculation and decision table the formula needs, each evaluated at most once per call. */
    private readonly functions: string[] = [];
    private readonly calculationIndex = new Map<string, number>();
    private readonly generating = new Set<string>();
    /**
     * How deep the code being written is inside a branch or an inner function: 0 is the function's
     * straight-line code, run on every call. There a calculation or table is computed in place, once,
     * into locals later references reuse (no closure to allocate per call); deeper, where it may not
     * be needed, it is an inner function that computes it on first use.
     */
    private depth = 0;
    private readonly inlineCalculations = new Map<string, number>();
    private readonly inlineTables = new Map<string, string>();
    private readonly tableFunctions = new Set<number>();

    constructor(private readonly sources: CalculationSources) {
        this.emitter = new Emitter(sources.catalogue);
    }

    build(calculation: Calculation): FastCalculation | undefined {
        const body: string[] = [];
        const t = this.node(calculation.value, body);
        // Decision-table columns as literal arrays, built once with the function, not per call.
        const prelude = this.cells.map(([n, d], i) => `const C${i}n = [${n.map(String).join(', ')}], C${i}d = [${d.map(String).join(', ')}];`).join('\n');
        const source = [
            'try {',
            ...this.functions,
            ...body,
            this.bound(t).dMax === 1 ? `return String(n${t});` : `return d${t} === 1 ? String(n${t}) : text(n${t}, d${t});`,
            '} catch (error) { if (error !== F) fault(error); return undefined; }',
        ].join('\n');
        const scope = { ext: this.escapes, F: FALLBACK, fault: recordFault, M, gcd, less, text, numeratorOf, denominatorOf, citizenValues, catalogue: this.sources.catalogue };
        // Generated once with placeholders to see whether code generation is allowed at all (a strict Content Security Policy forbids it).
        if (!this.emitter.buildForInput([], scope, prelude, source.replace(SLOT, 'NaN'))) {
            return undefined;
        }
        return new DaySpecialiser(this.sources, this.constants, this.tables, this.constantBounds,
            literal => this.emitter.buildForInput<[string, number | null | undefined], string | undefined>(['date', 'level'], scope, prelude,
                source.replace(SLOT, (_, kind: 'n' | 'd' | 't', index: string) => literal(kind, Number(index)))));
    }

    private temp(): number {
        return this.temps++;
    }

    private bound(t: number): Bounds {
        return this.bounds[t] ?? UNKNOWN;
    }

    /**
     * Keeps n<t>/d<t> exact: within the safe integers (else fallback), and reduced so later steps stay
     * there. Where the bounds (which never count on a reduction) already prove that, nothing is
     * written: the pair may then be unreduced, which every later step and `text` allow.
     */
    private normalise(t: number, out: string[]): void {
        const { max, dMax } = this.bound(t);
        if (safe(max) && safe(dMax)) {
            return;
        }
        out.push(`if (!(n${t} <= M && n${t} >= -M && d${t} <= M)) throw F;`);
        out.push(`if (d${t} !== 1) { const g = gcd(n${t}, d${t}); n${t} /= g; d${t} /= g; }`);
        // Reduced, the value is what it is: the bounds start again from what the check just ensured.
        this.bounds[t] = { max: M, dMax: M };
    }

    private node(expression: Expression, out: string[]): number {
        if (this.constant(expression)) {
            let index = this.constantIndex.get(expression);
            if (index === undefined) {
                index = this.constants.push(expression) - 1;
                this.constantIndex.set(expression, index);
                this.constantBounds[index] = this.boundsOverDates(expression);
            }
            const t = this.temp();
            out.push(`const n${t} = ${placeholder('n', index)}, d${t} = ${placeholder('d', index)}; if (n${t} !== n${t}) throw F;`);
            this.bounds[t] = this.constantBounds[index];
            return t;
        }
        return matchExpression<number>(expression, {
            ref: expression => this.reference(expression, out),
            level: () => {
                const t = this.temp();
                out.push(`if (!Number.isSafeInteger(level)) throw F; const n${t} = level, d${t} = 1;`);
                this.bounds[t] = { max: M, dMax: 1 };
                return t;
            },
            op: expression => {
                const a = this.node(expression.left, out);
                const b = this.node(expression.right, out);
                const t = this.temp();
                const A = this.bound(a);
                const B = this.bound(b);
                out.push(`let n${t}, d${t};`);
                switch (expression.op) {
                    case '+':
                    case '-': {
                        const op = expression.op;
                        if (A.dMax === 1 && B.dMax === 1) {
                            out.push(`n${t} = n${a} ${op} n${b}; d${t} = 1;`);
                            this.bounds[t] = { max: A.max + B.max, dMax: 1 };
                            break;
                        }
                        const crossed = safe(times(A.max, B.dMax)) && safe(times(B.max, A.dMax));
                        out.push(`if (d${a} === d${b}) { n${t} = n${a} ${op} n${b}; d${t} = d${a}; } else {`,
                            `const p = n${a} * d${b}, q = n${b} * d${a};${crossed ? '' : ' if (!(p <= M && p >= -M && q <= M && q >= -M)) throw F;'}`,
                            `n${t} = p ${op} q; d${t} = d${a} * d${b}; }`);
                        this.bounds[t] = { max: times(A.max, B.dMax) + times(B.max, A.dMax), dMax: times(A.dMax, B.dMax) };
                        break;
                    }
                    case '*':
                        out.push(`n${t} = n${a} * n${b}; d${t} = d${a} * d${b};`);
                        this.bounds[t] = { max: times(A.max, B.max), dMax: times(A.dMax, B.dMax) };
                        break;
                    case '/':
                        out.push(`if (n${b} === 0) throw F; n${t} = n${a} * d${b}; d${t} = d${a} * n${b}; if (d${t} < 0) { n${t} = -n${t}; d${t} = -d${t}; }`);
                        this.bounds[t] = { max: times(A.max, B.dMax), dMax: times(A.dMax, B.max) };
                        break;
                }
                this.normalise(t, out);
                return t;
            },
            call: expression => {
                const args = expression.args.map(arg => this.node(arg, out));
                const t = this.temp();
                const all = args.map(x => this.bound(x));
                const result: Bounds = { max: Math.max(...all.map(b => b.max)), dMax: Math.max(...all.map(b => b.dMax)) };
                this.bounds[t] = result;
                out.push(`let n${t} = n${args[0]}, d${t} = d${args[0]};`);
                // Whole numbers compare directly; fractions whose cross products the bounds keep safe, by them.
                const compare = (x: number, y: number) => {
                    const X = x === t ? result : this.bound(x);
                    const Y = y === t ? result : this.bound(y);
                    return X.dMax === 1 && Y.dMax === 1 ? `n${x} < n${y}`
                        : safe(times(X.max, Y.dMax)) && safe(times(Y.max, X.dMax)) ? `n${x} * d${y} < n${y} * d${x}` : `less(n${x}, d${x}, n${y}, d${y})`;
                };
                // ExactNumber.min/max keep the first of equal values; equal reduced values are the same pair anyway.
                const better = expression.call === 'min' ? (x: number) => compare(x, t) : (x: number) => compare(t, x);
                for (const x of args.slice(1)) {
                    out.push(`if (${better(x)}) { n${t} = n${x}; d${t} = d${x}; }`);
                }
                return t;
            },
            round: expression => {
                const a = this.node(expression.round, out);
                const t = this.temp();
                const scale = Number(ROUNDING_SCALE[expression.rounding.unit]);
                const mode = expression.rounding.mode;
                if (!Object.hasOwn(ROUNDED, mode)) {
                    throw new NotGenerated(`unknown rounding ${mode}`);
                }
                out.push(...roundingLines(`n${a}`, `d${a}`, mode, scale, `n${t}`, safe(times(this.bound(a).max, scale))), `let d${t} = ${scale};`);
                // |n/d| ≤ max, so the rounded value in units of 1/scale is at most max × scale + 1.
                this.bounds[t] = { max: times(this.bound(a).max, scale) + 1, dMax: scale };
                this.normalise(t, out);
                return t;
            },
            if: expression => {
                const t = this.temp();
                const then: string[] = [];
                const otherwise: string[] = [];
                this.depth++;
                const a = this.node(expression.then, then);
                const b = this.node(expression.else, otherwise);
                this.depth--;
                out.push(`let n${t}, d${t};`, `if (${this.emitter.expression(expression.if)}) {`, ...then, `n${t} = n${a}; d${t} = d${a};`,
                    '} else {', ...otherwise, `n${t} = n${b}; d${t} = d${b};`, '}');
                this.bounds[t] = { max: Math.max(this.bound(a).max, this.bound(b).max), dMax: Math.max(this.bound(a).dMax, this.bound(b).dMax) };
                return t;
            },
            // Always constant, so computed above; handled for completeness as the exact evaluator would.
            quantity: expression => this.escape(expression, out),
        });
    }

    private reference(expression: Extract<Expression, { ref: string }>, out: string[]): number {
        const id = expression.ref;
        const kind = id.slice(0, id.indexOf('/'));
        if (expression.atLevel || kind === 'hourlyRate' || kind === 'flatRate' || kind === 'placeRate') {
            // A rate reaches here only when selected by the case: its row lookup is the exact evaluator's.
            return this.escape(expression, out);
        }
        if (kind === 'calculation') {
            if (this.depth === 0) {
                let inline = this.inlineCalculations.get(id);
                if (inline === undefined) {
                    inline = this.withCycleGuard(id, () => this.node(this.sources.policy.get(id, 'calculation').value, out));
                    this.inlineCalculations.set(id, inline);
                }
                return inline;
            }
            const index = this.calculationFunction(id);
            const t = this.temp();
            out.push(`c${index}(); const n${t} = c${index}n, d${t} = c${index}d;`);
            this.bounds[t] = this.calculationBounds[index] ?? UNKNOWN;
            return t;
        }
        if (kind === 'decisionTable') {
            const table = this.sources.policy.get(id, 'decisionTable');
            const column = expression.column === undefined ? (table.outputs.length === 1 ? 0 : -1) : table.outputs.indexOf(expression.column);
            if (column < 0 || table.inputs.some(input => 'level' in input || isChainedInput(input))) {
                // An unknown column (a typed error), a table that reads the case's level, or one whose
                // inputs other decisions or calculations give (chained): the exact evaluator.
                return this.escape(expression, out);
            }
            let row: string;
            if (this.depth === 0) {
                row = this.inlineTables.get(table.id) ?? '';
                if (!row) {
                    row = `r${this.temp()}`;
                    out.push(`let ${row} = -1;`, ...this.tableRow(table, this.tableSlot(table), row));
                    this.inlineTables.set(table.id, row);
                }
            } else {
                row = `t${this.tableFunction(table)}()`;
            }
            const column_ = cellsOf(table, column);
            const cells = this.cells.push(column_) - 1;
            const t = this.temp();
            out.push(`const r${t} = ${row}, n${t} = C${cells}n[r${t}], d${t} = C${cells}d[r${t}]; if (n${t} !== n${t}) throw F;`);
            // NaN cells (open, a förlopp) never reach the arithmetic: the check above falls back.
            this.bounds[t] = {
                max: Math.max(0, ...column_[0].filter(n => n === n).map(Math.abs)),
                dMax: Math.max(1, ...column_[1].filter(d => d === d)),
            };
            return t;
        }
        const attribute = this.sources.catalogue.attributes.get(id);
        if (attribute) {
            const type = attribute.domain.type;
            const t = this.temp();
            if (type === 'integer') {
                out.push(`const u${t} = ${this.emitter.read(id)}; if (typeof u${t} !== "number") throw F; const n${t} = u${t}, d${t} = 1;`);
                // The reader has checked the value against the domain.
                this.bounds[t] = { max: Math.max(Math.abs(Number(attribute.domain.min)), Math.abs(Number(attribute.domain.max))), dMax: 1 };
            } else if (type === 'decimal' || type === 'money') {
                out.push(`const u${t} = ${this.emitter.read(id)}, n${t} = numeratorOf(u${t}), d${t} = denominatorOf(u${t});`);
            } else {
                // Not a number: the exact evaluator raises the error.
                out.push('throw F;');
                out.push(`const n${t} = 0, d${t} = 1;`);
            }
            return t;
        }
        return this.escape(expression, out);
    }

    /** Anything not specialised (a level table, a value at another level, a table that reads the level): the exact evaluator, converted. */
    private escape(expression: Expression, out: string[]): number {
        const exact = this.sources.exact;
        const index = this.escapes.push((values, date, level) => exact(expression, { values, date, level })) - 1;
        const t = this.temp();
        out.push(`const x${t} = ext[${index}](values ??= citizenValues(input, catalogue), date, level), n${t} = numeratorOf(x${t}), d${t} = denominatorOf(x${t});`);
        return t;
    }

    /** Generates a calculation's formula; a cycle (the checker refuses them) is left to the exact evaluator to report. */
    private withCycleGuard(id: string, generate: () => number): number {
        if (this.generating.has(id)) {
            throw new NotGenerated(`cycle through ${id}`);
        }
        this.generating.add(id);
        const t = generate();
        this.generating.delete(id);
        return t;
    }

    /** An inner function `c<i>()` that evaluates a citizen-dependent calculation once per call into `c<i>n`, `c<i>d`. */
    private calculationFunction(id: string): number {
        let index = this.calculationIndex.get(id);
        if (index !== undefined) {
            return index;
        }
        const lines: string[] = [];
        this.depth++;
        const t = this.withCycleGuard(id, () => this.node(this.sources.policy.get(id, 'calculation').value, lines));
        this.depth--;
        index = this.calculationIndex.size;
        this.calculationIndex.set(id, index);
        this.calculationBounds[index] = this.bound(t);
        this.functions.push(`let c${index}s = false, c${index}n = 0, c${index}d = 1;`,
            `function c${index}() { if (c${index}s) return;`, ...lines, `c${index}n = n${t}; c${index}d = d${t}; c${index}s = true; }`);
        return index;
    }

    /** The table's index among those whose validity is computed per date. */
    private tableSlot(table: DecisionTable): number {
        let index = this.tableIndex.get(table.id);
        if (index === undefined) {
            index = this.tables.push(table) - 1;
            this.tableIndex.set(table.id, index);
        }
        return index;
    }

    /** Lines that put the deciding row of a decision table, by its hit policy, into `variable` (declared, −1). */
    private tableRow(table: DecisionTable, slot: number, variable: string): string[] {
        const conditions = table.rows.map(row => {
            const criteria = row.when.filter((c): c is Criterion => c !== null);
            return criteria.length === 0 ? 'true' : this.emitter.expression(criteria.length === 1 ? criteria[0] : { all: criteria });
        });
        const lines = [`if (!${placeholder('t', slot)}) throw F;`];
        if (table.hitPolicy === 'collect' || listHitPolicy(table.hitPolicy)) {
            // Several rows aggregated, or a list (no value, `table-answers-list`): left to the exact evaluator.
            lines.push('throw F;');
            return lines;
        }
        if (table.hitPolicy === 'first') {
            lines.push(conditions.map((condition, row) => `if (${condition}) ${variable} = ${row};`).join(' else '));
        } else {
            // Unique, any and priority: every row is tested; a second match goes to the exact evaluator, which
            // gives `several-matching-rows` (or, for `any` rows with the same outputs, the first of them; for
            // `priority`, the row of the highest priority).
            conditions.forEach((condition, row) => lines.push(`if (${condition}) { if (${variable} >= 0) throw F; ${variable} = ${row}; }`));
        }
        lines.push(`if (${variable} < 0) throw F;`);
        return lines;
    }

    /** An inner function `t<i>()` giving the deciding row of a decision table, computed on first use in a call. */
    private tableFunction(table: DecisionTable): number {
        const slot = this.tableSlot(table);
        if (!this.tableFunctions.has(slot)) {
            this.tableFunctions.add(slot);
            this.functions.push(`let t${slot}r = -1;`, `function t${slot}() { if (t${slot}r >= 0) return t${slot}r; let r = -1;`,
                ...this.tableRow(table, slot, 'r'), `return t${slot}r = r; }`);
        }
        return slot;
    }

    /**
     * The least bounds of a per-date constant over every date it can have a value on: its value can
     * only change where a version of a parameter or rate begins, so it takes each of its values on one
     * of those days. DaySpecialiser holds every day's value to these bounds all the same (a value
     * outside them leaves the call to the exact evaluator), so no answer rests on this reasoning.
     */
    private boundsOverDates(expression: Expression): Bounds {
        if (isExpression(expression, 'quantity')) {
            return quantityBounds(expression.quantity);
        }
        this.versionDates ??= [...new Set([
            ...this.sources.policy.all('parameter').flatMap(p => p.versions.map(v => v.from)),
            ...(['hourlyRate', 'flatRate', 'placeRate'] as const).flatMap(kind => this.sources.policy.all(kind).flatMap(r => (r.validity ? [r.validity.from] : []))),
            '0001-01-01',
        ])];
        const empty = new CitizenValues({}, this.sources.catalogue);
        let max = 0;
        let dMax = 1;
        for (const date of this.versionDates) {
            try {
                const value = this.sources.exact(expression, { values: empty, date, level: undefined });
                max = Math.max(max, Math.abs(Number(value.numerator)));
                dMax = Math.max(dMax, Number(value.denominator));
            } catch {
                // No value that day: the call falls back on such a day.
            }
        }
        return safe(max) && safe(dMax) && max <= DATE_MAX_N && dMax <= DATE_MAX_D ? { max, dMax } : { max: DATE_MAX_N, dMax: DATE_MAX_D };
    }

    /** Whether a value depends on the date alone (no attribute, no level), so it is computed once per date. */
    private constant(expression: Expression): boolean {
        return matchExpression<boolean>(expression, {
            quantity: () => true,
            ref: expression => {
                if (expression.atLevel) {
                    return false;
                }
                const kind = expression.ref.slice(0, expression.ref.indexOf('/'));
                if (kind === 'parameter') {
                    return true;
                }
                if (kind === 'hourlyRate' || kind === 'flatRate' || kind === 'placeRate') {
                    // A rate by the case's attributes (`efter regi`) is the citizen's, not the day's.
                    return !isSelectedRate(this.sources.policy.get(expression.ref, kind));
                }
                if (kind === 'calculation') {
                    let known = this.constantCalculations.get(expression.ref);
                    if (known === undefined) {
                        // Provisionally not constant: a cycle then ends here, and the exact evaluator reports it.
                        this.constantCalculations.set(expression.ref, false);
                        known = this.constant(this.sources.policy.get(expression.ref, 'calculation').value);
                        this.constantCalculations.set(expression.ref, known);
                    }
                    return known;
                }
                return false;
            },
            op: expression => this.constant(expression.left) && this.constant(expression.right),
            call: expression => expression.args.every(arg => this.constant(arg)),
            round: expression => this.constant(expression.round),
            // The level is the case's; a choice's criterion reads the case's attributes.
            level: () => false,
            if: () => false,
        });
    }
}

/** A decision-table column as numerators and denominators per row; NaN where the cell is open or outside the safe range. */
function cellsOf(table: DecisionTable, column: number): [number[], number[]] {
    const n: number[] = [];
    const d: number[] = [];
    for (const row of table.rows) {
        const cell = row.then[column];
        let value: ExactNumber | undefined;
        try {
            // An open cell, or one naming a förlopp, is no number: the exact evaluator says which.
            const quantity = quantityCell(cell);
            if (quantity) {
                const raw = ExactNumber.parse(quantity.value);
                value = quantity.unit === '%' ? raw.divide(ExactNumber.of(100n)) : raw;
            }
        } catch {
            value = undefined;
        }
        const numerator = value === undefined ? NaN : Number(value.numerator);
        const denominator = value === undefined ? NaN : Number(value.denominator);
        const safe = Number.isSafeInteger(numerator) && Number.isSafeInteger(denominator);
        n.push(safe ? numerator : NaN);
        d.push(safe ? denominator : NaN);
    }
    return [n, d];
}

/** A literal's exact bounds (`70 %` is 7/10). */
function quantityBounds(quantity: { value: string; unit?: string }): Bounds {
    const raw = ExactNumber.parse(quantity.value);
    const value = quantity.unit === '%' ? raw.divide(ExactNumber.of(100n)) : raw;
    const max = Math.abs(Number(value.numerator));
    const dMax = Number(value.denominator);
    return Number.isSafeInteger(max) && Number.isSafeInteger(dMax) ? { max, dMax } : UNKNOWN;
}
