import { EmptyFileSystem } from 'langium';
import { describe, expect, test } from 'vitest';
import { checkPolicies, createRegelrattServices } from '@regelratt/language';

/**
 * A fee written the way municipalities publish it, a share per level from a decision table times the
 * avgiftsutrymme, capped by a takbelopp column and the maxtaxa: the checker proves it never falls as
 * the level rises, and finds the citizen for whom a planted fall shows (it said "kan inte avgöras").
 */
const policy = (level3: string) => `
egenskap inkomst "Inkomst" : belopp per månad
parameter maxtaxa_p "Maxtaxa" : belopp { från 2024-01-01 : 2 575 kr/mån }
beslutstabell nivåandel "Andel och tak per nivå" {
    nivåer 1–3
    | nivå || andel | tak          |
    | 1    || 70 %  | 1 000 kr/mån |
    | 2    || 80 %  | 2 000 kr/mån |
    | 3    || ${level3} |
}
beräkning avgiftsutrymme_x "Avgiftsutrymme" = max(0 kr, inkomst − 7 000 kr)
beräkning nivåavgift "Avgift" = min(nivåandel.andel × avgiftsutrymme_x, nivåandel.tak, maxtaxa_p)
`;

async function findings(text: string) {
    const { Regelratt } = createRegelrattServices(EmptyFileSystem);
    const [checked] = await checkPolicies(Regelratt, [{ path: '/avgift/a.regel', text }]);
    return checked.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning').map(d => `${d.code}: ${d.message}`);
}

describe('a share per level times the avgiftsutrymme', () => {
    test('shares and caps rising with the level: proved; only level 3\'s takbelopp, above the maxtaxa, is said never to decide', async () => {
        expect(await findings(policy('90 %  | 3 000 kr/mån'))).toEqual([
            'calculation-cap-row-never-binds: Taket nivåandel.tak i nivåavgift avgör aldrig för nivå 3: där är det 3 000 kr, och maxtaxa_p är som högst 2 575 kr.',
        ]);
    });

    test('a share that falls at level 3: the fee falls for a citizen with an income the checker names', async () => {
        const found = await findings(policy('60 %  | 3 000 kr/mån'));
        expect(found).toContain('calculation-falls-as-need-rises: nivåavgift sjunker när nivån ökar (2024-01-01): nivå 2, inkomst = 10 000 ger 2 000 kr/mån, men nivå 3, inkomst = 10 000 ger 1 800 kr/mån.');
        expect(found.some(f => f.startsWith('calculation-need-undecided'))).toBe(false);
    });
});
