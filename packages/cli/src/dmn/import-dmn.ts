import { DmnModdle } from 'dmn-moddle';
import { ExactNumber, isCalendarDate } from '@regelratt/format';
import type { DmnNote } from './export-dmn.js';
import { importFormula, type FormulaName, type ImportedFormula } from './feel-formula-import.js';

/**
 * `regelratt dmn import <file.dmn>`: the decision tables of a DMN file as `.regel` text, for what the
 * language can say, and a note naming by its XML id each element it cannot (never a silent drop): a
 * decision whose logic is neither a decision table nor a numeric literal expression (a calculation),
 * a hit policy without a Regelrätt counterpart, a cell or output entry beyond the FEEL forms the
 * language has, an input that is an expression.
 */

export interface DmnImport {
    text: string;
    notes: DmnNote[];
    tables: number;
    /** Literal-expression decisions written as `beräkning`. */
    calculations: number;
}

/**
 * The namespaces dmn-moddle reads (DMN 1.3); 1.2, 1.4 and 1.5 files use nothing else this import
 * reads, nor do 1.1 files (older Camunda and Signavio exports) once their types are read as FEEL's:
 * 1.1 writes a type as a qualified name (`feel:number`, `xsd:string`), later versions as the name.
 */
const MODEL_1_3 = 'https://www.omg.org/spec/DMN/20191111/MODEL/';
const MODEL_1_1 = 'http://www.omg.org/spec/DMN/20151101/dmn.xsd';
const READABLE_MODELS = [MODEL_1_1, 'http://www.omg.org/spec/DMN/20180521/MODEL/', 'https://www.omg.org/spec/DMN/20211108/MODEL/', 'https://www.omg.org/spec/DMN/20230324/MODEL/'];
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
    /** The unit its label or type states (statedUnit): an amount, per a period where it says one. */
    stated?: { unit: string; period: boolean };
}

interface Attribute {
    name: string;
    kind: 'number' | 'string' | 'boolean' | 'date';
    bounds?: { min: string; max: string };
    values: string[];
    /** A whole number (`heltal`): only where the DMN says so (numberDomain, INTEGER_TYPES). */
    integer: boolean;
    /** An amount (`belopp`): allowed values `>= 0` with no upper bound. */
    amount: boolean;
    /** Kronor as the file states them in words (statedUnit), with the period's word where it says one (`månad`). */
    kronor?: { period?: string };
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
            'Filen är ingen DMN-fil som kan läsas: den saknar namnrymden för DMN 1.1–1.5 (till exempel https://www.omg.org/spec/DMN/20230324/MODEL/).',
            'The file is no DMN file that can be read: it lacks the namespace of DMN 1.1–1.5 (https://www.omg.org/spec/DMN/20230324/MODEL/, say).',
        );
    }
    if (text.includes(MODEL_1_1)) {
        // DMN 1.1's types are qualified names: FEEL's (`feel:number`) and XML Schema's (`xsd:string`) are the names later versions write.
        text = text.replace(/(typeRef="|<typeRef>)\s*(?:feel|FEEL|xsd|xs):([A-Za-z]+)/g, '$1$2');
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
    // The inputs whose allowed values make them amounts (`>= 0`): a formula's plain numbers beside one are kronor.
    const amounts = new Set(drg.flatMap(e => (((e.decisionLogic as Element | undefined)?.input ?? []) as Element[]))
        .filter(input => /^>=\s*0$/.test((((input.inputValues as Element | undefined)?.text as string | undefined) ?? '').trim()))
        .map(input => (((input.inputExpression as Element | undefined)?.text as string | undefined) ?? '').trim()));
    const itemDefinitions = new Map(((root.itemDefinition ?? []) as Element[]).filter(item => item.name).map(item => [item.name!, item]));
    const known = { decisions, inputData, amounts, itemDefinitions };
    for (const element of drg) {
        if (element.$type === 'dmn:InputData') {
            continue;
        }
        if (element.$type !== 'dmn:Decision') {
            notes.push(note(element, `${kindName(element)} ${element.name ?? ''} har ingen motsvarighet i Regelrätt och är inte med.`, `${element.$type.replace('dmn:', '')} ${element.name ?? ''} has no counterpart in Regelrätt and is left out.`));
            continue;
        }
        const table = (element.decisionLogic as Element | undefined)?.$type === 'dmn:LiteralExpression'
            ? calculation(element, attributes, notes, known)
            : decisionTable(element, attributes, notes, keywords, known);
        if (table) {
            tables.push(table);
        }
    }
    withImportedUpstreams(tables, notes);
    const used = new Set(tables.flatMap(table => table.attributes));
    const declarations = [...attributes.values()].filter(a => a.name !== 'nivå' && used.has(a.name)).map(attributeText);
    const body = [...declarations, '', ...tables.map(table => table.text)].join('\n');
    const calculations = tables.filter(table => table.element.$type === 'dmn:Decision').length;
    return { text: `// Importerad från DMN av regelratt dmn import.\n${body.trim()}\n`, notes, tables: tables.length - calculations, calculations };
}

/** A decision table or a calculation as written, with the decisions it reads (chained columns, calculations) and the attributes it reads. */
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
            const [sv, en] = table.element.$type === 'dmn:Decision' ? ['Beräkningen', 'Calculation'] : ['Beslutstabellen', 'Decision table'];
            notes.push(note(table.element, `${sv} ${table.name} läser beslutet ${missing}, som inte importeras; den är inte med.`,
                `${en} ${table.name} reads decision ${missing}, which is not imported; it is left out.`));
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

/** What a decision may read: the file's decisions by id, its input data's FEEL types by name, and the inputs that are amounts. */
interface Known {
    decisions: ReadonlyMap<string, Element>;
    inputData: ReadonlyMap<string, string>;
    amounts: ReadonlySet<string>;
    /** Each item definition by name: a typeRef naming one reads its type, and its name and label may state a unit. */
    itemDefinitions: ReadonlyMap<string, Element>;
}

function decisionTable(decision: Element, attributes: Map<string, Attribute>, notes: DmnNote[], keywords: ReadonlySet<string>, known: Known): ImportedTable | undefined {
    const { decisions, inputData } = known;
    const logic = decision.decisionLogic as Element | undefined;
    const name = identifier(((decision.variable as Element | undefined)?.name as string | undefined) ?? decision.name ?? decision.id ?? 'beslut', NO_KEYWORDS);
    // A formula output (`= …`) reads input data (each declared as an attribute) and calculations the decision requires.
    const formulas: ImportedFormula[] = [];
    const names = formulaNames(decision, known);
    // A cell naming a number input data (`< maxpris`) compares with that attribute: read like a formula's input.
    const cellReads = new Set<string>();
    const cellNames = (read: string) => {
        const numeric = FEEL_KIND[inputData.get(read) ?? ''] === 'number';
        if (numeric) {
            cellReads.add(read);
        }
        return numeric;
    };
    const outputCell = (text: string): string | undefined => {
        const literal = literalOutputCell(text);
        if (literal !== undefined) {
            return literal;
        }
        const formula = importFormula(text, names);
        if (formula) {
            formulas.push(formula);
        }
        return formula === undefined ? undefined : `= ${unparenthesized(formula.text)}`;
    };
    if (!logic || logic.$type !== 'dmn:DecisionTable') {
        notes.push(note(decision, `Beslutet ${name} är varken en beslutstabell eller ett litteralt uttryck (${logic ? logic.$type.replace('dmn:', '') : 'ingen logik'}) och är inte med: Regelrätt läser beslutstabeller och litterala uttryck som ger ett tal ur DMN.`,
            `Decision ${name} is neither a decision table nor a literal expression (${logic ? logic.$type.replace('dmn:', '') : 'no logic'}) and is left out: Regelrätt reads decision tables and literal expressions giving a number from DMN.`));
        return undefined;
    }
    // The decisions this one requires, by their variable: an input naming one is a chained column (`| nivåbedömning.nivå |`).
    const required = new Map(requiredDecisions(decision, decisions)
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
        if (chained && 'sv' in chained) {
            notes.push(note(input, `Indatakolumnen ${text} i ${name} ${chained.sv}; tabellen är inte med.`, `Input column ${text} of ${name} ${chained.en}; the table is left out.`));
            return undefined;
        }
        if (chained !== undefined) {
            columns.push({ name: chained.column, typeRef: ((expression?.typeRef as string | undefined) ?? 'number'), chained: true });
            upstreams.push(chained.upstream);
            continue;
        }
        // A field of an input data of a structured type (an itemDefinition with components, `Violation.Type`).
        const [record, field, ...deeper] = text.split('.');
        if (field !== undefined && deeper.length === 0 && inputData.has(record) && IDENTIFIER.test(field)) {
            notes.push(note(input, `Indatakolumnen ${text} i ${name} läser fältet ${field} i indata ${record}, som har en sammansatt typ (${inputData.get(record)}); Regelrätt har inga sammansatta egenskaper, så tabellen är inte med.`,
                `Input column ${text} of ${name} reads field ${field} of input data ${record}, which has a structured type (${inputData.get(record)}); Regelrätt has no structured attributes, so the table is left out.`));
            return undefined;
        }
        if (!IDENTIFIER.test(text)) {
            notes.push(note(input, `Indatakolumnen ${text} i ${name} är ett uttryck, inte en egenskap; tabellen är inte med.`, `Input column ${text} of ${name} is an expression, not an attribute; the table is left out.`));
            return undefined;
        }
        const written = (expression?.typeRef as string | undefined) ?? 'string';
        // A type named by an item definition (DMN 1.1 files and Signavio's name one for every column) is that definition's type.
        const typeRef = (known.itemDefinitions.get(written)?.typeRef as string | undefined) ?? written;
        const item = known.itemDefinitions.get(written);
        const stated = FEEL_KIND[typeRef] === 'number' ? statedUnit([input.label as string | undefined, written, item?.name, item?.label as string | undefined]) : undefined;
        if (stated && !stated.period) {
            notes.push(note(input, `Indatakolumnen ${text} i ${name} anger kronor men inte per vilken period; egenskapen är skriven som belopp utan period (skriv till exempel belopp per månad om det gäller per månad).`,
                `Input column ${text} of ${name} states kronor but not per which period; the attribute is written as belopp without a period (write belopp per månad, say, if it is per month).`));
        }
        columns.push({ name: text, typeRef, ...(stated ? { stated } : {}), ...(input.inputValues ? { inputValues: (input.inputValues as Element).text as string } : {}) });
    }
    const rows: string[][] = [];
    // A rule's description and annotation entries (DMN 1.3's annotation columns): a comment above its row.
    const comments: string[] = [];
    for (const rule of (logic.rule ?? []) as Element[]) {
        const cells: string[] = [];
        for (const [index, entry] of ((rule.inputEntry ?? []) as Element[]).entries()) {
            const written = ((entry.text as string | undefined) ?? '').trim();
            // A chained column of texts (another decision's string output) compares with texts as written, not choices.
            const cell = columns[index]?.chained && columns[index].typeRef === 'string' ? chainedTextCell(written) : inputCell(written, cellNames);
            const backwards = cell === undefined ? descendingInterval(written) : undefined;
            if (backwards) {
                notes.push(note(entry, `Cellen ${written} i ${name}, regel ${rows.length + 1}, är ett fallande intervall (${backwards.low} är större än ${backwards.high}), som ingen kan falla inom och som motorer läser olika; skriv det med den minsta gränsen först. Tabellen är inte med.`,
                    `Cell ${written} of ${name}, rule ${rows.length + 1}, is a descending interval (${backwards.low} is greater than ${backwards.high}), which nothing falls within and engines read differently; write it with the smaller bound first. The table is left out.`));
                return undefined;
            }
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
                notes.push(note(entry, `Utdata ${String(entry.text)} i ${name}, regel ${rows.length + 1}, är ett FEEL-uttryck som Regelrätt inte kan skriva (bara tal, text, ja/nej, datum, null och formler med + − × /, min, max, avrundning och om … så … annars över indata och beräkningar); tabellen är inte med.`,
                    `Output ${String(entry.text)} of ${name}, rule ${rows.length + 1}, is a FEEL expression Regelrätt cannot write (only numbers, texts, true/false, dates, null and formulas with + − × /, min, max, rounding and if … then … else over input data and calculations); the table is left out.`));
                return undefined;
            }
            cells.push(cell);
        }
        rows.push(cells);
        const annotations = [rule.description as string | undefined, ...((rule.annotationEntry ?? []) as Element[]).map(entry => entry.text as string | undefined)];
        comments.push(annotations.map(text => (text ?? '').replace(/\s+/g, ' ').trim()).filter(text => text !== '').join(' — '));
    }
    const defaults = outputs.map(output => (output.defaultOutputEntry ? outputCell((((output.defaultOutputEntry as Element).text as string | undefined) ?? '').trim()) : 'ej angivet'));
    if (defaults.some(cell => cell === undefined)) {
        notes.push(note(logic, `Standardutdata i ${name} är ett FEEL-uttryck som Regelrätt inte kan skriva; tabellen är inte med.`, `A default output of ${name} is a FEEL expression Regelrätt cannot write; the table is left out.`));
        return undefined;
    }
    const units = outputs.map((output, index) => withStatedUnit(output, index, { rows, defaults: defaults as string[], inputs: columns.length, table: name }, known.itemDefinitions, notes));
    const cellFormula: ImportedFormula = { text: '', reads: new Map([...cellReads].map(read => [read, []])), calculations: new Set() };
    if (!declareFormulaReads([...formulas, cellFormula], inputData, attributes, columns.map(column => column.name))) {
        notes.push(note(logic, `En formel i ${name} läser indata som Regelrätt inte kan skriva som egenskap; tabellen är inte med.`,
            `A formula of ${name} reads input data Regelrätt cannot write as an attribute; the table is left out.`));
        return undefined;
    }
    upstreams.push(...formulas.flatMap(formula => [...formula.calculations]));
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
        outputNames[index] = `${outputNames[index]} (${listed.map(value => units[index]?.(value!) ?? value).join(', ')})`;
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
        ...lines.flatMap((line, index) => [...(index > 0 && comments[index - 1] ? [`    // ${comments[index - 1]}`] : []), `    ${pad(line)}`]),
        ...(withDefault ? [`    annars || ${defaults.join(' | ')} |`] : []),
        '}',
        '',
    ].join('\n');
    return { element: logic, name, text, upstreams, attributes: [...columns.filter(c => !c.chained).map(c => c.name), ...[...formulas, cellFormula].flatMap(formula => [...formula.reads.keys()])] };
}

/** `(a + b)` as `a + b`: the outer parentheses of a whole formula say nothing. */
function unparenthesized(text: string): string {
    return /^\(.*\)$/.test(text) && balanced(text.slice(1, -1)) ? text.slice(1, -1) : text;
}

function balanced(text: string): boolean {
    let depth = 0;
    for (const char of text) {
        depth += char === '(' ? 1 : char === ')' ? -1 : 0;
        if (depth < 0) {
            return false;
        }
    }
    return depth === 0;
}

/** What a name in a decision's formulas is: an input data by its FEEL type, or a calculation (a literal-expression decision) it requires. */
function formulaNames(decision: Element, { decisions, inputData, amounts }: Known): (name: string) => FormulaName | undefined {
    const calculations = new Set(requiredDecisions(decision, decisions)
        .filter(d => (d.decisionLogic as Element | undefined)?.$type === 'dmn:LiteralExpression')
        .map(d => ((d.variable as Element | undefined)?.name as string | undefined) ?? d.name ?? d.id!));
    return name => (calculations.has(name) ? 'calculation' : amounts.has(name) ? 'amount' : FEEL_KIND[inputData.get(name) ?? ''] as FormulaName | undefined);
}

/** The decisions a decision requires (its information requirements on decisions). */
function requiredDecisions(decision: Element, decisions: ReadonlyMap<string, Element>): Element[] {
    return ((decision.informationRequirement ?? []) as Element[])
        .map(r => decisions.get((((r.requiredDecision as Element | undefined)?.href as string | undefined) ?? '').replace(/^#/, '')))
        .filter((d): d is Element => d !== undefined);
}

/** Declares each input data the formulas read that no column declares, its domain from its type and the constants compared with; false where one cannot be. */
function declareFormulaReads(formulas: readonly ImportedFormula[], inputData: ReadonlyMap<string, string>, attributes: Map<string, Attribute>, columns: readonly string[]): boolean {
    const reads = new Map<string, string[]>();
    for (const formula of formulas) {
        for (const [read, constants] of formula.reads) {
            reads.set(read, [...(reads.get(read) ?? []), ...constants]);
        }
    }
    return [...reads].every(([read, constants]) => columns.includes(read) || declare({ name: read, typeRef: inputData.get(read)! }, constants, attributes));
}

/**
 * A decision whose logic is one FEEL literal expression of a number, as the export writes a
 * calculation: `beräkning <variable> = <formula>`, reading input data and the calculations it
 * requires. Anything else (a string, an expression outside the fragment) is named and left out.
 */
function calculation(decision: Element, attributes: Map<string, Attribute>, notes: DmnNote[], known: Known): ImportedTable | undefined {
    const { inputData } = known;
    const logic = decision.decisionLogic as Element;
    const name = identifier(((decision.variable as Element | undefined)?.name as string | undefined) ?? decision.name ?? decision.id ?? 'beräkning', NO_KEYWORDS);
    const text = ((logic.text as string | undefined) ?? '').trim();
    const typeRef = (logic.typeRef as string | undefined) ?? ((decision.variable as Element | undefined)?.typeRef as string | undefined);
    const formula = typeRef === undefined || FEEL_KIND[typeRef] === 'number' ? importFormula(text, formulaNames(decision, known)) : undefined;
    if (!formula) {
        notes.push(note(decision, `Beslutet ${name} är ett FEEL-uttryck (${text}) som Regelrätt inte kan skriva som beräkning (bara tal och formler med + − × /, min, max, avrundning och om … så … annars över indata); det är inte med.`,
            `Decision ${name} is a FEEL expression (${text}) Regelrätt cannot write as a calculation (only numbers and formulas with + − × /, min, max, rounding and if … then … else over input data); it is left out.`));
        return undefined;
    }
    if (!declareFormulaReads([formula], inputData, attributes, [])) {
        notes.push(note(decision, `Beräkningen ${name} läser indata som Regelrätt inte kan skriva som egenskap; den är inte med.`, `Calculation ${name} reads input data Regelrätt cannot write as an attribute; it is left out.`));
        return undefined;
    }
    const title = decision.name && decision.name !== name ? ` ${regelString(decision.name)}` : '';
    return {
        element: decision, name, text: `beräkning ${name}${title} = ${unparenthesized(formula.text)}\n`,
        upstreams: [...formula.calculations], attributes: [...formula.reads.keys()],
    };
}

/** Types some engines write (Camunda's, from Java) that say a whole number; FEEL's one number type does not. */
const INTEGER_TYPES: ReadonlySet<string> = new Set(['integer', 'long', 'int', 'short']);

const DMN_NUMBER = '(-?\\d+(?:\\.\\d+)?)';

/**
 * A number input's allowed values: `[a..b]` a decimal between a and b (FEEL has one number type, so
 * whole bounds say nothing of the values between); the export's `? >= a and ? <= b and floor(?) = ?` or a
 * list of whole numbers (`1, 2, 3`, read from the least to the greatest) a whole number; `>= 0` with
 * no upper bound an amount, the language's one number without bounds. Undefined for anything else,
 * which leaves the cells' constants to span the domain.
 */
function numberDomain(text: string): { min: string; max: string; integer: boolean } | { amount: true } | undefined {
    if (/^>=\s*0$/.test(text)) {
        return { amount: true };
    }
    const interval = new RegExp(`^\\[\\s*${DMN_NUMBER}\\s*\\.\\.\\s*${DMN_NUMBER}\\s*\\]$`).exec(text);
    if (interval) {
        return { min: interval[1], max: interval[2], integer: false };
    }
    const whole = new RegExp(`^\\?\\s*>=\\s*${DMN_NUMBER}\\s+and\\s+\\?\\s*<=\\s*${DMN_NUMBER}\\s+and\\s+floor\\(\\?\\)\\s*=\\s*\\?$`).exec(text);
    if (whole) {
        return { min: whole[1], max: whole[2], integer: true };
    }
    const listed = splitList(text);
    if (listed && listed.every(value => /^-?\d+$/.test(value))) {
        const values = listed.map(BigInt).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        return { min: String(values[0]), max: String(values[values.length - 1]), integer: true };
    }
    return undefined;
}

/** FEEL's types, and the Java types some engines write (Camunda's `integer`, `double`), as the kind of attribute each is. */
const FEEL_KIND: Record<string, Attribute['kind'] | undefined> = {
    number: 'number', integer: 'number', long: 'number', int: 'number', short: 'number', double: 'number', string: 'string', boolean: 'boolean', date: 'date',
};

/**
 * An input expression naming a decision the table requires, as a chained column: `nivåbedömning.nivå`
 * as it is, `omvårdnadsavgift` alone (a decision with one output, its value) with that output's name,
 * a literal expression (the export's calculation) as `beräkning vårdtid`. Undefined where the
 * expression names no required decision; the reason where it names one the language cannot read as
 * a column (a context, a column the decision lacks).
 */
function chainedColumn(text: string, required: ReadonlyMap<string, Element>): { column: string; upstream: string } | { sv: string; en: string } | undefined {
    const [variable, column, ...rest] = text.split('.').map(part => part.trim());
    const upstream = required.get(variable);
    if (!upstream || rest.length > 0) {
        return undefined;
    }
    const logic = upstream.decisionLogic as Element | undefined;
    if (logic?.$type === 'dmn:LiteralExpression' && column === undefined) {
        const name = identifier(variable, NO_KEYWORDS);
        return { column: `beräkning ${name}`, upstream: name };
    }
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
    return { column: `${identifier(variable, NO_KEYWORDS)}.${name}`, upstream: identifier(variable, NO_KEYWORDS) };
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

/** An amount's unit as statedUnit gives it, as the period an attribute's `belopp per …` names. */
const PERIOD_WORDS: Record<string, string | undefined> = { 'kr/mån': 'månad', 'kr/år': 'år', 'kr/vecka': 'vecka', 'kr/dygn': 'dygn', 'kr/h': 'timme' };

/**
 * The unit an output column states for its numbers, in its label, its name or its type (the
 * itemDefinition's name and label): kronor (`kr`, `kronor`, `SEK`) and, where it says one, the
 * period (`kr/mån`, `per månad`, `PerManad`, `per år`, `/vecka`, `per dygn`, `/h`). Undefined where
 * nothing says kronor: the numbers stay plain numbers, as the file gives them.
 */
function statedUnit(texts: ReadonlyArray<string | undefined>): { unit: string; period: boolean } | undefined {
    const said = texts.filter((text): text is string => text !== undefined).join(' ');
    if (!/(^|[^\p{L}])(kr|sek)([^\p{L}]|$)|kronor/iu.test(said)) {
        return undefined;
    }
    const periods: Array<[RegExp, string]> = [
        [/(\/\s*|per\s*)(mån|månad|manad|month)|månads|monthly/iu, 'mån'],
        [/(\/\s*|per\s*)(år|ar\b|year)|årlig|yearly|annual/iu, 'år'],
        [/(\/\s*|per\s*)(vecka|week)|weekly/iu, 'vecka'],
        [/(\/\s*|per\s*)(dygn|day)|daily/iu, 'dygn'],
        [/(\/\s*|per\s*)(h|tim|timme|hour)([^\p{L}]|$)|hourly/iu, 'h'],
    ];
    const period = periods.find(([pattern]) => pattern.test(said))?.[1];
    return { unit: period ? `kr/${period}` : 'kr', period: period !== undefined };
}

/**
 * Writes the unit an output column states (statedUnit) after each of its numbers, the rows' and the
 * default's, and gives the caller the same writing for the listed values. Where the column says kronor but no period, or computes some of
 * its values with formulas (whose unit is their own), a note says what was not known rather than
 * guessing.
 */
function withStatedUnit(output: Element, index: number, table: { rows: string[][]; defaults: string[]; inputs: number; table: string }, itemDefinitions: ReadonlyMap<string, Element>, notes: DmnNote[]): ((cell: string) => string) | undefined {
    const typeRef = output.typeRef as string | undefined;
    const item = typeRef === undefined ? undefined : itemDefinitions.get(typeRef);
    const stated = statedUnit([output.label as string | undefined, output.name, typeRef, item?.name, item?.label as string | undefined]);
    if (!stated) {
        return undefined;
    }
    const column = output.name ?? output.label ?? String(index + 1);
    const cells = table.rows.map(row => row[table.inputs + index]);
    if (cells.some(cell => cell?.startsWith('='))) {
        notes.push(note(output, `Utdatakolumnen ${column} i ${table.table} anger ${stated.unit}, men några värden räknas med formler, vars enhet är formlernas egen; talen är skrivna utan enhet.`,
            `Output column ${column} of ${table.table} states ${stated.unit}, but some values are computed by formulas, whose unit is their own; the numbers are written without a unit.`));
        return undefined;
    }
    if (!stated.period) {
        notes.push(note(output, `Utdatakolumnen ${column} i ${table.table} anger kronor men inte per vilken period; beloppen är skrivna i kr (skriv till exempel kr/mån om de gäller per månad).`,
            `Output column ${column} of ${table.table} states kronor but not per which period; the amounts are written in kr (write kr/mån, say, if they are per month).`));
    }
    const withUnit = (cell: string) => (/^-?\d+(,\d+)?$/.test(cell) ? `${cell} ${stated.unit}` : cell);
    for (const row of table.rows) {
        row[table.inputs + index] = withUnit(row[table.inputs + index]);
    }
    table.defaults[index] = withUnit(table.defaults[index]);
    // The listed values (PRIORITY's order) are compared with the cells, unit and all: the caller writes them with it too.
    return withUnit;
}

/** A FEEL unary test as a Regelrätt cell, or undefined where the language has no such cell. */
function inputCell(text: string, known: (name: string) => boolean): string | undefined {
    if (text === '-' || text === '') {
        return '-';
    }
    // A test naming another input (`< maxpris`, `maxpris`, `not(maxpris)`) where that input is a number:
    // a cell compared with another attribute, the form the export writes (the input is declared as an attribute).
    const named = /^(<=|>=|<|>)?\s*(\p{L}[\p{L}\p{N}_]*)$/u.exec(text);
    if (named && !['true', 'false', 'null', 'not'].includes(named[2]) && known(named[2])) {
        return named[1] ? `${named[1]} ${named[2]}` : named[2];
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
    const dates = dateBounds(text);
    if (dates) {
        return dates;
    }
    // Two bounds, one or both naming another input that is a number, as the export writes `2–gräns`: a boolean
    // test of `?` (`(? >= 2 and ? <= gräns)`), not an interval, since engines read a descending `[2..1]` differently.
    const bounded = /^\(\?\s*(>=|>)\s*(-?\d+(?:\.\d+)?|\p{L}[\p{L}\p{N}_]*)\s+and\s+\?\s*(<=|<)\s*(-?\d+(?:\.\d+)?|\p{L}[\p{L}\p{N}_]*)\)$/u.exec(text);
    const endpoint = (bound: string) => NUMBER.test(bound) || known(bound);
    if (bounded && endpoint(bounded[2]) && endpoint(bounded[4]) && !(NUMBER.test(bounded[2]) && NUMBER.test(bounded[4]))) {
        const [, lower, low, upper, high] = bounded;
        const unsigned = (bound: string) => !bound.startsWith('-');
        return lower === '>=' && upper === '<=' && unsigned(low) && unsigned(high)
            ? `${regelNumber(low)}–${regelNumber(high)}`
            : `${lower} ${regelNumber(low)} och ${upper} ${regelNumber(high)}`;
    }
    const interval = INTERVAL.exec(text);
    if (interval) {
        const [, open, low, high, close] = interval;
        if (ExactNumber.parse(low).compare(ExactNumber.parse(high)) > 0) {
            // A descending interval is refused (descendingInterval words it), never read as the ascending one.
            return undefined;
        }
        if (open === '[' && close === ']') {
            return `${regelNumber(low)}–${regelNumber(high)}`;
        }
        return `${open === '[' ? '>=' : '>'} ${regelNumber(low)} och ${close === ']' ? '<=' : '<'} ${regelNumber(high)}`;
    }
    const negated = /^not\((.*)\)$/.exec(text);
    if (negated) {
        const inner = inputCell(negated[1].trim(), known);
        return inner !== undefined && !/[{<>–-]|och/.test(inner) ? `≠ ${inner}` : undefined;
    }
    const members = splitList(text)?.map(member => feelStringContent(member));
    if (members && members.every((m): m is string => m !== undefined && IDENTIFIER.test(m) && m !== 'ja' && m !== 'nej')) {
        return members.length === 1 ? members[0] : `{ ${members.join(', ')} }`;
    }
    // Several tests, any of which holds (DMN's disjunction, `< 18, >= 60`): `< 18 eller >= 60`. A part
    // that is itself a conjunction (`> 64 och < 80`) would read ambiguously beside `eller` and is refused.
    const parts = text.includes(',') && !text.includes('"') ? splitList(text)?.map(part => inputCell(part, known)) : undefined;
    if (parts && parts.length > 1 && parts.every((part): part is string => part !== undefined && part !== '-' && !/ och |\{| eller /.test(part))) {
        return parts.join(' eller ');
    }
    return undefined;
}

/** A FEEL interval of two numbers, `[a..b]`, `(a..b]`, `]a..b[` and so on. */
const INTERVAL = /^([[(\]])\s*(-?\d+(?:\.\d+)?)\s*\.\.\s*(-?\d+(?:\.\d+)?)\s*([\])[])$/;

/** The bounds of a descending interval (`[70..65]`) in a cell, alone or as one of its tests; undefined where there is none. */
function descendingInterval(text: string): { low: string; high: string } | undefined {
    const inner = /^not\((.*)\)$/.exec(text)?.[1] ?? text;
    for (const part of splitList(inner.trim()) ?? []) {
        const interval = INTERVAL.exec(part);
        if (interval && ExactNumber.parse(interval[2]).compare(ExactNumber.parse(interval[3])) > 0) {
            return { low: interval[2], high: interval[3] };
        }
    }
    return undefined;
}

/**
 * Two bounds on a date as the cell `>= 2025-01-01 och <= 2025-06-30`: the boolean test of `?` the export
 * writes for it (`(? >= date("2025-01-01") and ? <= date("2025-06-30"))`, as for every conjunction that is
 * no interval of numbers), or a FEEL interval of two dates another tool writes (`[date("…")..date("…")]`,
 * ascending only: engines read a descending one differently). Undefined for anything else, or a bound
 * that is no calendar day.
 */
function dateBounds(text: string): string | undefined {
    const bounded = /^\(\?\s*(>=|>)\s*(\S+?)\s+and\s+\?\s*(<=|<)\s*(\S+?)\)$/.exec(text);
    const interval = /^([[(\]])\s*(\S+?)\s*\.\.\s*(\S+?)\s*([\])[])$/.exec(text);
    const [lower, low, upper, high] = bounded
        ? [bounded[1], bounded[2], bounded[3], bounded[4]]
        : interval ? [interval[1] === '[' ? '>=' : '>', interval[2], interval[4] === ']' ? '<=' : '<', interval[3]] : [];
    const from = low === undefined ? undefined : feelDate(low);
    const to = high === undefined ? undefined : feelDate(high);
    if (from === undefined || to === undefined || (interval && from > to)) {
        return undefined;
    }
    return `${lower} ${from} och ${upper} ${to}`;
}

/**
 * A FEEL unary test on a chained column of texts as a Regelrätt cell: `"a"` as it is, `"a", "b"` as
 * `"a" eller "b"`, `not("a")` as `≠ "a"`, `-`; undefined for anything else.
 */
function chainedTextCell(text: string): string | undefined {
    if (text === '-' || text === '') {
        return '-';
    }
    const negated = /^not\((.*)\)$/.exec(text);
    if (negated) {
        const inner = feelStringContent(negated[1].trim());
        return inner === undefined ? undefined : `≠ ${regelString(inner)}`;
    }
    const members = splitList(text)?.map(feelStringContent);
    return members && members.length > 0 && members.every((m): m is string => m !== undefined) ? members.map(regelString).join(' eller ') : undefined;
}

/** `"a", "b"` as its members; undefined where a comma falls inside something else. */
function splitList(text: string): string[] | undefined {
    const parts = text.match(/"(?:[^"\\]|\\.)*"|[^,\s][^,]*/g);
    return parts?.map(part => part.trim());
}

/** A FEEL output entry as a Regelrätt output cell: a number, a text, ja/nej, a date or `ej angivet`. */
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
    const date = feelDate(text);
    if (date !== undefined) {
        return date;
    }
    const content = feelStringContent(text);
    return content === undefined ? undefined : regelString(content);
}

/**
 * A FEEL date literal (`date("2025-07-01")`, or FEEL 1.4's `@"2025-07-01"`) as the day Regelrätt
 * writes (`2025-07-01`); undefined for anything else, a date and time or a day that does not exist.
 */
function feelDate(text: string): string | undefined {
    const match = /^(?:date\(\s*("[^"]*")\s*\)|@("[^"]*"))$/.exec(text);
    const day = match ? feelStringContent(match[1] ?? match[2]) : undefined;
    return day !== undefined && isCalendarDate(day) ? day : undefined;
}

/** Records the attribute a column reads, its domain from its type, allowed values and the cells' constants; false where it cannot be one. */
function declare(column: Column, cells: readonly string[], attributes: Map<string, Attribute>): boolean {
    const kind = FEEL_KIND[column.typeRef];
    if (!kind) {
        return false;
    }
    const attribute = attributes.get(column.name) ?? { name: column.name, kind, values: [], integer: false, amount: false, constants: [] };
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
        const domain = column.inputValues ? numberDomain(column.inputValues.trim()) : undefined;
        if (domain && 'amount' in domain) {
            attribute.amount = true;
        } else if (domain) {
            attribute.bounds = { min: domain.min, max: domain.max };
            attribute.integer ||= domain.integer;
        }
        attribute.integer ||= INTEGER_TYPES.has(column.typeRef);
        if (column.stated) {
            attribute.kronor = { ...(column.stated.period ? { period: PERIOD_WORDS[column.stated.unit] } : {}) };
        }
        for (const cell of cells) {
            for (const constant of cell.match(/-?\d+(?:,\d+)?/g) ?? []) {
                attribute.constants.push(constant.replace(',', '.'));
            }
        }
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
            if (attribute.kronor) {
                // Stated in words (`Inkomst (kr/mån)`): an amount, whatever bounds its allowed values give.
                return `egenskap ${attribute.name} : belopp${attribute.kronor.period ? ` per ${attribute.kronor.period}` : ''}`;
            }
            if (attribute.amount && !attribute.bounds) {
                return `egenskap ${attribute.name} : belopp`;
            }
            // Without allowed values (`inputValues`), the domain is the constants' span widened by a margin either side.
            const numbers = attribute.constants.map(Number);
            const min = attribute.bounds?.min ?? String(Math.min(0, ...numbers.map(n => Math.floor(n) - 1000)));
            const max = attribute.bounds?.max ?? String(Math.max(1000, ...numbers.map(n => Math.ceil(n) + 1000)));
            return `egenskap ${attribute.name} : ${attribute.integer ? 'heltal' : 'decimaltal'} ${regelNumber(min)}–${regelNumber(max)}`;
        }
    }
}
