import { FeelDate } from 'feelin';
import { expect } from 'vitest';
import { ExactNumber, matchCriterion, type Attribute, type Calculation, type CompiledElement, type CompiledPolicyFile, type Criterion, type DecisionTable, type PathwayModel, type Pilot } from '@regelratt/format';
import { exampleCoverage } from '@regelratt/language';
import { PolicyRuntime, RegelrattRuntimeError } from '../../packages/runtime/src/index.js';
import { exportDmn } from '../../packages/cli/src/dmn/export-dmn.js';
import { dmnPolicy } from '../../packages/cli/src/dmn/write-dmn.js';
import { evaluateWithRequirements, feelInput, readDmn, type DecimalValue, type DmnAnswer, type ReadDecision } from './dmn-evaluator.js';

/**
 * Holds the exported DMN of compiled policy files to the runtime: every decision, read by
 * dmn-moddle and evaluated with feelin (dmn-evaluator.ts), for the example citizen of every region
 * of the case split over its criteria (the regions the coverage analysis reports) and for random
 * citizens near the constants its criteria compare with. Returns how many inputs agreed.
 */
/** An answer as both sides can state it: outputs as text (numbers compared exactly), none, or a conflict between rules. */
export type Normal = { kind: 'value'; value: unknown } | { kind: 'none' } | { kind: 'conflict' };

const decimal = (value: unknown): value is DecimalValue => typeof value === 'object' && value !== null && 'decimal' in value;
/**
 * A number feelin computed (a formula output, a calculation) is a binary float: it is read back at
 * 15 significant digits, which undoes the float's last-place error; agreement with the runtime is
 * then asserted to the öre (`agrees`).
 */
const fromFloat = (value: number) => ExactNumber.parse(Number(value.toPrecision(15)).toFixed(12).replace(/\.?0+$/, ''));
const exact = (values: unknown[]) => (values.some(v => !decimal(v) && typeof v !== 'number') ? null : values.map(v => (typeof v === 'number' ? fromFloat(v) : ExactNumber.parse((v as DecimalValue).decimal))));
/**
 * FEEL dates ordered by their ISO text, which orders as the days do (four-digit years): DMN's min and max
 * over dates (DMN 1.5, 10.3.4.4). Kept as dates, so a decision that requires the answer compares a date.
 */
const days = (values: unknown[]) => (values.length > 0 && values.every(v => v instanceof FeelDate) ? [...values].sort((a, b) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0)) : undefined);
const aggregate = {
    sum: (values: unknown[]) => exact(values)?.reduce((a, b) => a.add(b), ExactNumber.ZERO).toDecimal(20) ?? null,
    min: (values: unknown[]) => days(values)?.[0] ?? exact(values)?.reduce((a, b) => (b.compare(a) < 0 ? b : a)).toDecimal(20) ?? null,
    max: (values: unknown[]) => days(values)?.at(-1) ?? exact(values)?.reduce((a, b) => (b.compare(a) > 0 ? b : a)).toDecimal(20) ?? null,
    count: (n: number) => String(n),
};

/** A DMN value as the runtime writes answers: a number as its exact decimal, ja/nej, text, a date as `YYYY-MM-DD`; null. */
function text(value: unknown): unknown {
    if (value instanceof FeelDate) {
        return String(value);
    }
    if (decimal(value)) {
        return ExactNumber.parse(value.decimal).toDecimal(20);
    }
    if (typeof value === 'number') {
        return { computed: fromFloat(value).toDecimal(12) };
    }
    if (typeof value === 'boolean') {
        return value ? 'ja' : 'nej';
    }
    if (Array.isArray(value)) {
        return value.map(text);
    }
    if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) {
        return ExactNumber.parse(value).toDecimal(20);
    }
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, text(inner)]));
    }
    return value;
}

/**
 * Whether DMN's answer is the runtime's, a computed number to the öre: a formula's float against
 * the runtime's exact value differs by less than half an öre.
 */
export function agrees(dmn: unknown, ours: unknown): boolean {
    if (dmn !== null && typeof dmn === 'object' && 'computed' in dmn) {
        if (typeof ours !== 'string') {
            return false;
        }
        const difference = ExactNumber.parse((dmn as { computed: string }).computed).subtract(ExactNumber.parse(ours));
        return difference.compare(ExactNumber.of(1n, 200n)) < 0 && difference.compare(ExactNumber.of(-1n, 200n)) > 0;
    }
    if (Array.isArray(dmn) && Array.isArray(ours)) {
        return dmn.length === ours.length && dmn.every((value, index) => agrees(value, ours[index]));
    }
    if (dmn !== null && typeof dmn === 'object' && ours !== null && typeof ours === 'object') {
        const keys = Object.keys(dmn);
        return keys.length === Object.keys(ours).length && keys.every(key => agrees((dmn as Record<string, unknown>)[key], (ours as Record<string, unknown>)[key]));
    }
    return JSON.stringify(dmn) === JSON.stringify(ours);
}

function fromDmn(answer: DmnAnswer): Normal {
    return answer.kind === 'value' ? { kind: 'value', value: text(answer.value) } : answer.kind === 'none' ? { kind: 'none' } : { kind: 'conflict' };
}

const CONFLICTS = new Set(['rows-not-unique', 'rows-disagree', 'too-many-pathways', 'pathways-not-allowed-together']);

export function fromRuntime(answer: () => unknown): Normal {
    try {
        return { kind: 'value', value: text(answer()) };
    } catch (error) {
        if (error instanceof RegelrattRuntimeError && error.code === 'no-matching-row') {
            return { kind: 'none' };
        }
        if (error instanceof RegelrattRuntimeError && CONFLICTS.has(error.code)) {
            return { kind: 'conflict' };
        }
        throw error;
    }
}

/** The runtime's answer to the question the DMN decision of `element` answers (on `date`, where its DMN took a parameter's value then). */
export function runtimeAnswer(runtime: PolicyRuntime, element: CompiledElement, citizen: Record<string, string>, date?: string): Normal {
    const { nivå, ...rest } = citizen;
    switch (element.kind) {
        case 'calculation': {
            const calculation = element as Calculation;
            return fromRuntime(() => runtime.calculate(calculation.id, { date: date ?? '2025-01-01', citizen: rest, ...(nivå !== undefined ? { level: Number(nivå) } : {}) }, { explain: false }).amount);
        }
        case 'decisionTable': {
            const table = element as DecisionTable;
            return fromRuntime(() => {
                const decision = runtime.decide(table.id, { date: table.validity?.from ?? date ?? '2025-01-01', citizen: rest, ...(nivå !== undefined ? { level: Number(nivå) } : {}) });
                const shaped = (outputs: Record<string, string | null>) => (table.outputs.length === 1 ? outputs[table.outputs[0]] : outputs);
                // The list policies: every matching row's outputs, in order, as DMN's list of results.
                return decision.list ? decision.list.map(shaped) : shaped(decision.outputs);
            });
        }
        case 'pathwayModel': {
            const model = element as PathwayModel;
            const collects = model.pathways.some(p => p.secondary.length > 0);
            const answer = fromRuntime(() => {
                const placed = runtime.placeInPathway(model.id, citizen);
                // Under COLLECT the DMN answer is every förlopp that holds: the runtime's placement as a set.
                return collects ? [placed.pathway, placed.secondary].filter(p => p !== null).sort() : placed.pathway;
            });
            return answer.kind === 'value' && answer.value === null ? { kind: 'none' } : answer;
        }
        case 'pilot': {
            const pilot = element as Pilot;
            return fromRuntime(() => runtime.checkInclusion(pilot.id, citizen, pilot.period ? { date: pilot.period.from } : {}).included);
        }
        default:
            throw new Error(`no DMN decision for ${element.kind}`);
    }
}

/** The constants the criteria of an element compare each attribute with, for random citizens near them. */
function constants(element: CompiledElement): Map<string, string[]> {
    const found = new Map<string, string[]>();
    const add = (attribute: string, value: string) => found.set(attribute, [...(found.get(attribute) ?? []), value]);
    const visit = (criterion: Criterion): void => matchCriterion<void>(criterion, {
        all: all => all.all.forEach(visit), any: any => any.any.forEach(visit), not: not => visit(not.not),
        test: () => undefined,
        op: leaf => { const v = leaf.value; if ('number' in v) add(leaf.attribute, v.number); else if ('date' in v) add(leaf.attribute, v.date); },
        in: leaf => leaf.in.forEach(v => 'number' in v && add(leaf.attribute, v.number)),
        between: leaf => { add(leaf.attribute, leaf.between.min); add(leaf.attribute, leaf.between.max); },
        // A named value is no constant: a parameter is written as its value, another attribute as its name (the tests use small domains).
        against: () => undefined,
    });
    const criteria: Criterion[] = element.kind === 'calculation' ? [] : element.kind === 'decisionTable' ? (element as DecisionTable).rows.flatMap(row => row.when.filter((c): c is Criterion => c !== null))
        : element.kind === 'pathwayModel' ? (element as PathwayModel).pathways.flatMap(p => (p.criterion ? [p.criterion] : []))
            : [...((element as Pilot).inclusion ? [(element as Pilot).inclusion!] : []), ...(element as Pilot).exclusions];
    criteria.forEach(visit);
    return found;
}

/** A seeded generator, so a failure is the same on every run. */
function generator(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state / 2 ** 32;
    };
}

/** The names of the input data a decision reads, its own and through the decisions it requires, in order. */
function inputNames(decision: ReadDecision, read: { decisions: ReadDecision[]; inputData: Array<{ id: string; name: string }> }): string[] {
    const names: string[] = [];
    const visit = (d: ReadDecision) => {
        for (const input of d.inputs) {
            if (read.inputData.some(data => data.name === input.expression) && !names.includes(input.expression)) {
                names.push(input.expression);
            }
        }
        for (const required of d.requiredInputs) {
            const name = read.inputData.find(data => `#${data.id}` === required)?.name;
            if (name !== undefined && !names.includes(name)) {
                names.push(name);
            }
        }
        d.requiredDecisions.forEach(id => visit(read.decisions.find(other => `#${other.id}` === id)!));
    };
    visit(decision);
    return names;
}

function randomCitizen(names: readonly string[], attributes: Map<string, Attribute>, near: Map<string, string[]>, random: () => number): Record<string, string> {
    const citizen: Record<string, string> = {};
    const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
    for (const name of names) {
        const attribute = [...attributes.values()].find(a => a.name === name);
        const domain = attribute?.domain ?? { type: 'integer' as const, min: '0', max: '10' };
        const nearby = near.get(attribute?.id ?? 'level/nivå') ?? [];
        switch (domain.type) {
            case 'boolean': citizen[name] = pick(['ja', 'nej']); break;
            case 'enumeration': citizen[name] = pick(domain.values).name; break;
            case 'date': {
                const base = nearby.length > 0 ? pick(nearby) : '2024-06-15';
                const day = new Date(`${base}T00:00:00Z`);
                day.setUTCDate(day.getUTCDate() + pick([-1, 0, 1, 30]));
                citizen[name] = day.toISOString().slice(0, 10);
                break;
            }
            default: {
                const min = 'min' in domain ? ExactNumber.parse(domain.min) : ExactNumber.ZERO;
                const max = 'max' in domain ? ExactNumber.parse(domain.max) : ExactNumber.of(100000n);
                const whole = domain.type === 'integer' || name === 'nivå';
                const base = nearby.length > 0 && random() < 0.8 ? ExactNumber.parse(pick(nearby)) : min.add(max.subtract(min).multiply(ExactNumber.parse(random().toFixed(4))));
                const step = whole ? pick([-1n, 0n, 1n]) : pick([-1n, 0n, 1n]);
                let value = whole ? ExactNumber.of(base.floor() + step) : base.add(ExactNumber.of(step, 2n));
                value = value.compare(min) < 0 ? min : value.compare(max) > 0 ? max : value;
                citizen[name] = value.toDecimal(4);
            }
        }
    }
    return citizen;
}

const RANDOM_CITIZENS = 40;


export interface Agreement {
    decisions: number;
    regions: number;
    random: number;
    /** The DMN hit policies (with aggregation) of the decisions compared. */
    hitPolicies: Set<string>;
    /** Of the answers that agreed, those with a number feelin computed (a formula output, a calculation), to the öre. */
    computed: number;
}

/** `date`: the day the export takes every parameter's value on (`--date`), and the runtime answers on. */
export async function compareWithRuntime(files: CompiledPolicyFile[], seed: number, randomCitizens = RANDOM_CITIZENS, date?: string): Promise<Agreement> {
    const agreed: Agreement = { decisions: 0, regions: 0, random: 0, hitPolicies: new Set(), computed: 0 };
    const runtime = new PolicyRuntime(files);
    const policy = dmnPolicy(files, date);
    const attributes = new Map(policy.attributes);
    const coverage = exampleCoverage(files, 'sv');
    const byId = new Map(files.flatMap(file => file.elements).map(e => [e.id, e]));
    const random = generator(seed);
    for (const file of files) {
        const exported = exportDmn(file, policy);
        if (!exported || exported.decisions === 0) {
            continue;
        }
        const read = await readDmn(exported.xml);
        expect(read.warnings).toEqual([]);
        const elements = new Map([...exported.decisionIds].map(([id, xml]) => [xml, byId.get(id)!]));
        for (const decision of read.decisions) {
            const element = elements.get(decision.id)!;
            expect(element, decision.id).toBeDefined();
            agreed.decisions++;
            agreed.hitPolicies.add(decision.literal !== undefined ? 'literal expression' : `${decision.hitPolicy}${decision.aggregation ? ` ${decision.aggregation}` : ''}`);
            // Every decision has a shape in the diagram, every requirement an edge.
            expect(read.shapes).toContain(decision.id);
            for (const requirement of decision.requiredInputs) {
                expect(read.shapes).toContain(requirement.slice(1));
            }
            const regions = coverage.criteria.find(c => c.element.id === element.id)?.regions ?? [];
            const near = constants(element);
            const names = inputNames(decision, read);
            // A region's example gives what the criteria read; what only a formula reads is drawn at random.
            const citizens: Array<[Record<string, string>, 'regions' | 'random']> = [
                ...regions.map(region => [{ ...randomCitizen(names.filter(name => !(name in region.witness.example)), attributes, near, random), ...region.witness.example }, 'regions'] as [Record<string, string>, 'regions']),
                ...Array.from({ length: randomCitizens }, () => [randomCitizen(names, attributes, near, random), 'random'] as [Record<string, string>, 'random']),
            ];
            for (const [citizen, kind] of citizens) {
                const context = Object.fromEntries(read.inputData.map(data => [data.name, citizen[data.name] === undefined ? null : feelInput(citizen[data.name], data.typeRef)]));
                const dmn = fromDmn(evaluateWithRequirements(decision, read.decisions, context, aggregate));
                const ours = runtimeAnswer(runtime, element, citizen, date ?? exported.dates.get(element.id));
                // A förloppsmodell's COLLECT is a set of förlopp; a decision table's list keeps its order.
                const shown = element.kind === 'pathwayModel' && dmn.kind === 'value' && Array.isArray(dmn.value) ? { ...dmn, value: [...new Set(dmn.value as string[])].sort() } : dmn;
                // Under COLLECT, more than two förlopp at once, or two not allowed together, are the runtime's refusal.
                if (ours.kind === 'conflict' && shown.kind === 'value' && Array.isArray(shown.value)) {
                    expect(shown.value.length, `${element.id} ${JSON.stringify(citizen)}`).toBeGreaterThanOrEqual(2);
                } else if (shown.kind === 'value' && ours.kind === 'value' && agrees(shown.value, ours.value)) {
                    agreed.computed += JSON.stringify(shown.value).includes('"computed"') ? 1 : 0;
                } else {
                    expect(shown, `${element.id} ${JSON.stringify(citizen)}`).toEqual(ours);
                }
                agreed[kind]++;
            }
        }
    }
    return agreed;
}
