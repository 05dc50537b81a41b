import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalDecimal, compareDecimals, swedishDecimal } from '@regelratt/language';
import { kronorText } from '@regelratt/analyses';

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

    // The fast paths (a whole number already canonical; short decimals compared as doubles) against
    // the exact arithmetic they stand in for: BigInt over the digits, scaled to one point position.
    const decimalText = fc.tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,20}$/), fc.option(fc.stringMatching(/^[0-9]{1,12}$/)))
        .map(([negative, integer, fraction]) => `${negative ? '-' : ''}${integer}${fraction === null ? '' : `.${fraction}`}`);
    const exactSign = (a: string, b: string): number => {
        const parts = (d: string) => { const [i, f = ''] = d.replace('-', '').split('.'); return { negative: d.startsWith('-'), i, f }; };
        const [x, y] = [parts(a), parts(b)];
        const scale = Math.max(x.f.length, y.f.length);
        const value = (p: typeof x) => (p.negative ? -1n : 1n) * BigInt(p.i + p.f.padEnd(scale, '0'));
        const difference = value(x) - value(y);
        return difference < 0n ? -1 : difference > 0n ? 1 : 0;
    };

    test('compares exactly, short and long text alike', () => {
        fc.assert(fc.property(decimalText, decimalText, (a, b) => {
            const [ca, cb] = [canonicalDecimal(a), canonicalDecimal(b)];
            expect(compareDecimals(ca, cb)).toBe(exactSign(a, b));
            expect(compareDecimals(ca, ca)).toBe(0);
        }), { numRuns: 20_000, seed: 7 });
        // Neighbours at the edge of a double's precision: 15 digits apart by one in the last place.
        expect(compareDecimals('99999999999999.9', '99999999999999.8')).toBe(1);
        expect(compareDecimals('0.0000000000001', '0.0000000000002')).toBe(-1);
        expect(compareDecimals('999999999999999', '999999999999998')).toBe(1);
        // Past it, doubles coincide: these must take the exact path.
        expect(compareDecimals('12345678901234567', '12345678901234568')).toBe(-1);
        expect(compareDecimals('1234567890123456.1', '1234567890123456.2')).toBe(-1);
        expect(compareDecimals('9007199254740993', '9007199254740992')).toBe(1);
    });

    test('gives whole numbers their canonical form whatever path they take', () => {
        fc.assert(fc.property(fc.stringMatching(/^-?[0-9]{1,25}$/), digits => {
            expect(canonicalDecimal(digits)).toBe(BigInt(digits).toString());
        }), { numRuns: 20_000, seed: 7 });
    });
});

describe('kronorText: an amount in a message', () => {
    test('exact with at most two decimals, öre padded to two', () => {
        expect(kronorText('-5000', 'sv')).toBe('−5 000 kr');
        expect(kronorText('337.5', 'sv')).toBe('337,50 kr');
        expect(kronorText('337.5', 'en')).toBe('337.50 kr');
    });
    test('about, to the öre, where the runtime gives more decimals', () => {
        expect(kronorText('2660.0533333333', 'sv')).toBe('cirka 2 660,05 kr');
        expect(kronorText('2660.0533333333', 'en')).toBe('about 2660.05 kr');
    });
    test('an amount under an öre keeps two significant digits, never reads as zero', () => {
        expect(kronorText('-0.0016666667', 'sv')).toBe('cirka −0,0017 kr');
        expect(kronorText('0.0000123', 'en')).toBe('about 0.000012 kr');
    });
});
