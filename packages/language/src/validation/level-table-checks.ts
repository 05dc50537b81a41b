import type { ValidationChecks } from 'langium';
import type { LevelRow, RegelrattAstType } from '../generated/ast.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { compareDecimals, swedishDecimal } from '../numbers/decimal-text.js';
import { createReport, type Report } from './report.js';

/** Each level appears once per table, and inside the table's declared levels. */
export function levelTableChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    return {
        LevelTable: (table, accept) => {
            const report = createReport(accept, locale);
            checkDuplicateLevels(table.rows, report);
            if (table.levels && compareDecimals(table.levels.min, table.levels.max) <= 0) {
                const { min, max } = table.levels;
                for (const row of table.rows) {
                    if (compareDecimals(row.level, min) < 0 || compareDecimals(row.level, max) > 0) {
                        report('level-outside-range', { level: swedishDecimal(row.level), min: swedishDecimal(min), max: swedishDecimal(max) }, { node: row, property: 'level' });
                    }
                }
            }
        },
        Fee: (fee, accept) => checkDuplicateLevels(fee.caps, createReport(accept, locale)),
    };
}

function checkDuplicateLevels(rows: LevelRow[], report: Report): void {
    const firstRow = new Map<string, LevelRow>();
    for (const row of rows) {
        const first = firstRow.get(row.level);
        if (first) {
            report('duplicate-level', { level: swedishDecimal(row.level), line: (first.$cstNode?.range.start.line ?? 0) + 1 }, { node: row, property: 'level' });
        } else {
            firstRow.set(row.level, row);
        }
    }
}
