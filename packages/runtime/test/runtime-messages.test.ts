import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
    FORMAT_VIOLATION_KEYWORDS, formatViolationText, RegelrattRuntimeError, RUNTIME_ERROR_CODES, RUNTIME_MESSAGES, runtimeError,
    type RuntimeMessageArgs, type RuntimeMessageKey,
} from '../src/index.js';

// Names and figures stand in for what a policy gives; they belong to neither language.
const both = { sv: 'Q', en: 'Q' };
const SAMPLES: { [K in RuntimeMessageKey]: RuntimeMessageArgs<K> } = {
    'calculation-cycle': { name: 'X' },
    'formula-reads-level-without-service': {},
    'division-by-zero': { expression: 'X / Y' },
    'attribute-not-a-number': { name: 'X' },
    'level-not-whole': { level: '1.5' },
    'not-in-force': { name: 'X', date: '2026-01-01' },
    'rate-without-amount': { name: 'X' },
    'rate-no-amount-for-case': { name: 'X', values: 'Y' },
    'rate-needs-case': { name: 'X' },
    'reads-level-without-level': { name: 'X' },
    'example-without-date': { dated: 'fee' },
    'question-without-date': { dated: 'calculation', name: 'X' },
    'pilot-without-date': { name: 'X', from: '2026-01-01', to: '2026-12-31' },
    'case-date-invalid': { value: '"2026-02-30"' },
    'case-level-invalid': { value: '-1' },
    'unknown-duty-event': { value: '"X"', events: 'Q' },
    'event-date-invalid': { value: '"2026-02-30"' },
    'unknown-obligation': { reference: 'X' },
    'deadline-in-hours': { name: 'X', amount: 48 },
    'unknown-attributes': { names: ['X', 'Y'], rest: 3, total: 5 },
    'unknown-attribute': { name: 'X' },
    'case-without-citizen': {},
    'case-without-date': {},
    'case-without-level': {},
    'unknown-comparison': { op: '"~"' },
    'too-many-pathways': { count: 3, names: ['X', 'Y', 'Z'] },
    'pathways-not-allowed-together': { names: ['X', 'Y'] },
    'table-column-needed': { table: 'X', columns: ['Y', 'Z'] },
    'table-no-column': { table: 'X', column: 'Y' },
    'table-open-value': { column: 'Y', row: 2, table: 'X' },
    'table-cell-is-pathway': { column: 'Y', row: 2 },
    'table-cell-not-a-number': { column: 'Y', row: 2, value: 'V' },
    'table-answers-list': { table: 'X' },
    'no-matching-row': { table: 'X' },
    'rows-disagree': { table: 'X', rows: [1, 2] },
    'rows-not-unique': { table: 'X', rows: [1, 2] },
    'priority-tie': { table: 'X', rows: [1, 2] },
    'unknown-element': { kind: 'decisionTable', reference: 'X' },
    'unknown-rate': { reference: 'X' },
    'no-eligibility-rule': { name: 'X' },
    'outside-limit': { name: 'X', value: '9.5', unit: 'h', limit: 'X' },
    'parameter-without-value': { name: 'X', date: '2026-01-01' },
    'rate-without-version': { name: 'X', date: '2026-01-01' },
    'level-table-without-level': { table: 'X', level: 4 },
    'level-table-open-amount': { table: 'X', level: 4 },
    'fee-without-room': { name: 'X' },
    'fee-needs-level': { name: 'X', list: 'shares' },
    'fee-unknown-level': { name: 'X', list: 'caps', level: 4 },
    'fee-open-amount': { name: 'X', list: 'amounts', level: 4 },
    'value-outside-domain': { name: 'X', value: '7', domain: both },
    'wrong-value-type': { name: 'X', value: '"Q"', expected: { sv: 'ett heltal', en: 'a whole number' } },
    'missing-value': { name: 'X' },
    'schema-unsupported': { source: 'X.json', version: '9.0', supported: '1.0–1.6' },
    'file-too-deep': { source: 'X.json', path: '/a/b', limit: 1200 },
    'file-breaks-format': { source: 'X.json', path: '/a', violation: formatViolationText({ keyword: 'required', params: { missingProperty: 'id' } }) },
    'duplicate-id-same-file': { source: 'X.json', path: '/a', id: 'X', earlier: '/b' },
    'duplicate-id-stale-copy': { source: 'X.json', path: '/a', id: 'X', earlier: '/b' },
    'duplicate-id-other-file': { source: 'X.json', path: '/a', id: 'X', other: 'Y.json', earlier: '/b' },
    'unknown-reference': { source: 'X.json', path: '/a', id: 'X' },
    'wrong-reference-kind': { source: 'X.json', path: '/a', id: 'X' },
    'period-ends-before-start': { source: 'X.json', path: '/a', from: '2026-02-01', to: '2026-01-01' },
    'overlapping-versions': { source: 'X.json', path: '/a', name: 'X', date: '2026-01-01' },
    'duplicate-column': { source: 'X.json', path: '/a', column: 'X' },
    'row-width-inputs': { source: 'X.json', path: '/a', row: 2, table: 3 },
    'row-width-selectors': { source: 'X.json', path: '/a', row: 2, table: 3 },
    'row-width-outputs': { source: 'X.json', path: '/a', row: 2, table: 3 },
    'output-value-unlisted': { source: 'X.json', path: '/a', column: 'X' },
    'priority-without-values': { source: 'X.json', path: '/a' },
    'output-order-without-values': { source: 'X.json', path: '/a' },
    'empty-level-range': { source: 'X.json', path: '/a', from: 5, to: 2 },
    'empty-value-range': { source: 'X.json', path: '/a', min: '5', max: '2' },
    'duplicate-value': { source: 'X.json', path: '/a', value: 'X' },
    'duplicate-level': { source: 'X.json', path: '/a', level: 2 },
};

const keys = Object.keys(RUNTIME_MESSAGES) as RuntimeMessageKey[];
/** Every text the runtime can say, in one language: each message, each schema keyword's wording. */
const texts = (locale: 'sv' | 'en'): string[] => [
    ...keys.map(key => runtimeError(key, SAMPLES[key] as never).messageIn(locale)),
    ...[...FORMAT_VIOLATION_KEYWORDS, 'unknownKeyword'].map(keyword => formatViolationText({ keyword, params: { type: 'integer,boolean,null', missingProperty: 'X', additionalProperty: 'X', allowedValue: 'X' } })[locale]),
];

// Words of three letters or more; names the samples give (X, Y, Q) and figures are shorter or not words.
// The language's keywords a message quotes ('beviljas när') are the policy's words, not the message's.
const words = (text: string): string[] => text.replace(/'[^']*'/g, ' ').replace(/\([^)]*\)/g, ' ').toLowerCase().match(/[\p{L}]{3,}/gu) ?? [];
/** Words that are the same in both languages, or the format's own (schema, JSON Pointer, the command). */
const SHARED = new Set(['regelratt', 'compile', 'schemaversion', 'json', 'citizen', 'null', 'true', 'false', 'avgiftsutrymme',
    // Words both languages spell alike.
    'division', 'per', 'version', 'policy', 'hit', 'form']);

describe('the runtime speaks one language at a time', () => {
    test('every message has a sample, so every message is rendered below', () => {
        expect(Object.keys(SAMPLES).sort()).toEqual([...keys].sort());
    });

    test('a Swedish message has no word found only in the English ones, and an English message none found only in the Swedish ones', () => {
        const swedish = new Set(texts('sv').flatMap(words));
        const english = new Set(texts('en').flatMap(words));
        const onlySwedish = new Set([...swedish].filter(w => !english.has(w) && !SHARED.has(w)));
        const onlyEnglish = new Set([...english].filter(w => !swedish.has(w) && !SHARED.has(w)));
        // The lists are the catalogue's own, so they must be long enough to catch a message in the wrong language.
        expect(onlySwedish.size).toBeGreaterThan(100);
        expect(onlyEnglish.size).toBeGreaterThan(100);
        const mixed: string[] = [];
        for (const text of texts('sv')) {
            const foreign = words(text).filter(w => onlyEnglish.has(w));
            if (foreign.length > 0) mixed.push(`sv: ${text} (${foreign.join(', ')})`);
        }
        for (const text of texts('en')) {
            const foreign = words(text).filter(w => onlySwedish.has(w));
            if (foreign.length > 0) mixed.push(`en: ${text} (${foreign.join(', ')})`);
        }
        expect(mixed).toEqual([]);
    });

    test('an English message has no å, ä or ö beyond the Swedish terms it explains', () => {
        // A Swedish word the Swedish messages never use would pass the word lists; its letters do not.
        const explained = /avgiftsutrymme/g;
        expect(texts('en').filter(text => /[åäöÅÄÖ]/.test(text.replace(explained, '').replace(/'[^']*'/g, '').replace(/\([^)]*\)/g, '')))).toEqual([]);
    });

    test('the words that belong to both languages are few and each is used in both', () => {
        const swedish = new Set(texts('sv').flatMap(words));
        const english = new Set(texts('en').flatMap(words));
        // A word in both lists by accident would hide a mixed message; each listed shared word must earn its place.
        for (const word of SHARED) {
            expect(swedish.has(word) || english.has(word), `${word} is used by no message`).toBe(true);
        }
        const common = [...swedish].filter(w => english.has(w) && !SHARED.has(w));
        expect(common).toEqual([]);
    });

    test('each message belongs to its code, and every code has a message', () => {
        for (const key of keys) {
            expect(RUNTIME_ERROR_CODES).toContain(runtimeError(key, SAMPLES[key] as never).code);
        }
        const used = new Set(keys.map(key => RUNTIME_MESSAGES[key].code));
        expect(RUNTIME_ERROR_CODES.filter(code => !used.has(code))).toEqual([]);
    });

    test('an error gives its message in either language, Swedish by default and as its JSON', () => {
        const error = runtimeError('no-matching-row', { table: 'Bedömning' }, { table: 'decisionTable/bedömning' });
        expect(error).toBeInstanceOf(RegelrattRuntimeError);
        expect(error.message).toBe('Ingen rad i Bedömning gäller för fallet.');
        expect(error.messageIn('en')).toBe('No row of Bedömning holds for the case.');
        expect(error.answerIn('en')).toEqual({ code: 'no-matching-row', message: 'No row of Bedömning holds for the case.', details: { table: 'decisionTable/bedömning' } });
        expect(JSON.parse(JSON.stringify(error))).toEqual({ code: 'no-matching-row', message: 'Ingen rad i Bedömning gäller för fallet.', details: { table: 'decisionTable/bedömning' } });
    });

    test('no runtime source writes an error\'s text outside the catalogue', () => {
        const dir = join(__dirname, '../src');
        const offenders = readdirSync(dir).filter(f => f.endsWith('.ts') && f !== 'runtime-error.ts')
            .filter(f => /new RegelrattRuntimeError\(/.test(readFileSync(join(dir, f), 'utf8')));
        expect(offenders).toEqual([]);
    });
});
