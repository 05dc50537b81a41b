import { describe, expect, test } from 'vitest';
import { compiledExampleSet, exampleSets } from './example-sets.js';
import { EmptyFileSystem } from 'langium';
import type { CompiledPolicyFile } from '@regelratt/format';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { compareWithRuntime } from './dmn/dmn-harness.js';
import { COMPARED_ATTRIBUTES } from './dmn/compared-attributes.js';

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

/**
 * Cells compared with another attribute of the case (`< gräns`, `2–gräns`, `≠ tak`) are DMN input
 * entries naming the other input; the decision requires that input, and feelin evaluates the test
 * with it in scope. Held to the runtime on random citizens of small domains (so many sit on the bound).
 */
describe('cells compared with another input in the exported DMN answer as the runtime (dmn-moddle and feelin)', () => {
    test('every form of such a cell, under unik and första', async () => {
        const { Regelratt } = createRegelrattServices(EmptyFileSystem);
        const checked = await checkPolicies(Regelratt, [{ path: '/dmn/jämförda.regel', text: COMPARED_ATTRIBUTES }]);
        expect(checked.flatMap(c => c.diagnostics.filter(d => d.severity === 'error').map(d => d.message))).toEqual([]);
        const files = checked.map(c => JSON.parse(JSON.stringify(compilePolicy(c.document.parseResult.value, 'jämförda.regel'))) as CompiledPolicyFile);
        const agreed = await compareWithRuntime(files, 20_261_205, 400);
        console.log(`DMN export of cells compared with another input: ${agreed.decisions} decisions, ${agreed.random} random citizens agreed`);
        expect(agreed.decisions).toBe(2);
        expect(agreed.random).toBe(800);
    });
});
