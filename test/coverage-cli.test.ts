import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * `regelratt test --coverage` on Örebro, whose coverage is known: the förloppsmodell's three
 * regions all have an example, one region of the dagrehab pilot and the whole second pilot have
 * none, every level with an amount is asked about. The ready-to-paste examples it prints are pasted
 * into a copy of the policy: they must parse, pass, and bring the coverage to 100 %.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-coverage-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'test', ...args], { cwd: repository, encoding: 'utf8' });

describe('regelratt test --coverage', () => {
    const result = run('examples/orebro', '--coverage');

    test('reports the known coverage of Örebro, region by region and level by level', () => {
        expect(result.status).toBe(0);
        expect(result.stdout).toContain('Täckning: 18 av 21 regioner och nivåer har ett exempel (85 %).');
        expect(result.stdout).toContain('förloppsmodell rehabiliterande_förlopp: 3 av 3 regioner.');
        expect(result.stdout).toContain('pilot dagrehab_hemrehab: 4 av 5 regioner; utan exempel:\n  motiverad_till_träning = nej');
        // `ärendetyp i { första_ansökan, utökning, uppföljning }` is one region: a choice's values join into one box.
        expect(result.stdout).toContain('pilot handläggare_och_arbetsterapeut: 0 av 2 regioner; utan exempel:\n  ärendetyp i { första_ansökan, utökning, uppföljning }');
        expect(result.stdout).toContain('nivåtabell hemvård_tätort: alla 11 nivåer med belopp har ett exempel.');
    });

    test('the suggested examples parse, pass, and cover what was missing', () => {
        const blocks = result.stdout.split('\n').filter(line => line.startsWith('    ')).map(line => line.slice(4)).join('\n');
        expect(blocks.match(/^exempel /gm)).toHaveLength(3);
        const copy = path.join(scratch, 'orebro');
        cpSync(path.join(repository, 'examples/orebro'), copy, { recursive: true });
        writeFileSync(path.join(copy, 'täckning.regel'), `${blocks}\n`);
        const after = spawnSync(process.execPath, [bin, 'test', copy, '--coverage'], { cwd: repository, encoding: 'utf8' });
        expect(after.stderr).toBe('');
        expect(after.stdout).toContain('Exempel: 36 gick igenom, 0 misslyckades');
        expect(after.stdout).toContain('Täckning: 21 av 21 regioner och nivåer har ett exempel (100 %).');
    });

    test('suggested names are numbered per element and never repeat one already pasted', () => {
        const names = (stdout: string) => [...stdout.matchAll(/^ {4}exempel (\S+)/gm)].map(m => m[1]);
        expect(names(result.stdout)).toEqual([
            'dagrehab_hemrehab_täckning_1',
            'handläggare_och_arbetsterapeut_täckning_1', 'handläggare_och_arbetsterapeut_täckning_2',
        ]);
        // Paste one suggestion of the second pilot, then everything the next run suggests.
        const blocks = result.stdout.split('\n').filter(line => line.startsWith('    ')).map(line => line.slice(4)).join('\n').split(/\n(?=exempel )/);
        const copy = path.join(scratch, 'orebro-twice');
        cpSync(path.join(repository, 'examples/orebro'), copy, { recursive: true });
        writeFileSync(path.join(copy, 'täckning.regel'), `${blocks[1]}\n`);
        const second = spawnSync(process.execPath, [bin, 'test', copy, '--coverage'], { cwd: repository, encoding: 'utf8' });
        expect(names(second.stdout)).toEqual([
            'dagrehab_hemrehab_täckning_1',
            'handläggare_och_arbetsterapeut_täckning_2',
        ]);
        const pasted = second.stdout.split('\n').filter(line => line.startsWith('    ')).map(line => line.slice(4)).join('\n');
        writeFileSync(path.join(copy, 'täckning-2.regel'), `${pasted}\n`);
        const third = spawnSync(process.execPath, [bin, 'test', copy, '--coverage'], { cwd: repository, encoding: 'utf8' });
        expect(third.stderr).toBe('');
        expect(third.stdout).toContain('Täckning: 21 av 21 regioner och nivåer har ett exempel (100 %).');
    });

    test('--min-coverage fails the run below the threshold (exit 1) and passes at it; JSON carries the figures', () => {
        const strict = run('examples/orebro', '--min-coverage', '90');
        expect(strict.status).toBe(1);
        expect(strict.stderr).toContain('Täckningen 85 % är lägre än --min-coverage 90 %.');
        expect(run('examples/orebro', '--min-coverage', '85').status).toBe(0);
        expect(run('examples/orebro', '--min-coverage', 'mycket').status).toBe(2);
        const json = JSON.parse(run('examples/orebro', '--coverage', '--format', 'json').stdout);
        expect(json.coverage.covered).toBe(18);
        expect(json.coverage.total).toBe(21);
        const pilot = json.coverage.criteria.find((c: { element: { name: string } }) => c.element.name === 'dagrehab_hemrehab');
        expect(pilot.regions.filter((r: { examples: string[] }) => r.examples.length === 0).map((r: { witness: { example: unknown } }) => r.witness.example))
            // The region is a maximal box (whoever is not motivated, whatever else holds); its example
            // still gives every attribute the pilot reads, so that the runtime answers it as it stands.
            .toEqual([{ motiverad_till_träning: 'nej', ålder: '0', kan_ta_sig_till_vårdcentral: 'ja', kognitiv_svikt: 'ja' }]);
    });
});
