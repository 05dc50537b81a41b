import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { ExactNumber } from '@regelratt/format';
import { JSON_LIMITS, JsonInputError, readJson } from '../packages/cli/dist/exact-json.js';

/**
 * The exact JSON reader against JSON.parse: the same values for every JSON text (numbers compared by
 * value, names in NFC), a refusal for every text JSON.parse refuses, and each number given to the
 * runtime as written.
 */
/** A value with every exact number as the double JSON.parse would have made of it. */
const asParsed = (value: unknown): unknown => {
    if (value instanceof ExactNumber) {
        return Number(value.toDecimal());
    }
    if (Array.isArray(value)) {
        return value.map(asParsed);
    }
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asParsed(item)]));
    }
    return value;
};
const withNfcNames = (value: unknown): unknown => {
    if (Array.isArray(value)) {
        return value.map(withNfcNames);
    }
    if (value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key.normalize('NFC'), withNfcNames(item)]));
    }
    return value;
};
const namesStayDistinct = (value: unknown): boolean => {
    if (Array.isArray(value)) {
        return value.every(namesStayDistinct);
    }
    if (value && typeof value === 'object') {
        const keys = Object.keys(value);
        return new Set(keys.map(key => key.normalize('NFC'))).size === keys.length && Object.values(value).every(namesStayDistinct);
    }
    return true;
};

describe('readJson', () => {
    test('reads every JSON text as JSON.parse does, numbers by value and names in NFC', () => {
        fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), fc.boolean(), (value, pretty) => {
            fc.pre(namesStayDistinct(value));
            const text = JSON.stringify(value, null, pretty ? 2 : undefined);
            expect(asParsed(readJson(text))).toEqual(withNfcNames(JSON.parse(text)));
        }), { numRuns: 2000 });
    });

    test('refuses what JSON.parse refuses, with a place, never another error', () => {
        const pieces = fc.constantFrom('{', '}', '[', ']', ',', ':', '"a"', '"\\u00e5"', '"\\x"', '1', '-', '0', '.5', 'e5', '1e', 'true', 'nul', ' ', '\n', '"', '\\', '\u0001', 'null');
        fc.assert(fc.property(fc.array(pieces, { maxLength: 12 }), parts => {
            const text = parts.join('');
            let expected: unknown;
            try {
                expected = JSON.parse(text);
            } catch {
                expect(() => readJson(text)).toThrow(JsonInputError);
                try {
                    readJson(text);
                } catch (error) {
                    expect((error as JsonInputError).code).toBe('invalid-json');
                    expect((error as JsonInputError).describe('sv')).toMatch(/^rad \d+, kolumn \d+: /);
                }
                return;
            }
            try {
                expect(asParsed(readJson(text))).toEqual(expected);
            } catch (error) {
                // JSON.parse keeps the last of a name given twice; the reader refuses it.
                expect((error as JsonInputError).describe?.('en')).toMatch(/occurs twice/);
            }
        }), { numRuns: 5000 });
    });

    test('a text that is not JSON is refused as such, even when a limit or a repeated name comes first', () => {
        const small = { ...JSON_LIMITS, digits: 5, text: 3, name: 3, members: 2 };
        const codeOf = (text: string) => {
            try {
                readJson(text, small);
            } catch (error) {
                return `${(error as JsonInputError).code} ${(error as JsonInputError).describe('en').split(':')[0]}`;
            }
            return 'read';
        };
        // The fuzzer's counterexample: an exponent beyond the limit, then a stray letter.
        expect(codeOf('0e5101e')).toBe('invalid-json line 1, column 7');
        expect(codeOf('{"a":1,"a":1')).toBe('invalid-json line 1, column 13');
        expect(codeOf('["abcd" 1]')).toBe('invalid-json line 1, column 9');
        expect(codeOf('[1,2,3,]')).toBe('invalid-json line 1, column 8');
        expect(codeOf('{"abcd":1}x')).toBe('invalid-json line 1, column 11');
        // Well-formed, the first problem is the one reported, at its own place.
        expect(codeOf('{"a":1,\n "a":123456,"abcd":1}')).toBe('duplicate-name line 2, column 2');
        expect(codeOf('[123456, "abcd"]')).toBe('field-too-long line 1, column 2');
        expect(codeOf('[1,2,3]')).toBe('too-many-members line 1, column 6');
        expect(codeOf('[1,2]')).toBe('read');
    });

    test('numbers: a double where it is the number written, the exact number otherwise', () => {
        expect(readJson('70')).toBe(70);
        expect(readJson('65.5')).toBe(65.5);
        expect(readJson('-0.000001')).toBe(-0.000001);
        expect(readJson('1e2')).toBe(100);
        expect(readJson('9007199254740991')).toBe(9007199254740991);
        for (const [written, exact] of [['9007199254740993', '9007199254740993'], ['99999999999999999999999', '99999999999999999999999'],
            ['65.0000000000000001', '65.0000000000000001'], ['1e-7', '0.0000001'], ['1.5e-3', '0.0015'], ['-2.5E+30', '-2500000000000000000000000000000'], ['0.1234567890123456', '0.1234567890123456']]) {
            const read = readJson(written);
            expect(read, written).toBeInstanceOf(ExactNumber);
            expect((read as ExactNumber).toDecimal(), written).toBe(exact);
        }
    });
});
