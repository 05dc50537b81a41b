import { describe, expect, test } from 'vitest';
import { shortestCycle } from '@regelratt/analyses';

/**
 * The cycle finder the calculation and decision-chain checks share, over any graph: over the AST in
 * the language package, and over compiled ids where only the compiled form is at hand.
 */
describe('shortestCycle', () => {
    const graph = (edges: Record<string, string[]>) => (node: string) => edges[node] ?? [];

    test('the shortest chain back to the start, start first and last', () => {
        // a → b → c → a and a → d → a: the shorter one is reported.
        expect(shortestCycle('a', graph({ a: ['b', 'd'], b: ['c'], c: ['a'], d: ['a'] }))).toEqual(['a', 'd', 'a']);
        expect(shortestCycle('a', graph({ a: ['b'], b: ['c'], c: ['a'] }))).toEqual(['a', 'b', 'c', 'a']);
        expect(shortestCycle('a', graph({ a: ['a'] }))).toEqual(['a', 'a']);
    });

    test('no chain where the start is not on a cycle, even when what it reads is', () => {
        expect(shortestCycle('a', graph({ a: ['b'], b: ['c'], c: ['b'] }))).toBeUndefined();
        expect(shortestCycle('a', graph({ a: ['b', 'c'], b: ['c'] }))).toBeUndefined();
    });
});
