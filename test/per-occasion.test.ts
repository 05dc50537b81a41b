import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { buildDocument, reasonFor } from '@regelratt/document';
import { formatViolation } from '@regelratt/format';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { evaluateCase, PolicyRuntime } from '@regelratt/runtime';

/**
 * An amount per an occasion (`245 kr per insats`, `55 kr/portion`, `450 kr per besök`) keeps what it
 * is per through compilation: the compiled quantity, the case's answers, the reasons and the document
 * say "245 kr per insats", not "245 kr".
 */
const policy = `
insats hemtjänst "Hemtjänst"
insats matdistribution "Matdistribution"
insats dagverksamhet "Dagverksamhet"
egenskap regi "Utförarens regi" : en av { kommunal "Kommunal regi", enskild "Enskild regi" }
egenskap nattinsatser "Utförda insatser natt" : heltal 0–2000 insatser
schablon natt "Hemtjänst natt, per insats" {
    insats hemtjänst
    giltig från 2024-01-01 till 2024-12-31
    efter regi
    belopp { kommunal : 245 kr per insats  enskild : 260 kr per insats }
}
schablon matlåda "Matlåda" { insats matdistribution  giltig från 2024-01-01  belopp 55 kr/portion }
schablon besöket "Besök" { insats dagverksamhet  giltig från 2024-01-01  belopp 450 kr per besök }
beräkning nattersättning "Ersättning för natten" = nattinsatser × natt
`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function load(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/per/a.regel', text }]);
    const compiled = JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')));
    return { checked, compiled, runtime: new PolicyRuntime([compiled]) };
}

const kommunal = { date: '2024-05-01', citizen: { regi: 'kommunal', nattinsatser: 4 } };
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

describe('an amount per an occasion', () => {
    test('compiles with what it is per, and the compiled file is valid', async () => {
        const { checked, compiled } = await load(policy);
        expect(checked.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const rate = (name: string) => compiled.elements.find((e: { name: string }) => e.name === name);
        expect(rate('natt').amounts.map((row: { amount: unknown }) => row.amount)).toEqual([{ value: '245', unit: 'kr', per: 'service' }, { value: '260', unit: 'kr', per: 'service' }]);
        expect(rate('matlåda').amount).toEqual({ value: '55', unit: 'kr', per: 'portion' });
        expect(rate('besöket').amount).toEqual({ value: '450', unit: 'kr', per: 'visit' });
        expect(formatViolation(compiled)).toBeUndefined();
    });

    test('a case’s answers give the rate per insats', async () => {
        const { runtime } = await load(policy);
        const answer = evaluateCase(runtime, kommunal);
        expect(answer.rates).toEqual(expect.arrayContaining([
            { rate: 'flatRate/natt', amount: '245', per: 'service' },
            { rate: 'flatRate/matlåda', amount: '55', per: 'portion' },
            { rate: 'flatRate/besöket', amount: '450', per: 'visit' },
        ]));
    });

    test('the reasons say 245 kr per insats, and the product of insatser is kronor', async () => {
        const { runtime } = await load(policy);
        const rate = reasonFor(runtime, { type: 'rate', rate: 'natt', citizen: kommunal.citizen, date: kommunal.date }, 'sv');
        expect(plain(rate.decision)).toBe('Hemtjänst natt, per insats (Utförarens regi: Kommunal regi): 245 kr per insats.');
        const english = reasonFor(runtime, { type: 'rate', rate: 'matlåda', citizen: kommunal.citizen, date: kommunal.date }, 'en');
        expect(plain(english.decision)).toContain('55 kr per portion');
        const calculation = reasonFor(runtime, { type: 'calculation', calculation: 'nattersättning', citizen: kommunal.citizen, date: kommunal.date }, 'sv');
        expect(calculation.steps.map(plain)).toContain('Hemtjänst natt, per insats (Utförarens regi: Kommunal regi): 245 kr per insats');
        expect(plain(calculation.decision)).toContain('980 kr');
    });

    test('the document shows 245 kr per insats', async () => {
        const { compiled } = await load(policy);
        const document = JSON.stringify(buildDocument({ files: [compiled], locale: 'sv', draft: true }).sections);
        expect(plain(document)).toContain('245 kr per insats');
        expect(plain(document)).toContain('55 kr per portion');
        expect(plain(document)).toContain('450 kr per besök');
    });
});
