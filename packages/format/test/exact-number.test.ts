import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ExactNumber, type Rounding } from '@regelratt/format';

const wholeKronor: Rounding = { unit: 'krona', mode: 'half-away-from-zero' };
const n = (text: string) => ExactNumber.parse(text);

describe('exact numbers', () => {
    test('the seed\'s therapist table: halves away from zero, from unrounded figures', () => {
        // Row 11: no support before, 3 h at 337,50 kr: −1 012,5 → −1 013; six months −6 075.
        const monthly = n('0').subtract(n('3').multiply(n('337.5')));
        expect(monthly.toDecimal()).toBe('-1012.5');
        expect(monthly.round(wholeKronor).toDecimal()).toBe('-1013');
        expect(monthly.multiply(n('6')).round(wholeKronor).toDecimal()).toBe('-6075');
        // Row 7: 11 058 − 0 − 0,3 × 337,50 = 10 956,75 → 10 957; × 6 = 65 740,5 → 65 741.
        const row7 = n('11058').subtract(n('0.3').multiply(n('337.5')));
        expect(row7.round(wholeKronor).toDecimal()).toBe('10957');
        expect(row7.multiply(n('6')).round(wholeKronor).toDecimal()).toBe('65741');
        // Row 5: 2 910 − 2,95 × 337,50 = 1 914,375 → 1 914 (the cost shown rounded, 996, is not used).
        expect(n('2910').subtract(n('2.95').multiply(n('337.5'))).round(wholeKronor).toDecimal()).toBe('1914');
    });

    test('maxtaxa 2021 is 0,5392 × 47 600 / 12 = 2 138,826… exactly until rounded', () => {
        const ceiling = n('0.5392').multiply(n('47600')).divide(n('12'));
        expect(ceiling.toDecimal(4)).toBe('2138.8267');
        expect(ceiling.round(wholeKronor).toDecimal()).toBe('2139');
        expect(ceiling.round({ unit: 'öre', mode: 'half-away-from-zero' }).toDecimal()).toBe('2138.83');
    });

    test.each([
        ['2.5', 'half-away-from-zero', '3'], ['-2.5', 'half-away-from-zero', '-3'],
        ['2.5', 'half-up', '3'], ['-2.5', 'half-up', '-2'],
        ['2.5', 'half-even', '2'], ['3.5', 'half-even', '4'], ['-2.5', 'half-even', '-2'],
        ['2.7', 'down', '2'], ['-2.7', 'down', '-2'], ['2.1', 'up', '3'], ['-2.1', 'up', '-3'], ['2', 'up', '2'],
    ] as const)('%s rounded %s is %s', (value, mode, expected) => {
        expect(n(value).round({ unit: 'krona', mode }).toDecimal()).toBe(expected);
    });

    test('arithmetic agrees with integer arithmetic on scaled values', () => {
        fc.assert(fc.property(fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }), (a, b) => {
            const x = ExactNumber.of(a, 100n);
            const y = ExactNumber.of(b, 100n);
            expect(x.add(y).equals(ExactNumber.of(a + b, 100n))).toBe(true);
            expect(x.multiply(y).equals(ExactNumber.of(a * b, 10_000n))).toBe(true);
            expect(x.compare(y)).toBe(a < b ? -1 : a > b ? 1 : 0);
            if (b !== 0n) {
                expect(x.divide(y).multiply(y).equals(x)).toBe(true);
            }
            expect(ExactNumber.parse(x.toDecimal()).equals(x)).toBe(true);
        }), { numRuns: 500, seed: 7 });
    });
});
