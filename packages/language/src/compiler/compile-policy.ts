import { analyseUnits, answerUnit, limitScale, questionDimension, unitDimension, type Dimension } from '../analysis/expression-units.js';
import type { AstNode } from 'langium';
import { ExactNumber, SCHEMA_VERSION, UNDATED_FROM, type AnswerUnit, type AttributeType as CompiledAttributeType, type Chapter, type CompiledElement, type CompiledPolicyFile, type ElementKind, type Force, type Movement } from '@regelratt/format';
import type * as Ast from '../generated/ast.js';
import { compileCriterion } from './compile-criterion.js';
import { compileDecisionTable } from './compile-decision-table.js';
import { compileExample } from './compile-example.js';
import { compileExpression, scaledConstant } from './compile-expression.js';
import {
    compileDateRange, compileFrequency, compileLegalReference, compileOptionalAmount, compilePeriod, compileQuantity,
    compileDeadline, compileRounding, compileSpan, compileValidity,
} from './compile-values.js';
import { elementId, kindOf, rateKind, referenceId, type CompiledKindOf, type ElementType } from './element-ids.js';
import { sourceSpan } from './source-span.js';

/** Langium joins a force's keywords (`ska inte` arrives as `skainte`). */
export const forces: Record<string, Force> = {
    skainte: 'shall-not', ska: 'shall', börinte: 'should-not', bör: 'should', fårinte: 'may-not', får: 'may',
};

const movements: Record<string, Movement> = {
    självständig: 'independent', lägrenivå: 'lower-level', ingen: 'none',
};

const managements: Record<string, 'own' | 'external' | 'region'> = { egen: 'own', extern: 'external', region: 'region' };


/**
 * Compiles one checked policy file to its JSON model. Pure: the same AST gives the same object,
 * fields in a fixed order, elements in source order; `file` is the path the output names as source.
 * `compileOne` compiles each top-level element (the editor passes one that reuses what it compiled
 * for an unchanged element); by default `compileElement`.
 */
export function compilePolicy(policy: Ast.Policy, file: string, compileOne: (element: Ast.Element, file: string) => CompiledElement = compileElement): CompiledPolicyFile {
    const chapters = compileChapters(policy, file);
    return {
        schemaVersion: SCHEMA_VERSION,
        source: file,
        elements: policy.elements.map(element => compileOne(element, file)),
        ...(chapters.length > 0 ? { chapters } : {}),
    };
}

/**
 * The file's chapters: each with the elements written after it up to the next one. Computed here,
 * not per element, because membership is where an element stands among its siblings (the editor's
 * reuse of an unchanged element's compiled form stays right when a chapter is added above it).
 */
function compileChapters(policy: Ast.Policy, file: string): Chapter[] {
    return policy.chapters.map((chapter, index) => {
        const start = offsetOf(chapter);
        const next = policy.chapters[index + 1];
        const end = next ? offsetOf(next) : Infinity;
        return {
            name: chapter.name,
            title: chapter.title,
            ...optional('description', chapter.description),
            elements: policy.elements.filter(element => offsetOf(element) > start && offsetOf(element) < end).map(element => elementId(element)),
            source: sourceSpan(chapter, file),
        };
    });
}

function offsetOf(node: AstNode): number {
    return node.$cstNode?.offset ?? 0;
}

/** The chapter an obligation is shown in: the last `kapitel` mark before it in its riktlinje. */
function obligationChapter(guideline: Ast.Guideline, obligation: Ast.Obligation): string | undefined {
    const at = offsetOf(obligation);
    const marks = guideline.chapterMarks.filter(mark => offsetOf(mark) < at);
    return marks.length > 0 ? marks[marks.length - 1].chapter.$refText : undefined;
}

/** The fields every compiled element begins with, its kind typed by its AST type. */
function header<T extends Exclude<ElementType, 'Rate'>>(node: Ast.Element & { $type: T }, file: string) {
    return headerOfKind(node, file, kindOf<T>(node));
}

function headerOfKind<K extends ElementKind>(node: Ast.Element, file: string, kind: K) {
    return {
        id: elementId(node),
        kind,
        name: node.name,
        ...('title' in node && node.title !== undefined ? { title: node.title } : {}),
        source: sourceSpan(node, file),
    };
}

/** The service and legal basis of an answer (a calculation, a decision table), where it gives them. */
function serviceAndBasis(element: Ast.Calculation | Ast.DecisionTable): { service?: string; legalBasis?: ReturnType<typeof compileLegalReference>[] } {
    return {
        ...optional('service', element.service && referenceId(element.service)),
        ...optional('legalBasis', element.legalBasis.length > 0 ? element.legalBasis.map(compileLegalReference) : undefined),
    };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
    return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** An element's AST node by its AST type (`Fee` → the `Fee` node), from the generated type map. */
type AstElementOf<T extends ElementType> = Ast.RegelrattAstType[T];

/** The compiled form an element of AST type `T` compiles to (`Fee` → the format's `Fee`; `Rate` → one of the three rate kinds). */
export type CompiledElementOf<T extends ElementType> = Extract<CompiledElement, { kind: CompiledKindOf<T> }>;

/**
 * The element compilers, one per AST type of the generated `Element` union, each returning its own
 * compiled type: a new element rule is a compile error here until it has an entry, and an entry
 * returning another element's form (or a kind other than its own) is one too
 * (`packages/language/test/element-compilers.test.ts`).
 */
export type ElementCompilers = { [T in ElementType]: (element: AstElementOf<T>, file: string) => CompiledElementOf<T> };

/** Each entry reads its own subtree and the names (ids) of what its references resolve to. */
export const ELEMENT_COMPILERS = {
    Law: (element, file) => ({
        // A law's title is required (the header types every title as optional); it keeps its place after `name`.
        ...header(element, file), title: element.title,
        ...optional('validity', element.validity && compileValidity(element.validity)),
        ...optional('replacedBy', element.replacedBy && referenceId(element.replacedBy)),
        ...optional('correspondences', element.correspondences.length > 0 ? element.correspondences.map(correspondence => ({
            ...(correspondence.chapter !== undefined ? { chapter: Number(correspondence.chapter) } : {}),
            section: Number(correspondence.section),
            target: compileLegalReference(correspondence.target),
        })) : undefined),
    }),
    Administration: header,
    Area: header,
    Phase: header,
    Body: header,
    EffectGoal: header,
    Service: (element, file) => ({
        ...header(element, file),
        legalBasis: element.legalBasis.map(compileLegalReference),
        ...optional('eligibility', element.eligibility && {
            inclusion: compileCriterion(element.eligibility.inclusion),
            exclusions: element.eligibility.exclusions.map(exclusion => ({
                criterion: compileCriterion(exclusion.criterion),
                exceptions: exclusion.exceptions.map(compileCriterion),
            })),
        }),
    }),
    Role: (element, file) => ({ ...header(element, file), legalBasis: element.legalBasis.map(compileLegalReference) }),
    Operation: (element, file) => ({
        ...header(element, file),
        ...optional('administration', element.administration && referenceId(element.administration)),
        services: element.services.map(referenceId),
    }),
    Unit: (element, file) => ({
        ...header(element, file),
        ...optional('operation', element.operation && referenceId(element.operation)),
        ...optional('management', element.management && managements[element.management]),
        ...optional('area', element.area && referenceId(element.area)),
    }),
    Attribute: (element, file) => ({ ...header(element, file), domain: compileAttributeType(element.type) }),
    Parameter: (element, file) => ({
        ...header(element, file),
        valueType: ({ belopp: 'money', procent: 'percent', decimaltal: 'decimal', heltal: 'integer' } as const)[element.type],
        versions: element.versions.map(version => ({
            from: version.from ?? UNDATED_FROM,
            ...(version.from === undefined ? { undated: true } : {}),
            ...optional('to', version.to),
            value: compileQuantity(version.value),
            source: sourceSpan(version, file),
        })),
        ...optional('unit', measureUnit(element)),
    }),
    Calculation: (element, file) => {
        const dimension = analyseUnits(element.value, 'sv').dimension;
        return {
            ...header(element, file), value: compileExpression(element.value), ...(element.mayBeNegative ? { mayBeNegative: true } : {}),
            ...serviceAndBasis(element),
            ...optional('unit', answerUnit(dimension)),
            ...(calculationLimits(element, dimension).length > 0 ? { limits: calculationLimits(element, dimension).map(limit => compileLimit(limit, dimension)) } : {}),
        };
    },
    DecisionTable: (element, file) => ({ ...header(element, file), ...compileDecisionTable(element, file), ...serviceAndBasis(element) }),
    Guideline: (element, file) => ({
        ...header(element, file), title: element.title,
        ...optional('registrationNumber', element.registrationNumber),
        ...optional('decidedBy', element.decidedBy && referenceId(element.decidedBy)),
        ...optional('decidedOn', element.decidedOn),
        ...optional('version', element.version),
        ...optional('validity', element.validity && compileValidity(element.validity)),
        ...optional('description', element.description),
        obligations: element.obligations.map(obligation => ({
            id: elementId(obligation),
            name: obligation.name,
            force: forces[obligation.force],
            text: obligation.text,
            governs: obligation.governs.map(referenceId),
            ...optional('frequency', obligation.frequency && compileFrequency(obligation.frequency)),
            ...optional('deadline', obligation.deadline && compileDeadline(obligation.deadline)),
            ...optional('decisionLimit', obligation.decisionLimit && compileSpan(obligation.decisionLimit)),
            ...optional('followUp', obligation.followUp && compileFrequency(obligation.followUp)),
            ...optional('validity', obligation.validity && compileValidity(obligation.validity)),
            ...(obligation.usually ? { usually: true } : {}),
            ...optional('condition', obligation.condition && compileCriterion(obligation.condition)),
            ...(obligation.exceptions.length > 0 ? {
                exceptions: obligation.exceptions.map(exception => ({
                    condition: compileCriterion(exception.condition), ...optional('text', exception.text),
                })),
            } : {}),
            ...optional('chapter', obligationChapter(element, obligation)),
            source: sourceSpan(obligation, file),
        })),
    }),
    LevelTable: (element, file) => ({
        ...header(element, file),
        ...optional('service', element.service && referenceId(element.service)),
        ...optional('area', element.area && referenceId(element.area)),
        ...optional('validity', element.validity && compileValidity(element.validity)),
        ...optional('levels', element.levels && { min: Number(element.levels.min), max: Number(element.levels.max) }),
        ...optional('per', element.per && compilePeriod(element.per)),
        ...optional('rounding', element.rounding && compileRounding(element.rounding)),
        rows: element.rows.map(row => compileLevelRow(row, file)),
    }),
    Premium: (element, file) => ({
        ...header(element, file),
        ...optional('table', element.table && referenceId(element.table)),
        ...optional('validity', element.validity && compileValidity(element.validity)),
        ...optional('rounding', element.rounding && compileRounding(element.rounding)),
        rules: element.rules.map(rule => ({
            ...optional('fromLevel', rule.fromLevel === undefined ? undefined : Number(rule.fromLevel)),
            ...optional('toLevel', rule.toLevel === undefined ? undefined : Number(rule.toLevel)),
            amount: compileOptionalAmount(rule.value),
            source: sourceSpan(rule, file),
        })),
    }),
    Rate: (element, file) => ({
        ...headerOfKind(element, file, rateKind(element)),
        ...optional('service', element.service && referenceId(element.service)),
        ...optional('role', element.role && referenceId(element.role)),
        ...optional('area', element.area && referenceId(element.area)),
        ...optional('validity', element.validity && compileValidity(element.validity)),
        ...optional('amount', element.value && compileOptionalAmount(element.value)),
        ...optional('rounding', element.rounding && compileRounding(element.rounding)),
        ...optional('selectors', element.selectors.length > 0 ? element.selectors.map(referenceId) : undefined),
        ...optional('amounts', element.amounts.length > 0 ? element.amounts.map(row => ({
            values: row.values.map(value => value.value.ref?.name ?? value.value.$refText),
            amount: compileOptionalAmount(row.value),
            source: sourceSpan(row, file),
        })) : undefined),
    }),
    Fee: (element, file) => ({
        ...header(element, file),
        ...optional('service', element.service && referenceId(element.service)),
        ...optional('validity', element.validity && compileValidity(element.validity)),
        ...optional('room', element.room && compileExpression(element.room)),
        ...optional('share', element.share && compileQuantity(element.share)),
        ...optional('ceiling', element.ceiling && compileExpression(element.ceiling)),
        ...optional('rounding', element.rounding && compileRounding(element.rounding)),
        caps: element.caps.map(row => compileLevelRow(row, file)),
        ...optional('shares', element.shares.length > 0 ? element.shares.map(row => compileLevelRow(row, file)) : undefined),
        ...optional('amounts', element.amounts.length > 0 ? element.amounts.map(row => compileLevelRow(row, file)) : undefined),
        ...optional('legalBasis', element.legalBasis.length > 0 ? element.legalBasis.map(compileLegalReference) : undefined),
    }),
    PathwayModel: (element, file) => ({
        ...header(element, file),
        services: element.services.map(referenceId),
        ...optional('description', element.description),
        pathways: element.pathways.map(pathway => ({
            id: elementId(pathway),
            name: pathway.name,
            ...optional('title', pathway.title),
            ...optional('description', pathway.description),
            ...optional('criterion', pathway.criterion && compileCriterion(pathway.criterion)),
            ...optional('movement', pathway.movement ? movements[pathway.movement] : undefined),
            ...optional('followUp', pathway.followUp && compileFrequency(pathway.followUp)),
            secondary: pathway.secondary.map(referenceId),
            source: sourceSpan(pathway, file),
        })),
    }),
    TestPhase: (element, file) => ({
        ...header(element, file),
        ...optional('registrationNumber', element.registrationNumber),
        ...optional('period', element.period && compileDateRange(element.period)),
        ...optional('extendedTo', element.extendedTo),
        ...optional('area', element.area && referenceId(element.area)),
        participants: (element.units?.participants ?? []).map(participation => ({
            unit: referenceId(participation.unit),
            outsideArea: participation.outsideArea,
            ...optional('since', participation.since),
            source: sourceSpan(participation, file),
        })),
        services: element.services.map(referenceId),
        excluded: element.excluded.map(referenceId),
    }),
    Pilot: (element, file) => ({
        ...header(element, file),
        ...optional('phase', element.phase && referenceId(element.phase)),
        ...optional('period', element.period && compileDateRange(element.period)),
        ...optional('duration', element.duration && compileSpan(element.duration)),
        services: element.services.map(referenceId),
        units: element.units.map(referenceId),
        ...optional('inclusion', element.inclusion && compileCriterion(element.inclusion)),
        exclusions: element.exclusions.map(compileCriterion),
        ...optional('description', element.description),
        goals: element.goals.map(goal => ({
            id: elementId(goal),
            name: goal.name,
            text: goal.text,
            target: compileQuantity(goal.target),
            ...optional('deadline', goal.deadline && compileDeadline(goal.deadline)),
            ...optional('outcome', goal.outcome && compileQuantity(goal.outcome)),
            source: sourceSpan(goal, file),
        })),
    }),
    Indicator: (element, file) => ({
        ...header(element, file),
        areas: element.areas.map(referenceId),
        effectGoals: element.goals.map(referenceId),
        ...optional('goal', element.goalText),
        ...optional('target', element.target && {
            ...optional('direction', element.target.direction && (element.target.direction === 'öka' ? 'increase' as const : 'decrease' as const)),
            ...optional('value', element.target.value && compileQuantity(element.target.value)),
            ...optional('text', element.target.text),
        }),
    }),
    Example: (element, file) => ({ ...header(element, file), ...compileExample(element), ...optional('unit', element.question && answerUnitOf(questionDimension(element.question))) }),
} satisfies ElementCompilers;

/** One top-level element compiled, by the entry of its AST type. */
export function compileElement(element: Ast.Element, file: string): CompiledElement {
    return compileAs(element.$type, element, file);
}

// Generic over the AST type so that the entry looked up and the element passed to it are known to
// agree (TypeScript's correlated-union pattern), without a cast.
function compileAs<T extends ElementType>(type: T, element: AstElementOf<T>, file: string): CompiledElementOf<T> {
    const compilers: ElementCompilers = ELEMENT_COMPILERS;
    return compilers[type](element, file);
}

/** A limit in the calculation's own unit, so the runtime compares without knowing of units (a limit that does not convert is limit-unit-mismatch, and kept as written). */
function compileLimit(limit: Ast.Limit, answer: Dimension) {
    const scale = limitScale(limit.amount.unit, answer) ?? ExactNumber.ONE;
    return { bound: limit.bound === 'högst' ? 'at-most' as const : 'at-least' as const, value: scaledConstant(compileQuantity(limit.amount).value, scale), text: limitText(limit) };
}

/**
 * The limits a calculation must keep: its own, then those of its insats whose unit converts to the
 * amount's (an insats's `högst 12 månader` says nothing of its hours per month). One list for the
 * compiler and the checks, so a finding's index is the compiled limit's.
 */
export function calculationLimits(calculation: Ast.Calculation, answer: Dimension): Ast.Limit[] {
    const inherited = calculation.service?.ref?.limits.filter(limit => limit.amount && limitScale(limit.amount.unit, answer) !== undefined) ?? [];
    return [...calculation.limits, ...inherited];
}

/** A limit as the policy writes it (`högst 8 timmar per månad`), one space between words. */
export function limitText(limit: Ast.Limit): string {
    return (limit.$cstNode?.text ?? '').replace(/\s+/g, ' ').trim();
}

function compileLevelRow(row: Ast.LevelRow, file: string) {
    return { level: Number(row.level), amount: compileOptionalAmount(row.value), source: sourceSpan(row, file) };
}

// Its return type declared, so a new kind of attribute type is a compile error here (a switch without it falls through to undefined).
function compileAttributeType(type: Ast.AttributeType): CompiledAttributeType {
    switch (type.$type) {
        case 'IntegerType':
            return { type: 'integer' as const, min: type.range.min, max: type.range.max, ...optional('unit', type.unit) };
        case 'DecimalType':
            return { type: 'decimal' as const, min: type.range.min, max: type.range.max, ...optional('unit', type.unit) };
        case 'BooleanType':
            return { type: 'boolean' as const };
        case 'EnumerationType':
            // A value of `en av områdena { … }` names the område it is (the load check holds it to one).
            return { type: 'enumeration' as const, values: type.values.map(value => ({ name: value.name, ...optional('title', value.title), ...(type.areas ? { area: `area/${value.name}` } : {}) })) };
        case 'DateType':
            return { type: 'date' as const };
        case 'MoneyType':
            return { type: 'money' as const, ...optional('per', type.per && compilePeriod(type.per)) };
    }
}

/**
 * What a parameter's time or count of occasions counts (`40 minuter per tillfälle`), where every
 * version says the same; kronor and shares carry their unit in each value.
 */
function measureUnit(parameter: Ast.Parameter): AnswerUnit | undefined {
    const units = parameter.versions.map(version => answerUnit(unitDimension(version.value.unit)));
    const first = units[0];
    if (!first || first.of === 'kr' || first.of === '%' || units.some(unit => JSON.stringify(unit) !== JSON.stringify(first))) {
        return undefined;
    }
    return first;
}

function answerUnitOf(dimension: Dimension | undefined) {
    return dimension && answerUnit(dimension);
}
