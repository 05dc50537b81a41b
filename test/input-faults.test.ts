import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * File-system faults while the command line collects and reads its inputs: each is exit 2 with a
 * Swedish message naming the path, never exit 3 and a stack. The tests run as root here, for whom
 * permissions do not fail: faults come from what root cannot read either (link loops, names too
 * long, a file where a folder should be, /dev/zero) or are injected (test/fixtures/preload).
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const failingReads = path.join(repository, 'test/fixtures/preload/failing-reads.cjs');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-input-faults-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function regelratt(args: string[], nodeArgs: string[] = [], env: NodeJS.ProcessEnv = {}) {
    const result = spawnSync(process.execPath, [...nodeArgs, bin, ...args], { cwd: scratch, encoding: 'utf8', timeout: 30_000, env: { ...process.env, REGELRATT_DEBUG: '', ...env } });
    expect(result.error, 'the command hung').toBeUndefined();
    expect(result.stdout + result.stderr).not.toMatch(/internt fel|\n\s+at .+:\d+:\d+/);
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function folder(name: string, files: Record<string, string> = { 'a.regel': 'område a\n' }): string {
    const at = path.join(scratch, name);
    mkdirSync(at, { recursive: true });
    for (const [file, text] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(at, file)), { recursive: true });
        writeFileSync(path.join(at, file), text);
    }
    return at;
}

describe('faults while collecting inputs', () => {
    test.each([['EACCES', 'behörighet saknas (EACCES)'], ['EIO', 'in- och utmatningsfel (EIO)']])('a subfolder that cannot be listed (%s) is exit 2, naming it', (code, words) => {
        folder('låst-mapp', { 'a.regel': 'område a\n', 'låst/b.regel': 'område b\n' });
        const result = regelratt(['check', 'låst-mapp'], ['--require', failingReads], { REGELRATT_TEST_FAILING_READ: `låst-mapp${path.sep}låst`, REGELRATT_TEST_FAILING_CODE: code });
        expect(result.code).toBe(2);
        expect(result.stdout).toBe(`låst-mapp/låst:1:1: fel: Kan inte läsa låst-mapp/låst: ${words}. [unreadable-file]\n`);
    });

    test('a policy file that is a link to itself is exit 2 (ELOOP), not silently left out', () => {
        const at = folder('länkslinga');
        symlinkSync('slinga.regel', path.join(at, 'slinga.regel'));
        const result = regelratt(['check', 'länkslinga']);
        expect(result.code).toBe(2);
        expect(result.stdout).toContain('länkslinga/slinga.regel:1:1: fel: Kan inte läsa länkslinga/slinga.regel: för många symboliska länkar i rad');
        expect(result.stdout).toContain('(ELOOP). [unreadable-file]');
    });

    test('a path through a file (ENOTDIR) and a name too long (ENAMETOOLONG) are exit 2, not "not found"', () => {
        folder('enkel');
        const long = `${'n'.repeat(300)}.regel`;
        const result = regelratt(['check', 'enkel/a.regel/b.regel', long]);
        expect(result.code).toBe(2);
        expect(result.stdout).toContain('enkel/a.regel/b.regel:1:1: fel: Kan inte läsa enkel/a.regel/b.regel: en del av sökvägen är en fil, inte en mapp (ENOTDIR). [unreadable-file]');
        expect(result.stdout).toContain(`Kan inte läsa ${long}: namnet är för långt (ENAMETOOLONG). [unreadable-file]`);
    });

    test('a file that fails while read (EIO) is exit 2, naming it', () => {
        folder('trasig-fil', { 'a.regel': 'område a\n', 'b.regel': 'område b\n' });
        const result = regelratt(['check', 'trasig-fil'], ['--require', failingReads], { REGELRATT_TEST_FAILING_READ: 'b.regel' });
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('trasig-fil/b.regel:1:1: fel: Kan inte läsa trasig-fil/b.regel: in- och utmatningsfel (EIO). [unreadable-file]\n');
    });
});

describe('symbolic links to folders', () => {
    test('a link to / and a link out of the input folder are not walked; a link loop inside ends; a link inside is read once', () => {
        const outside = folder('utanför', { 'fel.regel': 'detta är inte regelrätt\n' });
        const at = folder('länkar', { 'a.regel': 'område a\n', 'del/b.regel': 'område b\n' });
        symlinkSync('/', path.join(at, 'roten'));
        symlinkSync(outside, path.join(at, 'utåt'));
        symlinkSync('..', path.join(at, 'del', 'upp'));
        symlinkSync('del', path.join(at, 'samma'));
        const started = Date.now();
        const result = regelratt(['check', 'länkar']);
        expect(result.code).toBe(0);
        expect(result.stderr).toContain('2 filer kontrollerade: 0 fel, 0 varningar.');
        // Walking / took seconds; this is far from a measurement.
        expect(Date.now() - started).toBeLessThan(20_000);
    });
});

describe('inputs that are not regular files', () => {
    test('a policy file that is /dev/zero is stopped at the size limit, exit 2', () => {
        const at = folder('noll', {});
        symlinkSync('/dev/zero', path.join(at, 'noll.regel'));
        const result = regelratt(['check', 'noll/noll.regel', '--max-file-size', '1']);
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('noll/noll.regel:1:1: fel: Indata är större än gränsen 1,0 MB och lästes inte vidare. [file-too-large]\n');
    });

    test('a case for eval that is /dev/zero is stopped at the size limit, exit 2', () => {
        const result = regelratt(['eval', path.join(repository, 'examples/habo'), '--input', '/dev/zero', '--max-file-size', '1']);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('regelratt: /dev/zero: Indata är större än gränsen 1,0 MB och lästes inte vidare.');
        expect(result.stderr).not.toContain('ogiltig JSON');
    });

    // Found by the fuzzer's long run (eval family, seed 20261205): a register named .ndjson that is /dev/zero or a folder.
    test('a register for eval that is /dev/zero (no line ends) is stopped at one case\'s limit with its line, exit 2', () => {
        const at = folder('noll-register', {});
        symlinkSync('/dev/zero', path.join(at, 'register.ndjson'));
        const result = regelratt(['eval', path.join(repository, 'examples/habo'), '--input', 'noll-register/register.ndjson', '--max-file-size', '1']);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('regelratt: noll-register/register.ndjson: rad 1 är längre än gränsen 1,0 MB för ett fall (--max-file-size) och lästes inte vidare: ett register har ett fall per rad.');
    });

    test('a register for eval that is a folder is exit 2, said as a folder', () => {
        const at = folder('mapp-register', {});
        symlinkSync(scratch, path.join(at, 'register.ndjson'));
        const result = regelratt(['eval', path.join(repository, 'examples/habo'), '--input', 'mapp-register/register.ndjson']);
        expect(result.code).toBe(2);
        expect(result.stderr).toBe('regelratt: Kan inte läsa mapp-register/register.ndjson: det är en mapp, inte en fil (EISDIR).\n');
    });

    test('a register line longer than one case may be stops diff --register and eval at that line, after the lines before it', () => {
        const at = folder('lång-rad', {});
        const long = `{"citizen":{"x":"${'9'.repeat(1_200_000)}"}}`;
        writeFileSync(path.join(at, 'register.ndjson'), `{"citizen":{}}\n${long}\n{"citizen":{}}\n`);
        const evaluated = regelratt(['eval', path.join(repository, 'examples/habo'), '--input', 'lång-rad/register.ndjson', '--max-file-size', '1']);
        expect(evaluated.code).toBe(2);
        expect(evaluated.stderr).toContain('rad 2 är längre än gränsen 1,0 MB');
        const compared = regelratt(['diff', path.join(repository, 'examples/habo'), path.join(repository, 'examples/habo'), '--register', 'lång-rad/register.ndjson', '--max-file-size', '1']);
        expect(compared.code).toBe(2);
        expect(compared.stderr).toContain('lång-rad/register.ndjson: rad 2 är längre än gränsen 1,0 MB');
    });

    test('a compiled policy file that is /dev/zero is stopped at the size limit, exit 2', () => {
        const at = folder('kompilerad', { 'a.json': '{}' });
        rmSync(path.join(at, 'a.json'));
        symlinkSync('/dev/zero', path.join(at, 'a.json'));
        const result = regelratt(['kompatibilitet', 'kompilerad', 'kompilerad', '--max-file-size', '1']);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain('kompilerad: Den kompilerade policyn kan inte läsas: Indata är större än gränsen 1,0 MB och lästes inte vidare.');
    });
});
