import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { checkPolicies, compilePolicy, createRegelrattServices } from '@regelratt/language';
import { evaluateCase, PolicyRuntime, RegelrattRuntimeError, runExamples } from '@regelratt/runtime';

/**
 * The per-level shapes written inside `avgift` as municipalities publish them: a share per level
 * (`andel { nivå 1 : 50 % … }`), a flat amount per level (`belopp { … }`), and either beside a
 * takbelopp per level. Each keeps the fee analyses: a planted fall as the level rises and a planted
 * limit above the maxtaxa are found, with the avgiftsutrymme and the amounts the runtime charges.
 *
 * The maxtaxa is 0,5392 × 57 300 kr / 12 = 2 574,68 kr, 2 575 kr rounded to whole kronor.
 */
const policy = (clauses: string, room = 'avgiftsutrymme inkomst') => `
egenskap inkomst "Inkomst efter förbehåll" : belopp per månad
parameter pbb "Prisbasbelopp" : belopp { från 2024-01-01 till 2024-12-31 : 57 300 kr }
avgift hemtjänst "Avgift för hemtjänst" {
    giltig från 2024-01-01 till 2024-12-31
    ${room}
    maxtaxa 0,5392 × pbb / 12
    ${clauses}
}
`;

const { Regelratt } = createRegelrattServices(EmptyFileSystem);

async function load(text: string) {
    const [checked] = await checkPolicies(Regelratt, [{ path: '/nivåer/a.regel', text }]);
    const findings = checked.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning').map(d => `${d.code}: ${d.message}`);
    const compiled = JSON.parse(JSON.stringify(compilePolicy(checked.document.parseResult.value, 'a.regel')));
    return { findings, runtime: new PolicyRuntime([compiled]), compiled };
}

const charge = (runtime: PolicyRuntime, level: number, inkomst: number) => runtime.fee('hemtjänst', level, { inkomst }, '2024-06-01').amount;

describe('a share per level inside avgift', () => {
    test('parses, compiles and charges the level\'s share: 50 % of 2 000 kr is 1 000 kr, 75 % is 1 500 kr, 100 % of 3 000 kr stops at the maxtaxa 2 575 kr', async () => {
        const { findings, runtime, compiled } = await load(policy('andel { nivå 1 : 50 %  nivå 2 : 75 %  nivå 3 : 100 % }'));
        expect(findings).toEqual([]);
        expect(compiled.elements.find((e: { kind: string }) => e.kind === 'fee').shares.map((r: { level: number; amount: { value: string } }) => [r.level, r.amount.value])).toEqual([[1, '50'], [2, '75'], [3, '100']]);
        expect([charge(runtime, 1, 2000), charge(runtime, 2, 2000), charge(runtime, 3, 3000)]).toEqual(['1000', '1500', '2575']);
    });

    test('a share that falls at level 3 is found, at an avgiftsutrymme where the runtime charges level 2 more', async () => {
        // 2 574,68 / 0,75 = 3 432,9, so 3 433 kr: level 2 charges min(2 574,75, 2 574,68) = 2 575 kr, level 3 0,6 × 3 433 = 2 059,80 → 2 060 kr.
        const { findings, runtime } = await load(policy('andel { nivå 1 : 50 %  nivå 2 : 75 %  nivå 3 : 60 % }'));
        expect(findings).toEqual(['fee-rises-as-need-falls: Avgiften stiger när behovet sjunker: med ett avgiftsutrymme på 3 433 kr ger nivå 2 2 575 kr men nivå 3 2 060 kr (2024-01-01).']);
        expect([charge(runtime, 2, 3433), charge(runtime, 3, 3433)]).toEqual(['2575', '2060']);
    });

    test('with a takbelopp per level: a falling takbelopp is found where the shares alone would rise', async () => {
        // At 2 000 kr level 1 charges min(0,5 × 2 000, 1 000) = 1 000 kr, level 2 min(0,75 × 2 000, 800) = 800 kr.
        const { findings, runtime } = await load(policy('andel { nivå 1 : 50 %  nivå 2 : 75 % }\n    takbelopp { nivå 1 : 1 000 kr  nivå 2 : 800 kr }'));
        expect(findings).toEqual(['fee-rises-as-need-falls: Avgiften stiger när behovet sjunker: med ett avgiftsutrymme på 2 000 kr ger nivå 1 1 000 kr men nivå 2 800 kr (2024-01-01).']);
        expect([charge(runtime, 1, 2000), charge(runtime, 2, 2000)]).toEqual(['1000', '800']);
    });

    test('a takbelopp above the maxtaxa beside shares per level never binds', async () => {
        const { findings } = await load(policy('andel { nivå 1 : 50 %  nivå 2 : 75 % }\n    takbelopp { nivå 1 : 1 000 kr  nivå 2 : 3 000 kr }'));
        expect(findings).toEqual(['cap-never-binds: Takbeloppet för nivå 2 (3 000 kr) är aldrig lägre än maxtaxan (som högst 2 575 kr) och påverkar aldrig avgiften.']);
    });

    test('a share per level must be a share, and a level given in one list and not the other is refused', async () => {
        expect((await load(policy('andel { nivå 1 : 50 kr }'))).findings).toContain('wrong-unit: Här väntas procent, men värdet anges i kronor.');
        const { findings, runtime } = await load(policy('andel { nivå 1 : 50 %  nivå 2 : 75 % }\n    takbelopp { nivå 1 : 1 000 kr }'));
        expect(findings).toEqual(['fee-level-missing: Avgiften hemtjänst anger andel för nivå 2 men inget takbelopp; avgiften kan inte beräknas för nivån.']);
        expect(() => charge(runtime, 2, 2000)).toThrow(RegelrattRuntimeError);
    });

    test('one share and shares per level together is refused', async () => {
        const { findings } = await load(policy('andel 100 %\n    andel { nivå 1 : 50 % }'));
        expect(findings).toEqual(["fee-share-twice: 'andel' anges både för alla nivåer och per nivå; ange det ena."]);
    });
});

describe('a flat amount per level inside avgift', () => {
    test('charges the level\'s amount, at most the avgiftsutrymme: 500 kr at level 1, 300 kr where only 300 kr remain', async () => {
        const { findings, runtime } = await load(policy('belopp { nivå 1 : 500 kr  nivå 2 : 1 000 kr  nivå 3 : 1 500 kr }'));
        expect(findings).toEqual([]);
        expect([charge(runtime, 1, 5000), charge(runtime, 2, 300), charge(runtime, 3, 5000)]).toEqual(['500', '300', '1500']);
    });

    test('without an avgiftsutrymme the level\'s amount is the fee, and no fee-without-room is said', async () => {
        const { findings, runtime } = await load(policy('belopp { nivå 1 : 500 kr  nivå 2 : 1 000 kr }', ''));
        expect(findings).toEqual([]);
        expect(charge(runtime, 2, 0)).toBe('1000');
    });

    test('an amount that falls at level 3 is found', async () => {
        const { findings } = await load(policy('belopp { nivå 1 : 500 kr  nivå 2 : 1 000 kr  nivå 3 : 800 kr }'));
        expect(findings).toEqual(['fee-rises-as-need-falls: Avgiften stiger när behovet sjunker: med ett avgiftsutrymme på 1 000 kr ger nivå 2 1 000 kr men nivå 3 800 kr (2024-01-01).']);
    });

    test('without an avgiftsutrymme a falling amount is found too', async () => {
        const { findings } = await load(policy('belopp { nivå 1 : 500 kr  nivå 2 : 400 kr }', ''));
        expect(findings).toEqual(['fee-rises-as-need-falls: Avgiften stiger när behovet sjunker: med ett avgiftsutrymme på 500 kr ger nivå 1 500 kr men nivå 2 400 kr (2024-01-01).']);
    });

    test('an amount above the maxtaxa is never charged', async () => {
        const { findings, runtime } = await load(policy('belopp { nivå 1 : 500 kr  nivå 2 : 3 000 kr }'));
        expect(findings).toEqual(['fee-amount-above-ceiling: Beloppet för nivå 2 (3 000 kr) är högre än maxtaxan (som högst 2 575 kr); nivån tar aldrig ut det, utan maxtaxan.']);
        expect(charge(runtime, 2, 10000)).toBe('2575');
    });

    test('two levels with the same amount below the maxtaxa charge the same', async () => {
        const { findings } = await load(policy('belopp { nivå 1 : 500 kr  nivå 2 : 500 kr }'));
        expect(findings).toEqual(['caps-charge-same: Nivå 1 och nivå 2 får samma högsta avgift, 500 kr (2024-01-01); avgiften skiljer inte mellan dem.']);
    });
});

describe('a fee that gives nothing per level is asked without a level', () => {
    test('an example without nivå: 70 % of 2 000 kr is 1 400 kr; the case answer needs no level either', async () => {
        const example = 'exempel utan_nivå "0,7 × 2 000 = 1 400 kr" { datum 2024-06-01  avgift enligt hemtjänst för { inkomst = 2 000 kr }  förväntat 1 400 kr }';
        const { findings, runtime, compiled } = await load(policy('andel 70 %') + example);
        expect(findings).toEqual([]);
        expect(compiled.elements.find((e: { kind: string }) => e.kind === 'example').question).toEqual({ type: 'fee', fee: 'fee/hemtjänst', citizen: [{ attribute: 'attribute/inkomst', value: { number: '2000', unit: 'kr' } }] });
        expect(runExamples(runtime).map(r => r.passed)).toEqual([true]);
        expect(evaluateCase(runtime, { citizen: { inkomst: 2000 }, date: '2024-06-01' }).fees).toEqual([{ fee: 'fee/hemtjänst', amount: '1400' }]);
    });

    test('a fee that charges by level still needs the level: the check says so, and the runtime answers missing-level', async () => {
        const example = 'exempel utan_nivå { datum 2024-06-01  avgift enligt hemtjänst för { inkomst = 2 000 kr }  förväntat 1 000 kr }';
        const { findings, runtime } = await load(policy('andel { nivå 1 : 50 %  nivå 2 : 75 % }') + example);
        expect(findings).toEqual(["fee-question-without-level: Frågan anger ingen nivå, men hemtjänst anger andel per nivå; skriv till exempel 'avgift enligt hemtjänst nivå 1 för { … }'."]);
        expect(() => runtime.fee('hemtjänst', undefined, { inkomst: 2000 }, '2024-06-01')).toThrow(expect.objectContaining({ code: 'missing-level' }));
        expect(evaluateCase(runtime, { citizen: { inkomst: 2000 }, date: '2024-06-01' }).fees).toEqual([expect.objectContaining({ fee: 'fee/hemtjänst', error: expect.objectContaining({ code: 'missing-level' }) })]);
    });

    test('an example that expects missing-level for it is not an error', async () => {
        const example = 'exempel utan_nivå { datum 2024-06-01  avgift enligt hemtjänst för { inkomst = 2 000 kr }  förväntat fel "missing-level" }';
        const { findings, runtime } = await load(policy('andel { nivå 1 : 50 %  nivå 2 : 75 % }') + example);
        expect(findings).toEqual([]);
        expect(runExamples(runtime).map(r => r.passed)).toEqual([true]);
    });
});

describe('a fee without levels is still read on its dates', () => {
    test('a parameter that ends before the fee does is said, as for a fee with levels', async () => {
        const { findings } = await load(policy('andel 70 %').replace('giltig från 2024-01-01 till 2024-12-31', 'giltig från 2024-01-01'));
        expect(findings).toEqual(['no-valid-version: pbb har inget värde 2025-01-01, men hemtjänst gäller då.']);
    });
});
