import type { ValidationChecks } from 'langium';
import type { LevelRow, LevelTable, RegelrattAstType } from '../generated/ast.js';
import { isOpenAmount, isQuantity } from '../generated/ast.js';
import { compactLevels } from '@regelratt/analyses';
import type { RegelrattServices } from '../regelratt-module.js';
import { compareDecimals, isWholeDecimal, swedishDecimal } from '@regelratt/analyses';
import { MAX_LEVEL } from '@regelratt/analyses';
import { relatedAt } from './related-location.js';
import { createReport, type Report } from './report.js';

/** Each level appears once per table, and inside the table's declared levels. */
export function levelTableChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    return {
        LevelTable: (table, accept) => {
            const report = createReport(accept, locale);
            checkDuplicateLevels(completeRows(table), report);
            if (table.levels?.min !== undefined && table.levels.max !== undefined && compareDecimals(table.levels.min, table.levels.max) <= 0) {
                const { min, max } = table.levels;
                for (const row of completeRows(table)) {
                    if (compareDecimals(row.level, min) < 0 || compareDecimals(row.level, max) > 0) {
                        report('level-outside-range', { level: swedishDecimal(row.level), min: swedishDecimal(min), max: swedishDecimal(max) }, { node: row, property: 'level' });
                    }
                }
            }
        },
        Fee: (fee, accept) => {
            const report = createReport(accept, locale);
            [fee.caps, fee.shares, fee.amounts].forEach(rows => checkDuplicateLevels(rows, report));
        },
    };
}

/**
 * What the analyses add to a table: the declared levels are all there, open amounts are named,
 * and amounts do not fall as the level (the need) rises.
 */
export function levelTableAnalyses(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    return {
        LevelTable: (table, accept) => {
            const report = createReport(accept, locale);
            const sv = locale.current === 'sv';
            const missing = missingLevels(table);
            if (table.levels && missing.length > 0) {
                report('missing-level', { min: table.levels.min, max: table.levels.max, levels: compactLevels(missing, sv) }, { node: table, property: 'levels' });
            }
            const open = completeRows(table).filter(row => isOpenAmount(row.value)).map(row => Number(row.level));
            if (open.length > 0) {
                report('open-amount', { levels: compactLevels(open, sv) }, { node: table, property: 'name' });
            }
            checkOrder(table, report);
        },
    };
}

/** The levels a table declares (`nivåer a–b`) but has no row for; none when the declared range is not whole, empty or too large. */
export function missingLevels(table: LevelTable): number[] {
    const { levels } = table;
    if (!levels || levels.min === undefined || levels.max === undefined || !isWholeDecimal(levels.min) || !isWholeDecimal(levels.max) || compareDecimals(levels.min, levels.max) > 0
        || compareDecimals(levels.max, String(MAX_LEVEL)) > 0) {
        return []; // a range past MAX_LEVEL is number-out-of-bounds, and is not walked
    }
    const present = new Set(completeRows(table).map(row => Number(row.level)));
    const missing: number[] = [];
    for (let level = Number(levels.min); level <= Number(levels.max); level++) {
        if (!present.has(level)) {
            missing.push(level);
        }
    }
    return missing;
}

function moneyAmount(row: LevelRow): string | undefined {
    return isQuantity(row.value) && row.value.unit?.money ? row.value.value : undefined;
}

/** Known amounts never fall as the level rises; each fall is reported at the level where it happens. */
function checkOrder(table: LevelTable, report: Report): void {
    const known = completeRows(table).filter(row => moneyAmount(row) !== undefined).sort((a, b) => compareDecimals(a.level, b.level));
    let highest: LevelRow | undefined;
    for (const row of known) {
        const amount = moneyAmount(row)!;
        const top = highest && moneyAmount(highest)!;
        if (highest && top && compareDecimals(amount, top) < 0) {
            report('amount-decreases', {
                low: swedishDecimal(highest.level), lowAmount: swedishDecimal(top),
                high: swedishDecimal(row.level), highAmount: swedishDecimal(amount),
            }, { node: row, property: 'value', relatedInformation: relatedAt(highest, `nivå ${swedishDecimal(highest.level)}`) });
        } else if (!top || compareDecimals(amount, top) > 0) {
            highest = row;
        }
    }
}

function checkDuplicateLevels(rows: LevelRow[], report: Report): void {
    const firstRow = new Map<string, LevelRow>();
    for (const row of rows) {
        const first = firstRow.get(row.level);
        if (first) {
            report('duplicate-level', { level: swedishDecimal(row.level), line: (first.$cstNode?.range.start.line ?? 0) + 1 }, { node: row, property: 'level', relatedInformation: relatedAt(first, `nivå ${swedishDecimal(first.level)}`) });
        } else {
            firstRow.set(row.level, row);
        }
    }
}

/** The rows with a level: a row half-typed without one is the parser's to report. */
function completeRows(table: LevelTable): LevelRow[] {
    return table.rows.filter(row => row.level !== undefined);
}
