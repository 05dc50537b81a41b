import type { ValidationChecks } from 'langium';
import { itemList } from '@regelratt/analyses';
import type * as Ast from '../generated/ast.js';
import { isExample, type RegelrattAstType } from '../generated/ast.js';
import { dependencyCycle } from '../analysis/calculation-cycles.js';
import { chainedDomain } from '../analysis/decision-table-input.js';
import { answersList, policyWords } from '../compiler/compile-decision-table.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { nearestName } from './nearest-name.js';
import { createReport, type Report } from './report.js';

/** What an output cell gives, as a list item is written; keyed by the cell's type, so a new kind of output is a compile error here. */
type ValueKind = 'number' | 'text' | 'yesNo' | 'pathway' | 'date';
const CELL_KIND = {
    Quantity: 'number',
    FormulaResult: 'number',
    OpenAmount: undefined, // `ej angivet` gives no value: the runtime refuses the row (table-open-value)
    TextResult: 'text',
    YesNoResult: 'yesNo',
    PathwayResult: 'pathway',
    DateLiteral: 'date',
} as const satisfies Record<Ast.DecisionResult['$type'], ValueKind | undefined>;

const KIND_WORDS: Record<ValueKind, { sv: string; en: string }> = {
    number: { sv: 'belopp eller tal', en: 'amounts or numbers' },
    text: { sv: 'texter', en: 'texts' },
    yesNo: { sv: 'ja/nej', en: 'ja/nej' },
    pathway: { sv: 'förlopp', en: 'förlopp' },
    date: { sv: 'datum', en: 'dates' },
};

/** The kind of an expected value, a list's item or an example's one value (written like an item). */
function itemKind(item: Pick<Ast.ExpectedItem, 'pathway' | 'text' | 'yesNo' | 'date'>): ValueKind {
    return item.pathway ? 'pathway' : item.text !== undefined ? 'text' : item.yesNo !== undefined ? 'yesNo' : item.date !== undefined ? 'date' : 'number';
}

/** A word value (text, ja/nej, förlopp, date) as a list item writes it, so a cell and an item compare as written. */
function wordOfCell(cell: Ast.DecisionResult): string | undefined {
    switch (cell.$type) {
        case 'TextResult': return JSON.stringify(cell.text);
        case 'YesNoResult': return cell.answer;
        case 'PathwayResult': return cell.pathway.ref ? `förlopp ${cell.pathway.ref.name}` : undefined;
        case 'DateLiteral': return cell.value;
        default: return undefined;
    }
}

function wordOfItem(item: Ast.ExpectedItem): string | undefined {
    return item.pathway ? (item.pathway.ref ? `förlopp ${item.pathway.ref.name}` : undefined) : item.text !== undefined ? JSON.stringify(item.text) : item.yesNo ?? item.date;
}

/**
 * Each item of an expected list (`förväntat [ … ]`) is a value the asked column can give: of a kind
 * its cells give (no amount where it gives texts), and for texts, ja/nej, förlopp and dates one some row (or
 * `annars`) writes, since a list table's answer holds only its rows' outputs. Numbers are not
 * compared by value: a formula cell computes them from the case.
 */
function checkListItems(report: Report, table: Ast.DecisionTable, question: Ast.DecisionQuestion, expectation: Ast.Expectation, locale: 'sv' | 'en'): void {
    const asked = askedColumn(table, question);
    if (!asked) {
        return;
    }
    const { cells, name } = asked;
    const kinds = [...new Set(cells.flatMap(cell => CELL_KIND[cell.$type] ?? []))];
    const words = [...new Set(cells.flatMap(cell => wordOfCell(cell) ?? []))];
    for (const item of expectation.items) {
        const kind = itemKind(item);
        const written = item.$cstNode?.text.replace(/\s+/g, ' ') ?? '';
        if (kinds.length > 0 && !kinds.includes(kind)) {
            report('list-item-does-not-fit', {
                item: written, table: table.name, column: name,
                gives: itemList(kinds.map(k => KIND_WORDS[k][locale]), locale), kind: KIND_WORDS[kind][locale],
            }, { node: item });
            continue;
        }
        const word = wordOfItem(item);
        if (word !== undefined && !words.includes(word)) {
            report('list-item-does-not-fit', { item: written, table: table.name, column: name, values: itemList(words, locale) }, { node: item });
        }
    }
}

/** The cells (rows' and `annars`) of the column a question asks, or undefined where they are not all known. */
function askedColumn(table: Ast.DecisionTable, question: Ast.DecisionQuestion): { cells: Ast.DecisionResult[]; name: string } | undefined {
    const outputs = table.header?.outputs ?? [];
    const column = question.column === undefined ? (outputs.length === 1 ? 0 : -1) : outputs.findIndex(output => output.column === question.column);
    if (column < 0) {
        return undefined; // no column or an unknown one: checkColumn says which
    }
    const cells = [...table.rows, ...(table.otherwise ? [table.otherwise] : [])].map(row => row.results[column]).filter(cell => cell !== undefined);
    if (cells.some(cell => cell.$type === 'PathwayResult' && !cell.pathway.ref)) {
        return undefined; // an unresolved förlopp: the linker reports it, and the column's values are not all known
    }
    return { cells, name: outputs[column].column };
}

/**
 * An example's one expected value (`förväntat 2025-07-01`, `förväntat 2`, `förväntat "Beviljas"`,
 * `förväntat ja`, `förväntat förlopp …`) is of a kind the asked column gives, by the kinds a list's
 * items are checked against; `träff samla antal` answers a count whatever its column gives. Other
 * expectations (an error, `beviljas`, `ingår`) are the question's own check (expectation-does-not-fit).
 */
function checkExpectedValue(report: Report, table: Ast.DecisionTable, question: Ast.DecisionQuestion, expectation: Ast.Expectation, locale: 'sv' | 'en'): void {
    const valued = expectation.pathway !== undefined || expectation.noPathway || expectation.text !== undefined || expectation.yesNo !== undefined
        || expectation.date !== undefined || expectation.amount !== undefined;
    const asked = valued ? askedColumn(table, question) : undefined;
    if (!asked) {
        return;
    }
    const counts = table.hitPolicy === 'samla' && table.aggregation === 'antal';
    const kinds: ValueKind[] = counts ? ['number'] : [...new Set(asked.cells.flatMap(cell => CELL_KIND[cell.$type] ?? []))];
    const kind = expectation.noPathway ? 'pathway' : itemKind(expectation);
    if (kinds.length > 0 && !kinds.includes(kind)) {
        report('expected-value-does-not-fit', {
            value: expectation.$cstNode?.text.replace(/^förväntat\s+/, '').replace(/\s+/g, ' ') ?? '', table: table.name, column: asked.name,
            gives: itemList(kinds.map(k => KIND_WORDS[k][locale]), locale), kind: KIND_WORDS[kind][locale],
        }, { node: expectation });
    }
}

/**
 * Chained decisions (DMN's decision requirements graph): a column that reads another table names one
 * of its output columns, and one whose cells can be compared (numbers or ja/nej); no table reads
 * itself through a chain of tables and calculations. The cycle is the calculations' analysis
 * (calculation-cycles.ts), walked from the table.
 */
export function decisionChainChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    return {
        DecisionInput: (input, accept) => {
            const report = createReport(accept, locale);
            const upstream = input.table?.ref;
            if (!upstream || input.column === undefined) {
                return; // an attribute, the level, a calculation, or an unresolved name (reported by the linker)
            }
            const columns = upstream.header?.outputs.map(output => output.column) ?? [];
            if (!columns.includes(input.column)) {
                const suggestion = nearestName(input.column, columns);
                report('unknown-column', { table: upstream.name, column: input.column, columns: columns.join(', '), ...(suggestion ? { suggestion } : {}) }, { node: input, property: 'column' });
                return;
            }
            if (answersList(upstream)) {
                report('decision-list-not-a-value', { table: upstream.name, policy: policyWords(upstream), reader: 'cell' }, { node: input });
                return;
            }
            if (!chainedDomain(input)) {
                report('chained-column-not-comparable', { table: upstream.name, column: input.column }, { node: input });
            }
        },
        // An example expects a list of a list table (`förväntat [ … ]`) and one value of any other; asking
        // a list table for one value always fails (`förväntat fel` still may say so).
        DecisionQuestion: (question, accept) => {
            const table = question.table?.ref;
            const example = question.$container;
            if (!table || !isExample(example)) {
                return;
            }
            const report = createReport(accept, locale);
            const expectsError = example.expectations.some(expectation => expectation.error);
            if (answersList(table) && !expectsError && example.expectations.some(expectation => !expectation.list)) {
                report('decision-list-not-a-value', { table: table.name, policy: policyWords(table), reader: 'example' }, { node: question, property: 'table' });
            }
            if (answersList(table)) {
                for (const expectation of example.expectations.filter(e => e.list)) {
                    checkListItems(report, table, question, expectation, locale.current);
                }
            } else {
                for (const expectation of example.expectations.filter(e => e.list)) {
                    report('list-expectation-single-answer', { table: table.name, policy: policyWords(table) }, { node: expectation });
                }
                for (const expectation of example.expectations.filter(e => !e.list)) {
                    checkExpectedValue(report, table, question, expectation, locale.current);
                }
            }
        },
        DecisionTable: (table, accept) => {
            const cycle = table.name ? dependencyCycle(table) : undefined;
            if (cycle) {
                createReport(accept, locale)('decision-cycle', { name: table.name, chain: cycle.map(node => node.name).join(' → ') }, { node: table, property: 'name' });
            }
        },
    };
}
