import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExactNumber } from '@regelratt/format';
import { reasonFor } from '@regelratt/document';
import { PolicyRuntime } from '@regelratt/runtime';
import { NodeFileSystem } from 'langium/node';
import { beforeAll, describe, expect, test } from 'vitest';
import { ast, checkPolicies, compilePolicy, createRegelrattServices, type CheckedPolicy } from '@regelratt/language';

/**
 * The national library's figures, each pinned with the source it was read in. A figure marked
 * "derived" is computed from pinned ones and stated by no source read; docs/national-library.md
 * lists the sources and what is not verified. Public amounts are compared after rounding to whole
 * kronor half up, as every municipality's published amount is rounded; the library keeps the exact
 * twelfth the law states.
 */
const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let checked: CheckedPolicy[];
let runtime: PolicyRuntime;

beforeAll(async () => {
    const { Regelratt } = createRegelrattServices(NodeFileSystem, { referenceIndex: false });
    checked = await checkPolicies(Regelratt, [{ path: path.join(repository, '.library-test/p.regel'), text: 'använd nationellt\n' }]);
    runtime = new PolicyRuntime(checked.map(c => compilePolicy(c.document.parseResult.value, c.library?.file ?? 'p.regel')));
});

const value = (id: string, date: string) => runtime.evaluate({ ref: id }, { date });
const kronor = (id: string, date: string) => ExactNumber.parse(value(id, date)).round({ unit: 'krona', mode: 'half-up' }).toDecimal();

describe('the library itself', () => {
    test('has a version, and checks clean as a policy set of its own', async () => {
        const manifest = JSON.parse(readFileSync(path.join(repository, 'packages/language/library/nationellt/bibliotek.json'), 'utf8')) as { version: string };
        expect(manifest.version).toMatch(/^\d{4}\.\d+$/);
        const { Regelratt } = createRegelrattServices(NodeFileSystem, { referenceIndex: false });
        const folder = path.join(repository, 'packages/language/library/nationellt');
        const files = ['avgifter.regel', 'lagar.regel', 'prisbasbelopp.regel'].map(name => ({ path: path.join(folder, name), text: readFileSync(path.join(folder, name), 'utf8') }));
        const own = await checkPolicies(Regelratt, files);
        expect(own.flatMap(c => c.diagnostics.filter(d => d.severity !== 'info'))).toEqual([]);
    });

    test('every version of every parameter names its source', () => {
        const versions = checked.filter(c => c.library).flatMap(c => c.document.parseResult.value.elements.filter(ast.isParameter).flatMap(p => p.versions.map(v => [p.name, v.from, v.authority])));
        expect(versions.length).toBeGreaterThan(20);
        expect(versions.filter(([, , authority]) => !authority)).toEqual([]);
    });
});

describe('prisbasbelopp, 2015–2026', () => {
    // [year, kronor, the förordning or what stands for it, where the amount was read]
    const years: Array<[number, string, string, string]> = [
        [2015, '44500', 'ej verifierat', 'skattenatet.ey.se 2014-10-27: "Prisbasbeloppet för 2015 är fastställt till 44 500 kr"'],
        [2016, '44300', 'SFS 2015:536', 'offentligaaffarer.se; SFS number from the footnote of SFS 2016:863'],
        [2017, '44800', 'SFS 2016:863', 'data.riksdagen.se H4B1863'],
        [2018, '45500', 'SFS 2017:865', 'lagboken.se SFS 2017:865'],
        [2019, '46500', 'ej verifierat', 'revisi.se prisbasbelopp 2020: "(2019: 46 500 kronor)"'],
        [2020, '47300', 'ej verifierat', 'revisi.se prisbasbelopp 2020'],
        [2021, '47600', 'SFS 2020:764', 'akeri.se; SFS 2021:866 footnote "Senaste förordning i ämnet 2020:764"'],
        [2022, '48300', 'SFS 2021:866', 'rkrattsbaser.gov.se sfst?bet=2021:866'],
        [2023, '52500', 'ej verifierat', 'redeko.net, kungalvsrevision.se'],
        [2024, '57300', 'ej verifierat', 'fremia.se, regeringen.se press release 2023-09'],
        [2025, '58800', 'ej verifierat', 'foretagarna.se'],
        [2026, '59200', 'SFS 2025:872', 'laglio.se sfs-2025-872'],
    ];
    test.each(years)('%i: %s kr (%s), read in %s', (year, amount, authority) => {
        expect(value('parameter/prisbasbelopp', `${year}-01-01`)).toBe(amount);
        expect(value('parameter/prisbasbelopp', `${year}-12-31`)).toBe(amount);
        const parameter = checked.flatMap(c => c.document.parseResult.value.elements).filter(ast.isParameter).find(p => p.name === 'prisbasbelopp')!;
        expect(parameter.versions.find(v => v.from === `${year}-01-01`)?.authority).toContain(authority);
    });

    test('no prisbasbelopp before 2015 or after 2026: the runtime says so rather than guess', () => {
        expect(() => value('parameter/prisbasbelopp', '2014-12-31')).toThrow();
        expect(() => value('parameter/prisbasbelopp', '2027-01-01')).toThrow();
    });
});

describe('maxtaxa: 0,5392 (hemtjänst) and 0,5539 (särskilt boende) of the prisbasbelopp per year, from 2016-07-01', () => {
    test.each([
        ['2016-07-01', '0.5392', '0.5539', 'SFS 2015:967 (open.karnovgroup.se)'],
        ['2017-03-01', '0.5392', '0.5539', 'SFS 2017:47 (open.karnovgroup.se, lagboken.se)'],
        ['2025-07-01', '0.5392', '0.5539', 'SFS 2025:400 32 kap. 6 § (se-lex/sfs-processor)'],
    ])('on %s: %s and %s, %s', (date, home, housing) => {
        expect(value('parameter/maxtaxa_faktor_hemtjänst', date)).toBe(home);
        expect(value('parameter/maxtaxa_faktor_särskilt_boende', date)).toBe(housing);
    });

    // The monthly maxtaxa municipalities published, rounded to whole kronor.
    test.each([
        ['2017-06-01', '2013', 'studylibsv.com, Förklaring till uträkning av maxtaxan 2017'],
        ['2018-06-01', '2044', 'Bollebygd 2018'],
        ['2019-06-01', '2089', 'Bollebygd 2019'],
        ['2020-06-01', '2125', 'Ystad 2020'],
        ['2021-06-01', '2139', 'Klippan 2021'],
        ['2022-06-01', '2170', 'Trelleborg 2022'],
        ['2023-06-01', '2359', 'Göteborg 2023'],
        ['2024-06-01', '2575', 'Älvdalen, Vellinge, Vaxholm 2024'],
    ])('on %s the maxtaxa for hemtjänst is %s kr, as published by %s', (date, amount) => {
        expect(kronor('calculation/maxtaxa_hemtjänst', date)).toBe(amount);
    });

    test('särskilt boende 2018 and 2019: 2 100 and 2 146 kr, as published by Bollebygd', () => {
        expect(kronor('calculation/maxtaxa_särskilt_boende', '2018-06-01')).toBe('2100');
        expect(kronor('calculation/maxtaxa_särskilt_boende', '2019-06-01')).toBe('2146');
    });

    test('no maxtaxa factor before 2016-07-01 (the earlier 0,48 is not verified)', () => {
        expect(() => value('parameter/maxtaxa_faktor_hemtjänst', '2016-06-30')).toThrow();
    });
});

describe('minimibelopp: every change of the factors, single and each of a couple', () => {
    test.each([
        ['2009-01-01', '1.3546', '1.1446', 'SFS 2008:1424 (open.karnovgroup.se, lagboken.se)'],
        ['2021-12-31', '1.3546', '1.1446', 'SFS 2017:47 wording (open.karnovgroup.se)'],
        ['2022-01-01', '1.4045', '1.1694', 'derived: SFS 2022:935 minus its step of 0,0496 / 0,0248; gives Haninge\'s published 2022 amounts'],
        ['2022-08-01', '1.4541', '1.1942', 'SFS 2022:935 (lagar.nj.se)'],
        ['2023-01-01', '1.4789', '1.2066', 'date assumed; factors as in SFS 2025:400 32 kap. 8 § and the published 2023–2024 amounts'],
        ['2025-07-01', '1.4789', '1.2066', 'SFS 2025:400 32 kap. 8 § (se-lex/sfs-processor)'],
    ])('from %s: %s and %s, %s', (date, single, couple) => {
        expect(value('parameter/minimibelopp_faktor_ensamstående', date)).toBe(single);
        expect(value('parameter/minimibelopp_faktor_sammanlevande', date)).toBe(couple);
    });

    // The monthly minimibelopp municipalities published, rounded to whole kronor.
    test.each([
        ['2017-06-01', '5057', '4273', 'studylibsv.com 2017'],
        ['2018-06-01', '5136', '4340', 'Bollebygd 2018'],
        ['2021-06-01', '5373', '4540', 'Klippan, Bollnäs 2021'],
        ['2022-03-01', '5653', '4707', 'Haninge, updated 2022-01-18'],
        ['2023-06-01', '6470', '5279', 'Lycksele 2023'],
        ['2024-06-01', '7062', '5762', 'Älvdalen, Vaxholm 2024'],
    ])('on %s: %s kr single, %s kr each of a couple, as published by %s', (date, single, couple) => {
        expect(kronor('calculation/minimibelopp_ensamstående', date)).toBe(single);
        expect(kronor('calculation/minimibelopp_sammanlevande', date)).toBe(couple);
    });
});

describe('the laws', () => {
    test('SoL (2001:453) is in force until 2025-06-30 and replaced by SoL (2025:400); its fee paragraphs map to 32 kap.', () => {
        const laws = checked.flatMap(c => c.document.parseResult.value.elements).filter(ast.isLaw);
        const old = laws.find(law => law.title.includes('2001:453'))!;
        expect(old.validity?.to).toBe('2025-06-30');
        expect(old.replacedBy?.ref?.title).toBe('Socialtjänstlag (2025:400)');
        const mapped = old.correspondences.map(c => `${c.chapter} kap ${c.section} § → ${c.target.chapter} kap ${c.target.section} §`);
        // SFS 2025:400 as read in se-lex/sfs-processor; 8:5 and 8:7 compared as text, the others by subject (docs/research/national-fee-figures.md §4).
        expect(mapped).toContain('8 kap 5 § → 32 kap 6 §');
        expect(mapped).toContain('8 kap 7 § → 32 kap 8 §');
        expect(mapped).toContain('4 kap 1 § → 11 kap 1 §');
        expect(laws.find(law => law.title.includes('2025:400'))?.validity?.from).toBe('2025-07-01');
    });
});

describe('the units of the library’s amounts', () => {
    test('prisbasbelopp is per year, and a yearly amount divided by 12 is per month: the maxtaxa and minimibelopp are kr/mån', () => {
        const find = (name: string) => checked.flatMap(c => compilePolicy(c.document.parseResult.value, c.library?.file ?? 'p.regel').elements).find(e => e.name === name);
        const prisbasbelopp = find('prisbasbelopp');
        expect(prisbasbelopp?.kind === 'parameter' && prisbasbelopp.versions.every(v => v.value.per === 'year')).toBe(true);
        for (const name of ['maxtaxa_hemtjänst', 'maxtaxa_särskilt_boende', 'minimibelopp_ensamstående', 'minimibelopp_sammanlevande']) {
            const calculation = find(name);
            expect(calculation?.kind === 'calculation' ? calculation.unit : undefined, name).toEqual({ of: 'kr', per: 'month' });
        }
        // The reason says what the law says: a sum per month, from a prisbasbelopp per year.
        const reason = reasonFor(runtime, { type: 'calculation', calculation: 'maxtaxa_hemtjänst', citizen: {}, date: '2024-05-01' }, 'sv');
        expect(reason.decision.replace(/\u00a0/g, ' ')).toBe('Maxtaxa per månad för hemtjänst och dagverksamhet: 2 574,68 kr/mån.');
        expect(reason.steps.map(step => step.replace(/\u00a0/g, ' '))).toContain('Prisbasbelopp: 57 300 kr/år (gäller 2024-01-01–2024-12-31)');
    });
});
