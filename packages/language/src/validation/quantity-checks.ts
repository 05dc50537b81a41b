import type { AstNode, ValidationChecks } from 'langium';
import type { Quantity, RegelrattAstType } from '../generated/ast.js';
import { isFee, isLevelRow, isQuantity, isParameterVersion, isPilotGoal, isPremiumRule, isRate, isRateAmount } from '../generated/ast.js';
import type { MessageLocale } from '@regelratt/analyses';
import type { RegelrattServices } from '../regelratt-module.js';
import { compareDecimals, isWholeDecimal, swedishDecimal } from '@regelratt/analyses';
import { createReport, type Report } from './report.js';
import { dimensionText, unitDimension } from '../analysis/expression-units.js';

type QuantityKind = 'money' | 'percent' | 'number';

/** What a quantity must count where it stands; undefined where any kind is fine (inside a formula, an indicator target). */
function expectedKind(quantity: Quantity): QuantityKind | 'percent-or-number' | undefined {
    const container = quantity.$container;
    if (isLevelRow(container) && container.$containerProperty === 'shares') {
        return 'percent'; // a fee's `andel { nivå 1 : 70 % … }`
    }
    if (isLevelRow(container) || isPremiumRule(container) || isRate(container) || isRateAmount(container)) {
        return 'money';
    }
    if (isFee(container)) {
        return container.share === quantity ? 'percent' : undefined;
    }
    if (isParameterVersion(container)) {
        switch (container.$container.type) {
            case 'belopp': return 'money';
            case 'procent': return 'percent';
            default: return 'number';
        }
    }
    if (isPilotGoal(container)) {
        return 'percent-or-number';
    }
    return undefined;
}

function kindOf(quantity: Quantity): QuantityKind {
    return quantity.unit?.money ? 'money' : quantity.unit?.percent ? 'percent' : 'number';
}

function kindText(kind: QuantityKind, locale: MessageLocale): string {
    const sv = locale === 'sv';
    switch (kind) {
        case 'money': return sv ? 'kronor' : 'kronor';
        case 'percent': return sv ? 'procent' : 'per cent';
        case 'number': return sv ? 'ett tal utan enhet' : 'a number without unit';
    }
}

/** Amounts carry `kr`, shares `%`, percentages that are shares stay within 0–100, and whole numbers are whole. */
export function quantityChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    const whatLevel = () => (locale.current === 'sv' ? 'En nivå' : 'A level');
    return {
        Quantity: (quantity, accept) => {
            const report = createReport(accept, locale);
            const expected = expectedKind(quantity);
            const actual = kindOf(quantity);
            if (expected === 'money' || expected === 'percent') {
                if (actual === 'number') {
                    report('missing-unit', { value: swedishDecimal(quantity.value), expected: expected === 'money' ? 'kr' : '%' }, { node: quantity });
                    return;
                }
                if (actual !== expected) {
                    report('wrong-unit', { expected: kindText(expected, locale.current), actual: kindText(actual, locale.current) }, { node: quantity });
                    return;
                }
            }
            if (expected === 'number' && actual !== 'number') {
                report('wrong-unit', { expected: kindText('number', locale.current), actual: kindText(actual, locale.current) }, { node: quantity });
                return;
            }
            if (expected === 'percent-or-number' && actual === 'money') {
                report('wrong-unit', { expected: locale.current === 'sv' ? 'procent eller ett antal' : 'per cent or a count', actual: kindText(actual, locale.current) }, { node: quantity });
                return;
            }
            const isShare = (expected === 'percent' || expected === 'percent-or-number') && actual === 'percent';
            if (isShare && compareDecimals(quantity.value, '100') > 0) {
                report('percentage-out-of-range', { value: swedishDecimal(quantity.value) }, { node: quantity });
            }
            const container = quantity.$container;
            if (isParameterVersion(container) && container.$container.type === 'heltal' && !isWholeDecimal(quantity.value)) {
                report('not-a-whole-number', { what: locale.current === 'sv' ? 'Värdet' : 'The value', value: swedishDecimal(quantity.value) }, { node: quantity });
            }
        },
        // The runtime reads a version's or a cell's number as it is: `40 minuter` in one and `1 timme`
        // in another would be 40 and 1 of the same thing.
        Parameter: (parameter, accept) => requireOneUnit(createReport(accept, locale), locale.current, parameter.versions.map(version => version.value)),
        // Every amount of a rate by the case (`belopp { … }`) in one unit: a formula reads one of them for each case.
        Rate: (rate, accept) => requireSameUnit(createReport(accept, locale), locale.current, rate.amounts.map(row => row.value)),
        DecisionTable: (table, accept) => {
            const report = createReport(accept, locale);
            (table.header?.outputs ?? []).forEach((_, index) => requireOneUnit(report, locale.current, table.rows.map(row => row.results[index])));
        },
        LevelRow: (row, accept) => requireWhole(createReport(accept, locale), row, 'level', whatLevel()),
        PremiumRule: (rule, accept) => {
            const report = createReport(accept, locale);
            requireWhole(report, rule, 'fromLevel', whatLevel());
            requireWhole(report, rule, 'toLevel', whatLevel());
        },
        LawReference: (reference, accept) => {
            const report = createReport(accept, locale);
            const what = locale.current === 'sv' ? 'Ett lagrum' : 'A legal reference';
            requireWhole(report, reference, 'chapter', what);
            requireWhole(report, reference, 'section', what);
            requireWhole(report, reference, 'point', what);
        },
        Frequency: (frequency, accept) => requireWhole(createReport(accept, locale), frequency, 'count', locale.current === 'sv' ? 'Ett intervall' : 'An interval'),
        Deadline: (deadline, accept) => requireWhole(createReport(accept, locale), deadline, 'amount', locale.current === 'sv' ? 'En frist' : 'A deadline'),
        Duration: (duration, accept) => requireWhole(createReport(accept, locale), duration, 'amount', locale.current === 'sv' ? 'En varaktighet' : 'A duration'),
        NumberRange: (range, accept) => {
            const report = createReport(accept, locale);
            if (range.min === undefined || range.max === undefined) {
                return; // half-typed: the parser has reported the missing bound
            }
            if (compareDecimals(range.min, range.max) > 0) {
                report('invalid-range', { min: swedishDecimal(range.min), max: swedishDecimal(range.max) }, { node: range });
            }
            const container = range.$container;
            const wholeOnly = container.$type === 'IntegerType' || container.$type === 'LevelTable';
            if (wholeOnly) {
                for (const property of ['min', 'max'] as const) {
                    if (!isWholeDecimal(range[property])) {
                        report('not-a-whole-number', { what: locale.current === 'sv' ? 'Gränsen' : 'The bound', value: swedishDecimal(range[property]) }, { node: range, property });
                    }
                }
            }
        },
    };
}

/** Times and counts in one column or one parameter are all in the same unit (the first one's); amounts and shares are checked elsewhere. */
function requireOneUnit(report: Report, locale: MessageLocale, values: ReadonlyArray<unknown>): void {
    const measured = values.filter((value): value is Quantity => isQuantity(value) && value.unit?.measure !== undefined);
    const first = measured[0];
    if (!first) {
        return;
    }
    const firstText = dimensionText(unitDimension(first.unit), locale);
    for (const value of values) {
        if (!isQuantity(value) || value === first || (value.unit === undefined && /^0(\.0+)?$/.test(value.value))) {
            continue; // an unmarked 0 fits any unit
        }
        const text = dimensionText(unitDimension(value.unit), locale);
        if (text !== firstText) {
            report('mixed-units', { first: firstText, other: text }, { node: value });
        }
    }
}

/** A rate's amounts by the case in one unit, kronor's period or occasion too: `420 kr/h` and `180 kr per insats` differ. */
function requireSameUnit(report: Report, locale: MessageLocale, values: ReadonlyArray<unknown>): void {
    const quantities = values.filter((value): value is Quantity => isQuantity(value) && value.unit !== undefined);
    const first = quantities[0];
    if (!first) {
        return;
    }
    const firstText = dimensionText(unitDimension(first.unit), locale);
    for (const value of quantities.slice(1)) {
        const text = dimensionText(unitDimension(value.unit), locale);
        if (text !== firstText) {
            report('rate-units-differ', { first: firstText, other: text }, { node: value });
        }
    }
}

function requireWhole<N extends AstNode>(report: Report, node: N, property: keyof N & string, what: string): void {
    const value = node[property];
    if (typeof value === 'string' && !isWholeDecimal(value)) {
        report('not-a-whole-number', { what, value: swedishDecimal(value) }, { node, property: property as never });
    }
}
