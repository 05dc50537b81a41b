import type { CitizenInput } from './citizen.js';
import { include, type Inclusion, type InclusionContext } from './inclusion.js';
import { isCalendarDate, type AnswerUnit, type Calculation, type DecisionTable, type Fee, type Service } from '@regelratt/format';
import { isSelectedRate, rateAmount, type AnyRate } from './rate.js';
import type { EligibilityAnswer } from './eligibility.js';
import { feeBlocked } from './fee.js';
import { inForce, type MoneyTrace } from './money.js';
import { place, type Placement } from './placement.js';
import type { Decision, PolicyRuntime } from './policy-runtime.js';
import { RegelrattRuntimeError, runtimeError } from './runtime-error.js';
import type { RuntimeLocale } from './runtime-messages.js';

/** One case as a consuming system sends it (one line of a register). */
export interface CaseInput {
    /** Attribute name → value. */
    citizen: CitizenInput;
    /** The citizen's assessed level, for compensation. */
    level?: number;
    /** The day to answer for; compensation tables and pilot periods are chosen by it. */
    date?: string;
    unit?: string;
    service?: string;
    /** Any identifier of the case, echoed back so answers can be joined to cases. */
    id?: unknown;
}

type Failed = { error: { code: string; message: string; details: Record<string, unknown> } };

/** Everything the policy says about one case: each förlopp model, each pilot, each table in force. */
export interface CaseAnswer {
    id?: unknown;
    placements: Array<Placement | ({ model: string } & Failed)>;
    inclusions: Array<Inclusion | ({ pilot: string } & Failed)>;
    compensation: Array<{ table: string; amount: string } | ({ table: string } & Failed)>;
    /** Every fee in force on the case's date, for its level (present when the policy has fees). */
    fees?: Array<{ fee: string; amount: string; trace?: MoneyTrace[]; legalBasis?: string[] } | ({ fee: string } & Failed)>;
    /** Every rate (flat rate, place rate, hourly cost) in force on the case's date, with its amount (present when the policy has rates). */
    rates?: Array<{ rate: string; amount: string; per?: string } | ({ rate: string } & Failed)>;
    /** Every decision table's deciding row and outputs on the case's date (present when the policy has decision tables). */
    decisions?: Array<Decision | ({ table: string } & Failed)>;
    /** Every named calculation on the case's date (present when the policy has calculations). */
    amounts?: Array<{ calculation: string; amount: string; unit?: AnswerUnit; trace?: MoneyTrace[]; legalBasis?: string[] } | ({ calculation: string } & Failed)>;
    /** Whether each insats with a `beviljas när` may be granted (present when the policy has one). */
    eligibility?: Array<EligibilityAnswer | ({ service: string } & Failed)>;
}

type RateAnswer = NonNullable<CaseAnswer['rates']>[number];

/**
 * What answering a case needs besides the prepared models, pilots and tables, looked up once per
 * runtime (one WeakMap lookup per case): the elements behind the amounts, the names the attributes
 * answer to, and what is the same for every citizen on the last date asked (a register's cases mostly
 * share one).
 */
interface CasePlan {
    fees: readonly Fee[];
    calculations: readonly Calculation[];
    tables: readonly DecisionTable[];
    rates: readonly AnyRate[];
    /** The insatser that say who may be granted them. */
    eligible: readonly Service[];
    none: boolean;
    /** Every name an attribute answers to (its name and its id). */
    names: Set<string>;
    /** The last list of a citizen's names found to be all known, in the order given. */
    lastNames: string[];
    day: DayPlan | undefined;
    /** By language and date (`sv|2026-01-01`): a day's shared answers are worded in the reader's language. */
    days: Map<string, DayPlan>;
    /** Each calculation prepared for a register (made on the first case that asks without explanation). */
    prepared?: Array<(citizen: CitizenInput, date: string, level?: number | null) => string>;
}

interface DayPlan {
    date: string | undefined;
    locale: RuntimeLocale;
    /** The rates in force, answered; the entries are frozen and shared, each answer gets its own list. */
    rates: RateAnswer[];
    /** The rates in force whose amount the case's attributes select (`efter regi`): answered per citizen. */
    selectedRates: AnyRate[];
    /** Per fee, per level: the failure that is the same for every citizen, or null when the citizen decides. */
    blocked: Array<Map<number | undefined, Failed['error'] | null>>;
}

const plans = new WeakMap<PolicyRuntime, CasePlan>();

function casePlan(runtime: PolicyRuntime): CasePlan {
    let plan = plans.get(runtime);
    if (!plan) {
        const fees = runtime.policy.all('fee');
        const calculations = runtime.policy.all('calculation');
        const tables = runtime.policy.all('decisionTable');
        const rates: AnyRate[] = [...runtime.policy.all('flatRate'), ...runtime.policy.all('placeRate'), ...runtime.policy.all('hourlyRate')];
        plan = {
            fees, calculations, tables, rates, eligible: runtime.policy.all('service').filter(service => service.eligibility), none: fees.length === 0 && calculations.length === 0 && tables.length === 0 && rates.length === 0,
            names: new Set(runtime.policy.all('attribute').flatMap(attribute => [attribute.name, attribute.id])),
            lastNames: [],
            day: undefined,
            days: new Map(),
        };
        plans.set(runtime, plan);
    }
    return plan;
}

/** What is the same for every citizen on a date: made when the date differs from the last case's. */
function dayPlan(plan: CasePlan, date: string | undefined, locale: RuntimeLocale): DayPlan {
    if (plan.day && plan.day.date === date && plan.day.locale === locale) {
        return plan.day;
    }
    const key = `${locale}|${date ?? ''}`;
    const known = plan.days.get(key);
    if (known) {
        return (plan.day = known);
    }
    const inForceToday = plan.rates.filter(rate => date === undefined || inForce(rate.validity, date));
    const rates = inForceToday.filter(rate => !isSelectedRate(rate)).map(rate => deepFreeze<RateAnswer>(!rate.amount || 'open' in rate.amount
        // An open amount is said, not left out.
        ? { rate: rate.id, error: runtimeError('rate-without-amount', { name: rate.name }, { rate: rate.id }).answerIn(locale) }
        : { rate: rate.id, amount: rate.amount.value, ...(rate.amount.per ? { per: rate.amount.per } : {}) }));
    plan.day = { date, locale, rates, selectedRates: inForceToday.filter(isSelectedRate), blocked: plan.fees.map(() => new Map()) };
    // Registers span few dates; an unbounded stream of dates must not grow memory without end.
    if (plan.days.size >= 10_000) {
        plan.days.clear();
    }
    plan.days.set(key, plan.day);
    return plan.day;
}

/** A fee's citizen-independent failure for a level on the day, decided once; frozen, since answers share it. */
/** Whether a fee charges by level (a takbelopp, share or amount per level), so that a case must give one. */
function byLevel(definition: Fee): boolean {
    return definition.caps.length > 0 || (definition.shares?.length ?? 0) > 0 || (definition.amounts?.length ?? 0) > 0;
}

function blockedFee(day: DayPlan, index: number, definition: Fee, level: number | undefined, date: string): Failed['error'] | undefined {
    const byLevel = day.blocked[index];
    let verdict = byLevel.get(level);
    if (verdict === undefined) {
        const error = feeBlocked(definition, level, date)?.answerIn(day.locale);
        verdict = error ? deepFreeze({ ...error, details: { ...error.details } }) : null;
        byLevel.set(level, verdict);
    }
    return verdict ?? undefined;
}

function deepFreeze<T>(value: T): T {
    if (value && typeof value === 'object' && !Object.isFrozen(value)) {
        Object.values(value).forEach(deepFreeze);
        Object.freeze(value);
    }
    return value;
}

/**
 * A case says only what the policy can read: every attribute it gives is one the policy declares (a
 * misspelt name would otherwise be ignored and its attribute read as missing, or worse, not needed),
 * and a level, where given, is a whole number from 0.
 */
function checkCaseShape(plan: CasePlan, input: CaseInput): void {
    checkNames(plan, input.citizen);
    // A register's cases mostly share a date: the last one found valid is not read again.
    if (input.date !== undefined && input.date !== lastValidDate && !(typeof input.date === 'string' && isCalendarDate(input.date) && (lastValidDate = input.date))) {
        throw runtimeError('case-date-invalid', { value: JSON.stringify(input.date) }, { date: input.date });
    }
    if ('level' in input && input.level !== undefined && !(Number.isSafeInteger(input.level) && input.level >= 0)) {
        throw runtimeError('case-level-invalid', { value: JSON.stringify(input.level) }, { level: input.level });
    }
}

let lastValidDate: string | undefined;

/** At most this many unknown names are listed in an `unknown-attribute` error; `count` says how many there were. */
const UNKNOWN_NAMES_SHOWN = 20;

/**
 * Every name the citizen gives is one the policy declares. A register's cases mostly give the same
 * names in the same order, so they are first compared with the last list found good (names as
 * property keys are interned strings, so each comparison is one pointer comparison); only a
 * different list is looked up name by name.
 */
function checkNames(plan: CasePlan, citizen: CitizenInput): void {
    const last = plan.lastNames;
    let index = 0;
    let same = true;
    for (const name in citizen) {
        if (name !== last[index++]) {
            same = false;
            break;
        }
    }
    if (same && index === last.length) {
        return;
    }
    const own = Object.keys(citizen);
    const unknown = own.filter(key => !plan.names.has(key));
    if (unknown.length > 0) {
        // The first few are what a person fixes; a list as long as the input only costs time to send.
        const named = unknown.slice(0, UNKNOWN_NAMES_SHOWN);
        const rest = unknown.length - named.length;
        throw runtimeError('unknown-attributes', { names: named, rest, total: unknown.length },
            { attributes: named, ...(rest > 0 ? { count: unknown.length } : {}) });
    }
    // Only a list of own names is remembered: an inherited enumerable name would otherwise pass unchecked.
    const names: string[] = [];
    for (const name in citizen) {
        names.push(name);
    }
    if (names.length === own.length) {
        plan.lastNames = names;
    }
}

function failed(error: unknown, locale: RuntimeLocale): Failed {
    if (error instanceof RegelrattRuntimeError) {
        return { error: error.answerIn(locale) };
    }
    throw error;
}

/**
 * Answers every question the policy can answer about a case. A question whose input is missing or
 * wrong gets a typed error in its place; the other answers still come. This is the register's inner
 * loop, so it walks the prepared models, pilots and tables directly.
 */
export function evaluateCase(runtime: PolicyRuntime, input: CaseInput, explain = false, locale: RuntimeLocale = 'sv'): CaseAnswer {
    if (!input || typeof input !== 'object' || !input.citizen || typeof input.citizen !== 'object') {
        throw runtimeError('case-without-citizen', {});
    }
    const plan = casePlan(runtime);
    checkCaseShape(plan, input);
    const citizen = runtime.citizen(input.citizen);
    // Most cases: the generated fast path answers everything. Anything unusual (or no code
    // generation) is answered question by question, each error in its place.
    if (!explain) {
        try {
            const fast = runtime.prepared().answerCase?.(citizen, input);
            if (fast) {
                return withEligibility(runtime, plan, withAmounts(runtime, plan, fast, input, citizen, explain, locale), citizen, locale);
            }
        } catch (error) {
            if (!(error instanceof RegelrattRuntimeError)) {
                throw error;
            }
        }
    }
    return withEligibility(runtime, plan, answerAll(runtime, plan, input, citizen, explain, locale), citizen, locale);
}

/** Adds whether each insats with a `beviljas när` may be granted, or the typed error that says why not. */
function withEligibility(runtime: PolicyRuntime, plan: CasePlan, answer: CaseAnswer, citizen: ReturnType<PolicyRuntime['citizen']>, locale: RuntimeLocale): CaseAnswer {
    if (plan.eligible.length === 0) {
        return answer;
    }
    answer.eligibility = plan.eligible.map(service => {
        try {
            return runtime.checkEligibility(service.id, citizen);
        } catch (error) {
            return { service: service.id, ...failed(error, locale) };
        }
    });
    return answer;
}

function answerAll(runtime: PolicyRuntime, plan: CasePlan, input: CaseInput, citizen: ReturnType<PolicyRuntime['citizen']>, explain: boolean, locale: RuntimeLocale): CaseAnswer {
    const { models, pilots, tables } = runtime.prepared();
    const context: InclusionContext = { date: input.date, unit: input.unit, service: input.service };
    const placements: CaseAnswer['placements'] = [];
    for (const prepared of models) {
        try {
            placements.push(place(prepared, citizen, explain));
        } catch (error) {
            placements.push({ model: prepared.model.id, ...failed(error, locale) });
        }
    }
    const inclusions: CaseAnswer['inclusions'] = [];
    for (const prepared of pilots) {
        try {
            inclusions.push(include(prepared, citizen, context, explain));
        } catch (error) {
            inclusions.push({ pilot: prepared.pilot.id, ...failed(error, locale) });
        }
    }
    const compensation: CaseAnswer['compensation'] = [];
    if (input.level !== undefined) {
        for (const prepared of tables) {
            if (!inForce(prepared.table.validity, input.date)) {
                continue;
            }
            try {
                // Validity was checked just above.
                compensation.push({ table: prepared.table.id, amount: prepared.amountText(input.level) });
            } catch (error) {
                compensation.push({ table: prepared.table.id, ...failed(error, locale) });
            }
        }
    }
    const answer: CaseAnswer = input.id === undefined ? { placements, inclusions, compensation } : { id: input.id, placements, inclusions, compensation };
    return withAmounts(runtime, plan, answer, input, citizen, explain, locale);
}

/**
 * Adds every fee and named calculation the policy has, answered for the case: an amount, or the
 * typed error that says why not (no date, no level, a value the policy leaves open, …).
 */
function withAmounts(runtime: PolicyRuntime, plan: CasePlan, answer: CaseAnswer, input: CaseInput, citizen: ReturnType<PolicyRuntime['citizen']>, explain: boolean, locale: RuntimeLocale): CaseAnswer {
    const { fees, calculations, tables, rates, none } = plan;
    if (none) {
        return answer;
    }
    const day = dayPlan(plan, input.date, locale);
    if (rates.length > 0) {
        answer.rates = day.rates.slice();
        for (const rate of day.selectedRates) {
            try {
                const { amount } = rateAmount(rate, citizen);
                answer.rates.push({ rate: rate.id, amount: amount.value, ...(amount.per ? { per: amount.per } : {}) });
            } catch (error) {
                answer.rates.push({ rate: rate.id, ...failed(error, locale) });
            }
        }
    }
    const noDate = () => failed(runtimeError('case-without-date', {}), locale);
    if (fees.length > 0) {
        answer.fees = [];
        for (const [index, definition] of fees.entries()) {
            if (input.date !== undefined && !inForce(definition.validity, input.date)) {
                continue;
            }
            try {
                let blocked: Failed['error'] | undefined;
                if (input.date === undefined) {
                    answer.fees.push({ fee: definition.id, ...noDate() });
                } else if (input.level === undefined && byLevel(definition)) {
                    answer.fees.push({ fee: definition.id, ...failed(runtimeError('case-without-level', {}, { fee: definition.id }), locale) });
                } else if ((blocked = blockedFee(day, index, definition, input.level, input.date))) {
                    // The same for every citizen: one shared answer, no exception per case.
                    answer.fees.push({ fee: definition.id, error: blocked });
                } else {
                    const fee = runtime.fee(definition.id, input.level, citizen, input.date, { explain });
                    answer.fees.push({ fee: definition.id, amount: fee.amount, ...(explain ? { trace: fee.trace } : {}), ...citation(definition) });
                }
            } catch (error) {
                answer.fees.push({ fee: definition.id, ...failed(error, locale) });
            }
        }
    }
    if (tables.length > 0) {
        answer.decisions = [];
        for (const table of tables) {
            if (input.date !== undefined && !inForce(table.validity, input.date)) {
                continue;
            }
            try {
                // Without a date the runtime answers a table that reads nothing dated, and names what needs one otherwise.
                answer.decisions.push(input.date === undefined && runtime.datedRead(table.id)
                    ? { table: table.id, ...noDate() }
                    : runtime.decide(table.id, { ...(input.date !== undefined ? { date: input.date } : {}), citizen, ...(input.level !== undefined ? { level: input.level } : {}) }));
            } catch (error) {
                answer.decisions.push({ table: table.id, ...failed(error, locale) });
            }
        }
    }
    if (calculations.length > 0) {
        answer.amounts = [];
        // Without explanation, each calculation's prepared function (the runtime's, kept here by index: no lookup by name per case).
        const prepared = explain ? undefined : (plan.prepared ??= calculations.map(calculation => runtime.prepareCalculation(calculation.id)));
        for (const [index, calculation] of calculations.entries()) {
            try {
                if (input.date === undefined) {
                    answer.amounts.push({ calculation: calculation.id, ...noDate() });
                } else if (prepared) {
                    answer.amounts.push({ calculation: calculation.id, amount: prepared[index](input.citizen, input.date, input.level), ...unitOf(calculation), ...citation(calculation) });
                } else {
                    const value = runtime.calculate(calculation.id, { date: input.date, citizen, ...(input.level !== undefined ? { level: input.level } : {}) }, { explain });
                    answer.amounts.push({ calculation: calculation.id, amount: value.amount, ...unitOf(calculation), ...(explain ? { trace: value.trace } : {}), ...citation(calculation) });
                }
            } catch (error) {
                answer.amounts.push({ calculation: calculation.id, ...failed(error, locale) });
            }
        }
    }
    return answer;
}

const citations = new WeakMap<object, { legalBasis?: string[] }>();
/** The law an amount applies, as the policy cites it (`SoL 8 kap 5 §`), for its answer; nothing where it names none. Worked out once per element. */
function citation(element: Fee | Calculation): { legalBasis?: string[] } {
    let cited = citations.get(element);
    if (!cited) {
        cited = element.legalBasis?.length ? { legalBasis: element.legalBasis.map(basis => basis.text) } : {};
        citations.set(element, cited);
    }
    return cited;
}

/** A calculation's unit (since format 1.6), beside its amount, so a reader prints `12 h/mån`, not `12 kr`. */
function unitOf(calculation: Calculation): { unit?: AnswerUnit } {
    return calculation.unit ? { unit: calculation.unit } : {};
}
