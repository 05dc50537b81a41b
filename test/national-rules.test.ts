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
