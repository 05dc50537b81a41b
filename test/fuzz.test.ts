import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * A bounded fuzz run with fixed seeds on every test run (npm run fuzz runs as many as asked):
 * mutated example policies through parse, checks, analyses, compile, schema and runtime, with no
 * internal error, no crash, no schema break and no input over a second.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('the fuzzer, bounded', () => {
    test.each([1, 2026])('seed %i: 600 mutated policies, no failure of any kind', seed => {
        const run = spawnSync(process.execPath, [path.join(repository, 'test/fuzz/fuzz.mjs'), '--count', '600', '--seed', String(seed)], { cwd: repository, encoding: 'utf8', timeout: 240_000 });
        expect(run.stdout.match(/^FAIL .*$/gm) ?? [], run.stdout).toEqual([]);
        expect(run.stdout).toContain('600 passed, 0 failed');
        expect(run.status).toBe(0);
    });
});
