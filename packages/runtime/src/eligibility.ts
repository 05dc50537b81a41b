import type { Criterion, Service } from '@regelratt/format';
import { runtimeError } from './runtime-error.js';

/**
 * The clause of an insats's `beviljas när` that decided, numbered as a reader counts (from 1): the
 * inclusion (it failed, or it held and nothing excluded), an exclusion that applied, or the exception
 * that lifted an exclusion (the first one, when several exclusions were lifted).
 */
export type EligibilityClause =
    | { clause: 'inclusion' }
    | { clause: 'exclusion'; exclusion: number }
    | { clause: 'exception'; exclusion: number; exception: number };

export interface EligibilityAnswer {
    service: string;
    granted: boolean;
    decidedBy: EligibilityClause;
}

/**
 * Whether an insats may be granted to a citizen: the inclusion must hold, and every exclusion that
 * holds must be lifted by one of its exceptions. `holds` is the runtime's one comparison of criteria.
 */
export function grant(service: Service, holds: (criterion: Criterion) => boolean): EligibilityAnswer {
    const rule = service.eligibility;
    if (!rule) {
        throw runtimeError('no-eligibility-rule', { name: service.name }, { service: service.id });
    }
    if (!holds(rule.inclusion)) {
        return { service: service.id, granted: false, decidedBy: { clause: 'inclusion' } };
    }
    let lifted: EligibilityClause | undefined;
    for (const [index, exclusion] of rule.exclusions.entries()) {
        if (!holds(exclusion.criterion)) {
            continue;
        }
        const exception = exclusion.exceptions.findIndex(holds);
        if (exception < 0) {
            return { service: service.id, granted: false, decidedBy: { clause: 'exclusion', exclusion: index + 1 } };
        }
        lifted ??= { clause: 'exception', exclusion: index + 1, exception: exception + 1 };
    }
    return { service: service.id, granted: true, decidedBy: lifted ?? { clause: 'inclusion' } };
}
