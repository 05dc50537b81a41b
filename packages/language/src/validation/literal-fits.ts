import type { AttributeType, Literal } from '../generated/ast.js';

/** Attribute types compared with plain numbers (and numeric ranges). */
export function isNumericType(type: AttributeType | undefined): boolean {
    return type !== undefined && (type.$type === 'IntegerType' || type.$type === 'DecimalType' || type.$type === 'MoneyType');
}

/** Whether a literal is a value of the attribute type at all: a number for numbers, a date for dates, and so on. */
export function literalFits(type: AttributeType | undefined, literal: Literal | undefined): boolean {
    // Half-typed text (an attribute without its type, a comparison without its value) fits nothing; the parser has said why.
    if (!type || !literal) {
        return false;
    }
    switch (literal.$type) {
        case 'NumberLiteral': return isNumericType(type);
        case 'DateLiteral': return type.$type === 'DateType';
        case 'BooleanLiteral': return type.$type === 'BooleanType';
        case 'EnumerationLiteral': return type.$type === 'EnumerationType';
    }
}
