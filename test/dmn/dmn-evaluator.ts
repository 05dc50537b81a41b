import { DmnModdle } from 'dmn-moddle';
import { evaluate, FeelDate, unaryTest } from 'feelin';

/**
 * An evaluator of DMN decision tables for the tests, independent of Regelrätt's runtime: the XML is
 * read by dmn-moddle (bpmn.io's DMN reader) and every input expression, input entry and output
 * entry by feelin (bpmn.io's FEEL interpreter). Only the hit policies are written here, as the DMN
 * 1.5 specification states them (chapter 8.2.8), on the values feelin returns.
 */

/** dmn-moddle reads DMN 1.3; the export uses nothing DMN added after 1.3, so it is read under 1.3's namespaces. */
const NAMESPACES_1_3: ReadonlyArray<readonly [string, string]> = [
    ['https://www.omg.org/spec/DMN/20230324/MODEL/', 'https://www.omg.org/spec/DMN/20191111/MODEL/'],
    ['https://www.omg.org/spec/DMN/20230324/DMNDI/', 'https://www.omg.org/spec/DMN/20191111/DMNDI/'],
];

export interface ReadDmn {
    decisions: ReadDecision[];
    inputData: Array<{ id: string; name: string; typeRef?: string }>;
    shapes: string[];
    edges: string[];
    warnings: string[];
}

export interface ReadDecision {
    id: string;
    name: string;
    variable: string;
    requiredInputs: string[];
    /** The decisions this one requires (DMN's information requirements between decisions), as `#id`. */
    requiredDecisions: string[];
    hitPolicy: string;
    aggregation?: string;
    inputs: Array<{ expression: string; typeRef?: string }>;
    /** `values`: DMN's output values (`outputValues`), in priority order, as their entries' text. */
    outputs: Array<{ name: string; typeRef?: string; default?: string; values?: string[] }>;
    rules: Array<{ id: string; inputEntries: string[]; outputEntries: string[] }>;
    /** A decision whose logic is a literal expression (a calculation): its FEEL text. */
    literal?: string;
}

interface ModdleElement {
    $type: string;
    id?: string;
    name?: string;
    [key: string]: unknown;
}

export async function readDmn(xml: string): Promise<ReadDmn> {
    let text = xml;
    for (const [from, to] of NAMESPACES_1_3) {
        text = text.split(from).join(to);
    }
    const moddle = DmnModdle();
    const { rootElement, warnings } = await moddle.fromXML(text, 'dmn:Definitions') as { rootElement: ModdleElement; warnings: Array<{ message: string }> };
    const drg = (rootElement.drgElement ?? []) as ModdleElement[];
    const decisions: ReadDecision[] = drg.filter(e => e.$type === 'dmn:Decision').map(decision => {
        const logic = decision.decisionLogic as ModdleElement;
        const literal = logic.$type === 'dmn:LiteralExpression';
        const table = literal ? {} as ModdleElement : logic;
        const textOf = (e: ModdleElement | undefined) => ((e?.text as string | undefined) ?? '');
        return {
            id: decision.id!,
            name: decision.name!,
            variable: (decision.variable as ModdleElement | undefined)?.name ?? decision.name!,
            requiredInputs: ((decision.informationRequirement ?? []) as ModdleElement[]).filter(r => r.requiredInput).map(r => ((r.requiredInput as ModdleElement).href as string)),
            requiredDecisions: ((decision.informationRequirement ?? []) as ModdleElement[]).filter(r => r.requiredDecision).map(r => ((r.requiredDecision as ModdleElement).href as string)),
            hitPolicy: (table.hitPolicy as string | undefined) ?? 'UNIQUE',
            ...(table.aggregation ? { aggregation: table.aggregation as string } : {}),
            inputs: ((table.input ?? []) as ModdleElement[]).map(input => {
                const expression = input.inputExpression as ModdleElement;
                return { expression: textOf(expression), ...(expression.typeRef ? { typeRef: expression.typeRef as string } : {}) };
            }),
            outputs: ((table.output ?? []) as ModdleElement[]).map(output => ({
                name: output.name!,
                ...(output.typeRef ? { typeRef: output.typeRef as string } : {}),
                ...(output.defaultOutputEntry ? { default: textOf(output.defaultOutputEntry as ModdleElement) } : {}),
                ...(output.outputValues ? { values: (textOf(output.outputValues as ModdleElement).match(/"(?:[^"\\]|\\.)*"|[^,\s][^,]*/g) ?? []).map(value => value.trim()) } : {}),
            })),
            rules: ((table.rule ?? []) as ModdleElement[]).map(rule => ({
                id: rule.id!,
                inputEntries: ((rule.inputEntry ?? []) as ModdleElement[]).map(textOf),
                outputEntries: ((rule.outputEntry ?? []) as ModdleElement[]).map(textOf),
            })),
            ...(literal ? { literal: textOf(logic) } : {}),
        };
    });
    const inputData = drg.filter(e => e.$type === 'dmn:InputData').map(data => ({
        id: data.id!, name: data.name!,
        ...((data.variable as ModdleElement | undefined)?.typeRef ? { typeRef: (data.variable as ModdleElement).typeRef as string } : {}),
    }));
    const diagrams = ((rootElement.dmnDI as ModdleElement | undefined)?.diagrams ?? []) as ModdleElement[];
    const diagramElements = diagrams.flatMap(d => (d.diagramElements ?? []) as ModdleElement[]);
    const ref = (e: ModdleElement) => (e.dmnElementRef as ModdleElement | undefined)?.id ?? '';
    return {
        decisions,
        inputData,
        shapes: diagramElements.filter(e => e.$type === 'dmndi:DMNShape').map(ref),
        edges: diagramElements.filter(e => e.$type === 'dmndi:DMNEdge').map(ref),
        warnings: warnings.map(w => w.message),
    };
}

/** A decision's answer: a value (a context for several outputs, a list under COLLECT without aggregation), none, or a hit policy violated. */
export type DmnAnswer = { kind: 'value'; value: unknown } | { kind: 'none' } | { kind: 'conflict'; rules: string[] };

/** A FEEL value from the output entry's text: exact decimals are kept as text, everything else as feelin evaluates it. */
export interface DecimalValue {
    decimal: string;
}

function feelValue(text: string, context: Record<string, unknown>): unknown {
    const trimmed = text.trim();
    if (/^-?\d+(\.\d+)?$/.test(trimmed)) {
        return { decimal: trimmed } satisfies DecimalValue;
    }
    return unwrap(evaluate(trimmed, context));
}

/** feelin 2 and later answer `{ value, warnings }`; older versions the value itself. */
function unwrap(result: unknown): unknown {
    return result !== null && typeof result === 'object' && 'value' in result && 'warnings' in result ? (result as { value: unknown }).value : result;
}

function matches(entry: string, input: unknown, context: Record<string, unknown>): boolean {
    const text = entry.trim();
    if (text === '-' || text === '') {
        return true;
    }
    return unwrap(unaryTest(text, { ...context, '?': input })) === true;
}

export interface Aggregate {
    sum: (values: unknown[]) => unknown;
    min: (values: unknown[]) => unknown;
    max: (values: unknown[]) => unknown;
    count: (n: number) => unknown;
}

/**
 * A decision's answer with the decisions it requires evaluated first, each under its variable
 * (DMN's decision requirements graph): an exact decimal as the FEEL number feelin reads, none as null.
 */
export function evaluateWithRequirements(decision: ReadDecision, decisions: readonly ReadDecision[], context: Record<string, unknown>, aggregate: Aggregate): DmnAnswer {
    const full = { ...context };
    for (const required of decision.requiredDecisions) {
        const upstream = decisions.find(d => `#${d.id}` === required)!;
        const answer = evaluateWithRequirements(upstream, decisions, context, aggregate);
        full[upstream.variable] = answer.kind === 'value' ? asFeel(answer.value) : null;
    }
    return evaluateDecision(decision, full, aggregate);
}

function asFeel(value: unknown): unknown {
    // A date stays feelin's date, which the downstream's tests compare (`< date("2025-07-01")`); not a context of its fields.
    if (value instanceof FeelDate) {
        return value;
    }
    if (value !== null && typeof value === 'object' && 'decimal' in value) {
        return Number((value as DecimalValue).decimal);
    }
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, asFeel(inner)]));
    }
    return value;
}

/**
 * The decision's answer for a context of input values (by variable name), by DMN's hit policies:
 * UNIQUE (more than one rule is an error), FIRST, ANY (rules that match must agree), COLLECT with
 * SUM, MIN, MAX, COUNT or none (a list); no rule matching gives the default outputs, if any, else
 * null, except COUNT, which counts no rules as 0. `sum`, `min`, `max` are given by the caller over
 * exact decimals.
 */
export function evaluateDecision(
    decision: ReadDecision,
    context: Record<string, unknown>,
    aggregate: Aggregate,
): DmnAnswer {
    if (decision.literal !== undefined) {
        const value = unwrap(evaluate(decision.literal, context));
        return value === null || value === undefined ? { kind: 'none' } : { kind: 'value', value };
    }
    const inputs = decision.inputs.map(input => unwrap(evaluate(input.expression, context)));
    const matched = decision.rules.filter(rule => rule.inputEntries.every((entry, index) => matches(entry, inputs[index], context)));
    const outputsOf = (entries: readonly string[]) => entries.map(entry => feelValue(entry, context));
    const shaped = (values: unknown[]) => (decision.outputs.length === 1 ? values[0] : Object.fromEntries(decision.outputs.map((output, index) => [output.name, values[index]])));
    // The multiple-hit policies that answer with a list: RULE ORDER, OUTPUT ORDER, COLLECT without an aggregation.
    const list = decision.hitPolicy === 'RULE ORDER' || decision.hitPolicy === 'OUTPUT ORDER' || (decision.hitPolicy === 'COLLECT' && !decision.aggregation);
    if (matched.length === 0) {
        if (list && decision.outputs.every(output => output.default === undefined)) {
            // DMN 1.5 (8.2.11): a multiple-hit table's result is a list of the matched rules' outputs; none matched is the empty list.
            return { kind: 'value', value: [] };
        }
        if (decision.hitPolicy === 'COLLECT' && decision.aggregation === 'COUNT' && decision.outputs.every(output => output.default === undefined)) {
            return { kind: 'value', value: shaped(decision.outputs.map(() => aggregate.count(0))) };
        }
        if (decision.outputs.some(output => output.default !== undefined)) {
            return { kind: 'value', value: shaped(decision.outputs.map(output => (output.default === undefined ? null : feelValue(output.default, context)))) };
        }
        return { kind: 'none' };
    }
    const results = matched.map(rule => outputsOf(rule.outputEntries));
    switch (decision.hitPolicy) {
        case 'UNIQUE':
            return matched.length > 1 ? { kind: 'conflict', rules: matched.map(r => r.id) } : { kind: 'value', value: shaped(results[0]) };
        case 'FIRST':
            return { kind: 'value', value: shaped(results[0]) };
        case 'ANY': {
            const first = JSON.stringify(results[0]);
            return results.every(result => JSON.stringify(result) === first) ? { kind: 'value', value: shaped(results[0]) } : { kind: 'conflict', rules: matched.map(r => r.id) };
        }
        case 'COLLECT': {
            const column = (index: number) => results.map(result => result[index]);
            switch (decision.aggregation) {
                case 'SUM': return { kind: 'value', value: shaped(decision.outputs.map((_, i) => aggregate.sum(column(i)))) };
                case 'MIN': return { kind: 'value', value: shaped(decision.outputs.map((_, i) => aggregate.min(column(i)))) };
                case 'MAX': return { kind: 'value', value: shaped(decision.outputs.map((_, i) => aggregate.max(column(i)))) };
                case 'COUNT': return { kind: 'value', value: shaped(decision.outputs.map(() => aggregate.count(matched.length))) };
                default: return { kind: 'value', value: decision.outputs.length === 1 ? column(0) : results.map(shaped) };
            }
        }
        case 'RULE ORDER':
            return { kind: 'value', value: results.map(shaped) };
        case 'OUTPUT ORDER': {
            return { kind: 'value', value: byPriority(decision, matched).map(index => shaped(results[index])) };
        }
        case 'PRIORITY': {
            // The matched rule whose outputs come first in the output values' order (DMN 1.5, 8.2.11).
            return { kind: 'value', value: shaped(results[byPriority(decision, matched)[0]]) };
        }
        default:
            throw new Error(`hit policy ${decision.hitPolicy} is not evaluated here`);
    }
}

/**
 * The matched rules' indices by the output values' order, the first output with values first, the next
 * breaking ties (DMN 1.5, 8.2.11): OUTPUT ORDER's list, and PRIORITY's first. Equal ones in rule order.
 */
function byPriority(decision: ReadDecision, matched: ReadonlyArray<{ outputEntries: string[] }>): number[] {
    const rank = (rule: { outputEntries: string[] }) => decision.outputs.flatMap((output, index) => (output.values ? [output.values.indexOf(rule.outputEntries[index].trim())] : []));
    return matched.map((rule, index) => ({ index, rank: rank(rule) })).sort((a, b) => {
        const at = a.rank.findIndex((value, column) => value !== b.rank[column]);
        return at < 0 ? a.index - b.index : a.rank[at] - b.rank[at];
    }).map(({ index }) => index);
}

/** A FEEL value for an input given as text (a date as feelin's date), by the input's type. */
export function feelInput(text: string, typeRef: string | undefined): unknown {
    switch (typeRef) {
        // The analyses' witnesses write numbers the Swedish way (`9 999,5`).
        case 'number': return Number(text.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.').replace('−', '-'));
        case 'boolean': return text === 'ja' || text === 'true';
        case 'date': return unwrap(evaluate(`date("${text}")`, {}));
        default: return text;
    }
}
