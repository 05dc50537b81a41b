import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * A register on a terminal: `eval` and `diff --register` show how far they have come on standard
 * error (a line that rewrites itself), and only there: a register piped to a file gets no progress
 * text, and the answers on standard output are the same either way. Run through the command line's
 * `main` with the terminal flag set, since a test's standard error is no terminal.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = pathToFileURL(path.join(repository, 'packages/cli/dist/regelratt.bundle.cjs')).href;
const policy = path.join(repository, 'examples/jonkoping/hjalp-i-hemmet.regel');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-progress-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// Past the 50 000 lines from which progress is shown.
const LINES = 50_001;
const register = path.join(scratch, 'register.ndjson');
writeFileSync(register, Array.from({ length: LINES }, (_, i) => JSON.stringify({ id: String(i), date: '2019-03-01', citizen: { timmar_per_månad: i % 20, avgiftsutrymme: (i % 50) * 100 } })).join('\n') + '\n');

function run(args: string[], terminal: boolean) {
    const script = `const { main } = require(${JSON.stringify(fileURLToPath(bundle))});
main(${JSON.stringify(args)}, { stdout: process.stdout, stderr: process.stderr, cwd: ${JSON.stringify(scratch)}, stderrIsTerminal: ${terminal}, colour: false }).then(code => { process.exitCode = code; });`;
    const result = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, REGELRATT_THREADS: '1' } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('progress of a register on a terminal', () => {
    test('eval: the lines answered so far, rewritten in place, on a terminal only; the answers the same', () => {
        const shown = run(['eval', policy, '--input', register], true);
        expect(shown.code, shown.stderr).toBe(0);
        expect(shown.stderr).toMatch(/\r50\u00a0001 rader…\n$/);
        const piped = run(['eval', policy, '--input', register], false);
        expect(piped.stderr).toBe('');
        expect(piped.stdout).toBe(shown.stdout);
        expect(piped.stdout.trimEnd().split('\n')).toHaveLength(LINES);
    }, 120_000);

    test('diff --register: the cases answered so far, on a terminal only', () => {
        const shown = run(['diff', policy, policy, '--register', register], true);
        expect(shown.code, shown.stderr).toBe(0);
        expect(shown.stderr).toContain('\rFall besvarade: 50\u00a0000');
        const piped = run(['diff', policy, policy, '--register', register], false);
        expect(piped.stderr).not.toContain('Fall besvarade');
        expect(piped.stdout).toBe(shown.stdout);
    }, 120_000);
});
