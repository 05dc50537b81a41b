/**
 * The compiled form of a Regelrätt policy file: what consuming systems and the runtime read.
 * It is plain JSON; `schema/compiled-policy.schema.json` is the normative description and
 * these types mirror it. Bump SCHEMA_VERSION on every change a reader could notice.
 */

/** Major.minor.patch of the compiled format. A reader accepts files with the same major version. */
export const SCHEMA_VERSION = '1.13.0';

/**
 * An exact decimal as text: optional minus, digits, optionally a point and digits, no trailing
 * zeros after the point, no leading zeros, no "-0". Money is never a binary float.
 */
export type Decimal = string;

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** `<kind>/<name>`, stable as long as the element keeps its kind and name. */
export type ElementId = string;

export interface SourceSpan {
    /** Path of the source file relative to the compile root, with `/` separators. */
    file: string;
    /** 1-based. */
    line: number;
    /** 1-based, in UTF-16 code units as editors count them. */
    column: number;
    endLine: number;
    endColumn: number;
}

export type Period = 'month' | 'hour' | 'day' | 'week' | 'year';
export type TimeUnit = 'day' | 'week' | 'month' | 'year' | 'hour';

/**
 * A number with what it counts. `unit: "kr"` is money, `"%"` a percentage, `"none"` a plain number.
 * `per`: the period, or since 1.11 the occasion (`245 kr per insats`), an amount is per.
 */
export interface Quantity {
    value: Decimal;
    unit: 'kr' | '%' | 'none';
    per?: AmountPer;
}

/** Since 1.11: what an amount can be per: a period, or an occasion (`kr per insats`, `kr/besök`, `kr/portion`). */
export type AmountPer = Period | AnswerOccasion;

/** An amount the policy deliberately leaves open (the source does not give it). */
export interface OpenAmount {
    open: true;
}

export type OptionalAmount = Quantity | OpenAmount;

export interface Validity {
    from: IsoDate;
    to?: IsoDate;
}

/** A period that may be open-ended (a pilot still running). */
export interface DateRange {
    from: IsoDate;
    to?: IsoDate;
}

/**
 * Since 1.6 also a time: `minute` and `hour` round to a whole number of the value's unit (the compiler
 * has expressed the value in minutes or hours first), `quarter-hour` to a quarter of an hour.
 */
export interface Rounding {
    unit: 'krona' | 'öre' | 'minute' | 'quarter-hour' | 'hour';
    mode: 'half-away-from-zero' | 'half-up' | 'half-even' | 'down' | 'up';
}

/** The steps of each rounding unit: the value is rounded to a multiple of 1/scale of its own unit. */
export const ROUNDING_SCALE = { krona: 1n, 'öre': 100n, minute: 1n, 'quarter-hour': 4n, hour: 1n } as const satisfies Record<Rounding['unit'], bigint>;

/** A unit of time an answer can count or be per; a month is 52/12 weeks unless the policy says otherwise. */
export type AnswerTime = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** An occasion an answer can be counted in or be per: a tillfälle, a besök, an insats, a portion. */
export type AnswerOccasion = 'occasion' | 'visit' | 'service' | 'portion';

/**
 * Since 1.6: what an answer counts, so a consumer prints `12 h/mån` or `450 kr/besök`, not `12 kr`.
 * `of`: `kr`, `%`, a time or an occasion; `per`: the period or occasion it is per.
 */
export interface AnswerUnit {
    of: 'kr' | '%' | AnswerTime | AnswerOccasion;
    per?: AnswerTime | AnswerOccasion;
}

export interface Frequency {
    /** Once every `every` units: "var 3:e månad" is `{ every: 3, unit: "month" }`. */
    every: number;
    unit: TimeUnit;
}

export interface Span {
    amount: number;
    unit: TimeUnit;
}

/** Since 1.7: the events a duty's deadline runs from (`ansökan`, `beslut`, `verkställighet`, `uppföljning`). */
export type DutyEvent = 'application' | 'decision' | 'implementation' | 'follow-up';

/**
 * A deadline: at most `amount` units after its event (`inom 4 veckor från ansökan`, `senast 3 månader
 * efter beslut`), or, with `earliest`, not before (`tidigast 3 veckor efter beslut`). Without an event
 * it runs from when the duty arises (`inom 8 veckor`), as before 1.7.
 */
export interface Deadline {
    amount: number;
    unit: TimeUnit;
    /** Since 1.7. */
    event?: DutyEvent;
    /** Since 1.7: a lower bound (`tidigast`) instead of an upper one. */
    earliest?: true;
}

export interface LegalReference {
    law: ElementId;
    chapter?: number;
    section: number;
    point?: number;
    /** As a reader writes it, e.g. `SoL 4 kap 1 §`. */
    text: string;
}

// ------------------------------------------------------------------ criteria and expressions

export type Literal =
    | { number: Decimal; unit?: string }
    | { date: IsoDate }
    | { boolean: boolean }
    /** An enumeration value's name; since 1.12 also a text or a förlopp's id, on a chained column of texts or förlopp. */
    | { enumeration: string };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Criterion =
    | { all: Criterion[] }
    | { any: Criterion[] }
    | { not: Criterion }
    /** A yes/no attribute that must be "ja". */
    | { attribute: ElementId; test: true }
    | { attribute: ElementId; op: ComparisonOperator; value: Literal }
    | { attribute: ElementId; in: Literal[] }
    | { attribute: ElementId; between: { min: Decimal; max: Decimal } }
    /**
     * Since 1.11: a decision table's cell compared with a named value instead of a constant (DMN's
     * `< Max price`): `ref` is a parameter (its value on the decision date, by the one version lookup)
     * or another attribute of the case. Numbers only; a parameter only in a decision table's row.
     */
    | { attribute: ElementId; against: { op: ComparisonOperator; ref: ElementId } };

/**
 * A formula (since 1.2: levels, conditionals and rounding steps). `ref` names an attribute (the
 * citizen's value), a parameter (its value on the date), a calculation (its value), a level table or
 * a rate (its amount at the case's level, on the date); `level` is the case's level.
 */
export type Expression =
    | { quantity: Quantity }
    /**
     * `column`: the output column of a decision table (absent: its only column). `atLevel`: the level
     * a level table, rate or decision table is read at, instead of the case's own.
     */
    | { ref: ElementId; column?: string; atLevel?: Expression }
    | { level: true }
    | { op: '+' | '-' | '*' | '/'; left: Expression; right: Expression }
    | { call: 'min' | 'max'; args: Expression[] }
    | { round: Expression; rounding: Rounding }
    | { if: Criterion; then: Expression; else: Expression };

// ------------------------------------------------------------------ elements

interface ElementBase<K extends string> {
    id: ElementId;
    kind: K;
    name: string;
    title?: string;
    source: SourceSpan;
}

export interface Law extends ElementBase<'law'> {
    title: string;
    /** Since 1.10: the dates the law is in force, where the policy gives them (`giltig`). */
    validity?: Validity;
    /** Since 1.10: the law that replaced it (`ersatt av`). */
    replacedBy?: ElementId;
    /**
     * Since 1.10: its paragraphs that the law replacing it carries on under another number
     * (`paragraf 8 kap 5 § motsvaras av SoL2025 32 kap 6 §`), so an answer given after the change
     * cites the paragraph in force.
     */
    correspondences?: LawCorrespondence[];
}

/** Since 1.10: a paragraph of a law and the paragraph of a later law that carries it on. */
export interface LawCorrespondence {
    chapter?: number;
    section: number;
    target: LegalReference;
}

export interface Service extends ElementBase<'service'> {
    legalBasis: LegalReference[];
    /** Since 1.8: who may be granted the insats (`beviljas när`). */
    eligibility?: Eligibility;
}

/**
 * Since 1.8: granted when `inclusion` holds and no exclusion applies; an exclusion applies when its
 * criterion holds and none of its exceptions does.
 */
export interface Eligibility {
    inclusion: Criterion;
    exclusions: EligibilityExclusion[];
}

export interface EligibilityExclusion {
    criterion: Criterion;
    exceptions: Criterion[];
}

export type Administration = ElementBase<'administration'>;

export interface Operation extends ElementBase<'operation'> {
    administration?: ElementId;
    services: ElementId[];
}

export interface Unit extends ElementBase<'unit'> {
    operation?: ElementId;
    management?: 'own' | 'external' | 'region';
    area?: ElementId;
}

export type Area = ElementBase<'area'>;

export interface Role extends ElementBase<'role'> {
    legalBasis: LegalReference[];
}

export type Phase = ElementBase<'phase'>;
export type Body = ElementBase<'body'>;

export type AttributeType =
    | { type: 'integer'; min: Decimal; max: Decimal; unit?: string }
    | { type: 'decimal'; min: Decimal; max: Decimal; unit?: string }
    | { type: 'boolean' }
    /**
     * Since 1.12: a value with `area` is a declared område (`en av områdena { tätort, landsbygd }`):
     * the load check refuses one that names no area element.
     */
    | { type: 'enumeration'; values: Array<{ name: string; title?: string; area?: ElementId }> }
    | { type: 'date' }
    | { type: 'money'; per?: Period };

export interface Attribute extends ElementBase<'attribute'> {
    domain: AttributeType;
}

export interface ParameterVersion {
    from: IsoDate;
    /** Since 1.9: the source gives no start date; `from` is then UNDATED_FROM (0001-01-01), in force since always. */
    undated?: true;
    to?: IsoDate;
    value: Quantity;
    source: SourceSpan;
}

export interface Parameter extends ElementBase<'parameter'> {
    valueType: 'money' | 'percent' | 'decimal' | 'integer';
    versions: ParameterVersion[];
    /**
     * Since 1.9: what a time or a count of occasions counts (`40 minuter per tillfälle`: minutes per
     * occasion), for printing it; the versions' values are in this unit. Absent for kronor and shares,
     * whose unit is in each value, and for a plain number.
     */
    unit?: AnswerUnit;
}

/** A named calculation (since 1.2): an amount, share or count written once and used anywhere. */
export interface Calculation extends ElementBase<'calculation'> {
    value: Expression;
    /** Since 1.6: what the answer counts, where the policy says (absent: a plain number, or not known). */
    unit?: AnswerUnit;
    /** Since 1.5: `kan vara negativ`, an amount that may go below zero by design (a net effect, a difference). */
    mayBeNegative?: true;
    /** Since 1.6: the service the amount is for (`insats`). */
    service?: ElementId;
    /** Since 1.6: the law the amount applies (`enligt`), for answers to cite. */
    legalBasis?: LegalReference[];
    /** Since 1.8: limits the answer must keep (`högst 8 timmar per månad`); the runtime refuses one outside. */
    limits?: CalculationLimit[];
}

/**
 * Since 1.8: `högst`/`minst` of a calculation. `value` is the limit expressed exactly in the
 * calculation's own unit (`unit`): the number as written times the conversion factor, as a formula of
 * constants (a month's hours in minutes per week is no finite decimal).
 */
export interface CalculationLimit {
    bound: 'at-most' | 'at-least';
    value: Expression;
    /** As the policy writes it (`högst 8 timmar per månad`), for messages. */
    text: string;
}

/** The attribute id under which a decision table's criteria read the case's level. */
export const LEVEL_INPUT = 'level/nivå';

/**
 * One input column of a decision table: an attribute, or the case's level; since 1.10 another
 * table's output column (`{ decision, column }`) or a named calculation (`{ calculation }`), so
 * decisions chain (DMN's decision requirements graph). The rows' criteria on such a column name the
 * attribute `chainedInputKey(input)`.
 */
export type DecisionInput = { attribute: ElementId } | { level: true } | ChainedDecisionInput;

/** Since 1.10: an input column whose value another decision or a calculation gives. */
export type ChainedDecisionInput = { decision: ElementId; column: string } | { calculation: ElementId };

/**
 * The attribute id under which a decision table's criteria read a chained input: the upstream
 * table's id and column (`decisionTable/nivåbedömning:nivå`) or the calculation's id. Ids of other
 * kinds never name an attribute, so the key cannot be taken for one the citizen gives.
 */
export function chainedInputKey(input: ChainedDecisionInput): string {
    return 'decision' in input ? `${input.decision}:${input.column}` : input.calculation;
}

/** Whether an input column reads another decision or a calculation (since 1.10). */
export function isChainedInput(input: DecisionInput): input is ChainedDecisionInput {
    return 'decision' in input || 'calculation' in input;
}

/** One rule of a decision table: a condition per input column (absent: any value), a result per output column. */
/** Since 1.3: a decision table's output may name a förlopp (a table that places citizens, as a förloppsmodell does). */
export interface PathwayResult {
    pathway: ElementId;
}

/** Since 1.9: a text output (`"Beviljas"`), DMN's string output. */
export interface TextResult {
    text: string;
}

/** Since 1.9: a ja/nej output, DMN's boolean output. */
export interface YesNoResult {
    yesNo: boolean;
}

/** Since 1.10: an output computed from the case (`= inkomst × 30 %`), DMN's output entry as an expression. */
export interface FormulaResult {
    formula: Expression;
}

/** Since 1.13: a date output (`2025-01-01`), DMN's date output. */
export interface DateResult {
    date: IsoDate;
}

export type DecisionResult = OptionalAmount | PathwayResult | TextResult | YesNoResult | FormulaResult | DateResult;

export interface DecisionRow {
    /**
     * `when[i]` tests input column i; a criterion on the level names the attribute `LEVEL_INPUT` (`level/nivå`).
     * Since 1.10 a cell may be `{ any: [...] }`, DMN's disjunction of unary tests (`< 18 eller >= 60`).
     */
    when: Array<Criterion | null>;
    then: DecisionResult[];
    source: SourceSpan;
}

/**
 * How a decision table answers when several rows match, by DMN's names. Since 1.10, `priority`: the
 * matching row whose outputs come first in the output columns' value lists (`outputValues`).
 * Since 1.11, the list policies, whose answer is every matching row's outputs (an empty list where
 * none matches): `ruleOrder` (DMN's RULE ORDER, in row order), `outputOrder` (OUTPUT ORDER, by the
 * output value lists' priority as under `priority`, ties in row order) and `collectList` (DMN's COLLECT
 * without an aggregation; DMN leaves the order open, we keep row order).
 * A reader (the DMN export among them) maps each one: a new policy is a compile error there until it does.
 */
export const DECISION_HIT_POLICIES = ['unique', 'first', 'any', 'collect', 'priority', 'ruleOrder', 'outputOrder', 'collectList'] as const;
/** The hit policies whose answer is a list of output records, not one (since 1.11). */
export const LIST_HIT_POLICIES = ['ruleOrder', 'outputOrder', 'collectList'] as const satisfies readonly DecisionHitPolicy[];
/** Whether a table's answer is a list of every matching row's outputs (`LIST_HIT_POLICIES`). */
export function listHitPolicy(hitPolicy: DecisionHitPolicy): hitPolicy is typeof LIST_HIT_POLICIES[number] {
    return (LIST_HIT_POLICIES as readonly DecisionHitPolicy[]).includes(hitPolicy);
}
export type DecisionHitPolicy = typeof DECISION_HIT_POLICIES[number];

/** A decision table (since 1.2): rows of conditions on the inputs giving values for the outputs. */
export interface DecisionTable extends ElementBase<'decisionTable'> {
    validity?: Validity;
    /**
     * `unique`: exactly one row matches every case; `first`: the first row that matches; since 1.4,
     * `any`: rows may overlap where their outputs are the same, and `collect`: every matching row,
     * its outputs aggregated by `aggregation`.
     */
    hitPolicy: DecisionHitPolicy;
    /**
     * For `collect` (since 1.4): `sum` of each column over the matching rows (0 when none), `min` or
     * `max` of them (no matching row is `no-matching-row`), or `count` of the matching rows in every column.
     */
    aggregation?: 'sum' | 'min' | 'max' | 'count';
    /** The levels a level input ranges over, where the table declares them. */
    levels?: { min: number; max: number };
    inputs: DecisionInput[];
    outputs: string[];
    /**
     * Since 1.10: DMN's output values, by output column: the values a column may give, in priority
     * order (highest first), or null where the column lists none; absent where no column does. Under
     * `priority` the matching row whose outputs rank highest decides (`outputRank` in the runtime).
     */
    outputValues?: Array<DecisionResult[] | null>;
    rows: DecisionRow[];
    /**
     * Since 1.9: DMN's default output (`annars`): the outputs, one per column, where no row matches,
     * under every hit policy (for `collect`, instead of an aggregate over no rows). Absent: no row is
     * `no-matching-row`, but a sum or count over no rows is 0.
     */
    defaultOutputs?: DecisionResult[];
    /** Since 1.6: the service the table decides for (`insats`). */
    service?: ElementId;
    /** Since 1.6: the law the table applies (`enligt`), for answers to cite. */
    legalBasis?: LegalReference[];
}

export type Force = 'shall' | 'shall-not' | 'should' | 'should-not' | 'may' | 'may-not';

export interface Obligation {
    id: ElementId;
    name: string;
    force: Force;
    text: string;
    governs: ElementId[];
    frequency?: Frequency;
    deadline?: Deadline;
    /** Since 1.7: decisions the obligation is about last at most this long (`beslut gäller högst 12 månader`). */
    decisionLimit?: Span;
    /** Since 1.7: how often the decision is followed up (`uppföljning var 6:e månad`). */
    followUp?: Frequency;
    validity?: Validity;
    /** Since 1.7: a main rule (`ska i regel`), which its exceptions leave aside for the citizens they name. */
    usually?: true;
    /** Since 1.7: the citizens the obligation applies to (`när …`); absent: everyone. */
    condition?: Criterion;
    /** Since 1.7: the citizens it does not apply to after all (`undantag när …`), in the order written. */
    exceptions?: ObligationException[];
    /** Since 1.9: the name of the policy's chapter the obligation is shown in (`kapitel ansökan` before it in the riktlinje). */
    chapter?: string;
    source: SourceSpan;
}

/** Since 1.7: an exception to an obligation (`undantag när … "text"`). */
export interface ObligationException {
    condition: Criterion;
    text?: string;
}

export interface Guideline extends ElementBase<'guideline'> {
    title: string;
    registrationNumber?: string;
    decidedBy?: ElementId;
    decidedOn?: IsoDate;
    version?: string;
    validity?: Validity;
    description?: string;
    obligations: Obligation[];
}

export interface LevelRow {
    level: number;
    amount: OptionalAmount;
    source: SourceSpan;
}

export interface LevelTable extends ElementBase<'levelTable'> {
    service?: ElementId;
    area?: ElementId;
    validity?: Validity;
    levels?: { min: number; max: number };
    per?: Period;
    rounding?: Rounding;
    rows: LevelRow[];
}

export interface PremiumRule {
    fromLevel?: number;
    toLevel?: number;
    amount: OptionalAmount;
    source: SourceSpan;
}

export interface Premium extends ElementBase<'premium'> {
    table?: ElementId;
    validity?: Validity;
    rounding?: Rounding;
    rules: PremiumRule[];
}

/**
 * Since 1.10: one amount of a rate selected by the case: `values` are the case's values of the rate's
 * `selectors` (enumeration value names), in the selectors' order.
 */
export interface RateAmount {
    values: string[];
    amount: OptionalAmount;
    source: SourceSpan;
}

interface RateBase<K extends string> extends ElementBase<K> {
    service?: ElementId;
    role?: ElementId;
    area?: ElementId;
    validity?: Validity;
    amount?: OptionalAmount;
    rounding?: Rounding;
    /**
     * Since 1.10: the case's enumerated attributes that select the amount (`efter regi, tid`); with
     * them, `amounts` replaces `amount`, and a case whose values have no row gets no amount (an error).
     */
    selectors?: ElementId[];
    amounts?: RateAmount[];
}

export type FlatRate = RateBase<'flatRate'>;
export type PlaceRate = RateBase<'placeRate'>;
export type HourlyRate = RateBase<'hourlyRate'>;

export interface Fee extends ElementBase<'fee'> {
    service?: ElementId;
    validity?: Validity;
    /** The avgiftsutrymme: what remains of income after the reserved amount. */
    room?: Expression;
    /** The share of the avgiftsutrymme charged, a percentage. */
    share?: Quantity;
    /** The monthly ceiling (maxtaxa). */
    ceiling?: Expression;
    rounding?: Rounding;
    caps: LevelRow[];
    /** A share of the avgiftsutrymme per level, in per cent (`andel { nivå 1 : 70 % … }`): the level's row takes the place of `share`. */
    shares?: LevelRow[];
    /** A flat amount per level (`belopp { nivå 1 : 450 kr … }`): what the level charges, at most the share of the avgiftsutrymme, the takbelopp and the maxtaxa. */
    amounts?: LevelRow[];
    /** Since 1.6: the law the fee applies (`enligt`), for answers to cite. */
    legalBasis?: LegalReference[];
}

export type Movement = 'independent' | 'lower-level' | 'none';

export interface Pathway {
    id: ElementId;
    name: string;
    title?: string;
    description?: string;
    criterion?: Criterion;
    movement?: Movement;
    followUp?: Frequency;
    secondary: ElementId[];
    source: SourceSpan;
}

export interface PathwayModel extends ElementBase<'pathwayModel'> {
    services: ElementId[];
    description?: string;
    pathways: Pathway[];
}

export interface Participation {
    unit: ElementId;
    outsideArea: boolean;
    since?: IsoDate;
    source: SourceSpan;
}

export interface TestPhase extends ElementBase<'testPhase'> {
    registrationNumber?: string;
    period?: DateRange;
    extendedTo?: IsoDate;
    area?: ElementId;
    participants: Participation[];
    services: ElementId[];
    excluded: ElementId[];
}

export interface PilotGoal {
    id: ElementId;
    name: string;
    text: string;
    target: Quantity;
    /** A `Deadline` since 1.7 (an event may be named). */
    deadline?: Deadline;
    outcome?: Quantity;
    source: SourceSpan;
}

export interface Pilot extends ElementBase<'pilot'> {
    phase?: ElementId;
    period?: DateRange;
    duration?: Span;
    services: ElementId[];
    units: ElementId[];
    inclusion?: Criterion;
    exclusions: Criterion[];
    description?: string;
    goals: PilotGoal[];
}

export type EffectGoal = ElementBase<'effectGoal'>;

export interface Indicator extends ElementBase<'indicator'> {
    areas: ElementId[];
    effectGoals: ElementId[];
    goal?: string;
    target?: { direction?: 'increase' | 'decrease'; value?: Quantity; text?: string };
}

/** The value an example gives one attribute of its citizen. */
export interface GivenValue {
    attribute: ElementId;
    value: Literal;
}

/** What an inline example asks the policy (since schema 1.1). `null` levels mean "no support". */
export type ExampleQuestion =
    | { type: 'placement'; model: ElementId; citizen: GivenValue[] }
    | { type: 'inclusion'; pilot: ElementId; citizen: GivenValue[] }
    | { type: 'compensation'; table: ElementId; level: number }
    /** Since 1.6 without `level` for a fee that gives nothing per level. */
    | { type: 'fee'; fee: ElementId; level?: number; citizen: GivenValue[] }
    | { type: 'netEffect'; table: ElementId; before: number | null; after: number | null; hours: Decimal; rate: ElementId; months: number }
    /** Since 1.2: a calculation's value, for a level and a citizen where it reads them. */
    | { type: 'calculation'; calculation: ElementId; level?: number; citizen: GivenValue[] }
    /** Since 1.2: an output of a decision table for the row that matches. */
    | { type: 'decision'; table: ElementId; column?: string; level?: number; citizen: GivenValue[] }
    /** Since 1.7: whether an insats may be granted to the citizen. */
    | { type: 'eligibility'; service: ElementId; citizen: GivenValue[] };

/** What the example expects; only the fields its question answers. */
export interface ExampleExpectation {
    /** A pathway id, or null for "no pathway". */
    pathway?: ElementId | null;
    secondary?: ElementId;
    included?: boolean;
    /** Since 1.7: an eligibility question's answer (`förväntat beviljas`, `förväntat beviljas inte`). */
    granted?: boolean;
    amount?: Decimal;
    monthly?: Decimal;
    total?: Decimal;
    /** Since 1.2: the question must fail with this runtime error code. */
    error?: string;
    /** Since 1.9: a decision column's text (`förväntat "Beviljas"`). */
    text?: string;
    /** Since 1.9: a decision column's ja/nej (`förväntat ja`). */
    yesNo?: boolean;
    /**
     * Since 1.12: the list a table under a list policy answers (`förväntat [ "trygghetslarm", "dagverksamhet" ]`,
     * `förväntat [ ]` where no row matches), compared item by item in the policy's order.
     */
    list?: ExampleListItem[];
    /** Since 1.13: a decision column's date (`förväntat 2025-01-01`). */
    date?: IsoDate;
}

/** Since 1.12: one value of an expected list, in the terms of a one-value expectation: exactly one field. */
export interface ExampleListItem {
    pathway?: ElementId;
    amount?: Decimal;
    text?: string;
    yesNo?: boolean;
    /** Since 1.13: a date. */
    date?: IsoDate;
}

export interface Example extends ElementBase<'example'> {
    date?: IsoDate;
    question: ExampleQuestion;
    expected: ExampleExpectation;
    /** Since 1.6: what the answer counts (a calculation's or a decision column's unit), for printing it. */
    unit?: AnswerUnit;
}

export type CompiledElement =
    | Law | Service | Administration | Operation | Unit | Area | Role | Phase | Body
    | Attribute | Parameter | Calculation | DecisionTable | Guideline | LevelTable | Premium | FlatRate | PlaceRate | HourlyRate | Fee
    | PathwayModel | TestPhase | Pilot | EffectGoal | Indicator | Example;

export type ElementKind = CompiledElement['kind'];

export interface CompiledPolicyFile {
    schemaVersion: string;
    /** Path of the source file relative to the compile root, with `/` separators. */
    source: string;
    elements: CompiledElement[];
    /** Since 1.9: the file's chapters (`kapitel`), in the order written; absent when it has none. */
    chapters?: Chapter[];
}

/**
 * Since 1.9: a chapter of the policy's own choosing: its title, and the ids of the file's elements
 * written after it up to the next chapter, in order. Obligations join a chapter by naming it
 * (`Obligation.chapter`). The document shows the chapters in the order of the files and, within a
 * file, in the order written; a reader that ignores them loses only that order.
 */
export interface Chapter {
    name: string;
    title: string;
    description?: string;
    elements: ElementId[];
    source: SourceSpan;
}
