import type { CitizenValues } from './citizen.js';
import type { CriterionTrace } from './criteria.js';
import type { PreparedModel } from './policy-runtime.js';
import { RegelrattRuntimeError } from './runtime-error.js';

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
        throw new RegelrattRuntimeError('not-computable',
            holding.length > 2
                ? `${holding.length} förlopp gäller samtidigt (${holding.map(p => p.name).join(', ')}); en medborgare placeras i ett förlopp och högst ett sekundärt.`
                : `Flera förlopp gäller samtidigt (${holding.map(p => p.name).join(', ')}) utan att policyn tillåter det.`,
            { model: model.id, pathways: holding.map(p => p.id) });
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
