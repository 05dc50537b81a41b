import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { writeHaboRevision } from './bench/habo-revision.mjs';

/**
 * What a reviewer reads in a diff of amounts is said the way reasons and the document say it (issue
 * 24): the answer's unit (Habo's monthly fee: kr/mån) on every amount of a region line and an example.
 * JSON, for tools, keeps the exact figures without units: byte for byte what it was before the wording changed.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-diff-words-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const revision = writeHaboRevision(path.join(scratch, 'habo-revision'));
const diff = (...args: string[]) => spawnSync(process.execPath, [bin, 'diff', path.join(repository, 'examples/habo'), revision, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

describe('diff wording of Habo\'s fee revision', () => {
    test('region lines and examples carry the answer\'s unit, as a reason states it, in text, Markdown and HTML', () => {
        // The unit is the one reasons give the answer (reasons.ts, unitOf): Habo's total as the language
        // compiled its unit, kr/mån (its sum adds portions times a price per portion, which the formula
        // alone would count in kronor without a period); the städavgift and the level's fee are kr/mån.
        const text = diff();
        expect(text.stderr).toBe('');
        expect(text.stdout).toContain('datum 2017-01-01–2017-12-31: +17 kr/mån  (till exempel ');
        expect(text.stdout).toContain('(2017-01-01): 1 208 kr/mån → 1 225 kr/mån)');
        expect(text.stdout).toContain('med +1 kr/mån till +604 kr/mån:');
        expect(text.stdout).toContain('  Serviceinsatser per månad +8,50 kr/mån till +17 kr/mån: 69 regioner, +1 kr/mån till +17 kr/mån  (till exempel ');
        // A formula's factor stays exact and bare; its constant and range are amounts.
        expect(text.stdout).toContain(': +302 kr/mån −10 × Levererade matportioner under månaden (+2 kr/mån till +12 kr/mån), tills ');
        expect(text.stdout).not.toMatch(/: \+17 {2}\(/);
        const markdown = diff('--format', 'markdown');
        expect(markdown.stdout).toContain('| +17 kr/mån |');
        expect(markdown.stdout).toContain('(2017-01-01): 1 208 kr/mån → 1 225 kr/mån |');
        const html = diff('--format', 'html');
        expect(html.stdout).toContain('<td class="number">+17\u00a0kr/mån</td>');
        expect(html.stdout).toContain('1\u00a0208\u00a0kr/mån\u00a0→\u00a01\u00a0225\u00a0kr/mån');
        const english = diff('--lang', 'en');
        expect(english.stdout).toContain('2017-01-01–2017-12-31: +17 kr/month  (for example ');
        expect(english.stdout).toContain('Serviceinsatser per månad +8.50 kr/month to +17 kr/month');
    }, 120_000); // six diffs of Habo's revision, each its own process

    test('JSON keeps the exact figures: byte for byte the output before the wording for people changed', () => {
        const json = diff('--format', 'json');
        expect(json.status).toBe(1);
        // The two folders' paths (the only text that depends on where the test runs) set aside.
        const stable = json.stdout.replace(JSON.stringify(revision), '"EFTER"').replace(JSON.stringify(path.join(repository, 'examples/habo')), '"FÖRE"');
        expect(createHash('sha256').update(stable).digest('hex')).toBe('cd368b459e60a58adb350cfc1d5eea2e6fb889f7579b5e77c58449d1d9eb65b1');
    });
});

describe('a changed attribute type, said as the policy writes it', () => {
    test('values of an attribute in the words of its declaration, never the compiled JSON', () => {
        const write = (folder: string, age: string, values: string) => {
            mkdirSync(path.join(scratch, folder), { recursive: true });
            writeFileSync(path.join(scratch, folder, 'p.regel'), [
                `egenskap ålder "Ålder" : heltal ${age} år`,
                `egenskap förmåga "Aktivitetsförmåga" : en av { ${values} }`,
                'egenskap inkomst "Inkomst" : belopp per månad',
                'beslutstabell t "Stöd" {',
                '    | ålder | förmåga || stöd |',
                '    | < 65  | -       || 1    |',
                '    | >= 65 | -       || 2    |',
                '}',
            ].join('\n'));
            return path.join(scratch, folder);
        };
        const before = write('type-before', '0–120', 'hög "Hög", nedsatt "Nedsatt"');
        const after = write('type-after', '0–110', 'hög "Hög", nedsatt "Nedsatt", ingen');
        const run = (...args: string[]) => spawnSync(process.execPath, [bin, 'diff', before, after, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
        const sv = run();
        expect(sv.stdout).toContain('värden: heltal 0–120 år → heltal 0–110 år');
        expect(sv.stdout).toContain('värden: en av { Hög, Nedsatt } → en av { Hög, Nedsatt, ingen }');
        expect(sv.stdout).not.toContain('{"type"');
        const en = run('--lang', 'en');
        expect(en.stdout).toContain('values: whole number 0–120 år → whole number 0–110 år');
    });
});
