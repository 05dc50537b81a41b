import type { AttributeType, Literal } from '../generated/ast.js';
import { isBooleanLiteral, isBooleanType, isDateLiteral, isDateType, isDecimalType, isEnumerationLiteral, isEnumerationType, isIntegerType, isMoneyType, isNumberLiteral } from '../generated/ast.js';
import type { MessageLocale } from '@regelratt/analyses';
import { swedishDecimal } from '@regelratt/analyses';

/** How messages name an attribute's type, with its domain where that helps. */
export function describeAttributeType(type: AttributeType, locale: MessageLocale): string {
    const sv = locale === 'sv';
    if (isIntegerType(type) || isDecimalType(type)) {
        const range = `${type.range?.min !== undefined ? swedishDecimal(type.range.min) : '…'}–${type.range?.max !== undefined ? swedishDecimal(type.range.max) : '…'}${type.unit ? ` ${type.unit}` : ''}`;
        return isIntegerType(type) ? (sv ? `ett heltal (${range})` : `a whole number (${range})`) : (sv ? `ett decimaltal (${range})` : `a decimal (${range})`);
    }
    if (isBooleanType(type)) {
        return sv ? 'ja/nej' : 'yes/no';
    }
    if (isEnumerationType(type)) {
        const values = type.values.map(v => v.name).join(', ');
        return sv ? `en uppräkning (${values})` : `an enumeration (${values})`;
    }
    if (isDateType(type)) {
        return sv ? 'ett datum' : 'a date';
    }
    if (isMoneyType(type)) {
        return sv ? 'ett belopp' : 'an amount of money';
    }
    return '?';
}

export function describeLiteral(literal: Literal, locale: MessageLocale): string {
    const sv = locale === 'sv';
    if (isNumberLiteral(literal)) {
        return `${sv ? 'talet' : 'the number'} ${swedishDecimal(literal.value)}${literal.unit ? ` ${literal.unit}` : ''}`;
    }
    if (isDateLiteral(literal)) {
        return `${sv ? 'datumet' : 'the date'} ${literal.value}`;
    }
    if (isBooleanLiteral(literal)) {
        return literal.value;
    }
    if (isEnumerationLiteral(literal)) {
        return `'${literal.value.$refText}'`;
    }
    return '?';
}
