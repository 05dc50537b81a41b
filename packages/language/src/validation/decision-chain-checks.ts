import type { ValidationChecks } from 'langium';
import type { RegelrattAstType } from '../generated/ast.js';
import { dependencyCycle } from '../analysis/calculation-cycles.js';
import { chainedDomain } from '../analysis/decision-table-input.js';
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
            if (!chainedDomain(input)) {
                report('chained-column-not-comparable', { table: upstream.name, column: input.column }, { node: input });
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
