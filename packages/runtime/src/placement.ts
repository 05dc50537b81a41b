import type { CitizenValues } from './citizen.js';
import type { CriterionTrace } from './criteria.js';
import type { PreparedModel } from './policy-runtime.js';
import { runtimeError } from './runtime-error.js';

export interface Placement {
    model: string;
    /** The förlopp the citizen is placed in, or null when no criterion holds. */
    pathway: string | null;
    /** A second förlopp that also holds and that the policy allows together with the first. */
    secondary: string | null;
    /** Each förlopp's criterion for this citizen, when an explanation was asked for. */
    explanation?: Array<{ pathway: string; met: boolean; criterion?: CriterionTrace }>;
}

/**
 * The one rule for several förlopp that hold at once, shared by the runtime and the checker's
 * coverage analysis: a citizen is placed in one förlopp and at most one secondary. Two that hold
 * are a placement when one allows the other as `sekundärt` (the one that allows it is primary; when
 * both do, the first). One that holds is the placement; none is no placement. Three or more that hold
 * at once, or two not allowed together, have no placement (undefined): a contradiction in the policy,
 * which the checker reports (`pathway-overlap`, `pathways-at-once`) and the runtime refuses.
 */
export function combinePathways<P extends { id: string; secondary: readonly string[] }>(holding: readonly P[]): { pathway: P | null; secondary: P | null } | undefined {
    if (holding.length <= 1) {
        return { pathway: holding[0] ?? null, secondary: null };
    }
    if (holding.length === 2) {
        const [a, b] = holding;
        if (a.secondary.includes(b.id)) {
            return { pathway: a, secondary: b };
        }
        if (b.secondary.includes(a.id)) {
            return { pathway: b, secondary: a };
        }
    }
    return undefined;
}

/** Places a citizen in a förlopp of a model, by `combinePathways`; a contradiction is an error here. */
export function place(prepared: PreparedModel, values: CitizenValues, explain: boolean): Placement {
    const { model, criteria, select } = prepared;
    if (select && !explain) {
        const mask = select(values);
        if (mask !== 0 && (mask & (mask - 1)) === 0) {
            // The common case: exactly one förlopp holds.
            return { model: model.id, pathway: prepared.pathwayIds[31 - Math.clz32(mask)], secondary: null };
        }
    }
    const holding = model.pathways.filter((_, index) => criteria[index]?.test(values) ?? false);
    const combined = combinePathways(holding);
    if (!combined) {
        const names = holding.map(p => p.name);
        const details = { model: model.id, pathways: holding.map(p => p.id) };
        throw holding.length > 2
            ? runtimeError('too-many-pathways', { count: holding.length, names }, details)
            : runtimeError('pathways-not-allowed-together', { names }, details);
    }
    const pathway = combined.pathway?.id ?? null;
    const secondary = combined.secondary?.id ?? null;
    const placement: Placement = { model: model.id, pathway, secondary };
    if (explain) {
        placement.explanation = model.pathways.map((p, index) => {
            const criterion = criteria[index];
            return { pathway: p.id, met: holding.includes(p), ...(criterion ? { criterion: criterion.explain(values) } : {}) };
        });
    }
    return placement;
}
