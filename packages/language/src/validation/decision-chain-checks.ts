import type { ValidationChecks } from 'langium';
import { isExample, type RegelrattAstType } from '../generated/ast.js';
import { dependencyCycle } from '../analysis/calculation-cycles.js';
import { chainedDomain } from '../analysis/decision-table-input.js';
import { answersList, policyWords } from '../compiler/compile-decision-table.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { nearestName } from './nearest-name.js';
import { createReport } from './report.js';

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
            if (!answersList(table)) {
                for (const expectation of example.expectations.filter(e => e.list)) {
                    report('list-expectation-single-answer', { table: table.name, policy: policyWords(table) }, { node: expectation });
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
