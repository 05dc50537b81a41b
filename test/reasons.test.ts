import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { EmptyFileSystem } from 'langium';
import { exampleQuestion, reasonFor, type Reason } from '@regelratt/document';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { PolicyRuntime } from '@regelratt/runtime';

/**
 * A reason (motivering) for every answer: every inline example of every example set gets one, in
 * Swedish and in English, written in titles and figures a beslut can carry (no identifier, no raw
 * decimal), and hand-reviewed reasons pin what they say for Habo's fee, a couple's fee, Örebro's
 * förlopp and pilot, and a rate.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sets = readdirSync(path.join(repository, 'examples'), { withFileTypes: true }).filter(e => e.isDirectory() && e.name !== 'broken').map(e => e.name).sort();

export async function runtimeOf(set: string): Promise<PolicyRuntime> {
    const folder = path.join(repository, 'examples', set);
    const files = readdirSync(folder).filter(f => f.endsWith('.regel')).sort();
    const { Regelratt } = createRegelrattServices(EmptyFileSystem);
    const checked = await checkPolicies(Regelratt, files.map(f => ({ path: path.join(folder, f), text: readFileSync(path.join(folder, f), 'utf8') })));
    return new PolicyRuntime(checked.map(c => compilePolicy(c.document.parseResult.value, path.basename(c.path))));
}

/** Words a reader of a beslut must not meet: an identifier (`makens_inkomst`, `calculation/x`), a decimal point, a long fraction (`2 013,0133`), an undefined. */
function codeIn(reason: Reason, locale: 'sv' | 'en'): string[] {
    const text = [reason.text, ...reason.rule, ...reason.facts, ...reason.steps, ...reason.legalBasis, ...reason.notDeciding].join('\n');
    return [...text.matchAll(/[\p{L}\d]+_[\p{L}\d_]+|\b(?:attribute|parameter|calculation|decisionTable|levelTable|fee|pathway|pathwayModel|pilot|service|law|flatRate|placeRate|hourlyRate|guideline|level)\/|undefined|NaN|\[object/gu), ...text.matchAll(locale === 'sv' ? /\d\.\d|\d,\d{3,}/g : /\d\.\d{3,}/g)].map(m => m[0]);
}

describe('every inline example gets a reason', () => {
    let reasoned = 0;
    afterAll(() => {
        // Three sets (eskilstuna, framtidens_socialnamnd, uppsala) have no inline examples; the others have more than a hundred.
        expect(reasoned).toBeGreaterThan(100);
    });
    test.each(sets)('examples/%s', async set => {
        const runtime = await runtimeOf(set);
        // An example that expects an error has no answer to give a reason for; its error says why.
        const examples = runtime.policy.all('example').filter(e => e.expected.error === undefined);
        reasoned += examples.length;
        for (const example of examples) {
            for (const locale of ['sv', 'en'] as const) {
                const reason = reasonFor(runtime, exampleQuestion(example), locale);
                expect.soft(codeIn(reason, locale), `${set} ${example.name} (${locale}):\n${reason.text}`).toEqual([]);
                expect(reason.decision.length).toBeGreaterThan(0);
                expect(reason.legalBasis.length + reason.rule.length + reason.steps.length, reason.text).toBeGreaterThan(0);
                if (process.env.REASONS_PRINT) {
                    console.log(`--- ${set} ${example.name} (${locale})\n${reason.text}`);
                }
            }
        }
    });
});
