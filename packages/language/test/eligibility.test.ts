import { describe, expect, test } from 'vitest';
import { evaluateCase, PolicyRuntime, runExamples } from '@regelratt/runtime';
import { buildDocument, reasonFor } from '@regelratt/document';
import { compilePolicy, diffPolicies } from '@regelratt/language';
import { checkTexts } from './check-text.js';

/**
 * Eligibility: who may be granted an insats (`beviljas när`, `utom när`, `undantag när`), compiled
 * onto the insats, answered by the runtime with the clause that decided, by inline examples, `eval`
 * (a case's answers), a reason and the document. The rule is boendestöd as a needs-assessment
 * guideline gives it: a funktionsnedsättning with väsentliga svårigheter, 18–64 years old or granted
 * before 65, not where missbruk is the main problem unless the funktionsnedsättning dominates.
 */
const boendestöd = `
lag SoL "Socialtjänstlagen (2001:453)"
egenskap funktionsnedsättning "Har en funktionsnedsättning" : ja/nej
egenskap svårigheter "Väsentliga svårigheter i den dagliga livsföringen" : ja/nej
egenskap ålder "Ålder" : heltal 0–120
egenskap beviljad_före_65 "Beviljades boendestöd före 65 års ålder" : ja/nej
egenskap missbruk "Missbruk är det huvudsakliga problemet" : ja/nej
egenskap dominerar "Funktionsnedsättningen dominerar" : ja/nej

insats boendestöd "Boendestöd" enligt SoL 4 kap 1 § {
    beviljas när funktionsnedsättning och svårigheter och (ålder i 18–64 eller beviljad_före_65)
    utom när missbruk
        undantag när dominerar
}
`;

const person = { funktionsnedsättning: true, svårigheter: true, ålder: 40, beviljad_före_65: false, missbruk: false, dominerar: false };

async function compiled(text: string) {
    const [checked] = await checkTexts([text]);
    const errors = checked.diagnostics.filter(d => d.severity === 'error').map(d => `${d.code}: ${d.message}`);
    expect(errors).toEqual([]);
    return { checked, policy: JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel'))) };
}

describe('eligibility of an insats', () => {
    test('compiles onto the insats: inclusion, exclusions with their exceptions', async () => {
        const { policy } = await compiled(boendestöd);
        const service = policy.elements.find((e: { id: string }) => e.id === 'service/boendestöd');
        expect(service.eligibility.exclusions).toEqual([{ criterion: { attribute: 'attribute/missbruk', test: true }, exceptions: [{ attribute: 'attribute/dominerar', test: true }] }]);
        expect(service.eligibility.inclusion.all).toHaveLength(3);
    });

    test('the runtime answers ja/nej with the clause that decided', async () => {
        const runtime = new PolicyRuntime([(await compiled(boendestöd)).policy]);
        const ask = (changes: Partial<typeof person>) => runtime.checkEligibility('boendestöd', { ...person, ...changes });
        expect(ask({})).toEqual({ service: 'service/boendestöd', granted: true, decidedBy: { clause: 'inclusion' } });
        expect(ask({ ålder: 70 })).toMatchObject({ granted: false, decidedBy: { clause: 'inclusion' } });
        expect(ask({ ålder: 70, beviljad_före_65: true })).toMatchObject({ granted: true });
        expect(ask({ missbruk: true })).toMatchObject({ granted: false, decidedBy: { clause: 'exclusion', exclusion: 1 } });
        expect(ask({ missbruk: true, dominerar: true })).toMatchObject({ granted: true, decidedBy: { clause: 'exception', exclusion: 1, exception: 1 } });
    });

    test('an insats without beviljas när is refused with a typed error, not answered nej', async () => {
        const runtime = new PolicyRuntime([(await compiled(`${boendestöd}\ninsats hemtjänst "Hemtjänst"\nberäkning tid insats hemtjänst = 1`)).policy]);
        expect(() => runtime.checkEligibility('hemtjänst', person)).toThrow(expect.objectContaining({ code: 'unknown-element', message: expect.stringContaining('beviljas när') }));
    });

    test('inline examples ask it: förväntat beviljas / beviljas inte, and a wrong expectation fails', async () => {
        const { policy } = await compiled(`${boendestöd}
exempel ung "Ung vuxen" { beviljas boendestöd för { funktionsnedsättning = ja, svårigheter = ja, ålder = 30, beviljad_före_65 = nej, missbruk = nej, dominerar = nej } förväntat beviljas }
exempel missbruket "Missbruk" { beviljas boendestöd för { funktionsnedsättning = ja, svårigheter = ja, ålder = 30, beviljad_före_65 = nej, missbruk = ja, dominerar = nej } förväntat beviljas inte }
exempel fel_svar "Fel förväntan" { beviljas boendestöd för { funktionsnedsättning = ja, svårigheter = ja, ålder = 70, beviljad_före_65 = nej, missbruk = nej, dominerar = nej } förväntat beviljas }
`);
        const results = new Map(runExamples(new PolicyRuntime([policy])).map(r => [r.example.name, r]));
        expect(results.get('ung')?.passed).toBe(true);
        expect(results.get('missbruket')?.passed).toBe(true);
        expect(results.get('fel_svar')).toMatchObject({ passed: false, expected: { granted: true }, actual: { granted: false } });
    });

    test('an amount expected of an eligibility question does not fit', async () => {
        const [checked] = await checkTexts([`${boendestöd}
exempel e { beviljas boendestöd för { ålder = 30 } förväntat 12 kr }`]);
        expect(checked.diagnostics.map(d => d.code)).toContain('expectation-does-not-fit');
    });

    test('a case\'s answers (eval) and its reason say which clause decided', async () => {
        const runtime = new PolicyRuntime([(await compiled(boendestöd)).policy]);
        const answer = evaluateCase(runtime, { citizen: { ...person, missbruk: true } });
        expect(answer.eligibility).toEqual([{ service: 'service/boendestöd', granted: false, decidedBy: { clause: 'exclusion', exclusion: 1 } }]);
        const refused = reasonFor(runtime, { type: 'eligibility', service: 'service/boendestöd', citizen: { ...person, missbruk: true } }, 'sv');
        expect(refused.decision).toBe('Boendestöd: insatsen kan inte beviljas medborgaren.');
        expect(refused.text).toContain('Insatsen kan inte beviljas eftersom missbruk är det huvudsakliga problemet.');
        expect(refused.legalBasis).toEqual([expect.stringContaining('4 kap. 1 §')]);
        const lifted = reasonFor(runtime, { type: 'eligibility', service: 'service/boendestöd', citizen: { ...person, missbruk: true, dominerar: true } }, 'sv');
        expect(lifted.decision).toBe('Boendestöd: insatsen kan beviljas medborgaren.');
        expect(lifted.text).toContain('Undantaget gäller, eftersom funktionsnedsättningen dominerar.');
        expect(lifted.text).toContain('Insatsen kan i regel inte beviljas när missbruk är det huvudsakliga problemet, och det gäller medborgaren.');
        expect(lifted.text).not.toContain('Insatsen kan inte beviljas eftersom');
    });

    test('the diff names a changed rule in words and as an edit that changes answers', async () => {
        const before = (await compiled(boendestöd)).policy;
        const after = (await compiled(boendestöd.replace('ålder i 18–64', 'ålder i 18–66'))).policy;
        const entry = diffPolicies([before], [after], 'sv').entries.find(e => e.element.id === 'service/boendestöd');
        expect(entry).toMatchObject({ change: 'edited', answers: true });
        expect(JSON.stringify(entry)).toContain('ålder i 18–66');
        expect(JSON.stringify(entry)).toContain('utom när missbruk undantag när dominerar');
    });

    test('the document lists who may be granted the insats, in titles', async () => {
        const { policy } = await compiled(boendestöd);
        // The section itself; the names appendix maps titles to names on purpose.
        const text = JSON.stringify(buildDocument({ files: [policy], locale: 'sv' }).sections.find(s => s.id === 'beviljande'));
        expect(text).toContain('Kan beviljas när');
        expect(text).toContain('Kan beviljas när har en funktionsnedsättning, väsentliga svårigheter i den dagliga livsföringen: ja och (ålder är 18–64 eller beviljades boendestöd före 65 års ålder).');
        expect(text).not.toContain('beviljad_före_65');
    });
});
