import type { CitizenInput } from './citizen.js';
import type { Inclusion } from './inclusion.js';
import type { Placement } from './placement.js';
import type { PolicyRuntime } from './policy-runtime.js';
import { RegelrattRuntimeError } from './runtime-error.js';

/** One case as a consuming system sends it (one line of a register). */
export interface CaseInput {
    /** Attribute name → value. */
    citizen: CitizenInput;
    /** The citizen's assessed level, for compensation. */
    level?: number;
    /** The day to answer for; compensation tables and pilot periods are chosen by it. */
    date?: string;
    unit?: string;
    service?: string;
    /** Any identifier of the case, echoed back so answers can be joined to cases. */
    id?: unknown;
}

type Failed = { error: { code: string; message: string; details: Record<string, unknown> } };

/** Everything the policy says about one case: each förlopp model, each pilot, each table in force. */
export interface CaseAnswer {
    id?: unknown;
    placements: Array<Placement | ({ model: string } & Failed)>;
    inclusions: Array<Inclusion | ({ pilot: string } & Failed)>;
    compensation: Array<{ table: string; amount: string } | ({ table: string } & Failed)>;
}

function failed(error: unknown): Failed {
    if (error instanceof RegelrattRuntimeError) {
        return { error: error.toJSON() };
    }
    throw error;
}

/**
 * Answers every question the policy can answer about a case. A question whose input is missing or
 * wrong gets a typed error in its place; the other answers still come.
 */
export function evaluateCase(runtime: PolicyRuntime, input: CaseInput, explain = false): CaseAnswer {
    if (!input || typeof input !== 'object' || !input.citizen || typeof input.citizen !== 'object') {
        throw new RegelrattRuntimeError('missing-attribute', 'Fallet saknar "citizen" med medborgarens egenskaper.', {});
    }
    const citizen = runtime.citizen(input.citizen);
    const policy = runtime.policy;
    const answer: CaseAnswer = {
        ...(input.id !== undefined ? { id: input.id } : {}),
        placements: policy.all('pathwayModel').map(model => {
            try {
                return runtime.placeInPathway(model.id, citizen, { explain });
            } catch (error) {
                return { model: model.id, ...failed(error) };
            }
        }),
        inclusions: policy.all('pilot').map(pilot => {
            try {
                return runtime.checkInclusion(pilot.id, citizen, { date: input.date, unit: input.unit, service: input.service }, { explain });
            } catch (error) {
                return { pilot: pilot.id, ...failed(error) };
            }
        }),
        compensation: [],
    };
    if (input.level !== undefined) {
        for (const table of policy.all('levelTable')) {
            const inForce = !input.date || !table.validity || (table.validity.from <= input.date && (!table.validity.to || input.date <= table.validity.to));
            if (!inForce) {
                continue;
            }
            try {
                answer.compensation.push({ table: table.id, amount: runtime.compensation(table.id, input.level, input.date).amount });
            } catch (error) {
                answer.compensation.push({ table: table.id, ...failed(error) });
            }
        }
    }
    return answer;
}
