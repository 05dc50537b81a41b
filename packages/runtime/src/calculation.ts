import { ExactNumber, matchExpression, type ChainedDecisionInput, type Criterion, type DecisionTable, type Expression, type Parameter } from '@regelratt/format';
import { citizenValues, type AttributeCatalogue, type AttributeValue, type CitizenInput, type CitizenValues } from './citizen.js';
import { compileCriterion, type CompiledCriterion } from './criteria.js';
import { generateCalculation, type FastCalculation } from './calculation-codegen.js';
import { DEFAULT_ROW, PreparedDecisionTable, type DecisionMatch } from './decision-table.js';
import { criterionText, expressionText, roundingText, swedishNumber } from './expression-text.js';
import { inForce, type MoneyTrace, type PreparedTable } from './money.js';
import type { PolicySet } from './policy-set.js';
import { runtimeError } from './runtime-error.js';
import { keepLimits, reachesLimit } from './limits.js';
import { rateAmount, type AnyRate } from './rate.js';

/** What a formula is evaluated for: a citizen, a day, and the case's level where the formula reads one. */
export interface EvaluationContext {
    values: CitizenValues;
    date: string;
    /** The case's level; `null` is "no support" (0 kr in a level table); absent when the question gives none. */
    level?: number | null;
    /**
     * Steps of the explanation: each named calculation, parameter, rounding and choice, with its
     * value. Absent when no explanation is asked for: a register then builds no text at all.
     */
    trace?: MoneyTrace[];
}

const HUNDRED = ExactNumber.of(100n);

/**
 * Values of the calculations one question has needed so far, and the deciding rows of the decision
 * tables (by table and level); IN_PROGRESS marks one being evaluated (a cycle guard).
 */
type Memo = Map<string, ExactNumber | readonly DecisionMatch[] | typeof IN_PROGRESS>;
type Compiled = (context: EvaluationContext, memo: Memo) => ExactNumber;
const IN_PROGRESS = Symbol('in progress');
const UNSET = Symbol('no date yet');

type Rate = AnyRate;
const rateKinds = new Set(['hourlyRate', 'flatRate', 'placeRate']);

/**
 * The one evaluator of formulas: named calculations, fees' avgiftsutrymme and maxtaxa, and whatever
 * else the policy computes. Exact rational arithmetic until an explicit rounding step; every value
 * read (parameter on the date, calculation, level amount, rate) is named in the trace.
 */
export class Calculator {
    private readonly criteria = new WeakMap<Criterion, CompiledCriterion>();

    private readonly decisionTables = new Map<string, PreparedDecisionTable>();
    private readonly closures = new WeakMap<Expression, Compiled>();
    private readonly generated = new Map<string, FastCalculation | null>();

    constructor(
        private readonly policy: PolicySet,
        private readonly catalogue: AttributeCatalogue,
        private readonly table: (id: string) => PreparedTable,
    ) { }

    decisionTable(reference: string): PreparedDecisionTable {
        let prepared = this.decisionTables.get(reference);
        if (!prepared) {
            prepared = new PreparedDecisionTable(this.policy.get(reference, 'decisionTable'), this.catalogue, id => this.policy.get(id, 'decisionTable'));
            this.decisionTables.set(reference, prepared);
        }
        return prepared;
    }

    /** A named calculation's value: evaluated once per question even where several formulas read it. */
    calculation(reference: string, context: EvaluationContext, memo: Memo = new Map()): ExactNumber {
        const calculation = this.policy.get(reference, 'calculation');
        const known = memo.get(calculation.id);
        if (known === IN_PROGRESS) {
            // The checker refuses cycles; a hand-edited file must not send the runtime round in circles.
            throw runtimeError('calculation-cycle', { name: calculation.name }, { calculation: calculation.id });
        }
        if (known) {
            return known as ExactNumber;
        }
        memo.set(calculation.id, IN_PROGRESS);
        const value = this.evaluate(calculation.value, context, memo);
        if (calculation.limits) {
            // A limit the guideline states holds wherever the amount is used, read by another formula too.
            keepLimits(calculation, value, limit => this.evaluate(limit, context));
        }
        memo.set(calculation.id, value);
        context.trace?.push({ step: `${calculation.name} = ${expressionText(calculation.value)}`, value: value.toDecimal() });
        return value;
    }

    /**
     * A named calculation's value as decimal text, without explanation, for a register's loop: the
     * calculation looked up and its code generated once, the day's function kept while the date stays
     * the same, and the citizen handed to the generated code as given (no CitizenValues made unless
     * the exact evaluator must answer). The generated code answers where it can vouch for the exact
     * value; otherwise, and whenever it cannot, the exact evaluator does, with the same value or the
     * typed error. `checkDate` runs when the date changes (the runtime refuses a missing one there).
     */
    textFunction(reference: string, checkDate: (date: string) => void): (citizen: CitizenInput | CitizenValues, date: string, level: number | null | undefined) => string {
        const id = this.policy.get(reference, 'calculation').id;
        // Generated code knows nothing of limits: where one is reached, the exact evaluator answers.
        const fast = reachesLimit(this.policy, id) ? null : this.fast(id);
        const exact = (citizen: CitizenInput | CitizenValues, date: string, level: number | null | undefined) =>
            this.calculation(id, { values: citizenValues(citizen, this.catalogue), date, level }).toDecimal();
        if (!fast) {
            return (citizen, date, level) => {
                checkDate(date);
                return exact(citizen, date, level);
            };
        }
        return dayDispatch(fast, checkDate, exact);
    }

    private fast(reference: string): FastCalculation | null {
        let fast = this.generated.get(reference);
        if (fast === undefined) {
            fast = generateCalculation(reference, {
                policy: this.policy,
                catalogue: this.catalogue,
                exact: (expression, at) => this.evaluate(expression, at),
            }) ?? null;
            this.generated.set(reference, fast);
        }
        return fast;
    }

    /** A formula's value; the formula is compiled into closures on first use, so a register walks no JSON. */
    evaluate(expression: Expression, context: EvaluationContext, memo: Memo = new Map()): ExactNumber {
        return this.compiled(expression)(context, memo);
    }

    private compiled(expression: Expression): Compiled {
        let compiled = this.closures.get(expression);
        if (!compiled) {
            compiled = this.compile(expression);
            this.closures.set(expression, compiled);
        }
        return compiled;
    }

    /** One closure per node: the dispatch on the node's kind happens once, not once per citizen. */
    private compile(expression: Expression): Compiled {
        return matchExpression<Compiled>(expression, {
            quantity: ({ quantity }) => {
                const parsed = ExactNumber.parse(quantity.value);
                // `70 %` in a formula is the share 0,7: `inkomst × 70 %` is seven tenths of the income.
                const value = quantity.unit === '%' ? parsed.divide(HUNDRED) : parsed;
                return () => value;
            },
            ref: reference => this.compileReference(reference),
            level: () => context => {
                const level = this.level(context, 'nivå');
                if (level === null) {
                    throw runtimeError('formula-reads-level-without-service', {});
                }
                return ExactNumber.of(BigInt(level));
            },
            call: call => {
                const args = call.args.map(arg => this.compiled(arg));
                const pick = call.call === 'min' ? ExactNumber.min : ExactNumber.max;
                return (context, memo) => {
                    const values = args.map(arg => arg(context, memo));
                    const value = pick(...values);
                    // A clamp that bites is worth explaining: say which bound decided.
                    if (values.length > 1) {
                        context.trace?.push({ step: expressionText(call), value: value.toDecimal() });
                    }
                    return value;
                };
            },
            round: rounded => {
                const operand = this.compiled(rounded.round);
                const rounding = rounded.rounding;
                return (context, memo) => {
                    const exact = operand(context, memo);
                    const value = exact.round(rounding);
                    context.trace?.push({ step: `${swedishNumber(exact.toDecimal())} avrundat till ${roundingText(rounding)}`, value: value.toDecimal() });
                    return value;
                };
            },
            if: choice => {
                const then = this.compiled(choice.then);
                const otherwise = this.compiled(choice.else);
                const condition = choice.if;
                return (context, memo) => {
                    const holds = this.criterion(condition).test(context.values);
                    context.trace?.push({ step: `om ${criterionText(condition)}`, value: holds ? 'ja' : 'nej' });
                    return (holds ? then : otherwise)(context, memo);
                };
            },
            op: operation => {
                const left = this.compiled(operation.left);
                const right = this.compiled(operation.right);
                switch (operation.op) {
                    case '+': return (context, memo) => left(context, memo).add(right(context, memo));
                    case '-': return (context, memo) => left(context, memo).subtract(right(context, memo));
                    case '*': return (context, memo) => left(context, memo).multiply(right(context, memo));
                    case '/': return (context, memo) => {
                        const dividend = left(context, memo);
                        const divisor = right(context, memo);
                        if (divisor.equals(ExactNumber.ZERO)) {
                            throw runtimeError('division-by-zero', { expression: expressionText(operation) }, { expression: expressionText(operation), reason: 'division-by-zero' });
                        }
                        return dividend.divide(divisor);
                    };
                }
            },
        });
    }

    /** A reference, specialised by what it names; the element is looked up on first use (a bad id is a typed error then). */
    private compileReference(expression: Extract<Expression, { ref: string }>): Compiled {
        const id = expression.ref;
        const kind = id.slice(0, id.indexOf('/'));
        // `… vid nivå x`: read at another level than the case's own.
        const atLevel = expression.atLevel ? this.compiled(expression.atLevel) : undefined;
        const at = (context: EvaluationContext, memo: Memo): EvaluationContext =>
            (atLevel ? { ...context, level: this.wholeLevel(atLevel(context, memo)) } : context);
        if (kind === 'parameter') {
            let parameter: Parameter | undefined;
            return context => {
                parameter ??= this.policy.get(id, 'parameter');
                const value = this.policy.parameterValue(parameter, context.date);
                context.trace?.push({ step: `${parameter.name} ${context.date}`, value: value.toDecimal() });
                // A `procent` parameter is a share in a formula, like a `%` literal.
                return parameter.valueType === 'percent' ? value.divide(HUNDRED) : value;
            };
        }
        if (kind === 'calculation') {
            return (context, memo) => this.calculation(id, context, memo);
        }
        if (kind === 'decisionTable') {
            const column = expression.column;
            return (context, memo) => this.decide(id, column, at(context, memo), memo);
        }
        if (kind === 'levelTable') {
            return (context, memo) => {
                const prepared = this.table(id);
                const level = this.level(at(context, memo), prepared.table.name);
                const value = prepared.amount(level, context.date);
                context.trace?.push({ step: `${prepared.table.name}, ${level === null ? 'ingen insats' : `nivå ${level}`}`, value: value.toDecimal() });
                return value;
            };
        }
        if (rateKinds.has(kind)) {
            return context => this.rate(id, context);
        }
        const attribute = this.catalogue.attributes.get(id);
        const whole = attribute?.domain.type === 'integer';
        return context => {
            const value = context.values.get(id);
            if (whole && typeof value === 'number') {
                return ExactNumber.of(BigInt(value));
            }
            if (value instanceof ExactNumber) {
                return value;
            }
            throw runtimeError('attribute-not-a-number', { name: attribute?.name ?? id }, { attribute: id });
        };
    }

    private decide(id: string, column: string | undefined, context: EvaluationContext, memo: Memo): ExactNumber {
        const prepared = this.decisionTable(id);
        const index = prepared.column(column);
        const matches = this.decisionMatches(id, context, memo);
        const value = prepared.value(matches, index, this.formulaEvaluator(prepared, context, memo));
        if (context.trace) {
            const name = `${prepared.table.name}${column ? `.${column}` : ''}`;
            context.trace.push({ step: `${name}, ${matchesText(prepared.table, matches)}`, value: value.toDecimal() });
        }
        return value;
    }

    /**
     * The rows of a decision table that answer for the case (see PreparedDecisionTable.matches), once
     * per question and level: chained inputs are evaluated first, through the same memo, so a table
     * two others read is decided once, and a chain that comes back to a table it is deciding is the
     * typed error `calculation-cycle` (the checker refuses such chains; a hand-edited file must not
     * loop). An upstream's error reaches the asker as it is: no chained input has a default.
     */
    decisionMatches(id: string, context: EvaluationContext, memo: Memo = new Map()): readonly DecisionMatch[] {
        const prepared = this.decisionTable(id);
        const key = `${prepared.table.id}@${context.level ?? ''}`;
        const known = memo.get(key);
        if (known === IN_PROGRESS) {
            throw runtimeError('calculation-cycle', { name: prepared.table.name }, { table: prepared.table.id });
        }
        if (known) {
            return known as readonly DecisionMatch[];
        }
        memo.set(key, IN_PROGRESS);
        const upstream = prepared.chained.length === 0 ? undefined : (input: ChainedDecisionInput) => this.upstreamValue(input, context, memo);
        const parameter = prepared.boundParameters.length === 0 ? undefined : (bound: string, date: string) => this.boundParameter(bound, date, context);
        const matches = prepared.matches(context.values, context.date, context.level, upstream, parameter);
        memo.set(key, matches);
        return matches;
    }

    /**
     * A parameter a cell is compared with (`> maxtaxa`), by the one version lookup, named in the trace.
     * As written: a `procent` parameter is compared as its number of per cent, as a `%` cell is.
     */
    private boundParameter(id: string, date: string, context: EvaluationContext): ExactNumber {
        const parameter = this.policy.get(id, 'parameter');
        const value = this.policy.parameterValue(parameter, date);
        context.trace?.push({ step: `${parameter.name} ${date}`, value: value.toDecimal() });
        return value;
    }

    /** A chained input's value: the calculation's, or the upstream table's column (ja/nej as yes/no), named in the trace. */
    private upstreamValue(input: ChainedDecisionInput, context: EvaluationContext, memo: Memo): AttributeValue {
        if ('calculation' in input) {
            return this.calculation(input.calculation, context, memo);
        }
        const prepared = this.decisionTable(input.decision);
        const index = prepared.column(input.column);
        const matches = this.decisionMatches(input.decision, context, memo);
        const value = prepared.answer(matches, index, this.formulaEvaluator(prepared, context, memo));
        context.trace?.push({
            step: `${prepared.table.name}.${input.column}, ${matchesText(prepared.table, matches)}`,
            value: typeof value === 'boolean' ? (value ? 'ja' : 'nej') : typeof value === 'string' ? value : (value as ExactNumber).toDecimal(),
        });
        return value;
    }

    /**
     * How a decision table's formula cells are computed for a case: by this evaluator, with the table
     * marked in progress, so a formula that reads its own table (through a calculation) is refused as
     * a cycle instead of recursing.
     */
    formulaEvaluator(prepared: PreparedDecisionTable, context: EvaluationContext, memo: Memo = new Map()): (formula: Expression) => ExactNumber {
        const id = prepared.table.id;
        return formula => {
            if (memo.get(id) === IN_PROGRESS) {
                throw runtimeError('calculation-cycle', { name: prepared.table.name }, { calculation: id });
            }
            memo.set(id, IN_PROGRESS);
            try {
                return this.evaluate(formula, context, memo);
            } finally {
                memo.delete(id);
            }
        };
    }

    private wholeLevel(value: ExactNumber): number {
        if (!value.isInteger() || value.compare(ExactNumber.ZERO) < 0) {
            throw runtimeError('level-not-whole', { level: value.toDecimal() }, { level: value.toDecimal() });
        }
        return Number(value.numerator);
    }

    private rate(id: string, context: EvaluationContext): ExactNumber {
        const rate = this.policy.get(id, id.slice(0, id.indexOf('/')) as Rate['kind']);
        if (!inForce(rate.validity, context.date)) {
            throw runtimeError('not-in-force', { name: rate.name, date: context.date }, { rate: rate.id, date: context.date });
        }
        const { amount, selection } = rateAmount(rate, context.values);
        const value = ExactNumber.parse(amount.value);
        // The reason names the case's values that chose the amount: `ersättning, regi = privat, tid = natt`.
        context.trace?.push({ step: [rate.name, ...selection.map(s => `${this.catalogue.attributes.get(s.attribute)?.name ?? s.attribute} = ${s.value}`)].join(', '), value: value.toDecimal() });
        return value;
    }

    private level(context: EvaluationContext, reader: string): number | null {
        if (context.level === undefined) {
            throw runtimeError('reads-level-without-level', { name: reader }, { reader });
        }
        return context.level;
    }

    private criterion(criterion: Criterion): CompiledCriterion {
        let compiled = this.criteria.get(criterion);
        if (!compiled) {
            compiled = compileCriterion(criterion, this.catalogue);
            this.criteria.set(criterion, compiled);
        }
        return compiled;
    }
}

type TextFunction = (citizen: CitizenInput | CitizenValues, date: string, level: number | null | undefined) => string;

/**
 * The prepared function of one calculation: the day's generated function, chosen again only when
 * the date changes (no date equals UNSET, so the first call chooses), and the exact evaluator where
 * it gives up. The citizen goes to the generated code as given (a CitizenValues is read through).
 *
 * Made by `new Function` with a source of its own: closures of one function literal share their
 * feedback in V8, so with several calculations prepared (a whole case prepares each) the call of
 * `day` saw every calculation's code, was not inlined, and a register's loop ran 1.27× instead of
 * 1.17× the hand-written function.
 */
let dispatches = 0;
function dayDispatch(fast: FastCalculation, checkDate: (date: string) => void, exact: TextFunction): TextFunction {
    const source = `// prepared calculation ${dispatches++}
        let lastDate = UNSET;
        let day = () => undefined;
        return (citizen, date, level) => {
            if (date !== lastDate) {
                checkDate(date);
                day = fast.forDate(date);
                lastDate = date;
            }
            return day(citizen, date, level) ?? exact(citizen, date, level);
        };`;
    try {
        return new Function('fast', 'checkDate', 'exact', 'UNSET', source)(fast, checkDate, exact, UNSET) as TextFunction;
    } catch {
        // Not reached where the generated code itself could be made; kept simple (forDate keeps its own days).
        return (citizen, date, level) => {
            checkDate(date);
            return fast.forDate(date)(citizen, date, level) ?? exact(citizen, date, level);
        };
    }
}

const AGGREGATION_WORDS = { sum: 'summan', min: 'det minsta', max: 'det största', count: 'antalet' } as const;

/** Which rows answered, for the trace: `rad 3 (besök_per_vecka i 7–20)`, or `summan av rad 1, 4` under `collect`. */
function matchesText(table: DecisionTable, matches: readonly DecisionMatch[]): string {
    if (matches.length === 1 && matches[0].row === DEFAULT_ROW) {
        return 'annars (ingen rad gäller)';
    }
    if (table.hitPolicy !== 'collect') {
        return `rad ${matches[0].row + 1} (${matches[0].text})`;
    }
    const word = AGGREGATION_WORDS[table.aggregation ?? 'sum'];
    return matches.length === 0 ? `${word} av inga rader` : `${word} av rad ${matches.map(m => m.row + 1).join(', ')}`;
}
