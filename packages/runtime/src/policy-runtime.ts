import { ExactNumber, type Attribute, type CompiledPolicyFile } from '@regelratt/format';
import { CitizenValues, type CitizenInput } from './citizen.js';
import { compileCriterion, type CompiledCriterion } from './criteria.js';
import { include, type Inclusion, type InclusionContext } from './inclusion.js';
import { compensation, fee, netEffect, type Amount, type MoneyTrace } from './money.js';
import { place, type Placement } from './placement.js';
import { PolicySet } from './policy-set.js';

export interface AskOptions {
    /** Attach the explanation trace: which criteria, values and parameter versions decided the answer. */
    explain?: boolean;
}

/**
 * The questions a consuming system asks of a compiled policy. Criteria are compiled into functions
 * once, on first use, so evaluating a whole register costs one pass of plain function calls per citizen.
 */
export class PolicyRuntime {
    readonly policy: PolicySet;
    private readonly attributes: Map<string, Attribute>;
    private readonly criteria = new Map<string, CompiledCriterion>();

    constructor(files: readonly CompiledPolicyFile[]) {
        this.policy = PolicySet.load(files);
        this.attributes = new Map(this.policy.all('attribute').map(a => [a.id, a]));
    }

    /** Reads a citizen's values lazily: each attribute is checked against its domain when a question first needs it. */
    citizen(input: CitizenInput): CitizenValues {
        return new CitizenValues(input, this.attributes);
    }

    placeInPathway(model: string, citizen: CitizenInput | CitizenValues, options: AskOptions = {}): Placement {
        const definition = this.policy.get(model, 'pathwayModel');
        const criteria = new Map<string, CompiledCriterion>();
        for (const pathway of definition.pathways) {
            if (pathway.criterion) {
                criteria.set(pathway.id, this.compiled(pathway.id, pathway.criterion));
            }
        }
        return place(definition, criteria, this.values(citizen), options.explain ?? false);
    }

    checkInclusion(pilot: string, citizen: CitizenInput | CitizenValues, context: InclusionContext = {}, options: AskOptions = {}): Inclusion {
        const definition = this.policy.get(pilot, 'pilot');
        const inclusion = definition.inclusion ? this.compiled(`${definition.id}#inkludera`, definition.inclusion) : undefined;
        const exclusions = definition.exclusions.map((c, i) => this.compiled(`${definition.id}#exkludera${i}`, c));
        return include(definition, inclusion, exclusions, this.values(citizen), context, options.explain ?? false);
    }

    compensation(table: string, level: number, date?: string): Amount {
        return compensation(this.policy.get(table, 'levelTable'), level, date);
    }

    fee(feeName: string, level: number, citizen: CitizenInput | CitizenValues, date: string): Amount {
        return fee(this.policy, this.policy.get(feeName, 'fee'), level, this.values(citizen), date);
    }

    netEffect(question: { table: string; before: number | null; after: number | null; hours: string | number; rate: string; months: number; date?: string }): { monthly: string; total: string; trace: MoneyTrace[] } {
        const hours = ExactNumber.parse(typeof question.hours === 'number' ? String(question.hours) : question.hours.replace(',', '.'));
        return netEffect(this.policy.get(question.table, 'levelTable'), question.before, question.after, hours,
            this.policy.get(question.rate, 'hourlyRate'), question.months, question.date);
    }

    private values(citizen: CitizenInput | CitizenValues): CitizenValues {
        return citizen instanceof CitizenValues ? citizen : this.citizen(citizen);
    }

    private compiled(key: string, criterion: Parameters<typeof compileCriterion>[0]): CompiledCriterion {
        let compiled = this.criteria.get(key);
        if (!compiled) {
            compiled = compileCriterion(criterion, this.attributes);
            this.criteria.set(key, compiled);
        }
        return compiled;
    }
}
