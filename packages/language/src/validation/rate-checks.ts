import type { ValidationChecks } from 'langium';
import type { Rate, RegelrattAstType } from '../generated/ast.js';
import { isEnumerationType } from '../generated/ast.js';
import { analyseRateSelection, type RateSelector } from '@regelratt/analyses';
import type { RegelrattServices } from '../regelratt-module.js';
import { createReport } from './report.js';

/**
 * A rate by the case's attributes (`efter regi, tid  belopp { … }`): it selects by enumerations,
 * gives each row a value of every selector, no combination twice, and an amount for every
 * combination a case can have (analysis/rate-selection.ts); `efter` and `belopp { … }` go together.
 */
export function rateChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    return {
        Rate: (rate, accept) => {
            const report = createReport(accept, locale);
            const sv = locale.current === 'sv';
            if (rate.selectors.length === 0) {
                if (rate.amounts.length > 0) {
                    report('rate-amounts-without-selector', { name: rate.name }, { node: rate.amounts[0] });
                }
                return;
            }
            if (rate.value || rate.amounts.length === 0) {
                const selectors = rate.selectors.map(selector => selector.$refText).join(', ');
                report('rate-selector-without-amounts', { name: rate.name, selectors }, rate.value ? { node: rate, property: 'value' } : { node: rate, property: 'selectors', index: 0 });
                return;
            }
            const selectors: RateSelector[] = rate.selectors.map(selector => {
                const type = selector.ref?.type;
                return { name: selector.$refText, values: isEnumerationType(type) ? type.values.map(value => value.name) : undefined };
            });
            if (rate.selectors.some(selector => !selector.ref)) {
                return; // an unresolved selector is reported by the linker
            }
            const rows = rate.amounts.map(row => row.values.map(value => value.value.$refText));
            for (const finding of analyseRateSelection(selectors, rows)) {
                switch (finding.code) {
                    case 'rate-selector-not-enumeration':
                        report(finding.code, { name: selectors[finding.selector].name }, { node: rate, property: 'selectors', index: finding.selector });
                        break;
                    case 'rate-amount-width':
                        report(finding.code, { given: String(finding.given), expected: String(finding.expected), selectors: selectors.map(s => s.name).join(', ') }, { node: rate.amounts[finding.row] });
                        break;
                    case 'rate-amount-twice':
                        report(finding.code, { values: rows[finding.row].join(', '), line: String(lineOf(rate, finding.first)) }, { node: rate.amounts[finding.row] });
                        break;
                    case 'rate-amount-missing': {
                        const texts = finding.witnesses.map(values => values.map((value, index) => `${selectors[index].name} = ${value}`).join(', '));
                        const more = finding.count - BigInt(finding.witnesses.length);
                        const rest = more > 0n ? (sv ? ` (och ${more} till)` : ` (and ${more} more)`) : '';
                        const example = Object.fromEntries(finding.witnesses[0].map((value, index) => [selectors[index].name, value]));
                        report(finding.code, { name: rate.name, cases: texts.join('; ') + rest }, { node: rate, property: 'selectors' },
                            { text: texts[0], example });
                        break;
                    }
                }
            }
        },
    };
}

/** The 1-based line of a rate's amount row, to point from a repeated row to the first. */
function lineOf(rate: Rate, row: number): number {
    return (rate.amounts[row].$cstNode?.range.start.line ?? 0) + 1;
}
