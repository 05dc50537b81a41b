/**
 * Writes the DMN files committed beside the example sets (examples/habo/hemtjänst.dmn, examples/jonkoping/*.dmn) with the
 * built command, `regelratt compile --target dmn`. test/dmn-example.test.ts fails when a committed
 * file differs from what the export writes now; run this (after `npm run build`) to bring it up to date.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** The example sets with a DMN file beside them. */
const DMN_EXAMPLE_SETS = ['habo', 'jonkoping'];

for (const name of DMN_EXAMPLE_SETS) {
    const folder = path.join(repository, 'examples', name);
    const run = spawnSync(process.execPath, [path.join(repository, 'packages/cli/bin/regelratt.js'), 'compile', folder, '--target', 'dmn', '-o', folder], { stdio: 'inherit' });
    if (run.status !== 0) {
        process.exit(run.status ?? 1);
    }
}
