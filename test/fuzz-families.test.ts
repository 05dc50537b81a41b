import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * A short run of every fuzzer family (test/fuzz/families/, docs/fuzzing.md) with a fixed seed on
 * every test run: the command line, workspaces, the language server, the service and `eval` as
 * processes under a watchdog, tampered compiled JSON, scale extremes, Unicode and line endings.
 * Each count is the least that reaches what the family is there for (each command, each kind of
 * extreme text, /dev/zero as an input, a workspace holding a flood of comments).
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const RUNS: Array<[family: string, count: number]> = [
    ['cli', 8], ['workspace', 10], ['lsp', 4], ['serve', 100], ['eval', 6], ['compiled', 4], ['scale', 4], ['unicode', 5],
];

describe('the fuzzer\'s families, bounded', () => {
    test.each(RUNS)('%s: %i inputs, seed 1, no failure of any kind', (family, count) => {
        const run = spawnSync(process.execPath, [path.join(repository, 'test/fuzz/fuzz.mjs'), '--family', family, '--count', String(count), '--seed', '1', '--quiet'],
            { cwd: repository, encoding: 'utf8', timeout: 900_000 });
        expect(run.stdout.match(/^FAIL .*$/gm) ?? [], run.stdout + run.stderr).toEqual([]);
        expect(run.stdout).toContain(`fuzz ${family}: ${count} inputs in`);
        expect(run.stdout).toContain('0 kinds of failure');
        expect(run.status).toBe(0);
    }, 900_000);
});
