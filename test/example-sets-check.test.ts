import * as path from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkedExampleSet, exampleSets } from './example-sets.js';

/**
 * Issue 25's "the example sets check clean": no example set under examples/ (but the deliberately
 * broken one) has an error, so `regelratt check examples/<set>` exits 0 for each; every inline example
 * passing is test/runtime-conformance.test.ts.
 */
describe('the example sets check clean', () => {
    test.each(exampleSets)('examples/%s has no error', async name => {
        const checked = await checkedExampleSet(name);
        const errors = checked.flatMap(c => c.diagnostics.filter(d => d.severity === 'error').map(d => `${path.basename(c.path)}:${d.line}: ${d.code}: ${d.message}`));
        expect(errors).toEqual([]);
    });
});
