import { LEVEL_INPUT, type Attribute, type Criterion, type DecisionTable } from '@regelratt/format';
import { attributeEntry, CitizenValues, type AttributeCatalogue } from './citizen.js';
import { compileCriterion, type CompiledCriterion } from './criteria.js';
import { criterionText } from './expression-text.js';
import { inForce } from './money.js';
import { RegelrattRuntimeError } from './runtime-error.js';

/** The case's level as the attribute a decision table's level column reads. */
const LEVEL_ATTRIBUTE: Attribute = {
    id: LEVEL_INPUT, kind: 'attribute', name: 'nivå',
    source: { file: '', line: 1, column: 1, endLine: 1, endColumn: 1 },
    domain: { type: 'integer', min: '0', max: String(Number.MAX_SAFE_INTEGER) },
};

export interface DecisionMatch {
    /** 0-based index of the row that decided. */
    row: number;
    /** The row's conditions in the policy's words, for the trace. */
    text: string;
}

/**
 * A decision table prepared once: each row's conditions compiled into one criterion with the same
 * comparison code as förlopp and pilots, so a table and a förloppsmodell with the same conditions
 * answer alike. The level, where a column reads it, is read as an attribute of the case.
 */
export class PreparedDecisionTable {
    private readonly rows: Array<CompiledCriterion | undefined>;
    private readonly texts: string[];
    /** Each row's outputs as one text, so that rows giving the same outputs are seen to agree (`any`). */
    private readonly outputKeys: string[];
    private readonly catalogue: AttributeCatalogue;
    readonly readsLevel: boolean;

    constructor(readonly table: DecisionTable, catalogue: AttributeCatalogue) {
        this.readsLevel = table.inputs.some(input => 'level' in input);
        this.catalogue = this.readsLevel ? withLevel(catalogue) : catalogue;
        this.rows = table.rows.map(row => {
            const conditions = row.when.filter((c): c is Criterion => c !== null);
            return conditions.length === 0 ? undefined : compileCriterion(conditions.length === 1 ? conditions[0] : { all: conditions }, this.catalogue);
        });
        this.outputKeys = table.rows.map(row => JSON.stringify(row.then));
        this.texts = table.rows.map(row => {
            const conditions = row.when.filter((c): c is Criterion => c !== null);
            return conditions.length === 0 ? 'alla' : conditions.map(criterionText).join(' och ');
        });
    }

    /** The row that decides for the case, by the table's hit policy; a typed error when none, or several (unique; any with different outputs), match. */
    match(values: CitizenValues, date: string, level: number | null | undefined): DecisionMatch {
        const table = this.table;
        if (!inForce(table.validity, date)) {
            throw new RegelrattRuntimeError('no-valid-version', `${table.name} gäller inte ${date}.`, { table: table.id, date });
        }
        let subject = values;
        if (this.readsLevel) {
            if (level === undefined || level === null) {
                throw new RegelrattRuntimeError('missing-level', `${table.name} läser fallets nivå, men frågan anger ingen nivå.`, { table: table.id });
            }
            subject = new CitizenValues({ ...values.input, nivå: level }, this.catalogue);
        }
        const matching: number[] = [];
        for (let index = 0; index < this.rows.length; index++) {
            const row = this.rows[index];
            if (!row || row.test(subject)) {
                matching.push(index);
                if (table.hitPolicy === 'first') {
                    break;
                }
            }
        }
        if (matching.length === 0) {
            throw new RegelrattRuntimeError('no-matching-row', `Ingen rad i ${table.name} gäller för fallet.`, { table: table.id });
        }
        // `any`: overlapping rows are allowed where they give the same outputs; the first of them answers.
        if (matching.length > 1 && table.hitPolicy === 'any' && matching.every(index => this.outputKeys[index] === this.outputKeys[matching[0]])) {
            return { row: matching[0], text: this.texts[matching[0]] };
        }
        if (matching.length > 1 && table.hitPolicy === 'any') {
            throw new RegelrattRuntimeError('several-matching-rows',
                `Flera rader i ${table.name} gäller för fallet (rad ${matching.map(i => i + 1).join(', ')}) och ger olika utfall; med valfri träff måste rader som överlappar ge samma.`,
                { table: table.id, rows: matching.map(i => i + 1) });
        }
        if (matching.length > 1) {
            throw new RegelrattRuntimeError('several-matching-rows',
                `Flera rader i ${table.name} gäller för fallet (rad ${matching.map(i => i + 1).join(', ')}), men tabellen kräver en unik träff.`,
                { table: table.id, rows: matching.map(i => i + 1) });
        }
        return { row: matching[0], text: this.texts[matching[0]] };
    }

    /** The index of an output column: the named one, or the only one. */
    column(name: string | undefined): number {
        const outputs = this.table.outputs;
        if (name === undefined) {
            if (outputs.length !== 1) {
                throw new RegelrattRuntimeError('not-computable', `${this.table.name} har flera kolumner (${outputs.join(', ')}); ange vilken.`, { table: this.table.id });
            }
            return 0;
        }
        const index = outputs.indexOf(name);
        if (index < 0) {
            throw new RegelrattRuntimeError('unknown-element', `${this.table.name} har ingen kolumn ${name}.`, { table: this.table.id, column: name });
        }
        return index;
    }
}

function withLevel(catalogue: AttributeCatalogue): AttributeCatalogue {
    return {
        attributes: new Map([...catalogue.attributes, [LEVEL_INPUT, LEVEL_ATTRIBUTE]]),
        entries: new Map([...catalogue.entries, [LEVEL_INPUT, attributeEntry(LEVEL_ATTRIBUTE)]]),
    };
}
