import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * A register is answered in constant memory: `eval` and `diff --register` answer 150 000 cases with
 * a JavaScript heap of 40 MB. The answers alone are 47 MB of text, which held at once do not fit in
 * that heap (a script that keeps them runs out of memory), so the runs show that answers are written
 * or added up as they come. One thread, so the heap limit is the whole run's (workers have heaps of
 * their own).
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const policy = path.join(repository, 'examples/jonkoping/hjalp-i-hemmet.regel');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-register-memory-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const LINES = 150_000;
const register = path.join(scratch, 'register.ndjson');
writeFileSync(register, Array.from({ length: LINES }, (_, i) => JSON.stringify({ id: String(i), date: '2019-03-01', citizen: { timmar_per_månad: i % 20, avgiftsutrymme: (i % 50) * 100 } })).join('\n') + '\n');
const HEAP_MB = 40;

function run(args: string[]) {
    const answers = path.join(scratch, 'answers.ndjson');
    const result = spawnSync('/bin/sh', ['-c', `"$0" --max-old-space-size=${HEAP_MB} "$@" > "${answers}"`, process.execPath, bin, ...args],
        { encoding: 'utf8', env: { ...process.env, REGELRATT_THREADS: '1' } });
    return { code: result.status, stderr: result.stderr, answers };
}

describe('a register in constant memory', () => {
    test(`eval answers ${LINES} cases with a ${HEAP_MB} MB heap, one answer line per case`, () => {
        const result = run(['eval', policy, '--input', register]);
        expect(result.code, result.stderr).toBe(0);
        const size = statSync(result.answers).size;
        expect(size).toBeGreaterThan(HEAP_MB * 1024 * 1024);
        const lines = spawnSync('wc', ['-l', result.answers], { encoding: 'utf8' }).stdout.trim().split(' ')[0];
        expect(Number(lines)).toBe(LINES);
    }, 180_000);

    test(`diff --register compares ${LINES} cases with a ${HEAP_MB} MB heap`, () => {
        const result = run(['diff', policy, policy, '--register', register, '--format', 'json']);
        expect(result.code, result.stderr).toBe(0);
    }, 180_000);
});
