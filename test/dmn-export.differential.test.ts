import { describe, expect, test } from 'vitest';
import { compiledExampleSet, exampleSets } from './example-sets.js';
import { compareWithRuntime } from './dmn/dmn-harness.js';

/**
 * The exported DMN answers as the runtime does, for every example set: every decision of its DMN
 * files, read by dmn-moddle and evaluated with feelin (test/dmn/, independent of the runtime), for
 * the example citizen of every region of its criteria and for random citizens.
 */
describe('the exported DMN of every example set answers as the runtime (dmn-moddle and feelin)', () => {
    const agreed = { regions: 0, random: 0, decisions: 0 };

    test.each(exampleSets)('examples/%s', async name => {
        const result = await compareWithRuntime(await compiledExampleSet(name), name.length * 7919);
        agreed.decisions += result.decisions;
        agreed.regions += result.regions;
        agreed.random += result.random;
    });

    test('on how many inputs they agreed', () => {
        console.log(`DMN export of the example sets: ${agreed.decisions} decisions, ${agreed.regions} region citizens and ${agreed.random} random citizens agreed`);
        expect(agreed.decisions).toBeGreaterThan(10);
        expect(agreed.regions).toBeGreaterThan(50);
    });
});
