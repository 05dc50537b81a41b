import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { exportDmn } from '../packages/cli/src/dmn/export-dmn.js';
import { dmnAttributes } from '../packages/cli/src/dmn/write-dmn.js';
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
