import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NodeFileSystem } from 'langium/node';
import { afterAll, describe, expect, test } from 'vitest';
import { checkPolicies, createRegelrattServices } from '@regelratt/language';

/** A policy's fees against the national library it imports: minimibelopp, the law it cites, prisbasbelopp per year. */
const scratch = mkdtempSync(path.join(tmpdir(), 'regelratt-national-'));
mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const { Regelratt: services } = createRegelrattServices(NodeFileSystem, { referenceIndex: false });

const prelude = `använd nationellt
egenskap inkomst : belopp per månad
egenskap boendekostnad : belopp per månad
insats hemvård "Hemvård"
`;

async function findings(text: string) {
    const [checked] = await checkPolicies(services, [{ path: path.join(scratch, 'p.regel'), text: prelude + text }]);
    return checked.diagnostics.filter(d => d.code !== 'unused-declaration' && d.code !== 'uncovered-region');
}

function fee(validity: string, room: string, extra = '') {
    return `avgift a {\n    insats hemvård\n    ${validity}\n    avgiftsutrymme ${room}\n    andel 100 %\n    maxtaxa maxtaxa_hemtjänst\n${extra}}\n`;
}

describe('minimibelopp-below-national', () => {
    test('a minimibelopp kept at the 2009 factor after 2022-01-01 is an error naming the date and both amounts', async () => {
        const found = await findings(fee('giltig från 2021-01-01 till 2022-12-31', 'inkomst − boendekostnad − 1,3546 × prisbasbelopp / 12'));
        expect(found.map(d => [d.code, d.severity, d.line])).toEqual([['minimibelopp-below-national', 'error', 8]]);
        // 1,3546 × 48 300 / 12 = 5 452,265 against 1,4045 × 48 300 / 12 = 5 653,1125.
        expect(found[0].message).toBe('Den 2022-01-01 är minimibeloppet i avgiften a 5 452,265 kr, lägre än det nationella minimibeloppet för ensamstående, 5 653,1125 kr (biblioteket nationellt). Kommunen får sätta det högre, aldrig lägre.');
    });

    test('the same factor while it was the law\'s, and the national one afterwards, are no finding', async () => {
        expect(await findings(fee('giltig från 2019-01-01 till 2021-12-31', 'inkomst − boendekostnad − 1,3546 × prisbasbelopp / 12'))).toEqual([]);
        expect(await findings(fee('giltig från 2021-01-01 till 2024-12-31', 'inkomst − boendekostnad − minimibelopp_ensamstående'))).toEqual([]);
    });

    test('a minimibelopp higher than the law\'s, or rounded down to whole kronor, is no finding', async () => {
        expect(await findings(fee('giltig från 2024-01-01 till 2024-12-31', 'inkomst − boendekostnad − 7 500 kr'))).toEqual([]);
        // 1,4789 × 57 300 / 12 = 7 061,74…: the published 7 061 rounded down is not below it in whole kronor; 7 060 is.
        expect(await findings(fee('giltig från 2024-01-01 till 2024-12-31', 'inkomst − boendekostnad − 7 061 kr'))).toEqual([]);
        expect((await findings(fee('giltig från 2024-01-01 till 2024-12-31', 'inkomst − boendekostnad − 7 060 kr'))).map(d => d.code)).toEqual(['minimibelopp-below-national']);
    });
});

describe('minimibelopp-below-national-for-some', () => {
    const couples = 'egenskap sammanboende "Sammanboende" : ja/nej\n';
    const choice = (together: string, alone: string) => `${couples}beräkning minimibelopp "Minimibelopp" = om sammanboende så ${together} annars ${alone}\n`;

    test('a couple\'s branch below the lowest national minimibelopp is an error naming a citizen it is reserved for', async () => {
        const found = await findings(choice('5 000 kr', 'minimibelopp_ensamstående') + fee('giltig från 2024-01-01 till 2024-12-31', 'inkomst − boendekostnad − minimibelopp'));
        expect(found.map(d => [d.code, d.severity])).toEqual([['minimibelopp-below-national-for-some', 'error']]);
        // 1,2066 × 57 300 / 12 = 5 761,515 for each of a couple in 2024 (the published 5 762 kr, rounded).
        expect(found[0].message).toBe('Den 2024-01-01 reserverar avgiften a 5 000 kr som minimibelopp för sammanboende = ja, lägre än det lägsta nationella minimibeloppet, 5 761,515 kr för var och en av sammanlevande (biblioteket nationellt). Kommunen får sätta det högre, aldrig lägre.');
        expect(found[0].witness?.example).toMatchObject({ sammanboende: 'ja' });
    });

    test('the choice written in the avgiftsutrymme itself is followed as well', async () => {
        const found = await findings(couples + fee('giltig från 2024-01-01 till 2024-12-31', 'inkomst − boendekostnad − (om sammanboende så minimibelopp_sammanlevande annars 4 000 kr)'));
        expect(found.map(d => d.code)).toEqual(['minimibelopp-below-national-for-some']);
        expect(found[0].message).toContain('för sammanboende = nej');
    });

    test('each branch at the national amount for whom it is for, or a branch no citizen reaches, is no finding', async () => {
        expect(await findings(choice('minimibelopp_sammanlevande', 'minimibelopp_ensamstående') + fee('giltig från 2024-01-01 till 2024-12-31', 'inkomst − boendekostnad − minimibelopp'))).toEqual([]);
        // Only where the law's amounts are not yet what the branch holds: 2024's 5 761,515 kr for a couple, 5 900 kr is above it.
        expect(await findings(choice('5 900 kr', 'minimibelopp_ensamstående') + fee('giltig från 2024-01-01 till 2024-12-31', 'inkomst − boendekostnad − minimibelopp'))).toEqual([]);
        const unreachable = 'egenskap ålder "Ålder" : heltal 18–120 år\nberäkning minimibelopp "Minimibelopp" = om ålder < 18 år så 1 000 kr annars minimibelopp_ensamstående\n';
        expect(await findings(unreachable + fee('giltig från 2024-01-01 till 2024-12-31', 'inkomst − boendekostnad − minimibelopp'))).toEqual([]);
    });
});

describe('law-replaced', () => {
    const laws = 'lag SoL "Socialtjänstlagen (2001:453)"\ninsats hemtjänst "Hemtjänst" enligt SoL 4 kap 1 §\n';
    const withService = (validity: string) => laws + fee(validity, 'inkomst − boendekostnad − minimibelopp_ensamstående').replace('insats hemvård', 'insats hemtjänst');

    test('a fee in force after 2025-06-30 whose insats cites SoL (2001:453) gets a hint naming the new law\'s paragraph', async () => {
        const found = await findings(withService('giltig från 2025-01-01 till 2026-12-31'));
        expect(found.map(d => [d.code, d.severity])).toEqual([['law-replaced', 'hint']]);
        expect(found[0].message).toBe('Avgiften a gäller även från 2025-07-01, men insatsen hemtjänst vilar på 4 kap. 1 § i Socialtjänstlagen (2001:453), som upphävdes 2025-07-01; i Socialtjänstlag (2025:400) motsvaras den av 11 kap. 1 §.');
    });

    test('a fee that ends before the new law, or that cites the new law, gets none', async () => {
        expect(await findings(withService('giltig från 2025-01-01 till 2025-06-30'))).toEqual([]);
        const current = 'insats hemtjänst "Hemtjänst" enligt SoL2025 11 kap 1 §\n' + fee('giltig från 2025-07-01 till 2026-12-31', 'inkomst − boendekostnad − minimibelopp_ensamstående').replace('insats hemvård', 'insats hemtjänst');
        expect(await findings(current)).toEqual([]);
    });
});

describe('a year in force without a prisbasbelopp', () => {
    test('is no-valid-version, from the library\'s prisbasbelopp', async () => {
        const found = await findings(fee('giltig från 2026-01-01 till 2027-12-31', 'inkomst − boendekostnad − minimibelopp_ensamstående'));
        expect(found.map(d => d.code)).toEqual(['no-valid-version']);
        expect(found[0].message).toContain('2027-01-01');
        expect(await findings(fee('giltig från 2026-01-01 till 2026-12-31', 'inkomst − boendekostnad − minimibelopp_ensamstående'))).toEqual([]);
    });
});

describe('a fee above the national maxtaxa', () => {
    const room = 'inkomst − boendekostnad − minimibelopp_ensamstående';
    const withCeiling = (validity: string, ceiling: string, extra = '') => fee(validity, room, extra).replace('maxtaxa maxtaxa_hemtjänst', `maxtaxa ${ceiling}`);
    const without = (validity: string, extra: string) => fee(validity, room, extra).replace('    maxtaxa maxtaxa_hemtjänst\n', '');

    test('a maxtaxa rounded up, or kept at an old prisbasbelopp\'s figure, is an error naming the date and both amounts', async () => {
        // 0,5392 × 48 300 / 12 = 2 170,28 in 2022: 2 171 kr is above it.
        const found = await findings(withCeiling('giltig från 2022-01-01 till 2022-12-31', '2 171 kr'));
        expect(found.map(d => [d.code, d.severity, d.line])).toEqual([['maxtaxa-above-national', 'error', 10]]);
        expect(found[0].message).toBe('Den 2022-01-01 är maxtaxan i avgiften a 2 171 kr, högre än den nationella maxtaxan för hemtjänst och dagverksamhet, 2 170,28 kr (biblioteket nationellt). Kommunen får sätta den lägre, aldrig högre.');
        // A factor above the law's.
        expect((await findings(withCeiling('giltig från 2024-01-01 till 2024-12-31', '0,54 × prisbasbelopp / 12'))).map(d => d.code)).toEqual(['maxtaxa-above-national']);
    });

    test('the national maxtaxa, or one rounded down to whole kronor, is no finding', async () => {
        expect(await findings(withCeiling('giltig från 2022-01-01 till 2022-12-31', '2 170 kr'))).toEqual([]);
        expect(await findings(withCeiling('giltig från 2019-01-01 till 2026-12-31', 'maxtaxa_hemtjänst'))).toEqual([]);
        // 2 170 kr was below the maxtaxa of 2022, and is below every later one as the prisbasbelopp rose.
        expect(await findings(withCeiling('giltig från 2022-01-01 till 2026-12-31', '2 170 kr'))).toEqual([]);
    });

    test('a maxtaxa of the municipality\'s own is compared on each day it or the national one changes', async () => {
        // 2 100 kr in 2021 is below the law's 2 138,83 kr; 2 200 kr from 2022 is above its 2 170,28 kr.
        const own = 'parameter tak : belopp {\n    från 2021-01-01 till 2021-12-31 : 2 100 kr\n    från 2022-01-01 : 2 200 kr\n}\n';
        const found = await findings(own + withCeiling('giltig från 2021-01-01 till 2022-12-31', 'tak'));
        expect(found.map(d => d.code)).toEqual(['maxtaxa-above-national']);
        expect(found[0].message).toContain('Den 2022-01-01 är maxtaxan i avgiften a 2 200 kr');
    });

    test('a fee without a maxtaxa whose level charges more than the national one gets a warning naming the level; within it, none', async () => {
        const flat = (amounts: string) => `avgift a {\n    insats hemvård\n    giltig från 2024-01-01 till 2024-12-31\n    belopp { ${amounts} }\n}\n`;
        const found = await findings(flat('nivå 1 : 500 kr  nivå 2 : 3 000 kr'));
        expect(found.map(d => [d.code, d.severity])).toEqual([['fee-level-above-maxtaxa', 'warning']]);
        // 0,5392 × 57 300 / 12 = 2 574,68 in 2024.
        expect(found[0].message).toContain('nivå 2 tar upp till 3 000 kr, mer än den nationella maxtaxan för hemtjänst och dagverksamhet, 2 574,68 kr den 2024-01-01');
        expect(await findings(flat('nivå 1 : 500 kr  nivå 2 : 2 500 kr'))).toEqual([]);
        // A takbelopp below the maxtaxa bounds a share of the avgiftsutrymme as well.
        expect(await findings(without('giltig från 2024-01-01 till 2024-12-31', '    takbelopp { nivå 1 : 1 000 kr  nivå 2 : 2 000 kr }\n'))).toEqual([]);
    });

    test('a share of the avgiftsutrymme with no maxtaxa and no takbelopp grows with income: a warning', async () => {
        const found = await findings(without('giltig från 2024-01-01 till 2024-12-31', ''));
        expect(found.map(d => [d.code, d.severity])).toEqual([['fee-without-maxtaxa', 'warning']]);
        expect(found[0].message).toBe('Avgiften a har ingen maxtaxa: den växer med avgiftsutrymmet och kan bli högre än den nationella maxtaxan för hemtjänst och dagverksamhet, 2 574,68 kr den 2024-01-01. Ange maxtaxan (maxtaxa maxtaxa_hemtjänst) om avgiften omfattas av den.');
        const byLevel = `avgift a {\n    insats hemvård\n    giltig från 2024-01-01 till 2024-12-31\n    avgiftsutrymme ${room}\n    andel { nivå 1 : 50 %  nivå 2 : 80 % }\n}\n`;
        const partly = await findings(byLevel);
        expect(partly.map(d => d.code)).toEqual(['fee-without-maxtaxa']);
        expect(partly[0].message).toContain('och inget takbelopp för nivå 1');
    });
});
