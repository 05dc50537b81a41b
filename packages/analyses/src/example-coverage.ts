import {
    againstReferences, chainedInputKey, dayNumber as dayOf, ExactNumber, forEachReference, isChainedInput, LEVEL_INPUT, type ChainedDecisionInput, type CompiledElement, type CompiledPolicyFile,
    type Criterion, type DecisionTable, type Example, type Expression, type GivenValue, type PathwayModel, type Pilot,
} from '@regelratt/format';
import { exampleCitizen, outputRank, PolicyRuntime } from '@regelratt/runtime';
import type { MessageLocale } from './i18n/locale.js';
import type { AnalysedAttribute } from './attribute-domain.js';
import { attributesRead, splitCases, type Case } from './case-split.js';
import { analysedFromCompiled, levelAttribute } from './compiled-attributes.js';
import { mergeCases } from './merge-cases.js';
import { regionContains, type Region } from './regions.js';
import { chainedCellsDomain, chainedValue, constantCells, decidingRow, throughReach, type UpstreamReach } from './chained-inputs.js';
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
    const byId = new Map(elements.map(e => [e.id, e]));
    const asking = examplesByTarget(examples, tablesReached(elements), byId);
    const chain: Chain = { byId, attributes, files };
    const criteria: CriterionCoverage[] = [];
    for (const element of elements) {
        if (element.kind === 'pathwayModel') {
            criteria.push(regionsCovered(element, attributes, asking.get(`placement ${element.id}`) ?? [], locale));
        } else if (element.kind === 'pilot') {
            criteria.push(regionsCovered(element, attributes, asking.get(`inclusion ${element.id}`) ?? [], locale));
        } else if (element.kind === 'decisionTable' && !comparesWithNamedValues(element)) {
            // A table whose cells name a parameter or another attribute (`> maxtaxa`) has regions that
            // move with the date or the case: not worked out yet.
            criteria.push(regionsCovered(element, attributes, asking.get(`decision ${element.id}`) ?? [], locale, chain));
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
function examplesByTarget(examples: readonly Example[], reached: ReadonlyMap<string, readonly TableRead[]>, byId: ReadonlyMap<string, CompiledElement>): Map<string, AskingExample[]> {
    const byTarget = new Map<string, AskingExample[]>();
    let example!: Example;
    // A table asked is decided with every table it reads (chained inputs, also through calculations),
    // at the same level: the example reaches their rows too.
    const add = (key: string, name: string, values: Map<string, ExactNumber | string | boolean>, visiting = new Set<string>()) => {
        if (visiting.has(key)) {
            return; // a chain that comes back to itself (decision-cycle): asked once
        }
        visiting.add(key);
        const list = byTarget.get(key) ?? [];
        list.push({ name, values, example });
        byTarget.set(key, list);
        const table = key.startsWith('decision ') ? byId.get(key.slice('decision '.length)) : undefined;
        for (const input of table?.kind === 'decisionTable' ? table.inputs.filter(isChainedInput) : []) {
            const upstreams = 'decision' in input ? [input.decision] : (reached.get(input.calculation) ?? []).filter(read => read.atCaseLevel).map(read => read.table);
            for (const upstream of upstreams) {
                add(`decision ${upstream}`, name, values, visiting);
            }
        }
    };
    for (example of examples) {
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

interface AskingExample {
    name: string;
    /** The citizen's values, with the case's level where the table reads it. */
    values: Map<string, ExactNumber | string | boolean>;
    /** The example itself, for the values of chained inputs (asked of the runtime). */
    example: Example;
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
    asking: readonly AskingExample[],
    locale: MessageLocale,
    chain?: Chain,
): CriterionCoverage {
    const chained = element.kind === 'decisionTable' && chain ? element.inputs.filter(isChainedInput) : [];
    const { complete, regions: split } = chained.length > 0 ? chainedRegions(element as DecisionTable, chain!, locale) : regions(element, attributes, locale);
    // A chained table's example values include what its upstreams answer the example's citizen.
    const values = chained.length > 0 ? asking.map(example => ({ ...example, values: withChainedValues(example, chained, chain!) })) : asking;
    return {
        element: { id: element.id, kind: element.kind, name: element.name, ...(element.title ? { title: element.title } : {}) },
        complete,
        regions: split.map(({ found, witness }) => ({
            witness,
            examples: values.filter(example => contains(found, example.values)).map(example => example.name),
        })),
    };
}

/** What the regions of a chained table are worked out from: the compiled elements, the attributes, the files (for the runtime). */
interface Chain {
    byId: ReadonlyMap<string, CompiledElement>;
    attributes: ReadonlyMap<string, AnalysedAttribute>;
    files: readonly CompiledPolicyFile[];
    runtime?: PolicyRuntime | null;
}

/**
 * An example's values with each chained input's value for its citizen, as the runtime answers it
 * (the upstream decided, or the calculation computed, on the example's date and level): one
 * semantics with \`regelratt test\`. An input the runtime cannot answer (no date, an error) is left
 * out, so the example falls in no region that tests it.
 */
function withChainedValues(asking: AskingExample, inputs: readonly ChainedDecisionInput[], chain: Chain): Map<string, ExactNumber | string | boolean> {
    const values = new Map(asking.values);
    const question = asking.example.question;
    if (!('citizen' in question)) {
        return values;
    }
    if (chain.runtime === undefined) {
        try {
            chain.runtime = new PolicyRuntime([...chain.files]);
        } catch {
            chain.runtime = null; // a file the runtime refuses: its load error is reported where it is run
        }
    }
    const level = values.get(LEVEL_INPUT);
    // Without a date where the example has none: the runtime answers a table that reads nothing dated.
    const ask = { ...(asking.example.date ? { date: asking.example.date } : {}), citizen: exampleCitizen(question.citizen), ...(level instanceof ExactNumber ? { level: Number(level.toDecimal()) } : {}) };
    for (const input of inputs) {
        try {
            const value = 'decision' in input
                ? chain.runtime?.decide(input.decision, ask).outputs[input.column]
                : asking.example.date ? chain.runtime?.calculate(input.calculation, { ...ask, date: asking.example.date }, { explain: false }).amount : undefined;
            if (typeof value === 'string') {
                values.set(chainedInputKey(input), value === 'ja' || value === 'nej' ? value === 'ja' : ExactNumber.parse(value));
            }
        } catch {
            // The example's own run reports the error; here it only reaches no region.
        }
    }
    return values;
}

/** A chained input as the attribute a table's rows read: its domain from the upstream's cells, any number for a calculation. */
function chainedAttribute(input: ChainedDecisionInput, byId: ReadonlyMap<string, CompiledElement>): AnalysedAttribute | undefined {
    const id = chainedInputKey(input);
    const upstream = byId.get('decision' in input ? input.decision : input.calculation);
    const name = !upstream ? id : 'decision' in input ? `${upstream.name}.${input.column}` : `beräkning ${upstream.name}`;
    if (upstream?.kind === 'calculation') {
        return { id, name, domain: { kind: 'decimal' } };
    }
    const cells = upstream?.kind === 'decisionTable' && 'decision' in input ? columnCells(upstream, input.column) : undefined;
    const domain = cells && chainedCellsDomain(cells, upstream?.kind === 'decisionTable' && upstream.hitPolicy === 'collect' && upstream.aggregation !== 'min' && upstream.aggregation !== 'max');
    return domain && { id, name, domain };
}

/** An upstream table's cells of one output column, rows then default; undefined where it has no such column. */
function columnCells(table: DecisionTable, column: string) {
    const index = table.outputs.indexOf(column);
    return index < 0 ? undefined : [...table.rows.map(row => row.then[index]), ...(table.defaultOutputs ? [table.defaultOutputs[index]] : [])];
}

/**
 * The cases of a table's own split (over its attributes, its level and its chained inputs), each
 * narrowed to the citizens its upstreams answer so (cases no citizen reaches dropped), with the
 * attributes they read. Undefined where the split ran out of budget or an input is unknown.
 */
function reachableCases(table: DecisionTable, chain: Chain, visiting: ReadonlySet<string>): { cases: Case[]; read: Map<string, AnalysedAttribute>; criteria: Criterion[] } | undefined {
    const read = new Map(chain.attributes);
    if (table.inputs.some(input => 'level' in input)) {
        read.set(LEVEL_INPUT, levelAttribute(table.levels?.max, table.levels?.min));
    }
    for (const input of table.inputs.filter(isChainedInput)) {
        const attribute = chainedAttribute(input, chain.byId);
        if (!attribute) {
            return undefined;
        }
        read.set(attribute.id, attribute);
    }
    const rows = criteriaOf(table);
    const criteria = rows.filter((c): c is Criterion => typeof c !== 'boolean');
    const split = splitCases(criteria, read);
    if (!split.complete) {
        return undefined;
    }
    // Each row's truth in a case: a row of only \`-\` holds everywhere (it is not among the split's criteria).
    const positions = rows.map((row, index) => (typeof row === 'boolean' ? -1 : rows.slice(0, index).filter(c => typeof c !== 'boolean').length));
    let cases: Case[] = split.cases.map(found => ({ ...found, verdicts: rows.map((row, index) => (typeof row === 'boolean' ? row : found.verdicts[positions[index]])) }));
    for (const input of table.inputs.filter(isChainedInput)) {
        const reach = upstreamReach(input, chain, new Set([...visiting, table.id]));
        if (reach === null) {
            return undefined;
        }
        if (!reach) {
            continue; // a value no cell bounds: every number of the column stands
        }
        for (const { found } of reach.reached) {
            for (const id of found.assignment.keys()) {
                if (!read.has(id)) {
                    read.set(id, reach.read.get(id)!);
                }
            }
        }
        const key = chainedInputKey(input);
        cases = cases.flatMap(own => reach.reached.flatMap(r => throughReach(own, key, r) ?? []));
    }
    return { cases, read, criteria };
}

/**
 * The cases of an upstream table with the value each gives in the chained column; undefined where
 * the value is no cell (a formula, a sum or count, a calculation: any number stands), null where the
 * upstream cannot be split (or the chain comes back to itself).
 */
function upstreamReach(input: ChainedDecisionInput, chain: Chain, visiting: ReadonlySet<string>): { reached: UpstreamReach[]; read: Map<string, AnalysedAttribute> } | undefined | null {
    if (!('decision' in input)) {
        return undefined;
    }
    const upstream = chain.byId.get(input.decision);
    if (upstream?.kind !== 'decisionTable' || visiting.has(upstream.id)) {
        return null;
    }
    const cells = columnCells(upstream, input.column);
    if (!cells) {
        return null;
    }
    if (!constantCells(cells, upstream.hitPolicy === 'collect')) {
        return undefined;
    }
    const own = reachableCases(upstream, chain, visiting);
    if (!own) {
        return null;
    }
    const ranks = upstream.hitPolicy === 'priority' ? upstream.rows.map(row => outputRank(upstream, row.then)) : undefined;
    const reached = own.cases.flatMap(found => {
        const row = decidingRow(found.verdicts, false, ranks);
        const cell = row === undefined ? upstream.defaultOutputs?.[upstream.outputs.indexOf(input.column)] : cells[row];
        const value = cell && chainedValue(cell);
        return value === undefined ? [] : [{ found, value }];
    });
    return { reached, read: own.read };
}

/**
 * A chained table's regions: its own regions (neighbouring cases with the same truths joined), each
 * kept where some citizen reaches it through the upstreams, its witness that citizen: the upstream's
 * attributes named, and the value it gives. The example given asks only what a citizen gives.
 */
function chainedRegions(table: DecisionTable, chain: Chain, locale: MessageLocale): Regions {
    const reach = reachableCases(table, chain, new Set());
    if (!reach) {
        // The chain could not be followed (a split out of budget, a cycle the checker reports): the
        // table's own regions over its chained columns' values, said to be incomplete.
        const read = new Map(chain.attributes);
        for (const input of table.inputs.filter(isChainedInput)) {
            const attribute = chainedAttribute(input, chain.byId);
            if (!attribute) {
                return { attributes: chain.attributes, locale, complete: false, regions: [] };
            }
            read.set(attribute.id, attribute);
        }
        return { ...regions(table, read, locale), complete: false };
    }
    const { read, criteria } = reach;
    // Split anew whenever asked (a new map): the regions depend on the upstreams too, not only on the table.
    const own = regions(table, read, locale);
    const keys = new Set(table.inputs.filter(isChainedInput).map(chainedInputKey));
    const asked = [...new Set([...attributesRead(criteria), ...reach.cases.flatMap(found => [...found.assignment.keys()])])].filter(id => !keys.has(id) && id !== LEVEL_INPUT);
    const kept = own.regions.flatMap(region => {
        // The region's citizens the upstreams answer with a value in it: the first composed case inside it.
        const reached = reach.cases.find(found => [...region.found.assignment].every(([id, r]) => {
            const mine = found.assignment.get(id);
            return mine !== undefined && regionWithin(mine, r);
        }));
        if (!reached) {
            return [];
        }
        const witness = describeCase(reached, read, locale, asked);
        // What upstreams answer (this table's chained columns and theirs) is no part of the citizen.
        for (const [id, attribute] of read) {
            if (!chain.attributes.has(id) && id !== LEVEL_INPUT) {
                delete witness.example[attribute.name];
            }
        }
        return [{ found: region.found, witness }];
    });
    return { ...own, regions: kept };
}

/** Whether region \`inner\` lies within \`outer\` (every value of it is one of outer's). */
function regionWithin(inner: Region, outer: Region): boolean {
    if (inner.kind !== 'range' || outer.kind !== 'range') {
        const values = inner.kind === 'range' ? undefined : inner.kind === 'value' ? [inner.value] : inner.values;
        return values !== undefined && values.every(value => regionContains(outer, value));
    }
    const lowOk = !outer.lo || (inner.lo !== undefined && (inner.lo.compare(outer.lo) > 0 || (inner.lo.equals(outer.lo) && (outer.loClosed || !inner.loClosed))));
    const highOk = !outer.hi || (inner.hi !== undefined && (inner.hi.compare(outer.hi) < 0 || (inner.hi.equals(outer.hi) && (outer.hiClosed || !inner.hiClosed))));
    return lowOk && highOk;
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
