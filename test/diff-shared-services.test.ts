import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { parseArguments } from '../packages/cli/src/arguments.js';
import { compileInMemory } from '../packages/cli/src/compile-in-memory.js';
import { loadWorkspace, type SharedServices } from '../packages/cli/src/load-workspace.js';
import { writeHaboRevision } from './bench/habo-revision.mjs';

/**
 * `diff` and `kompatibilitet` load the second version into the language's services of the first
 * (Langium's parser is built once): what the second version compiles to and what its check says
 * must not depend on what was loaded before it, imported library files included.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-shared-services-'));
const haboRevision = writeHaboRevision(path.join(scratch, 'habo-revision'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** An input by name: an example folder, or `habo-revision` (Habo's 2017 revision, written to the scratch folder). */
async function load(name: string, shared?: SharedServices) {
    const parsed = parseArguments(['check', name === 'habo-revision' ? haboRevision : name]);
    if (!parsed.ok) {
        throw new Error(parsed.problem.en);
    }
    const loaded = await loadWorkspace(parsed.options, repository, shared);
    if (!loaded.ok) {
        throw new Error(loaded.problems.map(p => p.message).join('; '));
    }
    return { files: compileInMemory(loaded.workspace), diagnostics: loaded.workspace.diagnostics, services: loaded.workspace.services };
}

describe('a version loaded after another into the same services', () => {
    test.each([
        ['examples/habo', 'habo-revision'],
        ['examples/orebro', 'examples/orebro-revision'],
        ['examples/orebro', 'habo-revision'],
        ['habo-revision', 'examples/orebro'],
    ])('%s, then %s: the same compiled files and findings as loaded alone', async (first, second) => {
        const shared: SharedServices = {};
        const before = await load(first, shared);
        const after = await load(second, shared);
        expect(after.services).toBe(before.services);
        const alone = await load(second);
        expect(alone.services).not.toBe(before.services);
        expect(after.files).toEqual(alone.files);
        expect(after.diagnostics).toEqual(alone.diagnostics);
        // And the first version's compiled files were taken before the second replaced its documents.
        expect(before.files).toEqual((await load(first)).files);
    }, 120_000);
});
