import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * bin/code-cache.js: the command line's own V8 code cache, on every Node (it holds the functions a
 * run compiled lazily, which Node's compile cache does not). Driven directly here, so it is tested whichever Node runs the
 * tests: the first run writes the cache, the next one uses it as it is, a damaged cache is rejected
 * by V8 and written anew, and the command works every time.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const temporary = mkdtempSync(path.join(tmpdir(), 'regelratt-code-cache-test-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

const loader = pathToFileURL(path.join(repository, 'packages/cli/bin/code-cache.js')).href;
const bundle = pathToFileURL(path.join(repository, 'packages/cli/dist/regelratt.bundle.cjs')).href;
// One file that imports nothing: a copy of the bundle elsewhere has no library beside it (examples/jonkoping has two files now).
const script = `
const { loadWithCodeCache } = await import(${JSON.stringify(loader)});
const { main } = loadWithCodeCache(new URL(${JSON.stringify(bundle)}));
process.exitCode = await main(['check', ${JSON.stringify(path.join(repository, 'examples/jonkoping/lov-ersattning.regel'))}], { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), stderrIsTerminal: false, colour: false });
`;
const run = () => spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: temporary }, encoding: 'utf8' });
const cacheFiles = () => readdirSync(temporary).filter(f => f.startsWith('regelratt-code-cache'))
    .flatMap(folder => readdirSync(path.join(temporary, folder)).filter(f => f.endsWith('.bin')).map(f => path.join(temporary, folder, f)));

describe('the command line\'s own code cache', () => {
    test('is written by a first run, used as it is by the next, and written anew when damaged', () => {
        const first = run();
        expect(first.status, first.stderr).toBe(0);
        expect(cacheFiles()).toHaveLength(1);
        const [cache] = cacheFiles();
        const written = readFileSync(cache);
        expect(written.length).toBeGreaterThan(100_000);
        const mode = statSync(path.dirname(cache)).mode & 0o777;
        expect(mode).toBe(0o700);

        const second = run();
        expect(second.status, second.stderr).toBe(0);
        expect(second.stdout).toBe(first.stdout);
        // Accepted: not written again.
        expect(readFileSync(cache).equals(written)).toBe(true);

        writeFileSync(cache, Buffer.alloc(written.length, 7));
        const damaged = run();
        expect(damaged.status, damaged.stderr).toBe(0);
        expect(damaged.stdout).toBe(first.stdout);
        // Rejected by V8 and replaced by a good one.
        expect(readFileSync(cache).equals(Buffer.alloc(written.length, 7))).toBe(false);
        expect(cacheFiles()).toHaveLength(1);
    });

    test('is kept per command, so a first --help does not decide what a later check finds compiled', () => {
        const folder = mkdtempSync(path.join(temporary, 'commands-'));
        const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
        const files = () => readdirSync(folder).filter(f => f.startsWith('regelratt-code-cache'))
            .flatMap(cache => readdirSync(path.join(folder, cache)).filter(f => f.endsWith('.bin')));
        const command = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: repository, env: { ...process.env, TMPDIR: folder }, encoding: 'utf8' });
        expect(command('--help').status).toBe(0);
        expect(files()).toHaveLength(1);
        expect(command('check', 'examples/habo').status).toBe(0);
        expect(files()).toHaveLength(2);
        expect(command('check', 'examples/habo').status).toBe(0);
        expect(files()).toHaveLength(2);
    });

    test('is not used for a rebuilt bundle of the same length', () => {
        // V8 checks cached data against the source's length only, so a bundle rewritten to the same
        // length must get a cache of its own, or it would run the old bundle's compiled functions.
        const folder = mkdtempSync(path.join(temporary, 'rebuilt-'));
        const copy = path.join(folder, 'regelratt.bundle.cjs');
        const original = readFileSync(fileURLToPath(bundle), 'utf8');
        writeFileSync(copy, original);
        const copyScript = script.replace(JSON.stringify(bundle), JSON.stringify(pathToFileURL(copy).href));
        const runCopy = () => spawnSync(process.execPath, ['--input-type=module', '-e', copyScript], { env: { ...process.env, TMPDIR: folder }, encoding: 'utf8' });
        for (const run of [runCopy(), runCopy()]) {
            expect(run.stderr).toContain('fil kontrollerad');
        }
        const rebuilt = original.replaceAll('one: "kontrollerad"', 'one: "GRANSKAD!!!!"');
        expect(rebuilt).not.toBe(original);
        expect(rebuilt.length).toBe(original.length);
        writeFileSync(copy, rebuilt);
        const after = runCopy();
        expect(after.status, after.stderr).toBe(0);
        expect(after.stderr).toContain('fil GRANSKAD!!!!');
    });

    test('is pruned when written: other bundles\' caches older than a week or beyond the newest 8 go, the current one and others\' files stay', () => {
        const folder = mkdtempSync(path.join(temporary, 'pruned-'));
        const caches = path.join(folder, `regelratt-code-cache${typeof process.getuid === 'function' ? `-${process.getuid()}` : ''}`);
        mkdirSync(caches, { mode: 0o700 });
        const day = 24 * 60 * 60;
        const now = Date.now() / 1000;
        const place = (name: string, ageSeconds: number) => {
            writeFileSync(path.join(caches, name), 'x');
            utimesSync(path.join(caches, name), now - ageSeconds, now - ageSeconds);
        };
        const key = (n: number) => n.toString(16).padStart(32, '0');
        place(`${key(1)}.bin`, 30 * day); // an earlier version's name, a month old
        place(`${key(2)}-check.bin`, 8 * day); // another bundle, older than a week
        for (let n = 10; n < 20; n++) {
            place(`${key(n)}-check.bin`, n * 60); // ten others from the last hours: the newest 8 stay
        }
        place(`${key(3)}-check.bin.4242.tmp`, 2 * 60 * 60); // left by a killed run
        place(`${key(4)}-check.bin.4243.tmp`, 60); // another run writing now
        place('anteckningar.txt', 30 * day); // not the cache's
        const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: folder }, encoding: 'utf8' });
        expect(result.status, result.stderr).toBe(0);
        const left = readdirSync(caches).sort();
        const written = left.filter(name => statSync(path.join(caches, name)).size > 100_000);
        expect(written).toHaveLength(1);
        expect(left).toEqual([...written, ...Array.from({ length: 8 }, (_, i) => `${key(10 + i)}-check.bin`), `${key(4)}-check.bin.4243.tmp`, 'anteckningar.txt'].sort());
    });

    test('is not used with REGELRATT_NO_CODE_CACHE', () => {
        const folder = mkdtempSync(path.join(temporary, 'off-'));
        const off = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TMPDIR: folder, REGELRATT_NO_CODE_CACHE: '1' }, encoding: 'utf8' });
        expect(off.status, off.stderr).toBe(0);
        expect(readdirSync(folder)).toEqual([]);
    });
});
