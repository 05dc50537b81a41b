import type { AstNode, ValidationAcceptor, ValidationChecks } from 'langium';
import type * as Ast from '../generated/ast.js';
import type { RegelrattAstType } from '../generated/ast.js';
import { MAX_LEVEL } from '@regelratt/analyses';
import type { RegelrattServices } from '../regelratt-module.js';
import { compareDecimals, isWholeDecimal, swedishDecimal } from '@regelratt/analyses';
import { createReport, type Report } from './report.js';

/** The largest whole number the compiled format carries exactly (as a JSON number). */
const LARGEST = String(Number.MAX_SAFE_INTEGER);

/**
 * What the compiled format cannot carry is an error in the source, at its place, never JSON that
 * breaks the shipped schema: a chapter, section or point of a law counts from 1, a net effect runs for
 * at least one month, and levels, months and law numbers are whole numbers the format holds exactly.
 * Levels also stay within MAX_LEVEL, so that what walks every level of a table stays small.
 */
export function formatLimitChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const sv = () => locale.current === 'sv';
    const bounded = <N extends AstNode>(report: Report, node: N, property: keyof N & string, what: string, min: '0' | '1', max = LARGEST) => {
        const value = node[property];
        if (typeof value !== 'string' || !isWholeDecimal(value)) {
            return; // fractions are not-a-whole-number, reported by the quantity checks
        }
        if (compareDecimals(value, min) < 0 || compareDecimals(value, max) > 0) {
            report('number-out-of-bounds', { what, value: swedishDecimal(value), min, max: swedishDecimal(max) }, { node, property: property as never });
        }
    };
    const level = () => (sv() ? 'Nivån' : 'The level');
    const levelBounded = <N extends AstNode>(report: Report, node: N, property: keyof N & string) => bounded(report, node, property, level(), '0', String(MAX_LEVEL));
    // Every question that names a level: a whole number from 0 to MAX_LEVEL.
    const checkLevel = (node: AstNode & { level?: string }, accept: ValidationAcceptor) => {
        const report = createReport(accept, locale);
        requireWholeLevel(report, node, level());
        levelBounded(report, node, 'level');
    };
    // `nivåer a–b` of a level or decision table: both ends levels.
    const checkLevelRange = (table: { levels?: Ast.NumberRange }, accept: ValidationAcceptor) => {
        if (table.levels) {
            const report = createReport(accept, locale);
            levelBounded(report, table.levels, 'min');
            levelBounded(report, table.levels, 'max');
        }
    };
    return {
        LawReference: (reference, accept) => {
            const report = createReport(accept, locale);
            bounded(report, reference, 'chapter', sv() ? 'Kapitlet' : 'The chapter', '1');
            bounded(report, reference, 'section', sv() ? 'Paragrafen' : 'The section', '1');
            bounded(report, reference, 'point', sv() ? 'Punkten' : 'The point', '1');
        },
        NetEffectQuestion: (question, accept) => bounded(createReport(accept, locale), question, 'months', sv() ? 'Antalet månader' : 'The number of months', '1'),
        LevelOrNone: (choice, accept) => checkLevel(choice, accept),
        CompensationQuestion: (question, accept) => checkLevel(question, accept),
        FeeQuestion: (question, accept) => checkLevel(question, accept),
        CalculationQuestion: (question, accept) => checkLevel(question, accept),
        DecisionQuestion: (question, accept) => checkLevel(question, accept),
        LevelRow: (row, accept) => levelBounded(createReport(accept, locale), row, 'level'),
        LevelTable: (table, accept) => checkLevelRange(table, accept),
        DecisionTable: (table, accept) => checkLevelRange(table, accept),
        PremiumRule: (rule, accept) => {
            const report = createReport(accept, locale);
            levelBounded(report, rule, 'fromLevel');
            levelBounded(report, rule, 'toLevel');
        },
    };
}

function requireWholeLevel(report: Report, node: AstNode & { level?: string }, what: string): void {
    if (node.level !== undefined && !isWholeDecimal(node.level)) {
        report('not-a-whole-number', { what, value: swedishDecimal(node.level) }, { node, property: 'level' as never });
    }
}
