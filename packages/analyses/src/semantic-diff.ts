import {
    type AmountPer, chainedInputKey, ExactNumber, isChainedInput, LEVEL_INPUT, listHitPolicy, quantityCell, wordCell, type AttributeType, type CalculationLimit, type CompiledElement, type CompiledPolicyFile, type Criterion, type DecisionTable, type ElementKind, type Eligibility,
    type Expression, type OptionalAmount, type Parameter, type PathwayModel, type Pilot, type Quantity,
} from '@regelratt/format';
import type { AmountChange, AmountSample, ChangedRegion, DiffEntry, DiffWording, ElementRef, PolicyDiff, Question } from './diff-model.js';
import { amountPerText, collectedDate, criterionText as runtimeCriterionText, expressionText as runtimeExpressionText, highestPriority, listOrder, outputRank, roundingText, type PolicyRuntime } from '@regelratt/runtime';
import type { MessageLocale } from './i18n/locale.js';
import { swedishDecimal } from './numbers/decimal-text.js';
import { kronorDecimal } from './numbers/kronor-decimal.js';
import { attributeTypeText } from './attribute-type-text.js';
import type { AnalysedAttribute } from './attribute-domain.js';
import { splitCases, type Case } from './case-split.js';
import { analysedFromCompiled, levelAttribute } from './compiled-attributes.js';
import { dayAfter, dayBefore } from './days.js';
import { mergeCases } from './merge-cases.js';
import { placementText } from './pathway-regions.js';
import { describeCase } from './witness-text.js';
import { canonical, elementsById, findRenames, meaning } from './renames.js';
import { answerCalculations, answerReaders, answerRuntimes, compareCalculation, compareFee, feeHasLevels, type AnswerComparison, type AnswerDiffContext } from './answer-diff.js';
import { changeKinds } from './answer-region-groups.js';
import { regionsInWords } from './answer-region-text.js';
import type { AnswerRegion } from './answer-regions.js';

/** Kinds whose elements give answers; adding or removing one changes what a consumer gets. */
const ANSWERING = new Set<ElementKind>(['pathwayModel', 'pilot', 'decisionTable', 'levelTable', 'parameter', 'calculation', 'fee', 'flatRate', 'placeRate', 'hourlyRate', 'premium', 'attribute']);

/**
 * What a revision of a policy set changes for citizens: two compiled versions compared element by
 * element. For förloppsmodeller, pilots and decision tables, the exact regions of citizens whose
 * answer changes (one case split over both versions' criteria, so every citizen of a region gets the
 * same two answers; neighbouring regions with the same change joined), each with an example citizen,
 * or "the same answer for every citizen" when the definition changed but no answer did. For level
 * tables, parameters, fees and rates, each amount that changes, old → new and the difference. Added,
 * removed and renamed elements (a rename is an element that means the same under another name).
 */
export function diffPolicies(before: readonly CompiledPolicyFile[], after: readonly CompiledPolicyFile[], locale: MessageLocale, wording?: DiffWording): PolicyDiff {
    const old = elementsById(before);
    const next = elementsById(after);
    const renames = findRenames(old, next);
    const renamedTo = new Set(renames.values());
    const attributes = new Map<string, AnalysedAttribute>();
    for (const element of [...old.values(), ...next.values()]) {
        if (element.kind === 'attribute') {
            attributes.set(renames.get(element.id) ?? element.id, analysedFromCompiled(element));
        }
    }
    const retyped = new Set<string>();
    for (const [id, element] of old) {
        const counterpart = next.get(id);
        if (element.kind === 'attribute' && counterpart?.kind === 'attribute' && element.domain.type !== counterpart.domain.type) {
            retyped.add(id);
        }
    }
    const context: DiffContext = { attributes, renames, retyped, locale, ...(wording ? { wording } : {}) };
    const entries: DiffEntry[] = [];
    let compared = 0;
    // Each element's own comparison first: whether an element a formula reads answers the same is
    // what the comparison of the amounts that read it stands on.
    const own = new Map<string, DiffEntry[]>();
    for (const [id, element] of old) {
        const counterpart = next.get(renames.get(id) ?? id);
        if (counterpart) {
            own.set(id, compareElements(element, counterpart, context));
        }
    }
    const newToOld = new Map([...renames].map(([from, to]) => [to, from]));
    const sameElement = (newId: string): boolean => {
        const oldId = newToOld.get(newId) ?? newId;
        const found = own.get(oldId);
        return found !== undefined && next.has(newId) && found.every(entry => entry.change === 'same-answers' || (entry.change === 'edited' && !entry.answers));
    };
    // A calculation whose own formula changed: reported again under the answers that read it.
    const formulaEdited = (newId: string): boolean =>
        (own.get(newToOld.get(newId) ?? newId) ?? []).some(entry => entry.change === 'edited' && entry.fields.length > 0);
    const amounts = amountComparer(before, after, old, next, renames, sameElement, context, formulaEdited);
    for (const [id, element] of old) {
        const target = renames.get(id) ?? id;
        const counterpart = next.get(target);
        if (!counterpart) {
            entries.push({ change: 'removed', element: ref(element) });
            continue;
        }
        compared++;
        if (target !== id) {
            entries.push({ change: 'renamed', element: ref(counterpart), from: ref(element) });
        }
        // A title is what a reader sees of an element; it changes no answer, and every kind has one.
        entries.push(...edited(element, counterpart, context, ['title'], false), ...amounts(element, counterpart, own.get(id)!));
    }
    for (const [id, element] of next) {
        if (!old.has(id) && !renamedTo.has(id)) {
            entries.push({ change: 'added', element: ref(element) });
            const previous = predecessor(element, next);
            if (previous) {
                const amounts = element.kind === 'levelTable' && previous.kind === 'levelTable'
                    ? levelAmounts(previous.rows, element.rows, locale)
                    : 'amount' in element && 'amount' in previous ? single(locale === 'sv' ? 'belopp' : 'amount', previous.amount, element.amount, locale) : [];
                if (amounts.length > 0) {
                    entries.push({ change: 'amounts', element: ref(element), amounts, against: ref(previous) });
                }
            }
        }
    }
    const answersChange = entries.some(entry => {
        switch (entry.change) {
            case 'added':
            case 'removed':
                return ANSWERING.has(entry.element.kind);
            case 'answers':
            case 'amounts':
            case 'amount-answers':
                return true;
            case 'edited':
                return entry.answers;
            case 'renamed':
                // A consumer asks by name: the answer moved. A parameter is read by formulas, never asked.
                return ANSWERING.has(entry.element.kind) && entry.element.kind !== 'parameter';
            case 'same-answers':
            case 'undecided':
                return false;
        }
    });
    return { entries, answersChange, undecided: entries.filter(entry => entry.change === 'undecided').length, compared };
}

/**
 * The comparison of the amounts citizens are answered (answer-diff.ts) for a pair of elements:
 * each calculation no formula reads, and each fee. Nothing for a pair whose formulas are written
 * alike and read nothing that changed; `same-answers` for one rewritten equivalently.
 */
function amountComparer(
    beforeFiles: readonly CompiledPolicyFile[], afterFiles: readonly CompiledPolicyFile[],
    old: ReadonlyMap<string, CompiledElement>, next: ReadonlyMap<string, CompiledElement>,
    renames: ReadonlyMap<string, string>, sameElement: (newId: string) => boolean, diffContext: DiffContext,
    formulaEdited: (newId: string) => boolean,
): (before: CompiledElement, after: CompiledElement, own: DiffEntry[]) => DiffEntry[] {
    const { locale, wording } = diffContext;
    // A citizen's attributes come by name from the comparison: by id, for their titles.
    const attributeIds = new Map([...diffContext.attributes].map(([id, attribute]) => [attribute.name, id]));
    const fact = (name: string, value: string) => {
        const id = attributeIds.get(name);
        return wording && id ? `${wording.labels.attribute(id) ?? name} = ${wording.labels.value(id, value) ?? value}` : `${name} = ${value}`;
    };
    /** `namn = värde` said by titles; `factsText` does it for a list of them joined by commas. */
    const factText = (text: string) => text.replace(/^(\S+) = (.*)$/, (_, name: string, value: string) => fact(name, value));
    const factsText = (text: string) => text.split(', ').map(factText).join(', ');
    const hasAmounts = (elements: ReadonlyMap<string, CompiledElement>) => [...elements.values()].some(e => e.kind === 'calculation' || e.kind === 'fee');
    if (!hasAmounts(old) || !hasAmounts(next)) {
        return (_before, _after, own) => own;
    }
    const runtimes = answerRuntimes(beforeFiles, afterFiles);
    const context: AnswerDiffContext = { ...runtimes, renames, sameElement, locale };
    const answers = new Set([...answerCalculations(runtimes.before)].map(id => renames.get(id) ?? id));
    answerCalculations(runtimes.after).forEach(id => answers.add(id));
    const readers = answerReaders(runtimes.after, answers);
    const formulas = (element: CompiledElement): Expression[] => (element.kind === 'calculation' ? [element.value]
        : element.kind === 'fee' ? [element.room, element.ceiling].filter((e): e is Expression => e !== undefined) : []);
    // For people (wording given), amounts as reasons say them: with the answer's unit, to the öre; for tools, exact.
    const amountsOf = (people: DiffWording, runtime: PolicyRuntime, answer: string | Expression) => {
        const words = people.amounts(runtime, answer);
        // The diff's lines space a figure's groups plainly, as its other lines do; the HTML typesets them.
        return (value: ExactNumber, signed?: boolean) => words(value, signed).replace(/\u00a0/g, ' ');
    };
    const regionsAndKinds = (regions: AnswerRegion[], before: CompiledElement, after: CompiledElement) => {
        const amounts = wording ? amountsOf(wording, runtimes.after, after.id) : undefined;
        const partAmounts = wording ? { answer: amounts!, part: (part: Expression, version: 0 | 1) => amountsOf(wording, version === 1 ? runtimes.after : runtimes.before, part) } : undefined;
        // The examples' citizens by the attributes' titles when the diff is for people (wording given).
        const inWords = regionsInWords(regions, runtimes.after, runtimes.before, locale, amounts).map(region => (wording
            ? { ...region, example: { ...region.example, citizen: factsText(region.example.citizen) } }
            : region));
        return { regions: inWords, kinds: changeKinds(regions, inWords, [formulas(before), formulas(after)], [runtimes.before, runtimes.after], renames, locale, partAmounts) };
    };
    const titleByName = (name: string): string => {
        const element = wording ? [...next.values()].find(e => e.name === name) : undefined;
        return element ? wording!.title(element.id) : name;
    };
    return (before, after, own) => {
        let comparison: AnswerComparison;
        let question: 'calculation' | 'fee';
        if (before.kind === 'calculation' && after.kind === 'calculation' && answers.has(after.id)) {
            comparison = compareCalculation(before.id, after.id, context);
            question = 'calculation';
        } else if (before.kind === 'fee' && after.kind === 'fee') {
            comparison = compareFee(before, after, context);
            question = 'fee';
        } else {
            // A calculation others read: its change reaches citizens through them.
            const readBy = after.kind === 'calculation' ? readers.get(after.id)?.map(name => titleByName(name)) : undefined;
            return readBy ? own.map(entry => (entry.change === 'edited' ? { ...entry, readBy } : entry)) : own;
        }
        const element = ref(after);
        // The intermediate calculations it reads whose formula changed: the reviewer sees them under the amount the citizen pays.
        const changedParts = [...readers].filter(([id, names]) => names.includes(after.name) && formulaEdited(id))
            .map(([id]) => (wording ? wording.title(id) : runtimes.after.policy.find(id)?.name ?? id)).sort();
        const through = changedParts.length > 0 ? { through: changedParts } : {};
        // The formula's own edits, now known to change answers or not.
        const edits = own.map(entry => (entry.change === 'edited' ? { ...entry, answers: comparison.outcome !== 'same' } : entry));
        switch (comparison.outcome) {
            case 'same':
                return comparison.rewritten && !edits.some(entry => entry.change === 'edited') ? [...edits, { change: 'same-answers', element, question, complete: true }] : edits;
            case 'undecided':
                return [...edits, { change: 'undecided', element, question, tried: comparison.tried, ...(comparison.outside ? { outside: comparison.outside } : {}), ...through }];
            case 'changed': {
                const amount = (text: string) => (locale === 'sv' && /^-?\d/.test(text) ? swedishDecimal(text) : wording && /^(fel|error): /.test(text) ? wording.error(text.replace(/^(fel|error): /, '')) : text);
                const answerWords = wording ? amountsOf(wording, runtimes.after, after.id) : undefined;
                const answer = (text: string) => (answerWords && /^-?\d/.test(text) ? answerWords(ExactNumber.parse(text)) : amount(text));
                const signed = (text: string) => (answerWords ? answerWords(ExactNumber.parse(text), true) : `${text.startsWith('-') ? '−' : '+'}${amount(text.replace(/^-/, ''))}`);
                // A fee without levels is asked at level 0 only: for people, no level to show.
                const levelShown = !wording || question !== 'fee' || (before.kind === 'fee' && feeHasLevels(before, runtimes.before)) || (after.kind === 'fee' && feeHasLevels(after, runtimes.after));
                const regionsAndKindsShown = (regions: AnswerRegion[]) => {
                    const shown = regionsAndKinds(regions, before, after);
                    return levelShown ? shown : {
                        regions: shown.regions.map(region => ({ ...region, example: withoutLevel(region.example) })),
                        kinds: shown.kinds.map(kind => ({ ...kind, example: withoutLevel(kind.example) })),
                    };
                };
                return [...edits, {
                    change: 'amount-answers', element, question, differing: comparison.differing, tried: comparison.tried,
                    common: wording ? comparison.common.map(factText) : comparison.common,
                    ...(comparison.difference ? { difference: { min: signed(comparison.difference.min), max: signed(comparison.difference.max) } } : {}),
                    samples: comparison.samples.map(sample => ({
                        citizen: Object.entries(sample.citizen).map(([name, value]) => fact(name, typeof value === 'boolean' ? (value ? (locale === 'sv' ? 'ja' : 'yes') : (locale === 'sv' ? 'nej' : 'no')) : amount(value))).join(', '),
                        date: sample.date, ...(sample.level !== undefined && levelShown ? { level: sample.level } : {}),
                        before: answer(sample.before), after: answer(sample.after),
                        ...(sample.difference !== undefined ? { difference: signed(sample.difference) } : {}),
                    })),
                    ...(comparison.regions ? regionsAndKindsShown(comparison.regions) : {}),
                    ...(comparison.outside ? { outside: comparison.outside } : {}),
                    ...through,
                }];
            }
        }
    };
}

function withoutLevel(sample: AmountSample): AmountSample {
    const { level: _level, ...rest } = sample;
    return rest;
}

interface DiffContext {
    attributes: Map<string, AnalysedAttribute>;
    /** Old id → new id of renamed elements. */
    renames: ReadonlyMap<string, string>;
    /** Attributes whose type changed (a number that became yes/no): no citizen is in both versions' domains. */
    retyped: ReadonlySet<string>;
    locale: MessageLocale;
    wording?: DiffWording;
}

type Comparer<K extends ElementKind> = (before: Extract<CompiledElement, { kind: K }>, after: Extract<CompiledElement, { kind: K }>, context: DiffContext) => DiffEntry[];

/** How each kind of element is compared; a new kind is a compile error here until it says. */
const COMPARERS: { [K in ElementKind]: Comparer<K> } = {
    pathwayModel: comparePathwayModels,
    pilot: comparePilots,
    decisionTable: compareDecisionTables,
    levelTable: (before, after, context) => [
        ...amountEntry(after, levelAmounts(before.rows, after.rows, context.locale)),
        ...edited(before, after, context, ['validity', 'rounding', 'per', 'service', 'area', 'levels'], true),
    ],
    parameter: (before, after, context) => amountEntry(after, parameterAmounts(before, after, context.locale)),
    fee: (before, after, context) => [
        ...amountEntry(after, [
            ...single(context.locale === 'sv' ? 'andel' : 'share', before.share, after.share, context.locale),
            ...levelAmounts(before.caps, after.caps, context.locale, context.locale === 'sv' ? 'takbelopp nivå' : 'cap, level'),
            ...levelAmounts(before.shares ?? [], after.shares ?? [], context.locale, context.locale === 'sv' ? 'andel nivå' : 'share, level'),
            ...levelAmounts(before.amounts ?? [], after.amounts ?? [], context.locale, context.locale === 'sv' ? 'belopp nivå' : 'amount, level'),
        ]),
        // Whether the fee's answers change is decided by asking both versions (answer-diff.ts).
        ...edited(before, after, context, ['validity', 'room', 'ceiling', 'rounding', 'service', 'legalBasis'], false),
    ],
    flatRate: compareRates,
    placeRate: compareRates,
    hourlyRate: compareRates,
    // Whether a calculation's answers change is decided by asking both versions (answer-diff.ts), for
    // the calculations no formula reads; one that others read reaches citizens through them.
    calculation: (before, after, context) => edited(before, after, context, ['value', 'service', 'legalBasis', 'limits'], false),
    premium: (before, after, context) => edited(before, after, context, undefined, true),
    attribute: (before, after, context) => edited(before, after, context, ['domain'], true),
    law: (before, after, context) => edited(before, after, context, undefined, false),
    // Who may be granted the insats is an answer the runtime gives: a changed rule changes answers.
    service: (before, after, context) => edited(before, after, context, undefined,
        canonical(before.eligibility, context.renames) !== canonical(after.eligibility, new Map())),
    administration: (before, after, context) => edited(before, after, context, undefined, false),
    operation: (before, after, context) => edited(before, after, context, undefined, false),
    unit: (before, after, context) => edited(before, after, context, undefined, false),
    area: (before, after, context) => edited(before, after, context, undefined, false),
    role: (before, after, context) => edited(before, after, context, undefined, false),
    phase: (before, after, context) => edited(before, after, context, undefined, false),
    body: (before, after, context) => edited(before, after, context, undefined, false),
    guideline: (before, after, context) => edited(before, after, context, undefined, false),
    testPhase: (before, after, context) => edited(before, after, context, undefined, true),
    effectGoal: (before, after, context) => edited(before, after, context, undefined, false),
    indicator: (before, after, context) => edited(before, after, context, undefined, false),
    example: () => [],
};

function compareElements(before: CompiledElement, after: CompiledElement, context: DiffContext): DiffEntry[] {
    if (before.kind !== after.kind) {
        return [{ change: 'removed', element: ref(before) }, { change: 'added', element: ref(after) }];
    }
    const retyped = [...context.retyped].filter(id => reads(before, id) || reads(after, id));
    if ((before.kind === 'pathwayModel' || before.kind === 'pilot' || before.kind === 'decisionTable') && retyped.length > 0) {
        // Regions are drawn over one domain per attribute; with its type changed there is none to split.
        const names = retyped.map(id => id.slice(id.indexOf('/') + 1)).join(', ');
        const text = context.locale === 'sv'
            ? `läser ${names}, vars typ har ändrats; vilka medborgare som får ett annat svar kan inte avgränsas`
            : `reads ${names}, whose type has changed; which citizens get another answer cannot be delimited`;
        return [{ change: 'edited', element: ref(after), fields: [text], answers: true }];
    }
    return (COMPARERS[before.kind] as Comparer<ElementKind>)(before as never, after as never, context);
}

// ------------------------------------------------------------------ regions of citizens

/**
 * One case split over both versions' criteria; `answer` reads a version's answer from its verdicts.
 * Returns the regions whose answers differ, joined where they touch, or the split's incompleteness.
 */
function changedRegions(
    criteria: { before: ReadonlyArray<Criterion | boolean>; after: ReadonlyArray<Criterion | boolean> },
    answer: { before: (verdicts: readonly boolean[]) => string; after: (verdicts: readonly boolean[]) => string },
    context: DiffContext,
    extra: ReadonlyMap<string, AnalysedAttribute> = new Map(),
): { regions: ChangedRegion[]; complete: boolean } {
    const all = [...criteria.before, ...criteria.after];
    const split = all.filter((c): c is Criterion => typeof c !== 'boolean');
    const attributes = extra.size > 0 ? new Map([...context.attributes, ...extra]) : context.attributes;
    const { cases, complete } = splitCases(split, attributes);
    const verdictsOf = (found: Case): boolean[] => {
        let index = 0;
        return all.map(c => (typeof c === 'boolean' ? c : found.verdicts[index++]));
    };
    const findings: Array<{ case: Case; before: string; after: string }> = [];
    const unchanged: Case[] = [];
    for (const found of cases) {
        const verdicts = verdictsOf(found);
        const was = answer.before(verdicts.slice(0, criteria.before.length));
        const is = answer.after(verdicts.slice(criteria.before.length));
        if (was !== is) {
            findings.push({ case: found, before: was, after: is });
        } else {
            unchanged.push(found);
        }
    }
    const merged = mergeCases(findings, finding => `${finding.before}\u0000${finding.after}`, attributes, unchanged);
    return {
        regions: merged.map(finding => {
            const witness = describeCase(finding.case, attributes, context.locale, [], context.wording?.labels);
            return { witness: context.wording ? { ...witness, example: titledExample(witness.example, attributes, context.wording) } : witness, before: finding.before, after: finding.after };
        }),
        complete,
    };
}

/** A citizen by attribute name, for a reader: each attribute and enumeration value by its title. */
function titledExample(example: Record<string, string>, attributes: ReadonlyMap<string, AnalysedAttribute>, wording: DiffWording): Record<string, string> {
    const ids = new Map([...attributes].map(([id, attribute]) => [attribute.name, id]));
    return Object.fromEntries(Object.entries(example).map(([name, value]) => {
        const id = ids.get(name);
        return id ? [wording.labels.attribute(id) ?? name, wording.labels.value(id, value) ?? value] : [name, value];
    }));
}

function regionEntry(element: CompiledElement, question: Question, result: { regions: ChangedRegion[]; complete: boolean }, definitionChanged: boolean): DiffEntry[] {
    if (result.regions.length > 0 || !result.complete) {
        return [{ change: 'answers', element: ref(element), question, ...result }];
    }
    return definitionChanged ? [{ change: 'same-answers', element: ref(element), question, complete: true }] : [];
}

function comparePathwayModels(before: PathwayModel, after: PathwayModel, context: DiffContext): DiffEntry[] {
    const wording = context.wording;
    const placement = (model: PathwayModel) => (verdicts: readonly boolean[]): string => placementText(model, verdicts, context.locale, wording ? p => wording.title(p.id) : undefined);
    const criteria = (model: PathwayModel, renames: ReadonlyMap<string, string>) => model.pathways.map(p => (p.criterion ? renamed(p.criterion, renames) : false));
    const result = changedRegions({ before: criteria(before, context.renames), after: criteria(after, new Map()) }, { before: placement(before), after: placement(after) }, context);
    return [
        ...regionEntry(after, 'placement', result, meaning(before, context.renames) !== meaning(after, new Map())),
        ...edited(before, after, context, ['services'], false),
    ];
}

function comparePilots(before: Pilot, after: Pilot, context: DiffContext): DiffEntry[] {
    const sv = context.locale === 'sv';
    const rule = (pilot: Pilot, renames: ReadonlyMap<string, string>): Criterion | boolean => {
        const parts = [...(pilot.inclusion ? [pilot.inclusion] : []), ...pilot.exclusions.map(c => ({ not: c }))].map(c => renamed(c, renames));
        return parts.length === 0 ? true : { all: parts };
    };
    const included = (verdicts: readonly boolean[]) => (verdicts[0] ? (sv ? 'inkluderas' : 'included') : (sv ? 'inkluderas inte' : 'not included'));
    const result = changedRegions({ before: [rule(before, context.renames)], after: [rule(after, new Map())] }, { before: included, after: included }, context);
    const ruleChanged = JSON.stringify(rule(before, context.renames)) !== JSON.stringify(rule(after, new Map()));
    return [
        ...regionEntry(after, 'inclusion', result, ruleChanged),
        ...edited(before, after, context, ['phase', 'period', 'duration', 'services', 'units'], true),
        ...edited(before, after, context, ['description', 'goals'], false),
    ];
}

function compareDecisionTables(before: DecisionTable, after: DecisionTable, context: DiffContext): DiffEntry[] {
    const sv = context.locale === 'sv';
    const rows = (table: DecisionTable, renames: ReadonlyMap<string, string>) => table.rows.map(row => {
        const conditions = row.when.filter((c): c is Criterion => c !== null).map(c => renamed(c, renames));
        return conditions.length === 0 ? true : conditions.length === 1 ? conditions[0] : { all: conditions };
    });
    const decision = (table: DecisionTable) => (verdicts: readonly boolean[]): string => {
        const matching = verdicts.flatMap((holds, index) => (holds ? [index] : []));
        // A list policy's answer (since 1.11): every matching row's outputs in the runtime's order, or the default alone, or none.
        if (listHitPolicy(table.hitPolicy)) {
            const listed = matching.length === 0 && table.defaultOutputs ? [table.defaultOutputs]
                : listOrder(table.hitPolicy, table.rows.map(row => outputRank(table, row.then)), matching).map(index => table.rows[index].then);
            return listed.length === 0 ? (sv ? 'tom lista' : 'empty list') : `[${listed.map(then => outputsText(table, then)).join('; ')}]`;
        }
        // No row: the default outputs (`annars`) answer, under every hit policy.
        if (matching.length === 0 && table.defaultOutputs) {
            return outputsText(table, table.defaultOutputs);
        }
        if (table.hitPolicy === 'collect') {
            return collectedText(table, matching, context.locale);
        }
        if (matching.length === 0) {
            return sv ? 'ingen rad' : 'no row';
        }
        // As the runtime decides: the rows of the highest priority under `priority`, the first of them where they agree.
        if (matching.length > 1 && table.hitPolicy === 'priority') {
            const best = highestPriority(table.rows.map(row => outputRank(table, row.then)), matching);
            return best.every(index => JSON.stringify(table.rows[index].then) === JSON.stringify(table.rows[best[0]].then))
                ? outputsText(table, table.rows[best[0]].then)
                : sv ? `flera rader (${best.map(i => i + 1).join(', ')})` : `several rows (${best.map(i => i + 1).join(', ')})`;
        }
        // As the runtime decides: `first` takes the first row, `any` too where the rows agree.
        const agree = table.hitPolicy === 'any' && matching.every(index => JSON.stringify(table.rows[index].then) === JSON.stringify(table.rows[matching[0]].then));
        if (matching.length > 1 && table.hitPolicy !== 'first' && !agree) {
            return sv ? `flera rader (${matching.map(i => i + 1).join(', ')})` : `several rows (${matching.map(i => i + 1).join(', ')})`;
        }
        return outputsText(table, table.rows[matching[0]].then);
    };
    const outputsText = (table: DecisionTable, then: DecisionTable['rows'][number]['then']) => table.outputs.map((column, index) => {
        const cell = then[index];
        const word = wordCell(cell);
        // For people (wording given) a förlopp by its title and a column by its words, as the document says them.
        const shown = cell && 'pathway' in cell ? (context.wording ? context.wording.title(cell.pathway) : cell.pathway.slice(cell.pathway.lastIndexOf('/') + 1))
            // A formula cell (since 1.10) is said as its formula: the same formula answers alike for every case.
            : cell && 'formula' in cell ? `= ${context.wording ? context.wording.formula(cell.formula) : runtimeExpressionText(cell.formula)}`
            : word !== undefined ? word : cellText(quantityCell(cell) ?? { open: true }, context.locale);
        return `${context.wording ? column.replace(/_/g, ' ') : column} ${shown}`;
    }).join(', ');
    const maxLevel = (table: DecisionTable) => table.levels?.max;
    const readsLevel = [before, after].some(table => table.inputs.some(input => 'level' in input));
    const levelMax = [maxLevel(before), maxLevel(after)].every(m => m !== undefined) ? Math.max(maxLevel(before)!, maxLevel(after)!) : undefined;
    const extra = readsLevel ? new Map([[LEVEL_INPUT, levelAttribute(levelMax)]]) : new Map<string, AnalysedAttribute>();
    for (const [key, attribute] of chainedAttributes([before, after])) {
        extra.set(key, attribute);
    }
    const result = changedRegions({ before: rows(before, context.renames), after: rows(after, new Map()) }, { before: decision(before), after: decision(after) }, context, extra);
    return [
        ...regionEntry(after, 'decision', result, meaning(before, context.renames) !== meaning(after, new Map())),
        ...edited(before, after, context, ['validity'], true),
        // The service and the law cited change no answer.
        ...edited(before, after, context, ['service', 'legalBasis'], false),
    ];
}

/**
 * The chained input columns of two versions of a table as attributes of the comparison: the upstream's
 * answer, by the upstream's name and column (`omvårdnadsnivå.nivå`), ja/nej where a cell compares it
 * with ja/nej, otherwise any number. The diff says where the table's own rows answer differently for
 * the same upstream answer; a change of the upstream is the upstream's own entry.
 */
function chainedAttributes(tables: readonly DecisionTable[]): Map<string, AnalysedAttribute> {
    const found = new Map<string, AnalysedAttribute>();
    for (const table of tables) {
        table.inputs.forEach((input, column) => {
            if (!isChainedInput(input)) {
                return;
            }
            const id = chainedInputKey(input);
            const yesNo = table.rows.some(row => JSON.stringify(row.when[column] ?? null).includes('"boolean"'));
            const name = id.slice(id.indexOf('/') + 1).replace(':', '.');
            if (!found.has(id) || yesNo) {
                found.set(id, { id, name, domain: yesNo ? { kind: 'boolean' } : { kind: 'decimal' } });
            }
        });
    }
    return found;
}

// ------------------------------------------------------------------ amounts

type Versioned = Extract<CompiledElement, { kind: 'levelTable' | 'flatRate' | 'placeRate' | 'hourlyRate' }>;

/**
 * The version a new level table or rate follows: the same kind for the same service, area and role,
 * in force until the day before it starts. A new year's table is read against last year's.
 */
function predecessor(element: CompiledElement, elements: ReadonlyMap<string, CompiledElement>): Versioned | undefined {
    if (!isVersioned(element) || !element.validity) {
        return undefined;
    }
    const start = element.validity.from;
    const role = (e: Versioned) => ('role' in e ? e.role : undefined);
    return [...elements.values()].filter(isVersioned).find(other => other !== element && other.kind === element.kind
        && other.service === element.service && other.area === element.area && role(other) === role(element)
        && other.validity?.to !== undefined && dayAfter(other.validity.to) === start);
}

function isVersioned(element: CompiledElement): element is Versioned {
    return element.kind === 'levelTable' || element.kind === 'flatRate' || element.kind === 'placeRate' || element.kind === 'hourlyRate';
}

function amountEntry(element: CompiledElement, amounts: AmountChange[]): DiffEntry[] {
    return amounts.length > 0 ? [{ change: 'amounts', element: ref(element), amounts }] : [];
}

function compareRates(before: Extract<CompiledElement, { kind: 'flatRate' | 'placeRate' | 'hourlyRate' }>, after: typeof before, context: DiffContext): DiffEntry[] {
    return [
        ...amountEntry(after, single(context.locale === 'sv' ? 'belopp' : 'amount', before.amount, after.amount, context.locale)),
        ...amountEntry(after, selectedAmounts(before, after, context)),
        ...edited(before, after, context, ['validity', 'rounding', 'role', 'area', 'service', 'selectors'], true),
    ];
}

/**
 * A rate by the case compared row by row: a changed amount for `regi = privat, tid = natt` is a
 * change for those cases only, named by the condition that selects them. Rows are matched by their
 * values where both versions select by the same attributes; otherwise the `selectors` edit says so.
 */
function selectedAmounts(before: Extract<CompiledElement, { kind: 'flatRate' | 'placeRate' | 'hourlyRate' }>, after: typeof before, context: DiffContext): AmountChange[] {
    const selectors = after.selectors ?? [];
    if (selectors.length === 0 || canonical(before.selectors, context.renames) !== canonical(after.selectors, new Map())) {
        return [];
    }
    const key = (values: readonly string[]) => values.join('\u0000');
    const was = new Map((before.amounts ?? []).map(row => [key(row.values), row]));
    const is = new Map((after.amounts ?? []).map(row => [key(row.values), row]));
    const rows = [...(after.amounts ?? []), ...(before.amounts ?? []).filter(row => !is.has(key(row.values)))];
    return rows.flatMap(row => {
        const selecting: Criterion = { all: row.values.map((value, index): Criterion => ({ attribute: selectors[index], op: '=', value: { enumeration: value } })) };
        // The condition labels its row, so it starts as a sentence does (the words are written to stand inside one).
        const what = context.wording ? context.wording.condition(selecting).replace(/^./, c => c.toUpperCase()) : runtimeCriterionText(selecting);
        return single(what, was.get(key(row.values))?.amount, is.get(key(row.values))?.amount, context.locale);
    });
}

function levelAmounts(before: ReadonlyArray<{ level: number; amount: OptionalAmount }>, after: ReadonlyArray<{ level: number; amount: OptionalAmount }>, locale: MessageLocale, label = locale === 'sv' ? 'nivå' : 'level'): AmountChange[] {
    const levels = [...new Set([...before.map(r => r.level), ...after.map(r => r.level)])].sort((a, b) => a - b);
    return levels.flatMap(level => single(`${label} ${level}`, before.find(r => r.level === level)?.amount, after.find(r => r.level === level)?.amount, locale));
}

function single(what: string, before: OptionalAmount | undefined, after: OptionalAmount | undefined, locale: MessageLocale): AmountChange[] {
    const was = amountText(before, locale);
    const is = amountText(after, locale);
    if (was === is) {
        return [];
    }
    const both = before && after && !('open' in before) && !('open' in after) && before.unit === after.unit && before.per === after.per;
    const difference = both ? withUnit(ExactNumber.parse(after.value).subtract(ExactNumber.parse(before.value)).toDecimal(), after, locale, true) : undefined;
    return [{ what, before: was, after: is, ...(difference ? { difference } : {}) }];
}

function parameterAmounts(before: Parameter, after: Parameter, locale: MessageLocale): AmountChange[] {
    // Every day a version starts or ends in either version is a boundary; between two, both versions are constant.
    const boundaries = new Set<string>();
    for (const version of [...before.versions, ...after.versions]) {
        boundaries.add(version.from);
        if (version.to) {
            boundaries.add(dayAfter(version.to));
        }
    }
    const days = [...boundaries].sort();
    const changes: Array<AmountChange & { from: string; to?: string }> = [];
    days.forEach((day, index) => {
        const was = amountText(valueOn(before, day), locale);
        const is = amountText(valueOn(after, day), locale);
        if (was === is) {
            return;
        }
        const to = days[index + 1] ? dayBefore(days[index + 1]) : undefined;
        const last = changes[changes.length - 1];
        if (last && last.before === was && last.after === is && last.to !== undefined && dayAfter(last.to) === day) {
            last.to = to; // the same change continues
            return;
        }
        const b = valueOn(before, day);
        const a = valueOn(after, day);
        const difference = b && a && b.unit === a.unit ? withUnit(ExactNumber.parse(a.value).subtract(ExactNumber.parse(b.value)).toDecimal(), a, locale, true) : undefined;
        changes.push({ what: '', from: day, ...(to ? { to } : {}), before: was, after: is, ...(difference ? { difference } : {}) });
    });
    return changes.map(({ from, to, ...change }) => ({ ...change, what: to ? `${from}–${to}` : (locale === 'sv' ? `från ${from}` : `from ${from}`) }));
}

/** The version in force on a day, as the runtime chooses it (an open end lasts until the next version starts). */
function valueOn(parameter: Parameter, day: string): Quantity | undefined {
    const versions = [...parameter.versions].sort((a, b) => a.from.localeCompare(b.from));
    for (let i = versions.length - 1; i >= 0; i--) {
        const version = versions[i];
        const next = versions[i + 1];
        if (version.from <= day && (version.to ? day <= version.to : !next || day < next.from)) {
            return version.value;
        }
    }
    return undefined;
}

function amountText(amount: OptionalAmount | undefined, locale: MessageLocale): string | null {
    if (!amount) {
        return null;
    }
    if ('open' in amount) {
        return locale === 'sv' ? 'ej angivet' : 'not given';
    }
    return withUnit(amount.value, amount, locale, false);
}

function withUnit(decimal: string, quantity: { unit: string; per?: AmountPer }, locale: MessageLocale, signed: boolean): string {
    const sign = signed && !decimal.startsWith('-') && decimal !== '0' ? '+' : '';
    // Kronor as reasons say them (öre in two decimals: 506,70 kr/h), with the plain spaces of the diff's text.
    const kronor = quantity.unit === 'kr' ? kronorDecimal(ExactNumber.parse(decimal)) : { decimal, exact: true };
    const about = kronor.exact ? '' : locale === 'sv' ? 'cirka ' : 'about ';
    const number = `${about}${locale === 'sv' ? swedishDecimal(kronor.decimal) : kronor.decimal}`;
    const per = amountPerText(quantity.per);
    return quantity.unit === 'none' ? `${sign}${number}` : `${sign}${number} ${quantity.unit}${per}`;
}

/**
 * A `collect` table's answer in words, as the runtime computes it: each column's sum, minimum or
 * maximum over the matching rows (with the unit of its cells), or the number of rows.
 */
function collectedText(table: DecisionTable, matching: readonly number[], locale: MessageLocale): string {
    const sv = locale === 'sv';
    if (table.aggregation === 'count') {
        return `${sv ? 'antal rader' : 'number of rows'} ${matching.length}`;
    }
    if (matching.length === 0 && (table.aggregation === 'min' || table.aggregation === 'max')) {
        return sv ? 'ingen rad' : 'no row';
    }
    return table.outputs.map((column, index) => {
        const cells = matching.map(row => table.rows[row].then[index]);
        // Formula cells (since 1.10) aggregate per case: said as the rows whose formulas are combined.
        if (cells.some(cell => 'formula' in cell)) {
            return `${column} ${table.aggregation ?? 'sum'} ${sv ? 'av rad' : 'of rows'} ${matching.map(row => row + 1).join(', ')}`;
        }
        // Dates (since 1.13): the earliest or latest, as the runtime takes it.
        const dates = cells.map(cell => ('date' in cell ? cell.date : undefined));
        if (dates.length > 0 && dates.every(date => date !== undefined)) {
            return `${column} ${collectedDate(dates as string[], table.aggregation) ?? (sv ? 'ej angivet' : 'not given')}`;
        }
        if (cells.some(cell => !quantityCell(cell))) {
            return `${column} ${sv ? 'ej angivet' : 'not given'}`;
        }
        const amounts = cells as Array<Extract<OptionalAmount, { value: string }>>;
        const values = amounts.map(cell => ExactNumber.parse(cell.value));
        const combined = table.aggregation === 'min' ? values.reduce((a, b) => (b.compare(a) < 0 ? b : a))
            : table.aggregation === 'max' ? values.reduce((a, b) => (b.compare(a) > 0 ? b : a))
                : values.reduce((a, b) => a.add(b), ExactNumber.ZERO);
        const unit = amounts[0] ?? table.rows.map(row => row.then[index]).find((cell): cell is Extract<OptionalAmount, { value: string }> => !!cell && 'value' in cell);
        return `${column} ${unit ? withUnit(combined.toDecimal(), unit, locale, false) : combined.toDecimal()}`;
    }).join(', ');
}

function cellText(cell: OptionalAmount | undefined, locale: MessageLocale): string {
    return amountText(cell, locale) ?? (locale === 'sv' ? 'ej angivet' : 'not given');
}

// ------------------------------------------------------------------ other properties

/**
 * The listed properties (all but id, name and place, when none are listed) whose meaning differs,
 * formulas and roundings named in words.
 */
function edited(before: CompiledElement, after: CompiledElement, context: DiffContext, fields: readonly string[] | undefined, answers: boolean): DiffEntry[] {
    const keys = fields ?? [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(k => !['id', 'kind', 'name', 'source', 'title'].includes(k));
    const changed = keys.filter(key => canonical((before as unknown as Record<string, unknown>)[key], context.renames) !== canonical((after as unknown as Record<string, unknown>)[key], new Map()));
    if (changed.length === 0) {
        return [];
    }
    return [{ change: 'edited', element: ref(after), fields: changed.map(key => fieldText(key, before, after, context.locale, context.wording)), answers }];
}

function fieldText(key: string, before: CompiledElement, after: CompiledElement, locale: MessageLocale, wording?: DiffWording): string {
    const expressionText = (expression: Expression) => (wording ? wording.formula(expression) : runtimeExpressionText(expression));
    const criterionText = (criterion: Criterion) => (wording ? wording.condition(criterion) : runtimeCriterionText(criterion));
    const sv = locale === 'sv';
    const show = (element: CompiledElement): string => {
        const value = (element as unknown as Record<string, unknown>)[key];
        if (value === undefined) {
            return sv ? 'inget' : 'none';
        }
        if ((key === 'value' || key === 'room' || key === 'ceiling') && typeof value === 'object') {
            return expressionText(value as never);
        }
        if (key === 'legalBasis' && Array.isArray(value)) {
            return (value as Array<{ text: string }>).map(basis => basis.text).join(', ');
        }
        if (key === 'rounding' && typeof value === 'object') {
            return roundingText(value as never);
        }
        if (key === 'eligibility' && typeof value === 'object') {
            const rule = value as Eligibility;
            return [`${sv ? 'beviljas när' : 'granted when'} ${criterionText(rule.inclusion)}`,
                ...rule.exclusions.map(e => [`${sv ? 'utom när' : 'except when'} ${criterionText(e.criterion)}`, ...e.exceptions.map(x => `${sv ? 'undantag när' : 'exception when'} ${criterionText(x)}`)].join(' '))].join(' ');
        }
        // An element it names (an insats, an area, a test phase) by its title.
        if (wording && ['service', 'services', 'area', 'role', 'phase', 'units', 'selectors'].includes(key) && (typeof value === 'string' || (Array.isArray(value) && value.every(v => typeof v === 'string')))) {
            return (Array.isArray(value) ? value : [value]).map(id => wording.title(id as string)).join(', ');
        }
        if (key === 'limits' && Array.isArray(value)) {
            return (value as CalculationLimit[]).map(limit => limit.text).join(', ');
        }
        if (key === 'domain' && after.kind === 'attribute') {
            return attributeTypeText(value as AttributeType, locale);
        }
        if (key === 'validity' || key === 'period') {
            const v = value as { from: string; to?: string };
            return v.to ? `${v.from}–${v.to}` : `${sv ? 'från' : 'from'} ${v.from}`;
        }
        return JSON.stringify(value);
    };
    const names: Record<string, [string, string]> = {
        value: ['formel', 'formula'], room: ['avgiftsutrymme', 'avgiftsutrymme'], ceiling: ['maxtaxa', 'maxtaxa'], rounding: ['avrundning', 'rounding'],
        validity: ['giltighet', 'validity'], period: ['period', 'period'], domain: ['värden', 'values'], services: ['insatser', 'services'],
        units: ['enheter', 'units'], selectors: ['beloppet efter', 'amount by'], phase: ['testfas', 'test phase'], duration: ['varaktighet', 'duration'], title: ['rubrik', 'title'],
        description: ['beskrivning', 'description'], goals: ['mål', 'goals'], per: ['period', 'period'], area: ['område', 'area'], role: ['roll', 'role'],
        service: ['insats', 'service'], levels: ['nivåer', 'levels'], legalBasis: ['lagstöd', 'legal basis'],
        eligibility: ['vem som kan beviljas', 'eligibility'], limits: ['gränser', 'limits'],
    };
    const label = names[key]?.[sv ? 0 : 1] ?? key;
    return `${label}: ${show(before)} → ${show(after)}`;
}

// ------------------------------------------------------------------ identity

function reads(element: CompiledElement, id: string): boolean {
    return JSON.stringify(element).includes(JSON.stringify(id));
}

function ref(element: CompiledElement): ElementRef {
    return { id: element.id, kind: element.kind, name: element.name, ...(element.title ? { title: element.title } : {}) };
}

function renamed(criterion: Criterion, renames: ReadonlyMap<string, string>): Criterion {
    if (renames.size === 0) {
        return criterion;
    }
    return JSON.parse(JSON.stringify(criterion, (_key, inner: unknown) => (typeof inner === 'string' && renames.has(inner) ? renames.get(inner) : inner))) as Criterion;
}
