import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { exportDmn } from '../packages/cli/src/dmn/export-dmn.js';
import { dmnAttributes, dmnPolicy } from '../packages/cli/src/dmn/write-dmn.js';
import { readDmn } from './dmn/dmn-evaluator.js';
import { compiledExampleSet, repository } from './example-sets.js';

/**
 * The DMN file committed beside Habo's rules (level from visits, fee from level) is what the export
 * writes now: a change to the rules or to the export that is not regenerated
 * (`node packages/cli/scripts/example-dmn.mjs`) fails here.
 */
describe('the committed example DMN file', () => {
    test('examples/habo/hemtjänst.dmn is up to date', async () => {
        const files = await compiledExampleSet('habo');
        const file = files.find(f => f.source === 'hemtjänst.regel')!;
        const exported = exportDmn(file, dmnAttributes(files))!;
        const committed = readFileSync(path.join(repository, 'examples/habo/hemtjänst.dmn'), 'utf8');
        expect(committed, 'run node packages/cli/scripts/example-dmn.mjs').toBe(exported.xml);
        expect(exported.decisions).toBe(3);
    });
});

/**
 * Jönköping's fee for help at home as the page reads it, two decisions in a chain (hours → level,
 * level and fee basis → the fee, a formula over the fee basis): its DMN files
 * are what the export writes now, and the chain is there as DMN's decision requirements.
 */
describe('the committed DMN files of examples/jonkoping', () => {
    test.each(['hjalp-i-hemmet', 'lov-ersattning'])('examples/jonkoping/%s.dmn is up to date', async name => {
        const files = await compiledExampleSet('jonkoping');
        const file = files.find(f => f.source === `${name}.regel`)!;
        const exported = exportDmn(file, dmnPolicy(files))!;
        const committed = readFileSync(path.join(repository, `examples/jonkoping/${name}.dmn`), 'utf8');
        expect(committed, 'run node packages/cli/scripts/example-dmn.mjs').toBe(exported.xml);
    });

    test('the fee table requires the level, and its formulas are FEEL', async () => {
        const read = await readDmn(readFileSync(path.join(repository, 'examples/jonkoping/hjalp-i-hemmet.dmn'), 'utf8'));
        const byVariable = (variable: string) => read.decisions.find(d => d.variable === variable)!;
        expect(read.decisions.map(d => d.variable)).toEqual(['hjälpnivå', 'hjälpavgift']);
        expect(byVariable('hjälpavgift').requiredDecisions).toEqual([`#${byVariable('hjälpnivå').id}`]);
        expect(byVariable('hjälpavgift').inputs.map(input => input.expression)).toEqual(['avgiftsutrymme', 'hjälpnivå']);
        expect(byVariable('hjälpavgift').rules.map(rule => rule.outputEntries[0])).toEqual([
            '0', '0', 'round half up(min((303 + (avgiftsutrymme * 0.25)), 1824, 2089), 0)', 'round half up(min((426 + (avgiftsutrymme * 0.3)), 2089), 0)', 'null',
        ]);
    });
});
