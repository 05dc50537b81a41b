import type { ValidationChecks } from 'langium';
import type { Attribute, CitizenValue, Comparison, Literal, RegelrattAstType } from '../generated/ast.js';
import { isBooleanType, isDecimalType, isEnumerationType, isIntegerType, isMoneyType, isNumberLiteral } from '../generated/ast.js';
import type { RegelrattServices } from '../regelratt-module.js';
import { compareDecimals, swedishDecimal } from '@regelratt/analyses';
import { describeAttributeType, describeLiteral } from './attribute-type-text.js';
import { isNumericType, literalFits } from './literal-fits.js';
import { createReport, type Report } from './report.js';

const EQUALITY = new Set(['=', '≠', '!=']);

/** A criterion compares an attribute only with values of the attribute's own type, unit and domain. */
export function criterionTypeChecks(services: RegelrattServices): ValidationChecks<RegelrattAstType> {
    const locale = services.i18n.Locale;
    return {
        Comparison: (comparison, accept) => {
            // Half-typed text can leave the attribute out; the parser has said so.
            const attribute = comparison.attribute?.ref;
            if (!attribute?.type) {
                return;
            }
            const report = createReport(accept, locale);
            const mismatch = (value: string, property?: 'value' | 'members' | 'range', index?: number) => report('type-mismatch', {
                attribute: attribute.name,
                type: describeAttributeType(attribute.type, locale.current),
                value,
            }, { node: comparison as Comparison, property, index });

            const bare = !comparison.operator && !comparison.range && comparison.members.length === 0;
            if (bare) {
                if (!isBooleanType(attribute.type)) {
                    mismatch(locale.current === 'sv' ? 'ja (som ett ja/nej-villkor)' : 'yes (as a yes/no condition)');
                }
                return;
            }
            if (comparison.range) {
                if (!isNumericType(attribute.type)) {
                    mismatch(`${swedishDecimal(comparison.range.min)}–${swedishDecimal(comparison.range.max)}`, 'range');
                }
                return;
            }
            if (comparison.value) {
                const orderedOperator = !EQUALITY.has(comparison.operator ?? '=');
                if (orderedOperator && (isBooleanType(attribute.type) || isEnumerationType(attribute.type))) {
                    mismatch(`${comparison.operator} ${describeLiteral(comparison.value, locale.current)}`, 'value');
                    return;
                }
                checkLiteral(comparison, attribute, comparison.value, report, mismatch, 'value');
            }
            comparison.members.forEach((member, index) => checkLiteral(comparison, attribute, member, report, mismatch, 'members', index));
        },
        // An example's citizen gives each attribute a value of its type, as `=` in a criterion would.
        CitizenValue: (given, accept) => {
            // `för { a = x, = y }` while typing: no attribute or no value yet; the parser has said so.
            const attribute = given.attribute?.ref;
            if (!attribute?.type || !given.value) {
                return;
            }
            const report = createReport(accept, locale);
            const mismatch = (value: string) => report('type-mismatch', {
                attribute: attribute.name,
                type: describeAttributeType(attribute.type, locale.current),
                value,
            }, { node: given, property: 'value' });
            checkLiteral(given, attribute, given.value, report, mismatch, 'value');
        },
    };

    function checkLiteral(
        comparison: Comparison | CitizenValue, attribute: Attribute, literal: Literal, report: Report,
        mismatch: (value: string, property?: 'value' | 'members', index?: number) => void,
        property: 'value' | 'members', index?: number,
    ): void {
        const type = attribute.type;
        if (!literalFits(type, literal)) {
            mismatch(describeLiteral(literal, locale.current), property, index);
            return;
        }
        if (!isNumberLiteral(literal)) {
            return;
        }
        if (isMoneyType(type)) {
            if (literal.unit !== 'kr') {
                if (literal.unit) {
                    report('wrong-unit', { expected: 'kr', actual: literal.unit }, { node: comparison as Comparison, property, index });
                } else {
                    report('missing-unit', { value: swedishDecimal(literal.value), expected: 'kr' }, { node: comparison as Comparison, property, index });
                }
            }
            // An amount (income, housing cost) is never below zero, in the runtime as in the analyses.
            if (literal.value !== undefined && compareDecimals(literal.value, '0') < 0) {
                report('value-outside-domain', {
                    value: swedishDecimal(literal.value),
                    attribute: attribute.name,
                    domain: locale.current === 'sv' ? '0 kr eller mer' : '0 kr or more',
                }, { node: comparison as Comparison, property, index });
            }
            return;
        }
        if ((isIntegerType(type) || isDecimalType(type))) {
            if (literal.unit && literal.unit !== type.unit) {
                report('wrong-unit', { expected: type.unit ?? (locale.current === 'sv' ? 'ett tal utan enhet' : 'a number without unit'), actual: literal.unit }, { node: comparison as Comparison, property, index });
            }
            // A range half-typed without a bound has no domain to check against yet.
            if (type.range?.min !== undefined && type.range.max !== undefined && literal.value !== undefined
                && (compareDecimals(literal.value, type.range.min) < 0 || compareDecimals(literal.value, type.range.max) > 0)) {
                report('value-outside-domain', {
                    value: swedishDecimal(literal.value),
                    attribute: attribute.name,
                    domain: `${swedishDecimal(type.range.min)}–${swedishDecimal(type.range.max)}`,
                }, { node: comparison as Comparison, property, index });
            }
        }
    }
}
