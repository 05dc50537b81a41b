import { ExactNumber, matchCriterion, type Attribute, type CompiledElement, type CompiledPolicyFile, type Criterion, type ElementKind, type Validity } from '@regelratt/format';
import { elementsById, findRenames } from './renames.js';

/**
 * Whether a new version of a compiled policy breaks a system built against the old one: what the
 * consumer sends (attribute names and values), what it asks for (element ids, decision columns,
 * levels) and what it reads back (units, periods, the schema's major version). Each change is
 * `breaking` (a request that worked fails, or an answer means something else) or `additive` (new
 * things a consumer may ignore, or wider domains).
 */
export interface CompatibilityChange {
    severity: 'breaking' | 'additive';
    /** A stable code per kind of change, for tools. */
    code:
    | 'schema-major-changed' | 'element-removed' | 'element-renamed' | 'element-added' | 'attribute-type-changed'
    | 'enumeration-value-removed' | 'enumeration-value-added' | 'range-narrowed' | 'range-widened' | 'unit-changed'
    | 'attribute-newly-required' | 'column-removed' | 'column-added' | 'level-removed' | 'level-added' | 'validity-narrowed'
    | 'may-be-negative' | 'never-negative';
    /** The element concerned (old id for removals and renames). */
    element: string;
    /** The new id of a renamed element. */
    renamedTo?: string;
    /** What changed, in the consumer's terms, in Swedish or English. */
    text: string;
}

export interface Compatibility {
    changes: CompatibilityChange[];
    breaking: boolean;
}

/** Kinds a consumer asks for by id. */
const ASKED: ReadonlySet<ElementKind> = new Set(['attribute', 'pathwayModel', 'pilot', 'levelTable', 'fee', 'flatRate', 'placeRate', 'hourlyRate', 'calculation', 'decisionTable', 'parameter']);

export function compatibility(before: readonly CompiledPolicyFile[], after: readonly CompiledPolicyFile[], locale: 'sv' | 'en'): Compatibility {
    const sv = locale === 'sv';
    const t = (s: string, e: string) => (sv ? s : e);
    const changes: CompatibilityChange[] = [];
    const add = (severity: CompatibilityChange['severity'], code: CompatibilityChange['code'], element: string, text: string, renamedTo?: string) =>
        changes.push({ severity, code, element, ...(renamedTo ? { renamedTo } : {}), text });
    const major = (files: readonly CompiledPolicyFile[]) => [...new Set(files.map(f => String(f.schemaVersion).split('.')[0]))].join(',');
    if (major(before) !== major(after)) {
        add('breaking', 'schema-major-changed', '', t(`Schemats huvudversion ändras: ${major(before)} → ${major(after)}.`, `The schema's major version changes: ${major(before)} → ${major(after)}.`));
    }
    const old = elementsById(before);
    const next = elementsById(after);
    const renames = findRenames(old, next);
    const renamedTo = new Set(renames.values());
    for (const [id, element] of old) {
        if (!ASKED.has(element.kind)) {
            continue;
        }
        const counterpart = next.get(id);
        if (!counterpart) {
            // Same meaning under a new id is still a break for a consumer that asks by id; say which.
            const to = renames.get(id);
            if (to) {
                add('breaking', 'element-renamed', id, t(`${id} heter nu ${to}.`, `${id} is now ${to}.`), to);
            } else {
                add('breaking', 'element-removed', id, t(`${id} finns inte längre.`, `${id} no longer exists.`));
            }
            continue;
        }
        compareElement(element, counterpart, add, t);
    }
    for (const [id, element] of next) {
        if (!old.has(id) && ASKED.has(element.kind) && !renamedTo.has(id)) {
            add('additive', 'element-added', id, t(`Nytt: ${id}.`, `New: ${id}.`));
        }
    }
    // An attribute an element's criteria read in the new version and not in the old: a consumer that
    // sends only what the question needed before now gets `missing-attribute`.
    for (const [id, element] of next) {
        const previous = old.get(id);
        if (!previous) {
            continue;
        }
        const was = attributesRead(previous);
        for (const attribute of attributesRead(element)) {
            if (!was.has(attribute)) {
                add('breaking', 'attribute-newly-required', id, old.has(attribute)
                    ? t(`${id} läser nu ${attribute}, som en fråga förut kunde utelämna.`, `${id} now reads ${attribute}, which a question could leave out before.`)
                    : t(`${id} läser den nya egenskapen ${attribute}; frågorna måste ange den.`, `${id} reads the new attribute ${attribute}; questions must give it.`));
            }
        }
    }
    return { changes, breaking: changes.some(c => c.severity === 'breaking') };
}

type Add = (severity: CompatibilityChange['severity'], code: CompatibilityChange['code'], element: string, text: string) => void;

function compareElement(before: CompiledElement, after: CompiledElement, add: Add, t: (s: string, e: string) => string): void {
    const id = before.id;
    if (before.kind === 'attribute' && after.kind === 'attribute') {
        compareAttribute(before, after, add, t);
        return;
    }
    if (before.kind === 'decisionTable' && after.kind === 'decisionTable') {
        for (const column of before.outputs.filter(c => !after.outputs.includes(c))) {
            add('breaking', 'column-removed', id, t(`${id} har inte längre kolumnen ${column}.`, `${id} no longer has the column ${column}.`));
        }
        for (const column of after.outputs.filter(c => !before.outputs.includes(c))) {
            add('additive', 'column-added', id, t(`${id} har en ny kolumn ${column}.`, `${id} has a new column ${column}.`));
        }
    }
    if ((before.kind === 'levelTable' && after.kind === 'levelTable') || (before.kind === 'fee' && after.kind === 'fee')) {
        const levels = (e: typeof before) => new Set(e.kind === 'levelTable' ? e.rows.map(r => r.level) : e.kind === 'fee' ? [...e.caps, ...e.shares ?? [], ...e.amounts ?? []].map(r => r.level) : []);
        const was = levels(before);
        const is = levels(after);
        for (const level of [...was].filter(l => !is.has(l)).sort((a, b) => a - b)) {
            add('breaking', 'level-removed', id, t(`${id} har inte längre nivå ${level}.`, `${id} no longer has level ${level}.`));
        }
        for (const level of [...is].filter(l => !was.has(l)).sort((a, b) => a - b)) {
            add('additive', 'level-added', id, t(`${id} har en ny nivå ${level}.`, `${id} has a new level ${level}.`));
        }
        if (before.kind === 'levelTable' && after.kind === 'levelTable' && before.per !== after.per) {
            add('breaking', 'unit-changed', id, t(`${id} anger nu belopp per ${after.per ?? '–'}, förut per ${before.per ?? '–'}.`, `${id} now gives amounts per ${after.per ?? '–'}, before per ${before.per ?? '–'}.`));
        }
    }
    if (before.kind === 'calculation' && after.kind === 'calculation' && Boolean(before.mayBeNegative) !== Boolean(after.mayBeNegative)) {
        // A consumer may have relied on the amount never being below zero (a fee, a payment).
        if (after.mayBeNegative) {
            add('breaking', 'may-be-negative', id, t(`${id} kan nu bli negativ; förut var den aldrig under noll.`, `${id} may now be below zero; before, it never was.`));
        } else {
            add('additive', 'never-negative', id, t(`${id} är nu aldrig negativ; förut kunde den bli det.`, `${id} is now never below zero; before, it could be.`));
        }
    }
    const validity = (e: CompiledElement): Validity | undefined => ('validity' in e ? e.validity : undefined);
    if (narrower(validity(before), validity(after))) {
        add('breaking', 'validity-narrowed', id, t(`${id} gäller kortare än förut: ${text(validity(before))} → ${text(validity(after))}; frågor om dagarna utanför besvaras inte längre.`,
            `${id} is in force for less than before: ${text(validity(before))} → ${text(validity(after))}; questions about the days outside are no longer answered.`));
    }
}

function compareAttribute(before: Attribute, after: Attribute, add: Add, t: (s: string, e: string) => string): void {
    const id = before.id;
    const a = before.domain;
    const b = after.domain;
    if (a.type !== b.type) {
        add('breaking', 'attribute-type-changed', id, t(`${id} är nu ${b.type}, inte ${a.type}.`, `${id} is now ${b.type}, not ${a.type}.`));
        return;
    }
    if (a.type === 'enumeration' && b.type === 'enumeration') {
        const was = a.values.map(v => v.name);
        const is = b.values.map(v => v.name);
        for (const value of was.filter(v => !is.includes(v))) {
            add('breaking', 'enumeration-value-removed', id, t(`${id} har inte längre värdet ${value}.`, `${id} no longer has the value ${value}.`));
        }
        for (const value of is.filter(v => !was.includes(v))) {
            add('additive', 'enumeration-value-added', id, t(`${id} har ett nytt värde ${value}.`, `${id} has a new value ${value}.`));
        }
    }
    if ((a.type === 'integer' || a.type === 'decimal') && (b.type === 'integer' || b.type === 'decimal')) {
        const lower = ExactNumber.parse(b.min).compare(ExactNumber.parse(a.min));
        const upper = ExactNumber.parse(b.max).compare(ExactNumber.parse(a.max));
        if (lower > 0 || upper < 0) {
            add('breaking', 'range-narrowed', id, t(`${id} tar nu ${b.min}–${b.max}, förut ${a.min}–${a.max}.`, `${id} now takes ${b.min}–${b.max}, before ${a.min}–${a.max}.`));
        } else if (lower < 0 || upper > 0) {
            add('additive', 'range-widened', id, t(`${id} tar nu ${b.min}–${b.max}, förut ${a.min}–${a.max}.`, `${id} now takes ${b.min}–${b.max}, before ${a.min}–${a.max}.`));
        }
        if ((a.unit ?? '') !== (b.unit ?? '')) {
            add('breaking', 'unit-changed', id, t(`${id} räknas nu i ${b.unit ?? '(ingen enhet)'}, förut i ${a.unit ?? '(ingen enhet)'}.`, `${id} is now in ${b.unit ?? '(no unit)'}, before in ${a.unit ?? '(no unit)'}.`));
        }
    }
    if (a.type === 'money' && b.type === 'money' && a.per !== b.per) {
        add('breaking', 'unit-changed', id, t(`${id} är nu belopp per ${b.per ?? '–'}, förut per ${a.per ?? '–'}.`, `${id} is now an amount per ${b.per ?? '–'}, before per ${a.per ?? '–'}.`));
    }
}

function narrower(before: Validity | undefined, after: Validity | undefined): boolean {
    if (!after) {
        return false;
    }
    if (!before) {
        return true;
    }
    return after.from > before.from || (after.to !== undefined && (before.to === undefined || after.to < before.to));
}

function text(validity: Validity | undefined): string {
    return !validity ? '–' : validity.to ? `${validity.from}–${validity.to}` : `${validity.from}–`;
}

/** Every attribute an element's criteria read: what a consumer must send to ask it. */
function attributesRead(element: CompiledElement): Set<string> {
    const read = new Set<string>();
    // A comparison on the level (or another table's output) is no attribute a consumer sends.
    const leaf = (comparison: { attribute: string }) => {
        if (comparison.attribute.startsWith('attribute/')) {
            read.add(comparison.attribute);
        }
    };
    const visit = (criterion: Criterion | null | undefined): void => {
        if (criterion) {
            matchCriterion<void>(criterion, {
                all: c => c.all.forEach(visit),
                any: c => c.any.forEach(visit),
                not: c => visit(c.not),
                test: leaf,
                op: leaf,
                in: leaf,
                between: leaf,
                against: leaf,
            });
        }
    };
    if (element.kind === 'pathwayModel') {
        element.pathways.forEach(p => visit(p.criterion));
    } else if (element.kind === 'pilot') {
        visit(element.inclusion);
        element.exclusions.forEach(visit);
    } else if (element.kind === 'decisionTable') {
        element.rows.forEach(row => row.when.forEach(visit));
    } else if (element.kind === 'flatRate' || element.kind === 'placeRate' || element.kind === 'hourlyRate') {
        // A rate by the case (`efter regi`) reads its selectors: a case without them gets no amount.
        element.selectors?.forEach(selector => read.add(selector));
    }
    return read;
}
