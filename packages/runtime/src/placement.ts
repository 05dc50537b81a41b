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
 * Places a citizen in a förlopp of a model. If two hold and one allows the other as `sekundärt`,
 * the one that allows it (or, when both do, the first) is primary. Two that hold without being
 * allowed together is a contradiction the checker reports as `pathway-overlap`; here it is an error.
 */
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
    let pathway: string | null = null;
    let secondary: string | null = null;
    if (holding.length === 1) {
        pathway = holding[0].id;
    } else if (holding.length === 2) {
        const [a, b] = holding;
        if (a.secondary.includes(b.id)) {
            [pathway, secondary] = [a.id, b.id];
        } else if (b.secondary.includes(a.id)) {
            [pathway, secondary] = [b.id, a.id];
        }
    }
    if (holding.length > 1 && !secondary) {
        throw new RegelrattRuntimeError('not-computable',
            `Flera förlopp gäller samtidigt (${holding.map(p => p.name).join(', ')}) utan att policyn tillåter det.`,
            { model: model.id, pathways: holding.map(p => p.id) });
    }
    const placement: Placement = { model: model.id, pathway, secondary };
    if (explain) {
        placement.explanation = model.pathways.map((p, index) => {
            const criterion = criteria[index];
            return { pathway: p.id, met: holding.includes(p), ...(criterion ? { criterion: criterion.explain(values) } : {}) };
        });
    }
    return placement;
}
