import {
    againstReferences, dayNumber as dayOf, ExactNumber, forEachReference, isChainedInput, LEVEL_INPUT, type CompiledElement, type CompiledPolicyFile, type Criterion, type DecisionTable, type Example,
    type Expression, type GivenValue, type PathwayModel, type Pilot,
} from '@regelratt/format';
import type { MessageLocale } from '../i18n/locale.js';
import type { AnalysedAttribute } from './attribute-domain.js';
import { attributesRead, splitCases, type Case } from './case-split.js';
import { analysedFromCompiled, levelAttribute } from './compiled-attributes.js';
import { mergeCases } from './merge-cases.js';
import { regionContains } from './regions.js';
import { describeCase, type Witness } from './witness-text.js';

/**
 * Which parts of the criteria the inline examples exercise. For every förloppsmodell, pilot and
 * decision table: the regions of the case split over its criteria (citizens for whom every
 * criterion has the same truth value, neighbours with the same truths joined), and which of them
 * some example's citizen falls in. For every level table: the levels with an amount that no example
 * asks about. An uncovered region comes with its example citizen, for a new `exempel`.
 */
export interface CoveredRegion {
    witness: Witness;
    /** The examples whose citizen falls in the region (names). */
    examples: string[];
}

export interface CriterionCoverage {
    element: { id: string; kind: 'pathwayModel' | 'pilot' | 'decisionTable'; name: string; title?: string };
    regions: CoveredRegion[];
    /** False when the case split ran out of budget: the regions listed are the ones found. */
    complete: boolean;
}

export interface LevelCoverage {
    element: { id: string; name: string; title?: string };
    levels: number[];
    asked: number[];
}

export interface ExampleCoverage {
    criteria: CriterionCoverage[];
    levels: LevelCoverage[];
    /** Regions and levels with an example, of all; 1 when there is nothing to cover. */
    covered: number;
    total: number;
}

export function exampleCoverage(files: readonly CompiledPolicyFile[], locale: MessageLocale): ExampleCoverage {
    const elements = files.flatMap(file => file.elements);
    const attributes = analysedAttributes(elements);
    const examples = elements.filter((e): e is Example => e.kind === 'example');
    // Each example once, under what it asks about (a large policy has hundreds of each).
    const asking = examplesByTarget(examples, tablesReached(elements));
    const criteria: CriterionCoverage[] = [];
    for (const element of elements) {
        if (element.kind === 'pathwayModel') {
            criteria.push(regionsCovered(element, attributes, asking.get(`placement ${element.id}`) ?? [], locale));
        } else if (element.kind === 'pilot') {
            criteria.push(regionsCovered(element, attributes, asking.get(`inclusion ${element.id}`) ?? [], locale));
        } else if (element.kind === 'decisionTable' && !element.inputs.some(isChainedInput) && !comparesWithNamedValues(element)) {
            // A chained table's regions are over its upstream's answers, which no example gives: its
            // coverage would be the upstream regions composed with its own, not yet worked out. A
            // table whose cells name a parameter or another attribute (`> maxtaxa`) has regions that
            // move with the date or the case: not yet worked out either.
            criteria.push(regionsCovered(element, attributes, asking.get(`decision ${element.id}`) ?? [], locale));
        }
    }
    const levelsAsked = new Map<string, Set<number>>();
    for (const example of examples) {
        const q = example.question;
        if (q.type === 'compensation' || q.type === 'netEffect') {
            const asked = levelsAsked.get(q.table) ?? new Set<number>();
            for (const level of q.type === 'compensation' ? [q.level] : [q.before, q.after]) {
                if (level !== null) {
                    asked.add(level);
                }
            }
            levelsAsked.set(q.table, asked);
        }
    }
    const levels: LevelCoverage[] = elements.filter(e => e.kind === 'levelTable').map(table => {
        const asked = levelsAsked.get(table.id) ?? new Set<number>();
        const withAmounts = table.rows.filter(row => !('open' in row.amount)).map(row => row.level).sort((a, b) => a - b);
        return { element: { id: table.id, name: table.name, ...(table.title ? { title: table.title } : {}) }, levels: withAmounts, asked: withAmounts.filter(l => asked.has(l)) };
    });
    const total = criteria.reduce((n, c) => n + c.regions.length, 0) + levels.reduce((n, l) => n + l.levels.length, 0);
    const covered = criteria.reduce((n, c) => n + c.regions.filter(r => r.examples.length > 0).length, 0) + levels.reduce((n, l) => n + l.asked.length, 0);
    return { criteria, levels, covered, total };
}

/**
 * The examples with a citizen, by what they ask about: `placement <model>`, `inclusion <pilot>`,
 * `decision <table>`; an example of a calculation or a fee also asks each decision table its
 * formulas reach (with the case's level where the table reads it at that level).
 */
function examplesByTarget(examples: readonly Example[], reached: ReadonlyMap<string, readonly TableRead[]>): Map<string, Array<{ name: string; values: Map<string, ExactNumber | string | boolean> }>> {
    const byTarget = new Map<string, Array<{ name: string; values: Map<string, ExactNumber | string | boolean> }>>();
    const add = (key: string, name: string, values: Map<string, ExactNumber | string | boolean>) => {
        const list = byTarget.get(key) ?? [];
        list.push({ name, values });
        byTarget.set(key, list);
    };
    for (const example of examples) {
        const q = example.question;
        if (!('citizen' in q)) {
            continue;
        }
        const given = new Map(q.citizen.map((value: GivenValue) => [value.attribute, literalValue(value)]));
        const withLevel = (level: number | undefined) => (level === undefined ? given : new Map([...given, [LEVEL_INPUT, ExactNumber.of(BigInt(level))]]));
        switch (q.type) {
            case 'placement': add(`placement ${q.model}`, example.name, given); break;
            case 'inclusion': add(`inclusion ${q.pilot}`, example.name, given); break;
            case 'decision': add(`decision ${q.table}`, example.name, withLevel(q.level)); break;
            case 'calculation':
            case 'fee': {
                const from = q.type === 'calculation' ? q.calculation : q.fee;
                for (const read of reached.get(from) ?? []) {
                    // A table read at another level than the case's does not say which level the example reached.
                    add(`decision ${read.table}`, example.name, read.atCaseLevel ? withLevel(q.level) : given);
                }
                break;
            }
        }
    }
    return byTarget;
}

interface TableRead {
    table: string;
    /** Read at the case's own level (not `vid nivå …`). */
    atCaseLevel: boolean;
}

/** For each calculation and fee, the decision tables its formulas read, through the calculations they read. */
function tablesReached(elements: readonly CompiledElement[]): Map<string, TableRead[]> {
    const byId = new Map(elements.map(e => [e.id, e]));
    const reached = new Map<string, TableRead[]>();
    const walk = (expression: Expression | undefined, found: Map<string, TableRead>, visiting: Set<string>): void => {
        if (!expression) {
            return;
        }
        forEachReference(expression, reference => {
            const element = byId.get(reference.ref);
            if (element?.kind === 'decisionTable') {
                const atCaseLevel = !reference.atLevel;
                found.set(`${reference.ref}|${atCaseLevel}`, { table: reference.ref, atCaseLevel });
            } else if (element?.kind === 'calculation' && !visiting.has(element.id)) {
                visiting.add(element.id);
                walk(element.value, found, visiting);
            }
        });
    };
    for (const element of elements) {
        if (element.kind === 'calculation' || element.kind === 'fee') {
            const found = new Map<string, TableRead>();
            const visiting = new Set([element.id]);
            if (element.kind === 'calculation') {
                walk(element.value, found, visiting);
            } else {
                walk(element.room, found, visiting);
                walk(element.ceiling, found, visiting);
            }
            reached.set(element.id, [...found.values()]);
        }
    }
    return reached;
}

function literalValue(given: GivenValue): ExactNumber | string | boolean {
    const value = given.value;
    if ('number' in value) {
        return ExactNumber.parse(value.number);
    }
    if ('date' in value) {
        return ExactNumber.of(BigInt(dayOf(value.date)));
    }
    if ('boolean' in value) {
        return value.boolean;
    }
    return value.enumeration;
}

/** The criteria whose truths split the citizens: a model's pathways, a pilot's inclusion and exclusions, a table's rows. */
function criteriaOf(element: PathwayModel | Pilot | DecisionTable): Array<Criterion | boolean> {
    switch (element.kind) {
        case 'pathwayModel': return element.pathways.map(p => p.criterion ?? false);
        case 'pilot': return [element.inclusion ?? true, ...element.exclusions];
        case 'decisionTable': return element.rows.map(row => {
            const cells = row.when.filter((c): c is Criterion => c !== null);
            return cells.length === 0 ? true : cells.length === 1 ? cells[0] : { all: cells };
        });
    }
}

interface Regions {
    attributes: ReadonlyMap<string, AnalysedAttribute>;
    locale: MessageLocale;
    complete: boolean;
    regions: Array<{ found: Case; witness: Witness }>;
}

/**
 * Each element's regions, kept while the element and the attributes are the same objects: the editor
 * reuses the compiled form of an unchanged element (validation/compiled-workspace.ts), so a keystroke
 * in a large file splits only the criteria that changed. The case split and its description are the
 * cost; which examples fall in each region is worked out anew every time.
 */
const regionsOf = new WeakMap<object, Regions>();

function regions(element: PathwayModel | Pilot | DecisionTable, attributes: ReadonlyMap<string, AnalysedAttribute>, locale: MessageLocale): Regions {
    const known = regionsOf.get(element);
    if (known && known.attributes === attributes && known.locale === locale) {
        return known;
    }
    const read = element.kind === 'decisionTable' && element.inputs.some(input => 'level' in input)
        ? new Map([...attributes, [LEVEL_INPUT, levelAttribute(element.levels?.max, element.levels?.min)]]) : attributes;
    const criteria = criteriaOf(element).filter((c): c is Criterion => typeof c !== 'boolean');
    const split = splitCases(criteria, read);
    // Neighbouring cases on which every criterion has the same truth are one region for a reader.
    const merged = mergeCases(split.cases.map(found => ({ case: found })), ({ case: found }) => found.verdicts.join(''), read);
    const result: Regions = {
        attributes, locale, complete: split.complete,
        // A region names only what matters; its example gives every attribute read, for a runnable `exempel`.
        regions: merged.map(({ case: found }) => ({ found, witness: describeCase(found, read, locale, attributesRead(criteria)) })),
    };
    regionsOf.set(element, result);
    return result;
}

function regionsCovered(
    element: PathwayModel | Pilot | DecisionTable,
    attributes: ReadonlyMap<string, AnalysedAttribute>,
    asking: ReadonlyArray<{ name: string; values: Map<string, ExactNumber | string | boolean> }>,
    locale: MessageLocale,
): CriterionCoverage {
    const { complete, regions: split } = regions(element, attributes, locale);
    return {
        element: { id: element.id, kind: element.kind, name: element.name, ...(element.title ? { title: element.title } : {}) },
        complete,
        regions: split.map(({ found, witness }) => ({
            witness,
            examples: asking.filter(example => contains(found, example.values)).map(example => example.name),
        })),
    };
}

let lastAttributeElements: readonly CompiledElement[] = [];
let lastAttributes: ReadonlyMap<string, AnalysedAttribute> = new Map();

/**
 * The attributes as the analyses read them; the same map as last time while every attribute element
 * is the same object as then (the editor's compiled forms of unchanged elements), so the regions
 * kept for an element stay valid.
 */
function analysedAttributes(elements: readonly CompiledElement[]): ReadonlyMap<string, AnalysedAttribute> {
    const now = elements.filter(e => e.kind === 'attribute');
    if (now.length !== lastAttributeElements.length || now.some((element, index) => element !== lastAttributeElements[index])) {
        lastAttributes = new Map(now.map(e => [e.id, analysedFromCompiled(e as Extract<CompiledElement, { kind: 'attribute' }>)]));
        lastAttributeElements = now;
    }
    return lastAttributes;
}

/** Whether a citizen's given values fall in the case: each attribute the case fixes is given and inside its region. */
function contains(found: Case, values: ReadonlyMap<string, ExactNumber | string | boolean>): boolean {
    for (const [attribute, region] of found.assignment) {
        const value = values.get(attribute);
        if (value === undefined || !regionContains(region, value)) {
            return false;
        }
    }
    return true;
}

function comparesWithNamedValues(table: DecisionTable): boolean {
    return table.rows.some(row => row.when.some(cell => cell !== null && againstReferences(cell).length > 0));
}
