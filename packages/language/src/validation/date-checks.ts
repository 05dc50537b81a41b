import { isCalendarDate } from '@regelratt/format';
import type { AstNode, ValidationChecks } from 'langium';
import type { RegelrattAstType } from '../generated/ast.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { createReport, type Report } from './report.js';

/** Dates are real calendar dates, and a period does not end before it starts. */
export function dateChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const checkDates = <N extends AstNode>(node: N, report: Report, ...properties: Array<keyof N & string>) => {
        for (const property of properties) {
            const value = node[property];
            if (typeof value === 'string' && !isCalendarDate(value)) {
                report('invalid-date', { date: value }, { node, property: property as never });
            }
        }
    };
    const checkOrder = <N extends AstNode & { from?: string; to?: string }>(node: N, report: Report) => {
        if (node.to && node.from && isCalendarDate(node.from) && isCalendarDate(node.to) && node.to < node.from) {
            report('date-range-reversed', { from: node.from, to: node.to }, { node, property: 'to' as never });
        }
    };
    return {
        Validity: (node, accept) => {
            const report = createReport(accept, locale);
            checkDates(node, report, 'from', 'to');
            checkOrder(node, report);
        },
        DateRange: (node, accept) => {
            const report = createReport(accept, locale);
            checkDates(node, report, 'from', 'to');
            checkOrder(node, report);
        },
        ParameterVersion: (node, accept) => {
            const report = createReport(accept, locale);
            checkDates(node, report, 'from', 'to');
            checkOrder(node, report);
        },
        Guideline: (node, accept) => checkDates(node, createReport(accept, locale), 'decidedOn'),
        TestPhase: (node, accept) => checkDates(node, createReport(accept, locale), 'extendedTo'),
        Participation: (node, accept) => checkDates(node, createReport(accept, locale), 'since'),
        DateLiteral: (node, accept) => checkDates(node, createReport(accept, locale), 'value'),
        Example: (node, accept) => checkDates(node, createReport(accept, locale), 'date'),
        // An expected date (`förväntat 2025-01-01`), alone or in a list.
        Expectation: (node, accept) => checkDates(node, createReport(accept, locale), 'date'),
        ExpectedItem: (node, accept) => checkDates(node, createReport(accept, locale), 'date'),
    };
}
