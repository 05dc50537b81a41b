import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * A bounded fuzz run with fixed seeds on every test run (npm run fuzz runs as many as asked):
 * policies generated from the grammar and mutated examples through parse, checks, analyses,
 * compile, schema, runtime and the language server's handlers, with no internal error, no crash,
 * no schema break and no input over a second (over four on a retry: the machine may be loaded);
 * and every failure found before, replayed.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('the fuzzer\'s regressions', () => {
    test('every saved failure passes every stage again', () => {
        const run = spawnSync(process.execPath, [path.join(repository, 'test/fuzz/fuzz.mjs'), '--replay', path.join(repository, 'test/fuzz/regressions')], { cwd: repository, encoding: 'utf8', timeout: 120_000 });
        expect(run.stdout.match(/^FAIL .*$/gm) ?? [], run.stdout + run.stderr).toEqual([]);
        expect(run.stdout).toMatch(/^replay: [1-9]\d* passed, 0 failed$/m);
        expect(run.status).toBe(0);
    });
});

describe('the fuzzer, bounded', () => {
    test.each([1, 2026])('seed %i: 600 generated and mutated policies, no failure of any kind', seed => {
        const run = spawnSync(process.execPath, [path.join(repository, 'test/fuzz/fuzz.mjs'), '--count', '600', '--seed', String(seed)], { cwd: repository, encoding: 'utf8', timeout: 240_000 });
        expect(run.stdout.match(/^FAIL .*$/gm) ?? [], run.stdout).toEqual([]);
        expect(run.stdout).toContain('600 passed, 0 failed');
        expect(run.status).toBe(0);
    });
});
