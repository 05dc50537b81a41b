import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { checkPolicies, compilePolicy, createRegelrattServices, diffPolicies } from '@regelratt/language';
import { evaluateCase, PolicyRuntime } from '@regelratt/runtime';
import { buildDocument, reasonFor } from '@regelratt/document';

/**
 * A fee, a calculation and a decision table name their insats and the law they apply (`insats …`,
 * `enligt …`, as an insats names its law): the insats counts as used, the compiled JSON carries both,
 * and an answer cites the law.
 */
const policy = (calculationHead = 'insats trygghetslarm enligt SoL 8 kap 2 §', feeBasis = 'enligt SoL 8 kap 5 §, SoL 8 kap 6 §') => `
lag SoL "Socialtjänstlagen (2001:453)"
insats hemtjänst "Hemtjänst" enligt SoL 4 kap 1 §
insats trygghetslarm "Trygghetslarm" enligt SoL 4 kap 1 §
insats matdistribution "Matdistribution" enligt SoL 4 kap 1 §
egenskap inkomst "Inkomst efter förbehåll" : belopp per månad
egenskap portioner "Portioner per vecka" : heltal 0–14
beräkning larmavgift "Avgift för trygghetslarm" ${calculationHead} = 250 kr/mån
beslutstabell matavgift "Avgift för matdistribution" {
    insats matdistribution
    enligt SoL 8 kap 2 §
    | portioner || avgift     |
    | 0         || 0 kr/mån   |
    | 1–7       || 300 kr/mån |
    | >= 8      || 600 kr/mån |
}
avgift hemtjänstavgift "Avgift för hemtjänst" {
    insats hemtjänst
    ${feeBasis}
    giltig från 2024-01-01
    avgiftsutrymme inkomst
    andel 100 %
}
`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function load(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/lag/a.regel', text }]);
    const compiled = JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')));
    return { checked, compiled };
}

const element = (compiled: { elements: Array<{ id: string }> }, id: string) => compiled.elements.find(e => e.id === id) as Record<string, unknown>;

describe('insats and legal basis on answers', () => {
    test('an insats named only by a calculation counts as used; without it, it is reported unused', async () => {
        const named = await load(policy());
        expect(named.checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        expect(named.checked.diagnostics.filter(d => d.code === 'unused-declaration').map(d => d.message)).toEqual([]);
        const unnamed = await load(policy('enligt SoL 8 kap 2 §'));
        expect(unnamed.checked.diagnostics.filter(d => d.code === 'unused-declaration').map(d => d.message)).toEqual([expect.stringContaining('trygghetslarm')]);
    });

    test('the compiled elements carry the service and the law, and the runtime loads them through the schema', async () => {
        const { compiled } = await load(policy());
        expect(element(compiled, 'calculation/larmavgift')).toMatchObject({ service: 'service/trygghetslarm', legalBasis: [{ law: 'law/SoL', chapter: 8, section: 2, text: 'SoL 8 kap 2 §' }] });
        expect(element(compiled, 'decisionTable/matavgift')).toMatchObject({ service: 'service/matdistribution', legalBasis: [{ text: 'SoL 8 kap 2 §' }] });
        expect(element(compiled, 'fee/hemtjänstavgift')).toMatchObject({ service: 'service/hemtjänst', legalBasis: [{ text: 'SoL 8 kap 5 §' }, { text: 'SoL 8 kap 6 §' }] });
        expect(() => new PolicyRuntime([compiled])).not.toThrow();
    });

    test('an answer cites the law its amount applies; one that names none cites nothing', async () => {
        const { compiled } = await load(policy('insats trygghetslarm', 'enligt SoL 8 kap 5 §, SoL 8 kap 6 §'));
        const answer = evaluateCase(new PolicyRuntime([compiled]), { citizen: { inkomst: 1000, portioner: 3 }, level: 1, date: '2024-03-01' });
        expect(answer.fees).toEqual([{ fee: 'fee/hemtjänstavgift', amount: '1000', legalBasis: ['SoL 8 kap 5 §', 'SoL 8 kap 6 §'] }]);
        expect(answer.amounts).toMatchObject([{ calculation: 'calculation/larmavgift', amount: '250' }]);
        expect(answer.amounts?.[0]).not.toHaveProperty('legalBasis');
        const cited = await load(policy());
        const again = evaluateCase(new PolicyRuntime([cited.compiled]), { citizen: { inkomst: 1000, portioner: 3 }, level: 1, date: '2024-03-01' });
        expect(again.amounts).toMatchObject([{ calculation: 'calculation/larmavgift', amount: '250', legalBasis: ['SoL 8 kap 2 §'] }]);
    });

    test("a decision table's reason gives the law its `enligt` names, and its row as a sentence", async () => {
        const { compiled } = await load(policy());
        const reason = reasonFor(new PolicyRuntime([compiled]), { type: 'decision', table: 'matavgift', citizen: { portioner: 3 }, date: '2024-03-01' }, 'sv');
        expect(reason.legalBasis).toEqual(['8 kap. 2 § Socialtjänstlagen (2001:453)']);
        expect(reason.text).toContain('Avgift för matdistribution, rad 2: portioner per vecka är 1–7.');
    });

    test('the document lists the answers with their insats and law under Lagstöd', async () => {
        const { compiled } = await load(policy());
        const document = buildDocument({ files: [compiled], locale: 'sv' });
        const section = JSON.stringify(document).match(/"id":"lagstöd".*?"children"/)?.[0] ?? '';
        expect(section).toContain('["Avgift för trygghetslarm","Trygghetslarm","SoL 8 kap 2 §"]');
        expect(section).toContain('["Avgift för hemtjänst","Hemtjänst","SoL 8 kap 5 §, SoL 8 kap 6 §"]');
    });

    test('a changed law is a change the diff names, and no answer changes with it', async () => {
        const before = (await load(policy())).compiled;
        const after = (await load(policy('insats trygghetslarm enligt SoL 8 kap 3 §'))).compiled;
        const diff = diffPolicies([before], [after], 'sv');
        expect(JSON.stringify(diff)).toContain('lagstöd: SoL 8 kap 2 § → SoL 8 kap 3 §');
    });
});
