import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * Example coverage follows an example through calculations and fees to the decision tables they
 * read: an example that asks Habo's fee for a citizen with no visits covers the table's `besök = 0`
 * row, as an example asking the table itself would. And a table that declares its levels is split
 * over those levels only.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-coverage-formulas-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const coverage = (folder: string) => spawnSync(process.execPath, [bin, 'test', folder, '--coverage'], { cwd: repository, encoding: 'utf8' });

describe('example coverage through formulas', () => {
    test('Habo: the examples of hemtjänstavgift cover the rows of omvårdnad they reach, besök = 0 among them', () => {
        const result = coverage('examples/habo');
        expect(result.status).toBe(0);
        expect(result.stdout).toContain('beslutstabell omvårdnad: 4 av 4 regioner.');
        expect(result.stdout).not.toContain('besök_per_vecka 0 besök');
    });

    test('examples of a calculation at a level cover the levels of the table it reads; a table declaring nivåer 1–3 has no region for nivå 0', () => {
        const folder = path.join(scratch, 'nivåer');
        mkdirSync(folder);
        writeFileSync(path.join(folder, 'p.regel'), `beslutstabell andel "Andel per nivå" {
    nivåer 1–3
    | nivå || andel |
    | 1    || 70 %  |
    | 2    || 80 %  |
    | 3    || 90 %  |
}
beräkning kostnad "Kostnad" = andel × 1 000 kr
exempel ett {
    datum 2024-01-01  beräkning kostnad nivå 1
    förväntat 700 kr
}
exempel tre {
    datum 2024-01-01  beräkning kostnad nivå 3
    förväntat 900 kr
}
`);
        const result = coverage(folder);
        expect(result.stderr).not.toMatch(/fel:/);
        expect(result.stdout).toContain('beslutstabell andel: 2 av 3 regioner; utan exempel:\n  nivå = 2\n');
        expect(result.stdout).not.toMatch(/nivå 0\b/);
    });
});
