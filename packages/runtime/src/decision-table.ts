import { againstReferences, chainedInputKey, dateCell, dayNumber, ExactNumber, isChainedInput, LEVEL_INPUT, listHitPolicy, formulaCell, quantityCell, sameDecisionResult, wordCell, type Attribute, type ChainedDecisionInput, type Criterion, type DecisionResult, type DecisionTable, type Expression, type IsoDate } from '@regelratt/format';

const HUNDRED = ExactNumber.of(100n);
import { attributeEntry, CitizenValues, type AttributeCatalogue, type AttributeValue } from './citizen.js';
import { compileCriterion, type CompiledCriterion } from './criteria.js';
import { criterionText } from './expression-text.js';
import { inForce } from './money.js';
import { runtimeError } from './runtime-error.js';

/** The case's level as the attribute a decision table's level column reads. */
const LEVEL_ATTRIBUTE: Attribute = {
    id: LEVEL_INPUT, kind: 'attribute', name: 'nivå',
    source: { file: '', line: 1, column: 1, endLine: 1, endColumn: 1 },
    domain: { type: 'integer', min: '0', max: String(Number.MAX_SAFE_INTEGER) },
};

/**
 * The value of a chained input column (another table's output, a calculation) for the case being
 * decided: the caller evaluates the upstream with its own memo, so each upstream is asked once per
 * question and its errors reach the asker as they are.
 */
export type UpstreamValue = (input: ChainedDecisionInput) => AttributeValue;

/** A chained input as the attribute the rows' criteria read: yes/no where the upstream column gives ja/nej, a date where it gives dates, otherwise a number. */
function chainedAttribute(input: ChainedDecisionInput, upstream: ((id: string) => DecisionTable) | undefined): Attribute {
    const key = chainedInputKey(input);
    const source = { file: '', line: 1, column: 1, endLine: 1, endColumn: 1 };
    const table = 'decision' in input ? upstream?.(input.decision) : undefined;
    const column = table && 'decision' in input ? table.outputs.indexOf(input.column) : -1;
    const cells = table ? [...table.rows.map(row => row.then[column]), ...(table.defaultOutputs ? [table.defaultOutputs[column]] : [])] : [];
    if (cells.length > 0 && cells.every(cell => cell !== undefined && 'yesNo' in cell)) {
        return { id: key, kind: 'attribute', name: key, source, domain: { type: 'boolean' } };
    }
    // Dates, one or the earliest or latest of them: the rows compare days, as with an attribute of dates (`< 2025-07-01`).
    const oneDate = table && !listHitPolicy(table.hitPolicy) && (table.hitPolicy !== 'collect' || table.aggregation === 'min' || table.aggregation === 'max');
    if (oneDate && cells.length > 0 && cells.every(cell => dateCell(cell) !== undefined)) {
        return { id: key, kind: 'attribute', name: key, source, domain: { type: 'date' } };
    }
    // Texts, or förlopp by id: the upstream's literal outputs are the values the rows compare for equality.
    const words = table && !listHitPolicy(table.hitPolicy) && table.hitPolicy !== 'collect' ? wordsOf(cells) : undefined;
    if (words) {
        return { id: key, kind: 'attribute', name: key, source, domain: { type: 'enumeration', values: words.map(name => ({ name })) } };
    }
    // Bounds no upstream value reaches: the value is the upstream's answer, already checked where it was made.
    return { id: key, kind: 'attribute', name: key, source, domain: { type: 'decimal', min: `-${UNBOUNDED}`, max: UNBOUNDED } };
}

const UNBOUNDED = '9'.repeat(40);

/** A text cell's text, a förlopp cell's id: the value a chained column of words reads; undefined for any other cell. */
function wordOf(cell: DecisionResult | undefined): string | undefined {
    return cell === undefined ? undefined : 'text' in cell ? cell.text : 'pathway' in cell ? cell.pathway : undefined;
}

/** The distinct words of an upstream column where every cell is a text, or every cell a förlopp; undefined otherwise. */
function wordsOf(cells: ReadonlyArray<DecisionResult | undefined>): string[] | undefined {
    const texts = cells.every(cell => cell !== undefined && 'text' in cell);
    const pathways = cells.every(cell => cell !== undefined && 'pathway' in cell);
    return cells.length > 0 && (texts || pathways) ? [...new Set(cells.map(cell => wordOf(cell)!))] : undefined;
}

/**
 * A parameter's value on the decision date, for the cells compared with it (`> maxtaxa`): the caller
 * reads it with the runtime's one version lookup (`PolicySet.parameterValue`).
 */
export type BoundParameterValue = (id: string, date: string) => AttributeValue;

/** The parameter a cell is compared with, as the attribute the rows' criteria read (named by its id, so no case value stands in for it). */
function boundAttribute(id: string): Attribute {
    const source = { file: '', line: 1, column: 1, endLine: 1, endColumn: 1 };
    return { id, kind: 'attribute', name: id, source, domain: { type: 'decimal', min: `-${UNBOUNDED}`, max: UNBOUNDED } };
}


/**
 * A row's priority by DMN's output values (hit policy `priority`): for each output column that lists
 * its values, the position of the row's value in that list (0 is the highest priority), left to right;
 * `Infinity` for a value the list lacks (the load check refuses such a file, so only a hand-made one has it).
 */
export function outputRank(table: Pick<DecisionTable, 'outputValues'>, then: readonly DecisionResult[]): number[] {
    const rank: number[] = [];
    table.outputValues?.forEach((values, column) => {
        if (values) {
            const at = values.findIndex(value => sameDecisionResult(value, then[column]));
            rank.push(at < 0 ? Infinity : at);
        }
    });
    return rank;
}

/**
 * Orders two ranks (`outputRank`) as DMN's priority does: the first output column that lists values
 * decides, the next ones break ties. Negative when `a` has the higher priority, 0 when equal.
 */
export function comparePriority(a: readonly number[], b: readonly number[]): number {
    for (let index = 0; index < a.length; index++) {
        if (a[index] !== b[index]) {
            return a[index] < b[index] ? -1 : 1;
        }
    }
    return 0;
}

/**
 * Of the rows that match (0-based indices, in rule order), those that decide under `priority`: every
 * row whose outputs rank highest, in rule order. One row, or several that agree, is an answer; rows of
 * the same priority that give different outputs are no answer (`several-matching-rows`), as DMN leaves
 * a tie undefined.
 */
export function highestPriority(ranks: readonly (readonly number[])[], matching: readonly number[]): number[] {
    let best: number[] = [];
    for (const index of matching) {
        const order = best.length === 0 ? -1 : comparePriority(ranks[index], ranks[best[0]]);
        if (order < 0) {
            best = [index];
        } else if (order === 0) {
            best.push(index);
        }
    }
    return best;
}

/**
 * Of the rows that match (0-based indices, in rule order), the order a list policy answers them in:
 * under `outputOrder` by priority (`outputRank`, `comparePriority`), rows of equal priority in rule
 * order (DMN's Output order; the sort is stable); under `ruleOrder` and `collectList` as they are.
 */
export function listOrder(hitPolicy: DecisionTable['hitPolicy'], ranks: readonly (readonly number[])[], matching: readonly number[]): number[] {
    return hitPolicy === 'outputOrder' ? [...matching].sort((a, b) => comparePriority(ranks[a], ranks[b])) : [...matching];
}

/**
 * The date `träff samla min` or `max` answers over the matching rows' dates (since format 1.13): the
 * earliest or the latest, compared by day as a criterion compares dates (`dayNumber`); undefined for
 * no dates, a count (a number of rows) or a sum (DMN's sum takes numbers only; its min and max any
 * comparable values).
 */
export function collectedDate(dates: readonly IsoDate[], aggregation: DecisionTable['aggregation']): IsoDate | undefined {
    if (dates.length === 0 || (aggregation !== 'min' && aggregation !== 'max')) {
        return undefined;
    }
    const days = dates.map(date => ({ date, day: dayNumber(date) }));
    const earlier = aggregation === 'min';
    return days.reduce((a, b) => ((earlier ? b.day < a.day : b.day > a.day) ? b : a)).date;
}

/** The match that stands for the table's default outputs (`annars`), where no row matches. */
export const DEFAULT_ROW = -1;

export interface DecisionMatch {
    /** 0-based index of the row that decided; `DEFAULT_ROW` for the table's default outputs. */
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
    /** Output cells as exact numbers (shares as fractions), parsed once. */
    private readonly cellValues = new WeakMap<object, ExactNumber>();
    private readonly catalogue: AttributeCatalogue;
    /** Each row's priority (`outputRank`), for `priority`. */
    private readonly ranks: number[][];
    readonly readsLevel: boolean;
    /** The input columns whose values other decisions or calculations give (since format 1.10). */
    readonly chained: readonly ChainedDecisionInput[];

    /** The parameters cells are compared with (`> maxtaxa`, since format 1.11), by id. */
    readonly boundParameters: readonly string[];

    /** `upstream` looks up the tables chained inputs read, to type their columns (ja/nej or a number). */
    constructor(readonly table: DecisionTable, catalogue: AttributeCatalogue, upstream?: (id: string) => DecisionTable) {
        this.readsLevel = table.inputs.some(input => 'level' in input);
        this.chained = table.inputs.filter(isChainedInput);
        this.boundParameters = [...new Set(table.rows.flatMap(row => row.when.flatMap(cell => (cell ? againstReferences(cell) : []))))]
            .filter(id => id.startsWith('parameter/'));
        const extra = [
            ...(this.readsLevel ? [LEVEL_ATTRIBUTE] : []),
            ...this.chained.map(input => chainedAttribute(input, upstream)),
            ...this.boundParameters.map(boundAttribute),
        ];
        this.catalogue = extra.length > 0 ? withAttributes(catalogue, extra) : catalogue;
        this.rows = table.rows.map(row => {
            const conditions = row.when.filter((c): c is Criterion => c !== null);
            return conditions.length === 0 ? undefined : compileCriterion(conditions.length === 1 ? conditions[0] : { all: conditions }, this.catalogue);
        });
        this.outputKeys = table.rows.map(row => JSON.stringify(row.then));
        this.ranks = table.hitPolicy === 'priority' || table.hitPolicy === 'outputOrder' ? table.rows.map(row => outputRank(table, row.then)) : [];
        this.texts = table.rows.map(row => {
            const conditions = row.when.filter((c): c is Criterion => c !== null);
            return conditions.length === 0 ? 'alla' : conditions.map(criterionText).join(' och ');
        });
    }

    private outputsByRow: Array<Readonly<Record<string, string | null>>> | undefined;

    /**
     * A row's outputs as answers give them (a share as a fraction, a förlopp by its id, `null` where
     * the row leaves the value open): the same for every case the row decides, so made once per row
     * and shared, frozen.
     */
    rowOutputs(row: number): Readonly<Record<string, string | null>> {
        // The default outputs, where the table has them, come last: `DEFAULT_ROW` reads them.
        this.outputsByRow ??= [...this.table.rows.map(row => row.then), ...(this.table.defaultOutputs ? [this.table.defaultOutputs] : [])].map(then => {
            const outputs: Record<string, string | null> = {};
            this.table.outputs.forEach((column, index) => {
                const cell = then[index];
                const quantity = quantityCell(cell);
                outputs[column] = quantity ? (quantity.unit === '%' ? ExactNumber.parse(quantity.value).divide(HUNDRED).toDecimal() : quantity.value) : wordCell(cell) ?? null;
            });
            return Object.freeze(outputs);
        });
        return this.outputsByRow[row === DEFAULT_ROW ? this.table.rows.length : row];
    }

    /**
     * A row's outputs for one case: `rowOutputs`, with each formula cell (`= inkomst × 30 %`) computed
     * for the case by the one formula evaluator (`evaluate`, the Calculator's).
     */
    outputsFor(row: number, evaluate: (formula: Expression) => ExactNumber): Readonly<Record<string, string | null>> {
        const constant = this.rowOutputs(row);
        const then = row === DEFAULT_ROW ? this.table.defaultOutputs ?? [] : this.table.rows[row].then;
        if (!then.some(cell => formulaCell(cell) !== undefined)) {
            return constant;
        }
        const outputs = { ...constant };
        this.table.outputs.forEach((column, index) => {
            const formula = formulaCell(then[index]);
            if (formula) {
                outputs[column] = evaluate(formula).toDecimal();
            }
        });
        return outputs;
    }

    /** The table's default outputs as the one match, where it has them and no row matches. */
    private defaultMatch(): DecisionMatch | undefined {
        return this.table.defaultOutputs ? { row: DEFAULT_ROW, text: 'annars' } : undefined;
    }

    /** An output cell of a row, or of the default outputs. */
    private cell(row: number, column: number) {
        return row === DEFAULT_ROW ? this.table.defaultOutputs?.[column] : this.table.rows[row].then[column];
    }

    /**
     * The case as the rows read it: with its level where a column reads the level, and the values of
     * chained inputs as `upstream` gives them; typed errors for a table out of force or a level missing.
     */
    private subject(values: CitizenValues, date: string, level: number | null | undefined, upstream?: UpstreamValue, parameter?: BoundParameterValue): CitizenValues {
        const table = this.table;
        if (!inForce(table.validity, date)) {
            throw runtimeError('not-in-force', { name: table.name, date }, { table: table.id, date });
        }
        if (!this.readsLevel && this.chained.length === 0 && this.boundParameters.length === 0) {
            return values;
        }
        const extra: Record<string, unknown> = {};
        if (this.readsLevel) {
            if (level === undefined || level === null) {
                throw runtimeError('reads-level-without-level', { name: table.name }, { table: table.id });
            }
            extra.nivå = level;
        }
        for (const input of this.chained) {
            if (!upstream) {
                // Not a question's fault: every question reaches a chained table through Calculator.decisionMatches, which passes one.
                throw new Error(`${table.name} reads another decision or a calculation; ask it through Calculator.decisionMatches`);
            }
            extra[chainedInputKey(input)] = upstream(input);
        }
        for (const id of this.boundParameters) {
            if (!parameter) {
                // Not a question's fault: every question reaches a table through Calculator.decisionMatches, which passes one.
                throw new Error(`${table.name} compares with a parameter; ask it through Calculator.decisionMatches`);
            }
            extra[id] = parameter(id, date);
        }
        return new CitizenValues({ ...values.input, ...extra }, this.catalogue);
    }

    /**
     * The rows whose outputs answer for the case: the one deciding row (see `match`), or under
     * `collect` and the list policies every matching row, in order (under `outputOrder` by the output
     * value lists' priority, rows of equal priority in row order: DMN's Output order); none is an
     * answer for a sum or a count and for a list (the empty list, as in DMN), and `no-matching-row` for
     * a minimum or maximum. The default outputs, where the table has them, answer where no row matches.
     */
    matches(values: CitizenValues, date: string, level: number | null | undefined, upstream?: UpstreamValue, parameter?: BoundParameterValue): DecisionMatch[] {
        const table = this.table;
        if (table.hitPolicy !== 'collect' && !listHitPolicy(table.hitPolicy)) {
            return [this.match(values, date, level, upstream, parameter)];
        }
        const subject = this.subject(values, date, level, upstream, parameter);
        const matching: DecisionMatch[] = [];
        this.rows.forEach((row, index) => {
            if (!row || row.test(subject)) {
                matching.push({ row: index, text: this.texts[index] });
            }
        });
        const fallback = matching.length === 0 ? this.defaultMatch() : undefined;
        if (fallback) {
            return [fallback];
        }
        if (matching.length === 0 && table.hitPolicy === 'collect' && (table.aggregation === 'min' || table.aggregation === 'max')) {
            throw runtimeError('no-matching-row', { table: table.name }, { table: table.id });
        }
        if (table.hitPolicy === 'outputOrder') {
            return listOrder(table.hitPolicy, this.ranks, matching.map(match => match.row)).map(row => ({ row, text: this.texts[row] }));
        }
        return matching;
    }

    /**
     * One output column's value for the rows that answer: the row's value, or under `collect` the
     * sum, minimum or maximum of theirs (the number of rows for `count`). A value the policy leaves
     * open is `open-amount`; a förlopp is no number (`not-computable`). A formula cell is computed for
     * the case by `evaluate` (the Calculator's evaluator: one arithmetic and rounding).
     */
    value(matches: readonly DecisionMatch[], column: number, evaluate: (formula: Expression) => ExactNumber): ExactNumber {
        const table = this.table;
        const name = `${table.name}.${table.outputs[column]}`;
        if (listHitPolicy(table.hitPolicy)) {
            // A list of rows' outputs is no number, not even where it has one element: the checker refuses such a read (decision-list-not-a-value).
            throw runtimeError('table-answers-list', { table: table.name }, { table: table.id });
        }
        // The default outputs answer as they are, under every hit policy (never summed or counted).
        const byDefault = matches.length === 1 && matches[0].row === DEFAULT_ROW;
        if (table.hitPolicy === 'collect' && table.aggregation === 'count' && !byDefault) {
            return ExactNumber.of(BigInt(matches.length));
        }
        const values = matches.map(match => {
            const cell = this.cell(match.row, column);
            const row = match.row === DEFAULT_ROW ? 'annars' : match.row + 1;
            if (!cell || 'open' in cell) {
                throw runtimeError('table-open-value', { column: name, row }, { table: table.id, row, column: table.outputs[column] });
            }
            if ('pathway' in cell) {
                throw runtimeError('table-cell-is-pathway', { column: name, row }, { table: table.id, row });
            }
            const formula = formulaCell(cell);
            if (formula) {
                return evaluate(formula);
            }
            const quantity = quantityCell(cell);
            if (!quantity) {
                throw runtimeError('table-cell-not-a-number', { column: name, row, value: wordCell(cell) ?? '' }, { table: table.id, row });
            }
            let value = this.cellValues.get(quantity);
            if (!value) {
                const raw = ExactNumber.parse(quantity.value);
                value = quantity.unit === '%' ? raw.divide(HUNDRED) : raw;
                this.cellValues.set(quantity, value);
            }
            return value;
        });
        switch (table.hitPolicy === 'collect' && !byDefault ? table.aggregation ?? 'sum' : 'single') {
            case 'min': return values.reduce((a, b) => (b.compare(a) < 0 ? b : a));
            case 'max': return values.reduce((a, b) => (b.compare(a) > 0 ? b : a));
            case 'sum': return values.reduce((a, b) => a.add(b), ExactNumber.ZERO);
            default: return values[0];
        }
    }

    /**
     * One date column's value for the rows that answer (since format 1.13): the row's date, or under
     * `collect` the earliest or latest of theirs (`collectedDate`); undefined where a cell answering is
     * no date, and for a count (a number: `value` counts) or a sum, which `value` refuses.
     */
    dateValue(matches: readonly DecisionMatch[], column: number): IsoDate | undefined {
        const table = this.table;
        const dates = matches.map(match => dateCell(this.cell(match.row, column)));
        if (dates.length === 0 || dates.some(date => date === undefined) || listHitPolicy(table.hitPolicy)) {
            return undefined;
        }
        const byDefault = matches.length === 1 && matches[0].row === DEFAULT_ROW;
        return table.hitPolicy === 'collect' && !byDefault ? collectedDate(dates as IsoDate[], table.aggregation) : dates[0];
    }

    /**
     * One output column's answer as a chained input reads it: ja/nej as yes/no, a text as the text and
     * a förlopp as its id (from the one deciding row), a date as its text, anything else as the number `value` gives (a
     * formula cell computed for the case by `evaluate`).
     */
    answer(matches: readonly DecisionMatch[], column: number, evaluate: (formula: Expression) => ExactNumber): AttributeValue {
        const cell = matches.length === 1 && !listHitPolicy(this.table.hitPolicy) ? this.cell(matches[0].row, column) : undefined;
        // A text or förlopp (by id) of the one deciding row: a chained column of words compares it for
        // equality. Not under `collect`, whose answer is a number (the checker refuses words there).
        const word = this.table.hitPolicy === 'collect' ? undefined : wordOf(cell);
        // A date (the row's, or the earliest or latest under `collect`) as its ISO text: the chained
        // column is an attribute of dates, which reads the text as every date attribute does.
        return cell && 'yesNo' in cell ? cell.yesNo : word ?? this.dateValue(matches, column) ?? this.value(matches, column, evaluate);
    }

    /**
     * The row that decides for the case, by the table's hit policy; a typed error when none, or several
     * (unique; any with different outputs), match. Not for `collect`, whose answer is `matches`.
     */
    match(values: CitizenValues, date: string, level: number | null | undefined, upstream?: UpstreamValue, parameter?: BoundParameterValue): DecisionMatch {
        const table = this.table;
        const subject = this.subject(values, date, level, upstream, parameter);
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
            const fallback = this.defaultMatch();
            if (fallback) {
                return fallback;
            }
            throw runtimeError('no-matching-row', { table: table.name }, { table: table.id });
        }
        if (matching.length > 1 && table.hitPolicy === 'priority') {
            // The rows of the highest priority decide; several of them must agree, as under `any`.
            const best = highestPriority(this.ranks, matching);
            if (best.some(index => this.outputKeys[index] !== this.outputKeys[best[0]])) {
                throw runtimeError('priority-tie', { table: table.name, rows: best.map(i => i + 1) }, { table: table.id, rows: best.map(i => i + 1) });
            }
            return { row: best[0], text: this.texts[best[0]] };
        }
        // `any`: overlapping rows are allowed where they give the same outputs; the first of them answers.
        if (matching.length > 1 && table.hitPolicy === 'any' && matching.every(index => this.outputKeys[index] === this.outputKeys[matching[0]])) {
            return { row: matching[0], text: this.texts[matching[0]] };
        }
        if (matching.length > 1 && table.hitPolicy === 'any') {
            throw runtimeError('rows-disagree', { table: table.name, rows: matching.map(i => i + 1) }, { table: table.id, rows: matching.map(i => i + 1) });
        }
        if (matching.length > 1) {
            throw runtimeError('rows-not-unique', { table: table.name, rows: matching.map(i => i + 1) }, { table: table.id, rows: matching.map(i => i + 1) });
        }
        return { row: matching[0], text: this.texts[matching[0]] };
    }

    /** The index of an output column: the named one, or the only one. */
    column(name: string | undefined): number {
        const outputs = this.table.outputs;
        if (name === undefined) {
            if (outputs.length !== 1) {
                throw runtimeError('table-column-needed', { table: this.table.name, columns: outputs }, { table: this.table.id });
            }
            return 0;
        }
        const index = outputs.indexOf(name);
        if (index < 0) {
            throw runtimeError('table-no-column', { table: this.table.name, column: name }, { table: this.table.id, column: name });
        }
        return index;
    }
}

function withAttributes(catalogue: AttributeCatalogue, extra: readonly Attribute[]): AttributeCatalogue {
    return {
        attributes: new Map([...catalogue.attributes, ...extra.map(a => [a.id, a] as const)]),
        entries: new Map([...catalogue.entries, ...extra.map(a => [a.id, attributeEntry(a)] as const)]),
    };
}
