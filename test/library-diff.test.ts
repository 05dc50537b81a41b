import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * `diff` between versions of the national library (issue 25): the library folder itself between
 * two versions, and a policy against the same policy on a newer library, from sources and from
 * compiled folders (which carry their library under regelratt-bibliotek/). The newer version here
 * is a scratch copy, 2026.2, whose 2026 prisbasbelopp is 59 300 kr instead of 59 200 kr.
 *
 * By hand, 2026 (every factor unchanged; only the prisbasbelopp moves, by 100 kr):
 *   maxtaxa_hemtjänst      0,5392 × 59 200 / 12 = 2 660,0533… → 0,5392 × 59 300 / 12 = 2 664,5466…
 *   minimibelopp_ensamst.  1,4789 × 59 200 / 12 = 7 295,9066… → 1,4789 × 59 300 / 12 = 7 308,2308…
 * A fee of 100 % of the avgiftsutrymme, at most the maxtaxa, rounded down:
 *   inkomst 10 000 kr, boendekostnad 100 kr: 10 000 − 100 − 7 295,91 = 2 604,09 → 2 604 kr;
 *     after: 10 000 − 100 − 7 308,23 = 2 591,77 → 2 591 kr (−13: the higher minimibelopp leaves less room)
 *   inkomst 50 000 kr, boendekostnad 0 kr: the maxtaxa, 2 660 kr → 2 664 kr (+4)
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const shippedLibrary = path.join(repository, 'packages/language/library/nationellt');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-library-diff-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function regelratt(args: string[]) {
    const result = spawnSync(process.execPath, [bin, ...args], { cwd: scratch, encoding: 'utf8', env: { ...process.env, REGELRATT_DEBUG: '', NO_COLOR: '1' } });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of the shipped library as version `version`, with the 2026 prisbasbelopp replaced. */
function libraryVersion(version: string, prisbasbelopp2026: string): string {
    const folder = path.join(scratch, `nationellt-${version}`);
    cpSync(shippedLibrary, folder, { recursive: true });
    const file = path.join(folder, 'prisbasbelopp.regel');
    const text = readFileSync(file, 'utf8');
    const shipped = 'från 2026-01-01 till 2026-12-31 : 59 200 kr/år källa "SFS 2025:872"';
    expect(text).toContain(shipped);
    writeFileSync(file, text.replace(shipped, `från 2026-01-01 till 2026-12-31 : ${prisbasbelopp2026} källa "prövning av ${version}"`));
    writeFileSync(path.join(folder, 'bibliotek.json'), JSON.stringify({ ...JSON.parse(readFileSync(path.join(shippedLibrary, 'bibliotek.json'), 'utf8')), version }, null, 2));
    return folder;
}

/** A 2026 hemtjänst fee on the library: its avgiftsutrymme reads the minimibelopp, its cap is the maxtaxa. */
function policy(name: string, use: string): string {
    const folder = path.join(scratch, name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'avgift.regel'), `${use}
insats hemtjänst "Hemtjänst" enligt SoL2025 11 kap 1 §
egenskap inkomst "Inkomst efter skatt" : belopp per månad
egenskap boendekostnad "Boendekostnad" : belopp per månad
avgift hemtjänstavgift "Avgift för hemtjänst" {
    insats hemtjänst
    giltig från 2026-01-01 till 2026-12-31
    avgiftsutrymme inkomst − boendekostnad − minimibelopp_ensamstående
    andel 100 %
    maxtaxa maxtaxa_hemtjänst
    avrundning hela kronor, nedåt
}
`);
    return folder;
}

const bumped = libraryVersion('2026.2', '59 300 kr/år');
const same = libraryVersion('2026.1-kopia', '59 200 kr/år');
const before = policy('före', 'använd nationellt version "2026.1"');
const after = policy('efter', `använd "${path.relative(path.join(scratch, 'efter'), bumped)}"`);
const unchanged = policy('oförändrad', `använd "${path.relative(path.join(scratch, 'oförändrad'), same)}"`);

describe('diff between versions of the national library', () => {
    test('the library folder itself: the 2026 prisbasbelopp and every monthly amount built on it, in 2026 only', () => {
        const result = regelratt(['diff', shippedLibrary, bumped]);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(1);
        expect(result.stdout).toContain('Prisbasbelopp (parameter):\n  2026-01-01–2026-12-31: 59 200 kr/år → 59 300 kr/år (+100 kr/år)');
        expect(result.stdout).toContain('Maxtaxa per månad för hemtjänst och dagverksamhet (beräkning): beloppet ändras i 1 region');
        expect(result.stdout).toContain('2026-01-01: cirka 2 660,05 kr/mån → cirka 2 664,55 kr/mån)');
        expect(result.stdout).toContain('2026-01-01: cirka 7 295,91 kr/mån → cirka 7 308,23 kr/mån)');
        for (const calculation of ['Maxtaxa per månad för hemtjänst och dagverksamhet', 'Maxtaxa per månad för bostad i särskilt boende', 'Minimibelopp per månad för ensamstående', 'Minimibelopp per månad för var och en av sammanlevande']) {
            const entry = result.stdout.split('\n').findIndex(line => line.startsWith(`${calculation} (beräkning): `));
            expect(entry, calculation).toBeGreaterThanOrEqual(0);
            // One region, and it is the year 2026: no other year's amount moves.
            expect(result.stdout.split('\n')[entry + 1], calculation).toMatch(/^ {2}datum 2026-01-01–2026-12-31: cirka \+/);
        }
        // An unchanged copy (another version number, the same figures) changes no answer.
        const control = regelratt(['diff', shippedLibrary, same]);
        expect(control.stdout).not.toContain('Svaren ändras');
        expect(control.code).toBe(0);
    });

    test('a policy against the same policy on the newer library: the national figure that changed and what citizens pay', () => {
        expect(regelratt(['check', after]).code).toBe(0);
        const result = regelratt(['diff', before, after]);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(1);
        expect(result.stdout).toContain('2026-01-01–2026-12-31: 59 200 kr/år → 59 300 kr/år (+100 kr/år)');
        expect(result.stdout).toContain('Avgift för hemtjänst (avgift): beloppet ändras');
        expect(result.stdout).toContain('Inkomst efter skatt = 10 000, Boendekostnad = 100 (2026-01-01): 2 604 kr/mån → 2 591 kr/mån (−13 kr/mån)');
        expect(result.stdout).toContain('Inkomst efter skatt = 50 000, Boendekostnad = 0 (2026-01-01): 2 660 kr/mån → 2 664 kr/mån (+4 kr/mån)');
        const control = regelratt(['diff', before, unchanged]);
        expect(control.stdout).not.toContain('Svaren ändras');
        expect(control.code).toBe(0);
    });

    test('for people: amounts to the öre with their unit and marked as rounded, a citizen without facts said, no level for a fee without levels (issue 24)', () => {
        const library = regelratt(['diff', shippedLibrary, bumped]);
        // 0,5392 × 59 300 / 12 − 0,5392 × 59 200 / 12 = 4,4933…: shown to the öre and said to be about.
        expect(library.stdout).toContain('beloppet ändras i 1 region (exakt: alla 12 delar av medborgarna, nivåerna och datumen prövade), med cirka +4,49 kr/mån:');
        expect(library.stdout).toContain('  datum 2026-01-01–2026-12-31: cirka +4,49 kr/mån  (för alla medborgare, till exempel 2026-01-01: cirka 2 660,05 kr/mån → cirka 2 664,55 kr/mån)');
        expect(library.stdout).not.toMatch(/\d,\d{3,}/);
        expect(library.stdout).not.toContain('till exempel  (');
        const markdown = regelratt(['diff', shippedLibrary, bumped, '--format', 'markdown']);
        expect(markdown.stdout).toContain('| datum 2026-01-01–2026-12-31 | cirka +4,49 kr/mån | för alla medborgare, till exempel 2026-01-01: cirka 2 660,05 kr/mån → cirka 2 664,55 kr/mån |');
        const html = regelratt(['diff', shippedLibrary, bumped, '--format', 'html']);
        expect(html.stdout).toContain('för alla medborgare, till exempel 2026-01-01: cirka 2\u00a0660,05\u00a0kr/mån\u00a0→\u00a0cirka 2\u00a0664,55\u00a0kr/mån');
        expect(html.stdout).not.toMatch(/\d,\d{3,}/);
        const english = regelratt(['diff', shippedLibrary, bumped, '--lang', 'en']);
        expect(english.stdout).toContain('  date 2026-01-01–2026-12-31: about +4.49 kr/month  (every citizen, for example 2026-01-01: about 2,660.05 kr/month → about 2,664.55 kr/month)');

        // A fee without levels: no `nivå 0`; its amounts are kronor a month.
        const fee = regelratt(['diff', before, after]);
        expect(fee.stdout).toContain('  Inkomst efter skatt = 10 000, Boendekostnad = 100 (2026-01-01): 2 604 kr/mån → 2 591 kr/mån (−13 kr/mån)');
        expect(fee.stdout).toContain('med −13 kr/mån till +4 kr/mån');
        expect(fee.stdout).not.toContain('nivå 0');
        const feeMarkdown = regelratt(['diff', before, after, '--format', 'markdown']);
        expect(feeMarkdown.stdout).toContain('| Inkomst efter skatt = 10 000, Boendekostnad = 100 | 2026-01-01 | 2 604 kr/mån | 2 591 kr/mån | −13 kr/mån |');
        expect(feeMarkdown.stdout).not.toContain('nivå 0');
        const feeHtml = regelratt(['diff', before, after, '--format', 'html']);
        expect(feeHtml.stdout).toContain('<td>Inkomst efter skatt = 10\u00a0000, Boendekostnad = 100</td>');
        expect(feeHtml.stdout).not.toContain('nivå 0');
    });

    test('the same comparison between compiled folders, each carrying the library it was compiled with', () => {
        const compiledBefore = path.join(scratch, 'ut-före');
        const compiledAfter = path.join(scratch, 'ut-efter');
        expect(regelratt(['compile', before, '-o', compiledBefore]).code).toBe(0);
        expect(regelratt(['compile', after, '-o', compiledAfter]).code).toBe(0);
        const library = JSON.parse(readFileSync(path.join(compiledBefore, 'regelratt-bibliotek/nationellt/prisbasbelopp.json'), 'utf8')) as { source: string };
        expect(library.source).toBe('regelratt:nationellt@2026.1/prisbasbelopp.regel');
        const result = regelratt(['diff', compiledBefore, compiledAfter]);
        expect(result.stderr).toBe('');
        expect(result.code).toBe(1);
        expect(result.stdout).toContain('2026-01-01–2026-12-31: 59 200 kr/år → 59 300 kr/år (+100 kr/år)');
        expect(result.stdout).toContain('Inkomst efter skatt = 10 000, Boendekostnad = 100 (2026-01-01): 2 604 kr/mån → 2 591 kr/mån (−13 kr/mån)');
    });
});
