import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * The shipped JSON Schema is read by validators in every consumer's language (Python, Java, .NET,
 * SQL tools), whose regular expressions differ: its patterns keep to the subset JSON Schema
 * recommends for interoperability (ECMA-262 without Unicode property escapes, lookaround,
 * backreferences, named groups or shorthand classes whose meaning varies, such as \d and \w).
 */
const schemaPath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../schema/compiled-policy.schema.json');

function patterns(node: unknown, found: string[] = []): string[] {
    if (Array.isArray(node)) {
        node.forEach(item => patterns(item, found));
    } else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
            if (key === 'pattern' && typeof value === 'string') {
                found.push(value);
            } else {
                patterns(value, found);
            }
        }
    }
    return found;
}

describe('the JSON Schema\'s patterns', () => {
    const all = patterns(JSON.parse(readFileSync(schemaPath, 'utf8')));

    test('exist (the check has something to check)', () => {
        expect(all.length).toBeGreaterThan(3);
    });

    test.each(all)('%s keeps to the interoperable subset', pattern => {
        expect(pattern).not.toMatch(/\\[pP]\{/);
        expect(pattern).not.toMatch(/\(\?<?[=!]/);
        expect(pattern).not.toMatch(/\(\?</);
        expect(pattern).not.toMatch(/\\[1-9kdDwWbB]/);
        expect(() => new RegExp(pattern)).not.toThrow();
        expect(() => new RegExp(pattern, 'u')).not.toThrow();
    });
});
