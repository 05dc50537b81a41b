import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Attribute } from '@regelratt/format';
import { attributeReader, readAttributeValue } from '../src/citizen.js';

/**
 * The reader built once per attribute has fast paths (a whole number as a JS number or as plain
 * digits); whatever it is given, it must answer exactly as readAttributeValue, the one definition of
 * reading a value: the same value (−0 is not 0) or the same typed error.
 */
const whole = (min: string, max: string): Attribute => ({ kind: 'attribute', id: 'attribute/antal', name: 'antal', domain: { type: 'integer', min, max } } as Attribute);

function outcome(read: () => unknown): unknown {
    try {
        return { value: read() };
    } catch (error) {
        return { error: (error as { code?: string }).code ?? String(error) };
    }
}

const raws: fc.Arbitrary<unknown> = fc.oneof(
    fc.integer({ min: -300, max: 300 }).map(String),
    fc.integer({ min: -300, max: 300 }),
    fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
    fc.constantFrom('-0', '0', '00', '007', '-007', '+7', ' 7', '7 ', '7,0', '7.0', '7.5', '1e3', '20 000', '7kr', '−7', '', '-', '0x10',
        '999999999999999', '9999999999999999', '-999999999999999', -0, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER, 2 ** 53, null, true, 'ja'),
    fc.stringMatching(/^-?[0-9]{0,17}$/),
);

describe('attributeReader answers as readAttributeValue', () => {
    test.each([['0', '200'], ['-50', '50'], ['-1000000000000000000', '1000000000000000000'], ['5', '5']])('a whole number %s–%s, any raw value', (min, max) => {
        const attribute = whole(min, max);
        const read = attributeReader(attribute);
        fc.assert(fc.property(raws, raw => {
            expect(outcome(() => read(raw))).toEqual(outcome(() => readAttributeValue(attribute, raw)));
        }), { numRuns: 2_000 });
    });

    test('plain digits take the fast path to the same number', () => {
        const read = attributeReader(whole('0', '200'));
        expect(read('17')).toBe(17);
        expect(read('0')).toBe(0);
        expect(Object.is(read('-0'), 0)).toBe(true);
        expect(outcome(() => read('201'))).toEqual({ error: 'value-outside-domain' });
    });
});
