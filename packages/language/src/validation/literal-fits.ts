import type { AttributeType, Literal } from '../generated/ast.js';

/** Attribute types compared with plain numbers (and numeric ranges). */
export function isNumericType(type: AttributeType): boolean {
    return type.$type === 'IntegerType' || type.$type === 'DecimalType' || type.$type === 'MoneyType';
}

/** Whether a literal is a value of the attribute type at all: a number for numbers, a date for dates, and so on. */
export function literalFits(type: AttributeType, literal: Literal): boolean {
    switch (literal.$type) {
        case 'NumberLiteral': return isNumericType(type);
        case 'DateLiteral': return type.$type === 'DateType';
        case 'BooleanLiteral': return type.$type === 'BooleanType';
        case 'EnumerationLiteral': return type.$type === 'EnumerationType';
    }
}
