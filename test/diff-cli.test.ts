import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

/**
 * `regelratt diff` as a reviewer runs it: the committed revision of Örebro (examples/orebro-revision:
 * a fee valid three more years, a new year's table, a tightened förlopp criterion; both take the national
 * amounts from the library) against
 * examples/orebro, in text, Markdown and JSON, in Swedish and English, and its exit codes.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'diff', ...args], { cwd: repository, encoding: 'utf8' });

describe('regelratt diff', () => {
    const text = run('examples/orebro', 'examples/orebro-revision');

    test('exits 1 when answers change, and names who gets which förlopp, with an example citizen', () => {
        expect(text.status).toBe(1);
        expect(text.stdout).toContain('Jämförelse av examples/orebro (före) med examples/orebro-revision (efter): Svaren ändras.');
        // Attributes, values and förlopp by their titles, as the document names them (JSON, for tools, keeps the names).
        expect(text.stdout).toContain('Förlopp i rehabiliterande arbetssätt (förloppsmodell): placeringen ändras för:\n'
            + '  Aktivitetsförmåga = redan hög; förväntas bli självständig, Kognitiv svikt = ja: Förlopp 1 → Förlopp 2  (till exempel Aktivitetsförmåga = redan hög; förväntas bli självständig, Kognitiv svikt = ja)');
    });

    test('an attribute whose type changes under a förloppsmodell: the model can change answers, and no internal error', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'regelratt-diff-type-'));
        try {
            writeFileSync(path.join(folder, 'före.regel'), 'egenskap a : heltal 0–10 år\nförloppsmodell o { förlopp o_x { när a < 5 } förlopp o_y { när a >= 5 } }\n');
            writeFileSync(path.join(folder, 'efter.regel'), 'egenskap a : ja/nej\nförloppsmodell o { förlopp o_x { när a } förlopp o_y { när inte a } }\n');
            const result = run(path.join(folder, 'före.regel'), path.join(folder, 'efter.regel'));
            expect(result.stderr).toBe('');
            expect(result.status).toBe(1);
            expect(result.stdout).toContain('o (förloppsmodell) (kan ändra svar):\n  läser a, vars typ har ändrats; vilka medborgare som får ett annat svar kan inte avgränsas');
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });

    test('reports a new year\'s table against last year\'s and a longer validity; the national library, taken in by both, is no change', () => {
        // Both versions take prisbasbelopp, maxtaxa and minimibelopp from the national library (`använd nationellt`),
        // so none of them is reported: the fee changes only in its validity, and its answers only from 2023.
        expect(text.stdout).toContain('jämförd med Ersättning hemvård per nivå, tätort:\n  nivå 4: 2 037 kr → 2 088 kr (+51 kr)');
        expect(text.stdout).toContain('Avgift för hemvård (avgift) (kan ändra svar):\n  giltighet: 2021-01-01–2022-12-31 → 2021-01-01–2025-12-31\n');
        // A runtime error as what it means, not its code.
        expect(text.stdout).toContain('Inkomst efter skatt = 0, Boendekostnad = 20 000, nivå 1 (2023-01-01): inget svar: reglerna gäller inte det datumet → inget svar: beloppet är inte angivet i reglerna');
        expect(text.stdout).not.toMatch(/\((2021|2022)-\d\d-\d\d\): /);
        expect(text.stdout).not.toContain('avgiftsutrymme:');
        expect(text.stdout).not.toContain('parameter prisbasbelopp');
        expect(text.stdout).not.toMatch(/minimibelopp|maxtaxa_|lag SoL/);
    });

    test('reports new parameter versions, a removed parameter and a calculation added', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'regelratt-diff-parameter-'));
        try {
            const before = path.join(folder, 'före');
            const after = path.join(folder, 'efter');
            cpSync(path.join(repository, 'examples/orebro'), before, { recursive: true });
            cpSync(path.join(repository, 'examples/orebro'), after, { recursive: true });
            writeFileSync(path.join(before, 'lokalt.regel'), 'parameter hemvårdstillägg "Hemvårdstillägg" : belopp {\n    från 2021-01-01 till 2021-12-31 : 100 kr\n}\nparameter gammal_andel "Gammal andel" : decimaltal {\n    från 2019-01-01 : 1,3546\n}\n');
            writeFileSync(path.join(after, 'lokalt.regel'), 'parameter hemvårdstillägg "Hemvårdstillägg" : belopp {\n    från 2021-01-01 till 2021-12-31 : 100 kr\n    från 2022-01-01 till 2022-12-31 : 120 kr\n}\nberäkning dubbelt_tillägg "Dubbelt tillägg" = hemvårdstillägg × 2\n');
            const result = run(before, after);
            expect(result.stderr).toBe('');
            expect(result.stdout).toContain('Hemvårdstillägg (parameter):\n  2022-01-01–2022-12-31: inget → 120 kr');
            expect(result.stdout).toContain('Gammal andel (parameter): borttagen.');
            expect(result.stdout).toContain('Dubbelt tillägg (beräkning): tillagd.');
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });

    test('names the warnings the new version gets and the old did not: a level that now pays less than the one below', () => {
        const folder = mkdtempSync(path.join(tmpdir(), 'regelratt-diff-'));
        try {
            cpSync(path.join(repository, 'examples/orebro-revision'), folder, { recursive: true });
            const file = path.join(folder, 'hemvard-ersattning.regel');
            writeFileSync(file, readFileSync(file, 'utf8').replace('    nivå 5 : 2 983 kr', '    nivå 5 : 1 983 kr'));
            const result = run('examples/orebro-revision', folder);
            expect(result.status).toBe(1);
            expect(result.stdout).toContain('  nivå 5: 2 983 kr → 1 983 kr (−1 000 kr)');
            expect(result.stdout).toMatch(/Nya varningar i den nya versionen:\n  .*hemvard-ersattning\.regel:\d+:\d+: Beloppet sjunker när nivån stiger: nivå 4 ger 2 088 kr men nivå 5 1 983 kr\. \[amount-decreases\]/);
        } finally {
            rmSync(folder, { recursive: true, force: true });
        }
    });

    test('a version against itself: the same answer for every citizen, exit 0', () => {
        const same = run('examples/orebro', 'examples/orebro');
        expect(same.status).toBe(0);
        expect(same.stdout).toMatch(/Samma svar för alla medborgare, nivåer och datum\.\n\n\d+ element jämförda\.\n$/);
    });

    test('--rev compares with a git revision (the committed files against themselves: the same)', () => {
        const git = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repository, encoding: 'utf8' });
        if (git.status !== 0) {
            console.warn('\n*** not a git checkout: --rev was NOT tested here ***\n');
        }
        expect(git.status, 'the tests run in a git checkout').toBe(0);
        const result = run('--rev', 'HEAD', 'examples/habo');
        expect(result.stderr).toBe('');
        expect(result.stdout).toContain('Jämförelse av HEAD:examples/habo (före) med examples/habo (efter)');
        expect(result.status).toBe(0);
        const missing = run('--rev', 'finns-inte-123', 'examples/habo');
        expect(missing.status).toBe(2);
        expect(missing.stderr).toContain("revisionen 'finns-inte-123' finns inte i git-arkivet.");
        // From a folder below the repository's root: paths are the user's, relative to where they stand
        // (git itself reads a pathspec relative to the current folder, and found nothing there before).
        const below = spawnSync(process.execPath, [bin, 'diff', '--rev', 'HEAD', 'habo'], { cwd: path.join(repository, 'examples'), encoding: 'utf8' });
        expect(below.stderr).toBe('');
        expect(below.stdout).toContain('Jämförelse av HEAD:habo (före) med habo (efter)');
        expect(below.status).toBe(0);
    });

    test('Markdown for a pull request, JSON for tools, English on request', () => {
        const markdown = run('examples/orebro', 'examples/orebro-revision', '--format', 'markdown');
        expect(markdown.stdout).toContain('## Förlopp i rehabiliterande arbetssätt (förloppsmodell)');
        expect(markdown.stdout).toContain('| Aktivitetsförmåga = redan hög; förväntas bli självständig, Kognitiv svikt = ja | Förlopp 1 | Förlopp 2 |');
        expect(markdown.stdout).toContain('| nivå 4 | 2 037 kr | 2 088 kr | +51 kr |');
        const json = JSON.parse(run('examples/orebro', 'examples/orebro-revision', '--format', 'json').stdout);
        expect(json.answersChange).toBe(true);
        const placement = json.entries.find((e: { change: string; element: { kind: string } }) => e.change === 'answers' && e.element.kind === 'pathwayModel');
        expect(placement.regions).toEqual([{ witness: { text: 'aktivitetsförmåga = hög, kognitiv_svikt = ja', example: { aktivitetsförmåga: 'hög', kognitiv_svikt: 'ja' } }, before: 'förlopp_1', after: 'förlopp_2' }]);
        // HTML through the document's renderer: self-contained, each change side by side.
        const html = run('examples/orebro', 'examples/orebro-revision', '--format', 'html');
        expect(html.status).toBe(1);
        expect(html.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
        expect(html.stdout).toContain('<h1>Jämförelse av examples/orebro (före) med examples/orebro-revision (efter)</h1>');
        expect(html.stdout).toContain('<tr><td>Aktivitetsförmåga = redan hög; förväntas bli självständig, Kognitiv svikt = ja</td><td>Förlopp 1</td><td>Förlopp 2</td>');
        // Swedish typography: no-break spaces in amounts and before their unit, so no figure breaks across lines.
        expect(html.stdout).toContain('<td>nivå 4</td><td class="number">2\u00a0037\u00a0kr</td><td class="number">2\u00a0088\u00a0kr</td><td class="number">+51\u00a0kr</td>');
        expect(html.stdout).not.toMatch(/<script|src="/);
        const english = run('examples/orebro', 'examples/orebro-revision', '--lang', 'en');
        expect(english.stdout).toContain('Comparison of examples/orebro (before) with examples/orebro-revision (after): Answers change.');
        expect(english.stdout).toContain('placement changes for');
    });

    test('refuses what it cannot compare: one input, a version with errors, an unknown format (exit 2)', () => {
        const one = run('examples/orebro');
        expect(one.status).toBe(2);
        expect(one.stderr).toContain('diff jämför två versioner');
        const broken = run('examples/orebro', 'examples/broken');
        expect(broken.status).toBe(2);
        expect(broken.stderr).toContain('examples/broken har fel');
        const format = run('examples/orebro', 'examples/orebro', '--format', 'sarif');
        expect(format.status).toBe(2);
        expect(format.stderr).toContain("ogiltigt värde 'sarif' för --format; välj text, json, markdown, html.");
    });
});
