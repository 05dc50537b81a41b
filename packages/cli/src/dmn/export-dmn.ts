import {
    againstReferences, chainedInputKey, ExactNumber, formulaCell, isChainedInput, LEVEL_INPUT, matchCriterion, UNDATED_FROM, withBoundValues, type Attribute, type Calculation, type ChainedDecisionInput, type CompiledElement, type CompiledPolicyFile, type Criterion,
    type DecisionResult, type DecisionTable, type ElementKind, type Parameter, type PathwayModel, type Pilot,
} from '@regelratt/format';
import type { PolicySet } from '@regelratt/runtime';
import { columnType, feelFormula, feelString, inputType, NotFeel, outputEntry, percentAsFraction, unaryTests, type FeelType, type FormulaScope } from './feel.js';
import { element, renderXml, type XmlElement } from './xml.js';
import { versionInForce } from '@regelratt/runtime';

/**
 * `regelratt compile --target dmn`: the decisions of one compiled policy file as DMN 1.5 XML, with
 * its DMNDI diagram. Reads the compiled format only. Every decision table is a DMN decision table;
 * the criteria of a förloppsmodell and of a pilot are one each. What DMN cannot say is named in a
 * note (Swedish and English) with the element, never dropped in silence.
 */

export const DMN_NAMESPACE = 'https://www.omg.org/spec/DMN/20230324/MODEL/';
export const DMNDI_NAMESPACE = 'https://www.omg.org/spec/DMN/20230324/DMNDI/';
export const DC_NAMESPACE = 'http://www.omg.org/spec/DMN/20180521/DC/';
export const DI_NAMESPACE = 'http://www.omg.org/spec/DMN/20180521/DI/';

/** Something of the policy that the DMN file does not hold, or holds differently, with the element it is about. */
export interface DmnNote {
    element: string;
    sv: string;
    en: string;
}

export interface DmnExport {
    xml: string;
    notes: DmnNote[];
    /** The number of DMN decisions written. */
    decisions: number;
    /** Each exported element's id → its DMN decision's XML id. */
    decisionIds: Map<string, string>;
    /** The date each decision that reads a parameter answers for (its value then is written as a literal), by element id. */
    dates: Map<string, string>;
}

/**
 * What the export reads besides the file: the policy's attributes, and for formulas the whole policy
 * (parameters, calculations, from any file) with the date a table without `giltig från` answers for,
 * where the caller gives one.
 */
export interface DmnPolicy {
    attributes: ReadonlyMap<string, Attribute>;
    policy?: PolicySet;
    date?: string;
}

type DmnHitPolicy = 'UNIQUE' | 'FIRST' | 'ANY' | 'COLLECT' | 'PRIORITY' | 'RULE ORDER' | 'OUTPUT ORDER';
type DmnAggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

/** Each compiled hit policy as DMN's; a new one is a compile error here until mapped. */
export const HIT_POLICY = {
    unique: 'UNIQUE',
    first: 'FIRST',
    any: 'ANY',
    collect: 'COLLECT',
    // DMN's P: the winner's outputs come first in the columns' output values (written below).
    priority: 'PRIORITY',
    // The list policies: every matching rule's outputs, a list (DMN's R, O, and C without an aggregation).
    ruleOrder: 'RULE ORDER',
    outputOrder: 'OUTPUT ORDER',
    collectList: 'COLLECT',
} as const satisfies Record<DecisionTable['hitPolicy'], DmnHitPolicy>;

/** `träff samla` alone sums, so it is DMN's C+. */
export const AGGREGATION = {
    sum: 'SUM',
    min: 'MIN',
    max: 'MAX',
    count: 'COUNT',
} as const satisfies Record<NonNullable<DecisionTable['aggregation']>, DmnAggregation>;

/** One DMN decision with its decision table, before it is written. */
interface DmnDecision {
    element: CompiledElement;
    name: string;
    label: string;
    hitPolicy: DmnHitPolicy;
    aggregation?: DmnAggregation;
    /** Attribute ids (`LEVEL_INPUT` for the level; `chainedInputKey` for a chained input), one per input column. */
    inputs: string[];
    /** The chained inputs (another table's output column, a calculation) by their key in `inputs`. */
    chained?: Map<string, ChainedDecisionInput>;
    outputs: Array<{ name: string; typeRef?: FeelType; default?: string; values?: string }>;
    rules: Array<{ inputs: string[]; outputs: string[] }>;
    /** Attributes the output formulas read besides the input columns: input data the decision requires. */
    reads?: string[];
    /** Calculations the output formulas read: decisions this one requires, by element id. */
    requires?: string[];
    /** A decision whose logic is one FEEL expression (a calculation), instead of a decision table. */
    literal?: string;
    /** The date the parameters it reads were taken on. */
    date?: string;
}

/** The export of one file in progress: the policy it reads and the calculations made DMN decisions so far. */
interface ExportContext extends DmnPolicy {
    notes: DmnNote[];
    calculations: Map<string, DmnDecision | 'in-progress'>;
    /** Every parameter of the policy by id, for cells that name one (`> pensionsålder`). */
    parameters: ReadonlyMap<string, Parameter>;
}

type Exporter<E> = (element: E, notes: DmnNote[], context: ExportContext) => DmnDecision | undefined;

/**
 * Which compiled kinds DMN holds, and how: every kind is listed, so a new kind is a compile error
 * here until it says whether a DMN decision stands for it.
 */
const EXPORTERS = {
    decisionTable: (table, notes, context) => decisionTable(table as DecisionTable, notes, context),
    pathwayModel: (model, notes) => pathwayModel(model as PathwayModel, notes),
    pilot: (pilot, notes) => pilotCriteria(pilot as Pilot, notes),
    law: undefined, service: undefined, administration: undefined, operation: undefined, unit: undefined, area: undefined, role: undefined,
    phase: undefined, body: undefined, attribute: undefined, parameter: undefined, calculation: undefined, guideline: undefined,
    levelTable: undefined, premium: undefined, flatRate: undefined, placeRate: undefined, hourlyRate: undefined, fee: undefined,
    testPhase: undefined, effectGoal: undefined, indicator: undefined, example: undefined,
} as const satisfies Record<ElementKind, Exporter<CompiledElement> | undefined>;

/**
 * The DMN file of a compiled policy file, or undefined when it has no decision to export. Given
 * `policy` (or only its attributes, as before formulas were exported: a formula reading a parameter
 * or a calculation is then named in a note). `parameters`: every parameter of the policy by id
 * (default: the file's own), for cells that name one.
 */
export function exportDmn(file: CompiledPolicyFile, policy: ReadonlyMap<string, Attribute> | DmnPolicy, parameters: ReadonlyMap<string, Parameter> = dmnParameters([file])): DmnExport | undefined {
    const read: DmnPolicy = policy instanceof Map ? { attributes: policy } : policy as DmnPolicy;
    const notes: DmnNote[] = [];
    const decisions: DmnDecision[] = [];
    const context: ExportContext = { ...read, notes, calculations: new Map(), parameters };
    for (const compiled of file.elements) {
        const exporter: Exporter<CompiledElement> | undefined = EXPORTERS[compiled.kind];
        const decision = exporter?.(compiled, notes, context);
        if (decision) {
            decisions.push(decision);
        }
    }
    // The calculations the tables read, each once, after the tables (in the order first read).
    decisions.push(...[...context.calculations.values()].filter((d): d is DmnDecision => d !== 'in-progress'));
    withoutUnexportedUpstreams(decisions, notes);
    if (decisions.length === 0) {
        return notes.length > 0 ? { xml: '', notes, decisions: 0, decisionIds: new Map(), dates: new Map() } : undefined;
    }
    const ids = new XmlIds();
    const root = definitions(file, decisions, read.attributes, ids);
    return {
        xml: renderXml(root), notes, decisions: decisions.length, decisionIds: new Map(decisions.map(d => [d.element.id, ids.of('decision', d.element.id)])),
        dates: new Map(decisions.filter(d => d.date !== undefined).map(d => [d.element.id, d.date!])),
    };
}

/**
 * A chained input is DMN's information requirement between decisions: the downstream table requires
 * the upstream decision and its input expression names it. A table that reads a calculation FEEL
 * cannot say (no DMN decision here, decisionTable names why) or a table that is not exported in this
 * file is named in a note as not exported, and so in turn every table that reads it.
 */
function withoutUnexportedUpstreams(decisions: DmnDecision[], notes: DmnNote[]): void {
    for (let changed = true; changed;) {
        changed = false;
        const exported = new Set(decisions.map(d => d.element.id));
        for (const [index, decision] of decisions.entries()) {
            const missing = [...(decision.chained?.values() ?? [])].find(input => !exported.has('calculation' in input ? input.calculation : input.decision));
            if (!missing) {
                continue;
            }
            const table = decision.element as DecisionTable;
            notes.push('calculation' in missing
                ? {
                    element: table.id,
                    sv: `Beslutstabellen ${table.name} exporteras inte: en kolumn läser beräkningen ${missing.calculation.replace(/^calculation\//, '')}, och exporten skriver inga beräkningar som DMN-beslut.`,
                    en: `Decision table ${table.name} is not exported: a column reads calculation ${missing.calculation.replace(/^calculation\//, '')}, and the export writes no calculations as DMN decisions.`,
                }
                : {
                    element: table.id,
                    sv: `Beslutstabellen ${table.name} exporteras inte: en kolumn läser beslutstabellen ${missing.decision.replace(/^decisionTable\//, '')}, som inte finns som DMN-beslut i denna fil.`,
                    en: `Decision table ${table.name} is not exported: a column reads decision table ${missing.decision.replace(/^decisionTable\//, '')}, which is not a DMN decision in this file.`,
                });
            decisions.splice(index, 1);
            changed = true;
            break;
        }
    }
}

function decisionTable(table: DecisionTable, notes: DmnNote[], context: ExportContext): DmnDecision | undefined {
    const inputs = table.inputs.map(input => ('level' in input ? LEVEL_INPUT : isChainedInput(input) ? chainedInputKey(input) : input.attribute));
    const chained = new Map(table.inputs.filter(isChainedInput).map(input => [chainedInputKey(input), input] as const));
    for (const [index, row] of table.rows.entries()) {
        for (const [column, cell] of row.when.entries()) {
            const read = cell ? attributesOf(cell) : [];
            if (read.some(id => id !== inputs[column])) {
                notes.push({
                    element: table.id,
                    sv: `Beslutstabellen ${table.name} exporteras inte: rad ${index + 1} prövar i kolumn ${column + 1} en annan egenskap än kolumnens, vilket en DMN-cell inte kan uttrycka.`,
                    en: `Decision table ${table.name} is not exported: row ${index + 1} tests another attribute than its column's in column ${column + 1}, which a DMN cell cannot say.`,
                });
                return undefined;
            }
        }
    }
    const boundValues = namedBoundValues(table, context.parameters, notes);
    if (!boundValues) {
        return undefined;
    }
    // Formula outputs and calculation columns are FEEL over the policy's names; the date a parameter is read on is the table's.
    const date = table.validity?.from ?? context.date;
    const reads = new Set<string>();
    const requires = new Set<string>();
    const scope = formulaScope(context, date, reads, requires, table.id);
    const entry = (cell: DecisionResult, where: string): string => {
        const formula = formulaCell(cell);
        if (!formula) {
            return outputEntry(cell);
        }
        try {
            return feelFormula(formula, scope);
        } catch (error) {
            if (error instanceof NotFeel) {
                throw new NotFeel(`${where} ${error.sv}`, `${where.replace(/^utfallet på rad/, 'the output in row').replace(/^standardutfallet/, 'the default output')} ${error.en}`);
            }
            throw error;
        }
    };
    let rowOutputs: string[][];
    let defaults: string[] | undefined;
    // A table left out leaves neither the calculations it alone made decisions nor its notes.
    const calculationsBefore = new Map(context.calculations);
    const notesBefore = notes.length;
    try {
        for (const input of table.inputs.filter(isChainedInput)) {
            if ('calculation' in input) {
                requires.add(calculationDecision(input.calculation, date, context).element.id);
            }
        }
        rowOutputs = table.rows.map((row, index) => row.then.map(cell => entry(cell, `utfallet på rad ${index + 1}`)));
        defaults = table.defaultOutputs?.map(cell => entry(cell, 'standardutfallet'));
    } catch (error) {
        if (!(error instanceof NotFeel)) {
            throw error;
        }
        context.calculations.clear();
        calculationsBefore.forEach((decision, id) => context.calculations.set(id, decision));
        notes.length = notesBefore;
        notes.push({
            element: table.id,
            sv: `Beslutstabellen ${table.name} exporteras inte: ${error.sv}.`,
            en: `Decision table ${table.name} is not exported: ${error.en}.`,
        });
        return undefined;
    }
    // A calculation column is a required decision (chained), not one the formulas require.
    for (const input of chained.values()) {
        if ('calculation' in input) {
            requires.delete(input.calculation);
        }
    }
    if (table.validity) {
        notes.push(validityNote(table));
    }
    const aggregation = table.hitPolicy === 'collect' ? AGGREGATION[table.aggregation ?? 'sum'] : undefined;
    // Without `annars`, a sum over no rows is 0 here and null in DMN: the 0 is written as DMN's default output.
    const sumDefault = aggregation === 'SUM' && !table.defaultOutputs;
    return {
        element: table,
        name: table.name,
        label: table.title ?? table.name,
        hitPolicy: HIT_POLICY[table.hitPolicy],
        ...(aggregation ? { aggregation } : {}),
        inputs,
        ...(chained.size > 0 ? { chained } : {}),
        outputs: table.outputs.map((name, column) => {
            const cells = [...table.rows.map(row => row.then[column]), ...(table.defaultOutputs ? [table.defaultOutputs[column]] : [])];
            const typeRef = aggregation === 'COUNT' ? 'number' : columnType(cells);
            const byDefault = defaults ? defaults[column] : sumDefault ? '0' : undefined;
            const values = table.outputValues?.[column];
            return {
                name, ...(typeRef ? { typeRef } : {}), ...(byDefault !== undefined ? { default: byDefault } : {}),
                ...(values ? { values: values.map(outputEntry).join(',') } : {}),
            };
        }),
        rules: table.rows.map((row, index) => ({
            inputs: row.when.map(cell => (cell ? unaryTests(withBoundValues(cell, boundValues)!) : '-')),
            outputs: rowOutputs[index],
        })),
        ...(reads.size > 0 ? { reads: [...reads] } : {}),
        ...(requires.size > 0 ? { requires: [...requires] } : {}),
        ...(date !== undefined && scope.dated ? { date } : {}),
    };
}

/** The scope of a decision's formulas: what they read is recorded, parameters are taken on `date`. */
function formulaScope(context: ExportContext, date: string | undefined, reads: Set<string>, requires: Set<string>, element: string): FormulaScope & { dated: boolean } {
    const scope = {
        dated: false,
        attribute: (id: string) => {
            if (id === LEVEL_INPUT) {
                reads.add(id);
                return 'nivå';
            }
            const attribute = context.attributes.get(id);
            if (!attribute) {
                throw new NotFeel(`läser egenskapen ${id}, som inte finns i policyn`, `reads attribute ${id}, which is not in the policy`);
            }
            reads.add(id);
            return attribute.name;
        },
        parameter: (id: string) => {
            const parameter = context.policy?.find(id) as Parameter | undefined;
            const name = parameter?.name ?? id.replace(/^parameter\//, '');
            if (!parameter) {
                throw new NotFeel(`läser parametern ${name}, vars värden exporten inte fått`, `reads parameter ${name}, whose values the export was not given`);
            }
            const version = parameterVersion(context.policy!, parameter, date);
            scope.dated ||= date !== undefined;
            noteFrozenParameter(context, element, parameter, version, date);
            const value = parameter.valueType === 'percent' ? percentAsFraction(version.value.value) : version.value.value;
            return value.startsWith('-') ? `(${value})` : value;
        },
        calculation: (id: string) => {
            const decision = calculationDecision(id, date, context);
            requires.add(decision.element.id);
            scope.dated ||= decision.date !== undefined;
            return decision.name;
        },
    };
    return scope;
}

/**
 * The version of a parameter a formula reads, by the runtime's own lookup: the one in force on the
 * decision's date; without a date only a parameter with a single version (its value at every date it
 * is in force, the one DMN is then given).
 */
function parameterVersion(policy: PolicySet, parameter: Parameter, date: string | undefined): Parameter['versions'][number] {
    if (date === undefined) {
        if (parameter.versions.length === 1) {
            return parameter.versions[0];
        }
        throw new NotFeel(
            `läser parametern ${parameter.name}, som har ${parameter.versions.length} värden över tid, och tabellen säger inte (giltig från) vilken dag DMN-uttrycket ska ta värdet från`,
            `reads parameter ${parameter.name}, which has ${parameter.versions.length} values over time, and the table does not say (giltig från) on which day the DMN expression takes its value`,
        );
    }
    try {
        return policy.parameterVersion(parameter, date);
    } catch {
        throw new NotFeel(`läser parametern ${parameter.name}, som inte har något värde ${date}`, `reads parameter ${parameter.name}, which has no value on ${date}`);
    }
}

/** A parameter written as one value: DMN has no values over time, so the note says which value and from when. */
function noteFrozenParameter(context: ExportContext, element: string, parameter: Parameter, version: Parameter['versions'][number], date: string | undefined): void {
    const period = `${version.undated ? '' : version.from}${version.to ? `–${version.to}` : version.undated ? '' : '–'}`;
    const when = date ?? period;
    const note: DmnNote = {
        element,
        sv: `Parametern ${parameter.name} skrivs som sitt värde ${when ? `${date ? 'den ' : ''}${when} ` : ''}(${version.value.value}${version.value.unit === '%' ? ' %' : ''}): DMN har inga värden över tid, så motorn räknar med det värdet även andra dagar.`,
        en: `Parameter ${parameter.name} is written as its value ${when ? `${date ? 'on ' : ''}${when} ` : ''}(${version.value.value}${version.value.unit === '%' ? ' %' : ''}): DMN has no values over time, so an engine uses that value on other days too.`,
    };
    if (!context.notes.some(known => known.element === note.element && known.sv === note.sv)) {
        context.notes.push(note);
    }
}

/**
 * A calculation a table reads (a `beräkning` column or a formula), as a DMN decision whose logic is
 * its formula as one FEEL literal expression, made once per file. Throws NotFeel, naming the
 * calculation, where the formula is not FEEL here or the calculation has limits (`högst`, `minst`:
 * the runtime refuses a value beyond one, which a DMN expression does not).
 */
function calculationDecision(id: string, date: string | undefined, context: ExportContext): DmnDecision {
    const calculation = context.policy?.find(id) as Calculation | undefined;
    const name = calculation?.name ?? id.replace(/^calculation\//, '');
    const known = context.calculations.get(id);
    if (known === 'in-progress') {
        throw new NotFeel(`läser beräkningen ${name}, som läser sig själv`, `reads calculation ${name}, which reads itself`);
    }
    if (known) {
        if (known.date !== undefined && known.date !== date) {
            throw new NotFeel(
                `läser beräkningen ${name} den ${date ?? '(ingen dag)'}, och DMN-beslutet för den tar redan parametrarnas värden den ${known.date}`,
                `reads calculation ${name} on ${date ?? '(no day)'}, and its DMN decision already takes the parameters' values on ${known.date}`,
            );
        }
        return known;
    }
    if (!calculation) {
        throw new NotFeel(`läser beräkningen ${name}, som exporten inte fått`, `reads calculation ${name}, which the export was not given`);
    }
    if (calculation.limits && calculation.limits.length > 0) {
        throw new NotFeel(
            `läser beräkningen ${name}, som har gränser (${calculation.limits.map(limit => limit.text).join(', ')}) som programmet håller och ett DMN-uttryck inte kan hålla`,
            `reads calculation ${name}, which has limits (${calculation.limits.map(limit => limit.text).join(', ')}) that the runtime keeps and a DMN expression cannot`,
        );
    }
    context.calculations.set(id, 'in-progress');
    const reads = new Set<string>();
    const requires = new Set<string>();
    const scope = formulaScope(context, date, reads, requires, calculation.id);
    try {
        const literal = feelFormula(calculation.value, scope);
        const decision: DmnDecision = {
            element: calculation,
            name: calculation.name,
            label: calculation.title ?? calculation.name,
            hitPolicy: 'UNIQUE',
            inputs: [],
            outputs: [{ name: calculation.name, typeRef: 'number' }],
            rules: [],
            literal,
            ...(reads.size > 0 ? { reads: [...reads] } : {}),
            ...(requires.size > 0 ? { requires: [...requires] } : {}),
            ...(date !== undefined && scope.dated ? { date } : {}),
        };
        context.calculations.delete(id);
        context.calculations.set(id, decision);
        return decision;
    } catch (error) {
        context.calculations.delete(id);
        if (error instanceof NotFeel) {
            throw new NotFeel(`läser beräkningen ${name}, som ${error.sv}`, `reads calculation ${name}, which ${error.en}`);
        }
        throw error;
    }
}

/**
 * The value of each parameter the table's cells name (`> pensionsålder`, format 1.11), as a FEEL
 * literal: DMN has no dates, so a parameter is written as its value where one version is in force on
 * every day of the table's validity (read with the runtime's version lookup), exactly what the
 * runtime compares with there. Undefined, with a note, where a parameter changes within the validity
 * (or the table has none and the parameter more than one version), or a cell names another attribute.
 */
function namedBoundValues(table: DecisionTable, parameters: ReadonlyMap<string, Parameter>, notes: DmnNote[]): Map<string, ExactNumber> | undefined {
    const values = new Map<string, ExactNumber>();
    for (const [index, row] of table.rows.entries()) {
        for (const ref of row.when.flatMap(cell => (cell ? againstReferences(cell) : []))) {
            const name = ref.slice(ref.indexOf('/') + 1);
            const parameter = parameters.get(ref);
            if (!parameter) {
                notes.push({
                    element: table.id,
                    sv: `Beslutstabellen ${table.name} exporteras inte: rad ${index + 1} jämför med egenskapen ${name}, och exporten skriver ännu inte ett krav på en annan indata i en cell.`,
                    en: `Decision table ${table.name} is not exported: row ${index + 1} compares with the attribute ${name}, and the export does not yet write a requirement on another input in a cell.`,
                });
                return undefined;
            }
            const value = singleValue(parameter, table.validity);
            if (!value) {
                notes.push({
                    element: table.id,
                    sv: `Beslutstabellen ${table.name} exporteras inte: rad ${index + 1} jämför med parametern ${name}, som har mer än ett värde under tabellens giltighet, och DMN har inga datum.`,
                    en: `Decision table ${table.name} is not exported: row ${index + 1} compares with the parameter ${name}, which has more than one value while the table is in force, and DMN has no dates.`,
                });
                return undefined;
            }
            values.set(ref, value);
        }
    }
    return values;
}

/** A parameter's value where one version is in force on every day of the validity; undefined otherwise. */
function singleValue(parameter: Parameter, validity: DecisionTable['validity']): ExactNumber | undefined {
    const sorted = [...parameter.versions].sort((a, b) => a.from.localeCompare(b.from));
    const from = validity?.from ?? UNDATED_FROM;
    const version = versionInForce(sorted, from);
    if (!version) {
        return undefined;
    }
    // In force to the end of the validity: no other version starts within it, and this one does not end before it.
    const others = sorted.filter(other => other !== version && other.from > from && (!validity?.to || other.from <= validity.to));
    const endsBefore = version.to !== undefined && (!validity?.to || version.to < validity.to);
    return others.length === 0 && !endsBefore ? ExactNumber.parse(version.value.value) : undefined;
}

function validityNote(table: DecisionTable): DmnNote {
    const period = `${table.validity!.from}${table.validity!.to ? `–${table.validity!.to}` : ''}`;
    return {
        element: table.id,
        sv: `Beslutstabellen ${table.name} gäller ${period}: DMN har ingen giltighetstid, så tabellen exporteras utan den och motorn svarar även utanför perioden.`,
        en: `Decision table ${table.name} is in force ${period}: DMN has no validity period, so the table is exported without it and an engine answers outside the period too.`,
    };
}

/** The most DMN rules one criterion may become (its disjunctive form); beyond it the element is named as not exported. */
const MAX_RULES = 512;

function pathwayModel(model: PathwayModel, notes: DmnNote[]): DmnDecision | undefined {
    const rules: DmnDecision['rules'] = [];
    const conjunctions: Array<{ conjunction: Conjunction; output: string }> = [];
    for (const pathway of model.pathways) {
        // A förlopp without a criterion places nobody (`criterion ?? false` in the runtime): no rule.
        if (!pathway.criterion) {
            continue;
        }
        const split = disjunctiveForm(pathway.criterion);
        if (!split) {
            notes.push(tooLarge(model.id, model.name, pathway.name));
            return undefined;
        }
        conjunctions.push(...split.map(conjunction => ({ conjunction, output: feelString(pathway.id) })));
    }
    const inputs = readInOrder(conjunctions.map(c => c.conjunction));
    for (const { conjunction, output } of conjunctions) {
        rules.push({ inputs: cells(conjunction, inputs), outputs: [output] });
    }
    // Two förlopp at once are a placement only where one names the other `sekundärt`: a rule of
    // combination DMN's tables do not have. Without it, Any is exact (several rules of one förlopp
    // agree; two förlopp at once are an error, as in the runtime).
    const withSecondary = model.pathways.some(pathway => pathway.secondary.length > 0);
    if (withSecondary) {
        notes.push({
            element: model.id,
            sv: `Förloppsmodellen ${model.name} har sekundära förlopp: DMN-tabellen (träffpolicy COLLECT) ger alla förlopp som gäller, och regeln för vilket som är primärt och vilket sekundärt (sekundärt) finns inte i DMN.`,
            en: `Förlopp model ${model.name} has secondary förlopp: the DMN table (hit policy COLLECT) gives every förlopp that holds, and the rule for which is primary and which secondary (sekundärt) is not in DMN.`,
        });
    }
    return {
        element: model,
        name: model.name,
        label: model.title ?? model.name,
        hitPolicy: withSecondary ? 'COLLECT' : 'ANY',
        inputs,
        outputs: [{ name: 'förlopp', typeRef: 'string' }],
        rules,
    };
}

function pilotCriteria(pilot: Pilot, notes: DmnNote[]): DmnDecision | undefined {
    const conjunctions: Array<{ conjunction: Conjunction; output: string }> = [];
    // First policy: an exclusion that holds decides `false` before the inclusion is read; no rule is `false` by default.
    for (const exclusion of pilot.exclusions) {
        const split = disjunctiveForm(exclusion);
        if (!split) {
            notes.push(tooLarge(pilot.id, pilot.name, 'exkludera'));
            return undefined;
        }
        conjunctions.push(...split.map(conjunction => ({ conjunction, output: 'false' })));
    }
    const inclusion = pilot.inclusion ? disjunctiveForm(pilot.inclusion) : [new Map()];
    if (!inclusion) {
        notes.push(tooLarge(pilot.id, pilot.name, 'inkludera'));
        return undefined;
    }
    conjunctions.push(...inclusion.map(conjunction => ({ conjunction, output: 'true' })));
    if (pilot.period || pilot.units.length > 0 || pilot.services.length > 0) {
        notes.push({
            element: pilot.id,
            sv: `Piloten ${pilot.name} exporteras med sina villkor (inkludera, exkludera); dess period, enheter och insatser är inga villkor på medborgaren och finns inte i DMN-tabellen.`,
            en: `Pilot ${pilot.name} is exported with its criteria (inkludera, exkludera); its period, units and services are no criteria on the citizen and are not in the DMN table.`,
        });
    }
    const inputs = readInOrder(conjunctions.map(c => c.conjunction));
    return {
        element: pilot,
        name: pilot.name,
        label: pilot.title ?? pilot.name,
        hitPolicy: 'FIRST',
        inputs,
        outputs: [{ name: 'ingår', typeRef: 'boolean', default: 'false' }],
        rules: conjunctions.map(({ conjunction, output }) => ({ inputs: cells(conjunction, inputs), outputs: [output] })),
    };
}

function tooLarge(id: string, name: string, part: string): DmnNote {
    return {
        element: id,
        sv: `${name} exporteras inte: villkoret i ${part} blir fler än ${MAX_RULES} DMN-regler.`,
        en: `${name} is not exported: the criterion of ${part} becomes more than ${MAX_RULES} DMN rules.`,
    };
}

/** A conjunction of tests, grouped by the attribute each reads: one DMN rule. */
type Conjunction = Map<string, Criterion[]>;

/**
 * A criterion as DMN rules: a disjunction of conjunctions, each test on one attribute. A part that
 * reads one attribute stays whole (a unary test says `eller` and `inte` within one input); `och`
 * multiplies out and `eller` across attributes adds rules; `inte` is pushed inward. Undefined when
 * more than MAX_RULES rules would result.
 */
function disjunctiveForm(criterion: Criterion): Conjunction[] | undefined {
    const read = attributesOf(criterion);
    if (read.length <= 1) {
        return [new Map(read.length === 0 ? [] : [[read[0], [criterion]]])];
    }
    return matchCriterion<Conjunction[] | undefined>(criterion, {
        all: all => {
            let product: Conjunction[] | undefined = [new Map()];
            for (const part of all.all) {
                const split = disjunctiveForm(part);
                if (!split || !product || product.length * split.length > MAX_RULES) {
                    return undefined;
                }
                product = product.flatMap(left => split.map(right => joined(left, right)));
            }
            return product;
        },
        any: any => {
            const parts = any.any.map(disjunctiveForm);
            if (parts.some(part => part === undefined)) {
                return undefined;
            }
            const sum = parts.flatMap(part => part!);
            return sum.length > MAX_RULES ? undefined : sum;
        },
        not: not => matchCriterion<Conjunction[] | undefined>(not.not, {
            all: all => disjunctiveForm({ any: all.all.map(part => ({ not: part })) }),
            any: any => disjunctiveForm({ all: any.any.map(part => ({ not: part })) }),
            not: inner => disjunctiveForm(inner.not),
            // A test of one attribute reads one attribute: handled above.
            test: () => undefined, op: () => undefined, in: () => undefined, between: () => undefined, against: () => undefined,
        }),
        test: () => undefined, op: () => undefined, in: () => undefined, between: () => undefined, against: () => undefined,
    });
}

function joined(left: Conjunction, right: Conjunction): Conjunction {
    const result = new Map([...left].map(([id, tests]) => [id, [...tests]]));
    for (const [id, tests] of right) {
        result.set(id, [...(result.get(id) ?? []), ...tests]);
    }
    return result;
}

/** The attributes a criterion reads, in order of first appearance. */
export function attributesOf(criterion: Criterion): string[] {
    const read: string[] = [];
    const visit = (node: Criterion): void => matchCriterion<void>(node, {
        all: all => all.all.forEach(visit),
        any: any => any.any.forEach(visit),
        not: not => visit(not.not),
        test: leaf => void (read.includes(leaf.attribute) || read.push(leaf.attribute)),
        op: leaf => void (read.includes(leaf.attribute) || read.push(leaf.attribute)),
        in: leaf => void (read.includes(leaf.attribute) || read.push(leaf.attribute)),
        between: leaf => void (read.includes(leaf.attribute) || read.push(leaf.attribute)),
        // The named value is not a column of its own: the test stays in its column (`< maxpris`).
        against: leaf => void (read.includes(leaf.attribute) || read.push(leaf.attribute)),
    });
    visit(criterion);
    return read;
}

function readInOrder(conjunctions: readonly Conjunction[]): string[] {
    const read: string[] = [];
    for (const conjunction of conjunctions) {
        for (const id of conjunction.keys()) {
            if (!read.includes(id)) {
                read.push(id);
            }
        }
    }
    return read;
}

function cells(conjunction: Conjunction, inputs: readonly string[]): string[] {
    return inputs.map(id => {
        const tests = conjunction.get(id);
        return !tests ? '-' : unaryTests(tests.length === 1 ? tests[0] : { all: tests });
    });
}

// ------------------------------------------------------------------ the XML

/**
 * XML ids for a file's elements: ASCII, since DMN tools (bpmn.io's among them) refuse ids with other
 * letters: `ålder` is `alder`, anything but letters, digits, `_`, `-` and `.` is `_`. Two names that
 * fold to the same id are told apart by a number, in the order they are asked for.
 */
class XmlIds {
    private readonly given = new Map<string, string>();
    private readonly taken = new Set<string>();

    of(prefix: string, name: string): string {
        const key = `${prefix}\u0000${name}`;
        const known = this.given.get(key);
        if (known) {
            return known;
        }
        const base = `${prefix}_${name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9_.-]/g, '_')}`;
        let id = base;
        for (let n = 2; this.taken.has(id); n++) {
            id = `${base}_${n}`;
        }
        this.given.set(key, id);
        this.taken.add(id);
        return id;
    }
}

function inputName(id: string, attributes: ReadonlyMap<string, Attribute>): string {
    return id === LEVEL_INPUT ? 'nivå' : attributes.get(id)?.name ?? id.replace(/^attribute\//, '');
}

const DECISION = { width: 180, height: 80, gap: 40, y: 60 };
const INPUT = { width: 125, height: 45, gap: 25, y: 260 };

function definitions(file: CompiledPolicyFile, decisions: readonly DmnDecision[], attributes: ReadonlyMap<string, Attribute>, ids: XmlIds): XmlElement {
    const inputIds = readInOrder(decisions.map(decision => new Map(requiredInputs(decision).map(id => [id, []]))));
    const inputDataId = (id: string) => ids.of('inputData', inputName(id, attributes));
    const decisionId = (decision: DmnDecision) => ids.of('decision', decision.element.id);
    const upstreamOf = (id: string) => decisions.find(d => d.element.id === id)!;
    const upstreamDecisions = (decision: DmnDecision) => [...new Set([
        ...[...(decision.chained?.values() ?? [])].map(input => ('calculation' in input ? input.calculation : input.decision)), ...(decision.requires ?? []),
    ])];
    const requirementId = (decision: DmnDecision, input: string) => `${decisionId(decision)}__${inputDataId(input)}`;
    const decisionRequirementId = (decision: DmnDecision, upstream: string) => `${decisionId(decision)}__${decisionId(upstreamOf(upstream))}`;
    /**
     * A chained input's expression: the upstream decision's variable, with the column where it has
     * several outputs (its value is then a context); a calculation's decision is its value.
     */
    const chainedExpression = (input: ChainedDecisionInput) => {
        if ('calculation' in input) {
            return upstreamOf(input.calculation).name;
        }
        const upstream = upstreamOf(input.decision);
        return upstream.outputs.length === 1 ? upstream.name : `${upstream.name}.${input.column}`;
    };
    const chainedLabel = (input: ChainedDecisionInput) => ('calculation' in input ? `beräkning ${upstreamOf(input.calculation).name}` : `${upstreamOf(input.decision).name}.${input.column}`);
    const chainedType = (input: ChainedDecisionInput) => ('calculation' in input ? 'number' : upstreamOf(input.decision).outputs.find(output => output.name === input.column)?.typeRef);
    const inputData = inputIds.map(id => {
        const name = inputName(id, attributes);
        return element('inputData', [['id', inputDataId(id)], ['name', name]], [
            element('variable', [['id', `${inputDataId(id)}_variable`], ['name', name], ['typeRef', inputType(attributes.get(id), id)]]),
        ]);
    });
    const decisionElements = decisions.map(decision => {
        const id = decisionId(decision);
        const table = `${id}_table`;
        return element('decision', [['id', id], ['name', decision.label]], [
            element('variable', [['id', `${id}_variable`], ['name', decision.name]]),
            ...requiredInputs(decision).map(input => element('informationRequirement', [['id', requirementId(decision, input)]], [
                element('requiredInput', [['href', `#${inputDataId(input)}`]]),
            ])),
            ...upstreamDecisions(decision).map(upstream => element('informationRequirement', [['id', decisionRequirementId(decision, upstream)]], [
                element('requiredDecision', [['href', `#${decisionId(upstreamOf(upstream))}`]]),
            ])),
            decision.literal !== undefined
                ? element('literalExpression', [['id', `${id}_expression`], ['typeRef', 'number']], [element('text', [], [], decision.literal)])
                : element('decisionTable', [['id', table], ['hitPolicy', decision.hitPolicy], ['aggregation', decision.aggregation]], [
                ...decision.inputs.map((input, index) => {
                    const chained = decision.chained?.get(input);
                    if (chained) {
                        const expression = chainedExpression(chained);
                        return element('input', [['id', `${table}_input${index + 1}`], ['label', chainedLabel(chained)]], [
                            element('inputExpression', [['id', `${table}_input${index + 1}_expression`], ['typeRef', chainedType(chained)]], [
                                element('text', [], [], expression),
                            ]),
                        ]);
                    }
                    const name = inputName(input, attributes);
                    const allowed = allowedValues(input, attributes, decision);
                    return element('input', [['id', `${table}_input${index + 1}`], ['label', name]], [
                        element('inputExpression', [['id', `${table}_input${index + 1}_expression`], ['typeRef', inputType(attributes.get(input), input)]], [
                            element('text', [], [], name),
                        ]),
                        allowed === undefined ? undefined : element('inputValues', [['id', `${table}_input${index + 1}_values`]], [element('text', [], [], allowed)]),
                    ]);
                }),
                ...decision.outputs.map((output, index) => element('output', [['id', `${table}_output${index + 1}`], ['name', output.name], ['typeRef', output.typeRef]], [
                    output.values === undefined ? undefined : element('outputValues', [['id', `${table}_output${index + 1}_values`]], [element('text', [], [], output.values)]),
                    output.default === undefined ? undefined : element('defaultOutputEntry', [['id', `${table}_output${index + 1}_default`]], [element('text', [], [], output.default)]),
                ])),
                ...decision.rules.map((rule, ruleIndex) => element('rule', [['id', `${table}_rule${ruleIndex + 1}`]], [
                    ...rule.inputs.map((entry, index) => element('inputEntry', [['id', `${table}_rule${ruleIndex + 1}_in${index + 1}`]], [element('text', [], [], entry)])),
                    ...rule.outputs.map((entry, index) => element('outputEntry', [['id', `${table}_rule${ruleIndex + 1}_out${index + 1}`]], [element('text', [], [], entry)])),
                ])),
            ]),
        ]);
    });
    return element('definitions', [
        ['xmlns', DMN_NAMESPACE], ['xmlns:dmndi', DMNDI_NAMESPACE], ['xmlns:dc', DC_NAMESPACE], ['xmlns:di', DI_NAMESPACE],
        ['id', ids.of('definitions', file.source)], ['name', file.source], ['namespace', `urn:regelratt:${encodeURIComponent(file.source)}`],
    ], [...inputData, ...decisionElements, diagram(decisions, inputIds, inputDataId, decisionId, requirementId, upstreamDecisions, decisionRequirementId)]);
}

/** The input data a decision requires: its attribute columns and what its formulas read, each once, in order. */
function requiredInputs(decision: DmnDecision): string[] {
    const columns = decision.inputs.filter(id => !decision.chained?.has(id));
    return [...new Set([...columns, ...(decision.reads ?? [])])];
}

/**
 * The values an input may take, as DMN's allowed values (`inputValues`): a number's range, an
 * enumeration's values, a level's declared levels; so an engine (and `dmn import`) knows the domain.
 */
function allowedValues(input: string, attributes: ReadonlyMap<string, Attribute>, decision: DmnDecision): string | undefined {
    if (input === LEVEL_INPUT) {
        const levels = (decision.element as DecisionTable).levels;
        return levels ? `[${levels.min}..${levels.max}]` : undefined;
    }
    const domain = attributes.get(input)?.domain;
    switch (domain?.type) {
        case 'integer':
        case 'decimal':
            return `[${domain.min}..${domain.max}]`;
        case 'enumeration':
            return domain.values.map(value => feelString(value.name)).join(', ');
        default:
            return undefined;
    }
}

/** DMNDI: decisions in a row, input data in a row below, an edge from each input to each decision that reads it. */
function diagram(
    decisions: readonly DmnDecision[], inputs: readonly string[], inputDataId: (id: string) => string,
    decisionId: (decision: DmnDecision) => string, requirementId: (decision: DmnDecision, input: string) => string,
    upstreamDecisions: (decision: DmnDecision) => string[], decisionRequirementId: (decision: DmnDecision, upstream: string) => string,
): XmlElement {
    const decisionX = (index: number) => 40 + index * (DECISION.width + DECISION.gap);
    const inputX = (index: number) => 40 + index * (INPUT.width + INPUT.gap);
    const bounds = (x: number, y: number, box: { width: number; height: number }) => element('dc:Bounds', [['height', box.height], ['width', box.width], ['x', x], ['y', y]]);
    const shapes = [
        ...decisions.map((decision, index) => element('dmndi:DMNShape', [['id', `${decisionId(decision)}_shape`], ['dmnElementRef', decisionId(decision)]], [bounds(decisionX(index), DECISION.y, DECISION)])),
        ...inputs.map((input, index) => element('dmndi:DMNShape', [['id', `${inputDataId(input)}_shape`], ['dmnElementRef', inputDataId(input)]], [bounds(inputX(index), INPUT.y, INPUT)])),
    ];
    const edges = decisions.flatMap((decision, index) => requiredInputs(decision).map(input => {
        const from = inputs.indexOf(input);
        return element('dmndi:DMNEdge', [['id', `${requirementId(decision, input)}_edge`], ['dmnElementRef', requirementId(decision, input)]], [
            element('di:waypoint', [['x', inputX(from) + INPUT.width / 2], ['y', INPUT.y]]),
            element('di:waypoint', [['x', decisionX(index) + DECISION.width / 2], ['y', DECISION.y + DECISION.height]]),
        ]);
    }));
    // A decision another one requires: an edge from the upstream's top to the downstream's top, over the row.
    const decisionEdges = decisions.flatMap((decision, index) => upstreamDecisions(decision).map(upstream => {
        const from = decisions.findIndex(d => d.element.id === upstream);
        return element('dmndi:DMNEdge', [['id', `${decisionRequirementId(decision, upstream)}_edge`], ['dmnElementRef', decisionRequirementId(decision, upstream)]], [
            element('di:waypoint', [['x', decisionX(from) + DECISION.width / 2], ['y', DECISION.y]]),
            element('di:waypoint', [['x', decisionX(index) + DECISION.width / 2], ['y', DECISION.y]]),
        ]);
    }));
    edges.push(...decisionEdges);
    return element('dmndi:DMNDI', [], [element('dmndi:DMNDiagram', [['id', 'diagram'], ['name', 'Regelrätt']], [...shapes, ...edges])]);
}

/** Every parameter of the files by id: a table in one file names parameters declared in another. */
export function dmnParameters(files: readonly CompiledPolicyFile[]): Map<string, Parameter> {
    return new Map(files.flatMap(file => file.elements).filter((e): e is Parameter => e.kind === 'parameter').map(p => [p.id, p]));
}
