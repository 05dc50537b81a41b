import type { CitizenValues } from './citizen.js';
import { runtimeError } from './runtime-error.js';
import type { CriterionTrace } from './criteria.js';
import type { PreparedPilot } from './policy-runtime.js';

export interface InclusionContext {
    date?: string;
    unit?: string;
    service?: string;
}

export interface Inclusion {
    pilot: string;
    included: boolean;
    /**
     * Every requirement, met or failed: the inclusion rule, each exclusion, and date, unit and
     * service when given. Once one fails the rest are listed unevaluated (`evaluated: false`), as
     * the answer does not depend on them.
     */
    requirements: Array<{ requirement: string; met: boolean; evaluated?: false; criterion?: CriterionTrace }>;
}

/** Whether a day lies in a period (an open end runs on). */
export function inPeriod(period: { from: string; to?: string }, date: string): boolean {
    return date >= period.from && (!period.to || date <= period.to);
}

/** Whether a unit or service, given by id or plain name (in any Unicode normal form), is among the pilot's ids. */
export function listed(ids: readonly string[], reference: string): boolean {
    const name = reference.normalize('NFC');
    return ids.some(id => id === name || id.endsWith(`/${name}`));
}

/** Decides whether a citizen (at a unit, for a service, on a date) is included in a pilot, with each requirement. */
export function include(prepared: PreparedPilot, values: CitizenValues, context: InclusionContext, explain: boolean): Inclusion {
    const { pilot, inclusion, exclusions, admits } = prepared;
    if (pilot.period && context.date === undefined) {
        // A pilot runs for a period: without the day, "included" would be a guess.
        throw runtimeError('pilot-without-date', { name: pilot.name, from: pilot.period.from, ...(pilot.period.to ? { to: pilot.period.to } : {}) }, { pilot: pilot.id });
    }
    if (!explain) {
        // The register path: no trace, no closures, stop at the first failed requirement.
        let included = true;
        if (admits) {
            included = admits(values);
        } else {
            included = !inclusion || inclusion.test(values);
            for (let i = 0; included && i < exclusions.length; i++) {
                included = !exclusions[i].test(values);
            }
        }
        included &&= (!pilot.period || inPeriod(pilot.period, context.date!))
            && (!context.unit || pilot.units.length === 0 || listed(pilot.units, context.unit))
            && (!context.service || pilot.services.length === 0 || listed(pilot.services, context.service));
        return { pilot: pilot.id, included, requirements: [] };
    }
    const requirements: Inclusion['requirements'] = [];
    let included = true;
    const record = (requirement: string, met: boolean, criterion?: () => CriterionTrace) => {
        included &&= met;
        requirements.push({ requirement, met, ...(criterion ? { criterion: criterion() } : {}) });
    };
    const unevaluated = (requirement: string, outline?: CriterionTrace) => {
        requirements.push({ requirement, met: false, evaluated: false, ...(outline ? { criterion: outline } : {}) });
    };
    if (inclusion) {
        record('inkludera', inclusion.test(values), () => inclusion.explain(values));
    }
    exclusions.forEach((exclusion, index) => {
        if (included) {
            record(`exkludera ${index + 1}`, !exclusion.test(values), () => exclusion.explain(values));
        } else {
            unevaluated(`exkludera ${index + 1}`, exclusion.outline());
        }
    });
    if (pilot.period) {
        record(`period ${pilot.period.from}–${pilot.period.to ?? ''}`, inPeriod(pilot.period, context.date!));
    }
    if (context.unit && pilot.units.length > 0) {
        record(`enhet ${context.unit}`, listed(pilot.units, context.unit));
    }
    if (context.service && pilot.services.length > 0) {
        record(`insats ${context.service}`, listed(pilot.services, context.service));
    }
    return { pilot: pilot.id, included, requirements };
}
