import { DocumentState, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { answerUnitSource, ExactNumber, listHitPolicy, type AnswerUnit, type Attribute, type Example, type ExampleExpectation, type Literal } from '@regelratt/format';
import { exampleQuestion, reasonFor } from '@regelratt/document';
import { PolicyRuntime, RegelrattRuntimeError, runExamples } from '@regelratt/runtime';
import { exampleCoverage } from '@regelratt/analyses';
import { compilePolicy } from '../compiler/compile-policy.js';
import { decisionExpectationSource } from '../compiler/decision-expectation.js';
import * as ast from '../generated/ast.js';
import type { LocaleSetting } from '@regelratt/analyses';
import type { PolicyImports } from '../workspace/policy-imports.js';

/** The custom request for the inline examples as a table (Regelrätt Studio's form). */
export const EXAMPLE_TABLE_REQUEST = 'regelratt/examples';

export interface ExampleRow {
    name: string;
    title?: string;
    /** Where the `exempel` block is: the document's URI and its range (0-based, as in LSP). */
    uri: string;
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    date?: string;
    question: { type: Example['question']['type']; target: string; column?: string; level?: number; citizen: Record<string, string> };
    expected: string;
    actual?: string;
    /** Where a list is expected (a list policy's answer): its values as written, in order, for a list to show; the answer's beside it. */
    expectedList?: string[];
    actualList?: string[];
    /** The reason (motivering) for the runtime's answer, in the workspace's language; absent where there is no answer. */
    reason?: string;
    passed: boolean;
}

export interface AttributeControl {
    name: string;
    title?: string;
    domain: Attribute['domain'];
}

export interface ExampleTable {
    rows: ExampleRow[];
    attributes: AttributeControl[];
    /** What a new row can ask about, by question type: the element names (and förlopp, columns). */
    targets: {
        placement: Array<{ name: string; pathways: string[] }>;
        inclusion: string[];
        calculation: string[];
        /** `list`: the table answers with a list (a list policy), so an example expects `[ … ]`. */
        decision: Array<{ name: string; columns: string[]; list?: true }>;
    };
    /** The period of each pilot that runs for one, by name: a question about it needs a date inside it. */
    pilotPeriods: Record<string, { from: string; to?: string }>;
    /** Regions of the criteria no example reaches: one click makes a row of each (dated within the pilot's period, for a pilot that has one). */
    uncovered: Array<{
        type: 'placement' | 'inclusion' | 'decision'; target: string; citizen: Record<string, string>; text: string; date?: string;
        /** For a table under a list policy: the column asked and the region's list as the runtime answers it (`[ "a", "b" ]`) on `date`, to be confirmed. */
        column?: string; expected?: string;
    }>;
    /** Set when the workspace has errors: the rows are listed, but nothing could be run. */
    problem?: string;
}

/**
 * Every `exempel` of the workspace as a row (its question, the citizen's values as text, the date,
 * the expected answer and, when the workspace compiles, the runtime's answer with pass or fail), the
 * attributes with their domains for the form's controls, what a new row can ask, and the regions
 * of the criteria no example reaches.
 */
export async function exampleTable(shared: LangiumSharedCoreServices, locale: LocaleSetting, imports: PolicyImports): Promise<ExampleTable> {
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated);
    const sv = locale.current === 'sv';
    const documents = shared.workspace.LangiumDocuments.all.toArray().filter(d => ast.isPolicy(d.parseResult.value));
    const hasErrors = documents.some(d => (d.diagnostics ?? []).some(diagnostic => diagnostic.severity === 1));
    const fileName = (d: LangiumDocument) => imports.compiledName(d.uri, uri => uri.path.split('/').pop() ?? '');
    const byFile = new Map(documents.map(d => [fileName(d), d]));
    let files;
    try {
        files = documents.map(d => compilePolicy(d.parseResult.value as ast.Policy, fileName(d)));
    } catch {
        return { rows: [], attributes: [], targets: { placement: [], inclusion: [], calculation: [], decision: [] }, pilotPeriods: {}, uncovered: [], problem: sv ? 'Policyn kan inte kompileras ännu.' : 'The policy does not compile yet.' };
    }
    const elements = files.flatMap(f => f.elements);
    const nameOf = (id: string) => id.slice(id.indexOf('/') + 1);
    const pathwayNames = new Map(elements.flatMap(e => (e.kind === 'pathwayModel' ? e.pathways.map(p => [p.id, p.name] as const) : [])));
    let runtime: PolicyRuntime | undefined;
    const results = hasErrors ? [] : (() => {
        try {
            runtime = new PolicyRuntime(files, { validate: false }); // compiled here, from the open documents
            return runExamples(runtime);
        } catch {
            return [];
        }
    })();
    /** The reason for an example's answer; none where the question has no answer (its error says why). */
    const reasonOf = (example: Example): string | undefined => {
        try {
            return runtime && reasonFor(runtime, exampleQuestion(example), locale.current).text;
        } catch (error) {
            if (error instanceof RegelrattRuntimeError) {
                return undefined;
            }
            throw error;
        }
    };
    const resultOf = new Map(results.map(r => [r.example.id, r]));
    const expectation = (e: ExampleExpectation | undefined, type: string, unit: AnswerUnit | undefined): string => {
        if (!e) {
            return '';
        }
        if (e.error) {
            return `fel "${e.error}"`;
        }
        if (e.list) {
            return `[ ${e.list.map(item => expectation(item, type, unit)).join(', ')}${e.list.length > 0 ? ' ' : ''}]`;
        }
        if (e.pathway !== undefined) {
            return e.pathway === null ? 'inget förlopp' : `förlopp ${pathwayNames.get(e.pathway) ?? nameOf(e.pathway)}${e.secondary ? ` sekundärt ${pathwayNames.get(e.secondary) ?? nameOf(e.secondary)}` : ''}`;
        }
        if (e.included !== undefined) {
            return e.included ? 'ingår' : 'ingår inte';
        }
        if (e.text !== undefined) {
            return JSON.stringify(e.text);
        }
        if (e.yesNo !== undefined) {
            return e.yesNo ? 'ja' : 'nej';
        }
        if (e.date !== undefined) {
            return e.date;
        }
        if (e.monthly !== undefined) {
            return `per månad ${literalNumber(e.monthly)} kr`;
        }
        if (e.total !== undefined) {
            return `totalt ${literalNumber(e.total)} kr`;
        }
        if (e.amount === undefined) {
            return '';
        }
        // In the answer's unit as a policy writes it (a file compiled before format 1.6 has none: kronor but for a decision).
        const written = answerUnitSource(unit ?? (type === 'decision' ? undefined : { of: 'kr' }));
        const value = unit?.of === '%' ? ExactNumber.parse(e.amount).multiply(ExactNumber.of(100n)).toDecimal() : e.amount;
        return `${literalNumber(value)}${written ? ` ${written}` : ''}`;
    };
    const rows: ExampleRow[] = elements.filter((e): e is Example => e.kind === 'example').map(example => {
        const q = example.question;
        const document = byFile.get(example.source.file);
        const result = resultOf.get(example.id);
        const target = q.type === 'placement' ? q.model : q.type === 'inclusion' ? q.pilot : q.type === 'compensation' || q.type === 'decision' || q.type === 'netEffect' ? q.table : q.type === 'fee' ? q.fee : q.type === 'eligibility' ? q.service : q.calculation;
        return {
            name: example.name,
            ...(example.title ? { title: example.title } : {}),
            uri: document?.uri.toString() ?? example.source.file,
            range: { start: { line: example.source.line - 1, character: example.source.column - 1 }, end: { line: example.source.endLine - 1, character: example.source.endColumn - 1 } },
            ...(example.date ? { date: example.date } : {}),
            question: {
                type: q.type, target: nameOf(target),
                ...(q.type === 'decision' && q.column ? { column: q.column } : {}),
                ...('level' in q && typeof q.level === 'number' ? { level: q.level } : {}),
                citizen: 'citizen' in q ? Object.fromEntries(q.citizen.map(v => [nameOf(v.attribute), literalText(v.value)])) : {},
            },
            expected: expectation(example.expected, q.type, example.unit),
            ...(result ? { actual: result.error ? `fel "${result.error.code}"` : expectation(result.actual, q.type, example.unit) } : {}),
            ...(example.expected.list ? { expectedList: example.expected.list.map(item => expectation(item, q.type, example.unit)) } : {}),
            ...(result?.actual?.list ? { actualList: result.actual.list.map(item => expectation(item, q.type, example.unit)) } : {}),
            ...(result && !result.error ? { reason: reasonOf(example) } : {}),
            passed: result?.passed ?? false,
        };
    });
    const coverage = exampleCoverage(files, locale.current);
    const pilotPeriods = Object.fromEntries(elements.flatMap(e => (e.kind === 'pilot' && e.period ? [[e.name, { from: e.period.from, ...(e.period.to ? { to: e.period.to } : {}) }]] : [])));
    return {
        rows,
        attributes: elements.filter((e): e is Attribute => e.kind === 'attribute').map(a => ({ name: a.name, ...(a.title ? { title: a.title } : {}), domain: a.domain })),
        targets: {
            placement: elements.flatMap(e => (e.kind === 'pathwayModel' ? [{ name: e.name, pathways: e.pathways.map(p => p.name) }] : [])),
            inclusion: elements.flatMap(e => (e.kind === 'pilot' ? [e.name] : [])),
            calculation: elements.flatMap(e => (e.kind === 'calculation' ? [e.name] : [])),
            decision: elements.flatMap(e => (e.kind === 'decisionTable' ? [{ name: e.name, columns: e.outputs, ...(listHitPolicy(e.hitPolicy) ? { list: true as const } : {}) }] : [])),
        },
        pilotPeriods,
        uncovered: coverage.criteria.flatMap(entry => entry.regions.filter(r => r.examples.length === 0).map(region => ({
            type: entry.element.kind === 'pathwayModel' ? 'placement' as const : entry.element.kind === 'pilot' ? 'inclusion' as const : 'decision' as const,
            target: entry.element.name, citizen: region.witness.example, text: region.witness.text,
            // Without a date such a question has no answer (missing-date): the period's first day is in it.
            ...(entry.element.kind === 'pilot' && pilotPeriods[entry.element.name] ? { date: pilotPeriods[entry.element.name].from } : {}),
            ...(entry.element.kind === 'decisionTable' ? listExpectation(runtime, entry.element.id, region.witness.example) : {}),
        }))),
        ...(hasErrors ? { problem: sv ? 'Policyn har fel: exemplen kan inte köras.' : 'The policy has errors: the examples cannot run.' } : {}),
    };
}

/**
 * For a region of a table under a list policy: the first column and the list the runtime answers its
 * example citizen on the day it is answered for, so a new example for it expects a list; nothing for
 * another table, or without a runtime.
 */
function listExpectation(runtime: PolicyRuntime | undefined, table: string, witness: Record<string, string>): { column?: string; expected?: string; date?: string } {
    const compiled = runtime?.policy.get(table, 'decisionTable');
    if (!runtime || !compiled || !listHitPolicy(compiled.hitPolicy)) {
        return {};
    }
    const { nivå: level, ...values } = witness;
    const citizen = Object.fromEntries(Object.entries(values).map(([attribute, value]) => [attribute, value.replace(/\u00a0/g, ' ')]));
    const column = compiled.outputs[0];
    try {
        const date = compiled.validity?.from ?? '2000-01-01';
        const decision = runtime.decide(table, { date, citizen, ...(level !== undefined ? { level: Number(level) } : {}) });
        // Dated as it was answered: the list is the answer on that day.
        return { column, date, expected: decisionExpectationSource(runtime, decision, column) };
    } catch (error) {
        if (error instanceof RegelrattRuntimeError) {
            return { column };
        }
        throw error;
    }
}

/** A literal as the policy writes it. */
function literalText(value: Literal): string {
    if ('boolean' in value) {
        return value.boolean ? 'ja' : 'nej';
    }
    if ('enumeration' in value) {
        return value.enumeration;
    }
    if ('date' in value) {
        return value.date;
    }
    return literalNumber(value.number);
}

function literalNumber(decimal: string): string {
    return decimal.replace('.', ',');
}
