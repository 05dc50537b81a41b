import type { ValidationChecks } from 'langium';
import type { RegelrattAstType } from '../generated/ast.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { compareDecimals, swedishDecimal } from '@regelratt/analyses';
import { createReport } from './report.js';

/** A premium is paid for a reduction between levels its table has. */
export function premiumChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    return {
        PremiumRule: (rule, accept) => {
            const report = createReport(accept, locale);
            const table = rule.$container.table?.ref;
            if (table) {
                for (const property of ['fromLevel', 'toLevel'] as const) {
                    const level = rule[property];
                    if (level !== undefined && !table.rows.some(row => row.level !== undefined && compareDecimals(row.level, level) === 0)) {
                        report('premium-unknown-level', { level: swedishDecimal(level), table: table.name }, { node: rule, property });
                    }
                }
            }
            if (rule.fromLevel !== undefined && rule.toLevel !== undefined && compareDecimals(rule.fromLevel, rule.toLevel) <= 0) {
                report('premium-not-a-reduction', { from: swedishDecimal(rule.fromLevel), to: swedishDecimal(rule.toLevel) }, { node: rule, property: 'toLevel' });
            }
        },
    };
}
