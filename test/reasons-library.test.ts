import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';

/**
 * The reason for an answer the national library gives (its maxtaxa and minimibelopp) names the
 * library as its rule, never the municipality's riktlinje, and cites the law in force on the
 * answer's date: SoL (2001:453) before 2025-07-01, the paragraph of the new socialtjänstlag that
 * carries it on after (the library's `paragraf … motsvaras av …`). Run through `eval`, which names
 * the library's compiled files as the service and the studio do.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(repository, 'packages/cli/bin/regelratt.js');
const folder = mkdtempSync(path.join(tmpdir(), 'regelratt-reasons-library-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface Reason { rule: string[]; legalBasis: string[]; text: string }

function amountReasons(date: string, lang: 'sv' | 'en' = 'sv'): Map<string, Reason> {
    const input = path.join(folder, `${date}.json`);
    writeFileSync(input, JSON.stringify({ date, citizen: {} }));
    const run = spawnSync(process.execPath, [bin, 'eval', path.join(repository, 'examples/orebro'), '--input', input, '--lang', lang], { encoding: 'utf8' });
    const answers = JSON.parse(run.stdout) as { amounts: Array<{ calculation: string; reason?: Reason }> };
    return new Map(answers.amounts.flatMap(a => (a.reason ? [[a.calculation, a.reason] as [string, Reason]] : [])));
}

describe('reasons for the national library\'s amounts', () => {
    test('before 2025-07-01: the library as the rule, SoL (2001:453) as the law', () => {
        const reasons = amountReasons('2022-09-01');
        const minimum = reasons.get('calculation/minimibelopp_ensamstående')!;
        expect(minimum.rule).toEqual(['Nationell regel ur Regelrätts bibliotek nationellt, version 2026.1.']);
        expect(minimum.legalBasis).toEqual(['8 kap. 7 § Socialtjänstlag (2001:453)']);
        expect(reasons.get('calculation/maxtaxa_hemtjänst')!.legalBasis).toEqual(['8 kap. 5 § 1 p. Socialtjänstlag (2001:453)']);
        for (const reason of reasons.values()) {
            if (reason.rule.some(line => line.includes('bibliotek'))) {
                expect(reason.text).not.toContain('Riktlinje');
                expect(reason.text).not.toContain('ingen rättslig grund');
            }
        }
    });

    test('after 2025-07-01: the new law\'s paragraph, with the one it carries on', () => {
        const reasons = amountReasons('2026-03-01');
        expect(reasons.get('calculation/minimibelopp_ensamstående')!.legalBasis)
            .toEqual(['32 kap. 8 § Socialtjänstlag (2025:400) (motsvarar 8 kap. 7 § Socialtjänstlag (2001:453))']);
        expect(reasons.get('calculation/maxtaxa_särskilt_boende')!.legalBasis)
            .toEqual(['32 kap. 6 § 2 p. Socialtjänstlag (2025:400) (motsvarar 8 kap. 5 § 2 p. Socialtjänstlag (2001:453))']);
    });

    test('in English', () => {
        const reason = amountReasons('2026-03-01', 'en').get('calculation/minimibelopp_ensamstående')!;
        expect(reason.rule).toEqual(["National rule from Regelrätt's library nationellt, version 2026.1."]);
        expect(reason.legalBasis).toEqual(['Socialtjänstlag (2025:400), chapter 32, section 8 (formerly Socialtjänstlag (2001:453), chapter 8, section 7)']);
    });
});
