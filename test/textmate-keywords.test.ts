import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GrammarAST, GrammarUtils } from 'langium';
import { describe, expect, test } from 'vitest';
import { RegelrattGrammar } from '../packages/language/dist/generated/grammar.js';

/**
 * The TextMate grammar (syntaxes/) is written by hand for its scopes; its keywords are derived here
 * from the Langium grammar, so a keyword added to the language and forgotten in the colouring fails.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const textMate = readFileSync(path.join(repository, 'syntaxes/regelratt.tmLanguage.json'), 'utf8');

/** Every word in an alternation `(a|b|…)` of the TextMate patterns. */
const coloured = new Set(
    [...textMate.matchAll(/"(?:match|begin)": "([^"]*)"/g)]
        .flatMap(match => [...match[1].matchAll(/\(([\p{L}|\\/]+)\)/gu)].flatMap(group => group[1].split('|')))
        .map(word => word.replace(/\\\\\//g, '/')),
);

const keywords = [...new Set(
    [...GrammarUtils.getAllReachableRules(RegelrattGrammar(), false)].flatMap(rule => [...streamKeywords(rule)]),
)].filter(keyword => /^[\p{L}/]+$/u.test(keyword)).sort();

function* streamKeywords(rule: GrammarAST.AbstractRule): Generator<string> {
    for (const node of [rule, ...iterate(rule)]) {
        if (GrammarAST.isKeyword(node)) {
            yield node.value;
        }
    }
}

function* iterate(node: object): Generator<object> {
    for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('$')) {
            continue;
        }
        for (const child of Array.isArray(value) ? value : [value]) {
            if (child && typeof child === 'object' && '$type' in child) {
                yield child;
                yield* iterate(child);
            }
        }
    }
}

/** Keywords coloured as part of a larger pattern rather than on their own, and the pattern that holds them. */
const inContext: Record<string, string> = {
    kap: '\\\\s+kap\\\\s+', // a law reference, `SoL 4 kap 1 §`
    kr: '(kr(?:/', // an amount, `337,50 kr/h`
    '/': 'kr(?:/(?:', // the period of an amount
};

describe('syntaxes/regelratt.tmLanguage.json', () => {
    test('finds the grammar\'s keywords', () => {
        expect(keywords).toContain('beräkning');
        expect(keywords.length).toBeGreaterThan(100);
    });

    test.each(keywords)('colours the keyword %s', keyword => {
        if (keyword in inContext) {
            expect(textMate).toContain(inContext[keyword]);
            return;
        }
        expect(coloured.has(keyword), `'${keyword}' is a keyword of the grammar but not coloured by the TextMate grammar`).toBe(true);
    });
});
