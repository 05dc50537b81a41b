import { describe, expect, test } from 'vitest';
import { canonicalDecimal, compareDecimals, swedishDecimal } from '@regelratt/language';

describe('exact decimal text', () => {
    test.each([
        ['0', '0'], ['007', '7'], ['337,50', '337.5'], ['12 440', '12440'], ['-0,0', '0'], ['-1,250', '-1.25'], ['0,10', '0.1'],
    ])('canonical form of %s is %s', (input, canonical) => {
        expect(canonicalDecimal(input)).toBe(canonical);
    });

    test.each([
        ['1', '2', -1], ['2', '1', 1], ['1.5', '1.50', 0], ['-1.5', '-1.25', -1], ['0.1', '0.09', 1], ['100', '99.999', 1],
        ['12345678901234567890.1', '12345678901234567890.01', 1],
    ])('compares %s with %s', (a, b, sign) => {
        expect(compareDecimals(a, b)).toBe(sign);
    });

    test.each([['9676', '9 676'], ['337.5', '337,5'], ['-1013', '−1 013'], ['101', '101'], ['1080', '1 080']])('writes %s as %s', (decimal, written) => {
        expect(swedishDecimal(decimal)).toBe(written);
    });
});
