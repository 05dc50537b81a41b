import type { CitizenInput } from './citizen.js';
import { include, type Inclusion, type InclusionContext } from './inclusion.js';
import { inForce } from './money.js';
import { place, type Placement } from './placement.js';
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
 * wrong gets a typed error in its place; the other answers still come. This is the register's inner
 * loop, so it walks the prepared models, pilots and tables directly.
 */
export function evaluateCase(runtime: PolicyRuntime, input: CaseInput, explain = false): CaseAnswer {
    if (!input || typeof input !== 'object' || !input.citizen || typeof input.citizen !== 'object') {
        throw new RegelrattRuntimeError('missing-attribute', 'Fallet saknar "citizen" med medborgarens egenskaper.', {});
    }
    const citizen = runtime.citizen(input.citizen);
    // Most cases: the generated fast path answers everything. Anything unusual (or no code
    // generation) is answered question by question, each error in its place.
    if (!explain) {
        try {
            const fast = runtime.prepared().answerCase?.(citizen, input);
            if (fast) {
                return fast;
            }
        } catch (error) {
            if (!(error instanceof RegelrattRuntimeError)) {
                throw error;
            }
        }
    }
    return answerAll(runtime, input, citizen, explain);
}

function answerAll(runtime: PolicyRuntime, input: CaseInput, citizen: ReturnType<PolicyRuntime['citizen']>, explain: boolean): CaseAnswer {
    const { models, pilots, tables } = runtime.prepared();
    const context: InclusionContext = { date: input.date, unit: input.unit, service: input.service };
    const placements: CaseAnswer['placements'] = [];
    for (const prepared of models) {
        try {
            placements.push(place(prepared, citizen, explain));
        } catch (error) {
            placements.push({ model: prepared.model.id, ...failed(error) });
        }
    }
    const inclusions: CaseAnswer['inclusions'] = [];
    for (const prepared of pilots) {
        try {
            inclusions.push(include(prepared, citizen, context, explain));
        } catch (error) {
            inclusions.push({ pilot: prepared.pilot.id, ...failed(error) });
        }
    }
    const compensation: CaseAnswer['compensation'] = [];
    if (input.level !== undefined) {
        for (const prepared of tables) {
            if (!inForce(prepared.table.validity, input.date)) {
                continue;
            }
            try {
                // Validity was checked just above.
                compensation.push({ table: prepared.table.id, amount: prepared.amountText(input.level) });
            } catch (error) {
                compensation.push({ table: prepared.table.id, ...failed(error) });
            }
        }
    }
    return input.id === undefined ? { placements, inclusions, compensation } : { id: input.id, placements, inclusions, compensation };
}
