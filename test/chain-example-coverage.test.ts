import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { checkPolicies, compilePolicy, createRegelrattServices, exampleCoverage } from '@regelratt/language';

/**
 * Example coverage follows chained decisions: an example that asks the fee (downstream) for a
 * citizen covers the row of the level table (upstream) that citizen reaches and the fee's row for
 * that level; a row of a chained table no example reaches is an uncovered region like any other,
 * named by the upstream's attributes and the level it gives.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixture = readFileSync(path.join(repository, 'test/fixtures/kedja/omvardnad-kedja.regel'), 'utf8');
const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function coverageOf(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/kedja/a.regel', text }]);
    expect(checked.diagnostics.filter(d => d.severity === 'error').map(d => d.message)).toEqual([]);
    const compiled = JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')));
    const result = exampleCoverage([compiled], 'sv');
    const of = (name: string) => result.criteria.find(entry => entry.element.name === name);
    return { result, of };
}

/** Removes one inline example (its whole block) from the fixture. */
const without = (text: string, ...names: string[]) => names.reduce((t, name) => t.replace(new RegExp(`exempel ${name} [^]*?\\n}\\n`), ''), text);

describe('example coverage through chained decisions', () => {
    test('the fixture\'s examples, asking the fee, cover every row of both tables', async () => {
        const { of } = await coverageOf(fixture);
        const level = of('omvårdnadsnivå');
        const fee = of('omvårdnadsavgift');
        expect(level!.regions.length).toBe(4);
        expect(fee!.regions.length).toBe(4);
        expect(fee!.regions.filter(region => region.examples.length === 0).map(region => region.witness.text)).toEqual([]);
        expect(level!.regions.filter(region => region.examples.length === 0).map(region => region.witness.text)).toEqual([]);
        // The fee's example of three visits reaches level 1 upstream and the fee's row for level 1.
        expect(level!.regions.some(region => region.examples.includes('tre_besök'))).toBe(true);
        expect(fee!.regions.filter(region => region.examples.includes('tre_besök')).length).toBe(1);
    });

    test('a row of the chained table no example reaches is uncovered, its citizen given by the upstream\'s attributes', async () => {
        const { of } = await coverageOf(without(fixture, 'tio_besök', 'tjugo_besök'));
        const uncoveredFee = of('omvårdnadsavgift')!.regions.filter(region => region.examples.length === 0);
        expect(uncoveredFee.map(region => region.witness.text)).toEqual([expect.stringMatching(/besök_per_vecka 7–20 besök.*nivå = 2|nivå = 2.*besök_per_vecka 7–20 besök/)]);
        // The example asks only for what the citizen gives: the visits, not the level.
        expect(Object.keys(uncoveredFee[0].witness.example)).toEqual(['besök_per_vecka']);
        const uncoveredLevel = of('omvårdnadsnivå')!.regions.filter(region => region.examples.length === 0);
        expect(uncoveredLevel.map(region => region.witness.text)).toEqual(['besök_per_vecka 7–20 besök']);
    });

    test('where both tables read an attribute, a region no citizen reaches is not listed, and a middle table passes the chain on', async () => {
        // u gives 1 exactly for x 0–4: d's row for level 1 with x >= 5 is reached by no citizen.
        const { of } = await coverageOf(`
egenskap x : heltal 0–9
beslutstabell u {
    | x    || nivå |
    | < 5  || 1    |
    | >= 5 || 2    |
}
beslutstabell m {
    | u.nivå || steg |
    | 1      || 10   |
    | 2      || 20   |
}
beslutstabell d {
    | m.steg | x    || svar |
    | 10     | < 5  || 1    |
    | 10     | >= 5 || 2    |
    | 20     | -    || 3    |
}
exempel liten { beslut enligt d.svar för { x = 2 }  förväntat 1 }
`);
        const regions = of('d')!.regions;
        expect(regions.map(region => [region.witness.text, region.examples])).toEqual([
            [expect.stringMatching(/m\.steg = 10.*x 0–4/), ['liten']],
            [expect.stringMatching(/m\.steg = 20.*x 5–9/), []],
        ]);
        expect(regions[1].witness.example).toEqual({ x: '5' });
        // The example reaches the middle and the first table too.
        expect(of('m')!.regions.map(region => region.examples)).toEqual([['liten'], []]);
        expect(of('u')!.regions.map(region => region.examples)).toEqual([['liten'], []]);
    });
});
