import { ExactNumber, listHitPolicy, type Attribute, type CompiledElement, type CompiledPolicyFile, type Criterion, type Expression, type PathwayModel, type Pilot } from '@regelratt/format';
import { attributeEntry, citizenValues, CitizenValues, type AttributeCatalogue, type CitizenInput } from './citizen.js';
import { compileCriterion, type CompiledCriterion } from './criteria.js';
import { Emitter, generateSelector, generateTest } from './criterion-codegen.js';
import { generateCaseAnswerer } from './case-codegen.js';
import type { CaseAnswer, CaseInput } from './evaluate-case.js';
import { include, type Inclusion, type InclusionContext } from './inclusion.js';
import { grant, type EligibilityAnswer } from './eligibility.js';
import { deadlines, type DeadlineAnswer, type DeadlineQuestion } from './duties.js';
import type { RuntimeLocale } from './runtime-messages.js';
import { datedExpressionRead, datedRead } from './dated-reads.js';
import { Calculator } from './calculation.js';
import { DEFAULT_ROW, type DecisionMatch, type PreparedDecisionTable } from './decision-table.js';
import { fee, feeParts, type FeeParts } from './fee.js';
import { compensation, netEffect, PreparedTable, type Amount, type MoneyTrace } from './money.js';
import { RegelrattRuntimeError, runtimeError } from './runtime-error.js';
import { place, type Placement } from './placement.js';
import { PolicySet, type LoadOptions } from './policy-set.js';

/** The row of a decision table that decided, and its outputs (`null`: left open by the policy). */
export interface Decision {
    table: string;
    /** 1-based, as a reader counts the rows; under `collect` the first matching row, or 0 when none matches. */
    row: number;
    /** Under `collect`: every matching row, 1-based (the outputs are their sum, minimum, maximum or count). */
    rows?: number[];
    /** Since format 1.9: no row matched, and the table's default outputs (`annars`) answer; `row` is then 0. */
    default?: true;
    conditions: string;
    /** The deciding row's outputs, or the aggregate under `collect`; empty under the list policies, whose answer is `list`. */
    outputs: Record<string, string | null>;
    /**
     * Since format 1.11, under the list policies (`ruleOrder`, `outputOrder`, `collectList`): every
     * matching row's outputs, in the policy's order, `rows` naming the same rows in the same order; the
     * empty list where no row matches (DMN's answer), or the default outputs alone where the table has them.
     */
    list?: Array<Record<string, string | null>>;
}

/** A decision answered by every matching row (`collect`, the list policies): the rows named, their outputs aggregated or listed. */
function severalRows(prepared: PreparedDecisionTable, matches: readonly DecisionMatch[], outputs: Decision['outputs'], list?: Decision['list']): Decision {
    const byDefault = matches.length === 1 && matches[0].row === DEFAULT_ROW;
    return {
        table: prepared.table.id,
        row: matches.length > 0 && !byDefault ? matches[0].row + 1 : 0,
        rows: byDefault ? [] : matches.map(match => match.row + 1),
        conditions: matches.map(match => match.text).join('; ') || 'ingen rad',
        outputs,
        ...(list ? { list } : {}),
        ...(byDefault ? { default: true as const } : {}),
    };
}

export interface AskOptions {
    /** Attach the explanation trace: which criteria, values and parameter versions decided the answer. */
    explain?: boolean;
}

export interface PreparedModel {
    model: PathwayModel;
    criteria: Array<CompiledCriterion | undefined>;
    pathwayIds: string[];
    /** All criteria at once, as a bit mask of those that hold (generated code; absent where not allowed). */
    select?: (values: CitizenValues) => number;
}

export interface PreparedPilot {
    pilot: Pilot;
    inclusion?: CompiledCriterion;
    exclusions: CompiledCriterion[];
    /** Inclusion and no exclusion, at once (generated code). */
    admits?: (values: CitizenValues) => boolean;
}

export interface PreparedPolicy {
    models: PreparedModel[];
    pilots: PreparedPilot[];
    tables: PreparedTable[];
    /** The generated fast path for a whole case; undefined means "answer question by question". */
    answerCase?: (values: CitizenValues, input: CaseInput) => CaseAnswer | undefined;
}

/**
 * The questions a consuming system asks of a compiled policy. Each förlopp model, pilot and table is
 * prepared once, on first use (criteria compiled into functions, tables into level maps), so a
 * register costs one pass of plain function calls per citizen.
 */
export class PolicyRuntime {
    readonly policy: PolicySet;
    private readonly catalogue: AttributeCatalogue;
    private readonly models = new Map<string, PreparedModel>();
    private readonly pilots = new Map<string, PreparedPilot>();
    private readonly tables = new Map<string, PreparedTable>();
    private readonly calculator: Calculator;
    /** Each calculation prepared once (by the name or id it was asked by): calculate without explanation, whole cases and callers share it. */
    private readonly preparedCalculations = new Map<string, (citizen: CitizenInput | CitizenValues, date: string, level?: number | null) => string>();

    /** Every file is checked against the compiled format's schema first, unless `validate: false` (see LoadOptions). */
    constructor(files: readonly CompiledPolicyFile[], options: LoadOptions = {}) {
        this.policy = PolicySet.load(files, options);
        const attributes = new Map<string, Attribute>(this.policy.all('attribute').map(a => [a.id, a]));
        this.catalogue = { attributes, entries: new Map([...attributes].map(([id, attribute]) => [id, attributeEntry(attribute)])) };
        this.calculator = new Calculator(this.policy, this.catalogue, id => this.table(id));
    }

    /** Reads a citizen's values lazily: each attribute is checked against its domain when a question first needs it. */
    citizen(input: CitizenInput): CitizenValues {
        return new CitizenValues(input, this.catalogue);
    }

    placeInPathway(model: string, citizen: CitizenInput | CitizenValues, options: AskOptions = {}): Placement {
        const prepared = this.model(model);
        return place(prepared, this.values(citizen), options.explain ?? false);
    }

    checkInclusion(pilot: string, citizen: CitizenInput | CitizenValues, context: InclusionContext = {}, options: AskOptions = {}): Inclusion {
        const prepared = this.pilot(pilot);
        return include(prepared, this.values(citizen), context, options.explain ?? false);
    }

    /** Whether an insats may be granted to a citizen by its `beviljas när`, and which clause decided. */
    checkEligibility(service: string, citizen: CitizenInput | CitizenValues): EligibilityAnswer {
        const values = this.values(citizen);
        return grant(this.policy.get(service, 'service'), criterion => this.holds(criterion, values));
    }

    /** What falls due after an event of a case, by the riktlinjer's obligations that apply to the citizen (see duties.ts). */
    deadlines(question: DeadlineQuestion, locale: RuntimeLocale = 'sv'): DeadlineAnswer {
        // A question from JSON: a name that is not text, or a citizen that is not an object, is refused as what it is.
        if (question.guideline !== undefined && typeof question.guideline !== 'string') {
            throw runtimeError('unknown-element', { kind: 'guideline', reference: JSON.stringify(question.guideline) }, { guideline: question.guideline });
        }
        if (question.obligation !== undefined && typeof question.obligation !== 'string') {
            throw runtimeError('unknown-obligation', { reference: JSON.stringify(question.obligation) }, { obligation: question.obligation });
        }
        if (question.citizen !== undefined && (question.citizen === null || typeof question.citizen !== 'object' || Array.isArray(question.citizen))) {
            throw runtimeError('case-without-citizen', {});
        }
        const guidelines = question.guideline === undefined ? this.policy.all('guideline') : [this.policy.get(question.guideline, 'guideline')];
        const values = this.values(question.citizen ?? {});
        return deadlines(guidelines, question, criterion => this.holds(criterion, values), locale);
    }

    compensation(table: string, level: number, date?: string): Amount {
        return compensation(this.table(table), level, date);
    }

    /** A citizen's fee for a level on a date; the trace is filled unless `explain: false` (a register's inner loop). */
    fee(feeName: string, level: number | undefined, citizen: CitizenInput | CitizenValues, date: string, options: AskOptions = {}): Amount {
        return fee(this.calculator, this.policy.get(feeName, 'fee'), level, this.values(citizen), date, options.explain ?? true);
    }

    /** A fee's parts (avgiftsutrymme, share, takbelopp, maxtaxa, rounding), exact: what decided it, for a reason. */
    feeParts(feeName: string, level: number | undefined, citizen: CitizenInput | CitizenValues, date: string): FeeParts {
        return feeParts(this.calculator, this.policy.get(feeName, 'fee'), level, this.values(citizen), date);
    }

    /** Whether a criterion holds for a citizen, by the same comparisons as förlopp, pilots and tables (a reason asks it about each part). */
    holds(criterion: Criterion, citizen: CitizenInput | CitizenValues): boolean {
        let compiled = this.criteria.get(criterion);
        if (!compiled) {
            compiled = this.compile(criterion);
            this.criteria.set(criterion, compiled);
        }
        return compiled.test(this.values(citizen));
    }

    private readonly criteria = new WeakMap<Criterion, CompiledCriterion>();

    /**
     * The row of a decision table that decides for a citizen (and a level, where a column reads it) on a
     * date, with every output of that row: a value, or `null` where the policy leaves it open.
     */
    decide(table: string, question: { date?: string; citizen?: CitizenInput | CitizenValues; level?: number | null }): Decision {
        const prepared = this.calculator.decisionTable(table);
        if (!question.date) {
            const needs = this.datedRead(prepared.table.id);
            if (needs) {
                throw runtimeError('question-without-date', { dated: 'decision', name: prepared.table.name, needs: needs.name }, { table: prepared.table.id, needs: needs.id });
            }
        }
        // Without a date only where nothing the table reads goes by date (datedRead): no lookup reads it then.
        const context = { values: this.values(question.citizen ?? {}), date: question.date ?? '', level: question.level };
        // One memo for the question: chained inputs (other tables, calculations) are decided through the
        // calculator as formulas read them, once each, and formula cells (`= inkomst × 30 %`) are computed
        // by the calculations' evaluator with the same memo.
        const memo = new Map();
        const matches = this.calculator.decisionMatches(table, context, memo);
        const evaluate = this.calculator.formulaEvaluator(prepared, context, memo);
        if (prepared.table.hitPolicy === 'collect') {
            return this.collect(prepared, matches, evaluate);
        }
        if (listHitPolicy(prepared.table.hitPolicy)) {
            return severalRows(prepared, matches, {}, matches.map(match => prepared.outputsFor(match.row, evaluate)));
        }
        const match = matches[0];
        if (match.row === DEFAULT_ROW) {
            return { table: prepared.table.id, row: 0, conditions: match.text, outputs: prepared.outputsFor(match.row, evaluate), default: true };
        }
        return { table: prepared.table.id, row: match.row + 1, conditions: match.text, outputs: prepared.outputsFor(match.row, evaluate) };
    }

    /** A `collect` table's answer: each column aggregated over the matching rows; `null` where a matching row leaves its value open. */
    private collect(prepared: PreparedDecisionTable, matches: readonly DecisionMatch[], evaluate: (formula: Expression) => ExactNumber): Decision {
        const outputs: Record<string, string | null> = {};
        prepared.table.outputs.forEach((column, index) => {
            try {
                // A date column's earliest or latest date; every other column's number (a sum of dates is refused by `value`).
                outputs[column] = prepared.dateValue(matches, index) ?? prepared.value(matches, index, evaluate).toDecimal();
            } catch (error) {
                if (!(error instanceof RegelrattRuntimeError) || error.code !== 'open-amount') {
                    throw error;
                }
                outputs[column] = null;
            }
        });
        return severalRows(prepared, matches, outputs);
    }

    /**
     * One output column of a list decision (`list`, the list hit policies): the column's value in each
     * listed row, in the list's order (null where a row leaves it open); the column named must be one
     * of the table's, or its only one, even where the list is empty.
     */
    decisionValues(decision: Decision, column?: string): Array<string | null> {
        const columns = this.policy.get(decision.table, 'decisionTable').outputs;
        const name = column ?? (columns.length === 1 ? columns[0] : undefined);
        if (name === undefined) {
            throw runtimeError('table-column-needed', { table: decision.table, columns }, { table: decision.table });
        }
        if (!columns.includes(name)) {
            throw runtimeError('table-no-column', { table: decision.table, column: name }, { table: decision.table, column: name });
        }
        return (decision.list ?? [decision.outputs]).map(outputs => outputs[name] ?? null);
    }

    /** The first element a decision table reads that goes by date (a version, a validity, a rate), or undefined: then a question needs no date. */
    datedRead(table: string): CompiledElement | undefined {
        return datedRead(this.policy, this.policy.get(table, 'decisionTable'));
    }

    /** One output of a decision: the named column, or the only one; an open value is an `open-amount` error. */
    decisionValue(decision: Decision, column?: string): string {
        if (decision.list) {
            throw runtimeError('table-answers-list', { table: this.policy.find(decision.table)?.name ?? decision.table }, { table: decision.table });
        }
        const columns = Object.keys(decision.outputs);
        const name = column ?? (columns.length === 1 ? columns[0] : undefined);
        if (name === undefined || !(name in decision.outputs)) {
            throw name === undefined
                ? runtimeError('table-column-needed', { table: decision.table, columns }, { table: decision.table })
                : runtimeError('table-no-column', { table: decision.table, column: name }, { table: decision.table, column: name });
        }
        const value = decision.outputs[name];
        if (value === null) {
            const row = decision.default ? 'annars' as const : decision.row;
            throw runtimeError('table-open-value', { column: name, row, table: decision.table }, { table: decision.table, row, column: name });
        }
        return value;
    }

    /**
     * A named calculation's value on a date, for a citizen (the attributes its formula reads) and a
     * level (where it reads the level or a level table). The trace names every value it read.
     */
    calculate(calculation: string, question: { date: string; citizen?: CitizenInput | CitizenValues; level?: number | null }, options: AskOptions = {}): Amount {
        if (!question.date) {
            throw runtimeError('question-without-date', { dated: 'calculation', name: calculation }, { calculation });
        }
        if (options.explain === false) {
            // Without an explanation no step text is built at all (the trace comes back empty), and the
            // calculation's prepared function answers (generated code kept per date).
            return { amount: this.prepareCalculation(calculation)(question.citizen ?? {}, question.date, question.level), trace: [] };
        }
        const values = this.values(question.citizen ?? {});
        const trace: MoneyTrace[] = [];
        const value = this.calculator.calculation(calculation, { values, date: question.date, level: question.level, trace });
        return { amount: value.toDecimal(), trace };
    }

    /**
     * A named calculation prepared for a register: the amount for a citizen on a date (and a level)
     * as decimal text, without explanation; the same answers and typed errors as `calculate(…, {
     * explain: false })` (which answers through it), with the calculation looked up and its code
     * generated once instead of per question; the same function for the same name. An unknown
     * calculation is an error here, not at the first citizen.
     */
    prepareCalculation(calculation: string): (citizen: CitizenInput | CitizenValues, date: string, level?: number | null) => string {
        let prepared = this.preparedCalculations.get(calculation);
        if (!prepared) {
            prepared = this.calculator.textFunction(calculation, date => {
                if (!date) {
                    throw runtimeError('question-without-date', { dated: 'calculation', name: calculation }, { calculation });
                }
            });
            this.preparedCalculations.set(calculation, prepared);
        }
        return prepared;
    }

    /**
     * The value of any formula of the policy (a calculation's, or a part of one) for a citizen on a
     * date: the same evaluator the calculations use. The analyses ask it about the parts of a formula
     * (which argument of a `min` decides), so what they report is the runtime's answer.
     */
    evaluate(expression: Expression, question: { date?: string; citizen?: CitizenInput | CitizenValues; level?: number | null }): string {
        // Without a date only where nothing the formula reads goes by date, as for a decision (dated-reads.ts).
        if (!question.date && datedExpressionRead(this.policy, expression)) {
            throw runtimeError('question-without-date', { dated: 'formula' });
        }
        return this.calculator.evaluate(expression, { values: this.values(question.citizen ?? {}), date: question.date ?? '', level: question.level }).toDecimal();
    }

    /**
     * Every value a decision table's output column can give, one per row as the runtime reads it (a
     * share as a fraction); `undefined` where the row leaves it open or names a förlopp.
     */
    columnValues(table: string, column?: string): Array<string | undefined> {
        const prepared = this.calculator.decisionTable(table);
        const index = prepared.column(column);
        // The default outputs (`annars`), where the table has them, count as one more row, last.
        const rows = [...prepared.table.rows.map((_, row) => row), ...(prepared.table.defaultOutputs ? [DEFAULT_ROW] : [])];
        return rows.map(row => {
            try {
                // A formula cell has no value without a case.
                return prepared.value([{ row, text: '' }], index, () => {
                    throw runtimeError('table-open-value', { column: `${prepared.table.name}.${prepared.table.outputs[index]}`, row: row === DEFAULT_ROW ? 'annars' : row + 1 }, { table: prepared.table.id });
                }).toDecimal();
            } catch (error) {
                if (error instanceof RegelrattRuntimeError) {
                    return undefined;
                }
                throw error;
            }
        });
    }

    netEffect(question: { table: string; before: number | null; after: number | null; hours: string | number; rate: string; months: number; date?: string }): { monthly: string; total: string; trace: MoneyTrace[] } {
        const hours = ExactNumber.parse(typeof question.hours === 'number' ? String(question.hours) : question.hours.replace(',', '.'));
        return netEffect(this.table(question.table), question.before, question.after, hours,
            this.policy.get(question.rate, 'hourlyRate'), question.months, question.date);
    }

    private values(citizen: CitizenInput | CitizenValues): CitizenValues {
        return citizenValues(citizen, this.catalogue);
    }

    private compile(criterion: Criterion): CompiledCriterion {
        return compileCriterion(criterion, this.catalogue);
    }

    /** Every förlopp model, pilot and level table, prepared: what answering a whole case walks through. */
    prepared(): PreparedPolicy {
        if (!this.all) {
            const all: PreparedPolicy = {
                models: this.policy.all('pathwayModel').map(m => this.model(m.id)),
                pilots: this.policy.all('pilot').map(p => this.pilot(p.id)),
                tables: this.policy.all('levelTable').map(t => this.table(t.id)),
            };
            all.answerCase = generateCaseAnswerer(all, new Emitter(this.catalogue));
            this.all = all;
        }
        return this.all;
    }

    private all: PreparedPolicy | undefined;

    private model(reference: string): PreparedModel {
        let prepared = this.models.get(reference);
        if (!prepared) {
            const model = this.policy.get(reference, 'pathwayModel');
            prepared = {
                model,
                criteria: model.pathways.map(p => (p.criterion ? this.compile(p.criterion) : undefined)),
                pathwayIds: model.pathways.map(p => p.id),
                select: generateSelector(model.pathways.map(p => p.criterion), this.catalogue),
            };
            this.models.set(reference, prepared);
        }
        return prepared;
    }

    private pilot(reference: string): PreparedPilot {
        let prepared = this.pilots.get(reference);
        if (!prepared) {
            const pilot = this.policy.get(reference, 'pilot');
            const rule = [...(pilot.inclusion ? [pilot.inclusion] : []), ...pilot.exclusions.map(c => ({ not: c }))];
            prepared = {
                pilot,
                inclusion: pilot.inclusion && this.compile(pilot.inclusion),
                exclusions: pilot.exclusions.map(c => this.compile(c)),
                admits: rule.length > 0 ? generateTest({ all: rule }, this.catalogue) : undefined,
            };
            this.pilots.set(reference, prepared);
        }
        return prepared;
    }

    private table(reference: string): PreparedTable {
        let prepared = this.tables.get(reference);
        if (!prepared) {
            prepared = new PreparedTable(this.policy.get(reference, 'levelTable'));
            this.tables.set(reference, prepared);
        }
        return prepared;
    }
}
