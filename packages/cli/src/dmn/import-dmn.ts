import { DmnModdle } from 'dmn-moddle';
import type { DmnNote } from './export-dmn.js';

/**
 * `regelratt dmn import <file.dmn>`: the decision tables of a DMN file as `.regel` text, for what the
 * language can say, and a note naming by its XML id each element it cannot (never a silent drop): a
 * decision whose logic is no decision table, a hit policy without a Regelrätt counterpart, a cell
 * or output entry beyond the FEEL forms the language has, an input that is an expression.
 */

export interface DmnImport {
    text: string;
    notes: DmnNote[];
    tables: number;
}

/** The namespaces dmn-moddle reads (DMN 1.3); 1.2, 1.4 and 1.5 files use nothing else this import reads. */
const MODEL_1_3 = 'https://www.omg.org/spec/DMN/20191111/MODEL/';
const READABLE_MODELS = ['http://www.omg.org/spec/DMN/20180521/MODEL/', 'https://www.omg.org/spec/DMN/20211108/MODEL/', 'https://www.omg.org/spec/DMN/20230324/MODEL/'];
const DMNDI_1_3 = 'https://www.omg.org/spec/DMN/20191111/DMNDI/';
const READABLE_DMNDI = ['http://www.omg.org/spec/DMN/20180521/DMNDI/', 'https://www.omg.org/spec/DMN/20211108/DMNDI/', 'https://www.omg.org/spec/DMN/20230324/DMNDI/'];

/** A file that is no DMN this import reads, in both languages. */
export class DmnReadError extends Error {
    constructor(readonly sv: string, readonly en: string) {
        super(en);
    }
}

interface Element {
    $type: string;
    id?: string;
    name?: string;
    [key: string]: unknown;
}

/** `import` → the hit policy clause (none for unique); what is absent cannot be said. */
const HIT_POLICY: Record<string, string | undefined> = {
    UNIQUE: '',
    FIRST: 'träff första',
    ANY: 'träff valfri',
    'COLLECT SUM': 'träff samla summa',
    'COLLECT MIN': 'träff samla min',
    'COLLECT MAX': 'träff samla max',
    'COLLECT COUNT': 'träff samla antal',
    // DMN's P: the winner is the matching rule whose outputs come first in the output values, as `träff prioritet`.
    PRIORITY: 'träff prioritet',
    // The list policies (format 1.11): every matching rule's outputs; OUTPUT ORDER by the output values.
    'RULE ORDER': 'träff regelordning',
    'OUTPUT ORDER': 'träff utfallsordning',
    COLLECT: 'träff samla',
};

const NUMBER = /^-?\d+(\.\d+)?$/;
const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;
/** Names of declarations, which the parser takes even where they are keywords elsewhere (`ansökan`, `uppföljning`). */
const NO_KEYWORDS: ReadonlySet<string> = new Set();
/** The keywords the grammar allows as a column's name (`ColumnName` in regelratt.langium). */
const COLUMN_KEYWORDS = new Set(['nivå', 'avgift', 'belopp', 'premie', 'schablon', 'procent', 'timmar', 'förlopp', 'beslut']);

interface Column {
    /** The attribute's name, or `nivå` for the case's level; a chained column's `tabell.kolumn`. */
    name: string;
    typeRef: string;
    inputValues?: string;
    /** Another table's output column (`| nivåbedömning.nivå |`): no attribute is declared for it. */
    chained?: true;
}

interface Attribute {
    name: string;
    kind: 'number' | 'string' | 'boolean' | 'date';
    bounds?: { min: string; max: string };
    values: string[];
    decimals: boolean;
    constants: string[];
}

/**
 * `keywords`: the language's keywords (`grammarKeywords`), which an output column's name may not be:
 * one that is is written with `_` after it (`ingår_`), except those the grammar allows there (`nivå`,
 * `avgift`, …). Names of tables, attributes and values are taken by the parser as they are.
 */
export async function importDmn(xml: string, keywords: ReadonlySet<string>): Promise<DmnImport> {
    let text = xml;
    if (!text.includes(MODEL_1_3) && !READABLE_MODELS.some(uri => text.includes(uri))) {
        throw new DmnReadError(
            'Filen är ingen DMN-fil som kan läsas: den saknar namnrymden för DMN 1.2–1.5 (till exempel https://www.omg.org/spec/DMN/20230324/MODEL/).',
            'The file is no DMN file that can be read: it lacks the namespace of DMN 1.2–1.5 (https://www.omg.org/spec/DMN/20230324/MODEL/, say).',
        );
    }
    for (const uri of READABLE_MODELS) {
        text = text.split(uri).join(MODEL_1_3);
    }
    for (const uri of READABLE_DMNDI) {
        text = text.split(uri).join(DMNDI_1_3);
    }
    let root: Element;
    let warnings: Array<{ message: string }>;
    try {
        ({ rootElement: root, warnings } = await DmnModdle().fromXML(text, 'dmn:Definitions') as { rootElement: Element; warnings: Array<{ message: string }> });
    } catch (error) {
        const reason = (error as Error).message.split('\n').slice(0, 3).join(' ');
        throw new DmnReadError(`Filen kan inte läsas som DMN: ${reason}`, `The file cannot be read as DMN: ${reason}`);
    }
    const notes: DmnNote[] = warnings.map(warning => {
        const reason = warning.message.split('\n').slice(0, 3).join(' ');
        return { element: 'definitions', sv: `En del av filen kunde inte läsas och är inte med: ${reason}`, en: `A part of the file could not be read and is left out: ${reason}` };
    });
    const attributes = new Map<string, Attribute>();
    const tables: ImportedTable[] = [];
    const drg = (root.drgElement ?? []) as Element[];
    // Each decision by its XML id, for the decisions a table requires (a chain of decisions).
    const decisions = new Map(drg.filter(e => e.$type === 'dmn:Decision' && e.id).map(e => [e.id!, e]));
    // Each input data's name and FEEL type: what a formula output may read.
    const inputData = new Map(drg.filter(e => e.$type === 'dmn:InputData').map(e => [
        ((e.variable as Element | undefined)?.name as string | undefined) ?? e.name ?? '', ((e.variable as Element | undefined)?.typeRef as string | undefined) ?? 'number',
    ]));
    for (const element of drg) {
        if (element.$type === 'dmn:InputData') {
            continue;
        }
        if (element.$type !== 'dmn:Decision') {
            notes.push(note(element, `${kindName(element)} ${element.name ?? ''} har ingen motsvarighet i Regelrätt och är inte med.`, `${element.$type.replace('dmn:', '')} ${element.name ?? ''} has no counterpart in Regelrätt and is left out.`));
            continue;
        }
        const table = decisionTable(element, attributes, notes, keywords, decisions, inputData);
        if (table) {
            tables.push(table);
        }
    }
    withImportedUpstreams(tables, notes);
    const used = new Set(tables.flatMap(table => table.attributes));
    const declarations = [...attributes.values()].filter(a => a.name !== 'nivå' && used.has(a.name)).map(attributeText);
    const body = [...declarations, '', ...tables.map(table => table.text)].join('\n');
    return { text: `// Importerad från DMN av regelratt dmn import.\n${body.trim()}\n`, notes, tables: tables.length };
}

/** A decision table as written, with the tables it reads (chained columns) and the attributes its columns read. */
interface ImportedTable {
    element: Element;
    name: string;
    text: string;
    upstreams: string[];
    attributes: string[];
}

/**
 * A table reading a decision that is not imported (no decision table, or left out itself) cannot be
 * written as a chained table: it is named and left out, and so in turn each table reading it.
 */
function withImportedUpstreams(tables: ImportedTable[], notes: DmnNote[]): void {
    for (let changed = true; changed;) {
        changed = false;
        const names = new Set(tables.map(table => table.name));
        const index = tables.findIndex(table => table.upstreams.some(upstream => !names.has(upstream)));
        if (index >= 0) {
            const table = tables[index];
            const missing = table.upstreams.find(upstream => !names.has(upstream))!;
            notes.push(note(table.element, `Beslutstabellen ${table.name} läser beslutet ${missing}, som inte importeras; den är inte med.`,
                `Decision table ${table.name} reads decision ${missing}, which is not imported; it is left out.`));
            tables.splice(index, 1);
            changed = true;
        }
    }
}

function note(element: Element, sv: string, en: string): DmnNote {
    return { element: element.id ?? element.name ?? element.$type, sv: `${element.id ?? ''}: ${sv}`.replace(/^: /, ''), en: `${element.id ?? ''}: ${en}`.replace(/^: /, '') };
}

function kindName(element: Element): string {
    const names: Record<string, string> = {
        'dmn:BusinessKnowledgeModel': 'Affärskunskapsmodellen', 'dmn:KnowledgeSource': 'Kunskapskällan', 'dmn:DecisionService': 'Beslutstjänsten',
    };
    return names[element.$type] ?? `Elementet (${element.$type.replace('dmn:', '')})`;
}

/** A name as a Regelrätt identifier: kept where it is one, otherwise its letters and digits joined by `_`. */
function identifier(name: string, keywords: ReadonlySet<string>): string {
    const joined = name.normalize('NFC').trim().replace(/[^\p{L}\p{N}_]+/gu, '_').replace(/^_+|_+$/g, '');
    const start = /^[\p{L}_]/u.test(joined) ? joined : `_${joined}`;
    return keywords.has(start) ? `${start}_` : start;
}

function decisionTable(
    decision: Element, attributes: Map<string, Attribute>, notes: DmnNote[], keywords: ReadonlySet<string>, decisions: ReadonlyMap<string, Element>, inputData: ReadonlyMap<string, string>,
): ImportedTable | undefined {
    // A formula output (`= …`) reads numbers the file gives as input data; each is declared as an attribute.
    const formulaReads = new Set<string>();
    const known = (name: string) => {
        const numeric = ['number', 'integer', 'long', 'double'].includes(inputData.get(name) ?? '');
        if (numeric) {
            formulaReads.add(name);
        }
        return numeric;
    };
    const outputCell = (text: string): string | undefined => {
        const literal = literalOutputCell(text);
        if (literal !== undefined) {
            return literal;
        }
        const formula = regelFormula(text, known);
        return formula === undefined ? undefined : `= ${formula.replace(/^\((.*)\)$/, '$1')}`;
    };
    const logic = decision.decisionLogic as Element | undefined;
    const name = identifier(((decision.variable as Element | undefined)?.name as string | undefined) ?? decision.name ?? decision.id ?? 'beslut', NO_KEYWORDS);
    if (!logic || logic.$type !== 'dmn:DecisionTable') {
        notes.push(note(decision, `Beslutet ${name} är ingen beslutstabell (${logic ? logic.$type.replace('dmn:', '') : 'ingen logik'}) och är inte med: Regelrätt läser bara beslutstabeller ur DMN.`,
            `Decision ${name} is no decision table (${logic ? logic.$type.replace('dmn:', '') : 'no logic'}) and is left out: Regelrätt reads only decision tables from DMN.`));
        return undefined;
    }
    // The decisions this one requires, by their variable: an input naming one is a chained column (`| nivåbedömning.nivå |`).
    const required = new Map(((decision.informationRequirement ?? []) as Element[])
        .map(r => decisions.get((((r.requiredDecision as Element | undefined)?.href as string | undefined) ?? '').replace(/^#/, '')))
        .filter((d): d is Element => d !== undefined)
        .map(d => [((d.variable as Element | undefined)?.name as string | undefined) ?? d.name ?? d.id!, d] as const));
    const hit = `${(logic.hitPolicy as string | undefined) ?? 'UNIQUE'}${logic.aggregation ? ` ${logic.aggregation as string}` : ''}`;
    const hitClause = HIT_POLICY[hit];
    if (hitClause === undefined) {
        notes.push(note(logic, `Beslutstabellen ${name} har träffpolicyn ${hit}, som Regelrätt inte har (unik, första, valfri, regelordning, utfallsordning och samla, med eller utan summa, min, max eller antal); den är inte med.`,
            `Decision table ${name} has hit policy ${hit}, which Regelrätt does not have (unique, first, any, rule order, output order, and collect with or without sum, min, max or count); it is left out.`));
        return undefined;
    }
    const inputs = (logic.input ?? []) as Element[];
    const outputs = (logic.output ?? []) as Element[];
    if (inputs.length === 0) {
        notes.push(note(logic, `Beslutstabellen ${name} har ingen indatakolumn, vilket en tabell i Regelrätt måste ha; den är inte med.`, `Decision table ${name} has no input column, which a Regelrätt table must have; it is left out.`));
        return undefined;
    }
    const columns: Column[] = [];
    const upstreams: string[] = [];
    for (const input of inputs) {
        const expression = input.inputExpression as Element | undefined;
        const text = ((expression?.text as string | undefined) ?? '').trim();
        const chained = chainedColumn(text, required);
        if (typeof chained === 'object') {
            notes.push(note(input, `Indatakolumnen ${text} i ${name} ${chained.sv}; tabellen är inte med.`, `Input column ${text} of ${name} ${chained.en}; the table is left out.`));
            return undefined;
        }
        if (chained !== undefined) {
            columns.push({ name: chained, typeRef: ((expression?.typeRef as string | undefined) ?? 'number'), chained: true });
            upstreams.push(chained.slice(0, chained.indexOf('.')));
            continue;
        }
        if (!IDENTIFIER.test(text)) {
            notes.push(note(input, `Indatakolumnen ${text} i ${name} är ett uttryck, inte en egenskap; tabellen är inte med.`, `Input column ${text} of ${name} is an expression, not an attribute; the table is left out.`));
            return undefined;
        }
        columns.push({ name: text, typeRef: ((expression?.typeRef as string | undefined) ?? 'string'), ...(input.inputValues ? { inputValues: (input.inputValues as Element).text as string } : {}) });
    }
    const rows: string[][] = [];
    for (const rule of (logic.rule ?? []) as Element[]) {
        const cells: string[] = [];
        for (const entry of (rule.inputEntry ?? []) as Element[]) {
            const cell = inputCell(((entry.text as string | undefined) ?? '').trim());
            if (cell === undefined) {
                notes.push(note(entry, `Cellen ${String(entry.text)} i ${name}, regel ${rows.length + 1}, är ett FEEL-test som Regelrätt inte kan skriva; tabellen är inte med.`,
                    `Cell ${String(entry.text)} of ${name}, rule ${rows.length + 1}, is a FEEL test Regelrätt cannot write; the table is left out.`));
                return undefined;
            }
            cells.push(cell);
        }
        for (const entry of (rule.outputEntry ?? []) as Element[]) {
            const cell = outputCell(((entry.text as string | undefined) ?? '').trim());
            if (cell === undefined) {
                notes.push(note(entry, `Utdata ${String(entry.text)} i ${name}, regel ${rows.length + 1}, är ett FEEL-uttryck som Regelrätt inte kan skriva (bara tal, text, ja/nej, null och formler med + − × /, min, max och avrundning över indata som är tal); tabellen är inte med.`,
                    `Output ${String(entry.text)} of ${name}, rule ${rows.length + 1}, is a FEEL expression Regelrätt cannot write (only numbers, texts, true/false, null and formulas with + − × /, min, max and rounding over numeric input data); the table is left out.`));
                return undefined;
            }
            cells.push(cell);
        }
        rows.push(cells);
    }
    const defaults = outputs.map(output => (output.defaultOutputEntry ? outputCell((((output.defaultOutputEntry as Element).text as string | undefined) ?? '').trim()) : 'ej angivet'));
    if (defaults.some(cell => cell === undefined)) {
        notes.push(note(logic, `Standardutdata i ${name} är ett FEEL-uttryck som Regelrätt inte kan skriva; tabellen är inte med.`, `A default output of ${name} is a FEEL expression Regelrätt cannot write; the table is left out.`));
        return undefined;
    }
    for (const read of formulaReads) {
        if (!columns.some(column => column.name === read)) {
            declare({ name: read, typeRef: inputData.get(read)! }, [], attributes);
        }
    }
    for (const column of columns.filter(c => !c.chained)) {
        if (!declare(column, rows.map(row => row[columns.indexOf(column)]), attributes)) {
            notes.push(note(logic, `Indatakolumnen ${column.name} i ${name} har typen ${column.typeRef} eller värden som Regelrätt inte kan skriva som egenskap; tabellen är inte med.`,
                `Input column ${column.name} of ${name} has type ${column.typeRef} or values Regelrätt cannot write as an attribute; the table is left out.`));
            return undefined;
        }
    }
    const outputNames = outputs.map(output => (output.name && COLUMN_KEYWORDS.has(output.name) ? output.name : identifier(output.name ?? name, keywords)));
    // Under PRIORITY each output column lists its values, highest priority first (DMN's output values).
    for (const [index, output] of outputs.entries()) {
        const values = ((output.outputValues as Element | undefined)?.text as string | undefined)?.trim();
        if (values === undefined || values === '') {
            continue;
        }
        const listed = splitList(values)?.map(outputCell);
        if (!listed || listed.some(value => value === undefined || value === 'ej angivet')) {
            notes.push(note(output, `Utdatakolumnen ${outputNames[index]} i ${name} har värdena ${values}, som Regelrätt inte kan skriva som en lista (bara tal och text); tabellen är inte med.`,
                `Output column ${outputNames[index]} of ${name} has values ${values}, which Regelrätt cannot write as a list (only numbers and texts); the table is left out.`));
            return undefined;
        }
        outputNames[index] = `${outputNames[index]} (${listed.join(', ')})`;
    }
    // OUTPUT ORDER ranks the rows by the same output values: without them there is nothing to order by (output-order-without-values).
    if ((hit === 'PRIORITY' || hit === 'OUTPUT ORDER') && !outputs.some(output => ((output.outputValues as Element | undefined)?.text as string | undefined)?.trim())) {
        notes.push(note(logic, `Beslutstabellen ${name} har träffpolicyn ${hit} men ingen utdatakolumn med värden i prioritetsordning (outputValues); den är inte med.`,
            `Decision table ${name} has hit policy ${hit} but no output column with values in priority order (outputValues); it is left out.`));
        return undefined;
    }
    const header = [...columns.map(c => c.name), '|', ...outputNames];
    const lines = [header, ...rows.map(row => [...row.slice(0, columns.length), '|', ...row.slice(columns.length)])];
    const widths = header.map((_, i) => Math.max(...lines.map(line => line[i].length)));
    const pad = (line: string[]) => `| ${line.map((cell, i) => (cell === '|' ? '|' : cell.padEnd(widths[i]))).join(' | ')} |`.replace(/\| \| \|/, '||');
    const level = columns.find(c => c.name === 'nivå');
    const levels = level && attributes.get('nivå')?.bounds ? `    nivåer ${attributes.get('nivå')!.bounds!.min}–${attributes.get('nivå')!.bounds!.max}` : undefined;
    const title = decision.name && decision.name !== name ? ` ${regelString(decision.name)}` : '';
    const withDefault = outputs.some(output => output.defaultOutputEntry);
    const text = [
        `beslutstabell ${name}${title} {`,
        ...(hitClause ? [`    ${hitClause}`] : []),
        ...(levels ? [levels] : []),
        ...lines.map(line => `    ${pad(line)}`),
        ...(withDefault ? [`    annars || ${defaults.join(' | ')} |`] : []),
        '}',
        '',
    ].join('\n');
    return { element: logic, name, text, upstreams, attributes: [...columns.filter(c => !c.chained).map(c => c.name), ...formulaReads] };
}

/**
 * An input expression naming a decision the table requires, as a chained column: `nivåbedömning.nivå`
 * as it is, `omvårdnadsavgift` alone (a decision with one output, its value) with that output's name.
 * Undefined where the expression names no required decision; the reason where it names one the
 * language cannot read as a column (a literal expression, a column the decision lacks).
 */
function chainedColumn(text: string, required: ReadonlyMap<string, Element>): string | { sv: string; en: string } | undefined {
    const [variable, column, ...rest] = text.split('.').map(part => part.trim());
    const upstream = required.get(variable);
    if (!upstream || rest.length > 0) {
        return undefined;
    }
    const logic = upstream.decisionLogic as Element | undefined;
    if (logic?.$type !== 'dmn:DecisionTable') {
        return {
            sv: `läser beslutet ${variable}, som inte är en beslutstabell (${logic?.$type.replace('dmn:', '') ?? 'ingen logik'}) och inte kan läsas som en kedjad kolumn`,
            en: `reads decision ${variable}, which is no decision table (${logic?.$type.replace('dmn:', '') ?? 'no logic'}) and cannot be read as a chained column`,
        };
    }
    const outputs = ((logic.output ?? []) as Element[]).map(output => output.name ?? '');
    const name = column ?? (outputs.length === 1 ? outputs[0] : undefined);
    if (name === undefined || !outputs.includes(name)) {
        return {
            sv: `läser beslutet ${variable} utan en av dess utdatakolumner (${outputs.join(', ')})`,
            en: `reads decision ${variable} without one of its output columns (${outputs.join(', ')})`,
        };
    }
    return `${identifier(variable, NO_KEYWORDS)}.${name}`;
}

/** A FEEL number as Regelrätt writes it (`12,5`). */
function regelNumber(text: string): string {
    return text.replace('.', ',');
}

/** A FEEL string's content, its escapes read. */
function feelStringContent(text: string): string | undefined {
    const match = /^"((?:[^"\\]|\\.)*)"$/.exec(text);
    return match ? match[1].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c)) : undefined;
}

function regelString(text: string): string {
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A FEEL unary test as a Regelrätt cell, or undefined where the language has no such cell. */
function inputCell(text: string): string | undefined {
    if (text === '-' || text === '') {
        return '-';
    }
    if (NUMBER.test(text)) {
        return regelNumber(text);
    }
    if (text === 'true' || text === 'false') {
        return text === 'true' ? 'ja' : 'nej';
    }
    const comparison = /^(<=|>=|<|>)\s*(-?\d+(?:\.\d+)?)$/.exec(text);
    if (comparison) {
        return `${comparison[1]} ${regelNumber(comparison[2])}`;
    }
    // A date as Regelrätt writes it (`2024-01-01`), alone or compared.
    const date = /^(<=|>=|<|>)?\s*date\("(\d{4}-\d{2}-\d{2})"\)$/.exec(text);
    if (date) {
        return date[1] ? `${date[1]} ${date[2]}` : date[2];
    }
    const interval = /^([[(\]])\s*(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)\s*([\])[])$/.exec(text);
    if (interval) {
        const [, open, low, high, close] = interval;
        if (open === '[' && close === ']') {
            return `${regelNumber(low)}–${regelNumber(high)}`;
        }
        return `${open === '[' ? '>=' : '>'} ${regelNumber(low)} och ${close === ']' ? '<=' : '<'} ${regelNumber(high)}`;
    }
    const negated = /^not\((.*)\)$/.exec(text);
    if (negated) {
        const inner = inputCell(negated[1].trim());
        return inner !== undefined && !/[{<>–-]|och/.test(inner) ? `≠ ${inner}` : undefined;
    }
    const members = splitList(text)?.map(member => feelStringContent(member));
    if (members && members.every((m): m is string => m !== undefined && IDENTIFIER.test(m) && m !== 'ja' && m !== 'nej')) {
        return members.length === 1 ? members[0] : `{ ${members.join(', ')} }`;
    }
    // Several tests, any of which holds (DMN's disjunction, `< 18, >= 60`): `< 18 eller >= 60`. A part
    // that is itself a conjunction (`> 64 och < 80`) would read ambiguously beside `eller` and is refused.
    const parts = text.includes(',') && !text.includes('"') ? splitList(text)?.map(inputCell) : undefined;
    if (parts && parts.length > 1 && parts.every((part): part is string => part !== undefined && part !== '-' && !/ och |\{| eller /.test(part))) {
        return parts.join(' eller ');
    }
    return undefined;
}

/** `"a", "b"` as its members; undefined where a comma falls inside something else. */
function splitList(text: string): string[] | undefined {
    const parts = text.match(/"(?:[^"\\]|\\.)*"|[^,\s][^,]*/g);
    return parts?.map(part => part.trim());
}

/** A FEEL output entry as a Regelrätt output cell: a number, a text, ja/nej or `ej angivet`. */
function literalOutputCell(text: string): string | undefined {
    if (NUMBER.test(text)) {
        return regelNumber(text);
    }
    if (text === 'true' || text === 'false') {
        return text === 'true' ? 'ja' : 'nej';
    }
    if (text === 'null') {
        return 'ej angivet';
    }
    const content = feelStringContent(text);
    return content === undefined ? undefined : regelString(content);
}

/** Records the attribute a column reads, its domain from its type, allowed values and the cells' constants; false where it cannot be one. */
function declare(column: Column, cells: readonly string[], attributes: Map<string, Attribute>): boolean {
    const kind = ({ number: 'number', integer: 'number', long: 'number', double: 'number', string: 'string', boolean: 'boolean', date: 'date' } as Record<string, Attribute['kind']>)[column.typeRef];
    if (!kind) {
        return false;
    }
    const attribute = attributes.get(column.name) ?? { name: column.name, kind, values: [], decimals: false, constants: [] };
    if (attribute.kind !== kind) {
        return false;
    }
    if (kind === 'string') {
        const allowed = column.inputValues ? splitList(column.inputValues)?.map(feelStringContent) : undefined;
        for (const value of [...(allowed ?? []), ...cells.flatMap(cell => cell.replace(/^≠ /, '').replace(/[{}]/g, '').split(',').map(v => v.trim()).filter(v => v !== '-'))]) {
            if (value === undefined || !IDENTIFIER.test(value)) {
                return false;
            }
            if (!attribute.values.includes(value)) {
                attribute.values.push(value);
            }
        }
    }
    if (kind === 'number') {
        const bounds = column.inputValues ? /^\[\s*(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)\s*\]$/.exec(column.inputValues.trim()) : null;
        if (bounds) {
            attribute.bounds = { min: bounds[1], max: bounds[2] };
        }
        for (const cell of cells) {
            for (const constant of cell.match(/-?\d+(?:,\d+)?/g) ?? []) {
                attribute.constants.push(constant.replace(',', '.'));
                attribute.decimals ||= constant.includes(',');
            }
        }
        attribute.decimals ||= [attribute.bounds?.min, attribute.bounds?.max].some(bound => bound?.includes('.'));
    }
    attributes.set(column.name, attribute);
    return true;
}

function attributeText(attribute: Attribute): string {
    switch (attribute.kind) {
        case 'boolean': return `egenskap ${attribute.name} : ja/nej`;
        case 'date': return `egenskap ${attribute.name} : datum`;
        case 'string': return `egenskap ${attribute.name} : en av { ${attribute.values.join(', ')} }`;
        case 'number': {
            // Without allowed values (`inputValues`), the domain is the constants' span widened by a margin either side.
            const numbers = attribute.constants.map(Number);
            const min = attribute.bounds?.min ?? String(Math.min(0, ...numbers.map(n => Math.floor(n) - 1000)));
            const max = attribute.bounds?.max ?? String(Math.max(1000, ...numbers.map(n => Math.ceil(n) + 1000)));
            return `egenskap ${attribute.name} : ${attribute.decimals ? 'decimaltal' : 'heltal'} ${regelNumber(min)}–${regelNumber(max)}`;
        }
    }
}

/** FEEL's rounding functions as Regelrätt's rounding modes (the inverse of the export's FEEL_ROUNDING); `floor(x + ½ step)` is `halva uppåt`. */
const REGEL_ROUNDING: Record<string, string> = {
    'round half up': '',
    decimal: ', halva till jämnt',
    'round down': ', nedåt',
    'round up': ', uppåt',
};
const ROUNDING_UNIT: Record<string, string> = { 0: 'hela kronor', 2: 'öre' };

/**
 * A FEEL expression in the fragment the export writes, as a Regelrätt formula (the text after `= `):
 * numbers, names the scope knows, `+ - * /`, parentheses, `min`/`max`, and rounding to whole kronor
 * or öre by FEEL's functions. Undefined for anything else (a name not known, `if`, a date, a string).
 */
export function regelFormula(text: string, known: (name: string) => boolean): string | undefined {
    const tokens = text.match(/\d+(?:\.\d+)?|round half up|round down|round up|[\p{L}_][\p{L}\p{N}_]*|[-+*/(),]|\S/gu) ?? [];
    let at = 0;
    const peek = () => tokens[at];
    const take = (token?: string) => (token === undefined || tokens[at] === token ? tokens[at++] : undefined);
    const sum = (): string | undefined => {
        let left = product();
        while (left !== undefined && (peek() === '+' || peek() === '-')) {
            const op = take()!;
            const right = product();
            left = right === undefined ? undefined : `(${left} ${op === '-' ? '−' : '+'} ${right})`;
        }
        return left;
    };
    const product = (): string | undefined => {
        let left = factor();
        while (left !== undefined && (peek() === '*' || peek() === '/')) {
            const op = take()!;
            const right = factor();
            left = right === undefined ? undefined : `(${left} ${op === '*' ? '×' : '/'} ${right})`;
        }
        return left;
    };
    const args = (): string[] | undefined => {
        if (!take('(')) {
            return undefined;
        }
        const list: string[] = [];
        do {
            const arg = sum();
            if (arg === undefined) {
                return undefined;
            }
            list.push(arg);
        } while (take(','));
        return take(')') ? list : undefined;
    };
    const factor = (): string | undefined => {
        const token = take();
        if (token === undefined) {
            return undefined;
        }
        if (NUMBER.test(token)) {
            return regelNumber(token);
        }
        if (token === '-') {
            const inner = factor();
            return inner === undefined || !/^\d/.test(inner) ? undefined : `−${inner}`;
        }
        if (token === '(') {
            const inner = sum();
            return inner !== undefined && take(')') ? inner : undefined;
        }
        if (token === 'min' || token === 'max') {
            const list = args();
            return list && list.length > 0 ? `${token}(${list.join(', ')})` : undefined;
        }
        if (token in REGEL_ROUNDING || token === 'floor') {
            const list = args();
            if (!list || list.length !== 2 || !(list[1] in ROUNDING_UNIT)) {
                return undefined;
            }
            if (token === 'floor') {
                // The export's `halva uppåt`: floor(x + 0.5, 0) or floor(x + 0.005, 2); no other floor.
                const half = list[1] === '0' ? '0,5' : '0,005';
                const match = new RegExp(`^\\((.*) \\+ ${half.replace(',', ',')}\\)$`).exec(list[0]);
                return match ? `(${match[1]} avrundat till ${ROUNDING_UNIT[list[1]]}, halva uppåt)` : undefined;
            }
            return `(${list[0]} avrundat till ${ROUNDING_UNIT[list[1]]}${REGEL_ROUNDING[token]})`;
        }
        if (/^[\p{L}_]/u.test(token) && IDENTIFIER.test(token) && known(token) && peek() !== '(') {
            return token;
        }
        return undefined;
    };
    const formula = sum();
    return formula !== undefined && at === tokens.length ? formula : undefined;
}
