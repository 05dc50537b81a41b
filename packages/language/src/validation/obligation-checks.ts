import { groupBy } from '../utils/group-by.js';
import { WorkspaceCache, type AstNode, type ValidationChecks } from 'langium';
import type { Guideline, Obligation, Policy, RegelrattAstType } from '../generated/ast.js';
import { isGuideline } from '../generated/ast.js';
import { analysisInput } from '../analysis/analysis-input.js';
import { firstCommonDay } from '@regelratt/analyses';
import { applyTogether } from '@regelratt/analyses';
import type { RegelrattServices } from '../regelratt-module.js';
import { relatedAt } from './related-location.js';
import { createReport } from './report.js';

/** The force as a writer reads it; Langium joins a value's keywords (`ska inte` arrives as `skainte`). */
const forceText: Record<string, string> = {
    ska: 'ska', skainte: 'ska inte', bör: 'bör', börinte: 'bör inte', får: 'får', fårinte: 'får inte',
};

function isNegative(obligation: Obligation): boolean {
    return obligation.force?.endsWith('inte') ?? false;
}

/**
 * Whether two obligations can apply to one citizen, by their conditions (`när`) and exceptions
 * (`undantag när`): a main rule and its exception written as two obligations on one act are not a
 * contradiction. Without conditions, or where the criteria cannot be analysed yet (an unresolved
 * name, reported elsewhere), they are taken to meet, as before conditions existed.
 */
function canMeet(a: Obligation, b: Obligation): boolean {
    const criteria = (o: Obligation) => [...(o.condition ? [o.condition] : []), ...o.exceptions.map(e => e.condition)];
    if (criteria(a).length === 0 && criteria(b).length === 0) {
        return true;
    }
    const input = analysisInput([...criteria(a), ...criteria(b)]);
    if (!input) {
        return true;
    }
    const split = (o: Obligation, from: number) => {
        const own = input.criteria.slice(from, from + criteria(o).length);
        return o.condition ? { condition: own[0], exceptions: own.slice(1) } : { exceptions: own };
    };
    return applyTogether(split(a, 0), split(b, criteria(a).length), input.attributes) !== undefined;
}

/** When the obligation is in force: its own validity, else its guideline's, else always. */
function inForce(obligation: Obligation): { from: string; to?: string } {
    const validity = obligation.validity ?? (obligation.$container as Guideline).validity;
    return validity ? { from: validity.from, to: validity.to } : { from: '0000-01-01' };
}


/**
 * Measurable terms can be met, and no two obligations in force on the same day say opposite things
 * (`ska` / `får` against `ska inte` / `får inte`, `bör` against `bör inte`) about the same action
 * (`åtgärd`) for the same thing: an error. Where one or both name no `åtgärd`, their text is free
 * prose and they need not be about the same act, so opposite obligations about the same thing in
 * force on the same day are a warning that asks for the act to be named.
 */
export function obligationChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const documents = services.shared.workspace.LangiumDocuments;
    const byAction = new WorkspaceCache<string, Map<string, Obligation[]>>(services.shared);
    // Obligations live only in guidelines, which are top-level elements: no walk through every node of every file.
    const allObligations = (): Obligation[] => documents.all.toArray().flatMap(document =>
        (document.parseResult.value as Policy).elements?.filter(isGuideline).flatMap(guideline => guideline.obligations) ?? []);
    const obligationsFor = (action: string): Obligation[] => byAction.get('all', () => groupBy(
        allObligations().filter(o => o.action !== undefined),
        obligation => obligation.action!,
    )).get(action) ?? [];

    // Per thing, the obligations about it that have a force, split by polarity: each obligation is
    // compared with the opposite ones only (walking all of them made this check quadratic in the
    // obligations about one thing). Each list in document order, so the first reported is as before.
    const byThing = new WorkspaceCache<string, Map<AstNode, Record<'negative' | 'positive', Obligation[]>>>(services.shared);
    const opposedAbout = (thing: AstNode, obligation: Obligation): Obligation[] => {
        const lists = byThing.get('all', () => {
            const map = new Map<AstNode, Record<'negative' | 'positive', Obligation[]>>();
            for (const other of allObligations()) {
                if (!other.force) {
                    continue;
                }
                for (const governed of other.governs) {
                    if (governed.ref) {
                        let entry = map.get(governed.ref);
                        if (!entry) {
                            entry = { negative: [], positive: [] };
                            map.set(governed.ref, entry);
                        }
                        entry[isNegative(other) ? 'negative' : 'positive'].push(other);
                    }
                }
            }
            return map;
        }).get(thing);
        return lists?.[isNegative(obligation) ? 'positive' : 'negative'] ?? [];
    };

    return {
        Frequency: (frequency, accept) => {
            const every = frequency.every ?? (frequency.count !== undefined ? Number(frequency.count) : 1);
            if (every === 0) {
                createReport(accept, locale)('impossible-term', { what: locale.current === 'sv' ? 'Ett intervall' : 'An interval', unit: frequency.unit }, { node: frequency });
            }
        },
        Deadline: (deadline, accept) => {
            if (Number(deadline.amount) === 0) {
                createReport(accept, locale)('impossible-term', { what: locale.current === 'sv' ? 'En frist' : 'A deadline', unit: deadline.unit }, { node: deadline });
            }
        },
        Obligation: (obligation, accept) => {
            const report = createReport(accept, locale);
            for (const governed of obligation.governs) {
                const thing = governed.ref;
                if (!thing || !obligation.force) {
                    continue;
                }
                for (const other of opposedAbout(thing, obligation)) {
                    // Both with an åtgärd is the error below; different åtgärder are different acts.
                    if (obligation.action && other.action) {
                        continue;
                    }
                    const day = firstCommonDay(inForce(obligation), inForce(other));
                    if (day && canMeet(obligation, other)) {
                        report('possibly-contradicting-obligations', {
                            other: `${other.name} (${(other.$container as Guideline).name})`,
                            force: forceText[obligation.force], otherForce: forceText[other.force],
                            thing: thing.name, date: day === '0000-01-01' ? (locale.current === 'sv' ? 'början' : 'the start') : day,
                        }, { node: obligation, property: 'force', relatedInformation: relatedAt(other, other.name) });
                        break;
                    }
                }
            }
            if (!obligation.action) {
                return;
            }
            const things = new Set(obligation.governs.map(g => g.ref).filter(Boolean));
            for (const other of obligationsFor(obligation.action)) {
                if (other === obligation || !other.force || !obligation.force || isNegative(other) === isNegative(obligation)) {
                    continue;
                }
                const shared = other.governs.map(g => g.ref).find(thing => thing && things.has(thing));
                const day = firstCommonDay(inForce(obligation), inForce(other));
                if (shared && day && canMeet(obligation, other)) {
                    report('contradicting-obligations', {
                        other: `${other.name} (${(other.$container as Guideline).name})`,
                        force: forceText[obligation.force], otherForce: forceText[other.force],
                        action: obligation.action, thing: shared.name, date: day === '0000-01-01' ? (locale.current === 'sv' ? 'början' : 'the start') : day,
                    }, { node: obligation, property: 'force', relatedInformation: relatedAt(other, other.name) });
                }
            }
        },
    };
}
