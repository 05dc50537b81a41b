import { ExactNumber } from '@regelratt/format';
import type { PolicyRuntime } from '@regelratt/runtime';
import { elementId } from '../compiler/element-ids.js';
import { analysedFromCompiled, calculationRange, calculationWitness, regionContains, type AnalysedAttribute, type Region } from '@regelratt/analyses';
import type { CalculationFacts } from './decision-table-input.js';

/**
 * The calculation bound analysis as a decision table's analysis asks it about a calculation column
 * (`| beräkning x |`), on the compiled workspace's runtime: the value's proved bounds, and a citizen
 * the runtime answers with a value in a region. Nothing where the runtime cannot answer (a half-typed
 * workspace): the column is then judged over every number, as before.
 */
export function calculationFacts(runtime: PolicyRuntime | undefined): CalculationFacts | undefined {
    if (!runtime) {
        return undefined;
    }
    return {
        range: calculation => {
            try {
                return calculationRange(runtime, elementId(calculation));
            } catch {
                return undefined; // an element the compiled workspace lacks (being typed): no bound
            }
        },
        citizen: (calculation, region) => {
            try {
                const found = calculationWitness(runtime, elementId(calculation), value => regionContains(region, value));
                // A citizen at a level is no citizen of the table's columns alone: not claimed.
                if (!found || found.question.level !== undefined) {
                    return undefined;
                }
                const assignment = new Map<string, Region>();
                const attributes: AnalysedAttribute[] = [];
                for (const [name, value] of Object.entries(found.question.citizen)) {
                    const attribute = runtime.policy.all('attribute').find(a => a.name === name);
                    const analysed = attribute && analysedFromCompiled(attribute);
                    const point = analysed && pointRegion(analysed, value);
                    if (!analysed || !point) {
                        return undefined;
                    }
                    assignment.set(analysed.id, point);
                    attributes.push(analysed);
                }
                return { assignment, attributes };
            } catch {
                return undefined;
            }
        },
    };
}

/** One value of an attribute as a region: a choice or ja/nej, or a number; undefined for a date. */
function pointRegion(attribute: AnalysedAttribute, value: string | boolean): Region | undefined {
    const domain = attribute.domain;
    if (typeof value === 'boolean' || domain.kind === 'enumeration') {
        return { kind: 'value', value };
    }
    if (domain.kind !== 'integer' && domain.kind !== 'decimal') {
        return undefined;
    }
    const number = ExactNumber.parse(value);
    return { kind: 'range', lo: number, loClosed: true, hi: number, hiClosed: true, discrete: domain.kind === 'integer' };
}
